"""Modal dialogs: the note editor, the tag editor, a yes/no confirmation, unsaved marks at quit."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, TextArea

from ...tags import parse_tags
from ...textsafe import clean_note
from ..actions import CONFIRM, DIALOG, IMPORT, NOTE, UNSAVED, bindings, key_label, keys_label, live_keymap, live_keys
from ..widgets.type_ahead import TypeAhead, TypeAheadScreen


class ConfirmScreen(ModalScreen[bool]):
    """``message`` and y / n; enter means yes, esc means no."""

    BINDINGS = bindings(CONFIRM)

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Label(Content(self.message), id="confirm-message")
            keymap = live_keymap(self.app)
            yes, no = (key_label(live_keys(name, keymap)[0]) for name in ("yes", "no"))
            yield Label(Content.assemble((yes, "bold"), " yes    ", (no, "bold"), " no"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class UnsavedScreen(ModalScreen[str]):
    """Quitting with marks that could not be saved: r retry, q quit anyway, esc cancel."""

    ASKS_BEFORE_QUIT = True  # (ctrl+c here quits anyway)
    BINDINGS = bindings(UNSAVED)

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-box", classes="dialog"):
            yield Label(Content(self.message), id="unsaved-message")
            keymap = live_keymap(self.app)
            retry, quit, cancel = (keys_label(name, keymap) for name in ("unsaved-retry", "unsaved-quit", "unsaved-cancel"))
            yield Label(
                Content.assemble(
                    (retry, "bold"), " retry    ", (quit, "bold"), " quit anyway    ", (cancel, "bold"), " cancel"
                ),
                id="unsaved-keys",
            )

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


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


class NoteArea(TypeAhead, TextArea):
    """The note editor (and the import dialog's text area). Its dialog's keys act in their
    turn among the keys typed (enter imports, where a text area would break the line); keys
    that reach it after the dialog closed (``ctrl+s j`` in one burst) go to the list."""

    BINDINGS_AT_ONCE = False  # keys are typed in


class DialogInput(TypeAhead, Input):  # type: ignore[misc]  # _on_paste: Textual calls each base's in turn
    """A dialog's one-line input (see ``NoteArea``)."""

    BINDINGS_AT_ONCE = False


class NoteScreen(TypeAheadScreen, ModalScreen[str | None]):
    """Edit a paper's note (Markdown). ctrl+s saves, esc closes (asks if unsaved)."""

    BINDINGS = bindings(NOTE)

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.paper_title = title
        self.original = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog") as box:
            box.border_title = Content(f"Note · {self.paper_title}")
            keymap = live_keymap(self.app)
            names = ("save-note", "close-note", "external-editor")
            save, close, external = (keys_label(name, keymap) for name in names)
            box.border_subtitle = Content(f"{save} save · {close} close · {external} $EDITOR")
            area = NoteArea.code_editor(self.original, language="markdown", id="note-text", soft_wrap=True)
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
        self.query_one(TextArea).load_text(clean_note(edited).rstrip("\n"))  # $EDITOR may leave anything


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

    BINDINGS = bindings(DIALOG)

    def __init__(self, title: str, tags: list[str], known: list[str]) -> None:
        super().__init__()
        self.paper_title = title
        self.tags = tags
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-box", classes="dialog") as box:
            box.border_title = Content(f"Tags · {self.paper_title}")
            box.border_subtitle = Content("enter save · esc cancel · → complete")
            yield DialogInput(
                ", ".join(self.tags),
                placeholder="comma separated, e.g. kv-cache, to-reproduce",
                suggester=_LastTagSuggester(self.known),
                id="tag-input",
            )

    def on_mount(self) -> None:
        self.take_typed_ahead(self.query_one(Input))

    def action_submit(self) -> None:
        self.dismiss(parse_tags(self.query_one(Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(TypeAheadScreen, ModalScreen):
    """One line of input in a dialog; ``answer`` turns it into the result (None: nothing)."""

    BINDINGS = bindings(DIALOG)
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
            yield DialogInput(placeholder=self.PLACEHOLDER, id=self.INPUT_ID)

    def on_mount(self) -> None:
        self.take_typed_ahead(self.query_one(Input))

    def action_submit(self) -> None:
        self.dismiss(self.answer(self.query_one(Input).value))

    def answer(self, value: str):
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportScreen(TypeAheadScreen, ModalScreen[str | None]):
    """Ask what to import: a path or URL typed on one line, or a whole article pasted (a
    terminal's bracketed paste arrives as one Paste event and the text area keeps all of it)."""

    BINDINGS = bindings(IMPORT)

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box", classes="dialog") as box:
            box.border_title = Content("Import a reading list")
            keymap = live_keymap(self.app)
            go, cancel = (keys_label(name, keymap) for name in ("import-submit", "import-cancel"))
            box.border_subtitle = Content(f"{go} import · {cancel} cancel")
            yield Label(Content("A path or URL (article, ids, .bib, .json), or paste an article:"))
            yield NoteArea(id="import-path", soft_wrap=True, show_line_numbers=False,
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


class RelatedScreen(ModalScreen):
    """Pick one of a paper's related papers (↑/↓ and enter; esc cancels): the Related
    entry to follow."""

    BINDINGS = bindings(DIALOG)

    def __init__(self, related) -> None:
        super().__init__()
        self.related = list(related)

    def compose(self) -> ComposeResult:
        with Vertical(id="related-box", classes="dialog") as box:
            box.border_title = Content("Follow a related paper")
            box.border_subtitle = Content("enter go · esc cancel")
            yield OptionList(
                *(Content(f"{rel.title}  ({rel.arxiv})" if rel.arxiv else rel.title) for rel in self.related),
                id="related-options",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.related[event.option_index])

    def action_submit(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self.related[index])

    def action_cancel(self) -> None:
        self.dismiss(None)
