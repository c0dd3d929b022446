"""Typst sources read as Markdown (no Textual import): one more markup family (``families.py``).

Typst (``.typ``) is a markup language people keep lecture notes, proposals and reading lists in. What the
article importer needs from it maps onto Markdown one to one:

- ``= Heading`` / ``== Sub`` → ``#`` headings (one level below the document's title, as org-mode's are);
- ``- item``, ``+ item`` (numbered), ``/ Term: description`` → list items;
- ``*strong*`` → ``**strong**``; ``_emph_``, `` `raw` ``, ```` ``` ```` blocks and ``$math$`` as they are;
- ``#link("url")[text]`` → ``[text](url)``, ``#link("url")`` → ``<url>``; ``#strong[…]`` / ``#emph[…]`` (as
  ``**…**`` / ``_…_``); any other call with content (``#align(center)[…]``, ``#text(…)[…]``) → its content;
  ``#table(columns: n, […], …)`` → a Markdown table;
- dropped: comments, ``#import`` / ``#set`` / ``#show`` / ``#let`` lines, figures, images, spacing, a bibliography,
  footnotes (an aside); the document's title (``#set document(title: …)``, ``#show: template.with(title: …)``, a
  ``#let title = "…"`` it names) becomes the ``# title`` line.

One pass over the text: each ``#call`` is read once to its closing bracket (strings and nested content skipped
as they come), and its content converted where it stands; nesting deeper than :data:`_DEPTH` is kept as text.
"""

from __future__ import annotations

import re

_DEPTH = 24  # nested calls converted; deeper ones are kept as they are (hostile input stays linear)
_LINE_COMMENT_RE = re.compile(r"(^|[ \t])//[^\n]*", re.MULTILINE)
_BLOCK_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
_SPECIAL_RE = re.compile(r"[\\`$#]")
_BALANCE_RE = re.compile(r'[\\"()\[\]{}]')
_IDENT_RE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
_STRING_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_LET_STRING_RE = re.compile(r'^[ \t]*#let[ \t]+([A-Za-z_][\w-]*)[ \t]*=[ \t]*"((?:[^"\\\n]|\\.)*)"', re.MULTILINE)
_TITLE_ARG_RE = re.compile(r'\btitle\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|([A-Za-z_][\w-]*))')
_DOC_CALL_RE = re.compile(r"^[ \t]*#(?:set[ \t]+document|show[ \t]*:[^\n]*?\.with)[ \t]*\(", re.MULTILINE)
_HEADING_RE = re.compile(r"^(=+)[ \t]+(.*?)(?:[ \t]*<[\w:.-]+>)?[ \t]*$")
_NUMBERED_RE = re.compile(r"^([ \t]*)\+[ \t]+")
_TERM_RE = re.compile(r"^([ \t]*)/[ \t]+([^:\n]+):[ \t]*")
_ITEM_RE = re.compile(r"^([ \t]*)(?:[-+*]|[0-9]{1,3}\.)[ \t]")
_STRONG_RE = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])")
_MATH_RE = re.compile(r"\$[^$\n]*\$")
_CLOSER = {"(": ")", "[": "]", "{": "}"}
_STATEMENTS = {"set", "show", "let", "import", "include"}
_DROPPED = {"figure", "image", "v", "h", "pagebreak", "colbreak", "linebreak", "parbreak", "line", "place",
            "bibliography", "outline", "cite", "ref", "counter", "state", "context", "rect", "circle", "square",
            "polygon", "path", "ellipse", "metadata", "label", "numbering", "datetime", "qr-code", "footnote"}
_SIGN_RE = re.compile(r'^#(?:import|set|show|let)\b|^=+[ \t]+\S|#link\("', re.MULTILINE)
SIGN_WORDS = ("#import", "#set", "#show", "#let", '#link("')  # (what each match of _SIGN_RE but "= Heading" holds)


def sniff(text: str) -> bool:
    """Signs of a Typst source in a paste: ``#set``/``#show``/``#let``/``#import`` lines, ``= Heading`` lines and
    ``#link("…")`` calls, three or more of them and more than one kind."""
    kinds: set[str] = set()
    for signs, m in enumerate(_SIGN_RE.finditer(text), 1):
        kinds.add(m.group(0)[:2])
        if signs >= 3 and len(kinds) >= 2:
            return True
    return False


def _close(s: str, j: int) -> int:
    """The index of the bracket that closes the one at ``s[j]`` (``(`` code with its strings, ``[`` content),
    else ``len(s)``."""
    stack = [s[j]]
    k = j + 1
    n = len(s)
    while stack:
        m = _BALANCE_RE.search(s, k)
        if m is None:
            return n
        k = m.start()
        ch = s[k]
        top = stack[-1]
        if ch == "\\":
            k += 2
            continue
        if ch == '"' and top != "[":  # a string in code: skipped whole
            end = _STRING_RE.match(s, k)
            k = end.end() if end else k + 1
            continue
        if ch in "([{":
            if top != "[" or ch == "[":  # (parentheses in content are text)
                stack.append(ch)
        elif ch == _CLOSER[top]:
            stack.pop()
        k += 1
    return k - 1


def _args(code: str) -> list[str]:
    """A call's arguments split at its top-level commas."""
    out, depth, start, k = [], 0, 0, 0
    while k < len(code):
        ch = code[k]
        if ch == '"':
            m = _STRING_RE.match(code, k)
            k = m.end() if m else k + 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(code[start:k].strip())
            start = k + 1
        k += 1
    if code[start:].strip():
        out.append(code[start:].strip())
    return out


class _Typst:
    def __init__(self, lets: dict[str, str]) -> None:
        self.lets = lets

    def markup(self, s: str, depth: int = 0) -> str:
        out: list[str] = []
        i, n = 0, len(s)
        while i < n:
            m = _SPECIAL_RE.search(s, i)
            if m is None:
                out.append(s[i:])
                break
            k = m.start()
            out.append(s[i:k])
            ch = s[k]
            if ch == "\\":
                out.append(s[k : k + 2])
                i = k + 2
            elif ch in "`$":
                end = s.find(ch, k + 1)
                end = n - 1 if end < 0 else end
                out.append(s[k : end + 1])
                i = end + 1
            else:
                name = _IDENT_RE.match(s, k + 1)
                if name is None or depth >= _DEPTH:
                    out.append("#")
                    i = k + 1
                    continue
                text, i = self._call(s, name.group(0), name.end(), depth)
                out.append(text)
        return "".join(out)

    def _call(self, s: str, name: str, j: int, depth: int) -> tuple[str, int]:
        """``#name(args)[content]…`` at ``j`` (just after the name): its Markdown and where it ends."""
        n = len(s)
        if name in _STATEMENTS:  # "#set text(…)", "#show: x.with(…)", "#let a = …": to the end of the line
            k = j
            while k < n and s[k] != "\n":
                k = _close(s, k) + 1 if s[k] in "([{" else k + 1
            return "", k
        args: str | None = None
        blocks: list[str] = []
        if j < n and s[j] == "(":
            end = _close(s, j)
            args, j = s[j + 1 : end], end + 1
        while j < n and s[j] == "[":
            end = _close(s, j)
            blocks.append(s[j + 1 : end])
            j = end + 1
        base = name.rsplit(".", 1)[-1]
        if args is None and not blocks:
            return self.lets.get(name, ""), j  # "#title": a variable the document set
        content = "".join(self.markup(b, depth + 1) for b in blocks)
        if base == "link":
            url = _STRING_RE.search(args or "")
            href = url.group(1) if url else ""
            if not href.startswith(("http://", "https://")):
                return content, j
            return (f"[{content.strip()}]({href})" if content.strip() else f"<{href}>"), j
        if base in _DROPPED:
            return "", j
        if base == "strong":
            return f"**{content.strip()}**", j
        if base == "emph":
            return f"_{content.strip()}_", j
        if base in ("table", "grid") and args is not None:
            return self._table(args, depth), j
        return content, j

    def _table(self, code: str, depth: int) -> str:
        """``table(columns: 3, table.header([A], [B], [C]), [a], [b], [c], …)`` as a Markdown table."""
        columns, cells, header = 0, [], []
        for arg in _args(code):
            key = re.match(r"([A-Za-z_][\w-]*)\s*:", arg)
            if key and not arg.startswith("["):
                if key.group(1) == "columns":
                    value = arg[key.end() :].strip()
                    columns = int(value) if value.isdigit() else len(_args(value.strip("()")))
                continue
            if arg.startswith("table.header(") or arg.startswith("grid.header("):
                header = [self._cell(a, depth) for a in _args(arg[arg.find("(") + 1 : -1])]
            else:
                cells.append(self._cell(arg, depth))
        columns = columns or len(header) or 1
        rows = [header] if header else []
        rows += [cells[k : k + columns] for k in range(0, len(cells), columns)]
        if not rows:
            return ""
        lines = ["| " + " | ".join(row + [""] * (columns - len(row))) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * columns)
        return "\n\n" + "\n".join(lines) + "\n\n"

    def _cell(self, arg: str, depth: int) -> str:
        arg = arg.strip()
        if arg.startswith("[") and arg.endswith("]"):
            arg = arg[1:-1]
        elif arg.startswith("#") or _IDENT_RE.match(arg):
            arg = "#" + arg.lstrip("#")  # (a call in code: "link(…)[…]", "strong[…]")
        text = self.markup(arg, depth + 1)
        return " ".join(text.split()).replace("|", "\\|")


def _title(text: str, lets: dict[str, str]) -> str:
    for m in _DOC_CALL_RE.finditer(text):
        end = _close(text, m.end() - 1)
        arg = _TITLE_ARG_RE.search(text, m.end(), end)
        if arg:
            return arg.group(1) if arg.group(1) is not None else lets.get(arg.group(2), "")
    return lets.get("title", "")


def typst_to_markdown(text: str) -> str:
    text = _BLOCK_COMMENT_RE.sub("", text)
    text = _LINE_COMMENT_RE.sub(r"\1", text)
    lets = {name: value for name, value in _LET_STRING_RE.findall(text)}
    title = " ".join(_title(text, lets).split())
    shift = 1 if title else 2  # (headings one level below the title; without one, two: the first is no title)
    parts = re.split(r"(^```[^\n]*\n.*?^```[ \t]*$)", text, flags=re.MULTILINE | re.DOTALL)
    convert = _Typst(lets)
    out: list[str] = [f"# {title}", ""] if title else []
    for k, part in enumerate(parts):
        if k % 2:
            out.append(part)  # a raw block: a fenced code block as it is
            continue
        for line in convert.markup(part).split("\n"):
            out.append(_line(line, shift))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def _line(line: str, shift: int) -> str:
    heading = _HEADING_RE.match(line)
    if heading:
        return "\n" + "#" * min(6, len(heading.group(1)) + shift) + " " + _strong(heading.group(2)) + "\n"
    term = _TERM_RE.match(line)
    if term:
        return f"{term.group(1)}- **{term.group(2).strip()}**: {_strong(line[term.end():])}"
    numbered = _NUMBERED_RE.match(line)
    if numbered:
        return f"{numbered.group(1)}1. {_strong(line[numbered.end():])}"
    if not _ITEM_RE.match(line):
        line = line.lstrip(" \t")  # (a source's indentation is not Markdown's code)
    return _strong(line)


def _strong(text: str) -> str:
    """``*strong*`` → ``**strong**``, outside ``$math$``."""
    if "*" not in text:
        return text
    if "$" not in text:
        return _STRONG_RE.sub(r"**\1**", text)
    out, at = [], 0
    for m in _MATH_RE.finditer(text):
        out.append(_STRONG_RE.sub(r"**\1**", text[at : m.start()]))
        out.append(m.group(0))
        at = m.end()
    out.append(_STRONG_RE.sub(r"**\1**", text[at:]))
    return "".join(out)
