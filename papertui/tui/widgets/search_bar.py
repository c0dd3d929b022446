"""The search bar: a query input, the match count and the search scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from ..actions import SEARCH, bindings, keys_label, live_keymap
from .type_ahead import TypeAhead

if TYPE_CHECKING:
    from ..screens.main import MainScreen

PLACEHOLDER = 'search: words  "a phrase"  -not  a OR b  tag:  list:  sec:  id:  year:  author:  is:unread'


class SearchInput(TypeAhead, Input):  # type: ignore[misc]  # _on_paste: Textual calls each base's in turn
    """The query box. Its keys act at once, on the screen (not through messages), so
    that keys typed right after ``enter`` already go to the results."""

    BINDINGS = bindings(SEARCH)

    BINDINGS_AT_ONCE = False  # printable keys are typed in

    if TYPE_CHECKING:  # the box lives on the main screen, whose methods it calls

        @property
        def screen(self) -> MainScreen: ...

    async def _on_key(self, event: events.Key) -> None:
        # Handled here, not only as bindings: a binding runs when the key has bubbled up
        # to the app, after the keys queued behind it here were already typed in.
        action = {"enter": self.action_to_results, "down": self.action_to_results, "escape": self.action_cancel}.get(
            event.key
        )
        if action is not None and self.app.focused is self:
            event.prevent_default()
            event.stop()
            action()
        # Otherwise TypeAhead hands on keys that came after the focus left, and Input types the rest.

    def action_cancel(self) -> None:
        self.screen.search_cancel()

    def action_to_results(self) -> None:
        self.screen.search_to_results()

    def action_toggle_scope(self) -> None:
        self.screen.search_toggle_scope()

    def action_save_search(self) -> None:
        self.screen.action_save_search()


class SearchBar(Horizontal):
    """Hidden until ``/``; shows how many papers match, where the search looks, and a hint
    line under it when the query has a filter the search does not know or an empty one."""

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input", select_on_focus=True)
        yield Static(id="search-info")
        yield Static(id="search-hint")

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def set_info(self, count: int | None, scope: str | None, scoped: bool) -> None:
        """``scope``: the selected category's name, None when it is All (nothing to narrow to)."""
        parts: list = []
        if count is not None:
            noun = "match" if count == 1 else "matches"
            parts += [(f"{count} {noun}", "bold" if count else "bold red"), " "]
        scope_keys = keys_label("search-scope", live_keymap(self.app))
        if scope is None:
            parts += [("in all papers", "$pt-muted")]  # (ctrl+t says how to narrow it)
        elif scoped:
            parts += [(f"in {scope}", "$pt-muted"), (f"  {scope_keys} all papers", "$pt-muted italic")]
        else:
            parts += [("in all papers", "$pt-muted"), (f"  {scope_keys} only {scope}", "$pt-muted italic")]
        text = Content.assemble(*parts)
        self.query_one("#search-info", Static).update(text)

    def set_hints(self, hints: list[str]) -> None:
        """One line per problem with the query (shown literally); hidden when there are none."""
        hint = self.query_one("#search-hint", Static)
        hint.display = bool(hints)
        hint.update(Content("\n".join(hints)))
