"""A ScrollView base for the Line-API panes: cheap paints and cheap height changes."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """Textual asks ``render_line`` for each dirty row of a paint. The widget's own
    style (``rich_style`` walks every ancestor's CSS, ~0.2 ms) and the content width
    are the same for every row of one paint, so they are computed once here.

    Subclasses keep ``overflow-y: scroll``: the scrollbar is always there, so the
    content width never depends on the height and a new height needs no layout pass.
    """

    _base_style: Style = Style()
    _line_width: int = 0

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style
        self._line_width = self.scrollable_content_region.width or self.size.width
        return super().render_lines(crop)

    def set_virtual_height(self, height: int, width: int = 0) -> None:
        """Change the scroll range without a layout pass.

        The scrollbar is only repainted when its thumb changes: content that fits
        the pane leaves an empty bar, whatever its height (Textual's own update
        repaints the whole bar on any change).
        """
        size = Size(width, height)
        if size == self.virtual_size:
            return
        self.set_reactive(ScrollView.virtual_size, size)
        bar = self.vertical_scrollbar
        window = self.scrollable_content_region.height
        bar.window_size = window  # reactives: a repaint only if the value changes
        bar.window_virtual_size = max(height, window)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
