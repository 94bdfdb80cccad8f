"""Companies, submitted scorecards, scores and conflicts written straight into a test database.

The demo seed has no scorecards in tests, so the compare tests (and the browser test) build
exactly the portfolio whose numbers they check.
"""

from tests.conftest import DEMO_EMAILS

from pitchlab.auth.users import find_user


class PortfolioWriter:
    """Companies, submitted scorecards, scores and conflicts written straight through the
    models, so the compare tests control every number (the demo seed has no scorecards)."""

    def __init__(self, session):
        self.session = session
        self.users = {who: find_user(session, email).id for who, email in DEMO_EMAILS.items()}

    def company(self, name, *, stage="seed", status="screening", tags="cmp") -> int:
        from pitchlab.companies.data import name_key
        from pitchlab.models import Company

        self.session.rollback()  # drop any read snapshot older than the app's last write
        company = Company(name=name, name_key=name_key(name), stage=stage, status=status, tags=tags)
        self.session.add(company)
        self.session.commit()
        return company.id

    def scorecard(self, company_id, who, values, *, pack="problem-space", submitted=True) -> int:
        """values: {criterion key: level, None for N/A}; unnamed criteria stay unanswered."""
        from pitchlab.models import Evaluation, Score, utcnow
        from pitchlab.rubrics.store import get_pack_version

        self.session.rollback()
        entry = get_pack_version(self.session, pack)
        criteria = {c.key: c.id for c in entry.criteria}
        evaluation = Evaluation(
            company_id=company_id,
            evaluator_id=self.users[who],
            rubric_version_id=entry.version.id,
            status="submitted" if submitted else "draft",
            submitted_at=utcnow() if submitted else None,
        )
        self.session.add(evaluation)
        self.session.flush()
        self.session.add_all(
            [
                Score(
                    evaluation_id=evaluation.id,
                    criterion_id=criteria[key],
                    value=value,
                    is_na=value is None,
                )
                for key, value in values.items()
            ]
        )
        self.session.commit()
        return evaluation.id

    def submit(self, evaluation_id) -> None:
        from pitchlab.models import Evaluation, utcnow

        self.session.rollback()
        evaluation = self.session.get(Evaluation, evaluation_id)
        evaluation.status, evaluation.submitted_at = "submitted", utcnow()
        self.session.add(evaluation)
        self.session.commit()

    def conflict(self, company_id, who) -> None:
        from pitchlab.models import Conflict

        self.session.rollback()
        self.session.add(Conflict(company_id=company_id, user_id=self.users[who], reason="test"))
        self.session.commit()

    def criteria(self, pack="problem-space") -> list[str]:
        from pitchlab.rubrics.store import get_pack_version

        return [c.key for c in get_pack_version(self.session, pack).criteria]
