"""Open links in the user's browser (``$BROWSER`` is honoured by :mod:`webbrowser`)."""

from __future__ import annotations

from .model import is_web_url


class BrowserError(Exception):
    pass


def open_url(url: str) -> None:
    """Open an http(s) URL. Raises :class:`BrowserError` with a one-line message."""
    if not is_web_url(url):
        raise BrowserError(f"not opening {url[:60]!r}: only http and https links are opened")
    import webbrowser

    try:
        ok = webbrowser.open(url, new=2)
    except Exception as exc:  # webbrowser surfaces OSError and friends from the launcher
        raise BrowserError(f"could not start a browser ({exc})") from None
    if not ok:
        raise BrowserError("no browser found (set $BROWSER)")
