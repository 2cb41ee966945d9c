"""Participants in a real JupyterLab (Debian chromium): their work survives reloads and restarts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import toolkit

sys.path.insert(0, str(Path(__file__).parent))
from browser import (  # noqa: E402
    CHROMIUM_MISSING,
    LabServer,
    chromium_page,
    copy_notebooks,
    open_notebook,
    outputs,
    run_all_cells,
    screenshot,
    wait_for_cells_done,
    wait_for_kernel_idle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM_MISSING, reason="Debian chromium (/usr/bin/chromium) is missing"),
]

COMPUTER = "LKP Komputer Borneo Cerdas"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("steps")
    copy_notebooks(root / "notebooks")
    toolkit.create_sample(root / "workshop")
    with LabServer(root / "notebooks", workshop=root / "workshop") as server:
        server.workshop_path = root / "workshop"
        yield server


def start(page, lab, notebook):
    open_notebook(page, lab, notebook)
    run_all_cells(page)
    wait_for_cells_done(page)
    picker = outputs(page).locator("select").first
    picker.wait_for(state="visible", timeout=60_000)
    return picker


def wait_saved(page, timeout=10_000):
    outputs(page).locator("text=tersimpan").first.wait_for(state="visible", timeout=timeout)


def restart_kernel(page):
    page.evaluate("() => { window.jupyterapp.commands.execute('kernel:restart'); }")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_timeout(1000)
    wait_for_kernel_idle(page)


def test_exercise_answer_survives_a_reload(lab):
    text = "Kemitraan adalah kerja sama yang saling menguntungkan (uji peramban)."
    with chromium_page() as page:
        picker = start(page, lab, "01_konsep_kemitraan.ipynb")
        picker.select_option(label=COMPUTER)
        areas = outputs(page).locator("textarea")
        areas.first.wait_for(state="visible")
        empty = [i for i in range(areas.count()) if areas.nth(i).input_value() == ""]
        target = areas.nth(empty[0])
        target.fill(text)
        wait_saved(page)
        screenshot(page, "01-answer-saved.png")
        gid = toolkit.model.slugify(COMPUTER)
        saved = toolkit.Workshop.open(lab.workshop_path).load(gid)
        assert text in [a.text for a in saved.exercises.values()]

        page.reload()
        start(page, lab, "01_konsep_kemitraan.ipynb")
        # the browser remembers the group: no need to pick it again
        areas = outputs(page).locator("textarea")
        areas.first.wait_for(state="visible")
        values = [areas.nth(i).input_value() for i in range(areas.count())]
        assert text in values
        assert outputs(page).locator("select").first.input_value() == COMPUTER
        screenshot(page, "01-answer-after-reload.png")
