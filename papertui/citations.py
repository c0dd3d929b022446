"""Citation counts from the Semantic Scholar Graph API (no Textual import).

``POST {base}/paper/batch?fields=citationCount,influentialCitationCount`` with
``{"ids": ["ARXIV:2405.11157", ...]}`` (at most :data:`BATCH` ids a request); the answer is
a JSON array in the same order, ``null`` for a paper Semantic Scholar does not know.
The base URL is ``$PAPERTUI_S2_API`` (default :data:`DEFAULT_API`); an API key (config
``s2_api_key`` or ``$S2_API_KEY``) is sent as ``x-api-key``. Requests go through
:mod:`papertui.net`: :data:`INTERVAL` seconds apart, Retry-After and retries on 429 / 5xx.

A fetch is all or nothing: any failure raises :class:`CitationError` (one line) and the
caller stores nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from . import net
from .errors import PapertuiError

DEFAULT_API = "https://api.semanticscholar.org/graph/v1"
BATCH = 500  # ids per request: the batch endpoint's limit
INTERVAL = 1.1  # seconds between requests (the API allows one a second with a key)
FIELDS = "citationCount,influentialCitationCount"


class CitationError(PapertuiError):
    """Counts that could not be fetched; ``str()`` is one line."""


def api_base() -> str:
    return (os.environ.get("PAPERTUI_S2_API") or DEFAULT_API).rstrip("/")


def api_key(configured: str | None = None) -> str | None:
    """``$S2_API_KEY`` when set, else the config's ``s2_api_key``, else None (no header)."""
    return (os.environ.get("S2_API_KEY") or configured or "").strip() or None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def fetch_counts(
    arxivs: Sequence[str],
    *,
    key: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    **options,
) -> dict[str, dict[str, Any]]:
    """``{arxiv: {"citations", "influential", "fetched_at"}}`` for each id; a paper Semantic
    Scholar does not know gets ``None`` counts. ``options`` go to :class:`papertui.net.Http`."""
    ids = list(dict.fromkeys(a for a in arxivs if a))
    url = f"{api_base()}/paper/batch?fields={FIELDS}"
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if key:
        headers["x-api-key"] = key
    http = net.Http(**{"interval": INTERVAL, **options})
    out: dict[str, dict[str, Any]] = {}
    if progress is not None:
        progress(0, len(ids))
    for first in range(0, len(ids), BATCH):
        chunk = ids[first : first + BATCH]
        body = orjson.dumps({"ids": [f"ARXIV:{a}" for a in chunk]})
        try:
            response = http.post(url, body, headers=headers)
        except net.Cancelled:
            raise
        except net.NetError as exc:
            hint = " (an API key helps: s2_api_key in config.toml or $S2_API_KEY)" if exc.status in (403, 429) else ""
            raise CitationError(f"Semantic Scholar: {exc}{hint}") from None
        try:
            answer = orjson.loads(response.body)
        except orjson.JSONDecodeError:
            raise CitationError(f"Semantic Scholar: {url.split('?')[0]} did not answer JSON") from None
        if not isinstance(answer, list) or len(answer) != len(chunk):
            raise CitationError(f"Semantic Scholar: unexpected answer (asked for {len(chunk)} papers)")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        for arxiv, item in zip(chunk, answer):
            item = item if isinstance(item, dict) else {}
            out[arxiv] = {
                "citations": _count(item.get("citationCount")),
                "influential": _count(item.get("influentialCitationCount")),
                "fetched_at": stamp,
            }
        if progress is not None:
            progress(len(out), len(ids))
    return out


def describe(rec: dict[str, Any] | None) -> str | None:
    """One line for the detail pane: ``cited by 123 (7 influential) · Semantic Scholar, 2026-11-30``."""
    if not rec:
        return None
    when = str(rec.get("fetched_at") or "")[:10]
    if rec.get("citations") is None:
        return f"citations: not known to Semantic Scholar ({when})"
    text = f"cited by {rec['citations']:,}"
    if rec.get("influential") is not None:
        text += f" ({rec['influential']:,} influential)"
    return f"{text} · Semantic Scholar, {when}"


def short(count: int | None) -> str:
    """A count in at most 5 cells: ``7``, ``1234``, ``12.3k``, ``123k``, ``1.2M``."""
    if count is None:
        return ""
    if count < 10_000:
        return str(count)
    if count < 100_000:
        return f"{count / 1000:.1f}k"
    if count < 1_000_000:
        return f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M"
