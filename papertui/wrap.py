"""Line breaking for mixed Chinese/English text.

Rich and Textual break lines only at spaces, so a Chinese paragraph with an
English word in it breaks early at that word and leaves ragged short lines.
:func:`wrap` breaks between any two CJK characters, at spaces between Latin
words, keeps closing punctuation off the start of a line, and measures in
terminal cells (a CJK character is two cells wide).
"""

from __future__ import annotations

import re
import unicodedata

from rich.cells import cell_len, set_cell_size

# Never at the start of a line (closing punctuation), never at the end (opening).
_NO_START = set("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%")
_NO_END = set("（《「『【〔〈“‘([{")
_TOKEN_RE = re.compile(r"\s+|[^\s]")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _tokens(text: str) -> list[str]:
    """Split into breakable units: a space run, a Latin word, or one wide character."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isspace():
            if word:
                out.append(word)
                word = ""
            if out and out[-1].isspace():
                out[-1] += ch
            else:
                out.append(ch)
        elif _is_wide(ch) or ch in _NO_START or ch in _NO_END:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    # Glue: closing punctuation to what precedes it, opening to what follows.
    glued: list[str] = []
    for tok in out:
        if glued and tok in _NO_START and not glued[-1].isspace():  # noqa: SIM114  (two rules, kept apart)
            glued[-1] += tok
        elif glued and glued[-1] and glued[-1][-1] in _NO_END and not tok.isspace():
            glued[-1] += tok
        else:
            glued.append(tok)
    return glued


def _hard_split(token: str, width: int) -> list[str]:
    parts, cur = [], ""
    for ch in token:
        if cur and cell_len(cur + ch) > width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return parts


def wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` (which may hold newlines) to lines of at most ``width`` cells."""
    width = max(2, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for tok in _tokens(paragraph):
            size = cell_len(tok)
            if tok.isspace():
                if line:
                    line += " "
                    used += 1
                continue
            if used + size <= width:
                line += tok
                used += size
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, used = "", 0
            if size > width:
                *full, tok = _hard_split(tok, width)
                lines.extend(full)
                size = cell_len(tok)
            line, used = tok, size
        lines.append(line.rstrip())
    return lines


def clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut with "…" when longer. When the cut falls
    in a wide (CJK) character, its free cell goes after the "…" ("中文标… "), not
    before it as Rich leaves it ("中文标 …")."""
    if cell_len(text) <= width:
        return text
    if width < 1:
        return ""
    cut = set_cell_size(text, width - 1)
    if cut.endswith(" ") and not text.startswith(cut):  # the padding of a split wide character
        return cut[:-1] + "… "
    return cut + "…"
