"""Where papertui keeps things.

- Data dir: ``$PAPERTUI_HOME`` when set, else the platformdirs user data dir.
- State file: ``state.json`` in the data dir (``--db`` overrides).
- The user's own reading lists: ``lists/*.json`` in the data dir; followed feeds in ``lists/feeds/``.
- Bundled lists: ``papertui/data`` inside an installed wheel, ``data/`` in a checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "papertui"


def data_dir() -> Path:
    home = os.environ.get("PAPERTUI_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def state_path() -> Path:
    return data_dir() / "state.json"


def user_lists_dir() -> Path:
    return data_dir() / "lists"


def feeds_dir() -> Path:
    """Followed arXiv feeds: a reading list per feed (``<slug>.json``) and its status (``<slug>.feed``)."""
    return user_lists_dir() / "feeds"


def config_path() -> Path:
    """Settings: config.toml in $PAPERTUI_HOME when set, else in the platform's config dir."""
    home = os.environ.get("PAPERTUI_HOME")
    if home:
        return Path(home).expanduser() / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def session_path() -> Path:
    return data_dir() / "session.json"


def cache_dir() -> Path:
    return data_dir() / "cache"


def bundled_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "data"
    if installed.is_dir():
        return installed
    return here.parent / "data"


def bundled_list_files() -> list[Path]:
    from .catalog import list_files_in

    return list_files_in(bundled_dir())
