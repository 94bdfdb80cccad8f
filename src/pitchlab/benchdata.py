"""The benchmark's portfolio: companies, evaluators, one rubric pack and submitted scorecards,
written with bulk inserts, seeded so every run scores the same portfolio."""

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import insert, text
from sqlmodel import Session

from .companies.names import name_key
from .models import (
    Activity,
    Assignment,
    Company,
    Conflict,
    Evaluation,
    RubricCriterion,
    RubricPack,
    RubricVersion,
    Score,
    User,
    utcnow,
)

SEED = 20_240_501
STAGES = ["pre-seed", "seed", "series-a", "series-b"]
STATUSES = ["sourced", "screening", "diligence", "ic"]


# Every level described, so the benchmark pack's scorecard renders like a real one.
LEVEL_TEXTS = {str(n): {"en": f"Level {n}, described in one sentence."} for n in range(1, 6)}
# Tables written with explicit ids: PostgreSQL's sequences must be moved past them.
COMPANIES_PER_INSERT = 100
ID_TABLES = ("user", "rubricpack", "rubricversion", "rubriccriterion", "company", "evaluation")


@dataclass(frozen=True)
class Size:
    companies: int = 2000
    criteria: int = 32
    evaluators: int = 10
    scorecards_per_company: int = 3
    page_companies: int = 200
    small_page_companies: int = 20


FULL = Size()
SMALL = Size(companies=150, criteria=8, evaluators=6, page_companies=40, small_page_companies=10)


def _tags(index: int, size: Size) -> str:
    tags = ["bench"]
    if index < size.page_companies:
        tags.append("page")
    if index < size.small_page_companies:
        tags.append("few")
    return ",".join(tags)


def generate_portfolio(session: Session, size: Size, *, seed: int = SEED) -> int:
    """Write the portfolio with bulk inserts; return the admin's user id."""
    rng = random.Random(seed)
    now = utcnow()
    people = [
        {
            "id": n + 1,
            "email": f"evaluator{n + 1}@bench.example",
            "display_name": f"Evaluator {n + 1}",
            "role": "partner" if n % 2 else "analyst",
            "locale": "en",
            "password_hash": "",
            "is_active": True,
            "created_at": now,
        }
        for n in range(size.evaluators)
    ]
    admin_id = size.evaluators + 1
    people.append(
        {
            **people[0],
            "id": admin_id,
            "email": "admin@bench.example",
            "display_name": "Bench Admin",
            "role": "admin",
        }
    )
    session.execute(insert(User), people)
    session.execute(
        insert(RubricPack), [{"id": 1, "key": "bench", "kind": "core", "created_at": now}]
    )
    session.execute(
        insert(RubricVersion),
        [
            {
                "id": 1,
                "pack_id": 1,
                "version": 1,
                "title": {"en": "Benchmark pack"},
                "summary": {},
                "source": {},
                "scale_min": 1,
                "scale_max": 5,
                "created_at": now,
            }
        ],
    )
    session.execute(
        insert(RubricCriterion),
        [
            {
                "id": n + 1,
                "version_id": 1,
                "key": f"criterion-{n + 1:02d}",
                "position": n,
                "weight": float(1 + n % 3),
                "title": {"en": f"Criterion {n + 1}"},
                "question": {"en": f"How well does the company meet criterion {n + 1}?"},
                "levels": LEVEL_TEXTS,
                "na_allowed": True,
                "evidence": {},
                "source": {},
                "retired": False,
            }
            for n in range(size.criteria)
        ],
    )
    session.execute(
        insert(Company),
        [
            {
                "id": n + 1,
                "name": f"Company {n + 1:04d}",
                "name_key": name_key(f"Company {n + 1:04d}"),
                "one_liner": "",
                "website": "",
                "sector": "ai",
                "stage": rng.choice(STAGES),
                "status": rng.choice(STATUSES),
                "modality": "text",
                "model_strategy": "fine-tuned-open",
                "founders": "",
                "location": "",
                "founded_year": None,
                "tags": _tags(n, size),
                "customers": "",
                "notes": "",
                "archived_at": None,
                "created_at": now,
                "updated_at": now,
                **_deal_terms(n, rng, admin_id),
            }
            for n in range(size.companies)
        ],
    )
    _scorecards(session, size, rng, now)
    _deal_workflow(session, size, now, admin_id)
    session.commit()
    _gather_statistics(session)
    return admin_id


def _gather_statistics(session: Session) -> None:
    """On PostgreSQL, let the planner know the tables just filled, as autovacuum would soon
    after a bulk load in production. A server running without it (as this machine's does) otherwise
    planned the company list as a scan and sort of the whole table for its 100 rows (1.3 ms
    against 0.13 ms with an index), and the timings told of a database nobody runs. SQLite
    gathers no statistics unless asked, in the benchmark as in use."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE"))
        session.commit()


def _deal_terms(n: int, rng: random.Random, owner_id: int) -> dict:
    """Deal terms for the home page and board (issue 13): every fifth deal owned by the admin."""
    currency = ("USD", "EUR", "CNY")[n % 3]
    return {
        "deal_round": rng.choice(STAGES),
        "currency": currency,
        "amount_raising": rng.randrange(1, 50) * 100_000_000,
        "pre_money": None,
        "check_size": None,
        "lead_investor": "",
        "source": "inbound",
        "referrer": "",
        "owner_id": owner_id if n % 5 == 0 else None,
        "next_step": "Partner meeting" if n % 5 == 0 else "",
        "next_step_due": None,
        "first_contact": None,
    }


def _deal_workflow(session: Session, size: Size, now, admin_id: int) -> None:
    """Assignments for the admin (some overdue) and two timeline entries per company."""
    due = now.date()
    session.execute(
        insert(Assignment),
        [
            {
                "company_id": company,
                "user_id": admin_id,
                "pack_id": 1,
                "due_date": due - timedelta(days=company % 7 - 3),
                "assigned_by_id": admin_id,
                "completed_at": None,
                "created_at": now,
            }
            for company in range(1, size.companies + 1, 10)
        ],
    )
    session.execute(
        insert(Activity),
        [
            {
                "company_id": company,
                "kind": kind,
                "actor_id": 1,
                "payload": {},
                "body": "A comment" if kind == "comment" else "",
                "created_at": now,
            }
            for company in range(1, size.companies + 1)
            for kind in ("comment", "submission")
        ],
    )


def _scorecards(session: Session, size: Size, rng: random.Random, now) -> None:
    """Each company gets its own panel; evaluators differ in harshness, companies in quality."""
    harshness = [rng.uniform(-0.7, 0.7) for _ in range(size.evaluators)]
    evaluations, scores, conflicts = [], [], []
    written = 0  # evaluations already inserted
    for company in range(1, size.companies + 1):
        if company % COMPANIES_PER_INSERT == 0:
            # In chunks: 192,000 score dicts at once cost the benchmark ~100 MiB of its peak.
            _insert(session, evaluations[written:], scores)
            written, scores = len(evaluations), []
        quality = rng.uniform(1.5, 4.5)
        panel = rng.sample(range(1, size.evaluators + 1), size.scorecards_per_company)
        if company % 100 == 1:  # a few conflicts, so exclusions show in the methodology
            conflicts.append(
                {"company_id": company, "user_id": panel[0], "reason": "bench", "created_at": now}
            )
        for evaluator in panel:
            evaluation_id = len(evaluations) + 1
            evaluations.append(
                {
                    "id": evaluation_id,
                    "company_id": company,
                    "evaluator_id": evaluator,
                    "rubric_version_id": 1,
                    "status": "submitted",
                    "submitted_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            for criterion in range(1, size.criteria + 1):
                level = round(quality + harshness[evaluator - 1] + rng.gauss(0, 0.8))
                not_applicable = rng.random() < 0.02
                scores.append(
                    {
                        "evaluation_id": evaluation_id,
                        "criterion_id": criterion,
                        "value": None if not_applicable else min(5, max(1, level)),
                        "is_na": not_applicable,
                        "confidence": None,
                        "rationale": "",
                        "evidence": [],
                        "revision": 1,
                        "updated_at": now,
                    }
                )
    _insert(session, evaluations[written:], scores)
    session.execute(insert(Conflict), conflicts)


def _insert(session: Session, evaluations: list[dict], scores: list[dict]) -> None:
    if evaluations:
        session.execute(insert(Evaluation), evaluations)
    if scores:
        session.execute(insert(Score), scores)


def advance_sequences(session: Session) -> None:
    """On PostgreSQL, move each id sequence past the ids written above, so rows added later
    (a new scorecard, a seeded rubric pack) get fresh ids; SQLite needs nothing."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ID_TABLES:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
            )
        )
    session.commit()
