"""Saved searches: a name and a query, ``[[searches]]`` tables in config.toml (no Textual).

The TUI lists them in the tree under **Saved** with unread / total (run again as marks and
feeds change, off the UI thread); ``papertui search --saved NAME`` runs one from the shell.
Names are one line and unique, compared in any case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import PapertuiError
from .settings import Settings, update_settings
from .textsafe import clean_name


class SavedSearchError(PapertuiError):
    """A user error about a saved search; ``str()`` is one line."""


def find(settings: Settings, name: str) -> dict[str, str]:
    """The saved search named ``name`` (any case). Raises :class:`SavedSearchError`."""
    wanted = " ".join(name.split()).casefold()
    for row in settings.searches:
        if row["name"].casefold() == wanted:
            return row
    known = ", ".join(repr(r["name"]) for r in settings.searches) or "none yet"
    raise SavedSearchError(f"no saved search named {name!r} (saved: {known})")


def _rows(raw: dict[str, Any]) -> list[dict[str, Any]]:
    rows = raw.get("searches")
    if not isinstance(rows, list):
        rows = raw["searches"] = []
    return rows


def _taken(rows: list[dict[str, Any]], name: str, but: str | None = None) -> None:
    for row in rows:
        other = row.get("name")
        if isinstance(other, str) and other.casefold() == name.casefold() and other != but:
            raise SavedSearchError(f"a saved search named {other!r} exists already")


def save(path: Path, settings: Settings, name: str, query: str) -> dict[str, str]:
    """Add a saved search to config.toml (and to ``settings``). Raises
    :class:`SavedSearchError`, or :class:`papertui.settings.SettingsError` when the file
    cannot be changed."""
    name = clean_name(name, "saved search", SavedSearchError)
    query = " ".join(query.split())
    if not query:
        raise SavedSearchError("nothing to save: the search is empty")
    row = {"name": name, "query": query}

    def change(raw: dict[str, Any]) -> None:
        rows = _rows(raw)
        _taken(rows, name)
        rows.append(row)

    _taken(settings.searches, name)
    update_settings(path, change)
    settings.searches.append(row)
    return row


def rename(path: Path, settings: Settings, old: str, new: str) -> str:
    """Rename saved search ``old`` to ``new``; returns the new name (as stored)."""
    row = find(settings, old)
    new = clean_name(new, "saved search", SavedSearchError)
    _taken(settings.searches, new, but=row["name"])

    def change(raw: dict[str, Any]) -> None:
        rows = _rows(raw)
        _taken(rows, new, but=row["name"])
        for r in rows:
            if r.get("name") == row["name"]:
                r["name"] = new

    update_settings(path, change)
    row["name"] = new
    return new


def delete(path: Path, settings: Settings, name: str) -> dict[str, str]:
    """Remove saved search ``name``; returns it (its name and query)."""
    row = find(settings, name)

    def change(raw: dict[str, Any]) -> None:
        raw["searches"] = [r for r in _rows(raw) if r.get("name") != row["name"]]

    update_settings(path, change)
    settings.searches.remove(row)
    return row
