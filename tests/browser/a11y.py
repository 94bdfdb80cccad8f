"""What the accessibility browser tests share: the list of the app's pages, derived from its
routes, and axe-core (vendored under tests/browser/vendor, never served by the app) with a
few checks of our own that axe files under best practice (issue 18).

A GET route that renders a page must have a sample URL in PAGE_SAMPLES, or a reason in
NOT_PAGES: test_every_page_route_has_a_sample fails otherwise, so a page added later is
audited from the day it exists.
"""

from pathlib import Path

from fastapi.routing import iter_route_contexts
from sqlmodel import select

from pitchlab.meetings.agenda import agenda
from pitchlab.meetings.seeding import seed_demo_meetings
from pitchlab.models import Company, Document, Evaluation, Meeting, PrfaqDraft, User
from pitchlab.pairwise.data import create_session, load_board, record_judgement
from pitchlab.paths import resource_dir
from pitchlab.rubrics.store import get_pack_version
from pitchlab.scoring.seeding import seed_scorecards
from pitchlab.seeding import SeedReport

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
# Every WCAG 2.0, 2.1 and 2.2 success criterion at level A and AA that axe can test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Path template -> sample URLs, with {placeholders} filled from the seeded demo database
# (see sample_ids in test_browser_a11y.py).
PAGE_SAMPLES: dict[str, list[str]] = {
    "/": ["/"],
    "/docs": ["/docs"],
    "/login": ["/login"],
    "/companies": ["/companies", "/companies?stage=seed&sort=name"],
    "/companies/new": ["/companies/new"],
    "/companies/import": ["/companies/import"],
    "/companies/{company_id}": ["/companies/{company}"],
    "/companies/{company_id}/edit": ["/companies/{company}/edit"],
    "/companies/{company_id}/tech-debt": ["/companies/{company}/tech-debt"],
    "/companies/{company_id}/scores": ["/companies/{company}/scores"],
    "/companies/{company_id}/score/{pack_key}": ["/companies/{unscored}/score/problem-space"],
    "/compare": [
        "/compare",
        "/compare?pack=problem-space&company={company}&company={company2}&company={company3}",
    ],
    "/rubrics": ["/rubrics"],
    "/rubrics/new/pack": ["/rubrics/new/pack"],
    "/rubrics/import/file": ["/rubrics/import/file"],
    "/rubrics/{key}": ["/rubrics/problem-space"],
    "/rubrics/{key}/criteria/new": ["/rubrics/problem-space/criteria/new"],
    "/rubrics/{key}/criteria/{criterion_key}/edit": [
        "/rubrics/problem-space/criteria/{criterion}/edit"
    ],
    "/scorecards/{evaluation_id}": ["/scorecards/{scorecard}"],
    "/scorecards/{evaluation_id}/history": ["/scorecards/{scorecard}/history"],
    "/prfaqs": ["/prfaqs"],
    "/prfaqs/new": ["/prfaqs/new"],
    "/prfaqs/{draft_id}": ["/prfaqs/{draft}"],
    "/prfaqs/{draft_id}/history": ["/prfaqs/{draft}/history"],
    "/prfaqs/{draft_id}/revisions/{number}": ["/prfaqs/{draft}/revisions/1"],
    "/prfaqs/{draft_id}/compare": ["/prfaqs/{draft}/compare?from=1&to=1"],
    "/prfaq-templates": ["/prfaq-templates"],
    "/prfaq-templates/import": ["/prfaq-templates/import"],
    "/prfaq-templates/{key}": ["/prfaq-templates/{template}"],
    "/admin": ["/admin"],
    # Pages of main's issue 11, sampled ahead of the merge (unused until the routes exist). A
    # setup link is valid only on a database without users, so its sample shows the 404 page.
    "/account": ["/account"],
    "/setup/{token}": ["/setup/no-such-link"],
    # Issue 12: documents, the evidence finder and search.
    "/companies/{company_id}/documents": ["/companies/{company}/documents"],
    "/documents/{document_id}": ["/documents/{document}"],
    "/companies/{company_id}/evidence": ["/companies/{company}/evidence?pack=problem-space"],
    "/search": ["/search?q=Clausemint"],
    # Issue 13: the deal workflow.
    "/assignments": ["/assignments"],
    "/board": ["/board"],
    "/notifications": ["/notifications"],
    "/companies/{company_id}/activity": ["/companies/{company}/activity"],
    # Issue 15: valuation anchors.
    "/admin/anchors": ["/admin/anchors"],
    # Issue 16: worksheets.
    "/companies/{company_id}/worksheets": ["/companies/{company}/worksheets"],
    "/companies/{company_id}/worksheets/{kind}": [
        "/companies/{company}/worksheets/ai-cogs",
        "/companies/{company}/worksheets/problem-space",
    ],
    "/companies/{company_id}/worksheets/{kind}/revisions/{number}": [
        "/companies/{company}/worksheets/ai-cogs/revisions/1"
    ],
    "/model-releases": ["/model-releases"],
    # Issue 14: head-to-head ranking of finalists.
    "/pairwise": ["/pairwise"],
    "/pairwise/new": ["/pairwise/new?company={company}&company={company2}&company={company3}"],
    "/pairwise/{session_id}": ["/pairwise/{pairwise}"],
    "/pairwise/{session_id}/judge": ["/pairwise/{pairwise}/judge"],
    # Issue 14: the company one-pager (a printed page: no navigation, one A4 sheet).
    "/companies/{company_id}/one-pager": ["/companies/{company}/one-pager"],
    # Issue 14: IC meetings (the demo meeting) and the presenter view.
    "/meetings": ["/meetings"],
    "/meetings/new": ["/meetings/new"],
    "/meetings/{meeting_id}": ["/meetings/{meeting}"],
    "/meetings/{meeting_id}/edit": ["/meetings/{meeting}/edit"],
    "/meetings/{meeting_id}/items/{item_id}": ["/meetings/{meeting}/items/{meeting_item}"],
}
# Pages drawn by a script after load: audited once this selector is there.
READY_WHEN = {"/docs": ".swagger-ui .opblock"}
# Error pages are pages too: the same layout, reached by a wrong address.
ERROR_SAMPLES = ["/no-such-page", "/companies/987654"]

# GET routes that are not pages: files, JSON and htmx fragments that land inside a page
# audited above.
NOT_PAGES = {
    "/openapi.json": "JSON",
    "/healthz": "plain text",
    "/compare/agreement/{pack_key}": "fragment of /compare",
    "/compare/export.{fmt}": "download",
    "/compare/exports/{job_id}": "fragment of /compare (export progress)",
    "/compare/exports/{job_id}/file": "download",
    "/rubrics/{key}/export": "download",
    "/scorecards/{evaluation_id}/freshness": "fragment of the scorecard",
    "/prfaqs/company/{company_id}": "fragment of the company page",
    "/prfaqs/company/{company_id}/scorecard-aside": "fragment of the scorecard",
    "/prfaqs/{draft_id}/export/{fmt}": "download",
    "/prfaq-templates/{key}/export": "download",
    "/companies/export.csv": "download",
    "/companies/export.xlsx": "download",
    "/companies/{company_id}/deck-panel": "fragment of the scorecard (the split view)",
    "/companies/{company_id}/evidence/questions.{extension}": "download",
    "/companies/{company_id}/worksheets/scorecard-aside": "fragment of the scorecard",
    "/documents/{document_id}/file": "download",
    "/documents/{document_id}/pages/{number}/image": "image",
    "/documents/{document_id}/status": "fragment of the document page (extraction progress)",
    "/home/disagreement": "fragment of the home page",
    "/notifications/count": "fragment of the navigation (unread count)",
    "/companies/{company_id}/memo": "download (PDF or DOCX)",
    "/meetings/{meeting_id}/pack": "download (PDF or DOCX)",
    "/meetings/{meeting_id}/items/{item_id}/votes": "fragment of the presenter view",
}


def page_routes(app) -> set[str]:
    """Every GET route's path template outside the JSON API."""
    found = set()
    for context in iter_route_contexts(app.routes):
        methods = getattr(context, "methods", None) or getattr(
            context.original_route, "methods", ()
        )
        if "GET" in (methods or ()) and not context.path.startswith("/api/"):
            found.add(context.path)
    return found


# Checks axe does not make under the WCAG tags: one <h1> per page and no empty table header.
OWN_CHECKS = """() => {
  const problems = [];
  const headings = document.querySelectorAll("h1").length;
  if (headings !== 1) problems.push(`page-has-one-h1: ${headings} <h1> elements`);
  for (const th of document.querySelectorAll("th")) {
    if (!th.textContent.trim() && !th.getAttribute("aria-label"))
      problems.push(`empty-table-header: ${th.outerHTML.slice(0, 100)}`);
  }
  return problems;
}"""

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
  return result.violations.map((v) =>
    `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help} -- ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + (n.failureSummary || "")
      .replace(/\\s+/g, " ").slice(0, 160)).join(" | "));
}"""


def audit(page, label: str) -> list[str]:
    """axe's WCAG A/AA violations and our own checks on the page as it is now, one line each."""
    problems = page.evaluate(AXE_RUN, AXE_TAGS) + page.evaluate(OWN_CHECKS)
    return [f"{label} {page.url}: {problem}" for problem in problems]


def demo_sample_ids(session) -> dict[str, int | str]:
    """Ids of seeded demo records for the sample URLs; the demo scorecards are added so
    compare and the scores pages have numbers to show."""
    seed_scorecards(session, resource_dir("seeds") / "scorecards", SeedReport())
    session.commit()
    seed_demo_meetings(session, resource_dir("seeds") / "meetings", SeedReport())
    meeting = session.exec(select(Meeting)).first()
    companies = {c.name: c.id for c in session.exec(select(Company))}
    admin = session.exec(select(User).where(User.email == "admin@pitchlab.example")).one()
    scorecard = session.exec(
        select(Evaluation.id).where(
            Evaluation.company_id == companies["Clausemint"], Evaluation.evaluator_id == admin.id
        )
    ).first()
    draft = session.exec(
        select(PrfaqDraft.id).where(PrfaqDraft.company_id == companies["Clausemint"])
    ).first()
    document = session.exec(
        select(Document.id).where(Document.company_id == companies["Clausemint"])
    ).first()
    finalists = [companies[name] for name in ("Clausemint", "Pixelorchard", "Burrowline Vision")]
    pairwise = create_session(session, title="Finalists", company_ids=finalists, user=admin)
    board = load_board(session, pairwise)
    record_judgement(
        session, board, admin, company_a=finalists[0], company_b=finalists[1], outcome="a"
    )
    return {
        "pairwise": pairwise,
        "document": document,
        "company": companies["Clausemint"],
        "company2": companies["Pixelorchard"],
        "company3": companies["Burrowline Vision"],
        "unscored": companies["Tablevoice"],
        "criterion": get_pack_version(session, "problem-space").criteria[0].key,
        "scorecard": scorecard,
        "draft": draft,
        "template": "working-backwards",
        "meeting": meeting.id,
        "meeting_item": agenda(session, meeting.id)[0].id,
    }
