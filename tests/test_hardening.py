"""Issue 14 item 11: CSV cells that spreadsheets would run, list ids with a line break,
a FIFO or a device given as a list file."""

from __future__ import annotations

import csv
import io
import os

import pytest

from papertui.catalog import ListFileError, _fast_columns, read_list_file
from papertui.cli import main as cli
from papertui.exporters import csv_cell

from .conftest import paper, write_list


@pytest.mark.parametrize("value", ["=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_formula_like_cells_are_prefixed(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Attention", "2405.11157", "a=b", " =x", "'quoted"])
def test_other_cells_are_unchanged(value):
    assert csv_cell(value) == value


def test_csv_export_neutralises_formulas(tmp_path, capsys):
    hostile = write_list(tmp_path / "h.json", "=cmd|'/c calc'!A0", [
        ("@section", [paper("2405.00001", "=HYPERLINK(\"http://evil\",\"x\")", tags=["=kv"]),
                      paper(None, "+plus title")]),
    ])
    assert cli(["export", "-f", "csv", "--list", str(hostile), "--category", "=cmd"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][2:6] == ["'=HYPERLINK(\"http://evil\",\"x\")", "'=cmd|'/c calc'!A0", "'@section", "'=kv"]
    assert rows[2][2] == "'+plus title"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_an_id_with_a_line_break_is_refused_by_both_paths(tmp_path):
    papers = [paper("2405.00001\n2405.00002", "Two in one"), paper("2405.00003", "Fine")]
    assert _fast_columns(papers) is None  # not taken as two plain ids
    path = write_list(tmp_path / "l.json", "L", [("s", papers)])
    with pytest.raises(ListFileError) as err:
        read_list_file(path)
    assert "sections[0].papers[0].arxiv: not an arXiv id" in str(err.value)


def test_a_fifo_as_list_file_is_an_error_not_a_hang(tmp_path, capsys):
    fifo = tmp_path / "list.json"
    os.mkfifo(fifo)  # nobody writes to it: opening it to read would wait forever
    with pytest.raises(ListFileError) as err:
        read_list_file(fifo)
    assert str(err.value) == f"{fifo}: not a regular file (a pipe or a device); papertui reads lists from files"
    assert cli(["list", "--list", str(fifo), "--list", "/dev/zero"]) in (0, 1)
    err_text = capsys.readouterr().err
    assert f"{fifo}: not a regular file" in err_text and "/dev/zero: not a regular file" in err_text
