"""The cycle collector waits for idle moments (heap.py), and painted lines are not cycles."""

from __future__ import annotations

import asyncio
import gc
import sys
import weakref

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from textual.strip import Strip

from papertui import heap
from papertui.heap import Collector
from papertui.library import Library
from papertui.tui import app as app_module
from papertui.tui import strip_cycles
from papertui.tui.app import PaperApp


class Node:
    """A weak-referenceable object to build cycles from."""


def garbage_cycle_in_oldest_generation() -> weakref.ref:
    """A self-referencing object that lived long enough to reach the oldest
    generation, then was dropped: only a full collection frees it."""
    node = Node()
    node.me = node
    gc.collect(1)  # still alive: moves on to the oldest generation
    ref = weakref.ref(node)
    del node
    return ref


@pytest.fixture
def collector():
    saved = gc.get_threshold()
    c = Collector()
    c.start()
    yield c
    c.stop()
    assert gc.get_threshold() == saved
    assert gc.get_freeze_count() == 0


def test_start_holds_back_full_runs_and_stop_restores(collector):
    assert gc.get_threshold()[2] == heap.FULL_AFTER
    collector.settle()
    assert gc.get_freeze_count() > 0  # (the fixture checks that stop undoes both)


def test_settle_does_nothing_unless_started():
    Collector().settle()
    assert gc.get_freeze_count() == 0


def test_full_runs_wait_for_the_user_to_be_idle(collector):
    ref = garbage_cycle_in_oldest_generation()
    assert not collector.idle(heap.IDLE_AFTER / 2)
    assert ref() is not None
    assert collector.idle(heap.IDLE_AFTER)
    assert ref() is None
    assert collector.last_run_ms is not None
    assert not collector.idle(10.0)  # nothing has reached the oldest generation since


def test_a_replaced_library_is_collected_although_it_was_set_aside(collector):
    node = Node()
    node.me = node
    ref = weakref.ref(node)
    collector.settle()  # frozen with the rest
    del node
    gc.collect()
    assert ref() is not None  # a frozen cycle is not walked
    collector.replaced()
    assert collector.idle(heap.IDLE_AFTER)
    assert ref() is None
    assert gc.get_freeze_count() > 0  # what is alive is set aside again


def test_divide_at_the_strips_end_leaves_no_cycle():
    strip_cycles.install()
    strip = Strip([Segment("abc"), Segment("de")])
    before = sys.getrefcount(strip)
    parts = strip.divide([5])
    assert parts == [strip] and parts[0] is strip
    del parts
    assert sys.getrefcount(strip) == before  # Textual's own divide keeps [strip] in the strip


@given(
    texts=st.lists(st.text(alphabet="ab中 ", min_size=1, max_size=5), min_size=1, max_size=4),
    cuts=st.lists(st.integers(0, 25), max_size=4),
)
def test_divide_gives_textuals_results(texts, cuts):
    strip_cycles.install()
    strip = Strip([Segment(t) for t in texts])
    cuts = sorted(set(cuts)) + [strip.cell_length]
    fresh = Strip([Segment(t) for t in texts])
    assert [list(s) for s in strip.divide(cuts)] == [list(s) for s in strip_cycles._divide(fresh, cuts)]


async def test_the_app_collects_when_idle_and_gives_the_collector_back(monkeypatch, tmp_path):
    saved = gc.get_threshold()
    monkeypatch.setattr(heap, "IDLE_AFTER", 0.5)
    monkeypatch.setattr(app_module, "IDLE_CHECK", 0.05)
    app = PaperApp(Library.open(), watch=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] == heap.FULL_AFTER
        while not app.screen.chores_done:
            await asyncio.sleep(0.02)
        assert gc.get_freeze_count() > 0  # the library, once built, is set aside
        gc.collect()  # (so no full run comes by itself meanwhile: see heap.FULL_AFTER)
        await pilot.press("j")  # the user is busy from here on
        ref = garbage_cycle_in_oldest_generation()
        for _ in range(12):  # keys more often than IDLE_AFTER: no full run meanwhile
            await pilot.press("j")
            await asyncio.sleep(0.05)
        assert ref() is not None
        await asyncio.sleep(1.0)
        assert ref() is None
    assert gc.get_threshold() == saved
    assert gc.get_freeze_count() == 0


def test_one_malloc_arena_is_taken_where_glibc_is():
    import platform

    assert heap.one_malloc_arena() == (platform.libc_ver()[0] == "glibc")


def test_collector_paused_while_papers_are_built_and_restored_after(monkeypatch, tmp_path):
    """An import and the commands that build their output in one go run without the cycle
    collector (each run walks every paper built so far), and leave it as they found it."""
    from papertui import importers

    seen = []
    real = importers._recognised
    monkeypatch.setattr(importers, "_recognised", lambda text, hint=None: (seen.append(gc.isenabled()), real(text, hint))[1])
    assert gc.isenabled()
    importers.import_text("2401.00001\n2401.00002\n")
    assert seen == [False] and gc.isenabled()
    with pytest.raises(importers.ImportError_):
        importers.import_text("no papers here")
    assert gc.isenabled()
    existing = importers._existing  # (the first step of a save: the TUI saves in a worker thread)
    monkeypatch.setattr(importers, "_existing", lambda where: (seen.append(gc.isenabled()), existing(where))[1])
    imported = importers.import_text("2401.00001\n")
    importers.save(imported, "Queue", tmp_path / "lists", update=False, what="")
    assert seen == [False] * 4 and gc.isenabled()
    gc.disable()
    try:
        with heap.collector_paused():  # (nested in a caller that turned it off: left off)
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
