"""Command line: ``papertui`` (the TUI), ``papertui list``, ``papertui mark``.

Textual is imported only when the TUI actually starts. User errors print one
line to stderr and exit non-zero; no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, paths
from .errors import PapertuiError

if TYPE_CHECKING:
    from rich.text import JustifyMethod

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
# exporters.FORMATS, spelled out so that parsing arguments imports no library (a test holds them equal).
EXPORT_FORMATS = ("bibtex", "ris", "csl-json", "markdown", "csv", "json")


class CliError(PapertuiError):
    """A user error: printed as one line, exit code 1."""


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH", default=default, help="the state file (default: state.json in the data dir)")
    parser.add_argument(
        "--list",
        metavar="PATH",
        action="append",
        dest="lists",
        default=default,
        help="an extra reading-list file for this run (repeatable)",
    )


def _selection_options(parser: argparse.ArgumentParser) -> None:
    """--read / --unread / --starred and --category, as list and export take them."""
    state = parser.add_mutually_exclusive_group()
    for flag in ("read", "unread", "starred"):
        state.add_argument(f"--{flag}", dest="state", action="store_const", const=flag, help=f"only {flag} papers")
    parser.add_argument("--category", metavar="TEXT", help="only papers whose list, section or tag matches TEXT")
    parser.add_argument("--in", dest="in_list", metavar="NAME", help="only papers in your own list NAME (papertui lists)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papertui",
        description="A keyboard-first terminal browser for reading lists of research papers.",
        epilog="With no command, opens the TUI. Data dir: $PAPERTUI_HOME, else the platform's user data dir.",
    )
    parser.add_argument("--version", action="version", version=f"papertui {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)

    p_list = sub.add_parser("list", parents=[common], help="print the papers", description="Print the papers.")
    p_list.add_argument("--json", action="store_true", help="print a JSON array")
    _selection_options(p_list)

    p_search = sub.add_parser(
        "search",
        parents=[common],
        help="search the papers (same query language as / in the TUI)",
        description='Search the papers, best match first. Words are AND-ed; "a phrase", -word, '
        "tag:X list:X sec:X id:X year:YYYY is:read|unread|starred|pdf.",
    )
    p_search.add_argument("query", nargs="*", metavar="QUERY")
    p_search.add_argument("--json", action="store_true", help="print a JSON array")
    p_search.add_argument("--saved", metavar="NAME", help="run the saved search NAME ([[searches]] in config.toml)")

    p_export = sub.add_parser(
        "export",
        parents=[common],
        help="export papers as BibTeX, RIS, CSL-JSON, Markdown, CSV or JSON",
        description="Export papers (all, or those selected by state, category and query).",
    )
    p_export.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="bibtex")
    _selection_options(p_export)
    p_export.add_argument("--query", "-q", metavar="Q", help="only papers matching a search query")
    p_export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p_import = sub.add_parser(
        "import",
        parents=[common],
        help="import a digest article (Markdown, HTML, text; a file or a URL), arXiv e-mail, id list, BibTeX or list JSON",
        description="Turn FILE (or - for standard input, or an http(s) URL) into a reading list in your data dir. "
        "A list with the same title is never replaced: the new one is 'Title (2)'. --name NAME adds the papers "
        "to list NAME, keeping those it has.",
    )
    p_import.add_argument("file", metavar="FILE|-|URL")
    p_import.add_argument("--name", help="update (or make) the list NAME (default: a new list named after the article)")
    p_import.add_argument("--fetch", action="store_true", help="take titles and authors from the arXiv API")
    p_import.add_argument("--dry-run", action="store_true", help="show what would be imported; save nothing")
    p_import.add_argument("--json", action="store_true", help="print the papers as a JSON array")

    p_fetch = sub.add_parser(
        "fetch",
        parents=[common],
        help="fetch authors, abstract, dates and categories from the arXiv API",
        description="Fetch metadata for the given papers, or with --all-missing for every paper that has none. "
        "The API base URL is $PAPERTUI_ARXIV_API when set.",
    )
    p_fetch.add_argument("ids", nargs="*", metavar="ID")
    p_fetch.add_argument("--all-missing", action="store_true", help="every paper with an arXiv id and no metadata")

    p_add = sub.add_parser(
        "add",
        parents=[common],
        help='add papers by arXiv id or URL to "My papers"',
        description='Add papers to the "My papers" list, with title and abstract from the arXiv API.',
    )
    p_add.add_argument("ids", nargs="+", metavar="ID|URL")

    p_pdf = sub.add_parser(
        "pdf",
        parents=[common],
        help="download a paper's PDF into the data dir (and open it)",
        description="Download the PDF of each paper into pdfs/ in the data dir (a PDF already there is kept) "
        "and print its path. The PDF host is $PAPERTUI_ARXIV_PDF when set.",
    )
    p_pdf.add_argument("ids", nargs="*", metavar="ID")
    p_pdf.add_argument("--open", action="store_true", help="open it with the PDF viewer (pdf_viewer in config.toml)")
    p_pdf.add_argument("--all-starred", action="store_true",
                       help="every starred paper with an arXiv id, paced politely")

    p_similar = sub.add_parser(
        "similar",
        parents=[common],
        help="the papers of your library most like one paper (local TF-IDF)",
        description="Papers of your library closest to ID by title, tags, summary and abstract, best first. "
        "The index is kept in cache/ of the data dir and rebuilt when the papers change.",
    )
    p_similar.add_argument("id", metavar="ID")
    p_similar.add_argument("-n", type=int, default=10, metavar="N", help="how many (default 10)")
    p_similar.add_argument("--json", action="store_true", help="print a JSON array (with a score each)")

    p_cite = sub.add_parser(
        "cite-counts",
        parents=[common],
        help="fetch citation counts from Semantic Scholar",
        description="Fetch citation and influential-citation counts from the Semantic Scholar Graph API "
        "($PAPERTUI_S2_API when set) into the state file. API key: $S2_API_KEY or s2_api_key in config.toml.",
    )
    p_cite.add_argument("ids", nargs="*", metavar="ID")
    p_cite.add_argument("--all", action="store_true", help="every paper with an arXiv id")

    p_follow = sub.add_parser(
        "follow",  # (not parents=[common]: its --list is "show the feeds", not an extra list file)
        help="follow an arXiv category or search query (a feed)",
        description="Follow an arXiv category (cs.CL) or an arXiv API search query (ti:\"kv cache\" AND cat:cs.LG, "
        "au:Dao_T, abs:quantization): papertui update brings its new papers in as a reading list.",
    )
    p_follow.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the state file")
    p_follow.add_argument("query", nargs="*", metavar="QUERY")
    p_follow.add_argument("--name", help="the feed's name (default: the query)")
    p_follow.add_argument("--list", dest="show", action="store_true", help="show the feeds followed")
    p_follow.add_argument("--json", action="store_true", help="with --list: print a JSON array")

    p_unfollow = sub.add_parser(
        "unfollow", parents=[common], help="stop following a feed",
        description="Stop following a feed. Its papers you read, starred, noted or tagged move to "
        f"the list {'Kept from feeds'!r}; the others go.",
    )
    p_unfollow.add_argument("name", metavar="NAME")

    p_update = sub.add_parser(
        "update", parents=[common], help="fetch the feeds' new papers from the arXiv API",
        description="Fetch what is new for each feed (or the ones named). Safe from cron and while the TUI runs. "
        "The API base URL is $PAPERTUI_ARXIV_API when set.",
    )
    p_update.add_argument("names", nargs="*", metavar="NAME")
    p_update.add_argument("--json", action="store_true", help="print a JSON array: name, new, total, dropped")

    p_stats = sub.add_parser(
        "stats", parents=[common], help="read / starred per list and section", description="Reading progress."
    )
    p_stats.add_argument("--json", action="store_true", help="print a JSON object")

    p_mark = sub.add_parser(
        "mark",
        parents=[common],
        help="mark papers read/unread, starred/unstarred",
        description="Change the state of papers by arXiv id, arXiv URL or paper id. Default: --read.",
    )
    p_mark.add_argument("ids", nargs="+", metavar="ID")
    read = p_mark.add_mutually_exclusive_group()
    read.add_argument("--read", dest="read", action="store_const", const=True)
    read.add_argument("--unread", dest="read", action="store_const", const=False)
    star = p_mark.add_mutually_exclusive_group()
    star.add_argument("--star", dest="star", action="store_const", const=True)
    star.add_argument("--unstar", dest="star", action="store_const", const=False)

    p_note = sub.add_parser(
        "note",
        parents=[common],
        help="print or set a paper's note",
        description="Print a paper's note, or set it to TEXT ('-': read it from stdin; '': clear it).",
    )
    p_note.add_argument("id", metavar="ID")
    p_note.add_argument("text", nargs="?", metavar="TEXT")

    p_sync = sub.add_parser(
        "sync",
        parents=[common],
        help="merge marks with other machines through a synced folder",
        description="Send this machine's changes to the sync folder and take in the other machines' changes.",
    )
    p_sync.add_argument("--dir", metavar="DIR", help="the sync folder (saved as sync_dir in config.toml)")
    p_sync.add_argument("--json", action="store_true", help="print a JSON object: changed, papers, devices, sent")
    p_sync.add_argument("--status", action="store_true", help="show the devices in the folder, last seen, unread files")
    from .cli_lists import add_parsers

    add_parsers(sub, common)
    return parser


def _open_library(args: argparse.Namespace, *, quiet_messages: bool = False, defer_slow: bool = False):
    from .library import Library

    lib = Library.open(db=args.db, extra_lists=args.lists or (), defer_slow=defer_slow)  # (StateError: main says it)
    if not quiet_messages:
        for message in lib.messages:
            print(f"papertui: {message}", file=sys.stderr)
        lib.catalog.write_caches()  # a command is short: write a new list cache now
    return lib


def _selected(lib, args: argparse.Namespace) -> list[int]:
    query = getattr(args, "query", None)
    indices = list(lib.catalog.unique)
    if args.category or query:
        from .query import category_query
        from .services import Indexes

        index = Indexes(lib).search(warm=False)
        if args.category:  # --category is a query of the search language (one rule for the TUI and the CLI)
            indices = index.search(category_query(args.category)).indices
        if query:
            allowed = set(indices)
            indices = [i for i in index.search(query).indices if i in allowed]
    if args.in_list is not None:
        from .cli_lists import in_list

        mine = set(in_list(lib, args.in_list))
        indices = [i for i in indices if i in mine]
    state = args.state
    if state == "read":
        return lib.filter(indices, read=True)
    if state == "unread":
        return lib.filter(indices, read=False)
    if state == "starred":
        return lib.filter(indices, starred=True)
    return indices


def cmd_list(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    return _print_papers(lib, _selected(lib, args), as_json=args.json)


def cmd_search(args: argparse.Namespace) -> int:
    from .cli_lists import search_query
    from .services import Indexes

    query = search_query(args)  # (the words given, or a saved search's)
    lib = _open_library(args)
    result = Indexes(lib).search(warm=False).search(query)
    _print_papers(lib, result.indices, as_json=args.json)
    return EXIT_OK if result.indices else EXIT_ERROR  # grep's convention: no match, exit 1


def _print_papers(lib, indices: list[int], *, as_json: bool) -> int:
    from .pdfs import local_ids, local_path

    local = local_ids()
    arxivs = lib.catalog.arxivs
    if as_json:
        from itertools import islice

        import orjson

        # One JSON array, written a batch of papers at a time (the array's bytes are those of
        # one dump of them all; 640k papers are 350 MB of JSON, never all in memory at once).
        write, step, each = _stdout_bytes(), 4096, lib.iter_records(indices)
        write(b"[" if indices else b"[]")
        for start in range(0, len(indices), step):
            batch = indices[start : start + step]
            records = list(islice(each, len(batch)))
            for i, rec in zip(batch, records):
                rec["pdf"] = str(local_path(arxivs[i])) if arxivs[i] in local else None
            data = orjson.dumps(records, option=orjson.OPT_INDENT_2)  # b"[\n  {...},\n  {...}\n]"
            write(data[1:-2] if start == 0 else b"," + data[1:-2])
        write(b"\n]\n" if indices else b"\n")
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .model import count
    from .wrap import clip

    read = lib.count_read(indices)
    footer = f"{count(len(indices), 'paper')}, {read:,} read" if indices else "no papers match"
    if not sys.stdout.isatty():
        # For scripts: one line per paper, tab-separated, nothing cut; the footer on stderr.
        for i in indices:
            p = lib.catalog.papers[i]
            mark = ("✓" if lib.store.is_read(p.key) else "●") + ("★" if lib.store.is_starred(p.key) else " ")
            sys.stdout.write(f"{mark}\t{p.arxiv or '—'}\t{p.title}\t{p.list_title} › {p.section_title}\n")
        print(footer, file=sys.stderr)
        return EXIT_OK
    console = Console(highlight=False)
    # Rich collapses narrow columns when a no-wrap cell overflows, so fit cells here.
    place_width = min(34, max(12, console.width // 3))
    title_width = max(12, console.width - place_width - 2 - 10 - 6)
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("", no_wrap=True)
    table.add_column("arXiv", no_wrap=True, style="cyan")
    table.add_column("Title", no_wrap=True)
    table.add_column("List › Section", no_wrap=True, style="dim")
    for i in indices:
        p = lib.catalog.papers[i]
        mark = ("✓" if lib.store.is_read(p.key) else "●") + ("★" if lib.store.is_starred(p.key) else " ")
        mark += "↓" if p.arxiv in local else " "
        title = Text(clip(p.title, title_width))
        place = Text(clip(f"{p.list_title} › {p.section_title}", place_width))
        table.add_row(
            Text(mark, style="yellow" if lib.store.is_starred(p.key) else ""),
            Text(p.arxiv or "—"),
            title,
            place,
        )
    if indices:
        console.print(table)
    Console(stderr=True, highlight=False).print(Text(footer, style="dim"))
    return EXIT_OK


def _stdout_bytes():
    """A function writing bytes to standard output (no decoding of big JSON to text and back)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # (a text stream without bytes below: a test's StringIO)
        return lambda data: sys.stdout.write(data.decode())
    sys.stdout.flush()  # (what was written as text goes first)
    return buffer.write


def cmd_export(args: argparse.Namespace) -> int:
    from .atomic import atomic_write_bytes
    from .exporters import export
    from .model import count

    lib = _open_library(args)
    indices = _selected(lib, args)
    text = export(lib, indices, args.format)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        print(f"exported {count(len(indices), 'paper')} as {args.format}", file=sys.stderr)
        return EXIT_OK
    try:
        atomic_write_bytes(Path(args.output), text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"exported {count(len(indices), 'paper')} as {args.format} to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lib = _open_library(args)
    if args.json:
        return _stats_json(lib)
    table = Table(box=None, pad_edge=False, header_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("List › Section", "left"), ("read", "right"), ("total", "right"), ("starred", "right"), ("", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=True)

    def row(label: Text, indices: list[int]) -> None:
        read = lib.count_read(indices)
        starred = len(lib.filter(indices, starred=True))
        total = len(indices)
        width = 10
        filled = round(width * read / total) if total else 0
        bar = Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")
        pct = f" {100 * read // total if total else 0:3d}%"
        table.add_row(label, str(read), str(total), str(starred), bar + Text(pct))

    for cat in lib.categories():
        if cat.kind == "list":
            row(Text(cat.label, style="bold"), cat.indices)
        elif cat.kind == "section":
            row(Text("  " + cat.label), cat.indices)
    row(Text("All papers", style="bold"), list(lib.catalog.unique))
    Console(highlight=False).print(table)
    return EXIT_OK


def _stats_json(lib) -> int:
    """``{"lists": [{title, read, total, starred, sections: [...]}], "all": {...}}``."""
    def counts(indices: list[int]) -> dict:
        starred = len(lib.filter(indices, starred=True))
        return {"read": lib.count_read(indices), "total": len(indices), "starred": starred}

    lists: list[dict] = []
    for cat in lib.categories():
        if cat.kind == "list":
            lists.append({"title": cat.label, **counts(cat.indices), "sections": []})
        elif cat.kind == "section" and lists:
            lists[-1]["sections"].append({"title": cat.label, **counts(cat.indices)})
    doc = {"lists": lists, "all": counts(list(lib.catalog.unique))}
    _print_json(doc)
    return EXIT_OK


def _feed_settings():
    from . import paths
    from .settings import load_settings

    settings = load_settings(paths.config_path())
    for problem in settings.problems:
        print(f"papertui: {problem}", file=sys.stderr)
    return settings


def cmd_follow(args: argparse.Namespace) -> int:
    from . import feeds, paths

    if args.show:
        if args.query or args.name:
            raise CliError("follow --list takes no query or --name")
        return _list_feeds(args)
    if args.json:
        raise CliError("--json goes with follow --list")
    if not args.query:
        raise CliError('give a category (cs.CL) or a query (\'ti:"kv cache" AND cat:cs.LG\'), or --list')
    feed = feeds.follow(paths.config_path(), " ".join(args.query), args.name)
    print(f"following {feed.name!r} ({feed.search_query}); papertui update brings its papers in", file=sys.stderr)
    _sync_after_change(args=args)
    return EXIT_OK


def _list_feeds(args: argparse.Namespace) -> int:
    from datetime import datetime

    from . import feeds, paths
    from .services import followed_feeds

    followed = followed_feeds(_feed_settings())
    lib = _open_library(args, quiet_messages=True)
    rows = []
    for feed in followed:
        indices = feeds.feed_papers(lib, feed, paths.feeds_dir())
        status = feeds.read_status(feed.status_path(paths.feeds_dir()))
        updated = None
        if status.updated is not None:
            updated = datetime.fromtimestamp(status.updated).astimezone().isoformat(timespec="seconds")
        rows.append({
            "name": feed.name, "query": feed.query, "search_query": feed.search_query,
            "papers": len(indices), "unread": len(indices) - lib.count_read(indices), "updated": updated,
        })
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("not following anything yet: papertui follow cs.CL", file=sys.stderr)
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Feed", "left"), ("Query", "left"), ("papers", "right"), ("unread", "right"), ("last update", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=name != "Query")
    for row in rows:
        when = row["updated"][:16].replace("T", " ") if row["updated"] else "never"
        table.add_row(Text(row["name"]), Text(row["search_query"]), str(row["papers"]), str(row["unread"]), when)
    Console(highlight=False).print(table)
    return EXIT_OK


def cmd_unfollow(args: argparse.Namespace) -> int:
    from . import feeds, paths

    lib = _open_library(args, quiet_messages=True)
    try:
        kept = feeds.unfollow(paths.config_path(), args.name, paths.feeds_dir(), paths.user_lists_dir(), lib.store)
    except OSError as exc:
        raise CliError(f"cannot change the feed files: {exc.strerror or exc}") from None
    papers = "1 paper you marked is" if kept == 1 else f"{kept} papers you marked are"
    more = f"; {papers} kept in {feeds.KEPT_LIST!r}" if kept else ""
    print(f"stopped following {args.name!r}{more}", file=sys.stderr)
    _sync_after_change(lib)
    return EXIT_OK


def cmd_update(args: argparse.Namespace) -> int:
    from . import paths, services
    from .store import Store

    settings = _feed_settings()
    followed = services.followed_feeds(settings, args.names)  # (a JobError: main says it)
    if not followed:
        print("not following anything yet: papertui follow cs.CL", file=sys.stderr)
        return EXIT_OK
    store = Store.open(Path(args.db) if args.db else paths.state_path())
    for warning in store.warnings:
        print(f"papertui: {warning}", file=sys.stderr)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int | None) -> None:
        if tty:
            print(f"\r{current[0]}: {done} papers…", end="", file=sys.stderr, flush=True)

    current = [""]
    results, errors = services.update_feeds(
        followed, store, settings, on_feed=lambda i, f: current.__setitem__(0, f.name), progress=progress,
        on_wait=lambda message: print(f"\r{message}", file=sys.stderr) if tty else None,
    )
    if tty:
        print("\r\033[K", end="", file=sys.stderr)
    services.cache_feed_lists(results)  # now, so the TUI and the next start read them quickly
    if args.json:
        rows = [{"name": r.name, "new": r.new, "total": r.total, "dropped": r.dropped} for r in results]
        _print_json(rows)
    else:
        for r in results:
            left = f", {r.dropped} old ones left" if r.dropped else ""
            print(f"{r.name}: {r.new} new paper{'s' if r.new != 1 else ''} ({r.total} in the feed{left})")
    for error in errors:
        print(f"papertui: {error}; nothing stored for it", file=sys.stderr)
    skipped = len(followed) - len(results) - len(errors)
    if skipped:
        print(f"papertui: {skipped} more feed{'s' if skipped != 1 else ''} not tried", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_OK


def cmd_mark(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    keys = []
    unknown = []
    for ref in args.ids:
        key = lib.catalog.resolve(ref)
        (keys.append(key) if key else unknown.append(ref))
    if unknown:
        raise CliError(f"unknown paper: {', '.join(unknown)} (give an arXiv id, an arXiv URL or a paper id)")
    read = args.read
    if read is None and args.star is None:
        read = True
    fields = {}
    if read is not None:
        fields["read"] = read
    if args.star is not None:
        fields["starred"] = args.star
    for key in keys:
        lib.store.update(key, **fields)
    _flush(lib, "the marks are")
    words = {"read": ("read", "unread"), "starred": ("starred", "unstarred")}
    what = ", ".join(words[name][0 if value else 1] for name, value in fields.items())
    lost = []
    for key in keys:
        saved = lib.store.get(key)  # (as the file now has it: another papertui may have changed it since)
        if all(bool(saved.get(name)) == value for name, value in fields.items()):
            print(f"{key}: {what}  {lib.catalog.first(key).title}")
        else:
            now = ", ".join(words[name][0 if saved.get(name) else 1] for name in fields)
            lost.append(f"{key}: not changed: another papertui changed it at the same time (now {now})")
    for line in lost:
        print(f"papertui: {line}", file=sys.stderr)
    _sync_after_change(lib)
    return EXIT_ERROR if lost else EXIT_OK


def _flush(lib, what: str) -> None:
    """Write the marks; when the state file cannot be written, the error says where ``what``
    (``"the note is"``) is kept meanwhile."""
    from .store import StateError

    try:
        lib.store.flush()
    except StateError as exc:
        raise CliError(f"{exc}{_kept(lib, what)}") from None


def _kept(lib, what: str, then: str = "will be saved") -> str:
    """``; the note is kept in PATH and will be saved at the next start`` (or nothing: nothing kept)."""
    kept = lib.store.kept_in
    return f"; {what} kept in {kept} and {then} at the next start" if kept else ""


def _print_json(value) -> None:
    """``value`` on stdout as indented JSON (every ``--json``)."""
    import orjson

    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def _resolve_one(lib, ref: str) -> str:
    key = lib.catalog.resolve(ref)
    if not key:
        raise CliError(f"unknown paper: {ref} (give an arXiv id, an arXiv URL or a paper id)")
    return key


def cmd_note(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    key = _resolve_one(lib, args.id)
    if args.text is None:
        note = lib.note(key)
        if note:
            sys.stdout.write(note if note.endswith("\n") else note + "\n")
        return EXIT_OK
    text = sys.stdin.read() if args.text == "-" else args.text
    from .textsafe import clean_note

    lib.store.update(key, note=clean_note(text).rstrip())
    _flush(lib, "the note is")
    _sync_after_change(lib)
    return EXIT_OK


def _sync_after_change(lib=None, args: argparse.Namespace | None = None) -> None:
    """With a sync folder set, a change made on the command line is sent at once (best
    effort: a folder that is offline now is synced next time). Without ``lib``, the state
    file (``args.db``) is opened only when there is a folder."""
    from .services import sync_now
    from .settings import load_settings
    from .sync import SyncError

    folder = load_settings(paths.config_path()).sync_dir
    if not folder:
        return
    from .store import StateError, Store

    try:
        store = lib.store if lib is not None else Store.open(getattr(args, "db", None) or paths.state_path())
        report = sync_now(store, folder)
    except (SyncError, StateError) as exc:
        print(f"papertui: {exc}; the change is sent at the next sync", file=sys.stderr)
        return
    for line in report.warnings:
        print(f"papertui: {line}", file=sys.stderr)


def cmd_tui(args: argparse.Namespace) -> int:
    from .heap import one_malloc_arena

    one_malloc_arena()  # before the app starts its worker threads
    lib = _open_library(args, quiet_messages=True, defer_slow=True)
    from .tui.app import PaperApp

    app = PaperApp(lib)
    try:
        app.run()
    except KeyboardInterrupt:
        # ctrl+c while the app was ending (screen gone, some worker thread still busy): the
        # marks were written when the app unmounted; end now rather than wait for that thread.
        try:
            lib.store.close()
        except Exception:  # StateError: already reported by the app
            pass
        os._exit(130)
    try:
        lib.store.close()
    except Exception as exc:  # StateError: the app has already tried and told the user
        print(f"papertui: {exc}{_kept(lib, 'the unsaved changes are', 'will be restored')}", file=sys.stderr)
        return EXIT_ERROR
    _sync_after_change(lib)  # (the last marks reach the other machines now, not at the next start)
    return app.return_code or EXIT_OK


# Commands that build the library and their output once and then exit: no cycle collection
# while they run (see heap.collector_paused; a third of `list --json` at 600k papers).
BUILD_AND_EXIT = frozenset({"list", "search", "export", "stats", "import"})


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .cli_jobs import cmd_add, cmd_cite_counts, cmd_fetch, cmd_import, cmd_pdf, cmd_similar
    from .cli_sync import cmd_sync

    handlers = {
        "list": cmd_list,
        "search": cmd_search,
        "export": cmd_export,
        "stats": cmd_stats,
        "import": cmd_import,
        "fetch": cmd_fetch,
        "add": cmd_add,
        "mark": cmd_mark,
        "pdf": cmd_pdf,
        "similar": cmd_similar,
        "cite-counts": cmd_cite_counts,
        "note": cmd_note,
        "sync": cmd_sync,
        "follow": cmd_follow,
        "unfollow": cmd_unfollow,
        "update": cmd_update,
        None: cmd_tui,
    }
    from .cli_lists import HANDLERS

    handlers.update(HANDLERS)
    try:
        if args.command in BUILD_AND_EXIT:
            from .heap import collector_paused

            with collector_paused():
                return handlers[args.command](args)
        return handlers[args.command](args)
    except PapertuiError as exc:  # (every error for the user, CliError among them: one line, exit 1)
        print(f"papertui: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
