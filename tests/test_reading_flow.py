"""Reading flow keys: next/previous unread, read-and-next, PDF, related papers, redo,
half pages. Driven through Pilot."""

from __future__ import annotations

from papertui.library import Library
from papertui.tui.app import PaperApp
from papertui.tui.widgets.paper_list import PaperList

from .conftest import screen_text


def make_app(**kwargs) -> PaperApp:
    return PaperApp(Library.open(**kwargs), watch=False)


def cursor(app) -> int:
    return app.screen.query_one(PaperList).cursor


def read_at(app, *positions: int) -> None:
    papers = app.screen.query_one(PaperList)
    for p in positions:
        app.lib.store.set_read(app.lib.catalog.keys[papers.rows[p]], True)


async def test_next_and_previous_unread_skip_read_papers_and_wrap():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        count = len(app.screen.query_one(PaperList).rows)
        read_at(app, 1, 2, count - 1)
        await pilot.press("full_stop")
        assert cursor(app) == 3
        await pilot.press("comma")
        assert cursor(app) == 0
        await pilot.press("comma")  # wraps past the read last paper
        assert cursor(app) == count - 2
        await pilot.press("full_stop", "full_stop")  # wraps to the top
        assert cursor(app) == 3


async def test_read_and_next_marks_and_moves_and_says_when_none_is_left(tmp_path):
    from .conftest import paper, write_list

    path = write_list(tmp_path / "l.json", "Mine", [("s", [paper(f"2401.0000{i}", f"P{i}") for i in range(1, 4)])])
    app = make_app(extra_lists=[path])
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        tree.move_cursor(tree.nodes_by_id["list:" + str(len(app.lib.catalog.lists) - 1)])
        await pilot.pause()
        app.screen.focus_now(app.screen.papers)
        keys = [app.lib.catalog.keys[i] for i in app.screen.papers.rows]
        await pilot.press("m")
        assert app.lib.store.is_read(keys[0]) and cursor(app) == 1
        await pilot.press("m", "m")
        assert all(app.lib.store.is_read(k) for k in keys)
        await pilot.pause()
        assert "No other unread paper in this list" in screen_text(app)
        await pilot.press("u")  # one undo step per mark
        assert not app.lib.store.is_read(keys[2])
