"""The user's state (read / starred / note / tags per paper) in a TinyDB file.

Safety rules, in order of importance:

1. Never lose a mark. Writes are atomic (temp file in the same directory, fsync,
   ``os.replace``, fsync of the directory), so a kill at any moment leaves either
   the old or the new file, never a torn one. Each change is also appended to a
   journal (``journal.py``) as soon as it is made; a start replays it.
2. Two processes on one file lose nothing. Every write takes an inter-process
   lock and applies the fields this process changed to the file as it is then:
   per field, the newer change wins (each field has its own time, ``t_<field>``),
   and whatever this process did not change keeps what the other process wrote.
3. An unreadable file is never overwritten: it is moved aside as
   ``state.json.corrupt-<timestamp>`` and the user is told in one line.

Marks are kept in memory, so reads are dict look-ups and a mark shows at once;
:meth:`Store.flush` puts pending changes on disk (the TUI calls it from a worker).
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, KeysView
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage

from . import journal
from .atomic import atomic_write_bytes
from .errors import PapertuiError
from .marks_merge import (
    TIME_OF,
    _field_time,  # noqa: F401  (the tests take it from here)
    _fold,
    _merge_fields,
    _time_key,
)
from .tags import normalize_tags

TABLE = "papers"
META_TABLE = "metadata"  # arXiv API records, one document per arXiv id
CITE_TABLE = "citations"  # Semantic Scholar counts, one document per arXiv id (citations.py)
LOCK_TIMEOUT = 10.0
DEFAULT_FIELDS = {"read": False, "starred": False, "note": "", "tags": [], "lists": [], "name": ""}  # never marked
FIELDS = journal.FIELDS
EPSILON = 0.001  # seconds: a change made here is at least this much newer than what it changes


class StateError(PapertuiError):
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
    try:
        orjson.dumps(doc)  # (orjson reads 1024 levels of nesting but writes only 255)
    except orjson.JSONEncodeError:
        raise CorruptStateError(f"state file {path} has values nested too deeply to be written back") from None
    return doc


def read_state(path: Path) -> tuple[os.stat_result, dict[str, dict[str, Any]]] | None:
    """The file's identity (``fstat`` of the very file read, even if it is replaced
    meanwhile) and its tables; None if there is no file. Raises :class:`CorruptStateError`,
    and :class:`StateError` for something that is not a regular file (a FIFO, a device)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))  # (a FIFO would block)
    except FileNotFoundError:
        return None
    with open(fd, "rb") as fh:
        seen = os.fstat(fd)
        if not stat.S_ISREG(seen.st_mode):
            raise StateError(f"state file {path} is not a regular file ({_kind(seen.st_mode)})")
        data = fh.read()
    return seen, decode_state(data, path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "not a file"


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
        self._listed: set[str] = set()  # keys in one of the user's own lists (field "lists")
        self._defs: set[str] = set()  # the user's own lists' records, "mylist:ID" (field "name"; mylists.py)
        self._dirty: dict[str, frozenset[str]] = {}  # key -> the fields changed here since the last save
        self._unjournaled: list[tuple[float, dict[str, dict[str, Any]], dict[str, float] | None]] = []
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.recovery_path = journal.recovery_path(self.path)  # the journal's stand-in in $TMPDIR
        self.kept_in: Path | None = None  # where the last changes were journaled (None: nowhere)
        self.writer = journal.writer_id()  # who made our journal entries
        self.clock: Callable[[], float] = time.time
        self.on_change: Callable[[], None] | None = None  # called after each change (the TUI: journal it now)
        self._meta: dict[str, dict[str, Any]] = {}
        self._cites: dict[str, dict[str, Any]] = {}
        self._mutex = threading.Lock()
        self._io = threading.Lock()
        self._seen: tuple[int, int, int] | None = None  # the identity of the file last read or written
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
    def open(cls, path: str | os.PathLike) -> Store:
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
        store._clean_temp_files()
        store._replay()
        return store

    def _clean_temp_files(self) -> None:
        """Remove temp files a kill left in the middle of a write (under the lock: no
        write is under way then)."""
        real = Path(os.path.realpath(self.path))
        prefix = f".{real.name}."

        def leftovers() -> list[str]:
            return [n for n in os.listdir(real.parent) if n.startswith(prefix) and n.endswith(".tmp")]

        try:
            if not leftovers():
                return
            with FileLock(str(self.path) + ".lock", timeout=1.0):
                for name in leftovers():
                    try:
                        os.unlink(real.parent / name)
                    except OSError:
                        pass
        except (OSError, Timeout):
            pass

    def _replay(self) -> None:
        """Changes in the journal (or the recovery file) that the state file lacks, from
        a process that was killed or could not write: taken in and saved."""
        entries = journal.peek(self.journal_path) + journal.peek(self.recovery_path)
        if not entries:
            return
        with self._mutex:
            applied = self._apply_entries(entries)
        try:
            self.flush(fold=True)
        except StateError as exc:
            if applied:
                self.warnings.append(f"{exc}; {applied} changes from the journal are kept there until it can be")

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
            self._seen = None
            return {}
        seen, tables = found
        self._seen = _identity(seen)
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

    def put_metadata(
        self, records: dict[str, dict[str, Any]], drop: Iterable[str] = (), *, table: str = META_TABLE
    ) -> None:
        """Store fetched records (all or none), merged into the file under the lock; the
        records of the arXiv ids in ``drop`` go (papers that left a feed), in the same write."""
        gone = set(drop)
        name = table

        def put(tables: dict[str, dict[str, Any]]) -> None:
            table = tables.setdefault(name, {})
            doc_id: str | None
            for doc_id in [d for d, doc in table.items() if doc.get("arxiv") in gone]:
                del table[doc_id]
            ids = {doc.get("arxiv"): doc_id for doc_id, doc in table.items()}
            next_id = _next_doc_id(table)
            for arxiv, rec in records.items():
                doc_id = ids.get(arxiv)
                if doc_id is None:
                    doc_id, next_id = str(next_id), next_id + 1
                table[doc_id] = {**rec, "arxiv": arxiv}

        with self._io:
            tables, adopt = self._rewrite({}, put)
            self._meta = _meta_of(tables)
            self._cites = _meta_of(tables, CITE_TABLE)
            if adopt:
                self._adopt(adopt)  # marks another process wrote meanwhile

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
        """The tags the user gave this paper (besides the list file's), normalised
        (:mod:`papertui.tags`: a file from before may hold ``kv cache`` and ``kv-cache``)."""
        rec = self._marks.get(key)
        return normalize_tags(rec.get("tags")) if rec else []

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
                out[key] = (note if isinstance(note, str) else "", normalize_tags(tags))
        return out

    def user_lists(self, key: str) -> list[str]:
        """The ids of the user's own lists the paper is in (see mylists.py)."""
        rec = self._marks.get(key)
        ids = rec.get("lists") if rec else None
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    def listed_keys(self) -> set[str]:
        """The keys in one or more of the user's own lists (a live set: do not change it)."""
        return self._listed

    def list_records(self) -> dict[str, str]:
        """The user's own lists' records: ``mylist:ID`` -> name ("" once deleted)."""
        out = {}
        for key in list(self._defs):
            rec = self._marks.get(key)
            name = rec.get("name") if rec else None
            out[key] = name if isinstance(name, str) else ""
        return out

    def marked_keys(self) -> KeysView[str]:
        """The keys of the papers with any mark, note, tag or list (a live view: a paper not
        in it has none of them)."""
        return self._marks.keys()

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
        (self._listed.add if rec and rec.get("lists") else self._listed.discard)(key)
        if rec and "name" in rec:
            self._defs.add(key)

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
        one time stamp: a bulk mark of 100k papers).

        Each changed field gets the time of the change: now, or just after the paper's
        last change if that is later (a clock behind the one that wrote the file): the
        user's latest action wins."""
        with self._mutex:
            now = self.clock()
            marks, dirty = self._marks, self._dirty
            read, starred, annotated, listed = self._read, self._starred, self._annotated, self._listed
            shapes: dict[int, tuple] = {}  # per fields dict (a bulk mark shares one): what to do with times
            skewed: dict[str, float] | None = None
            for key, fields in changes.items():
                shape = shapes.get(id(fields))
                if shape is None:
                    names = frozenset(fields)
                    drop = [TIME_OF[n] for n in fields if n in TIME_OF]
                    keep = [(n, k) for n, k in TIME_OF.items() if n not in fields]
                    only = next(iter(fields)) if len(fields) == 1 else None
                    shape = shapes[id(fields)] = (names, drop, keep, only)
                names, drop, keep, only = shape
                old = marks.get(key)
                if old is None:
                    rec = {"key": key, **fields, "changed": now}
                else:
                    t = now
                    last = old.get("changed")
                    if last.__class__ is not float and last.__class__ is not int:
                        last = 0.0
                    elif last >= now:
                        t = last + EPSILON
                        if skewed is None:
                            skewed = {}
                        skewed[key] = t
                    rec = {**old, **fields, "key": key, "changed": t}
                    if len(old) != 3 or only not in old:  # (not just key, changed and the field set now)
                        # A field's time is "changed" unless it has one of its own: fields
                        # not changed now keep theirs, those changed now drop theirs.
                        for time_key in drop:
                            if time_key in rec:
                                del rec[time_key]
                        for name, time_key in keep:
                            if name in old and time_key not in old:
                                rec[time_key] = last
                marks[key] = rec
                had = dirty.get(key)
                dirty[key] = names if had is None or had is names else had | names
                # What _index does, for the fields that changed only (a bulk mark sets one).
                if "read" in fields:
                    (read.add if rec["read"] else read.discard)(key)
                if "starred" in fields:
                    (starred.add if rec["starred"] else starred.discard)(key)
                if "note" in fields or "tags" in fields:
                    (annotated.add if rec.get("note") or rec.get("tags") else annotated.discard)(key)
                if "lists" in fields:
                    (listed.add if rec["lists"] else listed.discard)(key)
                if "name" in fields:
                    self._defs.add(key)
            self._unjournaled.append((now, changes, skewed))
            self.version += 1
        if self.on_change is not None:
            self.on_change()

    def _apply_entries(self, entries: list[journal.Entry]) -> int:
        """Journal entries newer than our fields, taken in as changes to save (under _mutex)."""
        marks, dirty, applied = self._marks, self._dirty, 0
        for entry in entries:
            field, names = entry.field, frozenset((entry.field,))
            change = {field: entry.value, _time_key(field): entry.t}
            for key in entry.keys:
                merged = _merge_fields(marks.get(key) or {"key": key}, change, names)
                if merged is not None:
                    marks[key] = merged
                    self._index(key, merged)
                    dirty[key] = dirty.get(key, frozenset()) | names
                    applied += 1
        if applied:
            self.version += 1
        return applied

    def write_journal(self) -> Path | None:
        """Append the changes made since the last call to the journal, fsynced (the TUI
        calls it from a thread at once after each change). When the journal cannot be
        written they go to the recovery file in $TMPDIR. Returns where they went; raises
        :class:`StateError` (the changes stay queued) when neither can be written."""
        with self._mutex:
            batch, self._unjournaled = self._unjournaled, []
        if not batch:
            return self.kept_in
        data = journal.encode(_journal_changes(batch), self.writer)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            journal.append(self.journal_path, data)
            where = self.journal_path
        except OSError as exc:
            try:
                journal.ensure_private_dir(self.recovery_path.parent)
                journal.append(self.recovery_path, data)
                where = self.recovery_path
            except OSError:
                with self._mutex:
                    self._unjournaled[:0] = batch
                self.kept_in = None
                raise StateError(f"cannot write the journal {self.journal_path}: {_describe_os_error(exc)}") from None
        self.kept_in = where
        return where

    def values_before(self, changes: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """``[(key, {field: current value})]`` for the fields ``changes`` would set (what
        an undo restores; defaults where unset). A flag's before-value is one shared
        dict per value (never change it): a bulk mark of 100k papers needs no 100k dicts."""
        flags: dict[tuple[str, bool], dict[str, Any]] = {}
        marks, out = self._marks, []
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
    def flush(self, *, fold: bool = False) -> int:
        """Merge pending changes into the file under the lock (and the journal: ``fold``
        even if nothing is pending). Returns how many papers' changes were saved.

        Raises :class:`StateError` with a one-line message when the file cannot be
        written; the changes then stay pending (and journaled: see ``kept_in``) and the
        next flush tries again.
        """
        with self._io:
            try:
                self.write_journal()  # (what the journal thread has not written yet)
            except StateError:
                pass  # the state file may still be writable
            with self._mutex:
                if not self._dirty and not fold:
                    return 0
                pending = self._dirty
                self._dirty = {}
            try:
                _tables, adopt = self._rewrite(pending)
            except BaseException:
                with self._mutex:
                    for key, names in pending.items():
                        had = self._dirty.get(key)
                        self._dirty[key] = names if had is None else had | names
                raise
            if adopt:
                self._adopt(adopt)
            return len(pending)

    def reload(self) -> set[str]:
        """Pick up changes another process wrote. Returns the keys whose state changed."""
        with self._io:
            try:
                seen = _identity(os.stat(self.path))
            except OSError:
                return set()
            if seen == self._seen:  # (every write replaces the file: another inode)
                return set()
            try:
                tables = self._read_tables()
            except StateError:
                return set()  # (damaged: the next flush moves it aside and rewrites everything)
            except OSError:
                return set()
            self._meta = _meta_of(tables)
            self._cites = _meta_of(tables, CITE_TABLE)
            return self._adopt(_marks_of(tables))

    def _adopt(self, disk: dict[str, dict[str, Any]]) -> set[str]:
        """Take in the file's records; fields changed here since the last save are kept
        where they are newer (the next flush saves them). Returns the keys that changed."""
        changed = set()
        with self._mutex:
            marks, dirty = self._marks, self._dirty
            for key, rec in disk.items():
                mine = marks.get(key)
                if mine is rec:
                    continue
                if mine == rec:
                    marks[key] = rec  # the same: share the file's copy (100k marks: ~30 MB)
                    continue
                names = dirty.get(key)
                new = rec
                if names and mine is not None:
                    new = _merge_fields(rec, mine, names) or rec
                if mine is None or any(mine.get(f) != new.get(f) for f in FIELDS):
                    changed.add(key)
                marks[key] = new
                self._index(key, new)
            if changed:
                self.version += 1
        return changed

    def _lock(self) -> FileLock:
        return FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)

    def _rewrite(
        self,
        pending: dict[str, frozenset[str]],
        change: Callable[[dict[str, dict[str, Any]]], None] | None = None,
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]] | None]:
        """Under the file lock: read the file (a damaged one is moved aside; unless it is
        still the one we last read or wrote), apply the ``pending`` fields of our marks to
        it where they are newer (and write back any mark it lacks), fold in the journal
        (other processes' changes not yet saved), let ``change`` edit the tables, and
        write them back atomically. Returns the tables written, and the marks to take
        in (all of them after a read; None if the file held only what we had)."""
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
                taken = [(self.journal_path, journal.take(self.journal_path))]
                if os.path.isdir(self.recovery_path.parent):
                    taken.append((self.recovery_path, journal.take(self.recovery_path)))
                table = tables.setdefault(TABLE, {})
                known = self._merge_marks(table, pending, known)
                with self._mutex:
                    dirty = set(self._dirty)  # (changed since the pending ones were taken)
                touched, known = _fold(table, known, [e for _, (got, _) in taken for e in got], self.writer, dirty)
                if change is not None:
                    change(tables)
                try:
                    self.db.storage.write(tables)
                except BaseException as exc:
                    for where, (_, files) in taken:
                        journal.put_back(where, files)
                    if isinstance(exc, orjson.JSONEncodeError):
                        raise StateError(f"cannot write state file {self.path}: {exc}") from None
                    raise
                for _, (_, files) in taken:
                    journal.drop(files)  # (the state file holds them now)
                journal.prepare(self.journal_path)  # (so that the next change's append is one fsync)
                try:
                    written = os.stat(self.path)
                except OSError:
                    self._seen = None
                else:
                    self._seen = _identity(written)
                    self._file = (_identity(written), tables, known)
                if fresh:
                    return tables, _marks_of(tables)
                ids = known[0]
                return tables, {key: table[ids[key]] for key in touched} or None
        except Timeout:
            raise StateError(
                f"state file {self.path} is locked by another papertui (lock held over {LOCK_TIMEOUT:.0f} s)"
            ) from None
        except OSError as exc:
            raise StateError(f"cannot write state file {self.path}: {_describe_os_error(exc)}") from None

    def _merge_marks(
        self,
        table: dict[str, Any],
        pending: dict[str, frozenset[str]],
        known: tuple[dict[str, str], int] | None = None,
    ) -> tuple[dict[str, str], int]:
        """Apply our marks to the file's table: the ``pending`` fields where newer, and
        any mark the table lacks. ``known`` (doc ids by key, next doc id): the table is one
        we wrote, which holds all our marks but ``pending`` ones: only those are merged
        (not 100k). Returns the doc ids and next doc id of the merged table."""
        doc_id: str | None
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
            elif known is not None:
                table[doc_id] = rec  # (the file is the one we wrote: ours is it and our changes since)
            elif key in pending:
                merged = _merge_fields(table[doc_id], rec, pending[key])
                if merged is not None:
                    table[doc_id] = merged
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


def _journal_changes(batch) -> list[tuple[float, str, Any, list[str]]]:
    """``(time, field, value, keys)`` for queued changes: the papers of a change that
    shares one fields dict (a bulk mark, its undo) go on one line per field."""
    out = []
    for now, changes, skewed in batch:
        values = list(changes.values())
        if skewed is None and len(values) > 1 and values.count(values[0]) == len(values):
            fields = values[0]  # (a bulk mark: one fields dict for all, or equal ones)
            keys = list(changes)
            out += [(now, field, value, keys) for field, value in fields.items() if field in TIME_OF]
            continue
        groups: dict[Any, tuple[float, dict[str, Any], list[str]]] = {}
        for key, fields in changes.items():
            t = now if skewed is None else skewed.get(key, now)
            group_key = id(fields) if t == now else (id(fields), t)
            group = groups.get(group_key)
            if group is None:
                group = groups[group_key] = (t, fields, [])
            group[2].append(key)
        for t, fields, keys in groups.values():
            out += [(t, field, value, keys) for field, value in fields.items() if field in TIME_OF]
    return out


def _changed_at(rec: dict[str, Any]) -> float:
    value = rec.get("changed")
    return float(value) if isinstance(value, (int, float)) else 0.0


def _meta_of(tables: dict[str, dict[str, Any]], name: str = META_TABLE) -> dict[str, dict[str, Any]]:
    return {d["arxiv"]: d for d in (tables.get(name) or {}).values() if isinstance(d.get("arxiv"), str)}


def _marks_of(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for doc in (tables.get(TABLE) or {}).values():
        key = doc.get("key")
        if isinstance(key, str) and key and (key not in out or _changed_at(doc) >= _changed_at(out[key])):
            out[key] = doc
    return out
