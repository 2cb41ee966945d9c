from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit
from toolkit.cli import build_parser, main


def run(*args):
    return main([str(a) for a in args])


def test_help_indonesian_and_english(capsys):
    assert run("--help") == 0
    out = capsys.readouterr().out
    assert "penggunaan:" in out and "buat workshop contoh Banjarbaru" in out
    assert run("--lang", "en", "--help") == 0
    out = capsys.readouterr().out
    assert "usage:" in out and "create the Banjarbaru sample workshop" in out
    assert run("--lang", "en", "new", "--help") == 0
    assert "group names separated by commas" in capsys.readouterr().out


def test_bad_arguments_explained_in_indonesian(capsys):
    assert run("new", "x") == 2
    err = capsys.readouterr().err
    assert "argumen berikut wajib diisi" in err


def test_new_status_validate(tmp_path, capsys):
    path = tmp_path / "w"
    assert run("new", path, "--title", "Pelatihan Uji", "--groups", "LKP A, LKP B,,") == 0
    assert "lkp-a, lkp-b" in capsys.readouterr().out
    assert toolkit.Workshop.open(path).group_ids == ["lkp-a", "lkp-b"]
    assert run("status", path) == 0
    out = capsys.readouterr().out
    assert "Pelatihan Uji" in out and "LKP A" in out and "Konsep" in out
    assert run("validate", path) == 0
    assert "3 berkas" in capsys.readouterr().out
    assert run("new", path, "--title", "Lagi", "--groups", "X") == 1
    assert "Sudah ada workshop" in capsys.readouterr().err


def test_sample_and_status(tmp_path, capsys):
    path = tmp_path / "s"
    assert run("sample", path) == 0
    capsys.readouterr()
    assert run("--lang", "en", "status", path) == 0
    out = capsys.readouterr().out
    assert "Partner map" in out and "100" in out


def test_validate_names_each_broken_file(tmp_path, capsys):
    path = tmp_path / "w"
    ws = toolkit.Workshop.create(path, title="T", groups=["A", "B", "C"])
    ws.group_path("a").write_text('{"schema_version": 1, "id": "a", "na', encoding="utf-8")
    data = json.loads(ws.group_path("b").read_text(encoding="utf-8"))
    data["schema_version"] = 7
    ws.group_path("b").write_text(json.dumps(data), encoding="utf-8")
    (path / "groups" / "stray.json").write_text("{}", encoding="utf-8")
    assert run("validate", path) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert str(ws.group_path("a")) in lines[0]
    assert str(ws.group_path("b")) in lines[1] and "7" in lines[1]
    assert "stray.json" in lines[2]


def test_restore(tmp_path, capsys):
    path = tmp_path / "w"
    ws = toolkit.Workshop.create(path, title="T", groups=["A"])
    with ws.edit("a") as g:
        g.profile.name = "satu"
    with ws.edit("a") as g:
        g.profile.name = "dua"
    ws.group_path("a").write_text("{", encoding="utf-8")
    assert run("status", path) == 1
    assert "kemitraan restore" in capsys.readouterr().err
    assert run("restore", path, "--group", "a") == 0
    assert ws.load("a").profile.name == "satu"


def test_errors_are_one_plain_line(tmp_path, capsys):
    assert run("status", tmp_path / "nothing") == 1
    err = capsys.readouterr().err
    assert err.startswith("Kesalahan:") and "Traceback" not in err and len(err.splitlines()) == 1
    assert run("restore", tmp_path, "--group", "../../etc") == 1


def test_schema_command(tmp_path):
    assert run("schema", "--out", tmp_path) == 0
    schema = json.loads((tmp_path / "group.schema.json").read_text())
    assert schema["title"] == "Group" and "actors" in schema["properties"]


def test_console_script_installed():
    exe = Path(sys.executable).parent / "kemitraan"
    result = subprocess.run([exe, "--lang", "en", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage: kemitraan" in result.stdout


def test_lab_refuses_missing_explicit_workshop(tmp_path, capsys):
    assert run("lab", tmp_path / "none") == 1
    assert "kemitraan sample" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["id", "en"])
def test_default_workshop_path_from_env(monkeypatch, tmp_path, lang):
    monkeypatch.setenv("KEMITRAAN_WORKSHOP", str(tmp_path / "env-ws"))
    assert toolkit.default_workshop_path() == (tmp_path / "env-ws").resolve()


def test_lang_after_the_command(tmp_path, capsys):
    path = tmp_path / "w"
    assert run("new", path, "--title", "T", "--groups", "A,B", "--lang", "en") == 0
    assert "Workshop created" in capsys.readouterr().out
    assert toolkit.Workshop.open(path).info.language == "en"
    assert run("status", "--lang", "en", path) == 0
    assert "Partner map" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ("new", "{tmp}/n1", "--title", "", "--groups", "A"),
        ("new", "{tmp}/afile", "--title", "T", "--groups", "A"),
        ("sample", "{tmp}/afile"),
        ("new", "/proc/kemitraan-nope/x", "--title", "T", "--groups", "A"),
    ],
)
def test_facilitator_mistakes_give_one_plain_line(tmp_path, capsys, args):
    (tmp_path / "afile").write_text("bukan folder", encoding="utf-8")
    assert run(*[a.format(tmp=tmp_path) for a in args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Kesalahan:") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("port", ["70000", "-5", "delapan"])
def test_bad_port_is_refused_before_starting(capsys, port):
    assert run("lab", "--port", port) == 2
    assert "65535" in capsys.readouterr().err


def test_status_of_a_workshop_without_groups(tmp_path, capsys):
    toolkit.Workshop.create(tmp_path / "w", title="Kosong")
    assert run("status", tmp_path / "w") == 0
    assert "belum memiliki kelompok" in capsys.readouterr().out


def test_restore_cli_refuses_healthy_then_forces(tmp_path, capsys):
    path = tmp_path / "s"
    run("sample", path)
    capsys.readouterr()
    gid = toolkit.Workshop.open(path).group_ids[1]
    before = toolkit.Workshop.open(path).load(gid)
    assert run("restore", path, "--group", gid) == 1
    assert "--force" in capsys.readouterr().err
    assert toolkit.Workshop.open(path).load(gid) == before


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "pdf"])
def test_export_plan_worksheet_formats(tmp_path, capsys, fmt):
    path = tmp_path / "s"
    run("sample", path)
    gid = toolkit.Workshop.open(path).group_ids[0]
    assert run("export", path, "--group", gid, "--format", fmt) == 0
    written = list((path / "exports").glob(f"*-rencana.{fmt}"))
    assert len(written) == 1 and written[0].stat().st_size > 1000
    assert str(written[0]) in capsys.readouterr().out


# ------------------------------------------------- issue 5: plan export --out
def test_export_plan_out_folder_file_and_missing_folder(tmp_path, capsys):
    path = tmp_path / "s"
    run("sample", path)
    gid = "lkp-jahit-cempaka-mandiri"
    out = tmp_path / "keluar"
    out.mkdir()
    assert run("export", path, "--group", gid, "--format", "pdf", "--out", out) == 0
    assert [p.name for p in out.iterdir()] == ["LKP-Jahit-Cempaka-Mandiri-rencana.pdf"]
    capsys.readouterr()
    assert run("export", path, "--group", gid, "--format", "docx", "--out", out / "a.docx") == 0
    assert (out / "a.docx").stat().st_size > 1000
    capsys.readouterr()
    missing = tmp_path / "tidak-ada" / "x.pdf"
    assert run("export", path, "--group", gid, "--format", "pdf", "--out", missing) == 1
    err = capsys.readouterr().err
    assert str(tmp_path / "tidak-ada") in err and "Traceback" not in err
    assert err.startswith("Kesalahan: ") and ".tmp" not in err


def test_export_help_names_the_plan_formats(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    text = capsys.readouterr().out
    line = next(x for x in text.splitlines() if x.strip().startswith("export"))
    assert "Excel" in line or "PDF" in line


def test_export_with_a_far_date_in_the_file_works(tmp_path, capsys):
    import json

    path = tmp_path / "s"
    run("sample", path)
    gid = "lkp-jahit-cempaka-mandiri"
    file = path / "groups" / f"{gid}.json"
    data = json.loads(file.read_text())
    data["plan"]["partnerships"][0]["review_date"] = "2207-03-01"
    file.write_text(json.dumps(data))
    assert run("export", path, "--group", gid, "--format", "pdf") == 1
    err = capsys.readouterr().err
    assert "2207" in err and "Traceback" not in err and "review_date" in err
