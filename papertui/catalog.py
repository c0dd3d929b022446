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

import hashlib
import marshal
import os
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice, repeat
from pathlib import Path
from sys import intern
from typing import Any, NamedTuple

import orjson

from .atomic import atomic_write_bytes
from .errors import PapertuiError
from .model import (
    _NEW_ID,
    Link,
    Paper,
    ReadingList,
    Related,
    Section,
    is_plain_arxiv_id,
    normalize_arxiv,
    paper_key,
)
from .tags import all_normalized, normalize_tag
from .text_column import TextColumn, pack_texts, unpack_texts
from .textsafe import clean_block, clean_line

FORMAT_VERSION = 1


class ListFileError(PapertuiError):
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


class RawPaper(NamedTuple):
    """One validated paper. Links and related papers are plain (label, url) and
    (title, arxiv) tuples here, so a whole list can be cached with marshal."""

    arxiv: str | None
    title: str
    summary: str
    tags: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    authors: tuple[str, ...]
    related: tuple[tuple[str, str | None], ...]


@dataclass(slots=True)
class RawList:
    """A validated list. ``sections`` hold papers as rows (from parsing) or, from the
    cache, as columns: ``(arxivs, titles, summaries, tags, links, authors, related)``."""

    title: str
    source: str | None
    date: str | None
    sections: list[tuple[str, Any]]  # (title, rows: list[RawPaper] | columns: tuple[list, ...])
    columnar: bool = False

    def columns(self) -> list[tuple[str, tuple[list, ...]]]:
        if self.columnar:
            return self.sections
        return [(t, _to_columns(papers)) for t, papers in self.sections]

    def rows(self) -> list[tuple[str, list[RawPaper]]]:
        if not self.columnar:
            return self.sections
        out = []
        for t, cols in self.sections:
            if isinstance(cols[2], bytes):  # summaries packed (from the cache)
                cols = (*cols[:2], unpack_texts(cols[2]) if cols[1] else [], *cols[3:])
            out.append((t, [_new_raw(RawPaper, values) for values in zip(*cols)]))
        return out


def _to_columns(papers: list[RawPaper]) -> tuple[list, ...]:
    if not papers:
        return tuple([] for _ in RawPaper._fields)
    return tuple(map(list, zip(*papers)))


def parse_list(data: Any, path: str) -> RawList:
    """Validate decoded JSON against format v1. Raises :class:`ListFileError`."""
    v = _Validator(path)
    root = v.obj(data, "")
    title = clean_line(v.text(root, "title", "", required=True))
    source = v.text(root, "source", "", required=False)
    date = v.text(root, "date", "", required=False)
    sections: list[tuple[str, tuple[list, ...]]] = []
    for si, sec in enumerate(v.array(root, "sections", "", required=True)):
        where = f"sections[{si}]"
        sec = v.obj(sec, where)
        sec_title = clean_line(v.text(sec, "title", where, required=True))
        papers = v.array(sec, "papers", where, required=True)
        # Most sections hold only well-formed papers: check them column by column at
        # C speed; otherwise paper by paper, where the thorough path finds (and names)
        # whatever is wrong, and cleans what can be cleaned.
        cols = _fast_columns(papers)
        if cols is None:
            rows = [_fast_paper(p) or _parse_paper(v, p, f"{where}.papers[{pi}]") for pi, p in enumerate(papers)]
            cols = _to_columns(rows)
        sections.append((sec_title, cols))
    return RawList(
        title=title,
        source=clean_line(source) if source else None,
        date=clean_line(date) if date else None,
        sections=sections,
        columnar=True,
    )


_new_raw = tuple.__new__  # builds a RawPaper without NamedTuple's Python-level __new__


def _plain(s: Any) -> bool:
    """A string that needs no cleaning: printable, no doubled or edge spaces."""
    return type(s) is str and s.isprintable() and "  " not in s and s == s.strip()


def _fast_paper(p: Any) -> RawPaper | None:
    """A well-formed paper with plain text, or None (then :func:`_parse_paper` decides)."""
    if type(p) is not dict:
        return None
    get = p.get
    title = get("title")
    if not title or not _plain(title):
        return None
    arxiv = get("arxiv")
    if arxiv is not None and (type(arxiv) is not str or not is_plain_arxiv_id(arxiv)):
        return None
    summary = get("summary")
    if summary is None:
        summary = ""
    elif type(summary) is not str:
        return None
    elif not summary.isprintable():
        summary = clean_block(summary)  # line breaks are not "printable"; they are fine
    else:
        summary = summary.rstrip()  # as clean_block does for one line
    tags = get("tags")
    if tags is not None and type(tags) is not list:
        return None  # the thorough path names the problem
    if tags:
        for tag in tags:
            if not tag or not _plain(tag) or normalize_tag(tag) != tag:
                return None
        tags = tuple(dict.fromkeys(tags))
    else:
        tags = ()
    links = get("links")
    if links is not None and type(links) is not list:
        return None
    if links:
        out = []
        for link in links:
            if type(link) is not dict:
                return None
            url, label = link.get("url"), link.get("label")
            if not url or not _plain(url) or not label or not _plain(label):
                return None
            out.append((label, url))  # a Link, as a plain tuple (see PaperSeq)
        links = tuple(out)
    else:
        links = ()
    authors = get("authors")
    if authors is not None and type(authors) is not list:
        return None
    if authors:
        if not all(_plain(a) for a in authors):
            return None
        authors = tuple(authors)
    else:
        authors = ()
    related = get("related")
    if related is not None and (type(related) is not list or related):
        return None  # related papers: the thorough path
    return _new_raw(RawPaper, (arxiv, title, summary, tags, links, authors, ()))


_PLAIN_IDS_RE = re.compile(rf"(?:{_NEW_ID}\n)*{_NEW_ID}")


def _plain_column(values: list) -> bool:
    """Every value a non-empty string that needs no cleaning (as :func:`_plain`)."""
    if not values:
        return True
    try:
        joined = "\n".join(values)  # TypeError unless all are strings
    except TypeError:
        return False
    # Printable strings hold no line break, so the joined text shows every edge.
    return (
        all(values)
        and all(map(str.isprintable, values))
        and "  " not in joined
        and "\n " not in joined
        and " \n" not in joined
        and joined[0] != " "
        and joined[-1] != " "
    )


def _lists(values: list) -> list | None:
    """Each value an array (missing or null: ``()``), or None."""
    out = [() if v is None else v for v in values]
    return out if set(map(type, out)) <= {list, tuple} else None


def _fast_columns(papers: list) -> tuple[list, ...] | None:
    """The columns of a section whose papers are all well-formed with plain text, or
    None. The same checks as :func:`_fast_paper`, done per column with C-level
    loops (map, join, one regex over all ids): ~0.45 s for the 100k-paper benchmark
    list, half what the paper-by-paper fast path takes."""
    n = len(papers)
    if not n:
        return _to_columns([])
    if set(map(type, papers)) != {dict}:
        return None
    get = dict.get

    def column(key: str, rows: list = papers) -> list:
        return list(map(get, rows, repeat(key, len(rows))))

    related = column("related")
    if any(related) or not set(map(type, related)) <= {list, type(None)}:
        return None  # related papers: the thorough path
    titles = column("title")
    if not _plain_column(titles):
        return None
    arxivs = column("arxiv")
    ids = [a for a in arxivs if a is not None]
    if ids:
        try:
            joined = "\n".join(ids)
        except TypeError:
            return None
        # is_plain_arxiv_id for each id (as _fast_paper checks), in one regex: an id must not
        # hold a line break itself, or "2405.00001\n2405.00002" would pass as two.
        if joined.count("\n") != len(ids) - 1 or _PLAIN_IDS_RE.fullmatch(joined) is None:
            return None
    summaries = column("summary")
    if None in summaries:
        summaries = ["" if x is None else x for x in summaries]
    try:
        printable = "".join(summaries).isprintable()
    except TypeError:
        return None
    if printable:
        summaries = list(map(str.rstrip, summaries))  # as clean_block does for one line
    else:  # line breaks are not "printable"; they are fine
        summaries = [x.rstrip() if x.isprintable() else clean_block(x) for x in summaries]
    tag_lists = _lists(column("tags"))
    author_lists = _lists(column("authors"))
    link_lists = _lists(column("links"))
    if tag_lists is None or author_lists is None or link_lists is None:
        return None
    flat_tags = list(chain.from_iterable(tag_lists))
    if not _plain_column(flat_tags) or not all_normalized(set(flat_tags)):
        return None
    if not _plain_column(list(chain.from_iterable(author_lists))):
        return None
    flat_links = list(chain.from_iterable(link_lists))
    if flat_links and set(map(type, flat_links)) != {dict}:
        return None
    urls, labels = column("url", flat_links), column("label", flat_links)
    if not _plain_column(urls) or not _plain_column(labels):
        return None
    pairs = iter(zip(map(intern, labels), urls))  # a Link, as a plain tuple (see PaperSeq)
    links = [tuple(islice(pairs, k)) if k else () for k in map(len, link_lists)]
    return (
        arxivs,
        titles,
        summaries,
        # Tags and link labels repeat: one string object each (~20 MB less at 100k
        # papers, also after a cache load, as marshal keeps interned strings shared).
        list(map(tuple, map(partial(map, intern), map(dict.fromkeys, tag_lists)))),
        links,
        list(map(tuple, author_lists)),
        [()] * n,
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
        tag = normalize_tag(tag)
        if tag and tag not in tags:
            tags.append(tag)
    links = []
    for li, link in enumerate(v.array(p, "links", where, required=False)):
        lw = f"{where}.links[{li}]"
        link = v.obj(link, lw)
        url = clean_line(v.text(link, "url", lw, required=True))
        label = clean_line(v.text(link, "label", lw, required=False) or "") or "link"
        links.append((label, url))
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
        related.append((rtitle, rid))
    return RawPaper(
        arxiv=arxiv,
        title=title,
        summary=summary,
        tags=tuple(tags),
        links=tuple(links),
        authors=tuple(authors),
        related=tuple(related),
    )


CACHE_VERSION = 4  # 3: summaries packed as UTF-8 (see TextColumn); 4: tags by papertui.tags
CACHE_MIN_BYTES = 1 << 20  # smaller files parse faster than a cache would load
DEFER_MIN_BYTES = 8 << 20  # without a cache, a file this big takes ~0.15 s or more to read


def _cache_prefix(path: Path) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"list-{digest}-"


def _cache_file(cache_dir: Path, path: Path, stamp: tuple[int, int]) -> Path:
    """The cache for this version of the file: its size and mtime are in the name, so
    whether a current cache exists is one ``stat``."""
    return cache_dir / f"{_cache_prefix(path)}{stamp[0]}-{stamp[1]}.marshal"


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def slow_to_load(path: str | os.PathLike, cache_dir: Path) -> bool:
    """A big list file with no current cache: reading it would hold up a start-up."""
    path = Path(path)
    stamp = _stamp(path)
    return stamp is not None and stamp[0] >= DEFER_MIN_BYTES and not _cache_file(cache_dir, path, stamp).is_file()


def _load_cache(cache_dir: Path, path: Path, stamp: tuple[int, int]) -> RawList | None:
    """A previously validated copy of ``path``, if it is still current."""
    try:
        obj = marshal.loads(_cache_file(cache_dir, path, stamp).read_bytes())
        version, cached_stamp, title, source, date, sections = obj
        if version != CACHE_VERSION or tuple(cached_stamp) != stamp:
            return None
        for _title, cols in sections:
            n = len(cols[1])
            if len(cols) != len(RawPaper._fields) or {len(c) for i, c in enumerate(cols) if i != 2} != {n}:
                return None
            packed = cols[2]
            if type(packed) is not bytes or (packed.count(b"\0") + 1 if n else len(packed)) != n:
                return None
        return RawList(title=title, source=source, date=date, sections=sections, columnar=True)
    except Exception:  # missing, stale, foreign or damaged: parse the file instead
        return None


def _cache_writer(cache_dir: Path, path: Path, stamp: tuple[int, int], raw: RawList) -> Callable[[], None]:
    def write() -> None:
        try:
            sections = [(t, (*cols[:2], pack_texts(cols[2]), *cols[3:])) for t, cols in raw.columns()]
            data = marshal.dumps((CACHE_VERSION, stamp, raw.title, raw.source, raw.date, sections))
            target = _cache_file(cache_dir, path, stamp)
            atomic_write_bytes(target, data)
            for old in cache_dir.glob(f"{_cache_prefix(path).rstrip('-')}*.marshal"):  # earlier versions (and formats)
                if old != target:
                    old.unlink(missing_ok=True)
        except Exception:
            pass  # a cache is an optimisation; never an error for the user

    return write


def read_list_file(
    path: str | os.PathLike, cache_dir: Path | None = None, later: list[Callable[[], None]] | None = None
) -> RawList:
    """Read and validate one file. Raises :class:`ListFileError` with a one-line message.

    With ``cache_dir``, a big file's validated content is cached (keyed by its path,
    size and mtime), so the next start skips JSON decoding and validation. The
    cache write is appended to ``later`` (run it when convenient), else done now.
    """
    name = str(path)
    path = Path(path)
    stamp = None
    if cache_dir is not None:
        stamp = _stamp(path)
        if stamp is not None and stamp[0] < CACHE_MIN_BYTES:
            stamp = None
        if stamp is not None:
            cached = _load_cache(cache_dir, path, stamp)
            if cached is not None:
                return cached
    raw = _read_and_parse(path, name)
    if stamp is not None and cache_dir is not None:
        writer = _cache_writer(cache_dir, path, stamp, raw)
        if later is None:
            writer()
        else:
            later.append(writer)
    return raw


def _read_and_parse(path: Path, name: str) -> RawList:
    from .limits import MAX_LIST_BYTES, LimitError, read_file

    try:
        data = read_file(path, MAX_LIST_BYTES, regular_only=True)  # a FIFO or /dev/zero: an error, not a hang
    except LimitError as exc:
        raise ListFileError(name, "", exc.problem) from None
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
    parent: str | None = None  # a section's list


class PaperSeq(Sequence[Paper]):
    """``catalog.papers[i]``: a :class:`Paper` built on demand from the columns."""

    def __init__(self, catalog: Catalog) -> None:
        self._c = catalog

    def __len__(self) -> int:
        return len(self._c.keys)

    def __getitem__(self, i: int) -> Paper:  # type: ignore[override]
        c = self._c
        li, si = c.list_of[i], c.section_of[i]
        rl = c.lists[li]
        return Paper(
            key=c.keys[i],
            arxiv=c.arxivs[i],
            title=c.titles[i],
            summary=c.summaries[i],
            tags=c.tags_of[i],
            links=tuple(_new_raw(Link, link) for link in c.links[i]),
            authors=c.authors[i],
            related=tuple(_new_raw(Related, rel) for rel in c.related[i]),
            list_index=li,
            section_index=si,
            list_title=rl.title,
            section_title=rl.sections[si].title,
        )


def _unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base~2``, ``base~3``… if it is taken (two lists with one file name, a
    list with two sections of one title); the id is added to ``taken``."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}~{n}"
    taken.add(candidate)
    return candidate


@dataclass
class Catalog:
    """All papers of all loaded lists, as columns (one entry per paper occurrence).

    Built once; the UI never mutates it. Hot loops read the columns directly
    (``keys``, ``titles`` ...); ``papers[i]`` gives a :class:`Paper` for display.
    """

    lists: list[ReadingList] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    arxivs: list[str | None] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    summaries: TextColumn = field(default_factory=TextColumn)
    tags_of: list[tuple[str, ...]] = field(default_factory=list)
    links: list[tuple[Link, ...]] = field(default_factory=list)
    authors: list[tuple[str, ...]] = field(default_factory=list)
    related: list[tuple[Related, ...]] = field(default_factory=list)
    list_of: array = field(default_factory=lambda: array("i"))
    section_of: array = field(default_factory=lambda: array("i"))
    unique: list[int] = field(default_factory=list)  # first occurrence of each paper
    first_index: dict[str, int] = field(default_factory=dict)  # key -> first occurrence
    repeats: dict[str, list[int]] = field(default_factory=dict)  # key -> all occurrences, if more than one
    tags: dict[str, list[int]] = field(default_factory=dict)  # tag -> unique indices

    def __post_init__(self) -> None:
        self.papers = PaperSeq(self)
        self.pending_cache_writes: list[Callable[[], None]] = []
        self.deferred: list[str] = []  # list files left to load later (see load_catalog)
        self._categories: tuple[tuple[int, int], list[Category]] | None = None  # (size when built, categories)
        # Category ids that survive adding, removing and reordering lists (the session keeps
        # one): a list's from its file name, a section's from its list's and its title.
        self.list_ids: list[str] = []
        self.section_ids: list[list[str]] = []

    def write_caches(self) -> None:
        """Write the list caches that loading deferred (call once the screen is up)."""
        while self.pending_cache_writes:
            self.pending_cache_writes.pop()()

    def add_list(self, raw: RawList, path: str, *, bundled: bool = False) -> ReadingList:
        li = len(self.lists)
        list_id = _unique_id(f"list:{'bundled/' if bundled else ''}{Path(path).name}", set(self.list_ids))
        self.list_ids.append(list_id)
        taken: set[str] = set()
        self.section_ids.append([_unique_id(f"section:{list_id[5:]}/{title}", taken) for title, _ in raw.sections])
        sections = []
        first_index, repeats, unique, tag_index = self.first_index, self.repeats, self.unique, self.tags
        for si, (sec_title, cols) in enumerate(raw.columns()):
            arxivs, titles, summaries, new_tags, links, authors, related = cols
            start = len(self.keys)
            n = len(titles)
            new_keys = arxivs if all(arxivs) else [a or paper_key(None, t) for a, t in zip(arxivs, titles)]
            fresh = first_index.keys().isdisjoint(new_keys) and len(set(new_keys)) == n
            firsts: zip[tuple[int, Any]] | list[tuple[int, Any]]
            if fresh:  # the common case: no paper seen before, done in bulk
                first_index.update(zip(new_keys, range(start, start + n)))
                unique.extend(range(start, start + n))
                firsts = zip(range(start, start + n), new_tags)
            else:
                firsts = []
                for index, key, tags in zip(range(start, start + n), new_keys, new_tags):
                    seen = first_index.get(key)
                    if seen is None:
                        first_index[key] = index
                        unique.append(index)
                        firsts.append((index, tags))
                    else:
                        repeats.setdefault(key, [seen]).append(index)
            for index, tags in firsts:
                for tag in tags:
                    tag_list = tag_index.get(tag)
                    if tag_list is None:
                        tag_index[tag] = [index]
                    else:
                        tag_list.append(index)
            self.keys.extend(new_keys)
            self.arxivs.extend(arxivs)
            self.titles.extend(titles)
            if isinstance(summaries, bytes):
                self.summaries.extend_packed(summaries, n)
            else:
                self.summaries.extend(summaries)
            self.tags_of.extend(new_tags)
            self.links.extend(links)
            self.authors.extend(authors)
            self.related.extend(related)
            self.list_of.extend([li] * n)
            self.section_of.extend([si] * n)
            sections.append(Section(title=sec_title, papers=list(range(start, start + n))))
        rl = ReadingList(
            title=raw.title, path=path, source=raw.source, date=raw.date, sections=sections, bundled=bundled
        )
        self.lists.append(rl)
        return rl

    def __contains__(self, key: object) -> bool:
        return key in self.first_index

    def occurrences(self, key: str) -> list[int]:
        """Every index at which paper ``key`` appears (empty if it is not loaded)."""
        rep = self.repeats.get(key)
        if rep is not None:
            return rep
        i = self.first_index.get(key)
        return [] if i is None else [i]

    def category_ids(self, key: str) -> list[str]:
        """The ids of the categories (lists, sections, tags) that hold a paper."""
        occ = self.occurrences(key)
        if not occ:
            return []
        ids: dict[str, None] = {}
        for j in occ:
            li = self.list_of[j]
            ids[self.list_ids[li]] = None
            ids[self.section_ids[li][self.section_of[j]]] = None
        for tag in self.tags_of[occ[0]]:
            ids[f"tag:{tag}"] = None
        return list(ids)

    def first(self, key: str) -> Paper | None:
        i = self.first_index.get(key)
        return None if i is None else self.papers[i]

    def place(self, index: int) -> str:
        rl = self.lists[self.list_of[index]]
        return f"{rl.title} › {rl.sections[self.section_of[index]].title}"

    def lists_of(self, key: str) -> list[str]:
        """The lists and sections a paper appears in, as "List › Section"."""
        return [self.place(i) for i in self.occurrences(key)]

    def categories(self) -> list[Category]:
        """Lists, their sections and tags, each a unique-by-key index array (worked out
        once: ~0.1 s at 100k papers; the Category objects are shared, do not change them)."""
        stamp = (len(self.keys), len(self.lists))
        if self._categories is None or self._categories[0] != stamp:
            self._categories = (stamp, self._build_categories())
        return list(self._categories[1])

    def _build_categories(self) -> list[Category]:
        cats: list[Category] = []
        dedupe = _unique_by_key if self.repeats else (lambda keys, ids: list(ids))
        for li, rl in enumerate(self.lists):
            list_id = self.list_ids[li]
            cats.append(Category(list_id, "list", rl.title, dedupe(self.keys, rl.papers)))
            for sec, section_id in zip(rl.sections, self.section_ids[li]):
                cats.append(Category(section_id, "section", sec.title, dedupe(self.keys, sec.papers), list_id))
        for tag in sorted(self.tags):
            cats.append(Category(f"tag:{tag}", "tag", tag, list(self.tags[tag])))
        return cats

    def resolve(self, ref: str) -> str | None:
        """The paper key for an arXiv id, URL or key, or None."""
        ref = ref.strip()
        if ref in self.first_index:
            return ref
        arxiv = normalize_arxiv(ref)
        if arxiv and arxiv in self.first_index:
            return arxiv
        return None


def _unique_by_key(keys: list[str], indices: Iterable[int]) -> list[int]:
    seen: set[str] = set()
    out = []
    for i in indices:
        k = keys[i]
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
    cache_dir: Path | None = None,
    *,
    defer_slow: bool = False,
) -> Catalog:
    """Load bundled lists, then the user's. Bad files are reported in ``errors``.

    With ``defer_slow``, user files that are :func:`slow_to_load` are left out and
    named in ``deferred``: the TUI shows the rest at once and loads them after.
    """
    cat = Catalog()
    for paths, is_bundled in ((bundled, True), (user, False)):
        for path in paths:
            if defer_slow and not is_bundled and cache_dir is not None and slow_to_load(path, cache_dir):
                cat.deferred.append(str(path))
                continue
            try:
                raw = read_list_file(path, cache_dir, cat.pending_cache_writes)
            except ListFileError as exc:
                cat.errors.append(str(exc))
                continue
            cat.add_list(raw, str(path), bundled=is_bundled)
    return cat
