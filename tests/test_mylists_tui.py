"""The user's own lists and saved searches in the TUI (issue 20)."""

from __future__ import annotations

from papertui import mylists
from papertui.library import Library
from papertui.settings import Settings, load_settings
from papertui.tui.app import PaperApp
from papertui.tui.screens.my_lists import NameScreen, PickScreen

from .conftest import screen_text
from .test_tui import current, move_tree_to, until


def make_app(settings: Settings | None = None) -> PaperApp:
    return PaperApp(Library.open(), watch=False, settings=settings or Settings())


def tree_labels(app) -> list[str]:
    tree = app.screen.tree
    return [str(node.label).split()[0] if node.data.startswith("group:") else str(node.label)
            for node in tree.nodes_by_id.values()]


def node_text(app, cid: str) -> str:
    return " ".join(str(app.screen.tree.nodes_by_id[cid].label).split())



async def test_l_makes_a_list_puts_the_paper_in_it_and_the_tree_counts_it(home):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        key = current(app).key
        await pilot.press("L")
        assert isinstance(app.screen, PickScreen)
        assert "New list" in screen_text(app)
        await pilot.press("enter")  # the only row: new list…
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*"To read", "enter")
        await pilot.pause()
        (ul,) = mylists.all_lists(app.lib.store)
        assert ul.name == "To read" and app.lib.store.user_lists(key) == [ul.id]
        assert "group:mylists" in app.screen.tree.nodes_by_id
        assert node_text(app, ul.key) == "To read 1/1"
        await pilot.press("r")  # read: the list's unread count follows at once
        assert node_text(app, ul.key) == "To read 0/1"
        second = app.lib.catalog.keys[app.screen.papers.rows[1]]
        await pilot.press("j", "L")  # a second paper: the picker has the list, unticked
        assert [str(label).startswith("✓") for label, _ in app.screen.rows] == [False, False]
        await pilot.press("enter")
        await pilot.pause()
        assert node_text(app, ul.key) == "To read 1/2"
        await pilot.press("L")  # again: ticked now, picking it takes the paper out
        assert str(app.screen.rows[0][0]).startswith("✓ To read")
        await pilot.press("enter")
        await pilot.pause()
        assert node_text(app, ul.key) == "To read 0/1"
        await pilot.press("u")  # the removal undone
        await pilot.pause()
        assert node_text(app, ul.key) == "To read 1/2"
    again = Library.open()
    assert sorted(mylists.members(again.store, ul.id)) == sorted([key, second])


async def test_a_list_in_the_tree_shows_its_papers_and_rename_and_delete_from_the_palette(home):
    lib = Library.open()
    made, change = mylists.new_list(lib.store, "Survey")
    lib.store.update_many(change)
    keys = ["2405.12981", "2403.09629"]
    lib.store.update_many(mylists.membership(lib.store, keys, made.id, add=True))
    lib.store.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await move_tree_to(pilot, screen, made.key)
        await pilot.pause()
        assert screen.category == made.key
        assert sorted(app.lib.catalog.keys[i] for i in screen.papers.rows) == sorted(keys)
        screen.action_rename_list()  # the list shown: no picker
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press("ctrl+u", *"Reading group", "enter")  # (ctrl+u: clear the name typed in)
        await pilot.pause()
        assert [ul.name for ul in mylists.all_lists(app.lib.store)] == ["Reading group"]
        assert node_text(app, made.key).startswith("Reading group")
        screen.action_delete_list()
        await pilot.pause()
        assert mylists.all_lists(app.lib.store) == [] and screen.category == "view:all"
        assert "group:mylists" not in screen.tree.nodes_by_id
        await pilot.press("u")
        await pilot.pause()
        assert node_text(app, made.key) == "Reading group 2/2"


async def test_ctrl_s_in_the_search_box_saves_the_search_with_live_counts(home):
    from papertui import paths

    app = make_app(load_settings(paths.config_path()))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"lora", "ctrl+s")
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*"LoRA papers", "enter")
        await until(pilot, lambda: "saved:LoRA papers" in app.screen.tree.nodes_by_id)
        assert load_settings(paths.config_path()).searches == [{"name": "LoRA papers", "query": "lora"}]
        found = len(app.screen.search_index().search("lora").indices)
        assert found >= 2
        assert node_text(app, "saved:LoRA papers") == f"LoRA papers {found}/{found}"
        await pilot.press("escape", "escape")  # out of the search
        await move_tree_to(pilot, app.screen, "saved:LoRA papers")
        await pilot.pause()
        rows = list(app.screen.papers.rows)
        assert len(rows) == found
        runs = app.screen._saved_generation
        await pilot.press("r")  # a read mark: the count follows at once
        assert node_text(app, "saved:LoRA papers") == f"LoRA papers {found - 1}/{found}"
        await pilot.pause(0.6)  # (and a search without is: is not run again for it)
        assert app.screen._saved_generation == runs
        await pilot.press("t", *"lora-note", "enter")  # a tag can change what it finds: run again
        await until(pilot, lambda: app.screen._saved_generation > runs)
        assert app.screen._saved_generation == runs + 1


async def test_a_saved_unread_search_runs_again_as_marks_change(home):
    settings = Settings(searches=[{"name": "todo", "query": "lora is:unread"}])
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        found = len(app.screen.search_index().search("lora").indices)
        assert node_text(app, "saved:todo") == f"todo {found}/{found}"
        await move_tree_to(pilot, app.screen, "saved:todo")
        await pilot.pause()
        await pilot.press("r")
        await until(pilot, lambda: node_text(app, "saved:todo") == f"todo {found - 1}/{found - 1}")
        assert node_text(app, "saved:todo") == f"todo {found - 1}/{found - 1}"


async def test_a_saved_search_counts_new_papers_when_the_library_is_reloaded(home):
    from papertui import paths

    from .conftest import paper, write_list

    app = make_app(Settings(searches=[{"name": "rare", "query": "zebrafish"}]))
    async with app.run_test(size=(120, 40)) as pilot:
        assert node_text(app, "saved:rare") == "rare 0/0"
        write_list(paths.user_lists_dir() / "new.json", "New", [("S", [paper("2501.00001", "Zebrafish LLMs")])])
        from papertui.tui.messages import FeedsReloaded

        app.post_message(FeedsReloaded(app.lib.reloaded()))  # (what a feed update does)
        await until(pilot, lambda: node_text(app, "saved:rare") == "rare 1/1")
        assert node_text(app, "saved:rare") == "rare 1/1"


async def test_in_a_big_library_saved_searches_run_in_a_worker_and_show_pending_until_then(home, monkeypatch):
    from papertui.tui.screens import my_lists

    monkeypatch.setattr(my_lists, "SAVED_SYNC_MAX", 0)
    app = make_app(Settings(searches=[{"name": "LoRA", "query": "lora"}]))
    async with app.run_test(size=(120, 40)) as pilot:
        assert node_text(app, "saved:LoRA") == "LoRA …"
        await until(pilot, lambda: node_text(app, "saved:LoRA") != "LoRA …")
        found = len(app.screen.search_index().search("lora").indices)
        assert node_text(app, "saved:LoRA") == f"LoRA {found}/{found}"


async def test_rename_and_delete_a_saved_search_from_the_palette_actions(home):
    from papertui import paths
    from papertui.tui.screens.dialogs import ConfirmScreen

    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[[searches]]\nname = "a"\nquery = "lora"\n\n[[searches]]\nname = "b"\nquery = "kv"\n',
                      encoding="utf-8")
    app = make_app(load_settings(config))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.action_rename_search()  # nothing shown: pick one first
        await until(pilot, lambda: isinstance(app.screen, PickScreen))
        assert isinstance(app.screen, PickScreen)
        await pilot.press("down", "enter")  # b
        await until(pilot, lambda: isinstance(app.screen, NameScreen))
        assert isinstance(app.screen, NameScreen)
        await pilot.press("ctrl+u", *"kv papers", "enter")
        await until(pilot, lambda: "saved:kv papers" in screen.tree.nodes_by_id)
        assert [r["name"] for r in load_settings(config).searches] == ["a", "kv papers"]
        await move_tree_to(pilot, screen, "saved:kv papers")
        screen.action_rename_search()  # the one shown: no picker, and it stays shown
        await until(pilot, lambda: isinstance(app.screen, NameScreen))
        assert isinstance(app.screen, NameScreen)
        await pilot.press("ctrl+u", *"kv", "enter")
        await until(pilot, lambda: screen.tree.cursor_node is not None and screen.tree.cursor_node.data == "saved:kv")
        assert screen.category == "saved:kv" and screen.tree.cursor_node.data == "saved:kv"
        await move_tree_to(pilot, screen, "saved:a")
        screen.action_delete_search()  # the one shown
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: "saved:a" not in screen.tree.nodes_by_id)
        assert [r["name"] for r in load_settings(config).searches] == ["kv"]
        assert screen.category == "view:all"


async def test_a_list_made_by_another_process_or_device_shows_in_the_tree_and_the_view_is_kept(home):
    from papertui import paths
    from papertui.store import Store

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        other = Store.open(paths.state_path())  # (the CLI, or a sync taking in another device's list)
        made, change = mylists.new_list(other, "From the laptop")
        other.update_many(change)
        other.update_many(mylists.membership(other, ["2405.12981"], made.id, add=True))
        other.flush()
        app.screen.refresh_from_store(app.lib.store.reload())  # (what the app's watch does)
        await pilot.pause()
        assert node_text(app, made.key) == "From the laptop 1/1"
        await move_tree_to(pilot, app.screen, made.key)
        await pilot.pause()
        other.update_many(mylists.membership(other, ["2403.09629"], made.id, add=True))
        other.flush()
        app.screen.refresh_from_store(app.lib.store.reload())
        await pilot.pause()
        assert sorted(app.lib.catalog.keys[i] for i in app.screen.papers.rows) == ["2403.09629", "2405.12981"]
        await pilot.press("q")
    app = make_app()  # the next start comes back to the list
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.category == made.key and current(app).key == "2405.12981"
        other = Store.open(paths.state_path())
        other.update_many(mylists.delete(made))  # deleted elsewhere while shown here
        other.flush()
        app.screen.refresh_from_store(app.lib.store.reload())
        await pilot.pause()
        assert app.screen.category == "view:all" and made.key not in app.screen.tree.nodes_by_id


async def test_names_are_shown_literally_in_the_tree_the_picker_and_notices(home):
    name = "[bold red]x[/] [@click=app.quit]"
    lib = Library.open()
    made, change = mylists.new_list(lib.store, name)
    lib.store.update_many(change)
    lib.store.close()
    app = make_app(Settings(searches=[{"name": "[b]s[/b]", "query": "[/bold]]][[@click"}]))
    async with app.run_test(size=(120, 40)) as pilot:
        assert node_text(app, made.key) == "[bold red]x[/] [@clic… 0/0"  # (cut to the tree's width)
        assert node_text(app, "saved:[b]s[/b]") == "[b]s[/b] 0/0"
        await pilot.press("L")
        assert name in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert node_text(app, made.key) == "[bold red]x[/] [@clic… 1/1" and app.is_running


async def test_a_saved_search_over_a_list_runs_again_when_the_list_changes(home):
    lib = Library.open()
    _made, change = mylists.new_list(lib.store, "queue")
    lib.store.update_many(change)
    lib.store.close()
    app = make_app(Settings(searches=[{"name": "queued", "query": "in:queue is:unread"}]))
    async with app.run_test(size=(120, 40)) as pilot:
        assert node_text(app, "saved:queued") == "queued 0/0"
        await pilot.press("L", "enter")  # into "queue"
        await until(pilot, lambda: node_text(app, "saved:queued") == "queued 1/1")
        assert node_text(app, "saved:queued") == "queued 1/1"


async def test_l_with_a_selection_puts_every_selected_paper_in_the_list_in_one_step(home):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        rows = app.screen.papers.rows
        keys = sorted(app.lib.catalog.keys[i] for i in rows[:2])
        await pilot.press("space", "space")  # two papers selected (space selects, then goes down)
        await pilot.press("L")
        assert isinstance(app.screen, PickScreen) and "2 papers" in app.screen.title_text
        await pilot.press("enter", *"pair", "enter")
        await pilot.pause()
        (ul,) = mylists.all_lists(app.lib.store)
        assert sorted(mylists.members(app.lib.store, ul.id)) == keys
        await pilot.press("u")  # one step: the list and both papers
        await pilot.pause()
        assert mylists.all_lists(app.lib.store) == []


async def test_viewing_a_list_l_moves_the_selected_papers_to_another_list_in_one_step(home):
    lib = Library.open()
    source, change = mylists.new_list(lib.store, "Inbox")
    lib.store.update_many(change)
    target, change = mylists.new_list(lib.store, "Later")
    lib.store.update_many(change)
    keys = ["2405.12981", "2403.09629"]
    lib.store.update_many(mylists.membership(lib.store, keys, source.id, add=True))
    lib.store.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await move_tree_to(pilot, app.screen, source.key)
        await pilot.pause()
        await pilot.press("space", "space", "L")  # both papers of Inbox selected
        labels = [str(label) for label, _ in app.screen.rows]
        assert labels[:3] == ["✓ Inbox  2", "  Later  0", "→ Move to Later"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        store = app.lib.store
        assert mylists.members(store, source.id) == [] and sorted(mylists.members(store, target.id)) == sorted(keys)
        assert node_text(app, target.key) == "Later 2/2"
        await pilot.press("u")  # one step: both papers back in Inbox only
        await pilot.pause()
        assert sorted(mylists.members(store, source.id)) == sorted(keys) and mylists.members(store, target.id) == []
