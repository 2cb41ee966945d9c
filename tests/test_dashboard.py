"""The facilitator's dashboard data: hand-built groups, hand-counted answers."""

from __future__ import annotations

import os

import pytest
from support import make_need

import toolkit
from toolkit.dashboard import DashboardReader, summarise_group
from toolkit.model import Actor, ExerciseAnswer, Group
from toolkit.quiz import make_quiz, score_quiz


@pytest.fixture
def ws(tmp_path):
    return toolkit.Workshop.create(tmp_path / "ws", title="Uji dasbor", groups=["Alfa", "Beta"])


def _answer_tahapan(group: Group, answers: dict[str, str]) -> None:
    group.quizzes["tahapan"] = score_quiz(make_quiz("tahapan", group.id), answers)


def test_quiz_table_puts_the_most_missed_question_first(ws):
    with ws.edit("alfa") as g:  # identifikasi right, monev wrong (it is stage 6)
        _answer_tahapan(g, {"identifikasi": "1", "monev": "2"})
    with ws.edit("beta") as g:  # identifikasi right
        _answer_tahapan(g, {"identifikasi": "1"})
    table = DashboardReader(ws.path).read().quiz_table(lang="id")
    assert table[["answered", "right"]].values.tolist() == [[1, 0], [2, 2]]
    assert table["share_right"].tolist() == [0.0, 1.0]
    assert table["question"].tolist()[0].lower().startswith("monitoring")
    assert set(table["quiz"]) == {make_quiz("tahapan", "x").title("id")}


def test_exercise_table_counts_answered_groups(ws):
    with ws.edit("alfa") as g:
        g.exercises["b1_1"] = ExerciseAnswer(
            text="Kerja sama yang saling menguntungkan kedua pihak"
        )
        g.exercises["b1_2"] = ExerciseAnswer(text="ya")  # too short to count
    table = DashboardReader(ws.path).read().exercise_table(lang="id")
    first = table.iloc[0]
    assert (first["chapter"], first["answered"], first["groups"]) == (1, 1, 2)
    assert table.iloc[1]["answered"] == 0
    assert first["exercise"].startswith("Latihan Bab I nomor 1")
    assert len(table) == 10


def test_uncovered_needs_per_group_and_across_the_room(ws):
    with ws.edit("alfa") as g:
        g.needs += [
            make_need(1, "dana", "Honor instruktur", "belum_ada", 5, 5),
            make_need(2, "tenaga", "Asesor", "belum_ada", 4, 4),
        ]
        g.actors.append(
            Actor(id="actor-1", name="LPK Mitra", category="lkp", offers_needs=["need-2"])
        )
    with ws.edit("beta") as g:
        g.needs += [make_need(1, "dana", "honor  Instruktur", "sebagian", 2, 2)]
    board = DashboardReader(ws.path).read()
    per_group = board.uncovered_table()
    assert per_group[["group", "rank", "need"]].values.tolist() == [
        ["Alfa", 1, "Honor instruktur"],
        ["Beta", 1, "honor  Instruktur"],
    ]
    overall = board.uncovered_overall()
    assert overall[["aspect", "need", "groups", "group_names"]].values.tolist() == [
        ["dana", "Honor instruktur", 2, "Alfa, Beta"]
    ]


def test_progress_table_in_percent(ws):
    with ws.edit("alfa") as g:
        g.profile.name = "LKP Alfa"
    board = DashboardReader(ws.path).read()
    table = board.progress_table(lang="en")
    assert list(table.columns) == [
        "1. Concepts",
        "2. Needs",
        "3. Partner map",
        "4. Plan",
        "5. Follow-up",
    ]
    assert table.index.name == "Group"
    # needs checklist: profile name, district, 5 aspects, a rated need, criteria -> 1 of 9
    assert table.loc["Alfa", "2. Needs"] == round(100 / 9)
    assert table.loc["Beta"].tolist() == [0, 0, 0, 0, 0]


def test_reader_reads_only_the_files_that_changed(ws):
    reader = DashboardReader(ws.path)
    board = reader.read()
    assert reader.last_reads == 2
    assert not reader.changed(board)
    board = reader.read()
    assert reader.last_reads == 0
    with ws.edit("beta") as g:
        g.profile.name = "LKP Beta"
    assert reader.changed(board)
    board = reader.read()
    assert reader.last_reads == 1
    assert [g.revision for g in board.groups] == [0, 1]
    ws.add_group("Gamma")
    assert reader.changed(board)
    assert [g.name for g in reader.read().groups] == ["Alfa", "Beta", "Gamma"]
    assert reader.last_reads == 1


def test_a_broken_file_is_shown_with_its_reason_and_the_others_still_read(ws):
    path = ws.group_path("alfa")
    path.write_text('{"schema_version": 1, "id": "alfa", "na', encoding="utf-8")
    os.utime(path, ns=(1, 1))
    board = DashboardReader(ws.path).read()
    assert [g.id for g in board.problems] == ["alfa"]
    assert "alfa.json" in board.problems[0].error
    assert board.groups[1].error is None
    assert board.progress_table().loc["Alfa"].tolist() == [0, 0, 0, 0, 0]


def test_summary_of_the_sample_complete_group(tmp_path):
    sample = toolkit.create_sample(tmp_path / "s")
    group = sample.load("lkp-jahit-cempaka-mandiri")
    summary = summarise_group(group)
    assert summary.completion == {s: 1.0 for s in summary.completion}
    assert (summary.actors, summary.links) == (len(group.actors), len(group.links))
    assert summary.error is None
    assert all(summary.exercises.values())
