"""spaCy components docgraph adds to the small English model.

``docgraph_gazetteer`` runs after ``ner`` and reconciles known names with the model's
entities. spaCy's stock EntityRuler either pre-empts the model (so "Toronto" as a known
city splits "University of Toronto" in two) or defers to it (so "Mali" stays a PERSON).
This component keeps the longer model entity when it adds real name words around a known
name, and trusts the gazetteer when the spans agree, overlap partially, or the model's
span only adds punctuation ("U.S.-Malian", "Burkina Faso (formerly)").
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from docgraph.loaders.labels import ORG_WORDS, PLACE_WORDS

__all__ = ["GazetteerMerger", "is_title"]

VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"})
_FILLER = frozenset(
    {"the", "of", "'s", "’s", "and", "(", ")", "-", "–", ",", ".", "formerly", "former"}
)


_PARTICLES = frozenset(
    {
        "of",
        "and",
        "for",
        "de",
        "da",
        "der",
        "von",
        "van",
        "del",
        "la",
        "le",
        "du",
        "bin",
        "al",
        "y",
        "do",
        "dos",
        "das",
        "den",
        "ter",
        "ibn",
    }
)
_LEADING = frozenset(
    {
        "after",
        "during",
        "before",
        "following",
        "in",
        "on",
        "at",
        "upon",
        "when",
        "while",
        "since",
        "born",
        "the",
        "a",
        "an",
        "as",
        "by",
        "from",
        "with",
        "under",
    }
)
#: titles and roles cut from the front of a person's name ("King Ferdinand", "Drummer Lars
#: Ulrich"), lower case; the capitalised words that introduce a name are added below
_TITLES = frozenset(
    "activist admiral adviser advisor ambassador analyst archbishop artist baron baroness "
    "bassist bishop brigadier brother businessman captain cardinal chairman chairperson "
    "chancellor chief coach colonel columnist commander commissioner congressman "
    "congresswoman corporal councilman councilwoman count countess czar defence defense "
    "deputy detective director dr dr. drummer duke earl economist emir emperor empress "
    "englishman environmentalist envoy father foreign former frenchman general governor "
    "guitarist head inspector irishman journalist judge justice king lady late lawmaker "
    "lieutenant lord major marquess marshal mayor midshipman minister mr mr. mrs mrs. ms "
    "ms. novelist officer only petty pianist pope premier president prime prince princess "
    "private producer queen reverend saint scientist scotsman secretary senator sergeant "
    "shah sheikh singer sir sister spokesman spokesperson spokeswoman st. sultan then tsar "
    "vice violinist viscount welshman ".split()
)
#: titles that make the name after them a person, whatever the model read ("Pope Paul VI")
_RULER_TITLES = frozenset(
    "king queen pope emperor empress tsar czar sultan emir shah prince princess".split()
)
_TRAILING = frozenset({"born", "upon", "after", "before", "during", "in", "on", "at", "the"})


def is_title(token) -> bool:  # noqa: ANN001
    """A title or role before a name: "General", "Drummer", "Irishman", "Environmentalist"."""
    return token.lower_ in _TITLES or token.text in _NAME_TITLES


def tidy_entities(doc: Doc) -> list[Span]:
    """Repair the small model's typical span errors, without changing what it found:
    cut at sentence breaks ("World War I. Angell"), drop leading function words and
    titles ("During World War", "King Ferdinand"), join names split at a particle
    ("Circuit Court of" + "Cook County"), and extend a person leftwards over a first name
    the model missed ("Petrovich Lyapunov")."""
    ents = sorted(doc.ents, key=lambda e: e.start)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        start, end, label = ent.start, ent.end, ent.label_
        if label in VALUE_LABELS:
            out.append(ent)
            i += 1
            continue
        # a span across a sentence break keeps its longest part: "World War I. Angell",
        # "PRESS RELEASE / Ministry of Foreign Affairs"
        cuts = [t.i for t in doc[start + 1 : end] if t.is_sent_start]
        if cuts:
            parts = list(zip([start, *cuts], [*cuts, end], strict=True))
            start, end = max(parts, key=lambda p: sum(t.is_alpha for t in doc[p[0] : p[1]]))
        for t in doc[start + 1 : end]:
            if t.text in ("(", ")"):  # "Military Intelligence (DGMI"
                end = t.i
                break
        while end - start > 1 and doc[end - 1].is_space:
            end -= 1
        while end - start > 1 and doc[start].is_space:
            start += 1
        while end - start > 1 and doc[end - 1].lower_ in _TRAILING | {",", "-", "–"}:
            end -= 1
        while end - start > 1 and doc[start].lower_ in _LEADING:
            start += 1
        if (
            label in ("ORG", "GPE", "LOC", "NORP")
            and 1 < end - start <= 4
            and (doc[start].lower_ in _RULER_TITLES or doc[start].text in _PERSON_PREFIXES)
            and doc[start + 1].text[:1].isupper()
            and not any(t.text in ORG_WORDS or t.text in PLACE_WORDS for t in doc[start:end])
        ):
            label = "PERSON"  # "King Constantine", "Pope Paul VI", "Opposition Khaleda Zia"
        while end - start > 1 and label == "PERSON" and is_title(doc[start]):
            start += 1
        if label == "PERSON" and end - start == 1 and is_title(doc[start]):
            i += 1  # a title alone ("Chairperson of the AU") names no one
            continue
        # "Circuit Court of" + "Cook County": join through a particle
        while doc[end - 1].lower_ in _PARTICLES and end < len(doc):
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if nxt is not None and nxt.start == end and nxt.label_ not in VALUE_LABELS:
                end = nxt.end
                i += 1
            elif doc[end].text[:1].isupper() and not doc[end].is_sent_start:
                end += 1
                while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
                    end += 1
            elif doc[end].lower_ in _PARTICLES and end + 1 < len(doc):
                end += 1  # "Ursula von | der Leyen": particles in a row
            else:
                while end - start > 1 and doc[end - 1].lower_ in _PARTICLES:
                    end -= 1
                break
        if label == "PERSON":
            while (
                start > 0
                and doc[start - 1].is_alpha
                and doc[start - 1].text[:1].isupper()
                and doc[start - 1].lower_ not in _LEADING
                and not is_title(doc[start - 1])
                and not doc[start].is_sent_start
                and not any(o.start <= start - 1 < o.end for o in out)
            ):
                start -= 1
        # "Ali Kuli" + "Khan Khattak": two halves of one name, nothing between them
        while (
            label == "PERSON"
            and i + 1 < len(ents)
            and ents[i + 1].start == end
            and ents[i + 1].label_ == "PERSON"
            and not doc[end].is_sent_start
        ):
            end = ents[i + 1].end
            i += 1
        if end > start:
            out.append(Span(doc, start, end, label=label, kb_id=ent.kb_id_))
        i += 1
    return filter_spans(out + _titled_people(doc, out))


#: a capitalised title word that introduces a person's name
_NAME_TITLES = frozenset(
    "President General Minister Premier King Queen Prince Princess Emperor Sultan Emir Sheikh "
    "Senator Governor Mayor Ambassador Chancellor Colonel Captain Admiral Marshal Commander "
    "Secretary Chairman Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Sir Dame Lord Lady Pope Bishop Cardinal "
    "Opposition Leader Deputy Spokesman Spokeswoman Spokesperson Analyst Researcher Professor "
    "Director Editor Correspondent Lawyer Judge Justice Envoy Commissioner Rapporteur "
    "H.E. Hon. Hon Rt. Excellency Honourable Honorable".split()
)


#: title words that make a body the model found a person ("Opposition Khaleda Zia");
#: "General Motors" and "General Electric" are companies
_PERSON_PREFIXES = _NAME_TITLES - {"General"}


def _titled_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """Names the model missed after a title: "General Pervez Musharraf", "Leader of the
    Opposition Khaleda Zia". Two or three capitalised words, none a head word of a body or
    a place ("General Assembly" is no one)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    found = []
    i = 1
    while i < len(doc):
        if i in taken or doc[i - 1].text not in _NAME_TITLES or doc[i].is_sent_start:
            i += 1
            continue
        end = i
        while (
            end < len(doc)
            and end - i < 3
            and end not in taken
            and doc[end].is_alpha
            and doc[end].text[:1].isupper()
            and not doc[end].is_sent_start
            and doc[end].text not in ORG_WORDS
            and doc[end].text not in PLACE_WORDS
            and doc[end].text not in _NAME_TITLES
        ):
            end += 1
        if end - i >= 2 and (end == len(doc) or not doc[end].text[:1].isupper()):
            found.append(Span(doc, i, end, label="PERSON"))
        i = max(end, i + 1)
    return found


def _opens_sentence(token) -> bool:  # noqa: ANN001
    """The first word of a sentence, even after a line break (its own whitespace token)."""
    doc = token.doc
    i = token.i
    while i > 0 and doc[i - 1].is_space and not doc[i].is_sent_start:
        i -= 1
    return doc[i].is_sent_start or i == 0


def _common(word: str) -> bool:
    """A frequent English word ("Relations", "Support"), by wordfreq's Zipf scale."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 4.0


class GazetteerMerger:
    """Known names (phrase patterns) merged into ``doc.ents``; ids in ``span.kb_id_``."""

    def __init__(self, nlp: Language, name: str = "docgraph_gazetteer") -> None:
        self.nlp = nlp
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[str, str] = {}
        self.places: dict[str, str] = {}

    def add_places(self, places: dict[str, str]) -> None:
        self.places.update(places)

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        by_id: dict[str, list[str]] = {}
        for p in patterns:
            by_id.setdefault(p["id"], []).append(p["pattern"])
            self.labels[p["id"]] = p["label"]
        tokenizer = self.nlp.tokenizer
        for eid, surfaces in by_id.items():
            self.matcher.add(eid, [tokenizer(s) for s in surfaces])

    def _weak_places(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Town names: relabel the model's non-person entities, fill capitalised gaps."""
        if not self.places:
            return []
        found = []
        covered = {i for k in known for i in range(k.start, k.end)}
        for ent in doc.ents:
            eid = self.places.get(ent.text)
            if (
                eid
                and ent.label_ in ("GPE", "LOC", "FAC", "ORG", "NORP")
                and ent.start not in covered
            ):
                found.append(Span(doc, ent.start, ent.end, label="Location", kb_id=eid))
        in_ents = {i for e in doc.ents for i in range(e.start, e.end)} | covered
        # token texts and trailing spaces once, not a Span per candidate (the hot loop of --fast)
        words = [t.text for t in doc]
        spaces = [t.whitespace_ for t in doc]
        i = 0
        while i < len(doc):
            word = words[i]
            if i in in_ents or not word[0].isupper() or not word.isalpha():
                i += 1
                continue
            if _opens_sentence(doc[i]):
                i += 1
                continue
            for n in (3, 2, 1):
                if i + n <= len(doc) and not any(j in in_ents for j in range(i, i + n)):
                    text = (
                        "".join(words[j] + spaces[j] for j in range(i, i + n - 1))
                        + words[i + n - 1]
                    )
                    eid = self.places.get(text)
                    if eid:
                        found.append(Span(doc, i, i + n, label="Location", kb_id=eid))
                        i += n - 1
                        break
            i += 1
        return found

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = tidy_entities(doc)
        vocab = doc.vocab.strings
        known = filter_spans(
            Span(doc, s, e, label=self.labels[vocab[m]], kb_id=vocab[m])
            for m, s, e in self.matcher(doc)
        )
        known = filter_spans(known + self._weak_places(doc, known))
        if not known:
            return doc
        result: list[Span] = []
        claimed: set[int] = set()
        for ent in doc.ents:
            inside = [k for k in known if k.start < ent.end and ent.start < k.end]
            if not inside:
                result.append(ent)
                continue
            if ent.label_ in VALUE_LABELS:
                continue  # a known name wins over a number or date reading
            contained = all(ent.start <= k.start and k.end <= ent.end for k in inside)
            extra = [t for t in ent if not any(k.start <= t.i < k.end for k in inside)]
            name_words = [
                t
                for t in extra
                if t.lower_ not in _FILLER
                and re.match(r"[A-Z]", t.text)
                and not (_opens_sentence(t) and _common(t.lower_))
            ]
            if contained and name_words and not (len(inside) > 1 and len(name_words) < 2):
                result.append(ent)  # "University of Toronto": the longer name stands
                claimed.update(id(k) for k in inside)
        spans = result + [k for k in known if id(k) not in claimed]
        doc.ents = filter_spans(spans)
        return doc


#: a heading is a short line ("PRESS RELEASE", "Ministry of Foreign Affairs of Ghana")
HEADING_CHARS = 60
_MINOR = frozenset("a an and as at by for from in of on or the to with de du la le".split())


def _is_heading(line: str) -> bool:
    """A short line in capitals or title case, or a Markdown heading, that does not end
    mid-phrase: hard-wrapped prose ("Nigeria joined the Economic Community of West") is
    not one."""
    line = line.strip()
    if not line or len(line) >= HEADING_CHARS or line.endswith((".", ",", ";")):
        return False
    if line.startswith("#"):
        return True
    words = re.findall(r"[^\W\d_]+", line)
    if not words or words[-1].lower() in _MINOR:
        return False
    return all(w[0].isupper() for w in words if w.lower() not in _MINOR)


@Language.component("docgraph_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Sentences end at blank lines and after headings ("PRESS RELEASE", "# Policy brief"):
    the punctuation-based sentencizer would run a heading into the next paragraph."""
    text = doc.text
    line_start = 0
    starts: list[int] | None = None
    breaks: list[int] = []
    for brk in re.finditer(r"\n\s*", text):  # only the line breaks, not every token
        line = text[line_start : brk.start()]
        line_start = brk.end()
        blank_line = brk.group(0).count("\n") > 1  # "\n\n", "\r\n\r\n", "\n  \n"
        if brk.end() < len(text) and (blank_line or _is_heading(line)):
            if starts is None:  # token offsets once, only for texts that need them
                starts = [t.idx for t in doc]
            i = bisect.bisect_right(starts, brk.end()) - 1
            if 0 < i < len(doc):
                breaks.append(i)
    if breaks:  # one array write: each Token.is_sent_start assignment rescans the doc
        sent_starts = doc.to_array(["SENT_START"])
        sent_starts[breaks] = 1
        doc.from_array(["SENT_START"], sent_starts)
    return doc


@Language.factory("docgraph_gazetteer")
def make_gazetteer_merger(nlp: Language, name: str) -> GazetteerMerger:
    return GazetteerMerger(nlp, name)


_FAST_VALUES = [
    (
        "MONEY",
        re.compile(r"(?:US\$|\$|€|£)\s?\d[\d,.]*(?:\s+(?:thousand|million|billion|trillion))?"),
    ),
    (
        "DATE",
        re.compile(
            r"\b(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|"
            r"October|November|December)(?:\s+\d{1,2},)?\s+\d{4}\b|\b(?:1[5-9]|20)\d{2}\b"
        ),
    ),
    ("CARDINAL", re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b")),
]


@Language.component("docgraph_fast_values")
def fast_values(doc: Doc) -> Doc:
    """In fast mode (no statistical model), dates, money and numbers come from regexes."""
    spans = []
    text = doc.text  # built from the tokens on each access
    for label, pattern in _FAST_VALUES:
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.ents = filter_spans(list(doc.ents) + spans)
    return doc


class CachedPosLemma:
    """Coarse parts of speech and lemmas, as the model's attribute ruler and rule
    lemmatizer would give them, computed once per distinct (word, tag).

    Those two components run a Matcher and Python rules over every token of every document
    and cost as much as the parser (measured: 2.0 s + 2.1 s on the 197 Re-DocRED texts,
    against 2.0 s for the parser). The frames need them only to name triggers and word
    classes, and a corpus repeats its words, so the same answers are kept in a cache.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.by_tag: dict[str, str] = {}
        self.by_tag_word: dict[tuple[str, str], str] = {}
        self.lemmatizer = (
            nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
        )
        if "attribute_ruler" in nlp.component_names:
            for pattern in nlp.get_pipe("attribute_ruler").patterns:
                pos = pattern["attrs"].get("POS")
                tokens = pattern["patterns"][0]
                if pos is None or len(tokens) != 1 or not set(tokens[0]) <= {"TAG", "LOWER"}:
                    continue
                tag = tokens[0].get("TAG")
                if not isinstance(tag, str):
                    continue
                if "LOWER" in tokens[0] and isinstance(tokens[0]["LOWER"], str):
                    self.by_tag_word[(tag, tokens[0]["LOWER"])] = pos
                elif "LOWER" not in tokens[0]:
                    self.by_tag[tag] = pos
        self.cache: dict[tuple[str, str], tuple[str, str]] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache, by_tag, by_tag_word = self.cache, self.by_tag, self.by_tag_word
        for token in doc:
            key = (token.text, token.tag_)
            known = cache.get(key)
            if known is None:
                pos = by_tag_word.get((token.tag_, token.lower_)) or by_tag.get(token.tag_, "X")
                token.pos_ = pos
                lemma = token.text
                if self.lemmatizer is not None:
                    found = self.lemmatizer.rule_lemmatize(token)
                    lemma = found[0] if found else token.text
                known = cache[key] = (pos, lemma)
                if len(cache) > 200_000:
                    cache.clear()
            token.pos_, token.lemma_ = known
        return doc


@Language.factory("docgraph_pos_lemma")
def make_pos_lemma(nlp: Language, name: str) -> CachedPosLemma:
    return CachedPosLemma(nlp, name)
