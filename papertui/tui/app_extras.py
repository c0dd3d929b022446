"""The app's background work for issue 19: PDFs downloaded and opened, the similar-papers
index, citation counts. A mixin of :class:`~papertui.tui.app.PaperApp` (which owns the
library, the progress bar and the notices); the work itself is in ``pdfs.py``,
``similar.py`` and ``citations.py``, and the main screen's ``screens/paper_extras.py``
wires the keys and panes to it."""

from __future__ import annotations

import time

from textual.timer import Timer
from textual.worker import get_current_worker

from ..library import Library
from ..store import StateError

SIMILAR_REBUILD_DELAY = 5.0  # seconds after tags or abstracts change before the similarity index is looked at


class AppExtras:
    """Mixed into PaperApp (uses its lib, settings, notify/notice, _progress, _main)."""

    def init_app_extras(self) -> None:
        self.similar_index = None  # similar.SimilarIndex once built (build_similar), kept across screens
        self._similar_lib: Library | None = None
        self._pdf_busy: set[str] = set()  # arXiv ids whose PDF a worker is fetching
        self._similar_timer: Timer | None = None

    # -- citation counts (Semantic Scholar) ---------------------------------------
    def fetch_citations(self, ids: list[str]) -> None:
        self.run_worker(lambda: self._citations_in_thread(ids), thread=True, group="s2", exclusive=True,
                        exit_on_error=False)

    def _citations_in_thread(self, ids: list[str]) -> None:
        from .. import citations, net

        worker = get_current_worker()
        try:
            records = citations.fetch_counts(
                ids, key=citations.api_key(self.settings.s2_api_key), cancel=worker.cancelled_event,
                progress=lambda d, t: self.call_from_thread(self._progress, d, t),
                on_wait=lambda message: self.call_from_thread(self.notify, message, markup=False),
            )
            self.lib.store.put_citations(records)
        except net.Cancelled:
            return
        except (citations.CitationError, net.NetError, StateError) as exc:
            self.call_from_thread(self.notify, f"{exc}; nothing was stored", severity="error", timeout=10,
                                  markup=False)
            return
        finally:
            if not worker.is_cancelled:  # after a quit there is no screen to tell
                self.call_from_thread(self._progress, None)
        known = sum(1 for rec in records.values() if rec["citations"] is not None)
        self.call_from_thread(self._citations_stored, f"Citation counts for {known} of {len(records)} papers")

    def _citations_stored(self, message: str) -> None:
        main = self._main()
        if main is not None:
            main.citations_stored()
        self.notify(message, markup=False)

    # -- similar papers ------------------------------------------------------------
    def build_similar(self) -> None:
        """Load the similarity index from cache/ or build it, in a worker (seconds at 100k)."""
        if self.similar_index is not None and self._similar_lib is self.lib:
            return
        self.run_worker(self._similar_in_thread, thread=True, group="similar", exclusive=True, exit_on_error=False)

    def similar_stale(self) -> None:
        """Tags or abstracts changed: look at the index again a little later (coalesced). It is
        rebuilt only if a paper's text changed (load_or_build compares the hash)."""
        if self.similar_index is None:
            return  # not built yet: that build sees the change
        if self._similar_timer is not None:
            self._similar_timer.stop()
        self._similar_timer = self.set_timer(SIMILAR_REBUILD_DELAY, self._rebuild_similar)

    def _rebuild_similar(self) -> None:
        self._similar_timer = None
        self._similar_lib = None
        self.build_similar()

    def _similar_in_thread(self) -> None:
        from .. import similar

        lib = self.lib
        worker = get_current_worker()
        try:
            index = similar.load_or_build(lib, stop=lambda: worker.is_cancelled)
        except similar.Cancelled:
            return  # quitting
        self.call_from_thread(self._similar_ready, lib, index)

    def _similar_ready(self, lib: Library, index) -> None:
        self.similar_index, self._similar_lib = index, lib
        main = self._main()
        if main is not None:
            main.similar_ready()

    # -- PDFs ----------------------------------------------------------------------
    def open_pdf(self, arxiv: str) -> None:
        """Open the paper's PDF: at once when it is here (offline too), else after a download
        in a worker, with the progress bar (bytes)."""
        if arxiv in self._pdf_busy:
            self.notify(f"Still fetching the PDF of {arxiv}…", markup=False)
            return
        self._pdf_busy.add(arxiv)
        self.run_worker(lambda: self._pdf_in_thread(arxiv), thread=True, group="pdf", exit_on_error=False)

    def _pdf_in_thread(self, arxiv: str) -> None:
        try:
            self._pdf_fetch_and_open(arxiv)
        finally:
            self._pdf_busy.discard(arxiv)

    def _pdf_fetch_and_open(self, arxiv: str) -> None:
        from .. import net, pdfs

        worker = get_current_worker()
        fetched = not pdfs.has_pdf(arxiv)
        if fetched:
            self.call_from_thread(self._progress, 0, None)
            self.notice(("pdf", arxiv), f"Fetching the PDF of {arxiv}…")
        last = [0.0]

        def progress(done: int, total: int | None) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.1 or (total and done >= total):  # at most ~10 repaints a second
                last[0] = now
                self.call_from_thread(self._progress, done, total or None)

        try:
            path = pdfs.download(
                arxiv, progress=progress, cancel=worker.cancelled_event,
                on_wait=lambda message: self.call_from_thread(self.notify, message, markup=False),
            )
        except net.Cancelled:
            return
        except pdfs.PdfError as exc:
            self.notice(("pdf", arxiv), str(exc), severity="error", timeout=10)
            return
        finally:
            if fetched and not worker.is_cancelled:  # (after a quit there is no screen to tell)
                self.call_from_thread(self._progress, None)
        if fetched:
            self.call_from_thread(self._pdf_fetched, arxiv)
        try:
            pdfs.open_pdf(path, self.settings.pdf_viewer)
        except pdfs.PdfError as exc:
            self.notice(("pdf", arxiv), f"{exc}; the PDF is {path}", severity="warning", timeout=10)
        else:
            self.notice(("pdf", arxiv), f"Opened {path}")

    def _pdf_fetched(self, arxiv: str) -> None:
        main = self._main()
        if main is not None:
            main.pdfs_found(main.pdf_ids | {arxiv})
