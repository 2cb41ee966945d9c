"""A full classroom at once: 30 group processes saving while the dashboard reads.

Each of 30 processes (from a fork server, or 'spawn' where there is none) makes 20 edits
through ``Workshop.edit`` on its own group of a 30-group workshop, while one more
process reads the whole workshop over and over as the facilitator's dashboard does
(:class:`toolkit.dashboard.DashboardReader`, plus ``Workshop.open`` + ``load`` of every
group and :func:`toolkit.progress.status_table`).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import time

import pytest

import toolkit
from toolkit.cli import main
from toolkit.dashboard import DashboardReader
from toolkit.model import Need
from toolkit.progress import status_table
from toolkit.storage import parse_group

N_GROUPS = 30
N_EDITS = 20


def _expected_ids(revision: int) -> list[str]:
    return [f"need-{i}" for i in range(1, revision + 1)]


def _editor(path, gid, ready, go) -> None:
    ws = toolkit.Workshop.open(path)
    ready.put(gid)
    go.wait(120)
    for i in range(1, N_EDITS + 1):
        with ws.edit(gid, timeout=60) as group:
            group.needs.append(Need(id=f"need-{i}", aspect="dana", label=f"{group.name} #{i}"))


def _dashboard(path, ready, stop, results) -> None:
    errors: list[str] = []
    last: dict[str, int] = {}
    passes = intermediate = 0
    reader = DashboardReader(path)  # the facilitator console's own reader (changed files only)
    while True:
        final = stop.is_set()
        try:
            board = reader.read()
            errors += [f"dashboard: {g.id}: {g.error}" for g in board.problems]
            if len(board.groups) != N_GROUPS:
                errors.append(f"dashboard shows {len(board.groups)} groups")
            if final:
                last_board = {g.id: g.revision for g in board.groups}
                if set(last_board.values()) != {N_EDITS}:
                    errors.append(f"dashboard's last read: {last_board}")
            ws = toolkit.Workshop.open(path)
            rows = []
            for gid in ws.group_ids:
                group = ws.load(gid)
                if [n.id for n in group.needs] != _expected_ids(group.revision):
                    errors.append(f"{gid}: revision {group.revision} holds the wrong needs")
                if group.revision < last.get(gid, 0):
                    errors.append(f"{gid}: revision went back to {group.revision}")
                last[gid] = group.revision
                intermediate += 0 < group.revision < N_EDITS
                rows.append((ws.group_name(gid), group))
            table = status_table(rows)
            if table.shape != (N_GROUPS, 5):
                errors.append(f"status table has shape {table.shape}")
        except Exception as exc:  # noqa: BLE001 - every failure is what we look for
            errors.append(repr(exc))
        passes += 1
        if passes == 1:
            ready.put("dashboard")
        if final:
            break
    results.put({"errors": errors, "passes": passes, "intermediate": intermediate, "last": last})


def _context() -> mp.context.BaseContext:
    """Fresh processes that share nothing with pytest's: a fork server where there is one.

    The fork server is a new interpreter (like 'spawn') that imports the toolkit once
    and forks every group process from itself, so 31 processes do not each spend a
    second of CPU importing pandas on a 2-core machine; elsewhere (Windows) 'spawn'.
    """
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(
        ["__main__", "pytest", "toolkit", "toolkit.progress", "toolkit.dashboard", __name__]
    )
    return ctx


@pytest.mark.slow
def test_thirty_groups_twenty_edits_each_while_the_dashboard_reads(tmp_path, capsys):
    names = [f"Kelompok {i:02d}" for i in range(1, N_GROUPS + 1)]
    ws = toolkit.Workshop.create(tmp_path / "kelas", title="Pelatihan Kemitraan", groups=names)
    ids = ws.group_ids
    assert len(ids) == N_GROUPS and ids[0] == "kelompok-01"
    ctx = _context()
    ready, results, go, stop = ctx.Queue(), ctx.Queue(), ctx.Event(), ctx.Event()
    started = time.monotonic()
    reader = ctx.Process(target=_dashboard, args=(ws.path, ready, stop, results))
    editors = [ctx.Process(target=_editor, args=(ws.path, g, ready, go)) for g in ids]
    reader.start()
    for p in editors:
        p.start()
    waiting = {"dashboard", *ids}
    while waiting:  # every process has imported the toolkit and opened the workshop
        waiting.discard(ready.get(timeout=120))
    go.set()
    edit_start = time.monotonic()
    for p in editors:
        p.join(120)
    editing = time.monotonic() - edit_start
    stop.set()
    try:
        seen = results.get(timeout=120)
    except queue.Empty:
        seen = None
    reader.join(60)
    total = time.monotonic() - started
    with capsys.disabled():
        passes = seen and seen["passes"]
        print(f"\n30x20 edits: {editing:.1f} s editing, {total:.1f} s in all, {passes} reads")

    assert [p.exitcode for p in editors] == [0] * N_GROUPS
    assert reader.exitcode == 0 and seen is not None
    assert seen["errors"] == []
    assert seen["passes"] >= 3 and seen["intermediate"] > 0  # it did read during the edits
    assert seen["last"] == dict.fromkeys(ids, N_EDITS)  # its final pass saw all the work
    for gid, name in zip(ids, names, strict=True):
        group = ws.load(gid)
        assert group.revision == N_EDITS
        assert [n.id for n in group.needs] == _expected_ids(N_EDITS)
        assert [n.label for n in group.needs] == [f"{name} #{i}" for i in range(1, 21)]
        backup = parse_group(ws.backup_path(gid).read_bytes(), ws.backup_path(gid))
        assert [n.id for n in backup.needs] == _expected_ids(N_EDITS - 1)  # the save before
    assert ws.info.revision == 0  # nobody touched workshop.json
    leftovers = [p.name for p in (ws.path / "groups").iterdir() if p.suffix == ".tmp"]
    assert leftovers == []
    assert ws.validate() == []
    capsys.readouterr()
    assert main(["validate", str(ws.path)]) == 0
    assert f"{N_GROUPS + 1} berkas" in capsys.readouterr().out
