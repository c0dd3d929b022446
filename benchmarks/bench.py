"""papertui benchmark: start-up, keys, search, saving and memory at 1k / 10k / 100k papers.

    python benchmarks/bench.py                   # 1k, 10k, 100k
    python benchmarks/bench.py --sizes 1000,100000

Each measurement runs in a fresh process on a generated reading list (Chinese and
English text) passed with --list, headless (App.run_test) at 120x40:

- first screen: wall time from starting the process to the tree, list and detail
  showing papers; "cold" with an empty data dir, "warm" on the second start (the
  validated list is then read from papertui's cache). The app starts as
  `papertui --list FILE` does: on a cold start a list file over 8 MB is read by a
  child process after the first screen (which shows the other lists), so
- all papers on screen, cold: wall time until the big list is loaded and shown too.
- baseline: a plain Textual OptionList app showing the same titles, same way.
- key → idle (measured once the chores after start-up are done: list caches written,
  the search index built): press a key and wait until the app has handled it and repainted;
  the figure is the process's CPU time for that (median of 31; Unread: of 9), less the CPU
  time of pressing a key bound to nothing, F19 (Pilot's own cost): cursor down (j),
  category switch (j in the tree, from section to section; from All to Unread),
  toggle read (r). It includes turning each screen update into the escape
  sequences a terminal would be sent (headless, Textual skips that step).
  Wall-clock time through Pilot adds ~80 ms of polling and is not shown.
- search keystroke: typing "transformer", "量化注意力" and "sparse cache" one key at a
  time through the same engine the TUI calls, three times over (each keystroke's figure
  is the median of its three): median, p90 and max ms per keystroke, and the slowest one.
- UI thread's wait during a search: the same keystrokes searched by a worker thread (as
  the app does for a big library) while the main thread asks for its turn every
  millisecond; p90 and max of how long each turn came late.
- collector pauses: every run of Python's cycle collector from the first key to the
  last search keystroke: how many were full collections, the longest pause and the
  sum (wall ms). A pause longer than a frame is a key answered late.
- durable: from pressing r to the mark being readable from the state file by
  another process.
- peak RSS of the papertui process after all of the above.

Figures are printed as a Markdown table. They measure; nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SIZE = (120, 40)
NOOP_KEY = "f19"  # bound to nothing in papertui
REPS = 31  # samples per key figure (the median is shown)
QUERIES = ["transformer", "量化注意力", "sparse cache"]


def p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


# -- children -------------------------------------------------------------------------
def child_papertui(path: str, t_spawn: float) -> None:
    from papertui.heap import one_malloc_arena
    from papertui.library import Library
    from papertui.store import Store
    from papertui.tui.app import PaperApp
    from papertui.tui.widgets.category_tree import CategoryTree
    from papertui.tui.widgets.paper_list import PaperList

    out: dict = {}

    # Headless, Textual skips turning each screen update into terminal output; a real
    # terminal pays for it on every key. Do it here too, so the CPU figures count it.
    from textual._compositor import Compositor, CompositorUpdate

    render_update = Compositor.render_update
    apps: list = []

    def render_update_and_output(self, *args, **kwargs):
        update = render_update(self, *args, **kwargs)
        if isinstance(update, CompositorUpdate) and apps:
            update.render_segments(apps[0].console)
        return update

    Compositor.render_update = render_update_and_output

    async def run() -> None:
        # As `papertui --list FILE` starts: one malloc arena for all threads, and a big
        # list without a cache is read by a child process after the first screen.
        one_malloc_arena()
        app = PaperApp(Library.open(extra_lists=[path], defer_slow=True), watch=False)
        apps.append(app)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.query_one(PaperList).rows, "no papers on screen"
            out["first_screen"] = time.time() - t_spawn
            while app.lib.deferred or app.screen.lib is not app.lib:
                await asyncio.sleep(0.005)
            await pilot.pause()
            out["all_papers"] = time.time() - t_spawn
            papers = app.screen.query_one(PaperList)
            out["papers"] = len(app.lib.catalog.unique)
            # Keys are measured in the steady state: after the chores that follow
            # start-up (list caches written, a big library's search index built).
            while not app.screen.chores_done:
                await asyncio.sleep(0.02)
            await pilot.pause()

            async def cpu(action) -> float:
                t = time.process_time()
                await action()
                await pilot.pause()
                return (time.process_time() - t) * 1000

            # Every pause of Python's cycle collector while keys are handled (a pause
            # longer than a frame is a key answered late, whatever the medians say).
            pauses: list[tuple[int, float]] = []
            began = [0.0]

            def on_gc(phase: str, info: dict) -> None:
                if phase == "start":
                    began[0] = time.perf_counter()
                else:
                    pauses.append((info["generation"], (time.perf_counter() - began[0]) * 1000))

            gc.callbacks.append(on_gc)
            # A key bound to nothing (Pilot's own cost); "z" was used here until it became zoom-detail,
            # which made every key read 0.0 ms.
            assert NOOP_KEY not in app.active_bindings, f"{NOOP_KEY} is bound: pick another no-op key"
            noop = statistics.median([await cpu(lambda: pilot.press(NOOP_KEY)) for _ in range(REPS)])

            async def timed(action) -> float:
                return max(0.0, await cpu(action) - noop)

            out["cursor"] = statistics.median([await timed(lambda: pilot.press("j")) for _ in range(REPS)])
            # Category switches as a user makes them: j in the tree, through the last
            # sections of the lists (the tree scrolls a line with each, as it does there).
            # With fewer sections than samples, j and k go back and forth between the
            # first two (each press a switch).
            tree = app.screen.query_one(CategoryTree)
            sections = [cid for cid in tree.nodes_by_id if cid.startswith("section:")]
            many = len(sections) > REPS
            tree.focus()
            tree.move_cursor(tree.nodes_by_id[sections[-REPS - 1] if many else sections[0]])
            await pilot.pause()
            keys = ["j"] * REPS if many else ["j", "k"] * (REPS // 2) + ["j"]
            switches = []
            for key in keys:
                before = app.screen.category
                switches.append(await timed(lambda k=key: pilot.press(k)))
                assert app.screen.category != before, "a press that did not switch"
            out["category"] = statistics.median(switches)
            tree.move_cursor(tree.nodes_by_id["view:all"])
            await pilot.pause()
            unread = []
            for _ in range(9):
                unread.append(await timed(lambda: pilot.press("j")))  # All -> Unread
                await timed(lambda: pilot.press("k"))
            out["unread_view"] = statistics.median(unread)
            papers.focus()
            await pilot.pause()
            out["toggle"] = statistics.median([await timed(lambda: pilot.press("r")) for _ in range(REPS)])
            # Durable: press r on the last paper, then read the file as another process would.
            await pilot.press("G")
            await pilot.pause()
            key = app.lib.catalog.keys[papers.current]
            state = app.lib.store.path
            expected = not app.lib.store.is_read(key)  # a warm run may find it read already
            t = time.perf_counter()
            await pilot.press("r")
            while True:
                await asyncio.sleep(0.01)
                if Store.open(state).is_read(key) == expected:
                    break
                if time.perf_counter() - t > 10:
                    break
            out["durable"] = (time.perf_counter() - t) * 1000
            index = app.screen.search_index()
            # The queries are typed three times over (kept results dropped in between);
            # a keystroke's figure is the median of its three, so that the machine
            # pausing the process once does not count as the search's own time.
            typed = [word[:k] for word in QUERIES for k in range(1, len(word) + 1)]
            times: list[list[float]] = [[] for _ in typed]
            done = threading.Event()

            def type_queries(record: bool) -> None:
                for _ in range(3):
                    index.forget_results()
                    for text, samples in zip(typed, times):
                        t = time.perf_counter()
                        index.search(text)
                        if record:
                            samples.append((time.perf_counter() - t) * 1000)
                done.set()

            type_queries(record=True)
            per_key = [statistics.median(samples) for samples in times]
            out["search_median"] = statistics.median(per_key)
            out["search_max"] = max(per_key)
            out["search_slowest"] = typed[per_key.index(max(per_key))]
            out["search_p90"] = p90(per_key)
            # The same keystrokes searched by a worker thread, as the app does: how long
            # the UI thread waits for its turn meanwhile (it asks every millisecond).
            done.clear()
            lags = []
            threading.Thread(target=type_queries, args=(False,)).start()
            while not done.is_set():
                t = time.perf_counter()
                time.sleep(0.001)
                lags.append((time.perf_counter() - t) * 1000 - 1)
            out["search_ui_p90"] = p90(lags)
            out["search_ui_max"] = max(lags)
            gc.callbacks.remove(on_gc)
            out["gc_full"] = sum(1 for generation, _ in pauses if generation == 2)
            out["gc_max"] = max((ms for _, ms in pauses), default=0.0)
            out["gc_total"] = sum(ms for _, ms in pauses)
            app.lib.catalog.write_caches()  # as the running app does after start-up

    asyncio.run(run())
    import resource

    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out), flush=True)


def child_optionlist(path: str, t_spawn: float) -> None:
    import orjson
    from textual.app import App
    from textual.widgets import OptionList

    doc = orjson.loads(Path(path).read_bytes())
    titles = [p["title"] for s in doc["sections"] for p in s["papers"]]

    class Baseline(App):
        def compose(self):
            yield OptionList(*titles)

    async def run() -> None:
        app = Baseline()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            print(json.dumps({"first_screen": time.time() - t_spawn}), flush=True)

    asyncio.run(run())


# -- parent ---------------------------------------------------------------------------
def spawn(kind: str, path: Path, home: Path) -> dict:
    env = dict(os.environ, PAPERTUI_HOME=str(home))
    t = time.time()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), repr(t)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "papertui-bench"))
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path, t_spawn = args.child
        {"papertui": child_papertui, "optionlist": child_optionlist}[kind](path, float(t_spawn))
        return

    from synth import write_library

    data = Path(args.data)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        path = write_library(n, data)
        with tempfile.TemporaryDirectory(prefix="papertui-bench-home-") as home:
            cold = spawn("papertui", path, Path(home))
            warm = spawn("papertui", path, Path(home))
        base = spawn("optionlist", path, data)
        rows.append((n, cold, warm, base))
        print(f"{n} papers done", file=sys.stderr, flush=True)

    columns = [
        "papers",
        "first screen cold / warm",
        "all papers on screen, cold",
        "OptionList baseline",
        "baseline ÷ papertui (warm)",
        "j (CPU)",
        "category switch (CPU)",
        "Unread view (CPU)",
        "r (CPU)",
        "search keystroke median / p90 / max (slowest)",
        "UI thread's wait during a search: p90 / max",
        "r → on disk",
        "collector pauses during keys: full / longest / total",
        "peak RSS",
    ]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---:|" * len(columns))
    for n, cold, warm, base in rows:
        print(
            f"| {n:,} | {cold['first_screen']:.2f} s / {warm['first_screen']:.2f} s | {cold['all_papers']:.2f} s | {base['first_screen']:.2f} s "
            f"| {base['first_screen'] / warm['first_screen']:.1f}× | {warm['cursor']:.1f} ms | {warm['category']:.1f} ms "
            f"| {warm['unread_view']:.1f} ms | {warm['toggle']:.1f} ms "
            f"| {warm['search_median']:.1f} / {warm['search_p90']:.1f} / {warm['search_max']:.1f} ms ({warm['search_slowest']}) | {warm['search_ui_p90']:.0f} / {warm['search_ui_max']:.0f} ms "
            f"| {warm['durable']:.0f} ms | {warm['gc_full']} / {warm['gc_max']:.0f} / {warm['gc_total']:.0f} ms | {warm['rss_mb']:.0f} MB |"
        )
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; run: python benchmarks/bench.py --sizes {args.sizes}")


if __name__ == "__main__":
    main()
