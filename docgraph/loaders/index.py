"""The name index cross-document resolution looks names up in, kept between documents.

``merge_document`` used to rebuild it from every entity of the graph for each document
(0.4 s per document at 5k entities, 3.6 s at 50k), so a build grew faster than its corpus.
A :class:`ResolutionIndex` is built once per build and updated as each document's
entities are added or take new aliases, so a document costs about the same against 100 or
100,000 entities.

It answers exactly what the full rebuild answered:

- ``exact[(label, folded surface)]`` is the *first* entity, in the graph's insertion
  order, with that name or alias (the rebuild used ``setdefault`` in that order), so an
  alias an older entity gains later takes the key back from a younger one;
- the fuzzy candidates of a label map each folded name of a non-gazetteer entity to the
  *last* entity with that name (the rebuild assigned in order), and are compared in the
  order the folded name first appeared, because ``process.extractOne`` returns the first
  of equal best scores.

The fuzzy candidates are bucketed by length: ``fuzz.ratio`` is
``100 * (1 - indel / (len(a) + len(b)))`` and the indel distance is at least
``abs(len(a) - len(b))``, so a name whose length differs too much can never reach the
cutoff and is never scanned. The best of the remaining buckets, ties going to the name
that appeared first, is the one the full scan chooses (``tests/loaders/test_merge.py``
checks it against the full scan on generated names).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from docgraph.graph.model import Entity, GraphData
from docgraph.loaders.gazetteer import Gazetteer, fold

__all__ = ["ResolutionIndex", "best_fuzzy"]


@dataclass(slots=True)
class _Bucket:
    """The candidate names of one label and one length, in first-appearance order."""

    names: list[str] = field(default_factory=list)
    order: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Candidates:
    """One label's fuzzy candidates: folded name → entity id, and the names by length."""

    target: dict[str, str] = field(default_factory=dict)
    by_length: dict[int, _Bucket] = field(default_factory=lambda: defaultdict(_Bucket))
    count: int = 0

    def put(self, folded: str, eid: str) -> None:
        if folded not in self.target:
            bucket = self.by_length[len(folded)]
            bucket.names.append(folded)
            bucket.order.append(self.count)
            self.count += 1
        self.target[folded] = eid


def _length_window(n: int, cutoff: float) -> range:
    """Lengths ``m`` for which ``fuzz.ratio`` of an ``n``- and an ``m``-character string
    can reach ``cutoff``: ``100 * (1 - |n - m| / (n + m)) >= cutoff``. One character of
    slack either side keeps float rounding at the boundary from excluding a candidate."""
    if cutoff <= 0:
        return range(0, 10 * n + 10**6)
    share = (100 - cutoff) / 100  # |n - m| <= share * (n + m)
    if share >= 1:
        return range(0, 10 * n + 10**6)
    low = int(n * (1 - share) / (1 + share)) - 1
    high = int(n * (1 + share) / (1 - share)) + 2
    return range(max(low, 0), high)


def best_fuzzy(query: str, candidates: _Candidates, cutoff: float) -> str | None:
    """The folded name ``process.extractOne(query, names, scorer=fuzz.ratio,
    score_cutoff=cutoff)`` returns over all of ``candidates`` in their order, scanning
    only the lengths that can reach ``cutoff``."""
    best: tuple[float, int, str] | None = None  # (score, -order, name)
    buckets = candidates.by_length
    for length in _length_window(len(query), cutoff):
        bucket = buckets.get(length)
        if bucket is None:
            continue
        hit = process.extractOne(query, bucket.names, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None:
            continue
        score, position = hit[1], bucket.order[hit[2]]
        if best is None or score > best[0] or (score == best[0] and position < -best[1]):
            best = (score, -position, hit[0])
    return None if best is None else best[2]


class ResolutionIndex:
    """Names of ``graph``'s entities for :func:`~docgraph.loaders.resolve.merge_document`,
    updated by it as documents are merged.

    It follows the graph only through ``merge_document``: a graph changed any other way
    (``remove_documents``, entities added by hand) needs a new index. ``merge_document``
    rebuilds it when the graph's entity count no longer matches, the one change from
    outside that is cheap to notice.
    """

    __slots__ = ("graph", "gazetteer", "exact", "candidates", "order", "size")

    def __init__(self, graph: GraphData, gazetteer: Gazetteer) -> None:
        self.graph = graph
        self.gazetteer = gazetteer
        self.rebuild()

    def rebuild(self) -> None:
        """Index every entity of the graph from scratch (what each document used to do)."""
        self.exact: dict[tuple[str, str], str] = {}
        self.candidates: dict[str, _Candidates] = defaultdict(_Candidates)
        self.order: dict[str, int] = {}
        self.size = 0
        for entity in self.graph.entities.values():
            self.added(entity)

    def stale(self) -> bool:
        """True when the graph gained or lost entities other than through the index."""
        return self.size != len(self.graph.entities)

    def lookup(self, label: str, surface: str) -> str | None:
        """The first entity of ``label`` named or aliased ``surface`` (folded)."""
        return self.exact.get((label, fold(surface)))

    def fuzzy(self, label: str, name: str, cutoff: float) -> tuple[str, str] | None:
        """``(folded candidate name, entity id)`` of the near-match rapidfuzz chooses among
        the label's non-gazetteer names, or None."""
        candidates = self.candidates.get(label)
        if candidates is None or not candidates.target:
            return None
        hit = best_fuzzy(fold(name), candidates, cutoff)
        return None if hit is None else (hit, candidates.target[hit])

    def added(self, entity: Entity) -> None:
        """``entity`` is new in the graph (it comes last in the graph's order)."""
        eid = entity.id
        self.order[eid] = self.size
        self.size += 1
        for surface in {entity.name, *entity.aliases}:
            self.exact.setdefault((entity.label, fold(surface)), eid)
        if eid not in self.gazetteer.entries:
            self.candidates[entity.label].put(fold(entity.name), eid)

    def aliased(self, entity: Entity, surfaces: set[str]) -> None:
        """The graph's ``entity`` took ``surfaces`` as aliases: it owns each key no older
        entity holds."""
        eid, rank = entity.id, self.order[entity.id]
        for surface in surfaces:
            key = (entity.label, fold(surface))
            held = self.exact.get(key)
            if held is None or (held != eid and rank < self.order[held]):
                self.exact[key] = eid
