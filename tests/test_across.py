"""Papers seen in several lists: the count, the Across lists view, the badge and the detail line."""

from __future__ import annotations

from papertui.library import Library
from papertui.tui.app import PaperApp
from papertui.tui.widgets.category_tree import VIEW_ACROSS
from papertui.tui.widgets.detail import DetailPane

from .conftest import paper, screen_text, write_list


def lists(home) -> None:
    # 2405.12981 is in a bundled list too: three lists; 2401.00001 in two; 2401.00002 in one.
    write_list(home / "lists" / "a.json", "Digest A", [("S", [paper("2401.00001", "Shared twice"),
                                                              paper("2405.12981", "Cross-layer attention")])])
    write_list(home / "lists" / "b.json", "Digest B", [("S", [paper("2401.00002", "Only here"),
                                                              paper("2405.12981", "Cross-layer attention")]),
                                                       ("T", [paper("2401.00001", "Shared twice")])])


def test_counts_and_the_view_order(home):
    lists(home)
    lib = Library.open()
    assert lib.source_count("2405.12981") == 3
    assert lib.source_count("2401.00001") == 2 and lib.source_count("2401.00002") == 1
    assert lib.source_count("nope") == 0
    assert [lib.catalog.keys[i] for i in lib.across_lists()] == ["2405.12981", "2401.00001"]
    assert lib.sources("2401.00001") == ["Digest A", "Digest B"]


def test_no_paper_in_two_lists_no_view(home):
    assert Library.open().across_lists() == []


async def test_the_view_badge_and_detail(home):
    lists(home)
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        assert VIEW_ACROSS in main.tree.nodes_by_id
        main.action_show_view(VIEW_ACROSS)
        await pilot.pause()
        assert [app.lib.catalog.keys[i] for i in main.papers.rows] == ["2405.12981", "2401.00001"]
        text = screen_text(app)
        assert "Across lists" in text and "≡ Across lists" in text
        assert " ×3" in text and " ×2" in text
        detail = main.query_one(DetailPane).text
        assert "seen in 3 lists" in detail
        flat = " ".join(detail.split())  # (the places share a line, wrapped to the pane)
        assert "Digest A › S" in flat and "Digest B › S" in flat
