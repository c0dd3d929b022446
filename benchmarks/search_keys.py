"""Search keystrokes at one size, without the TUI: the engine the app calls, typed a key at a time.

    PYTHONPATH=$PWD python benchmarks/search_keys.py              # 100k papers
    PYTHONPATH=$PWD python benchmarks/search_keys.py --size 10000

Builds a synthetic library (benchmarks/synth.py) and its search index, then types each
query one key at a time, three times over (the kept results forgotten between rounds,
as a fresh query would be): median, p90 and max ms per keystroke (each keystroke's
figure is the median of its three), and the slowest keystroke. The same queries as
bench.py's search figure, plus the query language's OR and a CJK phrase with no exact hit.
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

QUERIES = ["transformer", "量化注意力", "sparse cache", "kv OR quantization", "注意力机制"]


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "papertui-bench"))
    args = parser.parse_args()
    import synth

    path = synth.write_library(args.size, Path(args.data))
    os.environ["PAPERTUI_HOME"] = tempfile.mkdtemp()
    from papertui.library import Library
    from papertui.search import SearchIndex

    lib = Library.open(extra_lists=[path])
    t = time.perf_counter()
    index = SearchIndex(lib)
    index.vocab()
    print(f"{len(lib.catalog.unique)} papers; index built in {time.perf_counter() - t:.1f} s")
    print("| query | median ms | p90 ms | max ms | slowest | results |")
    print("|---|---|---|---|---|---|")
    every: list[float] = []
    for query in QUERIES:
        typed = [query[:k] for k in range(1, len(query) + 1) if query[:k].strip()]
        times: list[list[float]] = [[] for _ in typed]
        count = 0
        for _ in range(3):
            index.forget_results()
            for text, samples in zip(typed, times):
                t = time.perf_counter()
                count = len(index.search(text).indices)
                samples.append((time.perf_counter() - t) * 1000)
        per_key = [statistics.median(s) for s in times]
        every += per_key
        slowest = typed[per_key.index(max(per_key))]
        print(f"| {query} | {statistics.median(per_key):.1f} | {p90(per_key):.1f} | {max(per_key):.1f} | {slowest!r} | {count} |")
    print(f"| all keystrokes | {statistics.median(every):.1f} | {p90(every):.1f} | {max(every):.1f} | | |")


if __name__ == "__main__":
    main()
