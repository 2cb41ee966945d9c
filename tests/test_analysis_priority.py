"""Priority of needs: hand-computed rankings, ties, unrated needs, and the sample."""

from __future__ import annotations

import doctest
import math
import subprocess
import sys

import pytest
from support import make_need as _need  # noqa: E402

import toolkit
from toolkit.analysis import (
    COLUMNS,
    describe_priority,
    priority_needs,
    priority_score,
    rank_needs,
)
from toolkit.analysis import priority as analysis
from toolkit.i18n import translate
from toolkit.model import Group

# (aspect, label, availability, importance, urgency, stage); ids need-1, need-2, ...
ROWS = [
    ("dana", "Honor", "sebagian", 4, 4, "pembelajaran"),  # 1: 8
    ("tenaga", "Asesor", "belum_ada", 4, 2, "uji_kompetensi"),  # 2: 8
    ("program_kegiatan", "Magang", "belum_ada", 5, 5, "pembelajaran"),  # 3: 25
    ("dana", "Listrik", "ada", 5, 5, "persiapan"),  # 4: has it -> left out
    ("sarana_prasarana", "Mesin", "belum_ada", None, 3, "persiapan"),  # 5: not rated
    ("program_kegiatan", "Kurikulum", None, 5, 5, "persiapan"),  # 6: not assessed -> out
    ("pendayagunaan_hasil", "Bursa", "sebagian", 4, 4, "pembelajaran"),  # 7: 8
    ("dana", "Beasiswa", "belum_ada", 2, 4, "pembelajaran"),  # 8: 8
    ("dana", "Modal", "sebagian", 2, 2, "persiapan"),  # 9: 2
    ("dana", "Modal", "sebagian", 2, 2, "persiapan"),  # 10: 2 (same as 9)
    ("dana", "Tanpa tahap", "belum_ada", 2, 4, None),  # 11: 8, stage unset
    ("tenaga", "Aaa", "belum_ada", 4, 2, "pembelajaran"),  # 12: 8, lower urgency
    ("program_kegiatan", "Rekrutmen", "sebagian", 3, None, "persiapan"),  # 13: not rated
]

# Worked out by hand from the rules in rank_needs' docstring:
# score desc; stage persiapan < pembelajaran < uji_kompetensi < tindak_lanjut < unset;
# urgency desc; aspect in catalogue order; label; id (natural order).
EXPECTED = [
    ("need-3", 25.0),  # highest score
    ("need-8", 8.0),  # 8 / pembelajaran / urgency 4 / dana / "Beasiswa"
    ("need-1", 8.0),  # 8 / pembelajaran / urgency 4 / dana / "Honor"
    ("need-7", 8.0),  # 8 / pembelajaran / urgency 4 / pendayagunaan_hasil
    ("need-12", 8.0),  # 8 / pembelajaran / urgency 2
    ("need-2", 8.0),  # 8 / uji_kompetensi
    ("need-11", 8.0),  # 8 / stage not set
    ("need-9", 2.0),  # 2, same as need-10 but a smaller id
    ("need-10", 2.0),
    ("need-5", None),  # not rated, urgency 3
    ("need-13", None),  # not rated, no urgency
]


@pytest.fixture
def group():
    needs = [_need(n, *row) for n, row in enumerate(ROWS, start=1)]
    return Group(id="uji", name="Uji", needs=needs)


@pytest.mark.parametrize(
    ("availability", "importance", "urgency", "expected"),
    [
        ("belum_ada", 5, 5, 25.0),
        ("belum_ada", 1, 1, 1.0),
        ("sebagian", 3, 5, 7.5),
        ("sebagian", 1, 1, 0.5),
        ("ada", 5, 5, None),
        (None, 5, 5, None),
        ("belum_ada", None, 5, None),
        ("sebagian", 4, None, None),
    ],
)
def test_priority_score(availability, importance, urgency, expected):
    need = _need(1, "dana", "X", availability, importance, urgency, None)
    assert priority_score(need) == expected


def test_rank_needs_hand_computed(group):
    df = rank_needs(group)
    assert list(df.columns) == list(COLUMNS)
    assert list(zip(df["need_id"], df["score"], strict=True)) == EXPECTED
    assert df["rank"].tolist() == list(range(1, len(EXPECTED) + 1))
    assert str(df["rank"].dtype) == "int64"


def test_unrated_scores_are_none_not_nan(group):
    df = rank_needs(group)
    scores = df["score"].tolist()
    assert scores[-2:] == [None, None]
    assert not any(isinstance(s, float) and math.isnan(s) for s in scores)
    row = df[df["need_id"] == "need-5"].iloc[0]
    assert row["importance"] is None and row["urgency"] == 3


def test_rank_row_values(group):
    first = rank_needs(group).iloc[0].to_dict()
    assert first == {
        "rank": 1,
        "need_id": "need-3",
        "aspect": "program_kegiatan",
        "label": "Magang",
        "availability": "belum_ada",
        "importance": 5,
        "urgency": 5,
        "programme_stage": "pembelajaran",
        "score": 25.0,
    }


def test_ranking_ignores_input_order(group):
    shuffled = group.model_copy(update={"needs": list(reversed(group.needs))})
    assert rank_needs(shuffled).equals(rank_needs(group))


def test_label_tie_is_case_insensitive():
    g = Group(
        id="uji",
        name="Uji",
        needs=[
            _need(1, "dana", "beta", "belum_ada", 2, 2, None),
            _need(2, "dana", "Alfa", "belum_ada", 2, 2, None),
        ],
    )
    assert rank_needs(g)["need_id"].tolist() == ["need-2", "need-1"]


def test_nothing_lacking_gives_empty_frame():
    g = Group(id="uji", name="Uji", needs=[_need(1, "dana", "X", "ada", 3, 3, None)])
    df = rank_needs(g)
    assert df.empty and list(df.columns) == list(COLUMNS)
    assert rank_needs(Group(id="kosong", name="Kosong")).empty


def test_priority_needs(group):
    assert [n.id for n in priority_needs(group)] == [i for i, _ in EXPECTED]
    top = priority_needs(group, top=3)
    assert [n.id for n in top] == ["need-3", "need-8", "need-1"]
    assert top[0] is group.needs[2]  # the group's own objects
    assert len(priority_needs(group, top=100)) == len(EXPECTED)
    with pytest.raises(ValueError):
        priority_needs(group, top=0)


def test_sample_group_ranking(tmp_path):
    ws = toolkit.create_sample(tmp_path / "s")
    jahit = ws.load("lkp-jahit-cempaka-mandiri")
    df = rank_needs(jahit)
    # Two needs score 25; the one in an earlier programme stage (pembelajaran) comes first.
    assert df["label"].tolist()[:2] == [
        "Magang di usaha konveksi atau garmen",
        "Penempatan kerja lulusan di konveksi",
    ]
    assert df["score"].tolist()[:4] == [25.0, 25.0, 20.0, 20.0]
    # 35 components, 7 of them marked "ada" (kurikulum, jadwal, evaluasi, ruang belajar,
    # bahan ajar, dana operasional, tenaga administrasi)
    assert len(df) == sum(1 for n in jahit.needs if n.lacking) == 35 - 7


def test_describe_priority_languages():
    assert describe_priority() == translate(analysis._PRIORITY_TEXT, "id")
    assert "importance" in describe_priority("en") and "0.5" in describe_priority("en")
    with pytest.raises(ValueError):
        describe_priority("fr")


def test_docstring_examples():
    result = doctest.testmod(analysis)
    assert result.failed == 0 and result.attempted > 0


def test_no_widget_or_pyplot_import():
    code = (
        "import sys, toolkit.analysis, toolkit.charts; "
        "bad = [m for m in ('ipywidgets', 'matplotlib.pyplot') if m in sys.modules]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
