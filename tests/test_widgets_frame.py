from __future__ import annotations

import ipywidgets as w
import pytest

import toolkit
from toolkit.widgets import Frame


@pytest.fixture
def sample(tmp_path):
    return toolkit.create_sample(tmp_path / "s")


def test_frame_without_group_asks_to_choose(sample):
    f = Frame("kebutuhan", workshop=sample)
    assert f.session is None and f.picker.value == ""
    assert [v for _, v in f.picker.options] == ["", *sample.group_ids]
    assert "Pilih kelompok" in f.body.children[0].value
    assert "2. Kebutuhan" in f.title.value and sample.info.title in f.title.value


def test_picking_a_group_builds_the_body_from_disk(sample):
    seen = []

    def build(frame):
        seen.append(frame.session.group.name)
        return [w.Label(frame.session.group.profile.name)]

    f = Frame("kebutuhan", build, workshop=sample)
    gid = sample.group_ids[1]
    f.picker.value = gid
    assert f.session.group_id == gid and f.memory.group_id == gid
    assert f.body.children[0].value == sample.load(gid).profile.name
    assert f.progress.value == 56 and "56%" in f.progress_label.value
    assert seen == [sample.group_name(gid)]


def test_group_remembered_by_the_browser_is_opened(sample):
    f = Frame("konsep", workshop=sample)
    f.memory.group_id = sample.group_ids[2]  # what the browser's localStorage sends
    assert f.session is not None and f.session.group_id == sample.group_ids[2]
    assert f.picker.value == sample.group_ids[2]


def test_saving_shows_tersimpan_and_updates_progress(sample):
    f = Frame("konsep", workshop=sample, delay=0)
    gid = sample.group_ids[2]
    f.picker.value = gid
    before = f.progress.value

    def answer(g):
        from toolkit.model import ExerciseAnswer

        g.exercises["b2_1"] = ExerciseAnswer(text="Agar tahu apa yang kurang.")

    assert f.session.change("exercise.b2_1", answer) is None
    assert "tersimpan" in f.status.value
    assert f.progress.value == before + 10


def test_language_switch_relabels(sample):
    f = Frame("peta_mitra", workshop=sample)
    f.picker.value = sample.group_ids[0]
    f.lang.value = "en"
    assert "3. Partner map" in f.title.value and f.picker.description == "Group"
    assert f.session.group_id == sample.group_ids[0]  # still the same group
    assert toolkit.get_language() == "en"


def test_errors_in_the_body_reach_the_status_line(sample):
    def build(frame):
        raise toolkit.GroupNotFoundError("This workshop has no group {id!r}.", id="x")

    f = Frame("rencana", build, workshop=sample)
    f.picker.value = sample.group_ids[0]
    assert "⚠" in f.status.value and "tidak memiliki kelompok" in f.status.value


def test_broken_group_file_is_reported_not_raised(sample):
    gid = sample.group_ids[2]
    sample.group_path(gid).write_text("{", encoding="utf-8")
    f = Frame("konsep", workshop=sample)
    f.picker.value = gid
    assert f.session is None and "rusak" in f.status.value and f.picker.value == ""
