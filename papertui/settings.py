"""Settings (a TOML file) and the session (last category and paper).

``config.toml`` lives in the platformdirs config dir (``$PAPERTUI_HOME`` when that
is set)::

    theme = "textual-dark"        # any Textual theme; changing it in the app saves it here
    mark_read_on_open = false     # enter on a paper marks it read
    startup_view = "last"         # last | all | unread | starred
    note_editor = "builtin"       # builtin | external ($EDITOR)

    [keys]                        # binding id = key(s), e.g.
    toggle-read = "x"
    toggle-star = "s,*"

A bad file is reported in one line and the defaults are used; nothing crashes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .atomic import atomic_write_bytes

STARTUP_VIEWS = ("last", "all", "unread", "starred")
NOTE_EDITORS = ("builtin", "external")


@dataclass
class Settings:
    theme: str | None = None
    mark_read_on_open: bool = False
    startup_view: str = "last"
    note_editor: str = "builtin"
    keys: dict[str, str] = field(default_factory=dict)
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

    def pick(name: str, kind: type, allowed: tuple = ()) -> Any:
        if name not in raw:
            return getattr(settings, name)
        value = raw[name]
        if not isinstance(value, kind) or (allowed and value not in allowed):
            want = " | ".join(allowed) if allowed else kind.__name__
            settings.problems.append(f"{path}: {name} should be {want}; using the default")
            return getattr(settings, name)
        return value

    settings.theme = pick("theme", str)
    settings.mark_read_on_open = pick("mark_read_on_open", bool)
    settings.startup_view = pick("startup_view", str, STARTUP_VIEWS)
    settings.note_editor = pick("note_editor", str, NOTE_EDITORS)
    keys = raw.get("keys", {})
    if isinstance(keys, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
        settings.keys = dict(keys)
    else:
        settings.problems.append(f"{path}: [keys] should map binding ids to keys; ignored")
    return settings


def save_setting(path: Path, name: str, value: Any) -> None:
    """Set one top-level setting, keeping everything else in the file."""
    import tomli_w

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raw = {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return  # never overwrite a file the user has to fix by hand
    raw[name] = value
    atomic_write_bytes(path, tomli_w.dumps(raw).encode("utf-8"))


def load_session(path: Path) -> dict[str, Any]:
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def save_session(path: Path, session: dict[str, Any]) -> None:
    atomic_write_bytes(path, orjson.dumps(session))
