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
