"""The root of papertui's errors (no Textual import).

Every error papertui raises for the user to read derives from :class:`PapertuiError`, and its
``str()`` is one line saying what went wrong and where (a file, a JSON path, a host). The
command line catches this one class in one place (``papertui: <message>`` on stderr, exit
code 1); the TUI shows the same line in a notification. Anything else that escapes is a bug.

The errors, by module: ``store.StateError`` (and ``CorruptStateError``), ``catalog.ListFileError``,
``importers.ImportError_``, ``net.NetError`` (``arxiv_api.ArxivError``, ``net.Cancelled``),
``feeds.FeedError``, ``pdfs.PdfError``, ``citations.CitationError``, ``sync.SyncError``,
``settings.SettingsError``, ``mylists.ListError``, ``saved_searches.SavedSearchError``, ``limits.LimitError``, ``browser.BrowserError``, ``services.JobError`` and
``cli.CliError``.
"""

from __future__ import annotations


class PapertuiError(Exception):
    """An error for the user: ``str()`` is one line naming what and where."""
