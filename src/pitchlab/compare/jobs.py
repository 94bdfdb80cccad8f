"""Export jobs: a long export runs after the response, and the page polls its row for progress.

Nothing is kept in the process: the job's status, progress and file are rows in the database,
so with several app processes on one PostgreSQL any of them answers the page's polls.
"""

import logging
import secrets
from datetime import timedelta

from sqlalchemy import Engine, delete, update
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select
from starlette.datastructures import QueryParams

from ..models import ExportJob, ExportStatus, User, utcnow
from ..web.i18n import set_locale
from ..write_turn import WRITE_OPTION
from .exporting import export_comparison
from .selection import selection_from_query

logger = logging.getLogger("pitchlab.compare.jobs")
# Finished files are kept this long for the download link, then removed with their row.
JOB_LIFETIME = timedelta(hours=24)
# A job whose process died stops reporting; after this long without news it counts as failed.
STALE_AFTER = timedelta(minutes=10)


def _write_session(engine: Engine) -> Session:
    session = Session(engine)
    session.connection(execution_options={WRITE_OPTION: True})
    return session


def start_job(session: Session, *, user: User, fmt: str, query: str) -> ExportJob:
    """Record a queued export for `user`, clearing out jobs past their lifetime."""
    session.execute(delete(ExportJob).where(col(ExportJob.created_at) < utcnow() - JOB_LIFETIME))
    job = ExportJob(id=secrets.token_hex(16), user_id=user.id, format=fmt, query=query)
    session.add(job)
    session.commit()
    session.refresh(job)
    # The job runs after the response but before this request's session closes, and on
    # SQLite a writing request holds the write lock in every transaction it opens: end this
    # one and detach the job, so answering needs no further query and the job can write.
    session.expunge(job)
    session.commit()
    return job


def _update(engine: Engine, job_id: str, **values) -> None:
    with _write_session(engine) as session:
        session.execute(
            update(ExportJob)
            .where(col(ExportJob.id) == job_id)
            .values(**values, updated_at=utcnow())
        )
        session.commit()


def run_job(engine: Engine, job_id: str, locale: str) -> None:
    """Build the job's file in its own sessions, writing progress as it goes."""
    set_locale(locale)
    with Session(engine) as session:
        job = session.get(ExportJob, job_id)
        user = session.get(User, job.user_id) if job else None
        if job is None or user is None:
            return
        fmt, query = job.format, job.query
        session.expunge(user)
    _update(engine, job_id, status=ExportStatus.RUNNING.value, step="loading")

    def report(percent: int, step: str) -> None:
        _update(engine, job_id, progress=percent, step=step)

    try:
        with Session(engine) as session:
            exported = export_comparison(
                session,
                selection_from_query(QueryParams(query)),
                user=user,
                fmt=fmt,
                progress=report,
            )
    except Exception:
        logger.exception("export job %s failed", job_id)
        _update(engine, job_id, status=ExportStatus.FAILED.value)
        return
    _update(
        engine,
        job_id,
        status=ExportStatus.DONE.value,
        progress=100,
        step="done",
        filename=exported.filename,
        result=exported.content,
    )


def job_for(
    session: Session, job_id: str, user: User, *, with_file: bool = False
) -> ExportJob | None:
    """The user's own job, or None (another user's job is as good as missing).

    The file is left unread unless asked for: the page polls every second.
    """
    statement = select(ExportJob).where(ExportJob.id == job_id, ExportJob.user_id == user.id)
    if not with_file:
        statement = statement.options(defer(ExportJob.result))
    return session.exec(statement).first()


def is_stale(job: ExportJob) -> bool:
    unfinished = job.status in {ExportStatus.QUEUED.value, ExportStatus.RUNNING.value}
    return unfinished and utcnow() - job.updated_at > STALE_AFTER
