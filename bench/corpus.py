"""N documents of foreign-relations text in which entities recur the way they do in archives.

    .venv/bin/python bench/corpus.py 1000 --seed 1 --out /tmp/corpus.jsonl

Each document is about 170 words (the length of a Wikipedia lead): sentences of the
documents docgraph ships (``examples/``, ``tests/data/corpus.jsonl``) with their country
and organisation names replaced by others from the gazetteer, mixed with sentences about
people and bodies the gazetteer does not know. Those come from pools that grow with N
(about one person and one body per two documents) and are drawn with a skewed frequency,
so some recur in hundreds of documents and most in a few, sometimes spelt differently
("Mohammed"/"Mohamed", a dropped accent) or named by their acronym: the cross-document
resolver sees what an archive gives it, and the number of entities grows with the corpus.
Deterministic for a given N and seed (``random.Random``, no hash order).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "docgraph" / "loaders" / "data" / "geopolitics"

FIRST = (
    "Amadou Aminata Ousmane Fatoumata Mohammed Ibrahim Aïssata Moussa Mariam Abdoulaye "
    "Hélène Jean Pierre Marie Nicolas Sophie Karim Leila Tomás Ana Jorge Lucía Wei Mei "
    "Hiroshi Yuki Olena Andriy Ngozi Chinedu Kwame Ama Thabo Naledi Hassan Yasmin Omar "
    "Samira Dmitri Irina Rajesh Priya Kofi Efua Mamadou Awa Idrissa Salif Bintou Cheikh"
).split()
LAST = (
    "Traoré Diallo Keïta Coulibaly Touré Sissoko Konaté Camara Ouedraogo Sawadogo Ndiaye "
    "Diop Fall Sow Ba Mahamadou Issoufou Bazoum Tchiani Kanté Dembélé Martin Bernard Dubois "
    "Moreau Laurent García Fernández López Zhang Wang Tanaka Suzuki Kovalenko Shevchenko "
    "Okafor Adeyemi Mensah Boateng Mokoena Dlamini Haddad Khalil Mansour Petrov Sharma Nair"
).split()
FIELDS = (
    "Water Security|Migration Policy|Sahel Stability|Electoral Reform|Maritime Cooperation|"
    "Food Resilience|Border Management|Energy Transition|Public Health|Trade Facilitation|"
    "Peace Studies|Cyber Defence|Climate Adaptation|Mining Governance|Refugee Protection"
).split("|")
BODIES = ("Council", "Institute", "Commission", "Agency", "Observatory", "Forum", "Centre")
ROLES = ("foreign minister", "defence minister", "prime minister", "ambassador", "envoy")
MONTHS = "January February March April May June July August September October November".split()

TEMPLATES = (
    "{p1}, the {role} of {c1}, met {p2} in {cap} on {day} {month} {year}.",
    "In {year}, {c1} appointed {p1} as ambassador to {c2}.",
    "The {body} ({acr}) received {amount} million dollars from {c1} in {year}.",
    "{acr} officials said {c1} would send {n} troops to {c2} by {month} {year}.",
    "{p1} said the {body} would open an office in {cap} to work with {o1}.",
    "{c1} and {c2} established diplomatic relations in {year}, according to {p1}.",
    "{p1} chaired the {acr} meeting with delegates from {c1}, {c2} and {o1}.",
    "{c1} joined the {o1} in {year}, and {p1} welcomed the decision.",
)


def _sentences() -> list[str]:
    """Every sentence of the documents docgraph ships, headings left out."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").iterdir())]
    for line in (ROOT / "tests" / "data" / "corpus.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts.append(record.get("document", record).get("text", ""))
    out: list[str] = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#") or len(line.split()) < 6:
                continue
            out.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line) if len(s) > 30)
    return out


def _names(file: str) -> list[str]:
    """The gazetteer's names in ``file``, states that no longer exist left out."""
    return [
        e["name"] for e in json.loads((PACK / file).read_text("utf-8")) if not e.get("historic")
    ]


def _variant(name: str, rng: random.Random) -> str:
    """Another spelling of ``name`` the way sources differ: no accents, one letter fewer."""
    roll = rng.random()
    if roll < 0.4:
        return "".join(
            c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
        )
    if roll < 0.7:
        return name.replace("Mohammed", "Mohamed").replace("ou", "u", 1)
    words = name.split()
    return words[-1] if len(words) > 1 else name  # the surname alone


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


class Corpus:
    """The pools and the sentence bank; :meth:`documents` yields ``(id, text)``."""

    def __init__(self, n: int, seed: int = 1) -> None:
        self.n = n
        self.seed = seed
        rng = random.Random(seed)
        self.sentences = _sentences()
        self.countries = _names("countries.json")
        self.organizations = _names("organizations.json")
        self.capitals = list(json.loads((PACK / "capitals.json").read_text("utf-8")))
        size = max(40, n // 2)
        self.people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(size)]
        self.bodies = [
            f"{rng.choice(('National', 'Regional', 'African', 'International', 'Joint'))} "
            f"{rng.choice(BODIES)} for {rng.choice(FIELDS)}"
            for _ in range(size)
        ]
        names = sorted(set(self.countries) | set(self.organizations), key=len, reverse=True)
        self._known = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
        self._country_set = set(self.countries)

    def _pick(self, pool: list[str], rng: random.Random) -> str:
        """Skewed: a few items recur in many documents, most in a few."""
        return pool[min(int(rng.paretovariate(0.8)) - 1, len(pool) - 1) % len(pool)]

    def _recombine(self, sentence: str, rng: random.Random) -> str:
        def swap(m: re.Match[str]) -> str:
            pool = self.countries if m.group(1) in self._country_set else self.organizations
            return rng.choice(pool)

        return self._known.sub(swap, sentence)

    def document(self, i: int) -> tuple[str, str]:
        rng = random.Random(f"{self.seed}:{i}")
        # a document's own people and bodies, drawn anywhere in the pool (offset by i so
        # new entities keep appearing as the corpus grows) plus the frequent ones
        people = [
            self.people[(i + rng.randrange(len(self.people))) % len(self.people)]
            if rng.random() < 0.6
            else self._pick(self.people, rng)
            for _ in range(3)
        ]
        body = self.bodies[(i * 7 + rng.randrange(len(self.bodies))) % len(self.bodies)]
        country = rng.choice(self.countries)
        out = [f"Foreign relations of {country}", ""]
        words = 0
        first = True
        while words < 170:
            if rng.random() < 0.5:
                sentence = self._recombine(rng.choice(self.sentences), rng)
            else:
                p1, p2 = rng.sample(people, 2)
                if not first and rng.random() < 0.2:
                    p1 = _variant(p1, rng)
                c1, c2 = rng.sample(self.countries, 2)
                acr = _acronym(body)
                template = rng.choice(TEMPLATES)
                if first and "{acr}" in template and "({acr})" not in template:
                    template = TEMPLATES[2]  # the acronym is defined before it is used
                sentence = template.format(
                    p1=p1,
                    p2=p2,
                    role=rng.choice(ROLES),
                    c1=c1 if rng.random() < 0.5 else country,
                    c2=c2,
                    cap=rng.choice(self.capitals),
                    o1=rng.choice(self.organizations),
                    body=body,
                    acr=acr,
                    day=rng.randint(1, 28),
                    month=rng.choice(MONTHS),
                    year=rng.randint(1960, 2025),
                    amount=rng.randint(2, 900),
                    n=rng.randint(50, 5000),
                )
                first = first and "({acr})" not in template
            out.append(sentence)
            words += len(sentence.split())
        return f"doc-{i:06d}", out[0] + "\n\n" + " ".join(out[2:]) + "\n"

    def documents(self) -> Iterator[tuple[str, str]]:
        for i in range(self.n):
            yield self.document(i)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="a .jsonl file (default: stdout)")
    args = parser.parse_args(argv)
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    for doc_id, text in Corpus(args.n, args.seed).documents():
        out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    if args.out:
        out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
