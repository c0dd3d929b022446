"""Keys typed ahead of a focus change go where the focus went.

Textual routes each key to the widget focused when the app reads it, and runs a key's
binding only once the key has bubbled up to the app. A fast typist's ``/tra`` (or ``n``
and a note, or ``/`` and a paste) reaches the paper list as several events, queued
behind the ``/``: by the time ``/`` has put the focus in the search box, the rest
were already handed to the list, which has nothing to do with them. They were lost.

Two mixins fix that:
- ``TypeAhead`` for the panes and the search box: a key or paste that reaches the
  widget after it lost the focus is handed back to the app, which routes it to the
  widget focused now. A pane also runs a key's binding at once (a ``/`` moves the focus
  before the pane looks at the next key), instead of after bubbling up.
- ``TypeAheadScreen`` for dialogs: keys routed to the dialog before its input could
  take the focus (the dialog was still being built) are kept, and handed to the input
  when it takes the focus, ahead of any typed later.
"""

from __future__ import annotations

from textual import events


def _again(event: events.Key | events.Paste) -> events.Key | events.Paste:
    """A fresh copy of a key or paste event, for the app to route anew."""
    if isinstance(event, events.Paste):
        return events.Paste(event.text)
    return events.Key(event.key, event.character)


class TypeAhead:
    """Mixin for a focusable widget (first in its bases, before the Textual class)."""

    BINDINGS_AT_ONCE = True  # False: leave the key to the widget's own handlers (an Input types it)

    def _handed_back(self, event: events.Key | events.Paste) -> bool:
        """Hand ``event`` back to the app if the focus has left this widget."""
        if self.app.focused is self:
            return False
        event.prevent_default()
        event.stop()
        self.app.post_message(_again(event))
        return True

    async def _on_key(self, event: events.Key) -> None:
        # (Textual calls each class's ``_on_key`` in turn, this one first, unless one
        # of them prevents the default.)
        if self._handed_back(event) or not self.BINDINGS_AT_ONCE:
            return
        event.prevent_default()  # what Widget._on_key does (key_ methods), then the bindings
        if await self.handle_key(event):
            # A key_ method took it (enter in the list moves the focus to the detail
            # pane): the bindings of whatever has the focus now must not act on it too.
            event.stop()
            return
        if await self.app._check_bindings(event.key):
            event.stop()

    async def _on_paste(self, event: events.Paste) -> None:
        self._handed_back(event)


class TypeAheadScreen:
    """Mixin for a dialog (a Screen) that calls ``take_typed_ahead(input)`` in ``on_mount``."""

    _typed_ahead: list | None = None  # (None: the dialog is up, keys go their usual way)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead = []  # until take_typed_ahead

    def _forward_event(self, event: events.Event) -> None:
        # The app routes a key to the screen itself while nothing in it has the focus:
        # until the dialog is built, keep such keys for its input.
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded and self._typed_ahead is not None:
            event._set_forwarded()
            self._typed_ahead.append(event)
            return
        super()._forward_event(event)

    def take_typed_ahead(self, widget) -> None:
        """Focus ``widget`` now and hand it what was typed while the dialog was built, in
        order: keys typed from here on are routed to it after these."""
        self.set_focus(widget)
        waiting, self._typed_ahead = self._typed_ahead or [], None
        direct = True
        for event in waiting:
            if isinstance(event, events.Key) and not (event.character and event.character.isprintable()):
                direct = False  # a key that may be bound (esc, ctrl+s, enter): through the app's bindings
            if direct:
                widget._forward_event(_again(event))
            else:
                self.app.post_message(_again(event))
