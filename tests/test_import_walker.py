"""The HTML walker (``blocks._walk_html``) reads every document into the blocks the walker before speed18d read
(tests/blocks_walker_reference.py): generated HTML trees and generated Markdown (through ``read_document``, the
walker alone swapped), the article fixtures and the benchmark's shapes."""

from __future__ import annotations

import glob
import importlib
import os
import sys
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papertui.importers import blocks

from . import blocks_walker_reference as reference

HERE = os.path.dirname(__file__)

_TAGS = [
    "p", "div", "span", "a", "strong", "b", "em", "i", "u", "code", "pre", "br", "hr", "img", "ul", "ol", "li", "h1",
    "h2", "h3", "h6", "table", "thead", "tbody", "tr", "td", "th", "blockquote", "details", "summary", "dl", "dt", "dd",
    "section", "article", "main", "header", "footer", "nav", "script", "style", "sup", "small", "figure", "center",
    "body", "input", "button", "font", "x-widget",
]
_ATTRS = [
    "", "", "", ' href="https://arxiv.org/abs/2401.00001"', ' href="#top"', ' href="#"', ' href=""',
    ' href="https://scholar.google.com/scholar_url?url=https://arxiv.org/abs/2401.00002&hl=en"',
    ' href="sciencedirect.com/science/article/1"', ' href="2014"', ' href="https://huggingface.co/login?next=%2Fpapers%2F2401.00003"',
    ' class="share-bar"', ' class="paper-card-footer"', ' class="newsletter-body"', ' id="sidebar"', ' style="display: none"',
    ' colspan="2"', ' colspan="3"', ' rowspan="2"', ' scope="row"', ' start="3"', ' start="x"', ' alt="Paper"',
    ' data-arxiv-id="2312.00738v2"', ' data-other="1"',
]
_WORDS = st.sampled_from([
    "Title", "Ann Lee", " ", "\n", "  ", "\t", "1)", "2.", "Journal Papers", "Lee+18", "Bar16", "[code]", "[PDF]",
    "Full Paper List", "[By Topics]", "]", "[", "Click to expand", "点击展开", "论文", "■ 论文 | Title", "🔥", "`x`", ":",
    "https://arxiv.org/abs/2401.00004", "Vision", "↑", "Other Publications:", "team 1", ",", "é", "\u00a0", "a\u200bb",
    "<table><tr><th>Topic</th><th>Papers</th></tr><tr><td>Topic:</td><td><ul><li><a href='u'>T</a></li>"
    "<li><a href='https://arxiv.org/abs/2401.00007'>U</a></li></ul></td></tr></table>",
])


def _element(children):
    return st.tuples(st.sampled_from(_TAGS), st.sampled_from(_ATTRS), children).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>"
    )


def _cell(children):
    return st.tuples(st.sampled_from(["td", "td", "th"]), st.sampled_from(_ATTRS), children).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>"
    )


def _table(children):
    """A table of rows of cells (a tree of random tags seldom makes one: the parser moves a stray ``<tr>`` out)."""
    rows = st.lists(st.lists(_cell(st.lists(children, max_size=3)), min_size=1, max_size=4).map("".join), min_size=1,
                    max_size=4)
    return st.tuples(st.sampled_from(_ATTRS), rows).map(lambda t: f"<table{t[0]}>" + "".join(f"<tr>{r}</tr>" for r in t[1])
                                                        + "</table>")


_HTML = st.recursive(
    _WORDS, lambda children: st.one_of(_element(st.lists(children, max_size=5)), _table(children)), max_leaves=40
)
_PAGES = st.lists(_HTML, min_size=1, max_size=6).map("".join)

_MD_LINES = st.sampled_from([
    "# Title", "## Vision [[Back]](#toc)", "### [↑](#top) Vision", "## Full Paper List [By Topics](topics.md) [Scholar](s)",
    "- [Title](https://arxiv.org/abs/2401.00001)", "1. **Bold title** - note", "2. *Title* [[arxiv]](https://x.org/a)",
    "   - nested `tag` item", "- `🏷️ main` **Name**: text", "* **A long bold", "title** goes on", "> quoted line",
    "> [!NOTE] Callout", "| a | b |", "|---|---|", "| **Model**: x | [Paper](https://arxiv.org/abs/2401.00002) |",
    "| <i>Title</i>, Cy | y |", "", "", "plain text line", "Authors, **Title**, venue", "`RL` `PPO`",
    "[ResNet](https://a.org) `team 1`, `week 3`", "```", "code line", "<details><summary>Papers</summary>", "</details>",
    "<hr>", "Journal Papers", "---", "Term", ": definition one", "<br>", "<img src=x>", "[![arXiv](b.svg)](https://arxiv.org/abs/2401.00003)",
    "Lee+18", ": Ann Lee. Title. 2018.", "<table><tr><td>Topic</td><td><ul><li><a href='u'>T</a></li></ul></td></tr></table>",
    "<td colspan=2>Part I</td>", "■ 论文 | Title", "**4. 思路？**", "Paper: https://arxiv.org/abs/2401.00005",
    "[A long title\nwrapped](https://arxiv.org/abs/2401.00006)", "<div class=\"share\">x</div>", "<p align=center><img src=y></p>",
])
_MARKDOWN = st.lists(_MD_LINES, min_size=1, max_size=25).map(lambda lines: "Notes\n" + "\n".join(lines))
# (a first line of its own: an empty front matter, "---" / "---", is not the walker's)


def _both(text: str, read=blocks.read_document):
    with mock.patch.object(blocks, "_walk_html", reference._walk_html):
        old = read(text)
    return read(text).blocks, old.blocks


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGES, st.booleans())
def test_walker_reads_html_as_before(html, fenced):
    assert blocks._walk_html(html, fenced=fenced) == reference._walk_html(html, fenced=fenced)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGES)
def test_walker_reads_html_pages_as_before(html):
    new, old = _both("<!doctype html><html><body>" + html + "</body></html>")
    assert new == old


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWN)
def test_walker_reads_markdown_as_before(text):
    new, old = _both(text)
    assert new == old


def test_walker_reads_the_fixtures_and_shapes_as_before():
    paths = sorted(p for p in glob.glob(os.path.join(HERE, "fixtures", "articles", "*")) if os.path.isfile(p) and not p.endswith(".json"))
    assert paths
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        new, old = _both(text)
        assert new == old, path
    sys.path.insert(0, os.path.join(HERE, "..", "benchmarks"))
    try:
        bench = importlib.import_module("import_speed_articles")  # (benchmarks/: the shapes the speed figures use)
    finally:
        sys.path.pop(0)
    for name, make in sorted({**bench.SHAPES, **getattr(bench, "HOSTILE", {})}.items()):
        new, old = _both(make(60_000))
        assert new == old, name
