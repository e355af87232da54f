"""What happened when: the dated relationships of an entity or of the whole graph."""

from __future__ import annotations

from typing import Any

import networkx as nx

from docgraph.analysis._projection import (
    DATE_KEYS,
    date_text,
    first_sentence,
    iter_edges,
    name_of,
    own_properties,
    year_of,
)
from docgraph.analysis.lookup import find_node

__all__ = ["timeline"]


def timeline(
    G: nx.MultiDiGraph,
    name: Any = None,
    *,
    start: int | None = None,
    end: int | None = None,
    date_keys: tuple[str, ...] = DATE_KEYS,
) -> list[dict[str, Any]]:
    """Dated relationships in date order, one row per date a relationship states.

    A membership ``since`` 2014 ``until`` 2023 gives two rows, one per date (``field``
    says which); the same date under two keys gives one row.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from ``Graph.to_networkx()``.
    name : str or None, default None
        Entity id, name or alias whose relationships (either direction) to list; ``None``
        lists the whole graph.
    start, end : int or None, default None
        Keep rows whose year is within ``[start, end]`` (inclusive).
    date_keys : tuple of str, default ("since", "date", "year", "until")
        Relationship properties read as dates (ISO dates as precise as the text, or years).

    Returns
    -------
    list of dict
        Rows sorted by year, date, source name, type and target name, with ``date`` (as
        stated, e.g. ``"2018-12"``), ``year`` (int), ``field``, ``source``,
        ``source_name``, ``type``, ``target``, ``target_name``, ``properties``, and the
        first evidence's ``document`` and ``sentence`` (``None`` without evidence).

    Raises
    ------
    EntityNotFound, AmbiguousEntity
        ``name`` does not resolve to one entity.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:mali", name="Mali")
    >>> G.add_node("country:france", name="France")
    >>> G.add_node("organization:g5-sahel", name="G5 Sahel")
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF",
    ...                type="MEMBER_OF", since="2014-02", until="2022")
    >>> _ = G.add_edge("country:france", "organization:g5-sahel", key="FUNDED",
    ...                type="FUNDED", date=2018, amount=8000000, currency="EUR")
    >>> for row in timeline(G, "G5 Sahel", end=2020):
    ...     print(row["date"], row["source_name"], row["type"], row["target_name"])
    2014-02 Mali MEMBER_OF G5 Sahel
    2018 France FUNDED G5 Sahel
    """
    center = find_node(G, name) if name is not None else None
    rows = []
    for u, v, rel_type, data in iter_edges(G):
        if center is not None and center not in (u, v):
            continue
        seen: set[str] = set()
        for key in date_keys:
            year = year_of(data.get(key))
            if year is None:
                continue
            text = date_text(data[key])
            if text in seen or (start is not None and year < start):
                continue
            if end is not None and year > end:
                continue
            seen.add(text)
            document, sentence = first_sentence(data)
            rows.append(
                {
                    "date": text,
                    "year": year,
                    "field": key,
                    "source": u,
                    "source_name": name_of(G, u),
                    "type": rel_type,
                    "target": v,
                    "target_name": name_of(G, v),
                    "properties": own_properties(data),
                    "document": document,
                    "sentence": sentence,
                }
            )
    rows.sort(key=lambda r: (r["year"], r["date"], r["source_name"], r["type"], r["target_name"]))
    return rows
