"""The participants' notebooks: stripped, thin, and identical to their nbval references."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def _code(nb):
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:2] == ["00_fasilitator.ipynb", "00_mulai.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_thin(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown" and "Run All Cells" in nb.cells[0].source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
            assert len(cell.source.splitlines()) <= 6, "logic belongs in the toolkit package"
            # a collapsed cell shows its first line: no test markers for participants to read
            assert not cell.source.lstrip().startswith("# NBVAL"), "use nbval metadata tags"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_nbval_reference_has_the_same_cells(path):
    ref = REPO / "tests" / "nbval" / (path.stem + ".nbref")
    assert ref.exists(), "run 'make nbref'"
    nb, expected = nbformat.read(path, as_version=4), nbformat.read(ref, as_version=4)
    assert [c.source for c in nb.cells] == [c.source for c in expected.cells], "run 'make nbref'"
    assert all(c.outputs for c in expected.cells if c.cell_type == "code")
