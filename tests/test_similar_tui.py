"""Similar papers in the TUI: the detail's Similar section, the `similar` view, the sort by my stars."""

from __future__ import annotations

import pytest

from papertui.tui.screens import paper_extras as main_screen
from papertui.tui.screens.paper_extras import SIMILAR_VIEW
from papertui.tui.widgets.detail import DetailPane

from .conftest import screen_text
from .test_tui import current, make_app, titles, until


@pytest.fixture(autouse=True)
def similar_index(monkeypatch):
    monkeypatch.setattr(main_screen, "BUILD_SIMILAR", True)  # built after start-up, as in real use


async def test_similar_section_and_view(home):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await until(pilot, lambda: app.similar_index is not None, timeout=15)
        main = app.screen
        main.jump_to(app.lib.catalog.first_index["2405.10637"])  # Layer-Condensed KV Cache
        await pilot.pause()
        detail = main.query_one(DetailPane).text
        assert "\nSimilar\n" in detail
        similar_part = detail.split("\nSimilar\n", 1)[1]
        assert "GEAR: An Efficient KV Cache" in similar_part and "(2403.05527)" in similar_part
        await pilot.press("M")
        await pilot.pause()
        assert main.category == SIMILAR_VIEW + "2405.10637"
        shown = titles(app)
        assert shown[0].startswith("Layer-Condensed KV Cache")
        assert any(t.startswith("GEAR") for t in shown[1:3])
        assert "Like: Layer-Condensed KV Cache" in screen_text(app)
        assert current(app).arxiv == "2405.10637"


async def test_sort_by_relevance_to_my_stars(home):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await until(pilot, lambda: app.similar_index is not None, timeout=15)
        main = app.screen
        main.jump_to(app.lib.catalog.first_index["2405.12981"])  # cross-layer attention (KV cache)
        await pilot.press("s")  # star it
        for _ in range(4):  # list -> date -> title -> changed -> stars
            await pilot.press("S")
        await pilot.pause()
        assert main.sort_mode == "stars"
        order = [p.arxiv for p in (app.lib.catalog.papers[i] for i in main.papers.rows)]
        assert order[0] == "2405.12981"
        assert {"2405.10637", "2403.05527"} <= set(order[1:4])
        assert "by relevance to my stars" in screen_text(app)


async def test_a_big_library_works_out_the_section_once_the_cursor_rests(home, monkeypatch):
    monkeypatch.setattr(main_screen, "SIMILAR_SYNC_MAX", 10)  # the bundled 33 papers count as big
    monkeypatch.setattr(main_screen, "SIMILAR_SETTLE", 1.0)  # (long: a slow machine's key presses stay within)
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await until(pilot, lambda: app.similar_index is not None, timeout=15)
        main = app.screen
        calls = []
        from papertui import similar

        monkeypatch.setattr(similar, "similar_indices", lambda *a, **k: calls.append(a[2]) or [])
        await pilot.press("j", "j", "j", "j")  # 4 papers passed: none is asked for
        assert calls == []
        assert main.query_one(DetailPane).text.endswith("Similar\n…")
        await until(pilot, lambda: bool(calls))
        assert calls == [main.papers.current]  # only where the cursor rests


async def test_new_tags_rebuild_the_index(home, monkeypatch):
    from papertui.tui import app_extras

    monkeypatch.setattr(app_extras, "SIMILAR_REBUILD_DELAY", 0.1)
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await until(pilot, lambda: app.similar_index is not None, timeout=15)
        first = app.similar_index
        main = app.screen
        main._change("tags", {"2405.11157": {"tags": ["kv-cache"]}})
        await until(pilot, lambda: app.similar_index is not first, timeout=15)
        assert app.similar_index.signature != first.signature
        main._change("read", {"2405.11157": {"read": True}})  # not part of the text: the same index
        second = app.similar_index
        await until(pilot, lambda: app.similar_index is not second, timeout=2)
        assert app.similar_index is second or app.similar_index.signature == second.signature
