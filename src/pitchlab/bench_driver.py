"""How `pitchlab bench` drives the app: GETs through ASGI in this process, on one event loop."""

import asyncio
import ctypes
import ctypes.util
import gc
import sys
import threading

_LIBC = ctypes.CDLL(ctypes.util.find_library("c")) if sys.platform == "linux" else None


async def _asgi_get(
    app, path: str, headers: dict[str, str], *, method: str = "GET", body: bytes = b""
) -> tuple[int, bytes]:
    """One request (a GET unless told) through the ASGI app in this process: the server's
    time, no network."""
    target, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": target,
        "raw_path": target.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("bench", 80),
    }
    sent = {"status": 0, "body": []}

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sent["body"].append(message.get("body", b""))

    await app(scope, receive, send)
    return sent["status"], b"".join(sent["body"])


_driver: asyncio.AbstractEventLoop | None = None


def _driver_loop() -> asyncio.AbstractEventLoop:
    """One event loop, in a thread of its own, for every request of the run: the caller's
    thread may already run a loop (a test session that drove Playwright does), and a fresh
    loop per request started fresh worker threads each time, whose malloc arenas kept
    their memory (issue 17)."""
    global _driver
    if _driver is None:
        _driver = asyncio.new_event_loop()
        threading.Thread(target=_driver.run_forever, name="bench-asgi", daemon=True).start()
    return _driver


def _get(app, path: str, headers: dict) -> tuple[int, bytes]:
    return asyncio.run_coroutine_threadsafe(_asgi_get(app, path, headers), _driver_loop()).result()


def release_memory() -> None:
    """Hand freed memory back to the system between measurements, so the peak is the largest
    single step's, not the sum of what each step's allocator kept (glibc only)."""
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
