"""How long a sync takes: one device sends N changes, another takes them in, then both sync
again with nothing new (what the TUI does every 15 s).

    python benchmarks/sync_bench.py [--sizes 10000 100000] [--edits 100 [--per-round 2000]]

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


def folder_size(folder: Path) -> str:
    files = [p for p in folder.rglob("*.jsonl") if p.is_file()]
    return f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files)} files"


def edits(n: int, rounds: int, per_round: int, root: Path, *, compact: bool) -> None:
    """Device A marks ``per_round`` random papers ``rounds`` times, syncing after each (as the
    TUI does); then a device that never synced takes all in. With ``compact`` off, A never
    compacts (COMPACT_MIN beyond reach): the folder as it was before compaction existed."""
    import random

    from papertui import sync
    from papertui.store import Store
    from papertui.sync import Syncer

    sync.COMPACT_MIN = 2000 if compact else 10**12
    folder = root / "folder"
    folder.mkdir()
    a = Store.open(root / "a" / "state.json")
    keys = [f"2501.{i:05d}" for i in range(n)]
    a.update_many({k: {"read": True} for k in keys})
    a.update_many({k: {"tags": ["llm"]} for k in keys[::50]})
    a.flush()
    sa = Syncer(a, folder)
    sa.run()
    print(f"{n:,} papers, then {rounds} syncs of {per_round:,} marks each, compaction {'on' if compact else 'off'}")
    print(f"  {'folder after the first sync':<50} {folder_size(folder)}")
    rnd = random.Random(1)
    start, compacted = time.perf_counter(), 0
    for _ in range(rounds):
        a.update_many({k: {"starred": rnd.random() < 0.5, "read": rnd.random() < 0.8}
                       for k in rnd.sample(keys, per_round)})
        a.flush()
        compacted += sa.run().compacted
    took = time.perf_counter() - start
    print(f"  {'A: the syncs, all together (mean)':<50} {took:8.3f} s ({took / rounds:.3f} s)")
    print(f"  {'folder after the edits':<50} {folder_size(folder)}, {compacted} files compacted away")
    c = Store.open(root / "c" / "state.json")
    report = timed("a new device takes it all in", Syncer(c, folder).run)
    print(f"  {'':<50} {report.received:,} changes read")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--edits", type=int, default=0, metavar="ROUNDS",
                        help="also: ROUNDS syncs of --per-round marks on the largest size, with and without compaction")
    parser.add_argument("--per-round", type=int, default=2000)
    args = parser.parse_args()
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            run(n, Path(tmp))
    if args.edits:
        for compact in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                edits(max(args.sizes), args.edits, args.per_round, Path(tmp), compact=compact)


if __name__ == "__main__":
    main()
