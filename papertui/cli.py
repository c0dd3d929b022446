"""Command line: ``papertui`` (the TUI), ``papertui list``, ``papertui mark``.

Textual is imported only when the TUI actually starts. User errors print one
line to stderr and exit non-zero; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
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
    state = p_list.add_mutually_exclusive_group()
    state.add_argument("--read", dest="state", action="store_const", const="read", help="only read papers")
    state.add_argument("--unread", dest="state", action="store_const", const="unread", help="only unread papers")
    state.add_argument("--starred", dest="state", action="store_const", const="starred", help="only starred papers")
    p_list.add_argument("--category", metavar="TEXT", help="only papers whose list, section or tag matches TEXT")

    p_search = sub.add_parser(
        "search",
        parents=[common],
        help="search the papers (same query language as / in the TUI)",
        description='Search the papers, best match first. Words are AND-ed; "a phrase", -word, '
        "tag:X list:X sec:X id:X year:YYYY is:read|unread|starred.",
    )
    p_search.add_argument("query", nargs="+", metavar="QUERY")
    p_search.add_argument("--json", action="store_true", help="print a JSON array")

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
    return parser


def _open_library(args: argparse.Namespace, *, quiet_messages: bool = False):
    from .library import Library
    from .store import StateError

    try:
        lib = Library.open(db=args.db, extra_lists=args.lists or ())
    except StateError as exc:
        raise CliError(str(exc)) from None
    if not quiet_messages:
        for message in lib.messages:
            print(f"papertui: {message}", file=sys.stderr)
        lib.catalog.write_caches()  # a command is short: write a new list cache now
    return lib


def _selected(lib, args: argparse.Namespace) -> list[int]:
    indices = lib.catalog.find(args.category) if args.category else list(lib.catalog.unique)
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
    from .search import SearchIndex

    lib = _open_library(args)
    result = SearchIndex(lib).search(" ".join(args.query))
    return _print_papers(lib, result.indices, as_json=args.json)


def _print_papers(lib, indices: list[int], *, as_json: bool) -> int:
    if as_json:
        import orjson

        sys.stdout.write(orjson.dumps([lib.record(i) for i in indices], option=orjson.OPT_INDENT_2).decode())
        sys.stdout.write("\n")
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

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
        title = Text(p.title)
        title.truncate(title_width, overflow="ellipsis")
        place = Text(f"{p.list_title} › {p.section_title}")
        place.truncate(place_width, overflow="ellipsis")
        table.add_row(
            Text(mark, style="yellow" if lib.store.is_starred(p.key) else ""),
            Text(p.arxiv or "—"),
            title,
            place,
        )
    if not indices:
        console.print(Text("no papers match", style="dim"))
        return EXIT_OK
    console.print(table)
    read = lib.count_read(indices)
    console.print(Text(f"{len(indices)} papers, {read} read", style="dim"))
    return EXIT_OK


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
    from .store import StateError

    try:
        lib.store.flush()
    except StateError as exc:
        raise CliError(str(exc)) from None
    what = ", ".join(
        word
        for word in (
            None if read is None else ("read" if read else "unread"),
            None if args.star is None else ("starred" if args.star else "unstarred"),
        )
        if word
    )
    for key in keys:
        print(f"{key}: {what}  {lib.catalog.first(key).title}")
    return EXIT_OK


def cmd_tui(args: argparse.Namespace) -> int:
    lib = _open_library(args, quiet_messages=True)
    from .tui.app import PaperApp

    app = PaperApp(lib)
    app.run()
    try:
        lib.store.close()
    except Exception as exc:  # StateError: the app has already tried and told the user
        print(f"papertui: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"list": cmd_list, "search": cmd_search, "mark": cmd_mark, None: cmd_tui}
    try:
        return handlers[args.command](args)
    except CliError as exc:
        print(f"papertui: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
