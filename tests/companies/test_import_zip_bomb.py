"""Uploads with bounded memory (issue 11): a small XLSX that unpacks to hundreds of MB is
refused from its zip directory, before openpyxl reads a part."""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from sqlmodel import func, select

from pitchlab.models import Company
from pitchlab.uploads import (
    MAX_COMPRESSION_RATIO,
    MAX_MEMBER_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_ZIP_MEMBERS,
    UnsafeArchive,
    check_zip_archive,
)

MB = 1024 * 1024
SST_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
# Peak Python memory while the server answers; the unchecked import of the bomb below takes
# hundreds of MB (shared strings are read whole, as Python strings).
PEAK_LIMIT = 20 * MB


def _plain_xlsx(names: list[str]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["name"])
    for name in names:
        workbook.active.append([name])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _with_shared_strings(name: str, content: bytes) -> bytes:
    """openpyxl writes inline strings; Excel writes shared strings, which the bomb needs."""
    text = content.decode()
    if name == "[Content_Types].xml":
        text = text.replace(
            "</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>',
        )
    elif name == "xl/_rels/workbook.xml.rels":
        text = text.replace(
            "</Relationships>",
            f'<Relationship Id="rIdSst" Type="{SST_REL}" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
    elif name == "xl/worksheets/sheet1.xml":
        text = text.replace('t="inlineStr"><is><t>name</t></is>', 't="s"><v>0</v>')
        text = text.replace('t="inlineStr"><is><t>Bomb Co</t></is>', 't="s"><v>1</v>')
    return text.encode()


def _bomb_xlsx(*, unpacked_mb: int) -> bytes:
    """An XLSX whose shared strings unpack to `unpacked_mb` MB; the file itself is about 1/1000
    of that, and is written in chunks so the test itself stays small."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_plain_xlsx(["Bomb Co"]))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for member in source.infolist():
            bomb.writestr(member, _with_shared_strings(member.filename, source.read(member)))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(SST_HEAD + b"<si><t>name</t></si><si><t>Bomb Co</t></si>")
            # Strings of 4 MB, under libxml2's 10 MB limit on one text node.
            for _ in range(unpacked_mb // 4):
                part.write(b"<si><t>")
                for _ in range(4):
                    part.write(b"A" * MB)
                part.write(b"</t></si>")
            part.write(b"</sst>")
    return out.getvalue()


def _company_count(session) -> int:
    session.rollback()
    return session.exec(select(func.count()).select_from(Company)).one()


def test_xlsx_bomb_is_refused_before_parsing_with_bounded_memory(admin_client, session):
    bomb = _bomb_xlsx(unpacked_mb=500)
    assert len(bomb) < 1 * MB  # under the upload limit: only the unpacked size gives it away
    before = _company_count(session)
    tracemalloc.start()
    try:
        response = admin_client.post(
            "/companies/import/preview",
            files={"file": ("companies.xlsx", bomb, "application/octet-stream")},
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 422
    assert "unpacks to more than 32 MB; it was not opened." in response.text
    assert peak < PEAK_LIMIT, f"peak {peak / MB:.1f} MB"
    assert _company_count(session) == before


def test_ordinary_xlsx_still_imports(admin_client):
    response = admin_client.post(
        "/companies/import/preview",
        files={"file": ("companies.xlsx", _plain_xlsx(["Larch Systems"]), "application/x")},
    )
    assert response.status_code == 200 and "Larch Systems" in response.text


def _zip(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "limits", "message"),
    [
        (
            _zip({f"part{n}.xml": b"<a/>" for n in range(MAX_ZIP_MEMBERS + 1)}),
            {},
            f"more than {MAX_ZIP_MEMBERS} parts",
        ),
        (
            _zip({"x.xml": b"a" * (2 * MB)}),
            {},
            f"compressed more than {MAX_COMPRESSION_RATIO} times",
        ),
        (
            _zip({"x.bin": b"a" * (2 * MB)}, method=zipfile.ZIP_STORED),
            {"max_member_bytes": MB},
            "A part of the file unpacks to more than 1 MB",
        ),
        (
            _zip({f"{n}.bin": b"a" * MB for n in range(3)}, method=zipfile.ZIP_STORED),
            {"max_unpacked_bytes": 2 * MB},
            "The file unpacks to more than 2 MB",
        ),
        (b"PK\x03\x04 not a zip at all", {}, "not a readable zip archive"),
    ],
    ids=["members", "ratio", "member-size", "total", "garbage"],
)
def test_check_zip_archive_names_the_limit(data, limits, message):
    with pytest.raises(UnsafeArchive, match=message):
        check_zip_archive(data, **limits)


def test_check_zip_archive_accepts_a_real_workbook():
    assert check_zip_archive(_plain_xlsx(["Larch Systems"])) is None
    assert MAX_UNPACKED_BYTES >= 2 * MAX_MEMBER_BYTES
