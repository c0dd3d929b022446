"""The arXiv e-mail and id-list parsers: linear time on hostile input (issue 14 item 10),
and the same results as the regex splitter they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.importers import import_text
from papertui.importers.simple import _email_fields, parse_arxiv_email, parse_id_list
from papertui.model import clean_block, clean_line


def reference_email(text: str) -> list[tuple]:
    """The regex splitter papertui used before (quadratic on long blank runs), kept as the reference."""
    out = []
    for block in re.split(r"^-{20,}\s*$|^\\\\\s*$(?=\s*^arXiv:)", text, flags=re.MULTILINE):
        m = re.search(r"^arXiv:(\d{4}\.\d{4,5})", block, re.MULTILINE)
        if not m:
            continue
        fields = _email_fields(block)
        title = clean_line(fields.get("title", ""))
        if not title:
            continue
        authors = [clean_line(a) for a in re.split(r",\s*|\s+and\s+", fields.get("authors", "")) if clean_line(a)]
        cats = list(dict.fromkeys(c.lower() for c in fields.get("categories", "").split()))  # (cs.CL: cs.cl, as a feed's)
        parts = re.split(r"^\\\\\s*$", block, flags=re.MULTILINE)
        header = next((k for k, part in enumerate(parts) if re.search(r"^Title:", part, re.MULTILINE)), None)
        abstract = parts[header + 1] if header is not None and header + 1 < len(parts) else ""
        abstract = clean_block(re.sub(r"^\\\\\s*\(.*$", "", abstract, flags=re.MULTILINE))
        out.append((m.group(1), title, " ".join(abstract.split()), authors, cats))
    return out


def parsed(text: str) -> list[tuple]:
    return [(p.arxiv, p.title, p.summary, p.authors, p.tags) for _, p in parse_arxiv_email(text).papers]


words = st.text(alphabet="abcxyzKV注意", min_size=1, max_size=12)
entry = st.fixed_dictionaries({
    "id": st.from_regex(r"24[0-9][0-9]\.[0-9]{5}", fullmatch=True),  # (arXiv ids are ASCII digits)
    "title": st.lists(words, min_size=1, max_size=3),
    "authors": st.lists(words, min_size=0, max_size=3),
    "cats": st.lists(st.sampled_from(["cs.CL", "cs.LG", "stat.ML"]), max_size=2),
    "abstract": st.lists(words, min_size=0, max_size=3),
    "blank": st.sampled_from(["", " \n", "\n", "\n\n", "  \n \n"]),
    "sep": st.sampled_from(["-" * 30 + "\n\\\\\n", "\\\\\n", "-" * 78 + "\n", "-" * 25 + "  \n\n\\\\\n"]),
    "link": st.booleans(),
})


def render(e: dict) -> str:
    title = "Title: " + e["title"][0] + "".join(f"\n  {w}" for w in e["title"][1:])
    lines = [e["sep"] + e["blank"] + f"arXiv:{e['id']}", "Date: Mon, 20 May 2024", "", title]
    if e["authors"]:
        lines.append("Authors: " + ", ".join(e["authors"]))
    if e["cats"]:
        lines.append("Categories: " + " ".join(e["cats"]))
    lines.append("\\\\")
    lines.extend("  " + w for w in e["abstract"])
    if e["link"]:
        lines.append(f"\\\\ ( https://arxiv.org/abs/{e['id']} ,  12kb)")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(entry, min_size=1, max_size=5), st.sampled_from(["", "From: x\n\n", "\n\n\n"]))
def test_generated_emails_parse_as_written_and_as_before(entries, preamble):
    text = preamble + "".join(render(e) for e in entries)
    got = parsed(text)
    assert got == reference_email(text)
    assert [g[0] for g in got] == [e["id"] for e in entries]
    for g, e in zip(got, entries):
        assert g[1] == " ".join(e["title"])
        assert g[2] == " ".join(" ".join(e["abstract"]).split())
        assert g[3] == e["authors"]
        assert g[4] == list(dict.fromkeys(c.lower() for c in e["cats"]))


line_soup = st.lists(st.sampled_from([
    "arXiv:2401.00001", "arXiv:2402.12345v2", "Title: a paper", "Title: another", "  continued", "Authors: A, B and C",
    "Categories: cs.CL", "\\\\", "\\\\  ", "\\\\ ( https://arxiv.org/abs/2401.00001 , 1kb)", "-" * 20, "-" * 19,
    "", " ", "\t", "text of an abstract", "\r", "Comments: 9 pages",
]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(line_soup)
def test_any_line_soup_parses_as_before(lines):
    text = "\n".join(lines)
    assert parsed(text) == reference_email(text)


def test_hostile_email_inputs_are_linear():
    """Each of these took minutes with the regex splitter (200k newlines: 71 s); no clock here:
    a quadratic parser makes this test time out."""
    for tail in ("\n" * 200_000, " \n" * 200_000, "\\\\\n" * 100_000):
        result = import_text("arXiv:2401.00001\nTitle: x\n\\\\\n" + tail)
        assert [(p.arxiv, p.title) for _, p in result.papers] == [("2401.00001", "x")]
    long_field = "arXiv:2401.00001\nTitle: x\n" + "  more\n" * 200_000 + "\\\\\nabstract\n"
    (_, paper), = import_text(long_field).papers
    assert paper.title.startswith("x more more") and paper.summary == "abstract"


def test_100k_ids_are_linear():
    ids = [f"{24 + i // 1_080_000}{(i // 90_000) % 12 + 1:02d}.{i % 90_000 + 10_000:05d}" for i in range(100_000)]
    result = parse_id_list("\n".join(ids + ids[:10]))  # the repeats are kept once, in first order
    assert [p.arxiv for _, p in result.papers] == ids


@given(st.text(alphabet="@ \t\n\r\x0b\u3000{ab", max_size=40))
def test_the_bibtex_sniffer_finds_what_its_line_start_pattern_finds(text):
    """The sniffer walks back from each "@" (fast on 50 MB) instead of trying ^ at every character."""
    from papertui.importers import BIBTEX_RE, _bibtex_like

    assert _bibtex_like(text) == (BIBTEX_RE.search(text) is not None)


def test_a_bib_file_with_comments_and_a_page_quoting_an_entry_are_told_apart():
    """A .bib file's entries and '%' comments are most of its text (it stays BibTeX); a page with one quoted
    entry under much more text is an article (its own citation is not one of its papers)."""
    entry = "@misc{k,\n  title={Sparse Probes},\n  eprint={2801.00001},\n}\n"
    bib = "% my library, exported\n% keep in sync with the shared folder\n\n" + entry + entry.replace("00001", "00002")
    assert [p.arxiv for _, p in import_text(bib).papers] == ["2801.00001", "2801.00002"]
    page = ("<h2>Reading</h2>\n<ul>\n" + "".join(
        f'<li><a href="https://arxiv.org/abs/2801.1000{k}">A Paper Title Number {k} on Retrieval</a> (Lee et al.)</li>\n'
        for k in range(1, 4)) + "</ul>\n<h2>Citation</h2>\n<pre>\n@inproceedings{ours,\n  title={Our Tutorial},\n}\n</pre>\n")
    result = import_text(page)
    assert result.kind == "digest" and [p.arxiv for _, p in result.papers] == ["2801.10001", "2801.10002", "2801.10003"]


def test_an_id_list_after_a_long_comment_and_an_article_after_ids_are_told_apart():
    """A big input is first tried on its first 64 KB of lines: ids after 70 KB of comments are
    still a list, and a list that turns into prose after 64 KB is still not one."""
    ids = "".join(f"2401.{k:05d}\n" for k in range(1, 2001))
    imported = parse_id_list("# my reading\n" * 6000 + ids)
    assert imported is not None and len(imported.papers) == 2000
    assert parse_id_list(ids * 4 + "not an id\n") is None
    assert parse_id_list("x" * 70000 + "\n" + ids) is None


def test_an_id_list_whose_comments_give_an_example_link_is_still_a_list():
    """A plain-text list of arXiv links with '#' comments, one of which shows an example link, is a list of
    ids (the example is not one of them); a '#' heading with a Markdown link to a paper is still an article."""
    text = ("# Papers to keep up with\n# One link a line. Example: https://arxiv.org/abs/2801.00001\n\n"
            "https://arxiv.org/abs/2801.11111\nhttps://arxiv.org/pdf/2801.22222v2\n2801.33333\n")
    imported = import_text(text)
    assert imported.kind == "ids"
    assert [p.arxiv for _, p in imported.papers] == ["2801.11111", "2801.22222", "2801.33333"]
    assert parse_id_list("## [A Paper](https://arxiv.org/abs/2801.11111)\n2801.22222\n") is None
