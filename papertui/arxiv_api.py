"""Paper metadata from the arXiv API (no Textual import).

- ``/api/query?id_list=…``: at most 100 ids per request, at least 3 s between
  requests (as arXiv asks), a descriptive User-Agent, timeouts, retries with
  backoff on timeouts, 429 and 5xx.
- The Atom feed is parsed with defusedxml (no entity tricks).
- The base URL is ``$PAPERTUI_ARXIV_API`` when set (tests point it at 127.0.0.1).

Every failure is an :class:`ArxivError` whose ``str()`` is one line for the user.
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable, Iterable

from defusedxml import ElementTree as ET

from . import __version__
from .model import clean_block, clean_line, normalize_arxiv

DEFAULT_API = "https://export.arxiv.org/api/query"
USER_AGENT = f"papertui/{__version__} (terminal reading-list browser; metadata for the user's own list)"
MAX_IDS = 100
MIN_INTERVAL = 3.0  # seconds between requests
NS = {"a": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


class ArxivError(Exception):
    pass


def api_url() -> str:
    return os.environ.get("PAPERTUI_ARXIV_API") or DEFAULT_API


@dataclass
class Client:
    base: str = ""
    interval: float = MIN_INTERVAL
    timeout: float = 15.0
    retries: int = 3
    backoff: float = 3.0
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self.base = self.base or api_url()
        self._last = 0.0

    def _wait_turn(self) -> None:
        wait = self._last + self.interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = time.monotonic()

    def _get(self, ids: list[str]) -> bytes:
        query = urllib.parse.urlencode({"id_list": ",".join(ids), "max_results": str(len(ids))})
        url = f"{self.base}?{query}"
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        problem = ""
        for attempt in range(self.retries):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_turn()
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                problem = f"the arXiv API answered HTTP {exc.code}"
                if exc.code != 429 and exc.code < 500:
                    raise ArxivError(f"{problem} for {url}") from None
            except (TimeoutError, socket.timeout):
                problem = f"the arXiv API did not answer within {self.timeout:.0f} s"
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    problem = f"the arXiv API did not answer within {self.timeout:.0f} s"
                elif isinstance(reason, socket.gaierror):
                    raise ArxivError(f"cannot resolve {urllib.parse.urlsplit(self.base).hostname} (offline?)") from None
                else:
                    raise ArxivError(f"cannot reach the arXiv API at {self.base} ({reason})") from None
            except OSError as exc:
                raise ArxivError(f"cannot reach the arXiv API at {self.base} ({exc})") from None
        raise ArxivError(f"{problem}; gave up after {self.retries} tries")

    def fetch(self, ids: Iterable[str], progress: Callable[[int, int], None] | None = None) -> dict[str, dict]:
        """Metadata for every id, or ArxivError (then nothing is returned at all)."""
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
            found.update(parse_feed(self._get(chunk)))
            if progress:
                progress(min(start + MAX_IDS, len(wanted)), len(wanted))
        missing = [a for a in wanted if a not in found]
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            raise ArxivError(f"unknown arXiv id: {shown}")
        stamp = time.time()
        for record in found.values():
            record["fetched_at"] = stamp
        return {a: found[a] for a in wanted}


def parse_feed(data: bytes) -> dict[str, dict]:
    """arXiv id -> metadata, from an Atom feed. Raises ArxivError on a malformed one."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ArxivError(f"the arXiv API sent malformed XML ({exc})") from None
    except Exception as exc:  # defusedxml refuses entities, DTDs...
        raise ArxivError(f"the arXiv API sent XML papertui will not read ({type(exc).__name__})") from None
    if root.tag != "{http://www.w3.org/2005/Atom}feed":
        raise ArxivError("the arXiv API sent something that is not an Atom feed")
    out: dict[str, dict] = {}
    for entry in root.findall("a:entry", NS):
        ident = entry.findtext("a:id", "", NS)
        arxiv = normalize_arxiv(ident)
        title = clean_line(entry.findtext("a:title", "", NS))
        if arxiv is None or not title or "api/errors" in ident:
            continue
        primary = entry.find("arxiv:primary_category", NS)
        out[arxiv] = {
            "arxiv": arxiv,
            "title": title,
            "abstract": " ".join(clean_block(entry.findtext("a:summary", "", NS)).split()),
            "authors": [clean_line(a.findtext("a:name", "", NS)) for a in entry.findall("a:author", NS)],
            "published": clean_line(entry.findtext("a:published", "", NS))[:10],
            "updated": clean_line(entry.findtext("a:updated", "", NS))[:10],
            "primary_category": clean_line(primary.get("term")) or None if primary is not None else None,
            "categories": [t for t in (clean_line(c.get("term")) for c in entry.findall("a:category", NS)) if t],
            "comment": clean_line(entry.findtext("arxiv:comment", "", NS)) or None,
            "journal_ref": clean_line(entry.findtext("arxiv:journal_ref", "", NS)) or None,
            "doi": clean_line(entry.findtext("arxiv:doi", "", NS)) or None,
        }
    return out
