"""How a request's statements meet the database (db.get_session, issue 17).

On PostgreSQL a GET reads statement by statement in autocommit: at READ COMMITTED a
transaction would give its reads no common snapshot, and its BEGIN and ROLLBACK cost two round
trips and the connection's prepared statements. A writing method keeps its transaction, so its
writes commit together. SQLite keeps deferred read transactions, which cost no round trip.
"""

from sqlalchemy import event
from sqlmodel import select

from pitchlab.models import Company


def _statements_of(app, request) -> list[tuple[str, bool]]:
    """Run `request`; return each statement's first word and whether the database connection
    was in autocommit (statement by statement) when it ran."""
    seen = []

    def record(connection, _cursor, statement, *_args):
        dbapi = connection.connection.dbapi_connection
        autocommit = dbapi.autocommit if connection.dialect.name == "postgresql" else False
        seen.append((statement.split(None, 1)[0].upper(), bool(autocommit)))

    event.listen(app.state.engine, "before_cursor_execute", record)
    try:
        request()
    finally:
        event.remove(app.state.engine, "before_cursor_execute", record)
    return seen


def test_a_get_reads_in_autocommit_on_postgresql_and_a_post_writes_in_a_transaction(
    admin_client, app, session
):
    postgresql = app.state.engine.dialect.name == "postgresql"
    listed = _statements_of(app, lambda: admin_client.get("/companies"))
    assert listed and {verb for verb, _ in listed} - {"BEGIN"} == {"SELECT"}
    assert {autocommit for _, autocommit in listed} == {postgresql}
    # SQLite's reads sit in the deferred transaction whose BEGIN pitchlab sends (write_turn.py);
    # psycopg's BEGIN is not a statement of its own, and in autocommit there is none.
    assert (listed[0][0] == "BEGIN") is not postgresql

    form = {
        "name": "Written Together",
        "stage": "seed",
        "status": "sourced",
        "modality": "text",
        "model_strategy": "no-ml",
    }
    created = _statements_of(
        app, lambda: admin_client.post("/companies", data=form, follow_redirects=False)
    )
    assert "INSERT" in {verb for verb, _ in created}
    assert {autocommit for _, autocommit in created} == {False}
    assert session.exec(select(Company.id).where(Company.name == "Written Together")).one()
