from hypothesis import given
from hypothesis import strategies as st

from papertui.model import abs_url, clean_block, clean_line, is_web_url, normalize_arxiv, paper_key, title_key


def test_normalize_arxiv_accepts_ids_urls_and_versions():
    assert normalize_arxiv("2405.11157") == "2405.11157"
    assert normalize_arxiv(" 2405.11157v3 ") == "2405.11157"
    assert normalize_arxiv("arXiv:2403.09629") == "2403.09629"
    assert normalize_arxiv("https://arxiv.org/pdf/2403.09629v2") == "2403.09629"
    assert normalize_arxiv("https://arxiv.org/pdf/2403.05527.pdf") == "2403.05527"
    assert normalize_arxiv("https://arxiv.org/abs/hep-th/9901001") == "hep-th/9901001"
    assert normalize_arxiv("1506.02640") == "1506.02640"


def test_normalize_arxiv_rejects_other_text():
    for value in ("", "hello", "12345", "https://example.com/2405.11157", None, 42, "2405.1"):
        assert normalize_arxiv(value) is None


def test_clean_line_strips_escapes_controls_and_bidi():
    hostile = "a\x1b[2Jb\x07c\u202ed\u200be\tf\r\ng"
    assert clean_line(hostile) == "abcde f g"
    assert clean_line("  many   spaces  ") == "many spaces"


def test_clean_block_keeps_paragraphs():
    assert clean_block("one\r\ntwo\n\n\n\nthree\x1b[31m!") == "one\ntwo\n\nthree!"


@given(st.text())
def test_clean_line_never_leaves_control_characters(s):
    out = clean_line(s)
    assert "\n" not in out
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in out)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in out)


def test_paper_key_is_arxiv_id_else_stable_title_hash():
    assert paper_key("2405.11157", "x") == "2405.11157"
    assert paper_key(None, "Segment  Anything") == paper_key(None, "segment anything!")
    assert title_key("A") != title_key("B")
    assert paper_key(None, "x").startswith("t-")


def test_web_urls_only():
    assert is_web_url(abs_url("2405.11157"))
    assert is_web_url("http://example.com/x")
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x", "https://", ""):
        assert not is_web_url(bad)


new_ids = st.builds(lambda yy, mm, n: f"{yy:02d}{mm:02d}.{n:05d}", st.integers(15, 40), st.integers(1, 12),
                    st.integers(1, 99999))
old_ids = st.builds(lambda a, yy, mm, n: f"{a}/{yy:02d}{mm:02d}{n:03d}", st.sampled_from(["hep-th", "math", "cs"]),
                    st.sampled_from([91, 95, 99, 0, 3, 6]), st.integers(1, 12), st.integers(1, 999))


@given(st.lists(st.one_of(new_ids, old_ids, st.none()), max_size=30))
def test_date_sort_follows_the_id_year_rule_and_the_number_within_a_month(ids):
    """library's date key orders by arxiv_ids.year_month (the one rule), then the number."""
    from papertui.arxiv_ids import year_month
    from papertui.library import _date_key

    def reference(arxiv):
        if arxiv is None:
            return (0, 0, "")
        year, month = year_month(arxiv)
        return (year, month, "" if "/" in arxiv else arxiv[5:])

    assert [reference(a) for a in sorted(ids, key=_date_key)] == sorted(map(reference, ids))
