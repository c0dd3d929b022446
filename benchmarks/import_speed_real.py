"""How fast the article importer reads real articles (prints figures; asserts nothing).

    cd /tmp && PYTHONPATH=CHECKOUT python CHECKOUT/benchmarks/import_speed_real.py 'corpus/dev*'

The synthetic shapes of ``import_speed_articles.py`` are worst cases: 5,000-13,000 papers per MB, every line a
paper. Real digests hold far fewer (a 300 KB weekly post lists 50-300 papers, with prose between them). This script
reads the articles of the given folders (any file but ``*.expected.json``, ``NOTES.md``, ``SOURCES.md``) with
``import_text`` in this process and prints, CPU time best of 2 (the machine may be shared):

- every article one by one: MB, seconds, seconds per MB, and the five slowest per MB;
- a ~1 MB article made of them: the Markdown (and text) articles joined one after the other until 1 MB, and
  the HTML ones likewise inside one ``<body>`` - what "a 1 MB article" costs when its text is real.

The corpus is third-party text and is not committed (see the README: import quality).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from papertui.importers import ImportError_, import_text

MB = 1024 * 1024
_SKIP = ("NOTES.md", "SOURCES.md")


def _articles(folders: list[str]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        for path in sorted(Path(folder).iterdir()):
            if path.is_file() and not path.name.endswith(".expected.json") and path.name not in _SKIP:
                out.append(path)
    return out


def _cpu(text: str, name: str, runs: int = 2) -> tuple[float, int]:
    """Best CPU seconds of ``runs`` imports of ``text`` (after one warm-up), and the papers found."""
    papers = 0
    try:
        papers = len(import_text(text, name).papers)
    except ImportError_:
        pass
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        try:
            import_text(text, name)
        except ImportError_:
            pass
        best = min(best, time.process_time() - start)
    return best, papers


def _one_mb(texts: list[str]) -> str:
    parts: list[str] = []
    size = 0
    while texts and size < MB:
        for text in texts:
            parts.append(text)
            size += len(text.encode()) + 2
            if size >= MB:
                break
    return "\n\n".join(parts)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    import glob

    folders = [f for pattern in argv for f in sorted(glob.glob(pattern)) if os.path.isdir(f)]
    paths = _articles(folders)
    rows = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        seconds, papers = _cpu(text, path.name)
        rows.append((seconds, len(text.encode()), papers, path))
    size = sum(r[1] for r in rows)
    seconds = sum(r[0] for r in rows)
    print(f"{len(rows)} real articles in {len(folders)} folders, {size / MB:.2f} MB, {sum(r[2] for r in rows):,} papers: "
          f"{seconds:.2f} s CPU, {seconds / max(size / MB, 1e-9):.2f} s per MB")
    print("slowest per MB:")
    for s, b, n, path in sorted(rows, key=lambda r: -r[0] / max(r[1], 1))[:5]:
        print(f"  {s / b * MB:5.2f} s/MB  {b:>9,} B  {n:>4} papers  {s:.3f} s  {path.parent.name}/{path.name}")
    html = [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.suffix.lower() in (".html", ".htm")]
    other = [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.suffix.lower() not in (".html", ".htm")]
    for label, texts, name in (("Markdown/text", other, "joined.md"), ("HTML", html, "joined.html")):
        if not texts:
            continue
        text = _one_mb(texts)
        if name.endswith(".html"):
            text = f"<html><body>{text}</body></html>"
        s, n = _cpu(text, name, runs=3)
        print(f"~1 MB of real {label} articles joined ({len(text.encode()) / MB:.2f} MB, {n:,} papers): {s:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
