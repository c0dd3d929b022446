"""Command line: ``papertui`` (the TUI), ``papertui list``, ``papertui mark``.

Textual is imported only when the TUI actually starts. User errors print one
line to stderr and exit non-zero; no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
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


def _selection_options(parser: argparse.ArgumentParser) -> None:
    """--read / --unread / --starred and --category, as list and export take them."""
    state = parser.add_mutually_exclusive_group()
    for flag in ("read", "unread", "starred"):
        state.add_argument(f"--{flag}", dest="state", action="store_const", const=flag, help=f"only {flag} papers")
    parser.add_argument("--category", metavar="TEXT", help="only papers whose list, section or tag matches TEXT")


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
        "tag:X list:X sec:X id:X year:YYYY is:read|unread|starred.",
    )
    p_search.add_argument("query", nargs="+", metavar="QUERY")
    p_search.add_argument("--json", action="store_true", help="print a JSON array")

    p_export = sub.add_parser(
        "export",
        parents=[common],
        help="export papers as BibTeX, Markdown, CSV or JSON",
        description="Export papers (all, or those selected by state, category and query).",
    )
    p_export.add_argument("--format", "-f", choices=("bibtex", "markdown", "csv", "json"), default="bibtex")
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
    return parser


def _open_library(args: argparse.Namespace, *, quiet_messages: bool = False, defer_slow: bool = False):
    from .library import Library
    from .store import StateError

    try:
        lib = Library.open(db=args.db, extra_lists=args.lists or (), defer_slow=defer_slow)
    except StateError as exc:
        raise CliError(str(exc)) from None
    if not quiet_messages:
        for message in lib.messages:
            print(f"papertui: {message}", file=sys.stderr)
        lib.catalog.write_caches()  # a command is short: write a new list cache now
    return lib


def _selected(lib, args: argparse.Namespace) -> list[int]:
    indices = lib.catalog.find(args.category) if args.category else list(lib.catalog.unique)
    query = getattr(args, "query", None)
    if query:
        from .search import SearchIndex

        allowed = set(indices)
        indices = [i for i in SearchIndex(lib).search(query).indices if i in allowed]
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
    _print_papers(lib, result.indices, as_json=args.json)
    return EXIT_OK if result.indices else EXIT_ERROR  # grep's convention: no match, exit 1


def _print_papers(lib, indices: list[int], *, as_json: bool) -> int:
    if as_json:
        import orjson

        sys.stdout.write(orjson.dumps([lib.record(i) for i in indices], option=orjson.OPT_INDENT_2).decode())
        sys.stdout.write("\n")
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


def cmd_import(args: argparse.Namespace) -> int:
    from . import paths
    from .importers import ImportError_, fetch_titles, run

    try:
        outcome = run(args.file, args.name, dry_run=True)  # read and parse; saved below
    except ImportError_ as exc:
        message = str(exc)
        where = "stdin" if args.file == "-" else args.file
        raise CliError(message if message.startswith(where) else f"{where}: {message}") from None
    imported = outcome.imported
    if args.fetch:
        print(fetch_titles(imported)[0], file=sys.stderr)
    papers = [
        {"title": p.title, "arxiv": p.arxiv, "section": section, "summary": p.summary,
         "related": [a for _, a in p.related], "title_source": p.title_source}
        for section, p in imported.papers
    ]
    if args.json:
        import orjson

        sys.stdout.write(orjson.dumps(papers, option=orjson.OPT_INDENT_2).decode() + "\n")
    if args.dry_run:
        if not args.json:
            for p in papers:
                print(f"{p['arxiv'] or '—':>11}  {p['section'][:20]:<20}  {p['title']}")
        print(outcome.message, file=sys.stderr)
        return EXIT_OK
    _open_library(args, quiet_messages=True)  # a state file papertui cannot use stops here, as in every command
    from .importers import save

    what = outcome.message.removeprefix("dry run: ").removesuffix("; nothing saved")
    try:
        saved = save(imported, outcome.name, paths.user_lists_dir(), update=args.name is not None, what=what)
    except OSError as exc:
        raise CliError(f"cannot save the list: {exc.strerror or exc}") from None
    print(saved.message, file=sys.stderr)
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace) -> int:
    from .arxiv_api import ArxivError, Client
    from .arxiv_ids import normalize as normalize_arxiv
    from .store import StateError

    lib = _open_library(args)
    if args.all_missing:
        ids = [a for a in dict.fromkeys(lib.catalog.arxivs) if a and not lib.store.has_metadata(a)]
    else:
        ids = []
        for ref in args.ids:
            arxiv = normalize_arxiv(ref)
            if arxiv is None:
                raise CliError(f"not an arXiv id or URL: {ref}")
            ids.append(arxiv)
    if not ids:
        print("nothing to fetch" if args.all_missing else "give arXiv ids, or --all-missing", file=sys.stderr)
        return EXIT_OK if args.all_missing else EXIT_USAGE

    def progress(done: int, total: int) -> None:
        if total > 100:  # more than one request: say how far it is
            print(f"fetched {done}/{total}", file=sys.stderr)

    try:
        records = Client().fetch(ids, progress=progress)
        lib.store.put_metadata(records)
    except (ArxivError, StateError) as exc:
        raise CliError(f"{exc}; nothing was stored") from None
    from .model import count

    print(f"stored metadata for {count(len(records), 'paper')}", file=sys.stderr)
    filled = _fill_queued(records)
    if filled:
        print(f"filled in {count(filled, 'queued paper')} in \"My papers\"", file=sys.stderr)
    return EXIT_OK


def _fill_queued(records: dict[str, dict]) -> int:
    """Papers ``add`` queued offline get their title and abstract in "My papers"."""
    from . import paths
    from .importers import ImportError_, fill_queued

    try:
        return fill_queued(records, paths.user_lists_dir())
    except (ImportError_, OSError) as exc:
        print(f"papertui: {exc}", file=sys.stderr)
        return 0


def cmd_add(args: argparse.Namespace) -> int:
    from . import paths
    from .arxiv_api import ArxivError, Client
    from .importers import MY_PAPERS, ImportError_, add_to_my_papers, queued_records
    from .model import count
    from .net import transient
    from .store import StateError

    lib = _open_library(args)
    offline = None
    try:
        records = Client().fetch(args.ids)
        lib.store.put_metadata(records)
    except ArxivError as exc:
        if not transient(exc):  # an unknown id, a refusal: nothing to try again later
            raise CliError(f"{exc}; nothing was added") from None
        offline = exc  # the ids are valid (fetch checks them first): queue them
        records = queued_records(args.ids)
    except StateError as exc:
        raise CliError(f"{exc}; nothing was added") from None
    try:
        path = add_to_my_papers(records, paths.user_lists_dir())
    except (ImportError_, OSError) as exc:
        raise CliError(f"{exc}; nothing was added") from None
    for arxiv, rec in records.items():
        print(f"{arxiv}: {rec['title']}")
    if offline is not None:
        print(f"{offline}: queued {count(len(records), 'paper')} in {MY_PAPERS!r} ({path}); "
              "`papertui fetch --all-missing` (or F in the TUI) fetches them later", file=sys.stderr)
    else:
        print(f"added {count(len(records), 'paper')} to {MY_PAPERS!r} ({path})", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lib = _open_library(args)
    if args.json:
        return _stats_json(lib)
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in (("List › Section", "left"), ("read", "right"), ("total", "right"), ("starred", "right"), ("", "left")):
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
    import orjson

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
    sys.stdout.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n")
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
        kept = lib.store.kept_in
        where = f"; the marks are kept in {kept} and will be saved at the next start" if kept else ""
        raise CliError(f"{exc}{where}") from None
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
    return EXIT_ERROR if lost else EXIT_OK


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
        except Exception:  # noqa: BLE001, S110  (StateError: already reported by the app)
            pass
        os._exit(130)
    try:
        lib.store.close()
    except Exception as exc:  # StateError: the app has already tried and told the user
        kept = lib.store.kept_in
        where = f"; the unsaved changes are kept in {kept} and will be restored at the next start" if kept else ""
        print(f"papertui: {exc}{where}", file=sys.stderr)
        return EXIT_ERROR
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {
        "list": cmd_list,
        "search": cmd_search,
        "export": cmd_export,
        "stats": cmd_stats,
        "import": cmd_import,
        "fetch": cmd_fetch,
        "add": cmd_add,
        "mark": cmd_mark,
        None: cmd_tui,
    }
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
