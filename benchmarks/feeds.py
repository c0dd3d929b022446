"""A feed at the scale of following all of cs.*: ~1,000 papers a day, 30 days kept.

    python benchmarks/feeds.py [--papers 30000]

A loopback stand-in for the arXiv API (tests/arxiv_stand_in.py) serves the papers with
~1,000-character abstracts; the requests are not spaced (the real 3 s between pages are
the API's rule, not papertui's work: 2,000 a page is 15 pages, ~45 s against arXiv).
It prints what the first update, an update that brings 1,000 more, the files, opening the
library and the TUI's work with the feed cost, in one process on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ("model attention cache token layer quantization memory training inference sparse "
         "retrieval benchmark decoding latency context window adapter routing expert").split()


sys.path.insert(0, str(Path(__file__).resolve().parent))
from heavy_use import timed  # noqa: E402  (median wall time in ms)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=30_000)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="papertui-feeds-bench-"))
    os.environ["PAPERTUI_HOME"] = str(home)

    from tests.arxiv_stand_in import StandIn

    from papertui import feeds, paths
    from papertui.arxiv_api import Client
    from papertui.library import Library, Tally
    from papertui.store import Store

    api = StandIn().start()
    now = time.time()
    step = 30 * 86_400 / args.papers
    made = api.add(args.papers, now - 60, step=step)
    for n, entry in enumerate(made):
        words = [WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(140)]
        entry.title = f"{WORDS[n % len(WORDS)].title()} {WORDS[(n // 3) % len(WORDS)]} for {n}"
        entry.__dict__["abstract"] = " ".join(words)
    api_xml = type(made[0]).xml

    def xml(self) -> str:  # the stand-in's entry, with the long abstract
        return api_xml(self).replace(f"Abstract of {self.arxiv}.", self.__dict__.get("abstract", ""))

    type(made[0]).xml = xml
    feed = feeds.Feed("cs.*", "cs.*")
    api.papers = made  # all in cs.CL: cat:cs.* matches them
    store = Store.open(paths.state_path())
    client = Client(base=api.url, interval=0.0, timeout=120.0)
    rows = []

    t = time.perf_counter()
    result = feeds.update_feed(feed, paths.feeds_dir(), store, client=client, page=2000, feed_days=30, keep_days=30)
    rows.append((f"first update: {result.new:,} papers, {len(api.requests)} pages (no spacing)",
                 f"{time.perf_counter() - t:.1f} s"))
    list_file = feed.list_path(paths.feeds_dir())
    rows.append(("feed list file / state file", f"{list_file.stat().st_size / 1e6:.1f} MB / "
                 f"{paths.state_path().stat().st_size / 1e6:.1f} MB"))
    more = api.add(1000, now - 1, step=0.5, first=40_000)
    for n, entry in enumerate(more):
        entry.title = f"New {WORDS[n % len(WORDS)]} {n}"
    api.requests.clear()
    t = time.perf_counter()
    result = feeds.update_feed(feed, paths.feeds_dir(), store, client=client, page=2000)
    rows.append((f"next update: {result.new:,} new, {len(api.requests)} pages", f"{time.perf_counter() - t:.1f} s"))

    t = time.perf_counter()
    lib = Library.open()
    rows.append(("Library.open, the feed's cache not written yet (cold)", f"{(time.perf_counter() - t) * 1000:.0f} ms"))
    lib.catalog.write_caches()
    t = time.perf_counter()
    lib = Library.open()
    rows.append(("Library.open (warm: the cache papertui update or the TUI's child process wrote)",
                 f"{(time.perf_counter() - t) * 1000:.0f} ms"))
    rows.append(("Tally (tree counts) for the new library", f"{timed(lambda: Tally(lib)):.0f} ms"))
    rows.append(("New view's papers (all 31k arrived)", f"{timed(lambda: lib.new_papers(0.0)):.1f} ms"))

    async def ui() -> None:
        from papertui.settings import Settings
        from papertui.tui.app import PaperApp

        app = PaperApp(lib, watch=False, settings=Settings(feeds=[{"name": "cs.*", "query": "cs.*"}],
                                                            feed_refresh_hours=1000))
        t = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            rows.append(("first screen (headless, warm library)", f"{(time.perf_counter() - t) * 1000:.0f} ms"))
            main = app.screen
            t = time.perf_counter()
            index = main.search_index()
            rows.append(("search index with the feed (built in a worker)", f"{time.perf_counter() - t:.1f} s"))
            for query in ("quantization", "kv cache", "tra"):
                rows.append((f"search {query!r} over {len(lib.catalog.unique):,} papers",
                             f"{timed(lambda: index.search(query)):.0f} ms"))

            def switch() -> None:
                main.show_category("feed:cs.*")
                main.show_category("view:all")

            rows.append(("switch to the feed and back (UI thread, both)", f"{timed(switch):.0f} ms"))
            main.show_category("feed:cs.*")
            reloaded = lib.reloaded()
            rows.append(("taking in an update: replace_library (UI thread)",
                         f"{timed(lambda: main.replace_library(reloaded), repeat=3):.0f} ms"))

    asyncio.run(ui())
    api.close()
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}} | time / size")
    for what, figure in rows:
        print(f"{what:<{width}} | {figure}")


if __name__ == "__main__":
    main()
