"""Gazetteers: known names, their aliases and labels, loaded from data files.

The built-in geopolitics pack (``loaders/data/geopolitics/``) and a user's own files share
one format, so users extend recognition without code::

    [{"name": "G5 Sahel", "label": "Organization", "aliases": ["G-5 Sahel"]}]

Countries may also carry ``iso2``/``iso3`` and ``demonyms``; demonyms ("Malian") resolve
to their country.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docgraph.errors import ExtractionError
from docgraph.graph.model import entity_id
from docgraph.graph.schema import check_label

__all__ = ["Gazetteer", "GazetteerEntry", "fold", "load_gazetteer"]

DATA = Path(__file__).parent / "data"
_PACK_FILES = {
    "countries.json": "Country",
    "organizations.json": "Organization",
    "locations.json": "Location",
    "places.json": "Location",  # weak: towns that never override a person the model found
    "programs.json": "Program",
    "events.json": "Event",
}
WEAK_KINDS = frozenset({"place"})


def fold(text: str) -> str:
    """A matching key: accents, case, punctuation and a leading "the" folded away.

    >>> fold("Côte d'Ivoire") == fold("Cote d’Ivoire")
    True
    >>> fold("G-5 Sahel") == fold("G5 Sahel")
    True
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "", re.sub(r"^the\s+", "", text.strip()))
    return text


@dataclass(slots=True)
class GazetteerEntry:
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    kind: str = ""
    iso2: str | None = None
    country: str | None = None

    @property
    def id(self) -> str:
        return entity_id(self.label, self.name)


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    #: exact surface form → (entry id, is_demonym)
    surfaces: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: folded surface → entry id (for resolution, not for matching text)
    folded: dict[str, str] = field(default_factory=dict)
    by_iso2: dict[str, str] = field(default_factory=dict)
    _by_entry: dict[str, list[str]] | None = None

    def add(self, entry: GazetteerEntry) -> None:
        self._by_entry = None
        known = self.entries.get(entry.id)
        if known is not None:
            known.aliases = sorted(set(known.aliases) | set(entry.aliases))
            known.demonyms = sorted(set(known.demonyms) | set(entry.demonyms))
            entry = known
        else:
            self.entries[entry.id] = entry
        for surface in [entry.name, *entry.aliases]:
            self.surfaces[surface] = (entry.id, False)
            self.folded.setdefault(fold(surface), entry.id)
        for surface in entry.demonyms:
            plural = [surface + "s"] if re.search(r"[aeiou]n$|an$|i$", surface) else []
            for form in [surface, *plural]:  # "Germans", "Indians", "Iraqis"
                self.surfaces.setdefault(form, (entry.id, True))
                self.folded.setdefault(fold(form), entry.id)
        if entry.iso2:
            self.by_iso2[entry.iso2.upper()] = entry.id

    def lookup(self, surface: str) -> GazetteerEntry | None:
        hit = self.surfaces.get(surface)
        if hit is None:
            eid = self.folded.get(fold(surface))
            return self.entries.get(eid) if eid else None
        return self.entries[hit[0]]

    def is_demonym(self, surface: str) -> bool:
        hit = self.surfaces.get(surface)
        return bool(hit and hit[1])

    def surfaces_of(self, eid: str) -> list[str]:
        """Every surface form (names, aliases, demonyms) of one entry."""
        index = self._by_entry
        if index is None:
            index = {}
            for surface, (entry_id, _demonym) in self.surfaces.items():
                index.setdefault(entry_id, []).append(surface)
            self._by_entry = index
        return index.get(eid, [])

    def weak_places(self) -> dict[str, str]:
        """Town names (surface → id) that label a span only where the model does not
        read a person; looked up, not pattern-matched, so start-up stays fast."""
        return {
            surface: eid
            for surface, (eid, _d) in self.surfaces.items()
            if self.entries[eid].kind in WEAK_KINDS
        }

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Phrase patterns for spaCy's EntityRuler, longest names first."""
        patterns = []
        for surface, (eid, _demonym) in self.surfaces.items():
            entry = self.entries[eid]
            if entry.kind not in WEAK_KINDS:
                patterns.append({"label": entry.label, "pattern": surface, "id": eid})
        patterns.sort(key=lambda p: -len(p["pattern"]))
        return patterns


def _entries_from(data: Any, default_label: str | None, source: Path) -> Iterable[GazetteerEntry]:
    if not isinstance(data, list):
        raise ExtractionError(f"{source}: a gazetteer is a JSON list of objects")
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ExtractionError(f'{source}: every entry needs a "name" (got {item!r:.80})')
        label = item.get("label") or default_label
        if label is None:
            raise ExtractionError(f'{source}: entry {item["name"]!r} needs a "label"')
        yield GazetteerEntry(
            name=item["name"],
            label=check_label(label),
            aliases=[a for a in item.get("aliases", []) if isinstance(a, str) and a.strip()],
            demonyms=[d for d in item.get("demonyms", []) if isinstance(d, str) and d.strip()],
            kind=item.get("kind", ""),
            iso2=item.get("iso2"),
            country=item.get("country"),
        )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ExtractionError(f"cannot read gazetteer {path}: {exc}") from exc


@lru_cache(maxsize=8)
def _load(pack: str, extra: tuple[str, ...]) -> Gazetteer:
    gazetteer = Gazetteer()
    folder = DATA / pack
    if not folder.is_dir():
        raise ExtractionError(
            f"unknown pack {pack!r}; available: {sorted(p.name for p in DATA.iterdir())}"
        )
    for filename, label in _PACK_FILES.items():
        path = folder / filename
        if path.exists():
            for entry in _entries_from(_read_json(path), label, path):
                gazetteer.add(entry)
    for raw in extra:
        path = Path(raw)
        for entry in _entries_from(_read_json(path), None, path):
            gazetteer.add(entry)
    return gazetteer


def load_gazetteer(pack: str = "geopolitics", extra: Iterable[str | Path] = ()) -> Gazetteer:
    """The pack's gazetteer plus the user's files (cached: it is read once per process)."""
    return _load(pack, tuple(str(p) for p in extra))
