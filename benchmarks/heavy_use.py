"""What a heavy user does at scale, beyond bench.py's keys: sorting big categories,
bulk marks and their undo, saves and another process's marks with many marks on file.

    python benchmarks/heavy_use.py [--papers 100000]

Each figure is the median of a few runs, in one process (headless app where the UI is
involved), on the synthetic library bench.py uses. It prints a table.
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


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of ``fn()`` in ms."""
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


async def ui_figures(path: Path, rows: list) -> None:
    from textual import events

    from papertui.library import Library
    from papertui.store import Store
    from papertui.tui.app import PaperApp
    from papertui.tui.widgets.category_tree import CategoryTree

    lib = Library.open(extra_lists=[path])
    app = PaperApp(lib, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while not app.screen.chores_done:
            await asyncio.sleep(0.05)
        screen = app.screen
        tree = screen.query_one(CategoryTree)

        async def cpu_of(action) -> float:
            t = time.process_time()
            await action()
            await pilot.pause()
            return (time.process_time() - t) * 1000

        for mode in ("title", "date"):
            screen.sort_mode = mode
            lib.prepare_sort(mode)
            samples = []
            for i in range(8):
                target = "view:unread" if i % 2 == 0 else "view:all"

                async def switch(target=target) -> None:
                    tree.move_cursor(tree.nodes_by_id[target])

                samples.append(await cpu_of(switch))
            rows.append((f"All ↔ Unread, sorted by {mode} (CPU per switch)", statistics.median(samples), "ms"))
        screen.sort_mode = "list"
        tree.move_cursor(tree.nodes_by_id["view:all"])
        screen.focus_now(screen.papers)
        await pilot.pause()

        async def mark_all() -> None:
            app.post_message(events.Key("R", "R"))
            await pilot.pause()
            app.post_message(events.Key("y", "y"))

        async def undo() -> None:
            app.post_message(events.Key("u", "u"))

        rows.append((f"R y: mark all {len(lib.catalog.unique):,} read (CPU)", await cpu_of(mark_all), "ms"))
        await asyncio.sleep(1.0)  # saved
        rows.append(("u: undo it (CPU)", await cpu_of(undo), "ms"))
        await asyncio.sleep(1.0)
        await cpu_of(mark_all)
        await asyncio.sleep(1.0)
        store = lib.store
        save_ms = []
        for i in range(5):
            store.update(lib.catalog.keys[lib.catalog.unique[i]], starred=True)
            t = time.perf_counter()
            store.flush()
            save_ms.append((time.perf_counter() - t) * 1000)
        rows.append((f"a save of one mark, {len(store.read_keys()):,} marks on file (save worker)", statistics.median(save_ms), "ms"))
        seen = []
        refresh = type(screen).refresh_from_store

        def timed_refresh(self, keys) -> None:
            t = time.perf_counter()
            refresh(self, keys)
            seen.append((time.perf_counter() - t) * 1000)

        type(screen).refresh_from_store = timed_refresh
        try:
            other = Store.open(store.path)
            other.update(lib.catalog.keys[lib.catalog.unique[-1]], read=False)
            other.flush()
            other.close()
            app._check_other_writers()
            for _ in range(100):
                await asyncio.sleep(0.05)
                if seen:
                    break
        finally:
            type(screen).refresh_from_store = refresh
        if seen:
            rows.append(("another process's mark, taken in (UI thread)", seen[0], "ms"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "papertui-bench"))
    args = parser.parse_args()
    from synth import write_library

    path = write_library(args.papers, Path(args.data))
    with tempfile.TemporaryDirectory(prefix="papertui-heavy-") as home:
        os.environ["PAPERTUI_HOME"] = home
        from papertui.heap import one_malloc_arena
        from papertui.library import Library

        one_malloc_arena()
        rows: list[tuple[str, float, str]] = []
        lib = Library.open(extra_lists=[path])
        lib.catalog.write_caches()
        unique = list(lib.catalog.unique)
        for mode in ("title", "date"):
            first = timed(lambda m=mode: lib._sort_directly(unique, m), repeat=3)
            rows.append((f"sort all by {mode}, directly (as every switch did before)", first, "ms"))
            lib.prepare_sort(mode)
            rows.append((f"sort all by {mode}, by the kept ranking", timed(lambda m=mode: lib.sort(unique, m)), "ms"))
        asyncio.run(ui_figures(path, rows))
    width = max(len(r[0]) for r in rows)
    print(f"| {'what'.ljust(width)} | time |")
    print(f"|{'-' * (width + 2)}|-----:|")
    for what, value, unit in rows:
        print(f"| {what.ljust(width)} | {value:.0f} {unit} |")
    print(f"\n{args.papers:,} papers, {os.cpu_count()} cores, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
