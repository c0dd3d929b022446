"""The ``?`` help screen: every key, from the action table and the live keymap."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..actions import ACTIONS, GROUPS, HELP, OTHER_KEYS, bindings, key_label, keys_label, live_keymap, live_keys
from ..palette import rich_color

SEARCH = [
    ("kv cache", "all words, any case, in title, summary, tags, id, list, section"),
    ("量化  注意力", "Chinese matches by substring"),
    ('"cross-layer attention"', "a phrase"),
    ("-gear", "exclude a word (also -tag:x, -is:read)"),
    ("tag:kv-cache  list:weekly  sec:量化", "tag, reading list, section"),
    ("id:2405.12981  year:2024", "arXiv id (prefix), year from the id"),
    ("is:read  is:unread  is:starred", "state"),
    ('author:dao  author:"tri dao"', "list and fetched arXiv authors"),
    ("kv cache OR lora", "either side; AND binds tighter: (kv cache) or lora"),
    ("2403.09629, an arXiv URL", "paste it: finds that paper"),
    ("trnsformer", "typos still match, ranked below exact hits"),
]


def _two_columns(style: Style) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style=style, no_wrap=True)
    table.add_column(ratio=1)
    return table


def key_table(keymap: Mapping[str, str], variables: Mapping[str, str] | None = None) -> Group:
    """Every action once, under its heading, with the keys bound now (in the theme's colours)."""
    variables = variables or {}
    key_style = Style(bold=True, color=rich_color(variables.get("pt-heading", "cyan")))
    syntax_style = Style(color=rich_color(variables.get("pt-own-tag", "green")))
    heading_style = Style(bold=True, color=rich_color(variables.get("pt-text", "default")))
    rows: dict[str, list[tuple[str, str]]] = {group: [] for group in GROUPS}
    for action in ACTIONS:
        keys = keys_label(action, keymap)
        if keys:
            rows[action.group].append((keys, action.help))
    for keys, what, group in OTHER_KEYS:
        rows[group].append((keys, what))
    table = _two_columns(key_style)  # one table: one column of keys for every heading
    for group in GROUPS:
        table.add_row(Text(group, style=heading_style), Text(""))
        for keys, what in rows[group]:
            table.add_row(Text(keys), Text(what))
        table.add_row(Text(""), Text(""))
    search = _two_columns(syntax_style)
    for syntax, what in SEARCH:
        search.add_row(Text(syntax), Text(what))
    return Group(table, Text(f"Search  (press {keys_label('search', keymap)} and type)", style="bold"), search)


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings(HELP)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "papertui · keys"
            keymap = live_keymap(self.app)
            box.border_subtitle = f"{key_label(live_keys('close-help', keymap)[0])} to close"
            yield Static(key_table(keymap, self.app.theme_variables), id="help-keys")

    def action_cursor_down(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_up()

    def action_page_down(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_page_up()

    def action_last(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_end(animate=False)

    def action_first(self) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_home(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
