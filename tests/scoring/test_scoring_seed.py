"""The demo scorecards: loaded once, faithful to the rubrics, and enough to compare."""

from sqlmodel import Session, func, select

from pitchlab.db import create_db_engine
from pitchlab.migrate import upgrade
from pitchlab.models import Evaluation, Score, User
from pitchlab.seeding import seed_all


def test_demo_scorecards_load_once_with_every_evaluator_calibratable(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    upgrade(engine)
    with Session(engine) as session:
        first = seed_all(session, demo=True)
        second = seed_all(session, demo=True)
        assert first.added["scorecards"] >= 40 and second.total == 0
        submitted = session.exec(
            select(User.email, func.count())
            .join(Evaluation, Evaluation.evaluator_id == User.id)
            .where(Evaluation.status == "submitted")
            .group_by(User.email)
        ).all()
        assert len(submitted) == 4 and min(count for _email, count in submitted) >= 5
        drafts = session.exec(
            select(func.count()).select_from(Evaluation).where(Evaluation.status == "draft")
        ).one()
        assert drafts >= 1
        assert session.exec(select(func.count()).select_from(Score)).one() > 300
    engine.dispose()
