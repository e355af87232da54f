"""Typed relationships from sentences, and the RELATED_TO fallback.

Each sentence is cut into clauses at contrast words ("while", "whereas", "but", ";"), so
"Mali and Niger have implemented DDR while Mauritania and Burkina Faso have not" gives
edges only from the clause that states them, and a clause that negates its trigger gives
none. Rules are keyed on trigger words read from the pack's ``relations.json``; users add
their own trigger rules with ``--patterns FILE`` in the same format.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docgraph.errors import ExtractionError
from docgraph.graph.model import Relation, merge_properties
from docgraph.graph.schema import check_label, check_type
from docgraph.loaders.gazetteer import DATA
from docgraph.loaders.pipeline import DocState, Mention, component
from docgraph.loaders.values import parse_date, parse_money, parse_number

__all__ = ["TriggerRule", "load_rules"]

CLAUSE_SPLIT = re.compile(r"(?:,|(?<=\S))\s+(?:while|whereas|but|although|though)\s+|;\s+")
NEGATION = re.compile(r"\b(?:not|never|neither|nor|refused to|declined to|failed to)\b|n't\b", re.I)
FORMER = re.compile(
    r"\b(?:former(?:ly)?|withdrew|withdrawn|withdrawal|left|suspended|expelled|"
    r"exited|quit|until|no longer|was a member|were members)\b",
    re.I,
)
PRONOUN_PERSON = re.compile(r"^\s*(?:He|She)\b")


@dataclass(slots=True)
class TriggerRule:
    """A relation type stated by a trigger word between (or near) its two ends."""

    type: str
    triggers: re.Pattern[str]
    source: frozenset[str]
    target: frozenset[str]
    handler: str = "generic"
    confidence: float = 0.7
    options: dict[str, Any] = field(default_factory=dict)


def _compile_rules(items: Iterable[dict[str, Any]], origin: str) -> list[TriggerRule]:
    rules = []
    for item in items:
        try:
            words = item["triggers"]
            pattern = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
            rules.append(
                TriggerRule(
                    type=check_type(item["type"]),
                    triggers=pattern,
                    source=frozenset(check_label(x) for x in item["source"]),
                    target=frozenset(check_label(x) for x in item["target"]),
                    handler=item.get("handler", "generic"),
                    confidence=float(item.get("confidence", 0.7)),
                    options=item.get("options", {}),
                )
            )
        except (KeyError, TypeError, re.error) as exc:
            raise ExtractionError(f"{origin}: bad relation pattern {item!r:.100}: {exc}") from exc
    return rules


@lru_cache(maxsize=8)
def _load_rules(pack: str, extra: tuple[str, ...]) -> tuple[TriggerRule, ...]:
    rules = []
    for path in [DATA / pack / "relations.json", *map(Path, extra)]:
        try:
            items = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ExtractionError(f"cannot read relation patterns {path}: {exc}") from exc
        if not isinstance(items, list):
            raise ExtractionError(f"{path}: relation patterns are a JSON list of objects")
        rules.extend(_compile_rules(items, str(path)))
    return tuple(rules)


def load_rules(
    pack: str = "geopolitics", extra: Iterable[str | Path] = ()
) -> tuple[TriggerRule, ...]:
    return _load_rules(pack, tuple(str(p) for p in extra))


@dataclass(slots=True)
class Clause:
    """A clause of a sentence: its span and the mentions inside it."""

    state: DocState
    sentence: int
    start: int
    end: int
    mentions: list[Mention]

    @property
    def text(self) -> str:
        return self.state.text[self.start : self.end]

    def between(self, a: Mention, b: Mention) -> str:
        lo, hi = (a.end, b.start) if a.start < b.start else (b.end, a.start)
        return self.state.text[lo:hi]

    def values(self, kind: str) -> list:
        return [
            v for v in self.state.values_in(self.sentence, kind) if self.start <= v.start < self.end
        ]


def _clauses(state: DocState, index: int) -> list[Clause]:
    s_start, s_end = state.sentences[index]
    text = state.text[s_start:s_end]
    cuts = [s_start] + [s_start + m.start() for m in CLAUSE_SPLIT.finditer(text)] + [s_end]
    mentions = state.mentions_in(index)
    return [
        Clause(state, index, a, b, [m for m in mentions if a <= m.start < b])
        for a, b in zip(cuts, cuts[1:], strict=False)
        if b > a
    ]


Emit = Callable[[Mention, str, Mention, dict[str, Any]], None]


# --- handlers: each finds (source, target, properties) in one clause --------------------


def _date_props(clause: Clause, key: str = "since") -> dict[str, Any]:
    for value in clause.values("DATE"):
        iso = parse_date(value.text)
        if iso:
            return {key: iso}
    return {}


def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if m.entity not in seen:
            seen.add(m.entity)
            out.append(m)
    return out


def _generic(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    pos = clause.start + trig.start()
    before = [m for m in clause.mentions if m.end <= pos and m.label in rule.source]
    after = [m for m in clause.mentions if m.start >= pos and m.label in rule.target]
    if before and after:
        emit(before[-1], rule.type, after[0], {})


INTERNATIONAL = re.compile(
    r"\b(?:Union|Community|Organi[sz]ation|Alliance|League of|Nations|Cooperation|Commonwealth|"
    r"Pact|Forum|Francophonie|Bloc|Authority|Conference|Partnership|Group of|Council of Europe)\b"
)


def _international(org: Mention, state: DocState) -> bool:
    """A body that states join: the gazetteer says so, or its name does."""
    entry = state.settings["gazetteer"].entries.get(org.entity or "")
    if entry is not None and entry.label == "Organization":
        return entry.kind in ("international", "regional", "bank", "mission")
    entity = state.entities.get(org.entity or "")
    return bool(INTERNATIONAL.search(entity.name if entity else org.text))


def _place_qualifier(clause: Clause, mention: Mention) -> bool:
    """A country right after a place and a comma: "Libreville, Gabon"."""
    before = [m for m in clause.mentions if m.end <= mention.start]
    return bool(
        before
        and before[-1].label == "Location"
        and re.fullmatch(r",\s*", clause.state.text[before[-1].end : mention.start])
    )


def _membership(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    """States join international bodies (every state and body the clause lists); a person
    joins the body named right after the trigger ("member of the Labour Party")."""
    state = clause.state
    pos = clause.start + trig.start()
    orgs = [m for m in clause.mentions if m.label in rule.target]
    if not orgs:
        return
    text = state.text
    clause_former = bool(
        re.search(r"\b(?:was|were) (?:a )?members?\b|\bwithdrew\b|\bleft\b", clause.text, re.I)
    ) and not re.search(r"\b(?:rejoined|readmitted|re-admitted|returned to)\b", clause.text, re.I)
    bodies = [o for o in _distinct(orgs) if _international(o, state)]
    after = [o for o in orgs if o.start >= pos]
    members = _distinct(
        m
        for m in clause.mentions
        if m.label in rule.source
        and (m not in orgs or (after and _subject_of(state.text[m.end : pos])))
    )
    for member in members:
        if _place_qualifier(clause, member):
            continue  # "founded in Libreville, Gabon, by …": Gabon says where, not who
        near = text[member.end : member.end + 30]
        status = "current"
        if (
            re.match(r"\s*\((?:formerly|former)\)", near)
            or re.match(r"['’]s\s+former", near)
            or clause_former
            or re.search(
                r"\bformer(?:ly)?\s+(?:member|membership)",
                text[max(clause.start, member.start - 40) : member.start],
            )
        ):
            status = "former"
        if member.label == "Country":
            targets = bodies
        elif member.label in ("Person", "Organization") and after and member.start < pos:
            targets = after[:1]  # "AES … withdrew from ECOWAS", "a member of the Labour Party"
        else:
            targets = []
        for org in targets:
            if org.entity != member.entity:
                emit(member, rule.type, org, {"status": status})


# what may stand between a body and the trigger when the body is the subject: "AES (AES),
# founded in 2023 by the three juntas, withdrew from", "The Pittsburgh Catholic is a member of"
_SUBJECT_GAP = re.compile(
    r"\s*(?:\([^()]*\))?\s*(?:,[^,]{0,80},)?\s*"
    r"(?:(?:has|have|had|is|was|also|formally|officially|became|been)\s+)*"
    r"(?:(?:a|an|the|founding|full|associate)\s+)*"
)


def _subject_of(gap: str) -> bool:
    return _SUBJECT_GAP.fullmatch(gap) is not None


def _diplomatic(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    countries = _distinct(m for m in clause.mentions if m.label in rule.source)
    props = _date_props(clause)
    quoted = re.search(r"\bas\s+[\"“]([^\"”]{3,60})[\"”]", clause.text)
    if quoted:
        props["status"] = quoted.group(1).strip(" ,.")
    if len(countries) == 2:
        emit(countries[0], rule.type, countries[1], props)
    elif len(countries) > 2:
        pos = clause.start + trig.start()
        subject = [m for m in countries if m.end <= pos]
        objects = [m for m in countries if m.start >= pos]
        if len(subject) == 1:  # the countries listed with the trigger, not later ones
            for obj in _coordinated(clause, objects):
                emit(subject[0], rule.type, obj, props)


def _funding(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    state = clause.state
    pos = clause.start + trig.start()
    parties = [m for m in clause.mentions if m.label in rule.source | rule.target]
    props: dict[str, Any] = {}
    # the amount stated with this trigger: the nearest one in its part of the clause
    money = sorted(
        (v for v in clause.values("MONEY") if _same_part(state.text, v.start, pos)),
        key=lambda v: abs(v.start - pos),
    )
    if money:
        amount = parse_money(money[0].text)
        if amount:
            props.update(amount=amount[0], currency=amount[1])
    word = trig.group(0).lower()
    if word.startswith("pledg"):
        props["kind"] = "pledge"
    elif word.startswith(("lent", "loan")):
        props["kind"] = "loan"
    elif word.startswith("grant"):
        props["kind"] = "grant"
    elif re.search(r"\bmilitary\b", clause.text, re.I):
        props["kind"] = "military aid"
    else:
        props["kind"] = "aid"
    date = _date_props(
        clause,
        "since"
        if re.search(r"\b(?:since|starting|began|begun)\b", clause.text, re.I)
        or re.search(r"\bfrom\s+(?:\d|[A-Z][a-z]+\s+\d)", clause.text)
        else "date",
    )
    props.update(date)
    text = state.text
    # donors before the trigger, or after "from" when the clause says who received
    # ("Chad received aid from France"); recipients after "to"/"for"/"into", or the
    # trigger's direct object ("would fund the World Food Programme")
    # the subject is the nearest name before the trigger, people aside; a place there
    # ("Washington would fund") is a donor docgraph cannot name, so nothing earlier is taken
    nearest = [m for m in clause.mentions if m.end <= pos and m.label != "Person"]
    before = [m for m in parties if m.end <= pos and m.label in rule.source]
    if nearest and nearest[-1].label not in rule.source:
        before = []
    gap = text[before[-1].end : pos] if before else ""
    receives = re.search(r"\b(?:receiv|obtain|secur|accept|got\b|gets\b|benefit)", gap, re.I)
    from_match = re.search(r"\bfrom\b", text[pos : clause.end])
    donors_after_from = bool(from_match and (not before or receives))
    if from_match and donors_after_from:
        cut = pos + from_match.end()
        donors = [m for m in parties if m.start >= cut and m.label in rule.source]
        recipients = before[-1:] if receives else []
    else:
        donors = _coordinated_before(clause, before)
        recipients = []
    to_match = re.search(r"\b(?:to|for|into)\b", text[pos : clause.end])
    after_trigger = [m for m in parties if m.start >= pos + len(trig.group(0))]
    if to_match and not recipients:
        cut = pos + to_match.end()
        recipients = _coordinated(
            clause, _distinct(m for m in parties if m.start >= cut and m.label in rule.target)
        )
    elif (
        not recipients
        and after_trigger
        and after_trigger[0].label in rule.target
        and re.fullmatch(r"\s+(?:the\s+)?", text[pos + len(trig.group(0)) : after_trigger[0].start])
    ):
        recipients = _coordinated(clause, _distinct(after_trigger))
    main = state.settings.get("main_country")
    if not recipients and not donors_after_from and main:
        # aid "in Mali" in a document about Mali goes to Mali; the donor stays the subject
        in_clause = [m for m in parties if m.entity == main]
        others = [m for m in parties if m.label == "Country" and m.entity != main]
        if in_clause and not any(d.entity == main for d in donors):
            donors = donors or others[:1]
            recipients = in_clause[:1]
    if donors and not recipients:
        topic = state.settings.get("topic_org", {}).get(clause.sentence)
        if topic is not None and all(d.entity != topic.entity for d in donors):
            recipients = [topic]
    for donor in _distinct(donors):
        for recipient in recipients:
            if donor.entity != recipient.entity:
                emit(donor, rule.type, recipient, dict(props))


#: ", and" / ", or" / ", but": a comma with a conjunction joins two statements, not two items
_CLAUSE_JOIN = re.compile(r",\s*(?:and|or|but)\b")


def _same_part(text: str, a: int, b: int) -> bool:
    """Two positions in one statement: no ", and" between them."""
    lo, hi = sorted((a, b))
    return not _CLAUSE_JOIN.search(text, lo, hi)


#: what may stand between two listed names: ",", "and", "or", ", and", with an optional "the"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\b\s*)?|(?:and|or)\b\s*)(?:the\s+)?")
# what may follow the last item of a list; a verb there means ", and" joined two clauses:
# "to UNICEF and the WHO, and Norway gave to Mali"
_AFTER_LIST = re.compile(
    r"\s*(?:$|[,.;:)(\]'’\"”—–-]|(?:and|or|in|on|at|for|to|from|with|since|by|as|of|which|who|"
    r"that|are|is|were|was|have|has|had|each|all|both|respectively)\b)"
)


def _listed(gap: str) -> bool:
    return _LIST_GAP.fullmatch(gap) is not None


def _coordinated(clause: Clause, mentions: list[Mention]) -> list[Mention]:
    """The first mention and those listed with it: "Mali, Burkina Faso and Niger"; a last
    item after ", and" must not be followed by a verb of its own."""
    text = clause.state.text
    run = mentions[:1]
    for m in mentions[1:]:
        gap = clause.between(run[-1], m)
        if not _listed(gap) or (
            _CLAUSE_JOIN.search(gap) and not _AFTER_LIST.match(text[m.end : clause.end])
        ):
            break
        run.append(m)
    return run


def _coordinated_before(clause: Clause, mentions: list[Mention]) -> list[Mention]:
    """The last mention and those listed with it: "The African Development Bank and the
    European Union have financed". A comma and a conjunction ("Kenya, and the IMF gave")
    join clauses, not subjects."""
    run = mentions[-1:]
    for m in reversed(mentions[:-1]):
        gap = clause.between(m, run[0])
        if not _listed(gap) or _CLAUSE_JOIN.search(gap):
            break
        run.insert(0, m)
    return run


def _subject_object(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    """Subjects before the trigger, objects after it (coordinated lists on both sides)."""
    pos = clause.start + trig.start()
    subjects = _distinct(m for m in clause.mentions if m.end <= pos and m.label in rule.source)
    objects = _distinct(m for m in clause.mentions if m.start >= pos and m.label in rule.target)
    if not subjects or not objects:
        return
    props: dict[str, Any] = {}
    run = _coordinated(clause, objects)
    if rule.type in ("EXPELLED", "DEPLOYED_TROOPS_IN"):
        # the count stated with this fact, not another one later in the clause: "expelled
        # French troops … the United States, which had 1,100 troops" has no count
        text = clause.state.text
        window = text[max(clause.start, subjects[0].start - 25) : run[-1].end + 30]
        troops = re.search(r"([\d,.]+)\s+(?:\w+\s+){0,4}?(?:troops|soldiers|personnel)", window)
        if troops:
            number = parse_number(troops.group(1))
            if number:
                props["troops"] = int(number)
        year = _date_props(clause, "date")
        if year and rule.type == "EXPELLED":
            props["year"] = year["date"][:4]
        elif year:
            props["since"] = year["date"]
    elif rule.type in ("IMPLEMENTED", "CONDUCTED"):
        props.update(_date_props(clause))
    subj = subjects if rule.options.get("all_subjects", True) else subjects[-1:]
    if rule.type == "DEPLOYED_TROOPS_IN":
        owners = [
            m
            for m in clause.mentions
            if m.label in rule.source
            and re.match(
                r"\s+(?:\w+\s+){0,2}?(?:troops|soldiers|forces|personnel|contingent)",
                clause.state.text[m.end : m.end + 40],
            )
        ]
        subj = owners[:1] or subjects[-1:]
    for s in subj:
        for o in run:
            if s.entity != o.entity:
                emit(s, rule.type, o, dict(props))


def _participation(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    """ "He won two medals at the FIBT World Championships": the clause's subject took part
    in every event the clause names, wherever the trigger stands."""
    events = _distinct(m for m in clause.mentions if m.label in rule.target)
    subjects = [m for m in clause.mentions if m.label in rule.source]
    if not events or not subjects:
        return
    subject = subjects[0]
    for event in events:
        if event.entity != subject.entity and not (event.start <= subject.start < event.end):
            emit(subject, rule.type, event, {})


TITLES = re.compile(
    r"\b(President|Prime Minister|King|Queen|Emperor|Chancellor|Secretary[- ]General|"
    r"Chairman|Chairperson|Premier|Sultan|Emir|Foreign Minister|Minister of Foreign Affairs|"
    r"Governor|Mayor|Commander|Head of State|Vice President|Leader)\b"
)


def _leaders(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    state = clause.state
    text = state.text
    pos, end = clause.start + trig.start(), clause.start + trig.end()
    people = [m for m in clause.mentions if m.label == "Person"]
    places = [m for m in clause.mentions if m.label in rule.target]
    person = next((m for m in people if 0 <= m.start - end <= 2), None)
    if person is None:  # "X, the President of Y" / "X, President of Y"
        person = next(
            (m for m in people if 0 <= pos - m.end <= 8 and "," in text[m.end : pos]), None
        )
    if (
        person is None
        and re.search(  # "he served as mayor of Calgary": the clause's subject
            r"\b(?:as|became|becomes|was|is|elected|appointed|named)\s+(?:the\s+)?(?:\w+\s+)?$",
            text[max(clause.start, pos - 30) : pos],
        )
    ):
        person = next((m for m in people if m.end <= pos), None)
    of = re.match(r"\s+of\s+(?:the\s+)?", text[end : end + 12])
    named_after = False
    if person is None and of:  # "the President of the ECCAS Commission is Gilberto Verissimo"
        named_after = True
        person = next(
            (
                m
                for m in people
                if m.start > end
                and re.fullmatch(
                    r"\s+of\s+(?:the\s+)?[^,.;]{1,60}?\s+(?:is|was|has been)\s+",
                    text[end : m.start],
                )
            ),
            None,
        )
    if person is None:
        return
    place = None
    if of:
        place = next((m for m in places if m.start == end + of.end()), None)
    if named_after and place is None:
        return  # "The leader of the rebels in Mali was X" leads the rebels, not Mali
    if place is None:  # "Malian President X", "Mali's President X"
        place = next((m for m in places if 0 <= pos - m.end <= 4), None)
    if place is None and re.search(
        r"credentials\s+to\s*$", text[max(clause.start, pos - 20) : pos]
    ):
        targets = state.settings.get("ambassador_to", {}).get(clause.sentence)
        place = targets
    if place is None:
        main = state.settings.get("main_country_mention")
        if main is not None and any(m.entity == main.entity for m in places):
            place = main
    if place is not None and place.entity != person.entity:
        title = trig.group(0)
        emit(person, rule.type, place, {"title": title[:1].upper() + title[1:]})


def _ambassadors(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    state = clause.state
    text = state.text
    pos, end = clause.start + trig.start(), clause.start + trig.end()
    countries = [m for m in clause.mentions if m.label == "Country"]
    people = [m for m in clause.mentions if m.label == "Person"]
    sending = next((m for m in countries if 0 <= pos - m.end <= 12), None)
    to = re.match(r"\s+(?:of\s+\S+(?:\s+\S+)?\s+)?to\s+(?:the\s+)?", text[end : end + 40])
    receiving = None
    if to:
        receiving = next(
            (m for m in countries if m.start >= end and m.start <= end + to.end() + 2), None
        )
    of = re.match(r"\s+of\s+(?:the\s+)?", text[end : end + 12])
    if of and sending is None:
        sending = next((m for m in countries if m.start == end + of.end()), None)
    # the envoy is named right after the title ("Ambassador Eric Whitaker", "…to Mali,
    # Muhammad Ahmad Mograhi") or right before it ("Eric Whitaker, the ambassador of")
    person = next(
        (
            m
            for m in people
            if m.start >= end
            and re.fullmatch(r"(?:\s+(?:of|to)\s+(?:the\s+)?[^,]{1,40})?,?\s*", text[end : m.start])
        ),
        None,
    )
    if person is None:
        person = next(
            (
                m
                for m in reversed(people)
                if m.end <= pos and re.fullmatch(r",?\s*(?:the\s+)?(?:\w+\s+)?", text[m.end : pos])
            ),
            None,
        )
    if person is None:
        return
    props = _date_props(clause)
    if sending is not None:
        emit(person, "AMBASSADOR_OF", sending, props)
    if receiving is not None:
        emit(person, "AMBASSADOR_TO", receiving, props)
        state.settings.setdefault("ambassador_to", {})[clause.sentence] = receiving


def _located(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    """ "X in Y": a place or event inside a larger place (appositions are in places.py)."""
    ms = clause.mentions
    for a, b in zip(ms, ms[1:], strict=False):
        if a.label not in rule.source or b.label not in rule.target or a.entity == b.entity:
            continue
        if a.label in ("Location", "Event") and re.fullmatch(
            r"\s+(?:in|at|near)\s+(?:the\s+)?", clause.between(a, b)
        ):
            emit(a, rule.type, b, {})


def _citizens(clause: Clause, rule: TriggerRule, trig: re.Match[str], emit: Emit) -> None:
    """ "X is a German racer", "German politician X": a person and a demonym beside them."""
    text = clause.state.text
    people = [m for m in clause.mentions if m.label == "Person"]
    for dem in (m for m in clause.mentions if m.demonym and m.label == "Country"):
        before = text[max(clause.start, dem.start - 60) : dem.start]
        person = None
        if re.search(r"\b(?:is|was)\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,2}$", before):
            person = next((m for m in reversed(people) if m.end <= dem.start), None)
        if person is None:
            person = next(
                (
                    m
                    for m in people
                    if m.start > dem.end
                    and re.fullmatch(
                        r"\s+(?:(?!of\b|in\b|and\b)[a-z-]+\s+){1,2}", text[dem.end : m.start]
                    )
                ),
                None,
            )
        if person is not None:
            emit(person, rule.type, dem, {})


HANDLERS: dict[str, Callable[[Clause, TriggerRule, re.Match[str], Emit], None]] = {
    "generic": _generic,
    "membership": _membership,
    "diplomatic": _diplomatic,
    "funding": _funding,
    "subject_object": _subject_object,
    "participation": _participation,
    "leaders": _leaders,
    "ambassadors": _ambassadors,
    "located": _located,
    "citizens": _citizens,
}


def _document_context(state: DocState) -> None:
    """Facts the rules lean on: the document's main country and each sentence's topic."""
    main = state.main_country()
    if main is not None:
        state.settings["main_country"] = main.entity
        state.settings["main_country_mention"] = main
    topic: dict[int, Mention] = {}
    last_org = None
    for index in range(len(state.sentences)):
        topic[index] = last_org
        orgs = [m for m in state.mentions_in(index) if m.label == "Organization"]
        if orgs:
            last_org = orgs[-1]
    state.settings["topic_org"] = topic


# "the organization", "the bloc", "the Union": a body named before, in these or earlier words
_BODY_REFERENCE = re.compile(
    r"\b[Tt]he\s+([Oo]rgani[sz]ation|bloc|Union|Community|Alliance|Commission)\b"
)


def _body_references(state: DocState) -> None:
    """ "Rwanda left the organization in 2007": the organisation the text has named most
    before it (for "the Union", only those whose name has that word)."""
    orgs = [m for m in state.mentions if m.label == "Organization" and m.entity]
    if not orgs:
        return
    added = []
    starts = [start for start, _ in state.sentences]
    for match in _BODY_REFERENCE.finditer(state.text):
        word = match.group(1)
        if any(m.start <= match.start(1) < m.end for m in state.mentions):
            continue  # part of a name ("the Union of Comoros")
        earlier = [m for m in orgs if m.end <= match.start()]
        if word[0].isupper() and word.lower() not in ("organization", "organisation"):
            earlier = [m for m in earlier if word in state.entities[m.entity].name.split()]
        if not earlier:
            continue
        counts: dict[str, int] = {}
        for m in earlier:
            counts[m.entity] = counts.get(m.entity, 0) + 1
        # the body the text has named most so far (ties: the latest), not merely the last
        last_seen = {m.entity: i for i, m in enumerate(earlier)}
        referent = max(counts, key=lambda e: (counts[e], last_seen[e]))
        added.append(
            Mention(
                match.start(),
                match.end(),
                match.group(0),
                "Organization",
                "coref",
                entity=referent,
                sentence=max(bisect.bisect_right(starts, match.start()) - 1, 0),
            )
        )
    state.mentions.extend(added)
    state.mentions.sort(key=lambda m: m.start)


def _pronoun_subjects(state: DocState) -> None:
    """ "He won …": a sentence opening with he/she refers to the document's first person."""
    people = [m for m in state.mentions if m.label == "Person" and m.entity]
    if not people:
        return
    main = people[0]
    for index, (start, end) in enumerate(state.sentences):
        match = PRONOUN_PERSON.match(state.text[start:end])
        if match and not any(m.label == "Person" for m in state.mentions_in(index)):
            ws = len(match.group(0)) - len(match.group(0).lstrip())
            state.mentions.append(
                Mention(
                    start + ws,
                    start + match.end(),
                    match.group(0).strip(),
                    "Person",
                    "coref",
                    entity=main.entity,
                    sentence=index,
                )
            )
    state.mentions.sort(key=lambda m: m.start)


#: handlers whose triggers may hold names: titles ("President"), "U.S.-Malian relations",
#: or the whole clause
_NAME_TRIGGERS = frozenset({"leaders", "ambassadors", "located", "citizens", "diplomatic"})


def _inside_a_name(clause: Clause, trig: re.Match[str], rule: TriggerRule) -> bool:
    """A trigger word that is part of a name: inside a mention, or, for rules whose triggers
    are also nouns of names (``capitalised_is_name``), capitalised in mid-sentence ("thanked
    the Fund"; membership's "Member States of ECOWAS" still counts)."""
    start, end = clause.start + trig.start(), clause.start + trig.end()
    if (
        rule.options.get("capitalised_is_name")
        and trig.group(0)[:1].isupper()
        and clause.text[: trig.start()].strip()
    ):
        return True
    return any(m.start < end and start < m.end for m in clause.mentions)


@component("typed_relations")
def typed_relations(state: DocState) -> DocState:
    rules: tuple[TriggerRule, ...] = state.settings["rules"]
    _document_context(state)
    _pronoun_subjects(state)
    _body_references(state)
    found: dict[tuple, Relation] = {}

    for index in range(len(state.sentences)):
        for clause in _clauses(state, index):
            if NEGATION.search(clause.text):
                continue  # a clause that denies its statement gives no edge
            for rule in rules:
                for trig in rule.triggers.finditer(clause.text):
                    if rule.handler not in _NAME_TRIGGERS and _inside_a_name(clause, trig, rule):
                        continue  # "thanked the Fund", "Development Aid Agency": a name

                    def emit(
                        src: Mention,
                        rel_type: str,
                        dst: Mention,
                        props: dict,
                        rule=rule,
                        index=index,
                    ) -> None:
                        if not src.entity or not dst.entity or src.entity == dst.entity:
                            return
                        ev = state.evidence(
                            index, f"rule:{rule.handler}:{rule.type}", rule.confidence
                        )
                        rel = Relation(src.entity, rel_type, dst.entity, props, [ev])
                        known = found.get(rel.key)
                        if known is None:
                            found[rel.key] = rel
                        else:
                            known.add_evidence(rel.evidence)
                            merge_properties(known.properties, props)

                    HANDLERS.get(rule.handler, _generic)(clause, rule, trig, emit)
                    if rule.handler in ("located", "citizens", "participation"):
                        break  # these scan the whole clause once
    state.relations.extend(found.values())
    return state


@component("related_to")
def related_to(state: DocState) -> DocState:
    """Entities that share a sentence and no typed edge: RELATED_TO, one evidence per sentence."""
    typed = {frozenset((r.source, r.target)) for r in state.relations}
    found: dict[tuple[str, str], Relation] = {}
    for index in range(len(state.sentences)):
        ids = sorted({m.entity for m in state.mentions_in(index) if m.source != "coref"})
        if len(ids) < 2 or len(ids) > 12:
            continue
        ev = state.evidence(index, "cooccurrence", 0.3)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if frozenset((a, b)) in typed:
                    continue
                rel = found.setdefault((a, b), Relation(a, "RELATED_TO", b))
                rel.add_evidence([ev])
    state.relations.extend(found.values())
    return state
