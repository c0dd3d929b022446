"""A column of strings kept packed until read (the summaries of a list loaded from its
cache; ``catalog.py``). Plain Python (no Textual import)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence


class TextColumn(Sequence[str]):
    """A column of strings, some of it still packed as UTF-8 (from a list cache):
    a packed run is decoded the first time one of its strings is asked for. Starting
    from a cache then skips building 100k summary strings that the first screen
    never shows (~80 ms at 100k papers)."""

    def __init__(self) -> None:
        self._starts: list[int] = []  # first index of each run
        self._runs: list[list[str] | bytes] = []  # strings, or NUL-separated UTF-8
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def extend(self, values: list[str]) -> None:
        self._add(values, len(values))

    def extend_packed(self, packed: bytes, count: int) -> None:
        """Add ``count`` strings packed by :func:`pack_texts`."""
        self._add(packed, count)

    def _add(self, run, count: int) -> None:
        if count:
            self._starts.append(self._len)
            self._runs.append(run)
            self._len += count

    def _run(self, r: int) -> list[str]:
        run = self._runs[r]
        if isinstance(run, bytes):
            run = self._runs[r] = unpack_texts(run)
        return run

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("TextColumn index out of range")
        r = bisect_right(self._starts, i) - 1
        return self._run(r)[i - self._starts[r]]

    def __iter__(self) -> Iterator[str]:
        for r in range(len(self._runs)):
            yield from self._run(r)


def pack_texts(texts: list[str]) -> bytes:
    """Strings as one UTF-8 blob (clean text holds no NUL, which separates them)."""
    return "\0".join(texts).encode("utf-8", "surrogatepass")


def unpack_texts(packed: bytes) -> list[str]:
    return packed.decode("utf-8", "surrogatepass").split("\0")
