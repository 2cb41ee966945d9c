"""The priority chart: bars, labels, texts, and the PNG read back with Pillow."""

from __future__ import annotations

import doctest
import io

import pytest
from PIL import Image
from support import make_need as _need  # noqa: E402

import toolkit
from toolkit import charts
from toolkit.charts import figure_png, priority_chart
from toolkit.i18n import translate
from toolkit.model import Group


@pytest.fixture
def small():
    return Group(
        id="uji",
        name="Uji",
        needs=[
            _need(1, "dana", "Honor instruktur", "sebagian", 3, 5),  # 7.5
            _need(2, "tenaga", "Asesor", "belum_ada", 4, 4),  # 16
            _need(3, "dana", "Listrik", "ada", 5, 5),  # left out
            _need(4, "program_kegiatan", "Magang", "belum_ada", None, 4),  # not rated
        ],
    )


@pytest.fixture(scope="module")
def jahit(tmp_path_factory):
    ws = toolkit.create_sample(tmp_path_factory.mktemp("charts") / "s")
    return ws.load("lkp-jahit-cempaka-mandiri")


def _bars(fig):
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    return [float(p.get_width()) for p in ax.patches], labels


def test_bars_follow_the_ranking(small):
    fig = priority_chart(small)
    widths, labels = _bars(fig)
    assert widths == [16.0, 7.5]
    assert labels == ["1. Asesor", "2. Honor instruktur"]
    ax = fig.axes[0]
    assert ax.yaxis_inverted()  # rank 1 at the top
    assert ax.get_title(loc="left") == translate(charts._TITLE, "id")
    assert ax.get_xlabel().startswith(translate(charts._XLABEL, "id"))
    assert translate(charts._UNRATED, "id").format(n=1) in ax.get_xlabel()
    values = [t.get_text() for t in ax.texts]
    assert values == ["16", "7,5"]  # Indonesian decimal comma


def test_colours_and_legend_name_the_aspects(small):
    fig = priority_chart(small, lang="en")
    colours = [p.get_facecolor()[:3] for p in fig.axes[0].patches]
    assert colours[0] != colours[1]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Funding", "Staff"]  # catalogue order, English labels
    assert [t.get_text() for t in fig.axes[0].texts] == ["16", "7.5"]


def test_top_limits_the_bars(jahit):
    widths, labels = _bars(priority_chart(jahit))
    assert len(widths) == 10
    assert widths[:4] == [25.0, 25.0, 20.0, 20.0]
    assert labels[0] == "1. Magang di usaha konveksi atau\ngarmen"  # wrapped
    widths, _ = _bars(priority_chart(jahit, top=3))
    assert widths == [25.0, 25.0, 20.0]


def test_long_labels_are_cut_to_two_lines():
    g = Group(id="uji", name="Uji", needs=[_need(1, "dana", "kata " * 40, "belum_ada", 2, 2)])
    (label,) = _bars(priority_chart(g))[1]
    assert label.count("\n") == 1 and label.endswith("…")


def test_empty_group_draws_a_hint():
    fig = priority_chart(Group(id="uji", name="Uji"))
    ax = fig.axes[0]
    assert len(ax.patches) == 0
    assert [t.get_text() for t in ax.texts][0].startswith(translate(charts._EMPTY, "id")[:20])


def test_bad_arguments(small):
    with pytest.raises(ValueError):
        priority_chart(small, top=0)
    with pytest.raises(ValueError):
        priority_chart(small, lang="fr")


def test_png_reads_back_and_is_deterministic(jahit):
    data = figure_png(priority_chart(jahit))
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    width, height = image.size
    assert width == 850 and height == round(100 * (0.45 + 1.35 + 0.55 * 10))
    assert figure_png(priority_chart(jahit)) == data


def test_png_of_the_empty_chart():
    image = Image.open(io.BytesIO(figure_png(priority_chart(Group(id="uji", name="Uji")))))
    assert image.size == (850, 130)


def test_docstring_examples():
    result = doctest.testmod(charts)
    assert result.failed == 0 and result.attempted > 0
