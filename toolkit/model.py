"""The workshop data model (pydantic v2): one :class:`Group` per workshop group.

Everything a group enters lives in a :class:`Group` and is saved as one JSON file by
:mod:`toolkit.storage`. Fields that name module concepts hold catalogue ids
(:mod:`toolkit.catalogue`) and are checked against the catalogue on validation.
This module imports no widget library.

References
----------
Bahan ajar *Membangun Kemitraan*, Banjarbaru 2018: Chapter I (concepts, patterns,
principles) and Chapter II (stages, aspects, partners, sustaining techniques).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .catalogue import get_catalogue
from .errors import InvalidGroupIdError
from .i18n import N_, gettext

__all__ = [
    "SCHEMA_VERSION",
    "STEPS",
    "LKP_NODE",
    "GroupId",
    "slugify",
    "check_group_id",
    "check_group_name",
    "InstitutionProfile",
    "Need",
    "Actor",
    "Link",
    "Activity",
    "StagePlan",
    "SustainingPlan",
    "Partnership",
    "Plan",
    "ExerciseAnswer",
    "QuizResult",
    "MonitoringEntry",
    "HealthRating",
    "HealthCheck",
    "StepState",
    "Group",
    "GroupRef",
    "WorkshopInfo",
    "next_id",
    "name_key",
    "clean_name",
    "link_key",
    "DATE_YEARS",
    "check_plausible_date",
]

#: Version of the JSON layout written by this toolkit. Files with another
#: version are refused with :class:`toolkit.errors.UnknownSchemaVersionError`.
SCHEMA_VERSION = 1

#: The workshop's steps, in the order groups walk them.
STEPS: tuple[str, ...] = ("konsep", "kebutuhan", "peta_mitra", "rencana", "monev")
Step = Literal["konsep", "kebutuhan", "peta_mitra", "rencana", "monev"]

#: Node id that stands for the group's own institution (the LKP) in links.
LKP_NODE = "lkp"

_GROUP_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
# File names Windows refuses, whatever the extension.
_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)]
)


# --------------------------------------------------------------------------- ids
def check_group_id(value: str) -> str:
    r"""Check that `value` is a safe group id (a slug usable as a file name).

    Parameters
    ----------
    value : str
        Candidate id: 1-63 characters, lowercase ASCII letters, digits, ``-``, ``_``,
        starting with a letter or digit.

    Returns
    -------
    str
        `value` unchanged.

    Raises
    ------
    InvalidGroupIdError
        If `value` is empty, contains a path (``/``, ``\\``, ``..``), is absolute,
        or has other characters.
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidGroupIdError(N_("A group id may not be empty."))
    if "/" in value or "\\" in value or ".." in value or value.startswith("~"):
        raise InvalidGroupIdError(
            N_("Group id {id!r} looks like a file path; use only letters, digits, '-' and '_'."),
            id=value,
        )
    if value.split(".")[0] in _RESERVED_NAMES:
        raise InvalidGroupIdError(
            N_("Group id {id!r} is a reserved file name on Windows; choose another."), id=value
        )
    if not _GROUP_ID_RE.match(value):
        raise InvalidGroupIdError(
            N_(
                "Group id {id!r} is not allowed: use 1-63 lowercase letters, digits, "
                "'-' or '_', starting with a letter or digit."
            ),
            id=value,
        )
    return value


def check_group_name(name: str) -> str:
    """Check a group's display name and return it trimmed.

    Parameters
    ----------
    name : str
        Display name, e.g. ``"LKP Jahit Berkah"``; may contain spaces and ``/``.

    Returns
    -------
    str
        The name with surrounding whitespace removed (NFC-normalised).

    Raises
    ------
    InvalidGroupIdError
        If the name is empty, is an absolute path or contains a ``..`` or ``.``
        path segment (it would look like a file path).
    """
    text = unicodedata.normalize("NFC", (name or "").strip())
    if not text:
        raise InvalidGroupIdError(N_("A group name may not be empty."))
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidGroupIdError(
            N_(
                "Group name {name!r} contains control characters (a line break or tab); "
                "remove them."
            ),
            name=text,
        )
    parts = re.split(r"[\\/]", text)
    if (
        text.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:[\\/]", text)
        or any(p in (".", "..") for p in parts)
    ):
        raise InvalidGroupIdError(
            N_("Group name {name!r} looks like a file path; give the group a plain name."),
            name=text,
        )
    if len(text) > 120:
        raise InvalidGroupIdError(
            N_("Group name {name!r} is too long (at most 120 characters)."), name=text[:40]
        )
    return text


def slugify(name: str, *, max_length: int = 40) -> str:
    """Turn a display name into a group id.

    Parameters
    ----------
    name : str
        Display name (any Unicode).
    max_length : int, default 40
        Longest id returned (1-63).

    Returns
    -------
    str
        Lowercase ASCII slug, words joined by ``-``; e.g. ``"LKP Jahit Berkah"`` ->
        ``"lkp-jahit-berkah"``.

    Raises
    ------
    InvalidGroupIdError
        If nothing usable is left (e.g. the name is only punctuation or emoji).

    Examples
    --------
    >>> slugify("Kelompok 1: Tata Rias/Kecantikan")
    'kelompok-1-tata-rias-kecantikan'
    """
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_length].strip("-")
    if slug in _RESERVED_NAMES:
        slug += "-1"
    if not slug:
        raise InvalidGroupIdError(
            N_("Cannot make a group id from {name!r}; use letters or digits in the name."),
            name=name,
        )
    return slug


def _group_id(value: str) -> str:
    try:
        return check_group_id(value)
    except InvalidGroupIdError as exc:
        raise ValueError(str(exc)) from None


GroupId = Annotated[str, AfterValidator(_group_id)]


#: Plain names of the catalogue lists that data files refer to (message ids).
KIND_NAMES = {
    "aspects": N_("aspects"),
    "components": N_("aspect components"),
    "partner_categories": N_("partner categories"),
    "flows": N_("flow types"),
    "patterns": N_("partnership patterns"),
    "stages": N_("stages"),
    "clauses": N_("agreement clauses"),
    "sustaining": N_("sustaining techniques"),
    "exercises": N_("exercises"),
    "criteria": N_("partner criteria"),
    "principles": N_("principles"),
}


@cache
def _known_ids(kind: str) -> frozenset[str]:
    cat = get_catalogue()
    if kind == "components":
        return frozenset(c.id for aspect in cat.aspects for c in aspect.components)
    return frozenset(cat.ids(kind))


def _catalogue_ref(kind: str):
    def check(value: str) -> str:
        if value not in _known_ids(kind):
            raise ValueError(
                gettext("{id!r} is not in the catalogue's list of {kind}").format(
                    id=value, kind=gettext(KIND_NAMES.get(kind, kind))
                )
            )
        return value

    return Annotated[str, AfterValidator(check)]


AspectId = _catalogue_ref("aspects")
ComponentId = _catalogue_ref("components")
CategoryId = _catalogue_ref("partner_categories")
FlowId = _catalogue_ref("flows")
PatternId = _catalogue_ref("patterns")
StageId = _catalogue_ref("stages")
ClauseId = _catalogue_ref("clauses")
SustainingId = _catalogue_ref("sustaining")
ExerciseId = _catalogue_ref("exercises")
CriterionId = _catalogue_ref("criteria")
PrincipleId = _catalogue_ref("principles")

ShortText = Annotated[str, StringConstraints(max_length=300)]
LongText = Annotated[str, StringConstraints(max_length=10_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def name_key(name: str) -> str:
    r"""Return the form of a name used to tell whether two names are the same.

    Parameters
    ----------
    name : str
        A party's, group's or institution's name.

    Returns
    -------
    str
        The name in Unicode NFC form, case-folded, with every run of blanks (spaces,
        tabs, line breaks, no-break spaces) made one space and no blanks at the ends.

    Examples
    --------
    >>> name_key("  Bank\u00a0BRI ") == name_key("bank bri")
    True
    """
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _invisible(ch: str) -> bool:
    """Tell blanks, control, format (zero-width, direction marks) and surrogate characters."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs")


def clean_name(name: str) -> str:
    r"""Clean a party's name the same way for the form, the import and saved files.

    Parameters
    ----------
    name : str
        The name as typed, pasted or read from a file.

    Returns
    -------
    str
        The name in NFC form with control characters removed (tabs and line breaks
        become spaces), runs of blanks made one space, and blanks and invisible
        characters (zero-width space and joiner, word joiner, byte-order mark,
        direction marks, soft hyphen) removed at both ends.

    Raises
    ------
    ValueError
        If no visible character is left (e.g. the name is only ``"\u200b"``).

    Examples
    --------
    >>> clean_name("Bad\x07Name\x00"), clean_name("\u200b Toko Jaya\u200d ")
    ('BadName', 'Toko Jaya')
    """
    text = unicodedata.normalize("NFC", name)
    if text.isprintable():  # no control, format or unusual blank character: the quick way
        text = " ".join(text.split())
        if not text:
            raise ValueError(gettext("the name has no visible characters"))
        return text
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    text = " ".join(text.split())
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    text = text[start:end]
    if not text:
        raise ValueError(gettext("the name has no visible characters"))
    return text


#: An actor's name: cleaned by :func:`clean_name`, 1-200 characters.
PartyName = Annotated[Name, AfterValidator(clean_name)]
Score5 = Annotated[int, Field(ge=1, le=5)]
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]

#: Years a typed date may fall in; a date outside is almost always a typo (2207 for 2027).
DATE_YEARS: tuple[int, int] = (2000, 2100)


def check_plausible_date(value: dt.date) -> dt.date:
    """Refuse a date whose year is outside :data:`DATE_YEARS` (a typo such as 2207).

    Parameters
    ----------
    value : datetime.date
        A date typed by a group (activity, agreement, review, monitoring, workshop).

    Returns
    -------
    datetime.date
        `value` unchanged.

    Raises
    ------
    ValueError
        If its year is before 2000 or after 2100; the message (current language) says
        which years are accepted.
    """
    first, last = DATE_YEARS
    if not first <= value.year <= last:
        raise ValueError(
            gettext(
                "the year {year} looks like a typo: write a date between {first} and {last}"
            ).format(year=value.year, first=first, last=last)
        )
    return value


PlausibleDate = Annotated[dt.date, AfterValidator(check_plausible_date)]

Availability = Literal["ada", "sebagian", "belum_ada"]
ProgrammeStage = Literal["persiapan", "pembelajaran", "uji_kompetensi", "tindak_lanjut"]
Relationship = Literal["belum_kenal", "kenal", "pernah_kerja_sama", "mitra_aktif"]
Direction = Literal["forward", "backward", "both"]
LinkStatus = Literal["existing", "potential"]
ActivityStatus = Literal["belum", "berjalan", "selesai", "tertunda"]
Rhythm = Literal["weekly", "monthly", "quarterly", "semester", "yearly", "as_needed"]
HealthLevel = Literal["merah", "kuning", "hijau"]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", allow_inf_nan=False, validate_assignment=True, validate_default=True
    )


def next_id(prefix: str, existing: Iterable[str]) -> str:
    """Return the next free item id ``"<prefix>-<n>"``.

    Parameters
    ----------
    prefix : str
        Short prefix, e.g. ``"need"``, ``"actor"``, ``"link"``.
    existing : iterable of str
        Ids already in use.

    Returns
    -------
    str
        ``prefix-n`` with n one more than the largest number used with that prefix
        (``"need-1"`` when there is none).
    """
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    numbers = [int(m.group(1)) for m in map(pattern.match, existing) if m]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def link_key(source: str, target: str, flow: str, direction: str) -> tuple:
    """Return what makes two links the same relationship.

    Parameters
    ----------
    source, target : str
        The link's ends (actor ids or :data:`LKP_NODE`).
    flow : str
        ``flows`` catalogue id.
    direction : {"forward", "backward", "both"}
        The link's direction.

    Returns
    -------
    tuple
        ``(flow, "directed", giver, receiver)`` for a one-way link (a ``backward``
        link from A to B equals a ``forward`` link from B to A), or
        ``(flow, "both", end, end)`` with the ends sorted for a two-way link.

    Examples
    --------
    >>> link_key("a", "b", "sdm", "backward") == link_key("b", "a", "sdm", "forward")
    True
    """
    if direction == "both":
        return (flow, "both", *sorted((source, target)))
    pair = (source, target) if direction != "backward" else (target, source)
    return (flow, "directed", *pair)


# ---------------------------------------------------------------- step 1: needs
class InstitutionProfile(_Model):
    """Profile of the group's institution (LKP) — identifikasi intern lembaga.

    Attributes
    ----------
    name : str
        The institution's name.
    district : str
        Regency or city; usually a ``regions`` catalogue label, free text allowed.
    programmes : list of str
        Courses or programmes offered.
    learners_per_year : int or None
        Learners per year (0-100000).
    instructors, staff : int or None
        Number of instructors and of other staff (0-10000).
    facilities : str
        Rooms, equipment and other facilities, in the group's words.
    """

    name: ShortText = ""
    district: ShortText = ""
    programmes: list[ShortText] = Field(default_factory=list)
    learners_per_year: Annotated[int, Field(ge=0, le=100_000)] | None = None
    instructors: Annotated[int, Field(ge=0, le=10_000)] | None = None
    staff: Annotated[int, Field(ge=0, le=10_000)] | None = None
    facilities: LongText = ""


class Need(_Model):
    """One component the programme needs, with whether the LKP has it.

    Attributes
    ----------
    id : str
        Stable item id (``need-<n>``), referred to by actors.
    aspect : str
        ``aspects`` catalogue id (program_kegiatan, sarana_prasarana, dana, tenaga,
        pendayagunaan_hasil).
    component : str or None
        Catalogue component id when pre-listed; None for the group's own component.
    label : str
        The component in the group's words.
    availability : {"ada", "sebagian", "belum_ada"} or None
        Whether the LKP has it (None: not assessed yet). Lacking (sebagian,
        belum_ada) components are the LKP's needs (module, Chapter II, stage 1a).
    importance, urgency : int in 1..5 or None
        Group's rating; used by the priority ranking.
    programme_stage : str or None
        Stage of the course programme where it is needed.
    note : str
        Free note.
    criteria : list of str
        ``criteria`` catalogue ids for choosing a candidate partner.
    criteria_note : str
        Further criteria in the group's words.
    """

    id: ItemId
    aspect: AspectId
    component: ComponentId | None = None
    label: Name
    availability: Availability | None = None
    importance: Score5 | None = None
    urgency: Score5 | None = None
    programme_stage: ProgrammeStage | None = None
    note: LongText = ""
    criteria: list[CriterionId] = Field(default_factory=list)
    criteria_note: LongText = ""

    @property
    def lacking(self) -> bool:
        """True when the LKP lacks this component (sebagian or belum_ada)."""
        return self.availability in ("sebagian", "belum_ada")


# --------------------------------------------------------- step 2: partner map
class Actor(_Model):
    """A potential partner on the group's map (peta mitra).

    Attributes
    ----------
    id : str
        Stable item id (``actor-<n>``).
    name : str
        Name of the institution or role (not a private person's name); cleaned
        with :func:`clean_name` (no control characters, no invisible ends).
    category : str
        ``partner_categories`` catalogue id.
    influence : int in 1..5
        Power to help or block the programme.
    interest : int in 1..5
        Interest in / support for the LKP's programme.
    offers_needs : list of str
        Ids of the group's needs this actor could meet.
    offers_flows : list of str
        ``flows`` catalogue ids this actor could provide.
    relationship : {"belum_kenal", "kenal", "pernah_kerja_sama", "mitra_aktif"}
        How well the LKP knows the actor.
    contact_role : str
        Whom to approach (a role, e.g. "Kepala Seksi Pelatihan").
    note : str
        Free note.
    """

    id: ItemId
    name: PartyName
    category: CategoryId
    influence: Score5 = 3
    interest: Score5 = 3
    offers_needs: list[ItemId] = Field(default_factory=list)
    offers_flows: list[FlowId] = Field(default_factory=list)
    relationship: Relationship = "belum_kenal"
    contact_role: ShortText = ""
    note: LongText = ""


class Link(_Model):
    """A relationship between two nodes of the map (the LKP is :data:`LKP_NODE`).

    Attributes
    ----------
    id : str
        Stable item id (``link-<n>``).
    source, target : str
        Actor ids or ``"lkp"``; a link may not join a node to itself.
    flow : str
        ``flows`` catalogue id: what flows along the link.
    direction : {"forward", "backward", "both"}
        ``forward``: from source to target; ``backward``: from target to source.
    strength : int in 1..3
        1 weak, 2 medium, 3 strong.
    status : {"existing", "potential"}
        Whether the relationship exists already or is hoped for.
    note : str
        Free note.
    """

    id: ItemId
    source: ItemId
    target: ItemId
    flow: FlowId
    direction: Direction = "forward"
    strength: Annotated[int, Field(ge=1, le=3)] = 2
    status: LinkStatus = "potential"
    note: LongText = ""

    @model_validator(mode="after")
    def _no_self_loop(self) -> Link:
        if self.source == self.target:
            raise ValueError(
                gettext("link {id!r} joins {node!r} to itself").format(id=self.id, node=self.source)
            )
        return self


# ----------------------------------------------------------------- step 3: plan
class Activity(_Model):
    """One activity inside a stage of a partnership plan.

    Attributes
    ----------
    id : str
        Stable item id.
    name : str
        What is done.
    start, end : datetime.date or None
        Planned dates (years 2000-2100); `end` may not be before `start`.
    responsible : str
        Person or role responsible.
    status : {"belum", "berjalan", "selesai", "tertunda"}
        Not started, running, done, delayed.
    evidence : str
        Evidence of progress (monitoring).
    """

    id: ItemId
    name: Name
    start: PlausibleDate | None = None
    end: PlausibleDate | None = None
    responsible: ShortText = ""
    status: ActivityStatus = "belum"
    evidence: LongText = ""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Activity:
        if self.start and self.end and self.end < self.start:
            raise ValueError(
                gettext("activity {name!r} ends before it starts").format(name=self.name)
            )
        return self


class StagePlan(_Model):
    """Activities planned for one of the module's stages (``stages`` catalogue id)."""

    stage: StageId
    activities: list[Activity] = Field(default_factory=list)


class SustainingPlan(_Model):
    """A chosen technique to sustain the partnership, with its rhythm.

    Attributes
    ----------
    technique : str
        ``sustaining`` catalogue id.
    rhythm : {"weekly", "monthly", "quarterly", "semester", "yearly", "as_needed"}
        How often it is done.
    note : str
        Free note.
    """

    technique: SustainingId
    rhythm: Rhythm = "monthly"
    note: LongText = ""


class Partnership(_Model):
    """The plan for one partnership with one actor of the map.

    Attributes
    ----------
    id : str
        Stable item id.
    actor_id : str
        Id of the partner on the map.
    aspects : list of str
        ``aspects`` catalogue ids partnered on.
    pattern : str or None
        ``patterns`` catalogue id.
    goal : str
        The shared goal (prinsip kesamaan).
    lkp_gives, lkp_gets, partner_gives, partner_gets : str
        What each party contributes and receives (keseimbangan, manfaat).
    stages : list of StagePlan
        Activities per stage.
    clauses : dict of str to str
        Agreement clause text per ``clauses`` catalogue id.
    start_date, review_date : datetime.date or None
        Start of the agreement and the date of its review (years 2000-2100).
    duration_months : int or None
        Length of the agreement in months (1-120).
    sustaining : list of SustainingPlan
        Techniques to keep the partnership alive.
    """

    id: ItemId
    actor_id: ItemId
    aspects: list[AspectId] = Field(default_factory=list)
    pattern: PatternId | None = None
    goal: LongText = ""
    lkp_gives: LongText = ""
    lkp_gets: LongText = ""
    partner_gives: LongText = ""
    partner_gets: LongText = ""
    stages: list[StagePlan] = Field(default_factory=list)
    clauses: dict[ClauseId, LongText] = Field(default_factory=dict)
    start_date: PlausibleDate | None = None
    duration_months: Annotated[int, Field(ge=1, le=120)] | None = None
    review_date: PlausibleDate | None = None
    sustaining: list[SustainingPlan] = Field(default_factory=list)


class Plan(_Model):
    """The group's partnership plan (rencana kemitraan): one entry per partner."""

    partnerships: list[Partnership] = Field(default_factory=list)


# ----------------------------------------------------- concepts and follow-up
class ExerciseAnswer(_Model):
    """A group's open answer to one exercise (latihan soal)."""

    text: LongText = ""
    updated: dt.datetime | None = None


class QuizResult(_Model):
    """Score of one auto-checked quiz: `score` right out of `total` (0 <= score <= total)."""

    score: Annotated[int, Field(ge=0)]
    total: Annotated[int, Field(ge=1)]
    answers: dict[ShortText, ShortText] = Field(default_factory=dict)
    updated: dt.datetime | None = None

    @model_validator(mode="after")
    def _score_in_range(self) -> QuizResult:
        if self.score > self.total:
            raise ValueError(gettext("quiz score is larger than the number of questions"))
        return self


class MonitoringEntry(_Model):
    """One monitoring note (monev) on a partnership's stage or activity."""

    id: ItemId
    date: PlausibleDate
    partnership_id: ItemId | None = None
    stage: StageId | None = None
    activity_id: ItemId | None = None
    status: ActivityStatus = "berjalan"
    evidence: LongText = ""
    note: LongText = ""


class HealthRating(_Model):
    """Traffic-light rating of one principle: merah (red), kuning (amber), hijau (green)."""

    level: HealthLevel
    note: LongText = ""


class HealthCheck(_Model):
    """A partnership health check per principle, with what changed since the last one."""

    id: ItemId
    date: PlausibleDate
    partnership_id: ItemId | None = None
    ratings: dict[PrincipleId, HealthRating] = Field(default_factory=dict)
    changes: LongText = ""


class StepState(_Model):
    """A group's own mark that a workshop step is finished."""

    done: bool = False
    updated: dt.datetime | None = None


# ------------------------------------------------------------------ the group
class Group(_Model):
    """Everything one workshop group enters; saved as ``groups/<id>.json``.

    Attributes
    ----------
    schema_version : int
        Layout version, :data:`SCHEMA_VERSION`.
    revision : int
        Increased by one on every save; a save based on an older revision fails.
    id : str
        Group id (slug, also the file name).
    name : str
        Display name.
    profile : InstitutionProfile
        The LKP's profile.
    needs : list of Need
        Needs inventory.
    actors : list of Actor
        Potential partners on the map.
    links : list of Link
        Relationships among the LKP and actors.
    plan : Plan
        The partnership plan.
    exercises : dict of str to ExerciseAnswer
        Open answers per ``exercises`` catalogue id.
    quizzes : dict of str to QuizResult
        Auto-checked quiz results per quiz name.
    monitoring : list of MonitoringEntry
        Follow-up notes.
    health_checks : list of HealthCheck
        Health checks per principle.
    steps : dict of str to StepState
        The group's own "finished" marks per step (:data:`STEPS`).
    updated : datetime.datetime or None
        Time of the last save (UTC).

    Raises
    ------
    pydantic.ValidationError
        On validation, when ids repeat, or an actor, link or partnership refers to
        a need or actor that does not exist.
    """

    schema_version: Annotated[int, Field(strict=True, ge=1, le=1)] = SCHEMA_VERSION
    revision: Annotated[int, Field(ge=0)] = 0
    id: GroupId
    name: Name
    profile: InstitutionProfile = Field(default_factory=InstitutionProfile)
    needs: list[Need] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    plan: Plan = Field(default_factory=Plan)
    exercises: dict[ExerciseId, ExerciseAnswer] = Field(default_factory=dict)
    quizzes: dict[ShortText, QuizResult] = Field(default_factory=dict)
    monitoring: list[MonitoringEntry] = Field(default_factory=list)
    health_checks: list[HealthCheck] = Field(default_factory=list)
    steps: dict[Step, StepState] = Field(default_factory=dict)
    updated: dt.datetime | None = None

    @model_validator(mode="after")
    def _references_hold(self) -> Group:
        _unique("needs", (n.id for n in self.needs))
        _unique("actors", (a.id for a in self.actors))
        _unique("links", (k.id for k in self.links))
        _unique("plan.partnerships", (p.id for p in self.plan.partnerships))
        need_ids = {n.id for n in self.needs}
        nodes = {a.id for a in self.actors} | {LKP_NODE}
        for actor in self.actors:
            missing = [n for n in actor.offers_needs if n not in need_ids]
            if missing:
                raise ValueError(
                    gettext("actor {name!r} offers need {need!r}, which does not exist").format(
                        name=actor.name, need=missing[0]
                    )
                )
        for link in self.links:
            for end in (link.source, link.target):
                if end not in nodes:
                    raise ValueError(
                        gettext(
                            "link {id!r} refers to actor {actor!r}, which does not exist"
                        ).format(id=link.id, actor=end)
                    )
        for p in self.plan.partnerships:
            if p.actor_id not in nodes - {LKP_NODE}:
                raise ValueError(
                    gettext(
                        "partnership {id!r} refers to actor {actor!r}, which does not exist"
                    ).format(id=p.id, actor=p.actor_id)
                )
        self._follow_up_references_hold()
        return self

    def _follow_up_references_hold(self) -> None:
        partnerships = {p.id for p in self.plan.partnerships}
        activities = [a.id for p in self.plan.partnerships for s in p.stages for a in s.activities]
        _unique("plan activities", activities)
        _unique("monitoring", (m.id for m in self.monitoring))
        _unique("health_checks", (h.id for h in self.health_checks))
        refs = [(m.id, m.partnership_id, partnerships) for m in self.monitoring]
        refs += [(m.id, m.activity_id, set(activities)) for m in self.monitoring]
        refs += [(h.id, h.partnership_id, partnerships) for h in self.health_checks]
        for item, ref, known in refs:
            if ref is not None and ref not in known:
                raise ValueError(
                    gettext("{item!r} refers to {ref!r}, which is not in the plan").format(
                        item=item, ref=ref
                    )
                )

    def need(self, need_id: str) -> Need:
        """Return the need with id `need_id`; raises KeyError when absent."""
        for n in self.needs:
            if n.id == need_id:
                return n
        raise KeyError(need_id)

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with id `actor_id`; raises KeyError when absent."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)


def _unique(what: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(gettext("duplicate id {id!r} in {what}").format(id=item, what=what))
        seen.add(item)


class GroupRef(_Model):
    """A group as listed in ``workshop.json``: its id (file name) and display name."""

    id: GroupId
    name: Name


class WorkshopInfo(_Model):
    """The workshop itself, saved as ``workshop.json`` (the issue's *Workshop* model).

    Attributes
    ----------
    schema_version : int
        Layout version, :data:`SCHEMA_VERSION`.
    title : str
        Title of the training session.
    date : datetime.date or None
        First day of the workshop.
    venue : str
        Where it takes place.
    facilitator : str
        Facilitator's name or role.
    language : {"id", "en"}
        Default UI language for the groups.
    groups : list of GroupRef
        The groups, in display order.
    created : datetime.datetime or None
        When the workshop was created (UTC).
    """

    schema_version: Annotated[int, Field(strict=True, ge=1, le=1)] = SCHEMA_VERSION
    revision: Annotated[int, Field(ge=0)] = 0
    title: Name
    date: PlausibleDate | None = None
    venue: ShortText = ""
    facilitator: ShortText = ""
    language: Literal["id", "en"] = "id"
    groups: list[GroupRef] = Field(default_factory=list)
    created: dt.datetime | None = None

    @model_validator(mode="after")
    def _unique_groups(self) -> WorkshopInfo:
        _unique("groups", (g.id for g in self.groups))
        return self
