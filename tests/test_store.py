import json
import os

import pytest

from papertui.store import Store, StateError


def test_marks_survive_a_reopen(tmp_path):
    path = tmp_path / "state.json"
    store = Store.open(path)
    store.set_read("2405.11157", True)
    store.set_starred("2405.11157", True)
    store.set_read("t-abc", True)
    assert store.pending == 2
    assert store.flush() == 2
    again = Store.open(path)
    assert again.is_read("2405.11157") and again.is_starred("2405.11157")
    assert again.is_read("t-abc") and not again.is_starred("t-abc")
    assert not again.is_read("other")


def test_file_is_tinydb_format(tmp_path):
    from tinydb import TinyDB, where

    from papertui.store import AtomicJSONStorage

    path = tmp_path / "state.json"
    store = Store.open(path)
    store.toggle_read("2405.11157")
    store.flush()
    db = TinyDB(path, storage=AtomicJSONStorage)
    docs = db.table("papers").search(where("key") == "2405.11157")
    assert docs and docs[0]["read"] is True


def test_missing_directory_is_created_on_first_write(tmp_path):
    path = tmp_path / "a" / "b" / "state.json"
    store = Store.open(path)
    store.set_read("x", True)
    store.flush()
    assert json.loads(path.read_text())["papers"]


@pytest.mark.parametrize(
    "content, why",
    [(b"", "is empty"), (b'{"papers": {"1": {"key": "x", "re', "not valid JSON"), (b"[1, 2]", "wrong shape"),
     (b'{"papers": [1]}', "wrong shape"), (b"\x00\xff garbage", "not valid JSON")],
)
def test_unreadable_state_is_moved_aside_never_overwritten(tmp_path, content, why):
    path = tmp_path / "state.json"
    path.write_bytes(content)
    store = Store.open(path)
    assert len(store.warnings) == 1
    assert why in store.warnings[0] and "corrupt-" in store.warnings[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    store.set_read("x", True)
    store.flush()
    assert aside[0].read_bytes() == content
    assert Store.open(path).is_read("x")


def test_two_stores_on_one_file_lose_nothing(tmp_path):
    path = tmp_path / "state.json"
    a = Store.open(path)
    b = Store.open(path)
    a.set_read("p1", True)
    a.flush()
    b.set_starred("p2", True)
    b.flush()  # merges into what a wrote, instead of overwriting it
    fresh = Store.open(path)
    assert fresh.is_read("p1") and fresh.is_starred("p2")
    assert b.is_read("p1")  # b picked up a's mark on its write
    assert a.reload() == {"p2"}
    assert a.is_starred("p2")


def test_newer_change_to_the_same_paper_wins(tmp_path):
    path = tmp_path / "state.json"
    a = Store.open(path)
    b = Store.open(path)
    a.set_read("p", True)
    b.set_read("p", False)  # later
    b.flush()
    a.flush()  # a's change is older: it does not undo b's
    assert Store.open(path).is_read("p") is False
    assert a.is_read("p") is False


def test_write_failure_keeps_marks_pending(tmp_path):
    blocker = tmp_path / "file"
    store = Store.open(blocker / "state.json")
    blocker.write_text("x")  # the directory cannot be created now: a file is in the way
    store.set_read("p", True)
    with pytest.raises(StateError) as err:
        store.flush()
    assert str(err.value).startswith(f"cannot write state file {blocker / 'state.json'}")
    assert store.pending == 1 and store.is_read("p")


def test_no_temp_files_left_behind(tmp_path):
    path = tmp_path / "state.json"
    store = Store.open(path)
    for i in range(20):
        store.toggle_read(f"p{i}")
        store.flush()
    names = {p.name for p in tmp_path.iterdir()}
    assert "state.json" in names and names <= {"state.json", "state.json.lock", "state.json.journal"}
    assert not (tmp_path / "state.json.journal").exists() or not (tmp_path / "state.json.journal").read_bytes()


def test_file_mode_is_kept(tmp_path):
    path = tmp_path / "state.json"
    store = Store.open(path)
    store.set_read("a", True)
    store.flush()
    os.chmod(path, 0o600)
    store.set_read("b", True)
    store.flush()
    assert (os.stat(path).st_mode & 0o777) == 0o600


def test_values_before_a_step_and_a_bulk_step_at_once(tmp_path):
    """What an undo restores: the current values (defaults where unset) of the fields a
    step sets; update_many applies a whole step, and the store's sets follow."""
    store = Store.open(tmp_path / "state.json")
    store.update("a", read=True, note="x", tags=["kv"])
    before = store.values_before({"a": {"read": False, "note": ""}, "b": {"read": True}, "c": {"read": True}, "d": {"tags": ["t"]}})
    assert before == [("a", {"read": True, "note": "x"}), ("b", {"read": False}), ("c", {"read": False}), ("d", {"tags": []})]
    assert before[1][1] is before[2][1]  # one shared dict per flag value
    version = store.version
    store.update_many({"a": {"read": False}, "b": {"read": True, "starred": True}, "d": {"note": "n"}})
    assert store.version == version + 1
    assert store.read_keys() == {"b"} and store.starred_keys() == {"b"}
    assert store.note("a") == "x" and store.user_tags("a") == ["kv"] and store.note("d") == "n"
    assert set(store.annotated()) == {"a", "d"}
    store.update_many(dict(before))  # the undo
    assert store.read_keys() == {"a"} and store.note("a") == "x" and store.user_tags("d") == []
    assert store.annotated() == {"a": ("x", ["kv"]), "d": ("n", [])}  # (its note came in a step of its own)
    assert store.flush() == 4


def test_a_save_reads_the_file_again_only_if_another_process_wrote_it(tmp_path, monkeypatch):
    """With 100k marks, reading and parsing the file took ~0.1 s of every save, in one
    call that holds the interpreter (the UI froze). While the file is still the one a
    store last read or wrote, a save merges into what it holds instead; once another
    process has written it, the save reads it again and loses nothing."""
    from papertui import store as store_module

    path = tmp_path / "state.json"
    a = Store.open(path)
    a.set_read("p1", True)
    a.flush()
    reads = []
    decode = store_module.decode_state
    monkeypatch.setattr(store_module, "decode_state", lambda data, where: reads.append(where) or decode(data, where))
    a.set_starred("p1", True)
    a.flush()
    a.set_read("p2", True)
    a.flush()
    assert reads == []  # still a's own file
    b = Store.open(path)  # a read
    b.set_read("p3", True)
    b.flush()  # b's file is the one it read: no read
    assert len(reads) == 1
    os.utime(path, ns=(1_000_000_123, 1_000_000_123))  # (even a file that looks old is read again if it is another one)
    a.set_read("p4", True)
    a.flush()  # b wrote: a reads the file again and keeps b's mark
    assert len(reads) == 2
    fresh = Store.open(path)
    assert all(fresh.is_read(k) for k in ("p1", "p2", "p3", "p4")) and fresh.is_starred("p1")
    assert a.is_read("p3") and b.reload() == {"p4"}


def test_a_file_system_with_coarse_times_or_no_inodes_is_always_read_again():
    from types import SimpleNamespace

    from papertui.store import _telling

    assert _telling(SimpleNamespace(st_ino=12, st_mtime_ns=1_795_000_000_123_456_789))
    assert not _telling(SimpleNamespace(st_ino=12, st_mtime_ns=1_795_000_000_000_000_000))  # whole seconds
    assert not _telling(SimpleNamespace(st_ino=0, st_mtime_ns=1_795_000_000_123_456_789))  # no inode numbers
