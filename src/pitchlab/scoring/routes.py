"""Scorecard pages: open one, save each criterion as it changes, undo, restore, submit."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import bindparam
from sqlmodel import col, select

from ..auth.deps import EvaluatorDep
from ..companies.deps import CompanyDep
from ..db import RowId, SessionDep, reads_first, write
from ..models import Evaluation, RubricCriterion, RubricVersion, ScoreEvent
from ..pagination import paginate
from ..rubrics.store import get_pack_version
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import render
from . import data
from .changes import ScorecardLocked, is_locked
from .deps import DraftEvaluationDep, OwnEvaluationDep, UnconflictedEvaluatorDep, locked_message
from .inputs import parse_score_input
from .views import live_total, scale_of, scorecard_view

router = APIRouter(include_in_schema=False)
HISTORY_PAGE_SIZE = 50


def _pack_entry(session, pack_key: str):
    entry = get_pack_version(session, pack_key)
    if entry is None:
        raise HTTPException(404, _("No rubric pack with this key and version."))
    return entry


def _own_scorecard(session, company_id: int, user, entry) -> Evaluation | None:
    """The caller's newest scorecard for this company on any version of the pack: an
    evaluator keeps the version they started on, even after the pack is edited."""
    return session.exec(
        select(Evaluation)
        .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .where(
            Evaluation.company_id == company_id,
            Evaluation.evaluator_id == user.id,
            RubricVersion.pack_id == entry.pack.id,
        )
        .order_by(col(Evaluation.id).desc())
    ).first()


@router.get("/companies/{company_id}/score/{pack_key}")
def scorecard_entry(
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    pack_key: str,
    user: UnconflictedEvaluatorDep,
):
    """Go to the caller's scorecard, or offer to start one. A GET never creates it: links are
    followed by prefetchers and crawlers too."""
    entry = _pack_entry(session, pack_key)
    existing = _own_scorecard(session, company.id, user, entry)
    if existing is not None:
        return RedirectResponse(f"/scorecards/{existing.id}", status_code=303)
    return render(request, "scoring/start.html", {"company": company, "entry": entry})


@router.post("/companies/{company_id}/score/{pack_key}")
def start_scorecard(
    session: SessionDep, company: CompanyDep, pack_key: str, user: UnconflictedEvaluatorDep
):
    """Start the caller's scorecard for this company and pack (or go to the one they have)."""
    entry = _pack_entry(session, pack_key)
    evaluation = _own_scorecard(session, company.id, user, entry) or data.open_evaluation(
        session, company_id=company.id, user=user, version=entry.version
    )
    return RedirectResponse(f"/scorecards/{evaluation.id}", status_code=303)


@router.get("/scorecards/{evaluation_id}")
def scorecard_page(request: Request, session: SessionDep, evaluation: OwnEvaluationDep):
    """The scorecard: every criterion with its levels, saved as you go."""
    return render(request, "scoring/scorecard.html", {"view": scorecard_view(session, evaluation)})


_CRITERION = (  # built once: every autosave runs it (issue 17)
    select(RubricCriterion, RubricVersion)
    .join(RubricVersion, col(RubricVersion.id) == RubricCriterion.version_id)
    .where(RubricCriterion.id == bindparam("criterion_id"))
)


def _criterion(session, evaluation: Evaluation, criterion_id: int):
    """The criterion and its rubric version, in one statement; 404 unless it is this card's."""
    found = session.exec(_CRITERION, params={"criterion_id": criterion_id}).first()
    if found is None or found[0].version_id != evaluation.rubric_version_id:
        raise HTTPException(404, _("This criterion is not part of this scorecard's rubric."))
    return found


@router.post("/scorecards/{evaluation_id}/criteria/{criterion_id}")
@reads_first
async def save_criterion(
    form: FormDep,
    request: Request,
    session: SessionDep,
    evaluation: OwnEvaluationDep,
    criterion_id: RowId,
):
    """Save one criterion and answer with its saved state and the new live total.

    The most frequent request (issue 17), so it runs in the event loop's thread: a few
    milliseconds of work cost less there than the hand-over to a worker thread. Who asks, the
    scorecard and the criterion are read before the write turn; in it (db.write), one
    statement reads the score with the card's status, the writes follow, and one more reads
    the total back as plain columns."""
    criterion, version = _criterion(session, evaluation, criterion_id)
    context = {"criterion": criterion, "errors": {}, "result": None}
    if is_locked(evaluation):
        return _locked(request, context)
    answer, errors = parse_score_input(form, criterion=criterion, scale=scale_of(version))
    if answer is None:
        return render(
            request, "scoring/_saved.html", {**context, "errors": errors}, status_code=422
        )
    seen_revision = parse_number(str(form.get("revision", "")).strip())

    def save(session):
        result = data.save_score(
            session,
            evaluation=evaluation,
            criterion=criterion,
            user_id=evaluation.evaluator_id,  # the caller: own_evaluation refuses anyone else
            answer=answer,
            seen_revision=seen_revision,
            commit=False,
        )
        return result, live_total(session, evaluation, version)

    try:
        context["result"], context["view"] = await write(session, save)
    except ScorecardLocked:  # submitted in another tab since the card was read
        return _locked(request, context)
    # The answer shows what was just written: nothing needs reading again after the commit.
    return render(request, "scoring/_saved.html", context)


def _locked(request: Request, context: dict):
    context["locked"] = locked_message()
    return render(request, "scoring/_saved.html", context, status_code=409)


@router.post("/scorecards/{evaluation_id}/submit")
def submit_scorecard(request: Request, session: SessionDep, evaluation: OwnEvaluationDep):
    """Submit a complete scorecard; an incomplete one says what is missing."""
    view = scorecard_view(session, evaluation)
    if not view.progress.complete:
        return render(
            request,
            "scoring/scorecard.html",
            {
                "view": view,
                "submit_error": _("Score every criterion (or mark it N/A) before submitting."),
            },
            status_code=422,
        )
    data.submit(session, evaluation)
    return RedirectResponse(f"/scorecards/{evaluation.id}", status_code=303)


@router.post("/scorecards/{evaluation_id}/reopen")
def reopen_scorecard(session: SessionDep, evaluation: OwnEvaluationDep):
    """Reopen a submitted scorecard for changes, each of which is recorded."""
    data.reopen(session, evaluation)
    return RedirectResponse(f"/scorecards/{evaluation.id}", status_code=303)


@router.post("/scorecards/{evaluation_id}/undo")
def undo_change(session: SessionDep, evaluation: DraftEvaluationDep, user: EvaluatorDep):
    """Undo the caller's last change to this scorecard."""
    event = data.undo_last(session, evaluation=evaluation, user=user)
    anchor = f"#criterion-{event.criterion_id}" if event else ""
    return RedirectResponse(f"/scorecards/{evaluation.id}{anchor}", status_code=303)


@router.post("/scorecards/{evaluation_id}/events/{event_id}/restore")
def restore_value(
    session: SessionDep, evaluation: DraftEvaluationDep, event_id: RowId, user: EvaluatorDep
):
    """Set a field back to the value an earlier change gave it."""
    event = session.get(ScoreEvent, event_id)
    if event is None or event.evaluation_id != evaluation.id:
        raise HTTPException(404, _("No such change on this scorecard."))
    data.restore(session, evaluation=evaluation, event=event, user=user)
    return RedirectResponse(
        f"/scorecards/{evaluation.id}#criterion-{event.criterion_id}", status_code=303
    )


@router.get("/scorecards/{evaluation_id}/history")
def scorecard_history(
    request: Request, session: SessionDep, evaluation: OwnEvaluationDep, page: int = 1
):
    """Every change to this scorecard: who, when, old and new (newest first, paged)."""
    view = scorecard_view(session, evaluation)
    events = paginate(
        session, data.history_query(evaluation.id), page=page, page_size=HISTORY_PAGE_SIZE
    )
    context = {
        "view": view,
        "events": events.items,
        "page": events,
        "query": request.query_params,
        "titles": {c.id: c.title for c in view.criteria},
    }
    return render(request, "scoring/history.html", context, partial="scoring/_history.html")


@router.get("/scorecards/{evaluation_id}/freshness")
def scorecard_freshness(
    request: Request, session: SessionDep, evaluation: OwnEvaluationDep, seen: int = 0
):
    """Tell a tab when this scorecard was changed elsewhere (another tab) since it loaded."""
    changed = data.latest_change(session, evaluation.id) > seen
    return render(
        request,
        "scoring/_freshness.html",
        {"changed": changed, "evaluation": evaluation, "seen": seen},
    )
