"""Bounds on what papertui reads, stores and shows (no Textual import).

Input from outside can be endless (``import /dev/zero``, a pipe that never closes) or
absurd (a 300 MB abstract); each limit here ends it with one line instead of growing
until the machine gives up.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import PapertuiError

MAX_IMPORT_BYTES = 50 * 1024 * 1024  # a file or stdin given to `import`
MAX_LIST_BYTES = 512 * 1024 * 1024  # a reading-list file (`--list`, lists/*.json)
MAX_TITLE = 1_000  # characters of a title stored from the arXiv API
MAX_ABSTRACT = 20_000  # characters of an abstract stored from the arXiv API (arXiv's own limit is ~2k)
MAX_FIELD = 2_000  # characters of any other metadata text (an author, a comment, a journal ref)
MAX_AUTHORS = 5_000  # names kept per paper (large collaborations list ~3k)
MAX_SHOWN = 20_000  # characters of one text (summary, note, abstract) drawn in the detail pane
CUT = " …(cut)"


class LimitError(PapertuiError):
    """Input past a limit; ``str()`` is one line for the user: ``{name}: {problem}``."""

    def __init__(self, name: str, problem: str) -> None:
        self.name, self.problem = name, problem
        super().__init__(f"{name}: {problem}")


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"


def cut(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` characters and a visible :data:`CUT` marker."""
    return text if len(text) <= limit else text[:limit] + CUT


def read_stream(stream: BinaryIO, limit: int, name: str) -> bytes:
    """Everything from ``stream``, read in chunks; :class:`LimitError` past ``limit`` bytes."""
    parts: list[bytes] = []
    got = 0
    while True:
        chunk = stream.read(min(1024 * 1024, limit + 1 - got))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        got += len(chunk)
        if got > limit:
            raise LimitError(name, f"more than {size_text(limit)}; papertui reads at most that much")


def read_file(path: str | os.PathLike, limit: int, *, regular_only: bool = False) -> bytes:
    """The bytes of ``path``, at most ``limit`` of them (else :class:`LimitError`).

    With ``regular_only``, a FIFO, a device (``/dev/zero``) or a socket is refused at once
    (:class:`LimitError` too, with its own message) instead of blocking or reading forever.
    OSError from opening or reading goes to the caller.
    """
    name = str(path)
    flags = os.O_RDONLY | (getattr(os, "O_NONBLOCK", 0) if regular_only else 0)
    fd = os.open(Path(path), flags)
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise IsADirectoryError(21, "is a directory", name)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(mode):
            if regular_only:
                raise LimitError(name, "not a regular file (a pipe or a device); papertui reads lists from files")
            return read_stream(fh, limit, name)
        if flags != os.O_RDONLY:
            os.set_blocking(fd, True)
        if os.fstat(fd).st_size > limit:
            raise LimitError(name, f"more than {size_text(limit)}; papertui reads at most that much")
        data = fh.read()  # one read of the whole file (the fast path for big lists)
        if len(data) > limit:  # it grew meanwhile
            raise LimitError(name, f"more than {size_text(limit)}; papertui reads at most that much")
        return data
