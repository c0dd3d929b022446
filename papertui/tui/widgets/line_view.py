"""A ScrollView base for the Line-API panes: cheap paints and cheap height changes."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .inline_scrollbar import InlineScrollbar


class LineView(InlineScrollbar, ScrollView):
    """Textual asks ``render_line`` for each dirty row of a paint. The widget's own
    style (``rich_style`` walks every ancestor's CSS, ~0.2 ms), the content width and
    the scrollbar are the same for every row of one paint, so they are worked out
    once here. Subclasses implement ``render_row(y)``: ``_line_width`` cells in
    ``_base_style``; the bar is added here.

    The scrollbar is drawn in the rows (see :mod:`.inline_scrollbar`), always there,
    so the content width never depends on the height and a new height needs no
    layout pass.
    """

    DEFAULT_CSS = """
    LineView {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 0;
    }
    """

    _base_style: Style = Style()
    _line_width: int = 0

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style
        self._line_width = self.content_width
        self.prepare_bar(self._base_style)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        row = self.render_row(y)
        return Strip([*row, *self.bar_segment(y)], row.cell_length + self.BAR_GAP + 1)

    def render_row(self, y: int) -> Strip:
        raise NotImplementedError

    def set_virtual_height(self, height: int) -> None:
        """Change the scroll range without a layout pass; the rows are repainted
        only if the scrollbar's thumb changes (content that fits the pane leaves
        an empty bar, whatever its height)."""
        size = Size(0, height)
        if size == self.virtual_size:
            return
        moves = self.thumb_moves(height)
        self.set_reactive(ScrollView.virtual_size, size)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
        if moves:
            self.refresh()
