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
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .. import limits
from ..arxiv_ids import NEW_ID, OLD_ID, find_refs, placeholder_title
from ..atomic import atomic_write_bytes
from ..errors import PapertuiError
from ..heap import collector_paused
from ..model import abs_url, clean_line, count, paper_key

# An entry of an arXiv listing e-mail starts with its id: "arXiv:2405.12981" (since 2007), or in the
# older listings "Paper: astro-ph/9401001" and "Paper (*cross-listing*): hep-th/9401002".
EMAIL_ENTRY = rf"(?:arXiv:|Paper(?: \(\*cross-listing\*\))?: ?)({NEW_ID}|{OLD_ID})"


class ImportError_(PapertuiError):
    """Input that cannot be imported; ``str()`` is one line for the user."""


@dataclass
class ImportedPaper:
    title: str
    arxiv: str | None = None
    summary: str = ""
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[tuple[str, str | None]] = field(default_factory=list)
    title_source: str = "article"  # "arxiv" once the arXiv API gave the title
    url: str | None = None  # a paper without an arXiv id: its own link (bioRxiv, a PDF, a project page)

    def to_json(self) -> dict:
        doc: dict = {"arxiv": self.arxiv, "title": self.title, "summary": self.summary, "tags": self.tags}
        if self.arxiv:
            doc["links"] = [{"label": "arXiv", "url": abs_url(self.arxiv)}]
        elif self.url:
            doc["links"] = [{"label": "PDF" if self.url.lower().split("?")[0].endswith(".pdf") else "Link", "url": self.url}]
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


@dataclass(frozen=True)
class Importer:
    """One kind of input: ``sniff(text)`` says how sure it is (0: not this kind), ``parse``
    reads it (None, or raising :class:`ImportError_`, when it is not this kind after all)."""

    name: str
    sniff: Callable[[str], float]
    parse: Callable[[str], Imported | None]


def _registry() -> list[Importer]:
    from . import chunks, simple

    return [
        Importer("json", lambda t: 1.0 if t[0] == "{" else 0.0, simple.parse_json),
        Importer("bibtex", lambda t: 0.9 if _bibtex_like(t) else 0.0, simple.parse_bib_file),
        Importer(
            "email",
            lambda t: 0.8 if (simple.EMAIL_ID_RE.match(t) or _EMAIL_ID_NL_RE.search(t))
            and (t.startswith("Title:") or "\nTitle:" in t) else 0.0,
            simple.parse_arxiv_email,
        ),
        Importer("ids", lambda t: 0.5, simple.parse_id_list),
        Importer("digest", lambda t: 0.1, chunks.parse_article),  # anything else: an article (a big one in chunks)
    ]


BIBTEX_RE = re.compile(r"^[^\S\n]*@\w+\s*\{", re.MULTILINE)  # not \s*: it backtracked over blank runs
EMAIL_TITLE_RE = re.compile(r"^Title:", re.MULTILINE)
# The sniffers look for what starts a line from a literal ("@", "\narXiv:"): a pattern that
# starts with ^ is tried at every character (0.4 s each over 50 MB, before any reading starts).
_BIBTEX_AT_RE = re.compile(r"@\w+\s*\{")
_EMAIL_ID_NL_RE = re.compile(rf"\n{EMAIL_ENTRY}", re.ASCII)


def _bibtex_like(text: str) -> bool:
    """``BIBTEX_RE.search(text)``: an ``@type{`` with nothing but spaces before it on its line
    (each "@" found, then the spaces before it walked back: linear), and not inside a fenced code block (notes in
    Markdown that give each paper's ```` ```bibtex ```` citation are an article)."""
    fences, at = 0, 0
    for m in _BIBTEX_AT_RE.finditer(text):
        j = m.start()
        while j and text[j - 1] != "\n" and text[j - 1].isspace():
            j -= 1
        if not j or text[j - 1] == "\n":
            fences += text.count("\n```", at, j)
            at = j
            if fences % 2 == 0:
                return True
    return False


def import_text(text: str, hint: str | None = None) -> Imported:
    """Recognise and parse ``text`` (``hint``: the file's name, whose extension may say its markup family).
    Raises :class:`ImportError_` when it holds no papers."""
    with collector_paused(kept=True):  # (the papers are built in one go: 20-25% faster)
        return _recognised(text, hint)


def _recognised(text: str, hint: str | None = None) -> Imported:
    from .families import convert

    stripped = original = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise ImportError_("the input is empty")
    converted = convert(stripped, hint)  # org-mode, reStructuredText, LaTeX, MediaWiki: read as Markdown
    if converted is not None and (converted := converted.lstrip("\ufeff \t\r\n")).strip():
        stripped = converted  # (blanks and a BOM only, "\ufeff\n", are nothing: the sniffers look at its first character)
    ranked = sorted(((imp.sniff(stripped), k, imp) for k, imp in enumerate(_registry())), key=lambda x: (-x[0], x[1]))
    for score, _k, imp in ranked:
        if score <= 0:
            continue
        result = imp.parse(stripped)
        if result is not None and result.papers:
            return result
        if imp.name == "json":
            raise ImportError_("found no papers in it (no arXiv links or ids, BibTeX entries or numbered items)")
            # (JSON that holds no papers is not an article either)
    if stripped is not original and find_refs(original):
        from .chunks import parse_article

        result = parse_article(original)  # (the conversion lost the papers the text names by arXiv id: the text as it is)
        if result.papers:
            return result
    raise ImportError_("found no papers in it (no arXiv links or ids, BibTeX entries or numbered items)")


def decode(data: bytes, where: str) -> tuple[str, int]:
    """Bytes of a file, a paste or a page as text, and in how many places it was not UTF-8; one-line errors for what
    is not text. A text that is overwhelmingly UTF-8 (a few stray bytes, at most one place in 200 bytes) is read with
    each of them as "\ufffd"; more than that is not UTF-8 text."""
    if not data.strip():
        raise ImportError_(f"{where}: the input is empty")
    if len(data) > limits.MAX_IMPORT_BYTES:
        raise ImportError_(f"{where}: {_too_big()}")
    if b"\x00" in data[:65536]:
        raise ImportError_(f"{where}: a binary file, not text")
    try:
        return data.decode("utf-8-sig"), 0
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", "replace")
        replaced = text.count("\ufffd") - data.count("\ufffd".encode())
        if replaced > max(16, len(data) // 200):
            raise ImportError_(f"{where}: not UTF-8 text (byte {exc.start})") from None
        return text, replaced


def _too_big() -> str:
    return f"more than {limits.size_text(limits.MAX_IMPORT_BYTES)}; papertui reads at most that much"


def is_url(source: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://", source.strip()))


def read_source(source: str, *, stdin=None) -> tuple[str, str, int]:
    """The text of ``source`` (a path, ``-`` for standard input, or an http(s) URL), a default list name for it,
    and in how many places it was not UTF-8 (:func:`decode`). Reads at most :data:`limits.MAX_IMPORT_BYTES` (in
    chunks: a pipe or ``/dev/zero`` stops there too)."""
    try:
        if source == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            text, replaced = decode(limits.read_stream(stream, limits.MAX_IMPORT_BYTES, "stdin"), "stdin")
            return text, "Imported", replaced
        if is_url(source):
            return _read_url(source.strip())
        data = limits.read_file(Path(source).expanduser(), limits.MAX_IMPORT_BYTES)
    except limits.LimitError as exc:
        raise ImportError_(str(exc)) from None
    except FileNotFoundError:
        raise ImportError_(f"{source}: no such file") from None
    except IsADirectoryError:
        raise ImportError_(f"{source}: is a directory") from None
    except OSError as exc:
        raise ImportError_(f"{source}: cannot read ({exc.strerror or exc})") from None
    text, replaced = decode(data, source)
    return text, Path(source).stem, replaced


def _read_url(url: str) -> tuple[str, str, int]:
    from urllib.parse import urlparse

    from .. import net

    parts = urlparse(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ImportError_(f"{url}: only http and https links can be imported")
    try:
        answer = net.Http(max_bytes=limits.MAX_IMPORT_BYTES, retries=1).get(url)
    except net.NetError as exc:
        raise ImportError_(str(exc)) from None
    data = answer.body
    charset = re.search(r"charset=([\w\-]+)", answer.headers.get("content-type", "") or answer.headers.get("Content-Type", ""))
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        try:
            data = data.decode(charset.group(1)).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass
    name = Path(parts.path.rstrip("/")).stem or parts.netloc
    text, replaced = decode(data, url)
    return text, name, replaced


@dataclass
class Outcome:
    """What an import did, for the CLI and the TUI alike."""

    imported: Imported
    name: str  # the list's title
    path: Path | None  # None on a dry run
    message: str  # one line for the user
    added: int = 0
    kept: int = 0


def run(source: str, name: str | None = None, *, text: str | None = None, lists_dir: Path | None = None,
        dry_run: bool = False, stdin=None) -> Outcome:
    """Import ``source`` (path, ``-``, URL; or ``text`` already read, e.g. a paste) as a list.

    - ``name`` given: updates the list of that name on purpose (its papers stay, new ones are
      added); a new list when there is none.
    - no name: the article's title (else the file's name). When a list with that title exists
      and holds other papers, the new list is "Title (2)" (then 3...): nothing is replaced.
    """
    text_given = text is not None
    replaced = 0
    if text is None:
        text, default, replaced = read_source(source, stdin=stdin)
    else:
        default = "Imported"
        if len(text.encode("utf-8", "surrogatepass")) > limits.MAX_IMPORT_BYTES:
            raise ImportError_(f"{source}: {_too_big()}")
    try:
        imported = import_text(text, None if text_given or is_url(source) or source == "-" else source)
    except (ImportError_, KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:
        from .chunks import Cancelled

        if isinstance(exc, Cancelled):  # (the TUI's import cancelled, not a failure)
            raise
        said = " ".join(str(exc).split())[:160]
        raise ImportError_(f"{source}: papertui could not read it ({type(exc).__name__}: {said}); this is a bug in "
                           "papertui: please report it with the file") from exc
    if is_url(source) and not imported.source:
        imported.source = source.strip()
    with_id = sum(1 for _s, p in imported.papers if p.arxiv)
    what = (f"{count(len(imported.papers), 'paper')} ({with_id:,} with an arXiv id) in "
            f"{count(len(imported.sections), 'section')}, read as {imported.kind}")
    if replaced:
        what += f"; {count(replaced, 'place')} not UTF-8 (read as \ufffd)"
    title = clean_line(name or imported.title or default) or "Imported"
    if dry_run or lists_dir is None:
        return Outcome(imported, title, None, f"dry run: {what}; nothing saved")
    return save(imported, title, lists_dir, update=name is not None, what=what)


def apply_metadata(imported: Imported, records: dict[str, dict]) -> int:
    """Titles and authors from arXiv API records (``import --fetch``); how many papers changed."""
    changed = 0
    for _s, paper in imported.papers:
        rec = records.get(paper.arxiv or "")
        if rec and rec.get("title"):
            paper.title = clean_line(rec["title"])
            paper.authors = list(rec.get("authors") or paper.authors)
            paper.title_source = "arxiv"
            changed += 1
    return changed


def fetch_titles(imported: Imported, *, cancel=None) -> tuple[str, dict[str, dict]]:
    """``import --fetch`` and ``i`` in the TUI: titles and authors from the arXiv API (batches,
    pacing, retries: ``arxiv_api.Client``), applied to ``imported``. Returns one line for the
    user and the records (empty offline: then the titles stay the article's). Setting ``cancel``
    ends it promptly with ``net.Cancelled``."""
    from ..arxiv_api import ArxivError, Client
    from ..net import Cancelled

    ids = list(dict.fromkeys(p.arxiv for _s, p in imported.papers if p.arxiv))
    if not ids:
        return "fetch: no arXiv ids to look up", {}
    try:
        records = Client().fetch(ids, cancel=cancel, partial=True)
    except Cancelled:
        raise
    except ArxivError as exc:
        return f"fetch: arXiv is not reachable ({exc}); titles are the article's", {}
    changed = apply_metadata(imported, records)
    unknown = [a for a in ids if a not in records]
    line = f"fetch: {changed} of {len(ids)} titles from arXiv"
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        line += f"; arXiv does not know {shown} (the article's title kept)"
    return line, records


def retitle_list(path: Path, records: dict[str, dict]) -> int:
    """Titles and authors from arXiv records written into a saved list file; how many changed."""
    doc = orjson.loads(path.read_bytes())
    changed = 0
    for section in doc.get("sections") or []:
        for paper in section.get("papers") or []:
            rec = records.get(paper.get("arxiv") or "")
            if rec and rec.get("title"):
                paper["title"] = clean_line(rec["title"])
                if rec.get("authors"):
                    paper["authors"] = list(rec["authors"])
                changed += 1
    if changed:
        atomic_write_bytes(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return changed


def slug(name: str) -> str:
    s = re.sub(r"[^\w\-]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-")
    return s[:60] or "imported"


def _paper_keys(doc: dict) -> set[str]:
    return {paper_key(p.get("arxiv"), p.get("title", "")) for s in doc.get("sections", []) for p in s.get("papers", [])}


# What papertui writes first in a list file (orjson, indented): its format, then its title.
_OWN_HEAD_RE = re.compile(rb'\A\{\s*"format"\s*:\s*[0-9]+\s*,\s*"title"\s*:\s*("(?:[^"\\\x00-\x1f]|\\.)*")\s*,')
_HEAD_BYTES = 64 * 1024


class _Lists:
    """The user's lists by folded title (the first file, in name order, of each title), read lazily: a file
    papertui wrote names its title in its first bytes, and is parsed whole only when its title is asked for
    (an import into a library of big lists read all of them, twice). One lives for one save: each title asked for
    is read once, and so is the whole folder when a file's first bytes misname its title."""

    def __init__(self, lists_dir: Path) -> None:
        self.lists_dir = lists_dir
        self.candidates: dict[str, list[tuple[Path, dict | None]]] = {}
        paths = sorted(lists_dir.glob("*.json")) if lists_dir.is_dir() else []
        for path in paths:
            try:
                with path.open("rb") as f:
                    head = f.read(_HEAD_BYTES)
            except OSError:
                continue
            title = _head_title(head)
            if title is not None:
                self.candidates.setdefault(title.casefold(), []).append((path, None))
            elif (doc := _list_doc(path)) is not None:
                self.candidates.setdefault(doc["title"].casefold(), []).append((path, doc))
        self.found: dict[str, tuple[Path, dict] | None] = {}
        self.eager: dict[str, tuple[Path, dict]] | None = None

    def get(self, folded: str) -> tuple[Path, dict] | None:
        """The list of that folded title: its file and its document."""
        if folded not in self.found:
            self.found[folded] = self._read(folded)
        return self.found[folded]

    def _read(self, folded: str) -> tuple[Path, dict] | None:
        for path, doc in self.candidates.get(folded, ()):
            if doc is None:
                doc = _list_doc(path)
                if doc is not None and doc["title"].casefold() != folded:  # (a second "title" key: read them all)
                    if self.eager is None:
                        self.eager = _existing_eager(self.lists_dir)
                    return self.eager.get(folded)
            if doc is not None:
                return path, doc
        return None

    def __contains__(self, folded: str) -> bool:
        return self.get(folded) is not None


def _head_title(head: bytes) -> str | None:
    """The title a list file gives in its first bytes, when papertui wrote it (else None)."""
    m = _OWN_HEAD_RE.match(head)
    try:
        title = orjson.loads(m.group(1)) if m else None
    except orjson.JSONDecodeError:
        return None
    return title if isinstance(title, str) else None


def _list_doc(path: Path) -> dict | None:
    """A list file's document, None when it is not one."""
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if isinstance(doc, dict) and isinstance(doc.get("title"), str) and isinstance(doc.get("sections"), list):
        return doc
    return None


def _existing(lists_dir: Path) -> _Lists:
    """The user's lists by folded title."""
    return _Lists(lists_dir)


def _existing_eager(lists_dir: Path) -> dict[str, tuple[Path, dict]]:
    """:func:`_existing`, each file parsed."""
    out: dict[str, tuple[Path, dict]] = {}
    for path in sorted(lists_dir.glob("*.json")) if lists_dir.is_dir() else []:
        if (doc := _list_doc(path)) is not None:
            out.setdefault(doc["title"].casefold(), (path, doc))
    return out


@collector_paused()  # (the list's JSON is built in one go: as import_text; the TUI saves in a worker)
def save(imported: Imported, title: str, lists_dir: Path, *, update: bool, what: str) -> Outcome:
    lists = _existing(lists_dir)
    found = lists.get(title.casefold())
    if found is not None:
        path, old = found
        have = _paper_keys(old)
        keys = {paper_key(p.arxiv, p.title) for _s, p in imported.papers}  # (the keys of its list's papers)
        same = have == keys
        if update or same or (imported.source and old.get("source") == imported.source):
            if same:  # (each paper is in the list already: nothing to add)
                added, kept = 0, len(have)
            else:
                merged, added, kept = merge_lists(old, imported.to_list_json(title), have)
            if added:  # (nothing new: the file stays as it is, and so does its cache)
                atomic_write_bytes(path, orjson.dumps(merged, option=orjson.OPT_INDENT_2))
            return Outcome(imported, old["title"], path, f"updated {old['title']!r}: {added} new, {kept} kept ({what}) → {path}",
                           added, kept)
        base, n = title, 2
        while f"{base} ({n})".casefold() in lists:
            n += 1
        title = f"{base} ({n})"
        note = f" (a list named {base!r} exists already)"
    else:
        note = ""
    new_doc = imported.to_list_json(title)
    path = _free_path(lists_dir, slug(title))
    lists_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, orjson.dumps(new_doc, option=orjson.OPT_INDENT_2))
    return Outcome(imported, title, path, f"imported {what} as {title!r}{note} → {path}", len(imported.papers), 0)


def _free_path(lists_dir: Path, stem: str) -> Path:
    path, n = lists_dir / f"{stem}.json", 2
    while path.exists():
        path, n = lists_dir / f"{stem}-{n}.json", n + 1
    return path


def merge_lists(old: dict, new: dict, have: set[str] | None = None) -> tuple[dict, int, int]:
    """``old`` with the papers of ``new`` it lacks added (to the section of the same name,
    else a new one); none of ``old``'s papers is dropped. ``have``: ``old``'s paper keys when known (taken)."""
    have = _paper_keys(old) if have is None else have
    kept = len(have)
    merged = dict(old)
    sections = [dict(s, papers=list(s.get("papers", []))) for s in old.get("sections", [])]
    by_name = {s.get("title"): s for s in sections}
    added = 0
    for section in new.get("sections", []):
        for paper in section.get("papers", []):
            key = paper_key(paper.get("arxiv"), paper.get("title", ""))
            if key in have:
                continue
            have.add(key)
            added += 1
            target = by_name.get(section.get("title"))
            if target is None:
                target = {"title": section.get("title"), "papers": []}
                sections.append(target)
                by_name[target["title"]] = target
            target["papers"].append(paper)
    merged["sections"] = sections
    return merged, added, kept


def save_import(imported: Imported, name: str, lists_dir: Path) -> Path:
    """Write the list (kept for callers of the old name): :func:`save`, updating ``name``."""
    return save(imported, name, lists_dir, update=True, what="").path  # type: ignore[return-value]


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


def queued_records(refs) -> dict[str, dict]:
    """Stand-in records for papers added while the arXiv API cannot be reached: titled
    ``arXiv:ID`` until :func:`fill_queued` puts in what a later fetch brings."""
    from ..model import normalize_arxiv

    ids = dict.fromkeys(a for a in map(normalize_arxiv, refs) if a)
    return {a: {"title": placeholder_title(a), "abstract": "", "authors": []} for a in ids}


def fill_queued(records: dict[str, dict], lists_dir: Path) -> int:
    """Give the queued papers of "My papers" their fetched title, abstract and authors;
    how many were filled in (the file is written only when some were)."""
    path = lists_dir / f"{slug(MY_PAPERS)}.json"
    try:
        doc = orjson.loads(path.read_bytes())
        papers = [p for s in doc["sections"] for p in s.get("papers", [])]
    except FileNotFoundError:
        return 0
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise ImportError_(f"{path} is not a reading list papertui can add to") from None
    filled = 0
    for paper in papers:
        arxiv = paper.get("arxiv") if isinstance(paper, dict) else None
        if not isinstance(arxiv, str):
            continue
        rec = records.get(arxiv)
        if rec and paper.get("title") == placeholder_title(arxiv) and rec.get("title"):
            paper.update(title=rec["title"], summary=rec.get("abstract", ""), authors=rec.get("authors", []))
            filled += 1
    if filled:
        atomic_write_bytes(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return filled
