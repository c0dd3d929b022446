"""Behaviour of the TUI, driven by keys through Pilot."""

from __future__ import annotations

import asyncio

import pytest

from papertui import clipboard
from papertui.library import Library
from papertui.tui.app import PaperApp
from papertui.tui.widgets.category_tree import CategoryTree
from papertui.tui.widgets.detail import DetailPane
from papertui.tui.widgets.paper_list import PaperList

from .conftest import paper, screen_text, toast_text, write_list


def underlined_text(app, min_x: int = 0) -> str:
    """The underlined (highlighted) text on screen, right of column ``min_x``."""
    out = []
    for strip in app.screen._compositor.render_strips():
        x = 0
        for seg in strip:
            if x >= min_x and seg.style and seg.style.underline and not seg.control:
                out.append(seg.text)
            x += seg.cell_length
    return " ".join(out)


async def until(pilot, condition, timeout: float = 5.0) -> None:
    """Let the app run until ``condition()`` holds (or the time is up: the asserts tell)."""
    for _ in range(int(timeout / 0.05)):
        await pilot.pause(0.05)
        if condition():
            return


async def move_tree_to(pilot, screen, cid: str) -> None:
    """Move the tree's cursor to ``cid`` as a user does, once the screen's own pending move (after a
    rebuild, it puts the cursor back on the view shown) has landed: a move made before it would be taken
    for that one and undone by it. Then wait for the view to follow."""
    await until(pilot, lambda: screen._tree_target is None)
    assert screen.tree.select_id(cid)
    await until(pilot, lambda: screen.category == cid)


def make_app(**kwargs) -> PaperApp:
    return PaperApp(Library.open(**kwargs), watch=False)


def titles(app) -> list[str]:
    papers = app.screen.query_one(PaperList)
    return [app.lib.catalog.papers[i].title for i in papers.rows]


def current(app):
    papers = app.screen.query_one(PaperList)
    return app.lib.catalog.papers[papers.current]


async def test_starts_on_the_list_with_the_first_paper(home):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, PaperList)
        assert current(app).title.startswith("Towards Modular LLMs")
        assert len(titles(app)) == 33
        text = screen_text(app)
        assert "Towards Modular LLMs" in text
        assert "论文探讨如何用多任务数据构建" in text  # the summary, in the detail pane
        assert "0/33 read" in text


async def test_selecting_a_category_shows_its_papers():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CategoryTree)
        await pilot.press("shift+tab")
        assert app.focused is tree
        node = tree.nodes_by_id["section:bundled/01-llm-weekly-2024-05-w4.json/LLM量化与校准"]
        tree.move_cursor(node)
        await pilot.press("enter")
        await pilot.pause()
        assert titles(app) == [
            "AlignGPT: Multi-modal Large Language Models with Adaptive Alignment Capability",
            "Distributed Speculative Inference of Large Language Models",
        ]
        assert isinstance(app.focused, PaperList)
        assert "LLM量化与校准" in screen_text(app)


async def test_moving_in_the_tree_switches_the_list_live():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab", "j", "j")  # All -> Unread -> Starred
        await pilot.pause()
        assert titles(app) == []
        assert "No starred papers yet" in screen_text(app)



async def test_a_tree_move_made_right_after_a_rebuild_is_kept():
    """Tags or lists change (the tree is rebuilt) and a key moves the tree's cursor before the next
    refresh: the cursor goes on from the view shown, and the move is not undone."""
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        tree = screen.query_one(CategoryTree)
        await pilot.press("shift+tab", "j")  # All -> Unread
        await until(pilot, lambda: screen.category == "view:unread")
        screen._rebuild_categories()
        tree.action_cursor_down()  # the key, handled in the same turn: Unread -> Starred
        await pilot.pause(0.2)
        assert tree.cursor_node.data == "view:starred"
        assert screen.category == "view:starred"
        assert titles(app) == []

async def test_j_k_move_and_detail_follows():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "down", "k")
        await pilot.pause()
        assert current(app).arxiv == "2405.14860"
        detail = app.screen.query_one(DetailPane)
        assert detail.index == app.screen.query_one(PaperList).current
        assert "环形" in screen_text(app)
        await pilot.press("G")
        assert current(app).title.startswith("Emu Video")
        await pilot.press("g")
        assert current(app).arxiv == "2405.11157"


async def test_read_and_star_persist_for_a_new_app(home):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "r", "s")
        await pilot.pause()
        assert "1/33 read" in screen_text(app)
        assert "★ starred" in screen_text(app)
        await pilot.press("q")
    again = make_app()
    async with again.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        key = again.lib.catalog.papers[1].key
        assert again.lib.store.is_read(key) and again.lib.store.is_starred(key)
        assert "1/33 read" in screen_text(again)


async def test_marks_are_written_in_the_background_within_a_second(home):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause(1.0)
        await app.workers.wait_for_complete()
        # Another process (a fresh store) sees the mark while the app still runs.
        from papertui.store import Store

        assert Store.open(home / "state.json").is_read("2405.11157")


async def test_r_again_unmarks_and_counts_follow():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r", "j", "r", "k", "r")
        await pilot.pause()
        tree = app.screen.query_one(CategoryTree)
        assert tree.tally.all.read == 1
        assert tree.tally.counts[app.lib.catalog.section_ids[0][0]].read == 1
        assert "1/8" in screen_text(app)


async def test_copy_link_goes_to_the_clipboard(copied):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert copied == ["https://arxiv.org/abs/2405.11157"]
        assert "Copied https://arxiv.org/abs/2405.11157" in screen_text(app)


async def test_copy_without_a_system_clipboard_falls_back_to_osc52(monkeypatch):
    def broken(text):
        raise RuntimeError("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(clipboard, "_pyperclip_copy", broken)
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard == "https://arxiv.org/abs/2405.11157"  # sent with OSC 52
        assert "OSC 52" in screen_text(app)


async def test_notices_are_one_short_line_and_replace_their_kind(monkeypatch):
    """No system clipboard: copying the BibTeX says one short line, not the pyperclip
    error nor the ten-line entry; copies, sorts and the same warning again replace the
    notice before instead of stacking."""

    def broken(text):
        raise RuntimeError("Pyperclip could not find a copy/paste mechanism for your system. " * 3)

    monkeypatch.setattr(clipboard, "_pyperclip_copy", broken)
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("y", "c", "y"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.clipboard.startswith("@")  # the BibTeX entry, sent with OSC 52
        text = screen_text(app)
        assert text.count("Copied via the terminal (OSC 52)") == 1
        assert "Pyperclip" not in text and "eprint" not in text and "@misc" not in text
        await pilot.press("S", "S", "S", "u", "u")
        await pilot.pause()
        text = screen_text(app)
        assert text.count("Sorted by") == 1 and "Sorted by recently changed" in text
        assert text.count("Nothing to undo") == 1
        assert len(app._notifications) == 3  # copy, sort, undo
    from papertui.tui.app import copied_summary

    assert copied_summary("@misc{key,\n  title = {A very long title that goes on and on and on},\n}") == "@misc{key, (3 lines)"


async def test_a_notice_cuts_no_chinese_character_of_the_list(tmp_path):
    """Left of a notice the screen shows what it showed before, in full. Textual's
    60-cell toast began inside the list's titles and blanked the CJK character its edge
    cut in half ("注意力机制与长上下文 ▌"); now it begins at the list's border."""
    from textual.widgets._toast import Toast

    titles_zh = [paper(f"2401.{i:05d}", f"注意力机制与长上下文建模的研究进展以及量化方法比较{i}") for i in range(1, 40)]
    zh = write_list(tmp_path / "zh.json", "中文列表", [("第一节", titles_zh)])
    app = PaperApp(Library.open(extra_lists=[zh]), watch=False)
    for size in ((120, 40), (80, 24)):
        async with app.run_test(notifications=True, size=size) as pilot:
            await pilot.pause()
            await pilot.press("G")
            await pilot.pause()
            before = app.screen._compositor.render_strips()
            await pilot.press("c")
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            after = app.screen._compositor.render_strips()
            (toast,) = app.screen.query(Toast)
            for y in range(toast.region.y, toast.region.bottom):
                assert before[y].text.startswith(after[y].crop(0, toast.region.x).text)
            assert toast.region.x == app.screen.query_one(PaperList).region.x
        app = PaperApp(Library.open(extra_lists=[zh]), watch=False)


async def test_a_hanging_clipboard_does_not_block_the_ui(monkeypatch):
    import threading

    release = threading.Event()
    monkeypatch.setattr(clipboard, "_pyperclip_copy", lambda text: release.wait(10))
    monkeypatch.setattr(clipboard, "TIMEOUT", 0.3)
    monkeypatch.setattr(clipboard.copy, "__defaults__", (0.3,))
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c", "j")  # the key after c is handled at once
        assert current(app).arxiv == "2405.10370"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard == "https://arxiv.org/abs/2405.11157"
        release.set()


async def test_open_link_uses_the_browser(opened):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "o")
        await app.workers.wait_for_complete()
        assert opened == ["https://arxiv.org/abs/2405.10370"]


async def test_a_terminal_browser_gets_the_terminal(monkeypatch, opened):
    from papertui import browser

    monkeypatch.setattr(browser, "runs_in_terminal", lambda: True)
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")  # headless: suspend is not supported, so it falls back to a worker
        await app.workers.wait_for_complete()
        assert opened == ["https://arxiv.org/abs/2405.11157"]


async def test_non_web_links_are_not_opened(tmp_path, opened):
    extra = write_list(
        tmp_path / "x.json", "X",
        [("s", [paper(None, "Local", links=[{"label": "file", "url": "file:///etc/passwd"}])])],
    )
    app = make_app(extra_lists=[extra])
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("G", "o", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == []
        assert "no arXiv id or web link" in screen_text(app)


async def test_a_long_detail_scrolls_and_its_scrollbar_follows(tmp_path):
    long = " ".join(f"Sentence {i} about sparse attention." for i in range(80))
    extra = write_list(tmp_path / "x.json", "X", [("s", [paper(None, "Short one", "Brief."), paper(None, "Long one", long)])])
    app = make_app(extra_lists=[extra])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        assert detail.max_scroll_y > 0
        assert detail.thumb is not None  # a thumb is drawn
        await pilot.press("enter", "end")
        await pilot.pause()
        assert detail.scroll_offset.y == detail.max_scroll_y
        assert "Sentence 79" in screen_text(app)
        await pilot.press("escape", "k")  # back in the list, on the short paper
        await pilot.pause()
        assert current(app).title == "Short one"
        assert (detail.scroll_offset.y, detail.max_scroll_y) == (0, 0)
        assert detail.thumb is None  # no bar
        assert "Brief." in screen_text(app) and "Sentence 79" not in screen_text(app)


async def test_marking_updates_the_detail_in_place():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "● unread" in screen_text(app)
        await pilot.press("r", "s")
        await pilot.pause()
        text = screen_text(app)
        assert "✓ read" in text and "★ starred" in text and "● unread" not in text
        await pilot.press("u", "u")  # undo both
        await pilot.pause()
        text = screen_text(app)
        assert "● unread" in text and "★ starred" not in text


async def test_help_screen_lists_the_keys():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("Toggle read / unread", "Star or unstar", "Copy the arXiv abs link", "Quit"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, PaperList)


async def test_enter_reads_the_detail_and_escape_returns():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.focused, DetailPane)
        await pilot.press("r")  # keys still act on the current paper
        assert app.lib.store.is_read("2405.11157")
        await pilot.press("escape")
        assert isinstance(app.focused, PaperList)


async def test_mouse_click_selects_a_paper():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        await pilot.click(PaperList, offset=(10, 4))  # border row + 3 rows down
        await pilot.pause()
        assert papers.cursor == 3


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_hostile_text_is_shown_literally(tmp_path, size):
    hostile = write_list(
        tmp_path / "evil.json",
        "[bold]Evil[/bold] list [@click=app.quit]",
        [("[red]sec[/]", [paper(None, "[b]Bold?[/b] [@click=app.quit]x[/] [link=file:///etc/passwd]l[/link]",
                                 "summary [RL] \x1b[2J\x07 and [/] done", tags=["[x]"])])],
    )
    app = make_app(extra_lists=[hostile])
    async with app.run_test(notifications=True, size=size) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Bold?[/b]" in text
        if size == (120, 40):  # at 80x24 the summary is below the fold of the detail pane
            assert "[RL]" in text and "and [/] done" in text
        assert "\x1b" not in text and "\x07" not in text
        tree = app.screen.query_one(CategoryTree)
        labels = [node.label.plain for node in tree.nodes_by_id.values()]
        assert any(label.startswith("[bold]Evil") for label in labels)
        assert "[bold]Evil" in text
        await pilot.click(PaperList, offset=(10, 1))
        await pilot.pause()
        assert app.is_running  # no [@click=app.quit] was honoured


async def test_narrow_terminal_moves_the_detail_under_the_list():
    app = make_app()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        papers = screen.query_one(PaperList).region
        detail = screen.query_one(DetailPane).region
        assert detail.y > papers.y and detail.x == papers.x
        assert "Towards Modular LLMs" in screen_text(app)


async def test_bad_list_and_broken_state_are_notified_not_fatal(tmp_path, home):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    home.mkdir(parents=True, exist_ok=True)
    (home / "state.json").write_text("{ nope")
    app = make_app(extra_lists=[bad])
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        text = toast_text(app)  # (however the temp path wraps in the toast)
        assert "bad.json: not valid JSON" in text
        assert "state.json is not valid JSON" in text and "started with fresh state" in text
        assert len(titles(app)) == 33


# -- search -------------------------------------------------------------------------


async def type_query(pilot, text: str) -> None:
    await pilot.press("slash")
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await pilot.pause()


async def test_slash_filters_as_you_type_and_highlights():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "trnsformer")
        assert titles(app)[:3] == [
            "Reducing Transformer Key-Value Cache Size with Cross-Layer Attention",
            "Your Transformer is Secretly Linear",
            "SLAB: Efficient Transformers with Simplified Linear Attention and Progressive Re-parameterized Batch Normalization",
        ]
        text = screen_text(app)
        assert "4 matches" in text and "Search in all papers" in text
        # The matching word is styled in the visible row.
        papers = app.screen.query_one(PaperList)
        strip = papers.render_line(0)
        styled = [seg.text for seg in strip if seg.style and seg.style.underline]
        assert "Transformer" in "".join(styled)
        # ... and in the detail pane.
        detail_x = app.screen.query_one(DetailPane).region.x
        assert "Transformer" in underlined_text(app, min_x=detail_x)
        # Leaving the search takes the marks away, also from the paper still shown.
        shown = current(app).title
        await pilot.press("escape")
        await pilot.pause()
        assert current(app).title == shown and len(titles(app)) == 33
        assert "Transformer" not in underlined_text(app, min_x=detail_x)


async def test_typing_r_in_the_search_box_does_not_mark():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "rs")
        assert app.lib.store.read_keys() == set() and app.lib.store.starred_keys() == set()


async def test_empty_result_says_so_and_escape_restores():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "[/bold]]][[@click")
        assert titles(app) == []
        text = screen_text(app)
        assert "No papers match '[/bold]]][[@click'" in text and "0 matches" in text
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) == 33
        assert isinstance(app.focused, PaperList)
        assert not app.screen.query_one("#search-bar").display


async def test_enter_or_down_moves_into_the_results():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "kv")
        await pilot.press("down")
        assert isinstance(app.focused, PaperList)
        await pilot.press("j", "r")
        assert app.lib.store.is_read(current(app).key)
        assert len(titles(app)) == 3  # the filter stays while reading the results
        await pilot.press("slash", "enter")
        assert isinstance(app.focused, PaperList)


async def test_chinese_query_and_pasted_url():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.screen.query_one("#search-input").insert_text_at_cursor("sec:量化")
        await pilot.pause()
        assert len(titles(app)) == 2
        search = app.screen.query_one("#search-input")
        search.value = ""
        search.insert_text_at_cursor("https://arxiv.org/pdf/2403.09629v2")
        await pilot.pause()
        assert titles(app) == ["Quiet-STaR: Language Models Can Teach Themselves to Think Before Speaking"]


async def test_scope_is_visible_and_switchable():
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CategoryTree)
        tree.move_cursor(tree.nodes_by_id["list:bundled/02-big-model-weekly-14.json"])
        await pilot.pause()
        await type_query(pilot, "kv")
        assert len(titles(app)) == 3  # all papers by default
        assert "in all papers" in screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert titles(app) == ["GEAR: An Efficient KV Cache Compression Recipe for Near-Lossless Generative Inference of LLM"]
        assert "in Big Model Weekly 第14期" in screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert len(titles(app)) == 3


async def test_a_long_burst_of_marks_is_still_saved_every_second(home):
    import time

    from papertui.store import Store

    app = make_app()
    state = home / "state.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.time()
        saved_during_burst = False
        while time.time() - start < 2.0:
            await pilot.press("r")  # toggling, every ~0.1 s: the debounce timer alone would never fire
            await pilot.pause(0.1)
            saved_during_burst = saved_during_burst or state.exists()
        assert saved_during_burst
        assert Store.open(state).get("2405.11157")


async def test_keys_typed_right_after_enter_go_to_the_results():
    """A fast typist: enter and the next keys arrive in one burst."""
    from textual import events

    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "trnsformer")
        for key, char in [("enter", "\r"), ("j", "j"), ("r", "r"), ("s", "s")]:
            app.post_message(events.Key(key, char))
        await until(pilot, lambda: app.lib.store.starred_keys())
        assert app.screen.search_text == "trnsformer"
        assert app.lib.store.read_keys() == {"2405.12250"} == app.lib.store.starred_keys()
        await pilot.press("slash", "k")
        for key, char in [("escape", None), ("j", "j")]:
            app.post_message(events.Key(key, char))
        await until(pilot, lambda: len(titles(app)) == 33)
        assert app.screen.search_text == "" and len(titles(app)) == 33  # the j was not typed in
        assert isinstance(app.focused, PaperList)


def burst(app, *keys) -> None:
    """Keys as a terminal delivers a fast typist's burst (or a paste) when the app is
    busy: all queued before the first is handled. A string longer than one letter is
    a paste."""
    from textual import events

    for key in keys:
        if len(key) > 1 and key not in ("slash", "enter", "escape", "down"):
            app.post_message(events.Paste(key))
        else:
            char = {"slash": "/", "enter": "\r", "escape": None, "down": None}.get(key, key)
            app.post_message(events.Key(key, char))


async def test_keys_typed_right_after_slash_go_to_the_search_box():
    """``/tra`` in one burst searches ``tra``: before, the three letters reached the list
    queued behind ``/`` and were dropped."""
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "slash", "t", "r", "a")
        await until(pilot, lambda: app.screen.search_text == "tra" and len(titles(app)) < 33)  # (the search may come a turn later)
        assert app.screen.search_text == "tra" and 0 < len(titles(app)) < 33
        assert not app.lib.store.read_keys()  # the r was typed in, not a mark
        burst(app, "escape", "slash", "2405.12981")  # a pasted id
        await until(pilot, lambda: app.screen.search_text == "2405.12981" and len(titles(app)) == 1)
        assert titles(app) == ["Reducing Transformer Key-Value Cache Size with Cross-Layer Attention"]


async def test_a_note_typed_right_after_n_lands_in_the_note():
    from textual.widgets import TextArea

    from papertui.tui.screens.dialogs import NoteScreen

    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        key = current(app).key
        burst(app, "n", "h", "i", " ", "r", "s")
        await until(pilot, lambda: isinstance(app.screen, NoteScreen) and app.screen.query_one(TextArea).text == "hi rs")
        assert app.screen.query_one(TextArea).text == "hi rs"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.lib.store.note(key) == "hi rs")
        assert app.lib.store.note(key) == "hi rs"
        assert not app.lib.store.read_keys() and not app.lib.store.starred_keys()
        burst(app, "t", "k", "v", "enter")  # the tag dialog: a tag, then enter saves it
        await until(pilot, lambda: app.lib.store.user_tags(key) == ["kv"])
        assert app.lib.store.user_tags(key) == ["kv"]
        burst(app, "a", "2", "4", "0", "5", "enter")  # the add dialog: typed ahead, then enter
        from papertui.tui.screens.dialogs import AddScreen

        await until(pilot, lambda: not isinstance(app.screen, AddScreen))
        assert not isinstance(app.screen, AddScreen)  # "2405" was typed in and enter answered


def key_events(text: str) -> list:
    """The key events a terminal sends for ``text`` typed (not pasted): one per character,
    ``\r`` is enter, ``\x13`` ctrl+s, ``\x1b`` esc."""
    from textual import events
    from textual.keys import _character_to_key

    names = {"\r": "enter", "\x13": "ctrl+s", "\x1b": "escape"}
    return [events.Key(names.get(ch) or _character_to_key(ch), None if ch == "\x1b" else ch) for ch in text]


def typed(app, text: str, lagging=None) -> None:
    """``text`` typed in one burst (``tmux send-keys -l``), all queued before the app reads
    the first key. ``lagging``: a widget the app had already routed the first keys to
    before it handled them, up to ``|`` in ``text``."""
    head, _, tail = text.rpartition("|") if lagging is not None else ("", "", text)
    for event in key_events(head):
        event._set_forwarded()
        lagging.post_message(event)
    for event in key_events(tail):
        app.post_message(event)


async def test_a_note_typed_and_saved_in_one_burst_is_saved():
    """``n``, a note and ctrl+s sent in one burst (a paste, a laggy SSH link): the note
    holds every letter. Before, ctrl+s (a priority binding) ran when the app read it, while
    the letters still waited for the editor: "m" or nothing was saved. Keys after ctrl+s go
    to the list."""
    from papertui.tui.screens.dialogs import NoteScreen

    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        first, second = (app.lib.catalog.papers[i].key for i in papers.rows[:2])
        typed(app, "nmy important note\x13jr")
        await until(pilot, lambda: app.lib.store.read_keys())
        assert not isinstance(app.screen, NoteScreen)
        assert app.lib.store.note(first) == "my important note"
        assert papers.cursor == 1 and app.lib.store.read_keys() == {second}
        typed(app, "nnext\x13\x13r")  # a second ctrl+s (handed to the list) closes nothing more
        await until(pilot, lambda: app.lib.store.note(second))
        await until(pilot, lambda: second not in app.lib.store.read_keys())
        assert app.lib.store.note(second) == "next" and not app.lib.store.read_keys()
        assert isinstance(app.focused, PaperList) and app.screen is papers.screen


async def test_keys_a_pane_hands_back_keep_their_place():
    """The app had routed ``t`` and the first letters to the list before the list opened
    the dialog; the rest came straight to the dialog. Before, the list posted its letters
    behind the rest: ``tagx1, other`` became the tag ``othertagx1`` (seen in tmux)."""
    from papertui.tui.screens.dialogs import ImportScreen

    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        key = current(app).key
        typed(app, "ttagx1|, other\r", lagging=papers)
        await until(pilot, lambda: app.lib.store.user_tags(key))
        assert app.lib.store.user_tags(key) == ["tagx1", "other"]
        typed(app, "nmy im|portant note\x13", lagging=papers)
        await until(pilot, lambda: app.lib.store.note(key))
        assert app.lib.store.note(key) == "my important note"
        imported = []
        app.import_file = imported.append
        typed(app, "i~/Down|loads/weekly.md\rj", lagging=papers)
        await until(pilot, lambda: imported and papers.cursor == 1)
        assert imported == ["~/Downloads/weekly.md"] and not isinstance(app.screen, ImportScreen)
        assert papers.cursor == 1


async def test_a_note_shows_as_markdown_and_the_list_marks_annotated_papers():
    """Headings, emphasis, lists and links render as styles (no ``#``/``**`` left), a URL
    is not broken across lines, markup-like text stays literal; the list shows ✎ on a
    paper with a note and # on one with only the user's own tags."""
    from papertui.tui.widgets.paper_list import NOTE_MARK, TAGS_MARK

    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        detail = app.screen.query_one(DetailPane)
        first, second = (app.lib.catalog.papers[i].key for i in papers.rows[:2])
        note = "# Plan\n\nRead **section 3** and *the appendix*.\n\n- see https://arxiv.org/abs/2405.11157\n- [b]literal[/b]"
        app.screen._change("note", {first: {"note": note}})
        await pilot.press("j")
        app.screen._change("tags", {second: {"tags": ["mine"]}})
        await pilot.press("k")
        lines = detail.text.split("\n")
        at = lines.index("Note")
        shown = lines[at + 1 :]
        assert shown[0] == "Plan" and "Read section 3 and the appendix." in " ".join(shown)
        assert "https://arxiv.org/abs/2405.11157" in shown  # one line of its own, whole
        assert "• [b]literal[/b]" in shown and "**" not in detail.text
        styled = {detail._lines[at + 1 + i].plain: detail._lines[at + 1 + i] for i in range(len(shown))}
        heading = styled["Plan"]
        assert any(span.style.bold for span in heading.spans if hasattr(span.style, "bold"))
        url_line = styled["https://arxiv.org/abs/2405.11157"]
        assert any(getattr(span.style, "link", None) == "https://arxiv.org/abs/2405.11157" for span in url_line.spans)
        rows = screen_text(app).split("\n")
        row = lambda key: next(r for r in rows if app.lib.catalog.first(key).title[:20] in r)  # noqa: E731
        assert NOTE_MARK in row(first) and TAGS_MARK not in row(first)
        assert TAGS_MARK in row(second) and NOTE_MARK not in row(second)
        assert sum(NOTE_MARK in r for r in rows) == 1


async def test_a_burst_of_moves_and_marks_acts_once_per_key():
    """Keys that run their binding at the pane (not after bubbling up) run it once."""
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        papers = app.screen.query_one(PaperList)
        burst(app, "j", "j", "j", "r", "k")
        await until(pilot, lambda: app.lib.store.read_keys())
        await pilot.pause()
        assert papers.cursor == 2
        assert app.lib.store.read_keys() == {app.lib.catalog.papers[papers.rows[3]].key}


@pytest.mark.parametrize("move_first", [False, True])
async def test_a_big_new_list_loads_after_the_first_screen(tmp_path, monkeypatch, move_first):
    """A huge list file without a cache is read by a child process while the app is
    already usable; then the app lands where the last session ended, in that list,
    unless the user has moved meanwhile."""
    import threading

    from papertui import catalog as catalog_module
    from papertui import paths
    from papertui.settings import save_session

    monkeypatch.setattr(catalog_module, "DEFER_MIN_BYTES", 1 << 20)
    gate = threading.Event()  # holds the loader until the first screen is checked
    load = PaperApp._load_deferred
    monkeypatch.setattr(PaperApp, "_load_deferred", lambda self: (gate.wait(10), load(self)))
    papers = [paper(f"2301.{i:05d}", f"Big paper {i}", "长摘要 " * 120) for i in range(1500)]
    big = write_list(tmp_path / "big.json", "Big list", [("Part A", papers[:700]), ("Part B", papers[700:])])
    assert big.stat().st_size >= 1 << 20
    save_session(paths.session_path(), {"category": "section:big.json/Part B", "paper": "2301.01000", "sort": "list"})
    lib = Library.open(extra_lists=[big], defer_slow=True)
    assert lib.deferred == [str(big)]
    app = PaperApp(lib, watch=False)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        assert "loading big.json…" in screen_text(app)
        assert len(titles(app)) == 33  # the bundled lists, at once
        if move_first:
            await pilot.press("j")
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.lib is not lib and app.lib.deferred == []
        if move_first:
            assert app.screen.category == "view:all" and current(app).arxiv == "2405.10370"
        else:
            assert app.screen.category == "section:big.json/Part B" and current(app).arxiv == "2301.01000"
        text = screen_text(app)
        assert "Loaded big.json: 1,500 more papers" in text and "loading" not in text
    assert list(paths.cache_dir().glob("*.marshal"))  # written by the child: the next start is quick


async def test_a_big_broken_list_is_reported_once_loaded(tmp_path, monkeypatch):
    from papertui import catalog as catalog_module

    monkeypatch.setattr(catalog_module, "DEFER_MIN_BYTES", 1 << 20)
    big = tmp_path / "broken.json"
    big.write_text('{"title": "Broken", "sections": [{"title": "s", "papers": [' + '{"title": "x"},' * 80000, encoding="utf-8")
    lib = Library.open(extra_lists=[big], defer_slow=True)
    app = PaperApp(lib, watch=False)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "broken.json: not valid JSON" in toast_text(app)  # (however the path wraps)
        assert "Loaded" not in text and "loading" not in text
        assert len(titles(app)) == 33


async def test_a_reloaded_library_right_after_start_does_not_crash(home):
    """A deferred list that loads (or fails) at once replaces the screen before its first
    refresh: the old screen's pending tree selection must not touch its removed widgets."""
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        old = app.screen
        old._select_in_tree("view:starred")  # pending until the next refresh
        app._show_library(app.lib.reloaded(), "Reloaded")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not old and app.is_running
        assert app.screen.tree.cursor_node.data == "view:all" and len(titles(app)) == 33



async def test_quitting_stops_building_the_search_index(monkeypatch):
    """The index of a big library takes seconds to build, in a worker thread; Python
    waits for such a thread before the process exits. Quitting stops the build at its
    next check instead (in a terminal at 100k: ~2.5 s from q to the shell before)."""
    import threading
    import time

    from papertui import search as search_module
    from papertui.search import SearchIndex
    from papertui.tui.screens import main as main_module

    monkeypatch.setattr(main_module, "SYNC_SEARCH_LIMIT", 0)  # build it even for 33 papers
    monkeypatch.setattr(main_module, "INDEX_DELAY", 0.01)
    monkeypatch.setattr(search_module, "_STOP_EVERY", 1)  # ask every paper
    started, asked = threading.Event(), []
    check = SearchIndex._check_stop

    def slow_check(self):  # ~33 papers x 2 passes x 50 ms: ~3 s to build
        started.set()
        asked.append(1)
        time.sleep(0.05)
        check(self)

    monkeypatch.setattr(SearchIndex, "_check_stop", slow_check)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, started.is_set)
        screen = app.screen
    quit_at = time.monotonic()
    while not screen.chores_done and time.monotonic() - quit_at < 5:
        await asyncio.sleep(0.02)
    assert screen.chores_done and time.monotonic() - quit_at < 1.0
    assert not app.indexes.search_built and len(asked) < 40  # stopped, not finished


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_an_old_style_id_shows_whole_in_the_list(tmp_path, size):
    """'astro-ph/9905116' is longer than a new id: its column widens for it (the title gives way), never cut."""
    extra = write_list(tmp_path / "x.json", "X", [("s", [
        paper("astro-ph/9905116", "Slow roll without tears and a long title that goes on"),
        paper("2405.11157", "A new-style one")])])
    app = make_app(extra_lists=[extra])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        rows = [line for line in screen_text(app).splitlines() if "●   Slow roll" in line]
        assert rows and " astro-ph/9905116 " in rows[0]


async def test_an_import_that_breaks_says_so_in_one_line(home, monkeypatch):
    """An error the import did not foresee (a bug) ends the worker with one line on screen, not with nothing said."""
    from papertui import services

    def broken(_source):
        raise RuntimeError("chunk 3 of 7\n  went wrong")

    monkeypatch.setattr(services, "import_source", broken)
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        app.import_file("/tmp/weekly.md")
        await until(pilot, lambda: "Import failed" in toast_text(app))
        assert "Import failed: RuntimeError: chunk 3 of 7 went wrong" in toast_text(app)
