"""Crash-safe file writes: temp file in the same folder, fsync, then ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_many", "atomic_write_text", "fsync_dir"]

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


def _named(exc: OSError, path: Path) -> OSError:
    """Return the same error naming `path` (not a temporary file) as the file that failed."""
    named = OSError(exc.errno, exc.strerror or str(exc), str(path))
    named.__cause__ = exc
    return named


def _link_or_copy(path: Path, copy: Path) -> None:
    """Make `copy` hold the current `path` (a hard link where the file system allows)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(copy)
    try:
        os.link(path, copy)
    except OSError:
        shutil.copy2(path, copy)


def _temp_file(path: Path, data: bytes) -> str:
    """Write `data` to a flushed temporary file next to `path`; return its name."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def atomic_write_many(files: list[tuple[Path | str, bytes]]) -> None:
    """Write several files that belong together: all new, or all as they were.

    Parameters
    ----------
    files : list of (path-like, bytes)
        Targets and their complete new content; their folders must exist.

    Raises
    ------
    OSError
        If a file cannot be written or renamed into place. The error's ``filename``
        is the target that failed (never a temporary name). Every target is then
        left as it was (a file renamed already is put back), and no temporary
        file is left.

    Notes
    -----
    Every file is first written to a temporary file in its folder and fsynced;
    only when all are written are they renamed into place one after the other
    with :func:`os.replace`, keeping a hard link (or copy) of each old file until
    the last rename has worked, so a failure can undo the earlier renames.
    """
    targets = [Path(p) for p, _d in files]
    temps: list[str] = []
    done: list[tuple[Path, Path | None]] = []
    try:
        for path, (_p, data) in zip(targets, files, strict=True):
            try:
                temps.append(_temp_file(path, data))
            except OSError as exc:
                raise _named(exc, path) from exc
        for path, tmp in zip(targets, temps, strict=True):
            backup = None
            try:
                if path.exists():
                    backup = path.with_name(f".{path.name}.{os.getpid()}.old")
                    _link_or_copy(path, backup)
                os.replace(tmp, path)
            except OSError as exc:
                if backup is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(backup)
                raise _named(exc, path) from exc
            done.append((path, backup))
    except BaseException:
        for path, backup in reversed(done):  # undo the renames made so far
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, path)
                else:
                    os.unlink(path)
        done.clear()
        raise
    finally:
        for tmp in temps:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        for _path, backup in done:
            if backup is not None:
                with contextlib.suppress(OSError):
                    os.unlink(backup)
    for folder in dict.fromkeys(p.parent for p in targets):
        fsync_dir(folder)
