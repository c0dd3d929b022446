"""The ``?`` help screen: every key, generated from the bindings themselves."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

NAVIGATION = [
    ("j / k, ↓ / ↑", "Move in the list, tree or detail pane"),
    ("g / G, home / end", "First / last paper"),
    ("space, pgdn / pgup", "Page down / up"),
    ("tab / shift+tab", "Next / previous pane (tree → list → detail)"),
    ("enter", "In the tree: show that category; in the list: read the detail"),
    ("y / Y", "Copy the paper's BibTeX entry / a Markdown link [Title](url)"),
    ("i", "Import a digest article, arXiv e-mail, id list, .bib or list .json"),
    ("f / F", "Fetch authors, abstract, dates, categories from arXiv: this paper / all missing"),
    ("a", 'Add papers by arXiv id or link to "My papers"'),
    ("R", "Mark every paper in the list read (asks first; u undoes it)"),
    ("S", "Sort: list order → arXiv date → title → recently changed"),
    ("ctrl+p", "Command palette: commands, themes, and papers by title"),
    ("mouse", "Click a category or a paper; scroll with the wheel"),
]

SEARCH = [
    ("kv cache", "all words, any case, in title, summary, tags, id, list, section"),
    ("量化  注意力", "Chinese matches by substring"),
    ('"cross-layer attention"', "a phrase"),
    ("-gear", "exclude a word (also -tag:x, -is:read)"),
    ("tag:kv-cache  list:weekly  sec:量化", "tag, reading list, section"),
    ("id:2405.12981  year:2024", "arXiv id (prefix), year from the id"),
    ("is:read  is:unread  is:starred", "state"),
    ("2403.09629, an arXiv URL", "paste it: finds that paper"),
    ("trnsformer", "typos still match, ranked below exact hits"),
    ("esc / enter / ctrl+t", "clear / go to results / all papers ⇄ this category"),
]


def _two_columns(style: str) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style=style, no_wrap=True)
    table.add_column(ratio=1)
    return table


def key_table(bindings: list[Binding]) -> Group:
    table = _two_columns("bold cyan")
    seen = set()
    for binding in bindings:
        if binding.action in seen or not binding.description:
            continue
        seen.add(binding.action)
        keys = binding.key_display or " / ".join(k.strip() for k in binding.key.split(","))
        table.add_row(Text(keys), Text(binding.tooltip or binding.description))
    for keys, what in NAVIGATION:
        table.add_row(Text(keys), Text(what))
    search = _two_columns("green")
    for syntax, what in SEARCH:
        search.add_row(Text(syntax), Text(what))
    return Group(table, Text("\nSearch  (press / and type)\n", style="bold"), search)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
        Binding("space,pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("G,end", "scroll_end", show=False),
        Binding("g,home", "scroll_home", show=False),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self._keys = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "papertui · keys"
            box.border_subtitle = "esc to close"
            yield Static(key_table(self._keys), id="help-keys")

    def action_scroll_down(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_up()

    def action_page_down(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_page_up()

    def action_scroll_end(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_end(animate=False)

    def action_scroll_home(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_home(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
