"""The per-paper builder's dispatch (papers.py ``_title``, ``_head_title``, ``_summary``, ``_paper``): each rule is asked
only where a cheap fact of the item lets its own condition hold. Each gate is tested here as an implication on
generated items and texts: where the gate is false, the rule, asked anyway, gives its "no" answer, so skipping it
changes nothing. The facts an item's head line caches (``_Head``) are tested against the functions they cache."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.importers import papers, titles
from papertui.importers.blocks import read_document
from papertui.importers.items import _link_led
from papertui.importers.lines import _line, url_led
from papertui.importers.sections import segment
from papertui.importers.shapes import (
    CITE_LINK_RE,
    LABEL_PREFIX_RE,
    PAGE_ID_LEAD_RE,
    TITLE_PREFIX_RE,
    URL_RE,
    WHO_WHEN_RE,
)

# Pieces of Markdown lines: the marks and words the title rules read (kinds of line, bold and italics, links of each
# kind, bare URLs, quotes, colons, dashes, years, authors, labels, CJK, brackets).
_LEADS = st.sampled_from(["", "- ", "* ", "3. ", "12) ", "### ", "## ", "> ", "| ", "[1] ", "**", "*"])
_PIECES = st.sampled_from([
    "Title", "Deep Residual Learning", "of", "for", "Nick", "DETR", "ResNet", "Paper", "Paper:", "paper", "论文：", "标题：",
    "中文标题", "学习小事情", "（学习小事情）", "(English Title Here)", "Lee et al.", "Lee et al., 2023", "Ann Lee, Bo Wu",
    "Lee & Wu", "(2024)", "2024", "by Ann Lee", "—", "-", " - ", "–", ":", "：", "|", ",", ".", "\"", "“Quoted Title”",
    '"A Quoted Title of Words"', "**", "*", "_", "**Bold Name**", "*Italic Title Here*", "***LAYM***",
    "[Title of the Paper](https://arxiv.org/abs/2401.12345)", "[Nick](https://arxiv.org/abs/2401.00002)",
    "[paper](https://arxiv.org/abs/2401.00003)", "[PDF](https://arxiv.org/pdf/2401.00004)",
    "[https://arxiv.org/abs/2401.00005](https://arxiv.org/abs/2401.00005)", "https://arxiv.org/abs/2401.00006",
    "arXiv:2401.00007", "[Blog post](https://example.com/post)", "[code](https://github.com/a/b)",
    "[(Lee et al. 2022)](https://arxiv.org/abs/2401.00008)", "[Slides](w1.pdf)", "notes.pdf", "week 8: ann_w08.pdf",
    "Makes", "proposes", "an approach that summarizes", "Oct 4:", "2023-01-02 -", "⭐ 44", "[CVPR'25]", "(Oral)", "`tag`",
    "1.", "Model 5:", "GPT-4:",
])
_LINE = st.tuples(_LEADS, st.lists(_PIECES, min_size=1, max_size=8)).map(lambda t: t[0] + " ".join(t[1]))
_MARKDOWN = st.lists(st.tuples(_LINE, st.booleans()), min_size=1, max_size=6).map(
    lambda lines: "".join(line + ("\n\n" if gap else "\n") for line, gap in lines)
)


def _items(markdown: str):
    doc = read_document("# Papers\n\n" + markdown)
    lines = [_line(b) for b in doc.blocks]
    return segment(lines, doc.title)[1]


def _own_text(item) -> str:
    refs = item.refs()
    own = papers._pick_own(item, refs)
    return refs[own][1] if own >= 0 else ""


def _describes_before(text: str) -> bool:
    """``_describes`` as it was: the count of capitals first."""
    words = text.split()
    if len(words) < 6 or sum(1 for w in words[1:] if w[:1].isupper()) * 3 >= len(words) - 1:
        return False
    verb = papers._DESCRIBING_VERB_RE.match(words[0]) and words[1].lower() not in ("of", "on", "in", "for", "from", "and", "with")
    return bool(verb) or (len(words) >= 10 and bool(papers._THAT_CLAUSE_RE.search(text)))


@settings(max_examples=600, deadline=None)
@given(_MARKDOWN)
def test_each_gated_rule_cannot_fire_where_its_gate_is_false(markdown):
    for item in _items(markdown):
        line = item.head
        b = line.block
        facts = papers._Head(line)
        own_text = _own_text(item)
        linked_text = b.kind in ("item", "para")
        # the facts are what they cache
        assert facts.link_led == _link_led(line)
        assert facts.url_led == url_led(line)
        assert facts.bare_url_link is next((k for k in b.links if URL_RE.match(k.text) and papers._spaceless(k.text)), None)
        assert facts.url_texts_only == bool(b.links and all(URL_RE.match(k.text) for k in b.links))
        # _title's gates
        if not (b.strong and b.emph):
            assert papers._name_then_bold_title(b) is None
        if not (linked_text and b.links):
            assert papers._reference_line(b) == ""
        if not (own_text and b.kind == "para"):
            assert papers._labelled_link(b, own_text) == ""
        if not b.lead_emph:
            assert papers._emphasis_led(b, own_text) == ""
        if not (b.strong and b.links and linked_text):
            assert papers._nickname_then_link(item, own_text) == ""
        if not b.emph:
            assert papers._emphasised_head_title(item, facts) == ""
        if not (own_text or b.links):
            assert papers._citation_link_text(item, own_text) is None
        if not b.links:
            assert papers._lead_paper_link(item) is None
            assert papers._cited_other_link(item) is None
        if b.kind != "heading":
            assert papers._quoted_title_under(item) is None
        if not item.body:
            assert papers._title_field_under(item) is None
        assert papers._english_line_under_cjk_head(item, "") is None
        if not (b.kind == "heading" and len(item.body) >= 2):
            assert papers._italic_title_over_link(item) is None
        # _head_title's gates
        if not b.strong:
            assert papers._bold_head(b, line.bare) == (line.bare, None)
        if not (line.refs and b.links):
            assert papers._after_notes_link(line) == ""
        if not (b.emph and b.kind == "item" and b.links):
            assert papers._without_nickname_tail(b, line.bare) == line.bare
        # _description: asked only of a line whose links all show a URL
        for text in (line.bare, papers._before_bare_url(b, line.bare, line.ordinal is not None, facts.bare_url_link)):
            before = text.strip().rstrip(" :：") if b.links and all(URL_RE.match(k.text) for k in b.links) and (
                _describes_before(text.strip().rstrip(" :："))
            ) else ""
            assert (papers._description(text) if facts.url_texts_only else "") == before
        papers._paper(item)  # (the whole builder runs on it)


# Texts of the characters and words the gated patterns read.
_TEXT_PIECES = st.sampled_from([
    "a", "Z", "é", "1", "2023", "2023a", "19", "0", " ", "  ", "\t", "\u3000", ":", "：", "(", ")", "（", "）", "[", "]", "`",
    ",", ";", ".", "-", "Lee", "Wu", "et al.", "&", "and", "Team", "paper", "Paper", "论文", "标题", "title", "link", "code",
    "arxiv", "arXiv:", "2401.12345", "v2", "pdf", ".pdf", "notes", "that", "can", "summarizes", "behrouz2025atlas", "[1/14]",
    "(Topic)", "学",
])
_TEXTS = st.lists(_TEXT_PIECES, max_size=12).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_TEXTS)
def test_text_gates_are_implied_by_their_patterns(text):
    if not titles.label_led(text):
        assert LABEL_PREFIX_RE.match(text) is None
        assert LABEL_PREFIX_RE.sub("", text) == text
    if not papers._year_end(text):
        assert WHO_WHEN_RE.fullmatch(text.strip()) is None
    if "." not in text:
        assert not papers._file_name_title(text)
    if ":" not in text and "：" not in text:
        assert TITLE_PREFIX_RE.match(text) is None
    if "that" not in text:
        assert papers._THAT_CLAUSE_RE.search(text) is None
    if text[:1] not in "[(" or not text:
        assert titles._SCHEDULE_TAGS_RE.match(text) is None
    if text.lstrip()[:1] != "[":
        assert PAGE_ID_LEAD_RE.sub("", text) == text
    if not (text.strip() and text.lstrip()[:1] in ("(", "（")):
        assert CITE_LINK_RE.fullmatch(text.strip()) is None
    assert titles._cite_key_tail(text) == _cite_key_tail_before(text)
    assert _describes_before(text) == papers._describes(text)


def _cite_key_tail_before(text: str) -> str:
    """``_cite_key_tail`` as it was: the pattern asked of every tail after a colon."""
    at = max(text.rfind(":"), text.rfind("："))
    if at <= 0 or titles._CITE_KEY_TAIL_RE.fullmatch(text[at:].rstrip()) is None:
        return text
    return text[:at].rstrip()


def test_label_words_hold_no_digit_nor_colon():
    """``label_led``'s premise: nothing in ``LABEL_PREFIX_RE``'s words can match a digit or a colon."""
    words = LABEL_PREFIX_RE.pattern
    assert not re.findall(r"\\[dwWDS]|\[\^|(?<!\\)\.|[0-9]", words)
    lead = words.rsplit("[:：]", 1)[0].replace("(?:", "(")  # (the words, before the pattern's colon; no group's mark)
    assert ":" not in lead and "：" not in lead


_ID_PIECES = st.sampled_from([
    "https://", "arxiv.org/abs/", "arXiv:", "hep-th/", "math.AG/", "2401.12345", "9901001", "v2", ".pdf", "２４０１", "．",
    "１２３４５", "٢٤٠١", "abs", "/", ".", " ", "x", "ſ", "İ", "pdf", "0", "1",
])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_ID_PIECES, max_size=8).map("".join))
def test_an_id_has_a_digit(text):
    """``_paper`` asks whether a short title is only its id only of a title with a digit: no id is written without."""
    from papertui.arxiv_ids import normalize

    if papers._DIGIT_RE.search(text) is None:
        assert normalize(text.strip().removesuffix(".pdf")) is None
