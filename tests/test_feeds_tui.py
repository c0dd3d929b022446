"""Feeds in the TUI, against a loopback stand-in for the arXiv API: the Feeds group and the
New view in the tree, the update key, updates in the background while the user moves,
offline, a cron update taken in, quitting during an update."""

from __future__ import annotations

import time

import pytest

from papertui import arxiv_api, feeds, paths
from papertui.arxiv_api import Client
from papertui.library import Library
from papertui.settings import Settings
from papertui.store import Store
from papertui.tui import app as app_module
from papertui.tui.app import PaperApp
from papertui.tui.widgets.category_tree import VIEW_NEW

from .arxiv_stand_in import quick_stand_in
from .conftest import screen_text
from .test_tui import current, titles, until

NOW = time.time()


@pytest.fixture
def api(monkeypatch):
    with quick_stand_in(monkeypatch) as stand_in:
        yield stand_in
CL = feeds.Feed("cs.CL", "cs.CL")


def followed(*fs: feeds.Feed, **kw) -> Settings:
    return Settings(feeds=[{"name": f.name, "query": f.query} for f in fs], **kw)


def update_now(api, feed=CL) -> feeds.Result:
    """An update as a cron ``papertui update`` does it (its own store)."""
    store = Store.open(paths.state_path())
    return feeds.update_feed(feed, paths.feeds_dir(), store, client=Client(base=api.url, interval=0.0))


def label(app, cid: str) -> str:
    return app.screen.tree.nodes_by_id[cid].label.plain


async def test_feeds_and_new_in_the_tree(api):
    api.add(5, NOW - 60)
    update_now(api)
    app = PaperApp(Library.open(), watch=False, settings=followed(CL, feed_refresh_hours=1000))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        assert label(app, "feed:cs.CL").split() == ["cs.CL", "5/5"]
        assert label(app, VIEW_NEW).split() == ["✦", "New", "5"]
        assert "list:3" not in tree.nodes_by_id  # the feed is under Feeds, not Reading lists
        assert "Feeds" in screen_text(app)
        app.screen.action_show_view(VIEW_NEW)
        await pilot.pause()
        assert len(titles(app)) == 5 and app.screen.category == VIEW_NEW
        await pilot.press("r")  # read: the feed counts it, New no longer does
        await pilot.pause()
        assert label(app, "feed:cs.CL").split()[-1] == "4/5" and label(app, VIEW_NEW).split()[-1] == "4"
        app.screen.action_show_view("feed:cs.CL")  # leaving New clears it
        await pilot.pause()
        assert label(app, VIEW_NEW).split()[-1] == "0" and len(titles(app)) == 5
        assert app.screen.session_state()["new_seen"] > 0


async def test_the_update_key_brings_papers_in_while_the_user_moves(api, monkeypatch):
    api.add(30, NOW - 3600, step=60)
    update_now(api)
    api.add(4, NOW - 10, step=1, first=200)
    quick = arxiv_api.Client.__init__

    def patient(self, *args, **kwargs):
        quick(self, *args, **kwargs)
        self.timeout = 10.0

    monkeypatch.setattr(arxiv_api.Client, "__init__", patient)
    api.delay = 1.5  # the page takes a while: the user moves meanwhile
    app = PaperApp(Library.open(), watch=False, settings=followed(CL, feed_refresh_hours=1000))
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.action_show_view("feed:cs.CL")
        await pilot.pause()
        assert len(titles(app)) == 30
        await pilot.press("U")
        await pilot.pause(0.1)
        assert "updating" in screen_text(app)  # progress in the title bar
        for _ in range(6):
            await pilot.press("j")
        assert len(titles(app)) == 30 and app.screen.papers.cursor == 6  # moved while the update runs
        await until(pilot, lambda: len(titles(app)) == 34)
        assert len(titles(app)) == 34
        assert current(app).arxiv == "2611.00007"  # still on the paper the user went to
        papers = app.screen.papers
        assert papers.cursor - int(papers.scroll_offset.y) == 10  # (4 new above it) at the same place
        await pilot.press("j")
        assert current(app).arxiv == "2611.00008"
        await until(pilot, lambda: "Feeds updated" in screen_text(app))
        text = screen_text(app)
        assert "Feeds updated: 4 new papers (cs.CL 4)" in text and "updating" not in text
        assert label(app, "feed:cs.CL").split()[-1] == "34/34"


async def test_offline_is_one_short_notice(api, monkeypatch):
    api.add(3, NOW - 60)
    update_now(api)
    before = sorted((p.name, p.read_bytes()) for p in paths.feeds_dir().iterdir())
    monkeypatch.setenv("PAPERTUI_ARXIV_API", "http://127.0.0.1:9/api/query")
    app = PaperApp(Library.open(), watch=False, settings=followed(CL, feed_refresh_hours=1000))
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("U")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Feeds not updated: cs.CL: cannot reach the arXiv API" in text and "Feeds updated" not in text
        assert len(titles(app)) == 36
    assert sorted((p.name, p.read_bytes()) for p in paths.feeds_dir().iterdir()) == before


async def test_stale_feeds_update_on_start_and_quitting_cancels(api, monkeypatch):
    monkeypatch.setattr(app_module, "FEEDS_DELAY", 0.05)
    api.add(3, NOW - 60)
    api.plan = ["hang"] * 5  # the API does not answer
    app = PaperApp(Library.open(), watch=False, settings=followed(CL))
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await until(pilot, lambda: len(api.requests) > 0)
        await until(pilot, lambda: "updating cs.CL" in screen_text(app))
        assert "updating cs.CL" in screen_text(app)
        assert len(titles(app)) == 33  # the screen is usable meanwhile
        started = time.monotonic()
    assert time.monotonic() - started < 1.0  # quitting did not wait for the hanging API
    assert not any(paths.feeds_dir().glob("*.json"))


async def test_a_fresh_feed_does_not_update_on_start(api, monkeypatch):
    monkeypatch.setattr(app_module, "FEEDS_DELAY", 0.05)
    api.add(3, NOW - 60)
    update_now(api)
    api.requests.clear()
    app = PaperApp(Library.open(), watch=False, settings=followed(CL))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert api.requests == []


async def test_a_cron_update_is_taken_in(api, monkeypatch):
    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.1)
    api.add(3, NOW - 600, step=60)
    update_now(api)
    app = PaperApp(Library.open(), settings=followed(CL, feed_refresh_hours=1000))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.action_show_view("feed:cs.CL")
        await pilot.pause(0.3)
        await pilot.press("j")
        assert len(titles(app)) == 3 and current(app).arxiv == "2611.00002"
        api.add(2, NOW - 10, step=1, first=100)
        update_now(api)  # as from cron, another process
        await until(pilot, lambda: len(titles(app)) == 5)
        assert len(titles(app)) == 5 and current(app).arxiv == "2611.00002"
        assert label(app, VIEW_NEW).split()[-1] == "5"


async def test_a_feed_shows_author_and_day_and_highlights_its_query_words(api):
    from .test_tui import underlined_text

    kv = feeds.Feed("KV", 'ti:"kv cache" AND cat:cs.CL')
    api.add(3, NOW - 60)
    update_now(api, kv)
    app = PaperApp(Library.open(), watch=False, settings=followed(kv, feed_refresh_hours=1000))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.screen.action_show_view("feed:KV")
        await pilot.pause()
        text = screen_text(app)
        day = time.strftime("%m-%d", time.gmtime(NOW - 60))
        assert f"Author01 · {day}" in text and "2611.00001" in text
        await pilot.resize_terminal(120, 40)  # narrower: the byline takes the id's place
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Author01" in line)
        assert row.split("││")[1].rstrip(" │▁▇█").endswith(f"Author01 · {day}")
        assert "kv cache" in underlined_text(app).lower()  # in the list and the detail
        app.screen.action_show_view("view:all")
        await pilot.pause()
        assert "kv cache" not in underlined_text(app).lower()  # only in the feed's own view


async def test_a_feed_unfollowed_meanwhile_is_not_updated(api):
    api.add(3, NOW - 60)
    feeds.follow(paths.config_path(), "cs.CL")
    update_now(api)
    app = PaperApp(Library.open(), watch=False)  # settings from config.toml
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        assert "feed:cs.CL" in app.screen.tree.nodes_by_id
        feeds.unfollow(paths.config_path(), "cs.CL", paths.feeds_dir(), paths.user_lists_dir(), app.lib.store)
        api.requests.clear()
        await pilot.press("U")
        await pilot.pause(0.2)
        assert "No feeds followed" in screen_text(app) and api.requests == []
    assert not any(paths.feeds_dir().glob("*.json"))
