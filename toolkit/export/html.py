"""The plan worksheet as one printable HTML page (Jinja2, every value escaped).

The page is laid out for A4 (CSS ``@page``), each section starting on a new printed
page; the partner map and the influence-interest grid are embedded as base64 PNG,
so the file works offline and can be sent as one attachment.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..model import Group
from ._content import HEADINGS, Content, Table
from ._io import Target, write_target

__all__ = ["build_plan_html", "write_plan_html"]

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _cells(c: Content, table: Table) -> dict:
    """Turn a table's raw values into display text, numbers marked for alignment."""
    rows = [
        [
            {"text": c.text(v), "num": isinstance(v, int | float) and not isinstance(v, bool)}
            for v in row
        ]
        for row in table.rows
    ]
    return {"headers": table.headers, "rows": rows}


def _fields(c: Content, rows: list[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(label, c.text(value)) for label, value in rows]


def _context(c: Content) -> dict:
    partnerships = [
        {
            "title": c.partnership_title(p),
            "fields": _fields(c, c.partnership_fields(p)[1:]),
            "activities": _cells(c, c.activities(p)),
            "sustaining": _cells(c, c.sustaining(p)),
            "agreement": c.agreement(p),
        }
        for p in c.group.plan.partnerships
    ]
    figures = [(caption, base64.b64encode(png).decode("ascii")) for caption, png in c.figures()]
    return {
        "lang": c.lang,
        "title": c.title,
        "group_name": c.group_name,
        "made_on": c.m("generated", date=c.date(c.today)),
        "headings": {key: c.t(msg) for key, msg in HEADINGS.items()},
        "profile": _fields(c, c.profile()),
        "needs": _cells(c, c.needs()),
        "partners": _cells(c, c.partners()),
        "links": _cells(c, c.links()),
        "figures": figures,
        "partnerships": partnerships,
        "findings": c.principle_findings(),
    }


def build_plan_html(group: Group, *, lang: str | None = None) -> str:
    """Build the plan worksheet as one self-contained, printable HTML page.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    lang : {"id", "en"}, optional
        Language of headings, labels and dates; the current language when omitted.

    Returns
    -------
    str
        An HTML5 document: profile and priority needs, partners and relationships,
        the two pictures (base64 PNG), then per partnership its plan and its draft
        agreement, each section on a new A4 page. All user text is HTML-escaped.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    """
    c = Content(group, lang=lang)
    return _environment().get_template("plan.html.j2").render(_context(c))


def write_plan_html(group: Group, target: Target, *, lang: str | None = None) -> None:
    """Write the plan worksheet as UTF-8 ``.html`` to a path (atomically) or a binary file.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    target : path-like or binary file object
        Where to write.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.
    """
    write_target(target, build_plan_html(group, lang=lang).encode("utf-8"))
