"""Errors for the user have one root (papertui.errors.PapertuiError), caught by the CLI in one place."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import papertui
from papertui import cli
from papertui.errors import PapertuiError

# Exceptions that never reach the user: a build or a request stopped on purpose, a retry.
INTERNAL = {"papertui.search.Cancelled", "papertui.similar.Cancelled", "papertui.net._Retry",
            "papertui.importers.chunks.Cancelled"}


def _core_modules():
    for info in pkgutil.walk_packages(papertui.__path__, "papertui."):
        if not info.name.startswith("papertui.tui") and info.name != "papertui.__main__":
            yield importlib.import_module(info.name)


def test_every_error_papertui_raises_for_the_user_derives_from_the_root():
    found = {}
    for module in _core_modules():
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = obj
    outside = sorted(n for n, c in found.items() if not issubclass(c, PapertuiError) and n not in INTERNAL)
    assert outside == []
    for name in ("store.StateError", "net.NetError", "sync.SyncError", "importers.ImportError_", "feeds.FeedError",
                 "pdfs.PdfError", "catalog.ListFileError", "citations.CitationError", "arxiv_api.ArxivError",
                 "settings.SettingsError", "limits.LimitError", "browser.BrowserError", "services.JobError",
                 "cli.CliError"):
        assert f"papertui.{name}" in found, name


@pytest.mark.parametrize("make", [
    lambda: __import__("papertui.store", fromlist=["x"]).StateError("state.json: not a state file"),
    lambda: __import__("papertui.sync", fromlist=["x"]).SyncError("the sync folder /x is gone"),
    lambda: __import__("papertui.catalog", fromlist=["x"]).ListFileError("l.json", "sections[0]", "title missing"),
    lambda: __import__("papertui.limits", fromlist=["x"]).LimitError("big.txt", "larger than 64 MB"),
])
def test_the_cli_says_any_of_them_in_one_line_and_exits_1(make, monkeypatch, capsys):
    error = make()

    def failing(args):
        raise error

    monkeypatch.setattr(cli, "cmd_list", failing)
    assert cli.main(["list"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"papertui: {error}\n"
    assert "\n" not in str(error)


def test_a_sync_error_reaches_the_user_as_the_same_line(tmp_path, capsys):
    folder = tmp_path / "not-a-dir"
    folder.write_text("a file, not a folder")
    assert cli.main(["sync", "--dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("papertui: ") and err.count("\n") == 1 and "Traceback" not in err
