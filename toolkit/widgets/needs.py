"""Step 2 "Identifikasi kebutuhan": the LKP's profile, needs per aspect, priorities, criteria.

The step follows stage 1 of the module (*identifikasi intern lembaga*): describe the
institution, list the components the programme needs per aspect and mark what is
lacking, rank what is lacking, then choose criteria for a candidate partner for the
most pressing needs. Every widget reads from ``frame.session.group`` and writes each
change through :meth:`toolkit.session.GroupSession.change`; after a save only the
priority part is redrawn, and only when it is on screen.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.1, "Identifikasi intern
lembaga".
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w
from babel.numbers import format_decimal

from ..analysis import (
    AVAILABILITY_LABELS,
    COLUMN_LABELS,
    COLUMNS,
    NOT_RATED,
    STAGE_LABELS,
    describe_priority,
    priority_needs,
    rank_needs,
)
from ..catalogue import AspectEntry, Entry, get_catalogue
from ..charts import figure_png, priority_chart
from ..i18n import N_, get_language
from ..i18n import gettext as _
from ..model import Group, Need, next_id
from ..session import GroupSession, Mutation, SaveEvent
from ..storage import Workshop
from .frame import Frame

__all__ = [
    "NeedsView",
    "NeedRow",
    "CriteriaRow",
    "build_needs",
    "needs_app",
    "parse_count",
    "ranking_html",
]

#: The tabs of the step, in order.
TABS: tuple[str, ...] = (
    N_("Institution profile"),
    N_("Needs inventory"),
    N_("Priorities"),
    N_("Criteria for candidate partners"),
)
PROFILE_TAB, INVENTORY_TAB, PRIORITY_TAB, CRITERIA_TAB = range(4)

#: How many of the most pressing needs get criteria and bars.
CRITERIA_TOP = 10
CHART_TOP = 10

#: Attribute of the frame that holds the current view (replaced on every build).
VIEW_ATTR = "needs_view"
_TAB_ATTR = "needs_tab_index"

_ERROR_STYLE = "color:#b00020"
_COUNT = re.compile(r"^(?:\d+|\d{1,3}(?:[.\s]\d{3})+)$")
_WIDTHS = {"label": "17em", "availability": "11em", "score": "5.5em", "stage": "10em"}

_MSG_NUMBER = N_("Write a whole number of 0 or more (for example 40), or leave it empty.")
_MSG_ADD_EMPTY = N_("Write the name of the component first.")
_MSG_ADD_TWICE = N_("This component is already in the list.")
_MSG_CONFIRM = N_("Click again to remove it; its ratings and note are removed too.")


# ------------------------------------------------------------------ helpers
def parse_count(text: str) -> int | None:
    """Read a whole number typed by a participant.

    Parameters
    ----------
    text : str
        What was typed; spaces around it are ignored, and thousands may be separated
        by a dot or a space (``"1.200"`` is 1200, as written in Indonesia).

    Returns
    -------
    int or None
        The number, or None when `text` is empty.

    Raises
    ------
    ValueError
        If `text` is not a whole number of 0 or more (e.g. ``"-3"``, ``"2,5"``, ``"abc"``).

    Examples
    --------
    >>> parse_count(" 1.200 "), parse_count(""), parse_count("40")
    (1200, None, 40)
    """
    value = text.strip()
    if not value:
        return None
    if not _COUNT.match(value):
        raise ValueError(_(_MSG_NUMBER))
    return int(re.sub(r"\D", "", value))


def _show(message: w.HTML, error: str | None) -> None:
    """Show `error` next to its field (or clear the message when None)."""
    text = html.escape(error) if error else ""
    message.value = f'<span style="{_ERROR_STYLE}">⚠ {text}</span>' if error else ""


def _message() -> w.HTML:
    return w.HTML(layout=w.Layout(min_width="1em"))


def _options(labels: dict[str, str], unset: Any = "") -> list[tuple[str, Any]]:
    return [("—", unset)] + [(_(label), key) for key, label in labels.items()]


def _score_options() -> list[tuple[str, int]]:
    return [("—", 0)] + [(str(i), i) for i in range(1, 6)]


# --------------------------------------------------------------- the rows
@dataclass
class NeedRow:
    """The widgets of one component of the inventory.

    A row for a catalogue component (``need_id`` None) creates its need on the first
    edit; a row for the group's own component (``need_id`` set) can be removed.
    """

    key: str
    aspect: str
    component: str | None
    need_id: str | None
    default_label: str
    availability: w.Dropdown
    importance: w.Dropdown
    urgency: w.Dropdown
    stage: w.Dropdown
    note: w.Text
    message: w.HTML
    remove: w.Button | None = None
    box: w.Box | None = None
    confirming: bool = False

    def find(self, group: Group, *, create: bool = False) -> Need | None:
        """Return the row's need in `group`, creating it when asked and missing."""
        if self.need_id is not None:
            return group.need(self.need_id)
        for need in group.needs:
            if need.component == self.component:
                return need
        if not create:
            return None
        need = Need(
            id=next_id("need", (n.id for n in group.needs)),
            aspect=self.aspect,
            component=self.component,
            label=self.default_label,
        )
        group.needs.append(need)
        return need


@dataclass
class CriteriaRow:
    """The criteria chosen for one of the most pressing needs."""

    need_id: str
    checks: dict[str, w.Checkbox]
    note: w.Textarea
    message: w.HTML
    box: w.Box


def _set_need(row: NeedRow, name: str, value: Any) -> Mutation:
    def mutate(group: Group) -> None:
        setattr(row.find(group, create=True), name, value)

    return mutate


def _need_controls(need: Need | None) -> dict[str, w.Widget]:
    """Make the editable widgets of a row, filled from `need` (or empty)."""
    lay = w.Layout
    return {
        "availability": w.Dropdown(
            options=_options(AVAILABILITY_LABELS),
            value=(need.availability if need else None) or "",
            layout=lay(width=_WIDTHS["availability"]),
        ),
        "importance": w.Dropdown(
            options=_score_options(),
            value=(need.importance if need else None) or 0,
            layout=lay(width=_WIDTHS["score"]),
        ),
        "urgency": w.Dropdown(
            options=_score_options(),
            value=(need.urgency if need else None) or 0,
            layout=lay(width=_WIDTHS["score"]),
        ),
        "stage": w.Dropdown(
            options=_options(STAGE_LABELS),
            value=(need.programme_stage if need else None) or "",
            layout=lay(width=_WIDTHS["stage"]),
        ),
        "note": w.Text(
            value=need.note if need else "",
            placeholder=_("note"),
            layout=lay(width="14em"),
        ),
    }


def _row_title(label: str, entry: Entry | None, own: bool) -> w.HTML:
    small = entry.description.get() if entry else _("own component")
    if entry and label != entry.label.get():
        small = f"{entry.label.get()} — {small}"
    return w.HTML(
        f"<b>{html.escape(label)}</b><br><small style='color:#555'>{html.escape(small)}</small>",
        layout=w.Layout(width=_WIDTHS["label"]),
    )


# ------------------------------------------------------------------- the view
class NeedsView:
    """The widgets of step 2 for one group, rebuilt from the group's file on each build.

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame, with an open session.

    Attributes
    ----------
    root : ipywidgets.VBox
        Everything the step shows (an introduction and :attr:`tabs`).
    tabs : ipywidgets.Tab
        Profile, needs inventory, priorities, criteria.
    profile : dict of str to ipywidgets.Widget
        The profile's fields, by :class:`toolkit.model.InstitutionProfile` field name.
    rows : dict of str to NeedRow
        Inventory rows: ``"component:<id>"`` for catalogue components, the need id for
        the group's own components.
    criteria_rows : dict of str to CriteriaRow
        Criteria of the most pressing needs, by need id (filled when shown).
    """

    def __init__(self, frame: Frame) -> None:
        assert frame.session is not None
        self.frame: Frame = frame
        self.session: GroupSession = frame.session
        self.profile: dict[str, w.Widget] = {}
        self.profile_messages: dict[str, w.HTML] = {}
        self.rows: dict[str, NeedRow] = {}
        self.rows_boxes: dict[str, w.VBox] = {}
        self.add_text: dict[str, w.Text] = {}
        self.add_button: dict[str, w.Button] = {}
        self.add_message: dict[str, w.HTML] = {}
        self.criteria_rows: dict[str, CriteriaRow] = {}
        self.stale = True
        self._signature: tuple | None = None
        self._counter = itertools.count(1)
        self.inventory = w.Accordion()
        self.priority_table = w.HTML()
        self.priority_image = w.Image(format="png", layout=w.Layout(max_width="850px"))
        self.criteria_box = w.VBox()
        self.tabs = w.Tab()
        self.root = w.VBox()
        self.listener = frame.guard(self.on_saved)
        self._build()
        self.session.listeners.append(self.listener)

    # ------------------------------------------------------------- building
    def _build(self) -> None:
        self.tabs.children = [
            _profile_section(self),
            _inventory_section(self),
            _priority_section(self),
            _criteria_section(self),
        ]
        self.tabs.titles = tuple(_(t) for t in TABS)
        self.tabs.selected_index = getattr(self.frame, _TAB_ATTR, PROFILE_TAB)
        self.tabs.observe(self.frame.guard(self._on_tab), names="selected_index")
        intro = _(
            "Describe your institution, mark per aspect what the programme needs and whether "
            "the institution has it, then see what is most pressing and choose criteria for "
            "a candidate partner. Every change is saved at once."
        )
        self.root.children = [w.HTML(f"<p>{html.escape(intro)}</p>"), self.tabs]
        self.update_titles()
        if self.tabs.selected_index in (PRIORITY_TAB, CRITERIA_TAB):
            self.refresh()

    def detach(self) -> None:
        """Stop listening to saves (called before the step is rebuilt)."""
        if self.listener in self.session.listeners:
            self.session.listeners.remove(self.listener)

    def change(self, key: str, mutate: Mutation, message: w.HTML, *, immediate: bool) -> bool:
        """Send one edit to the session; show its problem next to the field."""
        error = self.session.change(key, mutate, immediate=immediate)
        _show(message, error)
        return error is None

    def next_key(self, what: str) -> str:
        """Return a key no other edit uses (for additions and removals)."""
        return f"{what}#{next(self._counter)}"

    # ------------------------------------------------------------- refreshing
    def signature(self) -> tuple:
        """Return what the priority part shows: the ranking and the language."""
        fields = (
            (n.id, n.aspect, n.label, n.availability, n.importance, n.urgency, n.programme_stage)
            for n in self.session.group.needs
        )  # everything rank_needs reads: cheaper to compare than the ranking itself
        return (get_language(), tuple(fields))

    def on_saved(self, event: SaveEvent) -> None:
        """After each save: update the counts, redraw priorities if they changed."""
        if not event.ok:
            return
        self.update_titles()
        signature = self.signature()
        if signature != self._signature:
            self.stale = True
        if self.stale and self.tabs.selected_index in (PRIORITY_TAB, CRITERIA_TAB):
            self.refresh()

    def refresh(self) -> None:
        """Redraw the ranked table, the chart and the criteria rows from the model."""
        group = self.session.group
        self._signature = self.signature()
        ranking = rank_needs(group)
        self.priority_table.value = ranking_html(ranking)
        self.priority_image.layout.display = "none" if ranking.empty else None
        if not ranking.empty:
            self.priority_image.value = figure_png(priority_chart(group, top=CHART_TOP))
        _fill_criteria(self)
        self.stale = False

    def update_titles(self) -> None:
        """Show per aspect how many components are assessed."""
        group = self.session.group
        for i, aspect in enumerate(get_catalogue().aspects):
            done = sum(1 for n in group.needs if n.aspect == aspect.id and n.availability)
            total = sum(1 for r in self.rows.values() if r.aspect == aspect.id)
            self.inventory.set_title(i, f"{aspect.label.get()} ({done}/{total})")

    def _on_tab(self, change: dict[str, Any]) -> None:
        setattr(self.frame, _TAB_ATTR, change["new"])
        if change["new"] in (PRIORITY_TAB, CRITERIA_TAB) and self.stale:
            self.refresh()


# ---------------------------------------------------------------- profile
_PROFILE_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", N_("Name of the institution")),
    ("district", N_("Regency or city")),
    ("programmes", N_("Programmes (one per line)")),
    ("learners_per_year", N_("Learners per year")),
    ("instructors", N_("Instructors")),
    ("staff", N_("Other staff")),
    ("facilities", N_("Facilities")),
)
_COUNT_FIELDS = ("learners_per_year", "instructors", "staff")


def _profile_widget(name: str, value: Any) -> w.Widget:
    lay = w.Layout(width="32em")
    if name == "district":
        regions = [r.label.get() for r in get_catalogue().regions]
        return w.Combobox(
            value=value,
            options=regions,
            ensure_option=False,
            layout=lay,
            placeholder=_("choose or type"),
        )
    if name == "programmes":
        return w.Textarea(value="\n".join(value), rows=3, layout=lay)
    if name == "facilities":
        return w.Textarea(value=value, rows=3, layout=lay)
    if name in _COUNT_FIELDS:
        text = "" if value is None else str(value)
        return w.Text(value=text, placeholder=_("e.g. 40"), layout=w.Layout(width="10em"))
    return w.Text(value=value, layout=lay)


def _profile_value(name: str, raw: str) -> Any:
    if name == "programmes":
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if name in _COUNT_FIELDS:
        return parse_count(raw)
    return raw.strip()


def _profile_section(view: NeedsView) -> w.VBox:
    profile = view.session.group.profile
    lines = []
    for name, label in _PROFILE_FIELDS:
        widget = _profile_widget(name, getattr(profile, name))
        message = _message()
        widget.observe(view.frame.guard(_on_profile(view, name, message)), names="value")
        view.profile[name], view.profile_messages[name] = widget, message
        title = w.HTML(f"<b>{html.escape(_(label))}</b>", layout=w.Layout(width="14em"))
        lines.append(w.HBox([title, widget, message]))
    return w.VBox(lines)


def _on_profile(view: NeedsView, name: str, message: w.HTML) -> Callable[[dict], None]:
    def handler(change: dict[str, Any]) -> None:
        try:
            value = _profile_value(name, change["new"])
        except ValueError as exc:
            _show(message, str(exc))
            return

        def mutate(group: Group) -> None:
            setattr(group.profile, name, value)

        view.change(f"profile.{name}", mutate, message, immediate=False)

    return handler


# -------------------------------------------------------------- inventory
def _inventory_section(view: NeedsView) -> w.Accordion:
    panels = [_aspect_panel(view, aspect) for aspect in get_catalogue().aspects]
    view.inventory.children = panels
    view.inventory.selected_index = 0
    return view.inventory


def _header() -> w.HBox:
    cols = [
        (N_("Component"), _WIDTHS["label"]),
        (N_("Availability"), _WIDTHS["availability"]),
        (N_("Importance"), _WIDTHS["score"]),
        (N_("Urgency"), _WIDTHS["score"]),
        (N_("Programme stage"), _WIDTHS["stage"]),
        (N_("Note"), "14em"),
    ]
    return w.HBox(
        [w.HTML(f"<b>{html.escape(_(t))}</b>", layout=w.Layout(width=wd)) for t, wd in cols]
    )


def _aspect_panel(view: NeedsView, aspect: AspectEntry) -> w.VBox:
    hint = _("Importance and urgency: 1 = low … 5 = very high.")
    about = f"<p>{html.escape(aspect.description.get())}<br><small>{html.escape(hint)}</small></p>"
    view.rows_boxes[aspect.id] = w.VBox()
    _fill_aspect_rows(view, aspect)
    text = w.Text(placeholder=_("another component your programme needs"))
    text.layout.width = "24em"
    button = w.Button(description=_("Add"), icon="plus", button_style="primary")
    message = _message()
    button.on_click(view.frame.guard(lambda _b: _on_add(view, aspect.id)))
    view.add_text[aspect.id], view.add_button[aspect.id] = text, button
    view.add_message[aspect.id] = message
    add = w.HBox([text, button, message])
    return w.VBox([w.HTML(about), _header(), view.rows_boxes[aspect.id], add])


def _first_per_component(group: Group) -> dict[str, Need]:
    """Map each catalogue component to the first need naming it (its row's need)."""
    first: dict[str, Need] = {}
    for need in group.needs:
        if need.component is not None:
            first.setdefault(need.component, need)
    return first


def _fill_aspect_rows(view: NeedsView, aspect: AspectEntry) -> None:
    """(Re)build the rows of one aspect from the model.

    Each catalogue component gets one row (with the first need naming it, if any);
    every other need of the aspect (the group's own components) gets a row of its own.
    """
    group = view.session.group
    for key in [k for k, r in view.rows.items() if r.aspect == aspect.id]:
        del view.rows[key]
    first = _first_per_component(group)
    shown = {n.id for n in first.values()}
    rows = [_need_row(view, aspect.id, first.get(e.id), e) for e in aspect.components]
    rows += [
        _need_row(view, aspect.id, n, None)
        for n in group.needs
        if n.aspect == aspect.id and n.id not in shown
    ]
    view.rows.update((r.key, r) for r in rows)
    view.rows_boxes[aspect.id].children = [r.box for r in rows]


_ROW_FIELDS = {
    "availability": "availability",
    "importance": "importance",
    "urgency": "urgency",
    "stage": "programme_stage",
    "note": "note",
}


def _need_row(view: NeedsView, aspect: str, need: Need | None, entry: Entry | None) -> NeedRow:
    """Make the row of a catalogue component (`entry`) or of the group's own `need`."""
    if entry is not None:
        key, need_id, default = f"component:{entry.id}", None, entry.label.get()
        label = need.label if need else default
    elif need is not None:
        key, need_id, default = need.id, need.id, need.label
        label = default
    else:
        raise ValueError("a row needs a catalogue component or a need")
    controls = _need_controls(need)
    row = NeedRow(
        key=key,
        aspect=aspect,
        component=entry.id if entry else None,
        need_id=need_id,
        default_label=default,
        message=_message(),
        **controls,
    )
    own = entry is None
    for attr, name in _ROW_FIELDS.items():
        handler = _on_need_field(view, row, name, immediate=attr != "note")
        getattr(row, attr).observe(view.frame.guard(handler), names="value")
    parts = [_row_title(label, entry, own), *controls.values()]
    if own:
        row.remove = w.Button(
            description=_("Remove"), icon="trash", layout=w.Layout(min_width="9em", width="auto")
        )
        row.remove.on_click(view.frame.guard(lambda _b: _on_remove(view, row)))
        parts.append(row.remove)
    row.box = w.HBox([*parts, row.message], layout=w.Layout(align_items="center"))
    return row


def _on_need_field(
    view: NeedsView, row: NeedRow, name: str, *, immediate: bool
) -> Callable[[dict], None]:
    def handler(change: dict[str, Any]) -> None:
        value = change["new"]
        if name != "note":
            value = value or None  # "" and 0 mean "not set"
        view.change(
            f"{row.key}.{name}", _set_need(row, name, value), row.message, immediate=immediate
        )

    return handler


def _on_add(view: NeedsView, aspect: str) -> None:
    message, label = view.add_message[aspect], view.add_text[aspect].value.strip()
    if not label:
        _show(message, _(_MSG_ADD_EMPTY))
        return
    group = view.session.group
    if any(n.aspect == aspect and n.label.casefold() == label.casefold() for n in group.needs):
        _show(message, _(_MSG_ADD_TWICE))
        return

    def mutate(g: Group) -> None:
        new_id = next_id("need", (n.id for n in g.needs))
        g.needs.append(Need(id=new_id, aspect=aspect, component=None, label=label))

    if view.change(view.next_key(f"add.{aspect}"), mutate, message, immediate=True):
        view.add_text[aspect].value = ""
        _fill_aspect_rows(view, get_catalogue().get("aspects", aspect))
        view.update_titles()


def _on_remove(view: NeedsView, row: NeedRow) -> None:
    assert row.remove is not None and row.need_id is not None
    if not row.confirming:
        row.confirming = True
        row.remove.description, row.remove.button_style = _("Yes, remove"), "danger"
        _show(row.message, _(_MSG_CONFIRM))
        return
    need_id = row.need_id

    def mutate(g: Group) -> None:
        g.need(need_id)  # KeyError when it is gone already
        for actor in g.actors:
            if need_id in actor.offers_needs:
                actor.offers_needs = [x for x in actor.offers_needs if x != need_id]
        g.needs = [n for n in g.needs if n.id != need_id]

    if view.change(view.next_key(f"remove.{need_id}"), mutate, row.message, immediate=True):
        _fill_aspect_rows(view, get_catalogue().get("aspects", row.aspect))
        view.update_titles()


# ------------------------------------------------------------- priorities
def _cell(column: str, value: Any) -> str:
    if value is None:
        return _(NOT_RATED) if column == "score" else "—"
    if column == "aspect":
        return get_catalogue().get("aspects", value).label.get()
    if column == "availability":
        return _(AVAILABILITY_LABELS[value])
    if column == "programme_stage":
        return _(STAGE_LABELS[value])
    if column == "score":
        return format_decimal(value, locale=get_language())
    return str(value)


def ranking_html(df: Any) -> str:
    """Render :func:`toolkit.analysis.rank_needs` as an HTML table with translated headers.

    Parameters
    ----------
    df : pandas.DataFrame
        The ranking, with the columns of :data:`toolkit.analysis.COLUMNS`.

    Returns
    -------
    str
        An HTML ``<table>`` (every value escaped) without the ``need_id`` column, or a
        short hint when nothing is lacking.
    """
    if df.empty:
        hint = _(
            "Nothing is lacking yet: in the needs inventory, mark components as partly "
            "available or not yet available."
        )
        return f"<p><i>{html.escape(hint)}</i></p>"
    columns = [c for c in COLUMNS if c != "need_id"]
    cell = "border-bottom:1px solid #ddd;padding:2px 8px;text-align:left"
    head = "".join(f"<th style='{cell}'>{html.escape(_(COLUMN_LABELS[c]))}</th>" for c in columns)
    body = []
    for record in df[columns].to_dict("records"):
        cells = "".join(
            f"<td style='{cell}'>{html.escape(_cell(c, record[c]))}</td>" for c in columns
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(body)}</table>"


def _priority_section(view: NeedsView) -> w.VBox:
    explain = w.HTML(f"<p><small>{html.escape(describe_priority())}</small></p>")
    return w.VBox([explain, view.priority_image, view.priority_table])


# ---------------------------------------------------------------- criteria
def _criteria_section(view: NeedsView) -> w.VBox:
    intro = _(
        "For the most pressing needs, choose what a candidate partner should offer or be. "
        "Add other criteria in your own words."
    )
    return w.VBox([w.HTML(f"<p>{html.escape(intro)}</p>"), view.criteria_box])


def _fill_criteria(view: NeedsView) -> None:
    needs = priority_needs(view.session.group, top=CRITERIA_TOP)
    view.criteria_rows = {
        n.id: _criteria_row(view, rank, n) for rank, n in enumerate(needs, start=1)
    }
    if not needs:
        hint = _("The criteria come after the needs: first mark what is lacking.")
        view.criteria_box.children = [w.HTML(f"<p><i>{html.escape(hint)}</i></p>")]
        return
    view.criteria_box.children = [r.box for r in view.criteria_rows.values()]


def _criteria_row(view: NeedsView, rank: int, need: Need) -> CriteriaRow:
    checks = {
        c.id: w.Checkbox(
            value=c.id in need.criteria,
            description=c.label.get(),
            indent=False,
            tooltip=c.description.get(),
            layout=w.Layout(width="14em"),
        )
        for c in get_catalogue().criteria
    }
    note = w.Textarea(
        value=need.criteria_note,
        rows=2,
        placeholder=_("other criteria, in your words"),
        layout=w.Layout(width="40em"),
    )
    message = _message()
    row = CriteriaRow(need.id, checks, note, message, w.VBox())
    for box in checks.values():
        box.observe(view.frame.guard(lambda _c: _on_criteria(view, row)), names="value")
    note.observe(view.frame.guard(lambda c: _on_criteria_note(view, row, c["new"])), "value")
    aspect = get_catalogue().get("aspects", need.aspect).label.get()
    title = f"<b>{rank}. {html.escape(need.label)}</b> <small>({html.escape(aspect)})</small>"
    grid = w.Box(list(checks.values()), layout=w.Layout(flex_flow="row wrap"))
    row.box.children = [w.HTML(title), grid, w.HBox([note, message])]
    row.box.layout = w.Layout(margin="0 0 1em 0")
    return row


def _on_criteria(view: NeedsView, row: CriteriaRow) -> None:
    chosen = [cid for cid, box in row.checks.items() if box.value]

    def mutate(group: Group) -> None:
        group.need(row.need_id).criteria = list(chosen)

    view.change(f"{row.need_id}.criteria", mutate, row.message, immediate=True)


def _on_criteria_note(view: NeedsView, row: CriteriaRow, text: str) -> None:
    def mutate(group: Group) -> None:
        group.need(row.need_id).criteria_note = text

    view.change(f"{row.need_id}.criteria_note", mutate, row.message, immediate=False)


# ------------------------------------------------------------------ entry
def build_needs(frame: Frame) -> list[w.Widget]:
    """Build the widgets of step 2 for the frame's group (the frame's builder).

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame with an open session (``frame.session``).

    Returns
    -------
    list of ipywidgets.Widget
        One box: a short introduction and the tabs profile, needs inventory,
        priorities and criteria.

    Notes
    -----
    The view is kept as ``frame.needs_view``; building again first detaches the
    previous view's save listener, so re-running or rebuilding never stacks listeners.
    """
    return [frame.replace_view(VIEW_ATTR, NeedsView).root]


def needs_app(workshop: Workshop | Path | str | None = None, **kw: Any) -> Frame:
    """Open step 2, *Identifikasi kebutuhan*, for one group of a workshop.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like, optional
        The workshop; default :func:`toolkit.default_workshop_path`.
    **kw
        Passed to :class:`toolkit.widgets.Frame` (``delay``, ``timer``).

    Returns
    -------
    toolkit.widgets.Frame
        The frame; pick a group to show the step's forms.

    Raises
    ------
    toolkit.KemitraanError
        If the workshop cannot be opened.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1, "Identifikasi intern lembaga".
    """
    return Frame("kebutuhan", build_needs, workshop=workshop, **kw)
