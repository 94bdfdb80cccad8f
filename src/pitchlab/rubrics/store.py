"""Rubric packs in the database: install from a pack file, read back, version on edit.

A version that has been scored against is frozen: saving a changed pack then adds a new
version, so every evaluation keeps the exact criteria and levels it was scored against.
"""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..models import Evaluation, RubricCriterion, RubricPack, RubricVersion
from .packfile import PackFile


@dataclass(frozen=True)
class PackVersion:
    """One version of a pack with its criteria in order."""

    pack: RubricPack
    version: RubricVersion
    criteria: list[RubricCriterion]

    @property
    def key(self) -> str:
        return self.pack.key


def _criterion_rows(pack_file: PackFile, version_id: int) -> list[RubricCriterion]:
    rows = []
    for position, criterion in enumerate(pack_file.criteria):
        data = criterion.model_dump(mode="json", exclude_none=True)
        rows.append(
            RubricCriterion(
                version_id=version_id,
                key=criterion.key,
                position=position,
                weight=criterion.weight,
                title=data["title"],
                question=data["question"],
                levels=data["levels"],
                na_allowed=criterion.na_allowed,
                evidence=data["evidence"],
                source=data["source"],
                gate=data.get("gate"),
                construct_key=criterion.construct_key,
            )
        )
    return rows


def _version_row(
    pack_file: PackFile, *, pack_id: int, number: int, user_id: int | None
) -> RubricVersion:
    data = pack_file.model_dump(mode="json", exclude_none=True)
    return RubricVersion(
        pack_id=pack_id,
        version=number,
        title=data["title"],
        summary=data["summary"],
        source=data["source"],
        scale_min=pack_file.scale.min,
        scale_max=pack_file.scale.max,
        valuation=data.get("valuation"),
        calculator=data.get("calculator"),
        applies_unless=data.get("applies_unless"),
        see=data.get("see") or None,
        created_by_id=user_id,
    )


def _latest_number(session: Session, pack_id: int) -> int:
    latest = session.exec(
        select(func.max(RubricVersion.version)).where(RubricVersion.pack_id == pack_id)
    ).one()
    return latest or 0


def is_scored(session: Session, version_id: int) -> bool:
    """True once any evaluation uses this version."""
    statement = select(Evaluation.id).where(Evaluation.rubric_version_id == version_id).limit(1)
    return session.exec(statement).first() is not None


def install_pack(
    session: Session, pack_file: PackFile, *, user_id: int | None = None
) -> tuple[RubricVersion, bool]:
    """Store a seed's exact version unless present; return (version, added)."""
    pack = session.exec(select(RubricPack).where(RubricPack.key == pack_file.key)).first()
    if pack is None:
        pack = RubricPack(key=pack_file.key, kind=pack_file.kind)
        session.add(pack)
        session.flush()
    existing = session.exec(
        select(RubricVersion).where(
            RubricVersion.pack_id == pack.id, RubricVersion.version == pack_file.version
        )
    ).first()
    if existing is not None:
        return existing, False
    version = _version_row(pack_file, pack_id=pack.id, number=pack_file.version, user_id=user_id)
    session.add(version)
    session.flush()
    session.add_all(_criterion_rows(pack_file, version.id))
    session.commit()
    return version, True


def save_pack(
    session: Session, pack_file: PackFile, *, user_id: int | None = None
) -> RubricVersion:
    """Save an edited or imported pack: in place while unscored, else as a new version."""
    pack = session.exec(select(RubricPack).where(RubricPack.key == pack_file.key)).first()
    if pack is None:
        pack = RubricPack(key=pack_file.key, kind=pack_file.kind)
        session.add(pack)
        session.flush()
    latest_number = _latest_number(session, pack.id)
    latest = session.exec(
        select(RubricVersion).where(
            RubricVersion.pack_id == pack.id, RubricVersion.version == latest_number
        )
    ).first()
    if latest is not None and not is_scored(session, latest.id):
        for criterion in session.exec(
            select(RubricCriterion).where(RubricCriterion.version_id == latest.id)
        ):
            session.delete(criterion)
        session.delete(latest)
        session.flush()
        number = latest_number
    else:
        number = latest_number + 1
    pack.kind = pack_file.kind
    version = _version_row(pack_file, pack_id=pack.id, number=number, user_id=user_id)
    session.add(version)
    session.flush()
    session.add_all(_criterion_rows(pack_file, version.id))
    session.commit()
    session.refresh(version)
    return version


def latest_versions(session: Session) -> list[PackVersion]:
    """Every pack at its newest version, with criteria: three queries in all."""
    newest = (
        select(RubricVersion.pack_id, func.max(RubricVersion.version).label("number"))
        .group_by(RubricVersion.pack_id)
        .subquery()
    )
    rows = session.exec(
        select(RubricPack, RubricVersion)
        .join(RubricVersion, col(RubricVersion.pack_id) == RubricPack.id)
        .join(
            newest,
            (newest.c.pack_id == RubricVersion.pack_id)
            & (newest.c.number == RubricVersion.version),
        )
        .order_by(col(RubricPack.kind), col(RubricPack.key))
    ).all()
    criteria = _criteria_by_version(session, [version.id for _, version in rows])
    return [PackVersion(pack, version, criteria.get(version.id, [])) for pack, version in rows]


def _criteria_by_version(
    session: Session, version_ids: list[int]
) -> dict[int, list[RubricCriterion]]:
    grouped: dict[int, list[RubricCriterion]] = {}
    if not version_ids:
        return grouped
    statement = (
        select(RubricCriterion)
        .where(col(RubricCriterion.version_id).in_(version_ids))
        .order_by(col(RubricCriterion.version_id), col(RubricCriterion.position))
    )
    for criterion in session.exec(statement):
        grouped.setdefault(criterion.version_id, []).append(criterion)
    return grouped


def get_pack_version(session: Session, key: str, number: int | None = None) -> PackVersion | None:
    """A pack at version `number` (the newest when None), or None."""
    statement = (
        select(RubricPack, RubricVersion)
        .join(RubricVersion, col(RubricVersion.pack_id) == RubricPack.id)
        .where(RubricPack.key == key)
    )
    if number is None:
        statement = statement.order_by(col(RubricVersion.version).desc()).limit(1)
    else:
        statement = statement.where(RubricVersion.version == number)
    row = session.exec(statement).first()
    if row is None:
        return None
    pack, version = row
    return PackVersion(
        pack, version, _criteria_by_version(session, [version.id]).get(version.id, [])
    )


def version_numbers(session: Session, pack_id: int) -> list[int]:
    statement = select(RubricVersion.version).where(RubricVersion.pack_id == pack_id)
    return sorted(session.exec(statement).all(), reverse=True)


def to_pack_file(entry: PackVersion) -> PackFile:
    """The stored version as a pack file document (for export, editing and the API)."""
    version = entry.version
    data = {
        "key": entry.pack.key,
        "version": version.version,
        "kind": entry.pack.kind,
        "title": version.title,
        "summary": version.summary,
        "source": version.source,
        "scale": {"min": version.scale_min, "max": version.scale_max},
        "criteria": [
            {
                "key": c.key,
                "title": c.title,
                "question": c.question,
                "weight": c.weight,
                "na_allowed": c.na_allowed,
                "levels": {int(k): v for k, v in c.levels.items()},
                "evidence": c.evidence,
                "source": c.source,
                **({"gate": c.gate} if c.gate else {}),
                **({"construct": c.construct_key} if c.construct_key else {}),
            }
            for c in entry.criteria
        ],
    }
    if version.valuation:
        data["valuation"] = version.valuation
    if version.calculator:
        data["calculator"] = version.calculator
    if version.applies_unless:
        data["applies_unless"] = version.applies_unless
    if version.see:
        data["see"] = version.see
    # A version stored before quotes were required (issue 15) still reads back.
    return PackFile.model_validate(data, context={"stored": True})


def construct_clashes(session: Session, pack_file: PackFile) -> list[str]:
    """Constructs this pack would score a second time beside the other packs' newest versions.

    Issue 15, one home per construct: a core or further pack may not score the team, cost per
    request, label quality or the data loop when another such pack already does (presets may).
    """
    if pack_file.kind == "preset":
        return []
    taken = {
        criterion.construct_key: f"{entry.pack.key}.{criterion.key}"
        for entry in latest_versions(session)
        if entry.pack.key != pack_file.key and entry.pack.kind != "preset"
        for criterion in entry.criteria
        if criterion.construct_key
    }
    return [
        f"criteria[{c.key}].construct: {c.construct_key!r} is already scored in "
        f"{taken[c.construct_key]}; refer to it with see instead"
        for c in pack_file.criteria
        if c.construct_key in taken
    ]
