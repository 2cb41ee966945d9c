"""Step 4 widgets without a kernel: model -> widgets and widgets -> saved model."""

from __future__ import annotations

import datetime as dt

import pytest

import toolkit
from toolkit.widgets.plan import (
    CHECK_TAB,
    TIMELINE_TAB,
    describe_plan_steps,
    plan_app,
)

JAHIT = "lkp-jahit-cempaka-mandiri"
RIAS = "lkp-tata-rias-intan"


@pytest.fixture
def ws(tmp_path):
    return toolkit.create_sample(tmp_path / "s")


def _open(ws, gid):
    frame = plan_app(ws, delay=0)
    frame.picker.value = gid
    return frame, frame.plan_view


def _errors(frame):
    assert "⚠" not in frame.status.value, frame.status.value


def _p(ws, gid, pid):
    return next(p for p in ws.load(gid).plan.partnerships if p.id == pid)


# ------------------------------------------------------------ model -> widgets
def test_partnership_fields_show_the_model(ws):
    frame, view = _open(ws, JAHIT)
    assert [pid for _n, pid in view.current.options] == [
        "partnership-1",
        "partnership-2",
        "partnership-3",
    ]
    assert view.current.value == "partnership-1"
    f = view.fields
    assert {a for a, box in f["aspects"].items() if box.value} == {
        "tenaga",
        "sarana_prasarana",
        "program_kegiatan",
    }
    assert f["pattern"].value == "inti_plasma"
    assert f["goal"].value.startswith("Instruktur kami bersertifikat")
    assert f["partner_gives"].value.startswith("Instruktur senior")
    assert f["start_date"].value == dt.date(2027, 3, 1)
    assert f["duration_months"].value == 12
    assert f["review_date"].value == dt.date(2027, 8, 31)
    assert view.clauses["dana"].value.startswith("Biaya pelatihan instruktur")
    assert len(view.clauses) == 6
    row = view.activity_rows["partnership-1-a6"]
    assert row.name.value == "Pelatihan instruktur menjahit di BLK"
    assert (row.start.value, row.end.value) == (dt.date(2027, 3, 8), dt.date(2027, 3, 26))
    assert (row.responsible.value, row.status.value) == ("Instruktur kepala LKP", "berjalan")
    box, rhythm = view.sustaining["laporan_kemajuan"]
    assert box.value and rhythm.value == "monthly"
    assert not view.sustaining["pendekatan_informal"][0].value
    _errors(frame)


def test_partners_already_planned_are_not_offered(ws):
    frame, view = _open(ws, JAHIT)
    offered = [a for _n, a in view.add_actor.options]
    planned = {p.actor_id for p in ws.load(JAHIT).plan.partnerships}
    assert offered and not planned & set(offered)


def test_group_without_plan_shows_a_hint(ws):
    frame, view = _open(ws, RIAS)
    assert view.current.value is None and view.remove_button.disabled
    assert view.fields == {}
    view.tabs.selected_index = CHECK_TAB
    assert "<li>" in view.check_html.value
    _errors(frame)


# ------------------------------------------------------------ widgets -> model
def test_edits_are_saved(ws):
    frame, view = _open(ws, JAHIT)
    view.fields["goal"].value = "Tujuan baru bersama"
    view.fields["aspects"]["dana"].value = True
    view.fields["pattern"].value = "futuristik"
    view.fields["duration_months"].value = 18
    view.fields["review_date"].value = dt.date(2027, 9, 1)
    view.clauses["pengelola"].value = "Tim bersama"
    view.activity_rows["partnership-1-a6"].status.value = "selesai"
    view.activity_rows["partnership-1-a6"].responsible.value = "Kepala BLK"
    view.sustaining["pendekatan_informal"][0].value = True
    view.sustaining["laporan_kemajuan"][1].value = "quarterly"
    frame.session.flush()
    _errors(frame)
    p = _p(ws, JAHIT, "partnership-1")
    assert p.goal == "Tujuan baru bersama"
    assert "dana" in p.aspects and p.pattern == "futuristik"
    assert (p.duration_months, p.review_date) == (18, dt.date(2027, 9, 1))
    assert p.clauses["pengelola"] == "Tim bersama"
    act = next(a for s in p.stages for a in s.activities if a.id == "partnership-1-a6")
    assert (act.status, act.responsible) == ("selesai", "Kepala BLK")
    rhythms = {s.technique: s.rhythm for s in p.sustaining}
    assert rhythms["pendekatan_informal"] == "as_needed"
    assert rhythms["laporan_kemajuan"] == "quarterly"
    notes = {s.technique: s.note for s in p.sustaining}
    assert notes["kunjungan_berkala"] == "Bergantian di BLK dan di LKP."


def test_refused_edit_is_shown_next_to_the_field(ws):
    frame, view = _open(ws, JAHIT)
    row = view.activity_rows["partnership-1-a6"]
    row.end.value = dt.date(2027, 1, 1)  # before its start
    assert "⚠" in row.message.value
    end = next(
        a.end
        for s in _p(ws, JAHIT, "partnership-1").stages
        for a in s.activities
        if a.id == "partnership-1-a6"
    )
    assert end == dt.date(2027, 3, 26)


def test_add_and_remove_partnership(ws):
    frame, view = _open(ws, RIAS)
    actor = view.add_actor.options[0][1]
    view.add_button.click()
    _errors(frame)
    plan = ws.load(RIAS).plan.partnerships
    assert [(p.id, p.actor_id) for p in plan] == [("partnership-1", actor)]
    assert plan[0].pattern is not None
    assert view.current.value == "partnership-1"
    assert actor not in [a for _n, a in view.add_actor.options]
    view.remove_button.click()  # asks first
    assert len(ws.load(RIAS).plan.partnerships) == 1
    assert "⚠" in view.remove_message.value
    view.remove_button.click()
    _errors(frame)
    assert ws.load(RIAS).plan.partnerships == []
    assert view.current.value is None


def test_add_and_remove_activity(ws):
    frame, view = _open(ws, JAHIT)
    view.new_activity["monev"].value = "Kunjungan pemantauan"
    before = set(view.activity_rows)
    next(b for b in _add_buttons(view, "monev")).click()
    _errors(frame)
    (new,) = set(view.activity_rows) - before
    p = _p(ws, JAHIT, "partnership-1")
    monev = next(s for s in p.stages if s.stage == "monev")
    assert [a.name for a in monev.activities][-1] == "Kunjungan pemantauan"
    row = view.activity_rows[new]
    row.remove.click()
    row.remove.click()
    _errors(frame)
    assert new not in view.activity_rows
    p = _p(ws, JAHIT, "partnership-1")
    assert all(a.id != new for s in p.stages for a in s.activities)


def test_empty_activity_name_is_refused(ws):
    frame, view = _open(ws, JAHIT)
    next(_add_buttons(view, "sosialisasi")).click()
    assert "⚠" in view.messages["add:sosialisasi"].value


def _add_buttons(view, stage):
    text = view.new_activity[stage]
    for pane in view.panes:
        for child in pane.children:
            kids = getattr(child, "children", ())
            if text in kids:
                yield kids[1]


def test_principle_check_and_timeline_follow_saves(ws):
    frame, view = _open(ws, JAHIT)
    view.tabs.selected_index = CHECK_TAB
    first = view.check_html.value
    assert first.startswith("<ul>")
    view.clauses["dana"].value = ""
    frame.session.flush()
    assert view.check_html.value != first
    view.tabs.selected_index = TIMELINE_TAB
    assert view.timeline.value[:4] == b"\x89PNG"


def test_export_writes_four_files(ws):
    frame, view = _open(ws, JAHIT)
    view.export_button.click()
    _errors(frame)
    names = sorted(p.suffix for p in ws.exports_dir.iterdir())
    assert names == [".docx", ".html", ".pdf", ".xlsx"]
    assert "rencana.pdf" in view.export_result.value
    assert "⚠" not in view.export_result.value


def test_rebuild_does_not_stack_listeners(ws):
    frame, view = _open(ws, JAHIT)
    count = len(frame.session.listeners)
    frame._render_body()
    frame._render_body()
    assert len(frame.session.listeners) == count
    assert frame.plan_view is not view
    assert view.listener not in frame.session.listeners


def test_describe_plan_steps_is_deterministic():
    text = describe_plan_steps()
    assert text == describe_plan_steps() and len(text.splitlines()) == 6
    assert "Sosialisasi" in text


# ------------------------------------------------------------ issue 5
def test_export_offers_data_uri_downloads_and_the_full_path(ws):
    import base64
    import re

    from toolkit.widgets.plan import export_links

    frame, view = _open(ws, JAHIT)
    view.export_button.click()
    _errors(frame)
    value = view.export_result.value
    links = re.findall(r'<a href="data:([^;]+);base64,([^"]+)" download="([^"]+)"', value)
    assert [name.rsplit(".", 1)[1] for _m, _d, name in links] == ["xlsx", "docx", "html", "pdf"]
    for _mime, data, name in links:
        assert base64.b64decode(data) == (ws.exports_dir / name).read_bytes()
        assert str(ws.exports_dir / name) in value
    assert links[3][0] == "application/pdf"
    assert "../" not in value  # no link into JupyterLab's folder any more
    # the facilitator console calls it with one argument, older callers with two
    assert export_links([ws.exports_dir / links[0][2]]) == export_links(
        [ws.exports_dir / links[0][2]], ws.path
    )


def test_export_uses_edits_saved_in_another_tab(ws):
    frame, view = _open(ws, JAHIT)
    pid = view.pid
    other_frame, other = _open(ws, JAHIT)  # a second tab of the same group
    other.fields["goal"].value = "Tujuan yang diubah di tab lain"
    other_frame.session.flush()
    assert view.fields["goal"].value != "Tujuan yang diubah di tab lain"
    view.export_button.click()
    _errors(frame)
    assert view.session.group.plan.partnerships[0].goal == "Tujuan yang diubah di tab lain"
    assert view.fields["goal"].value == "Tujuan yang diubah di tab lain"  # redrawn
    assert view.pid == pid
    html_file = next(ws.exports_dir.glob("*-rencana.html"))
    assert "Tujuan yang diubah di tab lain" in html_file.read_text()


def test_export_to_a_read_only_folder_says_so(ws, monkeypatch):
    import errno
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    frame, view = _open(ws, JAHIT)
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    view.export_button.click()
    value = view.export_result.value
    assert "⚠" in value and str(ws.exports_dir) in value
    assert "Gagal menyimpan" not in value and "Pekerjaan Anda tetap ada" not in value
    assert "Read-only file system" not in value
    _errors(frame)  # the status line is for saving, and saving went well


def test_timeline_tab_with_a_far_date_draws(ws):
    frame, view = _open(ws, JAHIT)
    view.session.group.plan.partnerships[0].__dict__["review_date"] = dt.date(2207, 3, 1)
    view.tabs.selected_index = TIMELINE_TAB
    _errors(frame)
    assert view.timeline.value[:4] == b"\x89PNG"


def test_a_typed_2207_is_refused_next_to_the_field(ws):
    frame, view = _open(ws, JAHIT)
    pid = view.pid
    view.fields["review_date"].value = dt.date(2207, 3, 1)
    assert "2207" in view.messages["review_date"].value
    assert _p(ws, JAHIT, pid).review_date == dt.date(2027, 8, 31)


def test_sustaining_note_box(ws):
    frame, view = _open(ws, JAHIT)
    pid = view.pid
    chosen = {s.technique: s for s in _p(ws, JAHIT, pid).sustaining}
    tid = next(iter(chosen))
    note = view.sustaining_notes[tid]
    assert note.value == chosen[tid].note and not note.disabled
    unchosen = next(t for t in view.sustaining_notes if t not in chosen)
    assert view.sustaining_notes[unchosen].disabled
    note.value = "Rapat di kantor BLK, bergantian"
    frame.session.flush()
    _errors(frame)
    saved = {s.technique: s.note for s in _p(ws, JAHIT, pid).sustaining}
    assert saved[tid] == "Rapat di kantor BLK, bergantian"
    view.sustaining[unchosen][0].value = True  # choosing one enables its note
    assert not view.sustaining_notes[unchosen].disabled
    assert {s.technique: s.note for s in _p(ws, JAHIT, pid).sustaining}[tid] == (
        "Rapat di kantor BLK, bergantian"
    )
