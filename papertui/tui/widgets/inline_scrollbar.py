"""A vertical scrollbar drawn as the last cell of each line, instead of a widget.

Textual's scrollbar is a widget of its own. On a screen of three scrolling panes it
costs, for every paint that moves a thumb, a Rich render of the whole bar and more
cuts in each screen line for the compositor to divide (a category switch: ~30 ms of
CPU, of which ~5 ms for the bars and ~10 ms for dividing lines at 100k papers). Drawn
as one more segment at the end of rows the pane renders anyway, the bar is nearly
free, and it looks and behaves the same: the same colours (``scrollbar-*`` CSS), the
same eighth-cell ends, a thumb to drag, a track to click for a page.

Widgets using it set ``scrollbar-size-vertical: 0`` (Textual then still scrolls by
keys and wheel but draws no bar), render ``content_width`` cells per line, and end
each line with :meth:`bar_segment`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from math import ceil
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip

from ..compat import RowCache

if TYPE_CHECKING:  # what the mixin is mixed into (the type checker sees its methods)
    from textual.widget import Widget as _Widget
else:
    _Widget = object

ROWS_KEPT = 400  # finished rows kept per pane (finish_row): more than a tall pane shows, a few screens of scrolling

BARS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", " "]  # the glyphs Textual's own bar uses for its ends


def thumb_cells(size: int, virtual: int, window: int, position: float) -> tuple[int, int, int, int] | None:
    """Where the thumb is on a track of ``size`` cells, in eighths of a cell, as Textual
    computes it: ``(start cell, start eighth, end cell, end eighth)``, or None when
    everything fits (an empty track)."""
    if window >= virtual:
        window = 0
    if not (window and size and virtual and size != virtual):
        return None
    n = len(BARS)
    thumb = max(1, window / (virtual / size))
    position = (size - thumb) * (position / (virtual - window))
    start = int(position * n)
    end = start + ceil(thumb * n)
    return (*divmod(max(0, start), n), *divmod(max(0, end), n))


def bar_segments(size: int, cells: tuple[int, int, int, int], back: Color, bar: Color) -> list[Segment]:
    """One segment per row of the track."""
    segments = [Segment(" ", Style(bgcolor=back.rich_color))] * size
    start_index, start_bar, end_index, end_bar = cells
    segments[start_index:end_index] = [Segment(" ", Style(color=bar.rich_color, reverse=True))] * (
        max(0, min(end_index, size) - start_index)
    )
    n = len(BARS)
    if start_index < size and BARS[n - 1 - start_bar] != " ":
        segments[start_index] = Segment(BARS[n - 1 - start_bar], Style(bgcolor=back.rich_color, color=bar.rich_color))
    if end_index < size and BARS[n - 1 - end_bar] != " ":
        segments[end_index] = Segment(
            BARS[n - 1 - end_bar], Style(bgcolor=back.rich_color, color=bar.rich_color, reverse=True)
        )
    return segments


class InlineScrollbar(_Widget):
    """Mixin for a ``ScrollView`` (or ``Tree``) that draws its own vertical bar.

    ``BAR_GAP`` blank cells separate the content from the bar (the right padding the
    pane would have had in front of a Textual scrollbar). When everything fits, the
    bar's column is left blank (like ``overflow-y: auto``, but the content width stays
    the same, so nothing is laid out again when a list grows past the pane).
    """

    BAR_GAP = 0

    _base_style: Style = Style()  # this paint's (see begin_paint)
    _line_width: int = 0
    _bar: Sequence[Segment] = ()
    _gap: Sequence[Segment] = ()
    _blank = Segment(" ")
    _bar_key: tuple = ()
    _bar_grab: tuple[int, float] | None = None  # (screen y, scroll y) when the thumb was grabbed
    _bar_hover = False
    _rows: RowCache[tuple, tuple[object, Strip]]  # finish_row's kept rows; set by the widget (RowCache(ROWS_KEPT))
    # False: Textual's own scrollbar is used (compat.use_own_rows, PAPERTUI_NO_COMPAT=1);
    # the rows then end with the gap only.
    _inline_bar = True

    # -- geometry ------------------------------------------------------------------
    @property
    def content_width(self) -> int:
        """Cells per line for the content: the width less the gap and the bar."""
        return max(1, (self.scrollable_content_region.width or self.size.width) - self.BAR_GAP - self._inline_bar)

    def _track(self) -> tuple[int, int, int, float]:
        height = self.scrollable_content_region.height
        return height, ceil(self.virtual_size.height), height, self.scroll_offset.y

    def _bar_colors(self) -> tuple[Color, Color]:
        styles = self.styles
        if self._bar_grab is not None:
            back, bar = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self._bar_hover:
            back, bar = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            back, bar = styles.scrollbar_background, styles.scrollbar_color
        if back.a < 1:
            back = self.background_colors[0] + back
        return back, back + bar

    def begin_paint(self) -> None:
        """Work out what every row of a paint shares (once, not per row): the widget's
        style (``rich_style`` walks every ancestor's CSS, ~0.2 ms), the content width
        and the bar."""
        self._base_style = self.rich_style
        self._line_width = self.content_width
        self.prepare_bar(self._base_style)

    def refresh_rows(self, top: int, count: int = 1) -> None:
        """Repaint ``count`` rows from row ``top`` of the view (0: the first content
        row; the border above is -1) across the whole pane, borders included. Textual's
        own line refreshes cover only the content part, and the compositor then sends a
        cut copy of each row, made and turned into escape codes anew."""
        self.refresh_row_runs([(top, count)])

    def refresh_row_runs(self, runs: Iterable[Sequence[int]]) -> None:
        """:meth:`refresh_rows` for several runs of rows ``(top, count)``, in one
        refresh (each refresh works out the widget's geometry again)."""
        left, _top = self.content_offset
        width = self.outer_size.width
        regions = [Region(-left, top, width, count) for top, count in runs]
        if regions:
            self.refresh(*regions)

    def prepare_bar(self, base: Style) -> None:
        """Work out the bar for this paint (once, not per line); ``base`` is the
        widget's style, for the blank column when everything fits."""
        self._gap = [Segment(" " * self.BAR_GAP, base)] if self.BAR_GAP else []
        self._blank = Segment(" ", base)
        size, virtual, window, position = self._track()
        cells = thumb_cells(size, virtual, window, position)
        if cells is None:
            key: tuple = (size, base)
            if key != self._bar_key:
                self._bar_key = key
                self._bar = [self._blank] * size
            return
        back, bar = self._bar_colors()
        key = (size, cells, back, bar)
        if key != self._bar_key:
            self._bar_key = key
            self._bar = bar_segments(size, cells, back, bar)

    def finish_row(self, y: int, segments: Iterable[Segment], width: int, key: Hashable | None, anchor: object = None) -> Strip:
        """Content row ``y`` (``width`` cells) with the gap and the bar, as one Strip.

        Rows with a ``key`` (what the row shows; ``anchor`` an object that must be the
        very same for a match, when the key holds its id) come back as the same Strip
        object while they show the same: Textual keeps its filtered copy and escape
        codes on the Strip, so a scroll costs little more than the rows that come into
        view. None for rows not worth keeping (the cursor's).
        """
        bar = self.bar_segment(y)
        if key is None:
            return Strip([*segments, *bar], width + self.BAR_GAP + self._inline_bar)
        key = (key, bar[-1] if bar else None)
        kept = self._rows.get(key)
        if kept is not None and kept[0] is anchor:
            return kept[1]
        strip = Strip([*segments, *bar], width + self.BAR_GAP + self._inline_bar)
        self._rows.put(key, (anchor, strip))
        return strip

    def forget_rows(self) -> None:
        """Drop the kept rows (their colours or contents are out of date)."""
        self._rows.clear()

    def bar_segment(self, y: int) -> list[Segment]:
        """The gap and the bar cell for content row ``y`` (call :meth:`prepare_bar` first)."""
        bar = self._bar
        if not self._inline_bar:
            return [*self._gap]
        return [*self._gap, bar[y] if 0 <= y < len(bar) else self._blank]

    @property
    def thumb(self) -> tuple[int, int, int, int] | None:
        """The thumb as :func:`thumb_cells` gives it; None when everything fits."""
        return thumb_cells(*self._track())

    def thumb_moves(self, virtual_height: int) -> bool:
        """Would the thumb look different with this virtual height?"""
        size, _, window, position = self._track()
        return thumb_cells(size, virtual_height, window, position) != self.thumb

    # -- mouse -----------------------------------------------------------------------
    def on_bar(self, event: events.MouseEvent) -> bool:
        """Is the pointer on the bar's column?"""
        offset = event.get_content_offset(self)
        return self._inline_bar and offset is not None and offset.x == self.content_width + self.BAR_GAP

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if not self.on_bar(event):
            return
        event.stop()
        cells = self.thumb
        offset = event.get_content_offset(self)  # (on the bar: in the content region)
        if cells is None or offset is None:
            return
        y = offset.y
        if y < cells[0]:
            self.scroll_page_up(animate=False)
        elif y > cells[2] or (y == cells[2] and cells[3] == 0):
            self.scroll_page_down(animate=False)
        else:
            self._bar_grab = (event.screen_y, self.scroll_offset.y)
            self.capture_mouse()
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._bar_grab is not None:
            event.stop()
            grabbed_y, grabbed_scroll = self._bar_grab
            _size, virtual, window, _ = self._track()
            if window:
                self.scroll_to(y=grabbed_scroll + (event.screen_y - grabbed_y) * (virtual / window), animate=False)
            return
        hover = self.on_bar(event)
        if hover != self._bar_hover:
            self._bar_hover = hover
            self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._bar_grab is not None:
            event.stop()
            self._bar_grab = None
            self.release_mouse()
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._bar_hover:
            self._bar_hover = False
            self.refresh()
