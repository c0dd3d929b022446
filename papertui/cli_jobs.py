"""The commands that run a job of ``services.py`` (arXiv metadata, adding papers, imports, PDFs,
similar papers, citation counts): each turns its arguments into a services call and prints
what it did. Imported by :func:`papertui.cli.main` when one of them runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CliError, _open_library, _print_json


def cmd_import(args: argparse.Namespace) -> int:
    from . import paths
    from .importers import ImportError_, fetch_titles, run
    from .importers.chunks import watched

    where = "stdin" if args.file == "-" else args.file
    shown = [False]

    def progress(done: int, total: int) -> None:  # (a big article, read in chunks: on a terminal, how far)
        shown[0] = True
        print(f"\rreading {where}: part {done} of {total}…", end="", file=sys.stderr, flush=True)

    try:
        with watched(progress if sys.stderr.isatty() else None):
            outcome = run(args.file, args.name, dry_run=True)  # read and parse; saved below
    except ImportError_ as exc:
        message = str(exc)
        raise CliError(message if message.startswith(where) else f"{where}: {message}") from None
    finally:
        if shown[0]:
            print("\r\033[K", end="", file=sys.stderr)
    imported = outcome.imported
    if args.fetch:
        print(fetch_titles(imported)[0], file=sys.stderr)
    papers = [
        {"title": p.title, "arxiv": p.arxiv, "section": section, "summary": p.summary,
         "related": [a for _, a in p.related], "title_source": p.title_source}
        for section, p in imported.papers
    ] if args.json or args.dry_run else []  # (what is printed: nothing when the list is saved quietly)
    if args.json:
        _print_json(papers)
    if args.dry_run:
        if not args.json:
            for p in papers:
                print(f"{p['arxiv'] or '—':>11}  {p['section']:<20.20}  {p['title']}")
        print(outcome.message, file=sys.stderr)
        return EXIT_OK
    from .importers import save
    from .store import Store

    # A state file papertui cannot use stops here, as in every command (the state alone: the lists are not
    # needed to save one, and loading a big library took seconds).
    Store.open(Path(args.db) if args.db else paths.state_path())

    what = outcome.message.removeprefix("dry run: ").removesuffix("; nothing saved")
    try:
        saved = save(imported, outcome.name, paths.user_lists_dir(), update=args.name is not None, what=what)
    except OSError as exc:
        raise CliError(f"cannot save the list: {exc.strerror or exc}") from None
    print(saved.message, file=sys.stderr)
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace) -> int:
    from . import services
    from .arxiv_ids import normalize as normalize_arxiv

    lib = _open_library(args)
    if args.all_missing:
        ids = services.missing_metadata(lib)
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
        done = services.fetch_metadata(lib.store, ids, progress=progress)
    except services.JobError as exc:
        raise CliError(f"{exc}; nothing was stored") from None
    from .model import count

    print(f"stored metadata for {count(len(done.records), 'paper')}", file=sys.stderr)
    if done.fill_problem:  # (papers `add` queued offline get their title and abstract in "My papers")
        print(f"papertui: {done.fill_problem}", file=sys.stderr)
    if done.filled:
        print(f"filled in {count(done.filled, 'queued paper')} in \"My papers\"", file=sys.stderr)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from . import services
    from .importers import MY_PAPERS
    from .model import count

    lib = _open_library(args)
    try:
        added = services.add_papers(lib.store, args.ids)
    except services.JobError as exc:
        raise CliError(f"{exc}; nothing was added") from None
    records, path, offline = added.records, added.path, added.offline
    for arxiv, rec in records.items():
        print(f"{arxiv}: {rec['title']}")
    if offline is not None:
        print(f"{offline}: queued {count(len(records), 'paper')} in {MY_PAPERS!r} ({path}); "
              "`papertui fetch --all-missing` (or F in the TUI) fetches them later", file=sys.stderr)
    else:
        print(f"added {count(len(records), 'paper')} to {MY_PAPERS!r} ({path})", file=sys.stderr)
    return EXIT_OK


def _arxiv_ids(lib, refs: Sequence[str]) -> list[str]:
    """The arXiv ids of papers given by id, URL or paper id (one line naming the rest)."""
    from .services import resolve_arxiv_ids

    ids, unknown = resolve_arxiv_ids(lib, refs)
    if unknown:
        raise CliError(f"no arXiv id for: {', '.join(unknown)} (give an arXiv id, an arXiv URL or a paper id)")
    return ids


def cmd_pdf(args: argparse.Namespace) -> int:
    from . import paths, pdfs, services
    from .settings import load_settings

    lib = _open_library(args)
    if args.all_starred:
        ids = services.starred_arxiv_ids(lib)
        if not ids:
            print("no starred paper has an arXiv id", file=sys.stderr)
            return EXIT_OK
    elif args.ids:
        ids = _arxiv_ids(lib, args.ids)
    else:
        print("give arXiv ids, or --all-starred", file=sys.stderr)
        return EXIT_USAGE
    viewer = load_settings(paths.config_path()).pdf_viewer if args.open else None
    on_wait = lambda message: print(f"papertui: {message}", file=sys.stderr)  # noqa: E731

    def report(arxiv: str, path, problem: str | None) -> None:
        if path is not None:
            print(path)
        else:
            print(f"papertui: {problem}", file=sys.stderr)

    # (a PdfError, or a NetError when cancelled: main says it)
    if len(ids) == 1:
        paths_done, problems = [services.fetch_pdf(ids[0], on_wait=on_wait).path], list[str]()
        print(paths_done[0])
    else:
        paths_done, problems = pdfs.download_many(ids, on_each=report, on_wait=on_wait)
    if args.open:
        for path in paths_done:
            pdfs.open_pdf(path, viewer)
    if problems:
        print(f"papertui: {len(problems)} of {len(ids)} PDFs could not be fetched", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def cmd_similar(args: argparse.Namespace) -> int:
    from . import similar
    from .services import Indexes

    lib = _open_library(args)
    key = lib.catalog.resolve(args.id)
    if key is None:
        raise CliError(f"unknown paper: {args.id} (give an arXiv id, an arXiv URL or a paper id)")
    def building(papers: int) -> None:
        if papers > 5000:
            print(f"papertui: indexing {papers:,} papers for similarity (kept in cache/ for next time)…",
                  file=sys.stderr)

    _lib, index = Indexes(lib).build_similar(on_build=building)
    found = similar.similar_indices(lib, index, lib.catalog.first_index[key], max(1, args.n))
    if args.json:
        out = [{**lib.record(i), "score": round(score, 4)} for i, score in found]
        _print_json(out)
        return EXIT_OK
    from rich.console import Console
    from rich.text import Text

    from .wrap import clip

    console = Console(highlight=False)
    console.print(Text(f"like: {clip(lib.catalog.first(key).title, console.width - 6)}", style="dim"))
    if not found:
        console.print(Text("nothing similar in your library", style="dim"))
    for i, score in found:
        line = f"{score:5.2f}  {(lib.catalog.arxivs[i] or '—'):>11}  "
        console.print(Text(line, style="cyan") + Text(clip(lib.catalog.titles[i], max(10, console.width - len(line)))))
    return EXIT_OK


def cmd_cite_counts(args: argparse.Namespace) -> int:
    from . import citations, paths, services
    from .model import count
    from .settings import load_settings

    lib = _open_library(args)
    if args.all:
        ids = services.arxiv_ids_of(lib, lib.catalog.unique)
    elif args.ids:
        ids = _arxiv_ids(lib, args.ids)
    else:
        print("give arXiv ids, or --all", file=sys.stderr)
        return EXIT_USAGE
    if not ids:
        print("no paper has an arXiv id", file=sys.stderr)
        return EXIT_OK

    def progress(done: int, total: int) -> None:
        if total > citations.BATCH:
            print(f"fetched {done}/{total}", file=sys.stderr)

    try:
        records = services.fetch_citations(
            lib.store, ids, load_settings(paths.config_path()).s2_api_key, progress=progress,
            on_wait=lambda message: print(f"papertui: {message}", file=sys.stderr),
        )
    except services.JobError as exc:
        raise CliError(f"{exc}; nothing was stored") from None
    first = lib.catalog.first_index
    for arxiv, rec in records.items():
        cited = "?" if rec["citations"] is None else f"{rec['citations']:,}"
        influential = "" if rec["influential"] is None else f" ({rec['influential']:,} influential)"
        key_ = lib.catalog.resolve(arxiv)
        title = lib.catalog.titles[first[key_]] if key_ else ""
        print(f"{arxiv:>11}  {cited:>7} cited{influential}  {title}".rstrip())
    unknown = sum(1 for rec in records.values() if rec["citations"] is None)
    tail = f" ({unknown} unknown to Semantic Scholar)" if unknown else ""
    print(f"stored citation counts for {count(len(records), 'paper')}{tail}", file=sys.stderr)
    return EXIT_OK
