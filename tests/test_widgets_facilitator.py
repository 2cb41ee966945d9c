"""The facilitator console without a kernel: dashboard, regional map, collect, report, new."""

from __future__ import annotations

import datetime as dt
import json

import docx
import pytest

import toolkit
from toolkit.bundle import make_bundle
from toolkit.model import StepState
from toolkit.regional_store import load_overrides
from toolkit.widgets.facilitator import Console, archive_and_create, join_address, progress_html
from toolkit.widgets.timer import session_timer

JAHIT = "lkp-jahit-cempaka-mandiri"


@pytest.fixture
def sample(tmp_path):
    return toolkit.create_sample(tmp_path / "ws")


@pytest.fixture
def console(sample):
    c = Console(sample, interval=0, thumbnails=False)
    yield c
    c.close()


def test_dashboard_shows_every_group_and_follows_the_files(sample, console):
    text = console.progress.value
    for gid in sample.group_ids:
        assert sample.group_name(gid) in text
    assert "width:100%" in text  # the complete sample group has full bars
    gid = sample.group_ids[2]
    before = console.board.groups[2]
    with sample.edit(gid) as g:
        g.steps["monev"] = StepState(done=True)
    assert console.reader.changed(console.board)
    board = console.refresh()
    assert board.groups[2].revision == before.revision + 1
    assert (before.completion["monev"], board.groups[2].completion["monev"]) == (0.0, 1.0)
    assert console.reader.last_reads == 1


def test_group_names_are_escaped(sample, console):
    sample.add_group("<script>alert(1)</script>")
    console.refresh()
    assert "<script>alert" not in console.progress.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in console.progress.value


def test_progress_html_has_one_bar_per_step(console):
    html = progress_html(console.board)
    assert html.count("border-radius:3px;width:7em") == 5 * len(console.board.groups)


def test_thumbnails_are_drawn_once_per_revision(sample):
    c = Console(sample, interval=0, thumbnails=True)
    try:
        assert len(c.thumb_box.children) == 3
        first = c._thumbs[JAHIT]
        c.refresh()
        assert c._thumbs[JAHIT] is first  # unchanged group: the picture is reused
        image = c.thumb_box.children[0].children[1]
        assert image.value[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        c.close()


def test_regional_merge_and_split_are_saved(sample, console):
    console.refresh_regional()
    assert "Dinas Pendidikan Kota Banjarbaru" in console.regional_table.value
    options = console.regional_pick.options
    a, b = options[0][1], options[1][1]
    console.regional_pick.value = (a, b)
    console.merge_button.click()
    merges = load_overrides(sample.path).merges
    assert [set(m) for m in merges] == [{tuple(a.split("\t")), tuple(b.split("\t"))}]
    console.regional_pick.value = (a,)
    console.split_button.click()
    overrides = load_overrides(sample.path)
    assert overrides.merges == []
    assert [set(s) for s in overrides.splits] == [{tuple(a.split("\t"))}]


def test_merging_one_row_is_refused_in_plain_words(console):
    console.refresh_regional()
    console.regional_pick.value = (console.regional_pick.options[0][1],)
    console.merge_button.click()
    assert "⚠" in console.status.value
    assert "Traceback" not in console.status.value


def test_regional_export_writes_the_files(sample, console):
    console.regional_format.value = "gephi-csv"
    console.regional_export.click()
    names = sorted(p.name for p in sample.exports_dir.iterdir())
    assert names == ["peta-mitra-regional-edges.csv", "peta-mitra-regional-nodes.csv"]


def test_report_is_written_and_holds_every_group(sample, console):
    console.report_docx.click()
    path = sample.exports_dir / "laporan-pelatihan.docx"
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    for gid in sample.group_ids:
        assert sample.group_name(gid) in text
    assert "laporan-pelatihan.docx" in console.report_files.value


def test_collecting_an_older_bundle_changes_nothing_and_says_so(sample, console, tmp_path):
    bundle = tmp_path / "b.zip"
    make_bundle(sample.path, JAHIT, bundle)
    with sample.edit(JAHIT) as g:
        g.profile.facilities += " Tambahan."
    before = sample.group_path(JAHIT).read_bytes()
    upload = {"name": "b.zip", "type": "application/zip", "size": bundle.stat().st_size}
    upload |= {"content": memoryview(bundle.read_bytes()), "last_modified": dt.datetime.now()}
    console.upload.value = (upload,)
    assert sample.group_path(JAHIT).read_bytes() == before
    assert (sample.path / "bundles" / "b.zip").read_bytes() == bundle.read_bytes()
    assert "<li>" in console.collect_report.value
    assert console.conflict_box.children == ()
    assert console.upload.value == ()  # ready for the next upload


def test_collecting_a_conflict_offers_the_choice(sample, console, tmp_path):
    bundle = tmp_path / "b.zip"
    with sample.edit(JAHIT) as g:
        g.profile.facilities = "Versi laptop kelompok"
    make_bundle(sample.path, JAHIT, bundle)
    data = json.loads(sample.group_path(JAHIT).read_text(encoding="utf-8"))
    # the workshop copy changes differently with the same revision: a conflict
    with sample.edit(JAHIT) as g:
        g.profile.facilities = "Versi fasilitator"
    raw = json.loads(sample.group_path(JAHIT).read_text(encoding="utf-8"))
    raw["revision"] = data["revision"]
    sample.group_path(JAHIT).write_text(json.dumps(raw), encoding="utf-8")
    console.collect_files([bundle])
    assert len(console.conflict_box.children) == 1
    take = console.conflict_box.children[0].children[1]
    take.click()
    assert sample.load(JAHIT).profile.facilities == "Versi laptop kelompok"


def test_new_workshop_archives_the_old_one(sample, console):
    console.new_title.value = "Pelatihan Kemitraan Martapura"
    console.new_groups.value = "LKP Satu\n\n  LKP   Dua \n"
    console.new_button.click()
    ws = toolkit.Workshop.open(sample.path)
    assert ws.info.title == "Pelatihan Kemitraan Martapura"
    assert [ws.group_name(g) for g in ws.group_ids] == ["LKP Satu", "LKP Dua"]
    archives = [p for p in sample.path.parent.iterdir() if "-arsip-" in p.name]
    assert len(archives) == 1
    assert toolkit.Workshop.open(archives[0]).load(JAHIT).revision > 0
    assert [g.name for g in console.board.groups] == ["LKP Satu", "LKP Dua"]


def test_a_workshop_without_title_is_refused_and_the_old_one_stays(sample):
    with pytest.raises(toolkit.KemitraanError):
        archive_and_create(sample.path, "  ", ["A"])
    assert toolkit.Workshop.open(sample.path).load(JAHIT).revision > 0


def test_join_address():
    assert join_address(8888, "abc", host="192.168.1.5") == "http://192.168.1.5:8888/lab?token=abc"
    assert join_address(9000, "", host="10.0.0.2") == "http://10.0.0.2:9000/lab"


def test_rerunning_the_cell_retires_the_previous_console(sample):
    first = Console(sample, interval=0, thumbnails=False)
    second = Console(sample, interval=0, thumbnails=False)
    try:
        assert first.comm is None  # closed
        assert second.comm is not None
    finally:
        second.close()


def test_timer_has_the_agenda_in_both_languages():
    timer = session_timer("ws")
    assert timer.presets[0] == ["Pembukaan dan perkenalan", 15]
    assert timer.texts["start"] == "Mulai"
    timer.translate("en")
    assert timer.presets[1][0].startswith("Partnership concepts")
    assert timer.texts["done"] == "Time is up!"


def test_two_new_workshops_in_one_second_never_nest_or_swap(sample):
    first, archive1 = archive_and_create(sample.path, "Satu", ["Grup X"])
    second, archive2 = archive_and_create(sample.path, "Dua", ["Grup Y"])
    assert archive1 != archive2
    assert toolkit.Workshop.open(archive1).load(JAHIT).revision > 0  # the sample
    assert toolkit.Workshop.open(archive2).info.title == "Satu"
    assert not (archive1 / sample.path.name).exists()
    with pytest.raises(toolkit.KemitraanError):  # duplicate names: refused
        archive_and_create(sample.path, "Tiga", ["LKP A", "LKP A"])
    assert toolkit.Workshop.open(sample.path).info.title == "Dua"  # put back as it was
    archives = sorted(p.name for p in sample.path.parent.iterdir() if "-arsip-" in p.name)
    assert len(archives) == 2


def test_same_named_uploads_are_both_kept(sample, console, tmp_path):
    def upload(path):
        item = {"name": "bundel.zip", "type": "application/zip", "size": path.stat().st_size}
        item |= {"content": memoryview(path.read_bytes()), "last_modified": dt.datetime.now()}
        console.upload.value = (item,)

    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    make_bundle(sample.path, JAHIT, a)
    make_bundle(sample.path, "lkp-tata-rias-intan", b)
    upload(a)
    upload(b)
    kept = sorted(p.name for p in (sample.path / "bundles").iterdir())
    assert kept == ["bundel-2.zip", "bundel.zip"]
    assert (sample.path / "bundles" / "bundel.zip").read_bytes() == a.read_bytes()
