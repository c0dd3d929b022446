"""The query language's newer parts: hints, OR, author:, CJK near matches, where a hit
ranks, and folding (one owner for matching and highlighting)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.folding import fold, fold_spans
from papertui.library import Library
from papertui.search import SearchIndex, Term, highlight_spans, parse

from .conftest import paper, write_list


def titles_for(index, query):
    """Titles found in the test's own list (the bundled lists are loaded too)."""
    lib = index.lib
    return [lib.catalog.papers[i].title for i in index.search(query, lib.catalog.lists[-1].papers).indices]


@pytest.fixture
def small(tmp_path):
    path = write_list(
        tmp_path / "q.json",
        "Q",
        [
            ("Sparse kernels", [
                paper("2401.00001", "KV cache eviction", "We evict entries.", authors=["Tri Dao", "Ann Lee"]),
                paper("2401.00002", "Low-bit quantization", "Weights in 4 bits."),
                paper("2401.00003", "Attention sinks", "注意力 的分布 很集中", authors=["Wei Zhang"]),
                paper("2401.00004", "Mixture of experts", "Routing tokens; sparse gates."),
                paper("2401.00005", "注意力机制 综述", "A survey."),
                paper("2401.00006", "Die Straße der Modelle", "Über Größe."),
            ]),
        ],
    )
    return SearchIndex(Library.open(db=tmp_path / "s.json", extra_lists=[path]))


def test_unknown_and_empty_filters_give_a_hint():
    assert parse("foo:bar").hints == ["unknown filter foo: — try tag: list: sec: id: year: is: author: in:"]
    assert parse("foo:bar").terms == [Term("foo:bar")]  # still searched as a word
    assert "is:foo matches nothing" in parse("is:foo").hints[0]
    assert parse("tag:").terms == [] and "tag: needs a value" in parse("tag:").hints[0]
    assert parse('tag:"" kv').terms == [Term("kv")] and "tag: needs a value" in parse('tag:"" kv').hints[0]
    assert "year:abc matches nothing" in parse("year:abc").hints[0]
    for fine in ("kv tag:kv-cache is:unread author:dao", "https://arxiv.org/abs/2401.00001", "c++:x"):
        assert parse(fine).hints == [], fine


def test_an_empty_tag_filter_is_ignored_not_all(small):
    """``tag:`` alone is ignored with a hint (the list stays as it was: everything);
    ``tag: kv`` searches kv."""
    assert titles_for(small, "tag: kv") == titles_for(small, "kv")


def test_or_between_terms_and_binds_looser_than_and(small):
    assert set(titles_for(small, "eviction OR quantization")) == {"KV cache eviction", "Low-bit quantization"}
    # (kv AND cache) OR (sparse AND -kernels... ) : AND binds tighter
    assert set(titles_for(small, "kv cache OR routing tokens")) == {"KV cache eviction", "Mixture of experts"}
    assert titles_for(small, "kv bits OR nothing-here") == []
    assert parse("kv OR").terms == [Term("kv")] and parse("OR kv OR OR").terms == [Term("kv")]
    assert parse('"OR"').terms == [Term("or", phrase=True)]
    assert len(parse("a b OR c -d").groups) == 2


def test_author_filter_reads_list_and_fetched_authors(small):
    assert titles_for(small, "author:dao") == ["KV cache eviction"]
    assert titles_for(small, 'author:"wei zhang"') == ["Attention sinks"]
    assert titles_for(small, "author:nobody") == []
    small.lib.store.put_metadata({"2401.00004": {"authors": ["Noam Shazeer"], "title": "x"}})
    assert titles_for(small, "author:shazeer") == ["Mixture of experts"]
    assert set(titles_for(small, "-author:dao")) == set(titles_for(small, "")) - {"KV cache eviction"}


def test_a_longer_chinese_phrase_still_finds_the_closest_papers(small):
    ranked = titles_for(small, "注意力机制")
    assert ranked[0] == "注意力机制 综述"  # the exact hit only: no near matches when there is one
    near = titles_for(small, "注意力机理")  # found nowhere as typed: the share of its pairs decides
    assert near == ["注意力机制 综述", "Attention sinks"]  # 3 of 4 pairs, then 2 of 4 (注意力)
    assert titles_for(small, "注意鸭子") == []  # a quarter of the pairs is not close enough
    assert titles_for(small, '"注意力机理"') == []  # a quoted phrase is exact


def test_a_title_or_summary_hit_ranks_above_a_section_name_hit(small):
    ranked = titles_for(small, "sparse")
    assert ranked[0] == "Mixture of experts"  # "sparse" in its summary
    assert len(ranked) == 6  # every paper is in the "Sparse kernels" section: last


def test_folding_finds_and_highlights_the_same_text(small):
    assert titles_for(small, "strasse") == ["Die Straße der Modelle"]
    assert highlight_spans("Die Straße der", ["strasse"]) == [(4, 10)]
    assert highlight_spans("Über Größe", [fold("GRÖSSE")]) == [(5, 10)]
    assert highlight_spans("ﬁnd", ["f"]) == [(0, 1)]  # half of a folded character marks all of it


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAsSßẞİiﬁfı \u0130", max_size=20), st.text(alphabet="asßfi ", min_size=1, max_size=4))
def test_highlights_cover_exactly_what_folded_matching_finds(text, needle):
    needle = fold(needle)
    spans = fold_spans(text, [needle])
    assert bool(spans) == (needle in fold(text))
    at = 0
    for start, end in spans:
        assert at <= start < end <= len(text)
        assert needle in fold(text[start:end])
        at = end


WORDS = ["kv", "cache", "bits", "注意力", "sparse", "tag:kv", "-routing", "is:read", "author:dao", "sec:sparse", '"low-bit"']


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), min_size=1, max_size=3))
def test_or_finds_the_union_of_its_sides_each_with_its_best_score(tmp_path_factory, groups):
    """The reference: each side searched alone; OR's result is their union, ranked by each
    paper's best score (ties in list order)."""
    home = tmp_path_factory.mktemp("or")
    path = write_list(home / "o.json", "O", [("Sparse", [
        paper("2401.00001", "KV cache bits", "sparse routing", tags=["kv-cache"], authors=["Tri Dao"]),
        paper("2401.00002", "Low-bit cache", "注意力"),
        paper("2401.00003", "注意力 sparse", "kv"),
        paper("2401.00004", "Routing", "cache bits kv"),
    ])])
    lib = Library.open(db=home / "s.json", extra_lists=[path])
    lib.store.set_read("2401.00002", True)
    index = SearchIndex(lib)
    sides = [" ".join(g) for g in groups]
    mine = lib.catalog.lists[-1].papers
    combined = index.search(" OR ".join(sides), mine).indices
    alone = [index.search(side, mine).indices for side in sides]
    assert set(combined) == set().union(*alone)
    assert len(combined) == len(set(combined))
    if len(alone) == 1:
        assert combined == alone[0]
    elif len(set(map(tuple, alone))) == 1:
        assert combined == alone[0]  # "a OR a" is "a"


@settings(max_examples=120, deadline=None)
@given(st.lists(st.text(alphabet="注意力机制的 a", max_size=12), min_size=1, max_size=8), st.text(alphabet="注意力机制的", min_size=3, max_size=5))
def test_cjk_near_matches_are_the_papers_holding_half_the_pairs(tmp_path_factory, summaries, word):
    """The reference: when no paper holds the word, the papers holding at least half of its
    distinct pairs of neighbouring characters, the more pairs the higher."""
    home = tmp_path_factory.mktemp("cjk")
    path = write_list(home / "c.json", "C", [("s", [paper(None, f"P{i}", s) for i, s in enumerate(summaries)])])
    lib = Library.open(db=home / "s.json", extra_lists=[path])
    mine = lib.catalog.lists[-1].papers
    found = SearchIndex(lib).search(word, mine).indices
    if any(word in s for s in summaries):
        assert found == [i for i, s in zip(mine, summaries) if word in s]
        return
    pairs = list(dict.fromkeys(word[k : k + 2] for k in range(len(word) - 1)))
    held = {i: sum(p in s for p in pairs) for i, s in zip(mine, summaries)}
    expected = sorted((i for i in mine if 2 * held[i] >= len(pairs) and held[i]), key=lambda i: -held[i])
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(6)), st.sampled_from(["kv cache", "sparse", "is:unread", "bits OR sparse", "a e"]))
def test_a_scope_in_any_order_ranks_the_same_and_keeps_its_order_for_ties(tmp_path_factory, order, query):
    """A sorted view passes its papers in its own order: the scores must not depend on it
    (scans are merged by position), and equal scores keep the view's order."""
    home = tmp_path_factory.mktemp("o")
    path = write_list(home / "o.json", "O", [("s", [
        paper(f"2401.0000{i}", t, s) for i, (t, s) in enumerate([
            ("KV cache a", "e"), ("Cache kv", "sparse e"), ("Sparse", "kv cache bits"),
            ("Bits", "a e"), ("Nothing", "sparse a"), ("A e", "cache"),
        ])
    ])])
    lib = Library.open(db=home / "s.json", extra_lists=[path])
    index = SearchIndex(lib)
    mine = lib.catalog.lists[-1].papers
    view = [mine[i] for i in order]
    in_list_order = index.search(query, mine).indices
    in_view_order = index.search(query, view).indices
    assert sorted(in_view_order) == sorted(in_list_order)
    # Same ranking, ties broken by the view: sorting the list-order result by (rank of its
    # score group, place in the view) gives the view-order result.
    from itertools import groupby

    scores = {}
    for rank, (_, group) in enumerate(groupby(in_list_order, key=lambda i: _score_of(index, query, mine, i)), 1):
        for i in group:
            scores[i] = rank
    assert in_view_order == sorted(in_list_order, key=lambda i: (scores[i], view.index(i)))


def _score_of(index, query, scope, paper_index):
    """The score search gave ``paper_index`` (through the group search itself)."""
    import numpy as np

    q = parse(query)
    position = int(index._position_of[paper_index])
    candidates = sorted(int(index._position_of[i]) for i in scope)
    best = None
    for group in q.groups:
        cand, scores = index._search_group(group, candidates, scope, None, [])
        hit = np.flatnonzero(cand == position)
        if len(hit):
            best = max(best or 0.0, float(scores[hit[0]]))
    return best
