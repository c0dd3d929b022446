"""A ScrollView base for the Line-API panes: cheap paints and cheap height changes."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .. import compat
from .framed_rows import FramedRowsCache
from .inline_scrollbar import ROWS_KEPT, InlineScrollbar


class LineView(InlineScrollbar, ScrollView):
    """Textual asks ``render_line`` for each dirty row of a paint. What every row of
    one paint shares is worked out once (``begin_paint``; subclasses add theirs in
    ``prepare_paint``). Subclasses implement
    ``render_row(y)``: a key for what the row shows and segments of exactly
    ``_line_width`` cells, in ``_base_style``; the bar is added here, and each row
    becomes one ``Strip`` (a Strip is not free: it carries seven caches).

    The scrollbar is drawn in the rows (see :mod:`.inline_scrollbar`); its column is
    always kept, so the content width never depends on the height and a new height
    needs no layout pass.
    """

    DEFAULT_CSS = """
    LineView {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 0;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # Border and padding worked out once, not per row; the scrollbar drawn in the rows.
        self._inline_bar = compat.use_own_rows(self, FramedRowsCache)
        self._rows = compat.RowCache(ROWS_KEPT)  # finished rows, by what they show (see finish_row)

    def render_lines(self, crop: Region) -> list[Strip]:
        self.begin_paint()
        self.prepare_paint()
        return super().render_lines(crop)

    def set_title(self, title: Content) -> None:
        """Set the border title and repaint just the top border row (setting
        ``border_title`` repaints every row of the pane)."""
        if compat.set_border_title_quietly(self, title):
            self.refresh_rows(-self.content_offset.y)

    def refresh_lines(self, y_start: int, line_count: int = 1) -> None:
        """Repaint rows ``y_start``.. (virtual rows), borders included (see refresh_rows)."""
        self.refresh_rows(y_start - int(self.scroll_offset.y), line_count)

    def refresh_changed(self, ys: Iterable[int]) -> None:
        """Repaint the virtual rows ``ys`` (ascending), in one refresh."""
        top = int(self.scroll_offset.y)
        runs: list[list[int]] = []
        for y in ys:
            if runs and runs[-1][0] + runs[-1][1] == y - top:
                runs[-1][1] += 1
            else:
                runs.append([y - top, 1])
        self.refresh_row_runs(runs)

    def refresh_differences(self, before: Sequence, after: Sequence) -> None:
        """Repaint the virtual rows from 0 where ``before`` and ``after`` (what the rows
        showed and show now) differ, rows only one of them has included."""
        self.refresh_changed(
            y for y in range(max(len(before), len(after))) if y >= len(before) or y >= len(after) or before[y] != after[y]
        )

    def refresh_line(self, y: int) -> None:
        self.refresh_lines(y, 1)

    def prepare_paint(self) -> None:
        """Work out what every row of this paint needs (once per paint)."""

    def render_line(self, y: int) -> Strip:
        key, segments = self.render_row(y)
        return self.finish_row(y, segments, self._line_width, None if key is None else (key, self._base_style))

    def render_row(self, y: int) -> tuple[Hashable | None, list[Segment]]:
        """Row ``y`` of the view: a key that stands for what it shows (None for
        rows not worth keeping, like the cursor's) and its segments."""
        raise NotImplementedError

    def set_virtual_height(self, height: int) -> None:
        """Change the scroll range without a layout pass; the rows are repainted
        only if the scrollbar's thumb changes (content that fits the pane leaves
        an empty bar, whatever its height)."""
        size = Size(0, height)
        if size == self.virtual_size:
            return
        if not self._inline_bar:  # (Textual's scrollbar: it is laid out again)
            self.virtual_size = size
            return
        moves = self.thumb_moves(height)
        self.set_reactive(ScrollView.virtual_size, size)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
        if moves:
            self.refresh()
