"""Textual's private hooks (papertui/tui/compat.py): each still there as used, and a switch
that turns the optional ones off (the app still works)."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from textual._styles_cache import StylesCache
from textual.strip import Strip
from textual.widgets import Static, Tree

from papertui.library import Library
from papertui.tui import compat, strip_cycles
from papertui.tui.app import PaperApp
from papertui.tui.widgets.category_tree import CategoryTree
from papertui.tui.widgets.detail import DetailPane
from papertui.tui.widgets.framed_rows import FramedRowsCache
from papertui.tui.widgets.paper_list import PaperList

from .conftest import screen_text

TUI = Path(__file__).resolve().parent.parent / "papertui" / "tui"


@pytest.mark.parametrize("module, name, params, needed", compat.HOOKS, ids=[h[1] for h in compat.HOOKS])
def test_each_private_hook_is_still_there_as_papertui_uses_it(module, name, params, needed):
    obj = importlib.import_module(module)
    for part in name.split("."):
        assert hasattr(obj, part), f"Textual changed: {module}.{name} is gone (see papertui/tui/compat.py)"
        obj = getattr(obj, part)
    if params is not None:
        got = tuple(inspect.signature(obj).parameters)
        assert got == params, f"Textual changed: {module}.{name}{got}, compat.py expects {params}"


def test_the_private_attributes_used_are_set_on_new_objects():
    widget = Static()
    assert isinstance(widget._styles_cache, StylesCache)
    assert hasattr(widget, "_border_title")
    assert hasattr(widget._bindings, "key_to_bindings")
    node = Tree("root").root
    assert hasattr(node, "_label") and isinstance(node._updates, int)
    from textual.app import App

    assert isinstance(App()._keymap, dict)


def test_nothing_outside_compat_uses_textual_internals():
    """Private Textual names are reached through compat.py only (overrides of Textual's
    private methods stay in their classes, and are listed in compat.HOOKS)."""
    private_use = re.compile(
        r"textual\._|textual\.widgets\._|(app|screen|node|event|widget|tree)\._[a-z]"
        r"|self\.(_check_bindings|_get_node|_render_line|_invalidate|_styles_cache|_border_title|_unnotify|_bindings)\b"
        r"|from textual[\w.]* import .*\b_[a-z]|getattr\([^)]*[\"']_"
    )
    found = []
    for path in TUI.rglob("*.py"):
        if path.name == "compat.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if private_use.search(line):
                found.append(f"{path.relative_to(TUI)}:{n}: {line.strip()}")
    assert found == []


async def test_with_the_switch_on_the_app_boots_and_navigates_on_public_paths(home, monkeypatch):
    monkeypatch.setenv("PAPERTUI_NO_COMPAT", "1")
    app = PaperApp(Library.open(), watch=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not compat.ENABLED
            assert Strip.divide is strip_cycles._divide  # Textual's own
            papers, tree, detail = (app.screen.query_one(t) for t in (PaperList, CategoryTree, DetailPane))
            for pane in (papers, tree, detail):
                assert type(pane._styles_cache) is StylesCache and not pane._inline_bar
                assert pane.styles.scrollbar_size_vertical == 1  # Textual's scrollbar
            first = app.lib.catalog.papers[papers.current].title
            assert first[:30] in screen_text(app)
            await pilot.press("j", "j")
            assert papers.cursor == 2
            second = app.lib.catalog.papers[papers.current].title
            await pilot.pause()
            assert second[:30] in screen_text(app)
            await pilot.press("shift+tab", "j", "j")  # the tree: All -> Unread -> Starred (none)
            await pilot.pause()
            assert app.focused is tree and papers.rows == []
            await pilot.press("k", "k", "slash", *"kv cache", "enter")  # back to All, and a search
            await pilot.pause(0.5)
            found = [app.lib.catalog.papers[i].title for i in papers.rows]
            assert found and any("KV" in t or "Cache" in t for t in found)
            tree.refresh_counts()  # the labels, set one by one
            await pilot.pause()
            assert "All" in screen_text(app)
    finally:
        monkeypatch.delenv("PAPERTUI_NO_COMPAT")
        compat.refresh_from_env()
        compat.install_strip_patch()


async def test_without_the_switch_the_hooks_are_on(home):
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert compat.ENABLED and Strip.divide is strip_cycles._divide_without_cycle
        tree = app.screen.query_one(CategoryTree)
        assert isinstance(tree._styles_cache, FramedRowsCache) and tree._inline_bar
        assert tree.styles.scrollbar_size_vertical == 0


def test_a_cleared_row_cache_leaves_no_cycle_for_the_collector():
    """LRUCache links its entries in a ring: cleared, the ring would wait for the cycle
    collector (held back while keys are typed) with the rows it holds."""
    import gc
    import weakref

    from textual.cache import LRUCache

    class Row:
        pass

    def kept_after_clear(cache) -> bool:
        row = Row()
        alive = weakref.ref(row)
        for i in range(5):
            cache.set(i, Row())
        cache.set("row", row)
        cache.get(2)  # (moves an entry: the ring is relinked)
        del row
        cache.clear()
        return alive() is not None

    gc.collect()
    gc.disable()
    try:
        assert kept_after_clear(LRUCache(10))  # (Textual's: the ring is garbage, not freed yet)
        assert not kept_after_clear(compat.RowCache(10))
    finally:
        gc.enable()
    cache = compat.RowCache(2)
    cache.put("a", 1)
    cache.put("a", 2)  # (LRUCache.set keeps the first value)
    cache.put("b", 3)
    cache.put("c", 4)  # the least recently used goes
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, 3, 4)
