from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from toolkit.errors import InvalidGroupIdError
from toolkit.model import (
    Activity,
    Actor,
    Group,
    Link,
    Need,
    QuizResult,
    WorkshopInfo,
    check_group_name,
    next_id,
    slugify,
)

REPO = Path(__file__).resolve().parent.parent


def test_slugify_examples():
    assert slugify("LKP Jahit Berkah") == "lkp-jahit-berkah"
    assert slugify("  Kelompok 1: Tata Rias/Kecantikan ") == "kelompok-1-tata-rias-kecantikan"
    assert slugify("Kursus Menjahit Ibu Siti Åsa") == "kursus-menjahit-ibu-siti-asa"
    assert len(slugify("x" * 100)) == 40
    with pytest.raises(InvalidGroupIdError):
        slugify("🧵🧵")


def test_group_name_rules():
    assert check_group_name("  LKP A/B ") == "LKP A/B"
    for bad in ["", "../x", "/abs", "a/./b", "x" * 121]:
        with pytest.raises(InvalidGroupIdError):
            check_group_name(bad)


def test_next_id():
    assert next_id("need", []) == "need-1"
    assert next_id("need", ["need-1", "need-7", "actor-9", "need-x"]) == "need-8"


def test_catalogue_ids_are_checked():
    with pytest.raises(ValidationError, match="bukan"):
        Need(id="need-1", aspect="bukan", label="X")
    with pytest.raises(ValidationError):
        Actor(id="actor-1", name="Disnaker", category="dinas_rahasia")
    actor = Actor(id="actor-1", name="Disnaker", category="disnakertrans", offers_flows=["sdm"])
    with pytest.raises(ValidationError):
        actor.offers_flows = ["sihir"]  # validated on assignment too


def test_scores_and_nan_are_refused():
    with pytest.raises(ValidationError):
        Need(id="need-1", aspect="dana", label="Modal", importance=6)
    with pytest.raises(ValidationError):
        Link(id="link-1", source="lkp", target="actor-1", flow="modal", strength=4)
    with pytest.raises(ValidationError):
        QuizResult(score=5, total=4)
    with pytest.raises(ValidationError):
        Group.model_validate_json('{"id": "a", "name": "A", "revision": NaN}')


def test_references_inside_a_group():
    need = Need(id="need-1", aspect="dana", label="Modal", availability="belum_ada")
    actor = Actor(id="actor-1", name="Bank", category="lembaga_keuangan", offers_needs=["need-1"])
    g = Group(
        id="a",
        name="A",
        needs=[need],
        actors=[actor],
        links=[Link(id="link-1", source="lkp", target="actor-1", flow="modal")],
    )
    assert g.need("need-1").lacking and g.actor("actor-1").name == "Bank"
    data = g.model_dump()
    data["links"][0]["target"] = "actor-404"
    with pytest.raises(ValidationError, match="actor-404"):
        Group.model_validate(data)
    data = g.model_dump()
    data["actors"][0]["offers_needs"] = ["need-404"]
    with pytest.raises(ValidationError, match="need-404"):
        Group.model_validate(data)
    data = g.model_dump()
    data["actors"].append(dict(data["actors"][0]))
    with pytest.raises(ValidationError, match="ganda"):
        Group.model_validate(data)


def test_self_loop_and_dates():
    with pytest.raises(ValidationError):
        Link(id="link-1", source="actor-1", target="actor-1", flow="informasi")
    with pytest.raises(ValidationError):
        Activity(id="a1", name="Sosialisasi", start="2027-02-01", end="2027-01-01")


def test_workshop_info_rejects_duplicate_groups():
    with pytest.raises(ValidationError):
        WorkshopInfo(title="T", groups=[{"id": "a", "name": "A"}, {"id": "a", "name": "B"}])
    with pytest.raises(ValidationError):
        WorkshopInfo(title="  ")


def test_committed_json_schema_is_current():
    for name, model in (("group", Group), ("workshop", WorkshopInfo)):
        committed = json.loads((REPO / "toolkit" / "schema" / f"{name}.schema.json").read_text())
        assert committed == model.model_json_schema(), f"run 'make schema' ({name})"


def test_model_and_catalogue_import_no_widgets():
    code = (
        "import sys, toolkit.model, toolkit.catalogue, toolkit.storage, toolkit.progress;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'ipysigma')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_follow_up_references():
    g = Group(id="a", name="A", actors=[Actor(id="actor-1", name="BLK", category="disnakertrans")])
    data = g.model_dump()
    data["monitoring"] = [{"id": "m-1", "date": "2027-03-01", "partnership_id": "p-9"}]
    with pytest.raises(ValidationError, match="p-9"):
        Group.model_validate(data)


def test_no_float_fields_so_nan_cannot_pass_the_fast_parser():
    # storage.py parses with pydantic's JSON parser, which knows NaN; the model stays
    # NaN-proof only while no field accepts a float.
    for model in (Group, WorkshopInfo):
        assert '"number"' not in json.dumps(model.model_json_schema())


# ------------------------------------------------------ names (issue 4, defect 8)
def test_name_key_and_clean_name():
    from toolkit.model import clean_name, name_key

    assert name_key(" Cafe\u0301\u00a0 BANUA\t") == name_key("café banua") == "café banua"
    assert clean_name("Bad\x07Name\x00") == "BadName"
    assert clean_name("\u200b\ufeff Toko\n\tJaya \u200d\u200e") == "Toko Jaya"
    assert clean_name("a\u200db") == "a\u200db"  # a joiner inside a name stays
    assert clean_name("Rp$ 5 $ 10") == "Rp$ 5 $ 10"
    for invisible in ("\u200b", " \u200b\u2060 ", "\x00\x07", "\ufeff"):
        with pytest.raises(ValueError):
            clean_name(invisible)


def test_actor_names_are_cleaned_on_every_path():
    actor = Actor(id="actor-1", name=" Bad\x07Name\x00 ", category="dudi")
    assert actor.name == "BadName"
    actor.name = "\u200bToko  Jaya"
    assert actor.name == "Toko Jaya"
    with pytest.raises(ValidationError) as info:
        actor.name = "\u200b\u200b"
    assert "name" in str(info.value)
    assert actor.name == "Toko Jaya"
    with pytest.raises(ValidationError):
        Actor(id="actor-2", name="\u200b", category="dudi")
    saved = Group(id="g", name="G", actors=[actor]).model_dump_json()
    loaded = Group.model_validate_json(saved.replace("Toko Jaya", "Toko\\u0000 Jaya"))
    assert loaded.actors[0].name == "Toko Jaya"


def test_link_key():
    from toolkit.model import link_key

    assert link_key("a", "b", "sdm", "forward") == link_key("b", "a", "sdm", "backward")
    assert link_key("a", "b", "sdm", "both") == link_key("b", "a", "sdm", "both")
    assert link_key("a", "b", "sdm", "forward") != link_key("b", "a", "sdm", "forward")
    assert link_key("a", "b", "sdm", "forward") != link_key("a", "b", "sdm", "both")
    assert link_key("a", "b", "sdm", "forward") != link_key("a", "b", "modal", "forward")


# ------------------------------------------------- implausible years (issue 5, 1)
@pytest.mark.parametrize(
    ("model", "field", "extra"),
    [
        ("Activity", "end", {"id": "a-1", "name": "Praktik"}),
        ("Activity", "start", {"id": "a-1", "name": "Praktik"}),
        ("Partnership", "review_date", {"id": "p-1", "actor_id": "actor-1"}),
        ("Partnership", "start_date", {"id": "p-1", "actor_id": "actor-1"}),
        ("HealthCheck", "date", {"id": "h-1"}),
        ("MonitoringEntry", "date", {"id": "m-1"}),
        ("WorkshopInfo", "date", {"title": "Uji"}),
    ],
)
@pytest.mark.parametrize("year", [1900, 1999, 2101, 2207, 2999])
def test_dates_with_implausible_years_are_refused(model, field, extra, year):
    import datetime as dt

    import toolkit.model as m
    from toolkit.errors import explain_validation

    cls = getattr(m, model)
    with pytest.raises(ValidationError) as info:
        cls(**extra, **{field: dt.date(year, 3, 1)})
    text = explain_validation(info.value, locations=False)
    assert text == (
        f"tahun {year} sepertinya salah ketik: tulis tanggal antara tahun 2000 dan 2100"
    ) or text.startswith(f"the year {year} looks like a typo")  # translations not compiled
    for ok in (2000, 2027, 2100):  # the bounds themselves are fine
        assert getattr(cls(**extra, **{field: dt.date(ok, 1, 1)}), field).year == ok


def test_typed_2207_is_refused_by_assignment_and_the_sample_stays_valid(tmp_path):
    import datetime as dt

    import toolkit

    ws = toolkit.create_sample(tmp_path / "s")
    g = ws.load("lkp-jahit-cempaka-mandiri")
    with pytest.raises(ValidationError):
        g.plan.partnerships[0].review_date = dt.date(2207, 3, 1)
    assert g.plan.partnerships[0].review_date == dt.date(2027, 8, 31)
