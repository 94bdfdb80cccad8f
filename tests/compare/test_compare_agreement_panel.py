"""Inter-rater agreement on the rubric page: admins see how well each criterion works."""

import re
from pathlib import Path

from pitchlab.rubrics.packfile import load_pack_file

ROOT = Path(__file__).resolve().parents[2]
PROBLEM_SPACE = len(load_pack_file(ROOT / "seeds/rubrics/problem-space.yaml")[0].criteria)


def test_rubric_page_loads_the_agreement_panel_for_admins_only(admin_client, make_client, panel):
    page = admin_client.get("/rubrics/problem-space").text
    assert 'hx-get="/compare/agreement/problem-space" hx-trigger="load"' in page
    assert "/compare/agreement/" not in make_client("partner").get("/rubrics/problem-space").text
    panel_html = admin_client.get(
        "/compare/agreement/problem-space", headers={"HX-Request": "true"}
    ).text
    rows = re.findall(
        r'<tr class="alpha-([a-z-]+)">\s*<th scope="row">([^<]+)</th>\s*'
        r'<td class="num">([^<]+)</td>',
        panel_html,
    )
    assert len(rows) == PROBLEM_SPACE
    # The evaluators order Aster, Birch and Cedar alike on every criterion: high agreement.
    assert all(reading == "reliable" and float(alpha) >= 0.8 for reading, _, alpha in rows)
    assert panel_html.count("<td>reliable</td>") == PROBLEM_SPACE


def test_low_agreement_says_the_descriptors_need_work(admin_client, portfolio):
    keys = portfolio.criteria()
    for number, (first, second) in enumerate([(1, 5), (5, 1), (2, 4), (4, 2)]):
        company = portfolio.company(f"Split {number}", tags="split")
        portfolio.scorecard(company, "partner", {key: first for key in keys})
        portfolio.scorecard(company, "analyst", {key: second for key in keys})
    html = admin_client.get("/compare/agreement/problem-space").text
    assert html.count("level descriptors need work</td>") == PROBLEM_SPACE


def test_agreement_panel_is_refused_to_others_and_404_for_unknown_packs(admin_client, make_client):
    assert make_client("partner").get("/compare/agreement/problem-space").status_code == 403
    assert admin_client.get("/compare/agreement/no-such-pack").status_code == 404
