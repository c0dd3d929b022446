"""The user's own lists (mylists.py): kept in the state file, undoable, on the command line,
and synced between devices (two and three data dirs sharing one folder)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papertui import mylists
from papertui.cli import main
from papertui.library import History, Library
from papertui.store import Store
from papertui.sync import Syncer

from .test_sync import converge, devices


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- in the store ---------------------------------------------------------------------------------
def test_a_list_and_its_papers_survive_a_reopen_and_a_paper_shares_its_marks(tmp_path):
    store = Store.open(tmp_path / "state.json")
    made, change = mylists.new_list(store, "  To   read ")
    store.update_many(change)
    other, change = mylists.new_list(store, "Survey")
    store.update_many(change)
    store.update_many(mylists.membership(store, ["p", "q"], made.id, add=True))
    store.update_many(mylists.membership(store, ["p"], other.id, add=True))
    store.update("p", read=True)
    store.close()
    again = Store.open(tmp_path / "state.json")
    assert [(ul.name, sorted(mylists.members(again, ul.id))) for ul in mylists.all_lists(again)] == [
        ("Survey", ["p"]), ("To read", ["p", "q"])]
    assert again.is_read("p") and sorted(again.user_lists("p")) == sorted([made.id, other.id])
    with pytest.raises(mylists.ListError, match="exists already"):
        mylists.new_list(again, "to READ")
    with pytest.raises(mylists.ListError, match="needs a name"):
        mylists.new_list(again, " \t")


def test_changes_are_journaled_so_a_kill_before_the_save_loses_nothing(tmp_path):
    store = Store.open(tmp_path / "state.json")
    made, change = mylists.new_list(store, "kept")
    store.update_many(change)
    store.update_many(mylists.membership(store, ["p"], made.id, add=True))
    store.write_journal()  # what the TUI's journal thread does at once; no flush: "killed"
    again = Store.open(tmp_path / "state.json")
    assert [ul.name for ul in mylists.all_lists(again)] == ["kept"]
    assert again.user_lists("p") == [made.id]


def test_two_processes_adding_to_one_list_merge_per_field(tmp_path):
    a = Store.open(tmp_path / "state.json")
    made, change = mylists.new_list(a, "shared")
    a.update_many(change)
    a.flush()
    b = Store.open(tmp_path / "state.json")
    a.update_many(mylists.membership(a, ["p"], made.id, add=True))
    b.update("p", starred=True)  # the same paper, another field, another process
    b.update_many(mylists.membership(b, ["q"], made.id, add=True))
    a.flush()
    b.flush()
    fresh = Store.open(tmp_path / "state.json")
    assert sorted(mylists.members(fresh, made.id)) == ["p", "q"] and fresh.is_starred("p")


def test_delete_keeps_the_papers_marks_and_an_undo_brings_the_list_back(tmp_path):
    store = Store.open(tmp_path / "state.json")
    history = History(store)
    made, change = mylists.new_list(store, "gone soon")
    history.change("new list", change)
    history.change("add to list", mylists.membership(store, ["p"], made.id, add=True))
    store.update("p", read=True, note="mine")
    history.change("delete list", mylists.delete(made))
    assert mylists.all_lists(store) == [] and store.is_read("p") and store.note("p") == "mine"
    with pytest.raises(mylists.ListError, match="no lists yet"):
        mylists.find(store, "gone soon")
    history.undo()
    assert [ul.name for ul in mylists.all_lists(store)] == ["gone soon"]
    assert mylists.members(store, made.id) == ["p"]
    history.undo()  # the add
    assert mylists.members(store, made.id) == []


def test_two_lists_with_one_name_from_two_devices_are_told_apart_by_id(tmp_path):
    store = Store.open(tmp_path / "state.json")
    store.update_many({"mylist:aaa": {"name": "Dup"}, "mylist:bbb": {"name": "dup"}})
    with pytest.raises(mylists.ListError, match=r"2 lists are named 'dup'.*aaa, bbb"):
        mylists.find(store, "dup")
    assert mylists.find(store, "bbb").name == "dup"


def test_the_tree_categories_count_a_list_and_follow_read_marks(tmp_path):
    lib = Library.open(tmp_path / "state.json")
    made, change = mylists.new_list(lib.store, "Later")
    lib.store.update_many(change)
    keys = ["2405.12981", "2403.09629"]
    lib.store.update_many(mylists.membership(lib.store, keys, made.id, add=True))
    cat = next(c for c in lib.categories() if c.kind == "mylist")
    assert (cat.id, cat.label, sorted(lib.catalog.keys[i] for i in cat.indices)) == (made.key, "Later", sorted(keys))
    assert made.key in lib.category_ids("2405.12981")
    lib.store.update_many(mylists.delete(made))
    assert not [c for c in lib.categories() if c.kind == "mylist"]
    assert made.key not in lib.category_ids("2405.12981")


def test_a_feed_paper_in_a_list_is_kept(tmp_path):
    from papertui.feeds import marked

    store = Store.open(tmp_path / "state.json")
    made, change = mylists.new_list(store, "keep")
    store.update_many(change)
    assert not marked(store, "p")
    store.update_many(mylists.membership(store, ["p"], made.id, add=True))
    assert marked(store, "p")


# -- the command line -------------------------------------------------------------------------------
def test_list_commands_make_fill_show_rename_and_delete_a_list(capsys):
    assert run(capsys, "lists")[2] == "no lists of your own yet: papertui list-new NAME\n"
    code, out, err = run(capsys, "list-new", "To read")
    assert (code, out) == (0, "") and err.startswith("made the list 'To read'")
    code, _, err = run(capsys, "list-new", "to read")
    assert code == 1 and err == "papertui: a list named 'To read' exists already\n"
    code, _, err = run(capsys, "list-add", "to read", "2405.12981", "https://arxiv.org/abs/2403.09629v2")
    assert code == 0 and err == "2 papers added to 'To read'\n"
    code, _, err = run(capsys, "list-add", "To read", "2405.12981")
    assert code == 0 and err == "0 papers added to 'To read' (1 already in it)\n"
    code, _, err = run(capsys, "list-add", "To read", "9999.99999")
    assert code == 1 and err.startswith("papertui: unknown paper: 9999.99999") and err.count("\n") == 1
    assert run(capsys, "mark", "2403.09629")[0] == 0
    code, out, _ = run(capsys, "lists", "--json")
    rows = json.loads(out)
    assert [(r["name"], r["papers"], r["unread"]) for r in rows] == [("To read", 2, 1)]
    code, out, _ = run(capsys, "list", "--in", "To read", "--json")
    assert sorted(r["arxiv"] for r in json.loads(out)) == ["2403.09629", "2405.12981"]
    assert all(r["my_lists"] == ["To read"] for r in json.loads(out))
    code, out, _ = run(capsys, "list", "--category", "to rea", "--json")  # (--category: your lists too)
    assert sorted(r["arxiv"] for r in json.loads(out)) == ["2403.09629", "2405.12981"]
    code, out, _ = run(capsys, "list", "--in", "To read", "--unread", "--json")
    assert [r["arxiv"] for r in json.loads(out)] == ["2405.12981"]
    code, out, _ = run(capsys, "export", "--in", "To read", "-f", "json")
    assert code == 0 and sum(len(sec["papers"]) for sec in json.loads(out)["sections"]) == 2
    code, _, err = run(capsys, "list", "--in", "nope")
    assert code == 1 and err == "papertui: no list named 'nope' (your lists: 'To read')\n"
    assert run(capsys, "list-remove", "To read", "2403.09629")[2] == "1 paper taken out of 'To read'\n"
    assert run(capsys, "list-rename", "To read", "Later")[2] == "renamed 'To read' to 'Later'\n"
    assert run(capsys, "list-delete", "Later")[2] == "deleted the list 'Later' (its papers keep their marks)\n"
    code, out, _ = run(capsys, "list", "--read", "--json")
    assert [r["arxiv"] for r in json.loads(out)] == ["2403.09629"]  # the marks stay
    code, _, err = run(capsys, "list-add", "Later", "2405.12981")
    assert code == 1 and "no lists yet" in err and err.count("\n") == 1


def test_list_changes_on_the_command_line_go_to_the_sync_folder(capsys, monkeypatch, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "laptop"))
    assert run(capsys, "sync", "--dir", str(folder))[0] == 0
    assert run(capsys, "list-new", "Reading group")[0] == 0
    assert run(capsys, "list-add", "Reading group", "2405.12981")[0] == 0
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "desktop"))
    assert run(capsys, "sync", "--dir", str(folder))[0] == 0
    code, out, _ = run(capsys, "list", "--in", "reading group", "--json")
    assert code == 0 and [r["arxiv"] for r in json.loads(out)] == ["2405.12981"]


# -- sync between devices -------------------------------------------------------------------------
def lists_state(device) -> dict[str, list[str]]:
    """Each device's lists as its state file has them: name -> sorted paper keys."""
    store = Store.open(device.path)
    return {ul.name: sorted(mylists.members(store, ul.id)) for ul in mylists.all_lists(store)}


def make(device, name: str) -> mylists.UserList:
    made, change = mylists.new_list(device.store, name)
    device.store.update_many(change)
    return made


def put(device, ul, keys, add=True) -> None:
    device.store.update_many(mylists.membership(device.store, keys, ul.id, add))


def test_lists_made_and_filled_offline_on_two_devices_end_the_same(tmp_path):
    a, b = devices(tmp_path, 2)
    mine = make(a, "From a")
    put(a, mine, ["p", "q"])
    theirs = make(b, "From b")
    put(b, theirs, ["q"])
    b.store.update("q", read=True)
    converge([a, b])
    assert lists_state(a) == lists_state(b) == {"From a": ["p", "q"], "From b": ["q"]}
    put(b, mine, ["r"])  # b adds to a's list, a takes a paper out of it
    put(a, mine, ["p"], add=False)
    converge([b, a])
    assert lists_state(a) == lists_state(b) == {"From a": ["q", "r"], "From b": ["q"]}
    assert Store.open(a.path).is_read("q")


def test_rename_on_one_device_and_add_on_the_other_keep_both(tmp_path):
    a, b = devices(tmp_path, 2)
    ul = make(a, "Old name")
    converge([a, b])
    a.store.update_many(mylists.rename(a.store, ul, "New name"))
    put(b, ul, ["p"])
    converge([a, b])
    assert lists_state(a) == lists_state(b) == {"New name": ["p"]}


def test_renames_on_both_devices_the_later_one_wins(tmp_path):
    a, b = devices(tmp_path, 2)
    ul = make(a, "L")
    converge([a, b])
    b.store.update_many(mylists.rename(b.store, ul, "from b"))
    a.store.update_many(mylists.rename(a.store, ul, "from a"))  # later
    converge([a, b])
    assert lists_state(a) == lists_state(b) == {"from a": []}


def test_delete_on_one_device_and_add_on_the_other_the_list_stays_deleted_with_nothing_lost(tmp_path):
    a, b = devices(tmp_path, 2)
    ul = make(a, "L")
    put(a, ul, ["p"])
    converge([a, b])
    a.store.update_many(mylists.delete(ul))
    put(b, ul, ["q"])  # later, offline: b has not seen the delete
    converge([a, b])
    assert lists_state(a) == lists_state(b) == {}
    a.store.update_many({ul.key: {"name": "L"}})  # brought back (an undo, a rename): both papers are there
    converge([a, b])
    assert lists_state(a) == lists_state(b) == {"L": ["p", "q"]}


def test_a_rename_after_a_delete_brings_the_list_back_everywhere(tmp_path):
    a, b = devices(tmp_path, 2)
    ul = make(a, "L")
    converge([a, b])
    a.store.update_many(mylists.delete(ul))
    b.store.update_many(mylists.rename(b.store, ul, "kept"))  # later
    converge([b, a])
    assert lists_state(a) == lists_state(b) == {"kept": []}


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_three_devices_converge_on_lists_in_any_order(tmp_path, order):
    devs = devices(tmp_path, 3)
    ul = make(devs[0], "Shared")
    converge(devs)
    put(devs[0], ul, ["p"])
    put(devs[1], ul, ["q"])
    devs[2].store.update_many(mylists.rename(devs[2].store, ul, "Shared (renamed)"))
    other = make(devs[2], "Only c")
    put(devs[2], other, ["p"])
    for i in order:
        devs[i].sync()
    converge([devs[i] for i in order])
    states = [lists_state(d) for d in devs]
    assert states[0] == states[1] == states[2] == {"Only c": ["p"], "Shared (renamed)": ["p", "q"]}


LIST_STEPS = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(["add", "remove", "rename", "delete", "sync"]),
              st.sampled_from(["p", "q", "r"]), st.integers(0, 3)),
    min_size=1, max_size=25,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=LIST_STEPS, n=st.integers(2, 3))
def test_any_interleaving_of_list_edits_and_syncs_converges(tmp_path_factory, steps, n):
    devs = devices(tmp_path_factory.mktemp("lists"), n)
    ul = make(devs[0], "start")
    converge(devs)
    for i, action, key, value in steps:
        d = devs[i % n]
        if action == "sync":
            d.sync()
        elif action in ("add", "remove"):
            put(d, ul, [key], add=action == "add")
        elif action == "rename":
            d.store.update_many({ul.key: {"name": f"name {value}"}})
        else:
            d.store.update_many(mylists.delete(ul))
    converge(devs)
    states = [lists_state(d) for d in devs]
    assert all(s == states[0] for s in states)
    raw = [sorted(Store.open(d.path).user_lists(k) for k in "pqr") for d in devs]  # hidden members too
    assert all(r == raw[0] for r in raw)
    for d in devs:
        assert Syncer(d.store, d.folder).run().sent == 0


# -- saved searches (config.toml [[searches]]) ----------------------------------------------------
def test_saved_searches_round_trip_through_config_and_keep_the_rest(home):
    from papertui import paths, saved_searches
    from papertui.settings import load_settings

    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('theme = "nord"\n\n[[feeds]]\nname = "cs.CL"\nquery = "cs.CL"\n', encoding="utf-8")
    settings = load_settings(config)
    saved_searches.save(config, settings, " Unread  KV ", "kv   cache is:unread")
    with pytest.raises(saved_searches.SavedSearchError, match="exists already"):
        saved_searches.save(config, settings, "unread kv", "x")
    with pytest.raises(saved_searches.SavedSearchError, match="the search is empty"):
        saved_searches.save(config, settings, "empty", "  ")
    saved_searches.save(config, settings, "lora", "lora")
    again = load_settings(config)
    assert again.problems == [] and again.theme == "nord" and again.feeds == [{"name": "cs.CL", "query": "cs.CL"}]
    assert again.searches == [{"name": "Unread KV", "query": "kv cache is:unread"}, {"name": "lora", "query": "lora"}]
    assert "[[searches]]" in config.read_text(encoding="utf-8")
    saved_searches.rename(config, again, "unread kv", "KV to read")
    saved_searches.delete(config, again, "LORA")
    assert load_settings(config).searches == again.searches == [{"name": "KV to read", "query": "kv cache is:unread"}]


def test_rewrites_of_config_keep_the_users_comments_and_order(home, tmp_path):
    """Saving a search, following and unfollowing a feed, setting the sync folder and the
    theme change only what they change: the user's comments, key order and layout stay."""
    from papertui import feeds, paths, saved_searches
    from papertui.settings import load_settings, save_setting, update_settings

    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "# mine: do not lose this\n"
        'theme = "nord"  # the dark one\n'
        "feed_days = 3\n"
        "mark_read_on_open = true\n\n"
        "[[feeds]]  # what I follow\n"
        'name = "cs.CL"\n'
        'query = "cs.CL"  # language\n\n'
        "[[feeds]]\n"
        'name = "LG"\n'
        'query = "cs.LG"\n\n'
        "[keys]\n"
        "# vim-ish\n"
        'toggle-read = "x"\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    saved_searches.save(config, settings, "kv", "kv cache")
    saved_searches.save(config, settings, "lora", "lora")
    saved_searches.rename(config, settings, "kv", "kv unread")
    saved_searches.delete(config, settings, "lora")
    feeds.follow(config, "cs.AI")
    feeds.unfollow(config, "LG", paths.feeds_dir(), paths.user_lists_dir(), Store.open(tmp_path / "s.json"))
    update_settings(config, lambda raw: raw.__setitem__("sync_dir", "~/Sync"))
    save_setting(config, "theme", "gruvbox")
    text = config.read_text(encoding="utf-8")
    for kept in ("# mine: do not lose this\n", 'theme = "gruvbox"  # the dark one\n',
                 '[[feeds]]  # what I follow\nname = "cs.CL"\nquery = "cs.CL"  # language\n',
                 '[keys]\n# vim-ish\ntoggle-read = "x"\n'):
        assert kept in text
    assert text.index("theme") < text.index("feed_days") < text.index("[[feeds]]") < text.index("[keys]")
    again = load_settings(config)
    assert again.problems == [] and again.sync_dir == "~/Sync" and again.theme == "gruvbox" and again.mark_read_on_open
    assert again.feeds == [{"name": "cs.CL", "query": "cs.CL"}, {"name": "cs.AI", "query": "cs.AI"}]
    assert again.searches == [{"name": "kv unread", "query": "kv cache"}]


def test_a_bad_searches_table_is_one_line_and_ignored(home):
    from papertui import paths
    from papertui.settings import load_settings

    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[[searches]]\nname = "no query"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.searches == [] and len(settings.problems) == 1 and "[[searches]]" in settings.problems[0]


def test_search_saved_runs_a_saved_search_from_the_shell(capsys, home):
    from papertui import paths

    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[[searches]]\nname = "LoRA"\nquery = "lora"\n\n[[searches]]\nname = "none"\nquery = "zzzqqq"\n',
                      encoding="utf-8")
    code, out, _ = run(capsys, "search", "--saved", "lora", "--json")
    direct = json.loads(run(capsys, "search", "lora", "--json")[1])
    assert code == 0 and json.loads(out) == direct and direct
    code, out, _ = run(capsys, "search", "--saved", "none")
    assert code == 1 and out == ""  # no match: exit 1, as search does
    code, _, err = run(capsys, "search", "--saved", "nope")
    assert code == 1 and err == "papertui: no saved search named 'nope' (saved: 'LoRA', 'none')\n"
    code, _, err = run(capsys, "search", "lora", "--saved", "LoRA")
    assert code == 1 and err == "papertui: give a query or --saved NAME, not both\n"
    code, _, err = run(capsys, "search")
    assert code == 1 and err.count("\n") == 1 and "--saved NAME" in err


def test_a_tallys_extra_categories_count_the_same_incrementally_and_from_scratch(tmp_path):
    from papertui.catalog import Category
    from papertui.library import Tally, extra_index
    from papertui.search import SearchIndex

    lib = Library.open(tmp_path / "state.json")
    index = SearchIndex(lib)
    cats = [Category("saved:" + q, "saved", q, index.search(q).indices) for q in ("lora", "attention", "kv cache")]
    tally = Tally(lib, extra=cats)
    keys = lib.catalog.keys
    for i in cats[0].indices[:2] + cats[1].indices[:1]:
        lib.store.update(keys[i], read=True)
        tally.read_changed(keys[i], True)
    fresh = Tally(lib, extra=cats, extra_of=extra_index(keys, cats))
    assert {c.id: (tally.counts[c.id].read, tally.counts[c.id].total) for c in cats} == {
        c.id: (fresh.counts[c.id].read, fresh.counts[c.id].total) for c in cats}
    assert tally.counts["saved:lora"].read == 2
    again = [Category(c.id, "saved", c.label, c.indices[:1]) for c in cats]  # run again: fewer papers
    reads = {c.id: lib.count_read(c.indices) for c in again}
    tally.set_extra(again, reads, extra_index(keys, again))
    slow = Tally(lib, extra=again)
    assert {c.id: (tally.counts[c.id].read, tally.counts[c.id].total) for c in again} == {
        c.id: (slow.counts[c.id].read, slow.counts[c.id].total) for c in again}


def test_the_search_language_finds_a_lists_papers_with_in(tmp_path):
    from papertui.search import SearchIndex, parse

    lib = Library.open(tmp_path / "state.json")
    made, change = mylists.new_list(lib.store, "To Read 待读")
    lib.store.update_many(change)
    lib.store.update_many(mylists.membership(lib.store, ["2405.12981", "2403.09629"], made.id, add=True))
    lib.store.update("2403.09629", read=True)
    index = SearchIndex(lib)

    def found(query: str) -> list[str]:
        return sorted(lib.catalog.keys[i] for i in index.search(query).indices)

    assert found('in:"to read"') == found("in:待读") == ["2403.09629", "2405.12981"]
    assert found('in:"to read" is:unread') == ["2405.12981"]
    assert "2405.12981" not in found('-in:"to read" kv') and found("kv")
    assert found("in:nothing") == [] and parse("in:x").hints == []
    lib.store.update_many(mylists.delete(made))
    assert found('in:"to read"') == []  # (a deleted list holds nothing)


def test_lists_and_saved_searches_do_not_import_textual(home):
    import subprocess
    import sys

    code = (
        "import sys, papertui.mylists, papertui.saved_searches, papertui.cli_lists\n"
        "from papertui.cli import main\n"
        "assert main(['list-new', 'x']) == 0 and main(['list-add', 'x', '2405.12981']) == 0\n"
        "assert main(['lists']) == 0 and main(['list', '--in', 'x']) == 0 and main(['search', 'in:x']) == 0\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_rename_to_a_taken_name_and_a_name_too_long_are_one_line_each(capsys):
    assert run(capsys, "list-new", "A")[0] == 0 and run(capsys, "list-new", "B")[0] == 0
    code, _, err = run(capsys, "list-rename", "a", "b")
    assert code == 1 and err == "papertui: a list named 'B' exists already\n"
    code, _, err = run(capsys, "list-new", "x" * 121)
    assert code == 1 and err == "papertui: a list's name is at most 120 characters\n"
    assert run(capsys, "list-rename", "a", "  a\tb\n ")[2] == "renamed 'A' to 'a b'\n"  # one line, spaces folded


def test_lists_survive_compaction_for_a_device_that_comes_back_and_a_new_one(tmp_path):
    from .test_sync import HOUR, Clock, Device

    a, b, late = devices(tmp_path, 3)
    ul = make(a, "Kept")
    gone = make(a, "Gone")
    put(a, ul, ["p", "q"])
    converge([a, b, late])  # the late device has seen this, then goes away
    put(a, ul, ["q"], add=False)  # a removed member and a deleted list: tombstones
    a.store.update_many(mylists.delete(gone))
    b.sync()
    b.store.update_many(mylists.rename(b.store, ul, "Kept (b)"))
    converge([a, b])
    for d in (a, b):
        assert d.syncer.compact() > 0
    converge([late, a, b])
    want = {"Kept (b)": ["p"]}
    assert lists_state(a) == lists_state(b) == lists_state(late) == want
    newcomer = Device(tmp_path, "new", a.folder, Clock().at(HOUR))
    newcomer.sync()
    assert lists_state(newcomer) == want


def test_a_change_to_a_field_from_a_later_version_is_left_out_not_the_whole_file():
    from papertui.sync import encode_file, read_file

    ops = [{"k": "p", "f": "read", "t": 1.0, "v": True}, {"k": "p", "f": "colour", "t": 2.0, "v": "red"},
           {"k": "mylist:ab", "f": "name", "t": 3.0, "v": "L"}, {"k": "p", "f": "lists", "t": 4.0, "add": ["ab"]}]
    _head, got = read_file(encode_file("dev-1", 1, ops), "dev-1/000001.jsonl")
    assert got == [ops[0], ops[2], ops[3]]
    with pytest.raises(ValueError, match="cannot read"):  # a known field with a bad value still refuses it
        read_file(encode_file("dev-1", 2, [{"k": "p", "f": "lists", "t": 1.0, "add": [3]}]), "x")
