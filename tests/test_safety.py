"""Never lose a mark: crash safety, two processes, bad files, hostile text."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papertui.store import Store

from .conftest import paper, screen_text, toast_text, write_list

KILLS = 200


def _writer(path: str, prefix: str, ack_fd: int) -> None:
    """Child: mark papers one by one; after each flush, acknowledge it on the pipe."""
    store = Store.open(path)
    i = 0
    while True:
        store.update(f"{prefix}-{i}", read=True)
        store.flush()
        os.write(ack_fd, f"{i}\n".encode())
        i += 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_moments_loses_no_acknowledged_mark(tmp_path):
    path = tmp_path / "state.json"
    rng = random.Random(1234)
    acknowledged: list[str] = []
    for round_ in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            try:
                _writer(str(path), f"r{round_}", write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        # Let the writer get going (its first acknowledgement), then kill it at a random
        # moment: usually in the middle of a later write.
        select.select([read_fd], [], [], 5.0)
        time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = b""
        while chunk := os.read(read_fd, 65536):
            data += chunk
        os.close(read_fd)
        acknowledged += [f"r{round_}-{i}" for i in data.decode().split()]
        # After every kill the file parses and holds every acknowledged write.
        store = Store.open(path)
        assert store.warnings == [], f"round {round_}: {store.warnings}"
        missing = [k for k in acknowledged if not store.is_read(k)]
        assert not missing, f"round {round_}: lost {missing[:5]}"
        assert not [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt")]
    assert len(acknowledged) >= KILLS  # the writers really did write: at least one per round


def test_a_killed_tui_keeps_marks_made_a_second_before(tmp_path, home):
    """The real app in a subprocess: press r, wait a second, SIGKILL it, the mark is there."""
    script = (
        "import asyncio, sys\n"
        "from papertui.library import Library\n"
        "from papertui.tui.app import PaperApp\n"
        "async def main():\n"
        "    app = PaperApp(Library.open(), watch=False)\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "        await pilot.press('j', 'r')\n"
        "        print('marked', flush=True)\n"
        "        await asyncio.sleep(60)\n"
        "asyncio.run(main())\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "marked"
        time.sleep(1.0)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert Store.open(home / "state.json").is_read("2405.10370")


def test_tui_and_cli_on_one_state_file_lose_nothing(home, monkeypatch):
    import asyncio

    from papertui.cli import main
    from papertui.library import Library
    from papertui.tui import app as app_module

    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.1)

    async def scenario():
        app = app_module.PaperApp(Library.open())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("r")  # the TUI marks the first paper
            await pilot.pause(0.6)
            await app.workers.wait_for_complete()
            assert main(["mark", "2403.09629", "--star"]) == 0  # another process, meanwhile
            for _ in range(40):
                await pilot.pause(0.1)
                if app.lib.store.is_starred("2403.09629"):
                    break
            assert app.lib.store.is_starred("2403.09629"), "the TUI did not pick up the CLI's mark"
            assert "1 starred" in screen_text(app)
            await pilot.press("j", "r")
        final = Store.open(home / "state.json")
        assert final.is_read("2405.11157") and final.is_read("2405.10370") and final.is_starred("2403.09629")

    asyncio.run(scenario())


def test_unwritable_state_directory_in_the_tui_keeps_marks_and_says_so(tmp_path):
    import asyncio

    from papertui.library import Library
    from papertui.tui.app import PaperApp

    parent = tmp_path / "sub"
    lib = Library.open(db=parent / "state.json")

    async def scenario():
        app = PaperApp(lib, watch=False)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            parent.write_text("not a directory")  # the directory can no longer be made
            await pilot.press("r")
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.pause()
            text = toast_text(app)  # (not the screen: where the path wraps depends on TMPDIR's length)
            assert "cannot write state file" in text and "Your marks are kept" in text
            assert app.lib.store.is_read("2405.11157") and app.lib.store.pending == 1
            parent.unlink()  # fixed: the retry saves it
            await pilot.pause(5.5)
            await app.workers.wait_for_complete()
            assert app.lib.store.pending == 0

    asyncio.run(scenario())
    assert Store.open(parent / "state.json").is_read("2405.11157")


def test_cli_with_an_unusable_state_path_says_what_and_where(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = subprocess.run(
        [sys.executable, "-m", "papertui", "--db", str(blocker / "state.json"), "mark", "2405.11157"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stderr == f"papertui: cannot read state file {blocker / 'state.json'}: not a directory\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode),
                 st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=8),
                              lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
                              max_leaves=12).map(lambda v: json.dumps(v).encode())))
def test_any_state_file_gives_state_or_a_kept_aside_copy(tmp_path_factory, data):
    directory = tmp_path_factory.mktemp("state")
    path = directory / "state.json"
    path.write_bytes(data)
    store = Store.open(path)  # never raises for bad content
    if store.warnings:
        (aside,) = [p for p in directory.iterdir() if p.name.startswith("state.json.corrupt-")]
        assert aside.read_bytes() == data
    store.set_read("x", True)
    store.flush()
    assert Store.open(path).is_read("x")


HOSTILE = {
    "title": "[bold]x[/bold] [@click=app.quit]q[/] [link=file:///etc/passwd]pw[/link] \x1b[2J\x07 \u202eevil\u202c "
    "zero\u200bwidth 🚀 量化 " + "long " * 1000,
    "summary": "[RL] [/] [@click=app.bell] \x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07 end",
}


async def test_hostile_everything_is_literal_and_the_layout_holds(tmp_path):
    from papertui.library import Library
    from papertui.tui.app import PaperApp
    from papertui.tui.widgets.paper_list import PaperList

    evil = write_list(
        tmp_path / "evil.json",
        "[b]L[/b] \x1b[31mred\x1b[0m",
        [("[@click=app.quit]S", [paper(None, HOSTILE["title"], HOSTILE["summary"], tags=["[i]t[/i]", "\u202etag"])])],
    )
    app = PaperApp(Library.open(extra_lists=[evil]), watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/bold] [@click=app.quit]q" in text
        assert "[link=file:///etc/passwd]pw" in text
        assert "[b]L[/b] red" in text  # the list's name in the tree
        detail = app.screen.query_one("#detail")
        assert "[RL] [/] [@click=app.bell]" in detail.text  # further down the detail pane
        assert "[@click=app.quit]S" in detail.text  # the section's name
        for bad in ("\x1b", "\x07", "\u202e", "\u200b"):
            assert bad not in text and bad not in detail.text
        # Every screen line is exactly the terminal's width: a 5000-character title did not break it.
        from rich.cells import cell_len

        assert all(cell_len(line) == 120 for line in text.split("\n"))
        # No segment on screen links anywhere but the web.
        for strip in app.screen._compositor.render_strips():
            for seg in strip:
                link = seg.style.link if seg.style else None
                assert link is None or link.startswith(("http://", "https://"))
        papers = app.screen.query_one(PaperList)
        await pilot.click(PaperList, offset=(10, papers.cursor + 1))
        await pilot.press("c", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert "no arXiv id or web link" in screen_text(app)


async def test_a_notification_shows_its_text_literally(tmp_path):
    """Notifications carry titles, paths and server replies: Textual's notify parses markup
    unless told not to (a screen's notify tells it to), papertui's never does."""
    from papertui.library import Library
    from papertui.tui.app import PaperApp

    app = PaperApp(Library.open(extra_lists=[write_list(tmp_path / "l.json", "L", [("S", [paper(None, "t")])])]),
                   watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.notify("app [b]x[/b] [@click=app.quit]q")
        app.screen.notify("screen [b]y[/b] [red]r[/red]", severity="warning")
        await pilot.pause()
        text = toast_text(app)
        assert "app [b]x[/b] [@click=app.quit]q" in text
        assert "screen [b]y[/b] [red]r[/red]" in text


# Every class of control a terminal acts on, each between visible letters.
CONTROL_CLASSES = {
    "CSI 2J": "\x1b[2J",
    "OSC 0 title": "\x1b]0;pwned\x07",
    "OSC 52 clipboard": "\x1b]52;c;cHduZWQ=\x1b\\",
    "OSC 8 link": "\x1b]8;;file:///etc/passwd\x1b\\",
    "DCS": "\x1bP1$qm\x1b\\",
    "other ESC": "\x1b(0\x1bc\x1b7",
    "lone ESC": "\x1b",
    "8-bit CSI": "\x9b2J",
    "8-bit OSC": "\x9d0;pwned\x9c",
    "C0": "\x00\x07\x08\x0b\x0c\r\x0e\x1a",
    "DEL": "\x7f",
    "C1": "\x84\x85\x8d\x9a",
    "bidi": "\u202e\u202a\u202d\u2066\u2067\u2068\u2069\u200f\u061c",
    "zero width and BOM": "\u200b\u200d\u2060\ufeff\u00ad",
    "line separators": "\u2028\u2029",
    "tab": "\t",
}


def hostile(word: str) -> str:
    """``word`` with every control class in it, between letters that must survive."""
    return word + "".join(f"{i}{seq}" for i, seq in enumerate(CONTROL_CLASSES.values())) + "z"


def unsafe_characters(text: str) -> set[str]:
    """Characters a terminal may act on: controls (Cc: newlines count, a rendered line has
    none), format characters (Cf), surrogates, line and paragraph separators."""
    import unicodedata

    return {c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")}


def test_the_sanitiser_removes_every_control_class():
    from papertui.textsafe import clean_block, clean_line, clean_note, clean_record, clean_tags

    for name, seq in CONTROL_CLASSES.items():
        text = f"a{seq}\nb"  # (a letter right after a lone ESC would make an escape sequence)
        assert clean_line(text) == "a b", name
        assert not unsafe_characters(clean_line(text)), name
        assert not unsafe_characters(clean_block(text).replace("\n", "")), name
        assert not unsafe_characters(clean_note(text).replace("\n", "").replace("\t", "")), name
    assert clean_note("# Title\n\n\tcode\r\n- *item*") == "# Title\n\n\tcode\n- *item*"  # a note keeps its layout
    assert clean_note("a\x1b]0;title\x07b\x1b]52;c;eA==") == "ab"
    assert clean_tags(["kv\x1b[31m", "\u202eevil", 3, "\x07"]) == ["kv", "evil"]
    assert clean_record({"categories": ["cs.CL\x9b2J"], "published": "2024\x1b]0;t\x07-05", "n": 1}) == {
        "categories": ["cs.CL"], "published": "2024-05", "n": 1}


def test_the_sanitiser_knows_every_format_character():
    """The table is held to this Python's Unicode database: every control, format
    character and surrogate is removed, and none of them is printable (the fast paths)."""
    import sys
    import unicodedata

    from papertui.textsafe import clean_line

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            assert not c.isprintable()
            assert clean_line(f"a{c}\nb") == "a b", hex(code)


async def test_no_field_lets_a_control_reach_the_terminal(tmp_path, home):
    """Every field of a list file, the state file (note, tags, arXiv metadata) and the
    note editor, fed every control class: nothing the app renders holds one."""
    from papertui.library import Library
    from papertui.store import META_TABLE, TABLE
    from papertui.tui.app import PaperApp
    from papertui.tui.screens.dialogs import NoteScreen, TagScreen
    from papertui.tui.widgets.category_tree import CategoryTree
    from papertui.tui.widgets.detail import DetailPane

    evil = write_list(
        tmp_path / "evil.json",
        hostile("List"),
        [(hostile("Section"), [paper(
            "2401.00001", hostile("Title"), hostile("Summary") + "\n" + hostile("more"),
            tags=[hostile("tag")],
            links=[{"label": hostile("label"), "url": "https://example.org/" + hostile("u")}],
            authors=[hostile("Author")],
            related=[{"title": hostile("Related"), "arxiv": None}],
        )])],
        source=hostile("source"), date=hostile("date"),
    )
    home.mkdir(parents=True, exist_ok=True)
    meta = {
        "arxiv": "2401.00001", "title": hostile("MetaTitle"), "authors": [hostile("MetaAuthor")],
        "abstract": hostile("Abstract"), "published": hostile("2024-01-01"), "updated": hostile("2024-02-02"),
        "primary_category": hostile("cs.CL"), "categories": [hostile("cs.LG"), hostile("cs.AI")],
        "comment": hostile("comment"), "journal_ref": hostile("journal"), "doi": hostile("10.1/x"),
    }
    marks = {"key": "2401.00001", "note": hostile("# Note") + "\n\n" + hostile("body"),
             "tags": [hostile("mytag"), hostile("other")], "changed": 1.0}
    (home / "state.json").write_text(json.dumps({TABLE: {"1": marks}, META_TABLE: {"1": meta}}))
    app = PaperApp(Library.open(extra_lists=[evil]), watch=False)
    seen: list[str] = []

    def look() -> None:
        text = screen_text(app)
        seen.append(text)
        assert not unsafe_characters(text.replace("\n", "")), app.screen
        for strip in app.screen._compositor.render_strips():
            assert not any(seg.control for seg in strip)

    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("G")  # the evil list is the last
        await pilot.pause()
        look()
        detail = app.screen.query_one(DetailPane)
        for line in detail._lines:
            assert not unsafe_characters(line.plain), line.plain
            assert not any(seg.control for seg in line.render(app.console))
        shown = detail.text
        for word in ("Title", "Summary", "more", "tag", "label", "Author", "Related", "Abstract",
                     "2024-01-01", "2024-02-02", "cs.CL", "cs.LG", "comment", "journal", "10.1/x", "Note", "body",
                     "mytag", "other", "Section", "List"):
            assert word + "0" in shown, word  # the text is there, only the controls went
        tree = app.screen.query_one(CategoryTree)
        for node in tree.root.children:
            node.expand_all()
        await pilot.pause()
        look()
        await pilot.press("n")
        await until_screen(pilot, app, NoteScreen)
        look()
        from textual.widgets import TextArea

        assert not unsafe_characters(app.screen.query_one(TextArea).text.replace("\n", "").replace("\t", ""))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await until_screen(pilot, app, TagScreen)
        look()
        await pilot.press("escape")
        await pilot.pause()
    assert any("Note0" in text for text in seen)


async def until_screen(pilot, app, kind) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if isinstance(app.screen, kind):
            return


def test_arxiv_metadata_fields_are_cleaned_before_they_are_stored():
    """XML cannot carry ESC, but it can carry C1 controls and bidi overrides."""
    from papertui.arxiv_api import parse_feed

    entry = (
        "<entry><id>http://arxiv.org/abs/2401.00001v1</id><updated>\x9b2J2024-05-02T00:00:00Z</updated>"
        "<published>\u202e2024-05-01\x85T00:00:00Z</published><title>T</title><summary>S</summary>"
        '<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL\x9d0;t\x9c"/>'
        '<category term="\u2066cs.LG\u2069"/><category term="\x9b"/></entry>'
    )
    feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{entry}</feed>'.encode()
    rec = parse_feed(feed)["2401.00001"]
    assert (rec["published"], rec["updated"]) == ("2024-05-01", "2024-05-02")
    assert rec["primary_category"] == "cs.CL" and rec["categories"] == ["cs.LG"]
