"""The wheel carries the bundled reading lists, and an installed papertui finds them."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_the_bundled_lists_and_styles(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("papertui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = sorted(p.name for p in (ROOT / "data").glob("*.json"))
    assert len(bundled) == 3
    for name in bundled:
        assert f"papertui/data/{name}" in names
    assert "papertui/tui/papertui.tcss" in names
    assert any(n.endswith("entry_points.txt") for n in names)
