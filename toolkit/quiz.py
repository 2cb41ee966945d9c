"""Auto-checked self-check quizzes (*cek mandiri*) built from the module's catalogue.

Four quizzes check the lists of the module that have one right answer:

``pola``
    Match each description with its partnership pattern (Bab I E).
``tahapan``
    Put the six stages of building a partnership in order (Bab II A).
``prinsip``
    Tell the six principles apart from entries of other lists of the module (Bab I C).
``aspek``
    Sort programme components into the five aspects to partner on (Bab II B).

Every quiz is generated from the catalogue and shuffled with a seed made of the group
id and the quiz name, so a group always sees the same order and groups sitting side
by side see different ones. A quiz holds only catalogue references and answer values
(ids); its labels are looked up when shown, so switching the language keeps the
answers. This module imports no widget library.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I and Bab II, "Latihan soal"
and "Uraian materi".
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .catalogue import Entry, get_catalogue
from .errors import KemitraanError
from .i18n import N_, translate
from .model import Group, QuizResult

__all__ = [
    "MIN_ANSWER_WORDS",
    "is_answered",
    "QUIZZES",
    "QUIZ_TITLES",
    "QUIZ_INSTRUCTIONS",
    "PRINCIPLE_DISTRACTORS",
    "ASPECT_ITEMS_PER_ASPECT",
    "Choice",
    "QuizItem",
    "Quiz",
    "make_quiz",
    "score_quiz",
    "exercise_status",
    "describe_quizzes",
]

#: Names of the quizzes, in the order they are shown.
QUIZZES: tuple[str, ...] = ("pola", "tahapan", "prinsip", "aspek")

#: Title of each quiz (message ids; translate with gettext).
QUIZ_TITLES: dict[str, str] = {
    "pola": N_("Partnership patterns"),
    "tahapan": N_("Stages of a partnership"),
    "prinsip": N_("Principles of partnership"),
    "aspek": N_("Aspects to partner on"),
}

#: What each quiz asks the group to do (message ids).
QUIZ_INSTRUCTIONS: dict[str, str] = {
    "pola": N_("Match each description with its partnership pattern."),
    "tahapan": N_("Give each stage its place in the order (1 = first)."),
    "prinsip": N_(
        "Which of these are principles of partnership? Some belong to other lists of the module."
    ),
    "aspek": N_("Sort each component into the aspect it belongs to."),
}

#: Entries of other lists of the module mixed among the principles in quiz ``prinsip``.
#: They sound like principles but the module lists them as ethics, a strategy and a
#: prerequisite; being catalogue entries, they are shown in the current language.
PRINCIPLE_DISTRACTORS: tuple[str, ...] = (
    "ethics:kepercayaan",  # trust: an ethic of partnership (Bab I D)
    "ethics:karakter_integritas",  # character, integrity and honesty: an ethic
    "strategies:komitmen_visi",  # commitment to a long-term vision: a strategy (Bab I E)
    "prerequisites:saling_membutuhkan",  # mutual need: a prerequisite (Bab I B)
)

#: Components drawn from each aspect for quiz ``aspek`` (5 aspects x 2 = 10 items).
ASPECT_ITEMS_PER_ASPECT = 2

YES, NO = "ya", "bukan"
MSG_UNKNOWN_QUIZ = N_("Unknown quiz {name!r}; the quizzes are: {names}.")
_PRINCIPLE_PREFIXES = ("prinsip ", "principle of ")

Field = Literal["label", "description", "short_label"]


@dataclass(frozen=True)
class Choice:
    """One answer option of a quiz.

    Attributes
    ----------
    value : str
        The value saved as the answer (an id, a position or ``"ya"``/``"bukan"``).
    ref : str or None
        ``"kind:id"`` of the catalogue entry whose label is shown; None when the
        option shows `text` or the value itself.
    text : str or None
        English message id shown (translated) when `ref` is None.
    """

    value: str
    ref: str | None = None
    text: str | None = None

    def label(self, lang: str | None = None) -> str:
        """Return the option's text in `lang` (default: the current language)."""
        if self.ref is not None:
            return _entry(self.ref).label.get(lang)
        if self.text is not None:
            return translate(self.text, lang)
        return self.value


@dataclass(frozen=True)
class QuizItem:
    """One question of a quiz: a catalogue entry to place, and its right answer.

    Attributes
    ----------
    id : str
        Key of the item in the saved answers.
    ref : str
        ``"kind:id"`` of the catalogue entry shown as the question (kind
        ``components`` names an aspect component).
    field : {"label", "description", "short_label"}
        Which text of the entry is shown; ``short_label`` drops a leading
        "Prinsip"/"Principle of" so that the word does not give the answer away.
    correct : str
        Value of the right option.
    """

    id: str
    ref: str
    field: Field
    correct: str

    def prompt(self, lang: str | None = None) -> str:
        """Return the question's text in `lang` (default: the current language)."""
        entry = _entry(self.ref)
        if self.field == "description":
            return entry.description.get(lang)
        text = entry.label.get(lang)
        return _short_label(text) if self.field == "short_label" else text


@dataclass(frozen=True)
class Quiz:
    """An auto-checked quiz for one group, in that group's shuffled order.

    Attributes
    ----------
    name : str
        One of :data:`QUIZZES`.
    group_id : str
        The group it was shuffled for.
    items : tuple of QuizItem
        The questions, in the order shown.
    options : tuple of Choice
        The options every item chooses from, in the order shown.
    """

    name: str
    group_id: str
    items: tuple[QuizItem, ...]
    options: tuple[Choice, ...]

    @property
    def total(self) -> int:
        """Number of items."""
        return len(self.items)

    @property
    def correct_answers(self) -> dict[str, str]:
        """The right answers: item id -> option value."""
        return {item.id: item.correct for item in self.items}

    def title(self, lang: str | None = None) -> str:
        """Return the quiz title in `lang` (default: the current language)."""
        return translate(QUIZ_TITLES[self.name], lang)

    def instruction(self, lang: str | None = None) -> str:
        """Return what the quiz asks, in `lang` (default: the current language)."""
        return translate(QUIZ_INSTRUCTIONS[self.name], lang)

    def option_pairs(self, lang: str | None = None) -> list[tuple[str, str]]:
        """Return the options as ``(label, value)`` pairs, as ipywidgets expects them."""
        return [(choice.label(lang), choice.value) for choice in self.options]


def _entry(ref: str) -> Entry:
    kind, _sep, ident = ref.partition(":")
    cat = get_catalogue()
    return cat.component(ident) if kind == "components" else cat.resolve(ref)


def _short_label(text: str) -> str:
    for prefix in _PRINCIPLE_PREFIXES:
        if text.casefold().startswith(prefix):
            rest = text[len(prefix) :]
            return rest[:1].upper() + rest[1:]
    return text


def _pola(rng: random.Random) -> tuple[list[QuizItem], list[Choice]]:
    patterns = get_catalogue().patterns
    items = [QuizItem(p.id, f"patterns:{p.id}", "description", p.id) for p in patterns]
    options = [Choice(p.id, ref=f"patterns:{p.id}") for p in patterns]
    rng.shuffle(items)
    rng.shuffle(options)
    return items, options


def _tahapan(rng: random.Random) -> tuple[list[QuizItem], list[Choice]]:
    stages = get_catalogue().stages
    items = [QuizItem(s.id, f"stages:{s.id}", "label", str(s.order)) for s in stages]
    rng.shuffle(items)
    return items, [Choice(str(n)) for n in range(1, len(stages) + 1)]


def _prinsip(rng: random.Random) -> tuple[list[QuizItem], list[Choice]]:
    refs = [f"principles:{p.id}" for p in get_catalogue().principles]
    items = [QuizItem(r, r, "short_label", YES) for r in refs]
    items += [QuizItem(r, r, "short_label", NO) for r in PRINCIPLE_DISTRACTORS]
    rng.shuffle(items)
    options = [Choice(YES, text=N_("Principle")), Choice(NO, text=N_("Not a principle"))]
    return items, options


def _aspek(rng: random.Random) -> tuple[list[QuizItem], list[Choice]]:
    aspects = get_catalogue().aspects
    items = [
        QuizItem(c.id, f"components:{c.id}", "label", a.id)
        for a in aspects
        for c in rng.sample(a.components, ASPECT_ITEMS_PER_ASPECT)
    ]
    rng.shuffle(items)
    return items, [Choice(a.id, ref=f"aspects:{a.id}") for a in aspects]


_MAKERS = {"pola": _pola, "tahapan": _tahapan, "prinsip": _prinsip, "aspek": _aspek}


def make_quiz(name: str, group_id: str) -> Quiz:
    """Build one quiz from the catalogue, shuffled for one group.

    Parameters
    ----------
    name : str
        One of :data:`QUIZZES`.
    group_id : str
        The group; with `name` it seeds ``random.Random(f"{group_id}:{name}")``, so
        the same group always gets the same order.

    Returns
    -------
    Quiz
        ``pola``: 4 items (pattern descriptions), 4 options (the patterns);
        ``tahapan``: 6 items (the stages), options ``"1"`` to ``"6"``;
        ``prinsip``: 10 items (6 principles, 4 :data:`PRINCIPLE_DISTRACTORS`),
        options ``"ya"``/``"bukan"``; ``aspek``: 10 items (2 components per aspect),
        5 options (the aspects, in module order).

    Raises
    ------
    KemitraanError
        If `name` is not one of :data:`QUIZZES`.

    Examples
    --------
    >>> quiz = make_quiz("tahapan", "alpha")
    >>> quiz.total, sorted(quiz.correct_answers.values())
    (6, ['1', '2', '3', '4', '5', '6'])

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018): Bab I C (prinsip) and E (pola); Bab II A
    (tahapan) and B (aspek yang dimitrakan).
    """
    if name not in _MAKERS:
        raise KemitraanError(MSG_UNKNOWN_QUIZ, name=name, names=", ".join(QUIZZES))
    items, options = _MAKERS[name](random.Random(f"{group_id}:{name}"))
    return Quiz(name=name, group_id=group_id, items=tuple(items), options=tuple(options))


def score_quiz(quiz: Quiz, answers: Mapping[str, str | None]) -> QuizResult:
    """Check a group's answers to one quiz.

    Parameters
    ----------
    quiz : Quiz
        The quiz (from :func:`make_quiz`).
    answers : mapping of str to str
        Item id -> chosen option value. Missing, empty or None answers count as
        wrong; keys that are not items of `quiz` are ignored.

    Returns
    -------
    QuizResult
        `score` right answers (0 <= score <= total) out of `total` items; `answers`
        holds the given non-empty answers of the quiz's items; `updated` is now
        (UTC, whole seconds).

    Examples
    --------
    >>> quiz = make_quiz("tahapan", "alpha")
    >>> score_quiz(quiz, {"identifikasi": "1", "monev": "2"}).score
    1

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), "Latihan soal": answer first, then compare.
    """
    kept = {item.id: answers[item.id] for item in quiz.items if answers.get(item.id)}
    score = sum(kept.get(item.id) == item.correct for item in quiz.items)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return QuizResult(score=score, total=quiz.total, answers=kept, updated=now)


#: Fewest words an open answer needs before it counts as answered (and the key points
#: from the material are shown): one stray letter must not reveal them.
MIN_ANSWER_WORDS = 3


def is_answered(text: str | None) -> bool:
    """Tell whether an open answer counts as answered (at least MIN_ANSWER_WORDS words).

    Parameters
    ----------
    text : str or None
        The group's answer.

    Returns
    -------
    bool
        True when the answer has at least :data:`MIN_ANSWER_WORDS` words.

    Examples
    --------
    >>> is_answered("a"), is_answered("Kerja sama saling menguntungkan")
    (False, True)
    """
    return len((text or "").split()) >= MIN_ANSWER_WORDS


def exercise_status(group: Group, chapter: int | None = None) -> dict[str, bool]:
    """Tell which exercises (*latihan soal*) a group has answered.

    Parameters
    ----------
    group : Group
        The group.
    chapter : int, optional
        Only the exercises of this chapter (1 or 2); all when omitted.

    Returns
    -------
    dict of str to bool
        Exercise id -> True when the saved answer counts as answered
        (:func:`is_answered`), in catalogue order (chapter, then number).

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I 3.3 and Bab II 3.3, "Latihan soal".
    """
    status = {}
    for ex in get_catalogue().exercises:
        if chapter is None or ex.chapter == chapter:
            answer = group.exercises.get(ex.id)
            status[ex.id] = bool(answer and is_answered(answer.text))
    return status


def describe_quizzes(lang: str | None = None) -> str:
    """Return a plain-text overview of the quizzes: items per quiz and what each checks.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language; the current one when omitted.

    Returns
    -------
    str
        A heading line with the number of quizzes and items, then one line per quiz
        (title, number of items, instruction). The same for every group.

    Raises
    ------
    ValueError
        If `lang` is unknown.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I and Bab II.
    """
    quizzes = [make_quiz(name, "") for name in QUIZZES]
    head = translate(N_("Self-check: {n} quizzes, {items} items in all"), lang)
    lines = [head.format(n=len(quizzes), items=sum(q.total for q in quizzes))]
    line = translate(N_("- {title}: {items} items. {instruction}"), lang)
    for quiz in quizzes:
        lines.append(
            line.format(
                title=quiz.title(lang), items=quiz.total, instruction=quiz.instruction(lang)
            )
        )
    return "\n".join(lines)
