"""Similar papers at scale: build time, query time and memory of papertui.similar.

    PYTHONPATH=. python benchmarks/similar_bench.py [N]     (default 100000 papers)

Generates N synthetic papers (``synth.py``: Chinese and English text, tags), opens them
as a Library in a fresh data dir and prints, each measured once here:
- the build from scratch (texts, hash, TF-IDF) and writing the cache; loading the cache
  (what every later start does); the index's arrays in MB and the process's peak RSS;
- one "similar to this paper" query: median and worst of 200 papers;
- ranking all N papers by relevance to 50 starred papers (the sort "relevance to my stars").
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    home = Path(tempfile.mkdtemp(prefix="papertui-similar-"))
    os.environ["PAPERTUI_HOME"] = str(home)
    from synth import write_library

    from papertui import similar
    from papertui.library import Library

    path = write_library(n, home / "lists")
    lib = Library.open()
    lib.catalog.write_caches()
    print(f"{len(lib.catalog.unique):,} papers ({path.stat().st_size / 1e6:.0f} MB of lists); RSS {rss_mb():.0f} MB")
    before = rss_mb()

    t = time.perf_counter()
    keys, texts = similar.documents(lib)
    t_docs = time.perf_counter() - t
    t = time.perf_counter()
    sig = similar.signature(keys, texts)
    t_sig = time.perf_counter() - t
    t = time.perf_counter()
    index = similar.build(keys, texts, sig=sig)
    t_build = time.perf_counter() - t
    t = time.perf_counter()
    data = index.to_bytes()
    cache = similar.cache_file(home / "cache", sig)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(data)
    t_save = time.perf_counter() - t
    print(f"build: texts {t_docs:.2f} s + hash {t_sig:.2f} s + TF-IDF {t_build:.2f} s; cache written in {t_save:.2f} s "
          f"({len(data) / 1e6:.0f} MB)")
    print(f"index arrays {index.nbytes / 1e6:.0f} MB; peak RSS {rss_mb():.0f} MB "
          f"(+{rss_mb() - before:.0f} MB for the build)")

    t = time.perf_counter()
    similar.load_or_build(lib)  # a later start: texts and hash again, then the cache
    print(f"later start (texts + hash + load the cache): {time.perf_counter() - t:.2f} s")

    rng = random.Random(3)
    sample = rng.sample(keys, 200)
    times = []
    for key in sample:
        t = time.perf_counter()
        index.similar(key)
        times.append(time.perf_counter() - t)
    print(f"similar(paper): median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms "
          f"(200 papers)")

    for key in rng.sample(keys, 50):
        lib.store.update(key, starred=True)
    t = time.perf_counter()
    ranked = similar.rank_by_profile(lib, index, lib.catalog.unique)
    print(f"rank {len(ranked):,} papers by relevance to 50 stars: {(time.perf_counter() - t) * 1000:.0f} ms")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
