"""The facilitator's workshop report (laporan pelatihan): every group and the regional view.

One document for the whole training session: the workshop (title, date, venue,
facilitator), the progress of each group per step (:mod:`toolkit.progress`), then per
group its profile, priority needs (:func:`toolkit.analysis.rank_needs`, the same
table as the plan worksheet through :class:`toolkit.export._content.Content`), the
picture of its partner map, a summary of its plan and its exercise results; finally
the regional view (:mod:`toolkit.analysis.regional`): the most wanted partners, the
needs no partner on any map covers, and the merged map.

Two formats, each a pure builder and a thin writer: :func:`build_workshop_docx`
(python-docx, A4) and :func:`build_workshop_xlsx` (openpyxl: one sheet per section,
the groups' rows in shared sheets); :func:`write_workshop_report` writes either
atomically. All user text passes :func:`toolkit.export._text.clean_text`; in Excel
text is always stored as text, never as a formula.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018): Bab I (latihan soal) and Bab II
A.1 (identifikasi intern lembaga), A.6 (pihak yang terlibat).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import i18n
from ..analysis.regional import RegionalMap, merge_maps
from ..errors import CorruptFileError, KemitraanError
from ..i18n import N_
from ..model import STEPS, Group
from ..progress import STEP_LABELS, step_completion
from ..quiz import QUIZ_TITLES, QUIZZES, exercise_status
from ..regional_store import load_groups, load_overrides
from ..storage import Workshop
from ._content import SHEETS, Content, Table
from ._io import Target, write_target
from .docx import _TEXT_WIDTH_CM, _fields, _page_break, _setup, _table
from .xlsx import _BORDER, _HEADER_FILL, DATE_FORMATS, _header_code, _put, _sheet_title

__all__ = [
    "REPORT_FORMATS",
    "build_workshop_docx",
    "build_workshop_xlsx",
    "write_workshop_report",
]

#: Formats of :func:`write_workshop_report`.
REPORT_FORMATS: tuple[str, ...] = ("docx", "xlsx")

TITLE = N_("Workshop report")
_SHEETS = {
    "summary": N_("summary"),
    "profile": SHEETS["profile"],
    "needs": SHEETS["needs"],
    "partners": SHEETS["partners"],
    "plan": SHEETS["plan"],
    "exercises": N_("exercises"),
    "regional": N_("regional"),
    "uncovered": N_("needs without partner"),
}
_H = {
    "progress": N_("Progress of the groups (% of each step done)"),
    "profile": N_("Institution profile"),
    "needs": N_("Priority needs"),
    "partners": N_("Partners"),
    "map": N_("Partner map"),
    "plan": N_("Partnership plan in short"),
    "exercises": N_("Exercises and self-check quizzes"),
    "regional": N_("Regional view"),
    "most_wanted": N_("Most wanted partners"),
    "uncovered": N_("Priority needs no partner on any map covers"),
    "regional_map": N_("Regional partner map"),
    "notes": N_("Notes"),
}
_L = {
    "title": N_("Title"),
    "date": N_("Date"),
    "venue": N_("Venue"),
    "facilitator": N_("Facilitator"),
    "groups": N_("Groups"),
    "generated": N_("Made on"),
    "group": N_("Group"),
    "stages": N_("Stages planned"),
    "activities": N_("Activities"),
    "chapter": N_("Exercises of chapter {n} answered"),
    "quiz": N_("Quiz: {title}"),
    "n_groups": N_("Number of groups"),
    "group_names": N_("Named by"),
    "needs_covered": N_("Priority needs it could meet"),
    "which_needs": N_("Which needs"),
    "flows": N_("What it can offer"),
    "lacking_in": N_("Groups lacking it"),
    "which_groups": N_("Which groups"),
    "best_score": N_("Highest priority score"),
    "none": N_("None yet."),
    "no_plan": N_("No partnership planned yet."),
    "all_covered": N_("Every priority need has a candidate partner on some group's map."),
    "shown": N_("The {shown} partners named most often are shown, of {total}."),
    "needs_shown": N_(
        "The {shown} most pressing of {total} needs are shown; the Excel report lists them all."
    ),
    "no_map": N_("No partners on the map yet."),
}
#: Rows of the most-wanted table shown in the Word report (all go to Excel).
DOCX_TOP = 25
#: Priority needs shown per group in the Word report (all go to Excel).
DOCX_NEEDS = 10
_MIN_WIDTH = 8


@contextlib.contextmanager
def _language(lang: str) -> Iterator[None]:
    previous = i18n.get_language()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(previous)


@dataclass
class _Report:
    """Everything the report shows, gathered once, in one language."""

    title: str
    info: list[tuple[str, object]]
    groups: list[Group]
    rmap: RegionalMap
    c: Content  # formatting and labels that belong to no group
    notes: list[str] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.c.lang

    def t(self, key: str, **kwargs) -> str:
        """Translate one of this module's labels or headings by key."""
        return self.c.t(_H[key] if key in _H else _L[key], **kwargs)

    @cached_property
    def contents(self) -> list[Content]:
        """One :class:`Content` per group, in workshop order."""
        return [Content(g, lang=self.lang) for g in self.groups]

    # ------------------------------------------------------------ tables
    def progress(self) -> Table:
        """Return the groups x steps table, integer percentages 0-100."""
        headers = [self.t("group")] + [self.c.t(STEP_LABELS[s]) for s in STEPS]
        rows = [
            [c.group_name] + [round(100 * v) for v in step_completion(c.group).values()]
            for c in self.contents
        ]
        return Table(headers, rows, [34] + [13] * len(STEPS))

    def shared(self, method: str) -> Table:
        """Stack one :class:`Content` table of every group, with a leading group column."""
        tables = [(c, getattr(c, method)()) for c in self.contents]
        first = (
            tables[0][1] if tables else getattr(Content(_placeholder(), lang=self.lang), method)()
        )
        rows = [[c.group_name, *row] for c, table in tables for row in table.rows]
        return Table([self.t("group"), *first.headers], rows, [26, *first.widths])

    def plan(self, c: Content) -> Table:
        """One row per partnership: partner, pattern, goal, stages, activities, review date."""
        keys = ("partner", "pattern", "goal")
        headers = [c.m(k) for k in keys] + [self.t("stages"), self.t("activities")]
        headers.append(c.m("review_date"))
        rows = [
            [
                c.actor_name(p.actor_id),
                c.label("patterns", p.pattern),
                c.clean(p.goal),
                len(p.stages),
                sum(len(s.activities) for s in p.stages),
                p.review_date,
            ]
            for p in c.group.plan.partnerships
        ]
        return Table(headers, rows, [26, 18, 36, 12, 12, 16])

    def exercises(self, c: Content) -> list[tuple[str, object]]:
        """(label, value) rows: exercises answered per chapter, then each quiz's score."""
        rows: list[tuple[str, object]] = []
        for chapter, roman in ((1, "I"), (2, "II")):
            status = exercise_status(c.group, chapter)
            rows.append((self.t("chapter", n=roman), f"{sum(status.values())}/{len(status)}"))
        for name in QUIZZES:
            result = c.group.quizzes.get(name)
            score = f"{result.score}/{result.total}" if result else "-"
            rows.append((self.t("quiz", title=c.t(QUIZ_TITLES[name])), score))
        return rows

    def most_wanted(self, top: int | None = None, *, with_needs: bool = True) -> Table:
        """Return the regional most-wanted table (translated labels, lists joined)."""
        keys = ("n_groups", "group_names", "needs_covered") + ("which_needs",) * with_needs
        headers = [self.c.m("no"), self.c.m("partner"), self.c.m("category")]
        headers += [self.t(k) for k in (*keys, "flows")]
        rows = []
        for i, r in enumerate(self.rmap.most_wanted(top).itertuples(), 1):
            row = [i, self.c.clean(r.label), self.c.label("partner_categories", r.category)]
            row += [r.n_groups, "\n".join(self.c.clean(n) for n in r.group_names)]
            row += [r.needs_covered] + ["\n".join(self.c.clean(n) for n in r.needs)] * with_needs
            rows.append(row + [", ".join(self.c.label("flows", f) for f in r.flows)])
        widths = [5, 30, 20, 13, 26, 13] + [34] * with_needs + [28]
        return Table(headers, rows, widths)

    def uncovered(self) -> Table:
        """Return the regional table of the needs nobody covers."""
        headers = [self.c.m("no"), self.c.m("aspect"), self.c.m("component")]
        headers += [self.t("lacking_in"), self.t("which_groups"), self.t("best_score")]
        rows = [
            [
                i,
                self.c.label("aspects", r.aspect),
                self.c.clean(r.label),
                r.n_groups,
                "\n".join(self.c.clean(n) for n in r.group_names),
                r.best_score if r.best_score is not None else self.c.m("not_rated"),
            ]
            for i, r in enumerate(self.rmap.uncovered_needs().itertuples(), 1)
        ]
        return Table(headers, rows, [5, 20, 36, 13, 30, 13])

    def profile_table(self) -> Table:
        """Return every group's profile, one row per group (the Excel sheet)."""
        probe = Content(_placeholder(), lang=self.lang).profile()
        rows = [[value for _, value in c.profile()] for c in self.contents]
        return Table([label for label, _ in probe], rows, [26, 26, 18, 30, 10, 10, 10, 40])

    def exercise_table(self) -> Table:
        """One row per group with its exercise and quiz results (the Excel sheet)."""
        rows = [[c.group_name, *(v for _, v in self.exercises(c))] for c in self.contents]
        probe = self.exercises(Content(_placeholder(), lang=self.lang))
        return Table([self.t("group"), *(k for k, _ in probe)], rows, [30] + [16] * len(probe))

    def plan_table(self) -> Table:
        """Every group's plan summary, one row per partnership (the Excel sheet)."""
        tables = [(c, self.plan(c)) for c in self.contents]
        headers = self.plan(Content(_placeholder(), lang=self.lang)).headers
        rows = [[c.group_name, *row] for c, table in tables for row in table.rows]
        return Table([self.t("group"), *headers], rows, [26, 26, 18, 40, 12, 12, 16])

    def regional_png(self) -> bytes:
        """Draw the merged map as a PNG picture."""
        from ..charts import figure_png, regional_network_figure

        title = self.c.clean(self.title)
        fig = regional_network_figure(self.rmap.graph, title=title, lang=self.lang)
        return figure_png(fig, dpi=150)


def _placeholder() -> Group:
    return Group(id="workshop", name="workshop")


def _open(workshop: Workshop | Path | str) -> Workshop:
    return workshop if isinstance(workshop, Workshop) else Workshop.open(workshop)


def _gather(workshop: Workshop | Path | str, lang: str | None, today: dt.date | None) -> _Report:
    ws = _open(workshop)
    c = Content(_placeholder(), lang=lang, today=today)
    groups, notes = load_groups(ws)
    with _language(c.lang):
        try:
            overrides = load_overrides(ws)
        except CorruptFileError as exc:
            overrides, notes = None, [*notes, str(exc)]
        rmap = merge_maps(groups, overrides)
    info = ws.info
    rows = [
        (c.t(_L["title"]), c.clean(info.title)),
        (c.t(_L["date"]), info.date),
        (c.t(_L["venue"]), c.clean(info.venue)),
        (c.t(_L["facilitator"]), c.clean(info.facilitator)),
        (c.t(_L["groups"]), len(info.groups)),
        (c.t(_L["generated"]), c.today),
    ]
    return _Report(info.title, rows, groups, rmap, c, notes + rmap.notes)


# ================================================================== Word
def _docx_table(doc, c: Content, table: Table, empty: str) -> None:
    """Add `table` (or the italic `empty` sentence when it has no rows)."""
    if not table.rows:
        doc.add_paragraph(empty).runs[0].italic = True
        return
    # At least 7 characters, so "No." and small numbers never break inside a word.
    table = Table(table.headers, table.rows, [max(w, _MIN_WIDTH) for w in table.widths])
    _table(doc, c, table)
    # Word reads the cells' widths, LibreOffice the table grid: set both.
    added, total = doc.tables[-1], sum(table.widths) or 1
    added.autofit = False
    for column, width in zip(added.columns, table.widths, strict=False):
        column.width = Cm(_TEXT_WIDTH_CM * width / total)


def _docx_picture(doc, png: bytes) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(_TEXT_WIDTH_CM))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _docx_group(doc, r: _Report, c: Content) -> None:
    from ..charts import figure_png, network_figure

    _page_break(doc)
    doc.add_heading(c.group_name, level=1)
    doc.add_heading(r.t("profile"), level=2)
    _fields(doc, c, c.profile()[1:])
    doc.add_heading(r.t("needs"), level=2)
    needs = c.needs()
    _docx_table(doc, c, Table(needs.headers, needs.rows[:DOCX_NEEDS], needs.widths), r.t("none"))
    if len(needs.rows) > DOCX_NEEDS:
        doc.add_paragraph(r.t("needs_shown", shown=DOCX_NEEDS, total=len(needs.rows)))
    doc.add_heading(r.t("map"), level=2)
    if c.group.actors:
        _docx_picture(doc, figure_png(network_figure(c.group, lang=c.lang), dpi=110))
    else:
        doc.add_paragraph(r.t("no_map")).runs[0].italic = True
    doc.add_heading(r.t("plan"), level=2)
    _docx_table(doc, c, r.plan(c), r.t("no_plan"))
    doc.add_heading(r.t("exercises"), level=2)
    _fields(doc, c, r.exercises(c))


def _docx_regional(doc, r: _Report) -> None:
    c = r.c
    _page_break(doc)
    doc.add_heading(r.t("regional"), level=1)
    doc.add_heading(r.t("most_wanted"), level=2)
    table = r.most_wanted(DOCX_TOP, with_needs=False)
    _docx_table(doc, c, table, r.t("none"))
    total = len(r.rmap.members)
    if total > len(table.rows):
        doc.add_paragraph(r.t("shown", shown=len(table.rows), total=total))
    doc.add_heading(r.t("uncovered"), level=2)
    _docx_table(doc, c, r.uncovered(), r.t("all_covered"))
    doc.add_heading(r.t("regional_map"), level=2)
    _docx_picture(doc, r.regional_png())
    if r.notes:
        doc.add_heading(r.t("notes"), level=2)
        for note in r.notes:
            doc.add_paragraph(c.clean(note), style="List Bullet")


def build_workshop_docx(
    workshop: Workshop | Path | str, lang: str | None = None, *, today: dt.date | None = None
):
    """Build the workshop report as a Word document.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like
        An opened workshop or its folder.
    lang : {"id", "en"}, optional
        Language of headings, labels and dates; the current language when omitted.
    today : datetime.date, optional
        Date printed as "made on"; today when omitted.

    Returns
    -------
    docx.document.Document
        An A4 document (2 cm margins): the workshop and the progress table; per group
        (each on a new page) its profile, priority needs, partner map picture, plan in
        short and exercise results; then the regional view: the 25 most wanted
        partners, the needs no partner covers, the merged map and any notes (group
        files that could not be read, ignored corrections).

    Raises
    ------
    WorkshopNotFoundError
        If `workshop` is a folder without ``workshop.json``.
    CorruptFileError
        If ``workshop.json`` cannot be read (broken group files are only noted).
    ValueError
        If `lang` is unknown.
    """
    r = _gather(workshop, lang, today)
    c = r.c
    doc = Document()
    _setup(doc)
    doc.core_properties.title = f"{c.t(TITLE)} - {c.clean(r.title)}"
    doc.core_properties.author = "kemitraan-toolkit"
    doc.add_heading(c.t(TITLE), level=0)
    doc.add_heading(c.clean(r.title), level=1)
    _fields(doc, c, r.info[1:])
    doc.add_heading(r.t("progress"), level=1)
    _docx_table(doc, c, r.progress(), r.t("none"))
    for gc in r.contents:
        _docx_group(doc, r, gc)
    _docx_regional(doc, r)
    return doc


# ================================================================== Excel
def _xlsx_sheet(wb: Workbook, r: _Report, key: str, table: Table, heading: str, facts=()):
    """Add a sheet: title row, optional fact rows, frozen header row, rows, A4 landscape."""
    ws = wb.create_sheet(_sheet_title(r.c.t(_SHEETS[key]), {n.lower() for n in wb.sheetnames}))
    fmt = DATE_FORMATS[r.lang]
    title = _put(ws, 1, 1, f"{heading} - {r.c.clean(r.title)}", fmt)
    title.font, title.alignment = Font(bold=True, size=13), Alignment(vertical="top")
    for row_no, (label, value) in enumerate(facts, 2):
        _put(ws, row_no, 1, label, fmt).font = Font(bold=True)
        # A fact is one line of text that may run into the empty cells on its right.
        text = r.c.date(value) if isinstance(value, dt.date) else value
        _put(ws, row_no, 2, text, fmt).alignment = Alignment(horizontal="left", vertical="top")
    head = 2 + (len(facts) + 1 if facts else 0)
    for col, header in enumerate(table.headers, 1):
        cell = _put(ws, head, col, header, fmt)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BORDER
    for row_no, row in enumerate(table.rows, head + 1):
        for col, value in enumerate(row, 1):
            _put(ws, row_no, col, value, fmt).border = _BORDER
    for col, width in enumerate(table.widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    last = get_column_letter(len(table.headers))
    ws.freeze_panes = f"B{head + 1}"
    ws.auto_filter.ref = f"A{head}:{last}{head + max(1, len(table.rows))}"
    ws.page_setup.paperSize, ws.page_setup.orientation = ws.PAPERSIZE_A4, "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{head}:{head}"
    ws.oddHeader.left.text = _header_code(f"{r.c.t(TITLE)} - {r.c.clean(r.title)}")
    return ws


def build_workshop_xlsx(
    workshop: Workshop | Path | str, lang: str | None = None, *, today: dt.date | None = None
) -> Workbook:
    """Build the workshop report as an Excel workbook.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like
        An opened workshop or its folder.
    lang : {"id", "en"}, optional
        Language of sheet names, headings and labels; the current language when omitted.
    today : datetime.date, optional
        Date printed as "made on"; today when omitted.

    Returns
    -------
    openpyxl.Workbook
        Eight sheets, named in `lang` (Indonesian: ringkasan, profil, kebutuhan,
        mitra, rencana, latihan soal, regional, kebutuhan tanpa mitra): the workshop
        and progress per group and step; every group's profile, priority needs,
        partners, plan in short and exercise results, one row each, with the group in
        the first column; the most
        wanted partners (all of them); the needs no partner covers. Each sheet has a
        title row, a frozen bold header row with a filter, set widths and an A4
        landscape page setup. Text is stored as text (``=1+1`` stays text), dates as
        dates.

    Raises
    ------
    WorkshopNotFoundError, CorruptFileError, ValueError
        As for :func:`build_workshop_docx`.
    """
    r = _gather(workshop, lang, today)
    wb = Workbook()
    wb.remove(wb.active)
    _xlsx_sheet(wb, r, "summary", r.progress(), r.c.t(TITLE), facts=r.info)
    _xlsx_sheet(wb, r, "profile", r.profile_table(), r.t("profile"))
    _xlsx_sheet(wb, r, "needs", r.shared("needs"), r.t("needs"))
    _xlsx_sheet(wb, r, "partners", r.shared("partners"), r.t("partners"))
    _xlsx_sheet(wb, r, "plan", r.plan_table(), r.t("plan"))
    _xlsx_sheet(wb, r, "exercises", r.exercise_table(), r.t("exercises"))
    _xlsx_sheet(wb, r, "regional", r.most_wanted(), r.t("most_wanted"))
    _xlsx_sheet(wb, r, "uncovered", r.uncovered(), r.t("uncovered"))
    wb.properties.title = f"{r.c.t(TITLE)} - {r.c.clean(r.title)}"
    wb.properties.creator = "kemitraan-toolkit"
    return wb


# ================================================================== writer
def write_workshop_report(
    workshop: Workshop | Path | str, target: Target, fmt: str, lang: str | None = None
) -> None:
    """Write the workshop report as ``.docx`` or ``.xlsx`` to a path (atomically) or a file.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like
        An opened workshop or its folder.
    target : path-like or binary file object
        Where to write; a path is replaced only once the whole document is built.
    fmt : {"docx", "xlsx"}
        The format.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Raises
    ------
    KemitraanError
        If `fmt` is not one of :data:`REPORT_FORMATS` (nothing is written).
    WorkshopNotFoundError, CorruptFileError
        If the workshop cannot be opened.
    OSError
        If the target cannot be written (an existing file stays as it was).
    """
    if fmt not in REPORT_FORMATS:
        raise KemitraanError(
            N_("Unknown report format {format!r}; choose one of: {formats}."),
            format=fmt,
            formats=", ".join(REPORT_FORMATS),
        )
    build = build_workshop_docx if fmt == "docx" else build_workshop_xlsx
    buf = io.BytesIO()
    build(workshop, lang).save(buf)
    write_target(target, buf.getvalue())
