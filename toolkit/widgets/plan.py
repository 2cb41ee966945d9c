"""Step 4 "Rencana kemitraan": one plan per partner, its stages, agreement and upkeep.

The group picks partners from its map (the smallest set that covers its needs first),
then per partnership writes what it partners on, the pattern, the shared goal, what
each side gives and gets, the activities of each stage, the six clauses of the
agreement and the techniques that keep the partnership alive. A panel checks the plan
against the module's principles; the timeline draws the activities; one button writes
the worksheet (lembar kerja). Every widget writes through
:meth:`toolkit.session.GroupSession.change`.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I (prinsip, pola) and Bab II
A.2-A.6 (tahapan), B (aspek), D (teknik melestarikan).
"""

from __future__ import annotations

import base64
import html
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..analysis import partner_cover, plan_messages, suggest_pattern
from ..catalogue import get_catalogue
from ..charts import figure_png, timeline_figure
from ..errors import ExportError, KemitraanError
from ..export import export_plan
from ..i18n import N_
from ..i18n import gettext as _
from ..model import Activity, Group, Partnership, StagePlan, SustainingPlan, next_id
from ..session import GroupSession, Mutation, SaveEvent, describe_error
from ..storage import Workshop
from .frame import Frame

__all__ = [
    "PlanView",
    "ActivityRow",
    "build_plan",
    "plan_app",
    "describe_plan_steps",
    "PLAN_STAGES",
]

#: The stages planned per partnership (stage 1, identifikasi, is step 2 of the workshop).
PLAN_STAGES: tuple[str, ...] = ("sosialisasi", "perencanaan", "kesepakatan", "pelaksanaan", "monev")

TABS: tuple[str, ...] = (
    N_("Partnership"),
    N_("Stages and activities"),
    N_("Agreement"),
    N_("Sustaining"),
    N_("Principle check"),
    N_("Timeline"),
)
MAIN_TAB, STAGES_TAB, CLAUSES_TAB, SUSTAIN_TAB, CHECK_TAB, TIMELINE_TAB = range(6)

VIEW_ATTR = "plan_view"
_TAB_ATTR = "plan_tab_index"
_PICK_ATTR = "plan_partnership"

ACTIVITY_STATUS_LABELS = {
    "belum": N_("not started"),
    "berjalan": N_("in progress"),
    "selesai": N_("done"),
    "tertunda": N_("delayed"),
}
RHYTHM_LABELS = {
    "weekly": N_("weekly"),
    "monthly": N_("monthly"),
    "quarterly": N_("every three months"),
    "semester": N_("every semester"),
    "yearly": N_("yearly"),
    "as_needed": N_("as needed"),
}
_TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal", N_("Shared goal")),
    ("lkp_gives", N_("What the LKP gives")),
    ("lkp_gets", N_("What the LKP gets")),
    ("partner_gives", N_("What the partner gives")),
    ("partner_gets", N_("What the partner gets")),
)

_ERROR_STYLE = "color:#b00020"
_MSG_NO_PARTNER = N_("Choose a partner from the list first.")
_MSG_NO_PARTNERSHIP = N_("No partnership yet: choose a partner above and click 'Add partnership'.")
_MSG_CONFIRM = N_(
    "Click again to remove this partnership; its activities, agreement and monitoring "
    "notes are removed too."
)
_MSG_NAME_EMPTY = N_("Write the name of the activity first.")
_MSG_COVER = N_("★ = suggested: together these partners cover the most pressing needs.")
_MSG_SUGGESTED = N_("Suggested pattern: {pattern}. {reason}")
_MSG_EXPORTED = N_("Worksheet written:")
_MSG_EXPORT_FAILED = N_("The worksheet could not be written: {reason}")
_MSG_EXPORT_UNSAVED = N_(
    "The worksheet was not written: the last changes could not be saved yet (see the "
    "message at the top). Try again in a moment."
)
_MSG_NO_MAP = N_("The map has no parties yet: add candidate partners in step 3 (Partner map).")


# ------------------------------------------------------------------ helpers
def _show(message: w.HTML, error: str | None) -> None:
    """Show `error` next to its field (or clear the message when None)."""
    text = html.escape(error) if error else ""
    message.value = f'<span style="{_ERROR_STYLE}">⚠ {text}</span>' if error else ""


def _message() -> w.HTML:
    return w.HTML(layout=w.Layout(min_width="1em"))


def _label(text: str, width: str = "13em") -> w.HTML:
    return w.HTML(f"<b>{html.escape(text)}</b>", layout=w.Layout(width=width))


def _options(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(_(label), key) for key, label in labels.items()]


def _partnership(group: Group, pid: str) -> Partnership:
    for p in group.plan.partnerships:
        if p.id == pid:
            return p
    raise KeyError(pid)


def _stage_plan(p: Partnership, stage: str) -> StagePlan:
    for s in p.stages:
        if s.stage == stage:
            return s
    plan = StagePlan(stage=stage)
    order = {e.id: e.order for e in get_catalogue().stages}
    p.stages = sorted([*p.stages, plan], key=lambda s: order[s.stage])
    return next(s for s in p.stages if s.stage == stage)


def _activity(p: Partnership, aid: str) -> Activity:
    for s in p.stages:
        for a in s.activities:
            if a.id == aid:
                return a
    raise KeyError(aid)


#: MIME type of each exported file, by extension (for the download links).
_MIME = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".graphml": "application/xml",
    ".gexf": "application/xml",
    ".json": "application/json",
}
#: Largest file offered as an in-page download (base64 makes it a third larger).
LINK_LIMIT = 20 * 1024 * 1024


def export_links(paths: list[Path], notebooks: Path | None = None) -> str:
    """Render written files as an HTML list: a download link and the full path on disk.

    Parameters
    ----------
    paths : list of pathlib.Path
        The files written.
    notebooks : pathlib.Path, optional
        Not used any more (kept so that older callers still work): the links no
        longer point into the folder JupyterLab serves.

    Returns
    -------
    str
        An HTML ``<ul>``; each item holds a link that downloads the file itself
        (a ``data:`` URI with the file's bytes in base64 and the ``download``
        attribute, so it works wherever the workshop folder lies, also outside
        JupyterLab's root) and the file's full path. Files larger than
        :data:`LINK_LIMIT` or unreadable get the path only.
    """
    items = []
    for path in paths:
        text = f"<code>{html.escape(str(path))}</code>"
        try:
            data = path.read_bytes() if path.stat().st_size <= LINK_LIMIT else None
        except OSError:
            data = None
        if data is not None:
            mime = _MIME.get(path.suffix.lower(), "application/octet-stream")
            href = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
            link = (
                f'<a href="{href}" download="{html.escape(path.name)}" '
                f'title="{html.escape(_("Download"))}">⬇ {html.escape(path.name)}</a>'
            )
            text = f"{link} — {text}"
        items.append(f"<li>{text}</li>")
    return f"<ul>{''.join(items)}</ul>"


def describe_plan_steps(lang: str | None = None) -> str:
    """List the parts of the plan step in plain words (deterministic, for the notebook).

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language of the catalogue labels; the current language for the rest.

    Returns
    -------
    str
        One line per tab, with the stages and the agreement clauses by name.
    """
    cat = get_catalogue()
    stages = ", ".join(cat.label("stages", s, lang) for s in PLAN_STAGES)
    clauses = ", ".join(c.label.get(lang) for c in cat.clauses)
    techniques = ", ".join(t.label.get(lang) for t in cat.sustaining)
    lines = [
        f"1. {_(TABS[0])}: " + _("aspects, pattern, shared goal, what each side gives and gets."),
        f"2. {_(TABS[1])}: {stages}.",
        f"3. {_(TABS[2])}: {clauses}.",
        f"4. {_(TABS[3])}: {techniques}.",
        f"5. {_(TABS[4])}: " + _("the plan is checked against the principles of partnership."),
        f"6. {_(TABS[5])}: " + _("the activities drawn on a calendar."),
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------- rows
@dataclass
class ActivityRow:
    """The widgets of one activity of a stage."""

    activity_id: str
    stage: str
    name: w.Text
    start: w.DatePicker
    end: w.DatePicker
    responsible: w.Text
    status: w.Dropdown
    remove: w.Button
    message: w.HTML
    box: w.HBox = field(default_factory=w.HBox)
    confirming: bool = False


# ------------------------------------------------------------------- the view
class PlanView:
    """The widgets of step 4 for one group, rebuilt from the group's file on each build.

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame, with an open session.

    Attributes
    ----------
    root : ipywidgets.VBox
        Everything the step shows.
    add_actor, add_button : ipywidgets.Dropdown, ipywidgets.Button
        Choose a partner from the map and start its partnership.
    current : ipywidgets.Dropdown
        The partnership shown (partnership id).
    fields : dict of str to ipywidgets.Widget
        The shown partnership's fields, by :class:`toolkit.model.Partnership` field name
        (``aspects`` is a dict of checkboxes by aspect id).
    activity_rows : dict of str to ActivityRow
        Activities of the shown partnership, by activity id.
    clauses : dict of str to ipywidgets.Textarea
        Agreement clauses by ``clauses`` catalogue id.
    sustaining : dict of str to (ipywidgets.Checkbox, ipywidgets.Dropdown)
        Sustaining techniques by ``sustaining`` catalogue id.
    sustaining_notes : dict of str to ipywidgets.Textarea
        The note of each sustaining technique (enabled once the technique is chosen).
    """

    def __init__(self, frame: Frame) -> None:
        assert frame.session is not None
        self.frame: Frame = frame
        self.session: GroupSession = frame.session
        self._counter = itertools.count(1)
        self.fields: dict[str, Any] = {}
        self.messages: dict[str, w.HTML] = {}
        self.activity_rows: dict[str, ActivityRow] = {}
        self.new_activity: dict[str, w.Text] = {}
        self.clauses: dict[str, w.Textarea] = {}
        self.sustaining: dict[str, tuple[w.Checkbox, w.Dropdown]] = {}
        self.sustaining_notes: dict[str, w.Textarea] = {}
        self.stale = {CHECK_TAB: True, TIMELINE_TAB: True}
        self.add_actor = w.Dropdown(layout=w.Layout(width="30em"))
        self.add_button = w.Button(description=_("Add partnership"), icon="plus")
        self.add_button.button_style = "primary"
        self.add_message = _message()
        self.current = w.Dropdown(description=_("Partnership"), layout=w.Layout(width="34em"))
        self.remove_button = w.Button(description=_("Remove"), icon="trash")
        self.remove_message = _message()
        self.confirming = False
        self.export_button = w.Button(
            description=_("Make the worksheet"), icon="download", layout=w.Layout(width="auto")
        )
        self.export_result = w.HTML()
        self.check_html = w.HTML()
        self.timeline = w.Image(format="png", layout=w.Layout(max_width="900px"))
        self.panes = [w.VBox() for _t in TABS]
        self.tabs = w.Tab(children=self.panes)
        self.root = w.VBox()
        self.listener = frame.guard(self.on_saved)
        self._build()
        self.session.listeners.append(self.listener)

    # ------------------------------------------------------------- building
    def _build(self) -> None:
        guard = self.frame.guard
        self.add_button.on_click(guard(lambda _b: self.add_partnership()))
        self.remove_button.on_click(guard(lambda _b: self.remove_partnership()))
        self.export_button.on_click(guard(lambda _b: self.export()))
        self.tabs.titles = tuple(_(t) for t in TABS)
        self._fill_actor_choices()
        self._fill_current(getattr(self.frame, _PICK_ATTR, None))
        self.current.observe(guard(self._on_current), names="value")
        self.tabs.selected_index = getattr(self.frame, _TAB_ATTR, MAIN_TAB)
        self.tabs.observe(guard(self._on_tab), names="selected_index")
        self.panes[CHECK_TAB].children = [self.check_html]
        self.panes[TIMELINE_TAB].children = [self.timeline]
        intro = _(
            "Choose partners from your map and plan each partnership: what you partner on, "
            "the pattern, the shared goal, the activities per stage, the agreement and how "
            "to keep it alive. Every change is saved at once."
        )
        self.root.children = [
            w.HTML(f"<p>{html.escape(intro)}</p>"),
            w.HBox([self.add_actor, self.add_button, self.add_message]),
            w.HTML(f"<small>{html.escape(_(_MSG_COVER))}</small>"),
            w.HBox([self.current, self.remove_button, self.remove_message]),
            self.tabs,
            w.HBox([self.export_button]),
            self.export_result,
        ]
        self.show_partnership()

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

    @property
    def pid(self) -> str | None:
        """Id of the partnership shown, or None."""
        return self.current.value or None

    # ------------------------------------------------------ choosing partners
    def _fill_actor_choices(self) -> None:
        group = self.session.group
        planned = {p.actor_id for p in group.plan.partnerships}
        cover = [s.actor_id for s in partner_cover(group)]
        names = {a.id: a.name for a in group.actors}
        order = cover + [a.id for a in group.actors if a.id not in cover]
        options = [(("★ " if a in cover else "") + names[a], a) for a in order if a not in planned]
        self.add_actor.options = options
        self.add_actor.value = options[0][1] if options else None
        self.add_button.disabled = not options
        if not group.actors:
            _show(self.add_message, _(_MSG_NO_MAP))

    def _fill_current(self, wanted: str | None) -> None:
        group = self.session.group
        options = [(group.actor(p.actor_id).name, p.id) for p in group.plan.partnerships]
        self.current.options = options
        ids = [pid for _n, pid in options]
        self.current.value = wanted if wanted in ids else (ids[0] if ids else None)
        self.remove_button.disabled = not ids

    def add_partnership(self) -> None:
        """Start a partnership with the actor chosen in :attr:`add_actor`."""
        actor_id = self.add_actor.value
        if not actor_id:
            _show(self.add_message, _(_MSG_NO_PARTNER))
            return
        group = self.session.group
        pid = next_id("partnership", (p.id for p in group.plan.partnerships))
        pattern = suggest_pattern(group, actor_id).pattern

        def mutate(g: Group) -> None:
            g.plan.partnerships.append(Partnership(id=pid, actor_id=actor_id, pattern=pattern))

        if self.change(self.next_key("add"), mutate, self.add_message, immediate=True):
            self._fill_actor_choices()
            self._fill_current(pid)
            self.show_partnership()

    def remove_partnership(self) -> None:
        """Remove the shown partnership (the first click asks to confirm)."""
        pid = self.pid
        if pid is None:
            return
        if not self.confirming:
            self.confirming = True
            self.remove_button.description = _("Yes, remove")
            self.remove_button.button_style = "danger"
            _show(self.remove_message, _(_MSG_CONFIRM))
            return

        def mutate(g: Group) -> None:
            _partnership(g, pid)
            g.monitoring = [m for m in g.monitoring if m.partnership_id != pid]
            g.health_checks = [h for h in g.health_checks if h.partnership_id != pid]
            activities = {a.id for p in g.plan.partnerships for s in p.stages for a in s.activities}
            g.plan.partnerships = [p for p in g.plan.partnerships if p.id != pid]
            kept = {a.id for p in g.plan.partnerships for s in p.stages for a in s.activities}
            g.monitoring = [m for m in g.monitoring if m.activity_id not in activities - kept]

        self._reset_confirm()
        if self.change(self.next_key(f"remove.{pid}"), mutate, self.remove_message, immediate=True):
            self._fill_actor_choices()
            self._fill_current(None)
            self.show_partnership()

    def _reset_confirm(self) -> None:
        self.confirming = False
        self.remove_button.description = _("Remove")
        self.remove_button.button_style = ""
        _show(self.remove_message, None)

    def _on_current(self, change: dict[str, Any]) -> None:
        setattr(self.frame, _PICK_ATTR, change["new"])
        self._reset_confirm()
        self.show_partnership()

    # ---------------------------------------------------- the partnership
    def show_partnership(self) -> None:
        """Rebuild the partnership's tabs from the model (or a hint when there is none)."""
        pid = self.pid
        self.fields, self.messages, self.activity_rows = {}, {}, {}
        self.clauses, self.sustaining, self.new_activity = {}, {}, {}
        if pid is None:
            hint = w.HTML(f"<p><i>{html.escape(_(_MSG_NO_PARTNERSHIP))}</i></p>")
            for i in (MAIN_TAB, STAGES_TAB, CLAUSES_TAB, SUSTAIN_TAB):
                self.panes[i].children = [hint] if i == MAIN_TAB else []
        else:
            p = _partnership(self.session.group, pid)
            self.panes[MAIN_TAB].children = _main_section(self, p)
            self.panes[STAGES_TAB].children = _stages_section(self, p)
            self.panes[CLAUSES_TAB].children = _clauses_section(self, p)
            self.panes[SUSTAIN_TAB].children = _sustaining_section(self, p)
        self.stale = {CHECK_TAB: True, TIMELINE_TAB: True}
        self.refresh_shown()

    def set_field(self, name: str, value: Any, *, immediate: bool = True) -> None:
        """Save one field of the shown partnership."""
        pid = self.pid

        def mutate(g: Group) -> None:
            setattr(_partnership(g, pid), name, value)

        self.change(f"{pid}.{name}", mutate, self.messages[name], immediate=immediate)

    # ------------------------------------------------------------ refreshing
    def on_saved(self, event: SaveEvent) -> None:
        """After each save: mark the check and timeline stale, redraw the one shown."""
        if not event.ok:
            return
        self.stale = {CHECK_TAB: True, TIMELINE_TAB: True}
        self.refresh_shown()

    def refresh_shown(self) -> None:
        """Redraw the principle check or the timeline when it is on screen and stale."""
        index = self.tabs.selected_index
        if index == CHECK_TAB and self.stale[CHECK_TAB]:
            items = "".join(f"<li>{html.escape(m)}</li>" for m in plan_messages(self.session.group))
            self.check_html.value = f"<ul>{items}</ul>"
            self.stale[CHECK_TAB] = False
        elif index == TIMELINE_TAB and self.stale[TIMELINE_TAB]:
            self.timeline.value = figure_png(timeline_figure(self.session.group))
            self.stale[TIMELINE_TAB] = False

    def _on_tab(self, change: dict[str, Any]) -> None:
        setattr(self.frame, _TAB_ATTR, change["new"])
        self.refresh_shown()

    # ---------------------------------------------------------------- export
    def export(self) -> None:
        """Write the worksheet into the workshop's exports folder, from the saved group.

        What is queued is saved first; then the group is read again from disk
        (:meth:`toolkit.session.GroupSession.reload`), so edits saved in another tab
        or window of the same group are in the worksheet too, and the forms are
        redrawn when they changed.
        """
        folder = self.frame.ws.exports_dir
        if not self.session.flush():
            self._export_error(_(_MSG_EXPORT_UNSAVED))
            return
        try:
            before = self.session.group
            group = self.session.reload()
            if group != before:
                self.redraw()
            paths = export_plan(group, folder)
        except ExportError as exc:
            self._export_error(_(_MSG_EXPORT_FAILED).format(reason=str(exc)))
            return
        except (KemitraanError, OSError, ValueError) as exc:
            self._export_error(_(_MSG_EXPORT_FAILED).format(reason=describe_error(exc)))
            return
        self.export_result.value = f"<b>{html.escape(_(_MSG_EXPORTED))}</b>" + export_links(paths)

    def _export_error(self, message: str) -> None:
        self.export_result.value = f'<span style="{_ERROR_STYLE}">⚠ {html.escape(message)}</span>'

    def redraw(self) -> None:
        """Redraw the partner choices and the shown partnership from the session's group."""
        self._fill_actor_choices()
        self._fill_current(self.pid)
        self.show_partnership()


# ------------------------------------------------------------- main section
def _main_section(view: PlanView, p: Partnership) -> list[w.Widget]:
    guard = view.frame.guard
    cat = get_catalogue()
    boxes = {
        a.id: w.Checkbox(value=a.id in p.aspects, description=a.label.get(), indent=False)
        for a in cat.aspects
    }
    view.fields["aspects"] = boxes
    view.messages["aspects"] = _message()
    for box in boxes.values():
        box.observe(guard(lambda _c: _on_aspects(view)), names="value")
    pattern = w.Dropdown(
        options=[("—", "")] + [(e.label.get(), e.id) for e in cat.patterns],
        value=p.pattern or "",
        layout=w.Layout(width="20em"),
    )
    pattern.observe(guard(lambda c: view.set_field("pattern", c["new"] or None)), names="value")
    view.fields["pattern"] = pattern
    view.messages["pattern"] = _message()
    tip = suggest_pattern(view.session.group, p.actor_id)
    label = cat.label("patterns", tip.pattern)
    suggestion = _(_MSG_SUGGESTED).format(pattern=label, reason=tip.reason)
    lines = [
        w.HBox([_label(_("Aspects")), *boxes.values(), view.messages["aspects"]]),
        w.HBox([_label(_("Pattern")), pattern, view.messages["pattern"]]),
        w.HTML(f"<small style='color:#555'>{html.escape(suggestion)}</small>"),
    ]
    for name, text in _TEXT_FIELDS:
        area = w.Textarea(value=getattr(p, name), rows=2, layout=w.Layout(width="40em"))
        area.observe(
            guard(lambda c, n=name: view.set_field(n, c["new"], immediate=False)), names="value"
        )
        view.fields[name], view.messages[name] = area, _message()
        lines.append(w.HBox([_label(_(text)), area, view.messages[name]]))
    lines += _dates(view, p)
    return lines


def _dates(view: PlanView, p: Partnership) -> list[w.Widget]:
    guard = view.frame.guard
    start = w.DatePicker(value=p.start_date)
    months = w.BoundedIntText(value=p.duration_months or 0, min=0, max=120)
    months.layout.width = "7em"
    review = w.DatePicker(value=p.review_date)
    start.observe(guard(lambda c: view.set_field("start_date", c["new"])), names="value")
    months.observe(guard(lambda c: view.set_field("duration_months", c["new"] or None)), "value")
    review.observe(guard(lambda c: view.set_field("review_date", c["new"])), names="value")
    out = []
    for name, widget, text in (
        ("start_date", start, N_("Start date")),
        ("duration_months", months, N_("Duration (months)")),
        ("review_date", review, N_("Review date")),
    ):
        view.fields[name], view.messages[name] = widget, _message()
        out.append(w.HBox([_label(_(text)), widget, view.messages[name]]))
    return out


def _on_aspects(view: PlanView) -> None:
    chosen = [aid for aid, box in view.fields["aspects"].items() if box.value]
    view.set_field("aspects", chosen)


# ----------------------------------------------------------- stages section
def _shown_stages(p: Partnership) -> list[str]:
    extra = [s.stage for s in p.stages if s.stage not in PLAN_STAGES and s.activities]
    order = {e.id: e.order for e in get_catalogue().stages}
    return sorted([*PLAN_STAGES, *extra], key=order.__getitem__)


def _stages_section(view: PlanView, p: Partnership) -> list[w.Widget]:
    cat = get_catalogue()
    parts: list[w.Widget] = []
    head = [
        (N_("Activity"), "20em"),
        (N_("Start"), "11em"),
        (N_("End"), "11em"),
        (N_("Responsible"), "14em"),
        (N_("Status"), "10em"),
    ]
    header = w.HBox([_label(_(t), wd) for t, wd in head])
    for stage in _shown_stages(p):
        entry = cat.get("stages", stage)
        rows = w.VBox()
        view.fields[f"stage:{stage}"] = rows
        _fill_stage(view, p, stage)
        text = w.Text(placeholder=_("a new activity"), layout=w.Layout(width="24em"))
        button = w.Button(description=_("Add activity"), icon="plus")
        message = _message()
        view.new_activity[stage], view.messages[f"add:{stage}"] = text, message
        button.on_click(view.frame.guard(lambda _b, s=stage: _add_activity(view, s)))
        title = f"<h4 style='margin:0.8em 0 0.2em'>{html.escape(entry.label.get())}</h4>"
        parts += [w.HTML(title), header, rows, w.HBox([text, button, message])]
    return parts


def _fill_stage(view: PlanView, p: Partnership, stage: str) -> None:
    for key in [k for k, r in view.activity_rows.items() if r.stage == stage]:
        del view.activity_rows[key]
    activities = next((s.activities for s in p.stages if s.stage == stage), [])
    rows = [_activity_row(view, a, stage) for a in activities]
    for row in rows:
        view.activity_rows[row.activity_id] = row
    view.fields[f"stage:{stage}"].children = [r.box for r in rows]


def _activity_row(view: PlanView, a: Activity, stage: str) -> ActivityRow:
    guard = view.frame.guard
    row = ActivityRow(
        activity_id=a.id,
        stage=stage,
        name=w.Text(value=a.name, layout=w.Layout(width="20em")),
        start=w.DatePicker(value=a.start, layout=w.Layout(width="11em")),
        end=w.DatePicker(value=a.end, layout=w.Layout(width="11em")),
        responsible=w.Text(value=a.responsible, layout=w.Layout(width="14em")),
        status=w.Dropdown(
            options=_options(ACTIVITY_STATUS_LABELS), value=a.status, layout=w.Layout(width="10em")
        ),
        remove=w.Button(description=_("Remove"), icon="trash", layout=w.Layout(width="8em")),
        message=_message(),
    )
    for name in ("name", "start", "end", "responsible", "status"):
        immediate = name not in ("name", "responsible")
        handler = _on_activity(view, row, name, immediate=immediate)
        getattr(row, name).observe(guard(handler), names="value")
    row.remove.on_click(guard(lambda _b: _remove_activity(view, row)))
    row.box = w.HBox(
        [row.name, row.start, row.end, row.responsible, row.status, row.remove, row.message]
    )
    return row


def _on_activity(
    view: PlanView, row: ActivityRow, name: str, *, immediate: bool
) -> Callable[[dict], None]:
    def handler(change: dict[str, Any]) -> None:
        pid, value = view.pid, change["new"]

        def mutate(g: Group) -> None:
            setattr(_activity(_partnership(g, pid), row.activity_id), name, value)

        key = f"{row.activity_id}.{name}"
        view.change(key, mutate, row.message, immediate=immediate)

    return handler


def _add_activity(view: PlanView, stage: str) -> None:
    message, name = view.messages[f"add:{stage}"], view.new_activity[stage].value.strip()
    if not name:
        _show(message, _(_MSG_NAME_EMPTY))
        return
    pid = view.pid
    group = view.session.group
    used = [a.id for p in group.plan.partnerships for s in p.stages for a in s.activities]
    aid = next_id("activity", used)

    def mutate(g: Group) -> None:
        _stage_plan(_partnership(g, pid), stage).activities.append(Activity(id=aid, name=name))

    if view.change(view.next_key(f"add.{stage}"), mutate, message, immediate=True):
        view.new_activity[stage].value = ""
        _fill_stage(view, _partnership(view.session.group, pid), stage)


def _remove_activity(view: PlanView, row: ActivityRow) -> None:
    if not row.confirming:
        row.confirming = True
        row.remove.description, row.remove.button_style = _("Yes, remove"), "danger"
        return
    pid, aid, stage = view.pid, row.activity_id, row.stage

    def mutate(g: Group) -> None:
        p = _partnership(g, pid)
        _activity(p, aid)  # KeyError when it is gone already
        for s in p.stages:
            s.activities = [a for a in s.activities if a.id != aid]
        for m in g.monitoring:
            if m.activity_id == aid:
                m.activity_id = None

    if view.change(view.next_key(f"remove.{aid}"), mutate, row.message, immediate=True):
        _fill_stage(view, _partnership(view.session.group, pid), stage)


# ---------------------------------------------------------- clauses section
def _clauses_section(view: PlanView, p: Partnership) -> list[w.Widget]:
    intro = _("What the written agreement (MoU) says, clause by clause.")
    lines: list[w.Widget] = [w.HTML(f"<p>{html.escape(intro)}</p>")]
    for entry in get_catalogue().clauses:
        area = w.Textarea(
            value=p.clauses.get(entry.id, ""),
            rows=2,
            placeholder=entry.description.get(),
            layout=w.Layout(width="40em"),
        )
        message = _message()
        area.observe(
            view.frame.guard(lambda c, cid=entry.id, m=message: _on_clause(view, cid, c, m)),
            names="value",
        )
        view.clauses[entry.id] = area
        lines.append(w.HBox([_label(entry.label.get()), area, message]))
    return lines


def _on_clause(view: PlanView, cid: str, change: dict[str, Any], message: w.HTML) -> None:
    pid, text = view.pid, change["new"]

    def mutate(g: Group) -> None:
        p = _partnership(g, pid)
        clauses = {k: v for k, v in p.clauses.items() if k != cid}
        if text.strip():
            clauses[cid] = text
        p.clauses = clauses

    view.change(f"{pid}.clause.{cid}", mutate, message, immediate=False)


# -------------------------------------------------------- sustaining section
def _sustaining_section(view: PlanView, p: Partnership) -> list[w.Widget]:
    chosen = {s.technique: s for s in p.sustaining}
    message = _message()
    view.messages["sustaining"] = message
    lines: list[w.Widget] = []
    for entry in get_catalogue().sustaining:
        plan = chosen.get(entry.id)
        box = w.Checkbox(
            value=plan is not None,
            description=entry.label.get(),
            indent=False,
            tooltip=entry.description.get(),
            layout=w.Layout(width="22em"),
        )
        rhythm = w.Dropdown(
            options=_options(RHYTHM_LABELS),
            value=plan.rhythm if plan else entry.default_rhythm,
            layout=w.Layout(width="14em"),
        )
        note = w.Textarea(
            value=plan.note if plan else "",
            rows=1,
            placeholder=_("note: who, how, when"),
            disabled=plan is None,
            layout=w.Layout(width="26em"),
        )
        view.sustaining[entry.id] = (box, rhythm)
        view.sustaining_notes[entry.id] = note
        for widget in (box, rhythm):
            widget.observe(view.frame.guard(lambda _c: _on_sustaining(view)), names="value")
        note.observe(
            view.frame.guard(lambda c, tid=entry.id: _on_sustaining_note(view, tid, c["new"])),
            names="value",
        )
        lines.append(w.HBox([box, rhythm, note]))
    return [*lines, message]


def _on_sustaining(view: PlanView) -> None:
    pid = view.pid
    picked = {tid: rhythm.value for tid, (box, rhythm) in view.sustaining.items() if box.value}
    notes = {tid: area.value for tid, area in view.sustaining_notes.items()}
    for tid, area in view.sustaining_notes.items():
        area.disabled = tid not in picked

    def mutate(g: Group) -> None:
        p = _partnership(g, pid)
        p.sustaining = [
            SustainingPlan(technique=tid, rhythm=rhythm, note=notes.get(tid, ""))
            for tid, rhythm in picked.items()
        ]

    view.change(f"{pid}.sustaining", mutate, view.messages["sustaining"], immediate=True)


def _on_sustaining_note(view: PlanView, technique: str, text: str) -> None:
    pid = view.pid

    def mutate(g: Group) -> None:
        for s in _partnership(g, pid).sustaining:
            if s.technique == technique:
                s.note = text
                return
        raise KeyError(technique)  # not chosen (any more): nothing to note

    key = f"{pid}.sustaining.{technique}.note"
    view.change(key, mutate, view.messages["sustaining"], immediate=False)


# ------------------------------------------------------------------ entry
def build_plan(frame: Frame) -> list[w.Widget]:
    """Build the widgets of step 4 for the frame's group (the frame's builder).

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame with an open session (``frame.session``).

    Returns
    -------
    list of ipywidgets.Widget
        One box: the partner chooser, the partnership's tabs and the export button.

    Notes
    -----
    The view is kept as ``frame.plan_view``; building again first detaches the
    previous view's save listener, so rebuilding never stacks listeners.
    """
    return [frame.replace_view(VIEW_ATTR, PlanView).root]


def plan_app(workshop: Workshop | Path | str | None = None, **kw: Any) -> Frame:
    """Open step 4, *Rencana kemitraan*, for one group of a workshop.

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
    """
    return Frame("rencana", build_plan, workshop=workshop, **kw)
