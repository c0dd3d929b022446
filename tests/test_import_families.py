"""Reading lists in other markup families (org-mode, reStructuredText, LaTeX, MediaWiki,
Typst): chosen by extension or sniffed, converted to Markdown that the article importer reads (their fixtures: tests/fixtures/articles)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.importers import import_text, run
from papertui.importers.families import (
    convert,
    family,
    latex_to_markdown,
    org_to_markdown,
    rst_to_markdown,
    wiki_to_markdown,
)
from papertui.importers.typst import typst_to_markdown

MARKDOWN_LOOKALIKES = [
    "# Notes\n\n* [A Title Here](https://arxiv.org/abs/3107.90001)\n* [Another One](https://arxiv.org/abs/3107.90002)\n",
    "Title\n=====\n\nSub\n---\n\n1. [Paper](https://arxiv.org/abs/3107.90001) with $\\alpha$ and $\\beta_1$\n",
    "<div>\n\n## x\n\n</div>\n\\section{not really} \\item once\n",
    "# A == B ==\n\nSee [[notes]] and '''x''' once.\n\n== not a heading in Markdown ==\n",
    "# Notes\n\n#set is not a heading\n\n= = =\n\n- [A Title](https://arxiv.org/abs/3107.90001)\n",
]


@pytest.mark.parametrize("text", MARKDOWN_LOOKALIKES)
def test_markdown_is_not_taken_for_another_family(text):
    assert family(text) is None and convert(text) is None


def test_the_extension_decides_and_content_is_sniffed_without_one():
    org = "#+TITLE: T\n\n* Sec\n- [ ] [[https://arxiv.org/abs/3107.90001][A Paper Title]]\n"
    assert family(org, "list.org") == family(org) == "org"
    assert family("* Sec\n- item\n", "notes.org") == "org"  # (no sign at all: the extension says it)
    assert family(org, "list.md") is None  # a Markdown file that quotes org is Markdown
    assert family("\\documentclass{article}\n\\begin{document}\nx\n\\end{document}\n") == "latex"
    assert family(".. _top:\n\nTitle\n=====\n\n* `A <https://x.org>`_\n") == "rst"
    typ = '#set page(margin: 1in)\n\n= Part\n- #link("https://arxiv.org/abs/3107.90001")[A Paper Title]\n'
    assert family(typ, "notes.typ") == family(typ) == "typst"


def test_org_headings_checkboxes_links_and_drawers():
    md = org_to_markdown("#+TITLE: Mine\n* TODO Reading :tag:\n:PROPERTIES:\n:ID: 1\n:END:\n"
                         "- [X] [[https://arxiv.org/abs/3107.90001][Some Title]] *key*\n1) second\n")
    assert md.splitlines() == ["# Mine", "", "", "## Reading", "",
                               "- [Some Title](https://arxiv.org/abs/3107.90001) **key**", "1. second", ""]


def test_rst_titles_links_targets_and_item_paragraphs():
    md = rst_to_markdown("Top\n===\n\nPart\n----\n\n* `Named <https://a.org/x>`_ and `Ref`_\n\n"
                         "    indented abstract of the item\n\n.. _Ref: https://b.org/y\n")
    lines = [line for line in md.splitlines() if line]
    assert lines == ["# Top", "## Part", "- [Named](https://a.org/x) and [Ref](https://b.org/y)",
                     "  indented abstract of the item"]


def test_latex_commands_lists_math_and_id_arguments():
    md = latex_to_markdown(
        "\\newcommand{\\p}[2]{\\href{https://arxiv.org/abs/#1}{#1}: #2}\n\\begin{document}\n"
        "\\section*{Week $1$}\n\\begin{enumerate}\n\\item \\textbf{Bold} and \\emph{it} 50\\% \\cite{x}\n"
        "\\end{enumerate}\n\\p{3107.90001}{Title With $x_1$}\n\\foo{arXiv:3107.90002v2}\n\\end{document}\n"
    )
    assert "## Week $1$" in md and "1. **Bold** and *it* 50%" in md
    assert "[Title With $x_1$](https://arxiv.org/abs/3107.90001)" in md  # (the id argument, whatever \p prints)
    assert "[3107.90002](https://arxiv.org/abs/3107.90002)" in md


def test_latex_bibliography_entries_are_one_line_each_their_title_in_bold():
    """A ``thebibliography`` entry's ``\\newblock`` parts (authors, title, venue) are one list item, its title in bold
    (its period after the bold); an entry without them stays as written. Many entries are read in one pass."""
    md = latex_to_markdown(
        "\\begin{document}\n\\begin{thebibliography}{9}\n\\bibitem{a}\nA.~Lee.\n\\newblock A title\n  wrapped.\n"
        "\\newblock In {\\em Venue}, 2027.\n\\bibitem{b} B. Wu, Plain Entry, 2026.\n\\end{thebibliography}\n\\end{document}\n"
    )
    assert "1. A. Lee. **A title wrapped**. In Venue, 2027.\n" in md and "1. B. Wu, Plain Entry, 2026." in md
    many = latex_to_markdown("\\begin{thebibliography}{9}\n" + "\\bibitem{k} A. Lee.\n\\newblock T.\n" * 20_000)
    assert many.count("**T**.") == 20_000


def test_wiki_headings_lists_links_cite_templates_and_tables():
    md = wiki_to_markdown(
        "== Part ==\n* [https://a.org/x Named] and [[Page|shown]]\n"
        "# {{cite arXiv |eprint=3107.90001 |title=A Cited Paper |last=Lee |year=2026}}\n"
        "{{Infobox|x=1}}\n{|\n! A !! B\n|-\n| style=\"x\" | one || '''two'''\n|}\n"
    )
    lines = [line for line in md.splitlines() if line]
    assert lines == ["## Part", "- [Named](https://a.org/x) and shown",
                     "1. Lee: [A Cited Paper](https://arxiv.org/abs/3107.90001). 2026",
                     "| A | B |", "| --- | --- |", "| one | **two** |"]


def test_typst_headings_links_lists_tables_and_dropped_calls():
    md = typst_to_markdown(
        '#let title = "My Notes"\n#set document(title: title)\n#show: tpl.with(\n  author: "Me",\n)\n'
        '// a comment\n= Part <part>\n  Some *bold* text, $a * b * c$ and `#raw`.\n'
        '== #link("https://arxiv.org/abs/3107.90001")[A *Linked* Title]\n#figure(image("x.png"), caption: [gone])\n'
        '+ #link("https://b.org/y") then #strong[strong] and #emph[it]\n/ Term: #text(fill: red)[kept]\n'
        '#table(columns: 2, table.header([A], [B]), [one], link("https://c.org")[two])\n'
    )
    lines = [line for line in md.splitlines() if line]
    assert lines == ["# My Notes", "## Part", "Some **bold** text, $a * b * c$ and `#raw`.",
                     "### [A **Linked** Title](https://arxiv.org/abs/3107.90001)",
                     "1. <https://b.org/y> then **strong** and _it_", "- **Term**: kept",
                     "| A | B |", "| --- | --- |", "| one | [two](https://c.org) |"]


@pytest.mark.parametrize("body", ["#a(" * 30_000, "#a[" * 30_000, '#link("' * 30_000, "#a[#b(" * 20_000],
                         ids=["calls", "content", "strings", "mixed"])
def test_hostile_typst_is_read_in_one_pass(body):
    assert isinstance(typst_to_markdown("= Notes\n" + body + "\n"), str)


def test_a_macro_that_calls_itself_stops():
    md = latex_to_markdown("\\newcommand{\\a}{x\\a\\a}\n\\begin{document}\n\\a\n\\end{document}\n")
    assert md.count("x") < 10_000


def test_run_reads_the_file_s_family_by_its_extension(tmp_path):
    path = tmp_path / "reading.org"
    path.write_text("* Models\n- [[https://arxiv.org/abs/3107.90001][A Paper About Models]]\n", encoding="utf-8")
    outcome = run(str(path), dry_run=True)
    assert [(s, p.title, p.arxiv) for s, p in outcome.imported.papers] == [
        ("Models", "A Paper About Models", "3107.90001")
    ]
    assert import_text(path.read_text(), "x.org").papers == outcome.imported.papers


@pytest.mark.parametrize("body", ["{" * 50_000, "{" * 20_000 + "}" * 20_000, "\\x{" * 20_000, "$" + "\\a{b}" * 20_000,
                                  "\\textbf{" * 5_000 + "}" * 5_000, "\\emph{\\href{u}{" * 5_000, "x $$ y " * 1_001],
                         ids=["open", "nested", "macros", "math", "commands", "arguments", "unclosed-math"])
def test_hostile_latex_is_read_in_one_pass(body):
    md = latex_to_markdown("\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n")
    assert isinstance(md, str)


def _family_plain(text: str) -> str | None:
    """families.family without its substring gates (each pattern run over the head): what the gated one must give."""
    from papertui.importers import families, typst

    head = text[: families._SNIFF]
    if head.lstrip()[:1] in ("<", "{"):
        return None
    if len(families._LATEX_SIGN_RE.findall(head)) >= 3 or "\\begin{document}" in head:
        return "latex"
    if len(families._ORG_SIGN_RE.findall(head)) >= 2:
        return "org"
    if len(families._RST_SIGN_RE.findall(head)) >= 2:
        return "rst"
    if len(families._WIKI_HEADING_RE.findall(head)) >= 2 and len(families._WIKI_SIGN_RE.findall(head)) >= 2:
        return "wiki"
    if typst.sniff(head):
        return "typst"
    return None


_SIGN_PIECES = [
    "\\section{A}", "\\item x", "\\begin{document}", "#+TITLE: T", "#+title:", "[[https://a.b][x]]", "[[file:x][y]]",
    ".. _a:", ".. note::", ".. [1] ", "`Text <https://a.b>`_", "^^^^", "~~~~", "****", "++++", "== H ==", "= H =",
    "'''b'''", "[[Page]]", "[https://a.b Text]", "{{cite ", "#import \"x\"", "#set page", "#show: x", "#let a = 1",
    '#link("https://a.b")', "= Heading", "=== Deep", "# Markdown", "- item", "text", "`code`", "=", "[", "{{", "\\",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SIGN_PIECES), st.sampled_from(["\n", " ", "", "\n\n"])), max_size=12))
def test_family_gates_give_what_the_patterns_give(pieces):
    from papertui.importers.families import family

    text = "".join(a + b for a, b in pieces)
    assert family(text) == _family_plain(text)


def test_a_long_run_of_wiki_link_openings_is_read_in_linear_time():
    """A line of 20,000 "[[" with no "]]" (a fuzzed input): the internal link's pattern read to the line's end from
    each one (12 s); its target holds no "[" now."""
    # (no clock: the old pattern takes twenty minutes on this line, and the test would not end)
    r = import_text("[[" * 200_000 + "\n* [https://arxiv.org/abs/3107.96830 A paper]\n", "notes.wiki")
    assert [p.arxiv for _s, p in r.papers] == ["3107.96830"]
