"""What a mixin of :class:`~papertui.tui.app.PaperApp` or of
:class:`~papertui.tui.screens.main.MainScreen` may use of the class it is mixed into, so that
mypy checks the mixin (issue 15, item 4: no untyped calls between the screen, its mixins and the
app).

A mixin subclasses :data:`AppHost` or :data:`ScreenHost`. For mypy each is the Textual class
(``App``, ``Screen``) with the host's attributes and methods declared; at run time each is
``object``, so the mixin stays a plain class and the host's own definitions are the ones used
(``class MainScreen(MainSearch, PaperExtras, Screen)``). A mixin that needs more of its host
declares it here. Two things a plain mixin cannot do: ``@on`` handlers (Textual collects them
only from the classes it builds: use the ``on_<message>`` names) and ``BINDINGS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import getters
    from textual.app import App
    from textual.notifications import SeverityLevel
    from textual.screen import Screen
    from textual.widget import Widget

    from ..library import Library, Tally
    from ..search import SearchIndex
    from ..services import Indexes
    from ..settings import Settings
    from .app import PaperApp
    from .screens.main import MainScreen
    from .widgets.category_tree import CategoryTree
    from .widgets.detail import DetailPane
    from .widgets.paper_list import PaperList
    from .widgets.search_bar import SearchBar

    class AppHost(App):
        """PaperApp, as its mixins see it."""

        lib: Library
        settings: Settings
        indexes: Indexes  # the search and similar-papers indexes (services.py)

        def _main(self) -> MainScreen | None: ...
        def notice(self, kind: object, text: str, *, severity: SeverityLevel = ..., timeout: float | None = ...,
                   title: str = ..., markup: bool = ...) -> None: ...
        def schedule_save(self) -> None: ...
        def job_hooks(self, total: int | None = ...) -> dict: ...

    class ScreenHost(Screen):
        """MainScreen, as its mixins see it."""

        app = getters.app(PaperApp)
        lib: Library
        settings: Settings
        tally: Tally
        category: str  # the category (or view) shown
        sort_mode: str
        search_scoped: bool  # search the selected category instead of all papers
        _search_generation: int

        @property
        def papers(self) -> PaperList: ...
        @property
        def detail(self) -> DetailPane: ...
        @property
        def tree(self) -> CategoryTree: ...  # type: ignore[override]  # (as MainScreen's)
        @property
        def search_bar(self) -> SearchBar: ...
        @property
        def search_text(self) -> str: ...
        @property
        def replaced(self) -> bool: ...
        def _current_key(self) -> str | None: ...
        def jump_to(self, index: int) -> None: ...
        def _change(self, label: str, changes: dict[str, dict]) -> None: ...  # one undoable step
        def rows_for(self, cid: str) -> list[int]: ...
        def show_category(self, cid: str) -> None: ...
        def category_name(self, cid: str) -> str: ...
        def _update_titles(self, read: int | None = None) -> None: ...
        def run_search(self) -> None: ...
        def search_cancel(self) -> None: ...
        def focus_now(self, widget: Widget) -> None: ...
        def search_index(self, *, stoppable: bool = False) -> SearchIndex: ...
        def _select_in_tree(self, cid: str) -> None: ...
        def _rebuild_categories(self) -> None: ...
        def my_lists_line(self, index: int) -> str | None: ...  # (my_lists.py)
else:
    AppHost = object
    ScreenHost = object
