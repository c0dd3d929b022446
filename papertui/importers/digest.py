"""Paper-digest articles (blog posts, markdown, text copied from a web page) -> a list.

How an article is read:

- Items are numbered lines: ``1、`` ``1.`` ``3)`` ``（3）`` ``### 1.`` ``**1.**`` or markdown
  table rows with a number cell; the text after the number is the title (a markdown
  link's text when there is one). The item runs until the next item or section.
- A section heading is a short line (or a markdown heading) that is not an item and
  is followed by an item: plain, without sentence punctuation.
- Site boilerplate is dropped: image file names, like/comment/share widgets, QR-code
  and author blurbs, and everything after a "recommended reading" marker.
- The item's own arXiv id is the link whose surrounding words best match the title
  (the first arXiv link when none does); other arXiv links in it become ``related``.
- The item's text, without link lines and link labels, becomes its summary.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import clean_line, normalize_arxiv
from . import Imported, ImportedPaper
from .simple import ARXIV_ANY_RE

ITEM_RE = re.compile(
    r"""^\s*(?:\#{1,6}\s*)?(?:\*\*)?\s*
        (?:第\s*)?[(（]?\s*(?P<num>\d{1,3})\s*(?:[、:：)）]|[.．](?!\d)|\s*篇)\s*(?:\*\*)?\s*
        (?P<title>\S.*)$""",
    re.VERBOSE,
)
TABLE_ROW_RE = re.compile(r"^\s*\|(.+)\|\s*$")
MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
MD_LINK_RE = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
URL_RE = re.compile(r"https?://[^\s)）\]>\"'，。]+")
IMAGE_RE = re.compile(
    r"^\s*(?:!\[[^\]]*\]\([^)]*\)|!?\[?[\w\-./]*\.(?:png|jpe?g|gif|webp|svg|bmp)\)?)\s*$", re.I
)
END_MARKERS = re.compile(
    r"^(?:往期(?:精彩|推荐|回顾)|推荐阅读|相关阅读|延伸阅读|更多(?:精彩|阅读)|精选文章|热门文章|"
    r"recommended reading|related (?:posts|articles|reading)|read more|you may also like|further reading)",
    re.I,
)
BOILERPLATE = re.compile(
    r"(点赞|收藏|评论|分享|转发|在看|关注我们|点击蓝字|阅读原文|扫码|二维码|一键三连|打赏|"
    r"觉得还不错|版权声明|作者简介|原文链接|本文来源|免责声明|公众号|知乎|"
    r"^\s*\d+\s*$|^\s*[•·]\s*\d+\s*$|^like$|^share$|^comment|^subscribe|^follow us|^sign up|"
    r"^作者[:：]|^编辑[:：]|^来源[:：]|^source[:：]|^author[:：]|^image:|^figure \d|^图\s*\d)",
    re.I,
)
LINK_LABEL_RE = re.compile(r"^\s*(?:文章链接|论文链接|论文地址|项目地址|代码地址|链接|paper|link|arxiv|code|pdf)\s*[:：]?\s*$", re.I)
SENTENCE_END = "。！？!?；;，,"
OWN_LINK_MARK = "\x00own\x00"
COMMON_BIGRAMS = set("模型 语言 论文 大型 方法 研究 我们 一个 基于 学习 数据 训练 任务 性能 使用 通过 提出 实验 结果 问题".split())
STOP_WORDS = {
    "the", "and", "for", "with", "from", "via", "are", "is", "of", "in", "on", "to", "an", "as", "at", "by",
    "llm", "llms", "paper", "papers", "model", "models", "arxiv", "https", "http", "org", "abs", "pdf", "com",
    "github", "www", "this", "that", "we", "it",
}


def _is_boilerplate(line: str) -> bool:
    return bool(IMAGE_RE.match(line) or (len(line) <= 40 and BOILERPLATE.search(line)))


def _item(line: str) -> tuple[int, str] | None:
    """``(number, title)`` for an item line."""
    row = TABLE_ROW_RE.match(line)
    if row:
        cells = [c.strip() for c in row.group(1).split("|")]
        if cells and re.fullmatch(r"\d{1,3}", cells[0]) and len(cells) >= 2:
            title_cell = next((c for c in cells[1:] if c and not URL_RE.fullmatch(c)), "")
            return int(cells[0]), title_cell + " " + " ".join(c for c in cells[1:] if c != title_cell)
        return None
    m = ITEM_RE.match(line)
    if not m:
        return None
    title = m.group("title").strip().strip("*").strip()
    # "1. 2024" or a bare number sentence is not an item; nor is a long sentence.
    if not title or title[0] in SENTENCE_END or len(title) > 300:
        return None
    return int(m.group("num")), title


def _section_name(line: str) -> str | None:
    """The text of a line that could head a section (not yet checked for what follows)."""
    m = MD_HEADING_RE.match(line)
    text = (m.group("text") if m else line).strip().strip("*").strip()
    if not text or len(text) > 40 or URL_RE.search(text) or text[-1] in SENTENCE_END or text[0] in "|>-+":
        return None
    if any(p in text for p in "。！？"):
        return None
    return clean_line(text)


def _clean_title(raw: str) -> tuple[str, list[str]]:
    """Title text and the URLs in the heading line."""
    urls = [u for _t, u in MD_LINK_RE.findall(raw)] + URL_RE.findall(MD_LINK_RE.sub("", raw))
    md = MD_LINK_RE.match(raw.strip().lstrip("*_"))
    title = md.group(1) if md else URL_RE.sub("", MD_LINK_RE.sub("", raw))
    title = re.sub(r"[*_`]+", "", title)
    title = re.sub(r"\s*[|(（\[]\s*[)）\]]?\s*$", "", title)
    return clean_line(title).strip(" -–—:：|"), urls


def _title_words(title: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9\-]{1,}", title)}
    words -= {"the", "and", "for", "with", "from", "via", "are", "is", "of", "in", "on", "to", "a", "an", "llm", "llms"}
    cjk = re.findall(r"[\u4e00-\u9fff]{2,}", title)
    return words | ({c[i : i + 2] for c in cjk for i in range(len(c) - 1)} - COMMON_BIGRAMS)


def _latin_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z0-9\-]+", URL_RE.sub(" ", text).lower()) if w not in STOP_WORDS]


def _pick_own_link(title: str, body: list[str], hits: list[tuple[str, str]]) -> int:
    """Index of the item's own paper among ``(arxiv, context)`` hits.

    A link whose surrounding words are the title's wins; else the one whose words
    the item talks about most (a digest names its own paper again and again, and
    the papers it merely cites once or twice); ties go to the first link. The context
    is the text around the link on its line.
    """
    words = _title_words(title)
    freq = Counter(_latin_words(" ".join(body)))
    best, best_score = 0, 0.0
    for k, (_arxiv, context) in enumerate(hits):
        ctx = URL_RE.sub(" ", context).lower()
        named = _latin_words(ctx)
        score = 10.0 * sum(1 for w in words if w in ctx) + max((freq[w] for w in named), default=0)
        if context.startswith(OWN_LINK_MARK):
            score += 15.0
        if score > best_score:
            best, best_score = k, score
    return best


def parse_digest(text: str) -> Imported:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if END_MARKERS.match(stripped.lstrip("#*> ").strip()):
            break
        if not stripped or _is_boilerplate(stripped):
            kept.append("")
            continue
        kept.append(stripped)

    nonblank = [i for i, line in enumerate(kept) if line]
    items_at = {i: _item(kept[i]) for i in nonblank}
    # A heading for a section: a candidate line whose next non-blank line is an item,
    # and either a markdown heading or followed by item 1 (the numbering restarts).
    section_at: dict[int, str] = {}
    for pos, i in enumerate(nonblank[:-1]):
        if items_at[i] is not None:
            continue
        nxt = nonblank[pos + 1]
        item = items_at[nxt]
        if item is not None and (MD_HEADING_RE.match(kept[i]) or item[0] == 1):
            name = _section_name(kept[i])
            if name:
                section_at[i] = name
    title = None
    if nonblank and items_at[nonblank[0]] is None and nonblank[0] not in section_at:
        first = kept[nonblank[0]]
        found = MD_HEADING_RE.match(first) or re.match(r"(?P<text>.*)", first)
        assert found is not None  # ((?P<text>.*) matches anything)
        first_text = found.group("text").strip("*# ")
        if len(first_text) <= 80 and first_text[-1:] not in "。.!！":
            title = clean_line(first_text)
    # Items need to look like a numbered run: drop isolated numbers far from the rest.
    numbered = [i for i in nonblank if items_at[i] is not None]

    sections: list[tuple[str, list[ImportedPaper]]] = []
    current_section = "Papers"
    bodies: list[tuple[str, str, list[str]]] = []  # (section, heading, body lines)
    for i in nonblank:
        if i in section_at:
            current_section = section_at[i]
            continue
        if items_at[i] is not None:
            bodies.append((current_section, kept[i], []))
            continue
        if bodies:
            bodies[-1][2].append(kept[i])
    del numbered

    for section, heading, body in bodies:
        _num, raw_title = _item(heading)  # type: ignore[misc]
        title_text, heading_urls = _clean_title(raw_title)
        hits: list[tuple[str, str]] = []
        for url in heading_urls:
            a = _arxiv_of(url)
            if a:
                hits.append((a, title_text))
        summary_lines = []
        for line in body:
            alone = not URL_RE.sub("", MD_LINK_RE.sub("", line)).strip(" :：()（）") or LINK_LABEL_RE.match(
                URL_RE.sub("", line).strip()
            )
            for m in ARXIV_ANY_RE.finditer(line):
                a = normalize_arxiv(m.group(1))
                if a and a not in [h[0] for h in hits]:
                    # A link on a line of its own ("Paper: <url>") is how digests give an item's paper.
                    context = line[max(0, m.start() - 60) : m.end() + 60]
                    hits.append((a, OWN_LINK_MARK + context if alone else context))
            rest = MD_LINK_RE.sub(lambda m: m.group(1), line)
            rest = URL_RE.sub("", rest).strip()
            if rest and not LINK_LABEL_RE.match(rest) and not re.fullmatch(r"[\s()（）:：,，.。]*", rest):
                summary_lines.append(rest)
        arxiv = None
        related: list[tuple[str, str | None]] = []
        if hits:
            own = 0 if heading_urls and _arxiv_of(heading_urls[0]) else _pick_own_link(title_text, body, hits)
            arxiv = hits[own][0]
            related = [(f"arXiv:{a}", a) for k, (a, _c) in enumerate(hits) if k != own]
        if not title_text:
            continue
        paper = ImportedPaper(title=title_text, arxiv=arxiv, summary="\n".join(summary_lines).strip(), related=related)
        if sections and sections[-1][0] == section:
            sections[-1][1].append(paper)
        else:
            sections.append((section, [paper]))
    return Imported("digest", title, sections)


def _arxiv_of(url: str) -> str | None:
    m = ARXIV_ANY_RE.search(url)
    return normalize_arxiv(m.group(1)) if m else None
