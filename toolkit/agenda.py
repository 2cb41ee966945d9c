"""The workshop's agenda: the module's activities in order, with suggested durations.

The 2018 module describes what a partnership training covers (concepts with their
exercises, identifying the institution's needs, mapping candidate partners, planning
the partnership and its agreement, and following it up) but gives no timetable. The
minutes below are our suggestion for a one-day session with 5-30 groups; the
facilitator's session timer offers them as presets and any of them can be changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_, translate

__all__ = ["AgendaItem", "AGENDA", "agenda"]


@dataclass(frozen=True)
class AgendaItem:
    """One activity of the workshop day.

    Attributes
    ----------
    id : str
        Stable id.
    label : str
        English message id (shown translated, Indonesian by default).
    minutes : int
        Suggested duration in minutes (1-240).
    step : str or None
        The workshop step (:data:`toolkit.model.STEPS`) the activity belongs to.
    """

    id: str
    label: str
    minutes: int
    step: str | None = None

    def text(self, lang: str | None = None) -> str:
        """Return the activity's name in `lang` (default: the current language)."""
        return translate(self.label, lang)


#: The day's activities in module order (Bab I concepts, Bab II steps).
AGENDA: tuple[AgendaItem, ...] = (
    AgendaItem("pembukaan", N_("Opening and introductions"), 15),
    AgendaItem("konsep", N_("Partnership concepts and exercises (latihan soal)"), 60, "konsep"),
    AgendaItem("kebutuhan", N_("Identifying the institution's needs"), 45, "kebutuhan"),
    AgendaItem("istirahat", N_("Break"), 15),
    AgendaItem("peta_mitra", N_("Partner map"), 60, "peta_mitra"),
    AgendaItem("rencana", N_("Partnership plan and draft agreement"), 60, "rencana"),
    AgendaItem("presentasi", N_("Presentation of one group"), 5),
    AgendaItem("monev", N_("Planning the follow-up (monev)"), 20, "monev"),
    AgendaItem("penutup", N_("Reflection and closing"), 15),
)


def agenda(lang: str | None = None) -> list[tuple[str, int]]:
    """Return the agenda as (activity name, minutes) pairs in order.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language of the names (default: the current one).

    Returns
    -------
    list of (str, int)
        One pair per :data:`AGENDA` item.

    Raises
    ------
    ValueError
        If `lang` is not a supported language.
    """
    return [(item.text(lang), item.minutes) for item in AGENDA]
