"""The TUI and the sync folder: it sends its own marks soon after saving them, and takes in another
device's as soon as that device's files in the folder change (not only every 15 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import papertui
from papertui.library import Library
from papertui.settings import Settings
from papertui.tui import app_sync
from papertui.tui.app import PaperApp

from .conftest import screen_text
from .test_sync import Clock, Device
from .test_tui import until


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(app_sync, "SYNC_DELAY", 0.05)
    monkeypatch.setattr(app_sync, "SYNC_INTERVAL", 1000.0)  # (never, in a test: only the new triggers)
    monkeypatch.setattr(app_sync, "SYNC_WATCH", 0.1)
    monkeypatch.setattr(app_sync, "SYNC_SOON", 0.1)
    path = tmp_path / "shared"
    path.mkdir()
    return path


def other_device_marks(tmp_path, folder, key: str) -> None:
    """Another device's papertui process (a data dir of its own) marks a paper read; its
    ``mark`` sends the change to the folder at once."""
    home = tmp_path / "laptop"
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(f"sync_dir = {str(folder)!r}\n", encoding="utf-8")
    env = {**os.environ, "PAPERTUI_HOME": str(home), "PYTHONPATH": str(Path(papertui.__file__).parents[1])}
    proc = subprocess.run([sys.executable, "-m", "papertui", "mark", key], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


async def test_a_mark_made_by_another_devices_process_appears_on_screen_without_a_key(tmp_path, folder):
    app = PaperApp(Library.open(), settings=Settings(sync_dir=str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app._folder_stamp is not None)
        key = app.screen._current_key()
        assert key and "● unread" in screen_text(app)
        other_device_marks(tmp_path, folder, key)
        await until(pilot, lambda: "✓ read" in screen_text(app))
        assert "✓ read" in screen_text(app) and app.lib.store.is_read(key)


async def test_the_tuis_own_mark_reaches_the_folder_soon_after_it_is_saved(tmp_path, folder):
    other = Device(tmp_path, "laptop", folder, Clock().at())
    app = PaperApp(Library.open(), settings=Settings(sync_dir=str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app._folder_stamp is not None)
        key = app.screen._current_key()
        await pilot.press("r")
        await until(pilot, lambda: other.sync().received > 0)
        assert other.store.is_read(key)


async def test_an_offline_folder_is_one_line_per_outage(tmp_path, folder, monkeypatch):
    monkeypatch.setattr(app_sync, "SYNC_INTERVAL", 0.1)
    app = PaperApp(Library.open(), settings=Settings(sync_dir=str(folder)))
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **kw: (said.append(message), notify(message, **kw))[1])

    def told() -> int:
        return sum("sync folder" in line for line in said)

    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: app._folder_stamp is not None)
        folder.rename(tmp_path / "unmounted")
        await until(pilot, lambda: told() > 0, timeout=20)
        for _ in range(5):
            await pilot.press("r")  # its own saves ask for syncs too
            await pilot.pause(0.2)
        assert told() == 1
        (tmp_path / "unmounted").rename(folder)
        await until(pilot, lambda: app._sync_offline is None, timeout=20)
        folder.rename(tmp_path / "unmounted")
        await until(pilot, lambda: told() > 1, timeout=20)  # (a loaded machine: the next sync may come late)
        await pilot.pause(0.5)
        assert told() == 2


async def test_a_feed_followed_on_another_device_is_followed_by_the_running_app(tmp_path, folder, home, monkeypatch):
    from .test_sync_feeds import FeedDevice

    monkeypatch.setenv("PAPERTUI_ARXIV_API", "http://127.0.0.1:9/api/query")  # (its update fails: offline)
    laptop = FeedDevice(tmp_path, "laptop", folder, Clock().at())
    app = PaperApp(Library.open(), settings=Settings(sync_dir=str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app._folder_stamp is not None)
        laptop.follow("cs.CL")
        laptop.sync()
        await until(pilot, lambda: app.settings.feeds != [])
        assert app.settings.feeds == [{"name": "cs.CL", "query": "cs.CL"}]
        assert "cs.CL" in (home / "config.toml").read_text(encoding="utf-8")


async def test_syncs_asked_for_by_saves_are_spaced_out_when_a_sync_is_slow(folder):
    app = PaperApp(Library.open(), settings=Settings(sync_dir=str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app._folder_stamp is not None)
        app._sync_took = 3.0  # (a slow network folder)
        app.sync_soon()
        app.sync_soon()  # (a burst: one timer)
        assert app._sync_soon_timer is not None and app._sync_soon_timer._interval == 3.0 / app_sync.SYNC_SHARE
