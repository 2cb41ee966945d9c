"""Crash-safe file writes: temp file in the same folder, fsync, then ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "fsync_dir"]

# The process's umask, read once at import (reading it means setting it briefly).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename survives a power cut (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_backup(path: Path, backup: Path) -> None:
    """Make `backup` a copy of the current `path` without ever leaving `path` missing."""
    tmp = backup.with_name(f".{backup.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(path, tmp)  # cheap: `path` is only ever replaced, never rewritten in place
    except OSError:
        shutil.copy2(path, tmp)
    os.replace(tmp, backup)


def atomic_write_bytes(path: Path | str, data: bytes, *, backup: Path | str | None = None) -> None:
    """Write `data` to `path` so that readers see either the old or the new file.

    Parameters
    ----------
    path : path-like
        Target file; its folder must exist.
    data : bytes
        The complete new content.
    backup : path-like, optional
        Where to keep the previous content (only when `path` already exists).

    Raises
    ------
    OSError
        If the disk refuses the write; `path` is then left as it was and the
        temporary file is removed.

    Notes
    -----
    The temporary file is created in the same folder (same file system), flushed
    and fsynced, then renamed over `path` with :func:`os.replace`, which is atomic
    on POSIX and Windows; the folder is fsynced afterwards.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if os.name == "posix":  # mkstemp makes 0600; give the usual rw-r--r-- (minus umask)
            os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup is not None and path.exists():
            _keep_backup(path, Path(backup))
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def atomic_write_text(path: Path | str, text: str, *, backup: Path | str | None = None) -> None:
    """Write `text` as UTF-8 with :func:`atomic_write_bytes` (same parameters and errors)."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
