"""Paper-digest articles (Markdown, HTML, text) -> a reading list.

A pipeline of small functions: read → blocks (``blocks.py``) → lines (each block with its
arXiv references and what it looks like) → items → papers. Each shape an article may take
is data in ``shapes.py`` (a pattern, a label word), not a branch of its own:

- **A paper is anchored on its arXiv reference.** The item whose head (a table row, a list
  item, a numbered line, a heading, a bold line, a title line before ``Paper: URL``, a
  ``Title by Authors, URL`` entry) holds a reference — in the head, on a label or link-only
  line, or on the first line under it — is that paper. Other references inside the item are
  its ``related``. A numbered item without a heading-level link takes the reference its text
  is about. A reference in the prose of an essay section is not an item.
- **Sections** are headings that are not items, ``**一、…**``, ``一、…``, ``Part 1``,
  ``Week of …``, and short lines that head a run of items.
- Numbered items, and headed or bold titles with a ``Paper:`` / ``论文链接`` line of their own,
  without an arXiv reference are kept by title with their own link; links that are code, a
  video or a post are not papers, nor are the items of an arXiv-less news section.
- Layout tables, hard-wrapped entries and headings, ``Title (2023) by A et al.``,
  ``Authors, "Title"`` and ``Title （中文）`` are read back to the paper's own title.
- A table of contents repeating the items below it gives one paper each, not two.
- Boilerplate (share/subscribe widgets, image names, QR blurbs, footers) is dropped, and so is
  everything after a "recommended reading" marker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..arxiv_ids import normalize
from . import Imported, ImportedPaper
from .blocks import Block, Document, clean_line, read_document
from .lines import (
    Line,
    _cut_at_end_marker,
    _entry_like,
    _is_boilerplate,
    _is_label,
    _line,
    _links_only,
    _paper_link,
    _title_like,
    join_wrapped,
    replace_each,
    split_runs,
)
from .shapes import (
    ATTR_LIST_RE,
    AUTHOR_CUTS,
    AUTHOR_LINE_RE,
    BRACKETS,
    BY_RE,
    CELL_SPLIT_RE,
    CITATION_YEAR_RE,
    CJK_GLOSS_RE,
    CJK_RE,
    DATE_PREFIX_RE,
    DECORATION_LEAD_RE,
    DECORATION_TAIL_RE,
    DOC_HEADING_RE,
    EMOJI_CODE_RE,
    EMPTY_BRACKETS_RE,
    EMPTY_TAIL_RE,
    KEY_RE,
    LABEL_BRACKET_RE,
    LABEL_PREFIX_RE,
    LATIN_RE,
    MARKUP_RE,
    NON_PAPER_HOST_RE,
    NUMBERS_RE,
    ORDINAL_RE,
    PAPER_HEADING_RE,
    PAPER_HOST_RE,
    PAPER_LABEL_RE,
    PUNCT_ONLY_RE,
    QUOTED_TITLE_RE,
    SECTION_MAX,
    SECTION_RE,
    SENTENCE_END,
    SITE_PREFIX_RE,
    STOP_WORDS,
    TITLE_FIELD_RE,
    TITLE_HEADER_RE,
    TITLE_MAX,
    TITLE_PREFIX_RE,
    TOC_RE,
    UPPER_RE,
    URL_RE,
    VENUE_RE,
    WORD_RE,
    WORDISH_RE,
)


@dataclass
class Item:
    section: str
    head: Line
    strong: bool  # a numbered/list/row head: may take a reference from its prose
    body: list[Line] = field(default_factory=list)
    title_col: int = -1  # table rows: the column a header names as the title
    labelled: bool = False  # a heading or bold title with a "Paper:" / "论文链接" line of its own

    def refs(self) -> list[tuple[str, str, Line]]:
        out = [(a, t, self.head) for a, t in self.head.refs]
        for line in self.body:
            if line.refs:
                out.extend((a, t, line) for a, t in line.refs)
        return out


# -- roles ---------------------------------------------------------------------------------------
STRONG, WEAK, ENTRY, TITLE_LINE, SECTION, NONE = range(6)


def _role(lines: list[Line], k: int) -> int:
    """What line ``k`` may be, before looking at what follows it."""
    line = lines[k]
    b = line.block
    if line.label or b.kind == "code":
        return NONE
    if b.kind == "section":
        return SECTION
    if b.kind == "row":
        return NONE if b.header or sum(1 for c in b.cells if c) < 2 else STRONG
    if b.kind == "heading" and PAPER_HEADING_RE.match(b.text):
        return WEAK  # "## 二、论文一：标题": a paper, not a section (segment: _owned_span)
    if SECTION_RE.match(b.text) and not line.refs and len(b.text) <= SECTION_MAX:
        return SECTION
    if line.ordinal is not None and line.bare and len(line.bare) <= TITLE_MAX:
        return STRONG
    if b.kind == "item":
        return STRONG if line.bare or line.refs else NONE
    if b.kind == "heading":
        return WEAK
    if b.strong and (len(b.strong) >= 0.5 * len(line.bare) or _dash_after(b)) and (
        _title_like(b.strong.rstrip("?？!！"))
    ):
        return WEAK  # "**Title**", "**Title** — what it does"
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if nxt is not None and nxt.label and _title_like(line.bare) and len(line.bare) <= 200 and not line.refs:
        return TITLE_LINE
    if _title_field(line):
        return TITLE_LINE  # "论文：Title" (its link, if any, on a label line under it)
    if line.refs and (_entry_like(line) or _link_led(line)):
        return ENTRY
    return NONE


def _dash_after(b: Block) -> bool:
    """The bold text the line starts with, then a dash and the rest: ``**Title** — what it does``."""
    at = b.text.find(b.strong)
    return at >= 0 and b.text[at + len(b.strong) :].lstrip().startswith(("— ", "– ", "- "))


def _title_field(line: Line) -> bool:
    """``论文：Title`` / ``Paper: Title``: a title given as a field, not a link."""
    m = TITLE_PREFIX_RE.match(line.block.text) if line.block.kind in ("para", "item") else None
    rest = line.block.text[m.end() :] if m else ""
    return bool(m) and not line.refs and not line.web and _title_like(rest) and len(rest) <= 250 and (
        len(rest.split()) >= 3 or len(CJK_RE.findall(rest)) >= 6
    )


def _link_led(line: Line) -> bool:
    """``[Title](arXiv link) — what it does``: a line led by a paper's link with its title."""
    b = line.block
    if b.kind not in ("para", "item") or not b.links:
        return False
    first = b.links[0]
    lead = b.text[: len(first.text) + 6].lstrip(" *-•·>[(")
    return (
        lead.startswith(first.text) and normalize(first.href) is not None and _good_link_text(first.text)
        and len(first.text.split()) >= 2
    )


def _weak_owns_ref(lines: list[Line], roles: list[int], k: int, end: int) -> bool:
    """A heading or bold line is a paper when it holds a reference, or the lines under it
    give one on a label line or right under it."""
    if lines[k].refs:
        return True
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if nxt is not None and nxt.refs and roles[k + 1] not in (STRONG, WEAK, SECTION) and not (
        roles[k + 1] == ENTRY and k + 2 < len(lines) and roles[k + 2] in (ENTRY, STRONG)  # (a run of entries)
    ):
        return True  # the line right under it: "# English title" / "[中文标题](arXiv link)"
    if nxt is not None and nxt.refs and roles[k + 1] == STRONG and nxt.block.kind == "item" and (
        nxt.ordinal is None and lines[k].block.kind == "para"
    ) and (
        not any(_good_link_text(t) for _a, t in nxt.refs)
    ):
        return True  # "**Title** — what it does" then "- [2604.01234](arXiv link) — authors": no title of its own
    return any(line.label and line.refs for line in lines[k + 1 : end])


def _owned_span(lines: list[Line], roles: list[int], k: int) -> int:
    """``## Title``, its points (numbered lines, ``### 1. 主要工作`` sub-headings, bullets), and a
    link-only or label line to the paper (``[到论文主页查看详情](huggingface.co/papers/ID)``,
    ``[Read more](arXiv)``), all its references one paper: the heading is that paper and
    everything up to the next heading of its level is its body. Returns where that span ends,
    else 0."""
    head = lines[k]
    if head.refs or not _title_like(head.bare):
        return 0
    named = PAPER_HEADING_RE.match(head.block.text) is not None  # "## 二、论文一：…"
    level = head.block.level
    ids: set[str] = set()
    paper_line = False
    end = len(lines)
    for j in range(k + 1, len(lines)):
        line = lines[j]
        b = line.block
        if (b.kind == "heading" and b.level <= level) or (roles[j] == SECTION and b.kind != "heading") or (
            b.kind == "para" and _label_over_heading(lines, roles, j)
        ):
            end = j
            break
        if line.refs:
            ids.update(a for a, _t in line.refs)
            if len(ids) > 1 or b.kind == "row":
                return 0
            if b.kind == "para" and (line.label or _links_only(b)):
                if lines[j - 1].ordinal is not None and not named:
                    return 0  # "1. **Title**" then "Link: URL": that numbered line is the paper
                paper_line = True  # "[Read more](arXiv)", "Source: URL", "[到论文主页查看详情](…)"
            elif any(_good_link_text(t) for _a, t in line.refs):
                return 0  # a titled link of its own: an item under a section heading
    return end if (paper_line or named) and end - k >= 4 else 0


def _paper_label_at(lines: list[Line], roles: list[int], k: int) -> int:
    """A heading or bold title with no reference whose lines below, before the next item or
    section, give its paper on a label line ("Paper: URL", "论文链接" then a URL, "Paper: None"):
    that line's index, else -1. Other bold lines on the way (a recommender, a tag) are its body."""
    head = lines[k].block
    for j in range(k + 1, min(len(lines), k + 40)):
        line = lines[j]
        b = line.block
        if roles[j] in (STRONG, SECTION) or line.refs or b.kind == "row" or (
            b.kind == "heading" and (head.kind != "heading" or b.level <= head.level)
        ):
            return -1
        words = line.bare or " ".join(link.text for link in b.links)
        if line.label and b.kind != "heading" and PAPER_LABEL_RE.search(words):
            return j  # (a sub-heading "### View Papers" is not its paper line)
        if any(_is_label(link.text) and PAPER_LABEL_RE.search(link.text) for link in b.links):
            return j  # "Anonymous · [Paper Link](url)"
    return -1


# -- items ---------------------------------------------------------------------------------------
def segment(lines: list[Line]) -> tuple[str | None, list[Item]]:
    """The document's title and its items, each with its section."""
    roles = [_role(lines, k) for k in range(len(lines))]
    nexts = [0] * len(lines)  # the next line that is a head of any kind (an entry, a heading...)
    nxt = len(lines)
    for k in range(len(lines) - 1, -1, -1):
        nexts[k] = nxt
        if roles[k] in (STRONG, WEAK, SECTION, TITLE_LINE):
            nxt = k
    title = None
    start = 0
    if lines:
        first = lines[0]
        b = first.block
        is_title = (b.kind == "heading" and b.level <= 2) or (b.kind == "para" and roles[0] in (NONE, WEAK))
        same = [j for j in range(1, len(lines)) if lines[j].block.kind == "heading" and lines[j].block.level == b.level
                and lines[j].bare != first.bare]  # (the same title again is the article again: a double paste)
        if b.kind == "heading" and same and (b.level >= 2 or any(line.refs for line in lines[1 : same[0]])):
            is_title = False  # "## Week 3" ... "## Week 2", "# Surveys" + papers ... "# Memory": the first of its sections
        if is_title and _title_like(first.bare) and len(first.bare) <= 120 and not first.refs:
            end = nexts[0]
            if not (roles[0] == WEAK and _weak_owns_ref(lines, roles, 0, end)):
                title, start = first.bare, 1
    section = "Papers"
    items: list[Item] = []
    cur: Item | None = None
    cur_has_own = False
    claimed = -1  # a title found its "Paper:" line here: bold lines before it are its body
    headed = -2  # the last section heading
    stack: list[tuple[int, str]] = []  # open sections: (heading level, or 0 for a section line; name)
    owned = -1  # lines before this belong to the heading that owns them (_owned_span)
    labelled = False
    for k in range(start, len(lines)):
        line, role = lines[k], roles[k]
        b = line.block
        end = nexts[k]
        labelled = False
        if k < owned:  # inside a heading that is one paper: its numbered points and sub-headings
            if cur is not None:
                cur.body.append(line)
            continue
        if role == WEAK and b.kind == "heading" and (span := _owned_span(lines, roles, k)):
            # (its one link is its paper line); a heading as high as the section's is under none
            section = _close_sections(stack, b.level)
            cur = Item(section, line, strong=False, labelled=True)
            items.append(cur)
            cur_has_own, owned = True, span
            continue
        if role == WEAK and b.kind != "heading" and cur is not None and not cur_has_own and (
            cur.head is lines[k - 1] and not line.refs and cur.head.ordinal is not None
        ) and _latin_share(cur.head.bare) < 0.3 <= 0.7 <= _latin_share(line.bare) and (
            _title_like(line.bare.rstrip("?？"))
        ):
            cur.body.append(line)  # "1. 中文标题" then "**English Title**": the English title of that item
            continue
        if role == WEAK:
            nested = cur is not None and cur.head.block.kind == "heading" and b.kind == "heading" and (
                b.level > cur.head.block.level
            )
            if b.kind == "heading" and not line.refs and _groups_items(lines, roles, k):
                role = SECTION  # "### Methods" over "1. **Title**" + "Link: URL"
            elif _weak_owns_ref(lines, roles, k, end):
                role = STRONG
            elif k < claimed and b.kind != "heading":
                role = NONE
            elif not nested and _title_like(line.bare) and (j := _paper_label_at(lines, roles, k)) > 0:
                role, claimed, labelled = STRONG, j, True
            elif nested:
                role = NONE
            elif b.kind == "heading" and cur is not None and cur.head.block.kind == "heading" and (
                cur.head.block.level == b.level and _no_items_under(lines, roles, k)
            ):
                role = STRONG  # a sibling of the paper headings before it, without an arXiv link (build decides)
            elif b.kind == "heading" or (k + 1 < len(lines) and roles[k + 1] != NONE and len(line.bare) <= SECTION_MAX):
                role = SECTION
            else:
                role = NONE
        elif role == NONE and k - 1 == headed:
            pass  # the line under a section heading is its description ("> Collected every morning")
        elif role == NONE and _label_over_heading(lines, roles, k):
            role = SECTION  # a page's group label ("<div>Agents & Tool Use</div>") over paper headings
        elif role == NONE and b.kind == "para" and cur is None and k + 1 < len(lines):
            # A short line heading a run that starts at 1: a section ("LLM发展与基准" / "1、...").
            nl = lines[k + 1]
            if roles[k + 1] == STRONG and nl.ordinal == 1 and _title_like(line.bare) and not _intro(line.bare) and len(line.bare) <= SECTION_MAX:
                role = SECTION
        elif role == NONE and b.kind == "para" and k + 1 < len(lines) and len(line.bare) <= SECTION_MAX:
            nl = lines[k + 1]
            if roles[k + 1] == STRONG and nl.ordinal == 1 and _title_like(line.bare) and not _intro(line.bare) and not line.refs:
                role = SECTION
        if role == STRONG and b.kind == "heading" and not line.refs and _groups_items(lines, roles, k):
            role = SECTION  # "### 6. X系列" over "#### 6.1 X V1" + its link, "### 1. 基础" over "1. **Title**" items
        if role == STRONG and b.kind == "item" and not line.refs and cur is not None:
            head = cur.head.block
            if (not b.ordered and not line.web) or (head.kind == "item" and b.level > head.level):
                role = NONE  # the points listed under a paper
        if role == STRONG and b.kind == "item" and line.refs and cur is not None and not cur_has_own and (
            cur.head is lines[k - 1] and cur.head.block.kind == "para" and line.ordinal is None
        ) and not any(_good_link_text(t) for _a, t in line.refs):
            role = NONE  # "**Title** — what it does" then "- [2604.01234](arXiv link) — authors": its link
        if role == STRONG and b.kind == "item" and not b.ordered and cur is not None and _field(line):
            role = NONE  # "- **内容摘要**: … arXiv:ID …": a field of the paper above, even with a reference
        if role in (ENTRY, TITLE_LINE):
            sibling = cur is not None and cur.labelled and _title_field(line)  # "论文：A" … "论文：B"
            role = STRONG if cur is None or cur_has_own or cur.head.block.kind == "row" or sibling else NONE
        if role == SECTION:
            headed = k if b.kind == "heading" else -2
            level = b.level if b.kind == "heading" else 0
            while stack and (stack[-1][0] == 0 or (level and stack[-1][0] >= level)):
                stack.pop()
            section = "Papers" if TOC_RE.match(line.bare) else _section_name(line)
            stack.append((level, section))
            cur, cur_has_own = None, False
            continue
        if role == STRONG:
            labelled = labelled or (roles[k] == TITLE_LINE and _title_field(line))  # "论文：Title": a paper
            if b.kind == "heading":
                section = _close_sections(stack, b.level)
            cur = Item(section, line, strong=roles[k] != WEAK, labelled=labelled)
            items.append(cur)
            cur_has_own = bool(line.refs)
            continue
        if cur is not None and cur.head.block.kind != "row":
            cur.body.append(line)
            if (line.refs and (line.label or len(cur.body) == 1)) or (line.label and line.web and cur.labelled):
                cur_has_own = True  # (a titled item's own non-arXiv link too: "论文链接：github…")
    return title, items


def _field(line: Line) -> bool:
    """``Summary: …`` / ``**内容摘要**: …``: a field that is not the paper's own (title, link)."""
    m = LABEL_PREFIX_RE.match(line.block.text.replace("**", ""))
    return m is not None and not PAPER_LABEL_RE.search(m.group(0))


def _label_over_heading(lines: list[Line], roles: list[int], k: int) -> bool:
    """A short plain line, not a sentence, right over a heading that is a paper (it gives its
    reference), after a paper of that heading level: a group label, the section of what follows."""
    line = lines[k]
    b = line.block
    if b.kind != "para" or line.refs or b.links or b.strong or not line.bare or len(line.bare) > SECTION_MAX:
        return False
    if line.bare[-1] in SENTENCE_END + ".。:：" or not _title_like(line.bare) or k + 1 >= len(lines):
        return False
    nxt = lines[k + 1].block
    if nxt.kind != "heading" or roles[k + 1] != WEAK or lines[k + 1].refs:
        return False
    before = k - 1  # the last heading of that level before it (a scan back to it, not over the whole article)
    while before >= 0 and not (lines[before].block.kind == "heading" and lines[before].block.level == nxt.level):
        before -= 1
    return (before < 0 or any(lines[j].refs for j in range(before, k))) and any(
        lines[j].refs for j in range(k + 2, min(len(lines), k + 12)) if lines[j].block.kind != "heading"
    )


def _groups_items(lines: list[Line], roles: list[int], k: int) -> bool:
    """A numbered heading over items of their own (sub-headings, list items, table rows) that
    between them give two or more papers: their group, a section, not a paper."""
    level = lines[k].block.level
    ids: set[str] = set()
    items = numbered = 0
    for j in range(k + 1, len(lines)):
        b = lines[j].block
        if b.kind == "heading" and b.level <= level:
            break
        if roles[j] == STRONG or (b.kind == "heading" and b.level > level):
            items += 1
            numbered += lines[j].ordinal is not None or b.kind in ("row", "heading")
        elif lines[j].refs and not items:
            return False  # its own paper line ("论文地址：URL") before any item: the heading is a paper
        ids.update(a for a, _t in lines[j].refs)
    # (bullets alone may be the fields of a paper heading: "- **来源**: …" / "- **原文链接**: URL")
    return bool(ids) and (numbered >= 1 or (items >= 2 and len(ids) >= 2))


def _no_items_under(lines: list[Line], roles: list[int], k: int) -> bool:
    """No list item, entry or title line between heading ``k`` and the next heading."""
    for j in range(k + 1, min(len(lines), k + 60)):
        if lines[j].block.kind == "heading":
            return True
        if roles[j] in (STRONG, ENTRY, TITLE_LINE):
            return False
    return True


def _close_sections(stack: list[tuple[int, str]], level: int) -> str:
    """A paper's heading of ``level`` closes the section headings at its level or deeper: the
    section it is under (``## Vision`` / ``### 6. X系列`` / ``#### 6.1 X`` / ``### 7. Y``)."""
    while stack and stack[-1][0] >= level:
        stack.pop()
    return stack[-1][1] if stack else "Papers"


def _intro(text: str) -> bool:
    """"Papers we will discuss on Friday:": a sentence introducing a list, not its section."""
    return text.endswith((":", "：")) and len(text.split()) >= 4


def _section_name(line: Line) -> str:
    text = line.block.text.strip().strip("*#").strip()
    if text[:1] in "[【" and text[-1:] in "]】":  # "[ 自然语言处理 ]"
        text = text[1:-1].strip()
    return clean_line(text)[:120] or "Papers"


# -- papers --------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def _latin_share(text: str) -> float:
    latin = len(LATIN_RE.findall(text))
    cjk = len(CJK_RE.findall(text))
    return latin / (latin + 2 * cjk) if latin + cjk else 0.0


@lru_cache(maxsize=4096)  # (a head's text and its link's are often one title: asked twice)
def _clean_title(text: str) -> str:
    if "://" in text or "www." in text:
        text = URL_RE.sub(" ", text)
    text = text.rstrip(" -–—:：|,，")  # ("Title（预印本）— URL": the gloss ends it)
    if ":" in text:
        text = EMOJI_CODE_RE.sub(" ", text)  # ":heavy_check_mark:Title"
    first = text[:1]
    if not first.isalnum():  # (a text that starts with a letter or digit has no decoration or space before it)
        text = DECORATION_LEAD_RE.sub("", text)  # "🔹 Title"
    if first in "pP" or not first.isalnum():
        text = SITE_PREFIX_RE.sub("", text)
    if "{:" in text:
        text = ATTR_LIST_RE.sub(" ", text)  # Kramdown's '{:target="_blank"}'
    if not text[-1:].isalpha() or text[-1] in "kK":  # (a decoration tail ends in a sign, a number or "44k")
        text = DECORATION_TAIL_RE.sub("", text)  # "Title ⭐ 44"
    brackets = not BRACKETS.isdisjoint(text)
    if brackets:
        gloss = CJK_GLOSS_RE.search(text)
        if gloss and _latin_share(text[: gloss.start()]) >= 0.7:
            text = text[: gloss.start()]
    text = MARKUP_RE.sub("", text)
    if brackets:
        text = VENUE_RE.sub(" ", text)
    if ":" in text or "：" in text:
        text = LABEL_PREFIX_RE.sub("", text)
    if brackets:
        text = LABEL_BRACKET_RE.sub(" ", text)
        text = EMPTY_TAIL_RE.sub("", text)
    text = clean_line(text).strip(" -–—:：|,，;；.。")
    if text[:1] == "《" and text[-1:] == "》" and "《" not in text[1:]:
        text = text[1:-1].strip()  # "《English Title》": the title in book-title marks
    return text


def _head_title(item: Item) -> str:
    line = item.head
    b = line.block
    if b.kind == "row":
        return _row_title(item)
    text = DATE_PREFIX_RE.sub("", line.bare, count=1)
    if b.kind == "heading":
        text = PAPER_HEADING_RE.sub("", text, count=1)
    if b.strong and b.kind != "heading":  # "**Title** - what it does", "**1. Title** ⭐ 44"
        strong = ORDINAL_RE.sub("", b.strong, count=1)
        at = text.find(strong.strip())
        tail = text[at + len(strong.strip()) :] if at >= 0 else ""
        if (len(b.strong) < len(text) * 0.98 or (tail and not WORDISH_RE.search(tail))) and _title_like(
            strong.rstrip(" :：?？!！")  # (a title may ask: "Why X Outperforms Y?")
        ):
            return _clean_title(strong)
    if (line.refs or line.web) and b.kind in ("item", "para"):
        text = _strip_authors(text)
    return _clean_title(text)


def _strip_authors(text: str) -> str:
    """``Title (2023) by Smith et al.``, ``Title by A, B, and C``, ``Authors, "Title" (2024)``: the title."""
    text = text.rstrip(" ,.;:：")
    if '"' in text or "“" in text:
        q = QUOTED_TITLE_RE.match(text)
        if q and UPPER_RE.search(q.group("pre")) and len(q.group("title").split()) >= 2:
            return q.group("title")
    by, paren = " by " in text, "(" in text or "（" in text
    if not (by or paren or ". " in text or ", " in text):
        return text  # (each pattern only where its words are: most titles have none of them)
    cuts = [
        m.start() for rx, needed in zip((*AUTHOR_CUTS, BY_RE), (by, by, paren, ". " in text, paren or ", " in text))
        if needed and (m := rx.search(text)) and m.start() > 8
    ]
    return text[: min(cuts)] if cuts else text


def _row_title(item: Item) -> str:
    b = item.head.block
    col = item.title_col
    if not (0 <= col < len(b.cells) and b.cells[col]):
        col = -1
        for k, c in enumerate(b.cells):
            text = URL_RE.sub("", c).strip()
            if len(text) >= 4 and not NUMBERS_RE.fullmatch(text) and not _is_label(text) and (
                not DATE_PREFIX_RE.match(text + ",") or len(text) > 16
            ):
                col = k
                break
    if col < 0:
        return ""
    lead = b.leads[col] if col < len(b.leads) else ""
    if lead and len(lead.split()) >= 2 and _title_like(lead) and normalize(lead) is None and not _is_label(lead):
        return _clean_title(lead)  # "**Title** - a comment" / "[Title](url) by ..."
    cell = ORDINAL_RE.sub("", b.cells[col], count=1)
    first = cell.split("\n", 1)[0].strip()
    if first != cell.strip() and len(first.split()) >= 2 and _title_like(first):
        cell = first  # "Title<br>Authors<br>[pdf] [code]"
    if len(cell) > 60:  # "Title  This paper introduces...": the title is the lead
        cell = CELL_SPLIT_RE.split(cell, maxsplit=1)[0]
    return _strip_authors(_clean_title(cell))


def _row_rest(item: Item) -> str:
    """The title cell's words after the title: the row's description."""
    b = item.head.block
    col = item.title_col if 0 <= item.title_col < len(b.cells) else -1
    if col < 0:
        return ""
    lead = b.leads[col] if col < len(b.leads) else ""
    cell = ORDINAL_RE.sub("", b.cells[col], count=1).strip()
    if lead and cell.startswith(lead):
        return clean_line(cell[len(lead) :]).lstrip(" :：-–—|")
    parts = CELL_SPLIT_RE.split(cell, maxsplit=1) if len(cell) > 60 else []
    return clean_line(cell[len(parts[0]) :]) if len(parts) == 2 else ""  # "Title  This paper ..."


@lru_cache(maxsize=4096)
def _good_link_text(text: str) -> bool:
    t = text.strip()
    return (
        len(t) >= 4 and not _is_label(t) and not URL_RE.match(t) and normalize(t) is None
        and _title_like(t.rstrip(".")) and (" " in t or len(CJK_RE.findall(t)) >= 4 or len(t) >= 8)
    )


def _title(item: Item, own_text: str) -> tuple[str, Line | None]:
    """The paper's title, and the body line it came from (not part of the summary)."""
    head = _head_title(item)
    if own_text and _good_link_text(own_text):
        link = _clean_title(own_text)
        if not head:
            return link, None
        head_key, link_key = _key(head), _key(link)
        if head_key and head_key in link_key and len(link_key) > len(head_key):
            return link, None  # a nickname in the head, the full title in the link
        if link_key and head_key.startswith(link_key) and len(link.split()) >= 3:
            return link, None  # "[Title](url) - what it does" / "[Title](url) by Authors"
        if _latin_share(head) < 0.5 <= _latin_share(link):
            return link, None
        bare = item.head.bare
        at = bare.find(own_text)
        if at > 0 and len(link.split()) >= 3 and CITATION_YEAR_RE.search(bare[:at]):
            return link, None  # a citation: "Lee, A., & Wu, B. (2025). [Title](url). arXiv preprint"
    for line in item.body[:20]:  # "**英文标题**：The Real Title"
        m = TITLE_FIELD_RE.match(line.bare.replace("**", "")) if line.block.kind in ("item", "para") else None
        if m and _title_like(_clean_title(m.group("title"))):
            return _clean_title(m.group("title")), line
    if head and _latin_share(head) < 0.5 and CJK_RE.search(head) and item.body:
        first = item.body[0]
        text = _clean_title(first.block.text)
        if _latin_share(text) >= 0.7 and _title_like(text) and len(text) <= 250 and len(text.split()) >= 2:
            return text, first  # "# 中文标题" then the English title
    if not head and own_text:
        return _clean_title(own_text), None
    return head, None


@lru_cache(maxsize=4096)
def _key(title: str) -> str:
    return KEY_RE.sub("", title.casefold())


def _pick_own(item: Item, refs: list[tuple[str, str, Line]]) -> int:
    if not refs:
        return -1
    for k, (_a, _t, line) in enumerate(refs):
        if line is item.head:
            return k
    for k, (_a, _t, line) in enumerate(refs):
        if line.label:
            return k
    if item.labelled:  # a title claimed by its "Paper:" line: the first reference under it
        return 0
    above = [item.head, *item.body]
    for j, line in enumerate(item.body, 1):  # "论文链接：" alone, its link on a line under it
        if line.refs:
            i = j - 1
            while i > 0 and PUNCT_ONLY_RE.fullmatch(above[i].bare) and not above[i].label:
                i -= 1
            if above[i].label:
                return next(k for k, r in enumerate(refs) if r[2] is line)
    if item.body and item.body[0].refs:
        return next(k for k, r in enumerate(refs) if r[2] is item.body[0])
    if not item.strong:
        return -1
    # A numbered item that cites papers in its prose: the one its words are about.
    words = {w.lower() for w in WORD_RE.findall(item.head.bare)} - STOP_WORDS
    freq = Counter(w.lower() for line in item.body for w in WORD_RE.findall(URL_RE.sub(" ", line.block.text)))
    best, best_score = 0, -1.0
    for k, (_a, text, line) in enumerate(refs):
        context = (text + " " + line.block.text).lower()
        named = [w.lower() for w in WORD_RE.findall(URL_RE.sub(" ", context))]
        score = 10.0 * sum(1 for w in words if w in context) + max((freq[w] for w in named if w not in STOP_WORDS), default=0)
        if score > best_score:
            best, best_score = k, score
    return best


def _summary(item: Item, skip: Line | None) -> str:
    paras: list[list[str]] = []
    last_para = None
    head = item.head
    if head.block.kind == "row":  # "1) **Title** - what it does" in the title cell
        paras.extend([rest] for rest in [_row_rest(item)] if rest)
    lead = head.block.strong or (head.block.links[0].text if _link_led(head) else "")
    if lead and head.block.kind not in ("heading", "row"):  # "**Title** — what it does", "[Title](url) - ..."
        rest = head.bare[len(lead) :] if head.bare.startswith(lead) else ""
        rest = _summary_text(EMPTY_BRACKETS_RE.sub("", rest)).lstrip(" :：-–—")
        if rest:
            paras.append([rest])
    for line in item.body:
        if line is skip or line.label or line.block.kind == "code" or _is_boilerplate(line.block.text):
            continue
        if line.block.links and _links_only(line.block):  # "🔗 Links: [🤗 HF](url) • [📄 arXiv](url)"
            continue
        if line.block.kind == "heading" and head.block.kind == "heading" and len(line.bare) <= SECTION_MAX:
            continue  # the paper's own sub-headings ("### 研究背景")
        text = replace_each(URL_RE.sub("", line.block.text), [lk.text for lk in line.block.links if lk.text and _is_label(lk.text)], "")
        text = EMPTY_BRACKETS_RE.sub("", LABEL_PREFIX_RE.sub("", text).replace("**", ""))  # (bold cmark leaves next to CJK text)
        text = _summary_text(text)
        if not text or PUNCT_ONLY_RE.fullmatch(text):
            continue
        if line.block.para == last_para and paras:
            paras[-1].append(text)
        else:
            paras.append([text])
        last_para = line.block.para
    return "\n".join(_join(p) for p in paras).strip()


def _summary_text(text: str) -> str:
    """A summary's line without venue tags ("(ICLR 2025)") and not a line of authors ("by A, B")."""
    if not BRACKETS.isdisjoint(text):
        text = VENUE_RE.sub(" ", text)
    text = clean_line(text)
    first = text.lstrip()[:1]  # (a line of authors starts with a name's capital, "by", "Authors" or "作者")
    if len(text) <= 300 and ("A" <= first <= "Z" or first in "ab作") and AUTHOR_LINE_RE.match(text):
        return ""
    return text


def _join(lines: list[str]) -> str:
    out = [lines[0]]
    last = lines[0][-1:]  # (the text so far ends with it)
    for line in lines[1:]:
        if not (CJK_RE.match(last) or CJK_RE.match(line[:1])):
            out.append(" ")
        out.append(line)
        last = line[-1:] or (" " if out[-2:-1] == [" "] else last)
    return "".join(out)


def _paper(item: Item) -> ImportedPaper | None:
    refs = item.refs()
    own = _pick_own(item, refs)
    arxiv, own_text = (refs[own][0], refs[own][1]) if own >= 0 else (None, "")
    title, used = _title(item, own_text)
    if not title:
        if not arxiv:
            return None
        title = f"arXiv:{arxiv}"
    related: list[tuple[str, str | None]] = []
    have: set[str] = set()
    for k, (a, text, _where) in enumerate(refs):
        if k != own and a != arxiv and a not in have:
            have.add(a)
            related.append((_clean_title(text) if _good_link_text(text) else f"arXiv:{a}", a))
    summary = _summary(item, used)
    url = None if arxiv else _own_link(item)
    return ImportedPaper(title=title[:TITLE_MAX], arxiv=arxiv, summary=summary, related=related, url=url)


def _own_link(item: Item) -> str | None:
    """An item's own link that is not arXiv: one labelled as the paper ("[Paper](url)", "PDF"),
    else the first in its head or on a label line under it ("论文链接" then the URL) that is
    not code, a video or a post."""
    lines = [item.head, *item.body[:12]]
    for line in lines:
        for link in line.block.links:
            if link.href in line.web and _is_label(link.text) and PAPER_LABEL_RE.search(link.text):
                return link.href
    for line in lines:
        if line is item.head or line.label:
            for url in line.web:
                if not NON_PAPER_HOST_RE.search(url):
                    return url
    return None


def _paper_host_link(item: Item) -> bool:
    return item.head.block.kind == "heading" and any(PAPER_HOST_RE.search(url) for url in item.head.web)


def _keep_without_ref(item: Item, paper: ImportedPaper, any_refs: bool) -> bool:
    """Numbered items without an arXiv link are papers too (bioRxiv, a project page),
    when the article's other items are papers; and, in an article without any arXiv link,
    listed items whose own link is a paper's (a PDF, OpenReview, bioRxiv, a DOI)."""
    head = item.head
    if item.labelled:
        return _title_like(paper.title)
    if head.web and all(NON_PAPER_HOST_RE.search(url) for url in head.web):
        return False  # a repository, a video, a post
    if (not any_refs or head.block.kind == "item") and head.block.kind in ("item", "heading", "para", "row"):
        link = _own_link(item)
        if link and PAPER_HOST_RE.search(link) and _title_like(paper.title) and len(paper.title.split()) >= 2:
            return True
    numbered = head.ordinal is not None or head.block.kind == "row"
    return any_refs and numbered and _title_like(paper.title) if head.block.kind != "row" else any_refs


def _merge_repeats(entries: list[tuple[str, ImportedPaper]]) -> list[tuple[str, ImportedPaper]]:
    """One paper per arXiv id (a table of contents repeats the items), keeping the fullest
    occurrence; and no title-only item whose title another item has."""
    keys = [_key(p.title) for _s, p in entries]  # (titles change below only for papers already passed)
    best: dict[str, int] = {}
    for k, (_s, p) in enumerate(entries):
        key = p.arxiv or "t:" + keys[k]
        j = best.get(key)
        if j is None or len(p.summary) > len(entries[j][1].summary):
            best[key] = k
    titled = {keys[k] for k, (_s, p) in enumerate(entries) if p.arxiv}
    by_id: dict[str, list[int]] = {}
    for k, (_s, p) in enumerate(entries):
        if p.arxiv:
            by_id.setdefault(p.arxiv, []).append(k)
    with_title = {keys[k]: p for k, (_s, p) in reversed(list(enumerate(entries))) if p.arxiv}
    first: dict[str, str] = {}  # where each paper first appears: a later recap keeps the paper's section
    for s, p in entries:
        if p.arxiv:
            first.setdefault(p.arxiv, s)
    out = []
    for k, (s, p) in enumerate(entries):
        key = keys[k]
        if p.arxiv:
            if first[p.arxiv] != "Papers":  # (under no section first: a table of contents, the fullest decides)
                s = first[p.arxiv]
            if best[p.arxiv] != k:
                _take_related(entries[best[p.arxiv]][1], p)
                continue
            for j in by_id[p.arxiv]:
                if j != k and len(keys[j]) > len(_key(p.title)) and _key(p.title) in keys[j]:
                    p.title = entries[j][1].title
        elif best["t:" + key] != k or key in titled:
            kept = with_title.get(key) or entries[best["t:" + key]][1]
            if kept is not p:
                _take_related(kept, p)
            continue
        out.append((s, p))
    return out


def _take_related(kept: ImportedPaper, dropped: ImportedPaper) -> None:
    """A repeat that is dropped leaves its other references to the paper kept (none is lost)."""
    have = {a for _t, a in kept.related} | {kept.arxiv}
    for title, a in dropped.related:
        if a not in have:
            kept.related.append((title, a))
            have.add(a)


def build(doc: Document) -> Imported:
    blocks = _cut_at_end_marker(doc.blocks)
    lines = split_runs(join_wrapped([_line(b) for b in blocks if not _is_boilerplate(b.text) or _paper_link(b)]))
    title, items = segment(lines)
    header_cols(lines, items)
    any_refs = any(line.refs for line in lines)
    made = [(item, _paper(item)) for item in items]
    # Headings of one level in one section that are mostly arXiv papers: the others are papers too
    # ("### 🔹 [Title](a PDF)", "### 🔹 *Title*" among "### 🔹 [Title](arXiv)").
    siblings: Counter = Counter()
    with_id: Counter = Counter()
    for item, paper in made:
        if item.head.block.kind == "heading" and paper is not None and not DOC_HEADING_RE.match(paper.title):
            key = (item.section, item.head.block.level)
            siblings[key] += 1
            with_id[key] += paper.arxiv is not None
    kept: list[tuple[Item, ImportedPaper]] = []
    for item, paper in made:
        if paper is None:
            continue
        if paper.arxiv is None and not _keep_without_ref(item, paper, any_refs):
            key = (item.section, item.head.block.level)
            if not ((item.head.block.kind == "heading" and siblings[key] >= 2 and with_id[key] >= 0.5 * siblings[key]
                    and _title_like(paper.title) and len(paper.title.split()) >= 2 and not item.head.web
                    and not DOC_HEADING_RE.match(paper.title)) or _paper_host_link(item)):
                continue
        kept.append((item, paper))
    # A section without any arXiv paper in an article that has them (news, repositories,
    # posts) keeps only what is plainly a paper: a titled item with a "Paper:" line, a PDF...
    with_ids = {item.section for item, p in kept if p.arxiv}
    entries = [
        (item.section, p) for item, p in kept
        if p.arxiv or not any_refs or item.section in with_ids or item.labelled
        or (p.url is not None and PAPER_HOST_RE.search(p.url))
    ]
    entries = _merge_repeats(entries)
    sections: list[tuple[str, list[ImportedPaper]]] = []
    for name, paper in entries:
        if sections and sections[-1][0] == name:
            sections[-1][1].append(paper)
        else:
            sections.append((name, [paper]))
    return Imported("digest", doc.title or title, sections)


def header_cols(lines: list[Line], items: list[Item]) -> None:
    """For table rows: the column a header names as the title ("Title", "Paper", "论文")."""
    by_head = {id(item.head): item for item in items}
    col = -1
    for line in lines:
        b = line.block
        if b.kind == "row" and b.header:
            col = next((k for k, c in enumerate(b.cells) if TITLE_HEADER_RE.search(c)), -1)
        elif b.kind == "heading":
            col = -1
        item = by_head.get(id(line))
        if item is not None:
            item.title_col = col


def parse_digest(text: str) -> Imported:
    return build(read_document(text))
