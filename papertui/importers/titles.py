"""Text helpers for titles and summaries (plain strings in, plain strings out): a title cleaned of
markup, decoration, venue tags, glosses and authors; link texts that are a title; summary lines."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from ..arxiv_ids import ARTICLE_CACHE, normalize
from .blocks import clean_line
from .lines import OPEN_END_WORDS, _is_label, _title_like
from .shapes import (
    ATTR_LIST_RE,
    AUTHOR_CUTS,
    AUTHOR_LINE_RE,
    AUTHOR_SPLIT_RE,
    AUTHOR_YEAR_DASH_RE,
    AUTHOR_YEAR_RE,
    AUTHORS_QUOTE_RE,
    BARE_ID_RE,
    BY_RE,
    CATEGORY_TAIL_RE,
    CITATION_LEAD_RE,
    CITE_AUTHORS_RE,
    CITE_END_RE,
    CITE_MARK_TAIL_RE,
    CITE_NAMES_RE,
    CITE_NOTE_RE,
    CITE_QUOTED_RE,
    CITE_YEAR_RE,
    CITED_NOTE_BODY_RE,
    CJK_GLOSS_RE,
    CJK_RE,
    CYRILLIC_GLOSS_RE,
    DASH_VENUE_TAIL_RE,
    DATE_COMMA_LEAD_RE,
    DBLP_AUTHORS_RE,
    DBLP_VENUE_RE,
    DECORATION_LEAD_RE,
    DECORATION_TAIL_RE,
    DOT_VENUE_TAIL_RE,
    EMOJI_CODE_RE,
    EMPTY_LEAD_RE,
    FIELD_NAME_RE,
    KEY_RE,
    LABEL_BRACKET_RE,
    LABEL_PREFIX_RE,
    LATIN_RE,
    LEAD_QUOTED_RE,
    LEAD_TAG_RE,
    LENTICULAR_NOTE_RE,
    MONTH_LEAD_RE,
    NAME_NOTE_RE,
    NAME_PARTICLE_RE,
    NAME_PARTICLES,
    NAMED_LEAD_RE,
    NOTE_TAIL_RE,
    PAGE_ID_LEAD_RE,
    PRESENTATION_TAIL_RE,
    QUOTED_TITLE_RE,
    SITE_PREFIX_RE,
    SITE_SUFFIX_RE,
    TITLE_PREFIX_RE,
    TWICE_LEAD_RE,
    UPPER_RE,
    URL_RE,
    VENUE_DASH_LEAD_RE,
    VENUE_KIND_ENDS,
    VENUE_LEAD_RE,
    VENUE_RE,
    VENUE_TAIL_RE,
    VENUE_YEAR_RE,
    VERSION_NOTE_RE,
    WHO_RE,
    WHO_WHEN_RE,
    WHO_WHEN_TAIL_RE,
    YEAR_IN_RE,
    YEAR_LEAD_RE,
    YEAR_WHO_LEAD_RE,
)


@lru_cache(maxsize=ARTICLE_CACHE)
def _latin_share(text: str) -> float:
    if text.isascii():  # (no CJK character: all Latin, or none)
        return 1.0 if LATIN_RE.search(text) else 0.0
    latin = len(LATIN_RE.findall(text))
    cjk = len(CJK_RE.findall(text))
    return latin / (latin + 2 * cjk) if latin + cjk else 0.0


# Authors as "Surname, I." (or "Surname,I.J."), each followed by a comma, before the title: "Athey, S., Imbens, G., Title".
# A lead of names and initials, all the names (not part of them: "Liu, Z., Gan, E., & Tegmark, M. (n.d.)"), before
# an upper-case letter or a digit that begins no further name: their run, then its end.
_SURNAME_INITIALS_RUN_RE = re.compile(r"(?:[A-Z][\w'’-]+,\s?(?:[A-Z]\.\s?){1,3},\s+)+")
_SURNAME_INITIALS_END_RE = re.compile(r"(?=[A-Z0-9])(?![A-Z][\w'’-]+,\s?[A-Z]\.)")


def _cut_surname_initials_lead(text: str) -> str:
    """The first lead of names and initials cut from ``text`` (``Athey, S., Imbens, G., Title``), in one pass: each run of ``Name, I., `` found whole, then
    its end tried. (A run's names parse one way, a comma ending each name; a shorter run, or one from a later start
    inside it, ends where the run's next name begins, which the pattern's end refuses, or at the same end: a run
    that fails is skipped whole, where the pattern tried it again from each of its names: quadratic on a line of
    thousands of names.)"""
    pos = 0
    while (m := _SURNAME_INITIALS_RUN_RE.search(text, pos)) is not None:
        if _SURNAME_INITIALS_END_RE.match(text, m.end()):
            return text[: m.start()] + text[m.end() :]
        pos = m.end()
    return text


_END_NAME = r"(?:(?:de|van|von|der|den|da|di|du|le|la)\s+)?[A-Z][\w'’\-]+"
_END_FULL = rf"[A-Z][\w'’\-]*\.?(?:\s+{_END_NAME}){{1,2}}"
_END_VENUE = r"(?:,?\s+(?:[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{3,}))?"  # ", TMLR", " NeurIPS"
_END_YEAR = r"[(（]?(?:19|20)[0-9]{2}[a-z]?[)）]?"
# Who wrote a link's paper and when, after its title (a course's reading list): "Title, Lee et al 2024", "Title,
# Lee et al, TMLR, 2023", "Title? Lee et al", "Title: Lee et 2025", "Title, Ann Lee, Bo Wu, 2024", "Title, 2020",
# "Title. 2023", "Title, Lee 2019"
_WHO_WHEN_END_RE = re.compile(
    rf"(?:(?:[,:]\s+|(?<=[?!])\s+|\.\s+)(?:"
    rf"{_END_NAME}(?:\s+{_END_NAME})?,?\s+et\.?\s*al\.?{_END_VENUE}(?:,?\s+{_END_YEAR})?"
    rf"|{_END_NAME},?\s+et\.?{_END_VENUE},?\s+{_END_YEAR}"
    r"|(?<=[,.]\s)(?:19|20)[0-9]{2}[a-z]?"
    rf"|(?<=,\s){_END_NAME}\s+{_END_YEAR}"  # ("Title, Perrone 2019": one author's surname and the year, after a comma)
    # (full names only after a comma or a full stop: after a colon, "Beyond Words: Large Language Models, 2024",
    # capitalised words are the title's subtitle)
    rf")|(?:,\s+|(?<=[?!])\s+|\.\s+){_END_FULL}(?:\s*,\s*{_END_FULL})*{_END_VENUE},\s*{_END_YEAR}"
    r")\.?\s*$"
)
WHO_WHEN_REACH = 400  # characters from a title's end that its who-and-when may take (the search starts there: linear)


_BRACKETED_YEAR_END_RE = re.compile(r"\s*[(（](?:19|20)[0-9]{2}\+?[)）]$")  # ("(2017)", "(2023+)": that year and on)


def _without_year_tail(text: str) -> str:
    """``"Attention Is All You Need" (2017)``, ``Title (2029)``: the title without the year in brackets after it (a
    guide's ``### 1. **"Title"** (2017)``); but who and when alone stay whole (``Lee et al. (2024)``, ``Ruiz (1971)``)."""
    m = _BRACKETED_YEAR_END_RE.search(text)
    if m is None or len(text[: m.start()].split()) < 2 or WHO_RE.fullmatch(text[: m.start()].strip()):
        return text
    return text[: m.start()].rstrip(" ,")


def _without_who_when(text: str) -> str:
    """``Title, Lee et al 2024``, ``Title? Lee et al``, ``Title, 2020``: the title, without who wrote it and when
    (``Lee & Wu, 2023``, ``Lee et al. (2024)``: who and when only, kept whole)."""
    start = max(0, len(text) - WHO_WHEN_REACH)
    if (text[-1:].isdigit() or " et" in text) and (m := _WHO_WHEN_END_RE.search(text, start)) and len(
        text[: m.start()].split()
    ) >= 2 and " et" not in text[: m.start()] and not WHO_WHEN_RE.fullmatch(text):
        return text[: m.start()].rstrip()  # (not "Lee et al. (2024)": a citation, who and when only)
    return text


def _without_year_who(text: str) -> str:
    """``1995 Lee: Title``, ``1996: Wu et al: Title``, ``1998 Moreau/Castell: Title``, ``1998 Ito et al Title``: the
    title, without the year and the surnames before it (a word that is no name, ``2008 Transformers: Title``, is the
    title's: kept)."""
    m = YEAR_WHO_LEAD_RE.match(text)
    if m is None or len(text[m.end() :].split()) < 2:
        return text
    names = [w for w in re.split(r"\s*(?:/|&|\sand\s)\s*", re.sub(r"\s+et\.?\s*al\.?$", "", m.group("who"))) if w]
    if any(_NOT_NAME_END_RE.search(w) for w in names):
        return text
    return text[m.end() :]


_JOINER_TAIL_RE = re.compile(r"\s+(?:\+|&|and|与|和)$")
# A name at a title's end after an at sign, with its honorific: "入門@山田先生", "Title @佐藤さん", "（＠田中氏）": whose
# talk or notes the link is (a bookmark page's credit), no word of the title
_HONORIFIC_ENDS = frozenset("生んま氏授）)")
_HONORED_TAIL_RE = re.compile(
    r"\s*[(（]?[@＠][\u3040-\u30ff\u3400-\u9fffA-Za-z. ]{1,12}?(?:先生|さん|様|氏|教授)[)）]?$"
)
# A handle or two at a title's end, in brackets or not: "@dldnxks12", "(@ann_lee, @bo-wu)" (a name on GitHub or a
# social site: who presents or posted the paper, never the title's words; "Title @ ICML" has a space after the "@")
_HANDLE_TAIL_RE = re.compile(r"(?<!\S)[(（]?@[A-Za-z0-9_][A-Za-z0-9_.-]{0,38}(?:\s*(?:[,，&]\s*)?@[A-Za-z0-9_][A-Za-z0-9_.-]{0,38})*[)）]?$")


# A BibTeX citation key after a colon, Google Scholar's shape: surname, year, first word ("behrouz2025atlas").
_CITE_KEY_TAIL_RE = re.compile(r"[:：]\s*`?[a-z][a-z'-]{1,30}(?:19|20)[0-9]{2}[a-z][a-z0-9_-]{0,30}`?")


_DIGIT_RE = re.compile(r"[0-9]")


def label_led(text: str) -> bool:
    """``LABEL_PREFIX_RE`` may match ``text``: it holds a colon, and no digit before its first one (no label word
    holds a digit or a colon, so the pattern's colon is the text's first and a digit before it fails it:
    ``Paper 3: Title``, ``GPT-4: Title``). A false answer is sure; a true one leaves the question to the pattern."""
    at = text.find(":")
    wide = text.find("：", 0, at if at >= 0 else len(text))
    if wide >= 0:
        at = wide
    return at >= 0 and _DIGIT_RE.search(text, 0, at) is None


def _cite_key_tail(text: str) -> str:
    """``text`` without the citation key a note names its paper by after a colon (``### 5. ATLAS: `behrouz2025atlas```,
    ``FinBERT: araci2019finbert``): ``ATLAS``, ``FinBERT``. A text that is only a key stays."""
    at = max(text.rfind(":"), text.rfind("："))
    key = text[at + 1 :].lstrip().lstrip("`")[:1]  # (the key's first letter: a lower-case ASCII one, the pattern's)
    if at <= 0 or not ("a" <= key <= "z") or _CITE_KEY_TAIL_RE.fullmatch(text[at:].rstrip()) is None:
        return text
    return text[:at].rstrip()


_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

@lru_cache(maxsize=ARTICLE_CACHE)  # (a head's text and its link's are often one title: asked twice)
def _clean_title(text: str) -> str:
    if "://" in text or "www." in text:
        text = URL_RE.sub(" ", text)
    if text.rstrip()[-1:] in ("+", "*"):
        text = _MARKS_TAIL_RE.sub("", text)  # "Title: URL +++": a note's mark after the URL
    if "<" in text:
        text = text.replace("< >", " ").replace("<>", " ")  # ("`Title <url>`_": what the URL leaves)
    text = text.rstrip(" -–—:：|,，·•")  # ("Title（预印本）— URL": the gloss ends it)
    if text[-1:] in ("+", "&", "d", "与", "和") and (m := _JOINER_TAIL_RE.search(text)) and m.start() > 0:
        text = text[: m.start()]  # "Name [paper](…) + [repo](…)", "Name [Paper](…) and [code](…)": what joined its links
    if ("—" in text or "–" in text) and (m := _DASH_WHO_TAIL_RE.search(text)) and _who_and_when(m.group("who")):
        text = text[: m.start()]  # "Title — Lee & Wu, 2016", "Octo — Ghosh et al. (2024)": who wrote it and when
    if " al" in text or "and " in text or "&" in text or text.count(",", 0, 60) >= 2:
        text = CITATION_LEAD_RE.sub("", text, count=1)  # "Wei et. al. 2022. Title", "Lee, Wu, Ito 2019: Title"
    if "., " in text[:60] or ".,  " in text[:60]:
        text = _cut_surname_initials_lead(text)  # "Athey, S., Imbens, G., Title", "Igami,M., Title"
    if ", " in text and (" al" in text or "&" in text or "and " in text or text[:2] == "[["):
        text = NAMED_LEAD_RE.sub("", text, count=1)  # "Dalal & Triggs, Title", "[[Viola-Jones]], Title"
    if ("—" in text or "–" in text or " - " in text) and (text[-1:].isdigit() or text[-1:] in ("a", "b", "c", ")")):
        text = WHO_WHEN_TAIL_RE.sub("", text, count=1)  # "Title — Lee & Wu, 2017": the title, not who and when
    if ")" in text or " et al" in text or ", " in text:
        text = AUTHOR_YEAR_DASH_RE.sub("", text, count=1)  # "Lee et al. (2021) — RoPE", "Lee et al., 2021 — RoPE"
    if text.count(":") >= 2:
        text = EMOJI_CODE_RE.sub(" ", text)  # ":heavy_check_mark:Title" (two colons)
    if "," in text[:24]:
        text = DATE_COMMA_LEAD_RE.sub("", text, count=1)  # "arXiv 2015.05, Title", "N.d., Title"
    if text[:1] in "_*12":
        text = MONTH_LEAD_RE.sub("", text, count=1)  # "_2018.07_ Title", "2026.05 Title": a list's month tag
    if text[:1] in "([（【12":
        text = EMPTY_LEAD_RE.sub("", YEAR_LEAD_RE.sub("", text, count=1), count=1)  # "(2015) ResNet", "[ ] Title"
        if text[:1] in "(（":
            text = COUNTER_LEAD_RE.sub("", text, count=1)  # "（11）Title": a list's counter, not the title's
    first = text[:1]
    if not first.isalnum():  # (a text that starts with a letter or digit has no decoration or space before it)
        text = DECORATION_LEAD_RE.sub("", text)  # "🔹 Title"
    if first in "pP" or not first.isalnum():
        text = SITE_PREFIX_RE.sub("", text)
        if text.lstrip()[:1] == "[":  # (what PAGE_ID_LEAD_RE starts with, after spaces)
            text = PAGE_ID_LEAD_RE.sub("", text)
    if " - " in text or " | " in text or " — " in text or " – " in text:
        text = SITE_SUFFIX_RE.sub("", text)
    if first.isupper() and (" - " in text or " — " in text or " – " in text or ":" in text or "：" in text):
        text = VENUE_DASH_LEAD_RE.sub("", text, count=1)  # "ICML 2018 - Title", "ICML 2018: Title"
    if "[" in text or "【" in text or "." in text:  # (what each of its forms holds)
        text = LEAD_TAG_RE.sub("", text, count=1)  # "[new 001] Title", "cs.AI - Title"
    if text[:1] in "[【(（":
        text = VENUE_LEAD_RE.sub("", text, count=1)  # "[IEEE Transactions on …] Title"
    if text[:1] == "[" and (m := _TAG_LEAD_RE.match(text)) and len(text[m.end() :].split()) >= 3:
        text = text[m.end() :]  # "[WT] Title", "[en] Title", "[Nick] Nick: Title": a reader's, language or topic tag
    if "{:" in text:
        text = ATTR_LIST_RE.sub(" ", text)  # Kramdown's '{:target="_blank"}'
    if (not text[-1:].isalpha() or text[-1] in "kK") and _last(text) not in _NO_DECORATION_END and (
        _DECORATION_CHAR_RE.search(text)
    ):  # (a decoration tail ends in a sign, a number or "44k", never a closing bracket; it holds a sign or a
        # pictograph, _DECORATION_CHAR_RE's: none, no match)
        text = DECORATION_TAIL_RE.sub("", text)  # "Title ⭐ 44"
    if text[-1:] == "]":
        if text[:2] == "[[" and text[-2:] == "]]" and "[" not in text[2:-2] and "]" not in text[2:-2]:
            text = text[2:-2].strip()  # "[[R-CNN]]": a note's wikilink, shown as its name
        text = CITE_MARK_TAIL_RE.sub("", text)  # "Title [6]": where a reference list numbers it
    brackets = "(" in text or "（" in text or "[" in text or "【" in text or "|" in text or "{" in text  # (BRACKETS's:
    # a test holds them to it; "in" for each, not a set's lookup of each character)
    if "*" in text or "_" in text or "`" in text or "#" in text:  # (_MARKUP's)
        text = _TITLE_MARKUP_RE.sub("", text)
    if brackets:  # the notes after a title, in any order: "Title (中文) (Oral)", "Title（Org, 2023）", "Title (v2)"
        # (each pattern where it can match: after an opening bracket, or before the one the text ends in)
        text = _notes_left(text)  # (what its links left: "(DRAGON) [ ] [ ]")
        if _last(text) in _CLOSING:
            text = CITE_NOTE_RE.sub("", text)  # "Title (Qu 2022)", "Title (arxiv.org, 2022)"
        if _last(text) in _VERSION_END:
            text = CATEGORY_TAIL_RE.sub("", text)  # "Title (cs.AI)"
        if _opens(text):
            text = VENUE_RE.sub(" ", text)
        if _last(text) in _VERSION_END and (m := VERSION_NOTE_RE.search(text)) and len(text[: m.start()].split()) >= 2:
            text = text[: m.start()]  # (one name and its version is that version's name: "MobileNet(v2)", not "MobileNet")
        text = text.rstrip()
        gloss = CJK_GLOSS_RE.search(text) if _last(text) in _CLOSING else None
        if gloss is None and _last(text) in _CLOSING and _CYRILLIC_RE.search(text):
            gloss = CYRILLIC_GLOSS_RE.search(text)  # "DP-SGD (обучение с гарантией приватности)": a gloss in Russian
        if gloss and _latin_share(text[: gloss.start()]) >= 0.7:
            text = VERSION_NOTE_RE.sub("", VENUE_RE.sub(" ", text[: gloss.start()]))
        text = _drop_note(text)
        if text[-1:] == "】" and (m := LENTICULAR_NOTE_RE.search(text)) and len(text[: m.start()].split()) >= 2:
            text = text[: m.start()]  # "Title 【AutoCOT】", "Title【IRCOT】": the paper's nickname, a note
    if label_led(text) and not _CAPS_NAME_LEAD_RE.match(text):
        text = LABEL_PREFIX_RE.sub("", text)  # ("PPT: Pre-trained Prompt Tuning": a name in capitals, not a label)
    if brackets:
        text = _notes_left(text)
        if text[-1:] == "]":
            text = TAG_TAIL_RE.sub("", text)  # "Title[NIPS'19][Baidu]", "Title [Google]": where and by whom, not its words
            text = _no_empty_tail(text)  # ("Title [[paper](…)] [[article](…)]": the brackets its links left)
    if text.rstrip()[-1:].isalnum() and ("：" in text or ":" in text):
        text = _cite_key_tail(text)  # "ATLAS: `behrouz2025atlas`": the name, not its BibTeX key
    if text.rstrip()[-1:] in "lLtTrR":
        text = PRESENTATION_TAIL_RE.sub("", text)  # "Title. oral"
    text = clean_line(text).strip(" -–—:：|,，;；.。")
    text = _without_who_when(text)
    if "@" in text and (m := _HANDLE_TAIL_RE.search(text, max(0, len(text) - 200))) and m.start() > 0:
        text = text[: m.start()].rstrip()  # "VggNet @dldnxks12", "Title (@ann_lee)": who presents it, by their handle
    if ("@" in text or "＠" in text) and text[-1:] in _HONORIFIC_ENDS and (m := _HONORED_TAIL_RE.search(text)) and (
        m.start() > 0
    ):
        text = text[: m.start()].rstrip()  # "ガウス過程入門@山田先生", "Title @佐藤さん": whose talk or notes it is
    if (text[-1:].isdigit() or text[-1:] in VENUE_KIND_ENDS) and "," in text:
        text = VENUE_TAIL_RE.sub("", text).rstrip()  # "Title, CVPR 2025", "Title , CVPR 2025", "Title, ACL 2023 Findings"
    if ". " in text and (m := DOT_VENUE_TAIL_RE.search(text)) and len(text[: m.start()].split()) >= 2:
        text = text[: m.start()].rstrip()  # "Title. CVPR 2022", "Title. Submit to NeurIPS 2022": where it appeared
    if " by " in text:
        text = CREDIT_TAIL_RE.sub("", text)  # "Title introduced by MIT Researchers": who made it, not its title
    if text[-1:] in "sSnN" and _thesis_end(text) and (m := THESIS_TAIL_RE.search(text)) and len(text[: m.start()].split()) >= 2:
        text = text[: m.start()].rstrip()  # "Title, Ann Lee PhD Thesis", "Title - PhD thesis": what it is, by whom
    if " -" in text or "- " in text or " –" in text or " —" in text:
        text = _without_dash_authors(text)  # "Title - Ann B. Lee, Bo Wu": its authors after a dash
    if (text[-1:] in "0123456789)" or text[-1:] in VENUE_KIND_ENDS) and (" - " in text or " – " in text or " — " in text) and (
        (m := DASH_VENUE_TAIL_RE.search(text)) and (not m.group("close") or text.count("(") < text.count(")"))
    ):
        text = text[: m.start()].rstrip()  # "Title - arXiv 2017)": where it appeared, a stray bracket left after it
    if brackets and (m := NAME_NOTE_RE.match(text)):
        text = m.group("name")  # a name and a note on it, nothing else: "ReAct: (PRINTED)"
    if text[-1:] in ")）":
        text = _without_year_tail(text)  # '"Title" (2017)', "**Title** (2029)": the year it appeared, after the title
    if text[:1] and text[:1] in "《【" and text[-1:] == {"《": "》", "【": "】"}[text[0]] and text[0] not in text[1:]:
        text = text[1:-1].strip()  # "《English Title》", "【English Title】": the title in book-title marks or brackets
    if text[:1] in '"“' and (text[-1:] in '"”' or text[-2:] == " “") and len(text) > 2 and not any(
        q in text[1:-1] for q in '"“”'
    ):  # ('“Title “': its closing quote typed the wrong way round)
        text = _without_who_when(text[1:-1].strip().rstrip(".,"))  # '"A Title of Words"': the title in quotes, all
        # of it (a link's text that quotes it; a citation's '“Title.”' without the full stop it quotes; '“Title, 2025"')
    if ":" in text and CITE_KEY_RE.fullmatch(text):
        return ""  # "CLAS:2001wjj `hep-ex/0107043 <…>`_": a citation key, no title
    if text[-1:].isdigit() and JOURNAL_REF_RE.fullmatch(text):
        return ""  # "S. Chen et al., Phys.Rev.Lett. 97 (2006) 072002" (its authors cut): where it appeared, no title
    if text[-1:].isdigit() and ID_ONLY_RE.fullmatch(text):
        return ""  # "HERMES:2001bob `hep-ex/0106058 <…/hep-ex/0106068>`_": an id (its link's target another): no title
    return _given_twice(text)


def _thesis_end(text: str) -> bool:
    """``text`` may end in "thesis" or "dissertation", what ``THESIS_TAIL_RE`` ends in: in ASCII, its lower case does
    (ignoring case, re reads "ſ" as "s" and "ı" as "i": a tail not in ASCII is left to the pattern)."""
    tail = text[-12:]
    return not tail.isascii() or tail.lower().endswith(("thesis", "dissertation"))


# A citation key and nothing else, as INSPIRE and ADS write them: who (an author or a collaboration), a colon, the
# year and two or three letters ("CLAS:2001wjj", "JeffersonLabHallA:2022pnx", "Defurne:2017paw")
CITE_KEY_RE = re.compile(r"[A-Z][A-Za-z0-9.+-]{0,30}:(?:19|20)[0-9]{2}[a-z]{2,3}")
# An arXiv id and nothing else, new style or old ("2401.01234v2", "arXiv:hep-ex/0106058", "math.AG/0501001")
ID_ONLY_RE = re.compile(r"(?:arXiv:\s?)?(?:[0-9]{4}\.[0-9]{4,5}|[a-z][a-z-]{1,15}(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]{1,3})?", re.I)
# A journal reference and nothing else: the journal's abbreviated name, its volume, the year in brackets, the pages
# ("Phys.Rev.Lett. 100 (2008) 162002", "Phys.Lett.B 659 (2008) 796-806", "JHEP 05 (2031) 101", "… 115 (2015) 21, 212003")
JOURNAL_REF_RE = re.compile(
    r"[A-Z][a-z]*\.?(?:\s?[A-Z][a-z]*\.?){0,7}\s+[A-Z]?[0-9]{1,4}\s+\((?:19|20)[0-9]{2}\)\s+[0-9]{1,6}(?:[-–][0-9]{1,6})?"
    r"(?:,\s*[0-9]{1,6}(?:[-–][0-9]{1,6})?)?"
)


# A paper's name in three to five capitals (one that is also a label word), then three words or more of its title,
# the first capitalised ("PPT: Pre-trained Prompt Tuning for …", "HTML: Hierarchical Topology …"): the title's own
# name, not a label (the words after the first are not asked to be in title case: "PDF: A study of x" stays whole)
# A short tag in square brackets before a title (a reader's initials, a language, a topic, the paper's nickname):
# one to three words (or a kind and a name, "SP: Ring Attention, 4x speedup", to five), the title after it starting
# with a capital or a digit.
_TAG_LEAD_RE = re.compile(r"\[(?:[^\[\]\s]{1,16})(?: [^\[\]\s]{1,16}){0,2}\]\s*(?=[A-Z0-9])|\[[^\[\]\s]{1,16}[:,](?: [^\[\]\s]{1,16}){1,4}\]\s*(?=[A-Z0-9])")
_CAPS_NAME_LEAD_RE = re.compile(r"[A-Z]{3,5}: [A-Z0-9][\w-]*(?: [\w-]+){2}")
_MARKUP = frozenset("*_`#")  # (MARKUP_RE's characters)
# What every match of DECORATION_TAIL_RE holds: a character of its class of signs, or one of its pictographs
_DECORATION_CHAR_RE = re.compile(
    r"[^\w\s()\[\]（）【】.,:;!?'\"“”‘’\-–—&+/<>=~≈≤≥±]|[\u2705\u2728\u274c\u2b50\U0001f300-\U0001faff]"
)
# MARKUP_RE in a title, but not the "#" of a name: the counting class "#P" ("#P-hardness"), "C#", "F#"
# (an underscore between two letters or digits is the name's own, "word_piece_v2", "Fast_BERT", as CommonMark reads it)
_TITLE_MARKUP_RE = re.compile(r"[*`]+|(?<![^\W_])_+|_+(?![^\W_])|(?<![A-Za-z])#+(?!P(?![A-Za-z]))")
_OPENING = frozenset("[【(（")  # what LABEL_BRACKET_RE and VENUE_RE start with (after spaces)
_CLOSING = frozenset(")）")  # what CITE_NOTE_RE, CJK_GLOSS_RE and NOTE_TAIL_RE end with (before spaces)
_VERSION_END = frozenset(")）]】")  # VERSION_NOTE_RE's (and CATEGORY_TAIL_RE's)


# The dash before a reading journal's authors ("Title - Ann Lee, Bo Wu", "Title -Ann Lee, et.al", "Title- Ann Lee")
_AUTHORS_DASH_RE = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")
_ONE_NAME_RE = re.compile(r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)(?: (?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)){1,3}")
_NOT_NAME_END_RE = re.compile(r"(?:ing|tion|sion|ment|ness|ity|ics|ers|ure|ance|ence|ogy|ks|ts|ls)\b")


_MARKS_TAIL_RE = re.compile(r"\s+[+*]{2,5}\s*$")
# An em or en dash, then what may be the authors (and year) at the end: "Title — Lee et al., 2017"
_DASH_WHO_TAIL_RE = re.compile(r"(?<=\S)\s+[—–]{1,2}\s+(?P<who>[^—–]{2,80})$")


def _who_and_when(who: str) -> bool:
    """``Lee & Wu, 2016``, ``de Haan et al., 2021``, ``Ghosh et al. (2024)``, ``Brohan et al.``, ``Cuturi, 2013``:
    authors with their year, or several authors (``et al.``, ``&``); not a subtitle (``— A Survey``)."""
    who = who.strip(" .,")
    first = who.split(" ", 1)[0]
    if first in NAME_PARTICLES and " " in who:
        who = who.split(" ", 1)[1]  # "de Haan et al."
    if _NAMES_YEAR_RE.fullmatch(who):
        return True
    several = re.sub(r",?\s+et\.?\s*al\.?$", "", who)
    return several != who and CITE_NAMES_RE.fullmatch(several) is not None and len(several.split()) <= 3


def _without_dash_authors(text: str) -> str:
    """``Title - John M. Lee, Bo Wu``, ``Title -Ann Lee, et.al``, ``Title - Cy Diaz``: the title without the
    authors after its last dash (names only: two or more, or ``et al``, or one person's name of two to four words);
    a subtitle after a dash (``Mamba - Linear-Time Sequence Modeling``) stays."""
    cut = None
    for m in _AUTHORS_DASH_RE.finditer(text):
        cut = m
    if cut is None or len(text[: cut.start()].split()) < 3 or "--" in text[cut.start() - 1 : cut.end() + 1]:
        return text  # ("Title -- The Story Goes On": a subtitle after a doubled dash)
    names = re.sub(r"\bet\.?\s*al\b\.?", "et al", text[cut.end() :].replace("†", "").replace("*", "")).strip(" .,")
    if not names or not _author_list(names):
        return text
    parts = [p for p in AUTHOR_SPLIT_RE.split(names) if p.strip()]
    if any(len(p.split()) < 2 for p in parts):
        return text  # (a person's name has two words or more: "Attention, Memory and Compute" is a subtitle)
    several = len(parts) >= 2 or "et al" in names
    one = len(parts) == 1 and _ONE_NAME_RE.fullmatch(parts[0].strip()) is not None and not _NOT_NAME_END_RE.search(names)
    return text[: cut.start()].rstrip() if several or one else text


_SLASH_RE = re.compile(r"\s+/\s*|(?<=\w)/\s+")  # a field separator: "Title / Authors", "Title /Ann Lee"


def slash_authors(text: str) -> str:
    """``Title / Ann Lee, Bo Wu / ICLR 2017``, ``Title /Ann Lee, Bo Wu``: a reading's fields split by slashes, the
    title, its authors (several, ``et al``, or one name of two to four words before the venue), maybe the venue: the
    title, else ``text``."""
    if "/" not in text:
        return text
    fields = _SLASH_RE.split(text, maxsplit=2)
    if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
        return text
    names = re.sub(r"\bet\.?\s*al\b\.?", "et al", NAME_MARKS_RE.sub(", ", fields[1])).strip(" .,;")
    if not names or any(c.isdigit() for c in names) or ":" in names or not _author_list(names):
        return text
    parts = [p for p in AUTHOR_SPLIT_RE.split(names) if p.strip()]
    if not parts or any(len(p.split()) < 2 for p in parts):
        return text  # ("Input / Output", "Vision / Language Models": no person's names)
    one = len(parts) == 1 and _ONE_NAME_RE.fullmatch(parts[0].strip()) is not None and not _NOT_NAME_END_RE.search(names)
    return fields[0].rstrip() if len(parts) >= 2 or "et al" in names or (one and len(fields) == 3) else text
    # (one name only before a third field, its venue: "Slow Hands / Fast Eyes" is one title)


def _last(text: str) -> str:
    """The last character of ``text`` that is not white space ("" when none)."""
    return text.rstrip()[-1:]


def _opens(text: str) -> bool:
    """``text`` holds an opening bracket, one of ``_OPENING`` (each looked for with ``in``: a set's lookup of each of
    the text's characters takes several times as long)."""
    return "(" in text or "（" in text or "[" in text or "【" in text


def _notes_left(text: str) -> str:
    """``EMPTY_TAIL_RE.sub("", LABEL_BRACKET_RE.sub(" ", text))``, each where it can match."""
    if _opens(text):
        text = LABEL_BRACKET_RE.sub(" ", text)
    return _no_empty_tail(text) if _empty_tail(text) else text


_NO_DECORATION_END = frozenset(")）]】")  # (brackets DECORATION_TAIL_RE's signs leave out: no match of it ends in one)
_TAIL_OPENING = frozenset("|(（[【{")  # (what each of EMPTY_TAIL_RE's brackets starts with)
_TAIL_CLOSING = frozenset(")）]】}")


def _empty_tail(text: str) -> bool:
    """``EMPTY_TAIL_RE`` may match ``text``: it ends in an opening bracket, or in a closing one right after an opening
    one (white space aside): each of the pattern's brackets at its end is one, or an empty pair ("Title ( )"). A text
    that ends in a closing bracket after words ("Title (2024)", "Title（中文）") is not searched."""
    tail = text.rstrip()
    last = tail[-1:]
    return last in _TAIL_OPENING or (last in _TAIL_CLOSING and tail[:-1].rstrip()[-1:] in _TAIL_OPENING)




def _no_empty_tail(text: str) -> str:
    """``EMPTY_TAIL_RE.sub("", text)``, read from the end in one pass: the pattern, tried at each of a long run of
    brackets ("((((…x", "||||…x"), read the run to its end from each, quadratic (seconds for a line of 10,000)."""
    j, found = len(text), False
    while True:  # (each group from the end: spaces, a closing bracket and spaces before it, its opening bracket)
        i = j
        while i and text[i - 1].isspace():
            i -= 1
        if i and text[i - 1] in _TAIL_CLOSING:
            i -= 1
            while i and text[i - 1].isspace():
                i -= 1
        if not i or text[i - 1] not in _TAIL_OPENING:
            break
        j, found = i - 1, True
    if not found:
        return text
    while j and text[j - 1].isspace():
        j -= 1
    return text[:j]


def _given_twice(text: str) -> str:
    """``GPT论文：Title Title``: a title written out, then the same words as its link's text: once,
    without the label before it."""
    if len(text) < 17 or text.find(text[-8:]) == len(text) - 8:
        return text  # (a title given twice ends in eight characters or more that it holds before them too)
    m = TWICE_LEAD_RE.match(text) if ":" in text or "：" in text else None
    rest = text[m.end() :] if m else text
    half = len(rest) // 2
    if len(rest) >= 17 and rest[half] == " " and rest[:half] == rest[half + 1 :]:
        return rest[:half]
    return text


PLURAL_CAPS_RE = re.compile(r"[A-Z]{2,}s")  # "LLMs", "GANs": a plural, no name a note could spell out


def _drop_note(text: str) -> str:
    """``Title (GPT-3)``, ``Title (InstructGPT / RLHF)``, ``Title (Domain Tool)``: a note after a title, not part
    of it; but an acronym of the words right before it is (``Decentralized Finance (DeFi)``), and so is what
    spells out an acronym before it (``using SLIP (SAM+CLIP)``) or an edition (``Recap (2022 Edition)``)."""
    m = NOTE_TAIL_RE.search(text) if _last(text) in _CLOSING else None
    if m is None or len(m.group("note").split()) > 4:
        return text
    before = text[: m.start()].split()
    if len(before) < 2 and not (before and text[m.start()] == " " and len(before[0]) >= 3 and not _is_label(before[0])):
        return text  # (one name of three letters or more and its note, apart: "DeepSeekMath (GRPO)", "MM1 (Apple)";
        # not "GPT-4V(ision)")
    if text[m.start()] == "(" and not text[m.start() - 1].isspace() and _ARGUMENT_RE.fullmatch(m.group("note")):
        return text  # (an argument written onto the word before it, "ζ(3)", "SU(2)": the title's maths, no note)
    if YEAR_IN_RE.search(m.group("note")) or DOTTED_VERSION_RE.fullmatch(m.group("note").strip()):
        return text  # (a release the title names, "(V1.0)", is part of it; a digest's "(v2)" is not)
    note = m.group("note").strip()
    if note[:1] == "@":
        return text[: m.start()]  # "Title(@MIT etc)", "TITLE IN CAPITALS(@org)": who made it, never its words
    if text[m.start()] in "(（" and note.isalpha() and note.islower() and before and re.search(r"[A-Z].*[0-9]|[0-9].*[A-Z]", before[-1]):
        return text  # a model's name with a part glued to it, "GPT-4V(vision)", "GPT-4V(ision)": its words, no note
    if note[1:].islower() and note.endswith("ly") and len(note) >= 5:
        return text  # an adverb the title ends on, "How to Train X (Effectively)": its words, not a note on it
    if before and before[-1].casefold() in OPEN_END_WORDS:
        return text  # the title goes on in it, "Learning to (Learn at Test Time)": no title ends on "to"
    caps = "".join(c for c in m.group("note") if c.isupper())
    words = re.split(r"[\s\-]+", text[: m.start()].strip())
    last = words[-1]
    if sum(c.isupper() for c in last) >= 2 and sum(c.isupper() for c in last) * 2 >= len(last) and (
        len(re.split(r"[\s+/&,]+", m.group("note").strip())) >= 2 or text[m.start()] in "(（"
    ) and not PLURAL_CAPS_RE.fullmatch(last):  # ("SLIP (SAM+CLIP)", "DPLL(T)"; not one name apart: "LLMs (QLoRA)", nor
        # two after a plural, a kind of thing, not a name: "LLMs (BEAM & LIGHT)")
        return text  # (it spells out the acronym before it)
    if len(caps) >= 2 and len(caps) <= len(words) and "".join(w[:1] for w in words[-len(caps) :]).upper() == caps:
        return text  # (the title's own acronym)
    if len(caps) >= 3 and caps[-1] == "S" and words[-1][-1:] == "s" and len(caps) - 1 <= len(words) and (
        "".join(w[:1] for w in words[1 - len(caps) :]).upper() == caps[:-1]
    ):
        return text  # (its plural in capitals: "Gaussian Error Linear Units (GELUS)")
    if _ACRONYM_NOTE_RE.fullmatch(note) and _spelled_by(note.rstrip("s"), before):
        return text  # (an acronym of the words right before it, a word's inner letters in it too: "Variational
        # Autoencoders (VAEs)", "Low-Rank Adaptation (LORA)")
    if len(before) >= 3 and _NICKNAME_NOTE_RE.fullmatch(note) and not _CITE_KEY_RE.fullmatch(note) and (
        text[: m.start()].rstrip()[-1:] not in ":："
    ):
        return text  # a full title, then the name of its model or method as written (" … Networks (CompGCN)",
        # " … Pretraining (DRAGON)", " … Detectors (YOLOv7)"): the labels keep it (not an org, "(Riverco)")
    return text[: m.start()]


_ARGUMENT_RE = re.compile(r"[0-9]{1,3}|[A-Za-z][0-9]?")  # "ζ(3)", "SU(2)", "f(x)", "O(n)": a function's argument
# A model's or method's name: capitals with digits or hyphens ("DRAGON", "C2RAG", "CTRL-PG"), or a word with capitals
# inside it ("CompGCN", "AgentFlow", "YOLOv7", "Self-MM")
_NICKNAME_NOTE_RE = re.compile(r"[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*|[A-Z][\w]*(?:[a-z][A-Z]|[A-Za-z][0-9]|-[A-Z])[\w\-]*")
_CITE_KEY_RE = re.compile(r"[A-Z][a-z]+[0-9]{2}")  # "(Lakes22)": a registry's citation key, not a name
_ACRONYM_NOTE_RE = re.compile(r"[A-Z]{2,8}s?")  # "AROW", "VAEs": capitals only, perhaps a plural's "s"


def _spelled_by(acronym: str, words: list[str]) -> bool:
    """``acronym`` is spelled by the last two or more of ``words``, in order, each giving its initial and perhaps
    more of its letters after it (``Autoencoders`` gives ``AE``)."""
    letters = acronym.lower()
    split = [p.lower() for w in words for p in re.split(r"[-–]", w) if p[:1].isalpha()]
    whole = [w.lower() for w in words if w[:1].isalpha()]  # (a hyphened word as one: "X-Ray" gives the X of "IXPE")
    return _spelled_from(letters, split) or (whole != split and _spelled_from(letters, whole))


def _spelled_from(letters: str, parts: list[str]) -> bool:
    """``letters`` spelled by the last two or more of ``parts`` (see :func:`_spelled_by`)."""

    def match(i: int, k: int, used: int) -> bool:  # letters[k:] from parts[i:], parts used so far
        if k == len(letters):
            return used >= 2 and i == len(parts)
        if i == len(parts) or parts[i][0] != letters[k]:
            return False
        word, j, k = parts[i], 1, k + 1
        while True:  # (this word's initial, then as many of its inner letters as the rest leaves to the next words)
            if match(i + 1, k, used + 1):
                return True
            at = word.find(letters[k], j) if k < len(letters) else -1
            if at < 0:
                return False
            j, k = at + 1, k + 1
            if k == len(letters):
                return used + 1 >= 2 and i + 1 == len(parts)

    return any(match(i, 0, 0) for i in range(len(parts)) if len(parts) - i <= 12)


# "ZFNet(Visualizing and Understanding Convolutional Networks)", "GoogLeNet, Inceptionv1(Going deeper with convolutions)":
# a model's name (or two), then the paper's full title in brackets right after it
_NAMED_TITLE_RE = re.compile(r"(?P<names>[A-Za-z][^()（）]{0,48}?) ?[(（](?P<title>[A-Za-z][^()（）]{8,250})[)）]")
_CITED_YEAR_RE = re.compile(r"[,;]\s*(?:19|20)[0-9]{2}[a-z]?\s*$")  # "(Devlin et al., 2019)": a citation
_NAME_SPLIT_RE = re.compile(r"\s*[,，/、]\s*")


def named_title(text: str) -> str:
    """``Nick(Full title of the paper)``: a name (or two, ``A, B(Title)``) a reader knows the paper by, with its title in
    brackets right after it, the bracket more words than the name: the bracketed title, else "" (a note after a
    title, ``Title (v2)``, ``DeepSeekMath (GRPO)``, or a citation, ``BERT (Devlin et al., 2019)``, is no title)."""
    m = _NAMED_TITLE_RE.fullmatch(text.strip()) if text.rstrip()[-1:] in _CLOSING else None
    if m is None:
        return ""
    names = [n for n in _NAME_SPLIT_RE.split(m.group("names").strip()) if n]
    title = m.group("title").strip()
    words = [w for w in re.split(r"[\s\-‐]+", title) if w]  # ("Squeeze-and-Excitation Networks": four words)
    if not names or len(names) > 3 or any(
        len(n.split()) > 3 or not all(w[:1].isupper() or any(c.isdigit() for c in w) for w in n.split()) for n in names
    ):
        return ""  # (each name a few capitalised words: "MobileViT V2", "NASNet-A")
    if len(words) < 3 or len(words) <= len(m.group("names").split()) or not _title_like(title.rstrip("?")) or (
        not title[:1].isupper()  # (a description: "Name (cost optimization for X)")
    ):
        return ""
    if _CITED_YEAR_RE.search(title) or " et al" in title or CITED_NOTE_BODY_RE.fullmatch(title) or _latin_share(title) < 0.8 or (
        "," in title and _author_list(title)
    ):
        return ""
    return title


def citation_title(text: str) -> str:
    """The title inside a reference written as a citation, or "" when ``text`` is not one:
    ``Lee, A., & Wu, B. (2018). Title. Venue``, ``Ann Lee, Bo Wu. "Title." Venue``,
    ``Ann Lee, Bo Wu, Title, in Proceedings of …``, ``Ann Lee and Bo Wu, Title, JMLR 2020.``;
    a field's name before it ("Required Reading: …") is not part of it."""
    if len(text) < 32 or text.count(" ") < 5 or not ("," in text or " and " in text or "&" in text or " et al" in text):
        return ""  # (two authors and a title of two words at the least)
    text = text.strip()
    title = _cited(text) or _names_comma_title(text)
    if not title and (m := FIELD_NAME_RE.match(text)) and _PLAIN_NAME_RE.fullmatch(m.group().strip(" :：")):
        title = _cited(text[m.end() :])  # (not a model's name, "M3-Bench: Multi-Modal, Multi-Hop, …": the title's own)
    return title


_SCHEDULE_TAGS_RE = re.compile(r"(?:\[[0-9]{1,2}/[0-9]{1,2}\]\s*|\([^()]{1,30}\)\s+)+")  # "[1/14] (Topic) "
_CITED_NAME_RE = re.compile(r"[A-Z][\w'’\-]*\.?(?:\s+(?:(?:van|von|de|der|la|le|da|di|del)\s+)?[A-Z][\w'’\-]*\.?){1,3}")
# Where the title ends: a full stop (not an initial's), or its venue and year after a comma ("…, NeurIPS, 2019.").
# (Each alternative starts with its sign, the initial looked for behind the stop once it is found: a pattern led by
# a look-behind is tried at every character, ten times slower on a line.)
_NAMES_TITLE_END_RE = re.compile(r"\.(?<!\b[A-Z]\.)(?:\s+|$)|,\s+(?:[A-Z][\w&\-']*,?\s+){0,3}(?:19|20)[0-9]{2}\b")


def _names_comma_title(text: str) -> str:
    """``[1/14] Ann Lee, Bo Wu, Cy Diaz, Title of the Paper. WWW 2020.``, ``Ann Lee, Bo Wu, Title, NeurIPS 2018.``:
    full names, each its own comma's segment, then the title (its own commas too) up to its full stop or its venue and
    year; a schedule's date tag and a parenthesised note before the names are neither. The title, else ""."""
    text = text[m.end() :] if text[:1] in "[(" and (m := _SCHEDULE_TAGS_RE.match(text)) else text
    end = _NAMES_TITLE_END_RE.search(text)
    if end is None or not YEAR_IN_RE.search(text, end.start()):
        return ""  # (a citation gives its venue's year after the title)
    parts = text[: end.start()].split(", ")
    names = 0
    while names < len(parts) - 1 and _CITED_NAME_RE.fullmatch(parts[names].strip()):
        names += 1
    title = ", ".join(parts[names:]).strip()
    if names < 2 or len(title.split()) < 2 or not _title_like(title.rstrip("?")) or (
        _author_list(title) and (len(title.split()) <= 2 or "." in title)  # (a last name, "Cy Diaz", "Bo T. Wu")
    ):
        return ""
    return title


_PLAIN_NAME_RE = re.compile(r"[A-Z][a-z]+(?:[ -][A-Za-z][a-z]*)*")  # a field's name: plain words ("Required Reading")


# Where a sentence ends in a citation: a full stop not after an initial ("Ann B. Lee" goes on; the stop found first,
# then the initial looked for behind it, as in _NAMES_TITLE_END_RE)
_SENTENCE_STOP_RE = re.compile(r"\.(?<!\b[A-Z]\.)\s+(?=\S)")


def _authors_sentence(text: str) -> bool:
    """``text`` (what follows a citation's title) starts with its authors' names as a sentence of their own, then a
    venue with its year: ``Ann Lee, Bo T. Wu, Cy Diaz. NIPS 1989.``."""
    stop = _SENTENCE_STOP_RE.search(text)
    names = text[: stop.start()] if stop else ""
    return bool(names) and ("," in names or " and " in names) and _author_list(names) and all(
        len(p.split()) >= 2 for p in AUTHOR_SPLIT_RE.split(names) if p.strip()  # (full names: "Ann Lee", "Lee A")
    ) and (YEAR_IN_RE.search(text, stop.end()) is not None if stop else False)


def _title_first(text: str) -> str:
    """A citation that starts with its title, its authors' names after it as a sentence, then its venue and year
    (``Optimal Pruning of Nets. Ann Lee, Bo Wu, Cy Diaz. NIPS 1989.``, ``“Title.” Ann Lee, Bo Wu. Venue 2018``):
    the title, else ""."""
    q = CITE_QUOTED_RE.match(text)
    if q is not None:
        return q.group("title").strip(" ,.") if _authors_sentence(text[q.end() :].lstrip(" ,.")) else ""
    stop = _SENTENCE_STOP_RE.search(text)
    if stop is None or not 2 <= len(text[: stop.start()].split()) <= 30:
        return ""
    title = text[: stop.start()].strip()
    if YEAR_IN_RE.search(title):
        return ""  # ("Lee, A. (2018). Title. …": its authors and year come first)
    return title if _authors_sentence(text[stop.end() :]) and _title_like(title.rstrip("?")) and not ("," in title and _author_list(title)) else ""


def _cited(text: str) -> str:
    if title := _title_first(text):
        return title
    q = CITE_QUOTED_RE.search(text)
    if q and (before := text[: q.start()].split()) and before[-1].isalpha() and before[-1].islower() and (
        text[q.end() :].lstrip()[:1].isalpha()
    ):
        q = None  # ('Escaping the "Smoothing Trap" via …': a phrase the title quotes, between its words; a
        # citation's quoted title follows a name, a year or a stop: 'Lee, Wu. "Title."', 'Lee et al. "Title"')
    if q and q.start() > 0 and UPPER_RE.search(text[: q.start()]) and (
        len(q.group("title").split()) >= 3 or (len(q.group("title").split()) == 2 and (
            text[q.end() - 2] in ",." or text[q.end() : q.end() + 1] in (",", ".")
        ))
    ):  # (two words, closed as a citation closes its title: '"Memory networks."', '“Cosmic Dynamics”, Venue')
        return q.group("title").strip(" ,.")  # (quotes mark the title whatever is around it)
    y = CITE_YEAR_RE.search(text)
    if h := HARVARD_LEAD_RE.match(text):
        rest = text[h.end() :]  # "Lee, A.B., Wu, C. and Diaz, E., 2029. Title. Venue": initials after each name
    elif c := CITATION_LEAD_RE.match(text):
        rest = text[c.end() :]  # "Lee, Wu, Ito 2019: Title": the names and the year before it
    elif y and 0 < y.start() <= 200 and CITE_NAMES_RE.fullmatch(text[: y.start()]):
        rest = text[y.end() :]
    elif (a := DBLP_AUTHORS_RE.match(text)) and DBLP_VENUE_RE.search(text, a.end()):
        rest = text[a.end() :]  # "Ann Lee, Bo Wu: Title. SODA 2010." (its venue after a full stop: not "A, B: Title, V 2031")
    elif a := CITE_AUTHORS_RE.match(text):
        rest = text[a.end() :]
        if not YEAR_IN_RE.search(rest) and "arXiv" not in rest and "Proc" not in rest:
            return ""  # (names, then no year, venue or arXiv number: "More Data, More Relations, More Context…")
    else:
        return ""
    end = CITE_END_RE.search(rest)
    title = (rest[: end.start()] if end else rest).strip(" ,.;")
    if len(title.split()) <= 3 and VENUE_YEAR_RE.match(title):
        return ""  # (a venue is no title: "Name: Words and Words, CVPR 2025" is a title and its venue, not a citation)
    if len(title) <= 100 and title[-1:] in "0123456789)）" and _NAMES_YEAR_RE.fullmatch(title):
        return ""  # (who and when is no title: "Title Words and More Words, Lee et al, 2016": the title came first)
    if " et" in title and len(title) <= 100 and CITE_NAMES_RE.fullmatch(title):
        return ""  # (nor who alone: "Title Words and More Words, Lee et al. 2016", the year cut at "al. ")
    return title if len(title.split()) >= 2 and _title_like(title.rstrip("?")) else ""


_HARVARD_SURNAME = r"(?:(?:de|van|von|der|la|le|da|di|del)\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?"
_HARVARD_NAME = rf"{_HARVARD_SURNAME},\s*[A-Z]\.(?:\s?-?[A-Z]\.)*"  # "Efros, A.A.", "Cohen-Or, D.", "Lee, A. B."
# A Harvard reference's authors, each surname and initials, and its year after a comma: "Lee, A.B., Wu, C. and Diaz,
# E., 2029. " before the title (each name a fixed run of tokens, the separators between them plain: linear)
HARVARD_LEAD_RE = re.compile(
    rf"{_HARVARD_NAME}(?:,\s+{_HARVARD_NAME})*(?:,?\s+(?:and|&)\s+{_HARVARD_NAME})?,\s+(?:19|20)[0-9]{{2}}[a-z]?\.\s+(?=[A-Z0-9])"
)
_NAMES_YEAR_RE = re.compile(rf"(?:{CITE_NAMES_RE.pattern})[(（]?(?:19|20)[0-9]{{2}}[a-z]?[)）]?")  # "Lee et al, 2016"


_NICK_LEAD_RE = re.compile(r"[A-Za-z][\w.+\-]*(?: [\w.+\-]+)?")  # ("fastText", "GPT-3", "Llama 2": a name, a word or two)


def emphasised_title(text: str, emph: str) -> str:
    """A citation's title set in bold or italics, between its authors or its id and its venue or authors
    (``Ann Lee, Bo Wu, **Title**, ICML 2024``, ``Nick: 2101.00001. **Title**. Ann Lee et al``): that span,
    else ""."""
    at = text.find(emph) if len(emph.split()) >= 2 else -1
    if at <= 0 or AUTHOR_YEAR_RE.fullmatch(emph.strip(" ,.;()")) or _dated_names(emph) or _who_and_when(emph):
        return ""  # ("Title — *Cohen & Welling, 2016*": the citation in italics is who and when, not the title)
    before = text[:at].strip(" ,.;:|-–—*")
    if DATE_TAG_RE.fullmatch(before):
        return emph.strip(" ,.;:")  # "[2023/10] **Title** *Authors et al. arXiv.*": a list's date tag, then the title
    if before[-1:] in "])）】" and (m := CITE_TAG_END_RE.search(before)) and len(before[: m.start()].split()) <= 3:
        return emph.strip(" ,.;:")  # "`NAME` [Lee et al., Proc. ICML 2023] **Title** [[PDF]](…)"
    after = text[at + len(emph) :].lstrip()
    if after[:1] in (":", "：") and URL_RE.fullmatch(after[1:].strip().rstrip(".")):
        after = ""  # "Lee and Wu, _Title_: URL": the title, then the colon that gives its link
    if after[:1] not in ("", ",", ".", ";", "|", "(", "[", "，", "。", "（", "/") and not VENUE_YEAR_RE.match(after) and (
        emph.rstrip()[-1:] not in (",", ";") or len(emph.split()) < 3
    ):
        return ""  # (the emphasis is part of a sentence, not a segment of a citation; "*Title* ITP 2021", its venue
        # and year right after it, wrapped onto the next line without a full stop, is one; so is "*Title,* Phys. Lett.
        # B 648 (2007)", the comma that ends the segment set in italics with it)
    if text[:at].rstrip(" *_").endswith((":", "：")) and len(before.split()) <= 2 and after[:1] in (",", ".") and (
        _NICK_LEAD_RE.fullmatch(before)
    ):
        return emph.strip(" ,.;:")  # "fastText: **Title**, _Joulin et al._, arxiv 2016": a name the paper goes by
    names = before.replace("[[", "").replace("]]", "")  # ("[[Ann Lee]], [[Bo Wu]], _Title_": a wiki's names)
    if _author_list(names) or normalize(before) is not None or (len(before) <= 60 and BARE_ID_RE.search(before)):
        return emph.strip(" ,.;:")
    return ""


def _author_list(text: str) -> bool:
    """``Ann Lee, Bo T.Q. Wu and Cy van Diaz`` / ``Lee, A., & Wu, B.``: names only."""
    parts = [p for p in AUTHOR_SPLIT_RE.split(text) if p]
    return bool(parts) and len(parts) <= 40 and all(
        len(words := p.split()) <= 5
        and all(w[:1].isupper() or NAME_PARTICLE_RE.split(w, 1)[0] in NAME_PARTICLES for w in words)  # ("van't")
        for p in parts
    )


def quoted_title(text: str) -> str:
    """``Authors, "Title" (2024)``, ``Lee et. al. "Title" (2019)``: the quoted title, else ""."""
    if '"' not in text and "“" not in text:
        return ""
    q = QUOTED_TITLE_RE.match(text)
    if q and UPPER_RE.search(q.group("pre")) and len(q.group("title").split()) >= 2:
        return q.group("title")
    q = AUTHORS_QUOTE_RE.match(text)
    if q and (q.group("more") or q.group("year")) and len(q.group("title").split()) >= 2:
        return q.group("title")
    q = LEAD_QUOTED_RE.match(text)
    if q and len(q.group("title").split()) >= 3 and UPPER_RE.search(text[q.end() :]):
        return q.group("title")
    return ""


# A dash between a title and its authors: "Title - Ann Lee", "Title -Ann Lee", "Title- Ann Lee" (not "X-Y", a word's own).
DASH_BEFORE_NAMES_RE = re.compile(
    r"\s+[-–—]\s*(?=[A-Z]|(?:van|von|de|der|den|di|da|du|le|la)\s+[A-Z])|(?<=[a-z])[-–—]\s+(?=[A-Z])"
)  # (a name may start with its particle: "Title — de Haan et al., 2021")
ET_AL_TAIL_RE = re.compile(r"[\s,]*(?:et\.?\s*al\.?|\.\.\.|…)[\s.,]*$")
SUBTITLE_LEADS = frozenset({"A", "An", "The", "Part", "On", "Towards", "Toward", "Beyond", "From", "When", "Why", "How"})
YEAR_TAIL_RE = re.compile(r"[,\s]*[(（]?(?:19|20)[0-9]{2}[a-z]?[)）]?\.?$")
NAME_MARKS_RE = re.compile(r"\s*[†‡∗*]\s*")  # affiliation marks between names ("Ann Lee† Bo Wu")


# After such a dash, authors named in CJK script with the word for "et al." (and perhaps the venue and date after
# them): "Title - 山田ら、NeurIPS 2029、2029年3月", "Title - 박지민 외, ACL 2029", "Title — 王伟等"
_CJK_NAME = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af·・]{0,9}"
CJK_DASH_AUTHORS_RE = re.compile(
    rf"\s+[-–—]\s*{_CJK_NAME}(?:\s*[,，、]\s*{_CJK_NAME}){{0,8}}\s*(?:외|ら|他|ほか|等人|等)(?:\s*[,，、].{{0,80}})?$"
)


DASHES_READ = 32  # the dashes of a line tried as the one before its authors: a title has a few ("Title - Sub - Ann
# Lee"); a line of thousands ("Ab - Ab - …") read the rest after each of them (quadratic: 224 s at 0.1 MB)


def _dash_authors(text: str) -> str:
    """``Title - Ann Lee, Bo Wu & Cy Diaz``, ``Title -Ann Lee, et.al.``, ``Title- Ann Lee``, ``Title - Ann Lee``: the
    title before the dash that leads its list of authors (a reading journal's ``- Title - Authors`` bullets), else
    ``text``. One name alone is its authors only after a title of four words or more, and in two or three words."""
    if "-" not in text and "–" not in text and "—" not in text:
        return text
    if (m := CJK_DASH_AUTHORS_RE.search(text)) and len(text[: m.start()].split()) >= 2:
        return text[: m.start()].rstrip()  # ("Title - 山田ら、NeurIPS 2029": its authors in Japanese, then the venue)
    for m in islice(DASH_BEFORE_NAMES_RE.finditer(text), DASHES_READ):  # (each dash reads the rest of the line)
        before = text[: m.start()].rstrip()
        if not before or " et al" in before or YEAR_IN_RE.search(before) or (
            len(before.split()) < 2 and not YEAR_TAIL_RE.search(text)
        ):
            continue  # (not "Lee et al. (2021) — RoPE": the authors come first there)
        whole = text[m.end() :].strip()
        rest = YEAR_TAIL_RE.sub("", whole)  # ("Title — Cohen & Welling, 2016": its year too)
        names = ET_AL_TAIL_RE.sub("", rest)
        many = names != rest or rest != whole  # (a year after one name, "FFJORD — Grathwohl, 2019": a citation)
        names = NAME_MARKS_RE.sub(", ", names).strip(" ,.;")
        if not names or any(c.isdigit() for c in names) or ":" in names or not _author_list(names):
            continue
        parts = [p for p in AUTHOR_SPLIT_RE.split(names) if p]
        if rest == whole and any(len(p.split()) < 2 for p in parts[:-1] or parts):
            continue  # (without a year each name is whole, "Ann Lee" or "L Henderson", but a last one the line cut
            # short: "Theory and Practice" is no list)
        if many or len(parts) >= 2 or (len(before.split()) >= 4 and 2 <= len(parts[0].split()) <= 3 and (
            parts[0].split()[0] not in SUBTITLE_LEADS  # ("Title - A Survey", "Title - Part Two": a subtitle, no name)
        )):
            return before
    return text


def _dated_names(text: str) -> bool:
    """``de Haan et al., 2021``, ``Cuturi, 2013``: names and a year, a citation's who and when."""
    text = text.strip(" ,.;()")
    names = YEAR_TAIL_RE.sub("", text)
    if names == text:
        return False
    names = ET_AL_TAIL_RE.sub("", names).strip(" ,.;")
    return bool(names) and not any(c.isdigit() for c in names) and _author_list(names)


def _strip_authors(text: str) -> str:
    """``Title (2023) by Smith et al.``, ``Title by A, B, and C``, ``Authors, "Title" (2024)``: the title."""
    text = text.rstrip(" ,.;:：")
    if (")" in text or " et al" in text or ", " in text) and (m := AUTHOR_YEAR_DASH_RE.match(text)):
        text = text[m.end() :]  # "Lee et al. (2021) — RoPE"
    text = slash_authors(_dash_authors(text))
    if quoted := quoted_title(text):
        return quoted
    by, paren = " by " in text, "(" in text or "（" in text
    if not (by or paren or ". " in text or ", " in text):
        return text  # (each pattern only where its words are: most titles have none of them)
    closed = paren and _ends_in_bracket(text)  # (AUTHOR_CUTS[4] ends so, and BY_RE's one form without a comma)
    needs = (by and _bracket_after_by(text), by, paren, ". " in text, closed, closed or ", " in text or (paren and "," in text))
    cuts = [
        m.start() for rx, needed in zip((*AUTHOR_CUTS, BY_RE), needs)
        if needed and (m := rx.search(text)) and m.start() > 8
        and not (rx is BY_RE and text[m.start()] == "," and (
            _SUBTITLE_RE.search(text, m.end()) or _listing_subtitle(text, m.start())
        ))
    ]  # (no list of authors goes on to a subtitle: "More Data, More Relations, …: A Review and Outlook" is one title)
    return text[: min(cuts)] if cuts else text


def _ends_in_bracket(text: str) -> bool:
    """``text`` ends in a closing bracket, perhaps with white space and a comma or full stop after it: what the author
    cuts that end in a bracket before ``$`` need (``AUTHOR_CUTS[4]``, ``BY_RE``'s first form: ``[)）]\\s*[,.]?\\s*$``;
    its other forms need a comma); a text without it is not searched for them (str.isspace is re's \\s)."""
    return text.rstrip().rstrip(",.").rstrip()[-1:] in (")", "）")


def _bracket_after_by(text: str) -> bool:
    """An opening bracket stands after the first "by" of ``text``: what ``AUTHOR_CUTS[0]`` needs ("by", the names,
    then the date in brackets); a text without one is not searched for it."""
    return max(text.rfind("("), text.rfind("（")) > text.find("by")


def _listing_subtitle(text: str, cut: int) -> bool:
    """The comma at ``cut`` follows the first word of a subtitle: what comes after it lists the subtitle's
    topics (``Title: Circuits, Sparse Features and Symbolic Reasoning``), not its authors."""
    colon = max(text.rfind(": ", 0, cut), text.rfind("：", 0, cut))
    return colon > 0 and len(text[colon + 1 : cut].split()) == 1


# A thesis's kind after its title, perhaps with its author's name: ", Ann Lee PhD Thesis", " - PhD thesis",
# ", Ann B. Lee, doctoral dissertation"
THESIS_TAIL_RE = re.compile(
    r"(?:\s*,\s*[A-Z][\w'’\-]*\.?(?:\s+[A-Z][\w'’\-]*\.?){1,3},?|\s*[,\-–—])\s+"
    r"(?i:PhD|Ph\.\s?D\.?|doctoral|master'?s|MSc|M\.Sc\.)\s+(?i:thesis|dissertation)$"
)  # (the names in capitals: "… notes on writing a PhD thesis" is a title)
CREDIT_TAIL_RE = re.compile(
    r"\s+(?:introduced|presented|proposed|released|developed|published|unveiled)\s+by\s+[^,;:()\[\]]{2,60}$", re.IGNORECASE
)
_SUBTITLE_RE = re.compile(r"[:：]\s+[A-Z]")
DOTTED_VERSION_RE = re.compile(r"[vV][0-9]+\.[0-9]+(?:\.[0-9]+)?")
COUNTER_LEAD_RE = re.compile(r"^[(（]\s*[0-9]{1,3}\s*[)）]\s*(?=\S)")
# A citation in brackets that ends what stands before a title, its authors or venue and its year:
# "[Lee et al., Proc. ICML 2023]", "(Wu and Kim, Arxiv 2022)".
CITE_TAG_END_RE = re.compile(r"[\[(（【][^\[\]()（）【】]{0,80}?(?<![0-9])(?:19|20)[0-9]{2}[^\[\]()（）【】0-9]{0,6}[\])）】]$")
DATE_TAG_RE = re.compile(r"[\[(（【]\s*(?:19|20)[0-9]{2}(?:\s*[/.\-]\s*[0-9]{1,2}){0,2}\s*[\])）】]")  # "[2023/10]"
TAG_TAIL_RE = re.compile(r"(?<=\S)(?:\s*\[(?![A-Za-z]\])[^\[\]\s][^\[\]]{0,23}\])+$")  # (not one letter: a
# variable, the title's maths, "R[x]", "sl(1,2)[t]")
PLAIN_WORD_RE = re.compile(r"[A-Za-z][a-z]*(?: [a-z]+)?")  # "Keywords", "Code", "Related work": a field's name
NAME_WORD_RE = re.compile(r"\w+(?:[-'.]\w+)*")
FIELD_KEY_RE = re.compile(r"^\s*(?P<key>[^\s:：][^:：]{0,15}?)\s*[:：]\s+")  # "概念: …", "Code: …", "FLOW: …"


def plain_field(text: str) -> bool:
    """``Concept: Gradients``, ``Implementation: a small model``: a field named by a plain word, not a title that
    starts with a name (``FLOW: …``)."""
    field = FIELD_KEY_RE.match(text)
    return field is not None and PLAIN_WORD_RE.fullmatch(field.group("key")) is not None


_WHO_WHEN_NOTE_RE = re.compile(r"\s*[(（][^()（）]{0,60}?(?:19|20)[0-9]{2}[a-z]?\s*[)）]\s*$")


def nickname(head: str) -> str:
    """A heading that is a paper's nickname ("DETR", "SAS-Det", "TinySeg-重点", "fuyu-8b 重点", "Open Vocabulary
    Segmenter"): its Latin words before a Chinese tag, at most four, no "Name: subtitle"; else ""."""
    if len(head) > 80 or (": " in head and CJK_RE.search(head) is None):
        return ""  # (a title, not a name: most headings, looked at without cleaning them)
    if head.rstrip()[-1:] in ")）" and (m := _WHO_WHEN_NOTE_RE.search(head)) and m.start() > 0:
        head = head[: m.start()]  # "Diffusion Policy (Chi et al., RSS 2023)", "EvoVLA (2025)": who and when, no part of it
    head = _clean_title(head)  # ("YOLOZ (ECCV 2030)": its venue is no part of it)
    at = CJK_RE.search(head)
    nick = (head[: at.start()] if at else head).strip(" -–—·|:：()（）[]【】")
    words = nick.split()
    if not words or len(words) > 4 or len(nick) > 40 or ": " in nick or _latin_share(nick) < 0.8:
        return ""
    return nick


def _title_case(words: list[str]) -> bool:
    """Most words of four letters or more start with a capital ("Sparse Keypoints Are Enough for Open-Set
    Detection", "PINK: UNVEILING THE POWER OF …"): a title, not a sentence of notes."""
    long = [w for w in words if len(w) >= 4 and (w.isalpha() or sum(map(str.isalpha, w)) >= 4)]  # (a word all
    # letters has as many as its length; a shorter one has fewer than four: the count only for the others)
    if not long:
        return False
    limit = 0.7 * len(long)
    lower = 0  # (long words so far that do not start with a capital)
    for w in long:
        if not w.lstrip("\"'“‘([").strip()[:1].isupper():
            lower += 1
            if len(long) - lower < limit:
                return False  # (too few words left to reach the capitals' share: a line of prose stops early)
    return True


def nickname_title(nick: str, text: str) -> tuple[int, str]:
    """Whether a line under a heading that is only a paper's nickname gives its full title: (2, title) when the line
    holds the nickname and more ("FLOW: Fast Learned Optical Warping …", "Diffusion Model is Secretly a … Open
    Vocabulary Semantic Segmenter"), (1, title) for a line that is an English title of four words or more in title
    case ("Sparse Keypoints Are Enough for Open-Set Detection"), else (0, ""); 3 instead of 2 when the line starts
    with the nickname ("FLOW: …"). A label before it ("Title:", "论文题目：")
    and a Chinese gloss after it are not part of it."""
    m = TITLE_PREFIX_RE.match(text)
    text = text[m.end() :] if m else text
    field = FIELD_KEY_RE.match(text)
    if field and _key(field.group("key")) != _key(nick) and PLAIN_WORD_RE.fullmatch(field.group("key")):
        return 0, ""  # "Keywords: …", "Venue: …": a field of the paper, not its title ("Nick: …", "VGDiff: …" are)
    at = CJK_RE.search(text)
    if at and at.start() == 0:
        return 0, ""  # a note in Chinese
    if at:  # "Shikra: Unleashing … Magic 解锁多模态…": the English title, its gloss after it
        text = text[: at.start()]
    title = _clean_title(text)
    words = title.split()
    if len(words) < 2 or not _title_like(title.rstrip("?？!！")) or title[-1:] == "." or len(title) > 250:
        return 0, ""
    if _latin_share(title) < 0.8 or URL_RE.search(title) or normalize(title) is not None or "…" in title:
        return 0, ""
    if title.count(",") >= 3 or " et al" in title or ("," in title and AUTHOR_LINE_RE.match(title)):
        return 0, ""  # (authors, a citation: "Wei et al. (2022) — Chain-of-Thought")
    nick_words, title_words = NAME_WORD_RE.findall(nick.casefold()), NAME_WORD_RE.findall(title.casefold())
    n = len(nick_words)
    where = next((i for i in range(len(title_words) - n + 1) if title_words[i : i + n] == nick_words), -1) if n else -1
    if where >= 0 and len(title_words) > n and (where == 0 or n >= 2 or _title_case(words)) and (
        where > 0 or title_words[n][:1].isalpha()  # (not a note after the name: "Lantern 120 stars", "LLaMA 3")
    ) and not (0 < where <= 2 and where + n == len(title_words)):  # ("Implementation of SimPO": a phrase about it)
        return 3 if where == 0 else 2, title  # (its words, whole: "DETRs with …" does not name "DETR", nor "Prompting" "Prompt")
    if len(words) >= 4 and len(nick.split()) <= 2 and _title_case(words):
        return 1, title
    names = [w for w in nick_words if len(w) > 2]  # ("Diffusion vs GANs" over "Diffusion Models Beat GANs on …")
    if len(names) >= 2 and len(words) >= 4 and _title_case(words) and set(names) <= set(title_words):
        return 1, title
    return 0, ""


@lru_cache(maxsize=ARTICLE_CACHE)
def _good_link_text(text: str) -> bool:
    t = text.strip()
    return (
        len(t) >= 4 and not _is_label(t) and not URL_RE.match(t) and normalize(t) is None
        and _title_like(t.rstrip(".?？!！,，")) and (" " in t or len(CJK_RE.findall(t)) >= 4 or len(t) >= 8)
    )


_ASCII_NON_WORD = bytes(c for c in range(128) if not chr(c).isalnum())  # (KEY_RE's characters in ASCII)


@lru_cache(maxsize=ARTICLE_CACHE)
def _key(title: str) -> str:
    if title.isascii():
        return title.lower().encode("ascii").translate(None, _ASCII_NON_WORD).decode("ascii")  # (the same: bytes delete them
        # in one C pass, 5x faster than str.translate's table of deletions)
    return KEY_RE.sub("", title.casefold())


@lru_cache(maxsize=ARTICLE_CACHE)  # (a card's first lines are asked for its title, then read for its summary)
def _summary_text(text: str) -> str:
    """A summary's line without venue tags ("(ICLR 2025)") and not a line of authors ("by A, B")."""
    if _opens(text):
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
