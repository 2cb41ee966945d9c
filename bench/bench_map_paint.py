"""Real browser: time to first paint of a 5,000-node partner map vs a bare ipysigma view.

Issue 4 asks for the time to first paint of a 5,000-node graph in Chromium. Both sides
are measured in the same run, in the same JupyterLab and Debian chromium, with the
page's clock (``performance.now()``): from asking JupyterLab to run the cell until a
``canvas`` of the map in that cell's output has been drawn (width > 0 and one more
animation frame). The toolkit side is :func:`toolkit.widgets.partners._make_sigma`
(our layout, colours, sizes and legend); the baseline is ``ipysigma.Sigma`` of the same
networkx graph with its defaults. The map comes from ``bench_map.make_group`` scaled to
5,000 actors and 15,000 links (seed 7).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

import toolkit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser import LabServer, chromium_page, open_notebook  # noqa: E402

SETUP = f"""import sys
sys.path.insert(0, {str(REPO / "bench")!r})
import bench_map
bench_map.N_ACTORS, bench_map.N_LINKS = 5000, 15000
group = bench_map.make_group()
import ipywidgets as w
from ipysigma import Sigma
from toolkit.widgets.partners import _make_sigma, sigma_graph
plain = sigma_graph(group)
len(plain)"""
BARE = 'w.VBox([Sigma(plain, height=500)]).add_class("bench-bare")'
OURS = 'w.VBox([_make_sigma(group)]).add_class("bench-ours")'

RUN_SETUP = """() => {
  window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0;
  window.jupyterapp.commands.execute("notebook:run-cell");
}"""
RUN_AND_PAINT = """async ([index, cls]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  panel.content.activeCellIndex = index;
  const start = performance.now();
  window.jupyterapp.commands.execute("notebook:run-cell");
  return await new Promise((resolve, reject) => {
    const tick = () => {
      const canvas = document.querySelector("." + cls + " canvas");
      if (canvas && canvas.width > 0) {
        requestAnimationFrame(() => resolve(performance.now() - start));
      } else if (performance.now() - start > 300000) {
        reject(new Error("no map painted within 300 s"));
      } else {
        requestAnimationFrame(tick);
      }
    };
    tick();
  });
}"""


def main(shot: str | None = None) -> None:
    """Measure both first paints and print them; save a screenshot to `shot` if given."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "notebooks").mkdir()
        toolkit.create_sample(root / "workshop")
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c) for c in (SETUP, BARE, OURS)]
        nbformat.write(nb, root / "notebooks" / "paint.ipynb")
        with (
            LabServer(root / "notebooks", workshop=root / "workshop") as lab,
            chromium_page(width=1400, height=1000) as page,
        ):
            open_notebook(page, lab, "paint.ipynb")
            page.evaluate(RUN_SETUP)
            page.wait_for_function(
                "() => /\\[\\d+\\]/.test(document.querySelector('.jp-InputPrompt').textContent)",
                timeout=300_000,
            )
            bare = page.evaluate(RUN_AND_PAINT, [1, "bench-bare"])
            ours = page.evaluate(RUN_AND_PAINT, [2, "bench-ours"])
            if shot:
                page.wait_for_timeout(2000)
                page.locator(".bench-ours").screenshot(path=shot)
                print(f"screenshot of the toolkit's map: {shot}")
    print(f"first paint of a 5,000-node map: toolkit {ours / 1000:.2f} s")
    print(f"bare ipysigma on the same graph: {bare / 1000:.2f} s")
    print(f"ratio toolkit / bare ipysigma: {ours / bare:.2f}x (informative)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
