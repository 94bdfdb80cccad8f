"""Importing companies from CSV or XLSX: a preview that marks bad rows, then only what is kept."""

import io
import re

import openpyxl
import pytest
from sqlmodel import func, select

from pitchlab.companies.importing import MAX_IMPORT_ROWS
from pitchlab.models import Company

HEADER = "name,stage,status,tags,website\n"
GOOD_AND_BAD = (
    HEADER
    + 'Nightjar Labs,series-a,screening,"llm, agents",https://nightjar.example\n'  # line 2: ok
    + ",seed,,,\n"  # 3: no name
    + "Orchard AI,series-z,,,\n"  # 4: stage
    + "Clausemint,seed,,,\n"  # 5: exists
    + "Nightjar labs,seed,,,\n"  # 6: in file
    + "Pinecone Robotics,Series B,,robotics,\n"  # 7: ok
    + "Quillwork,seed,,,not a url\n"  # 8: website
)


def _upload(client, content: bytes, filename: str = "companies.csv"):
    return client.post(
        "/companies/import/preview", files={"file": (filename, content, "application/octet-stream")}
    )


def _line(html: str, line: int) -> str:
    return re.search(rf'<tr id="line-{line}".*?</tr>', html, re.DOTALL).group(0)


def _count(session, name: str) -> int:
    session.rollback()
    return session.exec(select(func.count()).select_from(Company).where(Company.name == name)).one()


def test_preview_marks_each_bad_row_and_why(admin_client):
    response = _upload(admin_client, GOOD_AND_BAD.encode())
    assert response.status_code == 200
    html = response.text
    assert "2 rows can be imported" in html and "5 rows have a problem" in html
    assert "import-ok" in _line(html, 2) and "import-ok" in _line(html, 7)
    assert "The name is missing." in _line(html, 3)
    assert "Unknown stage “series-z”" in _line(html, 4)
    assert "A company with this name already exists." in _line(html, 5)
    assert "Duplicate of line 2 in this file." in _line(html, 6)
    assert "website:" in _line(html, 8)
    assert "Series B" in _line(html, 7)  # "Series B" read as the stage series-b


def test_confirm_imports_only_the_ticked_good_rows(admin_client, session):
    html = _upload(admin_client, GOOD_AND_BAD.encode()).text
    token = re.search(r'name="rows" value="([^"]+)"', html).group(1)
    # Line 7 unticked; line 4 (bad) smuggled in: it is not in the signed rows, so it is ignored.
    done = admin_client.post("/companies/import/confirm", data={"rows": token, "line": ["2", "4"]})
    assert done.status_code == 200 and "1 company added." in done.text
    assert _count(session, "Nightjar Labs") == 1
    assert _count(session, "Pinecone Robotics") == 0 and _count(session, "Orchard AI") == 0
    session.rollback()
    nightjar = session.exec(select(Company).where(Company.name == "Nightjar Labs")).one()
    assert (nightjar.stage, nightjar.tags) == ("series-a", "llm,agents")
    again = admin_client.post("/companies/import/confirm", data={"rows": token, "line": ["2"]})
    assert "0 companies added." in again.text and "Nightjar Labs" in again.text  # skipped


def test_a_changed_preview_is_refused(admin_client, session):
    html = _upload(admin_client, GOOD_AND_BAD.encode()).text
    token = re.search(r'name="rows" value="([^"]+)"', html).group(1)
    response = admin_client.post(
        "/companies/import/confirm", data={"rows": token[:-3] + "xyz", "line": ["2"]}
    )
    assert response.status_code == 422 and "The preview expired or was changed" in response.text
    assert _count(session, "Nightjar Labs") == 0


def test_xlsx_and_gb18030_csv_files_are_read(admin_client):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Stage", "Founded"])
    workbook.active.append(["Rookery Vision", "seed", 2021])
    stream = io.BytesIO()
    workbook.save(stream)
    html = _upload(admin_client, stream.getvalue(), "companies.xlsx").text
    assert "1 row can be imported" in html and "Rookery Vision" in html
    chinese = "name,stage\n深瞳科技,seed\n".encode("gb18030")
    assert "深瞳科技" in _upload(admin_client, chinese).text


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x01\x02\xff\xfe binary junk", "contains binary data"),
        (b"\xff\xfe\xfd\xfc" * 10, "not readable text"),
        (b"PK\x03\x04 not really a zip", "not a readable XLSX workbook"),
        (b"company_id,sector\n1,ai\n", "has no “name” column"),
        (b"name\n", "no rows below its header"),
        (b"", "The file is empty."),
        (b"name\n" + b"x" * (1024 * 1024 + 10), "larger than 1 MB"),
        (
            b"name\n" + b"".join(b"Co %06d\n" % n for n in range(100_000)),
            f"more than {MAX_IMPORT_ROWS} rows",
        ),
    ],
)
def test_unusable_files_get_a_clear_message(admin_client, content, message):
    response = _upload(admin_client, content)
    assert response.status_code == 422
    assert message in response.text and 'id="import-error"' in response.text


def test_analyst_may_import_but_not_set_a_pipeline_status(make_client):
    analyst = make_client("analyst")
    html = _upload(analyst, b"name,status\nSwiftlet,invested\nTernary,\n").text
    assert "Only partners and admins change the pipeline status." in _line(html, 2)
    assert "import-ok" in _line(html, 3)


def test_import_needs_an_evaluator(client, session):
    from tests.conftest import log_in

    from pitchlab.auth.users import create_user

    assert client.get("/companies/import", follow_redirects=False).status_code == 303
    create_user(
        session,
        email="viewer@pitchlab.example",
        display_name="Vera Viewer",
        role="viewer",
        password="viewer-password-123",
    )
    log_in(client, "viewer@pitchlab.example", "viewer-password-123")
    assert client.get("/companies/import").status_code == 403
    assert _upload(client, GOOD_AND_BAD.encode()).status_code == 403


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_doubled_quotes_in_long_notes_survive_the_csv_import(admin_client, session, delimiter):
    # Guessing the dialect from the rows read notes with doubled quotes as another dialect and
    # split them across columns (found by the list export's round trip, issue 13).
    notes = 'Founders say ""we are the Stripe of labels"", churn 3%, NRR 121%; ' * 40
    header = delimiter.join(["name", "stage", "notes"])
    row = delimiter.join(["Quotewell", "seed", f'"{notes}"'])
    html = _upload(admin_client, f"{header}\n{row}\n".encode()).text
    assert "1 row can be imported" in html
    token = re.search(r'name="rows" value="([^"]+)"', html).group(1)
    admin_client.post("/companies/import/confirm", data={"rows": token, "line": ["2"]})
    session.rollback()
    stored = session.exec(select(Company).where(Company.name == "Quotewell")).one()
    assert stored.notes == notes.replace('""', '"').strip()
