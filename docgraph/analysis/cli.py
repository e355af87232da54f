"""``docgraph analyze``: the analysis functions as thin commands.

The group takes its graph from a :class:`GraphSource` in ``ctx.obj``: ``load_graph()``
gives the NetworkX graph, ``write_back(metrics)`` stores ``--write-back`` metrics and
``store`` is the location that ``--store`` (before or after the subcommand) records for
them. The main CLI's state is one (it opens the store only when a command asks)::

    main.add_command(analyze)          # ctx.obj is the main CLI's GraphSource

Each command calls one function of :mod:`docgraph.analysis` and prints its result with
:mod:`docgraph.output`: a table (text from documents escaped), JSON or CSV. Library
errors (an unknown entity, no path) are ``DocgraphError`` and reach the main CLI's
handler unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from docgraph.output import (
    FORMATS,
    print_csv,
    print_json,
    print_rows,
    print_table,
    rich_text,
    summary_cell,
)

__all__ = ["GraphSource", "analyze"]

_related_option = click.option(
    "--related/--no-related",
    "include_related",
    default=True,
    show_default=True,
    help="Use the RELATED_TO co-occurrence edges.",
)


def _format_option(*choices: str) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help=f"Print as {', '.join(choices[:-1])} or {choices[-1]}.",
    )


class GraphSource:
    """Where the analyze commands get their graph; a caller overrides the two methods.

    This base has no graph: its commands fail with a usage message, not a traceback."""

    #: the location given with --store (None: the caller's default)
    store: str | None = None

    def load_graph(self) -> Any:
        raise click.ClickException("no graph to analyse (no GraphSource in ctx.obj)")

    def write_back(self, metrics: dict[str, dict[Any, Any]]) -> None:
        raise click.ClickException("--write-back is not available here")


def _graph(ctx: click.Context):
    return ctx.ensure_object(GraphSource).load_graph()


def _write_back(ctx: click.Context, metrics: dict[str, dict[Any, Any]]) -> None:
    ctx.ensure_object(GraphSource).write_back(metrics)
    names = ", ".join(metrics)
    click.echo(f"wrote {names} for {len(next(iter(metrics.values()), {}))} entities", err=True)


@click.group("analyze")
@click.option(
    "--store",
    "store",
    default=None,
    envvar="DOCGRAPH_STORE",
    show_envvar=True,
    help="Embedded store folder (default ./docgraph-store) or a bolt:// / neo4j:// URI.",
)
@click.pass_context
def analyze(ctx: click.Context, store: str | None) -> None:
    """Analyse the graph with NetworkX: centrality, communities, paths, timelines."""
    if store is not None:
        ctx.ensure_object(GraphSource).store = store


# --- centrality -----------------------------------------------------------------------------


@analyze.command()
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show the first N entities.")
@click.option(
    "--by",
    type=click.Choice(["pagerank", "degree", "betweenness", "eigenvector"]),
    default="pagerank",
    show_default=True,
    help="Measure that orders the rows.",
)
@_format_option(*FORMATS)
@_related_option
@click.option("--write-back", is_flag=True, help="Store the four measures on the entities.")
@click.pass_context
def centrality(ctx, top, by, fmt, include_related, write_back) -> None:
    """Degree, betweenness, PageRank and eigenvector centrality of every entity."""
    from docgraph.analysis.centrality import MEASURES, centrality_table
    from docgraph.progress import ProgressReport

    G = _graph(ctx)
    with ProgressReport() as progress:
        rows = centrality_table(G, by=by, include_related=include_related, progress=progress)
    if write_back:
        _write_back(ctx, {m: {r["id"]: r[m] for r in rows} for m in MEASURES})
    shown = rows if top is None else rows[:top]
    print_rows(
        fmt,
        shown,
        ["id", "name", "label", *MEASURES],
        title=f"Centrality ({len(shown)} of {len(rows)} entities, by {by})",
        table_columns=["name", "label", *MEASURES],
    )


# --- communities ----------------------------------------------------------------------------


@analyze.command()
@click.option("--seed", type=int, default=0, show_default=True, help="Louvain seed.")
@click.option(
    "--resolution",
    type=float,
    default=1.0,
    show_default=True,
    help="Louvain resolution: above 1 gives more, smaller communities.",
)
@_format_option(*FORMATS)
@_related_option
@click.option("--write-back", is_flag=True, help="Store each entity's community number.")
@click.pass_context
def communities(ctx, seed, resolution, fmt, include_related, write_back) -> None:
    """Louvain communities, largest first (repeatable with the same --seed)."""
    from docgraph.analysis.communities import communities as find_communities
    from docgraph.analysis.communities import community_index
    from docgraph.progress import ProgressReport

    G = _graph(ctx)
    with ProgressReport() as progress, progress.step("communities"):
        groups = find_communities(
            G, seed=seed, resolution=resolution, include_related=include_related
        )
    if write_back:
        _write_back(ctx, {"community": community_index(groups)})
    members = [
        sorted(({"id": n, "name": G.nodes[n].get("name") or str(n)} for n in g), key=_by_name)
        for g in groups
    ]
    if fmt == "json":
        print_json([{"community": i, "size": len(m), "members": m} for i, m in enumerate(members)])
    elif fmt == "csv":  # one row per member
        print_csv(
            {"community": i, "size": len(m), "id": e["id"], "name": e["name"]}
            for i, m in enumerate(members)
            for e in m
        )
    else:
        print_table(
            f"{len(groups)} communities",
            ["community", "size", "members"],
            [[i, len(m), [e["name"] for e in m]] for i, m in enumerate(members)],
        )


def _by_name(entity: dict[str, Any]) -> tuple[str, str]:
    return (str(entity["name"]).casefold(), str(entity["id"]))


# --- path -----------------------------------------------------------------------------------


@analyze.command()
@click.argument("source")
@click.argument("target")
@click.option("--all", "all_paths", is_flag=True, help="Every shortest path, not just one.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="With --all, show at most N of the shortest paths.",
)
@_format_option(*FORMATS)
@_related_option
@click.pass_context
def path(ctx, source, target, all_paths, limit, fmt, include_related) -> None:
    """The shortest path between two entities (ids, names or aliases) and its evidence."""
    from docgraph.analysis.paths import all_shortest_paths

    G = _graph(ctx)
    paths = all_shortest_paths(
        G, source, target, include_related=include_related, limit=limit if all_paths else 1
    )
    if fmt == "json":
        print_json(paths if all_paths else paths[0])
        return
    if fmt == "csv":  # one row per hop, its first evidence sentence
        print_csv(
            {
                "path": i,
                "hop": n,
                "source": h["source"],
                "source_name": h["source_name"],
                "relationship": _arrow(h),
                "target": h["target"],
                "target_name": h["target_name"],
                "document": (h["evidence"][0].get("document") if h["evidence"] else None),
                "sentence": (h["evidence"][0].get("sentence") if h["evidence"] else None),
            }
            for i, hops in enumerate(paths, 1)
            for n, h in enumerate(hops, 1)
        )
        return
    for i, hops in enumerate(paths, 1):
        print_table(
            f"Path {i}: {len(hops)} hop(s)" if all_paths else f"{len(hops)} hop(s)",
            ["from", "relationship", "to", "evidence"],
            [
                [
                    h["source_name"],
                    _arrow(h),
                    h["target_name"],
                    "\n".join(
                        f"{e.get('document')}: {e.get('sentence')}" for e in h["evidence"][:3]
                    ),
                ]
                for h in hops
            ],
        )


def _arrow(hop: dict[str, Any]) -> str:
    arrow = {"forward": "-{}->", "backward": "<-{}-", "symmetric": "-{}-"}[hop["direction"]]
    text = arrow.format(hop["type"])
    if hop["other_types"]:
        text += f" (also {', '.join(hop['other_types'])})"
    return text


# --- ego ------------------------------------------------------------------------------------


@analyze.command()
@click.argument("name")
@click.option(
    "--radius",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Hops around NAME.",
)
@_format_option(*FORMATS)
@_related_option
@click.pass_context
def ego(ctx, name, radius, fmt, include_related) -> None:
    """The entities within --radius hops of NAME and the relationships among them."""
    from docgraph.analysis._projection import iter_edges
    from docgraph.analysis.ego import ego as ego_graph

    G = _graph(ctx)
    sub = ego_graph(G, name, radius=radius, include_related=include_related)
    nodes = sorted(
        (
            {
                "id": n,
                "name": d.get("name") or str(n),
                "label": d.get("label"),
                "distance": d["distance"],
            }
            for n, d in sub.nodes(data=True)
        ),
        key=lambda r: (r["distance"], str(r["name"]).casefold(), str(r["id"])),
    )
    edges = sorted(
        (
            {"source": u, "type": t, "target": v, "evidence": len(d.get("evidence") or [])}
            for u, v, t, d in iter_edges(sub)
        ),
        key=lambda r: (str(r["source"]), r["type"], str(r["target"])),
    )
    if fmt == "json":
        print_json(
            {"center": sub.graph["center"], "radius": radius, "nodes": nodes, "edges": edges}
        )
        return
    names = {r["id"]: r["name"] for r in nodes}
    if fmt == "csv":  # the entities, then the relationships, told apart by "kind"
        print_csv(
            [{"kind": "entity", **r} for r in nodes]
            + [
                {
                    "kind": "relationship",
                    **e,
                    "source_name": names[e["source"]],
                    "target_name": names[e["target"]],
                }
                for e in edges
            ]
        )
        return
    print_table(
        f"{names[sub.graph['center']]}: {len(nodes)} entities within {radius} hop(s)",
        ["name", "label", "hops"],
        [[r["name"], r["label"], r["distance"]] for r in nodes],
    )
    print_table(
        f"{len(edges)} relationships",
        ["source", "type", "target", "evidence"],
        [[names[e["source"]], e["type"], names[e["target"]], e["evidence"]] for e in edges],
    )


# --- bridges --------------------------------------------------------------------------------


@analyze.command()
@_format_option(*FORMATS)
@_related_option
@click.pass_context
def bridges(ctx, fmt, include_related) -> None:
    """Links and entities whose removal would cut the graph apart."""
    from docgraph.analysis.bridges import articulation_points
    from docgraph.analysis.bridges import bridges as find_bridges
    from docgraph.progress import ProgressReport

    G = _graph(ctx)
    with ProgressReport() as progress, progress.step("bridges"):
        links = find_bridges(G, include_related=include_related)
        points = articulation_points(G, include_related=include_related)

    def name(n: Any) -> str:
        return G.nodes[n].get("name") or str(n)

    if fmt == "json":
        print_json(
            {
                "bridges": [{"source": u, "target": v} for u, v in links],
                "articulation_points": [{"id": n, "name": name(n)} for n in points],
            }
        )
        return
    if fmt == "csv":  # kind bridge (source, target) or articulation_point (source alone)
        print_csv(
            [
                {
                    "kind": "bridge",
                    "source": u,
                    "source_name": name(u),
                    "target": v,
                    "target_name": name(v),
                }
                for u, v in links
            ]
            + [{"kind": "articulation_point", "source": n, "source_name": name(n)} for n in points],
            ["kind", "source", "source_name", "target", "target_name"],
        )
        return
    print_table(
        f"{len(links)} bridges", ["entity", "entity"], [[name(u), name(v)] for u, v in links]
    )
    print_table(
        f"{len(points)} articulation points",
        ["name", "label"],
        [[name(n), G.nodes[n].get("label")] for n in points],
    )


# --- timeline -------------------------------------------------------------------------------


@analyze.command()
@click.argument("name", required=False)
@click.option("--from", "start", type=int, default=None, help="First year (inclusive).")
@click.option("--to", "end", type=int, default=None, help="Last year (inclusive).")
@_format_option(*FORMATS)
@click.pass_context
def timeline(ctx, name, start, end, fmt) -> None:
    """Dated relationships of NAME (or of the whole graph), oldest first."""
    from docgraph.analysis.timeline import timeline as build_timeline

    if start is not None and end is not None and start > end:
        raise click.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")
    G = _graph(ctx)
    rows = build_timeline(G, name, start=start, end=end)
    if fmt == "json":
        print_json(rows)
    elif fmt == "csv":
        columns = ["date", "field", "source_name", "type", "target_name", "properties"]
        print_csv(rows, [*columns, "document", "sentence"])
    else:
        print_table(
            f"Timeline ({len(rows)} dated relationships)",
            ["date", "source", "type", "target", "properties", "sentence"],
            [
                [
                    f"{r['date']} ({r['field']})",
                    r["source_name"],
                    r["type"],
                    r["target_name"],
                    r["properties"],
                    r["sentence"],
                ]
                for r in rows
            ],
        )


# --- profile --------------------------------------------------------------------------------


@analyze.command()
@click.argument("name")
@_format_option(*FORMATS)
@click.pass_context
def profile(ctx, name, fmt) -> None:
    """Memberships, funding, dated relations, leaders and envoys of one entity."""
    from docgraph.analysis.profile import profile as build_profile

    G = _graph(ctx)
    p = build_profile(G, name)
    if fmt == "json":
        print_json(p)
        return
    if fmt == "csv":
        print_csv(_profile_rows(p))
        return
    from rich.console import Console

    console = Console()
    console.print(
        f"[bold]{summary_cell(p['name'])}[/] ({summary_cell(str(p['label']))}, {summary_cell(p['id'])})"
    )
    if p["aliases"]:
        console.print("also: " + summary_cell(", ".join(p["aliases"])))
    columns = ["name", "since", "until", "status"]
    for key, title in (("memberships", "Member of"), ("members", "Members")):
        for status in ("current", "former"):
            rows = p[key][status]
            if rows:
                print_table(
                    f"{title} ({status})", columns, [[r.get(c) for c in columns] for r in rows]
                )
    funding = p["funding"]
    columns = ["name", "amount", "currency", "kind", "date"]
    for side, title in (("given", "Funding given"), ("received", "Funding received")):
        rows = funding[side]
        if rows:
            totals = funding[f"{side}_totals"]
            total = "; ".join(f"{summary_cell(v)} {rich_text(k)}" for k, v in totals.items())
            print_table(
                f"{title}" + (f" (total {total})" if total else ""),
                ["to" if side == "given" else "from", *columns[1:]],
                [[_funding_cell(r, c) for c in columns] for r in rows],
            )
    people = [
        ("leaders", "Leaders", "title"),
        ("leader_of", "Leader of", "title"),
        ("envoys", "Envoys", "type"),
        ("envoy_posts", "Envoy posts", "type"),
    ]
    for key, title, extra in people:
        if p[key]:
            print_table(
                title,
                ["name", extra, "since"],
                [[r["name"], r.get(extra), r.get("since")] for r in p[key]],
            )
    for rel_type, rows in p["relations"].items():
        print_table(
            rel_type,
            ["direction", "name", "since", "until", "date", "other"],
            [
                [
                    "→" if r["direction"] == "out" else "←",
                    r["name"],
                    r.get("since"),
                    r.get("until"),
                    r.get("date") or r.get("year"),
                    {
                        k: v
                        for k, v in r.items()
                        if k
                        not in {
                            "id",
                            "name",
                            "type",
                            "direction",
                            "since",
                            "until",
                            "date",
                            "year",
                            "sentence",
                        }
                    },
                ]
                for r in rows
            ],
        )
    if p["related"]:
        print_table(
            "Mentioned together (RELATED_TO)",
            ["name", "sentences"],
            [[r["name"], r["weight"]] for r in p["related"][:10]],
        )


def _profile_rows(p: dict[str, Any]) -> list[dict[str, Any]]:
    """The profile's lists as rows, each with its ``section`` (``memberships.current``,
    ``funding.given``, ``relations.MEMBER_OF``, …): one CSV of everything the table shows."""
    rows: list[dict[str, Any]] = []

    def add(section: str, items: Any) -> None:
        rows.extend({"section": section, **item} for item in items or ())

    for key in ("memberships", "members"):
        for status in ("current", "former"):
            add(f"{key}.{status}", p[key][status])
    for side in ("given", "received"):
        add(f"funding.{side}", p["funding"][side])
    for key in ("leaders", "leader_of", "envoys", "envoy_posts", "related"):
        add(key, p[key])
    for rel_type, items in p["relations"].items():
        add(f"relations.{rel_type}", items)
    return rows


def _funding_cell(row: dict[str, Any], column: str) -> Any:
    if column == "date":
        return row.get("date") or row.get("year") or row.get("since")
    return row.get(column)


def _set_store(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(GraphSource).store = value


# "docgraph analyze centrality --store X" as well as "docgraph analyze --store X centrality":
# every subcommand takes the store where the other commands take it, after their name
for _command in analyze.commands.values():
    _command.params.append(
        click.Option(
            ["--store"],
            default=None,
            expose_value=False,
            callback=_set_store,
            help="Embedded store folder (default ./docgraph-store) or a bolt:// / neo4j:// "
            "URI; also DOCGRAPH_STORE.",
        )
    )
