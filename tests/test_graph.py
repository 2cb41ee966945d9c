"""The partner map as a networkx graph: build_graph and simple_graph."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx

from toolkit.graph import build_graph, simple_graph
from toolkit.model import LKP_NODE, Actor, Group, InstitutionProfile, Link, Need


def _group(**kw) -> Group:
    actors = [
        Actor(
            id="actor-1",
            name="BLK",
            category="disnakertrans",
            influence=4,
            interest=5,
            offers_needs=["need-1"],
            offers_flows=["sdm", "sarana"],
            relationship="kenal",
            contact_role="Kepala Seksi",
            note="catatan",
        ),
        Actor(id="actor-2", name="Konveksi", category="dudi"),
        Actor(id="actor-3", name="Radio", category="lainnya"),
    ]
    links = [
        Link(id="link-1", source="actor-1", target=LKP_NODE, flow="sdm", strength=1),
        Link(
            id="link-2",
            source=LKP_NODE,
            target="actor-1",
            flow="informasi",
            direction="both",
            strength=3,
            status="existing",
            note="rutin",
        ),
        Link(id="link-3", source="actor-1", target="actor-2", flow="sdm"),
    ]
    needs = [Need(id="need-1", aspect="tenaga", label="Instruktur", availability="belum_ada")]
    return Group(id="uji", name="Kelompok Uji", needs=needs, actors=actors, links=links, **kw)


def test_build_graph_nodes():
    G = build_graph(_group())
    assert isinstance(G, nx.MultiDiGraph)
    assert list(G.nodes) == [LKP_NODE, "actor-1", "actor-2", "actor-3"]
    assert G.nodes[LKP_NODE] == {"kind": "lkp", "label": "Kelompok Uji"}
    assert G.nodes["actor-1"] == {
        "kind": "actor",
        "label": "BLK",
        "category": "disnakertrans",
        "influence": 4,
        "interest": 5,
        "relationship": "kenal",
        "offers_needs": ["need-1"],
        "offers_flows": ["sdm", "sarana"],
        "contact_role": "Kepala Seksi",
        "note": "catatan",
    }
    assert G.degree("actor-3") == 0


def test_build_graph_lkp_label_from_profile():
    G = build_graph(_group(profile=InstitutionProfile(name="LKP Jahit Berkah")))
    assert G.nodes[LKP_NODE]["label"] == "LKP Jahit Berkah"


def test_build_graph_edges_keep_every_link():
    G = build_graph(_group())
    assert sorted(G.edges(keys=True)) == [
        ("actor-1", "actor-2", "link-3"),
        ("actor-1", "lkp", "link-1"),
        ("lkp", "actor-1", "link-2"),
    ]
    assert G.edges[LKP_NODE, "actor-1", "link-2"] == {
        "flow": "informasi",
        "direction": "both",
        "strength": 3,
        "status": "existing",
        "note": "rutin",
    }
    assert all(isinstance(n, str) for n in G.nodes)


def test_build_graph_empty_group():
    G = build_graph(Group(id="kosong", name="Kosong"))
    assert list(G.nodes) == [LKP_NODE] and G.number_of_edges() == 0


def test_simple_graph_folds_pairs():
    S = simple_graph(build_graph(_group()))
    assert isinstance(S, nx.Graph) and not S.is_directed() and not S.is_multigraph()
    assert set(S.nodes) == {LKP_NODE, "actor-1", "actor-2", "actor-3"}  # isolated kept
    assert S.number_of_edges() == 2
    # link-1 (sdm, strength 1, potential) + link-2 (informasi, strength 3, existing)
    assert S.edges[LKP_NODE, "actor-1"] == {
        "weight": 3,
        "flows": ["informasi", "sdm"],
        "existing": True,
    }
    assert S.edges["actor-1", "actor-2"] == {"weight": 2, "flows": ["sdm"], "existing": False}
    assert S.nodes["actor-1"]["label"] == "BLK"


def test_simple_graph_drops_self_loops_and_accepts_bare_edges():
    M = nx.MultiDiGraph()
    M.add_node("x")
    M.add_edge("lkp", "a")  # imported edge without attributes
    M.add_edge("a", "a", flow="sdm", strength=3)
    S = simple_graph(M)
    assert set(S.nodes) == {"lkp", "a", "x"}
    assert list(S.edges(data=True)) == [("lkp", "a", {"weight": 1, "flows": [], "existing": False})]
    assert nx.number_of_selfloops(S) == 0


def test_graph_module_imports_no_view_library():
    code = (
        "import sys, toolkit.graph, toolkit.analysis.partners\n"
        "bad = [m for m in ('ipywidgets', 'ipysigma', 'matplotlib') if m in sys.modules]\n"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_docstring_examples_run():
    import doctest

    from toolkit import graph

    result = doctest.testmod(graph)
    assert result.attempted and not result.failed
