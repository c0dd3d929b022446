"""Saved searches and the user's own lists at one size, without the TUI: what the app runs.

    PYTHONPATH=$PWD python benchmarks/saved_searches.py              # 100k papers
    PYTHONPATH=$PWD python benchmarks/saved_searches.py --size 10000

Builds a synthetic library (benchmarks/synth.py) with some read papers, its search index, and
ten user lists of 1,000 papers each. Prints, median of three (ms):

- the worker's run of five saved searches (the searches and their read counts) after a change;
- what the UI thread then does: ``Tally.set_extra`` with the new results and the tree's figures;
- a read mark's count update (``Tally.read_changed``: the lists and saved searches holding it);
- a new tally with the lists and searches (after a list is made, renamed or deleted).

It measures; nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SEARCHES = ["transformer", "sparse cache is:unread", "tag:kv-cache", "量化 OR 注意力", "attention -is:read"]


def timed(fn, rounds: int = 3) -> tuple[float, object]:
    samples, out = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        out = fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "papertui-bench"))
    args = parser.parse_args()
    import synth

    path = synth.write_library(args.size, Path(args.data))
    os.environ["PAPERTUI_HOME"] = tempfile.mkdtemp()
    from papertui import mylists
    from papertui.catalog import Category
    from papertui.library import Library, Tally, extra_index
    from papertui.search import SearchIndex

    lib = Library.open(extra_lists=[path])
    keys = lib.catalog.keys
    unique = lib.catalog.unique
    read = {keys[i]: {"read": True} for i in unique[::3]}
    lib.store.update_many(read)
    for n in range(10):
        made, change = mylists.new_list(lib.store, f"list {n}")
        lib.store.update_many(change)
        lib.store.update_many(mylists.membership(lib.store, [keys[i] for i in unique[n::97][:1000]], made.id, True))
    index = SearchIndex(lib)
    index.vocab()
    print(f"{len(unique):,} papers, {len(read):,} read, 10 lists of 1,000; searches: {', '.join(SEARCHES)}")

    def run_searches():
        index.forget_results()
        found = {q: index.search(q).indices for q in SEARCHES}
        return found, {q: lib.count_read(ix) for q, ix in found.items()}

    worker_ms, (found, reads) = timed(run_searches)
    cats = [Category("saved:" + q, "saved", q, list(ix)) for q, ix in found.items()]
    index_ms, extra_of = timed(lambda: extra_index(keys, cats))
    bare_ms, _ = timed(lambda: Tally(lib))
    tally_ms, tally = timed(lambda: Tally(lib, extra=cats, extra_of=extra_of))
    assert isinstance(tally, Tally)
    set_ms, _ = timed(lambda: tally.set_extra(cats, {"saved:" + q: n for q, n in reads.items()}, extra_of))
    key = keys[found["transformer"][0]]
    flip_ms, _ = timed(lambda: tally.read_changed(key, not lib.store.is_read(key)), rounds=7)
    print("| what | ms |")
    print("|---|---:|")
    print(f"| five saved searches run again, their read counts (worker) | {worker_ms:.0f} |")
    print(f"| … and which paper is in which (worker: extra_index) | {index_ms:.0f} |")
    for q, ix in found.items():
        print(f"| … `{q}` | {len(ix):,} papers |")
    print(f"| taking the results in (UI thread: Tally.set_extra) | {set_ms:.1f} |")
    print(f"| a read mark's counts (UI thread: Tally.read_changed) | {flip_ms:.2f} |")
    print(f"| a new tally with 10 lists and 5 searches (UI thread, after a list change) | {tally_ms:.0f} |")
    print(f"| … a tally without them (as before lists: after a tag edit) | {bare_ms:.0f} |")


if __name__ == "__main__":
    main()
