"""The ``docgraph`` command line: thin commands over the library.

The group resolves the store and credentials once; each command parses its arguments,
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
from typing import Any

import click

from docgraph.errors import DocgraphError, InputError
from docgraph.printable import printable

FORMATS = ("table", "json", "csv")


def _rich(text: object) -> str:
    """``text`` for a rich cell or line: printable, and its brackets not read as markup."""
    from rich.markup import escape

    return escape(printable(text))


def _error(message: object) -> None:
    click.echo(f"Error: {printable(message, one_line=True)}", err=True)


class DocgraphGroup(click.Group):
    """Turns every :class:`DocgraphError` into ``Error: …`` and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgraphError as exc:
            if ctx.obj and ctx.obj.get("debug"):
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
            if ctx.obj and ctx.obj.get("debug"):
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


def _store_option(f: Any) -> Any:
    return click.option(
        "--store",
        "store",
        default=None,
        envvar="DOCGRAPH_STORE",
        show_envvar=True,
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


def _open(
    ctx: click.Context, store: str | None, *, create: bool = False, allow_file_access: bool = False
):
    import docgraph.api

    location = store or ctx.obj.get("store")
    options: dict[str, Any] = {}
    if location and "://" in str(location):
        options = {"database": ctx.obj.get("database"), "password": ctx.obj.get("password")}
    else:
        options = {"create": create}
    if allow_file_access:
        options["allow_file_access"] = True
    return docgraph.api.open(location, **options)


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
    ctx.obj = {"debug": debug, "database": database, "password": password}

    def load_graph():
        with _open(ctx, ctx.obj.get("store")) as graph:
            return graph.to_networkx()

    def write_back(metrics):
        with _open(ctx, ctx.obj.get("store")) as graph:
            graph.write_metrics(metrics)

    ctx.obj.update(load_graph=load_graph, write_back=write_back)


# --- extract -----------------------------------------------------------------------------


def _entity_json(entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "aliases": sorted(entity.aliases - {entity.name}),
        **entity.properties,
    }


def _relation_json(rel) -> dict[str, Any]:
    return {
        "source": rel.source,
        "target": rel.target,
        "type": rel.type,
        "properties": dict(rel.properties),
        "confidence": round(rel.confidence, 3),
        "evidence": [
            {
                "document": e.document,
                "sentence": e.sentence,
                "start": e.start,
                "end": e.end,
                "method": e.method,
                "confidence": e.confidence,
            }
            for e in rel.evidence
        ],
    }


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
@click.pass_context
def extract(ctx, paths, fmt, fast, patterns, gazetteer, related, infer_places, processes) -> None:
    """Print the entities and relationships extracted from each document (no store)."""
    from docgraph.loaders.extract import Extractor
    from docgraph.loaders.read import ReadReport, iter_documents

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
    for graph in graphs:
        rels = [r for r in graph.relations if related or r.type != "RELATED_TO"]
        record = {
            "document": {"id": graph.document.id, "source": graph.document.source},
            "entities": [_entity_json(e) for e in graph.entities],
            "relations": [_relation_json(r) for r in rels],
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
    from rich.console import Console
    from rich.table import Table

    console = Console()
    names = {e["id"]: e["name"] for e in record["entities"]}
    doc_id = _rich(record["document"]["id"])
    ents = Table(title=f"{doc_id}: entities", show_lines=False)
    for col in ("name", "label", "aliases"):
        ents.add_column(col)
    for e in sorted(record["entities"], key=lambda e: (e["label"], e["name"])):
        ents.add_row(_rich(e["name"]), _rich(e["label"]), _rich(", ".join(e["aliases"])))
    console.print(ents)
    rels = Table(title=f"{doc_id}: relationships")
    for col in ("source", "type", "target", "properties"):
        rels.add_column(col)
    for r in record["relations"]:
        if r["type"] == "RELATED_TO":
            continue
        props = ", ".join(f"{k}={v}" for k, v in r["properties"].items())
        rels.add_row(
            _rich(names.get(r["source"], r["source"])),
            _rich(r["type"]),
            _rich(names.get(r["target"], r["target"])),
            _rich(props),
        )
    console.print(rels)


# --- build -------------------------------------------------------------------------------


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
@click.pass_context
def build(ctx, paths, store, fast, patterns, gazetteer, infer_places, processes, view_path) -> None:
    """Read documents, extract, resolve entities and write the graph to the store."""
    _load(
        ctx, paths, store, fast, patterns, gazetteer, processes, view_path,
        create=True, infer_places=infer_places,
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
            ctx.obj["database"] = value
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
@click.pass_context
def load(ctx, paths, uri, fast, patterns, gazetteer, infer_places, processes) -> None:
    """Read documents, extract and load the graph straight into Neo4j."""
    if "://" not in uri:
        raise click.BadParameter("expected a bolt:// or neo4j:// URI", param_hint="--neo4j")
    _load(
        ctx, paths, uri, fast, patterns, gazetteer, processes, None,
        create=False, infer_places=infer_places,
    )  # fmt: skip


@main.command()
@_neo4j_option
@_database_option
@_store_option
@click.pass_context
def push(ctx, uri, store) -> None:
    """Copy the embedded store into Neo4j (only what differs is written)."""
    from docgraph.graph.diff import diff_graphs

    started = time.perf_counter()
    with _open(ctx, store) as source:
        data = source.read()
    with _open(ctx, uri) as target:
        diff = diff_graphs(target.read(), data)
        summary = target.store.apply(diff)
        stats = target.stats()
    changed = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in summary.counts.items() if v)
    click.echo(
        f"pushed {stats['documents']} document(s), {stats['entities']} entities, "
        f"{stats['relationships']} relationships to {printable(target.store.describe())}; "
        f"{changed or 'no changes'}; {summary.rows} rows in {time.perf_counter() - started:.1f} s"
        + (f" ({summary.rows_per_second:,.0f} rows/s)" if summary.rows else "")
    )


def _load(
    ctx, paths, store, fast, patterns, gazetteer, processes, view_path, *, create, infer_places
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    started = time.perf_counter()
    graph = _open(ctx, store, create=create)
    with graph:
        show_bar = console.is_terminal and not os.environ.get("CI")
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            disable=not show_bar,
            transient=True,
        ) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            report = graph.add(
                paths,
                fast=fast,
                patterns=patterns,
                gazetteers=gazetteer,
                processes=processes,
                progress=progress,
                infer_places=infer_places,
            )
        for note in report.notes:
            click.echo(f"Note: {printable(note, one_line=True)}", err=True)
        for error in report.errors:
            _error(error)
        stats = graph.stats()
        view_file = graph.view(view_path) if view_path else None
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


def _print_result(result, fmt: str) -> None:
    if fmt == "json":
        click.echo(result.to_json())
    elif fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*[_rich(k) for k in result.keys])
        for row in result.data():
            table.add_row(*[_cell(row.get(k)) for k in result.keys])
        Console().print(table)
        click.echo(f"{len(result)} row(s)", err=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
        return f"{value:,.0f}"
    if isinstance(value, (list, dict)):
        return _rich(json.dumps(value, ensure_ascii=False))
    return _rich(value)


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
@click.pass_context
def query(
    ctx, cypher, name, cypher_file, params, fmt, write, timeout, allow_file_access, store
) -> None:
    """Run Cypher (or a named query) on the store; read-only unless --write."""
    if sum(x is not None for x in (cypher, name, cypher_file)) != 1:
        raise click.UsageError("give one of a CYPHER query, --name NAME or --file FILE")
    if cypher_file is not None:
        cypher = cypher_file.read()
    with _open(ctx, store, allow_file_access=allow_file_access) as graph:
        result = graph.query(name or cypher, dict(params), write=write, timeout=timeout)
    _print_result(result, fmt)


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
    if fmt == "json":
        rows = [
            {"name": q.name, "description": q.description, "parameters": q.signature()}
            for q in queries
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["name", "description", "parameters"])
        writer.writerows([q.name, q.description, q.signature()] for q in queries)
        click.echo(buffer.getvalue(), nl=False)
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
@click.pass_context
def stats(ctx, fmt, store) -> None:
    """Documents, entities by label and relationships by type."""
    with _open(ctx, store) as graph:
        data = graph.stats()
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
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["kind", "name", "count"])
        writer.writerow(["documents", "", data["documents"]])
        writer.writerow(["entities", "", data["entities"]])
        writer.writerows(["label", k, n] for k, n in data["entities_by_label"].items())
        writer.writerow(["relationships", "", data["relationships"]])
        writer.writerows(["type", k, n] for k, n in data["relationships_by_type"].items())
        click.echo(buffer.getvalue(), nl=False)
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
@click.pass_context
def view(ctx, out, focus, depth, min_degree, max_nodes, related, title, store) -> None:
    """Write an interactive, self-contained HTML view of the graph."""
    with _open(ctx, store) as graph:
        path = graph.view(
            out,
            title=title,
            focus=focus,
            depth=depth,
            min_degree=min_degree,
            max_nodes=max_nodes,
            related=related,
        )
    click.echo(f"view: {printable(path)}")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json"]),
    default="graphml",
    show_default=True,
    help="GraphML, GEXF (Gephi) or node-link JSON.",
)
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(dir_okay=False),
    default=None,
    help="The file to write (default docgraph.FORMAT in the current folder).",
)
@_store_option
@click.pass_context
def export(ctx, fmt, out, store) -> None:
    """Export the graph as GraphML, GEXF (Gephi) or node-link JSON."""
    out = out or f"docgraph.{fmt}"
    with _open(ctx, store) as graph:
        path = graph.export(Path(out), fmt)
    click.echo(f"exported: {printable(path)}")


def _register_analysis() -> None:
    from docgraph.analysis.cli import analyze

    main.add_command(analyze)


_register_analysis()

if __name__ == "__main__":  # pragma: no cover
    main()
