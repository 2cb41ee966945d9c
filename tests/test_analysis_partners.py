"""Reading the partner map: coverage, set cover, brokers, reciprocity, patterns, messages.

Every expected value is computed by hand on small maps built here; one test checks a
few facts of the sample's complete group.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from toolkit.analysis import (
    PATTERN_RULES,
    BrokerPath,
    CoverStep,
    Reciprocity,
    broker_scores,
    brokers,
    coverage_matrix,
    ease,
    map_messages,
    partner_cover,
    reciprocity,
    suggest_pattern,
    suggest_patterns,
    uncovered_needs,
)
from toolkit.catalogue import get_catalogue
from toolkit.graph import build_graph
from toolkit.i18n import set_language
from toolkit.model import LKP_NODE, Actor, Group, Link, Need
from toolkit.sample import create_sample


@pytest.fixture
def en():
    set_language("en")


def need(n: int, availability="belum_ada", importance=None, urgency=None, **kw) -> Need:
    kw.setdefault("aspect", "dana")
    return Need(
        id=f"need-{n}",
        label=kw.pop("label", f"Kebutuhan {n}"),
        availability=availability,
        importance=importance,
        urgency=urgency,
        **kw,
    )


def actor(n: int, **kw) -> Actor:
    kw.setdefault("category", "lainnya")
    return Actor(id=f"actor-{n}", name=kw.pop("name", f"Pihak {n}"), **kw)


def link(n: int, source, target, flow="informasi", **kw) -> Link:
    node = {0: LKP_NODE}
    return Link(
        id=f"link-{n}",
        source=node.get(source, f"actor-{source}"),
        target=node.get(target, f"actor-{target}"),
        flow=flow,
        **kw,
    )


def group(needs=(), actors=(), links=()) -> Group:
    return Group(id="uji", name="Uji", needs=list(needs), actors=list(actors), links=list(links))


# ------------------------------------------------------------------ coverage
@pytest.fixture
def cover_group() -> Group:
    # Scores: need-1 4×5×1 = 20; need-2 4×4×0.5 = 8; need-3 unrated (weight 1);
    # need-4 3×2×1 = 6; need-5 is available (ada), so not a need.
    # Priority order: need-1 (20), need-2 (8), need-4 (6), need-3 (unrated, last).
    needs = [
        need(1, importance=4, urgency=5),
        need(2, "sebagian", 4, 4),
        need(3),
        need(4, importance=3, urgency=2),
        need(5, "ada", 5, 5),
    ]
    actors = [
        # ease = relationship × (0.5 + interest/10)
        actor(1, relationship="mitra_aktif", interest=5, offers_needs=["need-2", "need-3"]),  # 1.0
        actor(2, relationship="belum_kenal", interest=5, offers_needs=["need-1", "need-4"]),  # .5
        actor(3, relationship="kenal", interest=5, offers_needs=["need-1"]),  # 0.75
        actor(4, relationship="pernah_kerja_sama", interest=1, offers_needs=["need-4", "need-2"]),
        actor(5, offers_needs=["need-5"]),  # offers only what the LKP has
    ]
    return group(needs, actors)


def test_coverage_matrix(cover_group):
    m = coverage_matrix(cover_group)
    assert list(m.index) == ["need-1", "need-2", "need-4", "need-3"]
    assert list(m.columns) == [f"actor-{i}" for i in range(1, 6)]
    assert all(dtype.kind == "b" for dtype in m.dtypes)
    assert m.loc["need-1"].tolist() == [False, True, True, False, False]
    assert m.loc["need-2"].tolist() == [True, False, False, True, False]
    assert m.loc["need-3"].tolist() == [True, False, False, False, False]
    assert m["actor-5"].sum() == 0
    assert list(coverage_matrix(cover_group, top=2).index) == ["need-1", "need-2"]


def test_coverage_matrix_empty_shapes(cover_group):
    no_actors = coverage_matrix(group(needs=cover_group.needs))
    assert no_actors.shape == (4, 0) and list(no_actors.index)[0] == "need-1"
    no_needs = coverage_matrix(group(needs=[need(1, "ada")], actors=[actor(1), actor(2)]))
    assert no_needs.shape == (0, 2) and list(no_needs.columns) == ["actor-1", "actor-2"]
    assert coverage_matrix(group()).shape == (0, 0)
    with pytest.raises(ValueError):
        coverage_matrix(cover_group, top=0)


def test_uncovered_needs(cover_group):
    assert uncovered_needs(cover_group) == []
    g = group([need(1, importance=2, urgency=2), need(2, importance=5, urgency=5)])
    assert [n.id for n in uncovered_needs(g)] == ["need-2", "need-1"]
    assert [n.id for n in uncovered_needs(g, top=1)] == ["need-2"]


def test_ease_extremes():
    assert ease(actor(1, relationship="mitra_aktif", interest=5)) == pytest.approx(1.0)
    assert ease(actor(1, relationship="belum_kenal", interest=1)) == pytest.approx(0.3)
    assert ease(actor(1, relationship="kenal", interest=4)) == pytest.approx(0.675)


def test_partner_cover_order(cover_group):
    # Step 1: actor-1 (need-2, need-3) 9 × 1.0 = 9; actor-2 (need-1, need-4) 26 × 0.5 = 13;
    #         actor-3 (need-1) 20 × 0.75 = 15; actor-4 (need-2, need-4) 14 × 0.9 × 0.6 = 7.56
    #         -> actor-3, need-1.
    # Step 2: actor-1 (need-2, need-3) 9; actor-2 (need-4) 6 × 0.5 = 3;
    #         actor-4 (need-2, need-4) 7.56 -> actor-1.
    # Step 3: actor-2 (need-4) 3; actor-4 (need-4) 6 × 0.54 = 3.24 -> actor-4. All covered.
    steps = partner_cover(cover_group)
    assert steps == [
        CoverStep("actor-3", ["need-1"], pytest.approx(15.0)),
        CoverStep("actor-1", ["need-2", "need-3"], pytest.approx(9.0)),
        CoverStep("actor-4", ["need-4"], pytest.approx(3.24)),
    ]


def test_partner_cover_top_and_ties():
    # Same offer, same ease (kenal, interest 3): the first in the group's list wins.
    needs = [need(1, importance=2, urgency=2), need(2, importance=1, urgency=1)]
    actors = [actor(2, offers_needs=["need-1"]), actor(1, offers_needs=["need-1", "need-2"])]
    actors[0].relationship = actors[1].relationship = "kenal"
    g = group(needs, actors)
    # actor-2: 4 × 0.75 × 0.8 = 2.4; actor-1: 5 × 0.6 = 3.0 -> actor-1 covers both.
    assert [s.actor_id for s in partner_cover(g)] == ["actor-1"]
    # With top=1 only need-1 counts: both give 4 × 0.6 = 2.4; actor-2 comes first in the list.
    assert partner_cover(g, top=1) == [CoverStep("actor-2", ["need-1"], pytest.approx(2.4))]


def test_partner_cover_stops_when_nothing_left():
    g = group([need(1), need(2)], [actor(1, offers_needs=["need-2"]), actor(2)])
    assert partner_cover(g) == [CoverStep("actor-1", ["need-2"], pytest.approx(0.4))]


# ------------------------------------------------------------------ brokers
def test_brokers_two_hops(en):
    # lkp – A – B; B is known by name only (kenal) and has no link to the LKP.
    g = group(
        actors=[
            actor(1, name="Disperindag", relationship="pernah_kerja_sama"),
            actor(2, name="CSR bank", relationship="kenal"),
        ],
        links=[link(1, 1, 0), link(2, 2, 1, "modal")],
    )
    assert brokers(g) == [
        BrokerPath("actor-2", ["actor-1"], "Ask Disperindag to introduce us to CSR bank.")
    ]


def test_brokers_longer_chain_and_max_hops(en):
    g = group(
        actors=[
            actor(1, name="A", relationship="mitra_aktif"),
            actor(2, name="B", relationship="kenal"),
            actor(3, name="C", relationship="belum_kenal"),
        ],
        links=[link(1, 0, 1), link(2, 1, 2), link(3, 2, 3)],
    )
    paths = brokers(g)
    assert [p.via for p in paths] == [["actor-1"], ["actor-1", "actor-2"]]
    assert paths[1].sentence == "Ask A to put us in touch with C through B."
    short = brokers(g, max_hops=2)
    assert short[1] == BrokerPath(
        "actor-3", [], "C is more than 2 steps away on our map: look for a closer contact.", False
    )
    with pytest.raises(ValueError):
        brokers(g, max_hops=1)


def test_brokers_prefer_existing_then_stronger_links():
    # Three two-hop paths to actor-4: via 1 (existing, strength 1+1), via 2 (existing,
    # 3+3), via 3 (potential, 3+3). Existing beats potential, then strength: via 2.
    actors = [actor(i, relationship="kenal") for i in (1, 2, 3, 4)]
    links = [
        link(1, 0, 1, strength=1, status="existing"),
        link(2, 1, 4, strength=1, status="existing"),
        link(3, 0, 3, strength=3),
        link(4, 3, 4, strength=3),
        link(5, 0, 2, strength=3, status="existing"),
        link(6, 2, 4, strength=3, status="existing"),
    ]
    assert [(p.target, p.via) for p in brokers(group(actors=actors, links=links))] == [
        ("actor-4", ["actor-2"])
    ]


def test_brokers_prefer_better_known_go_between():
    actors = [
        actor(1, relationship="kenal"),
        actor(2, relationship="mitra_aktif"),
        actor(3, relationship="belum_kenal"),
    ]
    links = [link(1, 0, 1), link(2, 1, 3), link(3, 0, 2), link(4, 2, 3)]
    assert brokers(group(actors=actors, links=links))[0].via == ["actor-2"]


def test_brokers_skip_linked_and_partners_and_report_unreachable(en):
    actors = [
        actor(1, relationship="kenal"),  # linked to the LKP: no broker needed
        actor(2, relationship="pernah_kerja_sama"),  # known well: no broker needed
        actor(3, name="Radio", relationship="belum_kenal"),  # isolated
    ]
    paths = brokers(group(actors=actors, links=[link(1, 0, 1), link(2, 1, 2)]))
    assert paths == [
        BrokerPath(
            "actor-3",
            [],
            "Nobody on our map connects us to Radio yet: add who knows them, "
            "or approach them directly.",
            reachable=False,
        )
    ]


def test_broker_scores():
    assert broker_scores(nx.path_graph(["lkp", "a", "b"])) == {"lkp": 0.0, "a": 1.0, "b": 0.0}
    g = group(actors=[actor(1), actor(2)], links=[link(1, 0, 1), link(2, 2, 1), link(3, 1, 2)])
    # lkp – actor-1 – actor-2 (two parallel links fold into one edge).
    assert (
        broker_scores(g)
        == broker_scores(build_graph(g))
        == {
            "lkp": 0.0,
            "actor-1": 1.0,
            "actor-2": 0.0,
        }
    )
    assert broker_scores(nx.Graph()) == {}
    loop = nx.MultiDiGraph([("lkp", "a"), ("a", "a"), ("a", "b")])
    assert broker_scores(loop)["a"] == 1.0


# ------------------------------------------------------------------ reciprocity
def test_reciprocity():
    actors = [actor(i) for i in (1, 2, 3, 4)]
    links = [
        link(1, 0, 1, "informasi"),  # LKP gives information to actor-1
        link(2, 1, 0, "modal"),  # actor-1 gives capital
        link(3, 0, 1, "sdm", direction="backward"),  # actor-1 gives people
        link(4, 2, 0, "cara_belajar", direction="both"),
        link(5, 0, 3, "pemasaran_lulusan"),
        link(6, 4, 1, "sdm"),  # actor-4 is not linked to the LKP
    ]
    assert reciprocity(group(actors=actors, links=links)) == [
        Reciprocity("actor-1", ["informasi"], ["sdm", "modal"], one_way=False),
        Reciprocity("actor-2", ["cara_belajar"], ["cara_belajar"], one_way=False),
        Reciprocity("actor-3", ["pemasaran_lulusan"], [], one_way=True),
    ]


# ------------------------------------------------------------------ patterns
def _pattern(actor_kw: dict, links=(), needs=()) -> tuple[str, str, str]:
    g = group(needs=needs, actors=[actor(1, name="Mitra", **actor_kw)], links=links)
    s = suggest_pattern(g, "actor-1")
    return s.rule, s.pattern, s.reason


def test_rule_order_matches_docs():
    assert PATTERN_RULES[0] == "inti_plasma_support" and PATTERN_RULES[-1] == "fallback"


def test_pattern_inti_plasma(en):
    rule, pattern, reason = _pattern(
        {"influence": 5, "category": "disnakertrans"},
        [link(1, 1, 0, "sdm"), link(2, 1, 0, "sarana")],
    )
    assert (rule, pattern) == ("inti_plasma_support", "inti_plasma")
    assert reason.startswith("Mitra has great influence (5) and gives the LKP human resources")
    assert "facilities and premises" in reason


def test_pattern_inti_plasma_from_offers_when_not_linked():
    rule, *_ = _pattern({"influence": 4, "offers_flows": ["modal", "teknologi"]})
    assert rule == "inti_plasma_support"


def test_pattern_asuh_one_kind(en):
    # Knowledge and ways of learning are one kind of support (technical guidance).
    links = [
        link(1, 1, 0, "pengetahuan_keterampilan"),
        link(2, 0, 1, "cara_belajar", direction="backward"),
    ]
    rule, pattern, reason = _pattern({"influence": 4}, links)
    assert (rule, pattern) == ("asuh_strong_giver", "pola_asuh")
    assert "(4)" in reason and "knowledge and skills and ways of learning" in reason


def test_pattern_strong_but_two_way_is_not_asuh():
    rule, *_ = _pattern({"influence": 5}, [link(1, 1, 0, "sdm", direction="both")])
    assert rule == "fallback"


def test_pattern_futuristik(en):
    rule, pattern, reason = _pattern(
        {"influence": 2, "category": "lkp"}, [link(1, 0, 1, "cara_belajar", direction="both")]
    )
    assert (rule, pattern) == ("futuristik_peer", "futuristik")
    assert "influence 2" in reason and "ways of learning" in reason


def test_pattern_graduates(en):
    rule, pattern, reason = _pattern({"category": "dudi", "offers_flows": ["pemasaran_lulusan"]})
    assert (rule, pattern) == ("kebutuhan_graduates", "sesuai_kebutuhan")
    assert "business and industry (DUDI)" in reason
    rule, *_ = _pattern({"category": "pusat_karya"}, [link(1, 0, 1, "pemasaran_lulusan")])
    assert rule == "kebutuhan_graduates"


def test_pattern_single_need(en):
    needs = [need(1, label="Teknisi mesin jahit"), need(2, "ada")]
    rule, pattern, reason = _pattern(
        {"category": "dudi", "influence": 1, "offers_needs": ["need-1", "need-2"]},
        [link(1, 1, 0, "teknologi")],
        needs,
    )
    assert (rule, pattern) == ("kebutuhan_single_need", "sesuai_kebutuhan")
    assert "(Teknisi mesin jahit)" in reason


def test_pattern_fallback(en):
    rule, pattern, reason = _pattern({"category": "tokoh_masyarakat", "influence": 3})
    assert (rule, pattern) == ("fallback", "sesuai_kebutuhan")
    assert "influence 3, gives nothing yet" in reason


def test_patterns_are_catalogue_ids_and_unknown_actor_fails():
    g = group(actors=[actor(1), actor(2, influence=5, offers_flows=["sdm"])])
    suggestions = suggest_patterns(g)
    assert list(suggestions) == ["actor-1", "actor-2"]
    assert {s.pattern for s in suggestions.values()} <= get_catalogue().ids("patterns")
    assert suggestions["actor-2"].rule == "asuh_strong_giver"
    with pytest.raises(KeyError):
        suggest_pattern(g, "actor-9")


# ------------------------------------------------------------------ degenerate maps
def test_empty_map(en):
    g = group(needs=[need(1, label="Honor")])
    assert partner_cover(g) == [] and brokers(g) == [] and reciprocity(g) == []
    assert suggest_patterns(g) == {}
    assert broker_scores(g) == {"lkp": 0.0}
    assert isinstance(coverage_matrix(g), pd.DataFrame)
    assert map_messages(g) == [
        "The map is still empty: add the parties that could help the LKP.",
        "No party on the map offers these needs yet: Honor.",
    ]
    assert map_messages(group())[0].startswith("The map is still empty")


def test_single_actor_without_links(en):
    g = group(actors=[actor(1, name="BLK", relationship="kenal")])
    assert map_messages(g) == [
        "Only one party is on the map (BLK): add others so the LKP can compare.",
        "No links yet: draw who is connected to whom, starting from the LKP.",
    ]
    assert [p.reachable for p in brokers(g)] == [False]
    assert partner_cover(g) == [] and reciprocity(g) == []
    assert suggest_patterns(g)["actor-1"].rule == "fallback"


def test_disconnected_map(en):
    actors = [
        actor(1, name="A"),
        actor(2, name="B", relationship="kenal"),
        actor(3, name="C", relationship="kenal"),
        actor(4, name="D"),
    ]
    g = group(actors=actors, links=[link(1, 0, 1), link(2, 2, 3)])
    assert map_messages(g) == [
        "Not linked to anyone on the map yet: D.",
        "Linked to others but not to the LKP, even through others: B, C.",
    ]
    assert [(p.target, p.reachable) for p in brokers(g)] == [
        ("actor-2", False),
        ("actor-3", False),
        ("actor-4", False),
    ]
    assert broker_scores(g) == dict.fromkeys(
        ["lkp", "actor-1", "actor-2", "actor-3", "actor-4"], 0.0
    )
    assert [r.actor_id for r in reciprocity(g)] == ["actor-1"]


def test_connected_map_has_no_messages():
    g = group(actors=[actor(1), actor(2)], links=[link(1, 0, 1), link(2, 1, 2)])
    assert map_messages(g) == []


def test_sentences_follow_the_language():
    g = group(actors=[actor(1, name="A")], links=[])
    set_language("en")
    english = map_messages(g)
    set_language("id")
    assert len(map_messages(g)) == len(english) == 2


# ------------------------------------------------------------------ the sample
@pytest.fixture(scope="module")
def jahit(tmp_path_factory) -> Group:
    workshop = create_sample(tmp_path_factory.mktemp("sample") / "w")
    return workshop.load("lkp-jahit-cempaka-mandiri")


def test_sample_complete_group(jahit):
    set_language("en")
    paths = {p.target: p for p in brokers(jahit)}
    # Bank CSR (actor-15) is linked only to Disperindag (actor-4), which is linked to the LKP.
    assert paths["actor-15"].via == ["actor-4"]
    assert paths["actor-15"].sentence == (
        "Ask Dinas Perindustrian dan Perdagangan Kota Banjarbaru to introduce us to "
        "Program CSR bank daerah."
    )
    # The community radio (actor-18) has no link at all.
    assert not paths["actor-18"].reachable
    assert set(paths) == {"actor-8", "actor-9", "actor-15", "actor-18"}
    # Besides the LKP itself, Disperindag lies on the most shortest paths.
    scores = broker_scores(jahit)
    assert max((v, k) for k, v in scores.items() if k != LKP_NODE)[1] == "actor-4"
    # First pick: the konveksi (actor-7, kenal, interest 4: ease 0.75 × 0.9 = 0.675) covers
    # need-4 (25), need-29 (25), need-26 (16) and need-31 (4 × 4 × 0.5 = 8): 74 × 0.675.
    first = partner_cover(jahit)[0]
    assert first == CoverStep("actor-7", ["need-4", "need-29", "need-26", "need-31"], 49.95)
    assert [n.label for n in uncovered_needs(jahit)] == [
        "Honor instruktur",
        "Ruang praktik menjahit",
        "Komputer untuk membuat pola digital",
    ]
    assert suggest_pattern(jahit, "actor-6").pattern == "futuristik"  # the other LKP
    messages = map_messages(jahit)
    assert messages[0] == "Not linked to anyone on the map yet: Radio komunitas lokal."


def test_docstring_examples_run():
    import doctest

    from toolkit.analysis import partners

    result = doctest.testmod(partners)
    assert result.attempted and not result.failed
