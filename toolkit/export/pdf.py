"""The plan worksheet and draft agreements as an A4 PDF (fpdf2 with DejaVu Sans).

fpdf2's built-in fonts know only Latin-1, so the text is set in matplotlib's own
DejaVu Sans (regular and bold, found with :func:`matplotlib.get_data_path`), which
covers Indonesian text, dashes and arrows. DejaVu has no emoji: they are replaced
by a short note (see :func:`toolkit.export._text.clean_text`), as is any other
character the font lacks.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from ..model import Group, Partnership
from ._content import HEADINGS, Content, Table
from ._io import Target, write_target
from .docx import _picture_size

__all__ = ["FONT_DIR", "build_plan_pdf", "write_plan_pdf"]

#: Folder of the DejaVu fonts shipped with matplotlib.
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_FONT = "DejaVu"
_HEADER = FontFace(emphasis="BOLD", fill_color=(221, 235, 247))
#: Most printed lines of one table row; a longer text goes on in the next row (fits a page).
_CHUNK_LINES = 20


@cache
def _font_chars() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(FONT_DIR / "DejaVuSans.ttf").getBestCmap())


class _PlanPDF(FPDF):
    """An A4 FPDF with the DejaVu fonts and a page-numbered footer."""

    def __init__(self, c: Content) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.content = c
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_font(_FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(_FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_font(_FONT, size=10)
        self.set_title(f"{c.title} - {c.group_name}")
        self.set_creator("kemitraan-toolkit")
        self.set_lang(c.lang)
        self.alias_nb_pages()

    def footer(self) -> None:  # noqa: D102 - fpdf2 hook
        self.set_y(-12)
        self.set_font(_FONT, size=8)
        self.set_text_color(90)
        page = self.content.m("page", page=self.page_no(), pages="{nb}")
        self.cell(0, 5, f"{self.content.group_name} · {page}", align="C")
        self.set_text_color(0)


class _Writer:
    """Lays out the worksheet's sections on a :class:`_PlanPDF`."""

    def __init__(self, c: Content) -> None:
        self.c, self.pdf = c, _PlanPDF(c)
        self.chars = _font_chars()
        self.note = c.clean("\U0001f600")  # the translated emoji note

    def fit(self, text: str) -> str:
        """Replace characters DejaVu cannot draw by the note."""
        return "".join(ch if ord(ch) in self.chars or ch in "\n\t" else self.note for ch in text)

    def heading(self, text: str, level: int = 1) -> None:
        size = {0: 17, 1: 14, 2: 11.5, 3: 10.5}[level]
        self.pdf.set_font(_FONT, "B", size)
        if self.pdf.get_y() > self.pdf.h - 45:  # keep a heading with what follows
            self.pdf.add_page()
        self.pdf.ln(2 if level > 1 else 3)
        self.pdf.multi_cell(0, size * 0.5, self.fit(text), align="L")
        if level == 1:
            y = self.pdf.get_y() + 0.5
            self.pdf.set_draw_color(0, 114, 178)
            self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
            self.pdf.set_draw_color(0)
        self.pdf.ln(2)
        self.pdf.set_font(_FONT, "", 10)

    def paragraph(self, text: str, size: float = 10) -> None:
        self.pdf.set_font(_FONT, "", size)
        self.pdf.multi_cell(0, size * 0.5, self.fit(text))
        self.pdf.ln(1.5)

    def _split(self, cells: list[str], widths: list[float], size: float) -> list[list[str]]:
        """Cut a row whose cells are taller than :data:`_CHUNK_LINES` lines into several rows.

        fpdf2 cannot break one table row across pages (it refuses a row taller than a
        page), so a long text (up to 10,000 characters) goes on in the next rows, in
        pieces of at most :data:`_CHUNK_LINES` printed lines, each of which fits a page.
        """
        em = size * 0.3528  # mm; no DejaVu letter is wider than 1.2 em
        if all(
            2 * len(text) * 1.2 * em / width + text.count("\n") + 1 <= _CHUNK_LINES
            for text, width in zip(cells, widths, strict=True)
        ):
            return [cells]  # surely short: measuring every cell would be slow
        self.pdf.set_font(_FONT, "", size)
        lines = [
            self.pdf.multi_cell(width, size * 0.5, text, dry_run=True, output="LINES")
            if text
            else [""]
            for text, width in zip(cells, widths, strict=True)
        ]
        longest = max(len(x) for x in lines)
        if longest <= _CHUNK_LINES:
            return [cells]
        return [
            ["\n".join(x[k : k + _CHUNK_LINES]) for x in lines]
            for k in range(0, longest, _CHUNK_LINES)
        ]

    def _mm(self, widths: tuple[float, ...] | None, n: int) -> list[float]:
        """Column widths in mm on the full text width (equal when `widths` is None)."""
        widths = widths or (1,) * n
        return [self.pdf.epw * w / sum(widths) for w in widths]

    def table(self, table: Table, *, size: float = 8) -> None:
        self.pdf.set_font(_FONT, "", size)
        widths = tuple(table.widths) if len(table.widths) == len(table.headers) else None
        mm = self._mm(widths, len(table.headers))
        with self.pdf.table(
            col_widths=widths,
            headings_style=_HEADER,
            line_height=size * 0.5,
            text_align="LEFT",
            repeat_headings=1,
        ) as t:
            t.row([self.fit(h) for h in table.headers])
            for row in table.rows:
                for part in self._split([self.fit(self.c.text(v)) for v in row], mm, size):
                    t.row(part)
        self.pdf.ln(3)
        self.pdf.set_font(_FONT, "", 10)

    def fields(self, rows: list[tuple[str, object]]) -> None:
        self.pdf.set_font(_FONT, "", 9)
        mm = self._mm((32, 68), 2)
        label_style = FontFace(emphasis="BOLD", fill_color=(243, 246, 250))
        with self.pdf.table(
            col_widths=(32, 68), first_row_as_headings=False, line_height=4.5, text_align="LEFT"
        ) as t:
            for label, value in rows:
                parts = self._split([self.fit(label), self.fit(self.c.text(value))], mm, 9)
                for k, (label_part, text) in enumerate(parts):
                    row = t.row()
                    row.cell(label_part if k == 0 else "", style=label_style)
                    row.cell(text)
        self.pdf.ln(3)
        self.pdf.set_font(_FONT, "", 10)

    def figures(self) -> None:
        for caption, png in self.c.figures():
            self.pdf.add_page()
            self.heading(caption, 1)
            room = self.pdf.h - self.pdf.b_margin - self.pdf.get_y() - 1
            width, height = _picture_size(png, self.pdf.epw, room)  # whole, under its heading
            x = self.pdf.l_margin + (self.pdf.epw - width) / 2
            self.pdf.image(io.BytesIO(png), x=x, w=width, h=height)

    def partnership(self, p: Partnership) -> None:
        self.pdf.add_page()
        self.heading(self.c.partnership_title(p), 1)
        self.fields(self.c.partnership_fields(p)[1:])
        self.heading(self.c.t(HEADINGS["schedule"]), 2)
        self.table(self.c.activities(p))
        self.heading(self.c.t(HEADINGS["sustaining"]), 2)
        self.table(self.c.sustaining(p))

    def agreement(self, p: Partnership) -> None:
        a = self.c.agreement(p)
        self.pdf.add_page()
        self.heading(a.title, 1)
        self.paragraph(a.intro)
        self.fields(a.parties + a.terms)
        for heading, text in a.clauses:
            self.heading(heading, 3)
            self.paragraph(text)
        if self.pdf.get_y() > self.pdf.h - 75:
            self.pdf.add_page()
        self.pdf.ln(4)
        self.paragraph(a.place)
        self.signatures(a.parties, a.sign_name)

    def signatures(self, parties: list[tuple[str, str]], sign_name: str) -> None:
        width, y = self.pdf.epw / 2, self.pdf.get_y() + 2
        for i, (role, name) in enumerate(parties):
            x = self.pdf.l_margin + i * width
            self.pdf.set_xy(x, y)
            self.pdf.set_font(_FONT, "B", 10)
            self.pdf.multi_cell(width - 6, 5, self.fit(role), align="C")
            self.pdf.set_x(x)
            self.pdf.set_font(_FONT, "", 9)
            self.pdf.multi_cell(width - 6, 4.5, self.fit(name), align="C")
            self.pdf.line(x + 6, y + 38, x + width - 12, y + 38)
            self.pdf.set_xy(x, y + 39)
            self.pdf.multi_cell(width - 6, 4.5, self.fit(sign_name), align="C")
        self.pdf.set_y(y + 50)

    def build(self) -> FPDF:
        c = self.c
        self.pdf.add_page()
        self.heading(c.title, 0)
        self.paragraph(f"{c.group_name} · {c.m('generated', date=c.date(c.today))}", 9)
        self.heading(c.t(HEADINGS["profile"]), 1)
        self.fields(c.profile())
        self.heading(c.t(HEADINGS["needs"]), 1)
        self.table(c.needs())
        self.pdf.add_page()
        self.heading(c.t(HEADINGS["partners"]), 1)
        self.table(c.partners(), size=7)
        self.heading(c.t(HEADINGS["links"]), 2)
        self.table(c.links())
        self.figures()
        for p in c.group.plan.partnerships:
            self.partnership(p)
            self.agreement(p)
        if findings := c.principle_findings():
            self.pdf.add_page()
            self.heading(c.t(HEADINGS["principles"]), 1)
            for finding in findings:
                self.paragraph(f"• {finding}")
        return self.pdf


def build_plan_pdf(group: Group, *, lang: str | None = None) -> bytes:
    """Build the plan worksheet with the draft agreements as an A4 PDF.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    lang : {"id", "en"}, optional
        Language of headings, labels and dates; the current language when omitted.

    Returns
    -------
    bytes
        A PDF (starts with ``b"%PDF"``) with the same content as the Word document;
        emoji are replaced by a note.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    c = Content(group, lang=lang, keep_emoji=False)
    return bytes(_Writer(c).build().output())


def write_plan_pdf(group: Group, target: Target, *, lang: str | None = None) -> None:
    """Write the plan worksheet as ``.pdf`` to a path (atomically) or a binary file.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    target : path-like or binary file object
        Where to write.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.
    """
    write_target(target, build_plan_pdf(group, lang=lang))
