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

from .textsafe import clean_block, clean_line  # noqa: F401  (the importers take them from here)

# Old style (0704.0001, hep-th/9901001) and new style (2405.11157, 2405.11157v2) ids.
_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z][a-z.\-]*/\d{7}"
ARXIV_ID_RE = re.compile(rf"^(?:{_NEW_ID}|{_OLD_ID})(?:v\d+)?$", re.IGNORECASE)
_PLAIN_NEW_ID_RE = re.compile(_NEW_ID)
_ARXIV_IN_TEXT_RE = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf|html)/|arxiv:\s*)?(?P<id>{_NEW_ID}|{_OLD_ID})(?:v\d+)?(?:\.pdf)?",
    re.IGNORECASE,
)


def is_plain_arxiv_id(value: str) -> bool:
    """``2405.11157``: a new-style id with no version, already normalized."""
    return _PLAIN_NEW_ID_RE.fullmatch(value) is not None


def normalize_arxiv(value: object) -> str | None:
    """Return the bare arXiv id (no version) in ``value``, or None.

    Accepts ``2405.11157``, ``2405.11157v2``, ``arXiv:2405.11157`` and abs/pdf URLs.
    """
    if not isinstance(value, str):
        return None
    if _PLAIN_NEW_ID_RE.fullmatch(value):
        return value
    s = value.strip()
    if not s:
        return None
    if ARXIV_ID_RE.match(s):
        return re.sub(r"v\d+$", "", s, flags=re.IGNORECASE).lower()
    m = _ARXIV_IN_TEXT_RE.search(s)
    if m and ("arxiv" in s.lower() or m.group(0) == s):
        return m.group("id").lower()
    return None


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


def parse_tags(value: str) -> list[str]:
    """``"KV cache, peft,, peft"`` -> ``["kv-cache", "peft"]``: lower-case, kebab, unique."""
    out: list[str] = []
    for part in value.split(","):
        tag = "-".join(clean_line(part).lower().split())
        if tag and tag not in out:
            out.append(tag)
    return out


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
        """Year of submission from a new-style arXiv id (2405.x -> 2024)."""
        if self.arxiv and self.arxiv[:4].isdigit() and "." in self.arxiv:
            return 2000 + int(self.arxiv[:2])
        return None


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
