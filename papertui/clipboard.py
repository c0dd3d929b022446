"""Copy text to the system clipboard without ever hanging the caller for long.

pyperclip can block (a stuck Wayland or X clipboard owner) or have no mechanism
at all (SSH, headless). :func:`copy` runs it on a daemon thread with a time limit
and reports whether it worked; the TUI then falls back to OSC 52.
"""

from __future__ import annotations

import threading

TIMEOUT = 2.0


def _pyperclip_copy(text: str) -> None:
    import pyperclip

    pyperclip.copy(text)


def copy(text: str, timeout: float = TIMEOUT) -> tuple[bool, str]:
    """Copy ``text``. Returns (ok, why-not); never raises, never waits past ``timeout``."""
    result: list[BaseException | None] = []

    def run() -> None:
        try:
            _pyperclip_copy(text)
        except BaseException as exc:  # pyperclip raises its own exception types
            result.append(exc)
        else:
            result.append(None)

    worker = threading.Thread(target=run, name="papertui-clipboard", daemon=True)
    worker.start()
    worker.join(timeout)
    if not result:
        return False, f"the system clipboard did not answer within {timeout:.0f} s"
    exc = result[0]
    if exc is None:
        return True, ""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return False, f"no system clipboard ({first[:80]})"
