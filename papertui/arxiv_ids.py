"""What an arXiv id is: the one owner of the pattern, of references in text, of the year.

Plain Python, no Textual. Every loader, importer and the command line call this module,
so an id found one way is found the same way everywhere (a property test holds them to it).

- New style: ``YYMM.NNNNN`` / ``YYMM.NNNN`` (that one 2007 to 2014 only: ``2405.2097`` is cut off), optional ``vN``.
- Old style: ``archive(.SUB)/YYMMNNN`` (``hep-th/9901001``, ``math.AG/0601001``); the subject
  class is not part of the id, so ``math.AG/0601001`` is ``math/0601001``.
- Digits are ASCII only (``[0-9]``, never ``\\d``): ``٢٤٠٥.١١١٥٧`` is not an id.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_YYMM = r"[0-9]{2}(?:0[1-9]|1[0-2])"
# Four digits after the dot up to 2014 (0704.0001 … 1412.9999), five from 2015 on: "2405.2097" is a cut-off id, none
NEW_ID = rf"(?:{_YYMM}\.[0-9]{{5}}|(?:0[7-9]|1[0-4])(?:0[1-9]|1[0-2])\.[0-9]{{4}})"
_ARCHIVE = r"[a-z]+(?:-[a-z]+)*"
OLD_ID = rf"{_ARCHIVE}(?:\.[a-z]+(?:-[a-z]+)*)?/{_YYMM}[0-9]{{3}}"
_VERSION = r"(?:v[0-9]+)?"
_FLAGS = re.IGNORECASE | re.ASCII

_ID_RE = re.compile(rf"(?P<id>{NEW_ID}|{OLD_ID}){_VERSION}", _FLAGS)
_WHOLE_ID_RE = re.compile(rf"\s*(?:arxiv\s*[:：]\s*|arxiv[ \t\u00a0]{{1,3}})?(?P<id>{NEW_ID}|{OLD_ID}){_VERSION}\s*", _FLAGS)
_PLAIN_NEW_RE = re.compile(NEW_ID, re.ASCII)
_ABS_LINK_RE = re.compile(
    rf"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?P<id>{NEW_ID}){_VERSION}(?:\.pdf)?/?(?:[?#][^\s]*)?\Z",
    re.ASCII,
)

# The archives of the old-style ids (1991 to March 2007), and the months they were given: an id written bare is
# found only with one of these names before it ("hep-th/9901001"), so a path ("src/0101001") is none.
OLD_ARCHIVES = (
    "acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an", "chao-dyn", "chem-ph", "cmp-lg",
    "comp-gas", "cond-mat", "cs", "dg-ga", "funct-an", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math", "math-ph",
    "mtrl-th", "nlin", "nucl-ex", "nucl-th", "patt-sol", "physics", "plasm-ph", "q-alg", "q-bio", "quant-ph", "solv-int",
    "supr-con",
)
_OLD_YYMM = r"(?:9[1-9]|0[0-7])(?:0[1-9]|1[0-2])"
_OLD_BARE_RE = re.compile(rf"/{_OLD_YYMM}[0-9]{{3}}(?![0-9])", re.ASCII)  # (where such an id's number stands)
_OLD_ARCHIVE_SET = frozenset(OLD_ARCHIVES)
# An ADS bibcode of an arXiv paper ("2023arXiv230606971L", "2013arXiv1301.1234S"): the year, arXiv, the id.
_ADS_RE = re.compile(r"(?<![A-Za-z0-9])(?:19|20)[0-9]{2}arXiv(?P<yymm>[0-9]{4})(?:\.(?P<n4>[0-9]{4})|(?P<n5>[0-9]{5}))[A-Z.]")

# Where an article points at a paper: data, one entry per site. Each is what comes right
# before the id: an optional host prefix, then the site's name and path (scheme optional).
REF_SITES = (
    # ("abs//ID": a slash too many; latexml/: the HTML beta; "arxiv.org.org/abs/ID": a typo's doubled domain, the id
    # after abs/ unmistakable)
    (r"(?:export\.|www\.|browse\.)?", r"arxiv\.org(?:\.org)?/(?:abs|pdf|html|format|ps|latexml)//?"),
    (r"(?:export\.|www\.)?", r"arxiv\.org/ftp/arxiv/papers/[0-9]{4}/"),  # the old file server: .../2011/2011.04250.pdf
    (r"(?:export\.|www\.)?", r"arxiv\.org/(?=[0-9]{4}\.)"),  # a link that lost its "abs/": arxiv.org/2404.06493v2
    (r"", r"ar5iv(?:\.labs\.arxiv)?\.org/(?:abs|html)/"),
    (r"", r"(?<![0-9.])128\.84\.21\.199/(?:abs|pdf)/"),  # arxiv.org's own address, as posts that reached it so give it
    (r"(?:www\.)?", r"(?:huggingface\.co|hf\.co)/papers/"),
    (r"(?:www\.)?", r"alphaxiv\.org/(?:abs|overview|pdf)/"),
    (r"(?:www\.)?", r"papers\.cool/arxiv/"),
    (r"(?:www\.)?", r"semanticscholar\.org/arxiv/"),
    (r"(?:www\.)?", r"catalyzex\.com/paper/arxiv[:：]"),
    (r"(?:dx\.)?", r"doi\.org/10\.48550/arxiv\."),
    (r"", r"10\.48550/arxiv\."),
    (r"", r"(?<![A-Za-z0-9/])arxiv\s?[:：]\s?"),
    (r"", r"(?<![A-Za-z0-9/])arxiv[ \t\u00a0]{1,3}(?=[0-9]{4}\.|[a-z])"),  # "arXiv 1503.02531": a space, no colon
    (r"", r"(?<![A-Za-z0-9])(?:corr|arxiv),?\s?abs/"),  # a DBLP-style citation: "CoRR abs/1412.6980", "CoRR, abs/1412.6980"
    # (and Semantic Scholar's: "ArXiv abs/2009.03300")
    (r"(?:www\.)?", r"(?:xxx\.lanl\.gov|lanl\.arxiv\.org)/(?:abs|pdf|ps)/"),  # arXiv's first home, as old lists link it
    (r"(?:www\.)?", r"scirate\.com/arxiv/"),
    (r"(?:www\.)?", r"arxiv-vanity\.com/papers/"),
    (r"", rf"(?<![A-Za-z0-9/._-])(?=(?:{'|'.join(OLD_ARCHIVES)})(?:\.[a-z]+(?:-[a-z]+)*)?/{_OLD_YYMM}[0-9]{{3}}(?![0-9]))"),
    # an old-style id written bare ("(astro-ph/9905116)", "gr-qc/0501001v2"): an archive of arXiv's, a month of its own
)
REF_PREFIXES = tuple(host + site for host, site in REF_SITES)
_TAIL = rf"(?P<id>{NEW_ID}|{OLD_ID})(?![0-9]){_VERSION}(?:\.pdf)?(?![0-9])"
_REF_RE = re.compile(rf"(?:https?://)?(?:{'|'.join(REF_PREFIXES)}){_TAIL}", _FLAGS)

# Trying the whole pattern at every character is slow (~0.3 µs each): find_refs looks for the
# site's name (a plain scan), matches from there, then takes in the scheme and host before it.
_ANCHOR_WORDS = (
    "arxiv", "ar5iv", "alphaxiv", "huggingface.co", "hf.co", "papers.cool", "semanticscholar", "doi.org", "10.48550",
    "catalyzex", "corr", "128.84.21.199", "xxx.lanl", "scirate",
)
_ANCHOR_RE = re.compile("|".join(re.escape(w) for w in _ANCHOR_WORDS), re.IGNORECASE)
# The sites whose path names arXiv right after them ("papers.cool/arxiv/ID", "doi.org/10.48550/arxiv.ID"): their
# name stands that many characters before an "arxiv" of the text, or no site of theirs matches there. Their names
# are looked for there only (each "arxiv" right after a "/"), not scanned for in every text.
_BEFORE_ARXIV = (
    ("papers.cool", 12), ("semanticscholar", 20), ("doi.org", 17), ("10.48550", 9), ("catalyzex", 20), ("scirate", 12),
)
# The other sites' names but "arxiv": every site of theirs has a "/" in it (a test holds them to it)
_SCANNED_WORDS = tuple(w for w in _ANCHOR_WORDS if w != "arxiv" and w not in dict(_BEFORE_ARXIV))
_SITE_RE = re.compile(rf"(?:{'|'.join(site for _host, site in REF_SITES)}){_TAIL}", _FLAGS)
_BEFORE_RE = re.compile(r"(?:https?://)?(?:(?:export|www|browse|dx)\.)?\Z", re.IGNORECASE)
_SCHEME_RE = re.compile(r"(?:https?://)?\Z", re.IGNORECASE)
_BACK = 16  # "https://export."
_DIGIT_RE = re.compile(r"[0-9]")
# How many answers a cache of facts about an article's strings (its links, its lines' words, its titles) keeps: a big
# article's worth (a 1 MB list has 13,000 links and lines, 1 MB of hard-wrapped text 25,000 lines), since the passes
# that ask about a string again are a whole article apart (with 8192, a long list's every link was normalised again by
# each later pass). Not a whole 4 MB chunk's (chunks.THRESHOLD): 65536 answers in each of the five caches cost a
# chunk's worker ~38 MB more at its peak (10 MB dense list: 155 -> 193 MB), for ~2% of its time.
ARTICLE_CACHE = 32768


class Ref(NamedTuple):
    """An arXiv reference found in text: the normalised id and where it stands."""

    arxiv: str
    start: int
    end: int


def _canonical(raw: str) -> str:
    """``2405.11157`` as is; ``Math.AG/0601001`` -> ``math/0601001``."""
    if "/" not in raw:
        return raw
    archive, number = raw.lower().split("/", 1)
    return f"{archive.split('.', 1)[0]}/{number}"


def find_refs(text: str) -> list[Ref]:
    """Every arXiv reference in ``text``, in order: links to arXiv and to sites that name
    papers by their arXiv id, and ``arXiv:ID``. A bare number is not a reference."""
    if _DIGIT_RE.search(text) is None:
        return []  # (every id has digits: a text without any names no paper)
    if len(text) <= 2000:  # a line or a link: the importer asks about it more than once
        return list(_find_refs_cached(text))
    return _find_refs(text)


@lru_cache(maxsize=8192)
def _find_refs_cached(text: str) -> tuple[Ref, ...]:
    return tuple(_find_refs(text))


def _find_refs(text: str) -> list[Ref]:
    refs: list[Ref] = []
    done = 0
    for at in _anchors(text):
        if at < done:
            continue
        m = _SITE_RE.match(text, at)
        if m is None:
            if at >= 4 and (ads := _ADS_RE.match(text, at - 4)) is not None:
                refs.append(Ref(f"{ads['yymm']}.{ads['n4'] or ads['n5']}", at - 4, ads.end()))
                done = ads.end()
            continue
        start = at
        head = text[at : at + 8].lower()
        if not (head.startswith("arxiv") and head[5:6] != "."):  # (nothing before "arXiv:ID")
            plain = head.startswith(("ar5iv", "10.48550"))  # (a scheme only)
            start = _before_start(text, max(done, at - _BACK, 0), at, plain)
        refs.append(Ref(_canonical(m.group("id")), start, m.end()))
        done = m.end()
    return refs


_HOSTS = ("export.", "browse.", "www.", "dx.")  # (_BEFORE_RE's: no two end alike, so at most one ends a text)
_SCHEMES = ("https://", "http://")


def _before_start(text: str, lo: int, at: int, plain: bool) -> int:
    """Where ``(_SCHEME_RE if plain else _BEFORE_RE).search(text, lo, at)`` starts: the scheme and host right before a
    site's name. In ASCII, by hand: the longest suffix of ``text[lo:at]`` that is a host (one at most ends it), with a
    scheme before it, the same leftmost start the search finds (a host ends in ".", a scheme in "/": the host first)."""
    if lo >= at or text[at - 1] not in "./":
        return max(lo, at)  # (a host ends in ".", a scheme in "/": neither ends here)
    seg = text[lo:at]
    if not seg.isascii():  # (re's case folding reads "ſ" as "s": the pattern itself)
        m = (_SCHEME_RE if plain else _BEFORE_RE).search(text, lo, at)
        return m.start() if m is not None else at
    low = seg.lower()
    end = len(low)
    if not plain and seg[-1] == ".":  # (a host ends in ".")
        for host in _HOSTS:
            if low.endswith(host):
                end -= len(host)
                break
    for scheme in _SCHEMES:
        if low.endswith(scheme, 0, end):
            end -= len(scheme)
            break
    return lo + end


def _anchors(text: str) -> list[int]:
    """Where a site's name stands in ``text``: plain ``str.find`` scans of the lowered text; the names of the sites
    whose path holds "arxiv" (``_BEFORE_ARXIV``) only where one stands before an "arxiv" (elsewhere their site cannot
    match: a place left out is one ``_find_refs`` would skip)."""
    low = text.lower()
    found = []
    if len(low) != len(text):  # lowering changed the length ("İ"): offsets differ, use the pattern
        found = [m.start() for m in _ANCHOR_RE.finditer(text)]
    else:
        if "/" in low:  # (each of their sites has a path: "ar5iv.org/abs/", "hf.co/papers/", "CoRR abs/")
            for word in _SCANNED_WORDS:
                at = low.find(word)
                while at >= 0:
                    found.append(at)
                    at = low.find(word, at + 1)
        at = low.find("arxiv")
        while at >= 0:
            found.append(at)
            if at >= 9 and low[at - 1] == "/" and low[at - 2] != "/":  # (each of those paths ends in one "/" before
                # it: "papers.cool/arxiv", not a link's "https://arxiv")
                for word, back in _BEFORE_ARXIV:
                    if at >= back and low.startswith(word, at - back):
                        found.append(at - back)
            at = low.find("arxiv", at + 1)
    if "/9" in text or "/0" in text:  # an old-style id written bare (its number after "/9" or "/0", _OLD_BARE_RE's):
        # where its archive's name starts
        for m in _OLD_BARE_RE.finditer(text):
            if (at := _old_archive_start(text, m.start())) >= 0:
                found.append(at)
    if len(found) > 1:
        found.sort()
    return found


def _old_archive_start(text: str, slash: int) -> int:
    """Where the name of an old archive ends at ``slash`` ("hep-th", "math.AG"), not within a word or a path; else -1."""
    at = slash
    while at > 0 and slash - at < 24 and (text[at - 1].isalpha() or text[at - 1] in ".-"):
        at -= 1
    if at == slash or (at > 0 and (text[at - 1].isalnum() or text[at - 1] in "/_")):
        return -1
    return at if text[at:slash].split(".", 1)[0].lower() in _OLD_ARCHIVE_SET else -1


def find_ids(text: str) -> list[str]:
    """The ids of :func:`find_refs`, each once, in order."""
    return list(dict.fromkeys(r.arxiv for r in find_refs(text)))


def placeholder_title(arxiv: str) -> str:
    """The title a paper known only by its id carries until its metadata comes (an id list, a bare link, offline):
    ``arXiv:ID``."""
    return f"arXiv:{arxiv}"


def is_plain(value: str) -> bool:
    """``2405.11157``: a new-style id with no version, already normalised."""
    return _PLAIN_NEW_RE.fullmatch(value) is not None


def normalize(value: object) -> str | None:
    """The bare arXiv id (no version) that ``value`` is or links to, else None.

    Accepts ``2405.11157``, ``2405.11157v2``, ``arXiv:2405.11157``, ``hep-th/9901001`` and
    every link form of :func:`find_refs`. Text that merely contains a number is not an id.
    """
    if not isinstance(value, str):
        return None
    if "." not in value and "/" not in value:  # every id and link has one: a title, a label
        return None
    return _normalized(value) if len(value) <= 2000 else _normalize(value)


@lru_cache(maxsize=ARTICLE_CACHE)  # (an article asks about each of its links several times: its line, its item, its
# paper, passes apart)
def _normalized(value: str) -> str | None:
    return _normalize(value)


def _normalize(value: str) -> str | None:
    m = _ABS_LINK_RE.match(value)
    if m:  # the common link, at once
        return m.group("id")
    if _PLAIN_NEW_RE.fullmatch(value):
        return value
    m = _WHOLE_ID_RE.fullmatch(value)
    if m:
        return _canonical(m.group("id"))
    refs = find_refs(value)
    return refs[0].arxiv if refs else None


def year_month(arxiv: str | None) -> tuple[int, int] | None:
    """When an id was given out: ``2405.11157`` -> (2024, 5), ``hep-th/9901001`` -> (1999, 1)."""
    if not arxiv:
        return None
    m = _ID_RE.fullmatch(arxiv)
    if not m:
        return None
    digits = m.group("id").rsplit("/", 1)[-1]
    yy, mm = int(digits[:2]), int(digits[2:4])
    if not 1 <= mm <= 12:
        return None
    if "/" in arxiv:
        return (1900 + yy if yy >= 91 else 2000 + yy), mm
    return 2000 + yy, mm


def year(arxiv: str | None) -> int | None:
    """The year an id was given: ``2405.11157`` -> 2024, ``hep-th/9901001`` -> 1999."""
    when = year_month(arxiv)
    return when[0] if when else None
