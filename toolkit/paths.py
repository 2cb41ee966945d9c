"""Where the current workshop lives on disk.

Notebooks and the ``kemitraan`` command find the workshop folder from the
``KEMITRAAN_WORKSHOP`` environment variable, else ``workshop/`` at the root of the
source checkout (git-ignored), else ``./workshop`` in the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "repo_root", "default_workshop_path"]

ENV_VAR = "KEMITRAAN_WORKSHOP"


def repo_root() -> Path | None:
    """Return the source checkout's root folder, or None for an installed package.

    Returns
    -------
    pathlib.Path or None
        The folder above ``toolkit/`` when it holds ``pyproject.toml``.
    """
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() else None


def default_workshop_path() -> Path:
    """Return the folder of the current workshop.

    Returns
    -------
    pathlib.Path
        ``$KEMITRAAN_WORKSHOP`` when set and not empty; otherwise ``<repo>/workshop``
        in a source checkout, or ``./workshop``. The folder may not exist yet.
    """
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    root = repo_root()
    return (root if root is not None else Path.cwd()) / "workshop"
