"""The arXiv API client against a local server on 127.0.0.1 serving recorded Atom (no network)."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from papertui import arxiv_api
from papertui.arxiv_api import ArxivError, Client, parse_feed
from papertui.cli import main as cli
from papertui.library import Library
from papertui.store import Store

from .loopback import LoopbackServer

ATOM = Path(__file__).parent / "fixtures" / "atom"
ENTRY = """<entry><id>http://arxiv.org/abs/{id}v2</id><updated>2024-05-02T00:00:00Z</updated>
<published>2024-05-01T00:00:00Z</published><title>Paper {id}</title><summary>Abstract of {id}.</summary>
<author><name>A. Author</name></author>
<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL"/><category term="cs.CL"/></entry>"""
FEED = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{}</feed>'


class Server(LoopbackServer):
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.plan: list[tuple[int, bytes] | str] = []  # served first, in order; "hang" sleeps, "drip" drips
        self.unknown: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                ids = query.get("id_list", [""])[0].split(",")
                server.requests.append({"ids": ids, "agent": self.headers.get("User-Agent"), "at": time.monotonic()})
                if server.plan:
                    step = server.plan.pop(0)
                    if step == "hang":
                        time.sleep(1.5)
                        return
                    if step == "drip":  # one byte a second of a long answer
                        self.send_response(200)
                        self.send_header("Content-Length", "100000")
                        self.end_headers()
                        try:
                            for _ in range(60):
                                self.wfile.write(b" ")
                                self.wfile.flush()
                                time.sleep(1)
                        except OSError:
                            pass  # the client hung up
                        return
                    status, body = step
                else:
                    status = 200
                    body = FEED.format("".join(ENTRY.format(id=i) for i in ids if i not in server.unknown)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/atom+xml")
                self.end_headers()
                self.wfile.write(body)

        self.serve(Handler, "/api/query")



@pytest.fixture
def server(monkeypatch):
    s = Server()
    monkeypatch.setenv("PAPERTUI_ARXIV_API", s.url)
    # The CLI's client waits 3 s between requests and backs off; tests make it quick.
    monkeypatch.setattr(arxiv_api.Client, "__init__", _quick_init(arxiv_api.Client.__init__))
    yield s
    s.close()


def _quick_init(original):
    def init(self, base="", interval=0.05, timeout=1.0, retries=3, backoff=0.05, sleep=time.sleep):
        original(self, base, interval, timeout, retries, backoff, sleep)

    return init


def test_parse_recorded_feed():
    records = parse_feed((ATOM / "two.xml").read_bytes())
    kv = records["2405.12981"]
    assert kv["title"] == "Reducing Transformer Key-Value Cache Size with Cross-Layer Attention"
    assert kv["authors"] == ["William Brandon", "Mayank Mishra"]
    assert kv["abstract"].startswith("Key-value (KV) caching plays") and "\n" not in kv["abstract"]
    assert (kv["published"], kv["updated"]) == ("2024-05-21", "2024-05-21")
    assert kv["primary_category"] == "cs.LG" and kv["categories"] == ["cs.LG", "cs.CL"]
    assert kv["comment"] == "Test comment [with brackets]" and kv["doi"] is None
    assert records["2401.04088"]["journal_ref"] == "Test Journal 1 (2024)"
    assert records["2401.04088"]["doi"] == "10.0000/test.1"
    assert parse_feed((ATOM / "empty.xml").read_bytes()) == {}


@pytest.mark.parametrize("body, message", [
    (b"<feed><entry>", "malformed XML"),
    (b"<html>nope</html>", "not an Atom feed"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><feed>&a;</feed>', "will not read"),
])
def test_bad_feeds(body, message):
    with pytest.raises(ArxivError) as err:
        parse_feed(body)
    assert message in str(err.value)


def test_fetch_sends_a_user_agent_and_chunks_of_100_with_pauses(server, throttle_turns):
    ids = [f"2405.{n:05d}" for n in range(1, 151)]
    client = Client(interval=0.3, backoff=0.01)
    done = []
    records = client.fetch(ids, progress=lambda d, t: done.append((d, t)))
    assert len(records) == 150 and records["2405.00150"]["title"] == "Paper 2405.00150"
    assert [len(r["ids"]) for r in server.requests] == [100, 50]
    assert len(throttle_turns) == 2 and throttle_turns[1] - throttle_turns[0] >= 0.3 - 1e-9
    assert server.requests[0]["agent"].startswith("papertui/")
    assert done == [(100, 150), (150, 150)]
    assert Client().interval == 0.05 and arxiv_api.MIN_INTERVAL == 3.0  # the real default


def test_retries_on_429_and_5xx_then_succeeds(server):
    server.plan = [(503, b"busy"), (429, b"slow down")]
    records = Client().fetch(["2405.11157"])
    assert records["2405.11157"]["title"] == "Paper 2405.11157"
    assert len(server.requests) == 3


def test_gives_up_with_one_line(server):
    server.plan = [(500, b"")] * 3
    with pytest.raises(ArxivError) as err:
        Client().fetch(["2405.11157"])
    assert str(err.value) == "the arXiv API answered HTTP 500; gave up after 3 tries"


def test_timeout(server):
    server.plan = ["hang", "hang", "hang"]
    with pytest.raises(ArxivError) as err:
        Client(timeout=0.3).fetch(["2405.11157"])
    assert "did not answer within" in str(err.value)


def test_unknown_id_and_bad_id(server):
    server.unknown = {"2405.99999"}
    with pytest.raises(ArxivError) as err:
        Client().fetch(["2405.11157", "2405.99999"])
    assert str(err.value) == "unknown arXiv id: 2405.99999"
    with pytest.raises(ArxivError):
        Client().fetch(["not-an-id"])


def test_offline():
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(ArxivError) as err:
        Client(base=f"http://127.0.0.1:{port}/api/query", interval=0, backoff=0).fetch(["2405.11157"])
    assert "cannot reach the arXiv API" in str(err.value)


# -- the CLI and the store --------------------------------------------------------------------------
def test_cli_fetch_stores_metadata_and_list_json_shows_it(server, capsys, home):
    assert cli(["fetch", "2405.12981", "https://arxiv.org/abs/2403.09629v1"]) == 0
    store = Store.open(home / "state.json")
    assert store.metadata("2405.12981")["authors"] == ["A. Author"]
    assert store.metadata("2405.12981")["fetched_at"] > 0
    capsys.readouterr()
    cli(["list", "--json", "--category", "Transformer和注意力模型"])
    rows = {r["arxiv"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["2405.12981"]["metadata"]["abstract"] == "Abstract of 2405.12981."
    assert rows["2405.12981"]["metadata"]["published"] == "2024-05-01"
    assert rows["2405.12250"]["metadata"] is None
    # --all-missing fetches the other 31 (one request), and nothing twice.
    assert cli(["fetch", "--all-missing"]) == 0
    assert len(server.requests) == 2 and len(server.requests[1]["ids"]) == 31


def test_cli_fetch_failure_stores_nothing(server, capsys, home):
    server.unknown = {"2405.12981"}
    assert cli(["fetch", "2405.11157", "2405.12981"]) == 1
    assert capsys.readouterr().err == "papertui: unknown arXiv id: 2405.12981; nothing was stored\n"
    assert not (home / "state.json").exists() or Store.open(home / "state.json").metadata("2405.11157") is None


def test_cli_add_puts_papers_in_my_papers(server, capsys, home):
    assert cli(["add", "2401.04088", "https://arxiv.org/pdf/2312.00752v2"]) == 0
    capsys.readouterr()
    cli(["list", "--json", "--category", "My papers"])
    rows = json.loads(capsys.readouterr().out)
    assert [(r["arxiv"], r["title"], r["summary"]) for r in rows] == [
        ("2401.04088", "Paper 2401.04088", "Abstract of 2401.04088."),
        ("2312.00752", "Paper 2312.00752", "Abstract of 2312.00752."),
    ]
    assert cli(["add", "2401.04088"]) == 0  # already there: not twice
    capsys.readouterr()
    cli(["list", "--json", "--category", "My papers"])
    assert len(json.loads(capsys.readouterr().out)) == 2
    server.unknown = {"2312.99999"}
    assert cli(["add", "2312.99999"]) == 1


def test_metadata_survives_marks_from_another_process(server, home):
    cli(["fetch", "2405.12981"])
    cli(["mark", "2405.12981", "--star"])
    store = Store.open(home / "state.json")
    assert store.metadata("2405.12981") and store.is_starred("2405.12981")


# -- the TUI -------------------------------------------------------------------------------------------
async def test_f_fetches_in_the_background_and_the_detail_shows_it(server, home):
    from papertui.tui.app import PaperApp

    from .conftest import toast_text

    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.lib.store.metadata("2405.11157")["title"] == "Paper 2405.11157"
        detail = app.screen.query_one("#detail")
        assert "A. Author" in detail.text and "Abstract of 2405.11157." in detail.text
        assert "cs.CL" in detail.text and "2024-05-01" in detail.text
        await pilot.press("F")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert all(app.lib.store.has_metadata(a) for a in app.lib.catalog.arxivs if a)
        server.plan = [(500, b"")] * 3
        app.lib.store._meta.pop("2405.10370")
        await pilot.press("j", "f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "HTTP 500" in toast_text(app)  # (however the message wraps)


async def test_a_adds_a_paper(server, home):
    from papertui.tui.app import PaperApp
    from papertui.tui.widgets.category_tree import CategoryTree

    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one("#add-ids").value = "2401.04088 https://arxiv.org/abs/2312.00752"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        tree = app.screen.query_one(CategoryTree)
        assert "My papers" in [c.label for c in tree.tally.categories if c.kind == "list"]
        assert app.lib.catalog.first("2401.04088").title == "Paper 2401.04088"


async def test_quit_during_a_fetch_cancels_it(server, home, monkeypatch):
    """q while arXiv drips its answer: the request is cancelled, the app does not wait for it."""
    from papertui.net import Cancelled
    from papertui.tui.app import PaperApp

    quick = arxiv_api.Client.__init__
    monkeypatch.setattr(arxiv_api.Client, "__init__", lambda self, base="": quick(self, base, timeout=120.0))
    ended: list[BaseException | None] = []
    done = threading.Event()
    fetch = arxiv_api.Client.fetch

    def spy(self, *args, **kwargs):
        try:
            result = fetch(self, *args, **kwargs)
        except BaseException as exc:
            ended.append(exc)
            raise
        else:
            ended.append(None)
            return result
        finally:
            done.set()

    monkeypatch.setattr(arxiv_api.Client, "fetch", spy)
    server.plan = ["drip"]
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        while not server.requests:
            await pilot.pause(0.05)
        await pilot.press("q")
    assert done.wait(30), "the fetch was still running after the app quit"
    assert isinstance(ended[0], Cancelled)


def test_add_offline_queues_the_ids_and_fetch_fills_them_in(server, capsys, home, monkeypatch):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    closed = f"http://127.0.0.1:{sock.getsockname()[1]}/api/query"
    sock.close()  # nothing listens there: offline
    monkeypatch.setenv("PAPERTUI_ARXIV_API", closed)
    assert cli(["add", "2401.04088", "https://arxiv.org/abs/2312.00752v1"]) == 0
    out, err = capsys.readouterr()
    assert out == "2401.04088: arXiv:2401.04088\n2312.00752: arXiv:2312.00752\n"
    assert "cannot reach the arXiv API" in err and "queued 2 papers in 'My papers'" in err
    assert "fetch --all-missing" in err and err.count("\n") == 1
    cli(["list", "--json", "--category", "My papers"])
    assert [r["title"] for r in json.loads(capsys.readouterr().out)] == ["arXiv:2401.04088", "arXiv:2312.00752"]

    monkeypatch.setenv("PAPERTUI_ARXIV_API", server.url)  # back online
    assert cli(["fetch", "--all-missing"]) == 0
    assert 'filled in 2 queued papers in "My papers"' in capsys.readouterr().err
    cli(["list", "--json", "--category", "My papers"])
    rows = json.loads(capsys.readouterr().out)
    assert [(r["title"], r["summary"]) for r in rows] == [
        ("Paper 2401.04088", "Abstract of 2401.04088."), ("Paper 2312.00752", "Abstract of 2312.00752."),
    ]
    assert cli(["add", "not-an-id"]) == 1  # a bad id is still an error, online or not


async def test_a_offline_queues_and_F_fills_in(server, home, monkeypatch):
    import socket

    from papertui.tui.app import PaperApp

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    monkeypatch.setenv("PAPERTUI_ARXIV_API", f"http://127.0.0.1:{sock.getsockname()[1]}/api/query")
    sock.close()
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one("#add-ids").value = "2401.04088"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert app.lib.catalog.first("2401.04088").title == "arXiv:2401.04088"
        monkeypatch.setenv("PAPERTUI_ARXIV_API", server.url)  # back online
        await pilot.press("F")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert app.lib.catalog.first("2401.04088").title == "Paper 2401.04088"
