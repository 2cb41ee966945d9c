from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

import toolkit
from toolkit import bundle as bundle_mod
from toolkit.bundle import collect, make_bundle, read_bundle
from toolkit.cli import main
from toolkit.errors import BundleError, CorruptFileError, StaleRevisionError
from toolkit.model import Group, Need

GID = "lkp-jahit-cempaka-mandiri"
GFILE = f"groups/{GID}.json"
T0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def run(*args):
    return main([str(a) for a in args])


@pytest.fixture
def laptop(tmp_path):
    """The Banjarbaru sample, as on a group's laptop (group GID at revision 1)."""
    return toolkit.create_sample(tmp_path / "laptop")


@pytest.fixture
def bundle_path(laptop, tmp_path):
    make_bundle(laptop.path, GID, tmp_path / "b.zip")
    return tmp_path / "b.zip"


def all_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def write_zip(path: Path, members: dict[str, bytes], *, manifest: dict | None = None) -> Path:
    """A zip holding `members` and, when given, `manifest` as manifest.json (first)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if manifest is not None:
            zf.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def manifest_for(bundle_zip: Path, members: dict[str, bytes]) -> dict:
    """The real bundle's manifest with `files` listing `members` (true sizes and hashes)."""
    manifest = json.loads(zipfile.ZipFile(bundle_zip).read("manifest.json"))
    manifest["files"] = [
        {"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
        for n, d in members.items()
    ]
    return manifest


def add_needs(ws, gid, *labels):
    with ws.edit(gid) as g:
        for label in labels:
            g.needs.append(Need(id=f"need-x{len(g.needs)}", aspect="dana", label=label))


# ------------------------------------------------------------------ make/read
def test_round_trip_into_a_fresh_workshop(laptop, bundle_path, tmp_path):
    fresh = toolkit.Workshop.create(tmp_path / "fasilitator", title="Pelatihan Lain")
    report = collect(fresh.path, [bundle_path])
    assert [e.outcome for e in report.entries] == ["imported_new"]
    assert report.ok
    assert fresh.group_ids == [GID]
    assert fresh.group_name(GID) == "LKP Jahit Cempaka Mandiri"
    assert fresh.load(GID) == laptop.load(GID)
    assert fresh.group_path(GID).read_bytes() == laptop.group_path(GID).read_bytes()
    assert fresh.validate() == []
    # the bundle was made in another workshop: the line says so
    assert "Pelatihan Kemitraan LKP Kota Banjarbaru" in report.lines("en")[0]


def test_round_trip_over_the_same_groups_untouched(laptop, bundle_path, tmp_path):
    names = [laptop.group_name(g) for g in laptop.group_ids]
    title = laptop.info.title
    facilitator = toolkit.Workshop.create(tmp_path / "f", title=title, groups=names)
    assert facilitator.load(GID).revision == 0
    report = collect(facilitator.path, [bundle_path])
    entry = report.entries[0]
    assert (entry.outcome, entry.workshop.revision, entry.bundle.revision) == ("updated", 0, 1)
    assert entry.other_workshop is None
    assert facilitator.group_path(GID).read_bytes() == laptop.group_path(GID).read_bytes()


def test_manifest_lists_sizes_and_sha256(laptop, bundle_path):
    raw = laptop.group_path(GID).read_bytes()
    stored = json.loads(raw)
    zf = zipfile.ZipFile(bundle_path)
    assert zf.namelist() == ["manifest.json", GFILE]
    assert zf.read(GFILE) == raw
    m = json.loads(zf.read("manifest.json"))
    assert m["format"] == "kemitraan-bundle" and m["format_version"] == 1
    assert m["toolkit_version"] == toolkit.__version__ == "0.1.0"
    assert m["workshop"]["title"] == "Pelatihan Kemitraan LKP Kota Banjarbaru"
    assert m["workshop"]["date"] == "2026-12-07"
    assert (m["group_id"], m["group_name"]) == (GID, "LKP Jahit Cempaka Mandiri")
    assert m["group_revision"] == 1
    assert m["group_updated"] == stored["updated"]
    assert m["group_updated"].endswith("Z") and m["created_at"].endswith("Z")
    made = dt.datetime.fromisoformat(m["created_at"])
    assert abs((dt.datetime.now(dt.UTC) - made).total_seconds()) < 120
    assert m["files"] == [
        {"path": GFILE, "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    ]
    for info in zf.infolist():  # plain files, never links
        assert stat.S_ISREG(info.external_attr >> 16)


def test_file_objects_and_folder_targets(laptop, tmp_path):
    buffer = io.BytesIO()
    manifest = make_bundle(laptop.path, GID, buffer)
    assert manifest.group_revision == 1
    buffer.seek(0)
    read = read_bundle(buffer)
    assert read.group == laptop.load(GID)
    assert read.group_bytes == laptop.group_path(GID).read_bytes()
    folder = tmp_path / "usb"
    folder.mkdir()
    make_bundle(laptop.path, GID, folder)
    assert sorted(p.name for p in folder.iterdir()) == [f"{GID}-r1.zip"]


def test_broken_group_is_not_bundled_and_the_target_is_kept(laptop, tmp_path):
    target = tmp_path / "b.zip"
    target.write_bytes(b"earlier bundle")
    path = laptop.group_path(GID)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(CorruptFileError, match="kemitraan restore"):
        make_bundle(laptop.path, GID, target)
    assert target.read_bytes() == b"earlier bundle"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.zip", "laptop"]


# ------------------------------------------------------------ refusing bundles
def refused(source, workshop_path, *needles):
    """Check that `source` is refused by read_bundle and by collect, which writes nothing."""
    with pytest.raises(BundleError) as info:
        read_bundle(source)
    for needle in needles:
        assert needle in info.value.text("en"), info.value.text("en")
    before = all_files(workshop_path.parent)
    report = collect(workshop_path, [source])
    assert [e.outcome for e in report.entries] == ["refused"]
    assert not report.ok
    assert all_files(workshop_path.parent) == before
    return info.value


@pytest.fixture
def target(tmp_path):
    return toolkit.Workshop.create(tmp_path / "target" / "ws", title="Tujuan", groups=["Lain"]).path


def test_changed_file_is_refused_naming_it(bundle_path, tmp_path, target):
    zf = zipfile.ZipFile(bundle_path)
    manifest = json.loads(zf.read("manifest.json"))
    raw = zf.read(GFILE)
    same_size = raw.replace(b"Cempaka", b"Cempaki", 1)
    assert len(same_size) == len(raw) and same_size != raw
    bad = write_zip(tmp_path / "changed.zip", {GFILE: same_size}, manifest=manifest)
    err = refused(bad, target, "changed.zip", GFILE, "checksum")
    assert "checksum" in str(err) and GFILE in str(err)  # Indonesian too
    longer = write_zip(tmp_path / "longer.zip", {GFILE: raw + b" "}, manifest=manifest)
    refused(longer, target, GFILE, f"{len(raw) + 1} bytes", f"says {len(raw)}")


@pytest.mark.parametrize(
    "name", ["../evil.json", "/abs.json", "a\\..\\b", "C:/evil.json", "groups/../../evil.json"]
)
def test_zip_slip_paths_are_refused(bundle_path, tmp_path, target, name):
    members = {name: b'{"x": 1}'}
    bad = write_zip(tmp_path / "slip.zip", members, manifest=manifest_for(bundle_path, members))
    refused(bad, target, "unsafe path", repr(name))
    assert not (tmp_path / "evil.json").exists() and not Path("/abs.json").exists()


def test_symlink_entry_is_refused(bundle_path, tmp_path, target):
    raw = zipfile.ZipFile(bundle_path).read(GFILE)
    manifest = manifest_for(bundle_path, {GFILE: raw})
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        info = zipfile.ZipInfo(GFILE)
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, raw)
    refused(path, target, "a link", GFILE)


def test_not_a_zip_and_damaged_zip(bundle_path, tmp_path, target):
    text = tmp_path / "catatan.zip"
    text.write_text("bukan zip")
    refused(text, target, "catatan.zip", "not a zip file")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(bundle_path.read_bytes()[:-30])
    refused(cut, target, "cut.zip")
    refused(tmp_path / "missing.zip", target, "missing.zip")


def test_missing_manifest(bundle_path, tmp_path, target):
    raw = zipfile.ZipFile(bundle_path).read(GFILE)
    bad = write_zip(tmp_path / "nomanifest.zip", {GFILE: raw})
    refused(bad, target, "no manifest.json")


def test_manifest_lists_a_missing_file_or_misses_a_member(bundle_path, tmp_path, target):
    zf = zipfile.ZipFile(bundle_path)
    manifest, raw = json.loads(zf.read("manifest.json")), zf.read(GFILE)
    empty = write_zip(tmp_path / "empty.zip", {}, manifest=manifest)
    refused(empty, target, f"lists {GFILE}, but the file is missing")
    extra = write_zip(tmp_path / "extra.zip", {GFILE: raw, "notes.txt": b"hi"}, manifest=manifest)
    refused(extra, target, "notes.txt", "does not list")


def test_invalid_manifest_and_newer_format(bundle_path, tmp_path, target):
    zf = zipfile.ZipFile(bundle_path)
    manifest, raw = json.loads(zf.read("manifest.json")), zf.read(GFILE)
    refused(
        write_zip(tmp_path / "v2.zip", {GFILE: raw}, manifest=manifest | {"format_version": 2}),
        target,
        "newer toolkit",
    )
    no_hash = manifest | {"files": [{"path": GFILE, "size": len(raw)}]}
    refused(write_zip(tmp_path / "h.zip", {GFILE: raw}, manifest=no_hash), target, "sha256")
    bad_id = manifest | {"group_id": "../x"}
    refused(write_zip(tmp_path / "i.zip", {GFILE: raw}, manifest=bad_id), target, "group_id")


def test_group_file_must_validate_and_match_the_manifest(bundle_path, tmp_path, target):
    raw = zipfile.ZipFile(bundle_path).read(GFILE)
    data = json.loads(raw)
    data["profile"]["learners_per_year"] = "120"
    broken = json.dumps(data).encode()
    members = {GFILE: broken}
    bad = write_zip(tmp_path / "g.zip", members, manifest=manifest_for(bundle_path, members))
    refused(bad, target, "group file is not valid", "learners_per_year")
    other = {"groups/lain.json": raw}
    manifest = manifest_for(bundle_path, other) | {"group_id": "lain"}
    refused(write_zip(tmp_path / "o.zip", other, manifest=manifest), target, "holds group")


def test_zip_bombs_are_refused(bundle_path, tmp_path, target, monkeypatch):
    raw = zipfile.ZipFile(bundle_path).read(GFILE)
    big = {"big.bin": bytes(50 * 1024 * 1024 + 1)}  # declared 50 MiB + 1 byte, ~50 kB packed
    bomb = write_zip(tmp_path / "bomb.zip", big, manifest=manifest_for(bundle_path, {GFILE: raw}))
    assert bomb.stat().st_size < 1_000_000
    refused(bomb, target, "big.bin", "too large", "52428801 bytes")
    monkeypatch.setattr(bundle_mod, "MAX_TOTAL_SIZE", 1000)
    refused(bundle_path, target, "too large once unpacked")


def test_lying_size_header_is_refused(bundle_path, tmp_path, target):
    # a member whose headers claim 10 bytes but that unpacks to 2000
    members = {GFILE: bytes(2000)}
    path = write_zip(tmp_path / "lie.zip", members, manifest=manifest_for(bundle_path, members))
    data = bytearray(path.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.rfind(sig)  # the group file is the last member
        data[pos + offset : pos + offset + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo(GFILE).file_size == 10
    refused(path, target, GFILE, "damaged")


# ------------------------------------------------------------------ collecting
@pytest.mark.parametrize(
    ("bundle", "workshop", "verdict"),
    [
        ((3, 10), (1, 5), "newer"),
        ((3, 10), (1, None), "newer"),
        ((3, 10), (3, 10), "conflict"),  # same revision, other content
        ((3, 5), (2, 10), "conflict"),  # more saves in the bundle, but older
        ((1, 5), (3, 10), "older"),
        ((1, 10), (3, 5), "conflict"),  # fewer saves in the bundle, but later
        ((2, 10), (1, 10), "newer"),  # same second
    ],
)
def test_compare_by_revision_and_time(bundle, workshop, verdict):
    def group(revision, minutes, label):
        updated = None if minutes is None else T0 + dt.timedelta(minutes=minutes)
        needs = [Need(id="need-1", aspect="dana", label=label)]
        return Group(id="a", name="A", revision=revision, updated=updated, needs=needs)

    incoming, current = group(*bundle, "dari laptop"), group(*workshop, "di fasilitator")
    assert bundle_mod._compare(current, incoming) == verdict
    same = group(*bundle, "di fasilitator")
    assert bundle_mod._compare(current, same) == "unchanged"


@pytest.fixture
def two_copies(laptop, tmp_path):
    """The facilitator's workshop as a copy of the laptop's (same group files)."""
    shutil.copytree(laptop.path, tmp_path / "fasilitator")
    return laptop, toolkit.Workshop.open(tmp_path / "fasilitator")


def test_older_bundle_does_not_overwrite_newer_work(two_copies, tmp_path):
    laptop, facilitator = two_copies
    make_bundle(laptop.path, GID, tmp_path / "old.zip")
    add_needs(facilitator, GID, "Dana hibah desa")
    before = all_files(facilitator.path)
    report = collect(facilitator.path, [tmp_path / "old.zip"])
    entry = report.entries[0]
    assert (entry.outcome, entry.bundle.revision, entry.workshop.revision) == (
        "skipped_older",
        1,
        2,
    )
    assert report.ok  # nothing for the facilitator to do
    assert all_files(facilitator.path) == before
    assert "older bundle, not imported" in report.lines("en")[0]
    assert "needs: 35" in report.lines("en")[0] and "needs: 36" in report.lines("en")[0]


def test_newer_bundle_updates_and_the_old_copy_can_be_restored(two_copies, tmp_path, capsys):
    laptop, facilitator = two_copies
    old = facilitator.group_path(GID).read_bytes()
    add_needs(laptop, GID, "Mesin jahit obras")
    add_needs(laptop, GID, "Instruktur tamu")
    make_bundle(laptop.path, GID, tmp_path / "new.zip")
    report = collect(facilitator.path, [tmp_path / "new.zip"])
    assert [(e.outcome, e.workshop.revision, e.bundle.revision) for e in report.entries] == [
        ("updated", 1, 3)
    ]
    assert facilitator.group_path(GID).read_bytes() == laptop.group_path(GID).read_bytes()
    assert facilitator.backup_path(GID).read_bytes() == old
    assert f"kemitraan restore {facilitator.path} --group {GID} --force" in report.lines("en")[0]
    assert run("restore", facilitator.path, "--group", GID, "--force") == 0
    capsys.readouterr()
    assert facilitator.group_path(GID).read_bytes() == old
    assert facilitator.load(GID).revision == 1


def test_conflict_is_reported_and_resolved_by_choice(two_copies, tmp_path):
    laptop, facilitator = two_copies
    add_needs(laptop, GID, "Dari laptop")
    add_needs(facilitator, GID, "Dari fasilitator", "Kedua")
    make_bundle(laptop.path, GID, tmp_path / "c.zip")
    workshop_bytes = facilitator.group_path(GID).read_bytes()
    report = collect(facilitator.path, [tmp_path / "c.zip"])
    entry = report.entries[0]
    assert entry.outcome == "conflict" and not report.ok
    line = report.lines("en")[0]
    assert "conflict for group LKP Jahit Cempaka Mandiri" in line
    assert "Workshop: revision 2" in line and "needs: 37" in line
    assert "Bundle: revision 2" in line and "needs: 36" in line
    assert facilitator.group_path(GID).read_bytes() == workshop_bytes
    kept = collect(facilitator.path, [tmp_path / "c.zip"], choose={GID: "workshop"})
    assert [e.outcome for e in kept.entries] == ["kept_workshop"] and kept.ok
    assert facilitator.group_path(GID).read_bytes() == workshop_bytes
    taken = collect(facilitator.path, [tmp_path / "c.zip"], choose={GID: "bundle"})
    assert [e.outcome for e in taken.entries] == ["updated"] and taken.ok
    assert "as chosen" in taken.lines("en")[0]
    assert facilitator.group_path(GID).read_bytes() == laptop.group_path(GID).read_bytes()
    assert facilitator.backup_path(GID).read_bytes() == workshop_bytes
    facilitator.restore_backup(GID, force=True)
    labels = {n.label for n in facilitator.load(GID).needs}
    assert {"Dari fasilitator", "Kedua"} <= labels and "Dari laptop" not in labels


def test_more_saves_but_older_time_is_a_conflict(two_copies, tmp_path, monkeypatch):
    laptop, facilitator = two_copies
    monkeypatch.setattr("toolkit.storage._now", lambda: T0)
    add_needs(laptop, GID, "Satu")
    add_needs(laptop, GID, "Dua")
    monkeypatch.setattr("toolkit.storage._now", lambda: T0 + dt.timedelta(hours=1))
    add_needs(facilitator, GID, "Fasilitator")
    make_bundle(laptop.path, GID, tmp_path / "c.zip")
    report = collect(facilitator.path, [tmp_path / "c.zip"])
    assert [(e.outcome, e.bundle.revision, e.workshop.revision) for e in report.entries] == [
        ("conflict", 3, 2)
    ]
    assert "2026-12-07 09:00:00 UTC" in report.lines("en")[0]


def test_two_bundles_of_one_group_newest_wins_in_any_order(two_copies, tmp_path):
    laptop, facilitator = two_copies
    add_needs(laptop, GID, "Pertama")
    make_bundle(laptop.path, GID, tmp_path / "r2.zip")
    add_needs(laptop, GID, "Kedua")
    make_bundle(laptop.path, GID, tmp_path / "r3.zip")
    report = collect(facilitator.path, [tmp_path / "r3.zip", tmp_path / "r2.zip"])
    assert [e.outcome for e in report.entries] == ["updated", "skipped_older"]
    assert facilitator.load(GID).revision == 3
    assert report.summary("en") == (
        "2 bundles: 0 new groups, 1 updated, 0 already up to date, 1 older, "
        "0 kept as in the workshop, 0 conflicts, 0 refused."
    )


def test_unused_choice_and_bad_choice(bundle_path, tmp_path):
    ws = toolkit.Workshop.create(tmp_path / "f", title="F")
    report = collect(ws.path, [bundle_path], choose={"tidak-ada": "bundle"})
    assert report.unused_choices == ["tidak-ada"]
    assert "'tidak-ada'" in report.lines("en")[-1]
    with pytest.raises(ValueError, match="'bundle' or 'workshop'"):
        collect(ws.path, [bundle_path], choose={GID: "keduanya"})


# ------------------------------------------------------------------------- CLI
def test_cli_bundle_and_collect_in_indonesian(laptop, tmp_path, capsys):
    out = tmp_path / "kelompok1.zip"
    assert run("bundle", laptop.path, "--group", GID, "--out", out) == 0
    assert f"Bundel ditulis: {out}" in capsys.readouterr().out
    fresh = toolkit.Workshop.create(tmp_path / "f", title=laptop.info.title)
    assert run("collect", fresh.path, out) == 0
    printed = capsys.readouterr().out
    assert "ditambahkan ke workshop" in printed and "1 kelompok baru" in printed
    assert run("collect", fresh.path, out) == 0
    assert "sudah mutakhir" in capsys.readouterr().out


def test_cli_conflict_exit_codes_and_hint(two_copies, tmp_path, capsys):
    laptop, facilitator = two_copies
    add_needs(laptop, GID, "Dari laptop")
    add_needs(facilitator, GID, "Dari fasilitator")
    zip_path = tmp_path / "c.zip"
    assert run("bundle", laptop.path, "--group", GID, "--out", zip_path) == 0
    capsys.readouterr()
    assert run("collect", facilitator.path, zip_path) == 1
    captured = capsys.readouterr()
    assert "konflik" in captured.out.lower() and "--take-bundle" in captured.err
    assert run("--lang", "en", "collect", facilitator.path, zip_path) == 1
    captured = capsys.readouterr()
    assert "conflict for group" in captured.out
    assert "run the command again with --take-bundle" in captured.err
    args = ("collect", facilitator.path, zip_path, "--take-bundle", GID, "--keep-workshop", GID)
    assert run(*args) == 1
    assert "--take-bundle" in capsys.readouterr().err
    assert run("collect", facilitator.path, zip_path, "--keep-workshop", GID) == 0
    capsys.readouterr()
    assert run("--lang", "en", "collect", facilitator.path, zip_path, "--take-bundle", GID) == 0
    assert "replaced with the bundle as chosen" in capsys.readouterr().out
    assert facilitator.load(GID).needs[-1].label == "Dari laptop"


def test_cli_refused_bundle_exit_code(tmp_path, capsys):
    ws = toolkit.Workshop.create(tmp_path / "f", title="F")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 rusak")
    assert run("--lang", "en", "collect", ws.path, junk) == 1
    captured = capsys.readouterr()
    assert "junk.zip: refused, nothing was imported" in captured.out
    assert "ask the group to make them again" in captured.err
    assert run("collect", ws.path, junk) == 1
    assert "ditolak" in capsys.readouterr().out
    assert ws.group_ids == []


def test_group_name_with_slash_emoji_40_chars(tmp_path, capsys):
    name = "Kelompok 3/Tata Rias 💄 Banjarbaru Oke!!!"
    assert len(name) == 40
    ws = toolkit.Workshop.create(tmp_path / "laptop", title="T", groups=[name])
    (gid,) = ws.group_ids
    assert gid == "kelompok-3-tata-rias-banjarbaru-oke"
    add_needs(ws, gid, "Mesin 💄/obras")
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run("bundle", ws.path, "--group", gid, "--out", usb) == 0
    capsys.readouterr()
    (zip_path,) = usb.iterdir()
    assert zip_path.name == f"{gid}-r1.zip"
    assert zipfile.ZipFile(zip_path).namelist() == ["manifest.json", f"groups/{gid}.json"]
    assert read_bundle(zip_path).manifest.group_name == name
    fresh = toolkit.Workshop.create(tmp_path / "f", title="T")
    assert run("collect", fresh.path, zip_path) == 0
    capsys.readouterr()
    assert fresh.group_name(gid) == name
    assert fresh.load(gid) == ws.load(gid)
    assert sorted(p.name for p in (fresh.path / "groups").glob("*.json")) == [f"{gid}.json"]


def test_put_group_refuses_a_file_changed_since_it_was_loaded(two_copies):
    laptop, facilitator = two_copies
    add_needs(laptop, GID, "Dari laptop")
    loaded = facilitator.load(GID)
    add_needs(facilitator, GID, "Sementara itu")
    before = all_files(facilitator.path)
    with pytest.raises(StaleRevisionError):
        facilitator.put_group(laptop.group_path(GID).read_bytes(), expected=loaded)
    with pytest.raises(CorruptFileError, match="berisi kelompok .lkp-tata-rias-intan."):
        facilitator.put_group(
            laptop.group_path("lkp-tata-rias-intan").read_bytes(), expected=loaded
        )
    assert all_files(facilitator.path) == before


def test_group_changed_while_collecting_is_not_overwritten(two_copies, tmp_path, monkeypatch):
    laptop, facilitator = two_copies
    add_needs(laptop, GID, "Dari laptop")
    make_bundle(laptop.path, GID, tmp_path / "n.zip")
    compare = bundle_mod._compare

    def compare_then_someone_saves(current, incoming):
        verdict = compare(current, incoming)
        add_needs(facilitator, GID, "Disimpan sementara itu")
        return verdict

    monkeypatch.setattr(bundle_mod, "_compare", compare_then_someone_saves)
    report = collect(facilitator.path, [tmp_path / "n.zip"])
    assert [e.outcome for e in report.entries] == ["conflict"]
    assert "while it was being collected" in report.lines("en")[0]
    assert facilitator.load(GID).needs[-1].label == "Disimpan sementara itu"


def test_cli_collect_expands_folders_and_patterns(tmp_path):
    from toolkit.cli import _bundle_files

    (tmp_path / "usb").mkdir()
    for name in ("b.zip", "a.zip", "notes.txt"):
        (tmp_path / "usb" / name).write_bytes(b"x")
    usb = tmp_path / "usb"
    assert _bundle_files([usb]) == [usb / "a.zip", usb / "b.zip"]
    assert _bundle_files([str(usb / "*.zip")]) == [usb / "a.zip", usb / "b.zip"]
    assert _bundle_files([str(usb / "none*.zip")]) == [usb / "none*.zip"]  # refused by collect
