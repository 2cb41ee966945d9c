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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
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
from ._io import Target, write_target

__all__ = [
    "build_progress_docx",
    "build_progress_html",
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
def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _docx_table(doc, headers: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, "DDEBF7")
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    return table


def _docx_section(doc, c: Content, s: _Section) -> None:
    h = {k: c.t(v) for k, v in _H.items() if k != "health"}
    doc.add_heading(s.title, level=1)
    doc.add_heading(h["activities"], level=2)
    keys = ("stage", "activity", "status", "evidence")
    _docx_table(doc, [h[k] for k in keys], s.activities)
    doc.add_heading(h["notes"], level=2)
    if s.notes:
        keys = ("date", "stage", "activity", "status", "evidence", "note")
        _docx_table(doc, [h[k] for k in keys], s.notes)
    else:
        doc.add_paragraph(h["no_notes"])
    if s.health:
        doc.add_heading(c.t(_H["health"], date=s.health_date), level=2)
        rows = [[p, level, note] for p, level, _colour, note in s.health]
        table = _docx_table(doc, [h["principle"], h["level"], h["note"]], rows)
        for row, (_p, _l, colour, _n) in zip(table.rows[1:], s.health, strict=True):
            _shade(row.cells[1], colour)
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
        Title and the LKP, then per partnership: activities with status and evidence,
        monitoring notes, the latest health check (the colour cell shaded) and what
        changed since the last review.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    c = Content(group, lang=lang)
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
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
