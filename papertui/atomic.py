"""Crash-safe file writes: the old file or the new one, never a torn one."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new name in ``directory`` durable (where the system allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_copy(path: Path, data: bytes) -> str:
    """``data`` in a new temporary file beside ``path``, fsynced; its name (removed on failure)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str) -> None:
    """Remove a temporary file that is not (or no longer) needed; one already gone is fine."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old or the new file whole.
    A symlink is written through: its target is replaced, the link stays."""
    path = Path(os.path.realpath(path))
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    tmp = _temp_copy(path, data)
    try:
        try:
            st = os.stat(path)
            os.chmod(tmp, st.st_mode & 0o777)
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise
    fsync_dir(directory)


def create_bytes(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data``, whole or not at all, and never over an existing file:
    written to a temporary name, fsynced, then linked to ``path`` (``FileExistsError`` when
    ``path`` exists: another process made it first) and the directory fsynced. A file system
    without hard links (FAT, some network shares) gets a rename after checking ``path`` is free
    (a small window where a file made meanwhile is replaced)."""
    path = Path(path)
    directory = path.parent
    tmp = _temp_copy(path, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
            os.rename(tmp, path)
    finally:
        _discard(tmp)
    fsync_dir(directory)
