"""``docgraph shell``: Cypher at a prompt, on the embedded store or on Neo4j.

Modelled on cypher-shell: a statement ends with ``;`` (and may span lines), commands start
with ``:`` (``:help``), history is kept in a file, an error is one line and the prompt
carries on. When standard input is not a terminal the statements are read from it, so
``echo 'MATCH (n) RETURN count(n);' | docgraph shell`` works in a script.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from docgraph.errors import DocgraphError
from docgraph.graph.results import QueryResult
from docgraph.output import FORMATS
from docgraph.printable import printable

if TYPE_CHECKING:
    from docgraph.api import Graph

__all__ = ["Shell", "split_statements"]

HELP = """\
Cypher statements end with ';' and may span several lines.
  :help                    this text
  :schema                  labels and relationship types with their counts
  :format table|json|csv   how results are printed (now: {fmt})
  :quit                    leave (also :exit or Ctrl-D)
{mode} Ctrl-C cancels the statement being typed."""


def split_statements(text: str) -> tuple[list[str], str]:
    """The complete statements in ``text`` and what is left after the last one.

    A statement ends at a ``;`` outside quotes, backticks and ``//`` comments; a line
    starting with ``:`` is a command on its own. Statements come back stripped, without
    their ``;``; empty ones are dropped.

    >>> split_statements("MATCH (n) RETURN 'a;b';\\n:help\\nRETURN 1; RETURN")
    (["MATCH (n) RETURN 'a;b'", ':help', 'RETURN 1'], ' RETURN')
    """
    done: list[str] = []
    start = 0  # where the piece being read begins
    blank = True  # nothing but whitespace in it so far
    quote: str | None = None
    comment = False
    i = 0
    while i < len(text):
        ch = text[i]
        if blank and ch == ":":
            end = text.find("\n", i)
            if end < 0:  # a command is complete with its newline
                break
            done.append(text[i:end].strip())
            i = start = end + 1
            continue
        if not ch.isspace():
            blank = False
        if comment:
            comment = ch != "\n"
        elif quote:
            if ch == "\\" and quote != "`":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        elif text.startswith("//", i):
            comment = True
        elif ch == ";":
            statement = text[start:i].strip()
            if statement:
                done.append(statement)
            start, blank = i + 1, True
        i += 1
    return done, text[start:]


def is_complete(text: str) -> bool:
    """Whether Enter should run ``text``: a command, or a statement ended by ``;``."""
    done, rest = split_statements(text.rstrip() + "\n")
    return bool(done) and not rest.strip()


class Shell:
    """Runs statements and commands on one graph, printing with ``show(result, fmt)``."""

    def __init__(
        self,
        graph: Graph,
        show: Callable[[QueryResult, str], None],
        *,
        write: bool = False,
        fmt: str = "table",
        timeout: float | None = None,
    ) -> None:
        self.graph = graph
        self.show = show
        self.write = write
        self.fmt = fmt
        self.timeout = timeout
        self.failures = 0

    def run(self, statement: str) -> bool:
        """Run one statement or command; ``False`` when it asks to leave. An error is
        reported on one line and counted, never raised."""
        try:
            if statement.startswith(":"):
                return self.command(statement)
            result = self.graph.query(statement, write=self.write, timeout=self.timeout)
            self.show(result, self.fmt)
        except DocgraphError as exc:
            self._fail(str(exc))
        except Exception as exc:  # a bug or a driver error: the session goes on
            self._fail(f"unexpected {type(exc).__name__}: {exc}")
        return True

    def _fail(self, message: str) -> None:
        self.failures += 1
        click.echo(f"Error: {printable(message, one_line=True)}", err=True)

    def command(self, line: str) -> bool:
        name, _, arg = line[1:].strip().partition(" ")
        name, arg = name.lower(), arg.strip()
        if name in ("quit", "exit", "q"):
            return False
        if name == "help":
            mode = (
                "Statements may change the store (started with --write)."
                if self.write
                else "Read-only: start with --write to change the store."
            )
            click.echo(HELP.format(fmt=self.fmt, mode=mode))
        elif name == "format":
            if arg not in FORMATS:
                self._fail(f":format takes one of {', '.join(FORMATS)}, not {arg!r}")
            else:
                self.fmt = arg
        elif name == "schema":
            self.show(self.schema(), self.fmt)
        else:
            self._fail(f"unknown command :{name} (see :help)")
        return True

    def schema(self) -> QueryResult:
        """Every node label and relationship type with its count, as rows kind,name,count."""
        q = self.graph.store.query
        labels = q("MATCH (n) UNWIND labels(n) AS name RETURN name, count(*) AS n ORDER BY name")
        types = q("MATCH ()-[r]->() RETURN type(r) AS name, count(r) AS n ORDER BY name")
        records = [{"kind": "label", "name": r["name"], "count": r["n"]} for r in labels] + [
            {"kind": "relationship", "name": r["name"], "count": r["n"]} for r in types
        ]
        return QueryResult(["kind", "name", "count"], records)

    def run_stream(self, lines: Iterable[str]) -> None:
        """Statements from a file or a pipe, run as each one is complete; a last
        statement without its ``;`` is run at the end of the input."""
        for piece in _statements(lines):
            if not self.run(piece):
                return

    def run_prompt(self, history: Path) -> None:
        """The interactive prompt (prompt_toolkit): Enter runs a complete statement and
        otherwise starts a new line; Ctrl-C drops what is typed, Ctrl-D leaves."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()

        @bindings.add("enter")
        def _enter(event: Any) -> None:
            buffer = event.current_buffer
            if not buffer.text.strip() or is_complete(buffer.text):
                buffer.validate_and_handle()
            else:
                buffer.insert_text("\n")

        history.parent.mkdir(parents=True, exist_ok=True)
        session: PromptSession[str] = PromptSession(
            history=FileHistory(str(history)),
            multiline=True,
            key_bindings=bindings,
            prompt_continuation=lambda width, *_: "...> ".rjust(width),
        )
        click.echo(f"docgraph shell on {printable(self.graph.store.describe())}; :help for help")
        while True:
            try:
                text = session.prompt("docgraph> ")
            except KeyboardInterrupt:
                continue
            except EOFError:
                return
            pieces, rest = split_statements(text + "\n")
            if rest.strip():
                pieces.append(rest.strip())
            for piece in pieces:
                try:
                    if not self.run(piece):
                        return
                except KeyboardInterrupt:
                    click.echo("Interrupted.", err=True)
                    break


def _statements(lines: Iterable[str]) -> Iterator[str]:
    """Each statement or command as soon as its line is read (a pipe is not read ahead)."""
    pending = ""
    for line in lines:
        pending += line if line.endswith("\n") else line + "\n"
        done, pending = split_statements(pending)
        yield from done
    if pending.strip():
        yield pending.strip().removesuffix(";")
