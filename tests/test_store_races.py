"""Two processes on one paper, clocks that disagree, and state files that are not files."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from papertui.store import Store

DAY = 86_400.0


class Clock:
    """A shared clock for stores in one test: strictly increasing, so "newest" is exact."""

    def __init__(self, start: float = 1_795_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def opened(path, clock=None) -> Store:
    store = Store.open(path)
    if clock is not None:
        store.clock = clock
    return store


@pytest.mark.parametrize("first", ["a", "b"])
def test_two_stores_changing_different_fields_of_one_paper_keep_both(tmp_path, first):
    path = tmp_path / "state.json"
    clock = Clock()
    a, b = opened(path, clock), opened(path, clock)
    a.update("p", read=True)
    b.update("p", starred=True, note="mine")  # later, but only these fields
    for store in (a, b) if first == "a" else (b, a):
        store.flush()
    fresh = Store.open(path)
    assert fresh.is_read("p") and fresh.is_starred("p") and fresh.note("p") == "mine"
    a.reload(), b.reload()
    assert all(s.is_read("p") and s.is_starred("p") for s in (a, b))


def test_a_stale_copy_does_not_undo_the_other_process_change(tmp_path):
    """a read the paper starred before b unstarred it; a's later read mark keeps b's unstar."""
    path = tmp_path / "state.json"
    clock = Clock()
    seed = opened(path, clock)
    seed.update("p", starred=True)
    seed.flush()
    a, b = opened(path, clock), opened(path, clock)
    b.update("p", starred=False)
    b.flush()
    a.update("p", read=True)
    a.flush()
    fresh = Store.open(path)
    assert fresh.is_read("p") and not fresh.is_starred("p")
    assert a.is_read("p") and not a.is_starred("p")  # and a's screen shows it too


@pytest.mark.parametrize("order", ["old-first", "new-first"])
def test_a_state_file_without_per_field_times_merges_by_its_changed_time(tmp_path, order):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"papers": {"1": {"key": "p", "read": True, "starred": False, "changed": 100.0}}}))
    a, b = opened(path, Clock(200.0)), opened(path, Clock(150.0))
    assert a.is_read("p")
    a.update("p", starred=True)  # at 201
    b.update("p", read=False)  # at 151: newer than the file's 100, older than a's star
    for store in (a, b) if order == "old-first" else (b, a):
        store.flush()
    fresh = Store.open(path)
    assert not fresh.is_read("p") and fresh.is_starred("p")
    rec = fresh.get("p")  # (a field's own time is kept where it is not the record's "changed")
    assert rec["t_read"] == 151.0 and "t_starred" not in rec and rec["changed"] == 201.0


FIELD_VALUES = {"read": st.booleans(), "starred": st.booleans(), "note": st.sampled_from(["", "x", "长 note"]),
                "tags": st.sampled_from([[], ["kv"], ["kv", "moe"]])}
step = st.one_of(
    st.tuples(st.sampled_from("ab"), st.just("set"), st.sampled_from(["p", "q"]),
              st.sampled_from(sorted(FIELD_VALUES)).flatmap(lambda f: st.tuples(st.just(f), FIELD_VALUES[f]))),
    st.tuples(st.sampled_from("ab"), st.sampled_from(["flush", "reload"])),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(step, max_size=25))
def test_any_interleaving_of_two_stores_keeps_each_fields_newest_value(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("race") / "state.json"
    clock = Clock()
    stores = {"a": opened(path, clock), "b": opened(path, clock)}
    newest: dict[tuple[str, str], object] = {}
    for store_name, op, *rest in steps:
        store = stores[store_name]
        if op == "set":
            key, (field, value) = rest
            store.update(key, **{field: value})
            newest[(key, field)] = value
        elif op == "flush":
            store.flush()
        else:
            store.reload()
    stores["a"].flush()
    stores["b"].flush()
    stores["a"].reload()
    stores["b"].reload()
    fresh = Store.open(path)
    for (key, field), value in newest.items():
        assert fresh.get(key)[field] == value, (key, field)
        assert stores["a"].get(key)[field] == value and stores["b"].get(key)[field] == value, (key, field)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_mark_commands_on_one_paper_at_once_keep_both(home):
    """`papertui mark ID --read & papertui mark ID --star`, 20 times: two real processes
    (forked, each running the command line's main), released at the same moment. Each
    waits a random few ms before taking the lock (a busy machine), so either may save
    first whichever made its change first."""
    import random

    from papertui import store as store_module
    from papertui.cli import main

    paper = "2405.11157"
    for round_ in range(20):
        home.mkdir(exist_ok=True)
        state = home / "state.json"
        state.unlink(missing_ok=True)
        go_r, go_w = os.pipe()
        pids = []
        for flag in ("--read", "--star"):
            pid = os.fork()
            if pid == 0:  # child: wait for the start, then mark
                code = 1
                try:
                    os.close(go_w)
                    os.read(go_r, 1)
                    devnull = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(devnull, 1)
                    os.dup2(devnull, 2)
                    delay, real_lock = random.Random(f"{round_}{flag}").uniform(0, 0.01), store_module.Store._lock
                    store_module.Store._lock = lambda self: time.sleep(delay) or real_lock(self)
                    code = main(["mark", paper, flag])
                finally:
                    os._exit(code)
            pids.append(pid)
        os.close(go_r)
        os.write(go_w, b"go")
        os.close(go_w)
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
        assert codes == [0, 0], f"round {round_}"
        fresh = Store.open(state)
        assert fresh.is_read(paper) and fresh.is_starred(paper), f"round {round_}: {fresh.get(paper)}"


# -- clock skew ----------------------------------------------------------------------


def _future_state(path, **fields) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"key": "2405.10370", "read": False, "starred": False, **fields, "changed": time.time() + DAY}
    path.write_text(json.dumps({"papers": {"1": doc}}))


def test_a_change_time_in_the_future_does_not_freeze_the_paper(home, capsys):
    from papertui.cli import main

    state = home / "state.json"
    _future_state(state)
    assert main(["mark", "2405.10370", "--star"]) == 0
    assert "starred" in capsys.readouterr().out
    assert Store.open(state).is_starred("2405.10370")
    assert main(["mark", "2405.10370", "--unstar", "--read"]) == 0
    fresh = Store.open(state)
    assert not fresh.is_starred("2405.10370") and fresh.is_read("2405.10370")


def test_mark_does_not_say_starred_when_another_process_won(home, capsys, monkeypatch):
    """Another papertui (its clock a day ahead) unstars the paper while mark runs: mark
    says its change was not applied instead of "starred"."""
    from papertui import store as store_module
    from papertui.cli import main

    state = home / "state.json"
    real_lock = store_module.Store._lock
    done = []

    def lock_after_the_other(self):
        if not done:
            done.append(True)
            other = Store.open(self.path)
            other.clock = lambda: time.time() + DAY
            other.update("2405.10370", starred=False)
            other.flush()
        return real_lock(self)

    monkeypatch.setattr(store_module.Store, "_lock", lock_after_the_other)
    assert main(["mark", "2405.10370", "--star"]) == 1
    out, err = capsys.readouterr()
    assert "starred" not in out
    assert err.startswith("papertui: 2405.10370: not changed: another papertui") and "now unstarred" in err
    assert not Store.open(state).is_starred("2405.10370")


def test_the_tui_marks_a_paper_whose_change_time_is_in_the_future(home):
    import asyncio

    from papertui.library import Library
    from papertui.tui.app import PaperApp

    state = home / "state.json"
    _future_state(state)

    async def scenario():
        app = PaperApp(Library.open(), watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            papers = app.screen.papers
            while papers.current is None or app.lib.catalog.papers[papers.current].key != "2405.10370":
                await pilot.press("j")
            await pilot.press("s")
            await pilot.pause(0.6)
            await app.workers.wait_for_complete()
            assert app.lib.store.is_starred("2405.10370")

    asyncio.run(scenario())
    assert Store.open(state).is_starred("2405.10370")


# -- state files that cannot be written back or are not files -----------------------


def test_a_state_value_nested_too_deep_to_write_back_is_kept_aside(tmp_path):
    from papertui.cli import main

    path = tmp_path / "state.json"
    deep = "[" * 600 + "]" * 600
    content = ('{"papers": {"1": {"key": "2405.11157", "read": true, "note": %s}}}' % deep).encode()
    path.write_bytes(content)
    store = Store.open(path)
    assert len(store.warnings) == 1 and "nested too deeply" in store.warnings[0] and "corrupt-" in store.warnings[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    path.write_bytes(content)  # and the command line: one line, no traceback
    proc = subprocess.run([sys.executable, "-m", "papertui", "--db", str(path), "mark", "2405.11157"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "nested too deeply" in proc.stderr
    assert Store.open(path).is_read("2405.11157")


def test_a_symlinked_state_file_is_written_through_the_link(tmp_path):
    real = tmp_path / "elsewhere" / "real.json"
    real.parent.mkdir()
    store = Store.open(real)
    store.update("a", read=True)
    store.flush()
    link = tmp_path / "data" / "state.json"
    link.parent.mkdir()
    link.symlink_to(real)
    store = Store.open(link)
    store.update("b", starred=True)
    store.flush()
    assert link.is_symlink()
    assert Store.open(real).is_starred("b") and Store.open(real).is_read("a")
    assert not [p for p in real.parent.iterdir() if p.name.endswith(".tmp")]


def test_temp_files_left_by_a_kill_are_removed_at_the_next_start(tmp_path):
    path = tmp_path / "state.json"
    store = Store.open(path)
    store.update("a", read=True)
    store.flush()
    left = [tmp_path / ".state.json.k1l2e3d4.tmp", tmp_path / ".state.json.x9y8z7.tmp"]
    for p in left:
        p.write_bytes(b'{"papers": {"1": {"key": "a", "re')
    other = tmp_path / ".other.json.abc.tmp"  # not ours: left alone
    other.write_text("x")
    assert Store.open(path).is_read("a")
    assert not any(p.exists() for p in left) and other.exists()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link-to-dev-zero"])
def test_a_state_file_that_is_not_a_regular_file_is_an_error_not_a_hang(tmp_path, kind):
    path = tmp_path / "state.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path = "/dev/zero"
    else:
        path.symlink_to("/dev/zero")
    proc = subprocess.Popen([sys.executable, "-m", "papertui", "--db", str(path), "mark", "2405.11157"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 1
    what = "a FIFO" if kind == "fifo" else "a device"
    assert err == f"papertui: state file {path} is not a regular file ({what})\n"


def test_field_times_of_a_record_from_before_them_are_its_changed_time():
    from papertui.store import _field_time, _merge_fields

    old = {"key": "p", "read": True, "note": "n", "changed": 50.0}
    assert _field_time(old, "read") == 50.0 and _field_time(old, "starred") == 0.0
    merged = _merge_fields(old, {"starred": True, "t_starred": 60.0}, ["starred"])
    assert merged == {**old, "starred": True, "t_read": 50.0, "t_note": 50.0, "changed": 60.0}
    assert _field_time(merged, "starred") == 60.0 and _field_time(merged, "read") == 50.0
    assert _merge_fields(merged, {"read": False, "t_read": 40.0}, ["read"]) is None  # older: not applied
    later = _merge_fields(merged, {"read": False, "t_read": 55.0}, ["read"])  # newer than read, older than changed
    assert later == {**merged, "read": False, "t_read": 55.0}
    assert list(itertools.islice(iter(merged), 1)) == ["key"]


def test_update_keeps_each_fields_time_and_a_bulk_mark_adds_no_times(tmp_path):
    store = Store.open(tmp_path / "state.json")
    store.clock = Clock(100.0)
    store.update_many({"a": {"read": True}, "b": {"read": True}})  # at 101
    assert store.get("a") == {"key": "a", "read": True, "changed": 101.0}
    store.update("a", starred=True)  # at 102
    assert store.get("a") == {"key": "a", "read": True, "t_read": 101.0, "starred": True, "changed": 102.0}
    store.update("a", read=False)  # at 103
    assert store.get("a") == {"key": "a", "read": False, "starred": True, "t_starred": 102.0, "changed": 103.0}
