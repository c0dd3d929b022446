"""What a tag is: the one owner of the rule (no Textual import).

Every place a tag comes from goes through :func:`normalize_tag`: reading-list files (the
catalog), the importers (BibTeX/RIS keywords, arXiv e-mail and feed categories), the tag
dialog, the state file (the user's own tags) and the sync folder. Two spellings of one tag
are then one tag, wherever they were written and by whichever version of papertui.

The canonical form is **lower case, words joined by single hyphens**: ``KV Cache``,
``kv cache``, ``kv_cache`` and ``KV--Cache`` are all ``kv-cache``.

- Hyphens, not spaces: a tag is then one word everywhere a word is what is read: the
  search language (``tag:kv-cache`` needs no quotes), the command line (``--category
  kv-cache``), category ids (``tag:kv-cache`` in ``session.json``) and the similarity
  index (which counts ``#kv-cache`` as one term). It is also the form the bundled
  reading lists and the tag dialog already used, and the one most tag systems show.
- Lower case, not case folding: the tag stays readable as typed (``straße``, not
  ``strasse``); matching folds it (:func:`tag_matches`, with :func:`papertui.folding.fold`).
- NFKC first, so full-width letters typed with a CJK input method (``ＫＶ``) are the
  ASCII ones. Dots stay: an arXiv category is ``cs.cl`` from an e-mail, a feed or a list.
- Display cleaning (escapes, controls) is :func:`papertui.textsafe.clean_line`'s.

State written before this rule (``kv cache`` from a list, ``cs-cl`` kept as is) is read
through it: nothing is rewritten on disk until the user next changes that paper's tags.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from .folding import fold
from .textsafe import clean_line

# Runs of white space, hyphens (ASCII and the Unicode dashes a keyboard may give) and underscores.
_SEPARATORS_RE = re.compile(r"[\s_\-\u2010\u2011\u2012\u2013\u2014\u2212]+")


@lru_cache(maxsize=8192)
def normalize_tag(tag: str) -> str:
    """``"KV Cache"`` -> ``"kv-cache"``; ``""`` when nothing is left (drop it)."""
    if tag.isascii() and tag.isprintable():
        text = tag.lower()
    else:
        text = unicodedata.normalize("NFKC", clean_line(tag)).lower()
    return _SEPARATORS_RE.sub("-", text).strip("-")


def normalize_tags(tags: object) -> list[str]:
    """A tag list as stored anywhere (a list of anything), each tag normalised, empty and
    repeated ones dropped, in their first order."""
    if not isinstance(tags, (list, tuple)):
        return []
    out: dict[str, None] = {}
    for tag in tags:
        if isinstance(tag, str):
            tag = normalize_tag(tag)
            if tag:
                out[tag] = None
    return list(out)


def parse_tags(value: str, separators: str = ",") -> list[str]:
    """Tags typed or read as one string: ``"KV cache, peft,, peft"`` -> ``["kv-cache", "peft"]``.
    ``separators``: the characters between tags (BibTeX keywords also use ``;``)."""
    if len(separators) > 1:
        value = re.sub(f"[{re.escape(separators)}]", ",", value)
    return normalize_tags(value.replace("，", ",").replace("、", ",").split(","))


def tag_matcher(query: str) -> Callable[[str], bool]:
    """Whether ``tag:query`` of the search language matches a tag: the query, as a tag, is
    part of it (``tag:kv`` and ``tag:"KV Cache"`` match ``kv-cache``), case folded."""
    needle = fold(normalize_tag(query))
    if not needle:
        return lambda tag: False
    return lambda tag: needle in fold(tag)


def tag_matches(query: str, tag: str) -> bool:
    """:func:`tag_matcher` for one tag."""
    return tag_matcher(query)(tag)


def all_normalized(tags: Iterable[str]) -> bool:
    """Whether every tag is already in canonical form (the catalog's fast path checks this)."""
    return all(normalize_tag(t) == t for t in tags)
