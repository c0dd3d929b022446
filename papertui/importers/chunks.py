"""Big articles in chunks (no Textual import).

Every real article is far below :data:`THRESHOLD` and is read in one piece by
``digest.parse_digest``. A bigger input (a generated digest of hundreds of thousands of
papers) is cut into chunks of about :data:`CHUNK` characters at safe top-level boundaries,
each chunk is read by ``parse_digest`` on its own — in worker processes, one per core —
and the chunks' papers are merged in order; the article-wide step (repeats merged, a table
of contents against its items) runs once more over them all. Peak memory is then one
chunk's parse per worker, and every core works.

Where a chunk may start (the first found near its target position, in this order):

- Markdown and text: a blank line before a heading; before a bold or numbered line or a
  list item; a line break before a top-level list item; a table row (the table's header
  rows are repeated at the chunk's start); any blank line; any line break. Never inside a
  fenced code block.
- HTML: before a block element's opening tag where the fewest elements are open (between
  cards, never inside a table or a list); the chunk reopens as many wrappers as are open.

A chunk after the first starts with a stand-in title heading, so that its first real
heading is read as a section, not as the article's title; its papers before any heading of
its own belong to the section the chunk before ended in. A chunk after an end marker
("recommended reading") is dropped, as the rest of the article is in one piece.

A caller that shows progress (the TUI's import) wraps the import in :func:`watched`: each chunk
read is reported as done of total, and setting its ``cancel`` event ends the reading between
chunks with :class:`Cancelled`.
"""

from __future__ import annotations

import contextvars
import itertools
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, fields
from operator import attrgetter

from ..heap import collector_paused
from . import Imported, ImportedPaper
from .blocks import fence_lines

THRESHOLD = 4 * 1024 * 1024  # characters: above this an article is read in chunks
CHUNK = 1024 * 1024  # characters a chunk aims at
WINDOW = 256 * 1024  # how far past its target a chunk's start is looked for
MAX_WORKERS = 8

_STAND_IN = "Continued Reading List Part"  # a title-like heading: the chunk's "title"
_MD_STARTS = [
    re.compile(r"\n[ \t]*\n(?= {0,3}#{1,6}[ \t])"),  # a blank line before a heading
    re.compile(r"\n[ \t]*\n(?=(?:\*\*|__|[0-9]{1,9}[.)、]|[-*+][ \t])\S?)"),  # before a bold, numbered or list line
    re.compile(r"\n(?=[0-9]{1,9}[.)][ \t]|[-*+][ \t]+\S)"),  # a top-level list item in a tight list
    re.compile(r"\n(?=\|)"),  # a table row
    re.compile(r"\n[ \t]*\n(?=\S)"),  # any blank line
    re.compile(r"\n(?=\S)"),  # any line break
]
_HEADING_END_RE = re.compile(r"(?:\A|\n) {0,3}#{1,6}[ \t][^\n]*\Z|</h[1-6]\s*>\s*\Z", re.IGNORECASE)
_BLOCK_OPEN_RE = re.compile(r"<(?:div|section|article|h[1-6]|p|table|ul|ol|dl|blockquote|li|tr|figure|details)[\s>/]",
                            re.IGNORECASE)
_NESTING = r"div|section|article|main|aside|header|footer|nav|table|ul|ol|dl|blockquote|details|figure|h[1-6]|pre|a"
_TAG_RE = re.compile(rf"<(/?)(?:{_NESTING})(?=[\s>/])", re.IGNORECASE)
_HTML_BODY_RE = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class Cancelled(Exception):
    """The import was cancelled between two chunks (its ``cancel`` event set: the user quit)."""


@dataclass(frozen=True)
class _Watch:
    progress: Callable[[int, int], None] | None
    cancel: threading.Event | None


_WATCH: contextvars.ContextVar[_Watch | None] = contextvars.ContextVar("papertui_import_watch", default=None)


@contextmanager
def watched(progress: Callable[[int, int], None] | None = None, cancel: threading.Event | None = None) -> Iterator[None]:
    """Within it (in this thread), a big article's reading reports ``progress(chunks done, chunks)`` after each chunk
    and ends with :class:`Cancelled` once ``cancel`` is set (an article read in one piece reports nothing)."""
    token = _WATCH.set(_Watch(progress, cancel))
    try:
        yield
    finally:
        _WATCH.reset(token)


@dataclass
class _Piece:
    """One chunk's outcome: its sections of papers, in order (each a run of papers with one name)."""

    index: int
    title: str | None
    sections: list[tuple[str, list[ImportedPaper]]]
    ended: bool  # an end marker cut the rest of the article


def parse_article(text: str, *, threshold: int | None = None, chunk: int = CHUNK, workers: int | None = None) -> Imported:
    """``digest.parse_digest(text)``, in chunks when ``text`` is longer than ``threshold``
    (default :data:`THRESHOLD`; ``workers``: processes to use, default one per core; 1: in this process)."""
    from .digest import parse_digest

    if len(text) <= (THRESHOLD if threshold is None else threshold):
        return parse_digest(text)
    workers = min(workers or os.cpu_count() or 1, MAX_WORKERS, len(text) // chunk)
    expected = max(1, round(len(text) / chunk))
    if workers > 1:
        try:
            return merge(_read_pieces(split(text, chunk), workers, expected))
        except (OSError, ImportError, BrokenProcessPool, ValueError):  # (no processes here: a sandbox, a worker
            pass  # killed, no file descriptors to give them)
    return merge(_read_pieces(split(text, chunk), 1, expected))


def split(text: str, chunk: int = CHUNK) -> Iterator[str]:
    """The chunks of ``text``, each one a document of its own (see the module's docstring)."""
    from .blocks import HTML_FRAGMENT_RE, HTML_SNIFF_RE, MARKDOWN_SIGN_RE

    if HTML_SNIFF_RE.match(text) or (HTML_FRAGMENT_RE.match(text) and not MARKDOWN_SIGN_RE.search(text, 0, 200_000)):
        yield from _split_html(text, chunk)
    else:
        yield from _split_markdown(text, chunk)


def _split_markdown(text: str, chunk: int) -> Iterator[str]:
    fenced = fence_lines(text) > 0
    tail = "\n\n```\n```\n" if fenced else ""  # (a chunk without a fence is read as its article is: fenced)
    start, n, open_fence = 0, len(text), False
    header = ""  # the header rows of the table a chunk starts in
    while start < n:
        cut = _md_cut(text, start, chunk, open_fence) if n - start > chunk + chunk // 4 else None
        end = n if cut is None else cut
        if fenced:
            open_fence ^= fence_lines(text, start, end) % 2 == 1
        head = "" if start == 0 else f"# {_STAND_IN}\n\n{header}"
        body = text[start:end]
        yield head + body + tail if start else body + tail
        if cut is None:
            break
        header = _table_header(text, start, cut, header) if text.startswith("|", cut + 1) else ""
        start = cut + 1


def _md_cut(text: str, start: int, chunk: int, open_fence: bool) -> int | None:
    """Where the next chunk starts (the line break before it), or None: the rest is one chunk."""
    target = start + chunk
    fence_state = open_fence ^ (fence_lines(text, start, target) % 2 == 1)
    for pattern in _MD_STARTS:
        pos = target
        while True:
            m = pattern.search(text, pos, target + WINDOW)
            if m is None:
                break
            at = m.end() - 1  # the line break before the new chunk's first line
            before = text[max(start, at - 400) : at].rstrip()
            after_heading = _HEADING_END_RE.search(before) is not None  # (a heading keeps its papers)
            if not after_heading and not (fence_state ^ (fence_lines(text, target, at) % 2 == 1)):
                return at
            pos = m.end()
    return None


def _table_header(text: str, start: int, cut: int, previous: str) -> str:
    """The header and delimiter rows of the table a chunk starting after ``cut`` is inside."""
    blank = text.rfind("\n\n", start, cut)
    if blank < 0:  # (the table began before this chunk: its header is the one this chunk had)
        return previous
    first = blank + 2
    second = text.find("\n", first) + 1
    third = text.find("\n", second) + 1
    if 0 < second < third <= cut + 1 and text.startswith("|", first) and set(text[second:third].strip()) <= set("|-: "):
        return text[first:third]
    return previous


def _split_html(text: str, chunk: int) -> Iterator[str]:
    body = _HTML_BODY_RE.search(text)
    opening = text[: body.end()] if body else "<html><body>"
    start, n, depth = 0, len(text), 0
    while start < n:
        cut = _html_cut(text, start, chunk, depth) if n - start > chunk + chunk // 4 else None
        end = n if cut is None else cut[0]
        yield text[start:end] if start == 0 else f"{opening}<h1>{_STAND_IN}</h1>{'<div>' * depth}{text[start:end]}"
        if cut is None:
            break
        start, depth = cut


def _html_cut(text: str, start: int, chunk: int, depth: int) -> tuple[int, int] | None:
    """Where the next chunk starts and how many elements are open there (the fewest near the target)."""
    target = start + chunk
    depth += _balance(text, start, target)
    best: tuple[int, int] | None = None
    pos = target
    for m in _BLOCK_OPEN_RE.finditer(text, target, target + WINDOW):
        depth += _balance(text, pos, m.start())
        pos = m.start()
        if _HEADING_END_RE.search(text[max(start, pos - 400) : pos].rstrip()):
            continue  # (a heading keeps its papers)
        if best is None or depth < best[1]:
            best = (m.start(), depth)
            if depth <= 0:
                break
    if best is None:
        return None
    return best[0], max(best[1], 0)


def _balance(text: str, start: int, end: int) -> int:
    if end <= start:
        return 0
    slashes = _TAG_RE.findall(text, start, end)
    closes = slashes.count("/")
    return len(slashes) - 2 * closes


def _read_pieces(chunks: Iterator[str], workers: int, expected: int = 1) -> list[_Piece]:
    """Each chunk read (``expected``: about how many there are, for the progress reported while they are read one at
    a time)."""
    watch = _WATCH.get()
    if workers <= 1:  # (one chunk in memory at a time)
        pieces = []
        for k, c in enumerate(chunks):
            pieces.append(_read(k, c))
            _report(watch, k + 1, max(expected, k + 2))  # (the last is reported as it ends: done)
        _report(watch, len(pieces), len(pieces))
        return pieces
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork when this process has one thread (the command line: workers start at once, with the
    # modules loaded); else forkserver (the TUI imports in a worker thread, and a forked copy of a
    # threaded process may hold a lock no thread will release), else spawn.
    methods = multiprocessing.get_all_start_methods()
    method = next(m for m in ("fork" if threading.active_count() == 1 else "", "forkserver", "spawn") if m in methods)
    todo = enumerate(chunks)
    futures: list = []
    running: set = set()

    def hand_out(n: int) -> None:  # (no more than one chunk a worker at a time: a cancel ends once these are read)
        for k, c in itertools.islice(todo, n):
            futures.append(pool.submit(_read_packed, k, c))
            running.add(futures[-1])

    with _stderr_with_descriptor() as screen:  # (while the pool starts its processes)
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                   initializer=_off_the_screen if screen else None)
        try:
            hand_out(workers)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    with pool:
        while running:
            done, running = wait(running, timeout=0.25, return_when=FIRST_COMPLETED)
            hand_out(len(done))
            if running:
                _report(watch, len(futures) - len(running), max(expected, len(futures) + 1))
        _report(watch, len(futures), len(futures))
        return [_unpacked(*f.result()) for f in futures]


def _report(watch: _Watch | None, done: int, total: int) -> None:
    if watch is None:
        return
    if watch.cancel is not None and watch.cancel.is_set():
        raise Cancelled("the import was cancelled")
    if watch.progress is not None:
        watch.progress(done, total)


@contextmanager
def _stderr_with_descriptor() -> Iterator[bool]:
    """multiprocessing hands ``sys.stderr``'s file descriptor to the helper it starts (its resource tracker); under the
    TUI ``sys.stderr`` is Textual's capture, whose ``fileno()`` is -1, and starting it fails ("bad value(s) in
    fds_to_keep": the import ended with nothing said). While the pool starts its processes, ``sys.stderr`` is
    /dev/null where it has no descriptor; the context gives True then (a screen is drawn on the terminal: the workers
    must not write to it). ``tests/test_import_chunks.py`` imports a big article in a fresh TUI process to keep this
    true."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield False
        return
    with open(os.devnull, "w") as null:
        saved, sys.stderr = sys.stderr, null
        try:
            yield True
        finally:
            sys.stderr = saved


def _off_the_screen() -> None:
    """In a worker started under the TUI: its standard output and error (the terminal the TUI draws on, inherited) go
    to /dev/null, so that a warning printed while a chunk is read cannot land on the screen."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


# A chunk's papers cross from the worker as plain tuples (ImportedPaper's fields in order):
# pickling dataclasses cost twice as much, in the worker and again in this process.
_FIELDS = tuple(f.name for f in fields(ImportedPaper))


@collector_paused()  # (the packing too: its tuples would start collections that walk the chunk's papers)
def _read_packed(index: int, text: str) -> tuple:
    piece = _read(index, text)
    get = attrgetter(*_FIELDS)
    return piece.index, piece.title, [(name, list(map(get, papers))) for name, papers in piece.sections], piece.ended


def _unpacked(index: int, title: str | None, sections: list, ended: bool) -> _Piece:
    return _Piece(index, title, [(name, [ImportedPaper(*values) for values in papers]) for name, papers in sections], ended)


def _read(index: int, text: str) -> _Piece:
    from .blocks import read_document
    from .digest import build
    from .lines import _cut_at_end_marker

    with collector_paused():  # (in a worker process: see import_text)
        doc = read_document(text)
        ended = len(_cut_at_end_marker(doc.blocks)) < len(doc.blocks)
        imported = build(doc)
    clear_article_caches()
    title = imported.title if index == 0 else None
    return _Piece(index, title, imported.sections, ended)


def article_caches() -> list:
    """The importer's memos of pure functions of a line's or a title's text (``functools.lru_cache``, up to
    ``arxiv_ids.ARTICLE_CACHE`` entries each: ``_key``, ``_clean_title``, ``normalize``'s …), found in the loaded
    modules of ``papertui.importers`` and in ``papertui.arxiv_ids``."""
    import sys

    found = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name.startswith("papertui.importers") or name == "papertui.arxiv_ids"):
            continue
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and callable(getattr(value, "cache_info", None)) and (
                getattr(value, "__module__", None) == name
            ):
                found.append(value)
    return found


def clear_article_caches() -> None:
    """Empty :func:`article_caches` after a chunk: a chunk's lines and titles are its own (the next chunk's are
    others: its look-ups miss), and a cache kept full makes every miss evict its oldest entry and keeps tens of
    MB of the last chunks' strings alive. A worker reading chunk after chunk with the caches emptied spent ~12% less
    CPU on 1 MB dense-list chunks (8 chunks: 8.3-8.6 s of CPU -> 7.3-7.6 s). Output is the same: each is a pure memo."""
    for cached in article_caches():
        cached.cache_clear()


def merge(pieces: list[_Piece]) -> Imported:
    """The chunks' papers as one article: sections carried over, repeats merged once more."""
    from .digest import _merge_repeats, grouped

    repeats = _repeats_across(pieces)  # (before the pieces' lists are extended below)
    # The pieces' sections joined a section at a time (a run of papers goes on where its name does), not a paper at a
    # time: each piece's sections are already the runs of its papers.
    sections: list[tuple[str, list[ImportedPaper]]] = []
    for piece in pieces:
        leading = piece.index > 0
        for name, papers in piece.sections:
            if leading and name in ("Papers", _STAND_IN):
                name = sections[-1][0] if sections else "Papers"  # (the section the chunk before ended in)
            else:
                leading = False
            if sections and sections[-1][0] == name:
                sections[-1][1].extend(papers)
            else:
                sections.append((name, papers))
        if piece.ended:
            break
    if repeats:
        sections = grouped(_merge_repeats([(name, paper) for name, papers in sections for paper in papers]))
    return Imported("digest", pieces[0].title if pieces else None, sections)


def _repeats_across(pieces: list[_Piece]) -> bool:
    """Whether a paper may repeat one of another chunk (each chunk merged its own repeats):
    an arXiv id in two chunks, or a paper without one (its title may be another's)."""
    seen: set[str | None] = set()
    for piece in pieces:
        ids = {paper.arxiv for _name, papers in piece.sections for paper in papers}  # (a set a chunk: compared in C)
        if None in ids or not seen.isdisjoint(ids):
            return True
        seen |= ids
    return False
