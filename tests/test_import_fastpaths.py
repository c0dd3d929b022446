"""The importer's shortcuts return what the full rule returns: each fast path against the rule it shortcuts, on
generated inputs (speed changes must not change a result)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui import arxiv_ids

# Text made of the pieces the patterns read (schemes, hosts, sites, ids, slashes, case, a long s), so that the
# generated strings hit their edges often.
_PIECES = st.sampled_from([
    "http://", "https://", "HTTPS://", "hTtP://", "www.", "WWW.", "export.", "browse.", "dx.", "DX.", "ſ", "İ", "s", ":",
    "/", "//", ".", " ", "x", "arxiv.org/abs/", "arXiv:", "ar5iv.org/abs/", "10.48550/arXiv.", "doi.org/", "hep-th",
    "/9901001", "/0601001", "math.AG", "2401.12345", "v2", "0704.0001", "hf.co/papers/", "corr", "a", "é",
])
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=1000)
@given(_TEXTS, st.integers(0, 40), st.integers(0, 40), st.booleans())
def test_before_start_is_the_patterns_search(text, lo, at, plain):
    at = min(at, len(text))
    lo = min(lo, at)
    m = (arxiv_ids._SCHEME_RE if plain else arxiv_ids._BEFORE_RE).search(text, lo, at)
    assert arxiv_ids._before_start(text, lo, at, plain) == (m.start() if m is not None else at)


def _anchors_full(text: str) -> list[int]:
    """_anchors as it was, the old-id pattern tried on every text."""
    low = text.lower()
    found = []
    if len(low) != len(text):
        found = [m.start() for m in arxiv_ids._ANCHOR_RE.finditer(text)]
    else:
        for word in arxiv_ids._ANCHOR_WORDS:
            at = low.find(word)
            while at >= 0:
                found.append(at)
                at = low.find(word, at + 1)
    for m in arxiv_ids._OLD_BARE_RE.finditer(text):
        if (at := arxiv_ids._old_archive_start(text, m.start())) >= 0:
            found.append(at)
    return sorted(found)


@settings(max_examples=1000)
@given(_TEXTS)
def test_anchors_are_the_full_scan(text):
    assert sorted(arxiv_ids._anchors(text)) == _anchors_full(text)


# Text of letters, digits, spaces of several kinds, signs, brackets and pictographs (the classes the title rules read).
_CHARS = st.text(alphabet=st.sampled_from(list("aZé1٣ _-–—.,:;!?'\"()[]（）【】#*&+/<>=~≈±⭐✨✅❌🔥☉©™①\t\n\u00a0\u3000kK学\ufe0f\u200d")),
                 max_size=30)


@settings(max_examples=1000)
@given(_CHARS)
def test_decoration_tail_needs_a_decoration_char(text):
    from papertui.importers.shapes import DECORATION_TAIL_RE
    from papertui.importers.titles import _DECORATION_CHAR_RE

    if _DECORATION_CHAR_RE.search(text) is None:
        assert DECORATION_TAIL_RE.search(text) is None


@settings(max_examples=1000)
@given(_CHARS)
def test_spaceless_is_no_space_char(text):
    from papertui.importers.papers import _spaceless

    assert _spaceless(text) == (not any(c.isspace() for c in text))


@settings(max_examples=1000)
@given(st.lists(_CHARS, max_size=8))
def test_title_case_counts_letters_as_before(words):
    from papertui.importers.titles import _title_case

    long = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    expected = bool(long) and sum(w.lstrip("\"'“‘([").strip()[:1].isupper() for w in long) >= 0.7 * len(long)
    assert _title_case(words) == expected


_ROLE_TEXTS = st.lists(st.sampled_from([
    "Main", "main", "discussion", "paper", "papers", "Reading", "reading", "Optional", "Follow-up", "Background", "Deep",
    "learning", " ", "  ", "/", ":", "：", "(", "（", ")", "）", "x", "Title", "\n",
]), max_size=10).map("".join)


@settings(max_examples=1000)
@given(_ROLE_TEXTS)
def test_reading_role_needs_a_colon_or_bracket(text):
    from papertui.importers.papers import _ROLE_MARKS, READING_ROLE_RE

    if _ROLE_MARKS.isdisjoint(text):
        assert READING_ROLE_RE.match(text) is None
