"""A generated graph the size of a large corpus, for the named queries at size.

Built as docgraph's resolver leaves a corpus: a few hundred states and bodies that recur in
many documents, a long tail of people, places and events named in one or two, typed facts
with dated evidence, and co-occurrence (``RELATED_TO``) edges several times as many as the
typed ones. Names are made of syllables, so look-alikes occur by chance as they do in real
archives; the caller plants the ones it checks. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from docgraph.graph.model import Document, Entity, Evidence, GraphData, Relation, entity_id

__all__ = ["synthetic_graph"]

_SYLLABLES = (
    "ba ka ma na ta sa ra la da ga be ke me ne te se re le de ge bo ko mo no to so ro lo do "
    "go bu ku mu nu tu su ru lu du gu ri ki mi ni ti si li di gi vi zo zu ya yo wa"
).split()
_BODY_WORDS = (
    "Union Council Bank Fund Community Commission Forum Alliance League Agency Authority "
    "Organisation Partnership Institute Network Office Mission Force Front Movement"
).split()
_QUALIFIERS = (
    "African Regional National International Economic Development Security Coastal Northern "
    "Southern Eastern Western Central United Monetary Democratic Trade Maritime Islamic"
).split()
_EVENT_WORDS = "Summit Conference Operation Accord Crisis Election Offensive Talks".split()
_PROGRAM_WORDS = "Programme Initiative Plan Compact Strategy Agreement".split()
_TITLES = ("President", "Prime Minister", "Secretary-General", "Foreign Minister")


def _word(rng: random.Random, syllables: tuple[int, int] = (2, 3)) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(*syllables))).title()


def _unique(rng: random.Random, count: int, make) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < count:
        names[make(rng)] = None
    return list(names)


def synthetic_graph(documents: int = 3000, *, seed: int = 0) -> GraphData:
    """A resolved graph of ``documents`` documents (about 14 entities and 26 facts each)."""
    rng = random.Random(seed)
    countries = _unique(rng, 200, lambda r: _word(r, (2, 3)) + r.choice(["", "ia", "land"]))
    bodies = _unique(
        rng, 400, lambda r: f"{r.choice(_QUALIFIERS)} {r.choice(_BODY_WORDS)} of {_word(r)}"
    )
    tail = max(documents, 10)
    people = _unique(rng, 10 * tail, lambda r: f"{_word(r)} {_word(r, (2, 4))}")
    places = _unique(rng, 4 * tail, lambda r: _word(r, (2, 4)))
    events = _unique(rng, tail, lambda r: f"{_word(r)} {r.choice(_EVENT_WORDS)}")
    programs = _unique(rng, tail, lambda r: f"{_word(r)} {r.choice(_PROGRAM_WORDS)}")

    graph = GraphData()

    def entity(label: str, name: str, doc: str) -> str:
        eid = entity_id(label, name)
        graph.add_entity(Entity(eid, name, label, mentions={doc: 1}))
        return eid

    for d in range(documents):
        doc = f"doc-{d:06d}"
        text = f"Synthetic document {d}."
        graph.documents[doc] = Document(doc, f"{doc}.txt", text, f"{d:064x}")
        states = [entity("Country", n, doc) for n in rng.sample(countries, 3)]
        orgs = [entity("Organization", n, doc) for n in rng.sample(bodies, 2)]
        person, *others = [entity("Person", n, doc) for n in rng.sample(people, 4)]
        place, town = [entity("Location", n, doc) for n in rng.sample(places, 2)]
        event = entity("Event", rng.choice(events), doc)
        program = entity("Program", rng.choice(programs), doc)
        year = rng.randint(1960, 2025)

        def fact(source: str, rel_type: str, target: str, doc=doc, text=text, **props) -> None:
            sentence = f"{source} {rel_type.lower()} {target} ({doc})."
            evidence = Evidence(doc, 0, len(text), sentence, "synthetic", 0.9)
            graph.add_relation(Relation(source, rel_type, target, props, [evidence]))

        fact(states[0], "MEMBER_OF", orgs[0], status=rng.choice(["current", "former"]))
        fact(states[1], "MEMBER_OF", orgs[0], status="current", since=str(year))
        fact(states[0], "DIPLOMATIC_RELATIONS", states[1], since=f"{year}-01-01")
        fact(orgs[1], "FUNDED", states[2], amount=rng.randint(1, 900) * 1e6, currency="USD")
        fact(person, "LEADER_OF", states[2], title=rng.choice(_TITLES))
        fact(person, "AMBASSADOR_TO", states[0], since=str(year))
        fact(states[1], "DEPLOYED_TROOPS_IN", place, troops=rng.randint(1, 50) * 100)
        fact(place, "LOCATED_IN", states[1])
        fact(town, "LOCATED_IN", states[2])
        for other in others:
            fact(other, "CITIZEN_OF", rng.choice(states))
        fact(states[2], "PARTICIPATED_IN", event, year=str(year))
        fact(orgs[1], "IMPLEMENTED", program, since=str(year))
        named = [*states, *orgs, person, *others, place, town, event, program]
        for _ in range(12):
            a, b = rng.sample(named, 2)
            fact(min(a, b), "RELATED_TO", max(a, b), weight=1)
    return graph
