"""Full partner-map analysis of a 20,000-actor / 100,000-link regional map vs networkx.

Target (issue 4): the toolkit's full analysis (coverage matrix, uncovered needs,
smallest partner set, brokers with their sentences, reciprocity, suggested patterns
and the map messages) takes at most 1.5x networkx's own sampled betweenness
centrality ``betweenness_centrality(G, k=200, seed=7)`` on the same graph, both
measured once in the same run. The map is generated with a fixed seed: 20,000
actors of the catalogue's categories, 40 needs, 100,000 links (2 % of the actors
linked to the LKP, the rest among actors; random flows, directions and strengths).
"""

from __future__ import annotations

import random
import time

import networkx as nx

from toolkit.analysis import (
    brokers,
    coverage_matrix,
    map_messages,
    partner_cover,
    reciprocity,
    suggest_patterns,
    uncovered_needs,
)
from toolkit.catalogue import get_catalogue
from toolkit.graph import build_graph, simple_graph
from toolkit.model import LKP_NODE, Actor, Group, Link, Need

N_ACTORS = 20_000
N_LINKS = 100_000
N_NEEDS = 40
TARGET = 1.5


def make_group(seed: int = 7) -> Group:
    rng = random.Random(seed)
    cat = get_catalogue()
    categories = [c.id for c in cat.partner_categories]
    flows = [f.id for f in cat.flows]
    aspects = [a.id for a in cat.aspects]
    needs = [
        Need(
            id=f"need-{i}",
            aspect=rng.choice(aspects),
            label=f"Kebutuhan {i}",
            availability=rng.choice(["belum_ada", "sebagian"]),
            importance=rng.randint(1, 5),
            urgency=rng.randint(1, 5),
        )
        for i in range(1, N_NEEDS + 1)
    ]
    relationships = ["belum_kenal", "kenal", "pernah_kerja_sama", "mitra_aktif"]
    actors = [
        Actor(
            id=f"actor-{i}",
            name=f"Pihak {i}",
            category=rng.choice(categories),
            influence=rng.randint(1, 5),
            interest=rng.randint(1, 5),
            relationship=rng.choice(relationships),
            offers_needs=rng.sample([n.id for n in needs], rng.randint(0, 2)),
            offers_flows=rng.sample(flows, rng.randint(0, 2)),
        )
        for i in range(1, N_ACTORS + 1)
    ]
    ids = [a.id for a in actors]
    links, seen = [], set()
    while len(links) < N_LINKS:
        if len(links) < N_LINKS // 50:
            source, target = LKP_NODE, rng.choice(ids)
        else:
            source, target = rng.sample(ids, 2)
        if (source, target) in seen:
            continue
        seen.add((source, target))
        links.append(
            Link(
                id=f"link-{len(links) + 1}",
                source=source,
                target=target,
                flow=rng.choice(flows),
                direction=rng.choice(["forward", "backward", "both"]),
                strength=rng.randint(1, 3),
                status=rng.choice(["existing", "potential"]),
            )
        )
    return Group.model_construct(
        id="regional", name="Peta regional", needs=needs, actors=actors, links=links
    )


def full_analysis(group: Group) -> int:
    results = [
        coverage_matrix(group),
        uncovered_needs(group),
        partner_cover(group),
        brokers(group),
        reciprocity(group),
        suggest_patterns(group),
        map_messages(group),
    ]
    return sum(len(r) for r in results)


def main() -> None:
    group = make_group()
    G = simple_graph(build_graph(group))
    start = time.perf_counter()
    nx.betweenness_centrality(G, k=200, seed=7)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    full_analysis(group)
    ours = time.perf_counter() - start
    ratio = ours / baseline
    print(f"map: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges (undirected)")
    print(f"full analysis: {ours:.1f} s; networkx betweenness (k=200): {baseline:.1f} s")
    verdict = "ok" if ratio <= TARGET else "ABOVE TARGET"
    print(f"ratio analysis / betweenness: {ratio:.2f}x (target <= {TARGET}x) {verdict}")


if __name__ == "__main__":
    main()
