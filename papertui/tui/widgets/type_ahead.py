"""Keys typed ahead of a focus change go where the focus went, in the order typed.

Textual routes each key to the widget focused when the app reads it, and runs a key's
binding only once the key has bubbled up to the app. A fast typist's ``/tra`` (or ``n``
and a note, or ``/`` and a paste) reaches the paper list as several events, queued
behind the ``/``: by the time ``/`` has put the focus in the search box, the rest
were already handed to the list, which has nothing to do with them. They were lost.

Two mixins fix that:
- ``TypeAhead`` for the panes and the inputs: a key or paste that reaches the widget
  after it lost the focus is routed again at once, as the app routes a key it reads,
  to the widget focused now (not posted to the app: that put it behind the keys typed
  after it, and ``t`` + ``tagx1, other`` + enter saved the tag ``othertagx1``). A pane
  also runs a key's binding at once (a ``/`` moves the focus before the pane looks at
  the next key), instead of after bubbling up. An input in a dialog types the keys it
  types and runs its dialog's bindings (``ctrl+s``, ``esc``, ``enter``) at once: the
  keys before are in it, the keys after it not yet (they go where the focus went).
- ``TypeAheadScreen`` for dialogs: keys routed to the dialog before its input could
  take the focus (the dialog was still being built) are kept, in the order typed, and
  handed to the input when it takes the focus, ahead of any typed later.

A dialog's bindings are not priority bindings: a priority binding runs when the app
reads its key, before the keys typed ahead of it have reached the input (``n``, a note
and ``ctrl+s`` sent in one burst saved the note's first letter, or nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from .. import compat

if TYPE_CHECKING:  # what the mixins are mixed into (the type checker sees their methods)
    from textual.screen import Screen as _Screen
    from textual.widget import Widget as _Widget
else:
    _Screen = _Widget = object


def _again(event: events.Key | events.Paste) -> events.Key | events.Paste:
    """A fresh copy of a key or paste event, to route anew; it keeps the time it was
    read (its place among the keys typed)."""
    copy: events.Key | events.Paste
    if isinstance(event, events.Paste):
        copy = events.Paste(event.text)
    else:
        copy = events.Key(event.key, event.character)
    copy.time = event.time
    return copy


async def _route(app, event: events.Key | events.Paste) -> None:
    """Route ``event`` as the app routes a key it reads (``App.on_event``): a priority
    binding, else the focused widget, else the screen."""
    if isinstance(event, events.Key) and await compat.check_bindings(app, event.key, priority=True):
        return
    compat.forward_event(app.focused or app.screen, event)


class TypeAhead(_Widget):
    """Mixin for a focusable widget (first in its bases, before the Textual class)."""

    BINDINGS_AT_ONCE = True  # False: leave the key to the widget's own handlers (an Input types it)

    async def _handed_back(self, event: events.Key | events.Paste) -> bool:
        """Route ``event`` anew if the focus has left this widget."""
        if self.app.focused is self:
            return False
        event.prevent_default()
        event.stop()
        await _route(self.app, _again(event))
        return True

    async def _on_key(self, event: events.Key) -> None:
        # (Textual calls each class's ``_on_key`` in turn, this one first, unless one
        # of them prevents the default.)
        if await self._handed_back(event):
            return
        if not self.BINDINGS_AT_ONCE:
            screen = self.screen
            if isinstance(screen, TypeAheadScreen) and await screen.run_binding_at_once(event.key):
                event.prevent_default()
                event.stop()
            return
        event.prevent_default()  # what Widget._on_key does (key_ methods), then the bindings
        if await self.handle_key(event):
            # A key_ method took it (enter in the list moves the focus to the detail
            # pane): the bindings of whatever has the focus now must not act on it too.
            event.stop()
            return
        if await compat.check_bindings(self.app, event.key):
            event.stop()

    async def _on_paste(self, event: events.Paste) -> None:
        await self._handed_back(event)


class TypeAheadScreen(_Screen):
    """Mixin for a dialog (a Screen) that calls ``take_typed_ahead(input)`` in ``on_mount``;
    its input is a ``TypeAhead`` with ``BINDINGS_AT_ONCE = False``."""

    _typed_ahead: list | None = None  # (None: the dialog is up, keys go their usual way)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead = []  # until take_typed_ahead

    def _forward_event(self, event: events.Event) -> None:
        # The app routes a key to the screen itself while nothing in it has the focus:
        # until the dialog is built, keep such keys for its input, in the order typed (a
        # key handed back by a pane may come after one typed later).
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded and self._typed_ahead is not None:
            compat.mark_forwarded(event)
            at = len(self._typed_ahead)
            while at and self._typed_ahead[at - 1].time > event.time:
                at -= 1
            self._typed_ahead.insert(at, event)
            return
        super()._forward_event(event)

    def take_typed_ahead(self, widget) -> None:
        """Focus ``widget`` now and hand it what was typed while the dialog was built, in
        order: keys typed from here on are routed to it after these. The widget runs the
        dialog's bindings among them (``TypeAhead``)."""
        self.set_focus(widget)
        waiting, self._typed_ahead = self._typed_ahead or [], None
        for event in waiting:
            compat.forward_event(widget, _again(event))

    async def run_binding_at_once(self, key: str) -> bool:
        """Run the app's priority binding or this dialog's own binding for ``key`` now:
        the input calls this for each key in its turn, so the action sees the keys typed
        before it and none typed after. True if a binding ran."""
        if not self.is_active:
            return False
        if await compat.check_bindings(self.app, key, priority=True):  # (e.g. ctrl+q; the app checked keys it routed)
            return True
        for binding in compat.screen_bindings(self, key):
            if await self.app.run_action(binding.action, self):
                return True
        return False
