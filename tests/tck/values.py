"""TCK values: parse the expected cells and bring store results to the same canonical form.

A canonical value is a hashable tuple tagged with its Cypher type, so that ``1`` and
``1.0`` differ (as they do in Cypher), lists keep their order unless a scenario says to
ignore it, and rows can be compared as multisets. Temporal values are compared by their
Cypher string form, as the TCK writes them (``'2015-07-21T21:40:32.142+01:00'``).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from docgraph.graph.results import NodeValue, RelationshipValue

__all__ = ["canonical", "parse_value"]

Canon = tuple


def _float(value: float) -> Canon:
    if math.isnan(value):
        return ("float", "NaN")
    if math.isinf(value):
        return ("float", "Inf" if value > 0 else "-Inf")
    return ("float", float(f"{value:.12g}"))


def _map(items: dict[str, Any], convert: Any) -> Canon:
    return ("map", tuple(sorted((k, convert(v)) for k, v in items.items())))


def _node(labels: list[str], props: dict[str, Any], convert: Any) -> Canon:
    return ("node", tuple(sorted(labels)), _map(props, convert))


def _rel(rel_type: str, props: dict[str, Any], convert: Any) -> Canon:
    return ("rel", rel_type, _map(props, convert))


# --- expected values: the TCK's literal syntax ------------------------------------------


class _Parser:
    """Recursive descent over one cell: literals, lists, maps, nodes, relationships, paths."""

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def fail(self, what: str) -> ValueError:
        return ValueError(f"cannot read TCK value {self.text!r} at {self.pos}: {what}")

    def ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self, s: str) -> bool:
        self.ws()
        return self.text.startswith(s, self.pos)

    def eat(self, s: str) -> None:
        if not self.peek(s):
            raise self.fail(f"expected {s!r}")
        self.pos += len(s)

    def name(self) -> str:
        self.ws()
        if self.peek("`"):
            end = self.text.index("`", self.pos + 1)
            out = self.text[self.pos + 1 : end]
            self.pos = end + 1
            return out
        m = re.compile(r"[A-Za-z_][A-Za-z_0-9]*").match(self.text, self.pos)
        if not m:
            raise self.fail("expected a name")
        self.pos = m.end()
        return m.group(0)

    def props(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self.eat("{")
        while not self.peek("}"):
            key = self.name()
            self.eat(":")
            out[key] = self.value()
            if self.peek(","):
                self.eat(",")
        self.eat("}")
        return out

    def node(self, lenient: bool) -> Canon:
        self.eat("(")
        labels: list[str] = []
        while self.peek(":"):
            self.eat(":")
            labels.append(self.name())
        props = self.props() if self.peek("{") else {}
        self.eat(")")
        return ("node", tuple(sorted(labels)), ("map", tuple(sorted(props.items()))))

    def rel(self) -> Canon:
        self.eat("[")
        self.eat(":")
        rel_type = self.name()
        props = self.props() if self.peek("{") else {}
        self.eat("]")
        return ("rel", rel_type, ("map", tuple(sorted(props.items()))))

    def path(self) -> Canon:
        self.eat("<")
        nodes = [self.node(False)]
        rels: list[tuple[Canon, bool]] = []
        while not self.peek(">"):
            backward = self.peek("<-")
            self.eat("<-" if backward else "-")
            rel = self.rel()
            self.eat("-" if backward else "->")
            rels.append((rel, not backward))
            nodes.append(self.node(False))
        self.eat(">")
        return ("path", tuple(nodes), tuple(rels))

    def value(self) -> Canon:
        self.ws()
        t = self.text
        if self.peek("'"):
            i, out = self.pos + 1, []
            while t[i] != "'":
                if t[i] == "\\":
                    i += 1
                    out.append({"n": "\n", "t": "\t"}.get(t[i], t[i]))
                else:
                    out.append(t[i])
                i += 1
            self.pos = i + 1
            return ("str", "".join(out))
        if self.peek("["):
            # a list, or a relationship standing alone ([:T {…}])
            if re.compile(r"\[\s*:").match(t, self.pos):
                return self.rel()
            self.eat("[")
            items = []
            while not self.peek("]"):
                items.append(self.value())
                if self.peek(","):
                    self.eat(",")
            self.eat("]")
            return ("list", tuple(items))
        if self.peek("{"):
            return ("map", tuple(sorted(self.props().items())))
        if self.peek("("):
            return self.node(False)
        if self.peek("<"):
            return self.path()
        m = re.compile(
            r"-?(?:Inf|NaN|0x[0-9a-fA-F]+|0o[0-7]+|\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?"
            r"|\d+[eE][-+]?\d+|\d+)|true|false|null"
        ).match(t, self.pos)
        if not m:
            raise self.fail("unknown value")
        self.pos = m.end()
        word = m.group(0)
        if word in ("true", "false"):
            return ("bool", word == "true")
        if word == "null":
            return ("null",)
        body = word.lstrip("-")
        sign = -1 if word.startswith("-") else 1
        if body in ("Inf", "NaN"):
            return _float(sign * math.inf if body == "Inf" else math.nan)
        if body.startswith(("0x", "0o")):
            return ("int", sign * int(body, 0))
        if any(c in body for c in ".eE"):
            return _float(sign * float(body))
        return ("int", sign * int(body))


def parse_value(text: str) -> Canon:
    """The canonical form of one expected cell."""
    parser = _Parser(text)
    value = parser.value()
    parser.ws()
    if parser.pos != len(text):
        raise parser.fail("trailing text")
    return value


# --- actual values: what docgraph's stores return ---------------------------------------


def _fraction(micro: int) -> str:
    if not micro:
        return ""
    digits = f"{micro:06d}"
    return "." + (digits[:3] if digits.endswith("000") else digits)


def _clock(t: Any) -> str:
    nanos = getattr(t, "nanosecond", None)
    nanos = t.microsecond * 1000 if nanos is None else nanos
    out = f"{t.hour:02d}:{t.minute:02d}"
    if t.second or nanos:
        frac = ""
        if nanos:
            digits = f"{nanos:09d}"
            frac = "." + (
                digits[:3]
                if digits.endswith("000000")
                else digits[:6]
                if digits.endswith("000")
                else digits
            )
        out += f":{t.second:02d}{frac}"
    return out


def _zone(t: Any) -> str:
    """``[Europe/Stockholm]`` for a named zone (pytz or zoneinfo), else nothing."""
    tz = getattr(t, "tzinfo", None)
    name = getattr(tz, "zone", None) or getattr(tz, "key", None)
    return f"[{name}]" if name and name != "UTC" else ""


def _offset(t: Any) -> str:
    off = t.utcoffset()
    if off is None:
        return ""
    if not off and not _zone(t):
        return "Z"
    secs = int(off.total_seconds())
    sign = "+" if secs >= 0 else "-"
    secs = abs(secs)
    out = f"{sign}{secs // 3600:02d}:{secs % 3600 // 60:02d}"
    return out + (f":{secs % 60:02d}" if secs % 60 else "")


def temporal_string(value: Any) -> str | None:
    """Cypher's string form of a temporal value: Python's, or a ``neo4j.time`` one."""
    module = type(value).__module__
    if module.startswith("neo4j.time"):
        kind = type(value).__name__
        if kind == "Duration":
            return _duration(value.months, value.days, value.seconds, value.nanoseconds)
        if kind == "Date":
            return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        if kind == "DateTime":
            day = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
            return f"{day}T{_clock(value)}{_offset(value)}{_zone(value)}"
        if kind == "Time":
            return _clock(value) + _offset(value)
    if isinstance(value, datetime):
        return f"{value.date().isoformat()}T{_clock(value)}{_offset(value)}{_zone(value)}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return _clock(value) + _offset(value)
    if isinstance(value, timedelta):
        return _duration(0, value.days, value.seconds, value.microseconds * 1000)
    return None


def _duration(months: int, days: int, seconds: float, nanos: int = 0) -> str:
    years, months = divmod(months, 12) if months >= 0 else (-(-months // 12), -(-months % 12))
    out = "P"
    out += f"{years}Y" if years else ""
    out += f"{months}M" if months else ""
    out += f"{days}D" if days else ""
    total = int(seconds) * 1_000_000_000 + nanos
    if total:
        sign = "-" if total < 0 else ""
        total = abs(total)
        h, rest = divmod(total, 3600 * 10**9)
        m, rest = divmod(rest, 60 * 10**9)
        s, ns = divmod(rest, 10**9)
        out += "T"
        out += f"{sign}{h}H" if h else ""
        out += f"{sign}{m}M" if m else ""
        if s or ns:
            frac = f".{ns:09d}".rstrip("0") if ns else ""
            out += f"{sign}{s}{frac}S"
    return out if out != "P" else "PT0S"


def canonical(value: Any, ignore_list_order: bool = False) -> Canon:
    """A store's result value in the canonical form :func:`parse_value` gives."""

    def conv(v: Any) -> Canon:
        if v is None:
            return ("null",)
        if isinstance(v, bool):
            return ("bool", v)
        if isinstance(v, int):
            return ("int", v)
        if isinstance(v, float):
            return _float(v)
        if isinstance(v, str):
            return ("str", v)
        if isinstance(v, NodeValue):
            return _node(v["labels"], v["properties"], conv)
        if isinstance(v, RelationshipValue):
            return _rel(v["type"], v["properties"], conv)
        if isinstance(v, dict):
            if set(v) == {"nodes", "relationships"} and all(
                isinstance(n, NodeValue) for n in v["nodes"]
            ):
                nodes, rels = v["nodes"], v["relationships"]
                steps = tuple(
                    (conv(r), i < len(nodes) and r["start"] == nodes[i]["element_id"])
                    for i, r in enumerate(rels)
                )
                return ("path", tuple(conv(n) for n in nodes), steps)
            if set(v) in (
                {"months", "days", "seconds"},
                {"months", "days", "seconds", "nanoseconds"},
            ):
                # kglite's duration
                return (
                    "str",
                    _duration(v["months"], v["days"], v["seconds"], v.get("nanoseconds", 0)),
                )
            return _map(v, conv)
        text = temporal_string(v)
        if text is not None:
            return ("str", text)
        if isinstance(v, (list, tuple)):
            items = tuple(conv(x) for x in v)
            return ("list", tuple(sorted(items, key=repr)) if ignore_list_order else items)
        return ("other", repr(v))

    return conv(value)


def sort_lists(value: Canon) -> Canon:
    """The same canonical value with every list's elements sorted (order ignored)."""
    tag = value[0]
    if tag == "list":
        return ("list", tuple(sorted((sort_lists(v) for v in value[1]), key=repr)))
    if tag == "map":
        return ("map", tuple((k, sort_lists(v)) for k, v in value[1]))
    return value
