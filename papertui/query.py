"""The query language (no Textual import): :func:`parse` turns what the user types into a
:class:`Query` that ``search.py`` runs.

Query language
--------------
- Words are AND-ed, case-insensitive, over title, summary, tags, authors, arXiv id,
  list and section names. Chinese matches by substring (``量化``).
- ``"quoted phrase"`` matches the phrase; ``-word`` / ``-"phrase"`` excludes.
- Field filters: ``is:read`` ``is:unread`` ``is:starred`` ``is:pdf`` ``tag:kv-cache``
  ``list:weekly`` ``sec:量化`` ``id:2405.12981`` ``year:2024`` ``author:dao``
  (list authors and fetched arXiv authors), ``in:"to read"`` (the user's own lists, by name;
  mylists.py); ``-`` negates them too.
- ``OR`` (upper case) between terms: either side matches. AND binds tighter:
  ``kv cache OR quantization -gear`` is ``(kv AND cache) OR (quantization AND NOT gear)``.
- A pasted arXiv id or URL (``2403.09629``, ``https://arxiv.org/pdf/2403.09629v2``)
  finds that paper.
- Typos still match: a Latin word of 4+ letters also matches words in titles and
  tags that are close to it (rapidfuzz), ranked below exact matches. A Chinese (CJK)
  word of 3+ characters found nowhere matches the papers holding at least half of its
  character pairs (``注意力机制`` finds ``注意力``), ranked by how many.
- Where a word is found ranks the paper: title, then tags and id, authors, summary,
  and last list and section names.
- Unknown filters (``foo:bar``, ``is:foo``) and filters with no value (``tag:``) give a
  hint (:attr:`Query.hints`); an empty filter is ignored until a value is typed.

Any string parses; nothing here raises on user input. Text is folded for matching by
:mod:`papertui.folding`, the highlighter's owner too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .arxiv_ids import normalize as normalize_arxiv
from .folding import fold

FIELDS = {"is", "tag", "list", "sec", "section", "id", "year", "author", "in"}
FIELD_NAMES = "tag: list: sec: id: year: is: author: in:"  # as hints show them
IS_VALUES = ("read", "unread", "starred", "star", "unstarred", "pdf")

_TERM_RE = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # lower-cased
    field: str | None = None  # None: a free word or phrase
    negate: bool = False
    phrase: bool = False


_CJK_RE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")


@dataclass(slots=True)
class Query:
    raw: str
    groups: list[list[Term]] = field(default_factory=list)  # OR-ed groups of AND-ed terms
    hints: list[str] = field(default_factory=list)  # one line each: unknown filters, empty ones

    @property
    def terms(self) -> list[Term]:
        """Every term, of every group."""
        return [t for group in self.groups for t in group]

    @property
    def words(self) -> list[Term]:
        return [t for t in self.terms if t.field is None and not t.negate]

    @property
    def empty(self) -> bool:
        return not self.groups

    def highlights(self) -> list[str]:
        """Texts worth highlighting: positive words and phrases, tag/list/section/author values."""
        out = []
        for t in self.terms:
            if t.negate or not t.text:
                continue
            if t.field in (None, "tag", "list", "sec", "id", "author"):
                out.append(t.text)
        return out


def parse(raw: str) -> Query:
    """Parse a query. Never raises; unknown ``field:value`` is a plain word (with a hint)."""
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
            query.groups.append([Term(arxiv, "id")])
            return query
    group: list[Term] = []
    hints: dict[str, None] = {}
    for m in _TERM_RE.finditer(text):
        neg, fname, quoted, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        phrase = quoted is not None
        value = (quoted if phrase else bare) or ""
        fkey = fname.lower() if fname else None
        if not neg and fkey is None and not phrase and value == "OR":
            if group:  # (an OR with nothing before it, or a second one, is ignored)
                query.groups.append(group)
                group = []
            continue
        if not phrase and fkey is None and value.endswith(":") and value[:-1].isalpha() and value.isascii():
            # "tag:" with nothing after it (yet), or "foo:"
            name = value[:-1].lower()
            if name in FIELDS:
                hints[f"{name}: needs a value, e.g. {_EXAMPLES.get(name, name + ':x')} (ignored until then)"] = None
            else:
                hints[_unknown(value[:-1])] = None
            continue
        if not phrase and fkey is None and value == "-":
            continue  # half-typed: a lone "-"
        if fkey is not None and fkey not in FIELDS:
            if not value.startswith("//"):  # (not a URL: "https://...")
                hints[_unknown(fname)] = None
            # "foo:bar" is a word, and so is a URL.
            value = f"{fname}:{value}"
            fkey = None
        if fkey == "section":
            fkey = "sec"
        if fkey is None and not phrase:
            arxiv = normalize_arxiv(value)
            if arxiv and "arxiv" in value.lower():
                group.append(Term(arxiv, "id", bool(neg)))
                continue
        value = fold(value.strip())
        if not value:
            if fkey is not None:
                hints[f"{fkey}: needs a value, e.g. {_EXAMPLES.get(fkey)} (ignored until then)"] = None
            continue  # a lone "-", an empty phrase or 'tag:""'
        if fkey == "id":
            value = normalize_arxiv(value) or value
        elif fkey == "is" and value not in IS_VALUES:
            hints[f"is:{value} matches nothing — try is:read is:unread is:starred is:unstarred is:pdf"] = None
        elif fkey == "year" and not value.isdigit():
            hints[f"year:{value} matches nothing — a year is a number, e.g. year:2024"] = None
        group.append(Term(value, fkey, bool(neg), phrase))
    if group:
        query.groups.append(group)
    query.hints = list(hints)
    return query


_EXAMPLES = {
    "is": "is:unread",
    "tag": "tag:kv-cache",
    "list": "list:weekly",
    "sec": "sec:量化",
    "id": "id:2405.12981",
    "year": "year:2024",
    "author": "author:dao",
    "in": 'in:"to read"',
}


def category_query(text: str) -> str:
    """``--category TEXT`` in this language: a list or section title, a tag (the list's or
    the user's own), or one of the user's own lists, holding ``TEXT`` (``""``: every paper)."""
    value = " ".join(text.replace('"', " ").split())
    return f'list:"{value}" OR sec:"{value}" OR tag:"{value}" OR in:"{value}"' if value else ""


def _unknown(name: str) -> str:
    return f"unknown filter {name}: — try {FIELD_NAMES}"
