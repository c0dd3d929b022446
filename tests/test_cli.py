import json
import subprocess
import sys

from papertui import __version__
from papertui.cli import main

from .conftest import paper, write_list


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_the_documented_fields(capsys):
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 33
    first = rows[0]
    for field in ("id", "arxiv", "title", "list", "section", "tags", "url", "read", "starred"):
        assert field in first
    assert first["url"] == f"https://arxiv.org/abs/{first['arxiv']}"
    assert first["read"] is False


def test_mark_then_list_by_state(capsys, home):
    code, out, _ = run(capsys, "mark", "2405.12981", "https://arxiv.org/pdf/2403.09629v2", "--read", "--star")
    assert code == 0
    assert "2405.12981: read, starred" in out
    _, out, _ = run(capsys, "list", "--json", "--read")
    assert sorted(r["arxiv"] for r in json.loads(out)) == ["2403.09629", "2405.12981"]
    _, out, _ = run(capsys, "list", "--json", "--starred")
    assert len(json.loads(out)) == 2
    _, out, _ = run(capsys, "list", "--json", "--unread")
    assert len(json.loads(out)) == 31
    run(capsys, "mark", "2405.12981", "--unread", "--unstar")
    _, out, _ = run(capsys, "list", "--json", "--starred")
    assert [r["arxiv"] for r in json.loads(out)] == ["2403.09629"]
    assert (home / "state.json").exists()


def test_mark_defaults_to_read_and_star_alone_keeps_read(capsys):
    run(capsys, "mark", "2405.11157")
    run(capsys, "mark", "2405.11157", "--star")
    _, out, _ = run(capsys, "list", "--json", "--category", "routing")
    (row,) = json.loads(out)
    assert row["read"] is True and row["starred"] is True


def test_unknown_id_is_one_line_and_changes_nothing(capsys, home):
    code, _out, err = run(capsys, "mark", "2405.11157", "9999.99999")
    assert code == 1
    assert err == "papertui: unknown paper: 9999.99999 (give an arXiv id, an arXiv URL or a paper id)\n"
    assert not (home / "state.json").exists()


def test_category_filter(capsys):
    _, out, _ = run(capsys, "list", "--json", "--category", "LLM量化与校准")
    assert [r["arxiv"] for r in json.loads(out)] == ["2405.14129", "2405.14105"]


def test_category_is_the_search_language_so_it_finds_the_users_own_tags(capsys):
    """Issue 15: `list --category mine` found nothing where `search tag:mine` found the paper."""
    from papertui.search import category_query

    assert category_query('my "lists"') == 'list:"my lists" OR sec:"my lists" OR tag:"my lists" OR in:"my lists"'
    from papertui.library import Library

    lib = Library.open()
    lib.store.update("2405.11157", tags=["Mine"])
    lib.store.flush()
    _, out, _ = run(capsys, "search", "tag:mine", "--json")
    assert [r["arxiv"] for r in json.loads(out)] == ["2405.11157"]
    _, out, _ = run(capsys, "list", "--category", "mine", "--json")
    assert [r["arxiv"] for r in json.loads(out)] == ["2405.11157"]
    _, out, _ = run(capsys, "list", "--category", "kv", "--json")  # a part of a tag, as tag: matches
    assert len(json.loads(out)) == 3


def test_global_options_before_or_after_the_command(capsys, tmp_path):
    extra = write_list(tmp_path / "mine.json", "Mine", [("Inbox", [paper(None, "A paper without an id", "text")])])
    db = tmp_path / "other-state.json"
    code, out, _ = run(capsys, "--db", str(db), "list", "--json", "--list", str(extra), "--category", "Mine")
    assert code == 0
    (row,) = json.loads(out)
    assert row["arxiv"] is None and row["id"].startswith("t-") and row["url"] is None
    run(capsys, "mark", row["id"], "--db", str(db), "--list", str(extra))
    assert db.exists()


def test_bad_list_file_is_one_line_on_stderr_and_the_rest_loads(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "sections": [{"title": "s", "papers": [{"arxiv": null}]}]}')
    code, out, err = run(capsys, "list", "--json", "--list", str(bad))
    assert code == 0
    assert err == f"papertui: {bad}: sections[0].papers[0]: title missing\n"
    assert len(json.loads(out)) == 33


def test_user_lists_in_the_data_dir_are_loaded(capsys, home):
    write_list(home / "lists" / "mine.json", "My reading", [("Now", [paper("2401.04088", "Mixtral of Experts")])])
    _, out, _ = run(capsys, "list", "--json", "--category", "My reading")
    assert [r["title"] for r in json.loads(out)] == ["Mixtral of Experts"]


def test_table_output(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # a terminal: the table
    code, out, err = run(capsys, "list", "--category", "kv-cache")
    assert code == 0
    assert "2405.12981" in out and err.strip() == "3 papers, 0 read"


def test_piped_list_is_not_cut_and_its_footer_goes_to_stderr(capsys, tmp_path):
    long_title = "A very long title about key-value caches " * 5
    extra = write_list(tmp_path / "l.json", "Long", [("S", [paper("2401.00001", long_title.strip())])])
    code, out, err = run(capsys, "list", "--list", str(extra), "--category", "Long")
    assert code == 0
    assert out == f"● \t2401.00001\t{long_title.strip()}\tLong › S\n"  # whole, tab-separated
    assert err == "1 paper, 0 read\n"


def test_search_without_a_match_exits_1(capsys):
    code, out, err = run(capsys, "search", "xyzzy-nothing-matches")
    assert (code, out, err) == (1, "", "no papers match\n")
    code, out, _ = run(capsys, "search", "xyzzy-nothing-matches", "--json")
    assert (code, json.loads(out)) == (1, [])
    code, out, err = run(capsys, "search", "Cross-Layer", "Attention")
    assert code == 0 and "2405.12981" in out and err == "1 paper, 0 read\n"


def test_stats_json(capsys):
    run(capsys, "mark", "2405.12981", "--star")
    code, out, _ = run(capsys, "stats", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["all"] == {"read": 0, "total": 33, "starred": 1}
    first = doc["lists"][0]
    assert set(first) == {"title", "read", "total", "starred", "sections"}
    assert sum(s["total"] for s in first["sections"]) >= first["total"] > 0


def test_export_says_how_many_papers_it_wrote(capsys, tmp_path):
    run(capsys, "mark", "2405.12981")
    code, _out, err = run(capsys, "export", "-f", "csv", "--read")
    assert code == 0 and err == "exported 1 paper as csv\n"
    target = tmp_path / "out.bib"
    code, _, err = run(capsys, "export", "--category", "kv-cache", "-o", str(target))
    assert code == 0 and err == f"exported 3 papers as bibtex to {target}\n"


def test_counts_say_1_paper_and_1_section(capsys, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("2401.04088\n")
    code, _, err = run(capsys, "import", str(one), "--dry-run")
    assert code == 0 and "1 paper (1 with an arXiv id) in 1 section," in err


def test_module_entry_point_and_version():
    proc = subprocess.run([sys.executable, "-m", "papertui", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"papertui {__version__}"


def test_usage_error_exit_code():
    proc = subprocess.run([sys.executable, "-m", "papertui", "mark"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_broken_state_file_is_reported_not_a_traceback(tmp_path):
    db = tmp_path / "state.json"
    db.write_text("{ truncated")
    proc = subprocess.run(
        [sys.executable, "-m", "papertui", "--db", str(db), "list", "--json"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert "is not valid JSON" in proc.stderr and "kept it as state.json.corrupt-" in proc.stderr
    assert any(p.name.startswith("state.json.corrupt-") for p in tmp_path.iterdir())


def test_core_modules_do_not_import_textual():
    code = (
        "import sys, papertui.cli, papertui.catalog, papertui.store, papertui.library, papertui.model, "
        "papertui.paths, papertui.clipboard, papertui.browser, papertui.wrap, papertui.search, "
        "papertui.importers, papertui.importers.digest, papertui.importers.simple, papertui.exporters, "
        "papertui.arxiv_api, papertui.settings, papertui.atomic, papertui.precache, papertui.net, papertui.limits, papertui.feeds\n"
        "from papertui.cli import main\n"
        "main(['list', '--json'])\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_list_json_of_many_papers_is_one_array_with_every_users_field(capsys, home):
    """``list --json`` writes its array a batch at a time: across batches it is one JSON array,
    in the indentation of one dump, each paper with its notes, tags, lists and metadata."""
    import orjson

    from papertui.library import Library

    papers = [paper(f"2401.{k:05d}", f"Paper {k}", tags=["t"] if k % 2 else ()) for k in range(1, 9000)]
    papers.append(paper(None, "No id", links=[{"label": "Code", "url": "https://example.org/x"}]))
    write_list(home / "lists" / "big.json", "Big", [("A", papers[:5000]), ("B", papers[4990:])])  # (ten repeats)
    lib = Library.open()
    key = lib.catalog.keys[lib.catalog.arxivs.index("2401.04999")]  # (in both sections)
    lib.store.update(key, read=True, note="a note", tags=["mine"])
    lib.store.put_metadata({"2401.04999": {"title": "T", "authors": ["A"]}})
    lib.store.flush()
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 9000 + 33
    assert out == orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n"
    (row,) = [r for r in rows if r["id"] == key]
    assert row["note"] == "a note" and row["tags"] == ["t", "mine"] and row["read"] is True
    assert row["lists"] == ["Big › A", "Big › B"] and row["metadata"]["authors"] == ["A"]
    assert next(r for r in rows if r["title"] == "No id")["url"] == "https://example.org/x"
    code, out, _ = run(capsys, "search", "--json", "nothing-matches-this")
    assert code == 1 and out == "[]\n"
