"""The action table: footer, ? and the palette follow the user's keymap; each action once."""

from __future__ import annotations

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
        rows = dict((what, keys) for keys, what in help_rows(app))
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
        assert dict((w, k) for k, w in rows)[BY_ID["focus-list"].help] == "esc"


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
    assert keys_label("page-down", {}) == "pgdn / space / ctrl+f"
    assert keys_label("toggle-read", {"toggle-read": "x,ctrl+r"}) == "x / ctrl+r"


def test_every_binding_id_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [a.id for a in ACTIONS if f"`{a.id}`" not in readme]
    assert not missing
