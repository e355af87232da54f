"""Analyse the graph from ``Graph.to_networkx()`` with NetworkX: plain functions, plain data.

One question per module; each takes the ``MultiDiGraph`` keyed by entity id and returns
dicts or lists keyed by node id. Nothing here prints or touches a store.

- :mod:`~docgraph.analysis.centrality`: which entities matter.
- :mod:`~docgraph.analysis.communities`: which entities belong together.
- :mod:`~docgraph.analysis.paths`: how two entities are connected, with evidence.
- :mod:`~docgraph.analysis.ego`: what surrounds an entity.
- :mod:`~docgraph.analysis.bridges`: where the graph is fragile.
- :mod:`~docgraph.analysis.timeline`: what happened when.
- :mod:`~docgraph.analysis.profile`: everything about one entity.
- :mod:`~docgraph.analysis.lookup`: which entity a name means.
- :mod:`~docgraph.analysis.metrics`: all node metrics, for writing back to the store.

The ``docgraph analyze`` commands live in :mod:`docgraph.analysis.cli`.
"""

from docgraph.analysis.bridges import *  # noqa: F403
from docgraph.analysis.bridges import __all__ as _bridges_all
from docgraph.analysis.centrality import *  # noqa: F403
from docgraph.analysis.centrality import __all__ as _centrality_all
from docgraph.analysis.communities import *  # noqa: F403
from docgraph.analysis.communities import __all__ as _communities_all
from docgraph.analysis.ego import *  # noqa: F403
from docgraph.analysis.ego import __all__ as _ego_all
from docgraph.analysis.lookup import *  # noqa: F403
from docgraph.analysis.lookup import __all__ as _lookup_all
from docgraph.analysis.metrics import *  # noqa: F403
from docgraph.analysis.metrics import __all__ as _metrics_all
from docgraph.analysis.paths import *  # noqa: F403
from docgraph.analysis.paths import __all__ as _paths_all
from docgraph.analysis.profile import *  # noqa: F403
from docgraph.analysis.profile import __all__ as _profile_all
from docgraph.analysis.timeline import *  # noqa: F403
from docgraph.analysis.timeline import __all__ as _timeline_all

__all__ = [
    *_bridges_all,
    *_centrality_all,
    *_communities_all,
    *_ego_all,
    *_lookup_all,
    *_metrics_all,
    *_paths_all,
    *_profile_all,
    *_timeline_all,
]
