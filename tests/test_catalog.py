import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papertui import paths
from papertui.catalog import ListFileError, load_catalog, parse_list, read_list_file

from .conftest import paper, write_list


@pytest.fixture
def bundled():
    return load_catalog(paths.bundled_list_files())


def test_bundled_lists_hold_the_three_digests(bundled):
    assert bundled.errors == []
    assert [len(rl.papers) for rl in bundled.lists] == [17, 6, 10]
    assert len(bundled.unique) == 33
    w4, weekly, top10 = bundled.lists
    assert [s.title for s in w4.sections] == ["LLM发展与基准", "LLM训练、评估与推理", "LLM量化与校准", "Transformer和注意力模型"]
    assert [len(s.papers) for s in w4.sections] == [8, 4, 2, 3]
    assert weekly.title == "Big Model Weekly 第14期"
    assert [len(s.papers) for s in top10.sections] == [7, 3]


def test_bundled_papers_are_complete(bundled):
    for p in bundled.papers:
        assert p.arxiv and re.fullmatch(r"\d{4}\.\d{5}", p.arxiv), p.title
        assert p.tags and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t) for t in p.tags), p.tags
        sentences = [s for s in re.split(r"[。！？]", p.summary) if s.strip()]
        assert 2 <= len(sentences) <= 5, (p.title, len(sentences))
        assert re.search(r"[\u4e00-\u9fff]", p.summary)
        assert p.url == f"https://arxiv.org/abs/{p.arxiv}"


def test_bundled_facts_from_the_articles(bundled):
    by_id = {p.arxiv: p for p in bundled.papers}
    assert by_id["2405.14333"].title.startswith("DeepSeek-Prover")
    assert "46.3%" in by_id["2405.14333"].summary
    assert "2.38" in by_id["2403.05527"].summary
    dpo = by_id["2305.18290"]
    assert ("Zephyr: Direct Distillation of LM Alignment", "2310.16944") in [(r.title, r.arxiv) for r in dpo.related]
    mistral = by_id["2310.06825"]
    assert "2101.03961" in [r.arxiv for r in mistral.related]  # Switch Transformers
    emu = by_id["2311.10709"]
    assert [r.arxiv for r in emu.related] == ["2304.08818"]  # item 10: heading names Align your Latents
    # Papers without a link in the article got their ids.
    assert by_id["2304.01373"].title.startswith("Pythia")
    assert by_id["2305.14314"].title.startswith("QLoRA")


def test_bad_paper_names_file_and_json_path(tmp_path):
    path = write_list(
        tmp_path / "bad.json",
        "Bad",
        [("a", [paper("2405.11157", "ok")]), ("b", [paper(None, "ok"), {"arxiv": None, "summary": "no title"}])],
    )
    with pytest.raises(ListFileError) as err:
        read_list_file(path)
    assert str(err.value) == f"{path}: sections[1].papers[1]: title missing"


@pytest.mark.parametrize(
    "doc, message",
    [
        ([], ": expected an object, found array"),
        ({"sections": []}, ": title missing"),
        ({"title": "x"}, ": sections missing"),
        ({"title": "x", "sections": {}}, ": sections: expected an array, found object"),
        ({"title": "x", "sections": [{"title": "s", "papers": [{"title": "t", "arxiv": "nope"}]}]},
         ": sections[0].papers[0].arxiv: not an arXiv id: 'nope'"),
        ({"title": "x", "sections": [{"title": "s", "papers": [{"title": "t", "tags": [1]}]}]},
         ": sections[0].papers[0].tags[0]: expected a string, found number"),
        ({"title": "x", "sections": [{"title": "s", "papers": [{"title": "t", "links": [{"label": "x"}]}]}]},
         ": sections[0].papers[0].links[0]: url missing"),
    ],
)
def test_format_errors(tmp_path, doc, message):
    path = tmp_path / "l.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ListFileError) as err:
        read_list_file(path)
    assert str(err.value) == f"{path}{message}"
    assert "\n" not in str(err.value)


def test_not_json_says_where(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"title": "x",\n  "sections": [}\n')
    with pytest.raises(ListFileError) as err:
        read_list_file(path)
    assert str(err.value).startswith(f"{path}: not valid JSON")
    assert "line 2" in str(err.value)


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    good = write_list(tmp_path / "good.json", "Good", [("s", [paper("2405.11157", "Shared paper")])])
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    cat = load_catalog([good, bad, tmp_path / "missing.json"])
    assert [rl.title for rl in cat.lists] == ["Good"]
    assert len(cat.errors) == 2
    assert cat.errors[1] == f"{tmp_path / 'missing.json'}: no such file"


def test_unknown_keys_are_ignored(tmp_path):
    path = write_list(
        tmp_path / "x.json", "X", [("s", [paper("2405.11157", "T", extra_field={"a": 1})])], format=1, whatever=[1]
    )
    raw = read_list_file(path)
    assert raw.rows()[0][1][0].title == "T"


def test_same_paper_in_two_lists_is_one_paper(tmp_path):
    a = write_list(tmp_path / "a.json", "A", [("s", [paper("2405.11157", "P"), paper(None, "No id")])])
    b = write_list(tmp_path / "b.json", "B", [("t", [paper("2405.11157v2", "P again"), paper(None, "no  ID")])])
    cat = load_catalog([a, b])
    assert len(cat.papers) == 4
    assert len(cat.unique) == 2
    assert cat.occurrences("2405.11157") == [0, 2]
    assert cat.lists_of("2405.11157") == ["A › s", "B › t"]
    assert cat.resolve("https://arxiv.org/abs/2405.11157v1") == "2405.11157"


def test_category_matches_list_section_and_tag(bundled, tmp_path):
    """``--category`` is a query of the search language (see tests/test_cli.py)."""
    from papertui.library import Library
    from papertui.search import SearchIndex, category_query
    from papertui.store import Store

    index = SearchIndex(Library(catalog=bundled, store=Store.open(tmp_path / "state.json")))

    def find(text: str) -> list[int]:
        return index.search(category_query(text)).indices

    assert len(find("量化")) == 2
    assert len(find("kv-cache")) == 3
    assert len(find("big model weekly")) == 6
    assert find("no such thing") == []
    assert find("kv-cache") == sorted(find("kv-cache"))  # in list order, as before


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "sections", "papers", "arxiv", "tags", "links", "url", "related", "summary", "x"]),
        children, max_size=5),
    max_leaves=20,
))
def test_any_json_gives_a_list_or_a_clean_error(doc):
    try:
        parse_list(doc, "f.json")
    except ListFileError as exc:
        assert str(exc).startswith("f.json: ")
        assert "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_list_or_a_clean_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "l.json"
    path.write_bytes(data)
    try:
        read_list_file(path)
    except ListFileError as exc:
        assert "\n" not in str(exc)


def test_big_lists_are_cached_and_the_cache_is_checked(tmp_path, monkeypatch):
    from papertui import catalog as catalog_module

    monkeypatch.setattr(catalog_module, "CACHE_MIN_BYTES", 0)
    papers = [paper(f"2405.{i:05d}", f"Paper {i}", f"摘要 {i}\nsecond line 🙂", tags=["t"]) for i in range(50)]
    path = write_list(tmp_path / "big.json", "Big", [("A", papers[:30]), ("B", papers[30:]), ("Empty", [])])
    cache = tmp_path / "cache"
    first = load_catalog([path], cache_dir=cache)
    assert not list(cache.glob("*.marshal"))  # deferred until the caller says so
    first.write_caches()
    assert len(list(cache.glob("*.marshal"))) == 1

    def no_parse(*args):
        raise AssertionError("parsed although the cache is current")

    with monkeypatch.context() as m:
        m.setattr(catalog_module, "_read_and_parse", no_parse)
        second = load_catalog([path], cache_dir=cache)
    assert second.titles == first.titles and second.keys == first.keys and second.tags == first.tags
    assert [len(s.papers) for s in second.lists[0].sections] == [30, 20, 0]
    assert second.papers[3].title == "Paper 3"
    # Summaries come back packed and are unpacked when first read, each in its place.
    assert second.papers[47].summary == "摘要 47\nsecond line 🙂" and second.summaries[-1] == "摘要 49\nsecond line 🙂"
    assert list(second.summaries) == list(first.summaries) and len(second.summaries) == 50

    # A changed file is parsed again; a damaged cache is ignored.
    write_list(path, "Big", [("A", papers[:10])])
    assert len(load_catalog([path], cache_dir=cache).titles) == 10
    for f in cache.glob("*.marshal"):
        f.write_bytes(b"garbage")
    assert len(load_catalog([path], cache_dir=cache).titles) == 10


_texts = st.text(alphabet=list("ab Z中文é-\n\t[]\x1b\u3000"), max_size=8)
_paper_dicts = st.fixed_dictionaries(
    {"title": st.one_of(_texts, st.none(), st.integers())},
    optional={
        "arxiv": st.one_of(st.none(), st.sampled_from(["2405.11157", "2405.1115", "2405.11157v2", "", "x", "١٢٣٤.٥٦٧٨"]), st.integers()),
        "summary": st.one_of(st.none(), _texts, st.integers()),
        "tags": st.one_of(st.none(), st.lists(st.one_of(_texts, st.sampled_from(["kv", "KV", "moe"]), st.none()), max_size=3), _texts),
        "authors": st.one_of(st.none(), st.lists(st.one_of(_texts, st.integers()), max_size=2)),
        "links": st.one_of(st.none(), st.lists(st.one_of(
            st.fixed_dictionaries({"url": st.one_of(_texts, st.just("https://a.b/c")), "label": st.one_of(_texts, st.just("arXiv"))}),
            st.fixed_dictionaries({"url": _texts}), st.integers()), max_size=2)),
        "related": st.one_of(st.none(), st.just([]), st.just([{"title": "R", "arxiv": "2405.00001"}])),
    },
)


_words = st.lists(st.text(alphabet="abZ中文é-[]@=", min_size=1, max_size=5), min_size=1, max_size=3).map(" ".join)
_good_papers = st.fixed_dictionaries(
    {"title": _words},
    optional={
        "arxiv": st.one_of(
            st.none(), st.builds("{:04d}.{:05d}".format, st.integers(0, 9999), st.integers(0, 99999)),
            # a line break inside: one rule for both paths (the columnar check joins ids with "\n")
            st.sampled_from(["2405.00001\n2405.00002", "2405.00001\n", "\n2405.00001", "2405.00001\r"]),
        ),
        "summary": st.one_of(st.none(), _texts, _words),
        "tags": st.one_of(st.none(), st.lists(st.text(alphabet="abc-", min_size=1, max_size=4), max_size=3)),
        "authors": st.lists(_words, max_size=2),
        "links": st.lists(st.fixed_dictionaries({"url": _words, "label": _words}), max_size=2),
        "related": st.just([]),
    },
)


@st.composite
def _sections(draw):
    """Mostly well-formed papers (the fast path's business), sometimes one odd one."""
    papers = draw(st.lists(_good_papers, max_size=6))
    if papers and draw(st.booleans()):  # a title that needs cleaning, often the last one
        i = draw(st.sampled_from([len(papers) - 1, 0]))
        edit = draw(st.sampled_from(["{} ", " {}", "{}  x", "{}\tx"]))
        papers[i] = {**papers[i], "title": edit.format(papers[i]["title"])}
    if draw(st.booleans()):
        papers.insert(draw(st.integers(0, len(papers))), draw(_paper_dicts))
    return papers


@settings(max_examples=int(__import__('os').environ.get('HYP_N', 200)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sections())
def test_the_columnar_fast_path_agrees_with_the_thorough_one(papers):
    """Big sections are validated a column at a time; whatever that accepts must come
    out exactly as the paper-by-paper path (which names errors and cleans text) makes it."""
    from papertui.catalog import _fast_columns, _fast_paper, _parse_paper, _to_columns, _Validator

    v = _Validator("f.json")
    for i, p in enumerate(papers):  # the per-paper fast path, too
        fast = _fast_paper(p)
        assert fast is None or fast == _parse_paper(v, p, f"papers[{i}]")
    cols = _fast_columns(papers)
    if cols is None:
        return
    assert cols == _to_columns([_parse_paper(v, p, f"papers[{i}]") for i, p in enumerate(papers)])


def test_the_columnar_fast_path_takes_well_formed_sections():
    from papertui.catalog import _fast_columns

    papers = [
        paper(f"2405.{i:05d}", f"Paper {i} 论文", "摘要。\nSecond line", tags=["kv", "kv", "moe"],
              links=[{"label": "arXiv", "url": f"https://arxiv.org/abs/2405.{i:05d}"}], authors=["A. B"])
        for i in range(20)
    ] + [paper(None, "No id", links=[])]
    cols = _fast_columns(papers)
    assert cols is not None  # no fall-back for ordinary papers
    assert cols[3][0] == ("kv", "moe") and cols[4][0] == (("arXiv", "https://arxiv.org/abs/2405.00000"),)
    assert cols[2][0] == "摘要。\nSecond line" and cols[0][-1] is None and cols[4][-1] == ()


def test_big_files_without_a_cache_can_be_deferred_and_precached(tmp_path, monkeypatch):
    from papertui import catalog as catalog_module
    from papertui import precache

    monkeypatch.setattr(catalog_module, "CACHE_MIN_BYTES", 0)
    monkeypatch.setattr(catalog_module, "DEFER_MIN_BYTES", 1000)
    small = write_list(tmp_path / "small.json", "Small", [("A", [paper("2405.00001", "Tiny")])])
    big = write_list(tmp_path / "big.json", "Big", [("A", [paper(f"2405.{i:05d}", f"Paper {i}", "x" * 50) for i in range(2, 40)])])
    cache = tmp_path / "cache"
    assert not catalog_module.slow_to_load(small, cache) and catalog_module.slow_to_load(big, cache)

    first = load_catalog([], [small, big], cache_dir=cache, defer_slow=True)
    assert first.deferred == [str(big)] and [rl.title for rl in first.lists] == ["Small"]

    old_format = cache / (catalog_module._cache_prefix(big).rstrip("-") + ".marshal")  # an earlier papertui's
    cache.mkdir(parents=True, exist_ok=True)
    old_format.write_bytes(b"old")
    assert precache.main([str(cache), str(big), str(tmp_path / "missing.json")]) == 0  # a bad name is skipped
    assert not old_format.exists() and len(list(cache.glob("*.marshal"))) == 1
    assert not catalog_module.slow_to_load(big, cache)
    second = load_catalog([], [small, big], cache_dir=cache, defer_slow=True)
    assert second.deferred == [] and len(second.unique) == 39

    # A new version of the file needs a new cache; the old one is replaced when it is written.
    write_list(big, "Big", [("A", [paper("2405.00002", "Changed", "y" * 2000)])])
    assert catalog_module.slow_to_load(big, cache)
    precache.main([str(cache), str(big)])
    assert len(list(cache.glob("*.marshal"))) == 1
    assert load_catalog([], [big], cache_dir=cache).titles == ["Changed"]
