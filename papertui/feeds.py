"""Follow arXiv: categories and search queries as reading lists that fill themselves (no Textual import).

- A feed is ``[[feeds]]`` in ``config.toml`` (``name``, ``query``), written through
  :func:`papertui.settings.update_settings` (atomic; the user's other settings kept).
- Its papers are a reading list (format v1) in ``lists/feeds/<slug>.json``, one section per
  submission day (newest first), each paper with the API's authors, abstract (as the summary)
  and categories (as tags); dates and categories also go to the store's metadata table.
- Its status is ``lists/feeds/<slug>.feed`` (JSON): when it was last updated, the newest
  submission seen, and which papers arrived in each update (the TUI's New view).
- :func:`update_feed` asks the arXiv API (through :mod:`papertui.net`: 3 s between requests
  to arXiv for the whole process, retries, a deadline, cancel) for ``search_query`` newest
  submissions first, page by page, back to the feed's newest paper (less a day of overlap:
  arXiv announces papers some hours after they are submitted) or ``feed_days`` back the first
  time. Everything is fetched before anything is written: a failure leaves the stored feed
  as it was. A file lock (``lists/feeds/.lock``) makes updates from cron and the TUI take turns.
- Papers older than ``feed_keep_days`` leave at the next update, except those the user read,
  starred, noted or tagged.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from . import net
from .atomic import atomic_write_bytes
from .errors import PapertuiError
from .model import abs_url
from .tags import normalize_tags

PAGE_SIZE = 200  # entries per request (arXiv allows up to 2,000; 200 is ~600 KB)
MAX_PAPERS = 30_000  # per update: cs.* for a month
OVERLAP = 86_400.0  # seconds: an update looks this far behind the newest paper it has
LOCK_WAIT = 600.0  # seconds a command waits for another update to finish
STATUS_SUFFIX = ".feed"
KEPT_LIST = "Kept from feeds"  # where an unfollowed feed's marked papers go

# arXiv's archives: "cs.CL", "cs.*", "math", "astro-ph.GA", "hep-th" are categories.
ARCHIVES = (
    "cs", "math", "stat", "physics", "q-bio", "q-fin", "eess", "econ", "astro-ph", "cond-mat", "gr-qc",
    "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nlin", "nucl-ex", "nucl-th", "quant-ph",
)
_CATEGORY = re.compile(r"(?:{})(?:\.(?:[A-Za-z][A-Za-z\-]*|\*))?".format("|".join(re.escape(a) for a in ARCHIVES)))


class FeedError(PapertuiError):
    """A feed that cannot be followed or updated; ``str()`` is one line for the user.
    ``kind``: the network error's (:class:`papertui.net.NetError`), e.g. ``dns`` when offline."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Feed:
    name: str
    query: str

    @property
    def slug(self) -> str:
        from .importers import slug

        return slug(self.name.replace(".", "-"))

    @property
    def search_query(self) -> str:
        return search_query(self.query)

    def list_path(self, directory: Path) -> Path:
        return directory / f"{self.slug}.json"

    def status_path(self, directory: Path) -> Path:
        return directory / f"{self.slug}{STATUS_SUFFIX}"


def is_category(query: str) -> bool:
    return _CATEGORY.fullmatch(query.strip()) is not None


def search_query(query: str) -> str:
    """The API's ``search_query``: a bare category ``cs.CL`` is ``cat:cs.CL``; anything else as given."""
    query = " ".join(query.split())
    return f"cat:{query}" if is_category(query) else query


def highlight_words(query: str) -> list[str]:
    """The words of a feed's query worth highlighting in titles and abstracts (lower case):
    ``ti:"kv cache" AND cat:cs.LG`` -> ``["kv cache"]``."""
    if is_category(query):
        return []
    out: list[str] = []
    for phrase, word in re.findall(r'(?:\w+:)?"([^"]+)"|(\S+)', query):
        text = phrase or word
        if not phrase:
            prefix, _, rest = text.partition(":")
            if rest and prefix.lower() in ("cat", "id", "rn", "au"):
                continue
            if rest:
                text = rest
            text = text.strip("()")
            if text in ("AND", "OR", "ANDNOT", "NOT") or not text:
                continue
        text = " ".join(text.replace("_", " ").split()).lower()
        if len(text) > 1 and text not in out:
            out.append(text)
    return out


def default_name(query: str) -> str:
    query = " ".join(query.split())
    return query if len(query) <= 40 else query[:39] + "…"


# -- config.toml ---------------------------------------------------------------------
def configured(config_path: Path) -> list[Feed]:
    """The feeds in ``config.toml`` (problems with the file are the settings' to report)."""
    from .settings import load_settings

    return from_settings(load_settings(config_path))


def from_settings(settings) -> list[Feed]:
    """The feeds in loaded settings (``Settings.feeds``), in their order."""
    return [Feed(f["name"], f["query"]) for f in settings.feeds]


def follow(config_path: Path, query: str, name: str | None = None) -> Feed:
    """Add a feed to ``config.toml``. Raises :class:`FeedError` for an empty query or a taken name."""
    from .settings import SettingsError, update_settings

    query = " ".join(query.split())
    if not query:
        raise FeedError("give a category (cs.CL) or an arXiv API query (ti:\"kv cache\" AND cat:cs.LG)")
    feed = Feed((name or default_name(query)).strip(), query)
    if not feed.name:
        raise FeedError("a feed needs a name")

    def add(raw: dict[str, Any]) -> None:
        feeds = raw.get("feeds", [])
        if not isinstance(feeds, list):
            raise FeedError(f"{config_path}: feeds should be a list of [[feeds]] tables; fix it by hand first")
        for other in feeds:
            if not isinstance(other, dict):
                continue
            if other.get("name") == feed.name or Feed(str(other.get("name")), "").slug == feed.slug:
                raise FeedError(f"a feed named {other.get('name')!r} is already followed ({other.get('query')})")
        feeds.append({"name": feed.name, "query": feed.query})
        raw["feeds"] = feeds

    try:
        update_settings(config_path, add)
    except SettingsError as exc:
        raise FeedError(str(exc)) from None
    return feed


def unfollow(config_path: Path, name: str, directory: Path, lists_dir: Path, store) -> int:
    """Stop following ``name``: it leaves ``config.toml`` and its files go, but its papers
    the user marked (read, starred, noted, tagged) move to the "Kept from feeds" list.
    Returns how many were kept."""
    from .settings import SettingsError, update_settings

    found: list[Feed] = []

    def drop(raw: dict[str, Any]) -> None:
        feeds = raw.get("feeds", [])
        keep = []
        for f in feeds if isinstance(feeds, list) else []:
            if isinstance(f, dict) and f.get("name") == name and not found:
                found.append(Feed(name, str(f.get("query", ""))))
            else:
                keep.append(f)
        if not found:
            names = ", ".join(repr(f.get("name")) for f in feeds if isinstance(f, dict)) or "none"
            raise FeedError(f"no feed named {name!r} (followed: {names})")
        raw["feeds"] = keep

    with _locked(directory):
        try:
            update_settings(config_path, drop)
        except SettingsError as exc:
            raise FeedError(str(exc)) from None
        feed = found[0]
        doc = _read_list(feed.list_path(directory))
        kept = [p for p in _papers(doc) if marked(store, p.get("arxiv"))] if doc else []
        if kept:
            _keep(lists_dir, feed.name, kept)
        for path in (feed.list_path(directory), feed.status_path(directory)):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
    return len(kept)


def _keep(lists_dir: Path, section: str, papers: list[dict]) -> None:
    from .importers import slug

    path = lists_dir / f"{slug(KEPT_LIST)}.json"
    doc = _read_list(path) or {"format": 1, "title": KEPT_LIST, "sections": []}
    sections = doc["sections"]
    have = {p.get("arxiv") for p in _papers(doc)}
    fresh = [p for p in papers if p.get("arxiv") not in have]
    if fresh:
        sections.append({"title": section, "papers": fresh})
        atomic_write_bytes(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2))


def marked(store, key: str | None) -> bool:
    """Whether the user did anything to the paper (such papers never leave a feed): read,
    starred, noted, tagged or put in a list of the user's own."""
    return bool(key) and bool(
        store.is_read(key) or store.is_starred(key) or store.note(key) or store.user_tags(key)
        or store.user_lists(key)
    )


# -- status and list files ---------------------------------------------------------------
@dataclass
class Status:
    updated: float | None = None  # when the last update finished (seconds since the epoch)
    newest: str | None = None  # the newest submission seen, "YYYY-MM-DDTHH:MM:SSZ"
    arrivals: list[tuple[float, list[str]]] = field(default_factory=list)  # (when, arXiv ids) per update

    def to_json(self) -> dict:
        return {"updated": self.updated, "newest": self.newest, "arrivals": [[t, ids] for t, ids in self.arrivals]}


def read_status(path: Path) -> Status:
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return Status()  # never updated, or damaged: the next update starts afresh (dedupes)
    if not isinstance(doc, dict):
        return Status()
    updated = doc.get("updated")
    newest = doc.get("newest")
    arrivals = []
    for item in doc.get("arrivals") or []:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], (int, float)) \
                and isinstance(item[1], list):
            arrivals.append((float(item[0]), [i for i in item[1] if isinstance(i, str)]))
    return Status(
        updated=float(updated) if isinstance(updated, (int, float)) else None,
        newest=newest if isinstance(newest, str) else None,
        arrivals=arrivals,
    )


def arrivals(directory: Path) -> dict[str, float]:
    """arXiv id -> when it arrived, over every feed (for the New view)."""
    out: dict[str, float] = {}
    for path in sorted(directory.glob(f"*{STATUS_SUFFIX}")) if directory.is_dir() else ():
        for when, ids in read_status(path).arrivals:
            for arxiv in ids:
                if when > out.get(arxiv, 0.0):
                    out[arxiv] = when
    return out


def files_stamp(directory: Path) -> tuple:
    """What changes when any feed file changes (the TUI watches it)."""
    stamps = []
    try:
        for p in directory.iterdir():
            if p.suffix in (".json", STATUS_SUFFIX):
                st = p.stat()
                stamps.append((p.name, st.st_mtime_ns, st.st_size))
    except OSError:
        return ()
    return tuple(sorted(stamps))


def _read_list(path: Path) -> dict | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FeedError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise FeedError(f"{path}: not valid JSON; move it away to start the feed afresh") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("sections"), list):
        raise FeedError(f"{path}: not a reading list; move it away to start the feed afresh")
    return doc


def _papers(doc: dict | None) -> list[dict]:
    if not doc:
        return []
    sections = [s for s in doc.get("sections", []) if isinstance(s, dict)]
    return [p for s in sections for p in s.get("papers", []) if isinstance(p, dict)]


# -- updating ----------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    new: int  # papers that were not in the feed before
    total: int  # papers in the feed now
    dropped: int  # papers that left (older than feed_keep_days, unmarked)


def _stamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seconds(stamp: str) -> float | None:
    try:
        return datetime.strptime(stamp[:20], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def since_for(status: Status, now: float, feed_days: float, keep_days: float) -> str:
    """The oldest submission an update asks for."""
    if status.newest and (newest := _seconds(status.newest)) is not None:
        start = newest - OVERLAP
    elif status.updated is not None:
        start = status.updated - OVERLAP - feed_days * 86_400
    else:
        start = now - feed_days * 86_400
    return _stamp(max(start, now - keep_days * 86_400))


def fetch_since(
    feed: Feed,
    since: str,
    *,
    client=None,
    page: int = PAGE_SIZE,
    cancel: threading.Event | None = None,
    on_wait: Callable[[str], None] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[dict]:
    """The feed's papers submitted at or after ``since``, newest first (arXiv API records
    with ``submitted``). Raises :class:`FeedError` (one line), or net.Cancelled."""
    from .arxiv_api import ArxivError, Client, parse_page

    client = client or Client()
    out: list[dict] = []
    seen: set[str] = set()
    start = 0
    empty_retried = False
    while True:
        params = {
            "search_query": feed.search_query, "sortBy": "submittedDate", "sortOrder": "descending",
            "start": str(start), "max_results": str(page),
        }
        try:
            entries, total = parse_page(client.query(params, cancel, on_wait))
        except net.Cancelled:
            raise
        except ArxivError as exc:
            raise FeedError(f"{feed.name}: {exc}", exc.kind) from None
        if not entries:
            # arXiv sometimes answers a page with nothing although there is more: ask once again.
            if total is not None and start < total and not empty_retried:
                empty_retried = True
                continue
            break
        empty_retried = False
        done = False
        for rec in entries:
            when = rec.get("submitted") or ""
            if _seconds(when) is None:
                continue  # no date: cannot be placed (arXiv always gives one)
            if when < since:
                done = True
                break
            if rec["arxiv"] not in seen:
                seen.add(rec["arxiv"])
                out.append(rec)
        if progress is not None:
            progress(len(out), total)
        start += len(entries)
        at_end = start >= total if total is not None else len(entries) < page
        if done or at_end or len(out) >= MAX_PAPERS:
            break
    return out


def _entry(rec: dict) -> dict:
    """A reading-list paper from an API record."""
    doc: dict[str, Any] = {
        "arxiv": rec["arxiv"],
        "title": rec["title"],
        "summary": rec.get("abstract") or "",
        "tags": normalize_tags(rec.get("categories") or []),
        "links": [{"label": "arXiv", "url": abs_url(rec["arxiv"])}],
    }
    if rec.get("authors"):
        doc["authors"] = [a for a in rec["authors"] if a]
    doc["submitted"] = rec["submitted"]  # (not part of format v1: kept for retention and order)
    return doc


def _metadata(rec: dict, stamp: float) -> dict:
    """What goes to the store's metadata table: the abstract and title stay in the list file."""
    keep = ("authors", "published", "updated", "primary_category", "categories", "comment", "journal_ref", "doi")
    return {"arxiv": rec["arxiv"], **{k: rec.get(k) for k in keep}, "fetched_at": stamp, "source": "feed"}


def _build(feed: Feed, papers: Iterable[dict]) -> dict:
    """The list document: sections by submission day, newest first."""
    days: dict[str, list[dict]] = {}
    for p in sorted(papers, key=lambda p: p.get("submitted") or "", reverse=True):
        day = (p.get("submitted") or "")[:10] or "undated"
        days.setdefault(day, []).append(p)
    return {
        "format": 1,
        "title": feed.name,
        "source": f"arXiv API: {feed.search_query}",
        "feed": {"name": feed.name, "query": feed.query},
        "sections": [{"title": day, "papers": ps} for day, ps in days.items()],
    }


class _locked:
    """The feeds' file lock; cancellable, so a quitting TUI never waits for a cron update."""

    def __init__(self, directory: Path, cancel: threading.Event | None = None, wait: float = LOCK_WAIT) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.lock = FileLock(str(directory / ".lock"))
        self.cancel = cancel
        self.wait = wait

    def __enter__(self) -> _locked:
        deadline = time.monotonic() + self.wait
        while True:
            if self.cancel is not None and self.cancel.is_set():
                raise net.Cancelled("cancelled while another update ran", kind="cancelled")
            try:
                self.lock.acquire(timeout=0.1)
                return self
            except Timeout:
                if time.monotonic() > deadline:
                    raise FeedError(f"another papertui has been updating the feeds for over {self.wait:.0f} s") \
                        from None

    def __exit__(self, *exc) -> None:
        self.lock.release()


def update_feed(
    feed: Feed,
    directory: Path,
    store,
    *,
    feed_days: float = 7,
    keep_days: float = 30,
    now: float | None = None,
    client=None,
    page: int = PAGE_SIZE,
    cancel: threading.Event | None = None,
    on_wait: Callable[[str], None] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> Result:
    """Fetch what is new for ``feed`` and store it (list file, metadata, status), all or nothing
    as far as the feed goes. Raises :class:`FeedError` or net.Cancelled; then nothing changed."""
    from .store import StateError

    with _locked(directory, cancel):
        now = time.time() if now is None else now
        list_path, status_path = feed.list_path(directory), feed.status_path(directory)
        doc = _read_list(list_path)
        status = read_status(status_path)
        if doc is None:
            status = Status()  # the list is gone: start afresh
        records = fetch_since(
            feed, since_for(status, now, feed_days, keep_days),
            client=client, page=page, cancel=cancel, on_wait=on_wait, progress=progress,
        )
        old = {p["arxiv"]: p for p in _papers(doc) if isinstance(p.get("arxiv"), str)}
        fresh = [rec for rec in records if rec["arxiv"] not in old]
        papers = dict(old)
        for rec in records:  # newer versions of known papers: their text may have changed
            papers[rec["arxiv"]] = _entry(rec)
        cutoff = _stamp(now - keep_days * 86_400)
        leaving = [a for a, p in papers.items() if (p.get("submitted") or "") < cutoff and not marked(store, a)]
        for arxiv in leaving:
            del papers[arxiv]
        if cancel is not None and cancel.is_set():
            raise net.Cancelled("cancelled", kind="cancelled")
        atomic_write_bytes(list_path, orjson.dumps(_build(feed, papers.values())))
        # A leaving paper's metadata goes too, if a feed put it there (else the state file grows
        # by ~200 bytes a paper for good: cs.* would add ~70 MB a year).
        drop = [a for a in leaving if (store.metadata(a) or {}).get("source") == "feed"]
        try:
            store.put_metadata(
                {rec["arxiv"]: _metadata(rec, now) for rec in fresh if not store.has_metadata(rec["arxiv"])}, drop=drop
            )
        except StateError as exc:
            raise FeedError(f"{feed.name}: papers stored, but not their metadata: {exc}") from None
        newest = max([status.newest or "", *(rec["submitted"] for rec in records)]) or None
        cut = now - keep_days * 86_400
        kept = [(t, ids) for t, ids in status.arrivals if t >= cut]
        if fresh:
            kept.append((now, [rec["arxiv"] for rec in fresh]))
        atomic_write_bytes(status_path, orjson.dumps(Status(now, newest, kept).to_json()))
        return Result(feed.name, len(fresh), len(papers), len(leaving))


def feed_papers(lib, feed: Feed, directory: Path) -> list[int]:
    """The feed's papers in ``lib``'s catalog (unique, catalog indices)."""
    path = str(feed.list_path(directory))
    catalog = lib.catalog
    seen: set[str] = set()
    out = []
    for rl in catalog.lists:
        if rl.path == path:
            for i in rl.papers:
                if catalog.keys[i] not in seen:
                    seen.add(catalog.keys[i])
                    out.append(i)
    return out


def update_feeds(
    feeds: list[Feed],
    directory: Path,
    store,
    *,
    feed_days: float = 7,
    keep_days: float = 30,
    cancel: threading.Event | None = None,
    on_wait: Callable[[str], None] | None = None,
    on_feed: Callable[[int, Feed], None] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    **options,
) -> tuple[list[Result], list[FeedError]]:
    """Update each feed in turn; a feed that fails is left as it was and the rest go on, unless
    the network is gone (offline, timeouts): then the others are not tried. ``on_feed(i, feed)``
    hears which feed starts. Raises net.Cancelled when ``cancel`` is set."""
    results: list[Result] = []
    errors: list[FeedError] = []
    for i, feed in enumerate(feeds):
        if on_feed is not None:
            on_feed(i, feed)
        try:
            results.append(update_feed(
                feed, directory, store, feed_days=feed_days, keep_days=keep_days,
                cancel=cancel, on_wait=on_wait, progress=progress, **options,
            ))
        except FeedError as exc:
            errors.append(exc)
            if exc.kind in net.OFFLINE:  # no use trying the other feeds
                break
    return results, errors
