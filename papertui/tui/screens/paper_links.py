"""The paper under the cursor, outwards: copy or open its link, copy it as BibTeX or as a
Markdown link, go to a related paper (or offer to add it). A mixin of :class:`MainScreen`;
the clipboard and the browser are the app's (``tui/app.py``), the formats ``exporters.py``'s.
"""

from __future__ import annotations

from ..hosts import ScreenHost


class PaperLinks(ScreenHost):
    """Mixed into MainScreen, whose attributes and methods it uses (``hosts.ScreenHost`` declares them)."""

    def _link(self, verb: str) -> str | None:
        """The current paper's link (None, said when it has none, to ``verb``)."""
        key = self._current_key()
        if key is None:
            return None
        paper = self.lib.catalog.first(key)
        if paper is None or not paper.url:
            self.notify(f"This paper has no arXiv id or web link to {verb}", severity="warning")
            return None
        return paper.url

    def action_copy_link(self) -> None:
        url = self._link("copy")
        if url:
            self.app.copy_text(url)

    def action_open_link(self) -> None:
        url = self._link("open")
        if url:
            self.app.open_link(url)

    def follow_related(self, related) -> None:
        """Go to a related paper: to it if a list holds it, else offer to add it."""
        from ...model import title_key

        index = self.lib.catalog.first_index.get(related.arxiv or title_key(related.title))
        if index is not None:
            self.jump_to(index)
            return
        if not related.arxiv:
            self.notify("That paper is in none of your lists and has no arXiv id to add it by", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.add_papers([related.arxiv])

        from .dialogs import ConfirmScreen

        self.app.push_screen(ConfirmScreen(f'Not in your lists: add arXiv {related.arxiv} to "My papers"?'), answered)

    def action_copy_bibtex(self) -> None:
        key = self._current_key()
        if key is not None:
            from ...exporters import bibtex_entry

            self.app.copy_text(bibtex_entry(self.lib, self.lib.catalog.first_index[key]).strip())

    def action_copy_markdown(self) -> None:
        key = self._current_key()
        if key is not None:
            from ...exporters import markdown_link

            self.app.copy_text(markdown_link(self.lib, self.lib.catalog.first_index[key]))
