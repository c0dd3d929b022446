"""Every key papertui binds, once: the one table the bindings, the footer, the ``?``
help screen and the command palette are built from.

Each :class:`Action` row holds the binding id (what ``config.toml`` ``[keys]`` rebinds),
the default key(s), a short title (footer, palette), one line of help, where it applies
and whether it shows in the footer and the palette. Widgets and screens take their
``BINDINGS`` from :func:`bindings`; help and palette name the keys through
:func:`keys_label`, which reads the live keymap, so a rebinding shows everywhere.

To add a key: add an ``Action(...)`` row here, then ``def action_<action>`` on the
widget or screen named by ``where`` (a widget's ``BINDINGS = bindings("list")`` picks it up).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import format_key

from . import compat

# Where a binding lives, and which of these are active together (a focused pane's own
# keys come first, then the main screen's, then the app's).
APP, MAIN, LIST, TREE, DETAIL, SEARCH = "app", "main", "list", "tree", "detail", "search"
HELP, CONFIRM, NOTE, DIALOG, UNSAVED, IMPORT = "help", "confirm", "note", "dialog", "unsaved", "import"
PANES = (LIST, TREE, DETAIL)
_TOGETHER = {
    LIST: {LIST, MAIN, APP},
    TREE: {TREE, MAIN, APP},
    DETAIL: {DETAIL, MAIN, APP},
    SEARCH: {SEARCH, MAIN, APP},
    MAIN: {MAIN, APP},
    HELP: {HELP, APP},
    CONFIRM: {CONFIRM, APP},
    NOTE: {NOTE, APP},
    DIALOG: {DIALOG, APP},
    UNSAVED: {UNSAVED, APP},
    IMPORT: {IMPORT, APP},
    APP: {APP},
}


@dataclass(frozen=True)
class Action:
    id: str  # binding id: the name in config.toml [keys]
    keys: str  # default key(s), Textual's names, comma separated ("" = palette only)
    title: str  # short: footer and palette
    help: str  # one line: ? and palette
    where: tuple[str, ...]  # the scopes whose BINDINGS hold it
    action: str  # run on the widget or screen of that scope: def action_<name>
    footer: bool = False
    palette: bool = False
    priority: bool = False
    group: str = "Papers"  # the heading it is listed under in ?
    command: str = ""  # the palette's name for it, when the title is too short to find it by

    @property
    def palette_title(self) -> str:
        return self.command or self.title


def _a(id, keys, title, help, where, action, **kw) -> Action:
    return Action(id, keys, title, help, (where,) if isinstance(where, str) else tuple(where), action, **kw)


ACTIONS: tuple[Action, ...] = (
    # The main screen, whichever pane has the focus (footer order).
    _a("toggle-read", "r", "Read", "Toggle read / unread", MAIN, "toggle_read",
       footer=True, palette=True, command="Toggle read"),
    _a("toggle-star", "s", "Star", "Star or unstar the paper", MAIN, "toggle_star",
       footer=True, palette=True, command="Toggle star"),
    _a("copy-link", "c", "Copy", "Copy the arXiv abs link", MAIN, "copy_link",
       footer=True, palette=True, command="Copy arXiv link"),
    _a("open-link", "o", "Open", "Open the abs link in the browser ($BROWSER)", MAIN, "open_link",
       footer=True, palette=True, command="Open in browser"),
    _a("search", "slash", "Search", "Search: the list filters as you type", MAIN, "search",
       footer=True, palette=True),
    _a("edit-note", "n", "Note", "Write a Markdown note for the paper", MAIN, "edit_note",
       footer=True, palette=True, command="Edit note"),
    _a("edit-tags", "t", "Tags", "Edit the paper's own tags", MAIN, "edit_tags",
       footer=True, palette=True, command="Edit tags"),
    _a("undo", "u", "Undo", "Undo the last change: read, star, tags, note, bulk mark", MAIN, "undo",
       footer=True, palette=True),
    _a("redo", "ctrl+r", "Redo", "Redo what the last undo took back", MAIN, "redo", palette=True),
    _a("copy-bibtex", "y", "BibTeX", "Copy the paper's BibTeX entry", MAIN, "copy_bibtex",
       palette=True, command="Copy BibTeX"),
    _a("copy-markdown", "Y", "Md link", "Copy a Markdown link [Title](url)", MAIN, "copy_markdown",
       palette=True, command="Copy Markdown link"),
    _a("import", "i", "Import", "Import a digest, arXiv e-mail, id list, BibTeX or list file", MAIN, "import_file",
       palette=True, command="Import a file"),
    _a("fetch", "f", "Fetch", "Fetch authors, abstract, dates from the arXiv API", MAIN, "fetch",
       palette=True, command="Fetch metadata"),
    _a("fetch-all", "F", "Fetch all", "Fetch metadata for every paper that has none", MAIN, "fetch_all",
       palette=True, command="Fetch all missing metadata"),
    _a("open-pdf", "p", "PDF", "Download the paper's PDF (once) and open it", MAIN, "open_pdf",
       palette=True, command="Open the PDF"),
    _a("similar", "M", "Similar", "More like this: the papers of your library most like this one", MAIN, "similar",
       palette=True, command="Similar papers"),
    _a("cite-counts", "C", "Citations", "Fetch citation counts (Semantic Scholar) for the list",
       MAIN, "cite_counts", palette=True, command="Fetch citation counts"),
    _a("add", "a", "Add", 'Add papers by arXiv id or link to "My papers"', MAIN, "add_papers",
       palette=True, command="Add papers by id"),
    _a("mark-all-read", "R", "All read", "Mark every paper in the list read (asks first)", MAIN, "mark_all_read",
       palette=True, command="Mark all in view read"),
    _a("cycle-sort", "S", "Sort", "Sort: list → date → title → changed → my stars → cited",
       MAIN, "cycle_sort",
       palette=True, command="Cycle sort order"),
    _a("show-unread", "", "Show unread", "Switch to the Unread view", MAIN, "show_view('view:unread')", palette=True),
    _a("show-starred", "", "Show starred", "Switch to the Starred view", MAIN, "show_view('view:starred')",
       palette=True),
    _a("show-all", "", "Show all papers", "Switch to All papers", MAIN, "show_view('view:all')", palette=True),
    _a("show-across", "", "Show across lists", "Switch to Across lists (papers in 2+ lists)", MAIN,
       "show_view('view:across')", palette=True),
    _a("add-to-list", "L", "Lists", "Put the paper in one of my lists, or take it out", MAIN,
       "add_to_list", palette=True, command="Add to my list / remove from it"),
    _a("rename-list", "", "Rename list", "Rename one of your own lists (the one shown, else pick one)", MAIN,
       "rename_list", palette=True, command="Rename my list"),
    _a("delete-list", "", "Delete list", "Delete one of your own lists; its papers keep their marks (u undoes)",
       MAIN, "delete_list", palette=True, command="Delete my list"),
    _a("rename-search", "", "Rename saved search", "Rename a saved search (the one shown, else pick one)", MAIN,
       "rename_search", palette=True),
    _a("delete-search", "", "Delete saved search", "Delete a saved search (the one shown, else pick one)", MAIN,
       "delete_search", palette=True),
    _a("update-feeds", "U", "Update feeds", "Fetch the followed feeds' new papers (in the background)", MAIN,
       "update_feeds", palette=True, command="Update feeds now"),
    _a("show-new", "", "Show new", "Switch to the New view: papers your feeds brought in", MAIN,
       "show_view('view:new')", palette=True),
    _a("help", "question_mark,f1", "Help", "Every key and the search syntax", MAIN, "help",
       footer=True, palette=True, command="Keys"),
    _a("next-unread", "full_stop", "Next unread", "Next unread paper in this list (wraps)", MAIN, "next_unread",
       palette=True, group="Moving", command="Next unread paper"),
    _a("prev-unread", "comma", "Prev unread", "Previous unread paper in this list (wraps)", MAIN, "prev_unread",
       palette=True, group="Moving", command="Previous unread paper"),
    _a("read-and-next", "m", "Read+next", "Mark the paper read and go to the next unread (newsboat)", MAIN,
       "read_and_next", palette=True, command="Mark read and go to next unread"),
    _a("zoom-detail", "z", "Zoom", "Zoom: the detail pane takes the whole screen (again: back)", MAIN,
       "zoom_detail", palette=True, command="Zoom the detail pane"),
    _a("toggle-tree", "T", "Tree", "Hide or show the category tree", MAIN, "toggle_tree", palette=True,
       command="Hide / show the category tree"),
    _a("focus-list", "escape", "Back to list",
       "Unselect all; else back to the list; in the list, clear the search", MAIN,
       "focus_list", group="Moving"),
    # Selection: r s t y Y c f p e then act on every selected paper (screens/bulk.py).
    _a("toggle-select", "space", "Select", "Select or unselect the paper, then go down", LIST, "toggle_select",
       group="Selection"),
    _a("select-range", "v", "Range", "Select a range: v, move the cursor, v again (as in vim / lazygit)", LIST,
       "select_range", group="Selection"),
    _a("select-all", "ctrl+a", "Select all", "Select every paper in the list (again: none)", LIST, "select_all",
       palette=True, group="Selection", command="Select all in view"),
    _a("clear-selection", "", "Clear selection", "Unselect every paper (esc does it too)", MAIN, "clear_selection",
       palette=True, group="Selection"),
    _a("export", "e", "Export", "Export the selected papers (else the list) to a .bib .ris .md… file",
       MAIN, "export", palette=True, group="Selection", command="Export to a file"),
    # Moving, in the pane with the focus (and in this help).
    _a("cursor-down", "down,j", "Down", "Down in the list, tree or detail pane", (*PANES, HELP), "cursor_down",
       group="Moving"),
    _a("cursor-up", "up,k", "Up", "Up in the list, tree or detail pane", (*PANES, HELP), "cursor_up", group="Moving"),
    _a("page-down", "pagedown,ctrl+f", "Page down", "Page down in the list or detail pane",
       (LIST, DETAIL, HELP), "page_down", group="Moving"),
    _a("page-down-space", "space", "Page down", "Page down in the detail pane (in the list space selects)",
       (DETAIL, HELP), "page_down", group="Moving"),
    _a("page-up", "pageup,ctrl+b", "Page up", "Page up in the list or detail pane", (LIST, DETAIL, HELP), "page_up",
       group="Moving"),
    _a("half-page-down", "ctrl+d", "Half page down", "Half a page down in the list or detail pane", (LIST, DETAIL),
       "half_page_down", group="Moving"),
    _a("half-page-up", "ctrl+u", "Half page up", "Half a page up in the list or detail pane", (LIST, DETAIL),
       "half_page_up", group="Moving"),
    _a("follow-related", "enter", "Follow", "In the detail pane: go to a related paper (or add it)", DETAIL,
       "follow_related", group="Moving"),
    _a("first", "home,g", "First", "First paper, category or line", (*PANES, HELP), "first", group="Moving"),
    _a("last", "end,G", "Last", "Last paper, category or line", (*PANES, HELP), "last", group="Moving"),
    # The search box.
    _a("search-clear", "escape", "Clear", "Clear the search and go back to the list", SEARCH, "cancel",
       footer=True, group="Search box"),
    _a("search-results", "enter,down", "Results", "Go to the results", SEARCH, "to_results",
       footer=True, group="Search box"),
    _a("search-scope", "ctrl+t", "Scope", "Search all papers ⇄ only the selected category", SEARCH, "toggle_scope",
       footer=True, group="Search box"),
    _a("save-search", "ctrl+s", "Save", "Save this search under a name (the tree's Saved)", SEARCH, "save_search",
       footer=True, palette=True, group="Search box", command="Save this search"),
    # Dialogs.
    _a("yes", "y,enter", "Yes", "Answer yes", CONFIRM, "answer(True)", footer=True, group="Dialogs"),
    _a("no", "n,escape", "No", "Answer no", CONFIRM, "answer(False)", footer=True, group="Dialogs"),
    # The note's and dialogs' keys are not priority bindings: the editor runs them in their
    # turn among the keys typed (TypeAhead), so ctrl+s saves what was typed before it.
    _a("save-note", "ctrl+s", "Save", "Save the note", NOTE, "save", footer=True, group="Dialogs"),
    _a("close-note", "escape", "Close", "Close the note (asks before dropping changes)", NOTE, "close",
       footer=True, group="Dialogs"),
    _a("external-editor", "ctrl+e", "$EDITOR", "Edit the note in $VISUAL / $EDITOR", NOTE, "external",
       footer=True, group="Dialogs"),
    _a("cancel", "escape", "Cancel", "Close a dialog without changes", DIALOG, "cancel",
       footer=True, group="Dialogs"),
    _a("submit", "enter", "OK", "Save the tags / answer a dialog", DIALOG, "submit", footer=True, group="Dialogs"),
    _a("unsaved-retry", "r,enter", "Retry", "Save the marks again (quitting when they were not saved)", UNSAVED, "answer('retry')",
       footer=True, group="Dialogs"),
    _a("unsaved-quit", "q", "Quit anyway", "Quit though the marks were not saved", UNSAVED, "answer('quit')", footer=True, group="Dialogs"),
    _a("unsaved-cancel", "escape,c", "Cancel", "Stay: do not quit", UNSAVED,
       "answer('cancel')", footer=True, group="Dialogs"),
    # The import dialog's text area runs enter as import-submit, in its turn (a pasted
    # article's line breaks arrive in one paste, not as enter keys).
    _a("import-submit", "enter", "Import", "Import the path, link or pasted article", IMPORT, "submit",
       footer=True, group="Dialogs"),
    _a("import-cancel", "escape", "Cancel", "Close the import dialog without importing", IMPORT, "cancel",
       footer=True, group="Dialogs"),
    _a("close-help", "escape,q,question_mark,f1", "Close", "Close this help", HELP, "dismiss", group="Dialogs"),
    # Anywhere.
    _a("quit", "q", "Quit", "Quit (marks are saved)", APP, "quit", footer=True, group="Anywhere"),
    _a("quit-now", "ctrl+c", "Quit", "Quit from anywhere, even a dialog", APP, "quit",
       priority=True, group="Anywhere"),
)
BY_ID = {a.id: a for a in ACTIONS}

# Keys Textual or a widget handles itself, listed in ? after the table's.
OTHER_KEYS = (
    ("with a selection", "Read, Star, Tags, Copy, BibTeX, Md link, Fetch, PDF act on every selected paper",
     "Selection"),
    ("tab / shift+tab", "Next / previous pane: tree → list → detail", "Moving"),
    ("enter", "In the tree: show that category; in the list: read the detail", "Moving"),
    ("ctrl+p", "Command palette: commands, themes, and papers by title", "Anywhere"),
    ("mouse", "Click a category or a paper; scroll with the wheel", "Anywhere"),
)
GROUPS = ("Papers", "Selection", "Moving", "Search box", "Dialogs", "Anywhere")


def bindings(scope: str) -> list[BindingType]:
    """The BINDINGS of a widget or screen: the table's rows for ``scope``, default keys
    (Textual applies the user's keymap over them by id)."""
    return [
        Binding(a.keys, a.action, a.title, show=a.footer, tooltip=a.help, id=a.id, priority=a.priority)
        for a in ACTIONS
        if scope in a.where and a.keys
    ]


def normalize_keys(keys: str) -> str:
    """``"?, x"`` → ``"question_mark,x"``: the names Textual binds (as its keymap does)."""
    return ",".join(compat.character_to_key(k) if len(k) == 1 else k for k in (k.strip() for k in keys.split(",")) if k)


def live_keymap(app) -> Mapping[str, str]:
    """The keymap Textual applies (binding id → normalized keys)."""
    return compat.keymap(app)


def live_keys(action: Action | str, keymap: Mapping[str, str]) -> list[str]:
    """The keys bound to ``action`` now (the keymap's, else the defaults)."""
    row = BY_ID[action] if isinstance(action, str) else action
    keys = keymap.get(row.id) or row.keys
    return [k.strip() for k in keys.split(",") if k.strip()]


_NAMES = {"escape": "esc", "enter": "enter", "pagedown": "pgdn", "pageup": "pgup", "space": "space", "tab": "tab"}


def key_label(key: str) -> str:
    """A key as the README names it: ``esc``, ``?``, ``pgdn``, ``ctrl+p``, ``↓``."""
    *mods, base = key.split("+")
    name = _NAMES.get(base) or format_key(base)
    return "+".join([*mods, name])


def keys_label(action: Action | str, keymap: Mapping[str, str]) -> str:
    return " / ".join(key_label(k) for k in live_keys(action, keymap))


def conflicts(user_keys: Mapping[str, str]) -> list[str]:
    """One line per key a rebinding gives to two actions that are active together."""
    keymap = {k: normalize_keys(v) for k, v in user_keys.items()}
    problems = [f"[keys] {name}: no such binding id (see the README's keys table)" for name in keymap
                if name not in BY_ID]
    seen: set[tuple[str, ...]] = set()
    for mine in ACTIONS:
        if mine.id not in keymap:
            continue
        for key in live_keys(mine, keymap):
            for other in ACTIONS:
                if other is mine or key not in live_keys(other, keymap) or other.action == mine.action:
                    continue
                if not any(o in _TOGETHER[w] or w in _TOGETHER[o] for w in mine.where for o in other.where):
                    continue
                pair = tuple(sorted((mine.id, other.id)))
                if (*pair, key) not in seen:
                    seen.add((*pair, key))
                    label = key_label(key)
                    problems.append(f"[keys] {mine.id} and {other.id} both use {label}; only one of them will act")
    return problems
