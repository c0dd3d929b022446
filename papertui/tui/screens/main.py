"""The main screen: category tree | paper list | detail pane."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Static, Tree
from textual.worker import get_current_worker

from ...library import SORT_LABELS, SORT_MODES, History, Library
from ...search import Cancelled
from ...services import missing_metadata
from ...settings import Settings
from ...textsafe import clean_note
from ..actions import MAIN, bindings, keys_label, live_keymap
from ..widgets.category_tree import VIEW_ACROSS, VIEW_ALL, VIEW_NEW, VIEW_STARRED, VIEW_UNREAD, CategoryTree
from ..widgets.detail import DetailPane
from ..widgets.key_bar import KeyBar
from ..widgets.paper_list import PaperList
from ..widgets.search_bar import SearchBar
from .bulk import BulkActions, take_selection  # what keys do while papers are selected (issue 20)
from .main_search import SYNC_SEARCH_LIMIT, MainSearch  # the search bar and its results
from .my_lists import ListsExtras  # the user's own lists, saved searches
from .paper_extras import SIMILAR_VIEW, PaperExtras  # PDFs, similar papers, citations
from .paper_links import PaperLinks  # the paper's link, BibTeX, Markdown; related papers

if TYPE_CHECKING:
    from textual import getters

    from ..app import PaperApp

NARROW_WIDTH = 110
SETTLE_BULK = 200  # papers changed at once: from here on, counts are worked out again at once
INDEX_DELAY = 1.5  # seconds after start-up before a big library's search index is built


# (BulkActions first: its list_targets, the selection, is the one used.)
@take_selection
class MainScreen(BulkActions, ListsExtras, MainSearch, PaperExtras, PaperLinks, Screen):
    AUTO_FOCUS = "#papers"  # focus lands on the list at once (not on the tree, then moved)
    BINDINGS = bindings(MAIN)

    if TYPE_CHECKING:  # the screen calls the app's own methods (jobs, notices, clipboard)
        app = getters.app(PaperApp)

    def __init__(self, library: Library, settings: Settings | None = None, session: dict | None = None) -> None:
        super().__init__()
        self.lib = library
        self.settings = settings or Settings()
        self.session = session or {}
        self.history = History(library.store)
        self.sort_mode: str = self.session["sort"] if self.session.get("sort") in SORT_MODES else "list"
        self.category = VIEW_ALL
        self._view_read = 0  # read papers in the list on screen, kept up to date on marks
        self._shown_name = ""
        self.search_scoped = False  # search the selected category instead of all papers
        self._search_generation = 0
        self.chores_done = False  # the background chores after start-up have finished
        self.init_lists()
        self.tally = self.new_tally()  # (with the saved searches)
        self._tree_target: str | None = None  # a tree move we made: ignore events until it lands
        self._initial: tuple[str, int | None] | None = None  # (category, paper) once on_mount has run
        self.init_extras()
        self._title_pieces: list[str] = []  # the title bar's figures (see _show_title_bar)
        seen = self.session.get("new_seen")
        self.new_seen = float(seen) if isinstance(seen, (int, float)) else 0.0  # the New view: looked at until
        self._new_keys: tuple | None = None  # (library, new_seen, arXiv ids in the New view before marks)
        self.feed_status = ""  # shown in the title bar while feeds update

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            yield CategoryTree(
                self.tally, id="tree", on_highlight=self._tree_highlighted, feeds=bool(self.settings.feeds)
            )
            with Container(id="main"):
                with Vertical(id="list-column"):
                    yield SearchBar(id="search-bar")
                    yield PaperList(self.lib, id="papers", on_highlight=self._paper_highlighted)
                yield DetailPane(self.lib, id="detail")
        yield ProgressBar(id="fetch-progress", show_eta=False)
        yield KeyBar()

    @property
    def papers(self) -> PaperList:
        return self.query_one("#papers", PaperList)

    @property
    def tree(self) -> CategoryTree:  # type: ignore[override]  # shadows DOMNode.tree, a debug view papertui never uses
        return self.query_one("#tree", CategoryTree)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    @property
    def replaced(self) -> bool:
        """Whether a reloaded library's screen has taken this one's place. Its widgets are
        then being removed, so late callbacks (a refresh, a search thread) must not touch them."""
        return self not in self.app.screen_stack

    def on_mount(self) -> None:
        self.set_class(self.session.get("tree") is False, "-no-tree")  # hidden by toggle-tree last time
        self.tree.border_title = "Categories"
        self.detail.border_title = "Paper"
        self.mount_extras()
        self._count_new()
        start, paper = self._start_position()
        self.show_category(start)
        self._select_in_tree(start)
        if paper is not None and paper in self.papers.rows:
            self.papers.cursor = self.papers.rows.index(paper)
        self.focus_now(self.papers)
        self._apply_width(self.size.width)
        self._initial = (self.category, self.papers.current)
        # Background chores once the screen is up (they hold the GIL for a moment
        # and would delay the first paint): write new list caches, and build a big
        # library's search index while the user looks at the list.
        self.set_timer(INDEX_DELAY, lambda: self.run_worker(self._chores, thread=True, group="index", exit_on_error=False))

    def _start_position(self) -> tuple[str, int | None]:
        """The category and paper to start on: settings' start-up view, else the last ones."""
        view = self.settings.startup_view
        category = {"all": VIEW_ALL, "unread": VIEW_UNREAD, "starred": VIEW_STARRED}.get(view)
        if category is None:  # "last"
            last = self.session.get("category")
            category = last if isinstance(last, str) and (last in self.tally.by_id or last.startswith("view:")) else VIEW_ALL
        key = self.session.get("paper")
        paper = self.lib.catalog.first_index.get(key) if isinstance(key, str) else None
        return category, paper

    @property
    def moved(self) -> bool:
        """Whether the user has gone elsewhere since the screen came up."""
        return (self.category, self.papers.current) != self._initial or bool(self.search_text)

    def session_state(self) -> dict:
        index = self.papers.current
        return {
            "category": self.category,
            "paper": None if index is None else self.lib.catalog.keys[index],
            "sort": self.sort_mode,
            "tree": not self.has_class("-no-tree"),
            "new_seen": self._seen_now() if self.category == VIEW_NEW else self.new_seen,
        }

    def _chores(self) -> None:
        try:
            self.lib.catalog.write_caches()
            # What search needs, loaded here rather than on the keystroke that first
            # needs it (the typo matcher's import alone is ~50 ms).
            import numpy  # noqa: F401
            from rapidfuzz import fuzz, process  # noqa: F401

            if len(self.lib.catalog.unique) > SYNC_SEARCH_LIMIT:
                self.search_index(stoppable=True)
            if not get_current_worker().is_cancelled:
                self.lib.prepare_sort(self.sort_mode)  # (a big sorted view: the next switch is quick)
                self.app.call_from_thread(self.similar_after_chores)
            # The library and its index are built and kept: the cycle collector can
            # stop walking them (heap.py).
            self.app.heap.settle()
        except Cancelled:
            pass  # the app is quitting: the index is left unbuilt (Python would wait for it)
        finally:
            self.chores_done = True

    def focus_now(self, widget) -> None:
        """Move focus before the next key is handled (``Widget.focus`` waits a turn,
        and a fast typist's next keys would still go to the old widget)."""
        self.set_focus(widget)

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)
        if self._title_pieces:
            self._show_title_bar()

    def _apply_width(self, width: int) -> None:
        self.set_class(0 < width < NARROW_WIDTH, "-narrow")

    # -- categories ------------------------------------------------------------
    def rows_for(self, cid: str) -> list[int]:
        """The category's papers, in the current sort order."""
        lib = self.lib
        if cid == VIEW_UNREAD:
            rows = lib.filter(lib.catalog.unique, read=False)
        elif cid == VIEW_STARRED:
            rows = lib.filter(lib.catalog.unique, starred=True)
        elif cid == VIEW_ACROSS:
            rows = list(lib.across_lists())  # most lists first
        elif cid.startswith(SIMILAR_VIEW):
            return self.similar_rows(cid[len(SIMILAR_VIEW):])  # by similarity: not sorted
        elif cid == VIEW_NEW:
            rows = lib.new_papers(self.new_seen)
        else:
            cat = self.tally.by_id.get(cid)
            rows = list(cat.indices) if cat is not None else list(lib.catalog.unique)
        if self.sort_mode == "stars":
            return self.by_my_stars(rows)
        return rows if self.sort_mode == "list" else lib.sort(rows, self.sort_mode)

    def category_name(self, cid: str) -> str:
        if cid == VIEW_UNREAD:
            return "Unread"
        if cid == VIEW_STARRED:
            return "Starred"
        if cid == VIEW_ACROSS:
            return "Across lists"
        if cid.startswith(SIMILAR_VIEW):
            paper = self.lib.catalog.first(cid[len(SIMILAR_VIEW):])
            return f"Like: {paper.title}" if paper is not None else "Similar papers"
        if cid == VIEW_NEW:
            return "New"
        cat = self.tally.by_id.get(cid)
        if cat is None:
            return "All papers"
        if cat.kind == "section" and cat.parent in self.tally.by_id:
            return f"{self.tally.by_id[cat.parent].label} › {cat.label}"
        if cat.kind == "tag":
            return f"#{cat.label}"
        return cat.label

    def show_category(self, cid: str) -> None:
        if cid.startswith("group:") or cid == "root":
            return
        if self.category == VIEW_NEW and cid != VIEW_NEW:  # leaving New clears it
            self.new_seen = self._seen_now()
            self._count_new()
        if cid != self.category:
            self.papers.clear_selection()  # the selection belongs to the view it was made in
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
            VIEW_ACROSS: "No paper is in more than one list",
            VIEW_NEW: "Nothing new since you last looked: new papers from your feeds land here",
        }.get(cid, "No papers in this category")
        words = self._feed_words(cid) or self.saved_words(cid)
        self.detail.highlights = words  # before the list moves: the detail follows its cursor
        self.papers.set_rows(rows, keep=keep, empty_message=empty, highlights=words)
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
        if self.sort_mode != "list" and not self.search_text:
            name = f"{name} · by {SORT_LABELS[self.sort_mode]}"
        if name != self._shown_name:
            self._shown_name = name
            self.papers.set_title(Content(name))
        t = self.tally
        pct = (100 * t.all.read // t.all.total) if t.all.total else 0
        pieces = [f"{t.all.read}/{t.all.total} read ({pct}%)", f"{t.starred} starred"]
        pieces.append(f"this list {read}/{len(rows)} read")
        if self.lib.deferred:
            pieces.append("loading " + ", ".join(Path(name).name for name in self.lib.deferred) + "…")
        if self.feed_status:
            pieces.append(self.feed_status)
        self._title_pieces = pieces
        self._show_title_bar()

    def _show_title_bar(self) -> None:
        """The title bar: whole pieces only (a narrow terminal drops the last ones, never
        half a number). One line of fixed height: no layout pass, nor a list repaint."""
        bar = self.query_one("#title-bar", Static)
        room = (bar.size.width or self.size.width or 1_000) - 2
        name, pieces = "papertui", self._title_pieces
        while pieces and cell_len("  ".join([name, "  ·  ".join(pieces)])) > room:
            pieces = pieces[:-1]
        if not pieces:  # hardly any room: the figures matter more than the name
            name, pieces = "", self._title_pieces[:1]
        line = Content.assemble((name, "bold $pt-text"), "  " if name else "", "  ·  ".join(pieces))
        bar.update(line, layout=False)

    def _select_in_tree(self, cid: str) -> None:
        """Put the tree's cursor on ``cid`` without switching the list (it already shows it).

        A laid-out tree is moved at once, so that a key handled before the next refresh moves on
        from there. Before the first layout, wait a refresh, quietly.
        """

        def select() -> None:
            if self.replaced:
                return
            target = cid if cid in self.tree.nodes_by_id else VIEW_ALL
            self._tree_target = target
            self.tree.select_id(target)
            self._tree_target = None  # the tree's events came at once (on_highlight)

        if self.tree.size.height:
            select()
        else:
            self._tree_target = cid
            self.call_after_refresh(select)

    def _tree_highlighted(self, node) -> None:
        """The tree's cursor moved (called at once, so the list and detail follow in
        the same frame as the tree)."""
        if self._initial is None:
            return  # the tree is laid out before the screen is set up
        if self._tree_target is not None:  # our own move: wait for the node we asked for
            if node.data == self._tree_target:
                self._tree_target = None
            return
        if node.data and node.data != self.category:
            self.show_category(node.data)

    @on(Tree.NodeSelected, "#tree")
    def _tree_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data or ""
        if data.startswith("group:"):
            return
        self.show_category(data)
        self.focus_now(self.papers)

    def _paper_highlighted(self, index: int | None) -> None:
        self.detail.follow(index)

    @on(PaperList.Chosen, "#papers")
    def _paper_chosen(self, event: PaperList.Chosen) -> None:
        self.focus_now(self.detail)
        key = self.lib.catalog.keys[event.index]
        if self.settings.mark_read_on_open and not self.lib.store.is_read(key):
            self._change("mark read", {key: {"read": True}})

    @on(Input.Changed, "#search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search()  # (main_search.py)

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
        if key is not None:
            now = not self.lib.store.is_read(key)
            self._change("read" if now else "unread", {key: {"read": now}})

    def action_toggle_star(self) -> None:
        key = self._current_key()
        if key is not None:
            now = not self.lib.store.is_starred(key)
            self._change("star" if now else "unstar", {key: {"starred": now}})

    def _move_to_unread(self, step: int) -> bool:
        """Put the list's cursor on the next (``step`` 1) or previous (-1) unread paper of
        the list on screen, wrapping around; a one-line notice when there is none."""
        papers, keys, is_read = self.papers, self.lib.catalog.keys, self.lib.store.is_read
        rows, count = papers.rows, len(papers.rows)
        at = papers.cursor if 0 <= papers.cursor < count else -step
        for k in range(1, count + 1):
            position = (at + step * k) % count
            if position != at and not is_read(keys[rows[position]]):
                papers.cursor = position
                return True
        self.notify("No other unread paper in this list" if count else "No papers here")
        return False

    def action_next_unread(self) -> None:
        self._move_to_unread(1)

    def action_prev_unread(self) -> None:
        self._move_to_unread(-1)

    def action_read_and_next(self) -> None:
        """Mark the paper read and go to the next unread one (newsboat's habit)."""
        key = self._current_key()
        if key is None:
            return
        if not self.lib.store.is_read(key):
            self._change("read", {key: {"read": True}})
        self._move_to_unread(1)

    def _change(self, label: str, changes: dict[str, dict]) -> None:
        """Apply changes as one undoable step and bring the screen up to date."""
        fields = {name for step in changes.values() for name in step}
        self._apply(changes, fields, lambda: self.history.change(label, changes))

    def _apply(self, keys, fields: set[str], step: Callable[[], Any]) -> Any:
        """Run ``step`` (it changes ``fields`` of the papers ``keys``: a change or an undo)
        and bring the screen up to date: paper by paper, or past SETTLE_BULK papers every
        count at once (100k papers paper by paper: 1.7 s). Returns what ``step`` returns."""
        if len(keys) > SETTLE_BULK:
            result = step()
            self._settle_bulk(fields)
        else:
            before = self._snapshot(keys)
            result = step()
            self._settle(before)
        self.saved_stale(fields)
        return result

    def _snapshot(self, keys) -> dict[str, tuple]:
        store = self.lib.store
        return {k: (store.is_read(k), store.is_starred(k), tuple(store.user_tags(k)), store.note(k),
                    tuple(store.user_lists(k)), k.startswith("mylist:") and store.get(k).get("name")) for k in keys}

    def _settle(self, before: dict[str, tuple]) -> None:
        """Recount and repaint after the papers in ``before`` changed."""
        store = self.lib.store
        changed_ids: set[str] = set()
        tags_changed = lists_changed = False
        read_delta = 0
        for key, (was_read, was_starred, was_tags, _note, was_lists, was_name) in before.items():
            now_read = store.is_read(key)
            if now_read != was_read:
                changed_ids.update(self.tally.read_changed(key, now_read))
                read_delta += 1 if now_read else -1
            if store.is_starred(key) != was_starred:
                self.tally.star_changed(key, not was_starred)
            if tuple(store.user_tags(key)) != was_tags:
                tags_changed = True
            if tuple(store.user_lists(key)) != was_lists or (was_name is not False and store.get(key).get("name") != was_name):
                lists_changed = True
        if tags_changed or lists_changed:
            self._rebuild_categories()
            if lists_changed:
                self.lists_changed()
        else:
            self.tree.refresh_counts(list(changed_ids))
        self._repaint_marks(read_delta if len(before) == 1 else None)

    def _settle_bulk(self, fields: set[str]) -> None:
        """``_settle`` for changes to many papers: every count worked out again at once."""
        if fields & {"tags", "lists", "name"}:
            self._rebuild_categories()
            self.lists_changed()
        else:
            self.tally.recount()
            self.tree.refresh_counts()
        self._repaint_marks(None)

    def _repaint_marks(self, read_delta: int | None) -> None:
        """After marks changed: the list, the detail, the titles, and a save. ``read_delta``:
        one paper changed, the list's read count moves by it; None: counted again."""
        if read_delta is None:
            self._view_read = self.lib.count_read(self.papers.rows)
            self.papers.refresh()
        else:
            self._view_read += read_delta
            index = self.papers.current
            if index is not None:
                self.papers.refresh_paper(index)
        self.detail.show(self.papers.current)
        self._update_titles()
        self._count_new()
        self.app.schedule_save()

    def _rebuild_categories(self) -> None:
        """Tags or lists were added or removed: rebuild the tree's categories and counts."""
        self.tally = self.new_tally()
        self.tree.tally = self.tally
        self.tree.build()
        self._select_in_tree(self.category)
        self.app.similar_stale()  # tags are part of a paper's text for the similarity index

    def action_undo(self) -> None:
        keys = self.history.last_keys()
        if not keys:
            self.notify("Nothing to undo", severity="warning")
            return
        label, keys = self._apply(keys, self.history.last_fields(), self.history.undo)
        what = f"{label} of {len(keys)} papers" if len(keys) > 1 else label
        self.app.notice("undo", f"Undone: {what}")

    def action_redo(self) -> None:
        keys = self.history.redo_keys()
        if not keys:
            self.notify("Nothing to redo", severity="warning")
            return
        label, keys = self._apply(keys, self.history.redo_fields(), self.history.redo)
        what = f"{label} of {len(keys)} papers" if len(keys) > 1 else label
        self.notify(f"Redone: {what}")

    def action_mark_all_read(self) -> None:
        unread = self.lib.filter(self.papers.rows, read=False)
        if not unread:
            self.notify("Every paper here is already read")
            return
        keys = self.lib.catalog.keys
        noun = "paper" if len(unread) == 1 else "papers"

        def answered(yes: bool | None) -> None:
            if yes:
                read = {"read": True}  # (one dict for all: 100k papers)
                self._change("mark all read", {keys[i]: read for i in unread})
                self.notify(f"Marked {len(unread)} {noun} read · u to undo")

        from .dialogs import ConfirmScreen  # dialogs are imported when first needed

        self.app.push_screen(ConfirmScreen(f"Mark {len(unread):,} {noun} in this list read?"), answered)

    def action_cycle_sort(self) -> None:
        self.sort_mode = SORT_MODES[(SORT_MODES.index(self.sort_mode) + 1) % len(SORT_MODES)]
        if self.search_text:
            self.app.notice("sort", f"Sort: {SORT_LABELS[self.sort_mode]} (search results stay ranked by relevance)")
            self._update_titles()
            return
        keep = self.papers.current
        self.papers.set_rows(self.rows_for(self.category), keep=keep)
        self._update_titles()
        self.app.notice("sort", f"Sorted by {SORT_LABELS[self.sort_mode]}")

    def action_edit_note(self) -> None:
        key = self._current_key()
        if key is None:
            return
        paper = self.lib.catalog.first(key)
        title = paper.title if paper is not None else key
        note = self.lib.note(key)

        def save(text: str) -> None:
            text = clean_note(text).rstrip()  # (from the editor or $EDITOR: cleaned before it is stored)
            if text != note:
                self._change("note", {key: {"note": text}})
                self.app.notice("note", "Note saved" if text else "Note removed")

        if self.settings.note_editor == "external":
            from .dialogs import edit_externally

            try:
                with self.app.suspend():
                    edited = edit_externally(note)
            except Exception:  # no real terminal: fall back to the built-in editor
                edited = None
            else:
                if edited is not None:
                    save(edited)
                return

        def done(text: str | None) -> None:
            if text is not None:
                save(text)

        from .dialogs import NoteScreen

        self.app.push_screen(NoteScreen(title, note), done)

    def action_edit_tags(self) -> None:
        key = self._current_key()
        if key is None:
            return
        index = self.lib.catalog.first_index[key]
        own = self.lib.user_tags(key)
        listed = list(self.lib.catalog.tags_of[index])

        def done(tags: list[str] | None) -> None:
            if tags is None:
                return
            new = [t for t in tags if t not in listed]
            if new != own:
                self._change("tags", {key: {"tags": new}})
                self.app.notice("tags", f"Tags: {', '.join(tags) or 'none of your own'}")

        from .dialogs import TagScreen

        self.app.push_screen(TagScreen(self.lib.catalog.titles[index], own, self.lib.all_tags()), done)

    def action_show_view(self, cid: str) -> None:
        if not self.tree.select_id(cid) and cid == VIEW_ACROSS:
            self.notify("No paper is in more than one list")
        self.focus_now(self.papers)

    def jump_to(self, index: int) -> None:
        """Show paper ``index`` (from the palette): in this list if it is here, else in All."""
        if index not in self.papers.rows:
            if self.search_text:
                self.search_cancel()
            self.tree.select_id(VIEW_ALL)
            self.show_category(VIEW_ALL)
        self.papers.cursor = self.papers.rows.index(index)
        self.focus_now(self.papers)

    def refresh_from_store(self, keys: set[str]) -> None:
        """Another process changed these papers: recount and repaint."""
        self._rebuild_categories()
        self.lists_changed()  # (a list shown that another process changed or deleted)
        self.saved_stale()
        self.papers.refresh()
        self.detail.show(self.papers.current)
        self._update_titles(self.lib.count_read(self.papers.rows))

    def action_import_file(self) -> None:
        from .dialogs import ImportScreen

        def chosen(path: str | None) -> None:
            if path:
                self.app.import_file(path)

        self.app.push_screen(ImportScreen(), chosen)

    def action_fetch(self) -> None:
        key = self._current_key()
        if key is None:
            return
        arxiv = self.lib.catalog.arxivs[self.lib.catalog.first_index[key]]
        if not arxiv:
            self.notify("This paper has no arXiv id to fetch", severity="warning")
            return
        self.app.fetch_metadata([arxiv])

    def action_fetch_all(self) -> None:
        ids = missing_metadata(self.lib)
        if not ids:
            self.notify("Every paper with an arXiv id has its metadata")
            return
        self.app.fetch_metadata(ids)

    def action_add_papers(self) -> None:
        from .dialogs import AddScreen

        def chosen(ids: list[str] | None) -> None:
            if ids:
                self.app.add_papers(ids)

        self.app.push_screen(AddScreen(), chosen)

    def show_progress(self, done: int | None, total: int | None = 0) -> None:
        bar = self.query_one("#fetch-progress", ProgressBar)
        if done is None:
            bar.display = False
            return
        bar.display = True
        bar.update(total=total, progress=done)

    # -- feeds ---------------------------------------------------------------------
    def _feed_words(self, cid: str) -> list[str]:
        """A feed's query words, highlighted in its titles and abstracts."""
        cat = self.tally.by_id.get(cid)
        if cat is None or cat.kind != "feed":
            return []
        from ...feeds import highlight_words

        query = next((f["query"] for f in self.settings.feeds if f["name"] == cat.label), "")
        return highlight_words(query)

    def _seen_now(self) -> float:
        """The New view's papers so far count as seen: the newest arrival."""
        return max([self.new_seen, *self.lib.arrived.values()])

    def _count_new(self) -> None:
        """The New view's figure in the tree (papers that arrived since it was looked at, unread)."""
        tree = self.tree
        if VIEW_NEW not in tree.nodes_by_id:
            return
        kept = self._new_keys
        if kept is None or kept[0] is not self.lib or kept[1] != self.new_seen:
            first = self.lib.catalog.first_index
            keys = frozenset(a for a, when in self.lib.arrived.items() if when > self.new_seen and a in first)
            self._new_keys = kept = (self.lib, self.new_seen, keys)
        count = len(kept[2]) - len(kept[2] & self.lib.store.read_keys())
        if count != tree.new_count:
            tree.new_count = count
            tree.refresh_counts([])

    def set_feed_status(self, text: str) -> None:
        if text != self.feed_status:
            self.feed_status = text
            self._update_titles()

    def action_update_feeds(self) -> None:
        self.app.update_feeds()

    def replace_library(self, library: Library) -> None:
        """Take in a reloaded library (feeds updated here or by another process) where the
        user is: same category, same paper under the cursor at the same place on screen,
        the search (if any) run again."""
        old = self.lib
        papers = self.papers
        index = papers.current
        key = None if index is None else old.catalog.keys[index]
        screen_row = 0 if index is None else papers.cursor - int(papers.scroll_offset.y)
        self.lib = library  # (the app's indexes have taken it too: the search index is built again)
        self.history.store = library.store
        papers.lib = library
        papers.prune_selection(library.catalog.first_index)
        papers._row_cache.clear()
        papers.forget_rows()
        self.detail.lib = library
        self.tally = self.new_tally()
        self.tree.tally = self.tally
        self.extras_replaced()
        self.tree.build()
        if self.category not in self.tree.nodes_by_id and not self.category.startswith("view:"):
            self.category = VIEW_ALL
        self._select_in_tree(self.category)
        self._count_new()
        if self.search_text:
            self.run_search()
            return
        rows = self.rows_for(self.category)
        keys = library.catalog.keys
        keep = next((i for i in rows if keys[i] == key), None) if key is not None else None
        self.papers.set_rows(rows, keep=keep, highlights=self._feed_words(self.category))
        if keep is not None:
            papers.scroll_to(y=max(0, papers.cursor - screen_row), animate=False, immediate=True)
        papers.refresh()
        self.detail.show(papers.current)
        self._update_titles(self._read_in_category(self.category, rows))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_focus_list(self) -> None:
        """esc: clears the selection; else back to the list (out of the zoom first); in the list,
        it clears a search (as in lazygit)."""
        if self.papers.clear_selection():  # (first of all: papers are selected)
            return
        if self.has_class("-zoom"):
            self.action_zoom_detail()
            return
        if self.focused is self.papers and (self.search_text or self.search_bar.display):
            self.search_cancel()
            return
        self.focus_now(self.papers)

    def action_zoom_detail(self) -> None:
        """The detail pane over the whole body, focused to scroll it; again (or esc): back."""
        zoom = not self.has_class("-zoom")
        self.set_class(zoom, "-zoom")
        keys = keys_label("zoom-detail", live_keymap(self.app))
        self.detail.border_subtitle = f"{keys} or esc: back to the list" if zoom else ""
        self.focus_now(self.detail if zoom else self.papers)

    def action_toggle_tree(self) -> None:
        hide = not self.has_class("-no-tree")
        self.set_class(hide, "-no-tree")
        if hide and self.focused is self.tree:
            self.focus_now(self.papers)
