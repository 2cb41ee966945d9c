"""Step 5 analysis on a small hand-made group with hand-computed answers."""

from __future__ import annotations

import datetime as dt

import pytest

import toolkit
from toolkit.analysis.monev import (
    HEALTH_COLUMNS,
    PROGRESS_COLUMNS,
    activity_progress,
    changes_since_last,
    describe_health_colours,
    health_summary,
)
from toolkit.model import (
    Activity,
    Actor,
    Group,
    HealthCheck,
    HealthRating,
    MonitoringEntry,
    Partnership,
    StagePlan,
)

D = dt.date


def _group() -> Group:
    """One partnership (BLK), three activities, three notes, two health checks."""
    actors = [Actor(id="actor-1", name="BLK Banjarbaru", category="disnakertrans")]
    stages = [
        StagePlan(
            stage="pelaksanaan",
            activities=[
                Activity(id="a2", name="Magang", status="selesai", evidence="daftar hadir"),
                Activity(id="a3", name="Ujian", status="belum"),
            ],
        ),
        StagePlan(stage="sosialisasi", activities=[Activity(id="a1", name="Audiensi")]),
    ]
    group = Group(id="g", name="G", actors=actors)
    group.plan.partnerships = [Partnership(id="p1", actor_id="actor-1", stages=stages)]
    group.monitoring = [
        MonitoringEntry(id="m2", date=D(2027, 3, 1), partnership_id="p1", activity_id="a2",
                        status="selesai", note="lulus semua"),
        MonitoringEntry(id="m1", date=D(2027, 2, 1), partnership_id="p1", activity_id="a2",
                        status="berjalan", note="minggu 1"),
        MonitoringEntry(id="m3", date=D(2027, 2, 5), partnership_id="p1", activity_id="a1",
                        status="selesai"),
    ]  # fmt: skip
    group.health_checks = [
        HealthCheck(id="h2", date=D(2027, 6, 1), partnership_id="p1",
                    ratings={"kesamaan": HealthRating(level="hijau"),
                             "manfaat": HealthRating(level="kuning", note="baru sebagian")}),
        HealthCheck(id="h1", date=D(2027, 3, 1), partnership_id="p1",
                    ratings={"kesamaan": HealthRating(level="hijau"),
                             "manfaat": HealthRating(level="merah")}),
    ]  # fmt: skip
    return Group.model_validate(group.model_dump())


def test_activity_progress_by_hand():
    df = activity_progress(_group())
    assert list(df.columns) == list(PROGRESS_COLUMNS)
    # stages in the catalogue's order: sosialisasi before pelaksanaan
    assert list(df.activity_id) == ["a1", "a2", "a3"]
    assert list(df.stage) == ["sosialisasi", "pelaksanaan", "pelaksanaan"]
    assert list(df.status) == ["belum", "selesai", "belum"]
    assert set(df.partner) == {"BLK Banjarbaru"}
    assert list(df.last_date) == [D(2027, 2, 5), D(2027, 3, 1), None]
    assert list(df.last_note) == ["", "lulus semua", ""]
    assert df.evidence[1] == "daftar hadir"


def test_health_summary_takes_the_latest_check():
    df = health_summary(_group())
    assert list(df.columns) == list(HEALTH_COLUMNS)
    assert list(df.check_id) == ["h2", "h2"]
    assert list(df.principle) == ["kesamaan", "manfaat"]
    assert list(df.level) == ["hijau", "kuning"]
    assert df.note[1] == "baru sebagian"


def test_changes_since_last_by_hand():
    got = changes_since_last(_group(), lang="en")
    assert got == [
        "BLK Banjarbaru: Principle of benefit went from red to amber (1 June 2027).",
        "BLK Banjarbaru: the activity 'Magang' went from in progress to done (1 March 2027).",
        "BLK Banjarbaru: the activity 'Audiensi' is now marked not started; the last "
        "monitoring note (5 February 2027) said done.",
    ]
    assert changes_since_last(_group(), "p1", lang="en") == got


def test_changes_unknown_partnership_and_nothing_to_compare():
    with pytest.raises(KeyError):
        changes_since_last(_group(), "p9")
    empty = Group(id="e", name="E")
    assert changes_since_last(empty) == []
    assert activity_progress(empty).empty and health_summary(empty).empty


def test_no_colour_change_gives_one_sentence():
    group = _group()
    group.health_checks[0].ratings["manfaat"] = HealthRating(level="merah")
    got = changes_since_last(group, lang="en")
    assert got[0] == "BLK Banjarbaru: no principle changed colour since the review of 1 March 2027."


def test_sample_group(tmp_path):
    g = toolkit.create_sample(tmp_path / "s").load("lkp-jahit-cempaka-mandiri")
    df = activity_progress(g)
    assert len(df) == 21
    row = df[df.activity_id == "partnership-2-a4"].iloc[0]
    assert (row.status, row.last_date) == ("tertunda", D(2027, 3, 12))
    assert len(health_summary(g)) == 6
    assert changes_since_last(g) == []  # one check, one note per activity, all in agreement


def test_describe_health_colours_is_deterministic():
    text = describe_health_colours(lang="en")
    assert text == describe_health_colours(lang="en")
    assert len(text.splitlines()) == 5 and "green" in text and "red" in text
