"""The catalog and the store together: what both the CLI and the TUI work on.

No Textual import here.
"""

from __future__ import annotations

import os
import sys
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import not_
from pathlib import Path
from typing import Any

from . import paths
from .arxiv_ids import year_month
from .catalog import Catalog, Category, list_files_in, load_catalog
from .model import abs_url, is_web_url
from .store import Store
from .textsafe import clean_note, clean_record, clean_tags

FILTER_BULK_MIN = 20_000  # papers: from here on, filter() uses NumPy
SORT_DIRECT_MAX = 2_000  # papers: below this, sort() sorts them directly
# A read paper costs Tally.recount about as much as ~30 category entries: below that
# share it adds read papers one by one, above it counts each category's.
RECOUNT_BY_KEY = 30


@dataclass
class Library:
    catalog: Catalog
    store: Store
    messages: list[str] = field(default_factory=list)
    extra_lists: list[Path] = field(default_factory=list)
    loader: Any = None  # the child process reading the deferred list files (subprocess.Popen)
    _sort_cache: dict = field(default_factory=dict, repr=False)  # mode -> (store version or None, (values, order))
    _sorted_once: set = field(default_factory=set, repr=False)  # modes a big category was sorted by directly
    _across: tuple | None = field(default=None, repr=False)  # see across_lists
    arrived: dict[str, float] = field(default_factory=dict)  # feed papers: arXiv id -> when it arrived
    _feed_map: tuple | None = field(default=None, repr=False)  # see _feed_ids
    _my_lists: tuple | None = field(default=None, repr=False)  # (store version, list id -> name): see my_lists

    @classmethod
    def open(
        cls,
        db: str | os.PathLike | None = None,
        extra_lists: Sequence[str | os.PathLike] = (),
        *,
        defer_slow: bool = False,
    ) -> Library:
        """Load bundled + user + extra lists and open the state file.

        Problems that do not stop papertui (a bad list file, a state file moved
        aside) are collected in ``messages``; :class:`papertui.store.StateError`
        is raised only when the state cannot be used at all. With ``defer_slow``,
        big list files without a current cache are left out and named in
        :attr:`deferred` (load them with :meth:`reloaded`).
        """
        extra = [Path(p) for p in extra_lists]
        catalog = cls._load(extra, defer_slow=defer_slow)
        store = Store.open(Path(db) if db else paths.state_path())
        lib = cls(catalog=catalog, store=store, messages=[*catalog.errors, *store.warnings], extra_lists=extra)
        lib.arrived = _arrivals()
        if catalog.deferred:  # start reading them now, on another core, while the UI starts
            from . import precache

            lib.loader = precache.start(paths.cache_dir(), catalog.deferred)
        return lib

    @staticmethod
    def _load(extra: list[Path], *, defer_slow: bool = False) -> Catalog:
        # Feeds last: a paper also in one of the user's lists is shown as in that list first,
        # and a new feed does not move the other lists.
        user = list_files_in(paths.user_lists_dir()) + extra + list_files_in(paths.feeds_dir())
        return load_catalog(paths.bundled_list_files(), user, cache_dir=paths.cache_dir(), defer_slow=defer_slow)

    @property
    def deferred(self) -> list[str]:
        """List files not loaded yet (see :meth:`open`)."""
        return self.catalog.deferred

    def reloaded(self) -> Library:
        """The same state with the list files read again (after an import)."""
        catalog = self._load(self.extra_lists)
        return Library(catalog=catalog, store=self.store, messages=list(catalog.errors), extra_lists=self.extra_lists,
                       arrived=_arrivals())

    # -- views -------------------------------------------------------------
    def is_read(self, index: int) -> bool:
        return self.store.is_read(self.catalog.keys[index])

    def is_starred(self, index: int) -> bool:
        return self.store.is_starred(self.catalog.keys[index])

    def filter(
        self,
        indices: Iterable[int],
        *,
        read: bool | None = None,
        starred: bool | None = None,
    ) -> list[int]:
        catalog = self.catalog
        if indices is catalog.unique and (read is None) != (starred is None):
            # A smart view (Unread, Starred): every paper once, in catalog order.
            wanted, marked = (read, self.store.read_keys()) if starred is None else (starred, self.store.starred_keys())
            if len(marked) * 4 < len(catalog.unique):
                return self._filter_unique(set(marked), wanted)
        out = list(indices)
        keys = catalog.keys.__getitem__
        for wanted, marked in ((read, self.store.read_keys()), (starred, self.store.starred_keys())):
            if wanted is None:
                continue
            if len(out) >= FILTER_BULK_MIN and len(marked) * 4 < len(out):
                # A copy to iterate: a worker may add to the live set meanwhile.
                out = self._filter_bulk(out, set(marked), wanted)
                continue
            hits = map(marked.__contains__, map(keys, out))  # C-level: no Python per paper
            out = list(compress(out, hits if wanted else map(not_, hits)))
        return out

    def _filter_unique(self, marked: set[str], wanted: bool | None) -> list[int]:
        """:meth:`filter` of ``catalog.unique`` (ascending) with few marks: the marked
        papers are found by key, and the others are the runs between them, copied as
        slices (no step per paper: ~0.8 ms instead of ~8 ms at 100k papers)."""
        catalog = self.catalog
        first = catalog.first_index
        hits = sorted(first[key] for key in marked if key in first)
        if wanted:
            return hits
        unique = catalog.unique
        out: list[int] = []
        at = 0
        for index in hits:
            cut = bisect_left(unique, index, at)
            if cut < len(unique) and unique[cut] == index:
                out += unique[at:cut]
                at = cut + 1
        out += unique[at:]
        return out

    def _filter_bulk(self, indices: list[int], marked: set[str], wanted: bool) -> list[int]:
        """:meth:`filter` for many papers and few marks: the marks become a mask over
        catalog indices and NumPy picks the rows (~3x faster at 100k papers)."""
        import numpy as np

        catalog = self.catalog
        mask = np.zeros(len(catalog.keys), bool)
        hit = [i for key in marked for i in catalog.occurrences(key)]
        if hit:
            mask[hit] = True
        rows = np.asarray(indices, np.int64)
        return rows[mask[rows] if wanted else ~mask[rows]].tolist()

    def count_read(self, indices: Iterable[int]) -> int:
        return sum(map(self.store.read_keys().__contains__, map(self.catalog.keys.__getitem__, indices)))

    # -- papers seen in several lists (digests, feeds) -------------------------------
    def source_count(self, key: str) -> int:
        """In how many reading lists the paper appears (0 if it is not loaded)."""
        catalog = self.catalog
        repeats = catalog.repeats.get(key)
        if repeats is None:
            return 1 if key in catalog.first_index else 0
        return len({catalog.list_of[j] for j in repeats})

    def sources(self, key: str) -> list[str]:
        """The titles of the lists the paper appears in, in catalog order, each once."""
        catalog = self.catalog
        return list(dict.fromkeys(catalog.lists[catalog.list_of[j]].title for j in catalog.occurrences(key)))

    def across_lists(self) -> list[int]:
        """Papers in two or more lists (first occurrences), most lists first, then in catalog
        order: the smart view "Across lists". Kept while the catalog keeps its size."""
        stamp = (len(self.catalog.keys), len(self.catalog.lists))
        if self._across is None or self._across[0] != stamp:
            first = self.catalog.first_index
            found = [(-self.source_count(key), first[key]) for key in self.catalog.repeats]
            self._across = (stamp, [index for minus, index in sorted(found) if minus <= -2])
        return self._across[1]

    # -- the user's data as the UI and the CLI show it -----------------------------
    # The state file may hold anything (another program, an old version, a hand edit):
    # notes, tags and metadata reach the screen only through these, cleaned by textsafe.
    def note(self, key: str) -> str:
        return clean_note(self.store.note(key))

    def user_tags(self, key: str) -> list[str]:
        return clean_tags(self.store.user_tags(key))

    def metadata(self, arxiv: str | None) -> dict[str, Any] | None:
        return clean_record(self.store.metadata(arxiv))

    # -- tags and categories (the list files' tags plus the user's own) ---------
    def tags_of(self, index: int) -> list[str]:
        """A paper's tags: the list file's, then the user's."""
        own = list(self.catalog.tags_of[index])
        return own + [t for t in self.user_tags(self.catalog.keys[index]) if t not in own]

    def user_tag_index(self) -> dict[str, list[int]]:
        """User tag -> unique paper indices, in catalog order."""
        out: dict[str, list[int]] = {}
        first = self.catalog.first_index
        for key, (_note, tags) in self.store.annotated().items():
            i = first.get(key)
            if i is None:
                continue
            for tag in clean_tags(tags):
                out.setdefault(tag, []).append(i)
        for indices in out.values():
            indices.sort()
        return out

    # -- feeds (lists in the feeds dir: see feeds.py) --------------------------------
    def feed_lists(self) -> dict[int, str]:
        """List index -> feed name, for the lists that are followed feeds."""
        where = paths.feeds_dir()
        return {li: rl.title for li, rl in enumerate(self.catalog.lists) if Path(rl.path).parent == where}

    def _feed_ids(self) -> tuple[dict[str, str | None], list[Category]]:
        """The catalog's category ids of feed lists -> ``feed:NAME`` (their sections -> None),
        and the feeds' categories. Found by the catalog's order (each list, then its
        sections), not by the form of its ids."""
        stamp = (len(self.catalog.keys), len(self.catalog.lists))
        if self._feed_map is not None and self._feed_map[0] == stamp:
            return self._feed_map[1]
        feeds = self.feed_lists()
        mapping: dict[str, str | None] = {}
        cats: list[Category] = []
        li = -1
        if feeds:
            for cat in self.catalog.categories():
                if cat.kind == "list":
                    li += 1
                if cat.kind in ("list", "section") and li in feeds:
                    if cat.kind == "list":
                        mapping[cat.id] = fid = f"feed:{feeds[li]}"
                        cats.append(Category(fid, "feed", feeds[li], cat.indices))
                    else:
                        mapping[cat.id] = None
        self._feed_map = (stamp, (mapping, cats))
        return mapping, cats

    def new_papers(self, since: float) -> list[int]:
        """Feed papers that arrived after ``since`` and are unread (unique, catalog order)."""
        first, read = self.catalog.first_index, self.store.read_keys()
        picked = [first[a] for a, when in self.arrived.items() if when > since and a in first and a not in read]
        return sorted(picked)

    # -- the user's own lists (mylists.py) ----------------------------------------------
    def my_lists(self) -> dict[str, str]:
        """The user's own lists not deleted: id -> name, by name (kept until the marks change)."""
        version = self.store.version
        if self._my_lists is None or self._my_lists[0] != version:
            from .mylists import live_ids

            self._my_lists = (version, live_ids(self.store))
        return self._my_lists[1]

    def my_list_categories(self) -> list[Category]:
        """One category ``mylist:ID`` per list (kind "mylist"), its papers in catalog order."""
        live = self.my_lists()
        if not live:
            return []
        from .mylists import PREFIX

        first = self.catalog.first_index
        found: dict[str, list[int]] = {i: [] for i in live}
        for key in list(self.store.listed_keys()):
            i = first.get(key)
            if i is None:
                continue  # (a paper no list file holds any more)
            for list_id in self.store.user_lists(key):
                if list_id in found:
                    found[list_id].append(i)
        return [Category(PREFIX + list_id, "mylist", name, sorted(found[list_id])) for list_id, name in live.items()]

    def categories(self) -> list[Category]:
        """Lists, sections and tags (the list files' merged with the user's)."""
        cats = [c for c in self.catalog.categories() if c.kind != "tag"]
        mapping, feed_cats = self._feed_ids()
        if mapping:
            cats = [c for c in cats if c.id not in mapping] + feed_cats
        merged: dict[str, list[int]] = {t: list(ix) for t, ix in self.catalog.tags.items()}
        for tag, indices in self.user_tag_index().items():
            have = merged.setdefault(tag, [])
            seen = set(have)
            have.extend(i for i in indices if i not in seen)
            have.sort()
        cats += [Category(f"tag:{t}", "tag", t, merged[t]) for t in sorted(merged)]
        return cats + self.my_list_categories()

    def category_ids(self, key: str) -> list[str]:
        ids = self.catalog.category_ids(key)
        mapping = self._feed_ids()[0]
        if mapping:
            ids = list(dict.fromkeys(m for m in (mapping.get(i, i) for i in ids) if m))
        ids += [f"tag:{t}" for t in self.user_tags(key) if f"tag:{t}" not in ids]
        listed = self.store.user_lists(key)
        if listed:
            live = self.my_lists()
            ids += [f"mylist:{i}" for i in dict.fromkeys(listed) if i in live]
        return ids

    def all_tags(self) -> list[str]:
        return sorted(set(self.catalog.tags) | {t for _n, tags in self.store.annotated().values() for t in clean_tags(tags)})

    # -- sorting -------------------------------------------------------------------
    def sort(self, indices: Sequence[int], mode: str) -> list[int]:
        """``indices`` in one of :data:`SORT_MODES` (a new list; "list" keeps the order).
        Sorts are stable: papers that tie keep the order they came in."""
        if mode == "cited":  # most cited first; papers without a count last, in their order
            count, arxivs = self.store.citation_count, self.catalog.arxivs
            def most_cited(i: int) -> int:
                n = count(arxivs[i])
                return -(n if n is not None else -1)

            return sorted(indices, key=most_cited)
        if mode not in ("date", "title", "changed"):
            return list(indices)
        if len(indices) < SORT_DIRECT_MAX:
            return self._sort_directly(indices, mode)
        if mode not in self._sort_cache and mode not in self._sorted_once:
            # The first big sort by a mode (a start-up in a sorted view): directly is as
            # quick as working out the ranking (and needs no NumPy import on the way to
            # the first screen). The next one, or prepare_sort in a worker, works it out.
            self._sorted_once.add(mode)
            return self._sort_directly(indices, mode)
        # A big category (all 100k papers: 160 ms by title, sorting strings) is sorted
        # by a number per paper worked out once for the whole catalog: ~5 ms.
        import numpy as np

        picked = np.asarray(indices, np.int64)
        values, order = self._sort_values(mode)
        if len(picked) > 1 and (picked[1:] > picked[:-1]).all():
            # In catalog order (every category is): ties keep that order, as in the
            # catalog-wide order, so the category is that order with the rest left out.
            keep = np.zeros(len(values), bool)
            keep[picked] = True
            return order[keep[order]].tolist()
        return picked[np.argsort(values[picked], kind="stable")].tolist()

    def _sort_directly(self, indices: Sequence[int], mode: str) -> list[int]:
        catalog = self.catalog
        if mode == "date":  # newest first: new-style ids sort by yymm.number; no id last
            arxivs = catalog.arxivs
            return sorted(indices, key=lambda i: _date_key(arxivs[i]), reverse=True)
        if mode == "title":
            titles = catalog.titles
            return sorted(indices, key=lambda i: titles[i].casefold())
        # "changed": recently changed first; never touched keep list order
        keys, changed = catalog.keys, self.store.changed_at
        return sorted(indices, key=lambda i: changed(keys[i]), reverse=True)

    def prepare_sort(self, mode: str) -> None:
        """Work out the ranking for ``mode`` now (in a worker, once the screen is up)."""
        if mode in ("date", "title", "changed"):
            self._sort_values(mode)

    def _sort_values(self, mode: str):
        """NumPy arrays: for each catalog index, a number whose ascending order is the
        sort order (equal numbers for papers that tie); and the whole catalog in that
        order (ties in catalog order). Kept: the catalog does not change; for
        "changed", until the store does."""
        import numpy as np

        stamp = self.store.version if mode == "changed" else None
        kept = self._sort_cache.get(mode)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        catalog = self.catalog
        if mode == "changed":
            values = np.zeros(len(catalog.keys))
            for key, when in self.store.changed_times().items():
                values[catalog.occurrences(key)] = -when  # newest first
        else:
            if mode == "title":
                sort_keys = [title.casefold() for title in catalog.titles]
            else:
                sort_keys = [_date_key(arxiv) for arxiv in catalog.arxivs]
            # Each paper's rank among the distinct keys (ties share one).
            distinct = sorted(set(sort_keys))
            rank = dict(zip(distinct, range(len(distinct))))
            values = np.fromiter(map(rank.__getitem__, sort_keys), np.int64, count=len(sort_keys))
            if mode == "date":
                values = -values  # newest first
        kept = (values, np.argsort(values, kind="stable"))
        self._sort_cache[mode] = (stamp, kept)
        return kept

    def record(self, index: int) -> dict[str, Any]:
        """The JSON object for one paper (``list --json`` and friends)."""
        return self.records([index])[0]

    def records(self, indices: Sequence[int]) -> list[dict[str, Any]]:
        """:meth:`record` of each of ``indices``."""
        return list(self.iter_records(indices))

    def iter_records(self, indices: Sequence[int]) -> Iterator[dict[str, Any]]:
        """:meth:`record` of each of ``indices`` in turn, every lookup done once for them all
        (``list --json`` of 640k papers: ~1.5 s instead of ~6 s)."""
        c, store = self.catalog, self.store
        keys, arxivs, titles, tags_of, links, related = c.keys, c.arxivs, c.titles, c.tags_of, c.links, c.related
        summaries = c.summaries if len(indices) < len(c.keys) // 8 else list(c.summaries)  # (one pass, no bisect)
        list_of, section_of, first_index, repeats = c.list_of, c.section_of, c.first_index, c.repeats
        places = [(rl.title, [sec.title for sec in rl.sections]) for rl in c.lists]
        place_of = [[f"{title} › {name}" for name in names] for title, names in places]  # (catalog.place)
        mine = self.my_lists()
        marked, read, starred = store.marked_keys(), store.read_keys(), store.starred_keys()
        note, user_tags, user_lists, meta = store.note, store.user_tags, store.user_lists, store.metadata
        for i in indices:
            key, arxiv, (list_title, section_titles) = keys[i], arxivs[i], places[list_of[i]]
            own = list(tags_of[i])
            if key in marked:
                extra = user_tags(key)
                if extra:
                    own += [t for t in clean_tags(extra) if t not in own]
                kept = user_lists(key)
                my_lists = [mine[k] for k in dict.fromkeys(kept) if k in mine] if kept else []
                text = clean_note(note(key))
            else:
                my_lists, text = [], ""
            page = links[i]
            if arxiv:
                url: str | None = abs_url(arxiv)
            else:
                url = next((u for _label, u in page if is_web_url(u)), None)
            occurrences = repeats.get(key) or (first_index[key],)  # (catalog.lists_of)
            rec = {
                "id": key,
                "arxiv": arxiv,
                "title": titles[i],
                "list": list_title,
                "section": section_titles[section_of[i]],
                "lists": [place_of[list_of[j]][section_of[j]] for j in occurrences],
                "tags": own,
                "my_lists": my_lists,
                "note": text,
                "url": url,
                "links": [{"label": label, "url": u} for label, u in page],
                "summary": summaries[i],
                "related": [{"title": t, "arxiv": a} for t, a in related[i]],
                "read": key in read,
                "starred": key in starred,
            }
            rec.update(metadata_fields(clean_record(meta(arxiv))) if arxiv else NO_METADATA)
            yield rec


NO_METADATA = {"metadata": None}  # (metadata_fields of a paper never fetched)


def _arrivals() -> dict[str, float]:
    where = paths.feeds_dir()
    if not where.is_dir():
        return {}  # (no feeds: not even feeds.py's import on the way to the first screen)
    from .feeds import arrivals

    return arrivals(where)


META_FIELDS = ("authors", "abstract", "published", "updated", "primary_category", "categories", "comment", "journal_ref", "doi", "fetched_at")


def metadata_fields(meta: dict[str, Any] | None) -> dict[str, Any]:
    """The arXiv API fields for JSON output (``metadata`` is None when never fetched)."""
    if not meta:
        return {"metadata": None}
    return {"metadata": {k: meta.get(k) for k in META_FIELDS}}


SORT_MODES = ("list", "date", "title", "changed", "stars", "cited")
SORT_LABELS = {"list": "list order", "date": "arXiv date", "title": "title", "changed": "recently changed",
               "stars": "relevance to my stars",  # the similarity index ranks them (similar.py, the TUI)
               "cited": "most cited"}  # Semantic Scholar counts (citations.py); never fetched: last


_MONTH_KEYS: dict[str, str] = {}  # an id's month part ("2405", "hep-th/9901") -> "YYYYMM" (see _date_key)


def _date_key(arxiv: str | None) -> str:
    """A key whose order is the ids' date order: ``YYYYMM`` by :func:`arxiv_ids.year_month`
    (the one rule for an id's year), then, for new-style ids, the number within the month
    (``2405.11157`` -> ``202405.11157``); "" for no id (last when newest come first).
    ``year_month`` runs once per month part (the catalog's ids are valid ids: a sort of 100k
    papers would otherwise spend ~0.5 s in it)."""
    if not arxiv:
        return ""
    cut = arxiv.find("/") + 5 if "/" in arxiv else 4
    month = _MONTH_KEYS.get(arxiv[:cut])
    if month is None:
        when = year_month(arxiv)
        if when is None:
            return ""
        month = _MONTH_KEYS[arxiv[:cut]] = f"{when[0]:04d}{when[1]:02d}"
    return month if cut > 4 else month + arxiv[4:]


def _loaded_numpy():
    """NumPy if something has imported it already (the app's chores do, after the first
    screen), else None: not worth its import on the way to the first screen."""
    return sys.modules.get("numpy")


class History:
    """Undo and redo for state changes: each step remembers the fields it overwrote
    (an undo remembers the ones it overwrote in turn: what a redo sets again)."""

    def __init__(self, store: Store, limit: int = 200) -> None:
        self.store = store
        self.limit = limit
        self._steps: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = []
        self._undone: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = []  # for redo, last undone last

    def change(self, label: str, changes: dict[str, dict[str, Any]]) -> None:
        """Apply ``{key: {field: value}}`` as one undoable step (a new change ends what
        could be redone)."""
        before = self.store.values_before(changes)
        self.store.update_many(changes)
        if before:
            self._steps.append((label, before))
            del self._steps[: -self.limit]
            self._undone.clear()

    def redo_fields(self) -> set[str]:
        """The fields the next redo would set."""
        return {name for _key, fields in self._undone[-1][1] for name in fields} if self._undone else set()

    def redo_keys(self) -> list[str]:
        """The papers the next redo would touch (empty when there is nothing to redo)."""
        return [key for key, _ in self._undone[-1][1]] if self._undone else []

    def redo(self) -> tuple[str, list[str]] | None:
        """Apply the last undone step again; returns its label and the keys it touched."""
        if not self._undone:
            return None
        label, values = self._undone.pop()
        changes = dict(values)
        self._steps.append((label, self.store.values_before(changes)))
        self.store.update_many(changes)
        return label, [key for key, _ in values]

    def last_fields(self) -> set[str]:
        """The fields the next undo would set."""
        return {name for _key, fields in self._steps[-1][1] for name in fields} if self._steps else set()

    def last_keys(self) -> list[str]:
        """The papers the next undo would touch (empty when there is nothing to undo)."""
        return [key for key, _ in self._steps[-1][1]] if self._steps else []

    def undo(self) -> tuple[str, list[str]] | None:
        """Revert the last step; returns its label and the keys it touched."""
        if not self._steps:
            return None
        label, before = self._steps.pop()
        changes = dict(before)
        self._undone.append((label, self.store.values_before(changes)))
        del self._undone[: -self.limit]
        self.store.update_many(changes)
        return label, [key for key, _ in before]


def extra_index(keys: Sequence[str], extra: Iterable[Category]) -> dict[str, list[str]]:
    """Paper key -> the ids of the categories in ``extra`` holding it (``Tally.extra_of``)."""
    out: dict[str, list[str]] = {}
    for c in extra:
        cid = c.id
        for i in c.indices:
            out.setdefault(keys[i], []).append(cid)
    return out


@dataclass(slots=True)
class Count:
    read: int
    total: int


class Tally:
    """Read/total per category, kept up to date incrementally.

    Built from the read marks alone (not from every paper), and a toggle touches
    only the categories that hold the paper, so marking costs the same at 30
    papers or 100k.
    """

    def __init__(self, lib: Library, extra: Sequence[Category] = (), extra_of: dict[str, list[str]] | None = None) -> None:
        """``extra``: categories the library does not know (the TUI's saved searches); their
        papers are found by key (``extra_of``: :func:`extra_index` of them, worked out here
        when not given), and :meth:`set_extra` replaces them."""
        self.lib = lib
        catalog = lib.catalog
        self.categories = lib.categories() + list(extra)
        self.by_id = {c.id: c for c in self.categories}
        self.counts: dict[str, Count] = {c.id: Count(0, len(c.indices)) for c in self.categories}
        self.all = Count(0, len(catalog.unique))
        self.starred = 0
        self._size = sum(len(c.indices) for c in self.categories) + len(catalog.unique)
        self._arrays: dict | None = None  # see _positions
        # paper key -> the extra categories holding it
        self.extra_of: dict[str, list[str]] = extra_index(catalog.keys, extra) if extra_of is None else extra_of
        self.pending: set[str] = set()  # extra categories whose papers are not known yet (shown as …)
        self.recount()

    def set_extra(self, extra: Sequence[Category], reads: dict[str, int], extra_of: dict[str, list[str]]) -> None:
        """Replace the extra categories by ``extra``, all of them, with the same ids (saved
        searches run again); ``reads`` (each one's read papers) and ``extra_of`` (their
        :func:`extra_index`) are worked out where they ran (a worker: ~0.1 s at 100k papers)."""
        at = {c.id: n for n, c in enumerate(self.categories)}
        for c in extra:
            if c.id in at:
                self.categories[at[c.id]] = c
                self.by_id[c.id] = c
                self.counts[c.id] = Count(reads.get(c.id, 0), len(c.indices))
        self.extra_of = extra_of
        self._size = sum(len(c.indices) for c in self.categories) + len(self.lib.catalog.unique)
        self._arrays = None

    def _ids(self, key: str) -> list[str]:
        ids = self.lib.category_ids(key)
        extra = self.extra_of.get(key)
        return ids + extra if extra else ids

    def recount(self) -> None:
        """Work out every read count again from the marks (for a new tree, or changes
        to many papers at once). A category's papers are unique by key."""
        lib = self.lib
        catalog, store = lib.catalog, lib.store
        read = set(store.read_keys())  # a copy: a worker may add to the live set
        counts = self.counts
        if len(read) * RECOUNT_BY_KEY < self._size:
            # Few read papers: add each to the categories that hold it.
            for count in counts.values():
                count.read = 0
            total = 0
            for key in read:
                if key in catalog:
                    total += 1
                    for cid in self._ids(key):
                        counts[cid].read += 1
            self.all.read = total
        elif (np := _loaded_numpy()) is not None:
            # Many (a bulk mark at 100k): a read flag per catalog index, then each
            # category's count of them: ~20 ms, against ~150 ms paper by paper.
            flags = np.fromiter(map(read.__contains__, catalog.keys), bool, count=len(catalog.keys))
            positions = self._positions()
            for c in self.categories:
                counts[c.id].read = int(np.count_nonzero(flags[positions[c.id]]))
            self.all.read = int(np.count_nonzero(flags[positions[None]]))
        else:
            # Many, before NumPy is loaded: count each category's read papers, in C.
            is_read, keys = read.__contains__, catalog.keys.__getitem__
            for c in self.categories:
                counts[c.id].read = sum(map(is_read, map(keys, c.indices)))
            self.all.read = sum(map(is_read, map(keys, catalog.unique)))
        self.starred = sum(1 for key in list(store.starred_keys()) if key in catalog)

    def _positions(self) -> dict:
        """Each category's catalog indices as a NumPy array (None: every paper once)."""
        if self._arrays is None:
            np = _loaded_numpy()
            arrays: dict[str | None, Any] = {c.id: np.asarray(c.indices, np.intp) for c in self.categories}
            arrays[None] = np.asarray(self.lib.catalog.unique, np.intp)
            self._arrays = arrays
        return self._arrays

    @property
    def unread(self) -> int:
        return self.all.total - self.all.read

    def read_changed(self, key: str, now_read: bool) -> list[str]:
        """Apply one paper's read flip; returns the ids of the categories that changed."""
        if key not in self.lib.catalog:
            return []
        delta = 1 if now_read else -1
        self.all.read += delta
        ids = self._ids(key)
        for cid in ids:
            self.counts[cid].read += delta
        return ids

    def star_changed(self, key: str, now_starred: bool) -> None:
        if key in self.lib.catalog:
            self.starred += 1 if now_starred else -1
