"""The papers picked in the list, by key: they stay picked when the list is sorted again
or narrowed by a search (a paper's rows come and go, its key does not).

A range works as vim's and lazygit's visual mode: ``v`` drops an anchor at the cursor,
moving the cursor stretches the range from it (drawn as selected as it grows), and ``v``
again (or ``space``) keeps the range in the selection. The range is kept too when an action
takes the selection or the list's rows change (it is made of row positions); ``esc`` drops it
with the rest of the selection.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Iterable, Sequence
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Selection:
    """Picked paper keys, and a range being drawn (``anchor``: a row position, or None)."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.anchor: int | None = None
        self._span: tuple[int, int] = (0, -1)  # the range's rows, first and last (inclusive)
        self._span_keys: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.keys) or self.anchor is not None

    def __len__(self) -> int:
        if self.anchor is None:
            return len(self.keys)
        return len(self.keys | self._span_keys)

    def all_keys(self) -> set[str]:
        """Every picked key, the range being drawn included."""
        return self.keys | self._span_keys if self.anchor is not None else set(self.keys)

    def picked(self, key: str, position: int) -> bool:
        """Whether the row at ``position`` showing ``key`` is drawn selected."""
        return key in self.keys or self._span[0] <= position <= self._span[1]

    def toggle(self, key: str) -> bool:
        """Pick or drop one paper; True if it is picked now."""
        self.keep_range()
        if key in self.keys:
            self.keys.discard(key)
            return False
        self.keys.add(key)
        return True

    def start_range(self, position: int, key: str) -> None:
        self.anchor = position
        self._span = (position, position)
        self._span_keys = {key}

    def stretch(self, cursor: int, row_keys: Sequence[str]) -> tuple[int, int]:
        """Move the range's free end to ``cursor`` (``row_keys``: the list's keys by row);
        returns the rows whose look may have changed (first, last)."""
        if self.anchor is None:
            return (0, -1)
        old = self._span
        self._span = (min(self.anchor, cursor), max(self.anchor, cursor))
        self._span_keys = set(row_keys[self._span[0] : self._span[1] + 1])
        return (min(old[0], self._span[0]), max(old[1], self._span[1]))

    def keep_range(self) -> None:
        """End the range being drawn, keeping its papers picked."""
        if self.anchor is not None:
            self.keys |= self._span_keys
        self.anchor = None
        self._span, self._span_keys = (0, -1), set()

    def set(self, keys: Iterable[str]) -> None:
        self.keep_range()
        self.keys = set(keys)

    def clear(self) -> bool:
        """Drop everything; True if anything was picked."""
        had = bool(self)
        self.keys = set()
        self.anchor = None
        self._span, self._span_keys = (0, -1), set()
        return had

    def prune(self, known: Container[str]) -> None:
        """Forget keys no longer in the library (after a reload)."""
        self.keep_range()
        self.keys = {k for k in self.keys if k in known}


def or_selection(bulk: str) -> Callable[[F], F]:
    """Decorate a screen action that acts on the paper under the cursor: while papers are
    selected, the screen's method ``bulk`` acts on all of them instead."""

    def wrap(action: F) -> F:
        @functools.wraps(action)
        def run(self, *args, **kwargs):
            if self.papers.selection:
                return getattr(self, bulk)()
            return action(self, *args, **kwargs)

        return run  # type: ignore[return-value]

    return wrap
