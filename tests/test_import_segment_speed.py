"""segment's per-line questions asked in a cheaper order, or settled sooner, or asked once for segment and build: each
gives what it gave as it was (a reference copy of the old code here), on generated articles (speed changes must not
change a result)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papertui.importers import digest, sections
from papertui.importers.blocks import read_document
from papertui.importers.digest import parse_digest
from papertui.importers.lines import _line
from papertui.importers.sections import (  # (the helpers the reference copies ask, as they asked them)
    _CJK_POINT_RE,
    NONE,
    PAPER_HEADING_RE,
    PAPER_HOST_RE,
    SECTION,
    SECTION_MAX,
    STRONG,
    WEAK,
    Line,
    _affiliation_under_byline,
    _bold_label,
    _bold_title_line,
    _bold_titled_card,
    _bracketed_bold_title,
    _card_link_under,
    _card_title_under,
    _cites_in_prose,
    _described,
    _english_title,
    _good_link_text,
    _host_titled_item,
    _label_led_bold_title,
    _label_link_led,
    _label_over_heading,
    _label_over_title,
    _latin_share,
    _link_table_row,
    _links_only,
    _named_label_links,
    _names,
    _next_text,
    _own_link_under,
    _paper_link_under_heading,
    _paper_sub_heading,
    _prose_sentence,
    _role,
    _sibling_before,
    _title_field,
    _title_heading,
    _title_like,
    _title_line_over,
    _titled_cell,
    linked_title,
    nickname,
    plain_field,
)

# Lines of the shapes these questions read: numbered and plain headings over their points, fields, label lines and
# links; bold titles and labels; cards; list items that name their papers and link them by label; tables.
_TEMPLATES = st.sampled_from([
    "## {n}. Sparse Experts at Scale for Long Inputs",
    "### {n}. Headed Paper {n}: Sparse Experts at Scale",
    "### Methods",
    "#### 1. 主要工作",
    "## 二、论文一：稀疏专家",
    "### 基本信息",
    "# RL",
    "### [A Linked Heading Title Here](https://arxiv.org/abs/2401.{n:05d})",
    "### [A Poster Page of a Paper](https://openreview.net/forum?id=x)",
    "A short paragraph on what paper {n} does, in a sentence or two.",
    "Paper: https://arxiv.org/abs/2401.{n:05d}",
    "[Read more](https://arxiv.org/abs/2401.{n:05d})",
    "论文地址：https://arxiv.org/abs/2401.{n:05d}",
    "**{n}. Paper {n}: Learning Small Things（学习小事情）**",
    "**1. Guard models (outer classifiers)**",
    "**Smoothing**",
    "*A separate model checks each request.*",
    "- Name: [paper](https://arxiv.org/abs/2401.{n:05d}) · [code](https://github.com/a/b)",
    "- Страж: [статья](https://arxiv.org/abs/2401.{n:05d}) · [код](https://github.com/a/b)",
    "- [Title of the Paper.](https://aclanthology.org/2025.acl-{n}) (Lee et al. ACL 2025.)",
    "- Title of the Paper Here. (Lee et al. EMNLP 2023.)",
    "- **Name** proposes a new way to route tokens.",
    "- **authors:** Ann Lee",
    "- [Attention Is All You Need](https://arxiv.org/abs/2401.{n:05d})",
    "{n}. **A Survey on Learning Things** — must read",
    "**A Bold Title of a Paper Here**",
    "**《Learning Small Things Well》**",
    "arXiv：https://arxiv.org/abs/2401.{n:05d}",
    "**[[paper](https://arxiv.org/abs/2401.{n:05d})] (MAY2015) Shape Boxes: A Deep Representation**",
    "Sparse Walks: Learning Graph Encoders by Sampling",
    "| 2005 | Ann Lee, Title of a Paper | what it did |",
    "| Hugging Face | [https://huggingface.co/papers/2401.{n:05d}](https://huggingface.co/papers/2401.{n:05d}) |",
    "Agents & Tool Use",
    "",
])
_LINES = st.tuples(_TEMPLATES, st.integers(1, 12)).map(
    lambda t: t[0].replace("{n:05d}", f"{t[1]:05d}").replace("{n}", str(t[1]))
)
_ARTICLES = st.lists(_LINES, min_size=1, max_size=30).map(lambda lines: "# Notes\n\n" + "\n\n".join(lines) + "\n")
_HTML_CARDS = st.lists(st.tuples(st.sampled_from([
    '<h3><a href="https://arxiv.org/abs/2401.{n:05d}">Card {n}: Attention over Long Inputs</a></h3>',
    "<h3>Card {n}: Attention over Long Inputs</h3>",
    "<h2>Section {n}</h2>",
    "<p>A short summary of card {n}, which says what it does.</p>",
    '<p><b>Title of the Paper Number {n}</b><br>[ IEEE ICCE 2025 ] <a href="https://arxiv.org/abs/2401.{n:05d}">arXiv</a></p>',
    '<ol><li><a href="https://arxiv.org/abs/2401.{n:05d}">Title {n}</a></li></ol>',
]), st.integers(1, 12)).map(lambda t: t[0].replace("{n:05d}", f"{t[1]:05d}").replace("{n}", str(t[1]))), max_size=20).map(
    lambda parts: "<html><body><h1>Digest</h1>" + "".join(parts) + "</body></html>"
)
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _lines_of(text: str):
    return [_line(b) for b in read_document(text).blocks]


def _facts(text: str):
    lines = _lines_of(text)
    return lines, [_role(lines, k) for k in range(len(lines))], [bool(_described(line)) for line in lines]


# -- the questions as they were ----------------------------------------------------------------------------------------


def _owned_span_as_was(
    lines: list[Line], roles: list[int], described_at: list[bool], k: int, repeated: frozenset[str] = frozenset()
) -> int:
    """``## Title``, its points (numbered lines, ``### 1. 主要工作`` sub-headings, bullets), and a
    link-only or label line to the paper (``[到论文主页查看详情](huggingface.co/papers/ID)``,
    ``[Read more](arXiv)``), all its references one paper: the heading is that paper and
    everything up to the next heading of its level is its body. Returns where that span ends,
    else 0."""
    head = lines[k]
    if head.refs or not _title_like(head.bare.rstrip("?？!！")) or _label_over_title(lines, k):  # (a title may ask)
        return 0
    named = PAPER_HEADING_RE.match(head.block.text) is not None  # "## 二、论文一：…"
    # "## 2. An English Title of Words" over its fields and points: a numbered paper, whatever form its link takes
    named = named or (head.ordinal is not None and _latin_share(head.bare) >= 0.8 and len(head.bare.split()) >= 4)
    level = head.block.level
    names: list[str] = []  # "## LORA" over "### 原理" / "论文题目：LORA: …": its own title, wherever under it

    def nick() -> str:  # (the heading's nickname, looked for only where a line may name it)
        if not names:
            names.append(nickname(head.bare))
        return names[0]

    ids: set[str] = set()
    paper_line = False
    carded = False  # (its paper's link on a label line right under it, before any sub-heading: a paper card)
    sub_headed = False
    titled_sub = False  # (a sub-heading that is a paper's full title)
    fields_only = True  # (only fields and repeated sub-headings so far: "### 基本信息", "- **authors:** …")
    described = 0  # "- **Name** proposes …" items under it: papers of their own, the heading their section
    points = False  # (numbered "一、" lines under it from one: its points)
    bold_titles = 0  # (whole-line bold titles of three words or more under it: headed items of their own)
    cards = 0  # "**Title**<br>[ Venue ] [arXiv](…)" cards under it (_bold_titled_card)
    end = len(lines)
    for j in range(k + 1, len(lines)):
        line = lines[j]
        b = line.block
        described += described_at[j]
        cards += _bold_titled_card(lines, j)
        if described >= 2 or cards >= 2:
            return 0  # (two "- **Name** proposes …" items, two bold-titled cards under it: papers of their own)
        if roles[j] == SECTION and b.kind != "heading" and (m := _CJK_POINT_RE.match(line.bare)):
            points = points or m.group(1) == "一"  # (its "**一、本文的主要工作**" … "**四、打分**": the paper's points, numbered
            # from one under it, not sections; a series that starts elsewhere goes on from the page's own)
        if (b.kind == "heading" and b.level <= level) or (roles[j] == SECTION and b.kind != "heading" and not (
            points and _CJK_POINT_RE.match(line.bare)
        )) or (
            b.kind == "para" and _label_over_heading(lines, roles, j, repeated)
        ):
            end = j
            break
        if j == k + 1 and _bracketed_bold_title(line):
            return 0  # "# CNN" over "**《Title》**" / "arXiv：URL": a paper's title of its own, the heading its topic
        sub_headed = sub_headed or b.kind == "heading"
        bold_titles += roles[j] == WEAK and line.bare not in repeated and _bold_title_line(line)  # (not a point
        # every card repeats: "## Title" / "**What They Did Here**" / … / "**Why It Matters Now**" / "[Paper](arXiv)")
        if line.refs and bold_titles >= 2:
            return 0  # "# Topic 🎨" / "***Title A***" / prose / "***Title B***" / prose / "[*source*](arXiv)": the
            # topic's headed items, each its own paper (a link under one of them is that one's), the heading their section
        if b.kind == "heading" and _paper_sub_heading(line, head, repeated):
            titled_sub = True  # "### 3.1. Topic" over "#### A Paper Title of Words (ABBR)" and its link: that paper's
        if line.refs and titled_sub:
            return 0  # the reference under a paper-titled sub-heading is that sub-heading's, this heading its section
        if line.refs and j > k + 2 and _title_line_over(lines[j - 1], head) and not _names(nick(), lines[j - 1]) and (
            not _affiliation_under_byline(lines, j - 1)  # (a card's "Ann Lee and Bo Wu" / "Northfield University")
        ):
            return 0  # "### 3.2. Topic" / its notes / "FastX: A Full Title of Words" / its arXiv URL: that line's paper
        if b.kind == "heading" and j + 1 < len(lines) and _title_field(lines[j + 1]) and not _names(nick(), lines[j + 1]):
            if named and paper_line:
                end = j  # "### Paper 2: Title" / "Link: URL" / "#### Extra:" over 'Paper: "Title"': a paper after it
                break
            return 0  # "### 论文 1：…" over "**标题**：Title": a paper card of its own, not a point of this heading
        if b.kind == "heading" and _title_heading(line):
            return 0  # "## Topic" over "### Title: X": a paper of its own, this heading its section
        if b.kind == "heading" and j + 1 < len(lines) and _card_title_under(line, lines[j + 1]):
            return 0  # "### 中文标题" over its English title line: a paper card of its own, this heading its section
        if b.kind == "heading" and _own_link_under(lines, j) and not (
            j + 1 < len(lines) and _names(nick(), lines[j + 1])  # ("## Prompt tuning" / "### 原理" / "[… Prompt Tuning](arXiv)")
        ):
            return 0  # "### Title" (or "### DETR" / "**Its Title**") right over its "[paper](arXiv)" line: a paper of
            # its own, this heading its section
        if _label_led_bold_title(line):
            return 0  # "### Datasets" / "**[[paper](its PDF)] (MAY2015) Title [[site](…)]**" …: papers of their own
        if paper := _host_titled_item(line, roles[j]):
            ids.add(paper)  # "- [Title.](its ACL Anthology page) (Lee et al. 2025.)": a paper of its own
            if len(ids) > 1:
                return 0
        if line.refs:
            if carded and _cites_in_prose(line):
                continue  # "## Title" / byline / "[Full paper](arXiv)" / "### Background" / "[Recent work](arXiv) showed
                # that …": the card's notes cite other papers, its related
            ids.update(a for a, _t in line.refs)
            if len(ids) > 1 or (b.kind == "row" and not _link_table_row(line)):
                return 0
            if b.kind == "row":
                paper_line = True  # "### Related links" / "| Hugging Face | [URL](…/papers/ID) |" / "| ArXiv | …": its links
                continue
            if _names(nick(), line) or (j > k + 1 and line.label and _names(nick(), lines[j - 1])):
                paper_line = True  # "AdaLoRA: [Adaptive Budget …](arXiv)", "[… Prompt Tuning](arXiv)" under "## Prompt tuning"
            elif (b.kind == "para" and (line.label or _links_only(b) or _label_link_led(b))) or (
                b.kind == "item" and line.label and fields_only  # ("## Title" / "### 基本信息" / "- **arXiv:** `ID`": a
                # field of the heading's paper; not of a titled line or heading under it: "# NeRF" / "### Title" / "-
                # Paper: URL")
            ) or (
                b.kind == "item" and line.label and b.level == 1 and lines[j - 1].block.kind == "para" and (
                    lines[j - 1].bare.endswith((":", "："))
                )  # ("**Resources:**" / "- 🔗 [**Paper**](arXiv)", past the card's points: the first of its links)
            ):
                if not line.label and any(_english_title(t, head.bare) for _a, t in line.refs):
                    return 0  # "### Group" / "#### Topic" over "[Deep Sets](arXiv)": a titled link, an item of its own
                if lines[j - 1].ordinal is not None and not named and _title_like(lines[j - 1].bare):
                    return 0  # "1. **Title**" then "Link: URL": that numbered line is the paper (not a numbered
                    # point of its notes: "3. **推荐度打分**: 4.7/5 - …" over "[到论文主页查看详情](…)")
                paper_line = True  # "[Read more](arXiv)", "Source: URL", "[到论文主页查看详情](…)"
                carded = carded or (line.label and not sub_headed)  # (the card's own link, before any point)
            elif any(_good_link_text(t) for _a, t in line.refs):
                return 0  # a titled link of its own: an item under a section heading
        fields_only = fields_only and (
            line.bare in repeated if b.kind == "heading" or (
                b.kind == "para" and b.strong == b.text and len(line.bare) <= 24 and len(line.bare.split()) <= 3
            ) else roles[j] == NONE  # (a short sub-heading or bold label every paper repeats: "**基本信息**")
            or (b.kind == "item" and plain_field(b.text) and not _title_field(line))  # ("- Concept: …", not "- Title: …")
        )
    return end if (paper_line or named) and (end - k >= 4 or (named and paper_line)) else 0  # ("### Paper 3: Title"
    # over only its "- Link: URL" field)


def _groups_items_as_was(lines: list[Line], roles: list[int], described_at: list[bool], k: int, sibling: bool = True) -> bool:
    """A numbered heading over items of their own (sub-headings, list items, table rows) that
    between them give two or more papers: their group, a section, not a paper; so is one over a single such item
    right after a heading of its level that groups items (``### 5.3 …`` over two papers, ``### 5.4 …`` over one)."""
    level = lines[k].block.level
    if _title_heading(lines[k]):
        return False  # "### Title: X": a paper, whatever is under it
    if _paper_link_under_heading(lines, k):
        return False  # "## [Name](its blog post)" / "[Paper](nature.com/…)": that paper, whatever its notes cite
    ids: set[str] = set()
    items = numbered = described = 0
    for j in range(k + 1, len(lines)):
        b = lines[j].block
        if b.kind == "heading" and b.level <= level:
            break
        described += described_at[j]
        if described >= 2:
            return True  # "- **Name** proposes …" twice: papers of their own (named, not linked)
        if roles[j] == STRONG or (b.kind == "heading" and b.level > level):
            items += 1
            numbered += lines[j].ordinal is not None or b.kind in ("row", "heading")
        elif lines[j].refs and not items:
            return False  # its own paper line ("论文地址：URL") before any item: the heading is a paper
        ids.update(a for a, _t in lines[j].refs)
        if roles[j] == STRONG and lines[j].ordinal is not None and any(PAPER_HOST_RE.search(u) for u in lines[j].web):
            ids.add(lines[j].web[0])  # "1. Title. [`paper`](its PDF)": a paper without an arXiv id
        elif paper := _host_titled_item(lines[j], roles[j]):
            ids.add(paper)  # "- [Title.](its ACL Anthology page) (Lee et al. ACL 2025.)", unlinked: one too
        elif b.kind == "heading" and b.level > level and linked_title(lines[j]):
            ids.add(b.links[0].text)  # "#### [Title](its page)", "#### [Title]()": a paper titled by its heading
        elif b.kind == "row" and roles[j] == STRONG and not lines[j].refs and (title := _titled_cell(b)):
            ids.add(title)  # "| 2005 | Authors, Title of a Paper | what it did |": a paper without a link
    # (bullets alone may be the fields of a paper heading: "- **来源**: …" / "- **原文链接**: URL")
    if ids and (numbered >= 1 or (items >= 2 and len(ids) >= 2)):
        return True
    if not (sibling and ids and items == 1 and len(ids) == 1):
        return False
    j = _sibling_before(lines, k)
    return j >= 0 and _groups_items_as_was(lines, roles, described_at, j, False)


def _bold_label_over_named_links_as_was(lines: list[Line], k: int) -> int:
    """Line ``k`` is a bold line alone (``**1. Guard models (outer classifiers)**``, ``**Smoothing**``), maybe with a
    line of description under it (``*A separate model checks each request.*``), over list items that name their papers
    and link them by label (:func:`_named_label_links`): the name of that group, not a paper that takes the first
    bullet's link. The first of those items, else -1 (the description between is the label's, no section)."""
    line = lines[k]
    b = line.block
    if b.kind != "para" or line.refs or line.web or b.links or not b.strong or len(line.bare) > 2 * SECTION_MAX:
        return -1
    if not (_bold_label(line) or b.strong.strip(" :：") == b.text.strip(" :：")):  # (its number in the bold too)
        return -1
    if _prose_sentence(line.bare):
        return -1
    j = _next_text(lines, k)
    if j < len(lines) and lines[j].block.kind == "para" and not (lines[j].refs or lines[j].web or lines[j].block.links) and (
        not lines[j].block.strong
    ):
        j = _next_text(lines, j)  # (its description)
    return j if j < len(lines) and _named_label_links(lines[j]) else -1


# -- the tests ---------------------------------------------------------------------------------------------------------


@_SETTINGS
@given(st.one_of(_ARTICLES, _HTML_CARDS))
def test_owned_span_asks_its_helpers_only_of_lines_they_answer_as_before(text):
    lines, roles, described_at = _facts(text)
    repeated = frozenset(line.bare for line in lines if line.block.kind == "heading" and line.block.level > 1)
    for k in range(len(lines)):
        for rep in (frozenset(), repeated):
            assert sections._owned_span(lines, roles, described_at, k, rep) == _owned_span_as_was(
                lines, roles, described_at, k, rep
            )


@_SETTINGS
@given(st.one_of(_ARTICLES, _HTML_CARDS))
def test_groups_items_settled_as_soon_as_its_counts_say_so_as_before(text):
    lines, roles, described_at = _facts(text)
    for k, line in enumerate(lines):
        if line.block.kind == "heading":
            for sibling in (True, False):
                assert sections._groups_items(lines, roles, described_at, k, sibling) == _groups_items_as_was(
                    lines, roles, described_at, k, sibling
                )


@_SETTINGS
@given(_ARTICLES)
def test_bold_label_over_named_links_asks_for_the_list_item_first_as_before(text):
    lines = _lines_of(text)
    for k in range(len(lines)):
        assert sections._bold_label_over_named_links(lines, k) == _bold_label_over_named_links_as_was(lines, k)


@_SETTINGS
@given(st.one_of(_ARTICLES, _HTML_CARDS))
def test_bracketed_title_asked_before_its_card_link_as_before(text):
    """segment asks ``_bracketed_bold_title`` (cheap, and false of most lines) before ``_card_link_under``: both only
    read the lines, so the order leaves the answer as it was."""
    lines = _lines_of(text)
    for k in range(len(lines)):
        assert (_bracketed_bold_title(lines[k]) and _card_link_under(lines, k)) == (
            _card_link_under(lines, k) and _bracketed_bold_title(lines[k])
        )


def _papers(imported):
    return [(s, p.title, p.arxiv, p.summary, p.related) for s, p in imported.papers]


@_SETTINGS
@given(st.one_of(_ARTICLES, _HTML_CARDS))
def test_articles_read_as_with_the_questions_as_they_were(text):
    new = _papers(parse_digest(text))
    saved = sections._owned_span, sections._groups_items, sections._bold_label_over_named_links
    try:
        sections._owned_span, sections._groups_items = _owned_span_as_was, _groups_items_as_was
        sections._bold_label_over_named_links = _bold_label_over_named_links_as_was
        old = _papers(parse_digest(text))
    finally:
        sections._owned_span, sections._groups_items, sections._bold_label_over_named_links = saved
    assert new == old


@_SETTINGS
@given(st.one_of(_ARTICLES, _HTML_CARDS))
def test_bare_title_bullets_asked_once_are_those_of_the_built_lines(text):
    """build asks bare_title_bullets once, before segment, for segment and its own filter: segment changes nothing it
    reads (it sets only table rows' label), so the answer is the one of the lines as built, and segment given it
    reads the article as segment asking it itself."""
    asked = []

    def recorded(lines):
        asked.append((lines, sections.bare_title_bullets(lines)))
        return asked[-1][1]

    saved = digest.bare_title_bullets
    try:
        digest.bare_title_bullets = recorded
        new = _papers(parse_digest(text))
    finally:
        digest.bare_title_bullets = saved
    assert len(asked) == 1
    lines, bare = asked[0]
    assert sections.bare_title_bullets(lines) == bare
    fresh = _lines_of(text)
    a = sections.segment(fresh)
    b = sections.segment(_lines_of(text), bare_titles=sections.bare_title_bullets(_lines_of(text)))
    assert [(i.section, i.head.bare, len(i.body)) for i in a[1]] == [(i.section, i.head.bare, len(i.body)) for i in b[1]]
    assert a[0] == b[0] and new is not None


@_SETTINGS
@given(st.one_of(_ARTICLES, _HTML_CARDS))
def test_main_loop_gates_ask_only_where_the_question_may_answer_yes(text):
    """segment's loop asks ``_session_item`` only when the article's list items name sessions at all, and
    ``_labelled_topic_item`` only of a list item with bold words: elsewhere each answers no, as it did."""
    from collections import Counter

    from papertui.importers.sections import _labelled_topic_item, _session_item

    lines, roles, _described_at = _facts(text)
    for k, line in enumerate(lines):
        assert not _session_item(lines, k, Counter())
        if not (line.block.kind == "item" and line.block.strong):
            assert not _labelled_topic_item(lines, roles, k)


def _session_match_as_was(text):
    from papertui.importers.shapes import DATED_SESSION_RE, SESSION_LABEL_RE

    if (m := SESSION_LABEL_RE.fullmatch(text)) is not None or len(text) > 120:
        return m
    return DATED_SESSION_RE.fullmatch(text)


_SESSION_TEXTS = st.one_of(
    st.text(max_size=30),
    st.tuples(
        st.sampled_from(["Week", "WEEK", "ſession", "Lecture", "meeting", "Seminar", "class", "Day", "module", "Unit",
                         "第", "Kweek", "xDay", " Week"]),
        st.sampled_from([" 1", "2", " 12:", "3周", " 8 2026-05-15 Audio Representations", " 4 · May 3", ""]),
        st.text(max_size=8),
    ).map("".join),
)


@settings(max_examples=1000, deadline=None)
@given(_SESSION_TEXTS)
def test_session_match_asks_its_first_character_first_as_before(text):
    from papertui.importers.sections import _may_name_session, _session_match
    from papertui.importers.shapes import DATED_SESSION_RE, SESSION_LABEL_RE

    old = _session_match_as_was(text)
    new = _session_match(text)
    assert (old and old.span(), old and old.groupdict()) == (new and new.span(), new and new.groupdict())
    if SESSION_LABEL_RE.fullmatch(text) or DATED_SESSION_RE.fullmatch(text):
        assert _may_name_session(text)


def test_session_labels_start_only_with_the_characters_asked_for():
    """Every character the session patterns' first letters match, ignoring case as they do (``ſ`` is an ``s``), is
    one of those :func:`_may_name_session` lets through (all of Unicode, looked at once)."""
    import re

    from papertui.importers.sections import _SESSION_FIRST

    first = re.compile(r"[wslmcdu]", re.IGNORECASE)  # (week, session, lecture, meeting, seminar, class, day, module, unit)
    assert {chr(i) for i in range(0x110000) if first.match(chr(i))} | {"第"} <= _SESSION_FIRST
