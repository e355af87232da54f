"""References back, resolved for foreign-relations prose (a pipeline component).

Prose about states rarely repeats a name: "the country joined", "it also belongs to",
"both countries reopened their embassies", "the bloc flew in troops", "Nairobi took a
loan". This component adds a ``coref`` mention, pointing at the entity meant, for:

- ``it``/``its`` and "the country" (the subject the text was last about, of a label that
  fits), ``they``/``their`` (the last list of two or more);
- "both countries", "the two countries/governments" (the last two countries named);
- "the bloc", "the organisation", "the bank", "the party" … (the last body named whose
  name, for the specific nouns, contains the word);
- "the three states", "the six members" (the last list of that many countries);
- a capital standing for its government when it acts (subject, agent, possessor): all its
  mentions in the document then resolve to the country, whose alias it becomes, and the
  capital is not a node of its own.

Where no antecedent fits, nothing is added: no edge is better than a guessed one.
"""

from __future__ import annotations

import bisect
import json
from functools import lru_cache
from typing import Any

from docgraph.graph.model import Entity
from docgraph.loaders.gazetteer import DATA, Gazetteer
from docgraph.loaders.pipeline import DocState, Mention, component

__all__ = ["capital_cities", "mentions_by_token", "resolve_references"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "both": 2}  # fmt: skip
WINDOW = 3  # sentences an antecedent may lie back


@lru_cache(maxsize=4)
def capital_cities(pack: str) -> dict[str, str]:
    """Capital city name → ISO2 code of its country (the pack's ``capitals.json``)."""
    path = DATA / pack / "capitals.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def mentions_by_token(
    state: DocState, doc: Any
) -> tuple[list[list[Mention]], list[tuple[int, Mention]]]:
    """The resolved mentions each token is part of (a reference may stand for several),
    and (head token index, mention) pairs in text order."""
    by_token: list[list[Mention]] = [[] for _ in range(len(doc))]
    heads: list[tuple[int, Mention]] = []
    for m in state.mentions:
        if not m.entity:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            by_token[t.i].append(m)
        heads.append((span.root.i, m))
    heads.sort(key=lambda x: x[0])
    return by_token, heads


class _Resolver:
    def __init__(self, state: DocState, doc: Any) -> None:
        self.state = state
        self.doc = doc
        self.by_token, self.heads = mentions_by_token(state, doc)
        self.sentence_starts = [s.start for s in doc.sents]
        # the country "the country" means when it is in view (computed once per document)
        self.main = state.main_country(dominant=True) or state.main_country()
        self.added: list[Mention] = []
        lexicon = state.settings["rules"].lexicon  # the word lists live in the pack's data
        self.country_nouns = lexicon["reference_country_nouns"]
        self.group_nouns = lexicon["reference_group_nouns"]
        self.named_body_nouns = lexicon["reference_named_body_nouns"]
        self.any_body_nouns = lexicon["reference_any_body_nouns"]
        self.event_nouns = lexicon["reference_event_nouns"]

    def _add(self, tokens: list[Any], targets: list[Mention], label: str | None = None) -> None:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        sentence = targets[0].sentence
        for index, (s, e) in enumerate(self.state.sentences):
            if s <= start < e:
                sentence = index
                break
        for target in targets:
            m = Mention(
                start,
                end,
                self.state.text[start:end],
                label or target.label,
                "coref",
                entity=target.entity,
                sentence=sentence,
            )
            self.added.append(m)
            for t in tokens:
                self.by_token[t.i].append(m)
        self.heads.append((tokens[-1].i, *targets[:1]))
        self.heads.sort(key=lambda x: x[0])

    def _before(
        self, token: Any, labels: set[str], window: int = WINDOW
    ) -> list[tuple[int, Mention]]:
        """Mentions of these labels before ``token``, nearest first, within the window."""
        index = bisect.bisect_right(self.sentence_starts, token.i) - 1
        lo = self.sentence_starts[max(0, index - window + 1)] if index >= 0 else 0
        out = [(i, m) for i, m in self.heads if lo <= i < token.i and m.label in labels]
        return out[::-1]

    def singular(self, token: Any, labels: set[str], *, prefer_main: bool = False) -> list[Mention]:
        """ "it", "the country": a subject earlier in the same sentence; for "the country"
        (``prefer_main``), the country the document is about if it was named in the
        window; else the nearest subject of a fitting label, else the nearest mention."""
        # "the Warsaw Pact, of which it had been a member": a pronoun inside a relative
        # clause is not the noun the clause describes
        described = {a.head.i for a in token.ancestors if a.dep_ == "relcl"}
        candidates = [
            (i, m)
            for i, m in self._before(token, labels)
            if not self._in_list(self.doc[i]) and i not in described
        ]
        if not candidates:
            return []
        for i, m in candidates:
            if i >= token.sent.start and self.doc[i].dep_ in SUBJECT_DEPS:
                return [m]
        main = self.main
        if main is not None and prefer_main:
            for _, m in candidates:
                if m.entity == main.entity:
                    return [m]
        for i, m in candidates:
            if self.doc[i].dep_ in SUBJECT_DEPS:
                return [m]
        return [candidates[0][1]]

    def _in_list(self, token: Any) -> bool:
        return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)

    def they(self, token: Any) -> list[Mention]:
        """ "they": the nearest plural subject before it: a list of names, or a plural noun
        whose modifier names its country ("Ethiopian troops ... they joined AMISOM")."""
        sent_start = max(0, token.sent.start - 60)
        for i in range(token.i - 1, sent_start - 1, -1):
            t = self.doc[i]
            if t.dep_ not in SUBJECT_DEPS:
                continue
            members = [t, *t.conjuncts] if t.dep_ != "conj" else [t]
            found = _distinct(m for x in members for m in self.by_token[x.i])
            if len(found) >= 2:
                return found
            if t.tag_ in ("NNS", "NNPS") and not found:
                mods = _distinct(
                    m
                    for c in t.children
                    if c.dep_ in ("amod", "compound", "poss")
                    for m in self.by_token[c.i]
                    if m.label == "Country"
                )
                if len(mods) == 1:
                    return mods
                return []
        return []

    def person(self, token: Any) -> list[Mention]:
        """ "he", "his": the nearest person who was a subject, else the person the
        document opened with (a biography is about its first person)."""
        before = self._before(token, {"Person"})
        for i, m in before:
            if self.doc[i].dep_ in SUBJECT_DEPS:
                return [m]
        people = [m for _, m in self.heads if m.label == "Person" and m.source != "coref"]
        if people and people[0].start < token.idx:
            return [people[0]]
        return []

    def pair(self, token: Any, phrase: Any) -> list[Mention]:
        """ "both countries": the two countries of the same sentence, else the last two."""
        inside = {t.i for t in phrase}
        here = _distinct(
            m
            for t in token.sent
            if t.i not in inside
            for m in self.by_token[t.i]
            if m.label == "Country"
        )
        if len(here) == 2:
            return here
        return self.last_two(token)

    def plural(self, token: Any, count: int | None, labels: set[str]) -> list[Mention]:
        """ "the three states": the nearest list (of ``count`` items); a counted list is
        recognisable from further back ("the Quad, a grouping of A, B, C and D" ... two
        paragraphs later "the four governments")."""
        for i, _ in self._before(token, labels, window=2 * WINDOW if count else WINDOW):
            t = self.doc[i]
            if t.dep_ == "conj":
                continue
            members = [t, *t.conjuncts]
            found = _distinct(
                mm for x in members for mm in self.by_token[x.i] if mm.label in labels
            )
            if len(found) >= 2 and (count is None or len(found) == count):
                return found
        return []

    def last_two(self, token: Any) -> list[Mention]:
        found: list[Mention] = []
        for _, m in self._before(token, {"Country"}):
            if all(m.entity != f.entity for f in found):
                found.append(m)
            if len(found) == 2:
                return found
        return []

    def event(self, token: Any, word: str) -> list[Mention]:
        """ "the summit": the nearest event named before whose name has the word."""
        for _, m in self._before(token, {"Event"}):
            if m.entity and word in self.state.entities[m.entity].name.lower():
                return [m]
        return []

    def body(self, token: Any, word: str) -> list[Mention]:
        """ "the bloc": the body named most so far (ties: the nearest), among those whose
        name has the word for the specific nouns ("the bank")."""
        counts: dict[str, int] = {}
        nearest: dict[str, tuple[int, Mention]] = {}
        for i, m in self.heads:
            if i >= token.i or m.label != "Organization" or not m.entity or m.source == "coref":
                continue
            name = self.state.entities[m.entity].name.lower()
            if word in self.any_body_nouns or word in name.split():
                counts[m.entity] = counts.get(m.entity, 0) + 1
                nearest[m.entity] = (i, m)
        # the nearest body of this or the previous sentence ("a founding member of the G5
        # Sahel ... After Mali left the group"); else the one named most in the last few
        # sentences; failing that, for "the bloc" or "the group", the body the whole
        # article is about so far
        for _, m in self._before(token, {"Organization"}, window=2):
            if m.entity in counts:
                return [m]
        window = {m.entity for _, m in self._before(token, {"Organization"})}
        candidates = [e for e in counts if e in window]
        if not candidates and word in self.any_body_nouns:
            candidates = list(counts)
        if not candidates:
            return []
        best = max(candidates, key=lambda e: (counts[e], nearest[e][0]))
        return [nearest[best][1]]

    def run(self) -> None:
        for token in self.doc:
            if self.by_token[token.i]:
                continue
            lower = token.lower_
            if token.pos_ == "PRON" and lower in ("it", "its"):
                found = self.singular(token, {"Country", "Organization"})
                if found:
                    self._add([token], found)
            elif token.pos_ == "PRON" and lower in ("he", "she", "his", "her", "him"):
                found = self.person(token)
                if found:
                    self._add([token], found)
            elif token.pos_ == "PRON" and lower in ("they", "their", "them"):
                found = self.they(token)
                if found:
                    self._add([token], found)
            elif token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.text.islower()):
                self._noun_phrase(token)  # the tagger reads "the bloc" as a name at times
            elif (
                token.lower_ == "two"
                and token.dep_ in ("nsubj", "nsubjpass")
                and any(c.lower_ == "the" for c in token.children)
            ):
                found = self.pair(token, [token, *token.children])  # "the two established ties"
                if found:
                    self._add([token], found, "Country")

    def _noun_phrase(self, token: Any) -> None:
        dets = [
            c for c in token.children if c.dep_ in ("det", "predet", "nummod") and c.i < token.i
        ]
        if not dets:
            return
        words = {c.lower_ for c in dets}
        lemma = token.lemma_.lower()
        phrase = self.doc[min(c.i for c in dets) : token.i + 1]
        plural = token.tag_ in ("NNS", "NNPS")
        count = next((NUMBERS[w] for w in words if w in NUMBERS), None)
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            return  # "the country of origin", "the group of seven": a name or a new thing
        if any(
            self.by_token[c.i] for c in token.children if c.dep_ in ("compound", "nmod", "amod")
        ):
            return  # "the BRICS group", "the Kenyan government": the phrase names its referent
        if plural and lemma in self.group_nouns and count is not None:
            found = (
                self.pair(token, phrase) if count == 2 else self.plural(token, count, {"Country"})
            )
            if found:
                self._add(list(phrase), found, "Country")
        elif "the" in words and not plural and lemma in self.country_nouns:
            if any(c.dep_ in ("amod", "compound") for c in token.children if c.i < token.i) and any(
                c.lower_ in ("first", "last", "only", "new") for c in token.children
            ):
                return  # "the first country to recognise": a description, not a reference
            found = self.singular(token, {"Country"}, prefer_main=True)
            if found:
                self._add(list(phrase), found)
        elif (
            "the" in words
            and not plural
            and lemma in self.event_nouns
            and (found := self.event(token, lemma))
        ):
            self._add(list(phrase), found)
        elif (
            "the" in words
            and not plural
            and (lemma in self.any_body_nouns or lemma in self.named_body_nouns)
        ):
            found = self.body(token, lemma)
            if found:
                self._add(list(phrase), found)


def _distinct(mentions: Any) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if m.entity not in seen:
            seen.add(m.entity)
            out.append(m)
    return out


def _capital_acts(token: Any, lexicon: dict[str, list[str]]) -> bool:
    """Whether a capital stands for its government here: it acts (subject, agent,
    possessor), is acted on as a party ("angered Mogadishu", "hand Doha demands"), is the
    partner of a relation ("ties with Paris", "a veto on Skopje") or the post of an envoy
    ("its envoy in Madrid"). Visited, attacked or hosting, it stays a place; a conjunct
    ("Hanoi and Beijing established") takes the role of the first of its list."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    dep, head = token.dep_, token.head
    if dep in ACTING_DEPS:
        return True
    if dep in ("dobj", "dative"):
        return head.lemma_ not in lexicon["capital_place_verbs"]
    if dep != "pobj":
        return False
    if head.dep_ == "agent" or head.lower_ in lexicon["capital_partner_preps"]:
        return True
    if head.lower_ not in ("in", "to", "from"):
        return False
    envoys = lexicon["envoy_nouns"]
    governor = head.head  # "its envoy in Madrid", or "recalled its envoy | in Madrid"
    return governor.lemma_ in envoys or any(
        c.dep_ == "dobj" and c.lemma_ in envoys for c in governor.children
    )


def _capitals_as_governments(state: DocState, doc: Any) -> None:
    """A capital that acts stands for its country, in every mention of the document; any
    capital named in the document maps to its country for "its envoy in Madrid"."""
    gazetteer: Gazetteer = state.settings["gazetteer"]
    capitals = capital_cities(state.settings.get("pack", "geopolitics"))
    country_of: dict[str, str] = {}
    for eid, entity in state.entities.items():
        iso2 = capitals.get(entity.name) if entity.label == "Location" else None
        country = gazetteer.by_iso2.get(iso2.upper()) if iso2 else None
        if country:
            country_of[eid] = country
    if not country_of:
        return
    lexicon = state.settings["rules"].lexicon
    acting: set[str] = set()
    for m in state.mentions:
        span = (
            doc.char_span(m.start, m.end, alignment_mode="expand")
            if m.entity in country_of
            else None
        )
        if span is not None and _capital_acts(span.root, lexicon):
            acting.add(m.entity)
    doc_id = state.document.id
    for m in state.mentions:
        if m.entity not in acting:
            continue
        country = country_of[m.entity]
        entity = state.entities.get(country)
        if entity is None:
            entry = gazetteer.entries[country]
            props = {"iso2": entry.iso2} if entry.iso2 else {}
            entity = state.entities[country] = Entity(
                entry.id, entry.name, entry.label, set(), props
            )
        capital = state.entities.pop(m.entity, None)
        if capital is not None:
            entity.aliases.update(capital.aliases | {capital.name})
            entity.mentions[doc_id] = entity.mentions.get(doc_id, 0) + capital.mentions.get(
                doc_id, 0
            )
        entity.aliases.add(m.text)
        m.entity, m.label = country, "Country"
    first: dict[str, Mention] = {}
    for m in state.mentions:
        if m.label == "Country" and m.entity:
            first.setdefault(m.entity, m)
    state.settings["capital_of"] = {
        capital: first[country] for capital, country in country_of.items() if country in first
    }


@component("resolve_references")
def resolve_references(state: DocState) -> DocState:
    doc = state.spacy_doc
    if doc is None or not doc.has_annotation("DEP"):
        return state  # --fast: no parse, no references
    _capitals_as_governments(state, doc)
    resolver = _Resolver(state, doc)
    resolver.run()
    if resolver.added:
        state.mentions.extend(resolver.added)
        state.mentions.sort(key=lambda m: m.start)
    return state
