"""Cheaper content rows for the panes: their border and padding, worked out once.

For each row a widget repaints, Textual's ``StylesCache.render_line`` rebuilds the
row's frame from the CSS: border edges, padding, colours, tint, opacity, hatch
(~60 µs a row here; a category switch repaints ~110 rows). For a pane whose
content rows differ only in their content, the frame is the same on every row: the
segments before the content (left border, padding) and after it (padding, right
border). This cache asks Textual for one row with a marker in place of the
content, keeps what came before and after the marker, and puts each row's content
between them. If the marker does not come back untouched (a tint, an opacity or a
hatch that changes the content) or anything about the frame changes (size,
colours, focus), Textual's own path is used again.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ..compat import RowCache, StylesCache  # (StylesCache: Textual's private class, see compat.py)

FRAMED_KEPT = 400  # framed rows kept (as many as the pane's finished rows: inline_scrollbar.ROWS_KEPT)

# Found again by identity. It has colours, so anything that would change the colours
# of the content (tint, opacity, text-opacity) changes it too and is noticed.
_MARKER = Style(color="#123456", bgcolor="#654321", meta={"papertui.frame": True})


class FramedRowsCache(StylesCache):
    def __init__(self) -> None:
        super().__init__()
        self._frame_key: tuple | None = None
        self._frame: tuple[list[Segment], list[Segment]] | None = None
        # id(content strip) -> (content strip, framed strip): the same content gives
        # back the same framed Strip, whose filtered copy and escape codes Textual keeps.
        # Kept across clear(), which Textual calls on every full repaint (a scroll):
        # the frame's key, not clear(), says when they are stale.
        self._framed: RowCache[int, tuple[Strip, Strip]] = RowCache(FRAMED_KEPT)
        self._painting: tuple[int, int] | None = None

    def render(self, *args, **kwargs) -> list[Strip]:
        self._painting = None  # worked out at the first row of this paint (see render_line)
        return super().render(*args, **kwargs)

    # StylesCache.render_line(styles, y, size, content_size, padding, base_background,
    #     background, render_content_line, border_title, border_subtitle, opacity,
    #     ansi_theme, native_ansi): the arguments are passed on as they came.
    def render_line(self, styles, y, size, content_size, padding, base_background, background, render_content_line, *rest) -> Strip:
        # What the frame depends on is the same for every row of a paint: look it up
        # once (each CSS property read walks the rules), not per row.
        painting = self._painting
        if painting is None:
            painting = self._painting = self._begin(styles, size, content_size, padding, base_background, background, rest)
        top, bottom = painting
        content_y = y - top
        if self._frame is not None and 0 <= content_y < content_size.height and y < bottom:
            content = render_content_line(content_y)
            kept = self._framed.get(id(content))
            if kept is not None and kept[0] is content:
                return kept[1]
            before, after = self._frame
            strip = Strip([*before, *content, *after], size.width)
            self._framed.put(id(content), (content, strip))
            return strip
        return super().render_line(styles, y, size, content_size, padding, base_background, background, render_content_line, *rest)

    def _begin(self, styles, size, content_size, padding, base_background, background, rest) -> tuple[int, int]:
        """Check this paint's frame against the last one's (finding it again if it
        changed); returns the first content row and the row after the last one."""
        gutter = styles.gutter
        key = (
            size,
            content_size,
            padding,
            base_background,
            background,
            rest[2:],  # opacity, ANSI theme and colours
            styles.border,
            styles.outline,
            styles.tint,
            styles.text_opacity,
            styles.hatch if styles.has_rule("hatch") else None,
        )
        if key != self._frame_key:
            self._frame_key = key
            self._frame = self._find_frame(styles, gutter.top, size, content_size, padding, base_background, background, rest)
            self._framed.clear()
        return gutter.top, size.height - gutter.bottom

    def _find_frame(self, styles, y, size, content_size, padding, base_background, background, rest) -> tuple[list[Segment], list[Segment]] | None:
        width = content_size.width
        marker = Segment(" " * width, _MARKER)
        _title, _subtitle, *effects = rest
        strip = super().render_line(
            styles, y, size, content_size, padding, base_background, background,
            lambda _y: Strip([marker], width), None, None, *effects,
        )  # fmt: skip
        segments = list(strip)
        found = [i for i, segment in enumerate(segments) if segment.style is _MARKER]
        if len(found) != 1 or segments[found[0]].text != marker.text:
            return None  # the content is changed on the way (tint, opacity, hatch...)
        i = found[0]
        return segments[:i], segments[i + 1 :]
