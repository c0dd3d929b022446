"""Every use of Textual's private API, in one place (checked against Textual 8.2.x).

papertui reaches past Textual's public API in a few places, each for a reason written
next to it. Nothing else in ``papertui/tui`` touches a Textual name that starts with
``_``: it calls the functions here. ``tests/test_compat.py`` checks that each hook still
exists with the signature used here, so a Textual upgrade that moves one fails there,
loudly, rather than somewhere in a paint.

Two kinds:

- **Needed** (no public way to do it): type-ahead routes keys as the app does
  (``App._check_bindings``, ``MessagePump._forward_event``, ``Message._set_forwarded``,
  ``Screen._bindings``; see ``widgets/type_ahead.py``), and the live keymap for help, footer and
  palette (``App._keymap``, ``textual.keys._character_to_key``; see ``actions.py``).
- **Optional** (speed and looks): with ``PAPERTUI_NO_COMPAT=1`` in the environment each
  falls back to Textual's public behaviour. The app works the same, slower (see the
  figures in each module):

  ===========================  =============================================================
  hook                         without it
  ===========================  =============================================================
  ``Strip.divide`` patch       a reference cycle per painted line (``strip_cycles.py``)
  ``StylesCache`` subclass     the frame of every row rebuilt (``widgets/framed_rows.py``)
  inline scrollbars            Textual's scrollbar widgets (``widgets/inline_scrollbar.py``)
  ``Tree._render_line``        (with the inline bar:) Tree's own ``render_line``
  ``Tree._refresh_line``       Tree's own: only the content part of a row repainted
  ``TreeNode._label``...       each label set with ``set_label`` (a repaint queued per node)
  ``Widget._border_title``     ``border_title`` set: the whole pane repainted
  ``App._unnotify``            a notice of the same kind is not replaced, it times out
  ``widgets._toast.ToastRack`` toasts stay where Textual puts them (60 cells from the right)
  ===========================  =============================================================
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rich.style import Style
from textual._styles_cache import StylesCache
from textual.cache import LRUCache
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding
    from textual.content import Content
    from textual.message import Message
    from textual.message_pump import MessagePump
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets import Tree
    from textual.widgets.tree import TreeNode

__all__ = ["ENABLED", "RowCache", "StylesCache"]


# Each private hook, where it lives and the parameters papertui relies on (its test checks
# them with ``inspect.signature``): ``(module, qualified name, parameters or None for an
# attribute, needed)``. Overrides count too: Textual calls them by name.
HOOKS: tuple[tuple[str, str, tuple[str, ...] | None, bool], ...] = (
    ("textual.app", "App._check_bindings", ("self", "key", "priority"), True),
    ("textual.widget", "Widget._forward_event", ("self", "event"), True),
    ("textual.screen", "Screen._forward_event", ("self", "event"), True),
    ("textual.message", "Message._set_forwarded", ("self",), True),
    ("textual.keys", "_character_to_key", ("character",), True),
    ("textual.message", "Message.is_forwarded", None, True),
    ("textual.widget", "Widget._on_key", ("self", "event"), True),
    ("textual.widgets._input", "Input._on_paste", ("self", "event"), True),
    ("textual.strip", "Strip.divide", ("self", "cuts"), False),
    ("textual._styles_cache", "StylesCache.render", (
        "self", "styles", "size", "base_background", "background", "render_content_line", "filters", "border_title",
        "border_subtitle", "content_size", "padding", "crop", "opacity", "ansi_theme", "native_ansi"), False),
    ("textual._styles_cache", "StylesCache.render_line", (
        "self", "styles", "y", "size", "content_size", "padding", "base_background", "background",
        "render_content_line", "border_title", "border_subtitle", "opacity", "ansi_theme", "native_ansi"), False),
    ("textual.widgets._tree", "Tree._render_line", ("self", "y", "x1", "x2", "base_style"), False),
    ("textual.widgets._tree", "Tree._refresh_line", ("self", "line"), False),
    ("textual.widgets._tree", "Tree._invalidate", ("self",), False),
    ("textual.app", "App._unnotify", ("self", "notification", "refresh"), False),
    ("textual.widgets._toast", "ToastRack", None, False),
    ("textual.cache", "LRUCache._cache", None, False),
)
# Instance attributes set in __init__ (checked on fresh objects by the test): Widget._styles_cache,
# Widget._border_title, DOMNode._bindings (its key_to_bindings), TreeNode._label, TreeNode._updates,
# App._keymap.


K = TypeVar("K")
V = TypeVar("V")


class RowCache(LRUCache[K, V], Generic[K, V]):
    """The panes' caches of finished rows: Textual's ``LRUCache`` (the least recently used
    row goes when it is full, not every row at once), with two changes:

    - :meth:`clear` leaves no reference cycle. ``LRUCache`` links its entries in a ring;
      ``clear`` drops the ring whole, and the cycle collector (held back while keys are
      typed: ``heap.py``) would find each cleared ring later, with the Strips it holds
      (a search clears the list's rows at every key). The entries are unlinked first
      (``LRUCache._cache``), so they go at once, as a dict's items do.
    - :meth:`put` replaces a value (``LRUCache.set`` keeps the first value of a key).
    """

    __slots__ = ()

    def clear(self) -> None:
        if ENABLED:
            for entry in self._cache.values():
                entry.clear()
        super().clear()

    def put(self, key: K, value: V) -> None:
        self.discard(key)
        self.set(key, value)


def _enabled_from_env() -> bool:
    return os.environ.get("PAPERTUI_NO_COMPAT", "").strip() not in ("1", "true", "yes")


# Whether the optional hooks are used: read once, when the app starts (PaperApp sets it
# again from the environment; tests set it directly).
ENABLED = _enabled_from_env()


def refresh_from_env() -> bool:
    global ENABLED
    ENABLED = _enabled_from_env()
    return ENABLED


# -- needed: keys routed as the app routes them (type_ahead.py) ---------------------------
async def check_bindings(app: App, key: str, priority: bool = False) -> bool:
    """Run the binding for ``key`` as the app does when it reads the key (``App._check_bindings``)."""
    return await app._check_bindings(key, priority=priority)


def forward_event(target: MessagePump, event: Message) -> None:
    """Hand ``event`` to ``target`` as the app hands it a key (``_forward_event``)."""
    target._forward_event(event)  # type: ignore[attr-defined]  # (Widget's and Screen's)


def mark_forwarded(event: Message) -> None:
    """Mark ``event`` as already routed (``Message._set_forwarded``)."""
    event._set_forwarded()


def screen_bindings(screen: Screen, key: str) -> Iterable[Binding]:
    """The screen's own bindings for ``key`` (``DOMNode._bindings``)."""
    return screen._bindings.key_to_bindings.get(key, ())


# -- needed: the keymap as Textual applies it (actions.py: help, footer and palette show live keys) --
def character_to_key(character: str) -> str:
    """``"?"`` -> ``"question_mark"``: the name Textual binds a character by (``textual.keys._character_to_key``,
    as Textual's own keymap loading does)."""
    from textual.keys import _character_to_key

    return _character_to_key(character)


def keymap(app: App) -> Mapping[str, str]:
    """The keymap Textual applies (binding id -> keys: ``App._keymap``, set by ``set_keymap``)."""
    return getattr(app, "_keymap", {}) or {}


# -- optional: speed ----------------------------------------------------------------------
def install_strip_patch() -> None:
    """The ``Strip.divide`` patch on (or, switched off, Textual's own back)."""
    from . import strip_cycles

    if ENABLED:
        strip_cycles.install()
    else:
        strip_cycles.uninstall()


def use_own_rows(widget: Widget, framed_rows: type[StylesCache]) -> bool:
    """Set ``widget`` up to paint its rows itself: its frame cached (``Widget._styles_cache``
    replaced by ``framed_rows``) and its scrollbar drawn in its rows (Textual's bar off).
    Returns whether it does; switched off, Textual's own paths and scrollbar are used."""
    if not ENABLED:
        widget.styles.scrollbar_size_vertical = 1
        return False
    widget._styles_cache = framed_rows()
    return True


def tree_line(tree: Tree, y: int, x1: int, x2: int, base_style: Style) -> Strip:
    """Row ``y`` of a tree's lines, cells ``x1``..``x2`` (``Tree._render_line``)."""
    return tree._render_line(y, x1, x2, base_style)


def tree_refresh_line(tree: Tree, line: int) -> None:
    """Textual's own repaint of one tree line (``Tree._refresh_line``), for an override's fallback."""
    from textual.widgets import Tree as _Tree

    _Tree._refresh_line(tree, line)


def relabel(tree: Tree, labels: Iterable[tuple[TreeNode, Any]]) -> None:
    """Set many nodes' labels and rebuild the tree's lines once (``TreeNode._label``,
    ``TreeNode._updates``, ``Tree._invalidate``); switched off, ``set_label`` each."""
    if not ENABLED:
        for node, label in labels:
            node.set_label(label)
        return
    for node, label in labels:
        node._label = tree.process_label(label)
        node._updates += 1
    tree._invalidate()


def set_border_title_quietly(widget: Widget, title: Content) -> bool:
    """Store a border title without repainting the pane (``Widget._border_title``, as
    ``border_title`` stores it); returns False when switched off, after setting it publicly."""
    if not ENABLED:
        widget.border_title = title
        return False
    widget._border_title = widget.render_str(title).expand_tabs(4).split()[0]
    return True


# -- optional: looks ----------------------------------------------------------------------
def unnotify(app: App, notification: Notification) -> None:
    """Take one notification off the screen (``App._unnotify``: no public call does it)."""
    if ENABLED:
        app._unnotify(notification)


def toast_racks(screen: Screen) -> list[Widget]:
    """The screen's toast container(s) (``textual.widgets._toast.ToastRack``, not exported)."""
    if not ENABLED:
        return []
    from textual.widgets._toast import ToastRack

    return list(screen.query_children(ToastRack))

