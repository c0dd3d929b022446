"""The jobs both front ends run, and the long-lived indexes of a library (issue 15, item 4).

Plain Python, no Textual: the command line calls these functions in its own thread, the TUI
in its workers (``tui/app.py``, ``tui/app_extras.py``), which turn what they return into
typed messages (``tui/messages.py``). Each job reports through callbacks:

- ``progress(done, total)``: papers done of papers asked; bytes of a PDF (``total`` None when
  the host gives no length);
- ``on_wait(message)``: a server asked papertui to wait (Retry-After);
- ``cancel``: a ``threading.Event``; setting it ends the network call at once with
  :class:`papertui.net.Cancelled` (the TUI sets it when the user quits).

A job that fails raises :class:`JobError` with one line for the user (the underlying error's
own message); the front end adds what it did about it ("; nothing was stored").
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import paths
from .errors import PapertuiError

if TYPE_CHECKING:
    from .feeds import Feed, FeedError
    from .feeds import Result as FeedResult
    from .importers import Outcome
    from .library import Library
    from .search import SearchIndex
    from .settings import Settings
    from .similar import SimilarIndex
    from .store import Store
    from .sync import Report, Syncer

Progress = Callable[[int, "int | None"], None]  # (a PDF's size may be unknown)
Count = Callable[[int, int], None]  # papers done of papers asked for
Say = Callable[[str], None]
Stop = Callable[[], bool]


class JobError(PapertuiError):
    """A job failed; ``str()`` is one line for the user. ``stage`` says where: ``fetch`` (nothing
    was fetched or stored) or ``save`` (fetched, but the list file could not be written)."""

    def __init__(self, message: str, *, stage: str = "fetch", cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.stage = stage
        self.cause = cause


# -- which papers ------------------------------------------------------------------------------
def missing_metadata(lib: Library) -> list[str]:
    """The arXiv ids of the library that have no fetched metadata (``fetch --all-missing``, F)."""
    return [a for a in dict.fromkeys(lib.catalog.arxivs) if a and not lib.store.has_metadata(a)]


def arxiv_ids_of(lib: Library, rows: Iterable[int]) -> list[str]:
    """The arXiv ids of the papers at catalog indices ``rows``, once each, in order."""
    arxivs = lib.catalog.arxivs
    return [a for a in dict.fromkeys(arxivs[i] for i in rows) if a]


def starred_arxiv_ids(lib: Library) -> list[str]:
    """The arXiv ids of the starred papers (``pdf --all-starred``)."""
    starred = lib.store.starred_keys()
    return list(dict.fromkeys(a for k, a in zip(lib.catalog.keys, lib.catalog.arxivs) if a and k in starred))


def resolve_arxiv_ids(lib: Library, refs: Sequence[str]) -> tuple[list[str], list[str]]:
    """The arXiv ids of papers given by arXiv id, URL or paper id, and the refs that have none."""
    from .model import normalize_arxiv

    out, unknown = [], []
    for ref in refs:
        key = lib.catalog.resolve(ref)
        first = lib.catalog.first(key) if key else None
        arxiv = first.arxiv if first is not None and first.arxiv else normalize_arxiv(ref)
        (out.append(arxiv) if arxiv else unknown.append(ref))
    return list(dict.fromkeys(out)), unknown


# -- arXiv metadata ----------------------------------------------------------------------------
@dataclass
class Fetched:
    """What :func:`fetch_metadata` stored."""

    records: dict[str, dict]
    filled: int = 0  # papers `add` had queued offline, now titled in "My papers"
    fill_problem: str | None = None  # "My papers" could not be read or written (the metadata is stored)


@dataclass
class Added:
    """What :func:`add_papers` added to "My papers"."""

    records: dict[str, dict]
    path: Path
    offline: Exception | None = None  # arXiv was unreachable: the papers are queued as ``arXiv:ID``


def _fetch_and_store(store: Store, ids: Sequence[str], *, cancel, progress, on_wait) -> dict[str, dict]:
    from .arxiv_api import Client

    records = Client().fetch(ids, progress=progress, cancel=cancel, on_wait=on_wait)
    store.put_metadata(records)
    return records


def fetch_metadata(store: Store, ids: Sequence[str], lists_dir: Path | None = None, *,
                   cancel: threading.Event | None = None, progress: Count | None = None,
                   on_wait: Say | None = None) -> Fetched:
    """Fetch authors, abstract, dates and categories of ``ids`` from the arXiv API into the store,
    then give the papers `add` queued offline their titles. JobError when nothing was stored."""
    from .arxiv_api import ArxivError
    from .importers import ImportError_, fill_queued
    from .store import StateError

    try:
        records = _fetch_and_store(store, ids, cancel=cancel, progress=progress, on_wait=on_wait)
    except (ArxivError, StateError) as exc:  # (net.Cancelled is not an ArxivError: it goes through)
        raise JobError(str(exc), cause=exc) from None
    done = Fetched(records)
    try:
        done.filled = fill_queued(records, lists_dir or paths.user_lists_dir())
    except (ImportError_, OSError) as exc:
        done.fill_problem = str(exc)
    return done


def add_papers(store: Store, ids: Sequence[str], lists_dir: Path | None = None, *,
               cancel: threading.Event | None = None, progress: Count | None = None,
               on_wait: Say | None = None, on_offline: Callable[[Exception], None] | None = None) -> Added:
    """Add papers by arXiv id or URL to "My papers", with their metadata. When arXiv cannot be
    reached (offline, busy) they are queued as ``arXiv:ID`` and ``on_offline`` hears why;
    ``fetch --all-missing`` fills them in later. JobError (``stage`` fetch or save) otherwise."""
    from .arxiv_api import ArxivError
    from .importers import ImportError_, add_to_my_papers, queued_records
    from .net import transient
    from .store import StateError

    offline = None
    try:
        records = _fetch_and_store(store, ids, cancel=cancel, progress=progress, on_wait=on_wait)
    except ArxivError as exc:
        if not transient(exc):  # an unknown id, a refusal: nothing to try again later
            raise JobError(str(exc), cause=exc) from None
        offline = exc  # the ids are valid (fetch checks them first): queue them
        if on_offline is not None:
            on_offline(exc)
        records = queued_records(ids)
    except StateError as exc:
        raise JobError(str(exc), cause=exc) from None
    try:
        path = add_to_my_papers(records, lists_dir or paths.user_lists_dir())
    except (ImportError_, OSError) as exc:
        raise JobError(str(exc), stage="save", cause=exc) from None
    return Added(records, path, offline)


# -- import ------------------------------------------------------------------------------------
def import_source(source: str, lists_dir: Path | None = None) -> Outcome:
    """Import a path, a URL, or article text pasted into the TUI's dialog (more than one line, or
    long text that names no file) as a new list. JobError names where the problem is."""
    from .importers import ImportError_, is_url, run

    pasted = "\n" in source.strip() or (not is_url(source) and not Path(source).expanduser().exists()
                                          and len(source) > 200)
    where = "the pasted text" if pasted else source
    try:
        return run("pasted text" if pasted else source, text=source if pasted else None,
                   lists_dir=lists_dir or paths.user_lists_dir())
    except ImportError_ as exc:
        message = str(exc)
        raise JobError(message if message.startswith(where) else f"{where}: {message}", stage="save") from None
    except OSError as exc:
        raise JobError(f"{where}: {exc.strerror or exc}", stage="save") from None


def retitle_import(store: Store, outcome: Outcome, *, cancel: threading.Event | None = None
                   ) -> tuple[str, dict[str, dict]]:
    """After an import is saved: titles and authors from arXiv (``import --fetch``) into the list
    file and the store. Returns one line for the user (without ``fetch:``) and the records (none
    when arXiv is unreachable: the titles stay the article's). JobError when they could not be
    saved."""
    from .importers import fetch_titles, retitle_list
    from .store import StateError

    line, records = fetch_titles(outcome.imported, cancel=cancel)
    line = line.removeprefix("fetch: ")
    if not records or outcome.path is None:
        return line, {}
    try:
        store.put_metadata(records)
        retitle_list(outcome.path, records)
    except (StateError, OSError, ValueError) as exc:
        raise JobError(f"arXiv titles not saved: {exc}", stage="save") from None
    return line, records


# -- citation counts ---------------------------------------------------------------------------
def fetch_citations(store: Store, ids: Sequence[str], configured_key: str | None = None, *,
                    cancel: threading.Event | None = None, progress: Count | None = None,
                    on_wait: Say | None = None) -> dict[str, dict[str, Any]]:
    """Citation and influential-citation counts from Semantic Scholar into the store (the API key:
    ``$S2_API_KEY``, else ``configured_key``). JobError when nothing was stored."""
    from . import citations, net
    from .store import StateError

    try:
        records = citations.fetch_counts(list(ids), key=citations.api_key(configured_key), cancel=cancel,
                                         progress=progress, on_wait=on_wait)
        store.put_citations(records)
    except net.Cancelled:
        raise
    except (citations.CitationError, net.NetError, StateError) as exc:
        raise JobError(str(exc), cause=exc) from None
    return records


# -- PDFs --------------------------------------------------------------------------------------
@dataclass
class Pdf:
    path: Path
    fetched: bool  # downloaded now (False: it was here already)


def fetch_pdf(arxiv: str, *, cancel: threading.Event | None = None, progress: Progress | None = None,
              on_wait: Say | None = None, on_start: Callable[[], None] | None = None) -> Pdf:
    """The paper's PDF in pdfs/ of the data dir: at once when it is there (offline too), else
    downloaded (``on_start`` hears that a download begins). pdfs.PdfError when it cannot be had."""
    from . import pdfs

    fetched = not pdfs.has_pdf(arxiv)
    if fetched and on_start is not None:
        on_start()
    return Pdf(pdfs.download(arxiv, progress=progress, cancel=cancel, on_wait=on_wait), fetched)


# -- feeds -------------------------------------------------------------------------------------
def followed_feeds(settings: Settings, names: Sequence[str] = ()) -> list[Feed]:
    """The feeds in the settings, or those of them named (JobError names the unknown ones)."""
    from .feeds import from_settings

    followed = from_settings(settings)
    if not names:
        return followed
    known = {f.name: f for f in followed}
    unknown = [n for n in names if n not in known]
    if unknown:
        listed = ", ".join(map(repr, known)) or "none"
        raise JobError(f"no feed named {', '.join(map(repr, unknown))} (followed: {listed})")
    return [known[n] for n in dict.fromkeys(names)]


def stale_feeds(followed: Sequence[Feed], refresh_hours: float, directory: Path | None = None) -> list[Feed]:
    """The feeds last updated more than ``refresh_hours`` ago (or never): what the TUI updates on start."""
    from .feeds import read_status

    where = directory or paths.feeds_dir()
    limit = time.time() - refresh_hours * 3600
    return [f for f in followed if (read_status(f.status_path(where)).updated or 0) < limit]


def update_feeds(followed: Sequence[Feed], store: Store, settings: Settings, *,
                 cancel: threading.Event | None = None, on_feed: Callable[[int, Feed], None] | None = None,
                 progress: Progress | None = None, on_wait: Say | None = None
                 ) -> tuple[list[FeedResult], list[FeedError]]:
    """Fetch each feed's new papers into its list file (feeds.update_feeds, with the settings'
    windows). Returns the feeds updated and the errors of those that failed."""
    from . import feeds

    return feeds.update_feeds(
        list(followed), paths.feeds_dir(), store, feed_days=settings.feed_days, keep_days=settings.feed_keep_days,
        cancel=cancel, on_feed=on_feed, progress=progress, on_wait=on_wait,
    )


def cache_feed_lists(results: Iterable[FeedResult]) -> None:
    """Write the list caches of updated feeds now, so the TUI and the next start read them quickly."""
    from .catalog import ListFileError, read_list_file
    from .feeds import Feed

    for r in results:
        try:
            read_list_file(Feed(r.name, "").list_path(paths.feeds_dir()), paths.cache_dir())
        except ListFileError:
            pass  # (reported where the list is loaded)


def reload_library(lib: Library, stop: Stop | None = None) -> Library | None:
    """The library read again after its feed files changed (None if ``stop`` said so). A big
    feed file without a current cache is first validated and cached by a child process, on
    another core (a 30,000-paper feed: ~2.3 s of this process's time otherwise, most of it
    holding the interpreter while the user moves), then read from that cache."""
    from . import precache
    from .catalog import list_files_in, slow_to_load

    stopped = stop or (lambda: False)
    slow = [str(p) for p in list_files_in(paths.feeds_dir()) if slow_to_load(p, paths.cache_dir())]
    if not precache.wait(precache.start(paths.cache_dir(), slow) if slow else None, stopped):
        return None
    library = lib.reloaded()
    library.catalog.write_caches()
    return library


# -- sync --------------------------------------------------------------------------------------
def syncer(store: Store, folder: str) -> Syncer:
    """The Syncer of this data dir and ``folder``: marks, notes, tags and followed feeds."""
    from .sync import FeedFiles, Syncer

    return Syncer(store, folder, feed_files=FeedFiles(paths.config_path(), paths.feeds_dir(), paths.user_lists_dir()))


def sync_now(store: Store, folder: str) -> Report:
    """Send this device's changes to the sync folder and take in the others' (sync.SyncError)."""
    return syncer(store, folder).run()


# -- the long-lived indexes --------------------------------------------------------------------
@dataclass(eq=False)
class Indexes:
    """The search index and the similar-papers index of the library in use, kept across screens.

    The search index is built on first use (seconds at 100k papers: call :meth:`search` from a
    thread) and dropped when the library is replaced. The similarity index is loaded from cache/
    or built (:meth:`build_similar`, in a thread), then installed with :meth:`set_similar`; a
    replaced library keeps the old one in use until the new one is there.
    """

    lib: Library
    similar: SimilarIndex | None = None
    _search: SearchIndex | None = None
    _similar_lib: Library | None = None  # the library ``similar`` was built for
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def replace(self, lib: Library) -> None:
        """A reloaded library: its search index is built again on the next search. (Called on the
        UI thread: it does not wait for a build under way, whose index is then not kept.)"""
        self.lib = lib
        self._search = None

    @property
    def search_built(self) -> bool:
        return self._search is not None

    def search(self, stop: Stop | None = None, *, warm: bool = True) -> SearchIndex:
        """The search index, built on first use. ``stop`` (from a thread): when it turns true the
        build ends with search.Cancelled rather than holding up a quit. ``warm``: the typo
        matcher's vocabulary is built now too (the TUI: the first keystroke is then quick; a
        command that searches once leaves it to the search that needs it)."""
        from .search import SearchIndex

        with self._lock:
            index = self._search
            if index is None:
                lib = self.lib
                index = SearchIndex(lib, stop=stop)
                if warm:
                    index.vocab()
                if self.lib is lib:  # (not replaced meanwhile)
                    self._search = index
            return index

    @property
    def similar_current(self) -> bool:
        """Whether the similarity index is there and built for the library in use."""
        return self.similar is not None and self._similar_lib is self.lib

    def similar_stale(self) -> None:
        """Tags or abstracts changed: the next :meth:`build_similar` looks at the texts again."""
        self._similar_lib = None

    def build_similar(self, stop: Stop | None = None, on_build: Callable[[int], None] | None = None
                      ) -> tuple[Library, SimilarIndex]:
        """Load the similarity index from cache/ or build it (seconds at 100k; similar.Cancelled
        when ``stop`` says so; ``on_build(papers)`` hears that it is built, not read from the
        cache). Returns it with the library it is for (see :meth:`set_similar`)."""
        from . import similar

        lib = self.lib
        return lib, similar.load_or_build(lib, stop=stop, on_build=on_build)

    def set_similar(self, lib: Library, index: SimilarIndex) -> None:
        self.similar, self._similar_lib = index, lib
