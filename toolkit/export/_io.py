"""Write finished bytes to a path (atomically), to an open binary file, or several files at once."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from .._atomic import atomic_write_bytes, atomic_write_many
from ..errors import ExportError
from ..i18n import N_, gettext

Target = str | os.PathLike | BinaryIO

#: Plain reasons for the usual ways a disk refuses a write (message ids, by errno).
_REASONS = {
    errno.EACCES: N_("no permission to write there"),
    errno.EPERM: N_("no permission to write there"),
    errno.EROFS: N_("the folder is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk is full"),
}
_NO_FOLDER = N_(
    "The folder {folder} does not exist: create it first or choose another folder. "
    "No file was written."
)
_NOT_A_FOLDER = N_("{path} is a file, not a folder: choose a folder. No file was written.")
_IS_A_FOLDER = N_(
    "{path} is a folder: give a file name, or the folder itself. No file was written."
)
_CANNOT_WRITE = N_(
    "Could not write into the folder {folder} ({reason}). No file was written; the "
    "earlier files there are unchanged."
)


def write_target(target: Target, data: bytes) -> None:
    """Write `data` to a path with :func:`atomic_write_bytes`, or to a binary file object.

    Raises
    ------
    TypeError
        If `target` is neither a path nor an object with a ``write`` method.
    OSError
        If the disk refuses the write; a path is then left as it was.
    """
    if isinstance(target, str | os.PathLike):
        atomic_write_bytes(Path(target), data)
    elif hasattr(target, "write"):
        target.write(data)
    else:
        raise TypeError(f"cannot write to {type(target).__name__}; give a path or a binary file")


def os_reason(exc: OSError) -> str:
    """Say in plain words (current language) why the disk refused a write."""
    message = _REASONS.get(exc.errno) if exc.errno is not None else None
    return gettext(message) if message else (exc.strerror or str(exc))


def check_folder(folder: Path, *, create: bool = False) -> None:
    """Make sure `folder` can hold new files; create it (not its parents) when asked.

    Raises
    ------
    toolkit.errors.ExportError
        If `folder` is a file, or it (or, with `create`, its parent) does not exist,
        or it cannot be created.
    """
    if folder.is_dir():
        return
    if folder.exists():
        raise ExportError(_NOT_A_FOLDER, path=folder)
    if not create or not folder.parent.is_dir():
        raise ExportError(_NO_FOLDER, folder=folder if not create else folder.parent)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(_CANNOT_WRITE, folder=folder.parent, reason=os_reason(exc)) from None


def write_files(files: Mapping[Path, bytes]) -> None:
    """Write several files all or none: each to a temporary file first, then rename all.

    Parameters
    ----------
    files : mapping of pathlib.Path to bytes
        Target path and complete content; every target's folder must exist.

    Raises
    ------
    toolkit.errors.ExportError
        If a folder is missing, a target is a folder, or the disk refuses a write
        (the message names the folder and the reason in plain words). Nothing is
        changed then: the temporary files are removed and the old files stay.

    Notes
    -----
    Written by :func:`toolkit._atomic.atomic_write_many`: every temporary file is
    written and fsynced before the renames, and a failed rename puts the earlier
    files back, so readers see either all the old files or all the new ones.
    """
    for path in files:
        if path.is_dir():
            raise ExportError(_IS_A_FOLDER, path=path)
        check_folder(path.parent)
    try:
        atomic_write_many(list(files.items()))
    except OSError as exc:  # its filename is the target that failed
        folder = Path(exc.filename or next(iter(files), Path("."))).parent
        raise ExportError(_CANNOT_WRITE, folder=folder, reason=os_reason(exc)) from None
