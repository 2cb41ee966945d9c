"""Execute notebooks/*.ipynb on a fresh sample workshop and store them as tests/nbval/*.nbref.

The .nbref files are the reference outputs nbval compares against (``make nbref``).
Run it after changing a notebook or the sample, then review the diff.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import toolkit

REPO = Path(__file__).resolve().parent.parent


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KEMITRAAN_WORKSHOP"] = str(Path(tmp) / "workshop")
        toolkit.create_sample(Path(tmp) / "workshop")
        notebooks = [REPO / "notebooks" / n for n in names] or sorted(
            (REPO / "notebooks").glob("*.ipynb")
        )
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            NotebookClient(
                nb,
                timeout=300,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
            out = REPO / "tests" / "nbval" / (path.stem + ".nbref")
            nbformat.write(nb, out)
            print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
