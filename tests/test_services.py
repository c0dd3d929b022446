"""The services layer (``papertui/services.py``) on its own: no app, no command line; each job
against the loopback stand-ins the other tests use."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import pytest

from papertui import feeds, paths, services
from papertui.library import Library
from papertui.net import Cancelled
from papertui.settings import load_settings

from .arxiv_stand_in import quick_stand_in
from .conftest import paper, write_list
from .test_arxiv import server  # noqa: F401  (the arXiv API stand-in, as a fixture)
from .test_citations import s2  # noqa: F401
from .test_pdfs import PDF, host  # noqa: F401


@pytest.fixture
def lib(home) -> Library:
    write_list(home / "lists" / "mine.json", "Mine", [("One", [
        paper("2401.00001", "First"), paper("2401.00002", "Second"), paper(None, "No id"), paper("2401.00001", "Again"),
    ])])
    return Library.open()


def missing_of_mine(lib) -> list[str]:
    return [a for a in services.missing_metadata(lib) if a.startswith("2401.")]  # (not the bundled lists')


def closed_url() -> str:
    """An address nothing listens on: offline."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/api/query"
    sock.close()
    return url


def test_which_papers(lib):
    assert missing_of_mine(lib) == ["2401.00001", "2401.00002"]
    from papertui.search import category_query

    mine = services.Indexes(lib).search(warm=False).search(category_query("Mine")).indices
    assert services.arxiv_ids_of(lib, mine) == ["2401.00001", "2401.00002"]
    lib.store.update("2401.00002", starred=True)
    assert services.starred_arxiv_ids(lib) == ["2401.00002"]
    assert services.resolve_arxiv_ids(lib, ["2401.00002", "https://arxiv.org/abs/2312.00752v1", "nope"]) == (
        ["2401.00002", "2312.00752"], ["nope"])


def test_fetch_metadata_stores_and_reports_progress(server, lib):  # noqa: F811
    seen = []
    done = services.fetch_metadata(lib.store, ["2401.00001", "2401.00002"], progress=lambda d, t: seen.append((d, t)))
    assert sorted(done.records) == ["2401.00001", "2401.00002"] and done.filled == 0 and done.fill_problem is None
    assert seen == [(2, 2)]
    assert missing_of_mine(lib) == []
    assert lib.store.metadata("2401.00002")["title"] == "Paper 2401.00002"


def test_fetch_metadata_fails_as_one_line_and_stores_nothing(server, lib):  # noqa: F811
    server.unknown = {"2401.00002"}
    with pytest.raises(services.JobError) as caught:
        services.fetch_metadata(lib.store, ["2401.00001", "2401.00002"])
    assert str(caught.value) == "unknown arXiv id: 2401.00002" and caught.value.stage == "fetch"
    assert missing_of_mine(lib) == ["2401.00001", "2401.00002"]


def test_fetch_metadata_is_cancelled_by_its_event(server, lib):  # noqa: F811
    server.plan = ["hang"]
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(Cancelled):
        services.fetch_metadata(lib.store, ["2401.00001"], cancel=cancel)


def test_add_offline_queues_and_a_later_fetch_fills_in(server, lib, home, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PAPERTUI_ARXIV_API", closed_url())
    heard = []
    added = services.add_papers(lib.store, ["2312.00752"], on_offline=heard.append)
    assert added.offline is not None and heard == [added.offline]
    assert added.path == home / "lists" / "my-papers.json"
    assert added.records["2312.00752"]["title"] == "arXiv:2312.00752"
    monkeypatch.setenv("PAPERTUI_ARXIV_API", server.url)
    done = services.fetch_metadata(lib.store, ["2312.00752"])
    assert done.filled == 1
    papers = json.loads(added.path.read_text())["sections"][0]["papers"]
    assert [p["title"] for p in papers] == ["Paper 2312.00752"]


def test_add_a_refused_id_adds_nothing(server, lib, home):  # noqa: F811
    server.unknown = {"2312.00752"}
    with pytest.raises(services.JobError) as caught:
        services.add_papers(lib.store, ["2312.00752"])
    assert caught.value.stage == "fetch" and not (home / "lists" / "my-papers.json").exists()


def test_add_into_a_broken_list_file_is_a_save_error(server, lib, home):  # noqa: F811
    (home / "lists" / "my-papers.json").write_text("{broken")
    with pytest.raises(services.JobError) as caught:
        services.add_papers(lib.store, ["2312.00752"])
    assert caught.value.stage == "save" and "is not a reading list papertui can add to" in str(caught.value)


def test_import_source_a_paste_a_file_and_a_missing_file(server, lib, home, tmp_path, monkeypatch):  # noqa: F811
    article = "# Reading\n\n## Memory\n\n- [Paper one](https://arxiv.org/abs/2401.00003)\n"
    outcome = services.import_source(article)
    assert outcome.name == "Reading" and outcome.path is not None and outcome.path.parent == home / "lists"
    with pytest.raises(services.JobError, match=r"^/nowhere/at/all\.md: "):
        services.import_source("/nowhere/at/all.md")
    line, records = services.retitle_import(lib.store, outcome)
    assert line == "1 of 1 titles from arXiv" and list(records) == ["2401.00003"]
    assert json.loads(outcome.path.read_text())["sections"][0]["papers"][0]["title"] == "Paper 2401.00003"
    assert lib.store.has_metadata("2401.00003")
    monkeypatch.setenv("PAPERTUI_ARXIV_API", closed_url())
    line, records = services.retitle_import(lib.store, services.import_source(article))
    assert records == {} and "titles are the article's" in line


def test_citations_are_stored(s2, lib):  # noqa: F811
    seen = []
    records = services.fetch_citations(lib.store, ["2401.00001", "2401.00002"], progress=lambda d, t: seen.append(d))
    assert records["2401.00002"]["citations"] == 20 and seen[-1] == 2
    assert lib.store.citations("2401.00001")["citations"] == 10
    s2.mode = "html"
    with pytest.raises(services.JobError):
        services.fetch_citations(lib.store, ["2401.00001"])


def test_fetch_pdf_downloads_once(host, lib):  # noqa: F811
    started, sizes = [], []
    got = services.fetch_pdf("2401.00001", on_start=lambda: started.append(1), progress=lambda d, t: sizes.append(d))
    assert got.fetched and got.path.read_bytes() == PDF and started == [1] and sizes[-1] == len(PDF)
    again = services.fetch_pdf("2401.00001", on_start=lambda: started.append(2))
    assert not again.fetched and again.path == got.path and started == [1] and len(host.hits) == 1


def test_feeds_update_cache_and_reload(lib, home, monkeypatch):
    with quick_stand_in(monkeypatch) as api:
        api.add(3, newest=1_900_000_000.0)
        feeds.follow(paths.config_path(), "cs.CL", None)
        settings = load_settings(paths.config_path())
        followed = services.followed_feeds(settings)
        assert [f.name for f in followed] == ["cs.CL"]
        with pytest.raises(services.JobError, match=r"no feed named 'nope' \(followed: 'cs\.CL'\)"):
            services.followed_feeds(settings, ["nope"])
        assert services.stale_feeds(followed, 24) == followed  # never updated
        named = []
        results, errors = services.update_feeds(followed, lib.store, settings, on_feed=lambda i, f: named.append(f.name))
        assert errors == [] and named == ["cs.CL"] and results[0].new == 3
        assert services.stale_feeds(followed, 24) == []
        services.cache_feed_lists(results)
        assert services.reload_library(lib, stop=lambda: True) is None
        reloaded = services.reload_library(lib)
        assert reloaded is not None and len(reloaded.catalog.unique) == len(lib.catalog.unique) + 3


def test_indexes_search_and_similar(lib):
    indexes = services.Indexes(lib)
    assert not indexes.search_built
    assert indexes.search().search("second").indices == [lib.catalog.first_index["2401.00002"]]
    assert indexes.search() is indexes.search()  # built once
    reloaded = lib.reloaded()
    indexes.replace(reloaded)
    assert not indexes.search_built and indexes.lib is reloaded
    assert not indexes.similar_current
    built_for, index = indexes.build_similar()
    indexes.set_similar(built_for, index)
    assert indexes.similar_current and indexes.similar is index
    indexes.similar_stale()
    assert not indexes.similar_current and indexes.similar is index  # kept in use until rebuilt


def test_a_stopped_search_index_is_not_kept(lib):
    from papertui import search

    indexes = services.Indexes(lib)
    with pytest.raises(search.Cancelled):
        indexes.search(stop=lambda: True)
    assert not indexes.search_built


def test_services_do_not_import_textual():
    code = (
        "import sys, papertui.services, papertui.cli_jobs\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_sync_now_sends_and_takes_in(lib, tmp_path):
    from papertui.store import Store

    folder = tmp_path / "sync"
    folder.mkdir()
    lib.store.update("2401.00001", read=True)
    lib.store.flush()
    services.sync_now(lib.store, str(folder))
    other = Store.open(tmp_path / "other" / "state.json")
    report = services.sync_now(other, str(folder))
    assert "2401.00001" in report.changed and other.is_read("2401.00001")


def test_a_search_index_built_for_a_replaced_library_is_not_kept(lib):
    indexes = services.Indexes(lib)
    reloaded = lib.reloaded()
    replaced = []

    def stop() -> bool:  # the library is replaced while the index is being built
        if not replaced:
            replaced.append(True)
            indexes.replace(reloaded)
        return False

    built = indexes.search(stop=stop)
    assert built.lib is lib and not indexes.search_built
    assert indexes.search().lib is reloaded
