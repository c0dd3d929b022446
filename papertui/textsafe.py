"""The one sanitiser for text from outside: list files, notes, tags, arXiv metadata,
imports and the state file. Plain Python (no Textual import).

Every text papertui stores from outside or shows goes through one of these first, so
no escape sequence, control character or bidi override reaches the terminal (or a file
papertui writes) whatever its source. A terminal acts on such bytes: an OSC 0 sets the
window title, CSI 2J clears the screen, OSC 52 writes the clipboard, an RLO reverses
the text after it.

What is removed:
- escape sequences with their payloads: CSI (``ESC [`` ... final byte), OSC
  (``ESC ]`` ... BEL or ST), DCS / SOS / PM / APC (``ESC P`` / ``X`` / ``^`` / ``_``
  ... ST), the other ``ESC`` sequences (``ESC ( B``, ``ESC c``), and the same
  introduced by their 8-bit C1 forms (``\\x9b``, ``\\x9d``, ``\\x90``...);
- C0 and C1 control characters and DEL (a field that allows line breaks keeps ``\\n``,
  a note also keeps ``\\t``; a tab elsewhere becomes a space);
- every format character (Unicode category Cf: bidi embeddings, overrides and isolates
  U+202A–202E and U+2066–2069, marks, zero-width characters, the BOM, tag characters),
  lone surrogates, and the line and paragraph separators U+2028/2029 (a line break
  where a field allows one, else a space).

Python's ``str.isprintable()`` is False for every character removed here, so text for
which it is True is safe as it is: the fast paths (here and in ``catalog.py``) rely
on that, and ``tests/test_safety.py`` holds the table to it.
"""

from __future__ import annotations

import re
from typing import Any

# Format characters (category Cf, Unicode 15; a test checks Python's tables hold no others).
_FORMAT = (
    [0x00AD, 0x061C, 0x06DD, 0x070F, 0x08E2, 0x180E, 0xFEFF, 0x110BD, 0x110CD, 0xE0001]
    + [*range(0x0600, 0x0606), *range(0x0890, 0x0892), *range(0x200B, 0x2010), *range(0x202A, 0x202F)]
    + [*range(0x2060, 0x2065), *range(0x2066, 0x2070), *range(0xFFF9, 0xFFFC), *range(0x13430, 0x13440)]
    + [*range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B), *range(0xE0020, 0xE0080)]
)
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_SURROGATES = range(0xD800, 0xE000)

_STRIP_TABLE: dict[int, str | None] = {c: None for c in (*_CONTROLS, *_FORMAT, *_SURROGATES)}
_STRIP_TABLE[0x09] = " "  # a tab is a space
_STRIP_TABLE[0x2028] = _STRIP_TABLE[0x2029] = " "
_BLOCK_TABLE = {**_STRIP_TABLE, 0x0A: "\n", 0x2028: "\n", 0x2029: "\n"}  # (after \r is made \n)
_NOTE_TABLE = {**_BLOCK_TABLE, 0x09: "\t"}

# ESC or its 8-bit C1 form, then: CSI parameters and final byte; OSC, DCS, SOS, PM or
# APC text up to its terminator (BEL or ST; an unterminated one up to the end of its
# line, so a stray introducer in a note costs that line's rest, not the note's); or any
# other escape (intermediate bytes and a final byte). A lone ESC goes as a control.
_ESCAPE_RE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
_SPACES_RE = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}")  # (a run of any Unicode space: Zs)


def strip_escapes(s: str) -> str:
    """``s`` without escape sequences (7-bit or 8-bit introduced), payloads included."""
    if "\x1b" in s or _has_c1_introducer(s):
        return _ESCAPE_RE.sub("", s)
    return s


def _has_c1_introducer(s: str) -> bool:
    return any(c in s for c in "\x9b\x9d\x90\x98\x9e\x9f")


def clean_line(text: object) -> str:
    """One line of display text: escapes and controls removed, white space folded."""
    s = str(text) if text is not None else ""
    if s.isprintable():  # the common case, checked in C: no escape, control or format character, and
        return _SPACES_RE.sub(" ", s).strip() if "  " in s else s.strip()  # no space but ASCII's to fold
    s = strip_escapes(s)
    s = s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    s = s.translate(_STRIP_TABLE)
    return _SPACES_RE.sub(" ", s).strip()


def clean_block(text: object) -> str:
    """Multi-line display text: like :func:`clean_line` but keeps line breaks."""
    s = str(text) if text is not None else ""
    s = strip_escapes(s)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() if line.isprintable() else line.translate(_BLOCK_TABLE).rstrip() for line in s.split("\n")]
    out = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out)


def clean_note(text: object) -> str:
    """A note as the user wrote it (Markdown): line breaks, tabs and spacing kept;
    escapes, controls and format characters removed. (Show its tabs as spaces.)"""
    s = str(text) if text is not None else ""
    if s.isprintable():
        return s
    s = strip_escapes(s).replace("\r\n", "\n").replace("\r", "\n")
    return s.translate(_NOTE_TABLE)


def clean_tags(tags: object) -> list[str]:
    """The strings of a tag list, each one clean line (empty ones dropped)."""
    if not isinstance(tags, (list, tuple)):
        return []
    out = []
    for tag in tags:
        if isinstance(tag, str):
            tag = tag if tag.isprintable() and " " not in tag else clean_line(tag)
            if tag:
                out.append(tag)
    return out


NAME_MAX = 120  # characters in a name the user gives (a list's, a saved search's)


def clean_name(name: str, what: str, error: type[Exception]) -> str:
    """A name the user gives a ``what`` (``"list"``), as stored: one line, every run of white
    space one space, trimmed. Raises ``error`` when that leaves it empty or over :data:`NAME_MAX`."""
    text = " ".join(clean_line(name).split())
    if not text:
        raise error(f"a {what} needs a name")
    if len(text) > NAME_MAX:
        raise error(f"a {what}'s name is at most {NAME_MAX} characters")
    return text


_BLOCK_FIELDS = frozenset({"abstract", "summary"})


def clean_record(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """A metadata record (arXiv API fields) with every string in it cleaned: ``abstract``
    as a block, the rest as lines, lists item by item. Other values are kept."""
    if not record:
        return record
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, str):
            if not value.isprintable():
                value = clean_block(value) if key in _BLOCK_FIELDS else clean_line(value)
        elif isinstance(value, list):
            value = [clean_line(v) if isinstance(v, str) else v for v in value]
        out[key] = value
    return out
