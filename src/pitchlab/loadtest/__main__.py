"""python -m pitchlab.loadtest: load a local pitchlab, then check its database (issue 7).

    python -m pitchlab.loadtest --seconds 60 --users 32 --base-url http://127.0.0.1:8000
    python -m pitchlab.loadtest --seconds 60 --users 32 --serve --workers 3 \\
        --database-url postgresql://postgres@127.0.0.1:5432/loadtest
    python -m pitchlab.loadtest --seconds 60 --users 32 --serve --kill-after 30   # crash test

The database URL (default: PITCHLAB_DATABASE_URL) must be the one the server uses: the
evaluators are created in it beforehand and every acknowledged write is checked in it after.
Exits 1 when a write was lost or duplicated or any request got a 5xx.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from ..config import normalize_database_url
from . import ServerProcess, describe, prepare, run_load_sync, verify
from .crash import load_and_kill


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m pitchlab.loadtest", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--base-url", help="a running pitchlab on this machine")
    parser.add_argument(
        "--serve", action="store_true", help="start pitchlab on a free port instead"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="with --serve (PostgreSQL for more than 1)"
    )
    parser.add_argument(
        "--kill-after",
        type=float,
        help="with --serve: kill -9 the server after this many seconds, restart it, then check",
    )
    parser.add_argument("--database-url", default=os.environ.get("PITCHLAB_DATABASE_URL"))
    arguments = parser.parse_args()
    if not arguments.database_url or bool(arguments.base_url) == arguments.serve:
        parser.error(
            "give --database-url (or PITCHLAB_DATABASE_URL) and one of --base-url or --serve"
        )
    if arguments.kill_after is not None and not arguments.serve:
        parser.error("--kill-after needs --serve")
    arguments.database_url = normalize_database_url(arguments.database_url)
    return arguments


def main() -> int:
    arguments = _arguments()
    plan = prepare(arguments.database_url, users=arguments.users)
    if arguments.serve:
        log = Path(tempfile.mkdtemp(prefix="pitchlab-load-")) / "server.log"
        server = ServerProcess(arguments.database_url, log_path=log, workers=arguments.workers)
        with server:
            base_url = server.start()
            if arguments.kill_after is None:
                result = run_load_sync(plan, base_url, seconds=arguments.seconds)
            else:
                started = time.monotonic()
                result = load_and_kill(
                    plan,
                    server,
                    limit_s=arguments.seconds,
                    kill_when=lambda _seen: time.monotonic() - started >= arguments.kill_after,
                )
                print(f"killed the server (kill -9) after {arguments.kill_after:g} s, restarted it")
        print(f"server log: {log}")
    else:
        result = run_load_sync(plan, arguments.base_url, seconds=arguments.seconds)
    verdict = verify(arguments.database_url, plan, result.ledger)
    print(describe(result, verdict))
    return 0 if verdict.ok and result.stats.server_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
