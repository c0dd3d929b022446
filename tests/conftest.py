"""Shared fixtures: every test gets its own data dir, a fake clipboard and a fake browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

from papertui import browser, clipboard, net

# Hypothesis's default 200 ms deadline per example is a timed assertion: on a loaded machine (CI, or several
# suites at once) it fails a correct parser. Speed is measured by benchmarks/, never by a test.
settings.register_profile("papertui", deadline=None)
settings.load_profile("papertui")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    """A fresh $PAPERTUI_HOME for each test: nothing from the machine leaks in."""
    path = tmp_path / "home"
    monkeypatch.setenv("PAPERTUI_HOME", str(path))
    monkeypatch.delenv("BROWSER", raising=False)
    return path


@pytest.fixture(autouse=True)
def copied(monkeypatch) -> list[str]:
    """pyperclip is replaced: what would be copied lands in this list."""
    seen: list[str] = []
    monkeypatch.setattr(clipboard, "_pyperclip_copy", seen.append)
    return seen


@pytest.fixture(autouse=True)
def opened(monkeypatch) -> list[str]:
    """The browser is replaced: URLs that would be opened land in this list."""
    seen: list[str] = []

    def fake_open(url, new=0, autoraise=True):
        seen.append(url)
        return True

    import webbrowser

    monkeypatch.setattr(webbrowser, "open", fake_open)
    monkeypatch.setattr(browser, "runs_in_terminal", lambda: False)
    return seen


@pytest.fixture(autouse=True)
def no_blink(monkeypatch):
    """Text cursors do not blink, so screens are stable."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        original = widget.__init__

        def init(self, *args, __original=original, **kwargs):
            __original(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(widget, "__init__", init)


@pytest.fixture(autouse=True)
def no_similar_index(monkeypatch):
    """The similarity index is not built after start-up (its detail section would appear at a
    moment that depends on the machine); tests of it ask for it (``build_similar``)."""
    from papertui.tui.screens import paper_extras

    monkeypatch.setattr(paper_extras, "BUILD_SIMILAR", False)


def write_list(path: Path, title: str, sections: list[tuple[str, list[dict]]], **extra) -> Path:
    """Write a reading-list file (format v1)."""
    doc = {"title": title, **extra, "sections": [{"title": t, "papers": p} for t, p in sections]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def paper(arxiv: str | None, title: str, summary: str = "", tags=(), **extra) -> dict:
    return {"arxiv": arxiv, "title": title, "summary": summary, "tags": list(tags), **extra}


def screen_text(app) -> str:
    """What the terminal shows right now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def toast_text(app) -> str:
    """The text of the notifications on screen, as rendered, with their line breaks and
    padding folded into single spaces: the same however the text wraps."""
    from textual.widgets._toast import Toast

    strips = app.screen._compositor.render_strips()
    parts = []
    for toast in app.screen.query(Toast):
        region = toast.region
        parts += [strips[y].crop(region.x, region.right).text.replace("▌", " ") for y in range(region.y, region.bottom)]
    return " ".join(" ".join(parts).split())


@pytest.fixture
def throttle_turns(monkeypatch) -> list[float]:
    """When each request was let go by the pacing (``net.Throttle``), in order: a test of pacing checks these,
    not the loopback server's arrival times, which jitter under load."""
    turns: list[float] = []
    real_wait = net.Throttle.wait

    def wait(self, host, interval, cancel=None):
        real_wait(self, host, interval, cancel)
        turns.append(self._next[host] - interval)

    monkeypatch.setattr(net.Throttle, "wait", wait)
    return turns
