"""The change journal: every change to a mark, one JSON line each, on disk at once.

A change is appended (and fsynced) as soon as it is made, before the coalesced write of
the whole state file; a start replays what the state file lacks, and each write of the
state file folds the journal in and starts a new one. The same lines serve as the
recovery file (in ``$TMPDIR``) when the data dir cannot be written, and as the change
log a sync can read. One line (version 1)::

    {"v": 1, "t": 1795000000.123456, "field": "read", "value": true,
     "keys": ["2405.11157"], "dev": "host", "proc": "4242-1a2b3c4d"}

``t`` is the change's time (seconds since the epoch; per field, the newest wins), ``field``
one of read / starred / note / tags / lists / name, ``value`` its new value (bool, bool, str,
list of str, list of str, str: ``lists`` holds the ids of the user's own lists the paper is in,
``name`` is a user list's name, on the list's own record ``mylist:ID``; see mylists.py),
``keys`` the papers it was made to (a bulk mark is one line), ``dev`` the machine and
``proc`` the writer (the process id and a random part, one per open state file). A line that does not parse,
such as one torn by a kill, is skipped.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .atomic import fsync_dir

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: appends rely on O_APPEND alone
    fcntl = None  # type: ignore[assignment]  # (the uses check for None)

VERSION = 1
FIELDS = ("read", "starred", "note", "tags", "lists", "name")
DEVICE = socket.gethostname() or "?"


def writer_id() -> str:
    """A new ``proc``: this process, and a random part telling apart its stores."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


class Entry(NamedTuple):
    t: float
    field: str
    value: Any
    keys: list[str]
    proc: str


def valid_value(field: str, value: Any) -> bool:
    if field in ("read", "starred"):
        return value is True or value is False
    if field == "note" or field == "name":
        return isinstance(value, str)
    if field == "tags" or field == "lists":
        return isinstance(value, list) and all(isinstance(t, str) for t in value)
    return False


def encode(changes: Iterable[tuple[float, str, Any, list[str]]], proc: str) -> bytes:
    """Lines for ``(time, field, value, keys)`` changes made by writer ``proc``."""
    return b"".join(
        orjson.dumps({"v": VERSION, "t": t, "field": f, "value": v, "keys": keys, "dev": DEVICE, "proc": proc})
        + b"\n"
        for t, f, v, keys in changes
    )


def decode(data: bytes) -> list[Entry]:
    """The valid entries of journal text; anything else (a torn line) is skipped."""
    out = []
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            doc = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if not isinstance(doc, dict) or doc.get("v") != VERSION:
            continue
        t, field, value, keys = doc.get("t"), doc.get("field"), doc.get("value"), doc.get("keys")
        if t.__class__ not in (int, float) or field not in FIELDS or not valid_value(field, value):
            continue
        if not isinstance(keys, list) or not all(isinstance(k, str) and k for k in keys):
            continue
        proc = doc.get("proc")
        out.append(Entry(float(t), field, value, keys, proc if isinstance(proc, str) else ""))
    return out


def _open_regular(path: Path, flags: int) -> int:
    """``os.open`` that never blocks on a FIFO and refuses anything but a regular file."""
    fd = os.open(path, flags | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def append(path: Path, data: bytes) -> None:
    """Append whole lines to ``path`` and fsync them. Concurrent appenders (other
    processes) and a fold (which renames the file away) are kept apart by ``flock``."""
    if not data:
        return
    while True:
        created = not os.path.exists(path)
        fd = _open_regular(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)  # (read: is the last line whole?)
        try:
            _lock(fd)
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                continue  # folded away meanwhile: append to the new file
            size = os.fstat(fd).st_size
            prefix = b"\n" if size and os.pread(fd, 1, size - 1) != b"\n" else b""  # after a torn line
            view = memoryview(prefix + data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            if created:
                fsync_dir(path.parent)
            return
        finally:
            os.close(fd)  # (releases the lock)


def prepare(path: Path) -> None:
    """Make an empty journal ahead of time (from the save worker), so that the next
    change's append need not wait for its directory to be synced too."""
    if os.path.exists(path):
        return
    try:
        os.close(_open_regular(path, os.O_WRONLY | os.O_CREAT))
        fsync_dir(path.parent)
    except OSError:
        pass


def _olds(path: Path) -> list[Path]:
    """Journals taken by a fold that did not finish (a kill): read again at the next."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    prefix = path.name + "."
    return sorted(path.parent / n for n in names if n.startswith(prefix) and n.endswith(".old"))


def _read(path: Path, *, wait: bool) -> bytes:
    try:
        fd = _open_regular(path, os.O_RDONLY)
    except FileNotFoundError:
        return b""
    try:
        if wait:
            _lock(fd)  # an append in progress finishes first
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def peek(path: Path) -> list[Entry]:
    """The entries of the journal at ``path`` (and of folds that did not finish)."""
    entries = []
    for p in [*_olds(path), path]:
        try:
            entries += decode(_read(p, wait=False))
        except OSError:
            continue
    return entries


def take(path: Path) -> tuple[list[Entry], list[Path]]:
    """For a fold (under the state file's lock): move the journal aside, wait for any
    append to it to finish, and read it. Returns its entries (and those of earlier folds
    that did not finish) and the files to delete once the state file holds them."""
    try:
        if os.stat(path).st_size:
            os.rename(path, path.with_name(f"{path.name}.{writer_id()}.old"))
    except FileNotFoundError:
        pass
    files = _olds(path)
    entries = []
    for p in files:
        entries += decode(_read(p, wait=True))
    return entries, files


def put_back(path: Path, files: list[Path]) -> None:
    """Undo :func:`take` when the state file could not be written: the taken lines go
    back to the journal (where a user is told they are), or stay where they are."""
    for p in files:
        try:
            append(path, _read(p, wait=True))
            os.unlink(p)
        except OSError:
            pass  # (still read at the next start)


def drop(files: list[Path]) -> None:
    for p in files:
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass


def recovery_path(state: Path) -> Path:
    """Where changes go when the data dir cannot be written: ``$TMPDIR/papertui-UID/``
    (made private to this user), one file per state file."""
    state = Path(os.path.abspath(state))
    digest = hashlib.sha1(str(state).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"papertui-{uid}" / f"recovery-{digest}.jsonl"


def ensure_private_dir(directory: Path) -> None:
    try:
        os.mkdir(directory, 0o700)
    except FileExistsError:
        pass
    st = os.lstat(directory)
    if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        raise OSError(f"{directory} is not a directory of this user")
