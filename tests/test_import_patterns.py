"""shapes.Spaced: a pattern that starts with white space gives the same results as the plain compiled pattern."""

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.importers import mentions, shapes


def _spaced() -> list[shapes.Spaced]:
    found = [v for m in (shapes, mentions) for v in vars(m).values() if isinstance(v, shapes.Spaced)]
    return found + [v for v in shapes.AUTHOR_CUTS if isinstance(v, shapes.Spaced)]


def test_spaced_patterns_find_what_the_plain_pattern_finds():
    texts = [
        "Title [pdf]", "Title (CVPR 2024)", "Title（中文标题）", "Title (2023) by Ann Lee et al.", "Title by Fan et al.",
        "Title ( )", "Title [ ] [ ]", "Title (v2)", "Title (cs.AI)", "Title - arXiv", "Title. oral", "Title 【AutoCOT】",
        "Title (GPT-3)", "Title (Qu 2022)", "Title [6]", "Title - CVPR 2025", "Title (Ann Lee & Bo Wu)", "", "   ", "(",
        "Title\u3000(2024)", "Title\xa0 [pdf]", "Title \n\t（中文）", "  (2019) by Lee et al.",
    ]
    rng = random.Random(7)
    alphabet = list("Tit le ()（）[]【】,.-–—:2019 2024 byet al.&pdf CVPR中文v2cs.AI|{}\t\u3000\xa0\n")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    patterns = _spaced()
    assert len(patterns) >= 15
    for p in patterns:
        plain = re.compile(p.pattern, p.flags)
        for text in texts:
            a, b = plain.search(text), p.search(text)
            assert (a and a.span()) == (b and b.span()), (p.pattern, text)
            assert plain.sub("#", text) == p.sub("#", text), (p.pattern, text)
            assert plain.sub("#", text, 1) == p.sub("#", text, 1), (p.pattern, text)
            at = len(text) // 3
            a, b = plain.search(text, at, len(text) - 1), p.search(text, at, len(text) - 1)
            assert (a and a.span()) == (b and b.span()), (p.pattern, text, at)


def _lift_reference(lines, items):
    """sections._lift_paper_headings as it was written first (a scan back for each item's heading and each heading's
    parent, a scan on from each first sibling): what the prefix-sum version must give. (Since written: a heading's
    papers counted by _papers_held, a closing list of references holding none.)"""
    from papertui.importers.sections import _closing_list_heading, _heading_names_item, _papers_held, _section_name

    at = {id(line): j for j, line in enumerate(lines)}
    heads = [j for j, line in enumerate(lines) if line.block.kind == "heading"]
    if len(heads) < 4:
        return
    owner = {}
    for item in items:
        k = at.get(id(item.head), -1)
        h = next((j for j in reversed(heads) if j < k), -1)
        if k < 0 or h < 0 or _section_name(lines[h]) != item.section or item.head.block.kind == "heading":
            continue
        if _closing_list_heading(_section_name(lines[h])):
            continue
        owner.setdefault(h, []).append(item)
    for n, h in enumerate(heads):
        level = lines[h].block.level
        parent = next((j for j in reversed(heads[:n]) if lines[j].block.level < level), -1)
        if parent < 0 or _papers_held(owner.get(parent, []))[0] or (n > 0 and heads[n - 1] != parent and lines[heads[n - 1]].block.level == level):
            continue
        sibs = []
        for j in heads[n:]:
            lv = lines[j].block.level
            if lv <= lines[parent].block.level:
                break
            if lv == level:
                sibs.append(j)
            elif _papers_held(owner.get(j, []))[0]:
                sibs = []
                break
        held = [_papers_held(owner.get(j, [])) for j in sibs]
        counts = [c for c, _first in held]
        if len(sibs) < 3 or max(counts, default=0) != 1 or counts.count(1) < 3:
            continue
        named = sum(_heading_names_item(lines[j], first) for j, (c, first) in zip(sibs, held) if c == 1 and first)
        if 2 * named < counts.count(1):
            continue
        name = _section_name(lines[parent])
        for j in sibs:
            for item in owner.get(j, []):
                item.section = name


_LIFT_GROUP = st.tuples(  # a heading (level, name, a paper heading or not), then its items (how many, titled how,
    # under its name or another section's)
    st.sampled_from([1, 2, 2, 3, 3, 4]), st.sampled_from(["DeepWalk", "Vision", "Node2Vec"]),
    st.sampled_from([False, False, False, True]), st.sampled_from([0, 1, 1, 1, 2]),
    st.sampled_from(["DeepWalk: Online Learning", "Node2Vec: Scalable Features", "A Study"]), st.integers(0, 5),
)


_LIFT_RUN = st.builds(  # a heading over three to five paper headings, each over its one paper (most name it)
    lambda level, k, texts: [(level, "Vision", False, 0, "A Study", 1)] + [
        (level + 1, "DeepWalk", False, 1, text, 1) for text in texts[:k]
    ],
    st.integers(1, 3), st.integers(3, 5),
    st.lists(st.sampled_from(["DeepWalk: Online Learning", "DeepWalk: Online Learning", "A Study"]), min_size=5, max_size=5),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_LIFT_GROUP.map(lambda g: [g]), _LIFT_RUN), max_size=12).map(lambda runs: [g for run in runs for g in run]))
def test_lift_paper_headings_as_the_plain_scans(shape):
    from papertui.importers.blocks import Block
    from papertui.importers.items import Item
    from papertui.importers.lines import _line
    from papertui.importers.sections import _lift_paper_headings, _section_name

    def build():
        lines, items = [], []
        for level, name, own, n, text, other in shape:
            head = _line(Block("heading", name, level))
            lines.append(head)
            if own:
                items.append(Item(_section_name(head), head, strong=False))
            for _k in range(n):
                line = _line(Block("para", text))
                lines.append(line)
                items.append(Item("Other" if other == 0 else _section_name(head), line, strong=False))
        return lines, items

    lines_a, items_a = build()
    lines_b, items_b = build()
    _lift_reference(lines_a, items_a)
    _lift_paper_headings(lines_b, items_b)
    assert [i.section for i in items_a] == [i.section for i in items_b]


_LINK_PIECES = ["[", "]", "[Title here]", "[[x] Title]", "(https://arxiv.org/abs/1)", "（https://a.b/c）", "(http://a)", " ",
                "\t", "\n", "!", "\\", "(", ")", "word", "**", "https://x.y"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=16))
def test_split_link_tail_gate(pieces):
    """blocks.read_markdown runs SPLIT_LINK_RE only where _SPLIT_TAIL_RE finds the end of a split link: where it finds
    none, the pattern changes nothing."""
    from papertui.importers.blocks import _SPLIT_TAIL_RE, SPLIT_LINK_RE, _split_link

    text = "".join(pieces)
    if _SPLIT_TAIL_RE.search(text) is None:
        assert SPLIT_LINK_RE.search(text) is None
        assert SPLIT_LINK_RE.sub(_split_link, text) == text


_OLD_LONE_VOID_TAG_RE = re.compile(
    r"(?<=\n) {0,3}(?:<(hr|br|img)\b[^<>\n]*>|<(p|div|center|figure)\b[^<>\n]*>[^\n]*</\2>)[ \t]*(?=\n[ \t]*[^\s<])",
    re.IGNORECASE,
)


def _end_void_blocks_plain(text: str) -> str:
    """blocks._end_void_blocks as first written (its pattern looked behind for the line break)."""
    from papertui.importers.blocks import _BLOCK_END_LINE_RE

    out: list[str] = []
    last = 0
    for m in _OLD_LONE_VOID_TAG_RE.finditer(text):
        if m.group(2) and text.count("<" + m.group(2), text.find("<", m.start()) + 1, m.end()):
            continue
        if m.group(1) and m.group(1).lower() != "hr":
            start = text.rfind("\n", 0, m.start() - 1) + 1
            before = text[start : m.start() - 1]
            if before.strip() and not _BLOCK_END_LINE_RE.match(before):
                continue
        out.append(text[last : m.end()])
        out.append("\n")
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


_HTML_LINES = ["<hr>", "<BR/>", "<img src='x'>", "<p>a</p>", '<p align="center"><img src="x"></p>', "<div>b</div>",
               "<p><p>c</p>", "# Heading", "text", "", "  <hr>", "<center>x</center>  ", "- item", "***", "<figure>f</figure>"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_HTML_LINES), max_size=14))
def test_end_void_blocks_as_with_the_look_behind(lines):
    from papertui.importers.blocks import _end_void_blocks

    text = "\n".join(lines)
    assert _end_void_blocks(text) == _end_void_blocks_plain(text)


def _url_led_plain(line) -> bool:
    """lines.url_led as first written (the link's id read first)."""
    from papertui.arxiv_ids import find_refs, normalize
    from papertui.importers.lines import _id_only

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
    if not b.text.lstrip(" -*•·").startswith(text) or (arxiv := normalize(first.href)) is None:
        return False
    return text == first.href.strip() or (len(text) < 40 and normalize(text.removesuffix(".pdf")) == arxiv and (
        _id_only(text)
    ))


_HREFS = ["https://arxiv.org/abs/2401.12345", "https://arxiv.org/pdf/2401.12345.pdf", "https://example.com/x",
          "arxiv.org/abs/2401.12345", "https://arxiv.org/abs/2401.54321", "#top", "https://arxiv.org/pdf/2401.12345v2",
          "2401.12345", "https://arxiv.org/abs/hep-th/9901001"]
_LINK_TEXTS = ["2401.12345", "arXiv:2401.12345", "2401.12345.pdf", "Paper number 12 on routing", "arxiv.org/abs/2401.12345",
               "https://arxiv.org/abs/2401.12345", "Noisy Planning - arXiv:2401.12345", "", "2401.54321", "hep-th/9901001",
               "A Title of Words", "x" * 45, " 2401.12345 "]


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(_HREFS), st.sampled_from(_LINK_TEXTS), st.sampled_from(["", " a note", "，一句笔记", " 一句笔记", " " + "x" * 60,
                                                                                " https://arxiv.org/abs/2402.00001"]),
       st.sampled_from(["", "- ", "Paper: "]), st.sampled_from(["item", "para", "heading"]))
def test_url_led_as_first_written(href, shown, after, before, kind):
    from papertui.importers.blocks import Block, Link
    from papertui.importers.lines import _line, url_led

    line = _line(Block(kind, before + shown + after, links=[Link(href, shown)]))
    assert url_led(line) == _url_led_plain(line)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Thanks for reading", "subscribe", "share", " ", "Paper", "点赞", "公众号", "x", ".png",
                                 "1", "Like", "Leave a comment", "Upgrade to paid", ":"]), max_size=8))
def test_is_boilerplate_ascii_words_as_the_pattern(pieces):
    from papertui.importers.lines import _is_boilerplate
    from papertui.importers.shapes import BOILERPLATE_START, BOILERPLATE_WORDS_RE, IMAGE_RE

    text = "".join(pieces)
    plain = len(text) <= 200 and (
        (len(text) <= 60 and bool(BOILERPLATE_WORDS_RE.search(text.lower()) or BOILERPLATE_START.match(text)))
        or ("." in text and IMAGE_RE.match(text) is not None)
    )
    assert _is_boilerplate.__wrapped__(text) == plain


def test_who_when_tail_keeps_a_subtitle_and_reads_only_the_end():
    from papertui.importers.titles import WHO_WHEN_REACH, _without_who_when

    # after a colon, capitalised words are the subtitle, not authors; the year alone still goes
    assert _without_who_when("Beyond Words: Large Language Models, 2024") == "Beyond Words: Large Language Models"
    assert _without_who_when("A Title of Things, Ann Lee, Bo Wu, 2024") == "A Title of Things"
    assert _without_who_when("Title of Paper: Lee et 2025") == "Title of Paper"
    # a long run of names is searched only in its last WHO_WHEN_REACH characters (the search is linear)
    text = "Title of a thing, " + "Ann Lee, " * 5000 + "x 2024"
    assert _without_who_when(text) == text  # ("x 2024" names nobody: kept, and at once)
    assert len(text) > WHO_WHEN_REACH


def test_venue_kind_tail_and_press_labels():
    from papertui.importers import import_text
    from papertui.importers.titles import _clean_title

    assert _clean_title("Graph Things, NeurIPS 2030 Datasets and Benchmarks Track") == "Graph Things"
    assert _clean_title("Title of It, EMNLP 2023 Main Conference Paper") == "Title of It"
    # "and" joins two kinds of paper, it never ends one
    assert shapes.VENUE_TAIL_RE.search("A Study of Things, ACL 2023 and") is None
    # a fold named "Press coverage" is a section, not a "press here" button
    html = ("<html><body><h1>P</h1><details><summary>Press coverage</summary><ul>"
            "<li><a href='https://arxiv.org/abs/2401.00001'>A Paper on Many Things</a></li>"
            "<li><a href='https://arxiv.org/abs/2401.00002'>Another Paper on Things</a></li></ul></details></body></html>")
    assert [section for section, _paper in import_text(html).papers] == ["Press coverage", "Press coverage"]


def test_handle_tail_is_cut_and_read_at_once():
    import time

    from papertui.importers.titles import _clean_title

    assert _clean_title("LanternNet @ann-lee") == "LanternNet"
    assert _clean_title("Quiet Heads (@bo_wu, @cy-diaz)") == "Quiet Heads"
    assert _clean_title("Write to lee@example.org") == "Write to lee@example.org"
    # a run of handles that ends in a word: each space between them read one way only (no backtracking)
    for text in ("Title " + "@ab " * 5000 + "x", "Title " + "@ab , " * 5000 + "x"):
        start = time.perf_counter()
        _clean_title(text)
        assert time.perf_counter() - start < 1.0
