"""How long the article importer takes on big articles (prints figures; asserts nothing).

    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/import_speed_articles.py [--mb 1] [--big 50] [--shape S ...] [--whole]
    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/import_speed_articles.py --profile SHAPE [--mb 5]

Synthetic articles in the shapes digests take (a dense numbered list, a Markdown table, headed items with
their link line, HTML cards, hard-wrapped plain text, a Chinese column with bold titles and label lines),
each imported with ``import_text``: ``--mb`` of each (best of 3: the machine is shared), then ``--big``
MB of each (0: none) in a process of its own, so that its peak RSS is that import's alone. An article over
``chunks.THRESHOLD`` (4 MB) is read in chunks by worker processes: CPU seconds are this process's and its
workers' together, "CPU/core" is that over the workers used, "RSS MB" this process's peak and "workers"
the biggest worker's (``--whole`` reads every article in one piece, as before chunks). Then
hostile shapes (thousands of links or bold words in one line, one table row, labels over headings)
at ``--linear`` MB and twice that: the ratio of their times is about 2 when the importer is linear.
Last, an input over the 50 MB limit through ``run`` (refused in one line). ``--profile SHAPE`` prints the
cProfile top 30 for one shape.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from papertui import limits
from papertui.importers import ImportError_, chunks, import_text, run

MB = 1024 * 1024


def _id(k: int) -> str:
    return f"{24 + k // 1_080_000}{(k // 90000) % 12 + 1:02d}.{k % 90000 + 10000:05d}"


def _fill(unit, size: int) -> str:
    parts, total, k = [], 0, 0
    while total < size:
        part = unit(k)
        parts.append(part)
        total += len(part.encode())
        k += 1
    return "".join(parts)


def dense_list(size: int = MB) -> str:
    return "# Weekly papers\n\n" + _fill(lambda k: f"{k + 1}. [Paper number {k} on sparse routing](https://arxiv.org/abs/{_id(k)})\n", size)


def table(size: int = MB) -> str:
    head = "# Papers\n\n| # | Title | Authors | Link |\n|---|---|---|---|\n"
    return head + _fill(lambda k: f"| {k + 1} | **Model {k}: Learning to Route Tokens** - short note | A. Person, B. Person "
                                  f"| [Paper](https://arxiv.org/abs/{_id(k)}) |\n", size)


def headed_items(size: int = MB) -> str:
    return "# Weekly digest\n\n" + _fill(lambda k: (f"## Section {k // 50}\n\n" if k % 50 == 0 else "") +
                                         f"### {k + 1}. Headed Paper {k}: Sparse Experts at Scale\n\n"
                                         f"A short paragraph on what paper {k} does, in a sentence or two.\n\n"
                                         f"Paper: https://arxiv.org/abs/{_id(k)}\n\n", size)


def html_cards(size: int = MB) -> str:
    head = "<!DOCTYPE html><html><head><title>Digest</title></head><body><h1>Digest</h1><h2>Papers</h2>\n"
    return head + _fill(lambda k: f'<div class="paper"><h3><a href="https://arxiv.org/pdf/{_id(k)}v1?utm_source=x">'
                                  f"Card {k}: Attention over Long Inputs</a></h3><p>A short summary of card {k}, "
                                  "which says what it does.</p></div>\n", size) + "</body></html>"


def wrapped_text(size: int = MB) -> str:
    return "Reading list\n\nPart 1 Everything\n\n" + _fill(
        lambda k: f"{k + 1}. Entry {k}: A Fairly Long Title That Wraps Onto\nthe Next Line (2024) by Ann Lee et al., "
                  f"https://arxiv.org/abs/{_id(k)}\n", size)


def chinese_column(size: int = MB) -> str:
    return "# 本周论文\n\n" + _fill(lambda k: f"**{k + 1}. Paper {k}: Learning Small Things（学习小事情）**\n\n"
                                              f"摘要：这篇论文研究一个小问题，给出一个简单的方法。\n\n"
                                              f"论文地址：https://arxiv.org/abs/{_id(k)}\n\n", size)


# Hostile shapes, each once at a size and once at twice it: a linear importer takes about twice as long.
HOSTILE = {
    "one-line-links": lambda n: "# T\n\n" + _fill(lambda k: f"[Title number {k} here](https://arxiv.org/abs/{_id(k)}) ", n),
    "one-line-run": lambda n: "Intro\n\n" + _fill(lambda k: f"Title number {k} here, A. Author, https://arxiv.org/abs/{_id(k)} ", n),
    "one-item-links": lambda n: "# T\n\n- " + _fill(lambda k: f"**b{k}** [Title {k} here](https://arxiv.org/abs/{_id(k)}) ", n),
    "labels-over-headings": lambda n: "# T\n\n" + _fill(lambda k: f"Group {k}\n\n## Title {k} here\n\nsome words\n\n", n)
    + "https://arxiv.org/abs/2401.00001\n",
    "bold-words-line": lambda n: "# T\n\n" + _fill(lambda k: f"**w{k}** ", n) + "\n\nhttps://arxiv.org/abs/2401.00001\n",
    "one-table-row": lambda n: "| a | b |\n|---|---|\n| " + _fill(lambda k: f"[T {k}](https://arxiv.org/abs/{_id(k)}) ", n) + "| x |\n",
    "one-heading-body": lambda n: "## Paper heading\n\n" + _fill(lambda k: f"line {k} text [x](https://arxiv.org/abs/{_id(k)})\n", n),
    # (an outline: each group item over one nested paper, each asking whether the siblings before it are groups)
    "outline-of-ones": lambda n: "# T\n\n"
    + _fill(lambda k: f"- Group {k}\n  - [Title {k}](https://arxiv.org/abs/{_id(k)}) more words\n", n),
    # (one long run of spaces or dashes on a line that a regex reads whole: a page header's field, a table's delimiter
    # row, an org headline's and item's end before their tags)
    "meta-header-spaces": lambda n: "Title: T\nDate: 2024" + " " * n + "\nx\n\nhttps://arxiv.org/abs/2401.00001\n",
    "doubled-pipe-dashes": lambda n: "| a || b |\n" + "-" * n + "x\n\nhttps://arxiv.org/abs/2401.00001\n",
    "org-spaces-tags": lambda n: "#+TITLE: T\n#+AUTHOR: A\n* Group" + " " * (n // 2) + "x\n- item" + " " * (n // 2)
    + ":a: b:\n- [[https://arxiv.org/abs/2401.00001][A Paper on Things]]\n",
    # (a run of no-break spaces in a citation's line: a title's regexes read \s, so the line must come folded)
    "nbsp-run-citation": lambda n: "<html><body><ul><li>Lee, A. (2020)" + "&nbsp;" * (n // 6)
    + "x <a href='https://example.edu/x'>Title of the paper here</a></li></ul>"
    "<a href='https://arxiv.org/abs/2401.00001'>A Paper on Things</a></body></html>",
    # (raw-text tags named in prose and never closed, Liquid comments never ended: each must not read to the end)
    "open-raw-tags": lambda n: "# T\n\n" + _fill(lambda k: f"Use a <title> or <style> tag, then [T {k}](https://arxiv.org/abs/{_id(k)})\n\n", n),
    "open-liquid-comments": lambda n: "# T\n\n" + _fill(lambda k: f"{{% comment %}} note {k} [T {k}](https://arxiv.org/abs/{_id(k)})\n\n", n),
    # (a heading that ends in thousands of bracketed links to other pages: each dropped from the end, once)
    "heading-site-links": lambda n: "# Doc\n\n## Topic " + _fill(lambda k: f"[[Site {k}](https://example.com/{k})] ", n)
    + "\n\n- [A Paper on Things](https://arxiv.org/abs/2401.00001)\n",
    # (a citation's titled link, then thousands of URLs shown bare: each looked for in what follows the title)
    "cited-link-shown-urls": lambda n: "# T\n\n- Ann Lee, Bo Wu: [A Paper on Things](https://arxiv.org/abs/2401.00001). "
    + _fill(lambda k: f"https://example.com/{k} ", n) + "\n",
    # (one layout-table row of thousands of cells, a topic's and its reading list's: each asks whether a cell stands
    # beside the next in a row of three cells or more)
    "layout-row-of-cells": lambda n: "<html><body><h1>T</h1><h2>Readings</h2><table><tr><td>May 8</td>"
    + _fill(lambda k: f"<td>Topic {k}</td><td><ul><li><a href='https://arxiv.org/abs/{_id(k)}'>Title {k} here</a></li></ul></td>", n)
    + "</tr></table></body></html>",
    # (papers listed, then a closing list of references whose entry, no arXiv id, is long: each title looked for in it)
    "long-reference-repeats": lambda n: "# T\n\n## Papers\n\n"
    + _fill(lambda k: f"- [Listed paper number {k} on things](https://arxiv.org/abs/{_id(k)})\n", n // 2)
    + "\n## References\n\n1. Lee, A., 2029. " + "word " * (n // 10) + "Some Title. [doi](https://doi.org/10.1000/xyz)\n"
    "2. Wu, B., 2028. Other Title. [doi](https://doi.org/10.1000/abc)\n",
    # (thousands of plain labels under one heading, each over its one-bullet list of an arXiv paper: each label asks
    # whether every list under the heading has its label)
    "plain-labels-over-lists": lambda n: "# T\n\n## Papers\n\n"
    + _fill(lambda k: f"Group {k}\n\n- [Title {k} here](https://arxiv.org/abs/{_id(k)})\n\n", n),
    # (papers listed, then a recap of thousands of unlinked bullets, each joining the last paper's body and asking
    # whether that body holds a deeper line or a reference)
    "recap-unlinked-bullets": lambda n: "# T\n\n## Papers\n\n"
    + _fill(lambda k: f"- [Learning Things Number {k} Well](https://arxiv.org/abs/{_id(k)})\n", n // 2) + "\n## Recap\n\n"
    + _fill(lambda k: f"- Learning Things Number {k} Well: A Fuller Title of It\n", n // 2),
    # (one line of thousands of "Surname, I., " and no title after them: the lead of names tried from each name)
    "names-initials-line": lambda n: "# T\n\n" + "Lee, A., " * (n // 9) + "\n\nhttps://arxiv.org/abs/2401.00001\n",
    # (a bullet of thousands of dashes between short words: each dash was tried as the one before its authors)
    "dash-run-line": lambda n: "# T\n\n- " + "Ab - " * (n // 5) + "\n\nhttps://arxiv.org/abs/2401.00001\n",
}

SHAPES = {"dense-list": dense_list, "table": table, "headed-items": headed_items, "html-cards": html_cards,
          "wrapped-text": wrapped_text, "chinese-column": chinese_column}


def best_of(fn, runs: int = 3):
    """The fastest of ``runs`` (wall seconds, CPU seconds): the machine is shared, the best run
    is the one least disturbed."""
    best = None
    result = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        result = fn()
        figures = (time.perf_counter() - wall, cpu_seconds() - cpu)
        best = figures if best is None or figures[0] < best[0] else best
    return best, result


def cpu_seconds() -> float:
    """CPU seconds of this process and of its workers that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def workers_used(text: str) -> int:
    """How many processes read ``text``."""
    if len(text) <= chunks.THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, chunks.MAX_WORKERS, len(text) // chunks.CHUNK))


def peak_rss_mb() -> float:
    """This process's peak resident set: VmHWM (Linux; ``ru_maxrss`` would count what the parent
    held before ``exec``), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(shape: str, mb: float) -> None:
    """Import ``mb`` MB of ``shape`` once and print: bytes, papers, wall s, cpu s, peak RSS MB
    (of this process: the text itself is part of it) and the RSS before the import."""
    text = SHAPES[shape](int(mb * MB))
    before = peak_rss_mb()
    wall, cpu = time.perf_counter(), cpu_seconds()
    imported = import_text(text)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if len(text) > chunks.THRESHOLD else 0
    print(len(text.encode()), len(imported.papers), f"{wall:.3f}", f"{cpu:.3f}", f"{peak_rss_mb():.0f}", f"{before:.0f}",
          workers_used(text), f"{workers:.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=sorted(SHAPES))
    parser.add_argument("--mb", type=float, default=1.0, help="size of each article timed best of 3 (MB)")
    parser.add_argument("--big", type=float, default=50.0, help="size of each article timed once in its own process")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes")
    parser.add_argument("--linear", type=float, default=0.25, help="size (MB) of each hostile shape, then twice it (0: none)")
    parser.add_argument("--whole", action="store_true", help="read every article in one piece (no chunks)")
    parser.add_argument("--one", choices=sorted(SHAPES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.whole:
        chunks.THRESHOLD = 10**12
    shapes = args.shape or list(SHAPES)
    if args.one:
        one(args.one, args.mb)
        return 0
    if args.profile:
        text = SHAPES[args.profile](int(args.mb * MB))
        prof = cProfile.Profile()
        prof.runcall(import_text, text)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return 0
    import_text(dense_list(20_000))  # warm up: imports, compiled patterns
    print(f"{f'article (~{args.mb:g} MB)':<18} {'bytes':>11} {'papers':>8} {'wall s':>7} {'cpu s':>7} {'MB/s':>6}  (best of 3)")
    for name in shapes:
        text = SHAPES[name](int(args.mb * MB))
        (wall, cpu), imported = best_of(lambda text=text: import_text(text))
        size = len(text.encode())
        print(f"{name:<18} {size:>11,} {len(imported.papers):>8,} {wall:>7.2f} {cpu:>7.2f} {size / MB / wall:>6.1f}")
    if args.big:
        big_mb = min(args.big, limits.MAX_IMPORT_BYTES / MB - 0.01)
        print(f"\n{f'article (~{big_mb:g} MB)':<18} {'bytes':>11} {'papers':>8} {'wall s':>7} {'cpu s':>7} {'MB/s':>6}"
              f" {'RSS MB':>7} {'before':>7} {'procs':>5} {'CPU/core':>8} {'workers':>7}  (once, own process; RSS: peak, with the text)")
        for name in shapes:
            out = subprocess.run([sys.executable, __file__, "--one", name, "--mb", str(big_mb),
                                  *(["--whole"] if args.whole else [])], capture_output=True, text=True, check=False)
            if out.returncode:
                print(f"{name:<18} failed: {out.stderr.strip().splitlines()[-1:]}")
                continue
            size, papers, wall, cpu, rss, base, procs, workers = out.stdout.split()
            print(f"{name:<18} {int(size):>11,} {int(papers):>8,} {float(wall):>7.2f} {float(cpu):>7.2f} "
                  f"{int(size) / MB / float(wall):>6.1f} {rss:>7} {base:>7} {procs:>5} {float(cpu) / int(procs):>8.2f} {workers:>7}")
    if args.linear:
        print(f"\n{'hostile shape':<22} {f'{args.linear:g} MB s':>9} {f'{2 * args.linear:g} MB s':>9} {'ratio':>6}"
              "  (CPU seconds; linear: about 2)")
        for name, make in HOSTILE.items():
            seconds = []
            for size in (args.linear, 2 * args.linear):
                text = make(int(size * MB))
                start = time.process_time()
                try:
                    import_text(text)
                except ImportError_:
                    pass
                seconds.append(time.process_time() - start)
            print(f"{name:<22} {seconds[0]:>9.2f} {seconds[1]:>9.2f} {seconds[1] / max(seconds[0], 1e-3):>6.1f}")
    over = dense_list(limits.MAX_IMPORT_BYTES + 1000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.md"
        path.write_text(over, encoding="utf-8")
        for label, call in (("over 50 MB, file", lambda: run(str(path), lists_dir=Path(tmp) / "lists")),
                            ("over 50 MB, paste", lambda: run("pasted text", text=over, lists_dir=Path(tmp) / "lists"))):
            start = time.perf_counter()
            try:
                call()
                print(f"{label:<18} imported in {time.perf_counter() - start:.2f} s (not refused)")
            except ImportError_ as exc:
                print(f"{label:<18} refused in {time.perf_counter() - start:.2f} s: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
