"""Paper metadata from the arXiv API (no Textual import).

- ``/api/query?id_list=…``: at most 100 ids per request. Requests go through
  :mod:`papertui.net`: at least 3 s between requests to arXiv for the whole process
  (as arXiv asks), a descriptive User-Agent, an overall deadline, a size cap, retries
  with backoff on timeouts, 429 and 5xx, Retry-After, cancellation.
- The Atom feed is parsed with defusedxml (no entity tricks).
- The base URL is ``$PAPERTUI_ARXIV_API`` when set (tests point it at 127.0.0.1).

Every failure is an :class:`ArxivError` (a :class:`~papertui.net.NetError`) whose
``str()`` is one line for the user; a cancelled fetch raises :class:`~papertui.net.Cancelled`.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from defusedxml import ElementTree as ET

from . import net
from .limits import MAX_ABSTRACT, MAX_AUTHORS, MAX_FIELD, MAX_TITLE, cut
from .model import clean_block, clean_line, normalize_arxiv
from .net import USER_AGENT  # noqa: F401  (kept where it was)

DEFAULT_API = "https://export.arxiv.org/api/query"
MAX_IDS = 100
MIN_INTERVAL = 3.0  # seconds between requests
MAX_ANSWER = 10 * 1024 * 1024  # bytes: 100 entries are ~300 KB
NS = {
    "a": "http://www.w3.org/2005/Atom",
    "arxiv": "http://arxiv.org/schemas/atom",
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
}


class ArxivError(net.NetError):
    pass


def api_url() -> str:
    return os.environ.get("PAPERTUI_ARXIV_API") or DEFAULT_API


@dataclass
class Client:
    base: str = ""
    interval: float = MIN_INTERVAL
    timeout: float = 30.0  # seconds for one request, connect to last byte
    retries: int = 3
    backoff: float = 3.0
    sleep: Callable[[float], None] = time.sleep  # unused: waits are net's cancellable pauses

    def __post_init__(self) -> None:
        self.base = self.base or api_url()

    def _get(self, ids: list[str], cancel: threading.Event | None = None,
             on_wait: Callable[[str], None] | None = None) -> bytes:
        return self.query({"id_list": ",".join(ids), "max_results": str(len(ids))}, cancel, on_wait)

    def query(self, params: dict[str, str], cancel: threading.Event | None = None,
              on_wait: Callable[[str], None] | None = None) -> bytes:
        """One API request with these parameters (``id_list`` or ``search_query``...): the answer's bytes."""
        url = f"{self.base}?{urllib.parse.urlencode(params)}"
        http = net.Http(deadline=self.timeout, max_bytes=MAX_ANSWER, retries=self.retries, backoff=self.backoff,
                        interval=self.interval, cancel=cancel, on_wait=on_wait)
        try:
            return http.get(url).body
        except net.Cancelled:
            raise
        except net.NetError as exc:
            raise ArxivError(self._say(exc, url), host=exc.host, kind=exc.kind, status=exc.status) from None

    def _say(self, exc: net.NetError, url: str) -> str:
        """The one line for the user, naming the arXiv API rather than a host."""
        if exc.kind == "dns":
            return f"cannot resolve {exc.host} (offline?)"
        if exc.kind == "unreachable":
            return f"cannot reach the arXiv API at {self.base} {exc.what.removeprefix('cannot be reached ')}"
        if exc.kind == "http" and exc.tries == 1:
            return f"the arXiv API {exc.what} for {url}"
        return f"the arXiv API {exc.what}"

    def fetch(self, ids: Iterable[str], progress: Callable[[int, int], None] | None = None, *,
              cancel: threading.Event | None = None, on_wait: Callable[[str], None] | None = None,
              partial: bool = False) -> dict[str, dict]:
        """Metadata for every id, or ArxivError (then nothing is returned at all). With ``partial``,
        ids arXiv does not know are left out of the answer instead (an article's typo must not cost
        the titles of all its other papers).

        Setting ``cancel`` ends the fetch promptly with :class:`~papertui.net.Cancelled`;
        ``on_wait`` hears it when arXiv asks papertui to wait (Retry-After).
        """
        wanted = []
        for raw in ids:
            arxiv = normalize_arxiv(raw)
            if arxiv is None:
                raise ArxivError(f"not an arXiv id: {raw!r}")
            if arxiv not in wanted:
                wanted.append(arxiv)
        found: dict[str, dict] = {}
        for start in range(0, len(wanted), MAX_IDS):
            chunk = wanted[start : start + MAX_IDS]
            found.update(parse_feed(self._get(chunk, cancel, on_wait)))
            if progress:
                progress(min(start + MAX_IDS, len(wanted)), len(wanted))
        missing = [a for a in wanted if a not in found]
        if missing and not partial:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            raise ArxivError(f"unknown arXiv id: {shown}")
        stamp = time.time()
        for record in found.values():
            record["fetched_at"] = stamp
        return {a: found[a] for a in wanted if a in found}


def parse_feed(data: bytes) -> dict[str, dict]:
    """arXiv id -> metadata, from an Atom feed. Raises ArxivError on a malformed one."""
    return {rec["arxiv"]: rec for rec in _parse(data)[0]}


def parse_page(data: bytes) -> tuple[list[dict], int | None]:
    """A page of ``search_query`` results: the entries in the feed's order (each record as
    :func:`parse_feed` gives it, plus ``submitted``: the full time stamp of the first
    version, ``YYYY-MM-DDTHH:MM:SSZ``) and the ``opensearch:totalResults`` figure, if any."""
    return _parse(data, stamps=True)


def _parse(data: bytes, *, stamps: bool = False) -> tuple[list[dict], int | None]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ArxivError(f"the arXiv API sent malformed XML ({exc})") from None
    except Exception as exc:  # defusedxml refuses entities, DTDs...
        raise ArxivError(f"the arXiv API sent XML papertui will not read ({type(exc).__name__})") from None
    if root.tag != "{http://www.w3.org/2005/Atom}feed":
        raise ArxivError("the arXiv API sent something that is not an Atom feed")
    out: list[dict] = []
    for entry in root.findall("a:entry", NS):
        ident = entry.findtext("a:id", "", NS)
        arxiv = normalize_arxiv(ident)
        title = clean_line(entry.findtext("a:title", "", NS))
        if stamps and "api/errors" in ident:  # a search_query arXiv cannot read
            why = clean_line(entry.findtext("a:summary", "", NS))[:200] or "an error"
            raise ArxivError(f"the arXiv API refused the query: {why}")
        if arxiv is None or not title or "api/errors" in ident:
            continue
        primary = entry.find("arxiv:primary_category", NS)
        record = {
            "arxiv": arxiv,
            "title": cut(title, MAX_TITLE),
            "abstract": cut(" ".join(clean_block(entry.findtext("a:summary", "", NS)).split()), MAX_ABSTRACT),
            "authors": [cut(clean_line(a.findtext("a:name", "", NS)), MAX_FIELD)
                        for a in entry.findall("a:author", NS)[:MAX_AUTHORS]],
            "published": clean_line(entry.findtext("a:published", "", NS))[:10],
            "updated": clean_line(entry.findtext("a:updated", "", NS))[:10],
            "primary_category": cut(clean_line(primary.get("term")), MAX_FIELD) or None if primary is not None else None,
            "categories": [t for t in (cut(clean_line(c.get("term")), MAX_FIELD) for c in entry.findall("a:category", NS)) if t],
            "comment": cut(clean_line(entry.findtext("arxiv:comment", "", NS)), MAX_FIELD) or None,
            "journal_ref": cut(clean_line(entry.findtext("arxiv:journal_ref", "", NS)), MAX_FIELD) or None,
            "doi": cut(clean_line(entry.findtext("arxiv:doi", "", NS)), MAX_FIELD) or None,
        }
        if stamps:
            record["submitted"] = clean_line(entry.findtext("a:published", "", NS))[:20]
        out.append(record)
    total = (root.findtext("opensearch:totalResults", "", NS) or "").strip()
    # (ASCII digits only: str.isdigit() takes "²" and other digits int() refuses)
    return out, int(total) if total.isascii() and total.isdigit() else None
