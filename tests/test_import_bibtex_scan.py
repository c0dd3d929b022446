"""The BibTeX scanners jump from brace to brace with a pattern: the same spans and fields as the character-by-character
loops they replaced (kept here as the reference), on generated text full of braces, parentheses, quotes and commas."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui.importers import simple


def _old_spans(text: str):
    i, n = 0, len(text)
    while True:
        m = re.compile(r"@(\w+)\s*([{(])").search(text, i)
        if not m:
            return
        kind = m.group(1).lower()
        opener = m.group(2)
        closer = "}" if opener == "{" else ")"
        j = m.end()
        depth, k = 1, j
        while k < n and depth:
            c = text[k]
            if c == opener:
                depth += 1
            elif c == closer:
                depth -= 1
            k += 1
        yield kind, j, m.start(), k
        i = k


def _old_fields(body: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    i, n = 0, len(body)
    while i < n:
        m = re.compile(r"\s*,?\s*([\w\-]+)\s*=\s*").match(body, i)
        if not m:
            break
        name = m.group(1).lower()
        i = m.end()
        if i < n and body[i] == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                depth += {"{": 1, "}": -1}.get(body[j], 0)
                j += 1
            value = body[i + 1 : j - 1]
            i = j
        elif i < n and body[i] == '"':
            j = body.find('"', i + 1)
            j = n if j < 0 else j
            value = body[i + 1 : j]
            i = j + 1
        else:
            m2 = re.compile(r"[^,]*").match(body, i)
            assert m2 is not None
            value = m2.group(0)
            i = m2.end()
        fields[name] = value.strip()
    return fields


_PIECES = st.sampled_from(["@article{", "@misc(", "@string{", "{", "}", "(", ")", '"', ",", "=", " title = ", "author=",
                           "\n", "  ", "k1", "Lee, Ann", "\\emph{X}", "2405.11157", "@", "% note\n", "é"])
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_spans_are_the_old_loops(text):
    assert list(simple._bib_spans(text)) == list(_old_spans(text))


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_fields_are_the_old_loops(body):
    assert simple._bib_fields(body) == _old_fields(body)


def test_a_long_run_of_blanks_in_an_entry_is_read_in_linear_time():
    """An entry whose body is a long run of blanks with no field after it (a fuzzed input): the field pattern's two
    runs of spaces around its optional comma shared the run every way they can (4 s for 20,000 blanks)."""
    from papertui.importers import import_text

    text = ("@misc{draft,\n" + " " * 400_000 + "\n}\n\n"  # (no clock: the old pattern takes half an hour on it)
            "@misc{lee29,\n  title = {Blank lines in a bibliography},\n  eprint = {3107.96820}\n}\n")
    r = import_text(text, "drafts.bib")
    assert [(p.title, p.arxiv) for _s, p in r.papers] == [("Blank lines in a bibliography", "3107.96820")]
