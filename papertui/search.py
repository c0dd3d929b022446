"""The query language and the search engine (no Textual import).

Query language
--------------
- Words are AND-ed, case-insensitive, over title, summary, tags, authors, arXiv id,
  list and section names. Chinese matches by substring (``量化``).
- ``"quoted phrase"`` matches the phrase; ``-word`` / ``-"phrase"`` excludes.
- Field filters: ``is:read`` ``is:unread`` ``is:starred`` ``tag:kv-cache``
  ``list:weekly`` ``sec:量化`` ``id:2405.12981`` ``year:2024``; ``-`` negates them too.
- A pasted arXiv id or URL (``2403.09629``, ``https://arxiv.org/pdf/2403.09629v2``)
  finds that paper.
- Typos still match: a Latin word of 4+ letters also matches words in titles and
  tags that are close to it (rapidfuzz), ranked below exact matches.

Any string parses; nothing here raises on user input.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .library import Library
from .model import Paper, normalize_arxiv

FIELDS = {"is", "tag", "list", "sec", "section", "id", "year"}
STATES = {"read", "unread", "starred", "unstarred", "star"}

# Weights: an exact hit in the title or id beats everything, fuzzy hits come last.
W_ID = 12.0
W_TITLE = 10.0
W_TAG = 8.0
W_AUTHOR = 5.0
W_PLACE = 3.0
W_SUMMARY = 2.0
W_FUZZY = 1.5  # a title or tag word close to the query word
FUZZY_CUTOFF = 85
FUZZY_MIN_LEN = 4

_TERM_RE = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')
_WORD_RE = re.compile(r"[a-z0-9][a-z0-9\-+.]*[a-z0-9]|[a-z0-9]", re.IGNORECASE)
_LATIN_WORD_RE = re.compile(r"^[a-z][a-z\-]*$")


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # lower-cased
    field: str | None = None  # None: a free word or phrase
    negate: bool = False
    phrase: bool = False


@dataclass(slots=True)
class Query:
    raw: str
    terms: list[Term] = field(default_factory=list)

    @property
    def words(self) -> list[Term]:
        return [t for t in self.terms if t.field is None and not t.negate]

    @property
    def empty(self) -> bool:
        return not self.terms

    def highlights(self) -> list[str]:
        """Texts worth highlighting: positive words and phrases, tag/list/section values."""
        out = []
        for t in self.terms:
            if t.negate or not t.text:
                continue
            if t.field in (None, "tag", "list", "sec", "id"):
                out.append(t.text)
        return out


def parse(raw: str) -> Query:
    """Parse a query. Never raises; unknown ``field:value`` is a plain word."""
    if not isinstance(raw, str):
        raw = str(raw)
    query = Query(raw=raw)
    text = raw.strip()
    if not text:
        return query
    # A pasted arXiv id or link is the whole query.
    if " " not in text:
        arxiv = normalize_arxiv(text)
        if arxiv and (("arxiv" in text.lower()) or text.lower().startswith(arxiv)):
            query.terms.append(Term(arxiv, "id"))
            return query
    for m in _TERM_RE.finditer(text):
        neg, fname, quoted, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        phrase = quoted is not None
        value = (quoted if phrase else bare) or ""
        fkey = fname.lower() if fname else None
        if not phrase and fkey is None and (value == "-" or (value.endswith(":") and value[:-1].lower() in FIELDS)):
            continue  # half-typed: a lone "-" or "tag:" with nothing after it yet
        if fkey is not None and fkey not in FIELDS:
            # "foo:bar" is a word, and so is a URL.
            value = f"{fname}:{value}"
            fkey = None
        if fkey == "section":
            fkey = "sec"
        if fkey is None and not phrase:
            arxiv = normalize_arxiv(value)
            if arxiv and "arxiv" in value.lower():
                query.terms.append(Term(arxiv, "id", bool(neg)))
                continue
        value = value.strip().casefold()
        if not value:
            continue  # a lone "-", an empty phrase or "tag:" with nothing after it
        if fkey == "id":
            value = normalize_arxiv(value) or value
        query.terms.append(Term(value, fkey, bool(neg), phrase))
    return query


@dataclass(slots=True)
class Hit:
    index: int
    score: float


@dataclass(slots=True)
class Result:
    query: Query
    indices: list[int]
    highlights: list[str]  # lower-cased texts to highlight, longest first


class SearchIndex:
    """Lower-cased search text per unique paper, plus a word vocabulary for typos.

    Built once (in a worker for big libraries); searches are then pure lookups.
    """

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        catalog = lib.catalog
        self.positions: dict[int, int] = {}
        self.title: list[str] = []
        self.summary: list[str] = []
        self.tags: list[tuple[str, ...]] = []
        self.places: list[str] = []
        self.lists: list[str] = []
        self.sections: list[str] = []
        self.authors: list[str] = []
        self.ids: list[str] = []
        self.hay: list[str] = []
        self.order: list[int] = list(catalog.unique)
        for pos, i in enumerate(self.order):
            p = catalog.papers[i]
            occ = [catalog.papers[j] for j in catalog.occurrences[p.key]]
            title = p.title.casefold()
            summary = p.summary.casefold()
            lists = "\n".join(dict.fromkeys(o.list_title.casefold() for o in occ))
            sections = "\n".join(dict.fromkeys(o.section_title.casefold() for o in occ))
            authors = "\n".join(a.casefold() for a in p.authors)
            self.positions[i] = pos
            self.title.append(title)
            self.summary.append(summary)
            self.tags.append(p.tags)
            self.lists.append(lists)
            self.sections.append(sections)
            self.authors.append(authors)
            self.ids.append(p.arxiv or "")
            self.hay.append("\n".join((title, " ".join(p.tags), p.arxiv or "", authors, lists, sections, summary)))
        self._vocab: dict[str, list[int]] | None = None
        self._vocab_keys: list[str] = []
        self._vocab_lock = threading.Lock()

    # -- vocabulary for typo tolerance ------------------------------------------
    def vocab(self) -> dict[str, list[int]]:
        with self._vocab_lock:
            if self._vocab is None:
                vocab: dict[str, list[int]] = {}
                for pos in range(len(self.order)):
                    words = set(_WORD_RE.findall(self.title[pos]))
                    words.update(self.tags[pos])
                    for w in words:
                        if len(w) >= FUZZY_MIN_LEN - 1:
                            vocab.setdefault(w, []).append(pos)
                self._vocab = vocab
                self._vocab_keys = list(vocab)
            return self._vocab

    def fuzzy(self, word: str) -> tuple[dict[int, float], list[str]]:
        """Papers with a title/tag word close to ``word`` (position -> similarity 0..1),
        and those words."""
        from rapidfuzz import fuzz, process

        vocab = self.vocab()
        out: dict[int, float] = {}
        words = []
        for match, score, _ in process.extract(
            word, self._vocab_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            words.append(match)
            sim = score / 100.0
            for pos in vocab[match]:
                if out.get(pos, 0.0) < sim:
                    out[pos] = sim
        return out, words

    # -- searching ----------------------------------------------------------------
    def search(self, query: Query | str, scope: Iterable[int] | None = None) -> Result:
        """Papers matching ``query`` within ``scope`` (catalog indices), best first."""
        if isinstance(query, str):
            query = parse(query)
        positions = self.positions
        if scope is None:
            candidates = list(range(len(self.order)))
        else:
            candidates = [positions[i] for i in scope if i in positions]
        highlights = query.highlights()
        if query.empty:
            return Result(query, [self.order[p] for p in candidates], [])
        lib = self.lib
        papers = lib.catalog.papers
        # Filters first: they are cheap and shrink the set.
        for term in query.terms:
            if term.field is None:
                continue
            keep = self._filter(term, candidates, papers)
            candidates = [p for p in candidates if keep(p) != term.negate]
        # Excluded words.
        for term in query.terms:
            if term.field is None and term.negate:
                hay = self.hay
                candidates = [p for p in candidates if term.text not in hay[p]]
        words = query.words
        if not words:
            return Result(query, [self.order[p] for p in candidates], _longest_first(highlights))
        scores = {p: 0.0 for p in candidates}
        for term in words:
            text = term.text
            hay = self.hay
            exact = {p for p in scores if text in hay[p]}
            fuzzy: dict[int, float] = {}
            if not term.phrase and len(text) >= FUZZY_MIN_LEN and _LATIN_WORD_RE.match(text):
                fuzzy, close = self.fuzzy(text)
                highlights.extend(w for w in close[:50] if w != text)
            next_scores: dict[int, float] = {}
            for p, score in scores.items():
                if p in exact:
                    next_scores[p] = score + self._weight(p, text)
                elif p in fuzzy:
                    sim = fuzzy[p]
                    next_scores[p] = score + W_FUZZY * sim
            scores = next_scores
            if not scores:
                break
        raw = query.raw.strip().casefold()
        if len(words) > 1 and raw:
            for p in scores:
                if raw in self.title[p]:
                    scores[p] += W_TITLE
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return Result(query, [self.order[p] for p, _ in ranked], _longest_first(highlights))

    def _weight(self, p: int, text: str) -> float:
        if text == self.ids[p] or (self.ids[p] and self.ids[p].startswith(text) and len(text) >= 6):
            return W_ID
        weight = 0.0
        title = self.title[p]
        if text in title:
            weight = W_TITLE
            if re.search(rf"(?<![a-z0-9]){re.escape(text)}(?![a-z0-9])", title):
                weight += 2.0  # a whole word beats a piece of one
        elif any(text == t or text in t for t in self.tags[p]):
            weight = W_TAG
        elif text in self.authors[p]:
            weight = W_AUTHOR
        elif text in self.lists[p] or text in self.sections[p]:
            weight = W_PLACE
        else:
            weight = W_SUMMARY
        return weight

    def _filter(self, term: Term, candidates: Sequence[int], papers: list[Paper]):
        value = term.text
        store = self.lib.store
        order = self.order
        if term.field == "is":
            if value in ("read",):
                return lambda p: store.is_read(papers[order[p]].key)
            if value == "unread":
                return lambda p: not store.is_read(papers[order[p]].key)
            if value in ("starred", "star"):
                return lambda p: store.is_starred(papers[order[p]].key)
            if value == "unstarred":
                return lambda p: not store.is_starred(papers[order[p]].key)
            return lambda p: False
        if term.field == "tag":
            return lambda p: any(value in t for t in self.tags[p])
        if term.field == "list":
            return lambda p: value in self.lists[p]
        if term.field == "sec":
            return lambda p: value in self.sections[p]
        if term.field == "id":
            return lambda p: bool(self.ids[p]) and self.ids[p].startswith(value)
        if term.field == "year":
            try:
                year = int(value)
            except ValueError:
                return lambda p: False
            if year < 100:
                year += 2000
            return lambda p: papers[order[p]].year == year
        return lambda p: False


def _longest_first(texts: list[str]) -> list[str]:
    return sorted(dict.fromkeys(t for t in texts if t), key=len, reverse=True)


def highlight_spans(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of ``text`` where any of ``needles`` (lower-case) occur, merged."""
    if not needles or not text:
        return []
    folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        if not needle or len(needle) > len(folded):
            continue
        start = folded.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        ls, le = merged[-1]
        if s <= le:
            merged[-1] = (ls, max(le, e))
        else:
            merged.append((s, e))
    return merged
