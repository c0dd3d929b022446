"""Feeds (papertui/feeds.py) against a loopback stand-in for the arXiv API (no network)."""

from __future__ import annotations

import threading
import time

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from papertui import feeds, net, paths
from papertui.arxiv_api import Client
from papertui.feeds import Feed, FeedError
from papertui.library import Library
from papertui.settings import load_settings
from papertui.store import Store

from .arxiv_stand_in import StandIn

DAY = 86_400.0
NOW = time.time()


@pytest.fixture
def api(monkeypatch):
    s = StandIn().start()
    monkeypatch.setenv("PAPERTUI_ARXIV_API", s.url)
    yield s
    s.close()


def quick(api) -> Client:
    return Client(base=api.url, interval=0.0, timeout=1.0, retries=2, backoff=0.01)


def update(api, feed, store, **kw):
    kw.setdefault("page", 5)
    return feeds.update_feed(feed, paths.feeds_dir(), store, client=quick(api), **kw)


def files(feed: Feed) -> dict[str, bytes]:
    d = paths.feeds_dir()
    return {p.name: p.read_bytes() for p in (feed.list_path(d), feed.status_path(d)) if p.exists()}


def listed(feed: Feed) -> list[str]:
    doc = orjson.loads(feed.list_path(paths.feeds_dir()).read_bytes())
    return [p["arxiv"] for s in doc["sections"] for p in s["papers"]]


@pytest.fixture
def store(home):
    s = Store.open(home / "state.json")
    yield s


# -- queries -------------------------------------------------------------------------
@pytest.mark.parametrize("query, expected", [
    ("cs.CL", "cat:cs.CL"), ("cs.*", "cat:cs.*"), ("hep-th", "cat:hep-th"), ("astro-ph.GA", "cat:astro-ph.GA"),
    ('ti:"kv cache" AND cat:cs.LG', 'ti:"kv cache" AND cat:cs.LG'), ("au:Dao_T", "au:Dao_T"),
    ("abs:quantization", "abs:quantization"), ("quantization", "quantization"), ("  cs.LG ", "cat:cs.LG"),
])
def test_search_query(query, expected):
    assert feeds.search_query(query) == expected


def test_highlight_words():
    assert feeds.highlight_words('ti:"kv cache" AND cat:cs.LG') == ["kv cache"]
    assert feeds.highlight_words("abs:quantization OR ti:LoRA") == ["quantization", "lora"]
    assert feeds.highlight_words("au:Dao_T") == [] and feeds.highlight_words("cs.CL") == []


# -- config.toml ---------------------------------------------------------------------
def test_follow_and_unfollow_keep_the_other_settings(home):
    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('theme = "nord"\nfeed_days = 3\n\n[keys]\ntoggle-read = "x"\n', encoding="utf-8")
    feeds.follow(config, "cs.CL")
    feeds.follow(config, 'ti:"kv cache" AND cat:cs.LG', name="KV cache")
    settings = load_settings(config)
    assert settings.theme == "nord" and settings.keys == {"toggle-read": "x"} and settings.feed_days == 3
    assert settings.feeds == [
        {"name": "cs.CL", "query": "cs.CL"}, {"name": "KV cache", "query": 'ti:"kv cache" AND cat:cs.LG'}]
    assert settings.problems == []
    with pytest.raises(FeedError, match="already followed"):
        feeds.follow(config, "cs.LG", name="kv cache")  # the same file name
    store = Store.open(home / "state.json")
    assert feeds.unfollow(config, "cs.CL", paths.feeds_dir(), paths.user_lists_dir(), store) == 0
    assert [f.name for f in feeds.configured(config)] == ["KV cache"]
    with pytest.raises(FeedError, match="no feed named 'nope'"):
        feeds.unfollow(config, "nope", paths.feeds_dir(), paths.user_lists_dir(), store)


def test_a_broken_config_is_never_overwritten(home):
    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(FeedError, match="not valid TOML"):
        feeds.follow(config, "cs.CL")
    assert config.read_text(encoding="utf-8") == "theme = \n"


def test_settings_check_feed_numbers(home):
    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('feed_days = "x"\nfeed_keep_days = -1\nfeed_refresh_hours = 0.5\n[[feeds]]\nname = 1\n')
    settings = load_settings(config)
    assert (settings.feed_days, settings.feed_keep_days, settings.feed_refresh_hours) == (7, 30, 0.5)
    assert settings.feeds == [] and len(settings.problems) == 3


# -- updating --------------------------------------------------------------------------
def test_first_update_pages_back_feed_days_and_stores_a_reading_list(api, store):
    api.add(60, NOW - 600, step=4 * 3600)  # ten days, one every four hours
    api.add(5, NOW - 600, first=900, cat="math.OC")  # another category: not asked for
    feed = Feed("cs.CL", "cs.CL")
    result = update(api, feed, store, feed_days=7)
    week = [p.arxiv for p in api.papers if p.cat == "cs.CL" and p.submitted >= NOW - 7 * DAY]
    assert result.new == len(week) == result.total and result.dropped == 0
    assert listed(feed) == week  # newest first
    assert all(r["search_query"] == "cat:cs.CL" and r["max_results"] == "5" for r in api.requests)
    assert [int(r["start"]) for r in api.requests] == list(range(0, 5 * len(api.requests), 5))
    assert len(api.requests) == len(week) // 5 + 1  # stops at the first page that goes past a week
    doc = orjson.loads(feed.list_path(paths.feeds_dir()).read_bytes())
    days = [s["title"] for s in doc["sections"]]
    assert days == sorted(set(days), reverse=True) and len(days) in (7, 8)
    first = doc["sections"][0]["papers"][0]
    assert first["authors"][1] == "B. Second" and first["tags"] == ["cs.cl", "stat.ml"]  # (tags: papertui.tags)
    assert first["summary"] == f"Abstract of {first['arxiv']}."
    meta = store.metadata(first["arxiv"])
    assert meta["primary_category"] == "cs.CL" and meta["published"] == first["submitted"][:10]
    # The catalog loads it like any list: search and export see the papers.
    lib = Library.open()
    assert lib.catalog.first(first["arxiv"]).list_title == "cs.CL"
    assert len(feeds.feed_papers(lib, feed, paths.feeds_dir())) == result.total
    assert Store.open(store.path).metadata(first["arxiv"])["categories"] == ["cs.CL", "stat.ML"]


def test_an_incremental_update_adds_only_the_new_papers(api, store):
    api.add(20, NOW - 2 * DAY, step=6 * 3600)  # 2 to 6.75 days old
    feed = Feed("cs.CL", "cs.CL")
    assert update(api, feed, store).new == 20
    before = listed(feed)
    api.requests.clear()
    api.add(7, NOW - 60, step=600, first=500)
    result = update(api, feed, store)
    assert result.new == 7 and result.total == 27
    after = listed(feed)
    assert len(after) == len(set(after)) == 27 and after[7:] == before
    # It asked back to the newest paper it had (less a day), not a whole week again.
    assert len(api.requests) == 3  # 7 new + 4 within a day of the newest
    status = feeds.read_status(feed.status_path(paths.feeds_dir()))
    assert [len(ids) for _, ids in status.arrivals] == [20, 7]
    assert set(feeds.arrivals(paths.feeds_dir())) == set(after)
    assert update(api, feed, store).new == 0 and listed(feed) == after


def test_a_paper_in_another_list_is_the_same_paper(api, store, home):
    (made,) = api.add(1, NOW - 60)
    from .conftest import paper, write_list

    write_list(paths.user_lists_dir() / "mine.json", "Mine", [("S", [paper(made.arxiv, "My copy")])])
    store.update(made.arxiv, read=True)
    store.flush()
    update(api, Feed("cs.CL", "cs.CL"), store)
    lib = Library.open()
    assert len(lib.catalog.occurrences(made.arxiv)) == 2 and len(lib.catalog.unique) == 34
    assert lib.store.is_read(made.arxiv)


def test_old_papers_leave_but_marked_ones_stay(api, store):
    made = api.add(10, NOW - 60, step=4 * DAY)  # 0, 4, ... 36 days old
    feed = Feed("cs.CL", "cs.CL")
    update(api, feed, store, feed_days=40, keep_days=40)
    assert len(listed(feed)) == 10
    old = [p.arxiv for p in made if p.submitted < NOW - 20 * DAY]  # 20 (and a minute), 24, 28, 32, 36 days
    store.update(old[0], read=True)
    store.update(old[1], starred=True)
    store.update(old[2], note="keep me")
    store.update(old[3], tags=["mine"])
    store.flush()
    assert store.metadata(old[4])["source"] == "feed"
    result = update(api, feed, store, keep_days=20)
    assert result.dropped == 1 and result.new == 0
    assert set(listed(feed)) == {p.arxiv for p in made} - {old[4]}
    # Its metadata went with it (the state file does not grow for good); the kept ones' stayed.
    assert store.metadata(old[4]) is None and Store.open(store.path).metadata(old[4]) is None
    assert store.metadata(old[0])["published"]


@pytest.mark.parametrize("plan, message", [
    ([(503, b"busy")] * 2, "HTTP 503"),
    ([(429, b"slow")] * 2, "HTTP 429"),
    ([(200, b"<feed><entry>")], "malformed XML"),
    ([(200, b"<html>no</html>")], "not an Atom feed"),
    (["truncated"] * 2, "arXiv API"),
    (["hang"] * 2, "did not answer"),
    ([(400, b'<feed xmlns="http://www.w3.org/2005/Atom"/>')], "HTTP 400"),
])
def test_failures_leave_the_stored_feed_untouched(api, store, plan, message):
    api.add(12, NOW - 3 * DAY, step=3600)
    feed = Feed("cs.CL", "cs.CL")
    update(api, feed, store)
    before, state_before = files(feed), store.path.read_bytes()
    api.add(12, NOW - 60, step=60, first=300)  # new papers: two pages at 5 a page
    api.plan = [None] + plan  # the first page is fine, the second fails
    api.plan[0] = (200, api.answer({"search_query": "cat:cs.CL", "sortBy": "submittedDate",
                                    "sortOrder": "descending", "start": "0", "max_results": "5"}))
    with pytest.raises(FeedError) as err:
        update(api, feed, store)
    assert message in str(err.value) and "\n" not in str(err.value) and str(err.value).startswith("cs.CL: ")
    assert files(feed) == before and store.path.read_bytes() == state_before


def test_a_refused_query_is_one_line(api, store):
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#bad</id>'
            b"<title>Error</title><summary>malformed query</summary></entry></feed>")
    api.plan = [(200, body)]
    with pytest.raises(FeedError, match="refused the query: malformed query"):
        update(api, Feed("bad", "ti:("), store)


def test_paging_ends_at_the_last_result_and_retries_an_empty_page_once(api, store):
    api.add(7, NOW - 60, step=60)
    empty = b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">' \
            b"<opensearch:totalResults>7</opensearch:totalResults></feed>"
    api.plan = [(200, empty)]
    result = update(api, Feed("cs.CL", "cs.CL"), store)
    assert result.new == 7
    assert [r["start"] for r in api.requests] == ["0", "0", "5"]


def test_cancel_stops_the_update_and_changes_nothing(api, store):
    api.add(30, NOW - 60, step=60)
    api.delay = 0.2
    feed = Feed("cs.CL", "cs.CL")
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(net.Cancelled):
        update(api, feed, store, cancel=cancel)
    assert files(feed) == {}


def test_two_updates_at_once_take_turns(api, store, home):
    api.add(40, NOW - 60, step=600)
    api.delay = 0.02
    feed = Feed("cs.CL", "cs.CL")
    results, errors = [], []

    def run():
        try:
            results.append(update(api, feed, Store.open(home / "state.json")))
        except Exception as exc:  # pragma: no cover - shown by the assert
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.new for r in results) == [0, 40]
    assert len(listed(feed)) == len(set(listed(feed))) == 40


def test_update_feeds_stops_when_offline(api, store, monkeypatch):
    monkeypatch.setenv("PAPERTUI_ARXIV_API", "http://127.0.0.1:9/api/query")  # nothing listens there
    started = []
    results, errors = feeds.update_feeds(
        [Feed("a", "cs.CL"), Feed("b", "cs.LG")], paths.feeds_dir(), store,
        client=Client(interval=0.0, timeout=1.0, retries=1, backoff=0.01),
        on_feed=lambda i, f: started.append(f.name),
    )
    assert results == [] and len(errors) == 1 and started == ["a"] and errors[0].kind == "unreachable"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: (
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
    f"<opensearch:totalResults>{t}</opensearch:totalResults><entry><id>{t}</id><published>{t}</published>"
    f"<title>{t}</title></entry></feed>").encode("utf-8", "replace")))
@example(b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
         b"<opensearch:totalResults>\xc2\xb2</opensearch:totalResults></feed>")  # "²": a digit to isdigit()
def test_parse_page_gives_entries_or_one_arxiv_error(data):
    from papertui.arxiv_api import ArxivError, parse_page

    try:
        entries, total = parse_page(data)
    except ArxivError as exc:
        assert "\n" not in str(exc)
        return
    assert total is None or total >= 0
    for rec in entries:
        assert rec["arxiv"] and rec["title"] and isinstance(rec["submitted"], str)


@given(st.text(max_size=60))
def test_queries_never_break(query):
    q = feeds.search_query(query)
    assert q.startswith("cat:") == feeds.is_category(query)
    assert all(w == w.lower() and w.strip() for w in feeds.highlight_words(query))
