"""The article importer on one fixture per shape, arXiv ids everywhere alike, sources, names, bad input."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from papertui import arxiv_ids
from papertui.cli import main as cli
from papertui.importers import ImportError_, import_text, run
from papertui.importers.simple import parse_bibtex, parse_id_list
from papertui.model import normalize_arxiv

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.mark.parametrize("name", sorted(p.name.removesuffix(".expected.json") for p in ARTICLES.glob("*.expected.json")))
def test_each_shape_gives_its_papers(name):
    expected = json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    r = import_text((ARTICLES / name).read_text(encoding="utf-8"))
    got = [{"title": p.title, "arxiv_id": p.arxiv, "section": None if s == "Papers" else s} for s, p in r.papers]
    assert got == expected


def test_a_table_row_s_description_is_its_summary():
    r = import_text((ARTICLES / "table-older-variant.md").read_text(encoding="utf-8"))
    summaries = [p.summary for _s, p in r.papers]
    assert summaries[1] == "proposes patient decoding." and summaries[3] == "This work shows a night-vision model."


def test_a_reading_list_s_venue_note_is_no_summary():
    """'[Title](arXiv) (Lee et al. EMNLP 2023.)': who and where, not what the paper does."""
    r = import_text((ARTICLES / "html-details-numbered-subheadings-italic-labels.html").read_text(encoding="utf-8"))
    assert [p.summary for _s, p in r.papers if p.arxiv] == ["", "", "", ""]


def test_a_paper_card_s_byline_and_a_citation_s_note_are_no_summary():
    r = import_text((ARTICLES / "newsletter-html-paper-cards-byline-full-paper-link.html").read_text(encoding="utf-8"))
    summaries = [p.summary for _s, p in r.papers]
    assert summaries[1].startswith("Earlier work has suggested") and summaries[2].startswith("Positions are counted")
    assert [a for _t, a in r.papers[1][1].related] == ["3103.00054", "3103.00055"]
    r = import_text((ARTICLES / "wiki-paragraphs-title-link-author-venue-note.md").read_text(encoding="utf-8"))
    assert not any(p.summary for _s, p in r.papers)


def test_entries_led_by_their_titled_links_under_a_heading_s_paper_link_are_papers_of_their_own():
    text = (
        "# Weekly digest\n\n## Efficient inference\n\n[Paper](https://arxiv.org/abs/3106.00090)\n\n"
        "### Speculative decoding\n\n[Faster Decoding With Draft Models](https://arxiv.org/abs/3106.00091) proposes to"
        " draft tokens with a small model and verify them with the large one, for a two to three times speed-up.\n\n"
        "### Quantisation\n\n[Four Bits Are Plenty for Everyone](https://arxiv.org/abs/3106.00092) shows that weights"
        " can be stored in four bits with almost no loss in quality on a wide range of language tasks.\n"
    )
    assert [p.arxiv for _s, p in import_text(text).papers] == ["3106.00090", "3106.00091", "3106.00092"]


def test_a_label_link_s_text_is_taken_out_of_a_line_as_a_word_of_its_own():
    from papertui.importers.lines import replace_each

    assert replace_each("Sentence Encoder (Ann Lee, 2031, code, note)", ["code", "note"], "") == (
        "Sentence Encoder (Ann Lee, 2031, , )"
    )
    assert replace_each("Title pdfcode", ["pdf", "code"], " ").strip() == "Title"  # (labels glued to each other)
    assert replace_each("Title arXivPDF", ["arXiv", "PDF"], " ").strip() == "Title"


def test_a_title_field_under_an_item_that_is_itself_a_title_field_is_not_its_title():
    text = (
        "# Reading group\n\n## Week 1\n\n- Title: Sparse Experts for Small Budgets\n"
        "- Link: https://arxiv.org/abs/3107.00101\n\n- Title: Dense Retrieval Without Labels\n"
        "- Link: https://arxiv.org/abs/3107.00102\n"
    )
    assert import_text(text).papers[0][1].title == "Sparse Experts for Small Budgets"


def test_a_link_field_named_by_its_host_is_the_paper_s_own_link():
    r = import_text((ARTICLES / "numbered-nickname-headings-title-field-bullets.md").read_text(encoding="utf-8"))
    urls = [p.url for _s, p in r.papers if p.arxiv is None]
    assert urls == ["https://cdn.example.com/research/text_warmup_paper.pdf",
                    "https://papers.example.cc/paper/2032/file/c3998-Paper.pdf"]


def test_a_title_s_links_table_is_not_its_summary_but_its_summarize_line_is():
    r = import_text((ARTICLES / "bold-numbered-titles-link-tables.md").read_text(encoding="utf-8"))
    first = r.papers[0][1]
    assert first.summary == "A short tour of small models and how they are trained."
    assert [a for _t, a in r.papers[-1][1].related] == ["3107.90075"]


def test_a_back_to_top_link_is_never_part_of_a_section_a_title_or_a_summary():
    for name in ("section-headings-with-back-links.md", "paper-headings-under-back-linked-sections-zh.md"):
        r = import_text((ARTICLES / name).read_text(encoding="utf-8"))
        texts = [s for s, _p in r.papers] + [t for _s, p in r.papers for t in (p.title, p.summary)]
        assert not any(w in t.lower() for t in texts for w in ("back to", "[back]", "top", "返回", "目录", "↑", "⬆"))
    assert r.papers[0][1].summary == "在手机的 NPU 上运行的检测器，速度很快。"


def test_a_list_of_notes_without_links_is_still_no_list_of_papers():
    notes = ["Better results on three small benchmarks", "Faster training with much less memory",
             "The code is easy to read and extend", "Works on a laptop without a GPU", "Needs more tests on long inputs",
             "Could try the same idea for speech"]
    with pytest.raises(ImportError_):
        import_text("# What I noted this week\n\n" + "".join(f"- {n}\n" for n in notes))
    titles = [n.title() for n in notes]  # (the same lines as titles: a reading list)
    assert len(import_text("# Reading list\n\n" + "".join(f"- {t}\n" for t in titles)).papers) == 6


def test_a_paper_without_an_arxiv_id_keeps_its_own_link():
    r = import_text((ARTICLES / "mixed-links.md").read_text(encoding="utf-8"))
    links = [p.to_json().get("links") for _s, p in r.papers]
    assert links[1:] == [[{"label": "Link", "url": "https://aclanthology.org/X18-0001/"}],
                         [{"label": "PDF", "url": "https://example.com/reports/owlet-system-card.pdf"}]]


# -- one owner for arXiv ids --------------------------------------------------------------------
IDS = st.one_of(
    st.builds("{:02d}{:02d}.{:05d}".format, st.integers(7, 99), st.integers(1, 12), st.integers(0, 99999)),
    st.builds("{}/{:02d}{:02d}{:03d}".format, st.sampled_from(["hep-th", "math", "cond-mat", "cs"]),
              st.integers(91, 99), st.integers(1, 12), st.integers(0, 999)),
)
FORMS = ["{}", "{}v2", "arXiv:{}", "https://arxiv.org/abs/{}", "arxiv.org/pdf/{}v1.pdf", "https://www.arxiv.org/html/{}v3",
         "http://export.arxiv.org/abs/{}", "https://huggingface.co/papers/{}", "https://www.alphaxiv.org/abs/{}",
         "https://www.catalyzex.com/paper/arxiv:{}"]


@settings(max_examples=200, deadline=None)
@given(IDS, st.sampled_from(FORMS))
def test_every_loader_and_importer_agrees_on_an_id(arxiv, form):
    ref = form.format(arxiv)
    assert arxiv_ids.normalize(ref) == normalize_arxiv(ref) == arxiv
    assert parse_id_list(ref).papers[0][1].arxiv == arxiv
    assert parse_bibtex(f"@misc{{k, title={{T}}, eprint={{{ref}}}}}").papers[0][1].arxiv == arxiv
    if "/" in form or ":" in form:
        article = import_text(f"# Notes\n\n1. [A Paper Title]({ref if ref.startswith('http') else 'https://arxiv.org/abs/' + arxiv})\n")
        assert [p.arxiv for _s, p in article.papers] == [arxiv]
        assert arxiv_ids.find_ids(f"see {ref}, it is good") == [arxiv]


def test_a_link_to_arxiv_s_old_file_server_is_its_paper():
    ref = "https://arxiv.org/ftp/arxiv/papers/3011/3011.04250.pdf"
    assert arxiv_ids.normalize(ref) == normalize_arxiv(ref) == "3011.04250"
    article = import_text(f"# Reading\n\n- [Quiet Lanterns for Sparse Routing]({ref}), 3020\n")
    assert [p.arxiv for _s, p in article.papers] == ["3011.04250"]


def test_a_link_with_a_slash_too_many_before_the_id_is_its_paper():
    ref = "https://arxiv.org/abs//3011.04251"
    assert arxiv_ids.normalize(ref) == normalize_arxiv(ref) == "3011.04251"
    article = import_text(f"# Reading\n\n| # | title |\n|---|---|\n| 1 | [Four-Bit Training of Wide Models]({ref}) |\n")
    assert [p.arxiv for _s, p in article.papers] == ["3011.04251"]


def test_a_site_page_named_by_id_and_version_is_that_paper_but_a_date_or_a_bare_number_is_not():
    pages = ["/202604/02/2604.70211v1-quiet-routers", "/notes/2604.70212-quiet-routers", "/2026.0402v1-digest",
             "/202604/02/2604.70213v2", "https://example.org/2604.70214v1-quiet-routers"]
    text = "# 日报\n\n" + "".join(f"{k}. [Quiet Router Study Number {k}]({href})\n" for k, href in enumerate(pages, 1))
    assert [p.arxiv for _s, p in import_text(text).papers if p.arxiv] == ["2604.70211"]


def test_a_dblp_style_citation_names_its_arxiv_paper():
    """``CoRR, abs/ID`` (how DBLP and many reference lists cite an arXiv paper) is a reference, even when the item's
    own link is a PDF elsewhere; a word that merely starts with "corr" is not."""
    assert arxiv_ids.find_ids("Lee. Quiet. CoRR, abs/3011.04261 (2030).") == ["3011.04261"]
    assert arxiv_ids.find_ids("CoRR abs/cs/0101001") == ["cs/0101001"]
    assert arxiv_ids.find_ids("a correlation abs/3011.04261 and scorr abs/3011.04262") == []
    article = import_text(
        "# Roadmap\n\n"
        '**[1]** Lee, Ann, and Bo Wu. "Quiet Routers for Sparse Models." CoRR, abs/3011.04261 (2030). '
        "[[pdf]](http://example.org/quiet.pdf)\n\n"
        '**[2]** Chen, Kai. "Loud Routers for Dense Models." CoRR abs/3011.04262 (2030). '
        "[[pdf]](http://example.org/loud.pdf)\n"
    )
    assert [(p.arxiv, p.title) for _s, p in article.papers] == [
        ("3011.04261", "Quiet Routers for Sparse Models"), ("3011.04262", "Loud Routers for Dense Models")
    ]


def test_a_link_that_lost_its_abs_before_the_id_is_its_paper():
    ref = "https://arxiv.org/3011.04252v2"
    assert arxiv_ids.normalize(ref) == normalize_arxiv(ref) == "3011.04252"
    assert arxiv_ids.normalize("https://arxiv.org/list/cs.AI/recent") is None
    article = import_text(f"# Orals\n\n- Light Fields in Motion, CONF 2031. [[Paper]({ref})]\n")
    assert [(p.arxiv, p.title) for _s, p in article.papers] == [("3011.04252", "Light Fields in Motion")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", " ", "see ", "(", "x", "/", "www.", "https://", "İ ", "arxiv "]),
                          st.sampled_from(FORMS + ["arxiv: {}", "ArXiv：{}", "https://doi.org/10.48550/arXiv.{}",
                                                   "https://ar5iv.labs.arxiv.org/html/{}", "HTTPS://ARXIV.ORG/ABS/{}",
                                                   "https://arxiv.org/{}v2", "CoRR, abs/{}", "CoRR abs/{}"]),
                          IDS), max_size=5))
def test_the_quick_scan_finds_what_the_whole_pattern_finds(parts):
    text = "".join(lead + form.format(a) for lead, form, a in parts)
    whole = [(arxiv_ids._canonical(m.group("id")), m.end()) for m in arxiv_ids._REF_RE.finditer(text)]
    assert [(r.arxiv, r.end) for r in arxiv_ids.find_refs(text)] == whole


def test_ids_are_ascii_only_and_years():
    assert arxiv_ids.normalize("٢٤٠٥.١١١٥٧") is None and arxiv_ids.find_refs("arXiv:٢٤٠٥.١١١٥٧") == []
    assert arxiv_ids.normalize("math.AG/0601001") == "math/0601001"
    assert arxiv_ids.year("2405.11157") == 2024 and arxiv_ids.year("hep-th/9901001") == 1999
    assert arxiv_ids.normalize("1234.5678") is None and arxiv_ids.normalize("costs 2405.11157 dollars") is None


@settings(max_examples=150, deadline=None)
@example([("# ", "a\n", "0701.00001", True), ("# ", "a\n论文\na\n", "0701.00000", True)])  # (a labelled title)
@example([("# ", "", "0801.00000", True), ("# ", "::", "0701.00000", False), ("# ", "\n", "0801.00000", True),
          ("# ", "\n", "0701.00000", True)])  # (a repeat dropped: its other reference goes to the paper kept)
@example([("# ", "", "0701.00001", True), ("# ", "a", "0701.00000", False), ("# ", "a", "0701.00000", False),
          ("# ", "", "0701.00000", False), ("**", "::", "0701.00000", True)])  # (its link under a "# Title" field heading)
@given(st.lists(st.tuples(st.sampled_from(["# ", "## ", "- ", "1. ", "**", "", "| "]),
                          st.text(alphabet="ab 论文：:*|#\n", max_size=30), IDS, st.booleans()), max_size=12))
def test_articles_never_crash_and_find_exactly_the_linked_ids(parts):
    text = "\n\n".join(f"{lead}Title {words}" + (f" [x](https://arxiv.org/abs/{a})" if link else "")
                       for lead, words, a, link in parts)
    linked = {a for _l, _w, a, link in parts if link}
    try:
        r = import_text(text)
    except ImportError_:
        assert not linked
        return
    found = {p.arxiv for _s, p in r.papers if p.arxiv} | {a for _s, p in r.papers for _t, a in p.related}
    assert found == linked


# -- sources, names, bad input -------------------------------------------------------------------
def _import(args, stdin=None):
    return subprocess.run([sys.executable, "-m", "papertui", "import", *args], input=stdin, capture_output=True, text=True)


def test_the_same_name_never_drops_papers(home, capsys):
    assert _import(["-"], "2401.04088\n").returncode == 0
    second = _import(["-"], "2312.00752\n")
    assert second.returncode == 0 and "'Imported (2)'" in second.stderr and second.stderr.count("\n") == 1
    lists = {json.loads(p.read_text())["title"]: p for p in (home / "lists").iterdir()}
    assert set(lists) == {"Imported", "Imported (2)"}
    again = _import(["-", "--name", "Imported"], "2312.00752\n")
    assert "1 new, 1 kept" in again.stderr
    papers = json.loads(lists["Imported"].read_text())["sections"][0]["papers"]
    assert [p["arxiv"] for p in papers] == ["2401.04088", "2312.00752"]


def test_saving_an_import_parses_only_the_lists_it_needs(tmp_path, monkeypatch):
    """A list file papertui wrote names its title in its first bytes: a save parses whole only the list of the
    title it saves under (an import into a library of big lists read every one of them, twice)."""
    import orjson

    from papertui import importers

    lists = tmp_path / "lists"
    for title, ids in (("Big", "2401.00001\n2401.00005\n2401.00006\n"), ("Queue", "2401.00002\n")):
        importers.save(import_text(ids), title, lists, update=False, what="")
    parsed = []
    real = orjson.loads
    monkeypatch.setattr(importers.orjson, "loads", lambda data: (parsed.append(len(data)), real(data))[1])
    big, queue = (lists / "big.json").stat().st_size, (lists / "queue.json").stat().st_size
    out = importers.save(import_text("2401.00003\n"), "Queue", lists, update=True, what="")
    assert out.added == 1 and big not in parsed and queue in parsed
    parsed.clear()
    out = importers.save(import_text("2401.00004\n"), "New", lists, update=False, what="")
    assert out.added == 1 and not [n for n in parsed if n > 200]  # (the titles only)


def test_cli_import_checks_the_state_file_without_loading_the_lists(home, tmp_path, monkeypatch, capsys):
    """``import`` stops on a state file it cannot use, as every command does, but reads no other list to save one."""
    from papertui.cli import main as cli
    from papertui.library import Library

    source = tmp_path / "ids.txt"
    source.write_text("2401.00001\n")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli(["--db", str(blocker / "state.json"), "import", str(source)]) == 1
    assert "cannot read state file" in capsys.readouterr().err and not (home / "lists").exists()
    monkeypatch.setattr(Library, "open", lambda *a, **k: pytest.fail("the library was loaded"))
    assert cli(["import", str(source)]) == 0
    assert [p.name for p in (home / "lists").iterdir()] == ["ids.json"]


def test_saving_finds_each_title_as_before_whatever_wrote_the_files(tmp_path):
    """Lists written by hand (keys in any order), a broken file that looks like ours: found, or skipped, as when
    every file was parsed."""
    from papertui import importers

    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "a.json").write_text('{"format": 1, "title": "Queue", "sections": [{"title": "S", "papers": [')  # (cut)
    (lists / "b.json").write_text(json.dumps({"sections": [{"title": "S", "papers": [
        {"arxiv": "2401.00002", "title": "T"}]}], "title": "queue"}))
    (lists / "c.json").write_text('{"format": 1, "title": "Queue (2)", "sections": []}')
    out = importers.save(import_text("2401.00003\n"), "Queue", lists, update=False, what="")
    assert out.name == "Queue (3)" and out.path == lists / "queue-3.json"
    out = importers.save(import_text("2401.00004\n"), "Queue", lists, update=True, what="")
    assert out.path == lists / "b.json" and (out.added, out.kept) == (1, 1)


def test_a_save_reads_each_list_once_even_when_a_file_misnames_its_title(tmp_path, monkeypatch):
    """A file whose first bytes name one title and whose last "title" key another sends a save to read the whole
    folder; a save does that once, however many titles it asks for ("Queue", then "Queue (2)")."""
    from collections import Counter

    from papertui import importers

    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "a.json").write_text('{"format": 1, "title": "Queue", "sections": [], "title": "Other"}')
    (lists / "b.json").write_text(json.dumps({"sections": [], "title": "Queue"}))
    (lists / "c.json").write_text('{"format": 1, "title": "Queue (2)", "sections": [], "title": "Other 2"}')
    read: Counter = Counter()
    real = importers._list_doc
    monkeypatch.setattr(importers, "_list_doc", lambda path: (read.update([path.name]), real(path))[1])
    out = importers.save(import_text("2401.00003\n"), "Queue", lists, update=False, what="")
    assert out.name == "Queue (2)" and out.path == lists / "queue-2.json"
    assert read == {"a.json": 2, "b.json": 2, "c.json": 2}  # (its title's, or b's at the start; and the folder once)


@pytest.mark.parametrize("args, data, message", [
    (["-"], b"", "empty"),
    (["-"], b"\x00\x01binary\xff", "binary"),
    (["ftp://example.com/a.md"], None, "only http and https"),
    (["http://127.0.0.1:9/none.md"], None, "127.0.0.1"),
])
def test_bad_input_is_one_line_and_writes_nothing(home, args, data, message):
    proc = subprocess.run([sys.executable, "-m", "papertui", "import", *args], input=data, capture_output=True)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (home / "lists").exists()


def test_a_few_stray_bytes_are_replaced_and_said_but_latin1_text_is_not_utf8(home, tmp_path):
    article = ("# Notes\n\n" + "".join(f"{k}. [A Paper Title {k}](https://arxiv.org/abs/2401.{k:05d})\n" for k in range(1, 40)))
    cut = article.encode().replace(b"Title 3]", b"Title 3\xe2\x80]")  # (a character cut in half by a copy)
    path = tmp_path / "notes.md"
    path.write_bytes(cut)
    outcome = run(str(path), dry_run=True)
    assert len(outcome.imported.papers) == 39 and "1 place not UTF-8" in outcome.message
    path.write_bytes("# Café crème\n\n".encode("latin-1") + "é".encode("latin-1") * 100 + cut)
    with pytest.raises(ImportError_, match="not UTF-8 text"):
        run(str(path), dry_run=True)


def test_too_big_is_refused(home, tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 10)
    with pytest.raises(ImportError_, match="more than 50 MB"):
        run(str(big), lists_dir=home / "lists")


def test_a_url_is_fetched_and_read_as_html(home):
    page = (ARTICLES / "cards.html").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        outcome = run(f"http://127.0.0.1:{server.server_port}/cards.html", lists_dir=home / "lists")
    finally:
        server.shutdown()
    assert outcome.name == "Paper cards" and [p.arxiv for _s, p in outcome.imported.papers] == ["2409.60001", "2409.60002"]
    assert json.loads(outcome.path.read_text())["source"].endswith("/cards.html")


def test_fetch_offline_says_so_and_keeps_the_article_titles(home, capsys, monkeypatch):
    monkeypatch.setenv("PAPERTUI_ARXIV_API", "http://127.0.0.1:9/api/query")
    assert cli(["import", str(ARTICLES / "table.md"), "--fetch", "--dry-run", "--json"]) == 0
    out = capsys.readouterr()
    assert [p["title_source"] for p in json.loads(out.out)] == ["article", "article"]
    assert "arXiv is not reachable" in out.err


def test_fetch_takes_arxiv_titles_and_keeps_the_article_title_of_an_id_arxiv_does_not_know(home, capsys,
                                                                                           monkeypatch):
    from .arxiv_stand_in import Entry, quick_stand_in

    with quick_stand_in(monkeypatch) as arxiv:
        arxiv.papers.append(Entry("2405.10001", 1.7e9, title="Sparse Lanterns: Routing Tokens by Light, in Full"))
        assert cli(["import", str(ARTICLES / "table.md"), "--fetch", "--dry-run", "--json"]) == 0
    out = capsys.readouterr()
    rows = json.loads(out.out)
    assert [(r["title"], r["title_source"]) for r in rows] == [
        ("Sparse Lanterns: Routing Tokens by Light, in Full", "arxiv"),
        ("Quiet Gradients for Loud Models", "article"),
    ]
    assert arxiv.requests[0]["id_list"] == "2405.10001,2405.10002"  # one batch for the whole article
    assert "1 of 2 titles from arXiv; arXiv does not know 2405.10002" in out.err


async def test_i_takes_a_pasted_article_and_selects_the_new_list(home):
    from papertui.library import Library
    from papertui.tui.app import PaperApp

    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one("#import-path").load_text((ARTICLES / "title-line-before-label.txt").read_text())
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        main = app.screen
        assert main.category == next(c.id for c in app.lib.categories() if c.label == "Papers we liked")


async def test_i_keeps_a_whole_multi_line_paste_and_imports_all_of_it(home):
    """A terminal's bracketed paste arrives as one Paste event: every line of it is imported."""
    from textual import events

    from papertui.library import Library
    from papertui.tui.app import PaperApp

    article = (ARTICLES / "wrapped-entries.md").read_text()
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        # As a terminal's paste arrives: to the app, which routes it to the focused text area
        # (posted to the widget itself, it would also bubble and land twice).
        app.post_message(events.Paste(article))
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        listed = next(c for c in app.lib.categories() if c.label == "Reading notes")
        assert app.screen.category == listed.id
        assert len(listed.indices) == 6




async def test_i_fetches_arxiv_titles_in_the_background_after_showing_the_list(home, monkeypatch):
    from papertui.library import Library
    from papertui.tui.app import PaperApp

    from .test_arxiv import Server as ArxivServer

    api = ArxivServer()
    monkeypatch.setenv("PAPERTUI_ARXIV_API", api.url)
    try:
        app = PaperApp(Library.open(), watch=False)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("i")
            app.screen.query_one("#import-path").load_text(str(ARTICLES / "table.md"))
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)
            assert sorted(api.requests[0]["ids"]) == ["2405.10001", "2405.10002"]
            papers = _table_list(app)
            assert [p.title for p in papers] == ["Paper 2405.10001", "Paper 2405.10002"]  # the arXiv API's titles
            assert list(papers[0].authors) == ["A. Author"]
    finally:
        api.close()


async def test_i_offline_keeps_the_article_titles_and_says_so_in_one_line(home, monkeypatch):
    from papertui.library import Library
    from papertui.tui.app import PaperApp

    from .conftest import screen_text

    monkeypatch.setenv("PAPERTUI_ARXIV_API", "http://127.0.0.1:9/api/query")
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one("#import-path").load_text(str(ARTICLES / "table.md"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert "arXiv is not reachable" in screen_text(app)
        assert _table_list(app)[0].title == "Sparse Lanterns: Routing Tokens by Light"
        assert screen_text(app).count("arXiv is not reachable") == 1


def _table_list(app):
    """The papers of the list imported from table.md."""
    papers = app.lib.catalog.papers
    for c in app.lib.categories():
        if c.kind == "list" and any(papers[i].arxiv == "2405.10001" for i in c.indices):
            return [papers[i] for i in c.indices]
    raise AssertionError("no list holds the imported papers")


def test_summaries_leave_out_venue_tags_and_author_lines():
    text = (
        "# Picks\n\n1. **Gentle Gates** (ICLR 2025) — gates that open slowly keep long memories.\n"
        "   by Ann Lee, Bo Wu and Cy Diaz\n   [arXiv](https://arxiv.org/abs/2501.11111)\n\n"
        "## [Folding Attention](https://arxiv.org/abs/2501.22222)\n**Radford et al., 2018**\n"
        "Authors: Ann Lee, Bo Wu\nA method [NeurIPS 2024 Oral] that folds attention maps in half.\n"
    )
    summaries = [p.summary for _s, p in import_text(text).papers]
    assert summaries == ["gates that open slowly keep long memories.", "A method that folds attention maps in half."]


def test_a_card_linking_two_papers_is_the_first_with_the_other_related():
    r = import_text((ARTICLES / "cards-link-line-two-papers.html").read_text(encoding="utf-8"))
    card = next(p for _s, p in r.papers if p.title == "How Big Should a Garden Model Be")
    assert card.arxiv == "3107.70022" and card.related == [("arXiv:3107.70023", "3107.70023")]


# -- one title per paper, from all its mentions -------------------------------------------------
@pytest.mark.parametrize("title, cand, same_id, fuller", [
    ("Lantern Routing", "Lantern Routing for Mixtures of Small Experts", False, True),
    ("KRILL: 小样本评测集", "Kernel Readouts for In-context Language Learning", False, True),
    ("KRILL: 小样本评测集", "Kernel Methods for Graphs", False, False),  # (the capitals do not spell it)
    ("Falcon", "Falcon 2 Technical Notes", False, False),  # a version is another paper
    ("Falcon", "Falcon Flies Far", False, False),  # one word, no ':' after it: not enough without the id
    ("Falcon", "Falcon: Flying Far", False, True),
    ("Lantern", "Lantern 120 stars", True, False),  # a count after it: not more of the title
    ("LACE", "LACE - Lattice Attention for Cross Exploration", True, True),
    ("潮汐式记忆检索", "Tiered Memory Retrieval", True, True),  # the same id: English over a Chinese gloss
    ("潮汐式记忆检索", "Tiered Memory Retrieval", False, False),
    ("DETR", "End-to-End Detection with Set Transformers", True, True),  # the same id: a nickname's full title
    ("DETR", "End-to-End Detection with Set Transformers", False, False),
    ("Prompt Shaping", "The Reach of Scale for Cheap Prompt Shaping", True, True),
    ("Chain-of-Thought Prompting", "Wei et al. (2022) — Chain-of-Thought", True, False),  # a citation, not a title
])
def test_a_fuller_form_of_a_title(title, cand, same_id, fuller):
    from papertui.importers.mentions import _fuller
    assert _fuller(title, cand, same_id) is fuller


@given(st.lists(st.tuples(st.sampled_from(["Lantern", "Lantern Routing", "KRILL: 评测", "Kernel Readouts for In Lists",
                                           "Lantern Routing for Experts", "Ann Lee, Bo Wu"]),
                          st.sampled_from([None, "3201.40001", "3201.40002"])), max_size=8))
def test_a_chosen_title_is_the_item_s_own_or_another_mention_s(mentions):
    from papertui.importers import ImportedPaper
    from papertui.importers.mentions import choose_titles
    entries = [("Papers", ImportedPaper(t, a)) for t, a in mentions[:3]]
    own = [p.title for _s, p in entries]
    choose_titles(entries, mentions)
    for (_s, p), before in zip(entries, own):
        assert p.title == before or (p.title, None) in mentions or (p.title, p.arxiv) in mentions
        assert p.title != "Ann Lee, Bo Wu" or before == p.title  # (an author list never replaces a title)


# -- titles inside citations --------------------------------------------------------------------
_FIRST = st.sampled_from(["Ann", "Bo", "Cy", "Dee", "Eli", "Fay"])
_LAST = st.sampled_from(["Lee", "Wu", "Diaz", "Fox", "Gray", "Hill"])
_WORD = st.sampled_from(["gradients", "small", "models", "tables", "noise", "maps", "reading", "with", "for", "of"])
_TITLES = st.builds(
    lambda first, rest, sub: f"{first} {' '.join(rest)}" + (f": {sub} {rest[0]}" if sub else ""),
    st.sampled_from(["Quiet", "Tiny", "Folding", "Counting"]), st.lists(_WORD, min_size=2, max_size=6),
    st.sampled_from(["", "What", "Towards", "On"]),
)
_FORMS = [
    "{initials} ({year}). {title}. arXiv preprint arXiv:3105.00011.",
    '{names}. "{title}." Workshop on Tables {year}.',
    "{names}, {title}, in Proceedings of the Planning Meeting {year}.",
    "{names}. {title}, JMLR {year}.",
    "Required Reading: {initials} ({year}). {title}. Proceedings of Rest, 4, 33-51.",
]


@given(st.lists(st.tuples(_FIRST, _LAST), min_size=2, max_size=4), _TITLES, st.integers(1990, 2031),
       st.sampled_from(_FORMS))
def test_the_title_inside_a_citation(authors, title, year, form):
    from papertui.importers.titles import citation_title
    names = ", ".join(f"{f} {last}" for f, last in authors[:-1]) + f" and {authors[-1][0]} {authors[-1][1]}"
    initials = ", ".join(f"{last}, {f[0]}." for f, last in authors[:-1]) + f", & {authors[-1][1]}, {authors[-1][0][0]}."
    assert citation_title(form.format(names=names, initials=initials, year=year, title=title)) == title


@pytest.mark.parametrize("text", ["Attention Is All You Need", "We show that models (2020). This is prose.",
                                  "Deep Residual Learning for Image Recognition (2015) by He et al.",
                                  "More Sheep, More Fields, More Dogs and More Fences: A Survey of Farms. paper"])
def test_what_is_not_a_citation_gives_no_title(text):
    from papertui.importers.titles import citation_title
    assert citation_title(text) == ""


@pytest.mark.parametrize("line, section", [
    ("**更新日期: 3101-05-06**", "Papers"), ("**Papers**: 12", "Papers"), ("**Updated:** 3101-05-06", "Papers"),
    ("**Part 1: Vision**", "Part 1: Vision"), ("**Week of May 3**", "Week of May 3"),
])
def test_a_bold_field_with_a_number_or_a_date_is_not_a_section(line, section):
    text = f"# Picks\n\n{line}\n\n- [Quiet Gradients for Big Batches](https://arxiv.org/abs/3105.20003)\n" \
           "- [Tidy Caches for Long Inputs](https://arxiv.org/abs/3105.20004)\n"
    assert [s for s, _p in import_text(text).papers] == [section, section]


def test_a_mention_with_a_note_after_a_separator_does_not_replace_a_whole_title():
    from papertui.importers import ImportedPaper
    from papertui.importers.mentions import choose_titles
    entries = [("Papers", ImportedPaper("Lantern Routing for Sparse Experts", "3111.00052")),
               ("Papers", ImportedPaper("Tidy Caches for Long ...", "3111.00053"))]
    choose_titles(entries, [(p.title, p.arxiv) for _s, p in entries]
                  + [("Lantern Routing for Sparse Experts · 161 stars", "3111.00052"),
                     ("Tidy Caches for Long Inputs · 7 stars", "3111.00053")])
    assert [p.title for _s, p in entries] == ["Lantern Routing for Sparse Experts", "Tidy Caches for Long Inputs"]


def test_an_id_or_a_label_never_titles_a_chinese_item():
    from papertui.importers import ImportedPaper
    from papertui.importers.mentions import choose_titles
    entries = [("Papers", ImportedPaper("一种会自己挑工具的模型", "3111.00051"))]
    choose_titles(entries, [("arXiv:3111.00051", "3111.00051"), ("PDF", "3111.00051"),
                            ("一种会自己挑工具的模型", "3111.00051")])
    assert entries[0][1].title == "一种会自己挑工具的模型"
    choose_titles(entries, [("Falco", "3111.00051"), ("一种会自己挑工具的模型", "3111.00051")])
    assert entries[0][1].title == "Falco"


@pytest.mark.parametrize("text, emph, title", [
    ("Ann Lee, Bo Wu, Quiet Gradients for Big Batches, ICML 3031.", "Quiet Gradients for Big Batches",
     "Quiet Gradients for Big Batches"),
    ("Falcon: 3109.40003. Mirror Layers for Sets. Fay Hill et al", "Mirror Layers for Sets", "Mirror Layers for Sets"),
    ("We found that Quiet Gradients for Big Batches help a lot.", "Quiet Gradients for Big Batches", ""),  # prose
    ("Ann Lee, Bo Wu, Quiet Gradients for Big Batches and more", "Quiet Gradients for Big Batches", ""),
])
def test_an_emphasised_span_between_a_citation_s_segments_is_its_title(text, emph, title):
    from papertui.importers.titles import emphasised_title
    assert emphasised_title(text, emph) == title


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Paper", "[arXiv]", "论文地址", "Code", ":", " ", "1", "v2", "(", ")", "-", "PDF", "3"]),
                max_size=8).map("".join))
def test_the_quick_label_check_agrees_with_the_label_pattern(text):
    """``_is_label`` skips the pattern for a text with a digit (no label word has one): the same answer."""
    from papertui.importers.lines import _is_label
    from papertui.importers.shapes import LABEL_RE

    assert _is_label(text) == (len(text) <= 80 and LABEL_RE.match(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="aZ09 _-:.!\t", max_size=40))
def test_title_keys_of_ascii_titles_are_the_pattern_s(text):
    """An ASCII title's key is made in one pass (str.translate): the same key as the pattern gives."""
    from papertui.importers.titles import KEY_RE, _key

    assert _key(text) == KEY_RE.sub("", text.casefold())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Title", " ", "Oral", "v2", "ICLR", "2024", "Qu", "pdf", "(", ")", "（", "）", "[", "]", "【",
                                  "】", "|", "{", "}", "\n", "\t", "中文", ",", "x.org"]), max_size=14).map("".join))
def test_title_note_patterns_are_skipped_only_where_they_cannot_match(text):
    """``_clean_title`` runs each note pattern only where it can match (after an opening bracket, before the
    closing one the text ends in): wherever it is skipped, it finds nothing."""
    from papertui.importers import titles as t

    assert t._notes_left(text) == t.EMPTY_TAIL_RE.sub("", t.LABEL_BRACKET_RE.sub(" ", text))
    if t._last(text) not in t._CLOSING:
        assert not (t.CITE_NOTE_RE.search(text) or t.CJK_GLOSS_RE.search(text) or t.NOTE_TAIL_RE.search(text))
    if t._last(text) not in t._VERSION_END:
        assert t.VERSION_NOTE_RE.search(text) is None
    if t._OPENING.isdisjoint(text):
        assert t.VENUE_RE.search(text) is None and t.LABEL_BRACKET_RE.search(text) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Title", " ", ":", "：", "fire", "[", "]", "【", "】", "new", "001", "cs", ".", "AI", "-",
                                 "GPT论文", "x"]), max_size=12).map("".join))
def test_title_lead_patterns_are_skipped_only_where_they_cannot_match(text):
    """The emoji-code, lead-tag and given-twice patterns are skipped on a title without the characters they need."""
    from papertui.importers import titles as t

    if text.count(":") < 2:
        assert t.EMOJI_CODE_RE.search(text) is None
    if not ("[" in text or "【" in text or "." in text):
        assert t.LEAD_TAG_RE.match(text) is None
    if ":" not in text and "：" not in text:
        assert t.TWICE_LEAD_RE.match(text) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["x", " ", "http", "HTTPS", "://", "www", "WwW", ".", "w", "(", ")", "（", "）", "[", "]",
                                 "【", "】", "Paper", ":", "："]), max_size=12).map("".join))
def test_summary_patterns_are_skipped_only_where_they_cannot_match(text):
    """A summary line's URL, label and empty-bracket clean-ups are skipped on text without what they need."""
    from papertui.importers import papers
    from papertui.importers.lines import has_url
    from papertui.importers.shapes import EMPTY_BRACKETS_RE, LABEL_PREFIX_RE, URL_RE

    assert has_url(text) or URL_RE.search(text) is None
    assert papers._no_empty_brackets(text) == EMPTY_BRACKETS_RE.sub("", text)
    if ":" not in text and "：" not in text:
        assert LABEL_PREFIX_RE.match(text) is None


def test_a_void_tag_alone_on_a_line_ends_there_and_the_markdown_under_it_is_read():
    """``<hr>`` / ``#### [Title](url)`` / ``<img>`` / ``**Authors**: …`` cards (a blog post): each heading is read, not
    kept as raw text up to the next blank line; an ``<img>`` inside a paragraph stays inside it."""
    from papertui.importers.blocks import read_document

    card = "#### [{0}](https://arxiv.org/abs/3107.4000{1})\n<img src=\"f{1}.png\"/>\n**Authors**: Ann Lee\n<br>**Contact**: a@b.c\n<hr>\n"
    r = import_text("## Papers\n" + card.format("Tidal Sampling for Exploration", 1) + card.format("Quiet Gradients", 2))
    assert [(p.title, p.arxiv) for _s, p in r.papers] == [
        ("Tidal Sampling for Exploration", "3107.40001"), ("Quiet Gradients", "3107.40002")]
    blocks = read_document("Some words here\n<img src=\"x.png\"/>\nmore words there\n").blocks
    assert len({b.para for b in blocks}) == 1
    blocks = read_document("#### [Tidal Sampling](https://arxiv.org/abs/3107.40001)\n<p align=\"center\"><img src=\"f.png\"></p>\n"
                           "**Authors**: Ann Lee\n").blocks  # (a block element opened and closed on its line)
    assert [(b.kind, b.strong) for b in blocks][-1] == ("para", "Authors")


def test_a_venue_before_a_dash_and_a_name_s_bracketed_title_are_not_the_title():
    from papertui.importers.titles import _clean_title, named_title

    assert _clean_title("ICML 2031 - Reborn Students") == "Reborn Students"
    assert _clean_title("CVPR 2031 (?) - Two-Stream Features") == "Two-Stream Features"
    assert _clean_title("GPT 4 - a note") == "GPT 4 - a note"
    assert _clean_title("ICML 2031: Reborn Students") == "Reborn Students"
    assert _clean_title("SAM 2: Segment Anything") == "SAM 2: Segment Anything"
    assert named_title("A, B-v1(Going wider with folded kernels)") == "Going wider with folded kernels"
    assert named_title("SENet(Squeeze-and-Excitation Networks)") == "Squeeze-and-Excitation Networks"
    assert named_title("Tool (cost optimization for data processing)") == ""
    assert named_title("BERT (Devlin et al., 2019)") == "" and named_title("PocketNet(v2)") == ""
    assert _clean_title("PocketNet(v2)") == "PocketNet(v2)" and _clean_title("Deep Pocket Nets (v2)") == "Deep Pocket Nets"
    assert _clean_title("Pocket Agents: Small and Fast (V1.0)") == "Pocket Agents: Small and Fast (V1.0)"
    from papertui.importers.titles import _strip_authors

    assert _strip_authors("Less Noise, More Signal, More Speed: A Review of Small Models") == (
        "Less Noise, More Signal, More Speed: A Review of Small Models")
    assert _strip_authors("Sparse Things for Everyone, Ann Lee, Bo Wu") == "Sparse Things for Everyone"
    assert _clean_title("Tidebench: A Benchmark for Small Agents introduced by Lakeside Researchers") == (
        "Tidebench: A Benchmark for Small Agents")
    assert _clean_title("Learning by Doing: Tiny Agents") == "Learning by Doing: Tiny Agents"


def test_a_list_s_intro_citing_its_own_survey_is_not_where_the_survey_is_listed():
    items = "".join(f"{k}. [**Paper Number {k} on Sparse Search.**](https://arxiv.org/abs/3110.8000{k}) _Ann Lee._ 2031.\n"
                    for k in range(2, 7))
    text = ("# Awesome Sparse Search\n\n<a href=\"https://arxiv.org/abs/3110.80001\">📝 Our Survey</a> |\n"
            "<a href=\"https://github.com/example/awesome\">⭐ GitHub</a>\n\n"
            "We wrote a survey ([A Survey of Sparse Search](https://arxiv.org/abs/3110.80001)); please cite it.\n\n"
            "## Surveys\n\n1. [**A Survey of Sparse Search.**](https://arxiv.org/abs/3110.80001) _Bo Wu._ 2031.\n" + items)
    r = import_text(text)
    s, p = r.papers[0]
    assert (s, p.title) == ("Surveys", "A Survey of Sparse Search")
    assert len(r.papers) == 6


def test_a_summary_that_only_repeats_the_title_is_dropped():
    text = (
        "# Discussion log\n\n#### March 3, 2021\n- **Paper**: [Sparse Routers for Small Models](https://arxiv.org/abs/2103.01234)\n"
        "- **Authors**: A. Writer, B. Reader\n\n#### March 10, 2021\n"
        "- **Paper**: [Quiet Gradients](https://arxiv.org/abs/2103.05678)\n"
        "- **Note**: a short look at how gradient noise shrinks late in training\n"
    )
    papers = [p for _s, p in import_text(text).papers]
    assert [p.title for p in papers] == ["Sparse Routers for Small Models", "Quiet Gradients"]
    assert papers[0].summary.casefold() != papers[0].title.casefold()
    assert "gradient noise" in papers[1].summary


def test_the_note_after_a_bare_arxiv_reference_is_its_summary():
    """Notes that list papers as bare references keep each one's note as its summary; an address alone under it (a
    local copy, "file:///…") is none."""
    text = ("## Vision\n\narXiv:2802.10001\narXiv:2802.10002 (the one with the cat pictures)\n\n## Language\n\n"
            "https://arxiv.org/abs/2802.10003 long context, skim only\nhttps://arxiv.org/abs/2802.10004\n"
            "file:///home/me/Downloads/2802.10004.pdf\n")
    got = {p.arxiv: (p.title, p.summary) for _s, p in import_text(text).papers}
    assert got == {
        "2802.10001": ("arXiv:2802.10001", ""),
        "2802.10002": ("arXiv:2802.10002", "the one with the cat pictures"),
        "2802.10003": ("arXiv:2802.10003", "long context, skim only"),
        "2802.10004": ("arXiv:2802.10004", ""),
    }
