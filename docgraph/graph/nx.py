"""The bridge to NetworkX: a store's graph as a ``MultiDiGraph`` for offline analysis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docgraph.graph.model import EVIDENCE_KEYS, GraphData

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["to_networkx"]


def to_networkx(graph: GraphData, *, include_related: bool = True) -> nx.MultiDiGraph:
    """Entities as nodes (keyed by id), relationships as edges keyed by type.

    Node attributes: ``name``, ``label``, ``aliases`` and stored metrics. Edge attributes:
    ``type``, the relationship's own properties, ``confidence``, ``weight`` and
    ``evidence`` (a list of dicts with document, sentence, start, end, method).

    >>> from docgraph.graph.model import Entity, GraphData, Relation
    >>> g = GraphData()
    >>> _ = g.add_entity(Entity("country:mali", "Mali", "Country"))
    >>> _ = g.add_entity(Entity("organization:ecowas", "ECOWAS", "Organization"))
    >>> _ = g.add_relation(Relation("country:mali", "MEMBER_OF", "organization:ecowas"))
    >>> sorted(to_networkx(g).edges(keys=True))
    [('country:mali', 'organization:ecowas', 'MEMBER_OF')]
    """
    import networkx as nx

    out = nx.MultiDiGraph()
    for eid, entity in graph.entities.items():
        out.add_node(
            eid,
            name=entity.name,
            label=entity.label,
            aliases=sorted(entity.aliases - {entity.name}),
            documents=sorted(entity.mentions),
            mentions=sum(entity.mentions.values()),
            **{k: v for k, v in entity.properties.items() if k not in ("name", "label", "aliases")},
        )
    for rel in graph.iter_relations(include_related=include_related):
        row = rel.to_row()
        evidence = [
            {
                "document": e.document,
                "sentence": e.sentence,
                "start": e.start,
                "end": e.end,
                "method": e.method,
                "confidence": e.confidence,
            }
            for e in rel.evidence
        ]
        # statements are what resolution recomputes from, not an attribute to analyse
        attrs = {k: v for k, v in row.items() if k not in EVIDENCE_KEYS and k != "statements"}
        attrs.setdefault("weight", len(evidence) or 1)
        out.add_edge(
            rel.source, rel.target, key=rel.type, type=rel.type, evidence=evidence, **attrs
        )
    return out
