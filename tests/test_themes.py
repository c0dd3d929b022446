"""Every theme Textual ships is legible in papertui, and read papers are dimmer than unread ones."""

from __future__ import annotations

from textual.app import App
from textual.color import Color

from papertui.library import Library
from papertui.tui.app import PaperApp
from papertui.tui.palette import contrast, legible
from papertui.tui.widgets.paper_list import PaperList

LINES = set("╭╮╰╯─│├└┬┴┼┤┌┐┘━┃▼▶ ")  # borders and tree guides: held to the border ratio
BARS = set("▁▂▃▄▅▆▇█▔▕▏ ")  # Textual's scrollbar: not text
THEMES = sorted(t for t in App().available_themes if not t.startswith("ansi"))  # (ansi: the terminal's own colours)


def rgb(color) -> Color:
    r, g, b = color.get_truecolor()
    return Color(r, g, b)


def segments(app):
    """(text, foreground, background, y, x) of every painted piece of text on screen."""
    background = Color.parse(app.theme_variables["background"])
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for seg in strip:
            x += seg.cell_length
            if seg.control or not seg.text.strip() or set(seg.text) <= BARS:
                continue
            style = seg.style
            assert style is not None and style.color is not None, (app.theme, seg.text)
            back = rgb(style.bgcolor) if style.bgcolor is not None else background
            fore = rgb(style.color)
            if style.reverse:
                fore, back = back, fore
            yield seg.text, fore, back, y, x - seg.cell_length


def test_legible_reaches_the_ratio_against_every_background():
    grey, cream, white = Color.parse("#999999"), Color.parse("#fdf6e3"), Color.parse("#ffffff")
    assert contrast(white, cream) < 1.1
    for ratio in (2, 3, 4.5, 7):
        assert min(contrast(legible(white, [cream, grey], ratio), b) for b in (cream,)) >= ratio
    assert legible(Color.parse("#000000"), [cream], 4.5) == Color.parse("#000000")  # already fine: unchanged


async def test_every_builtin_theme_is_legible_and_read_is_dimmer():
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        catalog = app.lib.catalog
        unread_title = catalog.titles[papers.rows[0]][:20]
        read_title = catalog.titles[papers.rows[1]][:20]
        await pilot.press("j", "r", "j", "s", "j")  # the 2nd paper read, the 3rd starred, the cursor on the 4th
        await pilot.pause()
        failures = []
        for theme, tree_focused in [(t, f) for t in THEMES for f in (False, True)]:
            app.theme = theme
            if tree_focused:  # the list's cursor row blurred, the tree's focused
                await pilot.press("shift+tab")
            await pilot.pause()
            title_contrast = {}
            for text, fore, back, y, _x in segments(app):
                ratio = contrast(fore, back)
                need = 2.0 if set(text) <= LINES else 3.0
                if text.strip().startswith((unread_title, read_title)) and y < 12:
                    which = "unread" if text.strip().startswith(unread_title) else "read"
                    title_contrast[which] = ratio
                    need = 4.5 if which == "unread" else 3.0
                if ratio < need:
                    failures.append(f"{theme}: {text.strip()[:30]!r} {fore.hex} on {back.hex}: {ratio:.2f} < {need}")
            assert set(title_contrast) == {"unread", "read"}, (theme, title_contrast)
            await pilot.press("question_mark")  # the help screen, in this theme
            await pilot.pause()
            box = app.screen.query_one("#help-box").region
            for text, fore, back, y, x in segments(app):
                if box.y < y < box.bottom - 1 and box.x < x < box.right - 1 and not set(text) <= LINES and contrast(fore, back) < 3.0:
                    failures.append(f"{theme} help: {text.strip()[:30]!r} {fore.hex} on {back.hex}")
            await pilot.press("escape")
            if tree_focused:
                await pilot.press("tab")
            if title_contrast["read"] >= title_contrast["unread"] - 0.5:
                failures.append(f"{theme}: read titles ({title_contrast['read']:.2f}) not dimmer than unread "
                                f"({title_contrast['unread']:.2f})")
        assert not failures, "\n".join(failures)


async def test_the_search_bar_is_legible_in_every_theme():
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "k", "v")
        await pilot.pause()
        bar = app.screen.search_bar.region
        failures = []
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            for text, fore, back, y, x in segments(app):
                if bar.y <= y < bar.bottom and bar.x <= x < bar.right and contrast(fore, back) < 3.0:
                    failures.append(f"{theme}: {text.strip()!r} {fore.hex} on {back.hex}: {contrast(fore, back):.2f}")
        assert not failures, "\n".join(failures)
