"""Command line for the user's own lists (mylists.py) and saved searches.

``list-new``, ``list-add``, ``list-remove``, ``list-rename``, ``list-delete``, ``lists``;
``papertui list --in NAME`` and ``search --saved NAME`` are wired in cli.py. Errors are one line.
"""

from __future__ import annotations

import argparse
import sys

from .cli import EXIT_OK, CliError, _flush, _open_library, _print_json, _resolve_one, _sync_after_change


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list-new", parents=[common], help="make a list of your own",
                       description="Make a new, empty list of your own (papertui list-add puts papers in it).")
    p.add_argument("name", metavar="NAME")
    for command, verb in (("list-add", "put papers in"), ("list-remove", "take papers out of")):
        p = sub.add_parser(command, parents=[common], help=f"{verb} one of your lists",
                           description=f"{verb.capitalize()} your list NAME (by arXiv id, arXiv URL or paper id). "
                           "A paper keeps its read / star / note state in every list.")
        p.add_argument("name", metavar="NAME")
        p.add_argument("ids", nargs="+", metavar="ID")
    p = sub.add_parser("list-rename", parents=[common], help="rename one of your lists",
                       description="Rename your list NAME to NEW.")
    p.add_argument("name", metavar="NAME")
    p.add_argument("new", metavar="NEW")
    p = sub.add_parser("list-delete", parents=[common], help="delete one of your lists (the papers' marks stay)",
                       description="Delete your list NAME. Its papers stay in their reading lists, with their marks.")
    p.add_argument("name", metavar="NAME")
    p = sub.add_parser("lists", parents=[common], help="your own lists, with unread / total",
                       description="Your own lists (papertui list --in NAME prints one).")
    p.add_argument("--json", action="store_true", help="print a JSON array: id, name, papers, unread")


def _save(lib, changes: dict) -> None:
    if changes:
        lib.store.update_many(changes)
    _flush(lib, "the change is")
    _sync_after_change(lib)


def cmd_list_new(args: argparse.Namespace) -> int:
    from .mylists import new_list

    lib = _open_library(args)
    made, changes = new_list(lib.store, args.name)  # (a ListError: main says it)
    _save(lib, changes)
    print(f"made the list {made.name!r}; papertui list-add {_quoted(made.name)} ID… puts papers in it", file=sys.stderr)
    return EXIT_OK


def cmd_list_members(args: argparse.Namespace) -> int:
    from .model import count
    from .mylists import find, membership

    lib = _open_library(args)
    target = find(lib.store, args.name)
    keys = [_resolve_one(lib, ref) for ref in args.ids]
    add = args.command == "list-add"
    changes = membership(lib.store, keys, target.id, add)
    _save(lib, changes)
    moved = count(len(changes), "paper")
    already = len(dict.fromkeys(keys)) - len(changes)
    rest = f" ({already} already {'in it' if add else 'not in it'})" if already else ""
    print(f"{moved} {'added to' if add else 'taken out of'} {target.name!r}{rest}", file=sys.stderr)
    return EXIT_OK


def cmd_list_rename(args: argparse.Namespace) -> int:
    from .mylists import find, rename

    lib = _open_library(args)
    target = find(lib.store, args.name)
    changes = rename(lib.store, target, args.new)
    _save(lib, changes)
    print(f"renamed {target.name!r} to {changes[target.key]['name']!r}", file=sys.stderr)
    return EXIT_OK


def cmd_list_delete(args: argparse.Namespace) -> int:
    from .mylists import delete, find

    lib = _open_library(args)
    target = find(lib.store, args.name)
    _save(lib, delete(target))
    print(f"deleted the list {target.name!r} (its papers keep their marks)", file=sys.stderr)
    return EXIT_OK


def cmd_lists(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    rows = []
    for cat in lib.my_list_categories():
        rows.append({"id": cat.id.split(":", 1)[1], "name": cat.label, "papers": len(cat.indices),
                     "unread": len(cat.indices) - lib.count_read(cat.indices)})
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("no lists of your own yet: papertui list-new NAME", file=sys.stderr)
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("List")
    table.add_column("papers", justify="right")
    table.add_column("unread", justify="right")
    for row in rows:
        table.add_row(Text(row["name"]), str(row["papers"]), str(row["unread"]))
    Console(highlight=False).print(table)
    return EXIT_OK


def in_list(lib, name: str) -> list[int]:
    """``list --in NAME``: the list's papers, in catalog order."""
    from .mylists import find

    target = find(lib.store, name)
    return next((c.indices for c in lib.my_list_categories() if c.id == target.key), [])


def search_query(args: argparse.Namespace) -> str:
    """``search``'s query: the words given, or with ``--saved NAME`` that saved search's."""
    from .cli import _feed_settings

    query = " ".join(args.query)
    if args.saved is None:
        if not query:
            raise CliError("give a query (papertui search kv cache), or --saved NAME")
        return query
    if query:
        raise CliError("give a query or --saved NAME, not both")
    from .saved_searches import find

    return find(_feed_settings(), args.saved)["query"]  # (a SavedSearchError: main says it)


def _quoted(name: str) -> str:
    import shlex

    return shlex.quote(name)


HANDLERS = {
    "list-new": cmd_list_new,
    "list-add": cmd_list_members,
    "list-remove": cmd_list_members,
    "list-rename": cmd_list_rename,
    "list-delete": cmd_list_delete,
    "lists": cmd_lists,
}
