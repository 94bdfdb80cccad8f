#!/usr/bin/env python3
"""The page-speed ratios on PostgreSQL (issue 17): `pitchlab serve --workers 2` against the
stack's own ceiling (a minimal FastAPI + SQLModel + Jinja app doing the same work, also with
2 workers) on one scratch database of the 2,000-company benchmark portfolio.

    .venv/bin/python scripts/perf_pg.py postgresql://postgres@127.0.0.1:5432/postgres \
        [--seconds 8] [--rounds 3]

Creates its own database on that server and drops it afterwards. Needs wrk on PATH. Prints
one line per target per round, the medians and list_vs_ceiling and save_vs_ceiling, as the
SQLite harness (shared/perf/perf_pages.py) does.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from pitchlab.bench import scratch_database

PAGE = 100
EMAIL, PASSWORD = "perf-admin@example.com", "perf-password-0123456789"
BIN = Path(sys.executable).parent
SAVE_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "PATH" .. ((n % 32) + 1), nil, "value=" .. ((n % 5) + 1))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, timeout: float = 120) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"not up: {url}")


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def login(base: str) -> tuple[str, str, str]:
    """Log in through the real form; return (cookie header, CSRF token, save URL prefix)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def token(html: str) -> str:  # a form's hidden field, or the header htmx sends
        for pattern in (
            r'name="csrf_token"\s+value="([^"]+)"',
            r'value="([^"]+)"\s+name="csrf_token"',
            r"X-CSRF-Token&#34;:\s*&#34;([^&]+)&#34;",
            r'"X-CSRF-Token"\s*:\s*"([^"]+)"',
        ):
            if found := re.search(pattern, html):
                return found.group(1)
        raise SystemExit("no CSRF token on the page")

    csrf = token(opener.open(base + "/login").read().decode())
    form = {"email": EMAIL, "password": PASSWORD, "next": "/companies", "csrf_token": csrf}
    page = opener.open(base + "/login", urllib.parse.urlencode(form).encode()).read().decode()
    csrf = token(page)  # bound to the new session
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    started = urllib.request.Request(
        base + "/companies/1/score/bench",
        data=b"",
        method="POST",
        headers={"X-CSRF-Token": csrf, "Cookie": cookie},
    )
    card = urllib.parse.urlsplit(opener.open(started).geturl()).path
    assert re.fullmatch(r"/scorecards/\d+", card), card
    return cookie, csrf, card + "/criteria/"


def wrk(url: str, seconds: int, headers=(), script=None) -> tuple[float, float]:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"\s50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    if failed := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        print(f"    warning: {failed.group(1)} non-2xx answers from {url}")
    return rps, float(p50.group(1)) * scale[p50.group(2)] if p50 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server_url")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pitchlab-perf-pg-"))
    with scratch_database(args.server_url) as url:
        env = {**os.environ, "PITCHLAB_DATABASE_URL": url, "PITCHLAB_PAGE_SIZE": str(PAGE)}
        pitchlab = str(BIN / "pitchlab")
        subprocess.run([pitchlab, "bench", "portfolio", "--database-url", url], env=env, check=True)
        subprocess.run(
            [pitchlab, "user", "add", EMAIL, "--role", "admin", "--password", PASSWORD],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        p_port, c_port = free_port(), free_port()
        serve = [pitchlab, "serve", "--no-demo", "--workers", "2", "--port", str(p_port)]
        ceiling = [str(BIN / "python"), "-m", "uvicorn", "perf_ceiling_pg:app", "--workers", "2"]
        ceiling += ["--port", str(c_port), "--log-level", "warning"]
        c_env = {**env, "PERF_PG_URL": url, "PERF_PAGE": str(PAGE)}
        c_env["PYTHONPATH"] = str(Path(__file__).resolve().parent)
        prepare = [str(BIN / "python"), "-c", "import perf_ceiling_pg as c; c.prepare()"]
        subprocess.run(prepare, env=c_env, check=True)
        procs = [
            subprocess.Popen(
                serve, env=env, stdout=open(work / "p.log", "w"), stderr=subprocess.STDOUT
            ),
            subprocess.Popen(
                ceiling, env=c_env, stdout=open(work / "c.log", "w"), stderr=subprocess.STDOUT
            ),
        ]
        try:
            p, c = f"http://127.0.0.1:{p_port}", f"http://127.0.0.1:{c_port}"
            wait_up(p + "/healthz")
            wait_up(c + "/ping")
            cookie, csrf, save_path = login(p)
            (work / "p.lua").write_text(SAVE_LUA.replace("PATH", save_path))
            (work / "c.lua").write_text(SAVE_LUA.replace("PATH", "/save/1/"))
            save_headers = [f"Cookie: {cookie}", f"X-CSRF-Token: {csrf}", "HX-Request: true"]
            targets = {
                "pitchlab_list": (p + "/companies", [f"Cookie: {cookie}"], None),
                "ceiling_list": (c + "/companies", [], None),
                "pitchlab_save": (p + "/", save_headers, str(work / "p.lua")),
                "ceiling_save": (c + "/", [], str(work / "c.lua")),
            }
            results = {name: [] for name in targets}
            for number in range(1, args.rounds + 1):
                for name, (target, headers, script) in targets.items():
                    rps, p50 = wrk(target, args.seconds, headers, script)
                    results[name].append(rps)
                    print(
                        f"round {number} {name:14s} {rps:8.1f} rps  p50 {p50:7.1f} ms", flush=True
                    )
            median = {name: statistics.median(rates) for name, rates in results.items()}
            for name, rate in median.items():
                print(f"median {name:14s} {rate:8.1f} rps")
            print(
                f"PostgreSQL, 2 workers each: "
                f"list_vs_ceiling={median['pitchlab_list'] / median['ceiling_list']:.2f} "
                f"save_vs_ceiling={median['pitchlab_save'] / median['ceiling_save']:.2f}"
            )
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(15)


if __name__ == "__main__":
    main()
