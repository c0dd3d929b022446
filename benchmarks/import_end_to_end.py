"""A big article end to end: ``papertui import``, ``list --json``, the TUI's start (prints figures; asserts nothing).

    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/import_end_to_end.py [--mb 50] [--shape S ...]
    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/import_end_to_end.py --inputs [--n 100000]
    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/import_end_to_end.py --profile import|list|tui --shape S [--mb 5]

For each shape of ``import_speed_articles.py`` (``--mb`` MB; 50: just under the import limit), in a
fresh ``PAPERTUI_HOME``, each phase is a process of its own, as a user runs them:

- import: ``python -m papertui import FILE`` (the list is saved);
- list cold: ``python -m papertui list --json >/dev/null`` (the first command after the import:
  the list file is read and validated, and its cache written);
- list warm: the same again (the library from the cache);
- TUI: the app started headless as ``papertui`` starts it (``Library.open(defer_slow=True)``) until the
  list shows papers ("first"), then until every paper is loaded ("all": a big list without a
  cache is read by a child process after the first screen).

Per phase: wall seconds, CPU seconds (the process and the children it waited for: the chunk
workers, the TUI's list reader) and peak RSS MB (the biggest of them). ``--inputs`` times the
other inputs of issue 14 item 10 through ``import -``: ``--n`` arXiv ids one per line, an arXiv
listing e-mail of ``--n`` entries, a .bib file of ``--n`` entries (200,000: ~50 MB), and the splitter's old backtracking case (a header, then 200k
blank lines). ``--profile PHASE`` prints the cProfile top 35 of one phase (in this process).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from import_speed_articles import MB, SHAPES, _id  # noqa: E402

from papertui import limits  # noqa: E402


def run_phase(argv: list[str], home: str, *, stdin: bytes | None = None, stdout=subprocess.DEVNULL) -> tuple:
    """(wall s, CPU s, peak RSS MB, return code, stderr) of one process and its waited-for children."""
    env = dict(os.environ, PAPERTUI_HOME=home, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryFile() as source:  # (what ``import -`` reads: a file, so that nothing here waits on a pipe)
        source.write(stdin or b"")
        source.seek(0)
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdin=source if stdin is not None else subprocess.DEVNULL,
                                stdout=stdout, stderr=subprocess.PIPE)
        err = proc.stderr.read() if proc.stderr else b""
        _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, err.decode(errors="replace")


def tui_child(t_spawn: float) -> None:
    """In a process of its own: the app as ``papertui`` starts it, until the list shows papers."""
    from papertui.heap import one_malloc_arena
    from papertui.library import Library
    from papertui.tui.app import PaperApp
    from papertui.tui.widgets.paper_list import PaperList

    async def run() -> None:
        one_malloc_arena()
        app = PaperApp(Library.open(defer_slow=True), watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            first = time.time() - t_spawn
            while app.lib.deferred or app.screen.lib is not app.lib:
                await asyncio.sleep(0.005)
            await pilot.pause()
            rows = len(app.screen.query_one(PaperList).rows)
            print(f"{first:.3f} {time.time() - t_spawn:.3f} {len(app.lib.catalog.unique)} {rows}")

    asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of each article (MB; capped below the limit)")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes")
    parser.add_argument("--inputs", action="store_true", help="the other inputs of the issue instead of the shapes")
    parser.add_argument("--n", type=int, default=100_000, help="ids / e-mail entries for --inputs")
    parser.add_argument("--profile", choices=("import", "list", "tui"))
    parser.add_argument("--tui-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tui_child:
        tui_child(float(args.tui_child))
        return 0
    mb = min(args.mb, limits.MAX_IMPORT_BYTES / MB - 0.01)
    shapes = args.shape or list(SHAPES)
    if args.profile:
        return profile(args.profile, shapes[0], mb)
    if args.inputs:
        return inputs(args.n)
    print(f"{'':<15} {'':>5} {'':>8} {'import':^18} {'list --json, cold':^18} {'list --json, warm':^18} "
          f"{'TUI start':^18}  TUI first/all s")
    print(f"{'shape':<15} {'MB':>5} {'papers':>8} " + " ".join([f"{'wall':>6} {'cpu':>6} {'RSS':>5}"] * 4))
    for shape in shapes:
        row(shape, mb)
    return 0


def row(shape: str, mb: float) -> None:
    text = SHAPES[shape](int(mb * MB))
    with tempfile.TemporaryDirectory(prefix="papertui-e2e-") as home:
        path = Path(home) / f"{shape}.md"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        del text
        py = [sys.executable, "-m", "papertui"]
        cells = []
        wall, cpu, rss, code, err = run_phase([*py, "import", str(path)], home)
        if code:
            print(f"{shape:<15} import failed: {err.strip().splitlines()[-1:]}")
            return
        papers = err.split(" paper", 1)[0].rsplit(" ", 1)[-1]
        cells.append((wall, cpu, rss))
        for _ in range(2):
            wall, cpu, rss, code, err = run_phase([*py, "list", "--json"], home)
            cells.append((wall, cpu, rss) if not code else (float("nan"),) * 3)
        env = dict(os.environ, PAPERTUI_HOME=home, PYTHONPATH=str(ROOT))
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--tui-child", repr(time.time())], env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out = proc.stdout.read().decode() if proc.stdout else ""
        _pid, status, usage = os.wait4(proc.pid, 0)
        cells.append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
        first_all = " / ".join(out.split()[:2]) if os.waitstatus_to_exitcode(status) == 0 and out else "failed"
        print(f"{shape:<15} {size / MB:>5.1f} {papers:>8} "
              + " ".join(f"{w:>6.2f} {c:>6.2f} {r:>5.0f}" for w, c, r in cells) + f"  {first_all}", flush=True)


def inputs(n: int) -> int:
    ids = "".join(f"{_id(k)}\n" for k in range(n)).encode()
    email = "".join(f"------------------------------------------------------------------------------\n\\\\\narXiv:{_id(k)}\n"
                    f"Date: Mon, 1 Jan 2024 00:00:00 GMT   (10kb)\n\nTitle: Entry {k} on Sparse Routing\nAuthors: A. Person, "
                    f"B. Person\nCategories: cs.LG\n\\\\\n  A short abstract of entry {k}, in one sentence.\n\\\\\n"
                    for k in range(n)).encode()
    bib = "".join(f"@article{{lee{k}2024,\n  title = {{Entry {k} on Sparse Routing in {{MoE}} Layers}},\n  author = {{Lee, Ann "
                  f"and Wu, Bo}},\n  journal = {{arXiv preprint arXiv:{_id(k)}}},\n  eprint = {{{_id(k)}}},\n  archivePrefix = "
                  f"{{arXiv}},\n  year = {{2024}}\n}}\n\n" for k in range(n)).encode()
    backtrack = ("arXiv:2401.00001\nTitle: x\n\\\\\n" + "\n" * 200_000).encode()
    print(f"{'input (import -)':<28} {'bytes':>11} {'wall s':>7} {'cpu s':>7} {'RSS MB':>7}  message")
    for label, data in ((f"{n:,} ids, one per line", ids), (f"arXiv e-mail, {n:,} entries", email),
                        (f"BibTeX, {n:,} entries", bib), ("e-mail header + 200k newlines", backtrack)):
        with tempfile.TemporaryDirectory(prefix="papertui-e2e-") as home:
            wall, cpu, rss, _code, err = run_phase([sys.executable, "-m", "papertui", "import", "-"], home, stdin=data)
            line = err.strip().splitlines()[-1] if err.strip() else ""
            line = line.split(" → ")[0].replace(" with an arXiv id", "")  # (the list's path: a temp dir)
            print(f"{label:<28} {len(data):>11,} {wall:>7.2f} {cpu:>7.2f} {rss:>7.0f}  {line[:90]}")
    return 0


def profile(phase: str, shape: str, mb: float) -> int:
    from papertui.cli import main as cli_main

    text = SHAPES[shape](int(mb * MB))
    with tempfile.TemporaryDirectory(prefix="papertui-e2e-") as home:
        os.environ["PAPERTUI_HOME"] = home
        path = Path(home) / f"{shape}.md"
        path.write_text(text, encoding="utf-8")
        from papertui import importers
        from papertui.importers import chunks

        chunks.THRESHOLD = 10**12  # one process: the profile sees every call
        prof = cProfile.Profile()
        if phase == "import":
            prof.runcall(cli_main, ["import", str(path)])
        else:
            importers.run(str(path), lists_dir=Path(home) / "lists")
        stdout = sys.stdout
        if phase == "list":
            sys.stdout = io.StringIO()
            try:
                prof.runcall(cli_main, ["list", "--json"])
            finally:
                sys.stdout = stdout
        elif phase == "tui":
            sys.stdout = io.StringIO()
            try:
                cli_main(["list", "--json"])  # (the caches written, as after the user's first command)
            finally:
                sys.stdout = stdout
            from papertui.library import Library

            prof.runcall(Library.open, defer_slow=True)
        pstats.Stats(prof, stream=stdout).sort_stats("tottime").print_stats(35)
    return 0


if __name__ == "__main__":
    sys.exit(main())
