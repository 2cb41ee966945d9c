"""Check and schedule a partnership plan (rencana kemitraan): principles, ethics, calendar.

Step 3 of the workshop turns the partner map into a plan: per partner a shared goal,
what each side gives and gets, activities per stage, the clauses of the written
agreement and the techniques that keep the partnership alive. The functions here read
that plan. They are pure: a group in, plain values out, no printing, plotting or widgets.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018): Bab I (prinsip dan etika kemitraan)
and Bab II A (tahapan: sosialisasi, perencanaan, kesepakatan, pelaksanaan, monev) and
Bab II D (teknik melestarikan kemitraan).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from ..catalogue import get_catalogue
from ..i18n import N_, gettext
from ..model import Group, Partnership

__all__ = [
    "Finding",
    "REQUIRED_STAGES",
    "RHYTHM_MONTHS",
    "SCHEDULE_COLUMNS",
    "agreement_end",
    "plan_messages",
    "plan_schedule",
    "principle_check",
    "sustaining_calendar",
]

#: Stages every partnership plan should hold an activity for, with the principle a gap
#: touches: the stages done together with the partner (kebersamaan) and the ones that
#: carry the programme on (keberlanjutan). Identifikasi is the group's own earlier work.
REQUIRED_STAGES: dict[str, str] = {
    "sosialisasi": "kebersamaan",
    "perencanaan": "kebersamaan",
    "kesepakatan": "kebersamaan",
    "pelaksanaan": "keberlanjutan",
    "monev": "keberlanjutan",
}

#: Months between two sessions of a sustaining technique, per rhythm (weekly: every 7 days).
RHYTHM_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "semester": 6, "yearly": 12}

#: Columns of :func:`plan_schedule`, in order.
SCHEDULE_COLUMNS: tuple[str, ...] = (
    "partnership_id",
    "partner",
    "stage",
    "stage_order",
    "activity_id",
    "name",
    "start",
    "end",
    "responsible",
    "status",
)

Severity = Literal["merah", "kuning"]

# Words that say who is responsible without naming a side (roles, fillers).
_GENERIC_WORDS = frozenset(
    "dan atau di ke dari yang untuk dengan kota kabupaten kepala ketua wakil bagian pemilik "
    "pimpinan seksi bidang staf tim pengurus program lembaga usaha kantor pihak petugas "
    "the and of head staff team".split()
)
_LKP_WORDS = frozenset({"lkp", "kami", "lembaga", "our", "institution"})
_PARTNER_WORDS = frozenset({"mitra", "partner"})
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Finding:
    """One problem the principle and ethics check found in a plan.

    Attributes
    ----------
    partnership_id : str or None
        The partnership concerned; None for a remark on the whole plan.
    principle : str
        A ``principles`` catalogue id (kind ``"principle"``) or an ``ethics`` id
        (kind ``"ethics"``).
    kind : {"principle", "ethics"}
        Which catalogue list `principle` belongs to.
    severity : {"merah", "kuning"}
        ``merah`` (red): the plan breaks the principle on paper and must be fixed
        before the agreement; ``kuning`` (amber): a gap to close soon.
    message : str
        What is wrong, one plain sentence naming the partner (current language).
    advice : str
        What to do about it, in plain words (current language).
    """

    partnership_id: str | None
    principle: str
    kind: Literal["principle", "ethics"]
    severity: Severity
    message: str
    advice: str


def _add_months(day: dt.date, months: int) -> dt.date:
    """Add whole months to a date, keeping the day (clamped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def agreement_end(partnership: Partnership) -> dt.date | None:
    """Return the day the partnership's agreement ends.

    Parameters
    ----------
    partnership : toolkit.model.Partnership
        One partnership of the plan.

    Returns
    -------
    datetime.date or None
        ``start_date`` plus ``duration_months`` whole months (the day is kept, or the
        month's last day when the month is shorter); None when either is missing.

    Examples
    --------
    >>> import datetime as dt
    >>> from toolkit.model import Partnership
    >>> p = Partnership(id="p-1", actor_id="actor-1", start_date=dt.date(2027, 1, 31),
    ...     duration_months=1)
    >>> agreement_end(p)
    datetime.date(2027, 2, 28)

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.4: the agreement states the time
    of implementation (*waktu pelaksanaan*).
    """
    if partnership.start_date is None or partnership.duration_months is None:
        return None
    return _add_months(partnership.start_date, partnership.duration_months)


# ------------------------------------------------------------ principle check
def _finding(
    p: Partnership,
    principle: str,
    severity: Severity,
    message: str,
    advice: str,
    *,
    kind: Literal["principle", "ethics"] = "principle",
    **values,
) -> Finding:
    return Finding(
        p.id,
        principle,
        kind,
        severity,
        gettext(message).format(**values),
        gettext(advice).format(**values),
    )


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 1}


def _sides(p: Partnership, group: Group) -> tuple[bool, bool, bool]:
    """Return (any responsible, one from the LKP, one from the partner) over the activities."""
    actor = group.actor(p.actor_id)
    partner = (_words(actor.name) | _words(actor.contact_role)) - _GENERIC_WORDS - _LKP_WORDS
    named = [_words(a.responsible) for s in p.stages for a in s.activities if a.responsible]
    lkp = any(w & _LKP_WORDS for w in named)
    other = any(w & (partner | _PARTNER_WORDS) for w in named)
    return bool(named), lkp, other


def _balance(p: Partnership, group: Group, name: str) -> list[Finding]:
    out = []
    if not p.lkp_gives.strip():
        out.append(
            _finding(p, "keseimbangan", "merah", _NO_LKP_TASK, _NO_TASK_ADVICE, partner=name)
        )
    if not p.partner_gives.strip():
        out.append(
            _finding(p, "keseimbangan", "merah", _NO_PARTNER_TASK, _NO_TASK_ADVICE, partner=name)
        )
    has_activities = any(s.activities for s in p.stages)
    named, lkp, other = _sides(p, group)
    if has_activities and not named:
        out.append(
            _finding(
                p, "keseimbangan", "kuning", _NO_RESPONSIBLE, _RESPONSIBLE_ADVICE, partner=name
            )
        )
    elif named:
        if p.lkp_gives.strip() and not lkp:
            out.append(
                _finding(
                    p,
                    "keseimbangan",
                    "kuning",
                    _NO_LKP_RESPONSIBLE,
                    _RESPONSIBLE_ADVICE,
                    partner=name,
                )
            )
        if p.partner_gives.strip() and not other:
            out.append(
                _finding(
                    p,
                    "keseimbangan",
                    "kuning",
                    _NO_PARTNER_RESPONSIBLE,
                    _RESPONSIBLE_ADVICE,
                    partner=name,
                )
            )
    if not p.clauses.get("peran_tanggung_jawab", "").strip():
        out.append(_finding(p, "keseimbangan", "merah", _NO_ROLES, _ROLES_ADVICE, partner=name))
    if p.pattern is None:
        out.append(
            _finding(p, "keseimbangan", "kuning", _NO_PATTERN, _PATTERN_ADVICE, partner=name)
        )
    return out


def _benefit_and_goal(p: Partnership, name: str) -> list[Finding]:
    out = []
    if not p.goal.strip():
        out.append(_finding(p, "kesamaan", "merah", _NO_GOAL, _GOAL_ADVICE, partner=name))
    if not p.lkp_gets.strip():
        out.append(_finding(p, "manfaat", "merah", _NO_LKP_BENEFIT, _BENEFIT_ADVICE, partner=name))
    if not p.partner_gets.strip():
        out.append(
            _finding(p, "manfaat", "merah", _NO_PARTNER_BENEFIT, _BENEFIT_ADVICE, partner=name)
        )
    return out


def _fairness(p: Partnership, name: str) -> list[Finding]:
    out = []
    if not p.clauses.get("dana", "").strip():
        out.append(
            _finding(p, "keadilan_keterbukaan", "merah", _NO_FUNDING, _FUNDING_ADVICE, partner=name)
        )
    if not p.clauses.get("pemanfaatan_hasil", "").strip():
        out.append(
            _finding(p, "keadilan_keterbukaan", "merah", _NO_RESULTS, _RESULTS_ADVICE, partner=name)
        )
    return out


def _stages(p: Partnership, name: str) -> list[Finding]:
    cat = get_catalogue()
    planned = {s.stage for s in p.stages if s.activities}
    out = []
    for principle, message, advice in (
        ("kebersamaan", _MISSING_JOINT_STAGES, _JOINT_STAGES_ADVICE),
        ("keberlanjutan", _MISSING_LATER_STAGES, _LATER_STAGES_ADVICE),
    ):
        missing = [
            s.id
            for s in cat.stages
            if REQUIRED_STAGES.get(s.id) == principle and s.id not in planned
        ]
        if missing:
            stages = ", ".join(cat.label("stages", s) for s in missing)
            out.append(
                _finding(p, principle, "kuning", message, advice, partner=name, stages=stages)
            )
    return out


def _continuity(p: Partnership, name: str) -> list[Finding]:
    out = []
    if not p.sustaining:
        out.append(
            _finding(p, "keberlanjutan", "kuning", _NO_SUSTAINING, _SUSTAINING_ADVICE, partner=name)
        )
    if p.review_date is None:
        out.append(_finding(p, "keberlanjutan", "kuning", _NO_REVIEW, _REVIEW_ADVICE, partner=name))
    elif p.start_date and p.review_date < p.start_date:
        out.append(
            _finding(
                p,
                "keberlanjutan",
                "kuning",
                _EARLY_REVIEW,
                _EARLY_REVIEW_ADVICE,
                partner=name,
                review=p.review_date.isoformat(),
                start=p.start_date.isoformat(),
            )
        )
    early = [
        a.name
        for s in p.stages
        if s.stage in _UNDER_AGREEMENT
        for a in s.activities
        if p.start_date and a.start and a.start < p.start_date
    ]
    if early:
        shown = ", ".join(early[:3]) + (" …" if len(early) > 3 else "")
        out.append(
            _finding(
                p,
                "keberlanjutan",
                "kuning",
                _EARLY_ACTIVITY,
                _EARLY_ADVICE,
                partner=name,
                activities=shown,
                start=p.start_date.isoformat(),
            )
        )
    end = agreement_end(p)
    late = [a.name for s in p.stages for a in s.activities if end and a.end and a.end > end]
    if late:
        shown = ", ".join(late[:3]) + (" …" if len(late) > 3 else "")
        out.append(
            _finding(
                p,
                "keberlanjutan",
                "kuning",
                _LATE_ACTIVITY,
                _LATE_ADVICE,
                partner=name,
                activities=shown,
                end=end.isoformat(),
            )
        )
    return out


def _ethics(p: Partnership, group: Group, name: str) -> list[Finding]:
    introduced = any(s.activities for s in p.stages if s.stage == "sosialisasi")
    if group.actor(p.actor_id).relationship == "belum_kenal" and not introduced:
        return [
            _finding(
                p,
                "komunikasi_terbuka",
                "kuning",
                _NOT_INTRODUCED,
                _INTRODUCE_ADVICE,
                kind="ethics",
                partner=name,
            )
        ]
    return []


def principle_check(group: Group) -> list[Finding]:
    """Check every partnership of the plan against the module's principles and ethics.

    The rules, per partnership, in the order the findings are listed:

    ========================================================  ====================  ========
    Rule (what the plan data shows)                           Principle / ethics    Severity
    ========================================================  ====================  ========
    ``lkp_gives`` or ``partner_gives`` empty (a party         keseimbangan          merah
    without tasks)
    activities but none names a responsible person            keseimbangan          kuning
    responsible persons named, none from the LKP (the word    keseimbangan          kuning
    "LKP") or none from the partner (a word of its name or
    contact role, or "mitra")
    clause ``peran_tanggung_jawab`` empty                     keseimbangan          merah
    no pattern chosen                                         keseimbangan          kuning
    ``goal`` empty (no shared goal)                           kesamaan              merah
    ``lkp_gets`` or ``partner_gets`` empty (a party without   manfaat               merah
    benefit)
    clause ``dana`` empty                                     keadilan_keterbukaan  merah
    clause ``pemanfaatan_hasil`` empty                        keadilan_keterbukaan  merah
    no activity for sosialisasi, perencanaan or kesepakatan   kebersamaan           kuning
    no activity for pelaksanaan or monev                      keberlanjutan         kuning
    no sustaining technique                                   keberlanjutan         kuning
    no review date                                            keberlanjutan         kuning
    the review date is before ``start_date``                  keberlanjutan         kuning
    a pelaksanaan or monev activity starts before             keberlanjutan         kuning
    ``start_date`` (the earlier stages lead up to it)
    an activity ends after :func:`agreement_end`              keberlanjutan         kuning
    the partner is *belum_kenal* and the plan has no          komunikasi_terbuka    kuning
    sosialisasi activity                                      (ethics)
    ========================================================  ====================  ========

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is checked.

    Returns
    -------
    list of Finding
        In plan order, then in the order of the table; messages and advice in the
        current language, naming the partner. Empty for a sound plan, and empty for a
        plan without partnerships (:func:`plan_messages` says so in words).

    Notes
    -----
    Only what the plan data can show is checked. The ethics of character and integrity,
    trust, fairness, the partners' own commitment and the balance of incentive and risk
    cannot be read from the data and are never reported; an empty free-text note is
    never a finding. Each missing item is reported once: a party without tasks is not
    also reported for having no responsible person.

    Examples
    --------
    >>> from toolkit.model import Actor, Group, Partnership, Plan
    >>> g = Group(id="contoh", name="Contoh",
    ...     actors=[Actor(id="actor-1", name="BLK", category="disnakertrans")],
    ...     plan=Plan(partnerships=[Partnership(id="p-1", actor_id="actor-1")]))
    >>> sorted({f.principle for f in principle_check(g)})[:3]
    ['keadilan_keterbukaan', 'keberlanjutan', 'kebersamaan']

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I (prinsip kemitraan: kesamaan,
    kebersamaan, keseimbangan, keadilan dan keterbukaan, manfaat, keberlanjutan; etika
    kemitraan) and Bab II A.2-A.6 (tahapan) and A.4 (isi kesepakatan).
    """
    out: list[Finding] = []
    for p in group.plan.partnerships:
        name = group.actor(p.actor_id).name
        out += _balance(p, group, name)
        out += _benefit_and_goal(p, name)
        out += _fairness(p, name)
        out += _stages(p, name)
        out += _continuity(p, name)
        out += _ethics(p, group, name)
    return out


def plan_messages(group: Group) -> list[str]:
    """Say in plain words how the plan stands against the principles.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is checked.

    Returns
    -------
    list of str
        Messages in the current language. No partnership: one message asking to add
        one. A sound plan: one message saying so. Otherwise a count of the red and
        amber findings, then each finding as ``"<message> <advice>"``.

    Examples
    --------
    >>> from toolkit.i18n import set_language
    >>> from toolkit.model import Group
    >>> set_language("en")
    >>> plan_messages(Group(id="contoh", name="Contoh"))[0][:29]
    'No partnership in the plan ye'
    >>> set_language("id")

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I (prinsip dan etika kemitraan).
    """
    if not group.plan.partnerships:
        return [gettext(_EMPTY_PLAN)]
    findings = principle_check(group)
    if not findings:
        return [gettext(_SOUND_PLAN)]
    red = sum(f.severity == "merah" for f in findings)
    summary = gettext(_SUMMARY).format(red=red, amber=len(findings) - red)
    return [summary] + [f"{f.message} {f.advice}" for f in findings]


# ------------------------------------------------------------------ schedule
def plan_schedule(group: Group) -> pd.DataFrame:
    """List every planned activity, one row each, in plan and stage order.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is listed.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCHEDULE_COLUMNS`: ``partnership_id``, ``partner`` (the actor's
        name), ``stage`` (catalogue id), ``stage_order`` (1-6, the module's order),
        ``activity_id``, ``name``, ``start`` and ``end`` (datetime64, NaT when not
        set), ``responsible``, ``status``. Ordered by the partnership's place in the
        plan, then stage order, then start date (undated last, then as entered); the
        index runs 0..n-1. No activity: an empty frame with these columns.

    Examples
    --------
    >>> from toolkit.model import Group
    >>> plan_schedule(Group(id="contoh", name="Contoh")).shape
    (0, 10)

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A (tahapan membangun kemitraan).
    """
    order = {s.id: s.order for s in get_catalogue().stages}
    rows = []
    for place, p in enumerate(group.plan.partnerships):
        partner = group.actor(p.actor_id).name
        for stage in p.stages:
            for a in stage.activities:
                rows.append(
                    (
                        place,
                        p.id,
                        partner,
                        stage.stage,
                        order[stage.stage],
                        a.id,
                        a.name,
                        a.start,
                        a.end,
                        a.responsible,
                        a.status,
                    )
                )
    frame = pd.DataFrame(rows, columns=("place", *SCHEDULE_COLUMNS))
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame = frame.sort_values(["place", "stage_order", "start"], kind="stable", na_position="last")
    return frame.drop(columns="place").reset_index(drop=True)


def _session_dates(start: dt.date, rhythm: str, months: int) -> list[dt.date]:
    last = _add_months(start, months)
    if rhythm == "weekly":
        return [start + dt.timedelta(weeks=k) for k in range(1, (last - start).days // 7 + 1)]
    step = RHYTHM_MONTHS[rhythm]
    return [_add_months(start, k * step) for k in range(1, months // step + 1)]


def sustaining_calendar(group: Group, *, months: int = 12) -> pd.DataFrame:
    """Place each chosen sustaining technique on the calendar by its rhythm.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is read.
    months : int, default 12
        Length of the calendar, counted from each partnership's ``start_date``.

    Returns
    -------
    pandas.DataFrame
        Columns ``partnership_id``, ``technique`` (``sustaining`` catalogue id),
        ``rhythm``, ``date`` (datetime64) and ``note``. A technique done every
        week/month/quarter/semester/year gets one row per session after the start, up
        to and including the start plus `months` months (12 months: 52, 12, 4, 2 and 1
        rows). ``as_needed``: one row with NaT and the note "as needed". A partnership
        without a start date: one row per technique with NaT and the note "no start
        date yet". Ordered by plan order, then date, then the order of the techniques.

    Raises
    ------
    ValueError
        If `months` is smaller than 1.

    Examples
    --------
    >>> import datetime as dt
    >>> from toolkit.model import Actor, Group, Partnership, Plan, SustainingPlan
    >>> p = Partnership(id="p-1", actor_id="actor-1", start_date=dt.date(2027, 1, 1),
    ...     sustaining=[SustainingPlan(technique="laporan_kemajuan", rhythm="quarterly")])
    >>> g = Group(id="contoh", name="Contoh", plan=Plan(partnerships=[p]),
    ...     actors=[Actor(id="actor-1", name="BLK", category="disnakertrans")])
    >>> [d.date().isoformat() for d in sustaining_calendar(g)["date"]]
    ['2027-04-01', '2027-07-01', '2027-10-01', '2028-01-01']

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II D (teknik melestarikan kemitraan).
    """
    if months < 1:
        raise ValueError(f"months must be at least 1, not {months!r}")
    rows = []
    for place, p in enumerate(group.plan.partnerships):
        for n, s in enumerate(p.sustaining):
            key = (place, n, p.id, s.technique, s.rhythm)
            if p.start_date is None:
                rows.append((*key, None, gettext(_NO_START)))
            elif s.rhythm == "as_needed":
                rows.append((*key, None, gettext(_AS_NEEDED)))
            else:
                rows.extend((*key, d, "") for d in _session_dates(p.start_date, s.rhythm, months))
    columns = ("place", "n", "partnership_id", "technique", "rhythm", "date", "note")
    frame = pd.DataFrame(rows, columns=columns)
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame.sort_values(["place", "date", "n"], kind="stable", na_position="last")
    return frame.drop(columns=["place", "n"]).reset_index(drop=True)


# ------------------------------------------------------------------- messages
_NO_LKP_TASK = N_("In the plan with {partner}, the LKP gives nothing yet.")
_NO_PARTNER_TASK = N_("In the plan with {partner}, the partner gives nothing yet.")
_NO_TASK_ADVICE = N_(
    "Write down what each side contributes (people, places, tools, funds or time), so that "
    "every party carries part of the load."
)
_NO_RESPONSIBLE = N_("No activity in the plan with {partner} names a person responsible.")
_NO_LKP_RESPONSIBLE = N_("In the plan with {partner}, no activity is led by someone from the LKP.")
_NO_PARTNER_RESPONSIBLE = N_(
    "In the plan with {partner}, every activity is led by the LKP; none by the partner."
)
_RESPONSIBLE_ADVICE = N_(
    "For each activity, name who is responsible (a role, e.g. 'Pimpinan LKP' or the "
    "partner's section head), and share the activities between both sides."
)
_NO_ROLES = N_("The agreement with {partner} does not say the roles and responsibilities.")
_ROLES_ADVICE = N_(
    "Fill in the clause 'roles and responsibilities': what each party must do and answer for."
)
_NO_PATTERN = N_("No partnership pattern is chosen for {partner}.")
_PATTERN_ADVICE = N_(
    "Choose a pattern (nurturing, core-plasma, futuristic or needs-based); it tells who "
    "leads and how the work is divided."
)
_NO_GOAL = N_("The plan with {partner} has no shared goal.")
_GOAL_ADVICE = N_(
    "Write one goal both parties agree on, with a result you can count (e.g. how many "
    "graduates, by when)."
)
_NO_LKP_BENEFIT = N_("In the plan with {partner}, the LKP gets nothing yet.")
_NO_PARTNER_BENEFIT = N_("In the plan with {partner}, the partner gets nothing yet.")
_BENEFIT_ADVICE = N_(
    "Write down what each side gains; a partner that gains nothing will not stay for long."
)
_NO_FUNDING = N_("The agreement with {partner} does not say who pays for what.")
_FUNDING_ADVICE = N_(
    "Fill in the clause 'funding': which costs each party carries and how the money is "
    "reported, so that nothing is hidden."
)
_NO_RESULTS = N_("The agreement with {partner} does not say how the results are used.")
_RESULTS_ADVICE = N_(
    "Fill in the clause 'use of the outputs': who may use the graduates, products and data, "
    "and how gains are shared fairly."
)
_MISSING_JOINT_STAGES = N_("The plan with {partner} has no activity yet for: {stages}.")
_JOINT_STAGES_ADVICE = N_(
    "Add at least one activity for each of these stages, done together with the partner: "
    "introduce the programme, plan together and sign the agreement."
)
_MISSING_LATER_STAGES = _MISSING_JOINT_STAGES
_LATER_STAGES_ADVICE = N_(
    "Add the activities that carry out the programme and a time to monitor and evaluate it "
    "together, so that the partnership does not stop halfway."
)
_NO_SUSTAINING = N_("The plan with {partner} has no technique to keep the partnership alive.")
_SUSTAINING_ADVICE = N_(
    "Choose at least one technique, e.g. progress reports every quarter or visits in turn "
    "every semester."
)
_NO_REVIEW = N_("The plan with {partner} has no review date.")
_REVIEW_ADVICE = N_(
    "Set a date to review the partnership together, for example halfway through the agreement."
)
#: Stages carried out under the agreement (the earlier ones lead up to it).
_UNDER_AGREEMENT = frozenset({"pelaksanaan", "monev"})
_EARLY_REVIEW = N_(
    "The review of the partnership with {partner} ({review}) is before the agreement "
    "starts ({start})."
)
_EARLY_REVIEW_ADVICE = N_(
    "Set the review date within the agreement's period, for example halfway or near its end."
)
_EARLY_ACTIVITY = N_(
    "In the plan with {partner}, some implementation or monitoring activities start "
    "before the agreement starts ({start}): {activities}."
)
_EARLY_ADVICE = N_("Start them once the agreement is signed, or make the agreement start earlier.")
_LATE_ACTIVITY = N_(
    "In the plan with {partner}, some activities end after the agreement ends ({end}): "
    "{activities}."
)
_LATE_ADVICE = N_(
    "Move these activities into the agreement's period, or make the agreement longer."
)
_NOT_INTRODUCED = N_(
    "The LKP does not know {partner} yet, but the plan has no activity to introduce the programme."
)
_INTRODUCE_ADVICE = N_(
    "Start with a socialisation visit: explain openly what the programme is, for whom and "
    "why, before asking for anything."
)
_EMPTY_PLAN = N_(
    "No partnership in the plan yet: choose a partner from the map and start its plan."
)
_SOUND_PLAN = N_(
    "The plan meets every check: each party gives and gets, the goal is shared, every stage "
    "has an activity and the agreement is complete."
)
_SUMMARY = N_("The check found {red} red and {amber} amber point(s) to fix in the plan.")
_AS_NEEDED = N_("as needed")
_NO_START = N_("no start date yet")
