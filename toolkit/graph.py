"""The group's partner map (peta mitra) as a networkx graph.

:func:`build_graph` turns a :class:`toolkit.model.Group` into a directed multigraph
that keeps every link; :func:`simple_graph` folds it into one undirected edge per
pair of nodes, the shape most graph measures (paths, betweenness) expect. Node ids
are the actors' ids and :data:`toolkit.model.LKP_NODE` (``"lkp"``) for the LKP
itself. This module imports no widget or plotting library.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.6, "Pihak yang
terlibat": who can partner with an LKP.
"""

from __future__ import annotations

import networkx as nx

from .model import LKP_NODE, Group

__all__ = ["build_graph", "simple_graph"]


def build_graph(group: Group) -> nx.MultiDiGraph:
    """Build the group's partner map as a directed multigraph.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose actors and links are drawn.

    Returns
    -------
    networkx.MultiDiGraph
        Node ``"lkp"`` (attributes ``kind="lkp"``, ``label`` = the profile's name or
        else the group's name), then one node per actor in the group's order
        (``kind="actor"``, ``label`` = name, ``category``, ``influence``,
        ``interest``, ``relationship``, ``offers_needs`` and ``offers_flows`` as
        lists, ``contact_role``, ``note``). One edge per link from ``source`` to
        ``target`` with key = the link's id and attributes ``flow``, ``direction``,
        ``strength``, ``status``, ``note``. A link to an id that is not on the
        map adds a node with ``kind="unknown"`` and ``label`` = the id.

    Examples
    --------
    >>> from toolkit.model import Actor, Group, Link
    >>> g = Group(id="contoh", name="LKP Contoh",
    ...           actors=[Actor(id="actor-1", name="BLK", category="disnakertrans")],
    ...           links=[Link(id="link-1", source="actor-1", target="lkp", flow="sdm")])
    >>> G = build_graph(g)
    >>> sorted(G.nodes), list(G.edges(keys=True))
    (['actor-1', 'lkp'], [('actor-1', 'lkp', 'link-1')])

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.6, "Pihak yang terlibat".
    """
    G = nx.MultiDiGraph(name=group.name)
    G.add_node(LKP_NODE, kind="lkp", label=group.profile.name or group.name)
    for actor in group.actors:
        G.add_node(
            str(actor.id),
            kind="actor",
            label=actor.name,
            category=actor.category,
            influence=actor.influence,
            interest=actor.interest,
            relationship=actor.relationship,
            offers_needs=list(actor.offers_needs),
            offers_flows=list(actor.offers_flows),
            contact_role=actor.contact_role,
            note=actor.note,
        )
    for link in group.links:
        for node in (link.source, link.target):
            if node not in G:
                G.add_node(str(node), kind="unknown", label=str(node))
        G.add_edge(
            str(link.source),
            str(link.target),
            key=str(link.id),
            flow=link.flow,
            direction=link.direction,
            strength=link.strength,
            status=link.status,
            note=link.note,
        )
    return G


def simple_graph(G: nx.Graph) -> nx.Graph:
    """Fold a partner map into one undirected edge per pair of nodes.

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph, usually from :func:`build_graph` (a ``MultiDiGraph``);
        an imported graph may hold self-loops or edges without attributes.

    Returns
    -------
    networkx.Graph
        Every node of `G` with its attributes (isolated nodes too); one edge per
        pair joined by at least one edge of `G`, with ``weight`` = the largest
        ``strength`` of the joined edges (1 when none is given; values 1-3 for
        maps built from a group), ``flows`` = the sorted distinct flows, and
        ``existing`` = True when at least one of the edges has status
        ``"existing"``. Self-loops are dropped.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_edge("lkp", "a", flow="sdm", strength=1)
    0
    >>> M.add_edge("a", "lkp", flow="modal", strength=3, status="existing")
    0
    >>> M.add_edge("a", "a", flow="modal")
    0
    >>> S = simple_graph(M)
    >>> S.edges["lkp", "a"]
    {'weight': 3, 'flows': ['modal', 'sdm'], 'existing': True}
    >>> S.number_of_edges()
    1

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.6, "Pihak yang terlibat".
    """
    S = nx.Graph(name=G.graph.get("name", ""))
    S.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        if not S.has_edge(u, v):
            S.add_edge(u, v, weight=1, flows=[], existing=False)
        edge = S.edges[u, v]
        edge["weight"] = max(edge["weight"], data.get("strength") or 1)
        if data.get("flow") and data["flow"] not in edge["flows"]:
            edge["flows"] = sorted([*edge["flows"], data["flow"]])
        edge["existing"] = edge["existing"] or data.get("status") == "existing"
    return S
