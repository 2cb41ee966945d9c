"""The facilitator's workshop report (DOCX, XLSX) built from the Banjarbaru sample."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

import toolkit
from toolkit.analysis import rank_needs
from toolkit.cli import main
from toolkit.errors import KemitraanError
from toolkit.export.workshop_report import (
    build_workshop_docx,
    build_workshop_xlsx,
    write_workshop_report,
)
from toolkit.model import Actor

REPO = Path(__file__).resolve().parent.parent
HOSTILE_NAME = "Kelompok/Uji <b>" + "x" * 24  # 40 characters with "/"
SHARED = "Dinas Pendidikan Kota Banjarbaru (pembina LKP)"  # on the maps of groups 1 and 2


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return toolkit.create_sample(tmp_path_factory.mktemp("report") / "s")


@pytest.fixture(scope="module")
def groups(sample):
    return [sample.load(g) for g in sample.group_ids]


@pytest.fixture(scope="module")
def sample_docx(sample):
    buf = io.BytesIO()
    build_workshop_docx(sample, lang="id").save(buf)
    return buf.getvalue()


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _xlsx(workshop, lang="id"):
    buf = io.BytesIO()
    build_workshop_xlsx(workshop, lang).save(buf)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))


@pytest.fixture
def hostile(tmp_path):
    ws = toolkit.Workshop.create(tmp_path / "h", title="Uji <script>", groups=[HOSTILE_NAME, "B"])
    gid = ws.group_ids[0]
    with ws.edit(gid) as g:
        g.profile.district = "=1+1"
        g.profile.facilities = "baris1\x0bbaris2"
        g.profile.programmes = ["<script>alert(1)</script>", "Menjahit 😀"]
        g.actors = [Actor(id="actor-1", name="=SUM(A1)", category="dudi")]
    with ws.edit("b") as g:
        g.actors = [Actor(id="actor-1", name="=sum(a1)", category="dudi")]
    return ws


# ------------------------------------------------------------------ docx
def test_docx_has_every_group_and_its_top_need(sample_docx, groups):
    doc = docx.Document(io.BytesIO(sample_docx))
    text = _docx_text(doc)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for g in groups:
        assert g.name in headings
        ranked = rank_needs(g)
        if len(ranked):
            assert ranked.label.iloc[0] in text
    assert "Pelatihan Kemitraan LKP Kota Banjarbaru" in text
    assert "7 Desember 2026" in text and "Tim Fasilitator" in text
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_regional_section(sample_docx):
    doc = docx.Document(io.BytesIO(sample_docx))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Mitra yang paling banyak dicari" in headings
    wanted = next(
        t for t in doc.tables if t.rows[0].cells[1].text == "Mitra" and len(t.columns) == 7
    )
    first = [c.text for c in wanted.rows[1].cells]
    assert first[:2] == ["1", SHARED] and first[3] == "2"
    assert "LKP Jahit Cempaka Mandiri\nLKP Tata Rias Intan" == first[4]
    # the needs nobody covers: the tailoring group's instructor fee (score 8)
    assert any(
        r.cells[2].text == "Honor instruktur"
        for t in doc.tables
        for r in t.rows[1:]
        if len(r.cells) == 6
    )
    pictures = doc.inline_shapes
    assert len(pictures) == 3  # two group maps (the third group has none) + the regional map


def test_docx_progress_table(sample_docx):
    doc = docx.Document(io.BytesIO(sample_docx))
    progress = next(t for t in doc.tables if t.rows[0].cells[1].text.startswith("1."))
    rows = [[c.text for c in r.cells] for r in progress.rows[1:]]
    assert rows[0] == ["LKP Jahit Cempaka Mandiri", "100", "100", "100", "100", "100"]
    assert rows[2][0] == "LKP Komputer Borneo Cerdas" and rows[2][3:] == ["0", "0", "0"]


def test_docx_hostile_text_is_safe(hostile):
    buf = io.BytesIO()
    write_workshop_report(hostile, buf, "docx", lang="id")
    text = _docx_text(docx.Document(io.BytesIO(buf.getvalue())))
    assert HOSTILE_NAME in text
    assert "<script>alert(1)</script>" in text and "Menjahit 😀" in text
    assert "baris1\nbaris2" in text and "\x0b" not in text
    assert "=SUM(A1)" in text


# ------------------------------------------------------------------ xlsx
def test_xlsx_sheets_and_layout(sample, groups):
    wb = _xlsx(sample)
    names = wb.sheetnames
    assert len(names) == 8 and len({n.lower() for n in names}) == 8
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[1:4] == ["profil", "kebutuhan", "mitra"]
    for ws in wb:
        assert ws.freeze_panes is not None
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.column_dimensions["A"].width > 0
    summary = wb.worksheets[0]
    values = [c.value for row in summary.iter_rows() for c in row]
    for g in groups:
        assert g.name in values
    assert "7 Desember 2026" in values  # a fact, written out in words
    assert summary.freeze_panes == "B10"  # title, 6 facts, a blank row, the header row
    needs = wb["kebutuhan"]
    rows = list(needs.iter_rows(min_row=3, values_only=True))
    for g in groups:
        ranked = rank_needs(g)
        if len(ranked):
            assert (g.name, 1, ranked.label.iloc[0]) in [(r[0], r[1], r[3]) for r in rows]
    assert len(rows) == sum(len(rank_needs(g)) for g in groups)


def test_xlsx_regional_sheet(sample):
    wb = _xlsx(sample)
    regional = wb.worksheets[6]
    header = [c.value for c in regional[2]]
    first = [c.value for c in regional[3]]
    assert first[1] == SHARED and first[3] == 2
    assert len(header) == 8 and header[6] in ("Which needs", "Kebutuhan yang mana")
    assert regional.max_row == 2 + 21  # every merged partner of the sample
    plan = wb.worksheets[4]
    assert [r[0] for r in plan.iter_rows(min_row=3, values_only=True)] == [
        "LKP Jahit Cempaka Mandiri"
    ] * 3


def test_xlsx_text_is_never_a_formula(hostile):
    wb = _xlsx(hostile)
    cells = {c.value: c for ws in wb for row in ws.iter_rows() for c in row if c.value}
    assert cells["=SUM(A1)"].data_type == "s"
    assert cells["=1+1"].data_type == "s"
    assert HOSTILE_NAME in cells
    regional = wb.worksheets[6]
    # "=SUM(A1)" and "=sum(a1)" are one party named by both groups
    assert [c.value for c in regional[3]][1:4] == [
        "=SUM(A1)",
        "Dunia usaha dan dunia industri (DUDI)",
        2,
    ]


def test_english_xlsx(sample):
    wb = _xlsx(sample, lang="en")
    assert wb.sheetnames[1:4] == ["profile", "needs", "partners"]


def test_english_docx(hostile):
    doc = build_workshop_docx(hostile, lang="en")
    assert doc.paragraphs[0].text == "Workshop report"


def test_broken_group_is_noted_not_fatal(tmp_path):
    ws = toolkit.create_sample(tmp_path / "s")
    ws.group_path("lkp-tata-rias-intan").write_text("{broken", "utf-8")
    doc = build_workshop_docx(ws, lang="id")
    text = _docx_text(doc)
    assert "lkp-tata-rias-intan.json" in text  # the note names the file
    assert "LKP Jahit Cempaka Mandiri" in text


def test_empty_workshop(tmp_path):
    ws = toolkit.Workshop.create(tmp_path / "e", title="Kosong")
    assert _docx_text(build_workshop_docx(ws)).count("Kosong") >= 1
    wb = _xlsx(ws)
    assert len(wb.sheetnames) == 8 and wb["kebutuhan"].max_row == 2


def test_unknown_format_writes_nothing(sample, tmp_path):
    with pytest.raises(KemitraanError):
        write_workshop_report(sample, tmp_path / "x.pdf", "pdf")
    assert not (tmp_path / "x.pdf").exists()


# ------------------------------------------------------------------ cli
def test_cli_report_writes_both_formats(sample, tmp_path, capsys):
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"laporan.{fmt}"
        assert main(["report", str(sample.path), "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 5000 and str(out) in capsys.readouterr().out
    assert openpyxl.load_workbook(tmp_path / "laporan.xlsx").sheetnames[2] == "kebutuhan"
    assert main(["report", str(sample.path), "--format", "xlsx"]) == 0
    assert (sample.path / "exports" / "laporan-pelatihan.xlsx").exists()
    assert main(["report", str(tmp_path / "missing"), "--format", "docx"]) == 1
    assert main(["report", str(sample.path), "--format", "pdf"]) == 2


# ------------------------------------------------------------------ LibreOffice
@pytest.mark.slow
def test_docx_opens_in_libreoffice(sample_docx, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; cannot check the DOCX renders")
    source = tmp_path / "laporan.docx"
    source.write_bytes(sample_docx)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "laporan.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        artifacts = REPO / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        prefix = artifacts / "workshop-report"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(prefix)],
            check=True, timeout=60,
        )  # fmt: skip
        assert any(artifacts.glob("workshop-report-*1.png"))
