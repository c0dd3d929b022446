"""Followed feeds sync (issue 21): ``config.toml``'s ``[[feeds]]`` go through the sync folder
with the marks (``sync.py``), as changes ``{"k": NAME, "f": "feed", "t": TIME, "v": QUERY}``.

Per feed name, a last-writer-wins register: its query while followed, ``None`` once unfollowed
(a tombstone, kept in the sync state and in every snapshot, so a device back after months does
not follow it again). A change is stamped after the latest one seen for that feed, so a change
made after seeing another device's wins however far that device's clock is ahead. Local changes
are found by comparing ``config.toml`` with what the last sync left in it; another device's are
made with :func:`feeds.follow` / :func:`feeds.unfollow` (an unfollowed feed's marked papers move
to "Kept from feeds", as on the command line). A ``config.toml`` that cannot be read syncs no
feeds (one warning): it must not unfollow everything everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FeedFiles:
    """Where this device keeps its followed feeds: ``config.toml`` (``[[feeds]]``), the feeds'
    lists and status (``feeds_dir``), and the user's lists (for "Kept from feeds")."""

    config: Path
    feeds_dir: Path
    lists_dir: Path


def apply_feed_op(meta: dict[str, Any], op: dict[str, Any], dev: str) -> bool:
    registers = meta.setdefault("feeds", {})
    cur = registers.get(op["k"])
    if cur is None or (op["t"], dev) > (cur[0], cur[1]):
        registers[op["k"]] = [op["t"], dev, op["v"]]
        return True
    return False


def own_feed_ops(meta: dict[str, Any], dev: str) -> list[dict[str, Any]]:
    """Device ``dev``'s feed changes still in effect (unfollows too: tombstones)."""
    return [
        {"k": name, "f": "feed", "t": t, "v": v} for name, (t, d, v) in (meta.get("feeds") or {}).items() if d == dev
    ]


def valid_op(op: dict[str, Any]) -> bool:
    key, value = op.get("k"), op.get("v")
    return (
        isinstance(key, str) and bool(key) and op.get("t").__class__ in (int, float)
        and (value is None or (isinstance(value, str) and bool(value)))
    )


def _followed(config: Path, warnings: list[str]) -> dict[str, str] | None:
    """The feeds in ``config.toml``, name -> query; None (with a warning) when the file cannot
    be read: feeds are then not synced this time (a broken file must not unfollow everywhere)."""
    import tomllib

    try:
        raw = tomllib.loads(config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        warnings.append(f"sync: feeds not synced: cannot read {config} ({exc})")
        return None
    feeds = raw.get("feeds", [])
    if not (isinstance(feeds, list) and all(
        isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("query"), str) for f in feeds
    )):
        warnings.append(f"sync: feeds not synced: {config} has [[feeds]] without a name or query")
        return None
    return {f["name"]: f["query"] for f in feeds}


def _set_feed_query(config: Path, name: str, query: str) -> None:
    from .feeds import FeedError
    from .settings import SettingsError, update_settings

    def change(raw: dict[str, Any]) -> None:
        for f in raw.get("feeds", []):
            if isinstance(f, dict) and f.get("name") == name:
                f["query"] = query

    try:
        update_settings(config, change)
    except SettingsError as exc:
        raise FeedError(str(exc)) from None


def local_ops(files: FeedFiles, meta: dict[str, Any], clock: Callable[[], float], warnings: list[str]) -> list[dict]:
    """Feeds followed, changed or unfollowed here since the last sync."""
    now = _followed(files.config, warnings)
    if now is None:
        return []
    shown = meta.get("feeds_shown") or {}
    registers = meta.get("feeds") or {}
    ops = []
    for name in sorted(set(now) | set(shown)):
        if now.get(name) == shown.get(name):
            continue
        seen = registers.get(name)
        t = max(clock(), seen[0] + 0.001 if seen else 0.0)
        ops.append({"k": name, "f": "feed", "t": t, "v": now.get(name)})
    meta["feeds_shown"] = now
    return ops


def put(files: FeedFiles, meta: dict[str, Any], names: set[str], store, warnings: list[str]) -> list[str]:
    """Follow or unfollow here what other devices did to ``names``. Returns the feeds changed here."""
    from . import feeds

    now = _followed(files.config, warnings)
    if now is None:
        return []
    changed = []
    for name in sorted(names):
        want = meta["feeds"][name][2]
        if now.get(name) == want:
            continue
        try:
            if want is None:
                feeds.unfollow(files.config, name, files.feeds_dir, files.lists_dir, store)
            elif name in now:
                _set_feed_query(files.config, name, want)
            else:
                feeds.follow(files.config, want, name)
        except feeds.FeedError as exc:
            warnings.append(f"sync: feed {name!r} not changed here: {exc}")
            continue
        changed.append(name)
    after = _followed(files.config, warnings)
    if after is not None:
        meta["feeds_shown"] = after
    return changed
