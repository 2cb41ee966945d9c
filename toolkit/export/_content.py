"""The plan worksheet's content, shared by every format (tables of raw values).

Each exporter asks this module for the same sections (profile, priority needs,
partners, relationships, partnerships, schedule, draft agreement) as plain tables
of values (``str``, ``int``, :class:`datetime.date`), already cleaned with
:func:`toolkit.export._text.clean_text`, and only decides how to lay them out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from babel.dates import format_date
from babel.numbers import format_decimal

from ..analysis.priority import AVAILABILITY_LABELS, STAGE_LABELS, rank_needs
from ..catalogue import get_catalogue
from ..i18n import LANGUAGES, N_, get_language, translate
from ..model import LKP_NODE, Group, Partnership
from ._text import clean_text

# ----------------------------------------------------------------- message ids
TITLE = N_("Partnership plan worksheet")
AGREEMENT_TITLE = N_("Draft partnership agreement")
SHEETS = {
    "profile": N_("profile"),
    "needs": N_("needs"),
    "partners": N_("partners"),
    "links": N_("relationships"),
    "plan": N_("plan"),
    "schedule": N_("schedule"),
}
HEADINGS = {
    "profile": N_("Institution profile"),
    "needs": N_("Priority needs"),
    "partners": N_("Partners"),
    "links": N_("Relationships on the partner map"),
    "map": N_("Partner map"),
    "grid": N_("Influence and interest of the partners"),
    "plan": N_("Partnership plan"),
    "schedule": N_("Schedule of activities"),
    "sustaining": N_("Keeping the partnership alive"),
    "principles": N_("The plan and the principles of partnership"),
}
RELATIONSHIP_LABELS = {
    "belum_kenal": N_("not acquainted yet"),
    "kenal": N_("acquainted"),
    "pernah_kerja_sama": N_("worked together before"),
    "mitra_aktif": N_("active partner"),
}
LINK_STATUS_LABELS = {"existing": N_("already exists"), "potential": N_("potential")}
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
ARROWS = {"forward": "→", "backward": "←", "both": "↔"}
_M = {  # other labels, message ids
    "group": N_("Group"),
    "name": N_("Name"),
    "district": N_("Regency or city"),
    "programmes": N_("Programmes"),
    "learners": N_("Learners per year"),
    "instructors": N_("Instructors"),
    "staff": N_("Other staff"),
    "facilities": N_("Facilities"),
    "no": N_("No."),
    "aspect": N_("Aspect"),
    "component": N_("Component"),
    "availability": N_("Availability"),
    "importance": N_("Importance"),
    "urgency": N_("Urgency"),
    "programme_stage": N_("Programme stage"),
    "score": N_("Priority score"),
    "partner": N_("Partner"),
    "category": N_("Category"),
    "influence": N_("Influence"),
    "interest": N_("Interest"),
    "relationship": N_("Relationship"),
    "meets_needs": N_("Needs it can meet"),
    "offers": N_("What it can offer"),
    "contact": N_("Whom to approach"),
    "note": N_("Note"),
    "from": N_("From"),
    "to": N_("To"),
    "flow": N_("What flows"),
    "direction": N_("Direction"),
    "strength": N_("Strength"),
    "status": N_("Status"),
    "aspects": N_("Aspects"),
    "pattern": N_("Partnership pattern"),
    "goal": N_("Shared goal"),
    "lkp_gives": N_("The LKP gives"),
    "lkp_gets": N_("The LKP gets"),
    "partner_gives": N_("The partner gives"),
    "partner_gets": N_("The partner gets"),
    "start_date": N_("Start"),
    "duration": N_("Duration (months)"),
    "review_date": N_("Review date"),
    "stage": N_("Stage"),
    "activity": N_("Activity"),
    "start": N_("Start"),
    "end": N_("End"),
    "responsible": N_("Responsible"),
    "technique": N_("Technique"),
    "rhythm": N_("How often"),
    "not_rated": N_("not rated yet"),
    "lkp": N_("LKP (our institution)"),
    "partnership_with": N_("Partnership with {partner}"),
    "generated": N_("Made on {date}"),
    "page": N_("Page {page} of {pages}"),
}
_AGREEMENT = {
    "between": N_("between"),
    "first_party": N_("First party"),
    "second_party": N_("Second party"),
    "purpose": N_("Purpose"),
    "agreement_duration": N_("Duration"),
    "period": N_("{months} months, from {start} to {end}"),
    "months": N_("{months} months"),
    "review": N_("The partnership is reviewed together on {date}."),
    "article": N_("Article {n}. {title}"),
    "intro": N_(
        "The parties below agree to work together in the partnership described in this "
        "agreement, on the principles of common purpose, togetherness, balance, fairness "
        "and openness, mutual benefit and sustainability."
    ),
    "signed": N_("Signed at {place}, on"),
    "sign_name": N_("Name, position and signature"),
    "empty": N_("(to be agreed)"),
}

if _clash := set(_M) & set(_AGREEMENT):  # one key, one label: "duration" once hid another
    raise RuntimeError(f"label keys used twice: {sorted(_clash)}")
_LABELS = {**_M, **_AGREEMENT}


@dataclass(frozen=True)
class Table:
    """A table: translated column headers and rows of raw values."""

    headers: list[str]
    rows: list[list[object]]
    widths: list[int] = field(default_factory=list)  # relative column widths (characters)


@dataclass(frozen=True)
class Agreement:
    """Build the draft agreement (draf akad kerja sama) of one partnership."""

    title: str
    intro: str
    parties: list[tuple[str, str]]  # (role, name and details)
    terms: list[tuple[str, str]]  # (label, text): purpose, duration, review
    clauses: list[tuple[str, str]]  # (heading "Pasal n. Dana", text)
    place: str
    signed: str
    sign_name: str


class Content:
    """Everything the worksheet shows for one group, in one language.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    lang : {"id", "en"}, optional
        Language of labels and dates; the current language when omitted.
    keep_emoji : bool, default True
        When False, emoji in the group's text are replaced by a note (for the PDF).
    today : datetime.date, optional
        Date printed as "made on"; today when omitted.
    """

    def __init__(self, group: Group, *, lang=None, keep_emoji=True, today=None) -> None:
        lang = lang or get_language()
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.group, self.lang, self.keep_emoji = group, lang, keep_emoji
        self.today = today or dt.date.today()
        self._cat = get_catalogue()

    # ------------------------------------------------------------ helpers
    def t(self, message: str, **kwargs: object) -> str:
        """Translate a message id (and fill its ``{fields}``)."""
        text = translate(message, self.lang)
        return text.format(**kwargs) if kwargs else text

    def m(self, key: str, **kwargs: object) -> str:
        """Translate one of this module's labels by key."""
        return self.t(_LABELS[key], **kwargs)

    def clean(self, text: object) -> str:
        """Clean user text (:func:`~toolkit.export._text.clean_text`)."""
        return clean_text(text, keep_emoji=self.keep_emoji, lang=self.lang).strip()

    def label(self, kind: str, id: str | None) -> str:
        """Return a catalogue label, or ``""`` for None."""
        return self._cat.label(kind, id, self.lang) if id else ""

    def date(self, value: dt.date | None) -> str:
        """Format a date the Indonesian way ("30 November 2026"); ``""`` for None."""
        return format_date(value, "d MMMM y", locale=self.lang) if value else ""

    def number(self, value: float | None) -> str:
        """Format a number in the language's style; ``""`` for None."""
        return "" if value is None else format_decimal(value, locale=self.lang)

    def text(self, value: object) -> str:
        """Turn a raw table value into display text (dates and numbers formatted)."""
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self.number(value)
        return "" if value is None else str(value)

    @cached_property
    def title(self) -> str:
        """The worksheet's title."""
        return self.t(TITLE)

    @cached_property
    def group_name(self) -> str:
        """The group's display name, cleaned."""
        return self.clean(self.group.name)

    def actor_name(self, actor_id: str) -> str:
        """Name of an actor, or the LKP's own label for :data:`LKP_NODE`."""
        if actor_id == LKP_NODE:
            return self.clean(self.group.profile.name) or self.m("lkp")
        return self.clean(self.group.actor(actor_id).name)

    # ------------------------------------------------------------ sections
    def profile(self) -> list[tuple[str, object]]:
        """Rows (label, value) of the institution's profile."""
        p = self.group.profile
        return [
            (self.m("group"), self.group_name),
            (self.m("name"), self.clean(p.name)),
            (self.m("district"), self.clean(p.district)),
            (self.m("programmes"), "\n".join(self.clean(x) for x in p.programmes)),
            (self.m("learners"), p.learners_per_year),
            (self.m("instructors"), p.instructors),
            (self.m("staff"), p.staff),
            (self.m("facilities"), self.clean(p.facilities)),
        ]

    def needs(self) -> Table:
        """Return the lacking needs, most pressing first (:func:`toolkit.analysis.rank_needs`)."""
        keys = ("no", "aspect", "component", "availability", "importance", "urgency")
        keys += ("programme_stage", "score")
        rows = [
            [
                int(r.rank),
                self.label("aspects", r.aspect),
                self.clean(r.label),
                self.t(AVAILABILITY_LABELS[r.availability]),
                r.importance,
                r.urgency,
                self.t(STAGE_LABELS[r.programme_stage]) if r.programme_stage else "",
                r.score if r.score is not None else self.m("not_rated"),
            ]
            for r in rank_needs(self.group).itertuples()
        ]
        return Table([self.m(k) for k in keys], rows, [6, 17, 32, 15, 11, 10, 16, 10])

    def partners(self) -> Table:
        """Return the actors on the partner map."""
        keys = ("no", "partner", "category", "influence", "interest", "relationship")
        keys += ("meets_needs", "offers", "contact", "note")
        needs = {n.id: n.label for n in self.group.needs}
        rows = [
            [
                i,
                self.clean(a.name),
                self.label("partner_categories", a.category),
                a.influence,
                a.interest,
                self.t(RELATIONSHIP_LABELS[a.relationship]),
                "\n".join(self.clean(needs[n]) for n in a.offers_needs),
                "\n".join(self.label("flows", f) for f in a.offers_flows),
                self.clean(a.contact_role),
                self.clean(a.note),
            ]
            for i, a in enumerate(self.group.actors, 1)
        ]
        return Table([self.m(k) for k in keys], rows, [6, 27, 20, 9, 9, 14, 28, 22, 18, 24])

    def links(self) -> Table:
        """Return the relationships among the LKP and the actors."""
        keys = ("from", "direction", "to", "flow", "strength", "status", "note")
        rows = [
            [
                self.actor_name(k.source),
                ARROWS[k.direction],
                self.actor_name(k.target),
                self.label("flows", k.flow),
                k.strength,
                self.t(LINK_STATUS_LABELS[k.status]),
                self.clean(k.note),
            ]
            for k in self.group.links
        ]
        return Table([self.m(k) for k in keys], rows, [28, 8, 28, 22, 9, 14, 30])

    def partnership_title(self, p: Partnership) -> str:
        """Heading of one partnership: "Kemitraan dengan <partner>"."""
        return self.m("partnership_with", partner=self.actor_name(p.actor_id))

    def partnership_labels(self) -> list[str]:
        """Labels of :meth:`partnership_fields`, in order."""
        return [self.m(k) for k in _PARTNERSHIP_KEYS]

    def partnership_fields(self, p: Partnership) -> list[tuple[str, object]]:
        """Rows (label, value) describing one partnership (dates stay dates)."""
        values = [
            self.actor_name(p.actor_id),
            ", ".join(self.label("aspects", a) for a in p.aspects),
            self.label("patterns", p.pattern),
            self.clean(p.goal),
            self.clean(p.lkp_gives),
            self.clean(p.lkp_gets),
            self.clean(p.partner_gives),
            self.clean(p.partner_gets),
            p.start_date,
            p.duration_months,
            p.review_date,
        ]
        return list(zip(self.partnership_labels(), values, strict=True))

    def activities(self, p: Partnership, *, with_partner: bool = False) -> Table:
        """Return the activities of one partnership, stage by stage, in the catalogue's order."""
        keys = ("partner",) * with_partner + ("stage", "activity", "start", "end")
        keys += ("responsible", "status")
        order = {s.id: i for i, s in enumerate(self._cat.stages)}
        rows = [
            [self.actor_name(p.actor_id)] * with_partner
            + [
                self.label("stages", s.stage),
                self.clean(a.name),
                a.start,
                a.end,
                self.clean(a.responsible),
                self.t(ACTIVITY_STATUS_LABELS[a.status]),
            ]
            for s in sorted(p.stages, key=lambda s: order.get(s.stage, 99))
            for a in s.activities
        ]
        widths = [24] * with_partner + [22, 36, 15, 15, 22, 13]
        return Table([self.m(k) for k in keys], rows, widths)

    def schedule(self) -> Table:
        """Every activity of every partnership (the *jadwal* sheet), by start date."""
        empty = self.activities(Partnership(id="x", actor_id="x"), with_partner=True)
        rows = [
            row
            for p in self.group.plan.partnerships
            for row in self.activities(p, with_partner=True).rows
        ]
        rows.sort(key=lambda r: (r[3] is None, r[3] or dt.date.min))
        return Table(empty.headers, rows, empty.widths)

    def sustaining(self, p: Partnership) -> Table:
        """Return the techniques chosen to keep one partnership alive."""
        rows = [
            [
                self.label("sustaining", s.technique),
                self.t(RHYTHM_LABELS[s.rhythm]),
                self.clean(s.note),
            ]
            for s in p.sustaining
        ]
        return Table([self.m("technique"), self.m("rhythm"), self.m("note")], rows, [30, 18, 40])

    def clauses(self, p: Partnership) -> list[tuple[str, str]]:
        """(heading, text) of every agreement clause, in the catalogue's order."""
        return [
            (c.label.get(self.lang), self.clean(p.clauses.get(c.id, ""))) for c in self._cat.clauses
        ]

    def plan_rows(self) -> Table:
        """One row per partnership with its fields, sustaining techniques and clauses."""
        headings = [c.label.get(self.lang) for c in self._cat.clauses]
        labels = self.partnership_labels() + [self.t(HEADINGS["sustaining"])] + headings
        rows = []
        for p in self.group.plan.partnerships:
            sustain = "\n".join(f"{r[0]} ({r[1]})" for r in self.sustaining(p).rows)
            values = [v for _, v in self.partnership_fields(p)] + [sustain]
            rows.append(values + [text for _, text in self.clauses(p)])
        widths = [26, 22, 18, 36, 30, 30, 30, 30, 15, 10, 15, 30] + [36] * len(headings)
        return Table(labels, rows, widths)

    # ------------------------------------------------------------ agreement
    def agreement(self, p: Partnership) -> Agreement:
        """Build the draft agreement (draf akad kerja sama) of one partnership."""
        prof, actor = self.group.profile, self.group.actor(p.actor_id)
        district = self.clean(prof.district)
        first = ", ".join(x for x in (self.clean(prof.name) or self.group_name, district) if x)
        second = " - ".join(
            x for x in (self.clean(actor.name), self.clean(actor.contact_role)) if x
        )
        terms = [(self.m("purpose"), self.clean(p.goal) or self.m("empty"))]
        terms.append((self.m("agreement_duration"), self._period(p) or self.m("empty")))
        if p.review_date:
            terms.append(("", self.m("review", date=self.date(p.review_date))))
        clauses = [
            (self.m("article", n=n, title=title), text or self.m("empty"))
            for n, (title, text) in enumerate(self.clauses(p), 1)
        ]
        return Agreement(
            title=self.t(AGREEMENT_TITLE),
            intro=self.m("intro"),
            parties=[(self.m("first_party"), first), (self.m("second_party"), second)],
            terms=terms,
            clauses=clauses,
            place=self.m("signed", place=district or "....................")
            + " ....................",
            signed="",
            sign_name=self.m("sign_name"),
        )

    def _period(self, p: Partnership) -> str:
        months = p.duration_months
        if months and p.start_date:
            end = add_months(p.start_date, months) - dt.timedelta(days=1)
            start = self.date(p.start_date)
            return self.m("period", months=months, start=start, end=self.date(end))
        if months:
            return self.m("months", months=months)
        return self.date(p.start_date)

    # ------------------------------------------------------------ extras
    # The plan analysis (toolkit.analysis.plan) and the timeline picture.
    def principle_findings(self) -> list[str]:
        """Return the principle and ethics check of the plan, one sentence each."""
        from .. import i18n
        from ..analysis.plan import plan_messages

        previous = i18n.get_language()
        i18n.set_language(self.lang)
        try:
            return plan_messages(self.group)
        finally:
            i18n.set_language(previous)

    def extra_figures(self) -> list[tuple[str, bytes]]:
        """Further pictures (heading, PNG): the timeline of the plan, when there is a plan.

        A long plan is drawn as several pictures of at most :data:`TIMELINE_ROWS` rows
        (:func:`toolkit.charts.timeline_figures`), headed "... (1/2)", "... (2/2)", so
        that each fits one A4 page at a readable size.
        """
        from ..charts import figure_png, timeline_figures

        if not self.group.plan.partnerships:
            return []
        heading = self.t(TIMELINE_HEADING)
        figures = timeline_figures(self.group, lang=self.lang, max_rows=TIMELINE_ROWS)
        return [
            (
                heading if len(figures) == 1 else f"{heading} ({n}/{len(figures)})",
                figure_png(fig, dpi=150),
            )
            for n, fig in enumerate(figures, 1)
        ]

    def figures(self) -> list[tuple[str, bytes]]:
        """Draw the pictures of the worksheet: (heading, PNG bytes), partner map first.

        The pictures depend only on the group's data and the language, so the last few
        drawn are kept (:data:`_FIGURE_CACHE`): exporting one plan in four formats
        draws them once.
        """
        key = (type(self).__name__, self.lang, str(self.today), self.group.model_dump_json())
        cached = _FIGURE_CACHE.get(key)
        if cached is None:
            cached = self._draw_figures()
            _FIGURE_CACHE[key] = cached
            while len(_FIGURE_CACHE) > _FIGURE_CACHE_SIZE:
                _FIGURE_CACHE.pop(next(iter(_FIGURE_CACHE)))
        return list(cached)

    def _draw_figures(self) -> list[tuple[str, bytes]]:
        from ..charts import figure_png, network_figure, power_interest_figure

        return [
            (
                self.t(HEADINGS["map"]),
                figure_png(network_figure(self.group, lang=self.lang), dpi=150),
            ),
            (
                self.t(HEADINGS["grid"]),
                figure_png(power_interest_figure(self.group, lang=self.lang), dpi=150),
            ),
        ] + self.extra_figures()


TIMELINE_HEADING = N_("Timeline of the stages and activities")
#: Most rows of one timeline picture in the worksheets (more make several pictures).
TIMELINE_ROWS = 40

#: Pictures drawn lately, by (content class, language, day, group JSON); oldest dropped first.
_FIGURE_CACHE: dict[tuple[str, str, str, str], list[tuple[str, bytes]]] = {}
_FIGURE_CACHE_SIZE = 8

_PARTNERSHIP_KEYS = (
    "partner",
    "aspects",
    "pattern",
    "goal",
    "lkp_gives",
    "lkp_gets",
    "partner_gives",
    "partner_gets",
    "start_date",
    "duration",
    "review_date",
)


def add_months(day: dt.date, months: int) -> dt.date:
    """Return `day` moved by `months` calendar months (clipped to the month's end)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
