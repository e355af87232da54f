"""Relation rules as data: frames over lemmas and dependency roles, and the word lists
they lean on.

A rule says which word states a relationship (its *trigger*: lemmas and parts of speech),
where in the parse its two ends stand (*roles*, see :data:`ROLES`), which labels those ends
may have, and which properties the sentence gives (dates, amounts, troop counts, titles).
The built-in rules and the lexicon (troop nouns, negation and hedge words, titles …) live in
the pack's ``relations.json``; a user's ``--patterns`` file in the same format adds rules,
replaces a built-in rule by giving its ``id``, disables one with ``{"id": …, "disabled":
true}``, and may extend the lexicon. Everything is checked when loaded, so a typo in a role
or a property is an error that names the rule, not a rule that silently never fires.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docgraph.errors import ExtractionError, SchemaError
from docgraph.graph.schema import check_label, check_type
from docgraph.loaders.gazetteer import DATA

__all__ = ["PROPERTY_SOURCES", "ROLES", "Argument", "FrameRule", "RuleSet", "load_rules"]

#: where an argument may stand, relative to the trigger (``a.b`` applies ``b`` to the
#: tokens that ``a`` finds: ``object.modifier`` is "the *Ethiopian* ambassador" in
#: "expelled the Ethiopian ambassador")
ROLES = {
    "subject": "the active subject of the trigger's clause (inherited through 'and', "
    "relative clauses and infinitives; for a noun, the subject of the verb it completes)",
    "passive_subject": "the subject of a passive trigger ('X was admitted')",
    "object": "the direct object (or the noun a relative clause with its own subject modifies)",
    "agent": "'by X' of a passive",
    "possessor": "'X's' before a noun trigger",
    "modifier": "an adjective or compound before the trigger ('Kenyan troops', 'US envoy')",
    "named": "the name a title belongs to ('President X', 'X, the president of', "
    "'its president, X', 'X became president')",
    "head": "the noun a participle or adjective trigger describes ('Egypt, led by')",
    "governor": "the word the trigger depends on ('*established* relations')",
    "attribute": "what the trigger's subject is said to be ('X is a city in Y')",
    "self": "the trigger itself (for rules keyed on any word, lemma '*')",
    "dative": "an indirect object ('sent Kyiv tanks')",
    "particle": "a verb particle ('ordered *out*')",
    "prep:<word>": "the object of a preposition attached to the trigger (or, for a verb, to "
    "its object): 'prep:to', 'prep:from', 'prep:with'",
}

#: properties a rule may read, and where from
PROPERTY_SOURCES = {
    "date": "a date stated in the trigger's clause; 'since'/'from' make it `since`, "
    "'until' `until`; the value names the key for a bare date",
    "amount": "an amount of money in the clause (amount + currency); dropped when one "
    "amount has several sources",
    "troops": "a count of troops in the clause",
    "title": "the trigger as a title ('Prime Minister')",
    "role": "the trigger's lemma as a role ('host', 'co-chair')",
    "literal": "a fixed value: {'kind': {'literal': 'loan'}}",
    "funding_kind": "'loan' or 'grant' when the clause says so (the lexicon's loan_words, "
    "grant_words), else the value given: {'kind': {'funding_kind': 'aid'}}",
}

#: lexicon keys every pack defines (a user's file may extend any of them)
LEXICON_KEYS = (
    "negation_words",
    "negative_verbs",
    "hedge_verbs",
    "hedge_modals",
    "former_words",
    "troop_nouns",
    "state_nouns",
    "body_nouns",
    "title_modifiers",
    "clause_deps",
    "partitive_nouns",
    "place_nouns",
    "reference_country_nouns",
    "reference_group_nouns",
    "reference_named_body_nouns",
    "reference_any_body_nouns",
    "reference_event_nouns",
)


@dataclass(frozen=True, slots=True)
class Argument:
    """One end of a relationship: where it stands and which labels it may have."""

    roles: tuple[str, ...]
    labels: frozenset[str]
    #: widen along conjuncts ("Mali, Niger and Chad"); off for a title's holder, so
    #: "Prime Minister A and President B of C" does not make A lead C
    lists: bool = True
    #: the owners of a matched force stand at this end too: "NATO's KFOR was deployed" is
    #: NATO's deployment as well as KFOR's
    owners: bool = False


@dataclass(frozen=True, slots=True)
class FrameRule:
    """A relationship stated by a trigger word with its two ends in given roles."""

    id: str
    type: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    source: Argument
    target: Argument
    properties: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.7
    #: words that must stand in a role for the rule to apply ("deploy" needs a troop noun
    #: as its object): role → list of lemmas or a lexicon key
    requires: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: words the trigger must be modified by ("diplomatic relations")
    modifiers: frozenset[str] = frozenset()
    #: a fixed status, or "former" when the clause says the fact has ended
    status: str | None = None
    #: also emit when the trigger's subject is a list of two ("X and Y established relations")
    pairwise: bool = False
    #: when no target is stated, the country a document is about (titles only)
    default_target: str | None = None
    #: the trigger may be part of a name ("President" in a title, "Member States")
    in_names: bool = False


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[FrameRule, ...]
    lexicon: dict[str, frozenset[str]]

    def by_lemma(self) -> dict[str, list[FrameRule]]:
        index: dict[str, list[FrameRule]] = {}
        for rule in self.rules:
            for lemma in rule.lemmas:
                index.setdefault(lemma, []).append(rule)
        return index


def _check_role(role: str, rule_id: str) -> str:
    """A role name; a leading ``+`` adds its ends to those of the roles before it (by
    default the first role that finds an end wins)."""
    for part in role.removeprefix("+").split("."):
        name = part.split(":", 1)[0] + (":<word>" if ":" in part else "")
        if name not in ROLES or (":" in part and not part.split(":", 1)[1]):
            raise ExtractionError(
                f"rule {rule_id!r}: unknown role {part!r}; roles: {', '.join(sorted(ROLES))}"
            )
    return role


def _check_properties(props: Any, rule_id: str) -> dict[str, Any]:
    if not isinstance(props, dict):
        raise ExtractionError(f"rule {rule_id!r}: 'properties' is an object")
    for key, spec in props.items():
        source = next(iter(spec)) if isinstance(spec, dict) else spec
        if key == "date":
            continue  # "date": "<default key>"
        if source not in PROPERTY_SOURCES:
            raise ExtractionError(
                f"rule {rule_id!r}: property {key!r} reads {source!r}; sources: "
                f"{', '.join(PROPERTY_SOURCES)}"
            )
    return props


def _argument(item: dict[str, Any], key: str, rule_id: str) -> Argument:
    spec = item.get(key)
    if not isinstance(spec, dict) or not spec.get("roles") or not spec.get("labels"):
        raise ExtractionError(f"rule {rule_id!r}: {key!r} needs 'roles' and 'labels'")
    return Argument(
        tuple(_check_role(r, rule_id) for r in spec["roles"]),
        frozenset(check_label(x) for x in spec["labels"]),
        bool(spec.get("lists", True)),
        bool(spec.get("owners", False)),
    )


def _compile(item: dict[str, Any], origin: str, lexicon: dict[str, set[str]]) -> FrameRule:
    rule_id = str(item.get("id") or "")
    if not rule_id:
        raise ExtractionError(f"{origin}: every rule needs an 'id': {item!r:.100}")
    try:
        trigger = item["trigger"]
        lemmas = trigger["lemma"]
        if isinstance(lemmas, str):
            lemmas = sorted(lexicon.get(lemmas, ())) or [lemmas]
        requires = {}
        for role, words in item.get("requires", {}).items():
            _check_role(role, rule_id)
            if isinstance(words, str):
                if words not in lexicon:
                    raise ExtractionError(f"rule {rule_id!r}: no lexicon list {words!r}")
                words = sorted(lexicon[words])
            requires[role] = tuple(w.lower() for w in words)
        return FrameRule(
            id=rule_id,
            type=check_type(item["type"]),
            lemmas=frozenset(w.lower() for w in lemmas),
            pos=frozenset(trigger.get("pos", ["VERB", "NOUN", "PROPN", "ADJ"])),
            source=_argument(item, "source", rule_id),
            target=_argument(item, "target", rule_id),
            properties=_check_properties(item.get("properties", {}), rule_id),
            confidence=float(item.get("confidence", 0.7)),
            requires=requires,
            modifiers=frozenset(w.lower() for w in trigger.get("modifiers", [])),
            status=item.get("status"),
            pairwise=bool(item.get("pairwise", False)),
            default_target=_check_default(item.get("default_target"), rule_id),
            in_names=bool(trigger.get("in_names", False)),
        )
    except ExtractionError:
        raise
    except SchemaError as exc:
        raise ExtractionError(f"{origin}: rule {rule_id!r}: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise ExtractionError(f"{origin}: rule {rule_id!r} is malformed: {exc}") from exc


DEFAULT_TARGETS = {
    "country_in_context": "a title with no country: the country of its sentence or document",
    "topic_body": "a membership with no body named: the body that is the subject of this "
    "or the previous sentence",
}


def _check_default(value: Any, rule_id: str) -> str | None:
    if value is not None and value not in DEFAULT_TARGETS:
        raise ExtractionError(
            f"rule {rule_id!r}: unknown default_target {value!r}; known: {', '.join(DEFAULT_TARGETS)}"
        )
    return value


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExtractionError(f"cannot read relation rules {path}: {exc}") from exc
    if isinstance(data, list):
        data = {"rules": data}
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise ExtractionError(f"{path}: relation rules are {{'rules': [...], 'lexicon': {{...}}}}")
    return data


@lru_cache(maxsize=8)
def _load(pack: str, extra: tuple[str, ...]) -> RuleSet:
    files = [_read(DATA / pack / "relations.json"), *(_read(Path(p)) for p in extra)]
    lexicon: dict[str, set[str]] = {key: set() for key in LEXICON_KEYS}
    for data in files:
        for key, words in data.get("lexicon", {}).items():
            lexicon.setdefault(key, set()).update(str(w).lower() for w in words)
    rules: dict[str, FrameRule] = {}
    for origin, data in zip([pack, *extra], files, strict=True):
        for item in data.get("rules", []):
            if not isinstance(item, dict):
                raise ExtractionError(f"{origin}: a rule is a JSON object, not {item!r:.60}")
            if item.get("disabled"):
                rules.pop(str(item.get("id")), None)
                continue
            rule = _compile(item, str(origin), lexicon)
            rules[rule.id] = rule  # a later file overrides a rule by its id
    return RuleSet(tuple(rules.values()), {k: frozenset(v) for k, v in lexicon.items()})


def load_rules(pack: str = "geopolitics", extra: Iterable[str | Path] = ()) -> RuleSet:
    """The pack's rules with a user's files applied in order (add, override, disable)."""
    return _load(pack, tuple(str(p) for p in extra))
