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
    """Restart the notebook's kernel (what Kernel -> Restart does, without the dialog)."""
    before = page.evaluate(
        "async () => { const k = window.jupyterapp.shell.currentWidget.sessionContext"
        ".session.kernel; const id = k.id; await k.restart(); return id; }"
    )
    assert before
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


BEAUTY = "LKP Tata Rias Intan"
NEW_NEED = "Kerja sama pemasok kosmetik halal (uji peramban)"


def wait_until(predicate, timeout=15.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _saved_need(lab):
    gid = toolkit.model.slugify(BEAUTY)
    group = toolkit.Workshop.open(lab.workshop_path).load(gid)
    return next((n for n in group.needs if n.label == NEW_NEED), None), group


def tab(page, label, timeout=60_000):
    """Click the step's tab `label` (the step is built in the kernel after the group is known)."""
    page.locator(".jp-OutputArea-output .lm-TabBar-tab", has_text=label).first.click(
        timeout=timeout
    )


def test_new_lacking_need_survives_restart_and_ranks_first(lab):
    from toolkit.analysis import rank_needs

    with chromium_page() as page:
        picker = start(page, lab, "02_identifikasi_kebutuhan.ipynb")
        picker.select_option(label=BEAUTY)
        tab(page, "Inventaris kebutuhan")
        box = outputs(page).get_by_placeholder("komponen lain yang dibutuhkan program Anda").first
        box.fill(NEW_NEED)
        outputs(page).get_by_role("button", name="Tambah").first.click()
        row = outputs(page).locator(".widget-hbox", has_text=NEW_NEED).last
        row.wait_for(state="visible")
        selects = row.locator("select")
        selects.nth(0).select_option(label="belum ada")
        selects.nth(1).select_option(label="5")
        selects.nth(2).select_option(label="5")
        wait_saved(page)
        assert wait_until(lambda: (n := _saved_need(lab)[0]) is not None and n.urgency == 5)
        need, group = _saved_need(lab)
        assert (need.availability, need.importance, need.urgency) == ("belum_ada", 5, 5)
        assert rank_needs(group).iloc[0]["label"] == NEW_NEED
        screenshot(page, "02-need-added.png")

        restart_kernel(page)
        page.reload()
        start(page, lab, "02_identifikasi_kebutuhan.ipynb")  # group remembered by the browser
        tab(page, "Prioritas")
        table = outputs(page).locator("table").first
        table.wait_for(state="visible", timeout=30_000)
        first_row = table.locator("tr").nth(1)
        assert NEW_NEED in first_row.inner_text()
        page.wait_for_timeout(1500)  # let the chart image arrive
        screenshot(page, "02-priority-after-restart.png")


def shut_down_kernels(lab):
    """Stop every kernel of the server, so the next notebook starts afresh."""
    import json
    import urllib.request

    for session in json.load(urllib.request.urlopen(lab.lab_url("api/sessions"))):
        request = urllib.request.Request(
            lab.lab_url(f"api/sessions/{session['id']}"), method="DELETE"
        )
        urllib.request.urlopen(request).close()


def test_forms_left_after_a_kernel_restart_say_that_typing_is_not_saved(lab):
    shut_down_kernels(lab)
    with chromium_page() as page:
        picker = start(page, lab, "01_konsep_kemitraan.ipynb")
        picker.select_option(label=COMPUTER)
        outputs(page).locator("textarea").first.wait_for(state="visible")
        assert outputs(page).locator(".kemitraan-offline").count() == 0
        restart_kernel(page)  # the old forms stay on screen, but their kernel is gone
        banner = outputs(page).locator(".kemitraan-offline").first
        banner.wait_for(state="visible", timeout=30_000)
        assert "TIDAK tersimpan" in banner.inner_text()
        screenshot(page, "01-kernel-restarted-warning.png")
        run_all_cells(page)  # what the warning tells participants to do
        wait_for_cells_done(page)
        outputs(page).locator("textarea").first.wait_for(state="visible", timeout=60_000)
        page.wait_for_timeout(3000)
        assert outputs(page).locator(".kemitraan-offline").count() == 0
