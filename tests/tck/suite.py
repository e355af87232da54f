"""The TCK's scenarios, read once per process (fetched first if need be)."""

from __future__ import annotations

from pathlib import Path

from fetch import TckUnavailable, ensure_tck
from gherkin import Scenario, load_scenarios

_loaded: tuple[Path | None, list[Scenario], str] | None = None


def tck() -> tuple[Path | None, list[Scenario], str]:
    """The TCK folder and its scenarios, or why they are missing (fetching happens once)."""
    global _loaded
    if _loaded is None:
        try:
            root = ensure_tck()
            _loaded = (root, load_scenarios(root), "")
        except TckUnavailable as exc:
            _loaded = (None, [], str(exc))
    return _loaded
