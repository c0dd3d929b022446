"""shapes.Spaced: a pattern that starts with white space gives the same results as the plain compiled pattern."""

import random
import re

from papertui.importers import mentions, shapes


def _spaced() -> list[shapes.Spaced]:
    found = [v for m in (shapes, mentions) for v in vars(m).values() if isinstance(v, shapes.Spaced)]
    return found + [v for v in shapes.AUTHOR_CUTS if isinstance(v, shapes.Spaced)]


def test_spaced_patterns_find_what_the_plain_pattern_finds():
    texts = [
        "Title [pdf]", "Title (CVPR 2024)", "Title（中文标题）", "Title (2023) by Ann Lee et al.", "Title by Fan et al.",
        "Title ( )", "Title [ ] [ ]", "Title (v2)", "Title (cs.AI)", "Title - arXiv", "Title. oral", "Title 【AutoCOT】",
        "Title (GPT-3)", "Title (Qu 2022)", "Title [6]", "Title - CVPR 2025", "Title (Ann Lee & Bo Wu)", "", "   ", "(",
        "Title\u3000(2024)", "Title\xa0 [pdf]", "Title \n\t（中文）", "  (2019) by Lee et al.",
    ]
    rng = random.Random(7)
    alphabet = list("Tit le ()（）[]【】,.-–—:2019 2024 byet al.&pdf CVPR中文v2cs.AI|{}\t\u3000\xa0\n")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    patterns = _spaced()
    assert len(patterns) >= 15
    for p in patterns:
        plain = re.compile(p.pattern, p.flags)
        for text in texts:
            a, b = plain.search(text), p.search(text)
            assert (a and a.span()) == (b and b.span()), (p.pattern, text)
            assert plain.sub("#", text) == p.sub("#", text), (p.pattern, text)
            assert plain.sub("#", text, 1) == p.sub("#", text, 1), (p.pattern, text)
            at = len(text) // 3
            a, b = plain.search(text, at, len(text) - 1), p.search(text, at, len(text) - 1)
            assert (a and a.span()) == (b and b.span()), (p.pattern, text, at)
