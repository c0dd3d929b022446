"""The Textual app: owns the library and the background services, nothing else."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from textual import events, on
from textual.app import App, ScreenStackError, SuspendNotSupported
from textual.binding import Binding
from textual.notifications import Notification, Notify
from textual.timer import Timer
from textual.worker import get_current_worker

from .. import clipboard, paths, precache, services
from ..atomic import atomic_write_bytes
from ..heap import Collector
from ..library import Library
from ..model import count
from ..settings import Settings, load_session, load_settings, save_session, save_setting
from ..store import StateError
from ..wrap import clip
from . import compat
from .actions import APP, bindings, conflicts, key_label
from .app_extras import AppExtras  # PDFs, similar papers, citations (issue 19)
from .app_sync import AppSync  # sync through a shared folder (issue 21)
from .commands import PaperCommands
from .messages import (
    FeedsReloaded,
    ImportSaved,
    JobFailed,
    JobProgress,
    LibraryReloaded,
    MetadataFetched,
    StoreChanged,
)
from .palette import papertui_variables
from .screens.main import MainScreen

SAVE_DELAY = 0.25  # seconds: marks are coalesced, then written by a worker (each is journaled at once)
MAX_SAVE_WAIT = 1.0  # seconds: even in a burst of marks, each is on disk within about this
WATCH_INTERVAL = 2.0  # seconds between checks for changes made by another papertui
IDLE_CHECK = 0.5  # seconds between looks at whether the user is idle (for the collector)
FEEDS_DELAY = 2.0  # seconds after start-up before stale feeds update (the first screen comes first)


class PaperApp(AppExtras, AppSync, App):
    CSS_PATH = Path(__file__).with_name("papertui.tcss")
    TITLE = "papertui"
    BINDINGS = bindings(APP)

    COMMANDS = App.COMMANDS | {PaperCommands}

    def __init__(self, library: Library, *, watch: bool = True, settings: Settings | None = None) -> None:
        super().__init__()
        self.lib = library
        self.indexes = services.Indexes(library)  # the search and similar-papers indexes, kept across screens
        self._save_timer: Timer | None = None
        self._save_first = 0.0  # when the pending save was first asked for
        self._save_error: str | None = None
        self._watch = watch
        self.config_path = paths.config_path()
        self.settings = settings if settings is not None else load_settings(self.config_path)
        self.session_path = paths.session_path()
        compat.refresh_from_env()  # (PAPERTUI_NO_COMPAT=1: Textual's public paths only)
        compat.install_strip_patch()
        # Python's cycle collector runs its long passes while the user is idle (heap.py).
        self.heap = Collector()
        self._last_input = time.monotonic()
        self.init_app_extras()
        self._notice_kinds: dict[str, object] = {}  # notification identity -> its kind, until shown
        self._notices: dict[object, Notification] = {}  # kind -> the one shown last
        # Each change goes to the journal at once, from this thread (fsync: off the UI thread).
        self._journal_wake = threading.Event()
        self._journal_stop = False
        self._journal_thread = threading.Thread(target=self._journal_loop, name="papertui-journal", daemon=True)
        self._feeds_stamp: tuple | None = None  # the feed files as last taken in (see _check_feed_files)
        self._updating = False  # a feed update of ours is running
        self._feed_progress = ""  # what it is doing (set by the worker, shown by a timer)
        self._feed_timer: Timer | None = None
        self.init_app_sync()

    def on_mount(self) -> None:
        self._journal_thread.start()
        self.lib.store.on_change = self._journal_wake.set  # (woken as the store takes a change)
        self.heap.start()
        self.set_interval(IDLE_CHECK, self._collect_if_idle)
        settings = self.settings
        if settings.theme:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                settings.problems.append(f"{self.config_path}: unknown theme {settings.theme!r}; using the default")
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if settings.keys:
            self.set_keymap(settings.keys)
            settings.problems.extend(f"{self.config_path}: {line}" for line in conflicts(settings.keys))
        self.push_screen(MainScreen(self.lib, settings, load_session(self.session_path)))
        for message in [*self.lib.messages, *settings.problems]:
            self.notify(message, severity="warning", timeout=10)
        if self._watch:
            self.set_interval(WATCH_INTERVAL, self._check_other_writers)
        if settings.feeds:
            self.set_timer(FEEDS_DELAY, lambda: self.update_feeds(stale_only=True))
        if settings.sync_dir and self._watch:
            self.start_syncing(settings.sync_dir)
        if self.lib.deferred:
            self.run_worker(self._load_deferred, thread=True, group="load", exit_on_error=False)

    # -- saving ------------------------------------------------------------------
    def schedule_save(self) -> None:
        """Journal the change at once and coalesce bursts of marks into one write of the
        state file, off the UI thread; a long burst still saves at least every
        MAX_SAVE_WAIT seconds."""
        self._journal_wake.set()
        now = time.monotonic()
        if self._save_timer is not None:
            if now - self._save_first >= MAX_SAVE_WAIT - SAVE_DELAY:
                return  # the pending save goes ahead and takes this mark with it
            self._save_timer.stop()
        else:
            self._save_first = now
        self._save_timer = self.set_timer(SAVE_DELAY, self._start_save)

    def _journal_loop(self) -> None:
        while True:
            self._journal_wake.wait()
            self._journal_wake.clear()
            try:
                self.lib.store.write_journal()
            except StateError:
                pass  # kept queued; the save (and its error message) follows
            if self._journal_stop:
                return

    def _start_save(self) -> None:
        self._save_timer = None
        self.run_worker(self._save_in_thread, thread=True, group="save", exit_on_error=False)

    def _save_in_thread(self) -> None:
        try:
            self.lib.store.flush()
        except StateError as exc:
            self.call_from_thread(self._report_save_error, str(exc))
        else:
            if self._save_error is not None:
                self.call_from_thread(self._report_saved_again)
            self.call_from_thread(self.sync_soon)
        warnings = self.lib.store.warnings
        while warnings:
            self.call_from_thread(self.notify, warnings.pop(0), severity="warning", timeout=10)

    def _report_save_error(self, message: str) -> None:
        if message != self._save_error:
            self.notify(f"{message}. Your marks are kept and saving will be retried.", severity="error", timeout=10)
        self._save_error = message
        self.set_timer(5, self._start_save)

    def _report_saved_again(self) -> None:
        self._save_error = None
        self.notify("Saved again: all marks are on disk")

    def _check_other_writers(self) -> None:
        self.run_worker(self._reload_in_thread, thread=True, group="watch", exclusive=True, exit_on_error=False)

    def _reload_in_thread(self) -> None:
        changed = self.lib.store.reload()
        if changed:
            self.post_message(StoreChanged(changed))
        self._check_feed_files()

    def _check_feed_files(self) -> None:
        """In a worker: feed files another process (a cron ``papertui update``) changed are
        taken in, where the user is."""
        if self._updating or self.lib.deferred:
            return
        from .. import feeds

        stamp = feeds.files_stamp(paths.feeds_dir())
        if self._feeds_stamp is None:
            self._feeds_stamp = stamp
        elif stamp != self._feeds_stamp:
            self._feeds_stamp = stamp
            worker = get_current_worker()
            library = services.reload_library(self.lib, stop=lambda: worker.is_cancelled)
            if library is not None:
                self.post_message(FeedsReloaded(library))

    @on(FeedsReloaded)
    def _take_library(self, event: FeedsReloaded) -> None:
        """A reloaded library (feeds changed), taken in by the main screen in place."""
        main = self._main()
        library, message = event.library, event.message
        if main is None or self.lib.deferred:
            return
        self._adopt(library)
        main.replace_library(library)
        main.set_feed_status(self._feed_progress)  # (done by now: the title bar says so at once)
        self._announce(message, library)

    def _adopt(self, library: Library) -> None:
        """``library`` becomes the app's: the search indexes follow it."""
        self.lib = library
        self.indexes.replace(library)
        self.heap.replaced()  # the old library may be held in cycles: collect it when idle

    def _announce(self, message: str | None, library: Library) -> None:
        """The message of a new library, and its problems (a list file skipped...), one toast each."""
        if message:
            self.notify(message)
        for problem in library.messages:
            self.notify(problem, severity="warning", timeout=10)

    # -- feeds -------------------------------------------------------------------------
    def update_feeds(self, *, stale_only: bool = False) -> None:
        """Update the followed feeds in a worker (``stale_only``: those last updated more than
        ``feed_refresh_hours`` ago, as on start). Quitting cancels it (net's cancel event)."""
        if self.config_path.exists():  # feeds followed or unfollowed since the start count
            self.settings.feeds = load_settings(self.config_path).feeds
        followed = services.followed_feeds(self.settings)
        if stale_only:
            followed = services.stale_feeds(followed, self.settings.feed_refresh_hours)
        if not followed:
            if not stale_only:
                self.notify("No feeds followed: papertui follow cs.CL adds one", severity="warning")
            return
        if self._updating:
            self.notify("The feeds are being updated already")
            return
        self._updating = True
        self._feed_progress = "updating feeds…"
        if self._feed_timer is None:
            self._feed_timer = self.set_interval(0.2, self._show_feed_progress)
        self._show_feed_progress()
        self.run_worker(lambda: self._update_in_thread(followed, quiet=stale_only), thread=True, group="feeds",
                        exit_on_error=False)

    def _update_in_thread(self, followed, *, quiet: bool) -> None:
        from .. import feeds, net

        worker = get_current_worker()
        name = [""]

        def on_feed(i: int, feed) -> None:
            name[0] = f"updating {feed.name}" + (f" ({i + 1}/{len(followed)})" if len(followed) > 1 else "")
            self._feed_progress = name[0] + "…"

        def progress(done: int, total: int | None) -> None:
            self._feed_progress = f"{name[0]}: {done} papers…"

        def on_wait(message: str) -> None:
            self._feed_progress = f"{name[0]}: {message}"

        try:
            results, errors = services.update_feeds(
                followed, self.lib.store, self.settings,
                cancel=worker.cancelled_event, on_feed=on_feed, progress=progress, on_wait=on_wait,
            )
            self._feeds_stamp = feeds.files_stamp(paths.feeds_dir())  # (the watcher: not another's change)
            new = sum(r.new for r in results)
            library = None
            if new or any(r.dropped for r in results):
                library = services.reload_library(self.lib, stop=lambda: worker.is_cancelled)
        except net.Cancelled:
            return  # quitting: nothing more to show (and no call into a closing app)
        finally:
            self._feed_progress = ""
            self._updating = False
        if worker.is_cancelled:
            return
        offline = next((e for e in errors if e.kind in net.OFFLINE), None)
        if offline is not None and not results:
            self.post_message(JobFailed(f"Feeds not updated: {offline}", severity="warning", timeout=6))
        else:
            for exc in errors:
                self.post_message(JobFailed(f"{exc}; nothing stored for it"))
        if results:
            parts = ", ".join(f"{r.name} {r.new}" for r in results)
            line = f"Feeds updated: {new} new paper{'s' if new != 1 else ''} ({parts})"
            if library is not None:
                self.post_message(FeedsReloaded(library, line))
            elif not quiet or errors:
                self.notify(line)

    def _show_feed_progress(self) -> None:
        """While feeds update: the worker's progress into the title bar (a timer: the worker
        never waits for the UI, so a quit is never held up by it)."""
        main = self._main()
        if main is not None:
            main.set_feed_status(self._feed_progress)
        if not self._updating and self._feed_timer is not None:
            self._feed_timer.stop()
            self._feed_timer = None

    @on(StoreChanged)
    def _apply_external_changes(self, event: StoreChanged) -> None:
        if isinstance(self.screen, MainScreen):
            self.screen.refresh_from_store(event.keys)

    @on(JobProgress)
    def _show_job_progress(self, event: JobProgress) -> None:
        main = self._main()
        if main is not None:
            main.show_progress(event.done, event.total)

    @on(JobFailed)
    def _job_failed(self, event: JobFailed) -> None:
        if event.kind is None:
            self.notify(event.text, severity=event.severity, timeout=event.timeout)
        else:
            self.notice(event.kind, event.text, severity=event.severity, timeout=event.timeout)

    def _remember_theme(self, theme) -> None:
        name = theme.name
        if name != self.settings.theme:
            self.settings.theme = name
            self.run_worker(lambda: self._save_setting("theme", name), thread=True, group="settings", exit_on_error=False)

    def _save_setting(self, name: str, value) -> None:
        try:
            save_setting(self.config_path, name, value)
        except OSError as exc:
            self.call_from_thread(self.notify, f"cannot save {self.config_path}: {exc}", severity="warning")

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables and papertui's ``$pt-*`` colours, legible in every theme (palette.py)."""
        variables = super().get_css_variables()  # (also self.theme_variables: updated with it)
        variables.update(papertui_variables(variables))
        return variables

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's Screenshot: an SVG into ~/Downloads when there is one, else into the
        data dir's ``screenshots`` folder (made if missing); written by a worker, and the
        place said in one line. (Textual's own fails when ~/Downloads does not exist.)"""
        name = filename or f"papertui_{time.strftime(time_format or '%Y-%m-%dT%H_%M_%S')}.svg"
        svg = self.export_screenshot()
        self.run_worker(lambda: self._save_screenshot(svg, name, path), thread=True, group="screenshot",
                        exit_on_error=False)
        return None

    def _save_screenshot(self, svg: str, name: str, path: str | None) -> None:
        from platformdirs import user_downloads_dir

        folder = Path(path) if path else Path(user_downloads_dir())
        if not path and not folder.is_dir():
            folder = paths.data_dir() / "screenshots"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(folder / name, svg.encode("utf-8"))
        except OSError as exc:
            self.call_from_thread(self.notify, f"Screenshot not saved: {folder / name}: {exc.strerror or exc}",
                                  severity="error")
        else:
            self.call_from_thread(self.notify, f"Screenshot saved to {folder / name}")

    def get_key_display(self, binding: Binding) -> str:
        """Keys named as the README and ? name them (``esc``, ``ctrl+p``)."""
        return binding.key_display or key_label(binding.key)

    async def action_quit(self) -> None:
        self.workers.cancel_group(self, "arxiv")  # network calls end at once: quitting never waits on them
        if getattr(self.screen, "ASKS_BEFORE_QUIT", False):  # (ctrl+c at the question: quit anyway)
            self.exit()
            return
        self.save_session()
        if not self.lib.store.pending:
            self.exit()
            return
        self.run_worker(self._save_then_quit, thread=True, group="quit", exclusive=True, exit_on_error=False)

    def _save_then_quit(self) -> None:
        try:
            self.lib.store.flush()
        except StateError as exc:
            self.call_from_thread(self._ask_before_quit, str(exc))
        else:
            self.call_from_thread(self.exit)

    def _ask_before_quit(self, message: str) -> None:
        """Marks could not be saved: say so, and retry, quit anyway or stay."""
        from .screens.dialogs import UnsavedScreen  # (dialogs are imported when first needed)

        if isinstance(self.screen, UnsavedScreen):
            return
        store = self.lib.store
        count = store.pending
        papers = f"{count} paper{'s' if count != 1 else ''}"
        if store.kept_in is not None:
            kept = f"They are kept in {store.kept_in} and will be restored at the next start."
        else:
            kept = "They could not be written anywhere else either: quitting now loses them."
        text = f"Changes to {papers} are not saved: {message}.\n{kept}"

        def answered(answer: str | None) -> None:
            if answer == "retry":
                self.run_worker(self._save_then_quit, thread=True, group="quit", exclusive=True, exit_on_error=False)
            elif answer == "quit":
                self.exit()

        self.push_screen(UnsavedScreen(text), answered)

    def save_session(self) -> None:
        """Remember the category, paper and sort order for the next start."""
        main = self._main()
        if main is not None:
            try:
                save_session(self.session_path, main.session_state())
            except OSError:
                pass  # where we were is a convenience, not data

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _collect_if_idle(self) -> None:
        self.heap.idle(time.monotonic() - self._last_input)

    def on_unmount(self) -> None:
        self._journal_stop = True
        self._journal_wake.set()
        if self._journal_thread.is_alive():
            self._journal_thread.join(2.0)
        self.heap.stop()
        loader = self.lib.loader  # still reading big list files: no need any more
        if loader is not None and loader.poll() is None:
            loader.kill()
        try:
            self.lib.store.flush()
        except StateError:
            pass  # reported by the CLI after the terminal is restored

    # -- arXiv API ---------------------------------------------------------------
    def fetch_metadata(self, ids: list[str]) -> None:
        self.run_worker(lambda: self._fetch_in_thread(ids), thread=True, group="arxiv", exclusive=False, exit_on_error=False)

    def _main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def job_hooks(self, total: int | None = None) -> dict:
        """The callbacks of a job run in this worker (every job's: metadata, adding papers,
        citation counts, PDFs): ``progress`` to the bar (at 0 of ``total`` now, when given),
        Retry-After waits (``on_wait``) as warnings, and the worker's ``cancel`` event, which
        quitting sets (the network call then ends at once, wherever it is)."""
        if total is not None:
            self.post_message(JobProgress(0, total))
        return {
            "cancel": get_current_worker().cancelled_event,
            "progress": lambda done, total: self.post_message(JobProgress(done, total)),
            "on_wait": lambda message: self.post_message(JobFailed(message, severity="warning", timeout=8)),
        }

    def _fetch_in_thread(self, ids: list[str]) -> None:
        from ..net import Cancelled

        try:
            done = services.fetch_metadata(self.lib.store, ids, **self.job_hooks(len(ids)))
        except Cancelled:
            return  # quitting: nothing more to show (and no screen to tell)
        except services.JobError as exc:
            self.post_message(JobFailed(f"{exc}; nothing was stored"))
            return
        finally:
            self.post_message(JobProgress(None))
        if done.filled:  # papers `add` queued offline got their titles: the screen is rebuilt from the list files
            message = f"Fetched metadata for {count(len(done.records), 'paper')}"
            self.post_message(LibraryReloaded(self.lib.reloaded(), message))
            return
        self.post_message(MetadataFetched(len(done.records)))

    @on(MetadataFetched)
    def _after_fetch(self, event: MetadataFetched) -> None:
        self.similar_stale()  # new abstracts
        main = self._main()
        if main is not None:
            main.detail.show(main.papers.current)
        self.notify(f"Fetched metadata for {count(event.count, 'paper')}")

    def add_papers(self, ids: list[str]) -> None:
        self.run_worker(lambda: self._add_in_thread(ids), thread=True, group="arxiv", exit_on_error=False)

    def _add_in_thread(self, ids: list[str]) -> None:
        from ..importers import MY_PAPERS
        from ..net import Cancelled

        def queued(exc: Exception) -> None:
            self.post_message(JobFailed(f"{exc}: queued; F fetches them later", severity="warning"))

        try:
            added = services.add_papers(self.lib.store, ids, on_offline=queued, **self.job_hooks(len(ids)))
        except Cancelled:
            return
        except services.JobError as exc:
            if exc.stage == "fetch":
                self.post_message(JobFailed(f"{exc}; nothing was stored"))
            else:
                self.post_message(JobFailed(f"{exc}; nothing was added", timeout=None))
            return
        finally:
            self.post_message(JobProgress(None))
        library = self.lib.reloaded()
        self.post_message(LibraryReloaded(library, f"Added {count(len(added.records), 'paper')} to {MY_PAPERS}"))

    # -- big list files ------------------------------------------------------------
    def _load_deferred(self) -> None:
        """Read the list files too big to read before the first screen.

        A child process validates them and writes their caches, on another core, while
        the app is in use; then the library is reloaded (from those caches: a fraction
        of a second) and the main screen rebuilt where the user is.
        """
        names = list(self.lib.deferred)
        worker = get_current_worker()
        # Library.open started the child; if it could not, reloaded() reads them here.
        if not precache.wait(self.lib.loader, lambda: worker.is_cancelled):
            return
        library = self.lib.reloaded()
        added = len(library.catalog.unique) - len(self.lib.catalog.unique)
        loaded = [n for n in names if not any(m.startswith(f"{n}: ") for m in library.messages)]
        message = f"Loaded {', '.join(Path(n).name for n in loaded)}: {count(added, 'more paper')}" if loaded else None
        self.post_message(LibraryReloaded(library, message, resume=True))  # problems are notified there

    # -- import -------------------------------------------------------------------
    def import_file(self, path: str) -> None:
        self.run_worker(lambda: self._import_in_thread(path), thread=True, group="import", exit_on_error=False)

    def _import_in_thread(self, source: str) -> None:
        from ..importers.chunks import Cancelled, watched

        worker = get_current_worker()
        told = False

        def progress(done: int, total: int) -> None:  # (a big article, read in chunks: the bar under the list)
            nonlocal told
            if not told:
                told = True
                self.notify(f"Importing a big article, {total} parts…", timeout=6)  # (posts a message: thread-safe)
            self.post_message(JobProgress(done, total))

        try:
            with watched(progress, worker.cancelled_event):
                outcome = services.import_source(source)  # a path, a URL, or pasted article text
        except Cancelled:
            return  # (quitting)
        except services.JobError as exc:
            self.post_message(JobFailed(str(exc), timeout=None))
            return
        except Exception as exc:  # (a bug: said in one line, not a worker that ends with nothing said)
            said = " ".join(str(exc).split())[:200]
            self.post_message(JobFailed(f"Import failed: {type(exc).__name__}: {said}", timeout=None))
            return
        finally:
            if told:
                self.post_message(JobProgress(None))
        library = self.lib.reloaded()
        message = f"Imported {count(len(outcome.imported.papers), 'paper')} as {outcome.name!r}"
        self.post_message(ImportSaved(library, message, outcome))

    @on(ImportSaved)
    def _import_saved(self, event: ImportSaved) -> None:
        outcome = event.outcome
        self._show_library(event.library, event.message, select_list=outcome.name)
        if outcome.path is not None and any(p.arxiv for _s, p in outcome.imported.papers):
            # In the "arxiv" group: quitting cancels it, as every arXiv worker.
            self.run_worker(lambda: self._retitle_import(outcome), thread=True, group="arxiv", exit_on_error=False)

    def _retitle_import(self, outcome) -> None:
        """After the list is saved and shown: titles and authors from arXiv (as ``import --fetch``),
        in a worker of its own; offline, one line says so. Quitting cancels it (its cancel event)."""
        from ..net import Cancelled

        worker = get_current_worker()
        try:
            line, records = services.retitle_import(self.lib.store, outcome, cancel=worker.cancelled_event)
        except Cancelled:
            return
        except services.JobError as exc:
            self.post_message(JobFailed(str(exc), timeout=None))
            return
        if not records:
            self.post_message(JobFailed(line, severity="warning", timeout=None))
            return
        if worker.is_cancelled:
            return
        self.post_message(LibraryReloaded(self.lib.reloaded(), line))

    @on(LibraryReloaded)
    def _library_reloaded(self, event: LibraryReloaded) -> None:
        self._show_library(event.library, event.message, resume=event.resume, select_list=event.select_list)

    def _show_library(self, library: Library, message: str | None, *, resume: bool = False,
                      select_list: str | None = None) -> None:
        """Swap in a reloaded library: the main screen is rebuilt where the user was.

        With ``resume``, a user who has not moved yet lands where the last session
        ended (which may be in a list that was only now loaded).
        """
        main = self._main()
        if main is not None and self.screen is not main:  # a dialog is open: wait for it
            self.set_timer(0.3, lambda: self._show_library(library, message, resume=resume, select_list=select_list))
            return
        if main is None:
            session = {}
        elif resume and not main.moved:
            session = main.session
        else:
            session = main.session_state()
        if select_list is not None:  # an import: show the new list
            cid = next((c.id for c in library.categories() if c.kind == "list" and c.label == select_list), None)
            if cid is not None:
                session = dict(session, category=cid, paper=None)
        self._adopt(library)
        new = MainScreen(library, self.settings, session)
        if main is not None:
            new.history = main.history
            self.switch_screen(new)
        else:
            self.push_screen(new)
        self._announce(message, library)

    # -- notifications -----------------------------------------------------------
    def notice(
        self, kind: object, text: str, *, severity="information", timeout: float | None = None, title: str = "",
        markup: bool = False,
    ) -> None:
        """Show ``text``; it replaces the notification of the same ``kind`` still on screen
        (Textual's notify stacks them: five copies, five toasts). Safe from any thread."""
        note = Notification(text, title, severity, self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup)
        self._notice_kinds[note.identity] = kind
        self.post_message(Notify(note))

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification goes through :meth:`notice`: the same message again replaces itself.
        Its text is shown literally, whatever ``markup`` says: messages carry titles, paths and
        server replies, and a widget's ``notify`` passes Textual's ``markup=True`` default on.
        A notice meant to be styled calls :meth:`notice` with ``markup=True``."""
        self.notice(("text", str(message), severity), message, title=title, severity=severity, timeout=timeout)

    def on_notify(self, event: Notify) -> None:
        # Textual's own handler has just shown it; the one of its kind shown before goes.
        note = event.notification
        kind = self._notice_kinds.pop(note.identity, None)
        if kind is None:
            return
        previous = self._notices.get(kind)
        if previous is not None and previous is not note:
            compat.unnotify(self, previous)  # (Textual has no public call to remove one notification)
        self._notices[kind] = note
        if len(self._notices) > 64:
            self._notices = {k: n for k, n in self._notices.items() if not n.has_expired}
        self._place_toasts()

    def _place_toasts(self) -> None:
        """Notifications reach from the paper list's left border (else the detail pane's;
        else the screen's left edge) to the right edge. Textual's toasts are 60 cells wide:
        their left edge fell inside the list, and a CJK character it cut in half was blanked
        (a terminal cannot show half of one). A pane border is never a wide character."""
        try:
            screen = self.screen
        except ScreenStackError:  # (a notice from before the first screen)
            return
        racks = compat.toast_racks(screen)  # (Textual's toast container: not exported)
        if not racks:
            return
        panes = [pane for pane in screen.query("#papers, #detail") if pane.region.width]
        left = min(pane.region.x for pane in panes) if panes else 0
        rack = racks[0]
        if rack.styles.padding.left != left:
            rack.styles.padding = (0, 0, 0, left)

    # -- clipboard and browser ---------------------------------------------------
    def copy_text(self, text: str, what: str | None = None) -> None:
        """Copy ``text`` (in a worker); the notice names ``what`` (else the text's first line)."""
        self.run_worker(lambda: self._copy_in_thread(text, what), thread=True, group="clipboard", exit_on_error=False)

    def _copy_in_thread(self, text: str, what: str | None = None) -> None:
        ok, why = clipboard.copy(text)
        self.call_from_thread(self._after_copy, text, ok, why, what)

    def _after_copy(self, text: str, ok: bool, why: str, what: str | None = None) -> None:
        if ok:
            self.notice("copy", f"Copied {what or copied_summary(text)}")
        else:
            # OSC 52: the terminal (also over SSH) puts it on the local clipboard. Why
            # pyperclip failed (often a long message) is for the log, not the screen.
            self.copy_to_clipboard(text)
            self.log.warning(f"clipboard: {why}")
            self.notice("copy", f"Copied {what + ' ' if what else ''}via the terminal (OSC 52)")

    def open_link(self, url: str) -> None:
        from .. import browser  # webbrowser and friends: imported when first needed

        try:
            browser.check_url(url)
        except browser.BrowserError as exc:
            self.notify(str(exc), severity="warning")
            return
        if browser.runs_in_terminal():
            # lynx, w3m or a $BROWSER command: give it the terminal until it exits.
            try:
                with self.suspend():
                    try:
                        browser.open_url(url)
                    except browser.BrowserError as exc:
                        self.notify(f"{exc}: {url}", severity="warning", timeout=8)
                return
            except SuspendNotSupported:
                pass  # no real terminal (tests, web): run it in the background instead
        self.run_worker(lambda: self._open_in_thread(url), thread=True, group="browser", exit_on_error=False)

    def _open_in_thread(self, url: str) -> None:
        from .. import browser

        try:
            browser.open_url(url)
        except browser.BrowserError as exc:
            self.call_from_thread(self.notify, f"{exc}: {url}", severity="warning", timeout=8)
        else:
            self.call_from_thread(self.notice, "open", f"Opened {clip(url, 60)}")


def copied_summary(text: str, width: int = 48) -> str:
    """What was copied, in one short line: its first line, cut to ``width`` cells, and
    how many lines it has when more than one (a BibTeX entry is ten)."""
    lines = text.strip().splitlines() or [""]
    head = clip(lines[0].strip(), width)
    return f"{head} ({len(lines)} lines)" if len(lines) > 1 else head
