"""Exports to cite from: BibTeX (checked with bibtexparser, and with BibTeX/biber where TeX is
installed), RIS (read back with rispy), CSL-JSON (checked against a schema) and Markdown."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papertui import exporters
from papertui.cli import EXPORT_FORMATS
from papertui.cli import main as cli
from papertui.exporters import (
    Cite,
    bib_name,
    bib_title,
    bibtex_record,
    cite_key,
    ris_record,
    split_name,
    to_bibtex,
    to_csl_json,
    to_ris,
    unique_keys,
)
from papertui.library import Library
from papertui.model import arxiv_year_month

from .test_arxiv import FEED, Server, _quick_init

# Made-up authors covering the naming cases: particles, a suffix, one name, accents, CJK, a comma form.
AUTHORS = ["Jan van der Berg", "Martin Luther King Jr.", "Plato", "Zoë Ærøskøbing", "María José García-López",
           "Wei Li", "Hopper, Grace"]
ENTRY = """<entry><id>http://arxiv.org/abs/{id}v1</id><updated>2024-06-02T00:00:00Z</updated>
<published>{published}T00:00:00Z</published><title>{id}</title><summary>Made-up abstract of {id}.</summary>
{authors}<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL"/>{extra}</entry>"""


def fake_feed(ids: list[str]) -> bytes:
    """One entry per id: two or three authors from AUTHORS, every third with a DOI and a journal-ref."""
    entries = []
    for n, arxiv in enumerate(ids):
        names = [AUTHORS[n % len(AUTHORS)], AUTHORS[(n + 3) % len(AUTHORS)]] + (["张三"] if n % 4 == 0 else [])
        extra = ""
        if n % 3 == 0:
            extra = (f'<arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1000/x.{n}</arxiv:doi>'
                     '<arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">Proc. Made-up Conf. 12 (2024) '
                     '1-9 &amp; more</arxiv:journal_ref>')
        year, month = arxiv_year_month(arxiv)
        entries.append(ENTRY.format(
            id=arxiv, published=f"{year}-{month:02d}-03", extra=extra,
            authors="".join(f"<author><name>{a}</name></author>" for a in names)))
    return FEED.format("".join(entries)).encode()


@pytest.fixture
def fetched(monkeypatch):
    """The bundled lists with metadata fetched from a loopback arXiv API stand-in."""
    from papertui import arxiv_api

    server = Server()
    monkeypatch.setenv("PAPERTUI_ARXIV_API", server.url)
    monkeypatch.setattr(arxiv_api.Client, "__init__", _quick_init(arxiv_api.Client.__init__))
    lib = Library.open()
    ids = sorted({a for a in lib.catalog.arxivs if a})
    server.plan.append((200, fake_feed(ids)))
    try:
        assert cli(["fetch", "--all-missing"]) == 0
    finally:
        server.close()
    return Library.open()


# -- pieces ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, family, given, bib", [
    ("Jan van der Berg", "van der Berg", "Jan", "van der Berg, Jan"),
    ("Martin Luther King Jr.", "King", "Martin Luther", "King, Jr., Martin Luther"),
    ("Plato", "Plato", "", "Plato"),
    ("张三", "张三", "", "张三"),
    ("Hopper, Grace", "Hopper", "Grace", "Hopper, Grace"),
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig", "van Beethoven, Ludwig"),
    ("María José García-López", "García-López", "María José", "García-López, María José"),
    ("Research and Development Team", "Team", "Research and Development", "{Research and Development Team}"),
])
def test_names(name, family, given, bib):
    n = split_name(name)
    assert (n.family, n.given) == (family, given)
    assert bib_name(name) == bib


def test_titles_protect_capitals_and_escape_specials():
    assert bib_title("GEAR: An Efficient KV Cache") == "{GEAR}: An Efficient {KV} Cache"
    assert bib_title("LLaMA and GPT-4 beat Llama-2 on Key-Value tasks") == \
        "{LLaMA} and {GPT-4} beat {Llama-2} on Key-Value tasks"
    assert bib_title("100% & $x_1$ #1 ~a^b \\cmd {set}") == (
        r"100\% \& \$x\_1\$ \#1 \textasciitilde{}a\textasciicircum{}b \textbackslash{}cmd "
        r"\textbraceleft{}set\textbraceright{}")


def test_year_and_month_from_the_id():
    assert arxiv_year_month("2405.11157") == (2024, 5)
    assert arxiv_year_month("0704.0001") == (2007, 4)
    assert arxiv_year_month("hep-th/9901001") == (1999, 1)
    assert arxiv_year_month("math/0211159") == (2002, 11)
    assert arxiv_year_month("2413.00001") is None and arxiv_year_month(None) is None


def cite(title="Towards Modular LLMs", authors=(), arxiv="2405.11157", **kw) -> Cite:
    year, month = arxiv_year_month(arxiv) or (None, None)
    fields = dict(arxiv=arxiv, title=title, authors=tuple(authors), others=False, year=year, month=month,
                  url=f"https://arxiv.org/abs/{arxiv}" if arxiv else None, primary=None, doi=None, journal=None,
                  abstract="")
    fields.update(kw)
    return Cite(**fields)


def test_keys():
    assert cite_key(cite(authors=["Jan van der Berg"])) == "berg2024modular"  # "towards" is a stop word
    assert cite_key(cite(authors=["Zoë Ærøskøbing"])) == "aeroskobing2024modular"
    assert cite_key(cite("The KV Cache", authors=["Ærøskøbing, Zoë"])).endswith("2024kv")
    assert cite_key(cite(authors=["张三"])) == "modular2024llms"  # no ASCII name: the title's words
    assert cite_key(cite("关于注意力", authors=["张三"])) == "arxiv2405_11157"
    assert cite_key(cite("A Web Page", arxiv=None)) == "webpage"  # no author, no year
    assert cite_key(cite("网页", arxiv=None)).startswith("paper")
    assert unique_keys(["x", "x", "y", "x", "xa"]) == ["x", "xa", "y", "xb", "xaa"]
    assert len(set(unique_keys(["k"] * 30))) == 30


# -- BibTeX ------------------------------------------------------------------------------------------
def test_bibtex_of_the_bundled_lists_after_a_fetch(fetched):
    import bibtexparser

    lib = fetched
    indices = list(lib.catalog.unique)
    text = to_bibtex(lib, indices)
    db = bibtexparser.loads(text)
    assert len(db.entries) == len(indices) == 33
    assert len({e["ID"] for e in db.entries}) == 33
    for e in db.entries:
        assert e["ENTRYTYPE"] == "misc" and e["archiveprefix"] == "arXiv" and e["primaryclass"] == "cs.CL"
        assert e["author"] and e["title"] and e["year"] and e["month"] and e["eprint"] and e["url"]
        assert e["ID"].isascii() and e["ID"] == e["ID"].lower()
    gear = next(e for e in db.entries if e["eprint"] == "2403.05527")
    assert gear["year"] == "2024" and gear["month"] == "March"
    assert "{GEAR}:" in gear["title"] and "{KV} Cache" in gear["title"]
    berg = [e for e in db.entries if e["author"].startswith("van der Berg, Jan and")]
    assert berg and all(e["ID"].startswith("berg2") for e in berg)
    assert any(e["author"].startswith("King, Jr., Martin Luther") for e in db.entries)
    assert any(e["author"].endswith(" and 张三") for e in db.entries)
    with_doi = [e for e in db.entries if "doi" in e]
    assert len(with_doi) == 11 and all(r"1-9 \& more" in e["journal"] for e in with_doi)


def test_a_paper_without_an_arxiv_id_gets_a_usable_entry(tmp_path, capsys):
    import bibtexparser

    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"format": 1, "title": "Mine", "sections": [{"title": "Web", "papers": [
        {"arxiv": None, "title": "Attention Is All You Need: a Blog Post", "tags": ["web"],
         "links": [{"label": "blog", "url": "https://example.org/post?a=1&b={2}"}],
         "authors": ["Ada Lovelace", "Wei Li et al."]},
    ]}]}), encoding="utf-8")
    assert cli(["export", "--list", str(extra), "--category", "Mine"]) == 0
    out, err = capsys.readouterr()
    entry = bibtexparser.loads(out).entries[0]
    assert entry["ID"] == "lovelaceattention" and entry["title"] == "Attention Is All You Need: a Blog Post"
    assert entry["url"] == "https://example.org/post?a=1&b=%7B2%7D" and "eprint" not in entry
    # A DOI is written verbatim, as biblatex reads it.
    assert "doi = {10.1000/a_b%7B1%7D}" in bibtex_record("k", cite(doi="10.1000/a_b{1}"))
    assert entry["author"] == "Lovelace, Ada and Li, Wei and others"
    assert err == "exported 1 paper as bibtex\n"


@settings(max_examples=300, deadline=None)
@given(title=st.text(max_size=80), author=st.text(max_size=30))
def test_any_title_gives_balanced_braces_and_a_parseable_entry(title, author):
    import bibtexparser

    text = bibtex_record("key2024x", cite(title, [author] if author.strip() else []))
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
    entries = bibtexparser.loads(text).entries
    assert len(entries) == 1 and entries[0]["ID"] == "key2024x" and entries[0]["eprint"] == "2405.11157"


def _has_tex(tool: str) -> bool:
    """pdflatex with bibtex, or with biber and biblatex (and etoolbox, which Debian ships apart)."""
    if not (shutil.which("pdflatex") and shutil.which(tool)):
        return False
    if tool == "bibtex":
        return True
    found = subprocess.run(["kpsewhich", "biblatex.sty", "etoolbox.sty", "logreq.sty"], check=False,
                           capture_output=True, text=True).stdout.split() if shutil.which("kpsewhich") else []
    return len(found) == 3


@pytest.mark.parametrize("tool", [
    pytest.param(t, marks=pytest.mark.skipif(not _has_tex(t), reason=f"no TeX toolchain with {t}"))
    for t in ("biber", "bibtex")])
def test_bibtex_compiles_in_a_latex_document(fetched, tmp_path, tool):
    lib = fetched
    ascii_only = [i for i in lib.catalog.unique if "张" not in str(lib.metadata(lib.catalog.arxivs[i]))]
    hostile = bibtex_record("hostile2024", cite(
        "GEAR: {KV} & $x_1$ #1 ~ ^ \\ for LLaMA at 100% or more",  # (% last: TeX drops the rest of a line)
        ["Jan van der Berg", "Martin Luther King Jr.", "Plato"],
        doi="10.1000/a_b%c#d", journal="J. Made-up & Co. 5 (2024) 1_2"))
    (tmp_path / "refs.bib").write_text(to_bibtex(lib, ascii_only) + "\n" + hostile, encoding="utf-8")
    if tool == "biber":
        preamble, back = r"\usepackage[backend=biber]{biblatex}\addbibresource{refs.bib}", r"\printbibliography"
    else:
        preamble, back = "", r"\bibliographystyle{plain}\bibliography{refs}"
    (tmp_path / "doc.tex").write_text("\n".join([
        r"\documentclass{article}", r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", preamble,
        r"\begin{document}", r"\nocite{*}", back, r"\end{document}", ""]), encoding="utf-8")

    def run(*cmd):
        return subprocess.run(cmd, check=False, cwd=tmp_path, capture_output=True, text=True, errors="replace",
                              timeout=120)

    latex = ("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
    assert run(*latex).returncode == 0
    proc = run(tool, "doc")
    assert proc.returncode in (0, 1) and "error" not in proc.stdout.lower(), proc.stdout  # 1: warnings only
    final = run(*latex)
    assert final.returncode == 0, final.stdout[-2000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8", errors="replace")
    assert bbl.count("\\bibitem") + bbl.count("\\entry{") == len(ascii_only) + 1 == 25
    assert (tmp_path / "doc.pdf").stat().st_size > 0


# -- RIS and CSL-JSON -------------------------------------------------------------------------------
def test_ris_round_trips_through_rispy(fetched):
    import rispy

    lib = fetched
    lib.store.update("2403.05527", note="Read the\nquantisation part.")
    records = rispy.loads(to_ris(lib, list(lib.catalog.unique)))
    assert len(records) == 33
    gear = next(r for r in records if r["accession_number"] == "arXiv:2403.05527")
    assert gear["title"].startswith("GEAR: An Efficient KV Cache") and gear["year"] == "2024"
    assert gear["name_of_database"] == "arXiv" and gear["urls"] == ["https://arxiv.org/abs/2403.05527"]
    assert "kv-cache" in gear["keywords"]
    assert gear["notes"] == ["Read the quantisation part."] and gear["date"] == "2024/03//"
    assert all(r["authors"] and r["type_of_reference"] in ("UNPB", "JOUR") for r in records)
    assert any(r["authors"][0] == "van der Berg, Jan" for r in records)
    journal = [r for r in records if r["type_of_reference"] == "JOUR"]
    assert len(journal) == 11 and all(r["doi"].startswith("10.1000/") for r in journal)


@settings(max_examples=200, deadline=None)
@given(title=st.text(min_size=1, max_size=60), note=st.text(max_size=60), tag=st.text(min_size=1, max_size=20))
def test_any_text_round_trips_through_ris(title, note, tag):
    import rispy

    record = ris_record("k", cite(title, ["Ada Lovelace"]), [tag], note)
    back = rispy.loads(rispy.dumps([record]))
    assert len(back) == 1 and back[0]["authors"] == ["Lovelace, Ada"]
    assert back[0].get("title", "") == " ".join(title.split())
    assert back[0].get("notes", []) == ([" ".join(note.split())] if note.strip() else [])


# A compact subset of the CSL-JSON schema (citation-style-language/schema, csl-data.json): the
# fields papertui writes, their types, and the date and name shapes.
_NAME = {"type": "object", "additionalProperties": False, "properties": {
    k: {"type": "string"}
    for k in ("family", "given", "suffix", "literal", "dropping-particle", "non-dropping-particle")}}
_DATE = {"type": "object", "properties": {"date-parts": {
    "type": "array", "minItems": 1, "maxItems": 2,
    "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "number"]}}}}}
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": ["article", "article-journal", "paper-conference", "report", "webpage", "book"]},
            "title": {"type": "string"}, "URL": {"type": "string"}, "DOI": {"type": "string"},
            "container-title": {"type": "string"}, "number": {"type": ["string", "number"]},
            "note": {"type": "string"}, "abstract": {"type": "string"}, "keyword": {"type": "string"},
            "author": {"type": "array", "items": _NAME}, "issued": _DATE,
        },
    },
}


def test_csl_json_validates(fetched, tmp_path):
    import jsonschema

    lib = fetched
    items = json.loads(to_csl_json(lib, list(lib.catalog.unique)))
    jsonschema.validate(items, CSL_SCHEMA)
    gear = next(i for i in items if i["number"] == "2403.05527")
    assert gear["type"] == "article" and gear["container-title"] == "arXiv"
    assert gear["issued"] == {"date-parts": [[2024, 3]]} and gear["URL"] == "https://arxiv.org/abs/2403.05527"
    assert gear["note"].startswith("arXiv:2403.05527 [cs.CL]")
    assert {"family": "van der Berg", "given": "Jan"} in [a for i in items for a in i["author"]]
    assert {"family": "Plato"} in [a for i in items for a in i["author"]]
    assert sum("DOI" in i for i in items) == 11


# -- the command line and Markdown -------------------------------------------------------------------
def test_cli_exports_every_format_and_counts(capsys, tmp_path):
    assert EXPORT_FORMATS == exporters.FORMATS
    cli(["mark", "2403.05527", "--star"])
    capsys.readouterr()
    for fmt in EXPORT_FORMATS:
        assert cli(["export", "-f", fmt, "--category", "kv-cache"]) == 0
        out, err = capsys.readouterr()
        assert out and err == f"exported 3 papers as {fmt}\n"
    target = tmp_path / "refs.json"
    assert cli(["export", "-f", "csl-json", "--starred", "-o", str(target)]) == 0
    assert capsys.readouterr().err == f"exported 1 paper as csl-json to {target}\n"
    assert json.loads(target.read_text())[0]["number"] == "2403.05527"


def test_markdown_has_notes_and_tags(capsys):
    lib = Library.open()
    lib.store.update("2403.05527", note="Good *baseline*.\n\nCompare with KIVI.")
    lib.store.update("2403.05527", tags=["to-cite"])
    lib.store.flush()
    capsys.readouterr()
    assert cli(["export", "-f", "markdown", "--category", "kv-cache"]) == 0
    md = capsys.readouterr().out
    lines = md.splitlines()
    at = next(n for n, line in enumerate(lines) if "arXiv:2403.05527" in line)
    assert lines[at + 1].startswith("  Tags: `kv-cache`, `quantization`") and lines[at + 1].endswith(", `to-cite`")
    assert lines[at + 2:at + 5] == ["  > Good *baseline*.", "  >", "  > Compare with KIVI."]
