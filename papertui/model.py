"""Papers, reading lists and paper identity.

Plain Python: no Textual import. Text from outside is cleaned by :mod:`papertui.textsafe`
(``clean_line`` / ``clean_block`` are imported here too, for the importers).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from . import arxiv_ids, tags
from .textsafe import clean_block, clean_line  # noqa: F401  (the importers take them from here)

_NEW_ID = arxiv_ids.NEW_ID  # (catalog.py checks a column of ids at once with it)


# arXiv ids have one owner, ``arxiv_ids``; these names stay for the modules that use them.
is_plain_arxiv_id = arxiv_ids.is_plain
normalize_arxiv = arxiv_ids.normalize


# An id's year and month: ``arxiv_ids`` owns the rule (exporters call it by this name).
arxiv_year_month = arxiv_ids.year_month

# Tags have one owner, ``tags``; ``parse_tags`` stays importable from here.
parse_tags = tags.parse_tags


def abs_url(arxiv: str) -> str:
    return f"https://arxiv.org/abs/{arxiv}"


def count(n: int, noun: str) -> str:
    """``1 paper``, ``2 papers``, ``1,200 sections``: every count papertui prints."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def title_key(title: str) -> str:
    """A stable key for a paper without an arXiv id, from its title."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    folded = re.sub(r"[\W_]+", " ", folded).strip()
    return "t-" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12]


def paper_key(arxiv: str | None, title: str) -> str:
    """State is keyed by this: the arXiv id, else a hash of the title."""
    return arxiv if arxiv else title_key(title)


def is_web_url(url: str) -> bool:
    low = url.strip().lower()
    return (low.startswith("https://") or low.startswith("http://")) and len(low) > 8


class Link(NamedTuple):
    label: str
    url: str


class Related(NamedTuple):
    title: str
    arxiv: str | None


@dataclass(slots=True)
class Paper:
    """One paper as it stands in one section of one reading list.

    ``key`` identifies the paper across lists: two occurrences with the same key
    share read/starred state.
    """

    key: str
    arxiv: str | None
    title: str
    summary: str
    tags: tuple[str, ...]
    links: tuple[Link, ...]
    authors: tuple[str, ...]
    related: tuple[Related, ...]
    list_index: int
    section_index: int
    list_title: str
    section_title: str
    # Lower-cased text used by search; built lazily.
    _haystack: str | None = field(default=None, repr=False, compare=False)

    @property
    def url(self) -> str | None:
        """The arXiv abs link, else the first web link."""
        if self.arxiv:
            return abs_url(self.arxiv)
        for link in self.links:
            if is_web_url(link.url):
                return link.url
        return None

    @property
    def year(self) -> int | None:
        """Year of submission from the arXiv id (2405.x -> 2024, hep-th/99x -> 1999)."""
        return arxiv_ids.year(self.arxiv)


@dataclass(slots=True)
class Section:
    title: str
    papers: list[int]  # indices into Catalog.papers


@dataclass(slots=True)
class ReadingList:
    title: str
    path: str
    source: str | None
    date: str | None
    sections: list[Section]
    bundled: bool = False

    @property
    def papers(self) -> list[int]:
        return [i for s in self.sections for i in s.papers]
