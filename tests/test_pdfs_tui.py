"""The open-pdf key: download in a worker with a progress bar, then open; a local PDF opens at once."""

from __future__ import annotations

import sys
from pathlib import Path

from papertui.library import Library
from papertui.settings import Settings
from papertui.tui.app import PaperApp

from .conftest import paper, screen_text, write_list
from .test_pdfs import PDF, host  # noqa: F401  (the loopback PDF host fixture)
from .test_tui import until


def viewer(tmp_path: Path) -> tuple[str, Path]:
    """A pdf_viewer command that appends the path it is given to a file."""
    out = tmp_path / "opened.txt"
    script = tmp_path / "viewer.py"
    script.write_text(f"import sys; open({str(out)!r}, 'a').write(sys.argv[1] + '\\n')")
    return f"{sys.executable} {script}", out


def app_on(home: Path, tmp_path: Path, arxiv: str) -> tuple[PaperApp, Path]:
    write_list(home / "lists" / "mine.json", "Mine", [("S", [paper(arxiv, "A paper to read")])])
    command, out = viewer(tmp_path)
    return PaperApp(Library.open(), watch=False, settings=Settings(pdf_viewer=command)), out


def opened(out: Path) -> list[str]:
    return out.read_text().split() if out.exists() else []


async def test_open_pdf_downloads_marks_and_opens(host, home, tmp_path):  # noqa: F811
    app, out = app_on(home, tmp_path, "2401.00001")
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.jump_to(app.lib.catalog.first_index["2401.00001"])
        await pilot.press("p")
        target = home / "pdfs" / "2401.00001.pdf"
        await until(pilot, lambda: bool(opened(out)))
        assert opened(out) == [str(target)]
        assert target.read_bytes() == PDF
        app.clear_notifications()  # (they cover the list's last rows)
        await pilot.pause()
        text = screen_text(app)
        assert "↓2401.00001" in text  # the list mark
        assert "↓ PDF:" in text  # the detail pane's line
        assert [h[0] for h in host.hits] == ["2401.00001"]


async def test_a_local_pdf_opens_at_once_offline(host, home, tmp_path, monkeypatch):  # noqa: F811
    host.close()
    (home / "pdfs").mkdir(parents=True)
    (home / "pdfs" / "2401.00002.pdf").write_bytes(PDF)
    app, out = app_on(home, tmp_path, "2401.00002")
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.pdf_ids))  # the scan of pdfs/ at start
        app.screen.jump_to(app.lib.catalog.first_index["2401.00002"])
        await pilot.pause()
        assert "↓ PDF:" in screen_text(app)
        await pilot.press("p")
        await until(pilot, lambda: bool(opened(out)))
        assert opened(out) == [str(home / "pdfs" / "2401.00002.pdf")]
        assert host.hits == []


async def test_an_html_answer_is_an_error_and_no_file(host, home, tmp_path):  # noqa: F811
    app, out = app_on(home, tmp_path, "2403.00001")
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.jump_to(app.lib.catalog.first_index["2403.00001"])
        await pilot.press("p")
        await until(pilot, lambda: any("instead of a PDF" in n.message for n in app._notifications))
        assert any("text/html instead of a PDF" in n.message for n in app._notifications)
        assert not (home / "pdfs" / "2403.00001.pdf").exists()
        assert opened(out) == []
        assert "↓2403" not in screen_text(app)


async def test_progress_shows_while_fetching_and_quitting_stops_the_download(host, home, tmp_path):  # noqa: F811
    import time

    from textual.widgets import ProgressBar

    app, out = app_on(home, tmp_path, "2406.00001")  # the host drips it, never finishing
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.jump_to(app.lib.catalog.first_index["2406.00001"])
        await pilot.press("p")
        bar = app.screen.query_one("#fetch-progress", ProgressBar)
        await until(pilot, lambda: bar.display and (bar.progress or 0) > 0)
        assert bar.display and 0 < bar.progress < bar.total
        assert any("Fetching the PDF of 2406.00001" in n.message for n in app._notifications)
        quit_at = time.monotonic()
    assert time.monotonic() - quit_at < 5  # the download ended with the app (its deadline is minutes)
    assert not (home / "pdfs" / "2406.00001.pdf").exists() and opened(out) == []


async def test_every_job_says_a_retry_after_wait_the_same_way(home, tmp_path, monkeypatch):
    """Citation counts, one PDF and the selection's PDFs pass a server's Retry-After wait up
    through the app's one set of job hooks: a warning, like the arXiv jobs' (the citations and
    the single PDF showed it as plain information)."""
    from papertui import net, pdfs, services

    def waits(name):
        def job(*args, on_wait, **kwargs):
            on_wait(f"{name} asked to wait 20 s")
            raise net.Cancelled("cancelled", kind="cancelled")
        return job

    monkeypatch.setattr(services, "fetch_citations", waits("citations"))
    monkeypatch.setattr(services, "fetch_pdf", waits("pdf"))
    monkeypatch.setattr(pdfs, "download_many", waits("pdfs"))
    app, _out = app_on(home, tmp_path, "2401.00001")
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        app.fetch_citations(["2401.00001"])
        app.open_pdf("2401.00001")
        main = app.screen
        main.run_worker(lambda: main._pdfs_in_thread(["2401.00001"]), thread=True)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(app._notifications) >= 3)
        said = {n.message: (n.severity, n.timeout) for n in app._notifications}
        for name in ("citations", "pdf", "pdfs"):
            assert said[f"{name} asked to wait 20 s"] == ("warning", 8)
