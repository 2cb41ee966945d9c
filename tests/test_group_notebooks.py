"""Each group's own copy of the step notebooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

import toolkit
from toolkit.group_notebooks import STEP_NOTEBOOKS, group_notebook_dir, write_group_notebooks

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def setup(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in STEP_NOTEBOOKS:
        shutil.copy(REPO / "notebooks" / name, notebooks / name)
    return notebooks, toolkit.create_sample(tmp_path / "ws")


def _code(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def test_every_group_gets_the_five_steps_naming_its_group(setup):
    notebooks, ws = setup
    written = write_group_notebooks(notebooks, ws)
    assert len(written) == 3 * 5
    gid = "lkp-tata-rias-intan"
    folder = group_notebook_dir(notebooks, gid)
    assert sorted(p.name for p in folder.iterdir()) == sorted(STEP_NOTEBOOKS)
    assert "needs_app(group='lkp-tata-rias-intan')" in _code(folder / STEP_NOTEBOOKS[1])
    assert "monev_app(group='lkp-tata-rias-intan')" in _code(folder / STEP_NOTEBOOKS[4])
    first = nbformat.read(folder / STEP_NOTEBOOKS[0], as_version=4).cells[0].source
    assert first.endswith("**Kelompok / Group: LKP Tata Rias Intan**")


def test_up_to_date_copies_are_left_alone_and_changed_templates_rewritten(setup):
    notebooks, ws = setup
    write_group_notebooks(notebooks, ws)
    assert write_group_notebooks(notebooks, ws) == []
    template = notebooks / STEP_NOTEBOOKS[2]
    nb = nbformat.read(template, as_version=4)
    nb.cells[0].source += "\n\nTambahan."
    nbformat.write(nb, template)
    again = write_group_notebooks(notebooks, ws)
    assert sorted(p.name for p in again) == [STEP_NOTEBOOKS[2]] * 3


def test_a_new_group_gets_its_folder(setup):
    notebooks, ws = setup
    write_group_notebooks(notebooks, ws)
    ws.add_group("LKP Baru Sekali")
    again = write_group_notebooks(notebooks, ws)
    assert {p.parent.name for p in again} == {"lkp-baru-sekali"}


def test_group_copy_opens_its_group_with_the_picker_locked(setup):
    from toolkit.widgets import needs_app

    _notebooks, ws = setup
    frame = needs_app(ws, group="lkp-tata-rias-intan")
    try:
        assert frame.session is not None and frame.session.group_id == "lkp-tata-rias-intan"
        assert frame.picker.disabled
        frame.memory.group_id = "lkp-komputer-borneo-cerdas"  # what another browser remembered
        assert frame.session.group_id == "lkp-tata-rias-intan"
    finally:
        frame.close()
