"""An editing session on one group: every change is checked, kept, and saved at once.

Widgets never hold the only copy of a participant's work. A view calls
:meth:`GroupSession.change` with a small function that applies one edit to a group;
the session checks it against the model at once (so a wrong value is reported next
to the field and never saved), then saves it through :meth:`toolkit.Workshop.edit`:
immediately for clicks and choices, after a short pause for typing (``delay``,
default 0.4 s, so a word is saved within a second of the last keystroke). Edits are
re-applied to the freshly loaded file under the group's lock, so two windows that
change different fields never undo each other. If a save fails (disk full, file
locked, file damaged), the edits stay queued and are tried again on the next change
or :meth:`GroupSession.flush`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from .errors import KemitraanError, explain_validation
from .i18n import N_, gettext
from .model import Group
from .storage import Workshop

__all__ = ["GroupSession", "SaveEvent", "Mutation", "describe_error"]

#: An edit: a function that changes a group in place.
Mutation = Callable[[Group], None]


@dataclass(frozen=True)
class SaveEvent:
    """What happened to the queued edits: saved (``ok``) or not, with a plain message."""

    ok: bool
    message: str
    revision: int
    time: dt.datetime


def describe_error(exc: BaseException) -> str:
    """Turn an exception into one plain sentence for the status line.

    Parameters
    ----------
    exc : BaseException
        A validation error, a toolkit error or an OS error.

    Returns
    -------
    str
        The toolkit error's own message; for a pydantic error, its first problem
        (``"field: reason"``); for an OS error, what failed and that the work is kept.
    """
    if isinstance(exc, KemitraanError):
        return str(exc)
    if isinstance(exc, ValidationError):
        return explain_validation(exc, limit=1, locations=False)
    if isinstance(exc, KeyError):
        return gettext(
            "This item was removed in another window; reload the page to see the saved work."
        )
    if isinstance(exc, OSError):
        return gettext(
            "Could not save ({reason}). Your work is kept on screen and will be saved "
            "at the next change."
        ).format(reason=exc.strerror or exc)
    return str(exc)


class _NothingToSave(Exception):
    """Raised inside ``Workshop.edit`` to leave the file untouched."""


def _default_timer(delay: float, fn: Callable[[], None]) -> Callable[[], None]:
    """Run `fn` after `delay` s on the running event loop (kernel) or a thread."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        timer = threading.Timer(delay, fn)
        timer.daemon = True
        timer.start()
        return timer.cancel
    handle = loop.call_later(delay, fn)
    return handle.cancel


class GroupSession:
    """Checked, saved-at-once editing of one group of a workshop.

    Parameters
    ----------
    ws : toolkit.Workshop
        The workshop.
    group_id : str
        The group to edit.
    delay : float, default 0.4
        Seconds to wait after the last typed change before saving (0 saves at once).
    timer : callable, optional
        ``timer(delay, fn) -> cancel`` schedules a delayed save; tests pass a manual
        one. Default: the running event loop, else a daemon thread.

    Attributes
    ----------
    group : Group
        The group as the participant sees it: the last saved state plus the edits
        queued for saving.
    listeners : list of callable
        Called with a :class:`SaveEvent` after every save attempt.

    Raises
    ------
    KemitraanError
        From :meth:`toolkit.Workshop.load` when the group cannot be read.
    """

    def __init__(
        self,
        ws: Workshop,
        group_id: str,
        *,
        delay: float = 0.4,
        timer: Callable[[float, Callable[[], None]], Callable[[], None]] | None = None,
    ) -> None:
        self.ws = ws
        self.group_id = group_id
        self.delay = delay
        self.group = ws.load(group_id)
        self.listeners: list[Callable[[SaveEvent], None]] = []
        self._timer = timer or _default_timer
        self._cancel: Callable[[], None] | None = None
        self._pending: dict[str, Mutation] = {}
        self._lock = threading.RLock()

    @property
    def dirty(self) -> bool:
        """True while edits wait to be saved."""
        return bool(self._pending)

    def change(self, key: str, mutate: Mutation, *, immediate: bool = True) -> str | None:
        """Check an edit, show it in :attr:`group`, and save it.

        Parameters
        ----------
        key : str
            Names the field edited (e.g. ``"need-3.importance"``); a newer edit with
            the same key replaces an unsaved older one.
        mutate : callable
            ``mutate(group)`` applies the edit in place.
        immediate : bool, default True
            Save now (choices, buttons) or after :attr:`delay` s of quiet (typing).

        Returns
        -------
        str or None
            None when the edit is accepted; otherwise a plain message saying what
            to fix (the edit is then neither kept nor saved).
        """
        if immediate or self.delay <= 0:
            with self._lock:
                self._queue(key, mutate)
            return self._flush(check=key)
        with self._lock:
            trial = self.group.model_copy(deep=True)
            try:
                mutate(trial)
                trial = Group.model_validate(trial.model_dump())
            except (ValidationError, KemitraanError, ValueError, KeyError) as exc:
                return self._refuse(describe_error(exc))
            self.group = trial
            self._queue(key, mutate)
        self._schedule()
        return None

    def _queue(self, key: str, mutate: Mutation) -> None:
        self._pending.pop(key, None)
        self._pending[key] = mutate

    def _schedule(self) -> None:
        with self._lock:
            if self._cancel:
                self._cancel()
            self._cancel = self._timer(self.delay, self.flush)

    def flush(self) -> bool:
        """Save every queued edit now.

        Returns
        -------
        bool
            True when everything is saved (or nothing was queued); False when the
            save failed: the edits stay queued and listeners got the reason.
        """
        return self._flush() is None

    def _flush(self, check: str | None = None) -> str | None:
        """Save the queue; return the problem of edit `check` (or of the save), else None."""
        with self._lock:
            if self._cancel:
                self._cancel()
                self._cancel = None
            pending, self._pending = self._pending, {}
        if not pending:
            return None
        refused: str | None = None
        try:
            with self.ws.edit(self.group_id) as saved:
                applied = 0
                for key, mutate in pending.items():
                    try:
                        mutate(saved)
                        applied += 1
                    except (KeyError, ValueError) as exc:  # ValidationError is a ValueError
                        if key == check:  # the edit just made: tell the participant
                            refused = describe_error(exc)
                        # otherwise: an item removed elsewhere; that edit is dropped
                if not applied:
                    raise _NothingToSave
        except _NothingToSave:
            return self._refuse(refused) if refused else None
        except ValidationError as exc:
            # The edits clash with what another window saved: keep the saved version.
            with self._lock:
                self.group = self.ws.load(self.group_id)
            message = describe_error(exc)
            self._notify(False, message)
            return message
        except (KemitraanError, OSError) as exc:
            with self._lock:  # keep the edits (on screen too) and try again later
                self._pending = {**pending, **self._pending}
                view = self.group.model_copy(deep=True)
                for mutate in pending.values():
                    with contextlib.suppress(Exception):
                        mutate(view)
                self.group = view
            message = describe_error(exc)
            self._notify(False, message)
            return message
        with self._lock:
            if self._pending:  # typed while we were saving: show those edits too
                view = saved.model_copy(deep=True)
                for mutate in self._pending.values():
                    with contextlib.suppress(Exception):
                        mutate(view)
                saved = view
            self.group = saved
        self._notify(True, gettext("saved"))
        return refused

    def reload(self) -> Group:
        """Save what is queued, then re-read the group from disk and return it."""
        self.flush()
        with self._lock:
            self.group = self.ws.load(self.group_id)
        return self.group

    def _refuse(self, message: str) -> str:
        """Tell listeners an edit was refused (not saved); return `message`."""
        self._notify(False, gettext("Not saved: {reason}").format(reason=message))
        return message

    def _notify(self, ok: bool, message: str) -> None:
        event = SaveEvent(
            ok=ok,
            message=message,
            revision=self.group.revision,
            time=dt.datetime.now().replace(microsecond=0),
        )
        for listener in list(self.listeners):
            listener(event)


_MESSAGES = (N_("saved"),)
