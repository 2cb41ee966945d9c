"""The progress report (laporan kemajuan): builders read back, hostile text made safe."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from docx import Document

import toolkit
from toolkit.export.report import (
    build_progress_docx,
    build_progress_html,
    write_progress_docx,
    write_progress_html,
)
from toolkit.model import Group

JAHIT = "lkp-jahit-cempaka-mandiri"
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def group(tmp_path) -> Group:
    return toolkit.create_sample(tmp_path / "s").load(JAHIT)


@pytest.fixture
def hostile(group) -> Group:
    g = group.model_copy(deep=True)
    g.actors[1].name = f"BLK {HOSTILE}"  # actor-2, the partner of partnership-1
    g.monitoring[0].note = "baris1\x0bbaris2"
    g.health_checks[0].changes = HOSTILE
    return Group.model_validate(g.model_dump())


class _Text(HTMLParser):
    """Collect the text of a page and the tags it opens."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_docx_round_trip(group):
    buf = io.BytesIO()
    write_progress_docx(group, buf, lang="id")
    doc = Document(io.BytesIO(buf.getvalue()))
    text = _docx_text(doc)
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text
    assert "LKP Jahit Cempaka Mandiri" in text
    for partner in (
        "UPTD Balai Latihan Kerja (BLK) Banjarbaru",
        "Usaha konveksi seragam sekolah dan kantor",
        "Program CSR bank daerah",
    ):
        assert partner in text
    assert "Dua instruktur hadir penuh." in text  # a monitoring note
    assert "Belum ada rencana setelah Januari 2028." in text  # a health rating's note
    assert "Pemeriksaan pertama sejak kerja sama ditandatangani." in text  # what changed
    assert "31 Maret 2027" in text


def test_html_round_trip(group, tmp_path):
    target = tmp_path / "laporan.html"
    write_progress_html(group, target, lang="en")
    page = target.read_text(encoding="utf-8")
    parsed = _parse(page)
    text = "".join(parsed.text)
    assert "LKP Jahit Cempaka Mandiri" in text
    assert "Program CSR bank daerah" in text
    assert "Foto presentasi di kantor cabang." in text
    assert page.count("<section") == 3
    assert "#009E73" in page and "#E69F00" in page  # green and amber cells
    assert "31 March 2027" in text


def test_html_escapes_hostile_text(hostile):
    page = build_progress_html(hostile)
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = _parse(page)
    assert "script" not in parsed.tags
    assert "\x0b" not in page and "baris1\nbaris2" in page


def test_docx_cleans_hostile_text(hostile):
    doc = build_progress_docx(hostile)
    buf = io.BytesIO()
    doc.save(buf)  # control characters would make the XML invalid
    text = _docx_text(Document(io.BytesIO(buf.getvalue())))
    assert HOSTILE in text  # plain text in Word, shown as written
    assert "\x0b" not in text and "baris1\nbaris2" in text


def test_empty_group_and_unknown_language():
    empty = Group(id="e", name="E")
    assert "<section" not in build_progress_html(empty)
    assert build_progress_docx(empty).paragraphs
    with pytest.raises(ValueError):
        build_progress_html(empty, lang="fr")


def test_write_to_path_is_atomic_and_complete(group, tmp_path):
    target = tmp_path / "laporan.docx"
    write_progress_docx(group, target)
    assert "LKP Jahit Cempaka Mandiri" in _docx_text(Document(str(target)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx", "s"]  # no temp file


def test_docx_is_a4_with_the_plan_fonts_and_full_width_tables(group):
    from docx.shared import Cm, Mm, Pt

    from toolkit.export import build_plan_docx

    doc = build_progress_docx(group, lang="id")
    (section,) = doc.sections
    a4 = (Mm(210), Mm(297))  # Word stores twips: a few hundred EMU off
    assert (section.page_width, section.page_height) == pytest.approx(a4, abs=1000)
    margins = [section.left_margin, section.right_margin, section.top_margin]
    assert margins + [section.bottom_margin] == pytest.approx([Cm(2)] * 4, abs=1000)
    plan = build_plan_docx(group, lang="id").styles["Normal"].font
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size) == (plan.name, plan.size) == ("Calibri", Pt(10.5))
    assert len(doc.tables) >= 3
    for table in doc.tables:
        widths = [c.width for c in table.rows[0].cells]
        assert all(widths) and sum(widths) == pytest.approx(Cm(17), abs=1000)
    activities = doc.tables[0]
    # 17 cm x 22, 36, 14, 45 / 117
    assert [round(c.width / Cm(1), 1) for c in activities.rows[0].cells] == [3.2, 5.2, 2.0, 6.5]
