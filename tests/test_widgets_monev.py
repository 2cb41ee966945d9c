"""Step 5 widgets without a kernel: model -> widgets and widgets -> saved model."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

import toolkit
from toolkit.widgets.monev import MonevView, monev_app

JAHIT = "lkp-jahit-cempaka-mandiri"
KOMPUTER = "lkp-komputer-borneo-cerdas"


@pytest.fixture
def ws(tmp_path):
    return toolkit.create_sample(tmp_path / "s")


def _open(ws, gid=JAHIT):
    frame = monev_app(ws, delay=0)
    frame.picker.value = gid
    return frame, frame.monev_view


def _activity(group, activity_id):
    return next(
        a
        for p in group.plan.partnerships
        for s in p.stages
        for a in s.activities
        if a.id == activity_id
    )


def _errors(frame):
    assert "⚠" not in frame.status.value, frame.status.value


# ------------------------------------------------------------ model -> widgets
def test_activities_show_the_model(ws):
    frame, view = _open(ws)
    assert isinstance(view, MonevView)
    assert view.partnership.value == "partnership-1"
    assert len(view.partnership.options) == 3
    assert list(view.rows) == [f"partnership-1-a{n}" for n in range(1, 9)]
    assert view.rows["partnership-1-a6"].status.value == "berjalan"
    assert view.rows["partnership-1-a7"].status.value == "belum"
    assert "Dua instruktur hadir penuh." in view.notes_table.value
    assert "2027-03-31" in view.summary.value and "#E69F00" in view.summary.value
    assert all(b.value is None for b in view.levels.values()) and len(view.levels) == 6
    _errors(frame)


def test_picking_another_partnership_rebuilds_rows(ws):
    frame, view = _open(ws)
    view.partnership.value = "partnership-2"
    assert list(view.rows)[0] == "partnership-2-a1"
    assert view.rows["partnership-2-a4"].status.value == "tertunda"
    assert "No health check yet" in view.summary.value or "Belum" in view.summary.value
    assert frame.monev_partnership == "partnership-2"
    _errors(frame)


def test_group_without_plan_says_so(ws):
    frame, view = _open(ws, KOMPUTER)
    assert view.rows == {} and len(view.root.children) == 1
    _errors(frame)


# ------------------------------------------------------------ widgets -> model
def test_status_and_evidence_are_saved(ws):
    frame, view = _open(ws)
    row = view.rows["partnership-1-a7"]
    row.status.value = "berjalan"
    row.evidence.value = "Foto praktik <b>minggu 1</b>"
    frame.session.flush()
    a = _activity(ws.load(JAHIT), "partnership-1-a7")
    assert (a.status, a.evidence) == ("berjalan", "Foto praktik <b>minggu 1</b>")
    _errors(frame)


def test_add_monitoring_note(ws):
    frame, view = _open(ws)
    view.note_date.value = dt.date(2027, 4, 30)
    view.note_activity.value = "partnership-1-a7"
    view.note_status.value = "tertunda"
    view.note_evidence.value = "Surat BLK"
    view.note_text.value = "Bengkel BLK sedang direnovasi."
    view.note_add.click()
    g = ws.load(JAHIT)
    entry = g.monitoring[-1]
    assert (entry.id, entry.date, entry.partnership_id, entry.stage) == (
        "monev-6",
        dt.date(2027, 4, 30),
        "partnership-1",
        "pelaksanaan",
    )
    assert (entry.activity_id, entry.status, entry.evidence, entry.note) == (
        "partnership-1-a7",
        "tertunda",
        "Surat BLK",
        "Bengkel BLK sedang direnovasi.",
    )
    assert _activity(g, "partnership-1-a7").status == "tertunda"
    assert view.rows["partnership-1-a7"].status.value == "tertunda"
    assert "Bengkel BLK sedang direnovasi." in view.notes_table.value
    assert view.note_text.value == ""
    _errors(frame)


def test_note_without_activity_is_refused(ws):
    frame, view = _open(ws)
    view.note_add.click()
    assert "⚠" in view.note_message.value
    assert len(ws.load(JAHIT).monitoring) == 5


def test_add_health_check_and_see_what_changed(ws):
    frame, view = _open(ws)
    view.check_date.value = dt.date(2027, 6, 30)
    view.levels["keseimbangan"].value = "hijau"
    view.level_notes["keseimbangan"].value = "Administrasi dibagi dua."
    view.levels["keberlanjutan"].value = "merah"
    view.check_changes.value = "BLK pindah kepala."
    view.check_save.click()
    g = ws.load(JAHIT)
    check = g.health_checks[-1]
    assert (check.id, check.date, check.partnership_id) == (
        "health-2",
        dt.date(2027, 6, 30),
        "partnership-1",
    )
    assert {k: r.level for k, r in check.ratings.items()} == {
        "keseimbangan": "hijau",
        "keberlanjutan": "merah",
    }
    assert check.ratings["keseimbangan"].note == "Administrasi dibagi dua."
    assert check.changes == "BLK pindah kepala."
    assert view.changes.value.count("<li>") == 2  # two principles changed colour
    assert view.levels["keseimbangan"].value is None
    _errors(frame)


def test_health_check_needs_a_rating(ws):
    frame, view = _open(ws)
    view.check_save.click()
    assert "⚠" in view.check_message.value
    assert len(ws.load(JAHIT).health_checks) == 1


def test_report_button_writes_docx_and_html(ws):
    frame, view = _open(ws)
    view.report.click()
    paths = sorted(ws.exports_dir.glob("*-laporan-kemajuan.*"))
    assert [p.suffix for p in paths] == [".docx", ".html"]
    assert all(str(p) in view.report_paths.value for p in paths)
    text = "\n".join(par.text for par in Document(str(paths[0])).paragraphs)
    assert "LKP Jahit Cempaka Mandiri" in text
    _errors(frame)


def test_rebuild_does_not_stack_listeners(ws):
    frame, view = _open(ws)
    count = len(frame.session.listeners)
    frame.select(JAHIT)
    frame.select(JAHIT)
    assert len(frame.session.listeners) == count
    old = frame.monev_view
    frame._render_body()
    assert frame.monev_view is not old
    assert old.listener not in frame.session.listeners
    assert len(frame.session.listeners) == count


# ------------------------------------------------------------ issue 5
def test_report_offers_downloads_and_uses_edits_from_another_tab(ws):
    import base64
    import re

    frame, view = _open(ws)
    other_frame, other = _open(ws)
    row = next(iter(other.rows.values()))
    row.evidence.value = "Bukti dari tab lain: daftar hadir"
    other_frame.session.flush()
    view.tabs.selected_index = 3
    view.report.click()
    _errors(frame)
    assert view.tabs.selected_index == 3  # redrawn, still on the report tab
    assert "Bukti dari tab lain: daftar hadir" in [r.evidence.value for r in view.rows.values()]
    value = view.report_paths.value
    links = re.findall(r'href="data:[^;]+;base64,([^"]+)" download="([^"]+)"', value)
    assert [name.rsplit(".", 1)[1] for _d, name in links] == ["docx", "html"]
    html_bytes = base64.b64decode(links[1][0])
    assert "Bukti dari tab lain: daftar hadir" in html_bytes.decode()


def test_report_error_is_shown_next_to_the_button(ws, monkeypatch):
    import errno
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    frame, view = _open(ws)
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    assert view.report.click() is None
    value = view.report_paths.value
    assert "⚠" in value and str(ws.exports_dir) in value and "Read-only file system" not in value
    _errors(frame)
    assert not list(ws.exports_dir.glob("*-laporan-kemajuan.*"))
