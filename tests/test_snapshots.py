"""Layout snapshots (pytest-textual-snapshot). Update with: pytest --snapshot-update."""

from papertui.library import Library
from papertui.tui.app import PaperApp


def app() -> PaperApp:
    return PaperApp(Library.open(), watch=False)


def test_main_screen_wide(snap_compare):
    assert snap_compare(app(), terminal_size=(120, 40), press=["j", "r", "s"])


def test_main_screen_80x24(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24))


def test_help_screen(snap_compare):
    assert snap_compare(app(), terminal_size=(100, 30), press=["question_mark"])


def test_search_with_highlights(snap_compare):
    assert snap_compare(app(), terminal_size=(120, 30), press=["slash", *"trnsformer", "down"])


def test_zoomed_detail_80x24(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), press=["j", "z"])


def test_main_screen_60x20(snap_compare):
    assert snap_compare(app(), terminal_size=(60, 20))


def test_main_screen_with_a_selection(snap_compare):
    # Papers 2-3 picked with space, then read and starred (r, s act on both); 5-7 picked with a range (v j j v).
    keys = ["j", "space", "space", "j", "v", "j", "j", "v", "j"]
    assert snap_compare(app(), terminal_size=(120, 40), press=[*keys[:3], "r", "s", *keys[3:]])
