"""Big articles read in chunks give the papers the article gives read in one piece."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.importers import chunks
from papertui.importers.digest import parse_digest


def _id(k: int) -> str:
    return f"24{k // 90000 % 12 + 1:02d}.{k % 90000 + 10000:05d}"


def _fill(unit, size: int) -> str:
    parts, total, k = [], 0, 0
    while total < size:
        parts.append(unit(k))
        total += len(parts[-1])
        k += 1
    return "".join(parts)


SHAPES = {
    "dense-list": lambda n: "# Weekly papers\n\n" + _fill(
        lambda k: f"{k + 1}. [Paper {k} on sparse routing](https://arxiv.org/abs/{_id(k)})\n", n),
    "table": lambda n: "# Papers\n\n| # | Title | Link |\n|---|---|---|\n" + _fill(
        lambda k: f"| {k + 1} | **Model {k}: Routing Tokens** | [Paper](https://arxiv.org/abs/{_id(k)}) |\n", n),
    "headed-items": lambda n: "# Weekly digest\n\n" + _fill(
        lambda k: (f"## Section {k // 7}\n\n" if k % 7 == 0 else "")
        + f"### {k + 1}. Headed Paper {k}: Sparse Experts\n\nWhat paper {k} does.\n\nPaper: https://arxiv.org/abs/{_id(k)}\n\n", n),
    "html-cards": lambda n: "<!DOCTYPE html><html><head><title>Digest</title></head><body><main><h1>Digest</h1>\n" + _fill(
        lambda k: (f"<h2>Group {k // 9}</h2>\n" if k % 9 == 0 else "")
        + f'<div class="paper"><h3><a href="https://arxiv.org/abs/{_id(k)}">Card {k}: Attention over Inputs</a></h3>'
        f"<p>What card {k} does.</p></div>\n", n) + "</main></body></html>",
    "wrapped-text": lambda n: "Reading list\n\nPart 1 Everything\n\n" + _fill(
        lambda k: f"{k + 1}. Entry {k}: A Fairly Long Title That Wraps Onto\nthe Next Line (2024) by Ann Lee et al., "
        f"https://arxiv.org/abs/{_id(k)}\n", n),
    "chinese-column": lambda n: "# 本周论文\n\n" + _fill(
        lambda k: f"**{k + 1}. Paper {k}: Learning Small Things（学习小事情）**\n\n摘要：这篇论文研究一个小问题。\n\n"
        f"论文地址：https://arxiv.org/abs/{_id(k)}\n\n", n),
}


def _papers(imported) -> list:
    return [(name, paper.to_json()) for name, paper in imported.papers]


def _same(text: str, chunk: int, workers: int = 1) -> None:
    whole = parse_digest(text)
    parts = chunks.parse_article(text, threshold=1000, chunk=chunk, workers=workers)
    assert parts.title == whole.title
    assert _papers(parts) == _papers(whole)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_chunked_and_whole_give_the_same_papers(shape):
    text = SHAPES[shape](300_000)
    assert len(list(chunks.split(text, 40_000))) >= 5
    _same(text, 40_000)


def test_chunks_are_read_in_worker_processes_alike():
    _same(SHAPES["headed-items"](200_000), 40_000, workers=2)


def test_without_worker_processes_the_chunks_are_read_here(monkeypatch):
    import concurrent.futures

    def refuse(*_args, **_kwargs):
        raise OSError("no semaphores here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    _same(SHAPES["table"](100_000), 20_000, workers=2)


def test_a_small_article_is_read_in_one_piece():
    text = SHAPES["dense-list"](50_000)
    assert chunks.parse_article(text, chunk=1000).sections == parse_digest(text).sections


@settings(max_examples=15, deadline=None)
@given(st.integers(1500, 9000), st.sampled_from(["\n\n", "\n"]))
def test_a_heading_before_a_boundary_keeps_its_papers(chunk, gap):
    # sections of a few papers each; wherever the chunks end, each paper keeps its section
    text = "# Notes\n\n" + "".join(
        f"## Topic {s}\n\n" + "".join(f"{s * 10 + k + 1}. Paper {s}-{k}: A Study https://arxiv.org/abs/{_id(s * 10 + k)}{gap}"
                                      for k in range(3))
        for s in range(60))
    _same(text, chunk)


def test_a_fenced_code_block_is_not_split():
    code = "```\n" + "".join(f"# not a heading {k}\n\n{k}. not an item https://arxiv.org/abs/{_id(k)}\n\n"
                              for k in range(2000)) + "```\n"
    text = "# T\n\n" + SHAPES["dense-list"](5_000)[17:] + "\n" + code + "\n" + SHAPES["dense-list"](30_000)[17:]
    pieces = list(chunks.split(text, 10_000))
    assert len(pieces) >= 3
    assert sum(code in piece for piece in pieces) == 1
    _same(text, 10_000)


def test_a_table_split_repeats_its_header():
    text = SHAPES["table"](100_000)
    pieces = list(chunks.split(text, 10_000))
    assert len(pieces) >= 5
    assert all("| # | Title | Link |\n|---|---|---|\n" in piece for piece in pieces)


def test_html_chunks_are_cut_between_cards():
    text = SHAPES["html-cards"](100_000)
    pieces = list(chunks.split(text, 10_000))
    assert len(pieces) >= 5
    starts = [re.sub(r"\A(?:<div>)*", "", piece.split("</h1>", 1)[1]) for piece in pieces[1:]]
    assert all(start.startswith(('<div class="paper">', "<h2>")) for start in starts), [s[:40] for s in starts]


def test_the_rest_after_an_end_marker_is_dropped():
    text = SHAPES["dense-list"](40_000) + "\n## Recommended reading\n\n" + SHAPES["dense-list"](40_000)[17:].replace("24", "25")
    _same(text, 8_000)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" `~\nx", max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_fence_lines_counts_what_the_fence_pattern_finds(text, start, end):
    """The fences are counted from their characters, as the pattern anchored at each line's start finds them."""
    from papertui.importers.blocks import FENCE_RE, fence_lines

    assert fence_lines(text, start, end) == len(FENCE_RE.findall(text, start, end))
    assert fence_lines(text) == len(FENCE_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="- \t\n<ax/>", max_size=40))
def test_line_patterns_applied_from_line_breaks_give_the_same_text(text):
    """The lone-dash and indented-HTML clean-ups, applied from each line break, give what the ^ patterns gave."""
    from papertui.importers import blocks

    for anchored, after_break in ((blocks.LONE_DASH_RE, blocks._LONE_DASH_NL_RE),
                                  (blocks.INDENTED_HTML_RE, blocks._INDENTED_HTML_NL_RE)):
        assert blocks._sub_lines(anchored, after_break, text) == anchored.sub("", text)


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_is_reported_a_chunk_at_a_time(workers):
    import threading

    text = SHAPES["dense-list"](200_000)
    seen: list[tuple[int, int]] = []
    with chunks.watched(lambda done, total: seen.append((done, total)), threading.Event()):
        parts = chunks.parse_article(text, threshold=1000, chunk=40_000, workers=workers)
    n = len(list(chunks.split(text, 40_000)))
    assert seen[-1] == (n, n)  # (ends at every chunk read)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and all(d <= t for d, t in seen)
    assert _papers(parts) == _papers(parse_digest(text))


def test_a_cancel_ends_the_reading_between_chunks():
    import threading

    cancel = threading.Event()
    text = SHAPES["dense-list"](200_000)
    for workers in (1, 2):
        cancel.clear()
        with chunks.watched(lambda done, total: cancel.set(), cancel), pytest.raises(chunks.Cancelled):
            chunks.parse_article(text, threshold=1000, chunk=40_000, workers=workers)


def test_a_cancel_leaves_no_chunk_queued_for_the_workers(monkeypatch):
    """Chunks are handed out one a worker at a time (never more handed out than read, plus one a worker): quitting
    during a big import waits for the chunks being read, never for a queue of them."""
    import concurrent.futures
    import threading

    submitted: list[int] = []
    ahead: list[int] = []  # (at each report: chunks handed out and not yet read)

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            submitted.append(args[0])
            return super().submit(fn, *args, **kwargs)

    def progress(done: int, total: int) -> None:
        ahead.append(len(submitted) - done)
        if done >= 1:
            cancel.set()

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    cancel = threading.Event()
    text = SHAPES["wrapped-text"](1_600_000)
    with chunks.watched(progress, cancel), pytest.raises(chunks.Cancelled):
        chunks.parse_article(text, threshold=1000, chunk=200_000, workers=2)
    assert ahead and max(ahead) <= 2
    assert len(submitted) < len(list(chunks.split(text, 200_000)))


_BIG_IMPORT_IN_THE_TUI = r'''
import asyncio, os, sys
from papertui.importers import chunks

chunks.THRESHOLD = 30_000
chunks.parse_article.__kwdefaults__["chunk"] = 20_000
os.cpu_count = lambda: 2  # (two workers even on a one-core runner)
calls = []
read = chunks._read_pieces

def recorded(pieces, workers, expected=1):
    try:
        result = read(pieces, workers, expected)
    except BaseException as exc:
        calls.append((workers, type(exc).__name__))
        raise
    calls.append((workers, None))
    return result

chunks._read_pieces = recorded
read_one = chunks._read

def noisy(index, text):  # (a worker that writes to its standard error: a warning, say)
    os.write(2, b"WORKER-NOISE\n")
    return read_one(index, text)

chunks._read = noisy

async def main():
    from papertui.library import Library
    from papertui.tui.app import PaperApp

    app = PaperApp(Library.open())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        app.import_file(sys.argv[1])
        for _ in range(300):
            await pilot.pause(0.1)
            said = [n.message for n in app._notifications]
            if any(m.startswith(("Imported", "Import failed")) for m in said):
                break
        print(calls, said)

if __name__ == "__main__":
    asyncio.run(main())
'''


def test_a_big_article_imports_in_the_tui_with_worker_processes(tmp_path, home):
    """The TUI's sys.stderr is Textual's capture (fileno() -1), which multiprocessing hands to the resource tracker it
    starts: an import in chunks failed there with nothing said. In a fresh process (no tracker started yet by another
    test), the import uses its worker processes and the list is saved, and what the workers write is kept off the
    terminal."""
    import os
    import subprocess
    import sys

    article = tmp_path / "big.md"
    article.write_text(SHAPES["dense-list"](80_000))
    script = tmp_path / "big_import.py"
    script.write_text(_BIG_IMPORT_IN_THE_TUI)
    out = subprocess.run([sys.executable, str(script), str(article)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PAPERTUI_HOME": str(home)}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "[(2, None)]" in out.stdout, out.stdout[-2000:]  # (read by two workers, no fallback to this process)
    assert "Imported 1," in out.stdout  # ("Imported 1,xxx papers as 'Weekly papers'")
    assert "WORKER-NOISE" not in out.stderr  # (the workers' output does not reach the terminal the TUI draws on)
