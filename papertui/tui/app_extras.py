"""The app's background work for issue 19: PDFs downloaded and opened, the similar-papers
index, citation counts. A mixin of :class:`~papertui.tui.app.PaperApp` (which owns the
library, the indexes and the notices); the jobs themselves are in ``services.py`` (over
``pdfs.py``, ``similar.py`` and ``citations.py``), run here in workers that post typed
messages (``messages.py``, handled by ``on_…`` methods: Textual collects ``@on`` handlers only from
the classes it builds, and a mixin is a plain class at run time); the main screen's ``screens/paper_extras.py`` wires the keys and
panes to it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.worker import get_current_worker

from .. import services
from .hosts import AppHost
from .messages import CitationsStored, JobFailed, JobProgress, PdfFetched, SimilarReady

if TYPE_CHECKING:
    from ..similar import SimilarIndex

SIMILAR_REBUILD_DELAY = 5.0  # seconds after tags or abstracts change before the similarity index is looked at


class AppExtras(AppHost):
    """Mixed into PaperApp, whose attributes and methods it uses (``hosts.AppHost`` declares them)."""

    def init_app_extras(self) -> None:
        self._pdf_busy: set[str] = set()  # arXiv ids whose PDF a worker is fetching
        self._similar_timer: Timer | None = None

    @property
    def similar_index(self) -> SimilarIndex | None:
        """The similar-papers index in use (``self.indexes`` owns it), kept across screens."""
        return self.indexes.similar

    # -- citation counts (Semantic Scholar) ---------------------------------------
    def fetch_citations(self, ids: list[str]) -> None:
        self.run_worker(lambda: self._citations_in_thread(ids), thread=True, group="s2", exclusive=True,
                        exit_on_error=False)

    def _citations_in_thread(self, ids: list[str]) -> None:
        from .. import net

        try:
            records = services.fetch_citations(self.lib.store, ids, self.settings.s2_api_key,
                                               **self.job_hooks(len(ids)))
        except net.Cancelled:
            return
        except services.JobError as exc:
            self.post_message(JobFailed(f"{exc}; nothing was stored"))
            return
        finally:
            self.post_message(JobProgress(None))  # (dropped after a quit: there is no screen to tell)
        known = sum(1 for rec in records.values() if rec["citations"] is not None)
        self.post_message(CitationsStored(known, len(records)))

    def on_citations_stored(self, event: CitationsStored) -> None:
        main = self._main()
        if main is not None:
            main.citations_stored()
        self.notify(f"Citation counts for {event.known} of {event.total} papers")

    # -- similar papers ------------------------------------------------------------
    def build_similar(self) -> None:
        """Load the similarity index from cache/ or build it, in a worker (seconds at 100k)."""
        if self.indexes.similar_current:
            return
        self.run_worker(self._similar_in_thread, thread=True, group="similar", exclusive=True, exit_on_error=False)

    def similar_stale(self) -> None:
        """Tags or abstracts changed: look at the index again a little later (coalesced). It is
        rebuilt only if a paper's text changed (load_or_build compares the hash)."""
        if self.indexes.similar is None:
            return  # not built yet: that build sees the change
        if self._similar_timer is not None:
            self._similar_timer.stop()
        self._similar_timer = self.set_timer(SIMILAR_REBUILD_DELAY, self._rebuild_similar)

    def _rebuild_similar(self) -> None:
        self._similar_timer = None
        self.indexes.similar_stale()
        self.build_similar()

    def _similar_in_thread(self) -> None:
        from .. import similar

        worker = get_current_worker()
        try:
            lib, index = self.indexes.build_similar(stop=lambda: worker.is_cancelled)
        except similar.Cancelled:
            return  # quitting
        self.post_message(SimilarReady(lib, index))

    def on_similar_ready(self, event: SimilarReady) -> None:
        self.indexes.set_similar(event.library, event.index)
        main = self._main()
        if main is not None:
            main.similar_ready()

    # -- PDFs ----------------------------------------------------------------------
    def open_pdf(self, arxiv: str) -> None:
        """Open the paper's PDF: at once when it is here (offline too), else after a download
        in a worker, with the progress bar (bytes)."""
        if arxiv in self._pdf_busy:
            self.notify(f"Still fetching the PDF of {arxiv}…")
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

        hooks = self.job_hooks()  # (the bar appears when a download starts)
        last = [0.0]
        fetching: list[bool] = []  # a download started: the progress bar is ours to hide

        def started() -> None:
            fetching.append(True)
            self.post_message(JobProgress(0, None))
            self.notice(("pdf", arxiv), f"Fetching the PDF of {arxiv}…")

        def progress(done: int, total: int | None) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.1 or (total and done >= total):  # at most ~10 repaints a second
                last[0] = now
                self.post_message(JobProgress(done, total or None))

        try:
            got = services.fetch_pdf(arxiv, **{**hooks, "progress": progress}, on_start=started)
        except net.Cancelled:
            return
        except pdfs.PdfError as exc:
            self.post_message(JobFailed(str(exc), kind=("pdf", arxiv)))
            return
        finally:
            if fetching:
                self.post_message(JobProgress(None))
        if got.fetched:  # (handled before the viewer opens: the list's mark is there when the PDF is)
            self.call_from_thread(self.on_pdf_fetched, PdfFetched(arxiv))
        try:
            pdfs.open_pdf(got.path, self.settings.pdf_viewer)
        except pdfs.PdfError as exc:
            self.post_message(JobFailed(f"{exc}; the PDF is {got.path}", severity="warning", kind=("pdf", arxiv)))
        else:
            self.notice(("pdf", arxiv), f"Opened {got.path}")

    def on_pdf_fetched(self, event: PdfFetched) -> None:
        main = self._main()
        if main is not None:
            main.pdfs_found(main.pdf_ids | {event.arxiv})
