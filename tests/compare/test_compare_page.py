"""The compare page: matrix, aggregates, calibration beside raw scores, rank intervals, flags."""

import json
import re
from pathlib import Path

import pytest

from pitchlab.compare.calibration import MIN_SCORES_FOR_CALIBRATION
from pitchlab.compare.charts import chart_tables
from pitchlab.rubrics.packfile import load_pack_file

ROOT = Path(__file__).resolve().parents[2]
PROBLEM_SPACE = len(load_pack_file(ROOT / "seeds/rubrics/problem-space.yaml")[0].criteria)


def _row(html: str, company_id: int) -> str:
    return re.search(rf'<tr id="row-{company_id}".*?</tr>', html, re.DOTALL).group(0)


def _order(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'<tr id="row-(\d+)"', html)]


def _chart_data(html: str) -> dict:
    return json.loads(
        re.search(
            r'<script type="application/json" id="compare-chart-data">'
            r"(.*?)</script>",
            html,
            re.DOTALL,
        ).group(1)
    )


def test_page_shows_companies_in_rank_order_with_totals(admin_client, panel):
    html = admin_client.get("/compare?tag=panel").text
    assert _order(html)[:3] == [panel["Aster"], panel["Birch"], panel["Cedar"]]
    assert '<td class="num total">4.00</td>' in _row(html, panel["Aster"])
    assert '<td class="num total">3.00</td>' in _row(html, panel["Birch"])
    assert '<td class="num total">1.67</td>' in _row(html, panel["Cedar"])


def test_cells_show_mean_spread_count_and_flag_disagreement(admin_client, panel):
    html = admin_client.get("/compare?tag=panel").text
    cedar, birch = _row(html, panel["Cedar"]), _row(html, panel["Birch"])
    assert "<b>1.67</b>" in cedar and "±0.58 · n=3" in cedar
    # The tooltip's numbers: mean, median, SD, lowest, highest, n, N/A (compare.js writes it).
    assert 'data-stats="1.67 2.00 0.58 1.00 2.00 3 0"' in cedar
    assert "±0.00 · n=3" in birch and "flagged" not in birch and "data-flags" not in birch
    aster = _row(html, panel["Aster"])
    assert "flagged" in aster and 'data-flags="wide"' in aster
    assert '<span class="flag" role="img" aria-label="Evaluators disagree here">⚑</span>' in aster
    assert "heat-10" not in cedar and "heat-2" in cedar  # (1.67 - 1) / 4 -> 2 of 10 steps


def test_cell_tooltip_texts_come_once_translated(admin_client, panel):
    labels = _chart_data(admin_client.get("/compare?tag=panel").text)["labels"]
    assert labels["cellDetail"] == (
        "Mean %(mean)s · median %(median)s · SD %(sd)s · range "
        "%(low)s–%(high)s · n = %(n)s · N/A: %(na)s"
    )
    assert labels["flags"] == {
        "wide": "Evaluators differ by two levels or more",
        "outlier": "A score lies more than two standard deviations from the others",
    }
    admin_client.post("/locale", data={"locale": "zh", "next": "/compare"})
    chinese = admin_client.get("/compare?tag=panel").text
    assert _chart_data(chinese)["labels"]["cellDetail"].startswith("均值 %(mean)s")
    assert "校准 " in _row(chinese, panel["Cedar"])  # "cal." beside the calibrated mean


def test_each_cell_sits_under_its_criterion_and_in_its_row(admin_client, portfolio):
    keys = portfolio.criteria()
    fir = portfolio.company("Fir", tags="columns")
    alder = portfolio.company("Alder", tags="columns")
    levels = [1, 2, 3, 4, 5] * 2 + [1, 2]  # as many as problem-space has criteria (issue 15: 10)
    portfolio.scorecard(fir, "partner", dict(zip(keys, levels, strict=False)))
    portfolio.scorecard(alder, "partner", {key: 1 for key in keys})  # ranks last, sorts first
    html = admin_client.get(f"/compare?tag=columns&sort=name&pincol=problem-space.{keys[3]}").text
    assert _order(html) == [alder, fir]
    assert re.findall(r"<b>([0-9.]+)</b>", _row(html, alder)) == ["1.00"] * len(keys)
    row = _row(html, fir)
    cells = re.findall(r"<b>([0-9.]+)</b>.*?</td>(<td class=\"num pack-total\">([^<]*)</td>)?", row)
    shown = [f"{level:.2f}" for level in levels[: len(keys)]]
    assert [mean for mean, *_ in cells] == [shown[3], *shown[:3], *shown[4:]]  # pinned first
    # The pack total after the pack's last criterion; one pack, so the weighted total.
    total = re.search(r'<td class="num total">([0-9.]+)</td>', row).group(1)
    assert [bool(pack) for _, pack, _ in cells] == [False] * (len(keys) - 1) + [True]
    assert cells[-1][2] == total


def test_a_pack_a_company_was_not_scored_on_shows_empty_cells(admin_client, portfolio):
    keys, berkus = portfolio.criteria(), portfolio.criteria("berkus")
    hazel = portfolio.company("Hazel", tags="packs")
    ivy = portfolio.company("Ivy", tags="packs")
    portfolio.scorecard(hazel, "partner", {key: 4 for key in keys})
    portfolio.scorecard(ivy, "partner", {key: 3 for key in keys})
    portfolio.scorecard(ivy, "partner", {key: 2 for key in berkus}, pack="berkus")
    html = admin_client.get("/compare?tag=packs").text
    row = _row(html, hazel)
    assert row.count('<td class="cell empty">—</td>') == len(berkus)
    assert '<td class="num pack-total">4.00</td>' in row
    assert '<td class="num pack-total">—</td>' in row
    assert "cell empty" not in _row(html, ivy)


def test_company_names_in_the_matrix_are_text(admin_client, portfolio):
    keys = portfolio.criteria()
    name = '<script>alert(1)</script><img src=x onerror=alert(2)>"'
    hostile = portfolio.company(name, tags="hostile")
    portfolio.scorecard(hostile, "partner", {key: 3 for key in keys})
    html = admin_client.get("/compare?tag=hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;" in _row(
        html, hostile
    )
    assert "<script>alert" not in html and "<img src=x" not in html


def test_calibrated_values_sit_beside_raw_with_the_method_named(admin_client, panel):
    html = admin_client.get("/compare?tag=panel").text
    assert "Method: per-evaluator z-score calibration." in html
    assert '<td class="num calibrated">' in _row(html, panel["Birch"])
    assert "cal. " in _row(html, panel["Birch"])
    calibration = re.search(r'id="compare-calibration".*?</section>', html, re.DOTALL).group(0)
    admin = re.search(
        r"<th scope=\"row\">Mara Lindqvist</th>.*?</tr>", calibration, re.DOTALL
    ).group(0)
    assert "not enough data" in admin and ">3<" in admin  # 3 scores < MIN_SCORES_FOR_CALIBRATION
    assert MIN_SCORES_FOR_CALIBRATION == 5
    partner = re.search(
        r"<th scope=\"row\">Tobias Okafor</th>.*?</tr>", calibration, re.DOTALL
    ).group(0)
    assert "calibrated" in partner and f">{3 * PROBLEM_SPACE}<" in partner


def test_rank_intervals_and_statistical_ties_are_shown(admin_client, panel):
    html = admin_client.get("/compare?tag=panel").text
    # Birch ranks first only when Aster's resample is three 3s (1 in 27 > 2.5%): tied with Aster.
    assert re.search(r"Statistically tied</strong>.*Aster · Birch", html, re.DOTALL)
    assert '<td class="num interval">3–3</td>' in _row(html, panel["Cedar"])
    assert "≈1" in _row(html, panel["Birch"])


def test_weights_in_the_query_re_rank_and_reset_link_drops_them(admin_client, portfolio):
    keys = portfolio.criteria()
    dune, elm = portfolio.company("Dune", tags="whatif"), portfolio.company("Elm", tags="whatif")
    for who in ("partner", "analyst"):
        portfolio.scorecard(dune, who, {k: 5 if k in keys[:2] else 1 for k in keys})
        portfolio.scorecard(elm, who, {k: 3 for k in keys})
    assert _order(admin_client.get("/compare?tag=whatif").text) == [elm, dune]
    weighted = admin_client.get(
        "/compare?tag=whatif&cw.problem-space.problem-clarity=9"
        "&cw.problem-space.problem-importance=9"
    ).text
    assert _order(weighted) == [dune, elm]  # (45 + 45 + 10) / 28 = 3.57 against 3.00
    assert "2 companies changed rank against the rubric weights." in weighted
    assert 'id="reset-weights" href="/compare?tag=whatif"' in weighted
    assert re.search(r'id="always-top">Dune, Elm<', weighted)  # top 5 of two: both stay


def test_htmx_weight_change_returns_only_the_results(admin_client, panel):
    partial = admin_client.get(
        "/compare?tag=panel&pw.problem-space=2", headers={"HX-Request": "true"}
    )
    assert partial.status_code == 200
    assert "<html" not in partial.text and 'id="compare-matrix"' in partial.text
    assert 'id="compare-chart-data"' in partial.text


@pytest.mark.parametrize("sort, first", [("name", "Aster"), ("total", "Aster")])
def test_sort_by_any_column_and_flip_direction(admin_client, panel, sort, first):
    ascending = _order(admin_client.get(f"/compare?tag=panel&sort={sort}&dir=asc").text)
    descending = _order(admin_client.get(f"/compare?tag=panel&sort={sort}&dir=desc").text)
    assert ascending == list(reversed(descending))
    assert panel[first] in (ascending[0], descending[0])


def test_sort_by_a_criterion_column(admin_client, panel):
    html = admin_client.get("/compare?tag=panel&sort=c:problem-space.team-domain-fit&dir=asc").text
    assert _order(html) == [panel["Cedar"], panel["Birch"], panel["Aster"]]


def test_pinned_row_and_column_come_first(admin_client, panel):
    html = admin_client.get(
        f"/compare?tag=panel&pin={panel['Cedar']}&pincol=problem-space.user-evidence"
    ).text
    assert _order(html)[0] == panel["Cedar"]
    assert 'class="pinned"' in _row(html, panel["Cedar"])
    header = re.search(r"<thead>.*?</thead>", html, re.DOTALL).group(0)
    columns = re.findall(r"href=\"[^\"]*sort=c%3Aproblem-space\.([a-z-]+)", header)
    assert columns[0] == "user-evidence" and columns.count("user-evidence") == 1
    # The pin state travels with the weight form, so a slider keeps it.
    assert f'name="pin" form="compare-form" value="{panel["Cedar"]}"' in html


def test_chart_data_block_has_totals_spread_and_criteria(admin_client, panel):
    data = _chart_data(admin_client.get("/compare?tag=panel").text)
    by_name = {company["name"]: company for company in data["companies"]}
    assert by_name["Birch"]["sd"] == 0 and by_name["Aster"]["sd"] > 0
    assert by_name["Cedar"]["radar"]["problem-space"][0] == pytest.approx(5 / 3, abs=1e-3)
    assert len(data["packs"][0]["criteria"]) == PROBLEM_SPACE


def test_agreement_and_methodology_are_on_the_page(admin_client, panel):
    html = admin_client.get("/compare?tag=panel").text
    assert "s alpha (ordinal)" in html and 'id="compare-agreement"' in html
    assert "Per-evaluator z-score calibration" in html  # the methodology rows, as exported
    assert "Submitted scorecards only" in html


def test_no_submitted_scorecards_says_so(admin_client):
    html = admin_client.get("/compare?tag=nothing-has-this-tag").text
    assert 'id="compare-empty"' in html


def test_compare_needs_a_login(client):
    response = client.get("/compare", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_anonymized_page_shows_pseudonyms_only(admin_client, panel):
    html = admin_client.get("/compare?tag=panel&anon=1").text
    assert "Evaluator A" in html
    # The account menu shows the admin's own name; no evaluator name appears anywhere else.
    body = html.split('id="compare-results"', 1)[1]
    assert not [
        name
        for name in ("Tobias Okafor", "陈思远", "Priya Raman", "Mara Lindqvist")
        if name in body
    ]


def test_matrix_shows_a_page_of_companies_with_pinned_rows_on_every_page(app, admin_client, panel):
    app.state.settings = app.state.settings.model_copy(update={"compare_page_size": 2})
    first = admin_client.get("/compare?tag=panel").text
    assert _order(first) == [panel["Aster"], panel["Birch"]]
    assert "Page 1 of 2 · companies 1–2 of 3" in first
    assert 'rel="next" href="/compare?tag=panel&amp;page=2"' in first
    second = admin_client.get("/compare?tag=panel&page=2").text
    assert _order(second) == [panel["Cedar"]] and "companies 3–3 of 3" in second
    # Ranks, totals and charts still cover every company, not only the page's.
    assert re.search(r'<td class="num rank">3</td>', _row(second, panel["Cedar"]))
    assert "In the top 5 with the rubric weights:" in second and "Cedar" in second
    pinned = admin_client.get(f"/compare?tag=panel&pin={panel['Cedar']}&page=1").text
    assert _order(pinned) == [panel["Cedar"], panel["Aster"], panel["Birch"]]
    # A page past the end shows the last; sorting starts again from the first.
    assert _order(admin_client.get("/compare?tag=panel&page=99").text) == [panel["Cedar"]]
    assert 'href="/compare?tag=panel&amp;sort=name&amp;dir=asc"' in second


def test_chart_tables_show_the_chart_data_with_two_decimals(admin_client, panel):
    html = admin_client.get("/compare?tag=panel").text
    data = {company["name"]: company for company in _chart_data(html)["companies"]}
    table = re.search(r'<table class="chart-data" id="chart-data-totals">.*?</table>', html, re.S)
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td>\s*'
        r'<td class="num">(.*?)</td>\s*<td>(.*?)</td></tr>',
        table.group(0),
    )
    assert [name for name, *_ in rows] == [company for company in data]
    for name, total, sd, evaluators in rows:
        company = data[name]
        assert total == f"{company['total']:.2f}"
        assert sd == "—" if company["sd"] is None else sd == f"{company['sd']:.2f}"
        assert evaluators == "; ".join(
            f"{evaluator['name']} {evaluator['total']:.2f}" for evaluator in company["evaluators"]
        )
    radar = re.search(r'id="chart-data-problem-space">.*?</table>', html, re.S).group(0)
    cedar = re.search(r'<th scope="row">Cedar</th>(.*?)</tr>', radar).group(1)
    assert re.findall(r'<td class="num">(.*?)</td>', cedar)[0] == "1.67"


def test_chart_tables_show_a_dash_for_missing_numbers():
    charts = {
        "companies": [
            {
                "name": "A & B",
                "total": None,
                "sd": None,
                "evaluators": [{"name": "Ann", "total": 3.0}, {"name": "Bo", "total": 4.125}],
                "radar": {"pack": [None, 2.5]},
            }
        ]
    }
    assert chart_tables(charts) == [
        {
            "name": "A & B",
            "total": "—",
            "sd": "—",
            "evaluators": "Ann 3.00; Bo 4.12",
            "radar": {"pack": ["—", "2.50"]},
        }
    ]
