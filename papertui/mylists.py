"""The user's own lists ("My lists"): named sets of papers, kept in the state file.

Plain Python, no Textual. A list is two kinds of fields in the store (store.py), so it is
saved, journaled, merged between processes, undone and synced like a mark:

- its definition is a record of its own, key ``mylist:ID`` (``ID``: random hex, never
  reused), whose ``name`` field is the list's name; a deleted list keeps its record with
  the name ``""`` (a tombstone: a later rename on another device brings it back, an earlier
  one does not);
- a paper's membership is its ``lists`` field, the ids of the lists it is in (a set, merged
  per id like tags). A paper in several lists is one paper: its read / star / note show in all.

Deleting a list changes only its name: the papers keep their marks (and their membership,
which an undo of the delete shows again). The functions here return ``{key: {field: value}}``
changes; the TUI applies them as one undoable step (``History.change``), the CLI with
``Store.update_many``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .errors import PapertuiError
from .store import Store
from .textsafe import clean_line, clean_name

PREFIX = "mylist:"  # a list's record in the store, and its node in the TUI's tree


class ListError(PapertuiError):
    """A user error about a list (unknown, ambiguous, bad name); ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class UserList:
    id: str  # the hex part: what a paper's ``lists`` field holds
    name: str

    @property
    def key(self) -> str:
        """The list's record in the store, and its category id in the tree."""
        return PREFIX + self.id


def all_lists(store: Store) -> list[UserList]:
    """The lists not deleted, by name (then id: two devices may have made the same name)."""
    found = [UserList(key[len(PREFIX):], clean_line(name)) for key, name in store.list_records().items()
             if key.startswith(PREFIX) and name]
    return sorted(found, key=lambda ul: (ul.name.casefold(), ul.id))


def live_ids(store: Store) -> dict[str, str]:
    """List id -> name, for the lists not deleted."""
    return {ul.id: ul.name for ul in all_lists(store)}


def lists_of(store: Store, key: str, live: dict[str, str] | None = None) -> list[str]:
    """The ids of the (not deleted) lists paper ``key`` is in."""
    live = live_ids(store) if live is None else live
    return [i for i in store.user_lists(key) if i in live]


def members(store: Store, list_id: str) -> list[str]:
    """The keys of the papers in list ``list_id`` (any order)."""
    return [key for key in list(store.listed_keys()) if list_id in store.user_lists(key)]


def index(store: Store) -> dict[str, list[str]]:
    """List id -> its papers' keys, for every list not deleted (one walk over the listed papers)."""
    live = live_ids(store)
    out: dict[str, list[str]] = {i: [] for i in live}
    for key in list(store.listed_keys()):
        for i in store.user_lists(key):
            if i in out:
                out[i].append(key)
    return out


def find(store: Store, ref: str) -> UserList:
    """The list named ``ref`` (any case), or with id ``ref``. Raises :class:`ListError`."""
    lists = all_lists(store)
    wanted = " ".join(ref.split()).casefold()
    named = [ul for ul in lists if ul.name.casefold() == wanted]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        ids = ", ".join(ul.id for ul in named)
        raise ListError(f"{len(named)} lists are named {ref!r} (ids {ids}): give an id, or rename one")
    by_id = [ul for ul in lists if ul.id == ref.strip() or ul.key == ref.strip()]
    if by_id:
        return by_id[0]
    if not lists:
        raise ListError(f"no list named {ref!r}: you have no lists yet (papertui list-new NAME makes one)")
    known = ", ".join(repr(ul.name) for ul in lists)
    raise ListError(f"no list named {ref!r} (your lists: {known})")


def _check_free(store: Store, name: str, but: str | None = None) -> None:
    for ul in all_lists(store):
        if ul.name.casefold() == name.casefold() and ul.id != but:
            raise ListError(f"a list named {ul.name!r} exists already")


def new_list(store: Store, name: str) -> tuple[UserList, dict[str, dict[str, Any]]]:
    """A new list (not yet in the store) and the change that makes it."""
    name = clean_name(name, "list", ListError)
    _check_free(store, name)
    known = store.list_records()
    while True:
        made = UserList(secrets.token_hex(6), name)
        if made.key not in known:
            return made, {made.key: {"name": name}}


def rename(store: Store, ul: UserList, name: str) -> dict[str, dict[str, Any]]:
    name = clean_name(name, "list", ListError)
    _check_free(store, name, but=ul.id)
    return {ul.key: {"name": name}}


def delete(ul: UserList) -> dict[str, dict[str, Any]]:
    """The change that deletes a list (its papers keep their marks)."""
    return {ul.key: {"name": ""}}


def membership(store: Store, keys: Iterable[str], list_id: str, add: bool) -> dict[str, dict[str, Any]]:
    """The changes that put the papers ``keys`` in list ``list_id`` (``add``) or take them
    out; papers already so are left alone."""
    out: dict[str, dict[str, Any]] = {}
    for key in dict.fromkeys(keys):
        have = store.user_lists(key)
        if (list_id in have) == add:
            continue
        out[key] = {"lists": [*have, list_id] if add else [i for i in have if i != list_id]}
    return out
