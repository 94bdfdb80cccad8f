"""Who sees what in a comparison: blind review, conflicts of interest, submitted work only."""

import re


def _rows(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'<tr id="row-(\d+)"', html)]


def test_evaluator_sees_a_company_only_after_submitting_their_own_scorecard(portfolio, make_client):
    keys = portfolio.criteria()
    fig = portfolio.company("Fig", tags="blind")
    portfolio.scorecard(fig, "partner", {key: 5 for key in keys})
    portfolio.scorecard(fig, "partner2", {key: 4 for key in keys})
    analyst = make_client("analyst")
    before = analyst.get("/compare?tag=blind").text
    assert _rows(before) == [] and "Tobias Okafor" not in before
    assert "Tobias Okafor" not in analyst.get("/compare/export.csv?tag=blind").content.decode()
    draft = portfolio.scorecard(fig, "analyst", {key: 1 for key in keys}, submitted=False)
    assert _rows(analyst.get("/compare?tag=blind").text) == []  # a draft opens nothing
    portfolio.submit(draft)
    after = analyst.get("/compare?tag=blind").text
    assert _rows(after) == [fig] and "Tobias Okafor" in after
    assert '<td class="num total">3.33</td>' in after  # (5 + 4 + 1) / 3


def test_drafts_never_count(portfolio, admin_client):
    keys = portfolio.criteria()
    hazel = portfolio.company("Hazel", tags="drafts")
    portfolio.scorecard(hazel, "partner", {key: 2 for key in keys})
    portfolio.scorecard(hazel, "analyst", {key: 5 for key in keys}, submitted=False)
    html = admin_client.get("/compare?tag=drafts").text
    assert '<td class="num total">2.00</td>' in html and "Priya Raman" not in html


def test_conflicted_evaluator_is_left_out_and_listed_and_sees_nothing_of_the_company(
    portfolio, admin_client, make_client
):
    keys = portfolio.criteria()
    gorse = portfolio.company("Gorse", tags="conflict")
    holly = portfolio.company("Holly", tags="conflict")
    for who, level in (("partner", 4), ("analyst", 4), ("partner2", 1)):
        portfolio.scorecard(gorse, who, {key: level for key in keys})
        portfolio.scorecard(holly, who, {key: 3 for key in keys})
    portfolio.conflict(gorse, "partner2")  # declared after scoring: the 1s must not count
    html = admin_client.get("/compare?tag=conflict").text
    gorse_row = re.search(rf'<tr id="row-{gorse}".*?</tr>', html, re.DOTALL).group(0)
    assert '<td class="num total">4.00</td>' in gorse_row and "n=2" in gorse_row
    assert "陈思远 (for Gorse)" in html
    partner2 = make_client("partner2")
    own = partner2.get("/compare?tag=conflict").text
    assert _rows(own) == [holly] and "Gorse" not in own
    exported = partner2.get("/compare/export.json?tag=conflict").json()
    assert [row["company_name"] for row in exported["tables"]["summary"]] == ["Holly"]
