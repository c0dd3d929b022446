"""Importers for structured input: our JSON, BibTeX, arXiv listing e-mails, id lists."""

from __future__ import annotations

import re
from urllib.parse import unquote

import orjson

from ..arxiv_ids import NEW_ID, OLD_ID, find_ids, find_refs, normalize, placeholder_title
from ..catalog import ListFileError, parse_list
from ..model import clean_block, clean_line
from ..tags import normalize_tags, parse_tags
from . import EMAIL_ENTRY, Imported, ImportedPaper, ImportError_

EMAIL_ID_RE = re.compile(rf"^{EMAIL_ENTRY}", re.MULTILINE | re.ASCII)


def parse_json(text: str) -> Imported:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ImportError_(f"looks like JSON but is not valid ({str(exc).split(':')[0]})") from None
    try:
        raw = parse_list(data, "input")
    except ListFileError as exc:
        raise ImportError_(f"not a papertui reading list: {exc.where + ': ' if exc.where else ''}{exc.problem}") from None
    sections = [
        (
            name,
            [
                ImportedPaper(
                    title=p[1], arxiv=p[0], summary=p[2], tags=list(p[3]), authors=list(p[5]),
                    related=[(t, a) for t, a in p[6]],
                )
                for p in papers
            ],
        )
        for name, papers in raw.rows()
    ]
    return Imported("json", raw.title, sections, source=raw.source, date=raw.date)


# -- BibTeX ------------------------------------------------------------------------------
def _bib_entries(text: str, spans):
    """Yield (type, key, fields) for each ``@type{key, field = value, ...}`` of ``spans`` (:func:`_bib_spans`)."""
    for kind, body_start, _start, end in spans:
        if kind in ("comment", "preamble", "string"):
            continue
        key, _, rest = text[body_start : end - 1].partition(",")
        yield kind, key.strip(), _bib_fields(rest)


_BIB_START_RE = re.compile(r"@(\w+)\s*([{(])")
_BRACES_RE = {"{": re.compile(r"[{}]"), "(": re.compile(r"[()]")}  # (the signs that change an entry's depth)


def _bib_spans(text: str):
    """Yield (type, body start, start, end) for each ``@type{...}`` (braces balanced; its body is
    ``text[body_start : end - 1]``), comments and strings too. (From one brace to the next by a pattern: a 50 MB
    file's characters are not each looked at in Python.)"""
    i = 0
    while True:
        m = _BIB_START_RE.search(text, i)
        if not m:
            return
        kind = m.group(1).lower()
        opener = m.group(2)
        j = m.end()
        i = _balanced_end(text, j, opener)
        yield kind, j, m.start(), i


def _balanced_end(text: str, start: int, opener: str) -> int:
    """Where the group ``opener`` opened right before ``start`` ends (after its closing sign), else ``len(text)``."""
    depth = 1
    for m in _BRACES_RE[opener].finditer(text, start):
        depth += 1 if m.group() == opener else -1
        if not depth:
            return m.end()
    return len(text)


_BIB_FIELD_RE = re.compile(r"\s*(?:,\s*)?([\w\-]+)\s*=\s*")  # (not \s*,?\s*: two runs of spaces shared a long run of
# blanks every way they can, quadratic)
_BIB_BARE_VALUE_RE = re.compile(r"[^,]*")


def _bib_fields(body: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    i, n = 0, len(body)
    while i < n:
        m = _BIB_FIELD_RE.match(body, i)
        if not m:
            break
        name = m.group(1).lower()
        i = m.end()
        if i < n and body[i] == "{":
            j = _balanced_end(body, i + 1, "{")
            value = body[i + 1 : j - 1]  # (one unclosed ends the body: its last character dropped, as it always was)
            i = j
        elif i < n and body[i] == '"':
            j = body.find('"', i + 1)
            j = n if j < 0 else j
            value = body[i + 1 : j]
            i = j + 1
        else:
            m2 = _BIB_BARE_VALUE_RE.match(body, i)
            assert m2 is not None  # ([^,]* matches anywhere)
            value = m2.group(0)
            i = m2.end()
        fields[name] = value.strip()
    return fields


_BIB_MATH_RE = re.compile(r"(?<!\\)\$[^$\n]{1,80}?(?<!\\)\$")  # "$\neq$", "$k$": kept as written (as LaTeX files' math is)


def _detex(value: str) -> str:
    if "$" in value:
        parts = _BIB_MATH_RE.split(value)
        maths = _BIB_MATH_RE.findall(value)
        return clean_line("".join(_detex_text(part) + (maths[k] if k < len(maths) else "") for k, part in enumerate(parts)))
    return clean_line(_detex_text(value))


def _detex_text(value: str) -> str:
    if "\\" in value:
        value = _TEX_COMMAND_RE.sub("", value)  # \emph, \textit ...
    return value.replace("{", "").replace("}", "").replace("\\", "")


_TEX_COMMAND_RE = re.compile(r"\\[a-zA-Z]+\s*")
_BIB_AND_RE = re.compile(r"\s+and\s+")
_BIB_COMMENT_LINE_RE = re.compile(r"^[ \t]*%.*$", re.MULTILINE)


def parse_bib_file(text: str) -> Imported | None:
    """A .bib file: its entries (and ``%`` comment lines) hold most of its text. An article that quotes an entry or
    two (a page's "Citation" block in ``<pre>``, a "cite as" paragraph) has more text around them than in them:
    None, so it is read as an article."""
    spans = list(_bib_spans(text))  # (positions only: the entries are scanned once, for this count and the parse)
    inside = sum(_non_space(text, start, end) for _kind, _body_start, start, end in spans)
    inside += sum(_non_space(text, m.start(), m.end()) for m in _BIB_COMMENT_LINE_RE.finditer(text))
    if _non_space(text, 0, len(text)) - inside > inside:
        return None
    return parse_bibtex(text, spans)


def _non_space(text: str, start: int, end: int) -> int:
    return end - start - sum(text.count(c, start, end) for c in " \t\r\n")


_BIB_OTHERS = frozenset(("abstract", "annote", "annotation", "comment", "cited-by", "citedby", "related", "references", "crossref"))


def _bib_link_fields(f: dict[str, str]) -> list[str]:
    """The entry's other fields that hold one URL each (a reference manager's ``bdsk-url-2``, an annotation's link
    ``hypoth = {https://hyp.is/go?url=https%3A%2F%2Farxiv.org%2Fpdf%2FID.pdf}``): where the paper lives, in their order;
    not its notes, nor the papers that cite it or that it relates to."""
    return [
        name for name, value in f.items()
        if name not in _BIB_OTHERS and value.strip().startswith(("http://", "https://")) and " " not in value.strip()
    ]


def parse_bibtex(text: str, spans=None) -> Imported:
    """The papers of BibTeX ``text`` (``spans``: its :func:`_bib_spans`, when already found)."""
    papers = []
    for kind, _key, f in _bib_entries(text, _bib_spans(text) if spans is None else spans):
        title = _detex(f.get("title", ""))
        if not title:
            continue
        arxiv = None
        eprint = f.get("eprint", "")
        if eprint and (f.get("archiveprefix", "arxiv").lower() == "arxiv" or normalize(eprint)):
            arxiv = normalize(eprint)
        for name in ("arxiv", "arxivid", "arxiv_id") if not arxiv else ():
            arxiv = normalize(f.get(name, "").strip()) or None  # "arxiv = {2801.00041}": a reference manager's field
            if arxiv:
                break
        if not arxiv:
            for name in ("url", "doi", "journal", "note", "howpublished", *_bib_link_fields(f)):
                found = find_ids(unquote(f.get(name, "")) if "%2F" in f.get(name, "") else f.get(name, ""))
                if found:
                    arxiv = found[0]
                    break
        if not arxiv and kind.lower() == "book":
            continue  # "@book{lee2010, …}" without a preprint: a book the list cites, no paper
        authors = [d for a in _BIB_AND_RE.split(f.get("author", "")) if (d := _detex(a))]
        authors = [" ".join(reversed([p.strip() for p in a.split(",", 1)])) if "," in a else a for a in authors]
        tags = parse_tags(_detex(f.get("keywords", "")), ",;")
        papers.append(
            ImportedPaper(title=title, arxiv=arxiv, summary=clean_block(_detex_block(f.get("abstract", ""))), authors=authors, tags=tags)
        )
    return Imported("bibtex", None, [("Papers", papers)])


def _detex_block(value: str) -> str:
    return _TEX_COMMAND_RE.sub("", value).replace("{", "").replace("}", "")


# -- arXiv listing e-mails -----------------------------------------------------------------
# One pass over the lines (linear time): the old regex splitter backtracked over long runs of
# blank lines. Entries are separated by a dashed line, or by a ``\\`` line when the next line
# that is not blank starts an entry (``arXiv:``, ``Paper:``); inside an entry, ``\\`` lines separate the header
# (the part with ``Title:``) from the abstract.
_DASHES_RE = re.compile(r"-{20,}\s*")
_BACKSLASHES_RE = re.compile(r"\\\\\s*")
_ENTRY_STARTS = ("arXiv:", "Paper:", "Paper (*cross-listing*):")
_ENTRY_ID_RE = re.compile(rf"arXiv:(\d{{4}}\.\d{{4,5}})|Paper(?: \(\*cross-listing\*\))?: ?(?i:({OLD_ID}|{NEW_ID}))", re.ASCII)
_LINK_LINE_RE = re.compile(r"\\\\\s*\(")


def _email_blocks(text: str) -> list[list[str]]:
    lines = text.split("\n")
    arxiv_next = [False] * (len(lines) + 1)  # the next line that is not blank (from i on) starts with arXiv:
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        arxiv_next[i] = line.startswith(_ENTRY_STARTS) or (not line.strip() and arxiv_next[i + 1])
    blocks: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if _DASHES_RE.fullmatch(line) or (_BACKSLASHES_RE.fullmatch(line) and arxiv_next[i + 1]):
            blocks.append([])
        else:
            blocks[-1].append(line)
    return blocks


def parse_arxiv_email(text: str) -> Imported:
    papers = []
    for lines in _email_blocks(text):
        m = next((m for m in map(_ENTRY_ID_RE.match, lines) if m), None)
        if not m:
            continue
        fields = _email_fields("\n".join(lines))
        title = clean_line(fields.get("title", ""))
        if not title:
            continue
        authors = [clean_line(a) for a in re.split(r",\s*|\s+and\s+", fields.get("authors", "")) if clean_line(a)]
        cats = normalize_tags(fields.get("categories", "").split())
        parts: list[list[str]] = [[]]
        for line in lines:
            if _BACKSLASHES_RE.fullmatch(line):
                parts.append([])
            else:
                parts[-1].append(line)
        header = next((k for k, part in enumerate(parts) if any(x.startswith("Title:") for x in part)), None)
        body = parts[header + 1] if header is not None and header + 1 < len(parts) else []
        abstract = clean_block("\n".join("" if _LINK_LINE_RE.match(x) else x for x in body))
        summary = " ".join(abstract.split())
        papers.append(ImportedPaper(title=title, arxiv=m.group(1) or normalize(m.group(2)), summary=summary, authors=authors, tags=cats))
    return Imported("email", None, [("Papers", papers)])  # (an e-mail has no sections: the default name)


def _email_fields(block: str) -> dict[str, str]:
    fields: dict[str, list[str]] = {}
    current = None
    for line in block.splitlines():
        m = re.match(r"^([A-Z][A-Za-z\-]+):\s?(.*)$", line)
        if m and not line.startswith("arXiv:"):
            current = m.group(1).lower()
            fields[current] = [m.group(2).strip()]
        elif current and line.startswith((" ", "\t")) and line.strip():
            fields[current].append(line.strip())  # joined once below: no quadratic +=
        else:
            current = None
    return {name: " ".join(parts) for name, parts in fields.items()}


# -- lists of ids --------------------------------------------------------------------------
def parse_id_list(text: str) -> Imported | None:
    """Every non-empty, non-comment line an arXiv id or URL; else None (not this kind)."""
    head = text[:65536]
    if len(text) > len(head) and "\n" in head and _ids_of(head.rsplit("\n", 1)[0].splitlines()) is None:
        return None  # (its first whole lines tell: a big article is not split into lines for nothing)
    ids = _ids_of(text.splitlines())
    if not ids:
        return None
    papers = [ImportedPaper(title=placeholder_title(a), arxiv=a) for a in ids]
    return Imported("ids", None, [("Papers", papers)])


def _ids_of(lines: list[str]) -> dict[str, None] | None:
    """The ids of ``lines`` in order, each once; None at the first line that is not one."""
    ids: dict[str, None] = {}  # in order, each once (a list's `in` made 100k ids take a minute)
    for line in lines:
        line = line.strip()
        if line.startswith("#") and "](" in line and find_refs(line):
            return None  # a Markdown heading that links a paper, "## [Title](arXiv)": an article
        if not line or line.startswith("#"):
            continue  # a comment, even one that gives an example ("# e.g. https://arxiv.org/abs/…"): not in the list
        arxiv = normalize(line.split()[0])
        if arxiv is None:
            return None
        ids[arxiv] = None
    return ids
