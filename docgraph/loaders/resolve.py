"""Entity resolution within a document: one entity per real thing the document names.

(Across documents, :mod:`docgraph.loaders.merge` joins these.) Gazetteer ids are authoritative (Niger never becomes Nigeria: two gazetteer entries are
never merged). Other names are joined when they fold to the same key, when one is a
defined acronym of the other, when a lone surname matches a full name, or when rapidfuzz
finds them near-identical under the same label.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from docgraph.graph.model import Entity, entity_id
from docgraph.loaders.gazetteer import WEAK_KINDS, Gazetteer, fold
from docgraph.loaders.labels import (
    KIND_WORDS,
    ORG_WORDS,
    PLACE_WORDS,
    label_by_context,
    label_by_words,
)
from docgraph.loaders.pipeline import DocState, component

__all__ = ["FUZZY_CUTOFF", "resolve_mentions"]

#: rapidfuzz ratio (0–100) above which two non-gazetteer names of one label are one entity
FUZZY_CUTOFF = 90
_LABEL_PREFERENCE = ["Country", "Organization", "Event", "Program", "Person", "Location"]


@component("resolve_mentions")
def resolve_mentions(state: DocState) -> DocState:
    gazetteer: Gazetteer = state.settings["gazetteer"]
    acronyms: dict[str, tuple[str, str]] = state.settings.get("acronyms", {})
    doc_id = state.document.id

    # 1. a key per mention: gazetteer id, or label-free folded name
    label_votes: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    keys: list[str] = []
    text = state.text
    for m in state.mentions:
        weight = 1
        if m.source == "ner":
            m.label, weight = label_by_context(m, text)
        if m.gazetteer_id:
            key = m.gazetteer_id
        elif m.source == "acronym" and m.text in acronyms:
            long_form = acronyms[m.text][0]
            entry = gazetteer.lookup(long_form)
            key = entry.id if entry else "name:" + fold(long_form)
        else:
            entry = None
            if m.label != "Person":
                entry = gazetteer.lookup(m.text) or gazetteer.lookup(
                    _expand_acronyms(m.text, gazetteer)
                )
            key = entry.id if entry else "name:" + fold(m.text)
        keys.append(key)
        label_votes[key][m.label] += weight
        surfaces[key][_one_line(m.text)] += 1

    # 2. near-identical names (spelling variants, plurals, initials) under one label
    best_surface = {k: max(v, key=lambda s: (len(s.split()), len(s))) for k, v in surfaces.items()}
    # words of people's full names: "Edward" and "Edwards" may be two people, not a plural
    person_words = {
        w
        for k, s in best_surface.items()
        if " " in s and _label(label_votes[k]) == "Person"
        for w in s.split()
    }
    remap: dict[str, str] = {}
    plain = [k for k in label_votes if k.startswith("name:")]
    expanded = {k: _expand_acronyms(best_surface[k], gazetteer) for k in plain}
    plain.sort(key=lambda k: (-sum(surfaces[k].values()), k))
    for i, k in enumerate(plain):
        if k in remap:
            continue
        for other in plain[i + 1 :]:
            if other in remap:
                continue
            same_label = _label(label_votes[k]) == _label(label_votes[other])
            # "Mamluk" / "Mamluks" whatever the model read, but not a surname ("Edwards")
            plural = _is_plural(k[5:], other[5:]) and not (
                {best_surface[k], best_surface[other]} & person_words
            )
            if plural or (
                same_label
                and (
                    expanded[k] == expanded[other]
                    or _similar(k[5:], other[5:])
                    or _same_with_initials(best_surface[k], best_surface[other])
                )
            ):
                remap[other] = k
    # 3. a name that is part of exactly one longer name in the document is that entity:
    #    "Traore" → "Mousa Traore", "Vikings" → "Minnesota Vikings"; longest names first,
    #    so "von der Esch" has joined its full name before "Esch" looks for its owner
    #    (a gazetteer entity offers its full name too: "the Union" when the text wrote "EU")
    full_words = {k: _full_words(best_surface[k], k, gazetteer) for k in surfaces}
    long_names = {k: words for k, words in full_words.items() if len(words) > 1}
    parts: set[str] = set()
    first_seen: dict[str, int] = {}
    for m, key in zip(state.mentions, keys, strict=True):
        first_seen[key] = min(first_seen.get(key, m.start), m.start)
    # a biography opens with its subject ("Franck Piccard (born 1965) is ..."): a surname
    # that several people of the text share is that person's
    first = min(range(len(keys)), key=lambda i: state.mentions[i].start, default=None)
    lead = (
        keys[first]
        if first is not None
        and state.mentions[first].start < 5
        and _label(label_votes[keys[first]]) == "Person"
        else None
    )
    for k in sorted(surfaces, key=lambda k: -len(best_surface[k].split())):
        weak = _is_weak_place(k, gazetteer)
        if (k in gazetteer.entries and not weak) or k in remap:
            continue
        words = best_surface[k].split()
        is_place = weak or gazetteer.lookup(best_surface[k]) is not None
        owners = {
            _final(remap, other)
            for other, long_words in long_names.items()
            if other != k
            and len(long_words) > len(words)
            and (not weak or _label(label_votes[other]) == "Person")
            and _is_part(words, long_words, label_votes[other], label_votes[k], is_place)
            # "Idriss Déby ruled ...; Mahamat Idriss Déby then took power": a full name
            # named before the longer one is another person (a father), not its short form
            and not (
                len(words) > 1
                and long_words[-len(words) :] == words
                and first_seen[k] < first_seen[other]
                and (label_votes[other]["Person"] or not set(long_words) & KIND_WORDS)
            )
        }
        if len(owners) > 1 and lead in owners and label_votes[k]["Location"] == 0:
            owners = {lead}  # "Piccard's siblings Leila Piccard, Ian Piccard": the lead's
        if len(owners) == 1 and k not in owners:
            remap[k] = owners.pop()
            parts.add(k)
    # 4. an acronym the document uses without defining it, for the one name it abbreviates:
    #    "CCC" → "Civilian Conservation Corps", "TSPM" → "Three-Self Patriotic Movement"
    by_initials: dict[str, set[str]] = defaultdict(set)
    for k, long_words in long_names.items():
        if not _is_weak_place(k, gazetteer) and _label(label_votes[k]) != "Person":
            by_initials[_initials(long_words)].add(_final(remap, k))  # "AP" is not Ana Pereira
    for k in surfaces:
        acronym = best_surface[k]
        if k in remap or k in gazetteer.entries or not re.fullmatch(r"[A-Z]{3,6}", acronym):
            continue
        owners = by_initials.get(acronym, set()) - {k}
        if len(owners) == 1:
            remap[k] = owners.pop()

    for src, dst in list(remap.items()):
        while dst in remap:
            dst = remap[dst]
        remap[src] = dst
        if src not in parts:  # a surname says nothing about the label of the full name
            label_votes[dst].update(label_votes[src])
        surfaces[dst].update(surfaces[src])

    # 5. single common words the model took for names ("Producer", "Church", "State")
    junk = {
        k
        for k in surfaces
        if k not in remap
        and k not in gazetteer.entries
        and (
            (
                _label(label_votes[k]) in ("Person", "Event", "Program")  # "Producer"
                and _is_common_word(best_surface[k], state, k, keys)
            )
            or _is_bare_word(best_surface[k])  # "Education", "Security"
        )
    }

    # 6. entities
    entities: dict[str, Entity] = {}
    kept_mentions = []
    by_key: dict[str, Entity] = {}
    for m, key in zip(state.mentions, keys, strict=True):
        if key in junk:
            continue
        kept_mentions.append(m)
        key = remap.get(key, key)
        entity = by_key.get(key)
        if entity is None:
            entity = _make_entity(key, label_votes[key], surfaces[key], gazetteer, acronyms)
            entity = entities.setdefault(entity.id, entity)
            by_key[key] = entity
        entity.aliases.add(_one_line(m.text))
        entity.mentions[doc_id] = entity.mentions.get(doc_id, 0) + 1
        m.entity = entity.id
        m.label = entity.label
    state.mentions = kept_mentions
    state.entities = entities
    return state


def _one_line(surface: str) -> str:
    """A name as one line: "Economic Community of West\nAfrican States" (hard-wrapped text)."""
    return " ".join(surface.split())


#: zipf frequency (wordfreq) from which a lone capitalised word is taken for a common word
COMMON_WORD_ZIPF = 4.3


def _is_common_word(surface: str, state: DocState, key: str, keys: list[str]) -> bool:
    words = surface.split()
    if len(words) != 1 or not surface.isalpha():
        return False
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(surface.lower(), "en")
    if zipf >= COMMON_WORD_ZIPF:
        return True
    # capitalised only because it opens the sentence ("Hitherto", "Eventually")
    starts = {s for s, _ in state.sentences}
    positions = [m.start for m, k in zip(state.mentions, keys, strict=True) if k == key]
    return zipf >= 3.0 and all(_sentence_initial(state.text, p, starts) for p in positions)


#: zipf frequency from which a lone word is a common noun whatever label the model gave it
BARE_WORD_ZIPF = 4.8


#: endings of abstract nouns: "Education", "Development", "Security", "Governance"
_ABSTRACT = re.compile(r"(?:tion|sion|ment|ness|ity|ance|ence|ship|hood|dom|ism|ure|ing)$")


def _is_bare_word(surface: str) -> bool:
    """A lone frequent abstract noun that no longer name in the document took in
    ("Education", "Security"): not an entity of its own. Frequent names ("Trump",
    "Google") and heads of bodies ("Senate", "Army") stay."""
    if " " in surface or not surface.isalpha() or surface in ORG_WORDS:
        return False
    if not _ABSTRACT.search(surface):
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(surface.lower(), "en") >= BARE_WORD_ZIPF


def _sentence_initial(text: str, pos: int, starts: set[int]) -> bool:
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i in starts or i == 0


def _expand_acronyms(surface: str, gazetteer: Gazetteer) -> str:
    """The folded name with each acronym of a gazetteer entity written out, so that
    "UN Interim Security Force" and "United Nations Interim Security Force" are one name."""
    words = []
    for word in surface.split():
        entry = gazetteer.lookup(word) if word.isupper() and len(word) > 1 else None
        words.append(entry.name if entry is not None else word)
    return fold(" ".join(words))


def _similar(a: str, b: str) -> bool:
    """Spelling variants of one name ("Mousa Traore" / "Moussa Traoré"), never two things
    that differ in a number ("2002 Winter Olympics" / "2006 Winter Olympics")."""
    if min(len(a), len(b)) <= 8 or re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    return fuzz.ratio(a, b) >= FUZZY_CUTOFF


def _is_plural(a: str, b: str) -> bool:
    """ "Mamluk" and "Mamluks" (whatever labels the model gave each)."""
    return len(a) > 3 and (a + "s" == b or b + "s" == a)


def _same_with_initials(a: str, b: str) -> bool:
    """ "William H. Armstrong" and "William Hepburn Armstrong": equal words, or an initial
    for a word."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 3 or wa[0] != wb[0] or wa[-1] != wb[-1]:
        return False
    for x, y in zip(wa[1:-1], wb[1:-1], strict=True):
        short, full = sorted((x, y), key=len)
        if x != y and not (re.fullmatch(r"[A-Z]\.?", short) and full.startswith(short[0])):
            return False
    return True


def _final(remap: dict[str, str], key: str) -> str:
    while key in remap:
        key = remap[key]
    return key


_MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "&"})


def _initials(words: list[str]) -> str:
    """ "International Federation of Football History & Statistics" → "IFFHS"."""
    parts = [p for w in words for p in re.split(r"[-–]", w) if p]
    return "".join(p[0] for p in parts if p.lower() not in _MINOR_WORDS and p[0].isalpha()).upper()


def _full_words(surface: str, key: str, gazetteer: Gazetteer) -> list[str]:
    """The words of the longest name an entity has in the document or the gazetteer."""
    entry = gazetteer.entries.get(key)
    full = entry.name.split() if entry is not None else []
    return max(surface.split(), full, key=len)


def _is_part(
    words: list[str],
    long_words: list[str],
    long_votes: Counter,
    words_votes: Counter,
    is_place: bool,
) -> bool:
    """``words`` end ``long_words`` (a head or surname) or, for people, start them or give
    their first and last name ("Henrik Angell" in "Henrik August Angell")."""
    n = len(words)
    if long_words[-n:] == words:
        return True
    if long_votes["Person"] == 0:
        # "Yale" in "Yale College", "Epic" in "Epic Records": a name before the kind of body
        rest = set(long_words[n:])
        return (
            long_words[:n] == words
            and bool(rest & (ORG_WORDS | PLACE_WORDS))
            and not (words_votes["Location"] or is_place)  # "Syracuse" is not its University
        )
    if long_words[:n] == words:
        return True
    if n == 1 and words[0] in long_words[1:-1] and words[0][:1].isupper():
        return True  # "Lula" in "Luiz Inácio Lula da Silva": a name among the middle ones
    return n == 2 and words[0] == long_words[0] and words[-1] == long_words[-1]


def _label(votes: Counter) -> str:
    best = max(votes.values())
    tied = [lab for lab, n in votes.items() if n == best]
    return min(
        tied, key=lambda lab: _LABEL_PREFERENCE.index(lab) if lab in _LABEL_PREFERENCE else 99
    )


def _make_entity(
    key: str,
    votes: Counter,
    surfaces: Counter,
    gazetteer: Gazetteer,
    acronyms: dict[str, tuple[str, str]],
) -> Entity:
    entry = gazetteer.entries.get(key)
    if entry is not None:
        props = {"iso2": entry.iso2} if entry.iso2 else {}
        return Entity(entry.id, entry.name, entry.label, set(), props)
    long_forms = [acronyms[s][0] for s in surfaces if s in acronyms]
    if long_forms:
        name = long_forms[0]
    else:
        # a full name over a surname or a bare head word, then the most frequent form
        name = max(surfaces, key=lambda s: (len(s.split()) > 1, surfaces[s], len(s), s))
    label = label_by_words(name, _label(votes))
    return Entity(entity_id(label, name), name, label)


def _is_weak_place(key: str, gazetteer: Gazetteer) -> bool:
    """A town from the weak list ("Kaya", "Anand"): in a document about Ahmet Kaya, the
    lone "Kaya" is him, not the town in Burkina Faso."""
    entry = gazetteer.entries.get(key)
    return entry is not None and entry.kind in WEAK_KINDS


def _is_gazetteer(eid: str, gazetteer: Gazetteer) -> bool:
    return eid in gazetteer.entries
