"""The command palette (ctrl+p): papertui's commands and the papers themselves."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

# (title, help, action on the main screen)
COMMANDS = [
    ("Toggle read", "Mark the current paper read or unread (r)", "toggle_read"),
    ("Toggle star", "Star or unstar the current paper (s)", "toggle_star"),
    ("Edit note", "Write a Markdown note for the current paper (n)", "edit_note"),
    ("Edit tags", "Give the current paper your own tags (t)", "edit_tags"),
    ("Undo", "Undo the last change of read, star, tags, note or a bulk mark (u)", "undo"),
    ("Mark all in view read", "Mark every paper in the list read, after asking (R)", "mark_all_read"),
    ("Cycle sort order", "List order, arXiv date, title, recently changed (S)", "cycle_sort"),
    ("Copy arXiv link", "Copy the current paper's abs link (c)", "copy_link"),
    ("Open in browser", "Open the current paper's abs link (o)", "open_link"),
    ("Search", "Filter the list as you type (/)", "search"),
    ("Show unread", "Switch to the Unread view", "show_view('view:unread')"),
    ("Show starred", "Switch to the Starred view", "show_view('view:starred')"),
    ("Show all papers", "Switch to All papers", "show_view('view:all')"),
    ("Keys", "Every key and the search syntax (?)", "help"),
]
PAPER_HITS = 12


class PaperCommands(Provider):
    """Commands by name, and papers by title (choosing one jumps to it)."""

    @property
    def _main(self):
        from .screens.main import MainScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    async def discover(self) -> Hits:
        main = self._main
        if main is None:
            return
        for title, help_text, action in COMMANDS:
            yield DiscoveryHit(title, partial(main.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        main = self._main
        if main is None:
            return
        matcher = self.matcher(query)
        for title, help_text, action in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(main.run_action, action), help=help_text)
        if len(query.strip()) < 2:
            return
        # (In the thread: the first search may have to wait for the index to be built.)
        result = await asyncio.to_thread(lambda: main.search_index().search(query))
        lib = main.lib
        for rank, index in enumerate(result.indices[:PAPER_HITS]):
            title = lib.catalog.titles[index]
            arxiv = lib.catalog.arxivs[index] or "no id"
            yield Hit(
                0.5 - rank / 100,  # below command-name matches, in search order
                Content.assemble(("📄 ", ""), title),
                partial(main.jump_to, index),
                # The palette parses help as markup: give it only the (validated) id, never
                # list or section names from a file.
                help=f"arXiv {arxiv}" if arxiv != "no id" else "no arXiv id",
            )
