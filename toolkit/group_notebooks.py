"""Each group's own copy of the step notebooks, for groups joining one server on the network.

JupyterLab gives every open notebook file one kernel, shared by every browser that
opens that file, and ipywidgets shows the same forms to all of them. Two groups that
open ``02_identifikasi_kebutuhan.ipynb`` on the facilitator's laptop would therefore
share one set of forms: one group picking its name would switch the other's screen.
So every group gets its own folder, ``notebooks/kelompok/<group id>/``, holding a copy
of the step notebooks (01-05) whose app call names the group
(``needs_app(group="lkp-tata-rias-intan")``): its own kernels, its own forms, and no
group picker to get wrong.

A copy is written when it is missing or when the notebook it was made from changed
(its SHA-256 is kept in the copy's metadata); a copy that is up to date is left as it
is, so a tab that has it open is not disturbed. The copies hold no data of the group
(that lives in the workshop folder) and the folder is not in version control.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat

from ._atomic import atomic_write_text
from .storage import Workshop

__all__ = ["GROUP_DIR", "STEP_NOTEBOOKS", "group_notebook_dir", "write_group_notebooks"]

#: Folder (inside the notebooks folder) holding one folder per group.
GROUP_DIR = "kelompok"
#: The step notebooks every group gets, in workshop order.
STEP_NOTEBOOKS = (
    "01_konsep_kemitraan.ipynb",
    "02_identifikasi_kebutuhan.ipynb",
    "03_peta_mitra.ipynb",
    "04_rencana_kemitraan.ipynb",
    "05_monev.ipynb",
)
_APP_CALL = re.compile(r"\b(\w+_app)\(\)")


def group_notebook_dir(notebooks: Path | str, group_id: str) -> Path:
    """Return the folder of one group's notebooks (``<notebooks>/kelompok/<id>``)."""
    return Path(notebooks) / GROUP_DIR / group_id


def _group_copy(template: Path, text: str, group_id: str, name: str) -> str:
    """Return the copy of a template notebook for one group (as JSON text)."""
    nb = nbformat.reads(text, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = _APP_CALL.sub(lambda m: f"{m.group(1)}(group={group_id!r})", cell.source)
    if nb.cells and nb.cells[0].cell_type == "markdown":
        nb.cells[0].source += f"\n\n**Kelompok / Group: {name}**"
    nb.metadata["kemitraan"] = {
        "group": group_id,
        "template": template.name,
        "template_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    return nbformat.writes(nb)


def write_group_notebooks(notebooks: Path | str, workshop: Workshop | Path | str) -> list[Path]:
    """Write (or bring up to date) every group's copy of the step notebooks.

    Parameters
    ----------
    notebooks : path-like
        The notebooks folder holding the step notebooks (:data:`STEP_NOTEBOOKS`).
    workshop : toolkit.Workshop or path-like
        The workshop whose groups get a folder.

    Returns
    -------
    list of pathlib.Path
        The notebook files written now (empty when every copy was up to date).

    Raises
    ------
    FileNotFoundError
        If a step notebook is missing from `notebooks`.
    toolkit.KemitraanError
        If the workshop cannot be opened.
    OSError
        If a copy cannot be written (each copy is written atomically).
    """
    notebooks = Path(notebooks)
    ws = workshop if isinstance(workshop, Workshop) else Workshop.open(workshop)
    templates = [
        (notebooks / name, (notebooks / name).read_text("utf-8")) for name in STEP_NOTEBOOKS
    ]
    written = []
    for ref in ws.info.groups:
        folder = group_notebook_dir(notebooks, ref.id)
        for template, text in templates:
            target = folder / template.name
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if target.exists():
                try:
                    meta = nbformat.read(target, as_version=4).metadata.get("kemitraan", {})
                except Exception:  # noqa: BLE001 - a broken copy is simply made again
                    meta = {}
                if meta.get("template_sha256") == sha and meta.get("group") == ref.id:
                    continue
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(target, _group_copy(template, text, ref.id, ref.name))
            written.append(target)
    return written
