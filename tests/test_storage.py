from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import signal
import time

import pytest
from pydantic import ValidationError

import toolkit
from toolkit import i18n
from toolkit.errors import (
    CorruptFileError,
    DuplicateGroupError,
    GroupNotFoundError,
    InvalidGroupIdError,
    StaleRevisionError,
    UnknownSchemaVersionError,
    WorkshopExistsError,
    WorkshopNotFoundError,
)
from toolkit.model import Need


def test_create_open_roundtrip(tmp_path):
    ws = toolkit.Workshop.create(
        tmp_path / "w", title="Pelatihan", groups=["LKP Jahit", "Tata Rias"], language="en"
    )
    assert ws.group_ids == ["lkp-jahit", "tata-rias"]
    again = toolkit.Workshop.open(tmp_path / "w")
    assert again.info.title == "Pelatihan"
    assert again.info.language == "en"
    assert again.group_name("tata-rias") == "Tata Rias"
    group = again.load("lkp-jahit")
    assert group.name == "LKP Jahit" and group.revision == 0
    assert sorted(p.name for p in (tmp_path / "w" / "groups").glob("*.json")) == [
        "lkp-jahit.json",
        "tata-rias.json",
    ]


def test_edit_saves_and_counts_revisions(ws):
    with ws.edit("alpha") as g:
        g.profile.name = "LKP Alpha"
    with ws.edit("alpha") as g:
        g.profile.learners_per_year = 120
    g = ws.load("alpha")
    assert (g.profile.name, g.profile.learners_per_year, g.revision) == ("LKP Alpha", 120, 2)
    backup = json.loads(ws.backup_path("alpha").read_text(encoding="utf-8"))
    assert backup["revision"] == 1 and backup["profile"]["learners_per_year"] is None


def test_edit_discards_changes_on_exception(ws):
    with pytest.raises(RuntimeError), ws.edit("alpha") as g:
        g.profile.name = "half-typed"
        raise RuntimeError("boom")
    assert ws.load("alpha").profile.name == ""
    assert ws.load("alpha").revision == 0


def test_invalid_change_is_not_written(ws):
    with pytest.raises(ValidationError), ws.edit("alpha") as g:
        g.needs.append(Need(id="need-1", aspect="dana", label="Modal"))
        g.needs.append(Need(id="need-1", aspect="dana", label="Lagi"))  # duplicate id
    assert ws.load("alpha").needs == []


def test_stale_writer_fails_and_keeps_newer_work(ws):
    first = ws.load("alpha")
    second = ws.load("alpha")
    first.profile.name = "dari jendela 1"
    ws.save(first)
    second.profile.name = "dari jendela 2"
    with pytest.raises(StaleRevisionError) as err:
        ws.save(second)
    assert "alpha" in str(err.value) and "revisi" in str(err.value)
    assert ws.load("alpha").profile.name == "dari jendela 1"
    # the first writer can go on saving: its revision followed the file
    first.profile.district = "Kota Banjarbaru"
    ws.save(first)
    assert ws.load("alpha").revision == 2


@pytest.mark.parametrize(
    "bad", ["../x", "../../etc", "/etc/passwd", "", "  ", "A B", "a/b", "..", "x\\y", "é"]
)
def test_unsafe_group_ids_are_refused(ws, bad):
    with pytest.raises(InvalidGroupIdError):
        ws.load(bad)
    with pytest.raises(InvalidGroupIdError):
        with ws.edit(bad):
            pass


@pytest.mark.parametrize("bad", ["../x", "../../etc", "/etc", "", "   ", "C:\\Windows", "a/../b"])
def test_unsafe_group_names_are_refused_on_create(tmp_path, bad):
    with pytest.raises(InvalidGroupIdError):
        toolkit.Workshop.create(tmp_path / "w", title="T", groups=[bad])
    assert not (tmp_path / "w").exists()


def test_group_name_with_slash_is_a_name_not_a_path(tmp_path):
    name = "LKP Jahit/Bordir Cempaka Banjarbaru 2026"
    ws = toolkit.Workshop.create(tmp_path / "w", title="T", groups=[name])
    assert ws.group_ids == ["lkp-jahit-bordir-cempaka-banjarbaru-2026"]
    assert ws.group_name(ws.group_ids[0]) == name


def test_duplicate_and_existing(tmp_path, ws):
    with pytest.raises(DuplicateGroupError):
        toolkit.Workshop.create(tmp_path / "d", title="T", groups=["A b", "a-B"])
    with pytest.raises(WorkshopExistsError):
        toolkit.Workshop.create(ws.path, title="Lagi", groups=["X"])
    with pytest.raises(DuplicateGroupError):
        ws.add_group("ALPHA")
    with pytest.raises(WorkshopNotFoundError):
        toolkit.Workshop.open(tmp_path / "nowhere")
    with pytest.raises(GroupNotFoundError):
        ws.load("gamma")


def test_add_group(ws):
    g = ws.add_group("Gamma Tiga")
    assert g.id == "gamma-tiga"
    assert toolkit.Workshop.open(ws.path).group_ids == ["alpha", "beta", "gamma-tiga"]
    assert ws.group_ids == ["alpha", "beta", "gamma-tiga"]


def _break(path, content: bytes):
    path.write_bytes(content)
    return content


def test_truncated_file_names_file_offers_backup_and_is_not_overwritten(ws):
    with ws.edit("alpha") as g:
        g.profile.name = "versi 1"
    with ws.edit("alpha") as g:
        g.profile.name = "versi 2"
    path = ws.group_path("alpha")
    broken = _break(path, path.read_bytes()[:57])
    with pytest.raises(CorruptFileError) as err:
        ws.load("alpha")
    text = str(err.value)
    assert str(path) in text and str(ws.backup_path("alpha")) in text and "revisi 1" in text
    assert "kemitraan restore" in text
    assert err.value.backup == ws.backup_path("alpha")
    with pytest.raises(CorruptFileError), ws.edit("alpha") as g:
        g.profile.name = "jangan ditulis"
    assert path.read_bytes() == broken
    kept = ws.restore_backup("alpha")
    assert kept.read_bytes() == broken
    assert ws.load("alpha").profile.name == "versi 1"


def test_hand_broken_and_nan_files(ws):
    path = ws.group_path("beta")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["profile"]["learners_per_year"] = "banyak"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorruptFileError) as err:
        ws.load("beta")
    assert "profile.learners_per_year" in str(err.value)
    assert "Tidak ada salinan cadangan" in str(err.value)
    path.write_text(path.read_text(encoding="utf-8").replace('"banyak"', "NaN"), encoding="utf-8")
    with pytest.raises(CorruptFileError) as err:
        ws.load("beta")
    assert "NaN" in str(err.value)


def test_unknown_schema_version(ws):
    path = ws.group_path("beta")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = 99
    before = json.dumps(data)
    path.write_text(before, encoding="utf-8")
    with pytest.raises(UnknownSchemaVersionError) as err:
        ws.load("beta")
    assert "99" in str(err.value) and str(path) in str(err.value)
    assert path.read_text(encoding="utf-8") == before


def test_unknown_catalogue_id(ws):
    path = ws.group_path("beta")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["needs"] = [{"id": "need-1", "aspect": "bukan_aspek", "label": "X"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorruptFileError) as err:
        ws.load("beta")
    assert "bukan_aspek" in str(err.value) and "needs.0.aspect" in str(err.value)


def test_error_messages_in_english(ws):
    i18n.set_language("en")
    with pytest.raises(InvalidGroupIdError) as err:
        ws.load("../x")
    assert "file path" in str(err.value)
    assert "jalur" in err.value.text("id")


def test_strict_json_written(ws):
    with ws.edit("alpha") as g:
        g.profile.facilities = "Ruang jahit 🧵, 10 mesin"
    raw = ws.group_path("alpha").read_text(encoding="utf-8")
    assert "🧵" in raw and "NaN" not in raw
    json.loads(raw, parse_constant=lambda c: pytest.fail(c))


# ------------------------------------------------------------ crash safety
def _save_forever(path, gid, last):
    ws = toolkit.Workshop.open(path)
    while True:
        with ws.edit(gid) as g:
            g.profile.facilities = f"rev {g.revision + 1}"
        last.value = g.revision


@pytest.mark.slow
def test_sigkill_during_saves_never_loses_the_file(ws):
    ctx = mp.get_context("fork")
    rng = random.Random(20261130)
    last = ctx.Value("i", 0, lock=False)
    seen_revisions = set()
    for _ in range(200):
        last.value = ws.load("alpha").revision
        proc = ctx.Process(target=_save_forever, args=(ws.path, "alpha", last))
        start = last.value
        proc.start()
        deadline = time.monotonic() + 30
        while last.value == start and time.monotonic() < deadline:
            time.sleep(0.0005)  # let it finish at least one save, however loaded the machine
        time.sleep(rng.uniform(0, 0.01))  # then kill it somewhere in a later save
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        group = ws.load("alpha")  # must always load
        assert group.revision in (last.value, last.value + 1)
        if group.revision:
            assert group.profile.facilities == f"rev {group.revision}"
        seen_revisions.add(group.revision)
    assert max(seen_revisions) > 200  # every round saved at least once before the kill


def _edit_many(path, gid, worker, n):
    ws = toolkit.Workshop.open(path)
    for i in range(n):
        with ws.edit(gid, timeout=60) as g:
            g.needs.append(Need(id=f"need-{worker}-{i}", aspect="dana", label=f"p{worker}-{i}"))


@pytest.mark.slow
def test_eight_processes_fifty_edits_each(ws):
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_edit_many, args=(ws.path, "beta", w, 50)) for w in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    group = ws.load("beta")
    labels = {n.label for n in group.needs}
    assert len(group.needs) == 400
    assert labels == {f"p{w}-{i}" for w in range(8) for i in range(50)}
    assert group.revision == 400


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        (("profile", "learners_per_year"), "120", "bilangan bulat"),
        (("profile", "learners_per_year"), 120.0, "bilangan bulat"),
        (("profile", "learners_per_year"), True, "bilangan bulat"),
        (("revision",), "3", "bilangan bulat"),
        (("profile", "catatan"), "x", "isian tidak dikenal"),
        (("profile", "learners_per_year"), -1, "0 atau lebih"),
    ],
)
def test_hand_edited_wrong_types_are_refused_in_plain_indonesian(ws, field, value, says):
    path = ws.group_path("beta")
    data = json.loads(path.read_text(encoding="utf-8"))
    target = data
    for key in field[:-1]:
        target = target[key]
    target[field[-1]] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorruptFileError) as err:
        ws.load("beta")
    assert says in str(err.value) and ".".join(field) in str(err.value)
    assert "Input should" not in str(err.value)


@pytest.mark.parametrize("version", [1.0, True, "1", None, "missing"])
def test_schema_version_must_be_exactly_1(ws, version):
    path = ws.group_path("beta")
    data = json.loads(path.read_text(encoding="utf-8"))
    if version == "missing":
        del data["schema_version"]
    else:
        data["schema_version"] = version
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UnknownSchemaVersionError):
        ws.load("beta")


def test_restore_refuses_a_healthy_file_unless_forced(ws):
    with ws.edit("alpha") as g:
        g.profile.name = "versi 1"
    with ws.edit("alpha") as g:
        g.profile.name = "versi 2"
    with pytest.raises(toolkit.KemitraanError) as err:
        ws.restore_backup("alpha")
    assert "--force" in str(err.value) and "revisi 2" in str(err.value)
    assert ws.load("alpha").profile.name == "versi 2"
    kept1 = ws.restore_backup("alpha", force=True)
    assert ".replaced-" in kept1.name and ws.load("alpha").profile.name == "versi 1"
    kept2 = ws.restore_backup("alpha", force=True)  # same second: a new name, nothing lost
    assert kept2 != kept1 and kept1.exists() and kept2.exists()
    assert json.loads(kept1.read_text(encoding="utf-8"))["profile"]["name"] == "versi 2"
    with pytest.raises(GroupNotFoundError):
        ws.restore_backup("gamma")


def test_broken_workshop_file_offers_and_restores_its_backup(ws):
    ws.info_path.write_text('{"schema_version": 1, "title": ', encoding="utf-8")
    with pytest.raises(CorruptFileError) as err:
        toolkit.Workshop.open(ws.path)
    assert "workshop.json.bak" in str(err.value) and "kemitraan restore" in str(err.value)
    kept = toolkit.Workshop.restore_workshop_file(ws.path)
    assert ".broken-" in kept.name
    assert toolkit.Workshop.open(ws.path).group_ids == ["alpha", "beta"]


def test_new_workshop_refuses_left_over_group_files(ws):
    ws.info_path.unlink()
    with pytest.raises(WorkshopExistsError) as err:
        toolkit.Workshop.create(ws.path, title="Baru", groups=["Alpha"])
    assert "kelompok dari workshop sebelumnya" in str(err.value)


def test_empty_title_is_a_plain_error(tmp_path):
    with pytest.raises(toolkit.KemitraanError) as err:
        toolkit.Workshop.create(tmp_path / "w", title="  ", groups=["A"])
    assert "title" in str(err.value) and "Input should" not in str(err.value)


@pytest.mark.parametrize("name", ["a\x00b", "baris\nbaru", "tab\there"])
def test_control_characters_in_names_are_refused(tmp_path, name):
    with pytest.raises(InvalidGroupIdError):
        toolkit.Workshop.create(tmp_path / "w", title="T", groups=[name])


def test_windows_reserved_names(tmp_path, ws):
    with pytest.raises(InvalidGroupIdError):
        ws.load("con")
    made = toolkit.Workshop.create(tmp_path / "w", title="T", groups=["CON", "Aux"])
    assert made.group_ids == ["con-1", "aux-1"]


def test_group_file_that_is_a_folder_is_reported(ws):
    path = ws.group_path("beta")
    path.unlink()
    path.mkdir()
    with pytest.raises(CorruptFileError):
        ws.load("beta")
    assert [p.path for p in ws.validate()] == [path]


def test_files_are_readable_by_others(ws):
    with ws.edit("alpha") as g:
        g.profile.name = "x"
    assert ws.group_path("alpha").stat().st_mode & 0o044 == 0o044
