"""Tags have one owner (papertui.tags): every loader and importer gives the same tag."""

from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from papertui import feeds, sync
from papertui.catalog import parse_list
from papertui.importers import import_text
from papertui.importers.simple import parse_arxiv_email, parse_bibtex
from papertui.library import Library
from papertui.search import SearchIndex
from papertui.settings import load_session
from papertui.store import Store
from papertui.tags import normalize_tag, normalize_tags, parse_tags, tag_matches

from .conftest import paper, write_list


def test_the_canonical_form_is_lower_case_words_joined_by_hyphens():
    for typed in ("KV Cache", "kv cache", "kv-cache", "kv_cache", " KV--Cache ", "ＫＶ　Cache", "kv\u2013cache"):
        assert normalize_tag(typed) == "kv-cache", typed
    assert normalize_tag("cs.CL") == "cs.cl"  # (an arXiv category keeps its dot)
    assert normalize_tag("长 上下文") == "长-上下文"
    assert normalize_tag("Straße") == "straße"  # lower case, readable; matching folds it
    assert normalize_tag(" - _ ") == ""
    assert normalize_tags(["KV cache", "kv-cache", 3, "", "peft"]) == ["kv-cache", "peft"]
    assert parse_tags("KV cache, peft,, peft ,  长 上下文，量化") == ["kv-cache", "peft", "长-上下文", "量化"]


def test_tag_filter_matches_parts_case_folded():
    assert tag_matches("kv", "kv-cache") and tag_matches("KV Cache", "kv-cache")
    assert tag_matches("strasse", "straße") and not tag_matches("", "kv-cache")
    assert not tag_matches("cache-kv", "kv-cache")


# Tag texts as people write them: cases, spaces, hyphens, underscores, dots, full-width and CJK.
tag_text = st.text(alphabet="aBkKvV .-_注意ＫＶ\u3000", min_size=1, max_size=10)


def _from_list_file(raw: str) -> list[str]:
    doc = {"title": "L", "sections": [{"title": "S", "papers": [{"title": "T", "tags": [raw]}]}]}
    return list(parse_list(doc, "l.json").rows()[0][1][0].tags)


def _from_json_import(raw: str) -> list[str]:
    doc = {"format": 1, "title": "L", "sections": [{"title": "S", "papers": [{"title": "T", "tags": [raw]}]}]}
    return import_text(orjson.dumps(doc).decode()).papers[0][1].tags


def _from_bibtex(raw: str) -> list[str]:
    return parse_bibtex(f"@article{{k, title={{T}}, keywords={{{raw}}}}}").papers[0][1].tags


def _from_email(raw: str) -> list[str]:
    text = f"arXiv:2405.11157\nTitle: T\nCategories: {raw}\n\\\\\n  An abstract.\n"
    return parse_arxiv_email(text).papers[0][1].tags


def _from_feed(raw: str) -> list[str]:
    rec = {"arxiv": "2405.11157", "title": "T", "categories": [raw], "submitted": "2024-05-17"}
    return feeds._entry(rec)["tags"]


def _from_state_file(raw: str, tmp_path) -> list[str]:
    path = tmp_path / "state.json"
    path.unlink(missing_ok=True)
    store = Store.open(path)
    store.update("k", tags=[raw])
    store.flush()
    return Store.open(path).user_tags("k")


def _from_sync(raw: str) -> list[str]:
    meta: dict = {}
    sync.apply_op(meta, {"k": "k", "f": "tags", "t": 1.0, "add": [raw], "del": []}, "dev")
    merged = sync.project(meta["k"], "tags")
    assert merged is not None
    return merged[1]


@settings(max_examples=60, deadline=None)
@given(tag_text)
def test_every_loader_and_importer_gives_the_same_tag(tmp_path_factory, raw):
    want = [normalize_tag(raw)] if normalize_tag(raw) else []
    got = {
        "list file": _from_list_file(raw),
        "json import": _from_json_import(raw),
        "tag dialog": parse_tags(raw),
        "state file": _from_state_file(raw, tmp_path_factory.mktemp("s")),
        "sync": _from_sync(raw),
        "feed": _from_feed(raw),
    }
    if raw.strip(" \u3000") and "." not in raw:  # (BibTeX: a title is needed; a lone "." is no keyword)
        got["bibtex"] = _from_bibtex(raw)
    if not any(c.isspace() for c in raw):  # (an e-mail's categories are separated by spaces)
        got["e-mail"] = _from_email(raw)
    assert {where: tags for where, tags in got.items() if tags != want} == {}
    if want:  # and the search language's tag: finds it, typed as it was written
        assert tag_matches(raw.strip(), want[0])


def test_old_spellings_in_the_state_file_are_one_tag_with_the_lists(tmp_path, monkeypatch):
    """A state file from before: "kv cache" and "KV-Cache" typed, the list says "kv cache"."""
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "home"))
    lst = write_list(tmp_path / "l.json", "L", [("S", [paper("2405.00001", "A", tags=["KV Cache"]),
                                                      paper("2405.00002", "B")])])
    state = tmp_path / "state.json"
    store = Store.open(state)
    store.update("2405.00002", tags=["kv cache", "KV-Cache", "mine"])
    store.flush()
    lib = Library.open(db=state, extra_lists=[lst])
    assert lib.user_tags("2405.00002") == ["kv-cache", "mine"]
    cats = {c.id: c for c in lib.categories() if c.kind == "tag"}
    assert set(cats) >= {"tag:kv-cache", "tag:mine"} and "tag:kv cache" not in cats
    assert {lib.catalog.keys[i] for i in cats["tag:kv-cache"].indices} >= {"2405.00001", "2405.00002"}
    assert "kv-cache" in lib.all_tags() and "kv cache" not in lib.all_tags()
    found = {lib.catalog.keys[i] for i in SearchIndex(lib).search('tag:"KV cache"').indices}
    assert found >= {"2405.00001", "2405.00002"}


def test_a_session_saved_on_an_old_tag_id_opens_that_tag(tmp_path):
    path = tmp_path / "session.json"
    path.write_bytes(orjson.dumps({"category": "tag:KV cache", "paper": None}))
    assert load_session(path)["category"] == "tag:kv-cache"


def test_a_paper_listed_twice_has_the_tags_of_both_places(tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERTUI_HOME", str(tmp_path / "home"))
    one = write_list(tmp_path / "a.json", "A", [("S", [paper("2405.00001", "X")])])
    two = write_list(tmp_path / "b.json", "B", [("S", [paper("2405.00001", "X", tags=["Only Here"])])])
    lib = Library.open(db=tmp_path / "state.json", extra_lists=[one, two])
    found = SearchIndex(lib).search("tag:only-here").indices
    assert [lib.catalog.keys[i] for i in found] == ["2405.00001"]
