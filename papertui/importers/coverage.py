"""The coverage safety net of the article importer (no Textual import): a last step of ``digest.build``.

A paper is anchored on its arXiv reference, so the article's distinct arXiv references are a measure of what the
reading should account for. When the structural reading went wrong as a whole (a reading journal whose entries all
ended up as the ``related`` of two papers, a list whose shape no rule knows, a page read as "no papers"), the papers
it made own only a small share of those references. Then each reference no paper owns becomes a paper of its own, read
from the block that holds it (a list item, a table row, a line, a heading) with the same machinery as any item
(:func:`papers._paper` on an ``Item`` made of that block): titled by its link's text, else by the block's words, else
``arXiv:ID``; in the section of the item that block is in (else under the nearest heading above it); in the article's
order. References in a code block, in a figure's caption, or in the prose of an essay (sentences that cite papers by their
links) are never made papers here: an
essay that cites many papers in its body and lists a few is read as it was.
"""

from __future__ import annotations

import re

from ..arxiv_ids import find_refs, normalize, placeholder_title
from . import ImportedPaper
from .items import Item
from .lines import Line, _title_like
from .papers import _paper
from .sections import _cites_in_prose, _close_sections, _section_name
from .shapes import TITLE_MAX
from .titles import _clean_title, _good_link_text, _key

# The net is cast when the article holds at least NET_MIN_REFS distinct arXiv references outside essay prose and the
# papers read own fewer than NET_SHARE of them (or no paper was read at all).
NET_MIN_REFS = 8
NET_SHARE = 0.75  # (measured: on the fixtures no reading of 8+ references owns less than all of them but ours;
# between a half and three quarters a plain-text list of URL-led lines lost 5 of 11, none of them noise; a digest at
# 0.89 holds 4 references that are not papers)


def cast_net(
    lines: list[Line], items: list[Item], entries: list[tuple[str, ImportedPaper]], title: str | None = None
) -> list[tuple[str, ImportedPaper]]:
    """``entries`` (the papers read, in order, with their sections) and, when they account for too small a share of
    the article's arXiv references, a paper for each reference none of them owns (see the module's docstring)."""
    owned = {p.arxiv for _s, p in entries if p.arxiv}
    if entries and _all_owned(lines, owned):
        return entries  # (the references read below are some of these, all owned: a share of 1, or none)
    listed = [k for k, line in enumerate(lines) if line.refs and line.block.kind != "code" and not _prose(line) and (
        not _caption(line)
    )]
    refs = list(dict.fromkeys(a for k in listed for a, _t in lines[k].refs))
    if not refs:
        return entries
    covered = sum(1 for a in refs if a in owned)
    if entries and (len(refs) < NET_MIN_REFS or covered >= NET_SHARE * len(refs)):
        return entries
    sections = _line_sections(lines, items, title)
    made: dict[str, tuple[int, str, ImportedPaper]] = {}  # id -> (line index, section, paper)
    used: set[str] = set()  # the keys of the lines read as those papers
    for k in listed:
        line = lines[k]
        if any(a in owned for a, _t in line.refs):
            continue  # (a block whose paper was read: its other references are that paper's related, "see also …")
        missing = [a for a, _t in line.refs if a not in made]
        if not missing:
            continue
        block_item = _block_item(lines, k, sections[k])
        used.update(_key(line.bare) for line in (block_item.head, *block_item.body) if line.bare)
        read = _paper(block_item)
        for a in dict.fromkeys(missing):
            if read is not None and read.arxiv == a:
                lead = _words_before(line) if len(line.refs) == 1 else ""
                paper = ImportedPaper(title=lead or read.title, arxiv=a, summary=read.summary)
            else:
                text = next((t for b, t in line.refs if b == a and _good_link_text(t)), "")
                paper = ImportedPaper(title=(_clean_title(text) or placeholder_title(a))[:TITLE_MAX], arxiv=a)
            made[a] = (k, sections[k], paper)
    if not made:
        return entries
    used.discard("")
    for _s, p in entries:  # (a reference made a paper is no longer another's related, nor its lines another's summary)
        if p.related:
            p.related = [(t, a) for t, a in p.related if a not in made]
        if p.summary and used:
            p.summary = "\n".join(part for part in p.summary.split("\n") if _key(part) not in used)
    return _in_order(lines, entries, sorted(made.values(), key=lambda m: m[0]))


def _all_owned(lines: list[Line], owned: set[str]) -> bool:
    """Every arXiv reference of the article's lines (but code's) is one of the ids ``owned``: the papers read own them
    all (no line need be asked whether it is prose or a caption)."""
    return all(a in owned for line in lines if line.refs and line.block.kind != "code" for a, _t in line.refs)


def _prose(line: Line) -> bool:
    """A paragraph that cites papers by links in its sentences; not a line led by its reference
    (``https://arxiv.org/abs/ID : A Title of Many Words``, a plain-text list's entry), nor one that names them without
    any link (a bibliography's entry as text, ``Lee et al. Title. arXiv:ID``)."""
    if not _cites_in_prose(line) or not any(normalize(link.href) for link in line.block.links):
        return False
    refs = find_refs(line.block.text.lstrip(" -*•·"))
    return not refs or refs[0].start > 0


# A figure's caption, which cites the paper its picture comes from ("注释图来自 LIMA 论文，URL", "Annotated figure from
# the DPO paper (URL)", "Figure 3: …", "图片来自 YOLO 论文"): an aside of an essay, not an item of a list.
CAPTION_RE = re.compile(
    r"注释图|图片来自|图来自|图源|图\s*[0-9]+\s*[:：.]|"
    r"\b(?:figures?|fig\.|images?|illustrations?|screenshots?|charts?|plots?|diagrams?)\s+"
    r"(?:from|via|taken from|adapted from|courtesy of|source)\b|^\W*(?:figure|fig\.)\s*[0-9]+\s*[:.]",
    re.IGNORECASE,
)


def _caption(line: Line) -> bool:
    """A paragraph that is a figure's caption (``CAPTION_RE``), short enough to be one."""
    return line.block.kind == "para" and len(line.block.text) <= 400 and CAPTION_RE.search(line.block.text) is not None


_MARKER_RE = re.compile(r"^[\s.*•·>-]*(?:[\[(][#0-9a-z]{0,4}[\])]\s*)?")  # ".. [#] ", "[12] ", "- "


def _words_before(line: Line) -> str:
    """The title that a block naming its paper's reference in plain text, not as a link, gives right before it
    (``.. [#] A Title of Some Words <https://arxiv.org/abs/ID>_, Lee et al, 2016. **Algorithm: X.**``), else ""."""
    b = line.block
    if any(normalize(link.href) for link in b.links):
        return ""
    refs = find_refs(b.text)
    if len(refs) != 1:
        return ""
    before = _clean_title(_MARKER_RE.sub("", b.text[: refs[0].start]).rstrip(" <(（[:：-–—,"))
    return before[:TITLE_MAX] if len(before.split()) >= 3 and _title_like(before) else ""


def _block_item(lines: list[Line], k: int, section: str) -> Item:
    """The block of line ``k`` as an item of its own; a line of nothing but its link (a bare URL, ``[arXiv](…)``)
    right under a line of words without a link of its own (``- Title - Authors`` / ``https://arxiv.org/abs/ID``) is
    that line's link: the item is headed by the line above."""
    line = lines[k]
    if k and (line.label or not line.bare.strip(" :：-–—|")) and not any(_good_link_text(t) for _a, t in line.refs):
        above = lines[k - 1]
        if not above.refs and not above.web and above.bare and above.block.kind in ("item", "para"):
            return Item(section, above, strong=True, body=[line])
    return Item(section, line, strong=True)


def _line_sections(lines: list[Line], items: list[Item], title: str | None) -> list[str]:
    """Each line's section: that of the item it is in, else the nearest heading above it (as the reading names it)."""
    of_item: dict[int, str] = {}
    for item in items:
        of_item[id(item.head)] = item.section
        for line in item.body:
            of_item[id(line)] = item.section
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for line in lines:
        b = line.block
        if b.kind == "heading" and line.bare != title:  # (the article's title is no section)
            _close_sections(stack, b.level)
            stack.append((b.level, _section_name(line)))
        out.append(of_item.get(id(line)) or (stack[-1][1] if stack else "Papers"))
    return out


def _in_order(
    lines: list[Line], entries: list[tuple[str, ImportedPaper]], made: list[tuple[int, str, ImportedPaper]]
) -> list[tuple[str, ImportedPaper]]:
    """``entries`` with the papers ``made`` (each with the index of its line) put in among them in the article's order:
    a paper read stands where its reference first does (one without an id: right after the paper before it)."""
    first: dict[str, int] = {}
    for k, line in enumerate(lines):
        for a, _t in line.refs:
            first.setdefault(a, k)
    out: list[tuple[str, ImportedPaper]] = []
    at = 0
    for s, p in entries:
        where = first.get(p.arxiv, -1) if p.arxiv else -1
        while at < len(made) and where >= 0 and made[at][0] < where:
            out.append((made[at][1], made[at][2]))
            at += 1
        out.append((s, p))
    out.extend((section, paper) for _k, section, paper in made[at:])
    return out
