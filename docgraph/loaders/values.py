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


_MONTH_NAMES = _MONTHS.split("|")[:12]  # "january" … "december", without abbreviations
_RELATIVE = re.compile(
    r"^(?:(?:the\s+)?(same|that|following|next|previous|preceding)\s+(year)|"
    r"(?:(?:the\s+)?(?:same|that)\s+)?(" + "|".join(_MONTH_NAMES) + r"))$",
    re.I,
)


def parse_relative_date(text: str, year: str) -> str | None:
    """A date stated against the last year the text named ("that November", "the same
    year", "the following year"), as an ISO year or month.

    >>> parse_relative_date("that November", "1978"), parse_relative_date("the next year", "1991")
    ('1978-11', '1992')
    """
    match = _RELATIVE.match(text.strip())
    if match is None or not year.isdigit():
        return None
    if match.group(2):  # "the same year", "the following year"
        which = match.group(1).lower()
        shift = {"following": 1, "next": 1, "previous": -1, "preceding": -1}.get(which, 0)
        return str(int(year) + shift)
    return f"{year}-{_MONTH_NAMES.index(match.group(3).lower()) + 1:02d}"  # "(that) November"


_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
#: "TOKYO, May 24, 2022 (Wire) —", "Tokyo, 18 December 2023": a dateline near the top
_DATELINE = re.compile(
    r"^\s*(?:.*\n){0,3}?[A-Z][\w .'-]{1,40},\s+((?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})|"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}))\b"
)


def document_date(text: str) -> str | None:
    """The date of a dated report (wire, press release, finance story), from its dateline.

    >>> document_date("TOKYO, May 24, 2022 (Wire) — Leaders met."), document_date("Mali is.")
    ('2022-05-24', None)
    """
    match = _DATELINE.match(text[:400])
    return parse_date(match.group(1)) if match else None


def parse_date_in_report(text: str, dated: str) -> str | None:
    """A date with no year in a dated report, against the report's date: "on March 17" or
    "in January" (the latest such day or month up to the report), "on Tuesday" (the latest
    such weekday up to it).

    >>> parse_date_in_report("on Monday", "2022-05-24"), parse_date_in_report("in January", "2024-04-02")
    ('2022-05-23', '2024-01')
    """
    import datetime as dt

    words = text.lower().split()
    base = dt.date.fromisoformat(dated) if len(dated) == 10 else None
    weekday = next((w for w in words if w in _WEEKDAYS), None)
    if weekday is not None and base is not None:
        back = (base.weekday() - _WEEKDAYS.index(weekday)) % 7
        return (base - dt.timedelta(days=back)).isoformat()
    month = next((w.strip(",.") for w in words if w.strip(",.") in _MONTH_NAMES), None)
    if month is None or _YEAR.search(text):
        return None
    year, number = int(dated[:4]), _MONTH_NAMES.index(month) + 1
    if len(dated) >= 7 and number > int(dated[5:7]):
        year -= 1  # "in November", in a report of April: last November
    day = _DAY.search(text)
    if day is None:
        return f"{year}-{number:02d}"
    number_of_day = int(re.search(r"\d+", day.group(0)).group(0))
    return f"{year}-{number:02d}-{number_of_day:02d}"


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
