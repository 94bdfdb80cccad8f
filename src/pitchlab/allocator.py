"""One malloc arena for the server's threads (issue 17).

glibc gives each thread that allocates an arena of its own (up to eight per core) and keeps
in it what that thread freed. pitchlab serves a request in the event loop's thread and in
worker threads, whichever is free: a comparison built in one worker and then in another held
both builds' memory (the benchmark's compare page of 2,000 companies, +55 then +50 MiB more on
its second run; peak 270-280 MiB, 249 with one arena). With one arena, what one request frees
the next reuses, whichever thread it runs in; Python allocates under its GIL anyway, so the
threads hardly ever wait for the arena's lock. MALLOC_ARENA_MAX in the environment wins.
"""

import ctypes
import ctypes.util
import functools
import os
import sys

M_ARENA_MAX = -8  # mallopt's parameter number in glibc's malloc.h


def use_one_malloc_arena() -> bool:
    """Ask glibc for a single arena; False where that is not glibc or the operator chose."""
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    mallopt = _mallopt()
    return bool(mallopt and mallopt(M_ARENA_MAX, 1) == 1)


@functools.cache
def _mallopt():
    # Found once per process: find_library runs ldconfig, about a millisecond, and every
    # create_app asks (the tests build hundreds of apps).
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return getattr(libc, "mallopt", None)
