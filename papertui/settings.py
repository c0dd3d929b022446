"""Settings (a TOML file) and the session (last category and paper).

``config.toml`` lives in the platformdirs config dir (``$PAPERTUI_HOME`` when that
is set)::

    theme = "textual-dark"        # any Textual theme; changing it in the app saves it here
    mark_read_on_open = false     # enter on a paper marks it read
    startup_view = "last"         # last | all | unread | starred
    note_editor = "builtin"       # builtin | external ($EDITOR)
    pdf_viewer = "zathura --fork" # the command that opens a PDF (default: xdg-open / open)
    s2_api_key = "..."            # Semantic Scholar API key ($S2_API_KEY wins when set)
    feed_days = 7                 # a new feed starts with this many days of papers
    feed_keep_days = 30           # feed papers older than this leave (unless marked)
    feed_refresh_hours = 12       # the TUI updates feeds older than this on start
    sync_dir = "~/Sync/papertui"  # a folder another tool syncs (papertui sync --dir saves it)

    [[feeds]]                     # followed arXiv categories and queries (papertui follow)
    name = "cs.CL"
    query = "cs.CL"

    [[searches]]                  # saved searches (the tree's Saved; papertui search --saved NAME)
    name = "unread kv"
    query = "kv cache is:unread"

    [keys]                        # binding id = key(s), e.g.
    toggle-read = "x"
    toggle-star = "s,*"

A bad file is reported in one line and the defaults are used; nothing crashes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .atomic import atomic_write_bytes
from .errors import PapertuiError
from .tags import normalize_tag

STARTUP_VIEWS = ("last", "all", "unread", "starred")
NOTE_EDITORS = ("builtin", "external")


@dataclass
class Settings:
    theme: str | None = None
    mark_read_on_open: bool = False
    startup_view: str = "last"
    note_editor: str = "builtin"
    pdf_viewer: str | None = None
    s2_api_key: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    feed_days: int = 7
    feed_keep_days: int = 30
    feed_refresh_hours: float = 12
    feeds: list[dict[str, str]] = field(default_factory=list)  # {"name", "query"} (see feeds.py)
    searches: list[dict[str, str]] = field(default_factory=list)  # {"name", "query"}: saved searches
    sync_dir: str | None = None  # the folder marks sync through (see sync.py)
    problems: list[str] = field(default_factory=list)  # one line each, shown to the user


def load_settings(path: Path) -> Settings:
    settings = Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as exc:
        settings.problems.append(f"{path}: cannot read settings ({exc}); using defaults")
        return settings
    except tomllib.TOMLDecodeError as exc:
        settings.problems.append(f"{path}: not valid TOML ({exc}); using defaults")
        return settings

    def pick(name: str, kind: type | tuple[type, ...], allowed: tuple = ()) -> Any:
        if name not in raw:
            return getattr(settings, name)
        value = raw[name]
        if not isinstance(value, kind) or (allowed and value not in allowed):
            want = " | ".join(allowed) if allowed else "a number" if isinstance(kind, tuple) else kind.__name__
            settings.problems.append(f"{path}: {name} should be {want}; using the default")
            return getattr(settings, name)
        return value

    settings.theme = pick("theme", str)
    settings.mark_read_on_open = pick("mark_read_on_open", bool)
    settings.startup_view = pick("startup_view", str, STARTUP_VIEWS)
    settings.note_editor = pick("note_editor", str, NOTE_EDITORS)
    settings.pdf_viewer = pick("pdf_viewer", str)
    settings.s2_api_key = pick("s2_api_key", str)
    settings.sync_dir = pick("sync_dir", str) or None
    for name in ("feed_days", "feed_keep_days", "feed_refresh_hours"):
        value = pick(name, (int, float) if name == "feed_refresh_hours" else int)
        if isinstance(value, bool) or value < 0:
            settings.problems.append(f"{path}: {name} should be a number of at least 0; using the default")
        else:
            setattr(settings, name, value)
    for table in ("feeds", "searches"):
        rows = raw.get(table, [])
        if isinstance(rows, list) and all(
            isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("query"), str) for f in rows
        ):
            setattr(settings, table, [{"name": f["name"], "query": f["query"]} for f in rows])
        else:
            settings.problems.append(f"{path}: each [[{table}]] needs a name and a query (strings); {table} ignored")
    keys = raw.get("keys", {})
    if isinstance(keys, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
        settings.keys = dict(keys)
    else:
        settings.problems.append(f"{path}: [keys] should map binding ids to keys; ignored")
    return settings


def save_setting(path: Path, name: str, value: Any) -> None:
    """Set one top-level setting, keeping everything else in the file."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        text, raw = "", {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return  # never overwrite a file the user has to fix by hand
    raw[name] = value
    atomic_write_bytes(path, _dump(text, raw).encode("utf-8"))


def _dump(text: str, raw: dict[str, Any]) -> str:
    """The file ``text`` changed to hold ``raw``: only what differs is written again, so the
    user's comments, order and layout stay (tomlkit); a new list of tables (feeds, saved
    searches) is written as ``[[feeds]]`` / ``[[searches]]`` tables."""
    import tomlkit

    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError:  # (TOML that tomllib read and tomlkit does not: written anew)
        doc = tomlkit.document()
    _write_into(doc, raw)
    return tomlkit.dumps(doc)


def _write_into(table: Any, new: dict[str, Any]) -> None:
    """Make the tomlkit ``table`` hold ``new``, changing only the keys whose values differ."""
    from tomlkit.items import AoT

    for key in [k for k in table if k not in new]:
        del table[key]
    for key, value in new.items():
        old = table.get(key)
        if old is None:
            table[key] = value
        elif _plain(old) == value:
            continue
        elif isinstance(old, dict) and isinstance(value, dict):
            _write_into(old, value)
        elif isinstance(old, AoT) and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            _write_tables(old, value)
        else:
            table[key] = value


def _plain(item: Any) -> Any:
    """A tomlkit value as plain Python (tomlkit hands out booleans as ``bool`` already)."""
    return item.unwrap() if hasattr(item, "unwrap") else item


def _write_tables(tables: Any, rows: list[dict[str, Any]]) -> None:
    """Make the array of tables ``tables`` hold ``rows``: the tables whose row is gone are
    dropped, the others changed in place (in order), new rows added at the end."""
    import tomlkit

    extra = len(tables) - len(rows)
    for i in reversed(range(len(tables))):
        if extra > 0 and _plain(tables[i]) not in rows:
            del tables[i]
            extra -= 1
    while len(tables) > len(rows):
        del tables[len(tables) - 1]
    for i, row in enumerate(rows):
        if i < len(tables):
            if _plain(tables[i]) != row:
                _write_into(tables[i], row)
        else:
            table = tomlkit.table()
            table.update(row)
            table.add(tomlkit.nl())  # (a blank line before what follows)
            tables.append(table)


class SettingsError(PapertuiError):
    """config.toml cannot be changed; ``str()`` is one line for the user."""


def update_settings(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Let ``change`` edit the file's settings (a dict) and write them back atomically,
    keeping everything else. A file papertui cannot read is never overwritten:
    :class:`SettingsError` says so."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        text, raw = "", {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read settings ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix it by hand first") from None
    change(raw)
    try:
        atomic_write_bytes(path, _dump(text, raw).encode("utf-8"))
    except OSError as exc:
        raise SettingsError(f"cannot write {path}: {exc.strerror or exc}") from None


def load_session(path: Path) -> dict[str, Any]:
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    category = data.get("category")
    if isinstance(category, str) and category.startswith("tag:"):  # (saved before papertui.tags: "tag:kv cache")
        data["category"] = "tag:" + normalize_tag(category[4:])
    return data


def save_session(path: Path, session: dict[str, Any]) -> None:
    atomic_write_bytes(path, orjson.dumps(session))
