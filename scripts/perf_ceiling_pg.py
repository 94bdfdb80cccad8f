"""The stack's own ceiling on PostgreSQL, for scripts/perf_pg.py (issue 17): the same work as
shared/perf/perf_ceiling_app.py (a list of N companies: count + one page rendered by Jinja;
a one-row upsert answered with a small fragment), with no auth, CSRF, i18n or history.

Run: PERF_PG_URL=postgresql+psycopg://... PERF_PAGE=100 uvicorn perf_ceiling_pg:app --port P
"""

import os

from fastapi import FastAPI, Form
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from sqlalchemy import func
from sqlmodel import Field, Session, SQLModel, create_engine, select

URL = os.environ["PERF_PG_URL"]
PAGE = int(os.environ.get("PERF_PAGE", "100"))
engine = create_engine(URL, pool_size=10, max_overflow=20)


class Company(SQLModel, table=True):
    __tablename__ = "company"
    __table_args__ = {"extend_existing": True}
    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str
    one_liner: str
    sector: str
    stage: str
    status: str
    tags: str
    archived_at: str | None = None


class CeilingScore(SQLModel, table=True):
    __tablename__ = "ceiling_score"
    evaluation_id: int = Field(primary_key=True)
    criterion_id: int = Field(primary_key=True)
    value: int | None = None
    revision: int = 0


def prepare() -> None:
    """The table and its 32 rows, once before the workers start (they would race to create)."""
    SQLModel.metadata.create_all(engine, tables=[CeilingScore.__table__])
    with Session(engine) as s:
        for criterion_id in range(1, 33):
            if s.get(CeilingScore, (1, criterion_id)) is None:
                s.add(CeilingScore(evaluation_id=1, criterion_id=criterion_id))
        s.commit()


PAGE_T = Environment(autoescape=True).from_string(
    """<!doctype html><html><head><title>Companies</title></head>
<body><h1>Companies ({{ total }})</h1><table><thead><tr><th>Name</th><th>One-liner</th>
<th>Sector</th><th>Stage</th><th>Status</th><th>Tags</th></tr></thead><tbody>
{% for c in rows %}<tr><td><a href="/companies/{{ c.id }}">{{ c.name }}</a></td>
<td>{{ c.one_liner }}</td><td>{{ c.sector }}</td><td>{{ c.stage }}</td><td>{{ c.status }}</td>
<td>{{ c.tags }}</td></tr>{% endfor %}</tbody></table></body></html>"""
)
SAVED_T = Environment(autoescape=True).from_string(
    '<span id="saved-{{ c }}">saved {{ v }} (rev {{ r }})</span>'
)
app = FastAPI()


@app.get("/companies", response_class=HTMLResponse)
def companies():
    with Session(engine) as s:
        where = Company.archived_at.is_(None)
        total = s.exec(select(func.count()).select_from(Company).where(where)).one()
        rows = s.exec(select(Company).where(where).order_by(Company.name_key).limit(PAGE)).all()
        return PAGE_T.render(total=total, rows=rows)


@app.post("/save/{evaluation_id}/{criterion_id}", response_class=HTMLResponse)
def save(evaluation_id: int, criterion_id: int, value: int = Form()):
    with Session(engine) as s:
        # The row locked for the update, as a writer on PostgreSQL would.
        row = s.get(CeilingScore, (evaluation_id, criterion_id), with_for_update=True)
        if row is None:
            row = CeilingScore(evaluation_id=evaluation_id, criterion_id=criterion_id)
        row.value, row.revision = value, row.revision + 1
        s.add(row)
        s.commit()
        return SAVED_T.render(c=criterion_id, v=row.value, r=row.revision)


@app.get("/ping")
def ping():
    return {"ok": 1}
