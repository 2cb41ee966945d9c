"""Step 3 in a real JupyterLab (Debian chromium): a party added in the form reaches the map."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

import toolkit
from toolkit.i18n import gettext as _

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

BEAUTY = "LKP Tata Rias Intan"
NEW_ACTOR = "Hotel Uji Peramban"  # short: the coverage table shortens long names


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("map")
    copy_notebooks(root / "notebooks")
    toolkit.create_sample(root / "workshop")
    with LabServer(root / "notebooks", workshop=root / "workshop") as server:
        server.workshop_path = root / "workshop"
        yield server


def wait_until(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def tab(page, label):
    page.locator(".jp-OutputArea-output .lm-TabBar-tab", has_text=label).first.click()


def saved_names(lab):
    gid = toolkit.model.slugify(BEAUTY)
    return [a.name for a in toolkit.Workshop.open(lab.workshop_path).load(gid).actors]


SIGMA_NODES = """(want) => {
    for (const el of document.querySelectorAll('.jp-OutputArea-output *')) {
        const m = el.textContent.match(/^\\s*(Directed |Undirected )?Graph\\s*(\\d+)\\s*nodes/);
        if (m) { return want === null ? parseInt(m[2]) : parseInt(m[2]) === want; }
    }
    return want === null ? null : false;
}"""


def sigma_node_count(page, want=None):
    """The node count ipysigma itself shows in its info panel (wait for `want` if given)."""
    if want is None:
        return page.evaluate(SIGMA_NODES, None)
    page.wait_for_function(SIGMA_NODES, arg=want, timeout=30_000)
    return want


def test_added_party_grows_the_map_and_the_coverage_table(lab):
    with chromium_page(height=1000) as page:
        open_notebook(page, lab, "03_peta_mitra.ipynb")
        run_all_cells(page)
        wait_for_cells_done(page)
        picker = outputs(page).locator("select").first
        picker.wait_for(state="visible", timeout=60_000)
        picker.select_option(label=BEAUTY)
        tab(page, _("Map"))
        count = outputs(page).locator(".kemitraan-map-count [data-parties]")
        count.wait_for(state="visible", timeout=30_000)
        assert count.get_attribute("data-parties") == "4"
        assert sigma_node_count(page, 5) == 5  # the graph widget: 4 parties and the LKP
        page.wait_for_timeout(1500)  # let the graph and the picture draw
        screenshot(page, "03-map-before.png")

        tab(page, _("Parties"))
        outputs(page).get_by_placeholder(_("name of the institution or role")).fill(NEW_ACTOR)
        outputs(page).get_by_role("button", name=_("Add party")).click()
        outputs(page).locator(f"text={_('saved')}").first.wait_for(state="visible")
        assert wait_until(lambda: NEW_ACTOR in saved_names(lab))
        assert len(saved_names(lab)) == 5
        screenshot(page, "03-party-added.png")

        tab(page, _("Map"))
        outputs(page).locator(".kemitraan-map-count [data-parties='5']").wait_for(
            state="visible", timeout=30_000
        )
        assert outputs(page).locator(".kemitraan-map-count").inner_text().startswith("5 ")
        assert sigma_node_count(page, 6) == 6  # the graph widget grew by one node
        page.wait_for_timeout(1500)
        screenshot(page, "03-map-after.png")

        tab(page, _("Analysis"))
        table = outputs(page).locator("table.kemitraan-coverage")
        table.wait_for(state="visible", timeout=30_000)
        assert NEW_ACTOR in table.locator("tr").first.inner_text()
        page.wait_for_timeout(1000)
        screenshot(page, "03-analysis.png")
