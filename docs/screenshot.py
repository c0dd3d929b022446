"""Regenerate docs/screenshot.svg: python docs/screenshot.py (uses a throwaway data dir)."""

import asyncio
import os
import tempfile
from pathlib import Path


async def main() -> None:
    os.environ["PAPERTUI_HOME"] = tempfile.mkdtemp(prefix="papertui-shot-")
    from papertui.library import Library
    from papertui.tui.app import PaperApp

    app = PaperApp(Library.open(), watch=False)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("j", "j", "r", "j", "s", "j", "j", "j")
        await pilot.pause()
        app.save_screenshot(str(Path(__file__).with_name("screenshot.svg")))


asyncio.run(main())
