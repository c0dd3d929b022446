"""How text is folded for matching: the one owner (no Textual import).

The search index folds what it searches, the query parser folds what is typed and the
highlighter folds what it marks, all with :func:`fold`, so a match is always highlighted
("strasse" finds "Straße" and marks it).

Folding is Unicode case folding (``str.casefold``): per character, never to nothing, but
sometimes to more than one character (``ß`` -> ``ss``, ``ﬁ`` -> ``fi``). Offsets in folded
text are mapped back to the original with :func:`fold_with_offsets`.
"""

from __future__ import annotations


def fold(text: str) -> str:
    """``text`` folded for matching (case folded)."""
    return text.casefold()


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """``(fold(text), where)``: ``where[k]`` is the index in ``text`` of the character that
    folded character ``k`` comes from, with ``where[len(folded)] == len(text)``; ``where``
    is None when each character folds to exactly one (offsets are then the same)."""
    folded = text.casefold()
    if len(folded) == len(text):  # (no character folds to nothing: then each folds to one)
        return folded, None
    where: list[int] = []
    for i, char in enumerate(text):
        where.extend([i] * len(char.casefold()))
    where.append(len(text))
    return folded, where


def fold_spans(text: str, needles) -> list[tuple[int, int]]:
    """Spans of ``text`` (offsets into ``text`` itself) where any of ``needles`` (folded
    texts) occurs in ``fold(text)``, sorted and merged. A match that covers part of a
    character's folding (``s`` in ``ß``) marks the whole character."""
    if not needles or not text:
        return []
    folded, where = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        if not needle or len(needle) > len(folded):
            continue
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if where is None:
                spans.append((start, end))
            else:
                spans.append((where[start], where[end - 1] + 1))
            start = folded.find(needle, end)
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        ls, le = merged[-1]
        if s <= le:
            merged[-1] = (ls, max(le, e))
        else:
            merged.append((s, e))
    return merged
