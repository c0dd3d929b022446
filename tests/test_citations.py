"""Citation counts against a loopback stand-in for the Semantic Scholar Graph API (no network)."""

from __future__ import annotations

import itertools
import json
import time

import pytest

from papertui import citations
from papertui.cli import main
from papertui.library import Library

from .conftest import paper, write_list
from .loopback import LoopbackHandler, LoopbackServer

QUICK = {"deadline": 2.0, "backoff": 0.01, "interval": 0.0}


class S2(LoopbackServer):
    """``POST /paper/batch``: counts made up from the id; ``plans`` lists statuses to send first;
    ``unknown`` ids answer null; ``mode`` "html" / "short" breaks the answer."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.plans: list[int] = []
        self.unknown: set[str] = set()
        self.mode = ""
        s2 = self

        class Handler(LoopbackHandler):
            KIND = "application/json"

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                s2.requests.append({"path": self.path, "ids": body["ids"], "key": self.headers.get("x-api-key"),
                                    "at": time.monotonic(), "type": self.headers.get("Content-Type")})
                if s2.plans:
                    self.reply(s2.plans.pop(0), b'{"message": "Too Many Requests"}', Retry_After="0")
                    return
                if s2.mode == "slow":
                    time.sleep(1.5)
                if s2.mode == "html":
                    self.reply(200, b"<html>maintenance</html>", "text/html")
                    return
                ids = body["ids"][:-1] if s2.mode == "short" else body["ids"]
                out = []
                for ref in ids:
                    arxiv = ref.removeprefix("ARXIV:")
                    number = int(arxiv.split(".")[1])
                    found = {"paperId": f"p{number}", "citationCount": number * 10, "influentialCitationCount": number}
                    out.append(None if arxiv in s2.unknown else found)
                self.reply(200, json.dumps(out).encode())

        self.serve(Handler, "/graph/v1")



@pytest.fixture
def s2(monkeypatch):
    server = S2()
    monkeypatch.setenv("PAPERTUI_S2_API", server.url)
    monkeypatch.delenv("S2_API_KEY", raising=False)
    yield server
    server.close()


def test_batch_request_and_counts(s2):
    s2.unknown = {"2401.00002"}
    got = citations.fetch_counts(["2401.00001", "2401.00002", "2401.00001"], **QUICK)
    assert got["2401.00001"]["citations"] == 10 and got["2401.00001"]["influential"] == 1
    assert got["2401.00002"]["citations"] is None and got["2401.00002"]["fetched_at"]
    (req,) = s2.requests
    assert req["path"] == "/graph/v1/paper/batch?fields=citationCount,influentialCitationCount"
    assert req["ids"] == ["ARXIV:2401.00001", "ARXIV:2401.00002"] and req["key"] is None
    assert req["type"] == "application/json"


def test_at_most_500_ids_a_request_paced(s2, throttle_turns):
    ids = [f"2401.{n:05d}" for n in range(1, 1202)]
    seen = []
    got = citations.fetch_counts(ids, progress=lambda d, t: seen.append((d, t)), **{**QUICK, "interval": 0.3})
    assert len(got) == 1201 and got["2401.01201"]["citations"] == 12010
    assert [len(r["ids"]) for r in s2.requests] == [500, 500, 201]
    assert len(throttle_turns) == 3 and all(b - a >= 0.3 - 1e-9 for a, b in itertools.pairwise(throttle_turns))
    assert seen == [(0, 1201), (500, 1201), (1000, 1201), (1201, 1201)]


def test_api_key_from_the_environment_wins(s2, monkeypatch):
    assert citations.api_key("from-config") == "from-config"
    monkeypatch.setenv("S2_API_KEY", "from-env")
    assert citations.api_key("from-config") == "from-env"
    citations.fetch_counts(["2401.00001"], key=citations.api_key(None), **QUICK)
    assert s2.requests[0]["key"] == "from-env"


def test_429_is_waited_out(s2):
    s2.plans = [429, 500]
    waits = []
    got = citations.fetch_counts(["2401.00003"], on_wait=waits.append, **QUICK)
    assert got["2401.00003"]["citations"] == 30 and len(s2.requests) == 3


@pytest.mark.parametrize("plans, mode, words", [
    ([429, 429, 429], "", "HTTP 429"),
    ([404], "", "HTTP 404"),
    ([], "html", "did not answer JSON"),
    ([], "short", "unexpected answer"),
])
def test_failures_are_one_line(s2, plans, mode, words):
    s2.plans, s2.mode = list(plans), mode
    with pytest.raises(citations.CitationError) as err:
        citations.fetch_counts(["2401.00004", "2401.00005"], **QUICK)
    assert words in str(err.value) and str(err.value).startswith("Semantic Scholar: ")
    assert "\n" not in str(err.value)


def test_a_slow_answer_is_cut_at_the_deadline(s2):
    s2.mode = "slow"
    with pytest.raises(citations.CitationError) as err:
        citations.fetch_counts(["2401.00006"], **{**QUICK, "deadline": 0.5, "retries": 1})
    assert "did not answer within 0.5 s" in str(err.value) and "\n" not in str(err.value)


def test_short_counts_and_description():
    assert [citations.short(n) for n in (None, 7, 9999, 12345, 123456, 1234567)] == ["", "7", "9999", "12.3k",
                                                                                     "123k", "1.2M"]
    rec = {"citations": 1234, "influential": 56, "fetched_at": "2026-11-30T10:00:00Z"}
    assert citations.describe(rec) == "cited by 1,234 (56 influential) · Semantic Scholar, 2026-11-30"
    assert "not known" in citations.describe({"citations": None, "fetched_at": "2026-11-30T10:00:00Z"})


def _library(home):
    write_list(home / "lists" / "mine.json", "Mine", [("S", [
        paper("2401.00002", "Two"), paper("2401.00009", "Nine"), paper("2401.00005", "Five"), paper(None, "No id"),
    ])])


def test_cli_cite_counts_stores_them_and_sorts_by_them(s2, home, capsys, monkeypatch):
    monkeypatch.setattr(citations, "INTERVAL", 0.0)
    _library(home)
    assert main(["cite-counts", "2401.00002", "https://arxiv.org/abs/2401.00009"]) == 0
    out, err = capsys.readouterr()
    assert "2401.00009       90 cited (9 influential)  Nine" in out
    assert "stored citation counts for 2 papers" in err
    lib = Library.open()
    assert lib.store.citations("2401.00009")["citations"] == 90
    from papertui.search import SearchIndex, category_query

    mine = SearchIndex(lib).search(category_query("Mine")).indices
    assert [lib.catalog.titles[i] for i in lib.sort(mine, "cited")] == ["Nine", "Two", "Five", "No id"]


def test_cli_cite_counts_all_and_failure_stores_nothing(s2, home, capsys, monkeypatch):
    monkeypatch.setattr(citations, "INTERVAL", 0.0)
    _library(home)
    s2.plans = [403]
    assert main(["cite-counts", "--all"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("papertui: Semantic Scholar: ") and "HTTP 403" in err and "nothing was stored" in err
    assert "s2_api_key" in err  # the hint
    assert Library.open().store.citations("2401.00002") is None
    assert main(["cite-counts", "--all"]) == 0
    assert len(s2.requests[-1]["ids"]) == 36  # 33 bundled + 3 of mine with an id
    assert Library.open().store.citation_count("2401.00005") == 50
    assert main(["cite-counts"]) == 2


def test_api_key_from_config(s2, home, monkeypatch):
    monkeypatch.setattr(citations, "INTERVAL", 0.0)
    _library(home)
    (home / "config.toml").write_text('s2_api_key = "secret-from-config"\n')
    assert main(["cite-counts", "2401.00002"]) == 0
    assert s2.requests[0]["key"] == "secret-from-config"


async def test_the_key_fetches_counts_for_the_list_and_shows_them(s2, home, monkeypatch):
    from papertui.tui.app import PaperApp
    from papertui.tui.widgets.detail import DetailPane

    from .conftest import screen_text
    from .test_tui import move_tree_to, until

    monkeypatch.setattr(citations, "INTERVAL", 0.0)
    _library(home)
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        await move_tree_to(pilot, main, next(c.id for c in main.tally.categories if c.label == "Mine"))
        assert main.papers.show_cites is False
        await pilot.press("C")
        await until(pilot, lambda: main.papers.show_cites)
        assert [r["ids"] for r in s2.requests] == [["ARXIV:2401.00002", "ARXIV:2401.00009", "ARXIV:2401.00005"]]
        assert "cited by 20 (2 influential) ·\nSemantic Scholar, " in main.query_one(DetailPane).text
        app.clear_notifications()
        await pilot.pause()
        text = screen_text(app)
        assert "Nine                      90  2401.00009" in text  # the list's column, before the id
        while main.sort_mode != "cited":
            await pilot.press("S")
        await pilot.pause()
        assert [app.lib.catalog.titles[i] for i in main.papers.rows] == ["Nine", "Five", "Two", "No id"]
        assert "by most cited" in screen_text(app)


async def test_a_failure_is_one_notification_and_nothing_stored(s2, home, monkeypatch):
    from papertui.tui.app import PaperApp

    from .test_tui import until

    monkeypatch.setattr(citations, "INTERVAL", 0.0)
    s2.plans = [404]
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await until(pilot, lambda: any("Semantic Scholar" in n.message for n in app._notifications))
        (note,) = [n for n in app._notifications if "Semantic Scholar" in n.message]
        assert "HTTP 404" in note.message and "nothing was stored" in note.message and note.severity == "error"
        assert not app.lib.store.has_citations()
