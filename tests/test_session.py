from __future__ import annotations

import pytest
from support import ManualTimer  # noqa: E402

import toolkit
from toolkit.model import Need
from toolkit.session import GroupSession


def set_name(value):
    def mutate(g):
        g.profile.name = value

    return mutate


def test_immediate_change_is_saved_and_reported(ws):
    events = []
    s = GroupSession(ws, "alpha")
    s.listeners.append(events.append)
    assert s.change("profile.name", set_name("LKP Alpha")) is None
    assert ws.load("alpha").profile.name == "LKP Alpha"
    assert [e.ok for e in events] == [True] and events[0].message == "tersimpan"
    assert events[0].revision == 1 and not s.dirty


def test_typing_is_debounced_and_last_value_wins(ws):
    timer = ManualTimer()
    s = GroupSession(ws, "alpha", delay=0.4, timer=timer)
    for text in ["L", "LK", "LKP"]:
        assert s.change("profile.name", set_name(text), immediate=False) is None
    assert s.group.profile.name == "LKP" and s.dirty
    assert ws.load("alpha").revision == 0  # nothing written yet
    assert sum(not c["cancelled"] for c in timer.calls) == 1 and timer.calls[0]["delay"] == 0.4
    timer.fire()
    saved = ws.load("alpha")
    assert (saved.profile.name, saved.revision) == ("LKP", 1)


def test_invalid_edit_is_refused_with_a_message(ws):
    s = GroupSession(ws, "alpha")

    def bad(g):
        g.profile.learners_per_year = -5

    events = []
    s.listeners.append(events.append)
    message = s.change("profile.learners", bad)
    assert message == "harus 0 atau lebih"  # shown next to the field: no code names
    assert [(e.ok, e.message) for e in events] == [(False, "Belum tersimpan: harus 0 atau lebih")]
    assert s.group.profile.learners_per_year is None
    assert ws.load("alpha").revision == 0


def test_failed_save_keeps_the_edit_and_retries(ws, monkeypatch):
    events = []
    s = GroupSession(ws, "alpha")
    s.listeners.append(events.append)
    real_edit = ws.edit

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ws, "edit", broken)
    s.change("profile.name", set_name("tetap ada"))
    assert not events[-1].ok and "No space left" in events[-1].message
    assert s.dirty and s.group.profile.name == "tetap ada"
    monkeypatch.setattr(ws, "edit", real_edit)
    assert s.flush() is True
    assert ws.load("alpha").profile.name == "tetap ada"


def test_two_windows_editing_different_fields_keep_both(ws):
    a, b = GroupSession(ws, "alpha"), GroupSession(ws, "alpha")
    a.change("profile.name", set_name("dari A"))

    def set_district(g):
        g.profile.district = "Kota Banjarbaru"

    b.change("profile.district", set_district)
    saved = ws.load("alpha")
    assert (saved.profile.name, saved.profile.district) == ("dari A", "Kota Banjarbaru")
    assert b.group.profile.name == "dari A"  # b now shows what a saved


def test_edit_of_an_item_removed_elsewhere_is_skipped(ws):
    with ws.edit("alpha") as g:
        g.needs.append(Need(id="need-1", aspect="dana", label="Modal"))
    a, b = GroupSession(ws, "alpha"), GroupSession(ws, "alpha")

    def remove(g):
        g.needs[:] = [n for n in g.needs if n.id != "need-1"]

    def rate(g):
        g.need("need-1").importance = 5

    a.change("needs.remove", remove)
    message = b.change("need-1.importance", rate)
    assert "dihapus di jendela lain" in message
    saved = ws.load("alpha")
    assert saved.needs == [] and saved.revision == 2  # the refused edit wrote nothing


def test_reload_reads_the_file(ws):
    s = GroupSession(ws, "alpha")
    with ws.edit("alpha") as g:
        g.profile.name = "dari luar"
    assert s.reload().profile.name == "dari luar"


def test_unknown_group_raises_toolkit_error(ws):
    with pytest.raises(toolkit.GroupNotFoundError):
        GroupSession(ws, "gamma")
