"""Read the partner map: who covers which need, who can introduce us, which pattern fits.

The functions here answer the questions of the partner-map step of the workshop:
which candidate partners meet the LKP's priority needs (:func:`coverage_matrix`,
:func:`uncovered_needs`, :func:`partner_cover`); who on the map can introduce the LKP
to a party it does not know yet (:func:`brokers`, :func:`broker_scores`); whether
each relationship gives something to both sides (:func:`reciprocity`); which of the
module's four partnership patterns suits each actor (:func:`suggest_pattern`); and
what is still missing on the map (:func:`map_messages`). They are pure: a group (or
a graph) in, plain values out, no printing, plotting or widgets. Sentences come out
in the current language (:func:`toolkit.i18n.set_language`).

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018): Bab I (syarat: saling
membutuhkan; prinsip keseimbangan and manfaat; the four *pola kemitraan*) and
Bab II A.1 (identify needs, then look for candidates that fit), A.2 (sosialisasi),
A.6 (*pihak yang terlibat*).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from ..catalogue import get_catalogue
from ..graph import build_graph, simple_graph
from ..i18n import N_, gettext
from ..model import LKP_NODE, Actor, Group, Need
from .priority import _ranked, priority_needs, priority_score

__all__ = [
    "RELATIONSHIP_EASE",
    "SUPPORT_KINDS",
    "PATTERN_RULES",
    "CoverStep",
    "BrokerPath",
    "Reciprocity",
    "PatternSuggestion",
    "coverage_matrix",
    "uncovered_needs",
    "ease",
    "partner_cover",
    "brokers",
    "broker_scores",
    "reciprocity",
    "suggest_pattern",
    "suggest_patterns",
    "map_messages",
]

#: How easily the LKP can reach an actor, by how well it knows the actor (1 = easiest).
RELATIONSHIP_EASE: dict[str, float] = {
    "mitra_aktif": 1.0,
    "pernah_kerja_sama": 0.9,
    "kenal": 0.75,
    "belum_kenal": 0.5,
}

#: Support a core gives its plasma (module, pola inti-plasma), as flow id -> kind;
#: knowledge and ways of learning are one kind (technical guidance).
SUPPORT_KINDS: dict[str, str] = {
    "sdm": "sdm",
    "modal": "modal",
    "teknologi": "teknologi",
    "pengetahuan_keterampilan": "bimbingan",
    "cara_belajar": "bimbingan",
    "sarana": "sarana",
}

#: Rule ids of :func:`suggest_pattern`, in the order they are tried.
PATTERN_RULES: tuple[str, ...] = (
    "inti_plasma_support",
    "asuh_strong_giver",
    "futuristik_peer",
    "kebutuhan_graduates",
    "kebutuhan_single_need",
    "fallback",
)

_MIN_STRONG = 4  # influence from which an actor counts as large / strong
_MAX_PEER = 3  # influence up to which an actor counts as the LKP's equal
_WORK_TAKERS = frozenset({"dudi", "pusat_karya"})


def _names(items: list[str]) -> str:
    return ", ".join(items)


def _lower(text: str) -> str:
    """Lower the first letter for use inside a sentence, unless it starts an acronym."""
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def _flow_text(flows: list[str]) -> str:
    """Join flow labels into running text: 'sdm, modal and sarana' (translated)."""
    cat = get_catalogue()
    labels = [_lower(cat.label("flows", f)) if f in cat.ids("flows") else f for f in flows]
    if not labels:
        return gettext(N_("nothing yet"))
    if len(labels) == 1:
        return labels[0]
    return gettext(N_("{first} and {last}")).format(first=", ".join(labels[:-1]), last=labels[-1])


def _flow_order(flows: set[str]) -> list[str]:
    order = {e.id: i for i, e in enumerate(get_catalogue().entries("flows"))}
    return sorted(flows, key=lambda f: (order.get(f, len(order)), f))


# ------------------------------------------------------------------ coverage
def coverage_matrix(group: Group, *, top: int | None = None) -> pd.DataFrame:
    """Tabulate which actor offers which priority need.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose needs and actors are compared.
    top : int, optional
        Keep only the first `top` needs of the priority ranking; all when omitted.

    Returns
    -------
    pandas.DataFrame
        Boolean frame: index = the lacking needs' ids in priority order (name
        ``"need_id"``), columns = the actors' ids in the group's order (name
        ``"actor_id"``); True where the actor offers the need. Empty (with the
        index or columns that exist) when there are no needs or no actors.

    Raises
    ------
    ValueError
        If `top` is smaller than 1.

    See Also
    --------
    toolkit.analysis.priority_needs : the order of the rows.

    Examples
    --------
    >>> from toolkit.model import Actor, Group, Need
    >>> g = Group(id="contoh", name="Contoh",
    ...     needs=[Need(id="need-1", aspect="tenaga", label="Asesor", availability="belum_ada")],
    ...     actors=[Actor(id="actor-1", name="BLK", category="disnakertrans",
    ...                   offers_needs=["need-1"])])
    >>> bool(coverage_matrix(g).loc["need-1", "actor-1"])
    True

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1 (b): look for candidate
    partners that fit the needs.
    """
    needs = priority_needs(group, top)
    index = pd.Index([n.id for n in needs], name="need_id", dtype=object)
    columns = pd.Index([a.id for a in group.actors], name="actor_id", dtype=object)
    data = [[n.id in set(a.offers_needs) for a in group.actors] for n in needs]
    return pd.DataFrame(data or None, index=index, columns=columns, dtype=bool)


def uncovered_needs(group: Group, *, top: int | None = None) -> list[Need]:
    """Return the priority needs that no actor on the map offers.

    Parameters
    ----------
    group : toolkit.model.Group
        The group to check.
    top : int, optional
        Look only at the first `top` needs of the priority ranking.

    Returns
    -------
    list of toolkit.model.Need
        The group's own need objects, in priority order; empty when every need
        has a candidate or nothing is lacking.

    Raises
    ------
    ValueError
        If `top` is smaller than 1.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1 (b).
    """
    offered = {need for actor in group.actors for need in actor.offers_needs}
    if top is None:  # the same order, sorting only the needs nobody offers
        return _ranked(n for n in group.needs if n.id not in offered)
    return [n for n in priority_needs(group, top) if n.id not in offered]


# ------------------------------------------------------------------ set cover
@dataclass(frozen=True)
class CoverStep:
    """One pick of :func:`partner_cover`.

    Attributes
    ----------
    actor_id : str
        The actor picked.
    needs : list of str
        Ids of the needs this actor covers that no earlier pick covered, in
        priority order.
    weight : float
        The value that won the step: (sum of the needs' priority scores, 1 for a
        need not rated) × :func:`ease` of the actor, rounded to 6 decimals.
    """

    actor_id: str
    needs: list[str] = field(default_factory=list)
    weight: float = 0.0


def ease(actor: Actor) -> float:
    """Return how easily the LKP can win `actor` as a partner, in [0.3, 1].

    ``RELATIONSHIP_EASE[actor.relationship] × (0.5 + actor.interest / 10)``: an
    active partner with interest 5 gives 1.0, an unknown actor with interest 1
    gives 0.3.

    Parameters
    ----------
    actor : toolkit.model.Actor
        The candidate partner.

    Returns
    -------
    float
        The factor, in [0.3, 1.0].

    Examples
    --------
    >>> from toolkit.model import Actor
    >>> ease(Actor(id="actor-1", name="BLK", category="disnakertrans",
    ...            relationship="kenal", interest=4))
    0.675

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I (syarat: saling membutuhkan).
    """
    return RELATIONSHIP_EASE[actor.relationship] * (0.5 + actor.interest / 10)


def _best_step(actors: list[Actor], weights: dict[str, float], left: list[str]) -> CoverStep:
    best = CoverStep(actor_id="", weight=0.0)
    for actor in actors:
        offers = set(actor.offers_needs)
        new = [n for n in left if n in offers]
        value = sum(weights[n] for n in new) * ease(actor)
        if new and round(value, 6) > best.weight:
            best = CoverStep(actor_id=actor.id, needs=new, weight=round(value, 6))
    return best


def partner_cover(group: Group, *, top: int | None = None) -> list[CoverStep]:
    """Choose a small set of candidate partners that together cover the priority needs.

    Weighted greedy set cover: at each step the actor with the largest
    ``(sum of the priority scores of the needs it newly covers) × ease`` is
    picked, until no actor covers anything new. A need without a score (not
    rated yet) weighs 1. ``ease`` (see :func:`ease`) is

    - by relationship: mitra_aktif 1.0, pernah_kerja_sama 0.9, kenal 0.75,
      belum_kenal 0.5 (:data:`RELATIONSHIP_EASE`);
    - times ``0.5 + interest / 10`` (0.6 for interest 1 up to 1.0 for 5).

    Why: the module asks for partners that meet the LKP's most pressing needs
    (mutual need is a prerequisite of a partnership) and that the LKP can
    actually reach, so a known, interested actor beats an unknown one offering
    the same; an unknown actor still wins when it alone covers a pressing need.
    Ties go to the actor that comes first in the group's list.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose needs and actors are used.
    top : int, optional
        Cover only the first `top` needs of the priority ranking.

    Returns
    -------
    list of CoverStep
        The picks in order; empty when there are no lacking needs or no actor
        offers any. Needs nobody offers stay uncovered (see
        :func:`uncovered_needs`).

    Raises
    ------
    ValueError
        If `top` is smaller than 1.

    Notes
    -----
    Greedy set cover is within a factor ln(n) + 1 of the smallest cover
    (Chvátal, 1979), and is easy to explain to a workshop group step by step.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I (syarat kemitraan: saling
    membutuhkan) and Bab II A.1 (b), criteria for a candidate partner.
    V. Chvátal, "A greedy heuristic for the set-covering problem",
    *Mathematics of Operations Research* 4(3), 1979.
    """
    needs = priority_needs(group, top)
    weights = {n.id: priority_score(n) or 1.0 for n in needs}
    left = [n.id for n in needs]
    actors = list(group.actors)
    steps: list[CoverStep] = []
    while left:
        step = _best_step(actors, weights, left)
        if not step.actor_id:
            break
        steps.append(step)
        actors = [a for a in actors if a.id != step.actor_id]
        left = [n for n in left if n not in step.needs]
    return steps


# ------------------------------------------------------------------ brokers
@dataclass(frozen=True)
class BrokerPath:
    """How the LKP can be introduced to an actor it has no link to.

    Attributes
    ----------
    target : str
        The actor's id.
    via : list of str
        Actor ids between the LKP and the target, nearest the LKP first; empty
        when nobody on the map connects them (or only through too many steps).
    sentence : str
        Advice in plain words, in the current language.
    reachable : bool
        False when no path of at most ``max_hops`` links joins the LKP to the target.
    """

    target: str
    via: list[str] = field(default_factory=list)
    sentence: str = ""
    reachable: bool = True


def _path_key(S: nx.Graph, path: list[str], order: dict[str, int]) -> tuple:
    """Rank paths: fewer potential-only links, stronger links, better-known people."""
    edges = list(itertools.pairwise(path))
    unfamiliar = sum(
        1.0 - RELATIONSHIP_EASE.get(S.nodes[n].get("relationship", ""), 0.5) for n in path[1:-1]
    )
    return (
        sum(not S.edges[e].get("existing", False) for e in edges),
        -sum(S.edges[e].get("weight", 1) for e in edges),
        round(unfamiliar, 9),
        [order.get(n, len(order)) for n in path[1:-1]],
        path,
    )


def _shortest_paths(pred: dict[str, list[str]], target: str) -> Iterator[list[str]]:
    """Yield the shortest paths from the BFS source to `target` (source first).

    `pred` is :func:`networkx.predecessor` of the source: each node's predecessors
    on shortest paths, in the order the search met them. Paths come in the order
    :func:`networkx.all_shortest_paths` gives them, without a new search per target.
    """
    stack = [(target, [target])]
    while stack:
        node, path = stack.pop()
        if not pred[node]:
            yield path[::-1]
            continue
        stack.extend((p, [*path, p]) for p in reversed(pred[node]))


def _best_path(
    S: nx.Graph, target: str, order: dict[str, int], pred: dict[str, list[str]] | None = None
) -> list[str] | None:
    if pred is None:
        pred = nx.predecessor(S, LKP_NODE) if LKP_NODE in S else {}
    if target not in pred:
        return None
    paths = itertools.islice(_shortest_paths(pred, target), 500)
    return min(paths, key=lambda p: _path_key(S, p, order))


def _broker_sentence(
    S: nx.Graph, target: str, path: list[str] | None, max_hops: int, too_far: bool = False
) -> str:
    label = S.nodes[target].get("label", target)
    if path is None and not too_far:
        msg = N_(
            "Nobody on our map connects us to {target} yet: add who knows them, "
            "or approach them directly."
        )
        return gettext(msg).format(target=label)
    if path is None or len(path) - 1 > max_hops:
        msg = N_("{target} is more than {hops} steps away on our map: look for a closer contact.")
        return gettext(msg).format(target=label, hops=max_hops)
    names = [S.nodes[n].get("label", n) for n in path[1:-1]]
    if len(names) == 1:
        return gettext(N_("Ask {via} to introduce us to {target}.")).format(
            via=names[0], target=label
        )
    msg = N_("Ask {first} to put us in touch with {target} through {chain}.")
    return gettext(msg).format(first=names[0], target=label, chain=_names(names[1:]))


def brokers(group: Group, *, max_hops: int = 3) -> list[BrokerPath]:
    """Find who can introduce the LKP to the actors it has no link to.

    For every actor with no link to the LKP whose relationship is ``belum_kenal``
    or ``kenal``, the shortest path from the LKP over the map's links (undirected,
    see :func:`toolkit.graph.simple_graph`) names the go-betweens. Among several
    shortest paths the one with the fewest potential-only links wins, then the
    one with the strongest links (sum of strengths), then the one through the
    best-known actors (:data:`RELATIONSHIP_EASE`), then the group's order.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose map is read.
    max_hops : int, default 3
        Longest useful path, in links (3 = at most two go-betweens).

    Returns
    -------
    list of BrokerPath
        One entry per such actor, in the group's order: ``via`` lists the
        go-betweens, ``sentence`` says whom to ask (e.g. "Ask Disperindag to
        introduce us to the bank's CSR programme."). Actors no path reaches, or
        only a path longer than `max_hops`, get ``via=[]``, ``reachable=False``
        and a sentence saying so. Empty for an empty map.

    Raises
    ------
    ValueError
        If `max_hops` is smaller than 2 (an introduction needs a go-between).

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.2, "Sosialisasi": introduce
    the programme to prospective partners; A.6: *tokoh masyarakat* as the bridge.
    """
    if max_hops < 2:
        raise ValueError(f"max_hops must be at least 2, not {max_hops!r}")
    S = simple_graph(build_graph(group))
    order = {a.id: i for i, a in enumerate(group.actors)}
    # one breadth-first search from the LKP serves every target
    pred = nx.predecessor(S, LKP_NODE, cutoff=max_hops) if LKP_NODE in S else {}
    far = set(nx.node_connected_component(S, LKP_NODE)) if LKP_NODE in S else set()
    result = []
    for actor in group.actors:
        if actor.relationship not in ("belum_kenal", "kenal") or S.has_edge(LKP_NODE, actor.id):
            continue
        if actor.id in pred:
            path = _best_path(S, actor.id, order, pred)
        else:  # unreachable, or connected only beyond max_hops (then the length is all we say)
            path = None
        sentence = _broker_sentence(S, actor.id, path, max_hops, too_far=actor.id in far)
        if path is None or len(path) - 1 > max_hops:
            result.append(BrokerPath(actor.id, [], sentence, reachable=False))
        else:
            result.append(BrokerPath(actor.id, list(path[1:-1]), sentence))
    return result


def broker_scores(G: nx.Graph | Group) -> dict[str, float]:
    """Return how much each node lies between the others on the map.

    Parameters
    ----------
    G : networkx.Graph or toolkit.model.Group
        A partner map (any networkx graph; directed or multigraphs are folded by
        :func:`toolkit.graph.simple_graph`) or a group.

    Returns
    -------
    dict of str to float
        Node id -> normalized betweenness centrality of the undirected simple
        graph (unweighted), values in [0, 1]; empty for an empty graph.

    Examples
    --------
    >>> import networkx as nx
    >>> broker_scores(nx.path_graph(["lkp", "a", "b"]))
    {'lkp': 0.0, 'a': 1.0, 'b': 0.0}

    References
    ----------
    L. C. Freeman, "A set of measures of centrality based on betweenness",
    *Sociometry* 40(1), 1977. Bahan ajar *Membangun Kemitraan* (2018), Bab II A.6.
    """
    if isinstance(G, Group):
        G = build_graph(G)
    if G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G):
        G = simple_graph(G)
    return {str(n): float(v) for n, v in nx.betweenness_centrality(G, normalized=True).items()}


# ------------------------------------------------------------------ reciprocity
@dataclass(frozen=True)
class Reciprocity:
    """What flows each way between the LKP and one actor.

    Attributes
    ----------
    actor_id : str
        The actor.
    lkp_gives : list of str
        Flow ids from the LKP to the actor, in catalogue order.
    lkp_gets : list of str
        Flow ids from the actor to the LKP, in catalogue order.
    one_way : bool
        True when one of the two lists is empty.
    """

    actor_id: str
    lkp_gives: list[str] = field(default_factory=list)
    lkp_gets: list[str] = field(default_factory=list)
    one_way: bool = True


def _flows_with_lkp(group: Group) -> dict[str, tuple[set[str], set[str]]]:
    """Actor id -> (flows LKP -> actor, flows actor -> LKP), for actors linked to the LKP."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for link in group.links:
        if LKP_NODE not in (link.source, link.target) or link.source == link.target:
            continue
        from_lkp = link.source == LKP_NODE
        other = link.target if from_lkp else link.source
        gives, gets = found.setdefault(other, (set(), set()))
        forward_side = gives if from_lkp else gets
        backward_side = gets if from_lkp else gives
        if link.direction in ("forward", "both"):
            forward_side.add(link.flow)
        if link.direction in ("backward", "both"):
            backward_side.add(link.flow)
    return found


def reciprocity(group: Group) -> list[Reciprocity]:
    """Check, for each actor linked to the LKP, that something flows both ways.

    A link's ``direction`` ``forward`` carries its flow from source to target,
    ``backward`` from target to source, ``both`` both ways.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose links are read.

    Returns
    -------
    list of Reciprocity
        One entry per actor with at least one link to the LKP, in the group's
        order; ``one_way`` marks relationships where only one side gives. Empty
        when nobody is linked to the LKP.

    Examples
    --------
    >>> from toolkit.model import Actor, Group, Link
    >>> g = Group(id="contoh", name="Contoh",
    ...     actors=[Actor(id="actor-1", name="BLK", category="disnakertrans")],
    ...     links=[Link(id="link-1", source="actor-1", target="lkp", flow="sdm")])
    >>> reciprocity(g)[0].one_way
    True

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I: prinsip *keseimbangan* (each
    party carries a load) and *manfaat* (every party feels the benefit).
    """
    found = _flows_with_lkp(group)
    result = []
    for actor in group.actors:
        if actor.id not in found:
            continue
        gives, gets = (_flow_order(side) for side in found[actor.id])
        result.append(Reciprocity(actor.id, gives, gets, one_way=not gives or not gets))
    return result


# ------------------------------------------------------------------ patterns
@dataclass(frozen=True)
class PatternSuggestion:
    """The partnership pattern suggested for one actor, with the reason.

    Attributes
    ----------
    actor_id : str
        The actor.
    pattern : str
        ``patterns`` catalogue id (pola_asuh, inti_plasma, futuristik,
        sesuai_kebutuhan).
    reason : str
        A plain sentence naming the facts used, in the current language.
    rule : str
        The id of the rule that fired (one of :data:`PATTERN_RULES`).
    """

    actor_id: str
    pattern: str
    reason: str
    rule: str


def _facts(group: Group, actor: Actor, flows: dict | None = None, lacking=None) -> dict:
    """Gather what the pattern rules look at (`flows`, `lacking`: computed once per map)."""
    flows = _flows_with_lkp(group) if flows is None else flows
    linked = actor.id in flows
    gives, gets = flows.get(actor.id, (set(), set()))
    if not linked:
        gets = set(actor.offers_flows)
    lacking = {n.id for n in group.needs if n.lacking} if lacking is None else lacking
    return {
        "actor": actor.name,
        "influence": actor.influence,
        "category": _lower(get_catalogue().label("partner_categories", actor.category)),
        "gives": _flow_order(gives),
        "gets": _flow_order(gets),
        "support": _flow_order(gets & set(SUPPORT_KINDS)),
        "kinds": {SUPPORT_KINDS[f] for f in gets if f in SUPPORT_KINDS},
        "all_flows": set(gives) | set(gets) | set(actor.offers_flows),
        "needs": [n for n in group.needs if n.id in lacking and n.id in set(actor.offers_needs)]
        if actor.offers_needs
        else [],
    }


def _rule(actor: Actor, f: dict) -> tuple[str, str, str]:
    """Return (rule id, pattern id, message id) of the first rule that holds."""
    strong = actor.influence >= _MIN_STRONG and f["support"] and not f["gives"]
    if strong and len(f["kinds"]) >= 2:
        msg = N_(
            "{actor} has great influence ({influence}) and gives the LKP {support} "
            "with nothing flowing back yet: as the core it can foster the LKP as its plasma."
        )
        return "inti_plasma_support", "inti_plasma", msg
    if strong:
        msg = N_(
            "{actor} has great influence ({influence}) and gives the LKP {support} one way: "
            "the larger fosters the smaller, and both should still gain."
        )
        return "asuh_strong_giver", "pola_asuh", msg
    peer = actor.category == "lkp" or actor.influence <= _MAX_PEER
    if peer and f["gives"] and f["gets"]:
        msg = N_(
            "{actor} is on a par with the LKP (influence {influence}) and flows go both ways "
            "(the LKP gives {gives_text}, gets {gets_text}): equals dividing the work "
            "toward one goal."
        )
        return "futuristik_peer", "futuristik", msg
    if actor.category in _WORK_TAKERS and "pemasaran_lulusan" in f["all_flows"]:
        msg = N_(
            "{actor} belongs to {category} and takes graduates and products: the cooperation "
            "follows its need for workers and can change by agreement."
        )
        return "kebutuhan_graduates", "sesuai_kebutuhan", msg
    if len(f["needs"]) == 1 and not (f["gives"] and f["gets"]):
        msg = N_(
            "{actor} meets one specific need of the LKP ({need}): a short cooperation "
            "set by that need, renewed or changed by agreement."
        )
        return "kebutuhan_single_need", "sesuai_kebutuhan", msg
    msg = N_(
        "The map says little yet about {actor} (influence {influence}, gives {gets_text}): "
        "start with a cooperation set by the needs of both sides and review the pattern later."
    )
    return "fallback", "sesuai_kebutuhan", msg


def suggest_pattern(group: Group, actor_id: str) -> PatternSuggestion:
    """Suggest one of the module's four partnership patterns for an actor.

    Facts used: the actor's influence and category, the flows on its links with
    the LKP (what the LKP gives and gets, see :func:`reciprocity`; for an actor
    not linked to the LKP yet, the flows it offers count as what it would give)
    and the lacking needs it offers. The rules are tried in this order
    (:data:`PATTERN_RULES`); the first that holds wins:

    1. ``inti_plasma_support`` -> *pola inti-plasma*: influence ≥ 4, gives the
       LKP at least two kinds of core support (:data:`SUPPORT_KINDS`: people
       ``sdm``, funds ``modal``, technology ``teknologi``, technical guidance
       ``pengetahuan_keterampilan`` or ``cara_belajar``, facilities ``sarana``)
       and gets nothing back yet.
    2. ``asuh_strong_giver`` -> *pola asuh*: influence ≥ 4, gives the LKP one
       kind of that support, one way: the large fosters the small.
    3. ``futuristik_peer`` -> *pola futuristik*: a peer (another LKP, or
       influence ≤ 3, like the LKP itself) with flows both ways: equals, no
       subordination, dividing the work toward one goal.
    4. ``kebutuhan_graduates`` -> *pola sesuai kebutuhan*: business and industry
       (DUDI) or a work centre (*pusat karya*) with the flow
       ``pemasaran_lulusan`` (it takes graduates and products).
    5. ``kebutuhan_single_need`` -> *pola sesuai kebutuhan*: the actor meets
       exactly one lacking need and flows do not go both ways: a short
       cooperation set by that need.
    6. ``fallback`` -> *pola sesuai kebutuhan*: too little is known; the
       needs-based pattern is the most open one and can change by agreement.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose map is read.
    actor_id : str
        Id of one of the group's actors.

    Returns
    -------
    PatternSuggestion
        The pattern (catalogue id), the reason as a sentence naming the facts,
        and the rule id.

    Raises
    ------
    KeyError
        If the group has no actor `actor_id`.

    Notes
    -----
    A suggestion starts the group's discussion; the group chooses the pattern
    in its plan.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I, "Pola kemitraan": pola asuh,
    pola inti-plasma, pola futuristik, pola sesuai kebutuhan.
    """
    actor = next((a for a in group.actors if a.id == actor_id), None)
    if actor is None:
        raise KeyError(gettext(N_("No actor with id {id!r} on the map.")).format(id=actor_id))
    return _suggest(group, actor)


def _suggest(group: Group, actor: Actor, flows: dict | None = None, lacking=None):
    f = _facts(group, actor, flows, lacking)
    rule, pattern, msg = _rule(actor, f)
    reason = gettext(msg).format(
        actor=f["actor"],
        influence=f["influence"],
        category=f["category"],
        support=_flow_text(f["support"]),
        gives_text=_flow_text(f["gives"]),
        gets_text=_flow_text(f["gets"]),
        need=f["needs"][0].label if f["needs"] else "",
    )
    return PatternSuggestion(actor.id, pattern, reason, rule)


def suggest_patterns(group: Group) -> dict[str, PatternSuggestion]:
    """Suggest a pattern for every actor (see :func:`suggest_pattern`).

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose map is read.

    Returns
    -------
    dict of str to PatternSuggestion
        Actor id -> suggestion, in the group's order; empty for an empty map.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I, "Pola kemitraan".
    """
    flows = _flows_with_lkp(group)
    lacking = {n.id for n in group.needs if n.lacking}
    return {a.id: _suggest(group, a, flows, lacking) for a in group.actors}


# ------------------------------------------------------------------ messages
def _connection_messages(group: Group) -> list[str]:
    S = simple_graph(build_graph(group))
    names = {a.id: a.name for a in group.actors}
    isolated = [names[a] for a in names if S.degree(a) == 0]
    reach = nx.node_connected_component(S, LKP_NODE)
    apart = [names[a] for a in names if a not in reach and S.degree(a) > 0]
    out = []
    if isolated:
        msg = N_("Not linked to anyone on the map yet: {names}.")
        out.append(gettext(msg).format(names=_names(isolated)))
    if apart:
        msg = N_("Linked to others but not to the LKP, even through others: {names}.")
        out.append(gettext(msg).format(names=_names(apart)))
    return out


def map_messages(group: Group) -> list[str]:
    """Say in plain words what is still missing on the partner map.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose map is checked.

    Returns
    -------
    list of str
        Messages in the current language, in this order: the map is empty; only
        one actor; actors but no links; actors linked to nobody (named); actors
        not connected to the LKP even through others (named); priority needs no
        actor offers (named). Empty when none applies.

    Examples
    --------
    >>> from toolkit.i18n import set_language
    >>> from toolkit.model import Group
    >>> set_language("en")
    >>> map_messages(Group(id="contoh", name="Contoh"))[0][:23]
    'The map is still empty:'
    >>> set_language("id")

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1 (b) and A.6.
    """
    out = []
    if not group.actors:
        msg = N_("The map is still empty: add the parties that could help the LKP.")
        out.append(gettext(msg))
    elif len(group.actors) == 1:
        msg = N_("Only one party is on the map ({name}): add others so the LKP can compare.")
        out.append(gettext(msg).format(name=group.actors[0].name))
    if group.actors and not group.links:
        msg = N_("No links yet: draw who is connected to whom, starting from the LKP.")
        out.append(gettext(msg))
    elif group.actors:
        out.extend(_connection_messages(group))
    missing = uncovered_needs(group)
    if missing:
        msg = N_("No party on the map offers these needs yet: {needs}.")
        out.append(gettext(msg).format(needs=_names([n.label for n in missing])))
    return out
