"""Open links in the user's browser (``$BROWSER`` is honoured by :mod:`webbrowser`)."""

from __future__ import annotations

import webbrowser

from .errors import PapertuiError
from .model import is_web_url


class BrowserError(PapertuiError):
    pass


def check_url(url: str) -> None:
    if not is_web_url(url):
        raise BrowserError(f"not opening {url[:60]!r}: only http and https links are opened")


def runs_in_terminal() -> bool:
    """True when the browser webbrowser would use is a terminal one (lynx, w3m, $BROWSER=...).

    Such a browser needs the terminal: the TUI suspends itself while it runs.
    """
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return False
    return type(controller) is webbrowser.GenericBrowser


def open_url(url: str) -> None:
    """Open an http(s) URL. Raises :class:`BrowserError` with a one-line message."""
    check_url(url)
    try:
        ok = webbrowser.open(url, new=2)
    except Exception as exc:  # webbrowser surfaces OSError and friends from the launcher
        raise BrowserError(f"could not start a browser ({exc})") from None
    if not ok:
        raise BrowserError("no browser found (set $BROWSER)")
