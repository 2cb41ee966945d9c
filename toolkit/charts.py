"""Pictures of a group's work for the notebooks and worksheets (matplotlib, no pyplot).

Every chart is drawn on its own :class:`matplotlib.figure.Figure` with the Agg
canvas, so nothing depends on pyplot's global state or on a display, and the same
group always gives the same picture. Texts follow the current language
(:func:`toolkit.i18n.get_language`) unless a language is given.

The group's own words (names, need labels, activities) are drawn as plain text:
every text of a chart is made with ``text.parse_math`` and ``text.usetex`` off, so
a ``$`` in a name is a dollar sign, never mathtext (``"Toko $x^$ Jaya"`` would
otherwise fail to draw or turn into a formula). Characters the chart font (DejaVu
Sans) cannot draw, such as emoji, are replaced by a short note ("[emoji]") rather
than drawn as empty boxes.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.1, "Identifikasi intern
lembaga".
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import textwrap
from functools import cache

import matplotlib
from babel.numbers import format_decimal
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .analysis import priority_needs, priority_score
from .catalogue import get_catalogue
from .i18n import LANGUAGES, N_, get_language, translate
from .model import Group

__all__ = [
    "ASPECT_COLOURS",
    "CATEGORY_COLOURS",
    "FLOW_COLOURS",
    "LKP_COLOUR",
    "QUADRANTS",
    "figure_png",
    "map_layout",
    "network_figure",
    "power_interest_figure",
    "priority_chart",
    "regional_network_figure",
]

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


# ------------------------------------------------------------ the group's words
#: Message id of the note drawn instead of characters the chart font lacks (emoji).
_EMOJI_NOTE = N_("[emoji]")
# Characters that glue emoji sequences together (joiner, variation selectors, keycap).
_GLUE = frozenset("\u200d\ufe0e\ufe0f\u20e3")
# rcParams in force while a chart makes its texts: never mathtext, never LaTeX.
_PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}


@functools.cache
def _font_chars() -> frozenset[int]:
    """Code points of the font charts are drawn with (DejaVu Sans by default)."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font

    with matplotlib.rc_context(_PLAIN_TEXT):
        path = findfont(FontProperties())
    return frozenset(FT2Font(path).get_charmap())


def _drawable(text: str, lang: str) -> str:
    """Replace each run of characters the chart font lacks by the translated note."""
    chars, out, missing = _font_chars(), [], False
    note = translate(_EMOJI_NOTE, lang)
    for ch in text:
        if ord(ch) in chars or ch in "\n\t":
            if not (missing and ch in _GLUE):
                out.append(ch)
                missing = False
        elif not missing:
            out.append(note)
            missing = True
    return "".join(out)


def _shorten(text: str, width: int) -> str:
    """Cut `text` to `width` characters with "…", at a blank when one is near the end."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    blank = cut.rfind(" ")
    if blank > width // 2:
        cut = cut[:blank]
    return cut.rstrip() + "…"


def _plain_text(draw):
    """Make every text of the chart `draw` builds plain text (no mathtext, no LaTeX)."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(_PLAIN_TEXT):
            return draw(*args, **kwargs)

    return wrapper


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


@_plain_text
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
    labels = [_bar_label(i, _drawable(n.label, lang)) for i, n in enumerate(rated, 1)]
    ax.set_yticks(positions, labels, fontsize=9)
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


# ------------------------------------------------------------- text cleaning
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@cache
def _font_chars() -> frozenset[int]:
    """Code points DejaVu Sans (matplotlib's own font, used for every chart) can draw."""
    from fontTools.ttLib import TTFont
    from matplotlib import get_data_path

    return frozenset(TTFont(f"{get_data_path()}/fonts/ttf/DejaVuSans.ttf").getBestCmap())


def chart_text(text: object) -> str:
    r"""Make a user's text safe to draw: no control characters, nothing the font lacks.

    Parameters
    ----------
    text : object
        Any text (None gives ``""``), e.g. a partner or activity name.

    Returns
    -------
    str
        `text` without control characters (NUL, BEL, ``\x1f``...; tabs become spaces,
        line breaks stay) and without characters DejaVu Sans cannot draw (emoji),
        which matplotlib would show as empty boxes; runs of spaces are made one.

    Examples
    --------
    >>> chart_text("Menjahit\x07 🧵 rapi")
    'Menjahit rapi'
    """
    text = "" if text is None else str(text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    chars = _font_chars()
    text = "".join(ch for ch in text if ch == "\n" or ord(ch) in chars)
    return re.sub(r" {2,}", " ", text).strip()


def _text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of one line of `text` in points, in DejaVu Sans at `size` points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0]


def fit_text(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """Shorten one line of text with "…" so that it is at most `width` points wide.

    Parameters
    ----------
    text : str
        One line (already cleaned with :func:`chart_text`).
    width : float
        Room in points (1/72 inch).
    size : float
        Font size in points (DejaVu Sans).
    bold : bool, default False
        Measure the bold face.

    Returns
    -------
    str
        `text` when it fits, else its longest beginning that fits followed by "…".
    """
    if _text_width(text, size, bold=bold) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits lies in [low, high)
    while low < high - 1:
        mid = (low + high) // 2
        if _text_width(text[:mid].rstrip() + "…", size, bold=bold) <= width:
            low = mid
        else:
            high = mid
    return text[:low].rstrip() + "…"


# --------------------------------------------------------------- partner map
#: Node colour of each partner category (catalogue order), chosen to stay apart.
CATEGORY_COLOURS: dict[str, str] = {
    "disnakertrans": "#1f77b4",
    "dinsos": "#6baed6",
    "disperindag": "#17becf",
    "disdik": "#393b79",
    "lkp": "#ff7f0e",
    "tokoh_masyarakat": "#bcbd22",
    "pusat_karya": "#8c564b",
    "ormas": "#2ca02c",
    "dudi": "#d62728",
    "perguruan_tinggi": "#9467bd",
    "lembaga_keuangan": "#e377c2",
    "lainnya": "#7f7f7f",
}
#: Edge colour of each flow type (catalogue order).
FLOW_COLOURS: dict[str, str] = {
    "teknologi": "#0072B2",
    "pengetahuan_keterampilan": "#009E73",
    "sdm": "#CC79A7",
    "modal": "#E69F00",
    "cara_belajar": "#56B4E9",
    "sarana": "#8c564b",
    "pemasaran_lulusan": "#D55E00",
    "informasi": "#999999",
}
#: Colour of the LKP's own node.
LKP_COLOUR = "#111111"
_OTHER_COLOUR = "#bbbbbb"

_MAP_TITLE = N_("Partner map: {name}")
_MAP_EMPTY = N_(
    "No partners on the map yet: add the parties that could help the institution "
    "in the tab Parties."
)
_MAP_LKP = N_("Our institution (LKP)")
_MAP_CATEGORIES = N_("Partner category")
_MAP_FLOWS = N_("What flows")
_MAP_EXISTING = N_("existing relationship")
_MAP_POTENTIAL = N_("potential relationship (dashed)")
_MAP_SIZE = N_("Larger circle = more influence")
_MAP_NAMES = N_(
    "A map of {nodes} parties: only the LKP is named here; the interactive map and the "
    "tables show every name"
)
_MAP_ARROWS = N_("{links} relationships: drawn without arrows")
_MAP_RINGS = N_(
    "Large linked groups sit on rings around the LKP: active partners innermost, parties "
    "not known yet outermost"
)
_MAP_RINGS_MERGED = N_(
    "Large linked groups sit on rings: active partners innermost, parties not known yet "
    "outermost, the groups' LKPs around the outside"
)
_GRID_TITLE = N_("Power and interest: {name}")
_GRID_X = N_("Interest in / support for our programme (1 low - 5 high)")
_GRID_Y = N_("Power / influence (1 low - 5 high)")
_GRID_EMPTY = N_("No partners on the map yet: the grid shows them once they are added.")
_GRID_MANY = N_(
    "{n} parties are too many to number here. The analysis tables and the map exports "
    "list every party with its influence and interest."
)
#: Parties above which the power-interest grid draws plain dots without a numbered key
#: (the key holds about 40 names on the page).
GRID_NUMBER_LIMIT = 38
#: Quadrant strategies: (high power?, high interest?) -> (title, advice).
QUADRANTS: dict[tuple[bool, bool], tuple[str, str]] = {
    (True, True): (N_("Manage closely"), N_("involve them in planning, meet often")),
    (True, False): (N_("Keep satisfied"), N_("meet their needs, ask their advice")),
    (False, True): (N_("Keep informed"), N_("share news and progress regularly")),
    (False, False): (N_("Monitor"), N_("watch; little effort for now")),
}

_MAP_WIDTH = 11.0
_BATCH_LIMIT = 60  # nodes above which markers and arrows are drawn the fast way
_KEY_CHARS = 52  # longest name in the power-interest key
_LABEL_CHARS = 20
_ARROW_LIMIT = 600  # links above which they are drawn as plain lines, without arrowheads
_NAME_LIMIT = 150  # nodes above which only the LKPs are named in the picture
_CELL = 4.2  # layout units per component box
_ISOLATED_STEP = 2.6  # layout units between isolated actors


def _check_lang(lang: str | None) -> str:
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def _message_figure(title: str, message: str) -> Figure:
    fig = Figure(figsize=(_WIDTH, 1.3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.05, 0.96, 0.7))
    ax.set_axis_off()
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    ax.text(0.0, 0.5, textwrap.fill(message, width=90), ha="left", va="center", fontsize=10)
    return fig


def _fit(pos: dict, x0: float, y0: float, size: float) -> dict:
    """Scale positions into the square [x0, x0+size] x [y0-size, y0]."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    left, low = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - low) or 1.0
    return {
        n: (x0 + (x - left) / span * size, y0 - size + (y - low) / span * size)
        for n, (x, y) in pos.items()
    }


#: Largest connected component laid out with the spring layout. A larger one (a merged
#: regional map, an imported network) is drawn as rings around the LKP instead: the
#: spring layout's cost grows with the square of the nodes (times 200 iterations) and
#: takes minutes at 5,000 nodes, the rings take milliseconds.
SPRING_MAX_NODES = 300
#: Linked nodes (all components together) above which every component gets rings.
SPRING_MAX_TOTAL = 800
#: Rings of a large map, from the centre out: how well the LKP knows the party
#: (Bab II B, "Tahapan kemitraan": from getting acquainted to working together).
RING_ORDER = ("mitra_aktif", "pernah_kerja_sama", "kenal", "belum_kenal")
_RING_STEP = 8  # ring k (k >= 1) holds at most 8k nodes


def _component_layout(G, nodes: list[str], seed: int, rings: bool = False) -> dict:
    import networkx as nx

    sub = G.subgraph(nodes)
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (1.0, 0.0)}
    if rings or len(nodes) > SPRING_MAX_NODES:
        return ring_layout(G, nodes)
    start = nx.circular_layout(sorted(sub.nodes))
    k = 1.6 / len(nodes) ** 0.5
    return nx.spring_layout(sub, pos=start, k=k, seed=seed, iterations=200, weight=None)


def ring_layout(G, nodes=None) -> dict[str, tuple[float, float]]:
    """Place a large map on concentric rings: the LKP at the centre, close partners inside.

    Used by :func:`map_layout` for a connected component of more than
    :data:`SPRING_MAX_NODES` nodes, where a force layout would take minutes. Several
    LKPs (a merged map) go around the outside instead of the centre.

    Parameters
    ----------
    G : networkx.Graph
        A map whose nodes may carry ``kind`` (``"lkp"``), ``relationship`` (an id of
        :data:`RING_ORDER`), ``category`` and ``label``; missing attributes are allowed.
    nodes : iterable of str, optional
        The nodes to place (all of `G` when omitted).

    Returns
    -------
    dict of str to (float, float)
        Position of every node in `nodes`, within the square [-1, 1] x [-1, 1]. A single
        LKP sits at the centre; then one band of rings per relationship in
        :data:`RING_ORDER` order (active partners innermost, parties not known yet
        outermost; nodes without a known relationship last). Several LKPs (a merged
        map) share one ring around the outside, so their squares and names stay apart.
        Each band starts on a new ring, ring k holds at most 8k nodes, and inside the band the
        nodes are dealt clockwise from the top in the category order of
        :data:`CATEGORY_COLOURS`, then by label, so each category forms one wedge of
        colour. Deterministic.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("lkp", kind="lkp")
    >>> G.add_node("a", kind="actor", relationship="mitra_aktif")
    >>> G.add_node("b", kind="actor", relationship="belum_kenal")
    >>> pos = ring_layout(G)
    >>> import math
    >>> pos["lkp"], round(math.hypot(*pos["a"]), 2), round(math.hypot(*pos["b"]), 2)
    ((0.0, 0.0), 0.38, 1.0)
    """
    import itertools
    import math

    nodes = list(G.nodes if nodes is None else nodes)
    categories = {c: i for i, c in enumerate(CATEGORY_COLOURS)}

    def band(node: str) -> int:
        data = G.nodes[node]
        if data.get("kind") == "lkp":
            return 0
        rel = data.get("relationship")
        return 1 + (RING_ORDER.index(rel) if rel in RING_ORDER else len(RING_ORDER))

    def order(node: str) -> tuple:
        data = G.nodes[node]
        cat = categories.get(data.get("category"), len(categories))
        return band(node), cat, str(data.get("label", node)), str(node)

    ordered = sorted(nodes, key=order)
    if not ordered:
        return {}
    centre = sum(band(n) == 0 for n in ordered) == 1  # one LKP sits at the centre
    pos: dict[str, tuple[float, float]] = {}
    radius = 0.0
    if centre:
        pos[ordered[0]] = (0.0, 0.0)
        ordered = ordered[1:]
    lkps = [] if centre else [n for n in ordered if band(n) == 0]
    ordered = [n for n in ordered if band(n) != 0]
    for index, (_band, group) in enumerate(itertools.groupby(ordered, key=band)):
        members = list(group)
        # The band's rings, then its slots in the order of their angle (clockwise from
        # the top), so each category fills one wedge of the band. A small band (a small
        # component) starts further round each time, so that bands of one or two nodes
        # do not all line up on the vertical axis.
        start = 0.0 if len(members) >= _RING_STEP else (index * 0.381966) % 1.0
        slots: list[tuple[float, float]] = []
        left = len(members)
        while left:
            radius += 1.0
            count = min(left, _RING_STEP * math.ceil(radius))
            slots += [(i / count, radius) for i in range(count)]
            left -= count
        slots.sort()
        for node, (turn, r) in zip(members, slots, strict=True):
            angle = math.pi / 2 - 2 * math.pi * (turn + start)
            pos[node] = (r * math.cos(angle), r * math.sin(angle))
        radius += 0.6  # a gap between two bands
    if lkps:
        # Several LKPs (a merged map): one ring around the outside, so that they stay
        # 2 pi / n of the picture's radius apart however many parties sit inside.
        radius += 1.0
        for i, node in enumerate(lkps):
            angle = math.pi / 2 - 2 * math.pi * i / len(lkps)
            pos[node] = (radius * math.cos(angle), radius * math.sin(angle))
        radius += 0.6
    outer = max(1.0, radius - 0.6)
    return {n: (x / outer, y / outer) for n, (x, y) in pos.items()}


def map_layout(G, *, seed: int = 7, row_width: float = 3 * _CELL) -> dict[str, tuple[float, float]]:
    """Place the nodes of a partner map: components side by side, isolated nodes below.

    Parameters
    ----------
    G : networkx.Graph
        A map from :func:`toolkit.graph.build_graph` (any networkx graph works).
    seed : int, default 7
        Seed of the spring layout; the same graph always gets the same positions.
    row_width : float, default 12.6
        Width of a row of components, in layout units.

    Returns
    -------
    dict of str to (float, float)
        Position of every node. Each connected component with two or more nodes is
        laid out on its own in a square whose side grows with its size (spring layout,
        Fruchterman-Reingold, 200 iterations; :func:`ring_layout` for a component of
        more than :data:`SPRING_MAX_NODES` nodes, or for every component when they hold
        more than :data:`SPRING_MAX_TOTAL` nodes together, so a 5,000-node map takes
        about a second); the squares fill rows left to right, largest first, the rows
        at least `row_width` wide and about as wide as the packing is tall. Nodes
        without links sit in a row (or rows) below, :data:`_ISOLATED_STEP` units apart.
    """
    from .graph import simple_graph

    S = simple_graph(G)
    comps = [sorted(c) for c in __import__("networkx").connected_components(S)]
    linked = sorted((c for c in comps if len(c) > 1), key=lambda c: (-len(c), c[0]))
    alone = [n for n in G.nodes if S.degree(n) == 0]
    # Many linked nodes in all: rings for every component (the spring layouts of many
    # mid-sized components would add up to minutes).
    rings = sum(len(c) for c in linked) > SPRING_MAX_TOTAL
    # Rows about as wide as the whole packing is tall (a roughly square picture).
    area = sum((_CELL * max(1.0, (len(c) / 6) ** 0.5) + 1.0) ** 2 for c in linked)
    area += len(alone) * _ISOLATED_STEP * 1.6
    row_width = max(row_width, area**0.5)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes in linked:
        size = _CELL * max(1.0, (len(nodes) / 6) ** 0.5)
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y - row_height - 1.0, 0.0
        pos.update(_fit(_component_layout(S, nodes, seed, rings), x, y, size))
        x, row_height = x + size + 1.0, max(row_height, size)
    y -= row_height + (1.6 if linked else 0.0)
    per_row = max(1, int(max(row_width, x) // _ISOLATED_STEP) + 1)
    per_row = max(per_row, int((len(alone) * 1.6 / _ISOLATED_STEP) ** 0.5))  # many: a block
    for i, node in enumerate(alone):
        pos[node] = ((i % per_row) * _ISOLATED_STEP, y - (i // per_row) * 1.6)
    return pos


def _node_area(data: dict, scale: float = 1.0, lkp_scale: float = 1.0) -> float:
    if data.get("kind") == "lkp":
        return 900.0 * lkp_scale
    return (90.0 + 90.0 * int(data.get("influence") or 3)) * scale


def _wrap_label(text: str) -> str:
    return textwrap.fill(text, width=_LABEL_CHARS, max_lines=3, placeholder=" …")


def _draw_edges(ax, G, pos: dict) -> None:
    from matplotlib.patches import FancyArrowPatch

    if G.number_of_edges() > _ARROW_LIMIT:
        _draw_lines(ax, G, pos)
        return
    scale, lkp_scale = _marker_scale(G), _lkp_scale(G)
    seen: dict[frozenset, int] = {}
    styles = {"forward": "-|>", "backward": "<|-", "both": "<|-|>"}
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        pair = frozenset((u, v))
        nth = seen[pair] = seen.get(pair, -1) + 1
        sign = 1 if u < v else -1  # same bend whichever end the link starts from
        rad = sign * (0.0 if nth == 0 else 0.18 * ((nth + 1) // 2) * (-1) ** nth)
        arrow = FancyArrowPatch(
            pos[u],
            pos[v],
            arrowstyle=styles.get(data.get("direction"), "-"),
            mutation_scale=11,
            connectionstyle=f"arc3,rad={rad}",
            color=FLOW_COLOURS.get(data.get("flow"), _OTHER_COLOUR),
            linewidth=0.8 + 0.7 * int(data.get("strength") or 1),
            linestyle="--" if data.get("status") == "potential" else "-",
            shrinkA=_node_area(G.nodes[u], scale, lkp_scale) ** 0.5 / 2 + 2,
            shrinkB=_node_area(G.nodes[v], scale, lkp_scale) ** 0.5 / 2 + 2,
            alpha=0.85,
            zorder=1,
        )
        if G.number_of_nodes() > _BATCH_LIMIT:
            # The limits are set already; updating them per arrow (add_patch) costs
            # seconds on a regional map of hundreds of links.
            ax.add_artist(arrow)
        else:
            ax.add_patch(arrow)


def _draw_lines(ax, G, pos: dict) -> None:
    """Draw many links as a few line collections: one per flow colour and status."""
    from matplotlib.collections import LineCollection

    bundles: dict[tuple[str, str], tuple[list, list]] = {}
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        colour = FLOW_COLOURS.get(data.get("flow"), _OTHER_COLOUR)
        style = "--" if data.get("status") == "potential" else "-"
        segments, widths = bundles.setdefault((colour, style), ([], []))
        segments.append((pos[u], pos[v]))
        widths.append(0.3 + 0.25 * int(data.get("strength") or 1))
    for (colour, style), (segments, widths) in sorted(bundles.items()):
        ax.add_collection(
            LineCollection(segments, colors=colour, linewidths=widths, linestyles=style,
                           alpha=0.35, zorder=1),
            autolim=False,
        )  # fmt: skip


def _crowded(G) -> bool:
    """Whether a map has too many nodes to name every one in the picture."""
    return G.number_of_nodes() > _NAME_LIMIT


def _has_rings(G) -> bool:
    """Whether :func:`map_layout` puts a component of `G` on rings (:func:`ring_layout`)."""
    import networkx as nx

    from .graph import simple_graph

    if G.number_of_nodes() <= SPRING_MAX_NODES:
        return False
    sizes = [len(c) for c in nx.connected_components(simple_graph(G)) if len(c) > 1]
    return bool(sizes) and (max(sizes) > SPRING_MAX_NODES or sum(sizes) > SPRING_MAX_TOTAL)


def _marker_scale(G) -> float:
    """Shrink the markers of a crowded map so that they do not cover each other."""
    return min(1.0, _NAME_LIMIT / max(1, G.number_of_nodes())) ** 0.5


def _lkp_scale(G) -> float:
    """Shrink the LKP squares of a merged map with more than 10 LKPs (area ~ 10 / n)."""
    lkps = sum(1 for _n, d in G.nodes(data=True) if d.get("kind") == "lkp")
    return min(1.0, 10 / max(1, lkps))


def _draw_nodes(ax, G, pos: dict, lang: str, curated: bool = False) -> None:
    # One marker per node; on a large (regional) map one scatter per marker shape,
    # which draws the same picture in a fraction of the time.
    batches: list[list[tuple]] = []
    shapes: dict[str, list[tuple]] = {}
    scale, lkp_scale = _marker_scale(G), _lkp_scale(G)
    for node, data in G.nodes(data=True):
        lkp = data.get("kind") == "lkp"
        colour = LKP_COLOUR if lkp else CATEGORY_COLOURS.get(data.get("category"), _OTHER_COLOUR)
        point = (*pos[node], _node_area(data, scale, lkp_scale), colour, "s" if lkp else "o")
        if G.number_of_nodes() > _BATCH_LIMIT:
            shapes.setdefault(point[-1], []).append(point)
        else:
            batches.append([point])
    # The LKP squares last, on top of a crowded centre.
    for points in [*batches, *sorted(shapes.values(), key=lambda pts: pts[0][-1] == "s")]:
        xs, ys, areas, colours, marker = zip(*points, strict=True)
        ax.scatter(
            xs, ys, s=areas, c=colours, marker=marker[0],
            edgecolors="white", linewidths=1.2 * scale, zorder=3,
        )  # fmt: skip
    crowded = _crowded(G) and not curated
    for node, data in G.nodes(data=True):
        x, y = pos[node]
        area = _node_area(data, scale, lkp_scale)
        lkp = data.get("kind") == "lkp"
        offset = area**0.5 / 2 + 2
        label = data.get("label")
        if label == "" or (not lkp and crowded):
            continue  # deliberately unlabelled (a crowded map: only the LKPs are named)
        ax.annotate(
            _wrap_label(_drawable(str(label or node), lang)),
            (x, y),
            xytext=(0, -offset),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8 if lkp else 7,
            fontweight="bold" if lkp else "normal",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )


def _map_legends(fig: Figure, G, lang: str) -> None:
    from matplotlib.lines import Line2D

    cats = {d.get("category") for _n, d in G.nodes(data=True) if d.get("kind") == "actor"}
    labels = {c.id: c.label.get(lang) for c in get_catalogue().partner_categories}
    handles = [
        Line2D([], [], marker="s", ls="", color=LKP_COLOUR, ms=9, label=translate(_MAP_LKP, lang))
    ]
    handles += [
        Line2D([], [], marker="o", ls="", color=CATEGORY_COLOURS[c], ms=8,
               label=textwrap.fill(labels[c], 30))
        for c in CATEGORY_COLOURS if c in cats
    ]  # fmt: skip
    first = fig.legend(handles=handles, title=translate(_MAP_CATEGORIES, lang),
                       loc="upper left", bbox_to_anchor=(0.74, 0.93), fontsize=7.5,
                       title_fontsize=8.5, frameon=False, alignment="left")  # fmt: skip
    flows = {d.get("flow") for _u, _v, d in G.edges(data=True)}
    names = {f.id: f.label.get(lang) for f in get_catalogue().flows}
    lines = [Line2D([], [], color=FLOW_COLOURS[f], lw=2, label=textwrap.fill(names[f], 30))
             for f in FLOW_COLOURS if f in flows]  # fmt: skip
    lines += [
        Line2D([], [], color="#444444", lw=1.5, label=translate(_MAP_EXISTING, lang)),
        Line2D([], [], color="#444444", lw=1.5, ls="--", label=translate(_MAP_POTENTIAL, lang)),
    ]
    fig.legend(handles=lines, title=translate(_MAP_FLOWS, lang), loc="lower left",
               bbox_to_anchor=(0.74, 0.06), fontsize=7.5, title_fontsize=8.5,
               frameon=False, alignment="left")  # fmt: skip
    fig.add_artist(first)


@_plain_text
def network_figure(group: Group, *, lang: str | None = None) -> Figure:
    """Draw the group's partner map as a static picture (for worksheets and exports).

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose actors and links are drawn.
    lang : {"id", "en"}, optional
        Language of the legends and title; the current language when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with one marker per node (:data:`CATEGORY_COLOURS` by partner
        category, area growing with influence; the LKP a dark square), one arrow per
        link (:data:`FLOW_COLOURS` by flow, dashed when potential, thicker when
        stronger), and two legends (categories, flows). Layout from :func:`map_layout`:
        the same group gives the same picture. With no actor, a small figure with a
        hint.

    Raises
    ------
    ValueError
        If `lang` is unknown.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II C, "Yang terlibat dalam kemitraan".
    """
    from .graph import build_graph

    lang = _check_lang(lang)
    name = _drawable(group.profile.name or group.name, lang)
    title = translate(_MAP_TITLE, lang).format(name=name)
    if not group.actors:
        return _message_figure(title, translate(_MAP_EMPTY, lang))
    return _map_figure(build_graph(group), title, lang)


def _map_figure(
    G, title: str, lang: str, footnote: str = _MAP_SIZE, curated: bool = False
) -> Figure:
    """Draw a partner map graph (nodes with ``kind``, ``label``, ``category``...).

    With `curated` the caller has already chosen which nodes carry a name (an empty
    ``label`` hides one), so a crowded map keeps those names.
    """
    pos = map_layout(G)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs) + 2.4, max(ys) - min(ys) + 2.6
    fig_h = min(max(4.5, 0.72 * _MAP_WIDTH * height / width), 12.0)
    notes = [translate(footnote, lang)]
    if _crowded(G) and not curated:
        nodes = format_decimal(G.number_of_nodes(), locale=lang)
        notes.append(translate(_MAP_NAMES, lang).format(nodes=nodes))
    if G.number_of_edges() > _ARROW_LIMIT:
        links = format_decimal(G.number_of_edges(), locale=lang)
        notes.append(translate(_MAP_ARROWS, lang).format(links=links))
    if _has_rings(G):
        merged = sum(d.get("kind") == "lkp" for _n, d in G.nodes(data=True)) > 1
        notes.append(translate(_MAP_RINGS_MERGED if merged else _MAP_RINGS, lang))
    note = textwrap.fill(". ".join(notes), 190)
    bottom = 0.02 + note.count("\n") * 0.15 / fig_h  # room for a second line of notes
    fig = Figure(figsize=(_MAP_WIDTH, fig_h), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, bottom, 0.72, 0.92 - bottom))
    ax.set_axis_off()
    # Margins for the markers and the names below them, in points turned into layout
    # units: 60 pt below the lowest row (an LKP square, its name on up to three lines),
    # 20 pt above, 30 pt at the sides; never less than the margins of a small map.
    ax_w, ax_h = 0.72 * _MAP_WIDTH * 72, (0.92 - bottom) * fig_h * 72
    unit_x = (max(xs) - min(xs)) / (ax_w - 60)
    unit_y = (max(ys) - min(ys)) / (ax_h - 80)
    ax.set_xlim(min(xs) - max(1.2, 30 * unit_x), max(xs) + max(1.2, 30 * unit_x))
    ax.set_ylim(min(ys) - max(1.7, 60 * unit_y), max(ys) + max(0.9, 20 * unit_y))
    if _crowded(G):
        ax.set_aspect("equal", adjustable="box")  # round rings, square packing
    fig.suptitle(title, x=0.02, ha="left", fontsize=12, fontweight="bold")
    _draw_edges(ax, G, pos)
    _draw_nodes(ax, G, pos, lang, curated)
    _map_legends(fig, G, lang)
    fig.text(0.02, 0.01, note, fontsize=7.5, color="#444444")
    return fig


_REGIONAL_TITLE = N_("Regional partner map: {title}")
_REGIONAL_EMPTY = N_(
    "No group has partners on its map yet: the regional map shows them once the groups "
    "add them in step 3."
)
_REGIONAL_NOTE = N_(
    "Each black square is one group's LKP; (n) = named by n groups; larger circle = more influence"
)
_REGIONAL_LABEL_LIMIT = 60  # above this many nodes only shared actors and LKPs get a label


def regional_network_figure(G, *, title: str = "", lang: str | None = None) -> Figure:
    """Draw the merged partner map of a workshop (the regional view).

    Parameters
    ----------
    G : networkx.DiGraph
        ``RegionalMap.graph`` from :func:`toolkit.analysis.regional.merge_maps`:
        nodes with ``kind``, ``label``, ``category``, ``influence``, ``count``; edges
        with ``flow``, ``direction``, ``strength``, ``status``.
    title : str, default ""
        The workshop's title, shown after "Regional partner map:".
    lang : {"id", "en"}, optional
        Language of the legends and title; the current language when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        As :func:`network_figure`: one black square per group's LKP, one circle per
        merged actor coloured by category, its label followed by ``(n)`` when n >= 2
        groups name it. Above 60 nodes only the LKPs and the actors named by two or
        more groups are labelled. With no actor, a small figure with a hint.

    Raises
    ------
    ValueError
        If `lang` is unknown.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II C, "Yang terlibat dalam kemitraan".
    """
    lang = _check_lang(lang)
    heading = translate(_REGIONAL_TITLE, lang).format(title=title).rstrip(": ")
    if not any(d.get("kind") == "actor" for _n, d in G.nodes(data=True)):
        return _message_figure(heading, translate(_REGIONAL_EMPTY, lang))
    H = G.copy()
    crowded = H.number_of_nodes() > _REGIONAL_LABEL_LIMIT
    for _node, data in H.nodes(data=True):
        count = int(data.get("count") or 1)
        if data.get("kind") == "actor" and count >= 2:
            data["label"] = f"{data.get('label', '')} ({count})"
        elif crowded and data.get("kind") == "actor":
            data["label"] = ""
    return _map_figure(H, heading, lang, footnote=_REGIONAL_NOTE, curated=True)


def _spread(actors: list) -> dict[str, tuple[float, float]]:
    """Place actors on (interest, influence), spreading equal scores on a small circle."""
    import math

    cells: dict[tuple[int, int], list[str]] = {}
    for a in actors:
        cells.setdefault((a.interest, a.influence), []).append(a.id)
    pos = {}
    for (x, y), ids in cells.items():
        radius = 0.0 if len(ids) == 1 else min(0.34, 0.12 + 0.04 * len(ids))
        for i, aid in enumerate(ids):
            angle = math.pi / 2 + 2 * math.pi * i / len(ids)
            pos[aid] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return pos


def _quadrants(ax, lang: str) -> None:
    """Shade the four quadrants and write each strategy in the band outside the scores."""
    shades = {(True, True): "#fde0dc", (True, False): "#fff4d6",
              (False, True): "#e3f2e1", (False, False): "#eeeeee"}  # fmt: skip
    for (high_power, high_interest), (title, advice) in QUADRANTS.items():
        x0 = 3.0 if high_interest else 0.0
        y0 = 3.0 if high_power else 0.0
        ax.add_patch(_rect(x0, y0, shades[(high_power, high_interest)]))
        y = 5.96 if high_power else 0.04
        text = f"{translate(title, lang).upper()}\n{translate(advice, lang)}"
        ax.text(x0 + 0.08, y, text, ha="left", va="top" if high_power else "bottom",
                fontsize=7.5, color="#333333", zorder=1, linespacing=1.3)  # fmt: skip
    ax.axhline(3.0, color="#888888", lw=1, zorder=1)
    ax.axvline(3.0, color="#888888", lw=1, zorder=1)


def _rect(x0: float, y0: float, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((x0, y0), 3.0, 3.0, facecolor=colour, edgecolor="none", zorder=0)


@_plain_text
def power_interest_figure(group: Group, *, lang: str | None = None) -> Figure:
    """Draw the power-interest grid of the group's partners (kekuasaan x kepentingan).

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose actors are placed.
    lang : {"id", "en"}, optional
        Language of the texts; the current language when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, x = interest, y = influence (scores 1-5), split at 3 into
        the four quadrants of :data:`QUADRANTS` (each titled with its strategy, in a
        band outside the scores, the axes running from 0 to 6). Each
        actor is a numbered dot (its position in the group's list); actors with equal
        scores are spread on a small circle around their point. A key to the right
        lists the numbers with the names; with more than :data:`GRID_NUMBER_LIMIT`
        actors the dots are not numbered and a note replaces the key (the page stays
        7 inches tall). With no actor, a small figure with a hint.

    Raises
    ------
    ValueError
        If `lang` is unknown.

    Notes
    -----
    Scores of 3 lie on the dividing lines: such a party sits between two strategies.
    """
    lang = _check_lang(lang)
    title = translate(_GRID_TITLE, lang).format(
        name=_drawable(group.profile.name or group.name, lang)
    )
    if not group.actors:
        return _message_figure(title, translate(_GRID_EMPTY, lang))
    many = len(group.actors) > GRID_NUMBER_LIMIT
    height = 7.0 if many else max(7.0, 0.2 * len(group.actors) + 1.5)
    fig = Figure(figsize=(_MAP_WIDTH, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.75 / _MAP_WIDTH, 0.8 / height, 5.6 / _MAP_WIDTH, 5.6 / height))
    ax.set_xlim(0.0, 6.0)
    ax.set_ylim(0.0, 6.0)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(translate(_GRID_X, lang), fontsize=8.5)
    ax.set_ylabel(translate(_GRID_Y, lang), fontsize=8.5)
    ax.tick_params(labelsize=8)
    fig.suptitle(title, x=0.02, ha="left", fontsize=12, fontweight="bold")
    _quadrants(ax, lang)
    pos = _spread(group.actors)
    if many:
        # Too many to number: one batch of dots and a note in place of the key.
        xs, ys = zip(*(pos[a.id] for a in group.actors), strict=True)
        colours = [CATEGORY_COLOURS.get(a.category, _OTHER_COLOUR) for a in group.actors]
        ax.scatter(xs, ys, s=40, c=colours, edgecolors="white", linewidths=0.5, zorder=3)
        note = translate(_GRID_MANY, lang).format(n=format_decimal(len(group.actors), locale=lang))
        fig.text(6.7 / _MAP_WIDTH, 6.4 / height, textwrap.fill(note, 40), ha="left", va="top",
                 fontsize=8.5, linespacing=1.4)  # fmt: skip
        return fig
    key = []
    for number, actor in enumerate(group.actors, start=1):
        x, y = pos[actor.id]
        colour = CATEGORY_COLOURS.get(actor.category, _OTHER_COLOUR)
        ax.scatter([x], [y], s=190, c=colour, edgecolors="white", linewidths=1, zorder=3)
        ax.text(x, y, str(number), ha="center", va="center", fontsize=7, color="white",
                fontweight="bold", zorder=4)  # fmt: skip
        name = _shorten(_drawable(actor.name, lang), _KEY_CHARS)
        key.append(f"{number:>2}. {name}")
    fig.text(6.7 / _MAP_WIDTH, 6.4 / height, "\n".join(key), ha="left", va="top", fontsize=7.5,
             linespacing=1.55)  # fmt: skip
    return fig


# ------------------------------------------------------------- plan timeline
#: Bar colour of each stage, in the module's order (Okabe-Ito palette).
STAGE_COLOURS: dict[str, str] = {
    "identifikasi": "#56B4E9",
    "sosialisasi": "#E69F00",
    "perencanaan": "#009E73",
    "kesepakatan": "#0072B2",
    "pelaksanaan": "#D55E00",
    "monev": "#CC79A7",
}

_PLAN_TITLE = N_("Partnership plan timeline: {name}")
_PLAN_EMPTY = N_(
    "No activities with dates in the plan yet: add activities with a start and an end "
    "date to each stage."
)
_PLAN_REVIEW = N_("review")
_PLAN_REVIEW_KEY = N_("dashed line = review date; grey band = period of the agreement")
_PLAN_UNDATED = N_("Without dates (not drawn): {items}")
_PLAN_NO_DATED = N_("(no dated activity yet)")
_PLAN_CONTINUED = N_("{name} (continued)")
_TL_LABEL_CHARS = 44
_TL_LEFT = 0.33  # fraction of the width kept for the row labels
_TL_LABEL_PT = _TL_LEFT * 11.0 * 72 - 12  # points a row label may take (tick padding kept)
_TL_HEAD_SIZE, _TL_ACT_SIZE = 8.5, 7.5
_TL_ROW = 0.34  # inches per row
_TL_TOP, _TL_BOTTOM = 0.55, 1.0  # inches for the title and for the axis, legend and notes


def _missing(value) -> bool:
    return value is None or value != value  # NaT and NaN are not equal to themselves


def _month_ticks(first: dt.date, last: dt.date, most: int = 14) -> tuple[list[dt.date], str]:
    """Ticks between `first` and `last` and their Babel date pattern, at most `most` ticks.

    Spans up to `most` months get every month, longer ones every 2, 3 or 6 months
    (pattern ``"MMM y"``, e.g. "Mar 2027"); longer still, the first of January every
    1, 2, 5, 10, 20, 50, ... years (pattern ``"y"``), so any span, even one with a
    typo such as 2207, gets a readable axis.
    """
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((s for s in (1, 2, 3, 6) if months / s <= most), None)
    if step is not None:
        ticks, day = [], dt.date(first.year, first.month, 1)
        while day <= last:
            if day >= first:
                ticks.append(day)
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return ticks[::step], "MMM y"
    years = last.year - first.year + 1
    step, k = 1, 0
    while years / step > most:
        k += 1
        step = (1, 2, 5)[k % 3] * 10 ** (k // 3)
    start = (first.year // step + (first.year % step > 0 or first.month > 1)) * step
    start = max(start, 1)
    return [dt.date(y, 1, 1) for y in range(start, last.year + 1, step)], "y"


def _timeline_rows(group: Group, lang: str) -> list[tuple]:
    """Rows top to bottom: ("head", partnership, label) or ("act", row, label).

    Labels are cleaned with :func:`chart_text` and shortened with "…" so that they fit
    the space left of the axis (:data:`_TL_LABEL_PT`).
    """
    from .analysis.plan import plan_schedule

    schedule = plan_schedule(group)
    rows: list[tuple] = []
    for p in group.plan.partnerships:
        acts = schedule[(schedule["partnership_id"] == p.id) & schedule["start"].notna()]
        suffix = " " + translate(_PLAN_NO_DATED, lang) if acts.empty else ""
        room = _TL_LABEL_PT - _text_width(suffix, _TL_HEAD_SIZE, bold=True)
        head = fit_text(chart_text(group.actor(p.actor_id).name), room, _TL_HEAD_SIZE, bold=True)
        rows.append(("head", p, head + suffix))
        for row in acts.itertuples(index=False):
            lines = textwrap.wrap(chart_text(row.name).replace("\n", " "), _TL_LABEL_CHARS)
            lines = lines or [""]
            if len(lines) > 2:
                lines = [lines[0], lines[1] + " " + " ".join(lines[2:])]
            label = "\n".join(fit_text(x, _TL_LABEL_PT, _TL_ACT_SIZE) for x in lines)
            rows.append(("act", row, label))
    return rows


def _timeline_pages(rows: list[tuple], max_rows: int, lang: str) -> list[list[tuple]]:
    """Pack the rows into pages of at most `max_rows`, keeping a partnership together.

    A partnership longer than a page is cut; each further part starts with its
    partner's row marked "(continued)".
    """
    blocks: list[list[tuple]] = []
    for row in rows:
        if row[0] == "head":
            blocks.append([row])
        else:
            blocks[-1].append(row)
    pieces: list[list[tuple]] = []
    for block in blocks:
        head, acts = block[0], block[1:]
        size = max(max_rows - 1, 1)
        more = translate(_PLAN_CONTINUED, lang)
        room = _TL_LABEL_PT - _text_width(more.format(name=""), _TL_HEAD_SIZE, bold=True)
        for k in range(0, max(len(acts), 1), size):
            label = head[2]
            if k:
                label = more.format(name=fit_text(label, room, _TL_HEAD_SIZE, bold=True))
            pieces.append([(head[0], head[1], label), *acts[k : k + size]])
    pages: list[list[tuple]] = []
    for piece in pieces:
        if pages and len(pages[-1]) + len(piece) <= max_rows:
            pages[-1].extend(piece)
        else:
            pages.append(list(piece))
    return pages


def _timeline_span(group: Group) -> tuple[dt.date, dt.date] | None:
    days = [d for p in group.plan.partnerships for s in p.stages for a in s.activities
            for d in (a.start, a.end) if d]  # fmt: skip
    days += [p.review_date for p in group.plan.partnerships if p.review_date]
    if not any(a.start for p in group.plan.partnerships for s in p.stages for a in s.activities):
        return None
    first, last = min(days), max(days)
    return max(first - dt.timedelta(days=7), dt.date.min), min(
        last + dt.timedelta(days=10), dt.date.max
    )


def _undated_note(group: Group, lang: str) -> str:
    items = [chart_text(f"{a.name} ({group.actor(p.actor_id).name})")
             for p in group.plan.partnerships
             for s in p.stages for a in s.activities if a.start is None]  # fmt: skip
    if not items:
        return ""
    text = translate(_PLAN_UNDATED, lang).format(items=_drawable("; ".join(items), lang))
    return textwrap.fill(text, width=150, max_lines=3, placeholder=" …")


def _draw_timeline(ax, group: Group, rows: list[tuple], span, lang: str) -> None:
    from matplotlib.dates import date2num

    from .analysis.plan import agreement_end

    first, last = span
    heads = [i for i, r in enumerate(rows) if r[0] == "head"] + [len(rows)]
    for k, (i, j) in enumerate(zip(heads, heads[1:], strict=False)):
        p = rows[i][1]
        if k:
            ax.axhline(i - 0.5, color="#bbbbbb", lw=0.8)
        end = agreement_end(p)
        if p.start_date:
            x0 = max(date2num(p.start_date), date2num(first))
            x1 = min(date2num(end or last), date2num(last))
            ax.fill_between([x0, x1], i - 0.5, j - 0.5, color="#eeeeee", zorder=0, lw=0)
        if p.review_date:
            x = date2num(p.review_date)
            ax.plot([x, x], [i - 0.45, j - 0.55], ls="--", color="#444444", lw=1.1, zorder=3)
            # near the right end the label goes left of the line, so it stays inside
            right = x > date2num(first) + 0.85 * (date2num(last) - date2num(first))
            text = translate(_PLAN_REVIEW, lang)
            ax.text(x, i - 0.05, f"{text} " if right else f" {text}", fontsize=7,
                    color="#444444", va="center", ha="right" if right else "left",
                    zorder=3)  # fmt: skip
    for y, (kind, row, _label) in enumerate(rows):
        if kind != "act":
            continue
        x0 = date2num(row.start.date())
        x1 = date2num((row.start if _missing(row.end) else row.end).date()) + 1
        colour = STAGE_COLOURS.get(row.stage, _OTHER_COLOUR)
        ax.barh(y, max(x1 - x0, 2.5), left=x0, height=0.6, color=colour, zorder=2)


@_plain_text
def timeline_figure(group: Group, *, lang: str | None = None) -> Figure:
    """Draw the partnership plan as a timeline (Gantt chart) of stages and activities.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is drawn.
    lang : {"id", "en"}, optional
        Language of the texts and month names; the current language when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        One axes. Per partnership (plan order) a bold header row with the partner's
        name, then one bar per dated activity in the order of
        :func:`toolkit.analysis.plan_schedule`, from its start to the end of its end day
        (at least 2.5 days wide so that one-day activities show), coloured by stage
        (:data:`STAGE_COLOURS`, legend in the module's order). A grey band marks the
        agreement period (start date to :func:`toolkit.analysis.agreement_end`), a
        dashed line the review date. Month ticks read e.g. "Mar 2027" (Babel,
        ``MMM y``); the axis spans the activities and review dates only, so the picture
        never depends on today's date. Undated activities are listed in a note under
        the chart. With no dated activity, a small figure with a hint.

    Raises
    ------
    ValueError
        If `lang` is unknown.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A (tahapan membangun kemitraan).
    """
    lang = _check_lang(lang)
    title = translate(_PLAN_TITLE, lang).format(name=chart_text(group.profile.name or group.name))
    span = _timeline_span(group)
    if span is None:
        return _message_figure(title, translate(_PLAN_EMPTY, lang))
    return _timeline_page(group, _timeline_rows(group, lang), span, title, lang, last=True)


def timeline_figures(group: Group, *, lang: str | None = None, max_rows: int = 40) -> list[Figure]:
    """Draw the timeline as one or more pictures of at most `max_rows` rows each.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is drawn.
    lang : {"id", "en"}, optional
        Language of the texts; the current language when omitted.
    max_rows : int, default 40
        Most rows (partner rows and activity rows) per picture, so that each picture
        fits an A4 page at a readable size.

    Returns
    -------
    list of matplotlib.figure.Figure
        Like :func:`timeline_figure`, cut between partnerships: a page holds whole
        partnerships while they fit; a partnership longer than a page continues on
        the next one under its partner's name marked "(continued)". All pictures share
        the same time axis; with more than one, the titles are numbered "(1/3)";
        undated activities are listed under the last one. One picture when the plan
        has at most `max_rows` rows.

    Raises
    ------
    ValueError
        If `lang` is unknown or `max_rows` is less than 2.
    """
    lang = _check_lang(lang)
    if max_rows < 2:
        raise ValueError(f"max_rows must be 2 or more, not {max_rows}")
    span = _timeline_span(group)
    if span is None:
        return [timeline_figure(group, lang=lang)]
    title = translate(_PLAN_TITLE, lang).format(name=chart_text(group.profile.name or group.name))
    pages = _timeline_pages(_timeline_rows(group, lang), max_rows, lang)
    if len(pages) == 1:
        return [_timeline_page(group, pages[0], span, title, lang, last=True)]
    return [
        _timeline_page(
            group, rows, span, f"{title} ({n}/{len(pages)})", lang, last=n == len(pages)
        )  # fmt: skip
        for n, rows in enumerate(pages, 1)
    ]


def _timeline_page(
    group: Group, rows: list[tuple], span, title: str, lang: str, *, last: bool
) -> Figure:
    """Draw `rows` of the timeline on one figure; the undated note when `last`."""
    from babel.dates import format_date
    from matplotlib.dates import date2num

    note = _undated_note(group, lang) if last else ""
    bottom = _TL_BOTTOM + (0.13 * (note.count("\n") + 1) + 0.1 if note else 0.0)
    height = _TL_TOP + bottom + _TL_ROW * len(rows)
    fig = Figure(figsize=(_MAP_WIDTH, height), dpi=100)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=_TL_LEFT, right=0.98, top=1 - _TL_TOP / height,
                        bottom=bottom / height)  # fmt: skip
    ax = fig.add_subplot()
    fig.suptitle(title, x=0.02, y=1 - 0.12 / height, ha="left", va="top", fontsize=12,
                 fontweight="bold")  # fmt: skip
    _draw_timeline(ax, group, rows, span, lang)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_yticks(range(len(rows)), [r[2] for r in rows], fontsize=_TL_ACT_SIZE)
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        if row[0] == "head":
            tick.set_fontweight("bold")
            tick.set_fontsize(_TL_HEAD_SIZE)
    ax.tick_params(axis="y", length=0)
    ticks, pattern = _month_ticks(*span)
    ax.set_xticks([date2num(d) for d in ticks],
                  [format_date(d, pattern, locale=lang) for d in ticks], fontsize=7.5)  # fmt: skip
    ax.set_xlim(date2num(span[0]), date2num(span[1]))
    ax.grid(axis="x", color="#dddddd", lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines[["top", "right", "left"]].set_visible(False)
    _stage_legend(fig, rows, lang, bottom)
    if note:
        fig.text(0.02, 0.08 / height, note, fontsize=7, color="#444444", va="bottom")
    return fig


def _stage_legend(fig: Figure, rows: list[tuple], lang: str, bottom: float) -> None:
    """Put the stage legend and the key to the lines under the axis (`bottom` in inches)."""
    height = fig.get_figheight()
    used = {r[1].stage for r in rows if r[0] == "act"}
    stages = [s for s in get_catalogue().stages if s.id in used]
    handles = [Patch(color=STAGE_COLOURS[s.id], label=f"{s.order}. {s.label.get(lang)}")
               for s in stages]  # fmt: skip
    anchor = (0.02, (bottom - 0.32) / height)
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=anchor, ncols=6, fontsize=7.5,
               frameon=False, handlelength=1.5, columnspacing=1.2)  # fmt: skip
    fig.text(0.025, (bottom - 0.62) / height, translate(_PLAN_REVIEW_KEY, lang), fontsize=7,
             color="#444444", ha="left", va="top")  # fmt: skip


__all__ += ["STAGE_COLOURS", "chart_text", "fit_text", "timeline_figure", "timeline_figures"]
