"""Selecting a whole big library and acting on it (issue 20): ctrl+a, r, u, ctrl+r, a range.

    python benchmarks/selection_bench.py [--papers 100000] [--repeat 3]

A headless app (120x40) on bench.py's synthetic library, the similarity index not built (its
thread would share the CPU). For each key: the UI thread's CPU from the key to the screen
settled (the list, tree and titles repainted), and the wall time of the same (Pilot's pause
included: an upper bound), the median of ``--repeat`` runs; then how many journal appends
and saves the bulk mark made, and how long its save took in the save worker. Prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


async def figures(path: Path, repeat: int) -> list[tuple[str, float, str]]:
    from textual import events

    from papertui.library import Library
    from papertui.tui.app import PaperApp
    from papertui.tui.screens import paper_extras

    paper_extras.BUILD_SIMILAR = False

    lib = Library.open(extra_lists=[path])
    app = PaperApp(lib, watch=False)
    rows: list[tuple[str, float, str]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while not app.screen.chores_done:
            await asyncio.sleep(0.05)
        screen = app.screen
        papers = screen.papers
        store = lib.store
        n = len(papers.rows)

        async def press(*keys: str) -> tuple[float, float]:
            """(wall ms, UI thread CPU ms) from the keys to the screen settled."""
            wall, cpu = time.perf_counter(), time.thread_time()
            for key in keys:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            await pilot.pause()
            return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000

        busy = [0]  # saves under way (Store.flush empties ``pending`` as it starts)

        async def saved() -> float:
            """ms until the save worker has written every pending change."""
            t = time.perf_counter()
            while store.pending or busy[0]:
                await asyncio.sleep(0.01)
            return (time.perf_counter() - t) * 1000

        def add(label: str, samples: list[tuple[float, float]]) -> None:
            rows.append((f"{label}: wall", statistics.median(s[0] for s in samples), "ms"))
            rows.append((f"{label}: CPU", statistics.median(s[1] for s in samples), "ms"))

        await press("j")  # (the first key of a run pays for warming up)
        await press("k")
        select_all, clear = [], []
        for _ in range(repeat):
            select_all.append(await press("ctrl+a"))
            assert len(papers.selection) == n
            clear.append(await press("escape"))
        add(f"ctrl+a: select all {n:,}", select_all)
        add("esc: clear them", clear)

        journal_writes = []
        real_write = store.write_journal

        def counted_write():
            journal_writes.append(len(store._unjournaled))
            return real_write()

        store.write_journal = counted_write  # type: ignore[method-assign]
        flushes = []
        real_flush = store.flush

        save_times: list[float] = []

        def counted_flush(**kw):
            flushes.append(store.pending)
            busy[0] += 1
            t = time.perf_counter()
            try:
                return real_flush(**kw)
            finally:
                save_times.append(time.perf_counter() - t)
                busy[0] -= 1

        store.flush = counted_flush  # type: ignore[method-assign]

        await press("ctrl+a")
        marks, undos, redos, save_ms = [], [], [], []
        for _ in range(repeat):
            journal_writes.clear()
            flushes.clear()
            save_times.clear()
            marks.append(await press("r"))
            assert len(store.read_keys()) >= n, len(store.read_keys())
            await saved()
            save_ms.append(sum(save_times) * 1000)
            save_times.clear()
            writes, saves = [w for w in journal_writes if w], [f for f in flushes if f]
            undos.append(await press("u"))
            await saved()
            redos.append(await press("ctrl+r"))
            await saved()
            await press("u")
            await saved()
        add(f"r: mark {n:,} selected read", marks)
        rows.append(("  its save (save worker, wall)", statistics.median(save_ms), "ms"))
        rows.append(("  journal appends / saves for the bulk mark", len(writes), f"/ {len(saves)}"))
        add("u: undo the bulk mark", undos)
        add("ctrl+r: redo it", redos)
        await press("escape")

        ranges = []
        for _ in range(repeat):
            await press("g")
            ranges.append(await press("v", "G"))
            assert len(papers.selection) == n
            await press("escape")
        add(f"v G: a range over {n:,}", ranges)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "papertui-bench"))
    args = parser.parse_args()
    from synth import write_library

    path = write_library(args.papers, Path(args.data))
    with tempfile.TemporaryDirectory(prefix="papertui-select-") as home:
        os.environ["PAPERTUI_HOME"] = home
        rows = asyncio.run(figures(path, args.repeat))
    width = max(len(label) for label, _, _ in rows)
    for label, value, unit in rows:
        print(f"{label:<{width}}  {value:>8.1f} {unit}")


if __name__ == "__main__":
    main()
