"""Components that find what the text names: citations out, sentences, entity mentions.

Three sources of mentions, in order of trust: the gazetteer (an EntityRuler before spaCy's
``ner``, so "Mali" is a country and not a person), patterns keyed on head words for the
events and programmes the small model misses, and spaCy's statistical NER.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from docgraph.loaders.gazetteer import WEAK_KINDS, Gazetteer
from docgraph.loaders.labels import FAITH_OR_PARTY, KIND_WORDS, label_by_words
from docgraph.loaders.pipeline import DocState, Mention, Value, component
from docgraph.loaders.spacy_components import is_title

__all__ = ["CITATION", "blank_citations"]

#: Wikipedia-style citation markers: [5], [167], [a], [citation needed], [note 3]
CITATION = re.compile(r"\[(?:\d{1,4}|[a-z]|note \d+|citation needed|nb \d+)\]", re.IGNORECASE)

SPACY_LABELS = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "EVENT": "Event",
    "LAW": "Program",
    "NORP": "NORP",
}
VALUE_LABELS = frozenset({"DATE", "MONEY", "CARDINAL", "QUANTITY", "PERCENT"})

#: a capital letter, accented ones included ("Émergent", "Łódź")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAP = rf"[{_UPPER}][\w'’.-]*"
# one way to split the spaces between words (no "\s+ … \s*"), so that a long run of
# spaces costs linear time, not quadratic
# and at most eight words: an unbounded run would be retried from every capital of a long
# capitalised stretch (quadratic on "Republic Of Mali Republic Of Mali …")
_CAPS = rf"{_CAP}(?:\s+(?:(?:of|for|and|the|on|in|de|du|des|la|le)\s+)?{_CAP}){{0,8}}"
EVENT_PATTERNS = [
    re.compile(rf"\bOperation\s+{_CAP}(?:\s+{_CAP}){{0,5}}"),
    re.compile(r"\b(?:(?:1[0-9]|20)\d{2}\s+)(?:[A-Z][a-z]+\s+)?coup(?:\s+d[’']état)?\b"),
    re.compile(
        rf"\b(?:(?:1[0-9]|20)\d{{2}}\s+)?{_CAPS}\s+(?:War|Wars|Conflict|Crisis|Summit|Conference|"
        r"Olympics|Games|Championships?|Cup|Revolution|Uprising|Rebellion|Insurgency|"
        r"Contest|Tournament|Festival|Election|Referendum|Massacre|Campaign|Offensive)"
        r"(?:\s+(?:I{1,3}|IV|V|VI{1,3}|(?:1[0-9]|20)\d{2}))?\b"
    ),
    re.compile(
        r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December)\s+)?(?:1[0-9]|20)\d{2}\s+[a-z]+\s+(?:conference|summit)\b"
    ),
    re.compile(
        r"\b(?:Ukrainian|Malian|Libyan|Syrian|Yemeni|Sudanese)\s+(?:conflict|civil war|crisis)\b"
    ),
    re.compile(r"\bwar on terror(?:ism)?\b"),
    # "the G20 summit", "the 2024 Kazan summit", "the annual Malabar exercise"
    re.compile(
        rf"\b(?:(?:1[0-9]|20)\d{{2}}\s+)?{_CAP}(?:\s+{_CAP}){{0,3}}\s+(?:summit|exercise|standoff)\b"
    ),
    re.compile(rf"\b(?:1[0-9]|20)\d{{2}}\s+invasion of (?:the )?{_CAP}(?:\s+{_CAP}){{0,3}}"),
    re.compile(
        rf"\b(?:Battle|Siege|Sack|Treaty|Congress|Council|Capture|Invasion) of (?:the )?{_CAP}(?:\s+{_CAP}){{0,5}}"
    ),
]
#: infrastructure named after the places it joins: "Addis Ababa–Djibouti Railway", "the
#: Abidjan Metro", "Metro Manila Subway", "Jakarta MRT"; it keeps those places' names
INFRASTRUCTURE_PATTERNS = [
    re.compile(
        rf"\b{_CAP}(?:\s+{_CAP}){{0,3}}(?:[–-]{_CAP}(?:\s+{_CAP}){{0,2}})?\s+"
        r"(?:(?:Standard\s+Gauge\s+)?Railway|Metro|Subway|MRT|Bridge|Dam|Pipeline|Highway|Expressway)\b"
    ),
]
PROGRAM_PATTERNS = [
    re.compile(
        rf"\b{_CAPS}\s+(?:Program|Programme|Programs|Initiative|Plan|Strategy|Agreement|"
        r"Treaty|Partnership|Compact|Framework|Fund|Facility|Mechanism|Act|Accords?|Protocol)\b"
        # "Partnership for Maritime Domain Awareness", "Agreement on Trade in Services"
        rf"(?:\s+(?:for|on)\s+{_CAP}(?:\s+(?:and\s+|in\s+)?{_CAP}){{0,4}})?"
    ),
]
# "Long Name (ACR)" and "Long Name, or ACR,"
ACRONYM_PAREN = re.compile(
    rf"((?:[{_UPPER}][\w’'-]*,?\s+(?:(?:and|of|for|the|on|de|des|du|la)\s+)*){{1,9}}[{_UPPER}][\w’'-]*)\s+\(([A-Z][A-Za-z0-9&-]{{1,9}})\)"
)
ACRONYM_OR = re.compile(
    rf"((?:[{_UPPER}][\w’'-]*,?\s+(?:(?:and|of|for|the|on)\s+)*){{1,9}}[{_UPPER}][\w’'-]*),\s+or\s+([A-Z][A-Z0-9&-]{{1,9}}),"
)
# "(PIP) programs", ", or PSE, a strategy adopted in 2014"
PROGRAM_HEADS = re.compile(
    r"^\W*(?:(?:a|an|the)\s+(?:[\w-]+\s+)?)?(?:programs?|programmes?|initiatives?|plans?|strateg)",
    re.I,
)
EVENT_HEADS = re.compile(r"^\W*(?:conference|summit|operation|war)", re.I)


def blank_citations(text: str) -> str:
    """Replace citation markers with spaces (or a full stop where one starts a sentence),
    keeping every character offset: evidence offsets must slice the original text."""

    def repl(match: re.Match[str]) -> str:
        width = match.end() - match.start()
        before = text[: match.start()].rstrip()
        after = text[match.end() : match.end() + 3]
        if before and before[-1] not in ".!?:;,\"'”’)" and re.match(r"\s*[A-Z]", after):
            return "." + " " * (width - 1)
        return " " * width

    return CITATION.sub(repl, text)


def _initials_match(long_form: str, acronym: str) -> bool:
    """Schwartz–Hearst style check: the acronym's letters start words of the long form."""
    long_form = unicodedata.normalize("NFKD", long_form)  # "Émergent" starts with E
    words = [w for w in re.split(r"[\s,-]+", long_form) if w]
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not words or not letters or letters[0] != words[0][0].lower():
        return False
    initials = [w[0].lower() for w in words]
    i = 0
    for ch in letters:
        while i < len(initials) and initials[i] != ch:
            i += 1
        if i == len(initials):
            return False
        i += 1
    return True


def _trim_acronym_long_form(long_form: str, acronym: str) -> str:
    """Drop leading words until the first word starts with the acronym's first letter,
    keeping the shortest span that still explains every letter."""
    words = long_form.split()
    letters = sum(1 for c in acronym if c.isalpha())
    for i in range(len(words)):
        candidate = " ".join(words[i:])
        if len(words) - i < min(letters, 2):
            break
        if _initials_match(candidate, acronym) and not _initials_match(
            " ".join(words[i + 1 :]), acronym
        ):
            return candidate.rstrip(",")
    return long_form.rstrip(",")


#: capitalised only because they open a sentence: "After the Korean War", "During the …"
_OPENERS = re.compile(
    r"^(?:(?:After|During|When|While|Before|Since|Following|In|On|At|By|From|Only|Until|Unlike|"
    r"Like|As|Under|With|The|A|An|Then|Later|the|a|an)\s+)+"
)


def _trim_pattern_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a pattern match at a sentence end ("Battle of Homs. Due", but not "St.") and
    drop the sentence openers and owners before it ("After the Korean War", "Egypt's
    Extended Fund Facility")."""
    for stop in re.finditer(r"[.!?]\s", text[start:end]):
        word = re.search(r"[\w.]*$", text[start : start + stop.start()]).group(0)
        if not re.fullmatch(r"[A-Z][a-z]{0,2}|(?:[A-Z]\.)*[A-Z]", word):  # "St.", "U.S."
            end = start + stop.start()
            break
    opener = _OPENERS.match(text[start:end])
    if opener:
        start += opener.end()
    owner = re.match(r"(?:[\w.-]+(?:'s|’s|s'|s’)\s+)+", text[start:end])
    if owner and owner.end() < end - start:
        start += owner.end()  # "Egypt's Extended Fund Facility": the owner is not the name
    return start, end


@component("patterns")
def pattern_mentions(state: DocState) -> DocState:
    """Events, programmes and acronym definitions the statistical model tends to miss."""
    text = state.text
    found: list[Mention] = []
    for label, patterns in (
        ("Event", EVENT_PATTERNS),
        ("Program", PROGRAM_PATTERNS),
        ("Location", INFRASTRUCTURE_PATTERNS),
    ):
        for pattern in patterns:
            for m in pattern.finditer(text):
                start, end = _trim_pattern_span(text, m.start(), m.end())
                # what is left must still be such a name: "Queen Elizabeth Hospital. The …
                # Summit" cut at the full stop has lost its head word, "The War" its name
                if pattern.fullmatch(text, start, end):
                    found.append(Mention(start, end, text[start:end], label, "pattern"))
    acronyms: dict[str, tuple[str, str]] = {}
    for pattern in (ACRONYM_PAREN, ACRONYM_OR):
        for m in pattern.finditer(text):
            acronym = m.group(2)
            long_form = _trim_acronym_long_form(m.group(1), acronym)
            if not _initials_match(long_form, acronym):
                continue
            start = (
                m.start(1) + m.group(1).rfind(long_form) if long_form in m.group(1) else m.start(1)
            )
            tail = text[m.end() : m.end() + 30]
            label = ""
            if PROGRAM_HEADS.match(tail) or re.search(
                r"(?:Program|Programme|Initiative)$|^(?:Plan|Programme|Program)\b", long_form
            ):
                label = "Program"
            elif EVENT_HEADS.match(tail):
                label = "Program" if "Program" in long_form else "Event"
            found.append(Mention(start, start + len(long_form), long_form, label, "acronym"))
            a_start = m.start(2)
            found.append(Mention(a_start, a_start + len(acronym), acronym, label, "acronym"))
            acronyms[acronym] = (long_form, label)
    # later uses of a defined acronym, alone
    for acronym, (_long_form, label) in acronyms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            found.append(Mention(m.start(), m.end(), acronym, label, "acronym"))
    state.settings.setdefault("acronyms", {}).update(acronyms)
    state.mentions.extend(found)
    return state


def _priority(mention: Mention) -> tuple[int, int]:
    rank = {"gazetteer": 4, "acronym": 3, "pattern": 2, "ner": 1}.get(mention.source, 0)
    return (rank, mention.end - mention.start)


@component("merge_mentions")
def merge_mentions(state: DocState) -> DocState:
    """Resolve overlapping spans: trusted sources first, then longer spans; assign sentences."""
    gazetteer: Gazetteer = state.settings["gazetteer"]
    kept: list[Mention] = []
    taken = bytearray(len(state.text) + 1)  # 1 where a kept mention covers the character
    acronyms = state.settings.get("acronyms", {})
    # an acronym the document defines means what the document says ("DDR" is not East Germany)
    candidates = [m for m in state.mentions if not (m.source == "gazetteer" and m.text in acronyms)]
    # an event or programme named after a people keeps its name: "2023 Gabonese coup d'état";
    # an event named after a body or a place too: "the G20 summit", "2003 invasion of Iraq"
    named = [m for m in candidates if m.source == "pattern"]
    events = [m for m in named if m.label in ("Event", "Location")]
    candidates = [
        m
        for m in candidates
        if not (m.demonym and any(p.start <= m.start and m.end <= p.end for p in named))
        and not (
            m.source == "gazetteer"
            and any(p.start <= m.start and m.end <= p.end and p is not m for p in events)
        )
    ]
    for mention in sorted(candidates, key=_priority, reverse=True):
        if any(taken[mention.start : mention.end]):
            continue
        if not _plausible(mention):
            continue
        if mention.label == "" and mention.source == "acronym":
            entry = gazetteer.lookup(acronyms.get(mention.text, (mention.text, ""))[0])
            mention.label = entry.label if entry else "Organization"
        kept.append(mention)
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    kept.sort(key=lambda m: m.start)
    starts = [s for s, _ in state.sentences]
    for item in (*kept, *state.values):
        item.sentence = max(bisect.bisect_right(starts, item.start) - 1, 0)
    state.mentions = kept
    return state


def _plausible(mention: Mention) -> bool:
    text = mention.text.strip()
    if not any(c.isalpha() for c in text) or len(text) > 120:
        return False
    return not (mention.source == "ner" and not any(c.isupper() for c in text))


def _trim_name_end(text: str) -> str:
    """Spaces (no-break ones too), commas and a full stop off the end of a name, but not
    the dot of an abbreviation ("U.S.")."""
    while True:
        trimmed = re.sub(r"[\s,;:]+$", "", text)
        if trimmed.endswith(".") and not re.search(r"\b(?:[A-Z]\.){2,}$", trimmed):
            trimmed = trimmed[:-1]
        if trimmed == text:
            return text
        text = trimmed


def _add_value(values: list[Value], ent, doc) -> None:
    """A value spaCy marked; a day it split off its month ("25 | May 1981", often at the
    start of a line) joins the date again."""
    previous = values[-1] if values else None
    if (
        ent.label_ == "DATE"
        and previous is not None
        and previous.kind == "CARDINAL"
        and previous.text.isdigit()
        and 1 <= int(previous.text) <= 31
        and doc.text[previous.end : ent.start_char].strip() == ""
        and ent.text[:1].isupper()
    ):
        values[-1] = Value(
            previous.start, ent.end_char, doc.text[previous.start : ent.end_char], "DATE"
        )
        return
    values.append(Value(ent.start_char, ent.end_char, ent.text, ent.label_))


_NAME_TAIL = re.compile(rf" ({_CAP}(?: {_CAP}){{0,2}})")


def _longer_name(text: str, start: int, end: int) -> int | None:
    """Where a name that a place name begins ends, if the capitalised words after it end in
    a word for a kind of place, body or event ("Shoal", "Triangle", "Summit")."""
    tail = _NAME_TAIL.match(text, end)
    if tail is None:
        return None
    words = tail.group(1).split()
    for n in range(len(words), 0, -1):
        if words[n - 1] in KIND_WORDS:
            return end + 1 + len(" ".join(words[:n]))
    return None


def spacy_mentions(state: DocState, doc) -> None:
    """Copy spaCy's sentences, entities and values into the state."""
    gazetteer: Gazetteer = state.settings["gazetteer"]
    state.sentences = [(s.start_char, s.end_char) for s in doc.sents]
    for ent in doc.ents:
        if ent.label_ in VALUE_LABELS:
            _add_value(state.values, ent, doc)
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
        # "the", possessive "'s" and stray punctuation are not part of a name
        lead = re.match(r"(?:the|The)\s+", text)
        if lead and ent.kb_id_ == "":
            start += lead.end()
            text = text[lead.end() :]
        trail = re.search(r"(?:\s*['’]s|['’])$", text)
        if trail:
            end -= len(trail.group(0))
            text = text[: trail.start()]
        text = _trim_name_end(text)
        lead = len(text) - len(text.lstrip())
        start, text = start + lead, text[lead:]
        end = start + len(text)
        if not text:
            continue
        if ent.kb_id_:
            entry = gazetteer.entries.get(ent.kb_id_)
            if entry is None:
                continue
            longer = _longer_name(doc.text, start, end) if entry.kind in WEAK_KINDS else None
            if longer is not None:
                # "Scarborough Shoal", "the Weimar Triangle": a town's name that begins a
                # longer name is that name, not the town
                name = doc.text[start:longer]
                label = label_by_words(name, "Location")
                state.mentions.append(Mention(start, longer, name, label, "ner"))
                continue
            state.mentions.append(
                Mention(
                    start,
                    end,
                    text,
                    entry.label,
                    "gazetteer",
                    entry.id,
                    gazetteer.is_demonym(ent.text),
                )
            )
            continue
        label = SPACY_LABELS.get(ent.label_)
        if label is None:
            continue
        entry = gazetteer.lookup(text)
        if (
            entry is not None
            and entry.kind in WEAK_KINDS
            and label == "Person"
            and ent.start > 0
            and is_title(doc[ent.start - 1])
        ):
            entry = None  # "King Constantine" is a person, not the town in Algeria
        if entry is not None:
            state.mentions.append(
                Mention(
                    start, end, text, entry.label, "gazetteer", entry.id, gazetteer.is_demonym(text)
                )
            )
        else:
            if label == "NORP":  # faiths and parties are bodies; peoples ("Flemish") are places
                label = "Organization" if FAITH_OR_PARTY.search(text) else "Location"
            state.mentions.append(Mention(start, end, text, label, "ner"))
