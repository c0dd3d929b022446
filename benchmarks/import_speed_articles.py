"""How long the article importer takes on big articles (prints figures; asserts nothing).

    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/import_speed_articles.py [--profile SHAPE]

Synthetic articles of about 1 MB in the shapes digests take (a dense numbered list, a Markdown
table, HTML cards, hard-wrapped plain text, a Chinese column with bold titles and label lines),
each imported with ``import_text``; then a 50 MB input through ``run`` (refused in one line).
``--profile SHAPE`` prints the cProfile top 25 for one shape.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from papertui.importers import ImportError_, import_text, run

MB = 1024 * 1024


def _id(k: int) -> str:
    return f"24{(k // 90000) % 12 + 1:02d}.{k % 90000 + 10000:05d}"


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


SHAPES = {"dense-list": dense_list, "table": table, "html-cards": html_cards, "wrapped-text": wrapped_text,
          "chinese-column": chinese_column}


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def best_of(fn, runs: int = 3):
    """The fastest of ``runs`` (wall seconds, CPU seconds): the machine is shared, the best run
    is the one least disturbed."""
    best = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        figures = (time.perf_counter() - wall, time.process_time() - cpu)
        best = figures if best is None or figures[0] < best[0] else best
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=sorted(SHAPES))
    args = parser.parse_args()
    if args.profile:
        text = SHAPES[args.profile]()
        prof = cProfile.Profile()
        prof.runcall(import_text, text)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return 0
    import_text(dense_list(20_000))  # warm up: imports, compiled patterns
    print(f"{'article (~1 MB)':<18} {'bytes':>9} {'papers':>7} {'wall s':>7} {'cpu s':>7}  (best of 3)")
    for name, make in SHAPES.items():
        text = make()
        (wall, cpu), imported = best_of(lambda text=text: import_text(text))
        print(f"{name:<18} {len(text.encode()):>9,} {len(imported.papers):>7,} {wall:>7.2f} {cpu:>7.2f}")
    big = dense_list(50 * MB + 1000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.md"
        path.write_text(big, encoding="utf-8")
        for label, call in (("50 MB file", lambda: run(str(path), lists_dir=Path(tmp) / "lists")),
                            ("50 MB paste", lambda: run("pasted text", text=big, lists_dir=Path(tmp) / "lists"))):
            try:
                seconds, _ = timed(call)
                print(f"{label:<18} imported in {seconds:.2f} s")
            except ImportError_ as exc:
                start = time.perf_counter()
                try:
                    call()
                except ImportError_:
                    pass
                print(f"{label:<18} refused in {time.perf_counter() - start:.2f} s: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
