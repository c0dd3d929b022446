"""The command palette (ctrl+p): papertui's commands and the papers themselves."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from .actions import ACTIONS, keys_label, live_keymap

if TYPE_CHECKING:
    from .app import PaperApp
    from .screens.main import MainScreen

PAPER_HITS = 12


class PaperCommands(Provider):
    """Commands by name, and papers by title (choosing one jumps to it)."""

    @property
    def _main(self) -> MainScreen | None:
        return cast("PaperApp", self.app)._main()

    def _commands(self) -> list[tuple[str, str, str]]:
        """(title, help with the keys bound now, action on the main screen), from the action table."""
        keymap = live_keymap(self.app)
        commands = []
        for action in ACTIONS:
            if action.palette:
                keys = keys_label(action, keymap)
                # (The palette parses help as markup: escaped.)
                help_text = f"{action.help} ({keys})" if keys else action.help
                commands.append((action.palette_title, escape(help_text), action.action))
        return commands

    async def discover(self) -> Hits:
        main = self._main
        if main is None:
            return
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(main.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        main = self._main
        if main is None:
            return
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
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
