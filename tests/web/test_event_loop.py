"""Reads in the event loop's thread never wait for a writer (issue 17).

The company list runs in the loop's thread, and so does the look-up of who is asking when the
request only reads (db.read_for). A writer waiting for its turn must wait in a worker thread:
were it to wait in the loop's, every other request would stall behind it.
"""

import threading

from sqlalchemy import text
from sqlmodel import Session, select

from pitchlab.db import writer_engine
from pitchlab.models import Company

# Far below the write turn's 30 s timeout, far above a loaded machine's list page.
ANSWER_BUDGET_S = 10


def _hold_the_writers(engine, held: threading.Event, release: threading.Event) -> None:
    """Keep every other writer waiting until `release`: SQLite's write turn, or on
    PostgreSQL a lock on the company table that readers pass and inserts wait for."""
    with writer_engine(engine).connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("LOCK TABLE company IN EXCLUSIVE MODE"))
        held.set()
        release.wait(ANSWER_BUDGET_S * 2)


def test_the_list_answers_while_a_writer_waits_for_its_turn(admin_client, app):
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_writers, args=(app.state.engine, held, release))
    holder.start()
    assert held.wait(ANSWER_BUDGET_S)
    answers = {}

    def create() -> None:
        answers["create"] = admin_client.post(
            "/companies",
            data={
                "name": "Waited For Its Turn",
                "stage": "seed",
                "status": "sourced",
                "modality": "text",
                "model_strategy": "no-ml",
            },
            follow_redirects=False,
        )

    def read() -> None:
        answers["list"] = admin_client.get("/companies")

    writer, reader = threading.Thread(target=create), threading.Thread(target=read)
    try:
        writer.start()
        reader.start()
        reader.join(ANSWER_BUDGET_S)
        # The list came back while the new company was still waiting to be written.
        assert not reader.is_alive() and writer.is_alive()
        assert answers["list"].status_code == 200
        assert "Waited For Its Turn" not in answers["list"].text
    finally:
        release.set()
        holder.join()
        writer.join(ANSWER_BUDGET_S)
    assert answers["create"].status_code == 303, answers["create"].text
    with Session(app.state.engine) as session:
        names = session.exec(select(Company.name)).all()
    assert "Waited For Its Turn" in names
    assert "Waited For Its Turn" in admin_client.get("/companies?q=Waited").text
