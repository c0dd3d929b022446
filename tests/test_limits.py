"""Bounds (issue 14 item 8): API answers, import input, stored metadata fields, the detail pane."""

from __future__ import annotations

import io
import sys

import pytest

from papertui import arxiv_api, limits
from papertui.arxiv_api import ArxivError, Client, parse_feed
from papertui.cli import main as cli
from papertui.library import Library

from .conftest import paper, write_list
from .test_arxiv import FEED, server  # noqa: F401  (the loopback arXiv fixture)

BIG_ENTRY = """<entry><id>http://arxiv.org/abs/2405.11157v1</id><title>{title}</title><summary>{summary}</summary>
<author><name>{author}</name></author><arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">{comment}</arxiv:comment>
</entry>"""


def test_stored_metadata_fields_are_cut_with_a_marker():
    entry = BIG_ENTRY.format(title="T" * 5000, summary="word " * 100_000, author="A" * 10_000, comment="c" * 10_000)
    record = parse_feed(FEED.format(entry).encode())["2405.11157"]
    assert len(record["title"]) == limits.MAX_TITLE + len(limits.CUT) and record["title"].endswith("…(cut)")
    assert len(record["abstract"]) == limits.MAX_ABSTRACT + len(limits.CUT) and record["abstract"].endswith("…(cut)")
    assert len(record["authors"][0]) <= limits.MAX_FIELD + len(limits.CUT)
    assert len(record["comment"]) <= limits.MAX_FIELD + len(limits.CUT)


def test_an_oversized_api_answer_is_refused(server, monkeypatch):  # noqa: F811
    monkeypatch.setattr(arxiv_api, "MAX_ANSWER", 4096)
    server.plan = [(200, FEED.format(BIG_ENTRY.format(title="x", summary="y" * 10_000, author="a", comment="")).encode())]
    with pytest.raises(ArxivError) as err:
        Client().fetch(["2405.11157"])
    assert str(err.value) == "the arXiv API sent more than the 4 KB papertui accepts"


class Endless(io.RawIOBase):
    """A stdin that never ends (up to a safety stop), counting what was read."""

    def __init__(self, stop: int) -> None:
        self.read_bytes, self.stop = 0, stop

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.stop - self.read_bytes)
        buffer[:n] = b"2401.04088\n" * (n // 11) + b"\n" * (n % 11)
        self.read_bytes += n
        return n


def test_import_of_an_endless_stdin_stops_at_the_limit(monkeypatch, capsys):
    monkeypatch.setattr(limits, "MAX_IMPORT_BYTES", 1024 * 1024)
    endless = Endless(stop=20 * 1024 * 1024)

    class Stdin:
        buffer = io.BufferedReader(endless)

    monkeypatch.setattr(sys, "stdin", Stdin)
    assert cli(["import", "-", "--dry-run"]) == 1
    assert capsys.readouterr().err == "papertui: stdin: more than 1 MB; papertui reads at most that much\n"
    assert endless.read_bytes < 3 * 1024 * 1024


def test_import_of_dev_zero_stops_at_the_limit(monkeypatch, capsys):
    monkeypatch.setattr(limits, "MAX_IMPORT_BYTES", 1024 * 1024)
    assert cli(["import", "/dev/zero", "--dry-run"]) == 1
    assert capsys.readouterr().err == "papertui: /dev/zero: more than 1 MB; papertui reads at most that much\n"


def test_read_file_refuses_fifos_and_devices_when_asked(tmp_path):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(limits.LimitError) as err:
            limits.read_file(path, 1024, regular_only=True)
        assert str(err.value) == f"{path}: not a regular file (a pipe or a device); papertui reads lists from files"


async def test_a_huge_summary_is_cut_in_the_detail_pane(tmp_path):
    from papertui.tui.app import PaperApp
    from papertui.tui.widgets.detail import DetailPane

    huge = "sparse attention " * 600_000  # ~10 MB
    extra = write_list(tmp_path / "x.json", "X", [("s", [paper(None, "Huge one", huge)])])
    app = PaperApp(Library.open(extra_lists=[extra]), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        assert app.lib.catalog.papers[detail.index].title == "Huge one"
        assert detail.text.rstrip().endswith("…(cut)")
        assert len(detail.text) < limits.MAX_SHOWN + 5_000
