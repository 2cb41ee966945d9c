"""The plan worksheet as an Excel workbook (openpyxl): one sheet per part of the plan.

Sheets, named in the chosen language: profil, kebutuhan, mitra, hubungan, rencana and
jadwal. Every sheet has a title row and a frozen, bold header row that is repeated on
each printed page, set column widths with wrapped text, and an A4 page setup
(portrait for the profile, landscape for the tables) fitted to the page width (the
plan sheet only up to three partnerships; with more it spans pages side by side,
its label column repeated). Text
is always stored as text (``=1+1`` stays ``=1+1``, never a formula) and dates as
real dates with a date format.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Group
from ._content import HEADINGS, SHEETS, Content, Table
from ._io import Target, write_target

__all__ = ["build_plan_xlsx", "write_plan_xlsx"]

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: Excel's highest row, in points.
MAX_ROW_HEIGHT = 409.0
#: Most partnerships on the plan sheet fitted to one page width; more span several pages.
FIT_WIDTH_PARTNERSHIPS = 3
#: Date format with Indonesian month names (LCID 0x421) or the reader's own.
DATE_FORMATS = {"id": "[$-421]d mmmm yyyy", "en": "d mmmm yyyy"}


def _sheet_title(text: str, taken: set[str]) -> str:
    r"""Make a valid, unique sheet name (at most 31 characters, no ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("-", text).strip("'")[:31] or "sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" {n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    return title


def _put(ws: Worksheet, row: int, col: int, value: object, date_format: str):
    """Write one value: text as text (never a formula), dates with a date format."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=1+1" typed by a participant is text, not a formula
    elif isinstance(value, dt.date):
        cell.number_format = date_format
    cell.alignment = _WRAP
    return cell


def _row_height(values: list[object], widths: list[float], c: Content) -> float:
    """Estimate a row's height in points from its wrapped lines (12.75 pt per line).

    Spreadsheet programs do not grow a row to fit wrapped text written by a library,
    so the height is set from the longest cell: each of its lines takes
    ``ceil(len / (width * 1.1))`` printed lines at the column's width in characters.
    Excel refuses rows higher than :data:`MAX_ROW_HEIGHT` (409 pt), so the height is
    capped there; a longer text is still whole in its cell.
    """
    lines = 1
    for value, width in zip(values, widths, strict=False):
        per_line = max(int(width * 1.1), 1)
        text = c.text(value) if not isinstance(value, str) else value
        count = sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))
        lines = max(lines, count)
    return min(12.75 * lines + 2.25, MAX_ROW_HEIGHT)


def _header_code(text: str) -> str:
    """Escape ``&`` for an Excel page header or footer."""
    return text.replace("&", "&&")


def _page_setup(
    ws: Worksheet, c: Content, *, landscape: bool, header_row: int, fit_width: bool = True
) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:  # wide: pages side by side at full size, the labels (column A) on each
        ws.print_title_cols = "A:A"
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False
    ws.oddHeader.left.text = _header_code(f"{c.title} - {c.group_name}")
    ws.oddFooter.center.text = _header_code(c.m("page", page="\x00P", pages="\x00N")).replace(
        "\x00", "&"
    )


def _table_sheet(wb: Workbook, c: Content, key: str, table: Table, **setup) -> Worksheet:
    """Add a sheet with a title row, a header row and the table's rows."""
    ws = wb.create_sheet(_sheet_title(c.t(SHEETS[key]), {n.lower() for n in wb.sheetnames}))
    fmt = DATE_FORMATS[c.lang]
    title = _put(ws, 1, 1, f"{c.t(HEADINGS[key])} - {c.group_name}", fmt)
    title.font, title.alignment = Font(bold=True, size=13), Alignment(vertical="top")
    for col, header in enumerate(table.headers, 1):
        cell = _put(ws, 2, col, header, fmt)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BORDER
    for r, row in enumerate(table.rows, 3):
        for col, value in enumerate(row, 1):
            _put(ws, r, col, value, fmt).border = _BORDER
        ws.row_dimensions[r].height = _row_height(row, table.widths, c)
    ws.row_dimensions[2].height = _row_height(table.headers, table.widths, c)
    for col, width in enumerate(table.widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = setup.pop("freeze", "A3")
    _page_setup(ws, c, header_row=2, **setup)
    return ws


def _plan_table(c: Content) -> Table:
    """Lay the partnerships side by side: one row per field, one column per partner."""
    partnerships = c.group.plan.partnerships
    rows_by_partner = c.plan_rows()
    headers = [""] + [c.actor_name(p.actor_id) for p in partnerships]
    rows = [
        [label] + [row[i] for row in rows_by_partner.rows]
        for i, label in enumerate(rows_by_partner.headers)
    ]
    return Table(headers, rows, [26] + [48] * len(partnerships))


def build_plan_xlsx(group: Group, *, lang: str | None = None) -> Workbook:
    """Build the plan worksheet as an Excel workbook.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    lang : {"id", "en"}, optional
        Language of sheet names, headings and labels; the current language when omitted.

    Returns
    -------
    openpyxl.Workbook
        Six sheets: profile, needs, partners, relationships, plan (one column per
        partnership) and schedule (every activity, by start date).

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    c = Content(group, lang=lang)
    wb = Workbook()
    wb.remove(wb.active)
    profile = Table([c.m("name"), ""], [list(row) for row in c.profile()], [26, 70])
    ws = _table_sheet(wb, c, "profile", profile, landscape=False)
    for row in ws.iter_rows(min_row=3, max_col=1):
        row[0].font = Font(bold=True)
    ws.cell(row=2, column=1).value = None  # no header over label/value pairs
    ws.cell(row=2, column=1).fill = ws.cell(row=2, column=2).fill = PatternFill()
    _table_sheet(wb, c, "needs", c.needs(), landscape=True)
    _table_sheet(wb, c, "partners", c.partners(), landscape=True)
    _table_sheet(wb, c, "links", c.links(), landscape=True)
    few = len(group.plan.partnerships) <= FIT_WIDTH_PARTNERSHIPS
    plan = _table_sheet(wb, c, "plan", _plan_table(c), landscape=True, freeze="B3", fit_width=few)
    for row in plan.iter_rows(min_row=3, max_col=1):
        row[0].font = Font(bold=True)
    _table_sheet(wb, c, "schedule", c.schedule(), landscape=True)
    wb.properties.title = f"{c.title} - {c.group_name}"
    wb.properties.creator = "kemitraan-toolkit"
    return wb


def write_plan_xlsx(group: Group, target: Target, *, lang: str | None = None) -> None:
    """Write the plan worksheet as ``.xlsx`` to a path (atomically) or a binary file.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    target : path-like or binary file object
        Where to write; a path is replaced only once the whole workbook is built.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.
    """
    buf = io.BytesIO()
    build_plan_xlsx(group, lang=lang).save(buf)
    write_target(target, buf.getvalue())
