from __future__ import annotations

import ipywidgets as w
import pytest
from support import ManualTimer  # noqa: E402

import toolkit
from toolkit.i18n import gettext as _
from toolkit.model import QuizResult
from toolkit.quiz import QUIZZES, make_quiz
from toolkit.widgets.concepts import build_concepts, concepts_app
from toolkit.widgets.frame import Frame

EXERCISES = [f"b1_{n}" for n in range(1, 6)] + [f"b2_{n}" for n in range(1, 6)]


@pytest.fixture
def sample(tmp_path):
    return toolkit.create_sample(tmp_path / "s")


def open_frame(ws, gid, **kw):
    kw.setdefault("delay", 0)
    kw.setdefault("timer", ManualTimer())
    frame = Frame("konsep", build_concepts, workshop=ws, **kw)
    frame.picker.value = gid
    return frame


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def tab_of(frame):
    (tab,) = frame.body.children
    return tab


def exercises(frame):
    """Exercise id -> (Textarea, compare HTML), in catalogue order."""
    boxes = [
        box
        for page in tab_of(frame).children[:2]
        for box in page.children
        if isinstance(box, w.VBox) and any(isinstance(c, w.Textarea) for c in box.children)
    ]
    assert len(boxes) == len(EXERCISES)
    return {
        ex: (box.children[1], box.children[2]) for ex, box in zip(EXERCISES, boxes, strict=True)
    }


def quiz_parts(frame, name):
    """(pickers by item id, marks by item id, button, result) of one quiz."""
    box = tab_of(frame).children[2].children[1 + QUIZZES.index(name)]
    quiz = make_quiz(name, frame.session.group_id)
    rows = box.children[1:-1]
    assert len(rows) == quiz.total
    pickers = {item.id: row.children[1] for item, row in zip(quiz.items, rows, strict=True)}
    marks = {item.id: row.children[2] for item, row in zip(quiz.items, rows, strict=True)}
    button, result = box.children[-1].children
    return pickers, marks, button, result


# ---------------------------------------------------------------- the layout
def test_concepts_app_is_a_frame_of_step_konsep(sample):
    f = concepts_app(sample)
    assert isinstance(f, Frame) and f.step == "konsep" and f.build is build_concepts


def test_tabs_follow_the_module(sample):
    f = open_frame(sample, sample.group_ids[0])
    tab = tab_of(f)
    chapter = _("Chapter {n}")
    assert tab.titles == (chapter.format(n="I"), chapter.format(n="II"), _("Self-check"))
    cat = toolkit.get_catalogue()
    bab1 = " ".join(x.value for x in walk(tab.children[0]) if isinstance(x, w.HTML))
    bab2 = " ".join(x.value for x in walk(tab.children[1]) if isinstance(x, w.HTML))
    assert cat.chapters[0].competence.id in bab1 and cat.chapters[0].indicator.id in bab1
    for kind in ("benefits", "prerequisites", "principles", "ethics", "strategies", "patterns"):
        assert all(e.label.id in bab1 for e in cat.entries(kind)), kind
    assert all(p.label.id in bab1 for e in cat.principles for p in e.points)
    assert all(e.label.id in bab2 for e in cat.stages)
    assert all(c.label.id in bab2 for a in cat.aspects for c in a.components)
    assert all(e.label.id in bab2 for e in cat.sustaining)
    assert all(s.id in bab2 for s in cat.chapters[1].summary)


def test_material_is_escaped_and_follows_the_language(sample):
    f = open_frame(sample, sample.group_ids[0])
    f.lang.value = "en"
    bab1 = " ".join(x.value for x in walk(tab_of(f).children[0]) if isinstance(x, w.HTML))
    assert "Principle of togetherness (gotong royong)" in bab1
    assert "each other&#x27;s gaps" in bab1 and "each other's gaps" not in bab1


# ------------------------------------------------------- exercises: both ways
def test_saved_answers_appear_with_their_key_points(sample):
    gid = sample.group_ids[2]  # answered b1_1 and b1_2 only
    group = sample.load(gid)
    f = open_frame(sample, gid)
    cat = toolkit.get_catalogue()
    for ex, (area, compare) in exercises(f).items():
        answer = group.exercises.get(ex)
        key_point = cat.get("exercises", ex).key_points[0].id
        assert area.value == (answer.text if answer else "")
        assert (key_point in compare.value) == (ex in ("b1_1", "b1_2")), ex


def test_typing_saves_the_answer_and_reveals_the_key_points(sample):
    gid = sample.group_ids[2]
    f = open_frame(sample, gid)
    area, compare = exercises(f)["b1_3"]
    key_point = toolkit.get_catalogue().get("exercises", "b1_3").key_points[0].id
    assert key_point not in compare.value and "<li>" not in compare.value
    area.value = "Keuntungan bagi semua mitra & mutu program."
    saved = sample.load(gid).exercises["b1_3"]
    assert saved.text == "Keuntungan bagi semua mitra & mutu program."
    assert saved.updated.utcoffset().total_seconds() == 0 and saved.updated.microsecond == 0
    assert key_point in compare.value
    assert "✓" in f.status.value


def test_typing_waits_for_quiet_before_saving(sample):
    gid, timer = sample.group_ids[2], ManualTimer()
    f = open_frame(sample, gid, delay=0.4, timer=timer)
    area, compare = exercises(f)["b2_1"]
    area.value = "Agar"
    area.value = "Agar tahu kekurangan sendiri"
    assert "b2_1" not in sample.load(gid).exercises
    timer.fire()
    assert sample.load(gid).exercises["b2_1"].text == "Agar tahu kekurangan sendiri"


def test_clearing_an_answer_hides_the_key_points_again(sample):
    gid = sample.group_ids[2]
    f = open_frame(sample, gid)
    area, compare = exercises(f)["b1_1"]
    area.value = "  "
    assert sample.load(gid).exercises["b1_1"].text == "  "
    assert "<li>" not in compare.value


def test_a_refused_answer_reaches_the_status_line(sample):
    gid = sample.group_ids[2]
    f = open_frame(sample, gid)
    area, _compare = exercises(f)["b1_4"]
    area.value = "x" * 10_001
    assert "⚠" in f.status.value
    assert "b1_4" not in sample.load(gid).exercises


def test_rebuilding_shows_the_same_data_without_duplicates(sample):
    gid = sample.group_ids[2]
    f = open_frame(sample, gid)
    exercises(f)["b2_5"][0].value = "Kunjungan berkala"
    f.lang.value = "en"
    f.lang.value = "id"
    assert sum(isinstance(x, w.Textarea) for x in walk(f.body)) == 10
    rows = sum(len(quiz_parts(f, name)[0]) for name in QUIZZES)
    assert rows == 30
    g = open_frame(sample, gid)
    assert exercises(g)["b2_5"][0].value == "Kunjungan berkala"
    assert exercises(g)["b1_1"][0].value == sample.load(gid).exercises["b1_1"].text


def test_each_group_sees_its_own_answers(sample):
    a, b = sample.group_ids[0], sample.group_ids[2]
    f = open_frame(sample, a)
    f.picker.value = b
    area, _compare = exercises(f)["b2_2"]
    assert area.value == ""
    area.value = "Menetapkan tujuan"
    assert sample.load(b).exercises["b2_2"].text == "Menetapkan tujuan"
    assert sample.load(a).exercises["b2_2"].text != "Menetapkan tujuan"


# --------------------------------------------------------- quizzes: both ways
def test_checking_a_quiz_saves_and_shows_the_score(sample):
    gid = sample.group_ids[1]
    f = open_frame(sample, gid)
    pickers, marks, button, result = quiz_parts(f, "tahapan")
    assert all(p.value == "" for p in pickers.values()) and result.value == ""
    answers = {"identifikasi": "1", "sosialisasi": "2", "perencanaan": "3", "monev": "5"}
    for item, value in answers.items():
        pickers[item].value = value
    button.click()
    saved = sample.load(gid).quizzes["tahapan"]
    assert (saved.score, saved.total) == (3, 6)  # monev is 6th; two unanswered
    assert saved.answers == answers
    assert _("{score} of {total} correct").format(score=3, total=6) in result.value
    assert "✓" in marks["sosialisasi"].value and "✗" in marks["monev"].value
    assert "✗" in marks["pelaksanaan"].value


def test_score_follows_the_language(sample):
    gid = sample.group_ids[1]
    f = open_frame(sample, gid)
    pickers, _marks, button, result = quiz_parts(f, "pola")
    for item, picker in pickers.items():
        picker.value = item if item != "futuristik" else "pola_asuh"
    button.click()
    assert sample.load(gid).quizzes["pola"].score == 3
    f.lang.value = "en"
    assert "3 of 4 correct" in quiz_parts(f, "pola")[3].value


def test_saved_quiz_answers_return_in_the_widgets(sample):
    gid = sample.group_ids[0]
    quiz = make_quiz("aspek", gid)
    first, second = quiz.items[0].id, quiz.items[1].id
    with sample.edit(gid) as g:
        g.quizzes["aspek"] = QuizResult(
            score=1, total=10, answers={first: quiz.items[0].correct, second: "dana"}
        )
    f = open_frame(sample, gid)
    pickers, _marks, _button, result = quiz_parts(f, "aspek")
    assert pickers[first].value == quiz.items[0].correct and pickers[second].value == "dana"
    assert sum(bool(p.value) for p in pickers.values()) == 2
    assert result.value == ""  # incomplete: no score shown until checked


def test_each_choice_is_saved_at_once_and_survives_a_language_switch(sample):
    gid = sample.group_ids[2]
    f = open_frame(sample, gid)
    pickers, *_ = quiz_parts(f, "prinsip")
    assert isinstance(pickers["ethics:kepercayaan"], w.ToggleButtons)
    assert pickers["ethics:kepercayaan"].value is None
    pickers["ethics:kepercayaan"].value = "bukan"
    pickers["principles:manfaat"].value = "ya"
    saved = sample.load(gid).quizzes["prinsip"]
    assert saved.answers == {"ethics:kepercayaan": "bukan", "principles:manfaat": "ya"}
    assert (saved.score, saved.total) == (2, 10)
    f.lang.value = "en"
    pickers, *_ = quiz_parts(f, "prinsip")
    assert pickers["ethics:kepercayaan"].value == "bukan"
    assert pickers["principles:manfaat"].value == "ya"
    assert ("Not a principle", "bukan") in pickers["principles:manfaat"].options


def test_a_complete_saved_quiz_shows_its_score_when_rebuilt(sample):
    gid = sample.group_ids[0]
    f = open_frame(sample, gid)
    pickers, _marks, button, _result = quiz_parts(f, "prinsip")
    for item in make_quiz("prinsip", gid).items:
        pickers[item.id].value = "ya"
    button.click()
    assert sample.load(gid).quizzes["prinsip"].score == 6
    g = open_frame(sample, gid)
    result = quiz_parts(g, "prinsip")[3]
    assert _("{score} of {total} correct").format(score=6, total=10) in result.value


def test_changing_an_answer_hides_the_old_score(sample):
    gid = sample.group_ids[0]
    f = open_frame(sample, gid)
    pickers, marks, button, result = quiz_parts(f, "pola")
    button.click()
    assert sample.load(gid).quizzes["pola"].score == 0 and result.value
    pickers["pola_asuh"].value = "pola_asuh"
    assert result.value == "" and all(m.value == "" for m in marks.values())
    assert sample.load(gid).quizzes["pola"].score == 1


def test_tab_is_kept_across_a_language_switch(sample):
    f = open_frame(sample, sample.group_ids[0])
    tab_of(f).selected_index = 2
    f.lang.value = "en"
    assert tab_of(f).selected_index == 2 and tab_of(f).titles[2] == "Self-check"
