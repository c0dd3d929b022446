"""Followed feeds (config.toml [[feeds]]) sync between devices: per feed, the later follow,
change or unfollow wins on every device; an unfollow is kept (a tombstone) through compaction."""

from __future__ import annotations

import json

from papertui import feeds
from papertui.cli import main
from papertui.sync import FeedFiles, Syncer

from .test_sync import HOUR, Clock, Device


class FeedDevice(Device):
    def __init__(self, root, name, folder, clock) -> None:
        super().__init__(root, name, folder, clock)
        self.home = root / name
        self.config = self.home / "config.toml"
        self.lists = self.home / "lists"
        self.syncer = Syncer(self.store, folder, feed_files=FeedFiles(self.config, self.lists / "feeds", self.lists))

    def follow(self, query: str, name: str | None = None) -> None:
        feeds.follow(self.config, query, name)

    def unfollow(self, name: str) -> None:
        feeds.unfollow(self.config, name, self.lists / "feeds", self.lists, self.store)

    def followed(self) -> dict[str, str]:
        return {f.name: f.query for f in feeds.configured(self.config)}


def feed_devices(tmp_path, n: int, skews=()) -> list[FeedDevice]:
    folder = tmp_path / "sync"
    folder.mkdir()
    clock = Clock()
    skews = list(skews) + [0.0] * n
    return [FeedDevice(tmp_path, f"dev{i}", folder, clock.at(skews[i])) for i in range(n)]


def converge(devs) -> None:
    for _ in range(2):
        for d in devs:
            d.sync()


def test_a_feed_followed_on_one_device_is_followed_on_the_other(tmp_path):
    a, b = feed_devices(tmp_path, 2)
    a.follow("cs.CL")
    a.follow('ti:"kv cache" AND cat:cs.LG', "KV cache")
    b.follow("cs.IR")
    a.sync()
    report = b.sync()
    assert sorted(report.feeds) == ["KV cache", "cs.CL"]
    a.sync()
    want = {"cs.CL": "cs.CL", "KV cache": 'ti:"kv cache" AND cat:cs.LG', "cs.IR": "cs.IR"}
    assert a.followed() == b.followed() == want
    assert b.sync().feeds == [] and a.sync().sent == 0  # settled: nothing goes back and forth


def test_an_unfollow_made_later_wins_and_its_kept_papers_are_kept(tmp_path):
    a, b = feed_devices(tmp_path, 2)
    a.follow("cs.CL")
    converge([a, b])
    paper = {"arxiv": "2405.12981", "title": "A kept paper", "summary": "", "tags": []}
    doc = {"title": "cs.CL", "sections": [{"title": "2026-11-30", "papers": [paper]}]}
    feed = feeds.Feed("cs.CL", "cs.CL")
    feed.list_path(b.lists / "feeds").parent.mkdir(parents=True)
    feed.list_path(b.lists / "feeds").write_text(json.dumps(doc), encoding="utf-8")
    b.store.update("2405.12981", starred=True)
    a.unfollow("cs.CL")
    converge([a, b])
    assert a.followed() == b.followed() == {}
    assert not feed.list_path(b.lists / "feeds").exists()
    assert feeds.KEPT_LIST in (b.lists / "kept-from-feeds.json").read_text(encoding="utf-8")


def test_per_feed_the_later_change_wins_on_both_whatever_the_clocks(tmp_path):
    ahead, behind = feed_devices(tmp_path, 2, skews=[5 * HOUR, -2 * HOUR])
    ahead.follow("cs.CL")
    ahead.follow("cs.IR")
    converge([ahead, behind])
    ahead.unfollow("cs.CL")  # stamped five hours in the future
    converge([ahead, behind])
    assert behind.followed() == {"cs.IR": "cs.IR"}
    behind.follow("cs.CL AND abs:retrieval", "cs.CL")  # later, though its clock says seven hours earlier
    converge([behind, ahead])
    assert ahead.followed() == behind.followed() == {"cs.IR": "cs.IR", "cs.CL": "cs.CL AND abs:retrieval"}
    ahead.unfollow("cs.IR")  # made offline on both at once: one wins, the same on both
    behind.unfollow("cs.IR")
    behind.follow("cs.IR AND abs:ranking", "cs.IR")
    converge([behind, ahead])
    assert ahead.followed() == behind.followed()


def test_an_unfollow_is_not_undone_by_compaction_or_a_device_back_after_months(tmp_path):
    a, late = feed_devices(tmp_path, 2)
    a.follow("cs.CL")
    a.follow("cs.IR")
    converge([a, late])  # the late device follows both, then goes away
    a.unfollow("cs.CL")
    a.sync()
    assert a.syncer.compact() > 0
    late.sync()
    assert late.followed() == a.followed() == {"cs.IR": "cs.IR"}
    newcomer = FeedDevice(tmp_path, "new", a.folder, Clock().at(HOUR))
    newcomer.sync()
    assert newcomer.followed() == {"cs.IR": "cs.IR"}


def test_a_config_that_cannot_be_read_unfollows_nothing(tmp_path):
    a, b = feed_devices(tmp_path, 2)
    a.follow("cs.CL")
    converge([a, b])
    b.config.write_text(b.config.read_text(encoding="utf-8") + "\n[[feeds\n", encoding="utf-8")
    report = b.sync()
    assert any("feeds not synced" in w for w in report.warnings)
    a.sync()
    assert a.followed() == {"cs.CL": "cs.CL"}


def test_follow_and_unfollow_on_the_command_line_reach_the_other_machine(capsys, monkeypatch, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    for home in (laptop, desktop):
        monkeypatch.setenv("PAPERTUI_HOME", str(home))
        assert main(["sync", "--dir", str(folder)]) == 0
    monkeypatch.setenv("PAPERTUI_HOME", str(laptop))
    assert main(["follow", "cs.CL"]) == 0  # sent at once
    monkeypatch.setenv("PAPERTUI_HOME", str(desktop))
    capsys.readouterr()
    assert main(["sync"]) == 0
    assert "feed 'cs.CL': followed on another device" in capsys.readouterr().out
    assert [f.name for f in feeds.configured(desktop / "config.toml")] == ["cs.CL"]
    assert main(["unfollow", "cs.CL"]) == 0
    monkeypatch.setenv("PAPERTUI_HOME", str(laptop))
    assert main(["sync", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["feeds"] == ["cs.CL"]
    assert feeds.configured(laptop / "config.toml") == []
