"""The app's sync with the sync folder (``sync.py``; issue 21). A mixin of
:class:`~papertui.tui.app.PaperApp`, which calls :meth:`AppSync.start_syncing` on mount and
:meth:`AppSync.sync_soon` after each save of its own.

When it syncs: on start; soon after its own marks are saved (a burst of marks: one sync; syncs
asked for by saves take at most SYNC_SHARE of the time, so a slow folder is synced less often); when
another device's files in the folder change, seen by a worker that stats the folder's device
folders every SYNC_WATCH seconds (no file is read; a folder's time changes when a file is added,
replaced or removed in it); and every SYNC_INTERVAL seconds whatever happens (a file completed in
place). One sync runs at a time; one asked for meanwhile follows it. A folder that is offline or
unmounted is told once, in one line, until a sync works again.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from textual.timer import Timer

from .messages import StoreChanged

if TYPE_CHECKING:
    from textual.app import App

    from ..library import Library
    from ..sync import Syncer

    _Base = App
else:
    _Base = object

SYNC_DELAY = 1.0  # seconds after start-up before the first sync (the first screen comes first)
SYNC_INTERVAL = 15.0  # seconds between syncs while the app runs, whatever else happens
SYNC_SOON = 1.0  # seconds after a save of ours before its changes are sent (at least)
SYNC_SHARE = 0.2  # at most this share of the time goes to syncs asked for by saves (a slow folder: less often)
SYNC_WATCH = 3.0  # seconds between looks at the other devices' folders


class AppSync(_Base):
    """Mixed into PaperApp (uses its lib and update_feeds; App's timers and workers)."""

    if TYPE_CHECKING:
        lib: Library

        def update_feeds(self, *, stale_only: bool = False) -> None: ...

    def init_app_sync(self) -> None:
        self._syncer: Syncer | None = None  # when sync_dir is set
        self._sync_said: set[str] = set()  # warnings about files already shown (each once)
        self._sync_offline: str | None = None  # the folder's problem, told once until a sync works
        self._sync_lock = threading.Lock()
        self._sync_busy = False  # a sync worker runs
        self._sync_again = False  # and another sync was asked for meanwhile
        self._sync_soon_timer: Timer | None = None
        self._folder_stamp: tuple | None = None  # the other devices' folders as last seen
        self._sync_took = 0.0  # seconds the last sync took (100k papers, local disk: ~0.15-0.35 s)

    def start_syncing(self, folder: str) -> None:
        from ..services import syncer

        self._syncer = syncer(self.lib.store, folder)
        self.set_timer(SYNC_DELAY, self.request_sync)
        self.set_interval(SYNC_INTERVAL, self.request_sync)
        self.set_interval(SYNC_WATCH, self._look_at_folder)

    def sync_soon(self) -> None:
        """A save of ours is on disk: send it within SYNC_SOON seconds."""
        if self._syncer is not None and self._sync_soon_timer is None:
            delay = max(SYNC_SOON, self._sync_took / SYNC_SHARE)
            self._sync_soon_timer = self.set_timer(delay, self._sync_soon_due)

    def _sync_soon_due(self) -> None:
        self._sync_soon_timer = None
        self.request_sync()

    def request_sync(self) -> None:
        if self._syncer is None:
            return
        with self._sync_lock:
            if self._sync_busy:
                self._sync_again = True
                return
            self._sync_busy = True
        self.run_worker(self._sync_in_thread, thread=True, group="sync", exit_on_error=False)

    def _sync_in_thread(self) -> None:
        try:
            while True:
                self._sync_once()
                with self._sync_lock:
                    if not self._sync_again:
                        return
                    self._sync_again = False
        finally:
            with self._sync_lock:
                self._sync_busy = False
                self._sync_again = False

    def _sync_once(self) -> None:
        """Send this device's changes to the sync folder and take in the others' (sync.py);
        their marks show as another process's would."""
        from ..sync import SyncError

        assert self._syncer is not None
        notify = self.call_from_thread
        start = time.monotonic()
        try:
            report = self._syncer.run()
        except SyncError as exc:
            if self._sync_offline is None:
                notify(self.notify, f"{exc}; will try again", severity="warning", timeout=10)
            self._sync_offline = str(exc)
            return
        self._sync_offline = None
        self._sync_took = time.monotonic() - start
        if report.feeds:  # followed or unfollowed on another device: a new one fills in now
            notify(self.update_feeds, stale_only=True)  # (which reads config.toml's feeds again)
        if report.changed:
            self.post_message(StoreChanged(report.changed))
        for line in report.warnings:
            if line not in self._sync_said:
                self._sync_said.add(line)
                notify(self.notify, line, severity="warning", timeout=10)

    def _look_at_folder(self) -> None:
        if self._syncer is not None and not self._sync_busy:
            self.run_worker(self._look_in_thread, thread=True, group="sync-watch", exclusive=True, exit_on_error=False)

    def _look_in_thread(self) -> None:
        assert self._syncer is not None
        stamp = self._syncer.folder_stamp()
        if stamp is None:
            return  # (offline: the next sync says so, once)
        before, self._folder_stamp = self._folder_stamp, stamp
        if before is not None and stamp != before:
            self.call_from_thread(self.request_sync)
