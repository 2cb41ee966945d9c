"""Storage of the regional view: the facilitator's overrides and the merged map of a workshop.

The overrides (:class:`toolkit.analysis.regional.RegionalOverrides`) are saved as
``regional.json`` in the workshop folder, next to ``workshop.json``, the same way as a
group's file: a temporary file renamed into place (:mod:`toolkit._atomic`), the
previous copy kept as ``regional.json.bak``, a lock (``groups/.regional.json.lock``)
around every write, and a revision check so that two windows never overwrite each
other's corrections. :func:`regional_map` loads every group and the overrides and
returns the merged map.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ._atomic import atomic_write_text
from .analysis.regional import RegionalMap, RegionalOverrides, merge_maps
from .errors import (
    CorruptFileError,
    KemitraanError,
    LockTimeoutError,
    StaleRevisionError,
    UnknownSchemaVersionError,
)
from .i18n import N_
from .model import Group
from .storage import GROUPS_DIR, Workshop, _parse

__all__ = [
    "REGIONAL_FILE",
    "load_overrides",
    "save_overrides",
    "edit_overrides",
    "load_groups",
    "regional_map",
]

#: Name of the overrides file in the workshop folder.
REGIONAL_FILE = "regional.json"
_LOCK_TIMEOUT = 15.0


def _folder(workshop: Path | str | Workshop) -> Path:
    return workshop.path if isinstance(workshop, Workshop) else Path(workshop)


def _read(path: Path) -> RegionalOverrides:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return RegionalOverrides()
    except (IsADirectoryError, PermissionError) as exc:
        raise CorruptFileError(
            N_("File {path} cannot be read ({reason})."), path=path, reason=exc.strerror
        ) from None
    try:
        return _parse(path, RegionalOverrides, raw)
    except UnknownSchemaVersionError:
        raise
    except CorruptFileError as exc:
        raise CorruptFileError(
            N_(
                "{problem} To go back to the previous save of the regional corrections, copy "
                "{backup} over {path}; or delete {path} to start again without corrections."
            ),
            problem=exc,
            path=path,
            backup=path.with_name(path.name + ".bak"),
        ) from None


def load_overrides(workshop_path: Path | str | Workshop) -> RegionalOverrides:
    """Read the facilitator's regional overrides of a workshop.

    Parameters
    ----------
    workshop_path : path-like or toolkit.Workshop
        The workshop folder (or an opened workshop).

    Returns
    -------
    RegionalOverrides
        The saved overrides with their ``revision``; empty ones (revision 0) when the
        workshop has no ``regional.json`` yet.

    Raises
    ------
    CorruptFileError
        If ``regional.json`` is unreadable, broken or invalid (the message names the
        file and its backup); nothing is written.
    UnknownSchemaVersionError
        If the file was written with another ``schema_version``.
    """
    return _read(_folder(workshop_path) / REGIONAL_FILE)


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    (folder / GROUPS_DIR).mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / GROUPS_DIR / f".{REGIONAL_FILE}.lock")
    try:
        lock.acquire(timeout=_LOCK_TIMEOUT)
    except Timeout:
        raise LockTimeoutError(
            N_(
                "The regional corrections are busy: another window is saving them. "
                "Try again in a moment."
            )
        ) from None
    try:
        yield
    finally:
        lock.release()


def _write(folder: Path, overrides: RegionalOverrides) -> None:
    path = folder / REGIONAL_FILE
    updated = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = overrides.model_dump(mode="json") | {
        "revision": overrides.revision + 1,
        "updated": updated.isoformat().replace("+00:00", "Z"),
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    RegionalOverrides.model_validate_json(text, strict=True)
    atomic_write_text(path, text, backup=path.with_name(path.name + ".bak"))
    overrides.revision, overrides.updated = data["revision"], updated


def save_overrides(
    workshop_path: Path | str | Workshop, overrides: RegionalOverrides
) -> RegionalOverrides:
    """Save the regional overrides atomically, unless someone saved them in between.

    Parameters
    ----------
    workshop_path : path-like or toolkit.Workshop
        The workshop folder (it must exist).
    overrides : RegionalOverrides
        Overrides obtained from :func:`load_overrides` (or new ones, revision 0, when
        there is no file yet), possibly changed.

    Returns
    -------
    RegionalOverrides
        The same object, its ``revision`` increased by one and ``updated`` set.

    Raises
    ------
    StaleRevisionError
        If the file on disk has another revision than `overrides`; nothing is written.
    CorruptFileError
        If the file on disk is broken; nothing is written.
    LockTimeoutError
        If another writer holds the lock for more than 15 s.
    OSError
        If the folder does not exist or refuses the write (the old file stays).
    """
    folder = _folder(workshop_path)
    with _lock(folder):
        on_disk = _read(folder / REGIONAL_FILE).revision
        if on_disk != overrides.revision:
            raise StaleRevisionError(
                N_(
                    "The regional corrections were changed elsewhere (saved revision {disk}, "
                    "yours {mine}); nothing was overwritten. Reload them to see the newer ones."
                ),
                disk=on_disk,
                mine=overrides.revision,
            )
        _write(folder, overrides)
    return overrides


@contextlib.contextmanager
def edit_overrides(workshop_path: Path | str | Workshop) -> Iterator[RegionalOverrides]:
    """Lock the overrides, load them, let the caller change them, and save them on exit.

    Parameters
    ----------
    workshop_path : path-like or toolkit.Workshop
        The workshop folder.

    Yields
    ------
    RegionalOverrides
        The freshly loaded overrides; changes are saved when the block ends without
        an exception (an exception discards them).

    Raises
    ------
    CorruptFileError, LockTimeoutError
        As for :func:`save_overrides`; nothing is written.
    pydantic.ValidationError
        If a change breaks the model's rules (e.g. a malformed key).
    """
    folder = _folder(workshop_path)
    with _lock(folder):
        overrides = _read(folder / REGIONAL_FILE)
        yield overrides
        _write(folder, overrides)


def load_groups(ws: Workshop) -> tuple[list[Group], list[str]]:
    """Load every group of a workshop, skipping the files that cannot be read.

    Parameters
    ----------
    ws : toolkit.Workshop
        An opened workshop.

    Returns
    -------
    groups : list of toolkit.model.Group
        The groups that loaded, in display order.
    problems : list of str
        One plain message per group file that could not be read (``kemitraan
        validate`` says more).
    """
    groups, problems = [], []
    for gid in ws.group_ids:
        try:
            groups.append(ws.load(gid))
        except KemitraanError as exc:
            problems.append(str(exc))
    return groups, problems


def regional_map(workshop: Path | str | Workshop) -> RegionalMap:
    """Load a workshop's groups and overrides and merge the partner maps.

    Parameters
    ----------
    workshop : path-like or toolkit.Workshop
        The workshop folder or an opened workshop.

    Returns
    -------
    RegionalMap
        As :func:`toolkit.analysis.regional.merge_maps`; the messages of group files
        that could not be read come first in its ``notes``.

    Raises
    ------
    WorkshopNotFoundError, CorruptFileError
        If the workshop or ``regional.json`` cannot be read.
    """
    ws = workshop if isinstance(workshop, Workshop) else Workshop.open(workshop)
    groups, problems = load_groups(ws)
    result = merge_maps(groups, load_overrides(ws))
    result.notes[:0] = problems
    return result
