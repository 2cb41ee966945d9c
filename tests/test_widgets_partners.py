"""Step 3 widgets without a kernel: model -> widgets and widgets -> saved model."""

from __future__ import annotations

import html

import pytest

import toolkit
from toolkit.i18n import gettext as _
from toolkit.widgets import partners
from toolkit.widgets.partners import (
    ANALYSIS_TAB,
    MAP_TAB,
    describe_map_tools,
    direction_choice,
    link_direction,
    partners_app,
    sigma_graph,
)

JAHIT = "lkp-jahit-cempaka-mandiri"
RIAS = "lkp-tata-rias-intan"
KOMPUTER = "lkp-komputer-borneo-cerdas"


@pytest.fixture
def ws(tmp_path):
    return toolkit.create_sample(tmp_path / "s")


def _open(ws, gid):
    frame = partners_app(ws, delay=0)
    frame.picker.value = gid
    return frame, frame.partners_view


def _errors(frame):
    assert "⚠" not in frame.status.value, frame.status.value


# ------------------------------------------------------------ model -> widgets
def test_actor_form_shows_the_model(ws):
    frame, view = _open(ws, JAHIT)
    assert len(view.actor_list.options) == 18
    view.actor_list.value = "actor-2"
    f = view.form
    assert f["name"].value == "UPTD Balai Latihan Kerja (BLK) Banjarbaru"
    assert f["category"].value == "disnakertrans"
    assert (f["influence"].value, f["interest"].value) == (4, 4)
    assert f["relationship"].value == "pernah_kerja_sama"
    assert f["contact_role"].value == "Kepala Seksi Pelatihan"
    assert set(f["offers_needs"].value) == set(ws.load(JAHIT).actor("actor-2").offers_needs)
    checked = {k for k, box in f["offers_flows"].items() if box.value}
    assert checked == {"teknologi", "pengetahuan_keterampilan", "sdm", "sarana"}
    _errors(frame)


def test_need_choices_are_the_lacking_needs(ws):
    frame, view = _open(ws, RIAS)
    group = ws.load(RIAS)
    ids = [v for _l, v in view.form["offers_needs"].options]
    assert ids == [n.id for n in group.needs if n.lacking]


def test_link_list_shows_the_model(ws):
    frame, view = _open(ws, RIAS)
    assert list(view.link_rows) == ["link-1", "link-2", "link-3"]
    text = view.link_rows["link-3"][0].children[0].value
    assert "Distributor produk kosmetik" in text and "Salon dan perias" in text
    assert _("already exists") in text


def test_direction_maps_to_the_model():
    assert link_direction("actor-1", "lkp", "to_lkp") == "forward"
    assert link_direction("lkp", "actor-1", "to_lkp") == "backward"
    assert link_direction("lkp", "actor-1", "from_lkp") == "forward"
    assert link_direction("actor-1", "lkp", "from_lkp") == "backward"
    assert link_direction("actor-1", "actor-2", "backward") == "backward"
    from toolkit.model import Link

    for src, tgt in (("actor-1", "lkp"), ("lkp", "actor-1"), ("actor-1", "actor-2")):
        for d in ("forward", "backward", "both"):
            link = Link(id="link-1", source=src, target=tgt, flow="sdm", direction=d)
            assert link_direction(src, tgt, direction_choice(link)) == d


# ------------------------------------------------------------ widgets -> model
def test_actor_edits_are_saved(ws):
    frame, view = _open(ws, RIAS)
    view.actor_list.value = "actor-3"
    f = view.form
    f["name"].value = "LKP kecantikan Melati"
    f["category"].value = "lkp"
    f["influence"].value = 4
    f["interest"].value = 5
    f["relationship"].value = "kenal"
    f["contact_role"].value = "Pimpinan"
    f["note"].value = "Bisa berbagi kursi rias."
    lacking = [v for _l, v in f["offers_needs"].options]
    f["offers_needs"].value = tuple(lacking[:2])
    f["offers_flows"]["sdm"].value = True
    actor = ws.load(RIAS).actor("actor-3")
    assert actor.name == "LKP kecantikan Melati"
    assert (actor.influence, actor.interest, actor.relationship) == (4, 5, "kenal")
    assert (actor.contact_role, actor.note) == ("Pimpinan", "Bisa berbagi kursi rias.")
    assert actor.offers_needs == lacking[:2]
    assert set(actor.offers_flows) == {"sarana", "cara_belajar", "sdm"}
    assert ("LKP kecantikan Melati", "actor-3") in view.actor_list.options
    _errors(frame)


def test_duplicate_name_is_refused(ws):
    frame, view = _open(ws, RIAS)
    view.actor_list.value = "actor-3"
    view.form["name"].value = "Distributor produk kosmetik"
    assert _("A party with this name is already on the map.") in view.form_messages["name"].value
    assert ws.load(RIAS).actor("actor-3").name.startswith("LKP tata kecantikan")


def test_add_and_remove_actor(ws):
    frame, view = _open(ws, RIAS)
    view.new_name.value = "Hotel di Banjarbaru"
    view.new_category.value = "dudi"
    view.add_button.click()
    saved = ws.load(RIAS)
    assert [(a.id, a.name, a.category) for a in saved.actors][-1] == (
        "actor-5",
        "Hotel di Banjarbaru",
        "dudi",
    )
    assert view.actor_list.value == "actor-5" and view.form["name"].value == "Hotel di Banjarbaru"
    assert view.new_name.value == ""
    view.actor_list.value = "actor-2"  # the salon has links
    view.remove_button.click()
    assert html.escape(_(partners._MSG_CONFIRM)) in view.actor_message.value
    assert len(ws.load(RIAS).actors) == 5
    view.remove_button.click()
    saved = ws.load(RIAS)
    assert "actor-2" not in [a.id for a in saved.actors]
    assert all("actor-2" not in (k.source, k.target) for k in saved.links)
    assert list(view.link_rows) == [k.id for k in saved.links] == ["link-1"]
    _errors(frame)


def test_empty_name_is_refused(ws):
    frame, view = _open(ws, KOMPUTER)
    view.add_button.click()
    assert _("Write the name of the party first.") in view.actor_message.value
    assert ws.load(KOMPUTER).actors == []
    assert view.form["name"].disabled


def test_quick_add_from_the_catalogue(ws):
    frame, view = _open(ws, KOMPUTER)
    view.quick_category.value = "ormas"
    assert view.quick_partner.options[0] == ("PKK", "pkk")
    view.quick_partner.value = "karang_taruna"
    view.quick_button.click()
    actor = ws.load(KOMPUTER).actors[0]
    assert (actor.name, actor.category) == ("Karang taruna dan kelompok pemuda", "ormas")
    assert view.form["name"].value == actor.name and view.form["category"].value == "ormas"


def test_actor_in_the_plan_cannot_be_removed(ws):
    frame, view = _open(ws, JAHIT)
    view.actor_list.value = "actor-2"  # partnership-1
    view.remove_button.click()
    view.remove_button.click()
    assert "UPTD Balai Latihan Kerja" in view.actor_message.value
    assert "actor-2" in [a.id for a in ws.load(JAHIT).actors]


def test_add_and_remove_link(ws):
    frame, view = _open(ws, RIAS)
    lf = view.link_form
    lf["source"].value = "actor-3"
    lf["target"].value = "lkp"
    assert [v for _l, v in lf["direction"].options] == ["to_lkp", "from_lkp", "both"]
    lf["direction"].value = "to_lkp"
    lf["flow"].value = "sarana"
    lf["strength"].value = 3
    lf["status"].value = "potential"
    view.add_link_button.click()
    link = ws.load(RIAS).links[-1]
    assert (link.id, link.source, link.target, link.flow) == ("link-4", "actor-3", "lkp", "sarana")
    assert (link.direction, link.strength, link.status) == ("forward", 3, "potential")
    assert "link-4" in view.link_rows
    button = view.link_rows["link-1"][1]
    button.click()
    button.click()
    assert [k.id for k in ws.load(RIAS).links] == ["link-2", "link-3", "link-4"]
    _errors(frame)


def test_link_to_itself_is_refused(ws):
    frame, view = _open(ws, RIAS)
    view.link_form["source"].value = "actor-1"
    view.link_form["target"].value = "actor-1"
    view.add_link_button.click()
    assert _("Choose two different ends for the relationship.") in view.link_message.value
    assert len(ws.load(RIAS).links) == 3


# ------------------------------------------------------------------- the map
def test_node_selection_shows_the_actor(ws):
    frame, view = _open(ws, JAHIT)
    view.tabs.selected_index = MAP_TAB
    assert view.sigma is not None
    assert "data-parties='18'" in view.map_count.value
    view.sigma.selected_node = "actor-3"
    assert view.actor_list.value == "actor-3"
    assert view.form["name"].value == "Dinas Sosial Kota Banjarbaru"
    assert "Dinas Sosial Kota Banjarbaru" in view.map_detail.value
    view.edit_button.click()
    assert view.tabs.selected_index == 0


def test_map_refreshes_after_a_save_not_before(ws):
    frame, view = _open(ws, RIAS)
    view.tabs.selected_index = MAP_TAB
    first = view.sigma
    view.tabs.selected_index = 0
    view.new_name.value = "Hotel di Banjarbaru"
    view.add_button.click()
    assert view.sigma is first  # not redrawn while hidden
    view.tabs.selected_index = MAP_TAB
    assert view.sigma is not first
    assert "data-parties='5'" in view.map_count.value
    assert len(sigma_graph(ws.load(RIAS))) == 6


def test_sigma_graph_directions():
    from toolkit.model import Actor, Group, Link

    g = Group(
        id="g",
        name="G",
        actors=[Actor(id="actor-1", name="A", category="dudi")],
        links=[Link(id="link-1", source="lkp", target="actor-1", flow="sdm", direction="both")],
    )
    D = sigma_graph(g)
    assert set(D.edges) == {("lkp", "actor-1"), ("actor-1", "lkp")}


def test_analysis_panel(ws):
    frame, view = _open(ws, JAHIT)
    view.tabs.selected_index = ANALYSIS_TAB
    text = view.analysis_html.value
    assert "kemitraan-coverage" in text and "✓" in text
    assert "⚠ Honor instruktur" in text  # an uncovered priority need
    assert _("one way") in text
    assert "Butik busana muslim lokal" in text
    assert view.grid_image.value[:4] == b"\x89PNG"
    view.tabs.selected_index = 0
    view.new_name.value = "Bank syariah"
    view.add_button.click()
    view.tabs.selected_index = ANALYSIS_TAB
    assert "Bank syariah" in view.analysis_html.value


# -------------------------------------------------------------- rebuilding
def test_rebuild_shows_the_same_and_does_not_stack_listeners(ws):
    frame, view = _open(ws, RIAS)
    view.actor_list.value = "actor-2"
    view.form["interest"].value = 5
    listeners = len(frame.session.listeners)
    frame.select(RIAS)
    again = frame.partners_view
    assert again is not view
    assert len(frame.session.listeners) == listeners
    assert view.listener not in frame.session.listeners
    again.actor_list.value = "actor-2"
    assert again.form["interest"].value == 5
    frame._render_body()
    frame._render_body()
    assert len(frame.session.listeners) == listeners


def test_describe_map_tools_is_plain_and_fixed():
    text = describe_map_tools("id")
    assert text == describe_map_tools("id")
    assert text.count("\n- ") == 4


# ------------------------------------------------- issue 4: names and duplicates
def test_names_are_compared_like_the_import(ws):
    frame, view = _open(ws, RIAS)
    twice = html.escape(_(partners._MSG_NAME_TWICE))
    for name in (" distributor  PRODUK\u00a0kosmetik ", "Distributor produk kosmetik\t"):
        view.new_name.value = name
        view.add_button.click()
        assert twice in view.actor_message.value, name
    view.actor_list.value = "actor-3"
    view.form["name"].value = "DISTRIBUTOR   produk kosmetik"
    assert twice in view.form_messages["name"].value
    assert len(ws.load(RIAS).actors) == 4
    assert ws.load(RIAS).actor("actor-3").name.startswith("LKP tata kecantikan")


def test_party_named_like_the_own_lkp_is_refused(ws):
    frame, view = _open(ws, RIAS)
    own = html.escape(_(partners._MSG_NAME_OWN))
    view.new_name.value = "lkp tata  rias intan"  # the group's LKP (profile name)
    view.add_button.click()
    assert own in view.actor_message.value
    view.actor_list.value = "actor-4"
    view.form["name"].value = "LKP Tata Rias Intan"
    assert own in view.form_messages["name"].value
    saved = ws.load(RIAS)
    assert len(saved.actors) == 4 and saved.actor("actor-4").name == "Distributor produk kosmetik"


def test_invisible_names_are_refused_and_control_characters_removed(ws):
    frame, view = _open(ws, KOMPUTER)
    invisible = html.escape(_(partners._MSG_NAME_INVISIBLE))
    for name in ("\u200b", "\u200b\u200d\ufeff", "\x07\x00"):
        view.new_name.value = name
        view.add_button.click()
        assert invisible in view.actor_message.value, repr(name)
    assert ws.load(KOMPUTER).actors == []
    view.new_name.value = "Bad\x07Name\x00"
    view.add_button.click()
    assert [a.name for a in ws.load(KOMPUTER).actors] == ["BadName"]
    view.form["name"].value = "\u200bToko\tJaya\u200b"
    assert [a.name for a in ws.load(KOMPUTER).actors] == ["Toko Jaya"]
    view.form["name"].value = "\u200b \u200b"
    assert invisible in view.form_messages["name"].value
    assert [a.name for a in ws.load(KOMPUTER).actors] == ["Toko Jaya"]
    raw = ws.group_path(KOMPUTER).read_text(encoding="utf-8")
    assert "\\u0000" not in raw and "\\u0007" not in raw and "\\u200b" not in raw
    _errors(frame)


def test_the_same_relationship_cannot_be_added_twice(ws):
    frame, view = _open(ws, RIAS)
    lf, twice = view.link_form, html.escape(_(partners._MSG_LINK_TWICE))
    lf["source"].value, lf["target"].value = "actor-4", "actor-2"
    lf["flow"].value, lf["direction"].value = "sarana", "forward"  # as link-3
    lf["strength"].value = 3  # strength and status do not make another relationship
    view.add_link_button.click()
    assert twice in view.link_message.value
    lf["source"].value, lf["target"].value = "actor-2", "actor-4"
    lf["direction"].value = "backward"  # the same giving, written from the other end
    view.add_link_button.click()
    assert twice in view.link_message.value
    lf["source"].value, lf["target"].value = "lkp", "actor-1"
    lf["flow"].value, lf["direction"].value = "informasi", "both"  # as link-1
    view.add_link_button.click()
    assert twice in view.link_message.value
    assert len(ws.load(RIAS).links) == 3
    lf["direction"].value = "from_lkp"  # one way is another relationship
    view.add_link_button.click()
    assert [(k.source, k.target, k.direction) for k in ws.load(RIAS).links][-1] == (
        "lkp",
        "actor-1",
        "forward",
    )
    _errors(frame)


def test_large_map_view_shrinks_markers_and_names_only_what_fits():
    from toolkit.model import Actor, Group
    from toolkit.widgets.partners import _make_sigma

    small = Group(id="g", name="G", actors=[Actor(id="actor-1", name="A", category="dudi")])
    assert sigma_graph(small).nodes["actor-1"]["size"] == 10  # 4 + 2 x influence 3
    assert _make_sigma(small).renderer_settings["labelDensity"] == 10_000  # all names
    actors = [Actor(id=f"actor-{i}", name=f"A{i}", category="dudi") for i in range(1, 200)]
    big = Group(id="g", name="G", actors=actors)  # 200 nodes with the LKP
    D = sigma_graph(big)
    assert D.nodes["actor-1"]["size"] == round(10 * (150 / 200) ** 0.5, 1) == 8.7
    assert D.nodes["lkp"]["size"] == 14
    assert _make_sigma(big).renderer_settings["labelDensity"] < 10_000


def _many_links(ws, n_links):
    from toolkit.model import Actor, Link

    with ws.edit(KOMPUTER) as g:
        g.actors = [Actor(id=f"actor-{i}", name=f"Pihak {i}", category="dudi")
                    for i in range(1, n_links + 1)]  # fmt: skip
        g.links = [Link(id=f"link-{i}", source="lkp", target=f"actor-{i}", flow="sdm")
                   for i in range(1, n_links + 1)]  # fmt: skip


def test_many_relationships_show_the_newest_and_a_search(ws, monkeypatch):
    monkeypatch.setattr(partners, "LINK_ROWS_SHOWN", 5)
    _many_links(ws, 12)
    frame, view = _open(ws, KOMPUTER)
    assert list(view.link_rows) == [f"link-{i}" for i in range(8, 13)]
    assert view.link_search.layout.display is None
    assert "5" in view.links_note.value and "12" in view.links_note.value
    view.link_search.value = "  pihak 3 "  # Pihak 3 only (not 13: there is none)
    assert list(view.link_rows) == ["link-3"]
    view.link_search.value = "tidak ada"
    assert view.link_rows == {}
    assert html.escape(_("No relationship matches the search.")) in view.links_note.value
    _errors(frame)


def test_adding_a_party_reuses_relationship_rows_and_frees_removed_ones(ws):
    from ipywidgets.widgets.widget import _instances

    _many_links(ws, 20)
    frame, view = _open(ws, KOMPUTER)
    first = view.link_rows["link-1"]
    live = len(_instances)
    for i in range(3):
        view.new_name.value = f"Hotel {i}"
        view.add_button.click()
    assert view.link_rows["link-1"] is first  # not rebuilt
    assert len(_instances) <= live + 3  # no growing pile of row widgets
    button = view.link_rows["link-2"][1]
    button.click()
    button.click()  # confirm
    assert "link-2" not in view.link_rows
    assert button.comm is None  # its widget closed
    _errors(frame)


def test_relationship_search_looks_at_names_only_and_stays_while_on(ws, monkeypatch):
    from ipywidgets.widgets.widget import _instances

    monkeypatch.setattr(partners, "LINK_ROWS_SHOWN", 5)
    _many_links(ws, 6)
    frame, view = _open(ws, KOMPUTER)
    live = len(_instances)
    for _round in range(3):  # rows rebuilt and closed with their layouts and styles
        view.link_search.value = "pihak 1"
        view.link_search.value = ""
    assert len(_instances) == live
    view.link_search.value = "<b>"  # markup and flow labels are not names
    assert view.link_rows == {}
    view.link_search.value = "sumber daya"  # the flow "Sumber daya manusia"
    assert view.link_rows == {}
    view.link_search.value = "Pihak 6"
    button = view.link_rows["link-6"][1]
    button.click()
    button.click()  # 5 relationships left: under the limit, but the search is still on
    assert view.link_rows == {}
    assert view.link_search.layout.display is None
    view.link_search.value = ""
    assert len(view.link_rows) == 5 and view.link_search.layout.display == "none"
    _errors(frame)


def test_a_link_between_two_parties_reads_with_an_arrow(ws):
    from toolkit.model import Actor, Link

    with ws.edit(KOMPUTER) as g:
        g.actors = [Actor(id="actor-1", name="Toko A", category="dudi"),
                    Actor(id="actor-2", name="Toko B", category="dudi")]  # fmt: skip
        g.links = [Link(id="link-1", source="actor-1", target="actor-2", flow="sdm",
                        direction="backward")]  # fmt: skip
    frame, view = _open(ws, KOMPUTER)
    text = view.link_rows["link-1"][0].children[0].value
    assert "<b>Toko A</b> ← <b>Toko B</b>" in text  # Toko B gives to Toko A
    assert _("from 'To' to 'From'") not in text
    _errors(frame)


def test_the_click_again_message_goes_with_an_armed_row_that_leaves(ws, monkeypatch):
    monkeypatch.setattr(partners, "LINK_ROWS_SHOWN", 5)
    _many_links(ws, 12)
    frame, view = _open(ws, KOMPUTER)
    view.link_search.value = "Pihak 12"
    view.link_rows["link-12"][1].click()  # armed: "click again"
    assert view.link_message.value
    view.link_search.value = "Pihak 3"  # the armed row is no longer shown
    assert view.link_message.value == ""
    _errors(frame)
