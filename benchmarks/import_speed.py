"""How long ``import_text`` takes on hostile and large inputs (issue 14 item 10).

    python benchmarks/import_speed.py [--scale 1.0]

Each line: the case, its size, the seconds one run took and how many papers it found.
``--scale 0.1`` runs every case at a tenth of its size (to see how a slow version grows
without waiting minutes for it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from papertui.importers import ImportError_, import_text


def arxiv_id(i: int) -> str:
    return f"{24 + i // 1_080_000}{(i // 90_000) % 12 + 1:02d}.{i % 90_000 + 10_000:05d}"


def email_entry(i: int) -> str:
    return (f"------------------------------------------------------------------------------\n\\\\\n"
            f"arXiv:{arxiv_id(i)}\nDate: Mon, 20 May 2024 17:59:59 GMT   (12kb)\n\n"
            f"Title: Paper number {i} about\n  long context\nAuthors: A. Author, B. Author\nCategories: cs.CL\n"
            f"\\\\\n  An abstract for paper {i}, on two\nlines.\n\\\\ ( https://arxiv.org/abs/{arxiv_id(i)} ,  12kb)\n")


def cases(scale: float) -> list[tuple[str, str]]:
    n = lambda base: max(1, int(base * scale))
    return [
        ("e-mail: header, \\\\, then 200k newlines", "arXiv:2401.00001\nTitle: x\n\\\\\n" + "\n" * n(200_000)),
        ("e-mail: header, \\\\, then 200k blank lines of spaces",
         "arXiv:2401.00001\nTitle: x\n\\\\\n" + " \n" * n(200_000)),
        ("e-mail: 200k lines of \\\\", "arXiv:2401.00001\nTitle: x\n" + "\\\\\n" * n(200_000)),
        ("e-mail: 20k entries", "".join(email_entry(i) for i in range(n(20_000)))),
        ("ids: 100k distinct", "\n".join(arxiv_id(i) for i in range(n(100_000))) + "\n"),
        ("ids: 100k, each twice", "\n".join(arxiv_id(i % n(50_000)) for i in range(n(100_000))) + "\n"),
        ("ids: 100k abs URLs", "\n".join(f"https://arxiv.org/abs/{arxiv_id(i)}v2" for i in range(n(100_000))) + "\n"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    print(f"{'case':<52} {'chars':>11} {'seconds':>9} {'papers':>7}")
    for name, text in cases(args.scale):
        start = time.perf_counter()
        try:
            found = len(import_text(text).papers)
        except ImportError_:
            found = 0
        took = time.perf_counter() - start
        print(f"{name:<52} {len(text):>11,} {took:>9.2f} {found:>7,}", flush=True)


if __name__ == "__main__":
    main()
