"""Sync the marks (read / starred / note / tags) and the user's own lists between machines
through a synced folder (and the followed feeds: ``sync_feeds.py``).

No server: a folder that Syncthing, Dropbox, git or NFS already keeps in step. Each device
writes only files of its own, ``SYNC_DIR/DEVICE/NNNNNN.jsonl``, each created once (temp file,
fsync, rename) and never changed again, so the syncing tool never sees two writers of one file.
A file (format 1)::

    {"papertui_sync": 1, "dev": "laptop-1a2b3c4d", "seq": 7, "n": 2}
    {"k": "2405.11157", "f": "read", "t": 1795000000.5, "v": true}
    {"k": "2405.11157", "f": "tags", "t": 1795000001.0, "add": ["kv cache"], "del": []}
    {"end": 2}

A file without its ``end`` line (half copied), with a bad line or of another format is skipped
with one warning and read again at the next sync. Each device remembers how far it has read
every other device's files (``cursors``), so a sync reads only what is new. A device whose own
files went missing (a restored folder) sends all its changes still in effect again, in a file
marked ``"snapshot": true`` that the others read in place of the lost ones.

Compaction: once a device's files hold over twice its changes still in effect, it writes them
all in one snapshot (``"compacted": true``: with each note's superseded versions and each tag
set's time, so a device that never read the older files resurrects nothing), then removes its
older files. A device that had read them all skips the snapshot; a file removed while another
device reads the folder is skipped quietly (the snapshot is read instead).

The merge, the same on every device whatever order the files come in:

- read, starred: the change with the later ``(t, device)`` wins (``t`` is the store's change
  time: a change made after seeing another device's change is always later than it, however
  far that device's clock is ahead, so skew never freezes a paper);
- a user list's name (its record ``mylist:ID``, see mylists.py; ``""``: deleted): as read and
  starred, the later ``(t, device)`` wins, so of a rename and a delete the later one stays;
- tags, and a paper's user lists (``lists``, list ids): per tag or id, its latest add against
  its latest remove (an add-remove set); a paper added to a list another device deleted keeps
  the membership, hidden while the list is deleted;
- note: versions that no later version was edited from are all kept: one is the note, any
  other follows it below a visible conflict line until someone edits the merged note.

Local changes are found by comparing the state file with what the last sync left in it
(kept, with the merge's own state, in ``state.json.sync``): whatever made them (the TUI,
``papertui mark`` or ``note``, another process) they are sent. Other devices' changes go
into the state file as journal lines folded under its lock, as another process's would.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from . import journal, sync_feeds
from .atomic import atomic_write_bytes, create_bytes, fsync_dir
from .errors import PapertuiError
from .marks_merge import _field_time
from .store import FIELDS, StateError, Store
from .sync_feeds import FeedFiles, apply_feed_op, own_feed_ops
from .tags import normalize_tags

FORMAT = 1
DEVICE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
FILE_NAME = re.compile(r"(\d{6,})\.jsonl")
LOCK_TIMEOUT = 30.0
FLAGS = ("read", "starred", "name")  # the later change wins (last writer wins)
SETS = ("tags", "lists")  # per element, its latest add against its latest remove
COMPACT_MIN = 2000  # changes in a device's files before compaction is considered (see Syncer._compaction_due)


class SyncError(PapertuiError):
    """Sync cannot run; ``str()`` is one line for the user."""


@dataclass
class Report:
    changed: set[str] = field(default_factory=set)  # papers whose marks other devices changed here
    devices: list[str] = field(default_factory=list)  # the other devices in the folder
    sent: int = 0  # changes of this device written to the folder
    received: int = 0  # changes read from other devices' new files
    compacted: int = 0  # this device's older files replaced by a snapshot (removed)
    feeds: list[str] = field(default_factory=list)  # feeds followed or unfollowed here by other devices
    warnings: list[str] = field(default_factory=list)


def new_device_id() -> str:
    host = re.sub(r"[^A-Za-z0-9_-]+", "-", socket.gethostname() or "").strip("-_")[:24] or "device"
    return f"{host}-{secrets.token_hex(4)}"


def _stamp(t: float, dev: str) -> tuple[float, str]:
    return (t, dev)


def _vid(t: float, dev: str) -> str:
    return f"{t!r}@{dev}"


# -- the merge (pure: a meta record per paper, ops applied in any order give one result) ------------
def apply_op(meta: dict[str, Any], op: dict[str, Any], dev: str) -> bool:
    """Take one change of device ``dev`` into ``meta`` (key -> field -> merge state).
    Returns whether it changed anything."""
    key, name, t = op["k"], op["f"], op["t"]
    rec = meta.setdefault(key, {})
    if name in FLAGS:
        cur = rec.get(name)
        if cur is None or (t, dev) > (cur[0], cur[1]):
            rec[name] = [t, dev, op["v"]]
            return True
        return False
    if name in SETS:
        st = rec.setdefault(name, {"a": {}, "r": {}, "t": 0.0})
        changed = t > st.get("t", 0.0)
        if changed:
            st["t"] = t  # (the time of the latest change, even one that added and removed nothing)
        for which, tags in (("a", op.get("add", ())), ("r", op.get("del", ()))):
            stamps = st[which]
            for tag in normalize_tags(tags):  # (a device on an older papertui may send "kv cache")
                cur = stamps.get(tag)
                if cur is None or (t, dev) > (cur[0], cur[1]):
                    stamps[tag] = [t, dev]
                    changed = True
        return changed
    st = rec.setdefault("note", {"v": {}, "sup": []})
    vid = _vid(t, dev)
    versions = st["v"]
    superseded = set(st["sup"])
    known = vid in versions or vid in superseded
    size = len(superseded)
    superseded.update(b for b in op.get("base", ()) if isinstance(b, str))
    if known and len(superseded) == size:
        return False
    if not known:  # (a known version's base still counts: a snapshot repeats what it superseded)
        versions[vid] = [t, dev, op["v"]]
    for old in [v for v in versions if v in superseded]:
        del versions[old]
    st["sup"] = sorted(superseded)
    return True


def own_ops(keys: dict[str, Any], dev: str) -> list[dict[str, Any]]:
    """The changes of device ``dev`` still in effect in the merge ``keys``, as it sent them."""
    ops: list[dict[str, Any]] = []
    for key, rec in keys.items():
        for name in FLAGS:
            st = rec.get(name)
            if st is not None and st[1] == dev:
                ops.append({"k": key, "f": name, "t": st[0], "v": st[2]})
        for set_name in SETS:
            tags = rec.get(set_name)
            if tags is None:
                continue
            by_time: dict[float, dict[str, Any]] = {}
            for which, word in (("a", "add"), ("r", "del")):
                for tag, stamp in tags[which].items():
                    if stamp[1] == dev:
                        op = by_time.setdefault(stamp[0], {"k": key, "f": set_name, "t": stamp[0], "add": [], "del": []})
                        op[word].append(tag)
            ops += by_time.values()
        note = rec.get("note")
        if note is not None:
            mine = [(t, text) for t, d, text in note["v"].values() if d == dev]
            ops += [{"k": key, "f": "note", "t": t, "v": text, "base": []} for t, text in mine]
    return ops


def snapshot_ops(keys: dict[str, Any], dev: str) -> list[dict[str, Any]]:
    """All that device ``dev`` must say so that a device reading none of its earlier files
    ends with the same merge: its changes still in effect (:func:`own_ops`), each note of its
    with every version known superseded (so no version another device still sends comes back
    as a conflict; a note whose versions of ``dev`` are all superseded repeats them as such),
    and each tag (or list) set's change time."""
    ops = own_ops(keys, dev)
    noted = set()
    for op in ops:
        if op["f"] == "note":
            op["base"] = keys[op["k"]]["note"]["sup"]
            noted.add(op["k"])
    for key, rec in keys.items():
        note = rec.get("note")
        if note is not None and key not in noted:
            mine = [vid for vid in note["sup"] if vid.rpartition("@")[2] == dev]
            if mine:  # (a version of ours, superseded by itself: apply_op keeps only the base)
                t = float(mine[-1].rpartition("@")[0])
                ops.append({"k": key, "f": "note", "t": t, "v": "", "base": note["sup"]})
        for set_name in SETS:
            tags = rec.get(set_name)
            if tags is not None and tags.get("t"):
                ops.append({"k": key, "f": set_name, "t": tags["t"], "add": [], "del": []})
    return ops


def project(rec: dict[str, Any], name: str) -> tuple[float, Any] | None:
    """What the state file should hold for a field: ``(time, value)``; None if never synced."""
    st = rec.get(name)
    if st is None:
        return None
    if name in FLAGS:
        return st[0], st[2]
    if name in SETS:
        adds, removes = st["a"], st["r"]
        live = sorted(
            ((s[0], s[1], tag) for tag, s in adds.items() if tag not in removes or (s[0], s[1]) > tuple(removes[tag]))
        )
        return st.get("t", 0.0), [tag for _, _, tag in live]
    heads = sorted(st["v"].values(), key=lambda v: (v[0], v[1]), reverse=True)
    if not heads:
        return None
    return heads[0][0], merge_note(heads)


def merge_note(heads: list[list[Any]]) -> str:
    """The note of concurrent versions ``[t, device, text]``, newest first: the newest text,
    then each other distinct one below a conflict line (an emptied note gives way to text)."""
    texts: list[tuple[float, str, str]] = []
    for t, dev, text in heads:
        if text and all(text != other for _, _, other in texts):
            texts.append((t, dev, text))
    if not texts:
        return ""
    out = texts[0][2]
    for t, dev, text in texts[1:]:
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(t))
        out += f"\n\n<<<<<<< conflict: also edited on {dev} at {when}\n{text}\n>>>>>>>"
    return out


def note_heads(rec: dict[str, Any]) -> list[str]:
    st = rec.get("note")
    return sorted(st["v"]) if st else []


# -- the files in the folder ----------------------------------------------------------------
def encode_file(
    dev: str, seq: int, ops: list[dict[str, Any]], *, snapshot: bool = False, compacted: bool = False
) -> bytes:
    """A file of changes; a ``snapshot`` holds all of the device's changes still in effect (its
    earlier files may be skipped: the device resends all when some of its files went missing).
    A ``compacted`` snapshot says nothing its earlier files did not: a device that read them
    all skips it."""
    head: dict[str, Any] = {"papertui_sync": FORMAT, "dev": dev, "seq": seq, "n": len(ops)}
    if snapshot or compacted:
        head["snapshot"] = True
    if compacted:
        head["compacted"] = True
    body = b"".join(orjson.dumps(op) + b"\n" for op in ops)
    return orjson.dumps(head) + b"\n" + body + orjson.dumps({"end": len(ops)}) + b"\n"


def _valid_op(op: Any) -> bool:
    if not isinstance(op, dict):
        return False
    if op.get("f") == "feed":
        return sync_feeds.valid_op(op)
    key, name, t = op.get("k"), op.get("f"), op.get("t")
    if not (isinstance(key, str) and key and name in FIELDS and t.__class__ in (int, float)):
        return False
    if name in SETS:
        return all(
            isinstance(op.get(w, []), list) and all(isinstance(x, str) for x in op.get(w, [])) for w in ("add", "del")
        )
    if name == "note" and not isinstance(op.get("base", []), list):
        return False
    return journal.valid_value(name, op.get("v"))


def decode_file(data: bytes, where: str) -> list[dict[str, Any]]:
    """The changes of a whole file; raises :class:`ValueError` saying why it cannot be used."""
    return read_file(data, where)[1]


def read_file(data: bytes, where: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A whole file's header and changes; raises :class:`ValueError` saying why it cannot be used."""
    lines = data.split(b"\n")
    if not data.endswith(b"\n"):
        raise ValueError(f"{where} is incomplete (a copy in progress?)")
    try:
        docs = [orjson.loads(line) for line in lines[:-1]]
    except orjson.JSONDecodeError:
        raise ValueError(f"{where} has a damaged line") from None
    if not docs or not isinstance(docs[0], dict) or "papertui_sync" not in docs[0]:
        raise ValueError(f"{where} is not a papertui sync file")
    version = docs[0]["papertui_sync"]
    if version != FORMAT:
        raise ValueError(f"{where} has format {version!r} (this papertui reads {FORMAT}: another version wrote it)")
    last = docs[-1]
    ops = docs[1:-1]
    if len(docs) < 2 or not isinstance(last, dict) or last.get("end") != len(ops):
        raise ValueError(f"{where} is incomplete (a copy in progress?)")
    # A change to a field this papertui does not know (a later version's) is left out, so that
    # a device one version behind still takes in the rest (a file refused would hold up all of
    # that device's later files). (Versions before lists refuse a file with a list change.)
    ops = [op for op in ops if not (isinstance(op, dict) and isinstance(op.get("f"), str)
                                    and op["f"] not in FIELDS and op["f"] != "feed")]
    for op in ops:
        if not _valid_op(op):
            raise ValueError(f"{where} has a change papertui cannot read")
    return docs[0], ops


# -- a sync -----------------------------------------------------------------------------------
class Syncer:
    """Syncs one store with one folder; keeps its merge state between runs (the TUI keeps one)."""

    def __init__(self, store: Store, sync_dir: str | os.PathLike, *, feed_files: FeedFiles | None = None) -> None:
        self.store = store
        self.dir = Path(sync_dir).expanduser()
        self.feed_files = feed_files  # followed feeds sync too (see FeedFiles)
        self.meta_path = store.path.with_name(store.path.name + ".sync")
        self._meta: dict[str, Any] | None = None
        self._meta_stamp: tuple[int, int] | None = None
        # Each paper's record as the last sync found it in step (the store replaces a record
        # on every change, never edits one): only other records are compared (100k: ~0.3 s).
        self._seen: dict[str, dict[str, Any]] = {}
        self._quiet = -1  # the store's version when the last sync had nothing to send or write back

    @property
    def device(self) -> str:
        return self._load()["device"]

    def _load(self) -> dict[str, Any]:
        try:
            st = os.stat(self.meta_path)
            stamp = (st.st_ino, st.st_mtime_ns)
        except FileNotFoundError:
            stamp = None
        if self._meta is not None and stamp == self._meta_stamp:
            return self._meta
        meta = None
        if stamp is not None:
            try:
                meta = orjson.loads(self.meta_path.read_bytes())
            except (OSError, orjson.JSONDecodeError):
                meta = None
            if not _meta_ok(meta):
                meta = None  # (unreadable: start again; everything is sent again, which merges the same)
        if meta is None:
            meta = {"v": 1, "device": new_device_id(), "seq": 0, "cursors": {}, "keys": {}}
            self._write_meta(meta)
        self._meta, self._meta_stamp, self._seen, self._quiet = meta, self._stamp(), {}, -1
        return meta

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.meta_path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def _write_meta(self, meta: dict[str, Any]) -> None:
        atomic_write_bytes(self.meta_path, orjson.dumps(meta))
        self._meta_stamp = self._stamp()

    def _check_dir(self) -> None:
        try:
            if not self.dir.is_dir():
                what = "does not exist" if not self.dir.exists() else "is not a folder"
                raise SyncError(f"sync folder {self.dir} {what}")
            os.listdir(self.dir)
        except OSError as exc:
            raise SyncError(f"cannot read sync folder {self.dir}: {exc.strerror or exc}") from None

    def run(self) -> Report:
        """Send this device's new changes, take in the other devices' new ones."""
        self._check_dir()
        try:
            with FileLock(str(self.meta_path) + ".lock", timeout=LOCK_TIMEOUT):
                return self._run()
        except Timeout:
            raise SyncError(
                f"another papertui has been syncing {self.meta_path} for over {LOCK_TIMEOUT:.0f} s"
            ) from None
        except StateError as exc:
            raise SyncError(str(exc)) from None
        except OSError as exc:
            raise SyncError(f"cannot sync with {self.dir}: {exc.strerror or exc}") from None

    def status(self) -> list[dict[str, Any]]:
        """Each device in the folder: ``device``, ``this`` (this device), ``files`` and ``size``
        (its files now, bytes), ``last`` (when its newest file was written, seconds since the
        epoch; None without files) and ``pending``: for another device, its files this device
        has not read yet; for this one, its changes (papers and fields) not sent yet."""
        self._check_dir()
        meta = self._load()
        me, out = meta["device"], []
        try:
            names = sorted(n for n in os.listdir(self.dir) if DEVICE_NAME.fullmatch(n) and (self.dir / n).is_dir())
            for dev in names:
                matches = map(FILE_NAME.fullmatch, os.listdir(self.dir / dev))
                files = [(int(m.group(1)), m.group(0)) for m in matches if m]
                stats = [st for st in map(_stat, (self.dir / dev / name for _, name in files)) if st is not None]
                last = max((st.st_mtime for st in stats), default=None)
                if dev == me:
                    self._seen = {}  # (every paper compared: nothing is taken as in step)
                    pending = len(self._local_ops(meta["keys"], set(), {}))
                else:
                    done = meta["cursors"].get(dev, 0)
                    pending = sum(seq > done for seq, _ in files)
                out.append({"device": dev, "this": dev == me, "files": len(files),
                            "size": sum(st.st_size for st in stats), "last": last, "pending": pending})
        except OSError as exc:
            raise SyncError(f"cannot read sync folder {self.dir}: {exc.strerror or exc}") from None
        return out

    def folder_stamp(self) -> tuple | None:
        """A cheap fingerprint of the other devices' folders, that changes when a device adds,
        replaces or removes a file (each folder's time; no file is read): the TUI syncs when it
        changes. None if the folder cannot be read (the next sync says why)."""
        me = self._meta["device"] if self._meta is not None else None
        out = []
        try:
            with os.scandir(self.dir) as entries:
                for entry in entries:
                    if entry.name != me and DEVICE_NAME.fullmatch(entry.name) and entry.is_dir():
                        st = entry.stat()
                        out.append((entry.name, st.st_ino, st.st_mtime_ns))
        except OSError:
            return None
        return tuple(sorted(out))

    def _run(self) -> Report:
        meta = self._load()
        report = Report()
        keys, me = meta["keys"], meta["device"]
        (self.dir / me).mkdir(exist_ok=True)  # (the other devices see this one from its first sync)
        touched: set[str] = set()
        examined: dict[str, dict[str, Any]] = {}
        version = self.store.version
        ops = self._local_ops(keys, touched, examined) if version != self._quiet else []
        ops += self._local_feed_ops(meta, report.warnings)
        feeds_touched: set[str] = set()
        lost = self._own_files_lost(meta)
        if lost:
            ops = snapshot_ops(keys, me) + own_feed_ops(meta, me) + ops  # (files went missing: all it said, again)
        if ops:
            self._send(meta, ops, snapshot=lost)
            report.sent = len(ops)
            for op in ops:
                if op["f"] == "feed":
                    apply_feed_op(meta, op, me)
                    continue
                apply_op(keys, op, me)
                if op["f"] in SETS or op["f"] == "note":
                    touched.add(op["k"])  # (the merge's tag order and merged note go back in; a flag is ours)
        cursors = meta["cursors"]
        for dev in self._devices(me):
            report.devices.append(dev)
            for op in self._read_new(dev, cursors, report.warnings):
                report.received += 1
                if op["f"] == "feed":
                    if apply_feed_op(meta, op, dev):
                        feeds_touched.add(op["k"])
                elif apply_op(keys, op, dev):
                    touched.add(op["k"])
        report.changed = self._put_into_store(keys, touched)
        if feeds_touched:
            report.feeds = self._put_feeds(meta, feeds_touched, report.warnings)
        due = self._compaction_due(meta) if report.sent else False
        if touched or report.sent or report.received or report.feeds:
            self._write_meta(meta)
        if due:
            report.compacted = self._compact(meta)
        seen = self._seen
        for key, rec in examined.items():
            if key not in touched:  # (those were written to again: compared next time)
                seen[key] = rec
        self._quiet = version if not touched and self.store.version == version else -1
        return report

    def _local_ops(
        self, keys: dict[str, Any], stale: set[str], examined: dict[str, dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The changes made here since the last sync. Papers whose state file is behind the
        merge (a sync killed before its write) go to ``stale``: the merge's values go back in.
        The records compared go to ``examined``."""
        ops: list[dict[str, Any]] = []
        seen = self._seen
        marks = list(self.store._marks.items())  # (one C call: atomic against the UI thread)
        for key, rec in [(k, r) for k, r in marks if seen.get(k) is not r]:
            examined[key] = rec
            m = keys.get(key) or {}
            for name in FIELDS:
                if name not in rec:
                    continue
                t, value = _field_time(rec, name), rec[name]
                shown = _shown(m, name)
                if shown is not None and t <= shown[0]:
                    if t < shown[0] or value != shown[1]:
                        stale.add(key)
                    continue
                op: dict[str, Any] = {"k": key, "f": name, "t": t}
                if name in SETS:
                    old = set(shown[1]) if shown else set()
                    new = normalize_tags(value)
                    op["add"] = [x for x in new if x not in old]
                    op["del"] = sorted(old - set(new))  # (neither: sent all the same, its time counts)
                else:
                    op["v"] = value
                    if name == "note":
                        op["base"] = note_heads(m)
                ops.append(op)
        return ops

    def _own_files_lost(self, meta: dict[str, Any]) -> bool:
        """Whether files this device wrote since its last snapshot are gone from the folder (a
        restore of an older copy, a deletion): other devices may not have read them."""
        first, last = meta.get("base", 0) + 1, meta["seq"]
        if last < first:
            return False
        present = {int(m.group(1)) for m in map(FILE_NAME.fullmatch, os.listdir(self.dir / meta["device"])) if m}
        return any(seq not in present for seq in range(first, last + 1))

    def _send(
        self, meta: dict[str, Any], ops: list[dict[str, Any]], *, snapshot: bool = False, compacted: bool = False
    ) -> None:
        mine = self.dir / meta["device"]
        seq = max([meta["seq"], *(int(m.group(1)) for m in map(FILE_NAME.fullmatch, os.listdir(mine)) if m)]) + 1
        # A new name, never over a file another copy may be reading (FileExistsError: SyncError).
        create_bytes(
            mine / f"{seq:06d}.jsonl", encode_file(meta["device"], seq, ops, snapshot=snapshot, compacted=compacted)
        )
        meta["seq"] = seq
        if snapshot or compacted:
            meta["base"] = seq
            meta["ops"] = 0
        meta["ops"] = meta.get("ops", 0) + len(ops)

    # -- compaction: a snapshot of this device's changes in effect replaces its older files ----------
    def _compaction_due(self, meta: dict[str, Any]) -> bool:
        """Whether this device's files in the folder hold over twice the changes still in effect
        (and over COMPACT_MIN): counted as sent, the changes in effect only when that is passed."""
        sent = meta.get("ops", 0)
        if sent <= max(COMPACT_MIN, 2 * meta.get("live", 0)):
            return False
        live = len(snapshot_ops(meta["keys"], meta["device"]))
        meta["live"] = live
        return sent > 2 * live

    def compact(self) -> int:
        """Compact this device's files now, whatever their size; returns how many were removed."""
        self._check_dir()
        try:
            with FileLock(str(self.meta_path) + ".lock", timeout=LOCK_TIMEOUT):
                meta = self._load()
                (self.dir / meta["device"]).mkdir(exist_ok=True)
                return self._compact(meta)
        except Timeout:
            raise SyncError(f"another papertui has been syncing {self.meta_path} for over {LOCK_TIMEOUT:.0f} s") from None
        except OSError as exc:
            raise SyncError(f"cannot compact in {self.dir}: {exc.strerror or exc}") from None

    def _compact(self, meta: dict[str, Any]) -> int:
        """Write one file with all this device's changes in effect (:func:`snapshot_ops`), then
        remove its files before it. Safe for a device that has not read them, however late:
        reading the snapshot (and what follows) gives the merge that reading them would, with
        tombstones (a removed tag, a cleared flag, a superseded note) and times kept. The old
        files go only once the snapshot is whole on disk and the sync state knows it (a crash
        between the two leaves files that are removed next time)."""
        ops = snapshot_ops(meta["keys"], meta["device"]) + own_feed_ops(meta, meta["device"])
        self._send(meta, ops, compacted=True)
        meta["live"] = len(ops)
        self._write_meta(meta)
        mine = self.dir / meta["device"]
        removed = 0
        for m in map(FILE_NAME.fullmatch, os.listdir(mine)):
            if m and int(m.group(1)) < meta["base"]:
                try:
                    os.unlink(mine / m.group(0))
                    removed += 1
                except FileNotFoundError:
                    pass
        fsync_dir(mine)
        return removed

    # -- followed feeds (sync_feeds.py) -------------------------------------------------------------
    def _local_feed_ops(self, meta: dict[str, Any], warnings: list[str]) -> list[dict[str, Any]]:
        if self.feed_files is None:
            return []
        return sync_feeds.local_ops(self.feed_files, meta, self.store.clock, warnings)

    def _put_feeds(self, meta: dict[str, Any], names: set[str], warnings: list[str]) -> list[str]:
        if self.feed_files is None:
            return []
        return sync_feeds.put(self.feed_files, meta, names, self.store, warnings)

    def _devices(self, me: str) -> list[str]:
        return sorted(
            n for n in os.listdir(self.dir) if n != me and DEVICE_NAME.fullmatch(n) and (self.dir / n).is_dir()
        )

    def _read_new(self, dev: str, cursors: dict[str, int], warnings: list[str]) -> list[dict[str, Any]]:
        """The changes in ``dev``'s files past its cursor; the cursor moves over the files
        read whole with no gap before them (later ones are read again next time: harmless)."""
        folder = self.dir / dev
        done = cursors.get(dev, 0)
        try:
            names = os.listdir(folder)
        except OSError as exc:
            warnings.append(f"cannot read {folder}: {exc.strerror or exc}; skipped")
            return []
        seqs = sorted(s for s in (int(m.group(1)) for m in map(FILE_NAME.fullmatch, names) if m) if s > done)
        ops: list[dict[str, Any]] = []
        blocked = False
        for seq in seqs:
            where = f"{dev}/{seq:06d}.jsonl"
            path = folder / f"{seq:06d}.jsonl"
            if seq == done + 1 and not blocked and _compacted(path):
                done = seq  # (it repeats what this device has read)
                continue
            try:
                head, got = read_file(path.read_bytes(), where)
            except FileNotFoundError:
                blocked = True  # (compacted away since the listing: its snapshot is read instead)
                continue
            except (OSError, ValueError) as exc:
                warnings.append(f"sync: skipped {exc if isinstance(exc, ValueError) else where}; read again next time")
                blocked = True
                continue
            ops += got
            if head.get("snapshot") is True:
                done, blocked = seq, False  # (it holds what the files before it said)
            elif not blocked and seq == done + 1:
                done = seq
            else:
                blocked = True
        cursors[dev] = done
        return ops

    def _put_into_store(self, keys: dict[str, Any], touched: set[str]) -> set[str]:
        """Write the merge's values of the ``touched`` papers where the state file differs:
        journal lines folded under the file's lock. Returns the papers whose values changed."""
        store = self.store
        groups: dict[tuple, tuple[float, str, Any, list[str]]] = {}
        changed = set()
        for key in touched:
            m = keys.get(key)
            if not m:
                continue
            rec = store.get(key)
            for name in FIELDS:
                merged = project(m, name)
                if merged is None:
                    continue
                t, value = merged
                here = _field_time(rec, name) if name in rec else None
                if here is not None and here > t:
                    continue  # (changed here meanwhile: sent next time)
                if name in SETS or name == "note":
                    m[name]["s"] = [t, value]
                if here is not None and (here, rec[name]) == (t, value):
                    continue
                if rec.get(name, _DEFAULT[name]) != value:
                    changed.add(key)
                group = (t, name, orjson.dumps(value))
                if group not in groups:
                    groups[group] = (t, name, value, [])
                groups[group][3].append(key)
        if groups:
            journal.append(store.journal_path, journal.encode(groups.values(), f"sync-{self.device}"))
            store.flush(fold=True)
        return changed


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None  # (compacted away since the listing)


def _compacted(path: Path) -> bool:
    """Whether the file is a compacted snapshot, from its first line alone."""
    try:
        with open(path, "rb") as fh:
            line = fh.readline(4096)
        head = orjson.loads(line)
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(head, dict) and head.get("papertui_sync") == FORMAT and head.get("compacted") is True


def _meta_ok(meta: Any) -> bool:
    return (
        isinstance(meta, dict)
        and meta.get("v") == 1
        and DEVICE_NAME.fullmatch(str(meta.get("device"))) is not None
        and meta.get("seq").__class__ is int
        and isinstance(meta.get("cursors"), dict)
        and all(v.__class__ is int for v in meta["cursors"].values())
        and isinstance(meta.get("keys"), dict)
    )


_DEFAULT = {"read": False, "starred": False, "note": "", "tags": [], "lists": [], "name": ""}


def _shown(m: dict[str, Any], name: str) -> tuple[float, Any] | None:
    """``(time, value)`` the last sync left in the state file for a field (None: never synced)."""
    st = m.get(name)
    if st is None:
        return None
    if name in FLAGS:
        return st[0], st[2]
    shown = st.get("s")
    return (shown[0], shown[1]) if shown else None
