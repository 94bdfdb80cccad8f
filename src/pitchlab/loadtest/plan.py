"""Who the load test logs in as and what they score: made directly in the database beforehand."""

import secrets
import uuid
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from ..auth.tokens import create_token
from ..auth.users import create_user
from ..db import create_db_engine
from ..migrate import upgrade
from ..models import Company, PrfaqTemplate, Role
from ..rubrics.store import get_pack_version
from ..seeding import seed_all

# A pack every seeded database has; its criteria are what the virtual evaluators score.
PACK_KEY = "problem-space"
PASSWORD_BYTES = 12


@dataclass(frozen=True)
class Evaluator:
    email: str
    password: str
    token: str
    user_id: int


@dataclass(frozen=True)
class Plan:
    """Everything the virtual users need to know, fixed before the first request."""

    run_id: str
    evaluators: list[Evaluator]
    company_ids: list[int]
    pack_key: str
    criteria: dict[str, int]  # criterion key -> id in the pack's latest version
    scale: tuple[int, int]
    prfaq_template_id: int | None
    prfaq_section: str | None


def _prfaq_target(session: Session) -> tuple[int | None, str | None]:
    # The PR/FAQ area may not be there yet; without it the PR/FAQ scenarios stay off.
    try:
        from ..prfaq.library import template_document
    except ImportError:
        return None, None
    row = session.exec(select(PrfaqTemplate).order_by(col(PrfaqTemplate.id))).first()
    if row is None:
        return None, None
    keys = template_document(row).section_keys()
    return row.id, keys[0] if keys else None


def _evaluators(session: Session, run_id: str, count: int) -> list[Evaluator]:
    made = []
    for number in range(count):
        password = secrets.token_urlsafe(PASSWORD_BYTES)
        user = create_user(
            session,
            email=f"load-{run_id}-{number}@loadtest.invalid",
            display_name=f"Load {number}",
            role=Role.ANALYST,
            password=password,
        )
        token = create_token(session, user=user, name="load test")
        made.append(Evaluator(user.email, password, token, user.id))
    return made


def prepare(database_url: str, *, users: int, companies: int = 6) -> Plan:
    """Create `users` evaluators with tokens, and pick companies and a pack, in this database."""
    engine = create_db_engine(database_url)
    try:
        upgrade(engine)
        with Session(engine) as session:
            if session.exec(select(func.count()).select_from(Company)).one() == 0:
                seed_all(session, demo=True, demo_scorecards=False)
            entry = get_pack_version(session, PACK_KEY)
            criteria = {c.key: c.id for c in entry.criteria if not c.retired}
            company_ids = list(
                session.exec(
                    select(Company.id)
                    .where(col(Company.archived_at).is_(None))
                    .order_by(col(Company.id))
                    .limit(companies)
                )
            )
            template_id, section = _prfaq_target(session)
            run_id = uuid.uuid4().hex[:6]
            evaluators = _evaluators(session, run_id, users)
            scale = (entry.version.scale_min, entry.version.scale_max)
    finally:
        engine.dispose()
    return Plan(run_id, evaluators, company_ids, PACK_KEY, criteria, scale, template_id, section)
