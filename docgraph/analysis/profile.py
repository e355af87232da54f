"""Everything the graph says about one entity, grouped the way a reader asks."""

from __future__ import annotations

from collections import defaultdict
from numbers import Number
from typing import Any

import networkx as nx

from docgraph.analysis._projection import (
    DATE_KEYS,
    RELATED,
    first_sentence,
    iter_edges,
    name_of,
    own_properties,
    year_of,
)
from docgraph.analysis.lookup import find_node

__all__ = ["profile"]

_LEADER = "LEADER_OF"
_ENVOY = ("AMBASSADOR_OF", "AMBASSADOR_TO")
_OWN_SECTIONS = {"MEMBER_OF", "FUNDED", _LEADER, *_ENVOY, RELATED}


def profile(G: nx.MultiDiGraph, name: Any) -> dict[str, Any]:
    """One entity's memberships, funding, dated relations, leaders and envoys.

    Each relationship row names the other entity (``id``, ``name``), the relationship
    ``type`` and ``direction`` (``"out"`` when the entity is the source), the
    relationship's own properties (``since``, ``until``, ``status``, ``amount`` …) and the
    first evidence ``sentence``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from ``Graph.to_networkx()``.
    name : str
        Entity id, name or alias (see :func:`find_node`).

    Returns
    -------
    dict
        ``id``, ``name``, ``label``, ``aliases``, ``documents``, ``mentions`` and:

        - ``memberships`` / ``members``: ``{"current": rows, "former": rows}`` for
          MEMBER_OF from / to the entity; without a ``status``, a membership with an
          ``until`` is former, else current.
        - ``funding``: ``given`` and ``received`` rows, and ``given_totals`` and
          ``received_totals`` ``{currency: sum of amounts}`` (amounts without a currency
          are listed but not totalled).
        - ``relations``: ``{type: rows}`` for the other typed relationships, by date.
        - ``leaders`` (LEADER_OF to the entity), ``leader_of`` (from it), ``envoys``
          (AMBASSADOR_OF / AMBASSADOR_TO to it), ``envoy_posts`` (from it).
        - ``related``: RELATED_TO co-occurrences, strongest ``weight`` first.

    Raises
    ------
    EntityNotFound, AmbiguousEntity
        ``name`` does not resolve to one entity.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:mali", name="Mali", label="Country")
    >>> G.add_node("country:france", name="France", label="Country")
    >>> G.add_node("country:united-states", name="United States", label="Country")
    >>> _ = G.add_edge("country:france", "country:mali", key="FUNDED", type="FUNDED",
    ...                amount=5000000, currency="EUR")
    >>> _ = G.add_edge("country:united-states", "country:mali", key="FUNDED", type="FUNDED",
    ...                amount=10000000, currency="USD")
    >>> p = profile(G, "mali")
    >>> p["funding"]["received_totals"]
    {'EUR': 5000000, 'USD': 10000000}
    >>> [row["name"] for row in p["funding"]["received"]]
    ['France', 'United States']
    """
    node = find_node(G, name)
    data = G.nodes[node]
    out: dict[str, Any] = {
        "id": node,
        "name": name_of(G, node),
        "label": data.get("label"),
        "aliases": list(data.get("aliases") or []),
        "documents": list(data.get("documents") or []),
        "mentions": data.get("mentions"),
        "memberships": {"current": [], "former": []},
        "members": {"current": [], "former": []},
        "funding": {"given": [], "received": [], "given_totals": {}, "received_totals": {}},
        "relations": {},
        "leaders": [],
        "leader_of": [],
        "envoys": [],
        "envoy_posts": [],
        "related": [],
    }
    relations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for u, v, rel_type, attrs in iter_edges(G):
        if node not in (u, v) or u == v:
            continue
        outgoing = u == node
        row = _row(G, v if outgoing else u, rel_type, outgoing, attrs)
        if rel_type == "MEMBER_OF":
            status = row.get("status") or ("former" if row.get("until") else "current")
            status = "former" if status == "former" else "current"
            out["memberships" if outgoing else "members"][status].append(row)
        elif rel_type == "FUNDED":
            out["funding"]["given" if outgoing else "received"].append(row)
        elif rel_type == _LEADER:
            out["leader_of" if outgoing else "leaders"].append(row)
        elif rel_type in _ENVOY:
            out["envoy_posts" if outgoing else "envoys"].append(row)
        elif rel_type == RELATED:
            row["weight"] = attrs.get("weight", 1)
            out["related"].append(row)
        else:
            relations[rel_type].append(row)

    for group in (out["memberships"], out["members"]):
        for rows in group.values():
            rows.sort(key=_by_date)
    funding = out["funding"]
    for side in ("given", "received"):
        funding[side].sort(key=_by_date)
        funding[f"{side}_totals"] = _totals(funding[side])
    out["relations"] = {t: sorted(rows, key=_by_date) for t, rows in sorted(relations.items())}
    for key in ("leaders", "leader_of", "envoys", "envoy_posts"):
        out[key].sort(key=_by_date)
    out["related"].sort(key=lambda r: (-float(r["weight"] or 0), r["name"]))
    return out


def _row(
    G: nx.MultiDiGraph, other: Any, rel_type: str, outgoing: bool, attrs: dict[str, Any]
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": other,
        "name": name_of(G, other),
        "type": rel_type,
        "direction": "out" if outgoing else "in",
    }
    for key, value in own_properties(attrs).items():
        row.setdefault(key, value)
    row["sentence"] = first_sentence(attrs)[1]
    return row


def _by_date(row: dict[str, Any]) -> tuple[int, str, str]:
    years = [year_of(row.get(k)) for k in DATE_KEYS]
    year = next((y for y in years if y is not None), None)
    return (year if year is not None else 10**6, row["name"], row["type"])


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {}
    for row in rows:
        amount, currency = row.get("amount"), row.get("currency")
        if currency and isinstance(amount, Number) and not isinstance(amount, bool):
            totals[currency] = totals.get(currency, 0) + amount
    return dict(sorted(totals.items()))
