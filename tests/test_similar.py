"""Similar papers: the TF-IDF index against a plain cosine, on the bundled lists, cached on disk."""

from __future__ import annotations

import json
import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papertui import similar
from papertui.cli import main
from papertui.library import Library

from .conftest import paper, write_list


def test_tokens_fold_words_and_pair_chinese_characters():
    assert similar.tokens("The KV-Caches of Transformers 注意力机制 和 量化") == [
        "kv-cache", "transformer", "注意", "意力", "力机", "机制", "和", "量化",
    ]
    assert similar.tokens("corpus focus status") == ["corpus", "focus", "status"]  # not plurals


def reference_scores(texts: list[str], row: int) -> list[float]:
    """The slow, obvious path: every term kept, cosine of dict vectors."""
    counts = [Counter(similar.doc_tokens(t)) for t in texts]
    n = len(texts)
    df = Counter(term for c in counts for term in c)
    vectors = []
    for c in counts:
        v = {t: (1 + math.log(tf)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, tf in c.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vectors.append({t: w / norm for t, w in v.items()})
    return [sum(w * vectors[row].get(t, 0.0) for t, w in vec.items()) for vec in vectors]


WORDS = ["cache", "kv", "attention", "sparse", "quantization", "注意力", "量化", "缓存压缩", "agent", "reward"]
texts_strategy = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join), min_size=2, max_size=12
)


@settings(max_examples=60, deadline=None)
@given(texts_strategy, st.data())
def test_scores_match_a_plain_cosine(texts, data):
    docs = [f"{t}\x1f\x1f{t[::-1]}\x1f" for t in texts]  # title and a summary (reversed words)
    keys = [f"k{i}" for i in range(len(docs))]
    index = similar.build(keys, docs)
    row = data.draw(st.integers(0, len(docs) - 1))
    terms, weights = index.vector(keys[row])
    fast = index._scores(terms, weights)
    slow = reference_scores(docs, row)
    for other in range(len(docs)):
        if other != row:
            assert fast[other] == pytest.approx(slow[other], abs=1e-5)
    expect = sorted((s for i, s in enumerate(slow) if i != row and s >= similar.MIN_SCORE), reverse=True)[:3]
    got = index.similar(keys[row], 3)
    assert [score for _, score in got] == pytest.approx(expect, abs=1e-5)  # the best, best first
    assert all(slow[keys.index(k)] == pytest.approx(score, abs=1e-5) for k, score in got)


def bundled() -> Library:
    return Library.open()


def test_the_kv_cache_papers_find_each_other(home):
    lib = bundled()
    index = similar.load_or_build(lib)
    kv = {"2405.10637", "2403.05527", "2405.12981"}  # layer-condensed, GEAR, cross-layer attention
    for arxiv in kv:
        found = [lib.catalog.arxivs[i] for i, _ in similar.similar_indices(lib, index, lib.catalog.first_index[arxiv])]
        assert len(found) <= similar.SHOWN
        assert kv - {arxiv} <= set(found[:3]), (arxiv, found)


def test_chinese_only_papers_match_through_character_pairs(home):
    write_list(home / "lists" / "zh.json", "中文", [("节", [
        paper(None, "高效缓存压缩方法", "我们提出一种键值缓存压缩的方法"),
        paper(None, "键值缓存压缩再探", "缓存压缩与量化的结合"),
        paper(None, "强化学习中的奖励建模", "奖励模型与偏好"),
    ])])
    lib = bundled()
    index = similar.load_or_build(lib)
    first = lib.catalog.first_index
    key = next(k for k in first if lib.catalog.titles[first[k]] == "高效缓存压缩方法")
    best = similar.similar_indices(lib, index, first[key], 1)
    assert lib.catalog.titles[best[0][0]] == "键值缓存压缩再探"


def test_the_index_is_cached_and_rebuilt_when_the_papers_change(home, monkeypatch):
    lib = bundled()
    first = similar.load_or_build(lib)
    files = list((home / "cache").glob("similar-*.npz"))
    assert len(files) == 1
    calls = []
    real_build = similar.build
    monkeypatch.setattr(similar, "build", lambda *a, **k: calls.append(1) or real_build(*a, **k))
    again = similar.load_or_build(bundled())
    assert calls == [] and again.keys == first.keys
    assert np.array_equal(again.post_rows, first.post_rows)
    # The user's own tag changes a paper's text: built again, the old file removed.
    lib.store.update("2405.11157", tags=["mixture-of-experts"])
    similar.load_or_build(lib)
    assert calls == [1]
    assert [f.name for f in (home / "cache").glob("similar-*.npz")] != [f.name for f in files]
    assert len(list((home / "cache").glob("similar-*.npz"))) == 1


def test_a_damaged_cache_file_is_built_again(home):
    lib = bundled()
    similar.load_or_build(lib)
    (path,) = (home / "cache").glob("similar-*.npz")
    path.write_bytes(b"not numpy")
    assert len(similar.load_or_build(lib)) == len(lib.catalog.unique)


def test_relevance_to_my_stars_puts_the_kv_papers_first(home):
    lib = bundled()
    index = similar.load_or_build(lib)
    lib.store.update("2405.12981", starred=True)
    ranked = [lib.catalog.arxivs[i] for i in similar.rank_by_profile(lib, index, lib.catalog.unique)]
    assert ranked[0] == "2405.12981"
    assert {"2405.10637", "2403.05527"} <= set(ranked[1:4])
    assert sorted(ranked) == sorted(lib.catalog.arxivs[i] for i in lib.catalog.unique)  # all kept


def test_no_stars_keeps_the_order(home):
    lib = bundled()
    index = similar.load_or_build(lib)
    assert similar.rank_by_profile(lib, index, lib.catalog.unique) == list(lib.catalog.unique)


def test_cli_similar_json_and_text(home, capsys):
    assert main(["similar", "2405.10637", "--json", "-n", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 3 and out[0]["arxiv"] in {"2403.05527", "2405.12981"}
    assert out[0]["score"] >= out[1]["score"] >= out[2]["score"] > 0
    assert main(["similar", "https://arxiv.org/abs/2405.10637"]) == 0
    text = capsys.readouterr().out
    assert "like: Layer-Condensed KV Cache" in text and "2403.05527" in text
    assert main(["similar", "9999.99999"]) == 1
    assert "unknown paper: 9999.99999" in capsys.readouterr().err


def test_pdfs_similar_and_citations_do_not_import_textual(home):
    import subprocess
    import sys

    code = (
        "import sys, papertui.pdfs, papertui.similar, papertui.citations\n"
        "from papertui.cli import main\n"
        "main(['similar', '2405.10637', '--json'])\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_a_term_in_most_papers_of_a_big_library_is_left_out():
    texts = [f"common word{i // 2} extra{i % 7}\x1f\x1f\x1f" for i in range(similar.MAX_DF_FROM)]
    index = similar.build([f"k{i}" for i in range(len(texts))], texts)
    terms, _ = index.vector("k0")
    # word0 (2 papers) and extra0 stay; "common" (every paper) has no postings.
    assert len(terms) == 2
    assert [k for k, _ in index.similar("k0", 1)] == ["k1"]
    small = similar.build(["a", "b", "c"], texts[:3])
    assert len(small.vector("a")[0]) == 2  # common and word0: a small library keeps every term


def test_on_build_is_called_only_when_building(home):
    lib = bundled()
    calls = []
    similar.load_or_build(lib, on_build=calls.append)
    similar.load_or_build(lib, on_build=calls.append)
    assert calls == [len(lib.catalog.unique)]


def test_papers_known_only_by_their_id_are_not_similar_to_each_other(home):
    """Ids imported offline are titled "arXiv:ID" until their metadata comes: that placeholder is no
    text to compare, so they do not all list each other as similar."""
    write_list(home / "lists" / "ids.json", "ids", [("Papers", [
        paper("2801.11111", "arXiv:2801.11111", ""), paper("2801.22222", "arXiv:2801.22222", ""),
        paper("2801.33333", "arXiv:2801.33333", ""),
    ])])
    lib = bundled()
    index = similar.load_or_build(lib)
    assert similar.similar_indices(lib, index, lib.catalog.first_index["2801.11111"]) == []
