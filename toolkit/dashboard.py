"""What the facilitator's dashboard shows, read from the groups' files (no widgets).

:class:`DashboardReader` reads a workshop folder and returns a :class:`Dashboard`:
each group's completion per step, its answers to the auto-checked quizzes (which
concept the room missed), the exercises (*latihan soal*) answered, and the priority
needs nobody on its map covers. The reader keeps one small summary per group file and
reads a file again only when its size or modification time changed, so refreshing
every few seconds costs one ``stat`` per group while nothing changes.

A file that cannot be read (half-copied from a USB stick, edited by hand) does not
stop the dashboard: its group is shown with the reason, and the others as usual.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .analysis.partners import uncovered_needs
from .catalogue import get_catalogue
from .errors import KemitraanError
from .i18n import N_, translate
from .model import STEPS, Group
from .progress import STEP_LABELS, step_completion
from .quiz import QUIZZES, exercise_status, make_quiz
from .storage import Workshop

__all__ = [
    "TOP_UNCOVERED",
    "Dashboard",
    "DashboardReader",
    "GroupSummary",
    "describe_dashboard",
    "summarise_group",
]

#: How many of a group's uncovered priority needs the dashboard lists.
TOP_UNCOVERED = 5


@dataclass(frozen=True)
class GroupSummary:
    """What the dashboard needs from one group's file.

    Attributes
    ----------
    id, name : str
        The group's id and display name.
    completion : dict of str to float
        Step id -> share done in [0, 1] (:func:`toolkit.progress.step_completion`).
    revision : int
        The file's revision (number of saves).
    updated : datetime or None
        When the group last saved (UTC), if known.
    quiz : dict of (str, str) to bool
        (quiz name, item id) -> answered right, for the items the group answered.
    exercises : dict of str to bool
        Exercise id -> answered (:func:`toolkit.quiz.exercise_status`).
    uncovered : list of (str, str, str)
        (need id, aspect id, label) of the group's most pressing needs (at most
        :data:`TOP_UNCOVERED`, priority order) that no actor on its map offers.
    actors, links : int
        Size of the group's partner map.
    error : str or None
        Why the file could not be read (plain words); the other fields are empty then.
    """

    id: str
    name: str
    completion: dict[str, float] = field(default_factory=dict)
    revision: int = 0
    updated: dt.datetime | None = None
    quiz: dict[tuple[str, str], bool] = field(default_factory=dict)
    exercises: dict[str, bool] = field(default_factory=dict)
    uncovered: list[tuple[str, str, str]] = field(default_factory=list)
    actors: int = 0
    links: int = 0
    error: str | None = None


def summarise_group(group: Group, name: str | None = None) -> GroupSummary:
    """Summarise one group for the dashboard.

    Parameters
    ----------
    group : toolkit.model.Group
        The group as loaded from its file.
    name : str, optional
        Display name (the workshop's list); the group's own name when omitted.

    Returns
    -------
    GroupSummary
        With ``error`` None.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018): "Latihan soal" (Bab I and II) and Bab II
    A.1 (needs to be met by partners).
    """
    quiz: dict[tuple[str, str], bool] = {}
    for quiz_name, result in group.quizzes.items():
        if quiz_name not in QUIZZES or not result.answers:
            continue
        correct = make_quiz(quiz_name, group.id).correct_answers
        for item_id, answer in result.answers.items():
            if item_id in correct:
                quiz[(quiz_name, item_id)] = answer == correct[item_id]
    uncovered = [(n.id, n.aspect, n.label) for n in uncovered_needs(group)[:TOP_UNCOVERED]]
    return GroupSummary(
        id=group.id,
        name=name or group.name,
        completion=step_completion(group),
        revision=group.revision,
        updated=group.updated,
        quiz=quiz,
        exercises=exercise_status(group),
        uncovered=uncovered,
        actors=len(group.actors),
        links=len(group.links),
    )


def _quiz_question(quiz_name: str, item_id: str, lang: str | None) -> str:
    """Return the question text of a quiz item, whatever the group's shuffle was."""
    quiz = make_quiz(quiz_name, "dashboard")
    for item in quiz.items:
        if item.id == item_id:
            return item.prompt(lang)
    # ``aspek`` picks components per group: find the component in the catalogue
    for aspect in get_catalogue().aspects:
        for component in aspect.components:
            if component.id == item_id:
                return component.label.get(lang)
    return item_id


@dataclass(frozen=True)
class Dashboard:
    """The state of the room at one moment.

    Attributes
    ----------
    title : str
        The workshop's title.
    groups : list of GroupSummary
        In the workshop's display order.
    read_at : datetime
        When the files were read (UTC).
    """

    title: str
    groups: list[GroupSummary]
    read_at: dt.datetime

    @property
    def problems(self) -> list[GroupSummary]:
        """Groups whose file could not be read."""
        return [g for g in self.groups if g.error]

    def progress_table(self, lang: str | None = None) -> pd.DataFrame:
        """Return the groups x steps completion in whole percent.

        Parameters
        ----------
        lang : {"id", "en"}, optional
            Language of the column names (default: the current one).

        Returns
        -------
        pandas.DataFrame
            Index: group names (named "Kelompok"/"Group"); one int64 column per step
            (translated :data:`toolkit.progress.STEP_LABELS`), 0-100; a group whose
            file cannot be read has 0 everywhere (see :attr:`problems`).
        """
        columns = [translate(STEP_LABELS[s], lang) for s in STEPS]
        rows = [[round(100 * g.completion.get(s, 0.0)) for s in STEPS] for g in self.groups]
        index = pd.Index([g.name for g in self.groups], name=translate(N_("Group"), lang))
        return pd.DataFrame(rows, index=index, columns=columns, dtype="int64")

    def quiz_table(self, lang: str | None = None) -> pd.DataFrame:
        """Count per quiz question how many groups answered it and how many got it right.

        Parameters
        ----------
        lang : {"id", "en"}, optional
            Language of the quiz titles and questions (default: the current one).

        Returns
        -------
        pandas.DataFrame
            Columns ``quiz`` (title), ``question``, ``answered`` (groups, int),
            ``right`` (groups, int) and ``share_right`` (``right / answered`` in
            [0, 1]); the most missed questions first (lowest share, then most
            answered, then quiz and question). Empty with those columns when no
            group has answered a quiz yet.
        """
        answered: Counter = Counter()
        right: Counter = Counter()
        for g in self.groups:
            for key, ok in g.quiz.items():
                answered[key] += 1
                right[key] += ok
        rows = []
        for (quiz_name, item_id), n in answered.items():
            quiz = make_quiz(quiz_name, "dashboard")
            rows.append(
                {
                    "quiz": quiz.title(lang),
                    "question": _quiz_question(quiz_name, item_id, lang),
                    "answered": n,
                    "right": right[(quiz_name, item_id)],
                    "share_right": right[(quiz_name, item_id)] / n,
                }
            )
        columns = ["quiz", "question", "answered", "right", "share_right"]
        table = pd.DataFrame(rows, columns=columns)
        if table.empty:
            return table
        table = table.sort_values(
            ["share_right", "answered", "quiz", "question"], ascending=[True, False, True, True]
        )
        return table.reset_index(drop=True)

    def exercise_table(self, lang: str | None = None) -> pd.DataFrame:
        """Count per exercise (*latihan soal*) how many groups have answered it.

        Parameters
        ----------
        lang : {"id", "en"}, optional
            Language of the questions (default: the current one).

        Returns
        -------
        pandas.DataFrame
            Columns ``exercise`` (its name and what it asks), ``chapter`` (1 or 2), ``answered``
            (groups, int) and ``groups`` (readable groups, int), in catalogue order.
        """
        readable = [g for g in self.groups if not g.error]
        rows = [
            {
                "exercise": f"{ex.label.get(lang)}: {ex.description.get(lang)}",
                "chapter": ex.chapter,
                "answered": sum(g.exercises.get(ex.id, False) for g in readable),
                "groups": len(readable),
            }
            for ex in get_catalogue().exercises
        ]
        return pd.DataFrame(rows, columns=["exercise", "chapter", "answered", "groups"])

    def uncovered_table(self) -> pd.DataFrame:
        """List each group's most pressing needs that nobody on its map covers.

        Returns
        -------
        pandas.DataFrame
            Columns ``group`` (name), ``rank`` (1 = most pressing uncovered need of
            that group), ``aspect`` (catalogue id) and ``need`` (label); groups in
            display order.
        """
        rows = [
            {"group": g.name, "rank": i, "aspect": aspect, "need": label}
            for g in self.groups
            for i, (_id, aspect, label) in enumerate(g.uncovered, 1)
        ]
        return pd.DataFrame(rows, columns=["group", "rank", "aspect", "need"])

    def uncovered_overall(self) -> pd.DataFrame:
        """Count the needs nobody covers across the room (the same need in several groups).

        Needs are matched by aspect and label, ignoring case and extra spaces (the
        catalogue's typical components have the same label in every group).

        Returns
        -------
        pandas.DataFrame
            Columns ``aspect``, ``need`` (label as first written), ``groups``
            (number of groups, int) and ``group_names`` (comma-separated); most
            groups first, then aspect and need.
        """
        seen: dict[tuple[str, str], list[str]] = defaultdict(list)
        label_of: dict[tuple[str, str], str] = {}
        for g in self.groups:
            for _id, aspect, label in g.uncovered:
                key = (aspect, " ".join(label.split()).casefold())
                label_of.setdefault(key, label)
                if g.name not in seen[key]:
                    seen[key].append(g.name)
        rows = [
            {
                "aspect": key[0],
                "need": label_of[key],
                "groups": len(names),
                "group_names": ", ".join(names),
            }
            for key, names in seen.items()
        ]
        table = pd.DataFrame(rows, columns=["aspect", "need", "groups", "group_names"])
        if table.empty:
            return table
        table = table.sort_values(["groups", "aspect", "need"], ascending=[False, True, True])
        return table.reset_index(drop=True)


class DashboardReader:
    """Reads a workshop folder for the dashboard, re-reading only the files that changed.

    Parameters
    ----------
    path : path-like
        The workshop folder (holding ``workshop.json``).

    Raises
    ------
    WorkshopNotFoundError, CorruptFileError
        From :meth:`toolkit.Workshop.open` if the folder holds no readable workshop.

    Examples
    --------
    >>> import tempfile, toolkit
    >>> ws = toolkit.create_sample(tempfile.mkdtemp() + "/ws")
    >>> reader = DashboardReader(ws.path)
    >>> board = reader.read()
    >>> len(board.groups), reader.last_reads
    (3, 3)
    >>> _ = reader.read(); reader.last_reads
    0
    """

    def __init__(self, path: Path | str) -> None:
        self.workshop = Workshop.open(path)
        self._cache: dict[str, tuple[tuple[int, int], GroupSummary]] = {}
        #: How many group files the last :meth:`read` actually read (others were unchanged).
        self.last_reads = 0

    def _summary(self, group_id: str, name: str) -> GroupSummary:
        path = self.workshop.group_path(group_id)
        try:
            st = os.stat(path)
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (-1, -1)
        cached = self._cache.get(group_id)
        if cached and cached[0] == stamp and cached[1].name == name:
            return cached[1]
        self.last_reads += 1
        try:
            summary = summarise_group(self.workshop.load(group_id), name)
        except KemitraanError as exc:
            summary = GroupSummary(id=group_id, name=name, error=str(exc))
        self._cache[group_id] = (stamp, summary)
        return summary

    def read(self) -> Dashboard:
        """Read the room now.

        Returns
        -------
        Dashboard
            Every group of ``workshop.json`` in display order; a group whose file
            cannot be read carries its reason in ``error``.

        Raises
        ------
        CorruptFileError
            If ``workshop.json`` itself became unreadable.
        """
        self.last_reads = 0
        info = self.workshop.info
        groups = [self._summary(ref.id, ref.name) for ref in info.groups]
        known = {ref.id for ref in info.groups}
        for gone in set(self._cache) - known:
            del self._cache[gone]
        return Dashboard(info.title, groups, dt.datetime.now(dt.UTC))

    def changed(self, board: Dashboard) -> bool:
        """Tell whether any group file or the group list changed since `board` was read."""
        info = self.workshop.info
        if [ref.id for ref in info.groups] != [g.id for g in board.groups]:
            return True
        for ref in info.groups:
            try:
                st = os.stat(self.workshop.group_path(ref.id))
                stamp = (st.st_mtime_ns, st.st_size)
            except OSError:
                stamp = (-1, -1)
            cached = self._cache.get(ref.id)
            if not cached or cached[0] != stamp:
                return True
        return False


def describe_dashboard(lang: str | None = None) -> str:
    """Explain in a few words what the dashboard shows and how often it refreshes."""
    return translate(
        N_(
            "The dashboard reads the groups' files every 3 seconds: completion per step, "
            "the quiz questions the room missed, the exercises answered, and the priority "
            "needs nobody on a group's map covers."
        ),
        lang,
    )
