"""The detail pane: everything about the paper under the cursor.

Built as one ``rich.text.Text``; every piece of data is appended as plain text
(never markup), and only http(s) URLs get a link style.
"""

from __future__ import annotations

from typing import Callable, Hashable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ...library import Library
from ...search import highlight_spans
from ...model import Link, Paper, abs_url, is_web_url
from ...wrap import wrap
from ..actions import DETAIL, bindings
from .line_view import LineView
from .type_ahead import TypeAhead

HEADING = Style(bold=True, color="cyan")
MATCH = Style(bold=True, underline=True, color="black", bgcolor="yellow")


def render_paper(
    lib: Library,
    paper: Paper,
    width: int = 60,
    highlights: Sequence[str] = (),
    facts: Sequence[str] = (),
    sections: Sequence[tuple[str, Sequence[str]]] = (),
) -> Text:
    """The detail text, pre-wrapped to ``width`` cells (CJK-aware, see :mod:`papertui.wrap`).

    ``highlights`` (lower-case) are marked where they occur: the search matches.
    ``facts``: short lines shown under the places (local PDF, citations, lists);
    ``sections``: (heading, lines) shown at the end (similar papers). Plain text.
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
    for fact in facts:
        para(fact, "green")
    meta = store.metadata(paper.arxiv)
    authors = paper.authors or tuple((meta or {}).get("authors") or ())
    if authors:
        para(", ".join(authors), "italic")
    if meta:
        dates = f"published {meta.get('published') or '?'}"
        if meta.get("updated") and meta.get("updated") != meta.get("published"):
            dates += f" · updated {meta['updated']}"
        cats = [meta.get("primary_category")] + [c for c in meta.get("categories") or [] if c != meta.get("primary_category")]
        para(dates + "  ·  " + " ".join(c for c in cats if c), "dim")
        for label in ("journal_ref", "doi", "comment"):
            if meta.get(label):
                para(f"{label.replace('_', ' ')}: {meta[label]}", "dim")
    own = [tag for tag in store.user_tags(paper.key) if tag not in paper.tags]
    if paper.tags or own:
        t.append("\n")
        start = len(t)
        para(" ".join([f"#{tag}" for tag in paper.tags] + [f"#{tag}" for tag in own]), "magenta")
        if own:  # the user's own tags in another colour, after the list's
            mine = " ".join(f"#{tag}" for tag in own)
            at = t.plain.find(mine, start)
            if at >= 0:
                t.stylize("green", at, at + len(mine))
    if meta and meta.get("abstract") and meta.get("abstract") != paper.summary:
        t.append("\nAbstract\n", style=HEADING)
        para(meta["abstract"])
    note = store.note(paper.key)
    if note:
        t.append("\nNote\n", style=HEADING)
        para(note, "italic")
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
    for heading, lines in sections:
        if lines:
            t.append(f"\n{heading}\n", style=HEADING)
            for line in lines:
                para(line)
    t.rstrip()
    return t


def _append_url(t: Text, url: str) -> None:
    if is_web_url(url):
        t.append(url, style=Style(color="blue", underline=True, link=url))
    else:
        t.append(url, style="dim")


class DetailPane(TypeAhead, LineView, can_focus=True):
    """A Line-API view of :func:`render_paper`'s pre-wrapped lines.

    Showing another paper swaps the lines and the virtual height: no layout pass,
    so moving the cursor through the list stays within a frame.
    """

    BAR_GAP = 1

    BINDINGS = bindings(DETAIL)

    # (The action table's names for moving: here they scroll.)
    def action_cursor_up(self) -> None:
        self.action_scroll_up()

    def action_cursor_down(self) -> None:
        self.action_scroll_down()

    def action_first(self) -> None:
        self.action_scroll_home()

    def action_last(self) -> None:
        self.action_scroll_end()

    def __init__(self, library: Library, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lib = library
        self.index: int | None = None
        self.highlights: list[str] = []
        self._lines: list[Text] = []
        self._shown = 0
        self._shown_for: tuple = ()  # (index, highlights) of the last show()
        self._width = 0
        # Set by the screen: paper index -> (facts, sections) for render_paper (PDF, similar...).
        self.extras: Callable[[int], tuple[Sequence[str], Sequence[tuple[str, Sequence[str]]]]] | None = None

    @property
    def text(self) -> str:
        """What the pane shows, as plain text."""
        return "\n".join(line.plain for line in self._lines)

    def follow(self, index: int | None) -> None:
        """The list's cursor is on paper ``index``: show it, unless it is shown already
        (with the same highlights). A change to the paper itself comes through
        :meth:`show`, which always renders."""
        if (index, self.highlights) != self._shown_for:
            self.show(index)

    def show(self, index: int | None) -> None:
        self._shown_for = (index, list(self.highlights))
        changed = index != self.index
        self.index = index
        width = max(10, self.content_width)
        self._width = width
        if index is None:
            body = Text("Nothing selected", style="dim italic")
        else:
            facts, sections = self.extras(index) if self.extras is not None else ((), ())
            body = render_paper(self.lib, self.lib.catalog.papers[index], width, self.highlights, facts, sections)
        old_lines = self._lines
        self._lines = lines = body.split("\n", allow_blank=True)
        self._shown += 1  # these lines, for the row keys
        self.set_virtual_height(len(lines))
        if changed and self.scroll_offset.y:
            self.scroll_to(y=0, animate=False, immediate=True)  # repaints it all
            return
        # Repaint only the lines that differ: for the same paper again (a mark, a tag,
        # a note) one or two; for another paper, not the headings and blank lines.
        self.refresh_differences(old_lines, lines)

    def render_row(self, y: int) -> tuple[Hashable | None, list[Segment]]:
        width = self._line_width
        index = int(self.scroll_offset.y) + y
        base = self._base_style
        if index >= len(self._lines):
            return ("blank", width), [Segment(" " * width, base)]
        line = self._lines[index]
        segments = Segment.apply_style(line.render(self.app.console), base)
        return (self._shown, index), list(Segment.adjust_line_length(list(segments), width, base))

    def on_resize(self) -> None:
        if max(10, self.content_width) != self._width:
            self.show(self.index)
