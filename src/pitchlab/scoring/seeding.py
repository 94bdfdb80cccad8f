"""Demo scorecards from seeds/scorecards/*.yaml, so a new demo shows a portfolio to compare."""

from pathlib import Path

import yaml
from sqlmodel import Session, col, select

from ..models import Company, Evaluation, RubricPack, RubricVersion, Score, ScoreEvent, User, utcnow
from ..rubrics.store import get_pack_version
from . import data
from .inputs import ScoreInput, parse_score_input


class InvalidScorecardSeed(ValueError):
    """A demo scorecard names something that does not exist or breaks a rubric rule."""


def _answers(entry: dict, criteria: dict, scale: range) -> list[tuple[int, ScoreInput]]:
    answers = []
    for key, raw in entry.get("scores", {}).items():
        criterion = criteria.get(key)
        if criterion is None:
            raise InvalidScorecardSeed(f"{entry['company']}/{entry['pack']}: no criterion {key!r}")
        fields = {
            "value": str(raw.get("value", "")),
            "confidence": raw.get("confidence") or "",
            "rationale": raw.get("rationale", ""),
            "evidence": "\n".join(raw.get("evidence", [])),
        }
        answer, errors = parse_score_input(fields, criterion=criterion, scale=scale)
        if errors:
            raise InvalidScorecardSeed(f"{entry['company']}/{entry['pack']}/{key}: {errors}")
        answers.append((criterion.id, answer))
    return answers


def _store(session: Session, evaluation: Evaluation, user: User, answers, submitted: bool) -> None:
    # One transaction per scorecard; each score gets the event a user's first save would make.
    for criterion_id, answer in answers:
        score = Score(
            evaluation_id=evaluation.id,
            criterion_id=criterion_id,
            value=answer.value,
            is_na=answer.is_na,
            is_insufficient=answer.is_insufficient,
            confidence=answer.confidence,
            rationale=answer.rationale,
            evidence=answer.evidence,
            revision=1,
        )
        session.add(score)
        session.add(
            ScoreEvent(
                evaluation_id=evaluation.id,
                criterion_id=criterion_id,
                user_id=user.id,
                field="value",
                old={"value": {"value": None, "na": False}},
                new={"value": answer.fields()["value"]},
            )
        )
    if submitted:
        evaluation.status = "submitted"
        evaluation.submitted_at = utcnow()
    session.add(evaluation)
    session.commit()


def seed_scorecards(session: Session, folder: Path, report) -> None:
    """Add each demo scorecard unless that evaluator already has one for the company and pack."""
    companies = {c.name: c for c in session.exec(select(Company))}
    users = {u.email: u for u in session.exec(select(User))}
    for path in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")).get("scorecards", []):
            company, user = companies.get(entry["company"]), users.get(entry["evaluator"])
            pack = get_pack_version(session, entry["pack"])
            if company is None or user is None or pack is None:
                raise InvalidScorecardSeed(
                    f"{path.name}: unknown company, evaluator or pack in {entry}"
                )
            exists = session.exec(
                select(Evaluation.id)
                .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
                .join(RubricPack, col(RubricVersion.pack_id) == RubricPack.id)
                .where(
                    Evaluation.company_id == company.id,
                    Evaluation.evaluator_id == user.id,
                    RubricPack.key == entry["pack"],
                )
            ).first()
            if exists:
                continue
            evaluation = data.open_evaluation(
                session, company_id=company.id, user=user, version=pack.version
            )
            criteria = {c.key: c for c in pack.criteria}
            scale = range(pack.version.scale_min, pack.version.scale_max + 1)
            _store(
                session,
                evaluation,
                user,
                _answers(entry, criteria, scale),
                bool(entry.get("submitted")),
            )
            report.count("scorecards")
