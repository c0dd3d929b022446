"""Reading notes with a heading per paper, the heading a nickname (``## DETR``, ``# SAS-Det``, ``### 3. SimPO``):
what ties such a heading to its paper's title line and link line (used by ``sections.py`` to tell a paper's heading
from a section's; the title itself is chosen in ``papers.py`` with :func:`titles.nickname_title`)."""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import Link, abs_url
from .lines import REPLACE_BUDGET, Line, _field_line, _line, _links_only, _title_like
from .titles import nickname, nickname_title, quoted_title


def _nickname_over_title(lines: list[Line], k: int) -> bool:
    """Heading ``k`` is only a paper's nickname (``# AnomalyGPT``), the first line under it that paper's full title
    (``AnomalyGPT: Detecting …``, see :func:`nickname_title`), and a line of its link right after that; no other
    paper is linked before its first sub-heading: the heading is that paper (not the section of an entry)."""
    head = lines[k]
    if head.block.kind != "heading" or k + 2 >= len(lines):
        return False
    title, link = lines[k + 1], lines[k + 2]
    if title.refs or title.block.kind not in ("para", "item") or not link.refs or link.block.kind == "heading" or not (
        link.label or _links_only(link.block)
    ) or not (nick := nickname(head.bare)):
        return False
    rank, _t = nickname_title(nick, title.bare.replace("**", ""))
    if not rank or (rank < 3 and title.block.strong.strip() == title.block.text.strip()):
        return False  # (a bold title not led by the nickname heads an entry of its own: "# NAS" / "**PA&DA: … NAS**")
    ids: set[str] = set()
    for j in range(k + 1, min(len(lines), k + 40)):
        if lines[j].block.kind == "heading":
            break
        ids.update(a for a, _t in lines[j].refs)
    return len(ids) == 1


def _names(nick: str, line: Line) -> bool:
    """Line ``line`` gives the full title of the paper nicknamed ``nick`` (its words and more: "LORA: Low-Rank …",
    "The Power of Scale for … Prompt Tuning"), as text or link text."""
    b = line.block
    if not nick or b.kind != "para":
        return False  # (a list item "- Ranking: [Title](url)" under "## Ranking" is an entry of that topic)
    rank = nickname_title(nick, line.bare.replace("**", ""))[0]
    return rank == 3 or (rank == 2 and b.strong.strip() != b.text.strip())  # (a bold title heads its own entry)


def _own_link_under(lines: list[Line], j: int) -> bool:
    """Heading ``j`` is right over a line of its paper's link (``[paper](arXiv)``, ``Paper: URL``), or over one line of
    text (its full title) and then that link line."""
    for k in (j + 1, j + 2):
        if k >= len(lines) or lines[k].block.kind == "heading":
            return False
        line = lines[k]
        b = line.block
        if line.refs:
            return b.kind == "para" and (line.label or _links_only(b))
        if b.kind != "para" or not _title_like(line.bare) or _field_line(line) or not (
            b.strong.strip() == b.text.strip() or ((nick := nickname(lines[j].bare)) and nickname_title(nick, line.bare)[0])
        ):
            return False  # (a point, a field, a sentence: "### 2. 评价" / "- 创新性：3/5" / its heading's link)
    return False


FOOTNOTE_DEF_RE = re.compile(r"^\s*\[\^([^\]\s]{1,20})\]:\s*")  # "[^4]: Author. "Title." arXiv preprint arXiv:ID"
FOOTNOTE_MARK_RE = re.compile(r"\[\^([^\]\s]{1,20})\]")  # "[^4]"


def _footnote_of_several(line: Line) -> bool:
    """``[^quartz]: 1 [一篇综述](arXiv)，2 [另一篇](arXiv)``: a footnote that cites two papers or more, the works a
    listed item mentions in passing (the papers it talks of), none of them listed."""
    return len({a for a, _t in line.refs}) >= 2 and FOOTNOTE_DEF_RE.match(line.block.text) is not None


def footnoted_links(lines: list[Line]) -> list[Line]:
    """``3. [Nickname](a page that is not arXiv)[^4]. Prose…`` with ``[^4]: Author. "Title." arXiv preprint
    arXiv:ID (2019).`` among the footnotes: the titled link leading the line cites that paper, by the footnote's
    reference (and its quoted title) — a blog post's list of papers whose full citations are footnotes. A footnote
    that cites several papers is dropped (:func:`_footnote_of_several`)."""
    cited: dict[str, tuple[str, str]] = {}
    several = False
    for line in lines:
        m = FOOTNOTE_DEF_RE.match(line.block.text) if line.refs else None
        if m is not None and len({a for a, _t in line.refs}) == 1:
            cited[m.group(1)] = (line.refs[0][0], quoted_title(line.block.text[m.end() :]))
        several = several or (m is not None and len({a for a, _t in line.refs}) >= 2)
    if several:
        lines = [line for line in lines if not _footnote_of_several(line)]
    if not cited:
        return lines
    out = list(lines)
    for k, line in enumerate(out):
        b = line.block
        if not b.links or line.refs or b.kind not in ("item", "para", "heading") or not (first := b.links[0]).text:
            continue
        at = b.text.find(first.text + "[^")
        m = FOOTNOTE_MARK_RE.match(b.text, at + len(first.text)) if at >= 0 else None
        if m is not None and m.group(1) in cited and not b.text[:at].strip(" *_[(") and not FOOTNOTE_DEF_RE.match(b.text):
            arxiv, title = cited[m.group(1)]
            title = title.rstrip(" .,") or first.text  # (the footnote's full title over the link's nickname)
            text = b.text[:at] + title + b.text[at + len(first.text) :]
            out[k] = _line(replace(b, text=text, links=[Link(abs_url(arxiv), title), *b.links[1:]]))
    return out


# What a line of links at an article's end may say besides its bare URLs: a short lead and its colon ("论文：",
# "Papers:", "另外两篇："), and the commas between the URLs.
_TAIL_LEAD_RE = re.compile(r"\s*(?:[^\s:：]{1,12}(?: [^\s:：]{1,12}){0,2}\s*[:：])?[\s、,，;；/|]*")


def _bare_link_line(line: Line) -> bool:
    """``论文：<https://arxiv.org/abs/ID>``, ``另外两篇：<URL>、<URL>``: a line of bare arXiv URLs and at most a short
    lead before them."""
    b = line.block
    if not line.refs or b.kind not in ("para", "item") or len(line.refs) != len(b.links) or (
        len(b.links) * len(b.text) > REPLACE_BUDGET
    ):
        return False
    rest = b.text
    for link in b.links:
        if link.text != link.href:
            return False
        rest = rest.replace(link.href, " ")
    m = _TAIL_LEAD_RE.match(rest)
    return m is not None and m.end() == len(rest)


def _prose_title(line: Line) -> str:
    """The bold title a sentence names its paper by (``今天我会选 **Title: Subtitle**。``), or ""."""
    b = line.block
    if b.kind not in ("para", "item") or line.refs or b.links:
        return ""
    span = (b.emph or b.strong).strip()
    if span == b.text.strip() or len(span) < 16 or len(span.split()) < 3 or not _title_like(span.rstrip("?？")):
        return ""
    return span


def bare_links_at_end(lines: list[Line]) -> list[Line]:
    """An article that names its papers in bold in its prose and gives their arXiv links only at its end, bare
    (``… 我会选 **Title A**。`` … ``第二篇是 **Title B**。`` … ``论文：<URL A>`` / ``另外两篇：<URL B>、<URL C>``): as many
    bold titles as links, the links in the order of the titles: each title is a bold title line of its own, linked to
    its URL, where it stands (the sentence around it is no part of it)."""
    k = len(lines)
    while k > 0 and _bare_link_line(lines[k - 1]):
        k -= 1
    if k == len(lines) or any(line.refs for line in lines[:k]):
        return lines
    ids = list(dict.fromkeys(a for line in lines[k:] for a, _t in line.refs))
    named = [(j, span) for j, line in enumerate(lines[:k]) if (span := _prose_title(line))]
    if len(named) != len(ids) or len({span for _j, span in named}) != len(named):
        return lines
    out = lines[:k]
    for (j, span), arxiv in zip(named, ids):
        b = out[j].block
        out[j] = _line(replace(b, text=span, strong=span, emph="", links=[Link(abs_url(arxiv), span)]))
    return out


# An image's caption that credits its paper (``Caption: Image credit: [The original paper](arXiv)``): the caption's
# words before the link, and the link's text naming the paper only as "the paper".
_CREDIT_LEAD_RE = re.compile(r"(?:(?:caption|figure|image|credits?|source|from)\s*[:：]?\s*){1,4}", re.IGNORECASE)
_THE_PAPER_RE = re.compile(r"(?:the\s+)?(?:original\s+)?(?:paper|preprint)", re.IGNORECASE)


def credited_captions(lines: list[Line]) -> list[Line]:
    """An image caption under a paragraph that names a paper by its titled link, crediting that paper by a link named
    only "the original paper" (``… the [Agentic Reasoning for X](arXiv) survey argues …`` / ``View image: (…)`` /
    ``Caption: Image credit: [The original paper](arXiv)``): the caption is that paper's titled link, not a title
    ``Caption: Image credit``."""
    out = lines
    for k, line in enumerate(lines):
        b = line.block
        if len(line.refs) != 1 or len(b.links) != 1 or b.kind != "para" or not _THE_PAPER_RE.fullmatch(
            b.links[0].text.strip()
        ):
            continue
        at = b.text.find(b.links[0].text)
        if at <= 0 or not _CREDIT_LEAD_RE.fullmatch(b.text[:at].strip()):
            continue
        arxiv = line.refs[0][0]
        title = ""
        for j in range(k - 1, max(-1, k - 4), -1):
            if lines[j].block.kind == "heading":
                break
            title = next((t for a, t in lines[j].refs if a == arxiv and len(t.split()) >= 2 and _title_like(t)), "")
            if title:
                break
        if title:
            out = list(out) if out is lines else out
            out[k] = _line(replace(b, text=title, strong="", emph="", links=[Link(b.links[0].href, title)]))
    return out
