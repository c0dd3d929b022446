"""The typed messages the app's workers post (tui/messages.py)."""

from __future__ import annotations

from papertui.tui.messages import JobFailed, JobProgress

from .conftest import toast_text
from .test_tui import make_app


def test_progress_replaces_progress_only():
    assert JobProgress(1, 10).can_replace(JobProgress(2, 10))
    assert JobProgress(1, 10).can_replace(JobProgress(None))
    assert not JobProgress(1, 10).can_replace(JobFailed("no"))


async def test_a_burst_of_progress_is_shown_once_at_its_newest(monkeypatch):
    app = make_app()
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await pilot.pause()
        shown = []
        monkeypatch.setattr(app.screen, "show_progress", lambda done, total=0: shown.append((done, total)))
        for done in range(50):  # queued before the app looks at any of them
            app.post_message(JobProgress(done, 50))
        app.post_message(JobFailed("the API said no; nothing was stored"))
        await pilot.pause()
        await pilot.pause()
        assert shown[-1] == (49, 50) and len(shown) < 5
        assert "the API said no; nothing was stored" in toast_text(app)
