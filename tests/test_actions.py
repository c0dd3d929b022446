"""The action table: footer, ? and the palette follow the user's keymap; each action once."""

from __future__ import annotations

from rich.cells import cell_len

from papertui.library import Library
from papertui.tui.actions import ACTIONS, BY_ID, conflicts, keys_label
from papertui.tui.app import PaperApp
from papertui.tui.widgets.key_bar import KeyBar

from .conftest import screen_text


def make_app() -> PaperApp:
    return PaperApp(Library.open(), watch=False)


def write_config(home, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def help_rows(app) -> list[tuple[str, str]]:
    """(keys, words) of each row of the open help screen."""
    box = app.screen.query_one("#help-box").region
    rows = []
    for strip in app.screen._compositor.render_strips()[box.y : box.bottom]:
        cells = strip.crop(box.x + 1, box.right - 1).text.strip("│ ").split("  ", 1)
        if len(cells) == 2 and cells[1].strip():
            rows.append((cells[0].strip(), cells[1].strip()))
    return rows


async def test_a_rebound_key_shows_in_the_footer_help_and_palette(home):
    write_config(home, '[keys]\ntoggle-read = "x"\n')
    app = make_app()
    async with app.run_test(notifications=True, size=(160, 60)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert ("x", "x", "Read") in bar.hints and not any(key == "r" for key, _, _ in bar.hints)
        await pilot.press("x")
        assert app.lib.store.read_keys()  # x marks read
        await pilot.press("question_mark")
        await pilot.pause()
        rows = {what: keys for keys, what in help_rows(app)}
        assert rows["Toggle read / unread"] == "x"
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle read")
        await pilot.pause(0.5)
        text = screen_text(app)
        assert "Toggle read / unread (x)" in text and "(r)" not in text


async def test_help_lists_each_action_once_with_readme_key_names():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 200)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        rows = help_rows(app)
        words = [what for _, what in rows]
        assert len(words) == len(set(words)), [w for w in words if words.count(w) > 1]
        keys = [k for k, what in rows if what not in ("Answer yes", "Answer no")]
        for action in ACTIONS:
            if action.keys:
                assert words.count(action.help) == 1, action.id
        for letter in "yYifFaRS":
            assert sum(letter in k.split(" / ") for k in keys) == 1, letter
        text = screen_text(app)
        assert "escape" not in text and "esc" in text
        assert {w: k for k, w in rows}[BY_ID["focus-list"].help] == "esc"


async def test_a_key_taken_from_another_action_is_warned_about_once(home):
    write_config(home, '[keys]\ntoggle-read = "s"\n')
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        clashes = [m for m in messages if "toggle-read" in m]
        assert len(clashes) == 1 and "toggle-star" in clashes[0] and "config.toml" in clashes[0]
        assert "\n" not in clashes[0]


def test_conflicts_only_between_actions_active_together():
    assert conflicts({}) == []
    assert conflicts({"toggle-read": "x"}) == []
    # The list's g and the tree's g never act at the same time; the list's and the screen's do.
    assert conflicts({"cursor-down": "g"}) == ["[keys] cursor-down and first both use g; only one of them will act"]
    assert conflicts({"search-scope": "ctrl+p"}) == []
    assert conflicts({"toggle-star": "?"})[0].startswith("[keys] toggle-star and help both use ?")
    assert conflicts({"tggle-read": "x"}) == ["[keys] tggle-read: no such binding id (see the README's keys table)"]


def test_keys_are_named_as_the_readme_names_them():
    assert keys_label("focus-list", {}) == "esc"
    assert keys_label("help", {}) == "? / f1"
    assert keys_label("search", {}) == "/"
    assert keys_label("page-down", {}) == "pgdn / ctrl+f"
    assert keys_label("toggle-read", {"toggle-read": "x,ctrl+r"}) == "x / ctrl+r"


def test_every_binding_id_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [a.id for a in ACTIONS if f"`{a.id}`" not in readme]
    assert not missing


async def test_zoom_gives_the_detail_the_screen_and_comes_back():
    app = make_app()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("z")
        await pilot.pause()
        assert not screen.tree.display or screen.tree.region.width == 0
        assert screen.papers.region.width == 0 and screen.detail.region.width >= 78
        assert app.focused is screen.detail
        await pilot.press("z")
        await pilot.pause()
        assert screen.papers.region.width > 0 and app.focused is screen.papers
        await pilot.press("z", "escape")  # esc also comes back
        await pilot.pause()
        assert screen.papers.region.width > 0 and app.focused is screen.papers


async def test_toggle_tree_hides_it_and_the_next_start_remembers(home):
    app = make_app()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        wide = app.screen.papers.region.width
        await pilot.press("T")
        await pilot.pause()
        assert app.screen.tree.region.width == 0 and app.screen.papers.region.width > wide
        await pilot.press("q")
    app = make_app()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.tree.region.width == 0
        await pilot.press("T")
        await pilot.pause()
        assert app.screen.tree.region.width > 0


async def test_80x24_shows_the_summary_under_the_list():
    app = make_app()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        paper = app.lib.catalog.papers[app.screen.papers.current]
        detail = app.screen.detail.region
        strips = app.screen._compositor.render_strips()[detail.y : detail.bottom]
        shown = "".join(strip.crop(detail.x, detail.right).text for strip in strips).replace(" ", "")
        assert paper.summary[:12].replace(" ", "") in shown


async def test_60x20_keeps_help_and_quit_and_whole_numbers_in_the_title():
    app = make_app()
    async with app.run_test(notifications=True, size=(60, 20)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "?" in lines[-1] and "Help" in lines[-1] and "q Quit" in lines[-1]
        title = lines[0].strip()
        pieces = app.screen._title_pieces
        assert any(title == "  ·  ".join(["papertui  " + pieces[0], *pieces[1:n]]) for n in range(1, len(pieces) + 1))
        assert title.endswith(("read (0%)", "starred", "read"))


async def test_g_and_G_move_to_the_first_and_last_category_in_the_tree():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        await pilot.press("shift+tab")
        assert app.focused is tree
        await pilot.press("j", "j", "G")
        await pilot.pause()
        assert tree.cursor_line == tree.last_line > 3
        await pilot.press("g")
        await pilot.pause()
        assert tree.cursor_line == 0 and app.screen.category == "view:all"


async def test_the_palette_screenshot_saves_without_a_downloads_folder(home, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "nohome"))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "nohome" / "Downloads"))
    app = make_app()
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"screenshot")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(40):
            await pilot.pause(0.05)
            if any("Screenshot" in n.message for n in app._notifications):
                break
        messages = [n.message for n in app._notifications]
        saved = list((home / "screenshots").glob("*.svg"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")
        assert f"Screenshot saved to {saved[0]}" in messages


async def test_a_rebound_key_keeps_its_place_in_the_footer(home):
    write_config(home, '[keys]\ntoggle-read = "x"\n')
    app = make_app()
    async with app.run_test(notifications=True, size=(160, 40)) as pilot:
        await pilot.pause()
        assert [d for _, _, d in app.screen.query_one(KeyBar).hints][:2] == ["Read", "Star"]


async def test_the_detail_is_repainted_whole_when_the_tree_is_hidden():
    """Rows that read the same at the new width were kept from the old width (cut short)."""
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        for _ in range(2):
            await pilot.press("T")
            await pilot.pause(0.3)
            box = app.screen.detail.region
            rows = [s.crop(box.x, box.right).text for s in app.screen._compositor.render_strips()[box.y : box.bottom]]
            # Every row as wide as the pane, its right border in the last cell (not inside).
            assert all(cell_len(row) == box.width for row in rows), rows
            assert all(row.rstrip(" ▁▂▃▄▅▆▇█▔")[-1] in "│╮╯" for row in rows), rows
