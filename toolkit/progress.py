"""How far each group has come: completion per workshop step, computed from its data.

Each step has a short checklist of things a group produces in that step (see
:data:`CHECKS`); the completion of a step is the share of its checks that hold.
A group that marks a step finished itself (``Group.steps[step].done``) counts as
complete for that step.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pandas as pd

from .catalogue import get_catalogue
from .errors import KemitraanError
from .i18n import N_, get_language, gettext, translate
from .model import STEPS, Group

if TYPE_CHECKING:
    from .storage import Workshop

__all__ = [
    "CHECKS",
    "STEP_LABELS",
    "step_checks",
    "step_completion",
    "status_table",
    "workshop_status",
    "workshop_summary",
]

#: Display names of the steps (message ids; translate with gettext).
STEP_LABELS: dict[str, str] = {
    "konsep": N_("1. Concepts"),
    "kebutuhan": N_("2. Needs"),
    "peta_mitra": N_("3. Partner map"),
    "rencana": N_("4. Plan"),
    "monev": N_("5. Follow-up"),
}


def _exercises_answered(g: Group) -> list[bool]:
    from .quiz import exercise_status

    return list(exercise_status(g).values())


def _needs_checks(g: Group) -> list[bool]:
    aspects = sorted(get_catalogue().ids("aspects"))
    assessed = {n.aspect for n in g.needs if n.availability is not None}
    lacking = [n for n in g.needs if n.lacking]
    return [
        bool(g.profile.name.strip()),
        bool(g.profile.district.strip()),
        *[a in assessed for a in aspects],
        any(n.importance and n.urgency for n in lacking),
        any(n.criteria or n.criteria_note.strip() for n in lacking),
    ]


def _map_checks(g: Group) -> list[bool]:
    return [
        len(g.actors) >= 1,
        len(g.actors) >= 5,
        len({a.category for a in g.actors}) >= 3,
        len(g.links) >= 1,
        any(a.offers_needs for a in g.actors),
    ]


def _plan_checks(g: Group) -> list[bool]:
    ps = g.plan.partnerships
    return [
        bool(ps),
        any(p.goal.strip() for p in ps),
        any(a for p in ps for s in p.stages for a in s.activities),
        any(len([t for t in p.clauses.values() if t.strip()]) >= 3 for p in ps),
        any(p.sustaining for p in ps),
        any(p.review_date for p in ps),
    ]


def _monev_checks(g: Group) -> list[bool]:
    return [bool(g.monitoring), bool(g.health_checks)]


#: Checklist per step: a function from a group to a list of booleans.
CHECKS: dict[str, Callable[[Group], list[bool]]] = {
    "konsep": _exercises_answered,
    "kebutuhan": _needs_checks,
    "peta_mitra": _map_checks,
    "rencana": _plan_checks,
    "monev": _monev_checks,
}


def step_checks(group: Group, step: str) -> list[bool]:
    """Return the checklist results of one step for one group.

    Parameters
    ----------
    group : Group
        The group.
    step : str
        One of :data:`toolkit.model.STEPS`.

    Returns
    -------
    list of bool
        One entry per check of :data:`CHECKS` for that step.

    Raises
    ------
    KeyError
        If `step` is not a workshop step.
    """
    return CHECKS[step](group)


def step_completion(group: Group) -> dict[str, float]:
    """Return the completion of every step for one group.

    Parameters
    ----------
    group : Group
        The group.

    Returns
    -------
    dict of str to float
        Step id -> share of the step's checks that hold, in [0, 1]; 1.0 for a step
        the group marked as finished. Keys in :data:`toolkit.model.STEPS` order.

    Examples
    --------
    >>> from toolkit.model import Group
    >>> step_completion(Group(id="a", name="A"))["peta_mitra"]
    0.0
    """
    result = {}
    for step in STEPS:
        state = group.steps.get(step)
        checks = step_checks(group, step)
        result[step] = 1.0 if state and state.done else sum(checks) / len(checks)
    return result


def status_table(groups: Iterable[tuple[str, Group]]) -> pd.DataFrame:
    """Build the groups x steps completion table shown by ``kemitraan status``.

    Parameters
    ----------
    groups : iterable of (str, Group)
        Display name and group, in display order.

    Returns
    -------
    pandas.DataFrame
        One row per group (index: display name, named by the translated word for
        "group"), one column per step (translated labels), integer percentages 0-100.
    """
    rows, names = [], []
    for name, group in groups:
        names.append(name)
        rows.append([round(100 * v) for v in step_completion(group).values()])
    columns = [gettext(STEP_LABELS[s]) for s in STEPS]
    index = pd.Index(names, name=gettext("Group"))
    return pd.DataFrame(rows, index=index, columns=columns, dtype="int64")


def workshop_status(ws: Workshop) -> pd.DataFrame:
    """Load every group of a workshop and return its completion table.

    Parameters
    ----------
    ws : toolkit.Workshop
        An opened workshop.

    Returns
    -------
    pandas.DataFrame
        As :func:`status_table`; a group whose file cannot be read is left out
        (``kemitraan validate`` names it).
    """
    rows = []
    for gid in ws.group_ids:
        with contextlib.suppress(KemitraanError):
            rows.append((ws.group_name(gid), ws.load(gid)))
    return status_table(rows)


def workshop_summary(ws: Workshop, lang: str | None = None) -> str:
    """Describe a workshop in a few plain lines (title, date, venue, facilitator, groups).

    Parameters
    ----------
    ws : toolkit.Workshop
        An opened workshop.
    lang : {"id", "en"}, optional
        Language (default: the current one); dates are written the Indonesian way
        (``7 Desember 2026``) or the English way (``7 December 2026``).

    Returns
    -------
    str
        Several lines of text, one fact per line.
    """
    from babel.dates import format_date

    lang = lang or get_language()
    info = ws.info
    tr = functools.partial(translate, lang=lang)
    lines = [info.title]
    if info.date:
        lines.append(
            tr(N_("Date: {date}")).format(date=format_date(info.date, "d MMMM y", locale=lang))
        )
    if info.venue:
        lines.append(tr(N_("Venue: {venue}")).format(venue=info.venue))
    if info.facilitator:
        lines.append(tr(N_("Facilitator: {name}")).format(name=info.facilitator))
    names = ", ".join(g.name for g in info.groups) or "-"
    lines.append(tr(N_("Groups ({n}): {names}")).format(n=len(info.groups), names=names))
    return "\n".join(lines)
