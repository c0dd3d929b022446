"""The main screen: category tree | paper list | detail pane."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree

from ...library import Library, Tally
from ..widgets.category_tree import VIEW_ALL, VIEW_STARRED, VIEW_UNREAD, CategoryTree
from ..widgets.detail import DetailPane
from ..widgets.paper_list import PaperList

NARROW_WIDTH = 110


class MainScreen(Screen):
    BINDINGS = [
        Binding("r", "toggle_read", "Read", tooltip="Toggle read / unread for the current paper", id="toggle-read"),
        Binding("s", "toggle_star", "Star", tooltip="Star or unstar the current paper", id="toggle-star"),
        Binding("c", "copy_link", "Copy link", tooltip="Copy the arXiv abs link", id="copy-link"),
        Binding("o", "open_link", "Open", tooltip="Open the arXiv abs link in the browser ($BROWSER)", id="open-link"),
        Binding("question_mark,f1", "help", "Help", key_display="?", tooltip="Show all keys", id="help"),
        Binding("escape", "focus_list", "Back to list", show=False, id="focus-list"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.lib = library
        self.tally = Tally(library)
        self.category = VIEW_ALL

    def compose(self) -> ComposeResult:
        yield Header(icon="▤")
        with Horizontal(id="body"):
            yield CategoryTree(self.tally, id="tree")
            with Container(id="main"):
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
        self.papers.focus()
        self._apply_width(self.size.width)

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
        keep = self.papers.current
        rows = self.rows_for(cid)
        empty = {
            VIEW_UNREAD: "Nothing unread here. Well done!",
            VIEW_STARRED: "No starred papers yet: press s on a paper to star it",
        }.get(cid, "No papers in this category")
        self.papers.set_rows(rows, keep=keep, empty_message=empty)
        self._update_titles()

    def _update_titles(self) -> None:
        rows = self.papers.rows
        read = self.lib.count_read(rows)
        title = Content(self.category_name(self.category))
        self.papers.border_title = title
        self.papers.border_subtitle = Content(f"{read}/{len(rows)} read")
        t = self.tally
        pct = (100 * t.all.read // t.all.total) if t.all.total else 0
        self.app.sub_title = f"{t.all.read}/{t.all.total} read ({pct}%) · {t.starred} starred"

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
        self.papers.focus()

    @on(PaperList.Highlighted, "#papers")
    def _paper_highlighted(self, event: PaperList.Highlighted) -> None:
        self.detail.show(event.index)

    @on(PaperList.Chosen, "#papers")
    def _paper_chosen(self, event: PaperList.Chosen) -> None:
        self.detail.focus()

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
        self._update_titles()

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
        self.papers.focus()
