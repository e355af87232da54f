"""Generate docgraph/loaders/data/given_names.txt: first names that mark a person.

The small spaCy model often reads "Louis Paulsen" or "Christina Aguilera" as an
organisation or a place. A first word that is a common given name settles it. The names
come from the 1990 US Census lists of male and female first names (public domain), as the
`names` package ships them. Left out: names that are also frequent English words ("Will",
"Royal", "King": wordfreq zipf >= 4.5 in lower case) unless they are among the 100 most
common names of their list ("John", "Mark"), month names ("June"), and known places and
countries ("Georgia", "Jordan", "Florence").

Run: python tools/make_given_names.py  (needs names and wordfreq)
"""

from __future__ import annotations

import calendar
import json
from pathlib import Path

import names
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docgraph" / "loaders" / "data" / "given_names.txt"
PACK = ROOT / "docgraph" / "loaders" / "data" / "geopolitics"
MONTHS = {m.lower() for m in calendar.month_name if m}


def main() -> None:
    places = set()
    for name in ("countries.json", "locations.json", "places.json", "organizations.json"):
        for entry in json.loads((PACK / name).read_text(encoding="utf-8")):
            places.update(
                s.lower()
                for s in [entry["name"], *entry.get("aliases", []), *entry.get("demonyms", [])]
            )
    folder = Path(names.__file__).parent
    found = set()
    for filename in ("dist.male.first", "dist.female.first"):
        for line in (folder / filename).read_text(encoding="ascii").splitlines():
            word, _freq, _cumulative, rank = line.split()
            word = word.lower()
            common = zipf_frequency(word, "en") >= 4.5 and int(rank) > 100
            if len(word) < 3 or word in places or word in MONTHS or common:
                continue
            found.add(word.capitalize())
    header = "# given names (1990 US Census, public domain); made by tools/make_given_names.py\n"
    OUT.write_text(header + "\n".join(sorted(found)) + "\n", encoding="utf-8")
    print(f"{len(found)} given names")


if __name__ == "__main__":
    main()
