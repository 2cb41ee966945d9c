"""The plan timeline (Gantt chart) of stages and activities."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.dates import date2num

import toolkit
from toolkit.catalogue import get_catalogue
from toolkit.charts import STAGE_COLOURS, figure_png, timeline_figure
from toolkit.model import Activity, Actor, Group, Partnership, Plan, StagePlan

JAHIT = "lkp-jahit-cempaka-mandiri"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return toolkit.create_sample(tmp_path_factory.mktemp("s") / "w").load(JAHIT)


def small(*activities, review=None) -> Group:
    p = Partnership(
        id="p-1",
        actor_id="actor-1",
        stages=[StagePlan(stage="pelaksanaan", activities=list(activities))],
        start_date=dt.date(2027, 1, 1),
        duration_months=6,
        review_date=review,
    )
    actor = Actor(id="actor-1", name="BLK Banjarbaru", category="disnakertrans")
    return Group(id="uji", name="Uji", actors=[actor], plan=Plan(partnerships=[p]))


def _bars(ax):
    return [p for p in ax.patches if p.get_height() == pytest.approx(0.6)]


def test_colours_follow_the_stages():
    assert list(STAGE_COLOURS) == [s.id for s in get_catalogue().stages]
    assert len(set(STAGE_COLOURS.values())) == len(STAGE_COLOURS)


def test_sample_timeline(sample):
    fig = timeline_figure(sample, lang="id")
    (ax,) = fig.axes
    bars = _bars(ax)
    assert len(bars) == 21
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 21 + 3
    assert labels[0] == "UPTD Balai Latihan Kerja (BLK) Banjarbaru"
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "Feb 2027" and "Mei 2027" in ticks and "Agu 2027" in ticks
    legend = [t.get_text() for lg in fig.legends for t in lg.get_texts()]
    assert legend[0] == "1. Identifikasi intern lembaga" and len(legend) == 6
    en = [t.get_text() for t in timeline_figure(sample, lang="en").axes[0].get_xticklabels()]
    assert "May 2027" in en


def test_png_is_deterministic(sample):
    first = figure_png(timeline_figure(sample, lang="id"))
    assert first[:4] == b"\x89PNG"
    assert figure_png(timeline_figure(sample, lang="id")) == first


def test_bar_geometry_and_review_line():
    one_day = Activity(id="a1", name="Tanda tangan", start=dt.date(2027, 2, 1),
                       end=dt.date(2027, 2, 1))  # fmt: skip
    month = Activity(id="a2", name="Praktik", start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 31))
    fig = timeline_figure(small(one_day, month, review=dt.date(2027, 4, 15)), lang="en")
    ax = fig.axes[0]
    widths = [b.get_width() for b in _bars(ax)]
    assert widths == [2.5, 31.0]  # one day drawn at least 2.5 days wide; 1-31 March
    assert _bars(ax)[1].get_x() == date2num(dt.date(2027, 3, 1))
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert [line.get_xdata()[0] for line in dashed] == [date2num(dt.date(2027, 4, 15))]


def test_undated_activities_are_listed_in_a_note():
    dated = Activity(id="a1", name="Praktik", start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 5))
    undated = Activity(id="a2", name="Evaluasi akhir")
    fig = timeline_figure(small(dated, undated), lang="en")
    assert len(_bars(fig.axes[0])) == 1
    notes = [t.get_text() for t in fig.texts]
    assert any(n.startswith("Without dates") and "Evaluasi akhir (BLK Banjarbaru)" in n
               for n in notes)  # fmt: skip


@pytest.mark.parametrize("activities", [(), (Activity(id="a1", name="Tanpa tanggal"),)])
def test_empty_plan_gives_a_message(activities):
    g = small(*activities) if activities else Group(id="uji", name="Uji")
    fig = timeline_figure(g, lang="en")
    (ax,) = fig.axes
    assert not ax.patches
    assert ax.texts[0].get_text().startswith("No activities with dates")
    assert figure_png(fig)[:4] == b"\x89PNG"


def test_unknown_language():
    with pytest.raises(ValueError, match="language"):
        timeline_figure(Group(id="uji", name="Uji"), lang="fr")


# ------------------------------------------------------- issue 5 (1, 6, 11)
def _force(model, **values):
    """Set fields without validation: a file written before dates were checked."""
    model.__dict__.update(values)


def test_a_date_far_away_gets_yearly_ticks(sample):
    g = sample.model_copy(deep=True)
    _force(g.plan.partnerships[0], review_date=dt.date(2207, 3, 1))
    fig = timeline_figure(g, lang="id")
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    # 2027-01 .. 2207-03 is 181 years: one tick every 20 years, from 2040 to 2200
    assert ticks == [str(y) for y in range(2040, 2201, 20)]
    assert figure_png(fig)[:4] == b"\x89PNG"


def test_month_ticks_for_every_span():
    from toolkit.charts import _month_ticks

    ticks, pattern = _month_ticks(dt.date(2027, 1, 25), dt.date(2027, 4, 10))
    assert pattern == "MMM y" and ticks == [dt.date(2027, m, 1) for m in (2, 3, 4)]
    ticks, pattern = _month_ticks(dt.date(2027, 1, 1), dt.date(2031, 12, 31))
    assert pattern == "MMM y" and ticks[:2] == [dt.date(2027, 1, 1), dt.date(2027, 7, 1)]
    ticks, pattern = _month_ticks(dt.date(2027, 1, 1), dt.date(2040, 12, 31))
    assert pattern == "y" and ticks[0] == dt.date(2027, 1, 1) and len(ticks) == 14
    ticks, pattern = _month_ticks(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    assert pattern == "y" and ticks == [dt.date(y, 1, 1) for y in range(1000, 10000, 1000)]


def test_review_label_near_the_right_end_stays_inside():
    late = Activity(id="a1", name="Praktik", start=dt.date(2027, 1, 1), end=dt.date(2027, 3, 1))
    fig = timeline_figure(small(late, review=dt.date(2027, 3, 5)), lang="en")
    ax = fig.axes[0]
    (label,) = [t for t in ax.texts if t.get_text().strip() == "review"]
    figure_png(fig)
    box = label.get_window_extent()
    assert label.get_ha() == "right"
    assert box.x1 <= ax.get_window_extent().x1 + 1


def test_labels_are_cleaned_and_shortened():
    from toolkit.charts import chart_text

    assert chart_text("Menjahit\x00 \x07rapi 🧵\x1f") == "Menjahit rapi"  # no 🧵 in DejaVu
    g = small(Activity(id="a1", name="Praktik\x07 🎉 " + "W" * 120, start=dt.date(2027, 2, 1)))
    g.actors[0].name = "Dinas Tenaga Kerja dan Transmigrasi Provinsi Kalimantan Selatan 🧵"
    fig = timeline_figure(g, lang="en")
    figure_png(fig)
    ax = fig.axes[0]
    head, act = [t.get_text() for t in ax.get_yticklabels()]
    assert head.endswith("…") and "🧵" not in head
    assert "\x07" not in act and "🎉" not in act and act.endswith("…")
    for tick in ax.get_yticklabels():  # nothing cut at the picture's left edge
        assert tick.get_window_extent().x0 >= 0


def test_long_plans_are_split_into_pictures_of_at_most_40_rows(sample):
    from toolkit.charts import timeline_figures

    assert len(timeline_figures(sample, lang="id")) == 1  # 24 rows
    g = sample.model_copy(deep=True)
    acts = g.plan.partnerships[1].stages[-1].activities
    for i in range(40):
        day = dt.date(2027, 5, 1) + dt.timedelta(days=3 * i)
        acts.append(Activity(id=f"x{i}", name=f"Tambahan {i}", start=day, end=day))
    figs = timeline_figures(g, lang="en", max_rows=40)
    rows = [[t.get_text() for t in f.axes[0].get_yticklabels()] for f in figs]
    # 9 + 48 + 7 rows: [9], [40: partner 2 and 39 activities], [partner 2 again + 8, 7]
    assert [len(r) for r in rows] == [9, 40, 16]
    assert rows[2][0].endswith("(continued)") or rows[2][0].endswith("(lanjutan)")
    assert sum(len(_bars(f.axes[0])) for f in figs) == 21 + 40
    assert [f._suptitle.get_text()[-5:] for f in figs] == ["(1/3)", "(2/3)", "(3/3)"]
