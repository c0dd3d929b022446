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
