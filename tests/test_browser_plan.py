"""Notebook 04 in a real JupyterLab: fill a stage, export, download the PDF, read the DOCX."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

import toolkit
from toolkit.catalogue import get_catalogue
from toolkit.i18n import translate

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
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM_MISSING, reason="Debian chromium (/usr/bin/chromium) is missing"),
]

TAILORING = "LKP Jahit Cempaka Mandiri"
ACTIVITY = "Rapat sosialisasi bersama mitra (uji peramban)"


def _(text):
    return translate(text, "id")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan")
    copy_notebooks(root / "notebooks")
    toolkit.create_sample(root / "workshop")
    with LabServer(root / "notebooks", workshop=root / "workshop") as server:
        server.workshop_path = root / "workshop"
        yield server


def test_fill_a_stage_and_export_the_worksheet(lab):
    from docx import Document

    ws = toolkit.Workshop.open(lab.workshop_path)
    gid = toolkit.model.slugify(TAILORING)
    group = ws.load(gid)
    partner = group.actor(group.plan.partnerships[0].actor_id).name
    with chromium_page(height=1000) as page:
        open_notebook(page, lab, "04_rencana_kemitraan.ipynb")
        run_all_cells(page)
        wait_for_cells_done(page)
        picker = outputs(page).locator("select").first
        picker.wait_for(state="visible", timeout=60_000)
        picker.select_option(label=TAILORING)
        stages_tab = _("Stages and activities")
        outputs(page).locator(".lm-TabBar-tab", has_text=stages_tab).first.click()
        outputs(page).get_by_placeholder(_("a new activity")).first.fill(ACTIVITY)
        outputs(page).get_by_role("button", name=_("Add activity")).first.click()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            names = [
                a.name
                for p in ws.load(gid).plan.partnerships
                for s in p.stages
                for a in s.activities
            ]
            if ACTIVITY in names:
                break
            time.sleep(0.2)
        assert ACTIVITY in names
        screenshot(page, "04-activity-added.png")

        outputs(page).get_by_role("button", name=_("Make the worksheet")).click()
        exports = lab.workshop_path / "exports"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(exports.glob("*-rencana.docx")):
            time.sleep(0.5)
        outputs(page).locator(f"text={_('Worksheet written:')}").first.wait_for(timeout=60_000)
        screenshot(page, "04-worksheet-written.png")
        # the workshop lies outside JupyterLab's root (notebooks/): the link must still
        # download the file itself, not open "Path Not Found"
        link = outputs(page).locator('a[download$="-rencana.pdf"]').first
        with page.expect_download(timeout=30_000) as info:
            link.click()
        download = info.value
        pdf = next(exports.glob("*-rencana.pdf"))
        assert download.suggested_filename == pdf.name
        assert Path(download.path()).read_bytes() == pdf.read_bytes()
        assert str(pdf) in outputs(page).locator("code", has_text=pdf.name).first.inner_text()
    docx_files = list(exports.glob("*-rencana.docx"))
    assert len(docx_files) == 1
    text = "\n".join(p.text for p in Document(docx_files[0]).paragraphs)
    tables = Document(docx_files[0]).tables
    cells = "\n".join(c.text for t in tables for r in t.rows for c in r.cells)
    assert partner in text + cells
    assert ACTIVITY in text + cells
    for clause in get_catalogue().clauses:
        assert clause.label.get("id") in text
