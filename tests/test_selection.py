"""Selecting papers (space, v, ctrl+a, esc) and acting on all of them at once (issue 20)."""

from __future__ import annotations

import pytest

from papertui.library import Library
from papertui.tui.app import PaperApp
from papertui.tui.screens.bulk import export_format, tag_edits
from papertui.tui.selection import Selection
from papertui.tui.widgets.paper_list import SELECTED_MARK, PaperList

from .conftest import paper, screen_text, toast_text, write_list
from .test_pdfs import host  # noqa: F401  (the loopback PDF host fixture)


def make_app() -> PaperApp:
    return PaperApp(Library.open(), watch=False)


@pytest.fixture
def no_bundled(monkeypatch):
    from papertui import paths

    monkeypatch.setattr(paths, "bundled_list_files", lambda: [])


def small_app(home) -> PaperApp:
    """Six papers in one list, two sections (the bundled lists left out: see no_bundled)."""
    papers = [paper(f"2401.0000{i}", f"Paper number {i}", tags=["base"]) for i in range(1, 7)]
    extra = write_list(home.parent / "six.json", "Six", [("First", papers[:3]), ("Second", papers[3:])])
    return PaperApp(Library.open(extra_lists=[extra]), watch=False)


def keys_at(app, positions) -> set[str]:
    papers = app.screen.query_one(PaperList)
    return {app.lib.catalog.keys[papers.rows[p]] for p in positions}


def picked(app) -> set[str]:
    return app.screen.query_one(PaperList).selection.all_keys()


def list_title(app) -> str:
    papers = app.screen.query_one(PaperList)
    return screen_text(app).splitlines()[papers.region.y]


async def until(pilot, condition, timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.05)):
        await pilot.pause(0.05)
        if condition():
            return


def test_selection_keeps_keys_and_a_range_until_it_is_kept():
    sel = Selection()
    assert not sel and len(sel) == 0
    assert sel.toggle("a") and not sel.toggle("a") and not sel
    sel.toggle("a")
    rows = ["a", "b", "c", "d"]
    sel.start_range(1, "b")
    assert sel.stretch(3, rows) == (1, 3)
    assert len(sel) == 4 and sel.picked("d", 3) and not sel.picked("x", 0)
    assert sel.stretch(2, rows) == (1, 3)  # (row 3 leaves the range: repainted)
    sel.keep_range()
    assert sel.keys == {"a", "b", "c"} and sel.anchor is None
    sel.prune({"a": 0, "c": 2})
    assert sel.keys == {"a", "c"}
    assert sel.clear() and not sel.clear()


def test_tag_edits_and_export_endings():
    assert tag_edits("KV cache, -old tag,, to-read") == (["kv-cache", "to-read"], ["old-tag"])
    assert tag_edits(" , ") == ([], [])
    assert export_format("~/refs.BIB") == "bibtex" and export_format("x.csl.json") == "csl-json"
    assert export_format("x.json") == "json" and export_format("notes.md") == "markdown"
    assert export_format("x.txt") is None


async def test_space_selects_and_moves_down_and_the_title_counts(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        await pilot.press("space", "space", "space")
        await pilot.pause()
        assert picked(app) == keys_at(app, [0, 1, 2]) and papers.cursor == 3
        assert "3 selected" in list_title(app)
        rows = screen_text(app).splitlines()
        top = papers.region.y + 1
        marked = [y - top for y in range(top, top + 6) if rows[y][papers.region.x + 1] == SELECTED_MARK]
        assert marked == [0, 1, 2]
        await pilot.press("k", "space")  # unselect the third
        await pilot.pause()
        assert picked(app) == keys_at(app, [0, 1]) and "2 selected" in list_title(app)


async def test_v_selects_a_range_as_the_cursor_moves(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "v", "j", "j")
        await pilot.pause()
        assert picked(app) == keys_at(app, [1, 2, 3]) and "3 selected" in list_title(app)
        await pilot.press("k")  # the range shrinks with the cursor
        await pilot.pause()
        assert picked(app) == keys_at(app, [1, 2])
        await pilot.press("v", "j", "j")  # kept: moving no longer changes it
        await pilot.pause()
        assert picked(app) == keys_at(app, [1, 2]) and "2 selected" in list_title(app)
        await pilot.press("v", "k", "k", "k", "k")  # a second range, upwards, added to the first
        await pilot.pause()
        assert picked(app) == keys_at(app, [0, 1, 2, 3, 4])
        await pilot.press("space", "j", "j")  # space keeps a range too (and drops no paper of it)
        await pilot.pause()
        assert picked(app) == keys_at(app, [0, 1, 2, 3, 4]) and "(v: range)" not in list_title(app)


async def test_ctrl_a_selects_the_view_and_again_none(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert picked(app) == keys_at(app, range(6)) and "6 selected" in list_title(app)
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert not picked(app) and "selected" not in list_title(app)
        await app.screen.run_action("select_all")  # the palette's "Select all in view"
        assert picked(app) == keys_at(app, range(6))
        await app.screen.run_action("clear_selection")  # ... and its "Clear selection"
        await pilot.pause()
        assert not picked(app) and "selected" not in list_title(app)


async def test_esc_clears_the_selection_before_anything_else(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space", "space", "z")  # zoomed: esc would come back from the zoom
        await pilot.pause()
        assert screen.has_class("-zoom")
        await pilot.press("escape")
        await pilot.pause()
        assert not picked(app) and screen.has_class("-zoom")
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-zoom")


async def test_selection_survives_a_sort_and_a_search_but_not_another_category(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "space")  # papers 1 and 3
        chosen = picked(app)
        await pilot.press("S", "S")  # sorted by date, then title
        await pilot.pause()
        assert picked(app) == chosen and "2 selected" in list_title(app)
        await pilot.press("slash", *"number 3", "enter")
        await pilot.pause(0.3)
        assert picked(app) == chosen
        await pilot.press("escape")  # the selection goes first
        await pilot.pause()
        assert not picked(app) and app.screen.search_text
        await pilot.press("escape")  # then the search
        await pilot.pause()
        await pilot.press("space")
        assert picked(app)
        app.screen.tree.select_id("view:unread")
        await pilot.pause()
        assert not picked(app) and "selected" not in list_title(app)


async def test_bulk_read_is_one_undoable_step_saved_once(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        store = app.lib.store
        await pilot.press("j", "r")  # one paper read on its own, before
        saves = []
        original = store.update_many
        store.update_many = lambda changes: (saves.append(len(changes)), original(changes))[1]
        await pilot.press("ctrl+a", "r")
        await pilot.pause()
        assert store.read_keys() == keys_at(app, range(6))
        assert saves == [5]  # one batch, the five that were unread
        assert "Marked 5 papers read" in toast_text(app)
        await pilot.press("r")  # all read: r marks them unread
        await pilot.pause()
        assert not store.read_keys()
        await pilot.press("u")
        await pilot.pause()
        assert store.read_keys() == keys_at(app, range(6))
        await pilot.press("u")  # the bulk read undone in one step: back to the one paper
        await pilot.pause()
        assert store.read_keys() == keys_at(app, [1])
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert store.read_keys() == keys_at(app, range(6))
        assert "6/6 read" in screen_text(app)


async def test_bulk_star_and_tags(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        store = app.lib.store
        await pilot.press("space", "space", "s")
        await pilot.pause()
        assert store.starred_keys() == keys_at(app, [0, 1])
        assert "Starred 2 papers" in toast_text(app)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"KV cache, base", "enter")  # (base: the list's own tag, not doubled)
        await pilot.pause()
        for key in keys_at(app, [0, 1]):
            assert app.lib.user_tags(key) == ["kv-cache"]
        assert "kv-cache" in screen_text(app)  # the tree's Tags
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"-kv-cache", "enter")
        await pilot.pause()
        assert all(app.lib.user_tags(k) == [] for k in keys_at(app, range(6)))
        await pilot.press("u")  # the removal undone on both papers at once
        await pilot.pause()
        assert all(app.lib.user_tags(k) == ["kv-cache"] for k in keys_at(app, [0, 1]))


async def test_copy_bibtex_markdown_and_links_of_the_selection(home, no_bundled, copied):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "space", "y")
        await until(pilot, lambda: copied)
        assert copied[-1].count("@misc{") == 2 and "2401.00001" in copied[-1] and "2401.00003" in copied[-1]
        await until(pilot, lambda: "Copied BibTeX of 2 papers" in toast_text(app))
        assert "Copied BibTeX of 2 papers" in toast_text(app)
        await pilot.press("Y")
        await until(pilot, lambda: len(copied) == 2)
        assert copied[-1].splitlines() == ["- [Paper number 1](https://arxiv.org/abs/2401.00001)",
                                          "- [Paper number 3](https://arxiv.org/abs/2401.00003)"]
        await pilot.press("c")
        await until(pilot, lambda: len(copied) == 3)
        assert copied[-1].split() == ["https://arxiv.org/abs/2401.00001", "https://arxiv.org/abs/2401.00003"]
        await pilot.press("escape", "y")  # no selection: the paper under the cursor
        await until(pilot, lambda: len(copied) == 4)
        assert copied[-1].count("@misc{") == 1 and "2401.00004" in copied[-1]


async def test_export_writes_the_selection_to_the_file_named(home, no_bundled, tmp_path):
    app = small_app(home)
    target = tmp_path / "out" / "refs.bib"
    target.parent.mkdir()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "v", "j", "v", "e")
        await pilot.pause()
        await pilot.press(*str(target), "enter")
        await until(pilot, target.exists)
        text = target.read_text(encoding="utf-8")
        assert text.count("@misc{") == 2 and "2401.00002" in text and "2401.00003" in text
        await until(pilot, lambda: "Exported 2 papers as BibTeX" in toast_text(app))
        assert "Exported 2 papers as BibTeX" in toast_text(app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*str(tmp_path / "refs.txt"), "enter")
        await pilot.pause()
        assert "does not end in" in toast_text(app)
        await pilot.press("escape", "e")  # no selection: the list on screen
        await pilot.pause()
        notes = tmp_path / "all.md"
        await pilot.press(*str(notes), "enter")
        await until(pilot, notes.exists)
        assert all(f"2401.0000{i}" in notes.read_text(encoding="utf-8") for i in range(1, 7))


async def test_fetch_takes_the_selected_ids(home, no_bundled, monkeypatch):
    app = small_app(home)
    asked: list[list[str]] = []
    monkeypatch.setattr(PaperApp, "fetch_metadata", lambda self, ids: asked.append(ids))
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space", "f")
        await until(pilot, lambda: asked)
        assert asked == [["2401.00001", "2401.00002"]]


async def test_p_downloads_the_selected_pdfs_from_a_loopback_host(host, home, no_bundled, monkeypatch):  # noqa: F811
    from papertui import pdfs

    monkeypatch.setattr(pdfs, "BULK_INTERVAL", 0.05)
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "space", "p")
        await until(pilot, lambda: "Downloaded 2 PDFs" in toast_text(app))
        assert "Downloaded 2 PDFs" in toast_text(app)
        assert sorted(h[0] for h in host.hits) == ["2401.00001", "2401.00003"]
        assert pdfs.local_ids() == {"2401.00001", "2401.00003"}
        app.clear_notifications()
        await pilot.pause()
        assert "↓2401.00001" in screen_text(app) and "↓2401.00003" in screen_text(app)
        await pilot.press("p")  # all here: nothing fetched again
        await pilot.pause()
        assert len(host.hits) == 2 and "here already" in toast_text(app)


async def test_the_help_lists_the_selection_keys():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 200)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Selection" in text and "ctrl+a" in text and "Select a range" in text


async def test_selected_rows_are_legible_in_every_theme():
    from papertui.tui.palette import contrast

    from .test_themes import THEMES, segments

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        await pilot.press("space", "r", "space", "s", "space", "j")  # read, starred, unread: selected
        await pilot.pause()
        unread_title = app.lib.catalog.titles[papers.rows[2]][:20]
        top = papers.region.y + 1
        failures = []
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            marks = 0
            for text, fore, back, y, x in segments(app):
                if not top <= y < top + 3 or not papers.region.x < x < papers.region.right - 2:
                    continue
                marks += text.startswith(SELECTED_MARK)
                need = 4.5 if text.startswith(unread_title) else 3.0
                if contrast(fore, back) < need:
                    failures.append(f"{theme}: {text.strip()[:30]!r} {fore.hex} on {back.hex}")
            if marks != 3:
                failures.append(f"{theme}: {marks} marks")
        assert not failures, "\n".join(failures)


async def test_a_reloaded_library_keeps_the_selection_of_papers_it_still_has(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space")
        chosen = picked(app)
        papers = app.screen.query_one(PaperList)
        papers.selection.keys.add("gone-key")  # a paper the reloaded library lacks
        app.screen.replace_library(app.lib.reloaded())
        await pilot.pause()
        assert picked(app) == chosen and "2 selected" in list_title(app)


async def test_the_hook_for_user_lists_gives_the_selection_else_the_cursor(home, no_bundled):
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.list_targets() == sorted(keys_at(app, [0]))
        await pilot.press("j", "space", "k", "k", "space")  # the 2nd, then the 1st: list order
        await pilot.pause()
        assert screen.list_targets() == [app.lib.catalog.keys[i] for i in screen.papers.rows[:2]]


async def test_a_bulk_copy_without_a_clipboard_says_what_went_through_the_terminal(home, no_bundled, monkeypatch):
    from papertui import clipboard

    monkeypatch.setattr(clipboard, "copy", lambda text: (False, "no clipboard here"))
    app = small_app(home)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space", "Y")
        await until(pilot, lambda: "OSC 52" in toast_text(app))
        assert "Copied Markdown links of 2 papers via the terminal (OSC 52)" in toast_text(app)


async def test_space_still_pages_the_detail_pane():
    app = make_app()
    async with app.run_test(notifications=True, size=(60, 12)) as pilot:
        await pilot.pause()
        await pilot.press("z")  # the detail pane, zoomed and focused (its text is longer than 12 lines)
        await pilot.pause()
        detail = app.screen.detail
        assert app.focused is detail and detail.scroll_y == 0
        assert detail.max_scroll_y > 0
        await pilot.press("space")
        await pilot.pause()
        assert detail.scroll_y > 0 and not picked(app)
