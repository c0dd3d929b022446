"""Turn what people read into reading lists (no Textual import).

``import_text(text)`` recognises, by content:

1. our own reading-list JSON;
2. BibTeX (arXiv entries via ``eprint`` / ``url``);
3. arXiv listing e-mails (``arXiv:ID`` / ``Title:`` / ``Authors:`` blocks);
4. plain lists of arXiv ids or URLs, one per line;
5. paper-digest articles in Chinese or English (numbered items, section headings,
   arXiv links) — everything else.

Each gives an :class:`Imported` list: a title and sections of papers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from ..atomic import atomic_write_bytes
from ..model import abs_url


class ImportError_(Exception):
    """Input that cannot be imported; ``str()`` is one line for the user."""


@dataclass
class ImportedPaper:
    title: str
    arxiv: str | None = None
    summary: str = ""
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[tuple[str, str | None]] = field(default_factory=list)

    def to_json(self) -> dict:
        doc: dict = {"arxiv": self.arxiv, "title": self.title, "summary": self.summary, "tags": self.tags}
        if self.arxiv:
            doc["links"] = [{"label": "arXiv", "url": abs_url(self.arxiv)}]
        if self.authors:
            doc["authors"] = self.authors
        if self.related:
            doc["related"] = [{"title": t, "arxiv": a} for t, a in self.related]
        return doc


@dataclass
class Imported:
    kind: str  # "json" | "bibtex" | "email" | "ids" | "digest"
    title: str | None
    sections: list[tuple[str, list[ImportedPaper]]]
    source: str | None = None
    date: str | None = None

    @property
    def papers(self) -> list[tuple[str, ImportedPaper]]:
        return [(name, p) for name, papers in self.sections for p in papers]

    def to_list_json(self, title: str) -> dict:
        doc: dict = {"format": 1, "title": title}
        if self.source:
            doc["source"] = self.source
        if self.date:
            doc["date"] = self.date
        doc["sections"] = [{"title": name, "papers": [p.to_json() for p in papers]} for name, papers in self.sections]
        return doc


def import_text(text: str) -> Imported:
    """Recognise and parse ``text``. Raises :class:`ImportError_` when it holds no papers."""
    from . import digest, simple

    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise ImportError_("the input is empty")
    if stripped[0] == "{":
        return simple.parse_json(stripped)
    if re.search(r"^\s*@\w+\s*\{", stripped, re.MULTILINE):
        result = simple.parse_bibtex(stripped)
    elif simple.EMAIL_ID_RE.search(stripped) and re.search(r"^Title:", stripped, re.MULTILINE):
        result = simple.parse_arxiv_email(stripped)
    else:
        result = simple.parse_id_list(stripped) or digest.parse_digest(stripped)
    if not result.papers:
        raise ImportError_("found no papers in it (no arXiv ids, BibTeX entries or numbered items)")
    return result


def slug(name: str) -> str:
    s = re.sub(r"[^\w\-]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-")
    return s[:60] or "imported"


def save_import(imported: Imported, name: str, lists_dir: Path) -> Path:
    """Write (or update: same name, same file) the list in the user's lists dir."""
    path = lists_dir / f"{slug(name)}.json"
    doc = imported.to_list_json(name)
    atomic_write_bytes(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return path


MY_PAPERS = "My papers"


def add_to_my_papers(records: dict[str, dict], lists_dir: Path) -> Path:
    """Append fetched papers (arXiv API records) to the user's "My papers" list."""
    path = lists_dir / f"{slug(MY_PAPERS)}.json"
    try:
        doc = orjson.loads(path.read_bytes())
        papers = doc["sections"][0]["papers"]
    except FileNotFoundError:
        doc = {"format": 1, "title": MY_PAPERS, "sections": [{"title": "Added", "papers": []}]}
        papers = doc["sections"][0]["papers"]
    except (orjson.JSONDecodeError, KeyError, IndexError, TypeError):
        raise ImportError_(f"{path} is not a reading list papertui can add to") from None
    have = {p.get("arxiv") for s in doc["sections"] for p in s.get("papers", [])}
    for arxiv, rec in records.items():
        if arxiv not in have:
            papers.append(
                {
                    "arxiv": arxiv,
                    "title": rec["title"],
                    "summary": rec.get("abstract", ""),
                    "tags": [],
                    "authors": rec.get("authors", []),
                    "links": [{"label": "arXiv", "url": abs_url(arxiv)}],
                }
            )
    atomic_write_bytes(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return path
