"""Typed relationships read from spaCy's dependency parse, by the frames in
:mod:`docgraph.loaders.rules`.

For every token whose lemma triggers a rule, the two ends are looked up in the roles the
rule names (subject, object, "to X", "X's", the name a title belongs to …), each widened
only along its own conjuncts ("Mali, Niger and Chad joined" gives three members; a country
in a relative clause is not one of them), then mapped to the mentions they are part of
(including the references that :mod:`docgraph.loaders.references` resolved). A trigger
whose own verb chain is negated ("has never been a member"), hedged ("applied to join",
"was reported to be considering", "has yet to ratify") or denied gives no edge; a negation
in another clause of the sentence does not reach it.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from docgraph.graph.model import Relation, merge_properties
from docgraph.loaders.pipeline import DocState, Mention, Value, component
from docgraph.loaders.references import mentions_by_token
from docgraph.loaders.rules import FrameRule, RuleSet
from docgraph.loaders.values import (
    document_date,
    parse_date,
    parse_date_in_report,
    parse_money,
    parse_number,
    parse_relative_date,
)

__all__ = ["FrameMatcher"]

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
#: what a noun trigger may be to the verb it completes ("became a *member*")
NOUN_TO_VERB = frozenset({"attr", "dobj", "oprd", "acomp", "nsubj", "nsubjpass", "npadvmod"})
#: edges a scope check climbs: a hedge or a negation above the trigger covers it
SCOPE_UP = frozenset(
    {"xcomp", "ccomp", "pcomp", "pobj", "prep", "attr", "dobj", "oprd", "acomp", "amod",
     "compound", "appos", "advmod", "npadvmod", "acl", "auxpass", "aux"}
)  # fmt: skip
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
QUANTIFIERS = frozenset({"one", "two", "three", "four", "five", "some", "each", "many", "all"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})


def _lower_lemma(token: Any) -> str:
    return token.lemma_.lower()


def _forms(token: Any) -> set[str]:
    """The lemma and the word itself, and the word without a plural or third-person "s":
    the small model's lemmatizer makes "hopes" into "hop"."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    if lower.endswith("s") and len(lower) > 3:
        forms.add(lower[:-1])
    return forms


class FrameMatcher:
    """Applies a :class:`RuleSet` to one parsed document."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.rules = ruleset
        self.lex = ruleset.lexicon
        self.index = ruleset.by_lemma()
        self.scope_verbs = self.lex["hedge_verbs"] | self.lex["negative_verbs"]
        self._lists: dict[int, list[Any]] = {}  # token index → its list, per document
        self._dated: str | None = None  # the dateline's date, per document

    # --- the clause around a trigger ---------------------------------------------------

    def clause_verb(self, token: Any) -> Any:
        """The verb whose clause the trigger belongs to (itself, for a verb)."""
        t = token
        for _ in range(8):
            if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
                return t
            if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
                return t
            t = t.head
        return t

    def clause_tokens(self, verb: Any) -> list[Any]:
        """The verb's subtree without the clauses hanging off it (their own facts)."""
        cut = self.lex["clause_deps"]
        out, stack = [], [verb]
        while stack:
            t = stack.pop()
            out.append(t)
            for child in t.children:
                if child.dep_ in cut and child.pos_ in ("VERB", "AUX"):
                    continue
                stack.append(child)
        return out

    # --- roles -------------------------------------------------------------------------

    def subjects(self, verb: Any) -> list[Any]:
        """The grammatical subject of a verb (active or passive), inherited by a verb
        that has none of its own: "X joined A and became a member of B", "X, which
        joined", "Egypt, led by", "X agreed to provide"."""
        found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        if found:
            # "Brunei joined in 1984, Vietnam in 1995 and Cambodia in 1999": the parser hangs
            # the gapped subjects on the verb as npadvmod or conj names
            gapped = [
                c
                for c in verb.children
                if c.i > found[0].i and c.pos_ == "PROPN" and c.dep_ in ("npadvmod", "conj")
            ]
            return [
                verb.head if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else c
                for c in found
            ] + gapped
        if verb.head.i == verb.i:
            return []
        if verb.dep_ in ("conj", "xcomp", "advcl"):
            return self.subjects(verb.head)
        if verb.dep_ in ("acl", "relcl"):
            return [verb.head]
        return []

    @staticmethod
    def is_passive(verb: Any) -> bool:
        if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children):
            return True
        return verb.dep_ == "acl" and verb.tag_ == "VBN"

    def role(self, name: str, trigger: Any) -> list[Any]:
        tokens = [trigger]
        for part in name.split("."):
            tokens = [t for token in tokens for t in self._step(part, token)]
        return tokens

    def _step(self, part: str, t: Any) -> list[Any]:
        verbal = t.pos_ in ("VERB", "AUX")
        if part == "self":
            return [t]
        if t.pos_ == "ADP":  # "Under Jair Bolsonaro, Brazil suspended ..."
            if part == "object":
                return [c for c in t.children if c.dep_ == "pobj"]
            if part == "subject" and t.head.pos_ in ("VERB", "AUX"):
                return self.subjects(t.head)
            return []
        if part in ("subject", "passive_subject"):
            passive = part == "passive_subject"
            if verbal or t.dep_ in ("relcl", "acl"):
                return self.subjects(t) if self.is_passive(t) == passive else []
            if passive:
                return []
            # a noun: "X, a member of Y"; "X became a member of Y"; "served as president"
            if t.dep_ == "appos":
                return [t.head]
            head = t
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            if head.dep_ == "appos":
                return [head.head]
            if head.dep_ in NOUN_TO_VERB and head.head.pos_ in ("VERB", "AUX"):
                verb = head.head
                if head.dep_ in ("nsubj", "nsubjpass") or self.is_passive(verb):
                    return []
                return self.subjects(verb)
            if head.dep_ == "pobj" and head.head.dep_ == "prep":
                verb = head.head.head
                if verb.pos_ in ("VERB", "AUX") and head.head.lower_ in ("as", "among"):
                    return self.subjects(verb)
                if head.head.lower_ == "of" and verb.lower_ in ("one", "some", "many", "several"):
                    return self._step("subject", verb)  # "one of the members of"
            return []
        if part == "dative":
            return [c for c in t.children if c.dep_ == "dative"]
        if part == "particle":
            return [c for c in t.children if c.dep_ == "prt"]
        if part == "object":
            out = [c for c in t.children if c.dep_ == "dobj"]
            if not verbal:  # "membership the G5 Sahel": a noun's object is its apposition
                out += [c for c in t.children if c.dep_ == "appos"]
            if t.dep_ == "relcl" and any(
                c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS for c in t.children
            ):
                out.append(t.head)  # "the bloc, which it relaunched"
            return out
        if part == "agent":
            return [
                g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
            ]
        if part == "possessor":
            owners = [c for c in t.children if c.dep_ == "poss"]
            if not owners and t.dep_ == "compound" and t.head.i > t.i:
                # "Japan's Ground Self-Defense Force engineers": the phrase's owner
                owners = [c for c in t.head.children if c.dep_ == "poss" and c.i < t.i]
            return owners
        if part == "modifier":  # "U.S.-Malian relations": modifiers of modifiers too
            out, stack = [], [t]
            while stack:
                for c in stack.pop().children:
                    if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c.i < t.i:
                        out.append(c)
                        stack.append(c)
            return out
        if part == "named":
            out = []
            # "Kuwait's emir, Sheikh Sabah ...": the name right after the title and a comma,
            # which the parser often hangs elsewhere
            doc = t.doc
            if t.i + 2 < len(doc) and doc[t.i + 1].text == "," and doc[t.i + 2].pos_ == "PROPN":
                run = doc[t.i + 2]
                while run.dep_ in ("compound", "flat") and run.head.i > run.i:
                    run = run.head
                out.append(run)
            if t.dep_ in ("compound", "appos", "nmod") and t.head.i != t.i:
                out.append(t.head)
            out += [c for c in t.children if c.dep_ == "appos"]
            if t.dep_ == "nsubj" and t.head.lemma_ == "be":  # "the president of X is Y"
                out += [c for c in t.head.children if c.dep_ == "attr"]
            if t.dep_ in ("attr", "oprd") and t.head.pos_ in ("VERB", "AUX"):
                out += self.subjects(t.head)
            if t.dep_ == "pobj" and t.head.lower_ in ("of", "among"):
                # "Brazil is one of the G4 nations", "Mali is among the AES states"
                holder = t.head.head
                if t.head.lower_ == "of" and holder.lower_ in QUANTIFIERS:
                    out += self._step("named", holder)
                elif t.head.lower_ == "among" and holder.pos_ in ("VERB", "AUX"):
                    out += self.subjects(holder)
            if t.dep_ == "pobj" and t.head.lower_ == "as":
                verb = t.head.head
                if verb.pos_ in ("VERB", "AUX"):
                    out += self.subjects(verb)
                    out += [c for c in verb.children if c.dep_ == "dobj"]
            return out
        if part == "governor":
            return [t.head] if t.head.i != t.i else []
        if part == "head":
            ok = t.dep_ in ("acl", "amod")
            return [t.head] if ok and t.head.i != t.i else []
        if part == "attribute":
            return [c for c in t.children if c.dep_ in ("attr", "oprd")]
        if part.startswith("prep:"):
            word = part[5:]
            # "together with", "along with"
            hosts = [
                t,
                *(c for c in t.children if c.dep_ == "advmod" or c.lower_ in ("along", "together")),
            ]
            if verbal:
                hosts += [c for c in t.children if c.dep_ in ("dobj", "attr")]
            else:  # "membership, the G5 Sahel, with Chad and Niger": the apposition's too
                hosts += [c for c in t.children if c.dep_ == "appos"]
            out = []
            for host in hosts:
                for prep in host.children:
                    if prep.dep_ not in ("prep", "agent", "dative"):
                        continue
                    for p in [prep, *(c for c in prep.conjuncts if c.dep_ in ("prep", "conj"))]:
                        if p.lower_ == word:
                            out += [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
            if not verbal and t.dep_ in ("attr", "dobj") and t.head.pos_ in ("VERB", "AUX"):
                verb = t.head
                # "a member of APEC since 1998 and of the WTO": the parser hangs the second
                # "of" on the verb's "since"; "a member of A, B and C" read as three attrs
                for prep in verb.children:
                    if prep.dep_ == "prep":
                        for p in prep.conjuncts:
                            if p.lower_ == word:
                                out += [g for g in p.children if g.dep_ == "pobj"]
                if out:
                    out += [c for c in verb.children if c.dep_ == t.dep_ and c.i > t.i]
            return out
        return []

    # --- tokens to mentions ------------------------------------------------------------

    def expand(self, tokens: Iterable[Any]) -> list[Any]:
        """Each token and the items listed with it: "Mali, Niger and Chad"; a common noun
        also by what it is said to be: "the member states Chad and Niger", "foreign
        nations including the United States and China". Each token's list is walked once
        per document (a sentence of thousands of "X, X, ..." stays linear)."""
        out, seen = [], set()
        for t in tokens:
            for item in self._closure(t):
                if item.i not in seen:
                    seen.add(item.i)
                    out.append(item)
        return out

    def _closure(self, start: Any) -> list[Any]:
        known = self._lists.get(start.i)
        if known is not None:
            return known
        out, seen, queue = [], {start.i}, deque([start])
        while queue:
            t = queue.popleft()
            out.append(t)
            for c in t.children:
                if c.i in seen:
                    continue
                if (
                    c.dep_ == "conj"
                    or (c.dep_ == "npadvmod" and c.pos_ == "PROPN" and t.pos_ == "PROPN")
                    or (c.dep_ == "appos" and (c.pos_ == "PROPN" or t.tag_ == "NNS"))
                ):
                    seen.add(c.i)
                    queue.append(c)  # a list, or one the parser read as an apposition
                elif c.dep_ == "prep" and c.lower_ in ("including", "like") and t.pos_ == "NOUN":
                    for g in c.children:
                        if g.dep_ == "pobj" and g.i not in seen:
                            seen.add(g.i)
                            queue.append(g)
        self._lists[start.i] = out
        return out

    def mentions_of(
        self, token: Any, by_token: list[list[Mention]], depth: int = 0
    ) -> list[Mention]:
        found = by_token[token.i]
        if found:
            return found
        if token.lower_ in ("which", "whom") and depth < 2:
            # "the Warsaw Pact, of which it had been a founding member": the noun the
            # relative clause hangs on
            t = token
            while t.dep_ != "relcl" and t.head.i != t.i:
                t = t.head
            if t.dep_ == "relcl":
                return self.mentions_of(t.head, by_token, depth + 1)
            return []
        lemma = _lower_lemma(token)
        named = [m for c in token.children if c.dep_ == "appos" for m in by_token[c.i]]
        if named:
            return named  # "the Brazilian development bank BNDES": the name, not the modifier
        if lemma in self.lex["state_nouns"] or lemma in self.lex["troop_nouns"]:
            # "the Ivorian government", "Kenyan units", "the government of Mali"; a "UN
            # member state" is a state of the UN, not the UN
            owners = (
                ("Country",)
                if lemma in self.lex["reference_country_nouns"]
                else ("Country", "Organization")
            )
            out = []
            for c in token.children:
                if c.dep_ in ("amod", "compound", "poss", "nmod"):
                    out += [m for m in by_token[c.i] if m.label in owners]
                elif c.dep_ == "prep" and c.lower_ == "of" and depth < 3:
                    for g in c.children:
                        if g.dep_ == "pobj":
                            found = self.mentions_of(g, by_token, depth + 1)
                            out += [m for m in found if m.label in owners]
            return out
        if lemma in self.lex["body_nouns"]:  # "the BRICS group", "DDR programmes"
            found = [
                m
                for c in token.children
                if c.dep_ in ("compound", "nmod", "appos") and c.i < token.i
                for m in by_token[c.i]
            ]
            if found:
                return found
        if lemma in self.lex["partitive_nouns"] and depth < 4:
            # "most of the first line of the Abidjan Metro", "Afghanistan's Ghazni province"
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "on", "in"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            found = self.mentions_of(g, by_token, depth + 1)
                            if found:
                                return found
            for c in token.children:
                if c.dep_ in ("poss", "compound"):
                    found = self.mentions_of(c, by_token, depth + 1)
                    if found:
                        return found
        return []

    # --- scope -------------------------------------------------------------------------

    def blocked(self, trigger: Any) -> bool:
        """Negated, hedged or denied where the trigger stands (not elsewhere)."""
        lex = self.lex
        t = trigger
        for step in range(10):
            for c in t.children:
                if c.dep_ == "neg" or (c.lower_ in lex["negation_words"] and c.dep_ != "cc"):
                    return True
                if c.dep_ == "det" and c.lower_ == "no":
                    return True
                if c.dep_ == "aux" and c.lower_ in lex["hedge_modals"]:
                    return True
                if c.dep_ == "advmod" and c.lower_ == "yet" and t.pos_ in ("VERB", "AUX"):
                    return True
                if c.dep_ == "preconj" and c.lower_ == "neither":
                    return True
                if c.lower_ in ("non", "non-") and t is trigger:
                    return True  # "a major non-NATO ally"
            if step and not self.scope_verbs.isdisjoint(_forms(t)):
                return True
            if t.head.i == t.i:
                return False
            lo, hi = sorted((t.i, t.head.i))
            if t.pos_ in ("VERB", "AUX") and any(x.text == ";" for x in t.doc[lo:hi]):
                return False  # "X deployed troops; Y declined ...": two statements
            if t.dep_ not in SCOPE_UP and not (t.dep_ == "conj" and t.pos_ not in ("VERB", "AUX")):
                return False
            t = t.head
        return False

    def subject_negated(self, tokens: list[Any]) -> bool:
        """ "Neither India nor Japan belongs to": the list itself is negated."""
        return any(
            c.dep_ == "preconj" and c.lower_ == "neither" or (c.dep_ == "cc" and c.lower_ == "nor")
            for t in tokens
            for c in t.children
        )

    # --- properties --------------------------------------------------------------------

    def properties(
        self, rule: FrameRule, trigger: Any, clause: set[int], values: list[Value], doc: Any
    ) -> dict[str, Any]:
        props: dict[str, Any] = {}
        inside = [v for v in values if _value_root(doc, v) in clause]
        for key, spec in rule.properties.items():
            if key == "date":
                date = _nearest(trigger, [v for v in inside if v.kind == "DATE"])
                if date is not None:
                    iso = parse_date(date.text)
                    if not iso and self._dated:  # "on Tuesday", "in January", in a report
                        iso = parse_date_in_report(date.text, self._dated)
                    iso = iso or _relative(date, values)  # "that November", "the same year"
                    if iso:
                        before = doc.text[max(0, date.start - 12) : date.start].lower().split()
                        word = before[-1] if before else ""
                        if word in ("since", "from"):
                            props["since"] = iso
                        elif word in ("until", "till"):
                            props["until"] = iso
                        else:
                            props[spec] = iso
                elif (
                    self._dated
                    and trigger.tag_ == "VBD"
                    and rule.type.lower() in self.lex["report_dated_types"]
                ):
                    # "The four governments launched the partnership", in a dated report:
                    # news told in the past tense with no date happened on the report's day
                    props[spec] = self._dated
                # "from 2012 until May 2017": the end the clause states too
                for other in inside:
                    if other.kind != "DATE" or other is date or "until" in props:
                        continue
                    before = doc.text[max(0, other.start - 12) : other.start].lower().split()
                    if before and before[-1] in ("until", "till") and parse_date(other.text):
                        props["until"] = parse_date(other.text)
                continue
            source = next(iter(spec)) if isinstance(spec, dict) else spec
            if source == "literal":
                props[key] = spec["literal"]
            elif source == "amount":
                money = _nearest(trigger, [v for v in inside if v.kind == "MONEY"])
                parsed = parse_money(money.text) if money is not None else None
                if parsed:
                    props["amount"], props["currency"] = parsed
            elif source == "troops":
                count = self._troops(trigger, clause, doc)
                if count:
                    props[key] = count
            elif source == "title":
                props[key] = self.title(trigger)
            elif source == "role":
                props[key] = _role_word(trigger)
            elif source == "funding_kind":
                props[key] = self._funding_kind(clause, doc) or spec["funding_kind"]
        return props

    def _funding_kind(self, clause: set[int], doc: Any) -> str | None:
        """ "through Treasury loans", "Chinese lenders bankrolled", "grant aid built": the
        kind of money the clause names."""
        lemmas = {_lower_lemma(doc[i]) for i in clause}
        if lemmas & self.lex["grant_words"]:
            return "grant"
        if lemmas & self.lex["loan_words"]:
            return "loan"
        return None

    def _troops(self, trigger: Any, clause: set[int], doc: Any) -> int | None:
        troop_nouns = self.lex["troop_nouns"]
        for i in sorted(clause, key=lambda i: abs(i - trigger.i)):
            t = doc[i]
            if _lower_lemma(t) in troop_nouns:
                for c in t.children:
                    if c.dep_ == "nummod" or (c.like_num and c.dep_ in ("amod", "compound")):
                        number = parse_number(c.text)
                        if number:
                            return int(number)
                # "a 700-strong battalion": the tokenizer splits "700", "-", "strong"
                for c in t.children:
                    if c.lower_ == "strong":
                        nums = [g for g in c.children if g.like_num]
                        if nums:
                            number = parse_number(nums[0].text)
                            if number:
                                return int(number)
        return None

    def title(self, trigger: Any) -> str:
        words = [
            c
            for c in trigger.children
            if c.dep_ in ("compound", "amod")
            and c.i < trigger.i
            and _lower_lemma(c) in self.lex["title_modifiers"]
        ]
        parts = [w.text for w in sorted([*words, trigger], key=lambda t: t.i)]
        return " ".join(p[:1].upper() + p[1:] for p in parts)

    # --- the matcher -------------------------------------------------------------------

    def matches(
        self, state: DocState, doc: Any
    ) -> Iterator[tuple[FrameRule, Any, Mention, Mention, dict]]:
        by_token, _ = mentions_by_token(state, doc)
        values = state.values
        self._lists = {}
        self._dated = document_date(state.text)
        anywhere = self.index.get("*", [])
        for token in doc:
            lemma, lower = _lower_lemma(token), token.lower_
            rules = self.index.get(lemma, [])
            if lower != lemma and lower in self.index:  # "found" (the lemmatizer says "find")
                rules = rules + [r for r in self.index[lower] if r not in rules]
            rules = rules + anywhere
            for rule in rules:
                if token.pos_ not in rule.pos:
                    continue
                if by_token[token.i] and not rule.in_names:
                    continue  # "the International Monetary Fund": a name, not a trigger
                if (
                    rule.lemmas == {"*"}
                    and "self" in rule.source.roles
                    and (
                        not by_token[token.i]
                        or token.head.i != token.i
                        and _same_mention(token, by_token)
                    )
                ):
                    continue  # rules on any word fire once per name, on its head token
                if rule.modifiers and not any(
                    _lower_lemma(c) in rule.modifiers for c in token.children
                ):
                    continue
                if not self._requirements(rule, token):
                    continue
                yield from self._apply(rule, token, state, doc, by_token, values)

    def _requirements(self, rule: FrameRule, token: Any) -> bool:
        for role, words in rule.requires.items():
            found = self.role(role, token)
            if role not in ("self", "governor"):  # the word a trigger hangs on is one word
                found = self.expand(found)
            if not any(_lower_lemma(t) in words or t.lower_ in words for t in found):
                return False
        return True

    def _ends(
        self, rule_arg: Any, token: Any, by_token: list[list[Mention]], state: DocState
    ) -> list[Mention]:
        capitals: dict[str, Mention] = state.settings.get("capital_of", {})
        out: list[Mention] = []
        for role in rule_arg.roles:
            also = role.startswith("+")
            if out and not also:
                continue
            name = role.lstrip("+")
            heads = self.role(name, token)
            if name != "self":  # the trigger is never its own end ("President" in his name)
                heads = [t for t in heads if t.i != token.i]
            if not heads:
                continue
            listed = self.expand(heads) if rule_arg.lists and name != "self" else heads
            # a list hung on a word inside a name ("the Commonwealth of Independent States,
            # the CSTO and ..."): the conjuncts of every word of the name
            for t in list(listed):
                for m in by_token[t.i] if rule_arg.lists else ():
                    span = t.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None and len(span) > 1:
                        listed += self.expand(
                            c for x in span for c in x.children if c.dep_ == "conj"
                        )
            if self.subject_negated(listed):
                return []
            for t in listed:
                for m in self.mentions_of(t, by_token):
                    if m.label in rule_arg.labels:
                        out.append(m)
                    elif "Country" in rule_arg.labels and m.entity in capitals:
                        out.append(capitals[m.entity])  # "its envoy in Madrid": Spain
        if rule_arg.owners:
            out += self._owners(out, token.doc, by_token, rule_arg.labels)
        return _distinct(out)

    def _owners(
        self, mentions: list[Mention], doc: Any, by_token: list[list[Mention]], labels: frozenset
    ) -> list[Mention]:
        """ "NATO's KFOR", "the US Army's V Corps": the possessors of each mention, and
        theirs in turn, that have one of the argument's labels."""
        owners: list[Mention] = []
        seen = {m.entity for m in mentions}
        todo = list(mentions)
        while todo:
            mention = todo.pop()
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for child in span.root.children:
                if child.dep_ != "poss":
                    continue
                for m in self.mentions_of(child, by_token):
                    if m.label in labels and m.entity not in seen:
                        seen.add(m.entity)
                        owners.append(m)
                        todo.append(m)
        return owners

    def _country_in_context(
        self, token: Any, state: DocState, by_token: list[list[Mention]]
    ) -> list[Mention]:
        """A title with no country ("President William Ruto"): the country the document is
        about, unless the sentence names other countries and not it, and one of them is
        the subject the title's clause is about ("France, under President Macron, ...")."""
        main = state.settings.get("main_country_mention") or state.settings.get(
            "leading_country_mention"
        )
        named_most = state.settings.get("most_named_country")
        countries = _distinct(
            m
            for t in token.sent
            for m in by_token[t.i]
            if m.label == "Country" and m.source != "coref"
        )
        if named_most is not None and any(m.entity == named_most.entity for m in countries):
            return [named_most]
        verb = self.clause_verb(token)
        for _ in range(4):
            subjects = _distinct(
                m for t in self.subjects(verb) for m in by_token[t.i] if m.label == "Country"
            )
            if len(subjects) == 1:
                return subjects
            if subjects:
                # "during a visit by President Biden, the two countries upgraded ties": the
                # subject is a pair; the one country the sentence names itself is his
                if len(countries) == 1 and countries[0].entity in {m.entity for m in subjects}:
                    return countries
                break
            if verb.head.i == verb.i:
                break
            verb = self.clause_verb(verb.head)
        return [main] if main is not None else []

    def _topic_body(
        self, rule: FrameRule, token: Any, by_token: list[list[Mention]], sources: list[Mention]
    ) -> list[Mention]:
        """ "Brunei joined in 1984", "Indonesia became the tenth member": a membership with
        no body named joins the body the text is about here, the subject of this or the
        previous sentence; if neither sentence has a body as its subject, no edge."""
        # the rule's own target slot, or a light verb's ("takes part | in the frameworks")
        slots = [t for role in rule.target.roles for t in self.role(role.lstrip("+"), token)]
        if token.dep_ == "dobj":
            slots += [g for c in token.head.children if c.dep_ == "prep" for g in c.children]
        stated = any(_is_a_thing(t) for t in slots)
        if stated:
            return []  # "joined the BRICS group": a body is named, only not as an entity
        doc = token.doc
        own = {m.entity for m in sources}
        if any(m.label == "Person" for m in sources):
            return []  # a person's party or club is named, not implied
        sentence = token.sent
        # this sentence, then up to three before it: "What is BRICS? ... Indonesia became
        # the tenth member"; the nearest body that a sentence is about (its subject, or what
        # a question asks about) wins
        for _ in range(4):
            for t in sorted(sentence, key=lambda t: -t.i):
                if t.i >= token.i or _phrase_role(t) not in ("nsubj", "nsubjpass", "attr"):
                    continue
                bodies = [m for m in by_token[t.i] if m.label == "Organization"]
                if bodies and bodies[0].entity not in own:
                    return bodies[:1]
            if sentence.start == 0:
                break
            previous = doc[sentence.start - 1].sent
            words_end = previous.start_char + len(previous.text.rstrip())
            if _PARAGRAPH_BREAK.search(doc.text, words_end, sentence.start_char):
                break  # a passage's topic ends with its paragraph
            sentence = previous
        return []

    def _apply(
        self, rule: FrameRule, token: Any, state: DocState, doc: Any, by_token, values
    ) -> Iterator[tuple[FrameRule, Any, Mention, Mention, dict]]:
        sources = self._ends(rule.source, token, by_token, state)
        if not sources and not rule.pairwise:
            return
        targets = self._ends(rule.target, token, by_token, state)
        if not targets and rule.default_target == "country_in_context" and sources:
            targets = self._country_in_context(token, state, by_token)
        if not targets and rule.default_target == "topic_body" and sources:
            targets = self._topic_body(rule, token, by_token, sources)
        pairs: list[tuple[Mention, Mention]] = []
        if sources and targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif rule.pairwise and len(sources) == 2 and not targets:
            pairs = [(sources[0], sources[1])]  # "Bahrain and Qatar restore relations"
        if not pairs or self.blocked(token):  # scope last: it climbs the tree
            return
        verb = self.clause_verb(token)
        clause = {t.i for t in self.clause_tokens(verb)}
        props = self.properties(rule, token, clause, values, doc)
        if len({s.entity for s in sources}) > 1 and "amount" in props:
            props.pop("amount")  # one amount pledged by several donors is no donor's own
            props.pop("currency", None)
        if rule.status == "former" or (
            rule.type in ("MEMBER_OF", "DIPLOMATIC_RELATIONS") and self._former(token, verb)
        ):
            props["status"] = "former"
        elif rule.status:
            props["status"] = rule.status
        elif rule.type == "MEMBER_OF":
            props["status"] = "current"  # a membership stated without an end
        dates = [v for v in values if v.kind == "DATE" and _value_root(doc, v) in clause]
        for s, t in pairs:
            own = dict(props)
            if len(dates) > 1 and len(sources) > 1 and s.start > token.idx:
                # "Brunei joined in 1984, Vietnam in 1995": a gapped member after the verb
                # has its own year
                after = [v for v in dates if v.start > s.start]
                iso = parse_date(min(after, key=lambda v: v.start).text) if after else None
                key = next((k for k in ("since", "date", "until") if k in own), None)
                if iso and key:
                    own[key] = iso
            elif len(dates) > 1 and len(targets) > 1 and t.start > token.idx:
                # "a member of APEC since 1998 and of the WTO since January 2007": each
                # body in the list has the date that follows it, before the next body
                later = [m.start for m in targets if m.start > t.start]
                until = min(later) if later else len(doc.text)
                after = [v for v in dates if t.end <= v.start < until]
                iso = parse_date(min(after, key=lambda v: v.start).text) if after else None
                key = next((k for k in ("since", "date", "until") if k in own), None)
                if iso and key:
                    own[key] = iso
            if rule.type == "MEMBER_OF" and self._marked_former(s, doc):
                own["status"] = "former"
            yield rule, token, s, t, own

    def _marked_former(self, mention: Mention, doc: Any) -> bool:
        """ "Niger (formerly)", "Chad, formerly a member": a word on the member itself."""
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        return any(c.lower_ in self.lex["former_words"] for c in span.root.children)

    def _former(self, token: Any, verb: Any) -> bool:
        words = self.lex["former_words"]
        return any(
            c.lower_ in words
            for t in (token, verb)
            for c in t.children
            if c.dep_ in ("amod", "advmod")
        )


def _leading_country(state: DocState) -> Mention | None:
    """The country named most, if it holds a third of the country mentions: what a
    "Foreign relations of X" article is about even when it names many others."""
    counts: dict[str, int] = {}
    for m in state.mentions:
        if m.label == "Country" and m.entity and m.source != "coref":
            counts[m.entity] = counts.get(m.entity, 0) + 1
    best = state.main_country()
    if best is None or counts.get(best.entity, 0) * 3 < sum(counts.values()):
        return None
    return best


def _same_mention(token: Any, by_token: list[list[Mention]]) -> bool:
    """The token's head is part of the same name (so the token is not the name's head)."""
    mine = {id(m) for m in by_token[token.i]}
    return any(id(m) in mine for m in by_token[token.head.i])


def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if m.entity and m.entity not in seen:
            seen.add(m.entity)
            out.append(m)
    return out


_TIMES_AND_NUMBERS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
)


def _is_a_thing(token: Any) -> bool:
    """ "the bloc", "it", "SAMIDRC": a slot filled by a thing, not by a time ("in 1984",
    "in May 2004") or a number."""
    return token.pos_ not in ("NUM", "ADP", "PUNCT", "ADV") and (
        token.ent_type_ not in _TIMES_AND_NUMBERS
    )


def _relative(date: Value, values: list[Value]) -> str | None:
    """ "that November", "the same year": against the last year named before it."""
    for earlier in reversed([v for v in values if v.kind == "DATE" and v.end <= date.start]):
        iso = parse_date(earlier.text)
        if iso:
            return parse_relative_date(date.text, iso[:4])
    return None


def _role_word(trigger: Any) -> str:
    """ "hosted" → "host"; "co-chaired", which the tokenizer splits, → "co-chair"."""
    doc, i = trigger.doc, trigger.i
    lemma = _lower_lemma(trigger)
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "co":
        return "co-" + lemma
    return lemma


def _phrase_role(token: Any) -> str:
    """The role of the noun phrase a token sits in: "the G5 Sahel" in "membership of the
    G5 Sahel", "its membership, the G5 Sahel" or "the G5 Sahel's members" plays the role of
    the phrase's head."""
    for _ in range(4):
        if token.dep_ in ("appos", "compound", "poss"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of":
            token = token.head.head
        else:
            break
    return token.dep_


def _value_root(doc: Any, value: Value) -> int:
    span = doc.char_span(value.start, value.end, alignment_mode="expand")
    return span.root.i if span is not None else -1


def _nearest(trigger: Any, values: list[Value]) -> Value | None:
    if not values:
        return None
    return min(values, key=lambda v: abs(v.start - trigger.idx))


@component("typed_relations")
def typed_relations(state: DocState) -> DocState:
    """Typed edges from the frames; with no parse (``--fast``) there are none to read."""
    doc = state.spacy_doc
    if doc is None or not doc.has_annotation("DEP"):
        return state
    state.settings["main_country_mention"] = state.main_country(dominant=True)
    state.settings["most_named_country"] = state.main_country()
    state.settings["leading_country_mention"] = _leading_country(state)
    # the Extractor builds its matcher once; a bare DocState gets one of its own
    matcher = state.settings.get("frames") or FrameMatcher(state.settings["rules"])
    starts = [start for start, _ in state.sentences]
    found: dict[tuple, Relation] = {}
    for rule, token, src, dst, props in matcher.matches(state, doc):
        if src.entity == dst.entity:
            continue
        index = max(bisect.bisect_right(starts, token.idx) - 1, 0)
        ev = state.evidence(index, f"frame:{rule.id}", rule.confidence)
        rel = Relation(src.entity, rule.type, dst.entity, props, [ev])
        known = found.get(rel.key)
        if known is None:
            found[rel.key] = rel
        else:
            known.add_evidence(rel.evidence)
            merge_properties(known.properties, props)
    state.relations.extend(found.values())
    return state
