"""Export papers as BibTeX, Markdown, CSV or JSON (the reading-list format). No Textual."""

from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
from typing import Iterable

import orjson

from .library import Library

FORMATS = ("bibtex", "markdown", "csv", "json")

_BIB_SPECIAL = {"\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_",
                "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_value(text: str) -> str:
    """A field value safe inside ``{...}``: braces become parentheses (BibTeX counts
    braces even when escaped), LaTeX specials are escaped, white space folded."""
    text = " ".join(text.replace("{", "(").replace("}", ")").split())
    return "".join(_BIB_SPECIAL.get(c, c) for c in text)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def bib_key(lib: Library, index: int) -> str:
    """``lastname2024word``, or ``arxiv2405_11157`` without authors; ASCII only."""
    c = lib.catalog
    year = c.papers[index].year
    author = _ascii_word(c.authors[index][0].split()[-1]) if c.authors[index] else ""
    words = [w for w in (_ascii_word(w) for w in c.titles[index].split()) if len(w) > 3]
    if author:
        return f"{author}{year or ''}{words[0] if words else ''}"
    if c.arxivs[index]:
        return "arxiv" + re.sub(r"[^0-9a-z]", "_", c.arxivs[index])
    return f"paper{words[0] if words else index}"


def to_bibtex(lib: Library, indices: Iterable[int]) -> str:
    entries, used = [], set()
    for i in indices:
        key = base = bib_key(lib, i)
        n = 0
        while key in used:
            n += 1
            key = f"{base}{chr(ord('a') + n - 1) if n <= 26 else n}"
        used.add(key)
        entries.append(bibtex_entry(lib, i, key))
    return "\n".join(entries)


def bibtex_entry(lib: Library, index: int, key: str | None = None) -> str:
    c = lib.catalog
    paper = c.papers[index]
    fields = [("title", bib_value(paper.title))]
    if paper.authors:
        fields.append(("author", " and ".join(bib_value(a) for a in paper.authors)))
    if paper.year:
        fields.append(("year", str(paper.year)))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv")]
    url = paper.url
    if url:  # a URL is taken verbatim by BibTeX and biber: only the braces must go
        fields.append(("url", "".join(url.split()).replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key or bib_key(lib, index)},\n{body}\n}}\n"


def markdown_link(lib: Library, index: int) -> str:
    title = lib.catalog.titles[index].replace("[", "(").replace("]", ")")
    url = lib.catalog.papers[index].url
    return f"[{title}]({url})" if url else title


def to_markdown(lib: Library, indices: Iterable[int]) -> str:
    c = lib.catalog
    out: list[str] = []
    current_list = current_section = None
    for i in sorted(indices, key=lambda i: (c.list_of[i], c.section_of[i], i)):
        rl = c.lists[c.list_of[i]]
        section = rl.sections[c.section_of[i]].title
        if rl.title != current_list:
            out += ["" if out else None, f"# {rl.title}"]
            current_list, current_section = rl.title, None
        if section != current_section:
            out += ["", f"## {section}", ""]
            current_section = section
        mark = "x" if lib.store.is_read(c.keys[i]) else " "
        star = " ★" if lib.store.is_starred(c.keys[i]) else ""
        ident = f" — `arXiv:{c.arxivs[i]}`" if c.arxivs[i] else ""
        out.append(f"- [{mark}] {markdown_link(lib, i)}{ident}{star}")
        note = lib.note(c.keys[i])
        if note:
            out += [f"  > {line}" if line else "  >" for line in note.splitlines()]
    return "\n".join(line for line in out if line is not None) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a ``'`` first
    (OWASP's advice against CSV injection; the ``'`` is not shown by Excel or LibreOffice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(lib: Library, indices: Iterable[int]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "arxiv", "title", "list", "section", "tags", "url", "read", "starred", "note"])
    c = lib.catalog
    for i in indices:
        key = c.keys[i]
        rl = c.lists[c.list_of[i]]
        writer.writerow(map(csv_cell, [
            key, c.arxivs[i] or "", c.titles[i], rl.title, rl.sections[c.section_of[i]].title,
            ";".join(lib.tags_of(i)), c.papers[i].url or "",
            "yes" if lib.store.is_read(key) else "no", "yes" if lib.store.is_starred(key) else "no",
            lib.note(key),
        ]))
    return buf.getvalue()


def to_json(lib: Library, indices: Iterable[int], title: str | None = None) -> str:
    """One reading list (format v1), a section per "List › Section" exported."""
    c = lib.catalog
    sections: dict[str, list[dict]] = {}
    for i in indices:
        p = c.papers[i]
        item = {
            "arxiv": p.arxiv,
            "title": p.title,
            "summary": p.summary,
            "tags": lib.tags_of(i),
            "links": [{"label": link.label, "url": link.url} for link in p.links],
        }
        if p.authors:
            item["authors"] = list(p.authors)
        if p.related:
            item["related"] = [{"title": r.title, "arxiv": r.arxiv} for r in p.related]
        sections.setdefault(c.place(i), []).append(item)
    doc = {
        "format": 1,
        "title": title or f"papertui export {time.strftime('%Y-%m-%d')}",
        "sections": [{"title": t, "papers": ps} for t, ps in sections.items()],
    }
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n"


def export(lib: Library, indices: list[int], fmt: str) -> str:
    if fmt == "bibtex":
        return to_bibtex(lib, indices)
    if fmt == "markdown":
        return to_markdown(lib, indices)
    if fmt == "csv":
        return to_csv(lib, indices)
    if fmt == "json":
        return to_json(lib, indices)
    raise ValueError(f"unknown format {fmt!r}")

