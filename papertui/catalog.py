"""Load and validate reading-list files (format v1) into an immutable catalog.

A reading-list file is JSON::

    {"title": str, "source"?: str, "date"?: str,
     "sections": [{"title": str, "papers": [paper, ...]}, ...]}

    paper = {"arxiv": "2405.11157" | null, "title": str, "summary"?: str,
             "tags"?: [str], "links"?: [{"label": str, "url": str}],
             "authors"?: [str], "related"?: [{"title": str, "arxiv": str | null}]}

Unknown keys are kept in the file and ignored here. A file that breaks the
format is rejected whole with one line naming the file and the JSON path; the
other files still load.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import orjson

from .model import (
    Link,
    Paper,
    ReadingList,
    Related,
    Section,
    clean_block,
    clean_line,
    normalize_arxiv,
    paper_key,
)

FORMAT_VERSION = 1


class ListFileError(Exception):
    """A reading-list file that cannot be used. ``str()`` is the one-line message."""

    def __init__(self, path: str, where: str, problem: str) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        place = f"{where}: " if where else ""
        super().__init__(f"{path}: {place}{problem}")


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


class _Validator:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> ListFileError:
        return ListFileError(self.path, where, problem)

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, found {_type_name(value)}")
        return value

    def text(self, parent: dict, key: str, where: str, *, required: bool, allow_empty=False) -> str | None:
        place = f"{where}.{key}" if where else key
        if key not in parent or parent[key] is None:
            if required:
                raise self.fail(where, f"{key} missing")
            return None
        value = parent[key]
        if not isinstance(value, str):
            raise self.fail(place, f"expected a string, found {_type_name(value)}")
        if required and not allow_empty and not value.strip():
            raise self.fail(place, "is empty")
        return value

    def array(self, parent: dict, key: str, where: str, *, required: bool) -> list:
        place = f"{where}.{key}" if where else key
        if key not in parent or parent[key] is None:
            if required:
                raise self.fail(where, f"{key} missing")
            return []
        value = parent[key]
        if not isinstance(value, list):
            raise self.fail(place, f"expected an array, found {_type_name(value)}")
        return value


@dataclass(slots=True)
class RawPaper:
    arxiv: str | None
    title: str
    summary: str
    tags: tuple[str, ...]
    links: tuple[Link, ...]
    authors: tuple[str, ...]
    related: tuple[Related, ...]


@dataclass(slots=True)
class RawList:
    title: str
    source: str | None
    date: str | None
    sections: list[tuple[str, list[RawPaper]]]


def parse_list(data: Any, path: str) -> RawList:
    """Validate decoded JSON against format v1. Raises :class:`ListFileError`."""
    v = _Validator(path)
    root = v.obj(data, "")
    title = clean_line(v.text(root, "title", "", required=True))
    source = v.text(root, "source", "", required=False)
    date = v.text(root, "date", "", required=False)
    sections: list[tuple[str, list[RawPaper]]] = []
    for si, sec in enumerate(v.array(root, "sections", "", required=True)):
        where = f"sections[{si}]"
        sec = v.obj(sec, where)
        sec_title = clean_line(v.text(sec, "title", where, required=True))
        papers: list[RawPaper] = []
        for pi, p in enumerate(v.array(sec, "papers", where, required=True)):
            papers.append(_parse_paper(v, p, f"{where}.papers[{pi}]"))
        sections.append((sec_title, papers))
    return RawList(
        title=title,
        source=clean_line(source) if source else None,
        date=clean_line(date) if date else None,
        sections=sections,
    )


def _parse_paper(v: _Validator, p: Any, where: str) -> RawPaper:
    p = v.obj(p, where)
    if "arxiv" in p and p["arxiv"] is not None and not isinstance(p["arxiv"], str):
        raise v.fail(f"{where}.arxiv", f"expected a string or null, found {_type_name(p['arxiv'])}")
    raw_id = p.get("arxiv")
    arxiv = normalize_arxiv(raw_id) if raw_id else None
    if raw_id and raw_id.strip() and arxiv is None:
        raise v.fail(f"{where}.arxiv", f"not an arXiv id: {clean_line(raw_id)[:40]!r}")
    title = clean_line(v.text(p, "title", where, required=True))
    if not title:
        raise v.fail(f"{where}.title", "is empty")
    summary = clean_block(v.text(p, "summary", where, required=False) or "")
    tags = []
    for ti, tag in enumerate(v.array(p, "tags", where, required=False)):
        if not isinstance(tag, str):
            raise v.fail(f"{where}.tags[{ti}]", f"expected a string, found {_type_name(tag)}")
        tag = clean_line(tag).lower()
        if tag and tag not in tags:
            tags.append(tag)
    links = []
    for li, link in enumerate(v.array(p, "links", where, required=False)):
        lw = f"{where}.links[{li}]"
        link = v.obj(link, lw)
        url = clean_line(v.text(link, "url", lw, required=True))
        label = clean_line(v.text(link, "label", lw, required=False) or "") or "link"
        links.append(Link(label=label, url=url))
    authors = []
    for ai, author in enumerate(v.array(p, "authors", where, required=False)):
        if not isinstance(author, str):
            raise v.fail(f"{where}.authors[{ai}]", f"expected a string, found {_type_name(author)}")
        authors.append(clean_line(author))
    related = []
    for ri, rel in enumerate(v.array(p, "related", where, required=False)):
        rw = f"{where}.related[{ri}]"
        rel = v.obj(rel, rw)
        rtitle = clean_line(v.text(rel, "title", rw, required=True))
        rid_raw = rel.get("arxiv")
        if rid_raw is not None and not isinstance(rid_raw, str):
            raise v.fail(f"{rw}.arxiv", f"expected a string or null, found {_type_name(rid_raw)}")
        rid = normalize_arxiv(rid_raw) if rid_raw else None
        if rid_raw and rid_raw.strip() and rid is None:
            raise v.fail(f"{rw}.arxiv", f"not an arXiv id: {clean_line(rid_raw)[:40]!r}")
        related.append(Related(title=rtitle, arxiv=rid))
    return RawPaper(
        arxiv=arxiv,
        title=title,
        summary=summary,
        tags=tuple(tags),
        links=tuple(links),
        authors=tuple(authors),
        related=tuple(related),
    )


def read_list_file(path: str | os.PathLike) -> RawList:
    """Read and validate one file. Raises :class:`ListFileError` with a one-line message."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ListFileError(name, "", "no such file") from None
    except IsADirectoryError:
        raise ListFileError(name, "", "is a directory, not a reading-list file") from None
    except PermissionError:
        raise ListFileError(name, "", "permission denied") from None
    except OSError as exc:
        raise ListFileError(name, "", f"cannot read ({exc.strerror or exc})") from None
    try:
        decoded = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ListFileError(name, "", f"not valid JSON ({_json_error_place(data, exc)})") from None
    return parse_list(decoded, name)


def _json_error_place(data: bytes, exc: orjson.JSONDecodeError) -> str:
    msg = str(exc.args[0]) if exc.args else "invalid JSON"
    pos = getattr(exc, "pos", None)
    if isinstance(pos, int) and pos >= 0:
        line = data.count(b"\n", 0, pos) + 1
        col = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
        return f"{msg.split(':')[0]} at line {line}, column {col}"
    return msg


@dataclass(slots=True)
class Category:
    """A node of the category tree: a fixed set of papers (unique by key)."""

    id: str
    kind: str  # "list" | "section" | "tag"
    label: str
    indices: list[int]


@dataclass
class Catalog:
    """All papers of all loaded lists. Built once; the UI never mutates it."""

    papers: list[Paper] = field(default_factory=list)
    lists: list[ReadingList] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unique: list[int] = field(default_factory=list)
    occurrences: dict[str, list[int]] = field(default_factory=dict)
    tags: dict[str, list[int]] = field(default_factory=dict)

    def add_list(self, raw: RawList, path: str, *, bundled: bool = False) -> ReadingList:
        li = len(self.lists)
        sections = []
        for si, (sec_title, raw_papers) in enumerate(raw.sections):
            indices = []
            for rp in raw_papers:
                index = len(self.papers)
                key = paper_key(rp.arxiv, rp.title)
                self.papers.append(
                    Paper(
                        key=key,
                        arxiv=rp.arxiv,
                        title=rp.title,
                        summary=rp.summary,
                        tags=rp.tags,
                        links=rp.links,
                        authors=rp.authors,
                        related=rp.related,
                        list_index=li,
                        section_index=si,
                        list_title=raw.title,
                        section_title=sec_title,
                    )
                )
                occ = self.occurrences.get(key)
                if occ is None:
                    self.occurrences[key] = [index]
                    self.unique.append(index)
                    for tag in rp.tags:
                        self.tags.setdefault(tag, []).append(index)
                else:
                    occ.append(index)
                indices.append(index)
            sections.append(Section(title=sec_title, papers=indices))
        rl = ReadingList(
            title=raw.title, path=path, source=raw.source, date=raw.date, sections=sections, bundled=bundled
        )
        self.lists.append(rl)
        return rl

    def first(self, key: str) -> Paper | None:
        occ = self.occurrences.get(key)
        return self.papers[occ[0]] if occ else None

    def lists_of(self, key: str) -> list[str]:
        """Titles of the lists and sections a paper appears in ("List › Section")."""
        return [f"{self.papers[i].list_title} › {self.papers[i].section_title}" for i in self.occurrences.get(key, [])]

    def categories(self) -> list[Category]:
        """Lists, their sections and tags, each a unique-by-key index array."""
        cats: list[Category] = []
        for li, rl in enumerate(self.lists):
            cats.append(Category(f"list:{li}", "list", rl.title, _unique_by_key(self.papers, rl.papers)))
            for si, sec in enumerate(rl.sections):
                cats.append(
                    Category(f"section:{li}:{si}", "section", sec.title, _unique_by_key(self.papers, sec.papers))
                )
        for tag in sorted(self.tags):
            cats.append(Category(f"tag:{tag}", "tag", tag, list(self.tags[tag])))
        return cats

    def find(self, text: str) -> list[int]:
        """Unique papers whose list, section or tag matches ``text`` (for ``--category``)."""
        needle = text.strip().casefold()
        out = []
        for i in self.unique:
            key = self.papers[i].key
            for j in self.occurrences[key]:
                p = self.papers[j]
                if (
                    needle in p.list_title.casefold()
                    or needle in p.section_title.casefold()
                    or needle in (t.casefold() for t in p.tags)
                ):
                    out.append(i)
                    break
        return out

    def resolve(self, ref: str) -> str | None:
        """The paper key for an arXiv id, URL or key, or None."""
        ref = ref.strip()
        if ref in self.occurrences:
            return ref
        arxiv = normalize_arxiv(ref)
        if arxiv and arxiv in self.occurrences:
            return arxiv
        return None


def _unique_by_key(papers: list[Paper], indices: Iterable[int]) -> list[int]:
    seen: set[str] = set()
    out = []
    for i in indices:
        k = papers[i].key
        if k not in seen:
            seen.add(k)
            out.append(i)
    return out


def list_files_in(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() == ".json" and p.is_file())


def load_catalog(
    bundled: Iterable[Path] = (),
    user: Iterable[Path] = (),
) -> Catalog:
    """Load bundled lists, then the user's. Bad files are reported in ``errors``."""
    cat = Catalog()
    for paths, is_bundled in ((bundled, True), (user, False)):
        for path in paths:
            try:
                raw = read_list_file(path)
            except ListFileError as exc:
                cat.errors.append(str(exc))
                continue
            cat.add_list(raw, str(path), bundled=is_bundled)
    return cat
