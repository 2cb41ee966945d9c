from __future__ import annotations

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest

import toolkit
from toolkit import export
from toolkit.catalogue import get_catalogue
from toolkit.export import (
    build_plan_docx,
    build_plan_html,
    build_plan_pdf,
    build_plan_xlsx,
    clean_text,
    export_plan,
    safe_filename,
)

HOSTILE_NAME = "Kelompok/Uji <b>" + "x" * 24  # 40 characters with "/"


@pytest.fixture(scope="module")
def jahit(tmp_path_factory):
    ws = toolkit.create_sample(tmp_path_factory.mktemp("export") / "s")
    return ws.load("lkp-jahit-cempaka-mandiri")


@pytest.fixture
def hostile(jahit):
    g = jahit.model_copy(deep=True)
    assert len(HOSTILE_NAME) == 40
    g.name = HOSTILE_NAME
    g.profile.facilities = "baris1\x0bbaris2"
    g.profile.district = "=1+1"
    g.profile.programmes = ["<script>alert(1)</script>", "Menjahit 😀"]
    return g


def _docx_text(doc):
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


# ------------------------------------------------------------------ _text
def test_clean_text():
    assert clean_text("baris1\x0bbaris2") == "baris1\nbaris2"
    assert clean_text("a\x00b\x1fc\x85d\r\ne\tf") == "abc\nd\ne\tf"
    assert clean_text("ok 😀👍🏽", keep_emoji=False, lang="id") == "ok [emoji]"
    assert clean_text("ok 😀") == "ok 😀"
    assert clean_text(None) == ""


def test_safe_filename():
    name = safe_filename(HOSTILE_NAME)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", name)
    assert name.startswith("Kelompok-Uji-b-")
    assert safe_filename("../..") == "kelompok"
    assert safe_filename("CON") == "CON-1"


# ------------------------------------------------------------------ xlsx
def test_xlsx_sheets_dates_and_print_setup(jahit):
    buf = io.BytesIO()
    build_plan_xlsx(jahit, lang="id").save(buf)
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    assert len(wb.sheetnames) == 6 and len({s.lower() for s in wb.sheetnames}) == 6
    assert all(len(s) <= 31 for s in wb.sheetnames)
    for ws in wb:
        assert ws.freeze_panes in ("A3", "B3")
        assert ws.print_title_rows == "$2:$2"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.column_dimensions["A"].width > 0
    assert wb.worksheets[0].page_setup.orientation == "portrait"
    schedule = wb.worksheets[-1]
    assert schedule["D3"].is_date and "mmmm" in schedule["D3"].number_format
    partners = {c.value for c in wb.worksheets[2]["B"]}
    assert {a.name for a in jahit.actors} <= partners


def test_xlsx_text_is_never_a_formula(hostile):
    buf = io.BytesIO()
    export.write_plan_xlsx(hostile, buf, lang="id")
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    values = {c.value: c for row in wb.worksheets[0].iter_rows() for c in row}
    assert values["=1+1"].data_type == "s"
    assert "baris1\nbaris2" in values


# ------------------------------------------------------------------ html
class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.imgs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.imgs.append(dict(attrs)["src"])

    def handle_data(self, data):
        self.text.append(data)


def test_html_content_and_pictures(jahit):
    page = build_plan_html(jahit, lang="id")
    parser = _Collect()
    parser.feed(page)
    text = "".join(parser.text)
    assert "@page { size: A4" in page and "break-before: page" in page
    assert all(a.name in text for a in jahit.actors)
    assert all(c.label.get("id") in text for c in get_catalogue().clauses)
    assert "1 Maret 2027" in text
    assert len(parser.imgs) == 3 and all(  # map, grid, timeline
        s.startswith("data:image/png;base64,") for s in parser.imgs
    )


def test_html_escapes_user_text(hostile):
    page = build_plan_html(hostile, lang="id")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "b" not in parser.tags


# ------------------------------------------------------------------ docx
def test_docx_content(jahit):
    buf = io.BytesIO()
    build_plan_docx(jahit, lang="id").save(buf)
    doc = docx.Document(io.BytesIO(buf.getvalue()))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    text = _docx_text(doc)
    assert all(a.name in text for a in jahit.actors)
    for clause in get_catalogue().clauses:
        assert clause.label.get("id") in text
    assert "1 Maret 2027" in text and "29 Februari 2028" in text
    assert len(doc.inline_shapes) == 3  # map, grid, timeline


def test_docx_hostile_text(hostile):
    buf = io.BytesIO()
    export.write_plan_docx(hostile, buf, lang="id")
    text = _docx_text(docx.Document(io.BytesIO(buf.getvalue())))
    assert "<script>alert(1)</script>" in text and "=1+1" in text and "😀" in text
    assert "baris1\nbaris2" in text and "\x0b" not in text


# ------------------------------------------------------------------ pdf
def test_pdf(jahit, hostile):
    data = build_plan_pdf(jahit, lang="id")
    assert data.startswith(b"%PDF") and _pdf_pages(data) >= 5
    assert build_plan_pdf(hostile, lang="id").startswith(b"%PDF")


# ------------------------------------------------------------------ writers
def test_export_plan_writes_every_format(hostile, tmp_path):
    paths = export_plan(hostile, tmp_path, lang="id")
    assert [p.suffix for p in paths] == [".xlsx", ".docx", ".html", ".pdf"]
    assert all(p.name.startswith(safe_filename(HOSTILE_NAME) + "-rencana") for p in paths)
    assert all(p.parent == tmp_path and p.stat().st_size > 1000 for p in paths)
    openpyxl.load_workbook(paths[0])
    docx.Document(paths[1])
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_failing_builder_leaves_no_file(jahit, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(export.docx, "build_plan_docx", broken)
    with pytest.raises(RuntimeError):
        export.write_plan_docx(jahit, tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError):
        export_plan(jahit, tmp_path, formats=("odt",))
    assert list(tmp_path.iterdir()) == []


def test_all_is_the_public_surface():
    assert sorted(export.__all__) == sorted(
        n
        for n in vars(export)
        if not n.startswith("_")
        and callable(getattr(export, n))
        and n not in ("Path", "Group", "annotations")
        or n == "FORMATS"
    )


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _render_first_page(pdf: Path, name: str) -> Path:
    """Render page 1 of `pdf` to ``test-artifacts/<name>.png`` with poppler; return it."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / name
    cmd = ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, out]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    png = out.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return png


@pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed"
)
def test_render_first_page(jahit, tmp_path):
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(build_plan_pdf(jahit, lang="id"))
    png = _render_first_page(pdf, "plan-pdf-p1")
    assert png.stat().st_size > 10_000  # a page with text and tables, not a blank sheet


@pytest.mark.skipif(
    SOFFICE is None or not shutil.which("pdftoppm"),
    reason="LibreOffice (soffice) or pdftoppm is missing: .ci/run installs "
    "libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils",
)
def test_libreoffice_opens_docx_and_xlsx(jahit, hostile, tmp_path):
    """LibreOffice headless converts both Office exports to PDF without an error."""
    sources = []
    for name, group in (("plan", jahit), ("hostile", hostile)):
        for ext in ("docx", "xlsx"):
            path = tmp_path / f"{name}-{ext}.{ext}"  # distinct PDF names
            export.FORMATS[ext](group, path, lang="id")
            sources.append(path)
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            out,
            *sources,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for source in sources:
        pdf = out / (source.stem + ".pdf")
        assert pdf.exists(), f"{source.name} was not converted: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF")
    # the Word document keeps its A4 pages: the plan, pictures and agreement at least
    assert _pdf_pages((out / "plan-docx.pdf").read_bytes()) >= 5
    assert _pdf_pages((out / "plan-xlsx.pdf").read_bytes()) >= 3  # sheets profil ... jadwal
    for stem in ("plan-docx", "hostile-docx", "plan-xlsx"):
        _render_first_page(out / f"{stem}.pdf", f"{stem}-libreoffice-p1")


# ------------------------------------------------------------------ issue 5
def _with_far_date(group):
    g = group.model_copy(deep=True)
    g.plan.partnerships[0].stages[-1].activities[-1].__dict__["end"] = __import__("datetime").date(
        2207, 1, 1
    )  # a file written before dates were checked
    return g


def test_a_date_far_away_does_not_stop_the_export(jahit, tmp_path):
    paths = export_plan(_with_far_date(jahit), tmp_path, lang="id")
    assert [p.suffix for p in paths] == [".xlsx", ".docx", ".html", ".pdf"]


def test_pdf_breaks_long_texts_across_pages(jahit):
    g = jahit.model_copy(deep=True)
    g.plan.partnerships[0].goal = "AWALTUJUAN " + "isi " * 995 + "AKHIRTUJUAN"  # 4,002
    g.plan.partnerships[0].clauses["dana"] = "x" * 10_000  # one long word
    g.actors[0].note = "CATATANX " * 1111  # 9,999 characters in the partners table
    data = build_plan_pdf(g, lang="id")
    assert _pdf_pages(data) > _pdf_pages(build_plan_pdf(jahit, lang="id")) + 3
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    # the goal is whole in the plan and in the agreement's "purpose"
    assert text.count("AWALTUJUAN") == 2 and text.count("AKHIRTUJUAN") == 2
    assert text.count("CATATANX") == 1111
    assert text.replace("\n", "").count("x" * 80) >= 10_000 // 80 - 2


def test_export_writes_every_format_or_none(jahit, tmp_path, monkeypatch):
    from toolkit.errors import ExportError
    from toolkit.export import _plan_files

    old = export_plan(jahit, tmp_path, lang="id")
    before = {p: p.read_bytes() for p in old}
    g = jahit.model_copy(deep=True)
    g.plan.partnerships[0].goal = "Tujuan baru"

    def broken(group, lang):
        raise ValueError("The row with index 2 is too high")

    monkeypatch.setitem(_plan_files._BYTES, "pdf", broken)
    with pytest.raises(ExportError) as info:
        export_plan(g, tmp_path, lang="id")
    assert "PDF" in str(info.value) and "too high" in str(info.value)
    assert {p: p.read_bytes() for p in old} == before  # xlsx/docx/html not replaced either
    assert sorted(tmp_path.iterdir()) == sorted(old)  # and no temporary file is left


def test_write_failure_changes_nothing_and_names_the_folder(jahit, tmp_path, monkeypatch):
    import errno
    import tempfile

    from toolkit.errors import ExportError

    old = export_plan(jahit, tmp_path, lang="id")
    before = {p: p.read_bytes() for p in old}
    calls = []
    real = tempfile.mkstemp

    def read_only(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # the third file: the first two are staged already
            raise OSError(errno.EROFS, "Read-only file system")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    g = jahit.model_copy(deep=True)
    g.plan.partnerships[0].goal = "Tujuan baru"
    with pytest.raises(ExportError) as info:
        export_plan(g, tmp_path, lang="en")
    assert str(tmp_path) in info.value.text("en")
    assert "read-only" in info.value.text("en") and "Read-only file system" not in str(info.value)
    assert {p: p.read_bytes() for p in old} == before
    assert sorted(tmp_path.iterdir()) == sorted(old)


def test_export_plan_to_a_file_a_folder_or_a_missing_folder(jahit, tmp_path):
    from toolkit.errors import ExportError

    (file,) = export_plan(jahit, tmp_path / "rencana.pdf", ("pdf",), lang="id")
    assert file == tmp_path / "rencana.pdf" and file.read_bytes().startswith(b"%PDF")
    (inside,) = export_plan(jahit, tmp_path, ("docx",), lang="id")
    assert inside == tmp_path / "LKP-Jahit-Cempaka-Mandiri-rencana.docx"
    with pytest.raises(ExportError) as info:
        export_plan(jahit, tmp_path / "nope" / "x.pdf", ("pdf",), lang="id")
    assert str(tmp_path / "nope") in str(info.value)
    assert info.value.msgid.startswith("The folder {folder} does not exist")
    assert not (tmp_path / "nope").exists()


def test_duration_keeps_its_unit_in_the_plan_and_not_in_the_agreement(jahit):
    from toolkit.export._content import Content

    c = Content(jahit, lang="en")
    p = jahit.plan.partnerships[0]
    fields = dict(c.partnership_fields(p))
    assert p.duration_months == 12
    assert fields["Duration (months)"] == 12
    assert dict(c.agreement(p).terms)["Duration"].startswith("12 months, from")
    text = _docx_text(build_plan_docx(jahit, lang="id"))
    assert "Lama (bulan)\n12" in text and "Jangka waktu\n12 bulan, dari" in text


def test_xlsx_row_heights_are_capped_and_wide_plans_span_pages(jahit):
    from toolkit.model import Actor, Partnership

    g = jahit.model_copy(deep=True)
    g.plan.partnerships[0].goal = "kata " * 2000
    wb = build_plan_xlsx(g, lang="id")
    heights = [d.height for ws in wb for d in ws.row_dimensions.values() if d.height]
    assert max(heights) == 409
    plan = wb["rencana"]
    assert plan["B6"].value == ("kata " * 2000).strip()  # the whole text is in the cell
    assert plan.sheet_properties.pageSetUpPr.fitToPage  # 3 partnerships: one page wide
    for i in range(4, 6):
        g.actors.append(Actor(id=f"actor-x{i}", name=f"Mitra {i}", category="dudi"))
        g.plan.partnerships.append(Partnership(id=f"p-x{i}", actor_id=f"actor-x{i}"))
    plan = build_plan_xlsx(g, lang="id")["rencana"]
    assert not plan.sheet_properties.pageSetUpPr.fitToPage
    assert plan.print_title_cols == "$A:$A"


def test_docx_wide_tables_are_landscape_and_pictures_fit(jahit):
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    from toolkit.model import Activity

    g = jahit.model_copy(deep=True)
    acts = g.plan.partnerships[1].stages[-1].activities
    for i in range(30):
        acts.append(
            Activity(id=f"x{i}", name=f"Tambahan {i}", start=g.plan.partnerships[1].start_date)
        )
    doc = build_plan_docx(g, lang="id")
    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    wide = doc.sections[1]
    assert wide.page_width - wide.left_margin - wide.right_margin == pytest.approx(
        Cm(25.7), abs=1e4
    )
    partners = next(t for t in doc.tables if t.rows[0].cells[1].text == "Mitra")
    assert sum(c.width for c in partners.rows[0].cells) == pytest.approx(Cm(25.7), abs=1000)
    pictures = doc.inline_shapes
    # map, grid, and the timeline's 9 + 38 + 7 rows (partner 2 has 7 + 30 activities)
    assert len(pictures) == 5
    assert all(p.height <= Cm(23.0) + 1 and p.width <= Cm(17.0) + 1 for p in pictures)
    headings = [p for p in doc.paragraphs if p.text.startswith("Jadwal tahapan")]
    assert [h.text[-5:] for h in headings] == ["(1/3)", "(2/3)", "(3/3)"]
    assert all(h.paragraph_format.keep_with_next for h in headings)


def test_pdf_picture_fits_under_its_heading(jahit, monkeypatch):
    from matplotlib.figure import Figure

    from toolkit.charts import figure_png
    from toolkit.export import pdf

    tall = figure_png(Figure(figsize=(4, 12)), dpi=50)  # 200 x 600 px: 3 times as high
    monkeypatch.setattr(pdf.Content, "figures", lambda self: [("Gambar tinggi", tall)])
    placed = []
    real = pdf._PlanPDF.image

    def image(self, *args, **kwargs):
        placed.append((self.page_no(), self.get_y(), kwargs["w"], kwargs["h"]))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pdf._PlanPDF, "image", image)
    build_plan_pdf(jahit, lang="id")
    ((page, y, w, h),) = placed
    assert h / w == pytest.approx(3.0)  # aspect ratio kept
    assert y + h <= 297 - 18  # above the bottom margin (and the footer)
    assert y > 16  # under its heading, on the same page


def test_pdf_headings_are_left_aligned(jahit):
    from toolkit.export._content import Content
    from toolkit.export.pdf import _Writer

    calls = []
    writer = _Writer(Content(jahit, lang="id", keep_emoji=False))
    writer.pdf.add_page()
    original = writer.pdf.multi_cell
    writer.pdf.multi_cell = lambda *a, **k: calls.append(k.get("align")) or original(*a, **k)
    writer.heading("Kemitraan dengan UPTD Balai Latihan Kerja (BLK) Banjarbaru", 1)
    assert calls == ["L"]


def test_picture_size_keeps_the_aspect_ratio():
    from matplotlib.figure import Figure

    from toolkit.charts import figure_png
    from toolkit.export.docx import _picture_size

    png = figure_png(Figure(figsize=(11, 17.9)), dpi=10)  # 110 x 179 px, a 45-row timeline
    assert _picture_size(png, 17.0, 23.0) == pytest.approx((23.0 * 110 / 179, 23.0))
    assert _picture_size(png, 17.0, 30.0) == pytest.approx((17.0, 17.0 * 179 / 110))
