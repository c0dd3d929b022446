"""What an arXiv id is: the one owner of the pattern, of references in text, of the year.

Plain Python, no Textual. Every loader, importer and the command line call this module,
so an id found one way is found the same way everywhere (a property test holds them to it).

- New style: ``YYMM.NNNN`` / ``YYMM.NNNNN`` (2007 on), optional ``vN``.
- Old style: ``archive(.SUB)/YYMMNNN`` (``hep-th/9901001``, ``math.AG/0601001``); the subject
  class is not part of the id, so ``math.AG/0601001`` is ``math/0601001``.
- Digits are ASCII only (``[0-9]``, never ``\\d``): ``٢٤٠٥.١١١٥٧`` is not an id.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_YYMM = r"[0-9]{2}(?:0[1-9]|1[0-2])"
NEW_ID = rf"{_YYMM}\.[0-9]{{4,5}}"
_ARCHIVE = r"[a-z]+(?:-[a-z]+)*"
OLD_ID = rf"{_ARCHIVE}(?:\.[a-z]+(?:-[a-z]+)*)?/{_YYMM}[0-9]{{3}}"
_VERSION = r"(?:v[0-9]+)?"
_FLAGS = re.IGNORECASE | re.ASCII

_ID_RE = re.compile(rf"(?P<id>{NEW_ID}|{OLD_ID}){_VERSION}", _FLAGS)
_WHOLE_ID_RE = re.compile(rf"\s*(?:arxiv\s*[:：]\s*)?(?P<id>{NEW_ID}|{OLD_ID}){_VERSION}\s*", _FLAGS)
_PLAIN_NEW_RE = re.compile(NEW_ID, re.ASCII)

# Where an article points at a paper: data, one entry per site. Each is a prefix that
# comes right before the id (scheme and "www." optional).
REF_PREFIXES = (
    r"(?:export\.|www\.|browse\.)?arxiv\.org/(?:abs|pdf|html|format|ps)/",
    r"ar5iv(?:\.labs\.arxiv)?\.org/(?:abs|html)/",
    r"(?:www\.)?(?:huggingface\.co|hf\.co)/papers/",
    r"(?:www\.)?alphaxiv\.org/(?:abs|overview|pdf)/",
    r"(?:www\.)?papers\.cool/arxiv/",
    r"(?:www\.)?semanticscholar\.org/arxiv/",
    r"(?:dx\.)?doi\.org/10\.48550/arxiv\.",
    r"10\.48550/arxiv\.",
    r"(?<![A-Za-z0-9/])arxiv\s?[:：]\s?",
)
_REF_RE = re.compile(
    rf"(?:https?://)?(?:{'|'.join(REF_PREFIXES)})(?P<id>{NEW_ID}|{OLD_ID})(?![0-9]){_VERSION}(?:\.pdf)?(?![0-9])",
    _FLAGS,
)

_MAYBE_REF_RE = re.compile(r"xiv|5iv|/papers/|48550", re.IGNORECASE)


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
    if not _MAYBE_REF_RE.search(text):
        return []  # the common case (a line with no reference): one quick scan
    return [Ref(_canonical(m.group("id")), m.start(), m.end()) for m in _REF_RE.finditer(text)]


def find_ids(text: str) -> list[str]:
    """The ids of :func:`find_refs`, each once, in order."""
    return list(dict.fromkeys(r.arxiv for r in find_refs(text)))


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
    if _PLAIN_NEW_RE.fullmatch(value):
        return value
    m = _WHOLE_ID_RE.fullmatch(value)
    if m:
        return _canonical(m.group("id"))
    refs = find_refs(value)
    return refs[0].arxiv if refs else None


def year(arxiv: str | None) -> int | None:
    """The year an id was given: ``2405.11157`` -> 2024, ``hep-th/9901001`` -> 1999."""
    if not arxiv:
        return None
    m = _ID_RE.fullmatch(arxiv)
    if not m:
        return None
    digits = m.group("id").rsplit("/", 1)[-1]
    yy = int(digits[:2])
    if "/" in arxiv:
        return 1900 + yy if yy >= 91 else 2000 + yy
    return 2000 + yy
