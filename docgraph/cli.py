"""The ``docgraph`` command line: thin commands over the library.

The group builds one :class:`CliState` (options, credentials, the store opened only when a
command first asks for it, closed when the command ends); each command parses its arguments,
calls one library function and formats the result. Errors are handled in one place
(:class:`DocgraphGroup`): one line on stderr, the error's exit code, a traceback only with
``--debug``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from docgraph.analysis.cli import GraphSource
from docgraph.errors import DocgraphError, InputError
from docgraph.output import FORMATS, print_csv, print_json, print_result, print_table
from docgraph.output import rich_text as _rich
from docgraph.printable import printable

if TYPE_CHECKING:
    from docgraph.api import Graph


def _error(message: object) -> None:
    click.echo(f"Error: {printable(message, one_line=True)}", err=True)


class DocgraphGroup(click.Group):
    """Turns every :class:`DocgraphError` into ``Error: …`` and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgraphError as exc:
            if getattr(ctx.obj, "debug", False):
                raise
            _error(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # `docgraph queries | head`: the reader left, nothing to say
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115
            ctx.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: still one line, the traceback on request
            if getattr(ctx.obj, "debug", False):
                raise
            _error(f"unexpected {type(exc).__name__}: {exc} (rerun with --debug)")
            ctx.exit(1)


class ParamValue(click.ParamType):
    """``name=value``; the value is read as JSON when it parses (numbers, lists), else text."""

    name = "name=value"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
        if isinstance(value, tuple):
            return value
        name, sep, raw = str(value).partition("=")
        if not sep or not name.strip():
            self.fail(f"{value!r} is not name=value", param, ctx)
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError:
            parsed = raw
        return name.strip(), parsed


def _set_store(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(CliState).store = value


def _store_option(f: Any) -> Any:
    """``--store`` after the subcommand (or DOCGRAPH_STORE); it only records the location,
    the store is opened when the command first needs it."""
    return click.option(
        "--store",
        default=None,
        envvar="DOCGRAPH_STORE",
        show_envvar=True,
        expose_value=False,
        callback=_set_store,
        help="Embedded store folder (default ./docgraph-store) or a bolt:// / neo4j:// URI.",
    )(f)


def _extraction_options(f: Any) -> Any:
    """The options of every command that extracts: extract, build and load."""
    options = [
        click.option(
            "--fast", is_flag=True, help="Rules and gazetteer only, no statistical model."
        ),
        click.option(
            "--patterns",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Extra relation rules (JSON): add, override or disable built-in rules by id.",
        ),
        click.option(
            "--gazetteer",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Extra names, aliases and labels (JSON).",
        ),
        click.option(
            "--infer-places",
            is_flag=True,
            help="Also add place facts the text does not state (gazetteer, names, topic), "
            "marked inferred.",
        ),
        click.option(
            "--processes",
            "-j",
            type=int,
            default=1,
            show_default=True,
            help="Extract in N worker processes, merged in input order: the same graph "
            "as -j 1, faster on N cores.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


class CliState(GraphSource):
    """The group's one state object: options, credentials and the store, opened lazily
    (``docgraph queries`` never touches it; ``analyze`` loads and writes back through
    the same handle) and closed when the command ends."""

    def __init__(self, debug: bool = False, database: str | None = None,
                 password: str | None = None) -> None:  # fmt: skip
        self.debug = debug
        self.database = database
        self.password = password
        self.store: str | None = None
        self._graph: Graph | None = None

    def graph(
        self, location: str | None = None, *, create: bool = False,
        allow_file_access: bool = False,
    ) -> Graph:  # fmt: skip
        """The graph at ``location`` (default: ``--store``), opened on the first call."""
        if self._graph is None:
            import docgraph.api

            where = location or self.store
            options: dict[str, Any] = {"allow_file_access": allow_file_access}
            if where and "://" in str(where):
                options.update(database=self.database, password=self.password)
            else:
                options["create"] = create
            self._graph = docgraph.api.open(where, **options)
        return self._graph

    def close(self) -> None:
        if self._graph is not None:
            self._graph.close()
            self._graph = None

    def load_graph(self) -> Any:
        from docgraph.progress import ProgressReport

        with ProgressReport() as progress, progress.step("load graph"):
            return self.graph().to_networkx()

    def write_back(self, metrics: dict[str, dict[Any, Any]]) -> None:
        self.graph().write_metrics(metrics)


pass_state = click.make_pass_decorator(CliState, ensure=True)


@click.group(cls=DocgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("--database", default=None, envvar="NEO4J_DATABASE", help="Neo4j database name.")
@click.option("--password-stdin", is_flag=True, help="Read the Neo4j password from standard input.")
@click.version_option(package_name="docgraph")
@click.pass_context
def main(ctx: click.Context, debug: bool, database: str | None, password_stdin: bool) -> None:
    """Turn documents into a knowledge graph you can query, analyse and look at."""
    import logging

    # the driver logs each retry as a warning; the CLI reports the outcome in one line
    logging.getLogger("neo4j").setLevel(logging.DEBUG if debug else logging.CRITICAL)
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    ctx.obj = CliState(debug, database, password)
    ctx.call_on_close(ctx.obj.close)


# --- extract -----------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="table",
    show_default=True,
    help="table, json, or jsonl (one document per line, the format score.py reads).",
)
@_extraction_options
@click.option(
    "--related/--no-related",
    default=True,
    show_default=True,
    help="Include the RELATED_TO co-occurrence edges.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False),
    default=None,
    help="Write the document graphs as JSONL shards into this (empty) folder instead of "
    "printing them; 'docgraph build FOLDER' or 'load FOLDER' resolves and stores them.",
)
@click.pass_context
def extract(
    ctx, paths, fmt, fast, patterns, gazetteer, related, infer_places, processes, out
) -> None:
    """Print the entities and relationships extracted from each document (no store), or
    write them as shards for a later build (--out)."""
    from docgraph.loaders.extract import Extractor
    from docgraph.loaders.read import ReadReport, iter_documents
    from docgraph.loaders.shards import record_of, write_shards

    report = ReadReport()
    documents = iter_documents(paths, report=report)  # read as extraction goes
    extractor = Extractor(
        fast=fast, patterns=patterns, gazetteers=gazetteer, infer_places=infer_places
    )
    graphs = (
        extractor.pipe_parallel(documents, processes, errors=report.errors)
        if processes > 1
        else extractor.pipe(documents, errors=report.errors)
    )
    collected = []
    if out is not None:  # every edge, co-occurrence too: the build needs them all
        options = {"fast": fast, "patterns": patterns, "gazetteers": gazetteer}
        manifest = write_shards(
            (record_of(g) for g in graphs), out, {**options, "infer_places": infer_places}
        )
        click.echo(
            f"wrote {len(manifest['documents'])} document graph(s) in "
            f"{len(manifest['shards'])} shard(s) to {printable(out)}; "
            f"'docgraph build {printable(out)}' stores them"
        )
        graphs = iter(())
    for graph in graphs:
        rels = [r for r in graph.relations if related or r.type != "RELATED_TO"]
        record = {
            "document": {"id": graph.document.id, "source": graph.document.source},
            "entities": [e.to_dict() for e in graph.entities],
            "relations": [r.to_dict() for r in rels],
        }
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "json":
            collected.append(record)
        else:
            _print_extraction_table(record)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    for note in report.notes:  # after the output: the files are read as it goes
        click.echo(f"Note: {printable(note, one_line=True)}", err=True)
    for error in report.errors:  # after the output: extraction errors come as it goes
        _error(error)
    if report.errors:
        ctx.exit(1)


def _print_extraction_table(record: dict[str, Any]) -> None:
    names = {e["id"]: e["name"] for e in record["entities"]}
    doc_id = _rich(record["document"]["id"])
    print_table(
        f"{doc_id}: entities",
        ["name", "label", "aliases"],
        [
            [e["name"], e["label"], e["aliases"]]
            for e in sorted(record["entities"], key=lambda e: (e["label"], e["name"]))
        ],
    )
    print_table(
        f"{doc_id}: relationships",
        ["source", "type", "target", "properties"],
        [
            [
                names.get(r["source"], r["source"]),
                r["type"],
                names.get(r["target"], r["target"]),
                r["properties"],
            ]
            for r in record["relations"]
            if r["type"] != "RELATED_TO"
        ],
    )


# --- build -------------------------------------------------------------------------------


def _prune_option(f: Any) -> Any:
    return click.option(
        "--prune",
        is_flag=True,
        help="Also take out of the store the documents that are no longer among PATHS "
        "(as 'docgraph remove' does); skipped when some input could not be read.",
    )(f)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_store_option
@_extraction_options
@click.option(
    "--view",
    "view_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the HTML view to this file.",
)
@_prune_option
@pass_state
@click.pass_context
def build(
    ctx, state, paths, fast, patterns, gazetteer, infer_places, processes, view_path, prune
) -> None:
    """Read documents, extract, resolve entities and write the graph to the store."""
    graph = state.graph(create=True)
    _load(
        ctx, graph, paths, fast, patterns, gazetteer, processes, view_path,
        infer_places=infer_places, prune=prune,
    )  # fmt: skip


def _neo4j_option(f: Any) -> Any:
    return click.option(
        "--neo4j",
        "uri",
        envvar="NEO4J_URI",
        required=True,
        help="Bolt URI of the Neo4j server (or NEO4J_URI); credentials from NEO4J_USERNAME and "
        "NEO4J_PASSWORD or --password-stdin.",
    )(f)


def _database_option(f: Any) -> Any:
    def remember(ctx: click.Context, _param: Any, value: str | None) -> str | None:
        if value:
            ctx.ensure_object(CliState).database = value
        return value

    return click.option(
        "--database",
        default=None,
        expose_value=False,
        callback=remember,
        help="Neo4j database name (default: the server's default database).",
    )(f)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_neo4j_option
@_database_option
@_extraction_options
@_prune_option
@pass_state
@click.pass_context
def load(ctx, state, paths, uri, fast, patterns, gazetteer, infer_places, processes, prune) -> None:
    """Read documents, extract and load the graph straight into Neo4j."""
    if "://" not in uri:
        raise click.BadParameter("expected a bolt:// or neo4j:// URI", param_hint="--neo4j")
    graph = state.graph(uri)
    _load(
        ctx, graph, paths, fast, patterns, gazetteer, processes, None,
        infer_places=infer_places, prune=prune,
    )  # fmt: skip


@main.command()
@click.argument("documents", nargs=-1, required=True)
@_store_option
@pass_state
@click.pass_context
def remove(ctx, state, documents) -> None:
    """Take documents (by id or file path) out of the store, with the evidence they gave
    and every entity and relationship no other document supports."""
    report = state.graph().remove(documents)
    for error in report.errors:
        _error(error)
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.write.counts.items() if v)
    click.echo(
        f"removed {len(report.removed)} document(s): {', '.join(report.removed) or 'none'}; "
        f"{counts or 'no changes'}"
    )
    if report.errors:
        ctx.exit(1)


@main.command()
@_neo4j_option
@_database_option
@_store_option
@pass_state
def push(state, uri) -> None:
    """Copy the embedded store into Neo4j (only what differs is written)."""
    from docgraph.progress import ProgressReport

    with ProgressReport() as progress:
        report = state.graph().push(
            uri, password=state.password, database=state.database, progress=progress
        )
    stats, summary = report.stats, report.write
    changed = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in summary.counts.items() if v)
    click.echo(
        f"pushed {stats['documents']} document(s), {stats['entities']} entities, "
        f"{stats['relationships']} relationships to {printable(report.target)}; "
        f"{changed or 'no changes'}; {summary.rows} rows in {report.seconds:.1f} s"
        + (f" ({summary.rows_per_second:,.0f} rows/s)" if summary.rows else "")
    )


def _load(
    ctx,
    graph: Graph,
    paths,
    fast,
    patterns,
    gazetteer,
    processes,
    view_path,
    *,
    infer_places,
    prune=False,
) -> None:
    from docgraph.progress import ProgressReport

    started = time.perf_counter()
    with ProgressReport() as progress:
        report = graph.add(
            paths,
            fast=fast,
            patterns=patterns,
            gazetteers=gazetteer,
            processes=processes,
            progress=progress,
            infer_places=infer_places,
            prune=prune,
        )
    for note in report.notes:
        click.echo(f"Note: {printable(note, one_line=True)}", err=True)
    for error in report.errors:
        _error(error)
    if report.removed:
        click.echo(f"removed {len(report.removed)} document(s) no longer in the input")
    stats = graph.stats()
    view_file = graph.view(view_path, progress=True) if view_path else None
    _print_summary(report, stats, graph.store.describe(), time.perf_counter() - started, view_file)
    if report.errors:
        ctx.exit(InputError.exit_code)


def _print_summary(report, stats, where, seconds, view_file) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    extracted = report.documents - report.unchanged
    console.print(
        f"[bold]{report.documents}[/] document(s) read, {extracted} extracted, "
        f"{report.unchanged} unchanged, {len(report.errors)} failed → {_rich(where)}"
    )
    table = Table(show_header=True, box=None)
    table.add_column("entities", justify="left")
    table.add_column("", justify="right")
    table.add_column("relationships", justify="left")
    table.add_column("", justify="right")
    labels = list(stats["entities_by_label"].items())
    types = list(stats["relationships_by_type"].items())
    for i in range(max(len(labels), len(types))):
        lab = labels[i] if i < len(labels) else ("", "")
        typ = types[i] if i < len(types) else ("", "")
        table.add_row(_rich(lab[0]), str(lab[1]), _rich(typ[0]), str(typ[1]))
    table.add_row(
        "[bold]total",
        f"[bold]{stats['entities']}",
        "[bold]total",
        f"[bold]{stats['relationships']}",
    )
    console.print(table)
    changes = {k.replace("_", " "): v for k, v in report.write.counts.items() if v}
    rate = f" ({report.write.rows_per_second:,.0f} rows/s)" if report.write.rows else ""
    console.print(
        f"{stats['documents']} document(s) in the store; "
        f"{', '.join(f'{k} {v}' for k, v in changes.items()) or 'no changes'}; "
        f"{report.write.rows} rows written{rate}; {seconds:.1f} s"
    )
    if view_file is not None:
        console.print(f"view: {_rich(view_file)}")


# --- query, stats, view, export ------------------------------------------------------------


@main.command()
@click.argument("cypher", required=False)
@click.option(
    "--name", "-n", "name", default=None, help="Run a named query (see 'docgraph queries')."
)
@click.option(
    "--file",
    "-f",
    "cypher_file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read the Cypher from this file ('-' for standard input).",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    type=ParamValue(),
    help="A query parameter, name=value (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table, json (a list of rows) or csv.",
)
@click.option("--write", is_flag=True, help="Allow the query to change the store.")
@click.option("--timeout", type=float, default=None, help="Stop the query after this many seconds.")
@click.option(
    "--allow-file-access",
    is_flag=True,
    help="Let a read-only query read local files with LOAD CSV (refused by default).",
)
@_store_option
@pass_state
def query(state, cypher, name, cypher_file, params, fmt, write, timeout, allow_file_access) -> None:
    """Run Cypher (or a named query) on the store; read-only unless --write."""
    if sum(x is not None for x in (cypher, name, cypher_file)) != 1:
        raise click.UsageError("give one of a CYPHER query, --name NAME or --file FILE")
    if cypher_file is not None:
        cypher = cypher_file.read()
    graph = state.graph(allow_file_access=allow_file_access)
    result = graph.query(name or cypher, dict(params), write=write, timeout=timeout)
    print_result(result, fmt)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="How results are printed at first (':format' changes it).",
)
@click.option("--write", is_flag=True, help="Allow statements that change the store.")
@click.option(
    "--timeout", type=float, default=None, help="Stop each statement after this many seconds."
)
@click.option(
    "--history",
    "history",
    type=click.Path(dir_okay=False),
    default=str(Path("~/.docgraph_history")),
    show_default=True,
    envvar="DOCGRAPH_HISTORY",
    show_envvar=True,
    help="The file that keeps the statements typed at the prompt.",
)
@_store_option
@pass_state
@click.pass_context
def shell(ctx, state, fmt, write, timeout, history) -> None:
    """Type Cypher at a prompt (statements end with ';'; :help); read-only unless --write.

    When standard input is not a terminal, the statements are read from it. The exit code
    is then 1 when one of them failed (each failure is also one 'Error:' line)."""
    from docgraph.shell import Shell

    session = Shell(state.graph(), print_result, write=write, fmt=fmt, timeout=timeout)
    if sys.stdin.isatty():
        session.run_prompt(Path(history).expanduser())
    else:
        session.run_stream(sys.stdin)
        if session.failures:
            ctx.exit(1)


@main.command("queries")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table (a listing), json, or csv rows of name,description,parameters.",
)
def list_queries(fmt: str) -> None:
    """List the named queries with their descriptions and parameters."""
    from docgraph.queries import named_queries

    queries = list(named_queries().values())
    rows = [
        {"name": q.name, "description": q.description, "parameters": q.signature()} for q in queries
    ]
    if fmt == "json":
        print_json(rows)
    elif fmt == "csv":
        print_csv(rows)
    else:
        for q in queries:
            click.echo(f"{q.name}\n    {q.description}\n    parameters: {q.signature()}")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table, json, or csv rows of kind,name,count.",
)
@_store_option
@pass_state
def stats(state, fmt) -> None:
    """Documents, entities by label and relationships by type."""
    data = state.graph().stats()
    if data["incomplete_documents"]:
        ids = data["incomplete_documents"]
        click.echo(
            f"Warning: {len(ids)} document(s) were not fully loaded (a build or load "
            f"stopped part-way): {printable(', '.join(ids[:20]), one_line=True)}"
            + (" …" if len(ids) > 20 else "")
            + "; run the same build again to finish them",
            err=True,
        )
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    if fmt == "csv":
        rows = [
            ["documents", "", data["documents"]],
            ["entities", "", data["entities"]],
            *(["label", k, n] for k, n in data["entities_by_label"].items()),
            ["relationships", "", data["relationships"]],
            *(["type", k, n] for k, n in data["relationships_by_type"].items()),
        ]
        print_csv([dict(zip(("kind", "name", "count"), row, strict=True)) for row in rows])
        return
    click.echo(f"documents      {data['documents']}")
    click.echo(f"entities       {data['entities']}")
    for label, n in data["entities_by_label"].items():
        click.echo(f"  {printable(label):<20} {n}")
    click.echo(f"relationships  {data['relationships']}")
    for rel_type, n in data["relationships_by_type"].items():
        click.echo(f"  {printable(rel_type):<20} {n}")


@main.command()
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(dir_okay=False),
    default="docgraph-view.html",
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--focus", default=None, help="Centre the view on this entity (name or alias).")
@click.option("--depth", type=int, default=1, show_default=True, help="Hops around --focus.")
@click.option(
    "--min-degree",
    type=int,
    default=0,
    show_default=True,
    help="Leave out entities with fewer links.",
)
@click.option(
    "--max-nodes",
    type=int,
    default=5000,
    show_default=True,
    help="Keep the N most connected entities.",
)
@click.option(
    "--related/--no-related",
    default=False,
    show_default=True,
    help="Show the RELATED_TO co-occurrence edges when the view opens (they are in the "
    "file either way, behind the 'co-occurrence' toggle).",
)
@click.option("--title", default=None, help="The view's title (page, side panel, PNG).")
@_store_option
@pass_state
def view(state, out, focus, depth, min_degree, max_nodes, related, title) -> None:
    """Write an interactive, self-contained HTML view of the graph."""
    path = state.graph().view(
        out,
        title=title,
        focus=focus,
        depth=depth,
        min_degree=min_degree,
        max_nodes=max_nodes,
        related=related,
        progress=True,
    )
    click.echo(f"view: {printable(path)}")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "neo4j-csv"]),
    default="graphml",
    show_default=True,
    help="GraphML, GEXF (Gephi), node-link JSON, or neo4j-csv: node and relationship "
    "files for neo4j-admin database import (a fast first load of a large graph).",
)
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(),
    default=None,
    help="The file to write (default docgraph.FORMAT in the current folder); for neo4j-csv "
    "an empty folder (default docgraph-neo4j-csv).",
)
@_store_option
@pass_state
def export(state, fmt, out) -> None:
    """Export the graph as GraphML, GEXF (Gephi), node-link JSON or neo4j-admin files."""
    out = out or ("docgraph-neo4j-csv" if fmt == "neo4j-csv" else f"docgraph.{fmt}")
    path = state.graph().export(Path(out), fmt)
    click.echo(f"exported: {printable(path)}")
    if fmt == "neo4j-csv":
        click.echo(
            "import into a new, stopped database with neo4j-admin database import full "
            f"(the whole command is in {printable(path / 'import.sh')})"
        )


def _register_analysis() -> None:
    from docgraph.analysis.cli import analyze

    main.add_command(analyze)


_register_analysis()

if __name__ == "__main__":  # pragma: no cover
    main()
