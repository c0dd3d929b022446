"""The scrollbar the panes draw in their own rows (widgets/inline_scrollbar.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.color import Color
from textual.scrollbar import ScrollBarRender

from papertui.library import Library
from papertui.tui.app import PaperApp
from papertui.tui.widgets.category_tree import CategoryTree
from papertui.tui.widgets.detail import DetailPane
from papertui.tui.widgets.inline_scrollbar import bar_segments, thumb_cells
from papertui.tui.widgets.paper_list import PaperList

from .conftest import paper, write_list

BACK, BAR = Color.parse("#202020"), Color.parse("#ff8800")


def looks(segments) -> list[tuple]:
    """What a cell looks like: glyph, colours, reverse (not the mouse meta Textual adds)."""
    return [(s.text, s.style.color, s.style.bgcolor, bool(s.style.reverse)) for s in segments]


@st.composite
def tracks(draw):
    size = draw(st.integers(1, 60))
    virtual = draw(st.integers(1, 100_000))
    window = size  # a vertical bar is as tall as the pane's content
    position = draw(st.integers(0, max(0, virtual - window)))
    return size, virtual, window, position


@given(tracks())
def test_the_bar_looks_exactly_like_textuals(track):
    size, virtual, window, position = track
    ours = thumb_cells(size, virtual, window, position)
    theirs = ScrollBarRender.render_bar(
        size=size,
        virtual_size=virtual,
        window_size=window if window < virtual else 0,  # as ScrollBar passes it
        position=position,
        back_color=BACK.rich_color,
        bar_color=BAR.rich_color,
    ).segments
    if ours is None:
        assert all(s.text == " " and not s.style.reverse for s in theirs)  # no thumb
    else:
        assert looks(bar_segments(size, ours, BACK, BAR)) == looks(theirs)


def long_list(tmp_path, n: int = 200):
    return write_list(tmp_path / "long.json", "Long", [("s", [paper(None, f"Paper {i:03}") for i in range(n)])])


async def test_a_long_list_shows_a_thumb_that_follows_the_cursor(tmp_path):
    app = PaperApp(Library.open(extra_lists=[long_list(tmp_path)]), watch=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        first = papers.thumb
        assert first is not None and first[0] == 0  # at the top
        await pilot.press("G")
        await pilot.pause()
        last = papers.thumb
        assert last is not None and last[2] >= papers.scrollable_content_region.height - 1  # at the bottom
        # The short built-in lists fit their panes: no bar there, only a blank column.
        assert app.screen.query_one(CategoryTree).thumb is None
        # Textual draws no bar of its own, yet the wheel still scrolls every pane.
        for pane in (papers, app.screen.query_one(DetailPane), app.screen.query_one(CategoryTree)):
            assert pane.show_vertical_scrollbar and pane.scrollbar_size_vertical == 0
            assert pane.allow_vertical_scroll


async def test_clicking_the_track_pages_and_dragging_the_thumb_scrolls(tmp_path):
    app = PaperApp(Library.open(extra_lists=[long_list(tmp_path)]), watch=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        height = papers.scrollable_content_region.height
        bar_x = papers.outer_size.width - 2  # inside the right border
        cursor = papers.cursor
        # Below the thumb: a page down. The cursor stays on its paper.
        await pilot.click(papers, offset=(bar_x, height))
        await pilot.pause()
        assert papers.scroll_offset.y == height - 1 or papers.scroll_offset.y == height
        assert papers.cursor == cursor
        # Drag the thumb to the bottom.
        top = papers.thumb[0] + 1
        await pilot.mouse_down(papers, offset=(bar_x, top))
        await pilot.hover(papers, offset=(bar_x, top + height))
        await pilot.mouse_up(papers, offset=(bar_x, top + height))
        await pilot.pause()
        assert papers.scroll_offset.y == papers.max_scroll_y
        assert papers.cursor == cursor
        # A click on a row still picks the paper.
        await pilot.click(papers, offset=(10, 1))
        await pilot.pause()
        assert papers.cursor == int(papers.scroll_offset.y)


async def test_the_wheel_scrolls_a_pane_with_an_inline_bar(tmp_path):
    from textual import events

    app = PaperApp(Library.open(extra_lists=[long_list(tmp_path)]), watch=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        x, y = papers.region.x + 10, papers.region.y + 3  # over a row of the list
        for _ in range(3):
            app.post_message(events.MouseScrollDown(None, x, y, 0, 1, 0, False, False, False, screen_x=x, screen_y=y))
        await pilot.pause()
        assert papers.scroll_offset.y > 0
        assert papers.cursor == 0  # the wheel moves the view, not the cursor
        assert papers.thumb is not None and papers.thumb[0] + papers.thumb[1] > 0  # the thumb left the top


async def test_rows_and_bar_fill_the_pane_exactly(tmp_path):
    """Every pane row is exactly as wide as the pane's content, bar included."""
    app = PaperApp(Library.open(extra_lists=[long_list(tmp_path)]), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        for pane in (app.screen.query_one(PaperList), app.screen.query_one(DetailPane), app.screen.query_one(CategoryTree)):
            width = pane.scrollable_content_region.width
            pane.render_lines(pane.scrollable_content_region.reset_offset)  # prepares the paint
            for y in range(pane.scrollable_content_region.height):
                assert pane.render_line(y).cell_length == width, (type(pane).__name__, y)


def painted(app) -> list[str]:
    """The screen as painted, with colours (each line as terminal output)."""
    return [strip.render(app.console) for strip in app.screen._compositor.render_strips()]


def repainted(app) -> list[str]:
    """The screen after throwing away every widget's painted lines."""
    for widget in app.screen.walk_children():
        widget._styles_cache.clear()
    return painted(app)


async def test_partial_repaints_leave_the_screen_as_a_full_repaint_would(tmp_path):
    """The panes repaint only the rows that change (list rows showing the same paper,
    detail lines equal to the last paper's, one scrollbar cell): after each step of a
    varied session the screen must equal a repaint from scratch."""
    summary = " ".join(f"Point {i} on caching." for i in range(40))
    extra = write_list(
        tmp_path / "mixed.json",
        "Mixed",
        [
            ("Long", [paper(None, f"Paper {i:03}", summary if i % 3 == 0 else "Short.") for i in range(120)]),
            ("Short", [paper(None, f"Other {i}", "Brief.") for i in range(5)]),
        ],
    )
    app = PaperApp(Library.open(extra_lists=[extra]), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        steps = [
            "j", "j", "r", "j", "s", "k",  # move, mark, star
            "shift+tab", *"jjjjjjjjjk", "tab",  # category switches in the tree, down to short sections
            "tab", "end", "shift+tab",  # detail scrolled to its end, back to the list
            "j", "G", "g", "r", "r",
            "shift+tab", "k", "k", "k", "k", "k", "k", "tab",  # to the smart views
            "/", "p", "a", "p", "e", "backspace", "backspace", "escape",  # search narrowing
        ]
        for key in steps:
            await pilot.press(key)
            await pilot.pause()
            assert painted(app) == repainted(app), f"after {key!r}"


async def test_framed_rows_match_textuals_own_rendering(tmp_path):
    """The panes' content rows reuse one frame (border, padding) per paint: they must
    come out as Textual's own per-row path renders them, focused or not, and with a
    tint (which changes the content, so the frame is not reused)."""
    from textual._styles_cache import StylesCache

    from papertui.tui.widgets.framed_rows import FramedRowsCache

    app = PaperApp(Library.open(extra_lists=[long_list(tmp_path)]), watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        panes = [app.screen.query_one(PaperList), app.screen.query_one(DetailPane), app.screen.query_one(CategoryTree)]

        def both(pane) -> tuple[list, list]:
            ours = pane._styles_cache
            assert isinstance(ours, FramedRowsCache)
            ours.clear()
            region = pane.size.region
            fast = [list(strip) for strip in pane.render_lines(region)]
            pane._styles_cache = StylesCache()
            slow = [list(strip) for strip in pane.render_lines(region)]
            pane._styles_cache = ours
            return fast, slow

        for setup in ("blurred", "focused", "tinted"):
            for pane in panes:
                if setup == "focused":
                    pane.focus()
                    await pilot.pause()
                if setup == "tinted":
                    pane.styles.tint = "red 30%"
                fast, slow = both(pane)
                assert fast == slow, (setup, type(pane).__name__)
                assert (pane._styles_cache._frame is None) == (setup == "tinted")


async def test_a_scroll_reuses_the_rows_it_already_painted(tmp_path):
    """Scrolling by a line gives Textual back the same row objects it painted a line
    lower, so it can reuse what it made of them (filtered copies, escape codes)."""
    app = PaperApp(Library.open(extra_lists=[long_list(tmp_path)]), watch=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        height = papers.scrollable_content_region.height
        for _ in range(height - 1):  # the cursor on the last row on screen
            await pilot.press("j")
        await pilot.pause()
        before = dict(papers._styles_cache._cache)  # row on the widget -> what Textual painted
        await pilot.press("j")  # scrolls a line
        await pilot.pause()
        assert papers.scroll_offset.y == 1
        after = papers._styles_cache._cache
        reused = [y for y in range(1, height) if after[y] is before[y + 1]]
        # All but the rows whose cursor state changed (and the bar cells that moved).
        assert len(reused) >= height - 3, reused
