"""The one network layer: every outbound HTTP call goes through here (no Textual import).

- A per-host throttle shared by the whole process (:data:`THROTTLE`): arXiv hosts get at
  least 3 s between requests, however many clients or jobs ask.
- A descriptive User-Agent; only http and https, for the first URL and every redirect
  (at most ``max_redirects`` of them).
- An overall deadline per attempt, from the DNS lookup to the last byte of the body: a
  server that drips one byte every few seconds is cut off at the deadline.
- A size cap on the body (``Content-Length`` and bytes actually read).
- Retries with backoff on timeouts, dropped connections, truncated bodies, 429 and 5xx;
  ``Retry-After`` honoured up to ``max_retry_after`` (``on_wait`` says so to the user).
- Cancellation: pass a ``threading.Event`` as ``cancel``; setting it ends the call within
  about :data:`POLL` seconds wherever it is (waiting its turn, connecting, reading) with
  :class:`Cancelled`.
- :func:`download`: to a temporary file beside the target, fsync'd, then renamed.

Every failure is a :class:`NetError` whose ``str()`` is one line naming the host.
"""

from __future__ import annotations

import email.utils
import errno
import http.client
import io
import ipaddress
import os
import selectors
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import __version__
from .atomic import fsync_dir
from .errors import PapertuiError

USER_AGENT = f"papertui/{__version__} (terminal reading-list browser; metadata for the user's own list)"
DEADLINE = 30.0  # seconds for one attempt, connect to last byte
MAX_BYTES = 10 * 1024 * 1024  # an API answer; downloads pass their own cap
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer gets an error instead
RETRIES = 3
BACKOFF = 3.0  # seconds before the 2nd try, doubled for each next one
POLL = 0.05  # seconds: how often deadlines and cancel events are looked at
CHUNK = 64 * 1024
# Seconds between two requests to one host, for the whole process (arXiv asks for 3 s).
HOST_INTERVALS = {"export.arxiv.org": 3.0, "arxiv.org": 3.0, "www.arxiv.org": 3.0}

Progress = Callable[[int, "int | None"], None]


class NetError(PapertuiError):
    """A request that failed; ``str()`` is one line naming the host.

    ``kind`` says what happened: ``http`` (``status`` set), ``timeout``, ``closed``,
    ``truncated``, ``too-big``, ``redirect``, ``retry-after``, ``dns``, ``unreachable``,
    ``url``, ``refused`` (a ``check`` hook said no), ``disk`` or ``cancelled``.
    ``what`` is the message without the host, for callers that name the service instead.
    """

    def __init__(self, message: str, *, host: str = "", kind: str = "", what: str = "",
                 status: int | None = None, tries: int = 1) -> None:
        super().__init__(message)
        self.host, self.kind, self.what, self.status, self.tries = host, kind, what or message, status, tries


class Cancelled(NetError):
    """The caller's cancel event was set."""


OFFLINE = ("dns", "unreachable", "timeout", "closed")  # the network (or the host) is gone: no use trying others now


def transient(error: NetError) -> bool:
    """Offline, unreachable, timed out or the server busy: worth trying again later
    (as opposed to a wrong URL, a refusal, a 4xx or a malformed answer)."""
    if error.kind == "http":
        return error.status == 429 or (error.status or 0) >= 500
    return error.kind in OFFLINE or error.kind in ("truncated", "retry-after")


def _error(host: str, kind: str, what: str, **extra) -> NetError:
    cls = Cancelled if kind == "cancelled" else NetError
    return cls(f"{host} {what}" if host else what, host=host, kind=kind, what=what, **extra)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def pause(seconds: float, cancel: threading.Event | None, host: str = "") -> None:
    """Sleep, or raise :class:`Cancelled` as soon as ``cancel`` is set."""
    if cancel is None:
        if seconds > 0:
            time.sleep(seconds)
    elif cancel.wait(max(seconds, 0)):
        raise _error(host, "cancelled", "cancelled")


class Throttle:
    """The earliest time of the next request to each host, shared by every thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, interval: float, cancel: threading.Event | None = None) -> None:
        """Take the next free turn for ``host`` (turns are ``interval`` apart) and wait for it."""
        with self._lock:
            now = time.monotonic()
            turn = max(now, self._next.get(host, 0.0))
            self._next[host] = turn + interval
        pause(turn - now, cancel, host)

    def defer(self, host: str, seconds: float) -> None:
        """Nobody asks ``host`` again for ``seconds`` (it sent Retry-After)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)


THROTTLE = Throttle()


# -- one attempt: a deadline and a cancel event, watched from another thread --------------------------
class _Attempt:
    def __init__(self, host: str, seconds: float, cancel: threading.Event | None) -> None:
        self.host, self.seconds, self.cancel = host, seconds, cancel
        self.end = time.monotonic() + seconds
        self.fired = ""  # "cancelled" or "timeout" once the watcher shut the socket
        self.sockets: list[socket.socket] = []

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def due(self) -> str:
        if self.cancel is not None and self.cancel.is_set():
            return "cancelled"
        return "timeout" if self.remaining() <= 0 else ""

    def check(self) -> None:
        why = self.fired or self.due()
        if why:
            raise self.error(why)

    def error(self, why: str) -> NetError:
        if why == "cancelled":
            return _error(self.host, "cancelled", "cancelled")
        return _error(self.host, "timeout", f"did not answer within {self.seconds:g} s")


class _Watcher:
    """Shuts the sockets of attempts that are cancelled or past their deadline: a blocked
    connect, TLS handshake or read then returns at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._attempts: set[_Attempt] = set()
        self._thread: threading.Thread | None = None

    def add(self, attempt: _Attempt) -> None:
        with self._lock:
            self._attempts.add(attempt)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="papertui-net-watch", daemon=True)
                self._thread.start()

    def discard(self, attempt: _Attempt) -> None:
        with self._lock:
            self._attempts.discard(attempt)

    def _run(self) -> None:
        while True:
            time.sleep(POLL)
            with self._lock:
                attempts = list(self._attempts)
            for attempt in attempts:
                why = attempt.due()
                if why and not attempt.fired:
                    attempt.fired = why
                    for sock in list(attempt.sockets):
                        try:
                            socket.socket.shutdown(sock, socket.SHUT_RDWR)
                        except OSError:
                            pass


_WATCHER = _Watcher()
_local = threading.local()


def _resolve(host: str, port: int, attempt: _Attempt) -> list:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # getaddrinfo cannot be interrupted: it runs in its own thread while this one keeps watch.
    box: list = []
    lookup = threading.Thread(target=lambda: box.append(_getaddrinfo(host, port)), daemon=True)
    lookup.start()
    while not box:
        attempt.check()
        lookup.join(POLL)
    if isinstance(box[0], OSError):
        raise box[0]
    return box[0]


def _getaddrinfo(host: str, port: int):
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return exc


def _connect(address, timeout=None, source_address=None, *args, **kwargs) -> socket.socket:
    """``socket.create_connection`` that keeps to the attempt's deadline and cancel event."""
    attempt: _Attempt = _local.attempt
    host, port = address[0], address[1]
    problem: OSError | None = None
    for family, kind, proto, _, addr in _resolve(host, port, attempt):
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            code = sock.connect_ex(addr)
            if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN):
                raise OSError(code, os.strerror(code))
            with selectors.DefaultSelector() as selector:
                selector.register(sock, selectors.EVENT_WRITE)
                while not selector.select(min(POLL, max(attempt.remaining(), 0))):
                    attempt.check()
            attempt.check()
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                raise OSError(code, os.strerror(code))
            sock.settimeout(max(attempt.remaining(), POLL))
            attempt.sockets.append(sock)
            return sock
        except OSError as exc:
            sock.close()
            problem = exc
        except BaseException:
            sock.close()
            raise
    raise problem or OSError(f"no address for {host}")


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]  # not in typeshed


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows http and https redirects only, at most ``max_redirections`` of them."""

    def http_error_302(self, req, fp, code, msg, headers):
        target = headers.get("location") or headers.get("uri") or ""
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme.lower()
        if scheme not in ("http", "https"):
            host = urllib.parse.urlsplit(req.full_url).netloc
            fp.close()
            what = f"redirected to a {scheme or 'relative'}: URL; papertui follows only http(s)"
            raise _error(host, "redirect", what)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class _Retry(Exception):
    def __init__(self, error: NetError, after: float | None = None) -> None:
        self.error, self.after = error, after


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes = b""  # empty for a download
    size: int = 0


@dataclass
class Http:
    """How requests are made; one instance per kind of job is fine, the throttle is shared."""

    user_agent: str = USER_AGENT
    deadline: float = DEADLINE
    max_bytes: int = MAX_BYTES
    retries: int = RETRIES
    backoff: float = BACKOFF
    max_retry_after: float = MAX_RETRY_AFTER
    max_redirects: int = MAX_REDIRECTS
    interval: float | None = None  # seconds between requests to a host; None: HOST_INTERVALS or 0
    cancel: threading.Event | None = None
    on_wait: Callable[[str], None] | None = None  # "export.arxiv.org asked to wait 20 s"
    throttle: Throttle = field(default_factory=lambda: THROTTLE)

    def get(self, url: str, *, headers: dict[str, str] | None = None, progress: Progress | None = None) -> Response:
        """The whole body of ``url`` (a 2xx answer), or :class:`NetError`."""
        sink = io.BytesIO()
        response = self._request(url, headers or {}, lambda: sink, progress, None)
        response.body = sink.getvalue()
        return response

    def post(self, url: str, body: bytes, *, headers: dict[str, str] | None = None) -> Response:
        """POST ``body`` (e.g. JSON, with its Content-Type in ``headers``); the whole 2xx answer.
        Same policy as :meth:`get` (a batch lookup is safe to send again after a 429 or 5xx)."""
        sink = io.BytesIO()
        response = self._request(url, headers or {}, lambda: sink, None, None, data=body)
        response.body = sink.getvalue()
        return response

    def download(self, url: str, path: str | os.PathLike, *, headers: dict[str, str] | None = None,
                 progress: Progress | None = None, check: Callable[[str], str | None] | None = None,
                 verify: Callable[[Path], None] | None = None, staging: str | os.PathLike | None = None) -> Response:
        """Save ``url`` at ``path``: the old file or the whole new one, never a part.

        ``check(content_type)`` may return a reason to refuse the answer before its body is read;
        ``verify(part)`` looks at the whole new file before it takes ``path``'s place: what it
        raises, this raises, and nothing is saved. The part (``.NAME.*.part``) is written in
        ``staging``, a folder on the same disk (default: ``path``'s own).
        """
        target = Path(path)
        folder = Path(staging) if staging is not None else target.parent
        for where in dict.fromkeys((target.parent, folder)):
            try:
                where.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _error("", "disk", f"cannot write {where}: {exc.strerror or exc}") from None
        files: list[tuple[BinaryIO, str]] = []

        def open_temp() -> BinaryIO:
            for fh, name in files:  # a retry starts over
                fh.close()
                os.unlink(name)
            files.clear()
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
            fh = os.fdopen(fd, "wb")
            files.append((fh, name))
            return fh

        try:
            response = self._request(url, headers or {}, open_temp, progress, check)
            fh, name = files[0]
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            if verify is not None:
                verify(Path(name))
            os.replace(name, target)
            files.clear()
        except OSError as exc:
            raise _error("", "disk", f"cannot write {target}: {exc.strerror or exc}") from None
        finally:
            for fh, name in files:
                fh.close()
                try:
                    os.unlink(name)
                except OSError:
                    pass
        fsync_dir(target.parent)
        return response

    # -- internals ---------------------------------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str], sink: Callable[[], BinaryIO],
                 progress: Progress | None, check: Callable[[str], str | None] | None,
                 data: bytes | None = None) -> Response:
        parts = urllib.parse.urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme.lower() not in ("http", "https") or not host:
            raise _error("", "url", f"not an http(s) URL: {url[:200]}")
        key = parts.netloc.lower()
        interval = self.interval if self.interval is not None else HOST_INTERVALS.get(host, 0.0)
        problem: NetError | None = None
        for attempt in range(1, max(self.retries, 1) + 1):
            if problem is not None and not isinstance(problem, _Deferred):
                pause(self.backoff * 2 ** (attempt - 2), self.cancel, host)
            self.throttle.wait(key, interval, self.cancel)
            try:
                return self._once(url, host, headers, sink, progress, check, data)
            except _Retry as retry:
                problem = retry.error
                if retry.after is not None and attempt < self.retries:
                    if retry.after > self.max_retry_after:
                        raise _error(host, "retry-after", f"asked to wait {retry.after:.0f} s; try again later",
                                     status=problem.status) from None
                    self.throttle.defer(key, retry.after)
                    if self.on_wait is not None and retry.after >= 1:
                        self.on_wait(f"{host} asked to wait {retry.after:.0f} s")
                    problem = _Deferred(problem)
            except NetError as exc:
                if exc.kind != "timeout":  # the deadline: worth another try; the rest is not
                    raise
                problem = exc
        assert problem is not None
        what = f"{problem.what}; gave up after {self.retries} tries" if self.retries > 1 else problem.what
        raise _error(host, problem.kind, what, status=problem.status, tries=self.retries)

    def _opener(self) -> urllib.request.OpenerDirector:
        opener = urllib.request.OpenerDirector()
        redirects = _Redirects()
        redirects.max_redirections = self.max_redirects  # type: ignore[misc]
        for handler in (urllib.request.ProxyHandler(), _HTTPHandler(), _HTTPSHandler(),
                        urllib.request.HTTPDefaultErrorHandler(), redirects, urllib.request.HTTPErrorProcessor()):
            opener.add_handler(handler)
        return opener

    def _once(self, url: str, host: str, headers: dict[str, str], sink: Callable[[], BinaryIO],
              progress: Progress | None, check: Callable[[str], str | None] | None,
              data: bytes | None = None) -> Response:
        attempt = _Attempt(host, self.deadline, self.cancel)
        _local.attempt = attempt
        _WATCHER.add(attempt)
        request = urllib.request.Request(url, data=data, headers={"User-Agent": self.user_agent, **headers})
        try:
            try:
                answer = self._opener().open(request, timeout=max(self.deadline, POLL))
            except urllib.error.HTTPError as exc:
                attempt.check()
                exc.close()
                if 300 <= exc.code < 400:
                    raise _error(host, "redirect", f"redirected more than {self.max_redirects} times") from None
                error = _error(host, "http", f"answered HTTP {exc.code}", status=exc.code)
                if exc.code == 429 or exc.code >= 500:
                    raise _Retry(error, _retry_after(exc.headers.get("Retry-After"))) from None
                raise error from None
            except urllib.error.URLError as exc:
                attempt.check()
                raise self._connect_error(host, exc.reason) from None
            except (http.client.HTTPException, OSError) as exc:
                attempt.check()
                raise self._connect_error(host, exc) from None
            with answer:
                return self._read(answer, attempt, host, sink, progress, check)
        finally:
            _WATCHER.discard(attempt)
            _local.attempt = None

    def _connect_error(self, host: str, reason: object) -> Exception:
        if isinstance(reason, NetError):
            return reason
        if isinstance(reason, socket.gaierror):
            return _error(host, "dns", "cannot be found (offline?)")
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return _Retry(_error(host, "timeout", f"did not answer within {self.deadline:g} s"))
        if isinstance(reason, (ConnectionResetError, ConnectionAbortedError, http.client.HTTPException)):
            return _Retry(_error(host, "closed", "closed the connection"))
        text = getattr(reason, "strerror", None) or str(reason)
        return _error(host, "unreachable", f"cannot be reached ({text})")

    def _read(self, answer, attempt: _Attempt, host: str, sink: Callable[[], BinaryIO],
              progress: Progress | None, check: Callable[[str], str | None] | None) -> Response:
        headers = {k.lower(): v for k, v in answer.headers.items()}
        try:
            length: int | None = int(headers["content-length"])
        except (KeyError, ValueError):
            length = None
        if length is not None and length > self.max_bytes:
            what = f"sent {_size(length)}, more than the {_size(self.max_bytes)} papertui accepts"
            raise _error(host, "too-big", what)
        if check is not None:
            reason = check(headers.get("content-type", ""))
            if reason:
                raise _error(host, "refused", reason)
        out = sink()
        got = 0
        try:
            while True:
                attempt.check()
                chunk = answer.read1(CHUNK)
                if not chunk:
                    break
                got += len(chunk)
                if got > self.max_bytes:
                    raise _error(host, "too-big", f"sent more than the {_size(self.max_bytes)} papertui accepts")
                out.write(chunk)
                if progress is not None:
                    progress(got, length)
        except (http.client.HTTPException, OSError) as exc:
            attempt.check()
            if isinstance(exc, http.client.IncompleteRead):
                raise _Retry(_error(host, "truncated", "ended its answer early")) from None
            raise self._connect_error(host, exc) from None
        if attempt.fired:  # the watcher shut the socket: what looked like the end was not
            raise attempt.error(attempt.fired)
        if length is not None and got < length:
            raise _Retry(_error(host, "truncated", f"ended its answer early ({got} of {length} bytes)"))
        return Response(answer.geturl(), answer.status, headers, size=got)


class _Deferred(NetError):
    """A failure after which the throttle already waits (Retry-After): no backoff on top."""

    def __init__(self, error: NetError) -> None:
        super().__init__(str(error), host=error.host, kind=error.kind, what=error.what, status=error.status)


def get(url: str, **options) -> Response:
    """``Http(**options).get(url)``: e.g. ``get(url, cancel=event, deadline=10)``."""
    return Http(**options).get(url)


def post(url: str, body: bytes, *, headers: dict[str, str] | None = None, **options) -> Response:
    """``Http(**options).post(url, body, headers=headers)``."""
    return Http(**options).post(url, body, headers=headers)


def download(url: str, path: str | os.PathLike, *, progress: Progress | None = None,
             check: Callable[[str], str | None] | None = None, verify: Callable[[Path], None] | None = None,
             staging: str | os.PathLike | None = None, **options) -> Response:
    """``Http(**options).download(url, path, ...)``."""
    return Http(**options).download(url, path, progress=progress, check=check, verify=verify, staging=staging)
