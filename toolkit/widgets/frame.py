"""The common frame of every step notebook: header, group picker, language, progress, status.

A :class:`Frame` is built from the files on disk each time its cell runs; it holds
no data of its own. The body of the step is made by a builder function that reads
``frame.session.group`` and writes through ``frame.session.change`` (see
:mod:`toolkit.session`).
"""

from __future__ import annotations

import html
import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import i18n
from ..errors import KemitraanError
from ..i18n import N_
from ..i18n import gettext as _
from ..model import STEPS
from ..paths import default_workshop_path
from ..progress import STEP_LABELS, step_checks
from ..session import GroupSession, SaveEvent, describe_error
from ..storage import Workshop
from .memory import OFFLINE_MESSAGE, GroupMemory

__all__ = ["Frame", "Builder", "close_tree"]

log = logging.getLogger(__name__)

#: A step's body: given the frame (with an open session), return its widgets.
Builder = Callable[["Frame"], list[w.Widget]]

LANG_OPTIONS = (("Indonesia", "id"), ("English", "en"))


def close_tree(widget: w.Widget) -> int:
    """Close a widget and everything inside it (children, layouts, styles).

    Parameters
    ----------
    widget : ipywidgets.Widget
        The root of the tree to close.

    Returns
    -------
    int
        How many widget objects were closed.

    Notes
    -----
    A rebuilt step replaces thousands of widgets; without closing them the kernel
    and the browser keep every old copy alive and grow slower all day.
    """
    stack, seen, closed = [widget], set(), 0
    while stack:
        item = stack.pop()
        if not isinstance(item, w.Widget) or id(item) in seen:
            continue
        seen.add(id(item))
        stack.extend(getattr(item, "children", ()) or ())
        stack.extend(x for x in (getattr(item, "layout", None), getattr(item, "style", None)) if x)
        item.close()
        closed += 1
    return closed


#: The frame currently shown per (step, workshop, fixed group) in this kernel.
_LIVE: dict[tuple[str, str, str], weakref.ref] = {}


class Frame(w.VBox):
    """Header, group picker, language switch, step progress and status line of a step.

    Parameters
    ----------
    step : str
        The workshop step shown (one of :data:`toolkit.model.STEPS`).
    build : callable, optional
        ``build(frame) -> list of widgets``: the step's forms for the picked group.
    workshop : toolkit.Workshop or path-like, optional
        The workshop; default :func:`toolkit.default_workshop_path`.
    delay : float, default 0.4
        Seconds of quiet typing before a text is saved.
    timer : callable, optional
        Scheduler for delayed saves (tests pass a manual one).
    group : str, optional
        Open this group at once and lock the picker: the group's own copy of the
        notebooks (``notebooks/kelompok/<id>/``, see :mod:`toolkit.group_notebooks`)
        passes it, so groups sharing one server never share a kernel or a form.

    Raises
    ------
    KeyError
        If `step` is unknown.
    toolkit.KemitraanError
        If the workshop cannot be opened (shown as text by :func:`open_step`).
    """

    def __init__(
        self,
        step: str,
        build: Builder | None = None,
        *,
        workshop: Workshop | Path | str | None = None,
        delay: float = 0.4,
        timer: Any = None,
        group: str | None = None,
    ) -> None:
        if step not in STEPS:
            raise KeyError(step)
        super().__init__(layout=w.Layout(width="100%"))
        self.ws = (
            workshop
            if isinstance(workshop, Workshop)
            else Workshop.open(workshop or default_workshop_path())
        )
        self.step, self.build, self.delay, self.timer = step, build, delay, timer
        self.fixed_group = group
        self.session: GroupSession | None = None
        self._quiet = False
        i18n.set_language(self.ws.info.language)
        self.title = w.HTML()
        self.picker = w.Dropdown(layout=w.Layout(width="28em"))
        self.lang = w.ToggleButtons(options=LANG_OPTIONS, value=i18n.get_language())
        self.lang.style.button_width = "7em"
        self.progress = w.IntProgress(min=0, max=100, layout=w.Layout(width="16em"))
        self.progress_label = w.HTML()
        self.status = w.HTML(layout=w.Layout(min_height="1.6em"))
        self.status.add_class("kemitraan-status")
        self.body = w.VBox(layout=w.Layout(width="100%"))
        self.memory = GroupMemory(workshop=str(self.ws.path.resolve()))
        self.picker.observe(self._guarded(self._on_pick), names="value")
        self.lang.observe(self._guarded(self._on_lang), names="value")
        self.memory.observe(self._guarded(self._on_memory), names="group_id")
        self.children = [
            self.title,
            w.HBox([self.picker, self.lang]),
            w.HBox([self.progress, self.progress_label]),
            self.status,
            self.body,
            self.memory,
        ]
        self._render_labels()
        self._retire_previous()
        if group is not None:
            self.picker.disabled = True
            self.select(group)

    def _retire_previous(self) -> None:
        """Close the frame an earlier run of the same cell made (re-running must not pile up)."""
        key = (self.step, str(self.ws.path.resolve()), self.fixed_group or "")
        previous = _LIVE.get(key)
        old = previous() if previous else None
        if old is not None and old is not self:
            if old.session is not None:
                old.session.flush()
                old.session.listeners.clear()
            close_tree(old)
        _LIVE[key] = weakref.ref(self)

    def replace_view(self, name: str, make: Callable[[Frame], Any]) -> Any:
        """Swap the step's view kept on the frame as attribute `name` for a new one.

        Parameters
        ----------
        name : str
            Attribute name, e.g. ``"needs_view"``.
        make : callable
            ``make(frame) -> view``; the view may have a ``detach()`` method that stops
            it listening to saves.

        Returns
        -------
        object
            The new view. The previous one is detached first, so rebuilding never
            stacks save listeners.
        """
        previous = getattr(self, name, None)
        if previous is not None and hasattr(previous, "detach"):
            previous.detach()
        view = make(self)
        setattr(self, name, view)
        return view

    # ----------------------------------------------------------------- helpers
    def _guarded(self, fn: Callable[..., None]) -> Callable[..., None]:
        """Wrap a callback so no error is lost in the log: it goes to the status line."""

        def run(*args: Any, **kwargs: Any) -> None:
            try:
                fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - shown to the participant
                log.exception("widget callback failed")
                self.show_error(describe_error(exc))

        return run

    guard = _guarded

    def show_error(self, message: str) -> None:
        """Show a problem in plain words on the status line."""
        self.status.value = f'<span style="color:#b00020">⚠ {html.escape(message)}</span>'

    def show_saved(self, event: SaveEvent) -> None:
        """Show the result of a save on the status line and update the progress bar."""
        if not event.ok:
            self.show_error(event.message)
            return
        stamp = event.time.strftime("%H:%M:%S")
        self.status.value = (
            f'<span style="color:#1b5e20" data-revision="{event.revision}">'
            f"✓ {html.escape(event.message)} · {stamp}</span>"
        )
        self.update_progress()

    def update_progress(self) -> None:
        """Recompute the step's completion from the group's data."""
        if self.session is None:
            self.progress.value, self.progress_label.value = 0, ""
            return
        checks = step_checks(self.session.group, self.step)
        state = self.session.group.steps.get(self.step)
        pct = 100 if state and state.done else round(100 * sum(checks) / len(checks))
        self.progress.value = pct
        self.progress_label.value = html.escape(_("Progress of this step: {pct}%").format(pct=pct))

    # ------------------------------------------------------------------ events
    def _render_labels(self) -> None:
        step = _(STEP_LABELS[self.step])
        self.title.value = (
            f"<h2 style='margin:0.2em 0'>{html.escape(step)}</h2>"
            f"<div>{html.escape(self.ws.info.title)}</div>"
        )
        options = [(_("— choose your group —"), "")]
        options += [(ref.name, ref.id) for ref in self.ws.info.groups]
        current = self.session.group_id if self.session else ""
        self._quiet = True
        try:
            self.picker.options = options
            self.picker.value = current
        finally:
            self._quiet = False
        self.picker.description = _("Group")
        self.update_progress()
        self._render_body()

    def _render_body(self) -> None:
        old = list(self.body.children)
        if self.session is None:
            self.body.children = [w.HTML(html.escape(_("Choose your group above to begin.")))]
        else:
            self.body.children = list(self.build(self)) if self.build else []
        for widget in old:  # free the previous build in the kernel and the browser
            close_tree(widget)

    def _on_pick(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self.select(change["new"] or None)

    def _on_memory(self, change: dict[str, Any]) -> None:
        gid = change["new"]
        if self.fixed_group is not None:
            return  # the group's own notebook: what the browser remembers does not apply
        if gid and self.session is None and gid in self.ws.group_ids:
            self.picker.value = gid

    def _on_lang(self, change: dict[str, Any]) -> None:
        i18n.set_language(change["new"])
        self.status.value = ""  # the last message was in the other language
        self.memory.offline_text = _(OFFLINE_MESSAGE)
        self._render_labels()

    def select(self, group_id: str | None) -> None:
        """Open a group (or none) and rebuild the step's body from its file.

        Parameters
        ----------
        group_id : str or None
            The group to open; None closes the current one.
        """
        if self.session is not None:
            self.session.flush()
        self.session = None
        if group_id:
            try:
                session = GroupSession(self.ws, group_id, delay=self.delay, timer=self.timer)
            except KemitraanError as exc:
                self.show_error(str(exc))
                group_id = None
            else:
                session.listeners.append(self.show_saved)
                self.session = session
                self.memory.group_id = group_id
                self.status.value = ""
        if self.picker.value != (group_id or ""):
            self.picker.value = group_id or ""
        self.update_progress()
        self._guarded(self._render_body)()


_MESSAGES = (
    N_("Progress of this step: {pct}%"),
    N_("— choose your group —"),
    N_("Choose your group above to begin."),
)
