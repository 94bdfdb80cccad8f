"""Nothing in the event loop's thread waits for a writer (issue 17).

The company list runs in the loop's thread, and so does the look-up of who is asking when the
request only reads (db.read_for); so does the autosave, which writes through db.write. A
writer waiting for its turn must wait in a worker thread: were it to wait in the loop's, every
other request would stall behind it.
"""

import threading

from sqlalchemy import text
from sqlmodel import Session, select

from pitchlab.db import writer_engine
from pitchlab.models import Company, Score, ScoreEvent
from pitchlab.rubrics.store import get_pack_version

# Far below the write turn's 30 s timeout, far above a loaded machine's list page.
ANSWER_BUDGET_S = 10


def _hold_the_writers(engine, table, held: threading.Event, release: threading.Event) -> None:
    """Keep every other writer waiting until `release`: SQLite's write turn, or on
    PostgreSQL a lock on the table that readers pass and writes wait for."""
    with writer_engine(engine).connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"LOCK TABLE {table} IN EXCLUSIVE MODE"))
        held.set()
        release.wait(ANSWER_BUDGET_S * 2)


def _list_while_the_writers_wait(client, app, table: str, write):
    """Hold the writers back, start `write` (a request) in a thread and ask for the list: the
    list must answer while `write` still waits. Returns the list's answer and, once the
    writers are let go, the write's."""
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(
        target=_hold_the_writers, args=(app.state.engine, table, held, release)
    )
    holder.start()
    assert held.wait(ANSWER_BUDGET_S)
    answers = {}
    writer = threading.Thread(target=lambda: answers.setdefault("write", write()))
    reader = threading.Thread(target=lambda: answers.setdefault("list", client.get("/companies")))
    try:
        writer.start()
        reader.start()
        reader.join(ANSWER_BUDGET_S)
        assert not reader.is_alive() and writer.is_alive()
        assert answers["list"].status_code == 200
    finally:
        release.set()
        holder.join()
        writer.join(ANSWER_BUDGET_S)
    return answers["list"], answers["write"]


def test_the_list_answers_while_a_writer_waits_for_its_turn(admin_client, app):
    form = {
        "name": "Waited For Its Turn",
        "stage": "seed",
        "status": "sourced",
        "modality": "text",
        "model_strategy": "no-ml",
    }
    listed, created = _list_while_the_writers_wait(
        admin_client,
        app,
        "company",
        lambda: admin_client.post("/companies", data=form, follow_redirects=False),
    )
    # The list came back while the new company was still waiting to be written.
    assert "Waited For Its Turn" not in listed.text
    assert created.status_code == 303, created.text
    with Session(app.state.engine) as session:
        names = session.exec(select(Company.name)).all()
    assert "Waited For Its Turn" in names
    assert "Waited For Its Turn" in admin_client.get("/companies?q=Waited").text


def test_the_list_answers_while_an_autosave_waits_for_its_turn(
    admin_client, app, session, company_id, fill_scorecard
):
    criteria = get_pack_version(session, "problem-space").criteria
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {})
    _listed, saved_answer = _list_while_the_writers_wait(
        admin_client,
        app,
        "score",
        lambda: admin_client.post(
            f"/scorecards/{scorecard_id}/criteria/{criteria[0].id}",
            data={"value": "4"},
            headers={"HX-Request": "true"},
        ),
    )
    assert saved_answer.status_code == 200, saved_answer.text
    session.rollback()
    saved = session.exec(
        select(Score.value).where(
            Score.evaluation_id == scorecard_id, Score.criterion_id == criteria[0].id
        )
    ).one()
    assert saved == 4
    # On PostgreSQL the save gave up its lock wait in the loop's thread and ran again in a
    # worker thread: the first attempt left nothing behind, so one change is recorded.
    changes = session.exec(
        select(ScoreEvent.new).where(
            ScoreEvent.evaluation_id == scorecard_id, ScoreEvent.criterion_id == criteria[0].id
        )
    ).all()
    assert [change["value"]["value"] for change in changes] == [4]
