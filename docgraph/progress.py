"""How far a long step has got: a bar on a terminal or in a notebook, a plain line every
few seconds when standard error is a file or a pipe (a log, CI), never on standard output
(which carries the JSON and CSV).

The library's long steps (``Graph.add``, the centrality measures) take a ``progress``
callable, ``progress(stage, done, total)``; :class:`ProgressReport` is the one that shows
it. A plain line reads::

    extract 120/3000 documents, 14.2/s, eta 3m22s
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any, Literal

__all__ = ["Progress", "ProgressReport", "duration", "progress_report"]

#: ``progress(stage, done, total)``: ``done`` of ``total`` items of ``stage`` are finished
Progress = Callable[[str, int, int], None]

Mode = Literal["auto", "bar", "notebook", "lines", "off"]

#: what a stage counts, for the line "extract 3/10 documents"
UNITS = {
    "read store": "steps",
    "extract": "documents",
    "write": "rows",
    "load graph": "steps",
    "centrality": "measures",
    "betweenness": "sources",
    "view": "steps",
    "communities": "steps",
    "bridges": "steps",
}

#: stages whose items take very different times (betweenness is most of centrality's):
#: their lines give the time so far, not a time left
UNEVEN = frozenset({"centrality", "view"})

#: seconds between two plain lines of the same stage
LINE_INTERVAL = 5.0
#: seconds between two redraws of the notebook bar (each is a message to the browser)
NOTEBOOK_INTERVAL = 0.25


def duration(seconds: float) -> str:
    """``seconds`` as ``3m22s``, ``45s`` or ``1h02m``: short enough for a progress line.

    >>> duration(202), duration(4.2), duration(3720)
    ('3m22s', '4s', '1h02m')
    """
    if not math.isfinite(seconds):
        return "?"
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


@dataclass(slots=True)
class _Stage:
    name: str
    total: int
    started: float
    done: int = 0
    last_shown: float = -math.inf
    task: Any = None

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        """``extract 120/3000 documents, 14.2/s, eta 3m22s``; a one-step stage is
        ``communities …`` then ``communities done in 12s``."""
        elapsed = time.perf_counter() - self.started
        finished = self.done >= self.total
        if self.total <= 1:
            return f"{self.name} done in {duration(elapsed)}" if finished else f"{self.name} …"
        unit = UNITS.get(self.name, "")
        text = f"{self.name} {self.done}/{self.total}" + (f" {unit}" if unit else "")
        if finished:
            return f"{text}, done in {duration(elapsed)}"
        rate = self.rate
        if self.done == 0 or rate <= 0:
            return text
        if self.name in UNEVEN:  # a mean over unlike items would promise a wrong time
            return f"{text}, {duration(elapsed)} so far"
        return f"{text}, {_pace(rate)}, eta {duration((self.total - self.done) / rate)}"


def _pace(rate: float) -> str:
    """``1,500/s``, ``14.2/s``, or for slow items ``40s each`` (never ``0.0/s``)."""
    if rate >= 100:
        return f"{rate:,.0f}/s"
    if rate >= 1:
        return f"{rate:.1f}/s"
    return f"{duration(1 / rate)} each"


def _in_notebook() -> bool:
    """True in a Jupyter kernel (where stderr is no terminal but a bar can be drawn)."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


@dataclass
class ProgressReport:
    """Shows ``progress(stage, done, total)`` calls; a context manager that clears the bar.

    ``mode`` is ``"bar"`` (rich, on a terminal), ``"notebook"`` (an HTML bar updated in
    place: no ipywidgets needed), ``"lines"`` (a plain line per stage at its start, every
    :data:`LINE_INTERVAL` seconds and at its end), ``"off"``, or ``"auto"``: a notebook bar
    in Jupyter, a bar when standard error is a terminal (not under ``CI``), lines otherwise.
    """

    mode: Mode = "auto"
    stream: IO[str] | None = None
    interval: float = LINE_INTERVAL
    _stages: dict[str, _Stage] = field(default_factory=dict, init=False)
    _bar: Any = field(default=None, init=False)
    _display: Any = field(default=None, init=False)
    _drawn: float = field(default=-math.inf, init=False)

    def __post_init__(self) -> None:
        if self.mode == "auto":
            self.mode = self._pick()

    def _pick(self) -> Mode:
        if _in_notebook():
            return "notebook"
        stream = self.stream or sys.stderr
        if stream.isatty() and not os.environ.get("CI"):
            return "bar"
        return "lines"

    def __enter__(self) -> ProgressReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.mode == "off":
            return
        now = time.perf_counter()
        current = self._stages.get(stage)
        if current is None or done < current.done:  # a new stage, or the same one again
            current = self._stages[stage] = _Stage(stage, total, now)
        current.done, current.total = done, total
        if self.mode == "lines":
            finished = done >= total
            if current.last_shown == math.inf:  # its last line is out
                return
            if finished or now - current.last_shown >= self.interval:
                print(current.line(), file=self.stream or sys.stderr, flush=True)
                current.last_shown = math.inf if finished else now
        elif self.mode == "bar":
            self._update_bar(current)
        elif self.mode == "notebook" and (done >= total or now - self._drawn >= NOTEBOOK_INTERVAL):
            self._update_notebook()
            self._drawn = now

    @contextmanager
    def step(self, stage: str) -> Iterator[None]:
        """One step with no count of its own (Louvain, a layout): shown as 0/1 then 1/1,
        so its start and its time are seen."""
        self(stage, 0, 1)
        yield
        self(stage, 1, 1)

    def _update_bar(self, stage: _Stage) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        if self._bar is None:
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[unit]}"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                console=Console(file=self.stream or sys.stderr),
                transient=True,
            )
            self._bar.start()
        rate = f"{stage.rate:.1f}/s"
        if stage.task is None:
            stage.task = self._bar.add_task(
                stage.name, total=stage.total, unit=UNITS.get(stage.name, ""), rate=rate
            )
        self._bar.update(stage.task, completed=stage.done, total=stage.total, rate=rate)

    def _update_notebook(self) -> None:
        import html

        from IPython.display import HTML, display

        rows = "".join(
            f"<div><progress value='{s.done}' max='{max(s.total, 1)}' style='width:20em'>"
            f"</progress> {html.escape(s.line())}</div>"
            for s in self._stages.values()
        )
        page = HTML(f"<div class='docgraph-progress'>{rows}</div>")
        if self._display is None:
            self._display = display(page, display_id=True)
        else:
            self._display.update(page)

    def close(self) -> None:
        """Stop the terminal bar (it is cleared); the notebook bar stays, at its last state."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        if self.mode == "notebook" and self._stages:
            self._update_notebook()


def progress_report(progress: Progress | bool | None) -> tuple[Progress | None, Callable[[], None]]:
    """What the library calls for ``progress=``: the callable to report to and how to
    finish it. ``True`` shows a :class:`ProgressReport` (``"auto"``), ``False``/``None``
    nothing, a callable is used as it is (and left open)."""
    if progress is True:
        report = ProgressReport()
        return report, report.close
    if not progress:
        return None, lambda: None
    return progress, lambda: None
