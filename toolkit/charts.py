"""Pictures of a group's work for the notebooks and worksheets (matplotlib, no pyplot).

Every chart is drawn on its own :class:`matplotlib.figure.Figure` with the Agg
canvas, so nothing depends on pyplot's global state or on a display, and the same
group always gives the same picture. Texts follow the current language
(:func:`toolkit.i18n.get_language`) unless a language is given.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.1, "Identifikasi intern
lembaga".
"""

from __future__ import annotations

import io
import textwrap

from babel.numbers import format_decimal
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .analysis import priority_needs, priority_score
from .catalogue import get_catalogue
from .i18n import LANGUAGES, N_, get_language, translate
from .model import Group

__all__ = ["ASPECT_COLOURS", "priority_chart", "figure_png"]

#: Bar colour of each aspect (colour-blind safe Okabe-Ito palette), in catalogue order.
ASPECT_COLOURS: dict[str, str] = {
    "program_kegiatan": "#0072B2",
    "sarana_prasarana": "#E69F00",
    "dana": "#009E73",
    "tenaga": "#CC79A7",
    "pendayagunaan_hasil": "#56B4E9",
}

_TITLE = N_("The most pressing needs")
_XLABEL = N_("Priority score (importance × urgency × gap)")
_EMPTY = N_(
    "No rated needs yet: mark what is lacking (partly or not yet available) and give "
    "it an importance and an urgency."
)
_UNRATED = N_("{n} lacking component(s) not rated yet are not shown.")
_LABEL_WIDTH = 38
# Figure geometry in inches (width, title space, axis label and legend space, one bar).
_WIDTH, _TOP, _BOTTOM, _ROW = 8.5, 0.45, 1.35, 0.55
_LEFT = 0.35  # fraction of the width kept for the wrapped labels


def _bar_label(rank: int, label: str) -> str:
    return textwrap.fill(f"{rank}. {label}", width=_LABEL_WIDTH, max_lines=2, placeholder=" …")


def _score_text(score: float, lang: str) -> str:
    return format_decimal(score, locale=lang)


def _new_figure(rows: int) -> Figure:
    """Make a figure for `rows` bars, with fixed margins (faster than a layout engine)."""
    height = _TOP + _BOTTOM + _ROW * max(rows, 1)
    fig = Figure(figsize=(_WIDTH, height), dpi=100)
    FigureCanvasAgg(fig)  # the Agg backend, for this figure only
    fig.subplots_adjust(left=_LEFT, right=0.97, top=1 - _TOP / height, bottom=_BOTTOM / height)
    return fig


def _empty_chart(lang: str) -> Figure:
    """Draw the title and a hint on a small figure, for a group with no rated need."""
    fig = Figure(figsize=(_WIDTH, 1.3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.05, 0.96, 0.7))
    ax.set_axis_off()
    ax.set_title(translate(_TITLE, lang), loc="left", fontsize=12, fontweight="bold")
    hint = textwrap.fill(translate(_EMPTY, lang), width=90)
    ax.text(0.0, 0.5, hint, ha="left", va="center", fontsize=10, transform=ax.transAxes)
    return fig


def _legend(fig: Figure, aspects: set[str], lang: str) -> None:
    labels = {a.id: a.label.get(lang) for a in get_catalogue().aspects}
    order = [a for a in ASPECT_COLOURS if a in aspects]
    handles = [Patch(color=ASPECT_COLOURS[a], label=labels[a]) for a in order]
    fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=8, frameon=False)


def priority_chart(group: Group, *, top: int = 10, lang: str | None = None) -> Figure:
    """Draw the most pressing needs of a group as horizontal bars.

    One bar per rated lacking need, in the order of :func:`toolkit.analysis.rank_needs`
    (rank 1 at the top), its length the priority score, its colour the aspect. Needs
    not rated yet are counted in a note under the chart.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose needs are drawn.
    top : int, default 10
        Draw at most this many bars.
    lang : {"id", "en"}, optional
        Language of the texts; the current language (Indonesian by default) when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        A figure with one axes: ``len(ax.patches)`` bars, y tick labels
        ``"<rank>. <label>"`` (wrapped, at most two lines), x axis from 0 to 26.5
        (ticks 0 to 25). With no rated need, a small figure whose axes holds no bar,
        only the title and a short hint.

    Raises
    ------
    ValueError
        If `top` is smaller than 1 or `lang` is unknown.

    Examples
    --------
    >>> from toolkit.model import Group, Need
    >>> g = Group(id="contoh", name="Contoh", needs=[Need(id="need-1", aspect="dana",
    ...     label="Honor instruktur", availability="belum_ada", importance=4, urgency=5)])
    >>> fig = priority_chart(g, lang="id")
    >>> [float(p.get_width()) for p in fig.axes[0].patches]
    [20.0]

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1, "Identifikasi intern lembaga".
    """
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top!r}")
    ranked = priority_needs(group)
    rated = [n for n in ranked if priority_score(n) is not None][:top]
    if not rated:
        return _empty_chart(lang)
    fig = _new_figure(len(rated))
    ax = fig.add_subplot()
    ax.set_title(translate(_TITLE, lang), loc="left", fontsize=12, fontweight="bold")
    unrated = sum(1 for n in ranked if priority_score(n) is None)
    xlabel = translate(_XLABEL, lang)
    if unrated:
        xlabel += "\n" + translate(_UNRATED, lang).format(n=unrated)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, 26.5)
    ax.set_xticks(range(0, 26, 5))
    ax.spines[["top", "right"]].set_visible(False)
    scores = [priority_score(n) for n in rated]
    positions = list(range(len(rated)))
    colours = [ASPECT_COLOURS.get(n.aspect, "#999999") for n in rated]
    ax.barh(positions, scores, color=colours, height=0.65)
    ax.set_yticks(positions, [_bar_label(i, n.label) for i, n in enumerate(rated, 1)], fontsize=9)
    ax.invert_yaxis()
    for y, score in zip(positions, scores, strict=True):
        ax.text(score + 0.3, y, _score_text(score, lang), va="center", fontsize=8)
    _legend(fig, {n.aspect for n in rated}, lang)
    return fig


def figure_png(fig: Figure, *, dpi: int = 100) -> bytes:
    r"""Render a figure as PNG bytes, without pyplot and without a display.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, e.g. from :func:`priority_chart`.
    dpi : int, default 100
        Resolution; the figure's size in inches times `dpi` gives the pixel size.

    Returns
    -------
    bytes
        A PNG image (starts with ``b"\x89PNG"``); the same figure gives the same bytes.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(1, 1)))[:4]
    b'\x89PNG'
    """
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
