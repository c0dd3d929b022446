"""Similar papers: TF-IDF over the user's own library, local only (no Textual import).

A paper's text is its title and tags (counted twice), its summary and, once fetched, its
arXiv abstract. Latin words are folded (``casefold``, a plural ``s`` dropped, a few stop
words left out); Chinese (any CJK run) becomes character bigrams, so ``注意力机制`` and
``注意力`` share ``注意`` and ``意力`` without a segmenter or a dictionary. Weights are
``(1 + log tf) * idf``, each paper's vector has length 1 and keeps its :data:`TOP_TERMS`
heaviest terms (the rest add little to a cosine and a lot to memory), terms in over half
the papers of a big library are left out (like stop words), and the index is
held twice in NumPy arrays: by paper (CSR) and by term (postings, CSC).

A query is one pass over the postings of the paper's terms: ``np.bincount`` sums the
products per paper, ``argpartition`` picks the best. :func:`load_or_build` keeps the
index in ``cache/`` of the data dir, named by a hash of every paper's text, so a change to
the lists, the tags or the fetched abstracts builds it again and nothing else does.
Figures at 100k papers: ``benchmarks/similar_bench.py``.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import count
from operator import add
from pathlib import Path

import numpy as np
import orjson

from .arxiv_ids import placeholder_title
from .atomic import atomic_write_bytes

VERSION = 2  # of the cached format, the tokenizer and the weights: a change builds the index again
TOP_TERMS = 48  # terms kept per paper
PROFILE_TERMS = 256  # terms kept of the "my stars" profile
SHOWN = 5  # similar papers in the detail pane
MIN_SCORE = 0.02  # below this a paper is not "similar", just there
MAX_DF = 0.5  # share of papers: a term in more of them is left out of the index...
MAX_DF_FROM = 200  # ...once the library has this many papers
_CHUNK = 2048  # papers between two looks at ``stop`` (and a chance for the UI thread to run)

_WORD = re.compile(r"[a-z0-9]+(?:[-+.][a-z0-9]+)*")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_HAN}]+")  # a run: its overlapping pairs (注意力 -> 注意, 意力), or itself
STOP_WORDS = frozenset(
    """a an and are as at be by can for from has have in into is it its of on or our over that the their
    this to via we with without which while using use used based new towards toward than these those both
    paper propose proposes proposed show shows approach method methods results result""".split()
)


class Cancelled(Exception):
    """The build was stopped (``stop()`` said so: the app is quitting)."""


def tokens(text: str) -> list[str]:
    """Latin words (folded, plural ``s`` dropped, stop words out) and CJK character bigrams."""
    text = text.casefold()
    out = [
        word[:-1] if len(word) > 4 and word[-1] == "s" and word[-2] not in "su0123456789" else word
        for word in _WORD.findall(text)
        if len(word) > 1 and word not in STOP_WORDS
    ]
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
        else:
            out += map(add, run[:-1], run[1:])  # overlapping pairs, in C
    return out


def paper_text(lib, index: int) -> str:
    """The text a paper is known by here: title, tags (the list's and the user's), summary,
    abstract; fields apart by ``\\x1f`` (see :func:`doc_tokens`)."""
    catalog = lib.catalog
    meta = lib.store.metadata(catalog.arxivs[index]) or {}
    abstract = meta.get("abstract") or ""
    tags = " ".join(lib.tags_of(index))
    title = catalog.titles[index]
    if title == placeholder_title(catalog.arxivs[index]):
        title = ""  # (an id imported without its title: "arXiv" and the id's digits say nothing of its subject)
    return f"{title}\x1f{tags}\x1f{catalog.summaries[index]}\x1f{abstract}"


def doc_tokens(text: str) -> list[str]:
    """A paper's terms with repeats (a :func:`paper_text`): title and tags count twice."""
    title, tags, summary, abstract = (text.split("\x1f") + ["", "", "", ""])[:4]
    strong = tokens(title) + tokens(tags) + [f"#{t}" for t in tags.split()]
    return strong + strong + tokens(summary) + (tokens(abstract) if abstract else [])


def documents(lib) -> tuple[list[str], list[str]]:
    """Each paper once (catalog order): its key and its text."""
    catalog = lib.catalog
    keys = [catalog.keys[i] for i in catalog.unique]
    texts = [paper_text(lib, i) for i in catalog.unique]
    return keys, texts


def signature(keys: Sequence[str], texts: Sequence[str]) -> str:
    digest = hashlib.blake2b(f"v{VERSION}:{TOP_TERMS}".encode(), digest_size=16)
    for key, text in zip(keys, texts):
        digest.update(key.encode("utf-8", "replace"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "replace"))
        digest.update(b"\0")
    return digest.hexdigest()


class SimilarIndex:
    """Unit TF-IDF vectors of the papers: by paper (``indptr`` / ``terms`` / ``weights``)
    and by term (``post_ptr`` / ``post_rows`` / ``post_weights``)."""

    def __init__(self, keys: list[str], indptr, terms, weights, post_ptr, post_rows, post_weights, sig: str = ""):
        self.keys = keys
        self.row_of = {key: row for row, key in enumerate(keys)}
        self.indptr, self.terms, self.weights = indptr, terms, weights
        self.post_ptr, self.post_rows, self.post_weights = post_ptr, post_rows, post_weights
        self.signature = sig

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def nbytes(self) -> int:
        arrays = (self.indptr, self.terms, self.weights, self.post_ptr, self.post_rows, self.post_weights)
        return sum(a.nbytes for a in arrays)

    # -- queries ---------------------------------------------------------------------------
    def _scores(self, terms: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """The dot product of every paper with the vector (``terms``, ``weights``)."""
        ptr = self.post_ptr
        starts, ends = ptr[terms], ptr[terms + 1]
        if not len(terms) or not (ends - starts).any():
            return np.zeros(len(self.keys), np.float32)
        rows = np.concatenate([self.post_rows[s:e] for s, e in zip(starts.tolist(), ends.tolist())])
        prod = np.concatenate([self.post_weights[s:e] * w for s, e, w in zip(starts.tolist(), ends.tolist(),
                                                                             weights.tolist())])
        return np.bincount(rows, prod, minlength=len(self.keys))

    def vector(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        row = self.row_of.get(key)
        if row is None:
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        a, b = self.indptr[row], self.indptr[row + 1]
        return self.terms[a:b], self.weights[a:b]

    def similar(self, key: str, k: int = SHOWN, among: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` papers closest to ``key`` (not itself), best first, with their cosine."""
        terms, weights = self.vector(key)
        if not len(terms):
            return []
        scores = self._scores(terms, weights)
        scores[self.row_of[key]] = -1.0
        if among is not None:
            keep = np.zeros(len(scores), bool)
            keep[[self.row_of[k] for k in among if k in self.row_of]] = True
            scores[~keep] = -1.0
        return self._best(scores, k)

    def _best(self, scores: np.ndarray, k: int) -> list[tuple[str, float]]:
        k = min(k, len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.lexsort((top, -scores[top]))]  # best first; ties by catalog order
        return [(self.keys[r], float(scores[r])) for r in top.tolist() if scores[r] >= MIN_SCORE]

    def profile_scores(self, keys: Iterable[str]) -> np.ndarray:
        """Each paper's cosine with the sum of ``keys``' vectors (what the user starred and
        annotated): the "relevance to my stars" ranking."""
        total: dict[int, float] = {}
        for key in keys:
            terms, weights = self.vector(key)
            for t, w in zip(terms.tolist(), weights.tolist()):
                total[t] = total.get(t, 0.0) + w
        if not total:
            return np.zeros(len(self.keys), np.float32)
        heavy = sorted(total.items(), key=lambda tw: -tw[1])[:PROFILE_TERMS]
        terms = np.fromiter((t for t, _ in heavy), np.int64, len(heavy))
        weights = np.fromiter((w for _, w in heavy), np.float64, len(heavy))
        weights /= math.sqrt(float((weights**2).sum())) or 1.0
        return self._scores(terms, weights)

    # -- on disk ---------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        np.savez(
            out,
            keys=np.frombuffer(orjson.dumps(self.keys), np.uint8),
            sig=np.frombuffer(self.signature.encode(), np.uint8),
            indptr=self.indptr, terms=self.terms, weights=self.weights,
            post_ptr=self.post_ptr, post_rows=self.post_rows, post_weights=self.post_weights,
        )
        return out.getvalue()

    @classmethod
    def from_file(cls, path: Path) -> SimilarIndex:
        with np.load(path, allow_pickle=False) as z:
            keys = orjson.loads(z["keys"].tobytes())
            return cls(keys, z["indptr"], z["terms"], z["weights"], z["post_ptr"], z["post_rows"], z["post_weights"],
                       z["sig"].tobytes().decode())


def build(keys: list[str], texts: Sequence[str], stop: Callable[[], bool] | None = None, sig: str = "") -> SimilarIndex:
    """The index of ``texts`` (one per paper, see :func:`paper_text`)."""
    vocab: defaultdict[str, int] = defaultdict(count().__next__)  # term -> id, numbered as first seen
    intern = vocab.__getitem__
    parts: list = []  # (rows, terms, counts) per chunk of papers; rows ascending
    for first in range(0, len(texts), _CHUNK):
        if stop is not None and stop():
            raise Cancelled
        time.sleep(0)  # the UI thread's turn
        stream: list[str] = []
        lengths = []
        for text in texts[first : first + _CHUNK]:
            words = doc_tokens(text)
            stream += words
            lengths.append(len(words))
        # Count (paper, term) pairs in NumPy: no Counter per paper, no Python int per term.
        ids = np.fromiter(map(intern, stream), np.int64, len(stream))
        owner = np.repeat(np.arange(first, first + len(lengths), dtype=np.int64), lengths)
        pairs, tf = np.unique((owner << 32) | ids, return_counts=True)
        parts.append(((pairs >> 32).astype(np.int32), (pairs & 0xFFFFFFFF).astype(np.int32),
                      np.minimum(tf, 65535).astype(np.uint16)))
    n = len(texts)
    df = np.zeros(len(vocab), np.int64)
    for _rows, terms, _tf in parts:
        df += np.bincount(terms, minlength=len(vocab))
    idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
    # In a big library a term in most papers says little and has the longest postings: left out
    # of the index (it still counts in each paper's length). A small library keeps every term.
    max_df = int(n * MAX_DF) if n >= MAX_DF_FROM else n
    kept = []
    for first in range(len(parts)):  # chunk by chunk: the whole library's pairs never sit in float64
        time.sleep(0)
        rows, terms, tfs = parts[first]
        parts[first] = None  # type: ignore[call-overload, unused-ignore]
        weights = (1.0 + np.log(tfs.astype(np.float32))) * idf[terms]
        base = int(rows[0]) if len(rows) else 0
        local = rows - base
        norms = np.sqrt(np.bincount(local, weights * weights))
        weights /= np.where(norms > 0, norms, 1.0).astype(np.float32)[local]
        # Keep what can match another paper (df > 1), the heaviest TOP_TERMS of each paper: one
        # sort by paper, then weight (weights are in (0, 1], so row + (1 - weight) / 2 orders both).
        shared = (df[terms] > 1) & (df[terms] <= max_df)
        rows, local, terms, weights = rows[shared], local[shared], terms[shared], weights[shared]
        order = np.argsort(local + (1.0 - weights.astype(np.float64)) * 0.5)
        rows, local, terms, weights = rows[order], local[order], terms[order], weights[order]
        starts = np.zeros(int(local[-1]) + 2 if len(local) else 1, np.int64)
        np.cumsum(np.bincount(local), out=starts[1:])
        keep = np.arange(len(rows)) - starts[local] < TOP_TERMS
        kept.append((rows[keep], terms[keep], weights[keep]))
    rows = np.concatenate([k[0] for k in kept]) if kept else np.zeros(0, np.int32)
    terms = np.concatenate([k[1] for k in kept]) if kept else np.zeros(0, np.int32)
    weights = np.concatenate([k[2] for k in kept]) if kept else np.zeros(0, np.float32)
    del kept
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    by_term = np.argsort(terms, kind="stable")
    post_ptr = np.zeros(len(vocab) + 1, np.int64)
    np.cumsum(np.bincount(terms, minlength=len(vocab)), out=post_ptr[1:])
    return SimilarIndex(keys, indptr, terms, weights.astype(np.float32), post_ptr,
                        rows[by_term], weights[by_term].astype(np.float32), sig)


def cache_file(cache_dir: Path, sig: str) -> Path:
    return cache_dir / f"similar-{sig[:24]}.npz"


def load_or_build(lib, cache_dir: Path | None = None, stop: Callable[[], bool] | None = None,
                  on_build: Callable[[int], None] | None = None) -> SimilarIndex:
    """The index for ``lib``: from ``cache/`` when its texts have not changed, else built
    and written there (older index files are removed). Call it from a worker.
    ``on_build(papers)`` is called before a build (not when the cache serves)."""
    from . import paths

    cache_dir = cache_dir or paths.cache_dir()
    keys, texts = documents(lib)
    sig = signature(keys, texts)
    path = cache_file(cache_dir, sig)
    try:
        index = SimilarIndex.from_file(path)
        if index.signature == sig:
            return index
    except (OSError, ValueError, KeyError, orjson.JSONDecodeError):
        pass  # missing or damaged: build it again
    if on_build is not None:
        on_build(len(keys))
    index = build(keys, texts, stop, sig)
    try:
        atomic_write_bytes(path, index.to_bytes())
        for old in cache_dir.glob("similar-*.npz"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache is a convenience
    return index


def similar_indices(lib, index: SimilarIndex, catalog_index: int, k: int = SHOWN) -> list[tuple[int, float]]:
    """:meth:`SimilarIndex.similar` as catalog indices (first occurrences)."""
    first = lib.catalog.first_index
    return [(first[key], score) for key, score in index.similar(lib.catalog.keys[catalog_index], k) if key in first]


def profile_keys(lib) -> list[str]:
    """What the user cares about: starred papers, and papers with a note or their own tags."""
    return sorted(set(lib.store.starred_keys()) | set(lib.store.annotated()))


def rank_by_profile(lib, index: SimilarIndex, indices: Sequence[int], scores: np.ndarray | None = None) -> list[int]:
    """``indices`` by relevance to :func:`profile_keys`, best first (ties keep their order).
    ``scores``: :meth:`SimilarIndex.profile_scores` worked out before (they are kept by the TUI)."""
    if scores is None:
        scores = index.profile_scores(profile_keys(lib))
    rows = np.fromiter((index.row_of.get(lib.catalog.keys[i], -1) for i in indices), np.int64, len(indices))
    values = np.where(rows >= 0, scores[np.maximum(rows, 0)] if len(scores) else 0.0, -1.0)
    return [indices[j] for j in np.argsort(-values, kind="stable").tolist()]
