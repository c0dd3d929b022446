"""Read an article into blocks: headings, list items, table rows and paragraph lines.

The first step of the article importer (read → **blocks** → items → list). Markdown (and
plain text, which is Markdown without markup) is rendered to HTML by cmark-gfm, the C
library GitHub uses (tables, bare links); HTML, rendered or fetched, is read by lexbor
(selectolax). Both are C and linear: a 1.2 MB Markdown digest takes ~0.06 s to render and
~0.04 s to parse, where markdown-it-py took 1.4 s (measured on this machine, Nov 2026), and
the walk below is one pass over the nodes, without recursion (deep HTML cannot overflow it).

A block is one *line* as a reader sees it: each line of a paragraph is its own block
(lines of one paragraph share ``para``), so digests that put one field per line
(title, then ``Paper: URL``) keep their shape. Links keep their target and their text;
a line that starts in bold keeps that bold text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from ..arxiv_ids import normalize
from ..model import abs_url, clean_line  # (the importers' modules take it from here)
from .shapes import LABEL_RE

# YAML front matter (--- … ---) or Hugo's TOML (+++ … +++, "title = …")
FRONT_MATTER_RE = re.compile(
    r"\A(?:---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n(?P<toml>.*?)\r?\n\+\+\+)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL,
)
FRONT_TITLE_RE = re.compile(r"^title\s*[:=]\s*(?P<title>.+?)\s*$", re.MULTILINE | re.IGNORECASE)
# A metadata header without fences (Pelican, MultiMarkdown): "Title: …" first, then more page fields ("Date: …",
# "year: 2024"), one a line, down to the first blank line. (A line's trailing spaces are its [^\n]*'s alone: a
# [ \t]* after it split them every way, quadratic in a long run of them.)
_META_KEYS = r"(?:date|year|modified|authors?|category|categories|tags|keywords|slug|summary|description|lang|status|template|layout)"
META_HEADER_RE = re.compile(
    rf"\A(?P<body>title[ \t]*:[ \t]*\S[^\n]*(?:\n{_META_KEYS}[ \t]*:[ \t]*\S[^\n]*)+)(?:\n[ \t\r]*\n|\Z)",
    re.IGNORECASE,
)
HTML_SNIFF_RE = re.compile(r"\A\s*(?:<!doctype\s|<html|<head|<body|<meta)", re.IGNORECASE)
# A fragment that starts with a block tag is HTML unless it holds Markdown (a GitHub README opens
# with <div align="center"> and goes on in Markdown).
HTML_FRAGMENT_RE = re.compile(r"\A\s*<(?:article|div|section|table|p)\b", re.IGNORECASE)
MARKDOWN_SIGN_RE = re.compile(r"^ {0,3}#{1,6}[ \t]|\]\((?:https?:|#|\.{0,2}/)|^ {0,3}(?:[-*+]|[0-9]{1,3}\.)[ \t]+\S", re.MULTILINE)

FENCE_RE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
# A field set off by a square mark and a bar, as a WeChat post writes a paper's card ("■ 论文 | Title", "■ 链接 | URL",
# "▪ Paper | Title"): read as the field it is ("论文：Title").
FIELD_BAR_RE = re.compile(r"[■□▪▫◆◇►▶]\s*([^\W\d_]{1,8}|[A-Za-z]+(?: [A-Za-z]+)?)\s*[|｜]\s*(?=\S)")
_FIELD_MARKS = frozenset("■□▪▫◆◇►▶")


def fence_lines(text: str, start: int = 0, end: int | None = None) -> int:
    """``len(FENCE_RE.findall(text, start, end))``: the lines that open or close a fenced code block, found from
    their ``` and ~~~ (a pattern anchored at ^ is tried at every character: 10 ms a megabyte)."""
    end = len(text) if end is None else end
    count = 0
    for mark in ("```", "~~~"):
        at = text.find(mark, start, end)
        while at >= 0:
            k = at
            while k > 0 and at - k < 3 and text[k - 1] == " ":
                k -= 1
            if k >= start and (k == 0 or text[k - 1] == "\n"):  # (at most three spaces after a line's start)
                count += 1
            at = text.find(mark, at + 1, end)
    return count
# A definition list (kramdown, PHP Markdown Extra, Pandoc: a term, then ": its definition" lines), which
# cmark-gfm does not know: each definition is read as a list item under its term.
# A line of one "-": an empty bullet left by a copied page, not a setext underline ("**4. 思路？**" / "- ").
LONE_DASH_RE = re.compile(r"^-[ \t]*$", re.MULTILINE)
CALLOUT_RE = re.compile(r"^([ \t]*(?:>[ \t]*)+)\[![A-Za-z][\w-]*\][+-]?[ \t]*", re.MULTILINE)  # Obsidian / GitHub
# An Obsidian wikilink with the text it shows ("[[OWLv2|OWLv2 / OWL-ST]]", "[[Note\\|Shown]]" in a table)
WIKILINK_ALIAS_RE = re.compile(
    r"(?P<embed>!?)\[\[[^\[\]\n|]{1,200}?\\?\|[ \t]*(?P<alias>[^\[\]\n]{1,300}?)[ \t]*\]\](?![(\[])"
)


# A wiki's link to one of its pages right before emphasis, "[[Ann Lee]]_Title_" (nLab): emphasis to the wiki, not
# to CommonMark (an underscore after "]]" and before a letter... opens none there); and an anchor set on a line,
# "{#Orlov}" (kramdown's and nLab's attribute list): no text.
WIKILINK_EMPH_RE = re.compile(r"(?<=[^\[\]\n|])\]\](?=[_*][^\W_])")
ANCHOR_IAL_RE = re.compile(r"\{#[A-Za-z][\w:.-]{0,80}\}[ \t]*")
# A Hugo / Quarto shortcode on a line of its own ("{{< video https://… >}}", "{{% notice %}}"): a macro of the site
# generator, not text (never the article's first line, its title or a paper).
SHORTCODE_LINE_RE = re.compile(r"^[ \t]*\{\{(?:<[^\n]{0,400}?>|%[^\n]{0,400}?%)\}\}[ \t]*$", re.MULTILINE)


def _wikilink(m: re.Match) -> str:
    return "" if m.group("embed") else m.group("alias")  # ("![[Image 3.webp|图片]]": an embedded image, dropped)
# A link split between its text and its target by a line break ("**[Title]" / "(https://arxiv.org/abs/…)**", a
# generated digest's bold link) or a space ("[Title] (https://…)"): CommonMark reads plain text and a bare URL; it is
# the link it was written as. (Its text may hold one level of brackets, "[[ArXiv] Title]"; a task box, "[x]", is none.)
# So is one whose target a Chinese input method bracketed in full-width parentheses ("[Title]（https://…）").
SPLIT_LINK_RE = re.compile(
    r"(?<![\\!])\[(?P<text>(?:[^\[\]\n]++|\[[^\[\]\n]*+\])++)\]"
    r"(?:(?:[ \t]*+\n[ \t]*+|[ \t]++)(?=\(https?://[^\s()<>]+\))|[ \t]*+（(?P<url>https?://[^\s()<>（）]+)）)"
)

# What each match of SPLIT_LINK_RE ends with, from its "]": looked for first (a literal first, found at C speed), as the
# whole pattern, tried at each "[" of the text, takes 50 ms a megabyte.
_SPLIT_TAIL_RE = re.compile(r"\](?:[ \t]*\n[ \t]*|[ \t]+)\(https?://|\][ \t]*（https?://")


# A bare URL in square brackets, alone ("[https://arxiv.org/pdf/ID]" on the line under a title): CommonMark's autolink
# leaves it plain text; it is a link shown as its URL (not a link's text "[URL](…)", a reference "[URL][x]" or "[URL]:")
BRACKETED_URL_RE = re.compile(r"(?<![\\!\]\[])\[(https?://[^\s\[\]()<>]{1,2000})\](?![(\[:])")


def _split_link(m: re.Match) -> str:
    text = m.group("text")
    if len(text.strip()) <= 1:
        return m.group(0)
    return "[" + text + "](" + m.group("url") + ")" if m.group("url") else "[" + text + "]"
DEFINITION_RE = re.compile(r"^( {0,3}):[ \t]+(?=\S)", re.MULTILINE)
EMPTY_DEFINITION_RE = re.compile(r" {0,3}:[ \t]*$")
# A definition's term: a line of text, not one that opens a block of its own (a heading, a list item, a quote,
# a table row, HTML, a fence).
TERM_RE = re.compile(r"(?![ \t]*(?:#|[-*+>|<:`~]|\d{1,9}[.)](?:\s|$)))[ \t]{0,3}\S")
INDENTED_HTML_RE = re.compile(r"^[ \t]+(?=</?[A-Za-z][\w-]*[\s>/])", re.MULTILINE)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Tags that end a line; those that open a new paragraph too.
LINE_TAGS = {"br", "hr"}
_RULED_LABEL_RE = re.compile(r"[^\W\d_][^.!?。！？:：]{1,50}[:：]?")  # a short label, no sentence: "Other Publications"
PARA_TAGS = {
    "p", "div", "li", "tr", "blockquote", "section", "article", "pre", "dt", "dd", "ul", "ol", "table",
    "main", "header", "figure", "details", "summary", "center", "body", *HEADINGS,
}
# Site chrome and non-text: never part of an article.
SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "button", "select",
    "iframe", "head", "title", "figcaption", "img", "video", "audio", "canvas", "math", "textarea", "input", "noembed",
    "noframes",
}
# Class or id words of site chrome, matched as whole words of the name ("share-bar", "footer_links"), so a
# wrapper named "newsletter-body" or "email-container" is read.
SKIP_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:subscribe|subscription|signup|share|sharing|social|comments?|footer|sidebar|related|"
    r"recommend(?:ed|ations)?|buttons?|btn|unsubscribe|nav|navbar|menu|cookie|ad|ads|advert|tags|keywords)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A bibliography's citation key, one word (a Sphinx ``<dt>``: "Bar16", "MBM+20", "BoschArmstrongBickerton+18")
_CITATION_KEY_RE = re.compile(r"\[?[A-Za-z][\w.+\-]{0,46}[0-9]{2}[a-z]?\]?")
# A card's own footer (``<div class="paper-card-footer">``, Bootstrap's ``card-footer``): its links and tags are
# the card's (the paper's arXiv link), not the site's footer.
CARD_FOOTER_RE = re.compile(r"(?:[\w-]*[_-])?card[_-]footer", re.IGNORECASE)
# A page that names its papers' arXiv ids in attributes only (a "favourite" button's data-arxiv-id="2312.00738v2"):
# each such attribute is a link to that paper where the element stands. Looked for in elements only when the
# page holds one (one scan of the text).
ARXIV_ATTR_RE = re.compile(r"\sdata-[\w-]*arxiv[\w-]*\s*=", re.IGNORECASE)
# A redirect's target in its query (what a search engine's or an alert's link leads to): "?url=https://…&hl=en"
REDIRECT_RE = re.compile(r"^https?://[^?#]*\?(?:[^#&]*&)*?(?:url|q|u|target|dest)=(?P<target>https?(?::|%3[Aa])[^&#]+)")
# A sign-in page that leads back to a page of its site once signed in ("huggingface.co/login?next=%2Fpapers%2FID")
_LOGIN_NEXT_RE = re.compile(
    r"^(?P<site>https?://[^/?#]+)/[^?#]*(?:log-?in|sign-?in|auth)[^?#]*\?(?:[^#&]*&)*?"
    r"(?:next|redirect|redirect_to|return_to|returnTo|continue)=(?P<path>(?:/|%2[Ff])(?!/|%2[Ff])[^&#]+)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w")
_URL_TEXT_RE = re.compile(r"https?://[^\s\[\]()<>]+")
# A link that lost its scheme: a host on a common top-level domain, then a path ("sciencedirect.com/science/…")
_SCHEMELESS_RE = re.compile(r"(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|ai|cn|uk|de|fr|jp)/", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")
_BREAKS_RE = re.compile(r"[\t\n\r\f\v]+")
_ROW_TAGS = {"a", "strong", "b", "em", "i", "td", "th", "tr"}
_NAV_LEFT_RE = re.compile(
    r"(?:\s*[\[(（【]\s*[\])）】])+\s*$|[\s|·•:：\-–—]+$|^\s*(?:[\[(（【]\s*[\])）】]\s*)+|^[\s|·•:：\-–—]+"
)
# Inline tags: inside a cell they part no words ("E<sup>2</sup>VPT", "<i>A</i>ttention"); the others a space.
_INLINE_TAGS = frozenset({
    "i", "em", "sup", "sub", "span", "code", "small", "u", "s", "mark", "abbr", "kbd", "del", "ins", "font", "tt",
    "var", "samp", "strike", "big", "cite", "q",
})
# Tags that only open and close a paragraph (the others in PARA_TAGS each have a case of their own).
_PLAIN_PARA_TAGS = PARA_TAGS - {"td", "th", "tr", "ul", "ol", "li", "dt", "pre", "details", "summary", *HEADINGS}
_LEAD_RE = re.compile(r"\s*(?:[0-9]{1,3}\s*[.)、:]?)?\s*")  # what may stand before a cell's lead: "1)"
# A row holding these is a layout table (e-mail newsletters, old pages): its cells are read as
# blocks of their own, not as one row of a data table.
LAYOUT_TAGS = frozenset({"p", "div", "table", "ul", "ol", "blockquote", *HEADINGS})
_CELL_WRAPPERS = frozenset({"p", "div"})


@dataclass(slots=True)
class Link:
    href: str
    text: str
    alt: str = ""  # a link that is only an image (a badge): the image's alt text ("[![Paper](badge)](url)")


@dataclass(slots=True)
class Block:
    # (_Walker.flush makes each line's block with its fields by position: a new field goes last, or there too)
    kind: str  # "heading" | "item" | "row" | "para" | "code" (a line of a code block: never a paper's head)
    text: str  # the line as read: markup removed, link texts in place
    level: int = 0  # heading level 1-6; list depth (1 = top) for items
    links: list[Link] = field(default_factory=list)
    strong: str = ""  # the bold text the line starts with
    cells: list[str] = field(default_factory=list)  # table rows (a <br> in a cell stays a "\n")
    leads: list[str] = field(default_factory=list)  # each cell's bold or link text that starts it
    emphs: list[str] = field(default_factory=list)  # table rows: each cell's emphasis after its first words
    # ("Ann Lee et al. — *Title*")
    header: bool = False  # a table's header row
    ordered: bool = False  # an item of a numbered list
    number: int = 0  # its number there
    para: int = 0  # the lines of one paragraph (or list item) share this
    strong_open: bool = False  # its bold goes on past the line's end (a hard-wrapped bold title)
    strong_tail: str = ""  # the bold text this line starts with when the line before left it open
    emph: str = ""  # the first bold or italic span inside the line, not at its start (a citation's title)
    filled: int = 0  # table rows: the cells that hold text or a link (a badge: an image in a link, no text)
    lead_emph: str = ""  # the italic span the line starts with ("*Title* [[arxiv, 14.12]](url)")
    banner: bool = False  # table rows: one cell spanning the whole table (``<td colspan="4">Part I: …</td>``)
    quoted: bool = False  # a line of a quote (``> …``, ``<blockquote>``)
    in_item: bool = False  # a later line of a list item (``<li><p>Title</p><p>[arXiv:ID](…)</p></li>``: a loose bullet)
    row: int = 0  # the layout-table row it stands in (a number per row, 0: none) and its cell there: a cell's text
    cell: int = 0  # beside another cell's list (``<td>Topic</td><td><ul><li>Reading</li></ul></td>``) is no label over it
    chip_tail: str = ""  # the inline code span that ends the line, after its words ("[ResNet](…) `team 1`": a tag)


@dataclass
class Document:
    blocks: list[Block]
    title: str | None = None  # from front matter or <title>
    fmt: str = "markdown"  # "markdown" | "html"


# A Jekyll (Liquid) comment, "{% comment %} … {% endcomment %}": what the site never shows
# (found open by open, each with the first end after it: linear, where a lazy ".*?" between them would read to the end
# of the text from each comment left open)
LIQUID_COMMENT_RE = re.compile(r"\{%-?\s*comment\s*-?%\}")
LIQUID_END_COMMENT_RE = re.compile(r"\{%-?\s*endcomment\s*-?%\}")


def _without_liquid_comments(text: str) -> str:
    """``text`` without its Liquid comments, each from its open to the first end after it (one left open: kept)."""
    out: list[str] = []
    last = 0
    pos = 0
    while (m := LIQUID_COMMENT_RE.search(text, pos)) and (end := LIQUID_END_COMMENT_RE.search(text, m.end())):
        out.append(text[last : m.start()])
        last = pos = end.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# A Jekyll (Liquid) tag, "{% include session.html paper="Title" paper_link="URL" %}", "{% assign ppers="A,B" | split:
# "," %}", "{% capture x %}": markup of the site, never shown as written (its body read up to the first "%}", at most
# 4000 characters: linear)
LIQUID_TAG_RE = re.compile(r"\{%-?\s*(?P<name>[a-z]+)\b(?P<body>(?:[^%]|%(?!\})){0,4000})%\}")
LIQUID_OUTPUT_RE = re.compile(r"\{\{(?![<%])[^{}]{0,400}\}\}")  # "{{ "March 4, 2031" | date: "%b %d" }}": a value the page shows
LIQUID_PARAM_RE = re.compile(r"(?P<key>[\w-]+)\s*[=:]\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'|]+))")
LIQUID_SPLIT_RE = re.compile(r"\|\s*split\s*:\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')")
_LIQUID_TITLE_KEYS = ("paper", "paper_title", "papers", "paper_titles")
_LIQUID_LINK_KEYS = ("paper_link", "paper_url", "paper_links", "paper_urls", "link", "url", "links", "urls")


def _liquid_tags(text: str) -> str:
    """``text`` with its Liquid tags read as a page shows them: an ``include`` that passes a paper's title and its link
    (``paper="Title" paper_link="URL"``, or ``papers=ppers paper_links=links`` naming lists an ``assign`` made:
    ``{% assign ppers="Title A,Title B" | split: "," %}``) is that paper's link (``<p><a href="URL">Title</a></p>``, one
    a paper), then what it passes that a ``capture`` holds (``supplementary_content=notes``: the session's notes, shown
    there, not where they were captured); every other tag (``assign``, an include of no paper) shows nothing but the
    captures it passes (``{% include page.html content=body %}``), nor does an output of a value worked out
    (``{{"March 4, 2031" | date: "%b %d, %y" }}``, the session's date). One pass over the tags (a capture in a capture
    kept apart on a stack)."""
    lists: dict[str, list[str]] = {}
    captures: dict[str, str] = {}
    stack: list[tuple[str, list[str]]] = [("", [])]
    last = 0
    for m in LIQUID_TAG_RE.finditer(text):
        stack[-1][1].append(text[last : m.start()])
        last = m.end()
        name, body = m.group("name"), m.group("body").rstrip("- \n")
        if name == "capture":
            stack.append((body.strip(), []))
        elif name == "endcapture" and len(stack) > 1:
            key, parts = stack.pop()
            captures[key] = "".join(parts)
        elif name == "assign":
            if (p := LIQUID_PARAM_RE.search(body)) is not None and p.group("bare") is None:
                sep = LIQUID_SPLIT_RE.search(body, p.end())
                got = _liquid_value(p)
                lists[p.group("key")] = [v.strip() for v in got.split(_liquid_sep(sep))] if sep else [got.strip()]
        elif name == "include":
            stack[-1][1].append(_liquid_include(body, lists, captures))
    stack[-1][1].append(text[last:])
    while len(stack) > 1:  # (a capture never ended: its text where it stands)
        _key, parts = stack.pop()
        stack[-1][1].extend(parts)
    return LIQUID_OUTPUT_RE.sub("", "".join(stack[0][1]))


def _liquid_value(m: re.Match) -> str:
    return next((v for v in (m.group("dq"), m.group("sq"), m.group("bare")) if v is not None), "")


def _liquid_include(body: str, lists: dict[str, list[str]], captures: dict[str, str]) -> str:
    """What an ``include`` tag shows: its paper's links (one a paper), then the captures it passes."""
    params = {p.group("key").lower(): (p.group("bare") is not None, _liquid_value(p)) for p in LIQUID_PARAM_RE.finditer(body)}
    titles = next((_liquid_values(params[k], lists) for k in _LIQUID_TITLE_KEYS if k in params), [])
    links = next((_liquid_values(params[k], lists) for k in _LIQUID_LINK_KEYS if k in params), [])
    out = []
    if titles and len(titles) == len(links):
        out = [f'<li><a href="{_attr(link)}">{_attr(title)}</a></li>' for title, link in zip(titles, links) if title and link]
        out = ["\n<ul>", *out, "</ul>\n"] if out else []
    out.extend(captures[text] for bare, text in params.values() if bare and text in captures)
    return "".join(out)


def _liquid_sep(m: re.Match) -> str:
    """The separator of a Liquid ``| split: ","`` filter (a space for ``" "``)."""
    sep = m.group("dq") if m.group("dq") is not None else m.group("sq")
    return sep or " "


def _liquid_values(param: tuple[bool, str], lists: dict[str, list[str]]) -> list[str]:
    """An include's parameter as a list: a quoted string is one value, a bare name the list an ``assign`` made."""
    bare, text = param
    if bare:
        return lists.get(text, [])
    return [text.strip()]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def read_document(text: str) -> Document:
    """Blocks of ``text`` (Markdown, plain text or HTML, sniffed)."""
    if "{%" in text:
        text = _without_liquid_comments(text)
        if "{% include" in text or "{%- include" in text:
            text = _liquid_tags(text)
    if HTML_SNIFF_RE.match(text) or (HTML_FRAGMENT_RE.match(text) and not MARKDOWN_SIGN_RE.search(text, 0, 200_000)):
        return Document(_walk_html(text), _html_title(text), "html")
    return read_markdown(text)


def read_markdown(text: str) -> Document:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    title = None
    m = FRONT_MATTER_RE.match(text) or META_HEADER_RE.match(text)
    if m:
        t = FRONT_TITLE_RE.search(m.group("body") or m.group("toml") or "")  # (an empty front matter: no title)
        if t:
            title = clean_line(t.group("title").strip("'\""))
        text = text[m.end() :]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if "\n " in text or "\n\t" in text or text[:1] in " \t":
        text = _dedent_html(text)  # HTML pasted into Markdown with an indent is HTML
    if "[!" in text:
        text = CALLOUT_RE.sub(r"\1", text)  # "> [!quote]", "> [!NOTE] Title": a callout's kind is markup, not text
    if "[[" in text:
        text = WIKILINK_ALIAS_RE.sub(_wikilink, text)  # "[[Note|Shown]]": its shown text (a table's "|" kept whole)
        text = WIKILINK_EMPH_RE.sub("]] ", text)  # "[[Ann Lee]]_Title_": the wiki's emphasis after its link still
    if "{{" in text:
        text = SHORTCODE_LINE_RE.sub("", text)
    if "{#" in text:
        text = ANCHOR_IAL_RE.sub("", text)  # "* {#Orlov} Dmitri Orlov, _Title_": an anchor, no text
    if (("(http" in text and ("]\n" in text or "] " in text)) or "（http" in text) and _SPLIT_TAIL_RE.search(text):
        text = SPLIT_LINK_RE.sub(_split_link, text)  # "[Title]" / "(https://…)": a link split in two, one link
    if "[http" in text:
        text = BRACKETED_URL_RE.sub(r"[\1](\1)", text)  # "[https://…/paper.pdf]": a link shown as its URL
    if "\n-" in text:
        text = _sub_lines(LONE_DASH_RE, _LONE_DASH_NL_RE, text)
    if ":" in text and len(DEFINITION_RE.findall(text, 0, 200_000)) >= 2:
        text = _definitions_as_items(text)
    if "\n<" in text:
        text = _end_void_blocks(text)
    if "``" in text:
        text = TEX_QUOTES_RE.sub(r"“\1”", text)  # "``Title''" (a page converted from TeX): a quoted title
    if "||" in text:
        text = _single_piped(text)
    if "\\" in text:
        text = _tex_kept(text)
    html = cmarkgfm.markdown_to_html_with_extensions(
        text,
        options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_HARDBREAKS | Options.CMARK_OPT_GITHUB_PRE_LANG,
        extensions=["table", "autolink", "strikethrough", "tasklist"],  # (GitHub's, less its tagfilter: below)
    )
    if "<" in html:
        html = _raw_html_elements(html)
    # (Indented "code" in a text without fences is an indented plain-text article: read as text.)
    return Document(_walk_html(html, fenced=fence_lines(text) > 0), title, "markdown")


# TeX in a Markdown title: an inline formula ("$k\\in\\{1,2\\}$") and a letter's accent between letters ("Schr\\"odinger"),
# whose backslashes Markdown would read as escapes ("\\{" as "{"); GitHub's math keeps them, and so do the labels
_MATH_SPAN_RE = re.compile(r"(?<![\\$])\$(?=[^\s$])(?=[^$\n`]*\\)[^$\n`]*(?<=\S)\$")  # (each "$" scans to the next: linear)
_MATH_ESCAPE_RE = re.compile(r"\\(?=[!-/:-@\[-`{}~])")  # (a backslash before punctuation, not "|": a table's cell)
_TEX_ACCENT_RE = re.compile(r"(?<=[A-Za-z])\\(?=[\"'`^~][A-Za-z])")  # "Schr\"odinger", "Erd\~os"
_FENCE_RE = re.compile(r"^ {0,3}(?:```|~~~)")
_HTML_LINE_RE = re.compile(r" {0,3}</?[A-Za-z]")  # a line that starts a block of raw HTML


def _tex_kept(text: str) -> str:
    """``… for $k\\in\\{1,2\\}$``, ``Schr\\"odinger``: the Markdown with these backslashes doubled, so that they
    are read as written (TeX's), not as Markdown's escapes; never inside a fenced block or a code span."""
    out = []
    fenced = html = False
    for line in text.split("\n"):
        html = (html and bool(line.strip())) or _HTML_LINE_RE.match(line) is not None  # (raw HTML up to a blank
        # line, "<details><summary>Abstract</summary><p>Let $p\\in\\{2,3\\}$ …": no escapes read there)
        if _FENCE_RE.match(line):
            fenced = not fenced
        elif not fenced and not html and "\\" in line and "`" not in line:
            if "$" in line:
                line = _MATH_SPAN_RE.sub(lambda m: _MATH_ESCAPE_RE.sub(r"\\\\", m.group()), line)
            line = _TEX_ACCENT_RE.sub(r"\\\\", line)
        out.append(line)
    return "\n".join(out)


# Raw HTML in Markdown is HTML: a <script>, <style>, <iframe> or <template> the author kept in the text is read as
# the browser reads it, its content no text (GitHub's tagfilter, which cmark-gfm's GFM rendering applies, escapes
# these tags, so their code and markup would be read as the article's words). Such an element is taken out whole
# before the HTML is parsed (a <noscript> inside a paragraph would otherwise spill its <p> into the text); an <svg>,
# <math> or <xmp> is left to the parser. One opened and never closed in the text (a tag named in prose, "add a
# <style> tag"; an embed written "<iframe src=… />", which HTML does not close) is dropped, the tag alone: parsed as
# HTML it would swallow the rest of the article.
_RAW_TAG_RE = re.compile(
    r"<(script|style|iframe|template|noscript|noembed|noframes|textarea|title|xmp|plaintext|svg|math)(?=[\s>/])[^<>]*>",
    re.IGNORECASE,
)
_BLOCK_END_RE = re.compile(r"</(?:p|li|h[1-6]|td|th|dd|dt|blockquote)>")
_PARSED_RAW = frozenset({"svg", "math", "xmp"})  # (elements left to the parser: their content may be read)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _same_length_lower(text: str) -> str:
    """``text`` in lower case, each character where it stood: positions found in it cut ``text`` itself. (``str.lower``
    writes ``İ`` as two characters, which would shift every cut after it; tag names are ASCII, so lowering ASCII
    alone is enough where that happens.)"""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


def _raw_html_elements(html: str) -> str:
    """``html`` (rendered from Markdown) without the raw-text elements (``_RAW_TAG_RE``) it holds, and without each
    such element's opening tag that no closing tag of its kind follows, or that is written closed (``<iframe … />``:
    an empty element either way), or ``<plaintext>`` (nothing closes it)."""
    out: list[str] = []
    last = skip = 0
    lower = ""
    closes: dict[str, int] = {}  # per tag name, where its next closing tag stands (-1: none follows)
    gt = -1
    block_end = -1  # where the next paragraph, item, heading or cell ends (len(html): none)
    for m in _RAW_TAG_RE.finditer(html):
        if m.start() < skip:
            continue
        lower = lower or _same_length_lower(html)
        name = m.group(1).lower()
        close = closes.get(name, 0)
        if 0 <= close < m.end():  # (each name's closes found once, in order: linear)
            close = closes[name] = lower.find("</" + name, m.end())
        if close >= 0 and m.start() and html[m.start() - 1] not in ">\n":  # a tag in prose: closed in its paragraph
            if block_end < m.end():
                b = _BLOCK_END_RE.search(lower, m.end())
                block_end = b.start() if b else len(html)
            if close > block_end:
                close = -1
        if name != "plaintext" and not m.group(0).endswith("/>") and close >= 0:
            if gt < close:  # (where the closing tag ends: found once for the closes it passes)
                gt = lower.find(">", close) % (len(html) + 1)  # (none: the end of the text)
            skip = end = min(gt + 1, len(html))  # (the element's content: not looked into)
            if name in _PARSED_RAW:
                continue
        else:
            end = m.end()
        out.append(html[last : m.start()])
        last = end
    if not out:
        return html
    out.append(html[last:])
    return "".join(out)


_LIST_MARK_RE = re.compile(r"([ \t]*)(?:[-*+]|[0-9]{1,9}[.)])(?:([ \t]+)|$)")


def _dedent_html(text: str) -> str:
    """HTML pasted into Markdown with an indent is HTML, not an indented code block: its lines lose their indent,
    down to the content of the list item they stand in (``- **Date**`` / ``    1. Title`` / ``    <p><img></p>``: the
    figure of that bullet, which goes on after it, not the end of the list)."""
    if not (_INDENTED_HTML_NL_RE.search(text) or INDENTED_HTML_RE.match(text)):
        return text
    out: list[str] = []
    cols: list[int] = []  # the content columns of the list items open here, outermost first
    for line in text.split("\n"):
        body = line.lstrip(" \t")
        if not body:
            out.append(line)
            continue
        indent = len(line[: len(line) - len(body)].expandtabs(4))
        while cols and cols[-1] > indent:
            cols.pop()
        if (m := _LIST_MARK_RE.match(line)) and not (cols and indent >= cols[-1] + 4):
            gap = len((m.group(2) or " ").expandtabs(4))
            cols.append(len(m.group(0).expandtabs(4)) - gap + (gap if gap <= 4 else 1))
        elif indent and INDENTED_HTML_RE.match(line):
            line = " " * (cols[-1] if cols else 0) + body
        out.append(line)
    return "\n".join(out)


# TeX's quotes, ``Title'' (a reference list kept in TeX, or converted from it): a pair on one line, the closing one
# right after a word, as curly quotes (a code span's ``x`` closes with backticks, not with two apostrophes).
TEX_QUOTES_RE = re.compile(r"``(?=[^\s`])([^`\n]{1,500}?[^\s`])''")

# The two patterns above from the line break before them (a pattern anchored at ^ is tried at every character).
_LONE_DASH_NL_RE = re.compile(r"\n-[ \t]*(?=\n|\Z)")
_INDENTED_HTML_NL_RE = re.compile(r"\n[ \t]+(?=</?[A-Za-z][\w-]*[\s>/])")


def _sub_lines(anchored: re.Pattern, after_break: re.Pattern, text: str) -> str:
    """``anchored.sub("", text)`` (a ``^…`` pattern matching within a line): the text's first line, then the
    others from their line break (``after_break``: the pattern with "\\n" for "^")."""
    text = after_break.sub("\n", text)
    m = anchored.match(text)
    return text[m.end() :] if m else text


# A void tag alone on a line (``<hr>``, ``<br>``, ``<img … />``) with a line of text right under it. In CommonMark it
# opens an HTML block that runs to the next blank line, so the Markdown lines after it (a Jekyll post's
# ``<hr>`` / ``#### [Title](url)`` / ``<img>`` / ``**Authors**: …`` cards) would be raw text; kramdown and most
# blog engines read them as Markdown, and so do we: the tag ends its block. A void tag wraps nothing, so no
# Markdown the author kept as HTML is read differently.
_LONE_VOID_TAG_RE = re.compile(  # (its line break taken, not looked behind for: a pattern led by a look-behind is tried
    # at every character, one led by "\n" only at line breaks; the tag's line is the group "line")
    r"\n(?P<line> {0,3}(?:<(?P<void>hr|br|img)\b[^<>\n]*>|<(?P<el>p|div|center|figure)\b[^<>\n]*>[^\n]*</(?P=el)>)[ \t]*)"
    r"(?=\n[ \t]*[^\s<])",
    re.IGNORECASE,
)  # (or a block element opened and closed on its line: '<p align="center"><img src="…"></p>')
_BLOCK_END_LINE_RE = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|<(?:hr|br|img)\b[^<>]*>[ \t]*$)")


def _end_void_blocks(text: str) -> str:
    """A blank line after each void tag or one-line block element alone on a line that opens an HTML block
    (``_LONE_VOID_TAG_RE``): an ``<hr>`` or a ``<p>…</p>`` always does (it may interrupt a paragraph); an ``<img>``
    or ``<br>`` only where no paragraph goes on (after a blank line, a heading, a rule or another such tag)."""
    out: list[str] = []
    last = 0
    for m in _LONE_VOID_TAG_RE.finditer(text):
        at, end = m.span("line")
        if m.group("el") and text.count("<" + m.group("el"), text.find("<", at) + 1, end):
            continue  # (another element of its kind opens inside it: not one element alone on its line)
        if m.group("void") and m.group("void").lower() != "hr":
            start = text.rfind("\n", 0, at - 1) + 1
            before = text[start : at - 1]
            if before.strip() and not _BLOCK_END_LINE_RE.match(before):
                continue
        out.append(text[last:end])
        out.append("\n")
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# A table written with doubled pipes between its cells (`| Date || Name || Topic |`, a wiki's habit): its delimiter
# row has an empty cell (`| :--- | | :--- || :--- |`), so cmark-gfm, which wants a dash in each, reads no table.
# (A line of pipes, colons, dashes and spaces with a dash in it: the dash looked for ahead and the line taken whole,
# possessively, as "[ \t|:-]*-[ \t|:-]*" tried every place for the dash: quadratic in a long line of dashes.)
_DELIMITER_ROW_RE = re.compile(r"\n(?=[ \t|:]*+-)([ \t|:-]*+)(?=\n|\Z)")
_EMPTY_CELL_RE = re.compile(r"\|(?:[ \t]*\|)+")
_DOUBLED_PIPE_RE = re.compile(r"\|\|+")


def _cell_count(row: str) -> int:
    row = row.strip()
    return row.strip("|").count("|") + 1 if row.strip("|") else 0


def _single_piped(text: str) -> str:
    """Each table that a delimiter row with an empty cell makes no table (``_DELIMITER_ROW_RE``): its doubled pipes
    read as one (the delimiter row's empty cells dropped, the header's too when it still has more cells than that)."""
    out: list[str] = []
    last = 0
    for m in _DELIMITER_ROW_RE.finditer(text):
        if m.start() < last or "|" not in m.group(1) or not _EMPTY_CELL_RE.search(m.group(1).strip().strip("|")):
            continue
        head_at = text.rfind("\n", 0, m.start()) + 1
        if "|" not in text[head_at : m.start()] or head_at < last:
            continue  # (no header row above it, or it is a row of the table before)
        end = m.end()
        while end < len(text):  # the body: the rows up to a blank line or a line without a pipe
            nl = text.find("\n", end + 1)
            row = text[end + 1 : nl if nl >= 0 else len(text)]
            if "|" not in row or not row.strip():
                break
            end = nl if nl >= 0 else len(text)
        delimiter = _EMPTY_CELL_RE.sub("|", m.group(1))
        header = _DOUBLED_PIPE_RE.sub("|", text[head_at : m.start()])
        if _cell_count(header) != _cell_count(delimiter):
            header = _EMPTY_CELL_RE.sub("|", header)
        out += [text[last:head_at], header, "\n", delimiter, _DOUBLED_PIPE_RE.sub("|", text[m.end() : end])]
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _definitions_as_items(text: str) -> str:
    """``Term`` then ``: definition`` lines (not in a fenced block, each under a line of text, or one blank
    line below it as Pandoc allows): the definitions as list items under the term, and the term, a line of its
    own after a blank line, a heading over them (``<dt>``: what its definitions sit under, a schedule's date over
    its readings, or a paper's title over its link). An empty definition (``  :`` alone) is no line."""
    lines = text.split("\n")
    fenced = False
    for k, line in enumerate(lines):
        if FENCE_RE.match(line):
            fenced = not fenced
        elif not fenced and k and (lines[k - 1].strip() or (k > 1 and lines[k - 2].strip())) and (
            m := DEFINITION_RE.match(line)
        ):
            lines[k] = m.group(1) + "- " + line[m.end() :]
            t = k - 1 if lines[k - 1].strip() else k - 2
            if (t == 0 or not lines[t - 1].strip()) and TERM_RE.match(lines[t]):
                lines[t] = "###### " + lines[t]
        elif not fenced and k and EMPTY_DEFINITION_RE.match(line) and lines[k - 1].strip():
            lines[k] = "\x00"
    return "\n".join(line for line in lines if line != "\x00")


def _html_title(text: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", text[:200_000], re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    import html

    return clean_line(html.unescape(_WS_RE.sub(" ", m.group(1)))) or None


class _Walker:
    """One pass over the HTML nodes, collecting lines into blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.quoted = 0  # open <blockquote>s
        self.pieces: list[str] = []  # the line's text so far (offsets below are indexes in this list)
        self.word = False  # the pieces hold a word character (those before ``checked`` were looked at)
        self.checked = 0
        self.dense = 0  # in a cell: non-space characters in the pieces, counted up to 5 (a lead number has 4 at most)
        self.links: list[Link] = []
        self.link_start: list[tuple[str, int, int]] = []
        self.strong = ""
        self.strong_start = -1
        self.strong_cont = False  # this line starts inside a bold the line before opened
        self.strong_tail = ""
        self.emph, self.emph_start = "", -1
        self.lead_emph, self.lead_emph_start = "", -1
        self.chips, self.chip_chars, self.chip_start = 0, 0, -1  # the line's inline code spans (tag chips)
        self.chip_lead = (-1, -1)  # the pieces of a tag chip that leads the line (no word before it), once closed
        self.chip_from, self.chip_to = -1, -1  # (the pieces of the last one, or of the last run of them)
        self.para = 0
        self.context: list[list] = []  # [kind, level, ordered, lines emitted] of open li/h/tr
        self.list_depth = 0
        self.ordered: list[bool] = []
        self.counters: list[int] = []
        self.cells: list[str] | None = None
        self.leads: list[str] = []
        self.emphs: list[str] = []
        self.nav_cut = False  # a navigation link was cut from this line (a heading's "[↑ Top](#top)")
        self.nav_lead: tuple[int, int, int] | None = None  # a heading's leading in-page link: its pieces and link
        self.filled = 0  # the row's cells so far that hold text or a link
        self.cell_links = 0  # the row's links before the cell being read
        self.lead = ""
        self.lead_start = -1
        self.layout: list[bool] = []  # open <tr>s: is it a layout row
        self.layout_cells: list[tuple[int, int]] = []  # open layout rows' cells: (row, cell), each numbered once
        self.layout_no = 0
        self.layout_rows: list[int] = []  # (the open layout rows' numbers)
        self.row_header = False
        self.row_data = False
        self.pre = 0
        self.fenced = False  # a Markdown text with ``` fences: its code blocks are code, not text
        self.pending: list[Link] = []  # links from attributes (attr_ref), for the next line with text
        self.headed: dict[int, bool] = {}  # tables (by node) that have a header row
        self.heading_level = 0  # the level of the last heading
        self.details: list[list[int]] = []  # open <details>: [its summary's block or -1, level under it, listed then,
        # its first block, listed when it opened]
        self.listed = 0  # list items and table rows read so far
        self.alt = ""  # the alt text of an image inside the link being read
        self.spanned = False  # the row's cells so far: one, spanning its table's width (a banner row)
        self.widths: dict[int, int] = {}  # tables (by node): their width in columns
        self.spans: dict[int, dict[int, int]] = {}  # tables (by node): their columns a cell above spans, rows still to go
        self.carry: dict[int, int] = {}  # the row's table's (spans)
        self.dt_at = -1  # the block of the last <dt>'s line
        self.summaries: list[Block] = []  # the <summary> lines made headings
        self.enters, self.exits = _ENTERS, _EXITS  # (the handler tables of the mode: see _cell_mode)

    # -- text --------------------------------------------------------------------------
    def text(self, s: str) -> None:
        if self.pre:
            lines = s.split("\n")
            for k, line in enumerate(lines):
                if k:
                    self.flush()
                self._add(line)
            return
        if s == "\n":  # (between the tags of rendered Markdown: the commonest text)
            if not self.pieces:
                return  # (a space that would start the line: every use of the line's text strips it)
            s = " "
        elif not s.isprintable():  # (a tab, a newline or another break: a space)
            s = _BREAKS_RE.sub(" ", s)  # (runs of spaces stay: a cell may split its title there)
        if s:
            self.pieces.append(s)
            if self.cells is not None and self.dense <= 4:
                self.dense += len("".join(s.split()))

    def _add(self, s: str) -> None:
        if s:
            self.pieces.append(s)
            if self.cells is not None and self.dense <= 4:
                self.dense += len("".join(s.split()))

    def _clear(self) -> None:
        self.pieces, self.word, self.checked, self.dense = [], False, 0, 0
        self.chip_from = self.chip_to = -1

    def _tag_chip_only(self) -> bool:
        """The line so far is one inline code span and spaces (``- `🏷️ main` `` before ``**Name**``): a tag chip."""
        start, end = self.chip_lead
        return start >= 0 and end >= 0 and self.chips == 1 and not "".join(self.pieces[end:]).strip()

    def _has_word(self) -> bool:
        """The pieces hold a word character (each piece is looked at once)."""
        if not self.word:
            pieces = self.pieces
            while self.checked < len(pieces):
                if _WORD_RE.search(pieces[self.checked]):
                    self.word = True
                    break
                self.checked += 1
        return self.word

    def _chip_tail(self) -> str:
        """The inline code span (or run of them) that ends the line after words of its own (``[ResNet](…) `team 1```:
        the text ``team 1``; ``… `team 1`, `week 3```: ``team 1, week 3``), else ""."""
        if self.chip_from <= 0 or self.line_text(self.chip_to).strip():
            return ""
        return clean_line(self.line_text(self.chip_from, self.chip_to)) if self.line_text(0, self.chip_from).strip() else ""

    def line_text(self, start: int = 0, end: int | None = None) -> str:
        """The line's text (from piece ``start`` to ``end``): joined when asked, from the pieces
        asked for only, so that a line of many links or bold words stays linear."""
        return "".join(self.pieces[start:end] if start or end is not None else self.pieces)

    def _lead_before(self, end: int | None = None, dense: int | None = None) -> bool:
        """The cell's text so far (up to piece ``end``, which had ``dense`` non-space characters
        before it) is nothing, or a number: "1)"."""
        return (self.dense if dense is None else dense) <= 4 and _LEAD_RE.fullmatch(self.line_text(0, end)) is not None

    # -- lines -------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.pieces and not self.links and not self.link_start and self.strong_start == -1 and not (
            self.strong or self.strong_tail
        ):
            return  # nothing since the last flush: nothing to reset either (most tags end an empty line)
        if self.nav_lead is not None:  # "## [↑](#top) Vision": a leading navigation link, words after it
            start, end, at = self.nav_lead
            self.nav_lead = None
            if _WORD_RE.search(self.line_text(end)) and at < len(self.links):
                del self.pieces[start:end], self.links[at]
                self.chip_from = self.chip_to = -1
                self.checked, self.nav_cut = 0, True
                if self.emph_start >= 0:
                    self.emph_start = max(0, self.emph_start - (end - start))
        raw = "".join(self.pieces)
        text = clean_line(raw)
        if text[:1] in _FIELD_MARKS and (m := FIELD_BAR_RE.match(text)):
            text = m.group(1) + "：" + text[m.end() :]  # "■ 论文 | Title": the field "论文：Title"
        if self.nav_cut:  # (what a navigation link cut from a heading left: "Vision [ ]", "Top ( )")
            text, self.nav_cut = _NAV_LEFT_RE.sub("", text), False
        if self.cells is not None:  # inside a table row: a cell's text
            self._clear()
            return
        if text or (self.links and _linked_images(self.links)):
            if self.pending:
                self.links[:0], self.pending = self.pending, []
            code = self.pre and self.fenced
            if self.chips and not self.context:  # a paragraph's line of two inline code spans or more and nothing else:
                # tag chips ("`RL` `PPO`"), not prose (nor a group label over the next paper)
                code = code or (self.chips >= 2 and self.chip_chars >= 0.9 * len("".join(text.split())))
            kind, level, ordered, number = ("code" if code else "para"), 0, False, 0
            in_item = False
            if self.context and not code:
                ctx = self.context[-1]
                if ctx[3] == 0:  # the first line of a list item or heading
                    kind, level, ordered, number = ctx[0], ctx[1], ctx[2], ctx[4]
                    if kind == "cited":
                        kind = "item"  # (a citation's <dd>: its first line the entry)
                    elif len(ctx) > 5:
                        self.dt_at = len(self.blocks)  # (a <dt>'s line: maybe a citation's key)
                else:
                    in_item = ctx[0] in ("item", "term")
                ctx[3] += 1
            if kind == "heading" and text.endswith("]") and self.links:
                text = self._without_site_links(text)  # "Full Paper List [By Topics] [Google Scholar]"
            still_open = self.strong_start == 0 and not self.strong  # (its bold closes on a later line)
            strong = clean_line(raw if still_open else self.strong) if self.strong_start == 0 else ""
            tail = clean_line(self.strong_tail) if self.strong_cont else ""
            row, cell = self.layout_cells[-1] if self.layout_cells else (0, 0)
            self.blocks.append(
                Block(  # (each field in its place: a call by keywords takes twice as long, once a line)
                    kind, text, level, self.links, strong,
                    [], [], [], False,  # (cells, leads, emphs, header: a table row's)
                    ordered, number, self.para,
                    still_open,  # strong_open
                    tail,  # strong_tail
                    clean_line(self.emph) if self.emph else "",  # emph
                    0,  # filled (a table row's)
                    clean_line(self.lead_emph) if self.lead_emph else "",  # lead_emph
                    False,  # banner (a table row's)
                    self.quoted > 0, in_item, row, cell,
                    self._chip_tail() if self.chip_from > 0 else "",  # chip_tail
                )
            )
            self.listed += kind == "item"
        else:
            still_open = self.strong_cont  # (an empty line keeps what the line before left open)
        self.pieces, self.word, self.checked, self.dense = [], False, 0, 0  # (_clear, inline: once a line)
        self.links = []
        self.link_start = []
        self.strong, self.strong_start = "", -1
        self.strong_cont, self.strong_tail = still_open, ""
        self.emph, self.emph_start = "", -1
        self.lead_emph, self.lead_emph_start = "", -1
        if self.chips:  # (the chip fields are set by a code span's end alone, which counts it)
            self.chips = self.chip_chars = 0
            self.chip_lead = (-1, -1)
            self.chip_from = self.chip_to = -1

    def _without_site_links(self, text: str) -> str:
        """A heading's words without the run of bracketed links that ends it, each to a page that is no paper (``Full
        Paper List [By Topics] [Google Scholar][Back to Homepage]``, ``## Optimization [[By Topic](topics.md)]``: the
        site's navigation, as an in-page link is): the heading's text, those links dropped. A bracket that is not a
        link's text, or a link to arXiv or labelled as a paper's (``[code]``, ``[PDF]``), leaves the heading whole."""
        texts = {link.text.strip(" []"): n for n, link in enumerate(self.links)}
        end, cut = len(text), set()  # (a set, and the spaces before each bracket stepped over in place: a heading
        # of thousands of such links stays linear)
        while end and text[end - 1] == "]":
            start = text.rfind("[", 0, end - 1)
            n = texts.get(text[start + 1 : end - 1].strip(), -1) if start > 0 else -1
            link = self.links[n] if n >= 0 else None
            if link is None or normalize(link.href) is not None or LABEL_RE.fullmatch(link.text.strip(" []")):
                return text
            cut.add(n)
            end = start
            while end and text[end - 1].isspace():  # (str.rstrip's white space)
                end -= 1
        if not cut or not _WORD_RE.search(text[:end]):
            return text
        self.links = [link for n, link in enumerate(self.links) if n not in cut]
        return text[:end]

    def _nav_in_heading(self, start: int) -> bool:
        """An in-page link (``#…``) after a heading's words (``## Vision [[Back]](#toc)``, ``<a href="#top">↑</a>``)
        is navigation, not part of the heading: its text (from piece ``start``) is dropped, and so is the link.
        A heading that is only such a link (``## [Vision](#vision)``) keeps it."""
        ctx = self.context[-1] if self.context and self.cells is None else None
        if ctx is None or ctx[0] != "heading" or ctx[3] != 0:
            return False
        if not _WORD_RE.search(self.line_text(0, start)):
            if self.nav_lead is None:  # (words may follow it: flush decides)
                self.nav_lead = (start, len(self.pieces), len(self.links))
            return False
        del self.pieces[start:]
        self.checked = min(self.checked, start)
        if self.chip_to > start:
            self.chip_from = self.chip_to = -1
        if self.emph_start >= start:
            self.emph_start = -1
        self.nav_cut = True
        return True

    def attr_ref(self, node) -> bool:
        """An arXiv id in an attribute named for it (``data-arxiv-id``, ``data-arxiv``): a link to that paper, where
        the element stands (a skipped one too: a button). Always True (the walk goes on as for any element)."""
        for name, value in node.attributes.items():
            if value and name.lower().startswith("data-") and "arxiv" in name.lower() and (arxiv := normalize(value)):
                link = Link(abs_url(arxiv), "")
                (self.row_links if self.cells is not None else self.pending).append(link)  # (the next line with text)
                break
        return True

    def new_para(self) -> None:
        self.flush()
        self.para += 1

    # -- tags --------------------------------------------------------------------------
    # Each tag's handlers (``_enter_*(tag, node)`` as the walk goes into a node, ``_exit_*(tag)`` as it leaves it), which
    # _walk_html looks up once a node in the tables of the walker's mode (``enters`` / ``exits``, set by ``_cell_mode``):
    # outside a data row's cells (``_ENTERS`` / ``_EXITS``) or inside them (``_CELL_ENTERS`` / ``_CELL_EXITS``, where
    # only _ROW_TAGS have a case of their own and any other tag but an inline one parts the cell's words). A tag with
    # no handler (None) asks for nothing: the walk goes into it all the same.
    def _cell_mode(self, cells: list[str] | None) -> None:
        """Enter (a list) or leave (None) a data row's cells: the handler tables follow."""
        self.cells = cells
        self.enters, self.exits = (_ENTERS, _EXITS) if cells is None else (_CELL_ENTERS, _CELL_EXITS)

    def _enter_para(self, tag: str, node) -> None:
        self.new_para()

    def _enter_quote(self, tag: str, node) -> None:
        self.new_para()
        self.quoted += 1

    def _enter_dd(self, tag: str, node) -> None:
        if not self._citation_key() and not self._term_over(node):
            self.new_para()

    def _enter_link(self, tag: str, node) -> None:
        self.link_start.append((node.attributes.get("href") or "", len(self.pieces), self.dense))

    def _enter_strong(self, tag: str, node) -> None:
        if self.cells is not None and not self.lead and self._lead_before():
            self.lead_start = len(self.pieces)
        if not self.strong and not self._has_word():
            self.strong_start = 0  # (after an emoji or a bullet sign too: "🌟 **Title**")
        elif not self.strong and self._tag_chip_only():
            del self.pieces[self.chip_lead[0] :]  # "- `🏷️ main` **Name**: …": the chip is the item's tag, the
            self.word, self.checked = False, 0  # bold name leads it
            self.strong_start = 0
        elif self.emph_start < 0 and not self.emph:
            self.emph_start = len(self.pieces)  # "Authors, **Title**, venue"

    def _enter_code(self, tag: str, node) -> None:
        if not self.pre:
            self.chip_start = len(self.pieces)

    def _enter_emph(self, tag: str, node) -> None:
        if self.emph_start < 0 and not self.emph and self._has_word():
            self.emph_start = len(self.pieces)
        elif self.lead_emph_start < 0 and not self.lead_emph and self.cells is None and not self._has_word():
            self.lead_emph_start = len(self.pieces)
        elif self.cells is not None and tag != "u" and not self.lead and self.lead_start < 0 and self._lead_before():
            self.lead_start = len(self.pieces)  # "<td><i>Title</i>, Cy Diaz</td>": the cell's lead, as a bold one

    def _enter_layout_cell(self, tag: str, node) -> None:
        """A cell outside a data row (a layout row's, or one without a row)."""
        self.new_para()
        if self.layout and self.layout[-1]:  # (a cell of a layout row: its lines know their row and cell)
            self.layout_no += 1
            self.layout_cells.append((self.layout_rows[-1], self.layout_no))

    def _enter_data_cell(self, tag: str, node) -> None:
        """A cell of a data row: its text is read into the row's cells."""
        self.pieces, self.word, self.checked, self.dense = [], False, 0, 0  # (_clear)
        self.chip_from = self.chip_to = -1
        self.lead, self.lead_start = "", -1
        attributes = node.attributes
        if tag == "td":
            self.row_data = True
        else:
            row_cell = (attributes.get("scope") or "").lower() == "row"
            self.row_header = self.row_header or not row_cell
            self.row_data = self.row_data or row_cell  # (a row of data led by its own <th scope="row">: no header)
        cells = self.cells
        assert cells is not None  # (the cell mode's handler)
        self.spanned = not cells and "colspan" in attributes and _spans_table(node, self.widths)  # (no colspan: 1)
        self.cell_links = len(self.row_links)
        carry = self.carry
        if carry:
            while carry.get(len(cells), 0) > 0:  # (a cell above spans this row here: "<td rowspan=2>Date</td>")
                carry[len(cells)] -= 1
                cells.append("")
                self.leads.append("")
                self.emphs.append("")
        rows = attributes.get("rowspan")
        if rows and (rows := rows.strip()).isdigit() and len(rows) < 4 and int(rows) > 1:
            carry[len(cells)] = int(rows) - 1

    def _enter_row(self, tag: str, node) -> None:
        if _layout_row(node, self.headed):
            self.layout.append(True)
            self.layout_no += 1
            self.layout_rows.append(self.layout_no)
            self.new_para()
            return
        self.layout.append(False)
        self.new_para()
        table = _table_of(node)
        self.carry = self.spans.setdefault(table.mem_id, {}) if table is not None else {}
        self._cell_mode([])
        self.leads = []
        self.emphs = []
        self.row_header = self.row_data = False
        self.row_links: list[Link] = []
        self.filled = self.cell_links = 0

    def _enter_list(self, tag: str, node) -> None:
        self.new_para()
        self.list_depth += 1
        self.ordered.append(tag == "ol")
        start = node.attributes.get("start") or "1"
        self.counters.append((int(start) if start.isdigit() and len(start) < 9 else 1) - 1)

    def _enter_item(self, tag: str, node) -> None:
        self.new_para()
        ordered = bool(self.ordered and self.ordered[-1])
        number = 0
        if ordered and self.counters:
            self.counters[-1] += 1
            number = self.counters[-1]
        self.context.append(["item", self.list_depth or 1, ordered, 0, number])

    def _enter_heading(self, tag: str, node) -> None:
        self.new_para()
        self.heading_level = HEADINGS[tag]
        self.context.append(["heading", HEADINGS[tag], False, 0, 0])

    def _enter_details(self, tag: str, node) -> None:
        self.new_para()
        self.details.append([-1, min(6, self.heading_level + 1), 0, len(self.blocks), self.listed])
        if _in_row_cell(node):
            self.details[-1][0] = -2  # (a fold in one cell of a table's row: that row's, no section of the table)

    def _enter_summary(self, tag: str, node) -> None:
        self.new_para()
        if self.details and self.details[-1][0] == -1:
            self.details[-1][0] = len(self.blocks)  # (its first line, if it has one: see exit)

    def _enter_term(self, tag: str, node) -> None:
        """A definition list's term (``<dt>``): an item (its ``<dd>`` the item's text)."""
        self.new_para()
        self.context.append(["item", self.list_depth + 1, False, 0, 0, len(self.blocks)])

    def _enter_pre(self, tag: str, node) -> None:
        self.new_para()
        self.pre += 1

    def _enter_br(self, tag: str, node) -> None:
        if self.link_start and self.link_start[-1][0]:
            self._add(" ")  # a link's text hard-wrapped ("[A long title\n](url)"): one link, one line (not an anchor's)
        else:
            self.flush()

    def _enter_hr(self, tag: str, node) -> None:
        if self.context or self.links or self.link_start or self.pre:
            self.flush()
            return
        at = len(self.blocks)
        self.flush()
        if len(self.blocks) == at + 1 and _RULED_LABEL_RE.fullmatch(self.blocks[at].text) and not self.blocks[at].strong:
            # "Journal Papers <hr>" (a plain line ruled off, as Markdown's "Title" / "---"): the group's heading
            ruled = self.blocks[at]
            ruled.kind, ruled.level = "heading", min(6, self.heading_level + 1) if self.heading_level else 2
            ruled.text = ruled.text.rstrip(" :：")

    def _enter_in_cell(self, tag: str, node) -> None:
        """A block tag inside a data row's cell parts its words: a space (a line break, ``Title<br>Authors``, or a
        list's item, ``Topic:<ul><li>Title</li><li>Title</li></ul>``: a line each)."""
        self._add("\n" if tag in ("br", "li") else " ")

    def _exit_para(self, tag: str) -> None:
        self.new_para()

    def _exit_quote(self, tag: str) -> None:
        self.new_para()
        self.quoted -= self.quoted > 0

    def _exit_dd(self, tag: str) -> None:
        self.new_para()
        if self.context and self.context[-1][0] in ("cited", "term"):
            self.context.pop()

    def _exit_link(self, tag: str) -> None:
        if self.link_start:
            href, start, dense = self.link_start.pop()
            if href[:1] == "#" and self._nav_in_heading(start):
                return
            text = clean_line(self.line_text(start))
            link = Link(_unwrapped(_target(href.strip(), text)), text)
            if not text and self.alt:
                link.alt = self.alt
            self.alt = ""
            if self.cells is not None and not self.lead and self._lead_before(start, dense):
                self.lead = text
            (self.row_links if self.cells is not None else self.links).append(link)

    def _exit_strong(self, tag: str) -> None:
        if self.cells is not None and self.lead_start >= 0 and not self.lead:
            self.lead = clean_line(self.line_text(self.lead_start))
        if self.strong_start == 0 and not self.strong:
            self.strong = self.line_text()
            if "[" in self.strong and "]" not in self.strong and not self.link_start:
                self.strong, self.strong_start = "", -1  # "🔥[**Nick**] Title": a bold tag in brackets, no bold lead
        if self.strong_cont and not self.strong_tail:
            self.strong_tail = self.line_text()
        if self.emph_start >= 0 and not self.emph:
            self.emph = self.line_text(self.emph_start)

    def _exit_code(self, tag: str) -> None:
        if self.chip_start < 0:
            return
        if self.chips == 0 and not _WORD_RE.search("".join(self.pieces[: self.chip_start])) and not self.links:
            self.chip_lead = (self.chip_start, len(self.pieces))
        self.chips += 1
        self.chip_chars += len("".join(self.line_text(self.chip_start).split()))
        if self.chip_to < 0 or self.line_text(self.chip_to, self.chip_start).strip(" ,，;/|"):
            self.chip_from = self.chip_start  # (a run of them, "`team 1`, `week 3`", is one tail)
        self.chip_to = len(self.pieces)
        self.chip_start = -1

    def _exit_emph(self, tag: str) -> None:
        if self.cells is not None and tag != "u" and self.lead_start >= 0 and not self.lead:
            self.lead = clean_line(self.line_text(self.lead_start))
        if self.emph_start >= 0 and not self.emph:
            self.emph = self.line_text(self.emph_start)
        if self.lead_emph_start >= 0 and not self.lead_emph:
            self.lead_emph = self.line_text(self.lead_emph_start)

    def _exit_layout_cell(self, tag: str) -> None:
        self.new_para()
        if self.layout and self.layout[-1] and self.layout_cells:
            self.layout_cells.pop()

    def _exit_data_cell(self, tag: str) -> None:
        cells = self.cells
        assert cells is not None  # (the cell mode's handler)
        cell = "".join(self.pieces).strip()
        cells.append(cell)
        self.filled += bool(cell) or len(self.row_links) > self.cell_links
        self.leads.append(self.lead)
        self.emphs.append(clean_line(self.emph) if self.emph else "")
        self.emph, self.emph_start = "", -1
        self.pieces, self.word, self.checked, self.dense = [], False, 0, 0  # (_clear)
        self.chip_from = self.chip_to = -1
        self.lead, self.lead_start = "", -1

    def _exit_row(self, tag: str) -> None:
        if self.layout.pop() if self.layout else False:
            self.new_para()
            if self.layout_rows:
                self.layout_rows.pop()
            return
        cells = self.cells or []
        self._cell_mode(None)
        for col, rows in self.carry.items():
            if col >= len(cells) and rows > 0:  # (a spanned column after the row's last cell)
                self.carry[col] = rows - 1
        if any(cells):
            self.blocks.append(
                Block("row", " | ".join(filter(None, cells)).replace("\n", " "), 0, self.row_links, cells=cells, leads=self.leads,
                      emphs=self.emphs,
                      header=self.row_header and not self.row_data, para=self.para, filled=self.filled,
                      banner=self.spanned and len(cells) == 1)
            )
            self.listed += 1
        self.para += 1

    def _exit_list(self, tag: str) -> None:
        self.new_para()
        self.list_depth = max(0, self.list_depth - 1)
        if self.ordered:
            self.ordered.pop()
            self.counters.pop()

    def _exit_context(self, tag: str) -> None:
        """The end of a list item, a term or a heading: the line it opened closed."""
        self.new_para()
        if self.context:
            self.context.pop()

    def _exit_pre(self, tag: str) -> None:
        self.new_para()
        self.pre = max(0, self.pre - 1)

    def _exit_details(self, tag: str) -> None:
        self.new_para()
        if self.details:
            at, level, listed, start, opened = self.details.pop()
            self._summary_heading(at, level, listed)
            if self.listed == opened:
                self._folded_note(start, at)

    def _exit_summary(self, tag: str) -> None:
        self.new_para()
        if self.details and self.details[-1][0] >= 0:
            if len(self.blocks) != self.details[-1][0] + 1:
                self.details[-1][0] = -2  # (a summary of no line or of several: no heading)
            self.details[-1][2] = self.listed

    def _exit_br(self, tag: str) -> None:
        if not (self.link_start and self.link_start[-1][0]):
            self.flush()

    def _exit_hr(self, tag: str) -> None:
        self.flush()

    def _citation_key(self) -> bool:
        """A ``<dd>`` right after a ``<dt>`` that is only a citation's key (a Sphinx bibliography's ``<dt>Lee+18</dt>``
        / ``<dd>Ann Lee, Bo Wu. Title. Journal, 2018. arXiv:ID</dd>``): the key is dropped and the ``<dd>``'s first
        line is the list's entry (the reference, not its key, is the paper). True when it is one."""
        self.flush()
        at = self.dt_at
        if at < 0 or at != len(self.blocks) - 1 or self.blocks[at].kind != "item" or self.blocks[at].links:
            return False
        key = self.blocks[at].text
        if not _CITATION_KEY_RE.fullmatch(key):
            return False
        level = self.blocks[at].level
        del self.blocks[at]
        self.listed -= 1
        self.dt_at = -1
        self.new_para()
        self.context.append(["cited", level, False, 0, 0])
        return True

    def _term_over(self, node) -> bool:
        """A ``<dd>`` right after a ``<dt>`` that is a title without a link (``<dt>Title</dt><dd>Ann Lee, Bo Wu. ICML
        2030. <a>PDF</a></dd>``): its lines are the term's item's later lines, as a loose bullet's. True when it is."""
        self.flush()
        at = self.dt_at
        if at < 0 or at != len(self.blocks) - 1 or self.blocks[at].kind != "item" or self.blocks[at].links:
            return False
        self.new_para()
        self.context.append(["term", self.blocks[at].level, False, 1, 0])
        return True

    def _folded_note(self, start: int, at: int) -> None:
        """A ``<details>`` of prose only, no list item, row or link (an item's generated analysis folded under it,
        ``## Name 项目分析`` / ``**背景**`` / …): its headings and bold lines are the note's lines, not sections."""
        body = self.blocks[start:]
        if not any(b.kind == "heading" or (b.strong and b.strong == b.text) for b in body) or any(b.links for b in body):
            return
        for k, b in enumerate(body, start):
            if k != at and (b.kind == "heading" or (b.strong and b.strong == b.text)):
                b.kind, b.level, b.strong = "para", 0, ""

    def _summary_heading(self, at: int, level: int, listed: int) -> None:
        """A ``<details>`` that holds list items or table rows (a category of papers folded away): its
        ``<summary>``, one line, is their heading, a level under the heading before it; a summary over prose
        (an abstract, "click to see the figures") stays a line; one that only says to open it ("Click to expand this
        week's papers", "点击展开") is dropped: the list stays under the heading before. (``listed``: items and rows
        read before its end.)"""
        blocks = self.blocks
        if at < 0 or at >= len(blocks) or blocks[at].kind != "para":
            return
        if self.listed > listed and _CALL_TO_ACTION_RE.match(blocks[at].text):
            del blocks[at]  # "Click to expand this week's papers": the fold's button, no name of its list (nor text)
            self.dt_at -= self.dt_at > at
        elif self.listed > listed:
            summary = blocks[at]
            summary.kind, summary.level = "heading", level
            if summary.strong == summary.text:
                summary.strong = ""
            self.summaries.append(summary)

    def repeated_summaries(self) -> None:
        """A ``<summary>`` label given to several ``<details>`` ("Required readings" in each row of a schedule's
        table, "Papers" under each week): a per-entry fold, not a section; its lines stay lines."""
        counts: dict[str, int] = {}
        for b in self.summaries:
            counts[b.text.casefold()] = counts.get(b.text.casefold(), 0) + 1
        for b in self.summaries:
            if counts[b.text.casefold()] > 1 and b.kind == "heading":
                b.kind, b.level = "para", 0


class _Handlers(dict):
    """Tag → handler (a ``_Walker`` method); a tag not named gets ``other`` (None: nothing to do)."""

    def __init__(self, handlers: dict, other=None) -> None:
        super().__init__(handlers)
        self.other = other

    def __missing__(self, tag: str):
        return self.other


def _handler_tables() -> tuple[_Handlers, _Handlers, _Handlers, _Handlers]:
    """The walker's handler tables (built once): entering and leaving a tag outside a data row's cells, then inside."""
    w = _Walker
    enters = {tag: w._enter_para for tag in _PLAIN_PARA_TAGS}
    exits = {tag: w._exit_para for tag in _PLAIN_PARA_TAGS}
    enters |= {"blockquote": w._enter_quote, "dd": w._enter_dd, "a": w._enter_link, "code": w._enter_code,
               "td": w._enter_layout_cell, "th": w._enter_layout_cell, "tr": w._enter_row, "ul": w._enter_list,
               "ol": w._enter_list, "li": w._enter_item, "details": w._enter_details, "summary": w._enter_summary,
               "dt": w._enter_term, "pre": w._enter_pre, "br": w._enter_br, "hr": w._enter_hr}
    exits |= {"blockquote": w._exit_quote, "dd": w._exit_dd, "a": w._exit_link, "code": w._exit_code,
              "td": w._exit_layout_cell, "th": w._exit_layout_cell, "tr": w._exit_row, "ul": w._exit_list,
              "ol": w._exit_list, "li": w._exit_context, "dt": w._exit_context, "details": w._exit_details,
              "summary": w._exit_summary, "pre": w._exit_pre, "br": w._exit_br, "hr": w._exit_hr}
    for tag in ("strong", "b"):
        enters[tag], exits[tag] = w._enter_strong, w._exit_strong
    for tag in ("em", "i", "u"):
        enters[tag], exits[tag] = w._enter_emph, w._exit_emph
    for tag in HEADINGS:
        enters[tag], exits[tag] = w._enter_heading, w._exit_context
    cell_enters = {tag: None for tag in _INLINE_TAGS} | {"br": w._enter_in_cell, "li": w._enter_in_cell}
    cell_enters |= {tag: enters[tag] for tag in _ROW_TAGS} | {"td": w._enter_data_cell, "th": w._enter_data_cell}
    cell_exits = {tag: exits[tag] for tag in _ROW_TAGS} | {"td": w._exit_data_cell, "th": w._exit_data_cell}
    return _Handlers(enters), _Handlers(exits), _Handlers(cell_enters, w._enter_in_cell), _Handlers(cell_exits)


_ENTERS, _EXITS, _CELL_ENTERS, _CELL_EXITS = _handler_tables()


# A fold's button, not its name: "Click to expand this week's papers", "Show all", "点击展开", "查看更多".
_CALL_TO_ACTION_RE = re.compile(
    r"[\W_]*(?:(?:click|tap)\b|press\s+(?:to|here|for|on|and)\b|(?:expand|collapse|show|hide|view|see|toggle|open)\b(?:\s+(?:all|more|the|this|"
    r"these|full|details?|list|here|below)\b|\W*$)|点击|点此|展开|收起|查看)",
    re.IGNORECASE,
)


def _linked_images(links: list[Link]) -> bool:
    """A line with no text but links elsewhere (badges: ``<a href="https://arxiv.org/…"><img></a>``,
    ``[![arXiv](badge)](url)``) is a line of those links, each without text (as a label's), not nothing; image links
    within the site (``<a href="../12"><img></a>``, a page's navigation) are still nothing."""
    return any(not link.text and "://" in link.href for link in links)


def _target(href: str, text: str) -> str:
    """A link written the wrong way round, its URL as the text and a note as the target
    (``[https://arxiv.org/abs/…](2014)``): a link to that URL; a link that lost its scheme, to its site."""
    if text[:4] == "http" and "/" not in href and "." not in href and _URL_TEXT_RE.fullmatch(text):
        return text
    if href[:1].isalnum() and "://" not in href and _SCHEMELESS_RE.match(href):
        return "https://" + href  # "[Title](sciencedirect.com/science/article/…)": that site, not a page of this one
    return href


def _unwrapped(href: str) -> str:
    """A redirect's target: a link through a search engine's or an alert's redirect
    (``scholar.google.com/scholar_url?url=https://…&hl=en``, ``google.com/url?q=…``) is a link to where it leads;
    so is a sign-in page's link back to a page of its site (``huggingface.co/login?next=%2Fpapers%2FID``)."""
    if "?" not in href:
        return href
    if "=http" not in href[:2000]:  # (what REDIRECT_RE needs, within where it looks)
        m = _LOGIN_NEXT_RE.match(href[:2000]) if "=/" in href or "=%2" in href else None
        return m.group("site") + unquote(m.group("path")) if m else href  # (a login's way back: that page)
    m = REDIRECT_RE.search(href, 0, 2000)
    if m is None:
        return href
    return unquote(m.group("target")) if "%" in m.group("target") else m.group("target")


def _layout_row(node, headed: dict[int, bool]) -> bool:
    """A row holding a block of its own (``LAYOUT_TAGS``) anywhere under it; but a row of a table with a header row
    (``<th>``) whose cells only wrap their text in ``<div>`` / ``<p>``, or whose one list lists links, each item only
    its link, is a data row (a badge link in a div, a topic's papers: ``Topic:<ul><li><a>Title</a></li></ul>``)."""
    wrapped = False  # (a <div> / <p> under it; any other block ends the walk: a layout row)
    lists = 0
    for n in node.traverse(include_text=False):
        if n.tag in LAYOUT_TAGS:
            if n.tag in ("ul", "ol") and (lists := lists + 1) == 1 and _links_list(n):
                wrapped = True
                continue
            if n.tag not in _CELL_WRAPPERS:
                return True
            wrapped = True
    if not wrapped:
        return False
    table = _table_of(node)
    if table is None:
        return True
    key = table.mem_id
    if key not in headed:  # (each table looked at once)
        headed[key] = table.css_first("th") is not None
    return not headed[key]


def _links_list(node) -> bool:
    """A list whose items are each one link and nothing else (``<li><a href="…">Title</a></li>``)."""
    items = node.css("li")
    for li in items:
        links = li.css("a")
        if len(links) != 1 or li.css("ul, ol") or " ".join(li.text().split()) != " ".join(links[0].text().split()):
            return False
    return bool(items)


def _in_row_cell(node) -> bool:
    """``node`` is inside a cell of a table row of two cells or more (a schedule's "Readings" cell beside its date)."""
    up = node.parent
    while up is not None and up.tag not in ("td", "th", "table", "body"):
        up = up.parent
    if up is None or up.tag not in ("td", "th") or up.parent is None:
        return False
    return sum(1 for c in up.parent.iter(include_text=False) if c.tag in ("td", "th")) >= 2


def _table_of(node):
    """The ``<table>`` that holds ``node``, else None."""
    table = node.parent
    while table is not None and table.tag != "table":
        table = table.parent
    return table


def _colspan(cell) -> int:
    span = (cell.attributes.get("colspan") or "1").strip()
    return int(span) if span.isdigit() and len(span) < 4 else 1


def _spans_table(cell, widths: dict[int, int]) -> bool:
    """A cell whose ``colspan`` (2 or more) is its table's whole width: a row's only cell, a label across the
    table (a syllabus's ``<td colspan="4">Part I: Paper Discussion</td>``). (Each table's width counted once.)"""
    span = _colspan(cell)
    if span < 2:
        return False
    table = _table_of(cell)
    if table is None:
        return False
    key = table.mem_id
    if key not in widths:
        widths[key] = max(
            (sum(_colspan(c) for c in row.iter(include_text=False) if c.tag in ("td", "th")) for row in table.css("tr")),
            default=0,
        )
    return span >= widths[key]


_CLASSED_TAGS = frozenset({"div", "section", "p", "span", "ul", "table", "td", "tr", "li"})  # (skipped by class or style)


def _skipped(tag: str, node, holders: frozenset[int] = frozenset()) -> bool:
    """Site chrome by tag or class word; but never a block holding the page's ``<main>`` (``holders``): a layout
    class naming what the page has ("page-navbar", "has-sidebar") is not the chrome itself."""
    if tag in SKIP_TAGS:
        return True
    if tag in _CLASSED_TAGS:
        if holders and node.mem_id in holders:
            return False
        attrs = node.attributes
        if not attrs:  # (most tags of rendered Markdown have none)
            return False
        cls = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
        if cls.strip() and SKIP_CLASS_RE.search(cls) and not CARD_FOOTER_RE.fullmatch(cls.strip()):
            return True
        style = attrs.get("style") or ""
        if "display:none" in style.replace(" ", ""):
            return True
    return False


def _page_header(node) -> bool:
    """A ``<header>`` of the page, not one inside its ``<main>`` or an ``<article>`` (an article's own header holds
    its title)."""
    up = node.parent
    while up is not None:
        if up.tag in ("main", "article"):
            return False
        up = up.parent
    return True


def _walk_html(html: str, *, fenced: bool = False) -> list[Block]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    root = tree.body
    if root is None:
        return []
    walker = _Walker()
    walker.fenced = fenced
    attrs = "data-" in html and ARXIV_ATTR_RE.search(html) is not None  # (its "data-" found first: the pattern starts
    # with a space, tried at every character)
    main = tree.css_first("main") if "<main" in html else None
    if main is None and "<article" in html and len(found := tree.css("article")) == 1:
        main = found[0]  # (a post's one <article>; not a page of <article> cards)
    holders: set[int] = set()  # the blocks holding <main> (or the one <article>): the page's content, not chrome
    up = main.parent if main is not None else None
    while up is not None:
        holders.add(up.mem_id)
        up = up.parent
    held = frozenset(holders)
    banner = main is not None and len(main.css("h1")) == 1  # (the page's own title is in its <main>; not several
    # <h1> there, "# Vision" … "# Language": sections under the header's title)
    node = root.child
    depth = 1
    open_tags: list[str] = []  # the tags of the nodes walked into (their exit without asking the node again)
    text = walker.text
    while node is not None and depth > 0:
        tag = node.tag
        if tag == "-text":
            s = node.text_content
            if s and (s != "\n" or walker.pieces or walker.pre):  # (a line break between tags, before the line's
                text(s)  # text: nothing to read; the commonest text of rendered Markdown)
        elif tag == "img" and walker.link_start:
            walker.alt = clean_line(node.attributes.get("alt") or "")  # (a badge's "Paper": what its link is)
        elif tag == "header" and banner and _page_header(node):
            pass  # the site's banner over a <main> (or the one <article>) that holds the page's own <h1>: site chrome
        elif tag and tag[0] not in "-!" and (not attrs or walker.attr_ref(node)) and tag not in SKIP_TAGS and (
            tag not in _CLASSED_TAGS or not node.attributes or not _skipped(tag, node, held)  # (a tag it never skips,
        ):  # or one of no class, id or style: not asked)
            handler = walker.enters[tag]  # (the table of the walker's mode: see _Walker._cell_mode)
            if handler is not None:
                handler(walker, tag, node)
            child = node.child
            if child is not None:
                open_tags.append(tag)
                node = child
                depth += 1
                continue
            handler = walker.exits[tag]
            if handler is not None:
                handler(walker, tag)
        following = node.next
        while following is None:
            node = node.parent
            depth -= 1
            if node is None or depth <= 0:
                break
            tag = open_tags.pop()
            handler = walker.exits[tag]
            if handler is not None:
                handler(walker, tag)
            following = node.next
        node = following
    walker.new_para()
    if len(walker.summaries) > 1:
        walker.repeated_summaries()
    return _without_card_images(walker.blocks)


def _without_card_images(blocks: list[Block]) -> list[Block]:
    """A card's image link (``<a href="arXiv"><img></a>``, no text) right over the card's heading, whose target a
    link of the card under that heading gives again ("Link to the paper"): the same paper, read at that link, not as
    a link of the card above."""
    drop = set()
    for k, b in enumerate(blocks[:-1]):
        if b.kind != "para" or b.text or not b.links or any(link.text for link in b.links):
            continue
        if blocks[k + 1].kind != "heading":
            continue
        later: set[str] = set()
        for o in blocks[k + 2 : k + 40]:
            if o.kind == "heading":
                break
            later.update(link.href for link in o.links if link.text)
        if all(link.href in later for link in b.links):
            drop.add(k)
    return [b for k, b in enumerate(blocks) if k not in drop] if drop else blocks
