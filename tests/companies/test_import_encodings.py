"""Imports do not garble text (issue 11): the CSV's encoding is detected (UTF-8 first), named
on the preview, and may be changed there; the confirmation stores what the preview showed."""

import codecs
import html
import re

import pytest
from sqlmodel import select

from pitchlab.models import Company

FILES = {
    # id: (encoding to write, names, label the preview must name)
    "latin-1": ("latin_1", ["Zürich Robotics", "Genève Labs", "Malmö Vision"], "ISO-8859-1"),
    "windows-1252": (
        "cp1252",
        ["“Smart” Quotes AI", "Euro € Robotics", "Café – Systems"],
        "Windows-1252",
    ),
    "gb18030": ("gb18030", ["深度求索", "月之暗面", "智谱华章"], "GB18030"),
    "utf-8": ("utf-8", ["Zürich Robotics", "深度求索", "“Smart” Quotes AI"], "UTF-8"),
    "utf-8 with BOM": ("utf-8-sig", ["Zürich Robotics", "深度求索", "Euro € Robotics"], "UTF-8"),
}


def _csv(names: list[str], encoding: str) -> bytes:
    text = "name,stage,location\n" + "".join(f"{name},seed,Somewhere\n" for name in names)
    return text.encode(encoding)


def _preview(client, data: bytes):
    return client.post(
        "/companies/import/preview", files={"file": ("companies.csv", data, "text/csv")}
    )


def _field(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


def _used(page: str) -> str:
    found = re.search(r'<p id="import-encoding-used">(.*?)</p>', page, re.DOTALL).group(1)
    return html.unescape(" ".join(found.split()))


def _selected(page: str) -> str:
    select = re.search(r'<select id="import-encoding".*?</select>', page, re.DOTALL).group(0)
    return re.search(r'<option value="([^"]+)" selected>', select).group(1)


def _confirm(client, page: str) -> None:
    lines = re.findall(r'name="line" value="(\d+)"', page)
    done = client.post(
        "/companies/import/confirm", data={"rows": _field(page, "rows"), "line": lines}
    )
    assert done.status_code == 200


def _stored(session, names: list[str]) -> list[str]:
    session.rollback()
    statement = select(Company.name).where(Company.location == "Somewhere")
    return sorted(session.exec(statement))


@pytest.mark.parametrize("kind", FILES)
def test_csv_encoding_is_detected_named_and_kept(admin_client, session, kind):
    encoding, names, label = FILES[kind]
    data = _csv(names, encoding)
    assert data.startswith(codecs.BOM_UTF8) == (kind == "utf-8 with BOM")
    page = _preview(admin_client, data).text
    assert _used(page).startswith(f"Read as {label}")
    for name in names:
        assert html.escape(name, quote=False) in page
    _confirm(admin_client, page)
    assert _stored(session, names) == sorted(names)


def test_preview_reads_again_in_the_chosen_encoding_and_confirm_uses_it(admin_client, session):
    data = _csv(["Genève Labs"], "latin_1")
    first = _preview(admin_client, data).text
    assert _selected(first) == "latin_1" and "Genève Labs" in first
    again = admin_client.post(
        "/companies/import/preview",
        data={"source": _field(first, "source"), "encoding": "cp1250"},
    )
    assert again.status_code == 200
    page = again.text
    assert _used(page).startswith("Read as Windows-1250 (Central European)")
    assert _selected(page) == "cp1250"
    assert "Genčve Labs" in page  # 0xE8 is č in Central European Windows
    _confirm(admin_client, page)
    assert _stored(session, ["Genčve Labs"]) == ["Genčve Labs"]


def test_a_changed_source_token_is_refused(admin_client):
    first = _preview(admin_client, _csv(["Zürich Robotics"], "latin_1")).text
    source = _field(first, "source")
    forged = source[:-3] + ("AAA" if not source.endswith("AAA") else "BBB")
    response = admin_client.post(
        "/companies/import/preview", data={"source": forged, "encoding": "utf-8"}
    )
    assert response.status_code == 422
    assert "The preview expired or was changed" in response.text


def test_an_encoding_that_cannot_read_the_file_says_so(admin_client):
    first = _preview(admin_client, _csv(["Zürich Robotics"], "latin_1")).text
    response = admin_client.post(
        "/companies/import/preview", data={"source": _field(first, "source"), "encoding": "utf-8"}
    )
    assert response.status_code == 422
    assert "cannot be read as UTF-8; choose another encoding" in response.text


def test_encoding_chosen_at_upload_is_used(admin_client):
    page = admin_client.post(
        "/companies/import/preview",
        files={"file": ("companies.csv", _csv(["Genève Labs"], "latin_1"), "text/csv")},
        data={"encoding": "cp1250"},
    ).text
    assert _used(page).startswith("Read as Windows-1250")
    assert "Genčve Labs" in page
