"""papertui's colours, worked out from the theme so that every built-in theme is legible.

Textual's own variables are not always readable where papertui puts them: ``$text-muted``
is "auto 60%" (as a component style it comes out pure white, brighter than the titles),
``$panel-lighten-2`` borders are white on cream in light themes, and some themes' cursor
text is white on a light cursor. :func:`papertui_variables` adds ``$pt-*`` CSS variables
(see ``papertui.tcss`` and the widgets) checked against the backgrounds they are drawn on:
titles at least 4.5:1 (WCAG contrast), secondary text 3:1, borders 2:1, and read titles
dimmer than unread ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.color import WHITE, Color

TITLE, SECONDARY, BORDER = 4.5, 3.0, 2.0  # the contrast each kind of text is given, at least
BLACK = Color(0, 0, 0)


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def legible(color: Color, backgrounds: Iterable[Color], ratio: float) -> Color:
    """``color``, moved towards black or white just as far as needed to reach ``ratio``
    against every one of ``backgrounds`` (the nearest such colour; else the best there is)."""
    grounds = list(backgrounds)

    def worst(c: Color) -> float:
        return min(contrast(c, g) for g in grounds)

    if worst(color) >= ratio:
        return color
    for step in range(1, 21):
        for target in (WHITE, BLACK) if luminance(color) > 0.18 else (BLACK, WHITE):
            candidate = color.blend(target, step / 20)
            if worst(candidate) >= ratio:
                return candidate
    return max((WHITE, BLACK), key=worst)


def _solid(value: str | None, under: Color) -> Color | None:
    """A theme value as an opaque colour (alpha composed over ``under``; "auto" is the
    more readable of white and black); None for ANSI colours (the terminal's own)."""
    if not value or value.startswith("ansi") or value in ("transparent", "initial"):
        return None
    text, _, percent = value.partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    if text == "auto":
        color = max((WHITE, BLACK), key=lambda c: contrast(c, under))
    else:
        try:
            color = Color.parse(text)
        except Exception:  # a theme's own variable we cannot read: leave it
            return None
    return under + color.multiply_alpha(alpha) if alpha < 1 or color.a < 1 else color


def selection_ground(surface: Color, tint: Color, texts: Iterable[tuple[Color, float]]) -> Color:
    """The background of selected rows: the pane tinted towards ``tint`` as far as the
    texts drawn on it (colour, ratio) all keep their contrast (the strongest tint that does,
    from 30% down; 8% when none does), so the row colours need not change."""
    pairs = list(texts)
    for percent in range(30, 7, -2):
        ground = surface.blend(tint, percent / 100)
        if all(contrast(color, ground) >= ratio for color, ratio in pairs):
            return ground
    return surface.blend(tint, 0.08)


def rich_color(value: str) -> str:
    """A ``$pt-*`` value as Rich names colours (``ansi_cyan`` → ``cyan``)."""
    return value.removeprefix("ansi_").partition(" ")[0]


def papertui_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """The ``$pt-*`` variables for a theme's variables (Textual's ``get_css_variables``)."""
    background = _solid(variables.get("background"), BLACK)
    if background is None:  # an ANSI theme: the terminal's colours, as Textual gives them
        return {
            "pt-text": "ansi_default", "pt-read": "ansi_bright_black", "pt-muted": "ansi_bright_black",
            "pt-match": variables["text-warning"], "pt-border": "ansi_bright_black", "pt-border-focus": variables["accent"],
            "pt-cursor-text": variables["block-cursor-foreground"], "pt-heading": "ansi_cyan",
            "pt-cursor-blurred": variables["block-cursor-blurred-background"],
            "pt-tag": "ansi_magenta", "pt-own-tag": "ansi_green", "pt-star": "ansi_yellow", "pt-link": "ansi_blue",
            "pt-unread": variables["accent"], "pt-footer-key": variables["footer-key-foreground"],
            "pt-footer-text": variables["footer-description-foreground"],
            # Selected papers: the blurred cursor's ground (often none in ANSI themes: the ▌ mark carries it).
            "pt-selected": variables["block-cursor-blurred-background"], "pt-selected-mark": variables["accent"],
        }

    def get(name: str, under: Color = background) -> Color:
        return _solid(variables.get(name), under) or under

    surface = get("surface")
    panel = get("panel")
    cursor = get("block-cursor-background", surface)
    blurred = get("block-cursor-blurred-background", surface)
    hover = get("block-hover-background", surface)
    foreground = get("foreground")
    focused = surface.blend(foreground, 0.05)  # a focused tree is tinted ($foreground 5%)
    panes = [surface, background, blurred, hover, focused]  # where list, tree and detail text is drawn
    text = legible(foreground, [*panes, panel], TITLE)
    # Read titles: the foreground faded as far towards the pane as secondary text may go.
    read = legible(foreground.blend(surface, 0.5), panes, SECONDARY)
    if contrast(read, surface) >= contrast(text, surface) - 0.5:
        read = legible(text.blend(surface, 0.35), panes, SECONDARY)
    muted = legible(foreground.blend(surface, 0.4), [*panes, panel], SECONDARY)
    footer = get("footer-background", panel)

    def accent(name: str, ratio: float = SECONDARY) -> str:
        return legible(get(name), panes, ratio).hex

    star, unread = legible(get("warning"), panes, SECONDARY), legible(get("accent"), panes, SECONDARY)
    selected = selection_ground(surface, get("primary"), [(text, TITLE), (read, SECONDARY), (muted, SECONDARY),
                                                           (star, SECONDARY), (unread, SECONDARY)])
    return {
        "pt-selected": selected.hex,
        # (the mark and the title's count: on the selection's ground and the pane's; the cursor recolours its row)
        "pt-selected-mark": legible(get("primary"), [selected, surface, background], SECONDARY).hex,
        "pt-text": text.hex,
        "pt-read": read.hex,
        "pt-muted": muted.hex,
        "pt-border": legible(foreground.blend(surface, 0.7), [surface, background, focused], BORDER).hex,
        "pt-border-focus": legible(get("accent"), [surface, background], SECONDARY).hex,
        "pt-cursor-blurred": blurred.hex,  # (composed: as a component style its alpha was lost)
        "pt-cursor-text": legible(get("block-cursor-foreground", cursor), [cursor], TITLE).hex,
        "pt-heading": accent("primary"),
        "pt-tag": accent("secondary"),
        "pt-own-tag": accent("success"),
        "pt-star": accent("warning"),
        "pt-link": accent("primary"),
        "pt-unread": accent("accent"),
        "pt-match": accent("text-warning", TITLE),
        "pt-footer-key": legible(get("footer-key-foreground", footer), [footer], TITLE).hex,
        "pt-footer-text": legible(get("footer-description-foreground", footer), [footer], SECONDARY).hex,
    }
