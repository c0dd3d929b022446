"""The importer's shortcuts return what the full rule returns: each fast path against the rule it shortcuts, on
generated inputs (speed changes must not change a result)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from papertui import arxiv_ids

# Text made of the pieces the patterns read (schemes, hosts, sites, ids, slashes, case, a long s), so that the
# generated strings hit their edges often.
_PIECES = st.sampled_from([
    "http://", "https://", "HTTPS://", "hTtP://", "www.", "WWW.", "export.", "browse.", "dx.", "DX.", "ſ", "İ", "s", ":",
    "/", "//", ".", " ", "x", "arxiv.org/abs/", "arXiv:", "ar5iv.org/abs/", "10.48550/arXiv.", "doi.org/", "hep-th",
    "/9901001", "/0601001", "math.AG", "2401.12345", "v2", "0704.0001", "hf.co/papers/", "corr", "a", "é",
])
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=1000)
@given(_TEXTS, st.integers(0, 40), st.integers(0, 40), st.booleans())
def test_before_start_is_the_patterns_search(text, lo, at, plain):
    at = min(at, len(text))
    lo = min(lo, at)
    m = (arxiv_ids._SCHEME_RE if plain else arxiv_ids._BEFORE_RE).search(text, lo, at)
    assert arxiv_ids._before_start(text, lo, at, plain) == (m.start() if m is not None else at)


def _anchors_full(text: str) -> list[int]:
    """_anchors as it was, the old-id pattern tried on every text."""
    low = text.lower()
    found = []
    if len(low) != len(text):
        found = [m.start() for m in arxiv_ids._ANCHOR_RE.finditer(text)]
    else:
        for word in arxiv_ids._ANCHOR_WORDS:
            at = low.find(word)
            while at >= 0:
                found.append(at)
                at = low.find(word, at + 1)
    for m in arxiv_ids._OLD_BARE_RE.finditer(text):
        if (at := arxiv_ids._old_archive_start(text, m.start())) >= 0:
            found.append(at)
    return sorted(found)


@settings(max_examples=1000)
@given(_TEXTS)
def test_anchors_are_the_full_scan_where_a_site_may_match(text):
    # (the names of the sites whose path holds "arxiv" only where one stands before an "arxiv": a place left out is
    # one where no site matches, which _find_refs skips; tests/test_import_title_speed.py holds its answers to the old)
    full, found = _anchors_full(text), sorted(arxiv_ids._anchors(text))
    assert set(found) <= set(full)
    for at in set(full) - set(found):
        assert arxiv_ids._SITE_RE.match(text, at) is None and text[at : at + 5] != "arXiv"


# Text of letters, digits, spaces of several kinds, signs, brackets and pictographs (the classes the title rules read).
_CHARS = st.text(alphabet=st.sampled_from(list("aZé1٣ _-–—.,:;!?'\"()[]（）【】#*&+/<>=~≈±⭐✨✅❌🔥☉©™①\t\n\u00a0\u3000kK学\ufe0f\u200d")),
                 max_size=30)


@settings(max_examples=1000)
@given(_CHARS)
def test_decoration_tail_needs_a_decoration_char(text):
    from papertui.importers.shapes import DECORATION_TAIL_RE
    from papertui.importers.titles import _DECORATION_CHAR_RE

    if _DECORATION_CHAR_RE.search(text) is None:
        assert DECORATION_TAIL_RE.search(text) is None


@settings(max_examples=1000)
@given(_CHARS)
def test_spaceless_is_no_space_char(text):
    from papertui.importers.papers import _spaceless

    assert _spaceless(text) == (not any(c.isspace() for c in text))


@settings(max_examples=1000)
@given(st.lists(_CHARS, max_size=8))
def test_title_case_counts_letters_as_before(words):
    from papertui.importers.titles import _title_case

    long = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    expected = bool(long) and sum(w.lstrip("\"'“‘([").strip()[:1].isupper() for w in long) >= 0.7 * len(long)
    assert _title_case(words) == expected


_ROLE_TEXTS = st.lists(st.sampled_from([
    "Main", "main", "discussion", "paper", "papers", "Reading", "reading", "Optional", "Follow-up", "Background", "Deep",
    "learning", " ", "  ", "/", ":", "：", "(", "（", ")", "）", "x", "Title", "\n",
]), max_size=10).map("".join)


@settings(max_examples=1000)
@given(_ROLE_TEXTS)
def test_reading_role_needs_a_colon_or_bracket(text):
    from papertui.importers.papers import _ROLE_MARKS, READING_ROLE_RE

    if _ROLE_MARKS.isdisjoint(text):
        assert READING_ROLE_RE.match(text) is None


def _reading_rows_all(lines):
    """papers.reading_rows as it was: every row's readings read, whatever its links."""
    from papertui.importers.papers import _reading_lines

    out = {}
    run = []
    reading = False
    for line in [*lines, None]:
        b = line.block if line is not None else None
        if b is not None and b.kind == "row":
            cells = _reading_lines(b)
            run.append((id(b), cells if any(cells) else ()))
            reading = reading or any(sum(paper for paper, _t, _h in cell) >= 2 for cell in cells) or (
                sum(any(paper for paper, _t, _h in cell) for cell in cells) >= 2  # (a talk a cell: "Ana: [Title](…)")
            )
            continue
        if reading:
            out.update(run)
        run, reading = [], False
    return out


# Table cells made of the pieces reading rows read: titled links to papers and elsewhere, labels, line breaks, topics.
_CELL_PIECES = st.sampled_from([
    "[Attention Is All You Need](https://arxiv.org/abs/1706.03762)", "[Deep Residual Learning](https://arxiv.org/pdf/1512.03385)",
    "[Slides for week two](https://example.com/w2.pdf)", "[Paper](https://arxiv.org/abs/2401.12345)", "[pdf](https://x.org/a.pdf)",
    "[Paper 1](https://arxiv.org/abs/2402.00001)", "[Paper 2](https://arxiv.org/abs/2402.00002)", "[ ](https://arxiv.org/abs/2403.00003)",
    "[Code](https://github.com/a/b)", "<br>", "<br>", " ", ", ", "; ", " - ", "(Required) ", "Attention Mechanism", "Lee et al.",
    "2024", "Week 3", "[2021](https://arxiv.org/abs/2101.00001)", "Title of a Paper", "—",
])
_CELLS = st.lists(_CELL_PIECES, max_size=6).map("".join)
_ROWS = st.lists(st.lists(_CELLS, min_size=2, max_size=4), min_size=1, max_size=6)


@settings(max_examples=500)
@given(st.lists(_ROWS, min_size=1, max_size=3))
def test_reading_rows_reads_rows_of_one_link_only_when_needed(tables):
    from papertui.importers.blocks import read_document
    from papertui.importers.lines import _line
    from papertui.importers.papers import reading_rows

    parts = []
    for rows in tables:
        width = max(len(r) for r in rows)
        head = "| " + " | ".join(f"h{k}" for k in range(width)) + " |\n|" + "---|" * width + "\n"
        parts.append(head + "".join("| " + " | ".join(r + [""] * (width - len(r))) + " |\n" for r in rows))
    doc = read_document("# Readings\n\n" + "\nSome words between tables.\n\n".join(parts))
    lines = [_line(b) for b in doc.blocks]
    assert reading_rows(lines) == _reading_rows_all(lines)


# The patterns as they were, led by their look-behind (tried at every character), against the ones that find their
# sign first and look behind it then.
_LED_BY_LOOKBEHIND = {
    "_NAMES_TITLE_END_RE": r"(?<!\b[A-Z])\.(?:\s+|$)|,\s+(?:[A-Z][\w&\-']*,?\s+){0,3}(?:19|20)[0-9]{2}\b",
    "_SENTENCE_STOP_RE": r"(?<!\b[A-Z])\.\s+(?=\S)",
    "YEAR_IN_RE": r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])",
}
_STOP_TEXTS = st.lists(st.sampled_from([
    "A", "B.", "Lee", "a", "é", "É", ".", ". ", ".\n", ",", ", ", " ", "\t", "\n", "1", "19", "20", "2024", "1999", "0",
    "9", "NeurIPS", "et al", "_", "-", "'", "x", "Ann B. Lee", "٣",
]), max_size=14).map("".join)


@settings(max_examples=2000)
@given(st.sampled_from(sorted(_LED_BY_LOOKBEHIND)), _STOP_TEXTS, st.integers(0, 30))
def test_patterns_led_by_their_sign_find_what_the_look_behind_found(name, text, pos):
    import re

    from papertui.importers import shapes, titles

    new = getattr(titles, name) if hasattr(titles, name) else getattr(shapes, name)
    old = re.compile(_LED_BY_LOOKBEHIND[name], new.flags)
    pos = min(pos, len(text))
    a, b = old.search(text, pos), new.search(text, pos)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
    assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]
    assert old.sub("|", text) == new.sub("|", text)


def test_paper_host_keys_are_in_every_alternative():
    """Each top-level alternative of PAPER_HOST_RE holds one of its keys in every match: a key inside a run of
    literal characters it always reads, or, for a group of literal alternatives ("//(?:repository|dspace|…)"), a key in
    each of them. (re's own parser reads the pattern.)"""
    import re._constants as C
    import re._parser as P

    from papertui.importers.shapes import PAPER_HOST_RE

    def runs(items):
        out, cur = [], ""
        for op, av in items:
            if op == C.LITERAL:
                cur += chr(av)
                continue
            out.append(cur)
            cur = ""
            if op == C.BRANCH:  # (a group of alternatives, "(?:repository|dspace|…)", is read as one)
                alts = av[1]
                if all(all(o == C.LITERAL for o, _a in alt.data) for alt in alts):  # (each alternative a word)
                    out.append(["".join(chr(a) for _o, a in alt.data) for alt in alts])
        out.append(cur)
        return out

    tree = P.parse(PAPER_HOST_RE.pattern, PAPER_HOST_RE.flags)
    assert len(tree.data) == 1 and tree.data[0][0] == C.BRANCH
    for branch in tree.data[0][1][1]:
        found = False
        for run in runs(branch.data):
            if isinstance(run, list):
                found = found or all(any(k in w.lower() for k in PAPER_HOST_RE.keys) for w in run)
            else:
                found = found or any(k in run.lower() for k in PAPER_HOST_RE.keys)
        assert found, branch


_HOST_PIECES = st.sampled_from([
    "https://", "http://", "www.", "github.com/", "arxiv.org/abs/", "ARXIV.ORG/PDF/", "openreview.net/forum?id=x", ".pdf",
    ".PDF", "?", "#", "doi.org/", "/doi/10.1145/", "10.1234/", "dl.acm.org/doi", "nature.com/articles/", "d41586-",
    "thecvf.com/", "conferences/", "ieeexplore.ieee.org/document/", "/article/10.", "iopscience.iop.org", "//dspace.",
    "//eprints.", "x.edu/", "hal.science/hal-0", "mdpi.com/1", "research.google/pubs/", "microsoft.com/en-us/", "research/publication/",
    "ſ", "K", "İ", "ı", "é", "学", "/", ".", "a", "1", "org", ".com", "proceedings.", "biorxiv.org", "paperswithcode.com/paper",
])


@settings(max_examples=2000)
@given(st.lists(_HOST_PIECES, max_size=8).map("".join))
def test_paper_host_search_is_the_patterns(text):
    import re

    from papertui.importers.shapes import PAPER_HOST_RE

    plain = re.compile(PAPER_HOST_RE.pattern, PAPER_HOST_RE.flags)
    a, b = plain.search(text), PAPER_HOST_RE.search(text)
    assert (a and a.span()) == (b and b.span())


def test_the_characters_folded_to_ascii_letters_are_all_known():
    """PAPER_HOST_RE's gate lowers any text without these: no other character matches an ASCII letter ignoring case."""
    import re

    from papertui.importers.shapes import _FOLDED_TO_ASCII

    letters = re.compile("[a-z]|" + "|".join("abcdefghijklmnopqrstuvwxyz"), re.IGNORECASE)
    assert {chr(u) for u in range(128, 0x110000) if letters.fullmatch(chr(u))} == _FOLDED_TO_ASCII


_CITATION_PIECES = st.sampled_from([
    '"', "“", "”", "Title of the Paper", "Deep Learning for Things", " by ", "A. Author", "Ann Lee", " et al.", " and ",
    "Bo Wu", ", ", "(", ")", "（", "）", "2012", "1999", "2023a", "20", "19", " ", ".", "?", "Lee, A., ", "& ", "Wu, B. ",
    "(2024). ", "EMNLP ", "TODO", "x", "\n",
])


_CITATION_FORMS = st.sampled_from([
    '"Title of the Paper" by Ann Lee et al. (2012)', "Deep Learning for Things by A. Author and B. Wu (2014).",
    "Title of the Paper (Lee 2020)", "Deep Learning for Things (Lee et al., 2019)", "Lee, A., & Wu, B. (2024). Title of the Paper.",
    'Lee, Ann et al. (2024). "Title of the Paper." arXiv', "Title of the Paper. (Lee et al. EMNLP 2023.)",
    "Title of the Paper? (ACL 2024.)", "“Title of the Paper”（2023a）",
    # (Google Scholar's MLA and Chicago forms: a quote and a year, no bracket in the second)
    'Lee, Ann, et al. "Title of the Paper." Journal of Things 34 (2031): 1-9.',
    'Lee, Ann, and Bo Wu. “Title of the Paper.” Venue of Things. Publisher, 2031.',
])


@settings(max_examples=3000)
@given(st.lists(_CITATION_PIECES, max_size=4).map("".join), _CITATION_FORMS, st.lists(_CITATION_PIECES, max_size=4).map("".join),
       st.booleans())
def test_linkless_citation_is_the_patterns_match(before, form, after, whole):
    from papertui.importers.shapes import LINKLESS_CITATION_RE, linkless_citation

    text = form if whole else before + form + after
    a, b = LINKLESS_CITATION_RE.match(text), linkless_citation(text)
    assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


def _plain_label_over_list_walk(lines, roles, k, headed):
    """sections._plain_label_over_list as it was: the heading span found and its lists walked for each line asking."""
    from papertui.importers.sections import (
        STRONG,
        _cell_beside,
        _list_starts,
        _next_text,
        _past_header_row,
        _plain_label,
        _table_tops,
    )

    if not _plain_label(lines, k, headed):
        return False
    j = _past_header_row(lines, _next_text(lines, k))
    if j >= len(lines) or lines[j].block.kind not in ("item", "row") or roles[j] != STRONG:
        return False
    if _cell_beside(lines, k, j):
        return False
    lo = next((i + 1 for i in range(k - 1, -1, -1) if lines[i].block.kind == "heading"), 0)
    hi = next((i for i in range(k + 1, len(lines)) if lines[i].block.kind == "heading"), len(lines))
    mine = False
    tops = None
    for at, arxiv in _list_starts(lines, lo, hi):
        if not arxiv:
            continue
        i = at - 1
        while i > lo and not lines[i].bare and not lines[i].refs:
            i -= 1
        if i >= lo and _cell_beside(lines, i, at):
            tops = _table_tops(lines, lo, hi) if tops is None else tops
            i = tops.get(at, -1)
        if i < lo:
            continue
        if not _plain_label(lines, i, headed):
            return False
        mine = mine or i == k
    return mine


# Lines of pages that group their lists of papers under plain labels: headings, labels (plain, sentences, fields), lists
# and tables that link arXiv or not, link-only lines, layout tables of two and three cells.
_LABEL_PIECES = st.sampled_from([
    "## Topic\n\n", "# Readings\n\n", "Bias and Fairness\n\n", "Deep Learning Theory\n\n", "相机姿态估计\n\n",
    "The five I like most -\n\n", "Notes: see below\n\n", "a note on what follows here.\n\n", "Group 2\n\n",
    "- [Title of a Paper](https://arxiv.org/abs/2401.00001) by Lee\n", "- [Other Paper](https://example.com/p.pdf)\n",
    "  - [Nested Paper](https://arxiv.org/abs/2401.00002)\n", "- plain item\n", "\n",
    "[![img](https://example.com/i.png)](https://example.com)\n\n",
    "| Title | Link |\n|---|---|\n| A Paper | [arXiv](https://arxiv.org/abs/2401.00003) |\n\n",
    "<table><tr><td>Topic</td><td><ul><li><a href='https://arxiv.org/abs/2401.00004'>T</a></li></ul></td></tr></table>\n\n",
    "<table><tr><td>May 8</td><td>Topic</td><td><ul><li><a href='https://arxiv.org/abs/2401.00005'>T</a></li></ul></td>"
    "</tr></table>\n\n",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(_LABEL_PIECES, min_size=1, max_size=16), st.lists(st.integers(-3, 40), max_size=4))
def test_plain_labels_over_lists_read_once_per_span(pieces, heads):
    from papertui.importers.blocks import read_document
    from papertui.importers.lines import _line
    from papertui.importers.sections import STRONG, ListLabels, _plain_label_over_list

    lines = [_line(b) for b in read_document("".join(pieces)).blocks]
    roles = [STRONG] * len(lines)
    labels = ListLabels(lines)  # (one per article: every line and every heading asks the same one)
    for k in range(len(lines)):
        for headed in {k - 1, -2, *labels.span(k)[:1], *(h for h in heads)} | {labels.span(k)[0] - 1}:
            assert _plain_label_over_list(lines, roles, k, headed, labels) == _plain_label_over_list_walk(
                lines, roles, k, headed
            ), (k, headed)


_BODY_LINES = st.sampled_from([
    "- plain item\n", "  - [Nested](https://arxiv.org/abs/2401.00001)\n", "    - deeper note\n", "Some words.\n",
    "[Paper](https://arxiv.org/abs/2401.00002)\n", "- [Title](https://example.com/p.pdf)\n", "## Heading\n", "  - note\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), _BODY_LINES, st.integers(0, 4)), max_size=30))
def test_body_facts_are_the_body_read_whole(steps):
    from papertui.importers.blocks import read_document
    from papertui.importers.items import Item
    from papertui.importers.lines import _line
    from papertui.importers.sections import BodyFacts

    head = _line(read_document("- Head\n").blocks[0])
    items = [Item("S", head, True) for _ in range(3)]
    facts = BodyFacts()
    for which, text, level in steps:  # (bodies only grow; each append, then the questions, as segment asks them)
        blocks = read_document(text).blocks
        items[which].body.extend(_line(b) for b in blocks)
        for item in items:
            assert facts.deeper_than(item, level) == any(o.block.level > level for o in item.body)
            assert facts.cites(item) == any(o.refs for o in item.body)


_NAME_PIECES = st.sampled_from([
    "Lee", "McDonald", "O'Brien", "Smith-Jones", "AB", "A", ",", ", ", ",  ", "A.", "B. ", "C.", ".", " ", "  ", "Title",
    "2019", "& ", "Lee, A., ", "Wu,B., ", "Ito, C. D., ", "é", "x", "\n",
])


@settings(max_examples=3000)
@given(st.lists(_NAME_PIECES, max_size=16).map("".join))
def test_surname_initials_lead_cut_is_the_patterns_sub(text):
    import re

    from papertui.importers.titles import _cut_surname_initials_lead

    as_it_was = re.compile(  # (titles.SURNAME_INITIALS_LEAD_RE, tried from each start)
        r"(?:[A-Z][\w'’-]+,\s?(?:[A-Z]\.\s?){1,3},\s+)+(?=[A-Z0-9])(?![A-Z][\w'’-]+,\s?[A-Z]\.)"
    )
    assert _cut_surname_initials_lead(text) == as_it_was.sub("", text, count=1)
