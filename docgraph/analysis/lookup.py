"""Which entity is meant: resolve an id, a name or an alias to a node id."""

from __future__ import annotations

import unicodedata
from typing import Any

import networkx as nx

from docgraph.errors import AmbiguousEntity, EntityNotFound

__all__ = ["AmbiguousEntity", "EntityNotFound", "find_node"]


def _fold(text: str) -> str:
    """Case- and accent-insensitive form: ``"Côte d'Ivoire"`` → ``"cote d'ivoire"``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def find_node(G: nx.Graph, name: Any) -> Any:
    """The id of the entity whose id, name or alias is ``name``.

    Matching ignores case and accents. An exact id wins, then a canonical name, then an
    alias; when several entities tie at the best level the name is ambiguous.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``; nodes carry ``name`` and ``aliases``.
    name : str
        An entity id (``"country:mali"``), name (``"Mali"``) or alias (``"G-5 Sahel"``).

    Returns
    -------
    node
        The node id.

    Raises
    ------
    EntityNotFound
        No entity matches; the message suggests close names (rapidfuzz).
    AmbiguousEntity
        Several entities match equally well; the message lists their ids.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:mali", name="Mali", aliases=["Republic of Mali"])
    >>> G.add_node("country:niger", name="Niger", aliases=[])
    >>> G.add_node("location:niger-river", name="Niger River", aliases=["Niger"])
    >>> find_node(G, "republic of mali"), find_node(G, "NIGER")
    ('country:mali', 'country:niger')
    >>> try:
    ...     find_node(G, "Nigr")
    ... except EntityNotFound as exc:
    ...     print(exc)
    no entity named 'Nigr'; did you mean 'Niger', 'Niger River'?

    See Also
    --------
    docgraph.analysis.ego : the neighbourhood of an entity found this way.
    """
    if name in G:
        return name
    wanted = _fold(name)
    levels: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    for node, data in G.nodes(data=True):
        if _fold(node) == wanted:
            levels[0].append(node)
        elif _fold(data.get("name") or "") == wanted:
            levels[1].append(node)
        elif any(_fold(a) == wanted for a in data.get("aliases") or []):
            levels[2].append(node)
    for found in levels:
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousEntity(str(name), sorted(map(str, found)))
    raise EntityNotFound(str(name), _suggest(G, str(name)))


def _suggest(G: nx.Graph, name: str, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    choices: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        label = str(data.get("name") or node)
        for text in (label, *(data.get("aliases") or [])):
            choices.setdefault(_fold(text), label)
    hits = process.extract(
        _fold(name), list(choices), scorer=fuzz.WRatio, score_cutoff=75, limit=limit * 3
    )
    out: list[str] = []
    for text, _score, _ in hits:
        label = choices[text]
        if label not in out:
            out.append(label)
    return out[:limit]
