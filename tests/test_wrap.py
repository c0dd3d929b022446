from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from papertui.wrap import wrap

TEXT = st.lists(st.sampled_from(list("ab cd，。量化注意力 LoRA-2x\n") + ["transformer", "模型"]), max_size=80).map("".join)


@given(TEXT, st.integers(min_value=2, max_value=60))
def test_lines_fit_and_nothing_is_lost(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_breaks_between_chinese_characters_not_before_closing_punctuation():
    lines = wrap("论文探讨如何用多任务数据构建一个可复用的 LoRA 适配器库，再通过路由把它用到零样本。", 20)
    assert lines[:2] == ["论文探讨如何用多任务", "数据构建一个可复用的"]  # full lines: CJK breaks anywhere
    assert all(not line.startswith(("，", "。")) for line in lines)
    assert all(cell_len(line) <= 20 for line in lines)
    assert wrap("a\n\nb", 10) == ["a", "", "b"]


@given(st.text(alphabet="ab 中文标题，", max_size=20), st.integers(0, 25))
def test_clip_fits_and_keeps_what_it_can(text, width):
    from papertui.wrap import clip

    out = clip(text, width)
    assert cell_len(out) <= width
    if cell_len(text) <= width:
        assert out == text
    elif width:
        assert "…" in out
        kept = out[: out.index("…")]
        assert text.startswith(kept)  # no padding before the "…"
        assert cell_len(out) >= width - 1 and width - cell_len(kept) <= 3


def test_clip_puts_the_free_cell_of_a_split_wide_character_after_the_ellipsis():
    from papertui.wrap import clip

    assert clip("2023 年十篇值得关注", 11) == "2023 年十… "  # (Rich: "2023 年十 …")
    assert clip("2023 年十篇值得关注", 10) == "2023 年十…"
    assert clip("abcdef", 4) == "abc…"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab 中文*_#-`>[]()\n.:/1") + ["https://x.org/abc", "**", "\n\n", "    "]),
                max_size=60).map("".join),
       st.integers(min_value=8, max_value=50))
@example(note=">>>aaa", width=8)  # (quotes nested deeper than the pane: their markers are cut)
@example(note="- a\n  - b\n    - c\n      - d\n        - e", width=8)
def test_a_note_as_markdown_fits_its_width(note, width):
    """Whatever the Markdown, every line of a rendered note fits the pane."""
    from rich.cells import cell_len

    from papertui.tui.widgets.note_markdown import render_note

    for line in render_note(note, width):
        assert cell_len(line.plain) <= width and "\n" not in line.plain
