"""The detail pane: everything about the paper under the cursor.

Built as one ``rich.text.Text``; every piece of data is appended as plain text
(never markup), and only http(s) URLs get a link style.
"""

from __future__ import annotations

from typing import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...library import Library
from ...search import highlight_spans
from ...model import Link, Paper, abs_url, is_web_url
from ...wrap import wrap

HEADING = Style(bold=True, color="cyan")
MATCH = Style(bold=True, underline=True, color="black", bgcolor="yellow")


def render_paper(lib: Library, paper: Paper, width: int = 60, highlights: Sequence[str] = ()) -> Text:
    """The detail text, pre-wrapped to ``width`` cells (CJK-aware, see :mod:`papertui.wrap`).

    ``highlights`` (lower-case) are marked where they occur: the search matches.
    """
    store = lib.store

    def para(text: str, style: str | Style = "") -> None:
        wrapped = "\n".join(wrap(text, width))
        start = len(t)
        t.append(wrapped, style=style)
        for s, e in highlight_spans(wrapped, highlights):
            t.stylize(MATCH, start + s, start + e)
        t.append("\n")

    read = store.is_read(paper.key)
    starred = store.is_starred(paper.key)
    t = Text(no_wrap=False)
    para(paper.title, "bold")
    para(f"arXiv {paper.arxiv}" if paper.arxiv else "no arXiv id", "cyan" if paper.arxiv else "dim")
    t.append("✓ read" if read else "● unread", style="dim" if read else "bold")
    if starred:
        t.append("   ")
        t.append("★ starred", style="yellow")
    t.append("\n")
    for place in lib.catalog.lists_of(paper.key):
        para(place, "dim")
    if paper.authors:
        para(", ".join(paper.authors), "italic")
    if paper.tags:
        t.append("\n")
        para(" ".join(f"#{tag}" for tag in paper.tags), "magenta")
    if paper.summary:
        t.append("\nSummary\n", style=HEADING)
        para(paper.summary)
    links = list(paper.links)
    if paper.arxiv and not any(link.url == abs_url(paper.arxiv) for link in links):
        links.insert(0, Link("arXiv", abs_url(paper.arxiv)))
    if links:
        t.append("\nLinks\n", style=HEADING)
        for link in links:
            t.append(f"{link.label}\n", style="dim")
            _append_url(t, link.url)
            t.append("\n")
    if paper.related:
        t.append("\nRelated\n", style=HEADING)
        for rel in paper.related:
            para(f"• {rel.title}")
            if rel.arxiv:
                t.append("  ")
                _append_url(t, abs_url(rel.arxiv))
                t.append("\n")
    t.rstrip()
    return t


def _append_url(t: Text, url: str) -> None:
    if is_web_url(url):
        t.append(url, style=Style(color="blue", underline=True, link=url))
    else:
        t.append(url, style="dim")


class DetailPane(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def __init__(self, library: Library, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lib = library
        self.index: int | None = None
        self.highlights: list[str] = []
        self._body = Static(id="detail-body")

    def compose(self):
        yield self._body

    def show(self, index: int | None) -> None:
        changed = index != self.index
        self.index = index
        if index is None:
            self._body.update(Text("Nothing selected", style="dim italic"))
        else:
            width = max(10, self.scrollable_content_region.width - 1)
            paper = self.lib.catalog.papers[index]
            self._body.update(render_paper(self.lib, paper, width, self.highlights))
        if changed:
            self.scroll_home(animate=False)

    def on_resize(self) -> None:
        self.show(self.index)
