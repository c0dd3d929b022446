"""The search engine (no Textual import): an index over the library's papers that runs a
:class:`~papertui.query.Query` (the query language and its parser are in ``query.py``)
and ranks what it finds."""

from __future__ import annotations

import re
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise, repeat
from typing import TYPE_CHECKING

from .folding import fold, fold_spans
from .library import Library
from .query import (
    _CJK_RE,
    Query,
    Term,
    category_query,  # noqa: F401  (the tests take it from here)
    parse,
)
from .tags import tag_matcher

if TYPE_CHECKING:
    import numpy as np

# Weights: an exact hit in the title or id beats everything, fuzzy hits come last.
W_ID = 12.0
W_TITLE = 10.0
W_TAG = 8.0
W_AUTHOR = 3.0
W_SUMMARY = 2.0
W_PLACE = 1.0  # only in a list or section name: below any hit in the paper's own text
W_FUZZY = 1.5  # a title or tag word close to the query word; CJK: times the share of pairs found
# By where a word first occurs: lists/sections, summary, authors, tags/id, title.
TIER_WEIGHTS = (W_PLACE, W_SUMMARY, W_AUTHOR, W_TAG, W_TITLE)
CJK_NEAR_MIN = 3  # characters: a CJK word this long found nowhere is matched by its pairs
FUZZY_CUTOFF = 85
CACHE_ENTRIES = 48  # recent (query prefix, word) scans kept for the next keystroke
BIGRAMS_MIN = 20_000  # papers: from here on, a table of letter pairs narrows the scans
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
_CJK_BUCKETS = 256  # rows of the pair table for pairs of non-ASCII characters
# Papers per step of a scan: between steps the UI thread can take its turn (one C call
# over all 100k papers would hold the interpreter lock for the whole ~40 ms scan).
_SCAN_CHUNK = 4096
_STOP_EVERY = 4096  # papers: how often building the index asks whether to stop
START_AFTER = 40  # characters: from this mean, a scan resumes where the shorter word was found
_BIGRAM_CHUNK = 512  # papers per step of the table's build (a multiple of 8, so steps fill whole bytes): ~2 MB at a time
FUZZY_MIN_LEN = 4

_WORD_RE = re.compile(r"[a-z0-9][a-z0-9\-+.]*[a-z0-9]|[a-z0-9]", re.IGNORECASE)
_LATIN_WORD_RE = re.compile(r"^[a-z][a-z\-]*$")


@dataclass(slots=True)
class Result:
    query: Query
    indices: list[int]
    highlights: list[str]  # lower-cased texts to highlight, longest first


def _find_each(
    hays: Sequence[str] | np.ndarray, text: str, ends: Sequence[int] | None = None, starts: np.ndarray | None = None
) -> np.ndarray:
    """``[hay.find(text, start, end) ...]`` as an int32 array, with the loop in C, a few
    thousand papers at a time (see _SCAN_CHUNK); from 0 / to the end when not given."""
    import numpy as np

    count = len(hays)
    out = np.empty(count, np.int32)
    for first in range(0, count, _SCAN_CHUNK):
        if first:
            time.sleep(0)  # lets a waiting thread (the UI's) have the interpreter
        last = first + _SCAN_CHUNK
        part = hays[first:last]
        begin = repeat(0) if starts is None else starts[first:last].tolist()
        if ends is None and starts is None:
            calls = map(str.find, part, repeat(text))
        elif ends is None:
            calls = map(str.find, part, repeat(text), begin)
        else:
            calls = map(str.find, part, repeat(text), begin, ends[first:last])
        out[first : first + len(part)] = np.fromiter(calls, np.int32, count=len(part))
    return out


def _best_first(scores: np.ndarray) -> np.ndarray:
    """``np.argsort(-scores, kind="stable")``: highest score first, ties in list order.
    Scores are most often whole numbers (sums of the field weights): sorted as 16-bit
    integers, NumPy's stable sort is a radix sort, ~5x faster on 76k results."""
    import numpy as np

    if len(scores) > 1000:
        whole = scores.astype(np.int16)
        if np.array_equal(whole, scores):
            return np.argsort(-whole, kind="stable")
    return np.argsort(-scores, kind="stable")


class Cancelled(Exception):
    """Building the index was stopped (see SearchIndex's ``stop``)."""


class SearchIndex:
    """One folded haystack per unique paper, plus a title/tag vocabulary for typos.

    A haystack is ``title \n tags id \n authors \n summary \n lists \n sections``;
    where a word first occurs tells which field it hit (title beats tags beats authors
    beats summary beats places), so one ``str.find`` per paper both filters and weighs.
    Built once (in a worker for big libraries); searches are then scans of it.
    """

    def __init__(self, lib: Library, stop: Callable[[], bool] | None = None) -> None:
        """``stop``: asked every few thousand papers; when it says so, :class:`Cancelled`
        is raised (the app is quitting: a build takes seconds at 100k papers)."""
        self.lib = lib
        self._stop = stop
        catalog = lib.catalog
        # NumPy is imported here, not at start-up: the index is built after the first paint.
        import numpy as np

        self.order: list[int] = list(catalog.unique)
        # Catalog index -> position here (-1: a repeat of a paper listed earlier).
        self._position_of = np.full(len(catalog.keys), -1, np.int32)
        self._position_of[self.order] = np.arange(len(self.order), dtype=np.int32)
        self.hay: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, ...]] = []
        # Field ends inside each haystack: title, tags+id, authors, summary (lists and
        # sections come last). The same for the ASCII copies.
        self.title_end, self.meta_end, self.people_end, self.summary_end = (array("i") for _ in range(4))
        list_names = [fold(rl.title) for rl in catalog.lists]
        section_names = [[fold(sec.title) for sec in rl.sections] for rl in catalog.lists]
        self.ascii_hay: list[str] = []
        ascii_ends = tuple(array("i") for _ in range(4))
        ascii_append = self.ascii_hay.append
        at_end, am_end, ap_end, as_end = (e.append for e in ascii_ends)
        hay_append, ids_append, tags_append = self.hay.append, self.ids.append, self.tags.append
        t_end, m_end, p_end, s_end = self.title_end.append, self.meta_end.append, self.people_end.append, self.summary_end.append
        for first in range(0, len(self.order), _STOP_EVERY):
            self._check_stop()
            for i in self.order[first : first + _STOP_EVERY]:
                occ = catalog.occurrences(catalog.keys[i])
                li = catalog.list_of[i]
                if len(occ) == 1:
                    places = f"{list_names[li]}\n{section_names[li][catalog.section_of[i]]}"
                else:
                    places = "\n".join(
                        dict.fromkeys(
                            f"{list_names[catalog.list_of[j]]}\n{section_names[catalog.list_of[j]][catalog.section_of[j]]}"
                            for j in occ
                        )
                    )
                title = fold(catalog.titles[i])  # (folding may change lengths: ß -> ss)
                # A paper listed twice has the tags of each place (as the tree's Tags count it).
                tags = catalog.tags_of[i] if len(occ) == 1 else tuple(
                    dict.fromkeys(chain.from_iterable(catalog.tags_of[j] for j in occ)))
                arxiv = catalog.arxivs[i] or ""
                meta = fold(f"{' '.join(tags)} {arxiv}")
                people = fold("\n".join(catalog.authors[i]))
                summary = fold(catalog.summaries[i])
                hay = f"{title}\n{meta}\n{people}\n{summary}\n{places}"
                a = len(title)
                b = a + 1 + len(meta)
                c = b + 1 + len(people)
                d = c + 1 + len(summary)
                t_end(a)
                m_end(b)
                p_end(c)
                s_end(d)
                hay_append(hay)
                # The same haystack with every non-ASCII run cut out (an ASCII string: str.find
                # runs its fastest path on it), for the many queries that are plain ASCII.
                if hay.isascii():
                    ascii_append(hay)
                    at_end(a)
                    am_end(b)
                    ap_end(c)
                    as_end(d)
                else:
                    at, am, ap, asu = _ascii(title), _ascii(meta), _ascii(people), _ascii(summary)
                    ascii_append(f"{at}\n{am}\n{ap}\n{asu}\n{_ascii(places)}")
                    at_end(len(at))
                    am_end(len(at) + 1 + len(am))
                    ap_end(len(at) + 1 + len(am) + 1 + len(ap))
                    as_end(len(at) + 1 + len(am) + 1 + len(ap) + 1 + len(asu))
                ids_append(arxiv)
                tags_append(tags)
        # NumPy copies of the per-paper numbers, for the vectorised part of a scan.
        # (float32 and int32 in the kept results: half the memory; the weights are exact)
        self._tier_weights = np.asarray(TIER_WEIGHTS, np.float32)
        self._np = {
            False: tuple(np.asarray(e, np.int32) for e in (self.title_end, self.meta_end, self.people_end, self.summary_end)),
            True: tuple(np.asarray(e, np.int32) for e in ascii_ends),
        }
        self._np_order = np.asarray(self.order, np.int64)
        # The haystacks again as NumPy object arrays (pointers to the same strings,
        # 0.8 MB each at 100k): a scan picks its papers with one fancy index.
        self._hay_arrays = {}
        for ascii_text, strings in ((False, self.hay), (True, self.ascii_hay)):
            self._hay_arrays[ascii_text] = np.empty(len(strings), object)
            self._hay_arrays[ascii_text][:] = strings
        self._bigrams = self._bigram_table() if len(self.order) >= BIGRAMS_MIN else None
        self._vocab: dict[str, array] | None = None
        self._vocab_keys: list[str] = []
        self._vocab_lock = threading.Lock()
        self._cache: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()  # -> (positions, first offsets)
        self._cache_lock = threading.Lock()
        self._notes: tuple[int, dict[int, str]] | None = None  # (store version, _annotations())
        self._meta_authors: dict[str, tuple[object, str]] = {}  # arXiv id -> (its metadata, folded authors)

    def _check_stop(self) -> None:
        if self._stop is not None and self._stop():
            raise Cancelled

    def forget_results(self) -> None:
        """Drop the kept results of earlier keystrokes (a benchmark repeats a query as
        if it were typed anew)."""
        with self._cache_lock:
            self._cache.clear()

    # -- letter pairs, to skip papers a word cannot be in ---------------------------
    def _bigram_table(self) -> np.ndarray:
        """A bit per paper for each pair of ASCII letters or digits (1,296 rows), and for
        each of 256 buckets of pairs of other characters (CJK; a pair's bucket is a hash,
        so a bucket stands for many pairs): does the paper's haystack hold such a pair?
        ~19 MB at 100k papers, built in well under a second with NumPy, a few thousand
        papers a step. A word can only be in papers holding all of its pairs."""
        import numpy as np

        size = len(_ALNUM)
        ascii_rows = size * size
        rows = ascii_rows + _CJK_BUCKETS
        lut = np.full(256, size, np.uint8)
        lut[np.frombuffer(_ALNUM.encode(), np.uint8)] = np.arange(size, dtype=np.uint8)
        n = len(self.ascii_hay)
        table = np.zeros((rows, (n + 7) // 8), np.uint8)
        step = _BIGRAM_CHUNK
        for first in range(0, n, step):
            if not first % _STOP_EVERY:
                self._check_stop()
            count = min(step, n - first)
            seen = np.zeros(rows * count, bool)
            # Letters and digits, from the ASCII copies (the same pairs as the full text).
            left, right, paper = _adjacent(self.ascii_hay[first : first + step], "ascii", np.uint8)
            left, right = lut[left], lut[right]
            both = (left < size) & (right < size)
            seen[(left[both].astype(np.int32) * size + right[both]) * count + paper[both]] = True
            # Other characters, from the full haystacks, by bucket.
            left, right, paper = _adjacent(self.hay[first : first + step], "utf-32-le", np.uint32)
            both = (left > 0x7F) & (right > 0x7F)
            bucket = _cjk_bucket(left[both], right[both])
            seen[(ascii_rows + bucket.astype(np.int32)) * count + paper[both]] = True
            table[:, first // 8 : (first + count + 7) // 8] = np.packbits(seen.reshape(rows, count), axis=1)
        return table

    def _may_hold(self, text: str) -> np.ndarray | None:
        """A mask over papers that hold every pair of ``text`` the table knows (only
        they can hold ``text``); None when it knows none or there is no table."""
        if self._bigrams is None:
            return None
        import numpy as np

        size = len(_ALNUM)
        rows = set()
        for a, b in pairwise(text):
            if a in _ALNUM and b in _ALNUM:
                rows.add(_ALNUM.index(a) * size + _ALNUM.index(b))
            elif ord(a) > 0x7F and ord(b) > 0x7F:
                rows.add(size * size + int(_cjk_bucket(np.uint32(ord(a)), np.uint32(ord(b)))))
        if not rows:
            return None
        bits = np.bitwise_and.reduce(self._bigrams[sorted(rows)], axis=0)
        return np.unpackbits(bits, count=len(self.order)).view(bool)

    # -- vocabulary for typo tolerance ------------------------------------------
    def vocab(self) -> dict[str, array]:
        with self._vocab_lock:
            if self._vocab is None:
                vocab: dict[str, array] = {}
                findall = _WORD_RE.findall
                for pos, hay in enumerate(self.hay):
                    if not pos % _STOP_EVERY:
                        self._check_stop()
                    words = set(findall(hay, 0, self.title_end[pos]))
                    words.update(self.tags[pos])
                    for w in words:
                        if len(w) >= FUZZY_MIN_LEN - 1:
                            postings = vocab.get(w)
                            if postings is None:
                                vocab[w] = array("i", [pos])
                            else:
                                postings.append(pos)
                self._vocab = vocab  # postings as int arrays: 4 bytes a paper, not ~36
                self._vocab_keys = list(vocab)
            return self._vocab

    def fuzzy(self, word: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Papers with a title/tag word close to ``word``: their positions (ascending),
        the best similarity of each (0..1), and those words."""
        import numpy as np
        from rapidfuzz import fuzz, process

        vocab = self.vocab()
        matches = process.extract(word, self._vocab_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None)
        words = [match for match, _score, _ in matches]
        if not matches:
            return np.zeros(0, np.int64), np.zeros(0), words
        postings = [vocab[match] for match in words]
        positions = np.fromiter(chain.from_iterable(postings), np.int64)
        sims = np.repeat(np.asarray([score / 100.0 for _, score, _ in matches]), [len(p) for p in postings])
        # The best similarity per paper: sort by position, then by similarity (best first).
        order = np.lexsort((-sims, positions))
        positions, sims = positions[order], sims[order]
        first = np.ones(len(positions), bool)
        first[1:] = positions[1:] != positions[:-1]
        return positions[first], sims[first], words

    # -- searching ----------------------------------------------------------------
    def search(
        self, query: Query | str, scope: Iterable[int] | None = None, scope_key: object = None
    ) -> Result:
        """Papers matching ``query`` within ``scope`` (catalog indices), best first.

        ``scope_key`` names the scope (a category id) so that results can be reused
        while the user types: each keystroke then scans only what the previous
        one matched.
        """
        import numpy as np

        if isinstance(query, str):
            query = parse(query)
        if scope is None:
            candidates: Sequence[int] = range(len(self.order))
        else:
            found = self._position_of[np.fromiter(scope, np.int64)]
            found = found[found >= 0]
            candidates = np.unique(found).tolist()  # (ascending: scans' results are merged with searchsorted)
        highlights = query.highlights()
        if query.empty:
            return Result(query, [self.order[p] for p in (candidates if scope is None else found.tolist())], [])
        parts = [self._search_group(group, candidates, scope, scope_key, highlights) for group in query.groups]
        if len(parts) == 1:
            cand, scores = parts[0]
        else:  # OR: every group's papers, each with its best score
            cand = np.concatenate([c for c, _ in parts])
            scores = np.concatenate([sc for _, sc in parts])
            by_place = np.lexsort((-scores, cand))
            cand, scores = cand[by_place], scores[by_place]
            first = np.ones(len(cand), bool)
            first[1:] = cand[1:] != cand[:-1]
            cand, scores = cand[first], scores[first]
        if scope is not None and len(found) > 1 and np.any(found[1:] < found[:-1]):
            # A sorted view: equal scores keep its order.
            rank = np.zeros(len(self.order), np.int64)
            rank[found[::-1]] = np.arange(len(found))[::-1]  # (a paper listed twice: its first place)
            by_view = np.argsort(rank[cand], kind="stable")
            cand, scores = cand[by_view], scores[by_view]
        ranked = _best_first(scores)
        return Result(query, self._np_order[cand[ranked]].tolist(), _longest_first(highlights))

    def _search_group(
        self, terms: list[Term], candidates: Sequence[int], scope, scope_key, highlights: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The papers matching every one of ``terms`` (AND), as haystack positions (ascending)
        and their scores; adds the texts worth highlighting to ``highlights``."""
        import numpy as np

        # Filters first: they are cheap and shrink the set.
        for term in terms:
            if term.field is not None:
                keep = self._filter(term)
                negate = term.negate
                candidates = [p for p in candidates if keep(p) != negate]
        hay = self.hay
        notes = self._annotations()  # the user's notes and tags: searched too
        for term in terms:
            if term.field is None and term.negate:
                text = term.text
                candidates = [p for p in candidates if text not in hay[p] and text not in notes.get(p, "")]
        words = [t for t in terms if t.field is None and not t.negate]
        if not words:
            return np.asarray(candidates, np.int64), np.zeros(len(candidates))
        base_key = None
        if (scope is None or scope_key is not None) and not any(t.field == "author" for t in terms):
            # (author: reads fetched metadata, which changes without a new store version)
            filters = tuple((t.field, t.text, t.negate) for t in terms if t.field or t.negate)
            depends_on_state = bool(notes) or any(t.field in ("is", "tag") for t in terms)
            base_key = (scope_key, filters, self.lib.store.version if depends_on_state else None)
        # Candidates (haystack positions, ascending) and their scores, as NumPy arrays.
        cand = np.arange(len(hay), dtype=np.int64) if isinstance(candidates, range) else np.asarray(candidates, np.int64)
        scores = np.zeros(len(cand))
        in_titles = np.ones(len(cand), bool)  # every word so far found in the title
        for i, term in enumerate(words):
            text = term.text
            key = None if base_key is None else (*base_key, tuple(w.text for w in words[:i]))
            exact, weights = self._exact(text, key, cand)
            if notes:
                exact, weights = self._add_notes(text, cand, exact, weights, notes)
            if not len(exact) and not term.phrase and len(text) >= CJK_NEAR_MIN and _CJK_RE.search(text):
                exact, weights, pairs = self._near_cjk(text, key, cand)
                highlights.extend(pairs)
            if i == 0:
                new_scores, new_titles = weights, weights == W_TITLE
            else:
                at = np.searchsorted(cand, exact)
                new_scores, new_titles = scores[at] + weights, in_titles[at] & (weights == W_TITLE)
            new_cand = exact
            if not term.phrase and len(text) >= FUZZY_MIN_LEN and _LATIN_WORD_RE.match(text):
                near, sims, close = self.fuzzy(text)
                highlights.extend(w for w in close[:50] if w != text)
                if len(near):
                    keep = np.isin(near, cand) & ~np.isin(near, new_cand)
                    if keep.any():
                        near, sims = near[keep], sims[keep]
                        base = 0.0 if i == 0 else scores[np.searchsorted(cand, near)]
                        merged = np.concatenate([new_cand, near])
                        order = np.argsort(merged, kind="stable")
                        new_cand = merged[order]
                        new_scores = np.concatenate([new_scores, base + W_FUZZY * sims])[order]
                        new_titles = np.concatenate([new_titles, np.zeros(len(near), bool)])[order]
            cand, scores, in_titles = new_cand, new_scores, new_titles
            if not len(cand):
                break
        together = " ".join(w.text for w in words)
        if len(words) > 1 and len(cand):
            # The words typed together, in a title: only where every word is in the title.
            sel = np.flatnonzero(in_titles)
            if len(sel):
                positions = cand[sel]
                ascii_raw = together.isascii()
                title_ends = self._np[ascii_raw][0]
                found = _find_each(self._hay_arrays[ascii_raw][positions], together, title_ends[positions].tolist())
                scores = scores.copy()
                scores[sel] += (found >= 0) * W_TITLE
        ids = self.ids
        for term in words:  # an arXiv id (or most of one) beats everything
            if len(term.text) >= 6 and term.text[0].isdigit():
                bonus = np.fromiter((ids[p].startswith(term.text) for p in cand.tolist()), bool, count=len(cand))
                scores = scores + bonus * W_ID
        return cand, scores

    def _near_cjk(self, text: str, key: tuple | None, cand: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """For a CJK word found nowhere in ``cand``: the papers holding at least half of its
        pairs of neighbouring characters, weighted by the share they hold (below any exact
        hit), and the pairs found (to highlight). Each pair is a scan like any word's, kept
        for the next keystroke under the same key."""
        import numpy as np

        pairs = list(dict.fromkeys(text[k : k + 2] for k in range(len(text) - 1)))
        found = [(pair, self._exact(pair, key, cand)[0]) for pair in pairs]
        hits = [where for _, where in found if len(where)]
        if not hits:
            return np.zeros(0, np.int64), np.zeros(0), []
        where, counts = np.unique(np.concatenate(hits), return_counts=True)
        keep = counts * 2 >= len(pairs)
        return where[keep].astype(np.int64), W_FUZZY * counts[keep] / len(pairs), [p for p, w in found if len(w)]

    def _annotations(self) -> dict[int, str]:
        """Position -> the user's note and tags, lower-cased (only papers that have any).
        Worked out again only when a mark changed (a walk over every mark: ~1.5 ms per
        keystroke with a few thousand)."""
        version = self.lib.store.version  # (read first: a change meanwhile is caught next time)
        if self._notes is not None and self._notes[0] == version:
            return self._notes[1]
        position_of, first = self._position_of, self.lib.catalog.first_index
        out = {}
        for key, (note, tags) in self.lib.store.annotated().items():
            i = first.get(key)
            if i is not None and position_of[i] >= 0:
                out[int(position_of[i])] = fold(f"{' '.join(tags)}\n{note}")
        self._notes = (version, out)
        return out

    @staticmethod
    def _add_notes(text, cand, exact, weights, notes):
        """Add papers whose note or own tags hold ``text`` to an exact-match result."""
        extra = {p: (W_TAG if notes[p].find(text) < notes[p].find("\n") else W_SUMMARY)
                 for p in notes if text in notes[p]}
        if not extra:
            return exact, weights
        import numpy as np

        base = set(cand.tolist())
        pairs = dict(zip(exact.tolist(), weights.tolist()))
        for p, w in extra.items():
            if p in base and pairs.get(p, 0.0) < w:
                pairs[p] = w
        ordered = sorted(pairs)
        return np.asarray(ordered, np.int64), np.asarray([pairs[p] for p in ordered], np.float64)

    def _exact(self, text: str, key: tuple | None, cand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Papers in ``cand`` containing ``text``, with a weight by field.

        A word contains every shorter word it extends, so if ``trans`` was looked
        up on the same base, ``transf`` only needs to scan what ``trans`` matched,
        and in each of them only from where ``trans`` was first found.
        """
        import numpy as np

        source, starts = cand, None
        if key is not None:
            with self._cache_lock:
                best = None
                hit = self._cache.get((key, text))
                if hit is not None:
                    self._cache.move_to_end((key, text))
                    return hit[0], self._weights(text, *hit)  # the same word on the same base: backspace, scope toggles
                for (k, word), found in self._cache.items():
                    if k == key and word in text and (best is None or len(found[0]) < len(best[1][0])):
                        best = word, found
            if best is not None:
                word, (source, offsets) = best
                # Where ``text`` holds ``word`` at k, ``text`` can only start k before
                # the first ``word``: each paper's scan starts there (offsets into the same haystacks).
                # (Passing a start costs about what skipping ~30 characters saves:
                # only worth it when the skips are long. Measured at 100k: "tr" to
                # "tra" 46 -> 39 ms; "s" to "sp", with ~26 to skip, was slower.)
                if word.isascii() == text.isascii() and len(offsets) and offsets.mean() >= START_AFTER:
                    starts = offsets - text.rfind(word)
                    np.maximum(starts, 0, out=starts)
        found = self._scan(text, source, starts)
        if key is not None:
            with self._cache_lock:
                self._cache[(key, text)] = found
                self._cache.move_to_end((key, text))
                while len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return found[0], self._weights(text, *found)

    def _weights(self, text: str, where: np.ndarray, at: np.ndarray) -> np.ndarray:
        """The field weight of each hit: where it is against the haystack's field ends."""
        import numpy as np

        t_end, m_end, p_end, s_end = self._np[text.isascii()]
        tiers = (at < s_end[where]).astype(np.int8) + (at < p_end[where]) + (at < m_end[where]) + (at < t_end[where])
        return self._tier_weights[tiers]

    def _scan(self, text: str, cand: np.ndarray, starts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Positions (in ``cand``) of the papers holding ``text`` and where it first is in
        each, as int32 arrays; ``starts``: where to start looking in each of ``cand``."""
        # One str.find per paper (map over a builtin: the loop runs in C) gives both
        # "does it match" and "in which field" (the hit's offset against the field
        # ends); NumPy does the rest. ASCII words search the ASCII haystacks, which
        # str.find scans faster.
        import numpy as np

        if "\0" in text:  # the ASCII copies' cut mark (see _ascii): never a match
            return np.zeros(0, np.int32), np.zeros(0, np.int32)
        ascii_text = text.isascii()
        hay = self.ascii_hay if ascii_text else self.hay
        full = len(cand) == len(hay)
        may = self._may_hold(text)
        if may is not None:  # skip the papers without the word's letter pairs
            keep = may if full else may[cand]
            narrowed = np.flatnonzero(keep) if full else cand[keep]
            if len(narrowed) < 0.85 * len(cand):  # (skipping a few costs more than it saves)
                cand, full = narrowed, False
                if starts is not None:
                    starts = starts[keep]
        hays = hay if full else self._hay_arrays[ascii_text][cand]
        ats = _find_each(hays, text, starts=starts)
        hits = np.flatnonzero(ats >= 0)
        where = hits.astype(np.int32) if full else cand[hits].astype(np.int32, copy=False)
        return where, ats[hits]

    def _filter(self, term: Term):
        value = term.text
        store = self.lib.store
        order = self.order
        keys = self.lib.catalog.keys
        if term.field == "is":
            if value in ("read",):
                return lambda p: store.is_read(keys[order[p]])
            if value == "unread":
                return lambda p: not store.is_read(keys[order[p]])
            if value in ("starred", "star"):
                return lambda p: store.is_starred(keys[order[p]])
            if value == "unstarred":
                return lambda p: not store.is_starred(keys[order[p]])
            if value == "pdf":  # a PDF downloaded into the data dir (one listing per search)
                from .pdfs import local_ids

                local = local_ids()
                arxivs = self.lib.catalog.arxivs
                return lambda p: arxivs[order[p]] in local
            return lambda p: False
        hay = self.hay
        if term.field == "tag":
            user_tags, matches = self.lib.store.user_tags, tag_matcher(value)

            def has_tag(p: int) -> bool:
                return any(map(matches, self.tags[p])) or any(map(matches, user_tags(keys[order[p]])))

            return has_tag
        if term.field == "list" or term.field == "sec":
            # Lists and sections sit together in the haystack; good enough to tell
            # them apart by checking the names of the paper's own places.
            catalog = self.lib.catalog
            want_list = term.field == "list"

            def in_place(p: int) -> bool:
                for j in catalog.occurrences(keys[order[p]]):
                    rl = catalog.lists[catalog.list_of[j]]
                    name = rl.title if want_list else rl.sections[catalog.section_of[j]].title
                    if value in fold(name):
                        return True
                return False

            return in_place
        if term.field == "author":
            # The list's authors are in the haystack (between the tags and the summary);
            # fetched arXiv authors are read from the store (they arrive while the app runs).
            _t_end, m_end, p_end, _s_end = self._np[False]
            metadata, folded = store.metadata, self._meta_authors

            def by(p: int) -> bool:
                if hay[p].find(value, m_end[p] + 1, p_end[p]) >= 0:
                    return True
                meta = metadata(self.ids[p])
                if not meta:
                    return False
                seen = folded.get(self.ids[p])
                if seen is None or seen[0] is not meta:
                    names = meta.get("authors")
                    names = [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
                    seen = folded[self.ids[p]] = (meta, fold("\n".join(names)))
                return value in seen[1]

            return by
        if term.field == "in":  # the user's own lists whose names hold the value
            wanted = {i for i, name in self.lib.my_lists().items() if value in fold(name)}
            user_lists = store.user_lists
            return lambda p: bool(wanted) and any(i in wanted for i in user_lists(keys[order[p]]))
        if term.field == "id":
            return lambda p: bool(self.ids[p]) and self.ids[p].startswith(value)
        if term.field == "year":
            try:
                year = int(value)
            except ValueError:
                return lambda p: False
            prefix = f"{year % 100:02d}"
            if not 2007 <= (year if year >= 100 else 2000 + year) <= 2099:
                return lambda p: False  # new-style ids (yymm.nnnnn) start in 2007
            return lambda p: len(self.ids[p]) > 5 and self.ids[p][4] == "." and self.ids[p].startswith(prefix)
        return lambda p: False


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _adjacent(hays: list[str], encoding: str, dtype) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of neighbouring characters of ``hays`` (joined by NUL, so no pair
    spans two papers' text unnoticed): the first characters' codes, the second ones',
    and the paper (its place in ``hays``) each pair starts in."""
    import numpy as np

    codes = np.frombuffer("\0".join(hays).encode(encoding), dtype)
    paper = np.repeat(np.arange(len(hays), dtype=np.int32), [len(h) + 1 for h in hays])[: len(codes) - 1]
    return codes[:-1], codes[1:], paper


def _cjk_bucket(left, right):
    """The pair table's bucket for a pair of non-ASCII characters (code points, as
    NumPy unsigned integers: one pair or arrays of them)."""
    return (left * 40503 + right * 9973) % _CJK_BUCKETS


def _ascii(text: str) -> str:
    """``text`` with each non-ASCII run replaced by NUL (which no query contains, so no
    match can join the words on either side of a cut)."""
    return text if text.isascii() else _NON_ASCII.sub("\x00", text)


def _longest_first(texts: list[str]) -> list[str]:
    return sorted(dict.fromkeys(t for t in texts if t), key=len, reverse=True)


def highlight_spans(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of ``text`` where any of ``needles`` (folded, as the query's texts
    are) occur, merged: :func:`papertui.folding.fold_spans`, which folds as the search does."""
    return fold_spans(text, needles)
