"""Dump what the article importer makes of every article in a folder, and diff two dumps (prints; asserts nothing).

Usage:
    PYTHONPATH=CHECKOUT python benchmarks/import_dump.py OUT.json 'GLOB'   (e.g. 'corpus/dev*/*')
    python benchmarks/import_dump.py --diff A.json B.json

Run it from outside the checkout (``cd /tmp``): ``python -m`` and the CLI import the current directory first. Each
article (any file but ``*.expected.json`` and ``NOTES.md``) is read with ``import_text`` in this process, and its
papers (section, title, arXiv id, summary) are written to OUT.json. ``--diff`` lists the files whose papers differ
between two dumps, with the papers only one of them has: a change to the importer is checked by dumping a corpus
before and after it (a refactor or a speed change must give 0 files that differ; a fix, only the files it means).
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path


def dump(out: str, pattern: str) -> None:
    from papertui.importers import ImportError_, import_text

    result: dict[str, object] = {}
    for name in sorted(glob.glob(pattern)):
        path = Path(name)
        if path.name.endswith(".expected.json") or path.name == "NOTES.md" or not path.is_file():
            continue
        try:
            imported = import_text(path.read_text(encoding="utf-8", errors="replace"), path.name)
            result[name] = [[s, p.title, p.arxiv, p.summary] for s, p in imported.papers]
        except ImportError_ as exc:
            result[name] = f"error: {exc}"
        except Exception as exc:  # (a crash is a result to compare too)
            result[name] = f"CRASH: {type(exc).__name__}: {exc}"
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(result)} files -> {out}")


def diff(a: str, b: str) -> int:
    before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (a, b))
    changed = 0
    for name in sorted(set(before) | set(after)):
        x, y = before.get(name), after.get(name)
        if x == y:
            continue
        changed += 1
        print(f"== {name}")
        if not isinstance(x, list) or not isinstance(y, list):
            print("  A:", str(x)[:200])
            print("  B:", str(y)[:200])
            continue
        xs, ys = [tuple(map(str, p)) for p in x], [tuple(map(str, p)) for p in y]
        for sign, mine, other in (("-", xs, ys), ("+", ys, xs)):
            for p in mine:
                if p not in other:
                    print(f"  {sign}", " | ".join(q[:90] for q in p[:3]), "|", p[3][:60])
    print(f"{changed} of {len(set(before) | set(after))} files differ")
    return 1 if changed else 0


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--diff":
        return diff(sys.argv[2], sys.argv[3])
    if len(sys.argv) == 3:
        dump(sys.argv[1], sys.argv[2])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
