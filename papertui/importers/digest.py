"""Paper-digest articles (Markdown, HTML, text) -> a reading list.

A pipeline of small functions, one module per step: read → blocks (``blocks.py``: headings,
list items, table rows, lines of paragraphs) → lines (``lines.py``: each block with its arXiv
references and what it looks like) → items (``items.py``: roles; ``sections.py``: sections, ``segment``; ``notes.py``:
a nickname heading's title and link lines) →
papers (``papers.py``: an item's reference, title, summary, related; text helpers in
``titles.py``) → the list (here: ``build``, repeats merged). Each shape an article may take
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

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from ..arxiv_ids import normalize
from . import Imported, ImportedPaper
from .blocks import Block, Document, read_document
from .coverage import cast_net
from .items import Item, _described, _title_field, emph_by_citation, header_cols
from .lines import (
    Line,
    _cut_at_end_marker,
    _is_boilerplate,
    _is_label,
    _line,
    _navigation,
    _paper_link,
    _title_like,
    ids_over_titles,
    join_quoted_citations,
    join_references,
    join_wrapped,
    local_pages,
    search_results,
    split_runs,
)
from .mentions import choose_titles
from .notes import bare_links_at_end, credited_captions, footnoted_links
from .papers import (
    _cell_papers,
    _cited_paper,
    _keep_without_ref,
    _named_paper_link,
    _paper,
    _paper_host_link,
    _row_readings,
    _social_only,
    _titled_row,
    _without_refs,
    notes_row,
    reading_rows,
)
from .sections import (
    _close_sections,
    _closing_list_heading,
    _section_name,
    _title_heading,
    bare_title_bullets,
    linked_title,
    linked_title_levels,
    segment,
)
from .shapes import (
    AUTHOR_YEAR_RE,
    AUTHORS_FIELD_RE,
    BLOG_POST_RE,
    CJK_RE,
    CLOSING_LIST_RE,
    DATASET_HEADER_RE,
    DOC_HEADING_RE,
    FIELD_LINE_RE,
    HASHTAGS_RE,
    LOOSE_NOTE_RE,
    NON_PAPER_HOST_RE,
    PAPER_HOST_RE,
    PAPER_LABEL_RE,
    PAPER_WORD_RE,
    SOCIAL_HOST_RE,
    TITLE_MAX,
    YEAR_IN_RE,
    YEAR_LINE_RE,
    YEAR_WHO_LEAD_RE,
    YEAR_WORD_LEAD_RE,
    linkless_citation,
)
from .titles import (
    _clean_title,
    _good_link_text,
    _key,
    _latin_share,
    _strip_authors,
    _title_case,
    _without_year_who,
    emphasised_title,
)


def _merge_repeats(
    entries: list[tuple[str, ImportedPaper]], unlinked: frozenset[int] = frozenset()
) -> list[tuple[str, ImportedPaper]]:
    """One paper per arXiv id (a table of contents repeats the items), keeping the fullest
    occurrence; and no title-only item whose title another item has. A paper's section is where it
    first appears linked: a bare id in an overview table before it (``unlinked``: ids of such papers) is
    not where it is listed."""
    ids = [p.arxiv for _s, p in entries]
    if all(ids) and len(set(ids)) == len(ids):
        return list(entries)  # (each paper once, each with its id: nothing to merge, no title keys)
    keys = [_key(p.title) for _s, p in entries]  # (titles change below only for papers already passed)
    prose = [_prose_title(p.title) for _s, p in entries]
    best: dict[str, int] = {}
    for k, (_s, p) in enumerate(entries):
        key = p.arxiv or "t:" + keys[k]
        j = best.get(key)
        if j is None or (prose[j] and not prose[k]) or (
            prose[j] == prose[k] and len(p.summary) > len(entries[j][1].summary)
        ):  # (the paper as listed, not a note that cites it again in a sentence, however long its summary)
            best[key] = k
    titled = {keys[k] for k, (_s, p) in enumerate(entries) if p.arxiv}
    by_id: dict[str, list[int]] = {}
    for k, (_s, p) in enumerate(entries):
        if p.arxiv:
            by_id.setdefault(p.arxiv, []).append(k)
    with_title = {keys[k]: p for k, (_s, p) in reversed(list(enumerate(entries))) if p.arxiv}
    first: dict[str, str] = {}  # where each paper first appears: a later recap keeps the paper's section
    for s, p in entries:
        if p.arxiv and id(p) not in unlinked:
            first.setdefault(p.arxiv, s)
    for s, p in entries:
        if p.arxiv:
            first.setdefault(p.arxiv, s)  # (named only by bare ids: the first of those)
    listed: dict[str, tuple[int, str]] = {}  # (each title without an id: where it is first listed, its section)
    for k, (s, p) in enumerate(entries):
        if not p.arxiv:
            first.setdefault("t:" + keys[k], s)  # (a paper without an id listed twice keeps its first place too)
            listed.setdefault(keys[k], (k, s))
    out = []
    places: list[int] = []  # (where each of out's papers is listed: its own place, or its title's first one)
    for k, (s, p) in enumerate(entries):
        key = keys[k]
        k_at = k
        if p.arxiv:
            if first[p.arxiv] != "Papers":  # (under no section first: a table of contents, the fullest decides)
                s = first[p.arxiv]
            if _closing_list_heading(s) and (at := listed.get(key)) is not None and at[0] < by_id[p.arxiv][0]:
                s = at[1]  # ("## BlobGAN …" / "Paper: [BlobGAN …](its site)" … "## References" / "[11] …, 2022. BlobGAN
                # …. arXiv:ID": listed where its title first is, its id only in the references)
                k_at = at[0]
            if best[p.arxiv] != k:
                _take_related(entries[best[p.arxiv]][1], p)
                continue
            repeats = by_id[p.arxiv]
            for j in repeats if len(repeats) > 1 else ():  # (each paper once: nothing to compare)
                title_key = _key(p.title)  # (the title may have just been replaced)
                if j < k and len(title_key) > len(keys[j]) >= 3 and keys[j] in title_key and not _fuller(
                    keys[j], title_key, entries[j][1].title, p.title
                ):  # (listed first as "HijackRAG", kept fullest where a checklist says "Implementation of HijackRAG")
                    p.title = entries[j][1].title
                    continue
                if j != k and (j < k or k != repeats[0]) and len(keys[j]) > len(title_key) and _fuller(
                    title_key, keys[j], p.title, entries[j][1].title
                ):
                    p.title = entries[j][1].title
        elif best["t:" + key] != k or key in titled:
            kept = with_title.get(key) or entries[best["t:" + key]][1]
            if kept is not p:
                _take_related(kept, p)
            continue
        elif first["t:" + key] != "Papers":
            s = first["t:" + key]
        out.append((s, p))
        places.append(k_at)
    if places != sorted(places):  # (a paper its references gave an id moved up to where its title was listed)
        out = [out[n] for n in sorted(range(len(out)), key=places.__getitem__)]
    return out


_TWO_SENTENCES_RE = re.compile(r"[^\W\d_]{2}[.!?]\s+(?=[^\W\d_])")


def _prose_title(title: str) -> bool:
    """A 'title' that is sentences of a note, not a paper's title: two sentences or more (``Asymptote - a language
    for drawings. I first met it in this article``), a full stop, then a capital letter."""
    return any(title[m.end() : m.end() + 1].isupper() for m in _TWO_SENTENCES_RE.finditer(title))


def _fuller(key: str, other_key: str, title: str, other: str) -> bool:
    """``other`` is a fuller form of ``title`` (``key``, ``other_key``: their keys): it begins with it ("SimPO" →
    "SimPO: Simple Preference …"), or is its nickname and it ("A Board for …" → "Cerebra: A Board for …"); not a
    sentence about it ("Implementation of SimPO")."""
    if other_key.startswith(key):  # (not a Latin name glossed in Chinese: "FlashBlock: 块外注意力缓存")
        return CJK_RE.search(other) is None or CJK_RE.search(title) is not None
    at = other.casefold().rfind(title.casefold().strip()) if key in other_key else -1
    return at > 0 and other[:at].rstrip().endswith((":", "："))


def _titled_by_field(made: list[tuple[Item, ImportedPaper | None]]) -> list[tuple[Item, ImportedPaper | None]]:
    """A ``Title: X`` field without any link (one paper's notes: ``**Title:** X`` / ``**Authors:** …``), then as the
    next item a link to a paper that gives it no title (``## Original Paper`` / ``[Link to Original Paper](arXiv)``):
    one paper, titled by the field, where the field stands."""
    out: list[tuple[Item, ImportedPaper | None]] = []
    taken: ImportedPaper | None = None
    for k, (item, p) in enumerate(made):
        if p is not None and p is taken:
            continue
        nxt = made[k + 1][1] if k + 1 < len(made) else None
        if p is not None and nxt is not None and p.arxiv is None and p.url is None and nxt.arxiv and (
            _is_label(nxt.title) and _title_field(item.head)
            and not any(line.refs or line.web for line in (item.head, *item.body))
        ):
            p.arxiv, taken = nxt.arxiv, nxt
            p.related.extend(nxt.related)
        out.append((item, p))
    return out


def _reading_order_papers(made: list[tuple[Item, ImportedPaper | None]]) -> set[int]:
    """A numbered list of bold names with a note (``1. **Lantern** — 必读`` … ``6. **Quill** — …``, a "reading order",
    its numbers running on under sub-headings) whose entries mostly name papers the article links: an entry naming
    none of them, an English title of three words or more, is a paper without its link (``2. **A Survey on …**``)."""
    runs: list[list[tuple[Item, ImportedPaper]]] = []
    for item, p in made:
        b = item.head.block
        if p is None or p.arxiv or b.kind != "item" or not b.ordered or not b.strong or not b.text.startswith(b.strong):
            continue
        if runs and runs[-1][-1][0].head.block.number + 1 == b.number:
            runs[-1].append((item, p))
        else:
            runs.append([(item, p)])
    out: set[int] = set()
    if not any(len(run) >= 3 for run in runs):
        return out  # (no run long enough: the linked papers' titles are not keyed)
    keys = {_key(p.title) for _item, p in made if p is not None and p.arxiv}
    for run in runs:
        named = [_key(p.title) in keys for _item, p in run]
        if len(run) >= 3 and 2 * sum(named) >= len(run):
            out.update(id(item) for (item, p), n in zip(run, named) if not n and len(p.title.split()) >= 3 and (
                _latin_share(p.title) >= 0.8 and _title_case(p.title.split())
            ))
    return out


def _numbered_heading_papers(made: list[tuple[Item, ImportedPaper | None]]) -> set[int]:
    """A guide's paper headings numbered in one series across its topics (``### 14. **"Title"** (2021)`` … ``### 15.
    **"Title"** (2023+)``), most of them giving their paper's arXiv link: a heading of the series without a link, an
    English title of three words or more in title case, is a paper without its link, in whatever topic it stands."""
    runs: list[list[tuple[Item, ImportedPaper]]] = []
    for item, p in made:
        head = item.head
        if p is None or head.block.kind != "heading" or head.ordinal is None:
            continue
        last = runs[-1][-1][0].head if runs else None
        if last is not None and last.block.level == head.block.level and last.ordinal is not None and (
            last.ordinal + 1 == head.ordinal
        ):
            runs[-1].append((item, p))
        else:
            runs.append([(item, p)])
    out: set[int] = set()
    for run in runs:
        linked = sum(p.arxiv is not None for _item, p in run)
        if len(run) >= 5 and 2 * linked >= len(run):
            out.update(id(item) for item, p in run if p.arxiv is None and len(p.title.split()) >= 3 and (
                _latin_share(p.title) >= 0.8 and _title_case(p.title.split())
            ))
    return out


def _local_pdf_label(line: Line) -> bool:
    """A line with a label link to a PDF of the site's own (``“Title” <a href="paper/tide.2030.pdf">[PDF]</a>``, a
    jemdoc publication list's entry): its paper, though the address is relative (no web link to keep)."""
    return any(
        "://" not in link.href and link.href.split("#", 1)[0].split("?", 1)[0].lower().endswith(".pdf")
        and _is_label(link.text.strip(" []")) for link in line.block.links
    )


def _linkless_heading(item: Item) -> bool:
    """A heading with nothing linked in it or under it (``#### 1. Joint Caching and Quantisation`` over ``**问题：**`` /
    ``**机会：**`` points): in an article that links its papers, numbered, a topic (an open problem), not a paper."""
    return item.head.block.kind == "heading" and not item.head.web and not item.head.refs and not any(
        line.web or line.refs for line in item.body
    )


def _story_heading(item: Item) -> bool:
    """``### 4. [A Headline of Some Words](a web page)`` over its stats and a folded summary, no label line: a news
    story's or a project's heading, even numbered and in English like a paper's."""
    return item.head.block.kind == "heading" and bool(item.head.web) and not item.head.refs and not any(
        line.label or line.refs for line in item.body
    )


def _post_link(href: str) -> bool:
    """A link to code, a video, a social or blog post (not a paper's page)."""
    return not PAPER_HOST_RE.search(href) and (
        NON_PAPER_HOST_RE.search(href) is not None or BLOG_POST_RE.match(href) is not None
        or SOCIAL_HOST_RE.search(href) is not None
    )


def _linked(item: Item, arxiv: str, cache: dict[int, set[str | None]]) -> bool:
    """Whether the item gives the paper as a link (not only a bare id in its text). ``cache``: each
    block's linked ids, read once (a line of thousands of links is the head of thousands of papers)."""
    for line in (item.head, *item.body[:12]):
        b = line.block
        ids = cache.get(id(b))
        if ids is None:
            ids = cache[id(b)] = {normalize(link.href) for link in b.links}
        if arxiv in ids:
            return True
    return False


def _hand_over_related(made: list[tuple[Item, ImportedPaper | None]], entries: list[tuple[str, ImportedPaper]]) -> None:
    """An item without an id of its own left out as no paper (a heading that repeats a paper's title, a fragment)
    leaves the arXiv references it holds that no kept paper has to the paper of its title that is kept, else to the
    kept paper before it (after it, at the start), as a repeat merged later does: none is lost."""
    kept = {id(p) for _s, p in entries}
    if all(p is None or p.arxiv or not p.related or id(p) in kept for _item, p in made):
        return
    have = {p.arxiv for _s, p in entries} | {a for _s, p in entries for _t, a in p.related}
    by_title = {_key(p.title): p for _s, p in reversed(entries)}
    last: ImportedPaper | None = None
    for _item, p in made:
        if p is None:
            continue
        if id(p) in kept:
            last = p
            continue
        if p.arxiv or not any(a not in have for _t, a in p.related):
            continue
        if entries:  # (before any kept paper: the first one, entries being in the article's order)
            _take_related(by_title.get(_key(p.title)) or last or entries[0][1], p)
            have.update(a for _t, a in p.related)


def _take_related(kept: ImportedPaper, dropped: ImportedPaper) -> None:
    """A repeat that is dropped leaves its other references to the paper kept (none is lost)."""
    have = {a for _t, a in kept.related} | {kept.arxiv}
    for title, a in dropped.related:
        if a not in have:
            kept.related.append((title, a))
            have.add(a)


def _cells(
    item: Item, paper: ImportedPaper | None, reading: dict[int, Sequence[list[tuple[bool, str, str]]]]
) -> list[ImportedPaper | None]:
    if paper is not None and (cells := reading.get(id(item.head.block))) is not None:
        return list(_row_readings(cells, paper))  # (a reading table's row: the papers its cells list a line each)
    return [paper] if paper is None else list(_cell_papers(item, paper))  # (list[... | None]: a copy for the type)


def _authored(blocks: list[Block]) -> set[int]:
    """The blocks (a heading, a bold line, a list item) right above an authors field ("**作者**: L. Mei 等人",
    "Authors: …", within the next three lines): papers even without any link (kept by title)."""
    out: set[int] = set()
    for k, b in enumerate(blocks):
        if b.kind in ("para", "item") and (":" in b.text or "：" in b.text) and AUTHORS_FIELD_RE.match(b.text):
            for j in range(k - 1, max(-1, k - 4), -1):
                o = blocks[j]
                if o.kind == "heading" or (o.kind in ("para", "item") and o.strong and o.strong == o.text):
                    out.add(id(o))
                    break
                if AUTHORS_FIELD_RE.match(o.text) is None and FIELD_LINE_RE.match(o.text) is None:
                    break
    return out


def _linkless_citations(made: list[tuple[Item, ImportedPaper | None]], any_refs: bool) -> dict[int, str]:
    """List items and lines that are references without any link ('"Title" by Author et al. (2012)', 'Title
    (Author 2020)'), two or more in one section: each a paper, by the title it gives (by item). In an article
    without any arXiv reference, so are list items that name a paper in bold and say what it does."""
    found: dict[int, tuple[str, str]] = {}
    per_section: Counter = Counter()
    noted: list[tuple[Item, str]] = []  # "- Title of the Paper. (TODO)": a citation only among citations
    for item, paper in made:
        b = item.head.block
        if paper is None or paper.arxiv or b.kind not in ("item", "para") or item.head.web or len(b.text) > 2 * TITLE_MAX:
            continue
        m = linkless_citation(b.text)
        if m is None and b.kind == "item" and (loose := LOOSE_NOTE_RE.match(b.text)):
            noted.append((item, loose.group("title")))
        title = _clean_title(m.group("quoted") or m.group("by") or m.group("named") or m.group("apa") or m.group("noted") or m.group("cq") or m.group("mla")) if m else ""
        title = title or _clean_title(emph_by_citation(item.head))  # ("*Title* by Alan Turing - 🔘")
        if not title and b.emph and not b.links and YEAR_IN_RE.search(b.text, b.text.find(b.emph) + len(b.emph)):
            title = _clean_title(emphasised_title(b.text, b.emph))  # "Ann Lee, Bo Wu. **Title**. In Venue, 2007."
        if title and _title_like(title.rstrip("?？!！")) and len(title.split()) >= 2:
            found[id(item)] = (item.section, title)
            per_section[item.section] += 1
        elif not title and not any_refs and (name := _described(item.head)) and _title_like(_clean_title(name)):
            found[id(item)] = ("", _clean_title(name))  # "- **E2ESlack** proposes …": two or more in the article
            per_section[""] += 1
    for item, title in noted:  # (its note a placeholder, "(TODO)", "(to appear)", among entries noting their venue)
        title = _clean_title(title)
        if per_section[item.section] >= 2 and _title_like(title.rstrip("?？!！")) and len(title.split()) >= 3:
            found[id(item)] = (item.section, title)
    return {k: title for k, (section, title) in found.items() if per_section[section] >= 2}


def _names_one_of(key: str, keys: list[str]) -> bool:
    """``key`` begins one of the sorted ``keys``: a recap table's short name ("| Latent Particle World Models |")
    of a paper listed in full above ("Latent Particle World Models: Self-supervised …")."""
    return len(key) >= 12 and _starts_one(key, keys)


def _named_inside(key: str, id_text: str) -> bool:
    """``key`` (a name of 16 letters or more) stands inside one of the titles ``id_text`` joins
    a line each: a mapping table's short name ("| Root Cause Analysis | CrewAI |") of a paper listed above ("How Far
    Can Root Cause Analysis Go …")."""
    return len(key) >= 16 and key in id_text


def _names_several(title: str, keys: list[str], names: bool = False) -> bool:
    """``PMT, MuRF, LGTM, RealMaster``: a recap cell naming several papers listed above (most of its names begin
    one of the sorted ``keys``), not a paper's title (``names``: short names also split at ``/``, ``、``, ``与``:
    ``TOOD / TAL 与 YOLOX``)."""
    parts = [_key(part) for part in (NAMES_SPLIT_RE.split(title) if names else title.split(","))]
    if len(parts) < 2 or (names and any(len(part.split()) > 3 for part in NAMES_SPLIT_RE.split(title))):
        return False
    found = sum(1 for part in parts if len(part) >= 3 and _starts_one(part, keys))
    return found * 2 >= len(parts)


def _series_of_names(title: str, keys: list[str]) -> bool:
    """``V1 → MoE → V2 → V3``, ``ESFT · HPC · NSA``: an overview cell that chains short names (three words or fewer
    each, one of them or more beginning one of the sorted ``keys``, a paper listed), a series, not a paper's title."""
    parts = _SERIES_SPLIT_RE.split(title)
    return len(parts) >= 2 and all(0 < len(part.split()) <= 3 for part in parts) and any(
        len(key) >= 3 and _starts_one(key, keys) for part in parts if (key := _key(part))
    )


_SERIES_SPLIT_RE = re.compile(r"\s*(?:→|->|⇒|⟶|\s·\s)\s*")
_WORD_CHAR_RE = re.compile(r"\w")
NAMES_SPLIT_RE = re.compile(r"\s*(?:[,，/、&]|\s与\s)\s*")  # "PMT, MuRF", "TOOD / TAL 与 YOLOX"


def _kept(b: Block) -> bool:
    """Not boilerplate (unless it links a paper), nor a heading without a word (``### ---``, a rule written as a
    heading); ``## 2021`` is a year's section, not a like counter."""
    if b.kind == "heading":
        return _WORD_CHAR_RE.search(b.text) is not None and (not _is_boilerplate(b.text) or b.text.strip().isdigit() or _paper_link(b))
    if b.kind == "para" and b.text[:1] == "#" and HASHTAGS_RE.fullmatch(b.text):
        return False  # a post's hashtags ("#TSer #"), not a section
    if b.kind == "para" and YEAR_LINE_RE.fullmatch(b.text):
        return True  # (a timeline's year divider, ``<div class="year">2016</div>``: its section, not a counter)
    if b.kind == "row" and _buttons_only(b):
        return False
    return not _is_boilerplate(b.text) or _paper_link(b)


def _buttons_only(b: Block) -> bool:
    """A table row that is only links to nowhere, two or more, no ``href`` (``<td><a class="reversor">Reverse
    sessions</a></td><td><a class="collapsor">Collapse all</a></td>``): a script's buttons, page chrome, never a paper
    (a lone ``[Title]()`` may be a paper whose link is still to come)."""
    if len(b.links) < 2 or any(link.href.strip() or link.alt for link in b.links):
        return False
    rest = b.text
    for link in b.links:
        rest = rest.replace(link.text, "", 1)
    return _WORD_CHAR_RE.search(rest) is None  # (nothing but the buttons' words, and the cells' bars)


def _numbered_ids(made: list[tuple[Item, ImportedPaper | None]]) -> tuple[set[str], bool]:
    """The arXiv ids of the numbered items (not rows), and whether those items are mostly not arXiv papers (a news
    digest that lists a few papers): then those without an id are news, posts, products, unless plainly a paper (a
    "Paper:" line, a PDF)."""
    numbered = [
        p for item, p in made if p is not None and item.head.ordinal is not None and item.head.block.kind != "row"
    ]
    numbered_ids = {p.arxiv for p in numbered if p.arxiv}
    numbered_others = {_key(p.title) for p in numbered if not p.arxiv}  # (each once: a TOC repeats)
    if numbered_others:
        numbered_others -= {_key(p.title) for _item, p in made if p is not None and p.arxiv}
    few_ids = len(numbered_ids) + len(numbered_others) >= 4 and len(numbered_ids) < len(numbered_others)
    return numbered_ids, few_ids


def _news_row_sections(made: list[tuple[Item, ImportedPaper | None]]) -> set[str]:
    """The sections whose linked table rows are mostly not arXiv papers: a newsletter's "|[Headline.](url)|description|"
    rows are news and posts, its papers the rows that link one."""
    row_ids: Counter = Counter()
    row_others: Counter = Counter()
    for item, p in made:
        if p is not None and item.head.block.kind == "row" and item.head.block.links:
            (row_ids if p.arxiv else row_others)[item.section] += 1
    return {s for s, n in row_others.items() if n + row_ids[s] >= 4 and row_ids[s] < n}


def build(doc: Document) -> Imported:
    blocks = search_results(_cut_at_end_marker(doc.blocks))
    authored = _authored(blocks)
    lines = [_line(b) for b in blocks if _kept(b) and not _navigation(b)]
    lines = local_pages(join_references(ids_over_titles(join_quoted_citations(split_runs(join_wrapped(footnoted_links(
        credited_captions(bare_links_at_end(lines)))))))))
    titled_levels = linked_title_levels(lines)  # (asked once: segment and the filter below read the same headings,
    # whose kind, level, links and references nothing after this pass changes)
    bare_bullets = bare_title_bullets(lines)  # (asked once: segment and the filter below; segment sets no fact it reads)
    title, items = segment(lines, doc.title, titled_levels, bare_bullets)
    if any(line.block.kind == "row" for line in lines):  # (header_cols reads tables only: each item keeps its defaults)
        header_cols(lines, items)
    any_refs = any(line.refs for line in lines)
    reading = reading_rows(lines)
    made = _titled_by_field([(item, p) for item in items for p in _cells(item, _paper(item), reading)])
    # Headings of one level in one section that are mostly arXiv papers: the others are papers too
    # ("### 🔹 [Title](a PDF)", "### 🔹 *Title*" among "### 🔹 [Title](arXiv)").
    siblings: Counter = Counter()
    with_id: Counter = Counter()
    numbered_with_id: Counter = Counter()  # ("## 3. Title" headings: an unnumbered one among them is not one of them)
    linked_below: Counter = Counter()  # (those giving their link on a line under them: one without any is a topic)
    for item, paper in made:
        if item.head.block.kind == "heading" and paper is not None and not DOC_HEADING_RE.match(paper.title):
            key = (item.section, item.head.block.level)
            siblings[key] += 1
            with_id[key] += paper.arxiv is not None
            numbered_with_id[key] += paper.arxiv is not None and item.head.ordinal is not None
            linked_below[key] += paper.arxiv is not None and not item.head.refs  # ("### Title" / "[arXiv:ID](…)")
    numbered_ids, few_ids = _numbered_ids(made)
    news_rows = _news_row_sections(made)
    kept: list[tuple[Item, ImportedPaper]] = []
    cited = _linkless_citations(made, any_refs)
    titled_heads: set[int] = set()  # (those headings: plainly papers, in any section)
    in_order = _reading_order_papers(made) | _numbered_heading_papers(made)
    bare_titles = {id(lines[k]) for k in bare_bullets}  # ("- Title" among "- [Title](arXiv)" bullets)
    in_order.update(id(item) for item, p in made if p is not None and not p.arxiv and id(item.head) in bare_titles)
    cited_ids = {  # (the titles the closing references give an arXiv id: "[11] Lee, A., 2029. Title. arXiv:ID")
        _key(p.title) for item, p in made if p is not None and p.arxiv and _closing_list_heading(item.section)
    }
    for item, paper in made:
        if paper is None:
            continue
        if paper.arxiv is None and cited_ids and _key(paper.title) in cited_ids and not _closing_list_heading(item.section):
            kept.append((item, paper))  # "Paper: [Title](its project site)": the paper the references give an id
            continue
        if id(item) in in_order:
            kept.append((item, paper))  # "2. **A Survey on X**" among the names of papers linked above: a paper
            continue
        if paper.arxiv is None and titled_levels and item.head.block.level in titled_levels and linked_title(item.head) and (
            not _post_link(item.head.block.links[0].href)
        ):
            kept.append((item, paper))  # "### [Title](its poster page)" among headings that link their papers: one
            titled_heads.add(id(item))
            continue
        if paper.arxiv is None and id(item) in cited:
            paper.title = cited[id(item)]
            kept.append((item, paper))  # a list of references without links: each is a paper
            continue
        if paper.arxiv is None and id(item.head.block) in authored and _title_like(paper.title) and (
            len(paper.title.replace("-", " ").split()) >= 3  # (a hyphened word counts its parts: "Tensor-Train Decomposition")
        ):
            kept.append((item, paper))  # a paper's card without a link: its title, then its authors
            continue
        if paper.arxiv is None and any_refs and item.labelled and item.head.ordinal is not None and _linkless_heading(item):
            continue  # "#### 1. Joint X Plus Y" over "**问题：**" points, nothing linked: a numbered topic, not a paper
        if paper.arxiv is None and few_ids and item.head.ordinal is not None and item.head.block.kind != "row" and not (
            (item.labelled and not _story_heading(item)) or (paper.url is not None and PAPER_HOST_RE.search(paper.url))
            or any(PAPER_HOST_RE.search(url) for url in item.head.web)  # ("31. [Title](github.com/…/report.pdf)": a PDF)
            or _local_pdf_label(item.head)
        ):
            continue
        if paper.arxiv is None and item.section in news_rows and item.head.block.kind == "row" and not (
            item.labelled or any(PAPER_HOST_RE.search(url) for url in item.head.web) or notes_row(item)
        ):  # (a reading list's row titled in its own cell, its links to notes: a paper, no headline)
            continue
        if paper.arxiv is None and not numbered_ids and any_refs and item.head.ordinal is not None and (
            item.head.block.kind != "row" and paper.url is None and not item.labelled
        ):
            continue  # steps in notes ("1. 预训练" / "2. 微调") where no numbered item is an arXiv paper: not papers
        if paper.arxiv is None and not _keep_without_ref(item, paper, any_refs):
            key = (item.section, item.head.block.level)
            if not ((item.head.block.kind == "heading" and siblings[key] >= 2 and with_id[key] >= 0.5 * siblings[key]
                    and (item.head.ordinal is not None or numbered_with_id[key] < 0.5 * with_id[key])
                    and (linked_below[key] < 0.5 * with_id[key] or any(line.web for line in item.body[:3])
                         or _title_heading(item.head))  # ("### Title: X" without its link: still a paper, no topic)
                    and _title_like(paper.title.rstrip("?？")) and len(paper.title.split()) >= 2 and not item.head.web
                    and not DOC_HEADING_RE.match(paper.title) and not _social_only(item)) or _paper_host_link(item)):
                continue
        kept.append((item, paper))
    # A section without any arXiv paper in an article that has them (news, repositories,
    # posts) keeps only what is plainly a paper: a titled item with a "Paper:" line, a PDF...
    with_ids = {item.section for item, p in kept if p.arxiv}
    # (the two filters below ask these of papers without an id only: none, and they are not worked out)
    idless = any(not p.arxiv for _item, p in kept)
    id_keys = sorted(  # (and the part after a title's colon: "Talk Freely: Schema-Gated AI for …" is "Schema-Gated AI")
        _key(t) for _item, p in kept if p.arxiv for t in (p.title, *p.title.split(": ", 1)[1:])
    ) if idless else []
    linked_rows = {
        item.section for item, _p in made if item.head.block.kind == "row" and item.head.block.links
    } if idless else set()
    rows = sum(1 for item, p in kept if not p.arxiv and _titled_row(item))
    id_text = "\n".join(id_keys) if rows * sum(map(len, id_keys)) <= 20_000_000 else ""  # (a bounded search)
    kept = [  # (a link-less row among linked ones, with little else in it, is a gap in a schedule, "No reading:
        # holiday"; one that names, short, a paper listed above is a recap)
        (item, p) for item, p in kept
        if p.arxiv or not _titled_row(item) or not (
            (item.section in linked_rows and sum(1 for c in item.head.block.cells if c.strip(" -—–")) < 4)
            or _names_one_of(_key(p.title), id_keys) or _names_several(p.title, id_keys)
            or _named_inside(_key(p.title), id_text) or _series_of_names(p.title, id_keys)
        )
    ]
    kept = [  # (a heading without a link that names papers listed above, "### 6.4 TOOD / TAL 与 YOLOX": their notes)
        (item, p) for item, p in kept
        if p.arxiv or item.head.block.kind != "heading" or item.head.web or not _names_several(p.title, id_keys, True)
    ]
    kept = _without_intro_repeats(lines, kept)
    glossary = _glossary_lines(lines)
    if glossary:  # ("* MAF: [Masked Autoregressive Flows](arXiv)" in a list of abbreviations that mostly link elsewhere)
        kept = [(item, p) for item, p in kept if id(item.head) not in glossary]
    kept = [  # (a bullet without an id named as its section's heading, among the section's arXiv papers: the topic's
        # own notes, "### Privacy" / "* *Course Notes*:" / "  - [Privacy](notes.pdf)", not a paper)
        (item, p) for item, p in kept
        if p.arxiv or item.head.block.kind != "item" or item.section not in with_ids or _key(p.title) != _key(item.section)
    ]
    essay = _without_dataset_rows(lines, _without_essay_citations(lines, kept))
    asides = {id(p) for _item, p in kept} - {id(p) for _item, p in essay}  # (the body's prose: no title of its papers)
    kept = essay
    kept = [(item, p) for item, p in kept if p.arxiv or not _book_citation(item.head.block)]  # ("*Title* (Wiley, 1992).")
    _without_timeline_years(kept)
    _without_nickname_dashes(kept)
    kept = _without_reference_repeats(kept)
    kept = [(item, p) for item, p in kept if not _books_section(item.section)]
    fields = _paper_fields(lines)
    entries = [
        (item.section, p) for item, p in kept
        if p.arxiv or not any_refs or item.section in with_ids or item.labelled or id(item.head.block) in authored
        or (fields and _empty_paper_field(item, fields))
        or id(item) in titled_heads or id(item) in cited  # (references without links, two or more: plainly papers)
        or id(item) in in_order
        or (p.url is not None and (PAPER_HOST_RE.search(p.url) or _cited_paper(item) or _named_paper_link(item.head, p.url)))
        or _titled_row(item)  # (a link the line names its paper, "[![Paper](badge)](its page)", is plainly one)
        or notes_row(item)  # ("| 2009 | Title | [Notion](…) |" in a table of papers read: one, its review linked)
    ]
    cache: dict[int, set[str | None]] = {}
    unlinked = frozenset(  # (a titled item that cites its paper by a bare id, "文献索引: Authors, arXiv:ID", lists it there)
        id(p) for item, p in kept if p.arxiv and item.head.block.kind == "row" and not _linked(item, p.arxiv, cache)
    )
    if unlinked:  # (an overview's ids come again below it; a registry table of bare ids, most of them given once, is
        # the list itself: "| 28 | Title (arXiv:ID) | … |", then notes on two of its rows)
        times: Counter = Counter(p.arxiv for _item, p in kept if p.arxiv)
        if 2 * sum(times[p.arxiv] > 1 for _item, p in kept if id(p) in unlinked) < len(unlinked):
            unlinked = frozenset()
    unlinked |= {id(p) for item, p in kept if p.arxiv and _footnoted_row(item)}
    if not entries and not any_refs:
        entries = _title_list(lines, title)  # (else: "found no papers")
    _hand_over_related(made, entries)
    merged = cast_net(lines, items, _merge_repeats(entries, unlinked), title)
    mentions = [(p.title, p.arxiv) for _item, p in made if p is not None and id(p) not in asides]
    mentions += [(t, a) for _item, p in made if p is not None for t, a in p.related if a and not t.startswith("arXiv:")]
    choose_titles(merged, mentions)
    return Imported("digest", doc.title or title, grouped(merged))


_FOOTNOTE_MARK_RE = re.compile(r"\[?\^[0-9]{1,4}\]?")  # "[^12]", read as "^12": a footnote's reference


def _footnoted_row(item: Item) -> bool:
    """A table row that points to its footnote (``| [^3] | [Title](arXiv) | 一句话摘要 |`` over ``[^3]: 中文标题`` /
    ``Title. (arXiv:ID)`` / the abstract): an overview's row, the paper listed in full at its footnote (its section)."""
    cells = item.head.block.cells
    return item.head.block.kind == "row" and bool(cells) and _FOOTNOTE_MARK_RE.fullmatch(cells[0].strip()) is not None


def _without_timeline_years(kept: list[tuple[Item, ImportedPaper]]) -> None:
    """A timeline's entries each led by their year (``* 2012 Fast Widgets <url>``, ``* 1995 Lee: Title <url>``), three
    or more and half the papers at the least: each title without the year before it (one title alone led by a year,
    ``2021 Roadmap on Widgets``, keeps it)."""
    dated = [(item.head.bare.lstrip(), p) for item, p in kept]
    dated = [(bare, p) for bare, p in dated if YEAR_WORD_LEAD_RE.match(bare) or YEAR_WHO_LEAD_RE.match(bare)]
    if len(dated) < 3 or 2 * len(dated) < len(kept):
        return
    for bare, p in dated:
        if p.title[:1] in "12":
            p.title = _without_year_who(p.title)  # "1995 Lee: Title", "1996 Wu et al: Title": when and who
        elif YEAR_WHO_LEAD_RE.match(bare) and (who := _without_year_who(f"{bare[:4]} {p.title}")) != f"{bare[:4]} {p.title}":
            p.title = who  # "1996: Wu: Title" (its year and colon cut already): who
        if (m := YEAR_WORD_LEAD_RE.match(p.title)) and len(p.title[m.end() :].split()) >= 2:
            p.title = p.title[m.end() :]


# A model's name, one word ("VGGNet", "ResNet-50", "GPT-2", "Llama 2"), then a dash: "VGGNet - Title"
_NICK_DASH_LEAD_RE = re.compile(r"[A-Za-z][\w.+\-]{0,24}(?: [0-9][\w.]{0,5})?\s+[-–—]\s+(?=\S)")


def _without_nickname_dashes(kept: list[tuple[Item, ImportedPaper]]) -> None:
    """A list of models' papers, each title led by the model's name and a dash (``* VGGNet - Very Deep Convolutional
    Networks …``, ``* ResNet – Deep Residual Learning …``), three or more and half the papers at the least: each title
    without the name (one title alone with such a dash, ``Gato - A Generalist Agent``, keeps it)."""
    led = [(p, m) for _item, p in kept if (m := _NICK_DASH_LEAD_RE.match(p.title))]
    if len(led) < 3 or 2 * len(led) < len(kept):
        return
    for p, m in led:
        if len(p.title[m.end() :].split()) >= 3:
            p.title = p.title[m.end() :]


# A glossary's entry: a short term (an abbreviation, one or two words) and a colon, then what it stands for, linked.
_GLOSSARY_TERM_RE = re.compile(r"[\w][\w.+&/-]{0,11}(?: [\w.+&/-]{1,11})?:\s+\S")
GLOSSARY_MIN = 8


# A publisher and a year in brackets, all a citation gives after its title: "(Springer, 2004)", "(Cambridge University
# Press, 2009)" (a book; a paper names its journal, volume and pages, or its proceedings)
_PUBLISHER_YEAR_RE = re.compile(
    r"\s*,?\s*\((?:[A-Z][\w.&'’-]*\s+){0,3}(?:Press|Springer|Wiley|Oxford|Cambridge|Elsevier|Verlag|Publishers|Publishing|"
    r"Birkhäuser|Dover|Addison-Wesley|McGraw-Hill|Prentice[ -]Hall|World Scientific)(?:\s+[A-Z][\w.&'’-]*){0,3},\s*"
    r"(?:19|20)[0-9]{2}\)[.\s]*"
)


REPEAT_BUDGET = 40_000  # (references times titles compared, at most: a long bibliography is left as it is)
REPEAT_CHARS_BUDGET = 40_000_000  # (titles times the references' characters looked through, at most)


def _without_reference_repeats(kept: list[tuple[Item, ImportedPaper]]) -> list[tuple[Item, ImportedPaper]]:
    """A closing list of references (``## Paper references`` / ``[12] Reed S. et al., 2022, Gato - A generalist agent,
    URL``) cites again the papers the article listed above it: an entry there without an arXiv id whose text holds the
    title of a paper listed outside it (three words or more) is that paper again, not one of its own."""
    closing = [_closing_list_heading(item.section) for item, _p in kept]
    if not any(closing):
        return kept
    listed = {_key(p.title) for (_item, p), c in zip(kept, closing) if not c and len(p.title.split()) >= 3}
    refs = [k for k, (_item, p) in enumerate(kept) if closing[k] and not p.arxiv]
    if not listed or not refs or len(listed) * len(refs) > REPEAT_BUDGET:
        return kept
    said = {k: _key(kept[k][0].head.block.text) for k in refs}  # (each reference's key once, not once a title)
    if len(listed) * sum(len(text) for text in said.values()) > REPEAT_CHARS_BUDGET:
        return kept  # (a few references thousands of characters long: left as they are too)
    drop = {k for k in refs if any(key in said[k] for key in listed)}
    return [pair for k, pair in enumerate(kept) if k not in drop]
# A section named only as a list of books, in Chinese, English or both ("## 书籍 Book", "### 📚 Books", "## 教材")
_BOOKS_SECTION_RE = re.compile(
    r"[^\w]{0,4}(?:(?:书籍|图书|教材|(?:text)?books?)\s*){1,2}[:：]?", re.IGNORECASE
)


def _books_section(section: str) -> bool:
    """``## 书籍 Book`` / ``1. [Foundations of Large Language Models](arXiv)``: the items of a section that names them
    books are books the list recommends, none a paper (even one that is on arXiv)."""
    return len(section) <= 24 and _BOOKS_SECTION_RE.fullmatch(section.strip()) is not None


def _book_citation(b: Block) -> bool:
    """``H. Lee and B. Wu, *The Theory of Open Systems* (Oxford, 2002).``: a citation whose italic title is followed
    by nothing but its publisher and year in brackets: a book the list cites, no paper."""
    if not b.emph or "(" not in b.text or b.links:
        return False
    at = b.text.find(b.emph)
    return at > 0 and _PUBLISHER_YEAR_RE.fullmatch(b.text, at + len(b.emph)) is not None


def _glossary_lines(lines: list[Line]) -> set[int]:
    """The lines of a glossary (``* CNN: [Convolutional Neural Network](wiki)``, ``* MAF: [Masked Autoregressive
    Flows](arXiv)``): a list of eight or more top-level items, each a term, its colon and a linked name, most of them
    linking no arXiv paper. Its links explain its terms (a few of them with the paper that named one): no papers."""
    out: set[int] = set()
    k = 0
    while k < len(lines):
        if lines[k].block.kind != "item" or lines[k].block.level != 1:
            k += 1
            continue
        j = k
        while j < len(lines) and lines[j].block.kind == "item" and lines[j].block.level == 1:
            j += 1
        run = lines[k:j]
        terms = [line for line in run if line.block.links and _GLOSSARY_TERM_RE.match(line.bare)]
        if len(terms) >= GLOSSARY_MIN and len(terms) >= 0.8 * len(run) and 4 * sum(bool(line.refs) for line in terms) <= len(
            terms
        ):
            out.update(id(line) for line in terms)
        k = j
    return out


def _paper_fields(lines: list[Line]) -> frozenset[str]:
    """The names of the fields that give a paper's own link in the article ("- [x] 论文地址: [URL](arXiv)")."""
    return frozenset(
        name for line in lines if line.refs and line.block.kind == "item"
        and PAPER_WORD_RE.fullmatch(name := line.bare.rstrip(":： ")) is not None
    )


def _empty_paper_field(item: Item, fields: frozenset[str]) -> bool:
    """A heading over such a field left empty ("### 3. GAN" / "- [ ] 论文地址", a to-do list's paper still to read)."""
    return item.head.block.kind == "heading" and any(
        line.block.kind == "item" and not line.block.links and line.bare.rstrip(":： ") in fields for line in item.body[:3]
    )


def _without_intro_repeats(lines: list[Line], kept: list[tuple[Item, ImportedPaper]]) -> list[tuple[Item, ImportedPaper]]:
    """The page's intro, under its title and before its first section heading (a banner of links, badges, a
    paragraph on the list: "we also wrote a survey ([Title](arXiv)), please cite it"), is no entry of a list that
    gives the same paper again below: one or two headings or prose lines there, then a list of five papers or more,
    the paper is where the list gives it (its section, its title)."""
    first = next((k for k, line in enumerate(lines) if line.block.kind == "heading" and line.block.level >= 2), -1)
    if first <= 0:
        return kept
    intro_lines = {id(line) for line in lines[:first]}
    intro = [
        (item, p) for item, p in kept if id(item.head) in intro_lines
    ]
    if not intro or len(intro) > 2 or len(kept) - len(intro) < 5 or any(
        not p.arxiv or item.head.ordinal is not None or item.head.block.kind not in ("heading", "para") for item, p in intro
    ):
        return kept
    later = {p.arxiv for item, p in kept if id(item.head) not in intro_lines}
    return [(item, p) for item, p in kept if id(item.head) not in intro_lines or p.arxiv not in later]


def _without_essay_citations(lines: list[Line], kept: list[tuple[Item, ImportedPaper]]) -> list[tuple[Item, ImportedPaper]]:
    """An essay (a blog post, lecture notes) that ends in its own list of the works it cites, under a last heading such
    as "References" or "Further reading" (three arXiv papers or more there), and whose body cites papers only in its
    prose: by their authors (``([Wei et al. 2022](arXiv))``, a figure's "(Image source: [Lee et al. 2023](…))"), by a
    name or a phrase (``[**HNSW**](arXiv)``, ``[sentiment-bearing words](arXiv)``), never by a title nor a label
    (``[paper](arXiv)``): the closing list is the article's list of papers, the body's citations are asides."""
    end = next((k for k in range(len(lines) - 1, 0, -1) if lines[k].block.kind == "heading"
                and CLOSING_LIST_RE.fullmatch(lines[k].bare)), -1)
    if end <= 0 or any(line.block.kind == "heading" and line.block.level <= lines[end].block.level for line in lines[end + 1 :]):
        return kept
    body = {id(line) for line in lines[:end]}
    if sum(1 for item, p in kept if p.arxiv and id(item.head) not in body) < 3:
        return kept
    if sum(1 for line in lines[:end] if line.refs and line.label and _paper_field(line.block.text)) >= 2:
        return kept  # (its papers each given on a field of their own, "**Paper:** [arXiv:ID](…)": a list, no essay)
    if sum(1 for item, p in kept if p.arxiv and id(item.head) in body and item.head.block.kind == "heading" and (
        item.head.refs
    )) >= 2:
        return kept  # (its papers each a heading that gives its id, "### 论文 1：Title（arXiv:ID）": read one by one)
    cites = [  # (a title that notes its id, "[Title (arXiv:ID)](…)", is still a title)
        _without_refs(t.strip(" *_")) or t.strip(" *_") for line in lines[:end] for _a, t in line.refs
    ]
    if not cites or any(_is_label(t) for t in cites) or sum(
        1 for t in cites
        if _good_link_text(t) and len(t.split()) >= 3 and not t[:1].islower() and not AUTHOR_YEAR_RE.fullmatch(t)
    ) > 0.25 * len(cites):
        return kept
    return [(item, p) for item, p in kept if id(item.head) not in body]


PAPER_FIELD_RE = re.compile(r"\s*\**\s*(?P<name>[^:：*]{1,20}?)\s*\**\s*[:：]")


def _paper_field(text: str) -> bool:
    """``**Paper:** …``, ``论文链接：…``: a line led by the field of a paper's own link."""
    m = PAPER_FIELD_RE.match(text)
    return m is not None and PAPER_LABEL_RE.fullmatch(m.group("name").strip()) is not None


def _without_dataset_rows(lines: list[Line], kept: list[tuple[Item, ImportedPaper]]) -> list[tuple[Item, ImportedPaper]]:
    """A table of datasets (``| Dataset | Download | Paper |``) cites in its Paper column the paper that made each one,
    often by a short name (``[MM-Det](arXiv)``): where the article lists that paper again, elsewhere than in such a
    table (its methods' list, in full), the paper is listed there, its section and title; the dataset's row is none."""
    dataset_rows: set[int] = set()
    datasets = False
    for line in lines:
        b = line.block
        if b.kind == "row" and b.header:
            datasets = bool(b.cells) and DATASET_HEADER_RE.fullmatch(b.cells[0]) is not None
        elif b.kind == "row" and datasets:
            dataset_rows.add(id(line))
        elif b.kind != "row":
            datasets = False
    if not dataset_rows:
        return kept
    others = [p for item, p in kept if id(item.head) not in dataset_rows]
    listed = {p.arxiv for p in others if p.arxiv}
    # (or by a name its full title holds, where the title or a part of it after a colon starts: "[BrokenVideos](ACM)" →
    # "BrokenVideos: …", "[Preserving Forgery Artifacts](…)" → "Nick: Preserving Forgery Artifacts: …"; sorted, each
    # name looked up once, whatever the table's size)
    starts = sorted(_key(p.title[m.end() :]) for p in others for m in re.finditer(r"(?:^|[:：])\s*", p.title))
    return [
        (item, p) for item, p in kept if id(item.head) not in dataset_rows or not (
            p.arxiv in listed or (not p.arxiv and len(key := _key(_row_lead(item) or p.title)) >= 6 and _starts_one(key, starts))
        )
    ]


def _starts_one(key: str, starts: list[str]) -> bool:
    """One of the sorted keys ``starts`` begins with ``key``."""
    at = bisect_left(starts, key)
    return at < len(starts) and starts[at].startswith(key)


def _row_lead(item: Item) -> str:
    """The text that leads a row's title cell (its link's or its bold text), else ""."""
    b = item.head.block
    return b.leads[item.title_col] if 0 <= item.title_col < len(b.leads) else ""


def _title_list(lines: list[Line], page_title: str | None) -> list[tuple[str, ImportedPaper]]:
    """An article with no arXiv reference and no paper of any other shape that is a list of paper titles (``- Title``,
    ``* Title ([presenter](notes.md))``, ``**[Title](its notes)**``, a ``### Title[Venue'19]`` heading over its notes):
    each listed title is a paper, kept by title under the heading above it. Only when five or more top-level list
    items, bold lines or last-level headings in English are titles, most of them, in title case mostly: a list of notes
    or of sentences is still no list of papers."""
    next_level = [0] * len(lines)  # the level of the next heading after each line (0: none)
    level = 0
    for k in range(len(lines) - 1, -1, -1):
        next_level[k] = level
        if lines[k].block.kind == "heading":
            level = lines[k].block.level
    listed: list[tuple[str, str]] = []
    stack: list[tuple[int, str]] = []
    for k, line in enumerate(lines):
        b = line.block
        text, section = "", ""
        if b.kind == "heading":
            section = _close_sections(stack, b.level)  # (a heading is listed under the one above it)
            if b.level == 1 and line.bare == page_title:
                continue
            if b.level > 1 and (not next_level[k] or next_level[k] <= b.level) and not _over_listed_title(lines, k):
                text = line.bare  # (a heading over none of its own, nor over a list of titles: their section)
            stack.append((b.level, _section_name(line)))
        elif (b.kind == "item" and b.level == 1) or (b.kind == "para" and b.strong and b.strong == b.text):
            navigation = b.links and all(link.href[:1] == "#" for link in b.links)  # (a table of contents' entry)
            text = "" if navigation else line.bare
            section = stack[-1][1] if stack else "Papers"
        if text and _latin_share(text) >= 0.5:  # (a note in Chinese under a title is no candidate)
            listed.append((section, _strip_authors(_clean_title(text))))
    titled = [(s, t) for s, t in listed if _listed_title(t)]
    cased = sum(1 for _s, t in titled if _title_case(t.split()))
    if len(titled) < 5 or len(titled) < 0.6 * len(listed) or cased < 0.5 * len(titled):
        return []
    return [(s, ImportedPaper(t[:TITLE_MAX])) for s, t in titled]


def _over_listed_title(lines: list[Line], k: int) -> bool:
    """The line under heading ``k`` is a top-level list item that is a listed title (``## Superposition`` /
    ``* Finding Neurons In A Haystack (Ann Lee et al)``): the heading names the list, it is no title itself."""
    if k + 1 >= len(lines):
        return False
    b = lines[k + 1].block
    return b.kind == "item" and b.level == 1 and _listed_title(_strip_authors(_clean_title(lines[k + 1].bare)))


def _listed_title(title: str) -> bool:
    """An English paper title as a list gives it: three to thirty words, no sentence."""
    words = title.split()
    return 3 <= len(words) <= 30 and _title_like(title.rstrip("?？!！")) and title[-1:] != "." and ". " not in title and (
        _latin_share(title) >= 0.8
    )


def grouped(entries: list[tuple[str, ImportedPaper]]) -> list[tuple[str, list[ImportedPaper]]]:
    """Papers in article order, as sections: each run of papers with one section name."""
    sections: list[tuple[str, list[ImportedPaper]]] = []
    for name, paper in entries:
        if sections and sections[-1][0] == name:
            sections[-1][1].append(paper)
        else:
            sections.append((name, [paper]))
    return sections


def parse_digest(text: str) -> Imported:
    return build(read_document(text))
