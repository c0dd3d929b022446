"""Papers' PDFs kept in the data dir (no Textual import).

- ``pdfs/<id>.pdf`` in the data dir (``/`` of an old-style id becomes ``_``).
- Downloaded from ``$PAPERTUI_ARXIV_PDF`` (default ``https://arxiv.org/pdf``) through
  :mod:`papertui.net` into a part file in ``pdfs/.incoming/``; only when whole is it checked
  (``%PDF-`` near the start), and only then renamed to its place. So a file in ``pdfs/`` is
  always a whole PDF: a cut connection, an HTML error page or a kill leaves nothing there
  (and the next download sweeps a part file a kill left behind).
- Opened with the system viewer (``pdf_viewer`` in config.toml, else ``xdg-open`` /
  ``open``) in its own session, never waited for.

Every failure is a :class:`PdfError` whose ``str()`` is one line.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from . import net, paths
from .errors import PapertuiError

DEFAULT_BASE = "https://arxiv.org/pdf"
MAX_BYTES = 200 * 1024 * 1024  # arXiv's own limit on a submission is far below this
DEADLINE = 300.0  # seconds for one attempt: a big PDF over a slow line
MAGIC = b"%PDF-"
MAGIC_WITHIN = 1024  # bytes: where the PDF header may start (the format allows leading junk)
BULK_INTERVAL = 3.0  # seconds between two downloads of --all-starred, whatever the host
INCOMING = ".incoming"
STALE_AFTER = 6 * 3600.0  # seconds: a file left in .incoming this long is from a killed download


class PdfError(PapertuiError):
    """A PDF that could not be fetched or opened; ``str()`` is one line."""


def base_url() -> str:
    return (os.environ.get("PAPERTUI_ARXIV_PDF") or DEFAULT_BASE).rstrip("/")


def pdf_dir() -> Path:
    return paths.data_dir() / "pdfs"


def file_name(arxiv: str) -> str:
    return arxiv.replace("/", "_") + ".pdf"


def local_path(arxiv: str, directory: Path | None = None) -> Path:
    return (directory or pdf_dir()) / file_name(arxiv)


def has_pdf(arxiv: str | None, directory: Path | None = None) -> bool:
    return arxiv is not None and bool(arxiv) and local_path(arxiv, directory).is_file()


def local_ids(directory: Path | None = None) -> set[str]:
    """The arXiv ids with a PDF in ``directory`` (one listing, for filters and list marks)."""
    try:
        names = os.listdir(directory or pdf_dir())
    except OSError:
        return set()
    out = set()
    for name in names:
        if name.endswith(".pdf") and not name.startswith("."):
            stem = name[:-4]
            # Old-style ids (hep-th/9901001) were saved as hep-th_9901001.
            out.add(stem.replace("_", "/", 1) if "_" in stem and not stem[:1].isdigit() else stem)
    return out


def pdf_url(arxiv: str, base: str | None = None) -> str:
    return f"{(base or base_url()).rstrip('/')}/{arxiv}"


def _check_type(content_type: str) -> str | None:
    """Refuse an answer that says it is a web page (arXiv's "not found" or a captive portal)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind.startswith("text/") or kind in ("application/xhtml+xml", "application/json"):
        return f"sent {kind} instead of a PDF"
    return None


def _looks_like_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAGIC_WITHIN)
    except OSError:
        return False
    return MAGIC in head


def download(
    arxiv: str,
    *,
    directory: Path | None = None,
    base: str | None = None,
    progress: net.Progress | None = None,
    **options,
) -> Path:
    """Fetch the PDF of ``arxiv`` into ``directory`` (the data dir's ``pdfs/``) and return its
    path; one already there is returned as it is, without asking the network.

    ``options`` go to :class:`papertui.net.Http` (``cancel``, ``on_wait``, ``deadline``...).
    Raises :class:`PdfError` (``net.Cancelled`` when cancelled).
    """
    target = local_path(arxiv, directory)
    if target.is_file():
        return target
    url = pdf_url(arxiv, base)
    incoming = target.parent / INCOMING
    _sweep(incoming)

    def verify(part: Path) -> None:
        if not _looks_like_pdf(part):
            raise PdfError(f"{arxiv}: {url} did not send a PDF (no %PDF- header); nothing was saved")

    # (Each download its own part file: two at once, two keys or two processes, never meet.)
    settings = {"max_bytes": MAX_BYTES, "deadline": DEADLINE, **options}
    try:
        net.download(url, target, progress=progress, check=_check_type, verify=verify, staging=incoming, **settings)
    except net.Cancelled:
        raise
    except net.NetError as exc:
        if exc.status == 404:
            raise PdfError(f"{arxiv}: no PDF at {url} ({exc.host} answered HTTP 404)") from None
        raise PdfError(f"{arxiv}: {exc}") from None
    return target


def _sweep(incoming: Path, older_than: float = STALE_AFTER) -> None:
    """Remove what downloads killed midway left in ``incoming`` (files untouched for a while)."""
    try:
        entries = list(os.scandir(incoming))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        try:
            if entry.is_file() and now - entry.stat().st_mtime > older_than:
                os.unlink(entry.path)
        except OSError:
            pass


def download_many(
    arxivs: Iterable[str],
    *,
    directory: Path | None = None,
    base: str | None = None,
    interval: float | None = None,
    on_each: Callable[[str, Path | None, str | None], None] | None = None,
    cancel: threading.Event | None = None,
    **options,
) -> tuple[list[Path], list[str]]:
    """Fetch several PDFs one after another, ``interval`` seconds apart (default
    :data:`BULK_INTERVAL`, through net's shared throttle; PDFs already here cost nothing).

    ``on_each(arxiv, path, problem)`` after each. Returns the paths and the problems;
    one failure does not stop the others (a cancel does).
    """
    done: list[Path] = []
    problems: list[str] = []
    gap = BULK_INTERVAL if interval is None else interval
    for arxiv in arxivs:
        try:
            path = download(arxiv, directory=directory, base=base, interval=gap, cancel=cancel, **options)
        except net.Cancelled:
            raise
        except PdfError as exc:
            problems.append(str(exc))
            if on_each is not None:
                on_each(arxiv, None, str(exc))
            continue
        done.append(path)
        if on_each is not None:
            on_each(arxiv, path, None)
    return done, problems


def viewer_command(path: Path, viewer: str | None = None) -> list[str]:
    """The command that opens ``path``: ``viewer`` (a command line, e.g. ``"zathura --fork"``),
    else the platform's opener."""
    if viewer and viewer.strip():
        return [*shlex.split(viewer), str(path)]
    if sys.platform == "darwin":
        return ["open", str(path)]
    return ["xdg-open", str(path)]


def open_pdf(path: Path, viewer: str | None = None) -> None:
    """Start the viewer on ``path`` in its own session and return at once (never waits for it).
    Raises :class:`PdfError` when it cannot be started."""
    if not path.is_file():
        raise PdfError(f"{path}: no such file")
    if sys.platform == "win32" and not viewer:  # pragma: no cover
        try:
            os.startfile(path)  # type: ignore[attr-defined]
        except OSError as exc:
            raise PdfError(f"cannot open {path}: {exc}") from None
        return
    command = viewer_command(path, viewer)
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not killed with the terminal, never holds it
            close_fds=True,
        )
    except FileNotFoundError:
        raise PdfError(f"no PDF viewer: {command[0]} not found (set pdf_viewer in config.toml)") from None
    except (OSError, ValueError) as exc:
        raise PdfError(f"cannot start {command[0]}: {exc}") from None
