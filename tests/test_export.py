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
