"""A small Gherkin reader for the openCypher TCK's feature files.

The TCK uses a narrow, regular subset of Gherkin: ``Feature``, ``Background``,
``Scenario``, ``Scenario Outline`` with ``Examples`` tables, steps with a doc string
(``\"\"\"``) or a data table, ``#`` comments and ``@tags``. Reading that subset here keeps
the test suite free of a parser dependency; anything outside it raises, so a new TCK
release that uses more Gherkin fails loudly instead of being half-read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Scenario", "Step", "parse_feature"]

STEP_WORDS = ("Given ", "When ", "Then ", "And ", "But ")


@dataclass(slots=True)
class Step:
    """One step: its text (without the keyword), and its doc string or table if any."""

    text: str
    doc: str | None = None
    table: list[list[str]] | None = None


@dataclass(slots=True)
class Scenario:
    """One playable scenario (an outline expands to one per example row)."""

    feature_path: str  # relative to features/, e.g. clauses/match/Match1.feature
    name: str
    steps: list[Step]
    tags: set[str] = field(default_factory=set)
    example: int | None = None

    @property
    def folder(self) -> str:
        """The feature folder, e.g. ``clauses/match``, the unit of the compatibility table."""
        return self.feature_path.rsplit("/", 1)[0]

    @property
    def key(self) -> str:
        """A stable identifier: feature file, scenario number and name, example row."""
        suffix = f" #{self.example}" if self.example is not None else ""
        return f"{self.feature_path}: {self.name}{suffix}"


def _cells(line: str) -> list[str]:
    inner = line.strip()
    if not (inner.startswith("|") and inner.endswith("|")):
        raise ValueError(f"not a table row: {line!r}")
    # a cell may hold an escaped pipe (\|); split on the others
    parts = re.split(r"(?<!\\)\|", inner[1:-1])
    # Gherkin's cell escapes: \| for a bar, \\ for a backslash, \n for a new line
    return [re.sub(r"\\([|\\n])", _unescape, p.strip()) for p in parts]


def _unescape(match: re.Match[str]) -> str:
    return "\n" if match.group(1) == "n" else match.group(1)


def parse_feature(path: Path, root: Path) -> list[Scenario]:
    """Every scenario of one feature file, outlines expanded, Background steps prepended."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rel = path.relative_to(root).as_posix()
    background: list[Step] = []
    scenarios: list[Scenario] = []
    current: list[Step] | None = None
    outline: tuple[str, list[Step], set[str]] | None = None
    examples: list[list[str]] | None = None
    pending_tags: set[str] = set()
    name = ""
    tags: set[str] = set()

    def finish() -> None:
        nonlocal current, outline, examples
        if outline is not None:
            oname, osteps, otags = outline
            if not examples:
                raise ValueError(f"{rel}: outline {oname!r} has no examples")
            header, *rows = examples
            for index, row in enumerate(rows, 1):
                values = dict(zip(header, row, strict=True))
                steps = _substitute(background + osteps, values)
                title = _fill(oname, values)
                scenarios.append(Scenario(rel, title, steps, otags, index))
        elif current is not None and name:
            scenarios.append(Scenario(rel, name, background + current, tags))
        current, outline, examples = None, None, None

    i = 0
    in_background = False
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        i += 1
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("@"):
            pending_tags |= set(stripped.split())
            continue
        if stripped.startswith("Feature:"):
            continue
        if stripped.startswith("Background:"):
            in_background, current = True, background
            continue
        if stripped.startswith(("Scenario Outline:", "Scenario:")):
            if not in_background:
                finish()
            in_background = False
            name = stripped.split(":", 1)[1].strip()
            tags, pending_tags = pending_tags, set()
            current = []
            if stripped.startswith("Scenario Outline:"):
                outline = (name, current, tags)
            continue
        if stripped.startswith("Examples:"):
            examples = []
            continue
        if stripped.startswith("|"):
            if examples is not None:
                examples.append(_cells(stripped))
            elif current:
                step = current[-1]
                step.table = (step.table or []) + [_cells(stripped)]
            else:
                raise ValueError(f"{rel}:{i}: a table outside a step")
            continue
        if stripped.startswith('"""'):
            indent = len(line) - len(line.lstrip())
            body: list[str] = []
            while not lines[i].strip().startswith('"""'):
                body.append(lines[i][indent:] if lines[i][:indent].isspace() else lines[i].strip())
                i += 1
            i += 1
            if not current:
                raise ValueError(f"{rel}:{i}: a doc string outside a step")
            current[-1].doc = "\n".join(body)
            continue
        if stripped.startswith(STEP_WORDS):
            if current is None:
                raise ValueError(f"{rel}:{i}: a step outside a scenario")
            current.append(Step(stripped.split(" ", 1)[1].strip()))
            continue
        raise ValueError(f"{rel}:{i}: unexpected line {stripped!r}")
    finish()
    return scenarios


def _fill(text: str, values: dict[str, str]) -> str:
    """An outline's ``<name>`` placeholders replaced by one example row's values."""
    return re.sub(r"<(\w+)>", lambda m: values.get(m.group(1), m.group(0)), text)


def _substitute(steps: list[Step], values: dict[str, str]) -> list[Step]:
    def fill(text: str | None) -> str | None:
        return None if text is None else _fill(text, values)

    return [
        Step(
            fill(s.text) or "",
            fill(s.doc),
            [[fill(c) or "" for c in row] for row in s.table] if s.table else None,
        )
        for s in steps
    ]


def load_scenarios(tck_root: Path) -> list[Scenario]:
    """All scenarios of the TCK under ``tck_root/features``, in file order."""
    features = tck_root / "features"
    out: list[Scenario] = []
    for path in sorted(features.rglob("*.feature")):
        out.extend(parse_feature(path, features))
    return out
