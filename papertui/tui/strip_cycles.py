"""Stop Textual's ``Strip.divide`` from making every painted line a reference cycle.

``Strip.divide(cuts)`` caches its result on the strip. When the only cut is the
strip's own end, the result is ``[strip]``: the strip then holds a list holding
itself. Such a strip is never freed when it is dropped, only by the next run of
the cycle collector; the compositor divides nearly every line it paints, so a
session of a few hundred keys leaves ~200,000 such objects (strips, their seven
caches, their segments) for it, and each full run took 100+ ms.

Returning ``[strip]`` without caching it gives the same result, costs nothing
(the cached copy only saved building a one-item list) and leaves no cycle.
Checked against Textual 8.2 (``textual.strip``); the test suite checks that the
cycle is gone and that the results are unchanged.
"""

from __future__ import annotations

from textual.strip import Strip

_divide = Strip.divide


def _divide_without_cycle(self: Strip, cuts):
    if len(cuts) == 1 and cuts[0] == self.cell_length:
        return [self]
    return _divide(self, cuts)


def install() -> None:
    Strip.divide = _divide_without_cycle  # type: ignore[method-assign]  # the patch this module exists for


def uninstall() -> None:
    """Textual's own ``Strip.divide`` back (``PAPERTUI_NO_COMPAT=1``: see ``compat.py``)."""
    Strip.divide = _divide  # type: ignore[method-assign]
