"""The regional view: merge the groups' partner maps into one map for the facilitator.

A facilitator runs 5-30 groups, and many of them name the same parties (the city's
manpower office, the local bank's CSR programme). :func:`merge_maps` joins the groups'
maps: the same actor named by several groups becomes one node, each group's own LKP
stays a node of its own, and the links are folded together. The result,
:class:`RegionalMap`, answers the regional questions: which partners do the most
groups want (:meth:`RegionalMap.most_wanted`), and which needs does no partner on any
map cover (:meth:`RegionalMap.uncovered_needs`). Everything here is pure: groups in,
plain values out, no files, printing or widgets (the overrides are saved by
:mod:`toolkit.regional_store`).

Matching rules
--------------
Two actors are the same party when their **names match after normalisation** and
they have the **same partner category**. The name is normalised by
:func:`normalise_name`:

1. Unicode NFC, then case folding (``"DISNAKER"`` = ``"disnaker"``);
2. ``&`` is read as ``dan``; every other punctuation mark or symbol becomes a space
   (``"Disnaker."``, ``"(pembina LKP)"``, ``"BLK/BLKI"``);
3. whitespace runs collapse to one space;
4. the abbreviations of :data:`NAME_ABBREVIATIONS` are written out word by word
   (``"Disnaker Kab. Banjar"`` = ``"Dinas Tenaga Kerja Kabupaten Banjar"``);
5. the legal-form words of :data:`LEGAL_FORMS` are dropped (``"PT Maju Jaya"`` =
   ``"Maju Jaya"``).

Nothing else is guessed: accents, word order, ``Kota`` versus ``Kabupaten`` and
spelling mistakes still make two names different, so two distinct offices are never
joined by accident. The facilitator corrects the rest by hand with
:class:`RegionalOverrides`: ``merges`` force actors together, ``splits`` force them
apart.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.1 (identify needs, then
look for candidate partners that fit) and Bab II A.6, "Pihak yang terlibat".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Annotated

import networkx as nx
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints

from ..catalogue import get_catalogue
from ..i18n import N_, gettext
from ..model import LKP_NODE, Group, GroupId, Need
from .priority import priority_needs, priority_score

__all__ = [
    "NAME_ABBREVIATIONS",
    "LEGAL_FORMS",
    "MOST_WANTED_COLUMNS",
    "UNCOVERED_COLUMNS",
    "ActorKey",
    "RegionalOverrides",
    "RegionalMap",
    "normalise_name",
    "actor_node",
    "merge_maps",
]

#: Abbreviations written out before names are compared (one word -> its long form).
NAME_ABBREVIATIONS: dict[str, str] = {
    "disnaker": "dinas tenaga kerja",
    "disnakertrans": "dinas tenaga kerja dan transmigrasi",
    "dinsos": "dinas sosial",
    "disdik": "dinas pendidikan",
    "dindik": "dinas pendidikan",
    "disperindag": "dinas perindustrian dan perdagangan",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "kel": "kelurahan",
    "pemkot": "pemerintah kota",
    "pemkab": "pemerintah kabupaten",
    "yys": "yayasan",
}

#: Legal-form words left out when names are compared (PT, CV, UD, Tbk, Persero).
LEGAL_FORMS: frozenset[str] = frozenset({"pt", "cv", "ud", "tbk", "persero"})

#: Columns of :meth:`RegionalMap.most_wanted`, in order.
MOST_WANTED_COLUMNS: tuple[str, ...] = (
    "node",
    "label",
    "category",
    "n_groups",
    "groups",
    "group_names",
    "needs_covered",
    "needs",
    "flows",
)

#: Columns of :meth:`RegionalMap.uncovered_needs`, in order.
UNCOVERED_COLUMNS: tuple[str, ...] = (
    "aspect",
    "component",
    "label",
    "n_groups",
    "groups",
    "group_names",
    "best_score",
)

_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_RELATIONSHIP_ORDER = ("mitra_aktif", "pernah_kerja_sama", "kenal", "belum_kenal")

ItemKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
#: An actor of one group: (group id, actor id).
ActorKey = tuple[GroupId, ItemKey]


def _sorted_keys(keys: frozenset) -> list[list[str]]:
    return [list(k) for k in sorted(keys)]


KeySet = Annotated[
    frozenset[ActorKey],
    Field(min_length=1, max_length=1000),
    PlainSerializer(_sorted_keys, return_type=list),
]


class RegionalOverrides(BaseModel):
    """The facilitator's corrections to the automatic matching, saved as ``regional.json``.

    Attributes
    ----------
    schema_version : int
        Layout version (1).
    revision : int
        Increased by one on every save; a save based on an older revision fails.
    merges : list of set of (str, str)
        Each set holds actor keys ``(group id, actor id)`` that are one party, whatever
        their names or categories say.
    splits : list of set of (str, str)
        Each set holds actor keys that are different parties and must end up in
        different merged actors. A set with one key takes that actor out of its
        automatic match (it stands alone).
    updated : datetime.datetime or None
        Time of the last save (UTC).

    Notes
    -----
    Splits are applied to the automatic matches first, then merges; a merge that joins
    keys a split keeps apart wins, with a note (:attr:`RegionalMap.notes`). Keys of
    groups or actors that no longer exist are ignored with a note.

    Examples
    --------
    >>> o = RegionalOverrides(merges=[{("a", "actor-1"), ("b", "actor-4")}])
    >>> o.model_dump(mode="json")["merges"]
    [[['a', 'actor-1'], ['b', 'actor-4']]]
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: Annotated[int, Field(strict=True, ge=1, le=1)] = 1
    revision: Annotated[int, Field(ge=0)] = 0
    merges: list[KeySet] = Field(default_factory=list)
    splits: list[KeySet] = Field(default_factory=list)
    updated: dt.datetime | None = None


def normalise_name(name: str) -> str:
    """Return the form of an actor's name that :func:`merge_maps` compares.

    Parameters
    ----------
    name : str
        An actor's name as a group typed it.

    Returns
    -------
    str
        Lowercase words separated by single spaces (see the module's matching rules);
        ``""`` when nothing but punctuation or legal forms is left.

    Examples
    --------
    >>> normalise_name("Disnaker  Kota Banjarbaru.")
    'dinas tenaga kerja kota banjarbaru'
    >>> normalise_name("PT. Bank Kalsel & Mitra")
    'bank kalsel dan mitra'

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.6, "Pihak yang terlibat".
    """
    text = unicodedata.normalize("NFC", name or "").casefold().replace("&", " dan ")
    words = []
    for word in _PUNCT.sub(" ", text).split():
        if word in LEGAL_FORMS:
            continue
        words.extend(NAME_ABBREVIATIONS.get(word, word).split())
    return " ".join(words)


def actor_node(group_id: str, actor_id: str) -> str:
    """Return the node id of an unmerged actor: ``"<group id>/<actor id>"``.

    Group ids never hold ``/``, so these never clash with the LKP nodes, whose id is
    the group id itself.
    """
    return f"{group_id}/{actor_id}"


# ------------------------------------------------------------------ the result
@dataclass
class RegionalMap:
    """The merged partner map of a workshop, made by :func:`merge_maps`.

    Attributes
    ----------
    graph : networkx.DiGraph
        One node per group's LKP (id = the group id; ``kind="lkp"``, ``label`` = the
        profile's name or else the group's name, ``groups`` = [group id], ``count`` =
        1) and one node per merged actor (id = :func:`actor_node` of its first
        member; ``kind="actor"``, ``label`` = the spelling most members use,
        ``category``, ``influence`` and ``interest`` = the **highest** value any group
        gave (1-5: a party that is strong for one group is worth knowing for all),
        ``relationship`` = the closest any group has, ``offers_flows`` = union of
        flow ids, ``offers_needs`` = labels of the lacking needs it could meet,
        ``needs_covered`` = number of (group, lacking need) pairs it could meet,
        ``groups`` = sorted group ids, ``count`` = number of groups, ``contact_role``).
        One edge per pair of joined nodes, oriented like the links (``direction``
        ``"forward"`` when every folded link runs one way, else ``"both"``), with
        ``flow`` (most frequent), ``flows`` (sorted), ``strength`` (strongest, 1-3),
        ``status`` (``"existing"`` when any link exists already), ``groups`` (sorted),
        ``count`` (number of groups) and ``links`` (number of links folded).
    members : dict of str to list of (str, str)
        Node id -> the (group id, actor id) keys merged into it (actors only).
    group_names : dict of str to str
        Group id -> display name, in the order the groups were given.
    groups : list of toolkit.model.Group
        The groups merged.
    notes : list of str
        Sentences about overrides that were ignored or conflicted (current language).
    """

    graph: nx.DiGraph
    members: dict[str, list[tuple[str, str]]]
    group_names: dict[str, str]
    groups: list[Group] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def actor_nodes(self) -> list[str]:
        """Return the merged actors' node ids in the order they were first named."""
        return list(self.members)

    def most_wanted(self, top: int | None = None, *, min_groups: int = 1) -> pd.DataFrame:
        """Tabulate the partners named by the most groups ("most wanted partners").

        Parameters
        ----------
        top : int, optional
            Keep only the first `top` rows; all when omitted.
        min_groups : int, default 1
            Leave out partners named by fewer groups.

        Returns
        -------
        pandas.DataFrame
            One row per merged actor with the columns of :data:`MOST_WANTED_COLUMNS`:
            ``node`` (id), ``label``, ``category`` (catalogue id), ``n_groups`` (int),
            ``groups`` (list of group ids in workshop order), ``group_names`` (list),
            ``needs_covered`` (int: lacking needs of all those groups it could
            meet), ``needs`` (list of those needs' labels, each once) and ``flows``
            (list of flow ids, catalogue order). Sorted by ``n_groups`` (most first),
            ``needs_covered`` (most first), label (case-insensitive), then node id.
            Empty, with these columns, when no group has an actor.

        Raises
        ------
        ValueError
            If `top` is smaller than 1.

        References
        ----------
        Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1 (b), A.6.
        """
        if top is not None and top < 1:
            raise ValueError(f"top must be at least 1, not {top!r}")
        order = list(self.group_names)
        rows = []
        for node in self.members:
            data = self.graph.nodes[node]
            if data["count"] < min_groups:
                continue
            groups = sorted(data["groups"], key=order.index)
            rows.append(
                {
                    "node": node,
                    "label": data["label"],
                    "category": data["category"],
                    "n_groups": data["count"],
                    "groups": groups,
                    "group_names": [self.group_names[g] for g in groups],
                    "needs_covered": data["needs_covered"],
                    "needs": list(data["offers_needs"]),
                    "flows": list(data["offers_flows"]),
                }
            )
        rows.sort(
            key=lambda r: (-r["n_groups"], -r["needs_covered"], r["label"].casefold(), r["node"])
        )
        return _frame(
            rows[:top] if top else rows, MOST_WANTED_COLUMNS, ("n_groups", "needs_covered")
        )

    def uncovered_needs(self) -> pd.DataFrame:
        """Tabulate the lacking needs that no actor on any group's map offers.

        A need is identified across groups by its catalogue component (or, for a
        group's own component, by its aspect and normalised label). It is covered
        when an actor on any map offers a need with the same identity.

        Returns
        -------
        pandas.DataFrame
            Columns of :data:`UNCOVERED_COLUMNS`: ``aspect`` (catalogue id),
            ``component`` (catalogue id or None), ``label`` (first group's words),
            ``n_groups`` (int: groups lacking it), ``groups`` and ``group_names``
            (lists), ``best_score`` (highest priority score among those groups, float
            in [0.5, 25], or None when no group rated it). Sorted by ``n_groups``
            (most first), ``best_score`` (highest first, None last), the aspect's
            catalogue order, then label. Empty, with these columns, when every
            lacking need has a candidate partner somewhere.

        References
        ----------
        Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1 (b): look for candidates
        that fit the needs.
        """
        covered = set()
        for g in self.groups:
            needs = {n.id: n for n in g.needs}
            covered |= {_need_key(needs[i]) for a in g.actors for i in a.offers_needs if i in needs}
        found: dict[tuple, dict] = {}
        for g in self.groups:
            for need in priority_needs(g):
                key = _need_key(need)
                if key in covered:
                    continue
                row = found.setdefault(key, _uncovered_row(need))
                if g.id not in row["groups"]:
                    row["groups"].append(g.id)
                    row["group_names"].append(self.group_names[g.id])
                score = priority_score(need)
                if score is not None and (row["best_score"] is None or score > row["best_score"]):
                    row["best_score"] = score
        aspects = {a.id: i for i, a in enumerate(get_catalogue().aspects)}
        rows = sorted(
            (r | {"n_groups": len(r["groups"])} for r in found.values()),
            key=lambda r: (
                -r["n_groups"],
                r["best_score"] is None,
                -(r["best_score"] or 0.0),
                aspects.get(r["aspect"], len(aspects)),
                r["label"].casefold(),
            ),
        )
        return _frame(rows, UNCOVERED_COLUMNS, ("n_groups",))


def _frame(rows: list[dict], columns: tuple[str, ...], ints: tuple[str, ...]) -> pd.DataFrame:
    data = {c: pd.Series([r[c] for r in rows], dtype=object) for c in columns}
    for c in ints:
        data[c] = pd.Series([r[c] for r in rows], dtype="int64")
    return pd.DataFrame(data, columns=list(columns))


def _need_key(need: Need) -> tuple:
    if need.component:
        return ("component", need.component)
    return ("own", need.aspect, normalise_name(need.label))


def _uncovered_row(need: Need) -> dict:
    return {
        "aspect": need.aspect,
        "component": need.component,
        "label": need.label,
        "groups": [],
        "group_names": [],
        "best_score": None,
    }


# ------------------------------------------------------------------ clustering
class _Clusters:
    """Union-find over actor keys; the smallest key (in workshop order) leads a cluster."""

    def __init__(self, order: dict[tuple[str, str], int]) -> None:
        self.order = order
        self.parent = {k: k for k in order}

    def find(self, key):
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=self.order.__getitem__)
            self.parent[second] = first

    def groups(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        out: dict = {}
        for key in sorted(self.order, key=self.order.__getitem__):
            out.setdefault(self.find(key), []).append(key)
        return out


def _known(keys: Iterable, order: dict, notes: list[str], names: dict[str, str]) -> list:
    """Keep the keys of existing actors; note the others (a deleted actor or group)."""
    kept = []
    for gid, aid in sorted(keys):
        if (gid, aid) in order:
            kept.append((gid, aid))
        elif gid in names:
            message = N_(
                "The regional correction for actor {actor!r} of group {group!r} was ignored: "
                "that actor is no longer on the group's map."
            )
            notes.append(gettext(message).format(actor=aid, group=names[gid]))
        else:
            message = N_(
                "The regional correction for actor {actor!r} of group {group!r} was ignored: "
                "that group is not in the workshop (or its file could not be read)."
            )
            notes.append(gettext(message).format(actor=aid, group=gid))
    return kept


def _automatic(groups: Sequence[Group], order: dict) -> list[list[tuple[str, str]]]:
    """Cluster actors by (normalised name, category), members in workshop order."""
    clusters: dict[tuple[str, str], list] = {}
    for g in groups:
        for a in g.actors:
            name = normalise_name(a.name) or f"\x00{g.id}/{a.id}"  # empty: never matched
            clusters.setdefault((name, a.category), []).append((g.id, a.id))
    return list(clusters.values())


def _split(cluster: list, splits: list[list]) -> list[list]:
    """Partition one automatic cluster so that no split set has two keys in one part."""
    apart: set[frozenset] = set()
    alone: set = set()
    for keys in splits:
        if len(keys) == 1:
            alone.add(keys[0])
        apart |= {frozenset((a, b)) for a in keys for b in keys if a != b}
    parts: list[list] = []
    for key in cluster:
        if key in alone:
            parts.append([key])
            continue
        for part in parts:
            if part[0] not in alone and all(frozenset((key, k)) not in apart for k in part):
                part.append(key)
                break
        else:
            parts.append([key])
    return parts


def _clusters(groups: Sequence[Group], overrides: RegionalOverrides | None, notes: list[str]):
    order = {(g.id, a.id): i for i, (g, a) in enumerate((g, a) for g in groups for a in g.actors)}
    names = {g.id: g.name for g in groups}
    uf = _Clusters(order)
    splits = [_known(s, order, notes, names) for s in (overrides.splits if overrides else [])]
    merges = [_known(m, order, notes, names) for m in (overrides.merges if overrides else [])]
    splits = [s for s in splits if s]
    for cluster in _automatic(groups, order):
        for part in _split(cluster, splits):
            for key in part[1:]:
                uf.union(part[0], key)
    apart = {frozenset((a, b)) for s in splits for a in s for b in s if a != b}
    for keys in merges:
        for key in keys[1:]:
            uf.union(keys[0], key)
        if any(frozenset((a, b)) in apart for a in keys for b in keys if a != b):
            message = N_(
                "A regional merge joins actors that a split keeps apart; the merge wins: {names}."
            )
            labels = ", ".join(f"{names[g]}: {g}/{a}" for g, a in keys)
            notes.append(gettext(message).format(names=labels))
    return uf.groups()


# ------------------------------------------------------------------ the merge
def _pick_label(names: list[str]) -> str:
    """Return the spelling most members use (the first one on a tie)."""
    counts = Counter(n.strip() for n in names)
    best = max(counts.values())
    return next(n.strip() for n in names if counts[n.strip()] == best)


def _flow_order(flows: Iterable[str]) -> list[str]:
    order = {e.id: i for i, e in enumerate(get_catalogue().entries("flows"))}
    return sorted(set(flows), key=lambda f: (order.get(f, len(order)), f))


def _actor_attrs(keys: list, by_key: dict, lacking: dict[str, dict[str, Need]]) -> dict:
    actors = [by_key[k] for k in keys]
    groups = sorted({g for g, _ in keys})
    needs: list[str] = []
    covered = 0
    for (gid, _), actor in zip(keys, actors, strict=True):
        for need_id in actor.offers_needs:
            need = lacking[gid].get(need_id)
            if need is None:
                continue
            covered += 1
            if need.label.casefold() not in {n.casefold() for n in needs}:
                needs.append(need.label)
    relationship = min(
        (a.relationship for a in actors), key=_RELATIONSHIP_ORDER.index, default="belum_kenal"
    )
    return {
        "kind": "actor",
        "label": _pick_label([a.name for a in actors]),
        "category": Counter(a.category for a in actors).most_common(1)[0][0],
        "influence": max(a.influence for a in actors),
        "interest": max(a.interest for a in actors),
        "relationship": relationship,
        "offers_flows": _flow_order(f for a in actors for f in a.offers_flows),
        "offers_needs": needs,
        "needs_covered": covered,
        "contact_role": next((a.contact_role for a in actors if a.contact_role.strip()), ""),
        "groups": groups,
        "count": len(groups),
    }


def _add_links(G: nx.DiGraph, groups: Sequence[Group], node_of: dict) -> None:
    folded: dict[frozenset, list[tuple]] = {}
    for g in groups:
        for link in g.links:
            u = g.id if link.source == LKP_NODE else node_of[(g.id, link.source)]
            v = g.id if link.target == LKP_NODE else node_of[(g.id, link.target)]
            if u == v:
                continue  # two actors of one group merged into one: no self-loop
            if link.direction == "backward":
                u, v = v, u
            folded.setdefault(frozenset((u, v)), []).append((u, v, link, g.id))
    for items in folded.values():
        ways = {(u, v) for u, v, link, _ in items if link.direction != "both"}
        both = any(link.direction == "both" for *_, link, _ in items) or len(ways) > 1
        u, v = sorted(ways)[0] if ways and not both else tuple(sorted(items[0][:2]))
        links = [link for *_, link, _ in items]
        groups_ = sorted({gid for *_, gid in items})
        flows = Counter(link.flow for link in links)
        G.add_edge(
            u,
            v,
            direction="both" if both else "forward",
            flow=max(_flow_order(flows), key=lambda f: flows[f]),
            flows=_flow_order(flows),
            strength=max(link.strength for link in links),
            status="existing" if any(k.status == "existing" for k in links) else "potential",
            groups=groups_,
            count=len(groups_),
            links=len(links),
        )


def merge_maps(groups: Iterable[Group], overrides: RegionalOverrides | None = None) -> RegionalMap:
    """Merge the groups' partner maps into one regional map.

    Parameters
    ----------
    groups : iterable of toolkit.model.Group
        The workshop's groups, in display order (their ids must differ). Groups with
        an empty map add only their LKP node.
    overrides : RegionalOverrides, optional
        The facilitator's manual merges and splits; keys of groups or actors that no
        longer exist are ignored with a note in :attr:`RegionalMap.notes`.

    Returns
    -------
    RegionalMap
        The merged graph (see :class:`RegionalMap` for every attribute), the members
        of each merged actor and the notes. With no groups: an empty graph.

    Raises
    ------
    ValueError
        If two groups have the same id.

    Examples
    --------
    >>> from toolkit.model import Actor, Group
    >>> a = Group(id="a", name="A", actors=[
    ...     Actor(id="actor-1", name="Disnaker Kota Banjarbaru", category="disnakertrans")])
    >>> b = Group(id="b", name="B", actors=[
    ...     Actor(id="actor-3", name="disnaker  kota banjarbaru.", category="disnakertrans")])
    >>> m = merge_maps([a, b])
    >>> m.members["a/actor-1"], m.graph.nodes["a/actor-1"]["count"]
    ([('a', 'actor-1'), ('b', 'actor-3')], 2)

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.6, "Pihak yang terlibat".
    """
    groups = list(groups)
    ids = [g.id for g in groups]
    if len(set(ids)) != len(ids):
        raise ValueError(f"group ids repeat: {sorted(i for i in set(ids) if ids.count(i) > 1)}")
    notes: list[str] = []
    clusters = _clusters(groups, overrides, notes)
    by_key = {(g.id, a.id): a for g in groups for a in g.actors}
    lacking = {g.id: {n.id: n for n in priority_needs(g)} for g in groups}
    G = nx.DiGraph(name=gettext(N_("Regional partner map")))
    for g in groups:
        label = g.profile.name.strip() or g.name
        G.add_node(g.id, kind="lkp", label=label, category="", groups=[g.id], count=1)
    members: dict[str, list[tuple[str, str]]] = {}
    node_of: dict[tuple[str, str], str] = {}
    for lead, keys in clusters.items():
        node = actor_node(*lead)
        members[node] = keys
        node_of.update(dict.fromkeys(keys, node))
        G.add_node(node, **_actor_attrs(keys, by_key, lacking))
    _add_links(G, groups, node_of)
    return RegionalMap(G, members, {g.id: g.name for g in groups}, groups, notes)
