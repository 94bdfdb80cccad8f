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


def test_demo_has_payne_and_berkus_valuations_worked_out_by_hand(tmp_path):
    from decimal import Decimal

    from pitchlab.compare.flags import panel_valuations
    from pitchlab.compare.loading import load_portfolio
    from pitchlab.compare.selection import Selection
    from pitchlab.models import Company

    engine = create_db_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    upgrade(engine)
    with Session(engine) as session:
        seed_all(session, demo=True)
        ids = dict(session.exec(select(Company.name, Company.id)).all())
        portfolio = load_portfolio(
            session, Selection(pack_keys=("payne-scorecard", "berkus")), user=None
        )
        found = panel_valuations(portfolio.scores, portfolio.facts)
    engine.dispose()

    def panel(name, pack):
        value = found[(ids[name], pack)].panel
        return value and (value.median, value.low, value.high, value.currency)

    # Dreamreel, north-america pre-seed anchor 6 M USD: 0.7875 and 0.9125 of it.
    assert panel("Dreamreel Labs", "payne-scorecard") == (
        Decimal("5100000.00"),
        Decimal("4725000.00"),
        Decimal("5475000.00"),
        "USD",
    )
    # 栖语智能, greater-china seed anchor 40 M CNY: 1.1 and 1.075 of it.
    assert panel("栖语智能", "payne-scorecard")[0] == Decimal("43500000.00")
    assert panel("栖语智能", "payne-scorecard")[3] == "CNY"
    # Berkus: 500,000 x (1/4 + 2/4 + 2/4) = 625,000 and 500,000 x (1/4 + 1/4 + 2/4) = 500,000,
    # and the analyst's (seeds/scorecards/further.yaml) 500,000 x (1/4 + 2/4 + 1/4 + 1/4 + 0)
    # = 625,000: the median of the three is 625,000.
    assert panel("Dreamreel Labs", "berkus")[:3] == (
        Decimal("625000.00"),
        Decimal("500000.00"),
        Decimal("625000.00"),
    )
    # Pixelorchard has revenue: Berkus gives it no number.
    assert panel("Pixelorchard", "berkus") is None
