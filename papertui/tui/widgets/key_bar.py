"""The key hints at the bottom: one line of text, kept in step with the bindings.

Textual's Footer mounts a widget per key and rebuilds them all whenever the bindings
may have changed (every focus move, several times during start-up: ~0.2 s of a start).
This is a single line drawn from the screen's active bindings; a click on a hint
presses its key.
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

from ..actions import ACTIONS


PINNED = {"help", "quit"}  # binding ids always shown
ORDER = {action.id: n for n, action in enumerate(ACTIONS)}


class KeyBar(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key { color: $pt-footer-key; text-style: bold; }
    KeyBar > .key-bar--description { color: $pt-footer-text; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hints: list[tuple[str, str, str]] = []  # (key to press, key as shown, description)
        self._places: list[tuple[int, int, str]] = []  # (first cell, end cell, key to press)
        self._pinned: set[str] = set()  # keys whose hints stay when the line is short (help, quit)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.update_hints()

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.update_hints()

    def update_hints(self) -> None:
        """Read the shown bindings (one hint per action, in binding order)."""
        found, actions, pinned = [], set(), set()
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if binding.show and enabled and binding.action not in actions:
                actions.add(binding.action)
                found.append((ORDER.get(binding.id or "", len(ORDER)), key, binding))
                if binding.id in PINNED:
                    pinned.add(key)
        # In the action table's order (a key rebound in config.toml comes last in Textual's).
        found.sort(key=lambda item: item[0])
        hints = [(key, self.app.get_key_display(binding), binding.description) for _, key, binding in found]
        self._pinned = pinned
        if hints != self.hints:
            self.hints = hints
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()  # a new theme: new colours

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        text = Text(" ", no_wrap=True, end="")
        places = []
        room = self.size.width or 1_000
        items = [
            (key, Text.assemble((shown, key_style), (f" {description} ", description_style)))
            for key, shown, description in self.hints
        ]
        if sum(item.cell_len for _, item in items) > room:
            # Whole hints only: the rest are under ? (help), which stays, as does q.
            pinned = sum(item.cell_len for key, item in items if key in self._pinned)
            kept, used, full = [], 1 + pinned, False
            for key, item in items:
                if key not in self._pinned:
                    full = full or used + item.cell_len - 1 > room
                    if full:
                        continue
                    used += item.cell_len
                kept.append((key, item))
            items = kept
        for key, item in items:
            if text.cell_len + item.cell_len - 1 > room:
                break
            start = text.cell_len
            text.append_text(item)
            places.append((start, text.cell_len, key))
        self._places = places
        return text

    def on_click(self, event: Click) -> None:
        for start, end, key in self._places:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
