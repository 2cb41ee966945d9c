"""Blank printable worksheets (toolkit.export.blank): content, layout, files, CLI."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from toolkit.catalogue import get_catalogue
from toolkit.cli import main
from toolkit.export import blank
from toolkit.export.blank import (
    BOX,
    FIXED_DATE,
    Grid,
    blank_file_stems,
    blank_worksheets,
    build_blank_docx,
    build_blank_pdf,
    docx_bytes,
    write_blank_worksheets,
)

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
TITLES_ID = [
    "Inventaris kebutuhan",
    "Peta mitra",
    "Rencana kemitraan dengan tahapan",
    "Daftar periksa akad kerja sama",
    "Cek kesehatan kemitraan",
]
TITLES_EN = [
    "Needs inventory",
    "Partner map",
    "Partnership plan with stages",
    "Partnership agreement checklist",
    "Partnership health check",
]
STEMS_ID = [
    "1-inventaris-kebutuhan",
    "2-peta-mitra",
    "3-rencana-kemitraan",
    "4-daftar-periksa-akad",
    "5-cek-kesehatan-kemitraan",
]


@pytest.fixture(scope="module")
def sheets_id():
    return blank_worksheets("id")


def _docx(sheets) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_bytes(build_blank_docx(sheets))))


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def docx_text(doc) -> str:
    """All text of a document, body in order (paragraphs and table cells), then footers."""
    parts = []
    for el in doc.element.body.iterchildren():
        if el.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
        elif el.tag.endswith("}tbl"):
            for tc in el.iter():
                if tc.tag.endswith("}tc"):
                    parts.append("".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")))
    parts += [p.text for s in doc.sections for p in s.footer.paragraphs]
    return "\n".join(parts)


def _tables_with_header(doc, first: str, second: str):
    return [t for t in doc.tables if _cells(t)[0][:2] == [first, second]]


# ------------------------------------------------------------------ content
def test_every_worksheet_has_its_title_header_and_instructions(sheets_id):
    assert [s.title for s in sheets_id] == TITLES_ID
    assert [s.stem for s in sheets_id] == STEMS_ID
    assert [s.landscape for s in sheets_id] == [True, True, False, False, False]
    for sheet in sheets_id:
        assert sheet.header.labels[:3] == ("Nama LKP", "Kelompok", "Tanggal")
        assert len(sheet.intro) > 80  # a real instruction, translated
    text = docx_text(_docx(sheets_id))
    for n, title in enumerate(TITLES_ID, 1):
        assert title in text
        assert f"LEMBAR KERJA {n}" in text


def test_needs_inventory_lists_every_component_and_three_empty_rows(sheets_id):
    doc = _docx(sheets_id[:1])
    text = docx_text(doc)
    cat = get_catalogue()
    tables = _tables_with_header(doc, "No.", "Komponen")
    assert len(tables) == len(cat.aspects) == 5
    for aspect, table in zip(cat.aspects, tables, strict=True):
        assert f"Aspek {cat.aspects.index(aspect) + 1}: {aspect.label.id}" in text
        rows = _cells(table)[1:]
        assert [r[1] for r in rows] == [c.label.id for c in aspect.components] + [""] * 3
        assert [r[0] for r in rows] == [str(i) for i in range(1, len(aspect.components) + 4)]
        for row in rows:
            assert row[2] == f"{BOX}\u00a0ada   {BOX}\u00a0sebagian   {BOX}\u00a0belum ada"
            assert row[3] == row[4] == "1   2   3   4   5"
            assert row[5].count(BOX) == 4  # persiapan, pembelajaran, uji kompetensi, tindak lanjut
    # 7 + 7 + 7 + 6 + 6 components, each with 3 own rows: 33 + 15 rows
    assert sum(len(t.rows) - 1 for t in tables) == 48
    priorities = _tables_with_header(doc, "Peringkat", "Komponen")
    assert [r[0] for r in _cells(priorities[0])[1:]] == ["1", "2", "3", "4", "5"]
    assert all(r[1] == r[2] == "" for r in _cells(priorities[0])[1:])


def test_partner_map_has_centre_legend_table_and_grid(sheets_id):
    doc = _docx(sheets_id[1:2])
    text = docx_text(doc)
    cat = get_catalogue()
    for i, category in enumerate(cat.partner_categories, 1):
        assert f"{i}  {category.label.id}" in text
    for letter, flow in zip("ABCDEFGH", cat.flows, strict=True):
        assert f"{letter}  {flow.label.id}" in text
    assert len(doc.inline_shapes) == 1  # the LKP circle in the drawing area
    partners = _tables_with_header(doc, "No.", "Nama")[0]
    rows = _cells(partners)[1:]
    assert len(rows) == 10 and all(r[1] == "" for r in rows)
    assert (
        rows[0][6] == f"{BOX}\u00a0belum kenal   {BOX}\u00a0kenal\n"
        f"{BOX}\u00a0pernah kerja sama   {BOX}\u00a0mitra aktif"
    )
    grid = [t for t in doc.tables if "Kelola dengan erat" in _cells(t)[0][1]][0]
    quadrants = [c.split("\n")[0] for row in _cells(grid) for c in row]
    assert quadrants == ["Jaga kepuasan", "Kelola dengan erat", "Pantau", "Beri informasi"]


def test_plan_has_patterns_the_plan_stages_and_sustaining(sheets_id):
    doc = _docx(sheets_id[2:3])
    text = docx_text(doc)
    cat = get_catalogue()
    for pattern in cat.patterns:
        assert f"{BOX}\u00a0{pattern.label.id}" in text
    for aspect in cat.aspects:
        assert f"{BOX}\u00a0{aspect.label.id}" in text
    # the stages the plan builder checks (analysis.plan.REQUIRED_STAGES): 2 to 6
    headings = [p.text for p in doc.paragraphs if p.text.startswith("Tahap ")]
    assert headings == [
        "Tahap 2: Sosialisasi",
        "Tahap 3: Perencanaan",
        "Tahap 4: Kesepakatan dan kesepahaman",
        "Tahap 5: Pelaksanaan",
        "Tahap 6: Monitoring dan evaluasi (monev)",
    ]
    activities = _tables_with_header(doc, "No.", "Kegiatan")
    assert len(activities) == 5
    assert all(len(t.rows) == 4 and t.rows[1].cells[1].text == "" for t in activities)
    sustaining = _tables_with_header(doc, "Teknik", "Seberapa sering")[0]
    assert [r[0] for r in _cells(sustaining)[1:]] == [
        f"{BOX}\u00a0{s.label.id}" for s in cat.sustaining
    ]


def test_agreement_checklist_has_every_clause_and_signatures(sheets_id):
    doc = _docx(sheets_id[3:4])
    text = docx_text(doc)
    rows = _cells(_tables_with_header(doc, "✓", "Butir akad")[0])[1:]
    clauses = get_catalogue().clauses
    assert len(rows) == len(clauses) == 6
    for n, (clause, row) in enumerate(zip(clauses, rows, strict=True), 1):
        assert row[0] == BOX
        assert row[1] == f"Pasal {n}. {clause.label.id}\n{clause.description.id}"
        assert row[2] == ""
    for label in ("Pihak pertama", "Pihak kedua", "Jangka waktu", "Tanggal peninjauan"):
        assert label in text
    assert text.count("Nama, jabatan dan tanda tangan") == 2


def test_health_check_has_every_principle_with_three_colours(sheets_id):
    doc = _docx(sheets_id[4:5])
    text = docx_text(doc)
    table = _tables_with_header(doc, "Prinsip", "merah")[0]
    assert _cells(table)[0] == ["Prinsip", "merah", "kuning", "hijau", "Bukti atau catatan"]
    principles = get_catalogue().principles
    rows = _cells(table)[1:]
    assert [r[0].split("\n")[0] for r in rows] == [p.label.id for p in principles]
    assert all(r[1:4] == [BOX, BOX, BOX] and r[4] == "" for r in rows)
    assert "Apa yang berubah sejak pemeriksaan terakhir" in text
    assert "Tanggal pemeriksaan sebelumnya" in text


def test_english_labels():
    sheets = blank_worksheets("en")
    assert [s.title for s in sheets] == TITLES_EN
    assert blank_file_stems("en")[0] == "1-needs-inventory"
    assert blank_file_stems("en")[-1] == "blank-worksheets-complete"
    text = docx_text(_docx(sheets))
    for expected in (
        "WORKSHEET 1",
        "Name of the LKP",
        "Curriculum and syllabus",
        f"{BOX}\u00a0available   {BOX}\u00a0partly available   {BOX}\u00a0not yet available",
        "Manage closely",
        "Stage 2: Introduction (socialisation)",
        "Article 1. Funding",
        "Principle of common ground",
        "What changed since the last review",
    ):
        assert expected in text
    assert "Kurikulum" not in text and "Kelompok" not in text


def test_unknown_language_or_format_raises(tmp_path):
    with pytest.raises(ValueError, match="unknown language"):
        blank_worksheets("fr")
    with pytest.raises(ValueError, match="unknown format"):
        write_blank_worksheets(tmp_path, formats=("pdf", "odt"))
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ layout
def test_writing_space_is_at_least_8_mm(sheets_id):
    grids = [b for s in sheets_id for b in s.blocks if isinstance(b, Grid)]
    assert len(grids) == 5 + 1 + 1 + 5 + 1 + 1 + 1  # needs, priorities, partners, ...
    assert min(g.min_height for g in grids) >= 8
    doc = _docx(sheets_id)
    for table in doc.tables:
        header = table.rows[0].cells[0].paragraphs[0].runs
        if header and header[0].bold and len(table.rows) > 1 and table.style.name == "Table Grid":
            for row in table.rows[1:]:
                assert row.height is None or row.height >= Mm(8) - 1


def _pdf_font_sizes(data: bytes) -> set[float]:
    sizes = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        sizes |= {float(s) for s in re.findall(rb"/F\d+\s+([\d.]+)\s+Tf", content)}
    return sizes


def test_pdf_is_a4_deterministic_and_uses_9_pt_or_more(sheets_id):
    data = build_blank_pdf(sheets_id)
    assert data.startswith(b"%PDF") and data == build_blank_pdf(sheets_id)
    assert b"/CreationDate (D:20240101000000Z" in data
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages >= 5
    sizes = _pdf_font_sizes(data)
    assert sizes and min(sizes) >= 9, sizes
    # A4 landscape (needs, map) and portrait (plan, agreement, health), in points
    assert b"/MediaBox [0 0 841.89 595.28]" in data
    assert b"/MediaBox [0 0 595.28 841.89]" in data


def test_docx_is_deterministic_with_fixed_properties(sheets_id):
    first = docx_bytes(build_blank_docx(sheets_id[:1]))
    assert first == docx_bytes(build_blank_docx(sheets_id[:1]))
    doc = docx.Document(io.BytesIO(first))
    props = doc.core_properties
    assert props.created == props.modified == FIXED_DATE
    assert props.title == "Inventaris kebutuhan" and props.author == "kemitraan-toolkit"
    section = doc.sections[0]
    assert abs(section.page_width - Mm(297)) < Mm(0.1)  # stored in twips: rounded
    assert abs(section.page_height - Mm(210)) < Mm(0.1)
    assert round(section.left_margin.cm, 2) == round(section.top_margin.cm, 2) == 2.0


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
def test_pdf_text_can_be_found_and_page_1_rendered(sheets_id, tmp_path):
    pdf = tmp_path / "all.pdf"
    pdf.write_bytes(build_blank_pdf(sheets_id, title="Lembar kerja kosong"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in [*TITLES_ID, "Kurikulum dan silabus", "Pasal 6. Pemanfaatan hasil"]:
        assert expected in text
    assert "Prinsip keberlanjutan" in text and "Kelola dengan erat" in text
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / "blank-worksheets-p1"
        args = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*args, str(pdf), str(out)], check=True)
        assert out.with_suffix(".png").stat().st_size > 10_000


# ------------------------------------------------------------------ files and CLI
def test_cli_writes_12_files(tmp_path, capsys):
    assert main(["blank-worksheets", "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    stems = blank_file_stems("en")
    assert names == sorted(f"{s}.{ext}" for s in stems for ext in ("pdf", "docx"))
    assert len(names) == 12
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 12 and printed[0].startswith("Written: ")
    combined = docx.Document(tmp_path / "out" / "blank-worksheets-complete.docx")
    assert len(combined.sections) == 5


def test_cli_one_format_in_indonesian(tmp_path, capsys):
    assert main(["blank-worksheets", "--out", str(tmp_path), "--format", "pdf"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{s}.pdf" for s in blank_file_stems("id")
    )
    assert capsys.readouterr().out.startswith("Ditulis: ")


def test_a_failing_builder_leaves_no_file(tmp_path, monkeypatch):
    old = tmp_path / "1-inventaris-kebutuhan.pdf"
    old.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise RuntimeError("broken builder")

    monkeypatch.setattr(blank, "build_blank_docx", broken)
    with pytest.raises(RuntimeError, match="broken builder"):
        write_blank_worksheets(tmp_path, lang="id")
    assert [p.name for p in tmp_path.iterdir()] == [old.name]  # no temp file left either
    assert old.read_bytes() == b"old"


def test_committed_blank_worksheets_are_current():
    folder = REPO / "worksheets" / "kosong"
    sheets = blank_worksheets("id")
    stems = blank_file_stems("id")
    expected = {stem: [s] for stem, s in zip(stems[:5], sheets, strict=True)} | {stems[5]: sheets}
    for stem, group in expected.items():
        assert (folder / f"{stem}.pdf").is_file(), f"{stem}.pdf is missing: run make worksheets"
        committed = docx_text(docx.Document(folder / f"{stem}.docx"))
        assert committed == docx_text(_docx(group)), (
            f"worksheets/kosong/{stem}.docx is out of date: run make worksheets"
        )
    for ext in ("xlsx", "docx", "html", "pdf"):
        assert (
            REPO / "worksheets" / "contoh" / f"lkp-jahit-cempaka-mandiri-rencana.{ext}"
        ).is_file()


# ------------------------------------------------------------ issue 5 (14)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_pdf_keeps_headings_with_their_table_and_small_tables_whole(lang, monkeypatch):
    from toolkit.export import blank

    placed = []  # (kind, text, first page, last page)

    def spy(name):
        real = getattr(blank._PdfWriter, name)

        def run(self, block):
            first = self.pdf.page_no()
            real(self, block)
            text = block.text if isinstance(block, blank.Heading) else ""
            height = self.height(block) if isinstance(block, blank.Grid) else 0
            placed.append((name, text, first, self.pdf.page_no(), height))

        monkeypatch.setattr(blank._PdfWriter, name, run)

    for name in ("_heading", "_note", "_grid", "_fields", "_fillin", "_lines"):
        spy(name)
    build_blank_pdf(blank_worksheets(lang))
    for (kind, text, _f, page, _h), nxt in zip(placed, placed[1:], strict=False):
        if kind == "_heading":
            assert nxt[2] == page, f"heading {text!r} alone at the foot of page {page}"
    small = [p for p in placed if p[0] == "_grid" and p[4] <= blank._KEEP_WHOLE]
    assert small and all(first == last for _k, _t, first, last, _h in small)
    assert any(p[1].startswith(("Aspect 4", "Aspek 4")) for p in placed)


def test_boxes_are_glued_to_their_labels():
    from toolkit.export.blank import NBSP

    text = "\n".join(
        cell for sheet in blank_worksheets("en") for block in sheet.blocks
        if isinstance(block, Grid) for row in block.rows for cell in row
    )  # fmt: skip
    assert f"{BOX}{NBSP}available" in text and f"{BOX} " not in text
