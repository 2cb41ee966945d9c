"""Shared fixtures: every test works in a temporary folder, never the user's workshop."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

import toolkit
from toolkit import i18n

REPO = Path(__file__).resolve().parent.parent
_SESSION_DIR: Path | None = None


def pytest_configure(config):
    """Give the whole run (and the kernels nbval starts) a temporary sample workshop."""
    global _SESSION_DIR
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    _SESSION_DIR = Path(tempfile.mkdtemp(prefix="kemitraan-test-"))
    os.environ["KEMITRAAN_WORKSHOP"] = str(_SESSION_DIR / "workshop")
    toolkit.create_sample(_SESSION_DIR / "workshop")


def pytest_unconfigure(config):
    if _SESSION_DIR is not None:
        shutil.rmtree(_SESSION_DIR, ignore_errors=True)


def pytest_collect_file(file_path, parent):
    """Run the reference notebooks in tests/nbval/*.nbref under nbval (outputs compared).

    The participants' notebooks in notebooks/ are committed without outputs; their
    executed copies with the expected outputs live here (see tools/make_nbref.py), and
    tests/test_notebooks.py checks that both hold the same cells.
    """
    if file_path.suffix == ".nbref":
        from nbval.plugin import IPyNbFile

        return IPyNbFile.from_parent(parent, path=file_path)
    return None


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    """Point KEMITRAAN_WORKSHOP at a fresh temporary folder and reset the language."""
    monkeypatch.setenv("KEMITRAAN_WORKSHOP", str(tmp_path_factory.mktemp("default-ws") / "ws"))
    i18n.set_language("id")
    yield
    i18n.set_language("id")


@pytest.fixture
def ws(tmp_path):
    """A fresh workshop with two empty groups, ids 'alpha' and 'beta'."""
    return toolkit.Workshop.create(tmp_path / "ws", title="Uji", groups=["Alpha", "Beta"])
