"""The HTML walker of ``papertui.importers.blocks`` as it was before speed18d (tag dispatch by a dict, per-node facts
computed once): a reference copy, kept for tests/test_import_walker.py only, which checks that the walker reads every
generated document into the same blocks as this one. Do not import it from the package."""
# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import re
from urllib.parse import unquote

from papertui.arxiv_ids import normalize
from papertui.importers.blocks import (
    ARXIV_ATTR_RE, CARD_FOOTER_RE, FIELD_BAR_RE, HEADINGS, LAYOUT_TAGS, LINE_TAGS, PARA_TAGS, REDIRECT_RE,
    SKIP_CLASS_RE, SKIP_TAGS, Block, Link, _BREAKS_RE, _CELL_WRAPPERS, _CITATION_KEY_RE, _FIELD_MARKS, _INLINE_TAGS,
    _LEAD_RE, _LOGIN_NEXT_RE, _NAV_LEFT_RE, _PLAIN_PARA_TAGS, _ROW_TAGS, _RULED_LABEL_RE, _SCHEMELESS_RE,
    _URL_TEXT_RE, _WORD_RE,
)
from papertui.importers.shapes import LABEL_RE
from papertui.model import abs_url, clean_line


class _Walker:
    """One pass over the HTML nodes, collecting lines into blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.quoted = 0  # open <blockquote>s
        self.pieces: list[str] = []  # the line's text so far (offsets below are indexes in this list)
        self.word = False  # the pieces hold a word character (those before ``checked`` were looked at)
        self.checked = 0
        self.dense = 0  # in a cell: non-space characters in the pieces, counted up to 5 (a lead number has 4 at most)
        self.links: list[Link] = []
        self.link_start: list[tuple[str, int, int]] = []
        self.strong = ""
        self.strong_start = -1
        self.strong_cont = False  # this line starts inside a bold the line before opened
        self.strong_tail = ""
        self.emph, self.emph_start = "", -1
        self.lead_emph, self.lead_emph_start = "", -1
        self.chips, self.chip_chars, self.chip_start = 0, 0, -1  # the line's inline code spans (tag chips)
        self.chip_lead = (-1, -1)  # the pieces of a tag chip that leads the line (no word before it), once closed
        self.chip_from, self.chip_to = -1, -1  # (the pieces of the last one, or of the last run of them)
        self.para = 0
        self.context: list[list] = []  # [kind, level, ordered, lines emitted] of open li/h/tr
        self.list_depth = 0
        self.ordered: list[bool] = []
        self.counters: list[int] = []
        self.cells: list[str] | None = None
        self.leads: list[str] = []
        self.emphs: list[str] = []
        self.nav_cut = False  # a navigation link was cut from this line (a heading's "[↑ Top](#top)")
        self.nav_lead: tuple[int, int, int] | None = None  # a heading's leading in-page link: its pieces and link
        self.filled = 0  # the row's cells so far that hold text or a link
        self.cell_links = 0  # the row's links before the cell being read
        self.lead = ""
        self.lead_start = -1
        self.layout: list[bool] = []  # open <tr>s: is it a layout row
        self.layout_cells: list[tuple[int, int]] = []  # open layout rows' cells: (row, cell), each numbered once
        self.layout_no = 0
        self.layout_rows: list[int] = []  # (the open layout rows' numbers)
        self.row_header = False
        self.row_data = False
        self.pre = 0
        self.fenced = False  # a Markdown text with ``` fences: its code blocks are code, not text
        self.pending: list[Link] = []  # links from attributes (attr_ref), for the next line with text
        self.headed: dict[int, bool] = {}  # tables (by node) that have a header row
        self.heading_level = 0  # the level of the last heading
        self.details: list[list[int]] = []  # open <details>: [its summary's block or -1, level under it, listed then,
        # its first block, listed when it opened]
        self.listed = 0  # list items and table rows read so far
        self.alt = ""  # the alt text of an image inside the link being read
        self.spanned = False  # the row's cells so far: one, spanning its table's width (a banner row)
        self.widths: dict[int, int] = {}  # tables (by node): their width in columns
        self.spans: dict[int, dict[int, int]] = {}  # tables (by node): their columns a cell above spans, rows still to go
        self.carry: dict[int, int] = {}  # the row's table's (spans)
        self.dt_at = -1  # the block of the last <dt>'s line
        self.summaries: list[Block] = []  # the <summary> lines made headings

    # -- text --------------------------------------------------------------------------
    def text(self, s: str) -> None:
        if self.pre:
            lines = s.split("\n")
            for k, line in enumerate(lines):
                if k:
                    self.flush()
                self._add(line)
            return
        if s == "\n":  # (between the tags of rendered Markdown: the commonest text)
            if not self.pieces:
                return  # (a space that would start the line: every use of the line's text strips it)
            s = " "
        elif not s.isprintable():  # (a tab, a newline or another break: a space)
            s = _BREAKS_RE.sub(" ", s)  # (runs of spaces stay: a cell may split its title there)
        if s:
            self.pieces.append(s)
            if self.cells is not None and self.dense <= 4:
                self.dense += len("".join(s.split()))

    def _add(self, s: str) -> None:
        if s:
            self.pieces.append(s)
            if self.cells is not None and self.dense <= 4:
                self.dense += len("".join(s.split()))

    def _clear(self) -> None:
        self.pieces, self.word, self.checked, self.dense = [], False, 0, 0
        self.chip_from = self.chip_to = -1

    def _tag_chip_only(self) -> bool:
        """The line so far is one inline code span and spaces (``- `🏷️ main` `` before ``**Name**``): a tag chip."""
        start, end = self.chip_lead
        return start >= 0 and end >= 0 and self.chips == 1 and not "".join(self.pieces[end:]).strip()

    def _has_word(self) -> bool:
        """The pieces hold a word character (each piece is looked at once)."""
        if not self.word:
            pieces = self.pieces
            while self.checked < len(pieces):
                if _WORD_RE.search(pieces[self.checked]):
                    self.word = True
                    break
                self.checked += 1
        return self.word

    def _chip_tail(self) -> str:
        """The inline code span (or run of them) that ends the line after words of its own (``[ResNet](…) `team 1```:
        the text ``team 1``; ``… `team 1`, `week 3```: ``team 1, week 3``), else ""."""
        if self.chip_from <= 0 or self.line_text(self.chip_to).strip():
            return ""
        return clean_line(self.line_text(self.chip_from, self.chip_to)) if self.line_text(0, self.chip_from).strip() else ""

    def line_text(self, start: int = 0, end: int | None = None) -> str:
        """The line's text (from piece ``start`` to ``end``): joined when asked, from the pieces
        asked for only, so that a line of many links or bold words stays linear."""
        return "".join(self.pieces[start:end] if start or end is not None else self.pieces)

    def _lead_before(self, end: int | None = None, dense: int | None = None) -> bool:
        """The cell's text so far (up to piece ``end``, which had ``dense`` non-space characters
        before it) is nothing, or a number: "1)"."""
        return (self.dense if dense is None else dense) <= 4 and _LEAD_RE.fullmatch(self.line_text(0, end)) is not None

    # -- lines -------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.pieces and not self.links and not self.link_start and self.strong_start == -1 and not (
            self.strong or self.strong_tail
        ):
            return  # nothing since the last flush: nothing to reset either (most tags end an empty line)
        if self.nav_lead is not None:  # "## [↑](#top) Vision": a leading navigation link, words after it
            start, end, at = self.nav_lead
            self.nav_lead = None
            if _WORD_RE.search(self.line_text(end)) and at < len(self.links):
                del self.pieces[start:end], self.links[at]
                self.chip_from = self.chip_to = -1
                self.checked, self.nav_cut = 0, True
                if self.emph_start >= 0:
                    self.emph_start = max(0, self.emph_start - (end - start))
        raw = self.line_text()
        text = clean_line(raw)
        if text[:1] in _FIELD_MARKS and (m := FIELD_BAR_RE.match(text)):
            text = m.group(1) + "：" + text[m.end() :]  # "■ 论文 | Title": the field "论文：Title"
        if self.nav_cut:  # (what a navigation link cut from a heading left: "Vision [ ]", "Top ( )")
            text, self.nav_cut = _NAV_LEFT_RE.sub("", text), False
        if self.cells is not None:  # inside a table row: a cell's text
            self._clear()
            return
        if text or (self.links and _linked_images(self.links)):
            if self.pending:
                self.links[:0], self.pending = self.pending, []
            code = self.pre and self.fenced
            if self.chips and not self.context:  # a paragraph's line of two inline code spans or more and nothing else:
                # tag chips ("`RL` `PPO`"), not prose (nor a group label over the next paper)
                code = code or (self.chips >= 2 and self.chip_chars >= 0.9 * len("".join(text.split())))
            kind, level, ordered, number = ("code" if code else "para"), 0, False, 0
            in_item = False
            if self.context and not code:
                ctx = self.context[-1]
                if ctx[3] == 0:  # the first line of a list item or heading
                    kind, level, ordered, number = ctx[0], ctx[1], ctx[2], ctx[4]
                    if kind == "cited":
                        kind = "item"  # (a citation's <dd>: its first line the entry)
                    elif len(ctx) > 5:
                        self.dt_at = len(self.blocks)  # (a <dt>'s line: maybe a citation's key)
                else:
                    in_item = ctx[0] in ("item", "term")
                ctx[3] += 1
            if kind == "heading" and text.endswith("]") and self.links:
                text = self._without_site_links(text)  # "Full Paper List [By Topics] [Google Scholar]"
            still_open = self.strong_start == 0 and not self.strong  # (its bold closes on a later line)
            strong = clean_line(raw if still_open else self.strong) if self.strong_start == 0 else ""
            tail = clean_line(self.strong_tail) if self.strong_cont else ""
            self.blocks.append(
                Block(kind, text, level, self.links, strong, ordered=ordered, number=number, para=self.para,
                      strong_open=still_open, strong_tail=tail, emph=clean_line(self.emph) if self.emph else "",
                      lead_emph=clean_line(self.lead_emph) if self.lead_emph else "", in_item=in_item,
                      quoted=self.quoted > 0, row=self.layout_cells[-1][0] if self.layout_cells else 0,
                      cell=self.layout_cells[-1][1] if self.layout_cells else 0, chip_tail=self._chip_tail())
            )
            self.listed += kind == "item"
        else:
            still_open = self.strong_cont  # (an empty line keeps what the line before left open)
        self.pieces, self.word, self.checked, self.dense = [], False, 0, 0  # (_clear, inline: once a line)
        self.links = []
        self.link_start = []
        self.strong, self.strong_start = "", -1
        self.strong_cont, self.strong_tail = still_open, ""
        self.emph, self.emph_start = "", -1
        self.lead_emph, self.lead_emph_start = "", -1
        self.chips = self.chip_chars = 0
        self.chip_lead = (-1, -1)
        self.chip_from = self.chip_to = -1

    def _without_site_links(self, text: str) -> str:
        """A heading's words without the run of bracketed links that ends it, each to a page that is no paper (``Full
        Paper List [By Topics] [Google Scholar][Back to Homepage]``, ``## Optimization [[By Topic](topics.md)]``: the
        site's navigation, as an in-page link is): the heading's text, those links dropped. A bracket that is not a
        link's text, or a link to arXiv or labelled as a paper's (``[code]``, ``[PDF]``), leaves the heading whole."""
        texts = {link.text.strip(" []"): n for n, link in enumerate(self.links)}
        end, cut = len(text), set()  # (a set, and the spaces before each bracket stepped over in place: a heading
        # of thousands of such links stays linear)
        while end and text[end - 1] == "]":
            start = text.rfind("[", 0, end - 1)
            n = texts.get(text[start + 1 : end - 1].strip(), -1) if start > 0 else -1
            link = self.links[n] if n >= 0 else None
            if link is None or normalize(link.href) is not None or LABEL_RE.fullmatch(link.text.strip(" []")):
                return text
            cut.add(n)
            end = start
            while end and text[end - 1].isspace():  # (str.rstrip's white space)
                end -= 1
        if not cut or not _WORD_RE.search(text[:end]):
            return text
        self.links = [link for n, link in enumerate(self.links) if n not in cut]
        return text[:end]

    def _nav_in_heading(self, start: int) -> bool:
        """An in-page link (``#…``) after a heading's words (``## Vision [[Back]](#toc)``, ``<a href="#top">↑</a>``)
        is navigation, not part of the heading: its text (from piece ``start``) is dropped, and so is the link.
        A heading that is only such a link (``## [Vision](#vision)``) keeps it."""
        ctx = self.context[-1] if self.context and self.cells is None else None
        if ctx is None or ctx[0] != "heading" or ctx[3] != 0:
            return False
        if not _WORD_RE.search(self.line_text(0, start)):
            if self.nav_lead is None:  # (words may follow it: flush decides)
                self.nav_lead = (start, len(self.pieces), len(self.links))
            return False
        del self.pieces[start:]
        self.checked = min(self.checked, start)
        if self.chip_to > start:
            self.chip_from = self.chip_to = -1
        if self.emph_start >= start:
            self.emph_start = -1
        self.nav_cut = True
        return True

    def attr_ref(self, node) -> bool:
        """An arXiv id in an attribute named for it (``data-arxiv-id``, ``data-arxiv``): a link to that paper, where
        the element stands (a skipped one too: a button). Always True (the walk goes on as for any element)."""
        for name, value in node.attributes.items():
            if value and name.lower().startswith("data-") and "arxiv" in name.lower() and (arxiv := normalize(value)):
                link = Link(abs_url(arxiv), "")
                (self.row_links if self.cells is not None else self.pending).append(link)  # (the next line with text)
                break
        return True

    def new_para(self) -> None:
        self.flush()
        self.para += 1

    # -- tags --------------------------------------------------------------------------
    def enter(self, tag: str, node) -> None:
        if self.cells is not None and tag not in _ROW_TAGS:
            if tag not in _INLINE_TAGS:
                self._add("\n" if tag in ("br", "li") else " ")  # a line break inside a cell: "Title<br>Authors"
                # (or a list's item: "Topic:<ul><li>Title</li><li>Title</li></ul>", a line each)
            return
        if tag == "dd" and self._citation_key():
            return
        if tag == "dd" and self._term_over(node):
            return
        if tag in _PLAIN_PARA_TAGS:  # (the commonest tags, none of the cases below)
            self.new_para()
            self.quoted += tag == "blockquote"
        elif tag == "a":
            self.link_start.append((node.attributes.get("href") or "", len(self.pieces), self.dense))
        elif tag in ("strong", "b"):
            if self.cells is not None and not self.lead and self._lead_before():
                self.lead_start = len(self.pieces)
            if not self.strong and not self._has_word():
                self.strong_start = 0  # (after an emoji or a bullet sign too: "🌟 **Title**")
            elif not self.strong and self._tag_chip_only():
                del self.pieces[self.chip_lead[0] :]  # "- `🏷️ main` **Name**: …": the chip is the item's tag, the
                self.word, self.checked = False, 0  # bold name leads it
                self.strong_start = 0
            elif self.emph_start < 0 and not self.emph:
                self.emph_start = len(self.pieces)  # "Authors, **Title**, venue"
        elif tag == "code" and not self.pre:
            self.chip_start = len(self.pieces)
        elif tag in ("em", "i", "u"):
            if self.emph_start < 0 and not self.emph and self._has_word():
                self.emph_start = len(self.pieces)
            elif self.lead_emph_start < 0 and not self.lead_emph and self.cells is None and not self._has_word():
                self.lead_emph_start = len(self.pieces)
            elif self.cells is not None and tag != "u" and not self.lead and self.lead_start < 0 and self._lead_before():
                self.lead_start = len(self.pieces)  # "<td><i>Title</i>, Cy Diaz</td>": the cell's lead, as a bold one
        elif tag in ("td", "th") and self.cells is None:
            self.new_para()
            if self.layout and self.layout[-1]:  # (a cell of a layout row: its lines know their row and cell)
                self.layout_no += 1
                self.layout_cells.append((self.layout_rows[-1], self.layout_no))
        elif tag in ("td", "th"):
            self._clear()
            self.lead, self.lead_start = "", -1
            row_cell = tag == "td" or (node.attributes.get("scope") or "").lower() == "row"
            self.row_header = self.row_header or not row_cell
            self.row_data = self.row_data or row_cell  # (a row of data led by its own <th scope="row">: no header)
            self.spanned = not self.cells and _spans_table(node, self.widths)
            self.cell_links = len(self.row_links)
            cells = self.cells
            assert cells is not None  # (the branch above takes None)
            while self.carry.get(len(cells), 0) > 0:  # (a cell above spans this row here: "<td rowspan=2>Date</td>")
                self.carry[len(cells)] -= 1
                cells.append("")
                self.leads.append("")
                self.emphs.append("")
            rows = (node.attributes.get("rowspan") or "1").strip()
            if rows.isdigit() and len(rows) < 4 and int(rows) > 1:
                self.carry[len(cells)] = int(rows) - 1
        elif tag == "tr" and _layout_row(node, self.headed):
            self.layout.append(True)
            self.layout_no += 1
            self.layout_rows.append(self.layout_no)
            self.new_para()
        elif tag == "tr":
            self.layout.append(False)
            self.new_para()
            table = _table_of(node)
            self.carry = self.spans.setdefault(table.mem_id, {}) if table is not None else {}
            self.cells = []
            self.leads = []
            self.emphs = []
            self.row_header = self.row_data = False
            self.row_links: list[Link] = []
            self.filled = self.cell_links = 0
        elif tag in ("ul", "ol"):
            self.new_para()
            self.list_depth += 1
            self.ordered.append(tag == "ol")
            start = node.attributes.get("start") or "1"
            self.counters.append((int(start) if start.isdigit() and len(start) < 9 else 1) - 1)
        elif tag == "li":
            self.new_para()
            ordered = bool(self.ordered and self.ordered[-1])
            number = 0
            if ordered and self.counters:
                self.counters[-1] += 1
                number = self.counters[-1]
            self.context.append(["item", self.list_depth or 1, ordered, 0, number])
        elif tag in HEADINGS:
            self.new_para()
            self.heading_level = HEADINGS[tag]
            self.context.append(["heading", HEADINGS[tag], False, 0, 0])
        elif tag == "details":
            self.new_para()
            self.details.append([-1, min(6, self.heading_level + 1), 0, len(self.blocks), self.listed])
            if _in_row_cell(node):
                self.details[-1][0] = -2  # (a fold in one cell of a table's row: that row's, no section of the table)
        elif tag == "summary":
            self.new_para()
            if self.details and self.details[-1][0] == -1:
                self.details[-1][0] = len(self.blocks)  # (its first line, if it has one: see exit)
        elif tag == "dt":  # a definition list's term: an item (its <dd> the item's text)
            self.new_para()
            self.context.append(["item", self.list_depth + 1, False, 0, 0, len(self.blocks)])
        elif tag == "pre":
            self.new_para()
            self.pre += 1
        elif tag in PARA_TAGS:
            self.new_para()
        elif tag == "br" and self.link_start and self.link_start[-1][0]:
            self._add(" ")  # a link's text hard-wrapped ("[A long title\n](url)"): one link, one line (not an anchor's)
        elif tag == "hr" and not self.context and not self.links and not self.link_start and not self.pre:
            at = len(self.blocks)
            self.flush()
            if len(self.blocks) == at + 1 and _RULED_LABEL_RE.fullmatch(self.blocks[at].text) and not self.blocks[at].strong:
                # "Journal Papers <hr>" (a plain line ruled off, as Markdown's "Title" / "---"): the group's heading
                ruled = self.blocks[at]
                ruled.kind, ruled.level = "heading", min(6, self.heading_level + 1) if self.heading_level else 2
                ruled.text = ruled.text.rstrip(" :：")
        elif tag in LINE_TAGS:
            self.flush()

    def exit(self, tag: str) -> None:
        if self.cells is not None and tag not in _ROW_TAGS:
            return
        if tag == "dd" and self.context and self.context[-1][0] in ("cited", "term"):
            self.new_para()
            self.context.pop()
            return
        if tag in _PLAIN_PARA_TAGS:  # (the commonest tags, none of the cases below)
            self.new_para()
            self.quoted -= tag == "blockquote" and self.quoted > 0
        elif tag == "a":
            if self.link_start:
                href, start, dense = self.link_start.pop()
                if href[:1] == "#" and self._nav_in_heading(start):
                    return
                text = clean_line(self.line_text(start))
                link = Link(_unwrapped(_target(href.strip(), text)), text)
                if not text and self.alt:
                    link.alt = self.alt
                self.alt = ""
                if self.cells is not None and not self.lead and self._lead_before(start, dense):
                    self.lead = text
                (self.row_links if self.cells is not None else self.links).append(link)
        elif tag in ("strong", "b"):
            if self.cells is not None and self.lead_start >= 0 and not self.lead:
                self.lead = clean_line(self.line_text(self.lead_start))
            if self.strong_start == 0 and not self.strong:
                self.strong = self.line_text()
                if "[" in self.strong and "]" not in self.strong and not self.link_start:
                    self.strong, self.strong_start = "", -1  # "🔥[**Nick**] Title": a bold tag in brackets, no bold lead
            if self.strong_cont and not self.strong_tail:
                self.strong_tail = self.line_text()
            if self.emph_start >= 0 and not self.emph:
                self.emph = self.line_text(self.emph_start)
        elif tag == "code" and self.chip_start >= 0:
            if self.chips == 0 and not _WORD_RE.search("".join(self.pieces[: self.chip_start])) and not self.links:
                self.chip_lead = (self.chip_start, len(self.pieces))
            self.chips += 1
            self.chip_chars += len("".join(self.line_text(self.chip_start).split()))
            if self.chip_to < 0 or self.line_text(self.chip_to, self.chip_start).strip(" ,，;/|"):
                self.chip_from = self.chip_start  # (a run of them, "`team 1`, `week 3`", is one tail)
            self.chip_to = len(self.pieces)
            self.chip_start = -1
        elif tag in ("em", "i", "u"):
            if self.cells is not None and tag != "u" and self.lead_start >= 0 and not self.lead:
                self.lead = clean_line(self.line_text(self.lead_start))
            if self.emph_start >= 0 and not self.emph:
                self.emph = self.line_text(self.emph_start)
            if self.lead_emph_start >= 0 and not self.lead_emph:
                self.lead_emph = self.line_text(self.lead_emph_start)
        elif tag in ("td", "th") and self.cells is None:
            self.new_para()
            if self.layout and self.layout[-1] and self.layout_cells:
                self.layout_cells.pop()
        elif tag in ("td", "th"):
            assert self.cells is not None  # (the branch above takes None)
            self.cells.append(self.line_text().strip())
            self.filled += bool(self.cells[-1]) or len(self.row_links) > self.cell_links
            self.leads.append(self.lead)
            self.emphs.append(clean_line(self.emph) if self.emph else "")
            self.emph, self.emph_start = "", -1
            self._clear()
            self.lead, self.lead_start = "", -1
        elif tag == "tr" and (self.layout.pop() if self.layout else False):
            self.new_para()
            if self.layout_rows:
                self.layout_rows.pop()
        elif tag == "tr":
            cells = self.cells or []
            self.cells = None
            for col, rows in self.carry.items():
                if col >= len(cells) and rows > 0:  # (a spanned column after the row's last cell)
                    self.carry[col] = rows - 1
            if any(cells):
                self.blocks.append(
                    Block("row", " | ".join(c.replace("\n", " ") for c in cells if c), 0, self.row_links, cells=cells, leads=self.leads,
                          emphs=self.emphs,
                          header=self.row_header and not self.row_data, para=self.para, filled=self.filled,
                          banner=self.spanned and len(cells) == 1)
                )
                self.listed += 1
            self.para += 1
        elif tag in ("ul", "ol"):
            self.new_para()
            self.list_depth = max(0, self.list_depth - 1)
            if self.ordered:
                self.ordered.pop()
                self.counters.pop()
        elif tag in ("li", "dt") or tag in HEADINGS:
            self.new_para()
            if self.context:
                self.context.pop()
        elif tag == "pre":
            self.new_para()
            self.pre = max(0, self.pre - 1)
        elif tag == "details":
            self.new_para()
            if self.details:
                at, level, listed, start, opened = self.details.pop()
                self._summary_heading(at, level, listed)
                if self.listed == opened:
                    self._folded_note(start, at)
        elif tag == "summary":
            self.new_para()
            if self.details and self.details[-1][0] >= 0:
                if len(self.blocks) != self.details[-1][0] + 1:
                    self.details[-1][0] = -2  # (a summary of no line or of several: no heading)
                self.details[-1][2] = self.listed
        elif tag in PARA_TAGS:
            self.new_para()
        elif tag in LINE_TAGS and not (tag == "br" and self.link_start and self.link_start[-1][0]):
            self.flush()

    def _citation_key(self) -> bool:
        """A ``<dd>`` right after a ``<dt>`` that is only a citation's key (a Sphinx bibliography's ``<dt>Lee+18</dt>``
        / ``<dd>Ann Lee, Bo Wu. Title. Journal, 2018. arXiv:ID</dd>``): the key is dropped and the ``<dd>``'s first
        line is the list's entry (the reference, not its key, is the paper). True when it is one."""
        self.flush()
        at = self.dt_at
        if at < 0 or at != len(self.blocks) - 1 or self.blocks[at].kind != "item" or self.blocks[at].links:
            return False
        key = self.blocks[at].text
        if not _CITATION_KEY_RE.fullmatch(key):
            return False
        level = self.blocks[at].level
        del self.blocks[at]
        self.listed -= 1
        self.dt_at = -1
        self.new_para()
        self.context.append(["cited", level, False, 0, 0])
        return True

    def _term_over(self, node) -> bool:
        """A ``<dd>`` right after a ``<dt>`` that is a title without a link (``<dt>Title</dt><dd>Ann Lee, Bo Wu. ICML
        2030. <a>PDF</a></dd>``): its lines are the term's item's later lines, as a loose bullet's. True when it is."""
        self.flush()
        at = self.dt_at
        if at < 0 or at != len(self.blocks) - 1 or self.blocks[at].kind != "item" or self.blocks[at].links:
            return False
        self.new_para()
        self.context.append(["term", self.blocks[at].level, False, 1, 0])
        return True

    def _folded_note(self, start: int, at: int) -> None:
        """A ``<details>`` of prose only, no list item, row or link (an item's generated analysis folded under it,
        ``## Name 项目分析`` / ``**背景**`` / …): its headings and bold lines are the note's lines, not sections."""
        body = self.blocks[start:]
        if not any(b.kind == "heading" or (b.strong and b.strong == b.text) for b in body) or any(b.links for b in body):
            return
        for k, b in enumerate(body, start):
            if k != at and (b.kind == "heading" or (b.strong and b.strong == b.text)):
                b.kind, b.level, b.strong = "para", 0, ""

    def _summary_heading(self, at: int, level: int, listed: int) -> None:
        """A ``<details>`` that holds list items or table rows (a category of papers folded away): its
        ``<summary>``, one line, is their heading, a level under the heading before it; a summary over prose
        (an abstract, "click to see the figures") stays a line; one that only says to open it ("Click to expand this
        week's papers", "点击展开") is dropped: the list stays under the heading before. (``listed``: items and rows
        read before its end.)"""
        blocks = self.blocks
        if at < 0 or at >= len(blocks) or blocks[at].kind != "para":
            return
        if self.listed > listed and _CALL_TO_ACTION_RE.match(blocks[at].text):
            del blocks[at]  # "Click to expand this week's papers": the fold's button, no name of its list (nor text)
            self.dt_at -= self.dt_at > at
        elif self.listed > listed:
            summary = blocks[at]
            summary.kind, summary.level = "heading", level
            if summary.strong == summary.text:
                summary.strong = ""
            self.summaries.append(summary)

    def repeated_summaries(self) -> None:
        """A ``<summary>`` label given to several ``<details>`` ("Required readings" in each row of a schedule's
        table, "Papers" under each week): a per-entry fold, not a section; its lines stay lines."""
        counts: dict[str, int] = {}
        for b in self.summaries:
            counts[b.text.casefold()] = counts.get(b.text.casefold(), 0) + 1
        for b in self.summaries:
            if counts[b.text.casefold()] > 1 and b.kind == "heading":
                b.kind, b.level = "para", 0


# A fold's button, not its name: "Click to expand this week's papers", "Show all", "点击展开", "查看更多".
_CALL_TO_ACTION_RE = re.compile(
    r"[\W_]*(?:(?:click|tap)\b|press\s+(?:to|here|for|on|and)\b|(?:expand|collapse|show|hide|view|see|toggle|open)\b(?:\s+(?:all|more|the|this|"
    r"these|full|details?|list|here|below)\b|\W*$)|点击|点此|展开|收起|查看)",
    re.IGNORECASE,
)


def _linked_images(links: list[Link]) -> bool:
    """A line with no text but links elsewhere (badges: ``<a href="https://arxiv.org/…"><img></a>``,
    ``[![arXiv](badge)](url)``) is a line of those links, each without text (as a label's), not nothing; image links
    within the site (``<a href="../12"><img></a>``, a page's navigation) are still nothing."""
    return any(not link.text and "://" in link.href for link in links)


def _target(href: str, text: str) -> str:
    """A link written the wrong way round, its URL as the text and a note as the target
    (``[https://arxiv.org/abs/…](2014)``): a link to that URL; a link that lost its scheme, to its site."""
    if text[:4] == "http" and "/" not in href and "." not in href and _URL_TEXT_RE.fullmatch(text):
        return text
    if href[:1].isalnum() and "://" not in href and _SCHEMELESS_RE.match(href):
        return "https://" + href  # "[Title](sciencedirect.com/science/article/…)": that site, not a page of this one
    return href


def _unwrapped(href: str) -> str:
    """A redirect's target: a link through a search engine's or an alert's redirect
    (``scholar.google.com/scholar_url?url=https://…&hl=en``, ``google.com/url?q=…``) is a link to where it leads;
    so is a sign-in page's link back to a page of its site (``huggingface.co/login?next=%2Fpapers%2FID``)."""
    if "?" not in href:
        return href
    if "=http" not in href[:2000]:  # (what REDIRECT_RE needs, within where it looks)
        m = _LOGIN_NEXT_RE.match(href[:2000]) if "=/" in href or "=%2" in href else None
        return m.group("site") + unquote(m.group("path")) if m else href  # (a login's way back: that page)
    m = REDIRECT_RE.search(href, 0, 2000)
    if m is None:
        return href
    return unquote(m.group("target")) if "%" in m.group("target") else m.group("target")


def _layout_row(node, headed: dict[int, bool]) -> bool:
    """A row holding a block of its own (``LAYOUT_TAGS``) anywhere under it; but a row of a table with a header row
    (``<th>``) whose cells only wrap their text in ``<div>`` / ``<p>``, or whose one list lists links, each item only
    its link, is a data row (a badge link in a div, a topic's papers: ``Topic:<ul><li><a>Title</a></li></ul>``)."""
    wrapped = False  # (a <div> / <p> under it; any other block ends the walk: a layout row)
    lists = 0
    for n in node.traverse(include_text=False):
        if n.tag in LAYOUT_TAGS:
            if n.tag in ("ul", "ol") and (lists := lists + 1) == 1 and _links_list(n):
                wrapped = True
                continue
            if n.tag not in _CELL_WRAPPERS:
                return True
            wrapped = True
    if not wrapped:
        return False
    table = _table_of(node)
    if table is None:
        return True
    key = table.mem_id
    if key not in headed:  # (each table looked at once)
        headed[key] = table.css_first("th") is not None
    return not headed[key]


def _links_list(node) -> bool:
    """A list whose items are each one link and nothing else (``<li><a href="…">Title</a></li>``)."""
    items = node.css("li")
    for li in items:
        links = li.css("a")
        if len(links) != 1 or li.css("ul, ol") or " ".join(li.text().split()) != " ".join(links[0].text().split()):
            return False
    return bool(items)


def _in_row_cell(node) -> bool:
    """``node`` is inside a cell of a table row of two cells or more (a schedule's "Readings" cell beside its date)."""
    up = node.parent
    while up is not None and up.tag not in ("td", "th", "table", "body"):
        up = up.parent
    if up is None or up.tag not in ("td", "th") or up.parent is None:
        return False
    return sum(1 for c in up.parent.iter(include_text=False) if c.tag in ("td", "th")) >= 2


def _table_of(node):
    """The ``<table>`` that holds ``node``, else None."""
    table = node.parent
    while table is not None and table.tag != "table":
        table = table.parent
    return table


def _colspan(cell) -> int:
    span = (cell.attributes.get("colspan") or "1").strip()
    return int(span) if span.isdigit() and len(span) < 4 else 1


def _spans_table(cell, widths: dict[int, int]) -> bool:
    """A cell whose ``colspan`` (2 or more) is its table's whole width: a row's only cell, a label across the
    table (a syllabus's ``<td colspan="4">Part I: Paper Discussion</td>``). (Each table's width counted once.)"""
    span = _colspan(cell)
    if span < 2:
        return False
    table = _table_of(cell)
    if table is None:
        return False
    key = table.mem_id
    if key not in widths:
        widths[key] = max(
            (sum(_colspan(c) for c in row.iter(include_text=False) if c.tag in ("td", "th")) for row in table.css("tr")),
            default=0,
        )
    return span >= widths[key]


_CLASSED_TAGS = frozenset({"div", "section", "p", "span", "ul", "table", "td", "tr", "li"})  # (skipped by class or style)
_SKIP_ASKED = frozenset(SKIP_TAGS) | _CLASSED_TAGS  # (the tags _skipped may say yes to)


def _skipped(tag: str, node, holders: frozenset[int] = frozenset()) -> bool:
    """Site chrome by tag or class word; but never a block holding the page's ``<main>`` (``holders``): a layout
    class naming what the page has ("page-navbar", "has-sidebar") is not the chrome itself."""
    if tag in SKIP_TAGS:
        return True
    if tag in _CLASSED_TAGS:
        if holders and node.mem_id in holders:
            return False
        attrs = node.attributes
        if not attrs:  # (most tags of rendered Markdown have none)
            return False
        cls = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
        if cls.strip() and SKIP_CLASS_RE.search(cls) and not CARD_FOOTER_RE.fullmatch(cls.strip()):
            return True
        style = attrs.get("style") or ""
        if "display:none" in style.replace(" ", ""):
            return True
    return False


def _page_header(node) -> bool:
    """A ``<header>`` of the page, not one inside its ``<main>`` or an ``<article>`` (an article's own header holds
    its title)."""
    up = node.parent
    while up is not None:
        if up.tag in ("main", "article"):
            return False
        up = up.parent
    return True


def _walk_html(html: str, *, fenced: bool = False) -> list[Block]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    root = tree.body
    if root is None:
        return []
    walker = _Walker()
    walker.fenced = fenced
    attrs = "data-" in html and ARXIV_ATTR_RE.search(html) is not None  # (its "data-" found first: the pattern starts
    # with a space, tried at every character)
    main = tree.css_first("main") if "<main" in html else None
    if main is None and "<article" in html and len(found := tree.css("article")) == 1:
        main = found[0]  # (a post's one <article>; not a page of <article> cards)
    holders: set[int] = set()  # the blocks holding <main> (or the one <article>): the page's content, not chrome
    up = main.parent if main is not None else None
    while up is not None:
        holders.add(up.mem_id)
        up = up.parent
    held = frozenset(holders)
    banner = main is not None and len(main.css("h1")) == 1  # (the page's own title is in its <main>; not several
    # <h1> there, "# Vision" … "# Language": sections under the header's title)
    node = root.child
    depth = 1
    open_tags: list[str] = []  # the tags of the nodes walked into (their exit without asking the node again)
    text, enter, leave = walker.text, walker.enter, walker.exit  # (once a node: looked up once)
    while node is not None and depth > 0:
        tag = node.tag
        if tag == "-text":
            text(node.text_content or "")
        elif tag == "img" and walker.link_start:
            walker.alt = clean_line(node.attributes.get("alt") or "")  # (a badge's "Paper": what its link is)
        elif tag == "header" and banner and _page_header(node):
            pass  # the site's banner over a <main> (or the one <article>) that holds the page's own <h1>: site chrome
        elif tag and tag[0] not in "-!" and (not attrs or walker.attr_ref(node)) and (
            tag not in _SKIP_ASKED or not _skipped(tag, node, held)  # (a tag it never skips: not asked)
        ):
            enter(tag, node)
            child = node.child
            if child is not None:
                open_tags.append(tag)
                node = child
                depth += 1
                continue
            leave(tag)
        following = node.next
        while following is None:
            node = node.parent
            depth -= 1
            if node is None or depth <= 0:
                break
            leave(open_tags.pop())
            following = node.next
        node = following
    walker.new_para()
    if len(walker.summaries) > 1:
        walker.repeated_summaries()
    return _without_card_images(walker.blocks)


def _without_card_images(blocks: list[Block]) -> list[Block]:
    """A card's image link (``<a href="arXiv"><img></a>``, no text) right over the card's heading, whose target a
    link of the card under that heading gives again ("Link to the paper"): the same paper, read at that link, not as
    a link of the card above."""
    drop = set()
    for k, b in enumerate(blocks[:-1]):
        if b.kind != "para" or b.text or not b.links or any(link.text for link in b.links):
            continue
        if blocks[k + 1].kind != "heading":
            continue
        later: set[str] = set()
        for o in blocks[k + 2 : k + 40]:
            if o.kind == "heading":
                break
            later.update(link.href for link in o.links if link.text)
        if all(link.href in later for link in b.links):
            drop.add(k)
    return [b for k, b in enumerate(blocks) if k not in drop] if drop else blocks
