"""Tests of the embedded Banjarbaru sample (toolkit.sample)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from toolkit.catalogue import get_catalogue
from toolkit.errors import WorkshopExistsError
from toolkit.model import LKP_NODE
from toolkit.progress import step_completion
from toolkit.sample import SAMPLE_TITLE, create_sample
from toolkit.storage import Workshop

COMPLETE = "lkp-jahit-cempaka-mandiri"
PARTIAL = "lkp-tata-rias-intan"
NEW = "lkp-komputer-borneo-cerdas"


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Workshop:
    return create_sample(tmp_path_factory.mktemp("sample") / "w")


@pytest.fixture(scope="module")
def complete(workshop):
    return workshop.load(COMPLETE)


def test_workshop_settings(workshop):
    info = Workshop.open(workshop.path).info
    assert info.title == SAMPLE_TITLE
    assert info.date == dt.date(2026, 12, 7)
    assert info.facilitator == "Tim Fasilitator"
    assert info.language == "id"


def test_three_groups_with_expected_ids(workshop):
    assert workshop.group_ids == [COMPLETE, PARTIAL, NEW]
    assert workshop.group_name(COMPLETE) == "LKP Jahit Cempaka Mandiri"


def test_language_is_passed_on(tmp_path):
    assert create_sample(tmp_path / "w", language="en").info.language == "en"


def test_complete_profile(complete):
    p = complete.profile
    assert p.district == "Kota Banjarbaru"
    assert p.programmes and p.learners_per_year and p.instructors and p.staff
    assert p.facilities.strip()


def test_complete_actors_cover_every_category(complete):
    assert 12 <= len(complete.actors) <= 20
    categories = {a.category for a in complete.actors}
    assert categories == set(get_catalogue().ids("partner_categories"))


def test_complete_actors_offer_only_lacking_needs(complete):
    lacking = {n.id for n in complete.needs if n.lacking}
    for actor in complete.actors:
        assert actor.offers_flows, actor.name
        assert set(actor.offers_needs) <= lacking, actor.name


def test_complete_needs_cover_every_aspect_and_component(complete):
    cat = get_catalogue()
    assessed = {n.aspect for n in complete.needs if n.availability is not None}
    assert assessed == set(cat.ids("aspects"))
    used = {n.component for n in complete.needs}
    every_component = {c.id for a in cat.aspects for c in a.components}
    assert every_component <= used
    own = [n for n in complete.needs if n.component is None]
    assert 1 <= len(own) <= 2
    assert all(n.availability is not None for n in complete.needs)


def test_complete_lacking_needs_are_rated(complete):
    lacking = [n for n in complete.needs if n.lacking]
    assert lacking
    assert all(n.importance and n.urgency for n in lacking)
    priority = [n for n in lacking if n.importance >= 4 and n.urgency >= 4]
    assert priority and all(n.criteria for n in priority)


def test_complete_answers_every_exercise(complete):
    ids = set(get_catalogue().ids("exercises"))
    assert len(ids) == 10
    assert set(complete.exercises) == ids
    assert all(a.text.strip() for a in complete.exercises.values())


def test_complete_links_refer_to_existing_nodes(complete):
    nodes = {a.id for a in complete.actors} | {LKP_NODE}
    assert 20 <= len(complete.links) <= 35
    for link in complete.links:
        assert link.source in nodes and link.target in nodes


def _neighbours(group) -> dict[str, set[str]]:
    nodes = {a.id: set() for a in group.actors} | {LKP_NODE: set()}
    for link in group.links:
        nodes[link.source].add(link.target)
        nodes[link.target].add(link.source)
    return nodes


def test_complete_map_has_isolated_actor_and_broker(complete):
    neighbours = _neighbours(complete)
    assert [n for n, near in neighbours.items() if not near] == ["actor-18"]
    # the bank's CSR programme (actor-15) is reached only through Disperindag (actor-4)
    assert complete.actor("actor-15").category == "lembaga_keuangan"
    assert neighbours["actor-15"] == {"actor-4"}
    assert LKP_NODE in neighbours["actor-4"]


def test_complete_plan_has_every_stage_and_clause(complete):
    cat = get_catalogue()
    partnerships = complete.plan.partnerships
    assert 2 <= len(partnerships) <= 3
    for p in partnerships:
        assert p.pattern and p.goal and p.aspects
        assert p.lkp_gives and p.lkp_gets and p.partner_gives and p.partner_gets
        assert [s.stage for s in p.stages] == [s.id for s in cat.stages]
        assert all(1 <= len(s.activities) <= 3 for s in p.stages)
        assert set(p.clauses) == set(cat.ids("clauses"))
        assert all(text.strip() for text in p.clauses.values())
        assert p.start_date and p.duration_months and p.review_date
        assert 2 <= len(p.sustaining) <= 3
        dates = [a.start for s in p.stages for a in s.activities]
        assert all(d.year == 2027 for d in dates)


def test_complete_follow_up(complete):
    assert complete.monitoring
    activities = {a.id for p in complete.plan.partnerships for s in p.stages for a in s.activities}
    assert all(m.activity_id in activities for m in complete.monitoring)
    (check,) = complete.health_checks
    assert set(check.ratings) == set(get_catalogue().ids("principles"))


def test_completion_per_group(workshop):
    done = step_completion(workshop.load(COMPLETE))
    for step in ("konsep", "kebutuhan", "peta_mitra", "rencana"):
        assert done[step] == 1.0
    partial = step_completion(workshop.load(PARTIAL))
    assert partial["konsep"] == 0.5
    assert 0 < partial["kebutuhan"] < 1
    assert 0 < partial["peta_mitra"] < 1
    assert partial["rencana"] == 0.0
    new = step_completion(workshop.load(NEW))
    assert new["peta_mitra"] == 0.0
    assert 0 < new["konsep"] < 1


def test_partial_and_new_groups(workshop):
    partial = workshop.load(PARTIAL)
    assessed = [n for n in partial.needs if n.availability is not None]
    assert len(assessed) * 2 == len(partial.needs)
    assert len(partial.exercises) == 5
    assert 4 <= len(partial.actors) <= 5
    assert not partial.plan.partnerships
    new = workshop.load(NEW)
    assert new.profile.name == "LKP Komputer Borneo Cerdas"
    assert new.profile.district == "Kabupaten Banjar"
    assert len(new.exercises) == 2
    assert not new.needs and not new.actors


def _without_stamps(value):
    if isinstance(value, dict):
        return {k: _without_stamps(v) for k, v in value.items() if k not in ("updated", "created")}
    if isinstance(value, list):
        return [_without_stamps(v) for v in value]
    return value


def test_building_twice_gives_the_same_files(workshop, tmp_path):
    other = create_sample(tmp_path / "again")
    for name in ("workshop.json", *(f"groups/{g}.json" for g in workshop.group_ids)):
        first = json.loads((workshop.path / name).read_text(encoding="utf-8"))
        second = json.loads((other.path / name).read_text(encoding="utf-8"))
        assert _without_stamps(first) == _without_stamps(second), name
        # byte for byte, only the top-level save stamps differ (nested stamps are fixed)
        stamp = re.compile(r'^ "(updated|created)": .*$', re.MULTILINE)
        first_bytes = stamp.sub("", (workshop.path / name).read_text(encoding="utf-8"))
        second_bytes = stamp.sub("", (other.path / name).read_text(encoding="utf-8"))
        assert first_bytes == second_bytes, name


def test_existing_workshop_is_refused(workshop):
    before = (workshop.path / "groups" / f"{COMPLETE}.json").read_bytes()
    with pytest.raises(WorkshopExistsError):
        create_sample(workshop.path)
    assert (workshop.path / "groups" / f"{COMPLETE}.json").read_bytes() == before


def test_every_file_validates(workshop):
    assert workshop.validate() == []
