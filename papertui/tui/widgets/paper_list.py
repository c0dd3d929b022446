"""The paper list: a Line-API ScrollView over an array of paper indices.

Only the rows on screen are rendered, so 100k papers cost what 30 do. Rows are
built from ``rich.text.Text`` objects holding the data as plain text: nothing
from a list file is ever parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Sequence
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive

from ...library import Library
from ...search import highlight_spans
from ...wrap import clip
from ..actions import LIST, bindings
from ..compat import RowCache
from ..selection import Selection
from .line_view import LineView
from .type_ahead import TypeAhead

ID_WIDTH = 12
CITE_WIDTH = 7  # "12.3k " citation counts, when any are stored
NOTE_MARK = "✎"  # after the title: the paper has a note
TAGS_MARK = "#"  # ... or (no note) the user's own tags
PDF_MARK = "↓"  # a local PDF: before the id, or after the title when the id is left out
ROW_SEGMENTS_KEPT = 4000  # rows' segments kept: a few long scrolls' worth
BYLINE_WIDTH = 18  # a feed paper's first author and day: "Vaswani · 11-30"
SELECTED_MARK = "▌"  # in the first column: the paper is selected (space, v, ctrl+a)


class PaperList(TypeAhead, LineView, can_focus=True):
    """A cursor over ``rows`` (indices into the catalog's papers)."""

    BINDINGS = bindings(LIST)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paper-list--cursor",
        "paper-list--cursor-blurred",
        "paper-list--unread",
        "paper-list--read",
        "paper-list--star",
        "paper-list--id",
        "paper-list--empty",
        "paper-list--match",
        "paper-list--selected",
        "paper-list--selected-mark",
    }

    DEFAULT_CSS = """
    PaperList {
        background: $surface;
        overflow-x: hidden;
        overflow-y: scroll;
    }
    PaperList > .paper-list--cursor { background: $block-cursor-background; color: $pt-cursor-text; text-style: bold; }
    PaperList > .paper-list--cursor-blurred { background: $pt-cursor-blurred; }
    PaperList > .paper-list--unread { color: $pt-unread; text-style: bold; }
    PaperList > .paper-list--read { color: $pt-read; }
    PaperList > .paper-list--star { color: $pt-star; }
    PaperList > .paper-list--id { color: $pt-muted; }
    PaperList > .paper-list--empty { color: $pt-muted; text-style: italic; }
    PaperList > .paper-list--match { color: $pt-match; text-style: bold underline; }
    PaperList > .paper-list--selected { background: $pt-selected; }
    PaperList > .paper-list--selected-mark { color: $pt-selected-mark; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)  # watch_cursor repaints 2 rows

    class Chosen(Message):
        """Enter (or a double click) on a paper."""

        def __init__(self, paper_list: PaperList, index: int) -> None:
            super().__init__()
            self.paper_list = paper_list
            self.index = index

        @property
        def control(self) -> PaperList:
            return self.paper_list

    def __init__(
        self,
        library: Library,
        *,
        empty_message: str = "No papers here",
        on_highlight: Callable[[int | None], None] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.lib = library
        self._feeds: tuple | None = None  # (library, list indices that are feeds): see _byline
        # Called at once (not through a message) when the paper under the cursor may
        # have changed: the detail pane then repaints in the same frame as the list.
        self.on_highlight = on_highlight
        self.rows: list[int] = []
        self.empty_message = empty_message
        self.highlights: list[str] = []  # lower-cased texts to mark in titles (search matches)
        # Finished rows (without the cursor), cleared on a style change or new highlights.
        self._row_cache: RowCache[tuple, list[Segment]] = RowCache(ROW_SEGMENTS_KEPT)
        self._styles: dict[str, Style] = {}  # this paint's component styles
        self.pdf_ids: set[str] = set()  # arXiv ids with a downloaded PDF: marked ↓ before the id
        self.show_cites = False  # a column of citation counts before the id (once any are stored)
        self.selection = Selection()  # papers picked for an action on many (see selection.py)
        self._title = Content("")  # the title the screen gave; the selection's count is added to it

    # -- data ----------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[int],
        *,
        keep: int | None = None,
        empty_message: str | None = None,
        highlights: Sequence[str] = (),
    ) -> None:
        """Show ``rows``; keep the cursor on paper ``keep`` if it is among them.

        Only the rows that show another paper than before are repainted: narrowing
        a search or going from All to Unread often leaves the top of the list as it was.
        """
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        before = self.rows[top : top + height] if self.rows else None
        if self.selection.anchor is not None:  # (a range is row positions: kept as papers)
            self.selection.keep_range()
            self._selection_changed()
        self.rows = list(rows)
        repaint = before is None or top != 0 or not self.rows
        if list(highlights) != self.highlights:  # rows are cached without the highlights in the key
            self.highlights = list(highlights)
            self._row_cache.clear()
            self.forget_rows()
            repaint = True
        if empty_message is not None:
            self.empty_message = empty_message
        self.set_virtual_height(len(self.rows))
        position = 0
        if keep is not None:
            try:
                position = self.rows.index(keep)
            except ValueError:
                position = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = position  # repaints the cursor's old and new rows (all if it scrolls)
        if repaint or before is None:
            self.refresh()
            return
        self.refresh_differences(before, self.rows[:height])  # (top is 0 here)

    @property
    def current(self) -> int | None:
        """The catalog index of the paper under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def refresh_paper(self, index: int) -> None:
        """Repaint the rows showing paper ``index`` (after a mark)."""
        keys = self.lib.catalog.keys
        key = keys[index]
        top = int(self.scroll_offset.y)
        rows = self.rows
        self.refresh_changed(y for y in range(top, min(top + self.size.height, len(rows))) if keys[rows[y]] == key)

    # -- cursor ----------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        if not self.rows:
            return 0
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        stretched = (0, -1)
        if self.selection.anchor is not None:
            keys = self.lib.catalog.keys
            stretched = self.selection.stretch(new, _RowKeys(self.rows, keys))
            self._selection_changed()
        if self._scroll_cursor_into_view():
            self.refresh()
        else:  # only the rows whose cursor (or range) state changed
            self.refresh_changed(sorted({old, new} | set(self._visible(*stretched))))
        if self.on_highlight is not None:
            self.on_highlight(self.current)

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll so the cursor row is visible; True if it scrolled."""
        height = self.scrollable_content_region.height or self.size.height
        if height <= 0:
            return False
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
            return True
        if self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
            return True
        return False

    def _page(self) -> int:
        return max(1, (self.scrollable_content_region.height or self.size.height) - 1)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_half_page_up(self) -> None:
        self.cursor -= max(1, self._page() // 2)

    def action_half_page_down(self) -> None:
        self.cursor += max(1, self._page() // 2)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    # -- selection -------------------------------------------------------------
    def _visible(self, first: int, last: int) -> range:
        top = int(self.scroll_offset.y)
        return range(max(first, top), min(last, top + self.size.height - 1, len(self.rows) - 1) + 1)

    def _selection_changed(self) -> None:
        self._show_title()

    def action_toggle_select(self) -> None:
        """space: pick or drop the paper under the cursor, then go down a row (while a range
        is drawn: keep the range, as v does)."""
        index = self.current
        if index is None:
            return
        if self.selection.anchor is not None:
            self.action_select_range()
            return
        self.selection.toggle(self.lib.catalog.keys[index])
        self._selection_changed()
        self.refresh()  # (the paper's other rows, if any)
        self.cursor += 1

    def action_select_range(self) -> None:
        """v: start a range at the cursor (moving stretches it); v again keeps it."""
        selection = self.selection
        if selection.anchor is not None:
            selection.keep_range()
        elif self.current is not None:
            selection.start_range(self.cursor, self.lib.catalog.keys[self.current])
        self._selection_changed()
        self.refresh()

    def action_select_all(self) -> None:
        """ctrl+a: pick every paper of the list on screen; again (all picked): none."""
        keys = self.lib.catalog.keys
        view = {keys[i] for i in self.rows}
        if view and view <= self.selection.all_keys():
            self.selection.set(self.selection.keys - view)
        else:
            self.selection.set(self.selection.keys | view)
        self._selection_changed()
        self.refresh()

    def clear_selection(self) -> bool:
        """Drop the selection; True if there was one."""
        if not self.selection.clear():
            return False
        self._selection_changed()
        self.refresh()
        return True

    def prune_selection(self, known: Container[str]) -> None:
        """Forget selected papers a reloaded library no longer has."""
        before = len(self.selection)
        self.selection.prune(known)
        if len(self.selection) != before:
            self._selection_changed()

    def set_title(self, title: Content) -> None:
        self._title = title
        self._show_title()

    def _show_title(self) -> None:
        count = len(self.selection)
        title = self._title
        if count:
            drawing = " (v: range)" if self.selection.anchor is not None else ""
            title = Content.assemble(title, " · ", (f"{count:,} selected{drawing}", "bold $pt-selected-mark"))
        super().set_title(title)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.on_bar(event):
            return
        position = offset.y + int(self.scroll_offset.y)
        if 0 <= position < len(self.rows):
            self.cursor = position
            if event.chain >= 2:
                self.post_message(self.Chosen(self, self.rows[position]))

    def key_enter(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self, self.current))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row_cache.clear()  # a new theme: the cached rows have the old colours
        self._styles = {}
        self.forget_rows()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.set_virtual_height(len(self.rows))
        self._scroll_cursor_into_view()

    # -- rendering -------------------------------------------------------------
    def prepare_paint(self) -> None:
        # The component styles, combined with the widget's: worked out again only
        # when that changes or the CSS does (Textual forgets its own on every refresh).
        base = self._base_style
        if self._styles.get("title") != base:
            get = self.get_component_rich_style
            self._styles = {name: base + get(name, partial=True) for name in self.COMPONENT_CLASSES}
            self._styles["title"] = base
            self._match = get("paper-list--match", partial=True)

    def render_row(self, y: int) -> tuple[Hashable | None, list[Segment]]:
        width = self._line_width
        position = int(self.scroll_offset.y) + y
        base = self._base_style
        if not self.rows:
            if y == 1:
                text = Text("  " + self.empty_message, style=self._styles["paper-list--empty"])
                text.truncate(width, overflow="ellipsis", pad=True)
                return None, list(text.render(self.app.console))
            return ("blank", width), [Segment(" " * width, base)]
        if position >= len(self.rows):
            return ("blank", width), [Segment(" " * width, base)]
        return self._render_row(position, width, base)

    def _render_row(self, position: int, width: int, base: Style) -> tuple[Hashable | None, list[Segment]]:
        index = self.rows[position]
        key = self.lib.catalog.keys[index]
        store = self.lib.store
        read = store.is_read(key)
        starred = store.is_starred(key)
        pdf = bool(self.pdf_ids) and self.lib.catalog.arxivs[index] in self.pdf_ids
        cites = self.lib.store.citation_count(self.lib.catalog.arxivs[index]) if self.show_cites else None
        mark = NOTE_MARK if store.note(key) else TAGS_MARK if store.user_tags(key) else ""
        picked = bool(self.selection) and self.selection.picked(key, position)
        cache_key = (index, width, read, starred, mark, base, pdf, cites, picked)
        segments = self._row_cache.get(cache_key)
        if segments is None:
            segments = self._row_segments(index, width, read, starred, mark, pdf, cites)
            if picked:
                segments = self._picked(segments)
            self._row_cache.set(cache_key, segments)  # (not there: get said so)
        if position == self.cursor:
            cursor = self._styles["paper-list--cursor" if self.has_focus else "paper-list--cursor-blurred"]
            return None, list(Segment.apply_style(segments, post_style=cursor))
        return cache_key, segments

    def _picked(self, segments: list[Segment]) -> list[Segment]:
        """A row drawn selected: the mark in its first (blank) column, on the selection's ground."""
        first = segments[0]
        mark = Segment(SELECTED_MARK, self._styles["paper-list--selected-mark"])
        rest = [Segment(first.text[1:], first.style), *segments[1:]] if first.text[:1] == " " else segments
        ground = self._styles["paper-list--selected"]
        ground = Style(bgcolor=ground.bgcolor)  # (the ground only: the row keeps its colours)
        return list(Segment.apply_style([mark, *rest], post_style=ground))

    def _byline(self, index: int) -> str:
        """A feed paper's first author (last name) and submission day (its section), else ""."""
        catalog = self.lib.catalog
        kept = self._feeds
        if kept is None or kept[0] is not self.lib:
            kept = self._feeds = (self.lib, frozenset(self.lib.feed_lists()))
        li = catalog.list_of[index]
        if li not in kept[1]:
            return ""
        authors = catalog.authors[index]
        name = authors[0].split()[-1] if authors and authors[0].split() else ""
        day = catalog.lists[li].sections[catalog.section_of[index]].title[5:]  # "2026-11-30" -> "11-30"
        return clip(f"{name} · {day}" if name else day, BYLINE_WIDTH - 2)

    def _row_segments(self, index: int, width: int, read: bool, starred: bool, mark: str = "", pdf: bool = False,
                      cites: int | None = None) -> list[Segment]:
        """`` ● ★ Title… ×2 ✎  Dao · 11-30   1.2k ↓2405.11157 ``, exactly ``width`` cells, in this
        paint's styles (``mark``: the paper has a note or the user's own tags; ×N: in N lists;
        ↓: a local PDF). As the list narrows the citations go first, then the byline, the id."""
        styles = self._styles
        catalog = self.lib.catalog
        arxiv = catalog.arxivs[index]
        segments = [
            Segment(" ✓" if read else " ●", styles["paper-list--read" if read else "paper-list--unread"]),
            Segment(" ★ " if starred else "   ", styles["paper-list--star"]),
        ]
        shown = f"↓{arxiv}" if pdf else (arxiv or "—")  # ↓: a local PDF
        id_width = ID_WIDTH if len(shown) < ID_WIDTH else len(shown) + 2  # (an old-style id, "astro-ph/9905116", takes
        # a few more cells, a space before it)
        show_id = width >= 5 + id_width + 12
        mark = mark if width >= 5 + 2 + 12 else ""
        byline = self._byline(index) if width >= 5 + BYLINE_WIDTH + 16 else ""
        if byline and width < 5 + ID_WIDTH + BYLINE_WIDTH + 24:
            show_id = False  # a narrow list: the byline in place of the id (the detail pane has it)
        fixed = 5 + (id_width if show_id else 0) + (BYLINE_WIDTH if byline else 0)
        cite_width = CITE_WIDTH if self.show_cites and width >= fixed + CITE_WIDTH + 12 else 0
        if pdf and not show_id and width >= 5 + 3 + 12:
            mark += PDF_MARK  # (no id column to carry it)
        title_width = max(1, width - fixed - cite_width - (1 + len(mark) if mark else 0))
        title = catalog.titles[index]
        seen = self.lib.source_count(catalog.keys[index]) if catalog.repeats else 1
        badge = f" ×{seen}" if seen > 1 and title_width > 12 else ""  # in that many lists
        title_width -= len(badge)
        gap = " " if (badge or mark) and show_id and not byline and not cite_width else ""  # (before "↓2405…")
        title_width -= len(gap)
        if title.isascii():  # printable (the catalog cleans titles): a cell per character
            title = title[: title_width - 1] + "…" if len(title) > title_width else title.ljust(title_width)
        else:
            title = set_cell_size(clip(title, title_width), title_width)
        title_style = styles["paper-list--read" if read else "title"]
        spans = highlight_spans(title, self.highlights) if self.highlights else []
        if spans:
            match = title_style + self._match
            at = 0
            for start, end in spans:
                if start > at:
                    segments.append(Segment(title[at:start], title_style))
                segments.append(Segment(title[start:end], match))
                at = end
            if at < len(title):
                segments.append(Segment(title[at:], title_style))
        else:
            segments.append(Segment(title, title_style))
        if badge:
            segments.append(Segment(badge, styles["paper-list--star"]))
        if mark:
            segments.append(Segment(" " + mark, styles["paper-list--star"]))
        if gap:
            segments.append(Segment(gap, title_style))
        if byline:
            segments.append(Segment(set_cell_size(" " + byline, BYLINE_WIDTH), styles["paper-list--id"]))
        if cite_width:
            from ...citations import short

            segments.append(Segment(short(cites).rjust(cite_width - 1) + " ", styles["paper-list--id"]))
        if show_id:
            segments.append(Segment(shown.rjust(id_width - 1) + " ", styles["paper-list--id"]))
        if width < 6:  # too narrow for the marks and a title: cut to fit
            return list(Segment.adjust_line_length(segments, width, styles["title"]))
        return segments


class _RowKeys(Sequence[str]):
    """The keys of a list's rows, looked up as they are sliced (a range: no copy of 100k keys)."""

    def __init__(self, rows: list[int], keys: Sequence[str]) -> None:
        self.rows, self.keys = rows, keys

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, item):
        if isinstance(item, slice):
            keys = self.keys
            return [keys[i] for i in self.rows[item]]
        return self.keys[self.rows[item]]
