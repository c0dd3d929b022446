import pytest
from hypothesis import example, given, settings, strategies as st

from papertui.library import Library
from papertui.search import SearchIndex, Term, highlight_spans, parse
from .conftest import paper, write_list


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PAPERTUI_HOME", str(tmp_path_factory.mktemp("home")))
        lib = Library.open()
    return SearchIndex(lib)


def ids(index, query, scope=None):
    lib = index.lib
    return [lib.catalog.papers[i].arxiv for i in index.search(query, scope).indices]


def test_parse_words_phrases_negation_and_fields():
    q = parse('KV "cross-layer attention" -gear tag:kv-cache list:Weekly sec:量化 id:2405.12981v2 year:2024 is:unread')
    assert q.terms == [
        Term("kv"),
        Term("cross-layer attention", phrase=True),
        Term("gear", negate=True),
        Term("kv-cache", "tag"),
        Term("weekly", "list"),
        Term("量化", "sec"),
        Term("2405.12981", "id"),
        Term("2024", "year"),
        Term("unread", "is"),
    ]


def test_parse_pasted_ids_and_urls():
    for raw in ("2403.09629", "https://arxiv.org/pdf/2403.09629v2", "arXiv:2403.09629", "arxiv.org/abs/2403.09629"):
        assert parse(raw).terms == [Term("2403.09629", "id")], raw


def test_parse_half_typed_and_unknown_fields():
    assert parse("tag:").terms == []
    assert parse("-").terms == []
    assert parse('"').terms == []
    assert parse("foo:bar").terms == [Term("foo:bar")]
    assert parse("-is:read").terms == [Term("read", "is", negate=True)]


@given(st.text())
def test_any_string_parses(raw):
    parse(raw)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list('abc xyz-:"[]@/=.量化注意力KV2405') + ["year:", "id:", "tag:", "is:", "read", "-"]),
                max_size=12).map("".join))
def test_any_query_searches_without_raising(index, raw):
    result = index.search(raw)
    assert len(set(result.indices)) == len(result.indices)


def test_words_are_anded_case_insensitive(index):
    assert ids(index, "KV cache") == ids(index, "kv CACHE")
    assert set(ids(index, "cache kv")) == {"2405.10637", "2405.12981", "2403.05527"}


def test_chinese_substring(index):
    assert set(ids(index, "量化")) >= {"2405.14129", "2405.14105", "2403.05527"}
    assert "2405.12981" in ids(index, "注意力")


def test_phrase_and_exclusion(index):
    assert ids(index, '"cross-layer attention"') == ["2405.12981"]
    assert set(ids(index, "kv-cache -gear")) == {"2405.10637", "2405.12981"}


def test_field_filters(index):
    assert set(ids(index, "tag:kv-cache")) == {"2405.10637", "2405.12981", "2403.05527"}
    assert len(ids(index, "list:weekly")) == 6
    assert ids(index, "sec:量化") == ["2405.14129", "2405.14105"]
    assert ids(index, "id:2405.12981") == ["2405.12981"]
    assert len(ids(index, "year:2023")) == 10
    assert ids(index, "year:2023 tag:segmentation") == ["2304.02643"]
    assert ids(index, "year:abc") == []


def test_state_filters(tmp_path):
    lib = Library.open(db=tmp_path / "s.json")
    lib.store.set_read("2405.11157", True)
    lib.store.set_starred("2403.09629", True)
    idx = SearchIndex(lib)
    assert [lib.catalog.papers[i].arxiv for i in idx.search("is:read").indices] == ["2405.11157"]
    assert [lib.catalog.papers[i].arxiv for i in idx.search("is:starred").indices] == ["2403.09629"]
    assert len(idx.search("is:unread").indices) == 32
    assert len(idx.search("-is:read").indices) == 32


def test_pasted_url_finds_the_paper(index):
    assert ids(index, "https://arxiv.org/pdf/2403.09629v2") == ["2403.09629"]


def test_typos_find_the_paper_ranked_below_exact(index):
    fuzzy = ids(index, "trnsformer")
    assert {"2405.12981", "2405.12250", "2405.11582"} <= set(fuzzy)
    assert ids(index, "qunatization")[:1] and "2305.14314" in ids(index, "qunatization")
    # Exact title matches come before summary-only and fuzzy matches.
    exact = ids(index, "transformer")
    assert exact[0] in {"2405.12981", "2405.12250"}
    assert exact.index("2405.10637") > exact.index("2405.12981")  # summary only: ranked lower


def test_title_hits_rank_above_summary_hits(index):
    ranked = ids(index, "lora")
    assert ranked[0] == "2405.11157"  # "LoRAs" in the title, whole word
    assert set(ranked) >= {"2305.14314", "2405.12130"}


def test_markup_and_garbage_are_just_text(index):
    assert ids(index, "[/bold]]][[@click") == []
    assert ids(index, "[RL]") == []


def test_scope_limits_the_search(index):
    lib = index.lib
    weekly = lib.catalog.lists[1].papers
    assert ids(index, "kv", scope=weekly) == ["2403.05527"]


def test_highlight_spans():
    assert highlight_spans("Reducing Transformer KV", ["transformer", "kv"]) == [(9, 20), (21, 23)]
    assert highlight_spans("aaa", ["aa"]) == [(0, 2)]
    assert highlight_spans("量化与校准", ["量化", "化与"]) == [(0, 3)]
    assert highlight_spans("x", []) == []


def test_ascii_words_do_not_match_across_chinese(tmp_path):
    from .conftest import paper, write_list

    path = write_list(tmp_path / "l.json", "L", [("S", [paper(None, "kv量cache tricks", "总结 sparse注意力 attention")])])
    lib = Library.open(db=tmp_path / "s.json", extra_lists=[path])
    idx = SearchIndex(lib)
    mine = lib.catalog.first_index[lib.catalog.keys[-1]]
    assert mine in idx.search("kv").indices and mine in idx.search("cache").indices
    assert mine not in idx.search('"kv cache"').indices  # the cut is not a space
    assert mine in idx.search('"kv量cache"').indices
    assert mine in idx.search("sparse attention").indices and mine in idx.search("注意力").indices


@pytest.mark.parametrize("bulk", [False, True])
def test_read_and_starred_views_are_exact_in_both_filter_paths(tmp_path, monkeypatch, bulk):
    """Unread/Starred over a big library take a NumPy path; it must pick the same rows,
    papers listed twice (a section of another list) included."""
    from papertui import library as library_module

    monkeypatch.setattr(library_module, "FILTER_BULK_MIN", 1 if bulk else 10**9)
    twice = write_list(tmp_path / "again.json", "Again", [("s", [paper("2405.11157", "Again"), paper("2301.00001", "New")])])
    lib = Library.open(db=tmp_path / "s.json", extra_lists=[twice])
    lib.store.set_read("2405.11157", True)  # in a bundled list and in "Again"
    lib.store.set_starred("2301.00001", True)
    section = lib.catalog.lists[-1].sections[0].papers
    every = list(range(len(lib.catalog.keys)))
    assert lib.filter(section, read=False) == [section[1]]
    assert lib.filter(section, read=True) == [section[0]]
    assert lib.filter(every, starred=True) == [section[1]]
    expected = [i for i in every if lib.catalog.keys[i] != "2405.11157"]
    assert lib.filter(every, read=False) == expected
    assert lib.filter(every, read=False, starred=True) == [section[1]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 15), min_size=1, max_size=8), min_size=1, max_size=4),
    st.sets(st.integers(0, 15)),
    st.sets(st.integers(0, 15)),
)
def test_the_smart_views_fast_path_picks_what_a_scan_picks(tmp_path_factory, sections, read, starred):
    """Unread and Starred over all papers cut the marked papers out of the unique list;
    the result must be what checking every paper gives, papers listed twice included."""
    home = tmp_path_factory.mktemp("views")
    path = write_list(
        home / "v.json",
        "V",
        [(f"s{n}", [paper(f"2401.{i:05d}", f"Paper {i}") for i in dict.fromkeys(ids)]) for n, ids in enumerate(sections)],
    )
    lib = Library.open(db=home / "s.json", extra_lists=[path])
    for i in read:
        lib.store.set_read(f"2401.{i:05d}", True)  # some are in no list: ignored
    for i in starred:
        lib.store.set_starred(f"2401.{i:05d}", True)
    keys, unique = lib.catalog.keys, lib.catalog.unique
    for wanted in (True, False):
        expected_read = [i for i in unique if lib.store.is_read(keys[i]) == wanted]
        expected_star = [i for i in unique if lib.store.is_starred(keys[i]) == wanted]
        assert lib.filter(unique, read=wanted) == expected_read
        assert lib.filter(unique, starred=wanted) == expected_star


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet="ab1 c\n中", max_size=30), min_size=1, max_size=20),
    st.text(alphabet="ab1 c中\x00", min_size=1, max_size=3),
)
def test_a_scan_finds_what_str_find_finds(tmp_path_factory, summaries, needle):
    """Every paper holding the word is found, by the full scan (ASCII words search the
    ASCII copies) and by a narrowed one, with the same field weights; and the same
    again with the table of letter pairs (big libraries), built a few papers a step."""
    papers = [paper(None, f"P{i}", s) for i, s in enumerate(summaries)]
    path = write_list(tmp_path_factory.mktemp("v") / "v.json", "V", [("s", papers)])
    index = SearchIndex(Library.open(db=path.parent / "s.json", extra_lists=[path]))
    everything = __import__("numpy").arange(len(index.hay))
    where, weights = index._exact(needle, None, everything)
    expected = [pos for pos, hay in enumerate(index.hay) if needle in hay and (not needle.isascii() or "\x00" not in needle)]
    assert where.tolist() == expected
    narrowed, weights2 = index._exact(needle, None, everything[:-1])
    assert narrowed.tolist() == [p for p in expected if p < len(everything) - 1]
    assert weights2.tolist() == weights[: len(narrowed)].tolist()
    from papertui import search as search_module

    chunk, search_module._BIGRAM_CHUNK = search_module._BIGRAM_CHUNK, 8
    try:
        index._bigrams = index._bigram_table()
    finally:
        search_module._BIGRAM_CHUNK = chunk
    for cand in (everything, everything[:-1]):
        with_table = index._exact(needle, None, cand)
        assert with_table[0].tolist() == [p for p in expected if p < len(cand)]
        assert with_table[1].tolist() == weights[: len(with_table[0])].tolist()


@settings(max_examples=120, deadline=None)
@example([("t", "xab")], ["b", "\b", "a", "b"])  # "ab" is looked for in what "b" matched, from 1 before it
@given(
    st.lists(st.tuples(st.text(alphabet="ab c中文", max_size=12), st.text(alphabet="ab1 c\n中字", max_size=40)), min_size=1, max_size=12),
    st.lists(
        st.one_of(
            st.sampled_from(["\b", "\b", " ", " OR ", "-", "tag:", "中文字"]),  # (the last: CJK near matches)
            st.text(alphabet="abc中文", min_size=1, max_size=1),
        ),
        max_size=14,
    ),
)
def test_typing_a_query_key_by_key_finds_what_a_fresh_search_finds(tmp_path_factory, texts, keys):
    """Each keystroke scans only what the last matched, from where it matched (the kept
    results); the list must be the one a search from scratch gives, in the same order."""
    papers = [paper(None, title or "-", summary) for title, summary in texts]
    path = write_list(tmp_path_factory.mktemp("k") / "k.json", "K", [("s", papers)])
    lib = Library.open(db=path.parent / "s.json", extra_lists=[path])
    typed, fresh = SearchIndex(lib), SearchIndex(lib)
    from papertui import search as search_module

    chunk, search_module._BIGRAM_CHUNK = search_module._BIGRAM_CHUNK, 8
    try:
        typed._bigrams = typed._bigram_table()  # (big libraries: the table narrows first)
    finally:
        search_module._BIGRAM_CHUNK = chunk
    query = ""
    for key in keys:
        query = query[:-1] if key == "\b" else query + key
        fresh.forget_results()
        assert typed.search(query).indices == fresh.search(query).indices, query


def test_words_typed_together_in_a_title_rank_first(tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "home"))
    extra = write_list(
        tmp_path / "t.json",
        "T",
        [
            (
                "s",
                [
                    paper(None, "Cache policies for sparse models"),  # both words, apart
                    paper(None, "Notes", "A sparse cache in the summary."),  # the phrase, not in a title
                    paper(None, "Fast sparse cache eviction"),  # the phrase in the title
                    paper(None, "稀疏 sparse cache 量化"),  # the phrase in a title with CJK around it
                    paper(None, "Sparse models", "Where a cache helps."),  # one word in the title
                ],
            )
        ],
    )
    lib = Library.open(extra_lists=[extra])
    idx = SearchIndex(lib)
    titles = [lib.catalog.papers[i].title for i in idx.search("sparse cache").indices if lib.catalog.papers[i].arxiv is None]
    assert titles[:2] == ["Fast sparse cache eviction", "稀疏 sparse cache 量化"]
    assert titles[2] == "Cache policies for sparse models"
    assert set(titles[3:]) == {"Notes", "Sparse models"}


def test_notes_and_own_tags_are_searched_as_they_change(tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "home"))
    lib = Library.open()
    index = SearchIndex(lib)
    key = lib.catalog.keys[lib.catalog.unique[3]]
    assert index.search("zebrafish").indices == []
    lib.store.update(key, note="Zebrafish experiments, worth a look")
    assert index.search("zebrafish").indices == [lib.catalog.unique[3]]
    lib.store.update(key, note="", tags=["okapi"])
    assert index.search("zebrafish").indices == []
    assert index.search("okapi").indices == [lib.catalog.unique[3]]


@given(st.lists(st.sampled_from([0.0, 2.0, 3.0, 8.0, 10.0, 12.0, 20.0, 1.275, 11.5, 40000.0]), min_size=1, max_size=40))
def test_best_first_is_a_stable_sort_by_descending_score(values):
    import numpy as np

    from papertui.search import _best_first

    for repeat in (1, 1001 // len(values) + 1):  # short, and long enough for the integer sort
        scores = np.tile(np.asarray(values, np.float64), repeat)
        assert _best_first(scores).tolist() == np.argsort(-scores, kind="stable").tolist()
