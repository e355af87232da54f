"""Labels for the names the statistical model finds: it confuses ORG, PERSON and GPE.

Two kinds of evidence settle a label. The name's own words ("University", "River", "FC")
and the words around one mention of it. Wikipedia-style text and news define what they
name ("Rata Blanca is an Argentine heavy metal band", "Joutseno, a former municipality",
"the city of Durán", "guitarist Jimmy Page"). Such a definition outweighs the model's
guess, so :func:`label_by_context` returns a vote weight with the label.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from docgraph.loaders.pipeline import Mention

__all__ = [
    "EVENT_WORDS",
    "FAITH_OR_PARTY",
    "ORG_WORDS",
    "PLACE_WORDS",
    "label_by_context",
    "label_by_words",
]

#: head words inside a name that settle its label
ORG_WORDS = frozenset(
    "FC SK MŠK AFC CF SC Club Records Party Band Orchestra Choir University Company Corporation "
    "Inc Ltd Bank Union Council Committee Association League Army Navy Force Forces Guard Guards Ministry "
    "Department Agency Institute Museum Theater Theatre School College Academy Church Society "
    "Foundation Group Movement Front Brigade Regiment Division Corps Parliament Assembly Senate "
    "Congress Court Commission Federation Organization Organisation Alliance Airlines "
    "Team Squadron Cabinet Government Administration Office Bureau Service Board Trust "
    "United Rovers Athletic Wanderers Albion Dinamo Dynamo Spartak Olympique Sporting Hotspur "
    "Rangers Calcio FK CSKA Lokomotiv Hospital Hotel Triangle".split()
)
PLACE_WORDS = frozenset(
    "Oblast Province County District Region River Lake Mount Mountains Island Islands Bridge Railway Metro Subway Dam "
    "Street Square Valley Bay Sea Strait Town Village Canal Peninsula Desert Voivodeship "
    "Prefecture Governorate Municipality Parish Airport Park Harbour Harbor Gulf Coast Road "
    "Highway Avenue Hill Hills Heights Falls Beach Forest Castle Palace Cathedral Fort Camp "
    "Station Stadium Arena Tower Monument Memorial Range Pass Shrine Cemetery Channel Duchy "
    "Principality Wilderness Territory Plateau Basin Delta Ocean Cape Archipelago Plaza "
    "Regions Provinces Districts Counties Causeway Mosque Temple Prison Barracks Shoal Shoals Reef "
    "Reefs Atoll Base".split()
)

EVENT_WORDS = frozenset(
    "War Wars Summit Conference Olympics Championship Championships Revolution Uprising "
    "Rebellion Insurgency Massacre Referendum Offensive Battle Siege Coup".split()
)
#: any word that names a kind of body, place or event ("Council", "Shoal", "Summit")
KIND_WORDS = ORG_WORDS | PLACE_WORDS | EVENT_WORDS

#: adherents of faiths and parties: a NORP the model finds is a body, not a people
FAITH_OR_PARTY = re.compile(
    r"\b(?:Christians?|Catholics?|Protestants?|Orthodox|Muslims?|Islamic|Islamists?|Jews?|Jewish|"
    r"Buddhists?|Hindus?|Sikhs?|Republicans?|Democrats?|Democratic|Conservatives?|Liberals?|"
    r"Socialists?|Communists?|Labour|Greens?|Anglicans?|Lutherans?|Methodists?|Baptists?|"
    r"Presbyterians?|Evangelicals?|Sunnis?|Shias?|Shiites?|Nazis?|Fascists?|Marxists?|Maoists?|"
    r"Federalists?|Whigs?|Tories|Tory|Jacobites?|Bolsheviks?|Mensheviks?)\b"
)
#: the faiths themselves, counted as bodies like their churches (as Wikidata does)
_FAITHS = re.compile(
    r"(?:Christianity|Catholicism|Protestantism|Orthodoxy|Anglicanism|Lutheranism|Methodism|"
    r"Calvinism|Islam|Judaism|Hinduism|Buddhism|Sikhism|Jainism|Taoism|Shinto|Zoroastrianism)"
)

#: common nouns that say what a name is, when the text defines it
_KIND_NOUNS = {
    "Person": (
        "singer songwriter rapper musician guitarist bassist drummer pianist violinist composer "
        "conductor actor actress director filmmaker screenwriter writer author novelist poet "
        "playwright journalist politician statesman stateswoman diplomat lawyer "
        "jurist judge footballer cricketer player athlete boxer wrestler coach cyclist skier "
        "swimmer sprinter painter sculptor architect photographer scientist physicist chemist "
        "biologist mathematician economist historian philosopher theologian priest monk nun "
        "businessman businesswoman entrepreneur engineer inventor activist comedian dancer "
        "professor explorer missionary president minister premier chancellor king queen "
        "emperor empress prince princess leader chairman chairperson chairwoman secretary "
        "ambassador envoy governor mayor senator spokesman spokeswoman spokesperson"
    ),
    "Location": (
        "city town village hamlet municipality commune settlement suburb neighbourhood "
        "neighborhood county province river lake mountain valley island peninsula capital"
    ),
    "Organization": (
        "band duo trio club company corporation firm party newspaper magazine organization "
        "organisation university college school agency broadcaster airline manufacturer "
        "orchestra choir ensemble"
    ),
}
_NOUN_LABEL = {noun: label for label, nouns in _KIND_NOUNS.items() for noun in nouns.split()}


def _nouns(label: str | None = None) -> str:
    return "|".join(
        sorted((n for n, lab in _NOUN_LABEL.items() if label in (None, lab)), key=len, reverse=True)
    )


# the noun heads its phrase: "college administrator" is not a college
_HEAD_END = r"(?=\s*(?:[,.;:()]|$|(?:and|or|in|of|from|who|which|that|based|formed|founded|located|with|for|at|on|known|born|by)\b))"
# "X is an Argentine heavy metal band", "X (born 1950) was a Dutch sociologist" (any "-ist"
# after "is a" is a person), "X, a town in"
_DEFINED = rf"\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?({_nouns()}|[a-z]{{3,}}ist)s?\b{_HEAD_END}"
_DEFINED_AFTER = re.compile(rf"^(?:\s*\([^()]{{0,80}}\))?(?:,|\s+(?:is|was|are|were)){_DEFINED}")
# after "in Mekelle", ", the regional president, …" is somebody else
_DEFINED_AFTER_VERB = re.compile(rf"^(?:\s*\([^()]{{0,80}}\))?\s+(?:is|was|are|were){_DEFINED}")
# "the band X", "the city of X", "Argentine singer X", "guitarist X"; "its first
# president, Léopold Sédar Senghor," (the comma only after a person's role; "of" only after
# a place's kind: "the leader of Hezbollah" is not a person)
_DEFINED_BEFORE = re.compile(
    rf"\b(?:({_nouns()})|({_nouns('Location')})\s+of|({_nouns('Person')}),)\s+$"
)

_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|King|Queen|Emperor|Empress|Pope|Saint|St|General|"
    r"Colonel|Captain|President|Senator|Governor|Prince|Princess|Duke|Bishop)\.?\s+)$"
)
_PERSON_AFTER = re.compile(
    r"^(?:\s*\((?:born|b\.|c\.|né|née|\d{3,4})|,?\s+who\b|\s+(?:was born|died)\b)"
)
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Aa]t|[Ff]rom)\s+$")
# "played for Porto", "signed with Galatasaray", "on loan to Rio Ave": a club, not a person
_ORG_BEFORE = re.compile(
    r"\b(?:(?:played|plays|playing|signed|signs|signing)\s+(?:for|with)|loaned\s+to|"
    r"on\s+loan\s+(?:to|at|from))\s+$"
)

#: vote weight of a label the text states (the model's own guess weighs 1)
DEFINED_WEIGHT = 3
GIVEN_NAME_WEIGHT = 2
_NAME_PARTICLES = frozenset({"de", "da", "del", "van", "von", "der", "la", "le", "y", "bin", "al"})


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """First names that mark a person ("Louis", "Christina"); see tools/make_given_names.py."""
    path = Path(__file__).parent / "data" / "given_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _looks_like_person(words: list[str]) -> bool:
    """ "Louis Paulsen", "Leon Febres Cordero", "Henri de Montfort": a given name, then
    capitalised words (initials and particles allowed)."""
    if not 2 <= len(words) <= 4 or words[0] not in given_names():
        return False
    from wordfreq import zipf_frequency

    return all(
        w in _NAME_PARTICLES
        or (re.fullmatch(r"[A-Z][\w'’-]*\.?", w) and zipf_frequency(w.lower(), "en") < 4.5)
        for w in words[1:]
    )  # "Royal Guard", "Bruce Highway", "Carolina Panthers" are not people


def label_by_context(mention: Mention, text: str) -> tuple[str, int]:
    """The label the words around ``mention`` give it, and how many votes that is worth:
    a definition ("X is a band") outweighs the model; a title or "(born" makes a person;
    "in"/"near" before a name without organisation words makes a place."""
    label = mention.label
    if label not in ("Organization", "Location", "Person"):
        return label, 1
    words = set(mention.text.split())
    if words & ORG_WORDS or words & PLACE_WORDS:
        return label, 1
    after = text[mention.end : mention.end + 160]
    before = text[max(0, mention.start - 40) : mention.start]
    after_place_word = _PLACE_BEFORE.search(before[-14:])
    defined = (_DEFINED_AFTER_VERB if after_place_word else _DEFINED_AFTER).match(
        after
    ) or _DEFINED_BEFORE.search(before)
    if defined:
        noun = next(g for g in defined.groups() if g)
        return _NOUN_LABEL.get(noun, "Person"), DEFINED_WEIGHT
    if label != "Person" and (
        _PERSON_BEFORE.search(before[-14:]) or _PERSON_AFTER.match(after[:16])
    ):
        return "Person", 1
    adjective = re.fullmatch(r"[A-Z][a-z]+(?:an|ish|ese|ic)", mention.text)  # "English"
    if label != "Organization" and not adjective and _ORG_BEFORE.search(before[-24:]):
        return "Organization", 1
    if label != "Person" and _looks_like_person(mention.text.split()):
        return "Person", GIVEN_NAME_WEIGHT
    one_word_person = label == "Person" and len(mention.text.split()) == 1
    if (
        (label == "Organization" or one_word_person)
        and after_place_word
        and not after.startswith(("'", "’"))  # "in Smith's book"
    ):
        return "Location", 1
    return label, 1


_PLACE_SUFFIX = re.compile(r"(?:ia|sk|burg|bourg|ville|grad|polis|stan|shire|abad|pur|vo|ovo|ice)$")


def label_by_words(name: str, label: str) -> str:
    """The label a name's own words give it ("Simon & Garfunkel", "Omsk", "Cook County")."""
    words = set(name.replace(",", " ").split())
    if label == "Person" and (
        re.fullmatch(r"[A-Z]{2,6}", name)
        or "&" in name
        or re.search(r"\d", name)
        or name.startswith("The ")
    ):
        return "Organization"  # "RBD", "Simon & Garfunkel", "The Swingles"
    if (
        label == "Organization"
        and len(name.split()) == 1
        and _PLACE_SUFFIX.search(name)
        and name.isalpha()
    ):
        return "Location"  # "Transcarpathia", "Omsk", "Strasbourg"
    if label not in ("Person", "Location", "Organization"):
        return label
    if _FAITHS.fullmatch(name):
        return "Organization"
    # the head word decides when both kinds occur: "Parliament Square", "Bank of Ghana"
    before_of = name.split(" of ")[0].split()
    head = re.sub(r"['’]s$", "", before_of[-1]) if before_of else ""
    last = name.split()[-1] if name.split() else ""
    if last in KIND_WORDS:
        head = last  # "Gulf of Guinea Commission": a kind word at the end is the head
    if head in EVENT_WORDS:
        return "Event"  # "… Economic Forum Summit", "Battle of Homs"
    if head in PLACE_WORDS:
        return "Location"
    if head in ORG_WORDS:
        return "Organization"
    if label in ("Person", "Location") and words & ORG_WORDS:
        return "Organization"
    if label in ("Person", "Organization") and words & PLACE_WORDS and not words & ORG_WORDS:
        return "Location"
    return label
