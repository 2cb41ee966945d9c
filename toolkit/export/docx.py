"""The plan worksheet and the draft agreements as a Word document (python-docx).

A4 pages with 2 cm margins: title, institution profile, priority needs, partners and
relationships (on landscape pages, as their tables are wide), the partner map and the
influence-interest grid and the timeline (each scaled to fit a page), then per
partnership its plan (aspects, pattern, goal, what each party gives and gets, stages
with an activities table, sustaining techniques) and, on a new page, its draft
agreement (*draf akad kerja sama*) with parties, duration, one article per clause and
a signature block. Dates are written the Indonesian way ("30 November 2026").
"""

from __future__ import annotations

import io
import struct

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ..model import Group, Partnership
from ._content import HEADINGS, Content, Table
from ._io import Target, write_target

__all__ = ["build_plan_docx", "write_plan_docx"]

_TEXT_WIDTH_CM = 17.0  # A4 (21 cm) minus 2 x 2 cm margins
_WIDE_TEXT_WIDTH_CM = 25.7  # A4 landscape (29.7 cm) minus 2 x 2 cm margins
#: Tallest picture in cm: A4 text height (25.7 cm) minus room for its heading.
_PICTURE_HEIGHT_CM = 23.0


def _page(section, *, landscape: bool = False) -> None:
    """Make `section` an A4 page (portrait or landscape) with 2 cm margins."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    size = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = size
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)


def _setup(doc) -> None:
    _page(doc.sections[0])
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10.5)


def _shade(cell, colour: str = "DDEBF7") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _widths(table, widths: list) -> None:
    """Fix the column widths in the grid and in every cell.

    Word reads the cells' widths, LibreOffice the table grid (``w:gridCol``); with
    autofit off both keep the widths asked for.
    """
    table.autofit = False
    for col, width in zip(table.columns, widths, strict=False):
        col.width = width
        for cell in col.cells:
            cell.width = width


def _set_cell(cell, text: str, *, bold: bool = False, size: float = 9) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def _table(doc, c: Content, table: Table, *, width_cm: float = _TEXT_WIDTH_CM) -> None:
    """Add a grid table with a shaded header row repeated on every page."""
    t = doc.add_table(rows=1, cols=len(table.headers))
    t.style, t.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(t.rows[0].cells, table.headers, strict=True):
        _set_cell(cell, header, bold=True)
        _shade(cell)
    _repeat_header(t.rows[0])
    for row in table.rows:
        for cell, value in zip(t.add_row().cells, row, strict=True):
            _set_cell(cell, c.text(value))
    total = sum(table.widths) or 1
    _widths(t, [Cm(width_cm * width / total) for width in table.widths])
    doc.add_paragraph()


def _fields(doc, c: Content, rows: list[tuple[str, object]]) -> None:
    """Add a two-column table of label and value."""
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, value in rows:
        cells = t.add_row().cells
        _set_cell(cells[0], label, bold=True, size=9.5)
        _shade(cells[0], "F3F6FA")
        _set_cell(cells[1], c.text(value), size=9.5)
    _widths(t, [Cm(5), Cm(_TEXT_WIDTH_CM - 5)])
    doc.add_paragraph()


def _picture_size(png: bytes, width: float, height: float) -> tuple[float, float]:
    """Fit a PNG into `width` x `height` (any unit), keeping its aspect ratio."""
    px_width, px_height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    scale = min(width / px_width, height / px_height)
    return px_width * scale, px_height * scale


def _figures(doc, c: Content) -> None:
    for caption, png in c.figures():
        doc.add_heading(caption, level=2).paragraph_format.keep_with_next = True
        width, height = _picture_size(png, _TEXT_WIDTH_CM, _PICTURE_HEIGHT_CM)
        doc.add_picture(io.BytesIO(png), width=Cm(width), height=Cm(height))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _partnership(doc, c: Content, p: Partnership) -> None:
    doc.add_heading(c.partnership_title(p), level=1)
    _fields(doc, c, c.partnership_fields(p)[1:])
    doc.add_heading(c.t(HEADINGS["schedule"]), level=2)
    _table(doc, c, c.activities(p))
    doc.add_heading(c.t(HEADINGS["sustaining"]), level=2)
    _table(doc, c, c.sustaining(p))


def _agreement(doc, c: Content, p: Partnership) -> None:
    a = c.agreement(p)
    title = doc.add_heading(a.title, level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(a.intro)
    _fields(doc, c, a.parties + a.terms)
    for heading, text in a.clauses:
        doc.add_heading(heading, level=3)
        doc.add_paragraph(text)
    doc.add_paragraph(a.place).paragraph_format.space_before = Pt(12)
    sign = doc.add_table(rows=3, cols=2)
    for cells, (role, name) in zip(
        zip(*[r.cells for r in sign.rows], strict=True), a.parties, strict=True
    ):
        _set_cell(cells[0], role, bold=True, size=10)
        _set_cell(cells[1], name, size=10)
        cells[2].text = ""
        run = cells[2].paragraphs[0].add_run("\n\n\n\n" + "_" * 32 + "\n" + a.sign_name)
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        for cell in cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def build_plan_docx(group: Group, *, lang: str | None = None):
    """Build the plan worksheet with the draft agreements as a Word document.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    lang : {"id", "en"}, optional
        Language of headings, labels and dates; the current language when omitted.

    Returns
    -------
    docx.document.Document
        An A4 document (2 cm margins): profile, priority needs, partners,
        relationships, the two pictures, then per partnership its plan and, on a new
        page, its draft agreement with a signature block.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    c = Content(group, lang=lang)
    doc = Document()
    _setup(doc)
    doc.core_properties.title = f"{c.title} - {c.group_name}"
    doc.core_properties.author = "kemitraan-toolkit"
    doc.add_heading(c.title, level=0)
    doc.add_paragraph(f"{c.group_name} · {c.m('generated', date=c.date(c.today))}")
    doc.add_heading(c.t(HEADINGS["profile"]), level=1)
    _fields(doc, c, c.profile())
    doc.add_heading(c.t(HEADINGS["needs"]), level=1)
    _table(doc, c, c.needs())
    # the wide tables on landscape pages, so that no header word is split
    _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    doc.add_heading(c.t(HEADINGS["partners"]), level=1)
    _table(doc, c, c.partners(), width_cm=_WIDE_TEXT_WIDTH_CM)
    doc.add_heading(c.t(HEADINGS["links"]), level=2)
    _table(doc, c, c.links(), width_cm=_WIDE_TEXT_WIDTH_CM)
    _page(doc.add_section(WD_SECTION.NEW_PAGE))
    _figures(doc, c)
    for p in group.plan.partnerships:
        _page_break(doc)
        _partnership(doc, c, p)
        _page_break(doc)
        _agreement(doc, c, p)
    if findings := c.principle_findings():
        _page_break(doc)
        doc.add_heading(c.t(HEADINGS["principles"]), level=1)
        for finding in findings:
            doc.add_paragraph(finding, style="List Bullet")
    return doc


def write_plan_docx(group: Group, target: Target, *, lang: str | None = None) -> None:
    """Write the plan worksheet as ``.docx`` to a path (atomically) or a binary file.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    target : path-like or binary file object
        Where to write.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.
    """
    buf = io.BytesIO()
    build_plan_docx(group, lang=lang).save(buf)
    write_target(target, buf.getvalue())
