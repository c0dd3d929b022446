"""The user's state (read / starred / changed-at per paper) in a TinyDB file.

Safety rules, in order of importance:

1. Never lose a mark. Writes are atomic (temp file in the same directory, fsync,
   ``os.replace``, fsync of the directory), so a kill at any moment leaves either
   the old or the new file, never a torn one.
2. Two processes on one file lose nothing. Every write takes an inter-process
   lock, re-reads the file and merges: per paper, the newer change wins, and
   papers this process never touched keep what the other process wrote.
3. An unreadable file is never overwritten: it is moved aside as
   ``state.json.corrupt-<timestamp>`` and the user is told in one line.

Marks are kept in memory, so reads are dict look-ups and a mark shows at once;
:meth:`Store.flush` puts pending changes on disk (the TUI calls it from a worker).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage

from .atomic import atomic_write_bytes

TABLE = "papers"
META_TABLE = "metadata"  # arXiv API records, one document per arXiv id
CITE_TABLE = "citations"  # Semantic Scholar counts, one document per arXiv id (citations.py)
LOCK_TIMEOUT = 10.0
DEFAULT_FIELDS = {"read": False, "starred": False, "note": "", "tags": []}  # a paper never marked


class StateError(Exception):
    """A problem with the state file; ``str()`` is a one-line message for the user."""


class CorruptStateError(StateError):
    pass


def decode_state(data: bytes, path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Parse and shape-check a TinyDB file. Raises :class:`CorruptStateError`."""
    if not data.strip():
        raise CorruptStateError(f"state file {path} is empty")
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise CorruptStateError(f"state file {path} is not valid JSON (truncated or damaged)") from None
    if not isinstance(doc, dict):
        raise CorruptStateError(f"state file {path} has the wrong shape (top level is not an object)")
    for name, table in doc.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise CorruptStateError(f"state file {path} has the wrong shape (table {name!r} is not a table)")
    return doc


def read_state(path: Path) -> tuple[os.stat_result, dict[str, dict[str, Any]]] | None:
    """The file's identity (``fstat`` of the very file read, even if it is replaced
    meanwhile) and its tables; None if there is no file. Raises :class:`CorruptStateError`."""
    try:
        with open(path, "rb") as fh:
            seen = os.fstat(fh.fileno())
            data = fh.read()
    except FileNotFoundError:
        return None
    return seen, decode_state(data, path)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file.

    Same file format as TinyDB's JSONStorage; writes go through
    :func:`atomic_write_bytes`, reads refuse damaged files instead of guessing.
    """

    def __init__(self, path: str | os.PathLike, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        found = read_state(self.path)
        return None if found is None else found[1]

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write_bytes(self.path, orjson.dumps(data))

    def close(self) -> None:
        pass


def _aside_name(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return candidate


def _describe_os_error(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


class Store:
    """Read/starred state per paper key, backed by a TinyDB file."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.db = TinyDB(self.path, storage=AtomicJSONStorage)
        self.warnings: list[str] = []
        self._marks: dict[str, dict[str, Any]] = {}
        self._read: set[str] = set()  # keys marked read / starred, kept with _marks
        self._starred: set[str] = set()
        self._annotated: set[str] = set()  # keys with a note or own tags
        self._dirty: dict[str, dict[str, Any]] = {}
        self._meta: dict[str, dict[str, Any]] = {}
        self._cites: dict[str, dict[str, Any]] = {}
        self._mutex = threading.Lock()
        self._io = threading.Lock()
        self._seen_mtime: int | None = None
        # The file as we last read or wrote it: (inode, mtime, size) and its tables. While
        # the file is still that one (nobody else wrote: every write replaces the file),
        # a save merges into these instead of reading and parsing it again (~0.1 s with
        # 100k marks, in one call that holds the interpreter: the UI would freeze).
        # After our own write also (doc ids by key, next doc id): that file holds all our
        # marks, so the next save merges only the changed ones.
        self._file: tuple[tuple[int, int, int], dict[str, dict[str, Any]], tuple[dict[str, str], int] | None] | None = None
        self.version = 0  # bumped on every change of a mark, here or picked up from disk

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike) -> "Store":
        """Open the state file; an unreadable one is moved aside (see ``warnings``)."""
        store = cls(path)
        try:
            store._marks = store._load_from_disk()
            for key, rec in store._marks.items():
                store._index(key, rec)
        except CorruptStateError as exc:
            store.warnings.append(store._move_aside(str(exc)))
        except OSError as exc:
            raise StateError(f"cannot read state file {store.path}: {_describe_os_error(exc)}") from None
        return store

    def _move_aside(self, why: str) -> str:
        aside = _aside_name(self.path)
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            raise StateError(f"{why}; could not move it aside: {_describe_os_error(exc)}") from None
        return f"{why}; kept it as {aside.name} and started with fresh state"

    def _read_tables(self) -> dict[str, dict[str, Any]]:
        self._file = None
        found = read_state(self.path)
        if found is None:
            self._seen_mtime = None
            return {}
        seen, tables = found
        self._seen_mtime = seen.st_mtime_ns
        self._file = (_identity(seen), tables, None)
        return tables

    def _kept_if_unchanged(self):
        """``(tables, known)`` as we last read or wrote them, if the file is still that one."""
        if self._file is None:
            return None
        try:
            now = os.stat(self.path)
        except OSError:
            return None
        identity, tables, known = self._file
        return (tables, known) if _identity(now) == identity and _telling(now) else None

    def _load_from_disk(self) -> dict[str, dict[str, Any]]:
        tables = self._read_tables()
        self._meta = _meta_of(tables)
        self._cites = _meta_of(tables, CITE_TABLE)
        return {key: rec for key, rec in _marks_of(tables).items()}

    # -- arXiv metadata ---------------------------------------------------------
    def metadata(self, arxiv: str | None) -> dict[str, Any] | None:
        return self._meta.get(arxiv) if arxiv else None

    def has_metadata(self, arxiv: str) -> bool:
        return arxiv in self._meta

    def citations(self, arxiv: str | None) -> dict[str, Any] | None:
        """``{"citations", "influential", "fetched_at"}`` from Semantic Scholar, or None."""
        return self._cites.get(arxiv) if arxiv else None

    def has_citations(self) -> bool:
        return bool(self._cites)

    def citation_count(self, arxiv: str | None) -> int | None:
        rec = self._cites.get(arxiv) if arxiv else None
        value = rec.get("citations") if rec else None
        return value if isinstance(value, int) else None

    def put_citations(self, records: dict[str, dict[str, Any]]) -> None:
        """Store fetched citation counts (all or none), like :meth:`put_metadata`."""
        self.put_metadata(records, table=CITE_TABLE)

    def put_metadata(self, records: dict[str, dict[str, Any]], *, table: str = META_TABLE) -> None:
        """Store fetched records (all or none), merged into the file under the lock."""
        name = table

        def put(tables: dict[str, dict[str, Any]]) -> None:
            table = tables.setdefault(name, {})
            ids = {doc.get("arxiv"): doc_id for doc_id, doc in table.items()}
            next_id = _next_doc_id(table)
            for arxiv, rec in records.items():
                doc_id = ids.get(arxiv)
                if doc_id is None:
                    doc_id, next_id = str(next_id), next_id + 1
                table[doc_id] = {**rec, "arxiv": arxiv}

        with self._io:
            tables, fresh = self._rewrite({}, put)
            self._meta = _meta_of(tables)
            self._cites = _meta_of(tables, CITE_TABLE)
            if fresh:
                self._adopt(_marks_of(tables))  # marks another process wrote meanwhile

    # -- reading -------------------------------------------------------------
    def is_read(self, key: str) -> bool:
        return key in self._read

    def is_starred(self, key: str) -> bool:
        return key in self._starred

    def get(self, key: str) -> dict[str, Any]:
        return dict(self._marks.get(key) or {})

    def note(self, key: str) -> str:
        rec = self._marks.get(key)
        note = rec.get("note") if rec else None
        return note if isinstance(note, str) else ""

    def user_tags(self, key: str) -> list[str]:
        """The tags the user gave this paper (besides the list file's)."""
        rec = self._marks.get(key)
        tags = rec.get("tags") if rec else None
        return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []

    def changed_at(self, key: str) -> float:
        rec = self._marks.get(key)
        return _changed_at(rec) if rec else 0.0

    def changed_times(self) -> dict[str, float]:
        """Papers whose marks were ever changed: key -> when (seconds since the epoch)."""
        out = {}
        for key, rec in list(self._marks.items()):
            when = _changed_at(rec)
            if when:
                out[key] = when
        return out

    def annotated(self) -> dict[str, tuple[str, list[str]]]:
        """Papers with a note or user tags: key -> (note, tags)."""
        out = {}
        marks = self._marks
        for key in list(self._annotated):  # (not every mark: 100k read marks, a few notes)
            rec = marks.get(key)
            note, tags = (rec.get("note"), rec.get("tags")) if rec else (None, None)
            if note or tags:
                out[key] = (note if isinstance(note, str) else "", [t for t in tags or [] if isinstance(t, str)])
        return out

    def read_keys(self) -> set[str]:
        """The keys marked read (a live set: do not change it)."""
        return self._read

    def starred_keys(self) -> set[str]:
        """The keys starred (a live set: do not change it)."""
        return self._starred

    def _index(self, key: str, rec: dict[str, Any] | None) -> None:
        (self._read.add if rec and rec.get("read") else self._read.discard)(key)
        (self._starred.add if rec and rec.get("starred") else self._starred.discard)(key)
        (self._annotated.add if rec and (rec.get("note") or rec.get("tags")) else self._annotated.discard)(key)

    @property
    def pending(self) -> int:
        return len(self._dirty)

    # -- changing --------------------------------------------------------------
    def update(self, key: str, **fields: Any) -> dict[str, Any]:
        """Change fields of one paper's state in memory; :meth:`flush` saves it."""
        self.update_many({key: fields})
        return dict(self._marks[key])

    def update_many(self, changes: dict[str, dict[str, Any]]) -> None:
        """``{key: {field: value}}``: :meth:`update` for many papers at once (one lock,
        one time stamp: a bulk mark of 100k papers)."""
        with self._mutex:
            now = time.time()
            marks, dirty = self._marks, self._dirty
            read, starred, annotated = self._read, self._starred, self._annotated
            for key, fields in changes.items():
                old = marks.get(key)
                rec = {**old, **fields, "key": key, "changed": now} if old else {"key": key, **fields, "changed": now}
                marks[key] = dirty[key] = rec
                # What _index does, for the fields that changed only (a bulk mark sets one).
                if "read" in fields:
                    (read.add if rec["read"] else read.discard)(key)
                if "starred" in fields:
                    (starred.add if rec["starred"] else starred.discard)(key)
                if "note" in fields or "tags" in fields:
                    (annotated.add if rec.get("note") or rec.get("tags") else annotated.discard)(key)
            self.version += 1

    def values_before(self, changes: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """``[(key, {field: current value})]`` for the fields ``changes`` would set (what
        an undo restores; defaults where unset). A flag's before-value is one shared
        dict per value (never change it): a bulk mark of 100k papers needs no 100k dicts."""
        marks, out, flags = self._marks, [], {}
        for key, names in changes.items():
            rec = marks.get(key) or DEFAULT_FIELDS
            if len(names) == 1:
                (name,) = names
                value = rec.get(name, DEFAULT_FIELDS.get(name))
                if value is True or value is False:
                    shared = flags.get((name, value))
                    if shared is None:
                        shared = flags[(name, value)] = {name: value}
                    out.append((key, shared))
                    continue
            out.append((key, {name: rec.get(name, DEFAULT_FIELDS.get(name)) for name in names}))
        return out

    def set_read(self, key: str, value: bool) -> None:
        self.update(key, read=bool(value))

    def set_starred(self, key: str, value: bool) -> None:
        self.update(key, starred=bool(value))

    def toggle_read(self, key: str) -> bool:
        value = not self.is_read(key)
        self.set_read(key, value)
        return value

    # -- disk ------------------------------------------------------------------
    def flush(self) -> int:
        """Merge pending changes into the file under the lock. Returns how many were saved.

        Raises :class:`StateError` with a one-line message when the file cannot be
        written; the changes then stay pending and the next flush tries again.
        """
        with self._io:
            with self._mutex:
                if not self._dirty:
                    return 0
                pending = self._dirty
                self._dirty = {}
            try:
                tables, fresh = self._rewrite(pending)
            except BaseException:
                with self._mutex:
                    for key, rec in pending.items():
                        self._dirty.setdefault(key, rec)
                raise
            if fresh:  # (else the file held only what we had: nothing to take in)
                self._adopt(_marks_of(tables))
            return len(pending)

    def reload(self) -> set[str]:
        """Pick up changes another process wrote. Returns the keys whose state changed."""
        with self._io:
            try:
                mtime = os.stat(self.path).st_mtime_ns
            except OSError:
                return set()
            if mtime == self._seen_mtime:
                return set()
            try:
                tables = self._read_tables()
            except CorruptStateError:
                return set()  # the next flush moves it aside and rewrites everything
            except OSError:
                return set()
            self._meta = _meta_of(tables)
            self._cites = _meta_of(tables, CITE_TABLE)
            return self._adopt(_marks_of(tables))

    def _adopt(self, disk: dict[str, dict[str, Any]]) -> set[str]:
        changed = set()
        with self._mutex:
            for key, rec in disk.items():
                if key in self._dirty:
                    continue  # changed again while we were writing; the next flush saves it
                mine = self._marks.get(key)
                if mine != rec:
                    if mine is None or mine.get("read") != rec.get("read") or mine.get("starred") != rec.get("starred"):
                        changed.add(key)
                    self._marks[key] = rec
                    self._index(key, rec)
                elif mine is not rec:
                    self._marks[key] = rec  # the same: share the file's copy (100k marks: ~30 MB)
            if changed:
                self.version += 1
        return changed

    def _lock(self) -> FileLock:
        return FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)

    def _rewrite(
        self,
        pending: dict[str, dict[str, Any]],
        change: Callable[[dict[str, dict[str, Any]]], None] | None = None,
    ) -> tuple[dict[str, dict[str, Any]], bool]:
        """Under the file lock: read the file (a damaged one is moved aside; unless it is
        still the one we last read or wrote), merge our marks into it (``pending`` ones
        where newer, any the file lacks), let ``change`` edit the tables, and write them
        back atomically. Returns the tables written, and whether the file was read."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock():
                kept = self._kept_if_unchanged()
                fresh = kept is None
                self._file = None  # (the tables change below: kept again once written)
                if fresh:
                    try:
                        tables = self._read_tables()
                    except CorruptStateError as exc:
                        self.warnings.append(self._move_aside(str(exc)))
                        tables = {}
                    self._file = None
                    known = None
                else:
                    tables, known = kept
                known = self._merge_marks(tables.setdefault(TABLE, {}), pending, known)
                if change is not None:
                    change(tables)
                self.db.storage.write(tables)
                try:
                    written = os.stat(self.path)
                except OSError:
                    self._seen_mtime = None
                else:
                    self._seen_mtime = written.st_mtime_ns
                    self._file = (_identity(written), tables, known)
                return tables, fresh
        except Timeout:
            raise StateError(
                f"state file {self.path} is locked by another papertui (lock held over {LOCK_TIMEOUT:.0f} s)"
            ) from None
        except OSError as exc:
            raise StateError(f"cannot write state file {self.path}: {_describe_os_error(exc)}") from None

    def _merge_marks(
        self, table: dict[str, Any], pending: dict[str, dict[str, Any]], known: tuple[dict[str, str], int] | None = None
    ) -> tuple[dict[str, str], int]:
        """Merge our marks into the file's table: ``pending`` ones where newer, and any the
        table lacks. ``known`` (doc ids by key, next doc id): the table is one we wrote,
        which holds all our marks but ``pending`` ones: only those are merged (not 100k).
        Returns the doc ids and next doc id of the merged table."""
        if known is None:
            ids: dict[str, str] = {}
            for doc_id, doc in table.items():
                k = doc.get("key")
                if isinstance(k, str):
                    ids[k] = doc_id
            next_id = _next_doc_id(table)
            with self._mutex:
                mine = dict(self._marks)
        else:
            ids, next_id = known
            with self._mutex:
                mine = {key: self._marks[key] for key in pending if key in self._marks}
        for key, rec in mine.items():
            doc_id = ids.get(key)
            if doc_id is None:
                # New, or lost from the file (moved aside, replaced): write ours back.
                table[str(next_id)] = rec
                ids[key] = str(next_id)
                next_id += 1
            elif key in pending:
                theirs = table[doc_id]
                if _changed_at(theirs) <= _changed_at(rec):
                    table[doc_id] = {**theirs, **rec}
        return ids, next_id

    def close(self) -> None:
        self.flush()
        self.db.close()


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    """Which file this is: every write replaces the file (a new inode), so another
    process's write changes this even within the same clock tick."""
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _telling(st: os.stat_result) -> bool:
    """Whether the file system gives identities that tell files apart: real inode numbers
    and sub-second times (with whole seconds, a reused inode, the same size and the same
    second would look like our file: then the file is always read again)."""
    return st.st_ino != 0 and st.st_mtime_ns % 1_000_000_000 != 0


def _next_doc_id(table: dict[str, Any]) -> int:
    return max((int(i) for i in table if i.isdigit()), default=0) + 1


def _changed_at(rec: dict[str, Any]) -> float:
    value = rec.get("changed")
    return float(value) if isinstance(value, (int, float)) else 0.0


def _meta_of(tables: dict[str, dict[str, Any]], name: str = META_TABLE) -> dict[str, dict[str, Any]]:
    return {d["arxiv"]: d for d in (tables.get(name) or {}).values() if isinstance(d.get("arxiv"), str)}


def _marks_of(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for doc in (tables.get(TABLE) or {}).values():
        key = doc.get("key")
        if isinstance(key, str) and key:
            if key not in out or _changed_at(doc) >= _changed_at(out[key]):
                out[key] = doc
    return out
