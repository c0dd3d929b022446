"""Article-wide passes that skip their walk when a cheap fact of the article says it cannot change anything: each
gives what the pass as it was gives (a reference copy of it here), on generated articles and on the passes' own
inputs (speed changes must not change a result)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papertui.importers import coverage, digest, sections
from papertui.importers.blocks import read_document
from papertui.importers.coverage import NET_MIN_REFS, NET_SHARE, _caption, _in_order, _line_sections, _prose
from papertui.importers.digest import parse_digest
from papertui.importers.items import _link_led, _role
from papertui.importers.lines import _line, url_led
from papertui.importers.sections import _bare_url_lists, _host_link_entry, _in_url_run, _url_then_title
from papertui.importers.titles import _good_link_text

# Lines of the shapes these passes read: titled links to arXiv and elsewhere, bare URLs, bullets, headings, labels,
# captions, code, prose that cites, bare titles, tables.
_TEMPLATES = st.sampled_from([
    "- [Attention Is All You Need](https://arxiv.org/abs/2401.{n:05d})",
    "- [Deep Residual Learning for Images](https://arxiv.org/pdf/2401.{n:05d})",
    "1. [Paper number 4 on sparse routing](https://arxiv.org/abs/2401.{n:05d})",
    "[Model Predictive Control in Practice](https://example.edu/mpc.pdf)",
    "[A Survey of Graph Networks](https://openreview.net/forum?id=abc)",
    "https://arxiv.org/abs/2401.{n:05d}",
    "https://arxiv.org/pdf/2401.{n:05d}.pdf : A Title of Several Words Here",
    "- https://arxiv.org/abs/2401.{n:05d}",
    "- https://github.com/a/b",
    "- LLM Serving: A Survey of Recent Advances",
    "## Vision",
    "### [Title of a Linked Heading](https://arxiv.org/abs/2401.{n:05d})",
    "### Robotics",
    "{n}. **A Survey on Learning Things** — must read",
    "{n}. **Lantern** — [the paper](https://arxiv.org/abs/2401.{n:05d})",
    "### [A Poster Page of a Paper](https://example.com/poster)",
    "### [Proceedings Paper Title Here](https://openreview.net/forum?id=x)",
    "### [Another Linked Paper Heading](https://arxiv.org/abs/2401.{n:05d})",
    "Additional papers:",
    "Papers:",
    "Figure 3: from the DPO paper https://arxiv.org/abs/2401.{n:05d}",
    "We build on [the transformer](https://arxiv.org/abs/2401.{n:05d}) and on [Lee et al.](https://arxiv.org/abs/2401.{n:05d}).",
    "```\nhttps://arxiv.org/abs/2401.{n:05d}\n```",
    "| 1 | **Model 3: Routing Tokens** | [Paper](https://arxiv.org/abs/2401.{n:05d}) |",
    "Paper: https://arxiv.org/abs/2401.{n:05d}",
    "**A Bold Title of a Paper Here**",
    "Some words of notes on the paper.",
    "- [Attention Is All You Need](https://arxiv.org/abs/2401.{n:05d})",
    "arXiv:2401.{n:05d}",
    "",
])
_LINES = st.tuples(_TEMPLATES, st.integers(1, 24)).map(
    lambda t: t[0].replace("{n:05d}", f"{t[1]:05d}").replace("{n}", str(t[1]))
)
_ARTICLES = st.lists(_LINES, min_size=1, max_size=24).map(lambda lines: "# Notes\n\n" + "\n".join(lines) + "\n")


def _lines_of(text: str):
    return [_line(b) for b in read_document(text).blocks]


# -- the passes as they were -------------------------------------------------------------------------------------------


def _url_entries_as_was(lines):
    led = [k for k, line in enumerate(lines) if url_led(line)]
    at = set(led)
    in_runs = sum(1 for k in led if k - 1 in at or k + 1 in at)
    if len(led) >= 4 and 2 * in_runs >= len(led):
        return led
    if (titled := sum(1 for k in led if _url_then_title(lines[k]))) >= 3 and 2 * titled >= len(led):
        return led
    listed = _bare_url_lists(lines)
    return [k for k in led if _in_url_run(lines, at, k) or k in listed]


def _host_links_in_link_list_as_was(lines, roles):
    arxiv_lines = sum(
        1 for line in lines if line.block.kind in ("para", "item") and len(line.refs) == 1 and bool(line.block.links)
        and _link_led(line) and _good_link_text(line.block.links[0].text)
    )
    if arxiv_lines < 3:
        return []
    return [k for k, line in enumerate(lines) if roles[k] == sections.NONE and _host_link_entry(line)]


def _cast_net_as_was(lines, items, entries, title=None):
    from papertui.arxiv_ids import placeholder_title
    from papertui.importers import ImportedPaper
    from papertui.importers.coverage import _block_item, _words_before
    from papertui.importers.papers import _paper
    from papertui.importers.shapes import TITLE_MAX
    from papertui.importers.titles import _clean_title, _key

    listed = [k for k, line in enumerate(lines) if line.refs and line.block.kind != "code" and not _prose(line) and (
        not _caption(line)
    )]
    refs = list(dict.fromkeys(a for k in listed for a, _t in lines[k].refs))
    if not refs:
        return entries
    owned = {p.arxiv for _s, p in entries if p.arxiv}
    covered = sum(1 for a in refs if a in owned)
    if entries and (len(refs) < NET_MIN_REFS or covered >= NET_SHARE * len(refs)):
        return entries
    section_of = _line_sections(lines, items, title)
    made = {}
    used = set()
    for k in listed:
        line = lines[k]
        if any(a in owned for a, _t in line.refs):
            continue
        missing = [a for a, _t in line.refs if a not in made]
        if not missing:
            continue
        block_item = _block_item(lines, k, section_of[k])
        used.update(_key(line.bare) for line in (block_item.head, *block_item.body) if line.bare)
        read = _paper(block_item)
        for a in dict.fromkeys(missing):
            if read is not None and read.arxiv == a:
                lead = _words_before(line) if len(line.refs) == 1 else ""
                paper = ImportedPaper(title=lead or read.title, arxiv=a, summary=read.summary)
            else:
                text = next((t for b, t in line.refs if b == a and _good_link_text(t)), "")
                paper = ImportedPaper(title=(_clean_title(text) or placeholder_title(a))[:TITLE_MAX], arxiv=a)
            made[a] = (k, section_of[k], paper)
    if not made:
        return entries
    used.discard("")
    for _s, p in entries:
        if p.related:
            p.related = [(t, a) for t, a in p.related if a not in made]
        if p.summary and used:
            p.summary = "\n".join(part for part in p.summary.split("\n") if _key(part) not in used)
    return _in_order(lines, entries, sorted(made.values(), key=lambda m: m[0]))


# -- the passes against them -------------------------------------------------------------------------------------------

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_ARTICLES)
def test_url_entries_without_bare_urls_is_none_as_before(text):
    lines = _lines_of(text)
    assert sections.url_entries(lines) == _url_entries_as_was(lines)


@_SETTINGS
@given(_ARTICLES)
def test_host_links_counted_up_to_three_as_before(text):
    lines = _lines_of(text)
    roles = [_role(lines, k) for k in range(len(lines))]
    assert sections._host_links_in_link_list(lines, roles) == _host_links_in_link_list_as_was(lines, roles)


def _papers(imported):
    return [(s, p.title, p.arxiv, p.summary, p.related) for s, p in imported.papers]


@_SETTINGS
@given(_ARTICLES)
def test_articles_read_as_with_the_passes_as_they_were(text):
    new = _papers(parse_digest(text))
    saved = sections.url_entries, sections._host_links_in_link_list, sections.bare_title_bullets, digest.cast_net
    saved_digest = digest.bare_title_bullets
    try:
        sections.url_entries, sections._host_links_in_link_list = _url_entries_as_was, _host_links_in_link_list_as_was
        sections.bare_title_bullets = digest.bare_title_bullets = _bare_title_bullets_as_was
        digest.cast_net = _cast_net_as_was
        old = _papers(parse_digest(text))
    finally:
        sections.url_entries, sections._host_links_in_link_list, sections.bare_title_bullets, digest.cast_net = saved
        digest.bare_title_bullets = saved_digest
    assert new == old


@_SETTINGS
@given(_ARTICLES, st.data())
def test_cast_net_with_every_reference_owned_as_before(text, data):
    """cast_net on the article's own items and on entries that own a drawn part of its references (all of them, often)."""
    import copy

    from papertui.importers import ImportedPaper
    from papertui.importers.sections import segment

    lines = _lines_of(text)
    _title, items = segment(lines)
    refs = list(dict.fromkeys(a for line in lines for a, _t in line.refs))
    kept = data.draw(st.one_of(st.just(refs), st.lists(st.sampled_from(refs)) if refs else st.just([])))
    entries = [("Papers", ImportedPaper(f"Paper {a}", arxiv=a)) for a in kept]
    entries += data.draw(st.lists(st.just(("Papers", ImportedPaper("A paper without an id"))), max_size=1))
    a, b = copy.deepcopy(entries), copy.deepcopy(entries)
    assert [(s, p.title, p.arxiv) for s, p in coverage.cast_net(lines, items, a)] == [
        (s, p.title, p.arxiv) for s, p in _cast_net_as_was(lines, items, b)
    ]


def _bare_title_bullets_as_was(lines):
    from papertui.importers.lines import kind_runs
    from papertui.importers.sections import _bare_title_bullet, _entry_like, _titles_under_papers_label

    out = []
    for k, j in kind_runs(lines, "item"):
        for level in {lines[i].block.level for i in range(k, j)}:
            at = [i for i in range(k, j) if lines[i].block.level == level]
            bare = [i for i in at if _bare_title_bullet(lines, i, j)]
            if not bare:
                continue
            linked = [i for i in at if lines[i].refs and not lines[i].label and _entry_like(lines[i])]
            if len(linked) >= 2 and 2 * len(linked) >= len(at) and len(linked) + len(bare) == len(at):
                out.extend(bare)
    return frozenset(out) | _titles_under_papers_label(lines)


@_SETTINGS
@given(_ARTICLES)
def test_bare_title_bullets_only_where_a_bullet_is_unlinked_as_before(text):
    lines = _lines_of(text)
    assert sections.bare_title_bullets(lines) == _bare_title_bullets_as_was(lines)


@_SETTINGS
@given(_ARTICLES)
def test_header_cols_without_a_table_row_leaves_items_as_they_are(text):
    """build asks header_cols only of an article with a table row: without one, it changes no item."""
    from papertui.importers.items import header_cols
    from papertui.importers.sections import segment

    lines = [line for line in _lines_of(text) if line.block.kind != "row"]
    _title, items = segment(lines)
    before = [(i.title_col, i.title_named, i.title_only, i.who_cols) for i in items]
    header_cols(lines, items)
    assert [(i.title_col, i.title_named, i.title_only, i.who_cols) for i in items] == before


@_SETTINGS
@given(_ARTICLES)
def test_linked_title_levels_asked_once_are_those_of_the_built_lines(text):
    """build asks linked_title_levels once, before segment, for segment and its own filter: what it reads of the lines
    (kinds, levels, links, references) is the same when the article is built."""
    asked = []

    def recorded(lines):
        asked.append((lines, sections.linked_title_levels(lines)))
        return asked[-1][1]

    saved = digest.linked_title_levels
    try:
        digest.linked_title_levels = recorded
        parse_digest(text)
    finally:
        digest.linked_title_levels = saved
    assert len(asked) == 1
    lines, levels = asked[0]
    assert sections.linked_title_levels(lines) == levels


def _reading_order_papers_as_was(made):
    from papertui.importers.titles import _key, _latin_share, _title_case

    keys = {_key(p.title) for _item, p in made if p is not None and p.arxiv}
    runs = []
    for item, p in made:
        b = item.head.block
        if p is None or p.arxiv or b.kind != "item" or not b.ordered or not b.strong or not b.text.startswith(b.strong):
            continue
        if runs and runs[-1][-1][0].head.block.number + 1 == b.number:
            runs[-1].append((item, p))
        else:
            runs.append([(item, p)])
    out = set()
    for run in runs:
        named = [_key(p.title) in keys for _item, p in run]
        if len(run) >= 3 and 2 * sum(named) >= len(run):
            out.update(id(item) for (item, p), n in zip(run, named) if not n and len(p.title.split()) >= 3 and (
                _latin_share(p.title) >= 0.8 and _title_case(p.title.split())
            ))
    return out


@_SETTINGS
@given(_ARTICLES)
def test_reading_order_papers_keyed_only_for_a_long_run_as_before(text):
    calls = []

    def both(made):
        calls.append((saved(made), _reading_order_papers_as_was(made)))
        return calls[-1][0]

    saved = digest._reading_order_papers
    try:
        digest._reading_order_papers = both
        parse_digest(text)
    finally:
        digest._reading_order_papers = saved
    assert all(new == old for new, old in calls)


def test_each_chunk_empties_the_article_caches(monkeypatch):
    """A chunk's memos are emptied once it is read (the next chunk's lines are others); the papers are those read with
    the memos kept."""
    from papertui.importers import chunks, titles

    text = "# Weekly digest\n\n" + "".join(
        (f"## Section {k // 7}\n\n" if k % 7 == 0 else "")
        + f"### {k + 1}. Headed Paper {k}: Sparse Experts\n\nWhat paper {k} does.\n\nPaper: https://arxiv.org/abs/2401.{k + 10000:05d}\n\n"
        for k in range(400)
    )
    titles._key("Warm Title")  # (one entry at the least)
    assert titles._key in chunks.article_caches() and titles._clean_title in chunks.article_caches()
    cleared = chunks.parse_article(text, threshold=10_000, chunk=8_000, workers=1)
    assert all(cached.cache_info().currsize == 0 for cached in chunks.article_caches())
    monkeypatch.setattr(chunks, "clear_article_caches", lambda: None)
    kept = chunks.parse_article(text, threshold=10_000, chunk=8_000, workers=1)
    assert cleared.papers == kept.papers and len(kept.papers) == 400
