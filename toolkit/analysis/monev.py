"""Follow-up of the partnership plan (monitoring dan evaluasi, *monev*): pure functions.

Months after the workshop the LKP's staff mark how each planned activity stands,
write dated monitoring notes, and rate the health of each partnership per principle
of partnership with a traffic light (merah, kuning, hijau). The functions here turn
that into tables and plain sentences; they print nothing and import no widgets.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I (prinsip kemitraan) and
Bab II A.6, "Monitoring dan evaluasi".
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel.dates import format_date

from ..catalogue import get_catalogue
from ..i18n import N_, get_language, translate
from ..model import Group, HealthCheck, MonitoringEntry

__all__ = [
    "HEALTH_LEVELS",
    "HEALTH_LABELS",
    "HEALTH_COLOURS",
    "STATUS_LABELS",
    "PROGRESS_COLUMNS",
    "HEALTH_COLUMNS",
    "activity_progress",
    "health_summary",
    "changes_since_last",
    "describe_health_colours",
]

#: The traffic-light levels, worst first.
HEALTH_LEVELS: tuple[str, ...] = ("merah", "kuning", "hijau")
#: Message ids of the levels.
HEALTH_LABELS = {"merah": N_("red"), "kuning": N_("amber"), "hijau": N_("green")}
#: Colour of each level (colour-blind safe hues, as in the charts).
HEALTH_COLOURS = {"merah": "#D55E00", "kuning": "#E69F00", "hijau": "#009E73"}
#: Message ids of the activity statuses.
STATUS_LABELS = {
    "belum": N_("not started"),
    "berjalan": N_("in progress"),
    "selesai": N_("done"),
    "tertunda": N_("delayed"),
}

#: Columns of :func:`activity_progress`.
PROGRESS_COLUMNS = (
    "partnership_id",
    "partner",
    "stage",
    "activity_id",
    "activity",
    "status",
    "evidence",
    "last_date",
    "last_note",
)
#: Columns of :func:`health_summary`.
HEALTH_COLUMNS = ("partnership_id", "partner", "check_id", "date", "principle", "level", "note")

_HEALTH_CHANGE = N_("{partner}: {principle} went from {old} to {new} ({date}).")
_HEALTH_SAME = N_("{partner}: no principle changed colour since the review of {date}.")
_STATUS_CHANGE = N_("{partner}: the activity {activity!r} went from {old} to {new} ({date}).")
_STATUS_DRIFT = N_(
    "{partner}: the activity {activity!r} is now marked {new}; the last monitoring note "
    "({date}) said {old}."
)
_NO_PARTNER = N_("Notes not tied to a partnership")
_COLOURS_TEXT = (
    N_("How to read the colours of the health check:"),
    N_("green: the principle is lived well; keep doing what works."),
    N_("amber: it works in part; agree on one step to improve it before the next review."),
    N_("red: it is not lived yet; talk about it with the partner soon."),
    N_(
        "Every review compares each principle with the previous review of the same "
        "partnership and lists what went up or down."
    ),
)


def _lang(lang: str | None) -> str:
    return lang or get_language()


def _date(value: dt.date, lang: str) -> str:
    return format_date(value, "d MMMM y", locale=lang)


def _partner_names(group: Group, lang: str) -> dict[str | None, str]:
    names: dict[str | None, str] = {None: translate(_NO_PARTNER, lang)}
    for p in group.plan.partnerships:
        names[p.id] = group.actor(p.actor_id).name
    return names


def _latest_entries(group: Group) -> dict[str, MonitoringEntry]:
    """Return the latest monitoring entry per activity id (the later in the list on a tie)."""
    latest: dict[str, MonitoringEntry] = {}
    for entry in group.monitoring:
        if entry.activity_id is None:
            continue
        known = latest.get(entry.activity_id)
        if known is None or entry.date >= known.date:
            latest[entry.activity_id] = entry
    return latest


def activity_progress(group: Group) -> pd.DataFrame:
    """Return one row per planned activity, with its status and latest monitoring note.

    Parameters
    ----------
    group : toolkit.model.Group
        The group; every activity of every partnership is listed.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROGRESS_COLUMNS`: partnership id, partner name, stage
        (``stages`` catalogue id), activity id and name, status (``belum``,
        ``berjalan``, ``selesai``, ``tertunda``), evidence, and the date (or None) and
        note (``""`` when none) of the latest monitoring entry on the activity.
        Rows follow the plan: partnerships in order, stages in the catalogue's order.

    Examples
    --------
    >>> from toolkit.model import Group
    >>> activity_progress(Group(id="g", name="G")).empty
    True
    """
    order = {s.id: i for i, s in enumerate(get_catalogue().stages)}
    latest = _latest_entries(group)
    rows = []
    for p in group.plan.partnerships:
        partner = group.actor(p.actor_id).name
        for stage in sorted(p.stages, key=lambda s: order.get(s.stage, 99)):
            for a in stage.activities:
                entry = latest.get(a.id)
                rows.append(
                    (p.id, partner, stage.stage, a.id, a.name, a.status, a.evidence)
                    + ((entry.date, entry.note) if entry else (None, ""))
                )
    return pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))


def _by_partnership(group: Group) -> dict[str | None, list[HealthCheck]]:
    """Health checks per partnership id, oldest first (list order breaks ties)."""
    checks: dict[str | None, list[HealthCheck]] = {}
    for check in group.health_checks:
        checks.setdefault(check.partnership_id, []).append(check)
    return {pid: sorted(cs, key=lambda c: c.date) for pid, cs in checks.items()}


def health_summary(group: Group, *, lang: str | None = None) -> pd.DataFrame:
    """Return the latest health check of each partnership, one row per rated principle.

    Parameters
    ----------
    group : toolkit.model.Group
        The group.
    lang : {"id", "en"}, optional
        Language of the ``partner`` label of checks not tied to a partnership.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`HEALTH_COLUMNS`; ``level`` is ``merah``, ``kuning`` or
        ``hijau``. Partnerships in plan order, principles in the catalogue's order;
        partnerships without a check have no rows.
    """
    names = _partner_names(group, _lang(lang))
    checks = _by_partnership(group)
    keys = [p.id for p in group.plan.partnerships] + [None]
    rows = []
    for pid in keys:
        if pid not in checks:
            continue
        last = checks[pid][-1]
        for principle in get_catalogue().principles:
            rating = last.ratings.get(principle.id)
            if rating is not None:
                rows.append(
                    (pid, names[pid], last.id, last.date, principle.id, rating.level, rating.note)
                )
    return pd.DataFrame(rows, columns=list(HEALTH_COLUMNS))


def _health_changes(group: Group, pid: str | None, lang: str) -> list[str]:
    checks = _by_partnership(group).get(pid, [])
    if len(checks) < 2:
        return []
    old, new = checks[-2], checks[-1]
    partner = _partner_names(group, lang)[pid]
    cat = get_catalogue()
    out = []
    for principle in cat.principles:
        before, after = old.ratings.get(principle.id), new.ratings.get(principle.id)
        if before and after and before.level != after.level:
            out.append(
                translate(_HEALTH_CHANGE, lang).format(
                    partner=partner,
                    principle=cat.label("principles", principle.id, lang),
                    old=translate(HEALTH_LABELS[before.level], lang),
                    new=translate(HEALTH_LABELS[after.level], lang),
                    date=_date(new.date, lang),
                )
            )
    if not out:
        out.append(
            translate(_HEALTH_SAME, lang).format(partner=partner, date=_date(old.date, lang))
        )
    return out


def _status_changes(group: Group, pid: str | None, lang: str) -> list[str]:
    partner = _partner_names(group, lang)[pid]
    out = []
    for p in group.plan.partnerships:
        if p.id != pid:
            continue
        for stage in p.stages:
            for a in stage.activities:
                entries = [m for m in group.monitoring if m.activity_id == a.id]
                entries.sort(key=lambda m: m.date)
                status = lambda s: translate(STATUS_LABELS[s], lang)  # noqa: E731
                if len(entries) >= 2 and entries[-2].status != entries[-1].status:
                    out.append(
                        translate(_STATUS_CHANGE, lang).format(
                            partner=partner,
                            activity=a.name,
                            old=status(entries[-2].status),
                            new=status(entries[-1].status),
                            date=_date(entries[-1].date, lang),
                        )
                    )
                if entries and entries[-1].status != a.status:
                    out.append(
                        translate(_STATUS_DRIFT, lang).format(
                            partner=partner,
                            activity=a.name,
                            old=status(entries[-1].status),
                            new=status(a.status),
                            date=_date(entries[-1].date, lang),
                        )
                    )
    return out


def changes_since_last(
    group: Group, partnership_id: str | None = None, *, lang: str | None = None
) -> list[str]:
    """Say in plain sentences what changed since the last review.

    Parameters
    ----------
    group : toolkit.model.Group
        The group.
    partnership_id : str, optional
        Only this partnership; every partnership (in plan order) when omitted.
    lang : {"id", "en"}, optional
        Language of the sentences; the current language when omitted.

    Returns
    -------
    list of str
        Per partnership: for each principle whose colour differs between the last two
        health checks, "which principle went from which colour to which" (or one
        sentence that nothing changed colour); then, for each activity, a sentence
        when its last two monitoring notes give different statuses, and one when the
        plan now marks another status than its last note. Empty when there is
        nothing to compare (fewer than two checks, no notes).

    Raises
    ------
    KeyError
        If `partnership_id` is not in the plan.
    """
    lang = _lang(lang)
    ids = [p.id for p in group.plan.partnerships]
    if partnership_id is not None and partnership_id not in ids:
        raise KeyError(partnership_id)
    out: list[str] = []
    for pid in [partnership_id] if partnership_id else ids:
        out += _health_changes(group, pid, lang) + _status_changes(group, pid, lang)
    return out


def describe_health_colours(*, lang: str | None = None) -> str:
    """Explain the traffic-light colours of the health check in a few lines.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Returns
    -------
    str
        One heading line and four lines, the same text every time.
    """
    lang = _lang(lang)
    head, *lines = (translate(m, lang) for m in _COLOURS_TEXT)
    return "\n".join([head, *(f"- {line}" for line in lines)])
