"""papertui.net against hostile servers on 127.0.0.1 (no network)."""

from __future__ import annotations

import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest

from papertui import net
from papertui.arxiv_api import Client
from papertui.net import Cancelled, Http, NetError

from .loopback import LoopbackHandler, LoopbackServer


class Server(LoopbackServer):
    """Each path is a behaviour; ``plans[path]`` lists statuses to serve first."""

    def __init__(self) -> None:
        self.hits: list[tuple[str, float, str]] = []
        self.plans: dict[str, list] = {}
        server = self

        class Handler(LoopbackHandler):

            def do_GET(self):
                path = self.path.split("?")[0]
                server.hits.append((path, time.monotonic(), self.headers.get("User-Agent", "")))
                plan = server.plans.get(path)
                if plan:
                    step = plan.pop(0)
                    self.reply(step[0], b"not now", **step[1])
                    return
                getattr(self, "get_" + path.strip("/").replace("-", "_"), lambda: self.reply(404))()

            def get_ok(self):
                self.reply(200, b"hello", Content_Type="text/plain")

            def get_pdf(self):
                self.reply(200, b"%PDF-1.4 " + b"x" * 200_000, Content_Type="application/pdf")

            def get_drip(self):  # one byte a second, forever
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                for _ in range(60):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(1)

            def get_truncated(self):
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.write(b"only ten..")
                self.wfile.flush()
                self.close_connection = True

            def get_big_declared(self):
                self.reply(200, b"small really", Content_Length=str(50 * 1024 * 1024))

            def get_big_streamed(self):  # no length given: the bytes read are what count
                self.send_response(200)
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"y" * 65536)

            def get_to_file(self):
                self.reply(302, Location="file:///etc/passwd")

            def get_to_ftp(self):
                self.reply(301, Location="ftp://127.0.0.1/x")

            def get_to_ok(self):
                self.reply(302, Location="/ok")

            def get_loop(self):
                self.reply(302, Location=f"/loop{len(server.hits)}")

        Handler.get_loop1 = Handler.get_loop2 = Handler.get_loop3 = Handler.get_loop4 = Handler.get_loop
        for n in range(5, 20):
            setattr(Handler, f"get_loop{n}", Handler.get_loop)
        self.serve(Handler, "")

    def paths(self) -> list[str]:
        return [h[0] for h in self.hits]



@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def quick(**options) -> Http:
    return Http(**{"deadline": 2.0, "backoff": 0.01, "interval": 0.0, **options})


def failure(call) -> NetError:
    with pytest.raises(NetError) as err:
        call()
    assert "\n" not in str(err.value)
    return err.value


def test_get_sends_a_user_agent_and_follows_http_redirects(server):
    response = quick().get(server.url + "/to-ok")
    assert response.body == b"hello" and response.url.endswith("/ok") and response.status == 200
    assert server.paths() == ["/to-ok", "/ok"]
    assert server.hits[0][2].startswith("papertui/")


def test_slow_drip_body_is_cut_at_the_deadline(server):
    err = failure(lambda: quick(deadline=0.5, retries=2).get(server.url + "/drip"))
    assert err.kind == "timeout"
    assert str(err) == "127.0.0.1 did not answer within 0.5 s; gave up after 2 tries"
    assert server.paths() == ["/drip", "/drip"]


def test_404_is_not_retried(server):
    err = failure(lambda: quick().get(server.url + "/nothing-here"))
    assert (err.kind, err.status, str(err)) == ("http", 404, "127.0.0.1 answered HTTP 404")
    assert len(server.hits) == 1


def test_5xx_then_success(server):
    server.plans["/ok"] = [(503, {}), (502, {})]
    assert quick().get(server.url + "/ok").body == b"hello"
    assert len(server.hits) == 3


def test_5xx_every_time_gives_up_with_one_line(server):
    server.plans["/ok"] = [(500, {})] * 3
    err = failure(lambda: quick().get(server.url + "/ok"))
    assert str(err) == "127.0.0.1 answered HTTP 500; gave up after 3 tries" and err.status == 500


def test_429_retry_after_is_honoured_and_said(server):
    server.plans["/ok"] = [(429, {"Retry_After": "1"})]
    said: list[str] = []
    assert quick(on_wait=said.append).get(server.url + "/ok").body == b"hello"
    assert said == ["127.0.0.1 asked to wait 1 s"]
    (_, first, _), (_, second, _) = server.hits
    assert second - first >= 0.95  # waited as asked, not the 0.01 s backoff


def test_retry_after_beyond_the_cap_is_an_error_not_a_wait(server):
    server.plans["/ok"] = [(503, {"Retry_After": "3600"})]
    err = failure(lambda: quick(max_retry_after=5).get(server.url + "/ok"))
    assert err.kind == "retry-after" and str(err) == "127.0.0.1 asked to wait 3600 s; try again later"
    assert len(server.hits) == 1


def test_truncated_body_is_an_error(server):
    err = failure(lambda: quick(retries=2).get(server.url + "/truncated"))
    assert err.kind == "truncated" and "ended its answer early" in str(err)
    assert len(server.hits) == 2


@pytest.mark.parametrize("path, scheme", [("/to-file", "file"), ("/to-ftp", "ftp")])
def test_redirects_only_to_http(server, path, scheme):
    err = failure(lambda: quick().get(server.url + path))
    assert err.kind == "redirect" and f"redirected to a {scheme}: URL" in str(err)
    assert server.paths() == [path]


def test_redirect_limit(server):
    err = failure(lambda: quick(max_redirects=3).get(server.url + "/loop"))
    assert err.kind == "redirect" and str(err) == "127.0.0.1 redirected more than 3 times"
    assert len(server.hits) == 4


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/", "data:,hello", "http:///nohost"])
def test_only_http_urls(url):
    assert failure(lambda: quick().get(url)).kind == "url"


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_oversize_body(server, path):
    err = failure(lambda: quick(max_bytes=1024 * 1024).get(server.url + path))
    assert err.kind == "too-big" and "more than the 1.0 MB papertui accepts" in str(err)


def test_cancel_mid_request(server):
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(Cancelled) as err:
        quick(deadline=60, cancel=cancel).get(server.url + "/drip")
    assert err.value.kind == "cancelled" and str(err.value) == "127.0.0.1 cancelled"


def test_cancel_while_waiting_for_a_turn(server):
    cancel = threading.Event()
    quick(interval=60).get(server.url + "/ok")  # the next turn for this host is a minute away
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(Cancelled):
        quick(interval=60, cancel=cancel).get(server.url + "/ok")
    assert len(server.hits) == 1


def test_cancel_while_connecting():
    """A connect that would hang (a full listen backlog) still ends when cancelled."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):  # fill the backlog so the next SYN is not answered
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        fillers.append(s)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    try:
        with pytest.raises(NetError) as err:  # Cancelled, or refused if the kernel resets instead
            quick(deadline=60, retries=1, cancel=cancel).get(f"http://127.0.0.1:{port}/")
        assert err.value.kind in ("cancelled", "unreachable")
    finally:
        for s in fillers:
            s.close()
        listener.close()


def test_throttle_is_shared_by_two_arxiv_clients(throttle_turns):
    from .test_arxiv import Server as ArxivServer

    api = ArxivServer()
    try:
        a, b = Client(base=api.url, interval=0.3, backoff=0.01), Client(base=api.url, interval=0.3, backoff=0.01)
        a.fetch(["2405.11157"])
        b.fetch(["2405.12981"])  # another client, as each TUI job makes: still waits its turn
        a.fetch(["2405.10370"])
        assert len(api.requests) == 3 == len(throttle_turns)
        assert all(later - earlier >= 0.3 - 1e-9 for earlier, later in pairwise(throttle_turns))
    finally:
        api.close()


def test_throttle_spaces_threads():
    throttle = net.Throttle()
    stamps: list[float] = []

    def take():
        throttle.wait("example.org", 0.1)
        stamps.append(time.monotonic())

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    assert all(later - earlier >= 0.09 for earlier, later in pairwise(stamps))


def test_arxiv_hosts_are_spaced_3_s():
    assert net.HOST_INTERVALS["export.arxiv.org"] >= 3.0


# -- download ------------------------------------------------------------------------------------------
def test_download_is_atomic_with_progress(server, tmp_path: Path):
    target = tmp_path / "pdfs" / "paper.pdf"
    seen: list[tuple[int, int | None]] = []
    response = quick().download(server.url + "/pdf", target, progress=lambda done, total: seen.append((done, total)))
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size == response.size == 200_009
    assert seen[-1] == (200_009, 200_009)
    assert [p.name for p in target.parent.iterdir()] == ["paper.pdf"]


def test_download_verifies_the_whole_file_before_it_takes_its_place(server, tmp_path: Path):
    """``verify`` sees the finished part file (in ``staging``); what it raises, the download
    raises, the old file stays and no part is left; what it accepts is renamed once, into place."""
    target = tmp_path / "paper.pdf"
    target.write_bytes(b"old")
    staging = tmp_path / ".incoming"
    seen: list[Path] = []

    def refuse(part: Path) -> None:
        seen.append(part)
        assert part.parent == staging and part.name.startswith(".paper.pdf.") and part.read_bytes() == b"hello"
        raise ValueError("not wanted")

    with pytest.raises(ValueError, match="not wanted"):
        quick().download(server.url + "/ok", target, verify=refuse, staging=staging)
    assert seen and target.read_bytes() == b"old" and list(staging.iterdir()) == []
    quick().download(server.url + "/pdf", target, verify=seen.append, staging=staging)
    assert target.read_bytes().startswith(b"%PDF") and list(staging.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".incoming", "paper.pdf"]


def test_download_failures_keep_the_old_file_and_leave_no_temp(server, tmp_path: Path):
    target = tmp_path / "paper.pdf"
    target.write_bytes(b"old")
    err = failure(lambda: quick(retries=2).download(server.url + "/truncated", target))
    assert err.kind == "truncated"

    def pdf_only(kind: str) -> str | None:
        return None if kind == "application/pdf" else f"sent {kind}, not a PDF"

    err = failure(lambda: quick().download(server.url + "/ok", target, check=pdf_only))
    assert err.kind == "refused" and str(err) == "127.0.0.1 sent text/plain, not a PDF"
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["paper.pdf"]
