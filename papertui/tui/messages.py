"""Typed messages from the app's workers (issue 15, item 4): "attributes down, messages up".

A worker runs a job of ``papertui/services.py`` in a thread and posts one of these to the app
(``post_message`` is safe from any thread and never waits for the UI, so a quit is never held up
by it; after a quit it is dropped). The app's handlers bring the main screen up to date: ``@on``
in ``app.py``; the ``on_…`` naming convention in its mixin ``app_extras.py`` (Textual collects
``@on`` handlers only from classes it builds, and the mixin is a plain class at run time).
Progress is replaceable, as toolong's ``messages.py`` does: a burst of updates the UI has not
caught up with is shown once, at its newest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ..importers import Outcome
    from ..library import Library
    from ..similar import SimilarIndex


@dataclass
class JobProgress(Message):
    """The progress bar under the list: ``done`` of ``total`` (``total`` None: not known yet);
    ``done`` None hides it."""

    done: int | None
    total: int | None = 0

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JobProgress)


@dataclass
class JobFailed(Message):
    """A job failed or could only partly be done: one line for the user. ``kind`` (when given)
    replaces the notice of the same kind still on screen (see ``PaperApp.notice``)."""

    text: str
    severity: SeverityLevel = "error"
    timeout: float | None = 10
    kind: Any = None


@dataclass
class MetadataFetched(Message):
    """arXiv metadata of ``count`` papers is in the store (the detail pane shows it)."""

    count: int


@dataclass
class LibraryReloaded(Message):
    """The list files changed (papers added, an import, a big list loaded): the main screen is
    rebuilt on ``library`` where the user was; ``message`` is said then."""

    library: Library
    message: str | None = None
    resume: bool = False  # a user who has not moved yet lands where the last session ended
    select_list: str | None = None  # an import: the new list is shown


@dataclass
class ImportSaved(Message):
    """An import is saved as ``outcome``, and ``library`` read with it (shown as after
    :class:`LibraryReloaded`, on the new list); its arXiv titles come next."""

    library: Library
    message: str
    outcome: Outcome


@dataclass
class FeedsReloaded(Message):
    """Feeds were updated (here or by another process): ``library`` is taken in by the main screen
    in place, without a rebuild."""

    library: Library
    message: str | None = None


@dataclass
class StoreChanged(Message):
    """Another process or another device changed these papers' marks."""

    keys: set[str] = field(default_factory=set)


@dataclass
class CitationsStored(Message):
    """Citation counts are in the store: ``known`` of ``total`` papers have one."""

    known: int
    total: int


@dataclass
class SimilarReady(Message):
    """The similar-papers index of ``library`` is loaded or built."""

    library: Library
    index: SimilarIndex


@dataclass
class PdfFetched(Message):
    """The PDF of ``arxiv`` was downloaded into pdfs/."""

    arxiv: str
