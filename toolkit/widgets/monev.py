"""Step 5 "Monitoring dan evaluasi" (monev): follow the plan months after the workshop.

The LKP's staff pick a partnership, mark how each planned activity stands (status and
evidence), add dated monitoring notes, rate the partnership's health per principle
(merah, kuning, hijau) and write the progress report (laporan kemajuan). Every widget
reads from ``frame.session.group`` and writes through
:meth:`toolkit.session.GroupSession.change`.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.6, "Monitoring dan
evaluasi"; Bab II B, "Teknik melestarikan kemitraan" (laporan kemajuan).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..analysis.monev import (
    HEALTH_COLOURS,
    HEALTH_LABELS,
    HEALTH_LEVELS,
    STATUS_LABELS,
    changes_since_last,
    describe_health_colours,
    health_summary,
)
from ..catalogue import get_catalogue
from ..errors import KemitraanError
from ..export.report import export_progress
from ..i18n import N_
from ..i18n import gettext as _
from ..model import Activity, Group, HealthCheck, HealthRating, MonitoringEntry, next_id
from ..session import GroupSession, Mutation, SaveEvent, describe_error
from ..storage import Workshop
from .frame import Frame, close_tree
from .plan import export_links

__all__ = ["MonevView", "ActivityRow", "build_monev", "monev_app", "describe_health_colours"]

VIEW_ATTR = "monev_view"
_PICK_ATTR = "monev_partnership"
_ERROR_STYLE = "color:#b00020"
TABS = (
    N_("Activities"),
    N_("Monitoring notes"),
    N_("Health check"),
    N_("Summary and report"),
)
_MSG_NO_PLAN = N_(
    "There is no partnership in the plan yet: make the plan in step 4 first, then come back."
)
_MSG_NO_DATE = N_("Choose the date first.")
_MSG_NO_ACTIVITY = N_("Choose the activity first.")
_MSG_NO_RATING = N_("Rate at least one principle first.")
_MSG_ADDED = N_("The monitoring note is saved.")
_MSG_CHECKED = N_("The health check is saved.")
_MSG_WRITTEN = N_("The progress report is written:")
_MSG_REPORT = N_("Write the progress report")
_MSG_REPORT_FAILED = N_("The progress report could not be written: {reason}")
_MSG_REPORT_UNSAVED = N_(
    "The progress report was not written: the last changes could not be saved yet (see "
    "the message at the top). Try again in a moment."
)


def _show(message: w.HTML, error: str | None, *, ok: str | None = None) -> None:
    if error:
        message.value = f'<span style="{_ERROR_STYLE}">⚠ {html.escape(error)}</span>'
    else:
        message.value = f'<span style="color:#1b5e20">✓ {html.escape(ok)}</span>' if ok else ""


def _status_options() -> list[tuple[str, str]]:
    return [(_(label), key) for key, label in STATUS_LABELS.items()]


def _find_activity(group: Group, activity_id: str) -> tuple[str, Activity]:
    for p in group.plan.partnerships:
        for s in p.stages:
            for a in s.activities:
                if a.id == activity_id:
                    return s.stage, a
    raise KeyError(activity_id)


@dataclass
class ActivityRow:
    """The status and evidence of one planned activity."""

    activity_id: str
    status: w.Dropdown
    evidence: w.Textarea
    message: w.HTML
    box: w.Box


class MonevView:
    """The widgets of step 5 for one group, rebuilt from the group's file on each build.

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame, with an open session.

    Attributes
    ----------
    root : ipywidgets.VBox
        Everything the step shows.
    partnership : ipywidgets.Dropdown
        The partnership followed (value: partnership id).
    rows : dict of str to ActivityRow
        Status and evidence per activity id of the picked partnership.
    note_date, note_activity, note_status, note_evidence, note_text : ipywidgets.Widget
        The form of a new monitoring note; :attr:`note_add` saves it.
    check_date, check_changes : ipywidgets.Widget
        Date and "what changed" of a new health check; :attr:`check_save` saves it.
    levels, level_notes : dict of str to ipywidgets.Widget
        Per principle id: the merah/kuning/hijau buttons and a note.
    summary, changes, notes_table : ipywidgets.HTML
        The latest health check, what changed, the monitoring notes.
    report : ipywidgets.Button
        Writes the progress report; :attr:`report_paths` lists the written files.
    """

    def __init__(self, frame: Frame) -> None:
        assert frame.session is not None
        self.frame, self.session = frame, frame.session
        self.session: GroupSession
        self._counter = itertools.count(1)
        self.rows: dict[str, ActivityRow] = {}
        self.levels: dict[str, w.ToggleButtons] = {}
        self.level_notes: dict[str, w.Text] = {}
        self.root, self.body = w.VBox(), w.VBox()
        self.tabs: w.Tab | None = None
        self.listener = frame.guard(self.on_saved)
        self._build()
        self.session.listeners.append(self.listener)

    # ---------------------------------------------------------------- build
    def _build(self) -> None:
        group = self.session.group
        options = [(group.actor(p.actor_id).name, p.id) for p in group.plan.partnerships]
        self.partnership = w.Dropdown(options=options, layout=w.Layout(width="32em"))
        self.partnership.description = _("Partnership")
        if not options:
            self.root.children = [w.HTML(f"<p><i>{html.escape(_(_MSG_NO_PLAN))}</i></p>")]
            return
        keep = getattr(self.frame, _PICK_ATTR, None)
        if keep in dict(options).values():
            self.partnership.value = keep
        self.partnership.observe(self.frame.guard(self._on_pick), names="value")
        intro = _(
            "Pick a partnership, mark how each activity stands, add dated monitoring notes, "
            "rate the partnership per principle and write the progress report. Every change "
            "is saved at once."
        )
        self.root.children = [w.HTML(f"<p>{html.escape(intro)}</p>"), self.partnership, self.body]
        self._fill()

    def _fill(self) -> None:
        old, index = list(self.body.children), self.tabs.selected_index if self.tabs else 0
        # fresh output widgets: the old ones are closed with the old tabs below
        self.summary, self.changes, self.notes_table = w.HTML(), w.HTML(), w.HTML()
        self.report_paths = w.HTML()
        self.tabs = w.Tab(
            children=[
                self._activities_section(),
                self._notes_section(),
                self._health_section(),
                self._summary_section(),
            ]
        )
        self.tabs.titles = tuple(_(t) for t in TABS)
        self.tabs.selected_index = index
        self.body.children = [self.tabs]
        for widget in old:
            close_tree(widget)
        self.refresh()

    def _partnership(self):
        pid = self.partnership.value
        return next(p for p in self.session.group.plan.partnerships if p.id == pid)

    def _on_pick(self, change: dict[str, Any]) -> None:
        setattr(self.frame, _PICK_ATTR, change["new"])
        self._fill()

    def detach(self) -> None:
        """Stop listening to saves (called before the step is rebuilt)."""
        if self.listener in self.session.listeners:
            self.session.listeners.remove(self.listener)

    def change(self, key: str, mutate: Mutation, message: w.HTML, *, immediate: bool) -> bool:
        """Send one edit to the session; show its problem next to the field."""
        error = self.session.change(key, mutate, immediate=immediate)
        _show(message, error)
        return error is None

    def on_saved(self, event: SaveEvent) -> None:
        """After each save: redraw the summary, the changes and the notes."""
        if event.ok:
            self.refresh()

    # ----------------------------------------------------------- activities
    def _activities_section(self) -> w.VBox:
        p, cat = self._partnership(), get_catalogue()
        order = {s.id: i for i, s in enumerate(cat.stages)}
        parts: list[w.Widget] = []
        self.rows = {}
        for stage in sorted(p.stages, key=lambda s: order.get(s.stage, 99)):
            if not stage.activities:
                continue
            parts.append(w.HTML(f"<h4>{html.escape(cat.label('stages', stage.stage))}</h4>"))
            for a in stage.activities:
                self.rows[a.id] = self._activity_row(a)
                parts.append(self.rows[a.id].box)
        return w.VBox(parts)

    def _activity_row(self, a: Activity) -> ActivityRow:
        status = w.Dropdown(
            options=_status_options(), value=a.status, layout=w.Layout(width="10em")
        )
        evidence = w.Textarea(
            value=a.evidence,
            rows=2,
            placeholder=_("evidence: attendance list, photo, signed letter …"),
            layout=w.Layout(width="28em"),
        )
        message = w.HTML()
        title = w.HTML(f"<b>{html.escape(a.name)}</b>", layout=w.Layout(width="20em"))
        row = ActivityRow(
            a.id, status, evidence, message, w.HBox([title, status, evidence, message])
        )
        status.observe(
            self.frame.guard(lambda c: self._set(row, "status", c["new"], True)), "value"
        )
        evidence.observe(
            self.frame.guard(lambda c: self._set(row, "evidence", c["new"], False)), "value"
        )
        return row

    def _set(self, row: ActivityRow, field: str, value: str, immediate: bool) -> None:
        def mutate(group: Group) -> None:
            setattr(_find_activity(group, row.activity_id)[1], field, value)

        self.change(f"{row.activity_id}.{field}", mutate, row.message, immediate=immediate)

    # ---------------------------------------------------------------- notes
    def _notes_section(self) -> w.VBox:
        p, cat = self._partnership(), get_catalogue()
        choices = [("—", "")] + [
            (f"{cat.label('stages', s.stage)} — {a.name}", a.id)
            for s in p.stages
            for a in s.activities
        ]
        self.note_date = w.DatePicker(value=dt.date.today(), description=_("Date"))
        self.note_activity = w.Dropdown(options=choices, description=_("Activity"))
        self.note_activity.layout.width = "40em"
        self.note_status = w.Dropdown(
            options=_status_options(), value="berjalan", description=_("Status")
        )
        self.note_evidence = w.Textarea(description=_("Evidence"), rows=2)
        self.note_text = w.Textarea(description=_("Note"), rows=3)
        for box in (self.note_evidence, self.note_text):
            box.layout.width = "40em"
        self.note_add = w.Button(description=_("Add monitoring note"), icon="plus")
        self.note_add.button_style = "primary"
        self.note_message = w.HTML()
        self.note_add.on_click(self.frame.guard(lambda _b: self.add_note()))
        form = [self.note_date, self.note_activity, self.note_status, self.note_evidence]
        form += [self.note_text, w.HBox([self.note_add, self.note_message])]
        return w.VBox([self.notes_table, w.HTML(f"<h4>{html.escape(_('New note'))}</h4>"), *form])

    def add_note(self) -> None:
        """Save the note form as a :class:`toolkit.model.MonitoringEntry`.

        The activity's status in the plan becomes the note's status.
        """
        day, activity_id = self.note_date.value, self.note_activity.value
        if day is None:
            return _show(self.note_message, _(_MSG_NO_DATE))
        if not activity_id:
            return _show(self.note_message, _(_MSG_NO_ACTIVITY))
        pid, status = self.partnership.value, self.note_status.value
        evidence, note = self.note_evidence.value.strip(), self.note_text.value.strip()

        def mutate(group: Group) -> None:
            stage, activity = _find_activity(group, activity_id)
            entry_id = next_id("monev", (m.id for m in group.monitoring))
            group.monitoring.append(
                MonitoringEntry(
                    id=entry_id,
                    date=day,
                    partnership_id=pid,
                    stage=stage,
                    activity_id=activity_id,
                    status=status,
                    evidence=evidence,
                    note=note,
                )
            )
            activity.status = status

        key = f"monev.add#{next(self._counter)}"
        if self.change(key, mutate, self.note_message, immediate=True):
            self.note_evidence.value = self.note_text.value = ""
            row = self.rows.get(activity_id)
            if row is not None:
                row.status.value = status
            _show(self.note_message, None, ok=_(_MSG_ADDED))

    # --------------------------------------------------------------- health
    def _health_section(self) -> w.VBox:
        levels = [(_(HEALTH_LABELS[lv]), lv) for lv in HEALTH_LEVELS]
        self.check_date = w.DatePicker(value=dt.date.today(), description=_("Date"))
        parts: list[w.Widget] = [w.HTML(f"<pre>{html.escape(describe_health_colours())}</pre>")]
        parts.append(self.check_date)
        self.levels, self.level_notes = {}, {}
        for principle in get_catalogue().principles:
            buttons = w.ToggleButtons(options=levels, value=None)
            buttons.style.button_width = "6em"
            note = w.Text(placeholder=_("why this colour?"), layout=w.Layout(width="26em"))
            self.levels[principle.id], self.level_notes[principle.id] = buttons, note
            title = w.HTML(f"<b>{html.escape(principle.label.get())}</b>")
            title.layout.width = "18em"
            parts.append(w.HBox([title, buttons, note]))
        self.check_changes = w.Textarea(rows=3, layout=w.Layout(width="40em"))
        self.check_changes.placeholder = _("what changed since the last review?")
        self.check_save = w.Button(description=_("Save health check"), icon="check")
        self.check_save.button_style = "primary"
        self.check_message = w.HTML()
        self.check_save.on_click(self.frame.guard(lambda _b: self.save_check()))
        label = _("What changed since the last review")
        parts += [w.HTML(f"<b>{html.escape(label)}</b>"), self.check_changes]
        parts.append(w.HBox([self.check_save, self.check_message]))
        return w.VBox(parts)

    def save_check(self) -> None:
        """Save the health check form as a :class:`toolkit.model.HealthCheck`."""
        day = self.check_date.value
        if day is None:
            return _show(self.check_message, _(_MSG_NO_DATE))
        ratings = {
            pid: HealthRating(level=b.value, note=self.level_notes[pid].value.strip())
            for pid, b in self.levels.items()
            if b.value
        }
        if not ratings:
            return _show(self.check_message, _(_MSG_NO_RATING))
        pid, changes = self.partnership.value, self.check_changes.value.strip()

        def mutate(group: Group) -> None:
            check_id = next_id("health", (h.id for h in group.health_checks))
            group.health_checks.append(
                HealthCheck(
                    id=check_id, date=day, partnership_id=pid, ratings=ratings, changes=changes
                )
            )

        if self.change(
            f"health.add#{next(self._counter)}", mutate, self.check_message, immediate=True
        ):
            for pid_ in self.levels:
                self.levels[pid_].value = None
                self.level_notes[pid_].value = ""
            self.check_changes.value = ""
            _show(self.check_message, None, ok=_(_MSG_CHECKED))

    # -------------------------------------------------------------- summary
    def _summary_section(self) -> w.VBox:
        self.report = w.Button(description=_(_MSG_REPORT), icon="file")
        self.report.layout.width = "18em"
        self.report.on_click(self.frame.guard(lambda _b: self.write_report()))
        changes = html.escape(_("What changed since the last review"))
        return w.VBox(
            [
                self.summary,
                w.HTML(f"<h4>{changes}</h4>"),
                self.changes,
                self.report,
                self.report_paths,
            ]
        )

    def refresh(self) -> None:
        """Redraw the notes, the latest health check and what changed, from the model."""
        group, pid = self.session.group, self.partnership.value
        self.notes_table.value = _notes_html(group, pid)
        self.summary.value = _summary_html(group, pid)
        items = "".join(f"<li>{html.escape(s)}</li>" for s in changes_since_last(group, pid))
        none = html.escape(_("Nothing to compare yet: it needs two reviews or two notes."))
        self.changes.value = f"<ul>{items}</ul>" if items else f"<p><i>{none}</i></p>"

    def write_report(self) -> list[Path]:
        """Write the progress report (DOCX and HTML) into the workshop's exports folder.

        What is queued is saved first and the group is read again from disk, so edits
        saved in another tab of the same group are reported too (the forms are
        redrawn when they changed). A problem is shown under the button.

        Returns
        -------
        list of pathlib.Path
            The files written; empty when they could not be written.
        """
        if not self.session.flush():
            self._report_error(_(_MSG_REPORT_UNSAVED))
            return []
        try:
            before = self.session.group
            group = self.session.reload()
            if group != before:
                self.redraw()
            paths = export_progress(group, self.frame.ws.exports_dir)
        except (KemitraanError, OSError, ValueError) as exc:
            self._report_error(_(_MSG_REPORT_FAILED).format(reason=describe_error(exc)))
            return []
        self.report_paths.value = f"<p>{html.escape(_(_MSG_WRITTEN))}</p>" + export_links(paths)
        return paths

    def _report_error(self, message: str) -> None:
        self.report_paths.value = f'<span style="{_ERROR_STYLE}">⚠ {html.escape(message)}</span>'

    def redraw(self) -> None:
        """Rebuild the partnership choice and the tabs from the session's group."""
        group = self.session.group
        options = [(group.actor(p.actor_id).name, p.id) for p in group.plan.partnerships]
        if not options or self.tabs is None:
            self._build()
            return
        keep = self.partnership.value
        self.partnership.options = options
        self.partnership.value = keep if keep in dict(options).values() else options[0][1]
        self._fill()


_CELL = "border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top"


def _table(headers: list[str], rows: list[list[str]], raw: int | None = None) -> str:
    """Return an HTML table, every cell escaped except column `raw` (already HTML)."""
    head = "".join(f"<th style='{_CELL}'>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='{_CELL}'>{c if i == raw else html.escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{body}</table>"


def _notes_html(group: Group, pid: str) -> str:
    names = {a.id: a.name for p in group.plan.partnerships for s in p.stages for a in s.activities}
    rows = [
        [
            m.date.isoformat(),
            names.get(m.activity_id or "", ""),
            _(STATUS_LABELS[m.status]),
            m.evidence,
            m.note,
        ]
        for m in sorted(group.monitoring, key=lambda m: m.date)
        if m.partnership_id == pid
    ]
    if not rows:
        return f"<p><i>{html.escape(_('No monitoring notes yet.'))}</i></p>"
    headers = [_("Date"), _("Activity"), _("Status"), _("Evidence"), _("Note")]
    return _table(headers, rows)


def _summary_html(group: Group, pid: str) -> str:
    df = health_summary(group)
    df = df[df.partnership_id == pid]
    if df.empty:
        return f"<p><i>{html.escape(_('No health check yet.'))}</i></p>"
    cat = get_catalogue()
    rows = [
        [
            cat.label("principles", r.principle),
            f"<span style='background:{HEALTH_COLOURS[r.level]};color:#fff;padding:0 6px'>"
            f"{html.escape(_(HEALTH_LABELS[r.level]))}</span>",
            r.note,
        ]
        for r in df.itertuples()
    ]
    day = df.iloc[0].date.isoformat()
    title = html.escape(_("Latest health check ({date})").format(date=day))
    return f"<h4>{title}</h4>" + _table([_("Principle"), _("Colour"), _("Note")], rows, raw=1)


def build_monev(frame: Frame) -> list[w.Widget]:
    """Build the widgets of step 5 for the frame's group (the frame's builder).

    Parameters
    ----------
    frame : toolkit.widgets.Frame
        The step's frame with an open session.

    Returns
    -------
    list of ipywidgets.Widget
        One box: the partnership picker and the tabs activities, monitoring notes,
        health check, summary and report.

    Notes
    -----
    The view is kept as ``frame.monev_view``; building again first detaches the
    previous view's save listener, so rebuilding never stacks listeners.
    """
    return [frame.replace_view(VIEW_ATTR, MonevView).root]


def monev_app(workshop: Workshop | Path | str | None = None, **kw: Any) -> Frame:
    """Open step 5, *Monitoring dan evaluasi*, for one group of a workshop.

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
    return Frame("monev", build_monev, workshop=workshop, **kw)
