"""papertui follow / unfollow / update against a loopback stand-in for the arXiv API."""

from __future__ import annotations

import json
import time

import pytest

from papertui import paths
from papertui.cli import main

from .arxiv_stand_in import quick_stand_in

NOW = time.time()


@pytest.fixture
def api(monkeypatch):
    with quick_stand_in(monkeypatch) as stand_in:
        yield stand_in


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_follow_list_and_unfollow(capsys):
    assert run(capsys, "follow", "cs.CL")[0] == 0
    code, _, err = run(capsys, "follow", 'ti:"kv cache" AND cat:cs.LG', "--name", "KV cache")
    assert code == 0 and "following 'KV cache'" in err
    code, out, _ = run(capsys, "follow", "--list", "--json")
    rows = json.loads(out)
    assert [(r["name"], r["search_query"], r["papers"], r["updated"]) for r in rows] == [
        ("cs.CL", "cat:cs.CL", 0, None), ("KV cache", 'ti:"kv cache" AND cat:cs.LG', 0, None)]
    code, out, _ = run(capsys, "follow", "--list")
    assert "KV cache" in out and "never" in out
    code, _, err = run(capsys, "follow", "cs.CL")
    assert code == 1 and err == "papertui: a feed named 'cs.CL' is already followed (cs.CL)\n"
    assert run(capsys, "unfollow", "cs.CL")[0] == 0
    code, _, err = run(capsys, "unfollow", "cs.CL")
    assert code == 1 and err.startswith("papertui: no feed named 'cs.CL'")
    assert [r["name"] for r in json.loads(run(capsys, "follow", "--list", "--json")[1])] == ["KV cache"]
    assert "[[feeds]]" in paths.config_path().read_text(encoding="utf-8")


def test_update_prints_what_is_new_and_the_papers_are_like_any_others(capsys, api):
    api.add(12, NOW - 60, step=3600)
    run(capsys, "follow", "cs.CL")
    code, out, err = run(capsys, "update")
    assert (code, out, err) == (0, "cs.CL: 12 new papers (12 in the feed)\n", "")
    api.add(3, NOW - 10, step=1, first=100)
    code, out, _ = run(capsys, "update", "cs.CL", "--json")
    assert code == 0 and json.loads(out) == [{"name": "cs.CL", "new": 3, "total": 15, "dropped": 0}]
    run(capsys, "mark", "2611.00001", "2611.00002")
    (row,) = json.loads(run(capsys, "follow", "--list", "--json")[1])
    assert (row["papers"], row["unread"]) == (15, 13) and row["updated"]
    rows = json.loads(run(capsys, "search", "Paper 2611.00005", "--json")[1])
    assert rows[0]["arxiv"] == "2611.00005" and rows[0]["list"] == "cs.CL"
    meta = rows[0]["metadata"]
    assert meta["authors"][1] == "B. Second" and meta["categories"] == ["cs.CL", "stat.ML"]
    assert "2611.00005" in run(capsys, "export", "--category", "cs.CL")[1]


def test_a_failed_update_is_one_line_and_changes_nothing(capsys, api):
    api.add(5, NOW - 60)
    run(capsys, "follow", "cs.CL")
    run(capsys, "update")
    before = sorted((p.name, p.read_bytes()) for p in paths.feeds_dir().iterdir())
    api.add(5, NOW - 10, step=1, first=50)
    api.plan = [(503, b"busy")] * 3
    code, out, err = run(capsys, "update")
    assert code == 1 and out == ""
    assert err == "papertui: cs.CL: the arXiv API answered HTTP 503; gave up after 3 tries; nothing stored for it\n"
    assert sorted((p.name, p.read_bytes()) for p in paths.feeds_dir().iterdir()) == before
    code, _, err = run(capsys, "update", "nope")
    assert code == 1 and err == "papertui: no feed named 'nope' (followed: 'cs.CL')\n"


def test_nothing_followed(capsys):
    assert run(capsys, "update") == (0, "", "not following anything yet: papertui follow cs.CL\n")


def test_unfollow_keeps_the_marked_papers_findable(capsys, api):
    api.add(6, NOW - 60)
    run(capsys, "follow", "cs.CL")
    run(capsys, "update")
    run(capsys, "mark", "2611.00002", "--star")
    code, _, err = run(capsys, "unfollow", "cs.CL")
    assert code == 0 and "1 paper you marked is kept in 'Kept from feeds'" in err
    assert not any(paths.feeds_dir().glob("*.json"))
    rows = json.loads(run(capsys, "list", "--json", "--starred")[1])
    assert [(r["arxiv"], r["list"], r["section"]) for r in rows] == [("2611.00002", "Kept from feeds", "cs.CL")]
    assert not any(r["arxiv"] == "2611.00003" for r in json.loads(run(capsys, "list", "--json")[1]))
