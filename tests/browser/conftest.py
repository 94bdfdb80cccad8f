"""A real pitchlab server on a free loopback port, and Debian's Chromium driven by Playwright."""

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from pitchlab.app import create_app

from ..conftest import skip_or_fail

CHROMIUM = os.environ.get("PITCHLAB_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's services through a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
STARTUP_TIMEOUT_S = 15


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(settings) -> Iterator[str]:
    """Serve a fresh app on its own database; yield its base URL."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US")
    tab = context.new_page()
    yield tab
    context.close()


def save_screenshot(page, name: str, tmp_path: Path) -> Path:
    """Keep a screenshot of the whole page, navigation included, for the README when asked
    (PITCHLAB_UPDATE_SCREENSHOTS=1)."""
    folder = SCREENSHOT_DIR if os.environ.get("PITCHLAB_UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (separate cookies: separate people)."""
    contexts = []

    def factory():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


def log_in(page, base_url: str, email: str, password: str = "pitchlab-demo") -> None:
    """Log in through the real form."""
    page.goto(f"{base_url}/login")
    page.fill("#login-email", email)
    page.fill("#login-password", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
