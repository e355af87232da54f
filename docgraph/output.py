"""How every command prints rows: a rich table, JSON or CSV, one set of rules.

Tables are for people (text from documents escaped, so neither a terminal control nor a
rich ``[markup]`` in a name does anything; big numbers grouped); JSON and CSV are for
programs and go to standard output alone (counts and progress go to standard error).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from docgraph.printable import printable

if TYPE_CHECKING:
    from docgraph.graph.results import QueryResult

__all__ = [
    "FORMATS",
    "cell",
    "csv_text",
    "json_text",
    "print_csv",
    "print_json",
    "print_result",
    "print_rows",
    "print_table",
    "rich_text",
    "summary_cell",
]

#: the formats of every command that prints rows
FORMATS = ("table", "json", "csv")


def rich_text(text: object) -> str:
    """``text`` for a rich cell or line: printable, and its brackets not read as markup."""
    from rich.markup import escape

    return escape(printable(text))


def cell(value: Any) -> str:
    """A Cypher value in a table: as it is, lists and maps as JSON, big whole floats
    grouped (``1,250,000``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
        return f"{value:,.0f}"
    if isinstance(value, (list, dict)):
        return rich_text(json.dumps(value, ensure_ascii=False))
    return rich_text(value)


def summary_cell(value: Any) -> str:
    """A computed figure in a table: scores to four decimals, counts grouped from 10,000
    (a year stays 2013), lists joined with commas and maps as ``key=value``."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4f}"
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}" if abs(value) >= 10000 else str(value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, (list, tuple, set)):
        text = ", ".join(map(str, value))
    else:
        text = str(value)
    return rich_text(text)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str)
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def json_text(data: Any) -> str:
    """``data`` as indented JSON, text left as it is (no ``\\u`` escapes), sets sorted."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_jsonable)


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """``rows`` as CSV with a header: ``columns`` in order, else every key in the order
    first seen (a row lacking one has it empty). Lists and maps are written as JSON."""
    rows = list(rows)
    if columns is None:
        seen: dict[str, None] = {}
        for row in rows:
            seen.update(dict.fromkeys(row))
        columns = list(seen)
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False, default=_jsonable)
                if isinstance(v, (list, dict, tuple, set))
                else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def print_json(data: Any) -> None:
    click.echo(json_text(data))


def print_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> None:
    click.echo(csv_text(rows, columns), nl=False)


def print_table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    format_cell: Any = summary_cell,
) -> None:
    """A rich table on standard output; ``title`` is shown as given (escape its parts)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(*[rich_text(c) for c in columns], title=title)
    for row in rows:
        table.add_row(*[format_cell(v) for v in row])
    Console().print(table)


def print_rows(
    fmt: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    table_columns: Sequence[str] | None = None,
    json_data: Any = None,
) -> None:
    """The one switch: ``rows`` (dicts) as a table of ``table_columns`` (default
    ``columns``), as JSON (``json_data`` when the JSON has more shape than the rows) or as
    CSV of ``columns``."""
    if fmt == "json":
        print_json(rows if json_data is None else json_data)
    elif fmt == "csv":
        print_csv(rows, columns)
    else:
        shown = list(table_columns or columns)
        print_table(title, shown, [[row.get(c) for c in shown] for row in rows])


def print_result(result: QueryResult, fmt: str) -> None:
    """A query's rows in ``fmt``; with a table, the row count goes to standard error."""
    if fmt == "json":
        click.echo(result.to_json())
    elif fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    else:
        rows = [[row.get(k) for k in result.keys] for row in result.data()]
        print_table(None, result.keys, rows, format_cell=cell)
        click.echo(f"{len(result)} row(s)", err=True)
