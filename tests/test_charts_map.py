"""Partner map pictures: the network figure and the power-interest grid."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.catalogue import get_catalogue
from toolkit.charts import (
    CATEGORY_COLOURS,
    FLOW_COLOURS,
    figure_png,
    map_layout,
    network_figure,
    power_interest_figure,
)
from toolkit.graph import build_graph
from toolkit.model import Actor, Group

JAHIT = "lkp-jahit-cempaka-mandiri"


@pytest.fixture(scope="module")
def jahit(tmp_path_factory):
    return toolkit.create_sample(tmp_path_factory.mktemp("s") / "w").load(JAHIT)


def _legend_texts(fig):
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def test_colours_cover_the_catalogue():
    cat = get_catalogue()
    assert set(CATEGORY_COLOURS) == {c.id for c in cat.partner_categories}
    assert set(FLOW_COLOURS) == {f.id for f in cat.flows}
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORY_COLOURS)


@pytest.mark.parametrize("draw", [network_figure, power_interest_figure])
def test_figures_are_deterministic(jahit, draw):
    assert figure_png(draw(jahit, lang="id")) == figure_png(draw(jahit, lang="id"))


def test_network_legends_name_categories_and_flows_in_indonesian(jahit):
    texts = " ".join(_legend_texts(network_figure(jahit, lang="id"))).replace("\n", " ")
    assert "Dinas Tenaga Kerja dan Transmigrasi" in texts
    assert "Dunia usaha dan dunia industri (DUDI)" in texts
    assert "Pengetahuan dan keterampilan" in texts
    assert "Modal (dana)" in texts


def test_network_draws_every_node_and_link(jahit):
    fig = network_figure(jahit, lang="id")
    ax = fig.axes[0]
    assert len(ax.collections) == len(jahit.actors) + 1  # one marker per node
    arrows = [p for p in ax.patches]
    assert len(arrows) == len(jahit.links)
    dashed = [p for p in arrows if p.get_linestyle() not in ("-", "solid")]
    assert len(dashed) == sum(1 for k in jahit.links if k.status == "potential")
    labels = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert "Radio komunitas lokal" in labels
    assert all(t.get_fontsize() >= 7 for t in ax.texts)


def test_layout_puts_isolated_actors_in_a_row_below(jahit):
    pos = map_layout(build_graph(jahit))
    radio = pos["actor-18"]  # the only actor without a link
    linked = [p for n, p in pos.items() if n != "actor-18"]
    assert radio[1] < min(y for _x, y in linked)
    assert pos == map_layout(build_graph(jahit))


def test_layout_packs_components_side_by_side():
    g = Group(
        id="g",
        name="G",
        actors=[Actor(id=f"actor-{i}", name=f"A{i}", category="dudi") for i in range(1, 6)],
        links=[
            {"id": "link-1", "source": "lkp", "target": "actor-1", "flow": "sdm"},
            {"id": "link-2", "source": "actor-2", "target": "actor-3", "flow": "modal"},
        ],
    )
    pos = map_layout(build_graph(g))
    left = max(pos["lkp"][0], pos["actor-1"][0])
    right = min(pos["actor-2"][0], pos["actor-3"][0])
    assert left < right  # two components, one beside the other
    assert pos["actor-4"][1] == pos["actor-5"][1] < min(pos["lkp"][1], pos["actor-2"][1])


def test_power_interest_grid_has_quadrants_and_numbered_actors(jahit):
    fig = power_interest_figure(jahit, lang="id")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    numbers = [t for t in texts if t.isdigit()]
    assert sorted(map(int, numbers)) == list(range(1, len(jahit.actors) + 1))
    assert len([t for t in texts if "\n" in t]) == 4  # the four strategies
    key = fig.texts[-1].get_text()
    assert "1. Dinas Tenaga Kerja Kota Banjarbaru" in key
    offsets = [tuple(c.get_offsets()[0]) for c in ax.collections]
    assert len(set(offsets)) == len(offsets)  # equal scores do not overlap


@pytest.mark.parametrize("draw", [network_figure, power_interest_figure])
def test_empty_map_gives_a_plain_message(draw):
    fig = draw(Group(id="kosong", name="Kosong"), lang="id")
    assert len(fig.axes) == 1 and not fig.axes[0].collections
    assert figure_png(fig)[:4] == b"\x89PNG"


def test_unknown_language_is_refused(jahit):
    with pytest.raises(ValueError):
        network_figure(jahit, lang="fr")


def test_sample_pictures_are_kept_as_artifacts(jahit):
    """Write the sample's exported pictures to test-artifacts/ for people to look at."""
    from pathlib import Path

    from PIL import Image

    from toolkit.charts import figure_png

    folder = Path(__file__).resolve().parent.parent / "test-artifacts"
    folder.mkdir(exist_ok=True)
    for name, draw in (("network", network_figure), ("power-interest", power_interest_figure)):
        path = folder / f"03-sample-{name}.png"
        path.write_bytes(figure_png(draw(jahit)))
        with Image.open(path) as image:
            assert image.width >= 800 and image.height >= 500


# ------------------------------------------- issue 4: the group's words as plain text
DOLLAR_NAMES = ["Toko $x^$ Jaya", "Rp$ 5 $ 10", "$\\alpha$", "Kopi $\\frac{1}{0}$"]


def _dollar_group():
    import datetime as dt

    from toolkit.model import Activity, Link, Need, Partnership, Plan, StagePlan

    actors = [
        Actor(id=f"actor-{i}", name=n, category="dudi") for i, n in enumerate(DOLLAR_NAMES, 1)
    ]
    activity = Activity(id="act-1", name="Rapat $y_1$", start=dt.date(2027, 1, 4),
                        end=dt.date(2027, 1, 8))  # fmt: skip
    plan = Plan(partnerships=[Partnership(id="p-1", actor_id="actor-1",
                                          stages=[StagePlan(stage="pelaksanaan",
                                                            activities=[activity])])])  # fmt: skip
    need = Need(id="need-1", aspect="dana", label="Dana $\\beta$", availability="belum_ada",
                importance=4, urgency=5)  # fmt: skip
    return Group(id="g", name="Kelompok $G$", actors=actors, needs=[need], plan=plan,
                 links=[Link(id="link-1", source="lkp", target="actor-1", flow="sdm")])  # fmt: skip


def _all_texts(fig):
    return [t for t in fig.findobj(lambda a: hasattr(a, "get_parse_math")) if t.get_text()]


def _drawn_without_warnings(fig):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph or a mathtext problem fails
        return figure_png(fig)


@pytest.mark.parametrize("draw", ["network_figure", "power_interest_figure", "priority_chart",
                                  "timeline_figure"])  # fmt: skip
def test_dollar_signs_are_drawn_as_plain_text(draw):
    from toolkit import charts

    fig = getattr(charts, draw)(_dollar_group(), lang="en")
    assert _drawn_without_warnings(fig)[:4] == b"\x89PNG"
    texts = _all_texts(fig)
    assert texts and not any(t.get_parse_math() or t.get_usetex() for t in texts)
    drawn = [t.get_text() for t in texts]
    if draw == "network_figure":
        assert set(DOLLAR_NAMES) <= set(drawn) and "Partner map: Kelompok $G$" in drawn
    elif draw == "power_interest_figure":
        key = fig.texts[-1].get_text().splitlines()
        assert key == [f"{i:>2}. {n}" for i, n in enumerate(DOLLAR_NAMES, 1)]
    elif draw == "priority_chart":
        assert "1. Dana $\\beta$" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    else:
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert labels == ["Toko $x^$ Jaya", "Rapat $y_1$"]


def test_long_names_are_shortened_with_an_ellipsis_in_the_key():
    long_word, long_words = "x" * 200, " ".join(["Koperasi"] * 20)
    actors = [
        Actor(id="actor-1", name=long_word, category="dudi"),
        Actor(id="actor-2", name=long_words, category="dudi"),
    ]
    g = Group(id="g", name="G", actors=actors)
    key = power_interest_figure(g, lang="en").texts[-1].get_text().splitlines()
    assert key[0] == " 1. " + "x" * 51 + "…"
    assert key[1] == " 2. " + " ".join(["Koperasi"] * 5) + "…"  # cut at a blank: 44 + 1
    assert len(key[1]) - 4 <= 52


def test_characters_the_font_lacks_are_replaced_by_a_note():
    g = Group(id="g", name="G 🙏🏽", actors=[Actor(id="actor-1", name="Kopi 👍🏽 Banua 漢",
                                                    category="dudi")])  # fmt: skip
    for draw in (network_figure, power_interest_figure):
        fig = draw(g, lang="en")
        _drawn_without_warnings(fig)  # no "Glyph ... missing from font" warning
        text = " ".join(" ".join(t.get_text() for t in _all_texts(fig)).split())
        assert "Kopi [emoji] Banua [emoji]" in text and "G [emoji]" in text
        assert "👍" not in text and "\U0001f3fd" not in text


# ------------------------------------------- issue 4: a large map (5,000 nodes)
def test_ring_layout_puts_the_lkp_at_the_centre_and_close_partners_inside():
    import networkx as nx

    from toolkit.charts import ring_layout

    G = nx.Graph()
    G.add_node("lkp", kind="lkp")
    # Band 1 (mitra aktif): 2 nodes on ring 1. Band 2 (belum kenal): 10 nodes, ring 2
    # starts after a 0.6 gap at radius 2.6 and holds 8 x ceil(2.6) = 24, so all 10.
    G.add_node("aktif-b", kind="actor", relationship="mitra_aktif", category="dudi")
    G.add_node("aktif-a", kind="actor", relationship="mitra_aktif", category="disnakertrans")
    for i in range(10):
        G.add_node(f"baru-{i}", kind="actor", relationship="belum_kenal", category="dudi")
    pos = ring_layout(G)
    assert pos["lkp"] == (0.0, 0.0)
    radius = {n: round((x * x + y * y) ** 0.5, 6) for n, (x, y) in pos.items()}
    assert radius["aktif-a"] == radius["aktif-b"] == round(1 / 2.6, 6)
    assert {radius[f"baru-{i}"] for i in range(10)} == {1.0}
    # Dealt clockwise from the top in category order: disnakertrans (first in the
    # catalogue) at the top, the DUDI one opposite.
    assert pos["aktif-a"] == pytest.approx((0.0, 1 / 2.6))
    assert pos["aktif-b"] == pytest.approx((0.0, -1 / 2.6))
    assert pos == ring_layout(G)


def test_ring_layout_wedges_follow_the_categories_across_rings():
    import math

    import networkx as nx

    from toolkit.charts import CATEGORY_COLOURS, ring_layout

    G = nx.Graph()
    cats = list(CATEGORY_COLOURS)[:2]
    for i in range(60):  # one band of 60 nodes, 30 of each of two categories
        G.add_node(f"n{i:02d}", kind="actor", relationship="kenal", category=cats[i // 30])
    pos = ring_layout(G)
    # No single LKP: ring 1 holds 8, ring 2 16, ring 3 24, ring 4 the last 12.
    radii = sorted({round(math.hypot(*p), 6) for p in pos.values()})
    assert len(radii) == 4
    # The first category takes the first half-turn (clockwise from the top: x >= 0).
    assert all(pos[f"n{i:02d}"][0] >= -1e-9 for i in range(30))
    assert all(pos[f"n{i:02d}"][0] <= 1e-9 for i in range(30, 60))


def test_map_layout_uses_rings_above_the_spring_limit(monkeypatch):
    from toolkit import charts

    g = _chain_group(12)
    monkeypatch.setattr(charts, "SPRING_MAX_NODES", 5)
    pos = map_layout(build_graph(g))
    lkp = pos["lkp"]
    dist = {
        n: round(((x - lkp[0]) ** 2 + (y - lkp[1]) ** 2) ** 0.5, 6) for n, (x, y) in pos.items()
    }
    # actors 1-6 mitra aktif, 7-12 belum kenal: every active partner is inside.
    assert max(dist[f"actor-{i}"] for i in range(1, 7)) < min(
        dist[f"actor-{i}"] for i in range(7, 13)
    )


def _chain_group(n):
    from toolkit.model import Link

    actors = [
        Actor(id=f"actor-{i}", name=f"Pihak {i}", category="dudi",
              relationship="mitra_aktif" if i <= n // 2 else "belum_kenal")
        for i in range(1, n + 1)
    ]  # fmt: skip
    links = [Link(id=f"link-{i}", source="lkp" if i == 1 else f"actor-{i - 1}",
                  target=f"actor-{i}", flow="sdm") for i in range(1, n + 1)]  # fmt: skip
    return Group(id="g", name="G", actors=actors, links=links)


def test_large_map_picture_names_only_the_lkp_and_says_so(monkeypatch):
    from matplotlib.collections import LineCollection

    from toolkit import charts

    g = _chain_group(12)
    monkeypatch.setattr(charts, "SPRING_MAX_NODES", 5)
    monkeypatch.setattr(charts, "_NAME_LIMIT", 10)
    monkeypatch.setattr(charts, "_ARROW_LIMIT", 10)
    fig = network_figure(g, lang="en")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["G"]  # only the LKP is named
    assert not ax.patches  # no arrows: lines
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert sum(len(c.get_segments()) for c in lines) == 12
    note = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "A map of 13 parties: only the LKP is named" in note
    assert "12 relationships: drawn without arrows" in note
    assert "rings around the LKP: active partners innermost" in note
    assert "around the outside" not in note  # one LKP: the group's own map
    note_id = " ".join(t.get_text() for t in network_figure(g, lang="id").texts)
    assert "Peta berisi 13 pihak" in note_id.replace("\n", " ")


def test_footnote_mentions_only_what_was_left_out(monkeypatch):
    from toolkit import charts

    g = _chain_group(12)
    monkeypatch.setattr(charts, "_NAME_LIMIT", 10)  # crowded, but few links: arrows kept
    fig = network_figure(g, lang="en")
    note = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "only the LKP is named" in note and "without arrows" not in note
    assert fig.axes[0].patches  # the arrows
    monkeypatch.setattr(charts, "_NAME_LIMIT", 150)
    monkeypatch.setattr(charts, "_ARROW_LIMIT", 10)  # many links, few nodes: names kept
    fig = network_figure(g, lang="en")
    note = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "without arrows" in note and "only the LKP is named" not in note
    assert "Pihak 5" in [t.get_text() for t in fig.axes[0].texts]


def test_several_lkps_share_one_ring_around_the_outside():
    import math

    import networkx as nx

    from toolkit.charts import ring_layout

    G = nx.Graph()
    for i in range(6):
        G.add_node(f"lkp-{i}", kind="lkp")
    G.add_node("a", kind="actor", relationship="mitra_aktif")
    pos = ring_layout(G)
    # The actor on ring 1; the six LKPs after a 0.6 gap and one more ring: 2.6 (= 1).
    assert math.hypot(*pos["a"]) == pytest.approx(1 / 2.6)
    assert {round(math.hypot(*pos[f"lkp-{i}"]), 6) for i in range(6)} == {1.0}
    gaps = [math.dist(pos[f"lkp-{i}"], pos[f"lkp-{(i + 1) % 6}"]) for i in range(6)]
    assert min(gaps) == pytest.approx(1.0)  # hexagon: side = radius


def test_small_bands_do_not_line_up_on_one_axis():
    import networkx as nx

    from toolkit.charts import ring_layout

    G = nx.path_graph([f"n{i}" for i in range(4)])
    for node, rel in zip(G.nodes, ["mitra_aktif", "pernah_kerja_sama", "kenal", "belum_kenal"],
                         strict=True):  # fmt: skip
        G.nodes[node].update(kind="actor", relationship=rel)
    pos = ring_layout(G)
    # One node per band: each band starts 0.381966 of a turn further round.
    assert pos["n0"][0] == pytest.approx(0.0)
    assert len({round(x, 6) for x, _y in pos.values()}) == 4


def test_many_components_are_packed_about_square():
    from toolkit.model import Link

    actors = [Actor(id=f"actor-{i}", name=f"P{i}", category="dudi") for i in range(1, 401)]
    links = [Link(id=f"link-{k}", source=f"actor-{2 * k - 1}", target=f"actor-{2 * k}",
                  flow="sdm") for k in range(1, 201)]  # fmt: skip
    pos = map_layout(build_graph(Group(id="g", name="G", actors=actors, links=links)))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.5 < width / height < 2.0  # 200 pairs: no longer a strip 3 pairs wide


def test_power_interest_grid_with_many_parties_keeps_one_page_and_says_why():
    from toolkit.charts import GRID_NUMBER_LIMIT

    actors = [Actor(id=f"actor-{i}", name=f"P{i}", category="dudi") for i in range(1, 61)]
    fig = power_interest_figure(Group(id="g", name="G", actors=actors), lang="en")
    assert GRID_NUMBER_LIMIT < 60
    assert fig.get_size_inches()[1] == 7.0
    assert not fig.axes[0].texts or all(not t.get_text().isdigit() for t in fig.axes[0].texts)
    notes = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "60 parties are too many to number here" in notes
