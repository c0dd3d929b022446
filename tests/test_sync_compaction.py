"""Compaction of the sync folder: a device replaces its older files by a snapshot of its changes
still in effect; devices that read none of those files, however late, still end the same."""

from __future__ import annotations

import itertools
import pathlib

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from papertui import sync

from .test_sync import HOUR, Clock, Device, converge, devices


def files_of(d: Device) -> list[str]:
    return sorted(p.name for p in (d.folder / d.syncer.device).glob("*.jsonl"))


def test_a_device_that_comes_back_after_compaction_converges_and_nothing_comes_back(tmp_path):
    a, b, late = devices(tmp_path, 3)
    a.store.update("p", read=True, tags=["x", "y"], note="draft")
    a.store.update("q", starred=True)
    converge([a, b, late])  # the late device has seen all of this, then goes away
    a.store.update("p", read=False, tags=["y"])  # a cleared flag and a removed tag: tombstones
    b.sync()
    b.store.update("p", note="draft, revised on b")  # supersedes a's draft, which the late one holds
    b.store.update("q", starred=False, tags=["z"])
    converge([a, b])
    a.store.update("r", note="a's own")
    converge([a, b])
    for d in (a, b):
        assert d.syncer.compact() > 0
        assert len(files_of(d)) == 1  # the snapshot alone
    late.store.update("s", read=True)  # made offline
    converge([late, a, b])
    want = {
        "p": {"tags": ["y"], "note": "draft, revised on b"},
        "q": {"tags": ["z"]},
        "r": {"note": "a's own"},
        "s": {"read": True},
    }
    assert a.state() == b.state() == late.state() == want
    newcomer = Device(tmp_path, "new", a.folder, Clock().at(HOUR))
    newcomer.sync()
    assert newcomer.state() == want


def test_a_superseded_note_known_only_through_a_compacted_device_does_not_come_back(tmp_path):
    """f writes a note; d edits it (its version supersedes f's); e edits d's. d compacts (its
    version is gone from its files), e does not: a device reading all the files now must still
    know f's version is superseded, which only d's files said."""
    f, d, e = devices(tmp_path, 3)
    f.store.update("p", note="from f")
    converge([f, d])
    d.store.update("p", note="from d")
    d.sync()
    e.sync()
    e.store.update("p", note="from e")
    converge([e, d])
    d.syncer.compact()
    reader = Device(tmp_path, "reader", f.folder, Clock().at())
    reader.sync()
    assert reader.state() == {"p": {"note": "from e"}}
    converge([f, d, e, reader])
    assert f.state() == d.state() == e.state() == reader.state() == {"p": {"note": "from e"}}


def test_a_device_that_read_everything_skips_the_snapshot(tmp_path):
    a, b = devices(tmp_path, 2)
    for key in "pqr":
        a.store.update(key, read=True, tags=["t"])
        converge([a, b])
    a.syncer.compact()
    assert b.sync().received == 0
    a.store.update("p", read=False)
    a.sync()
    assert b.sync().received == 1 and not b.store.is_read("p")


def test_compaction_racing_a_reader_files_vanishing_mid_read(tmp_path, monkeypatch):
    a, b = devices(tmp_path, 2)
    for key in "pqrs":
        a.store.update(key, read=True, note=f"note {key}")
        a.sync()
    mine = a.folder / a.syncer.device
    read_bytes = pathlib.Path.read_bytes
    raced = []

    def racing(path):
        if path.parent == mine and not raced:  # a compacts between b's listing and its read
            raced.append(a.syncer.compact())
        return read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", racing)
    report = b.sync()
    assert raced == [4] and report.warnings == []  # quiet: the snapshot is read next time
    monkeypatch.undo()
    b.sync()
    assert b.state() == a.state() and len(b.state()) == 4
    assert b.sync().received == 0


def test_old_files_removed_before_the_snapshot_arrives(tmp_path):
    """A syncing tool may carry the removals to another machine before the new snapshot."""
    a, b = devices(tmp_path, 2)
    a.store.update("p", read=True)
    converge([a, b])
    a.store.update("p", tags=["x"])
    a.store.update("q", starred=True)
    a.sync()
    a.store.update("q", note="n")
    a.sync()
    a.syncer.compact()
    mine = a.folder / a.syncer.device
    (snapshot,) = mine.glob("*.jsonl")
    away = tmp_path / "in-transit"
    snapshot.rename(away)
    report = b.sync()
    assert report.warnings == [] and b.state() == {"p": {"read": True}}
    away.rename(snapshot)
    b.sync()
    assert b.state() == a.state() == {"p": {"read": True, "tags": ["x"]}, "q": {"starred": True, "note": "n"}}


def test_a_device_compacts_by_itself_and_its_files_stay_small(tmp_path, monkeypatch):
    monkeypatch.setattr(sync, "COMPACT_MIN", 20)
    a, b = devices(tmp_path, 2)
    b.sync()
    compacted = 0
    for i in range(60):
        a.store.update(f"p{i % 5}", read=bool(i % 2), tags=[f"t{i % 3}"])
        compacted += a.sync().compacted
        if i % 7 == 0:
            b.sync()
    assert compacted > 0
    sent = sum(len(p.read_bytes().splitlines()) - 2 for p in (a.folder / a.syncer.device).glob("*.jsonl"))
    assert sent <= 2 * len(sync.snapshot_ops(a.syncer._load()["keys"], a.syncer.device)) + 20
    b.sync()
    late = Device(tmp_path, "late", a.folder, Clock().at())
    late.sync()
    assert a.state() == b.state() == late.state()


# -- compacting changes nothing: the same edits with and without compaction end the same ----------
STEPS = st.lists(
    st.tuples(
        st.integers(0, 3),  # device (3: one that only reads, now and then)
        st.sampled_from(["read", "starred", "note", "tags", "sync", "compact"]),
        st.sampled_from(["p", "q"]),
        st.integers(0, 3),
    ),
    max_size=25,
)


def world(root, steps, n, skew, *, compact: bool, monkeypatch):
    names = itertools.count()
    monkeypatch.setattr(sync, "new_device_id", lambda: f"dev-{next(names)}")
    devs = devices(root, n, skews=[skew])
    reader = Device(root, "reader", devs[0].folder, Clock().at())
    for i, action, key, value in steps:
        d = devs[i % n]
        if i == 3:
            if action == "sync":
                reader.sync()
        elif action == "sync":
            d.sync()
        elif action == "compact":
            if compact:
                d.sync()
                d.syncer.compact()
        elif action in ("read", "starred"):
            d.store.update(key, **{action: bool(value % 2)})
        elif action == "note":
            d.store.update(key, note=f"note {value} on {i % n}" if value else "")
        else:
            d.store.update(key, tags=[f"t{j}" for j in range(value)])
    late = Device(root, "late", devs[0].folder, Clock().at())
    late.sync()  # reads whatever the folder holds now: compacted or not
    reader.sync()  # has read some of the files before they were compacted
    states = {"late": late.state(), "reader": reader.state()}
    converge(devs + [late, reader])
    states.update({f"dev{i}": d.state() for i, d in enumerate(devs + [late, reader])})
    return states


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS, n=st.integers(2, 3), skew=st.sampled_from([0.0, 3 * HOUR, -3 * HOUR]))
@example(steps=[(2, "note", "p", 1), (3, "compact", "p", 0), (0, "note", "p", 1), (2, "sync", "p", 0)], n=3, skew=0.0)
def test_merging_with_compacted_files_gives_the_same_state_as_without(tmp_path_factory, monkeypatch, steps, n, skew):
    # (a compact step syncs first in the compacting world only: the plain world syncs there too; the reader, i == 3,
    # never compacts, so its compact step is nothing in both worlds, not a sync in one of them)
    plain_steps = [(i, "sync" if a == "compact" and i != 3 else a, k, v) for i, a, k, v in steps]
    plain = world(tmp_path_factory.mktemp("plain"), plain_steps, n, skew, compact=False, monkeypatch=monkeypatch)
    compacted = world(tmp_path_factory.mktemp("compacted"), steps, n, skew, compact=True, monkeypatch=monkeypatch)
    assert compacted == plain
    assert all(s == plain["dev0"] for name, s in plain.items() if name not in ("late", "reader"))


def test_a_snapshot_holds_what_the_files_it_replaces_said():
    keys: dict = {}
    sync.apply_op(keys, {"k": "p", "f": "note", "t": 1.0, "v": "one"}, "a")
    sync.apply_op(keys, {"k": "p", "f": "note", "t": 2.0, "v": "two", "base": ["1.0@a"]}, "b")
    sync.apply_op(keys, {"k": "p", "f": "tags", "t": 3.0, "add": ["x"], "del": []}, "a")
    sync.apply_op(keys, {"k": "p", "f": "tags", "t": 4.0, "add": [], "del": ["x"]}, "b")
    again: dict = {}
    sync.apply_op(again, {"k": "p", "f": "note", "t": 1.0, "v": "one"}, "a")  # read before compaction
    for dev in ("a", "b"):
        for op in sync.snapshot_ops(keys, dev):
            sync.apply_op(again, op, dev)
    assert {f: sync.project(again["p"], f) for f in ("note", "tags")} == {
        f: sync.project(keys["p"], f) for f in ("note", "tags")
    }


def test_status_shows_each_devices_files_size_and_what_is_pending(tmp_path):
    a, b = devices(tmp_path, 2)
    b.sync()  # (its folder is made: it is a device of the folder from now on)
    for i in range(6):
        a.store.update("p", read=bool(i % 2), note=f"take {i}")
        a.sync()
    b.store.update("q", starred=True, tags=["x"])
    b.store.flush()
    rows = {r["device"]: r for r in b.syncer.status()}
    mine, theirs = rows[b.syncer.device], rows[a.syncer.device]
    assert (mine["this"], mine["files"], mine["pending"]) == (True, 0, 2)  # two fields not sent yet
    assert (theirs["files"], theirs["pending"]) == (6, 6) and theirs["size"] > 0
    before = theirs["size"]
    a.syncer.compact()
    b.sync()
    rows = {r["device"]: r for r in b.syncer.status()}
    assert rows[b.syncer.device]["pending"] == 0
    assert (rows[a.syncer.device]["files"], rows[a.syncer.device]["pending"]) == (1, 0)
    assert rows[a.syncer.device]["size"] < before
