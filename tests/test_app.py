"""The app as a whole: settings, start-up checks, health, headers, docs, packaging."""

import gc
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pitchlab.allocator import use_one_malloc_arena
from pitchlab.app import PendingMigrations, create_app
from pitchlab.collector import YOUNG_THRESHOLD, collect_less_often
from pitchlab.config import Settings, normalize_database_url

ROOT = Path(__file__).resolve().parents[1]


def test_postgres_urls_are_routed_through_psycopg():
    assert normalize_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_placeholder_secret_is_refused_outside_development():
    with pytest.raises(ValueError, match="PITCHLAB_SECRET_KEY"):
        Settings(environment="production", secret_key="change-me")
    assert Settings(environment="development", secret_key="change-me").secret_key == "change-me"


def test_app_refuses_to_start_on_pending_migrations(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'new.db'}"))
    with pytest.raises(PendingMigrations), TestClient(app):
        pass


def test_app_migrates_when_told_to(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'new.db'}", auto_migrate=True)
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json() == {"status": "ok", "database": "up"}


def test_database_connections_are_configured_for_their_backend(app, client):
    if not app.state.settings.is_sqlite:
        assert app.state.engine.dialect.driver == "psycopg"
        return
    with app.state.engine.connect() as connection:

        def pragma(name):
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("busy_timeout") >= 1000


def test_pages_carry_security_headers(admin_client):
    client = admin_client
    headers = client.get("/companies").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    assert "/api/v1/companies" in spec["paths"]
    docs = client.get("/docs").text
    assert "swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js").status_code == 200


def test_htmx_is_vendored_and_no_page_loads_from_the_internet(admin_client):
    client = admin_client
    page = client.get("/companies").text
    assert "/static/vendor/htmx-2.0.11.min.js" in page
    assert "//cdn" not in page and "unpkg" not in page
    assert client.get("/static/vendor/htmx-2.0.11.min.js").status_code == 200


def test_oversized_body_is_refused_before_reading(admin_client):
    client = admin_client
    response = client.post(
        "/companies",
        content=b"x" * (3 * 1024 * 1024),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_wheel_carries_templates_seeds_and_static(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("pitchlab-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pitchlab/_bundled/templates/base.html" in names
    assert "pitchlab/_bundled/static/vendor/htmx-2.0.11.min.js" in names
    assert "pitchlab/_bundled/seeds/companies/demo.yaml" in names
    assert "pitchlab/translations/zh/LC_MESSAGES/messages.po" in names
    assert any(name.startswith("pitchlab/migrations/versions/0001") for name in names)
    assert not any(name.startswith("pitchlab/loadtest/") for name in names)  # issue 11


def test_the_server_asks_for_one_malloc_arena_unless_the_operator_chose(monkeypatch):
    # Issue 17: per-thread arenas kept each worker's freed comparison (the bench's peak).
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert use_one_malloc_arena() is False
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    assert use_one_malloc_arena() is (sys.platform == "linux")


def test_the_server_collects_young_objects_less_often_but_keeps_a_higher_setting(settings):
    # Issue 17: a young collection every 700 allocations was 10-16% of the busiest pages.
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        create_app(settings)
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        gc.set_threshold(YOUNG_THRESHOLD * 2, 10, 10)
        assert collect_less_often() is False
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD * 2
    finally:
        gc.set_threshold(*before)
