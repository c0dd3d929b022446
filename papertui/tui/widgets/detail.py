"""The detail pane: everything about the paper under the cursor.

Built as one ``rich.text.Text``; every piece of data is appended as plain text
(never markup), and only http(s) URLs get a link style.
"""

from __future__ import annotations

from typing import Hashable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ...library import Library
from ...limits import MAX_SHOWN, cut
from ...search import highlight_spans
from ...model import Link, Paper, Related, abs_url, is_web_url
from ...wrap import wrap
from ..actions import DETAIL, bindings
from ..palette import rich_color
from .line_view import LineView
from .note_markdown import render_note
from .type_ahead import TypeAhead

HEADING = Style(bold=True, color="cyan")
MATCH = Style(bold=True, underline=True, color="black", bgcolor="yellow")
# The pane's styles by role; DetailPane replaces the colours with the theme's ($pt-*).
STYLES: dict[str, Style] = {
    "id": Style(color="cyan"), "muted": Style(dim=True), "star": Style(color="yellow"), "tag": Style(color="magenta"),
    "own-tag": Style(color="green"), "heading": HEADING, "link": Style(color="blue"),
}
THEME_COLORS = {"id": "pt-heading", "muted": "pt-muted", "star": "pt-star", "tag": "pt-tag", "own-tag": "pt-own-tag",
                "heading": "pt-heading", "link": "pt-link"}


def theme_styles(variables: dict[str, str]) -> dict[str, Style]:
    """STYLES in the theme's legible colours (see palette.py)."""
    styles = dict(STYLES)
    for role, name in THEME_COLORS.items():
        if variables.get(name):
            styles[role] = Style(bold=styles[role].bold, color=rich_color(variables[name]))
    return styles


def render_paper(
    lib: Library, paper: Paper, width: int = 60, highlights: Sequence[str] = (), styles: dict[str, Style] = STYLES,
    related: list | None = None
) -> Text:
    """The detail text, pre-wrapped to ``width`` cells (CJK-aware, see :mod:`papertui.wrap`).

    ``highlights`` (folded) are marked where they occur: the search matches. ``related``:
    given a list, ``(start, end, Related)`` offsets of each Related entry are added to it.
    """
    store = lib.store
    muted = styles["muted"]

    def para(text: str, style: str | Style = "") -> None:
        wrapped = "\n".join(wrap(cut(text, MAX_SHOWN), width))  # a 10 MB summary would freeze the pane
        start = len(t)
        t.append(wrapped, style=style)
        for s, e in highlight_spans(wrapped, highlights):
            t.stylize(MATCH, start + s, start + e)
        t.append("\n")

    read = store.is_read(paper.key)
    starred = store.is_starred(paper.key)
    t = Text(no_wrap=False)
    # A dense header (the summary shows in a short pane, e.g. at 80x24): title, then id,
    # state and star on one line, then where the paper is listed, on one line.
    para(paper.title, "bold")
    state = [
        (f"arXiv {paper.arxiv}" if paper.arxiv else "no arXiv id", styles["id"] if paper.arxiv else muted),
        ("✓ read" if read else "● unread", muted if read else Style(bold=True)),
    ]
    if starred:
        state.append(("★ starred", styles["star"]))
    if sum(len(text) + 3 for text, _ in state) - 3 > width:
        state[0] = (state[0][0] + "\n", state[0][1])  # too narrow: the id on a line of its own
    for i, (text, style) in enumerate(state):
        if i and not state[i - 1][0].endswith("\n"):
            t.append("   ")
        t.append(text, style=style)
    t.append("\n")
    places = lib.catalog.lists_of(paper.key)
    if places:
        para("  ·  ".join(places), muted)
    meta = lib.metadata(paper.arxiv)
    authors = paper.authors or tuple((meta or {}).get("authors") or ())
    if authors:
        para(", ".join(authors), "italic")
    if meta:
        dates = f"published {meta.get('published') or '?'}"
        if meta.get("updated") and meta.get("updated") != meta.get("published"):
            dates += f" · updated {meta['updated']}"
        cats = [meta.get("primary_category")] + [c for c in meta.get("categories") or [] if c != meta.get("primary_category")]
        para(dates + "  ·  " + " ".join(c for c in cats if c), muted)
        for label in ("journal_ref", "doi", "comment"):
            if meta.get(label):
                para(f"{label.replace('_', ' ')}: {meta[label]}", muted)
    own = [tag for tag in lib.user_tags(paper.key) if tag not in paper.tags]
    if paper.tags or own:
        start = len(t)
        para(" ".join([f"#{tag}" for tag in paper.tags] + [f"#{tag}" for tag in own]), styles["tag"])
        if own:  # the user's own tags in another colour, after the list's
            mine = " ".join(f"#{tag}" for tag in own)
            at = t.plain.find(mine, start)
            if at >= 0:
                t.stylize(styles["own-tag"], at, at + len(mine))
    if paper.summary:  # the paper's text, right under the header
        t.append("\n")
        para(paper.summary)
    if meta and meta.get("abstract") and meta.get("abstract") != paper.summary:
        t.append("\nAbstract\n", style=styles["heading"])
        para(meta["abstract"])
    note = lib.note(paper.key)
    if note:
        t.append("\nNote\n", style=styles["heading"])
        for line in render_note(note, width):  # Markdown, as styled plain text
            start = len(t)
            t.append_text(line)
            for s, e in highlight_spans(line.plain, highlights):
                t.stylize(MATCH, start + s, start + e)
            t.append("\n")
    links = list(paper.links)
    if paper.arxiv and not any(link.url == abs_url(paper.arxiv) for link in links):
        links.insert(0, Link("arXiv", abs_url(paper.arxiv)))
    if links:
        t.append("\nLinks\n", style=styles["heading"])
        for link in links:
            t.append(f"{link.label}\n", style=muted)
            _append_url(t, link.url, styles)
            t.append("\n")
    if paper.related:
        t.append("\nRelated\n", style=styles["heading"])
        for rel in paper.related:
            start = len(t)
            para(f"• {rel.title}")
            if rel.arxiv:
                t.append("  ")
                _append_url(t, abs_url(rel.arxiv), styles)
                t.append("\n")
            if related is not None:
                related.append((start, len(t) - 1, rel))
    t.rstrip()
    return t


def _append_url(t: Text, url: str, styles: dict[str, Style] = STYLES) -> None:
    if is_web_url(url):
        t.append(url, style=styles["link"] + Style(underline=True, link=url))
    else:
        t.append(url, style=styles["muted"])


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

    def action_half_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_follow_related(self) -> None:
        """enter: go to a related paper; with several, pick one first."""
        related = list(self.lib.catalog.papers[self.index].related) if self.index is not None else []
        if not related:
            self.notify("No related papers listed for this paper")
            return
        if len(related) == 1:
            self.screen.follow_related(related[0])
            return
        from ..screens.dialogs import RelatedScreen

        def chosen(pick) -> None:
            if pick is not None:
                self.screen.follow_related(pick)

        self.app.push_screen(RelatedScreen(related), chosen)

    def on_click(self, event) -> None:
        """A click on a Related line follows it."""
        line = int(self.scroll_offset.y) + event.y
        for first, last, rel in self._related_lines:
            if first <= line <= last:
                event.stop()
                self.screen.follow_related(rel)
                return

    def __init__(self, library: Library, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lib = library
        self.index: int | None = None
        self.highlights: list[str] = []
        self._lines: list[Text] = []
        self._shown = 0
        self._shown_for: tuple = ()  # (index, highlights) of the last show()
        self._width = 0
        self._related_lines: list[tuple[int, int, Related]] = []  # (first line, last line, paper)
        self._theme_variables: dict | None = None  # the theme the styles below are for
        self._theme_styles: dict[str, Style] = STYLES

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
        related: list[tuple[int, int, Related]] = []
        if index is None:
            body = Text("Nothing selected", style=self._styles()["muted"] + Style(italic=True))
        else:
            body = render_paper(
                self.lib, self.lib.catalog.papers[index], width, self.highlights, self._styles(), related
            )
        plain = body.plain
        self._related_lines = [(plain.count("\n", 0, a), plain.count("\n", 0, b), rel) for a, b, rel in related]
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
        return (self._shown, index, width), list(Segment.adjust_line_length(list(segments), width, base))

    def _styles(self) -> dict[str, Style]:
        variables = self.app.theme_variables
        if variables is not self._theme_variables:
            self._theme_variables = variables
            self._theme_styles = theme_styles(variables)
        return self._theme_styles

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.show(self.index))  # its colours

    def on_resize(self) -> None:
        if max(10, self.content_width) != self._width:
            self.show(self.index)
