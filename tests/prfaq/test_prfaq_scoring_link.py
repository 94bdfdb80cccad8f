"""The PR/FAQ quality pack beside a draft, and PR/FAQ sections cited as evidence in scores."""

import re

from pitchlab.rubrics.store import get_pack_version
from pitchlab.scoring.inputs import parse_evidence

from .conftest import GOOD_EN, HTMX, draft_by_title, draft_form


def test_citations_must_name_draft_revision_and_section():
    items, problem = parse_evidence("Problem | prfaq:12@3#problem\nprfaq:7@1#faq-internal")
    assert problem is None
    assert items == [
        {"label": "Problem", "citation": "prfaq:12@3#problem"},
        {"citation": "prfaq:7@1#faq-internal"},
    ]
    for bad in ("prfaq:12", "prfaq:x@1#problem", "prfaq:12@3#Problem", "prfaq:12@3#problem extra"):
        assert parse_evidence(bad) == (
            [],
            "A PR/FAQ citation reads prfaq:DRAFT@REVISION#SECTION, like prfaq:12@3#problem.",
        )


def test_cited_section_links_to_the_revision_it_cited(
    make_client, admin_client, session, fill_scorecard
):
    draft = draft_by_title(session, GOOD_EN)
    analyst = make_client("analyst")
    pack = get_pack_version(session, "prfaq-quality")
    scorecard = fill_scorecard(
        analyst, draft.company_id, "prfaq-quality", {c.key: 4 for c in pack.criteria}
    )
    criterion = pack.criteria[1]
    bad = analyst.post(
        f"/scorecards/{scorecard}/criteria/{criterion.id}",
        headers=HTMX,
        data={"value": "4", "evidence": "Problem | prfaq:nope"},
    )
    assert bad.status_code == 422 and "prfaq:DRAFT@REVISION#SECTION" in bad.text
    saved = analyst.post(
        f"/scorecards/{scorecard}/criteria/{criterion.id}",
        headers=HTMX,
        data={"value": "4", "evidence": f"The problem | prfaq:{draft.id}@1#problem"},
    )
    assert saved.status_code == 200
    submitted = analyst.post(f"/scorecards/{scorecard}/submit", follow_redirects=False)
    assert submitted.status_code == 303
    # The draft moves on; the citation still points at revision 1.
    admin_client.post(
        f"/prfaqs/{draft.id}",
        headers=HTMX,
        data=draft_form(session, draft.id, problem="Rewritten later."),
    )
    results = admin_client.get(f"/companies/{draft.company_id}/scores").text
    assert f'<a href="/prfaqs/{draft.id}/revisions/1#section-problem">The problem</a>' in results
    cited = admin_client.get(f"/prfaqs/{draft.id}/revisions/1").text
    section = re.search(r'id="section-problem">(.*?)</section>', cited, re.DOTALL)[1]
    assert "Rewritten later." not in section and "Revision 1 of 2" in cited


def test_quality_scorecard_shows_each_criterions_sections_beside_it(admin_client, session):
    draft = draft_by_title(session, GOOD_EN)
    scorecard = admin_client.post(f"/companies/{draft.company_id}/score/prfaq-quality")
    loader = re.search(r'id="prfaq-aside" hx-get="([^"]+)" hx-trigger="load"', scorecard.text)
    assert loader and scorecard.text.count('class="prfaq-beside"') == 6
    fragment = admin_client.get(loader[1].replace("&amp;", "&")).text
    beside = re.search(
        r'id="prfaq-beside-customer-specific" hx-swap-oob="true">(.*?)</details>',
        fragment,
        re.DOTALL,
    )[1]
    assert "Sub-headline" in beside and "General counsel at companies with 2 to 20" in beside
    assert f"prfaq:{draft.id}@1#sub-headline" in beside
    assert f"prfaq:{draft.id}@1#customer-quote" in beside
    internal = re.search(
        r'id="prfaq-beside-internal-faq-cost-risk" hx-swap-oob="true">'
        r"(.*?)</details>\s*</div>",
        fragment,
        re.DOTALL,
    )[1]
    assert f"prfaq:{draft.id}@1#faq-internal" in internal and "<h3>" in internal


def test_other_packs_get_a_citation_list_only(admin_client, session):
    draft = draft_by_title(session, GOOD_EN)
    fragment = admin_client.get(
        f"/prfaqs/company/{draft.company_id}/scorecard-aside?pack=problem-space"
    ).text
    assert f"prfaq:{draft.id}@1#problem" in fragment and "hx-swap-oob" not in fragment


def test_company_without_a_draft_gets_an_empty_fragment(admin_client, session):
    from sqlmodel import select

    from pitchlab.models import Company, PrfaqDraft

    with_drafts = set(session.exec(select(PrfaqDraft.company_id)).all())
    company = next(c for c in session.exec(select(Company)).all() if c.id not in with_drafts)
    fragment = admin_client.get(f"/prfaqs/company/{company.id}/scorecard-aside?pack=prfaq-quality")
    assert fragment.status_code == 200 and fragment.text.strip() == ""
    page = admin_client.get(f"/prfaqs/company/{company.id}").text
    assert "No PR/FAQ for this company yet." in page and 'id="start-prfaq"' in page
