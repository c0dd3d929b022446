"""A note's Markdown as pre-wrapped ``rich.text.Text`` lines for the detail pane.

The detail pane is a Line-API view of ``Text`` lines, so a note is not a Markdown
widget: markdown-it-py (which Textual brings) parses it into tokens, and each piece of
text is appended as plain text with a style. Nothing in a note is read as markup: a
``[b]`` stays ``[b]``, raw HTML is shown as written. The note is already clean
(``textsafe.clean_note``); tabs are shown as spaces.

Shown: headings (bold, a level-1 heading underlined), *emphasis*, **strong**,
`code`, bullet and numbered lists (hanging indent, nested), block quotes (``│``),
code blocks (dim, not wrapped at spaces), rules, links (the text underlined and
linked when the target is a web URL). Lines break as ``papertui.wrap`` does
(between CJK characters, at spaces between words), and never inside a URL or a
link's one-word text unless it is wider than the pane.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from ...model import is_web_url
from ...wrap import _hard_split, _is_wide, _tokens

_MD = MarkdownIt("commonmark")
_URL_RE = re.compile(r"https?://[^\s<>]+[^\s<>.,;:!?)\]}'\"]")

HEADINGS = {1: Style(bold=True, underline=True), 2: Style(bold=True), 3: Style(bold=True, italic=True)}
CODE = Style(dim=True)
QUOTE = Style(dim=True, italic=True)
MARKER = Style(bold=True)

# A run: (text, style, whole). ``whole``: one unit for line breaking (a URL).
Run = tuple[str, Style, bool]


def _link_style(href: str) -> Style:
    return Style(underline=True, link=href) if is_web_url(href) else Style(underline=True)


def _text_runs(text: str, style: Style) -> list[Run]:
    """Plain text, with the bare URLs in it as whole, linked runs."""
    runs: list[Run] = []
    at = 0
    for m in _URL_RE.finditer(text):
        if m.start() > at:
            runs.append((text[at : m.start()], style, False))
        runs.append((m.group(0), style + _link_style(m.group(0)), True))
        at = m.end()
    if at < len(text):
        runs.append((text[at:], style, False))
    return runs


def _inline_runs(children: Sequence, base: Style) -> list[list[Run]]:
    """An inline token's children as runs, split into lines at hard breaks."""
    lines: list[list[Run]] = [[]]
    styles = [base]
    for tok in children:
        kind = tok.type
        if kind == "text":
            lines[-1] += _text_runs(tok.content, styles[-1])
        elif kind == "softbreak":
            lines[-1].append((" ", styles[-1], False))
        elif kind == "hardbreak":
            lines.append([])
        elif kind == "code_inline":
            lines[-1].append((tok.content, styles[-1] + CODE, False))
        elif kind in ("em_open", "strong_open"):
            styles.append(styles[-1] + Style(italic=True) if kind == "em_open" else styles[-1] + Style(bold=True))
        elif kind == "link_open":
            styles.append(styles[-1] + _link_style(str(tok.attrs.get("href") or "")))
        elif kind in ("em_close", "strong_close", "link_close"):
            if len(styles) > 1:
                styles.pop()
        elif kind == "image":
            lines[-1].append((tok.content or "image", styles[-1] + Style(italic=True), False))
        else:  # html_inline and anything else: as written
            lines[-1].append((tok.content, styles[-1], False))
    return lines


def _units(runs: list[Run]) -> list[list[tuple[str, Style]] | None]:
    """Breakable units (lists of styled pieces); None is a space. Pieces of adjacent runs
    with no space between them stay one unit (``foo**bar**``), unless a CJK character
    is at the seam (a line may break between any two)."""
    units: list[list[tuple[str, Style]] | None] = []
    for text, style, whole in runs:
        for i, tok in enumerate([text] if whole else _tokens(text)):
            if tok.isspace():
                units.append(None)
                continue
            prev = units[-1] if units else None
            if i == 0 and prev and not _is_wide(prev[-1][0][-1]) and not _is_wide(tok[0]):
                prev.append((tok, style))
            else:
                units.append([(tok, style)])
    return units


def _wrap_runs(runs: list[Run], width: int) -> list[list[tuple[str, Style]]]:
    """Lines of styled pieces, each at most ``width`` cells (as ``wrap.wrap`` breaks)."""
    lines: list[list[tuple[str, Style]]] = []
    line: list[tuple[str, Style]] = []
    used = 0
    pending_space: Style | None = None
    for unit in _units(runs):
        if unit is None:
            pending_space = Style() if line else None
            continue
        size = sum(cell_len(text) for text, _ in unit)
        gap = 1 if pending_space is not None else 0
        pending_space = None
        if used + gap + size <= width:
            if gap:
                line.append((" ", Style()))
            line += unit
            used += gap + size
            continue
        if line:
            lines.append(line)
        line, used = [], 0
        if size > width:  # wider than the pane: cut it where it must be
            for text, style in unit:
                for ch in text:
                    if used + cell_len(ch) > width:
                        lines.append(line)
                        line, used = [], 0
                    line.append((ch, style))
                    used += cell_len(ch)
            continue
        line, used = list(unit), size
    lines.append(line)
    return lines


class _Out:
    """Collects the output lines, with the prefixes of the blocks they are in."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[Text] = []
        self.prefixes: list[tuple[str, str, Style]] = []  # (first line, later lines, style)
        self.pending_first: list[bool] = []  # per prefix: its first line is still to come
        self.gap = False  # a blank line before the next block

    def push(self, first: str, later: str, style: Style = Style()) -> None:
        self.prefixes.append((first, later, style))
        self.pending_first.append(True)

    def pop(self) -> None:
        self.prefixes.pop()
        self.pending_first.pop()

    def _prefix(self) -> Text:
        out = Text()
        for i, (first, later, style) in enumerate(self.prefixes):
            out.append(first if self.pending_first[i] else later, style)
            self.pending_first[i] = False
        return out

    def block(self, runs_by_line: list[list[Run]], *, wrap: bool = True, base: Style = Style()) -> None:
        if self.gap and self.lines:
            self.lines.append(self._bare_prefix())
        self.gap = False
        # Quotes and lists nested deeper than the pane allows: their markers are cut to leave 4 cells of text.
        indent = min(sum(cell_len(later) for _, later, _ in self.prefixes), self.width - 4)
        width = self.width - indent
        for runs in runs_by_line:
            pieces = _wrap_runs(runs, width) if wrap else _cut(runs, width)
            for pieces_line in pieces:
                text = self._prefix()
                text.truncate(indent)
                for piece, style in pieces_line:
                    text.append(piece, base + style)
                self.lines.append(text)

    def _bare_prefix(self) -> Text:
        """The prefix of a blank line between blocks: that of the blocks around it (a
        quote or list item that has not shown a line yet is not around it)."""
        out = Text()
        for (_first, later, style), pending in zip(self.prefixes, self.pending_first):
            if later.strip() and not pending:
                out.append(later.rstrip(), style)
        out.truncate(self.width)
        return out


def _cut(runs: list[Run], width: int) -> list[list[tuple[str, Style]]]:
    """A code line: cut into pieces of ``width`` cells (spaces kept as typed)."""
    text = "".join(r[0] for r in runs)
    style = runs[0][1] if runs else Style()
    return [[(part, style)] for part in (_hard_split(text, width) if text else [""])]


def render_note(note: str, width: int) -> list[Text]:
    """``note`` (Markdown) as lines of at most ``width`` cells."""
    out = _Out(max(8, width))
    tokens = _MD.parse(note.expandtabs(4))
    lists: list[list[int]] = []  # per open list: [next number, or -1 for bullets]
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "inline":
            opener = tokens[i - 1]
            if opener.type == "heading_open":
                style = HEADINGS.get(int(opener.tag[1:]), Style(bold=True))
                out.block(_inline_runs(tok.children or [], style))
            else:
                out.block(_inline_runs(tok.children or [], Style()))
        elif kind in ("paragraph_close", "heading_close") and not tok.hidden:
            out.gap = True
        elif kind == "bullet_list_open":
            lists.append([-1])
        elif kind == "ordered_list_open":
            lists.append([int(tok.attrs.get("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            out.gap = not lists  # (a nested list ends inside its item)
        elif kind == "list_item_open":
            number = lists[-1][0] if lists else -1
            marker = "• " if number < 0 else f"{number}. "
            if number >= 0:
                lists[-1][0] += 1
            out.push(marker, " " * len(marker), MARKER)
        elif kind == "list_item_close":
            out.pop()
        elif kind == "blockquote_open":
            out.push("│ ", "│ ", QUOTE)
        elif kind == "blockquote_close":
            out.pop()
            out.gap = True
        elif kind in ("fence", "code_block"):
            code = tok.content.rstrip("\n").split("\n")
            out.block([[(line, CODE, True)] for line in code], wrap=False)
            out.gap = True
        elif kind == "hr":
            out.block([[("─" * max(1, out.width - 1), CODE, True)]], wrap=False)
            out.gap = True
        elif kind == "html_block":
            out.block([_text_runs(line, Style()) for line in tok.content.rstrip("\n").split("\n")])
            out.gap = True
    return out.lines or [Text("")]
