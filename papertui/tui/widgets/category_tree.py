"""The category tree: smart views, reading lists with their sections, the user's own lists,
saved searches, feeds, tags."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...library import Count, Tally
from ...wrap import clip
from .. import compat
from ..actions import TREE, bindings
from ..palette import rich_color
from .framed_rows import FramedRowsCache
from .inline_scrollbar import ROWS_KEPT, InlineScrollbar
from .type_ahead import TypeAhead

VIEW_ALL = "view:all"
VIEW_UNREAD = "view:unread"
VIEW_STARRED = "view:starred"
VIEW_ACROSS = "view:across"  # papers in two or more lists (shown only when there are some)
VIEW_NEW = "view:new"  # feed papers that arrived since the user last looked (shown when feeds are followed)
GROUP_LISTS = "group:lists"
GROUP_TAGS = "group:tags"
GROUP_FEEDS = "group:feeds"
GROUP_MYLISTS = "group:mylists"  # the user's own lists (mylists.py), shown when there are some
GROUP_SAVED = "group:saved"  # saved searches, shown when there are some

VIEW_LABELS = {VIEW_ALL: "All", VIEW_UNREAD: "Unread", VIEW_STARRED: "Starred", VIEW_NEW: "New",
               VIEW_ACROSS: "Across lists"}
VIEW_ICONS = {VIEW_ALL: "◆", VIEW_UNREAD: "●", VIEW_STARRED: "★", VIEW_NEW: "✦", VIEW_ACROSS: "≡"}


class CategoryTree(TypeAhead, InlineScrollbar, Tree[str]):
    """Node data is a category id: ``view:*``, ``list:FILE``, ``section:FILE/TITLE``, ``tag:NAME``, ``feed:NAME``,
    ``mylist:ID``, ``saved:NAME``."""

    DEFAULT_CSS = """
    CategoryTree { overflow-y: scroll; scrollbar-size-vertical: 0; }
    """
    BAR_GAP = 1

    BINDINGS = bindings(TREE)

    def __init__(self, tally: Tally, *, on_highlight: Callable[[TreeNode[str]], None] | None = None,
                 feeds: bool = False, **kwargs) -> None:
        super().__init__("Categories", data="root", **kwargs)
        self.feeds = feeds  # feeds are followed: show New and Feeds even before they have papers
        self.new_count = 0  # papers in the New view
        # Border and padding worked out once, not per row; the scrollbar drawn in the rows.
        self._inline_bar = compat.use_own_rows(self, FramedRowsCache)
        self._rows = compat.RowCache(ROWS_KEPT)  # finished rows, by the tree's own row (see finish_row)
        self.tally = tally
        # Called at once when the cursor lands on another node (Tree's NodeHighlighted
        # message comes a turn later, and the list would repaint in a frame of its own).
        self.on_highlight = on_highlight
        self.show_root = False
        self.guide_depth = 2
        self.nodes_by_id: dict[str, TreeNode[str]] = {}
        self._label_width = -1  # the width the labels were fitted to
        self._figure_for: dict | None = None  # the theme variables _figure is for
        self._figure: Style | str = "dim"
        self.build()  # before the first layout: building a mounted tree costs another one

    def action_first(self) -> None:
        self.cursor_line = 0
        self.scroll_to_line(self.cursor_line, animate=False)

    def action_last(self) -> None:
        self.cursor_line = self.last_line
        self.scroll_to_line(self.cursor_line, animate=False)

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        previous = self.get_node_at_line(previous_line) if previous_line >= 0 else None
        super().watch_cursor_line(previous_line, line)
        node = self.get_node_at_line(line) if line >= 0 else None
        if self.on_highlight is not None and previous_line != line and node is not None and node is not previous:
            self.on_highlight(node)

    def _refresh_line(self, line: int) -> None:  # (Tree's private hook: see compat.py)
        if not self._inline_bar:
            compat.tree_refresh_line(self, line)
            return
        self.refresh_rows(line - int(self.scroll_offset.y))  # the whole row, borders included

    def render_lines(self, crop: Region) -> list[Strip]:
        # Tree.render_line asks for the widget's style on every line (it walks every
        # ancestor's CSS): ask once per paint. A tree that scrolls repaints every row.
        self.begin_paint()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if not self._inline_bar:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        width = self._line_width
        row = compat.tree_line(self, y + scroll_y, scroll_x, scroll_x + width, self._base_style)
        row = row.adjust_cell_length(width, self._base_style)
        # Tree keeps its rows (a scroll gives back the same Strip objects): so do we.
        return self.finish_row(y, row, width, id(row), anchor=row)

    def process_label(self, label) -> Text:
        # Never parse list titles, section names or tags as markup.
        text = label if isinstance(label, Text) else Text(str(label))
        return text.split()[0] if "\n" in text.plain else text

    def build(self) -> None:
        """(Re)build the nodes from the tally. A rebuild (tags were edited) keeps each
        node's expanded or collapsed state."""
        expanded = {cid: node.is_expanded for cid, node in self.nodes_by_id.items() if node.allow_expand}
        self.clear()
        self.nodes_by_id.clear()
        root = self.root
        feeds = self.feeds or any(c.kind == "feed" for c in self.tally.categories)
        across = bool(self.tally.lib.across_lists())
        for vid in (VIEW_ALL, VIEW_UNREAD, VIEW_STARRED, VIEW_NEW, VIEW_ACROSS):
            if (vid != VIEW_NEW or feeds) and (vid != VIEW_ACROSS or across):
                self.nodes_by_id[vid] = root.add_leaf(self.label_for(vid), data=vid)
        kinds = {c.kind for c in self.tally.categories}  # (the user's own first: reading lists may be long)
        for gid, kind, label in ((GROUP_MYLISTS, "mylist", "My lists"), (GROUP_SAVED, "saved", "Saved")):
            if kind in kinds:
                self.nodes_by_id[gid] = root.add(Text(label, style="bold"), data=gid, expand=expanded.get(gid, True))
        lists = root.add(Text("Reading lists", style="bold"), data=GROUP_LISTS, expand=expanded.get(GROUP_LISTS, True))
        if feeds:
            self.nodes_by_id[GROUP_FEEDS] = root.add(
                Text("Feeds", style="bold"), data=GROUP_FEEDS, expand=expanded.get(GROUP_FEEDS, True)
            )
        tags = root.add(Text("Tags", style="bold"), data=GROUP_TAGS, expand=expanded.get(GROUP_TAGS, False))
        self.nodes_by_id[GROUP_LISTS] = lists
        self.nodes_by_id[GROUP_TAGS] = tags
        for cat in self.tally.categories:
            if cat.kind == "list":
                node = lists.add("", data=cat.id, expand=expanded.get(cat.id, True))
            elif cat.kind == "section":
                assert cat.parent is not None  # a section's list
                node = self.nodes_by_id[cat.parent].add_leaf("", data=cat.id)
            elif cat.kind == "feed":
                node = self.nodes_by_id[GROUP_FEEDS].add_leaf("", data=cat.id)
            elif cat.kind in ("mylist", "saved"):
                node = self.nodes_by_id[GROUP_MYLISTS if cat.kind == "mylist" else GROUP_SAVED].add_leaf("", data=cat.id)
            else:
                node = tags.add_leaf("", data=cat.id)
            self.nodes_by_id[cat.id] = node
        if not tags.children:
            tags.allow_expand = False
        # A list with one section: the section adds nothing, show the list alone.
        for node in list(lists.children):
            if len(node.children) == 1:
                only = node.children[0]
                assert only.data is not None  # every node holds its category id
                del self.nodes_by_id[only.data]
                only.remove()
                node.allow_expand = False
        self.refresh_counts()

    # -- labels --------------------------------------------------------------
    def label_for(self, cid: str) -> Text:
        """Name and figure, the figure right-aligned and never cut off."""
        t = self.tally
        if cid in VIEW_LABELS:
            name = f"{VIEW_ICONS[cid]} {VIEW_LABELS[cid]}"
            figure = {VIEW_ALL: f"{t.all.read}/{t.all.total}", VIEW_UNREAD: str(t.unread), VIEW_STARRED: str(t.starred),
                      VIEW_NEW: str(self.new_count), VIEW_ACROSS: str(len(t.lib.across_lists()))}[cid]
            depth, toggle = 1, False
        else:
            cat = t.by_id[cid]
            count: Count = t.counts[cid]
            if cat.kind == "tag":
                name, figure, depth = f"#{cat.label}", str(count.total), 2
            elif cat.kind in ("feed", "mylist", "saved"):  # unread / total: what is left to triage
                name, figure, depth = cat.label, f"{count.total - count.read}/{count.total}", 2
                if cid in t.pending:
                    figure = "…"  # (a saved search not run yet)
            else:
                name, figure = cat.label, f"{count.read}/{count.total}"
                depth = 2 if cat.kind == "list" else 3
            node = self.nodes_by_id.get(cid)
            toggle = bool(node and node.allow_expand)
        width = self._label_width = self.content_width if self.size.width else 0
        room = width - (depth - 1) * self.guide_depth - (2 if toggle else 0) if width else 0
        return fit_label(name, figure, room, self._figure_style())

    def _figure_style(self) -> Style | str:
        """Counts in the theme's secondary colour (``$pt-muted``, legible on the tree and its cursor)."""
        if not self.is_attached:
            return "dim"
        variables = self.app.theme_variables
        if variables is not self._figure_for:  # (worked out once per theme, not per label)
            color = variables.get("pt-muted")
            self._figure_for, self._figure = variables, Style(color=rich_color(color)) if color else "dim"
        return self._figure

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_counts())  # the counts' colour

    def refresh_counts(self, ids: list[str] | None = None) -> None:
        """Relabel the smart views and the given categories (all when None)."""
        if ids is None:
            # Every node (a new tree, a new width): set the labels and rebuild the
            # tree's lines once, instead of queueing a repaint per node (set_label).
            compat.relabel(self, [(node, self.label_for(cid)) for cid, node in self.nodes_by_id.items()
                                  if not cid.startswith("group:")])
            return
        for cid in [VIEW_ALL, VIEW_UNREAD, VIEW_STARRED, VIEW_NEW, *ids]:
            found = self.nodes_by_id.get(cid)
            if found is not None:
                found.set_label(self.label_for(cid))

    def on_resize(self) -> None:
        # Labels are fitted to the width (figures right-aligned): refit them.
        if self.nodes_by_id and self.content_width != self._label_width:
            self.refresh_counts()

    def select_id(self, cid: str) -> bool:
        node = self.nodes_by_id.get(cid)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:  # expand() re-lays the tree out even when open
                parent.expand()
            parent = parent.parent
        self.last_line  # noqa: B018 (lays the lines out now: they are built lazily, and node.line must be current)
        if self.cursor_node is not node:  # since a rebuild, the cursor's line may hold another node: make it a move
            self.set_reactive(Tree.cursor_line, -1)
        self.move_cursor(node)
        return True


def fit_label(name: str, figure: str, room: int, style: Style | str = "dim") -> Text:
    """``name  figure`` in ``room`` cells: the name is cut (…) before the figure is."""
    text = Text(name)
    fig = Text(figure, style=style)
    if room <= 0:
        text.append("  ")
        return text + fig
    name_room = room - fig.cell_len - 1
    if name_room < 3:
        return text + Text(" ") + fig
    if text.cell_len > name_room:
        text = Text(clip(name, name_room))
    text.append(" " * (room - text.cell_len - fig.cell_len))
    return text + fig
