"""Downloads of a comparison: from the page (now or as a job with progress) and from the API."""

import io
import json
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from pitchlab.compare.calibration import METHOD_DESCRIPTION
from pitchlab.compare.comparison import TABLE_TITLES

BOM = b"\xef\xbb\xbf"
REAL_NAMES = ("Tobias Okafor", "陈思远", "Priya Raman", "Mara Lindqvist")


@pytest.fixture
def exported(portfolio):
    """Two companies with a Chinese name and a name a spreadsheet would run as a formula."""
    keys = portfolio.criteria()
    ids = {name: portfolio.company(name, tags="export") for name in ("深度求索", "=HYPERLINK(1)")}
    for who, levels in (("partner", (5, 2)), ("partner2", (4, 2)), ("analyst", (4, 1))):
        for (_name, company_id), level in zip(ids.items(), levels, strict=False):
            portfolio.scorecard(company_id, who, {key: level for key in keys})
    portfolio.conflict(ids["=HYPERLINK(1)"], "analyst")
    return ids


def test_csv_download_has_bom_chinese_and_neutralised_formulas(admin_client, exported):
    response = admin_client.get("/compare/export.csv?tag=export")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert re.match(
        r'attachment; filename="pitchlab-comparison-\d{8}-\d{4}\.csv"',
        response.headers["content-disposition"],
    )
    assert response.content.startswith(BOM)
    table = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig")
    assert table["Company"].tolist() == ["深度求索", "'=HYPERLINK(1)"]
    assert table["Weighted total"].tolist() == pytest.approx([13 / 3, 2.0])
    assert "Calibrated total (per-evaluator z-score)" in table.columns


def test_xlsx_download_has_the_seven_sheets_methodology_and_a_chart(admin_client, exported):
    response = admin_client.get("/compare/export.xlsx?tag=export")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == list(TABLE_TITLES.values())
    summary = workbook["Summary"]
    assert [summary.cell(row, 3).value for row in (2, 3)] == ["深度求索", "=HYPERLINK(1)"]
    assert summary.cell(3, 3).data_type == "s"  # text, never a formula
    methodology = {row[0]: row[1] for row in workbook["Methodology"].iter_rows(values_only=True)}
    assert methodology["Calibration method"] == METHOD_DESCRIPTION
    assert methodology["Evaluators excluded for conflicts"] == "Priya Raman (for =HYPERLINK(1))"
    assert "problem-space: v2" in methodology["Pack versions scored"]  # issue 15's seeds
    assert methodology["Evaluators included"] == "Tobias Okafor, 陈思远, Priya Raman"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 2  # totals on Summary, alpha per criterion on Agreement


def test_json_download_and_weights_travel_with_it(admin_client, exported):
    plain = admin_client.get("/compare/export.json?tag=export").json()
    assert plain["methodology"]["Calibration method"] == METHOD_DESCRIPTION
    assert [row["company_name"] for row in plain["tables"]["summary"]] == [
        "深度求索",
        "=HYPERLINK(1)",
    ]
    weighted = admin_client.get("/compare/export.json?tag=export&cw.problem-space.ai-fit=0").json()
    item = "Criterion weight: problem-space v2 / Fit of AI versus simpler techniques"
    assert plain["methodology"][item] == "2" and weighted["methodology"][item] == "0"


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_anonymized_exports_carry_no_real_names(admin_client, exported, fmt):
    content = admin_client.get(f"/compare/export.{fmt}?tag=export&anon=1").content
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        content = json.dumps(
            [
                [cell for row in sheet.iter_rows(values_only=True) for cell in row]
                for sheet in workbook
            ],
            ensure_ascii=False,
            default=str,
        ).encode()
    text = content.decode("utf-8-sig")
    assert not [name for name in REAL_NAMES if name in text]
    if fmt != "csv":  # the CSV has no evaluator names at all
        assert "Evaluator A" in text and "Evaluator C (for =HYPERLINK(1))" in text


def test_export_job_reports_progress_then_offers_the_file(admin_client, make_client, exported):
    started = admin_client.post(
        "/compare/exports?tag=export&format=xlsx", headers={"HX-Request": "true"}
    )
    assert started.status_code == 200
    job = re.search(r'id="export-job-([0-9a-f]{32})"', started.text).group(1)
    status = admin_client.get(f"/compare/exports/{job}", headers={"HX-Request": "true"}).text
    assert "hx-trigger" not in status and f"/compare/exports/{job}/file" in status
    download = admin_client.get(f"/compare/exports/{job}/file")
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert openpyxl.load_workbook(io.BytesIO(download.content)).sheetnames[0] == "Summary"
    other = make_client("partner")
    assert other.get(f"/compare/exports/{job}").status_code == 404
    assert other.get(f"/compare/exports/{job}/file").status_code == 404


def test_running_job_polls_every_second(admin_client, session, exported):
    from sqlmodel import select

    from pitchlab.compare.jobs import start_job
    from pitchlab.models import User

    session.rollback()
    admin = session.exec(select(User).where(User.role == "admin")).first()
    job = start_job(session, user=admin, fmt="xlsx", query="tag=export")
    html = admin_client.get(f"/compare/exports/{job.id}", headers={"HX-Request": "true"}).text
    assert 'hx-trigger="every 1s"' in html and "<progress" in html


def test_unknown_download_format_is_404(admin_client):
    assert admin_client.get("/compare/export.odt").status_code == 404


def test_pdf_report_job_is_anonymized_with_chinese_names_and_methodology(admin_client, exported):
    """The PDF report (issue 14) through the export job, pseudonyms in, real names out."""
    from tests.reports.pdf_text import compact, pdf_text

    started = admin_client.post(
        "/compare/exports?tag=export&anon=1&format=pdf", headers={"HX-Request": "true"}
    )
    job = re.search(r'id="export-job-([0-9a-f]{32})"', started.text).group(1)
    download = admin_client.get(f"/compare/exports/{job}/file")
    assert download.headers["content-type"] == "application/pdf"
    text = pdf_text(download.content)
    assert "深度求索" in compact(text) and "=HYPERLINK(1)" in text
    assert "Evaluator A" in text and METHOD_DESCRIPTION[:40] in text
    assert not [name for name in REAL_NAMES if name in compact(text) or name in text]


def test_api_returns_each_format_with_the_same_filters(client, api_token, exported):
    headers = api_token("admin")
    csv = client.get("/api/v1/comparison?tag=export&format=csv", headers=headers)
    assert csv.status_code == 200 and csv.content.startswith(BOM)
    assert "深度求索" in csv.content.decode("utf-8-sig")
    xlsx = client.get("/api/v1/comparison?tag=export&format=xlsx", headers=headers)
    sheets = openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames
    assert sheets == list(TABLE_TITLES.values())
    document = client.get(
        "/api/v1/comparison?tag=export&format=json&anonymize=true", headers=headers
    ).json()
    assert len(document["tables"]["summary"]) == 2
    assert "Tobias Okafor" not in json.dumps(document, ensure_ascii=False)


def test_api_refuses_anonymous_callers_and_unknown_formats(client, api_token):
    assert client.get("/api/v1/comparison").status_code == 401
    bad = client.get("/api/v1/comparison?format=odt", headers=api_token("admin"))
    assert bad.status_code == 422


def test_a_panel_that_answered_only_na_still_exports(
    admin_client, session, fill_scorecard, company_id
):
    # Found by the one-total property test on PostgreSQL: with every answer N/A there is no
    # evaluator total to index, and the JSON export answered 500.
    from pitchlab.models import RubricCriterion
    from pitchlab.rubrics.store import get_pack_version

    criteria = get_pack_version(session, "problem-space").criteria
    for criterion in criteria:
        row = session.get(RubricCriterion, criterion.id)
        row.na_allowed = True
        session.add(row)
    session.commit()
    fill_scorecard(
        admin_client, company_id, "problem-space", {c.key: "na" for c in criteria}, submit=True
    )
    answer = admin_client.get("/compare/export.json?pack=problem-space")
    assert answer.status_code == 200
    rows = answer.json()["tables"]["evaluator_scores"]
    totals = [row.get("total") for row in rows if row.get("company_id") == company_id]
    assert totals == [None]
