"""``python -m papertui.precache CACHE_DIR FILE...``: read and validate big list files
and write their caches.

The TUI runs this in a child process when a list file is too big to read before the
first screen (see :func:`papertui.catalog.slow_to_load`): the work then happens on
another core while the app is already usable, and the app loads the finished cache.
A file that cannot be read is left alone; the app reports it when it loads the file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .catalog import ListFileError, read_list_file


def start(cache_dir: Path, files: list[str]) -> subprocess.Popen | None:
    """Start the child process for ``files`` (None if it cannot be started)."""
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "papertui.precache", str(cache_dir), *files],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def wait(loader: subprocess.Popen | None, stop: Callable[[], bool]) -> bool:
    """Wait for the child ``loader`` (None: there is none) to end; False, with the child
    killed, as soon as ``stop()`` says to give up (checked every 20 ms)."""
    while loader is not None and loader.poll() is None:
        if stop():
            loader.kill()
            return False
        time.sleep(0.02)
    return not stop()


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m papertui.precache CACHE_DIR FILE...", file=sys.stderr)
        return 2
    cache_dir = Path(argv[0])
    for name in argv[1:]:
        try:
            read_list_file(name, cache_dir)  # no `later`: the cache is written now
        except ListFileError:
            pass
    return 0


if __name__ == "__main__":  # pragma: no cover - run as a child process
    sys.exit(main(sys.argv[1:]))
