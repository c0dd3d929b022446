"""Items → sections: how the lines of an article group into items under their sections (``segment``). Which
heading, bold line, ``一、`` line or short label is a section and which is a paper; which lines a paper's heading owns;
and how items are grouped under headings. The line roles it starts from (``_role``) and the ``Item`` it makes are in
``items.py``. Part of the third step of the article importer (read → blocks → lines → **items** → papers,
``digest.py``)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator

from ..arxiv_ids import normalize
from .blocks import Block, clean_line
from .items import (
    ENTRY,
    NONE,
    SECTION,
    STRONG,
    TITLE_LINE,
    WEAK,
    Item,
    _affiliation_under_byline,
    _after_head_and_header,
    _bold_field,
    _cited_link,
    _described,
    _field,
    _host_link_entry,
    _link_led,
    _link_led_web,
    _links_row,
    _next_text,
    _note_page_title,
    _own_url_line,
    _paper_labelled_link,
    _role,
    _sub_bullet_link,
    _title_field,
    _titled_after_link,
    _year_after,
    emph_by_citation,
    field_rows,
    venue_entry,
    year_tagged_link,
)
from .lines import (
    OPEN_END_WORDS,
    Line,
    _entry_like,
    _field_line,
    _is_label,
    _links_only,
    _stats_line,
    _title_like,
    kind_runs,
    url_led,
    whole_bold_title,
    whole_link,
)
from .notes import _names, _nickname_over_title, _own_link_under
from .shapes import (
    APA_LEAD_RE,
    CJK_RE,
    CLOSING_LIST_RE,
    DATE_LINE_RE,
    DATE_PREFIX_RE,
    DATED_SESSION_RE,
    DAY_LABEL_RE,
    DOTTED_RE,
    FIELD_VALUE_RE,
    HOME_URL_RE,
    LABEL_PREFIX_RE,
    LOOSE_NOTE_RE,
    MLA_CITATION_RE,
    NO_SESSION_RE,
    NUMBERED_LABEL_RE,
    PAPER_HEADING_RE,
    PAPER_HOST_RE,
    PAPER_LABEL_RE,
    PAPER_WORD_RE,
    QUOTED_CITATION_RE,
    READING_LABEL_RE,
    READINGS_LEAD_RE,
    SCHEDULE_FIELD_RE,
    SECTION_MAX,
    SENTENCE_END,
    SENTENCE_END_RE,
    SESSION_LABEL_RE,
    SYMBOLS_RE,
    TALK_LABEL_RE,
    TITLE_LABEL_RE,
    TITLE_MAX,
    TITLE_PREFIX_RE,
    TOC_RE,
    URL_RE,
    YEAR_LINE_RE,
    linkless_citation,
)
from .titles import (
    _author_list,
    _good_link_text,
    _key,
    _latin_share,
    _title_case,
    citation_title,
    emphasised_title,
    nickname,
    nickname_title,
    plain_field,
)


def _only_url_entries_under(lines: list[Line], roles: list[int], k: int) -> bool:
    """Every line under heading ``k``, up to the next heading, is a bare arXiv URL entry (``url_entries``): a topic's
    list, not a paper's notes (``## DETR`` / its URL / paragraphs on it)."""
    for j in range(k + 1, min(len(lines), k + 200)):
        if lines[j].block.kind == "heading":
            return True
        if roles[j] != ENTRY or not url_led(lines[j]):
            return False
    return True


def url_entries(lines: list[Line]) -> list[int]:
    """Notes that list their papers as bare arXiv URLs, a line each (a note after some), in runs under topic
    headings: each such line is an entry of its own, not the link line of the heading above it. Only where the
    article has four such lines or more, most of them in runs of two or more (a paper's notes under its own
    heading give one URL under it)."""
    led = [k for k, line in enumerate(lines) if url_led(line)]
    if not led:
        return []  # (each answer below is some of these lines: none, without a walk over the lists of bare URLs)
    at = set(led)
    in_runs = sum(1 for k in led if k - 1 in at or k + 1 in at)
    if len(led) >= 4 and 2 * in_runs >= len(led):
        return led
    if (titled := sum(1 for k in led if _url_then_title(lines[k]))) >= 3 and 2 * titled >= len(led):
        return led  # (a note file's "URL : Title" lines, each its paper's title after its URL: each URL an entry)
    listed = _bare_url_lists(lines)
    return [k for k in led if _in_url_run(lines, at, k) or k in listed]  # (fewer: only runs, "Reading list" / URL /
    # URL; or a list of bare URLs to any pages)


URL_LIST_MIN = 4  # bullets in a row, each a bare URL, that make a list of URLs (a paper's own "- URL" / "- code URL": 2)


def _bare_url_item(line: Line) -> bool:
    """``12. https://github.com/…``: a bullet that is only a URL written bare, to any page."""
    b = line.block
    return b.kind == "item" and len(b.links) == 1 and b.links[0].text.strip() == b.links[0].href.strip() and (
        b.text.strip(" -*•·") == b.links[0].text.strip()
    )


def _bare_url_lists(lines: list[Line]) -> set[int]:
    """The bullets of lists of bare URLs, :data:`URL_LIST_MIN` in a row or more, one list level (an awesome-list's
    ``1. https://github.com/…`` / ``2. https://arxiv.org/abs/ID`` / ``3. https://huggingface.co/…``): each arXiv
    URL among them a paper listed of its own, not the link of the line above."""
    out: set[int] = set()
    run: list[int] = []
    for k, line in enumerate([*lines, None]):
        if line is not None and _bare_url_item(line) and (not run or line.block.level == lines[run[-1]].block.level):
            run.append(k)
            continue
        if len(run) >= URL_LIST_MIN:
            out.update(run)
        run = [k] if line is not None and _bare_url_item(line) else []
    return out


def _url_then_title(line: Line) -> bool:
    """``https://arxiv.org/pdf/ID.pdf : Title of the Paper``: a bare URL, a colon or a dash, then a title (a plain-text
    note's entry)."""
    b = line.block
    if not b.links or b.kind not in ("para", "item"):
        return False
    rest = b.text.lstrip(" -*•·")[len(b.links[0].text.strip()) :]
    m = re.match(r"\s*(?::|[-–—]\s)\s*(\S.*)$", rest)
    return m is not None and len(m.group(1).split()) >= 3 and _title_like(m.group(1).rstrip(" :"))


def _in_url_run(lines: list[Line], at: set[int], k: int) -> bool:
    """Bare-URL line ``k`` stands next to another of a different paper (two papers listed a URL each, not one paper
    given twice, its abs and its PDF)."""
    return any(j in at and lines[j].refs[0][0] != lines[k].refs[0][0] for j in (k - 1, k + 1)) or any(
        0 <= j < len(lines) and lines[j].block.kind == "item" == lines[k].block.kind and lines[j].refs
        and lines[j].refs[0][0] != lines[k].refs[0][0] and (_link_led_item(lines[j]) or _named_url_item(lines[j]))
        for j in (k - 1, k + 1)
    )  # (or next to a bullet of the same list led by another paper's link: "- [ID](…)" over "- [[ID] Title](…)"; or that
    # names another paper's bare URL: "36. https://arxiv.org/abs/ID" over "37. LLaVA-o1: https://arxiv.org/abs/ID")


_NAME_COLON_RE = re.compile(r"[^\s:：]+(?: [^\s:：]+){0,3}\s*[:：]\s*")  # "LLaVA-o1: ", "o1 roadmap："


def _named_url_item(line: Line) -> bool:
    """``35. OpenR: https://github.com/…``, ``37. LLaVA-o1: https://arxiv.org/abs/ID``: a bullet that is a short name
    (four words at most), a colon, then its one link, a URL written bare: that link is the named thing's own."""
    b = line.block
    if b.kind != "item" or len(b.links) != 1 or b.links[0].text.strip() != b.links[0].href.strip():
        return False
    text = b.text.strip(" -*•·")
    return (m := _NAME_COLON_RE.match(text)) is not None and text[m.end() :].strip() == b.links[0].text.strip()


def _bare_url_led(line: Line) -> bool:
    """A paragraph's line led by a URL written bare, to any page (``https://example.org/a.pdf : a note``)."""
    b = line.block
    return b.kind == "para" and bool(b.links) and b.links[0].text.strip() == b.links[0].href.strip() and (
        b.text.lstrip().startswith(b.links[0].text.strip())
    )


def _link_led_item(line: Line) -> bool:
    """A bullet led by its paper's own link (``- [Title](arXiv)``)."""
    b = line.block
    return bool(b.links) and normalize(b.links[0].href) == line.refs[0][0] and b.text.lstrip(" -*•·").startswith(
        b.links[0].text.strip()
    )


SERIES_LEAD_RE = re.compile(r"^(?P<lead>[^\W\d_][^\d:：]{0,19}?)\s*[0-9]")  # "Week 1: …", "Lecture 3", "第1周"


def _first_of_series(text: str, others: list[str]) -> bool:
    """``# Week 1: Intro`` over ``# Week 2: …``, ``# Weeks 3--4: …``: the first of a numbered series of headings (two
    more of its level lead with the same word and a number), a section, not the page's title."""
    m = SERIES_LEAD_RE.match(text)
    if m is None:
        return False
    lead = m.group("lead").strip().casefold()
    return sum(1 for o in others if (n := SERIES_LEAD_RE.match(o)) and n.group("lead").strip().casefold().startswith(lead)) >= 2


def _reading_link(line: Line) -> bool:
    """``- Reading: [Lee et al. (2019)](its PDF)``: a bullet that names its one link, to a paper host, as a reading."""
    b = line.block
    if b.kind != "item" or len(b.links) != 1 or len(line.web) != 1 or (m := READING_LABEL_RE.match(b.text)) is None:
        return False
    return PAPER_HOST_RE.search(line.web[0]) is not None and b.text[m.end() :].lstrip(" [*").startswith(b.links[0].text.strip())


def _prose_mention(line: Line) -> bool:
    """A paragraph of prose (250 characters or more) that cites a paper by a word of one of its sentences ("We
    recently released a [review](arXiv) of …"): an aside under its heading (``### Background``), not that heading's
    paper line."""
    b = line.block
    return b.kind == "para" and len(line.bare) >= 250 and not line.label and all(
        not _good_link_text(t) and len(t.split()) <= 3 and not b.text.lstrip(" *[(").startswith(t) for _a, t in line.refs
    )


def _weak_owns_ref(lines: list[Line], roles: list[int], k: int, end: int, first_at: dict[str, int]) -> bool:
    """A heading or bold line is a paper when it holds a reference, or the lines under it
    give one on a label line or right under it."""
    if lines[k].refs or _host_linked(lines, k, not first_at):
        return True
    if lines[k].block.kind == "para" and not lines[k].block.links and DATE_LINE_RE.match(lines[k].bare):
        return False  # "**2022-05-29**" over that week's papers: a date names no paper, it heads them
    if _details_under(lines, k, first_at):
        return False
    if _nickname_over_title(lines, k):
        return True  # "# MosaicFusion" / "MosaicFusion: Diffusion Models as …" / its link: one paper
    if _english_title_under_cjk_heading(lines, k):
        return True  # "### 中文标题" / "**English Title**" / "[arXiv](…)": one paper, its title in two scripts
    if _fields_list_under(lines, k):
        return True  # "### Title" / "* Org" / "* [URL](URL)" / "* 总结": one paper, its list the fields of its card
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if nxt is not None and roles[k + 1] == ENTRY and url_led(nxt) and _only_url_entries_under(lines, roles, k):
        return False  # a topic over notes that list bare arXiv URLs (url_entries), even over one: its section
    if nxt is not None and nxt.refs and nxt.block.kind != "code" and roles[k + 1] not in (STRONG, WEAK, SECTION) and not (
        roles[k + 1] == ENTRY and k + 2 < len(lines) and roles[k + 2] in (ENTRY, STRONG)  # (a run of entries)
    ) and not (roles[k + 1] == ENTRY and (_entries_under(lines, roles, k) or _cited_link(nxt))) and not (
        lines[k].block.kind == "heading" and (_links_only(nxt.block) or year_tagged_link(nxt.block))
        and any(_english_title(t, lines[k].bare) for _a, t in nxt.refs)  # ("#### Topic" over "[Deep Sets](arXiv)")
        and not _names(nickname(lines[k].bare), nxt)  # ("### YOLOZ (ECCV)" over "Paper: [YOLOZ: Real-Time …](arXiv)")
    ) and not (  # ("### 扩散模型" over "Nick: ID. **Title**. Authors": an entry with a title of its own)
        lines[k].block.kind == "heading" and nxt.block.emph and emphasised_title(nxt.block.text, nxt.block.emph)
    ) and not (  # ("#### semantic" over "[arXiv:1802](…) Title of the Paper": an entry titled after its link)
        lines[k].block.kind == "heading" and _titled_after_link(nxt) and not _names(nickname(lines[k].bare), nxt)
    ) and not _field_titled_link(lines[k], nxt) and not _prose_mention(nxt):
        return True  # the line right under it: "# English title" / "[中文标题](arXiv link)"
    if nxt is not None and nxt.refs and roles[k + 1] == STRONG and nxt.block.kind == "item" and (
        nxt.ordinal is None and lines[k].block.kind == "para"
    ) and (
        not any(_good_link_text(t) for _a, t in nxt.refs)
    ) and not citation_title(nxt.bare):  # ('- Lee A. (1997) "Title", ApJ ([astro-ph/…](…))': a title of its own)
        return True  # "**Title** — what it does" then "- [2604.01234](arXiv link) — authors": no title of its own
    for j, line in enumerate(lines[k + 1 : end], k + 1):
        if roles[j] == ENTRY and line.refs and not line.label and not url_led(line):
            break  # (a card led by its own titled link comes first: the label line under it is that card's)
        if line.label and line.refs and roles[j] != ENTRY:
            return True  # (its "Paper: URL" line; a bare URL among such lines, each an entry, is no label: url_entries)
    for j in range(k + 1, min(len(lines), k + 16) if lines[k].block.kind != "heading" else 0):
        # "**Title** (2023)", its points, then "- [Paper](arXiv)" (a heading's points: _owned_span)
        line = lines[j]
        b = line.block
        if line.label and line.refs:
            return True
        if b.kind == "para" and len(line.refs) == 1 and _is_label(SYMBOLS_RE.sub(" ", line.refs[0][1]).strip()):
            return True  # its prose ends in "[→read the paper](arXiv)": the paper of the bold title above
        if b.kind == "para" and len(line.refs) == 1 and _stats_line(b.text):
            return True  # its card's "⬆️ 690 • 💬 653 • 2d ago • [arXiv.org](…)": the story's source is that paper
        point = b.kind == "item" and not b.ordered and not line.web and b.level == 1
        if point and j + 1 < len(lines) and lines[j + 1].refs and lines[j + 1].block.in_item and (
            lines[j + 1].block.para == b.para
        ):
            return False  # ("* **Title**" / "Its gist [→read the paper](arXiv)": the bullet's own paper, a group under it)
        if line.refs or b.kind == "heading" or roles[j] in (WEAK, SECTION, TITLE_LINE, ENTRY) or (
            roles[j] == STRONG and not point
        ):
            return False
    return False


def _english_title_under_cjk_heading(lines: list[Line], k: int) -> bool:
    """Heading ``k`` in CJK script is right over a line that is only the English title in bold, then that paper's
    link on a line of its own (``### 层间共享键`` / ``**Folded Attention: …**`` / ``[arXiv](…)``): the paper's title
    in two scripts, one paper, not a section over the bold line."""
    if k + 2 >= len(lines) or lines[k].block.kind != "heading" or lines[k].refs or lines[k].block.links:
        return False
    nxt, link = lines[k + 1], lines[k + 2]
    b = nxt.block
    return (
        _latin_share(lines[k].bare) < 0.3 and b.kind == "para" and not nxt.refs and not b.links
        and b.strong.strip() == b.text.strip() and _latin_share(nxt.bare) >= 0.8 and _title_like(nxt.bare)
        and len(nxt.bare.split()) >= 2 and bool(link.refs) and (link.label or _links_only(link.block))
        and link.block.kind in ("para", "item")
    ) and lines[k].block.level not in _levels_over_bold_titles(lines)


_LEVELS_SEEN: list = [None, frozenset()]  # (the last article's lines, and its levels: asked once a heading)


def _levels_over_bold_titles(lines: list[Line]) -> frozenset[int]:
    """The heading levels where one heading at least is over two English titles in bold or more, each a line of its
    own with its link under it (``# 目标跟踪`` / ``**Title One**`` / ``- arXiv：<…>`` / ``**Title Two**`` …): at those
    levels the headings are topics, sections, even one over a single such title, not a paper's title in CJK."""
    if _LEVELS_SEEN[0] is lines:
        return _LEVELS_SEEN[1]
    levels: set[int] = set()
    open_: dict[int, int] = {}  # (a level's heading now open, and how many titles are under it)
    for k, line in enumerate(lines):
        b = line.block
        if b.kind == "heading":
            for level in [lv for lv in open_ if lv >= b.level]:
                del open_[level]
            open_[b.level] = 0
            continue
        if b.kind == "para" and not line.refs and not b.links and b.strong.strip() == b.text.strip() and b.text.strip() and (
            _latin_share(line.bare) >= 0.8 and k + 1 < len(lines) and lines[k + 1].refs
        ):
            for level in open_:
                open_[level] += 1
                if open_[level] >= 2:
                    levels.add(level)
    _LEVELS_SEEN[:] = [lines, frozenset(levels)]
    return _LEVELS_SEEN[1]


def _fields_list_under(lines: list[Line], k: int) -> bool:
    """Heading ``k`` is right over one list, down to the next heading, whose bullets give one link between them, on a
    bullet of its own that is only that link (``### Title`` / ``* Org`` / ``* [URL](URL)`` / ``* 一句话总结``): the
    fields of the heading's paper (its affiliation, its link, its summary), not papers listed under a topic."""
    if lines[k].block.kind != "heading" or lines[k].refs or lines[k].block.links:
        return False
    linked = 0
    j = k + 1
    while j < len(lines) and lines[j].block.kind != "heading":
        line = lines[j]
        b = line.block
        if b.kind != "item" or b.level != 1:
            return False
        if b.links or line.refs or line.web:
            if not line.label or len(line.refs) + len(line.web) != 1:
                return False
            linked += 1
        j += 1
    return linked == 1 and j - k >= 3  # (the link and at least one field besides it)


def _host_linked(lines: list[Line], k: int, no_ids: bool = False) -> bool:
    """A heading that carries its own link to where a paper lives, and is not only that link: ``# Title ([Link](an
    ePrint, a PDF, OpenReview))``, the paper it titles (``# [Venue](proceedings)`` alone is a banner, no paper; in an
    article without any arXiv reference (``no_ids``), ``# [A Title of Words](its ePrint)`` is one); or whose title is
    that link's text right under it (``### Title`` / ``Authors<br>"[Title](its PDF)"``)."""
    line = lines[k]
    b = line.block
    if b.kind != "heading" or not _title_like(line.bare) or len(line.bare.split()) < 2:
        return False
    if line.web and any(PAPER_HOST_RE.search(url) for url in line.web):
        return not _links_only(b) or (no_ids and any(
            len(lk.text.split()) >= 3 and _good_link_text(lk.text) for lk in b.links
        ))
    return _named_under(lines, k) > 0


def _named_under(lines: list[Line], k: int) -> int:
    """Heading ``k``'s words are the text of a link to a paper right under it (``### Title`` / ``Authors<br>"[Title](its
    PDF)"``; ``<h5>[Title](its code)</h5>`` / ``<h6>Authors</h6>`` / ``A PyTorch implementation of [Title](arXiv).``):
    the heading is that paper, not a group of what is under it. The line with that link, else -1."""
    line = lines[k]
    b = line.block
    key = _key(line.bare) if b.kind == "heading" and len(line.bare.split()) >= 3 and not line.refs else ""
    for j in range(k + 1, min(k + 3, len(lines)) if key else 0):
        o = lines[j]
        if o.block.kind == "heading" and (o.block.level <= b.level or o.block.links):
            break  # (a line set as a smaller heading under it, its authors' "<h6>", is still its card)
        if not o.block.links and o.bare.rstrip().endswith((":", "：")):
            break  # a label over the topic's readings (``* *Course Notes*:`` / ``- [Topic](notes.pdf)``): its notes
        if any(_key(link.text) == key and PAPER_HOST_RE.search(link.href) for link in o.block.links):
            return j
    return -1


def _entries_under(lines: list[Line], roles: list[int], k: int, sibling: bool = True) -> bool:
    """Heading ``k`` is over two or more entries of different papers, each with its prose (``## math.AG`` /
    ``[Title](arXiv), Authors`` / a paragraph / ``[Title](arXiv), Authors`` …): their section, not the first one;
    so is a heading of its level right after such a section (or one over listed papers), over one entry."""
    b = lines[k].block
    if b.kind != "heading":
        return False
    if sibling and (j := _sibling_before(lines, k)) >= 0 and _entries_under(lines, roles, j, False):
        return True
    ids: set[str] = set()
    for j in _under(lines, k):
        o = lines[j].block
        if roles[j] == ENTRY or (not sibling and roles[j] == STRONG and o.kind in ("item", "row")):
            ids.update(a for a, _t in lines[j].refs)
            if len(ids) >= 2:
                return True
    return False


def _sibling_before(lines: list[Line], k: int, reach: int = 200) -> int:
    """The heading of heading ``k``'s level right before it (no heading above that level between them), at most
    ``reach`` lines back: its index, else -1."""
    level = lines[k].block.level
    for j in range(k - 1, max(0, k - reach) - 1, -1):
        o = lines[j].block
        if o.kind == "heading" and o.level <= level:
            return j if o.level == level else -1
    return -1


def _under(lines: list[Line], k: int, reach: int = 200) -> Iterator[int]:
    """The indices of the lines under heading ``k``: up to the next heading of its level or above, at most
    ``reach`` lines on."""
    level = lines[k].block.level
    for j in range(k + 1, min(len(lines), k + reach)):
        o = lines[j].block
        if o.kind == "heading" and o.level <= level:
            return
        yield j


def _details_under(lines: list[Line], k: int, first_at: dict[str, int]) -> bool:
    """A heading over the details of papers listed above (``# 详细`` then a paragraph per paper of the
    table before it), none of them headed or listed again as an item: their section, not the first one."""
    b = lines[k].block
    if b.kind != "heading":
        return False
    ids: set[str] = set()
    for j in _under(lines, k):
        o = lines[j].block
        if o.kind in ("item", "row", "heading") and lines[j].refs:
            return False
        ids.update(a for a, _t in lines[j].refs)
    return len(ids) >= 2 and all(first_at[a] < k for a in ids)  # details that repeat papers listed above


_BOOK_TITLE_VENUE_RE = re.compile(r"(?P<title>《[^《》]+》)\s*[(（][^()（）]{1,30}[)）]")  # "《Title》(CVPR 2019)"


def _card_link_under(lines: list[Line], k: int) -> bool:
    """The title line ``k`` is over its card's label line with the paper's link (``arXiv：URL``): right under it, after
    a note line, or after the card's fields and its quoted abstract (``**《Title》**`` / ``Date：20290401`` /
    ``> Abstract：…`` / ``arXiv：URL``)."""
    for j in range(k + 1, min(len(lines), k + 8)):
        o = lines[j]
        if o.label and o.refs:
            return True
        if j > k + 1 and not (_field_line(o) or o.block.quoted):
            return False
    return False


def _bracketed_bold_title(line: Line, bracketed: bool = True) -> bool:
    """``**《Title》**`` (or ``《Title》``) alone on its line: a paper's title between book-title brackets; or, not
    ``bracketed``, ``**Title**``, an English title of three words or more in title case, in bold."""
    b, text = line.block, line.bare.strip()
    if b.kind != "para" or b.links or line.refs or len(text) <= 4:
        return False
    if text[0] == "《" and text[-1] != "》" and (m := _BOOK_TITLE_VENUE_RE.fullmatch(text)):
        text = m.group("title")  # "《Title》(CVPR 2019)": where it appeared after the title
    if text[0] == "《" and text[-1] == "》":
        return "《" not in text[1:-1] and _latin_share(text[1:-1]) >= 0.7 and len(text[1:-1].split()) >= 2
    if bracketed:
        return False
    words = text.split()
    return bool(b.strong) and b.strong.strip() == b.text.strip() and len(words) >= 3 and _latin_share(text) >= 0.8 and (
        _title_case(words) and _title_like(text.rstrip("?？")) and not _author_list(text)
    )


_CJK_POINT_RE = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、．.]")  # "一、本文的主要工作": a numbered point or section


def _topic_headings_over_cards(lines: list[Line], roles: list[int]) -> list[int]:
    """The headings right over a card led by a bold English title (``**Title**`` / an optional note line /
    ``arXiv：URL``), at a level where one heading holds two such cards or more: topics over their papers' cards, each
    its section (one card under it too), not a paper's nickname over its title (``### DETR`` / ``**Title**``)."""
    cards: dict[int, int] = {}
    head = -1
    for k, line in enumerate(lines):
        if line.block.kind == "heading":
            head = k
            cards[k] = 0
        elif head >= 0 and roles[k] == WEAK and _card_link_under(lines, k) and (
            _bracketed_bold_title(line, False)
        ):
            cards[head] += 1
    levels = {lines[h].block.level for h, n in cards.items() if n >= 2}
    return [h for h, n in cards.items() if n >= 1 and lines[h].block.level in levels and roles[h] == WEAK and (
        not lines[h].refs and h + 1 < len(lines) and _bracketed_bold_title(lines[h + 1], False)
    )]


def _owned_span(
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
        if b.kind == "para" and b.strong:  # (what _bold_titled_card asks first)
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
        if b.kind == "para" and b.strong and _label_led_bold_title(line):
            return 0  # "### Datasets" / "**[[paper](its PDF)] (MAY2015) Title [[site](…)]**" …: papers of their own
        if b.kind == "item" and (paper := _host_titled_item(line, roles[j])):
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


def _link_table_row(line: Line) -> bool:
    """A row of a table of one paper's links: a short name of where it leads (plain text), then only the link, as a URL or a label
    (``| Hugging Face | [https://huggingface.co/papers/ID](…) |``, ``| ArXiv Abstract | [arXiv](…) |``), no title."""
    cells = line.block.cells
    if len(cells) < 2 or not cells[0].strip() or len(cells[0].split()) > 3 or URL_RE.search(cells[0]):
        return False
    if any(link.text.strip() == cells[0].strip() for link in line.block.links):
        return False  # (a row of links only, "| [Github-Page](…) | [Arxiv-Page](…) |": the card's of a title above it)
    return all(not c.strip() or URL_RE.fullmatch(c.strip()) is not None or _is_label(c.strip()) for c in cells[1:])


def _bold_title_line(line: Line) -> bool:
    """A paragraph that is only a bold title of three words or more, no link (``***Growing Neural Lichen***``): a
    headed item's title, not a card's short point (``**Method**``)."""
    return not line.block.links and not line.refs and whole_bold_title(line, 3)
def _bold_titled_card(lines: list[Line], j: int) -> bool:
    """Line ``j`` is a paragraph's first line, wholly a bold title, over more lines of that paragraph (``<p><b>Title of
    the Paper</b><br>[ IEEE ICCE 2025 ] <a>arXiv</a></p>``, a homepage's publication card): the head of a paper's card.
    Two of them under a heading are papers of their own, the heading their section (``<h3>2nd author</h3>``)."""
    b = lines[j].block
    if b.kind != "para" or not b.strong or j + 1 >= len(lines) or (j > 0 and lines[j - 1].block.para == b.para):
        return False
    below = lines[j + 1].block
    title = b.strong.strip(" .")
    return below.kind == "para" and below.para == b.para and title == lines[j].bare.strip(" .") and (
        len(title.split()) >= 3 and _title_like(title.rstrip("?？!！"))  # (not a card's "**Abstract**" field)
    )


def _repeated_sub_headings(lines: list[Line]) -> frozenset[str]:
    """The sub-headings (level 2 or lower, no reference) that two paper headings or more repeat, however long: a
    generated digest's ``### Các đường dẫn liên quan`` ("related links") or ``### Main Results and Findings`` under each
    ``## N. Title``: a field of each paper, never one's title."""
    seen = Counter(
        line.bare for line in lines if line.block.kind == "heading" and line.block.level > 1 and not line.refs
        and 0 < len(line.bare) <= 80
    )
    return frozenset(text for text, n in seen.items() if n > 1)


def _paper_sub_heading(line: Line, head: Line, repeated: frozenset[str]) -> bool:
    """A sub-heading that is a paper's full title in Latin script ("#### Sparse Routing for Graph Encoders (SRGE)"):
    four words or more, title-like, not a point every paper repeats nor a label ending in a colon ("### Conclusion &
    Future Works:"), not the heading's own title again."""
    text = line.bare
    return (
        not line.refs and text not in repeated and not text.endswith((":", "：")) and _latin_share(text) >= 0.8
        and len(text.split()) >= 4
        and _title_like(text) and _english_title(text, head.bare)
    )


def _title_line_over(line: Line, head: Line) -> bool:
    """A line of its own that is only a paper's full title in title case, with no link ("Sparse Walks: Learning Graph
    Encoders by Sampling"), naming something else than the heading: the title of the paper whose link follows."""
    b, text = line.block, line.bare
    return (
        b.kind == "para" and not b.links and _latin_share(text) >= 0.8 and 4 <= len(text.split()) <= 30
        and _title_like(text) and _title_case(text.split()) and _english_title(text, head.bare)
    )


def _field_titled_link(head: Line, nxt: Line) -> bool:
    """``## Reading List`` over ``**Main Survey Paper:** ["A Title of Many Words"](arXiv)``: a heading in Latin script
    over a field whose value is a paper's titled link that the heading does not name: that paper, under the heading
    (its section), not the heading's own paper."""
    b = nxt.block
    m = re.match(r"\s*([^:：\[\]()]{2,40})[:：]\s*", b.text) if b.kind == "para" and b.links else None
    if m is None or len(m.group(1).split()) > 4 or head.block.kind != "heading" or _latin_share(head.bare) < 0.8:
        return False
    first = b.links[0]
    text = first.text.strip(' "“”')
    return normalize(first.href) is not None and b.text[m.end() :].lstrip(' "“').startswith(text) and (
        len(text.split()) >= 4 and _good_link_text(text) and not _names(nickname(head.bare), nxt)
    )


def _host_titled_item(line: Line, role: int) -> str:
    """``- [Title of the Paper.](its ACL Anthology, ACM or OpenReview page) (Lee et al. ACL 2025.)``: a list item led
    by its titled link to where a paper lives (not a label's: ``- Paper: [link](…)``), or a citation without a link
    (``- Title of the Paper. (Lee et al. EMNLP 2023.)``): a paper without an arXiv id. Its link or its text, else ""."""
    b = line.block
    if role != STRONG or b.kind != "item" or line.label or line.refs:
        return ""
    if not b.links:
        return b.text if len(b.text) <= TITLE_MAX and linkless_citation(b.text) else ""
    return b.links[0].href if _link_led_web(line) and PAPER_HOST_RE.search(b.links[0].href) else ""


def _cites_in_prose(line: Line) -> bool:
    """A paragraph of prose that cites papers by links in its sentences (``[Recent work](arXiv) has suggested that …``,
    ``… BitNet b1.58, which …``): far more words than its links, not a label or an entry's line."""
    b = line.block
    linked = sum(len(link.text) for link in b.links)
    if b.kind != "para" or line.label or len(line.bare) < 80 or len(b.text) < 3 * linked or len(b.text.split()) < 12:
        return False
    lead = b.links[0].text.strip() if b.links and b.text.startswith(b.links[0].text) else ""
    return not (len(lead.split()) >= 3 and _title_case(lead.split()))  # ("[Faster Decoding With Drafts](arXiv) proposes
    # …": an entry led by its titled link, a paper of its own)


def _card_title_under(head: Line, nxt: Line) -> bool:
    """A heading in Chinese right over an English title in title case ("### 多语言情感验证" / "I Understand How You
    Feel: Enhancing …"): a paper's card, its English title under its gloss."""
    text = nxt.bare
    return (
        nxt.block.kind == "para" and not nxt.refs and CJK_RE.search(head.bare) is not None and not CJK_RE.search(text)
        and _latin_share(head.bare) < 0.5 and _latin_share(text) >= 0.8 and 4 <= len(text.split()) <= 40
        and _title_like(text) and _title_case(text.split())
    )


def _label_link_led(b: Block) -> bool:
    """``[PDF](arXiv) 6-page technical report``: a line led by a link labelled as the paper, a note after it."""
    first = b.links[0] if b.links else None
    return first is not None and _is_label(first.text) and b.text.lstrip(" *-•·>[(").startswith(first.text) and (
        PAPER_LABEL_RE.search(first.text) is not None
    )


def _label_led_bold_title(line: Line) -> bool:
    """A paragraph all in bold, led by a bracketed link labelled as the paper, then the paper's title (``**[[paper](its
    PDF)] (MAY2015) Shape Boxes: A Deep Representation [[site](…)]**``, ``**[[статья](arXiv)] Title**``): a paper of
    its own, not the link line of a heading above it."""
    b = line.block
    if b.kind != "para" or not b.strong or b.strong.strip(" []") != b.text.strip(" []") or not _label_link_led(b):
        return False
    words = line.bare.replace("[", " ").replace("]", " ")
    return len(words.split()) >= 3 and _title_like(words.strip())


def _english_title(text: str, head: str) -> bool:
    """A link text that is an English title other than the heading's, not holding it either (not "Read more",
    not an id, not the heading's nickname written out)."""
    if len(text.split()) < 2 or not _good_link_text(text) or _latin_share(text) < 0.8:
        return False
    t, h = _key(text), _key(head)
    return t not in h and h not in t


def _paper_label_at(lines: list[Line], roles: list[int], k: int) -> int:
    """A heading or bold title with no reference whose lines below, before the next item or
    section, give its paper on a label line ("Paper: URL", "论文链接" then a URL, "Paper: None"):
    that line's index, else -1. Other bold lines on the way (a recommender, a tag) are its body."""
    head = lines[k].block
    for j in range(k + 1, min(len(lines), k + 40)):
        line = lines[j]
        b = line.block
        point = b.kind == "item" and not b.ordered and not line.web and head.kind == "para"  # "**Name** (2023)", "- …"
        if (roles[j] == STRONG and not point) or roles[j] == SECTION or line.refs or b.kind == "row" or (
            b.kind == "heading" and (head.kind != "heading" or b.level <= head.level or PAPER_HEADING_RE.match(b.text))
        ):
            return -1  # (a sub-heading "### Paper 1: Title" is a paper of its own, with its own "Link:" line)
        if head.kind == "heading" and roles[j] == WEAK and b.kind == "para" and b.strong.strip() == b.text.strip() and (
            len(line.bare.split()) >= 4 and _title_like(line.bare.rstrip("!！?？"))
        ):
            return -1  # "# 图像生成" over "**A Paper's Title**" and its own "- Paper: URL": that title's paper line
        if b.kind == "heading" and not line.label and len(line.bare.split()) >= 3 and _title_like(line.bare.rstrip("?？")):
            return -1  # a sub-heading titled as a paper, "##### [2018,ECCV] Title [[PDF]](…)": a paper of its own
        if j == k + 1 and head.kind == "heading" and _title_field(line) and not _names(nickname(lines[k].bare), line) and (
            ":" not in head.text and "：" not in head.text  # (not "### 🔬 论文 1：中文标题" over its "**标题**：Title")
        ):
            return -1  # "# 问答系统" / "论文：Title" / "链接：URL": the title field's paper, the heading its topic (not
            # "## DETR" / "论文题目：DETR: …", a nickname over its full title)
        words = line.bare or " ".join(link.text for link in b.links)
        if line.label and b.kind != "heading" and PAPER_LABEL_RE.search(words) and (
            any(link.href[:1] != "#" for link in b.links) or ":" in b.text or "：" in b.text
            or (j + 1 < len(lines) and (lines[j + 1].refs or lines[j + 1].web))
        ):  # (not "arXiv Papers", a table of contents' entry whose in-page link is gone)
            if not (line.refs or line.web) and TITLE_LABEL_RE.search(words):
                return -1  # "【论文标题】" over the title: that title's paper, not this line's
            if not (line.refs or line.web) and _links_listed_under(lines, j):
                return -1  # "- 论文：" over "  - [Title](its page)" bullets: it lists papers of their own
            if j - 1 > k and roles[j - 1] == TITLE_LINE and head.kind == "heading" and not line.bare and (
                not lines[j - 1].label and not _field_line(lines[j - 1])
            ):
                return -1  # "### Topic" / "Title" / "https://…/x.pdf": the title line's paper, the heading its topic
            return j  # (a sub-heading "### View Papers" is not its paper line)
        if any(_is_label(link.text) and PAPER_LABEL_RE.search(link.text) and link.href[:1] != "#" for link in b.links):
            return j  # "Anonymous · [Paper Link](url)" (not a table of contents' "[arXiv Papers](#arxiv-papers)")
    return -1


def _links_listed_under(lines: list[Line], j: int) -> bool:
    """List item ``j`` has deeper bullets of its own, the first led by its own link: ``- 论文：`` over
    ``  - [Title](its page)`` lines."""
    b = lines[j].block
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    if b.kind != "item" or nxt is None or nxt.block.kind != "item" or nxt.block.level <= b.level or not nxt.block.links:
        return False
    first = nxt.block.links[0].text[:20]
    return bool(first) and nxt.block.text.lstrip(" *[").startswith(first)


def linked_title(line: Line) -> bool:
    """A heading that is nothing but one link whose text is a title (``### [Title](its page)``, ``### [Title]()``)."""
    b = line.block
    if b.kind != "heading" or len(b.links) != 1:
        return False
    text = b.links[0].text.strip()
    return text == b.text.strip() and len(text.split()) >= 2 and _good_link_text(text) and _title_like(
        text.rstrip("?？!！")
    )


def linked_title_levels(lines: list[Line]) -> frozenset[int]:
    """The heading levels whose headings that are wholly a titled link (``linked_title``) mostly link a paper (arXiv,
    a paper host), two or more, and whose other links mostly lead to a paper host (OpenReview, a proceedings, a
    PDF): a log of papers titled by their headings, where the others of that level (a poster's page, an empty link)
    are papers too. (A newsletter's headings link arXiv papers and, for the rest, news and posts: not one.)"""
    count: Counter = Counter()
    papers: Counter = Counter()
    hosted: Counter = Counter()  # (non-arXiv links to a paper host, and the non-arXiv links there are at all)
    others: Counter = Counter()
    for line in lines:
        if line.block.kind == "heading" and line.block.links and linked_title(line):
            level, href = line.block.level, line.block.links[0].href
            host = not line.refs and PAPER_HOST_RE.search(href) is not None
            count[level] += 1
            papers[level] += bool(line.refs) or host
            hosted[level] += host
            others[level] += not line.refs and bool(href)
    return frozenset(
        level for level, n in count.items() if papers[level] >= 2 and 2 * papers[level] >= n
        and 2 * hosted[level] >= others[level]
    )


def bare_title_bullets(lines: list[Line]) -> frozenset[int]:
    """The bullets of a list of papers that give only their English title (``- LLM Serving: A Survey of Recent
    Advances``), no link, among sibling bullets led by their titled arXiv links or ``Title：URL``: papers without
    their link. Every bullet of that level in the run (down to a line that is not a bullet) is one of the two, and
    two or more, at least half, are linked; a bare title has no bullets under it (not a group's label)."""
    out: list[int] = []
    for k, j in kind_runs(lines, "item") if any(map(_unlinked_item, lines)) else ():  # (a bare title is one of those)
        for level in {lines[i].block.level for i in range(k, j)}:
            at = [i for i in range(k, j) if lines[i].block.level == level]
            bare = [i for i in at if _bare_title_bullet(lines, i, j)]
            if not bare:
                continue  # (no bare title: nothing to add, whatever the linked ones are)
            linked = [i for i in at if lines[i].refs and not lines[i].label and _entry_like(lines[i])]
            if len(linked) >= 2 and 2 * len(linked) >= len(at) and len(linked) + len(bare) == len(at):
                out.extend(bare)
    return frozenset(out) | _titles_under_papers_label(lines)


def _titles_under_papers_label(lines: list[Line]) -> frozenset[int]:
    """The bullets right under a label that only says papers follow, each only a title, no link (``Papers connected
    with this talk:`` / ``1. Robust Models May Cost Accuracy`` / ``2. A general method that learns games by
    self-play.``): readings named without their link, papers of their own."""
    out: list[int] = []
    for k, line in enumerate(lines):
        if line.block.kind == "item" or line.refs or line.block.links or PAPERS_LABEL_RE.match(line.bare) is None:
            continue
        j = k + 1
        run = []  # (the bullets of the label's own list, not the notes nested under them)
        while j < len(lines) and lines[j].block.kind == "item" and lines[j].block.level >= lines[k + 1].block.level:
            if lines[j].block.level == lines[k + 1].block.level:
                run.append(lines[j])
            j += 1
        if run and all(  # (every one a bare title: among linked ones, bare_title_bullets decides)
            not (o.block.links or o.refs or o.web) and len(o.bare.split()) >= 3 and _title_like(o.bare.rstrip("?？."))
            and o.bare[-1:] not in ":："
            for o in run
        ):
            out.extend(i for i in range(k + 1, j) if lines[i].block.level == lines[k + 1].block.level)
    return frozenset(out)


def _unlinked_item(line: Line) -> bool:
    """A bullet without a reference, a web link or a link with a target (what ``_bare_title_bullet`` asks first)."""
    b = line.block
    return b.kind == "item" and not (line.refs or line.web) and not any(lk.href.strip() for lk in b.links)


def _bare_title_bullet(lines: list[Line], i: int, end: int) -> bool:
    line = lines[i]
    b, text = line.block, line.bare
    if any(lk.href.strip() for lk in b.links) or line.refs or line.web or (
        i + 1 < end and lines[i + 1].block.level > b.level
    ):
        return False  # (a link without a target, "- [Title]()", the note's link not filled in yet, is none)
    words = text.split()
    return len(words) >= 4 and _title_like(text.rstrip("?？")) and text[-1] not in ":：" and (
        _latin_share(text) >= 0.8 and _title_case(words) and not _author_list(text)  # (not "Ann, Bo Wu, Cy": names)
    )


def _doc_title(
    lines: list[Line], roles: list[int], nexts: list[int], first_at: dict[str, int], doc_title: str | None
) -> tuple[str | None, int]:
    """The article's title from its first line (a top heading or a plain line, not the first of its sections nor a
    group's label), and the line its items start at (past the title, and past the title again)."""
    title = None
    start = 0
    first = lines[0]
    b = first.block
    titled = doc_title is not None and _key(first.bare) not in _key(doc_title)
    repeats = doc_title is not None and not titled  # (the heading gives the page's own title again)
    is_title = (b.kind == "heading" and b.level <= (2 if repeats else 1)) or (
        b.kind == "para" and roles[0] in (NONE, WEAK)
    )
    same = [j for j in range(1, len(lines)) if lines[j].block.kind == "heading" and lines[j].block.level == b.level
            and lines[j].bare != first.bare]  # (the same title again is the article again: a double paste)
    if b.kind == "heading" and same and (b.level >= 2 or titled or (
        any(line.refs for line in lines[1 : same[0]]) and any(line.refs for line in lines[same[0] :])
    ) or _first_of_series(first.bare, [lines[j].bare for j in same])):
        is_title = False  # "## Week 3" … "## Week 2", "# Surveys" + papers … "# Memory": the first of its sections
        # (also under the title the page gives itself, front matter or <title>: "# Basics" … "# Uses")
    if b.kind == "heading" and b.level == 2 and not any(line.block.kind == "heading" for line in lines[1:]) and (
        _page_fields_under(lines)
    ):
        is_title = True  # "## AI Agent - 2026-08" / "Monthly papers: **15**" / its table: the page's one heading, over
        # the page's own fields, names the page (a lone "## Latest papers" over its table is their section)
    deeper = [j for j in range(1, len(lines)) if lines[j].block.kind == "heading" and lines[j].block.level > b.level
              and not lines[j].refs]
    if b.kind == "heading" and titled and deeper and any(line.refs for line in lines[1 : deeper[0]]) and any(
        line.refs for line in lines[deeper[0] :]
    ):
        is_title = False  # (under the title the page gives itself: "# Featured" + papers … "## More papers" +
        # papers: the first of its sections, not a second title)
    if is_title and _title_like(first.bare) and len(first.bare) <= 120 and not first.refs and not (
        _label_over_entries(lines, roles, 0, None)  # ("TODO:" over its entries: a section, not the title)
        or (first.bare[-1] in ":：" and len(lines) > 1 and lines[1].ordinal == 1 and roles[1] == STRONG)
    ):  # ("Agents:" over "1. ReAct: URL": the first group's name)
        end = nexts[0]
        if not (roles[0] == WEAK and _weak_owns_ref(lines, roles, 0, end, first_at)):
            title, start = first.bare, 1
            again = lines[1].block if len(lines) > 1 else None
            if again is not None and again.kind == "heading" and again.level == b.level and not lines[1].refs and (
                _key(lines[1].bare).startswith(_key(title))
            ):
                start = 2  # "# Notes" then "# Notes (2022)": the title again, not a section
    if (page := _page_heading_after_banner(lines, start, doc_title)) >= 0:
        title, start = lines[page].bare, page + 1  # ("# ~ Ann Lee ~" / "# Publications" = <title>: the page's title)
    return title, start


def _page_heading_after_banner(lines: list[Line], start: int, doc_title: str | None) -> int:
    """A site's banner heading, then a few lines of chrome (a link home), then a top heading that gives again the title
    the page gives itself (``<title>Publications</title>`` … ``<h1>~ Ann Lee ~</h1>`` / ``<a>..</a>`` /
    ``<h1>Publications</h1>`` over the list): that heading titles the page, it is no section of the papers under it.
    Its line, else -1."""
    if doc_title is None or not (key := _key(doc_title)):
        return -1
    for j in range(start, min(len(lines), start + 5)):
        line = lines[j]
        if line.refs or line.block.kind in ("item", "row"):
            return -1
        if j > 0 and line.block.kind == "heading" and line.block.level == 1 and (
            (own := _key(line.bare)) and own in key
        ) and lines[0].block.kind == "heading" and lines[0].block.level == 1:
            return j
    return -1


def _page_fields_under(lines: list[Line]) -> bool:
    """Between the first line and the first paper, a paragraph that is a field of the page with a number or a date
    for its value (``Monthly papers: **15**``, ``Updated: 2026-08-31``)."""
    for line in lines[1:]:
        if line.refs or line.block.kind in ("item", "row"):
            return False
        if line.block.kind == "para" and FIELD_VALUE_RE.match(line.bare.replace("**", "").strip()):
            return True
    return False


def _bold_item_bodies(lines: list[Line], roles: list[int]) -> tuple[set[int], list[int]]:
    """The lines that go on a list item whose own line is only its bold title, no link (``<li><b>Title</b><br>Ann Lee,
    Bo Wu.<br>Venue 2018 [abstract] [pdf]</li>``), or only its title linked to its own page (``<li><a
    href="/pubs/lee18/">Title</a><br><i>A. Lee, B. Wu</i><br>Paper - Venue 2018 - <a>pdf</a></li>``), when they name one paper at most: that paper's byline and links,
    never entries or titles of their own. (The ids of those items' lines, and the lines that go on them.)"""
    heads: set[int] = set()
    out: list[int] = []
    for k, line in enumerate(lines):
        b = line.block
        if b.kind != "item" or roles[k] != STRONG or line.refs or not (
            (not b.links and b.strong and b.strong.strip(" .") == line.bare.strip(" .")) or whole_link(line)
        ):
            continue
        body = []
        for j in range(k + 1, len(lines)):
            o = lines[j].block
            if o.kind != "para" or not o.in_item or o.para != b.para:
                break
            body.append(j)
        if body and len({a for j in body for a, _t in lines[j].refs}) <= 1:
            heads.add(id(line))
            out.extend(j for j in body if roles[j] in (ENTRY, TITLE_LINE))
    return heads, out


def segment(
    lines: list[Line], doc_title: str | None = None, titled_levels: frozenset[int] | None = None,
    bare_titles: frozenset[int] | None = None,
) -> tuple[str | None, list[Item]]:
    """The document's title and its items, each with its section (``doc_title``: the title the document gives
    itself, front matter or <title>: a first ``## Heading`` is a section unless it repeats that title; so is the
    page's one ``# Heading`` under notes when the title does not name it; ``titled_levels``: the lines'
    ``linked_title_levels``, when the caller has them already; ``bare_titles``: the lines' ``bare_title_bullets``,
    likewise: this pass changes no fact that asks, only the label of table rows)."""
    roles = [_role(lines, k) for k in range(len(lines))]
    entries = url_entries(lines)
    for k in entries:  # ("# Topic" / "https://arxiv.org/pdf/ID.pdf note" / …: an entry a line)
        if roles[k] == NONE:
            roles[k] = ENTRY
    for k in set(entries) & {j + 1 for j in entries}:  # (the second line of a run)
        if k >= 2 and roles[k - 2] == TITLE_LINE and roles[k - 1] == ENTRY and k - 2 not in entries and (
            lines[k].refs[0][0] != lines[k - 1].refs[0][0]  # (not one paper's page and its PDF under its title)
        ):
            roles[k - 2] = SECTION if k > 2 and not PAPERS_LABEL_RE.search(lines[k - 2].bare) else NONE
            # "Vision" over a run of bare URLs: it names them (not "Additional papers:", a session's sub-label), it titles
            # none of them (the article's first line names the whole list: its title)
    for k, line in enumerate(lines):
        if roles[k] in (TITLE_LINE, NONE) and not (line.refs or line.web) and PAPERS_LABEL_RE.match(line.bare):
            roles[k] = NONE  # "Additional papers:" over its readings' links: a label, no paper's title
            for j in range(k + 1, len(lines)):  # (its bullets that are bare URLs, even one: a reading each)
                if lines[j].block.kind != "item" or not url_led(lines[j]) or roles[j] not in (NONE, ENTRY):
                    break
                roles[j] = ENTRY
    for k in _host_links_in_link_list(lines, roles):
        roles[k] = ENTRY  # "[Title](its PDF)" in a section of its own, in notes that list papers a titled link a line
    tops: list[int] = []
    for k in entries if sum(1 for k in entries if _url_then_title(lines[k])) >= 3 else []:  # ("Gibbs states:" / "URL : Title": the topic line over a note's entry that titles itself; the
        # lines of other pages' bare URLs between them are no titles of it)
        j = k - 1
        while j >= 0 and j not in entries and lines[j].block.para == lines[k].block.para and _bare_url_led(lines[j]):
            roles[j] = NONE if roles[j] == TITLE_LINE else roles[j]
            j -= 1
        top = lines[j] if j >= 0 and j not in entries else None
        if top is not None and roles[j] in (NONE, TITLE_LINE) and top.block.kind == "para" and not top.block.links and (
            top.block.para == lines[k].block.para and 0 < len(top.bare) <= SECTION_MAX
        ) and (j < 1 or lines[j - 1].block.para != top.block.para):
            tops.append(j)
    for j in tops:
        roles[j] = SECTION if j > 0 or len(tops) >= 3 else NONE  # (the first line too, one topic among others)
    for k in range(len(lines) - 2):  # "**Title**" / "ACCV 2018 Best Paper" / "arXiv：URL": the title's note line
        if roles[k + 1] == TITLE_LINE and lines[k + 2].label and lines[k + 2].refs and _bracketed_bold_title(lines[k], False):
            roles[k + 1] = NONE
        if roles[k] == NONE and _bracketed_bold_title(lines[k]) and _card_link_under(lines, k):
            roles[k] = WEAK  # "《Title》" over its "arXiv：URL" line (a note between): a title, as in bold
    for k in _topic_headings_over_cards(lines, roles):
        roles[k] = SECTION  # "# GAN" over "**Title**" / "arXiv：URL", where a sibling "# Other" holds two such cards
    for k in _link_headings_of_their_own(lines, roles):
        roles[k] = STRONG  # "### Estimation" / "## https://arxiv.org/pdf/ID": a paper of its own, not the link of the
        # heading above it
    for k in field_rows(lines):  # a card's table of fields: its paper's, not papers ("| 链接 | [IDv1](arXiv) |")
        roles[k] = NONE
        lines[k].label = lines[k].label or bool(lines[k].refs)
    bold_items, bold_bodies = _bold_item_bodies(lines, roles)
    for k in bold_bodies:  # "<li><b>Title</b><br>Authors<br>Venue [pdf]": the item's lines
        roles[k] = NONE
    shorts = Counter(line.bare for line in lines if line.block.kind == "para" and 0 < len(line.bare) <= SECTION_MAX)
    shorts.update(  # (a short sub-heading every paper's heading repeats, "### 基本信息", "#### Abstract": a field of each)
        line.bare for line in lines if line.block.kind == "heading" and line.block.level > 1 and not line.refs
        and len(line.bare) <= 24 and len(line.bare.split()) <= 3
    )
    repeated = frozenset(text for text, n in shorts.items() if n > 1) | _badges(lines)
    sub_heads = _repeated_sub_headings(lines)
    repeated_or_sub = repeated | sub_heads  # (joined once: each heading's _owned_span asks, and the two can be long)
    if titled_levels is None:
        titled_levels = linked_title_levels(lines)
    nested_memo: dict[int, int] = {}  # (_nests_entries: each list item's answer)
    outline_memo: dict[int, int] = {}  # (_topic_outline: each list's answer)
    list_labels = ListLabels(lines)  # (_plain_label_over_list: each heading span's labels)
    body_facts = BodyFacts()  # (each item's body so far: its deepest line, whether it cites)
    dates = sum(1 for line in lines if line.block.kind == "para" and len(line.bare) <= 30 and DATE_LINE_RE.match(
        line.bare))  # (date lines: "2031-03-09")
    sessions = Counter(  # the session labels that make a series ("Week 1" … "Week 3"): their lead word
        _session_lead(m) for line in lines if line.block.kind == "para" and (m := _session_match(line.bare))
    )
    item_sessions = Counter(  # (the same in a list's items: "- Day 1" … "- Day 3", each over its talks)
        (_session_lead(m), line.block.level) for line in lines
        if line.block.kind == "item" and not line.block.links and _may_name_session(line.bare)
        and (m := SESSION_LABEL_RE.fullmatch(line.bare))
    )
    for k, line in enumerate(lines):  # ("Week 6 2026-04-23 HCI of Live Music Agents": a session card's label, its
        # topic no title of a paper, even over a reading whose link is not arXiv)
        if roles[k] == TITLE_LINE and line.block.kind == "para" and _may_name_session(line.bare) and (
            m := DATED_SESSION_RE.fullmatch(line.bare)
        ) and (
            sessions[_session_lead(m)] >= 2
        ):
            roles[k] = NONE
    if bare_titles is None:
        bare_titles = bare_title_bullets(lines)
    described_at = [bool(_described(line)) for line in lines]  # ("- **Name** proposes …": read once per line)
    label_series = _label_series(lines, roles)
    year_lines = sum(1 for line in lines if line.block.kind == "para" and YEAR_LINE_RE.fullmatch(line.block.text))
    first_at: dict[str, int] = {}  # where each arXiv id first appears
    for k, line in enumerate(lines):
        for a, _t in line.refs:
            first_at.setdefault(a, k)
    nexts = [0] * len(lines)  # the next line that is a head of any kind (an entry, a heading...)
    nxt = len(lines)
    for k in range(len(lines) - 1, -1, -1):
        nexts[k] = nxt
        if roles[k] in (STRONG, WEAK, SECTION, TITLE_LINE):
            nxt = k
    title, start = _doc_title(lines, roles, nexts, first_at, doc_title) if lines else (None, 0)
    if lines and (h := _page_heading(lines)) > 0 and not (doc_title is not None and _key(lines[h].bare) not in _key(doc_title)):
        roles[h] = NONE  # the page's own heading under a few lines of notes: no paper, no section
        title = title if start else lines[h].bare
    section = "Papers"
    items: list[Item] = []
    cur: Item | None = None
    cur_has_own = False
    claimed = -1  # a title found its "Paper:" line here: bold lines before it are its body
    headed = start - 1 if start and lines[start - 1].block.kind == "heading" else -2  # the last section heading (or the
    # title's: the line under it is its subtitle, "*notes on X, newest first*", not a group label)
    stack: list[tuple[int, str]] = []  # open sections: (heading level, or 0 for a section line; name)
    topics: list[tuple[int, str, list[tuple[int, str]]]] = []  # open topic items: (list depth, the section and the
    # open sections around it)
    owned = -1  # lines before this belong to the heading that owns them (_owned_span)
    labelled = False
    group_start = -1  # the first entry under a bold group label (_bold_label_over_named_links)
    siblings: dict[str, str] = {}  # "1" -> the section of the papers numbered "1.x" (a heading's sets it)
    numbered = ""  # the number of the last item numbered "1.2" (its points are numbered "1.2.1")
    for k in range(start, len(lines)):
        line, role = lines[k], roles[k]
        b = line.block
        end = nexts[k]
        labelled = False
        if k < owned:  # inside a heading that is one paper: its numbered points and sub-headings
            if cur is not None:
                cur.body.append(line)
            continue
        if b.kind == "heading" and role != NONE and not line.refs and _field_heading_run(lines, k):
            continue  # "#### Date: Mar 18" / "#### Reading: URL, PDF Slides": the page's record, no paper nor section
        if role == WEAK and b.kind == "heading" and not line.refs and k + 1 < len(lines) and roles[k + 1] == TITLE_LINE and (
            _note_page_title(lines[k + 1])
        ):
            role = SECTION  # "### Topic" over a card of a notes index ("[Title](its notes page)" / its URL): its topic
        if k < group_start and role == NONE:
            continue  # the description under a group's bold label ("*A second model reads each request …*")
        if role in (STRONG, WEAK, NONE) and b.kind == "para" and (j := _bold_label_over_named_links(lines, k)) > k:
            role, group_start = SECTION, j  # "**1. Guard models**" / "*what they do*" / "- Name: [paper](arXiv) · [code](…)"
        if b.kind == "heading" and (role == WEAK or (role == STRONG and not any(lines[j].refs for j in range(k + 1, end)))) and (
            span := _owned_span(lines, roles, described_at, k, repeated_or_sub)
        ):  # (a numbered heading whose reference is past a bold label under it: "**基本信息**" … "- arXiv: ID")
            # (its one link is its paper line); a heading as high as the section's is under none
            section = _close_sections(stack, b.level)
            cur = Item(section, line, strong=False, labelled=True)
            items.append(cur)
            cur_has_own, owned = True, span
            continue
        if role == WEAK and b.kind != "heading" and cur is not None and not cur_has_own and (
            cur.head is lines[k - 1] and not line.refs and (cur.head.ordinal is not None or (
                cur.head.block.kind == "heading" and _english_title_under_cjk_heading(lines, k - 1)
            ))
        ) and _latin_share(cur.head.bare) < 0.3 and _latin_share(line.bare) >= 0.7 and (
            _title_like(line.bare.rstrip("?？"))
        ):
            cur.body.append(line)  # "1. 中文标题" then "**English Title**": the English title of that item
            continue
        if role == WEAK and titled_levels and b.level in titled_levels and not line.refs and linked_title(line):
            role = STRONG  # "### [Title](its poster page)" among "### [Title](OpenReview)" headings: a paper
        if role == WEAK:
            nested = cur is not None and cur.head.block.kind == "heading" and b.kind == "heading" and (
                b.level > cur.head.block.level
            )
            if b.kind == "heading" and not line.refs and line.bare.endswith(("。", "！", "!")):
                role = NONE  # "##### 大家好，我是皇子。": a greeting set large, a sentence, not a section
            elif b.kind == "heading" and _label_heading_over_paper_heading(lines, k):
                role = SECTION  # "# RL" / "# [Title](its PDF)": flat notes' label over the paper headings after it
            elif b.kind == "heading" and not nested and _paper_link_under_heading(lines, k):
                role, labelled = STRONG, True  # "## [Name](its blog post)" / "[Paper](nature.com/…)": a paper
            elif b.kind == "heading" and not line.refs and _named_under(lines, k) < 0 and (
                _groups_items(lines, roles, described_at, k)
            ):
                role = SECTION  # "### Methods" over "1. **Title**" + "Link: URL"
            elif b.kind == "para" and line.web and not line.refs and _links_only(b) and cur is not None and (
                cur.head.block.kind == "item" and cur.head.block.para == b.para
            ):  # "* **"Title"**<br/>" / "**Author**: Ann Lee<br/>" / "**[Video Link 1](…)**<br/>": a link among a card's
                role = NONE  # fields, in the paragraph of its bullet, no section
            elif _dated_session_label(lines, k):
                role = SECTION  # "**Feb 4: Attention (AL)**" over the session's readings: their section
            elif _label_over_title(lines, k):
                role = SECTION  # "#### Bonus:" over 'Paper: "Title"' and its "Link: URL": that paper's section
            elif _weak_owns_ref(lines, roles, k, end, first_at):
                role = STRONG
            elif k < claimed and b.kind != "heading":
                role = NONE
            elif not nested and _title_like(line.bare) and (j := _paper_label_at(lines, roles, k)) > 0:
                role, claimed, labelled = STRONG, j, True
            elif b.kind == "para" and _heading_list_label(lines, roles, k, headed, repeated):
                role = NONE  # "### Topic" / "**代表论文**:" / its entries, the same label under every topic: the topic's list
            elif nested and (j := _next_text(lines, k)) < len(lines) and _title_field(lines[j]) and roles[j] == STRONG and (
                lines[j].block.kind == "item" and _sub_bullet_link(lines, j)
            ):
                role = SECTION  # a paper's "##### A related paper" over "- Title: X" and its "- Paper Link: URL": its group
            elif nested:
                role = NONE
            elif b.kind == "heading" and cur is None and _unlinked_first_card_heading(lines, roles, k):
                role = STRONG  # "#### Title" / "**Authors**: …" over "#### [Title](arXiv)" / "**Authors**: …": the first
                # card of the list, without a link
            elif b.kind == "heading" and cur is not None and cur.head.block.kind == "heading" and (
                cur.head.block.level == b.level and _no_items_under(lines, roles, k)
            ):
                role = STRONG  # a sibling of the paper headings before it, without an arXiv link (build decides)
            elif b.kind == "heading" or (
                (j := _past_header_row(lines, _next_text(lines, k))) < len(lines) and roles[j] != NONE
                and (len(line.bare) <= SECTION_MAX or (
                    len(line.bare) <= 2 * SECTION_MAX and b.kind == "para" and b.strong.strip() == b.text.strip()
                    and lines[j].block.kind == "item" and bool(lines[j].refs) and _link_led_item(lines[j])
                ))  # (a longer bold line of its own over "- [Title](arXiv)" bullets: their topic, not a title)
                and "://" not in b.text  # ("**Source: URL**": a credit line)
                and not (b.kind == "para" and (_prose_sentence(line.bare) or b.quoted))  # ("**Emerging topic, seen a
                # few of late.**"; "> 🏛️ **Papers that changed the field**" under a heading: its tagline, quoted)
                and not _year_after(b)  # (a name "**X** (2024)" without its paper is no section)
                and not (cur is not None and line.bare.endswith((":", "："))
                         and not _label_between_entries(lines, roles, k, cur))
                # ("**Related work**:" under a paper: a field; "**Scaling**:" between listed papers: their group)
                and not _bold_field(b)  # "**更新日期**: 2026-05-19", "**Papers:** 3": a field of the page
                and not (lines[j].block.kind == "heading" and _bold_name_value(b))  # ("**Dificuldade**: Média." /
                # "### 12. Title": the last field of the card above, not a section of the heading under it)
            ):
                role = SECTION
            else:
                role = NONE
        elif role == NONE and b.kind == "para" and (k in label_series or _group_label(lines, roles, k, cur)):
            role = SECTION  # "**Scaling:**" over "- [Title](arXiv)" entries
        elif role == NONE and b.kind == "para" and year_lines >= 2 and YEAR_LINE_RE.fullmatch(b.text) and any(
            lines[j].refs or roles[j] == ENTRY for j in range(k + 1, min(len(lines), k + 4))
        ):
            role = SECTION  # a timeline's year dividers ("<div class="year">2016</div>") over each year's cards (one
            # year alone is a date's part, "Dec" / "02" / "2024", no divider)
        elif role == NONE and _italic_label(lines, roles, k):
            role = SECTION  # "<p><em>Code Generation</em></p>" over "<li><a>Title.</a> (Authors Venue.)</li>" entries
        elif role == NONE and _plain_label_over_list(lines, roles, k, headed, list_labels):
            role = SECTION  # "Bias and Fairness" / "- ["Title"](arXiv) by Authors": the group's plain label line
        elif role == NONE and k - 1 == headed and not (dates >= 2 and DATE_LINE_RE.match(line.bare)):
            pass  # the line under a section heading is its description ("> Collected every morning"); not the first
            # of the dates that head the article's days ("# Daily" / "2031-03-09" / "1. …" … "2031-03-08")
        elif role == NONE and _label_over_heading(lines, roles, k, repeated):
            role = SECTION  # a page's group label ("<div>Agents & Tool Use</div>") over paper headings
        elif role == NONE and b.kind == "para" and k + 1 < len(lines):
            # A short line heading a run that starts at 1: a section ("LLM发展与基准" / "1、..."); after an
            # item, only a line without a reference or a link of its own.
            nl = lines[k + 1]
            if roles[k + 1] == STRONG and nl.ordinal == 1 and _title_like(line.bare) and not _intro(line.bare) and (
                not line.label  # ("链接：URL" over "**1. 动机**": the link line of the paper above, no section)
            ) and not _points_under_paper_heading(lines, k, cur, cur_has_own) and not PAPERS_LABEL_RE.match(line.bare) and (
                # ("Recommended reading:" over "1. Title": no topic)
                len(line.bare) <= SECTION_MAX and not _field_line(line) and (cur is None or not (line.refs or line.web))
            ):  # (after an item, "YouTube视频：URL" is its field)
                role = SECTION
            elif _label_over_entries(lines, roles, k, cur) and not (stack and PAPERS_LABEL_RE.search(line.bare)):
                role = SECTION  # "TODO:" over "Title (Author 2022) URL" lines (under a session's section,
                # "Additional papers:" only sorts its readings)
            elif sessions and _session_label(lines, roles, k, sessions):
                role = SECTION  # "Week 1" over its talks' "Title: X" / "Paper: URL" lines
            elif NUMBERED_LABEL_RE.match(line.bare) and not b.links and any(
                lines[j].refs and roles[j] in (ENTRY, STRONG, WEAK, TITLE_LINE) for j in range(k + 1, min(len(lines), k + 4))
            ):
                role = SECTION  # a newsletter's section bar "01 Academia" over its paper cards
        if role == STRONG and b.kind == "heading" and not line.refs and _named_under(lines, k) < 0 and (
            _groups_items(lines, roles, described_at, k)
        ) and not _hosted_paper_heading(lines, k, titled_levels):
            role = SECTION  # "### 6. X系列" over "#### 6.1 X V1" + its link, "### 1. 基础" over "1. **Title**" items
        if role == STRONG and item_sessions and _session_item(lines, k, item_sessions):
            role = SECTION  # "- Day 1" over "  - Session 1: Ann Lee" over "    1. Title": the day is the section
        elif role == STRONG and b.kind == "item" and not b.links and not line.refs and (((
            not any(lv for lv, _n in stack) or (
                b.strong and b.strong.strip() == b.text.strip() and _YEAR_MONTH_RE.match(stack[-1][1]) is not None
            )
        ) and (
            _nests_entries(lines, roles, k, nested_memo)
        )) or (any(lv for lv, _n in stack) and _topic_outline(lines, roles, k, outline_memo))
            or _topic_item(lines, roles, k)):  # (under a heading, the heading stays the section of a
            # list that is not all topics: "### Week Papers" / "- **[2031.10.12]**"; a month's heading does not over its
            # days' bold labels: "### 2022/05" / "- **2022/05/06, Friday.**" / "    1. Title [[PDF]](arXiv)"; a list of
            # topics only is the outline under a day's heading: "## Oct 17" / "* 分割" / "  * [Title](arXiv)")
            role = SECTION  # "1. 目标检测" over nested "* [Nick](notes.md) Title | [arXiv:ID](…)" bullets: an outline
        elif role in (STRONG, NONE) and b.kind == "item" and b.strong and _labelled_topic_item(lines, roles, k):
            role = SECTION  # "- **Retrieval**: we start from …" over its nested papers (a "Label: note" field line too)
        elif role == NONE and b.kind == "item" and line.label and not line.web and any(lv for lv, _n in stack) and (
            _topic_outline(lines, roles, k, outline_memo)
        ):
            role = SECTION  # ("* 视频" among the outline's topics: a topic named by a label word, no field)
        if role == STRONG and b.kind == "item" and not line.refs and cur is not None:
            head = cur.head.block
            shallower = head.kind == "item" and b.level < head.level  # (the next bullet of an outer list)
            own_title = not cur_has_own and not b.ordered and bool(line.web) and _link_led_web(line)  # "- [T](blog) :"
            own_title = own_title or _sub_bullet_link(lines, k)  # "- Title" over "  - [Paper](arXiv)"
            own_title = own_title or (not (head.kind == "item" and b.level > head.level) and (
                _own_url_line(lines, k)
            ))  # "* Title" / "https://arxiv.org/abs/ID" in one bullet, "- Title - Authors" / "  https://arxiv.org/abs/…"
            # (not a point under a listed paper that cites another: its related)
            own_title = own_title or _reading_link(line)  # "  - Reading: [Lee et al. (2019)](its PDF)" under a topic
            own_title = own_title or (len(b.text) <= TITLE_MAX and linkless_citation(b.text) is not None)
            own_title = own_title or (  # "- Title. (TODO)" after its sibling "- Title. (Lee et al. ACL 2024.)"
                head.kind == "item" and head.level == b.level and not head.links and LOOSE_NOTE_RE.match(b.text) is not None
                and (linkless_citation(head.text) or LOOSE_NOTE_RE.match(head.text)) is not None
            )
            own_title = own_title or bool(emph_by_citation(line))  # "- *Title* by Ann Lee et al."
            own_title = own_title or (described_at[k] and bool(_described(cur.head)))  # "- **A** proposes …"
            own_title = own_title or (  # "- Title (2020)" / "  - Demo: URL" after a sibling with its "  - 論文: URL": an
                # entry of the same list, its own label line under it (a link elsewhere than a paper too)
                head.kind == "item" and head.level == b.level and body_facts.deeper_than(cur, b.level)
                and k + 1 < len(lines) and lines[k + 1].block.kind == "item" and lines[k + 1].block.level > b.level
                and lines[k + 1].label and bool(lines[k + 1].web or lines[k + 1].refs) and _title_like(line.bare)
            )
            own_title = own_title or (  # "- 标题: B" after "- 标题: A" / "- URL: …" / "- 简介: …": the next card's title
                cur_has_own and head.kind == "item" and head.level == b.level and _title_field(line) and _title_field(cur.head)
            )
            own_title = own_title or (  # "- Date: D" / "- arXiv: ID" / "- Title: A" … then "- Date: E": the field the
                # card led with, again at its level after the card's own reference: the next card
                head.kind == "item" and head.level == b.level and body_facts.cites(cur)
                and _card_lead_field(cur.head) is not None and _card_lead_field(cur.head) == _card_lead_field(line)
            )
            own_title = own_title or (venue_entry(line) and head.kind == "item" and head.level == b.level)  # "- Title,
            # CVPR 2025." among its sibling items, linked or not
            own_title = own_title or k in bare_titles  # "- Title" among "- [Title](arXiv)" bullets: a paper
            own_title = own_title or (
                head.kind == "item" and b.level > head.level and cur.head is lines[k - 1] and _hosted_title_bullet(line)
                and not (k + 1 < len(lines) and lines[k + 1].block.kind == "item" and lines[k + 1].block.level >= b.level)
            )  # "  - [AI] [Title](its PDF)", alone under a listed paper: a paper listed with it, as one linking arXiv is
            # (not one of the paper's several extras: "  - [Slides](…)", "  - [Long version](…)")
            own_title = own_title or (  # "<li><p>Title</p><p>Ann Lee. ICML 2030. <a>PDF</a></p></li>" after a sibling
                head.kind == "item" and head.level == b.level and any(
                    roles[j] == NONE and lines[j].block.in_item and bool(lines[j].refs) and lines[j].block.kind == "para"
                    and all(lines[i].block.in_item for i in range(k + 1, j))
                    for j in range(k + 1, min(len(lines), k + 3))
                )
            )  # with its own: its byline's link (or the link line under its byline) is its paper
            own_title = own_title or (  # "<li><b>Title</b><br>Authors …" after a sibling of that shape: a paper
                id(line) in bold_items and head.kind == "item" and head.level == b.level
                and (id(cur.head) in bold_items or cur_has_own)
            )
            own_title = own_title or (  # "* **Title**" alone, its own list after the prose of the one before: a card
                head.kind == "item" and b.level == 1 and b.strong.strip() == b.text.strip() and k > 0
                and lines[k - 1].block.kind == "para" and lines[k - 1].block.para != b.para and len(cur.body) >= 1
                and _title_like(b.text.rstrip("?？!！ ")) and len(b.text.replace("-", " ").split()) >= 3
            )
            if not shallower and not own_title and (
                (not b.ordered and not line.web) or (head.kind == "item" and b.level > head.level)
            ):
                role = NONE  # the points listed under a paper
        if role == STRONG and b.kind == "item" and line.refs and cur is not None and not cur_has_own and (
            cur.head is lines[k - 1] and cur.head.block.kind == "para" and line.ordinal is None
        ) and not any(_good_link_text(t) for _a, t in line.refs):
            role = NONE  # "**Title** — what it does" then "- [2604.01234](arXiv link) — authors": its link
        if role == STRONG and b.kind == "item" and line.refs and cur is not None and cur_has_own and (
            cur.head.block.kind == "item" and b.level > cur.head.block.level and not line.label
        ) and ("。" in line.bare or line.bare.rstrip()[-1:] == ".") and not any(_good_link_text(t) for _a, t in line.refs):
            role = NONE  # a note under a listed paper that cites another in a sentence ("…的[做法](arXiv)。"): related
        if role == STRONG and b.kind == "item" and line.refs and cur is not None and cur_has_own and (
            cur.head.block.kind == "heading" and _described_paper_link(line)
        ):
            role = NONE  # "## [Title](arXiv)" / "- [Similar paper](arXiv) (outside of Google)": a note's pointer, related
        if role == STRONG and b.kind == "item" and not b.ordered and cur is not None and _field(line):
            role = NONE  # "- **内容摘要**: … arXiv:ID …": a field of the paper above, even with a reference
        if role == STRONG and b.kind == "item" and not b.ordered and not b.links and cur is not None and cur_has_own and (
            cur.head.block.kind == "heading" and b.strong and b.text[len(b.strong) :].lstrip()[:1] in (":", "：")
        ) and not any(t for _a, t in line.refs):
            role = NONE  # "### Title（arXiv:ID）" / "- **⚠️ 注意**：… arXiv:ID 的另一篇 …": a bold-labelled point of that paper
            # that names another id in its words, not a paper listed
        if role == STRONG and b.kind == "row" and cur is not None and not cur_has_own and _links_row(line) and (
            _after_head_and_header(lines, k, cur.head)
        ):
            role, line.label = NONE, True  # "***1. Title*** :" then a table of its links: "[Arxiv-Page](…) | …"
        if role in (ENTRY, NONE) and cur is not None and _names_other_paper(line, cur, cur_has_own):
            role = STRONG  # a "Paper: [Title](arXiv)" panel after a reading whose own link is a blog: a paper of its own
        if role in (ENTRY, TITLE_LINE):
            sibling = cur is not None and cur.labelled and _title_field(cur.head) and _title_field(line)  # "论文：A" … "论文：B"
            far = cur is not None and len(cur.body) > 2 and _link_led(line)  # (a card's link: right under its title;
            # a titled link far below is a paper of its own, a bare URL in a caption or an aside is not)
            if roles[k] == TITLE_LINE and cur is not None and items and items[-1] is cur and _title_far_under(lines, k, cur):
                far = True  # the topic heading above holds no paper of its own: it is this paper's section
                items.pop()
                head = cur.head.block
                stack.append((head.level, _section_name(cur.head)))
                section = stack[-1][1]
            cited = roles[k] == ENTRY and (
                _cited_link(line) or APA_LEAD_RE.match(b.text) is not None or bool(emph_by_citation(line))
                or QUOTED_CITATION_RE.match(b.text) is not None or _paper_labelled_link(line)
                or (b.kind == "para" and MLA_CITATION_RE.match(b.text) is not None)
                or (b.kind == "para" and cur is not None and b.para != cur.head.block.para and _host_link_entry(line))
                # ("[Title](its PDF)", a paragraph of its own after a listed paper: a paper too, not that one's link)
            ) and not _version_pair(lines, k)  # (each its own item; not a published version and its preprint)
            # "Title: X" over its "Paper: URL" under a list item that only names what follows ("* Schedule:"): a paper
            cited = cited or (roles[k] == TITLE_LINE and cur is not None and cur.head.block.kind == "item" and (
                cur.head.bare.endswith((":", "：")) and not cur.refs()
            ) and (
                _title_field(line) and k + 1 < len(lines) and lines[k + 1].label and bool(lines[k + 1].refs or lines[k + 1].web)
            ))
            cited = cited or (roles[k] == ENTRY and cur is not None and _under_papers_label(lines, k))
            role = STRONG if cur is None or cur_has_own or cur.head.block.kind == "row" or sibling or far or cited else NONE
            below = lines[k + 1].refs if roles[k] == TITLE_LINE and k + 1 < len(lines) else []
            if role == STRONG and cur is not None and below and (
                {a for a, _t in below} <= {a for a, _t, _l in cur.refs()}
            ):
                role = NONE  # a card's English title over the link its heading already gave: part of that card
        if b.kind == "row" and _topic_row(lines, k) >= 0:
            role = SECTION  # "| | **Model Architectures** | |" over the readings' rows: their topic
        if topics and b.kind == "item" and not b.in_item and topics[-1][0] >= b.level:
            while topics and topics[-1][0] >= b.level:  # (a list item back at a topic's depth or above: that topic's
                _lv, section, saved = topics.pop()  # papers ended, the section around it goes on)
            stack[:] = saved
        if role == SECTION and _home_link(b) and not items:
            continue  # "## [Example University](https://www.example.edu)" under the page's title: a banner
        if role == SECTION and _field_heading_under_section(lines, k, stack):
            continue  # "##### 2020 Dec | Topic" / "##### Time: Friday 15:30": the term's section goes on
        if role == SECTION:
            if b.kind == "item":
                topics.append((b.level, section, list(stack)))
            else:
                topics.clear()
            headed = k if b.kind == "heading" else -2
            level = b.level if b.kind == "heading" else 0
            while stack and (stack[-1][0] == 0 or (level and stack[-1][0] >= level)):
                stack.pop()
            if level and _label_heading_over_paper_heading(lines, k):
                level = 0  # (a flat label heading holds the paper headings of its level after it, as a label line does)
            section = "Papers" if TOC_RE.match(line.bare) else _section_name(line)
            stack.append((level - 1 if level and _empty_heading_over_numbered(lines, k) else level, section))  # (over the
            # numbered headings of its level that follow it: their section, not closed by the first of them)
            cur, cur_has_own = None, False
            continue
        dotted = DOTTED_RE.match(b.text) if role == STRONG and b.kind in ("heading", "para") else None
        if dotted is not None and b.kind == "heading" and not line.refs and numbered and (
            dotted.group("parent") == numbered or dotted.group("parent").startswith(numbered + ".")
        ):
            role = NONE  # "#### 1.2.1 背景" under the paper "1.2 Title": a point of that paper, not a paper
        if role == STRONG:
            labelled = labelled or (roles[k] == TITLE_LINE and _title_field(line))  # "论文：Title": a paper
            labelled = labelled or (roles[k] == TITLE_LINE and _note_page_title(line))  # (a notes index's card: its
            # title over its paper's own link, wherever that is)
            if b.kind == "heading":
                section = _close_sections(stack, b.level)
            if dotted is not None:
                # "### 1.1 Title" … "#### 1.1.4 Points" … "**1.2 Title**": numbered siblings share their section
                group = dotted.group("parent")
                section = siblings.setdefault(group, section) if b.kind == "para" else section
                siblings[group], numbered = section, dotted.group("num")
            named = _named_under(lines, k) if b.kind == "heading" and not line.refs else -1
            title_line = roles[k] == TITLE_LINE and not line.web and line.bare[-1:] not in ":："
            cur = Item(section, line, strong=roles[k] != WEAK, labelled=labelled or named > 0, title_line=title_line)
            items.append(cur)
            cur_has_own = bool(line.refs) or (roles[k] == ENTRY and bool(line.web))  # (an entry ends in its own link)
            cur_has_own = cur_has_own or (bool(line.web) and _named_url_item(line))  # ("35. OpenR: github…": its own)
            if named > 0:  # (its card down to the line that names it: that line's link is its paper)
                owned, cur_has_own = named + 1, True
            elif labelled and headed == k - 1 and (card := _card_under_heading(lines, k)) > 0:
                owned = card  # "# Topic" / "论文：Title" / "链接：URL" / its notes: all of them that paper's
            continue
        if cur is not None and cur.head.block.kind != "row":
            cur.body.append(line)
            if (line.refs and (line.label or len(cur.body) == 1)) or (line.label and line.web and (
                cur.labelled or (cur.title_line and len(cur.body) == 1)  # ("Title" / "文章链接：github…": its own link)
                or (cur.title_line and len(cur.body) == 2 and _note_page_title(cur.head))  # (a notes index's card:
                # its linked title, the outline of its notes, then its paper's link)
            )):
                cur_has_own = True  # (a titled item's own non-arXiv link too: "论文链接：github…")
    page = start - 1 if start and lines[start - 1].block.kind == "heading" else -1
    _lift_paper_headings(lines, items, page if page >= 0 else _page_heading(lines))
    return title, items


_COMPACT_RE = re.compile(r"[\s\-_:：·.]+")
_CITE_NUMBER_TAIL_RE = re.compile(r"\s*\[[0-9]{1,3}\]$")  # "## Title [7]": the number its reference list gives it


def _heading_names_item(head: Line, item: Item) -> bool:
    """``### Embedding模型之DeepWalk`` over ``[DeepWalk: Online Learning …](…)``: the heading's Latin name (after any
    Chinese before it) is written in its paper's title; a heading's citation number after it is not
    (``## Folded Attention for Long Rivers [1]`` over ``* Paper: [Folded Attention for Long Rivers](arXiv)``)."""
    text = _CITE_NUMBER_TAIL_RE.sub("", head.bare.rstrip())
    cjk = list(CJK_RE.finditer(text))
    name = _COMPACT_RE.sub("", text[cjk[-1].end() :] if cjk else text).lower()
    if len(name) < 3 or not any(c.isalpha() for c in name):
        return False  # (a year, "### 2019", names no paper)
    said = " ".join([item.head.bare] + [t for _a, t, _l in item.refs()] + [o.bare for o in item.body[:2]])
    return name in _COMPACT_RE.sub("", said).lower()


def _lift_paper_headings(lines: list[Line], items: list[Item], page: int = -1) -> None:
    """``## Stage`` over ``### Nick A`` / ``论文地址：[Title A](…)``, ``### Nick B`` / ``[Title B](…)`` …: sibling
    headings that each hold one paper and no more (three or more of them, all their siblings none or one) are the papers'
    own headings, not sections: the heading above them is their section (none when it is the page's own title,
    ``page``). A sibling that heads the closing list of references (``## Paper references`` over ``[1] Lee, A., 2029.
    Title. URL`` …) cites those papers again: it holds none of its own."""
    at = {id(line): j for j, line in enumerate(lines)}
    heads = [j for j, line in enumerate(lines) if line.block.kind == "heading"]
    if len(heads) < 4:
        return
    owner: dict[int, list[Item]] = {}  # heading index -> the items whose section it names
    names: dict[int, str] = {}  # (each heading's _section_name, once)
    for item in items:
        if item.head.block.kind == "heading":
            continue  # (a paper heading is its own)
        k = at.get(id(item.head), -1)
        h = heads[bisect_left(heads, k) - 1] if k > heads[0] else -1  # (the last heading before the item's head)
        if k < 0 or h < 0:
            continue
        if h not in names:
            names[h] = _section_name(lines[h])
        if names[h] != item.section or _closing_list_heading(names[h]):
            continue  # (the heading above one is its section already; a list of references holds no paper of its own)
        owner.setdefault(h, []).append(item)
    level = [lines[h].block.level for h in heads]
    n_heads = len(heads)
    parents = [-1] * n_heads  # each heading's parent (the last heading before it above its level), by position
    ends = [n_heads] * n_heads  # where each heading's part ends (the next heading at or above its level)
    stack: list[int] = []  # (the headings no later one up to here is at or above)
    for n in range(n_heads):
        while stack and level[stack[-1]] >= level[n]:
            ends[stack.pop()] = n
        parents[n] = stack[-1] if stack else -1
        stack.append(n)
    # A run of sibling headings is read from its first one: the headings of its level after it, down to the end of its
    # parent's part (none when a heading of another level there holds papers). Counted from prefix sums over the
    # headings of each level, each run's siblings once (a later start's siblings are a tail of an earlier one's).
    held = [_papers_held(owner.get(h, [])) for h in heads]
    count = [n for n, _first in held]
    owned_before = [0] * (n_heads + 1)
    for n in range(n_heads):
        owned_before[n + 1] = owned_before[n] + (count[n] > 0)
    at_level: dict[int, list[int]] = {}  # level -> the positions of its headings
    for n in range(n_heads):
        at_level.setdefault(level[n], []).append(n)
    sums: dict[int, tuple[list[int], list[int], list[int]]] = {}  # level -> prefix counts: one paper, more, any
    named_sums: dict[int, list[int]] = {}  # level -> prefix counts of one-paper headings that name their paper
    lifted: set[tuple[int, int]] = set()  # (parent, level) runs already lifted: a later start lifts a tail of them
    for n in range(n_heads):
        p, lv = parents[n], level[n]
        if p < 0 or count[p] or (n > 0 and n - 1 != p and level[n - 1] == lv):
            continue  # (only from the first sibling under a heading that holds no paper of its own)
        if (p, lv) in lifted:
            continue
        same = at_level[lv]
        if lv not in sums:
            ones, more, anyc = [0], [0], [0]
            for m in same:
                ones.append(ones[-1] + (count[m] == 1))
                more.append(more[-1] + (count[m] > 1))
                anyc.append(anyc[-1] + (count[m] > 0))
            sums[lv] = (ones, more, anyc)
        ones, more, anyc = sums[lv]
        a, b = bisect_left(same, n), bisect_left(same, ends[p])
        if (owned_before[ends[p]] - owned_before[n]) - (anyc[b] - anyc[a]):
            continue  # (deeper headings with papers: an outline, not paper headings)
        if b - a < 3 or more[b] - more[a] or ones[b] - ones[a] < 3:
            continue
        if lv not in named_sums:
            named = [0]
            for m in same:
                first = held[m][1]
                named.append(named[-1] + (count[m] == 1 and first is not None and _heading_names_item(lines[heads[m]], first)))
            named_sums[lv] = named
        named = named_sums[lv]
        if 2 * (named[b] - named[a]) < ones[b] - ones[a]:
            continue  # (topics of one paper each, "### NLP" / "### Vision": sections; a paper's heading names it)
        lifted.add((p, lv))
        name = "Papers" if heads[p] == page else _section_name(lines[heads[p]])
        for m in same[a:b]:
            for item in owner.get(heads[m], []):
                item.section = name


def _papers_held(items: list[Item]) -> tuple[int, Item | None]:
    """How many papers a heading's items are, and the first: those that give an arXiv id when any does (``## Title``
    over ``* Short read: [Blog post](…)`` / ``* Paper: [Title](arXiv)`` / ``* [Code](…)``: one paper, its extras'
    bullets no papers), else its one item, else none (``## DALL·E Mini`` over a video, a blog post and a demo). A
    paper linked to its publisher or a PDF is one too (``### 2.1 Tagging`` over ``[Tagging: A Survey](arXiv)`` and
    ``[Tagging with Trees](doi.org/…)``: a topic of two papers, not one paper's own heading)."""
    linked = [item for item in items if item.refs() or any(PAPER_HOST_RE.search(url) for url in item.head.web)]
    if linked:
        return len(linked), linked[0]
    return (1, items[0]) if len(items) == 1 else (0, None)


def _closing_list_heading(text: str) -> bool:
    """``References``, ``Paper references``, ``Bibliography``: the heading of the list of works an article cites."""
    return CLOSING_LIST_RE.fullmatch(text) is not None or CLOSING_LIST_RE.fullmatch(text.removeprefix("Paper ")) is not None


def _past_header_row(lines: list[Line], j: int) -> int:
    """``j``, or the row under it when it is a table's header row: a bold label over a table (``**Inpainting**`` /
    ``| Topic | Title | Venue |`` / its rows) heads the table's rows, not its header."""
    if j + 1 < len(lines) and lines[j].block.kind == "row" and lines[j].block.header and lines[j + 1].block.kind == "row":
        return j + 1
    return j


def _title_far_under(lines: list[Line], k: int, cur: Item) -> bool:
    """``### Topic`` / paragraphs of notes / ``FastX: A Full Title of Words`` / its arXiv URL: a title line far under a
    heading without a reference of its own, right over the link, naming something else than the heading: a paper of
    its own, the heading its section (_owned_span)."""
    head = cur.head
    return (
        head.block.kind == "heading" and len(cur.body) > 2 and not cur.refs() and k + 1 < len(lines)
        and bool(lines[k + 1].refs) and not lines[k].refs and _title_line_over(lines[k], head)
        and not _names(nickname(head.bare), lines[k])
    )


def _link_headings_of_their_own(lines: list[Line], roles: list[int]) -> list[int]:
    """Headings that are only an arXiv link (``## https://arxiv.org/pdf/2501.00001``, an Org headline of a bare URL)
    at the level of the heading before them or above it: each a paper of its own, no link line of that heading
    (``### Estimation`` / ``## URL``: a new part of the notes; ``## Title`` / ``### [arXiv](…)``, deeper, stays that
    title's link). One pass, the last heading's level kept."""
    out: list[int] = []
    last = 0  # the level of the heading before (0: none yet)
    for k, line in enumerate(lines):
        b = line.block
        if b.kind != "heading":
            continue
        if roles[k] == NONE and line.label and line.refs and last and b.level <= last:
            out.append(k)
        last = b.level
    return out


def _card_under_heading(lines: list[Line], k: int) -> int:
    """Title field ``k`` (``论文：Title``) right under a heading, its link field under it (``链接：URL``, not arXiv), and
    no other title field before the next heading (a WeChat post's ``# 对话系统`` / ``■ 论文 | Title`` / ``■ 链接 | URL``
    / ``**1. 论文动机**`` … ``**6. 参考文献**`` / ``[1] …``): the card's notes, numbered points and reference list
    included, are that one paper's, down to the next heading (returned, or 0 when not such a card)."""
    if k + 1 >= len(lines) or not (lines[k + 1].label and lines[k + 1].web and not lines[k + 1].refs):
        return 0
    if not _title_field(lines[k]):
        return 0  # ("**Title**" / "[[link](…)]" under a heading, then more bold titles over their own links: a card
        # of a list, whose siblings are papers of their own)
    j = k + 2
    while j < len(lines) and lines[j].block.kind != "heading":
        if _title_field(lines[j]):
            return 0
        j += 1
    return j


def _badges(lines: list[Line]) -> frozenset[str]:
    """Short plain lines right over most headings of a level (three or more): each card's topic badge
    (``<span class="topic-badge">说话人</span>`` over its ``<h3>``), not the label of a group of papers."""
    heads: Counter = Counter()
    over: dict[int, list[str]] = {}
    for k, line in enumerate(lines):
        b = line.block
        if b.kind == "heading" and b.level > 1:
            heads[b.level] += 1
            prev = lines[k - 1] if k else None
            if prev is not None and prev.block.kind == "para" and not (prev.refs or prev.block.links or prev.block.strong) and (
                0 < len(prev.bare) <= SECTION_MAX
            ):
                over.setdefault(b.level, []).append(prev.bare)
    return frozenset(
        text for level, texts in over.items() if heads[level] >= 3 and len(texts) >= 0.75 * heads[level] for text in texts
    )


def _bold_name_value(b: Block) -> bool:
    """``**Dificuldade**: Média.``, ``**Level:** Easy``: a field, its short name in bold and a colon, then a value of a
    few words (no link), the whole line."""
    text, strong = b.text.strip(), b.strong.strip()
    if not strong or b.links or b.kind != "para" or not text.startswith(strong):
        return False
    rest = text[len(strong) :].lstrip()
    if strong.endswith((":", "：")):
        value = rest
    elif rest[:1] in (":", "："):
        value = rest[1:].strip()
    else:
        return False
    return 1 <= len(strong.rstrip(":：").split()) <= 3 and 1 <= len(value.split()) <= 6


def _label_over_heading(lines: list[Line], roles: list[int], k: int, repeated: frozenset[str] = frozenset()) -> bool:
    """A short plain line, not a sentence, right over a heading that is a paper (it gives its
    reference), after a paper of that heading level: a group label, the section of what follows.
    A line the article repeats word for word ("点此查看论文截图" after each paper) is a widget, not a label."""
    line = lines[k]
    b = line.block
    if b.kind != "para" or line.refs or b.links or b.strong or not line.bare or len(line.bare) > SECTION_MAX:
        return False
    if line.bare in repeated or plain_field(line.bare):
        return False  # (nor is the last field of a paper's card, "Implementation: a small model", over the next card)
    if k > 0 and lines[k - 1].block.kind == "para" and lines[k - 1].block.para == b.para and "," in line.bare and (
        _author_list(line.bare)
    ):
        return False  # (nor a card's byline, "Ann Lee, Bo Wu" ending the paragraph of its title and link)
    if line.bare[-1] in SENTENCE_END + ".。:：" or not _title_like(line.bare) or k + 1 >= len(lines):
        return False
    if k > 0 and lines[k - 1].block.kind == "para" and lines[k - 1].block.para == b.para and (
        not lines[k - 1].refs and not lines[k - 1].block.links
    ):
        return False  # (nor the last line of a paragraph of notes on the paper above: "各エージェントが…" / "外敵表彰を…")
    nxt = lines[k + 1].block
    if nxt.kind != "heading" or roles[k + 1] != WEAK or lines[k + 1].refs or nxt.level == 1:
        return False  # (a plain line does not group the page's top headings: "# DETR" … "没有开源" / "# YOLOX")
    before = k - 1  # the last heading of that level before it (a scan back to it, not over the whole article)
    while before >= 0 and not (lines[before].block.kind == "heading" and lines[before].block.level == nxt.level):
        before -= 1
    return (before < 0 or any(lines[j].refs for j in range(before, k))) and any(
        lines[j].refs for j in range(k + 2, min(len(lines), k + 12)) if lines[j].block.kind != "heading"
    ) and not (  # "## HIPIE" / its link / "Hierarchical Open-vocabulary …": that paper's title, not a group label
        before >= 0 and (nick := nickname(lines[before].bare)) and nickname_title(nick, line.bare)[0]
    )


def _heading_list_label(lines: list[Line], roles: list[int], k: int, headed: int, repeated: frozenset[str]) -> bool:
    """Line ``k`` is a bold label (``**代表论文**:``, ``**Key papers**``) under section heading ``headed``, before any
    entry, that the article repeats under other headings (a generated digest's topics, each ``### Topic`` /
    ``**代表论文**:`` / its linked entries) and the only such label under its heading: it names the heading's list, the
    heading stays the section. Two labels under one heading (``**Required:**`` … ``**Optional:**``) are its groups."""
    line = lines[k]
    if headed < 0 or not _bold_label(line) or line.bare not in repeated:
        return False
    if any(lines[j].refs or lines[j].web or roles[j] in (STRONG, ENTRY, TITLE_LINE) for j in range(headed + 1, k)):
        return False  # (after the heading's entries, a label groups the ones under it)
    level = lines[headed].block.level
    kind = _KIND_LABEL_RE.fullmatch(line.bare.strip(" :：")) is not None  # "**Readings**": which kind of list, no topic
    for j in range(k + 1, min(len(lines), k + 200)):  # (the heading's span, within reach)
        o = lines[j]
        if o.block.kind == "heading":
            return o.block.level <= level  # (a sub-heading under it: its groups, not one list)
        if o.block.kind == "para" and roles[j] == WEAK and not o.refs and _bold_label(o) and (
            not kind or _KIND_LABEL_RE.fullmatch(o.bare.strip(" :："))
        ):
            return False  # another label under the same heading: the labels are its groups (but "**Readings**" then
            # "**Videos**", "**Blogs**": the heading's papers, then what else it lists)
    return True


CODE_LABEL_RE = re.compile(r"\s*(?:code|github|repo(?:sitory)?|notebook|colab|demo|website|project page|blog)\b", re.IGNORECASE)
# A numbered session before its topic: "Week 3: ", "Session 4 - ", "Lecture 2 — "
SESSION_TOPIC_RE = re.compile(  # (its date in brackets may come before the topic: "Lecture 4 (Feb 6): ")
    r"\s*(?:week|session|lecture|meeting|seminar|class|module|unit)\s*[0-9]{1,3}\s*(?:[(（][^()（）]{1,24}[)）]\s*)?[:：\-–—]\s*",
    re.IGNORECASE,
)
# A label that only says papers follow ("Additional papers:", "Related readings:"), not a topic
PAPERS_LABEL_RE = re.compile(
    r"^(?:(?:main|additional|related|other|more|further|background|optional|required|follow-up|recommended|suggested|extra|discussed|presented|chosen|selected)"
    r"\s+(?:discussion\s+)?)?(?:papers?|readings?)"
    r"(?:\s+(?:(?:connected|related|relevant|linked|discussed)\s+)?(?:with|to|for|in|of)\s+(?:this|the|today'?s)"
    r"\s+(?:talk|session|lecture|week|meeting|class|presentation))?\s*[:：]\s*$",  # ("Papers connected with this talk:")
    re.IGNORECASE,
)


def _dated_session(line: Line) -> bool:
    """A paragraph all in bold that is a date or a numbered session, then the session's topic (``**Feb 4: Attention 1
    (AL)**``, ``**Week 3: Attention (AB)**``, ``**Session 4 - Calibration**``)."""
    b = line.block
    if b.links or line.refs or not (b.kind == "heading" or (b.kind == "para" and _bold_label(line))):
        return False  # (or a heading: "### Feb 4: Attention (AL)")
    m = DATE_PREFIX_RE.match(line.bare) or SESSION_TOPIC_RE.match(line.bare)
    return m is not None and bool(line.bare[m.end() :].strip())


def _dated_session_label(lines: list[Line], k: int) -> bool:
    """A reading group's archive: a bold date and topic (``**Feb 4: Attention 1 (AL)**``) over two readings or more
    (linked lines, down to the next such label or heading), the session's section, not a paper whose readings they
    are (one reading under it, ``**Jan 21: Title**`` / ``Paper: URL``, stays that paper)."""
    if not _dated_session(lines[k]):
        return False
    readings: set[str] = set()  # (each paper once: its abstract and its PDF are one reading)
    cited = False  # (a reading line that cites its paper by its own title: "Main paper: Lee et al. (2029) Title, URL")
    for line in lines[k + 1 : k + 60]:
        if line.block.kind == "heading" or _dated_session(line):
            break
        if line.label and not line.refs and (TALK_LABEL_RE.match(line.bare) or CODE_LABEL_RE.match(line.bare)):
            continue  # ("Slides: URL", "Code: URL": the session's material, not a reading)
        readings.update(a for a, _t in line.refs)
        readings.update(line.web)
        cited = cited or (bool(line.refs or line.web) and bool(citation_title(line.bare)))
    return len(readings) >= 2 or (len(readings) == 1 and cited)


def _prose_sentence(text: str) -> bool:
    """A sentence, not a label: five words or more ending in a full stop (``Emerging topic, seen a few papers on it
    lately.``); a label may end in one (``**Surveys.**``, ``**2022/05/06, Friday.**``) but is shorter."""
    return len(text.split()) >= 5 and _SENTENCE_STOP_RE.search(text.rstrip(" *_")) is not None


_SENTENCE_STOP_RE = re.compile(r"(?:[a-z]{2}[.!?]|[。！？])$")  # (the line ends as a sentence does)


def _bold_label(line: Line) -> bool:
    """A line all in bold, its colon in or after the bold or none (``**代表论文**:``, ``**Papers:**``, ``**Papers**``)."""
    return bool(line.block.strong) and line.block.strong.strip(" :：") == line.bare.strip(" :：")


def _named_label_links(line: Line) -> bool:
    """A list item that names its paper, then gives its links by label only, the paper's first (``- Name: [paper](arXiv) · [code](…)``,
    ``- Страж: [статья](arXiv) · [код](…)``, ``- Name (note) — [PDF](arXiv)``): an entry titled by its own words."""
    b = line.block
    if b.kind != "item" or not b.links or not b.links[0].text:
        return False
    if not line.refs and not PAPER_HOST_RE.search(b.links[0].href):
        return False  # (its first link is to the paper, on arXiv or a journal's site: "[статья](mdpi.com/…)")
    at = b.text.find(b.links[0].text)
    name = b.text[:at].replace("*", "").strip(" [(【") if at > 0 else ""
    if not name.endswith((":", "：", " -", " –", " —")) or any(not _is_label(link.text) for link in b.links):
        return False
    name = name.rstrip(" :：-–—")
    return len(name) >= 2 and not _is_label(name)


def _bold_label_over_named_links(lines: list[Line], k: int) -> int:
    """Line ``k`` is a bold line alone (``**1. Guard models (outer classifiers)**``, ``**Smoothing**``), maybe with a
    line of description under it (``*A separate model checks each request.*``), over list items that name their papers
    and link them by label (:func:`_named_label_links`): the name of that group, not a paper that takes the first
    bullet's link. The first of those items, else -1 (the description between is the label's, no section)."""
    line = lines[k]
    b = line.block
    if b.kind != "para" or line.refs or line.web or b.links or not b.strong or len(line.bare) > 2 * SECTION_MAX:
        return -1
    j = _next_text(lines, k)
    if j < len(lines) and lines[j].block.kind == "para" and not (lines[j].refs or lines[j].web or lines[j].block.links) and (
        not lines[j].block.strong
    ):
        j = _next_text(lines, j)  # (its description)
    if j >= len(lines) or lines[j].block.kind != "item":
        return -1  # (no list item under it: asked first, the cheapest of the conditions, all of which must hold)
    if not (_bold_label(line) or b.strong.strip(" :：") == b.text.strip(" :：")):  # (its number in the bold too)
        return -1
    if _prose_sentence(line.bare):
        return -1
    return j if _named_label_links(lines[j]) else -1


def _label_between_entries(lines: list[Line], roles: list[int], k: int, cur: Item) -> bool:
    """Line ``k`` (a bold ``**Scaling**:``) stands between list entries that each link their own paper
    (``3. [Title](arXiv)`` above it, ``4. [Title](arXiv)`` under it): the name of the group under it, not a field of the
    entry above."""
    if not _linked_entry(cur.head):
        return False
    nxt = _entry_next(lines, roles, k)
    return nxt is not None and bool(nxt.refs or nxt.web)


def _linked_entry(line: Line) -> bool:
    """A list item or a numbered line that links its paper (arXiv or another site)."""
    return (line.block.kind == "item" or line.ordinal is not None) and bool(line.refs or line.web)


def _entry_next(lines: list[Line], roles: list[int], k: int) -> Line | None:
    """The next line with words after ``k`` (:func:`_next_text`) when it is a list item or a numbered line that may be a
    paper (``STRONG``), else None."""
    j = _next_text(lines, k)
    if j >= len(lines) or roles[j] != STRONG or not (lines[j].block.kind == "item" or lines[j].ordinal is not None):
        return None
    return lines[j]


def _group_label(lines: list[Line], roles: list[int], k: int, cur: Item | None) -> bool:
    """A short bold label ending in ':' alone on its line (``**Scaling:**``, or a plain one after such entries), over list entries that each give their
    paper's titled link, under a heading or after such entries (not inside a paper's card): the name of the group under
    it. (A plain ``Tue:`` in a week's schedule is not: the heading is the section.)"""
    line = lines[k]
    b = line.block
    plain = not b.strong and cur is not None and cur.head.block.kind == "item" and bool(cur.head.refs or cur.head.web)
    plain = plain and not DAY_LABEL_RE.match(line.bare)  # ("Thu:" in a week's schedule: a day, not a group)
    plain = plain and not PAPERS_LABEL_RE.match(line.bare)  # ("Other papers:" after a session's readings: no group)
    if line.refs or line.web or b.links or not (plain or b.strong) or (len(b.strong) < 0.8 * len(line.bare) and not plain):
        return False  # (a plain "Toxicity:" too, between listed papers: not the line that introduces the first list)
    text = b.text.replace("*", "").strip()
    if not text.endswith((":", "：")) or len(text) > 30 or len(text.split()) > 4:
        return False
    if cur is not None and not _linked_entry(cur.head):
        return False
    nxt = _entry_next(lines, roles, k)
    return nxt is not None and (
        any(_good_link_text(t) for _a, t in nxt.refs) or (plain and _link_led_web(nxt))  # (a paper on another site)
    )


def _label_series(lines: list[Line], roles: list[int]) -> set[int]:
    """Plain short labels ending in ':' alone on their lines, two or more under one heading, each right over a list
    whose entries link their papers by title (a course's "Further reading": ``Datasets:`` / ``- [Title](arXiv).
    *Authors*.`` … ``Analysis of datasets:`` / …): each names the group under it, the first one too (one such line
    alone under a heading introduces its list: ``Papers we read:``)."""
    found: set[int] = set()
    group: list[int] = []
    titled = False
    for k in range(len(lines) + 1):
        if k == len(lines) or lines[k].block.kind == "heading":
            if len(group) >= 2 and titled:
                found.update(group)
            group, titled = [], False
            continue
        line = lines[k]
        b = line.block
        if b.kind != "para" or b.links or b.strong or line.refs or line.web or not line.bare.endswith((":", "：")):
            continue
        if len(line.bare) > 30 or len(line.bare.split()) > 4 or not line.bare.strip(" :：") or DAY_LABEL_RE.match(line.bare):
            continue
        if PAPERS_LABEL_RE.match(line.bare):
            continue  # ("Discussed papers:" / "Presented paper:" under a session's heading: what kind of reading, no group)
        j = _next_text(lines, k)
        if j >= len(lines) or lines[j].block.kind != "item" or roles[j] != STRONG:
            continue
        group.append(k)
        while j < len(lines) and lines[j].block.kind == "item" and not titled:
            titled = any(_good_link_text(t) for _a, t in lines[j].refs)
            j += 1
    return found


def _italic_label(lines: list[Line], roles: list[int], k: int) -> bool:
    """A paragraph wholly in italics, short, no link, not a sentence (``<p><em>Code Generation</em></p>``,
    ``*Signal A: Judged by the Model (no answer needed)*``), right over a list entry that gives its paper's titled link
    (arXiv or where the paper lives): the name of the group under it, a sub-section of the heading above."""
    line = lines[k]
    b = line.block
    if b.kind != "para" or b.links or line.refs or line.web or not b.lead_emph or len(line.bare) > 100:
        return False
    if b.lead_emph.strip(" *_") != b.text.strip(" *_") or SENTENCE_END_RE.search(line.bare) or not _title_like(line.bare):
        return False
    nxt = _entry_next(lines, roles, k)
    return nxt is not None and nxt.block.kind == "item" and (
        bool(_host_titled_item(nxt, STRONG)) or (_link_led(nxt) and bool(nxt.refs))
    )


# A label that only says what kind of line follows ("Research papers", "论文列表"): no topic, the heading above stays.
_KIND_LABEL_RE = re.compile(
    r"(?:(?:research|selected|recent|related|other|more|recommended|key|main|further|optional|required|additional|"
    r"suggested|extra|background)\s+)?"
    r"(?:papers?|readings?|publications?|references?)(?:\s+list)?|(?:paper|reading)\s+list|论文(?:列表|清单|推荐)?|文献(?:列表)?",
    re.IGNORECASE,
)


_NUMBER_RUN_RE = re.compile(r"[0-9]{5,}")  # a phone number, a meeting's id, a count: no word of a label


def _plain_label(lines: list[Line], k: int, headed: int) -> bool:
    """Line ``k`` may be a group's plain label: a short paragraph line, no link, not a sentence nor one cut at an open
    word ("… are studied in"), no field nor colon ("原文: Title", "Label:" has rules of its own); right under a heading, only in title case or not in Latin letters (a note
    there is the heading's description)."""
    line = lines[k]
    b = line.block
    if b.kind != "para" or b.in_item or b.links or line.refs or line.web or line.label or not 2 <= len(line.bare) <= SECTION_MAX:
        return False
    text = line.bare.strip()
    if ":" in text or "：" in text or text[-1:] in "-–—" or len(text.split()) > 8 or SENTENCE_END_RE.search(text) or not _title_like(text):
        return False
    if _NUMBER_RUN_RE.search(text):
        return False  # (a group is named in words: "One tap mobile +16465550100,,914147# US", a call's dial-in line
        # over a schedule's table, is none)
    words = text.split()
    if words[-1].casefold() in OPEN_END_WORDS or _KIND_LABEL_RE.fullmatch(text) or _field_line(line):
        return False
    latin = _latin_share(text) >= 0.5
    return not (latin and (k - 1 == headed or len(words) > 5) and not _title_case(words))


def _list_starts(lines: list[Line], lo: int, hi: int) -> Iterator[tuple[int, bool]]:
    """The lists and tables between lines ``lo`` and ``hi``: where each starts and whether one of its items or rows
    links arXiv."""
    k = lo
    while k < hi:
        kind = lines[k].block.kind
        if kind not in ("item", "row"):
            k += 1
            continue
        j, arxiv = k, False
        while j < hi and (lines[j].block.kind == kind or (kind == "item" and lines[j].block.in_item)):
            arxiv = arxiv or bool(lines[j].refs)
            j += 1
        yield k, arxiv
        k = j


def _cell_beside(lines: list[Line], k: int, j: int) -> bool:
    """Lines ``k`` and ``j`` stand in two cells of one layout-table row of three cells or more (``<tr><td>May 8</td>
    <td>Topic</td><td><ul><li>Reading</li></ul></td></tr>``, a schedule's row read as its cells' lines): fields of one
    row, not a label over a list (a row of two, ``<td>Topic</td><td><ul>…</ul></td>``, is a label and its list)."""
    a, b = lines[k].block, lines[j].block
    if a.row == 0 or a.row != b.row or a.cell == b.cell:
        return False
    lo, hi = min(k, j), max(k, j)
    cells = {lines[t].block.cell for t in range(lo, hi + 1)}
    while len(cells) < 3 and lo > 0 and lines[lo - 1].block.row == a.row:  # (the row's lines, from the two out,
        lo -= 1  # until a third cell: a row of thousands of cells is not walked whole for each of its lines)
        cells.add(lines[lo].block.cell)
    while len(cells) < 3 and hi + 1 < len(lines) and lines[hi + 1].block.row == a.row:
        hi += 1
        cells.add(lines[hi].block.cell)
    return len(cells) >= 3


def _table_tops(lines: list[Line], lo: int, hi: int) -> dict[int, int]:
    """For each line from ``lo`` to ``hi`` inside a table (a row, or a line of a layout row's cell): the line with words
    right over that table (``2021 Archive`` / ``<table>`` …), -1 when none; one pass."""
    out: dict[int, int] = {}
    top, inside = -1, False
    for t in range(lo, hi):
        b = lines[t].block
        if b.kind == "row" or b.row:
            if not inside:
                inside, top = True, t - 1
                while top >= lo and not lines[top].bare and not lines[top].refs:
                    top -= 1
            out[t] = top
        else:
            inside = False
    return out


class BodyFacts:
    """Running facts of each item's body while segment appends lines to it (there bodies only grow): the level of its
    deepest line and whether a line of it cites arXiv, each body line read once, not once for every line after it that
    asks (thousands of recap bullets under the last listed paper)."""

    def __init__(self) -> None:
        self.seen: dict[int, tuple[Item, int, int | None, bool]] = {}  # id -> (item, lines read, deepest, cites)

    def _read(self, item: Item) -> tuple[int | None, bool]:
        got = self.seen.get(id(item))
        n, deepest, cites = (got[1], got[2], got[3]) if got is not None and got[0] is item else (0, None, False)
        for o in item.body[n:]:
            deepest = o.block.level if deepest is None else max(deepest, o.block.level)
            cites = cites or bool(o.refs)
        self.seen[id(item)] = (item, len(item.body), deepest, cites)
        return deepest, cites

    def deeper_than(self, item: Item, level: int) -> bool:
        """A line of ``item``'s body is deeper than ``level``."""
        deepest = self._read(item)[0]
        return deepest is not None and deepest > level

    def cites(self, item: Item) -> bool:
        """A line of ``item``'s body has an arXiv reference."""
        return self._read(item)[1]


class ListLabels:
    """An article's label lines over its arXiv lists, heading span by heading span (:func:`_plain_label_over_list`):
    each span's lists walked once, not once for every line of the span that asks (a page of thousands of
    ``Label`` / ``- [Title](arXiv)`` pairs under one heading)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.headings = [i for i, line in enumerate(lines) if line.block.kind == "heading"]  # (where spans end)
        self.memo: dict[tuple[int, int], tuple[bool, frozenset[int]]] = {}

    def span(self, k: int) -> tuple[int, int]:
        """The lines around line ``k`` between the heading before it (the line after it, 0 when none) and the heading
        after it (``len(lines)`` when none)."""
        p, q = bisect_left(self.headings, k), bisect_right(self.headings, k)
        return (self.headings[p - 1] + 1 if p else 0), (self.headings[q] if q < len(self.headings) else len(self.lines))

    def labels(self, lo: int, hi: int, headed: int) -> tuple[bool, frozenset[int]]:
        """For the span from ``lo`` to ``hi``: whether the line over each of its arXiv lists (past link-only lines; over a
        layout table, the line over that table) is a plain label or the span's heading, and those label lines.
        (``headed`` counts only where it is the span's heading: the line right under it must be in title case.)"""
        key = (lo, headed if headed >= lo - 1 else -2)
        if key not in self.memo:
            self.memo[key] = self._labels(lo, hi, headed)
        return self.memo[key]

    def _labels(self, lo: int, hi: int, headed: int) -> tuple[bool, frozenset[int]]:
        lines = self.lines
        found: set[int] = set()
        tops: dict[int, int] | None = None
        for at, arxiv in _list_starts(lines, lo, hi):
            if not arxiv:
                continue
            i = at - 1
            while i > lo and not lines[i].bare and not lines[i].refs:
                i -= 1  # (over link-only and image lines)
            if i >= lo and _cell_beside(lines, i, at):
                tops = _table_tops(lines, lo, hi) if tops is None else tops
                i = tops.get(at, -1)  # (a list in a layout table's row: the line over that table names it)
            if i < lo:
                continue  # (a list right under the heading: the heading names it)
            if not _plain_label(lines, i, headed):
                return False, frozenset()
            found.add(i)
        return True, frozenset(found)


def _plain_label_over_list(lines: list[Line], roles: list[int], k: int, headed: int, labels: ListLabels) -> bool:
    """A plain label line (:func:`_plain_label`) right over a list (or a table) whose items link papers, one at least arXiv
    (``Bias and Fairness`` / ``- ["Title"](arXiv) by Authors``, ``Deep Learning Theory ("Theory")``, ``相机姿态估计``):
    the name of the group under it, when every such list under the same heading has its label or stands right under
    the heading (a page that groups its lists by labels does so for each; a sentence over the first, "The five I
    like most -", makes the others notes). ``labels``: the article's, each span's answer read once."""
    if not _plain_label(lines, k, headed):
        return False
    j = _past_header_row(lines, _next_text(lines, k))
    if j >= len(lines) or lines[j].block.kind not in ("item", "row") or roles[j] != STRONG:
        return False
    if _cell_beside(lines, k, j):
        return False  # "<td>Topic</td><td><ul><li>Reading</li></ul></td>": a row's field, the list the next cell's
    every, found = labels.labels(*labels.span(k), headed)
    return every and k in found


def _label_over_entries(lines: list[Line], roles: list[int], k: int, cur: Item | None) -> bool:
    """A short label ending in ':' alone on its line ("TODO:", "Read next:"), between runs of entries
    ("Title (Author 2022) URL"), never inside a headed or listed paper: the section of the entries under it."""
    line = lines[k]
    b = line.block
    if line.refs or line.web or b.links or b.strong or line.label or not 2 <= len(line.bare) <= 30:
        return False
    if line.bare[-1] not in ":：" or len(line.bare.split()) > 3 or (cur is not None and cur.head.block.kind != "para"):
        return False
    j, run = _next_text(lines, k), 0
    first = j
    for _ in range(3):  # (entries of other sites among them: "Title (Author 2017) https://doi.org/…")
        if j >= len(lines):
            break
        run += roles[j] == ENTRY
        j = _next_text(lines, j)
    return first < len(lines) and roles[first] == ENTRY and run >= 2


def _hosted_paper_heading(lines: list[Line], k: int, titled_levels: frozenset[int]) -> bool:
    """Heading ``k``, wholly a titled link to a paper host (``## [Title](https://dl.acm.org/doi/pdf/…)``, a DOI, a
    PDF) at a level whose linked headings are papers (``linked_title_levels``), with notes of its own under it: a paper
    of a notes log, not the section of the deeper paper headings after it (``### [Title](arXiv)``: the log's next
    papers, kept one level down). (A venue's heading right over its papers, ``## [Venue 2023](proceedings…)`` /
    ``### [Title](arXiv)``, holds no notes: their section.)"""
    line = lines[k]
    b = line.block
    return (
        b.kind == "heading" and b.level in titled_levels and linked_title(line)
        and PAPER_HOST_RE.search(b.links[0].href) is not None
        and k + 1 < len(lines) and lines[k + 1].block.kind != "heading"
    )


def _points_under_paper_heading(lines: list[Line], k: int, cur: Item | None, cur_has_own: bool) -> bool:
    """Line ``k`` right under a heading that is a paper with its own link, over a numbered list whose first points
    link nothing (``## [Title](arXiv)`` / ``They noticed a few things`` / ``1. Heavy users dominate`` / ``2. …``): the
    paper's notes introducing its points, not the section of a list of papers."""
    if cur is None or not cur_has_own or cur.head.block.kind != "heading" or cur.body:
        return False
    run = lines[k + 1 : k + 4]
    return all(not (o.refs or o.web) for o in run if o.block.kind == "item" and o.ordinal is not None)


def _host_links_in_link_list(lines: list[Line], roles: list[int]) -> list[int]:
    """The lines that are only a titled link to where a paper lives (``[Model Predictive Control](its PDF)``,
    ``_host_link_entry``) in notes that list their papers a titled link a line, three or more of them arXiv links
    (``## RL`` / ``[Title](arXiv)`` / ``[Title](arXiv)`` … ``## Robotics`` / ``[Title](a PDF)``): entries too, even
    where no arXiv line is near (next to them, ``_role`` finds them already). One pass over the lines."""
    arxiv_lines = 0  # (counted up to the three it asks for: each is asked whether its link's text is a title)
    for line in lines:
        if line.block.kind in ("para", "item") and len(line.refs) == 1 and bool(line.block.links) and _link_led(line) and (
            _good_link_text(line.block.links[0].text)
        ):
            arxiv_lines += 1
            if arxiv_lines >= 3:
                break
    if arxiv_lines < 3:
        return []
    return [k for k, line in enumerate(lines) if roles[k] == NONE and _host_link_entry(line)]


def _field_name(line: Line) -> str:
    """The name a field line leads with (``**Authors**: Ann Lee`` → ``authors``), else ""."""
    text = line.block.text.replace("*", "").lstrip()
    at = text.find(":")
    return text[:at].strip().lower() if 0 < at <= 24 else ""


def _unlinked_first_card_heading(lines: list[Line], roles: list[int], k: int) -> bool:
    """``#### Title of a Paper`` / ``**Authors**: …`` / ``**Contact**: …`` right under its section, before the next
    heading of its level that is a paper's titled link over the same first field (``#### [Title](arXiv)`` /
    ``**Authors**: …``): the first card of a lab's list, its paper without a link, as an unlinked sibling after
    paper headings is. A title of four words or more, nothing but fields and images between."""
    line = lines[k]
    if line.block.links or line.refs or len(line.bare.split()) < 4 or not _title_like(line.bare.rstrip("?？")):
        return False
    if k + 1 >= len(lines) or not _field_line(lines[k + 1]) or not (name := _field_name(lines[k + 1])):
        return False
    for j in range(k + 1, min(len(lines), k + 30)):
        o = lines[j]
        if o.block.kind == "heading":
            return o.block.level == line.block.level and (bool(o.refs) or linked_title(o)) and (
                j + 1 < len(lines) and _field_name(lines[j + 1]) == name
            )
        if o.refs or roles[j] in (STRONG, ENTRY, TITLE_LINE):
            return False
    return False


_LEAD_TAG_RE = re.compile(r"\[[^\[\]]{1,16}\]\s*")  # "[AI] ", "[HUMAN] ": a list's tag before the title's link


def _hosted_title_bullet(line: Line) -> bool:
    """A bullet that is only its titled link to where a paper lives (a PDF, a proceedings), maybe after a bracketed
    tag (``- [AI] [Twin-Scale Denoising for Small Generative Models](its PDF)``): a title in title case, three words or
    more, nothing after the link (``[Slides](x.pdf)``, ``[Extended version with appendix](x.pdf)`` are not one)."""
    b = line.block
    if line.refs or len(b.links) != 1 or not line.web or PAPER_HOST_RE.search(b.links[0].href) is None:
        return False
    text = b.links[0].text.strip()
    rest = b.text.strip()
    if rest.startswith("[") and not rest.startswith(text):
        rest = _LEAD_TAG_RE.sub("", rest, count=1)
    words = text.split()
    return rest.strip(" []") == text and len(words) >= 3 and _title_case(words) and _title_like(text.rstrip("?？"))


def _label_heading_over_paper_heading(lines: list[Line], k: int) -> bool:
    """``# RL`` right over ``# [From Complexity to Simplicity: …](its PDF)``: a heading of a word or three, no link,
    nothing under it, over a heading of its own level that is a paper (wholly a titled link, or with its arXiv
    reference): notes that set every heading at one level, this one the label of the paper headings after it."""
    line = lines[k]
    if line.block.kind != "heading" or line.block.links or line.refs or k + 1 >= len(lines):
        return False
    if not 0 < len(line.bare.split()) <= 3:
        return False
    nxt = lines[k + 1]
    return nxt.block.kind == "heading" and nxt.block.level == line.block.level and (bool(nxt.refs) or linked_title(nxt))


def _paper_link_under_heading(lines: list[Line], k: int) -> bool:
    """Heading ``k`` without a reference, the line right under it only a label linking a paper host (``## [AlphaNet](its
    blog post)`` / ``[Paper](https://www.nature.com/articles/…)``): the heading is that paper's, whatever its notes
    list under it, not a section."""
    if k + 1 >= len(lines):
        return False
    nxt = lines[k + 1]
    return (
        nxt.block.kind == "para" and nxt.label and not nxt.refs and len(nxt.web) == 1 and len(nxt.block.links) == 1
        and PAPER_HOST_RE.search(nxt.web[0]) is not None
        and PAPER_WORD_RE.fullmatch(nxt.block.links[0].text.strip(" []()*_:：")) is not None  # ("[Paper]", "[PDF]",
        # not "[Slides](x.pdf)" under a reading list's heading)
    )


_PAPER_NOUN_RE = re.compile(r"\b(?:paper|preprint|article)\b")  # (lower case: the common noun, not a title's word)


def _described_paper_link(line: Line) -> bool:
    """A list item led by a link whose words describe the paper it leads to rather than title it (``- [Similar
    paper](arXiv) (outside of Google)``, ``- [Based on RL paper from 2020](arXiv)``, ``- [The original paper this
    extends](arXiv)``): a few words, one of them ``paper``, ``preprint`` or ``article`` in lower case."""
    b = line.block
    if not b.links or not b.text.lstrip().startswith(b.links[0].text.strip()[:8]):
        return False
    text = b.links[0].text.strip()
    return 0 < len(text.split()) <= 8 and _PAPER_NOUN_RE.search(text) is not None


def _groups_items(lines: list[Line], roles: list[int], described_at: list[bool], k: int, sibling: bool = True) -> bool:
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
        if ids and (numbered >= 1 or (items >= 2 and len(ids) >= 2)):
            return True  # (settled: the counts only grow, and the one early "no" above asks that no item came yet)
    # (bullets alone may be the fields of a paper heading: "- **来源**: …" / "- **原文链接**: URL")
    if not (sibling and ids and items == 1 and len(ids) == 1):
        return False
    j = _sibling_before(lines, k)
    return j >= 0 and _groups_items(lines, roles, described_at, j, False)


def _label_over_title(lines: list[Line], k: int) -> bool:
    """Heading ``k`` ends in a colon, a label for what follows, and the line under it is a paper's title field
    (``#### Bonus:`` over ``Paper: "Title" by Authors``)."""
    b = lines[k].block
    return b.kind == "heading" and lines[k].bare.endswith((":", "：")) and not lines[k].refs and (
        k + 1 < len(lines) and _title_field(lines[k + 1])
    )


def _titled_cell(b: Block) -> str:
    """A row's longest cell when it is an English title of three words or more (a paper listed without a link)."""
    cell = max(b.cells, key=len, default="")
    return cell if len(cell.split()) >= 3 and _latin_share(cell) >= 0.8 and _title_like(cell) else ""


def _title_heading(line: Line) -> bool:
    """``### Title: X``, ``## 论文题目：X``: a heading that says it is a paper's title."""
    m = TITLE_PREFIX_RE.match(line.block.text) if line.block.kind == "heading" else None
    return m is not None and _title_like(line.block.text[m.end() :])


_YEAR_MONTH_RE = re.compile(r"(?:19|20)[0-9]{2}\s*[/.\-年]\s*[0-9]{1,2}(?![0-9])")  # "2022/05: Read 36 papers."


def _nests_entries(lines: list[Line], roles: list[int], k: int, memo: dict[int, int]) -> bool:
    """List item ``k`` (no link of its own) holds a nested list whose items are papers of their own, two or more, each
    with its words besides its reference: the group's name, a section (a list used as an outline), not a paper whose
    points those are (``- Title`` over ``  - [Paper](arXiv)``, a link line, is that paper); so is one over a single
    such item after sibling items over one such item each, the first of them over two or more. ``memo``: each item's
    answer, 0 (none), 1 (a group of one after a group), 2 (a group), kept as the items are asked in turn."""
    if k in memo:
        return memo[k] > 0
    level = lines[k].block.level
    n = _nested_entries(lines, roles, k)
    if n != 1:
        memo[k] = n
        return n > 0
    j = k - 1
    while j > max(0, k - 400) and lines[j].block.kind == "item" and lines[j].block.level > level:
        j -= 1  # (back over this item's sibling's nested items)
    o = lines[j].block
    if j == k - 1 or o.kind != "item" or o.level != level or o.links or lines[j].refs:
        memo[k] = 0
    elif j in memo:
        memo[k] = 1 if memo[j] > 0 else 0
    else:
        memo[k] = 1 if _nested_entries(lines, roles, j) >= 2 else 0  # (one sibling back when not asked before)
    return memo[k] > 0


_LETTER_RE = re.compile(r"[^\W\d_]")
_LIST_KIND_RE = re.compile(  # (the kind of what a list holds: "Reading list", "Course Notes", "Papers / Articles")
    r"(?:\b(?:papers?|readings?|reading\s+list|references|articles?|notes|posts?|blogs?|slides|resources|materials"
    r"|links)|论文|文献|阅读|文章|资料|链接)\s*$",
    re.IGNORECASE,
)


def _topic_outline(lines: list[Line], roles: list[int], k: int, memo: dict[int, int]) -> bool:
    """List item ``k`` is one of a list's short link-less topic labels, every top-level item of that list one, each
    over its nested papers (one or more): ``## Oct 17 update`` / ``* Segmentation`` / ``  * [Title](arXiv)`` / ``*
    Tracking`` / ``  * [Title](arXiv)``: the topic is its papers' section, under a heading too (the nearest group).
    Not a sentence over its papers, nor a list where a top-level item is a paper of its own. ``memo``: each list's
    answer, by its first item."""
    def topic(line: Line, j: int) -> bool:
        name = line.bare.rstrip(" :：")  # ("* 分割：" over its papers too)
        return not (line.block.links or line.refs or line.web or len(name) > SECTION_MAX) and (
            name[-1:] not in SENTENCE_END + "." and _LETTER_RE.search(name) is not None
        ) and not _LIST_KIND_RE.search(name) and (_nested_entries(lines, roles, j) >= 1 or _nested_titled_links(lines, j))
        # (not "Required readings:" nor "Reading list", the list's own label; nor a date "**[2031.10.12]**")

    level = lines[k].block.level
    if not topic(lines[k], k):
        return False
    start = k
    while start > 0 and (lines[start - 1].block.in_item or (
        lines[start - 1].block.kind == "item" and lines[start - 1].block.level >= level
    )):  # (back over its sibling's nested papers, the lines they go on to: "<br>:star:[code](…)")
        start -= 1
    if lines[start].block.kind != "item" or lines[start].block.level != level or start in memo:
        return start in memo and memo[start] > 0
    j = start
    while j < len(lines) and (lines[j].block.in_item or (
        lines[j].block.kind == "item" and lines[j].block.level >= level
    )):
        if lines[j].block.kind == "item" and lines[j].block.level == level and j != k and not topic(lines[j], j):
            break
        j += 1
    else:
        memo[start] = 1
        return True
    memo[start] = 0
    return False


def _nested_titled_links(lines: list[Line], k: int) -> bool:
    """The list nested under item ``k`` holds only items led by a titled link (a paper's PDF elsewhere than arXiv,
    ``  * [Title](ecva.net/….pdf)``), one or more, none of them a label line (the item's own paper link)."""
    level, n = lines[k].block.level, 0
    for j in range(k + 1, min(len(lines), k + 400)):
        line = lines[j]
        b = line.block
        if b.in_item:
            continue  # (its "<br>:star:[code](…)" line)
        if b.kind != "item" or b.level <= level:
            break
        if b.level == level + 1:
            if line.label or not b.links or not b.text.startswith(b.links[0].text) or not _good_link_text(b.links[0].text):
                return False
            n += 1
    return n >= 1


_FIELD_LED_RE = re.compile(r"\s*[*_]*[^\s:：\[\]()]{1,16}(?: [^\s:：\[\]()]{1,16})?[*_]*\s*[:：]")  # "Reading:", "Tutorial video:"


def _topic_item(lines: list[Line], roles: list[int], k: int) -> bool:
    """List item ``k`` is a short link-less topic label over nested items that are papers of their own (an arXiv
    link, or a link whose text is a title), at whatever depth and among sibling items that are papers themselves:
    ``* 事件相机`` / ``  * [Title](arXiv)``, ``  * 相机姿态估计`` / ``    * [Title](its PDF)``: the section of its nested
    papers. Not a sentence or a list's own label ("Reading list"), nor a paper whose own link line is under it."""
    line = lines[k]
    b = line.block
    if b.kind != "item" or b.links or line.refs or line.web or not 0 < len(line.bare) <= SECTION_MAX:
        return False
    if line.bare[-1:] in SENTENCE_END + ".:：" or _LETTER_RE.search(line.bare) is None or _LIST_KIND_RE.search(line.bare):
        return False
    level, papers = b.level, 0
    for j in range(k + 1, min(len(lines), k + 400)):
        o = lines[j].block
        if o.in_item and o.kind != "item":
            continue  # (the line a nested item goes on to: "<br>:star:[code](…)")
        if o.kind != "item" or o.level <= level:
            break
        if o.level != level + 1:
            continue
        if lines[j].label or (lines[j].refs and roles[j] != STRONG):
            return False  # its own paper line ("  - Paper: URL", "  - [arXiv](…)"): the item is that paper
        if _FIELD_LED_RE.match(o.text) and not (o.links and o.text.lstrip(" *[").startswith(o.links[0].text.strip())):
            continue  # ("  - Reading: [Lee et al. (2019)](arXiv)": a session's reading, under its topic of the week)
        if roles[j] == STRONG and (lines[j].refs or (
            o.links and lines[j].web and o.text.lstrip(" *[").startswith(o.links[0].text.strip()[:20])
            and _good_link_text(o.links[0].text)
        )):
            papers += 1
    return papers >= 1


def bold_topic_label(b: Block) -> str:
    """The bold label, with its colon, that leads list item ``b`` (``**Retrieval**: we start from the basics …``,
    ``<li><strong>Attention and Memory:</strong> <i>For this session, …</i>``), without that colon; else ""."""
    if b.kind != "item" or not b.strong:
        return ""
    label = b.strong.strip().strip("*").strip()
    rest = b.text.strip()[len(b.strong.strip()) :].lstrip(" *")
    if not (label.endswith((":", "：")) or rest.startswith((":", "："))) or b.text.strip()[: len(b.strong.strip())] != (
        b.strong.strip()
    ):
        return ""
    return label.rstrip(" :：")


def _labelled_topic_item(lines: list[Line], roles: list[int], k: int) -> bool:
    """List item ``k`` leads with a bold topic label and its colon, then maybe a note on the session (``<li><strong>In-
    Context Learning (ICL):</strong> <i>First what it is, then how models use it.</i><ul>…``, ``- **Retrieval**: we
    start from the basics …``), no link of its own, over nested items that are papers of their own: their section,
    named by the label (:func:`bold_topic_label`). Not a list's own label (``**Required readings:**``)."""
    line = lines[k]
    label = bold_topic_label(line.block)
    if not label or line.block.links or line.refs or line.web or len(label) > 2 * SECTION_MAX:
        return False
    if _LETTER_RE.search(label) is None or _LIST_KIND_RE.search(label):
        return False
    return _nested_entries(lines, roles, k) >= 1


def _nested_entries(lines: list[Line], roles: list[int], k: int) -> int:
    """How many papers of their own (0, 1, or 2 for more) the list nested under item ``k`` holds; 0 when one of its
    items is the item's own paper line."""
    level = lines[k].block.level
    ids: set[str] = set()
    for j in range(k + 1, min(len(lines), k + 400)):
        b = lines[j].block
        if b.kind != "item" or b.level <= level:
            break
        if b.level == level + 1 and (lines[j].label or (lines[j].refs and roles[j] != STRONG)):
            return 0  # its own paper line ("  - Paper: URL", "  - [arXiv](…)"): the item is that paper
        if b.level == level + 1 and roles[j] == STRONG and lines[j].refs:  # ("  - [Title](arXiv)", "  - Title [arXiv](…)")
            ids.add(lines[j].refs[0][0])
            if len(ids) >= 2:
                return 2
    return len(ids)


def _names_other_paper(line: Line, cur: Item, has_own: bool) -> bool:
    """``Paper: [Name](arXiv)`` (a line led by a label, its reference's link text a name, not a label or a URL) under
    an item that has its own paper already, or links of its own and no reference and names something else
    (``Sebastian's blog posts: [1][2]``, ``[A blog post](…)``): the line is a paper of its own, not that item's link
    (``- [Title](blog)`` / ``Paper: [Title](arXiv)``, one title twice, is one paper)."""
    b, head = line.block, cur.head
    if b.kind != "para" or not line.refs or line.label or head.block.kind not in ("item", "para"):
        return False
    text = line.refs[0][1].strip()
    lead = LABEL_PREFIX_RE.match(b.text) or READINGS_LEAD_RE.match(b.text)  # ("Paper:", "Paper for debate:")
    if not text or _is_label(text) or "://" in text or normalize(text) is not None or not lead:
        return False
    if has_own:  # (its paper is in its head or on its first lines: "Title" / "Paper: URL")
        if not PAPER_LABEL_RE.search(lead.group()):
            return False  # ("Related: [Other Title](arXiv)" under a paper: its related, not a paper)
        if any(a == line.refs[0][0] for other in (head, *cur.body[:12]) for a, _t in other.refs):
            return False
    elif not head.web or head.refs:
        return False
    name, other = _key(text), _key(head.bare)
    return bool(name) and bool(other) and name not in other and other not in name


_PREPRINT_TEXT_RE = re.compile(r"arXiv:\s*[0-9]{4}\.[0-9]{4,5}|arXiv:\s*[a-z-]+/[0-9]{7}", re.IGNORECASE)


def _cite_lead(b: Block) -> str:
    at = b.text.find(b.links[0].text) if b.links and b.links[0].text else -1
    return b.text[:at].strip() if at > 0 else ""


def _version_pair(lines: list[Line], k: int) -> bool:
    """Line ``k`` and a line next to it in its paragraph cite one paper twice, its authors the same words before the
    link, one of the two links an ``arXiv:ID`` (``Lee, Ann. [Journal](doi) 12.3: 150.`` / ``Lee, Ann. arXiv preprint
    [arXiv:ID](…)``): the published version and its preprint, one reference (not when it quotes its title)."""
    b = lines[k].block
    lead = _cite_lead(b)
    if len(lead) < 6 or '"' in lead or "\u201c" in lead:
        return False  # (a citation that quotes its own title names a paper of its own)
    for j in (k - 1, k + 1):
        if not 0 <= j < len(lines) or lines[j].block.para != b.para or lines[j].block is b:
            continue
        other = lines[j].block
        if _cite_lead(other).split(".")[0] != lead.split(".")[0]:
            continue
        if any(_PREPRINT_TEXT_RE.match(x.text.strip()) for x in (*b.links[:1], *other.links[:1])):
            return True
    return False


def _no_items_under(lines: list[Line], roles: list[int], k: int) -> bool:
    """No list item, entry or title line between heading ``k`` and the next heading."""
    for j in range(k + 1, min(len(lines), k + 60)):
        if lines[j].block.kind == "heading":
            return True
        if roles[j] in (STRONG, ENTRY, TITLE_LINE):
            return False
    return True


def _page_heading(lines: list[Line]) -> int:
    """The article's one level-1 heading, when only a few lines without references come before it and
    headings of a deeper level follow it (``> notes`` / ``# 2024-02-13 更新`` / ``## Title`` …): the
    page's own heading. Its index, else -1."""
    at = -1
    for k, line in enumerate(lines):
        b = line.block
        if b.kind == "heading" and b.level == 1:
            if at >= 0 or k > 12:
                return -1
            at = k
        elif line.refs and at < 0:
            return -1
    if at <= 0 or lines[at].refs:
        return -1
    return at if sum(1 for line in lines[at + 1 :] if line.block.kind == "heading" and line.block.level > 1) >= 2 else -1


def _field_heading_under_section(lines: list[Line], k: int, stack: list[tuple[int, str]]) -> bool:
    """Heading ``k`` gives a field (``##### Time: Friday 15:30``, ``Location: Room 2``) right under the heading of its
    level that opened the current section (``##### 2020 Dec | Topic``): a note on that section, not a new one."""
    b = lines[k].block
    if b.kind != "heading" or k == 0 or lines[k].refs or not stack or stack[-1][0] != b.level:
        return False
    above = lines[k - 1].block
    return above.kind == "heading" and above.level == b.level and SCHEDULE_FIELD_RE.match(b.text) is not None and (
        stack[-1][1] == _section_name(lines[k - 1])
    )


_CARD_FIELD_RE = re.compile(r"(?P<name>[A-Za-z][\w ()./-]{0,29}?)\s*:\s+\S")  # "Date (JST ingest): 2026-01-20"


def _card_lead_field(line: Line) -> str | None:
    """The name of the field a list item gives (``- Date (JST ingest): 2026-01-20``), folded; None for one that is
    not a field, or that links."""
    m = _CARD_FIELD_RE.match(line.bare) if not line.refs and not line.block.links else None
    return m.group("name").casefold() if m else None


_FIELD_HEADING_RE = re.compile(r"[A-Z][a-z]+(?: [a-z]+){0,2}\s?:\s+\S")  # "Date: Mar 18", "Lecture assignment: x"


def _field_heading_run(lines: list[Line], k: int) -> bool:
    """Heading ``k`` is one of a run of three or more headings of one level, each a ``Label: value`` field (a page
    generated from a record: ``#### Date: Mar 18`` / ``#### Slides: URL`` / ``#### Video: URL``): metadata of the
    page, not a section its list sits in."""
    b = lines[k].block

    def field(j: int) -> bool:
        o = lines[j].block
        return o.kind == "heading" and o.level == b.level and _FIELD_HEADING_RE.match(o.text) is not None

    if not field(k):
        return False
    lo = hi = k
    while lo > max(0, k - 2) and field(lo - 1):
        lo -= 1
    while hi + 1 < min(len(lines), k + 3) and field(hi + 1):
        hi += 1
    return hi - lo >= 2  # (looked for two each side at most: linear in a long run)


def _empty_heading_over_numbered(lines: list[Line], k: int) -> bool:
    """Heading ``k`` (level 2 or deeper) holds nothing but is right over a heading of its own level numbered 1 (a
    generated digest's ``## 📰 Summary of Papers`` / ``---`` / ``## 1. Title`` … ``## 20. Title``): the name of the
    numbered headings that follow it, at their level, not a section the first of them closes."""
    b = lines[k].block
    if k == 0 or b.kind != "heading" or b.level < 2 or lines[k].refs or b.links:
        return False  # (the heading that opens the article is its title: "### 每日论文导读" / "### **1. 标题**")
    j = _next_text(lines, k)
    if j >= len(lines) or j != k + 1:
        return False
    nxt = lines[j]
    return nxt.block.kind == "heading" and nxt.block.level == b.level and nxt.ordinal == 1 and not nxt.refs


def _close_sections(stack: list[tuple[int, str]], level: int) -> str:
    """A paper's heading of ``level`` closes the section headings at its level or deeper: the
    section it is under (``## Vision`` / ``### 6. X系列`` / ``#### 6.1 X`` / ``### 7. Y``)."""
    while stack and stack[-1][0] >= level:
        stack.pop()
    return stack[-1][1] if stack else "Papers"


def _intro(text: str) -> bool:
    """"Papers we will discuss on Friday:": a sentence introducing a list, not its section (nor is a connective
    alone, "So:", "Thus:", that goes on from the prose above into the list)."""
    words = text.rstrip(":：").split()
    return text.endswith((":", "：")) and (len(words) >= 4 or len(CJK_RE.findall(text)) >= 6 or (
        len(words) >= 2 and words[-1].lower() in _INTRO_ENDS  # "Further reviews are:": a sentence, however short
    ) or CONNECTIVE_LABEL_RE.fullmatch(text) is not None)  # "训练包括两个步骤："


_INTRO_ENDS = frozenset(("are", "is", "were", "was", "include", "includes", "follow", "follows", "below"))
CONNECTIVE_LABEL_RE = re.compile(r"(?:so|thus|hence|then|now|also|here|therefore|namely)\s*:", re.IGNORECASE)


def _home_link(b: Block) -> bool:
    """A line that is nothing but a link to a site's home page (an affiliation, a banner)."""
    if len(b.links) != 1 or b.links[0].text.strip() != b.text.strip(" *#"):
        return False
    return HOME_URL_RE.match(b.links[0].href) is not None


def _bold_cell(b: Block) -> int:
    """The one cell of a row without links that is wholly bold (``| Week 1 | **Topic** | Dr. Lee |``), or -1."""
    if b.kind != "row" or b.header or b.links:
        return -1
    bold = [i for i, (cell, lead) in enumerate(zip(b.cells, b.leads)) if cell.strip() and lead.strip() == cell.strip()]
    return bold[0] if len(bold) == 1 else -1


def _link_led_cell(b: Block, col: int) -> bool:
    """Cell ``col`` of a row starts with its link to an arXiv paper (``[Title](arXiv) (Required)``), not with bold text
    (nor with a presenter's ``[Name](slides.pdf)``)."""
    lead = b.leads[col].strip() if col < len(b.leads) else ""
    return bool(lead) and any(link.text.strip() == lead and normalize(link.href) is not None for link in b.links)


def _no_session(b: Block, col: int) -> bool:
    """The bold cell names a week without readings (``**Spring break: no class**``, ``**Midterm exam**``): a gap in the
    schedule, not a topic over the rows after it."""
    return NO_SESSION_RE.search(b.cells[col]) is not None


def _topic_row(lines: list[Line], k: int) -> int:
    """A course schedule's topic row: a row without links whose one bold cell (``| | **Model Architectures** | |``,
    ``| Week 1 | **Introduction** | Dr. Lee |``) stands over rows of the same table that give arXiv papers as links in
    that column: the topic is their section. The column of that cell, or -1. (A table that sets its papers' titles in
    bold, linked or not, has no topic rows: the rows below must lead that column with a link.)"""
    b = lines[k].block
    if b.banner:
        return _banner_row(lines, k)
    col = _bold_cell(b)
    if col < 0 or len(b.cells[col]) > SECTION_MAX or not _title_like(b.cells[col].strip()) or _no_session(b, col):
        return -1
    for line in lines[k + 1 : k + 40]:
        o = line.block
        if o.kind != "row" or o.header or ((c := _bold_cell(o)) >= 0 and not _no_session(o, c)):
            return -1
        if line.refs:  # (a topic row of one cell, "| **Topic** | | |", may stand in another column than the titles)
            led = _link_led_cell(o, col) or (b.filled == 1 and any(_link_led_cell(o, c) for c in range(len(o.cells))))
            return col if led else -1
    return -1


def _banner_row(lines: list[Line], k: int) -> int:
    """A row of one cell across the whole table (``<td colspan="4">Part I: Paper Discussion</td>``), without links,
    over rows of the same table that give papers before the next such row: a label of those rows, their section
    (bold or not: spanning the table marks it). 0, or -1."""
    b = lines[k].block
    text = b.cells[0].strip()
    if b.links or len(text) > SECTION_MAX or not _title_like(text) or NO_SESSION_RE.search(text):
        return -1
    for line in lines[k + 1 : k + 80]:
        o = line.block
        if o.kind != "row" or o.banner:
            return -1
        if line.refs or any(link.text for link in o.links):
            return 0
    return -1


# The characters a session's label can start with (SESSION_LABEL_RE, and DATED_SESSION_RE after it, matched from the
# line's first character: "week", "session", "lecture", "meeting", "seminar", "class", "day", "module", "unit" in any case,
# "ſ" being an "s" to a pattern that ignores case; "第"): a line that starts with another is no session's label.
_SESSION_FIRST = frozenset("CDLMSUWcdlmsuwſ第")


def _may_name_session(text: str) -> bool:
    """``text`` starts with a character a session's label can start with (:data:`_SESSION_FIRST`): only then can
    SESSION_LABEL_RE or DATED_SESSION_RE match it whole (asked first, instead of both patterns, of every line)."""
    return text[:1] in _SESSION_FIRST


def _session_match(text: str) -> re.Match | None:
    """``Week 1``, ``第2周``, or a session card's ``Week 8 2026-05-15 Audio Representations``: its label."""
    if not _may_name_session(text):
        return None
    if (m := SESSION_LABEL_RE.fullmatch(text)) is not None or len(text) > 120:
        return m
    return DATED_SESSION_RE.fullmatch(text)


def _session_lead(m: re.Match) -> str:
    return (m.group("lead") or m.group("zh")).lower()


def _session_label(lines: list[Line], roles: list[int], k: int, sessions: Counter) -> bool:
    """A line that is only a session's label (``Week 1``, ``第2周``), one of a series of two or more in the article,
    without links, over a paper within the next few lines (a ``Title: X`` field, an entry) before the next label: the
    section of the talks under it (a meeting log's weeks, not headings)."""
    line = lines[k]
    m = _session_match(line.bare)
    if m is None or line.block.links or sessions[_session_lead(m)] < 2:
        return False
    for j in range(k + 1, min(len(lines), k + 8)):
        if _session_match(lines[j].bare) or lines[j].block.kind == "heading":
            return False
        if roles[j] in (STRONG, TITLE_LINE, ENTRY):
            return True
    return False


def _under_papers_label(lines: list[Line], k: int) -> bool:
    """Bullet ``k`` is a bare URL in a run of them right under a label that only says papers follow (a talk's ``-
    Session 1: Ann Lee`` / ``Papers connected with this talk:`` / ``  1. https://arxiv.org/abs/ID``): a reading of its
    own, not the link of the talk above."""
    j = k
    while j > 0 and j > k - 50 and lines[j].block.kind == "item" and url_led(lines[j]):
        j -= 1
    return j < k and PAPERS_LABEL_RE.match(lines[j].bare) is not None and not (lines[j].refs or lines[j].block.links)


def _session_item(lines: list[Line], k: int, sessions: Counter) -> bool:
    """List item ``k`` is only a session's label (``Day 1``, ``Week 3:``), no link, one of two or more such items of
    its level, over items nested under it (``- Day 1`` / ``  - Session 1: Ann Lee`` / ``    1. Title``): the
    section of the talks and papers nested under it, at whatever depth (a timeline of days)."""
    line = lines[k]
    b = line.block
    if b.kind != "item" or b.links or line.refs or (m := SESSION_LABEL_RE.fullmatch(line.bare)) is None:
        return False
    if sessions[(_session_lead(m), b.level)] < 2:
        return False
    for j in range(k + 1, min(len(lines), k + 6)):
        o = lines[j].block
        if o.kind == "item":
            return o.level > b.level
    return False


def _without_link_aside(link: str, text: str) -> str:
    """A heading's text without the link in brackets it ends on, its one link (``### QA: dense ([leaderboard](…)):``,
    ``### vision [[benchmarks](…)]``: a pointer to another page, not the group's name), nor the colon after it:
    ``QA: dense``, ``vision``."""
    link = link.strip()
    body = text.rstrip(" :：")
    for tail in (f"({link})", f"[{link}]", f"（{link}）") if link else ():
        if body.endswith(tail) and (name := body[: -len(tail)].rstrip(" :：-–—")):
            return name
    return text


def _section_name(line: Line) -> str:
    if line.block.banner:
        return clean_line(line.block.cells[0])[:120] or "Papers"  # (a row across the table: its one cell)
    if line.block.kind == "row" and (col := _bold_cell(line.block)) >= 0:
        return clean_line(line.block.cells[col])[:120] or "Papers"  # (a schedule's topic row: its bold cell)
    if (m := NUMBERED_LABEL_RE.match(line.bare)) and line.block.kind == "para":
        return m.group("name")  # "01Academia": the bar's name, not its number
    if line.block.kind == "para" and line.bare[:1].isalpha() and (m := DATED_SESSION_RE.fullmatch(line.bare)):
        return m.group("label").rstrip(" :：")  # "Week 8 2026-05-15 Audio Representations": the session's label
    if label := bold_topic_label(line.block):
        return clean_line(label)[:120]  # "- **Retrieval**: we start from …" over its papers: the label
    text = line.block.text.strip().strip("*#").strip()
    if text[:1] in "[【" and text[-1:] in "]】":  # "[ 自然语言处理 ]"
        text = text[1:-1].strip()
    if text[:2] == "==" and text[-2:] == "==":  # "=== 创始论文 ===": the name between the rules
        text = text.strip("=").strip()
    if line.block.kind == "heading" and len(line.block.links) == 1 and not line.refs:
        text = _without_link_aside(line.block.links[0].text, text)
    if text.endswith((":", "：")) and line.block.strong:  # "**Scaling**:": the group's name, not its colon
        text = text[:-1].strip().strip("*").strip()
    return clean_line(text)[:120] or "Papers"
