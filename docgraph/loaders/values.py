"""Dates, amounts and counts as the text states them, normalised.

Dates become ISO strings only as precise as the text ("2018" stays a year, "December
2018" becomes ``2018-12``); dateparser reads the spans spaCy marks as DATE.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["parse_date", "parse_money", "parse_number"]

_YEAR = re.compile(r"\b(1[5-9]\d{2}|20\d{2})\b")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAY = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b", re.I
)
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b", re.I)

_SCALE = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "b": 1e9,
}
_CURRENCY = [
    (re.compile(r"US\$|\$|\bUSD\b|\bdollars?\b", re.I), "USD"),
    (re.compile(r"€|\bEUR\b|\beuros?\b", re.I), "EUR"),
    (re.compile(r"£|\bGBP\b|\bpounds?\b", re.I), "GBP"),
    (re.compile(r"¥|\bJPY\b|\byen\b", re.I), "JPY"),
    (re.compile(r"\bCFA\b|\bXOF\b", re.I), "XOF"),
    (re.compile(r"\byuan\b|\bCNY\b|\brenminbi\b", re.I), "CNY"),
]


@lru_cache(maxsize=4096)
def parse_date(text: str) -> str | None:
    """ISO date as precise as ``text``: day, month or year.

    >>> parse_date("17 November 1972"), parse_date("December 2018"), parse_date("in 2013")
    ('1972-11-17', '2018-12', '2013')
    """
    year = _YEAR.search(text)
    if not year:
        return None
    if _DAY.search(text) or _MONTH.search(text):
        import dateparser

        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["year"],
                "RETURN_TIME_AS_PERIOD": False,
            },
        )
        if parsed is not None and str(parsed.year) == year.group(1):
            if _DAY.search(text):
                return parsed.strftime("%Y-%m-%d")
            return parsed.strftime("%Y-%m")
    return year.group(1)


def parse_number(text: str) -> float | None:
    """``"2,400"`` → 2400.0; words like "million" scale the number.

    >>> parse_number("2,400"), parse_number("2.6 billion")
    (2400.0, 2600000000.0)
    """
    match = re.search(
        r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|mn|[kmb])?\b", text, re.I
    )
    if not match:
        return None
    number = float(match.group(1).replace(",", ""))
    if match.group(2):
        number *= _SCALE[match.group(2).lower()]
    return number


def parse_money(text: str) -> tuple[float, str] | None:
    """``"$2.6 billion"`` → ``(2600000000.0, "USD")``; ``None`` without a currency.

    >>> parse_money("over $588 million")
    (588000000.0, 'USD')
    """
    number = parse_number(text)
    if number is None:
        return None
    for pattern, code in _CURRENCY:
        if pattern.search(text):
            return number, code
    return None
