"""Export papers as BibTeX, RIS, CSL-JSON, Markdown, CSV or JSON (the reading-list format). No Textual."""

from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
from collections.abc import Iterable
from typing import Any, NamedTuple

import orjson

from .library import Library
from .model import arxiv_year_month, title_key

FORMATS = ("bibtex", "ris", "csl-json", "markdown", "csv", "json")

_BIB_SPECIAL = {"\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_",
                "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                # BibTeX counts braces even when escaped (``\{``), so a lone brace would end the
                # field: these commands print one and keep the field's braces balanced.
                "{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bib_value(text: str) -> str:
    """A field value safe inside ``{...}``: LaTeX specials (braces too) escaped, white space folded."""
    return _escape(" ".join(text.split()))


def _escape(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(c, c) for c in text)


# A word for case protection: letters and digits, joined by hyphens, dots or apostrophes.
_WORD_RE = re.compile(r"[^\W_]+(?:[-'.’][^\W_]+)*")


def _needs_protection(word: str) -> bool:
    """``KV``, ``GEAR``, ``LLaMA``, ``GPT-4``, ``Llama-2``, ``3D-LLM``: capitals after the first
    letter of a part, or letters mixed with digits. ``Key-Value`` and ``Towards`` are left to the style."""
    if any(ch.isupper() for part in re.split(r"[-'.’]", word) for ch in part[1:]):
        return True
    return any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)


def bib_title(text: str) -> str:
    """A title for ``title = {...}``: acronyms and names with inner capitals in braces, so a
    style that lower-cases titles keeps them (``{KV} Cache``, ``{LLaMA}``); specials escaped."""
    text = " ".join(text.split())
    out, pos = [], 0
    for m in _WORD_RE.finditer(text):
        out.append(_escape(text[pos:m.start()]))
        word = m.group()
        out.append(f"{{{word}}}" if _needs_protection(word) else word)
        pos = m.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
              "ter", "ten", "bin", "ibn", "al", "el", "zu"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_ET_AL_RE = re.compile(r",?\s*(?:et\s+al\.?|等)\s*$", re.IGNORECASE)


class Name(NamedTuple):
    family: str  # with its particles: "van der Berg"
    given: str
    suffix: str = ""
    core: str = ""  # the family name without particles, for keys: "Berg"


def split_name(name: str) -> Name:
    """``Jan van der Berg`` -> (``van der Berg``, ``Jan``); ``Berg, Jan`` as given; a single
    name (``Plato``, ``张三``) is all family name; ``Martin Luther King Jr.`` keeps its suffix."""
    name = " ".join(name.split())
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        family, given = parts[0], parts[-1]
        suffix = parts[1] if len(parts) > 2 else ""
        words = family.split()
        core = " ".join(w for w in words if w not in _PARTICLES) or family
        return Name(family, given, suffix, core)
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    if len(words) <= 1:  # "Plato", "张三"
        return Name(name, "", "", name)
    first = len(words) - 1  # the family name starts at the first lower-case particle before the last word
    while first > 1 and words[first - 1] in _PARTICLES:
        first -= 1
    return Name(" ".join(words[first:]), " ".join(words[:first]), suffix, words[-1])


def bib_name(name: str) -> str:
    """``van der Berg, Jan``; ``King, Jr., Martin Luther``; a name with a word ``and`` in braces."""
    n = split_name(name)
    if re.search(r"\band\b", name, re.IGNORECASE):
        return "{" + bib_value(name) + "}"
    parts = [n.family] + ([n.suffix] if n.suffix else []) + ([n.given] if n.given else [])
    return ", ".join(bib_value(p) for p in parts)


class Cite(NamedTuple):
    """What every citation format needs of one paper, metadata first, the list's text second."""

    arxiv: str | None
    title: str
    authors: tuple[str, ...]
    others: bool  # the list said "et al."
    year: int | None
    month: int | None
    url: str | None
    primary: str | None
    doi: str | None
    journal: str | None
    abstract: str


def cite_data(lib: Library, index: int) -> Cite:
    p = lib.catalog.papers[index]
    meta = lib.metadata(p.arxiv) or {}
    authors = [a for a in (meta.get("authors") or []) if isinstance(a, str) and a.strip()]
    others = False
    if not authors:
        for a in p.authors:
            stripped = _ET_AL_RE.sub("", a).strip()
            others = others or stripped != a.strip()
            if stripped:
                authors.append(stripped)
    when = arxiv_year_month(p.arxiv)
    published = str(meta.get("published") or "")
    if when is None and re.fullmatch(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?", published):
        when = (int(published[:4]), int(published[5:7]))

    def text(field: str) -> str | None:
        value = meta.get(field)
        return (" ".join(value.split()) or None) if isinstance(value, str) else None

    return Cite(p.arxiv, p.title, tuple(authors), others, when[0] if when else None,
                when[1] if when and 1 <= when[1] <= 12 else None, p.url, text("primary_category"),
                text("doi"), text("journal_ref"), text("abstract") or "")


_STOP_WORDS = frozenset((
    "a an the of on in at to for from by with and or but nor via towards toward into onto over under as is are be"
).split())


# Letters NFKD does not take apart into a Latin letter and an accent.
_LATIN = str.maketrans({"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d",
                        "Đ": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE", "ı": "i"})


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.translate(_LATIN)).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded.lower())


def cite_key(cite: Cite) -> str:
    """``lastnameYEARfirstword`` (``zhang2024modular``), ASCII only, stop words skipped.
    Without a usable author name the title's first word stands for it (``modular2024llms``);
    with no ASCII at all, the arXiv id or a hash of the title."""
    words = [w for w in _ascii_words(cite.title) if w not in _STOP_WORDS]
    author = "".join(_ascii_words(split_name(cite.authors[0]).core)) if cite.authors else ""
    year = str(cite.year or "")
    if author:
        return f"{author}{year}{words[0] if words else ''}"
    if words:
        return f"{words[0]}{year}{words[1] if len(words) > 1 else ''}"
    if cite.arxiv:
        return "arxiv" + re.sub(r"[^0-9a-z]", "_", cite.arxiv.lower())
    return "paper" + title_key(cite.title)[2:10]


def bib_key(lib: Library, index: int) -> str:
    return cite_key(cite_data(lib, index))


def unique_keys(keys: Iterable[str]) -> list[str]:
    """The first ``smith2024kv`` stays, the next ones become ``smith2024kva``, ``smith2024kvb``, ..."""
    used: set[str] = set()
    out = []
    for base in keys:
        key, n = base, 0
        while key in used:
            key = base + _suffix(n)
            n += 1
        used.add(key)
        out.append(key)
    return out


def _suffix(n: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


def _cites(lib: Library, indices: Iterable[int]) -> list[tuple[int, str, Cite]]:
    """(index, unique key, citation data) for each paper, in the order given."""
    indices = list(indices)
    cites = [cite_data(lib, i) for i in indices]
    return list(zip(indices, unique_keys(cite_key(c) for c in cites), cites))


def to_bibtex(lib: Library, indices: Iterable[int]) -> str:
    return "\n".join(bibtex_record(key, cite) for _, key, cite in _cites(lib, indices))


def bibtex_entry(lib: Library, index: int, key: str | None = None) -> str:
    cite = cite_data(lib, index)
    return bibtex_record(key or cite_key(cite), cite)


def bibtex_record(key: str, c: Cite) -> str:
    fields = []
    if c.authors:
        names = [bib_name(a) for a in c.authors] + (["others"] if c.others else [])
        fields.append(("author", "{" + " and ".join(names) + "}"))
    fields.append(("title", "{" + bib_title(c.title) + "}"))
    if c.year:
        fields.append(("year", f"{{{c.year}}}"))
    if c.month:
        fields.append(("month", _MONTHS[c.month - 1]))  # the standard macro: styles print its name
    if c.arxiv:
        fields += [("eprint", f"{{{c.arxiv}}}"), ("archivePrefix", "{arXiv}")]
        if c.primary:
            fields.append(("primaryClass", "{" + bib_value(c.primary) + "}"))
    if c.doi:
        fields.append(("doi", "{" + _verbatim(c.doi) + "}"))
    if c.journal:
        fields.append(("journal", "{" + bib_value(c.journal) + "}"))
    if c.url:
        fields.append(("url", "{" + _verbatim(c.url) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def _verbatim(text: str) -> str:
    """A URL or DOI: biblatex and the url package take these verbatim (``\\_`` would stay a
    backslash), so nothing is escaped; only white space and the braces must go."""
    return "".join(text.split()).replace("{", "%7B").replace("}", "%7D")


def to_ris(lib: Library, indices: Iterable[int]) -> str:
    """RIS as Zotero, EndNote and Mendeley read it (written by rispy)."""
    import rispy

    return rispy.dumps([ris_record(key, c, lib.tags_of(i), lib.note(lib.catalog.keys[i]))
                        for i, key, c in _cites(lib, indices)])


def ris_record(key: str, c: Cite, tags: list[str], note: str) -> dict:
    """One reference as rispy's dict. RIS is one line per field: every value is folded onto one."""
    def line(text: str) -> str:
        return " ".join(text.split())

    entry: dict = {"type_of_reference": "JOUR" if c.journal else ("UNPB" if c.arxiv else "GEN"),
                   "id": key, "title": line(c.title)}
    if c.authors:
        entry["authors"] = [line(_ris_name(a)) for a in c.authors]
    if c.year:
        entry["year"] = str(c.year)
        entry["date"] = f"{c.year}/{c.month:02d}//" if c.month else f"{c.year}///"
    if c.journal:
        entry["journal_name"] = line(c.journal)
    elif c.arxiv:
        entry["publisher"] = "arXiv"
    if c.arxiv:  # the repository and the id in it, as Zotero reads them (archive, archiveLocation)
        entry["name_of_database"] = "arXiv"
        entry["accession_number"] = f"arXiv:{c.arxiv}"
    if c.doi:
        entry["doi"] = line(c.doi)
    if c.url:
        entry["urls"] = [line(c.url)]
    if c.abstract:
        entry["abstract"] = line(c.abstract)
    if tags:
        entry["keywords"] = [line(t) for t in tags]
    if note.strip():
        entry["notes"] = [line(note)]
    return entry


def to_csl_json(lib: Library, indices: Iterable[int]) -> str:
    """CSL-JSON, what pandoc (``--bibliography x.json``), Zotero and citeproc read."""
    items = []
    for i, key, c in _cites(lib, indices):
        item: dict = {"id": key, "type": "article", "title": c.title}  # CSL's type for preprints
        if c.authors:
            item["author"] = [_csl_name(a) for a in c.authors]
        if c.year:
            item["issued"] = {"date-parts": [[c.year, c.month] if c.month else [c.year]]}
        if c.url:
            item["URL"] = c.url
        if c.doi:
            item["DOI"] = c.doi
        if c.arxiv:
            item["container-title"] = "arXiv"
            item["number"] = c.arxiv
            item["note"] = f"arXiv:{c.arxiv}" + (f" [{c.primary}]" if c.primary else "")
        if c.journal:
            item["note"] = "; ".join(filter(None, [item.get("note"), c.journal]))
        if c.abstract:
            item["abstract"] = c.abstract
        if lib.tags_of(i):
            item["keyword"] = ", ".join(lib.tags_of(i))
        items.append(item)
    return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode() + "\n"


def _csl_name(name: str) -> dict:
    n = split_name(name)
    out = {"family": n.family}
    if n.given:
        out["given"] = n.given
    if n.suffix:
        out["suffix"] = n.suffix
    return out


def _ris_name(name: str) -> str:
    n = split_name(name)
    return ", ".join([n.family] + ([n.given] if n.given else []) + ([n.suffix] if n.suffix else []))


def markdown_link(lib: Library, index: int) -> str:
    title = lib.catalog.titles[index].replace("[", "(").replace("]", ")")
    url = lib.catalog.papers[index].url
    return f"[{title}]({url})" if url else title


def to_markdown(lib: Library, indices: Iterable[int]) -> str:
    c = lib.catalog
    out: list[str | None] = []  # (None: no blank line before the first list)
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
        tags = [t.replace("`", "'") for t in lib.tags_of(i)]
        if tags:
            out.append("  Tags: " + ", ".join(f"`{t}`" for t in tags))
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
        item: dict[str, Any] = {
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
    if fmt == "ris":
        return to_ris(lib, indices)
    if fmt == "csl-json":
        return to_csl_json(lib, indices)
    if fmt == "markdown":
        return to_markdown(lib, indices)
    if fmt == "csv":
        return to_csv(lib, indices)
    if fmt == "json":
        return to_json(lib, indices)
    raise ValueError(f"unknown format {fmt!r}")

