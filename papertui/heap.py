"""Keep Python's cycle collector from pausing the app while keys are handled.

A full run of the collector walks every container alive. With a big library that
is millions of references (the catalog's and the search index's per-paper lists)
and takes 50–200 ms: a key pressed then is answered several frames late. By
default such runs come every few hundred keys, whenever enough objects pile up.

So, with a :class:`Collector` started:

- the data built once and kept (the library, its search index) is set aside with
  ``gc.freeze()``: the collector no longer walks it (``settle``);
- full runs wait until the user has been idle for a moment (``idle``), and only a
  far bigger pile-up than usual starts one in the middle of typing;
- when a library is replaced, the old one may be held in reference cycles, so the
  next idle run takes everything out of the freeze, collects, and freezes again.

The young generations are still collected as usual: those runs are short.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

IDLE_AFTER = 1.0  # seconds without a key or a mouse event before a full run may start
# A full run starts by itself only after this many runs of the middle generation
# (Python's default is 10): some 600 keys without a second's pause, at 100k papers.
# (It then walks only what was not set aside: a few tens of ms.)
FULL_AFTER = 200


class Collector:
    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._unsettled = False
        self.last_run_ms: float | None = None  # how long the last idle run took

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, FULL_AFTER)

    def stop(self) -> None:
        """Back to Python's own settings; everything set aside is walked again."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
            gc.unfreeze()

    def settle(self) -> None:
        """Set aside all that is alive now: call it once long-lived data is built."""
        if self._saved is not None:
            gc.freeze()

    def replaced(self) -> None:
        """Long-lived data was dropped (a library was replaced): what was set aside
        may hold garbage, so the next idle run goes through all of it once."""
        self._unsettled = True

    def idle(self, seconds: float) -> bool:
        """Called now and then with the time since the user's last input: runs a full
        collection if the user is idle and anything may have become garbage since the
        last one. Returns whether it ran."""
        if self._saved is None or seconds < IDLE_AFTER:
            return False
        if not self._unsettled and gc.get_count()[2] == 0:
            return False  # nothing has reached the oldest generation since the last run
        t = time.perf_counter()
        if self._unsettled:
            self._unsettled = False
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        else:
            gc.collect()
        self.last_run_ms = (time.perf_counter() - t) * 1000
        return True


@contextmanager
def collector_paused(*, kept: bool = False) -> Iterator[None]:
    """No cycle collection while a big structure is built in one go and then kept or
    dropped whole (an import's papers, a command's library and output). Each run of the
    collector walks everything alive, and building 600k papers started hundreds of them:
    20-25% of an import's time. Nested and threaded uses are safe (the outermost one
    that found it on turns it on again).

    ``kept``: what was built is kept, so the collection its objects would start as soon as the
    collector is back (one walk over all of them: 0.5 s at 600k papers) is skipped, they are
    counted as old ones (``gc.freeze`` then ``gc.unfreeze``: two list splices), and are walked
    by the next full collection. Only when nothing else is set aside with ``gc.freeze`` (a
    :class:`Collector`'s library stays set aside)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if kept and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def one_malloc_arena() -> bool:
    """Have every thread allocate from the same glibc malloc arena.

    glibc gives each thread that allocates its own arena (up to eight per core), and
    memory freed in an arena stays with it: after a few searches in worker threads
    (each with arrays of 100k papers) peak RSS at 100k papers went from ~350 to
    ~392 MB. The threads here take turns under the interpreter lock anyway, so they
    hardly ever wait for the shared arena. Call before starting threads; returns
    whether the setting was taken (glibc only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    M_ARENA_MAX = -8  # from glibc's malloc.h
    return mallopt(M_ARENA_MAX, 1) == 1
