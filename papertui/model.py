"""Papers, reading lists and paper identity.

Plain Python: no Textual import. Everything that reaches the screen from a list
file passes through :func:`clean_line` / :func:`clean_block` first, so control
characters, escape sequences and bidi overrides never reach the terminal.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from . import arxiv_ids

_NEW_ID = arxiv_ids.NEW_ID  # (catalog.py checks a column of ids at once with it)

# C0/C1 control characters (except \n, handled separately), DEL, bidi embeddings,
# overrides and isolates, zero-width characters and the BOM.
_INVISIBLE = {c for c in range(0x00, 0x20)} | {0x7F} | set(range(0x80, 0xA0))
_INVISIBLE |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
_INVISIBLE |= {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C}
_STRIP_TABLE = {c: None for c in _INVISIBLE}
_STRIP_TABLE[0x09] = " "  # a tab is a space
_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_SPACES_RE = re.compile(r"[ \u3000]{2,}")


def clean_line(text: object) -> str:
    """One line of display text: escapes and controls removed, white space folded."""
    s = str(text) if text is not None else ""
    if s.isprintable() and "  " not in s:  # the common case, checked in C
        return s.strip()
    if "\x1b" in s:
        s = _ANSI_RE.sub("", s)
    s = s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    s = s.translate(_STRIP_TABLE)
    return _SPACES_RE.sub(" ", s).strip()


def clean_block(text: object) -> str:
    """Multi-line display text: like :func:`clean_line` but keeps line breaks."""
    s = str(text) if text is not None else ""
    if "\x1b" in s:
        s = _ANSI_RE.sub("", s)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() if line.isprintable() else line.translate(_STRIP_TABLE).rstrip() for line in s.split("\n")]
    out = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out)


# arXiv ids have one owner, ``arxiv_ids``; these names stay for the modules that use them.
is_plain_arxiv_id = arxiv_ids.is_plain
normalize_arxiv = arxiv_ids.normalize


def abs_url(arxiv: str) -> str:
    return f"https://arxiv.org/abs/{arxiv}"


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
