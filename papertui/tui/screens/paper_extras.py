"""What the main screen shows and does beyond the paper itself (issue 19): local PDFs,
similar papers, citation counts, "seen in N lists". A mixin of :class:`MainScreen`, kept
apart so the screen's own module stays about the lists, the tree and the marks.

The work is in plain modules (``pdfs.py``, ``similar.py``, ``citations.py``); the app
(``tui/app.py``) runs it in workers and owns the similarity index; this wires keys and panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hosts import ScreenHost

if TYPE_CHECKING:
    from textual.timer import Timer

# Build the similar-papers index once the chores are done (tests turn it off, see conftest.py:
# its Similar section would otherwise appear in the detail pane at a time that depends on the machine).
BUILD_SIMILAR = True
SIMILAR_VIEW = "similar:"  # + a paper key: the `similar` key's view
SIMILAR_LISTED = 30  # papers listed by that view, after the paper itself
SIMILAR_SYNC_MAX = 20_000  # papers: above this the detail's Similar section waits for the cursor to rest
SIMILAR_SETTLE = 0.12  # seconds the cursor rests before that section is worked out


class PaperExtras(ScreenHost):
    """Mixed into MainScreen, whose attributes and methods it uses (``hosts.ScreenHost`` declares them)."""

    def init_extras(self) -> None:
        self.pdf_ids: set[str] = set()  # arXiv ids with a downloaded PDF (pdfs/ in the data dir)
        self._similar_shown: dict[int, list[str]] = {}  # paper index -> the detail's Similar lines
        self._star_scores: tuple | None = None  # ((index id, store version), scores) for the sort "my stars"
        self._similar_timer: Timer | None = None  # a big library's Similar section waits for the cursor to rest
        self._similar_now = False

    def mount_extras(self) -> None:
        self.detail.extras = self.detail_extras
        self.papers.show_cites = self.lib.store.has_citations()
        self.run_worker(self._scan_pdfs, thread=True, group="pdf-scan", exit_on_error=False)

    def extras_replaced(self) -> None:
        """A reloaded library (feeds updated): paper indices changed, texts maybe too."""
        self._similar_shown.clear()
        self._star_scores = None
        self.app.similar_stale()

    def similar_after_chores(self) -> None:
        if BUILD_SIMILAR:
            self.app.build_similar()

    def by_my_stars(self, rows: list[int]) -> list[int]:
        """``rows`` by relevance to what the user starred and annotated (the sort "my stars")."""
        index = self.app.indexes.similar
        if index is None:
            return rows  # list order until the index is there (similar_ready sorts then)
        from ...similar import profile_keys, rank_by_profile

        lib = self.lib
        stamp = (id(index), lib.store.version)  # the profile changes with the marks
        if self._star_scores is None or self._star_scores[0] != stamp:
            self._star_scores = (stamp, index.profile_scores(profile_keys(lib)))
        return rank_by_profile(lib, index, rows, self._star_scores[1])

    def similar_rows(self, key: str) -> list[int]:
        """A paper and the papers most like it (the `similar` key's view)."""
        index = self.app.indexes.similar
        first = self.lib.catalog.first_index.get(key)
        if first is None:
            return []
        if index is None:
            return [first]
        from ...similar import similar_indices

        return [first] + [i for i, _ in similar_indices(self.lib, index, first, SIMILAR_LISTED)]

    def _similar_settled(self, index: int) -> None:
        self._similar_timer = None
        if self.replaced or self.detail.index != index:
            return
        self._similar_now = True
        try:
            self.detail.show(index)
        finally:
            self._similar_now = False

    def similar_ready(self) -> None:
        """The similarity index is there: the detail's Similar section, and views that use it."""
        if self.replaced:
            return
        self._similar_shown.clear()
        if not self.search_text and (self.sort_mode == "stars" or self.category.startswith(SIMILAR_VIEW)):
            self.show_category(self.category)
        self.detail.show(self.papers.current)

    def action_similar(self) -> None:
        key = self._current_key()
        if key is None:
            return
        if self.app.indexes.similar is None:
            self.notify("Still indexing the papers for similarity; try again in a moment", severity="warning")
            self.app.build_similar()
            return
        if self.search_text:
            self.search_cancel()
        self.show_category(SIMILAR_VIEW + key)
        self.focus_now(self.papers)

    def action_open_pdf(self) -> None:
        key = self._current_key()
        if key is None:
            return
        arxiv = self.lib.catalog.arxivs[self.lib.catalog.first_index[key]]
        if not arxiv:
            self.notify("This paper has no arXiv id: no PDF to fetch", severity="warning")
            return
        self.app.open_pdf(arxiv)

    def action_cite_counts(self) -> None:
        from ...services import arxiv_ids_of

        ids = arxiv_ids_of(self.lib, self.papers.rows)
        if not ids:
            self.notify("No paper here has an arXiv id", severity="warning")
            return
        self.app.fetch_citations(ids)

    def citations_stored(self) -> None:
        """New citation counts: the list's column, the detail, a sort by them."""
        if self.replaced:
            return
        self.papers.show_cites = True
        if self.sort_mode == "cited" and not self.search_text:
            self.show_category(self.category)
        self.papers.refresh()
        self.detail.show(self.papers.current)

    def pdfs_found(self, ids: set[str]) -> None:
        """The arXiv ids with a local PDF (after a scan of pdfs/ or a download): marks and detail."""
        if self.replaced:
            return
        self.pdf_ids = ids
        self.papers.pdf_ids = ids
        self.papers.refresh()
        self.detail.show(self.papers.current)

    def _scan_pdfs(self) -> None:
        from ...pdfs import local_ids

        ids = local_ids()
        if ids:
            self.app.call_from_thread(self.pdfs_found, ids)

    def detail_extras(self, index: int) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """What the detail pane shows besides the paper itself (see render_paper): a few lines
        after the summary (which stays right under the header), the Similar section at the end."""
        facts: list[str] = []
        arxiv = self.lib.catalog.arxivs[index]
        seen = self.lib.source_count(self.lib.catalog.keys[index])
        if seen > 1:
            facts.append(f"seen in {seen} lists")
        mine = self.my_lists_line(index)  # (my_lists.py)
        if mine:
            facts.append(mine)
        if arxiv and arxiv in self.pdf_ids:
            from ...pdfs import local_path

            facts.append(f"↓ PDF: {local_path(arxiv)}")
        from ...citations import describe

        cited = describe(self.lib.store.citations(arxiv))
        if cited:
            facts.append(cited)
        sections: list[tuple[str, list[str]]] = []
        if self.app.indexes.similar is not None:
            sections.append(("Similar", self._similar_lines(index)))
        return facts, sections

    def _similar_lines(self, index: int) -> list[str]:
        """The detail's Similar section for paper ``index`` (kept: the cursor comes back).

        In a big library a query takes a few ms (up to ~20 at 100k papers): while the cursor
        runs through the list it is not asked on every step, but once the cursor rests
        (SIMILAR_SETTLE), and the detail is shown again with the answer."""
        lines = self._similar_shown.get(index)
        if lines is None and len(self.lib.catalog.unique) > SIMILAR_SYNC_MAX and not self._similar_now:
            if self._similar_timer is not None:
                self._similar_timer.stop()
            self._similar_timer = self.set_timer(SIMILAR_SETTLE, lambda: self._similar_settled(index))
            return ["…"]
        similar = self.app.indexes.similar
        if lines is None and similar is not None:
            from ...similar import similar_indices

            catalog = self.lib.catalog
            lines = [f"• {catalog.titles[i]}" + (f"  ({catalog.arxivs[i]})" if catalog.arxivs[i] else "")
                     for i, _ in similar_indices(self.lib, similar, index)]
            if len(self._similar_shown) > 512:
                self._similar_shown.clear()
            self._similar_shown[index] = lines
        return lines or []
