"""Category ids survive adding, removing and reordering lists (the session keeps one)."""

from __future__ import annotations

from papertui import paths
from papertui.library import Library
from papertui.settings import save_session
from papertui.tui.app import PaperApp

from .conftest import paper, write_list


def make_app() -> PaperApp:
    return PaperApp(Library.open(), watch=False)


async def test_the_session_list_survives_a_list_that_sorts_first(home):
    lists = paths.user_lists_dir()
    write_list(lists / "b-list.json", "List B", [("Part one", [paper("2401.00001", "B one")]),
                                                 ("Part two", [paper("2401.00002", "B two")])])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        section = next(c for c in app.screen.tally.categories if c.label == "Part two")
        tree.move_cursor(tree.nodes_by_id[section.id])
        await pilot.pause()
        assert app.screen.category == section.id
        await pilot.press("q")
    write_list(lists / "a-list.json", "List A", [("Part two", [paper("2401.00003", "A two")])])  # sorts first
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.screen.category == section.id
        assert again.screen.category_name(section.id) == "List B › Part two"
        assert [again.lib.catalog.titles[i] for i in again.screen.papers.rows] == ["B two"]


async def test_an_old_positional_session_is_ignored(home):
    save_session(paths.session_path(), {"category": "list:1", "paper": "2405.10370", "sort": "list"})
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.category == "view:all"
        assert app.lib.catalog.papers[app.screen.papers.current].arxiv == "2405.10370"


def test_ids_are_unique_for_same_names(home, tmp_path):
    same = [("Same", [paper("2401.00001", "x")]), ("Same", [paper("2401.00002", "y")])]
    extra = [write_list(tmp_path / "one" / "l.json", "L1", same), write_list(tmp_path / "two" / "l.json", "L2", same)]
    lib = Library.open(extra_lists=extra)
    ids = [c.id for c in lib.categories() if c.kind in ("list", "section")]
    assert len(ids) == len(set(ids))
    assert "list:l.json" in ids and "list:l.json~2" in ids and "section:l.json/Same~2" in ids
