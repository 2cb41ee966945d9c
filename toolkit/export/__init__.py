"""Export a group's plan worksheet (lembar kerja rencana kemitraan) to files.

Each format has a pure builder and a thin writer (a path is written atomically, a
binary file object directly): :func:`build_plan_xlsx` / :func:`write_plan_xlsx`,
:func:`build_plan_html` / :func:`write_plan_html`, :func:`build_plan_docx` /
:func:`write_plan_docx`, :func:`build_plan_pdf` / :func:`write_plan_pdf`.
:func:`export_plan` writes several formats into one folder. The facilitator's
workshop report (every group and the regional view) is built by
:func:`build_workshop_docx` / :func:`build_workshop_xlsx` and written by
:func:`write_workshop_report`.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Group
from ._text import clean_text, safe_filename
from .docx import build_plan_docx, write_plan_docx
from .html import build_plan_html, write_plan_html
from .pdf import build_plan_pdf, write_plan_pdf
from .workshop_report import build_workshop_docx, build_workshop_xlsx, write_workshop_report
from .xlsx import build_plan_xlsx, write_plan_xlsx

__all__ = [
    "FORMATS",
    "build_plan_docx",
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


def export_plan(
    group: Group,
    folder: Path | str,
    formats: tuple[str, ...] = ("xlsx", "docx", "html", "pdf"),
    *,
    lang: str | None = None,
) -> list[Path]:
    """Write the plan worksheet in several formats as ``<name>-rencana.<ext>``.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    folder : path-like
        Folder for the files (created when missing, e.g. the workshop's ``exports/``).
    formats : tuple of str, default ("xlsx", "docx", "html", "pdf")
        Extensions to write, from :data:`FORMATS`.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of `formats`; the name is the group's display
        name made safe with :func:`safe_filename`.

    Raises
    ------
    ValueError
        If a format is unknown (nothing is written then).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    stem = safe_filename(group.name)
    paths = []
    for ext in formats:
        Path(folder).mkdir(parents=True, exist_ok=True)
        path = Path(folder) / f"{stem}-rencana.{ext}"
        FORMATS[ext](group, path, lang=lang)
        paths.append(path)
    return paths
