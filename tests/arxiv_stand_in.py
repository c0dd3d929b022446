"""A loopback stand-in for the arXiv API's ``search_query``: papers with submission times,
answered newest first, paged with ``start``/``max_results``, with ``opensearch:totalResults``.

``plan`` holds answers served first, in order (``(status, body)``, or ``"hang"``).
"""

from __future__ import annotations

import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler

from .loopback import LoopbackServer

FEED = (
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
    'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">'
    "<opensearch:totalResults>{total}</opensearch:totalResults>{entries}</feed>"
)
ENTRY = """<entry><id>http://arxiv.org/abs/{id}v1</id><updated>{when}</updated>
<published>{when}</published><title>{title}</title><summary>{summary}</summary>
<author><name>{author}</name></author><author><name>B. Second</name></author>
<arxiv:primary_category term="{cat}"/><category term="{cat}"/><category term="stat.ML"/></entry>"""


def stamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Entry:
    arxiv: str
    submitted: float  # seconds since the epoch
    title: str = ""
    cat: str = "cs.CL"

    def xml(self) -> str:
        return ENTRY.format(
            id=self.arxiv, when=stamp(self.submitted), title=self.title or f"Paper {self.arxiv} on kv cache",
            summary=f"Abstract of {self.arxiv}.", author=f"A. Author{self.arxiv[-2:]}", cat=self.cat,
        )


@dataclass
class StandIn(LoopbackServer):
    papers: list[Entry] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    plan: list = field(default_factory=list)
    delay: float = 0.0  # seconds before each answer

    def start(self) -> StandIn:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                try:
                    self.answer_get()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a test of timeouts or cancelling)

            def answer_get(self):
                query = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).items()}
                server.requests.append(query)
                if server.delay:
                    time.sleep(server.delay)
                if server.plan:
                    step = server.plan.pop(0)
                    if step == "hang":
                        time.sleep(1.5)
                        return
                    if step == "truncated":  # promises more than it sends, then hangs up
                        body = server.answer(query)
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body[: len(body) // 2])
                        return
                    status, body = step
                else:
                    status, body = 200, server.answer(query)
                self.send_response(status)
                self.send_header("Content-Type", "application/atom+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.serve(Handler, "/api/query")
        return self

    def answer(self, query: dict) -> bytes:
        if "id_list" in query:  # a lookup by ids: the ones this stand-in knows, in the order asked
            known = {p.arxiv: p for p in self.papers}
            page = [known[a] for a in query["id_list"].split(",") if a in known]
            return FEED.format(total=len(page), entries="".join(p.xml() for p in page)).encode()
        q = query.get("search_query", "")
        cat = q[4:] if q.startswith("cat:") else None
        hits = [p for p in self.papers
                if cat is None or p.cat == cat or (cat.endswith(".*") and p.cat.startswith(cat[:-1]))]
        assert query.get("sortBy") == "submittedDate" and query.get("sortOrder") == "descending"
        hits.sort(key=lambda p: p.submitted, reverse=True)
        start, size = int(query.get("start", 0)), int(query.get("max_results", 10))
        page = hits[start : start + size]
        return FEED.format(total=len(hits), entries="".join(p.xml() for p in page)).encode()

    def add(self, count: int, newest: float, *, step: float = 3600.0, first: int = 1,
            cat: str = "cs.CL") -> list[Entry]:
        """``count`` papers, the newest submitted at ``newest``, ``step`` seconds apart."""
        made = [Entry(f"2611.{first + n:05d}", newest - n * step, cat=cat) for n in range(count)]
        self.papers.extend(made)
        return made



@contextmanager
def quick_stand_in(monkeypatch):
    """A stand-in as ``$PAPERTUI_ARXIV_API``, with the client's pauses and timeouts made short."""
    from papertui import arxiv_api

    from .test_arxiv import _quick_init

    s = StandIn().start()
    monkeypatch.setenv("PAPERTUI_ARXIV_API", s.url)
    monkeypatch.setattr(arxiv_api.Client, "__init__", _quick_init(arxiv_api.Client.__init__))
    try:
        yield s
    finally:
        s.close()
