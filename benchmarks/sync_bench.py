"""How long a sync takes: one device sends N changes, another takes them in, then both sync
again with nothing new (what the TUI does every 15 s).

    python benchmarks/sync_bench.py [--sizes 10000 100000]

Each device is a state file of its own in a temp dir; the folder is a local dir. Changes: a
read mark on every paper, a star on one in ten, tags on one in fifty, a note on one in a hundred.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def timed(what: str, fn):
    start = time.perf_counter()
    out = fn()
    print(f"  {what:<50} {time.perf_counter() - start:8.3f} s")
    return out


def run(n: int, root: Path) -> None:
    from papertui.store import Store
    from papertui.sync import Syncer

    folder = root / "folder"
    folder.mkdir()
    a, b = Store.open(root / "a" / "state.json"), Store.open(root / "b" / "state.json")
    keys = [f"2501.{i:05d}" for i in range(n)]
    flags = {"read": True}
    a.update_many({k: flags for k in keys})
    a.update_many({k: {"starred": True} for k in keys[::10]})
    a.update_many({k: {"tags": ["llm", "kv cache"]} for k in keys[::50]})
    a.update_many({k: {"note": f"note on {k}: 读过, worth a second look"} for k in keys[::100]})
    a.flush()
    changes = n + n // 10 + n // 50 + n // 100
    print(f"{n:,} papers, {changes:,} changes")
    sa, sb = Syncer(a, folder), Syncer(b, folder)
    report = timed("device A sends them (first sync)", sa.run)
    assert report.sent == changes
    report = timed("device B takes them in (merge + state file)", sb.run)
    assert report.received == changes and len(report.changed) == n
    timed("device A syncs again, nothing new (same process)", sa.run)
    timed("device B syncs again, nothing new (new process)", lambda: Syncer(b, folder).run())
    b.update("2501.00001", read=False)
    timed("device B sends one change", sb.run)
    timed("device A takes in one change", sa.run)
    assert not a.is_read("2501.00001")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            run(n, Path(tmp))


if __name__ == "__main__":
    main()
