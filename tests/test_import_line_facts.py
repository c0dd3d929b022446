"""The line layer's shortcuts give what the full rule gives: facts of a line answered once (``Line.led_by_url``,
``Line.led_by_link``) against reference copies of the functions as they were (asked afresh each time, after
``local_pages`` changed refs and links too), and the references of a hard-wrapped entry's joined text taken from its
lines' (``lines._joined_refs``) against ``find_refs`` of that text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.arxiv_ids import find_refs, normalize
from papertui.importers import items, lines
from papertui.importers import lines as lines_
from papertui.importers.blocks import Block, Link

# Text made of the pieces the reference patterns read (sites, ids, the words whose prefix takes in spaces, spaces,
# colons, commas, case, a letter whose lowering is longer), so that generated texts hit a join's edges often.
_PIECES = st.sampled_from([
    "arXiv", "arxiv", "ARXIV", "CoRR", "corr", ",", ":", "：", " ", "  ", "\t", "\u00a0", "abs/", ".org/abs/",
    "https://", "www.", "arxiv.org/abs/", "arXiv:", "arXiv ", "CoRR, abs/", "2401.12345", "1412.6980", "v2", ".pdf",
    "0704.0001", "hep-th", "/9901001", "2023arXiv230606971L", "2023", "hf.co/papers/", "10.48550/arXiv.", "İ", "é",
    "x", "Title", "7", ".", "/",
])
_TEXTS = st.lists(_PIECES, max_size=10).map("".join)


@settings(max_examples=3000)
@given(st.lists(_TEXTS, min_size=1, max_size=4))
def test_joined_refs_are_the_joined_texts(texts):
    parts = [lines._line(Block("para", text)) for text in texts]
    joined = lines._joined_refs(parts)
    if joined is not None:
        assert joined == find_refs(" ".join(texts))


def test_joined_refs_read_again_where_a_prefix_ends_a_line():
    for texts in (("A title, arXiv:", "2401.12345"), ("Lee. CoRR,", "abs/1412.6980"), ("arXiv", "2401.12345")):
        parts = [lines._line(Block("para", text)) for text in texts]
        assert lines._joined_refs(parts) is None
        assert find_refs(" ".join(texts)) != []  # (a reference over the join: none in either line)
        assert not any(part.found for part in parts)
    parts = [lines._line(Block("para", text)) for text in ("A title (2024) by", "Lee, https://arxiv.org/abs/2401.12345")]
    assert lines._joined_refs(parts) == find_refs("A title (2024) by Lee, https://arxiv.org/abs/2401.12345")


# -- reference copies of the facts as they were (asked afresh each time) ------------------------------------------


def _url_led_ref(line: lines.Line) -> bool:
    b = line.block
    if b.kind not in ("para", "item") or len(line.refs) != 1 or len(line.bare) > 250:
        return False
    if not b.links:
        text = b.text.lstrip(" -*•·")
        if text[:6].lower() != "arxiv:":
            return bool(text) and text.split(None, 1)[0] == text.strip() and normalize(text.strip()) is not None
        return (refs := find_refs(text)) != [] and refs[0].start == 0
    first = b.links[0]
    text = first.text.strip()
    if not b.text.lstrip(" -*•·").startswith(text):
        return False
    if text == first.href.strip():
        return normalize(first.href) is not None
    if len(text) >= 40 or (shown := normalize(text.removesuffix(".pdf"))) is None:
        return False
    return shown == normalize(first.href) and lines._id_only(text)


def _link_led_ref(line: lines.Line) -> bool:
    b = line.block
    if b.kind not in ("para", "item") or not b.links:
        return False
    first = b.links[0]
    lead = b.text[: len(first.text) + 6].lstrip(" *-•·>[(")
    return (
        lead.startswith(first.text) and normalize(first.href) is not None and items._good_link_text(first.text)
        and len(first.text.split()) >= 2
    )


_HREFS = st.sampled_from([
    "https://arxiv.org/abs/2401.12345", "https://arxiv.org/pdf/2401.12346v2", "2401.12345", "slug-2401/", "other-page/",
    "https://example.org/x.pdf", "#top", "https://arxiv.org/abs/2401.12345v1",
])
_LINK_TEXTS = st.sampled_from([
    "", "PDF", "arXiv", "2401.12345", "arXiv:2401.12345", "A Title of Words", "https://arxiv.org/abs/2401.12345",
    "Paper", "详情 →", "Two Words",
])


@st.composite
def _blocks(draw):
    links = [Link(draw(_HREFS), draw(_LINK_TEXTS)) for _k in range(draw(st.integers(0, 3)))]
    words = [link.text or "x" for link in links]
    text = draw(st.sampled_from(["", "- ", "* ", "arXiv:2401.12399 "])) + " · ".join(words) + draw(
        st.sampled_from(["", " a note", " — what it does", " https://arxiv.org/abs/2401.12398"])
    )
    return Block(draw(st.sampled_from(["para", "item", "heading"])), text, links=links, para=draw(st.integers(0, 2)))


@settings(max_examples=1500)
@given(st.lists(_blocks(), max_size=6), st.booleans())
def test_line_facts_asked_once_are_the_rules(blocks, ask_first):
    made = [lines._line(b) for b in blocks]
    if ask_first:  # (asked before local_pages changes refs and hrefs: the answers must not go stale)
        for line in made:
            lines.url_led(line), items._link_led(line)
    made = lines.local_pages(made)
    for line in made:
        for _twice in range(2):
            assert lines.url_led(line) == _url_led_ref(line)
            assert items._link_led(line) == _link_led_ref(line)


def _byline_venue_ref(text: str) -> bool:
    import re

    parts = [p.strip(" ,") for p in lines._BYLINE_CUT_RE.split(text.strip(" .")) if p.strip(" ,")]
    if not parts or len(text) > 200:
        return False
    names = re.sub(r",?\s*\bet\.?\s*al\b\.?", "", parts[0])
    people = [p for p in lines.AUTHOR_SPLIT_RE.split(names) if p]
    if not people or not all(lines._PERSON_RE.fullmatch(p) for p in people):
        return False
    return all(lines._VENUE_PART_RE.fullmatch(p) for p in parts[1:])


_BYLINE_PIECES = st.sampled_from([
    "Ann", "Lee", "Bo Wu", "F.A.", "K.", "Oliehoek", "van der", "Pol", "et al", "et al.", "etal", ",", ", ", ".", ". ",
    " ", ";", "&", " and ", "ICML", "2030", "(2024)", "by", "the", "Next", "Line", "O'Neil", "Höllein", "Tae-Hyun", ":",
    "\u00a0", "WANG", "Xi", "é", "ſ", "[", "NeurIPS 2029", "1", "al.,",
])


@settings(max_examples=3000)
@given(st.lists(_BYLINE_PIECES, max_size=12).map("".join))
def test_byline_venue_is_the_rule(text):
    assert lines.byline_venue(text) == _byline_venue_ref(text)


def test_byline_venue_examples():
    for text in ("Ann Lee, Bo Wu. ICML 2030.", "Cy Diaz.", "Ann Lee et al., 2029", "F.A. Oliehoek, E. van der Pol"):
        assert lines.byline_venue(text) and _byline_venue_ref(text)
    assert not lines.byline_venue("the Next Line (2024) by Ann Lee et al., ")



@settings(max_examples=1000)
@given(st.text(max_size=20))
def test_has_digit_is_any_char_a_digit(text):
    assert lines.has_digit(text) == any(c.isdigit() for c in text)


def _is_label_ref(text: str) -> bool:
    from papertui.arxiv_ids import _DIGIT_RE
    from papertui.importers.shapes import LABEL_RE

    return len(text) <= 80 and (lines._LABEL_DIGITS or _DIGIT_RE.search(text) is None) and LABEL_RE.match(text) is not None


# (label words, their versions and suffixes, the marks between them, digits where a version's go and elsewhere)
_LABEL_PIECES = st.sampled_from([
    "Paper", "paper", "arXiv", "PDF", "Code", "code", "[", "]", "(", ")", "（", "）", "【", "】", " ", ":", "：", "|", "/", ",",
    "-", "v", "V", "v2", "V10", "2", "0", "12", "3", "new", "old", "latest", "version", "page", "link", "Published",
    "论文", "链接", "代码", "第", "篇", "Slides", "Video", "view", "read", "Paper number", "on", "x", "١", "３", "²",
    "project page", "homepage", "doi", "dataset", "n/a", "tl;dr", "ppt",
])


@settings(max_examples=5000)
@given(st.lists(_LABEL_PIECES, max_size=8).map("".join))
def test_is_label_is_the_pattern(text):
    assert lines._is_label.__wrapped__(text) == _is_label_ref(text)


def test_is_label_versions_and_numbers():
    for text in ("[Paper v2]", "Code (v12)", "arXiv", "PDF | Code", "论文链接："):
        assert lines._is_label.__wrapped__(text) and _is_label_ref(text)
    for text in ("Paper number 0 on sparse routing", "Paper 3", "第3篇", "Code 2"):
        assert not lines._is_label.__wrapped__(text) and not _is_label_ref(text)
    assert lines._ONLY_VERSION_DIGITS  # (else the gate is off: see _is_label)


# -- join_wrapped as it was (each wrapped-heading test asked of every line, the joined line's references read again,
# the cut asked before the entry) ------------------------------------------------------------------------------------


def _join_wrapped_ref(lines: list[lines_.Line]) -> list[lines_.Line]:
    """An entry hard-wrapped over lines of one paragraph ("8. Title that goes / on (2023) by A et
    al., [Link](url)") is one line: a numbered line without a reference takes the plain lines
    after it up to the first one holding a reference."""
    out: list[lines_.Line] = []
    k, n = 0, len(lines)
    while k < n:
        line = lines[k]
        b = line.block
        j, wrapped = k, False
        if lines_._wrapped_heading(lines, k) or lines_._wrapped_before_links(lines, k):
            links = b.links + lines[k + 1].block.links
            merged = Block("heading", b.text + " " + lines[k + 1].block.text, b.level, links, b.strong, para=b.para)
            out.append(lines_._line(merged))
            k += 2
            continue
        if (line.ordinal is not None or b.kind == "item") and not (line.refs or line.web) and not line.label and (
            b.kind != "heading"
        ) and not (k + 1 < n and lines_._byline_after_title(line, lines[k + 1])):
            j = k + 1
            while j < n and j - k <= 3 and lines_._continues(lines[j], b) and not (lines[j].refs or lines[j].web) and (
                lines_.FIELD_LINE_RE.match(lines[j].block.text) is None  # ("1. Title" / "Authors: …" / "arXiv ID: ID": the
            ):  # entry's fields, each a line of its own, no title wrapped onto them)
                j += 1
            labelled = j < n and j - k <= 3 and lines_._label_ends_citation(lines, k, j)
            if not (labelled or (j < n and j - k <= 3 and lines_._continues(lines[j], b) and (lines[j].refs or lines[j].web))) or (
                lines_.FIELD_LINE_RE.match(lines[j].block.text) is not None and j > k + 1
            ):
                wrapped = j > k + 1 and lines_._title_wrapped_over_url(lines, k, j)
                j = j - 1 if wrapped else k
                if j == k and b.kind == "item":
                    j = max(k, lines_._authors_wrapped_over_title(lines, k))
                    wrapped = j > k  # (a citation however long its list of names)
        if j > k:
            j = lines_._link_group_end(lines, k, j)  # ("Title … / Data [[arXiv](…) |" / "[GitHub](…)]": its links' group, whole)
        if j == k:
            out.append(line)
            k += 1
            continue
        parts = lines[k : j + 1]
        text = " ".join(p.block.text for p in parts)
        if len(text) > lines_.TITLE_MAX + 100:
            out.append(line)
            k += 1
            continue
        strong = b.strong
        if b.strong_open and parts[1].block.strong_tail:  # "**A title that / goes on**, links"
            strong = b.strong + " " + parts[1].block.strong_tail
        merged = Block(b.kind, text, b.level, [link for p in parts for link in p.block.links], strong,
                       ordered=b.ordered, number=b.number, para=b.para, emph=b.emph or next(
                           (p.block.lead_emph or p.block.emph for p in parts[1:] if p.block.lead_emph or p.block.emph), ""
                       ))  # ("Ann Lee." / "_Title_." / "Venue": the italics a wrapped line starts with, inside the entry) ("Ann Lee, _Title_, Venue," /
        # "Inc., 2009 (arXiv:ID)": its title in italics still)
        joined = lines_._line(merged)
        # ('… "R-FCN: Object Detection via' / 'Region-based …." arXiv …', '**Title**. *A, B,' / 'C and D*. ICLR 2019.
        # [pdf]': a citation's quoted title or its authors wrapped mid-way, one entry)
        cut = b.text.count('"') % 2 == 1 or b.text.count("“") > b.text.count("”")
        cut = cut or b.text.rstrip()[-1:] in (",", "，") or wrapped
        cut = cut or (b.strong_open and bool(parts[1].block.strong_tail))  # ("1. **Title … by" / "rest.** `arXiv`")
        cut = cut or (len(parts) == 2 and lines_._title_end_before_url(parts[0], parts[1]))
        if not lines_._entry_like(joined) and not cut:  # prose under a title that cites a paper: not one entry
            out.append(line)
            k += 1
            continue
        out.append(joined)
        k = j + 1
    return out


_WRAP_PIECES = st.sampled_from([
    "1. ", "2. ", "3) ", "A Fairly Long Title That Wraps Onto", "the Next Line", " (2024)", " by Ann Lee et al., ",
    "https://arxiv.org/abs/2401.12345", " arXiv:", "2401.12346", '"', "“", ",", "Authors: Lee", " CoRR,", "abs/1412.6980",
    "[", "]", " [Code](x)", "Region-based", " Data", ".", " ", "for", "Forecasting", "Ann Lee, Bo Wu. ICML 2030.", "arXiv",
])


@st.composite
def _wrap_blocks(draw):
    text = draw(st.lists(_WRAP_PIECES, min_size=1, max_size=6).map("".join))
    kind = draw(st.sampled_from(["para", "para", "para", "item", "heading"]))
    links = []
    if draw(st.booleans()) and draw(st.booleans()):
        href = draw(st.sampled_from(["https://arxiv.org/abs/2401.12347", "https://example.org/p.pdf", "x"]))
        links = [Link(href, draw(st.sampled_from(["arXiv", "Code", href, "A Title of Words"])))]
        text += " " + links[0].text
    strong = draw(st.sampled_from(["", "", text[:10]]))
    return Block(kind, text, 2 if kind == "heading" else 0, links, strong, ordered=kind == "item" and draw(st.booleans()),
                 number=draw(st.integers(0, 3)), para=draw(st.sampled_from([0, 0, 0, 1])), strong_open=draw(st.booleans()),
                 strong_tail=draw(st.sampled_from(["", "rest"])), emph=draw(st.sampled_from(["", "Title"])),
                 lead_emph=draw(st.sampled_from(["", "", "Title"])), in_item=draw(st.booleans()))


def _shown(made):
    return [(o.block.text, o.block.kind, o.refs, o.web, o.label, o.ordinal, o.bare, o.found) for o in made]


@settings(max_examples=3000)
@given(st.lists(_wrap_blocks(), max_size=8))
def test_join_wrapped_is_as_it_was(blocks):
    made = [lines._line(b) for b in blocks]
    assert _shown(lines.join_wrapped(made)) == _shown(_join_wrapped_ref(made))


def test_join_wrapped_joins_a_wrapped_entry():
    made = [lines._line(Block("para", t, para=1)) for t in (
        "1. Entry 0: A Fairly Long Title That Wraps Onto", "the Next Line (2024) by Ann Lee et al., https://arxiv.org/abs/2401.12345"
    )]
    assert len(lines.join_wrapped(made)) == 1 and _shown(lines.join_wrapped(made)) == _shown(_join_wrapped_ref(made))
