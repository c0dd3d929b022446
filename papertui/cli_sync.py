"""``papertui sync``: send this device's changes to the sync folder and take in the others'
(``--status``: each device's files there). Imported by :func:`papertui.cli.main` when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import paths
from .cli import EXIT_OK, CliError, _feed_settings, _open_library, _print_json


def cmd_sync(args: argparse.Namespace) -> int:
    from .model import count
    from .services import syncer
    from .settings import SettingsError, update_settings

    config = paths.config_path()
    settings = _feed_settings()
    folder = args.dir or settings.sync_dir
    if not folder:
        raise CliError(f"no sync folder: give --dir DIR once (it is saved), or set sync_dir in {config}")
    folder = os.path.abspath(os.path.expanduser(folder))
    lib = _open_library(args)
    this = syncer(lib.store, folder)
    if args.status:
        return _sync_status(this, as_json=args.json)
    report = this.run()
    if args.dir and folder != settings.sync_dir:
        try:
            update_settings(config, lambda raw: raw.__setitem__("sync_dir", folder))
        except SettingsError as exc:
            print(f"papertui: {exc}; sync_dir not saved", file=sys.stderr)
    for line in report.warnings:
        print(f"papertui: {line}", file=sys.stderr)
    changed = sorted(report.changed)
    if args.json:
        doc = {"changed": len(changed), "papers": changed, "devices": report.devices, "sent": report.sent,
               "received": report.received, "device": this.device, "feeds": report.feeds}
        _print_json(doc)
        return EXIT_OK
    devices = ", ".join(report.devices) or "none yet"
    print(f"Synced with {folder}: {count(len(changed), 'paper')} changed here, {count(report.sent, 'change')} sent; "
          f"other devices: {devices}")
    followed = {f["name"] for f in _feed_settings().feeds} if report.feeds else set()  # (as the sync left them)
    for name in report.feeds:
        print(f"  feed {name!r}: {'followed' if name in followed else 'unfollowed'} on another device")
    for key in changed[:20]:
        first = lib.catalog.first(key)
        print(f"  {key}  {first.title if first else ''}")
    if len(changed) > 20:
        print(f"  ... and {len(changed) - 20} more")
    return EXIT_OK


def _sync_status(syncer, *, as_json: bool) -> int:
    import time

    from .model import count

    rows = syncer.status()
    if as_json:
        _print_json(rows)
        return EXIT_OK
    print(f"Sync folder {syncer.dir}")
    for row in rows:
        last = time.strftime("%Y-%m-%d %H:%M", time.localtime(row["last"])) if row["last"] else "never"
        if row["this"]:
            what = f"this device, {count(row['pending'], 'change')} not sent yet"
        else:
            what = f"{count(row['pending'], 'file')} not read yet"
        size = f"{row['size'] / 1e6:.1f} MB" if row["size"] >= 100_000 else f"{row['size'] / 1e3:.1f} kB"
        print(f"  {row['device']:<32} last change {last}  {count(row['files'], 'file')} ({size}), {what}")
    return EXIT_OK
