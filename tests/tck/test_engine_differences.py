"""ENGINE_DIFFERENCES.md is generated from the known-failures list and must match it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_engine_differences_matches_the_known_failures() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "engine_differences.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
