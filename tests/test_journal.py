"""The change journal: each change on disk at once, replayed after a kill; quitting when
the state file cannot be written."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from papertui import journal
from papertui.store import AtomicJSONStorage, Store

from .conftest import screen_text


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def test_each_change_is_a_versioned_line_and_a_start_replays_it(tmp_path):
    path = tmp_path / "state.json"
    store = Store.open(path)
    store.update("2405.11157", read=True)
    star = {"starred": True}
    store.update_many({"a": star, "b": star})  # one line for a bulk mark (which shares one fields dict)
    store.update("a", note="长 note", tags=["kv"])
    assert store.write_journal() == tmp_path / "state.json.journal"
    entries = lines(tmp_path / "state.json.journal")
    assert [(e["field"], e["value"], e["keys"]) for e in entries] == [
        ("read", True, ["2405.11157"]), ("starred", True, ["a", "b"]), ("note", "长 note", ["a"]),
        ("tags", ["kv"], ["a"])]
    assert all(e["v"] == 1 and e["dev"] == journal.DEVICE and e["proc"] == store.writer for e in entries)
    assert store.writer.startswith(f"{os.getpid()}-")
    assert entries[0]["t"] == store.get("2405.11157")["changed"]
    assert not path.exists()  # (no state file written yet: as after a kill)
    again = Store.open(path)  # replays the journal and folds it into the state file
    assert again.is_read("2405.11157") and again.is_starred("b") and again.note("a") == "长 note"
    assert Store.open(path).user_tags("a") == ["kv"]
    assert json.loads(path.read_text())["papers"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("state.json.journal")] == ["state.json.journal"]
    assert not (tmp_path / "state.json.journal").read_bytes()  # (folded in; kept empty for the next change)


def test_the_journal_does_not_undo_newer_changes_in_the_state_file(tmp_path):
    path = tmp_path / "state.json"
    killed = Store.open(path)
    killed.clock = lambda: 1000.0
    killed.update("p", read=True, note="old")
    killed.write_journal()  # and then it was killed
    journal_bytes = (tmp_path / "state.json.journal").read_bytes()
    other = Store.open(path)  # (folds it)
    other.clock = lambda: 2000.0
    other.update("p", read=False)
    other.flush()
    (tmp_path / "state.json.journal").write_bytes(journal_bytes)  # replayed again, say
    fresh = Store.open(path)
    assert not fresh.is_read("p") and fresh.note("p") == "old"


def test_a_torn_last_line_is_skipped_and_the_next_append_starts_a_line(tmp_path):
    path = tmp_path / "state.json"
    store = Store.open(path)
    store.update("a", read=True)
    store.write_journal()
    with open(tmp_path / "state.json.journal", "ab") as fh:
        fh.write(b'{"v":1,"t":99999999999,"field":"read","value":false,"keys":["a"')  # a kill mid-write
    store.update("b", read=True)
    store.write_journal()
    assert len(journal.peek(tmp_path / "state.json.journal")) == 2
    fresh = Store.open(path)
    assert fresh.is_read("a") and fresh.is_read("b")


def test_a_save_folds_in_the_journal_of_another_process(tmp_path):
    path = tmp_path / "state.json"
    a, b = Store.open(path), Store.open(path)
    a.update("p", starred=True)
    a.write_journal()  # a is killed before its save
    b.update("q", read=True)
    b.flush()
    assert b.is_starred("p")  # taken in
    fresh = Store.open(path)
    assert fresh.is_starred("p") and fresh.is_read("q")
    assert not (tmp_path / "state.json.journal").read_bytes()


def test_a_change_made_during_a_fold_goes_to_the_new_journal(tmp_path):
    """A fold moves the journal aside; an appender that opened the old file first
    notices and appends to the new one."""
    jpath = tmp_path / "state.json.journal"
    journal.append(jpath, journal.encode([(1.0, "read", True, ["a"])], "w"))
    real_open = journal._open_regular
    folded = []

    def open_then_fold(p, flags):
        fd = real_open(p, flags)
        if flags & os.O_APPEND and not folded:
            folded.append(journal.take(jpath))  # between the appender's open and its lock
        return fd

    journal._open_regular = open_then_fold
    try:
        journal.append(jpath, journal.encode([(2.0, "read", True, ["b"])], "w"))
    finally:
        journal._open_regular = real_open
    taken, files = folded[0]
    assert [e.keys for e in taken] == [["a"]]
    assert [e.keys for e in journal.peek(jpath)] == [["a"], ["b"]]  # (the taken file is still there)
    journal.drop(files)
    assert [e.keys for e in journal.peek(jpath)] == [["b"]]


KILL_SCRIPT = """
import asyncio, json, sys
from papertui.library import Library
from papertui.tui.app import PaperApp

async def main():
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"j" * int(sys.argv[1]), "r", "s", "j", "r")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"note " + sys.argv[1], "ctrl+s")
        store = app.lib.store
        marks = {k: [store.is_read(k), store.is_starred(k), store.note(k)] for k in store.changed_times()}
        print(json.dumps(marks), flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


@pytest.mark.parametrize("delay", [0.05, 0.1, 1.5])
def test_a_tui_killed_soon_after_the_keys_keeps_every_mark_and_note(tmp_path, delay):
    """The kill loop: the app in a subprocess marks, stars and writes a note, and is
    SIGKILLed `delay` seconds after the last key; a restart finds them all."""
    home = tmp_path / f"home-{delay}"
    env = {**os.environ, "PAPERTUI_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(int(delay * 10) % 5)], stdout=subprocess.PIPE,
                            text=True, env=env)
    try:
        marks = json.loads(proc.stdout.readline())
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert len(marks) == 2 and sum(bool(note) for _r, _s, note in marks.values()) == 1
    after = Store.open(home / "state.json")
    assert after.warnings == []
    assert {k: [after.is_read(k), after.is_starred(k), after.note(k)] for k in marks} == marks


# -- quitting when the state file cannot be written ----------------------------------------


def _failing_writes(monkeypatch):
    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(AtomicJSONStorage, "write", full)


async def _until(pilot, condition, timeout=5.0):
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def test_quit_with_marks_that_cannot_be_saved_asks_and_keeps_them(home, monkeypatch):
    from papertui.library import Library
    from papertui.tui.app import PaperApp
    from papertui.tui.screens.dialogs import UnsavedScreen

    _failing_writes(monkeypatch)

    async def scenario():
        app = PaperApp(Library.open(), watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("r", "q")
            await _until(pilot, lambda: "Changes to 1 paper are not saved" in screen_text(app))  # (shown)
            assert isinstance(app.screen, UnsavedScreen)  # (its words, unwrapped:)
            assert app.screen.message == (
                f"Changes to 1 paper are not saved: cannot write state file {home / 'state.json'}: no space left on "
                f"device.\nThey are kept in {home / 'state.json.journal'} and will be restored at the next start."
            )
            await pilot.press("r")  # retry: fails again, asks again
            await pilot.pause(0.3)
            await _until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
            await pilot.pause()
            await pilot.press("escape")  # cancel: back to the list, the mark still there
            await pilot.pause()
            assert not isinstance(app.screen, UnsavedScreen) and app.is_running
            assert app.lib.store.is_read("2405.11157") and app.lib.store.pending == 1
            monkeypatch.undo()  # the disk has room again
            await pilot.press("q")
            await _until(pilot, lambda: not app.is_running)

    asyncio.run(scenario())
    assert Store.open(home / "state.json").is_read("2405.11157")


def test_quit_anyway_keeps_the_marks_in_a_recovery_file_for_the_next_start(home, monkeypatch, tmp_path):
    """The data dir cannot be written at all (not even the journal): the marks go to the
    recovery file in $TMPDIR, and the next start takes them in."""
    import tempfile

    from papertui.library import Library
    from papertui.tui.app import PaperApp
    from papertui.tui.screens.dialogs import UnsavedScreen

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    _failing_writes(monkeypatch)
    real_append = journal.append

    def append(path, data):
        if path.name == "state.json.journal":
            raise OSError(errno.EROFS, "Read-only file system")
        real_append(path, data)

    monkeypatch.setattr(journal, "append", append)
    lib = Library.open()

    async def scenario():
        app = PaperApp(lib, watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("r", "j", "s", "q")
            await _until(pilot, lambda: "Changes to 2 papers are not saved" in screen_text(app))
            assert isinstance(app.screen, UnsavedScreen)
            await pilot.press("q")  # quit anyway
            await _until(pilot, lambda: not app.is_running)

    asyncio.run(scenario())
    recovery = journal.recovery_path(home / "state.json")
    assert recovery.parent == tmp_path / "tmp" / f"papertui-{os.getuid()}"
    assert {e["field"] for e in lines(recovery)} == {"read", "starred"}
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    fresh = Store.open(home / "state.json")  # the next start: replayed, saved, removed
    assert fresh.is_read("2405.11157") and fresh.is_starred("2405.10370")
    assert Store.open(home / "state.json").is_starred("2405.10370") and not recovery.exists()


def test_the_command_line_says_where_unsaved_marks_are_kept(home, monkeypatch, capsys):
    from papertui.cli import main

    _failing_writes(monkeypatch)
    assert main(["mark", "2405.11157", "--star"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"papertui: cannot write state file {home / 'state.json'}: no space left on device")
    assert f"kept in {home / 'state.json.journal'}" in err and err.count("\n") == 1
    monkeypatch.undo()
    assert Store.open(home / "state.json").is_starred("2405.11157")


def test_a_write_that_takes_the_journal_keeps_changes_not_saved_yet(tmp_path):
    """Storing fetched metadata (or a save) folds the journal in: a change made here and
    journaled but not saved yet must reach the state file, not vanish with the journal."""
    path = tmp_path / "state.json"
    store = Store.open(path)
    store.update("x", read=True)
    store.flush()
    store.update("x", read=False, note="n")
    store.write_journal()
    store.put_metadata({"2405.11157": {"title": "t"}})  # and then the process is killed
    fresh = Store.open(path)
    assert not fresh.is_read("x") and fresh.note("x") == "n"


def test_ctrl_c_at_the_question_quits_anyway(home, monkeypatch):
    from papertui.library import Library
    from papertui.tui.app import PaperApp
    from papertui.tui.screens.dialogs import UnsavedScreen

    _failing_writes(monkeypatch)

    async def scenario():
        app = PaperApp(Library.open(), watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("s", "q")
            await _until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
            await pilot.press("ctrl+c")
            await _until(pilot, lambda: not app.is_running)

    asyncio.run(scenario())
    monkeypatch.undo()
    assert Store.open(home / "state.json").is_starred("2405.11157")  # (from the journal)
