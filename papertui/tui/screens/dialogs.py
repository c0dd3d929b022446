"""Modal dialogs: the note editor, the tag editor and a yes/no confirmation."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, TextArea

from ...model import parse_tags
from ..widgets.type_ahead import TypeAheadScreen


class ConfirmScreen(ModalScreen[bool]):
    """``message`` and y / n; enter means yes, esc means no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Label(Content(self.message), id="confirm-message")
            yield Label(Content.assemble(("y", "bold"), " yes    ", ("n", "bold"), " no"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def edit_externally(text: str) -> str | None:
    """Run ``$VISUAL`` / ``$EDITOR`` on ``text``; the edited text, or None if it failed."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, path = tempfile.mkstemp(prefix="papertui-note-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if subprocess.call([*shlex.split(editor), path]) != 0:
            return None
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, ValueError):
        return None
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


class NoteScreen(TypeAheadScreen, ModalScreen[str | None]):
    """Edit a paper's note (Markdown). ctrl+s saves, esc closes (asks if unsaved)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close", priority=True),
        Binding("ctrl+e", "external", "$EDITOR", priority=True),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.paper_title = title
        self.original = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog") as box:
            box.border_title = Content(f"Note · {self.paper_title}")
            box.border_subtitle = Content("ctrl+s save · esc close · ctrl+e $EDITOR")
            area = TextArea.code_editor(self.original, language="markdown", id="note-text", soft_wrap=True)
            area.show_line_numbers = False
            yield area

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        self.take_typed_ahead(area)
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_close(self) -> None:
        if self.text == self.original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard the changes to this note?"), answered)

    def action_external(self) -> None:
        try:
            with self.app.suspend():
                edited = edit_externally(self.text)
        except Exception:  # SuspendNotSupported: no real terminal
            self.notify("No terminal to run $EDITOR in", severity="warning")
            return
        if edited is None:
            self.notify("The editor did not finish cleanly; the note is unchanged", severity="warning")
            return
        self.query_one(TextArea).load_text(edited.rstrip("\n"))


class _LastTagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from known tags."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",")
        stem = last.strip().lower()
        if not stem:
            return None
        taken = {t.strip().lower() for t in head.split(",")}
        for tag in self.tags:
            if tag.startswith(stem) and tag != stem and tag not in taken:
                prefix = f"{head}{sep} " if sep else ""
                return prefix + tag
        return None


class TagScreen(TypeAheadScreen, ModalScreen[list[str] | None]):
    """Edit a paper's own tags, comma separated; tab/→ accepts a completion."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, tags: list[str], known: list[str]) -> None:
        super().__init__()
        self.paper_title = title
        self.tags = tags
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-box", classes="dialog") as box:
            box.border_title = Content(f"Tags · {self.paper_title}")
            box.border_subtitle = Content("enter save · esc cancel · → complete")
            yield Input(
                ", ".join(self.tags),
                placeholder="comma separated, e.g. kv-cache, to-reproduce",
                suggester=_LastTagSuggester(self.known),
                id="tag-input",
            )

    def on_mount(self) -> None:
        self.take_typed_ahead(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:  # noqa: D102
        self.dismiss(parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(TypeAheadScreen, ModalScreen):
    """One line of input in a dialog; ``answer`` turns it into the result (None: nothing)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    TITLE_TEXT = ""
    HINT = ""
    LABEL = ""
    PLACEHOLDER = ""
    BOX_ID = ""
    INPUT_ID = ""

    def compose(self) -> ComposeResult:
        with Vertical(id=self.BOX_ID, classes="dialog") as box:
            box.border_title = Content(self.TITLE_TEXT)
            box.border_subtitle = Content(self.HINT)
            yield Label(Content(self.LABEL))
            yield Input(placeholder=self.PLACEHOLDER, id=self.INPUT_ID)

    def on_mount(self) -> None:
        self.take_typed_ahead(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(self.answer(event.value))

    def answer(self, value: str):
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportScreen(TypeAheadScreen, ModalScreen[str | None]):
    """Ask what to import: a path or URL typed on one line, or a whole article pasted (a
    terminal's bracketed paste arrives as one Paste event and the text area keeps all of it)."""

    BINDINGS = [
        Binding("enter", "submit", "Import", priority=True, id="import-submit"),
        Binding("escape", "cancel", "Cancel", priority=True, id="import-cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box", classes="dialog") as box:
            box.border_title = Content("Import a reading list")
            box.border_subtitle = Content("enter import · esc cancel")
            yield Label(Content("A path or URL (article, ids, .bib, .json), or paste an article:"))
            yield TextArea(id="import-path", soft_wrap=True, show_line_numbers=False,
                           placeholder="~/Downloads/weekly.md, https://…, or paste the article here")

    def on_mount(self) -> None:
        self.take_typed_ahead(self.query_one(TextArea))

    def action_submit(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(text if "\n" in text.strip() else (text.strip() or None))

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddScreen(PromptScreen):
    """Ask for arXiv ids or URLs to add to "My papers"."""

    TITLE_TEXT = "Add papers to “My papers”"
    HINT = "enter add · esc cancel"
    LABEL = "arXiv ids or links, separated by spaces or commas:"
    PLACEHOLDER = "2401.04088 https://arxiv.org/abs/2312.00752"
    BOX_ID = "add-box"
    INPUT_ID = "add-ids"

    def answer(self, value: str) -> list[str] | None:
        return [part for part in value.replace(",", " ").split() if part] or None
