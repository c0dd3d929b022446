"""Lines → roles: what each line of an article may be (its role, ``_role``), before looking at the lines around
it, and the tests on one line's own shape that the roles, ``sections.py`` and ``papers.py`` use; the ``Item`` a
paper's head line starts, and for table rows the column that holds its title (``header_cols``). Part of the third
step of the article importer (read → blocks → lines → **items** → papers, ``digest.py``); ``sections.py`` groups
the lines into items under their sections (``segment``)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..arxiv_ids import find_refs, normalize
from .blocks import Block, Link
from .lines import (
    _PERSON_RE,
    REPLACE_BUDGET,
    Line,
    _entry_like,
    _field_line,
    _is_label,
    _links_only,
    _local_href,
    _title_like,
    byline_venue,
    has_digit,
    kind_runs,
    whole_bold_title,
)
from .shapes import (
    APA_LEAD_RE,
    AUTHOR_CITE_RE,
    AUTHOR_SPLIT_RE,
    AUTHOR_YEAR_RE,
    AUTHORS_FIELD_RE,
    CITATION_YEAR_RE,
    CITE_LINK_RE,
    CITED_AUTHORS_RE,
    CITED_NOTE_RE,
    CJK_RE,
    DESCRIBED_RE,
    EMPH_BY_RE,
    FIELD_VALUE_RE,
    LABEL_PREFIX_RE,
    MLA_CITATION_RE,
    NOTE_AFTER_YEAR_RE,
    ONE_WORD_RE,
    PAPER_COLUMN_RE,
    PAPER_HEADING_RE,
    PAPER_HOST_RE,
    PAPER_LABEL_RE,
    QUOTED_CITATION_RE,
    SECTION_MAX,
    SECTION_RE,
    SENTENCE_END_RE,
    SYMBOLS_RE,
    TITLE_HEADER_RE,
    TITLE_LABEL_RE,
    TITLE_MAX,
    TITLE_NAME_RE,
    TITLE_PREFIX_RE,
    TOPIC_HEADER_RE,
    URL_RE,
    VENUE_TAIL_RE,
    VENUE_YEAR_RE,
    WORDISH_RE,
    YEAR_LEAD_RE,
    YEAR_NOTE_LEAD_RE,
    YEAR_NOTE_RE,
)
from .titles import _author_list, _good_link_text, _key, _latin_share, _title_case, citation_title


@dataclass
class Item:
    section: str
    head: Line
    strong: bool  # a numbered/list/row head: may take a reference from its prose
    body: list[Line] = field(default_factory=list)
    title_col: int = -1  # table rows: the column a header names as the title (else the one holding the links)
    title_named: bool = False  # table rows: a header names that column for papers ("Paper", "论文")
    title_only: bool = False  # table rows: the header is that word alone ("Title", "标题"): the cell holds the title
    who_cols: tuple[int, ...] = ()  # table rows: the columns a header names for people ("Speaker", "Qui parle ?")
    labelled: bool = False  # a heading or bold title with a "Paper:" / "论文链接" line of its own
    title_line: bool = False  # a plain title line over its label line ("Title" / "文章链接：URL")
    topic_link: str = ""  # table rows: its title cell is a topic other rows share, a dash, then this link's text
    links: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)  # (papers.py: the links it
    # finds for the item, each looked for once: "own", "title")

    def refs(self) -> list[tuple[str, str, Line]]:
        out = [(a, t, self.head) for a, t in self.head.refs]
        for line in self.body:
            if line.refs:
                out.extend((a, t, line) for a, t in line.refs)
        return out


STRONG, WEAK, ENTRY, TITLE_LINE, SECTION, NONE = range(6)


_SENTENCES_RE = re.compile(r"[a-z)]{2}[.!?]\s+(?:[A-Z][a-z]|[0-9])")  # "… of the sky. It works …": two sentences


def _card_prose(lines: list[Line], k: int) -> bool:
    """Line ``k`` is the abstract of a card whose heading is right above it (``<h2>Talk title</h2>`` / ``<p>We
    present … . It works …</p>`` / ``Link to the paper``): prose of two sentences or more, no title of its own."""
    if k == 0 or lines[k - 1].block.kind != "heading" or lines[k - 1].refs or lines[k].block.kind != "para":
        return False
    if len(lines[k].bare.split()) >= 12 and _SENTENCES_RE.search(lines[k].bare) is not None:
        return True
    head = lines[k - 1].bare  # (one sentence with its full stop under a heading of a talk's title: "A talk on X.")
    return lines[k].block.text.rstrip()[-1:] == "." and " et al" not in lines[k].bare and len(head.split()) >= 3 and (
        _title_like(head) and not has_digit(head)
    )




def self_linked_title(line: Line) -> bool:
    """A line that is wholly one link, not to arXiv (``<div class="paper-title"><a href="its project page">Title</a>
    </div>``): a card's title linked to the paper's own page, its arXiv link further down the card."""
    b = line.block
    return len(b.links) == 1 and not line.refs and b.links[0].text.strip() == b.text.strip() != ""


def _byline_under_title(lines: list[Line], k: int) -> bool:
    """Line ``k`` is only the authors' names (``Ann Lee, Bo Wu``, ``Cy Diaz``), right under a title line of its own
    (no link, not names itself): a card's byline between its title and its link, no title."""
    line, above = lines[k], lines[k - 1] if k > 0 else None
    if above is None or above.block.kind not in ("para", "item", "heading") or (
        above.block.links and not self_linked_title(above)
    ) or line.block.kind != "para" or (
        line.block.links or (above.block.kind == "item" and not line.block.in_item)
    ):
        return False  # (an item's title, its byline on the item's next line: "<li>Title<br>Ann Lee<br>[arXiv]</li>")
    if len(line.bare) > 200 or has_digit(line.bare) or not _author_list(line.bare.strip(" .")):
        return False
    parts = [p for p in AUTHOR_SPLIT_RE.split(line.bare.strip(" .")) if p]
    if not parts or not all(_PERSON_RE.fullmatch(p) for p in parts) or (len(parts) == 1 and len(parts[0].split()) > 3):
        return False  # (a person's name has two words or more: "Vision" is a topic's label, "Weakly Labelled Gesture
        # Segmentation" a title)
    words = above.bare.split()
    above_parts = [p for p in AUTHOR_SPLIT_RE.split(above.bare.strip(" .")) if p]
    names = not any(c in above.bare for c in "?？:：") and all(_PERSON_RE.fullmatch(p) for p in above_parts) and (
        len(words) <= 3 or len(above_parts) >= 2
    )  # (not "Ann Lee, Bo Wu" over "Cy Diaz"; "When Do Lanterns Flicker?", "Tide Sampling and Transfer" are titles)
    return _title_like(above.bare.rstrip("?？")) and not names and len(words) >= 2 and (
        above.bare[:1].isupper() or above.bare[:1].isdigit()  # (a title may start with a number: "3D-aware Blending …")
    ) and (
        above.block.text.rstrip()[-1:] != "."  # (not a sentence's end, "and keep accuracy.", over a title in title case)
    )


def _under_bold_title(lines: list[Line], k: int) -> bool:
    """Line ``k`` is under a whole-line bold title in its own paragraph, no link between: "<b>Title</b><br>Authors
    (2020).<br>Venue<br>[arXiv version]", a homepage's publication entry; its byline or venue, not a title."""
    para = lines[k].block.para
    for j in range(k - 1, max(-1, k - 4), -1):
        o = lines[j].block
        if o.para != para or o.kind != "para" or lines[j].refs or lines[j].web or o.links:
            return False
        if o.strong and o.strong.strip(" .") == lines[j].bare.strip(" .") and _title_like(o.strong.strip(" .")):
            return True
    return False


def _cited_prose_under_title(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a paragraph of prose led by a link that cites its paper by who and when, right under a bold
    title of its own line (``***Reef Question Benchmark***`` / ``[Lee et al. (2029)](arXiv) published a benchmark
    …``): the title's body, the link no entry of its own."""
    b = lines[k].block
    if k < 1 or b.kind != "para" or not b.links or not b.text.startswith(lead := b.links[0].text):
        return False
    rest = b.text[len(lead) :].split(None, 1)
    if not rest or not rest[0][:1].islower() or AUTHOR_YEAR_RE.fullmatch(lead.strip(" *_")) is None:
        return False
    above = lines[k - 1]
    return not above.refs and not above.web and not above.block.links and whole_bold_title(above, 0)


def _source_credit_under(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a figure's caption credited to its source by a label link after a dash (``*“Questions share one
    structure.” —* [*source*](arXiv)``) under a paragraph that cites the same paper and is no entry
    (``[Lee et al. (2029)](arXiv) published …``): that paragraph's figure, no entry of its own."""
    b = lines[k].block
    if k < 1 or b.kind != "para" or len(b.links) != 1 or not _is_label(b.links[0].text.strip(" *_")):
        return False
    at = b.text.rfind(b.links[0].text)
    if at <= 0 or b.text[at + len(b.links[0].text) :].strip() or not b.text[:at].rstrip().rstrip("*_[").rstrip().endswith(("—", "–", "-")):
        return False  # (a dash before its source's link: "*“Caption.” —* [*source*](…)")
    ids = {a for a, _t in lines[k].refs}
    return any(a in ids for a, _t in lines[k - 1].refs) and _cited_prose_under_title(lines, k - 1)
def _status_under_bold_title(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a bracketed line of the same paragraph right under a bold title, the whole line above
    (``<p><b>Title of the Paper</b><br>[ under review ]</p>``, ``[ IEVC 2024 ]``: a homepage's publication card): that
    card's status or venue, no ``[Topic]`` section over the cards after it."""
    if k == 0:
        return False
    b, above = lines[k].block, lines[k - 1].block
    return b.kind == above.kind == "para" and b.para == above.para and bool(above.strong) and (
        above.strong.strip(" .") == lines[k - 1].bare.strip(" .")
    ) and len(above.strong.split()) >= 3 and _title_like(above.strong.strip(" .").rstrip("?？!！"))  # (a title, not
    # "**Week 3**")


def _role(lines: list[Line], k: int) -> int:
    """What line ``k`` may be, before looking at what follows it."""
    line = lines[k]
    b = line.block
    if line.label or b.kind == "code":
        return NONE
    if b.kind == "section":
        return SECTION
    if b.kind == "row":
        if b.header:
            return NONE
        if b.filled < 2 and not (line.refs and b.links) and not _cited_row(line):
            return NONE
        return STRONG  # (a cell of badge links is filled; a row of one linked reading under a session's row is one)
    if not line.refs and _field_line(line):
        return NONE  # "Authors: …", "**分类: cs.SD**": a field of the paper it is under
    if b.kind == "heading" and not line.refs and not b.links and TITLE_NAME_RE.fullmatch(line.bare.strip(" :：*")):
        return NONE  # "#### 论文题目" over the title line: the field's name, no section
    if b.kind == "heading" and PAPER_HEADING_RE.match(b.text):
        return WEAK  # "## 二、论文一：标题": a paper, not a section (segment: _owned_span)
    if SECTION_RE.match(b.text) and not line.refs and not line.web and len(b.text) <= SECTION_MAX and (
        not _status_under_bold_title(lines, k)
    ):
        return SECTION  # ("[Topic]"; not "[[10.1101/…](https://doi.org/…)]", a card's link)
    if line.ordinal is not None and not line.bare and line.refs and b.kind == "para" and not line.label:
        return STRONG  # "9. https://arxiv.org/pdf/ID" among "N. Title: URL" lines: a numbered paper, no title given
    if line.ordinal is not None and line.bare and len(line.bare) <= TITLE_MAX:
        if not line.refs and line.bare[0] == "#" and line.bare[1:2].strip() and line.bare[1] != "#":
            return NONE  # "8.8 #语音增强 前25%": a score and the card's tags, not a numbered paper
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        asks = b.kind == "heading" or (b.strong and b.strong.strip(" :：") == line.bare.strip(" :：")) or (
            nxt is not None and nxt.label and bool(nxt.refs)
        ) or (nxt is not None and AUTHORS_FIELD_RE.match(nxt.bare) is not None)
        # ("## 21. Why X?", "1. **Do X?**", "1. Do X?" over its "- 链接: URL" or its "Authors: …": a title may ask; a numbered
        # question in plain prose is a point, not a paper)
        bare = line.bare.rstrip(":").rstrip("?？") if asks else line.bare.rstrip(":")
        if not (line.refs or line.web or b.links) and (not _title_like(bare) or line.bare[-1] == "："):
            return NONE  # "1. 主动降低学习率是模拟退火；": a numbered point in prose, not a paper
        return STRONG
    if b.kind == "item":
        if _byline_item(lines, k):
            return NONE  # "## Title" / "- Ann Lee" / "- Bo Wu": a paper card's authors, one a list item
        return STRONG if line.bare or line.refs else NONE
    if b.kind == "heading":
        return WEAK
    if b.strong and (
        len(b.strong) >= 0.5 * len(line.bare) or _dash_after(b) or _year_after(b) or _authors_after(b) or _cite_link_after(b)
    ) and (
        _title_like(b.strong.rstrip("?？!！"))
    ):
        return WEAK  # "**Title**", "**Title** — what it does"
    if b.kind == "para" and not line.web and not b.links and "(" in b.text and APA_LEAD_RE.match(b.text):
        return ENTRY  # "Linsker, R. (1990). Title. Venue": a reference without a link
    if b.kind == "para" and not line.refs and line.web and "(" in b.text and apa_linked_title(b) is not None:
        return ENTRY  # "Ann Lee, Bo Wu (2022). [Title](its SSRN page). Journal.": a reference list's entry, linked
    if b.kind == "para" and "(" in b.text and QUOTED_CITATION_RE.match(b.text):
        return ENTRY  # 'Lee, Ann et al. (2024). "Title." Venue': a reference list's entry, with its links or none
    if b.kind == "para" and '"' in b.text and MLA_CITATION_RE.match(b.text):
        return ENTRY  # 'Lee, Ann, et al. "Title." Venue 34 (2031): 1-9.': a reference (MLA, Chicago), with its id or none
    if emph_by_citation(line):
        return ENTRY  # "*Title* by Author et al. - 🔘": a reference without a link
    if _host_link_entry(line) and any(
        o.refs and _link_led(o) for o in lines[max(0, k - 2) : k + 3] if o is not line
    ):
        return ENTRY  # "[*Title*](its PDF) - 🔘" among "[*Title*](arXiv) - 🔘" lines
    if b.kind == "para" and not line.refs and line.web and (label := _title_then_label_link(line)) and any(
        o.refs and _title_then_label_link(o) == label for o in lines[max(0, k - 8) : k + 9] if o is not line
    ):
        return ENTRY  # "Title [link](its journal's page)" among "Title [link](arXiv)" cards
    if b.kind == "para" and not line.refs and line.web and year_tagged_link(b) and any(
        o.refs and year_tagged_link(o.block) for o in lines[max(0, k - 2) : k + 3] if o is not line
    ):
        return ENTRY  # "[2024] [Title](its OpenReview page)" among "[2024] [Title](arXiv)" paragraphs
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if k > 0 and _note_page_title(lines[k - 1]) and not b.links and nxt is not None and nxt.label and (
        nxt.refs or nxt.web
    ):
        return NONE  # "[Title](its notes page)" / "概要/ 手法/" / the paper's URL: the card's outline, not its title
    if nxt is not None and nxt.label and _title_like(line.bare.rstrip("?？")) and len(line.bare) <= 200 and (
        not _venue_line(line)
    ) and not _under_bold_title(lines, k) and (
        not line.refs
    ) and not _affiliation_under_byline(lines, k) and not _field_value_under(lines, k) and not (
        not nxt.refs and not nxt.web and TITLE_LABEL_RE.search(nxt.block.text)  # ("[Paper Title]" names the line under it)
    ) and not (
        k + 2 < len(lines) and not nxt.refs and lines[k + 2].refs and _link_led(lines[k + 2])
    ) and not _card_prose(lines, k) and not _byline_under_title(lines, k):  # (a card's header over its "Notes"
        return TITLE_LINE  # links, then a paper's own titled link: not that paper's title)
    if nxt is not None and k + 2 < len(lines) and lines[k + 2].label and lines[k + 2].refs and not line.refs and (
        b.kind == "para" and (not line.web or self_linked_title(line)) and _title_like(line.bare.rstrip("?？")) and (
            len(line.bare) <= 200
        ) and (
            _field_line(nxt) or (nxt.bare[:1].islower() and not nxt.refs and _title_case(line.bare.split()))
            or _byline_under_title(lines, k + 1)  # ('<div class="title">' / '<div class="authors">' / "[paper]")
        )
    ):  # (or a note on it, "from Lab X": a title starts with a capital)
        return TITLE_LINE  # "Title" / "作者：Authors" / "论文链接：URL": its authors between the title and its link
    if nxt is not None and k + 2 < len(lines) and _note_page_title(line) and not nxt.block.links and (
        lines[k + 2].label and (lines[k + 2].refs or lines[k + 2].web)
    ):
        return TITLE_LINE  # a notes index's card: "[Title](its notes page)" / an outline of the notes / the paper's URL
    if _title_field(line):
        return TITLE_LINE  # "论文：Title" (its link, if any, on a label line under it)
    if line.refs and b.in_item and k > 0 and lines[k - 1].block.kind == "item" and not lines[k - 1].refs and (
        not lines[k - 1].web and byline_venue(line.bare)
    ):
        return NONE  # "<li><p>Title</p><p>Ann Lee, Bo Wu. ICML 2030. <a>PDF</a></p></li>": the byline of the title
        # above, with its link (a <dt> title and its <dd> too)
    if line.refs and (_cited_prose_under_title(lines, k) or _source_credit_under(lines, k)):
        return NONE  # "***Title***" / "[Lee et al. (2029)](arXiv) published …" / its figure's caption: the title's body
    if line.refs and (_entry_like(line) or _link_led(line) or _titled_after_link(line) or _name_year_led(line)):
        return ENTRY
    if line.refs and b.kind == "para" and _paper_labelled_link(line):
        return ENTRY  # "… Very cogent content. Paper: [Title](arXiv)": prose about the paper it names
    if line.refs and b.kind == "para" and _news_of_a_paper(lines, k):
        return ENTRY  # "Ann Lee published a [paper](arXiv) titled …": a newsletter's note on a new paper
    if (line.refs or line.web) and _title_field_link(line):
        return ENTRY  # "Title: [Title](arXiv) (EMNLP 2021)": the title field of a paper's card, its link
    if line.web and b.kind == "para" and PAPER_HOST_RE.search(line.web[-1]) and _entry_like(line) and (
        b.text.rstrip(" .").endswith(line.web[-1])
    ):
        return ENTRY  # "Title (Author 2020) https://doi.org/…": a plain-text entry ending in its paper's link
    if _cited_link(line):
        return ENTRY  # "Alur, Udupa: [Title](url). TACAS'17"
    return NONE


# A card's venue line: "*Preprint, October 2023.*", "*Nature Methods, 2019.*" (where, then when: no title)
_VENUE_DATE_RE = re.compile(r"[^,]{2,80},\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)[0-9]{2}[.\s]*")


def apa_linked_title(b: Block) -> Link | None:
    """``Ann Lee, Bo Wu (2022). [Title of the Paper](url). Venue.``: the link of a citation whose title (three words or
    more) is linked right after its authors and year in brackets (the authors' names may link their pages), else None."""
    for link in b.links:
        at = b.text.find(link.text) if len(link.text.replace("-", " ").split()) >= 3 else -1  # ("Fuzzy X-in-X")
        if 0 < at <= 400 and b.text[:1].isupper() and CITATION_YEAR_RE.search(b.text, 0, at) is not None and (
            _good_link_text(link.text)
        ):
            return link
    return None


def _venue_line(line: Line) -> bool:
    """A line set wholly in italics that names where and when a paper appeared (``*ACS Catalysis, May 2022.*``,
    between a bold title and its link): no title of its own."""
    b = line.block
    return bool(b.lead_emph) and _key(b.lead_emph) == _key(line.bare) and _VENUE_DATE_RE.fullmatch(line.bare) is not None


def _cited_row(line: Line) -> bool:
    """A table row whose one filled cell is a citation linked to where its paper lives (``<td><a href="…pdf">Ann Lee,
    Bo Wu. Title, JMLR 2020.</a></td>``, a reading list's row among rows that cite arXiv papers): a paper."""
    b = line.block
    return len(b.links) == 1 and len(line.web) == 1 and PAPER_HOST_RE.search(line.web[0]) is not None and bool(
        citation_title(b.links[0].text)
    )


def _note_page_title(line: Line) -> bool:
    """A line that is only a title linked to a page of the site's own (``<a href="vae-notes.html">Title</a>``): a
    notes index's card header, the paper's own link on a line of its own under it."""
    b = line.block
    return b.kind == "para" and not line.refs and len(b.links) == 1 and _local_href(b.links[0].href) and (
        b.links[0].text.strip() == b.text.strip()
    ) and _title_like(line.bare.rstrip("?？")) and len(line.bare) <= 200


def year_tagged_link(b: Block) -> bool:
    """A line that is a year tag and one titled link (``[2024] [Title](arXiv)``, ``(2024) [Title](…)``): an entry
    whose title is its link's text, the year only when it appeared."""
    m = YEAR_LEAD_RE.match(b.text)
    return m is not None and len(b.links) == 1 and b.text[m.end():].strip() == b.links[0].text.strip() != ""


def _one_name(line: Line) -> bool:
    """A list item that is one person's name and nothing else (``- Ann B. Lee``): no link, two to five words (``Ann G. de G. Lee``)."""
    b = line.block
    if b.kind != "item" or b.links or line.refs or line.web or line.ordinal is not None:
        return False
    text = line.bare.strip()
    words = text.split()
    return 2 <= len(words) <= 5 and len(text) <= 50 and not has_digit(text) and (
        _author_list(text) and len([p for p in AUTHOR_SPLIT_RE.split(text) if p]) == 1
    )


def _byline_item(lines: list[Line], k: int) -> bool:
    """Line ``k`` is one of the list items right under a heading that each give one person's name (``## Title`` /
    ``- Ann Lee`` / ``- Bo Wu`` / abstract / ``- [PDF](arXiv)``, a generated page's paper card): the paper's authors,
    not entries of a section. Two names or more."""
    if not _one_name(lines[k]):
        return False
    j = k - 1
    while j >= 0 and k - j <= 40 and _one_name(lines[j]):
        j -= 1
    if j < 0 or lines[j].block.kind != "heading" or lines[j].refs or lines[j].web:
        return False
    return k - j >= 2 or (k + 1 < len(lines) and _one_name(lines[k + 1]))


def _affiliation_under_byline(lines: list[Line], k: int) -> bool:
    """Line ``k`` follows a heading's byline (``## Title`` / ``Ann Lee and Bo Wu`` / ``Lab X, Univ Y`` / ``[Full
    paper](arXiv)``, a newsletter's paper card): it is the authors' affiliation, the heading the paper's title."""
    if k < 2 or lines[k - 2].block.kind != "heading" or lines[k - 2].refs or lines[k - 2].web:
        return False
    return byline(lines[k - 1].block)


def _field_value_under(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a later line of a list item that a field opens with no value (``- **Subjects:**`` / ``Astrophysics
    of Galaxies (astro-ph.GA)``, the value wrapped under its label, then ``- **Arxiv link:** URL``): the field's value,
    not a title over the link."""
    b = lines[k].block
    if k < 1 or not b.in_item:
        return False
    prev = lines[k - 1].block
    return prev.kind == "item" and prev.para == b.para and prev.strong.endswith((":", "：")) and (
        prev.text.rstrip().endswith((":", "："))
    )


def byline(b: Block) -> bool:
    """``Ann Lee and Bo Wu``, ``Cy Diaz, et al.``: a paragraph of two names or more, nothing else."""
    return b.kind == "para" and not b.links and len(b.text) <= 300 and not (
        SENTENCE_END_RE.search(b.text) and " et al" not in b.text  # (a sentence is no byline; "Cy Diaz, et al." is one)
    ) and _author_list(b.text) and (
        len([p for p in AUTHOR_SPLIT_RE.split(b.text) if p]) >= 2 or "et al" in b.text  # (names, not one name)
    )


def card_header(item: Item) -> list[Line]:
    """A paper card's lines between its heading (or title line) and its link line (``## Title`` / ``Ann Lee and Bo
    Wu`` / ``Lab X`` / ``[Full paper](arXiv)``, ``<div>Title</div><div>Ann Lee; Bo Wu</div><div><a>Paper</a></div>``):
    its byline and their affiliation, not its summary."""
    body = item.body
    if item.head.block.kind not in ("heading", "para") or len(body) < 2 or body[0].block.kind != "para":
        return []
    if body[1].label and body[1].refs:
        return body[:1] if byline(body[0].block) else []
    if len(body) >= 3 and body[2].label and body[2].refs and body[1].block.kind == "para" and not body[1].block.links and (
        len(body[1].bare) <= 120 and SENTENCE_END_RE.search(body[1].bare) is None
    ):
        return body[:2] if byline(body[0].block) else []
    return []


def _name_year_led(line: Line) -> bool:
    """``> [Gale](arXiv)（2027）— 一句话``: a paragraph's line led by its arXiv link named by one word, then the year in
    brackets (a slide's citation of its paper; a name in prose, ``[DETR](…) is a detector``, has no year after it)."""
    b = line.block
    if b.kind != "para" or not b.links or normalize(b.links[0].href) is None:
        return False
    name = b.links[0].text.strip()
    text = b.text.lstrip(" *-•·>")
    rest = text[len(name) :].lstrip()
    year = YEAR_NOTE_LEAD_RE.match(rest) if text.startswith(name) else None
    return year is not None and NOTE_AFTER_YEAR_RE.match(rest, year.end()) is not None and (
        bool(name) and not _is_label(name) and normalize(name) is None and _title_like(name)
    )  # (then nothing, or a note after a dash: not a sentence going on, "[X](…) (2017) introduced …")


def _host_link_entry(line: Line) -> bool:
    """A paragraph's line that is only its titled link to where a paper lives (a PDF, a proceedings) and a mark or a
    few words after it (``[*Title of the Paper*](its PDF) - 🔘``): an entry, as the lines with arXiv links around it."""
    b = line.block
    if b.kind != "para" or line.refs or not line.web or not _link_led_web(line):
        return False
    first = b.links[0]
    rest = b.text.lstrip(" *-•·>[(")[len(first.text) :]
    return PAPER_HOST_RE.search(first.href) is not None and len(WORDISH_RE.findall(rest)) <= 12 and (
        not SENTENCE_END_RE.search(rest)
    )


def emph_by_citation(line: Line) -> str:
    """``*Title of the Paper* by Alan Turing``: a line (a paragraph's or a bullet) without a link, led by an italic title
    of two words or more and then ``by`` and a name; that title, else ""."""
    b = line.block
    title = b.lead_emph.strip()
    if b.kind not in ("para", "item") or b.links or not title or len(title.split()) < 2 or len(title) > TITLE_MAX:
        return ""
    text = b.text.lstrip(" *_-•·")
    if not text.startswith(title) or EMPH_BY_RE.match(text, len(title)) is None:
        return ""
    return title if _title_like(title.rstrip("?？")) else ""


def _titled_after_link(line: Line) -> bool:
    """``[arXiv:ID](…) Title of the Paper``: a line led by its reference's link, labelled (an id, a label), and then
    its title in title case (three words or more), the entry's own."""
    b = line.block
    lead = b.links[0].text.strip(" []()【】") if b.links else ""
    if not line.refs or not lead or not b.text.startswith(b.links[0].text) or not (
        _is_label(lead) or normalize(lead) is not None or lead.lower().startswith("arxiv") or not _good_link_text(lead)
    ):
        return False
    rest = b.text[len(b.links[0].text) :].strip()
    if any(link.text and link.text in rest for link in b.links[1:]):
        return False  # (its words are other links: "[arXiv](…) [Project Page](…) [Code](…)")
    words = rest.split()
    return len(words) >= 3 and _latin_share(rest) >= 0.8 and _title_like(rest.rstrip("?？")) and _title_case(words)


CITED_NOTE_MAX = 120  # characters after a cited title that a note of who, where and when may take
CITED_AUTHORS_MAX = 600  # characters of authors before a cited title (a consortium's twenty names)


def _without_url_links(text: str, b: Block) -> str:
    """``text`` without the links of ``b`` whose text is their URL (``Title. https://arxiv.org/abs/ID. NeurIPS
    2017.``, ``Project Website: https://…``: an address shown, no words of the citation)."""
    for link in b.links:
        shown = link.text.strip()
        if " " in shown:
            shown = shown.rsplit(" ", 1)[1]  # ("Project Website: https://…" as one link: its address)
        if shown and "://" in shown and shown in text:
            text = text.replace(shown, " ", 1)
    return text


def _cited_link(line: Line, venue: bool = False) -> bool:
    """``Alur, Radhakrishna, Udupa: [Title](url). TACAS'17``: a citation, its authors before its titled link and
    at most a venue after it (``venue``: one with its year must be there)."""
    b = line.block
    if b.kind not in ("para", "item") or not b.links:
        return False
    first = b.links[0]
    at = b.text.find(first.text) if first.text else -1
    if at < 0 or len(first.text.split()) < 2 or not _good_link_text(first.text):
        return False
    if not first.text[0].isalnum() and _is_label(SYMBOLS_RE.sub(" ", first.text).strip()):
        return False  # ("Caption: [→read the paper](arXiv)": a label, no cited title)
    after = b.text[at + len(first.text) :].strip()
    if "://" in after:
        if after.count("://") > CITED_NOTE_MAX * max(1, max(link.text.count("://") for link in b.links)):
            return False  # (each URL shown that is cut leaves a space, and takes as many "://" as it holds at most: with
            # more, some stay or more than a note's length is left either way; and each is looked for in the whole
            # rest: a line of thousands of them stays linear)
        after = _without_url_links(after, b)  # ("Title. https://arxiv.org/abs/ID. NeurIPS 2017.": its link shown)
        if "://" in after:
            return False
    if at == 0 and len(after) <= CITED_NOTE_MAX and (note := CITED_NOTE_RE.match(after)):
        return not venue or note.group("venue") is not None  # its first author, venue and year in brackets after it:
        # "[Title](its PDF) (Ann Lee, ICML 2015)" (the year alone says no venue)
    if len(after) > 40:
        return False
    if at == 0 or venue:  # no authors: "[Title](its PDF), PLDI'17" (a venue and its year after it)
        if VENUE_YEAR_RE.search(after) is None:
            return False
        if at == 0:
            return True
    before = b.text[:at]
    return at <= CITED_AUTHORS_MAX and CITED_AUTHORS_RE.fullmatch(before) is not None and (
        not _is_label(before.strip(" :：.")) and not _field_line(line)  # ("Paper: [Title](url)", "Authors: …")
    )


def _dash_after(b: Block) -> bool:
    """The bold text the line starts with, then a dash and the rest: ``**Title** — what it does``; its reference and
    year may stand before the dash (``**Title** [https://arxiv.org/abs/…] (2015)- what it does``)."""
    at = b.text.find(b.strong)
    if at < 0:
        return False
    rest = b.text[at + len(b.strong) :].lstrip()
    if rest[:1] in "[h" and (refs := find_refs(rest[:200])) and refs[0].start <= 1:
        rest = YEAR_NOTE_LEAD_RE.sub("", rest[refs[0].end :].lstrip(" ]"))
        return rest.startswith(("—", "–", "-"))
    return rest.startswith(("— ", "– ", "- "))


def _bold_field(b: Block) -> bool:
    """``**更新日期**: 2026-05-19``, ``**Papers:** 3``, ``**论文数量: 3**``: a field of the page whose value is a
    number or a date, not a section."""
    if not b.strong or b.links:
        return False
    m = FIELD_VALUE_RE.match(b.text.replace("**", "").strip())
    return m is not None and len(m.group("name")) <= 24


def _authors_after(b: Block) -> bool:
    """``**Title**. *Ann Lee, Bo Wu, … and Cy Diaz*. arXiv:ID 2021.``: a bold title, then its authors in italics (a
    long list of them makes the line long, not prose)."""
    return bool(b.emph) and len(b.strong.split()) >= 3 and b.text.find(b.emph) > len(b.strong) and (
        b.text.find(b.emph) - b.text.find(b.strong) - len(b.strong) <= 4 and _author_list(b.emph.rstrip(" .,"))
    )


def _cite_link_after(b: Block) -> bool:
    """``**FiD: Fusion-in-Decoder** [(Lee & Wu 2020)](arXiv):``: a bold title (or a bold name and then the bold title,
    ``**SURGE:** **Title**``), then only its link named by a citation."""
    at = b.text.find(b.strong)
    rest = b.text[at + len(b.strong) :].strip(" *:：") if at >= 0 else ""
    if b.emph and rest.startswith(b.emph) and b.strong.rstrip().endswith((":", "：")):
        rest = rest[len(b.emph) :].strip(" *:：")
    return bool(rest) and any(link.text.strip() == rest for link in b.links) and CITE_LINK_RE.fullmatch(rest) is not None


def _year_after(b: Block) -> bool:
    """The bold text the line starts with, then only a year in brackets: ``**[Name](url)** (2023)``."""
    at = b.text.find(b.strong)
    return at >= 0 and YEAR_NOTE_RE.match(b.text[at + len(b.strong) :]) is not None


def _title_field(line: Line) -> bool:
    """``论文：Title`` / ``Paper: Title``: a title given as a field, not a link."""
    m = TITLE_PREFIX_RE.match(line.block.text) if line.block.kind in ("para", "item") else None
    rest = line.block.text[m.end() :] if m else ""
    return bool(m) and not line.refs and not line.web and _title_like(rest.rstrip("?？")) and len(rest) <= 250 and (
        len(rest.split()) >= 3 or len(CJK_RE.findall(rest)) >= 6
    )


NOTE_TAIL_RE = re.compile(r"\s*[(（][^()（）]{1,40}[)）]\s*$")  # " (ACL 2022 Long)": a short note after a title


def _title_field_link(line: Line) -> bool:
    """``Title: [A Title of Words](its arXiv PDF) (ACL 2022 Long)``: a title given as a field whose value is the
    paper's titled link (arXiv, a PDF, a proceedings page), at most a short note in brackets (its venue) after it."""
    b = line.block
    m = TITLE_PREFIX_RE.match(b.text) if b.kind in ("para", "item") and b.links else None
    if m is None or not PAPER_HOST_RE.search((first := b.links[0]).href) or not b.text.startswith(first.text, m.end()):
        return False
    title = first.text or b.text[m.end() :]  # (a link left empty, "<a href=…></a>Title", then its title)
    note = NOTE_TAIL_RE.search(title) if not first.text else None
    title = title[: note.start()] if note else title
    rest = b.text[m.end() + len(first.text or title) :].strip()
    return _good_link_text(title) and len(title.split()) >= 2 and (
        not rest or (len(rest) <= 40 and rest[0] in "(（" and rest[-1] in ")）")
    )


# The words right before a paper's own titled link in a sentence: "Paper: ", "Flashiest paper award: ", "论文：".
_PAPER_LABEL_END_RE = re.compile(r"(?:\b(?:paper|preprint)\b[\w ]{0,16}|论文|論文)\s*[:：]\s*$", re.IGNORECASE)


def _title_then_label_link(line: Line) -> str:
    """``Title of the Paper [link](url)``: a card's line, a title (three words or more), then its one link, named by a
    label word; that label, else ""."""
    b = line.block
    if b.kind != "para" or len(b.links) != 1 or not (label := b.links[0].text.strip()) or len(b.text) > TITLE_MAX:
        return ""
    text = b.text.rstrip()
    if not text.endswith(label) or not _is_label(label):
        return ""
    title = text[: -len(label)].strip()
    return label if len(title.split()) >= 3 and _title_like(title) else ""


def _paper_labelled_link(line: Line) -> bool:
    """A paragraph that names a paper by its titled arXiv link right after a paper label (``… Very cogent content.
    Paper: [Title of the Paper](arXiv)``, ``Flashiest paper award: [Title](arXiv) is a system …``): a trip report's
    note on that paper, its entry (a link named by a word of a sentence, ``[batch norm](arXiv)``, is none)."""
    b = line.block
    if len({a for a, _t in line.refs}) != 1 or len(b.links) * len(b.text) > REPLACE_BUDGET:
        return False  # (a line of several papers' links: a list of them, not a paragraph about one)
    for link in b.links:
        if normalize(link.href) is None or len(link.text.split()) < 3 or not _good_link_text(link.text):
            continue
        at = b.text.find(link.text)
        m = _PAPER_LABEL_END_RE.search(b.text, max(0, at - 40), at) if at > 0 else None
        if m is not None and len(b.text) - len(link.text) - (at - m.start()) >= 40:
            return True  # (with a sentence around it: a card's own "Paper: [Title](arXiv)" line is none)
    return False


_NEW_PAPER_LINK_RE = re.compile(  # "… published a [paper](…)", "proposed a new [method](…)", "releases an [preprint](…)"
    r"\b(?:published|publishes|released|releases|proposed|proposes|presented|presents|introduced|introduces|shared"
    r"|shares)\s+(?:a|an)\s+(?:new\s+)?$"
)
_NEW_PAPER_WORDS = frozenset({"paper", "method", "preprint", "study", "report", "work"})
BOLD_TITLE_REACH = 12  # lines back from a paragraph that a bold title over it may be (a bounded look: linear)


def news_paper_link(b: Block) -> bool:
    """A paragraph that tells of a new paper, linked by a word of its sentence after a verb of publishing (``Ann Lee
    published a [paper](arXiv) titled “…”``, ``Lee et al. (2029) proposed a [method](arXiv) for …``)."""
    link = next((o for o in b.links if normalize(o.href) is not None), None)
    if link is None or link.text.strip().lower() not in _NEW_PAPER_WORDS:
        return False
    at = b.text.find(link.text)
    return at > 0 and _NEW_PAPER_LINK_RE.search(b.text, max(0, at - 40), at) is not None


def _news_of_a_paper(lines: list[Line], k: int) -> bool:
    """A newsletter's paragraph that tells of a new paper (``news_paper_link``), its one arXiv link, with no bold
    title of its own line over it (``***Title***`` over such prose is that title's body): an entry of its own, the
    paper it tells of."""
    line = lines[k]
    b = line.block
    if len({a for a, _t in line.refs}) != 1 or b.in_item or not news_paper_link(b):
        return False
    for j in range(k - 1, max(-1, k - BOLD_TITLE_REACH), -1):
        o = lines[j].block
        if o.kind == "heading":
            return True
        if o.kind == "para" and o.strong and not o.links and o.strong.strip(" .*_") == lines[j].bare.strip(" .*_"):
            return False  # (a bold title of its own line over it: the prose is its body)
    return True


def _link_led(line: Line) -> bool:
    """``[Title](arXiv link) — what it does``: a line led by a paper's link with its title. Asked of a line once
    (``Line.led_by_link``)."""
    led = line.led_by_link
    if led is None:
        led = line.led_by_link = _link_led_once(line)
    return led


def _link_led_once(line: Line) -> bool:
    b = line.block
    if b.kind not in ("para", "item") or not b.links:
        return False
    first = b.links[0]
    lead = b.text[: len(first.text) + 6].lstrip(" *-•·>[(")
    return (
        lead.startswith(first.text) and normalize(first.href) is not None and _good_link_text(first.text)
        and len(first.text.split()) >= 2
    )


def _prose_citation(line: Line) -> bool:
    """``2020年，[Lee等人](arXiv)推出了…。``, ``[Lee and Kim](arXiv) showed that …``: a paragraph of prose that cites
    its papers by their authors (the link's text), not a paper's title line."""
    return line.block.kind == "para" and bool(line.refs) and all(
        AUTHOR_CITE_RE.fullmatch(t.strip()) for _a, t in line.refs
    ) and SENTENCE_END_RE.search(line.block.text) is not None


def _link_led_web(line: Line) -> bool:
    """``- [A Title of Words](a blog or project page) :``: an item led by a titled link that is not arXiv."""
    b = line.block
    first = b.links[0] if b.links else None
    return first is not None and b.text.lstrip(" *-•·>[(").startswith(first.text) and _good_link_text(first.text) and (
        len(first.text.split()) >= 3
    )


def _described(line: Line) -> str:
    """``- **E2ESlack** proposes an end-to-end …``: a list item that names a paper in bold and says what it does;
    that name, else ""."""
    b = line.block
    if b.kind != "item" or not b.strong or line.refs or line.web or not b.text.startswith(b.strong):
        return ""
    return b.strong if DESCRIBED_RE.match(b.text, len(b.strong)) else ""


def _next_text(lines: list[Line], k: int) -> int:
    """The next line after ``k`` with words or a reference (over link-only and image lines)."""
    j = k + 1
    while j < len(lines) and not lines[j].bare and not lines[j].refs and j < k + 4:
        j += 1
    return j


def _sub_bullet_link(lines: list[Line], k: int) -> bool:
    """List item ``k`` has bullets of its own, one a paper's link line: ``- Title`` / ``  - [Paper](arXiv)``."""
    level = lines[k].block.level
    for j in range(k + 1, min(len(lines), k + 8)):
        b = lines[j].block
        if b.kind != "item" or b.level <= level:
            return False
        if lines[j].label and lines[j].refs:
            return True
    return False


def _own_url_line(lines: list[Line], k: int) -> bool:
    """List item ``k`` goes on, in its own paragraph, in a line that is only a link: that link is the item's own, the
    item an entry of its own, not a point of the item above. A reading journal's entry with its URL under it
    (``- Title - Authors`` / ``  https://arxiv.org/abs/…``), or a title alone on its line, its bullet going on to a
    line that is only the paper's one link (``* Title of the Paper`` / ``https://arxiv.org/abs/ID``, or a link to
    another site, whatever its text)."""
    if k + 1 >= len(lines):
        return False
    nxt, b = lines[k + 1], lines[k].block
    if nxt.block.kind != "para":
        return False
    if nxt.block.para == b.para and not (lines[k].refs or lines[k].web or b.links) and (
        len(nxt.refs) + len(nxt.web) == 1 and bool(nxt.block.links) and _links_only(nxt.block)
    ) and _title_like(lines[k].bare.rstrip("?？!！")):
        return True  # (the one link's text may be more than a label: "* Title" / "[Its Title](arXiv)")
    if not nxt.label or not (nxt.refs or nxt.web):
        return False
    if nxt.block.para == b.para:
        return True
    # (a loose list's: "- Title" / blank line / "  URL", a paragraph of its own between this bullet and the next)
    after = lines[k + 2].block if k + 2 < len(lines) else None
    if after is not None and after.kind == "item" and after.level == b.level and after.ordered == b.ordered:
        return True
    before = lines[k - 2] if k >= 2 else None  # (the list's last bullet: the one before it was such a bullet too)
    return before is not None and before.block.kind == "item" and before.block.level == b.level and (
        lines[k - 1].block.kind == "para" and lines[k - 1].label and bool(lines[k - 1].refs or lines[k - 1].web)
    )


def venue_entry(line: Line) -> bool:
    """``- Title, CVPR 2025. [[Code](…)]``: a list item that names its venue and year after its title, a paper listed
    as a conference's lists give them (with or without a link of its own)."""
    b = line.block
    if b.kind != "item" or "," not in b.text or len(b.text) > 2 * TITLE_MAX:
        return False
    text = b.text
    for link in b.links:  # (its links' labels: "[[Paper](…) | [Code](…)]")
        if link.text and _is_label(link.text):
            text = text.replace(link.text, " ")
    return VENUE_TAIL_RE.search(text.rstrip(" .[]()|")) is not None


def _links_row(line: Line) -> bool:
    """A table row of link labels only: each cell link words without spaces ("Arxiv-Page(GLM)", "Github-Page"),
    a label ("NO GITHUB CODE") or one word ("PaperWithCode-Page", "✔")."""
    b = line.block
    if not b.links or any(" " in link.text.strip() and not _is_label(link.text) for link in b.links):
        return False
    for cell in b.cells:
        rest = cell
        for link in b.links:
            if link.text:
                rest = rest.replace(link.text, " ")
        rest = SYMBOLS_RE.sub(" ", rest).strip()
        if rest and not _is_label(rest) and not ONE_WORD_RE.fullmatch(rest):
            return False
    return True


def _after_head_and_header(lines: list[Line], k: int, head: Line) -> bool:
    """Row ``k`` is the first under ``head`` but for a table's header row."""
    j = k - 1
    while j >= 0 and lines[j].block.kind == "row" and lines[j].block.header:
        j -= 1
    return j >= 0 and lines[j] is head and j < k - 1


def field_rows(lines: list[Line]) -> list[int]:
    """The rows of tables that are one card's fields, not papers (``| 话题 | 视频 |`` … ``| 链接 | [IDv1](arXiv) |``
    under the paper's heading): three rows or more of two cells, each first cell a short name of its own (no number,
    no link), and one row that gives an arXiv link as a labelled field, its name a label word ("链接", "Link") and its
    value nothing but that link. Its rows are the fields of the paper above them, that row its link line."""
    out: list[int] = []
    for k, j in kind_runs(lines, "row"):
        rows = [line for line in lines[k:j] if not line.block.header]
        if len(rows) >= 3 and _card_fields(rows):
            out.extend(range(k, j))
    return out


def _card_fields(rows: list[Line]) -> bool:
    keys: set[str] = set()
    linked = []
    for line in rows:
        cells = line.block.cells
        key = cells[0].strip() if len(cells) == 2 else ""
        if not key or len(key) > 16 or has_digit(key) or "://" in key or key.casefold() in keys:
            return False
        keys.add(key.casefold())
        if line.refs:
            linked.append(line)
    if len(linked) != 1:
        return False
    line = linked[0]
    return _is_label(line.block.cells[0].strip()) and not any(_good_link_text(t) for _a, t in line.refs) and (
        len(line.refs) == 1
    )


def _field(line: Line) -> bool:
    """``Summary: …`` / ``**内容摘要**: …``: a field that is not the paper's own (title, link)."""
    text = line.block.text.replace("**", "")
    m = LABEL_PREFIX_RE.match(text)
    return m is not None and not PAPER_LABEL_RE.search(m.group(0)) and not TITLE_PREFIX_RE.match(text)


# A table's header that names its column for people: who presents, who wrote (in en, fr, es, pt, de, zh, ja, ko)
_WHO_HEADER_RE = re.compile(
    r"\b(?:speakers?|presenters?|presented by|discussants?|guests?|invité(?:e|s|es)?|who|authors?|author\(s\)|qui|quién|quem|ponentes?|"
    r"palestrantes?|apresentador(?:a|es)?|orateurs?|intervenants?|auteurs?|autores?|vortragende[r]?)\b|"
    r"报告人|主讲人?|讲者|作者|發表人|報告人|講者|発表者|著者|발표자|저자",
    re.IGNORECASE,
)


def who_columns(cells: list[str]) -> tuple[int, ...]:
    """The columns of a header row that name people, never a paper's title (``| Date | Speaker | Paper |``,
    ``| Quand ? | Qui parle ? | Sur quel Article ? |``): the columns a row's title is not looked for in, when the paper's
    own column gives only its id."""
    return tuple(  # (not "Title — Authors (year)": a title's column that says who wrote it too)
        k for k, c in enumerate(cells) if len(c) <= 40 and _WHO_HEADER_RE.search(c) and not TITLE_HEADER_RE.search(c)
    )


def header_cols(lines: list[Line], items: list[Item]) -> None:
    """For table rows: the column a header names as the title ("Title", "Paper", "论文")."""
    by_head = {id(item.head): item for item in items}
    col, papers, only = -1, False, False
    who: tuple[int, ...] = ()
    for line in lines:
        b = line.block
        if b.kind == "row" and b.header:
            who = who_columns(b.cells)
            named = [k for k, c in enumerate(b.cells) if TITLE_HEADER_RE.search(c)]
            # (a cell that is only the word beats one that holds it: "论文" over "论文来源")
            # (and among those, a "Topic" / "主题" column, a paper's field, loses to one more named for the title)
            whole = sorted((k for k in named if TITLE_HEADER_RE.fullmatch(b.cells[k].strip())),
                           key=lambda k: TOPIC_HEADER_RE.fullmatch(b.cells[k].strip()) is not None)
            col = whole[0] if whole else named[0] if named else -1
            papers = col >= 0 and PAPER_COLUMN_RE.search(b.cells[col]) is not None
            only = bool(whole)  # (the column is only the word: whole[0] is it)
        elif b.kind == "heading":
            col, papers, only, who = -1, False, False, ()
        item = by_head.get(id(line))
        if item is not None:
            item.title_col, item.title_named, item.title_only, item.who_cols = col, papers, only, who
    _link_cols(lines, by_head)
    _topic_cells(lines, by_head)


def _link_cols(lines: list[Line], by_head: dict[int, Item]) -> None:
    """A table without a title header whose rows mostly give their paper's arXiv link inside a cell of words
    ("Title (arXiv)" next to "Mar 4 (12:30 in a room)"): that cell is the title in each of its rows."""
    run: list[Item] = []
    for line in [*lines, None]:
        item = by_head.get(id(line)) if line is not None else None
        if item is not None and line is not None and line.block.kind == "row" and not line.block.header:
            run.append(item)
            continue
        if line is not None and line.block.kind == "row":
            continue  # (a header or a row that is no item: the same table)
        if len(run) < 3 or all(i.title_col >= 0 for i in run):  # (a header already named the title column)
            run = []
            continue
        cols = Counter(c for c in map(_ref_cell, run) if c >= 0)
        if cols:
            col, n = cols.most_common(1)[0]
            if n >= 0.6 * sum(1 for i in run if i.head.refs):
                for i in run:
                    if i.title_col < 0:
                        i.title_col = col
        run = []


# A table cell that names a topic, then a dash and the link to a reading (`Manifolds -- [Lee and Wu](arXiv)`)
_TOPIC_DASH_RE = re.compile(r"(?P<topic>[^\n]{1,60}?)\s+(?:--|—|–|-)\s+(?P<link>[^\n]+)")


def _topic_cells(lines: list[Line], by_head: dict[int, Item]) -> None:
    """A table whose cells give a topic, a dash and the linked reading, the topic running over several rows with
    other readings (or alone, a row without one): the topic is the session's, the link's text is the paper's title
    (a reading group names a paper by its authors, `Tensors -- [Kolda and Bader](pdf)`), in each such row."""
    table: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.block.kind == "row":
            table.append(line)
            continue
        if len(table) >= 3:
            _topic_rows(table, by_head)
        table = []


def _topic_rows(table: list[Line], by_head: dict[int, Item]) -> None:
    readings: dict[tuple[int, str], set[str | None]] = {}  # (column, topic): the links read under it
    led: list[tuple[Item, int, str, str]] = []
    for line in table:
        b = line.block
        named: dict[str, str] | None = None  # the row's links by their text (made once, when a cell needs it)
        for k, cell in enumerate(b.cells):
            if " -" not in cell and " –" not in cell and " —" not in cell:
                continue  # (no dash after a word: no topic before a reading)
            m = _TOPIC_DASH_RE.fullmatch(cell.strip()) if len(cell) <= 300 else None
            if m is None:
                continue
            if named is None:
                named = {x.text.strip(): x.href for x in reversed(b.links) if x.text.strip()}
            text = m.group("link").strip()
            if (href := named.get(text)) is None:
                continue
            topic = m.group("topic").strip().casefold()
            readings.setdefault((k, topic), set()).add(href)
            item = by_head.get(id(line))
            if item is not None and not b.header and not _is_label(text) and WORDISH_RE.search(text):
                led.append((item, k, topic, text))
    if not led:
        return
    for line in table:  # (a row with a topic alone: a session without a reading)
        for k, cell in enumerate(line.block.cells):
            if (k, key := cell.strip().casefold()) in readings:
                readings[(k, key)].add(None)
    for item, k, topic, text in led:
        if len(readings[(k, topic)]) >= 2:
            item.topic_link = text


def _ref_cell(item: Item) -> int:
    """The cell of a row that holds its arXiv link and words besides the link's, else -1; but the cell before it
    that is only a titled link (the project's name, linked to its code) when the arXiv link is a label that ends a
    description (``|[Kelpie-3D](github…) |the most complete study to … [paper](arXiv)|``)."""
    b = item.head.block
    for link in b.links:
        if normalize(link.href) is None or not link.text:
            continue
        for k, cell in enumerate(b.cells):
            if link.text in cell:
                rest = URL_RE.sub("", cell.replace(link.text, " ", 1))
                if len(WORDISH_RE.findall(rest)) < 8:
                    return -1  # (a title, not "[arXiv] [PDF]")
                named = _named_cell_before(b, k) if _is_label(link.text.strip()) and cell.rstrip().endswith(link.text) else -1
                return named if named >= 0 else k
    return -1


def _named_cell_before(b: Block, col: int) -> int:
    """The first cell before ``col`` that is only a link with a name of its own (not a label, not an arXiv
    link): ``[SAM-Like 3D](its code)``; else -1."""
    for k in range(col):
        text = b.cells[k].strip()
        link = next((o for o in b.links if o.text and o.text.strip() == text), None)
        if link is not None and normalize(link.href) is None and not _is_label(text) and _good_link_text(text):
            return k
    return -1
