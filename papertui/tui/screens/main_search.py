"""The main screen's search: the search bar, running a query (on the UI thread for a small
library, in a worker for a big one) and showing its results. A mixin of :class:`MainScreen`,
kept apart so the screen's own module stays about the lists, the tree and the marks; the search
index itself is the app's (``services.Indexes``). The handler of the query's changes stays on the
screen: Textual collects ``@on`` handlers only from the classes it builds, not from a mixin.
"""

from __future__ import annotations

from textual.worker import get_current_worker

from ...search import Cancelled, Result, SearchIndex
from ..hosts import ScreenHost
from ..widgets.category_tree import VIEW_ALL, VIEW_NEW, VIEW_STARRED, VIEW_UNREAD
from ..widgets.search_bar import SearchBar

SYNC_SEARCH_LIMIT = 5000  # papers: below this a search runs on the UI thread (well under a frame)


class MainSearch(ScreenHost):
    """Mixed into MainScreen, whose attributes and methods it uses (``hosts.ScreenHost`` declares them)."""

    def search_index(self, *, stoppable: bool = False) -> SearchIndex:
        """The search index (the app's ``indexes`` own it), built on first use (call it from a
        worker: seconds at 100k). ``stoppable`` (from one of our thread workers): if the worker
        is cancelled (the app quits), building stops with Cancelled rather than holding up the exit."""
        stop = None
        if stoppable:
            worker = get_current_worker()
            stop = lambda: worker.is_cancelled  # noqa: E731
        return self.app.indexes.search(stop)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search-bar", SearchBar)

    @property
    def search_text(self) -> str:
        return self.search_bar.input.value.strip()

    def action_search(self) -> None:
        self.search_bar.display = True  # inline: takes effect now, so focus can land at once
        self.focus_now(self.search_bar.input)
        self._update_search_info(None if not self.search_text else len(self.papers.rows))

    def run_search(self) -> None:
        """Filter and rank for the current query; stale results are dropped."""
        self._search_generation += 1
        generation = self._search_generation
        text = self.search_text
        if not text:
            self.show_category(self.category)
            self._update_search_info(None)
            self.search_bar.set_hints([])
            return
        scope = self.rows_for(self.category) if self.search_scoped else None
        changing = (VIEW_UNREAD, VIEW_STARRED, VIEW_NEW)  # (their papers change with marks: no cached results)
        scope_key = self.category if self.search_scoped and self.category not in changing else None
        if len(self.lib.catalog.unique) <= SYNC_SEARCH_LIMIT:
            self._show_result(generation, self.search_index().search(text, scope, scope_key))
            return

        def work() -> None:
            try:
                index = self.search_index(stoppable=True)
            except Cancelled:
                return  # the app is quitting
            result = index.search(text, scope, scope_key)
            read = self.lib.count_read(result.indices)
            self.app.call_from_thread(self._show_result, generation, result, read)

        self.run_worker(work, thread=True, group="search", exit_on_error=False)

    def _show_result(self, generation: int, result: Result, read: int | None = None) -> None:
        if generation != self._search_generation or self.replaced:
            return  # a newer keystroke is on its way, or the screen is gone
        if read is None:
            read = self.lib.count_read(result.indices)
        self.papers.set_rows(
            result.indices,
            empty_message=f"No papers match {result.query.raw.strip()!r}",
            highlights=result.highlights,
        )
        self.detail.highlights = result.highlights
        self.detail.show(self.papers.current)
        self._update_search_info(len(result.indices))
        self.search_bar.set_hints(result.query.hints)
        self._update_titles(read)

    def _update_search_info(self, count: int | None) -> None:
        scope = None if self.category == VIEW_ALL else self.category_name(self.category)
        self.search_bar.set_info(count, scope, self.search_scoped)

    def search_cancel(self) -> None:
        bar = self.search_bar
        bar.input.value = ""  # posts Changed: the category's list comes back
        bar.display = False
        self.focus_now(self.papers)

    def search_to_results(self) -> None:
        self.focus_now(self.papers)

    def search_toggle_scope(self) -> None:
        if self.category == VIEW_ALL and not self.search_scoped:
            self.notify("Already searching all papers: pick a category in the tree to narrow")
            return
        self.search_scoped = not self.search_scoped
        self.run_search()
        self._update_search_info(len(self.papers.rows) if self.search_text else None)
