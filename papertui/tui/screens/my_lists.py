"""The user's own lists and saved searches on the main screen (issue 20). A mixin of
:class:`MainScreen`, kept apart like ``paper_extras.py``.

The work is in plain modules: ``mylists.py`` (lists in the state file: every change here is
one undoable step through the screen's ``_change``), ``saved_searches.py`` (config.toml)
and ``search.py``. Saved searches run again off the UI thread whenever the marks or the
library change (SAVED_SETTLE after the last change), and their counts follow read marks at
once in between (``Tally.extra_of``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList

from ... import mylists
from ...catalog import Category
from ...library import Library, Tally, extra_index
from ..actions import DIALOG, bindings
from ..hosts import ScreenHost
from .dialogs import PromptScreen

if TYPE_CHECKING:
    from textual.timer import Timer

SAVED = "saved:"  # + a saved search's name: its node in the tree
SAVED_SETTLE = 0.4  # seconds after the last change before the saved searches run again
SAVED_SYNC_MAX = 5000  # papers: up to this many, saved searches run on the UI thread (a few ms)
NEW_LIST = "\x00new"  # the picker's "new list…" row
MOVE_TO = "\x00move:"  # the picker's "move to LIST" rows (viewing one of the lists): + the list's id


class PickScreen(ModalScreen):
    """Pick one row (↑/↓ and enter; esc cancels): dismisses with its value."""

    BINDINGS = bindings(DIALOG)

    def __init__(self, title: str, rows: list[tuple[Content, str]], hint: str = "enter pick · esc cancel") -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="dialog") as box:
            box.border_title = Content(self.title_text)
            box.border_subtitle = Content(self.hint)
            yield OptionList(*(label for label, _ in self.rows), id="pick-options")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.rows[event.option_index][1])

    def action_submit(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self.rows[index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameScreen(PromptScreen):
    """Ask for a name (a new list, a rename, a saved search)."""

    BOX_ID = "name-box"
    INPUT_ID = "name-input"
    HINT = "enter save · esc cancel"

    def __init__(self, title: str, label: str, value: str = "") -> None:
        super().__init__()
        self.TITLE_TEXT, self.LABEL, self.value = title, label, value

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.value = self.value
        field.cursor_position = len(self.value)
        super().on_mount()

    def answer(self, value: str) -> str | None:
        return value.strip() or None


class ListsExtras(ScreenHost):
    """Mixed into MainScreen, whose attributes and methods it uses (``hosts.ScreenHost`` declares them)."""

    def init_lists(self) -> None:
        self._saved: dict[str, tuple[str, list[int]]] = {}  # name -> (query, its papers best first)
        self._saved_of: dict[str, list[str]] | None = None  # Tally.extra_of for _saved as it is (None: work it out)
        self._saved_lib: Library | None = None  # the library those indices are for
        self._saved_timer: Timer | None = None
        self._saved_generation = 0

    # -- the tally, with the saved searches ----------------------------------------------------
    def new_tally(self) -> Tally:
        """A tally of the library's categories and the saved searches (those not run yet for
        this library are pending: run now if the library is small, else in a worker)."""
        if self._saved_lib is not self.lib:
            self._saved, self._saved_lib, self._saved_of = {}, self.lib, None
        cats, pending, fresh = [], [], False
        small = len(self.lib.catalog.unique) <= SAVED_SYNC_MAX
        for row in self.settings.searches:
            kept = self._saved.get(row["name"])
            if kept is None or kept[0] != row["query"]:
                fresh = True
                if small:
                    kept = self._saved[row["name"]] = (row["query"], self.search_index().search(row["query"]).indices)
                else:
                    kept = (row["query"], [])
                    pending.append(SAVED + row["name"])
            cats.append(Category(SAVED + row["name"], "saved", row["name"], list(kept[1])))
        if fresh or len(self._saved) != len(cats):
            self._saved_of = None
        tally = Tally(self.lib, extra=cats, extra_of=self._saved_of)  # (kept: ~0.1 s at 100k papers)
        self._saved_of = tally.extra_of
        tally.pending.update(pending)
        if pending:
            self.saved_stale()
        return tally

    def saved_stale(self, fields: set[str] | None = None) -> None:
        """Marks or papers changed: run the saved searches again once things settle. When
        only ``fields`` changed here and those cannot change what a search finds (read and
        star marks for searches without ``is:``, lists for those without ``in:``), the counts are up to date already
        (``Tally.read_changed``): nothing to run (at 100k papers a run is ~1 s of a worker)."""
        if not self.settings.searches:
            return
        if fields is not None and fields <= {"read", "starred", "lists", "name"} and not fields & self._saved_use():
            return
        if self._saved_timer is not None:
            self._saved_timer.stop()
        self._saved_timer = self.set_timer(SAVED_SETTLE, self._run_saved)

    def _saved_use(self) -> set[str]:
        """The fields of the marks the saved searches look at besides text: read and starred
        for an ``is:`` filter, lists for an ``in:`` filter."""
        from ...query import parse

        used = {term.field for row in self.settings.searches for term in parse(row["query"]).terms}
        return ({"read", "starred"} if "is" in used else set()) | ({"lists", "name"} if "in" in used else set())

    def _run_saved(self) -> None:
        self._saved_timer = None
        if self.replaced:
            return
        self._saved_generation += 1
        generation, lib = self._saved_generation, self.lib
        rows = [dict(r) for r in self.settings.searches]

        def work() -> None:
            from ...search import Cancelled

            try:
                index = self.search_index(stoppable=True)
            except Cancelled:
                return
            found = {r["name"]: (r["query"], index.search(r["query"]).indices) for r in rows}
            reads = {SAVED + name: lib.count_read(indices) for name, (_, indices) in found.items()}
            cats = [Category(SAVED + name, "saved", name, indices) for name, (_, indices) in found.items()]
            extra_of = extra_index(lib.catalog.keys, cats)
            self.app.call_from_thread(self._saved_done, generation, lib, found, cats, reads, extra_of)

        self.run_worker(work, thread=True, group="saved", exit_on_error=False)

    def _saved_done(self, generation: int, lib: Library, found: dict, cats: list[Category], reads: dict[str, int],
                    extra_of: dict[str, list[str]]) -> None:
        if generation != self._saved_generation or lib is not self.lib or self.replaced:
            return
        if [c.id for c in cats] != [c.id for c in self.tally.categories if c.kind == "saved"]:
            return  # (a search saved, renamed or deleted meanwhile: its rebuild runs them again)
        self._saved, self._saved_lib, self._saved_of = dict(found), lib, extra_of
        self.tally.set_extra(cats, reads, extra_of)
        self.tally.pending.clear()
        self.tree.refresh_counts([c.id for c in cats])

    def saved_words(self, cid: str) -> list[str]:
        """A saved search's words, highlighted in its list and the detail pane."""
        if not cid.startswith(SAVED) or cid not in self.tally.by_id:
            return []
        kept = self._saved.get(cid[len(SAVED):])
        if kept is None:
            return []
        from ...query import parse

        return parse(kept[0]).highlights()

    # -- the user's own lists ---------------------------------------------------------------------
    def my_lists_line(self, index: int) -> str | None:
        """The detail pane's line naming the user's lists that hold paper ``index``."""
        live = self.lib.my_lists()
        names = [live[i] for i in dict.fromkeys(self.lib.store.user_lists(self.lib.catalog.keys[index])) if i in live]
        return f"in my lists: {', '.join(names)}" if names else None

    def list_targets(self) -> list[str]:
        """The papers ``add-to-list`` acts on: the paper under the cursor. (A selection of
        several papers hooks in here: every action below takes a list of keys.)"""
        key = self._current_key()
        return [] if key is None else [key]

    def action_add_to_list(self) -> None:
        keys = self.list_targets()
        if keys:
            self.pick_list_for(keys)

    def pick_list_for(self, keys: list[str]) -> None:
        """The picker: each list (✓ when all of ``keys`` are in it: picking it takes them out)
        and "new list…"."""
        store = self.lib.store
        counts = {c.id: len(c.indices) for c in self.tally.categories if c.kind == "mylist"}
        rows: list[tuple[Content, str]] = []
        for ul in mylists.all_lists(store):
            inside = all(ul.id in store.user_lists(k) for k in keys)
            mark = ("✓ ", "bold $success") if inside else ("  ", "")
            rows.append((Content.assemble(mark, ul.name, (f"  {counts.get(ul.key, 0)}", "$text-muted")), ul.id))
        shown = next((ul for ul in mylists.all_lists(store) if ul.key == self.category), None)
        if shown is not None:  # viewing one of the lists: the others also as "move there" rows
            for ul in mylists.all_lists(store):
                if ul.id != shown.id:
                    rows.append((Content.assemble(("→ ", "bold"), "Move to ", ul.name), MOVE_TO + ul.id))
        rows.append((Content.assemble(("+ ", "bold"), "New list…"), NEW_LIST))
        what = "this paper" if len(keys) == 1 else f"{len(keys)} papers"

        def picked(value: str | None) -> None:
            if value == NEW_LIST:
                self._new_list_for(keys)
            elif value is not None and value.startswith(MOVE_TO) and shown is not None:
                self._move_to(keys, shown, value[len(MOVE_TO):])
            elif value is not None:
                self._toggle_membership(keys, value)

        self.app.push_screen(PickScreen(f"My lists · {what}", rows, "enter add / remove · esc close"), picked)

    def _toggle_membership(self, keys: list[str], list_id: str) -> None:
        store = self.lib.store
        name = self.lib.my_lists().get(list_id, "")
        add = not all(list_id in store.user_lists(k) for k in keys)
        changes = mylists.membership(store, keys, list_id, add)
        if changes:
            self._change("add to list" if add else "remove from list", changes)
        what = "1 paper" if len(keys) == 1 else f"{len(keys)} papers"
        self.app.notice("lists", f"{what} {'added to' if add else 'taken out of'} “{name}” · u to undo")

    def _move_to(self, keys: list[str], source: mylists.UserList, target_id: str) -> None:
        """Out of the list shown, into ``target_id``: one undoable step for all ``keys``."""
        store = self.lib.store
        changes = {key: {"lists": [*(i for i in store.user_lists(key) if i not in (source.id, target_id)), target_id]}
                   for key in keys}
        self._change("move to list", changes)
        name = self.lib.my_lists().get(target_id, "")
        what = "1 paper" if len(keys) == 1 else f"{len(keys)} papers"
        self.app.notice("lists", f"{what} moved from “{source.name}” to “{name}” · u to undo")

    def _new_list_for(self, keys: list[str]) -> None:
        def named(name: str | None) -> None:
            if not name:
                return
            try:
                made, changes = mylists.new_list(self.lib.store, name)
            except mylists.ListError as exc:
                self.notify(str(exc), severity="warning")
                return
            for key in keys:  # (one step: the list and its first papers)
                changes[key] = {"lists": [*self.lib.store.user_lists(key), made.id]}
            self._change("new list", changes)
            self.app.notice("lists", f"New list “{made.name}” with {len(keys)} paper{'s' if len(keys) != 1 else ''}"
                            " · u to undo")

        self.app.push_screen(NameScreen("New list", "Name of the new list:"), named)

    def _with_list(self, then) -> None:
        """Run ``then(list)`` for the list shown, else one picked."""
        lists = mylists.all_lists(self.lib.store)
        shown = next((ul for ul in lists if ul.key == self.category), None)
        if shown is not None:
            then(shown)
            return
        if not lists:
            self.notify("You have no lists yet: L on a paper makes one", severity="warning")
            return
        by_id = {ul.id: ul for ul in lists}
        rows = [(Content(ul.name), ul.id) for ul in lists]
        self.app.push_screen(PickScreen("Which list?", rows),
                             lambda value: then(by_id[value]) if value in by_id else None)

    def action_rename_list(self) -> None:
        def rename(ul: mylists.UserList) -> None:
            def named(name: str | None) -> None:
                if not name or name == ul.name:
                    return
                try:
                    changes = mylists.rename(self.lib.store, ul, name)
                except mylists.ListError as exc:
                    self.notify(str(exc), severity="warning")
                    return
                self._change("rename list", changes)
                self.app.notice("lists", f"Renamed “{ul.name}” to “{changes[ul.key]['name']}” · u to undo")
                if self.category == ul.key:
                    self._update_titles()

            self.app.push_screen(NameScreen("Rename list", f"New name for “{ul.name}”:", ul.name), named)

        self._with_list(rename)

    def action_delete_list(self) -> None:
        def delete(ul: mylists.UserList) -> None:
            self._change("delete list", mylists.delete(ul))
            if self.category == ul.key:
                self.show_category("view:all")
                self._select_in_tree("view:all")
            self.app.notice("lists", f"Deleted the list “{ul.name}” (its papers keep their marks) · u to undo")

        self._with_list(delete)

    def lists_changed(self) -> None:
        """After a change to lists (or its undo): a list shown that is gone leaves the view."""
        if self.category.startswith(mylists.PREFIX) and self.category not in self.tally.by_id:
            self.show_category("view:all")
            self._select_in_tree("view:all")
        elif self.category.startswith(mylists.PREFIX) and not self.search_text:
            self.show_category(self.category)

    # -- saved searches -------------------------------------------------------------------------
    def action_save_search(self) -> None:
        query = self.search_text
        if not query:
            self.notify("Type a search first (/), then save it", severity="warning")
            return

        def named(name: str | None) -> None:
            if name:
                self._write_saved("save", name, query)

        self.app.push_screen(NameScreen("Save this search", f"A name for “{query}”:"), named)

    def _write_saved(self, what: str, name: str, value: str = "") -> None:
        """Change config.toml's saved searches in a worker, then the tree."""
        from ... import saved_searches
        from ...settings import SettingsError

        path, settings = self.app.config_path, self.settings

        def work() -> None:
            follow = None
            try:
                if what == "save":
                    saved_searches.save(path, settings, name, value)
                    message = f"Saved the search “{name}”: it is in the tree under Saved"
                elif what == "rename":
                    new = saved_searches.rename(path, settings, name, value)
                    message, follow = f"Renamed the saved search “{name}” to “{new}”", (SAVED + name, SAVED + new)
                else:
                    saved_searches.delete(path, settings, name)
                    message = f"Deleted the saved search “{name}”"
            except (saved_searches.SavedSearchError, SettingsError) as exc:
                self.app.call_from_thread(self.notify, str(exc), severity="warning")
                return
            self.app.call_from_thread(self._saved_edited, message, follow)

        self.run_worker(work, thread=True, group="settings", exit_on_error=False)

    def _saved_edited(self, message: str, follow: tuple[str, str] | None = None) -> None:
        if self.replaced:
            return
        if follow is not None and self.category == follow[0]:
            self.category = follow[1]  # (the renamed search stays shown)
        self._rebuild_categories()
        if self.category.startswith(SAVED) and self.category not in self.tally.by_id and not self.search_text:
            self.show_category("view:all")
            self._select_in_tree("view:all")
        self.app.notice("saved", message)

    def _with_saved(self, then) -> None:
        rows = self.settings.searches
        shown = next((r for r in rows if SAVED + r["name"] == self.category), None)
        if shown is not None:
            then(shown["name"])
            return
        if not rows:
            self.notify("No saved searches yet: search (/) and press ctrl+s", severity="warning")
            return
        names = [r["name"] for r in rows]
        picks = [(Content.assemble(r["name"], (f"  {r['query']}", "$text-muted")), r["name"]) for r in rows]
        self.app.push_screen(PickScreen("Which saved search?", picks),
                             lambda value: then(value) if value in names else None)

    def action_rename_search(self) -> None:
        def rename(name: str) -> None:
            def named(new: str | None) -> None:
                if new and new != name:
                    self._write_saved("rename", name, new)

            self.app.push_screen(NameScreen("Rename saved search", f"New name for “{name}”:", name), named)

        self._with_saved(rename)

    def action_delete_search(self) -> None:
        def delete(name: str) -> None:
            from .dialogs import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write_saved("delete", name)

            self.app.push_screen(ConfirmScreen(f"Delete the saved search “{name}”?"), answered)

        self._with_saved(delete)
