"""Regional merge of the groups' partner maps: matching, overrides, tables, export, CLI.

Canonical input (hand-computed below): three small groups.

- A: needs need-1 (dana, own "Honor instruktur", score 4x5=20) and need-2 (tenaga,
  component tenaga_asesor, partly available, 4x4x0.5=8); actors actor-1 "Disnaker Kota
  Banjarbaru" (disnakertrans, influence 5, interest 3, offers need-1, flow informasi)
  and actor-2 "Bank Kalsel" (lembaga_keuangan); links LKP->actor-1 (informasi, 1,
  potential) and actor-1->actor-2 (modal, 3, existing).
- B: needs need-1 (tenaga_asesor "Asesor tata rias", 25) and need-2 (own sarana
  "Ruang  praktik.", 16); actors actor-1 "disnaker  kota banjarbaru." (disnakertrans,
  influence 4, interest 5, offers need-1, flow sdm), actor-2 "PT. Bank Kalsel"
  (lembaga_keuangan) and actor-3 "Disnaker Kota Banjarbaru" of category *lainnya*;
  links actor-2->actor-1 (modal, 2, potential) and LKP<->actor-1 (sdm, 2, existing).
- C: no map; need-1 own sarana "Ruang praktik" (3x3=9).
"""

from __future__ import annotations

import csv
import json

import networkx as nx
import openpyxl
import pytest

import toolkit
from toolkit.analysis.regional import (
    MOST_WANTED_COLUMNS,
    UNCOVERED_COLUMNS,
    RegionalOverrides,
    merge_maps,
    normalise_name,
)
from toolkit.cli import main
from toolkit.errors import CorruptFileError, KemitraanError, StaleRevisionError
from toolkit.model import Actor, Group, Link, Need
from toolkit.regional_io import build_regional_map, write_regional_map
from toolkit.regional_store import (
    REGIONAL_FILE,
    edit_overrides,
    load_overrides,
    regional_map,
    save_overrides,
)


def _groups() -> list[Group]:
    a = Group(
        id="a",
        name="Kelompok A",
        needs=[
            Need(id="need-1", aspect="dana", label="Honor instruktur",
                 availability="belum_ada", importance=4, urgency=5),
            Need(id="need-2", aspect="tenaga", component="tenaga_asesor", label="Asesor",
                 availability="sebagian", importance=4, urgency=4),
        ],
        actors=[
            Actor(id="actor-1", name="Disnaker Kota Banjarbaru", category="disnakertrans",
                  influence=5, interest=3, offers_needs=["need-1"], offers_flows=["informasi"]),
            Actor(id="actor-2", name="Bank Kalsel", category="lembaga_keuangan"),
        ],
        links=[
            Link(id="link-1", source="lkp", target="actor-1", flow="informasi", strength=1),
            Link(id="link-2", source="actor-1", target="actor-2", flow="modal", strength=3,
                 status="existing"),
        ],
    )  # fmt: skip
    b = Group(
        id="b",
        name="Kelompok B",
        needs=[
            Need(id="need-1", aspect="tenaga", component="tenaga_asesor",
                 label="Asesor tata rias", availability="belum_ada", importance=5, urgency=5),
            Need(id="need-2", aspect="sarana_prasarana", label="Ruang  praktik.",
                 availability="belum_ada", importance=4, urgency=4),
        ],
        actors=[
            Actor(id="actor-1", name="disnaker  kota banjarbaru.", category="disnakertrans",
                  influence=4, interest=5, offers_needs=["need-1"], offers_flows=["sdm"]),
            Actor(id="actor-2", name="PT. Bank Kalsel", category="lembaga_keuangan"),
            Actor(id="actor-3", name="Disnaker Kota Banjarbaru", category="lainnya"),
        ],
        links=[
            Link(id="link-1", source="actor-2", target="actor-1", flow="modal", strength=2),
            Link(id="link-2", source="lkp", target="actor-1", flow="sdm", direction="both",
                 strength=2, status="existing"),
        ],
    )  # fmt: skip
    c = Group(
        id="c",
        name="Kelompok C",
        needs=[
            Need(id="need-1", aspect="sarana_prasarana", label="Ruang praktik",
                 availability="belum_ada", importance=3, urgency=3),
        ],
    )  # fmt: skip
    return [a, b, c]


@pytest.fixture
def groups():
    return _groups()


@pytest.fixture
def workshop(tmp_path):
    ws = toolkit.Workshop.create(tmp_path / "ws", title="Uji regional", groups=["A", "B", "C"])
    for g in _groups():
        with ws.edit(g.id) as saved:
            saved.needs, saved.actors, saved.links = g.needs, g.actors, g.links
    return ws


# ------------------------------------------------------------------ matching
def test_normalise_name_rules():
    assert normalise_name("Disnaker Kota Banjarbaru") == "dinas tenaga kerja kota banjarbaru"
    assert normalise_name("disnaker  kota banjarbaru.") == "dinas tenaga kerja kota banjarbaru"
    assert normalise_name("DINAS TENAGA KERJA\tKota Banjarbaru") == (
        "dinas tenaga kerja kota banjarbaru"
    )
    assert normalise_name("PT. Bank Kalsel (Tbk)") == "bank kalsel"
    assert normalise_name("Dinas Perindustrian & Perdagangan") == (
        "dinas perindustrian dan perdagangan"
    )
    assert normalise_name("Disdik Kab. Banjar") == "dinas pendidikan kabupaten banjar"
    # NFC: a decomposed "é" equals the composed one; accents are not dropped.
    assert normalise_name("Cafe\u0301 Kopi") == normalise_name("Caf\u00e9 kopi") == "café kopi"
    assert normalise_name("Café") != normalise_name("Cafe")
    # Not over-matched: city versus regency, and different words stay different.
    assert normalise_name("Dinas Sosial Kota Banjar") != normalise_name("Dinas Sosial Kab Banjar")
    assert normalise_name("...") == ""


def test_same_name_and_category_merge_other_category_does_not(groups):
    m = merge_maps(groups)
    assert sorted(m.members) == ["a/actor-1", "a/actor-2", "b/actor-3"]
    assert m.members["a/actor-1"] == [("a", "actor-1"), ("b", "actor-1")]
    assert m.members["a/actor-2"] == [("a", "actor-2"), ("b", "actor-2")]  # PT. dropped
    assert m.members["b/actor-3"] == [("b", "actor-3")]  # same name, category lainnya
    G = m.graph
    assert sorted(G.nodes) == ["a", "a/actor-1", "a/actor-2", "b", "b/actor-3", "c"]
    disnaker = G.nodes["a/actor-1"]
    assert disnaker["label"] == "Disnaker Kota Banjarbaru"  # tie: the first spelling
    assert (disnaker["influence"], disnaker["interest"]) == (5, 5)  # highest of 5/4, 3/5
    assert disnaker["groups"] == ["a", "b"] and disnaker["count"] == 2
    assert disnaker["offers_flows"] == ["sdm", "informasi"]  # catalogue order
    assert disnaker["offers_needs"] == ["Honor instruktur", "Asesor tata rias"]
    assert disnaker["needs_covered"] == 2
    assert G.nodes["a/actor-2"]["label"] == "Bank Kalsel"
    for gid, name in (("a", "Kelompok A"), ("c", "Kelompok C")):
        assert G.nodes[gid] == {
            "kind": "lkp", "label": name, "category": "", "groups": [gid], "count": 1
        }  # fmt: skip
    assert m.notes == []


def test_edges_are_aggregated(groups):
    G = merge_maps(groups).graph
    assert G.number_of_edges() == 3
    # A: Disnaker -> Bank (modal, 3, existing); B: Bank -> Disnaker (modal, 2, potential).
    bank = G.edges["a/actor-1", "a/actor-2"]
    assert bank == {
        "direction": "both", "flow": "modal", "flows": ["modal"], "strength": 3,
        "status": "existing", "groups": ["a", "b"], "count": 2, "links": 2,
    }  # fmt: skip
    assert G.edges["a", "a/actor-1"]["direction"] == "forward"
    assert G.edges["a", "a/actor-1"]["count"] == 1
    assert G.edges["a/actor-1", "b"]["flows"] == ["sdm"]  # a "both" link, sorted ends
    assert G.edges["a/actor-1", "b"]["direction"] == "both"


def test_most_wanted_order_and_counts(groups):
    table = merge_maps(groups).most_wanted()
    assert tuple(table.columns) == MOST_WANTED_COLUMNS
    assert table[["node", "n_groups", "needs_covered"]].values.tolist() == [
        ["a/actor-1", 2, 2],
        ["a/actor-2", 2, 0],
        ["b/actor-3", 1, 0],
    ]
    first = table.iloc[0]
    assert first.group_names == ["Kelompok A", "Kelompok B"]
    assert first.category == "disnakertrans"
    assert merge_maps(groups).most_wanted(top=1)["node"].tolist() == ["a/actor-1"]
    assert merge_maps(groups).most_wanted(min_groups=2)["node"].tolist() == [
        "a/actor-1",
        "a/actor-2",
    ]
    with pytest.raises(ValueError):
        merge_maps(groups).most_wanted(top=0)


def test_most_wanted_ties_fall_back_to_label():
    g = [
        Group(id="x", name="X", actors=[
            Actor(id="actor-1", name="Zeta", category="dudi"),
            Actor(id="actor-2", name="alfa", category="dudi"),
        ]),
    ]  # fmt: skip
    assert merge_maps(g).most_wanted()["label"].tolist() == ["alfa", "Zeta"]


def test_uncovered_needs_overall(groups):
    table = merge_maps(groups).uncovered_needs()
    assert tuple(table.columns) == UNCOVERED_COLUMNS
    # A's asesor is covered by B's Disnaker (same component); A's honor by A's Disnaker;
    # "Ruang praktik" (B: 16, C: 9) has no candidate on any map.
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.aspect, row.component, row.label) == ("sarana_prasarana", None, "Ruang  praktik.")
    assert (row.n_groups, row.groups, row.best_score) == (2, ["b", "c"], 16.0)
    assert row.group_names == ["Kelompok B", "Kelompok C"]


# ------------------------------------------------------------------ overrides
def test_forced_merge(groups):
    o = RegionalOverrides(merges=[{("b", "actor-3"), ("a", "actor-1")}])
    m = merge_maps(groups, o)
    assert m.members["a/actor-1"] == [("a", "actor-1"), ("b", "actor-1"), ("b", "actor-3")]
    assert "b/actor-3" not in m.graph
    assert m.graph.nodes["a/actor-1"]["count"] == 2  # still two groups
    assert m.graph.nodes["a/actor-1"]["category"] == "disnakertrans"  # the majority


def test_forced_split(groups):
    m = merge_maps(groups, RegionalOverrides(splits=[{("b", "actor-1")}]))
    assert m.members["a/actor-1"] == [("a", "actor-1")]
    assert m.members["b/actor-1"] == [("b", "actor-1")]
    assert m.graph.nodes["a/actor-1"]["count"] == 1
    # The bank links no longer fold: A's runs from a/actor-1, B's to b/actor-1.
    assert m.graph.edges["a/actor-1", "a/actor-2"]["count"] == 1
    assert m.graph.edges["a/actor-2", "b/actor-1"]["direction"] == "forward"
    pairwise = RegionalOverrides(splits=[{("a", "actor-1"), ("b", "actor-1")}])
    assert merge_maps(groups, pairwise).members == m.members


def test_merge_beats_split_with_a_note(groups):
    o = RegionalOverrides(
        merges=[{("a", "actor-1"), ("b", "actor-1")}],
        splits=[{("a", "actor-1"), ("b", "actor-1")}],
    )
    m = merge_maps(groups, o)
    assert m.members["a/actor-1"] == [("a", "actor-1"), ("b", "actor-1")]
    assert len(m.notes) == 1 and "a/actor-1" in m.notes[0]


def test_stale_override_is_ignored_with_a_note(groups):
    o = RegionalOverrides(
        merges=[{("a", "actor-9"), ("b", "actor-3")}],
        splits=[{("zz", "actor-1")}],
    )
    m = merge_maps(groups, o)
    assert m.members == merge_maps(groups).members
    assert len(m.notes) == 2
    assert any("actor-9" in n and "Kelompok A" in n for n in m.notes)
    assert any("zz" in n for n in m.notes)


# ------------------------------------------------------------------ empty cases
def test_empty_inputs_give_empty_results():
    m = merge_maps([])
    assert m.graph.number_of_nodes() == 0
    assert m.most_wanted().empty and tuple(m.most_wanted().columns) == MOST_WANTED_COLUMNS
    assert m.uncovered_needs().empty
    lone = merge_maps([Group(id="solo", name="Solo")])
    assert list(lone.graph.nodes) == ["solo"] and lone.members == {}
    assert lone.most_wanted().empty and lone.graph.number_of_edges() == 0


def test_single_group_counts_one(groups):
    m = merge_maps(groups[:1])
    assert m.most_wanted()["n_groups"].tolist() == [1, 1]
    assert m.most_wanted()["needs_covered"].tolist() == [1, 0]
    # A's asesor need: no actor of A offers it.
    assert m.uncovered_needs()["label"].tolist() == ["Asesor"]


def test_duplicate_group_ids_refused(groups):
    with pytest.raises(ValueError):
        merge_maps([groups[0], groups[0]])


# ------------------------------------------------------------------ persistence
def test_overrides_persist_and_reload(workshop):
    assert load_overrides(workshop.path) == RegionalOverrides()
    o = load_overrides(workshop)
    o.merges.append(frozenset({("b", "actor-3"), ("a", "actor-1")}))
    save_overrides(workshop.path, o)
    assert o.revision == 1 and o.updated is not None
    again = load_overrides(workshop.path)
    assert again.merges == [frozenset({("a", "actor-1"), ("b", "actor-3")})]
    raw = json.loads((workshop.path / REGIONAL_FILE).read_text("utf-8"))
    assert raw["merges"] == [[["a", "actor-1"], ["b", "actor-3"]]]  # sorted, stable
    with edit_overrides(workshop.path) as ov:
        ov.splits.append(frozenset({("a", "actor-2")}))
    assert (workshop.path / (REGIONAL_FILE + ".bak")).exists()
    assert load_overrides(workshop.path).revision == 2
    merged = regional_map(workshop.path)
    assert merged.members["a/actor-1"] == [("a", "actor-1"), ("b", "actor-1"), ("b", "actor-3")]
    assert merged.members["a/actor-2"] == [("a", "actor-2")]


def test_stale_save_is_refused(workshop):
    first, second = load_overrides(workshop), load_overrides(workshop)
    first.splits.append(frozenset({("a", "actor-1")}))
    save_overrides(workshop, first)
    second.merges.append(frozenset({("a", "actor-1"), ("b", "actor-3")}))
    with pytest.raises(StaleRevisionError):
        save_overrides(workshop, second)
    assert load_overrides(workshop).merges == []


def test_broken_file_is_reported_not_crashed(workshop):
    (workshop.path / REGIONAL_FILE).write_text('{"schema_version": 1, "merges": [[', "utf-8")
    with pytest.raises(CorruptFileError) as err:
        load_overrides(workshop)
    assert "regional.json" in str(err.value)


def test_stale_key_in_saved_overrides(workshop):
    o = load_overrides(workshop)
    o.merges.append(frozenset({("a", "actor-1"), ("b", "actor-1"), ("a", "actor-7")}))
    save_overrides(workshop, o)
    merged = regional_map(workshop)
    assert merged.members["a/actor-1"] == [("a", "actor-1"), ("b", "actor-1")]
    assert len(merged.notes) == 1 and "actor-7" in merged.notes[0]


# ------------------------------------------------------------------ export
def test_export_graphml_and_gexf_round_trip(groups, tmp_path):
    m = merge_maps(groups)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        written = write_regional_map(m, tmp_path / f"r.{fmt}", fmt)
        G = reader(written.paths[0])
        assert G.number_of_nodes() == 6 and G.number_of_edges() == 3
        assert G.nodes["a/actor-1"]["count"] == 2
        assert G.nodes["a/actor-1"]["groups"] == "a|b"
        assert G.nodes["a/actor-1"]["label"] == "Disnaker Kota Banjarbaru"


def test_export_kumu_xlsx_json_and_csv(groups, tmp_path):
    m = merge_maps(groups)
    path = write_regional_map(m, tmp_path / "k.xlsx", "kumu-xlsx").paths[0]
    wb = openpyxl.load_workbook(path)
    rows = list(wb["Elements"].values)
    header = rows[0]
    assert header[-2:] == ("Groups", "Group count") and len(rows) == 7
    disnaker = next(r for r in rows if r[0] == "Disnaker Kota Banjarbaru")
    assert disnaker[header.index("Group count")] == 2
    # Two elements share a name (other category): Kumu needs unique labels.
    assert "Disnaker Kota Banjarbaru (b/actor-3)" in [r[0] for r in rows]
    blueprint = json.loads(build_regional_map(m, "kumu-json").files[".json"])
    assert len(blueprint["elements"]) == 6 and len(blueprint["connections"]) == 3
    paths = write_regional_map(m, tmp_path, "gephi-csv").paths
    assert [p.name for p in paths] == [
        "peta-mitra-regional-nodes.csv",
        "peta-mitra-regional-edges.csv",
    ]
    edges = list(csv.DictReader(paths[1].open(encoding="utf-8")))
    bank = next(e for e in edges if e["Target"] == "a/actor-2")
    assert (bank["Type"], bank["Weight"], bank["Groups"]) == ("Undirected", "3", "a|b")
    elements = write_regional_map(m, tmp_path / "k.csv", "kumu-csv").paths[0]
    assert elements.name == "k-elements.csv"


def test_export_unknown_format_and_empty_map(tmp_path):
    with pytest.raises(KemitraanError):
        build_regional_map(merge_maps([]), "pdf")
    G = nx.read_graphml(
        write_regional_map(merge_maps([]), tmp_path / "e.graphml", "graphml").paths[0]
    )
    assert G.number_of_nodes() == 0


def test_cli_regional(workshop, tmp_path, capsys):
    out = tmp_path / "regional.graphml"
    assert main(["regional", str(workshop.path), "--format", "graphml", "--out", str(out)]) == 0
    assert nx.read_graphml(out).number_of_nodes() == 6
    printed = capsys.readouterr().out
    assert str(out) in printed and "3" in printed
    assert main(["regional", str(workshop.path), "--format", "gephi-csv"]) == 0
    assert (workshop.path / "exports" / "peta-mitra-regional-nodes.csv").exists()
    assert main(["regional", str(tmp_path / "none"), "--format", "gexf"]) == 1


# ------------------------------------------------------------------ picture
def test_regional_figure_marks_shared_partners(groups):
    from toolkit.charts import regional_network_figure

    fig = regional_network_figure(merge_maps(groups).graph, title="Uji", lang="en")
    labels = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts]
    assert "Disnaker Kota Banjarbaru (2)" in labels  # named by two groups
    assert "Disnaker Kota Banjarbaru" in labels  # the other category's, named once
    assert fig._suptitle.get_text() == "Regional partner map: Uji"
    empty = regional_network_figure(merge_maps([Group(id="solo", name="Solo")]).graph, lang="en")
    assert "No group has partners" in " ".join(t.get_text() for t in empty.axes[0].texts)
