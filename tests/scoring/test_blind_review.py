"""Blind review and conflicts of interest, as each role meets them."""

from sqlmodel import select

from pitchlab.models import Conflict
from pitchlab.rubrics.store import get_pack_version

RATIONALE = "partner-only insight"


def _all(session, level, pack="problem-space"):
    return {c.key: level for c in get_pack_version(session, pack).criteria}


def _partner_submits(make_client, session, company_id, fill_scorecard):
    partner = make_client("partner")
    scorecard = fill_scorecard(partner, company_id, "problem-space", _all(session, 4), submit=True)
    criterion = get_pack_version(session, "problem-space").criteria[0]
    partner.post(f"/scorecards/{scorecard}/reopen")
    partner.post(
        f"/scorecards/{scorecard}/criteria/{criterion.id}",
        data={"value": "4", "rationale": RATIONALE},
    )
    partner.post(f"/scorecards/{scorecard}/submit")
    return partner


def test_evaluator_sees_others_only_after_submitting(
    make_client, session, company_id, fill_scorecard
):
    _partner_submits(make_client, session, company_id, fill_scorecard)
    analyst = make_client("analyst")
    before = analyst.get(f"/companies/{company_id}/scores").text
    assert "1 evaluator submitted." in before
    assert RATIONALE not in before and "Tobias Okafor" not in before
    # The company page counts submissions without showing them.
    assert "Scores stay hidden until you submit" in before
    fill_scorecard(analyst, company_id, "problem-space", _all(session, 2), submit=True)
    after = analyst.get(f"/companies/{company_id}/scores").text
    assert RATIONALE in after and "Tobias Okafor" in after
    assert "disagreement" in after  # 4 against 2 on every criterion


def test_admin_sees_everything_and_can_let_partners_see_early(
    make_client, admin_client, session, company_id, fill_scorecard
):
    _partner_submits(make_client, session, company_id, fill_scorecard)
    assert RATIONALE in admin_client.get(f"/companies/{company_id}/scores").text
    second_partner = make_client("partner2")
    assert RATIONALE not in second_partner.get(f"/companies/{company_id}/scores").text
    admin_client.post("/admin/settings", data={"partners_see_early": "on"})
    assert RATIONALE in second_partner.get(f"/companies/{company_id}/scores").text
    analyst = make_client("analyst")
    assert RATIONALE not in analyst.get(f"/companies/{company_id}/scores").text


def test_conflict_needs_a_reason_and_keeps_what_was_typed(make_client, company_id):
    analyst = make_client("analyst")
    response = analyst.post(f"/companies/{company_id}/conflicts", data={"reason": "   "})
    assert response.status_code == 422
    assert 'id="conflict-error"' in response.text


def test_conflicted_evaluator_cannot_score_or_see_and_is_excluded(
    make_client, admin_client, session, company_id, fill_scorecard
):
    analyst = make_client("analyst")
    fill_scorecard(analyst, company_id, "problem-space", _all(session, 1), submit=True)
    _partner_submits(make_client, session, company_id, fill_scorecard)
    analyst.post(
        f"/companies/{company_id}/conflicts", data={"reason": "Angel investor in a competitor"}
    )
    session.rollback()
    assert (
        session.exec(select(Conflict).where(Conflict.company_id == company_id))
        .one()
        .reason.startswith("Angel")
    )
    assert (
        analyst.get(
            f"/companies/{company_id}/score/problem-space", follow_redirects=False
        ).status_code
        == 403
    )
    assert analyst.get(f"/companies/{company_id}/scores").status_code == 403
    assert "You declared a conflict of interest" in analyst.get(f"/companies/{company_id}").text
    results = admin_client.get(f"/companies/{company_id}/scores").text
    assert "Priya Raman" not in results and "1 evaluator submitted." in results


def test_admin_declares_and_lifts_a_conflict_for_someone(
    admin_client, make_client, session, company_id
):
    from pitchlab.auth.users import find_user

    partner = find_user(session, "partner@pitchlab.example")
    admin_client.post(
        f"/companies/{company_id}/conflicts",
        data={"reason": "Board seat", "user_id": str(partner.id)},
    )
    partner_client = make_client("partner")
    assert (
        partner_client.get(
            f"/companies/{company_id}/score/problem-space", follow_redirects=False
        ).status_code
        == 403
    )
    session.rollback()
    conflict = session.exec(select(Conflict)).one()
    assert conflict.declared_by_id != conflict.user_id
    admin_client.post(f"/companies/{company_id}/conflicts/{conflict.id}/remove")
    assert (
        partner_client.post(
            f"/companies/{company_id}/score/problem-space", follow_redirects=False
        ).status_code
        == 303
    )


def test_viewer_reads_results_but_cannot_score(make_client, session, company_id, fill_scorecard):
    from pitchlab.auth.users import create_user

    _partner_submits(make_client, session, company_id, fill_scorecard)
    session.rollback()  # a SQLite read snapshot cannot turn into a write after others wrote
    create_user(
        session,
        email="viewer@pitchlab.example",
        display_name="Vera",
        role="viewer",
        password="viewer-password-1",
    )
    viewer = make_client()
    viewer.post(
        "/login", data={"email": "viewer@pitchlab.example", "password": "viewer-password-1"}
    )
    assert RATIONALE in viewer.get(f"/companies/{company_id}/scores").text
    assert (
        viewer.get(
            f"/companies/{company_id}/score/problem-space", follow_redirects=False
        ).status_code
        == 403
    )
