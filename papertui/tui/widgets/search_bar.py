"""The search bar: a query input, the match count and the search scope."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

PLACEHOLDER = 'search: words  "a phrase"  -not  tag:  list:  sec:  id:  year:  is:unread'


class SearchInput(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Clear", tooltip="Clear the search and go back to the list"),
        Binding("down", "to_results", "Results", key_display="↓/enter", tooltip="Go to the results"),
        Binding("ctrl+t", "toggle_scope", "Scope", tooltip="Search all papers / only the selected category"),
    ]

    class Cancelled(Message):
        pass

    class ToResults(Message):
        pass

    class ScopeToggled(Message):
        pass

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_to_results(self) -> None:
        self.post_message(self.ToResults())

    def action_toggle_scope(self) -> None:
        self.post_message(self.ScopeToggled())


class SearchBar(Horizontal):
    """Hidden until ``/``; shows how many papers match and where the search looks."""

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input", select_on_focus=True)
        yield Static(id="search-info")

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def set_info(self, count: int | None, scope: str, scoped: bool) -> None:
        where = f"in {scope}" if scoped else "in all papers"
        parts: list = []
        if count is not None:
            noun = "match" if count == 1 else "matches"
            parts += [(f"{count} {noun}", "bold" if count else "bold red"), " "]
        parts += [(where, "dim"), ("  ctrl+t scope", "dim italic")]
        text = Content.assemble(*parts)
        self.query_one("#search-info", Static).update(text)
