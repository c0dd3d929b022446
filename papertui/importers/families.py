"""Reading lists kept in other markup families, read as Markdown (no Textual import).

People keep reading lists in Emacs org-mode, reStructuredText (Sphinx docs) and LaTeX as well as
in Markdown and HTML. Each family here has a small converter to Markdown that keeps what the
article importer reads — headings, list items, tables, paragraphs, links with their text, bold —
so the same block pipeline (``blocks.py`` → ``digest.py``) reads them, with no item logic of its own:

- **org**: ``* Heading`` (one level below the document's ``#+TITLE:``), ``- [ ] item`` checkboxes,
  ``[[url][text]]`` / ``[[url]]`` links, ``*bold*``, ``=code=``, tables; a heading whose property drawer holds a
  link (``:link: https://…``) a link titled by the heading; other drawer lines and ``#+`` lines dropped.
- **rst**: underlined (and overlined) section titles, levels in the order the styles appear;
  ```text <url>`_`` links and ``.. _name: url`` targets; ``:role:`text``` as its text; directives
  dropped (their bodies kept as text, except code, images and tables of contents); ``#.`` lists; footnotes
  (``.. [#] `Title <url>`_, Authors, 2017.``) as a numbered list's entries.
- **LaTeX**: the macros the document defines (``\\newcommand``) expanded, ``\\section`` and the like as
  headings, ``itemize`` / ``enumerate`` / ``description`` / ``thebibliography`` as lists (a bibliography's
  entry one line, ``Authors. **Title**. In Venue, 2007.``, from its ``\\newblock`` parts), ``tabular``
  as a table, ``\\href`` / ``\\url`` as links, ``\\textbf`` as bold, math kept as written; a macro
  argument that is an arXiv id and nothing else (``\\arxiv{2601.21052}{Title}{Authors}``, undefined)
  becomes a link to that paper, titled by the macro's next argument.
- **Typst**: ``= Heading``, ``#link("url")[text]``, ``*strong*``, ``+`` / ``/`` lists, ``#table``; calls that
  only lay out or draw dropped (``typst.py``).

A family is chosen by the file's extension when there is one (``hint``), else sniffed from the
text (for pastes): only signs no Markdown article shows (``#+TITLE:``, ``[[url][text]]``; ``.. _x:``,
```text <url>`_``, an ``^^^^`` underline; ``\\documentclass``, ``\\section{``, ``\\item``...; ``#set`` / ``#show``
lines with ``= Heading`` or ``#link("…")``). Each converter is one pass over the lines (LaTeX: over the characters,
each brace group read once), so a big file stays linear.

Why not a library: docutils would render a Sphinx page's own roles and directives (``:doc:``,
``toctree``) as error messages unless told about each, and gives HTML to read again; orgparse gives
a tree that would still need this mapping to blocks; neither reads LaTeX. What a reading list needs
from each family is small (headings, items, links), and a converter keeps one pipeline and no
new dependency.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..arxiv_ids import NEW_ID, OLD_ID, normalize
from . import typst

EXTENSIONS = {".org": "org", ".rst": "rst", ".rest": "rst", ".tex": "latex", ".latex": "latex", ".ltx": "latex",
              ".wiki": "wiki", ".mediawiki": "wiki", ".wikitext": "wiki", ".typ": "typst"}
_SNIFF = 200_000  # characters looked at to sniff a family

_ORG_SIGN_RE = re.compile(r"^#\+(?:TITLE|AUTHOR|BEGIN_\w+|STARTUP|OPTIONS):|\[\[(?:https?:|file:)[^\]\n]*\]\[", re.I | re.M)
_RST_SIGN_RE = re.compile(r"^\.\. (?:_[^:\n]+:|[\w-]+::|\[[\w#*.:+-]+\](?:[ \t]|$))|`[^`\n]+ <[^>\n]+>`__?|^(?:\^{4,}|~{4,}|\*{4,}|\+{4,})[ \t]*$", re.M)
_WIKI_HEADING_RE = re.compile(r"^(={1,6})[ \t]*([^=\n].*?)[ \t]*\1[ \t]*$", re.M)
_WIKI_SIGN_RE = re.compile(r"'''[^'\n]+'''|\[\[[^\]\n]+\]\]|\[https?://[^\]\s]+ [^\]\n]+\]|\{\{[Cc]ite ")
_LATEX_SIGN_RE = re.compile(
    r"\\(?:documentclass|begin\{(?:document|itemize|enumerate)\}|(?:sub)*section\*?\{|item\b|href\{|newcommand)"
)


def family(text: str, hint: str | None = None) -> str | None:
    """"org", "rst", "latex", "wiki" or "typst" for ``text`` (``hint``: the file's name or extension), else None."""
    if hint:
        ext = hint[hint.rfind(".") :].lower() if "." in hint else ""
        if ext in EXTENSIONS:
            return EXTENSIONS[ext]
        if ext in (".md", ".markdown", ".html", ".htm", ".txt", ".bib", ".json", ".eml"):
            return None
    head = text[:_SNIFF]
    if head.lstrip()[:1] in ("<", "{"):
        return None  # (HTML, JSON)
    # (Each pattern only where the text holds what each of its matches starts with: a pattern anchored at ^ is tried
    # at every character, 20 ms for the five of them on every Markdown article that has none of it.)
    if "\\" in head and (len(_LATEX_SIGN_RE.findall(head)) >= 3 or "\\begin{document}" in head):
        return "latex"
    if ("#+" in head or "[[" in head) and len(_ORG_SIGN_RE.findall(head)) >= 2:
        return "org"
    if (".. " in head or "`" in head or any(c * 4 in head for c in "^~*+")) and len(_RST_SIGN_RE.findall(head)) >= 2:
        return "rst"
    if "=" in head and any(s in head for s in ("'''", "[[", "[http", "{{")) and len(_WIKI_HEADING_RE.findall(head)) >= 2 and (
        len(_WIKI_SIGN_RE.findall(head)) >= 2
    ):
        return "wiki"
    if (head[:1] == "=" or "\n=" in head or any(s in head for s in typst.SIGN_WORDS)) and typst.sniff(head):
        return "typst"
    return None


def convert(text: str, hint: str | None = None) -> str | None:
    """``text`` as Markdown when it is in one of the families above, else None."""
    kind = family(text, hint)
    if kind is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    converters = {"org": org_to_markdown, "rst": rst_to_markdown, "latex": latex_to_markdown, "wiki": wiki_to_markdown,
                  "typst": typst.typst_to_markdown}
    return converters[kind](text)


# -- org-mode ------------------------------------------------------------------------------------
# (The end's tags and spaces are looked for only where a run of spaces starts: from each place of the lazy title,
# a long run of spaces was scanned once a space, quadratic.)
_ORG_HEADING_RE = re.compile(r"^(\*+)[ \t]+(?:(?:TODO|DONE|NEXT|WAITING|CANCELL?ED)[ \t]+)?(?:\[#[A-C]\][ \t]+)?(.*?)"
                             r"(?:(?<![ \t])[ \t]+:[\w@#%:]+:)?(?:(?<![ \t])[ \t]+)?$")
_ORG_KEYWORD_RE = re.compile(r"^[ \t]*#\+(\w+):?[ \t]*(.*)$")
_ORG_ITEM_RE = re.compile(r"^([ \t]*)([-+]|[0-9]{1,3}[.)])[ \t]+(?:\[[ Xx-]\][ \t]+)?")
# A headline's tags (":read:", ":ml:nlp:"), on an item too; looked for from the first space of a run only (from each
# of them, a long run of spaces was scanned once a space: quadratic).
_ORG_TAGS_RE = re.compile(r"(?<![ \t])[ \t]+:[\w@#%:]+:[ \t]*$")
# (its text may hold brackets of its own, one level: a browser tab's title that org-protocol captured, "[[url][[ID]
# Title]]"; each alternative starts with its own character: no backtracking)
_ORG_LINK_RE = re.compile(r"\[\[([^\[\]\n]+)\](?:\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\])?\]")  # ("[[url][]]": no text)
_ORG_BOLD_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,200}?)(?<=\S)\*(?![\w*])")
_ORG_CODE_RE = re.compile(r"(?<![\w=~])[=~](?=\S)([^=~\n]{1,200}?)(?<=\S)[=~](?![\w=~])")
_ORG_RULE_RE = re.compile(r"^[ \t]*\|(?=[+|: ]*+-)[-+|: ]*+[ \t]*$")  # (its dash looked for ahead: linear)
_ORG_DRAWER_RE = re.compile(r"^[ \t]*:[A-Z_]+:[ \t]*$")
_ORG_PLANNING_RE = re.compile(r"^[ \t]*(?:CLOSED|SCHEDULED|DEADLINE):")
_ORG_PROPERTY_URL_RE = re.compile(r"^[ \t]*:[\w-]+:[ \t]+(https?://\S+)[ \t]*$")  # ":link:  https://…" in a drawer


# Workflow keywords an Org headline may start with besides the built-in ones (_ORG_HEADING_RE's): common custom
# ones, and those the file declares (``#+TODO: INBOX READING | DONE``)
_ORG_CUSTOM_KEYWORDS = frozenset(("INBOX", "SOMEDAY", "HOLD", "STARTED", "WAIT"))
_ORG_TODO_LINE_RE = re.compile(r"^#\+(?:SEQ_|TYP_)?TODO:[ \t]*(.*)$", re.I | re.M)
_ORG_KEYWORD_LEAD_RE = re.compile(r"([A-Z][A-Z_-]{1,15})[ \t]+(?=\S)")


def _org_keywords(text: str) -> frozenset[str]:
    """The workflow keywords of an Org file: the common custom ones and those its ``#+TODO:`` lines declare
    (``#+TODO: INBOX NEXT(n) | DONE(d)``: ``INBOX``, ``NEXT``, ``DONE``)."""
    declared = {w.split("(", 1)[0] for m in _ORG_TODO_LINE_RE.finditer(text) for w in m.group(1).split() if w != "|"}
    return _ORG_CUSTOM_KEYWORDS | frozenset(w for w in declared if w)


def _without_org_keyword(title: str, keywords: frozenset[str]) -> str:
    """A headline's text without the workflow keyword it starts with (``INBOX You're Measuring X Wrong``: the title;
    ``INBOX https://arxiv.org/pdf/ID``: the URL)."""
    m = _ORG_KEYWORD_LEAD_RE.match(title)
    return title[m.end() :] if m and m.group(1) in keywords else title


def _org_link(m: re.Match) -> str:
    target, text = m.group(1), m.group(2)
    if text:
        return f"[{text}]({target})"
    return f"<{target}>" if re.match(r"https?://", target) else target


def _org_inline(s: str) -> str:
    if "[[" in s:
        s = _ORG_LINK_RE.sub(_org_link, s)
    if "*" in s:
        s = _ORG_BOLD_RE.sub(r"**\1**", s)
    if "=" in s or "~" in s:
        s = _ORG_CODE_RE.sub(r"`\1`", s)
    return s


_ORG_OPEN_EMPH_RE = re.compile(r"(?:^|\s)\*(?=[^\s*])[^*\n]*$")  # "*A title that" (its closing "*" on the next line)


def _org_open(line: str) -> bool:
    """A line that leaves an Org link (``[[url][Journal``) or a bold span (``*A title that``) open at its end."""
    return ("[[" in line and line.count("[[") > line.count("]]")) or (
        "*" in line and _ORG_OPEN_EMPH_RE.search(line) is not None
    )


def org_to_markdown(text: str) -> str:
    out: list[str] = []
    block: str | None = None  # the #+BEGIN_ block we are in
    drawer = False
    heading_at = -1  # where the last heading stands in out (its drawer's link makes it a link), -1: linked or none
    table_rows = 0  # rows of the table so far (a Markdown table needs its delimiter row second)
    # (headings one level below the title; without a #+TITLE two, so that the first is not taken for it)
    shift = 1 if re.search(r"^#\+title:[ \t]*\S", text[:_SNIFF], re.I | re.M) else 2
    keywords = _org_keywords(text)
    carry = ""  # a line whose link or emphasis goes on to the next line
    for line in text.split("\n"):
        if block is not None:
            if re.match(r"^[ \t]*#\+END_", line, re.I):
                if block in ("src", "example"):
                    out.append("```")
                block = None
            elif block in ("src", "example"):
                out.append(line)
            elif block != "comment":
                out.append(_org_inline(line))
            continue
        if drawer:
            drawer = not re.match(r"^[ \t]*:END:[ \t]*$", line, re.I)
            prop = _ORG_PROPERTY_URL_RE.match(line) if drawer and heading_at >= 0 else None
            if prop:  # "* Title" / ":PROPERTIES:" / ":link: https://…": the heading names what the link holds
                hashes, _, words = out[heading_at].partition(" ")
                out[heading_at] = f"{hashes} [{words}]({prop.group(1)})"
                heading_at = -1
            continue
        if line.endswith("\\\\"):
            line = line[:-2].rstrip()  # "Title\\": Org's line break at the end of a line, not text
        if carry:
            if line.strip() and not _ORG_HEADING_RE.match(line) and not _ORG_ITEM_RE.match(line) and not (
                _ORG_KEYWORD_RE.match(line) or _ORG_DRAWER_RE.match(line)
            ):
                line = carry + " " + line.strip()  # (the rest of a link or an emphasis wrapped on the next line)
            else:
                out.append(_org_inline(carry))
            carry = ""
        if len(line) < 1000 and _org_open(line) and not _ORG_HEADING_RE.match(line):
            carry = line  # "[[https://doi.org/…][Journal" / "of Luminescence (2019)]]", "*A title that" / "wraps*"
            continue
        if _ORG_DRAWER_RE.match(line):
            drawer = True
            continue
        if _ORG_PLANNING_RE.match(line) or re.match(r"^[ \t]*# ", line) or line.strip() == "#":
            continue  # (a planning line, a comment)
        if line.strip():
            heading_at = -1  # (a drawer's link belongs to the heading right above it)
        keyword = _ORG_KEYWORD_RE.match(line)
        if keyword:
            key = keyword.group(1).lower()
            if key.startswith("begin_"):
                block = key[6:]
                if block in ("src", "example"):
                    out.append("```")
            elif key == "title" and keyword.group(2).strip():
                out.append("# " + _org_inline(keyword.group(2).strip()))
                out.append("")
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if _ORG_RULE_RE.match(line):
                if table_rows == 1:
                    cells = max(1, stripped.strip("|").count("+") + 1)
                    out.append("|" + " --- |" * cells)
                    table_rows += 1
                continue
            if table_rows == 1:  # (a table without a header rule: its first row heads it)
                out.append("|" + " --- |" * max(1, stripped.strip("|").count("|") + 1))
            table_rows += 1
            out.append(_org_inline(stripped))
            continue
        if table_rows:
            out.append("")
            table_rows = 0
        heading = _ORG_HEADING_RE.match(line)
        if heading:
            level = min(6, len(heading.group(1)) + shift)
            text = _org_inline(_without_org_keyword(heading.group(2), keywords))
            out.extend(("", "#" * level + " " + text, ""))
            heading_at = len(out) - 2 if text.strip() and "](" not in text and "<http" not in text else -1
            continue
        item = _ORG_ITEM_RE.match(line)
        if item:
            indent, bullet = item.group(1), item.group(2)
            bullet = "-" if bullet in "-+" else bullet[:-1] + "."
            rest = line[item.end() :]
            if rest.rstrip().endswith(":"):  # "- [ ] [[url][Title]] (2025) :read:": tagged like a headline, the tags no words
                rest = _ORG_TAGS_RE.sub("", rest)
            out.append(f"{indent}{bullet} {_org_inline(rest)}")
            continue
        out.append(_org_inline(line))
    if carry:
        out.append(_org_inline(carry))
    return "\n".join(out) + "\n"


# -- reStructuredText ----------------------------------------------------------------------------
_RST_ADORN = "=-`:'\"~^_*+#<>.!$%&(),/;?@[\\]{|}"
_RST_TARGET_RE = re.compile(r"^\.\. _(?:`([^`]+)`|([^:]+)):[ \t]*(\S*)[ \t]*$")
_RST_DIRECTIVE_RE = re.compile(r"^([ \t]*)\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:-]+)::(.*)$")
_RST_COMMENT_RE = re.compile(r"^([ \t]*)\.\.(?:[ \t]|$)")
# A footnote (``.. [#] text``, ``.. [1] text``, ``.. [#note] text``): a list's entry (a citation, ``.. [Lee2020] text``,
# stays a comment, a bibliography the text cites by label, its entries often without a link of their own, unless the
# page's citations give arXiv references: ``_rst_citations``)
_RST_NOTE_RE = re.compile(r"^\.\.[ \t]+\[(#[\w-]*|\*|[0-9]+)\](?:[ \t]+|$)")
_RST_LINK_RE = re.compile(r"`([^`<\n]*?)[ \t]*<([^<>`\n]+)>`__?")
_RST_REF_RE = re.compile(r"`([^`<\n]+)`__?(?!\w)")
_RST_WORD_REF_RE = re.compile(r"(?<![\w`])([A-Za-z][\w.-]*)__?(?![\w`])")
_RST_ROLE_RE = re.compile(r":[\w:+-]+:`([^`\n]+)`")
_RST_LITERAL_RE = re.compile(r"``([^`\n]+)``")
_RST_ITEM_RE = re.compile(r"^([ \t]*)(?:([-*+•])|(#|[0-9]{1,3}|[a-zA-Z])[.)]|\((#|[0-9]{1,3})\))[ \t]+(?=\S)")
_RST_QUIET = {"image", "figure", "toctree", "code", "code-block", "sourcecode", "literalinclude", "raw", "include",
              "contents", "highlight", "math", "only", "index", "meta", "autosummary"}
_RST_TABLES = {"list-table", "csv-table"}
_RST_OPTION_RE = re.compile(r"^[ \t]*:([\w-]+):[ \t]*(.*)$")


def _rst_table(lines: list[str], k: int, indent: int, name: str, targets: dict[str, str]) -> tuple[list[str], int]:
    """A ``list-table`` or ``csv-table`` directive's body, from line ``k`` (under the directive at ``indent``), as a
    Markdown table: (its lines, the line after it). A cell's wrapped lines are one line; ``:header-rows:`` (or a
    csv-table's ``:header:``) gives the header, else the header is empty. E.g. (a reading group's schedule)::

        * - 2031/03/12           ->   | 2031/03/12 | Ada MORVAN | arXiv:2501.01234 |
          - Ada MORVAN
          - :arxiv:`2501.01234`
    """
    options: dict[str, str] = {}
    body: list[str] = []
    n = len(lines)
    while k < n and (not lines[k].strip() or len(lines[k]) - len(lines[k].lstrip()) > indent):
        option = _RST_OPTION_RE.match(lines[k]) if not body else None
        if option:
            options[option.group(1).lower()] = option.group(2).strip()
        elif lines[k].strip() or body:
            body.append(lines[k])
        k += 1
    rows: list[list[str]] = []
    if name == "list-table":
        cell_col = -1  # the column of a row's cell markers ("- ")
        for line in body:
            text = line.strip()
            col = len(line) - len(line.lstrip())
            if text.startswith("* -") and (cell_col < 0 or col + 2 == cell_col):
                cell_col = col + 2
                rows.append([text[3:].strip()])
            elif rows and col == cell_col and (text == "-" or text.startswith("- ")):
                rows[-1].append(text[1:].strip())
            elif rows and text:
                rows[-1][-1] = (rows[-1][-1] + " " + text).strip()
    else:
        delim = options.get("delim", ",")
        delim = {"tab": "\t", "space": " "}.get(delim, delim[:1] or ",")
        rows = [r for r in csv.reader((line.strip() for line in body if line.strip()), delimiter=delim,
                                      skipinitialspace=True)]
        if options.get("header"):
            rows[:0] = list(csv.reader([options["header"]], skipinitialspace=True))
            options["header-rows"] = str(int(options.get("header-rows", "0") or 0) + 1)
    if not rows:
        return [], k
    width = max(len(r) for r in rows)
    heads = int(options["header-rows"]) if options.get("header-rows", "").isdigit() else 0

    def row(cells: list[str]) -> str:
        cells = [_rst_inline(c, targets).replace("|", "\\|") for c in cells] + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    head = rows[0] if heads else []
    out = ["", row(head), "|" + "---|" * width]
    out.extend(row(r) for r in rows[min(heads, len(rows)) if heads else 0 :])
    out.append("")
    return out, k


def _rst_title(lines: list[str], k: int) -> tuple[str, str, int] | None:
    """A section title at line ``k``: (its text, its style, how many lines it takes), else None."""
    line = lines[k].rstrip()
    if not line or line[0] in " \t":
        return None

    def rule(s: str) -> bool:
        s = s.rstrip()
        return len(s) >= 3 and s[0] in _RST_ADORN and s == s[0] * len(s)

    if rule(line) and k + 2 < len(lines) and rule(lines[k + 2]) and lines[k + 1].strip() and not rule(lines[k + 1]):
        title = lines[k + 1].strip()
        if len(line) >= len(title):
            return title, "over" + line[0], 3
    under = lines[k + 1].rstrip() if k + 1 < len(lines) else ""
    # (a title numbered like a list's entry, "1. Model-Free RL" / "a. Deep Q-Learning", is underlined in full)
    if not rule(line) and rule(under) and len(under) + 2 >= len(line) and (
        not _RST_ITEM_RE.match(line) or len(under) >= len(line)
    ):
        return line.strip(), under[0], 2
    return None


_RST_LEAD_ESCAPE_RE = re.compile(r"^(\s*)\\(?=[^\W\d_])")


def _rst_role(m: re.Match) -> str:
    text = re.sub(r"[ \t]*<[^<>]+>$", "", m.group(1))
    return "arXiv:" + text if m.group(0)[1:7].lower() == "arxiv:" else text  # (Sphinx's extlink role :arxiv:`ID`)


def _rst_inline(s: str, targets: dict[str, str]) -> str:
    if s.lstrip()[:1] == "\\":  # "\\W. Bruzda, …": the escape that keeps an initial from starting a list ("W."
        s = _RST_LEAD_ESCAPE_RE.sub(r"\1", s, count=1)  # would be enumerated): the letter itself
    if "`" in s:
        s = _RST_ROLE_RE.sub(_rst_role, s)
        s = _RST_LITERAL_RE.sub(r"`\1`", s)
        s = _RST_LINK_RE.sub(lambda m: f"[{m.group(1) or m.group(2)}]({m.group(2)})", s)
        s = _RST_REF_RE.sub(lambda m: _rst_ref(m.group(1), targets), s)
    if "_" in s and targets:
        s = _RST_WORD_REF_RE.sub(lambda m: _rst_ref(m.group(1), targets), s)
    return s


def _rst_ref(name: str, targets: dict[str, str]) -> str:
    url = targets.get(name.lower())
    return f"[{name}]({url})" if url else name


# A citation (``.. [Lee2020] Authors. Title. (astro-ph/9905116).``, its body indented under it) and an arXiv id standing
# bare in one: an old-style id anywhere, a new-style id in parentheses ("(0804.4476)": not a page or a volume)
_RST_CITATION_RE = re.compile(r"^\.\.[ \t]+\[([A-Za-z][\w.:+-]*)\](?:[ \t]+(.*?))?[ \t]*$")
_RST_BARE_ID_RE = re.compile(
    rf"(?<![\w/.:<`-])(?:{OLD_ID}|(?<=\()(?:{NEW_ID}))(?:v[0-9]+)?(?![\w/])(?!\.[0-9])", re.A | re.I
)


def _rst_citations(lines: list[str]) -> list[str]:
    """A page's bibliography of citations (``.. [Key]`` and their bodies) as an auto-numbered list, one entry each
    (those that give a reference or a year: a paper's), when one of them at least gives an arXiv reference (a ``:arxiv:`ID``` role, a link, a bare id): a literature page
    of papers. Otherwise its citations stay what they are (comments to docutils' reader here): notes a text cites."""
    found: list[tuple[int, int]] = []  # (first line, end) of each citation
    k, n = 0, len(lines)
    while k < n:
        if _RST_CITATION_RE.match(lines[k]):
            end = k + 1
            while end < n and (not lines[end].strip() or lines[end][:1] in " \t"):
                end += 1
            while end > k + 1 and not lines[end - 1].strip():
                end -= 1
            found.append((k, end))
            k = end
        else:
            k += 1
    if not found:
        return lines

    def body(k: int, end: int) -> list[str]:
        first = _RST_CITATION_RE.match(lines[k])
        rest = [ln for ln in lines[k + 1 : end]]
        head = (first.group(2) or "") if first else ""
        if not head and rest:
            head, rest = rest[0].strip(), rest[1:]
        return [_RST_BARE_ID_RE.sub(lambda m: "arXiv:" + m.group(0), ln) for ln in (head, *rest)]

    bodies = [body(k, end) for k, end in found]
    if not any(re.search(r":arxiv:`|arxiv\.org/|arXiv:", "\n".join(b), re.I) for b in bodies):
        return lines
    out: list[str] = []
    last = 0
    for (k, end), b in zip(found, bodies):
        out.extend(lines[last:k])
        if not re.search(r":arxiv:`|arxiv\.org/|arXiv:|\b(?:19|20)[0-9]{2}\b", "\n".join(b), re.I):
            last = end  # (no reference and no year: the site's docs, its forum, not a paper)
            continue
        out.append("#. " + b[0])
        out.extend("   " + ln.strip() if ln.strip() else "" for ln in b[1:])
        last = end
    out.extend(lines[last:])
    return out


def rst_to_markdown(text: str) -> str:
    lines = _rst_citations(text.split("\n"))
    targets: dict[str, str] = {}
    for line in lines:  # (a target may be defined after its use)
        m = _RST_TARGET_RE.match(line)
        if m and m.group(3):
            targets[(m.group(1) or m.group(2)).strip().lower()] = m.group(3)
    styles: list[str] = []
    out: list[str] = []
    skip_indent: int | None = None  # the body of a directive or a comment being dropped
    literal_indent: int | None = None  # an indented literal block ("::")
    item_indent = -1  # where the text of the list item we are in starts
    k, n = 0, len(lines)
    while k < n:
        line = lines[k]
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None or literal_indent is not None:
            limit = skip_indent if skip_indent is not None else literal_indent
            if not line.strip() or indent > (limit or 0):
                if literal_indent is not None:
                    out.append(line)
                k += 1
                continue
            if literal_indent is not None:
                out.append("```")
            skip_indent = literal_indent = None
        title = _rst_title(lines, k) if indent == 0 else None
        if title is not None:
            name, style, taken = title
            if style not in styles:
                styles.append(style)
            out.extend(("", "#" * min(6, styles.index(style) + 1) + " " + _rst_inline(name, targets), ""))
            item_indent = -1
            k += taken
            continue
        directive = _RST_DIRECTIVE_RE.match(line)
        if directive:
            name = directive.group(2).lower().split(":")[-1]
            if name in _RST_QUIET:
                skip_indent = indent
            elif name in _RST_TABLES:
                if directive.group(3).strip():  # (its caption)
                    out.extend(("", _rst_inline(directive.group(3).strip(), targets)))
                table, k = _rst_table(lines, k + 1, indent, name, targets)
                out.extend(table)
                continue
            elif directive.group(3).strip():
                out.append(_rst_inline(directive.group(3).strip(), targets))
            k += 1
            continue
        note = _RST_NOTE_RE.match(line) if indent == 0 else None
        if note:  # (a page of footnotes is a page's list of references: one numbered entry each, its label dropped)
            item_indent = 3
            out.append("1. " + _rst_inline(line[note.end() :].strip(), targets))
            k += 1
            continue
        if _RST_COMMENT_RE.match(line):  # a target or a comment: nothing to read
            skip_indent = indent
            k += 1
            continue
        if line.rstrip().endswith("::") and not line.strip().startswith(".."):
            text_part = line.rstrip()[:-1].rstrip()
            out.append(_rst_inline(text_part[:-1] if text_part.endswith(":") and len(text_part) > 1 else text_part, targets))
            out.extend(("", "```"))
            literal_indent = indent
            k += 1
            continue
        item = _RST_ITEM_RE.match(line)
        if item and item.group(3) and item.group(3).isalpha() and k and lines[k - 1].strip():
            item = None  # (a paragraph's next line led by an initial, "J. Lee, B. Wu, …": no list starts inside it)
        if item:
            bullet = "-" if item.group(2) else "1."
            item_indent = item.end()
            out.append(" " * min(indent, 8) + bullet + " " + _rst_inline(line[item.end() :], targets))
            k += 1
            continue
        if line.strip():
            if item_indent >= 0 and indent >= item_indent:
                line = " " * item_indent + line.strip()  # (the item's own paragraphs: not a code block)
            else:
                item_indent = -1 if indent == 0 else item_indent
                line = line.strip()  # (a block quote: its text)
            line = _rst_inline(line, targets)
        out.append(line)
        k += 1
    if literal_indent is not None:
        out.append("```")
    return "\n".join(out) + "\n"


# -- MediaWiki ----------------------------------------------------------------------------------
_WIKI_LIST_RE = re.compile(r"^([*#:;]+)[ \t]*(.*)$")
_WIKI_EXTERNAL_RE = re.compile(r"\[((?:https?:)?//[^\s\]]+)(?:[ \t]+([^\]\n]+))?\]")
_WIKI_INTERNAL_RE = re.compile(r"\[\[(?:[^\[\]|\n]*\|)?([^\[\]\n]+)\]\]")  # (no "[" inside: a run of "[[" was read to
# its line's end from each one, quadratic)
_WIKI_TEMPLATE_RE = re.compile(r"\{\{([^{}]{0,2000})\}\}")
_WIKI_BOLD_RE = re.compile(r"'''(.+?)'''")
_WIKI_ITALIC_RE = re.compile(r"''(.+?)''")


def _wiki_template(m: re.Match) -> str:
    """``{{cite arXiv |eprint=1706.03762 |title=…}}``, ``{{cite journal |title=… |url=… |doi=…}}``: a link titled by
    the cited title (to arXiv for an ``arxiv`` / ``eprint`` id); other templates are dropped."""
    parts = [p.strip() for p in m.group(1).split("|")]
    if not parts[0].lower().startswith(("cite", "citation")):
        return ""
    fields = {k.strip().lower(): v.strip() for k, eq, v in (p.partition("=") for p in parts[1:]) if eq}
    title = fields.get("title", "").strip("'\"")
    arxiv = normalize(fields.get("arxiv") or fields.get("eprint") or "")
    doi = fields.get("doi", "")
    url = f"https://arxiv.org/abs/{arxiv}" if arxiv else fields.get("url") or (f"https://doi.org/{doi}" if doi else "")
    authors = fields.get("author") or fields.get("last") or fields.get("authors") or ""
    year = fields.get("year") or fields.get("date", "")[:4]
    lead = f"{authors}: " if authors else ""
    tail = f". {year}" if year else ""
    return f"{lead}[{title}]({url}){tail}" if title and url else title


def _wiki_inline(s: str) -> str:
    if "{{" in s:
        s = _WIKI_TEMPLATE_RE.sub(_wiki_template, s)
    if "[" in s:
        s = _WIKI_INTERNAL_RE.sub(r"\1", s)
        s = _WIKI_EXTERNAL_RE.sub(lambda m: f"[{m.group(2)}]({m.group(1)})" if m.group(2) else f"<{m.group(1)}>", s)
    if "''" in s:
        s = _WIKI_ITALIC_RE.sub(r"*\1*", _WIKI_BOLD_RE.sub(r"**\1**", s))
    return s.replace("<ref>", " ").replace("</ref>", " ")


def _wiki_cells(line: str) -> list[str]:
    """The cells of a table line (``| a || b``, ``! a !! b``), each without its attributes (``style="…" | text``)."""
    sep = "!!" if line[0] == "!" else "||"
    cells = []
    for cell in line[1:].split(sep):
        attrs, bar, rest = cell.partition("|")
        if bar and "=" in attrs and "[" not in attrs:
            cell = rest
        cells.append(_wiki_inline(cell.strip()).replace("|", "/"))
    return cells


def wiki_to_markdown(text: str) -> str:
    out: list[str] = []
    row: list[str] = []
    rows = 0  # rows of the table so far (a Markdown table needs its delimiter row second)
    table = False
    for line in text.split("\n"):
        stripped = line.strip()
        if table:
            if stripped.startswith(("|}", "|-")):
                if row:
                    out.append("| " + " | ".join(row) + " |")
                    rows += 1
                    if rows == 1:
                        out.append("|" + " --- |" * len(row))
                row = []
                if stripped.startswith("|}"):
                    table = False
                    out.append("")
            elif stripped[:1] in ("|", "!") and not stripped.startswith("|+"):
                row.extend(_wiki_cells(stripped))
            elif row and stripped:
                row[-1] += " " + _wiki_inline(stripped)
            continue
        if stripped.startswith("{|"):
            table, row, rows = True, [], 0
            out.append("")
            continue
        heading = _WIKI_HEADING_RE.match(line)
        if heading:
            out.extend(("", "#" * len(heading.group(1)) + " " + _wiki_inline(heading.group(2)), ""))
            continue
        item = _WIKI_LIST_RE.match(line)
        if item and item.group(1)[-1] in "*#":
            marks = item.group(1)
            bullet = "1." if marks[-1] == "#" else "-"
            out.append("  " * (len(marks) - 1) + f"{bullet} {_wiki_inline(item.group(2))}")
            continue
        if item:  # ": indented text", "; a term"
            body = _wiki_inline(item.group(2))
            out.append(f"**{body}**" if item.group(1)[-1] == ";" else body)
            continue
        out.append(_wiki_inline(line))
    return "\n".join(out) + "\n"


# -- LaTeX ---------------------------------------------------------------------------------------
_ID_ARG_RE = re.compile(rf"\s*(?:arxiv\s*[:：]\s*)?(?:{NEW_ID}|{OLD_ID})(?:v[0-9]+)?\s*", re.I | re.A)
_COMMENT_RE = re.compile(r"(?<!\\)%[^\n]*")
_NAME_RE = re.compile(r"\\([A-Za-z@]+\*?|.)", re.S)
_NEWCOMMAND_RE = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z@]+)\}?\s*(?:\[([0-9])\])?\s*(?:\[[^\]]*\])?\s*(?=\{)")
_DEF_RE = re.compile(r"\\def\s*\\([A-Za-z@]+)((?:#[0-9])*)\s*(?=\{)")
_HEADINGS = {"part": 2, "chapter": 2, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5,
             "subparagraph": 6}
_DROP = {  # commands whose arguments are not text
    "label", "ref", "eqref", "pageref", "cite", "citep", "citet", "nocite", "footnote", "footnotetext", "thanks",
    "usepackage", "documentclass", "setcounter", "addtocounter", "setlength", "vspace", "hspace", "includegraphics",
    "bibliographystyle", "bibliography", "input", "include", "definecolor", "color", "pagestyle", "thispagestyle",
    "newcommand", "renewcommand", "providecommand", "def", "hypersetup", "geometry", "date", "author", "title",
    "newenvironment", "renewenvironment", "setmainfont", "setCJKmainfont", "graphicspath", "hypertarget", "index",
    "fontsize", "linespread", "newtheorem", "captionsetup", "lstset", "caption",
}
_KEEP = {"textrm", "textsf", "textup", "textnormal", "mbox", "text", "hyperlink", "textcolor", "colorbox", "underline",
         "uline", "textsc", "small", "large", "Large", "centering", "noindent", "mathrm"}
_ESCAPES = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": " ", ";": " ",
            "!": "", "/": "", "-": "", "\\": "\n", "@": ""}
_WORDS = {"LaTeX": "LaTeX", "TeX": "TeX", "ldots": "…", "dots": "…", "textendash": "–", "textemdash": "—",
          "quad": " ", "qquad": " ", "newline": "\n", "linebreak": "\n", "par": "\n\n", "item": "", "bigskip": "\n\n",
          "medskip": "\n\n", "smallskip": "\n\n", "newpage": "\n\n", "clearpage": "\n\n", "maketitle": "",
          "tableofcontents": "", "today": "", "hline": "", "toprule": "", "midrule": "", "bottomrule": ""}
_LONE_BREAK_RE = re.compile(r"(?<!\n)\n(?!\n)")
_PARAGRAPH_RE = re.compile(r"\n\n+(?=[^\n])")
_LISTS = {"itemize": "-", "enumerate": "1.", "description": "-", "thebibliography": "1."}
_BIB_END_RE = re.compile(r"\\bibitem\b|\\end\s*\{thebibliography\}")  # where a bibliography's entry ends
_NEWBLOCK_RE = re.compile(r"\\newblock\b")
_VERBATIM = ("verbatim", "lstlisting", "minted", "Verbatim", "comment")
_MAX_EXPANSION = 8  # nested expansions of the document's own macros
_MAX_NEST = 60  # nested brace groups and arguments read (deeper ones are kept as written: no recursion without end)


@lru_cache(maxsize=64)
def _pairs(s: str) -> dict[int, int]:
    """Where each ``{`` of ``s`` closes (escaped braces are not braces), in one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACE_RE.finditer(s):
        c = m.group()
        if c == "{":
            stack.append(m.start())
        elif c == "}" and stack:
            pairs[stack.pop()] = m.start()
    return pairs


_BRACE_RE = re.compile(r"\\.|[{}]", re.S)


class _Latex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.macros: dict[str, tuple[int, str]] = {}
        self.title = ""
        self.lists: list[str] = []
        self.items = 0  # the \\item commands read so far
        self.budget = 4 * len(text) + 100_000  # characters expansions may add (a macro that loops stops)
        self.nest = 0

    def group(self, s: str, at: int, open_: str = "{", close: str = "}") -> tuple[str, int] | None:
        """The balanced group that starts at ``s[at]`` (spaces and one line break skipped): its inside and where
        it ends. Braces are paired once per text (``_pairs``); an optional ``[...]`` is looked for nearby only."""
        k = at
        while k < len(s) and (s[k] in " \t" or (s[k] == "\n" and s[k + 1 : k + 2] != "\n")):
            k += 1
        if k >= len(s) or s[k] != open_:
            return None
        if open_ == "{":
            end = _pairs(s).get(k)
            return None if end is None else (s[k + 1 : end], end + 1)
        end = s.find(close, k, k + 200)
        return None if end < 0 else (s[k + 1 : end], end + 1)

    def args(self, s: str, at: int, count: int | None) -> tuple[list[str], int]:
        """``count`` brace arguments after ``at`` (optional ``[...]`` ones skipped); all that follow when None."""
        found: list[str] = []
        while count is None or len(found) < count:
            opt = self.group(s, at, "[", "]") if count is None or not found else None
            if opt is not None:
                at = opt[1]
                continue
            g = self.group(s, at) if count is not None else self._adjacent(s, at)
            if g is None:
                break
            found.append(g[0])
            at = g[1]
        return found, at

    def _adjacent(self, s: str, at: int) -> tuple[str, int] | None:
        return self.group(s, at) if at < len(s) and s[at] == "{" else None

    def define(self, preamble: str) -> None:
        for m in _NEWCOMMAND_RE.finditer(preamble):
            body = self.group(preamble, m.end())
            if body is not None:
                self.macros[m.group(1)] = (int(m.group(2) or 0), body[0])
        for m in _DEF_RE.finditer(preamble):
            body = self.group(preamble, m.end())
            if body is not None:
                self.macros[m.group(1)] = (len(m.group(2)) // 2, body[0])

    def convert(self, s: str, depth: int = 0) -> str:
        """``s`` as Markdown; past ``_MAX_NEST`` nested readings (a group inside a group, a command's argument inside
        one...: ``\\textbf{\\textbf{…``) as it is written: no recursion without end."""
        if self.nest >= _MAX_NEST:
            return s
        self.nest += 1
        try:
            return self._convert(s, depth)
        finally:
            self.nest -= 1

    def _convert(self, s: str, depth: int) -> str:
        out: list[str] = []
        k, n = 0, len(s)
        while k < n:
            j = k
            while j < n and s[j] not in "\\{}$~&":
                j += 1
            out.append(self._plain(s[k:j]))
            if j >= n:
                break
            c = s[j]
            if c == "$":  # math as written ($...$ or $$...$$)
                mark = "$$" if s.startswith("$$", j) else "$"
                end = s.find(mark, j + len(mark))
                if end < 0:  # (an unclosed one is the sign itself: "$$" went back to the text's start, without end)
                    out.append(mark)
                    k = j + len(mark)
                    continue
                end += len(mark)
                out.append(s[j:end])
                k = end
                continue
            if c == "~":
                out.append(" ")
                k = j + 1
                continue
            if c == "&":
                out.append(" | " if self.lists and self.lists[-1] == "table" else "&")
                k = j + 1
                continue
            if c in "{}":
                if c == "{":
                    g = self.group(s, j)
                    if g is not None:
                        out.append(self.convert(g[0], depth))
                        k = g[1]
                        continue
                k = j + 1
                continue
            m = _NAME_RE.match(s, j)
            if m is None:
                out.append("\\")
                k = j + 1
                continue
            k = self.command(m.group(1), s, m.end(), out, depth)
        return "".join(out)

    def _plain(self, text: str) -> str:
        """Text between commands as TeX reads it: a line break alone is a space (a hard-wrapped citation is one
        line), a blank line a new paragraph (inside a list's item, indented under it: the item's own paragraph, as
        where one ``\\item`` cites several papers), ``Title'' in curly quotes."""
        if "`" in text or "''" in text:
            text = text.replace("``", "“").replace("''", "”")
        if "\n" not in text:
            return text
        text = _LONE_BREAK_RE.sub(" ", text)
        lists = [e for e in self.lists if e != "table"]
        if lists and self.items and "\n\n" in text:
            indent = "  " * (len(lists) - 1) + " " * (len(_LISTS.get(lists[-1], "-")) + 1)
            text = _PARAGRAPH_RE.sub(lambda m: m.group(0) + indent, text)
        return text

    def command(self, name: str, s: str, at: int, out: list[str], depth: int) -> int:
        bare = name.rstrip("*")
        if len(name) == 1 and not name.isalpha():
            if name == "\\" and self.lists and self.lists[-1] == "table":
                out.append("\n")
            elif name in ("(", "["):  # \( math \) / \[ math \]: as written
                end = s.find("\\" + (")" if name == "(" else "]"), at)
                end = len(s) if end < 0 else end + 2
                out.append(s[at - 2 : end])
                return end
            else:
                out.append(_ESCAPES.get(name, name))
            return at
        if bare in self.macros and depth < _MAX_EXPANSION and self.budget > 0:
            count, body = self.macros[bare]
            values, end = self.args(s, at, count)
            if any(_ID_ARG_RE.fullmatch(v) for v in values):  # (its id and title paired, whatever it prints)
                out.append(self._generic(values, depth))
                return end
            for i, value in enumerate(values, 1):
                body = body.replace(f"#{i}", value)
            self.budget -= len(body)
            out.append(self.convert(body, depth + 1))
            return end
        if bare == "begin":
            g = self.group(s, at)
            if g is None:
                return at
            env = g[0].strip().rstrip("*")
            at = g[1]
            if env in _VERBATIM:
                end = s.find("\\end{" + g[0].strip() + "}", at)
                end = len(s) if end < 0 else end
                out.append("\n\n```\n" + s[at:end].strip("\n") + "\n```\n\n")
                return end
            if env in _LISTS:
                self.lists.append(env)
                if env == "thebibliography":
                    _skipped, at = self.args(s, at, 1)
                out.append("\n\n")
            elif env in ("tabular", "tabularx", "longtable", "tabulary", "array"):
                _spec, at = self.args(s, at, 2 if env == "tabularx" else 1)
                self.lists.append("table")
                out.append("\n\n")
            elif env in ("abstract", "quote", "quotation", "center", "flushleft", "figure", "table", "minipage"):
                out.append("\n\n")
            return at
        if bare == "end":
            g = self.group(s, at)
            if g is None:
                return at
            env = g[0].strip().rstrip("*")
            if (env in _LISTS or env.startswith(("tabular", "longtable", "array"))) and self.lists:
                self.lists.pop()
            out.append("\n\n")
            return g[1]
        if bare in ("item", "bibitem"):
            opt = self.group(s, at, "[", "]")
            if opt is not None:
                at = opt[1]
            if bare == "bibitem":
                key = self.group(s, at)
                at = key[1] if key else at
            while at < len(s) and s[at] in " \t":
                at += 1
            if s.startswith("\n", at) and not s.startswith("\n\n", at):
                at += 1  # ("\\item" alone on its line: its text on the next one)
            self.items += 1
            kind = next((e for e in reversed(self.lists) if e != "table"), "itemize")
            indent = "  " * max(0, sum(1 for e in self.lists if e != "table") - 1)
            lead = f"\n{indent}{_LISTS.get(kind, '-')} "
            if bare == "bibitem" and (entry := self._bib_entry(s, at, depth)) is not None:
                out.append(lead + entry[0] + "\n")
                return entry[1]
            out.append(lead + (f"**{self.convert(opt[0], depth)}** " if opt is not None and kind == "description" else ""))
            return at
        if bare in _HEADINGS:
            values, end = self.args(s, at, 1)
            if values:
                out.append(f"\n\n{'#' * _HEADINGS[bare]} {_one_line(self.convert(values[0], depth))}\n\n")
            return end
        if bare == "href":
            values, end = self.args(s, at, 2)
            if len(values) == 2:
                out.append(f"[{_one_line(self.convert(values[1], depth))}]({values[0].strip()})")
            return end
        if bare == "url":
            values, end = self.args(s, at, 1)
            if values:
                out.append(f"<{values[0].strip()}>")
            return end
        if bare in ("textbf", "bf", "bfseries"):
            values, end = self.args(s, at, 1 if bare == "textbf" else 0)
            if values:
                out.append(f"**{self.convert(values[0], depth).strip()}**")
            return end
        if bare in ("emph", "textit", "textsl"):
            values, end = self.args(s, at, 1)
            if values:
                out.append(f"*{self.convert(values[0], depth).strip()}*")
            return end
        if bare == "texttt":
            values, end = self.args(s, at, 1)
            if values:
                out.append(f"`{self.convert(values[0], depth)}`")
            return end
        if bare in _WORDS:
            out.append(_WORDS[bare])
            return at
        if bare in _DROP:
            if bare in ("newcommand", "renewcommand", "providecommand", "def"):
                m = re.compile(r"\s*\{?\\?[A-Za-z@]*\}?(?:#[0-9])*\s*(?:\[[^\]]*\]\s*)*").match(s, at)
                at = m.end() if m else at
            _values, end = self.args(s, at, None)
            return end
        values, end = self.args(s, at, None)
        if bare in ("textcolor", "colorbox", "hyperlink", "hyperref") and len(values) >= 2:
            values = values[1:]  # (a colour, a target: not text)
        out.append(self._generic(values, depth))
        return end

    def _bib_entry(self, s: str, at: int, depth: int) -> tuple[str, int] | None:
        """A ``\\bibitem``'s entry (up to the next one or the list's end) whose ``\\newblock`` parts are its
        authors, its title and where it appeared (the standard styles' order): one line, the title in bold, so the
        article reader finds it as it finds ``Ann Lee, Bo Wu. **Title**. In *Venue*, 2007``; else None."""
        m = _BIB_END_RE.search(s, at)
        end = m.start() if m else len(s)
        parts = [_one_line(self.convert(part, depth)) for part in _NEWBLOCK_RE.split(s[at:end])]
        parts = [part for part in parts if part]
        if len(parts) < 2 or "**" in parts[1]:
            return None
        title = f"**{parts[1].rstrip(' .')}**."  # (its period, a separator, after the bold: one there or not)
        return " ".join([parts[0], title, *parts[2:]]), end

    def _generic(self, values: list[str], depth: int) -> str:
        """An unknown macro's arguments as text; an argument that is an arXiv id and nothing else is a link
        to that paper, titled by the next argument (``\\paper{2601.21052}{Title}{Authors}``)."""
        ids = [k for k, v in enumerate(values) if _ID_ARG_RE.fullmatch(v)]
        if not ids:
            return " ".join(self.convert(v, depth) for v in values)
        parts: list[str] = []
        k = 0
        while k < len(values):
            arxiv = normalize(values[k]) if k in ids else None
            if arxiv:
                title = k + 1 < len(values) and k + 1 not in ids
                text = _one_line(self.convert(values[k + 1], depth)) if title else arxiv
                parts.append(f"[{text}](https://arxiv.org/abs/{arxiv})")
                k += 2 if title else 1
            else:
                parts.append(self.convert(values[k], depth))
                k += 1
        return ", ".join(p.strip() for p in parts if p.strip()) + " "


def _one_line(s: str) -> str:
    return " ".join(s.split())


def latex_to_markdown(text: str) -> str:
    text = _COMMENT_RE.sub("", text)
    text = re.sub(r"^[ \t]+", "", text, flags=re.MULTILINE)  # (a source's indentation is not Markdown's code)
    latex = _Latex(text)
    begin = text.find("\\begin{document}")
    preamble, body = (text[:begin], text[begin + len("\\begin{document}") :]) if begin >= 0 else ("", text)
    end = body.find("\\end{document}")
    body = body[:end] if end >= 0 else body
    latex.define(preamble or text)
    m = re.search(r"\\title\s*(?:\[[^\]]*\])?\s*(?=\{)", preamble or text)
    title = ""
    if m:
        g = latex.group(preamble or text, m.end())
        if g is not None:
            title = _one_line(latex.convert(g[0]))
    md = latex.convert(body)
    md = re.sub(r"[ \t]+\n", "\n", md)
    md = re.sub(r"\n{3,}", "\n\n", md)
    return (f"# {title}\n\n" if title else "") + md.strip() + "\n"
