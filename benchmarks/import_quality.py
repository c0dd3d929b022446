"""Score papertui's article importer against hand-labelled articles.

Usage:
    PYTHONPATH=$PWD python benchmarks/import_quality.py FOLDER [--fetch [--stand-in]] [--json] [-v] [--only NAME]

FOLDER holds articles (any name: .md, .html, .txt, ...) and, next to each one, ARTICLE.expected.json: a JSON
array of {"title", "arxiv_id", "section"} objects, the papers a careful reader would import from ARTICLE, in order
(arxiv_id without version, null for a paper item without an arXiv link; section null when the item is under no
heading). Each article is imported exactly as `papertui import ARTICLE --dry-run --json` does it: the CLI runs in a
subprocess (so the script does not depend on the importer's internals) with PAPERTUI_HOME in a fresh temp dir;
`--fetch` is passed through to the CLI (it then asks the arXiv API at $PAPERTUI_ARXIV_API, default the real one).
`--stand-in` (with `--fetch`, where arXiv cannot be reached) points it at a loopback arXiv started here that knows every
id: it measures the path, not arXiv's data (every paper the import found by id, in batches of at most 100, should come
back titled by "arXiv"; the titles it serves are placeholders). The script prints, per file and overall (pooled over
all papers):

- recall and precision of arXiv ids (unique ids expected vs. unique ids found),
- sections: share of matched papers whose section equals the expected one (names normalised: case, width,
  Markdown emphasis, emoji, enumerators such as "一、", "1.", "Part 2:"; an expected null section accepts an
  empty one or the importer's generic default "Papers"),
- titles: share of id-matched papers whose title equals the expected one (normalised: case, width, whitespace,
  Markdown emphasis and links, quotes and punctuation at the ends; an expected null title, where the article gives
  only a bare URL or id, accepts the importer's placeholder `arXiv:ID`); with `--fetch`, a title the importer reports
  as taken from the arXiv API (`"title_source": "arxiv"`) counts as right, since it is the paper's real title,
- counts: expected items, found items, ids expected / found, missed and extra ids, non-arXiv items matched by
  title, items found without an id that match nothing ("junk"), and the import time.

`-v` lists, per file, the missed and extra ids and the wrong sections and titles; `--json` prints everything as
JSON instead of the table. Exit status: 0, or 1 when an import failed (counted as finding nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

DEFAULT_SECTIONS = {"", "papers"}
_ARXIV = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?", re.I)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ENUM = re.compile(
    r"^(?:part|section|chapter)\s*[0-9一二三四五六七八九十]+\s*[:：.、\-–—]?\s*"
    r"|^第?[一二三四五六七八九十百零〇\d]+(?:部分|[部章节篇])?\s*[、.．:：)）]\s*"
    r"|^[(（]?\d+[)）]?\s*[、.．:：)）]\s*"
    r"|^[(（][一二三四五六七八九十]+[)）]\s*",
    re.I,
)
_END_PUNCT = " \t.,;:!?。，；：！？、\"'“”‘’「」『』《》〈〉()（）[]【】<>-–—|*_`~#"


def norm_arxiv(value: object) -> str | None:
    if not value:
        return None
    m = _ARXIV.search(str(value))
    return m.group(1).lower() if m else None


def _base(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = _MD_LINK.sub(r"\1", s)
    s = re.sub(r"<[^>]+>", "", s)  # stray HTML tags
    s = re.sub(r"[*_`~]+", "", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) not in ("So", "Cf", "Sk"))
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(\w)- (\w)", r"\1-\2", s)  # a hyphen left by a hard line break
    return s.casefold()


def norm_title(s: str | None) -> str:
    return _base(s or "").strip(_END_PUNCT).strip()


def norm_section(s: str | None) -> str:
    s = _base(s or "").strip(_END_PUNCT).strip()
    for _ in range(2):
        s = _ENUM.sub("", s).strip(_END_PUNCT).strip()
    return s


def title_ok(expected: str | None, found: str | None, arxiv: str | None) -> bool:
    """An expected null title (the article gives only a bare URL or id) accepts an empty one or the importer's
    placeholder for a paper known only by its id, ``arXiv:ID``."""
    e, f = norm_title(expected), norm_title(found)
    if not e and arxiv:
        return f in ("", norm_title(f"arXiv:{arxiv}"))
    return e == f


def section_ok(expected: str | None, found: str | None) -> bool:
    e, f = norm_section(expected), norm_section(found)
    if not e:
        return f in DEFAULT_SECTIONS
    return e == f


@dataclass
class FileScore:
    name: str
    expected: int = 0
    found: int = 0
    ids_expected: int = 0
    ids_found: int = 0
    ids_hit: int = 0
    missed: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    matched: int = 0
    section_right: int = 0
    titled: int = 0
    title_right: int = 0
    title_from_arxiv: int = 0
    noid_expected: int = 0
    noid_matched: int = 0
    junk: int = 0
    wrong_sections: list = field(default_factory=list)
    wrong_titles: list = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None

    @property
    def recall(self) -> float | None:
        return self.ids_hit / self.ids_expected if self.ids_expected else None

    @property
    def precision(self) -> float | None:
        return self.ids_hit / self.ids_found if self.ids_found else None

    @property
    def sections(self) -> float | None:
        return self.section_right / self.matched if self.matched else None

    @property
    def titles(self) -> float | None:
        return self.title_right / self.titled if self.titled else None


def run_import(path: Path, fetch: bool, python: str, timeout: float) -> tuple[list[dict] | None, str | None, float]:
    cmd = [python, "-m", "papertui", "import", str(path), "--dry-run", "--json"]
    if fetch:
        cmd.append("--fetch")
    with tempfile.TemporaryDirectory(prefix="papertui-quality-") as home:
        env = dict(os.environ, PAPERTUI_HOME=home)
        start = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, f"timed out after {timeout:g} s", time.perf_counter() - start
        seconds = time.perf_counter() - start
    if proc.returncode != 0:
        err = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        return None, err, seconds
    try:
        papers = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        return None, f"output is not JSON ({exc})", seconds
    return papers, None, seconds


def score(name: str, expected: list[dict], found: list[dict], fetch: bool = False) -> FileScore:
    fs = FileScore(name, expected=len(expected), found=len(found))
    exp_ids = list(dict.fromkeys(i for i in (norm_arxiv(e.get("arxiv_id")) for e in expected) if i))
    found_by_id: dict[str, dict] = {}
    for p in found:
        a = norm_arxiv(p.get("arxiv"))
        if a and a not in found_by_id:
            found_by_id[a] = p
    fs.ids_expected, fs.ids_found = len(exp_ids), len(found_by_id)
    fs.ids_hit = sum(1 for a in exp_ids if a in found_by_id)
    fs.missed = [a for a in exp_ids if a not in found_by_id]
    exp_set = set(exp_ids)
    fs.extra = [a for a in found_by_id if a not in exp_set]
    # non-arXiv items: matched by normalised title against found items that have no id
    noid_found = [p for p in found if not norm_arxiv(p.get("arxiv"))]
    used: set[int] = set()
    seen_ids: set[str] = set()
    for e in expected:
        a = norm_arxiv(e.get("arxiv_id"))
        if a:
            if a in seen_ids:
                continue
            seen_ids.add(a)
            p = found_by_id.get(a)
            if p is None:
                continue
            fs.titled += 1
            if title_ok(e.get("title"), p.get("title"), a):
                fs.title_right += 1
            elif fetch and p.get("title_source") == "arxiv":
                fs.title_right += 1
                fs.title_from_arxiv += 1
            else:
                fs.wrong_titles.append((a, e.get("title"), p.get("title")))
        else:
            fs.noid_expected += 1
            want = norm_title(e.get("title"))
            p = None
            for i, q in enumerate(noid_found):
                if i not in used and norm_title(q.get("title")) == want:
                    used.add(i)
                    p = q
                    break
            if p is None:
                continue
            fs.noid_matched += 1
        fs.matched += 1
        if section_ok(e.get("section"), p.get("section")):
            fs.section_right += 1
        else:
            fs.wrong_sections.append((a or e.get("title"), e.get("section"), p.get("section")))
    fs.junk = len(noid_found) - len(used)
    return fs


def total(scores: list[FileScore]) -> FileScore:
    t = FileScore("OVERALL")
    for s in scores:
        for attr in ("expected", "found", "ids_expected", "ids_found", "ids_hit", "matched", "section_right",
                     "titled", "title_right", "title_from_arxiv", "noid_expected", "noid_matched", "junk", "seconds"):
            setattr(t, attr, getattr(t, attr) + getattr(s, attr))
        t.missed += s.missed
        t.extra += s.extra
    return t


def pct(x: float | None) -> str:
    return "   —  " if x is None else f"{100 * x:5.1f}%"


def as_dict(s: FileScore, verbose: bool = True) -> dict:
    d = {
        "file": s.name, "expected": s.expected, "found": s.found, "ids_expected": s.ids_expected,
        "ids_found": s.ids_found, "ids_hit": s.ids_hit, "recall": s.recall, "precision": s.precision,
        "sections": s.sections, "titles": s.titles, "matched": s.matched, "section_right": s.section_right,
        "titled": s.titled, "title_right": s.title_right, "noid_expected": s.noid_expected,
        "noid_matched": s.noid_matched, "junk": s.junk, "titles_from_arxiv": s.title_from_arxiv,
        "missed_count": len(s.missed), "extra_count": len(s.extra),
        "seconds": round(s.seconds, 3), "error": s.error,
    }
    if verbose:
        d |= {"missed": s.missed, "extra": s.extra,
              "wrong_sections": [list(w) for w in s.wrong_sections], "wrong_titles": [list(w) for w in s.wrong_titles]}
    return d


@contextmanager
def arxiv_stand_in():
    """A loopback arXiv API that knows every id asked for (``--stand-in``): yields its URL and the requests."""
    requests: list[list[str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            ids = parse_qs(urlsplit(self.path).query).get("id_list", [""])[0].split(",")
            requests.append(ids)
            entries = "".join(
                f"<entry><id>http://arxiv.org/abs/{escape(a)}v1</id><title>Title of {escape(a)} from arXiv</title>"
                f"<summary>Abstract.</summary><published>2024-01-01T00:00:00Z</published>"
                f"<updated>2024-01-01T00:00:00Z</updated><author><name>A. Author</name></author></entry>"
                for a in ids if a)
            body = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    f"{entries}</feed>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/query", requests
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="folder of ARTICLE + ARTICLE.expected.json")
    ap.add_argument("--fetch", action="store_true", help="pass --fetch to `papertui import` (asks the arXiv API)")
    ap.add_argument("--stand-in", action="store_true",
                    help="with --fetch: ask a loopback arXiv that knows every id (measures the path, offline)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed/extra ids, wrong sections and titles")
    ap.add_argument("--only", action="append", default=[], help="score only files whose name contains this")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs papertui (default: this one)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per import (default 120)")
    args = ap.parse_args(argv)

    if not args.folder.is_dir():
        print(f"import_quality: {args.folder}: not a folder", file=sys.stderr)
        return 2
    articles = sorted(p for p in args.folder.iterdir()
                      if p.is_file() and not p.name.endswith(".expected.json")
                      and p.with_name(p.name + ".expected.json").is_file()
                      and (not args.only or any(o in p.name for o in args.only)))
    if not articles:
        print(f"import_quality: {args.folder}: no ARTICLE with an ARTICLE.expected.json", file=sys.stderr)
        return 2
    if args.stand_in:
        if not args.fetch:
            print("import_quality: --stand-in needs --fetch", file=sys.stderr)
            return 2
        with arxiv_stand_in() as (url, requests):
            os.environ["PAPERTUI_ARXIV_API"] = url
            code = score_all(args, articles)
        print(f"(--stand-in: {len(requests)} requests to the loopback arXiv, "
              f"at most {max((len(r) for r in requests), default=0)} ids each)",
              file=sys.stderr if args.json else sys.stdout)  # (--json: stdout is the JSON alone)
        return code
    return score_all(args, articles)


def score_all(args: argparse.Namespace, articles: list[Path]) -> int:
    scores: list[FileScore] = []
    failed = False
    for path in articles:
        expected = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
        found, error, seconds = run_import(path, args.fetch, args.python, args.timeout)
        s = score(path.name, expected, found or [], args.fetch)
        s.seconds, s.error = seconds, error
        failed |= error is not None
        scores.append(s)
    t = total(scores)

    if args.json:
        print(json.dumps({"folder": str(args.folder), "fetch": args.fetch, "files": [as_dict(s) for s in scores],
                          "overall": as_dict(t, verbose=False)}, ensure_ascii=False, indent=2))
        return 1 if failed else 0

    width = max(len(s.name) for s in scores + [t])
    head = (f"{'file':<{width}}  {'exp':>4} {'found':>5} {'ids':>4} {'hit':>4} {'miss':>4} {'extra':>5} "
            f"{'recall':>6} {'prec':>6} {'sect':>6} {'title':>6} {'noid':>5} {'junk':>4} {'sec':>5}")
    print(head)
    print("-" * len(head))
    for s in scores + [t]:
        if s is t:
            print("-" * len(head))
        print(f"{s.name:<{width}}  {s.expected:>4} {s.found:>5} {s.ids_expected:>4} {s.ids_hit:>4} "
              f"{len(s.missed):>4} {len(s.extra):>5} {pct(s.recall)} {pct(s.precision)} {pct(s.sections)} "
              f"{pct(s.titles)} {s.noid_matched:>2}/{s.noid_expected:<2} {s.junk:>4} {s.seconds:5.2f}")
        if s.error:
            print(f"    import failed: {s.error}")
        if args.verbose and s is not t:
            if s.missed:
                print(f"    missed: {' '.join(s.missed)}")
            if s.extra:
                print(f"    extra:  {' '.join(s.extra)}")
            for key, want, got in s.wrong_sections:
                print(f"    section {key}: expected {want!r}, got {got!r}")
            for key, want, got in s.wrong_titles:
                print(f"    title {key}: expected {want!r}\n{'':<{19 + len(key)}}got {got!r}")
    print(f"\nrecall {pct(t.recall).strip()}  precision {pct(t.precision).strip()}  sections {pct(t.sections).strip()}"
          f"  titles {pct(t.titles).strip()}  ({len(scores)} files, {t.ids_expected} arXiv papers expected"
          f"{f', --fetch: {t.title_from_arxiv} titles from arXiv' if args.fetch else ', offline'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
