"""The revision counter under two simultaneous writers: exactly one save wins."""

import threading

from sqlmodel import Session

from pitchlab.models import PrfaqDraft, User
from pitchlab.prfaq.store import Content, save_revision
from pitchlab.write_turn import WRITE_OPTION

from .conftest import WEAK_EN, current_content, draft_by_title, revisions


def test_two_writers_on_the_same_revision_only_one_wins(app, session):
    draft_id = draft_by_title(session, WEAK_EN).id
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def write(name: str) -> None:
        barrier.wait()
        with Session(app.state.engine) as own:
            # As a POST request's session does: SQLite takes the write lock up front.
            own.connection(execution_options={WRITE_OPTION: True})
            draft = own.get(PrfaqDraft, draft_id)
            content = Content({"headline": f"{name} headline"}, {"external": [], "internal": []})
            saved = save_revision(own, draft, base=1, content=content, author=own.get(User, 1))
            results[name] = saved.number if saved else None

    threads = [threading.Thread(target=write, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values(), key=str) == [2, None]
    winner = next(name for name, number in results.items() if number == 2)
    assert [r.number for r in revisions(session, draft_id)] == [1, 2]
    assert current_content(session, draft_id).sections["headline"] == f"{winner} headline"
