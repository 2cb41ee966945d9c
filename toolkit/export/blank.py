"""Blank printable worksheets (lembar kerja kosong) for groups that work on paper.

Groups without a laptop fill in the same five steps on paper: the needs inventory,
the partner map, the partnership plan with its stages, the agreement checklist and
the health check for monitoring (*monev*). :func:`blank_worksheets` turns the
module's catalogue (:func:`toolkit.catalogue.get_catalogue`) into a neutral
description of the five worksheets (:class:`Worksheet`, a list of blocks);
:func:`build_blank_pdf` (fpdf2, DejaVu Sans) and :func:`build_blank_docx`
(python-docx) only lay the blocks out on A4. :func:`write_blank_worksheets` writes one
file per worksheet and format plus one combined file, with fixed dates inside so
that regenerating gives the same files.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018): Bab I C (prinsip), E (pola),
Bab II A (tahapan; akad kerja sama), B (aspek yang dimitrakan), C (pihak yang
terlibat), D (teknik melestarikan kemitraan).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from fpdf import FPDF
from fpdf.fonts import FontFace

from ..analysis.monev import HEALTH_LABELS, HEALTH_LEVELS
from ..analysis.plan import REQUIRED_STAGES
from ..analysis.priority import AVAILABILITY_LABELS, STAGE_LABELS
from ..catalogue import get_catalogue
from ..charts import QUADRANTS
from ..i18n import LANGUAGES, N_, get_language, translate
from ._content import (
    _AGREEMENT,
    _M,
    ACTIVITY_STATUS_LABELS,
    HEADINGS,
    RELATIONSHIP_LABELS,
    RHYTHM_LABELS,
)
from ._io import write_target
from .pdf import FONT_DIR

__all__ = [
    "BLANK_FORMATS",
    "BOX",
    "FIXED_DATE",
    "Worksheet",
    "Heading",
    "Note",
    "FillIn",
    "Grid",
    "Fields",
    "Lines",
    "DrawingArea",
    "QuadrantGrid",
    "Signatures",
    "PageBreak",
    "blank_worksheets",
    "blank_file_stems",
    "build_blank_pdf",
    "build_blank_docx",
    "docx_bytes",
    "write_blank_worksheets",
]

#: The tick box printed before every choice.
BOX = "☐"
#: No-break space between a box and its label, so that a line never ends with a lone box.
NBSP = "\u00a0"
#: Formats :func:`write_blank_worksheets` can write.
BLANK_FORMATS: tuple[str, ...] = ("pdf", "docx")
#: Date written into every file (PDF creation date, DOCX core properties, ZIP entries),
#: so that regenerating the worksheets gives the same files.
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

#: File names (without extension) of the five worksheets and the combined file.
_STEMS = {
    "id": (
        "1-inventaris-kebutuhan",
        "2-peta-mitra",
        "3-rencana-kemitraan",
        "4-daftar-periksa-akad",
        "5-cek-kesehatan-kemitraan",
        "lembar-kerja-kosong-lengkap",
    ),
    "en": (
        "1-needs-inventory",
        "2-partner-map",
        "3-partnership-plan",
        "4-agreement-checklist",
        "5-partnership-health-check",
        "blank-worksheets-complete",
    ),
}

# ----------------------------------------------------------------- message ids
COMBINED_TITLE = N_("Blank worksheets")
TITLES = {
    "needs": N_("Needs inventory"),
    "map": N_("Partner map"),
    "plan": N_("Partnership plan with stages"),
    "agreement": N_("Partnership agreement checklist"),
    "health": N_("Partnership health check"),
}
INTROS = {
    "needs": N_(
        "For each aspect, read the components already listed and add your own in the "
        "empty rows. Tick how far the LKP has each one. For what is missing or partly "
        "there, circle how important and how urgent it is and tick the programme stage "
        "where it is needed. Then write the five most pressing needs in the priority "
        "table: they are what you look for partners for."
    ),
    "map": N_(
        "Write each candidate partner in a small circle around the LKP, with the number "
        "of its category: close to the LKP when the relationship is strong, a larger "
        "circle when the partner has more influence. Join each partner to the LKP with a "
        "line (solid when the relationship exists, dashed when it is potential) and write "
        "on the line the letters of what flows. Then fill in the table of candidate "
        "partners and place each one in the power and interest grid by its number."
    ),
    "plan": N_(
        "Fill in one sheet per partner. Agree first on the shared goal and on what "
        "each side gives and gets; then plan the activities of each stage with dates "
        "and one person responsible; finally choose how you will keep the partnership "
        "alive and how often."
    ),
    "agreement": N_(
        "Use this list when you write the agreement (akad kerja sama) with the partner. "
        "Tick each clause once it is settled and write down briefly what was agreed. "
        "Both parties sign when every clause is ticked."
    ),
    "health": N_(
        "Fill this in with the partner at every review, for example every three months. "
        "For each principle, tick one colour and write what shows it. Keep the sheets "
        "of earlier reviews to compare."
    ),
}
_B = {
    "worksheet": N_("Worksheet {n}"),
    "lkp_name": N_("Name of the LKP"),
    "date": N_("Date"),
    "aspect": N_("Aspect {n}: {name}"),
    "scale": N_("Importance and urgency: circle a number from 1 (low) to 5 (high)."),
    "stages_legend": N_(
        "Programme stage: tick the number of the stage where it is needed: {stages}."
    ),
    "rank": N_("Rank"),
    "why": N_("Why it comes first"),
    "candidates": N_("Candidate partners"),
    "offers_flows": N_("What it can offer (letters of the flows)"),
    "category_no": N_("Category (number)"),
    "map_legend": N_("Legend"),
    "place_grid": N_(
        "Write the number of each candidate partner from the table in the box that "
        "matches its influence and interest."
    ),
    "grid_x": N_("Interest in / support for our programme (1 low - 5 high)"),
    "grid_y": N_("Power / influence (1 low - 5 high)"),
    "tick_any": N_("tick one or more"),
    "tick_one": N_("tick one"),
    "stage": N_("Stage {n}: {name}"),
    "steps": N_("Steps: {steps}."),
    "status_legend": N_("Status: write {labels}."),
    "rhythm_legend": N_("How often: for example {rhythms}."),
    "clause": N_("Clause"),
    "clauses": N_("Clauses of the agreement"),
    "agreed": N_("What was agreed"),
    "other": N_("Other points agreed"),
    "review_this": N_("Date of this review"),
    "review_last": N_("Date of the last review"),
    "evidence": N_("Evidence or note"),
    "principle": N_("Principle"),
    "colours": N_("How to read the colours of the health check:"),
    "green": N_("green: the principle is lived well; keep doing what works."),
    "amber": N_("amber: it works in part; agree on one step to improve it before the next review."),
    "red": N_("red: it is not lived yet; talk about it with the partner soon."),
    "changed": N_("What changed since the last review"),
    "next": N_("What we will do before the next review"),
}

_EMPTY_NEEDS = 3  # own components per aspect
_EMPTY_PRIORITIES = 5
_EMPTY_PARTNERS = 10
_EMPTY_ACTIVITIES = 3
#: Tables up to this height (mm) are kept whole on one page, and a heading is kept with
#: up to this much of what follows it.
_KEEP_WHOLE = 120.0
#: Word tables with at most this many rows are kept on one page.
_KEEP_ROWS = 10


# ----------------------------------------------------------------- the blocks
@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is a section of a worksheet, level 2 a sub-section."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Note:
    """A short paragraph of help text (instructions, legends)."""

    text: str
    boxed: bool = False  # shaded box, for the instructions at the top


@dataclass(frozen=True)
class FillIn:
    """Labels each followed by a blank line to write on (e.g. name, date)."""

    labels: tuple[str, ...]


@dataclass(frozen=True)
class Grid:
    """A table with a header row; cells hold printed text or ``""`` to write in.

    ``rows`` holds every row, the pre-listed ones first and then ``blank_rows`` rows
    whose first text column (``blank_col``) is empty; ``min_height`` is the least
    row height in millimetres; in column ``bold_first_line`` the first line of each
    cell is set in bold (a title above its description).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    blank_rows: int = 0
    blank_col: int = 1
    min_height: float = 8.0
    bold_first_line: int | None = None  # column whose first line is a bold title


@dataclass(frozen=True)
class Fields:
    """Rows of (label, printed choices or ``""``) to fill in, without a header."""

    rows: tuple[tuple[str, str], ...]
    min_height: float = 10.0


@dataclass(frozen=True)
class Lines:
    """Empty ruled lines to write on, 8 mm apart."""

    count: int


@dataclass(frozen=True)
class DrawingArea:
    """An empty box to draw in, the LKP in a circle at its centre, and a legend."""

    centre: str
    height: float  # millimetres
    legend: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, items)


@dataclass(frozen=True)
class QuadrantGrid:
    """An empty 2 x 2 power-interest grid; quadrants in reading order (top left first)."""

    x_label: str
    y_label: str
    quadrants: tuple[tuple[str, str], ...]  # (title, advice)


@dataclass(frozen=True)
class Signatures:
    """Place and date line and a signature block for two parties."""

    place: str
    parties: tuple[str, ...]
    sign_name: str


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (same orientation)."""


#: Any block of a worksheet.
Block = (
    Heading | Note | FillIn | Grid | Fields | Lines | DrawingArea | QuadrantGrid | Signatures
) | PageBreak


@dataclass(frozen=True)
class Worksheet:
    """One blank worksheet, already in one language.

    Attributes
    ----------
    number : int
        1 to 5, the order of the worksheets (and of the workshop's steps).
    key : {"needs", "map", "plan", "agreement", "health"}
        Which worksheet it is.
    stem : str
        File name without extension, e.g. ``"1-inventaris-kebutuhan"``.
    lang : {"id", "en"}
        Language of the text.
    kicker, title, intro : str
        "Lembar kerja 1", the title, and the instructions printed at the top.
    header : FillIn
        The blank lines for the LKP's name, the group and the date.
    blocks : tuple of Block
        The content, in order.
    landscape : bool
        True when the page is turned (wide tables, the drawing area).
    """

    number: int
    key: str
    stem: str
    lang: str
    kicker: str
    title: str
    intro: str
    header: FillIn
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    landscape: bool = False


# ----------------------------------------------------------------- builder
class _Builder:
    """Builds the five worksheets from the catalogue in one language."""

    def __init__(self, lang: str) -> None:
        self.lang, self.cat = lang, get_catalogue()

    def t(self, message: str, **kwargs: object) -> str:
        text = translate(message, self.lang)
        return text.format(**kwargs) if kwargs else text

    def b(self, key: str, **kwargs: object) -> str:
        return self.t({**_M, **_AGREEMENT, **_B}[key], **kwargs)

    def boxes(self, labels: Sequence[str], sep: str = "   ") -> str:
        return sep.join(f"{BOX}{NBSP}{label}" for label in labels)

    def sheet(self, n: int, key: str, blocks: list[Block], *, landscape=False, extra=()):
        header = FillIn((self.b("lkp_name"), self.b("group"), self.b("date"), *extra))
        return Worksheet(
            number=n,
            key=key,
            stem=_STEMS[self.lang][n - 1],
            lang=self.lang,
            kicker=self.b("worksheet", n=n),
            title=self.t(TITLES[key]),
            intro=self.t(INTROS[key]),
            header=header,
            blocks=tuple(blocks),
            landscape=landscape,
        )

    # ------------------------------------------------------------ 1 needs
    def needs(self) -> Worksheet:
        availability = self.boxes([self.t(AVAILABILITY_LABELS[k]) for k in AVAILABILITY_LABELS])
        stages = "  ".join(f"{BOX}{i}" for i in range(1, len(STAGE_LABELS) + 1))
        scale = "1   2   3   4   5"
        legend = ", ".join(f"{i} {self.t(m)}" for i, m in enumerate(STAGE_LABELS.values(), 1))
        keys = ("no", "component", "availability", "importance", "urgency")
        headers = tuple(self.b(k) for k in keys) + (self.b("programme_stage"), self.b("note"))
        blocks: list[Block] = [Note(self.b("scale") + " " + self.b("stages_legend", stages=legend))]
        for n, aspect in enumerate(self.cat.aspects, 1):
            labels = [c.label.get(self.lang) for c in aspect.components] + [""] * _EMPTY_NEEDS
            rows = tuple(
                (str(i), label, availability, scale, scale, stages, "")
                for i, label in enumerate(labels, 1)
            )
            blocks += [
                Heading(self.b("aspect", n=n, name=aspect.label.get(self.lang))),
                Note(aspect.description.get(self.lang)),
                Grid(headers, rows, (11, 44, 57, 27, 27, 32, 44), blank_rows=_EMPTY_NEEDS),
            ]
        rows = tuple((str(i), "", "") for i in range(1, _EMPTY_PRIORITIES + 1))
        blocks += [
            PageBreak(),
            Heading(self.t(HEADINGS["needs"])),
            Grid(
                (self.b("rank"), self.b("component"), self.b("why")),
                rows,
                (24, 86, 132),
                blank_rows=_EMPTY_PRIORITIES,
                min_height=12,
            ),
        ]
        return self.sheet(1, "needs", blocks, landscape=True)

    # ------------------------------------------------------------ 2 map
    def partner_map(self) -> Worksheet:
        categories = tuple(
            f"{i}  {c.label.get(self.lang)}" for i, c in enumerate(self.cat.partner_categories, 1)
        )
        flows = tuple(
            f"{chr(64 + i)}  {f.label.get(self.lang)}" for i, f in enumerate(self.cat.flows, 1)
        )
        lines = (
            f"——  {self.t(N_('existing relationship'))}",
            f"- - -  {self.t(N_('potential relationship (dashed)'))}",
            self.t(N_("Larger circle = more influence")),
        )
        legend = (
            (self.t(N_("Partner category")), categories),
            (self.t(N_("What flows")), flows),
            (self.b("map_legend"), lines),
        )
        labels = [self.t(m) for m in RELATIONSHIP_LABELS.values()]
        status = self.boxes(labels[:2]) + "\n" + self.boxes(labels[2:])
        scale = "1  2  3  4  5"
        keys = ("no", "name", "category_no", "influence", "interest", "offers_flows")
        headers = tuple(self.b(k) for k in keys) + (self.b("relationship"), self.b("contact"))
        rows = tuple(
            (str(i), "", "", scale, scale, "", status, "") for i in range(1, _EMPTY_PARTNERS + 1)
        )
        order = ((True, False), (True, True), (False, False), (False, True))
        quadrants = tuple((self.t(QUADRANTS[k][0]), self.t(QUADRANTS[k][1])) for k in order)
        blocks: list[Block] = [
            DrawingArea("LKP", 128, legend),
            PageBreak(),
            Heading(self.b("candidates")),
            Grid(
                headers,
                rows,
                (12, 40, 20, 28, 28, 42, 54, 43),
                blank_rows=_EMPTY_PARTNERS,
                min_height=14,
            ),
            PageBreak(),
            Heading(self.t(HEADINGS["grid"])),
            Note(self.b("place_grid")),
            QuadrantGrid(self.b("grid_x"), self.b("grid_y"), quadrants),
        ]
        return self.sheet(2, "map", blocks, landscape=True)

    # ------------------------------------------------------------ 3 plan
    def plan(self) -> Worksheet:
        aspects = self.boxes([a.label.get(self.lang) for a in self.cat.aspects], "\n")
        patterns = self.boxes([p.label.get(self.lang) for p in self.cat.patterns], "\n")
        fields = (
            (self.b("partner"), ""),
            (f"{self.b('aspects')} ({self.b('tick_any')})", aspects),
            (f"{self.b('pattern')} ({self.b('tick_one')})", patterns),
            (self.b("goal"), ""),
            (self.b("lkp_gives"), ""),
            (self.b("lkp_gets"), ""),
            (self.b("partner_gives"), ""),
            (self.b("partner_gets"), ""),
            (self.b("start_date"), ""),
            (self.b("duration"), ""),
            (self.b("review_date"), ""),
        )
        statuses = " / ".join(self.t(m) for m in ACTIVITY_STATUS_LABELS.values())
        blocks: list[Block] = [
            Heading(self.t(HEADINGS["plan"])),
            Fields(fields, min_height=13),
            PageBreak(),
            Heading(self.t(HEADINGS["schedule"])),
            Note(self.b("status_legend", labels=statuses)),
        ]
        keys = ("no", "activity", "start", "end", "responsible", "status")
        headers = tuple(self.b(k) for k in keys)
        rows = tuple(("", "", "", "", "", "") for _ in range(_EMPTY_ACTIVITIES))
        rows = tuple((str(i), *r[1:]) for i, r in enumerate(rows, 1))
        for stage in (s for s in self.cat.stages if s.id in REQUIRED_STAGES):
            steps = ", ".join(s.label.get(self.lang).lower() for s in stage.steps)
            blocks += [
                Heading(self.b("stage", n=stage.order, name=stage.label.get(self.lang)), 2),
                Note(self.b("steps", steps=steps[:1].upper() + steps[1:])),
                Grid(headers, rows, (12, 65, 22, 22, 36, 23), blank_rows=_EMPTY_ACTIVITIES),
            ]
        rhythms = ", ".join(self.t(m) for m in RHYTHM_LABELS.values())
        rows = tuple((f"{BOX}{NBSP}{s.label.get(self.lang)}", "", "") for s in self.cat.sustaining)
        blocks += [
            Heading(self.t(HEADINGS["sustaining"])),
            Note(self.b("rhythm_legend", rhythms=rhythms)),
            Grid(
                (self.b("technique"), self.b("rhythm"), self.b("note")),
                rows,
                (62, 40, 78),
                blank_col=1,
                min_height=10,
            ),
        ]
        return self.sheet(3, "plan", blocks)

    # ------------------------------------------------------------ 4 agreement
    def agreement(self) -> Worksheet:
        fields = (
            (self.b("first_party"), ""),
            (self.b("second_party"), ""),
            (self.b("purpose"), ""),
            (self.b("agreement_duration"), ""),
            (self.b("start_date"), ""),
            (self.b("review_date"), ""),
        )
        rows = tuple(
            (
                BOX,
                f"{self.b('article', n=n, title=c.label.get(self.lang))}\n"
                f"{c.description.get(self.lang)}",
                "",
            )
            for n, c in enumerate(self.cat.clauses, 1)
        )
        place = self.b("signed", place="....................") + " ...................."
        blocks: list[Block] = [
            Fields(fields, min_height=8.5),
            Heading(self.b("clauses")),
            Grid(
                ("✓", self.b("clause"), self.b("agreed")),
                rows,
                (8, 70, 102),
                blank_col=2,
                min_height=22,
                bold_first_line=1,
            ),
            Heading(self.b("other")),
            Lines(6),
            Signatures(place, (self.b("first_party"), self.b("second_party")), self.b("sign_name")),
        ]
        return self.sheet(4, "agreement", blocks)

    # ------------------------------------------------------------ 5 health
    def health(self) -> Worksheet:
        colours = tuple(self.t(HEALTH_LABELS[k]) for k in HEALTH_LEVELS)
        rows = tuple(
            (
                f"{p.label.get(self.lang)}\n{p.description.get(self.lang)}",
                BOX,
                BOX,
                BOX,
                "",
            )
            for p in self.cat.principles
        )
        legend = "\n".join(self.b(k) for k in ("colours", "green", "amber", "red"))
        blocks: list[Block] = [
            Note(legend),
            Grid(
                (self.b("principle"), *colours, self.b("evidence")),
                rows,
                (62, 18, 18, 18, 64),
                blank_col=4,
                min_height=24,
                bold_first_line=0,
            ),
            PageBreak(),
            Heading(self.b("changed")),
            Lines(9),
            Heading(self.b("next")),
            Lines(9),
        ]
        extra = (self.b("partner"), self.b("review_this"), self.b("review_last"))
        return self.sheet(5, "health", blocks, extra=extra)

    def all(self) -> list[Worksheet]:
        return [self.needs(), self.partner_map(), self.plan(), self.agreement(), self.health()]


def _check_lang(lang: str | None) -> str:
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def blank_worksheets(lang: str | None = None) -> list[Worksheet]:
    """Describe the five blank worksheets from the catalogue, in one language.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language of titles, labels and help; the current language when omitted.

    Returns
    -------
    list of Worksheet
        1 needs inventory (per aspect its typical components and three empty rows,
        then a priority table), 2 partner map (drawing area with legend, table of
        candidate partners, empty power-interest grid), 3 partnership plan (partner,
        aspects, pattern, goal, what each side gives and gets, an activity table per
        planned stage, sustaining techniques), 4 agreement checklist (one row per
        clause, parties, duration, signatures), 5 health check (one row per
        principle with red, amber and green boxes, and lines for what changed).

    Raises
    ------
    ValueError
        If `lang` is unknown.
    CatalogueError
        If the packaged catalogue is broken.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I C and E, Bab II A-D.

    Examples
    --------
    >>> [w.title for w in blank_worksheets("en")][:2]
    ['Needs inventory', 'Partner map']
    """
    return _Builder(_check_lang(lang)).all()


def blank_file_stems(lang: str | None = None) -> tuple[str, ...]:
    """File names (no extension) of the five worksheets and, last, of the combined file.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Returns
    -------
    tuple of str
        Six names, e.g. ``"1-inventaris-kebutuhan"`` ... ``"lembar-kerja-kosong-lengkap"``.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    return _STEMS[_check_lang(lang)]


# ----------------------------------------------------------------- PDF writer
def build_blank_pdf(sheets: Sequence[Worksheet], *, title: str | None = None) -> bytes:
    """Lay out worksheets on A4 pages as one PDF (fpdf2 with DejaVu Sans).

    Parameters
    ----------
    sheets : sequence of Worksheet
        Worksheets from :func:`blank_worksheets`, in print order; each starts on a new
        page, turned when :attr:`Worksheet.landscape` is set.
    title : str, optional
        Document title; the first worksheet's title when omitted.

    Returns
    -------
    bytes
        A PDF (starts with ``b"%PDF"``); text at least 9 pt, empty rows at least 8 mm
        high; the creation date is :data:`FIXED_DATE`, so the same worksheets give the
        same bytes.

    Raises
    ------
    ValueError
        If `sheets` is empty.
    """
    if not sheets:
        raise ValueError("no worksheets to lay out")
    return _PdfWriter(title or sheets[0].title, sheets[0].lang).render(sheets)


# ----------------------------------------------------------------- DOCX writer
def build_blank_docx(sheets: Sequence[Worksheet], *, title: str | None = None):
    """Lay out worksheets in a Word document (python-docx), A4 with 2 cm margins.

    Parameters
    ----------
    sheets : sequence of Worksheet
        Worksheets from :func:`blank_worksheets`, in print order; each starts a new
        section (new page), landscape when :attr:`Worksheet.landscape` is set.
    title : str, optional
        Document title; the first worksheet's title when omitted.

    Returns
    -------
    docx.document.Document
        "Table Grid" tables with shaded header rows repeated on every page; core
        properties (title, author, dates = :data:`FIXED_DATE`) fixed.

    Raises
    ------
    ValueError
        If `sheets` is empty.
    """
    if not sheets:
        raise ValueError("no worksheets to lay out")
    return _DocxWriter(title or sheets[0].title, sheets[0].lang).render(sheets)


def docx_bytes(doc) -> bytes:
    """Save a python-docx document to bytes with every ZIP entry dated :data:`FIXED_DATE`.

    Parameters
    ----------
    doc : docx.document.Document
        The document.

    Returns
    -------
    bytes
        The ``.docx`` file; the same document gives the same bytes on every run.
    """
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    stamp = FIXED_DATE.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def _render(sheets: list[Worksheet], fmt: str, title: str) -> bytes:
    if fmt == "pdf":
        return build_blank_pdf(sheets, title=title)
    return docx_bytes(build_blank_docx(sheets, title=title))


def write_blank_worksheets(
    folder: Path | str,
    *,
    lang: str | None = None,
    formats: Sequence[str] = BLANK_FORMATS,
) -> list[Path]:
    """Write each blank worksheet and one combined file per format into a folder.

    Every file is built in memory first and only then written, each atomically: when a
    builder fails, no file is written or changed.

    Parameters
    ----------
    folder : path-like
        Target folder, created when missing.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.
    formats : sequence of {"pdf", "docx"}, default ("pdf", "docx")
        Formats to write.

    Returns
    -------
    list of pathlib.Path
        Per format: the five worksheets (e.g. ``1-inventaris-kebutuhan.pdf``) then the
        combined file (``lembar-kerja-kosong-lengkap.pdf``); 12 paths for both formats.

    Raises
    ------
    ValueError
        If a format or `lang` is unknown (nothing is written then).
    OSError
        If the folder cannot be created or a file cannot be written; files written
        before stay complete, the failing one is left as it was.
    """
    unknown = [f for f in formats if f not in BLANK_FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(BLANK_FORMATS)}")
    lang = _check_lang(lang)
    sheets = blank_worksheets(lang)
    combined = (_STEMS[lang][-1], translate(COMBINED_TITLE, lang), sheets)
    jobs = [(s.stem, s.title, [s]) for s in sheets] + [combined]
    files = {
        Path(folder) / f"{stem}.{fmt}": _render(group, fmt, title)
        for fmt in formats
        for stem, title, group in jobs
    }
    Path(folder).mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        write_target(path, data)
    return list(files)


# ----------------------------------------------------------------- layout: shared
def _pack(widths: Sequence[float], total: float, per_row: int = 3) -> list[list[int]]:
    """Group items of the given least widths into rows of at most `per_row` within `total`."""
    rows: list[list[int]] = [[]]
    for i, width in enumerate(widths):
        row = rows[-1]
        if row and (len(row) == per_row or sum(widths[j] for j in row) + width > total):
            rows.append(row := [])
        row.append(i)
    return rows


# ----------------------------------------------------------------- layout: PDF
_FONT = "DejaVu"
_BLUE = (0, 114, 178)
_HEAD_FILL = (221, 235, 247)
_LABEL_FILL = (243, 246, 250)
_GREY = 90
#: Tints of the power-interest quadrants, in reading order (top left first).
_QUADRANT_FILLS = ((253, 243, 231), (230, 241, 250), (243, 243, 243), (232, 246, 240))
_QUADRANT_HEX = tuple("{:02X}{:02X}{:02X}".format(*c) for c in _QUADRANT_FILLS)


class _BlankPDF(FPDF):
    """An A4 FPDF with the DejaVu fonts, a fixed creation date and a footer."""

    def __init__(self, title: str, lang: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.add_font(_FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(_FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_font(_FONT, size=10)
        self.set_title(title)
        self.set_author("kemitraan-toolkit")
        self.set_creator("kemitraan-toolkit")
        self.set_lang(lang)
        self.set_creation_date(FIXED_DATE)
        self.alias_nb_pages()
        self.page_label = translate(_M["page"], lang)
        self.sheet_title = title

    def footer(self) -> None:  # noqa: D102 - fpdf2 hook
        self.set_y(-11)
        self.set_font(_FONT, size=9)
        self.set_text_color(_GREY)
        page = self.page_label.format(page=self.page_no(), pages="{nb}")
        self.cell(0, 5, f"{self.sheet_title} · {page}", align="C")
        self.set_text_color(0)


class _PdfWriter:
    """Lays the blocks of worksheets out on a :class:`_BlankPDF`."""

    def __init__(self, title: str, lang: str) -> None:
        self.pdf, self.turn = _BlankPDF(title, lang), "P"

    def render(self, sheets: Sequence[Worksheet]) -> bytes:
        for sheet in sheets:
            self.turn = "L" if sheet.landscape else "P"
            self.pdf.add_page(orientation=self.turn)
            self.pdf.sheet_title = f"{sheet.kicker} · {sheet.title}"
            self.title_block(sheet)
            for i, block in enumerate(sheet.blocks):
                if isinstance(block, Heading):
                    self.room(self.keep(sheet.blocks[i:]))  # with what follows it
                elif isinstance(block, Grid) and self.height(block) <= _KEEP_WHOLE:
                    self.room(self.height(block))  # a small table is never split
                getattr(self, f"_{type(block).__name__.lower()}")(block)
        return bytes(self.pdf.output())

    def keep(self, blocks: Sequence[object]) -> float:
        """Return the room (mm) a heading needs to stay with what follows it.

        That is itself, the headings and notes right after it, and the next other
        block (a table up to :data:`_KEEP_WHOLE` mm).
        """
        needed = 0.0
        for block in blocks:
            if not isinstance(block, Heading | Note):
                return needed + min(self.height(block), _KEEP_WHOLE)
            needed += self.height(block)
        return needed

    def height(self, block: object) -> float:
        """Estimate the height of a block in millimetres (0 for none or a page break)."""
        if isinstance(block, Grid):
            return 11 + sum(self._row_height(block, row) for row in block.rows)
        if isinstance(block, Fields):
            return 3 + sum(max(block.min_height, 7.6) for _row in block.rows)
        if isinstance(block, Note | Heading):
            return 12
        if isinstance(block, Lines):
            return 9 * min(block.count, 3)
        if isinstance(block, FillIn):
            return 11
        if isinstance(block, DrawingArea | QuadrantGrid | Signatures):
            return 60
        return 0

    def _row_height(self, block: Grid, row: tuple[str, ...]) -> float:
        """Estimate a grid row's height: its tallest cell's lines at 4.4 mm, or the least."""
        self.pdf.set_font(_FONT, "", 9)
        total = sum(block.widths)
        lines = 1
        for text, width in zip(row, block.widths, strict=True):
            room = self.pdf.epw * width / total - 2.4  # the cell's padding
            count = sum(
                max(1, math.ceil(self.pdf.get_string_width(part) * 1.1 / room))
                for part in text.split("\n")
            )
            lines = max(lines, count)
        return max(block.min_height, lines * 4.4 + 2.4)

    def room(self, needed: float) -> None:
        """Start a new page unless `needed` millimetres are left on this one."""
        if self.pdf.get_y() + needed > self.pdf.page_break_trigger:
            self.pdf.add_page(orientation=self.turn)

    def title_block(self, sheet: Worksheet) -> None:
        pdf = self.pdf
        pdf.set_font(_FONT, "B", 9)
        pdf.set_text_color(*_BLUE)
        pdf.cell(0, 5, sheet.kicker.upper(), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.set_font(_FONT, "B", 17)
        pdf.multi_cell(0, 8, sheet.title, new_x="LMARGIN", new_y="NEXT")
        y = pdf.get_y() + 1
        pdf.set_draw_color(*_BLUE)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.set_draw_color(0)
        pdf.set_line_width(0.2)
        pdf.ln(3)
        self._fillin(sheet.header)
        self._note(Note(sheet.intro, boxed=True))

    def _heading(self, block: Heading) -> None:
        size = 13 if block.level == 1 else 11
        self.room(40)
        self.pdf.ln(2)
        self.pdf.set_font(_FONT, "B", size)
        self.pdf.set_text_color(*(_BLUE if block.level == 1 else (0, 0, 0)))
        self.pdf.multi_cell(0, size * 0.5, block.text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_text_color(0)
        self.pdf.ln(1.5)

    def _note(self, block: Note) -> None:
        pdf = self.pdf
        pdf.set_font(_FONT, "", 9.5)
        if block.boxed:
            pdf.set_fill_color(*_LABEL_FILL)
            pdf.multi_cell(
                0, 4.6, block.text, fill=True, padding=2.5, align="L", new_x="LMARGIN", new_y="NEXT"
            )
            pdf.set_fill_color(255)
            pdf.ln(3)
        else:
            pdf.set_text_color(50)
            pdf.multi_cell(0, 4.6, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
            pdf.ln(1.5)

    def _fillin(self, block: FillIn) -> None:
        """Labels with lines, at most three a row; a line is at least 30 mm long."""
        pdf = self.pdf
        pdf.set_font(_FONT, "B", 10)
        texts = [f"{label}:" for label in block.labels]
        needs = [pdf.get_string_width(t) + 2 + 30 + 5 for t in texts]
        for row in _pack(needs, pdf.epw):
            y, x = pdf.get_y(), pdf.l_margin
            spare = (pdf.epw - sum(needs[i] for i in row)) / len(row)
            for i in row:
                width = needs[i] + spare
                pdf.set_xy(x, y)
                pdf.cell(pdf.get_string_width(texts[i]) + 2, 8, texts[i])
                pdf.line(pdf.get_x(), y + 6.5, x + width - 5, y + 6.5)
                x += width
            pdf.set_xy(pdf.l_margin, y + 10)
        pdf.ln(1)

    def _grid(self, block: Grid) -> None:
        pdf = self.pdf
        self.room(block.min_height * 2 + 10)
        pdf.set_font(_FONT, "", 9)
        pdf.set_fill_color(255)
        header = FontFace(emphasis="BOLD", fill_color=_HEAD_FILL)
        with pdf.table(
            col_widths=block.widths,
            headings_style=header,
            line_height=4.4,
            text_align="LEFT",
            v_align="MIDDLE",
            repeat_headings=1,
            padding=1.2,
            markdown=block.bold_first_line is not None,
        ) as table:
            table.row(block.headers, min_height=8)
            for values in block.rows:
                row = table.row(min_height=block.min_height)
                for i, value in enumerate(values):
                    if i == block.bold_first_line and value:
                        title, _, rest = value.partition("\n")
                        row.cell(f"**{title}**\n{rest}" if rest else f"**{title}**")
                    else:
                        row.cell(value)
        pdf.ln(3)

    def _fields(self, block: Fields) -> None:
        pdf = self.pdf
        pdf.set_font(_FONT, "", 9.5)
        label = FontFace(emphasis="BOLD", fill_color=_LABEL_FILL)
        with pdf.table(
            col_widths=(32, 68),
            first_row_as_headings=False,
            line_height=4.6,
            text_align="LEFT",
            v_align="MIDDLE",
            padding=1.5,
        ) as table:
            for name, value in block.rows:
                row = table.row(min_height=block.min_height)
                row.cell(name, style=label)
                row.cell(value)
        pdf.set_fill_color(255)
        pdf.ln(3)

    def _lines(self, block: Lines) -> None:
        pdf = self.pdf
        pdf.set_draw_color(150)
        for _ in range(block.count):
            self.room(9)
            y = pdf.get_y() + 8
            pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
            pdf.set_y(y)
        pdf.set_draw_color(0)
        pdf.ln(4)

    def _drawingarea(self, block: DrawingArea) -> None:
        pdf, legend_w = self.pdf, 80
        x0, y0 = pdf.l_margin, pdf.get_y() + 1
        width = pdf.epw - legend_w - 5
        height = min(block.height, pdf.page_break_trigger - y0 - 2)
        pdf.set_draw_color(120)
        pdf.rect(x0, y0, width, height)
        cx, cy = x0 + width / 2, y0 + height / 2
        pdf.set_draw_color(215)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1.5, gap=1.5)
            for radius in (height * 0.27, height * 0.45):
                pdf.circle(cx, cy, radius)
        pdf.set_draw_color(*_BLUE)
        pdf.set_line_width(0.6)
        pdf.set_fill_color(255)
        pdf.circle(cx, cy, 13, style="DF")
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0)
        pdf.set_font(_FONT, "B", 14)
        pdf.set_xy(cx - 13, cy - 4)
        pdf.cell(26, 8, block.centre, align="C")
        x = x0 + width + 5
        pdf.set_xy(x, y0)
        for heading, items in block.legend:
            pdf.set_x(x)
            pdf.set_font(_FONT, "B", 9.5)
            pdf.multi_cell(legend_w, 5, heading, new_x="LEFT", new_y="NEXT")
            pdf.set_font(_FONT, "", 9)
            for item in items:
                pdf.multi_cell(legend_w, 4.3, item, new_x="LEFT", new_y="NEXT")
            pdf.ln(2.5)
        pdf.set_xy(pdf.l_margin, y0 + height + 3)

    def _quadrantgrid(self, block: QuadrantGrid) -> None:
        pdf = self.pdf
        x0, y0 = pdf.l_margin + 10, pdf.get_y() + 2
        width, height = pdf.epw - 10, pdf.page_break_trigger - y0 - 12
        half_w, half_h = width / 2, height / 2
        for i, (title, advice) in enumerate(block.quadrants):
            x, y = x0 + (i % 2) * half_w, y0 + (i // 2) * half_h
            pdf.set_fill_color(*_QUADRANT_FILLS[i])
            pdf.set_draw_color(120)
            pdf.rect(x, y, half_w, half_h, style="DF")
            pdf.set_xy(x + 3, y + 3)
            pdf.set_font(_FONT, "B", 11)
            pdf.multi_cell(half_w - 6, 5.5, title, new_x="LEFT", new_y="NEXT")
            pdf.set_font(_FONT, "", 9.5)
            pdf.set_text_color(_GREY)
            pdf.multi_cell(half_w - 6, 4.6, advice, new_x="LEFT", new_y="NEXT")
            pdf.set_text_color(0)
        pdf.set_draw_color(0)
        pdf.set_font(_FONT, "B", 9.5)
        with pdf.rotation(90, x0 - 3, y0 + height):
            pdf.text(x0 - 3, y0 + height, block.y_label + "  →")
        pdf.set_xy(x0, y0 + height + 2)
        pdf.cell(width, 6, block.x_label + "  →", align="R")
        pdf.set_xy(pdf.l_margin, y0 + height + 9)

    def _signatures(self, block: Signatures) -> None:
        pdf = self.pdf
        self.room(60)
        pdf.ln(4)
        pdf.set_font(_FONT, "", 10)
        pdf.multi_cell(0, 5, block.place, new_x="LMARGIN", new_y="NEXT")
        width, y = pdf.epw / len(block.parties), pdf.get_y() + 3
        for i, role in enumerate(block.parties):
            x = pdf.l_margin + i * width
            pdf.set_xy(x, y)
            pdf.set_font(_FONT, "B", 10)
            pdf.multi_cell(width - 6, 5, role, align="C")
            pdf.line(x + 8, y + 32, x + width - 14, y + 32)
            pdf.set_xy(x, y + 33)
            pdf.set_font(_FONT, "", 9)
            pdf.multi_cell(width - 6, 4.5, block.sign_name, align="C")
        pdf.set_xy(pdf.l_margin, y + 45)

    def _pagebreak(self, block: PageBreak) -> None:
        self.pdf.add_page(orientation=self.turn)


# ----------------------------------------------------------------- layout: DOCX
def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _set_cell(cell, text: str, *, bold=False, size=9.5, colour=None) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour)


def _only_horizontal_borders(table) -> None:
    """Draw only the lines under the rows (ruled writing lines)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        ruled = edge in ("bottom", "insideH")
        el.set(qn("w:val"), "single" if ruled else "nil")
        if ruled:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "969696")
        borders.append(el)
    table._tbl.tblPr.append(borders)


class _DocxWriter:
    """Lays the blocks of worksheets out in a python-docx document."""

    def __init__(self, title: str, lang: str) -> None:
        self.doc, self.width, self.break_next = Document(), 17.0, False
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = "Calibri", Pt(10.5)
        self.doc.styles["Title"].font.size = Pt(22)
        props = self.doc.core_properties
        props.title, props.author, props.language = title, "kemitraan-toolkit", lang
        props.last_modified_by, props.revision = "kemitraan-toolkit", 1
        stamp = FIXED_DATE.replace(tzinfo=None)
        props.created = props.modified = props.last_printed = stamp

    def render(self, sheets: Sequence[Worksheet]):
        for i, sheet in enumerate(sheets):
            section = self.doc.sections[0] if i == 0 else self.doc.add_section(WD_SECTION.NEW_PAGE)
            self.page(section, sheet)
            self.title_block(sheet)
            for block in sheet.blocks:
                getattr(self, f"_{type(block).__name__.lower()}")(block)
        return self.doc

    def page(self, section, sheet: Worksheet) -> None:
        long, short = Mm(297), Mm(210)
        if sheet.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = long, short
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = short, long
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
        self.width = (section.page_width - section.left_margin - section.right_margin) / Cm(1)
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.text = ""
        run = paragraph.add_run(f"{sheet.kicker} · {sheet.title}")
        run.font.size, run.font.color.rgb = Pt(9), RGBColor(0x5A, 0x5A, 0x5A)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def paragraph(self, text: str = "", *, size=10.5, bold=False, colour=None, style=None):
        p = self.doc.add_paragraph(style=style)
        if text:
            run = p.add_run(text)
            run.bold, run.font.size = bold, Pt(size)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
        if self.break_next:
            p.paragraph_format.page_break_before, self.break_next = True, False
        return p

    def title_block(self, sheet: Worksheet) -> None:
        p = self.paragraph(sheet.kicker.upper(), size=9, bold=True, colour="0072B2")
        p.paragraph_format.space_after = Pt(0)
        self.doc.add_heading(sheet.title, level=0)
        self._fillin(sheet.header)
        self._note(Note(sheet.intro, boxed=True))

    def table(self, rows: int, cols: int, widths: Sequence[float]):
        t = self.doc.add_table(rows=rows, cols=cols)
        t.style, t.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        total = sum(widths)
        for col, width in zip(t.columns, widths, strict=True):
            col.width = Cm(self.width * width / total)  # the grid, read by LibreOffice
            for cell in col.cells:
                cell.width = col.width  # the cells, read by Word
        return t

    def spacer(self) -> None:
        self.paragraph().paragraph_format.space_after = Pt(2)

    def _heading(self, block: Heading) -> None:
        h = self.doc.add_heading(block.text, level=block.level)
        h.paragraph_format.keep_with_next = True  # never alone at a page's foot
        if self.break_next:
            h.paragraph_format.page_break_before, self.break_next = True, False

    def _note(self, block: Note) -> None:
        p = self.paragraph(block.text, size=9.5, colour=None if block.boxed else "323232")
        p.paragraph_format.keep_with_next = True  # a note explains what follows it
        if block.boxed:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), "F3F6FA")
            p._p.get_or_add_pPr().append(shading)
            p.paragraph_format.space_after = Pt(8)

    def _fillin(self, block: FillIn) -> None:
        """One table per row of fields: a shaded label, then a blank cell to write in."""
        labels = [self.cm(label) + 0.6 for label in block.labels]  # cell margins
        needs = [width + 3.0 for width in labels]
        for row in _pack(needs, self.width):
            spare = (self.width - sum(labels[i] for i in row)) / len(row)
            t = self.table(1, 2 * len(row), [w for i in row for w in (labels[i], spare)])
            t.rows[0].height, t.rows[0].height_rule = Cm(0.9), WD_ROW_HEIGHT_RULE.AT_LEAST
            for k, i in enumerate(row):
                cell = t.rows[0].cells[2 * k]
                _set_cell(cell, block.labels[i], bold=True, size=10)
                _shade(cell, "F3F6FA")
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        self.spacer()

    @staticmethod
    def cm(text: str) -> float:
        """Estimate the width of `text` in 10 pt bold Calibri, in centimetres."""
        return 0.23 * len(text) + 0.3

    def _grid(self, block: Grid) -> None:
        t = self.table(1, len(block.headers), block.widths)
        for cell, header in zip(t.rows[0].cells, block.headers, strict=True):
            _set_cell(cell, header, bold=True, size=9)
            _shade(cell, "DDEBF7")
        _repeat_header(t.rows[0])
        for values in block.rows:
            row = t.add_row()
            row.height, row.height_rule = Mm(block.min_height), WD_ROW_HEIGHT_RULE.AT_LEAST
            for cell, col in zip(row.cells, t.columns, strict=True):
                cell.width = col.width
            for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                if i == block.bold_first_line and value:
                    title, _, rest = value.partition("\n")
                    _set_cell(cell, title, bold=True)
                    if rest:
                        cell.paragraphs[0].add_run("\n" + rest).font.size = Pt(9.5)
                else:
                    _set_cell(cell, value)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        if len(block.rows) <= _KEEP_ROWS:  # a small table stays on one page (Word's way)
            for row in t.rows[:-1]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        self.spacer()

    def _fields(self, block: Fields) -> None:
        t = self.table(len(block.rows), 2, [32, 68])
        for row, (label, value) in zip(t.rows, block.rows, strict=True):
            row.height, row.height_rule = Mm(block.min_height), WD_ROW_HEIGHT_RULE.AT_LEAST
            _set_cell(row.cells[0], label, bold=True)
            _shade(row.cells[0], "F3F6FA")
            _set_cell(row.cells[1], value)
            for cell in row.cells:
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        self.spacer()

    def _lines(self, block: Lines) -> None:
        t = self.doc.add_table(rows=block.count, cols=1)
        _only_horizontal_borders(t)
        for row in t.rows:
            row.height, row.height_rule = Mm(8), WD_ROW_HEIGHT_RULE.EXACTLY
        self.spacer()

    def _drawingarea(self, block: DrawingArea) -> None:
        legend_cm = 7.0
        t = self.table(1, 2, [self.width - legend_cm, legend_cm])
        row = t.rows[0]
        row.height, row.height_rule = Mm(min(block.height, 105)), WD_ROW_HEIGHT_RULE.EXACTLY
        box, legend = row.cells
        box.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        p = box.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(_circle_png(block.centre)), width=Cm(3))
        legend.text = ""
        first = True
        for heading, items in block.legend:
            p = legend.paragraphs[0] if first else legend.add_paragraph()
            p.paragraph_format.space_before = Pt(0 if first else 6)
            first = False
            run = p.add_run(heading)
            run.bold, run.font.size = True, Pt(9.5)
            for item in items:
                q = legend.add_paragraph()
                q.paragraph_format.space_after = Pt(0)
                q.add_run(item).font.size = Pt(9)
        self.spacer()

    def _quadrantgrid(self, block: QuadrantGrid) -> None:
        self.paragraph("↑ " + block.y_label, size=9.5, bold=True)
        t = self.table(2, 2, [1, 1])
        for i, (title, advice) in enumerate(block.quadrants):
            row = t.rows[i // 2]
            row.height, row.height_rule = Cm(5.8), WD_ROW_HEIGHT_RULE.EXACTLY
            cell = row.cells[i % 2]
            _set_cell(cell, title, bold=True, size=11)
            cell.add_paragraph().add_run(advice).font.size = Pt(9.5)
            _shade(cell, _QUADRANT_HEX[i])
        p = self.paragraph(block.x_label + " →", size=9.5, bold=True)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _signatures(self, block: Signatures) -> None:
        self.paragraph(block.place).paragraph_format.space_before = Pt(12)
        sign = self.doc.add_table(rows=2, cols=len(block.parties))
        for i, role in enumerate(block.parties):
            top, bottom = sign.rows[0].cells[i], sign.rows[1].cells[i]
            _set_cell(top, role, bold=True, size=10)
            _set_cell(bottom, "\n\n\n\n" + "_" * 30 + "\n" + block.sign_name, size=9)
            for cell in (top, bottom):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _pagebreak(self, block: PageBreak) -> None:
        last = self.doc.element.body[-2]  # [-1] is the section properties
        if last.tag == qn("w:p") and not last.xpath("string(.)") and not last.xpath(".//w:sectPr"):
            self.doc.element.body.remove(last)  # the spacer would spill onto an empty page
        self.break_next = True


@cache
def _circle_png(text: str) -> bytes:
    """Draw the blue circle with `text` in it (the LKP at the map's centre) as a PNG."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    fig = Figure(figsize=(1.2, 1.2), dpi=200)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    ax.add_patch(Circle((0.5, 0.5), 0.46, facecolor="white", linewidth=2.5, edgecolor="#0072B2"))
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=15, fontweight="bold")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
