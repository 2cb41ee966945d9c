"""Checking the partnership plan: principle and ethics findings, schedule, calendar.

Small plans built here, every expected finding worked out by hand; one test checks the
sample's complete group.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import toolkit
from toolkit.analysis import (
    SCHEDULE_COLUMNS,
    Finding,
    agreement_end,
    plan_messages,
    plan_schedule,
    principle_check,
    sustaining_calendar,
)
from toolkit.i18n import set_language
from toolkit.model import Activity, Actor, Group, Partnership, Plan, StagePlan, SustainingPlan

D = dt.date
CLAUSES = {
    "dana": "Masing-masing menanggung biaya sendiri.",
    "peran_tanggung_jawab": "BLK melatih; LKP mengirim peserta.",
    "pemanfaatan_hasil": "Data lulusan dipakai bersama.",
}


@pytest.fixture(autouse=True)
def en():
    set_language("en")


def act(n: int, stage_start: str, end: str | None = None, responsible="Pimpinan LKP", **kw):
    return Activity(
        id=f"a{n}",
        name=kw.pop("name", f"Kegiatan {n}"),
        start=D.fromisoformat(stage_start) if stage_start else None,
        end=D.fromisoformat(end or stage_start) if (end or stage_start) else None,
        responsible=responsible,
        **kw,
    )


def sound_partnership(**changes) -> Partnership:
    """A plan that passes every rule: both sides give, get and lead an activity."""
    stages = [
        StagePlan(stage="sosialisasi", activities=[act(1, "2027-01-10")]),
        StagePlan(
            stage="perencanaan",
            activities=[act(2, "2027-01-20", "2027-01-30", "Kepala Seksi Pelatihan BLK")],
        ),
        StagePlan(stage="kesepakatan", activities=[act(3, "2027-02-01")]),
        StagePlan(stage="pelaksanaan", activities=[act(4, "2027-02-05", "2027-06-30")]),
        StagePlan(stage="monev", activities=[act(5, "2027-07-01", "2027-07-10")]),
    ]
    values = dict(
        id="p-1",
        actor_id="actor-1",
        aspects=["tenaga"],
        pattern="inti_plasma",
        goal="Instruktur bersertifikat.",
        lkp_gives="Peserta.",
        lkp_gets="Pelatihan instruktur.",
        partner_gives="Instruktur senior.",
        partner_gets="Capaian kinerja.",
        stages=stages,
        clauses=dict(CLAUSES),
        start_date=D(2027, 1, 1),
        duration_months=12,
        review_date=D(2027, 6, 30),
        sustaining=[SustainingPlan(technique="laporan_kemajuan", rhythm="quarterly")],
    )
    values.update(changes)
    return Partnership(**values)


def group(*partnerships, relationship="kenal") -> Group:
    actor = Actor(
        id="actor-1",
        name="BLK Banjarbaru",
        category="disnakertrans",
        relationship=relationship,
        contact_role="Kepala Seksi Pelatihan",
    )
    return Group(id="uji", name="Uji", actors=[actor], plan=Plan(partnerships=list(partnerships)))


def keys(findings):
    return [(f.principle, f.kind, f.severity) for f in findings]


def test_sound_plan_has_no_finding():
    g = group(sound_partnership())
    assert principle_check(g) == []
    assert plan_messages(g) == [
        "The plan meets every check: each party gives and gets, the goal is shared, every "
        "stage has an activity and the agreement is complete."
    ]


def test_empty_plan():
    g = group()
    assert principle_check(g) == []
    assert plan_messages(g)[0].startswith("No partnership in the plan yet")
    assert plan_schedule(g).shape == (0, len(SCHEDULE_COLUMNS))
    assert list(sustaining_calendar(g).columns) == [
        "partnership_id", "technique", "rhythm", "date", "note"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"lkp_gives": ""}, [("keseimbangan", "principle", "merah")]),
        ({"partner_gives": " "}, [("keseimbangan", "principle", "merah")]),
        ({"lkp_gets": ""}, [("manfaat", "principle", "merah")]),
        ({"partner_gets": ""}, [("manfaat", "principle", "merah")]),
        ({"goal": ""}, [("kesamaan", "principle", "merah")]),
        ({"pattern": None}, [("keseimbangan", "principle", "kuning")]),
        ({"sustaining": []}, [("keberlanjutan", "principle", "kuning")]),
        ({"review_date": None}, [("keberlanjutan", "principle", "kuning")]),
        (
            {"clauses": {k: v for k, v in CLAUSES.items() if k != "dana"}},
            [("keadilan_keterbukaan", "principle", "merah")],
        ),
        (
            {"clauses": {**CLAUSES, "peran_tanggung_jawab": ""}},
            [("keseimbangan", "principle", "merah")],
        ),
        (
            {"clauses": {k: v for k, v in CLAUSES.items() if k != "pemanfaatan_hasil"}},
            [("keadilan_keterbukaan", "principle", "merah")],
        ),
        # 12 months from 1 Jan 2027 end on 1 Jan 2028: an activity to 2 Jan 2028 is late.
        (
            {"duration_months": 6},  # ends 1 Jul 2027; monev runs to 10 Jul
            [("keberlanjutan", "principle", "kuning")],
        ),
    ],
)
def test_each_rule(changes, expected):
    findings = principle_check(group(sound_partnership(**changes)))
    assert keys(findings) == expected
    f = findings[0]
    assert f.partnership_id == "p-1"
    assert "BLK Banjarbaru" in f.message
    assert f.advice


def test_late_activity_names_it_and_the_end():
    (f,) = principle_check(group(sound_partnership(duration_months=6)))
    assert f.message == (
        "In the plan with BLK Banjarbaru, some activities end after the agreement ends "
        "(2027-07-01): Kegiatan 5."
    )


def test_activity_ending_on_the_last_day_is_not_late():
    p = sound_partnership(start_date=D(2027, 1, 10), duration_months=6)  # ends 10 Jul
    assert principle_check(group(p)) == []


def test_missing_stages_split_by_principle():
    p = sound_partnership()
    p.stages = [s for s in p.stages if s.stage in ("perencanaan", "pelaksanaan")]
    findings = principle_check(group(p))
    assert keys(findings) == [
        ("kebersamaan", "principle", "kuning"),
        ("keberlanjutan", "principle", "kuning"),
    ]
    assert [f.message for f in findings] == [
        "The plan with BLK Banjarbaru has no activity yet for: Introduction (socialisation), "
        "Agreement and mutual understanding.",
        "The plan with BLK Banjarbaru has no activity yet for: Monitoring and evaluation.",
    ]


def test_stage_with_no_activity_counts_as_missing():
    p = sound_partnership()
    p.stages[0] = StagePlan(stage="sosialisasi", activities=[])
    assert keys(principle_check(group(p))) == [("kebersamaan", "principle", "kuning")]


def test_no_responsible_from_the_partner():
    p = sound_partnership()
    p.stages[1].activities[0].responsible = "Instruktur kepala LKP"
    (f,) = principle_check(group(p))
    assert (f.principle, f.severity) == ("keseimbangan", "kuning")
    assert "none by the partner" in f.message


def test_no_responsible_from_the_lkp():
    p = sound_partnership()
    for s in p.stages:
        for a in s.activities:
            a.responsible = "Kepala Seksi Pelatihan BLK"
    (f,) = principle_check(group(p))
    assert (
        f.message == "In the plan with BLK Banjarbaru, no activity is led by someone from the LKP."
    )


def test_no_responsible_at_all_is_one_finding():
    p = sound_partnership()
    for s in p.stages:
        for a in s.activities:
            a.responsible = ""
    assert keys(principle_check(group(p))) == [("keseimbangan", "principle", "kuning")]


def test_the_word_mitra_counts_for_the_partner():
    p = sound_partnership()
    p.stages[1].activities[0].responsible = "Koordinator dari mitra"
    assert principle_check(group(p)) == []


def test_party_without_tasks_is_not_reported_twice():
    p = sound_partnership(partner_gives="")
    p.stages[1].activities[0].responsible = "Pimpinan LKP"
    assert keys(principle_check(group(p))) == [("keseimbangan", "principle", "merah")]


def test_ethics_unknown_partner_without_socialisation():
    p = sound_partnership()
    p.stages = p.stages[1:]
    findings = principle_check(group(p, relationship="belum_kenal"))
    assert keys(findings) == [
        ("kebersamaan", "principle", "kuning"),
        ("komunikasi_terbuka", "ethics", "kuning"),
    ]
    assert findings[1].message.startswith("The LKP does not know BLK Banjarbaru yet")
    # a known partner: the stage gap only
    assert keys(principle_check(group(p))) == [("kebersamaan", "principle", "kuning")]
    # an unknown partner with a socialisation activity: nothing
    assert principle_check(group(sound_partnership(), relationship="belum_kenal")) == []


def test_empty_notes_are_never_findings():
    p = sound_partnership(sustaining=[SustainingPlan(technique="pendekatan_informal", note="")])
    assert principle_check(group(p)) == []


def test_bare_partnership_gets_every_finding_in_table_order():
    g = group(Partnership(id="p-1", actor_id="actor-1"))
    assert keys(principle_check(g)) == [
        ("keseimbangan", "principle", "merah"),
        ("keseimbangan", "principle", "merah"),
        ("keseimbangan", "principle", "merah"),
        ("keseimbangan", "principle", "kuning"),
        ("kesamaan", "principle", "merah"),
        ("manfaat", "principle", "merah"),
        ("manfaat", "principle", "merah"),
        ("keadilan_keterbukaan", "principle", "merah"),
        ("keadilan_keterbukaan", "principle", "merah"),
        ("kebersamaan", "principle", "kuning"),
        ("keberlanjutan", "principle", "kuning"),
        ("keberlanjutan", "principle", "kuning"),
        ("keberlanjutan", "principle", "kuning"),
    ]
    messages = plan_messages(g)
    assert messages[0] == "The check found 8 red and 5 amber point(s) to fix in the plan."
    assert len(messages) == 14


def test_finding_is_a_plain_dataclass():
    f = Finding("p-1", "manfaat", "principle", "merah", "m", "a")
    assert f.partnership_id == "p-1" and f.severity == "merah"


def test_agreement_end():
    assert agreement_end(sound_partnership()) == D(2028, 1, 1)
    assert agreement_end(sound_partnership(start_date=D(2027, 8, 31), duration_months=6)) == D(
        2028, 2, 29
    )
    assert agreement_end(sound_partnership(duration_months=None)) is None
    assert agreement_end(sound_partnership(start_date=None)) is None


def test_schedule_order_and_undated_rows():
    p = sound_partnership()
    # entered out of order: a later pelaksanaan activity first, and one without dates
    p.stages[3].activities = [
        act(6, "2027-03-01", "2027-03-05"),
        act(7, "", name="Belum dijadwalkan"),
        act(4, "2027-02-05", "2027-02-10"),
    ]
    p.stages = [p.stages[3], *p.stages[:3], p.stages[4]]
    frame = plan_schedule(group(p))
    assert list(frame.columns) == list(SCHEDULE_COLUMNS)
    assert list(frame["activity_id"]) == ["a1", "a2", "a3", "a4", "a6", "a7", "a5"]
    assert list(frame["stage_order"]) == [2, 3, 4, 5, 5, 5, 6]
    assert set(frame["partner"]) == {"BLK Banjarbaru"}
    assert pd.isna(frame.loc[5, "start"]) and pd.isna(frame.loc[5, "end"])
    assert frame.loc[0, "start"] == pd.Timestamp("2027-01-10")
    assert list(frame.index) == list(range(7))


def test_sustaining_calendar_counts_per_rhythm():
    rhythms = ["weekly", "monthly", "quarterly", "semester", "yearly", "as_needed"]
    techniques = ["informasi_terkini", "laporan_kemajuan", "diskusi_pertemuan",
                  "kunjungan_berkala", "pendekatan_informal", "informasi_terkini"]  # fmt: skip
    plans = [
        SustainingPlan(technique=t, rhythm=r) for t, r in zip(techniques, rhythms, strict=True)
    ]
    cal = sustaining_calendar(group(sound_partnership(sustaining=plans)))
    assert cal.groupby("rhythm").size().to_dict() == {
        "weekly": 52, "monthly": 12, "quarterly": 4, "semester": 2, "yearly": 1, "as_needed": 1,
    }  # fmt: skip
    row = cal[cal["rhythm"] == "as_needed"].iloc[0]
    assert pd.isna(row["date"]) and row["note"] == "as needed"
    assert cal["date"].iloc[0] == pd.Timestamp("2027-01-08")  # first weekly session
    yearly = cal[cal["rhythm"] == "yearly"]["date"].tolist()
    assert yearly == [pd.Timestamp("2028-01-01")]
    dated = cal["date"].dropna()
    assert dated.is_monotonic_increasing


def test_sustaining_calendar_months_and_missing_start():
    p = sound_partnership(sustaining=[SustainingPlan(technique="laporan_kemajuan")])
    assert len(sustaining_calendar(group(p), months=3)) == 3
    q = sound_partnership(
        start_date=None, sustaining=[SustainingPlan(technique="laporan_kemajuan")]
    )
    cal = sustaining_calendar(group(q))
    assert len(cal) == 1 and cal.loc[0, "note"] == "no start date yet"
    with pytest.raises(ValueError, match="months"):
        sustaining_calendar(group(p), months=0)


@pytest.fixture(scope="module")
def jahit(tmp_path_factory) -> Group:
    return toolkit.create_sample(tmp_path_factory.mktemp("s") / "w").load(
        "lkp-jahit-cempaka-mandiri"
    )


def test_sample_complete_group(jahit):
    # By hand: partnerships 1 (BLK) and 2 (konveksi) pass every rule. Partnership 3 (bank
    # CSR) lists only LKP staff as responsible ("Pimpinan LKP", "Bendahara LKP", ...):
    # no word of "Program CSR bank daerah" / "Bagian CSR kantor cabang" appears.
    findings = principle_check(jahit)
    assert [(f.partnership_id, *k) for f, k in zip(findings, keys(findings), strict=True)] == [
        ("partnership-3", "keseimbangan", "principle", "kuning")
    ]
    assert "Program CSR bank daerah" in findings[0].message
    schedule = plan_schedule(jahit)
    n = sum(len(s.activities) for p in jahit.plan.partnerships for s in p.stages)
    assert len(schedule) == n == 21
    assert schedule["start"].notna().all()
    assert [agreement_end(p) for p in jahit.plan.partnerships] == [
        D(2028, 3, 1), D(2029, 4, 1), D(2028, 5, 1)
    ]  # fmt: skip
    # 12 + 4 + 4, then 12 + 1 (as needed), then 4 + 2
    assert sustaining_calendar(jahit).groupby("partnership_id").size().tolist() == [20, 13, 6]


def test_messages_follow_the_language(jahit):
    set_language("id")
    findings = principle_check(jahit)
    assert "Program CSR bank daerah" in findings[0].message


# ------------------------------------------------ issue 5: the agreement's period
def test_review_before_the_agreement_starts():
    (f,) = principle_check(group(sound_partnership(review_date=D(2026, 12, 15))))
    assert (f.principle, f.severity) == ("keberlanjutan", "kuning")
    assert f.message == (
        "The review of the partnership with BLK Banjarbaru (2026-12-15) is before the "
        "agreement starts (2027-01-01)."
    )
    assert f.advice.startswith("Set the review date within the agreement's period")


def test_implementation_before_the_agreement_starts():
    # sosialisasi on 10 Jan is before a 1 Feb start, as it should be: not a finding;
    # pelaksanaan from 5 Feb is fine; only the monev activity moved to 20 Jan is early
    p = sound_partnership(start_date=D(2027, 2, 1), duration_months=11)
    p.stages[4].activities[0] = act(5, "2027-01-20", "2027-01-25")
    (f,) = principle_check(group(p))
    assert f.message == (
        "In the plan with BLK Banjarbaru, some implementation or monitoring activities "
        "start before the agreement starts (2027-02-01): Kegiatan 5."
    )


def test_review_on_the_start_day_is_fine():
    assert principle_check(group(sound_partnership(review_date=D(2027, 1, 1)))) == []
