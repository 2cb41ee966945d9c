"""Step 1, *Konsep kemitraan*: the module's two chapters, their exercises and self-check quizzes.

The step follows the module: per chapter the basic competence (*kompetensi dasar*),
indicator, material (*uraian materi*, rendered from the catalogue), summary
(*rangkuman*) and the exercises (*latihan soal*), answered as open text and then
compared with the material; a third tab holds the auto-checked quizzes of
:mod:`toolkit.quiz`. Every answer is saved at once through
:meth:`toolkit.session.GroupSession.change`; the widgets are rebuilt from the
group's file each time.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I and Bab II.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..catalogue import ChapterEntry, Entry, ExerciseEntry, get_catalogue
from ..i18n import N_, get_language
from ..i18n import gettext as _
from ..model import ExerciseAnswer, Group, QuizResult
from ..quiz import QUIZZES, Quiz, is_answered, make_quiz, score_quiz
from ..session import GroupSession
from ..storage import Workshop
from .frame import Frame

__all__ = ["build_concepts", "concepts_app"]

ROMAN = {1: "I", 2: "II"}

DEFINITION = N_(
    "A partnership (kemitraan) is an alliance of two or more parties, bound by an agreement "
    "and by mutual need, to raise their capacity and capability in a field or toward a goal, "
    "so that the result is better than each could reach alone."
)
AIM = N_(
    "Its aim is a better result through mutual benefit: the partners cover each other's gaps "
    "and add to each other's strengths, and both sides gain (mutualism)."
)
FLOWS_INTRO = N_("Through a partnership, the partners pass on to each other:")
FLOWS_USE = N_(
    "This serves the development of programmes, their quality (for example through "
    "apprenticeships, magang) and a wider market for learners' products and jobs for graduates."
)
CLAUSES_INTRO = N_("The written agreement (akad kerja sama, MoU) covers:")


def concepts_app(workshop: Workshop | Path | str | None = None, **kw: Any) -> Frame:
    """Open step 1 (*Konsep kemitraan*) for a workshop.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like, optional
        The workshop; default :func:`toolkit.default_workshop_path`.
    **kw
        Passed on to :class:`~toolkit.widgets.frame.Frame` (``delay``, ``timer``).

    Returns
    -------
    Frame
        The step's frame; its body is built by :func:`build_concepts`.

    Raises
    ------
    toolkit.KemitraanError
        If the workshop cannot be opened.
    """
    return Frame("konsep", build_concepts, workshop=workshop, **kw)


def build_concepts(frame: Frame) -> list[w.Widget]:
    """Build the body of step 1 for the group open in `frame`.

    Parameters
    ----------
    frame : Frame
        The step's frame, with an open session (``frame.session``).

    Returns
    -------
    list of ipywidgets.Widget
        One Tab: a tab per chapter (competence, indicator, material, summary,
        exercises) and a "Cek mandiri" tab with the quizzes.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), structure of Bab I and Bab II.
    """
    chapters = get_catalogue().chapters
    pages = [_chapter_page(frame, ch) for ch in chapters] + [_quiz_page(frame)]
    titles = [_("Chapter {n}").format(n=ROMAN.get(ch.number, ch.number)) for ch in chapters]
    tab = w.Tab(children=pages, titles=[*titles, _("Self-check")])
    tab.selected_index = min(getattr(frame, "_concepts_tab", 0) or 0, len(pages) - 1)

    def remember(change: dict[str, Any]) -> None:  # keep the tab across a language switch
        frame._concepts_tab = change["new"]

    tab.observe(frame.guard(remember), names="selected_index")
    return [tab]


# ------------------------------------------------------------------ HTML helpers
def _esc(text: object) -> str:
    return html.escape(str(text))


def _heading(text: str, level: int = 4) -> str:
    return f"<h{level} style='margin:0.8em 0 0.3em'>{_esc(text)}</h{level}>"


def _para(text: str) -> str:
    return f"<p>{_esc(text)}</p>"


def _bullets_html(items: Iterable[str], ordered: bool = False) -> str:
    """Wrap ready (escaped) HTML snippets in a list."""
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _bullets(texts: Iterable[str], ordered: bool = False) -> str:
    return _bullets_html((_esc(t) for t in texts), ordered)


def _entry_html(
    entry: Entry, lang: str, subs: Sequence[str] = (), brief: dict[str, str] | None = None
) -> str:
    """One list item: bold label, description, sub-entries in full and brief lines."""
    out = f"<b>{_esc(entry.label.get(lang))}</b> — {_esc(entry.description.get(lang))}"
    for name in subs:
        items = getattr(entry, name, ())
        if items:
            out += _bullets_html(
                f"<i>{_esc(s.label.get(lang))}</i>: {_esc(s.description.get(lang))}" for s in items
            )
    for name, title in (brief or {}).items():
        labels = ", ".join(s.label.get(lang) for s in getattr(entry, name, ()))
        out += f"<div style='margin-left:1em'><i>{_esc(_(title))}:</i> {_esc(labels)}</div>"
    return out


def _entries_html(
    entries: Iterable[Entry],
    subs: Sequence[str] = (),
    brief: dict[str, str] | None = None,
    ordered: bool = False,
) -> str:
    lang = get_language()
    return _bullets_html((_entry_html(e, lang, subs, brief) for e in entries), ordered)


# --------------------------------------------------------------- the material
def _material_bab1() -> list[tuple[str, str]]:
    cat = get_catalogue()
    return [
        (_("Meaning and aim"), _para(_(DEFINITION)) + _para(_(AIM))),
        (_("Benefits"), _entries_html(cat.benefits)),
        (_("Prerequisites"), _entries_html(cat.prerequisites)),
        (_("Principles"), _entries_html(cat.principles, subs=("points",), ordered=True)),
        (_("Ethics"), _entries_html(cat.ethics)),
        (_("Strategies"), _entries_html(cat.strategies)),
        (_("Patterns"), _entries_html(cat.patterns, subs=("points",), ordered=True)),
        (
            _("Why partnership matters"),
            _para(_(FLOWS_INTRO)) + _entries_html(cat.flows) + _para(_(FLOWS_USE)),
        ),
    ]


def _material_bab2() -> list[tuple[str, str]]:
    cat = get_catalogue()
    stages = _entries_html(cat.stages, subs=("steps",), ordered=True)
    clauses = _para(_(CLAUSES_INTRO)) + _entries_html(cat.clauses)
    aspects = _entries_html(
        cat.aspects, subs=("points",), brief={"components": N_("Components")}, ordered=True
    )
    partners = _entries_html(
        cat.partner_categories, brief={"typical_partners": N_("Typical partners")}
    )
    return [
        (_("Stages"), stages + clauses),
        (_("Aspects to partner on"), aspects),
        (_("Who can partner"), partners),
        (_("Keeping a partnership alive"), _entries_html(cat.sustaining)),
    ]


MATERIAL = {1: _material_bab1, 2: _material_bab2}


def _intro_html(chapter: ChapterEntry) -> str:
    lang = get_language()
    return (
        f"<h3 style='margin:0.4em 0'>{_esc(chapter.label.get(lang))}</h3>"
        + _para(chapter.description.get(lang))
        + _heading(_("Basic competence"))
        + _para(chapter.competence.get(lang))
        + _heading(_("Indicator"))
        + _para(chapter.indicator.get(lang))
        + _heading(_("Material"))
    )


def _chapter_page(frame: Frame, chapter: ChapterEntry) -> w.VBox:
    lang = get_language()
    sections = MATERIAL.get(chapter.number, list)()
    material = w.Accordion(
        children=[w.HTML(body) for _title, body in sections],
        titles=[title for title, _body in sections],
    )
    summary = _heading(_("Summary")) + _bullets(s.get(lang) for s in chapter.summary)
    exercises = [ex for ex in get_catalogue().exercises if ex.chapter == chapter.number]
    practice = _heading(_("Exercises")) + _para(
        _("Answer in your own words first, without looking; then compare with the material.")
    )
    return w.VBox(
        [
            w.HTML(_intro_html(chapter)),
            material,
            w.HTML(summary),
            w.HTML(practice),
            *[_exercise_box(frame, ex) for ex in exercises],
        ]
    )


# ------------------------------------------------------------------ exercises
def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _compare_html(exercise: ExerciseEntry, group: Group) -> str:
    """Render "compare with the material": the key points once the answer is non-empty."""
    answer = group.exercises.get(exercise.id)
    if not (answer and is_answered(answer.text)):
        hint = _(
            "Write your answer first (at least a short sentence); the points from the "
            "material appear here afterwards."
        )
        return f"<div style='color:#555'><i>{_esc(hint)}</i></div>"
    lang, cat = get_language(), get_catalogue()
    refs = ", ".join(cat.resolve(r).label.get(lang) for r in exercise.refs)
    title, see = _("Compare with the material"), _("See in the material")
    return (
        f"<div style='background:#eef5ee;padding:0.3em 0.8em;border-radius:4px'>"
        f"<b>{_esc(title)}</b>{_bullets(p.get(lang) for p in exercise.key_points)}"
        f"<div><i>{_esc(see)}:</i> {_esc(refs)}</div></div>"
    )


def _exercise_box(frame: Frame, exercise: ExerciseEntry) -> w.VBox:
    session = frame.session  # the group open now: later edits go to this group only
    lang = get_language()
    saved = session.group.exercises.get(exercise.id)
    question = w.HTML(f"<b>{exercise.number}. {_esc(exercise.question.get(lang))}</b>")
    area = w.Textarea(
        value=saved.text if saved else "",
        placeholder=_("Your group's answer…"),
        layout=w.Layout(width="95%", height="6em"),
    )
    compare = w.HTML(_compare_html(exercise, session.group))

    def on_text(change: dict[str, Any]) -> None:
        text = change["new"]

        def mutate(group: Group) -> None:
            group.exercises[exercise.id] = ExerciseAnswer(text=text, updated=_now())

        problem = session.change(f"exercise.{exercise.id}", mutate, immediate=False)
        if problem:
            frame.show_error(problem)
        compare.value = _compare_html(exercise, session.group)

    area.observe(frame.guard(on_text), names="value")
    return w.VBox([question, area, compare], layout=w.Layout(margin="0 0 1em 0"))


# -------------------------------------------------------------------- quizzes
def _quiz_page(frame: Frame) -> w.VBox:
    intro = _heading(_("Self-check"), 3) + _para(
        _("Choose an answer for every item, then press Check. Your answers are saved.")
    )
    gid = frame.session.group_id
    views = [_QuizView(frame, make_quiz(name, gid)) for name in QUIZZES]
    return w.VBox([w.HTML(intro), *[v.box for v in views]])


class _QuizView:
    """The widgets of one quiz; every choice and every check is saved at once."""

    def __init__(self, frame: Frame, quiz: Quiz) -> None:
        self.frame, self.quiz = frame, quiz
        self.session: GroupSession = frame.session
        saved = self.session.group.quizzes.get(quiz.name)
        answers = dict(saved.answers) if saved else {}
        self.pickers = {i.id: self._picker(answers.get(i.id)) for i in quiz.items}
        self.marks = {i.id: w.HTML(layout=w.Layout(width="2em")) for i in quiz.items}
        self.result = w.HTML()
        self.button = w.Button(description=_("Check"), icon="check", button_style="primary")
        self.button.on_click(frame.guard(self.check))
        for item_id, picker in self.pickers.items():
            picker.observe(frame.guard(self._on_pick_of(item_id)), names="value")
        self.box = w.VBox([self._header(), *self._rows(), w.HBox([self.button, self.result])])
        if saved and len(answers) == quiz.total:
            self.show(score_quiz(quiz, answers))

    def _header(self) -> w.HTML:
        title, text = self.quiz.title(), self.quiz.instruction()
        return w.HTML(f"{_heading(title)}<p>{_esc(text)}</p>")

    def _picker(self, value: str | None) -> w.Widget:
        pairs = self.quiz.option_pairs()
        values = {v for _label, v in pairs}
        if self.quiz.name == "prinsip":
            return w.ToggleButtons(options=pairs, value=value if value in values else None)
        options = [(_("— choose —"), ""), *pairs]
        return w.Dropdown(
            options=options, value=value if value in values else "", layout=w.Layout(width="20em")
        )

    def _rows(self) -> list[w.HBox]:
        rows = []
        for n, item in enumerate(self.quiz.items, 1):
            prompt = w.HTML(f"{n}. {_esc(item.prompt())}", layout=w.Layout(width="28em"))
            rows.append(w.HBox([prompt, self.pickers[item.id], self.marks[item.id]]))
        return rows

    def answers(self) -> dict[str, str]:
        """Return the answers as the widgets show them: item id -> chosen value."""
        return {iid: p.value for iid, p in self.pickers.items() if p.value}

    def _on_pick_of(self, item_id: str) -> Callable[[dict[str, Any]], None]:
        def on_pick(change: dict[str, Any]) -> None:
            value, quiz = change["new"] or "", self.quiz

            def mutate(group: Group) -> None:
                old = group.quizzes.get(quiz.name)
                answers = {**(old.answers if old else {}), item_id: value}
                group.quizzes[quiz.name] = score_quiz(quiz, answers)

            self._save(f"quiz.{quiz.name}.{item_id}", mutate)
            self.clear()

        return on_pick

    def _save(self, key: str, mutate: Callable[[Group], None]) -> bool:
        problem = self.session.change(key, mutate, immediate=True)
        if problem:
            self.frame.show_error(problem)
        return problem is None

    def check(self, _button: w.Button | None = None) -> None:
        """Score the shown answers, save the result and show the score."""
        result = score_quiz(self.quiz, self.answers())

        def mutate(group: Group) -> None:
            group.quizzes[self.quiz.name] = result

        if self._save(f"quiz.{self.quiz.name}", mutate):
            self.show(result)

    def show(self, result: QuizResult) -> None:
        """Show the score ("3 dari 4 benar") and a right/wrong mark per item."""
        for item in self.quiz.items:
            given = result.answers.get(item.id)
            ok = given == item.correct
            colour, sign = ("#1b5e20", "✓") if ok else ("#b00020", "✗")
            self.marks[item.id].value = f"<b style='color:{colour}'>{sign}</b>"
        text = _("{score} of {total} correct").format(score=result.score, total=result.total)
        self.result.value = f"<b>{_esc(text)}</b>"

    def clear(self) -> None:
        """Hide the score and the marks (the answers changed since the last check)."""
        for mark in self.marks.values():
            mark.value = ""
        self.result.value = ""
