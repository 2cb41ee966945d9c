"""Rank what the institution lacks: the priority of each need (identifikasi intern lembaga).

Stage 1 of building a partnership asks the LKP to list the components its programme
needs, mark the ones it lacks (those are its needs), and rank them by the programme's
stages before setting criteria for a candidate partner. The functions here turn a
group's needs inventory into that ranking. They are pure: a group in, plain values
out, no printing, plotting or widgets.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab II A.1, "Identifikasi intern
lembaga": (a) list the components and mark what is lacking; (b) rank the needs by the
programme's stages and set the criteria for a candidate partner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..catalogue import get_catalogue
from ..i18n import N_, translate
from ..model import Group, Need

__all__ = [
    "GAP",
    "STAGE_ORDER",
    "COLUMNS",
    "COLUMN_LABELS",
    "AVAILABILITY_LABELS",
    "STAGE_LABELS",
    "NOT_RATED",
    "priority_score",
    "rank_needs",
    "priority_needs",
    "describe_priority",
]

#: How much of a component is missing: all of it (belum_ada) or half (sebagian).
GAP: dict[str, float] = {"belum_ada": 1.0, "sebagian": 0.5}

#: Stages of a course programme, earliest first; the first tie-break of the ranking.
STAGE_ORDER: tuple[str, ...] = ("persiapan", "pembelajaran", "uji_kompetensi", "tindak_lanjut")

#: Columns of :func:`rank_needs`, in order.
COLUMNS: tuple[str, ...] = (
    "rank",
    "need_id",
    "aspect",
    "label",
    "availability",
    "importance",
    "urgency",
    "programme_stage",
    "score",
)

#: Message ids of the column headers (translate with :func:`toolkit.i18n.gettext`).
COLUMN_LABELS: dict[str, str] = {
    "rank": N_("No."),
    "need_id": N_("Need id"),
    "aspect": N_("Aspect"),
    "label": N_("Component"),
    "availability": N_("Availability"),
    "importance": N_("Importance"),
    "urgency": N_("Urgency"),
    "programme_stage": N_("Programme stage"),
    "score": N_("Priority score"),
}

#: Message ids of the availability values.
AVAILABILITY_LABELS: dict[str, str] = {
    "ada": N_("available"),
    "sebagian": N_("partly available"),
    "belum_ada": N_("not yet available"),
}

#: Message ids of the programme stages.
STAGE_LABELS: dict[str, str] = {
    "persiapan": N_("preparation"),
    "pembelajaran": N_("learning"),
    "uji_kompetensi": N_("competence test"),
    "tindak_lanjut": N_("follow-up"),
}

#: Message id shown instead of a score when importance or urgency is missing.
NOT_RATED = N_("not rated yet")

_PRIORITY_TEXT = N_(
    "Priority score = importance (1-5) × urgency (1-5) × gap, where the gap is 1 for a "
    "component the institution does not have yet and 0.5 for one it has only partly "
    "(scores from 0.5 to 25). Components the institution has are not needs and are left "
    "out. Equal scores are ordered by programme stage (preparation, learning, competence "
    "test, follow-up), then by higher urgency. Needs without importance or urgency come "
    "last, marked 'not rated yet'."
)

_NUMBER = re.compile(r"(\d+)")


def priority_score(need: Need) -> float | None:
    """Return the priority score of one need, or None when it has none.

    The score is ``importance × urgency × gap``, with ``gap = 1.0`` when the LKP
    does not have the component yet (``belum_ada``) and ``gap = 0.5`` when it has
    it only partly (``sebagian``).

    Parameters
    ----------
    need : toolkit.model.Need
        One component of the needs inventory.

    Returns
    -------
    float or None
        A score in [0.5, 25] (higher first); None when the LKP has the component
        (``ada``), when its availability is not assessed yet, or when importance or
        urgency is missing.

    See Also
    --------
    rank_needs : every lacking need, ranked.

    Examples
    --------
    >>> from toolkit.model import Need
    >>> need = Need(id="need-1", aspect="dana", label="Honor instruktur",
    ...             availability="sebagian", importance=4, urgency=5)
    >>> priority_score(need)
    10.0
    >>> priority_score(need.model_copy(update={"availability": "ada"})) is None
    True

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1, "Identifikasi intern lembaga".
    """
    gap = GAP.get(need.availability or "")
    if gap is None or need.importance is None or need.urgency is None:
        return None
    return float(need.importance * need.urgency * gap)


def _natural(text: str) -> tuple:
    """Sort key that orders ``need-2`` before ``need-10``."""
    return tuple(int(p) if p.isdigit() else p for p in _NUMBER.split(text))


def _sort_key(need: Need, aspect_order: dict[str, int]) -> tuple:
    score = priority_score(need)
    stage = need.programme_stage
    return (
        score is None,
        -(score or 0.0),
        STAGE_ORDER.index(stage) if stage else len(STAGE_ORDER),
        -(need.urgency or 0),
        aspect_order.get(need.aspect, len(aspect_order)),
        need.label.casefold(),
        _natural(need.id),
    )


def _ranked(needs: Iterable[Need]) -> list[Need]:
    """Return the lacking needs in priority order (see :func:`rank_needs`)."""
    aspect_order = {a.id: i for i, a in enumerate(get_catalogue().aspects)}
    lacking = [n for n in needs if n.lacking]
    return sorted(lacking, key=lambda n: _sort_key(n, aspect_order))


def rank_needs(group: Group) -> pd.DataFrame:
    """Rank what the institution lacks, most pressing first.

    Only components marked ``sebagian`` (partly available) or ``belum_ada`` (not yet
    available) are needs; components marked ``ada`` or not assessed are left out.
    Each need gets ``score = importance × urgency × gap`` (see
    :func:`priority_score`). Rows are ordered by

    1. score, highest first; needs without importance or urgency come after every
       rated need, with score None;
    2. programme stage, earliest first: persiapan < pembelajaran < uji_kompetensi <
       tindak_lanjut < not set;
    3. urgency, highest first (missing last);
    4. the aspect's order in the catalogue (program kegiatan, sarana dan prasarana,
       dana, tenaga, pendayagunaan hasil);
    5. label (case-insensitive), then id (``need-2`` before ``need-10``).

    The order is therefore fully deterministic.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose needs inventory is ranked.

    Returns
    -------
    pandas.DataFrame
        One row per lacking need, with the columns of :data:`COLUMNS`: ``rank``
        (int, 1 for the first row, consecutive), ``need_id``, ``aspect`` (catalogue
        id), ``label``, ``availability``, ``importance`` and ``urgency`` (int 1-5 or
        None), ``programme_stage`` (str or None) and ``score`` (float in [0.5, 25] or
        None for a need not rated yet; never NaN). Empty, with the same columns, when
        nothing is lacking.

    See Also
    --------
    priority_needs : the same ranking as a list of needs.

    Examples
    --------
    >>> from toolkit.model import Group, Need
    >>> g = Group(id="contoh", name="Contoh", needs=[
    ...     Need(id="need-1", aspect="dana", label="Honor", availability="sebagian",
    ...          importance=4, urgency=4, programme_stage="pembelajaran"),
    ...     Need(id="need-2", aspect="tenaga", label="Asesor", availability="belum_ada",
    ...          importance=4, urgency=2, programme_stage="uji_kompetensi"),
    ...     Need(id="need-3", aspect="dana", label="Listrik", availability="ada",
    ...          importance=5, urgency=5)])
    >>> rank_needs(g)[["rank", "need_id", "score"]].values.tolist()
    [[1, 'need-1', 8.0], [2, 'need-2', 8.0]]

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1, "Identifikasi intern lembaga",
    step (b): rank the needs by the programme's stages.
    """
    rows = [
        {
            "rank": rank,
            "need_id": n.id,
            "aspect": n.aspect,
            "label": n.label,
            "availability": n.availability,
            "importance": n.importance,
            "urgency": n.urgency,
            "programme_stage": n.programme_stage,
            "score": priority_score(n),
        }
        for rank, n in enumerate(_ranked(group.needs), start=1)
    ]
    data = {col: pd.Series([r[col] for r in rows], dtype=object) for col in COLUMNS}
    data["rank"] = pd.Series([r["rank"] for r in rows], dtype="int64")
    return pd.DataFrame(data, columns=list(COLUMNS))


def priority_needs(group: Group, top: int | None = None) -> list[Need]:
    """Return the lacking needs in the order of :func:`rank_needs`.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose needs are ranked.
    top : int, optional
        Return at most this many (the most pressing); all when omitted.

    Returns
    -------
    list of toolkit.model.Need
        The group's own need objects, most pressing first; rated needs before
        needs not rated yet.

    Raises
    ------
    ValueError
        If `top` is smaller than 1.

    Examples
    --------
    >>> from toolkit.model import Group, Need
    >>> g = Group(id="contoh", name="Contoh", needs=[
    ...     Need(id="need-1", aspect="dana", label="Honor", availability="sebagian",
    ...          importance=2, urgency=2),
    ...     Need(id="need-2", aspect="tenaga", label="Asesor", availability="belum_ada",
    ...          importance=3, urgency=2)])
    >>> [n.id for n in priority_needs(g, top=1)]
    ['need-2']

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1, "Identifikasi intern lembaga".
    """
    if top is not None and top < 1:
        raise ValueError(f"top must be at least 1, not {top!r}")
    ranked = _ranked(group.needs)
    return ranked if top is None else ranked[:top]


def describe_priority(lang: str | None = None) -> str:
    """Explain in plain words how the priority of a need is computed.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language of the text; the current language (Indonesian by default) when
        omitted.

    Returns
    -------
    str
        A short paragraph naming the formula and the tie-breaks of
        :func:`rank_needs`.

    Raises
    ------
    ValueError
        If `lang` is not ``"id"`` or ``"en"``.

    Examples
    --------
    >>> describe_priority("en").startswith("Priority score = importance")
    True

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1, "Identifikasi intern lembaga".
    """
    return translate(_PRIORITY_TEXT, lang)
