"""Notes, tags, undo, bulk marks, sorting, palette, settings and session (issue 7)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from papertui.cli import main as cli
from papertui.library import History, Library
from papertui.model import parse_tags
from papertui.settings import load_settings, save_setting
from papertui.store import Store
from papertui.tui.app import PaperApp
from papertui.tui.screens.dialogs import ConfirmScreen, NoteScreen, TagScreen
from papertui.tui.widgets.category_tree import CategoryTree
from papertui.tui.widgets.paper_list import PaperList

from .conftest import screen_text


def make_app(**kwargs) -> PaperApp:
    return PaperApp(Library.open(**kwargs), watch=False)


def titles(app) -> list[str]:
    return [app.lib.catalog.titles[i] for i in app.screen.query_one(PaperList).rows]


def current_key(app) -> str:
    papers = app.screen.query_one(PaperList)
    return app.lib.catalog.keys[papers.current]


# -- plain modules ------------------------------------------------------------------------
def test_history_undoes_steps_in_order(tmp_path):
    store = Store.open(tmp_path / "s.json")
    history = History(store)
    history.change("read", {"a": {"read": True}})
    history.change("note", {"a": {"note": "x"}, "b": {"starred": True}})
    assert store.is_read("a") and store.note("a") == "x" and store.is_starred("b")
    assert history.undo() == ("note", ["a", "b"])
    assert store.is_read("a") and store.note("a") == "" and not store.is_starred("b")
    assert history.undo() == ("read", ["a"])
    assert not store.is_read("a")
    assert history.undo() is None


def test_parse_tags():
    assert parse_tags("KV cache, peft,, peft ,  长 上下文") == ["kv-cache", "peft", "长-上下文"]
    assert parse_tags("") == []


def test_sort_modes(tmp_path):
    lib = Library.open(db=tmp_path / "s.json")
    rows = list(lib.catalog.unique)
    by_date = lib.sort(rows, "date")
    assert lib.catalog.arxivs[by_date[0]] == "2405.14860" and lib.catalog.arxivs[by_date[-1]] == "2303.17564"
    by_title = lib.sort(rows, "title")
    assert [lib.catalog.titles[i] for i in by_title] == sorted((lib.catalog.titles[i] for i in rows), key=str.casefold)
    lib.store.set_read("2304.02643", True)
    lib.store.set_read("2310.06825", True)
    changed = lib.sort(rows, "changed")
    assert [lib.catalog.arxivs[i] for i in changed[:2]] == ["2310.06825", "2304.02643"]
    assert lib.sort(rows, "list") == rows


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Alpha", "alpha", "Beta", "beta x", "β", "Ærø", "-"]),
            st.sampled_from([None, "2405.00001", "2405.00002", "2301.00009", "hep-th/9901001", "cs/0701001"]),
        ),
        min_size=1,
        max_size=25,
    ),
    st.lists(st.integers(0, 60), max_size=6),
    st.lists(st.integers(0, 60), max_size=6),
    st.lists(st.integers(0, 60), max_size=40),
    st.sampled_from(["date", "title", "changed"]),
)
def test_big_categories_sort_as_small_ones_do(tmp_path, papers, first_marks, later_marks, picks, mode):
    """Big categories are sorted by a number per paper worked out once (and kept):
    the same order, ties included, as sorting the papers directly; in catalog order
    (as categories are) or not, after marks change the "changed" order too."""
    from papertui import library as library_module

    from .conftest import paper, write_list

    here = tmp_path / str(abs(hash((tuple(papers), tuple(picks), mode))))
    rows = [paper(arxiv, title) for title, arxiv in papers]
    path = write_list(here / "l.json", "L", [("s", rows[: len(rows) // 2]), ("t", rows[len(rows) // 2 :])])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PAPERTUI_HOME", str(here / "home"))
        lib = Library.open(db=here / "s.json", extra_lists=[path])
        mp.setattr(library_module, "SORT_DIRECT_MAX", 0)
        lib.prepare_sort(mode)  # (else the first sort by a mode is a direct one)
        count = len(lib.catalog.keys)
        for marks in (first_marks, later_marks):
            for i in marks:
                lib.store.set_read(lib.catalog.keys[i % count], True)
            for chosen in ([i % count for i in picks], sorted({i % count for i in picks}), list(lib.catalog.unique)):
                assert lib.sort(chosen, mode) == lib._sort_directly(chosen, mode)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "2405.00001", "2405.00002", "2301.00009"]),  # (None: keyed by title)
            st.sampled_from(["A", "B", "C"]),
            st.lists(st.sampled_from(["kv", "moe", "rl"]), max_size=2),
        ),
        min_size=1,
        max_size=20,
    ),
    st.lists(st.tuples(st.integers(0, 60), st.booleans(), st.sampled_from([(), ("kv",), ("mine",)])), max_size=12),
)
def test_counts_kept_paper_by_paper_equal_counts_worked_out_again(tmp_path, papers, marks):
    """The tree's read counts follow each mark paper by paper (Tally.read_changed); a
    bulk mark works them all out again (Tally.recount). Both must agree, with papers
    listed twice, list tags and the user's own."""
    from papertui.library import Tally

    from .conftest import paper, write_list

    here = tmp_path / str(abs(hash((tuple(map(str, papers)), tuple(map(str, marks))))))
    rows = [paper(arxiv, title, tags=tags) for arxiv, title, tags in papers]
    path = write_list(here / "l.json", "L", [("s", rows[: len(rows) // 2]), ("t", rows[len(rows) // 2 :])])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PAPERTUI_HOME", str(here / "home"))
        lib = Library.open(db=here / "s.json", extra_lists=[path])
    keys = lib.catalog.keys
    for i, read, tags in marks:
        lib.store.update(keys[i % len(keys)], tags=list(tags))
    tally = Tally(lib)
    for i, read, _tags in marks:
        key = keys[i % len(keys)]
        if lib.store.is_read(key) != read:
            lib.store.set_read(key, read)
            tally.read_changed(key, read)
    fresh = Tally(lib)
    assert {cid: (c.read, c.total) for cid, c in tally.counts.items()} == {cid: (c.read, c.total) for cid, c in fresh.counts.items()}
    assert (tally.all.read, tally.all.total) == (fresh.all.read, fresh.all.total)
    from papertui import library as library_module

    # Every way of recounting: paper by paper; category by category, with NumPy and without.
    for by_key, numpy_loaded in ((0, True), (10**9, True), (10**9, False)):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(library_module, "RECOUNT_BY_KEY", by_key)
            import numpy

            mp.setattr(library_module, "_loaded_numpy", (lambda: numpy) if numpy_loaded else (lambda: None))
            tally.recount()
        assert {cid: c.read for cid, c in tally.counts.items()} == {cid: c.read for cid, c in fresh.counts.items()}
        assert tally.all.read == fresh.all.read and tally.starred == fresh.starred


def test_settings_file(tmp_path):
    path = tmp_path / "config.toml"
    assert load_settings(path).startup_view == "last"
    path.write_text('theme = "nord"\nmark_read_on_open = true\nstartup_view = "unread"\n[keys]\ntoggle-read = "x"\n')
    s = load_settings(path)
    assert (s.theme, s.mark_read_on_open, s.startup_view, s.keys, s.problems) == ("nord", True, "unread", {"toggle-read": "x"}, [])
    save_setting(path, "theme", "gruvbox")
    again = load_settings(path)
    assert again.theme == "gruvbox" and again.keys == {"toggle-read": "x"} and again.mark_read_on_open
    path.write_text("startup_view = 3\nnonsense = [")
    bad = load_settings(path)
    assert bad.startup_view == "last" and len(bad.problems) == 1 and "not valid TOML" in bad.problems[0]
    path.write_text('startup_view = "sideways"')
    assert "startup_view should be last | all | unread | starred" in load_settings(path).problems[0]


def test_list_json_has_note_and_tags(capsys, home):
    store = Store.open(home / "state.json")
    store.update("2405.12981", note="read §3 [again]", tags=["to-reproduce"])
    store.flush()
    assert cli(["list", "--json", "--category", "kv-cache"]) == 0
    rows = {r["arxiv"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["2405.12981"]["note"] == "read §3 [again]"
    assert rows["2405.12981"]["tags"] == ["kv-cache", "attention", "efficiency", "to-reproduce"]
    assert rows["2405.10637"]["note"] == ""


# -- the TUI ---------------------------------------------------------------------------------
async def test_note_edit_save_and_survive_restart(home):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "n")
        assert isinstance(app.screen, NoteScreen)
        for key in ["#", "space", "I", "d", "e", "a", "enter", "[", "b", "]", "x"]:
            await pilot.press(key)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert app.lib.store.note("2405.10370") == "# Idea\n[b]x"
        assert "[b]x" in screen_text(app)  # shown literally in the detail pane
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.lib.store.note("2405.10370") == "# Idea\n[b]x"


async def test_closing_a_changed_note_asks_first():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "x", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("escape", "y")  # discard
        await pilot.pause()
        assert app.lib.store.note("2405.11157") == ""
        assert isinstance(app.focused, PaperList)


async def test_notes_are_searchable():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.lib.store.update("2311.10709", note="zebra idea")
        await pilot.press("slash", *"zebra")
        await pilot.pause()
        assert titles(app) == ["Emu Video: Factorizing Text-to-Video Generation by Explicit Image Conditioning"]


async def test_tags_edit_with_completion_tree_and_search():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        assert isinstance(app.screen, TagScreen)
        await pilot.press(*"to-read, kv-c")
        await pilot.press("right")  # accept the completion: kv-cache
        await pilot.press("enter")
        await pilot.pause()
        assert app.lib.store.user_tags("2405.11157") == ["to-read", "kv-cache"]
        tree = app.screen.query_one(CategoryTree)
        assert tree.tally.counts["tag:to-read"].total == 1
        assert tree.tally.counts["tag:kv-cache"].total == 4
        await pilot.press("slash", *"tag:to-read")
        await pilot.pause()
        assert titles(app) == ["Towards Modular LLMs by Building and Reusing a Library of LoRAs"]


async def test_undo_read_star_and_tags():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r", "s")
        assert app.lib.store.is_read("2405.11157") and app.lib.store.is_starred("2405.11157")
        await pilot.press("u")
        assert not app.lib.store.is_starred("2405.11157") and app.lib.store.is_read("2405.11157")
        await pilot.press("u")
        assert not app.lib.store.is_read("2405.11157")
        assert "0/33 read" in screen_text(app)


@pytest.mark.parametrize("bulk", [False, True])
async def test_bulk_mark_read_asks_and_undoes(home, monkeypatch, bulk):
    """Paper by paper, and (bulk) the way many papers at once are settled: every
    count worked out again."""
    from papertui.tui.screens import main as main_module

    if bulk:
        monkeypatch.setattr(main_module, "SETTLE_BULK", 0)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CategoryTree)
        tree.move_cursor(tree.nodes_by_id[app.lib.catalog.section_ids[0][0]])  # 8 papers
        await pilot.pause()
        await pilot.press("tab", "r")  # one already read
        await pilot.press("R")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mark 7 papers in this list read?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.tally.counts[app.lib.catalog.section_ids[0][0]].read == 8
        assert app.screen.tally.all.read == 8
        section = app.lib.catalog.section_ids[0][0]
        assert "8/8" in str(tree.nodes_by_id[section].label) and "8/33" in str(tree.nodes_by_id["view:all"].label)
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.tally.counts[app.lib.catalog.section_ids[0][0]].read == 1
        assert "1/8" in str(tree.nodes_by_id[app.lib.catalog.section_ids[0][0]].label)
        assert app.lib.store.read_keys() == {app.lib.catalog.keys[app.lib.catalog.lists[0].sections[0].papers[0]]}
        await pilot.press("R", "n")
        assert app.screen.tally.all.read == 1


async def test_sort_cycles_and_shows():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        assert "by arXiv date" in screen_text(app)
        assert titles(app)[0] == "Not All Language Model Features Are Linear"  # 2405.14860
        await pilot.press("S")
        assert titles(app)[0].startswith("Algorithmic progress")
        await pilot.press("S", "S")
        assert titles(app)[0].startswith("Towards Modular")  # back to list order
        assert "by " not in app.screen.query_one(PaperList).border_title


async def test_palette_runs_commands_and_jumps_to_papers():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Segment Anything")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert current_key(app) == "2304.02643"
        await pilot.press("ctrl+p", *"toggle star")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.lib.store.is_starred("2304.02643")


async def test_settings_theme_keys_and_mark_read_on_open(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('theme = "nord"\nmark_read_on_open = true\n[keys]\ntoggle-star = "x"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert " x Star " in screen_text(app)  # the key bar shows the remapped key
        await pilot.press("x")
        assert app.lib.store.is_starred("2405.11157")
        await pilot.press("j", "enter")
        assert app.lib.store.is_read("2405.10370")
        app.theme = "gruvbox"  # as the palette's theme picker does
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert load_settings(home / "config.toml").theme == "gruvbox"
    assert load_settings(home / "config.toml").keys == {"toggle-star": "x"}


async def test_last_category_and_paper_are_restored(home):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CategoryTree)
        tree.move_cursor(tree.nodes_by_id["list:bundled/03-ai-papers-2023-top10.json"])
        await pilot.pause()
        await pilot.press("tab", "j", "j", "S")
        key = current_key(app)
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.screen.category == "list:bundled/03-ai-papers-2023-top10.json"
        assert current_key(again) == key
        assert again.screen.sort_mode == "date"
        assert isinstance(again.focused, PaperList)


async def test_startup_view_setting(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('startup_view = "starred"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.category == "view:starred"
        assert "No starred papers yet" in screen_text(app)


async def test_bad_settings_file_is_reported_not_fatal(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("theme = ")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        from .conftest import toast_text

        assert "not valid TOML" in toast_text(app)  # (however the config path wraps)
        assert len(titles(app)) == 33


async def test_palette_shows_hostile_titles_literally(tmp_path):
    from .conftest import paper, write_list

    evil = write_list(tmp_path / "evil.json", "[b]L[/b]", [("[red]S[/]", [paper(None, "Zork [b]bold[/b] [@click=app.quit]x")])])
    app = make_app(extra_lists=[evil])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Zork")
        await pilot.pause(0.5)
        assert "Zork [b]bold[/b] [@click=app.quit]x" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and current_key(app).startswith("t-")


async def test_key_bar_hints_are_clickable():
    from papertui.tui.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert [description for _key, _shown, description in bar.hints][:4] == ["Read", "Star", "Copy", "Open"]
        assert screen_text(app).splitlines()[-1].strip().endswith("? Help q Quit")  # all fit in 80 columns
        start, end, key = next(place for place in bar._places if place[2] == "s")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.lib.store.is_starred("2405.11157")
