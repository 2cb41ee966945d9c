"""Export a group's plan worksheet (lembar kerja rencana kemitraan) to files.

Each format has a pure builder and a thin writer (a path is written atomically, a
binary file object directly): :func:`build_plan_xlsx` / :func:`write_plan_xlsx`,
:func:`build_plan_html` / :func:`write_plan_html`, :func:`build_plan_docx` /
:func:`write_plan_docx`, :func:`build_plan_pdf` / :func:`write_plan_pdf`.
:func:`build_plan_files` builds several formats in memory and :func:`export_plan`
writes them into one folder, all or none. The facilitator's
workshop report (every group and the regional view) is built by
:func:`build_workshop_docx` / :func:`build_workshop_xlsx` and written by
:func:`write_workshop_report`.
"""

from __future__ import annotations

from ._plan_files import build_plan_files, export_plan
from ._text import clean_text, safe_filename
from .docx import build_plan_docx, write_plan_docx
from .html import build_plan_html, write_plan_html
from .pdf import build_plan_pdf, write_plan_pdf
from .workshop_report import build_workshop_docx, build_workshop_xlsx, write_workshop_report
from .xlsx import build_plan_xlsx, write_plan_xlsx

__all__ = [
    "FORMATS",
    "build_plan_docx",
    "build_plan_files",
    "build_plan_html",
    "build_plan_pdf",
    "build_plan_xlsx",
    "build_workshop_docx",
    "build_workshop_xlsx",
    "clean_text",
    "export_plan",
    "safe_filename",
    "write_plan_docx",
    "write_plan_html",
    "write_plan_pdf",
    "write_plan_xlsx",
    "write_workshop_report",
]

#: Writer of each format, by file extension.
FORMATS = {
    "xlsx": write_plan_xlsx,
    "docx": write_plan_docx,
    "html": write_plan_html,
    "pdf": write_plan_pdf,
}
