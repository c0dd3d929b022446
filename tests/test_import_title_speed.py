"""Speed changes to the title and id helpers (titles.py, arxiv_ids.py) return what the old code returned: each new
function against a reference copy of the one it replaced (kept here only), on generated inputs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui import arxiv_ids
from papertui.arxiv_ids import Ref
from papertui.importers import titles
from papertui.importers.shapes import (
    AUTHOR_CUTS,
    AUTHOR_YEAR_DASH_RE,
    BRACKETS,
    BY_RE,
    DECORATION_TAIL_RE,
    EMPTY_TAIL_RE,
    LABEL_BRACKET_RE,
    TWICE_LEAD_RE,
)
from papertui.importers.titles import THESIS_TAIL_RE


def _strip_authors_old(text: str) -> str:
    """titles._strip_authors as it was: every author cut its words allow searched for."""
    text = text.rstrip(" ,.;:：")
    if (")" in text or " et al" in text or ", " in text) and (m := AUTHOR_YEAR_DASH_RE.match(text)):
        text = text[m.end() :]
    text = titles.slash_authors(titles._dash_authors(text))
    if quoted := titles.quoted_title(text):
        return quoted
    by, paren = " by " in text, "(" in text or "（" in text
    if not (by or paren or ". " in text or ", " in text):
        return text
    cuts = [
        m.start() for rx, needed in zip((*AUTHOR_CUTS, BY_RE), (by, by, paren, ". " in text, paren, paren or ", " in text))
        if needed and (m := rx.search(text)) and m.start() > 8
        and not (rx is BY_RE and text[m.start()] == "," and (
            titles._SUBTITLE_RE.search(text, m.end()) or titles._listing_subtitle(text, m.start())
        ))
    ]
    return text[: min(cuts)] if cuts else text


# A title's words, its authors' names, years and dates, "by", brackets of both widths, commas, stops and the white
# space around them (of several kinds), so that the cuts' edges come often.
_AUTHOR_PIECES = st.sampled_from([
    "Title", "Learning Sparse Things", "A", "Wraps Onto", " by ", "by", " ", "\t", "\n", "\u3000", "Ann Lee", "Bo Wu",
    "Fan", "de Haan", "A. Lee", " et al", " et al.", " and ", " & ", ",", ", ", ",\t", ".", ". ", ";", ":", ": ", "(", ")",
    "（", "）", "(2024)", "（2023）", "2019", "(May 3, 2020)", "(Ann Lee et al, Lab)", "Lab", "\"", "“", "”", " - ", " — ",
    "/", " / ", "x",
])
# (and what follows a title: "by" and names in their forms, a date in brackets, a lab)
_BY_PIECES = st.sampled_from([
    " by ", " by\t", "by ", "Ann Lee", "Bo Wu", "A. Lee", "Fan", "C", " et al.", " et al", ", ", ",", " and ", " & ",
    " (2024)", " (May 2020)", "（2023）", " (", ")", " 2019", "Lab", ".", " ", "\t",
])
_AUTHOR_TEXTS = st.tuples(st.lists(_AUTHOR_PIECES, max_size=10), st.lists(_BY_PIECES, max_size=10)).map(
    lambda parts: "".join(parts[0]) + "".join(parts[1])
)


@settings(max_examples=3000)
@given(_AUTHOR_TEXTS)
def test_strip_authors_is_the_old_one(text):
    assert titles._strip_authors(text) == _strip_authors_old(text)


def test_strip_authors_on_examples():
    for text in [
        "Entry 0: A Fairly Long Title That Wraps Onto the Next Line (2024) by Ann Lee et al.,",
        "Title by Smith (May 2020)", "Title (Ann Lee & Bo Wu)", "Title (Ann Lee et al, Lab) ,", "Title, Gu et al.",
        "Title of Words,\tAnn Lee, Bo Wu", "Title of Words (x),\tAnn Lee, Bo Wu", "Title of Words (2024).\t",
        "Long Title Here by Ann Lee, Bo Wu (2019)", "Long Title Here (draft) by Ann Lee and Bo Wu",
    ]:
        assert titles._strip_authors(text) == _strip_authors_old(text), text


def _anchors_old(text: str) -> list[int]:
    """arxiv_ids._anchors as it was: every site's name scanned for in every text."""
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
    if "/9" in text or "/0" in text:
        for m in arxiv_ids._OLD_BARE_RE.finditer(text):
            if (at := arxiv_ids._old_archive_start(text, m.start())) >= 0:
                found.append(at)
    if len(found) > 1:
        found.sort()
    return found


def _before_start_old(text: str, lo: int, at: int, plain: bool) -> int:
    """arxiv_ids._before_start as it was."""
    seg = text[lo:at]
    if not seg.isascii():
        m = (arxiv_ids._SCHEME_RE if plain else arxiv_ids._BEFORE_RE).search(text, lo, at)
        return m.start() if m is not None else at
    low = seg.lower()
    end = len(low)
    if not plain:
        for host in arxiv_ids._HOSTS:
            if low.endswith(host):
                end -= len(host)
                break
    for scheme in arxiv_ids._SCHEMES:
        if low.endswith(scheme, 0, end):
            end -= len(scheme)
            break
    return lo + end


def _find_refs_old(text: str) -> list[Ref]:
    """arxiv_ids._find_refs as it was (with the old anchors and start)."""
    refs: list[Ref] = []
    done = 0
    for at in _anchors_old(text):
        if at < done:
            continue
        m = arxiv_ids._SITE_RE.match(text, at)
        if m is None:
            if at >= 4 and (ads := arxiv_ids._ADS_RE.match(text, at - 4)) is not None:
                refs.append(Ref(f"{ads['yymm']}.{ads['n4'] or ads['n5']}", at - 4, ads.end()))
                done = ads.end()
            continue
        start = at
        head = text[at : at + 8].lower()
        if not (head.startswith("arxiv") and head[5:6] != "."):
            plain = head.startswith(("ar5iv", "10.48550"))
            start = _before_start_old(text, max(done, at - arxiv_ids._BACK, 0), at, plain)
        refs.append(Ref(arxiv_ids._canonical(m.group("id")), start, m.end()))
        done = m.end()
    return refs


# Links and ids in every site's form, their pieces apart too (a site's name without its path, a path without its
# name), schemes and hosts in several cases, ADS bibcodes, old ids, and what stands around them.
_REF_PIECES = st.sampled_from([
    "https://", "HTTP://", "www.", "export.", "dx.", "/", "//", ".", " ", ":", "arxiv", "arXiv", "ARXIV", "arxiv.org/abs/",
    "arxiv.org/", "ar5iv.labs.arxiv.org/html/", "ar5iv.org/abs/", "papers.cool/arxiv/", "papers.cool", "PAPERS.COOL/ArXiv/",
    "semanticscholar.org/arxiv/", "semanticscholar", "doi.org/10.48550/arxiv.", "doi.org/", "10.48550/arXiv.",
    "10.48550", "catalyzex.com/paper/arxiv:", "catalyzex", "scirate.com/arxiv/", "scirate", "huggingface.co/papers/",
    "hf.co/papers/", "alphaxiv.org/abs/", "CoRR abs/", "corr", "xxx.lanl.gov/abs/", "128.84.21.199/abs/",
    "arxiv-vanity.com/papers/", "2023arXiv", "2306", "06971L", "2401.12345", "v2", ".pdf", "0704.0001", "hep-th/9901001",
    "math.AG/0601001", "(", ")", "x", "ſ", "İ", "é", "1",
])


@settings(max_examples=3000)
@given(st.lists(_REF_PIECES, max_size=12).map("".join))
def test_find_refs_is_the_old_one(text):
    assert arxiv_ids._find_refs(text) == _find_refs_old(text)


def _given_twice_old(text: str) -> str:
    """titles._given_twice as it was."""
    m = TWICE_LEAD_RE.match(text) if ":" in text or "：" in text else None
    rest = text[m.end() :] if m else text
    half = len(rest) // 2
    if len(rest) >= 17 and rest[half] == " " and rest[:half] == rest[half + 1 :]:
        return rest[:half]
    return text


_TWICE_PIECES = st.sampled_from(["GPT论文：", "Paper:", ": ", ":", "：", "Title", "Title ", "Of Words", " ", "ab", "a", "é"])


@settings(max_examples=2000)
@given(st.lists(_TWICE_PIECES, max_size=8).map("".join), st.booleans())
def test_given_twice_is_the_old_one(text, twice):
    if twice:
        at = text.find(":") + 1
        text = text[:at] + text[at:] + " " + text[at:]  # (the title after its label given twice)
    assert titles._given_twice(text) == _given_twice_old(text)


_THESIS_PIECES = st.sampled_from([
    "Title", " of Words", ", ", ",", " - ", " — ", "Ann Lee", " B.", " PhD", " Ph.D.", " doctoral", " master's", " MSc",
    " thesis", " Thesis", " THESIS", " dissertation", " theſis", " thesıs", " DISSERTATİON", " ", "\t", "s", "n",
])


@settings(max_examples=2000)
@given(st.lists(_THESIS_PIECES, max_size=8).map("".join))
def test_thesis_tail_needs_its_end(text):
    if text[-1:] in "sSnN" and THESIS_TAIL_RE.search(text):
        assert titles._thesis_end(text)


@given(st.text(alphabet=st.sampled_from(list("a (（[【|{*_`#]）)"))))
def test_bracket_and_markup_checks_are_the_sets(text):
    assert titles._opens(text) == (not titles._OPENING.isdisjoint(text))
    assert frozenset("(（[【|{") == BRACKETS  # (what _clean_title looks for)
    assert frozenset("*_`#") == titles._MARKUP


def test_sites_without_a_path_start_with_arxiv():
    # (_anchors scans for the other sites' names only in a text with a "/": each of their sites has one)
    for _host, site in arxiv_ids.REF_SITES:
        assert "/" in site or site.replace("(?<![A-Za-z0-9/])", "").startswith("arxiv"), site
    assert "arxiv" not in arxiv_ids._SCANNED_WORDS


@settings(max_examples=2000)
@given(st.lists(_REF_PIECES.filter(lambda p: "/" not in p), max_size=12).map("".join))
def test_find_refs_without_a_slash_is_the_old_one(text):
    assert arxiv_ids._find_refs(text) == _find_refs_old(text)


def _notes_left_old(text: str) -> str:
    """titles._notes_left as it was: the empty tail searched for in every text that ends in a bracket."""
    if not titles._OPENING.isdisjoint(text):
        text = LABEL_BRACKET_RE.sub(" ", text)
    return EMPTY_TAIL_RE.sub("", text) if titles._last(text) in frozenset("|(（[【{)）]】}") else text


# Brackets of both widths, empty and full, bars and braces, words, labels and white space of several kinds
_BRACKET_PIECES = st.sampled_from([
    "Title", " ", "\t", "\n", "\u3000", "(", ")", "（", "）", "[", "]", "【", "】", "{", "}", "|", "( )", "[ ]", "（中文）",
    "(2024)", "[pdf]", "(code)", "【论文】", "x", "学",
])


@settings(max_examples=3000)
@given(st.lists(_BRACKET_PIECES, max_size=10).map("".join))
def test_notes_left_is_the_old_one(text):
    assert titles._notes_left(text) == _notes_left_old(text)
    if EMPTY_TAIL_RE.search(text):
        assert titles._empty_tail(text)


_DECORATION_PIECES = st.sampled_from([
    "Title", " ", "\t", "\n", ")", "）", "]", "】", "}", "(", "⭐", "✨", "🔥", "\ufe0f", "\u200d", "44", "1,2", "k", "K", ".",
    "©", "™", "①", "|", "学", "*",
])


@settings(max_examples=3000)
@given(st.lists(_DECORATION_PIECES, max_size=10).map("".join))
def test_decoration_tail_never_ends_in_a_closing_bracket(text):
    if DECORATION_TAIL_RE.search(text):
        assert titles._last(text) not in titles._NO_DECORATION_END


def _title_case_old(words: list[str]) -> bool:
    """titles._title_case as it was: every long word's capital counted."""
    long = [w for w in words if len(w) >= 4 and (w.isalpha() or sum(c.isalpha() for c in w) >= 4)]
    return bool(long) and sum(w.lstrip("\"'“‘([").strip()[:1].isupper() for w in long) >= 0.7 * len(long)


_WORDS = st.sampled_from(["Title", "title", "GPT-4", "gpt-4o", "(Sparse", "“Quoted", "of", "a", "Learning", "learning",
                          "2024", "ÉCOLE", "école", "x1y2z3w4", "'Tis", "學習學習", "Ab-Cd"])


@settings(max_examples=3000)
@given(st.lists(_WORDS, max_size=40))
def test_title_case_is_the_old_one(words):
    assert titles._title_case(words) == _title_case_old(words)
