"""Lines of an article: each block with its arXiv references and what it looks like (a label
line, a numbered line, its text without URLs and labels), and the passes over lines before items
are found: hard-wrapped entries and headings joined, run-together entries split, boilerplate
and everything after a "recommended reading" marker dropped. The second step of the article importer
(read → blocks → **lines** → items → papers, ``digest.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from urllib.parse import unquote

from ..arxiv_ids import _DIGIT_RE, ARTICLE_CACHE, Ref, find_refs, normalize
from .blocks import Block, Link, abs_url, clean_line
from .shapes import (
    APA_LEAD_RE,
    AUTHOR_SPLIT_RE,
    BARE_ID_LEAD_RE,
    BARE_ID_STARTS,
    BOILERPLATE_START,
    BOILERPLATE_WORDS,
    BOILERPLATE_WORDS_RE,
    CIRCLED_BASES,
    CITE_HEAD_YEAR_RE,
    CITE_NAMES_RE,
    CITED_YEARS,
    CJK_RE,
    DATE_PREFIX_RE,
    END_MARKERS,
    FIELD_LINE_RE,
    GENERATED_FOOTER_RE,
    IMAGE_RE,
    KEY_ONLY_RE,
    LABEL_RE,
    LINK_FIELD_RE,
    NAME_PARTICLES,
    ORDINAL_RE,
    PAPER_HOST_RE,
    RESULT_HEAD_RE,
    RUN_MIN,
    SECTION_LEAD_RE,
    SECTION_MAX,
    SECTION_RE,
    SENTENCE_END,
    SYMBOLS_RE,
    TITLE_MAX,
    TITLE_PREFIX_RE,
    URL_RE,
)


@dataclass(slots=True)
class Line:
    block: Block
    refs: list[tuple[str, str]]  # (arXiv id, its link text or "")
    web: list[str]  # other http(s) links
    label: bool  # nothing but labels and links ("Paper: URL", "[arXiv] [Code]")
    ordinal: int | None  # "3." "（3）" "第3篇": the number
    bare: str  # the text without URLs, ordinal, label words
    found: list[Ref]  # find_refs(block.text), read once a line (do not change it: the block's text never changes)
    # Facts later steps ask of a line again and again, each answered once (None: not asked yet). They read the block's
    # text and links and the line's refs: local_pages, which alone changes refs and links' hrefs after lines are
    # read, forgets them (forget_facts).
    # (not compared nor shown: a line asked a question is the same line)
    led_by_url: bool | None = field(default=None, compare=False, repr=False)  # url_led's answer
    led_by_link: bool | None = field(default=None, compare=False, repr=False)  # items._link_led's answer

    def forget_facts(self) -> None:
        """Forget the cached facts (the line's refs or a link's href changed)."""
        self.led_by_url = self.led_by_link = None


# -- lines --------------------------------------------------------------------------------------
# No label word has a digit: a text with one is not a label (unless the pattern comes to allow digits).
_LABEL_DIGITS = re.search(r"[0-9]|\\d|\\w", LABEL_RE.pattern) is not None
REPLACE_BUDGET = 2_000_000  # characters the link-text replacements of one line may scan


# A card's button that is a label only as a link's text (``<a>Poster</a>`` beside ``<a>Paper</a>``): the word alone on
# a line is a group's name ("**Posters**" over their papers), so it is no label word
LINK_LABEL_RE = re.compile(r"\s*[\[(]?\s*posters?\s*[\])]?\s*", re.IGNORECASE)

def replace_each(text: str, words: list[str], new: str) -> str:
    """``text`` with each of ``words`` replaced by ``new``, one after the other, never inside a longer word (a link
    labelled ``code`` leaves "Encoder" whole).
    A line where that would scan more than :data:`REPLACE_BUDGET` characters (thousands of links
    in one huge line: hostile input) is given back as is, so that a line costs linear time."""
    if not words or len(words) * len(text) > REPLACE_BUDGET:
        return text
    links_of: dict[str, int] = {}  # (each text once, with how many links show it)
    for word in words:
        links_of[word] = links_of.get(word, 0) + 1
    for word, links in links_of.items():
        if word not in text:
            continue
        if _latin_edge(word[:1]) or _latin_edge(word[-1:]):
            text, done = _replace_words(text, word, new)  # ("[code](…)" is no part of "Encoder")
            for _k in range(links - done):  # (labels glued to each other, "pdfcode": the last ones are the links)
                at = text.rfind(word)
                if at < 0:
                    break
                text = text[:at] + new + text[at + len(word) :]
        else:
            text = text.replace(word, new)
    return text


def _replace_words(text: str, word: str, new: str) -> tuple[str, int]:
    """``text`` with ``word`` replaced where a small letter or digit at its edge does not go on into a longer word
    (``code`` in "Encoder"); glued labels stay labels ("arXivPDF": a capital starts the next one). And how many."""
    lead, tail = _edge_kind(word[:1]), _edge_kind(word[-1:])
    out: list[str] = []
    at = done = 0
    while (found := text.find(word, at)) >= 0:
        end = found + len(word)
        if (lead and found and _edge_kind(text[found - 1]) == lead) or (tail and _edge_kind(text[end : end + 1]) == tail):
            out.append(text[at : found + 1])  # (inside a longer word: on past its first character)
            at = found + 1
            continue
        out += (text[at:found], new)
        at, done = end, done + 1
    out.append(text[at:])
    return "".join(out), done


def _edge_kind(char: str) -> str:
    """"a" for a small letter of an alphabet (Latin, accented, Cyrillic, Greek: "код" in "кодирование" is no label),
    "0" for a digit, "" for anything else (CJK script, which has no small letters, glues its words)."""
    return "a" if char.islower() else "0" if "0" <= char <= "9" else ""


def _latin_edge(char: str) -> bool:
    return _edge_kind(char) != ""


# A digit in a label is a version's, right after its "v" ("[Paper v2]"), where the pattern takes a digit nowhere else
# (no other digit, digit class, word class or any-character in it): a text with a digit after anything else (a title's
# "Paper number 3", "第3篇") is then no label, found without the pattern (which tries its ~150 words at each word).
_ONLY_VERSION_DIGITS = re.search(r"[0-9]|\\[dwDWS]|\[\^|(?<!\\)\.", LABEL_RE.pattern.replace("v[0-9]+", "")) is None
_UNVERSIONED_DIGIT_RE = re.compile(r"(?<![vV0-9])[0-9]")


@lru_cache(maxsize=ARTICLE_CACHE)
def _is_label(text: str) -> bool:
    """Nothing but label words: "Paper:", "[arXiv] [Code]", "论文地址：" (a long line is never one)."""
    return len(text) <= 80 and (_LABEL_DIGITS or _DIGIT_RE.search(text) is None) and not (
        _ONLY_VERSION_DIGITS and _UNVERSIONED_DIGIT_RE.search(text)
    ) and LABEL_RE.match(text) is not None


# (An ASCII line can hold only the ASCII words: looked for with ``in``, faster than the pattern of them all.)
_ASCII_BOILERPLATE_WORDS = tuple(w for w in BOILERPLATE_WORDS if w.isascii())


@lru_cache(maxsize=ARTICLE_CACHE)  # (asked of a line once when it is read, again when it is under a paper)
def _is_boilerplate(text: str) -> bool:
    if len(text) > 200:
        return False
    if len(text) <= 60:
        low = text.lower()
        if low.isascii():
            if any(w in low for w in _ASCII_BOILERPLATE_WORDS) or BOILERPLATE_START.match(text):
                return True
        elif BOILERPLATE_WORDS_RE.search(low) or BOILERPLATE_START.match(text):
            return True
    return "." in text and IMAGE_RE.match(text) is not None


def _navigation(b: Block) -> bool:
    """A line of nothing but in-page links (``[⬆ back to top](#contents)``, ``**[返回目录](#目录)**``, ``(<a
    href="#top">back to top</a>)``): navigation, never a paper, a title, a section or a summary (a list item of them
    is a table of contents' entry: kept)."""
    return b.kind == "para" and bool(b.links) and (all(link.href[:1] == "#" for link in b.links) or _breadcrumb(b)) and (
        _links_only(b)
    )


BREADCRUMB_HOME_RE = re.compile(r"^\s*(?:home|首页|主页)\s*$", re.IGNORECASE)
BREADCRUMB_SEP_RE = re.compile(r"^[\s/>»›|]+$")


def _breadcrumb(b: Block) -> bool:
    """``[Home](…) / [Papers](…) / [embodied ai](…)``: a site's breadcrumb, its links from its home page down, only
    separators between them."""
    if len(b.links) < 2 or not BREADCRUMB_HOME_RE.match(b.links[0].text) or not b.text.lstrip().startswith(b.links[0].text):
        return False
    at = len(b.text) - len(b.text.lstrip()) + len(b.links[0].text)
    for link in b.links[1:]:
        nxt = b.text.find(link.text, at) if link.text else -1
        if nxt < 0 or not BREADCRUMB_SEP_RE.match(b.text[at:nxt]):
            return False
        at = nxt + len(link.text)
    return not b.text[at:].strip()


def _paper_href(href: str) -> bool:
    """A link to a paper: arXiv, or a site that hosts papers (a PDF, a proceedings, OpenReview...)."""
    return normalize(href) is not None or PAPER_HOST_RE.search(href) is not None


def _paper_link(b: Block) -> bool:
    """A boilerplate-looking line that links a paper ("原文链接：arXiv URL") is kept."""
    return any(_paper_href(link.href) for link in b.links) or (
        "://" in b.text and bool(find_refs(b.text) or PAPER_HOST_RE.search(b.text))
    )


def has_digit(text: str) -> bool:
    """A character of ``text`` is a digit (``str.isdigit``: "²", "٣" too): ``any(c.isdigit() for c in text)``, the
    scan in C."""
    return any(map(str.isdigit, text))


def has_url(text: str) -> bool:
    """``text`` may hold what URL_RE finds ("://" or "www.", in any case): the pattern is tried at every character."""
    return "://" in text or (("w." in text or "W." in text) and "www." in text.lower())


def _bare_id_lead(block: Block, text: str, cut: int) -> Ref | None:
    """``**2604.12345** — Authors — "Title"``: a line (a list item, a numbered line, a heading) that
    starts with a bare arXiv id, in bold or followed by a dash or a colon, or alone on it, lists that paper."""
    m = BARE_ID_LEAD_RE.match(text) if block.kind in ("item", "para", "heading") and text[:1] in BARE_ID_STARTS else None
    if m is None or not (
        m.group("sep") or normalize(block.strong) == normalize(m.group("id")) or not text[m.end() :].strip()
    ):  # (or the id alone on its line: "- 2801.00001" in a list of them)
        return None
    arxiv = normalize(m.group("id"))
    return Ref(arxiv, cut + m.start("id"), cut + m.end("ver" if m.group("ver") else "id")) if arxiv else None


# A site's own page for a paper named by its arXiv id, version and title words ("/202603/31/2603.21597v1-title-words"):
# a link to that paper. (The version and the words after it tell an id from a date or a number: "2026.0331/".)
SLUG_ID_RE = re.compile(r"(?:^|/)(?P<id>[0-9]{4}\.[0-9]{4,5})v[0-9]{1,2}-(?=[a-z])")


def _slug_id(href: str) -> str | None:
    """The arXiv id of a relative link to a site's page named ``ID``vN``-title-words``, else None."""
    m = SLUG_ID_RE.search(href)
    return normalize(m.group("id")) if m else None


def _circled(char: str) -> int:
    """The number a circled digit stands for (``①`` 1, ``❿`` 10)."""
    code = ord(char)
    base = max(b for b in CIRCLED_BASES if b <= code)
    return code - base + 1


def _own_id_text(link: Link) -> bool:
    """A link whose text is the bare arXiv id it leads to (``Title [2505.07712](https://arxiv.org/abs/2505.07712)``):
    the reference written out, no words of the title before it (``arXiv:ID`` is found in the text as a reference
    already)."""
    text = link.text.strip()
    return 9 <= len(text) <= 24 and text[:1].isdigit() and normalize(text) is not None and normalize(text) == normalize(
        link.href
    )


def _line(block: Block, found: list[Ref] | None = None) -> Line:
    """The line of ``block``; ``found``, when given, is ``find_refs(block.text)`` known already (_joined_refs)."""
    refs: list[tuple[str, str]] = []
    web: list[str] = []
    seen: set[str] = set()
    text = block.text
    ordinal = None
    cut = 0
    if block.kind in ("para", "heading"):
        m = ORDINAL_RE.match(text)
        if m:
            ordinal = int(m.group("num") or m.group("num2")) if not m.group("circled") else _circled(m.group("circled"))
            cut = m.end()
            text = text[cut:]
    elif block.kind == "item" and block.ordered:
        ordinal = block.number or None
    lead = _bare_id_lead(block, text, cut)
    if lead is not None:
        seen.add(lead.arxiv)
        refs.append((lead.arxiv, ""))
    for link in block.links:
        href = link.href
        if "%2f" in href.lower():  # a tracking redirect that carries the real address
            href = unquote(href)
        arxiv = normalize(href)
        if arxiv is None and "://" not in href and "v" in href:
            arxiv = _slug_id(href)
        if arxiv:
            if arxiv not in seen:
                seen.add(arxiv)
                refs.append((arxiv, link.text))
        elif link.href.lower().startswith(("http://", "https://")):
            web.append(link.href)
    text_refs = found = find_refs(block.text) if found is None else found
    if lead is not None and not any(r.start < lead.end and lead.start < r.end for r in text_refs):
        text_refs = [lead, *text_refs]  # (cut out of the text like the others)
    for ref in text_refs:
        if ref.arxiv not in seen:
            seen.add(ref.arxiv)
            refs.append((ref.arxiv, ""))
    if block.kind == "row":
        for cell in block.cells:  # an id column
            arxiv = normalize(cell) if len(cell) < 40 else None
            if arxiv and arxiv not in seen:
                seen.add(arxiv)
                refs.append((arxiv, ""))
    if text_refs:  # each reference a space (the ordinal is digits and marks: no reference starts in it)
        parts: list[str] = []
        at = 0
        for ref in text_refs:  # (in order, none overlapping)
            if ref.start >= cut:
                parts += (text[at : ref.start - cut], " ")
                at = ref.end - cut
                if text[at : at + 1] in ("#", "?") and "/" in block.text[ref.start : ref.end]:
                    at += len(text[at:].split(None, 1)[0])  # (a URL's tail after the id: "…/pdf/ID#page=21.71")
        text = "".join(parts) + text[at:]
    bare = URL_RE.sub(" ", text) if has_url(text) else text
    labels = [link.text for link in block.links if link.text and (
        _is_label(link.text) or (has_url(link.text) and URL_RE.fullmatch(link.text)) or LINK_LABEL_RE.fullmatch(link.text)
        or (_own_id_text(link) and not block.text.startswith(link.text))
        # (a line led by its id, "[ID](…) Name, a note", is read as one: url_led)
    )]
    bare = clean_line(replace_each(bare, labels, " "))
    words = SYMBOLS_RE.sub(" ", bare).strip() if len(bare) <= 400 else bare  # (a label is short)
    label = not words or (len(words) <= 80 and _is_label(words))  # "Paper: URL", "[arXiv] [Code]", "论文地址：" (link below)
    if not label and len(words) <= 80 and (own_ids := [  # (a label over the paper's own id as its link's text, "Pre-print:
        link.text for link in block.links if link.text[:1].isdigit() and normalize(link.text) is not None  # [2801.01234]
        and normalize(link.text) == normalize(link.href)  # (…/abs/2801.01234)", is a label too)
    ]):
        rest = SYMBOLS_RE.sub(" ", replace_each(bare, own_ids, " ")).strip()
        label = bool(rest) and _is_label(rest)
    label = label and (bool(refs or web or block.links) or bool(words)) and block.kind != "code"
    label = label and (block.kind != "heading" or bool(block.links))  # ("## Code", "# 摘要": a section's name)
    label = label and not (block.kind == "para" and ordinal is not None and refs and not words)  # ("9. URL" among
    # numbered "N. Title: URL" lines: a numbered entry of its own, not the link of the line above)
    if not label and web and not refs and block.kind in ("item", "para") and not block.ordered and len(words) <= 30:
        label = KEY_ONLY_RE.fullmatch(words) is not None  # "- Slides: URL", "- Homeoage: URL" (one or two words)
        label = label or _link_field(block)  # "- **Link**: [Lab](its PDF)"
    return Line(block, refs, web, label, ordinal, bare, found)


# (the words that lead a reference whose prefix may take in spaces: "arXiv: ID", "arXiv  ID", "CoRR, abs/ID")
_SPACED_ANCHORS = ("arxiv", "corr")
_SPACED_REACH = 12  # (such a word, its comma or colon and its spaces, three at most, before a join: within this)


def _joined_refs(lines: list[Line]) -> list[Ref] | None:
    """``find_refs`` of the lines' texts joined by a space, from each line's own (``Line.found``), or None where it
    has to be read again. A reference is found at a site's name (none holds a space), never reaches back over a space
    (a scheme or host before the name holds none), and takes in a space only right after "arXiv" or "CoRR"
    ("arXiv: ID"): the joined text's references are the lines', moved along, unless such a word ends a line (or the
    text's lowering changes its length, where find_refs reads it otherwise)."""
    refs: list[Ref] = []
    at = 0
    last = len(lines) - 1
    for k, line in enumerate(lines):
        text = line.block.text
        if not text.isascii() and len(text.lower()) != len(text):
            return None
        if k < last:
            tail = text[-_SPACED_REACH:].lower()
            if any(word in tail for word in _SPACED_ANCHORS):
                return None
        refs += (Ref(r.arxiv, r.start + at, r.end + at) for r in line.found) if at else line.found
        at += len(text) + 1
    return refs


def _link_field(b: Block) -> bool:
    """``- **Link**: [Lab](url)``, ``PDF: [Publisher](url)``: a field named for the paper's link whose value is one
    link named by a word or three (its host, not a title): the paper's link line."""
    m = LINK_FIELD_RE.match(b.text) if len(b.links) == 1 and len(b.text) <= 80 else None
    return m is not None and m.group("value").strip(" *[]") == b.links[0].text.strip() and len(m.group("value").split()) <= 3


def kind_runs(lines: list[Line], kind: str) -> Iterator[tuple[int, int]]:
    """The runs of consecutive lines whose blocks are all of ``kind`` ("row": a table, "item": a list), as
    ``(start, end)`` index pairs, end excluded."""
    k, n = 0, len(lines)
    while k < n:
        if lines[k].block.kind != kind:
            k += 1
            continue
        j = k
        while j < n and lines[j].block.kind == kind:
            j += 1
        yield k, j
        k = j


def url_led(line: Line) -> bool:
    """A line (a paragraph's or a bullet) led by an arXiv URL written bare (or `arXiv:ID`, or a link that shows only
    the paper's id or URL), at most a short note after it
    (``https://arxiv.org/pdf/2801.00001.pdf``, ``https://arxiv.org/pdf/ID.pdf X-Nick，一句笔记``). Asked of a line
    once (``Line.led_by_url``)."""
    led = line.led_by_url
    if led is None:
        led = line.led_by_url = _url_led(line)
    return led


def _url_led(line: Line) -> bool:
    b = line.block
    if b.kind not in ("para", "item") or len(line.refs) != 1 or len(line.bare) > 250:
        return False
    if not b.links:  # ("arXiv:2801.00001", "arXiv:2801.00001 a note", "2801.00001": the id written out, not a link)
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
    # (its id as its text: "[2112.10752](…)", "[arXiv:2112.10752](…)", "[2112.10752.pdf](…)", a bookmark's
    # "arxiv.org/abs/ID"; not a short title with its id, "[Noisy Planning - arXiv:ID](…)". The text's id is asked for
    # before the link's: a title names none, and the link is then not read at all.)
    if len(text) >= 40 or (shown := normalize(text.removesuffix(".pdf"))) is None:
        return False
    return shown == normalize(first.href) and _id_only(text)


_ID_WORDS = frozenset({"arxiv", "abs", "pdf", "org", "www", "http", "https", "html", "paper", "link", "preprint", "eprint"})


def _id_only(text: str) -> bool:
    """``text`` is an arXiv reference and nothing but the words of an address (``arXiv:ID``, ``arxiv.org/abs/ID``)."""
    refs = find_refs(text)
    if not refs:
        return " " not in text.strip()  # (an old id written bare, "hep-th/9901001", that normalize alone reads)
    rest = "".join(text[a.end : b.start] for a, b in pairwise([Ref("", 0, 0), *refs, Ref("", len(text), len(text))]))
    return all(w.lower() in _ID_WORDS for w in re.findall(r"[^\W\d_]{2,}", rest))


def _field_line(line: Line) -> bool:
    """``Authors: …``, ``**分类: cs.SD**``, ``**Relevance:** 9``: a metadata field, never a title or a section
    (a title given as a field, ``Paper: Title``, and label lines are not this)."""
    b = line.block
    if line.label or line.ordinal is not None or b.kind not in ("para", "item") or TITLE_PREFIX_RE.match(b.text):
        return False  # ("**Paper 1:** Title" is a numbered paper)
    bold_label = b.strong.rstrip().endswith((":", "：")) and len(b.strong) <= 24
    if bold_label:
        return True
    m = FIELD_LINE_RE.match(b.text)
    if m is not None and b.links and b.links[0].text and len(b.links[0].text) > m.end() and (
        b.text.lstrip(" *-•·>[(").startswith(b.links[0].text)
    ):
        return False  # "[Relevance: A Review of the Notion](its page)": a linked title whose first word ends in a colon
    return m is not None


# (a name's part: "Lee", "Höllein", "Tae-Hyun", "O'Neil"; an initial, "B."; a particle)
_NAME_PART = r"[A-Z][a-zß-öø-ÿ'’]+(?:-[A-Z]?[a-zß-öø-ÿ'’]+)*-?"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|le|la)"
_INITIALS = r"[A-Z]\.(?:\s?[A-Z]\.){0,3}"  # a first name given by its initials: "F.", "K.R.", "G. J."
# (after the first name, an initial without its dot, "Kyle B Lee", and a surname in capitals, "Xi WANG", too)
_PERSON_RE = re.compile(
    rf"{_NAME_PART}(?:\s+(?:[A-Z]\.?|[A-Z]{{2,}}|{_NAME_PART}|van|von|de|der|da|di|le|la)){{1,3}}"
    rf"|{_INITIALS}(?:\s+{_PARTICLE})*\s+{_NAME_PART}(?:\s+(?:{_PARTICLE}|{_NAME_PART})){{0,2}}"  # "F.A. Oliehoek",
    # "E. van der Pol", "C. Schroeder de Witt"
)
_VENUE_PART_RE = re.compile(r"(?:[A-Za-z][\w.&'’\-]*\s+){0,4}(?:(?:19|20)[0-9]{2}|[A-Z]{2,}[A-Za-z]*)")


# (a full stop ends the names, not an initial's: "Ann Lee, Bo Wu. ICML 2030", "F.A. Lee, B. Wu. ICML 2030")
_BYLINE_CUT_RE = re.compile(r"(?<!\b[A-Z])\.\s+|(?<=al\.),\s*")


# A character no name has, nor what stands between names (a digit, a bracket, a colon): one before the text's first
# full stop stands in its names (no cut comes before it), and no name matches _PERSON_RE with it
_NOT_IN_NAMES_RE = re.compile(r"[^A-Za-zß-öø-ÿ'’.\s,;&-]")
_ET_AL_RE = re.compile(r",?\s*\bet\.?\s*al\b\.?")


def byline_venue(text: str) -> bool:
    """``Ann Lee, Bo Wu. ICML 2030.``, ``Cy Diaz.``, ``Ann Lee et al., 2029``: names, maybe where and when, no title."""
    if len(text) > 200 or _NOT_IN_NAMES_RE.search(text, 0, dot if (dot := text.find(".")) >= 0 else len(text)):
        return False  # ("the Next Line (2024) by Ann Lee": a title's end, its year before the names)
    parts = [p.strip(" ,") for p in _BYLINE_CUT_RE.split(text.strip(" .")) if p.strip(" ,")]
    if not parts:
        return False
    names = _ET_AL_RE.sub("", parts[0])
    people = [p for p in AUTHOR_SPLIT_RE.split(names) if p]
    if not people or not all(_PERSON_RE.fullmatch(p) for p in people):
        return False
    return all(_VENUE_PART_RE.fullmatch(p) for p in parts[1:])


OPEN_END_WORDS = frozenset(("for", "of", "and", "the", "a", "an", "with", "to", "in", "on", "via", "from", "by", "at"))


def whole_link(line: Line) -> bool:
    """The line is one link's text and nothing else (``<a href="/pubs/lee30/">Title</a>``): a whole title."""
    links = line.block.links
    return len(links) == 1 and bool(links[0].text) and links[0].text.strip() == line.block.text.strip()


def _byline_after_title(line: Line, nxt: Line) -> bool:
    """``<li>Title<br>Bo Wu, Cy Diaz. ICML 2030. <a>PDF</a></li>``: a whole title, then on the item's next line its byline
    and its link (not a title wrapped onto them); its byline alone when the title is one link, to the paper's own page
    (``<li><a href="/pubs/lee30/">Title</a><br><i>A. Lee, B. Wu</i><br>Paper - ICML 2030 - <a>pdf</a></li>``)."""
    return nxt.block.in_item and nxt.block.kind == "para" and (bool(nxt.refs) or whole_link(line)) and (
        _title_like(line.bare.rstrip("?？"))
    ) and (
        byline_venue(nxt.bare)
    ) and len(line.bare.split()) >= (2 if whole_link(line) else 3) and line.bare.rstrip()[-1:] not in ",;:(" and (
        line.bare.rsplit(None, 1)[-1].lower() not in OPEN_END_WORDS  # ("Title (2024) by" / "Dee Ek, Fay Gu, …": one
    )  # entry wrapped)


def join_wrapped(lines: list[Line]) -> list[Line]:
    """An entry hard-wrapped over lines of one paragraph ("8. Title that goes / on (2023) by A et
    al., [Link](url)") is one line: a numbered line without a reference takes the plain lines
    after it up to the first one holding a reference."""
    out: list[Line] = []
    k, n = 0, len(lines)
    while k < n:
        line = lines[k]
        b = line.block
        j, wrapped = k, False
        if b.kind == "heading" and (_wrapped_heading(lines, k) or _wrapped_before_links(lines, k)):  # (each asks
            # for a heading first)
            links = b.links + lines[k + 1].block.links
            merged = Block("heading", b.text + " " + lines[k + 1].block.text, b.level, links, b.strong, para=b.para)
            out.append(_line(merged))
            k += 2
            continue
        if (line.ordinal is not None or b.kind == "item") and not (line.refs or line.web) and not line.label and (
            b.kind != "heading"
        ) and not (k + 1 < n and _byline_after_title(line, lines[k + 1])):
            j = k + 1
            while j < n and j - k <= 3 and _continues(lines[j], b) and not (lines[j].refs or lines[j].web) and (
                FIELD_LINE_RE.match(lines[j].block.text) is None  # ("1. Title" / "Authors: …" / "arXiv ID: ID": the
            ):  # entry's fields, each a line of its own, no title wrapped onto them)
                j += 1
            labelled = j < n and j - k <= 3 and _label_ends_citation(lines, k, j)
            if not (labelled or (j < n and j - k <= 3 and _continues(lines[j], b) and (lines[j].refs or lines[j].web))) or (
                FIELD_LINE_RE.match(lines[j].block.text) is not None and j > k + 1
            ):
                wrapped = j > k + 1 and _title_wrapped_over_url(lines, k, j)
                j = j - 1 if wrapped else k
                if j == k and b.kind == "item":
                    j = max(k, _authors_wrapped_over_title(lines, k))
                    wrapped = j > k  # (a citation however long its list of names)
        if j > k:
            j = _link_group_end(lines, k, j)  # ("Title … / Data [[arXiv](…) |" / "[GitHub](…)]": its links' group, whole)
        if j == k:
            out.append(line)
            k += 1
            continue
        parts = lines[k : j + 1]
        text = " ".join(p.block.text for p in parts)
        if len(text) > TITLE_MAX + 100:
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
        joined = _line(merged, _joined_refs(parts))
        if not _entry_like(joined) and not (wrapped or _cut_mid_entry(parts)):  # prose under a title that cites a
            out.append(line)  # paper: not one entry (an entry-like line is one whatever its cut: not asked)
            k += 1
            continue
        out.append(joined)
        k = j + 1
    return out


def _cut_mid_entry(parts: list[Line]) -> bool:
    """The first of an entry's lines ``parts`` ends mid-way through it: inside a quoted title, after a comma, inside
    bold that the next line closes, or a title's last words lead the next line before its URL (``… "R-FCN: Object
    Detection via`` / ``Region-based …." arXiv …``, ``**Title**. *A, B,`` / ``C and D*. ICLR 2019. [pdf]``)."""
    b = parts[0].block
    return b.text.count('"') % 2 == 1 or b.text.count("“") > b.text.count("”") or b.text.rstrip()[-1:] in (",", "，") or (
        b.strong_open and bool(parts[1].block.strong_tail)  # ("1. **Title … by" / "rest.** `arXiv`")
    ) or (len(parts) == 2 and _title_end_before_url(parts[0], parts[1]))


def _link_group_end(lines: list[Line], k: int, j: int) -> int:
    """The last line of an entry wrapped over lines ``k`` … ``j``, its bracketed group of links wrapped on too
    (``- Title of the paper that goes`` / ``on [[arXiv](…) |`` / ``[GitHub](…)]``): the lines of the same paragraph
    after ``j``, each only links and labels, up to the one that closes the group (at most three); else ``j``."""
    b = lines[k].block
    opened = sum(line.block.text.count("[") - line.block.text.count("]") for line in lines[k : j + 1])
    end = j
    while opened > 0 and end + 1 < len(lines) and end - j < 3:
        nxt = lines[end + 1]
        if nxt.block.para != b.para or nxt.block.kind != "para" or not nxt.block.links or not (
            nxt.label or _links_only(nxt.block)
        ):
            return j
        end += 1
        opened += nxt.block.text.count("[") - nxt.block.text.count("]")
    return end if opened <= 0 else j


def _authors_wrapped_over_title(lines: list[Line], k: int) -> int:
    """``- Ann Lee, Bo Wu, …, Cy`` / ``Diaz, …, Eve`` / … / ``Fox.`` / ``_Title_. ITP 2013. [[url][pdf]]``: a long list of
    authors wrapped over four lines or more, then the line that starts with the italic title and ends in the paper's
    link: that line (the entry runs through it), else -1."""
    b = lines[k].block
    j = k + 1
    while j < len(lines) and j - k <= 7 and _continues(lines[j], b) and not (lines[j].refs or lines[j].web) and (
        not lines[j].block.lead_emph
    ):
        j += 1
    if j - k < 4 or j >= len(lines) or not _continues(lines[j], b) or not lines[j].block.lead_emph or not (
        lines[j].refs or lines[j].web
    ):
        return -1
    names = AUTHOR_SPLIT_RE.split(" ".join(line.block.text for line in lines[k:j]).strip().rstrip("."))
    return j if all(
        name and len(name.split()) <= 5 and all(w[:1].isupper() or w in NAME_PARTICLES for w in name.split()) for name in names
    ) else -1


def _label_ends_citation(lines: list[Line], k: int, j: int) -> bool:
    """``- Ann Lee.`` / ``_Title_.`` / ``Venue 2024.`` / ``[pdf](url)``: a citation wrapped a part a line, its title in
    italics (on a line of its own or the bullet's), that ends in a line of its links' labels (``[[url][pdf]]``): one
    entry, through it."""
    end = lines[j]
    return j > k + 1 and end.label and bool(end.refs or end.web) and end.block.para == lines[k].block.para and (
        end.block.kind == "para"
    ) and (bool(lines[k].block.emph) or any(lines[i].block.lead_emph for i in range(k + 1, j)))


def search_results(blocks: list[Block]) -> list[Block]:
    """arXiv search results pasted as text, in a code block or not (``arXiv:ID  [pdf, other]  cs.CV`` over its title,
    then ``Authors:`` / ``Abstract:`` lines): each is a list item, its title linked to the paper."""
    out: list[Block] = []
    k, n = 0, len(blocks)
    while k < n:
        b = blocks[k]
        m = RESULT_HEAD_RE.match(b.text) if b.text[:1] in "aA" and b.kind in ("code", "para") else None
        nxt = blocks[k + 1] if m and k + 1 < n else None
        if m and nxt is not None and nxt.kind == b.kind and not nxt.text.startswith(("arXiv:", "Authors:")):
            title = nxt.text.strip()
            out.append(Block("item", title, 1, [Link(abs_url(m.group("id")), title)], para=b.para))
            k += 2
            continue
        out.append(b)
        k += 1
    return out


def local_pages(lines: list[Line]) -> list[Line]:
    """A site's own page for a paper (a relative link, ``slug-2608-30329/``) that a line pairs with the paper's arXiv
    link (``[详情 →](slug/) · [arXiv](…)``) names that paper wherever else the article links it: a card or a ranking
    row that links only such pages holds the paper's reference, with the link's text. Each page is one paper's: a page
    paired with two papers names none."""
    paired: dict[str, str | None] = {}
    for line in lines:
        if len(line.refs) == 1 and len(line.block.links) >= 2:
            arxiv = line.refs[0][0]
            for link in line.block.links:
                if _local_href(link.href) and normalize(link.href) is None:
                    paired[link.href] = arxiv if paired.get(link.href, arxiv) == arxiv else None
    if not paired:
        return lines
    changed = False
    for line in lines:  # (a line that links anything else, its own PDF, is not named by the page)
        if not line.refs and line.block.links and all(link.href in paired for link in line.block.links):
            for link in line.block.links:
                named = paired.get(link.href)
                if named is not None and (named, link.text) not in line.refs:
                    line.refs.append((named, link.text))
                    link.href = abs_url(named)  # (a link to that paper)
                    changed = True
    if changed:  # (a link may be shared by the lines a pass joined: every line's facts are asked again)
        for line in lines:
            line.forget_facts()
    return lines


def _local_href(href: str) -> bool:
    """A link to a page of the article's own site: relative, not an anchor, an image or a mail address."""
    return bool(href) and "://" not in href and href[0] not in "#?" and not href.startswith(("mailto:", "javascript:")) and (
        IMAGE_RE.match(href) is None
    )


def join_references(lines: list[Line]) -> list[Line]:
    """An APA reference hard-wrapped over lines of one paragraph (``Linsker, R. (1990). Perceptual … infor-`` /
    ``mation theory.``) is one line; a hyphen that ends a line before a lower-case letter joins the word again."""
    out: list[Line] = []
    k, n = 0, len(lines)
    while k < n:
        line = lines[k]
        b = line.block
        j = k + 1
        if b.kind == "para" and not line.refs and "(" in b.text and APA_LEAD_RE.match(b.text):
            text = b.text
            while j < n and j - k <= 5 and (o := lines[j]).block.para == b.para and o.block.kind == "para" and not (
                o.refs or o.block.links or APA_LEAD_RE.match(o.block.text)
            ):
                more = o.block.text
                text = text[:-1] + more if text.endswith("-") and more[:1].islower() else text + " " + more
                j += 1
        if j > k + 1:
            out.append(_line(Block("para", text, para=b.para)))
        else:
            out.append(line)
        k = j
    return out


def ids_over_titles(lines: list[Line]) -> list[Line]:
    """``##### [arXiv:ID](…) [(Journal)](doi)`` / ``**Title**`` / ``Authors``: a lab's list that gives each paper's id
    link first, its bold title on the line under it; read as the title over its link line (the title in the id
    line's place, a heading when that was one), as the lists that give the title first are read. Not where the line
    before the id line is a bold title itself (``**A**`` / ``[arXiv:1]`` / ``**B**`` / ``[arXiv:2]``: titles first)."""
    out = list(lines)
    for k in range(len(out) - 1):
        line, nxt = out[k], out[k + 1]
        if not _bold_title_line(nxt) or not _id_link_line(line) or (k > 0 and _bold_title_line(out[k - 1])):
            # (the bold title under the line asked first: the cheaper test, rarely true)
            continue
        if k > 0 and out[k - 1].block.kind == "item" and out[k - 1].block.para == line.block.para:
            continue  # ("* Title" / its URL, then a bold session label: the URL is that item's last line)
        b, t = line.block, nxt.block
        title = replace(t, kind=b.kind, level=b.level, para=b.para)
        out[k], out[k + 1] = _line(title), _line(replace(b, kind="para", level=0, para=t.para, strong=""))
    return out


def _id_link_line(line: Line) -> bool:
    """A line that is only its paper's link labelled by its id (``[arXiv:2801.12345](…)``), perhaps with another
    link in brackets after it (its journal's)."""
    b = line.block
    if b.kind not in ("para", "heading") or len(line.refs) != 1 or not b.links:
        return False
    if not b.text.lstrip(" [(").startswith(b.links[0].text) or not _links_only(b):  # (the cheap test first)
        return False
    return normalize(b.links[0].text.strip(" []()")) == line.refs[0][0]


def _bold_title_line(line: Line) -> bool:
    """A paragraph line that is all bold, a title of words, without a link: ``**A Title of Words**``."""
    b = line.block
    return b.kind == "para" and not b.links and bool(b.strong) and b.strong.strip() == b.text.strip() and (
        len(b.text.split()) >= 2 and _title_like(b.text.rstrip("?？"))
    )


def whole_bold_title(line: Line, min_words: int) -> bool:
    """A paragraph that is wholly bold, the bold a title of ``min_words`` words or more (its edges' spaces, dots and
    ``*``/``_`` marks aside): ``***Reef Question Benchmark***``, not ``**Method:** prose`` (links and references left to
    the caller)."""
    b = line.block
    if b.kind != "para" or not b.strong:
        return False
    strong = b.strong.strip(" .*_")
    return len(strong.split()) >= min_words and strong == line.bare.strip(" .*_") and _title_like(strong)


# A reference list's entry set out over the lines of one paragraph: its authors and year in bold alone on the first
# (``**Lee, Ann et al. (2024)**``, ``**Org (2023, 2024)**``), its title wholly in quotes on the second.
_BOLD_CITED_LEAD_RE = re.compile(rf"[^\n\"“”()]{{2,150}}{CITED_YEARS}\s*")
_QUOTED_LINE_RE = re.compile(r"\s*[\"“][^\"“”]{4,400}[\"”][.,]?\s*")


def join_quoted_citations(lines: list[Line]) -> list[Line]:
    """``**Lee, Ann et al. (2024)**`` / ``"Title of the paper"`` / ``arXiv preprint arXiv:ID`` / ``URL: …``, the lines
    of one paragraph (a report's reference list, its entries a paragraph each): one line, the citation
    ``Lee, Ann et al. (2024). "Title of the paper." arXiv preprint arXiv:ID URL: …``, with the links of all its lines."""
    out: list[Line] = []
    k, n = 0, len(lines)
    while k < n:
        line = lines[k]
        b = line.block
        j = k + 1
        if b.kind == "para" and b.strong and b.strong.strip() == b.text.strip() and j < n and (
            lines[j].block.para == b.para and lines[j].block.kind == "para"
        ) and _BOLD_CITED_LEAD_RE.fullmatch(b.text) and _QUOTED_LINE_RE.fullmatch(lines[j].block.text):
            j += 1
            while j < n and j - k <= 8 and lines[j].block.para == b.para and lines[j].block.kind == "para":
                j += 1
            title = lines[k + 1].block.text.strip().rstrip(".,")
            rest = " ".join(o.block.text.strip() for o in lines[k + 2 : j])
            text = f"{b.text.strip().rstrip('.')}. {title[:-1].rstrip('.')}.{title[-1]} {rest}".rstrip()
            links = [link for o in lines[k:j] for link in o.block.links]
            out.append(_line(Block("para", text, links=links, para=b.para)))
            k = j
            continue
        out.append(line)
        k += 1
    return _url_titles_wrapped(_titles_under_citation_heads(out))


def _url_titles_wrapped(lines: list[Line]) -> list[Line]:
    """``https://arxiv.org/pdf/ID.pdf : A Title Wrapped Here:`` / ``Its Subtitle on the Next Line`` (a note file's
    ``URL : Title`` line whose title goes on past a colon), then the next URL line or the paragraph's end: one line."""
    out: list[Line] = []
    k, n = 0, len(lines)
    while k < n:
        line, b = lines[k], lines[k].block
        nxt = lines[k + 1] if k + 1 < n else None
        after = lines[k + 2] if k + 2 < n else None
        if nxt is not None and b.kind == "para" and b.text.rstrip().endswith(":") and url_led(line) and (
            nxt.block.kind == "para" and nxt.block.para == b.para and not nxt.block.links and not nxt.refs
        ) and not nxt.block.text.rstrip().endswith((":", "：")) and _title_like(nxt.block.text.strip()) and (
            after is None or after.block.para != b.para or url_led(after)
        ) and re.search(r"\s:|:\s*\S", b.text[len(b.links[0].text) :] if b.links else "") is not None:
            out.append(_line(replace(b, text=b.text.rstrip() + " " + nxt.block.text.strip())))
            k += 2
            continue
        out.append(line)
        k += 1
    return out


def _titles_under_citation_heads(lines: list[Line]) -> list[Line]:
    """A bibliography's entry set out over the lines of one item: who and when alone on its first (``Lee, Wu & Diaz
    2008.  ApJ, 9, 1. (arXiv:ID).``, ``Lee 2001``), its title on the next one or two (no link), then its URL: one line,
    the citation ``Lee, Wu & Diaz 2008. "Title." ApJ, 9, 1. (arXiv:ID). URL``, with the links of all its lines."""
    out: list[Line] = []
    k, n = 0, len(lines)
    while k < n:
        line = lines[k]
        b = line.block
        m = CITE_HEAD_YEAR_RE.match(b.text.strip()) if b.kind == "item" and not b.strong and not b.emph else None
        if m is None:  # (the commonest line: nothing below can join it)
            out.append(line)
            k += 1
            continue
        j = k + 1
        while m and j < n and j - k <= 3 and lines[j].block.para == b.para and lines[j].block.kind == "para" and not (
            lines[j].block.links or lines[j].refs or "://" in lines[j].block.text
        ):
            j += 1
        title = " ".join(o.block.text.strip() for o in lines[k + 1 : j]).strip(" .,;")
        if m and j > k + 1 and CITE_NAMES_RE.fullmatch(m.group("names")) and len(title.split()) >= 3 and (
            j == n or lines[j].block.para != b.para or lines[j].label or _links_only(lines[j].block)
        ) and _title_like(title.rstrip("?")) and '"' not in title:
            end = j
            while end < n and lines[end].block.para == b.para and lines[end].block.kind == "para":
                end += 1
            rest = " ".join([(m.group("rest") or "").strip(" ."), *(o.block.text.strip() for o in lines[j:end])])
            text = f'{b.text.strip()[: m.end("year")]}. "{title}." {rest.strip()}'.strip()
            links = [link for o in lines[k:end] for link in o.block.links]
            out.append(_line(replace(b, text=text, links=links)))
            k = end
            continue
        out.append(line)
        k += 1
    return out


def _title_wrapped_over_url(lines: list[Line], k: int, j: int) -> bool:
    """``3. A Unified Tool for Time-series`` / ``Forecasting`` / ``https://arxiv.org/abs/…``: a numbered title of a
    plain-text list hard-wrapped, its last words alone on the lines under it (short, in title case, no names, no
    year), then its URL on a line of its own."""
    head, url = lines[k], lines[j] if j < len(lines) else None
    if url is None or not url.label or not (url.refs or url.web) or url.block.para != head.block.para:
        return False
    text = head.block.text.rstrip()
    if len(text) < 30 or text[-1] in ".:：!?)）]":
        return False
    for tail in lines[k + 1 : j]:
        t = tail.block.text.strip()
        words = t.split()
        if tail.block.links or not 0 < len(words) <= 6 or _DIGIT_RE.search(t) or not t[:1].isupper() or (
            "," in t or "&" in t or " and " in t or " et al" in t or _field_line(tail)
        ) or not all(w[:1].isupper() for w in words if sum(c.isalpha() for c in w) >= 4):
            return False
    return True


def _title_end_before_url(head: Line, tail: Line) -> bool:
    """``* 2016 Lee: Sampling Lattices by Walking`` / ``Their Edges <https://arxiv.org/abs/…> a note``: a bullet's
    title hard-wrapped, its last words (a few, no digit, comma or label) leading the next line right before the
    paper's URL, whatever note follows it: one entry."""
    text = head.block.text.rstrip()
    links = tail.block.links
    if len(text) < 30 or text[-1] in ".:：!?)）]" or not links or links[0].text != links[0].href:
        return False  # (a bare URL: a link with words of its own is a title of its own)
    t = tail.block.text
    at = t.find(links[0].href)
    before = t[:at].strip() if at > 0 else ""
    words = before.split()
    if not words:
        return head.block.kind == "item" and at == 0  # ("* Title" / "<URL>.  A note": the bullet's URL, leading its next line)
    return len(words) <= 4 and _DIGIT_RE.search(before) is None and not any(c in before for c in ",;:：.") and (
        not _is_label(before) and not FIELD_LINE_RE.match(t)
    )


def _wrapped_heading(lines: list[Line], k: int) -> bool:
    """``## 3. A long title that was`` / ``wrapped here`` / ``Links: [arXiv](url)``: a long heading
    without a reference, its end alone on the next line, then the paper's links."""
    if k + 2 >= len(lines):
        return False
    head, tail, after = lines[k], lines[k + 1], lines[k + 2]
    b, t = head.block, tail.block
    return (
        b.kind == "heading" and not head.refs and len(b.text) >= 40 and b.text[-1] not in ".:!?。：;；"
        and t.kind == "para" and not t.links and not tail.label and t.para != after.block.para and not _field_line(tail)
        and t.strong.strip() != t.text.strip()  # (a bold line alone, "**基本信息**", is a label of what follows)
        and t.lead_emph.strip() != t.text.strip()  # (an italic line alone, "*English Title*", is a line of its own)
        and 0 < len(t.text) <= 80 and len(t.text.split()) <= 10 and _title_like(t.text) and ". " not in t.text
        and t.text.rstrip()[-1:] != "."  # (a sentence with its full stop, "A talk on X.", is a card's abstract)
        and (after.label or bool(after.refs) or _field_line(after)) and after.block.kind != "heading"
        and not (b.text[-1].isascii() and CJK_RE.search(t.text))  # (a Latin title does not end in a Korean sentence)
    )




def _wrapped_before_links(lines: list[Line], k: int) -> bool:
    """``##### [2018,CVPR] A Fast Representation for`` / ``Video Recognition [[PDF]](arXiv)``: a heading without a
    reference that ends on a word no title ends on, the rest of the title on the next line, then its labelled link."""
    if k + 1 >= len(lines):
        return False
    head, tail = lines[k], lines[k + 1]
    b, t = head.block, tail.block
    if b.kind != "heading" or head.refs or len(b.text) < 30 or not tail.refs or t.kind != "para" or tail.label:
        return False
    if b.text.rsplit(None, 1)[-1] not in OPEN_END_WORDS or not t.text[:1].isupper():
        return False
    words = tail.bare.split()
    return 0 < len(words) <= 8 and _title_like(tail.bare) and all(_is_label(link.text.strip(" []")) for link in t.links)


def _continues(line: Line, head: Block) -> bool:
    b = line.block
    return b.para == head.para and b.kind == "para" and line.ordinal is None and not line.label and not b.strong


def split_runs(lines: list[Line]) -> list[Line]:
    """A paragraph that runs entries together ("Title, Authors, URL Title, Authors, URL ...",
    hard-wrapped or not) becomes one line per entry, each ending at its reference."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        j = k
        b = lines[k].block
        while j + 1 < len(lines) and lines[j + 1].block.para == b.para and lines[j + 1].block.kind == "para":
            j += 1
        group = lines[k : j + 1]
        k = j + 1
        while len(group) > 1 and _section_line(group[0]):
            out.append(group[0])  # "=== Topic ===" over its "Title - URL" lines: the section's line, no entry's words
            group = group[1:]
        if b.kind != "para" or sum(len(line.refs) for line in group) < RUN_MIN or _numbered_lines(group) or (
            _bold_led_lines(group) or _url_ended_lines(group)
        ):
            out.extend(group)
            continue
        if all(url_led(line) for line in group if line.refs):
            out.extend(group)  # ("Topic:" / "URL : Title" / "URL : Title": each line led by its paper's URL, an entry)
            continue
        text = " ".join(line.block.text for line in group)
        refs = find_refs(text)
        chunks, start = [], 0
        for ref in refs:
            chunks.append((text[start : ref.end], text[ref.start : ref.end]))
            start = ref.end
        short = sum(1 for c, _u in chunks if len(c) <= TITLE_MAX)
        if len(refs) < RUN_MIN or short < 0.8 * len(chunks):
            out.extend(group)
            continue
        tail = text[start:].strip()
        for chunk, url in chunks:
            chunk = clean_line(chunk)
            lead = SECTION_LEAD_RE.match(chunk)
            if lead and DATE_PREFIX_RE.match(chunk[lead.end() :]):  # "January 2024 1 Jan, Title, URL"
                out.append(_line(Block("section", lead.group("name"), para=b.para)))
                chunk = chunk[lead.end() :]
            out.append(_line(Block("para", chunk, links=[Link(url, url)], para=b.para)))
        if tail:
            out.append(_line(Block("para", tail, para=b.para)))
    return out


def _section_line(line: Line) -> bool:
    b = line.block
    return b.kind == "para" and not line.refs and len(b.text) <= SECTION_MAX and bool(SECTION_RE.match(b.text))


def _numbered_lines(group: list[Line]) -> bool:
    """Each reference of the paragraph is on a line of its own numbered in order ("[1]…" "[2]…"):
    the lines are its entries already (a heading line above them stays a line of its own)."""
    numbers = [line.ordinal for line in group if line.refs or line.ordinal is not None]
    return all(len(line.refs) <= 1 for line in group) and len(numbers) >= RUN_MIN and (
        all(isinstance(a, int) and isinstance(b, int) and b > a for a, b in pairwise(numbers)) or _numbered_entries(group)
    )


def _numbered_entries(group: list[Line]) -> bool:
    """Entries of a few lines each, led by a numbered title line and with their reference on a line of its own under it
    (a WeChat post's ``1、Title<br>`` / ``作者：…<br>`` / ``论文链接：URL<br>``, counted up or down): each entry names
    one paper at most, so the lines are its entries already."""
    numbers = [line.ordinal for line in group if line.ordinal is not None]
    if len(numbers) < RUN_MIN or not (
        all(b > a for a, b in pairwise(numbers)) or all(b < a for a, b in pairwise(numbers))
    ):
        return False
    ids: set[str] | None = None  # (the lines before the first number belong to no entry)
    for line in group:
        if line.ordinal is not None:
            ids = {arxiv for arxiv, _u in line.refs}
        elif line.refs:
            if ids is None:
                return False
            ids.update(arxiv for arxiv, _u in line.refs)
        if ids is not None and len(ids) > 1:
            return False
    return True


_URL_END_RE = re.compile(r"https?://\S+$")


def _url_ended_lines(group: list[Line]) -> bool:
    """Each line of the paragraph ends on a URL of its own (``Title (Org) - https://arxiv.org/abs/…`` over
    ``Model (Org) - https://huggingface.co/…``): the lines are its entries already, a non-arXiv one among them too."""
    return len(group) >= RUN_MIN and all(
        len(line.refs) <= 1 and _URL_END_RE.search(line.block.text.rstrip()) for line in group
    )


def _bold_led_lines(group: list[Line]) -> bool:
    """Each reference of the paragraph is on a line of its own that leads with a bold title (``**Title**
    [https://arxiv.org/abs/…] (2015) - a note``): the lines are its entries already, each with its note."""
    led = [line for line in group if line.refs]
    return len(led) >= RUN_MIN and all(
        len(line.refs) == 1 and line.block.strong and line.block.text.startswith(line.block.strong) for line in led
    )


def _title_like(text: str) -> bool:
    return 0 < len(text) <= TITLE_MAX and text[-1] not in SENTENCE_END and "。" not in text and not (
        text[-1] == "." and CJK_RE.search(text, max(0, len(text) - 4)) is not None
    )  # ("…방법을 제안한다.": a Korean or Japanese sentence's full stop, no title's end)


def _cut_at_end_marker(blocks: list[Block]) -> list[Block]:
    """The article without what follows its end: a footer's "Further reading" list of other posts, or a generated
    page's footer line (``*本报告由 X 自动生成*``, ``Generated by X on …``) past the last paper's link (its notes after
    it, ``内链推荐：…``, are no paper's summary). A marker on a later line of a list item (a talk's ``Recommended
    reading:`` over its own readings) is that item's label, no end."""
    footers = [k for k, b in enumerate(blocks) if b.kind == "para" and len(b.text) <= 200 and GENERATED_FOOTER_RE.match(b.text)]
    if footers:  # (the last paper's link: looked for back from the end, only where the page has such a line)
        last_ref = next((k for k in range(len(blocks) - 1, -1, -1) if _paper_link(blocks[k]) or find_refs(blocks[k].text)), -1)
        if (k := next((k for k in footers if k > last_ref), -1)) > 0:
            blocks = blocks[:k]
    for k, b in enumerate(blocks):
        # (not the first block: the article's own title, "Further Reading")
        if k and b.kind != "row" and not b.in_item and len(b.text) <= 40 and END_MARKERS.match(b.text.lstrip("#*>【[ ").strip()) and not (
            b.links and b.links[0].text == b.text  # "[Read more](the paper)" is a link, not a heading
        ) and not _has_parts(blocks, k) and not _lists_papers(blocks, k):
            return blocks[:k]
    return blocks


def _lists_papers(blocks: list[Block], k: int) -> bool:
    """Under marker ``k`` (``## 延伸阅读``, "Further reading") a list whose linked items mostly lead with an arXiv
    link (list items, or the lines of a paragraph, ``**Title** [https://arxiv.org/abs/…] (2015) - note``): the
    article's own reading list of papers, not the list of other posts a footer opens."""
    linked = arxiv = 0
    for o in blocks[k + 1 : k + 200]:
        if o.kind == "heading" and (blocks[k].kind != "heading" or o.level <= blocks[k].level):
            break
        if o.kind == "item" and o.links:
            linked += 1
            arxiv += normalize(o.links[0].href) is not None
        elif o.kind == "para" and len(o.text) <= 2 * TITLE_MAX and (url := URL_RE.search(o.text)):
            linked += 1  # (a URL written out in a line of its own)
            arxiv += normalize(o.links[0].href if o.links else url.group(0)) is not None
    return arxiv >= 2 and arxiv * 2 > linked


def _has_parts(blocks: list[Block], k: int) -> bool:
    """Heading ``k`` has sub-headings of its own (``## Recommended Reading`` / ``### Week 1`` …): a part of the
    article (a course's further papers), not the list of other posts a footer opens."""
    b = blocks[k]
    if b.kind != "heading":
        return False
    for o in blocks[k + 1 : k + 6]:
        if o.kind == "heading":
            return o.level > b.level
    return False


def _entry_like(line: Line) -> bool:
    """``Title by Authors (date), URL`` / ``Title, Authors, URL``: a title-like text before
    a reference that ends the line."""
    text = line.block.text
    refs = line.found  # (find_refs(text), read when the line was)
    tail = text[refs[-1].end :] if refs else ""
    if not refs and line.block.links:
        last = line.block.links[-1].text
        tail = text[text.rfind(last) + len(last) :] if last and last in text else "x"
    if len({r.arxiv for r in refs}) > 1:
        return False  # (prose that cites two papers: "It improves on S4 (arXiv:…) and H3 (arXiv:…).")
    if ("•" in text or "·" in text) and _stats_line(text):
        return False  # ("⬆️ 690 • 💬 653 • 2d ago • [arXiv.org](…)": a news card's counts and source, not a title)
    return (not tail.strip(" .,;)）】]") or _MARK_TAIL_RE.fullmatch(tail) is not None or _YEAR_OR_CATEGORY_TAIL_RE.fullmatch(tail) is not None) and (
        _title_like(line.bare.rstrip(" ,.;:：?？!！")) and len(line.bare) <= 250
    )


# A citation's year after its reference, all that ends it (Google Scholar's "arXiv preprint arXiv:ID (2031).")
# or its category, as arXiv's feed gives it ("Title. (arXiv:IDv1 [econ.EM])", "(arXiv:IDv2 [q-fin.ST] UPDATED)", "… CROSS LISTED)")
_YEAR_OR_CATEGORY_TAIL_RE = re.compile(r"\s*[(（]?(?:19|20)[0-9]{2}[)）]?[.\s]*|\s*\[[a-z\-]{2,9}(?:\.[A-Za-z\-]{2,5})?\](?:\s+(?:UPDATED|CROSS LISTED))?\)[.\s]*")
# What a note may leave after an entry's URL: a mark of its own, no words ("… https://arxiv.org/abs/ID +++", "⭐")
_MARK_TAIL_RE = re.compile(r"[\s.,;)）】\]]*[+*!⭐★✓✔]{1,5}[\s.,;]*")


STATS_SPLIT_RE = re.compile(r"\s*[•·]\s*")


def _stats_line(text: str) -> bool:
    """``⬆️ 690 • 💬 653 • 2d ago • arXiv.org``: a card's line of counts, its age and its source, fields set apart by
    bullets, two of them or more with a number."""
    fields = [f for f in STATS_SPLIT_RE.split(text) if f.strip()]
    return len(fields) >= 3 and sum(1 for f in fields if has_digit(f) and len(f) <= 16) >= 2


def _links_only(b: Block) -> bool:
    words = [link.text for link in b.links if link.text]
    if len(words) * len(b.text) > REPLACE_BUDGET:
        return False  # (thousands of links in one huge line: not one paper's links)
    rest = replace_each(b.text, words, " ")
    if not _LABEL_DIGITS and _DIGIT_RE.search(rest) is not None:
        return False  # (a digit stays in the rest, and no label word has one: see _line)
    rest = SYMBOLS_RE.sub(" ", rest).strip()
    return not rest or _is_label(rest)
