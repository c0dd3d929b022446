"""How soon a mark is on disk: from the store taking a key's change to its journal line
being fsynced (by the app's journal thread), in the real app (headless).

    PAPERTUI_HOME=$(mktemp -d) python benchmarks/journal_latency.py [--marks 20]

Prints the median and the longest of the delays.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marks", type=int, default=20)
    args = parser.parse_args()

    from papertui import journal
    from papertui.library import Library
    from papertui.store import Store
    from papertui.tui.app import PaperApp

    changed, written = [], []
    update_many, append = Store.update_many, journal.append

    def timed_update(self, changes):
        changed.append(time.perf_counter())
        return update_many(self, changes)

    def timed_append(path, data):
        append(path, data)
        written.append(time.perf_counter())

    Store.update_many, journal.append = timed_update, timed_append

    async def run() -> None:
        app = PaperApp(Library.open(), watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(args.marks):
                await pilot.press("r")
                await asyncio.sleep(0.15)

    asyncio.run(run())
    delays = sorted((min(w for w in written if w >= c) - c) * 1000 for c in changed)
    print(f"change -> journal fsynced: median {statistics.median(delays):.1f} ms, "
          f"longest {delays[-1]:.1f} ms ({len(delays)} marks)")


if __name__ == "__main__":
    main()
