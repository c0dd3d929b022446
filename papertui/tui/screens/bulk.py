"""Actions on many papers at once (issue 20): what ``r``, ``s``, ``t``, ``y``, ``Y``, ``c``, ``f``
and ``p`` do while papers are selected (``space``, ``v``, ``ctrl+a``: see ``selection.py``), and
``e``, export. A mixin of :class:`MainScreen`.

Each change to many papers is one step of the screen's history: one ``u`` undoes all of
it, and it is journaled and saved once (``History.change`` → ``Store.update_many``).

For other actions on "these papers" (a user list's add-to-list): :meth:`BulkActions.target_keys`
gives the selection, else the paper under the cursor (``list_targets`` is the name user lists
call it by); :meth:`BulkActions.bulk_change` records a change to them as one undoable step and
says what it did.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from textual.suggester import Suggester
from textual.widgets import Input

from ...model import count, parse_tags
from ..hosts import ScreenHost
from ..selection import or_selection
from .dialogs import PromptScreen, _LastTagSuggester

T = TypeVar("T")

# File endings the export dialog knows, and the format each writes (exporters.export).
EXPORT_ENDINGS = (
    (".bib", "bibtex"), (".ris", "ris"), (".csl.json", "csl-json"), (".md", "markdown"),
    (".markdown", "markdown"), (".csv", "csv"), (".json", "json"),
)
FORMAT_NAMES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON", "markdown": "Markdown", "csv": "CSV",
                "json": "papertui JSON"}


# The screen's actions on the paper under the cursor that act on every selected paper instead
# while there is a selection: action → the BulkActions method that does it for the selection.
ON_SELECTION = {
    "toggle_read": "bulk_read", "toggle_star": "bulk_star", "edit_tags": "bulk_tags",
    "copy_link": "bulk_copy_link", "copy_bibtex": "bulk_copy_bibtex", "copy_markdown": "bulk_copy_markdown",
    "fetch": "bulk_fetch", "open_pdf": "bulk_pdfs",
}


def take_selection(screen: type[T]) -> type[T]:
    """Class decorator of MainScreen: its actions named in :data:`ON_SELECTION` act on the selection
    while there is one (see ``selection.or_selection``)."""
    for action, bulk in ON_SELECTION.items():
        name = f"action_{action}"
        setattr(screen, name, or_selection(bulk)(getattr(screen, name)))
    return screen


def export_format(path: str) -> str | None:
    """The export format a file name asks for (by its ending), else None."""
    name = path.lower()
    return next((fmt for ending, fmt in EXPORT_ENDINGS if name.endswith(ending)), None)


def tag_edits(text: str) -> tuple[list[str], list[str]]:
    """``"kv cache, -old"`` → (tags to add, tags to remove), normalised as the tag editor does."""
    add: list[str] = []
    remove: list[str] = []
    for part in text.split(","):
        part = part.strip()
        dropped = part.startswith("-")
        for tag in parse_tags(part[1:] if dropped else part):
            (remove if dropped else add).append(tag)
    return add, remove


class _SignedTagSuggester(Suggester):
    """Completes a tag after the last comma, a ``-`` before it too (a tag to remove)."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.plain = _LastTagSuggester(tags)

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",")
        stripped = last.lstrip()
        if stripped.startswith("-"):
            done = await self.plain.get_suggestion(stripped[1:])
            return None if done is None else f"{head}{sep}{last[: len(last) - len(stripped)]}-{done}"
        return await self.plain.get_suggestion(value)


class BulkTagScreen(PromptScreen):
    """Ask for tags to add to (or, with ``-``, remove from) the selected papers."""

    DEFAULT_CSS = "#bulk-tag-box { width: 76; max-width: 95%; height: auto; }"
    HINT = "enter apply · esc cancel · → complete"
    LABEL = "Tags to add, comma separated; -tag removes one:"
    PLACEHOLDER = "kv-cache, to-reproduce, -maybe"
    BOX_ID = "bulk-tag-box"
    INPUT_ID = "bulk-tags"

    def __init__(self, number: int, known: list[str]) -> None:
        super().__init__()
        self.TITLE_TEXT = f"Tags of {count(number, 'selected paper')}"
        self.known = known

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#bulk-tags", Input).suggester = _SignedTagSuggester(self.known)

    def answer(self, value: str) -> tuple[list[str], list[str]] | None:
        add, remove = tag_edits(value)
        return (add, remove) if add or remove else None


class ExportScreen(PromptScreen):
    """Ask where to export the selected papers (the ending picks the format)."""

    DEFAULT_CSS = "#export-box { width: 80; max-width: 95%; height: auto; }"
    HINT = "enter export · esc cancel"
    LABEL = "File to write: .bib, .ris, .csl.json, .md, .csv or .json (a list papertui reads back):"
    PLACEHOLDER = "~/papers.bib"
    BOX_ID = "export-box"
    INPUT_ID = "export-path"

    def __init__(self, what: str) -> None:
        super().__init__()
        self.TITLE_TEXT = f"Export {what}"

    def answer(self, value: str) -> str | None:
        return value.strip() or None


class BulkActions(ScreenHost):
    """Mixed into MainScreen, whose attributes and methods it uses (``hosts.ScreenHost`` declares them)."""

    SELECTION_NOTICE: ClassVar[str] = "selection"  # the kind of notice bulk actions replace

    # -- what the actions act on ------------------------------------------------------
    def selected_indices(self) -> list[int]:
        """The selected papers, one catalog index each: in the order of the list on screen,
        then those it does not show (a search narrowed it), by key."""
        catalog = self.lib.catalog
        keys, first = catalog.keys, catalog.first_index
        picked = self.papers.selection.all_keys()
        out: list[int] = []
        seen: set[str] = set()
        for i in self.papers.rows:
            key = keys[i]
            if key in picked and key not in seen:
                seen.add(key)
                out.append(i)
        out.extend(first[key] for key in sorted(picked - seen) if key in first)
        return out

    def target_keys(self) -> list[str]:
        """The papers an action on "these papers" takes: the selection (list order), else
        the paper under the cursor (none: a bell and a notice)."""
        if self.papers.selection:
            keys = self.lib.catalog.keys
            return [keys[i] for i in self.selected_indices()]
        key = self._current_key()
        return [] if key is None else [key]

    def list_targets(self) -> list[str]:
        """The papers a user list's ``add-to-list`` takes (branch ``lists`` calls this hook; its own
        version gives the cursor's paper: with BulkActions first among MainScreen's bases, this
        one wins and a selection goes into the list in one step)."""
        return self.target_keys()

    def bulk_change(self, label: str, changes: dict[str, dict], message: str) -> None:
        """Apply ``changes`` to many papers as one undoable step, then say ``message``."""
        self.papers.selection.keep_range()
        self.papers.set_title(self.papers._title)  # (a range kept: "(v: range)" goes)
        if changes:
            self._change(label, changes)
            message += " · u to undo"
        self.app.notice(self.SELECTION_NOTICE, message)

    # -- marks ----------------------------------------------------------------------
    def bulk_read(self) -> None:
        """r: the selected papers read; when all are read already, unread."""
        keys = self.papers.selection.all_keys()
        unread = keys - self.lib.store.read_keys()  # (set operations: 100k papers in ~10 ms)
        now = bool(unread)
        targets = unread if now else keys
        word = "read" if now else "unread"
        # One fields dict shared by every paper (the store and the history expect it so: 100k papers).
        changes = dict.fromkeys(targets, {"read": now})  # noqa: RUF024
        self.bulk_change(word, changes, f"Marked {count(len(targets), 'paper')} {word}")

    def bulk_star(self) -> None:
        """s: star the selected papers; when all are starred already, unstar them."""
        keys = self.papers.selection.all_keys()
        plain = keys - self.lib.store.starred_keys()
        now = bool(plain)
        targets = plain if now else keys
        changes = dict.fromkeys(targets, {"starred": now})  # noqa: RUF024  (shared, as in bulk_read)
        self.bulk_change("star" if now else "unstar", changes,
                         f"{'Starred' if now else 'Unstarred'} {count(len(targets), 'paper')}")

    def bulk_tags(self) -> None:
        """t: add tags to the selected papers, or remove them (``-tag``)."""
        indices = self.selected_indices()

        def done(edits: tuple[list[str], list[str]] | None) -> None:
            if edits is not None:
                self._apply_tag_edits(indices, *edits)

        self.app.push_screen(BulkTagScreen(len(indices), self.lib.all_tags()), done)

    def _apply_tag_edits(self, indices: list[int], add: list[str], remove: list[str]) -> None:
        catalog = self.lib.catalog
        changes: dict[str, dict] = {}
        for i in indices:
            key = catalog.keys[i]
            own = self.lib.user_tags(key)
            listed = catalog.tags_of[i]
            new = [t for t in own if t not in remove] + [t for t in add if t not in own and t not in listed]
            if new != own:
                changes[key] = {"tags": new}
        said = ", ".join([*(f"+{t}" for t in add), *(f"-{t}" for t in remove)])
        self.bulk_change("tags", changes, f"Tags {said}: {count(len(changes), 'paper')} changed")

    # -- copies, fetches, downloads, export ---------------------------------------
    def _copy_each(self, what: str, lines: list[str], sep: str = "\n") -> None:
        self.app.copy_text(sep.join(lines), what=f"{what} of {count(len(lines), 'paper')}")

    def bulk_copy_bibtex(self) -> None:
        from ...exporters import to_bibtex

        indices = self.selected_indices()
        self.app.copy_text(to_bibtex(self.lib, indices).strip(), what=f"BibTeX of {count(len(indices), 'paper')}")

    def bulk_copy_markdown(self) -> None:
        from ...exporters import markdown_link

        self._copy_each("Markdown links", [f"- {markdown_link(self.lib, i)}" for i in self.selected_indices()])

    def bulk_copy_link(self) -> None:
        papers = [self.lib.catalog.papers[i] for i in self.selected_indices()]
        urls = [p.url for p in papers if p.url]
        if not urls:
            self.app.notify("None of the selected papers has a link to copy", severity="warning")
            return
        self._copy_each("links", urls)

    def _selected_arxivs(self) -> tuple[list[str], int]:
        """The selected papers' arXiv ids, and how many selected papers have none."""
        from ...services import arxiv_ids_of

        indices = self.selected_indices()
        arxivs = self.lib.catalog.arxivs
        return arxiv_ids_of(self.lib, indices), sum(1 for i in indices if not arxivs[i])

    def bulk_fetch(self) -> None:
        """f: fetch arXiv metadata for every selected paper."""
        ids, without = self._selected_arxivs()
        if not ids:
            self.app.notify("None of the selected papers has an arXiv id to fetch", severity="warning")
            return
        extra = f" ({count(without, 'paper')} without an arXiv id left out)" if without else ""
        self.app.notice(self.SELECTION_NOTICE, f"Fetching metadata for {count(len(ids), 'paper')}{extra}…")
        self.app.fetch_metadata(ids)

    def bulk_pdfs(self) -> None:
        """p: download the selected papers' PDFs (not opened: one viewer per paper would be a lot)."""
        from ... import pdfs

        if any(w.group == "pdfs" and not w.is_finished for w in self.app.workers):
            self.app.notify("Still downloading the PDFs asked for before…")
            return
        ids, _without = self._selected_arxivs()
        missing = [a for a in ids if not pdfs.has_pdf(a)]
        if not missing:
            self.app.notify(f"The PDFs of the selected papers are here already ({count(len(ids), 'PDF')})"
                            if ids else "None of the selected papers has an arXiv id: no PDFs to fetch")
            return
        self.app.notice(self.SELECTION_NOTICE, f"Downloading {count(len(missing), 'PDF')}…")
        self.run_worker(lambda: self._pdfs_in_thread(missing), thread=True, group="pdfs", exit_on_error=False)

    def _pdfs_in_thread(self, ids: list[str]) -> None:
        """One PDF after another (pdfs.download_many: the bulk interval between them, as the
        CLI's ``pdf --all-starred``); progress and each PDF go up as the app's messages."""
        from textual.worker import get_current_worker

        from ... import net, pdfs
        from ..messages import JobFailed, JobProgress, PdfFetched

        worker = get_current_worker()
        app = self.app
        hooks = app.job_hooks(len(ids))
        done = [0]

        def each(arxiv: str, path: Path | None, problem: str | None) -> None:
            done[0] += 1
            if path is not None:
                app.post_message(PdfFetched(arxiv))  # (the list's ↓ mark)
            hooks["progress"](done[0], len(ids))

        try:
            paths, problems = pdfs.download_many(ids, on_each=each, cancel=hooks["cancel"], on_wait=hooks["on_wait"])
        except net.Cancelled:
            return
        finally:
            if not worker.is_cancelled:  # (after a quit there is no screen to tell)
                app.post_message(JobProgress(None))
        message = f"Downloaded {count(len(paths), 'PDF')}"
        if problems:
            app.post_message(JobFailed(f"{message}; {len(problems)} failed: {problems[0]}", severity="warning",
                                       kind=self.SELECTION_NOTICE))
        else:
            app.notice(self.SELECTION_NOTICE, message)

    def action_export(self) -> None:
        """e: write the selected papers (else the list on screen) to a file."""
        selected = bool(self.papers.selection)
        indices = self.selected_indices() if selected else list(self.papers.rows)
        if not indices:
            self.app.notify("No papers here to export", severity="warning")
            return
        what = count(len(indices), "selected paper" if selected else "paper")

        def chosen(path: str | None) -> None:
            if path:
                self._export(indices, path)

        self.app.push_screen(ExportScreen(what), chosen)

    def _export(self, indices: list[int], path: str) -> None:
        fmt = export_format(path)
        if fmt is None:
            self.app.notify(f"Export: {Path(path).name!r} does not end in .bib, .ris, .csl.json, .md, .csv or .json",
                            severity="warning")
            return
        target = Path(path).expanduser()
        lib = self.lib

        def work() -> None:
            from ...atomic import atomic_write_bytes
            from ...exporters import export

            try:
                atomic_write_bytes(target, export(lib, indices, fmt).encode("utf-8"))
            except OSError as exc:
                self.app.call_from_thread(self.app.notify, f"Cannot write {target}: {exc.strerror or exc}",
                                          severity="error", timeout=10)
                return
            self.app.call_from_thread(self.app.notice, self.SELECTION_NOTICE,
                                      f"Exported {count(len(indices), 'paper')} as {FORMAT_NAMES[fmt]} to {target}")

        self.run_worker(work, thread=True, group="export", exit_on_error=False)

    # -- the palette's way in ----------------------------------------------------------
    def action_select_all(self) -> None:
        self.papers.action_select_all()

    def action_clear_selection(self) -> None:
        if not self.papers.clear_selection():
            self.app.notify("Nothing is selected")
