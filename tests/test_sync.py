"""Sync through a shared folder: devices (each its own data dir) that edit offline and meet later."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papertui.cli import main
from papertui.store import FIELDS, Store, _field_time
from papertui.sync import Syncer, decode_file, encode_file, project

HOUR = 3600.0


class Clock:
    """One clock for all devices of a test, strictly increasing; ``skew`` puts a device's ahead or behind."""

    def __init__(self) -> None:
        self.now = 1_795_000_000.0

    def at(self, skew: float = 0.0):
        def tick() -> float:
            self.now += 1.0
            return self.now + skew

        return tick


class Device:
    def __init__(self, root, name: str, folder, clock) -> None:
        self.path = root / name / "state.json"
        self.folder = folder
        self.store = Store.open(self.path)
        self.store.clock = clock
        self.syncer = Syncer(self.store, folder)

    def sync(self):
        self.store.flush()
        return self.syncer.run()

    def state(self) -> dict[str, dict]:
        """Each paper's fields as the state file has them (defaults left out)."""
        fresh = Store.open(self.path)
        out = {}
        for key in fresh.changed_times():
            rec = fresh.get(key)
            fields = {f: rec[f] for f in FIELDS if f in rec and rec[f] not in (False, "", [])}
            if fields:
                out[key] = fields
        return out


def devices(tmp_path, n: int, skews=()):
    folder = tmp_path / "sync"
    folder.mkdir()
    clock = Clock()
    skews = list(skews) + [0.0] * n
    return [Device(tmp_path, f"dev{i}", folder, clock.at(skews[i])) for i in range(n)]


def converge(devs) -> None:
    for _ in range(2):
        for d in devs:
            d.sync()


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_devices_editing_offline_end_with_the_same_state(tmp_path, order):
    a, b = devices(tmp_path, 2)
    a.store.update("p", read=True)
    a.store.update("q", starred=True, tags=["llm"])
    b.store.update("q", read=True, tags=["kv cache"])
    b.store.update("r", note="only on b")
    for i in order:
        [a, b][i].sync()
    converge([a, b] if order == (0, 1) else [b, a])
    want = {
        "p": {"read": True},
        "q": {"read": True, "starred": True, "tags": ["llm", "kv-cache"]},  # (b wrote "kv cache": the merge gives it back as the tag it is)
        "r": {"note": "only on b"},
    }
    assert a.state() == b.state() == want


def test_the_same_paper_toggled_on_both_the_later_one_wins_on_both(tmp_path):
    a, b = devices(tmp_path, 2)
    a.store.update("p", read=True)
    b.store.update("p", read=False, starred=True)  # later
    a.store.update("p", starred=False)  # later still
    converge([a, b])
    assert a.state() == b.state() == {}
    assert not a.store.is_read("p") and not a.store.is_starred("p")  # and the running store shows it


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_three_devices_converge_in_any_order(tmp_path, order):
    devs = devices(tmp_path, 3)
    devs[0].store.update("p", read=True, tags=["a", "b"])
    devs[1].store.update("p", tags=["c"])
    devs[2].store.update("q", starred=True)
    devs[0].sync()
    devs[1].sync()  # has seen a's tags: its next tag change removes one of them
    devs[1].store.update("p", tags=["a", "c"])
    for i in order:
        devs[i].sync()
    converge([devs[i] for i in order])
    states = [d.state() for d in devs]
    assert states[0] == states[1] == states[2]
    assert states[0] == {"p": {"read": True, "tags": ["a", "c"]}, "q": {"starred": True}}


def test_a_tag_added_on_one_device_and_another_removed_on_the_other_keeps_both_changes(tmp_path):
    a, b = devices(tmp_path, 2)
    a.store.update("p", tags=["x", "y"])
    converge([a, b])
    a.store.update("p", tags=["x", "y", "z"])
    b.store.update("p", tags=["y"])
    converge([a, b])
    assert a.state()["p"]["tags"] == b.state()["p"]["tags"] == ["y", "z"]


def test_a_note_edited_on_two_devices_keeps_both(tmp_path):
    a, b = devices(tmp_path, 2)
    a.store.update("p", note="first")
    converge([a, b])
    a.store.update("p", note="first, then a")
    b.store.update("p", note="first, then b")  # later, made without seeing a's
    converge([a, b])
    note = a.state()["p"]["note"]
    assert note == b.state()["p"]["note"]
    assert note.startswith("first, then b") and "first, then a" in note and "conflict" in note
    # Editing the merged note on either device settles it on both.
    a.store.update("p", note="both merged")
    converge([b, a])
    assert a.state()["p"]["note"] == b.state()["p"]["note"] == "both merged"


def test_a_note_edited_after_seeing_the_other_one_replaces_it_without_conflict(tmp_path):
    a, b = devices(tmp_path, 2)
    a.store.update("p", note="draft")
    converge([a, b])
    b.store.update("p", note="draft, revised")
    converge([b, a])
    assert a.state()["p"]["note"] == "draft, revised"


def test_a_half_copied_file_is_skipped_and_read_once_complete(tmp_path):
    a, b = devices(tmp_path, 2)
    a.store.update("p", read=True)
    a.sync()
    (written,) = (tmp_path / "sync" / a.syncer.device).glob("*.jsonl")
    whole = written.read_bytes()
    written.write_bytes(whole[: len(whole) - 12])  # the copy stopped before its end line
    report = b.sync()
    assert len(report.warnings) == 1 and "incomplete" in report.warnings[0]
    assert not b.store.is_read("p")
    a.store.update("q", starred=True)
    a.sync()  # a later file arrives whole: taken in, the torn one stays due
    b.sync()
    assert b.store.is_starred("q") and not b.store.is_read("p")
    written.write_bytes(whole)
    report = b.sync()
    assert report.warnings == [] and b.store.is_read("p")
    assert b.sync().received == 0  # read once: the cursor moved past both


def test_a_file_of_another_format_or_a_damaged_line_is_skipped_with_a_warning(tmp_path):
    a, b = devices(tmp_path, 2)
    a.sync()
    mine = tmp_path / "sync" / a.syncer.device
    (mine / "000005.jsonl").write_bytes(b'{"papertui_sync": 2, "dev": "x", "seq": 5, "n": 0}\n{"end": 0}\n')
    (mine / "000006.jsonl").write_bytes(b'{"papertui_sync": 1}\n{"k": "p", "f"\n{"end": 1}\n')
    (mine / "000007 (1).jsonl").write_bytes(b"a conflict copy: not ours, ignored")
    report = b.sync()
    assert len(report.warnings) == 2
    assert "format 2" in report.warnings[0] and "damaged" in report.warnings[1]


def test_changes_at_the_same_instant_on_two_devices_end_the_same_on_both(tmp_path):
    a, b = devices(tmp_path, 2)
    for d in (a, b):
        d.store.clock = lambda: 1_795_000_000.0
    a.store.update("p", read=True, starred=False, note="a's")
    b.store.update("p", read=False, starred=True, note="b's")
    converge([a, b])
    assert a.state() == b.state()
    winner = {a.syncer.device: a, b.syncer.device: b}[max(a.syncer.device, b.syncer.device)]
    assert a.state()["p"].get("read", False) is (winner is a)  # the larger device id, on both
    assert a.state()["p"]["note"].startswith("a's" if winner is a else "b's")


def test_clock_skew_does_not_freeze_a_paper(tmp_path):
    ahead, behind = devices(tmp_path, 2, skews=[5 * HOUR, -2 * HOUR])
    ahead.store.update("p", read=True)  # stamped five hours in the future
    converge([ahead, behind])
    behind.store.update("p", read=False)  # later, though its clock says seven hours earlier
    converge([behind, ahead])
    assert not ahead.store.is_read("p") and not behind.store.is_read("p")
    ahead.store.update("p", read=True)
    converge([ahead, behind])
    assert ahead.store.is_read("p") and behind.store.is_read("p")


def test_files_gone_from_the_folder_are_sent_again_whole(tmp_path):
    """A restore of an older copy of the folder (or a deletion) takes files another device
    had not read: their writer notices at its next sync and sends all it said again."""
    a, b = devices(tmp_path, 2)
    a.store.update("p", read=True, tags=["x", "y"], note="kept")
    a.sync()
    a.store.update("p", tags=["y"])
    a.store.update("q", starred=True)
    a.sync()
    for lost in (tmp_path / "sync" / a.syncer.device).glob("*.jsonl"):
        lost.unlink()
    a.store.update("r", read=True)
    a.sync()
    b.sync()
    assert b.state() == a.state() == {
        "p": {"read": True, "tags": ["y"], "note": "kept"},
        "q": {"starred": True},
        "r": {"read": True},
    }
    assert b.sync().received == 0  # the snapshot moved the cursor past the lost files
    a.store.update("s", read=True)
    assert a.sync().sent == 1  # (once: not a snapshot at every sync)


def test_a_sync_reads_only_new_files(tmp_path):
    a, b = devices(tmp_path, 2)
    a.store.update("p", read=True)
    a.sync()
    assert b.sync().received == 1
    assert b.sync().received == 0
    a.store.update("q", read=True)
    a.sync()
    assert b.sync().received == 1


def test_a_device_writes_only_new_files_of_its_own(tmp_path):
    a, b = devices(tmp_path, 2)
    for key in "pqr":
        a.store.update(key, read=True)
        b.store.update(key, starred=True)
        converge([a, b])
    folder = tmp_path / "sync"
    assert sorted(p.name for p in folder.iterdir()) == sorted([a.syncer.device, b.syncer.device])
    names = sorted(p.name for p in (folder / a.syncer.device).iterdir())
    assert names == [f"{n:06d}.jsonl" for n in range(1, len(names) + 1)]


def test_changes_made_before_sync_was_set_up_are_sent(tmp_path):
    a, b = devices(tmp_path, 2)
    a.store.update("old", read=True, note="kept")
    a.store.flush()
    converge([b, a, b])
    assert b.state() == {"old": {"read": True, "note": "kept"}}


def test_file_round_trip():
    ops = [{"k": "p", "f": "read", "t": 1.5, "v": True}, {"k": "p", "f": "tags", "t": 2.0, "add": ["x"], "del": []}]
    assert decode_file(encode_file("dev", 3, ops), "x") == ops


# -- any interleaving converges -----------------------------------------------------------------
ACTIONS = st.lists(
    st.tuples(
        st.integers(0, 2),  # device
        st.sampled_from(["read", "starred", "note", "tags", "sync"]),
        st.sampled_from(["p", "q"]),
        st.integers(0, 3),  # a value
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=ACTIONS, n=st.integers(2, 3), skew=st.sampled_from([0.0, 3 * HOUR, -3 * HOUR]))
def test_any_interleaving_of_changes_and_syncs_converges_and_keeps_each_fields_newest(
    tmp_path_factory, steps, n, skew
):
    devs = devices(tmp_path_factory.mktemp("sync"), n, skews=[skew])
    newest: dict[tuple[str, str], tuple[float, str, object]] = {}
    tag_lists: dict[str, list[tuple[int, list[str]]]] = {}  # key -> (device, tags) of each tag change
    for i, action, key, value in steps:
        d = devs[i % n]
        if action == "sync":
            d.sync()
            continue
        if action in ("read", "starred"):
            d.store.update(key, **{action: bool(value % 2)})
        elif action == "note":
            d.store.update(key, note=f"note {value} on {i % n}" if value else "")
        else:
            d.store.update(key, tags=[f"t{j}" for j in range(value)])
            tag_lists.setdefault(key, []).append((i % n, [f"t{j}" for j in range(value)]))
        t = _field_time(d.store.get(key), action)
        stamp = (t, d.syncer.device, d.store.get(key)[action])
        if (key, action) not in newest or stamp[:2] > newest[key, action][:2]:
            newest[key, action] = stamp
    converge(devs)
    states = [d.state() for d in devs]
    assert all(s == states[0] for s in states)
    for (key, name), (_, _, value) in newest.items():
        got = states[0].get(key, {}).get(name)
        if name in ("read", "starred"):
            assert bool(got) == value
        elif name == "note" and value:
            assert got.startswith(value)
    for key, changes in tag_lists.items():
        got = states[0].get(key, {}).get("tags", [])
        assert set(got) <= {t for _, tags in changes for t in tags}
        if len({dev for dev, _ in changes}) == 1:  # one device's tags: its last list
            assert got == changes[-1][1]
    for d in devs:  # nothing was missed by the syncer that skips records it saw in step
        assert Syncer(d.store, d.folder).run().sent == 0
    for d in devs:  # each device's merge state says what its state file holds
        keys = d.syncer._load()["keys"]
        for key, fields in d.state().items():
            for name in ("read", "starred"):
                assert bool((project(keys[key], name) or (0, False))[1]) == bool(fields.get(name))


# -- the command line -----------------------------------------------------------------------------
def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_note_sets_prints_and_reads_stdin(capsys, monkeypatch):
    assert run(capsys, "note", "2405.12981") == (0, "", "")
    assert run(capsys, "note", "2405.12981", "KV 缓存, cross-layer")[0] == 0
    assert run(capsys, "note", "2405.12981")[1] == "KV 缓存, cross-layer\n"
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("from\nstdin\n"))
    assert run(capsys, "note", "2405.12981", "-")[0] == 0
    assert run(capsys, "note", "2405.12981")[1] == "from\nstdin\n"
    code, _, err = run(capsys, "note", "9999.99999", "x")
    assert code == 1 and err.startswith("papertui: unknown paper") and err.count("\n") == 1


def test_sync_command_between_two_data_dirs(capsys, monkeypatch, tmp_path):
    folder = tmp_path / "shared"
    code, _, err = run(capsys, "sync")
    assert code == 1 and "no sync folder" in err and err.count("\n") == 1
    code, _, err = run(capsys, "sync", "--dir", str(folder))
    assert code == 1 and err == f"papertui: sync folder {folder} does not exist\n"
    folder.mkdir()
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "laptop"))
    assert run(capsys, "sync", "--dir", str(folder))[0] == 0  # saved: later commands sync at once
    assert run(capsys, "mark", "2405.12981", "--star")[0] == 0
    assert run(capsys, "note", "2405.12981", "from the laptop")[0] == 0
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "desktop"))
    code, out, err = run(capsys, "sync", "--dir", str(folder), "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["changed"] == 1 and doc["papers"] == ["2405.12981"] and len(doc["devices"]) == 1
    code, out, _ = run(capsys, "list", "--json", "--starred")
    assert [r["arxiv"] for r in json.loads(out)] == ["2405.12981"]
    assert run(capsys, "note", "2405.12981")[1] == "from the laptop\n"
    code, out, _ = run(capsys, "sync")
    assert code == 0 and out.startswith(f"Synced with {folder}: 0 papers changed here")
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "laptop"))
    assert run(capsys, "mark", "2403.09629")[0] == 0
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "desktop"))
    code, out, _ = run(capsys, "sync", "--status", "--json")
    rows = sorted(json.loads(out), key=lambda r: r["this"])
    assert [(r["this"], r["files"], r["pending"]) for r in rows] == [(False, 3, 1), (True, 0, 0)]
    assert run(capsys, "sync", "--status")[1].count("\n") == 3


# -- the TUI ----------------------------------------------------------------------------------------
async def test_the_tui_merges_on_start_and_while_running_and_sends_its_own_marks(home, tmp_path, monkeypatch):
    from papertui.library import Library
    from papertui.settings import Settings
    from papertui.tui import app_sync
    from papertui.tui.app import PaperApp

    from .test_tui import until

    monkeypatch.setattr(app_sync, "SYNC_DELAY", 0.05)
    monkeypatch.setattr(app_sync, "SYNC_INTERVAL", 0.2)
    folder = tmp_path / "shared"
    folder.mkdir()
    other = Device(tmp_path, "laptop", folder, Clock().at(-HOUR))
    other.store.update("2405.12981", starred=True)
    other.sync()
    app = PaperApp(Library.open(), settings=Settings(sync_dir=str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.lib.store.is_starred("2405.12981"))
        assert app.lib.store.is_starred("2405.12981")  # taken in on start
        other.store.update("2403.09629", read=True)
        other.sync()
        await until(pilot, lambda: app.lib.store.is_read("2403.09629"))
        assert app.lib.store.is_read("2403.09629")  # and while running
        app.lib.store.update("2405.12981", note="seen on the desktop")
        app.schedule_save()
        await until(pilot, lambda: other.sync() and other.store.note("2405.12981") != "")
        assert other.store.note("2405.12981") == "seen on the desktop"


def test_sync_and_note_do_not_import_textual(tmp_path):
    (tmp_path / "shared").mkdir()
    code = (
        "import sys, papertui.sync\n"
        "from papertui.cli import main\n"
        f"assert main(['sync', '--dir', {str(tmp_path / 'shared')!r}]) == 0\n"
        "assert main(['note', '2405.12981', 'x']) == 0\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
    )
    env = {**os.environ, "PAPERTUI_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr


SOAK = """
import json, random, sys
from papertui.store import Store, _field_time
from papertui.sync import Syncer
state, folder, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(seed)
store = Store.open(state)
syncer = Syncer(store, folder)
done = []
for i in range(300):
    key, name = f"p{rnd.randrange(12)}", rnd.choice(["read", "starred"])
    store.update(key, **{name: rnd.random() < 0.5})
    store.flush()
    rec = store.get(key)
    done.append([key, name, rec[name], _field_time(rec, name)])
    if rnd.random() < 0.3:
        syncer.run()
syncer.run()
print(json.dumps({"device": syncer.device, "done": done}))
"""


def test_soak_two_processes_marking_and_syncing_at_once_end_the_same_with_every_change(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SOAK, str(tmp_path / name / "state.json"), str(folder), str(seed)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed, name in enumerate(["one", "two"])
    ]
    results = [json.loads(p.communicate(timeout=120)[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    devs = [Device(tmp_path, name, folder, Clock().at()) for name in ("one", "two")]
    converge(devs)
    assert devs[0].state() == devs[1].state()
    newest = {}
    for result in results:
        for key, name, value, t in result["done"]:
            stamp = (t, result["device"])
            if (key, name) not in newest or stamp > newest[key, name][0]:
                newest[key, name] = (stamp, value)
    final = devs[0].state()
    for (key, name), (_, value) in newest.items():
        assert bool(final.get(key, {}).get(name)) == value, (key, name)


BAD_META = [b"", b"{not json", b'{"v": 1, "device": "x", "seq": "1", "cursors": {}, "keys": {}}']


@pytest.mark.parametrize("content", BAD_META)
def test_an_unreadable_sync_state_starts_again_and_loses_nothing(tmp_path, content):
    a, b = devices(tmp_path, 2)
    a.store.update("p", read=True)
    converge([a, b])
    b.syncer.meta_path.write_bytes(content)
    b.store.update("q", starred=True)
    fresh = Syncer(b.store, b.folder)
    b.store.flush()
    fresh.run()  # a new device id: everything is sent again
    a.sync()
    assert a.state() == b.state() == {"p": {"read": True}, "q": {"starred": True}}
