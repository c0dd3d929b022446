"""The main screen: category tree | paper list | detail pane."""

from __future__ import annotations

import threading

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, Tree

from ...library import Library, Tally
from ...search import Result, SearchIndex
from ..widgets.category_tree import VIEW_ALL, VIEW_STARRED, VIEW_UNREAD, CategoryTree
from ..widgets.detail import DetailPane
from ..widgets.paper_list import PaperList
from ..widgets.search_bar import SearchBar, SearchInput

NARROW_WIDTH = 110
SYNC_SEARCH_LIMIT = 5000  # papers: below this a search runs on the UI thread (well under a frame)
INDEX_DELAY = 1.5  # seconds after start-up before a big library's search index is built


class MainScreen(Screen):
    BINDINGS = [
        Binding("r", "toggle_read", "Read", tooltip="Toggle read / unread for the current paper", id="toggle-read"),
        Binding("s", "toggle_star", "Star", tooltip="Star or unstar the current paper", id="toggle-star"),
        Binding("c", "copy_link", "Copy link", tooltip="Copy the arXiv abs link", id="copy-link"),
        Binding("o", "open_link", "Open", tooltip="Open the arXiv abs link in the browser ($BROWSER)", id="open-link"),
        Binding("slash", "search", "Search", key_display="/", tooltip="Search: filter the list as you type", id="search"),
        Binding("question_mark,f1", "help", "Help", key_display="?", tooltip="Show all keys", id="help"),
        Binding("escape", "focus_list", "Back to list", show=False, id="focus-list"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.lib = library
        self.tally = Tally(library)
        self.category = VIEW_ALL
        self._view_read = 0  # read papers in the list on screen, kept up to date on marks
        self.search_scoped = False  # search the selected category instead of all papers
        self._search_generation = 0
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            yield CategoryTree(self.tally, id="tree")
            with Container(id="main"):
                with Vertical(id="list-column"):
                    yield SearchBar(id="search-bar")
                    yield PaperList(self.lib, id="papers")
                yield DetailPane(self.lib, id="detail")
        yield Footer()

    @property
    def papers(self) -> PaperList:
        return self.query_one("#papers", PaperList)

    @property
    def tree(self) -> CategoryTree:
        return self.query_one("#tree", CategoryTree)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    def on_mount(self) -> None:
        self.tree.border_title = "Categories"
        self.detail.border_title = "Paper"
        self.tree.build()
        self.tree.select_id(VIEW_ALL)
        self.show_category(VIEW_ALL)
        self.focus_now(self.papers)
        self._apply_width(self.size.width)
        # Background chores once the screen is up (they hold the GIL for a moment
        # and would delay the first paint): write new list caches, and build a big
        # library's search index while the user looks at the list.
        self.set_timer(INDEX_DELAY, lambda: self.run_worker(self._chores, thread=True, group="index", exit_on_error=False))

    def _chores(self) -> None:
        self.lib.catalog.write_caches()
        if len(self.lib.catalog.unique) > SYNC_SEARCH_LIMIT:
            self.search_index()

    def focus_now(self, widget) -> None:
        """Move focus before the next key is handled (``Widget.focus`` waits a turn,
        and a fast typist's next keys would still go to the old widget)."""
        self.set_focus(widget)

    def search_index(self) -> SearchIndex:
        with self._index_lock:
            if self._index is None:
                index = SearchIndex(self.lib)
                index.vocab()
                self._index = index
            return self._index

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(0 < width < NARROW_WIDTH, "-narrow")

    # -- categories ------------------------------------------------------------
    def rows_for(self, cid: str) -> list[int]:
        lib = self.lib
        if cid == VIEW_UNREAD:
            return lib.filter(lib.catalog.unique, read=False)
        if cid == VIEW_STARRED:
            return lib.filter(lib.catalog.unique, starred=True)
        cat = self.tally.by_id.get(cid)
        if cat is not None:
            return list(cat.indices)
        return list(lib.catalog.unique)

    def category_name(self, cid: str) -> str:
        if cid == VIEW_UNREAD:
            return "Unread"
        if cid == VIEW_STARRED:
            return "Starred"
        cat = self.tally.by_id.get(cid)
        if cat is None:
            return "All papers"
        if cat.kind == "section":
            li = int(cid.split(":")[1])
            return f"{self.lib.catalog.lists[li].title} › {cat.label}"
        if cat.kind == "tag":
            return f"#{cat.label}"
        return cat.label

    def show_category(self, cid: str) -> None:
        if cid.startswith("group:") or cid == "root":
            return
        self.category = cid
        if self.search_text:
            # Picking a category while searching narrows the search to it.
            self.search_scoped = cid != VIEW_ALL
            self.run_search()
            return
        keep = self.papers.current
        rows = self.rows_for(cid)
        empty = {
            VIEW_UNREAD: "Nothing unread here. Well done!",
            VIEW_STARRED: "No starred papers yet: press s on a paper to star it",
        }.get(cid, "No papers in this category")
        self.papers.set_rows(rows, keep=keep, empty_message=empty)
        self.detail.highlights = []
        self._update_titles(self._read_in_category(cid, rows))

    def _read_in_category(self, cid: str, rows: list[int]) -> int:
        """How many of ``rows`` (the category's papers) are read, without a scan where the tally knows."""
        if cid == VIEW_ALL:
            return self.tally.all.read
        if cid == VIEW_UNREAD:
            return 0
        count = self.tally.counts.get(cid)
        return count.read if count is not None else self.lib.count_read(rows)

    def _update_titles(self, read: int | None = None) -> None:
        """Titles and figures; ``read`` is the list's read count when it changed wholesale."""
        rows = self.papers.rows
        if read is not None:
            self._view_read = read
        read = self._view_read
        name = self.category_name(self.category)
        if self.search_text:
            name = f"Search in {name}" if self.search_scoped else "Search in all papers"
        self.papers.border_title = Content(name)
        self.papers.border_subtitle = Content(f"{read}/{len(rows)} read")
        t = self.tally
        pct = (100 * t.all.read // t.all.total) if t.all.total else 0
        progress = f"{t.all.read}/{t.all.total} read ({pct}%) · {t.starred} starred"
        # One line of fixed height: updating it needs no layout pass.
        self.query_one("#title-bar", Static).update(
            Content.assemble(("papertui", "bold"), "  ", (progress, "dim")), layout=False
        )

    @on(Tree.NodeHighlighted, "#tree")
    def _tree_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data:
            self.show_category(event.node.data)

    @on(Tree.NodeSelected, "#tree")
    def _tree_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data or ""
        if data.startswith("group:"):
            return
        self.show_category(data)
        self.focus_now(self.papers)

    @on(PaperList.Highlighted, "#papers")
    def _paper_highlighted(self, event: PaperList.Highlighted) -> None:
        self.detail.show(event.index)

    @on(PaperList.Chosen, "#papers")
    def _paper_chosen(self, event: PaperList.Chosen) -> None:
        self.focus_now(self.detail)

    # -- search -------------------------------------------------------------------
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

    @on(Input.Changed, "#search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search()

    def run_search(self) -> None:
        """Filter and rank for the current query; stale results are dropped."""
        self._search_generation += 1
        generation = self._search_generation
        text = self.search_text
        if not text:
            self.show_category(self.category)
            self._update_search_info(None)
            return
        scope = self.rows_for(self.category) if self.search_scoped else None
        scope_key = self.category if self.search_scoped and self.category not in (VIEW_UNREAD, VIEW_STARRED) else None
        if len(self.lib.catalog.unique) <= SYNC_SEARCH_LIMIT:
            self._show_result(generation, self.search_index().search(text, scope, scope_key))
            return

        def work() -> None:
            result = self.search_index().search(text, scope, scope_key)
            read = self.lib.count_read(result.indices)
            self.app.call_from_thread(self._show_result, generation, result, read)

        self.run_worker(work, thread=True, group="search", exit_on_error=False)

    def _show_result(self, generation: int, result: Result, read: int | None = None) -> None:
        if generation != self._search_generation:
            return  # a newer keystroke is on its way
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
        self._update_titles(read)

    def _update_search_info(self, count: int | None) -> None:
        self.search_bar.set_info(count, self.category_name(self.category), self.search_scoped)

    @on(SearchInput.Cancelled)
    def _search_cancelled(self) -> None:
        bar = self.search_bar
        bar.input.value = ""  # posts Changed: the category's list comes back
        bar.display = False
        self.focus_now(self.papers)

    @on(SearchInput.ToResults)
    @on(Input.Submitted, "#search-input")
    def _search_to_results(self) -> None:
        self.focus_now(self.papers)

    @on(SearchInput.ScopeToggled)
    def _search_scope_toggled(self) -> None:
        self.search_scoped = not self.search_scoped
        self.run_search()
        self._update_search_info(len(self.papers.rows) if self.search_text else None)

    # -- actions -----------------------------------------------------------------
    def _current_key(self) -> str | None:
        index = self.papers.current
        if index is None:
            self.app.bell()
            self.notify("No paper selected", severity="warning")
            return None
        return self.lib.catalog.papers[index].key

    def action_toggle_read(self) -> None:
        key = self._current_key()
        if key is None:
            return
        now = self.lib.store.toggle_read(key)
        changed = self.tally.read_changed(key, now)
        self._view_read += 1 if now else -1
        self._after_mark(key, changed)

    def action_toggle_star(self) -> None:
        key = self._current_key()
        if key is None:
            return
        now = self.lib.store.toggle_starred(key)
        self.tally.star_changed(key, now)
        self._after_mark(key, [])

    def _after_mark(self, key: str, changed: list[str]) -> None:
        self.tree.refresh_counts(changed)
        index = self.papers.current
        if index is not None:
            self.papers.refresh_paper(index)
            self.detail.show(index)
        self._update_titles()
        self.app.schedule_save()

    def refresh_from_store(self, keys: set[str]) -> None:
        """Another process changed these papers: recount and repaint."""
        self.tally = Tally(self.lib)
        self.tree.tally = self.tally
        self.tree.refresh_counts()
        self.papers.refresh()
        self.detail.show(self.papers.current)
        self._update_titles(self.lib.count_read(self.papers.rows))

    def action_copy_link(self) -> None:
        key = self._current_key()
        if key is None:
            return
        paper = self.lib.catalog.first(key)
        if not paper.url:
            self.notify("This paper has no arXiv id or web link to copy", severity="warning")
            return
        self.app.copy_text(paper.url)

    def action_open_link(self) -> None:
        key = self._current_key()
        if key is None:
            return
        paper = self.lib.catalog.first(key)
        if not paper.url:
            self.notify("This paper has no arXiv id or web link to open", severity="warning")
            return
        self.app.open_link(paper.url)

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS + self.app.BINDINGS))

    def action_focus_list(self) -> None:
        self.focus_now(self.papers)
