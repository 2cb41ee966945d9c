"""Step 2 widgets without a kernel: model -> widgets and widgets -> saved model."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.analysis import COLUMN_LABELS, NOT_RATED
from toolkit.i18n import gettext as _
from toolkit.widgets import needs as needs_mod
from toolkit.widgets.needs import (
    CRITERIA_TAB,
    INVENTORY_TAB,
    PRIORITY_TAB,
    needs_app,
    parse_count,
)

JAHIT = "lkp-jahit-cempaka-mandiri"
RIAS = "lkp-tata-rias-intan"
KOMPUTER = "lkp-komputer-borneo-cerdas"


@pytest.fixture
def ws(tmp_path):
    return toolkit.create_sample(tmp_path / "s")


def _open(ws, gid):
    frame = needs_app(ws, delay=0)
    frame.picker.value = gid
    return frame, frame.needs_view


def _errors(frame):
    assert "⚠" not in frame.status.value, frame.status.value


# ------------------------------------------------------------ model -> widgets
def test_profile_shows_the_model(ws):
    frame, view = _open(ws, JAHIT)
    p = view.profile
    assert p["name"].value == "LKP Jahit Cempaka Mandiri"
    assert p["district"].value == "Kota Banjarbaru"
    assert "Kabupaten Tanah Laut" in p["district"].options and len(p["district"].options) == 13
    assert p["programmes"].value.splitlines() == [
        "Menjahit busana wanita",
        "Menjahit busana anak",
        "Menjahit pakaian pria",
    ]
    assert (p["learners_per_year"].value, p["instructors"].value, p["staff"].value) == (
        "60",
        "3",
        "2",
    )
    assert p["facilities"].value.startswith("Satu ruang teori")
    _errors(frame)


def test_need_rows_show_the_model(ws):
    frame, view = _open(ws, JAHIT)
    row = view.rows["component:program_magang"]
    assert row.availability.value == "belum_ada"
    assert (row.importance.value, row.urgency.value) == (5, 5)
    assert row.stage.value == "pembelajaran"
    assert row.note.value == "Belum ada tempat magang tetap."
    assert row.remove is None  # catalogue components stay listed
    own = view.rows["need-15"]  # "Mesin bordir", the group's own component
    assert own.component is None and own.remove is not None
    assert own.availability.value == "belum_ada"
    # every catalogue component is listed once, plus the two own components
    assert len(view.rows) == 33 + 2
    assert view.inventory.titles[1].endswith("(8/8)")


def test_unassessed_components_are_listed_empty(ws):
    frame, view = _open(ws, KOMPUTER)
    row = view.rows["component:dana_operasional"]
    assert (row.availability.value, row.importance.value, row.stage.value) == ("", 0, "")
    assert len(view.rows) == 33
    assert view.inventory.titles[2].endswith("(0/7)")


def test_criteria_show_the_model(ws):
    frame, view = _open(ws, JAHIT)
    view.tabs.selected_index = CRITERIA_TAB
    assert list(view.criteria_rows)[:2] == ["need-4", "need-29"]
    checks = view.criteria_rows["need-4"].checks
    assert {c for c, box in checks.items() if box.value} == {"lokasi", "kapasitas", "komitmen"}
    assert len(view.criteria_rows) == needs_mod.CRITERIA_TOP


# ------------------------------------------------------------ widgets -> model
def test_profile_edits_are_saved(ws):
    frame, view = _open(ws, KOMPUTER)
    p = view.profile
    p["name"].value = "  LKP Komputer Borneo  "
    p["district"].value = "Kabupaten Tapin"
    p["programmes"].value = "Operator komputer\n\n  Desain grafis  \n"
    p["learners_per_year"].value = "1.200"
    p["instructors"].value = " 4 "
    p["facilities"].value = "12 komputer"
    saved = ws.load(KOMPUTER).profile
    assert saved.name == "LKP Komputer Borneo"
    assert saved.district == "Kabupaten Tapin"
    assert saved.programmes == ["Operator komputer", "Desain grafis"]
    assert (saved.learners_per_year, saved.instructors, saved.staff) == (1200, 4, None)
    assert saved.facilities == "12 komputer"
    _errors(frame)


def test_free_text_district_is_allowed(ws):
    frame, view = _open(ws, KOMPUTER)
    view.profile["district"].value = "Kota Palangka Raya"
    assert ws.load(KOMPUTER).profile.district == "Kota Palangka Raya"


@pytest.mark.parametrize("bad", ["abc", "-3", "2,5", "1.2", "4 orang"])
def test_bad_number_shows_a_message_and_saves_nothing(ws, bad):
    frame, view = _open(ws, JAHIT)
    before = ws.load(JAHIT)
    view.profile["staff"].value = bad
    message = view.profile_messages["staff"].value
    assert "⚠" in message and "0" in message
    after = ws.load(JAHIT)
    assert after.revision == before.revision and after.profile.staff == 2
    view.profile["staff"].value = ""  # cleared: the message goes, the value is unset
    assert view.profile_messages["staff"].value == ""
    assert ws.load(JAHIT).profile.staff is None


def test_number_out_of_the_model_range_is_refused(ws):
    frame, view = _open(ws, JAHIT)
    view.profile["staff"].value = "20000"  # the model allows at most 10 000
    assert "⚠" in view.profile_messages["staff"].value
    assert ws.load(JAHIT).profile.staff == 2


def test_first_edit_creates_the_need(ws):
    frame, view = _open(ws, KOMPUTER)
    row = view.rows["component:dana_operasional"]
    row.availability.value = "belum_ada"
    row.importance.value = 4
    row.urgency.value = 3
    row.stage.value = "persiapan"
    row.note.value = "Listrik mahal"
    (need,) = ws.load(KOMPUTER).needs
    assert need.id == "need-1" and need.component == "dana_operasional"
    assert need.aspect == "dana" and need.label == "Biaya operasional"
    assert (need.availability, need.importance, need.urgency) == ("belum_ada", 4, 3)
    assert (need.programme_stage, need.note) == ("persiapan", "Listrik mahal")
    row.importance.value = 0  # back to "not rated"
    assert ws.load(KOMPUTER).need("need-1").importance is None
    assert view.inventory.titles[2].endswith("(1/7)")
    _errors(frame)


def test_need_edits_are_saved(ws):
    frame, view = _open(ws, JAHIT)
    row = view.rows["component:program_magang"]
    row.availability.value = "sebagian"
    row.urgency.value = 2
    row.availability.value = ""
    need = ws.load(JAHIT).need("need-4")
    assert (need.availability, need.urgency, need.importance) == (None, 2, 5)


def test_add_and_remove_an_own_component(ws):
    frame, view = _open(ws, JAHIT)
    view.add_text["dana"].value = "  Hibah mesin dari donatur "
    view.add_button["dana"].click()
    saved = ws.load(JAHIT)
    new = saved.needs[-1]
    assert (new.id, new.label, new.aspect, new.component) == (
        "need-36",
        "Hibah mesin dari donatur",
        "dana",
        None,
    )
    assert view.add_text["dana"].value == ""
    row = view.rows["need-36"]
    assert row.box in view.rows_boxes["dana"].children
    row.availability.value = "belum_ada"
    assert ws.load(JAHIT).need("need-36").availability == "belum_ada"
    row.remove.click()  # asks first
    assert "need-36" in {n.id for n in ws.load(JAHIT).needs}
    assert "⚠" in row.message.value
    row.remove.click()
    assert "need-36" not in {n.id for n in ws.load(JAHIT).needs}
    assert "need-36" not in view.rows
    _errors(frame)


def test_removing_an_own_component_removes_it_from_offers(ws):
    frame, view = _open(ws, JAHIT)
    assert "need-15" in ws.load(JAHIT).actor("actor-9").offers_needs
    view.rows["need-15"].remove.click()
    view.rows["need-15"].remove.click()
    saved = ws.load(JAHIT)
    assert "need-15" not in {n.id for n in saved.needs}
    assert all("need-15" not in a.offers_needs for a in saved.actors)
    assert saved.actor("actor-9").offers_needs == ["need-4", "need-30"]
    _errors(frame)


def test_add_needs_a_new_name(ws):
    frame, view = _open(ws, JAHIT)
    revision = ws.load(JAHIT).revision
    view.add_button["tenaga"].click()
    assert "⚠" in view.add_message["tenaga"].value
    view.add_text["tenaga"].value = "tenaga administrasi"  # exists already (any case)
    view.add_button["tenaga"].click()
    assert "⚠" in view.add_message["tenaga"].value
    assert ws.load(JAHIT).revision == revision


def test_criteria_edits_are_saved(ws):
    frame, view = _open(ws, JAHIT)
    view.tabs.selected_index = CRITERIA_TAB
    row = view.criteria_rows["need-4"]
    row.checks["biaya"].value = True
    row.checks["lokasi"].value = False
    row.note.value = "Mau menerima 5 peserta per angkatan"
    need = ws.load(JAHIT).need("need-4")
    assert need.criteria == ["kapasitas", "komitmen", "biaya"]  # catalogue order
    assert need.criteria_note == "Mau menerima 5 peserta per angkatan"
    _errors(frame)


# ------------------------------------------------------------------ priorities
def test_priority_table_and_chart(ws):
    frame, view = _open(ws, JAHIT)
    view.tabs.selected_index = PRIORITY_TAB
    table = view.priority_table.value
    assert table.index("Magang di usaha konveksi") < table.index("Penempatan kerja lulusan")
    for column in ("rank", "label", "score", "programme_stage"):
        assert _(COLUMN_LABELS[column]) in table
    assert "need-4" not in table  # ids are not shown
    assert bytes(view.priority_image.value[:4]) == b"\x89PNG"


def test_priority_refreshes_after_saves(ws):
    frame, view = _open(ws, KOMPUTER)
    view.tabs.selected_index = PRIORITY_TAB
    assert "<table" not in view.priority_table.value
    view.tabs.selected_index = INVENTORY_TAB
    row = view.rows["component:tenaga_instruktur"]
    row.availability.value = "sebagian"
    assert view.stale  # redrawn only when shown
    view.tabs.selected_index = PRIORITY_TAB
    assert "Instruktur keterampilan" in view.priority_table.value
    assert _(NOT_RATED) in view.priority_table.value
    image = bytes(view.priority_image.value)
    row.importance.value = 5  # while the priorities are on screen: redrawn at once
    row.urgency.value = 4
    assert _(NOT_RATED) not in view.priority_table.value
    assert bytes(view.priority_image.value) != image
    assert not view.stale


def test_priority_values_are_escaped(ws):
    frame, view = _open(ws, KOMPUTER)
    view.add_text["dana"].value = "<b>Dana</b> & hibah"
    view.add_button["dana"].click()
    view.rows["need-1"].availability.value = "belum_ada"
    view.tabs.selected_index = PRIORITY_TAB
    assert "&lt;b&gt;Dana&lt;/b&gt; &amp; hibah" in view.priority_table.value
    assert "<b>Dana</b>" not in view.priority_table.value


# ------------------------------------------------------------- rebuilding
def test_rebuilding_from_disk_shows_the_same(ws):
    frame, view = _open(ws, KOMPUTER)
    view.profile["staff"].value = "7"
    view.rows["component:hasil_bursa_kerja"].availability.value = "sebagian"
    view.add_text["tenaga"].value = "Penerjemah"
    view.add_button["tenaga"].click()
    frame2, view2 = _open(ws, KOMPUTER)
    assert view2.profile["staff"].value == "7"
    assert view2.rows["component:hasil_bursa_kerja"].availability.value == "sebagian"
    assert "Penerjemah" in view2.rows["need-2"].box.children[0].value
    assert len(view2.rows) == len(view.rows) == 34


def test_building_twice_keeps_one_listener_and_one_set_of_rows(ws):
    frame, view = _open(ws, JAHIT)
    session = frame.session
    assert len(session.listeners) == 2  # the frame's status line and this step
    frame.lang.value = "en"  # rebuilds the body
    frame.lang.value = "id"
    new = frame.needs_view
    assert new is not view and view.listener not in session.listeners
    assert session.listeners.count(new.listener) == 1 and len(session.listeners) == 2
    assert len(new.rows) == 35 and len(frame.body.children) == 1
    assert sum(len(box.children) for box in new.rows_boxes.values()) == 35
    new.rows["component:program_magang"].urgency.value = 3  # old widgets are not listening
    assert ws.load(JAHIT).need("need-4").urgency == 3
    _errors(frame)


def test_switching_groups_moves_the_listener(ws):
    frame, view = _open(ws, JAHIT)
    old_session = frame.session
    frame.picker.value = RIAS
    assert view.listener not in old_session.listeners
    assert len(frame.session.listeners) == 2
    assert frame.needs_view.rows["component:program_magang"].importance.value == 5


def test_language_switch_keeps_the_tab_and_translates(ws):
    frame, view = _open(ws, JAHIT)
    view.tabs.selected_index = PRIORITY_TAB
    frame.lang.value = "en"
    new = frame.needs_view
    assert new.tabs.selected_index == PRIORITY_TAB
    assert new.tabs.titles[0] == "Institution profile"
    assert new.inventory.titles[0].startswith("Programme of activities")
    assert "<table" in new.priority_table.value  # drawn at once: the tab is shown


@pytest.mark.parametrize(
    ("text", "value"),
    [("", None), ("  ", None), ("0", 0), ("40", 40), ("1.200", 1200), ("12 500", 12500)],
)
def test_parse_count(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["-1", "1,5", "1.20", "x", "1.2000"])
def test_parse_count_refuses(text):
    with pytest.raises(ValueError):
        parse_count(text)


def test_a_second_need_for_one_component_gets_its_own_row(ws):
    from toolkit.model import Need

    with ws.edit(KOMPUTER) as g:
        for n in (1, 2):
            g.needs.append(
                Need(id=f"need-{n}", aspect="dana", component="dana_operasional", label=f"D{n}")
            )
    frame, view = _open(ws, KOMPUTER)
    assert "D1" in view.rows["component:dana_operasional"].box.children[0].value
    assert view.rows["need-2"].remove is not None
    assert len(view.rows) == 34


def test_callback_errors_reach_the_status_line(ws, monkeypatch):
    frame, view = _open(ws, JAHIT)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(view.session, "change", broken)
    view.rows["component:program_magang"].urgency.value = 1
    assert "disk on fire" in frame.status.value
