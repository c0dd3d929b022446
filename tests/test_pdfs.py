"""PDFs in the data dir: fetched from a loopback stand-in for the PDF host (no network)."""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from papertui import pdfs
from papertui.cli import main
from papertui.library import Library
from papertui.search import SearchIndex

from .conftest import paper, write_list
from .loopback import LoopbackHandler, LoopbackServer

PDF = b"%PDF-1.5\n" + b"0123456789" * 3000 + b"\n%%EOF\n"


class PdfHost(LoopbackServer):
    """``/pdf/<id>``: what the id names (see ``do_GET``); ``plans[id]`` lists statuses to send first."""

    def __init__(self) -> None:
        self.hits: list[tuple[str, float]] = []
        self.plans: dict[str, list[int]] = {}
        host = self

        class Handler(LoopbackHandler):

            def do_GET(self):
                arxiv = self.path.split("/pdf/", 1)[-1]
                host.hits.append((arxiv, time.monotonic()))
                plan = host.plans.get(arxiv)
                if plan:
                    self.reply(plan.pop(0), b"slow down", "text/plain", Retry_After="0")
                    return
                if arxiv.startswith("2401."):  # a good PDF
                    self.reply(200, PDF, "application/pdf")
                elif arxiv.startswith("2402."):  # arXiv's "not found" page
                    self.reply(404, b"<html>no such paper</html>", "text/html")
                elif arxiv.startswith("2403."):  # a portal's login page, said to be HTML
                    self.reply(200, b"<!doctype html><html>sign in</html>", "text/html; charset=utf-8")
                elif arxiv.startswith("2404."):  # a web page that claims to be a PDF
                    self.reply(200, b"<html>" + b"x" * 5000 + b"</html>", "application/pdf")
                elif arxiv.startswith("2405."):  # cut off after a part of the body
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(PDF)))
                    self.end_headers()
                    self.wfile.write(PDF[:1000])
                    self.wfile.flush()
                    self.close_connection = True
                elif arxiv.startswith("2406."):  # drips bytes, never finishes
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(PDF)))
                    self.end_headers()
                    for chunk in (PDF[i : i + 10] for i in range(0, 200, 10)):
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        time.sleep(0.5)
                else:
                    self.reply(404, b"", "text/plain")

        self.serve(Handler, "/pdf")



@pytest.fixture
def host(monkeypatch):
    h = PdfHost()
    monkeypatch.setenv("PAPERTUI_ARXIV_PDF", h.url)
    yield h
    h.close()


QUICK = {"deadline": 2.0, "backoff": 0.01, "interval": 0.0}


def left_in(directory: Path) -> list[str]:
    """Every file under ``directory`` (temp and staging files too)."""
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def test_download_saves_a_whole_pdf_with_progress(host, home):
    seen = []
    path = pdfs.download("2401.00001", progress=lambda done, total: seen.append((done, total)), **QUICK)
    assert path == home / "pdfs" / "2401.00001.pdf"
    assert path.read_bytes() == PDF
    assert seen[-1] == (len(PDF), len(PDF))
    assert left_in(home / "pdfs") == ["2401.00001.pdf"]
    assert pdfs.has_pdf("2401.00001") and pdfs.local_ids() == {"2401.00001"}


def test_a_pdf_already_there_is_not_fetched_again(host, home):
    pdfs.download("2401.00001", **QUICK)
    host.close()  # offline now
    assert pdfs.download("2401.00001", **QUICK).read_bytes() == PDF
    assert len(host.hits) == 1


@pytest.mark.parametrize(
    "arxiv, words",
    [
        ("2402.00001", "HTTP 404"),
        ("2403.00001", "text/html instead of a PDF"),
        ("2404.00001", "did not send a PDF"),
        ("2405.00001", "ended its answer early"),
        ("2406.00001", "did not answer within"),
    ],
)
def test_failures_leave_nothing_behind(host, home, arxiv, words):
    options = {**QUICK, "retries": 1, "deadline": 1.0}
    with pytest.raises(pdfs.PdfError) as err:
        pdfs.download(arxiv, **options)
    message = str(err.value)
    assert words in message and arxiv in message and "\n" not in message
    assert left_in(home / "pdfs") == []
    assert not pdfs.has_pdf(arxiv) and pdfs.local_ids() == set()


def test_429_is_waited_out_then_fetched(host, home):
    host.plans["2401.00002"] = [429, 503]
    waits = []
    path = pdfs.download("2401.00002", on_wait=waits.append, **QUICK)
    assert path.read_bytes() == PDF
    assert [h[0] for h in host.hits] == ["2401.00002"] * 3


def test_429_every_time_is_one_line(host, home):
    host.plans["2401.00003"] = [429, 429, 429]
    with pytest.raises(pdfs.PdfError) as err:
        pdfs.download("2401.00003", **QUICK)
    assert "HTTP 429" in str(err.value) and "gave up after 3 tries" in str(err.value)
    assert left_in(home / "pdfs") == []


def test_old_style_ids_get_a_flat_file_name(home):
    assert pdfs.local_path("hep-th/9901001").name == "hep-th_9901001.pdf"
    (home / "pdfs").mkdir(parents=True)
    (home / "pdfs" / "hep-th_9901001.pdf").write_bytes(PDF)
    (home / "pdfs" / "2401.00009.pdf").write_bytes(PDF)
    assert pdfs.local_ids() == {"hep-th/9901001", "2401.00009"}


def test_open_pdf_starts_the_configured_viewer(tmp_path):
    target = tmp_path / "a b.pdf"
    target.write_bytes(PDF)
    out = tmp_path / "argv.txt"
    script = tmp_path / "viewer.py"
    script.write_text(f"import sys; open({str(out)!r}, 'w').write(repr(sys.argv[1:]))")
    pdfs.open_pdf(target, f"{sys.executable} {script} --page 1")
    for _ in range(200):  # the viewer runs on its own: wait for its mark
        if out.exists() and out.read_text():
            break
        time.sleep(0.02)
    assert out.read_text() == repr(["--page", "1", str(target)])


def test_open_pdf_without_a_viewer_is_one_line(tmp_path):
    target = tmp_path / "x.pdf"
    target.write_bytes(PDF)
    with pytest.raises(pdfs.PdfError) as err:
        pdfs.open_pdf(target, "no-such-viewer-papertui")
    assert str(err.value) == "no PDF viewer: no-such-viewer-papertui not found (set pdf_viewer in config.toml)"
    assert pdfs.viewer_command(target)[0] in ("xdg-open", "open")


def _library(home: Path) -> None:
    write_list(
        home / "lists" / "mine.json",
        "Mine",
        [("S", [paper("2401.00001", "Good one"), paper("2402.00002", "Missing one"), paper("2401.00003", "Other")])],
    )


def test_cli_pdf_fetches_prints_the_path_and_is_pdf_finds_it(host, home, capsys):
    _library(home)
    assert main(["pdf", "2401.00001"]) == 0
    assert capsys.readouterr().out.strip() == str(home / "pdfs" / "2401.00001.pdf")
    lib = Library.open()
    index = SearchIndex(lib)
    assert [lib.catalog.arxivs[i] for i in index.search("is:pdf").indices] == ["2401.00001"]
    others = index.search("-is:pdf list:mine").indices
    assert sorted(lib.catalog.arxivs[i] for i in others) == ["2401.00003", "2402.00002"]
    assert main(["list", "--json"]) == 0
    import json

    records = json.loads(capsys.readouterr().out)
    assert {r["arxiv"]: r["pdf"] for r in records}["2401.00001"] == str(home / "pdfs" / "2401.00001.pdf")
    assert {r["arxiv"]: r["pdf"] for r in records}["2401.00003"] is None


def test_cli_pdf_error_is_one_line(host, home, capsys):
    _library(home)
    assert main(["pdf", "2402.00002"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("papertui: 2402.00002: no PDF at ") and "\n" not in err
    assert main(["pdf", "not-a-paper"]) == 1
    assert "no arXiv id for: not-a-paper" in capsys.readouterr().err


def test_cli_all_starred_is_paced_and_goes_on_after_a_failure(host, home, capsys, monkeypatch):
    monkeypatch.setattr(pdfs, "BULK_INTERVAL", 0.3)
    _library(home)
    assert main(["mark", "2401.00001", "2402.00002", "2401.00003", "--star"]) == 0
    capsys.readouterr()
    assert main(["pdf", "--all-starred"]) == 1  # one of three is missing
    out, err = capsys.readouterr()
    assert out.split() == [str(home / "pdfs" / "2401.00001.pdf"), str(home / "pdfs" / "2401.00003.pdf")]
    assert "2402.00002" in err and "1 of 3 PDFs could not be fetched" in err
    times = [t for _, t in host.hits]
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(times))  # (server-side stamps jitter)
    # Again: the two already here are not fetched.
    host.hits.clear()
    assert main(["pdf", "--all-starred"]) == 1
    assert [a for a, _ in host.hits] == ["2402.00002"]


def test_cli_pdf_open_uses_pdf_viewer_from_config(host, home, tmp_path, capsys):
    _library(home)
    out = tmp_path / "opened.txt"
    script = tmp_path / "viewer.py"
    script.write_text(f"import sys; open({str(out)!r}, 'w').write(sys.argv[1])")
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f"pdf_viewer = {f'{sys.executable} {script}'!r}\n".replace("'", '"'))
    assert main(["pdf", "2401.00001", "--open"]) == 0
    for _ in range(200):
        if out.exists() and out.read_text():
            break
        time.sleep(0.02)
    assert out.read_text() == str(home / "pdfs" / "2401.00001.pdf")


def test_no_temp_files_survive_in_incoming_after_a_retry(host, home):
    host.plans["2401.00004"] = [503]
    pdfs.download("2401.00004", **QUICK)
    assert left_in(home / "pdfs") == ["2401.00004.pdf"]
    assert not os.listdir(home / "pdfs" / pdfs.INCOMING)


def test_two_downloads_of_one_paper_at_once_both_succeed(host, home):
    results = []

    def fetch():
        try:
            results.append(pdfs.download("2401.00007", **QUICK))
        except pdfs.PdfError as exc:  # pragma: no cover - the failure this test is about
            results.append(exc)

    threads = [threading.Thread(target=fetch) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [home / "pdfs" / "2401.00007.pdf"] * 3
    assert left_in(home / "pdfs") == ["2401.00007.pdf"]


def test_leftovers_of_a_killed_download_are_swept(host, home):
    incoming = home / "pdfs" / pdfs.INCOMING
    incoming.mkdir(parents=True)
    old, new = incoming / ".2401.00001.pdf.abc.part", incoming / ".2401.00009.pdf.def.part"
    old.write_bytes(b"%PDF-half")
    new.write_bytes(b"%PDF-being written")
    os.utime(old, (time.time() - 2 * pdfs.STALE_AFTER,) * 2)
    pdfs.download("2401.00001", **QUICK)
    assert left_in(home / "pdfs") == sorted(["2401.00001.pdf", f"{pdfs.INCOMING}/.2401.00009.pdf.def.part"])
