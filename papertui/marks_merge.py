"""How two writers' changes to one paper's record merge (rule 2 of ``store.py``): each field
has its own change time (``t_<field>``; a record from before them has only ``changed``), and
per field the newer change wins. The store applies this when it writes the state file over
another process's write and when it replays journal entries. Plain Python (no Textual import).
"""

from __future__ import annotations

from typing import Any

from . import journal

TIME_OF = {f: f"t_{f}" for f in journal.FIELDS}  # a field's own change time, in the paper's record


def _time_key(field: str) -> str:
    return TIME_OF.get(field) or f"t_{field}"


def _number(value: Any) -> float:
    return float(value) if value.__class__ is float or value.__class__ is int else 0.0


def _field_time(rec: dict[str, Any], field: str) -> float:
    """When ``field`` was last changed: its own time; in a record from before per-field
    times, the record's; 0 if it was never set."""
    t = rec.get(_time_key(field))
    if t.__class__ is float or t.__class__ is int:
        return t
    return _number(rec.get("changed")) if field in rec else 0.0


def _merge_fields(theirs: dict[str, Any], mine: dict[str, Any], names) -> dict[str, Any] | None:
    """``theirs`` with the fields ``names`` of ``mine`` where those are newer (or as new
    and different); None if none is. (A field's own time is kept only where it differs
    from the record's ``changed``, the newest of them: most records have none.)"""
    out = None
    for field in names:
        t_mine, t_theirs = _field_time(mine, field), _field_time(theirs, field)
        if field not in mine or t_mine < t_theirs:
            continue
        value = mine[field]
        if t_mine == t_theirs and value == theirs.get(field):
            continue
        if out is None:
            out = dict(theirs)
        out[field] = value
        last = _number(out.get("changed"))
        if t_mine > last:
            for other, time_key in TIME_OF.items():
                if other != field and other in out and time_key not in out:
                    out[time_key] = last
            out["changed"] = t_mine
            out.pop(_time_key(field), None)
        else:
            out[_time_key(field)] = t_mine
    return out


def _fold(table: dict[str, Any], known: tuple[dict[str, str], int], entries: list[journal.Entry], writer: str,
          dirty: set[str]):
    """Apply journal entries to the table where newer: other processes' changes not saved
    yet, and ours (``writer``'s) to papers changed since the pending ones were taken
    (``dirty``; the rest are saved already: the journal is dropped once written). Returns
    the keys changed, and the doc ids and next doc id of the table."""
    ids, next_id = known
    touched = set()
    for entry in entries:
        field, names = entry.field, (entry.field,)
        change = {field: entry.value, _time_key(field): entry.t}
        keys = entry.keys if entry.proc != writer else [k for k in entry.keys if k in dirty]
        for key in keys:
            doc_id = ids.get(key)
            if doc_id is None:
                doc_id = ids[key] = str(next_id)
                next_id += 1
                table[doc_id] = {"key": key}
            merged = _merge_fields(table[doc_id], change, names)
            if merged is not None:
                table[doc_id] = merged
                touched.add(key)
            elif len(table[doc_id]) == 1:
                del table[doc_id], ids[key]
    return touched, (ids, next_id)
