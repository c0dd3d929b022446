"""The search bar's feedback and ways out of a search, driven through Pilot."""

from __future__ import annotations

from papertui.library import Library
from papertui.tui.app import PaperApp
from papertui.tui.widgets.category_tree import CategoryTree
from papertui.tui.widgets.paper_list import PaperList

from .conftest import paper, screen_text, write_list
from .test_tui import titles, type_query, underlined_text


def shown(app, selector: str) -> str:
    """The plain text of a Static (wrapped lines are not joined on screen)."""
    return str(app.screen.query_one(selector).content)


def make_app(**kwargs) -> PaperApp:
    return PaperApp(Library.open(**kwargs), watch=False)


async def test_unknown_and_empty_filters_get_a_hint_under_the_query():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "foo:bar")
        assert "unknown filter foo: — try tag: list: sec: id: year: is: author: in:" in shown(app, "#search-hint")
        assert "unknown filter foo:" in screen_text(app)
        search = app.screen.query_one("#search-input")
        search.value = "tag:"
        await pilot.pause()
        assert shown(app, "#search-hint") == "tag: needs a value, e.g. tag:kv-cache (ignored until then)"
        search.value = "kv"
        await pilot.pause()
        assert "needs a value" not in screen_text(app) and "unknown filter" not in screen_text(app)
        assert not app.screen.query_one("#search-hint").display


async def test_ctrl_t_in_all_says_the_search_is_over_all_papers():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "kv")
        assert shown(app, "#search-info") == "3 matches in all papers"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Already searching all papers" in screen_text(app)
        assert "in All papers" not in screen_text(app) and len(titles(app)) == 3


async def test_the_scope_hint_names_the_category_ctrl_t_narrows_to():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CategoryTree)
        tree.move_cursor(tree.nodes_by_id[app.lib.catalog.list_ids[1]])
        await pilot.pause()
        await type_query(pilot, "kv")
        assert shown(app, "#search-info") == "3 matches in all papers  ctrl+t only Big Model Weekly 第14期"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert shown(app, "#search-info") == "1 match in Big Model Weekly 第14期  ctrl+t all papers"


async def test_a_folded_match_is_highlighted_where_it_was_found(tmp_path):
    path = write_list(tmp_path / "de.json", "DE", [("s", [paper(None, "Die Straße der Modelle")])])
    app = make_app(extra_lists=[path])
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "strasse")
        assert titles(app) == ["Die Straße der Modelle"]
        papers = app.screen.query_one(PaperList)
        assert "".join(seg.text for seg in papers.render_line(0) if seg.style and seg.style.underline) == "Straße"
        assert "Straße" in underlined_text(app, min_x=papers.region.right)


async def test_esc_in_the_results_clears_the_search():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "xyzzy")
        await pilot.press("enter")
        assert isinstance(app.focused, PaperList) and titles(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) == 33 and "0 matches" not in screen_text(app)
        assert not app.screen.query_one("#search-bar").display
        assert app.screen.query_one("#search-input").value == ""


async def test_esc_from_the_detail_goes_back_to_the_results_then_clears():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "kv")
        await pilot.press("enter", "j")
        kept = app.screen.query_one(PaperList).current
        await pilot.press("enter")  # into the detail pane
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, PaperList) and len(titles(app)) == 3  # still the results
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) == 33 and app.screen.query_one(PaperList).current == kept


async def test_editing_tags_keeps_the_tree_as_it_was():
    """Tags added or removed rebuild the tree's categories: the Tags node stays open, a
    collapsed list stays collapsed, and the tree's and list's cursors stay put."""
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CategoryTree)
        tree.nodes_by_id["group:tags"].expand()
        tree.nodes_by_id[app.lib.catalog.list_ids[0]].collapse()
        await pilot.pause()
        await pilot.press("j", "j")
        papers = app.screen.query_one(PaperList)
        before = papers.current
        await pilot.press("t", *"okapi", "enter")
        await pilot.pause()
        assert "tag:okapi" in tree.nodes_by_id  # rebuilt: the new tag is in the tree
        assert tree.nodes_by_id["group:tags"].is_expanded
        assert not tree.nodes_by_id[app.lib.catalog.list_ids[0]].is_expanded and tree.nodes_by_id[app.lib.catalog.list_ids[1]].is_expanded
        assert tree.cursor_node is tree.nodes_by_id["view:all"]
        assert papers.current == before and isinstance(app.focused, PaperList)
