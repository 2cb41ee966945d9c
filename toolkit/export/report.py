"""The progress report of the partnership plan (laporan kemajuan), for step 5 (monev).

The report shows the LKP, then per partnership: its activities with status and
evidence, the monitoring notes, the latest health check per principle with its
traffic-light colour, and what changed since the previous review. Like the plan
exports it has a pure builder and a thin writer per format:
:func:`build_progress_docx` / :func:`write_progress_docx` (python-docx) and
:func:`build_progress_html` / :func:`write_progress_html` (Jinja2, autoescaped).
All user text passes :func:`toolkit.export._text.clean_text`.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.6 "Monitoring dan
evaluasi" and B "Teknik melestarikan kemitraan" (laporan kemajuan program bersama).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..analysis.monev import (
    HEALTH_COLOURS,
    HEALTH_LABELS,
    STATUS_LABELS,
    activity_progress,
    changes_since_last,
    health_summary,
)
from ..i18n import N_
from ..model import Group, Partnership
from ._content import Content
from ._io import Target, check_folder, write_files, write_target
from ._text import safe_filename
from .docx import _TEXT_WIDTH_CM, _repeat_header, _set_cell, _setup, _shade, _widths

__all__ = [
    "build_progress_docx",
    "build_progress_html",
    "export_progress",
    "write_progress_docx",
    "write_progress_html",
]

TITLE = N_("Partnership progress report")
_H = {
    "activities": N_("Activities and evidence"),
    "notes": N_("Monitoring notes"),
    "health": N_("Latest health check ({date})"),
    "no_health": N_("No health check yet."),
    "no_notes": N_("No monitoring notes yet."),
    "changes": N_("What changed since the last review"),
    "stage": N_("Stage"),
    "activity": N_("Activity"),
    "status": N_("Status"),
    "evidence": N_("Evidence"),
    "date": N_("Date"),
    "note": N_("Note"),
    "principle": N_("Principle"),
    "level": N_("Colour"),
    "their_words": N_("In the reviewers' words"),
}


@dataclass(frozen=True)
class _Section:
    """One partnership of the report, every value already display text."""

    title: str
    activities: list[list[str]]
    notes: list[list[str]]
    health_date: str
    health: list[tuple[str, str, str, str]]  # principle, level label, colour, note
    their_words: str
    changes: list[str]


def _section(c: Content, group: Group, p: Partnership) -> _Section:
    progress = activity_progress(group)
    progress = progress[progress.partnership_id == p.id]
    activities = [
        [
            c.label("stages", r.stage),
            c.clean(r.activity),
            c.t(STATUS_LABELS[r.status]),
            c.clean(r.evidence),
        ]
        for r in progress.itertuples()
    ]
    names = {a.id: a.name for s in p.stages for a in s.activities}
    notes = [
        [
            c.date(m.date),
            c.label("stages", m.stage),
            c.clean(names.get(m.activity_id, "")),
            c.t(STATUS_LABELS[m.status]),
            c.clean(m.evidence),
            c.clean(m.note),
        ]
        for m in sorted(group.monitoring, key=lambda m: m.date)
        if m.partnership_id == p.id
    ]
    summary = health_summary(group, lang=c.lang)
    summary = summary[summary.partnership_id == p.id]
    health = [
        (
            c.label("principles", r.principle),
            c.t(HEALTH_LABELS[r.level]),
            HEALTH_COLOURS[r.level],
            c.clean(r.note),
        )
        for r in summary.itertuples()
    ]
    last = [h for h in group.health_checks if h.partnership_id == p.id]
    last.sort(key=lambda h: h.date)
    return _Section(
        title=c.partnership_title(p),
        activities=activities,
        notes=notes,
        health_date=c.date(last[-1].date) if last else "",
        health=health,
        their_words=c.clean(last[-1].changes) if last else "",
        changes=[c.clean(s) for s in changes_since_last(group, p.id, lang=c.lang)],
    )


def _sections(c: Content) -> list[_Section]:
    return [_section(c, c.group, p) for p in c.group.plan.partnerships]


def _lkp(c: Content) -> tuple[str, str]:
    profile = c.group.profile
    return c.clean(profile.name) or c.group_name, c.clean(profile.district)


# ------------------------------------------------------------------- docx
#: Relative column widths of the report's tables (like the plan worksheet's tables).
_ACTIVITY_WIDTHS = [22, 36, 14, 45]
_NOTE_WIDTHS = [15, 18, 26, 13, 34, 34]
_HEALTH_WIDTHS = [30, 14, 56]


def _docx_table(doc, headers: list[str], rows: list[list[str]], widths: list[int]):
    """Add a full-width grid table (A4 text width), its shaded header repeated on each page."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style, table.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _set_cell(cell, text, bold=True)
        _shade(cell, "DDEBF7")
    _repeat_header(table.rows[0])
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _set_cell(cell, text)
    total = sum(widths)
    _widths(table, [Cm(_TEXT_WIDTH_CM * width / total) for width in widths])
    return table


def _docx_section(doc, c: Content, s: _Section) -> None:
    h = {k: c.t(v) for k, v in _H.items() if k != "health"}
    doc.add_heading(s.title, level=1)
    doc.add_heading(h["activities"], level=2)
    keys = ("stage", "activity", "status", "evidence")
    _docx_table(doc, [h[k] for k in keys], s.activities, _ACTIVITY_WIDTHS)
    doc.add_heading(h["notes"], level=2)
    if s.notes:
        keys = ("date", "stage", "activity", "status", "evidence", "note")
        _docx_table(doc, [h[k] for k in keys], s.notes, _NOTE_WIDTHS)
    else:
        doc.add_paragraph(h["no_notes"])
    if s.health:
        doc.add_heading(c.t(_H["health"], date=s.health_date), level=2)
        rows = [[p, level, note] for p, level, _colour, note in s.health]
        headers = [h["principle"], h["level"], h["note"]]
        table = _docx_table(doc, headers, rows, _HEALTH_WIDTHS)
        for row, (_p, _l, colour, _n) in zip(table.rows[1:], s.health, strict=True):
            _shade(row.cells[1], colour.lstrip("#"))
    else:
        doc.add_paragraph(h["no_health"])
    if s.changes or s.their_words:
        doc.add_heading(h["changes"], level=2)
        for sentence in s.changes:
            doc.add_paragraph(sentence, style="List Bullet")
        if s.their_words:
            doc.add_paragraph(f"{h['their_words']}: {s.their_words}")


def build_progress_docx(group: Group, *, lang: str | None = None):
    """Build the progress report as a Word document.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose follow-up is reported.
    lang : {"id", "en"}, optional
        Language of headings, labels and dates; the current language when omitted.

    Returns
    -------
    docx.document.Document
        An A4 document with 2 cm margins in the plan worksheet's fonts
        (:func:`toolkit.export.build_plan_docx`), full-width tables with set column
        widths and a header row repeated on each page: title and the LKP, then per
        partnership: activities with status and evidence,
        monitoring notes, the latest health check (the colour cell shaded) and what
        changed since the last review.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    c = Content(group, lang=lang)
    doc = Document()
    _setup(doc)  # A4, 2 cm margins, the plan worksheet's fonts
    doc.core_properties.title = f"{c.t(TITLE)} - {c.group_name}"
    doc.core_properties.author = "kemitraan-toolkit"
    doc.add_heading(c.t(TITLE), level=0)
    name, district = _lkp(c)
    doc.add_paragraph(", ".join(x for x in (name, district) if x))
    doc.add_paragraph(c.m("generated", date=c.date(c.today)))
    for section in _sections(c):
        _docx_section(doc, c, section)
    return doc


def write_progress_docx(group: Group, target: Target, *, lang: str | None = None) -> None:
    """Write the progress report as ``.docx`` to a path (atomically) or a binary file.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose follow-up is reported.
    target : path-like or binary file object
        Where to write.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.
    """
    buf = io.BytesIO()
    build_progress_docx(group, lang=lang).save(buf)
    write_target(target, buf.getvalue())


# ------------------------------------------------------------------- html
@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def build_progress_html(group: Group, *, lang: str | None = None) -> str:
    """Build the progress report as one self-contained, printable HTML page.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose follow-up is reported.
    lang : {"id", "en"}, optional
        Language of headings, labels and dates; the current language when omitted.

    Returns
    -------
    str
        An HTML5 document with the same sections as :func:`build_progress_docx`;
        every value is HTML-escaped.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    c = Content(group, lang=lang)
    name, district = _lkp(c)
    headings = {k: c.t(v) for k, v in _H.items() if k != "health"}
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            lang=c.lang,
            title=c.t(TITLE),
            lkp=name,
            district=district,
            made_on=c.m("generated", date=c.date(c.today)),
            h=headings,
            health_heading=lambda date: c.t(_H["health"], date=date),
            sections=_sections(c),
        )
    )


def write_progress_html(group: Group, target: Target, *, lang: str | None = None) -> None:
    """Write the progress report as UTF-8 ``.html`` to a path (atomically) or a binary file.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose follow-up is reported.
    target : path-like or binary file object
        Where to write.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.
    """
    write_target(target, build_progress_html(group, lang=lang).encode("utf-8"))


def export_progress(group: Group, folder: Path | str, *, lang: str | None = None) -> list[Path]:
    """Write the progress report as ``<name>-laporan-kemajuan.docx`` and ``.html``, both or none.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose follow-up is reported.
    folder : path-like
        Folder for the files, e.g. the workshop's ``exports/`` (created when missing
        and its parent exists).
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Returns
    -------
    list of pathlib.Path
        The Word file and the HTML page written.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    toolkit.errors.ExportError
        If the folder is missing or not writable (the message names it); both
        documents are built first and written together, so nothing changes then.
    """
    buf = io.BytesIO()
    build_progress_docx(group, lang=lang).save(buf)
    html = build_progress_html(group, lang=lang).encode("utf-8")
    folder = Path(folder)
    check_folder(folder, create=True)
    stem = f"{safe_filename(group.name)}-laporan-kemajuan"
    paths = [folder / f"{stem}.docx", folder / f"{stem}.html"]
    write_files(dict(zip(paths, (buf.getvalue(), html), strict=True)))
    return paths
