"""The RELATED_TO fallback: entities that share a sentence and no typed edge.

Typed relationships come from the dependency frames (:mod:`docgraph.loaders.frames`);
this edge only records that two names stand in one sentence, with ``weight`` = sentences
shared, so that a reader can still find what the rules did not type.
"""

from __future__ import annotations

from docgraph.graph.model import Relation
from docgraph.loaders.pipeline import DocState, component

__all__ = ["related_to"]


@component("related_to")
def related_to(state: DocState) -> DocState:
    """Entities that share a sentence and no typed edge: RELATED_TO, one evidence per sentence."""
    typed = {frozenset((r.source, r.target)) for r in state.relations}
    found: dict[tuple[str, str], Relation] = {}
    for index in range(len(state.sentences)):
        ids = sorted({m.entity for m in state.mentions_in(index) if m.source != "coref"})
        if len(ids) < 2 or len(ids) > 12:
            continue
        ev = state.evidence(index, "cooccurrence", 0.3)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if frozenset((a, b)) in typed:
                    continue
                rel = found.setdefault((a, b), Relation(a, "RELATED_TO", b))
                rel.add_evidence([ev])
    state.relations.extend(found.values())
    return state
