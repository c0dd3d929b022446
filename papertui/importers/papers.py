"""Items → papers: an item's own arXiv reference, its title, its summary and its related references,
and whether an item without an arXiv reference is a paper all the same. The fourth step of the article
importer (read → blocks → lines → items → **papers**, ``digest.py``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..arxiv_ids import find_refs, normalize, placeholder_title
from . import ImportedPaper
from .blocks import Block, Link, clean_line
from .items import (
    Item,
    _cited_link,
    _host_link_entry,
    _link_led,
    _name_year_led,
    _prose_citation,
    _title_field_link,
    _title_then_label_link,
    _year_after,
    apa_linked_title,
    card_header,
    news_paper_link,
    venue_entry,
)
from .lines import (
    Line,
    _entry_like,
    _field_line,
    _is_boilerplate,
    _is_label,
    _links_only,
    _paper_href,
    _stats_line,
    _title_like,
    has_url,
    replace_each,
    url_led,
)
from .mentions import _spells
from .shapes import (
    ACRONYM_NOTE_RE,
    ATTR_LIST_RE,
    AUTHOR_SPLIT_RE,
    BLOG_POST_RE,
    CELL_LINKS_GLUE_RE,
    CELL_SPLIT_RE,
    CHAPTER_RE,
    CITATION_YEAR_RE,
    CITE_LINK_RE,
    CITED_NOTE_RE,
    CJK_FIELD_RE,
    CJK_RE,
    DATE_PREFIX_RE,
    EMPTY_BRACKETS_RE,
    EN_GLOSS_RE,
    LABEL_PREFIX_RE,
    NON_LETTERS_RE,
    NON_PAPER_HOST_RE,
    NUMBERS_RE,
    ORDINAL_RE,
    PAPER_COLUMN_RE,
    PAPER_HEADING_RE,
    PAPER_HOST_RE,
    PAPER_LABEL_RE,
    PAPER_WORD_RE,
    PUNCT_ONLY_RE,
    READINGS_LEAD_RE,
    REFERENCE_LINE_RE,
    SECTION_MAX,
    SOCIAL_HOST_RE,
    STOP_WORDS,
    SYMBOLS_RE,
    TALK_LABEL_RE,
    TITLE_FIELD_RE,
    TITLE_MAX,
    TITLE_NAME_RE,
    TITLE_PREFIX_RE,
    TITLE_REST_END_RE,
    URL_RE,
    VENUE_NOTE_RE,
    WHO_RE,
    WHO_WHEN_RE,
    WORD_RE,
    WORDISH_RE,
    YEAR_IN_RE,
    YEAR_LEAD_RE,
    YEAR_ONLY_RE,
)
from .titles import (
    _author_list,
    _clean_title,
    _dash_authors,
    _good_link_text,
    _join,
    _key,
    _latin_share,
    _strip_authors,
    _summary_text,
    _title_case,
    _title_first,
    _without_who_when,
    citation_title,
    emphasised_title,
    label_led,
    named_title,
    nickname,
    nickname_title,
    quoted_title,
    slash_authors,
)


class _Head:
    """Facts about an item's head line that its title and summary rules ask for more than once, each worked out once
    an item, when first asked (the line and its block never change while its paper is built). The rule cascade
    dispatches on them and on the block's own fields: a rule whose own condition needs a fact that is false is not
    called."""

    __slots__ = ("_bare_url_link", "_link_led", "_url_led", "_url_texts_only", "block", "line")

    def __init__(self, line: Line) -> None:
        self.line = line
        self.block = line.block
        self._link_led: bool | None = None  # (None: not asked yet; functools.cached_property takes a lock each time)
        self._url_led: bool | None = None
        self._bare_url_link: Link | bool | None = False  # (False: not asked yet)
        self._url_texts_only: bool | None = None

    @property
    def link_led(self) -> bool:
        """``_link_led(line)``: a paper's titled link leads the line."""
        if self._link_led is None:
            self._link_led = _link_led(self.line)
        return self._link_led

    @property
    def url_led(self) -> bool:
        """``url_led(line)``: an arXiv URL written bare leads the line."""
        if self._url_led is None:
            self._url_led = url_led(self.line)
        return self._url_led

    @property
    def bare_url_link(self) -> Link | None:
        """The first of the block's links whose text is a URL alone, no space in it (what ``_before_bare_url`` cuts
        at), else None."""
        if self._bare_url_link is False:
            self._bare_url_link = next((k for k in self.block.links if URL_RE.match(k.text) and _spaceless(k.text)), None)
        return self._bare_url_link  # type: ignore[return-value]  # (False only before it is asked)

    @property
    def url_texts_only(self) -> bool:
        """The block has links and each shows a URL as its text (``_description``'s condition on the line)."""
        if self._url_texts_only is None:
            self._url_texts_only = bool(self.block.links) and all(URL_RE.match(k.text) for k in self.block.links)
        return self._url_texts_only


def _after_notes_link(line: Line) -> str:
    """``* [Nick](notes/nick.md) Full Title | **[Venue' 16]** | [[arXiv:ID](…)]``: a list item led by a link to a page of
    notes on the paper named by its nickname (the site's own page; on another site, when the paper's own link is only
    labelled, ``[arXiv](…)``), then the title up to its fields after `` | `` or its paper link: the title (the nickname
    names the notes, not the paper), else ""."""
    b = line.block
    lead = b.links[0] if b.links and line.refs else None
    if lead is None or not lead.text or lead.href[:1] in ("#", "") or not b.text.startswith(lead.text):
        return ""
    if len(lead.text.split()) > 3 or normalize(lead.href) is not None:
        return ""
    if "://" in lead.href and (PAPER_HOST_RE.search(lead.href) or any(_good_link_text(t) for _a, t in line.refs)):
        return ""
    rest = b.text[len(lead.text) :]
    for _a, text in line.refs:
        if text and (at := rest.find(text)) >= 0:
            rest = rest[:at]  # (up to the paper's own link: "… [arXiv:ID](…)", "… [[paper](…)]")
    rest = rest.lstrip(" |:：-–—").split(" | ", 1)[0].strip().rstrip(" [(（【").strip()
    if len(rest.split()) < 2 or _latin_share(rest) < 0.8 or not _title_like(rest.rstrip("?？!！")) or find_refs(rest):
        return ""
    return rest if rest[:1].isupper() or rest[:1].isdigit() else ""  # (a title, not "[DETR](…) is a detector")


def _head_title(item: Item, facts: _Head) -> str:
    line = item.head
    b = line.block
    if b.kind == "row":
        return _row_title(item)
    if b.kind == "item" and line.refs and b.links and (rest := _after_notes_link(line)):
        return _clean_title(rest)
    if b.kind == "para" and line.refs and not b.strong and news_paper_link(b):
        m = _TITLED_QUOTE_RE.search(b.text)  # "Ann Lee published a [paper](arXiv) titled “Title”": that title, else none
        return _clean_title(m.group("title")) if m else ""
    text = DATE_PREFIX_RE.sub("", line.bare, count=1)
    if b.emph and b.kind == "item" and b.links:
        text = _without_nickname_tail(b, text)
    if b.chip_tail and b.links and text.endswith(b.chip_tail) and text[: -len(b.chip_tail)].strip():
        text = text[: -len(b.chip_tail)].rstrip()  # "3. [GoogleNet](arXiv) `2팀`": the tag in code after it (who
        # presents it, a topic), no words of its title
    if len(text) < len(line.bare) and b.kind == "item" and (m := SESSION_PRESENTER_RE.match(text)) and m.end() < len(text) and not (
        _title_case(text[m.end() :].split())  # (not "Mamba - Linear-Time Sequence Modeling", a name and its title)
    ):
        text = text[m.end() :]  # "Oct 4: Ann - topic words [paper](a PDF)": who presents it, then the paper's words
    if b.kind == "heading":
        text = PAPER_HEADING_RE.sub("", text, count=1)
    elif not b.strong and (":" in text or "：" in text) and (m := TITLE_PREFIX_RE.match(text)) and not line.refs and not line.web and (
        text[m.end() : m.end() + 1] not in ('"', "“")
    ):  # (a quoted title keeps its label for the citation rules: 'Paper: "Title" by Authors')
        text = text[m.end() :]  # "论文题目：Title" heading its item (under a counter without words, "[10]")
    if b.strong:  # (the rules of a bold span: none of them holds without one)
        text, bold = _bold_head(b, text)
        if bold is not None:
            return bold
    if b.kind in ("item", "para", "heading") and (named := named_title(text)):
        return _clean_title(named)  # "Nick(Full title)": the title, not the name it is known by
    if _name_year_led(line):
        return _clean_title(b.links[0].text)  # "> [Gale](arXiv)（2027）— 一句话": the name it cites the paper by
    if len(line.refs) == 1 and b.kind in ("item", "para") and facts.url_led and (note := _note_after_url(line, text)) is not None:
        return _clean_title(note) if note else ""  # "https://arxiv.org/pdf/ID.pdf X-LoRA，一句笔记": the name it notes
    if len(line.refs) == 1 and b.kind in ("item", "para") and (after := _title_after_label_link(b)):
        return _clean_title(after)  # "(1/2) Best Paper [Paper](arXiv) - Title": a note, its paper's link, then the title
    if (line.refs or line.web) and b.kind in ("item", "para") and not _ROLE_MARKS.isdisjoint(text) and (
        m := READING_ROLE_RE.match(text)
    ):
        text = text[m.end() :]  # "Main discussion paper: Lee et al. (2015) Title, URL": the reading's role, no title
        if not WORDISH_RE.search(text):
            return ""
    if (line.refs or line.web) and b.kind in ("item", "para"):
        text = _before_bare_url(b, text, line.ordinal is not None, facts.bare_url_link)
        if facts.url_texts_only and _description(text):
            return ""  # "Makes LoRA scale up to long context …: URL": what the paper does, no title of it (its summary)
        if facts.link_led and len((lead := b.links[0].text.strip()).split()) >= 3 and text.startswith(lead) and (
            _DASH_QUOTE_RE.match(text, len(lead))
        ):
            return _clean_title(lead)  # '[Title](arXiv) - "We propose …"': the link titles it, the quote is a blurb
        cited = citation_title(text)
        text = cited or _strip_authors(text)
    elif b.kind in ("item", "para") and (" et al" in text[-12:] or text.rstrip()[-1:] in ")）"):
        text = _strip_authors(text.replace("**", " "))  # its links on the lines under it: "Title, *Gu et al.*", "Title
        # (2019)", "**Title **by Lee et al." (a bold span closed after a space is no bold span: its stars stay in the text)
    elif b.kind == "item" and " by " in text and item.body and item.body[0].label and (item.body[0].refs or item.body[0].web):
        text = _strip_authors(text)  # "- Title, by Ann Lee and Bo Wu" over its URL line
    elif b.kind == "item":
        text = _dash_authors(text)  # "- Title - Ann Lee, Bo Wu" over its URL line or its link bullets
    return _clean_title(text)


def _bold_head(b: Block, text: str) -> tuple[str, str | None]:
    """The head title's rules of a bold span (asked only of a block with one, ``b.strong``): ``text`` as they leave it (a
    tag in bold before the title cut off), and the title they find ("" for none at all), or None to go on with the
    other rules."""
    plain = _without_refs(b.strong) if b.strong and normalize(b.strong) is not None else b.strong  # ("**Name (arXiv:ID)**")
    tag = plain.strip()
    if len(tag) >= 3 and tag[0] in "[(（【" and tag[-1] in "])）】" and text.lstrip(" *").startswith(tag):
        text, plain = text.lstrip(" *")[len(tag) :].lstrip(" *"), ""  # "**[CVPR'25]** Title", "**(Nick)** Title": a tag
        at = min((a for k in b.links if k.text and (a := text.find(k.text)) > 0), default=-1)
        if at > 0:
            text = text[:at].rstrip(" .")  # (up to its links: "Title. [arXiv](…) [web](…) [2025/4/2]")
    if plain and b.kind == "item" and _kind_label_lead(plain, text):
        return text, ""  # "- **实验进展**: 一句中文描述 ([arXiv:ID](…))": a kind of news and what the paper did, no title of it
    if plain and b.kind != "heading" and (quoted := _bold_name_quoted(plain, text)):
        return text, _clean_title(quoted)  # '**Nick**: "Title", Venue, Year': the quoted title, not the name
    if plain and b.kind != "heading" and WORDISH_RE.search(plain):  # "**Title** - what it does", "**1. Title** ⭐ 44"
        strong = ORDINAL_RE.sub("", plain, count=1)
        at = text.find(strong.strip())
        tail = text[at + len(strong.strip()) :] if at >= 0 else ""
        if (len(plain) < len(text) * 0.98 or (tail and not WORDISH_RE.search(tail))) and _title_like(
            strong.rstrip(" :：?？!！")  # (a title may ask: "Why X Outperforms Y?")
        ):
            if _year_after(b):  # a name with its notes: "**Vision Transformer (ViT)** (2020)"
                strong = ACRONYM_NOTE_RE.sub("", strong)
            if rest := _title_rest(strong, tail):
                return text, _clean_title(f"{strong.strip().rstrip(':：')}: {rest}")
            return text, _clean_title(strong)
    return text, None


def _without_nickname_tail(b: Block, text: str) -> str:
    """A list item's text without the name it ends on in bold or italics after its links and a dash
    (``- Title (CoRR 2029) [[paper]](arXiv) - ***LAYM***``: the paper's nickname, not its title's words); else as is."""
    name = b.emph.strip()
    if b.kind != "item" or not name or len(name) > 40 or not b.links or not text.endswith(name):
        return text
    at = b.text.rfind(name)
    if at < 0 or b.text[at + len(name) :].strip() or at < b.text.rfind(b.links[-1].text) + len(b.links[-1].text):
        return text  # (the name is the line's last words, after its last link)
    before = text[: -len(name)].rstrip()
    return before[:-1].rstrip() if before[-1:] in ("-", "–", "—") and len(before[:-1].split()) >= 2 else text


_TITLED_QUOTE_RE = re.compile(r"\b(?:titled|entitled|called)\s+[“\"](?P<title>[^”\"]{4,300})[”\"]")
_CJK_LABEL_RE = re.compile(r"[\u4e00-\u9fff]{2,6}")  # "实验进展", "理论突破": a short label in Chinese


def _kind_label_lead(strong: str, text: str) -> bool:
    """``- **实验进展**: 薄膜的能谱证实了 … ([arXiv:ID](…))``: a bullet led by a short bold label in Chinese (the kind
    of result: 实验进展, 理论突破, 计算方法), a colon, then a sentence in Chinese on what the paper did: no title is
    given (a Latin name in bold, ``**Fast Walks**: 描述``, is the paper's)."""
    label = strong.strip(" :：")
    if not _CJK_LABEL_RE.fullmatch(label):
        return False
    at = text.find(label)
    rest = text[at + len(label) :].lstrip(" *") if at >= 0 else ""
    return rest[:1] in (":", "：") and len(CJK_RE.findall(rest)) >= 10 and _latin_share(rest) < 0.5


_DASH_QUOTE_RE = re.compile(r"\s*[-–—:]\s*[\"“]")  # (after a titled link: a quote from its paper follows)


def _title_after_label_link(b: Block) -> str:
    """``Note words [Paper](arXiv) - Title``: a short note (five words at most), the paper's link named by a label,
    then its title after a dash; that title, else ""."""
    for link in b.links:
        if not link.text or normalize(link.href) is None or not _is_label(link.text.strip()):
            continue
        at = b.text.rfind(link.text)  # (after its note: "Best Paper Award [Paper](…) - Title")
        m = _DASH_AFTER_RE.match(b.text, at + len(link.text)) if at > 0 else None
        before = b.text[:at].strip(" [(")
        if m is None or not before or len(before.split()) > 5 or any(k is not link and k.text and k.text in before for k in b.links):
            return ""
        after = b.text[m.end() :].strip()
        return after if len(after.split()) >= 3 and not any(k.text and k.text in after for k in b.links) and _title_like(
            after.rstrip("?？")
        ) else ""
    return ""


_DASH_AFTER_RE = re.compile(r"[\])]?\s+[-–—]\s+(?=\S)")


def _titled_lead(facts: _Head) -> bool:
    """The line starts with a title of its own: a paper's titled link, or a bold span of two words or more."""
    b = facts.block
    strong = b.strong.strip()
    return facts.link_led or (len(strong.split()) >= 2 and b.text.lstrip(" *-•·[(").startswith(strong))


# A run of Latin words in a Chinese note: the name it gives the paper ("著名 longformer", "MetaAgent 用于代码生成").
LATIN_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-+.'’()/: ]*[A-Za-z0-9)]")
NOTE_END_RE = re.compile(r"[，。；！？：、]")  # (a Chinese note's first clause holds its name)
_NOTE_OF_RE = re.compile(r"\s*的")  # (Latin words, then "的": what the note is about, "X 的一些研究")


def _note_after_url(line: Line, text: str) -> str | None:
    """(Asked only of a line ``url_led`` holds for: the caller knows it.) A line led by an arXiv URL written bare and a note (``https://arxiv.org/pdf/ID.pdf X-LoRA，顾名思义。``): the
    name the note gives the paper (its first clause; in a Chinese note, the Latin words in it), "" when it gives
    none (``survey`` aside, a note in Chinese only, a stray letter left by a typo'd URL); None for other lines.
    Led by ``arXiv:ID`` written out: "" for a note in lower case (``(the one with the cat pictures)``), None else
    (``arXiv:ID Title``: the title rules read it)."""
    if not line.block.links:
        note = text.strip().lstrip("(（").rstrip(")）").strip()
        return "" if _remark(note) else None
    lead = line.block.links[0]
    if lead.text.strip() != lead.href.strip():  # (its link shows the paper's id, "[arXiv:2112.10752](…) a note": the
        text = parts[1] if len(parts := text.split(None, 1)) > 1 else ""  # note is what follows it)
    note = NOTE_END_RE.split(text.strip(), maxsplit=1)[0].strip()
    if CJK_RE.search(note):
        m = LATIN_NAME_RE.search(note)
        note = m.group(0).strip() if m else ""
        if m and note[:1].islower() and note[-1:].islower() and _NOTE_OF_RE.match(text.strip(), m.end()):
            note = ""  # "emergent ability 的一些研究": studies of a topic the words name, not the paper's name
    elif _remark(note):
        return ""  # an English note in lower case, "long context, skim only": no name (its summary)
    elif (m := re.match(r"([^,;]+)[,;]\s+(?=[a-z])", note)) and len(m.group(1).split()) <= 4:
        note = m.group(1).strip()  # "Gripper-Net, the one Mia mentioned": the name, then a remark on it
    return note if len(WORDISH_RE.findall(note)) >= 2 else ""


# A note that only says what kind of paper it is ("survey", "a review"): no name of the paper
_KIND_NOTE_RE = re.compile(r"(?:an?\s+)?(?:survey|review|overview|tutorial|position paper)s?", re.IGNORECASE)


def _remark(note: str) -> bool:
    """A note in lower case that remarks on the paper (``long context, skim only``, ``the one with the cat
    pictures``), not a name it goes by (``interpolation based LoRA``): a clause of more than four words or more
    than one; or only the kind of paper it is (``survey``)."""
    return note[:1].islower() and (
        len(note.split()) > 4 or any(c in note for c in ",;") or _KIND_NOTE_RE.fullmatch(note.strip()) is not None
    )


def _spaceless(text: str) -> bool:
    """``not any(c.isspace() for c in text)``, in C: str.split() splits at the characters str.isspace() names."""
    return not text or text.split() == [text]


def _before_bare_url(b: Block, text: str, numbered: bool, link: Link | None) -> str:
    """``Title https://arxiv.org/pdf/ID.pdf， a note``: the words before the item's first bare URL (``link``,
    ``_Head.bare_url_link``) when a note follows it (after a Chinese lead-in sentence there: "一篇…。 Title (URL)"),
    else ``text``."""
    at = b.text.find(link.text) if link is not None else -1
    if link is None or at <= 0:
        return text
    before = b.text[:at].rstrip(" (（:：")
    before = ORDINAL_RE.sub("", before, count=1) if numbered else before  # ("1. Title URL" in plain text)
    if CJK_RE.search(before):
        before = re.split(r"[。！？!?]\s*", before)[-1]
    elif not WORDISH_RE.search(URL_RE.sub(" ", b.text[at + len(link.text) :])):
        return text
    before = before.strip()
    if _latin_share(before) < 0.8 or len(before.split()) < 2 or not _title_like(before):
        return text
    return before


# The verbs a one-line description of a paper opens with ("Proposes …", "Shows that …"): no title starts that way in
# sentence case
_DESCRIBING_VERB_RE = re.compile(
    r"(?:makes|designs|analy[sz]es|prunes|shows|trains|proposes|introduces|presents|demonstrates|studies|explores|"
    r"investigates|evaluates|uses|finds|describes|develops|extends|improves|builds|argues|provides|examines|applies|"
    r"enables|combines|compares|measures|reduces|replaces|generates|leverages|distills|teaches|adapts|achieves)\b",
    re.IGNORECASE,
)
_THAT_CLAUSE_RE = re.compile(r"\bthat\s+(?:[a-z]+s|can|will|may)\b")  # "an approach that summarizes …", "that can …"


def _description(text: str) -> str:
    """The words before a line's bare URL (``text``) when they say what the paper does (``_describes``), else "".
    (Asked only of a line whose links all show a URL, ``_Head.url_texts_only``: the caller knows it.)"""
    text = text.strip().rstrip(" :：")
    return text if _describes(text) else ""


def _describes(text: str) -> bool:
    """``text`` (the words before a bare URL) says what a paper does, in sentence case, rather than naming it: led
    by a verb (``Makes LoRA scale up to long context …``, ``Shows that …``), or a long noun phrase with its clause
    (``A platform that can analyze …``, ``Retrieval augmented generation approach that summarizes …``)."""
    words = text.split()
    if len(words) < 6:
        return False  # (short: a title)
    verb = _DESCRIBING_VERB_RE.match(words[0]) and words[1].lower() not in ("of", "on", "in", "for", "from", "and", "with")
    # ("Studies of …", "Uses of …": a noun, a title's first word)
    if not verb and not (len(words) >= 10 and "that" in text and _THAT_CLAUSE_RE.search(text)):
        return False  # (asked before the count of capitals below: most lines have neither)
    return sum(1 for w in words[1:] if w[:1].isupper()) * 3 < len(words) - 1  # (not in title case: a title)


def _named_paper_link(line: Line, href: str) -> bool:
    """The line gives ``href`` as its paper's own link, by name ("([paper](url))", "[PDF](url)", a badge
    "[![Paper](badge)](url)"), not a post's."""
    return not BLOG_POST_RE.match(href) and any(
        link.href == href and PAPER_WORD_RE.fullmatch(link.text.strip() or link.alt) for link in line.block.links
    )


# A reading group's label of what a reading is to the session, before it: "Main discussion paper: ", "Follow-up
# paper: ", "Additional reading/background paper: " (not a bare "Paper: ", which the citation rules read)
_READING_ROLE = (
    r"(?:[A-Z][\w\-]*(?:[ /][a-z][\w\-]*){0,3}\s+(?:paper|reading)s?|(?i:(?:main|additional|related|follow-up|optional|"
    r"required|background|further|supplementary|suggested|recommended|extra)(?:\s+(?:discussion\s+)?(?:papers?|readings?))?))"
)
_ROLE_MARKS = frozenset(":：(（")  # (READING_ROLE_RE's: each of its forms holds a colon or an opening bracket)
READING_ROLE_RE = re.compile(
    rf"^\s*(?:{_READING_ROLE}\s*[:：](?:\s+|$)|[(（]{_READING_ROLE}[)）]\s+)"
)  # ("Background: URL", "Optional: Title URL", "(Optional Reading) Title. Venue. URL")


# After a bold name and its colon: the paper's title in quotes ('"Title", CVPR, 2021 (*Org*)', '“Title.” Venue')
_NAME_QUOTED_RE = re.compile(
    r"(?:[:：,，]|\s*[-–—])\s*[\"“](?P<title>[^\"“”]{8,300}?)[,.]?[\"”](?=$|[\s,.;(\[])"
    r"|\s*[(（]\s*[\"“](?P<bracketed>[^\"“”]{8,300}?)[,.]?[\"”]\s*[)）]"  # ('**Nick** ("Title")')
    r"|\s*[\"“](?P<bare>[^\"“”]{8,300}?)[,.]?[\"”](?=$|[\s,.;(\[])"  # (without the colon: '**Nick** "Title", Venue',
    # '**Nick** "Title" *Venue*')
)


def _bold_name_quoted(strong: str, text: str) -> str:
    """An awesome list's item led by the paper's nickname in bold, a colon and then its title in quotes
    (``* **OVR-CNN**: "Open-Vocabulary Detection Using Captions", CVPR, 2021 (*Org*). [[Paper](…)]``, also ``**?**:``
    when the list has no name for it, or a comma, a dash or brackets instead, ``**Nick** – "Title"``, ``**Nick**
    ("Title")``, or nothing, ``**Nick** "Title", Venue``; or the bold the title's part
    after its name, ``**Rest of the Title**: "Name: Rest of the Title"``): the quoted title, else ""."""
    name = strong.strip().rstrip(":：").strip()
    lead = text.lstrip(" *-•·")
    if not name or not lead.startswith(name):
        return ""
    m = _NAME_QUOTED_RE.match(lead[len(name) :].lstrip(" *"))
    title = " ".join((m.group("title") or m.group("bare") or m.group("bracketed")).split()) if m else ""
    if len(name.split()) > 4 and _key(name) not in _key(title):
        return ""  # (a longer bold line is a title of its own, unless the quotes give it whole: '**Rest of It**: "Name:
        # Rest of It"')
    return title if len(title.split()) >= 2 and _title_like(title.rstrip("?？!！")) else ""


def _title_rest(strong: str, tail: str) -> str:
    """``**Name**: Rest of Its Title ([paper](url))``: the rest of the title after the bold name and its colon (a
    run of words in title case up to the links), else "" (``**Name**: what it does.`` is a description)."""
    tail = tail.lstrip()
    if not tail.startswith((":", "：")) and not strong.rstrip().endswith((":", "：")):
        return ""
    rest = TITLE_REST_END_RE.split(tail.lstrip(" :："), maxsplit=1)[0].strip()
    words = rest.split()
    if not 2 <= len(words) <= 25 or not rest[:1].isupper() or ". " in rest or not _title_case(words):
        return ""
    return rest if _title_like(rest) else ""


def _without_acronym(text: str) -> str:
    """``Recursive Language Models, RLMs``: the title without the acronym its words spell after a comma."""
    title, comma, acronym = text.rpartition(",")
    acronym = acronym.strip()
    caps = "".join(c for c in acronym.removesuffix("s") if c.isupper())
    if not comma or len(caps) < 2 or not acronym.isalnum() or len(caps) < len(acronym.removesuffix("s")) - 1:
        return text
    return title if _spells(caps, title.casefold().split()) else text


def _without_refs(text: str) -> str:
    """``Name (arXiv:ID)``: the text without its arXiv references and the brackets they leave ("" for a bold id)."""
    parts, at = [], 0
    for ref in find_refs(text):
        parts.append(text[at : ref.start])
        at = ref.end
    return _no_empty_brackets("".join(parts) + text[at:]).strip(" ,;:：|-–—")


def _no_urls(text: str) -> str:
    """``URL_RE.sub("", text)`` (the pattern only where it can match)."""
    return URL_RE.sub("", text) if has_url(text) else text


# A score badge before a row's title, set apart from it by the page's layout ("<span>5</span>   <span>Title</span>")
SCORE_LEAD_RE = re.compile(r"^\s*[0-9]{1,3}(?:[.,][0-9]{1,2})?[ \t]{2,}(?=\S)")


_SPACE_RUN_RE = re.compile(r"[ \t]{2,}")


def _row_title(item: Item) -> str:
    b = item.head.block
    col = item.title_col
    if not (0 <= col < len(b.cells) and b.cells[col]) or (
        item.head.refs and not WORDISH_RE.search(_without_refs(_no_urls(b.cells[col])))
    ):  # ("| **PoisonedRAG** | [arXiv:2402.07867](…) |": the paper's column gives only its id, the row's name is its title)
        col = next((  # (no header names it: the cell led by the paper's titled link, "| Week 4 | [Title](arXiv) | Ana |")
            k for k, lead in enumerate(b.leads) if item.title_col < 0 and _good_link_text(lead) and any(
                link.text.strip() == lead.strip() and normalize(link.href) for link in b.links
            )
        ), -1)
        for k, c in enumerate(b.cells if col < 0 else ()):
            if k in item.who_cols:
                continue  # ("| 2031/03/12 | Ada Morvan | arXiv:ID |" under "Speaker": who presents it, not its title)
            text = URL_RE.sub("", c).strip()
            if len(text) >= 4 and not NUMBERS_RE.fullmatch(text) and not _is_label(text) and (
                not DATE_PREFIX_RE.match(text + ",") or len(text) > 16
            ):
                col = k
                break
    if col < 0:
        return ""
    if item.topic_link:
        return _clean_title(item.topic_link)  # "Manifolds -- [Lee and Wu](arXiv)" under a topic other rows share
    lead = b.leads[col] if col < len(b.leads) else ""
    if lead and _cjk_note_after_link(lead, b.cells[col], b):
        return _clean_title(lead)  # "[Helm](arXiv) 全面评测", "[视频串讲](arXiv)（上）": the linked name, then a note on it
    if lead and len(lead.split()) >= 2 and _title_like(lead.rstrip("?？!！")) and normalize(lead) is None and not _is_label(lead):
        if whole := _bold_title_start(lead, _without_label_tail(b.cells[col], b)):
            return _clean_title(whole)
        lead = _clean_title(lead)  # "**Title** - a comment" / "[Title](url) by ..." (a title may ask: "Can X Do Y?")
        return quoted_title(lead) or lead  # ('[Lee et. al. "Title" (2019)](url)': a citation as the link's text)
    if lead and (name := _bold_name_then_description(lead, b.cells[col])):
        return _clean_title(name)  # "| 4) **Quillnet** - Quillnet teaches …": the paper's name, then what it does
    emph = b.emphs[col] if col < len(b.emphs) else ""
    if emph and (emphasised := _clean_title(emphasised_title(b.cells[col], emph))):
        return emphasised  # "Ann Lee, Bo Wu — *Title* (NICK)": the cell's authors, then its title in italics
    cell = _without_label_tail(SCORE_LEAD_RE.sub("", ORDINAL_RE.sub("", b.cells[col], count=1), count=1), b)
    if len(cell) <= 1000 and (cited := citation_title(cell.replace("\n", " "))):
        return _clean_title(cited)  # "Lee, A. (2029). Title. arXiv:ID": a reading cell that cites its paper (thirty names before it too)
    first = cell.split("\n", 1)[0].strip()
    if first != cell.strip() and len(first.split()) >= 2 and _title_like(first.rstrip("?？!！")):
        cell = first  # "Title<br>Authors<br>[pdf] [code]"
    if item.title_only:  # (a cell under a "Title" header holds the title: a run of spaces in it is a space, "Baryon
        cell = _SPACE_RUN_RE.sub(" ", cell)  # Acoustic", a generated table's wrapped title)
    cell = slash_authors(cell)  # "Paper:  Title / Ann Lee, Bo Wu / ICLR 2017"
    if len(cell) > 60:  # "Title  This paper introduces...": the title is the lead
        cell = CELL_SPLIT_RE.split(cell, maxsplit=1)[0]
    if (m := _NAMES_DASH_LEAD_RE.match(cell)) and _names_lead(m.group("names")) and (
        len(words := cell[m.end() :].split()) >= 3 and _title_like(" ".join(words).rstrip("?？"))
    ):
        cell = cell[m.end() :]  # "Ann Lee, Bo Wu — Title", "Lee et al. — Title": who wrote it, then its title
    title = _clean_title(cell)
    cut = _strip_authors(title)
    rest = title[len(cut) :].lstrip()
    if item.title_only and rest.startswith("by ") and "et al" not in rest and not YEAR_IN_RE.search(rest):
        return title  # a cell under a "Title" header: "X by Learning Y and Z" is the title's own "by", not its authors
    return cut


_NAMES_DASH_LEAD_RE = re.compile(r"(?P<names>[^—–|\n]{2,120}?)\s+[—–]\s+(?=\S)")


_CJK_NOTE_RE = re.compile(r"[\s\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20()·•,，。、:：-]+")


def _cjk_note_after_link(lead: str, cell: str, b: Block) -> str:
    """The note in Chinese after a title cell's lead, when the lead is the text of the paper's own link and the note
    has no Latin letter or digit (``[Helm](arXiv) 全面语言模型评测``, ``[Pathways](arXiv) 逐段精读``, ``[视频理解串讲](arXiv)（下）``:
    an episode's or a reading's comment, not the paper's name); else "" ."""
    if not cell.startswith(lead) or not any(link.text.strip() == lead.strip() and normalize(link.href) for link in b.links):
        return ""
    note = cell[len(lead) :].split("\n", 1)[0].strip()  # (its first line: "[Title](arXiv) 精读<br>（cited in it: …）")
    return note if note and _CJK_NOTE_RE.fullmatch(note) and re.search(r"[\u4e00-\u9fff]", note) else ""


def _names_lead(names: str) -> bool:
    """``Ann Lee, Bo Wu``, ``Lee & Wu``, ``Lee et al.``: two names or more (or one and "et al."), only names."""
    names = names.strip()
    several = " et al" in names or "," in names or " & " in names or " and " in names
    return several and _author_list(names.replace(" et al.", "").replace(" et al", ""))


def _bold_title_start(lead: str, cell: str) -> str:
    """A title cell whose bold lead is only the start of the title: ``**Turns Out I'm Not Real**: Towards Robust …``
    (a subtitle in title case after its colon) or ``**Interpretable Detection** of AI-Generated Images via …`` (the
    title going on in title case); the whole title, else "" (``**Title** - a comment``, ``**Title** by Authors``)."""
    at = cell.find(lead)
    tail = cell[at + len(lead) :].strip(" *") if at >= 0 else ""
    if not tail:
        return ""
    if rest := _title_rest(lead, tail):
        return f"{lead.rstrip(' :：')}: {rest}"
    words = tail.split()
    if not words:  # (a tail of other blanks: a line break, a tab)
        return ""
    whole = f"{lead} {tail}"
    if words[0][:1].islower() and words[0] != "by" and len(whole.split()) <= 25 and _title_like(whole) and (
        _title_case(whole.split()) and ". " not in whole and not any(f" {c} " in tail for c in "-–—|")
    ):
        return whole
    return ""


_NAME_SEPARATOR_RE = re.compile(r"\**\s*(?:[-–—]\s+|[:：]\s*)")  # (after the bold name: " - ", " — ", ": ")


def _bold_name_then_description(lead: str, cell: str) -> str:
    """A title cell led by the paper's one-word name in bold (after its counter), then a dash or a colon and a
    description of it in sentence case, six words or more (``| 4) **Quillnet** - Quillnet teaches a small model to
    …``, ``| **Moor(RL)**: a recipe that keeps …``): the name, else "" (a title of several bold words is read as
    one; ``**Name**: Rest Of Its Title`` in title case is the whole title)."""
    name = lead.strip()
    if len(name.split()) != 1 or not _title_like(name) or normalize(name) is not None or _is_label(name):
        return ""
    text = SCORE_LEAD_RE.sub("", ORDINAL_RE.sub("", cell, count=1), count=1).lstrip(" *")
    if not text.startswith(name) or not (m := _NAME_SEPARATOR_RE.match(text, len(name))):
        return ""
    words = text[m.end() :].split("\n", 1)[0].split()
    return name if len(words) >= 6 and not _title_case(words) else ""


def _without_label_tail(cell: str, b: Block) -> str:
    """A title cell without the label links it ends in (``Title [Paper](url)``, ``BERT<br>[Paper](url)``): their
    words are not the title's."""
    labels = {link.text.strip() for link in b.links if link.text.strip() and _is_label(link.text.strip())}
    while labels:
        text = cell.rstrip(" ,;，；\n")
        closed = text.rstrip("]】")  # (a label in brackets of its own: "Title. ICLR 2029. [[arXiv](…)]")
        tail = next((t for t in labels if text.endswith(t) and text[: -len(t)].strip()), None)
        if tail is None and closed != text:
            tail = next((t for t in labels if closed.endswith(t) and closed[: -len(t)].rstrip().endswith(("[", "【"))), None)
            if tail is not None:
                text = closed[: -len(tail)].rstrip()[:-1] + tail
        if tail is None or WORDISH_RE.search(text[: -len(tail)]) is None:
            break
        cell = text[: -len(tail)]
    return cell


def _row_title_links_elsewhere(item: Item, head: str) -> bool:
    """A table row titled by a cell that is a link to something other than a paper (``[Intro slides](w1.pdf)``, ``[A
    blog post](…)``): not the title of the arXiv paper the row gives elsewhere."""
    b = item.head.block
    if b.kind != "row":
        return False
    key = _key(head)
    return any(_key(_clean_title(link.text)) == key and normalize(link.href) is None for link in b.links if link.text)


def _row_rest(item: Item) -> str:
    """The title cell's words after the title: the row's description."""
    b = item.head.block
    col = item.title_col if 0 <= item.title_col < len(b.cells) else -1
    if col < 0:
        return ""
    lead = b.leads[col] if col < len(b.leads) else ""
    cell = SCORE_LEAD_RE.sub("", ORDINAL_RE.sub("", b.cells[col], count=1), count=1).strip()
    if lead and cell.startswith(lead):
        return clean_line(cell[len(lead) :]).lstrip(" :：-–—|")
    parts = CELL_SPLIT_RE.split(cell, maxsplit=1) if len(cell) > 60 else []
    return clean_line(cell[len(parts[0]) :]) if len(parts) == 2 else ""  # "Title  This paper ..."


def _emphasis_led(b: Block, own_text: str) -> str:
    """``*Title* [[arxiv, 14.12]](url) [[**PyTorch**]](repo)``: a line that is an italic span and then only links, its
    paper's link labelled rather than titled (label words, a date): the span is the title, else "" (a bold lead is
    the head's own case: ``***1. Title***``)."""
    emph = b.lead_emph
    if not emph or b.strong or (own_text and not _is_label(NON_LETTERS_RE.sub(" ", own_text).strip() or "link")):
        return ""
    at = b.text.find(emph)
    if at < 0 or WORDISH_RE.search(b.text, 0, at):
        return ""
    rest = replace_each(b.text[at + len(emph) :], [link.text for link in b.links if link.text], " ")
    if WORDISH_RE.search(rest) and not _authors_after(rest):
        return ""
    return emph if _title_like(_clean_title(emph).rstrip("?？!！")) else ""


def _authors_after(rest: str) -> bool:
    """``Yang, Li, et al. CAS.``, ``Cui, Jiaxun, et al. The University of Texas``: a reading log's first authors and
    their lab after the underlined title, no sentence."""
    rest = rest.strip(" .,;[]()")
    at = rest.find(" et al")
    return 0 < at <= 40 and rest[:1].isupper() and "," in rest[:at] and len(rest[at:].split()) <= 10


def _nickname_then_link(item: Item, own_text: str) -> str:
    """An awesome list's item led by the paper's nickname in bold, then its titled link (``**DDPM** [Denoising
    diffusion probabilistic models](url) 2020, a note``, ``**Dalle-2,** [Title](arXiv)``): the link's text, when the
    link is the paper's own (its arXiv reference, or a paper's page when it has none), else ""."""
    b = item.head.block
    if b.kind not in ("item", "para") or not b.strong or not b.links or len(b.strong.split()) > 4:
        return ""
    link = b.links[0]
    text = link.text.strip()
    lead = b.text.lstrip(" *-•·")
    if not lead.startswith(b.strong) or not lead[len(b.strong) :].lstrip(" *").startswith(text):
        return ""  # (the bold name first, the link right after it)
    if len(text.split()) < 3 or not _good_link_text(text) or not WORDISH_RE.search(b.strong) or CITE_LINK_RE.fullmatch(text):
        return ""  # (not "**FiD: Title** [(Lee & Wu 2020)](arXiv)": the link names who and when)
    own = own_text.strip() == text if own_text else PAPER_HOST_RE.search(link.href) is not None
    return text if own else ""


# What a listed paper's linked name may have around it: a tag or a level before it ("(Optional)", "Harder:", the lab
# in square brackets, "[Google DeepMind & Research]", after the list's kind mark, "📜 [Lab] [Title](arXiv)", an emoji
# of its own between) and a description in brackets after it, in lower case ("(cost optimization for LLM-powered data
# processing)")
_AROUND_LINK_RE = re.compile(
    r"(?:[^\w\s\[\]()（）]{1,8}\s*)?"
    r"(?P<tag>[(（][A-Za-z][\w ]{0,18}[)）]|[A-Z][\w-]{0,18}\s*[:：]|\[[A-Z][\w .&,'’/-]{0,40}\](?:\s*[^\w\s\[\]]{1,4})?)?"
    r"\s*(?P<link>\x00)\s*(?P<note>[(（][a-z][^()（）]{8,200}[)）])?[.。]?"
)


# The name of a card's field-table row that gives the paper's title
TITLE_CELL_RE = re.compile(r"标题|题目|论文标题|论文题目|title|paper title|タイトル|論文タイトル|題名|제목|논문 ?제목", re.IGNORECASE)


def _described_link(bare: str, link: str) -> str:
    """A list item that is a paper's linked name with a tag before it or a lower-case description after it: the
    name, else ""."""
    stripped = bare.strip()
    if stripped == link.strip():
        return ""  # (the link alone: neither a tag nor a note around it)
    m = _AROUND_LINK_RE.fullmatch(stripped.replace(link.strip(), "\x00", 1)) if link.strip() in bare else None
    if m is None or not (m.group("tag") or m.group("note")) or not _title_like(link.strip()):
        return ""
    name = _clean_title(link)
    return name if len(name) >= 3 and normalize(name) is None and not _is_label(name) else ""


_CLOSING = (")", "）")  # (what _TOPIC_BRACKET_RE ends with)
_TOPIC_BRACKET_RE = re.compile(r"(?P<topic>[^()（）\[\]]{2,40}?)\s*[(（](?P<inside>[^()（）]+)[)）]")
_LINK_SEPARATORS_RE = re.compile(r"[\s|,/;&]*")


def _topic_then_links(line: Line, link: str) -> str:
    """``- Iberian speech ([Meseta](arXiv) | [Ria](its code))``: a list item that names a topic, then in brackets only
    the links of its models, the paper's linked name first among them: that name, else "" (not a topic's own
    words)."""
    text = line.block.text.strip()
    m = _TOPIC_BRACKET_RE.fullmatch(text) if text[-1:] in _CLOSING else None  # (the pattern ends in a closing bracket)
    link = link.strip()
    if m is None or not m.group("inside").strip().startswith(link) or not _title_like(link):
        return ""
    inside = m.group("inside")
    for other in line.block.links:
        if other.text.strip():
            inside = inside.replace(other.text.strip(), " ", 1)
    if not _LINK_SEPARATORS_RE.fullmatch(inside):
        return ""
    name = _clean_title(link)
    return name if len(name) >= 3 and normalize(name) is None and not _is_label(name) else ""


# A meeting log's line: its date, then who presents ("Priya - ", "Ann & Bo - ") or a note on the session
# ("Priya will walk us through "), before the paper's link or its words.
SESSION_PRESENTER_RE = re.compile(r"[A-Z][a-z]+(?:\s*(?:&|and)\s*[A-Z][a-z]+)?\s+[-–—](?:\s+|$)")
PAPER_WORD_END_RE = re.compile(r"\s+paper$", re.IGNORECASE)  # "[Mamba paper](…)": the paper named "Mamba"


def _session_note(lead: str) -> bool:
    """``lead`` (the words before a link) is a dated line's note on its session: "Jan 21: Priya will walk us
    through", "Feb 4: Tomas - "."""
    m = DATE_PREFIX_RE.match(lead)
    rest = lead[m.end() :].strip() if m else ""
    return bool(rest) and (SESSION_PRESENTER_RE.fullmatch(rest) is not None or (
        len(rest.split()) >= 3 and rest[:1].isupper() and not _title_case(rest.split())
    ))
_DASH_SPLIT_RE = re.compile(r"\s+[-–—]\s+")


def _link_then_fields(bare: str, link: str) -> str:
    """A reading log's line led by the paper's linked name, then short fields after dashes (``* [SimCLR](arXiv) - CV -
    25th September 2023``: a field, the date it was read): the name, else "" (not when a field is a title of its
    own, ``[BERT](…) - Pre-training of Deep …``)."""
    text = link.strip()
    if not text or not bare.startswith(text) or not _DASH_SPLIT_RE.match(bare[len(text) :]):
        return ""
    fields = _DASH_SPLIT_RE.split(bare[len(text) :].strip(" -–—"))
    if not all(1 <= len(field.split()) <= 3 for field in fields) or not _title_like(text):
        return ""
    name = _clean_title(text)
    return name if len(name) >= 3 and normalize(name) is None and not _is_label(name) else ""


def _reference_line(b: Block) -> str:
    """A line that cites its paper and links it only by labels (``Lee et al. Title. CHI 2025. [DOI](…)``,
    ``REFERENCE_LINE_RE``): the title between the authors and the venue, as written, else ""."""
    if b.kind not in ("item", "para") or not b.links or not _is_label(b.links[0].text.strip()) or not all(
        _is_label(link.text.strip()) for link in b.links
    ):  # (the first link asked first: most lines' is no label)
        return ""
    if b.strong or b.emph or b.lead_emph:
        return ""  # ("**Title**. *Authors*. NIPS 2015. [[pdf](…)]": the emphasis says which part is the title)
    text = _without_label_tail(b.text, b).strip()
    m = REFERENCE_LINE_RE.fullmatch(text) if len(text) <= 400 else None
    if m is None:
        return ""
    if first := _title_first(text):
        return clean_line(_without_who_when(first))  # "Title. Ann Lee, Bo Wu, Cy Diaz. NIPS 2019. [pdf](…)": its
        # authors after it ("Title, Lee et al. ICML 2020 [pdf](…)", "Title, Kipf & Wu [pdf](…)": after a comma)
    if (cited := citation_title(text)) and (at := text.find(cited)) > 0 and CITATION_YEAR_RE.search(text[:at]):
        return clean_line(cited)  # "Lee, A., & Wu, B. (2029). Title. Venue 2029. [pdf](…)": its authors and year before it
    title, lead = m.group("title"), text[: m.start("title")].strip().rstrip(".")
    if _names(title) and lead and not _names(lead):
        return clean_line(lead)  # "Title of Words. Ann M. Lee, Bo V. Wu. NIPS 2015.": the title first, then its authors
    if not lead and ". " in title and _author_list(tail := title.rsplit(". ", 1)[1]) and len(tail.split()) <= 4:
        return clean_line(title.rsplit(". ", 1)[0])  # "Title for Speech. Cy Diaz. ICLR 2029."
    return clean_line(_without_who_when(title))  # ("Title, Lee et al. ICML 2020 [pdf](…)": the title's words)


def _names(text: str) -> bool:
    """``text`` is plainly a list of authors: two names or more (``Ann Lee, Bo Wu``), or a name with an initial (``Ann M.
    Lee``), not a title in title case."""
    parts = [p for p in AUTHOR_SPLIT_RE.split(text) if p]
    return _author_list(text) and (len(parts) >= 2 or re.search(r"\b[A-Z]\.\s", text) is not None) and all(
        len(p.split()) <= 4 for p in parts
    )


def _title(item: Item, own_text: str, facts: _Head) -> tuple[str, Line | None]:
    """The paper's title, and the body line it came from (not part of the summary): the first of these steps that
    finds one, in order. Each step is asked only where the head's kind and fields (``facts``) let its own first
    condition hold: bold and emphasis, links, a body under the head."""
    b = item.head.block
    kind = b.kind
    linked_text = kind in ("item", "para")  # (a bullet's or a paragraph's line)
    if own_text and own_text.lstrip()[:1] in ("(", "（") and CITE_LINK_RE.fullmatch(own_text.strip()):
        own_text = ""  # "Title [(Lee et al. 2022)](arXiv)": the link names who and when, the words before it the title
    if b.strong and b.emph and (named := _name_then_bold_title(b)) is not None:
        return named, None  # "**SANTA:** **Structure-Aware …**": a name, its title
    if linked_text and b.links and (title := _reference_line(b)):
        return title, None  # "Lee et al. Title (with Notes). Panel, CHI 2026. [DOI](…)": the citation's title, whole
    if own_text and kind == "para" and (title := _labelled_link(b, own_text)):
        return title, None  # "Paper: [Phi-1.5](arXiv) **"a debate's question"**": the line names its paper by the link
    if b.lead_emph and (emphasised := _emphasis_led(b, own_text)) and (title := _clean_title(emphasised)):
        return title, None
    if b.strong and b.links and linked_text and (nicked := _nickname_then_link(item, own_text)) and (
        title := _clean_title(nicked)
    ):
        return title, None  # "3. **DDPM** [Denoising diffusion probabilistic models](url) 2020, a note"
    if b.emph and (title := _emphasised_head_title(item, facts)):
        return title, None  # "Authors, **Title**, venue", "Nick: ID. **Title**. Authors"
    if (own_text or b.links) and (cited := _citation_link_text(item, own_text)) is not None:
        return cited, None  # "Lee, A., & Wu, B. (2018). Title. Venue", 'Lee et. al. "Title" (2019)'
    head = _english_gloss(item, _head_title(item, facts))
    if own_text and kind == "item" and (named := _described_link(item.head.bare, own_text)):
        return named, None  # "[Palimpzest](arXiv) (cost optimization for …)", "Harder: [Smoke](arXiv)"
    if own_text and kind == "item" and (named := _topic_then_links(item.head, own_text)):
        return named, None  # "- Iberian speech ([Meseta](arXiv) | [Ria](its code))"
    if own_text and kind == "item" and (named := _link_then_fields(item.head.bare, own_text)):
        return named, None  # "* [SimCLR](arXiv) - CV - 25th September 2023"
    if own_text and _good_link_text(own_text) and (linked := _titled_link_title(item, head, own_text)) is not None:
        return linked, None  # _TITLED_LINK_SHAPES
    if not own_text and b.links and (led := _lead_paper_link(item)) is not None:
        return led, None  # "* [Title](a DOI) (doi.org, 2021)", "- Topic label: [Title](a PDF)"
    if not own_text and b.links and (cited := _cited_other_link(item)) is not None:
        return cited, None  # "Gao, H., … (2025). [Title](openreview)."
    if kind == "heading" and (found := _quoted_title_under(item)) is not None:
        return found  # "## 论文 2：Lee & Wu, PRB 12, 3456 (2020)" / "> **Ann Lee, Bo Wu**" / '> "Title"' / "> arXiv:ID"
    if item.body and (found := _title_field_under(item)) is not None:
        return found  # "**英文标题**：The Real Title", "| 标题 | The Real Title |"
    if head and (found := _english_line_under_cjk_head(item, head)) is not None:
        return found  # "# 中文标题" then the English title
    if kind == "heading" and len(item.body) >= 2 and (found := _italic_title_over_link(item)) is not None:
        return found  # "## 🔍 Desambiguando palabras" / "*English Title of the Paper*" / "Paper: URL"
    if head and kind == "heading" and (nick := nickname(head)):
        found = _nickname_title(item, nick)
        if found is not None and not (_links_as_head(item, head) and nickname_title(nick, found[1].bare.replace("**", ""))[0] < 2):
            return found  # "### DETR" then its full title (not a tagline without its name, where the paper's own link
            # repeats the heading: "### Tool Routing" / "**Fast Routing for Agents**" / "Paper: [Tool Routing (arXiv:ID)](…)")
    if not head and own_text and item.head.block.kind == "para" and news_paper_link(item.head.block):
        return "", None  # "Lee et al. (2029) proposed a [method](arXiv) for …": the link's word names no paper
    if not head and own_text:
        return _clean_title(own_text), None
    return head, None


_QUOTED_WHOLE_RE = re.compile(r"\s*[\"“](?P<title>[^\"“”]{4,400})[\"”][.,]?\s*")


def _quoted_title_under(item: Item) -> tuple[str, Line] | None:
    """A heading that cites its paper by who, where and when (``Lee & Wu, PRB 12, 3456 (2020)``), over a card whose
    first lines are its authors in bold, then its title alone in quotes (``"Title"``), then its id: that title."""
    head = item.head
    if head.block.kind != "heading" or YEAR_IN_RE.search(head.bare) is None or not any(
        sign in head.bare for sign in (",", " & ", " et al", " and ")
    ):
        return None
    for k, line in enumerate(item.body[:3]):
        b = line.block
        if b.kind != "para" or line.refs:
            return None
        if (m := _QUOTED_WHOLE_RE.fullmatch(b.text)) and len(m.group("title").split()) >= 3 and (
            k == 0 or item.body[k - 1].block.strong.strip() == item.body[k - 1].block.text.strip()
        ) and m.group("title").rstrip()[-1:] not in ".。" and (title := _clean_title(m.group("title"))) and (
            _title_like(title.rstrip("?？"))
        ):
            return title, line  # (its authors' bold line may be missing: the quoted title right under the heading)
    return None


def _name_then_bold_title(b: Block) -> str | None:
    """A name in bold ending in a colon, then the title in emphasis: "**SANTA:** **Structure-Aware …**": both, else
    None."""
    if b.strong.rstrip().endswith((":", "：")) and len(b.strong.split()) == 1 and b.emph and (
        (at := b.text.find(b.emph)) > 0 and not b.text[len(b.strong) : at].strip(" *")
    ) and b.text.startswith(b.strong) and _title_like(b.emph) and len(b.emph.split()) >= 3:
        return _clean_title(f"{b.strong.strip()} {b.emph}")
    return None


def _labelled_link(b: Block, own_text: str) -> str:
    """A paragraph that names its paper by its own link after a label: "Paper: [Phi-1.5](arXiv) …": the link's title,
    else ""."""
    m = ((LABEL_PREFIX_RE.match(b.text) if label_led(b.text) else None) or READINGS_LEAD_RE.match(b.text)) if (
        own_text and b.kind == "para"
    ) else None
    if m and b.text[m.end() :].startswith(own_text) and (
        not _is_label(own_text) and "://" not in own_text and normalize(own_text) is None
    ) and (title := _clean_title(own_text)):
        return title
    return ""


def _emphasised_head_title(item: Item, facts: _Head) -> str:
    """The head's emphasised title: "Authors, **Title**, venue", "Nick: ID. **Title**. Authors", else ""."""
    emph = item.head.block.emph  # (not "[Title](arXiv). _Ann Lee, Bo Wu_." nor "**Title**. *Ann Lee*.": the authors)
    if emph and not (_titled_lead(facts) and _author_list(emph)) and not WHO_WHEN_RE.fullmatch(emph.strip()) and (
        emphasised := _clean_title(emphasised_title(item.head.block.text, emph))
    ):  # (not a venue tag in bold, "**[ICCV' 17]**": nothing of a title is left of it)
        return emphasised
    return ""


def _citation_link_text(item: Item, own_text: str) -> str | None:
    """A link whose text is a citation (its own, else one of the head's first three that does not name who and when):
    "Lee, A., & Wu, B. (2018). Title. Venue", 'Lee et. al. "Title" (2019)': the cited title, else None."""
    texts = [own_text] if own_text else [
        link.text for link in item.head.block.links[:3] if not CITE_LINK_RE.fullmatch(link.text.strip())
    ]
    for text in texts:
        if in_citation := citation_title(text) or quoted_title(text):
            return _clean_title(in_citation)
    return None


def _english_gloss(item: Item, head: str) -> str:
    """``head``, or the English title the article gives after a title in another script: "**中文标题**（English
    Title）", "LTX-2：中文标题 (English Title)"."""
    if head and item.head.bare.rstrip()[-1:] in ")）" and (m := EN_GLOSS_RE.search(item.head.bare)) and (
        _latin_share(head) < 0.5 or _latin_share(item.head.bare[: m.start()]) < 0.5  # ("LTX-2：中文标题 (English Title)")
    ):
        english = _clean_title(_without_acronym(m.group("en")))
        if _latin_share(english) >= 0.8 and len(english.split()) >= 2 and _title_like(english):
            head = english  # "**中文标题**（English Title）": the English title the article gives
    elif head and head.rstrip()[-1:] in ")）" and (m := EN_GLOSS_RE.search(head)) and _latin_share(head[: m.start()]) < 0.5:
        english = _clean_title(_without_acronym(m.group("en")))  # (a table's title cell, "| 中文标题 (English Title) |")
        if _latin_share(english) >= 0.8 and len(english.split()) >= 2 and _title_like(english):
            head = english
    elif head and ("/" in head or "／" in head) and (m := _SLASHED_GLOSS_RE.fullmatch(head)) and _latin_share(m.group("other")) < 0.5 and (
        _latin_share(english := m.group("en").strip()) >= 0.8 and len(english.split()) >= 2 and _title_like(english)
    ):
        head = _clean_title(english)  # "中文标题 / English Title": the English title the article gives after a slash
    return head


# "中文标题 / English Title", "キーを共有する注意機構 ／ English Title": a title in another script, a slash, the English one
_SLASHED_GLOSS_RE = re.compile(r"(?P<other>[^/／]*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^/／]*?)\s*[/／]\s*(?P<en>[A-Za-z][^/／]+)")


def _lead_paper_link(item: Item) -> str | None:
    """An item with no own link text led by its own titled link to a paper: "* [Title](a DOI) (doi.org, 2021)", "-
    Topic label: [Title](a PDF)": the link's title, else None."""
    lead_link = item.head.block.links[0] if item.head.block.links else None
    if lead_link is not None and item.head.block.kind in ("item", "para", "heading") and (
        lead_link.href == _own_link(item) and PAPER_HOST_RE.search(lead_link.href) and len(lead_link.text.split()) >= 2
        and _good_link_text(lead_link.text)
    ):
        at = item.head.bare.find(lead_link.text)
        lead = item.head.bare[:at].replace("*", "").strip(" -•·") if at > 0 else ""
        if at > 0 and _who_then_link(lead, lead_link.text, item.head.bare[at + len(lead_link.text) :]):
            return _clean_title(lead_link.text)  # "### Lee et al. [Title](a PDF) AAAI 1998"
        if item.head.block.kind == "heading":
            return None
        if at == 0 or (lead.endswith((":", "：")) and len(lead.split()) <= 4) or (
            item.head.block.kind == "item" and _pipe_field(item.head.bare, lead_link.text)
        ):
            return _clean_title(lead_link.text)
    return None


def _cited_other_link(item: Item) -> str | None:
    """A citation whose linked title is not on arXiv: "Gao, H., … (2025). [Title](openreview).", "[Title](its PDF)
    (Ann Lee, ICML 2015)": the link's title, else None."""
    bare = item.head.bare
    for cited in item.head.block.links:
        at = bare.find(cited.text) if cited.text and not CITE_LINK_RE.fullmatch(cited.text.strip()) else -1
        if at >= 0 and _good_link_text(cited.text) and (
            (at > 0 and len(cited.text.split()) >= 3 and CITATION_YEAR_RE.search(bare[:at])) or _cited_link(item.head)
        ):
            return _clean_title(cited.text)
    return None


def _title_field_under(item: Item) -> tuple[str, Line] | None:
    """A "Title:" field on one of the first lines under the head ("**英文标题**：The Real Title", a card's field table
    "| 标题 | The Real Title |"): its title and line, else None."""
    fielded = TITLE_FIELD_RE.match(item.head.bare.replace("**", "")) is not None  # ("- Title: X" heads its item: a
    # "Title:" line under it is another paper's)
    for line in [] if fielded else item.body[:20]:  # "**英文标题**：The Real Title"
        m = TITLE_FIELD_RE.match(line.bare.replace("**", "")) if line.block.kind in ("item", "para") else None
        if m is None and line.block.kind == "row" and item.head.block.kind != "row" and len(line.block.cells) == 2:
            cells = line.block.cells  # (a card's field table: "| 标题 | The Real Title |", "| Title | … |")
            title_row = TITLE_CELL_RE.fullmatch(cells[0].replace("*", "").strip()) is not None
            m = TITLE_FIELD_RE.match(f"{cells[0]}: {cells[1]}") or (
                TITLE_FIELD_RE.match(f"paper title: {cells[1]}") if title_row else None
            )
        if m and _title_like(_clean_title(m.group("title")).rstrip("?？!！")) and normalize(m.group("title")) is None:
            return _clean_title(m.group("title")), line  # (a title may ask)
    return None


def _english_line_under_cjk_head(item: Item, head: str) -> tuple[str, Line] | None:
    """A head title in CJK ("# 中文标题") and the English title on the first line of text under it: that title and
    line, else None."""
    if not (head and _latin_share(head) < 0.5 and CJK_RE.search(head)):
        return None  # (a head in Latin letters, most heads: no line under it is looked at)
    first = next((  # (not a score "8/10", a line of authors or a field)
        line for line in item.body[:3]
        if WORDISH_RE.search(line.block.text) and _summary_text(line.block.text) and not _field_line(line)
        and not line.label  # (not its link line: "**原文链接**: [arXiv:ID](…) | [PDF](…)")
    ), None)
    if first is not None:
        fb = first.block  # (a citation there: its emphasised title, "Nick: ID. **Title**. Authors")
        text = _clean_title((fb.emph and emphasised_title(fb.text, fb.emph)) or fb.text)
        if _latin_share(text) >= 0.7 and _title_like(text) and len(text) <= 250 and len(text.split()) >= 2 and (
            not CJK_FIELD_RE.match(text)  # (a field: "**领域**: Computation and Language")
        ):
            return text, first
    return None


def _italic_title_over_link(item: Item) -> tuple[str, Line] | None:
    """A heading that names its paper in its own words (a gloss in another language, a question, a headline:
    ``## 🔍 Desambiguando palabras: ¿…?``), over a line that is only the paper's title in italics, in title case
    (``*Evaluating Contextualized Representations of …*``), right over the paper's link line (``Paper: URL``): that
    title and line, else None."""
    if item.head.block.kind != "heading" or len(item.body) < 2:
        return None
    first, below = item.body[0], item.body[1]
    b = first.block
    if b.kind != "para" or first.refs or b.links or not b.lead_emph or b.lead_emph.strip(" *_") != b.text.strip(" *_"):
        return None
    if not (below.label and below.refs):
        return None  # (its link line right under it: the italics are the paper's title, not a tagline)
    text = _clean_title(b.lead_emph)
    words = text.split()
    if len(words) >= 3 and _latin_share(text) >= 0.8 and _title_like(text.rstrip("?？!！")) and _title_case(words) and (
        _key(text) != _key(item.head.bare)
    ):
        return text, first
    return None


class _TitledLink:
    """An item whose own link has a good text (``link``, cleaned), seen against its head title and its head line: the
    link's place in the line (``at``), the words before it (``lead``) and after it (``after``)."""

    __slots__ = ("after", "at", "bare", "head", "item", "lead", "link", "own_text")

    def __init__(self, item: Item, head: str, own_text: str) -> None:
        self.item, self.head, self.own_text = item, head, own_text
        self.link = _clean_title(own_text)
        self.bare = item.head.bare
        self.at = self.bare.find(own_text)
        self.lead = self.bare[: self.at].replace("*", "").strip(" -•·")
        self.after = self.bare[self.at + len(own_text) :]


def _no_head_or_title_elsewhere(t: _TitledLink) -> bool:
    """No head title, or a row whose title cell links slides or a post: "[Slides](…)" … "Paper: [Title](arXiv)"."""
    return not t.head or _row_title_links_elsewhere(t.item, t.head)


def _nickname_in_head(t: _TitledLink) -> bool:
    """A nickname in the head, the full title in the link."""
    head_key, link_key = _key(t.head), _key(t.link)
    return bool(head_key) and head_key in link_key and len(link_key) > len(head_key)


def _link_then_description(t: _TitledLink) -> bool:
    """The head starts with the link's title: "[Title](url) - what it does" / "[Title](url) by Authors"."""
    head_key, link_key = _key(t.head), _key(t.link)
    return bool(link_key) and head_key.startswith(link_key) and len(t.link.split()) >= 3


def _topic_heading_over_link(t: _TitledLink) -> bool:
    """"### Speculative decoding" / "[Faster Decoding With Drafts](arXiv) proposes …"."""
    return _topic_over_titled_link(t.item, t.head, t.own_text, t.link)


def _latin_link_under_other_head(t: _TitledLink) -> bool:
    """A head mostly not in Latin letters ("中文标题"), a link mostly in them ("[English Title](arXiv)")."""
    return _latin_share(t.head) < 0.5 <= _latin_share(t.link)


def _citation_before_link(t: _TitledLink) -> bool:
    """A citation: "Lee, A., & Wu, B. (2025). [Title](url). arXiv preprint", "Alur, Udupa: [Title](url)"."""
    at = t.at
    return at >= 0 and bool(
        (at > 0 and len(t.link.split()) >= 3 and CITATION_YEAR_RE.search(t.bare[:at])) or _cited_link(t.item.head)
    )


def _authors_before_link(t: _TitledLink) -> bool:
    """Who wrote it, then the titled link, then at most where and when it appeared: "Lee et al. [Title](url) ICML
    2016", "Lee and Wu [Title](url)" (a survey's heading per paper)."""
    return t.at > 0 and _who_then_link(t.lead, t.link, t.after)


def _who_then_link(lead: str, link: str, after: str) -> bool:
    """``lead`` names the authors ("Lee et al.", "Lee and Wu"), ``link`` is a title of two words or more, ``after``
    is nothing or a venue and year ("ICML 2016", "ICML under review 2017")."""
    return len(link.split()) >= 2 and WHO_RE.fullmatch(lead) is not None and AUTHORS_JOIN_RE.search(lead) is not None and (
        not after.strip() or VENUE_YEAR_AFTER_RE.fullmatch(after) is not None
    )


AUTHORS_JOIN_RE = re.compile(r"\set\.?\s*al\b|\sand\s|&")  # (several authors: not one word before a link)
VENUE_YEAR_AFTER_RE = re.compile(r"\s*[A-Z][\w'’\-]*(?:\s+[\w'’\-]+){0,3}\s+(?:19|20)[0-9]{2}\.?\s*")  # " ICML 2016"


def _topic_label_before_link(t: _TitledLink) -> bool:
    """A topic label before the titled link: "Object detection: [Title](url)"."""
    return t.at > 0 and t.lead.endswith((":", "：")) and len(t.lead.split()) <= 4 and len(t.link.split()) >= 2


def _note_before_closing_link(t: _TitledLink) -> bool:
    """A note, then the titled link that ends the line: "20180718 提出X的概念：[Title](arXiv)"."""
    return t.at > 0 and not t.after.strip() and len(t.link.split()) >= 3 and _title_case(t.link.split()) and (
        t.lead.endswith((":", "：")) or CJK_RE.search(t.lead) is not None
    )


def _tag_before_link(t: _TitledLink) -> bool:
    """A tag, then the titled link and nothing else: "*supplementary* [Title](url)"."""
    return t.at > 0 and len(t.lead.split()) <= 1 and len(t.link.split()) >= 3 and not t.after.strip()


def _name_dash_before_link(t: _TitledLink) -> bool:
    """Who presents it, the name it goes by or a day's label, and a dash, then the titled link that ends the line or
    a dash and a blurb after it: "Tomas Veer — [Title](arXiv)", "Mamba - [Linear-Time Sequence Modeling …](arXiv)",
    "**Monday** - [Nick: Full Title](arXiv) - what it does"."""
    lead = t.bare[: t.at].replace("*", "").strip(" •·")  # (its dash kept: t.lead drops a "-")
    words = t.link.split()
    return t.at > 0 and lead[-1:] in "-–—" and 1 <= len(lead[:-1].split()) <= 3 and (
        len(words) >= 3 or (len(words) == 2 and words[0].endswith(":"))
    ) and (not t.after.strip(" .") or _DASH_BLURB_RE.match(t.after) is not None)


_DASH_BLURB_RE = re.compile(r"\s+[-–—]\s+\S")  # (" - what it does": a blurb after the titled link)


def _nickname_before_bracketed_link(t: _TitledLink) -> bool:
    """A nickname, then the titled link in brackets: "ResNet [[Deep Residual …](arXiv)]"."""
    return t.at > 0 and t.lead[-1:] in "[(（" and len(t.lead.split()) == 2 and len(t.link.split()) >= 2 and (
        not t.after.strip(" _])）")
    )


def _session_note_before_link(t: _TitledLink) -> bool:
    """A meeting log's session, who presents it, then the paper by its link: "Jan 21: Priya presents the [Nick
    paper](arXiv)" (the title is "Nick")."""
    return t.at > 0 and _session_note(t.bare[: t.at]) and not t.after.strip(" .!")


def _pipe_field_link(t: _TitledLink) -> bool:
    """A notes index's fields: "+ [标签] | [Title](arXiv) | [阅读笔记](…) | 简述 | Authors"."""
    return t.at > 0 and t.item.head.block.kind == "item" and _pipe_field(t.bare, t.own_text)


# The shapes in which an item's titled link is its title, in the order they are tried (the first that fits wins)
_TITLED_LINK_SHAPES = (
    _no_head_or_title_elsewhere,
    _nickname_in_head,
    _link_then_description,
    _topic_heading_over_link,
    _latin_link_under_other_head,
    _citation_before_link,
    _authors_before_link,
    _topic_label_before_link,
    _note_before_closing_link,
    _tag_before_link,
    _name_dash_before_link,
    _nickname_before_bracketed_link,
    _session_note_before_link,
    _pipe_field_link,
)


def _titled_link_title(item: Item, head: str, own_text: str) -> str | None:
    """The title from the item's own titled link (``own_text``, a good link text) when the line has one of
    ``_TITLED_LINK_SHAPES``, else None (the head or a later rule decides)."""
    t = _TitledLink(item, head, own_text)
    for shape in _TITLED_LINK_SHAPES:
        if shape(t):
            if shape is _session_note_before_link:  # ("[Mamba paper](…)": the paper named "Mamba")
                return _clean_title(PAPER_WORD_END_RE.sub("", t.link)) or t.link
            return t.link
    return None


def _pipe_field(bare: str, text: str) -> bool:
    """A line of fields split by `` | `` (a notes index's ``+ [标签] | [Title](url) | [阅读笔记](…) | 简述 | Lee et al,
    2019``) where the link's text is a field of its own: that link names the paper, the other fields are its tag,
    notes and authors."""
    fields = [f.strip(" *") for f in bare.split("|")]
    return len(fields) >= 3 and text.strip() in fields[:3]


def _topic_over_titled_link(item: Item, head: str, own_text: str, link: str) -> bool:
    """A heading that names a topic in a word or a few, not in title case ("### Speculative decoding"), over a line led by
    the paper's own titled link in title case (``[Faster Decoding With Drafts](arXiv) proposes …``): the link's text
    is the paper's title."""
    if item.head.block.kind != "heading" or item.head.refs or not item.body:
        return False
    first = item.body[0]
    words = head.split()
    return (
        first.block.kind == "para" and first.block.text.startswith(own_text) and any(t == own_text for _a, t in first.refs)
        and 1 <= len(words) <= 4 and (len(words) == 1 or not _title_case(words)) and len(link.split()) >= 3
        and _title_case(link.split()) and _key(head) not in _key(link)
    )


def _links_as_head(item: Item, head: str) -> bool:
    """A link to the item's paper is titled as its heading ``head``, in two words or more (``Tool Routing (arXiv:ID)``):
    the heading is the title the article gives the paper, not a nickname."""
    key = _key(head)
    return len(head.split()) >= 2 and any(
        t and _key(_clean_title(_without_refs(t))) == key for _a, t, _line in item.refs()
    )


def _nickname_title(item: Item, nick: str) -> tuple[str, Line] | None:
    """A heading that is only a paper's nickname ("### DETR", "# SAS-Det", "## 3. SimPO"): its full title on one of
    the first lines of text under it (plain, bold, after "Title:"), before its link or after it; a line that holds
    the nickname and more wins over an English title without it."""
    best: tuple[int, str, Line | None] = (0, "", None)
    seen = 0
    for line in item.body[:12]:
        b = line.block
        if b.kind == "heading":
            break
        if b.kind not in ("para", "item") or line.label or not WORDISH_RE.search(line.bare) or _field_line(line):
            continue
        seen += 1
        if seen > 4:
            break
        rank, title = nickname_title(nick, line.bare.replace("**", ""))
        if rank > best[0]:
            best = (rank, title, line)
            if rank >= 2:
                break
    return (best[1], best[2]) if best[2] is not None else None


DOC_WORD_RE = re.compile(r"papers?|work|study|preprint|report|article|version|publication|manuscript|arxiv", re.IGNORECASE)
# A preposition right before a link: what it links is a thing the sentence speaks of ("the effect of [hallucination]")
CONCEPT_BEFORE_RE = re.compile(r"\b(?:of|on|in|for|about|with|from|against)\s*$", re.IGNORECASE)


def _cited_concept(b: Block, text: str) -> bool:
    """A link in prose whose text is a word or two in lower case after a preposition (``reduce the effect of
    [hallucination](arXiv)``): a concept the sentence backs with a paper, not the paper the prose is about (unlike
    ``This [paper](…)``, ``Researchers [propose](…)``, ``published [mBART](…)``)."""
    text = text.strip()
    if not text or not text.islower() or len(text.split()) > 2 or _is_label(text) or PAPER_WORD_RE.fullmatch(text):
        return False
    if any(PAPER_WORD_RE.fullmatch(w) or DOC_WORD_RE.fullmatch(w) for w in text.split()):
        return False  # ("the code for [this work](arXiv)", "details in [our paper](arXiv)": the paper itself)
    at = b.text.find(text)
    return at > 0 and CONCEPT_BEFORE_RE.search(b.text[:at]) is not None


def _pick_own(item: Item, refs: list[tuple[str, str, Line]]) -> int:
    if not refs:
        return -1
    for k, (_a, _t, line) in enumerate(refs):
        if line is item.head:
            return k
    if all(_prose_citation(line) for _a, _t, line in refs):
        return -1  # a section of prose that cites papers by their authors ("[Lee等人](arXiv)推出了…"): no paper of its own
    if item.strong and (own := _citation_under(item)) is not None:
        return next(k for k, r in enumerate(refs) if r[2] is own)
    for k, (_a, _t, line) in enumerate(refs):
        if line.label:
            return k
    if item.labelled and len(item.body) > 2 and item.body[0].label and item.body[0].web and not item.body[0].refs:
        return -1  # "论文：Title" / "链接：its page elsewhere" over its notes: the papers its notes cite are related
    if item.labelled:  # a title claimed by its "Paper:" line: the first reference under it
        return 0
    above = [item.head, *item.body]
    for j, line in enumerate(item.body, 1):  # "论文链接：" alone, its link on a line under it
        if line.refs:
            i = j - 1
            while i > 0 and PUNCT_ONLY_RE.fullmatch(above[i].bare) and not above[i].label:
                i -= 1
            if above[i].label or _title_name_heading(above[i]):  # (a "#### Title" heading names it as a field does)
                return next(k for k, r in enumerate(refs) if r[2] is line)
    if item.body and item.body[0].refs and not (item.body[0].web and all(
        _cited_concept(item.body[0].block, t) for _a, t in item.body[0].refs
    )):
        return next(k for k, r in enumerate(refs) if r[2] is item.body[0])
    if not item.strong:  # a card's link line ("A: arXiv:ID →  B: arXiv:ID →"): the first is the card's paper
        for k, (_a, _t, line) in enumerate(refs):
            if line.block.kind == "para" and _links_only(line.block) and not any(_good_link_text(t) for _x, t in line.refs):
                return k
            if line.block.kind == "para" and len(line.refs) == 1 and _is_label(SYMBOLS_RE.sub(" ", _t).strip()):
                return k  # its prose ends in "[→read the paper](arXiv)"
            if line.block.kind == "para" and len(line.refs) == 1 and _stats_line(line.block.text):
                return k  # its card's "⬆️ 690 • 💬 653 • 2d ago • [arXiv.org](…)": the story's source
        return -1
    lead = item.head.block.links[0].href if item.head.block.links else ""
    if lead and item.head.block.text.startswith(item.head.block.links[0].text) and PAPER_HOST_RE.search(lead):
        return -1  # "[Title](its PDF)" then prose that cites another paper: that one is related, not this
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


_SURNAME_LEAD_RE = re.compile(r"[A-Z][\w'’-]+, [A-Z]")


def _citation_under(item: Item) -> Line | None:
    """The line of its reference right under a title without a link (past a line of affiliations): a citation led
    by its authors, ``Lee, Ann, and Bo Wu. arXiv preprint [arXiv:ID](…)``, maybe under its published version in
    the same paragraph (``Lee, Ann, and Bo Wu. [Journal](doi) 12.3: 150.``): its paper, not the further reading
    the notes under it link."""
    first = next((j for j, line in enumerate(item.body[:3]) if line.refs), -1)
    if first < 0 or any(line.block.links for line in item.body[:first] if line.block.para != item.body[first].block.para):
        return None
    b = item.body[first].block
    lead = b.text[: b.text.find(b.links[0].text)] if b.links and b.links[0].text else ""
    return item.body[first] if _SURNAME_LEAD_RE.match(lead) else None


def _title_name_heading(line: Line) -> bool:
    """``#### Title``, ``#### 论文题目``: a heading that only names the field under it (the paper's title line)."""
    return line.block.kind == "heading" and not line.refs and TITLE_NAME_RE.fullmatch(line.bare.strip(" :：*")) is not None


def _summary(item: Item, skip: Line | None, facts: _Head) -> str:
    paras: list[list[str]] = []
    last_para = None
    head = item.head
    if head.block.kind == "row":  # "1) **Title** - what it does" in the title cell
        paras.extend([rest] for rest in [_row_rest(item)] if rest)
    lead = head.block.strong or (head.block.links[0].text if facts.link_led else "")
    if lead and head.block.kind not in ("heading", "row"):  # "**Title** — what it does", "[Title](url) - ..."
        bare = head.bare
        if not bare.startswith(lead) and head.block.strong and normalize(lead) is not None:  # "**Name (arXiv:ID)** …"
            bare, lead = _no_empty_brackets(bare), _without_refs(lead)
        rest = bare[len(lead) :] if lead and bare.startswith(lead) else ""
        rest = _summary_text(_no_empty_brackets(rest)).lstrip(" :：-–—,，;；") if rest else ""
        if rest and not CITED_NOTE_RE.match(rest) and not VENUE_NOTE_RE.match(rest):  # (not "(Ann Lee, ICML 2015)",
            # "(Lee et al. EMNLP 2023.)": who and where, no summary)
            paras.append([rest])
    elif head.block.kind in ("item", "para") and facts.url_led:  # "https://arxiv.org/pdf/ID.pdf X-LoRA，顾名思义。"
        bare = head.bare
        if head.block.links and (shown := head.block.links[0].text.strip()) != head.block.links[0].href.strip():
            bare = bare.lstrip()[len(shown) :] if bare.lstrip().startswith(shown) else bare  # ("[2112.10752.pdf](…)")
        rest = _summary_text(_no_empty_brackets(bare)).strip(" :：-–—,，;；")
        if rest.startswith(("(", "（")) and rest.endswith((")", "）")):
            rest = rest[1:-1].strip()  # ("arXiv:ID (the one with the cat pictures)": the note)
        if len(rest) >= 2 and WORDISH_RE.search(rest) and not (" " not in rest and "://" in rest):
            paras.append([rest])  # (not a stray letter of a typo'd URL, nor a local path: "file:///home/…")
    header = {id(line) for line in card_header(item)}
    for line in item.body:
        if line is skip or line.label or line.block.kind == "code" or line.block.header or (
            _is_boilerplate(line.block.text)
        ) or id(line) in header:
            continue
        if line.block.links and _links_only(line.block):  # "🔗 Links: [🤗 HF](url) • [📄 arXiv](url)"
            continue
        if len(line.block.text) <= 160 and ("•" in line.block.text or "·" in line.block.text) and _stats_line(line.block.text):
            continue  # "▲ 31 • 💬 3 • 2d ago • [arXiv.org](…)": a card's counts, no prose
        if line.block.text[:2] == "{:" and ATTR_LIST_RE.fullmatch(line.block.text.strip()):
            continue  # "{: .light .w-75 }": a Kramdown attribute list its image left, no prose
        if line.block.kind == "row" and head.block.kind != "row" and len(cells := line.block.cells) == 2 and (
            len(cells[0]) <= 16 and len(cells[1]) <= 60
        ):
            continue  # a field of the paper's card ("| 作者 | Lin Qiao |"), not its prose
        if line.block.kind == "heading" and head.block.kind == "heading" and len(line.bare) <= SECTION_MAX:
            continue  # the paper's own sub-headings ("### 研究背景")
        text = line.block.text
        text = replace_each(URL_RE.sub("", text) if has_url(text) else text,
                            [lk.text for lk in line.block.links if lk.text and _is_label(lk.text)], "")
        if label_led(text):  # (what LABEL_PREFIX_RE needs)
            text = LABEL_PREFIX_RE.sub("", text)
        text = _no_empty_brackets(text.replace("**", ""))  # (bold cmark leaves next to CJK text)
        text = _summary_text(text)
        if not text or PUNCT_ONLY_RE.fullmatch(text) or not WORDISH_RE.search(text) or (
            text[-1] in ":：" and _field_line(line)  # a score ("8/10"), a field's name alone ("核心总结:")
        ) or (" " not in text and "://" in text):  # (an address alone, of any scheme: "file:///home/…/x.pdf")
            continue
        if line.block.para == last_para and paras:
            paras[-1].append(text)
        else:
            paras.append([text])
        last_para = line.block.para
    return "\n".join(_join(p) for p in paras).strip()


_OPENING = frozenset("(（[【")  # (what EMPTY_BRACKETS_RE starts with, after spaces)


def _no_empty_brackets(text: str) -> str:
    """``EMPTY_BRACKETS_RE.sub("", text)`` (the pattern only where it can match)."""
    return EMPTY_BRACKETS_RE.sub("", text) if not _OPENING.isdisjoint(text) else text


_FILE_NAME_TITLE_RE = re.compile(
    r"(?:[^\W_]+(?: [^\W_]+){0,2}\s*[:：]\s*)?[\w.~+-]+\.(?:pdf|ps|djvu|docx?|pptx?|key|odp|txt|tex)", re.IGNORECASE
)


def _year_end(text: str) -> bool:
    """A digit among the last three characters of ``text`` stripped: where ``WHO_WHEN_RE`` (and ``YEAR_ONLY_RE``) end, a
    year, then perhaps a letter and a closing bracket (``Lee et al., 2023a)``)."""
    text = text.rstrip()
    return _ASCII_DIGIT_RE.search(text, len(text) - 3) is not None


_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_DIGIT_RE = re.compile(r"\d")  # (any script's: an id written in full-width digits is still one)


def _file_name_title(title: str) -> bool:
    """A title that is only a file's name, maybe after a short label (``week 8: ann_w08_routing.pdf``,
    ``session 5: cy-diaz-kernels.pdf``, ``notes.pdf``): a reading log names the slides or the PDF it kept, not the
    paper, so the paper has no title of its own here. A name with a space in it is words, a title, as are
    ``Title.pdf`` spellings of a title with spaces."""
    text = title.strip()
    return len(text) <= 120 and _FILE_NAME_TITLE_RE.fullmatch(text) is not None


def _paper(item: Item) -> ImportedPaper | None:
    refs = item.refs()
    own = _pick_own(item, refs)
    arxiv, own_text = (refs[own][0], refs[own][1]) if own >= 0 else (None, "")
    facts = _Head(item.head)
    title, used = _title(item, own_text, facts)
    if arxiv and title and len(title) < 48 and _DIGIT_RE.search(title) and normalize(title.strip().removesuffix(".pdf")) == arxiv:
        title = ""  # the item shows only its id or URL ("[2112.10752.pdf](…)", "arxiv.org/abs/ID"): no title of its own
    if arxiv and title and _year_end(title) and WHO_WHEN_RE.fullmatch(title.strip()):
        title = ""  # ("[Lee et al., 2023](arXiv)": who and when, no title)
    if arxiv and title and "." in title and _file_name_title(title):  # (a file's name has a dot)
        title = ""  # ("### week 8: ann_w08_routing.pdf: https://arxiv.org/abs/ID": the slides' file, no title)
    if not title:
        if not arxiv:
            return None
        title = placeholder_title(arxiv)
    if not arxiv and refs and len(key := _key(title)) >= 16:
        # ("论文：Title" / "链接：its page elsewhere" … "参考文献" / "[6] Ma X. Title. arXiv:ID": its notes cite it by id)
        arxiv = next((a for a, _t, where in refs if len(where.refs) == 1 and key in _key(where.block.text)), None)
    related: list[tuple[str, str | None]] = []
    have: set[str] = set()
    for k, (a, text, _where) in enumerate(refs):
        if k != own and a != arxiv and a not in have:
            have.add(a)
            related.append((_clean_title(text) if _good_link_text(text) else placeholder_title(a), a))
    summary = _summary(item, used, facts)
    if item.head.block.kind == "para" and not item.head.block.strong and news_paper_link(item.head.block):
        summary = clean_line(item.head.block.text)  # (the note on a new paper is its summary, not the news after it)
    if not summary and arxiv and title == placeholder_title(arxiv) and item.head.block.kind in ("item", "para"):
        summary = _description(
            _before_bare_url(item.head.block, item.head.bare, item.head.ordinal is not None, facts.bare_url_link)
        ) if facts.url_texts_only else ""
    if summary and len(summary) <= len(title) + 8 and _key(summary) == _key(title):
        summary = ""  # ("- **Paper**: [Title](url)" under a dated heading: the title again, not a summary)
    url = None if arxiv else _own_link(item)
    return ImportedPaper(title=title[:TITLE_MAX], arxiv=arxiv, summary=summary, related=related, url=url)


def _own_link(item: Item) -> str | None:
    """An item's own link that is not arXiv: one labelled as the paper ("[Paper](url)", "PDF"),
    else the first in its head or on a label line under it ("论文链接" then the URL) that is
    not code, a video or a post. (Looked for once an item: it is asked for up to four times.)"""
    if "own" not in item.links:
        item.links["own"] = _find_own_link(item)
    return item.links["own"]


def _find_own_link(item: Item) -> str | None:
    lines = [item.head, *item.body[:12]]
    if item.head.block.kind == "para" and (cited := apa_linked_title(item.head.block)) is not None and (
        cited.href in item.head.web
    ):
        return cited.href  # "[Ann Lee](her page), Bo Wu (2022). [Title](its page).": the title's link, not an author's
    for line in lines:
        for link in line.block.links:
            if link.href in line.web and _is_label(link.text) and PAPER_LABEL_RE.search(link.text):
                return link.href
            if link.href in line.web and not link.text and PAPER_WORD_RE.fullmatch(link.alt):
                return link.href  # "[Title](my notes) [![Paper](badge)](its page)": the badge names the paper's link
    for line in lines:
        if line is item.head or line.label:
            talks = {link.href for link in line.block.links if TALK_LABEL_RE.fullmatch(link.text.strip())}
            for url in line.web:
                if not NON_PAPER_HOST_RE.search(url) and url not in talks:  # (a lecture's "[Slides](its PDF)")
                    return url
    return _title_link_under(item)


def _title_link_under(item: Item) -> str | None:
    """A heading's title given again as a link's text right under it (``### Title`` / ``Authors<br>"[Title](its
    PDF)"``): that link, the paper's own. (Looked for once an item.)"""
    if "title" not in item.links:
        item.links["title"] = _find_title_link_under(item)
    return item.links["title"]


def _find_title_link_under(item: Item) -> str | None:
    head = item.head
    if head.block.kind != "heading" or len(head.bare.split()) < 3:
        return None
    key = _key(head.bare)
    for line in item.body[:3]:
        for link in line.block.links:
            if link.href in line.web and _key(link.text) == key and not NON_PAPER_HOST_RE.search(link.href):
                return link.href
    return None


def _social_only(item: Item) -> bool:
    """The item's link line gives a social post, a video or a blog post and nothing else ("原始链接: [查看原文](weibo…)",
    "Paper Link: a Substack post"): news, a post, not a paper."""
    webs = [url for line in item.body[:12] if line.label for url in line.web]
    return bool(webs) and all(SOCIAL_HOST_RE.search(url) or BLOG_POST_RE.match(url) for url in webs)


def _cited_paper(item: Item) -> bool:
    """A citation of a paper not on arXiv: its own link a paper's (a PDF, a DOI...), or a venue and year after it."""
    link = _own_link(item)
    if link is None:
        return False
    if _cited_link(item.head) and (PAPER_HOST_RE.search(link) is not None or _cited_link(item.head, venue=True)):
        return True
    return _apa_linked_title(item.head, link)


def _apa_linked_title(head: Line, link: str) -> bool:
    """``Lee, A., & Wu, B. (2025, August). [Title of the paper](link). In Proceedings of …``: an APA citation whose
    title (three words or more) links the paper, wherever it lives (a university's repository, a publisher's page)."""
    bare = head.block.text
    for cited in head.block.links:
        if cited.href == link and len(cited.text.replace("-", " ").split()) >= 3:  # ("Fuzzy X-in-Y" too)
            at = bare.find(cited.text)
            return at > 0 and CITATION_YEAR_RE.search(bare[:at]) is not None
    return False


def _titled_row(item: Item) -> bool:
    """A table row without links whose header names its title column ("| 平台 | 论文 | 关键词 |", "| Title |"), the
    cell there a title of three words or more: a paper listed without a link (its code's link in another column,
    "| 14 | Title (Venue22) | … | https://github.com/… |", is not the paper's)."""
    b = item.head.block
    cell = b.cells[item.title_col] if b.kind == "row" and item.title_named and 0 <= item.title_col < len(b.cells) else ""
    if b.links and not all(NON_PAPER_HOST_RE.search(link.href) and link.text not in cell for link in b.links):
        return False
    return sum(1 for w in cell.split() if any(c.isalnum() for c in w)) >= 3 and _title_like(cell) and (
        _latin_share(cell) >= 0.5
    )  # (words: "BEAM & LIGHT" is two names, a recap's)


def notes_row(item: Item) -> bool:
    """A row of a reading list's table of papers (the header names its column for papers, or names it "Title" under a
    heading that does: ``## 논문 목록`` / ``| 분야 | 제목 | 리뷰 |``) whose title cell holds no link, its links, in other
    cells, to notes of its own (``[Notion](…)``, ``[Code](./folder/)``), none to a paper: a paper without a link."""
    b = item.head.block
    if b.kind != "row" or not b.links or item.head.refs or not 0 <= item.title_col < len(b.cells):
        return False
    if not (item.title_named or (item.title_only and item.section != "Papers" and PAPER_COLUMN_RE.search(item.section))):
        # (under no heading, the list's default section "Papers" names nothing)
        return False
    cell = b.cells[item.title_col]
    return not any(link.text.strip() in cell or PAPER_HOST_RE.search(link.href) for link in b.links) and (
        len(cell.split()) >= 3 and _title_like(cell) and _latin_share(cell) >= 0.5
    )


def _paper_host_link(item: Item) -> bool:
    if item.head.block.kind != "heading":
        return False
    return any(PAPER_HOST_RE.search(url) for url in item.head.web) or bool(
        (link := _title_link_under(item)) and PAPER_HOST_RE.search(link)
    )


# A listed item's venue tag saying it is a book (``**Title.** `BOOK` ``, ``Title [Book]``, ``（教材）``): its last word
_BOOK_TAG_RE = re.compile(r"(?<=[\s.。])[\[(（【]?(?:book|textbook|书籍|教材)[\])）】]?\s*$", re.IGNORECASE)


def _keep_without_ref(item: Item, paper: ImportedPaper, any_refs: bool) -> bool:
    """Numbered items without an arXiv link are papers too (bioRxiv, a project page),
    when the article's other items are papers; and, in an article without any arXiv link,
    listed items whose own link is a paper's (a PDF, OpenReview, bioRxiv, a DOI)."""
    head = item.head
    if head.block.kind == "item" and _BOOK_TAG_RE.search(head.block.text):
        return False  # a book among the papers, tagged as one where the others give their venue
    if item.labelled:  # (a "Paper" link to a blog post is not one)
        link = _own_link(item)
        post = link and (NON_PAPER_HOST_RE.search(link) or "/blog/" in link or BLOG_POST_RE.match(link)) and not (
            PAPER_HOST_RE.search(link)
        )
        if link is None and _social_only(item):
            return False
        return _title_like(paper.title) and not post  # (a PDF in a repository is one)
    if venue_entry(head):
        return _title_like(paper.title)  # "- Title, CVPR 2025." among linked ones: a paper without its link
    if _title_field_link(head):
        return _title_like(paper.title.rstrip("?？"))  # "Title: [Title](its proceedings PDF) (NeurIPS 2019)": a paper
    if head.block.kind == "row" and head.web and any_refs and _titled_row(item):
        return True  # a registry's row that titles its paper, its code's link in another column: a paper
    if head.web and all(  # (a PDF in a repository is a paper: "[Tech Report](github.com/…/report.pdf)")
        (NON_PAPER_HOST_RE.search(url) and not PAPER_HOST_RE.search(url))
        or (head.block.kind != "row" and BLOG_POST_RE.match(url)) for url in head.web
    ):
        return False  # a repository, a video, a post, an encyclopedia article
    if head.block.kind == "para" and head.web and PAPER_HOST_RE.search(head.web[-1]) and _entry_like(head):
        return _title_like(paper.title.rstrip("?？"))  # "Title (Author 2020) https://doi.org/…" (a title may ask)
    if _cited_paper(item):
        return _title_like(paper.title.rstrip("?？!！"))  # a citation: "Alur, Udupa: [Title](its PDF). TACAS'17"
    if any_refs and head.block.kind == "para" and head.web and _title_then_label_link(head):
        return True  # a card "Title [link](its lab's page)" among "Title [link](arXiv)" cards (items._role: an entry)
    if (not any_refs or head.block.kind == "item" or _host_link_entry(head)) and head.block.kind in (
        "item", "heading", "para", "row"
    ):  # (a line led by its titled link to a PDF among arXiv entries: "[*Title*](its PDF) - 🔘")
        link = _own_link(item)
        named = link is not None and _named_paper_link(item.head, link)  # (then a one-word name too: "AlexNet")
        if link and (PAPER_HOST_RE.search(link) or named) and _title_like(
            paper.title.rstrip("?？")
        ) and (len(paper.title.split()) >= 2 or named):
            return True  # (a "[paper](a shared drive's file)" the item calls its paper is one too; a title may ask)
    numbered = head.ordinal is not None or head.block.kind == "row"
    if head.block.kind == "row":  # (a row without any link is data, "| Cost | $0.03 |", unless it titles a paper)
        talks = all(TALK_LABEL_RE.fullmatch(link.text.strip(" []()【】")) for link in head.block.links)
        return any_refs and ((bool(head.block.links) and not talks) or _titled_row(item))  # (a lecture's "[slides]")
    asks = bool(head.block.links) and paper.title.endswith(("?", "？"))  # a linked title may ask: "[Do Models Learn X?](its page)"
    return any_refs and numbered and _title_like(paper.title[:-1] if asks else paper.title)


_URLS_CELL_RE = re.compile(r"(?:https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/\S+?(?:\.pdf)?[,;&\s]*(?:and\s+)?){2,}")


def _bare_url_cell_ids(b: Block) -> list[str]:
    """The arXiv ids of a row's cell that is nothing but two or more bare arXiv URLs (``https://arxiv.org/abs/A,
    https://arxiv.org/abs/B``: the parts of one work, "I & II", each a paper titled by the row), else []."""
    for cell in b.cells:
        text = cell.strip()
        if text.count("arxiv.org/") >= 2 and _URLS_CELL_RE.fullmatch(text):
            ids = list(dict.fromkeys(a for u in text.replace(",", " ").split() if (a := normalize(u))))
            if len(ids) >= 2:
                return ids
    return []


_SEE_ALSO_RE = re.compile(r"\bsee also\b|\bcf\.", re.IGNORECASE)


def _side_by_side(text: str, links: list[Link], paper: ImportedPaper) -> list[ImportedPaper]:
    """The papers of a list item that writes two or more citations side by side, each with its quoted title and its own
    arXiv id at its end (``Lee A. (1997) “Title”, ApJ (astro-ph/…). Wu B. (1997) “Title”, MNRAS (astro-ph/…).``):
    one paper each; those after a "see also" are pointers, the item's related papers. [] when it is not that."""
    refs: list[tuple[str, int, int]] = []  # (id, where its link's text starts, ends)
    at = 0
    for link in links:
        arxiv, shown = normalize(link.href), link.text.strip()
        where = text.find(shown, at) if shown else -1
        if arxiv is None or where < 0:
            return []  # (a link to elsewhere among them: no run of arXiv citations)
        refs.append((arxiv, where, where + len(shown)))
        at = where + len(shown)
    if len(refs) < 2 or len({a for a, _s, _e in refs}) != len(refs) or refs[0][0] != paper.arxiv:
        return []
    out: list[ImportedPaper] = []
    start = 0
    for arxiv, ref_start, ref_end in refs:
        chunk = text[start:ref_start]
        start = ref_end
        if _SEE_ALSO_RE.search(chunk):
            break
        title = citation_title(chunk.lstrip(" ).,;")) if "“" in chunk or '"' in chunk else ""
        if not title:
            return []
        out.append(ImportedPaper(_clean_title(title), arxiv))
    if len(out) < 2:
        return []
    if _key(out[0].title) in _key(paper.title):  # (its quoted title, not the citation the item is read as)
        paper.title = out[0].title
    return [paper, *out[1:]]


def _cell_papers(item: Item, paper: ImportedPaper) -> list[ImportedPaper]:
    """A table row whose title cell, or a list item or line whose text, is nothing but links
    ("[A](arXiv), [B](arXiv) & [C](a PDF)", "(2015) [A](arXiv), [B](arXiv)") presents one paper per
    link, each titled by its link text; any other item is one paper."""
    b, bare = item.head.block, item.head.bare
    if b.kind == "item" and paper.arxiv and len(item.head.refs) >= 2 and (side := _side_by_side(b.text, b.links, paper)):
        return side  # "Lee A. (1997) “Title”, ApJ (astro-ph/…). Wu B. (1997) “Title”, MNRAS (astro-ph/…)."
    src = None
    if len(b.links) < 2 and b.kind in ("item", "para") and paper.arxiv and (src := _links_line_under(item, paper.arxiv)):
        b, bare = src.block, src.bare  # (a slide's points, then its citation line "> [A](arXiv)（2023）| [B](arXiv)（2024）")
    if len(b.links) < 2:
        return [paper]
    if b.kind == "row":
        col = item.title_col
        if paper.arxiv and (ids := _bare_url_cell_ids(b)) and ids[0] == paper.arxiv:
            return [paper, *(ImportedPaper(paper.title, a) for a in ids[1:])]  # "| *Title I & II* | NN | URL, URL |"
        if not 0 <= col < len(b.cells):
            return [paper]
        text = b.cells[col]
    elif b.kind in ("item", "para") and not b.strong and len(b.links) <= 12:  # (a few names, not a run of links)
        text = YEAR_LEAD_RE.sub("", bare, count=1)  # (a year before the links: "(2015) [A](…), [B](…)")
    else:
        return [paper]
    lead = READINGS_LEAD_RE.match(text) if b.kind != "row" else None
    if lead:  # "Readings: [A](arXiv), [B](a blog)": a list of readings, its papers those that link one
        text = text[lead.end():]
    elif b.kind != "row" and b.links[0].text and (at := text.find(b.links[0].text)) > 0 and (
        text[:at].rstrip().endswith((":", "："))
    ) and all(normalize(link.href) for link in b.links):
        text = text[at:]  # "从X回溯的两篇文章：[MCB](arXiv), [MLB](arXiv)": a note, then the arXiv papers it names
    elif b.kind == "item" and b.links[0].text and (at := text.find(b.links[0].text)) > 0 and (
        text[:at].rstrip().endswith(("(", "（")) and text.rstrip().endswith((")", "）"))
    ) and all(normalize(link.href) for link in b.links):
        text = text[at:].rstrip()[:-1]  # "- Dutch BERT ([RobBERT](arXiv) | [BERTje](arXiv))": a topic, then its papers
    links = [link for link in b.links if link.text.strip() and link.text.strip() in text]
    rest = text
    for link in links:
        rest = rest.replace(link.text.strip(), " ", 1)
    if any(YEAR_ONLY_RE.fullmatch(link.text.strip()) for link in links):
        rest = WHO_RE.sub(" ", rest)  # ("Lee et al., [2021](…), [2022](…)": that author's papers, by their years)
    if len(links) < 2 or CELL_LINKS_GLUE_RE.fullmatch(rest) is None:
        return [paper]
    out = []
    for link in links:
        arxiv = normalize(link.href)
        if lead and arxiv is None and (not PAPER_HOST_RE.search(link.href) or CHAPTER_RE.search(link.text)):
            continue  # (a blog post or a book's chapter among the readings)
        if arxiv is None and not PAPER_HOST_RE.search(link.href):
            return [paper]  # (a code or blog link among them: not a list of papers)
        title = _clean_title(clean_line(link.text))
        if arxiv and (WHO_WHEN_RE.fullmatch(link.text.strip()) or YEAR_ONLY_RE.fullmatch(link.text.strip())):
            title = placeholder_title(arxiv)  # (who and when, or when alone: no title)
        elif not title or normalize(title) is not None or _is_label(title):
            return [paper]  # ("[arXiv] [PDF]": links of one paper, not several papers)
        out.append(ImportedPaper(title, arxiv, url=None if arxiv else link.href))
    if len({p.arxiv or p.url for p in out}) < len(out):
        return [paper]  # (two links to one paper: its names, not several papers)
    if out and (m := VERSIONED_NAME_RE.fullmatch(out[0].title)):
        for p in out[1:]:  # "[DeepSeek-V2](…) | [V3](…) | [R1](…)", "[Llama 2](…) / [3](…)": versions of one name
            if VERSION_ONLY_RE.fullmatch(p.title):
                p.title = m.group("name") + p.title
    if not out:
        return []  # (readings that are all blog posts or chapters)
    for p in out if src is not None else out[:1]:
        p.summary = paper.summary  # (the points above a citation line are about each paper it cites)
    return out


# A model's name and its version ("DeepSeek-V2", "Llama 2"), and a version alone ("V3", "R1", "3"): a run of links
# that names the later versions by their version only.
VERSIONED_NAME_RE = re.compile(r"(?P<name>[A-Za-z][\w.]*(?:[ -][A-Za-z][\w.]*)*[ -])[A-Za-z]?[0-9]+(?:\.[0-9]+)?")
VERSION_ONLY_RE = re.compile(r"[A-Za-z]?[0-9]+(?:\.[0-9]+)?")


def _links_line_under(item: Item, arxiv: str) -> Line | None:
    """The paragraph line under an item's head that gives its paper (``arxiv``) among two links or more, the item's
    own head linking none of them (bullets of a slide, then the line citing its papers): else None."""
    for line in item.body[:12]:
        if any(a == arxiv for a, _t in line.refs):
            return line if line.block.kind == "para" and len(line.block.links) >= 2 else None
    return None


def _reading_lines(b: Block) -> list[list[tuple[bool, str, str]]]:
    """A table row's cells as reading lists: per cell, its lines (``<br>``) that give a paper's link with its title,
    each as (whether the link is a paper's: arXiv, a PDF, a proceedings; the title; the link). A line is one titled
    link and a few words at most ("(Required) [Title](url)", "- [Title](url)", "Part 2 of [Title](url)"), a title and
    one link labelled as the paper ("Title [[pdf]](url)"), or titled links and nothing between them ("[A](url); [B](url)",
    the only readings a cell of one line may give)."""
    if len(b.links) < 2 and not any("\n" in c for c in b.cells) and not (b.links and _is_label(b.links[0].text)):
        return []  # (one titled link, no lines: no reading line; "Title [Paper](url)" is one)
    links = [link for link in b.links if link.text.strip()]
    at = 0
    out: list[list[tuple[bool, str, str]]] = []
    for cell in b.cells:
        found: list[tuple[bool, str, str]] = []
        several = "\n" in cell.strip()
        topic = ""  # (the cell's line of words above its links)
        for raw in cell.split("\n"):
            line, pos, mine, gaps = clean_line(raw), 0, [], []
            while at < len(links) and (text := clean_line(links[at].text)) and (k := line.find(text, pos)) >= 0:
                mine.append(links[at])
                gaps.append(line[pos:k])
                pos, at = k + len(text), at + 1
            if not mine:
                topic = line.strip(" -•·*,;，；")
                continue
            rest = " ".join([*gaps, line[pos:]]).strip()
            if topic and (all(_numbered_label(lk.text) for lk in mine) if len(mine) >= 2 else _label_word(mine[0].text)) and (
                CELL_LINKS_GLUE_RE.fullmatch(rest) is not None and _title_like(topic)
            ):  # "Attention Mechanism<br>[Paper 1](arXiv), [Paper 2](arXiv)", "Title<br>[Paper](a PDF)": titled by it
                found.extend((_paper_href(lk.href) or PAPER_LABEL_RE.search(lk.text) is not None, topic, lk.href) for lk in mine)
                continue
            if not several and (spoken := _speaker_reading(mine, gaps, line[pos:])) is not None:
                found.append(spoken)  # "Ana: [Title](arXiv) - [Slides]": the cell's one talk, its paper
                continue
            labelled = len(mine) == 1 and _label_word(mine[0].text) and bool(gaps[0].strip()) and not line[pos:].strip(" ,;，；")
            if several or len(mine) >= 2 or labelled:  # (a cell of one line: several titled links in it,
                # or "Title [Paper](url)")
                found.extend(_reading_line(rest, mine, len(gaps[0].strip())))
        out.append(found)
    return out


# A talk's speakers before its reading: "Ana:", "Xiaoou/Ekaterina:", "Ann Lee:" (one to three names, a colon)
SPEAKER_LEAD_RE = re.compile(r"\s*[^\W\d_][\w.'’-]*(?:\s*[/&,]?\s*[^\W\d_][\w.'’-]*){0,2}\s*[:：]\s*")
LABEL_GLUE_RE = re.compile(r"[\s\-–—\[\]()|,;]*")  # (what stands between a reading and its "[Slides]" links)


def _speaker_reading(links: list[Link], gaps: list[str], tail: str) -> tuple[bool, str, str] | None:
    """A schedule cell's line that gives one talk: its speakers and a colon, then the paper's titled link, then at most
    label links (``Ana: [Title](arXiv) - [[Slides](files/a.pdf)]``): that reading, titled by its link (a row of such
    cells, a long and a short talk, lists a paper per cell). ``links``: the line's links in order, ``gaps``: the text
    before each, ``tail``: the text after the last; else None."""
    link = links[0]  # (a short lead only: the names' pattern stays cheap)
    if len(gaps[0]) > 60 or SPEAKER_LEAD_RE.fullmatch(gaps[0]) is None or not _good_link_text(link.text) or not _paper_href(link.href):
        return None
    if not all(_label_word(lk.text.strip(" []")) for lk in links[1:]):
        return None
    if not all(LABEL_GLUE_RE.fullmatch(gap) for gap in (*gaps[1:], tail)):
        return None
    return (True, link.text, link.href)


def _numbered_label(text: str) -> bool:
    """``Paper 1``, ``Paper2``: a label word and its number, a link among a topic's readings."""
    m = NUMBERED_LINK_LABEL_RE.fullmatch(text.strip())
    return m is not None and _is_label(m.group(1))


def _label_word(text: str) -> bool:
    """A link's label, numbered or not (``[pdf]``, ``Paper``, ``Paper1``)."""
    return _is_label(text) or _numbered_label(text)


NUMBERED_LINK_LABEL_RE = re.compile(r"(.*?[^\W\d])\s*[0-9]{1,2}")


def _reading_line(rest: str, links: list[Link], before: int) -> list[tuple[bool, str, str]]:
    """The readings one line of a cell gives (``_reading_lines``; ``rest``: the line without its links' texts,
    ``before``: how much of it stands before the first link). A titled link that leads its line may have a note after
    it ("[Title](url) — why read it")."""
    if len(links) == 1:
        link = links[0]
        if _good_link_text(link.text) and (len(rest) <= 40 or before <= 12) and "://" not in rest:
            title = link.text
        elif _label_word(link.text) and len(rest.split()) >= 2 and _title_like(rest.strip(" -•·*,;，；")):
            title = rest.strip(" -•·*,;，；")  # "Title [[pdf]](url)", "Title [Paper](url),<br>Title [Paper](url)"
            if PAPER_LABEL_RE.search(link.text) and not NON_PAPER_HOST_RE.search(link.href):
                return [(True, title, link.href)]  # (its label says it is the paper: "[Paper](openreview…)")
        else:
            return []
        return [(_paper_href(link.href), title, link.href)]
    if any(YEAR_ONLY_RE.fullmatch(lk.text.strip()) for lk in links):
        rest = WHO_RE.sub(" ", rest)  # ("Lee et al., [2021](…), [2022](…)": that author's papers, by their years)
    if CELL_LINKS_GLUE_RE.fullmatch(rest.strip(" -•·*")) is None or not all(
        _good_link_text(lk.text) or YEAR_ONLY_RE.fullmatch(lk.text.strip()) for lk in links
    ):
        return []
    return [(_paper_href(link.href), link.text, link.href) for link in links]


def reading_rows(lines: list[Line]) -> dict[int, Sequence[list[tuple[bool, str, str]]]]:
    """The rows (by block) of the tables where a row lists two papers or more in one cell, a line each
    (a course schedule's "[Topic]<br>(Required) [Title](arXiv)<br>[Title](arXiv)"): in such a table each row's
    papers are those lines, not the row. Each row with its cells' readings (``_reading_lines``, read once a row;
    ``()`` when it gives none)."""
    out: dict[int, Sequence[list[tuple[bool, str, str]]]] = {}
    run: list[Block] = []
    read: dict[int, list[list[tuple[bool, str, str]]]] = {}  # (the run's rows read so far, by block)
    reading = False
    for line in [*lines, None]:
        b = line.block if line is not None else None
        if b is not None and b.kind == "row":
            run.append(b)
            if not reading and _may_list_two(b):  # (a row of fewer titled links lists two papers in no cell, nor
                # one in each of two cells: not read until its table is known to be a reading table)
                cells = read[id(b)] = _reading_lines(b)
                reading = any(sum(paper for paper, _t, _h in cell) >= 2 for cell in cells) or (
                    sum(any(paper for paper, _t, _h in cell) for cell in cells) >= 2  # (a talk a cell: "Ana: [Title](…)")
                )
            continue
        if reading:
            for row in run:
                cells = read[id(row)] if id(row) in read else _reading_lines(row)
                out[id(row)] = cells if any(cells) else ()
        run, reading = [], False
        read.clear()
    return out


def _may_list_two(b: Block) -> bool:
    """A row with two links or more that show text: only such a row can list two papers in one cell, or one in each of
    two cells (each reading ``_reading_lines`` gives is one of the row's links with text, each link read once)."""
    return sum(1 for link in b.links if link.text.strip()) >= 2


def _row_readings(cells: Sequence[list[tuple[bool, str, str]]], paper: ImportedPaper) -> list[ImportedPaper]:
    """The papers a row of a reading table lists (``reading_rows``: its ``cells``' readings): one per paper line of its
    cells, titled by the link; the row itself when it lists none but has an arXiv reference of its own elsewhere (an id
    column)."""
    out: list[ImportedPaper] = []
    seen: set[str] = set()
    for cell in cells:
        for is_paper, title, href in cell:
            arxiv = normalize(href)
            key = arxiv or href
            if is_paper and key not in seen:
                seen.add(key)
                text = clean_line(title)  # (a citation as the link's text: the title it gives)
                title = _clean_title(citation_title(text) or text)
                if arxiv and (WHO_WHEN_RE.fullmatch(title) or YEAR_ONLY_RE.fullmatch(title)):
                    title = placeholder_title(arxiv)  # ("[Lee et al., 2023](arXiv)": who and when, no title)
                out.append(ImportedPaper(title, arxiv, url=None if arxiv else href))
    if (paper.arxiv and paper.arxiv not in seen) or (
        not out and not paper.arxiv and paper.url is not None and PAPER_HOST_RE.search(paper.url) is not None
    ):  # (a row whose one cell is a citation linked to its paper's PDF or page, with no line of its own: that paper)
        out.insert(0, paper)
    return out
