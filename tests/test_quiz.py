from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import toolkit
from toolkit import i18n
from toolkit.model import ExerciseAnswer, Group
from toolkit.quiz import (
    PRINCIPLE_DISTRACTORS,
    QUIZZES,
    describe_quizzes,
    exercise_status,
    make_quiz,
    score_quiz,
)

# Hand-checked against the module (Bab I C and E, Bab II A and B).
PATTERNS = {
    "pola_asuh": "pola_asuh",
    "inti_plasma": "inti_plasma",
    "futuristik": "futuristik",
    "sesuai_kebutuhan": "sesuai_kebutuhan",
}
STAGE_ORDER = {
    "identifikasi": "1",
    "sosialisasi": "2",
    "perencanaan": "3",
    "kesepakatan": "4",
    "pelaksanaan": "5",
    "monev": "6",
}
PRINCIPLES = {
    "principles:kesamaan",
    "principles:kebersamaan",
    "principles:keseimbangan",
    "principles:keadilan_keterbukaan",
    "principles:manfaat",
    "principles:keberlanjutan",
}
COMPONENT_PREFIX = {
    "program_": "program_kegiatan",
    "sarpras_": "sarana_prasarana",
    "dana_": "dana",
    "tenaga_": "tenaga",
    "hasil_": "pendayagunaan_hasil",
}


def _order(quiz):
    return [item.id for item in quiz.items], [c.value for c in quiz.options]


def test_quiz_names_in_order():
    assert QUIZZES == ("pola", "tahapan", "prinsip", "aspek")


@pytest.mark.parametrize("name", QUIZZES)
def test_same_group_same_quiz(name):
    assert make_quiz(name, "alpha") == make_quiz(name, "alpha")


@pytest.mark.parametrize("name", QUIZZES)
def test_different_groups_different_orders(name):
    assert _order(make_quiz(name, "alpha")) != _order(make_quiz(name, "beta"))


def test_items_are_really_shuffled():
    cat = toolkit.get_catalogue()
    stage_ids = [s.id for s in cat.stages]
    orders = {tuple(_order(make_quiz("tahapan", g))[0]) for g in ("a", "b", "c", "d")}
    assert len(orders) > 1 and any(list(o) != stage_ids for o in orders)


def test_pola_matches_descriptions_to_patterns():
    quiz = make_quiz("pola", "alpha")
    assert quiz.total == 4 and quiz.correct_answers == PATTERNS
    assert sorted(c.value for c in quiz.options) == sorted(PATTERNS)
    prompts = {item.id: item.prompt("en") for item in quiz.items}
    assert prompts["pola_asuh"].startswith("A larger or stronger institution fosters")
    assert "core" in prompts["inti_plasma"] and "equals" in prompts["futuristik"]
    assert "needs" in prompts["sesuai_kebutuhan"]
    assert dict((v, k) for k, v in quiz.option_pairs("en"))["futuristik"].startswith("Futuristic")


def test_tahapan_orders_the_six_stages():
    quiz = make_quiz("tahapan", "alpha")
    assert quiz.correct_answers == STAGE_ORDER
    assert [c.value for c in quiz.options] == ["1", "2", "3", "4", "5", "6"]


def test_prinsip_mixes_six_principles_with_four_distractors():
    quiz = make_quiz("prinsip", "alpha")
    answers = quiz.correct_answers
    assert quiz.total == 10
    assert {k for k, v in answers.items() if v == "ya"} == PRINCIPLES
    assert {k for k, v in answers.items() if v == "bukan"} == set(PRINCIPLE_DISTRACTORS)
    # distractors come from other lists, so they follow the language
    assert {r.partition(":")[0] for r in PRINCIPLE_DISTRACTORS} <= {
        "ethics",
        "strategies",
        "prerequisites",
    }
    prompts = {item.id: item.prompt("en") for item in quiz.items}
    assert prompts["ethics:kepercayaan"] == "Trust"
    # the word "Principle" must not give the answer away
    assert prompts["principles:kebersamaan"] == "Togetherness (gotong royong)"
    assert {item.prompt("id") for item in quiz.items} >= {"Kesamaan", "Keberlanjutan"}


def test_aspek_sorts_two_components_per_aspect():
    quiz = make_quiz("aspek", "alpha")
    assert quiz.total == 10 and len({i.id for i in quiz.items}) == 10
    for item in quiz.items:
        prefix = next(p for p in COMPONENT_PREFIX if item.id.startswith(p))
        assert item.correct == COMPONENT_PREFIX[prefix]
    counts = {a: list(quiz.correct_answers.values()).count(a) for a in COMPONENT_PREFIX.values()}
    assert set(counts.values()) == {2}
    assert [c.value for c in quiz.options] == list(COMPONENT_PREFIX.values())


def test_scoring_is_hand_computed():
    quiz = make_quiz("tahapan", "alpha")
    answers = {
        "identifikasi": "1",  # right
        "sosialisasi": "2",  # right
        "perencanaan": "4",  # wrong
        "kesepakatan": "3",  # wrong
        "pelaksanaan": "",  # unanswered: wrong
        "not-an-item": "1",  # ignored
    }
    result = score_quiz(quiz, answers)
    assert (result.score, result.total) == (2, 6)
    assert result.answers == {
        "identifikasi": "1",
        "sosialisasi": "2",
        "perencanaan": "4",
        "kesepakatan": "3",
    }
    assert result.updated.tzinfo is not None and result.updated.microsecond == 0
    assert score_quiz(quiz, STAGE_ORDER).score == 6
    assert score_quiz(quiz, {}).score == 0


def test_all_yes_to_prinsip_scores_six_of_ten():
    quiz = make_quiz("prinsip", "beta")
    result = score_quiz(quiz, {item.id: "ya" for item in quiz.items})
    assert (result.score, result.total) == (6, 10)


def test_language_switch_keeps_answers():
    quiz = make_quiz("aspek", "alpha")
    answers = {item.id: "dana" for item in quiz.items}
    before = score_quiz(quiz, answers)
    labels_id = quiz.option_pairs()
    i18n.set_language("en")
    assert make_quiz("aspek", "alpha") == quiz
    assert [v for _, v in quiz.option_pairs()] == [v for _, v in labels_id]
    assert quiz.option_pairs()[2] == ("Funding", "dana") and labels_id[2] == ("Dana", "dana")
    assert quiz.items[0].prompt() != quiz.items[0].prompt("id")
    after = score_quiz(quiz, answers)
    assert (after.score, after.answers) == (before.score, before.answers) == (2, answers)


def test_unknown_quiz_is_refused():
    with pytest.raises(toolkit.KemitraanError, match="kuis|quiz"):
        make_quiz("etika", "alpha")


def test_exercise_status():
    group = Group(id="alpha", name="Alpha")
    now = dt.datetime.now(dt.UTC)
    group.exercises["b1_1"] = ExerciseAnswer(text="Kerja sama saling menguntungkan", updated=now)
    group.exercises["b1_2"] = ExerciseAnswer(text="   ")
    group.exercises["b1_3"] = ExerciseAnswer(text="Kerja sama")  # two words: not yet
    status = exercise_status(group)
    assert list(status) == [f"b1_{n}" for n in range(1, 6)] + [f"b2_{n}" for n in range(1, 6)]
    assert [k for k, v in status.items() if v] == ["b1_1"]
    assert list(exercise_status(group, chapter=2)) == [f"b2_{n}" for n in range(1, 6)]


def test_exercise_status_of_the_sample(tmp_path):
    ws = toolkit.create_sample(tmp_path / "s")
    counts = [sum(exercise_status(ws.load(g)).values()) for g in ws.group_ids]
    assert counts == [10, 5, 2]


def test_describe_quizzes_is_plain_and_deterministic():
    text = describe_quizzes("en")
    lines = text.splitlines()
    assert lines[0] == "Self-check: 4 quizzes, 30 items in all"
    assert lines[1] == (
        "- Partnership patterns: 4 items. Match each description with its partnership pattern."
    )
    assert len(lines) == 5 and "10 items" in lines[3] and "10 items" in lines[4]
    assert describe_quizzes() == describe_quizzes()


def test_quiz_imports_no_widgets():
    code = "import sys, toolkit.quiz; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
