"""Where things are: LOCATED_IN (and PART_OF for state bodies) from place chains the text
states and, when asked (``infer_places``), from what the gazetteer knows and what names say,
always anchored to a sentence of the document.

Stated, always:

- "Vancouver, British Columbia, Canada": each place inside the next, and the first inside
  the last.

Inferred, only with ``--infer-places`` (the evidence method says ``inferred:…``):

- A town or region the gazetteer places in a country, when the document also names that
  country ("Olsztyn" … "Poland").
- A body whose name carries a country ("Norwegian Military Academy", "U.S. Department of
  State"): LOCATED_IN that country, or PART_OF it for organs of the state.
- A local place or body in a document about one country: that country.

The evidence is the first sentence that names both ends, or else the sentence that names
the place; the method says which rule fired, so a reviewer can filter them.
"""

from __future__ import annotations

import re

from docgraph.graph.model import Relation, merge_properties
from docgraph.loaders.gazetteer import Gazetteer
from docgraph.loaders.pipeline import DocState, Mention, component
from docgraph.loaders.references import capital_cities

__all__ = ["STATE_WORDS"]

#: organs of a state: a body named after its country is PART_OF it, not just located there
STATE_WORDS = frozenset(
    [
        "Department",
        "Ministry",
        "Agency",
        "Army",
        "Navy",
        "Air",
        "Forces",
        "Parliament",
        "Senate",
        "Government",
        "Police",
        "Embassy",
        "Congress",
        "Cabinet",
        "Office",
        "Bureau",
        "Service",
        "Guard",
        "Command",
        "Marine",
        "Marines",
        "Administration",
    ]
)


#: bodies that belong to one place (a club, a school, a party), unlike alliances and unions
LOCAL_WORDS = frozenset(
    [
        "University",
        "College",
        "School",
        "Academy",
        "Institute",
        "Club",
        "FC",
        "SK",
        "AFC",
        "Party",
        "Museum",
        "Church",
        "Cathedral",
        "Company",
        "Corporation",
        "Bank",
        "Airport",
        "Hospital",
        "Theatre",
        "Theater",
        "Stadium",
        "Railway",
        "Police",
        "Army",
        "Navy",
        "Council",
        "Court",
        "Parliament",
        "Assembly",
        "Senate",
        "Ministry",
        "Department",
    ]
)


def _sentence_of(state: DocState, a: str, b: str | None = None) -> int | None:
    by_sentence: dict[int, set[str]] = {}
    for m in state.mentions:
        if m.entity:
            by_sentence.setdefault(m.sentence, set()).add(m.entity)
    for index in sorted(by_sentence):
        ids = by_sentence[index]
        if a in ids and (b is None or b in ids):
            return index
    return None


def _country_words(gazetteer: Gazetteer, state: DocState) -> dict[str, str]:
    """Surface forms of the countries this document names → their entity id."""
    return {
        surface: eid
        for eid in state.entities
        if eid.startswith("country:")
        for surface in gazetteer.surfaces_of(eid)
        if len(surface) > 2
    }


@component("place_relations")
def place_relations(state: DocState) -> DocState:
    gazetteer: Gazetteer = state.settings["gazetteer"]
    found: dict[tuple[str, str, str], Relation] = {}

    def emit(
        source: str, rel_type: str, target: str, index: int | None, method: str, confidence: float
    ) -> None:
        if source == target or index is None:
            return
        rel = Relation(source, rel_type, target, {}, [state.evidence(index, method, confidence)])
        known = found.get(rel.key)
        if known is None:
            found[rel.key] = rel
        else:
            known.add_evidence(rel.evidence)
            merge_properties(known.properties, rel.properties)

    countries = _country_words(gazetteer, state)
    country_pattern = (
        re.compile(
            r"\b("
            + "|".join(re.escape(w) for w in sorted(countries, key=len, reverse=True))
            + r")\b"
        )
        if countries
        else None
    )
    infer = bool(state.settings.get("infer_places"))
    capitals = capital_cities(state.settings.get("pack", "geopolitics")) if infer else {}
    for eid, entity in state.entities.items() if infer else ():
        entry = gazetteer.entries.get(eid)
        # 1. the gazetteer places it in a country the document names
        if entry is not None and entry.country and entity.label == "Location":
            country = gazetteer.by_iso2.get(entry.country.upper())
            if capitals.get(entity.name) == entry.country.upper():
                continue  # a capital often stands for its country: never a country in itself
            if country in state.entities:
                index = _sentence_of(state, eid, country)
                emit(
                    eid,
                    "LOCATED_IN",
                    country,
                    index if index is not None else _sentence_of(state, eid),
                    "inferred:gazetteer:country",
                    0.7,
                )
            continue
        # 2. its name carries a country: "Norwegian Military Academy"
        if (
            entry is None
            and country_pattern
            and entity.label in ("Organization", "Location", "Event")
        ):
            match = country_pattern.search(entity.name)
            if match and match.group(0) != entity.name:
                country = countries[match.group(0)]
                rel_type = (
                    "PART_OF"
                    if entity.label == "Organization" and set(entity.name.split()) & STATE_WORDS
                    else "LOCATED_IN"
                )
                index = _sentence_of(state, eid, country)
                emit(
                    eid,
                    rel_type,
                    country,
                    index if index is not None else _sentence_of(state, eid),
                    "inferred:name:country",
                    0.6,
                )

    # 3. a local place or body in a document about one country: that country
    found_main = state.main_country(dominant=True) if infer else None
    main = found_main.entity if found_main else None
    if main is not None:
        placed = {key[0] for key in found if key[1] in ("LOCATED_IN", "PART_OF")}
        for eid, entity in state.entities.items():
            if eid in placed or eid in gazetteer.entries or eid == main:
                continue
            local_body = entity.label == "Organization" and set(entity.name.split()) & LOCAL_WORDS
            if entity.label == "Location" or local_body:
                emit(
                    eid,
                    "LOCATED_IN",
                    main,
                    _sentence_of(state, eid, main) or _sentence_of(state, eid),
                    "inferred:document:country",
                    0.4,
                )

    # 4. "Vancouver, British Columbia, Canada": chains of places (with the parser's labels
    # only: --fast states no typed edge, so it never states one the default would not)
    parsed = state.spacy_doc is not None and state.spacy_doc.has_annotation("DEP")
    for index in range(len(state.sentences)) if parsed else ():
        ms = [m for m in state.mentions_in(index)]
        chain: list[Mention] = []
        for m in ms:
            if (
                chain
                and m.label in ("Location", "Country")
                and re.fullmatch(r",\s*", state.text[chain[-1].end : m.start])
                and not re.match(r"['’]s\b", state.text[m.end : m.end + 3])  # "Belgium's X"
            ):
                chain.append(m)
            else:
                _emit_chain(chain, index, emit, state.text)
                chain = [m] if m.label in ("Location", "Organization", "Event") else []
        _emit_chain(chain, index, emit, state.text)

    state.relations.extend(found.values())
    return state


def _emit_chain(chain: list[Mention], index: int, emit, text: str) -> None:
    while chain and chain[0].label == "Organization" and chain[0].gazetteer_id:
        chain = chain[1:]  # an international body is not "in" the country listed after it
    # a list ("the EU, Saudi Arabia, and China") is no chain; only places inside places
    if len(chain) < 2 or sum(m.label == "Country" for m in chain) > 1:
        return
    if re.match(r",?\s+(?:and|or|&)\s|,\s+the\s", text[chain[-1].end : chain[-1].end + 7]):
        return
    if re.search(
        r"\b(?:including|such as|and|or)\s+$", text[max(0, chain[0].start - 12) : chain[0].start]
    ):
        return
    for i, inner in enumerate(chain[:-1]):
        for outer in chain[i + 1 :]:
            emit(inner.entity, "LOCATED_IN", outer.entity, index, "pattern:apposition", 0.6)
