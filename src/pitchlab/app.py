"""The application factory."""

from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session

from .allocator import use_one_malloc_arena
from .auth.deps import current_user
from .auth.firstrun import refuse_known_credentials
from .collector import collect_less_often
from .config import Settings
from .db import create_db_engine
from .errors import install_error_handlers
from .migrate import has_pending_migrations, upgrade
from .paths import resource_dir
from .web.csrf import guard_unsafe_request
from .web.i18n import load_catalogs
from .web.logging import RequestLogMiddleware
from .web.middleware import MULTIPART_OVERHEAD, RequestContextMiddleware
from .web.templating import create_templates


class PendingMigrations(RuntimeError):
    """The database schema is behind the code and auto-migration is off."""


def _prepare_database(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    if has_pending_migrations(app.state.engine):
        if not settings.auto_migrate:
            raise PendingMigrations(
                "The database has pending migrations; run `pitchlab migrate` "
                "or set PITCHLAB_AUTO_MIGRATE=true."
            )
        upgrade(app.state.engine)
    if settings.environment == "production":
        with Session(app.state.engine) as session:
            refuse_known_credentials(session)


def _include_routers(app: FastAPI) -> None:
    # Imported here so importing pitchlab.app binds nothing but the factory.
    from .admin.routes import router as admin_router
    from .anchors.routes import router as anchors_router
    from .api.routes import router as api_router
    from .auth.routes import router as auth_router
    from .auth.setup_routes import router as setup_router
    from .companies.export_routes import router as company_export_router
    from .companies.import_routes import router as company_import_router
    from .companies.routes import router as companies_router
    from .compare.export_routes import router as compare_export_router
    from .compare.routes import router as compare_router
    from .deals.assignment_routes import router as assignment_router
    from .deals.board_routes import router as board_router
    from .deals.company_routes import router as deal_company_router
    from .deals.home_routes import router as home_router
    from .deals.notification_routes import router as notification_router
    from .deals.view_routes import router as view_router
    from .documents.evidence_routes import router as evidence_router
    from .documents.routes import router as documents_router
    from .meetings.presenter_routes import router as presenter_router
    from .meetings.routes import router as meetings_router
    from .pages import router as pages_router
    from .pairwise.routes import router as pairwise_router
    from .prfaq.history_routes import router as prfaq_history_router
    from .prfaq.link_routes import router as prfaq_link_router
    from .prfaq.routes import router as prfaq_router
    from .prfaq.template_routes import router as prfaq_templates_router
    from .reports.routes import router as reports_router
    from .rubrics.calculator_routes import router as calculator_router
    from .rubrics.routes import router as rubrics_router
    from .scoring.conflict_routes import router as conflicts_router
    from .scoring.routes import router as scoring_router
    from .search.routes import router as search_router
    from .worksheets.routes import router as worksheets_router

    # First: the autosave, the most frequent request, is matched without trying every other
    # router's routes (issue 17); no other router has /scorecards or /companies/{id}/score.
    app.include_router(scoring_router)
    app.include_router(pages_router)
    app.include_router(home_router)
    app.include_router(board_router)
    app.include_router(assignment_router)
    app.include_router(notification_router)
    app.include_router(view_router)
    app.include_router(pairwise_router)
    app.include_router(auth_router)
    app.include_router(setup_router)
    app.include_router(company_import_router)  # before /companies/{company_id} claims "import"
    app.include_router(company_export_router)  # and "export.csv"
    app.include_router(companies_router)
    app.include_router(deal_company_router)
    app.include_router(compare_router)
    app.include_router(documents_router)
    app.include_router(evidence_router)
    app.include_router(compare_export_router)
    app.include_router(rubrics_router)
    app.include_router(calculator_router)
    app.include_router(conflicts_router)
    app.include_router(prfaq_link_router)
    app.include_router(prfaq_router)
    app.include_router(prfaq_history_router)
    app.include_router(prfaq_templates_router)
    app.include_router(worksheets_router)
    app.include_router(meetings_router)
    app.include_router(reports_router)
    app.include_router(presenter_router)
    app.include_router(anchors_router)  # before /admin claims its paths
    app.include_router(search_router)
    app.include_router(admin_router)
    app.include_router(api_router)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build a pitchlab app: engine, templates, routers, middleware, error pages."""
    settings = settings or Settings()
    use_one_malloc_arena()  # before any worker thread allocates (issue 17)
    collect_less_often()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        _prepare_database(app)
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="pitchlab",
        summary="Score AI startups against rubrics, compare them and export the comparison.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by pages.py from vendored files, so /docs works offline
        redoc_url=None,
        # In this order: the body is read and the CSRF token checked before anything touches
        # the database; then every page knows who is in, in their language (issue 11).
        dependencies=[Depends(guard_unsafe_request), Depends(current_user)],
    )
    app.state.settings = settings
    app.state.engine = create_db_engine(settings.database_url)
    load_catalogs()
    app.state.templates = create_templates()
    app.mount("/static", StaticFiles(directory=resource_dir("static")), name="static")
    _include_routers(app)
    install_error_handlers(app)
    app.add_middleware(
        RequestContextMiddleware,
        max_body_bytes=settings.max_body_bytes,
        secret_key=settings.secret_key,
        upload_body_bytes=settings.document_max_bytes + MULTIPART_OVERHEAD,
    )
    app.add_middleware(RequestLogMiddleware)  # outermost: times and logs every request
    return app
