"""Reading flow keys: next/previous unread, read-and-next, PDF, related papers, redo,
half pages. Driven through Pilot."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
        tree.move_cursor(tree.nodes_by_id[app.lib.catalog.list_ids[-1]])
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


async def test_open_pdf_opens_the_arxiv_pdf(opened):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        arxiv = app.lib.catalog.papers[app.screen.papers.current].arxiv
        await pilot.press("O")
        await pilot.pause(0.2)
        assert opened == [f"https://arxiv.org/pdf/{arxiv}"]


async def test_redo_sets_again_what_undo_took_back():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        key = app.lib.catalog.keys[app.screen.papers.current]
        await pilot.press("r", "s", "u", "u")
        assert not app.lib.store.is_read(key) and not app.lib.store.is_starred(key)
        await pilot.press("ctrl+r")
        assert app.lib.store.is_read(key) and not app.lib.store.is_starred(key)
        await pilot.press("ctrl+r")
        assert app.lib.store.is_starred(key)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Nothing to redo" in screen_text(app)
        await pilot.press("u", "r", "ctrl+r")  # a new change ends what could be redone
        assert not app.lib.store.is_starred(key)


async def test_ctrl_d_and_ctrl_u_move_half_a_page():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.papers
        half = max(1, papers._page() // 2)
        await pilot.press("ctrl+d")
        assert papers.cursor == half
        await pilot.press("ctrl+u")
        assert papers.cursor == 0
        await pilot.press("enter")  # the detail pane scrolls by half its height
        detail = app.screen.detail
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert detail.scroll_y == min(detail.max_scroll_y, max(1, detail.scrollable_content_region.height // 2))


async def test_enter_in_the_detail_follows_a_related_paper_or_offers_to_add_it(tmp_path, monkeypatch):
    from .conftest import paper, write_list

    related = [{"title": "Target paper", "arxiv": "2401.00002"}, {"title": "Elsewhere", "arxiv": "2401.09999"}]
    path = write_list(tmp_path / "r.json", "R", [("s", [
        paper("2401.00001", "Source paper", related=related),
        paper("2401.00002", "Target paper", related=[related[1]]),
    ])])
    app = make_app(extra_lists=[path])
    added = []
    monkeypatch.setattr(app, "add_papers", added.append)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.jump_to(app.lib.catalog.first_index["2401.00001"])
        await pilot.press("enter", "enter")  # into the detail; two related papers: pick one
        await pilot.pause()
        assert "Follow a related paper" in screen_text(app)
        await pilot.press("enter")  # the first: in a list
        await pilot.pause()
        assert app.lib.catalog.papers[app.screen.papers.current].title == "Target paper"
        assert isinstance(app.focused, PaperList)
        await pilot.press("enter", "enter")  # its one related paper is in no list: offered
        await pilot.pause()
        assert "add arXiv 2401.09999" in screen_text(app)
        await pilot.press("y")
        assert added == [["2401.09999"]]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.tuples(st.just("set"), st.integers(0, 2), st.booleans()), st.sampled_from(["undo", "redo"])),
                max_size=25))
def test_undo_and_redo_walk_the_same_states_as_a_list_of_snapshots(tmp_path_factory, steps):
    """The reference: the states after each change, a position in them; undo steps back,
    redo steps forward, a change drops what was ahead."""
    from papertui.library import History
    from papertui.store import Store

    store = Store.open(tmp_path_factory.mktemp("h") / "s.json")
    history = History(store)
    keys = ["a", "b", "c"]
    states, at = [{k: False for k in keys}], 0

    def now():
        return {k: store.is_read(k) for k in keys}

    for step in steps:
        if step == "undo":
            done = history.undo()
            assert (done is None) == (at == 0)
            at = max(0, at - 1)
        elif step == "redo":
            done = history.redo()
            assert (done is None) == (at == len(states) - 1)
            at = min(len(states) - 1, at + 1)
        else:
            _, i, value = step
            if store.is_read(keys[i]) == value:
                continue  # (a change to the same value is no step: values_before is still recorded)
            history.change("read", {keys[i]: {"read": value}})
            states = states[: at + 1] + [now()]
            at += 1
        assert now() == states[at]
