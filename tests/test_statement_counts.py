"""Pages run a fixed number of SQL statements, however large the portfolio (no N+1 queries)."""

from sqlmodel import select

from pitchlab.bench import StatementCounter
from pitchlab.companies.data import name_key
from pitchlab.models import Company, Evaluation, Score, User, utcnow
from pitchlab.rubrics.store import get_pack_version


def _statements(app, client, url: str) -> int:
    counter = StatementCounter(app.state.engine)
    assert client.get(url).status_code == 200
    return counter.count


def _add_companies(session, count: int) -> list[int]:
    session.rollback()
    companies = [
        Company(name=f"Filler {n:03d}", name_key=name_key(f"Filler {n:03d}")) for n in range(count)
    ]
    session.add_all(companies)
    session.commit()
    return [company.id for company in companies]


def _submit_scorecards(session, company_id: int) -> None:
    session.rollback()
    entry = get_pack_version(session, "problem-space")
    for user in session.exec(select(User)).all():
        evaluation = Evaluation(
            company_id=company_id,
            evaluator_id=user.id,
            rubric_version_id=entry.version.id,
            status="submitted",
            submitted_at=utcnow(),
        )
        session.add(evaluation)
        session.flush()
        session.add_all(
            [
                Score(evaluation_id=evaluation.id, criterion_id=criterion.id, value=3)
                for criterion in entry.criteria
            ]
        )
    session.commit()


def test_company_list_statements_do_not_grow(app, admin_client, session):
    before = _statements(app, admin_client, "/companies")
    _add_companies(session, 60)
    assert _statements(app, admin_client, "/companies") == before


def test_company_page_statements_do_not_grow_with_its_scorecards(
    app, admin_client, session, company_id
):
    before = _statements(app, admin_client, f"/companies/{company_id}")
    _submit_scorecards(session, company_id)
    for other in _add_companies(session, 5):
        _submit_scorecards(session, other)
    assert _statements(app, admin_client, f"/companies/{company_id}") == before


def test_autosave_statements_do_not_grow_with_the_scorecard(
    app, admin_client, session, company_id, fill_scorecard
):
    """The save reads one criterion and the total's columns, whatever the rubric's size and
    however long the history (issue 17); a save that changes nothing writes nothing."""
    criteria = get_pack_version(session, "problem-space").criteria
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {})

    def save(criterion, value) -> int:
        counter = StatementCounter(app.state.engine)
        answer = admin_client.post(
            f"/scorecards/{scorecard_id}/criteria/{criterion.id}",
            data={"value": str(value)},
            headers={"HX-Request": "true"},
        )
        assert answer.status_code == 200
        return counter.count

    first = save(criteria[0], 2)
    for criterion in criteria:
        for value in (3, 4, 5):
            save(criterion, value)
    assert save(criteria[-1], 1) == first
    assert save(criteria[-1], 1) < first  # unchanged: no event, no update


def test_worksheet_pages_statements_do_not_grow_with_revisions_or_companies(
    app, admin_client, session, company_id
):
    """Issue 16: the worksheet page, its list, the company page and compare's worksheet table."""
    urls = [
        f"/companies/{company_id}/worksheets/ai-cogs",
        f"/companies/{company_id}/worksheets",
        f"/companies/{company_id}",
        "/compare",
    ]
    before = [_statements(app, admin_client, url) for url in urls]
    form = {"currency": "USD", "revenue": "10", "unit": "tokens"}
    for _ in range(3):
        admin_client.post(f"/companies/{company_id}/worksheets/ai-cogs", data=form)
    for other in _add_companies(session, 5):
        admin_client.post(f"/companies/{other}/worksheets/problem-space", data={"who": "Shops"})
        admin_client.post(f"/companies/{other}/worksheets/ai-cogs", data=form)
    assert [_statements(app, admin_client, url) for url in urls] == before


def _add_deal_work(session, company_ids: list[int]) -> None:
    """Assignments, comments, owners and mentions on every company (issue 13)."""
    from pitchlab.models import Activity, Assignment, Notification

    session.rollback()
    admin = session.exec(select(User).where(User.role == "admin")).first()
    pack = get_pack_version(session, "problem-space")
    for company_id in company_ids:
        session.add(Assignment(company_id=company_id, user_id=admin.id, pack_id=pack.pack.id))
        comment = Activity(company_id=company_id, kind="comment", actor_id=admin.id, body="Hi")
        session.add(comment)
        session.flush()
        session.add(Notification(user_id=admin.id, activity_id=comment.id, reason="mention"))
        session.get(Company, company_id).owner_id = admin.id
    session.commit()


def test_deal_pages_statements_do_not_grow(app, admin_client, session, company_id):
    pages = [
        "/",
        "/home/disagreement",
        "/board",
        "/notifications",
        "/notifications/count",
        f"/companies/{company_id}/activity",
        "/companies?col=owner&col=total&col=mine&col=progress",
    ]
    _add_deal_work(session, [company_id])  # empty lists skip a query: start from one row
    before = {url: _statements(app, admin_client, url) for url in pages}
    others = _add_companies(session, 30)
    _add_deal_work(session, others)
    for other in others[:5]:
        _submit_scorecards(session, other)
    after = {url: _statements(app, admin_client, url) for url in pages}
    assert after == before


def test_pairwise_pages_statements_do_not_grow(app, admin_client, session):
    """Issue 14: a session's pages read the same statements with 3 or 12 finalists, few or
    many judgements, with or without scorecards."""
    from pitchlab.auth.users import find_user
    from pitchlab.pairwise.data import create_session, load_board, pair_for, record_judgement

    def judged_session(company_ids: list[int]) -> int:
        session.rollback()
        admin = find_user(session, "admin@pitchlab.example")
        session_id = create_session(session, title="T", company_ids=company_ids, user=admin)
        board = load_board(session, session_id)
        for _ in range(len(company_ids)):
            a, b = pair_for(board, admin)
            record_judgement(session, board, admin, company_a=a, company_b=b, outcome="a")
        return session_id

    demo = list(session.exec(select(Company.id).order_by(Company.id)).all())
    small = judged_session(demo[:3])
    pages = ["/pairwise", "/pairwise/{id}", "/pairwise/{id}/judge"]
    before = [_statements(app, admin_client, url.format(id=small)) for url in pages]
    large_ids = demo[3:15]
    for company in large_ids[:4]:
        _submit_scorecards(session, company)
    large = judged_session(large_ids)
    after = [_statements(app, admin_client, url.format(id=large)) for url in pages]
    assert after == before


def test_memo_and_one_pager_statements_do_not_grow(app, admin_client, session, company_id):
    """The IC memo and the one-pager read the dossier in a fixed number of statements (issue
    14), whatever the number of scorecards and companies."""
    urls = [f"/companies/{company_id}/memo?format=docx", f"/companies/{company_id}/one-pager"]
    _submit_scorecards(session, company_id)
    before = [_statements(app, admin_client, url) for url in urls]
    for other in _add_companies(session, 5):
        _submit_scorecards(session, other)
    assert [_statements(app, admin_client, url) for url in urls] == before


def test_meeting_pages_statements_do_not_grow_with_the_agenda(app, admin_client, session):
    """The meeting list, a meeting and its presenter view (issue 14): votes, items and their
    companies' scorecards add rows, not statements."""
    from pitchlab.meetings.agenda import agenda
    from pitchlab.meetings.record import cast_vote

    from .conftest import DEMO_EMAILS, save_test_meeting

    session.rollback()
    admin = session.exec(select(User).where(User.email == "admin@pitchlab.example")).one()
    first, *more = _add_companies(session, 7)
    first = [first]
    _submit_scorecards(session, first[0])
    meeting = save_test_meeting(session, chair_email=admin.email, company_ids=first)
    item = agenda(session, meeting.id)[0]
    urls = ["/meetings", f"/meetings/{meeting.id}", f"/meetings/{meeting.id}/items/{item.id}"]
    before = [_statements(app, admin_client, url) for url in urls]
    for company_id in more:
        _submit_scorecards(session, company_id)
    meeting = save_test_meeting(
        session,
        chair_email=admin.email,
        company_ids=first + more,
        attendee_emails=DEMO_EMAILS.values(),
        meeting=meeting,
    )
    for entry in agenda(session, meeting.id):
        cast_vote(session, meeting, entry, user=admin, choice="invest", note="")
    assert [_statements(app, admin_client, url) for url in urls] == before
