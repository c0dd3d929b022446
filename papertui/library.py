"""The catalog and the store together: what both the CLI and the TUI work on.

No Textual import here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from itertools import compress
from operator import not_
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import paths
from .catalog import Catalog, list_files_in, load_catalog
from .model import Paper
from .store import Store


@dataclass
class Library:
    catalog: Catalog
    store: Store
    messages: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, db: str | os.PathLike | None = None, extra_lists: Sequence[str | os.PathLike] = ()) -> "Library":
        """Load bundled + user + extra lists and open the state file.

        Problems that do not stop papertui (a bad list file, a state file moved
        aside) are collected in ``messages``; :class:`papertui.store.StateError`
        is raised only when the state cannot be used at all.
        """
        user = list_files_in(paths.user_lists_dir()) + [Path(p) for p in extra_lists]
        catalog = load_catalog(paths.bundled_list_files(), user, cache_dir=paths.cache_dir())
        store = Store.open(Path(db) if db else paths.state_path())
        return cls(catalog=catalog, store=store, messages=[*catalog.errors, *store.warnings])

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
        out = list(indices)
        keys = self.catalog.keys.__getitem__
        for wanted, marked in ((read, self.store.read_keys()), (starred, self.store.starred_keys())):
            if wanted is None:
                continue
            hits = map(marked.__contains__, map(keys, out))  # C-level: no Python per paper
            out = list(compress(out, hits if wanted else map(not_, hits)))
        return out

    def count_read(self, indices: Iterable[int]) -> int:
        return sum(map(self.store.read_keys().__contains__, map(self.catalog.keys.__getitem__, indices)))

    def record(self, index: int) -> dict[str, Any]:
        """The JSON object for one paper (``list --json`` and friends)."""
        p: Paper = self.catalog.papers[index]
        return {
            "id": p.key,
            "arxiv": p.arxiv,
            "title": p.title,
            "list": p.list_title,
            "section": p.section_title,
            "lists": self.catalog.lists_of(p.key),
            "tags": list(p.tags),
            "url": p.url,
            "links": [{"label": link.label, "url": link.url} for link in p.links],
            "summary": p.summary,
            "related": [{"title": r.title, "arxiv": r.arxiv} for r in p.related],
            "read": self.store.is_read(p.key),
            "starred": self.store.is_starred(p.key),
        }


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

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        catalog = lib.catalog
        self.categories = catalog.categories()
        self.by_id = {c.id: c for c in self.categories}
        self.counts: dict[str, Count] = {c.id: Count(0, len(c.indices)) for c in self.categories}
        read = 0
        for key in list(lib.store.read_keys()):  # a copy: a worker may add to the live set
            if key in catalog:
                read += 1
                for cid in catalog.category_ids(key):
                    self.counts[cid].read += 1
        self.all = Count(read, len(catalog.unique))
        self.starred = sum(1 for key in list(lib.store.starred_keys()) if key in catalog)

    @property
    def unread(self) -> int:
        return self.all.total - self.all.read

    def read_changed(self, key: str, now_read: bool) -> list[str]:
        """Apply one paper's read flip; returns the ids of the categories that changed."""
        if key not in self.lib.catalog:
            return []
        delta = 1 if now_read else -1
        self.all.read += delta
        ids = self.lib.catalog.category_ids(key)
        for cid in ids:
            self.counts[cid].read += delta
        return ids

    def star_changed(self, key: str, now_starred: bool) -> None:
        if key in self.lib.catalog:
            self.starred += 1 if now_starred else -1
