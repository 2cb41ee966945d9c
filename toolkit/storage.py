"""Crash-safe storage of a workshop: ``workshop.json`` plus one JSON file per group.

Layout of a workshop folder::

    workshop.json          the workshop (WorkshopInfo)
    groups/<id>.json       one group (Group)
    groups/<id>.json.bak   the previous good copy of that group
    groups/.<id>.lock      lock file for writers
    exports/               files exported for the groups

Every save writes a temporary file in the same folder, fsyncs it, keeps the
previous file as ``.bak`` and renames the new file into place with
:func:`os.replace`, so a crash or ``kill -9`` at any moment leaves either the
previous or the new revision. Writers take a per-group lock (:mod:`filelock`);
:meth:`Workshop.save` refuses a group whose revision is older than the file's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import BaseModel, ValidationError

from ._atomic import atomic_write_bytes, atomic_write_text
from .errors import (
    CorruptFileError,
    DuplicateGroupError,
    GroupNotFoundError,
    KemitraanError,
    LockTimeoutError,
    StaleRevisionError,
    UnknownSchemaVersionError,
    ValidationProblem,
    WorkshopExistsError,
    WorkshopNotFoundError,
    explain_validation,
)
from .i18n import N_, gettext
from .model import (
    SCHEMA_VERSION,
    Group,
    GroupRef,
    WorkshopInfo,
    check_group_id,
    check_group_name,
    slugify,
)

__all__ = ["Workshop", "Problem", "WORKSHOP_FILE", "GROUPS_DIR", "EXPORTS_DIR", "parse_group"]

WORKSHOP_FILE = "workshop.json"
# Lock name for workshop.json; group ids cannot contain ".", so it never clashes.
_WORKSHOP_LOCK = "workshop.json"
GROUPS_DIR = "groups"
EXPORTS_DIR = "exports"


@dataclass(frozen=True)
class Problem:
    """One problem found by :meth:`Workshop.validate`: the file and a plain message."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _free_name(path: Path, what: str) -> Path:
    """Return ``<path>.<what>-<UTC time>``, numbered so no existing file is reused."""
    stamp = _now().strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.{what}-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{what}-{stamp}-{n}")
    return candidate


def _refuse_constant(name: str) -> None:
    raise ValueError(gettext("{name} is not allowed in strict JSON").format(name=name))


def _dumps(model: BaseModel) -> str:
    data = model.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _parse(path: Path, model: type[BaseModel], raw: bytes) -> BaseModel:
    """Parse strict JSON and validate it strictly; raise CorruptFileError naming `path`.

    The fast path lets pydantic parse and validate in one step, in strict mode (no
    text where a number belongs, no float where a whole number belongs; no field
    accepts a float, so NaN and Infinity cannot pass). When it fails, the file is
    parsed again with :mod:`json` to say exactly what is wrong.
    """
    with contextlib.suppress(ValidationError):
        parsed = model.model_validate_json(raw, strict=True)
        if "schema_version" in parsed.model_fields_set:
            return parsed
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise CorruptFileError(
            N_("File {path} is damaged: it is not UTF-8 text."), path=path
        ) from None
    except json.JSONDecodeError as exc:
        where = gettext("line {line}, column {col}").format(line=exc.lineno, col=exc.colno)
        raise CorruptFileError(
            N_("File {path} is damaged (broken or cut-off JSON at {where}: {detail})."),
            path=path,
            where=where,
            detail=exc.msg,
        ) from None
    except ValueError as exc:  # NaN, Infinity
        raise CorruptFileError(
            N_("File {path} is damaged: {detail}."), path=path, detail=exc
        ) from None
    if not isinstance(data, dict):
        raise CorruptFileError(N_("File {path} is damaged: it holds no JSON object."), path=path)
    version = data.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise UnknownSchemaVersionError(
            N_(
                "File {path} has schema_version {version!r}, but this toolkit reads version "
                "{expected}. Update the toolkit, or open the file with the version that wrote it."
            ),
            path=path,
            version=version,
            expected=SCHEMA_VERSION,
        )
    try:
        return model.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        detail = explain_validation(exc).rstrip(".")
        raise CorruptFileError(
            N_("File {path} has invalid content: {detail}."), path=path, detail=detail
        ) from None


def parse_group(raw: bytes, path: Path | str) -> Group:
    """Parse and validate the bytes of a group file exactly as :meth:`Workshop.load` does.

    Parameters
    ----------
    raw : bytes
        Content of a ``groups/<id>.json`` file (UTF-8 JSON).
    path : path-like
        Name shown in messages (the file need not exist on disk).

    Returns
    -------
    Group
        The validated group.

    Raises
    ------
    CorruptFileError
        If `raw` is not UTF-8, not strict JSON, or breaks the model's rules.
    UnknownSchemaVersionError
        If its ``schema_version`` is not :data:`toolkit.model.SCHEMA_VERSION`.
    """
    return _parse(Path(path), Group, raw)  # type: ignore[return-value]


def _backup_hint(
    exc: CorruptFileError, path: Path, model: type[BaseModel], command: str
) -> CorruptFileError:
    """Return `exc` with a sentence that offers the backup of `path` (when it loads)."""
    backup = path.with_name(path.name + ".bak")
    try:
        good = _parse(backup, model, backup.read_bytes())
    except (OSError, KemitraanError):
        hint = N_("{problem} No good backup copy was found; nothing was changed.")
        return type(exc)(hint, problem=exc, path=exc.path)
    hint = N_(
        "{problem} A good backup copy (revision {revision}) is kept in {backup_path}; "
        "restore it with: {command}"
    )
    return type(exc)(
        hint,
        problem=exc,
        path=exc.path,
        backup_path=backup,
        revision=good.revision,
        command=command,
    )


class Workshop:
    """A workshop folder on disk: the facilitator's settings and every group's file.

    Use :meth:`create` or :meth:`open`; do not call the constructor directly.

    Parameters
    ----------
    path : pathlib.Path
        The workshop folder.
    info : WorkshopInfo
        The content of ``workshop.json``.

    Examples
    --------
    >>> import tempfile, toolkit
    >>> ws = toolkit.Workshop.create(tempfile.mkdtemp() + "/w", title="Uji", groups=["A", "B"])
    >>> ws.group_ids
    ['a', 'b']
    >>> with ws.edit("a") as group:
    ...     group.profile.name = "LKP Contoh"
    >>> ws.load("a").profile.name
    'LKP Contoh'
    """

    lock_timeout: float = 15.0

    def __init__(self, path: Path, info: WorkshopInfo) -> None:
        self.path = Path(path)
        self._info = info
        self._info_mtime = self._mtime(self.info_path)

    # ------------------------------------------------------------ constructors
    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        title: str,
        groups: Iterable[str] = (),
        language: str = "id",
        date: dt.date | None = None,
        venue: str = "",
        facilitator: str = "",
    ) -> Workshop:
        """Create a new workshop folder with one empty file per group.

        Parameters
        ----------
        path : path-like
            Folder to create (may exist if it holds no workshop yet).
        title : str
            Title of the training session (not empty).
        groups : iterable of str
            Display names of the groups; ids are made from them with
            :func:`toolkit.model.slugify` (``"LKP Jahit"`` -> ``"lkp-jahit"``).
        language : {"id", "en"}, default "id"
            Default UI language.
        date : datetime.date, optional
            First day of the workshop.
        venue, facilitator : str
            Where and by whom.

        Returns
        -------
        Workshop
            The opened workshop.

        Raises
        ------
        WorkshopExistsError
            If the folder already holds ``workshop.json`` (nothing is changed).
        InvalidGroupIdError
            If a group name is empty or looks like a path (e.g. ``"../x"``).
        DuplicateGroupError
            If two names give the same id.
        pydantic.ValidationError
            If `title` is empty or `language` unknown.
        """
        path = Path(path)
        names = [check_group_name(n) for n in groups]
        ids = [slugify(n) for n in names]
        for i, gid in enumerate(ids):
            if gid in ids[:i]:
                raise DuplicateGroupError(
                    N_("Two groups would get the same id {id!r}; give them different names."),
                    id=gid,
                )
        try:
            info = WorkshopInfo(
                title=title,
                date=date,
                venue=venue,
                facilitator=facilitator,
                language=language,
                groups=[GroupRef(id=g, name=n) for g, n in zip(ids, names, strict=True)],
                created=_now(),
            )
        except ValidationError as exc:
            raise ValidationProblem(
                N_("The workshop cannot be created: {detail}."),
                detail=explain_validation(exc).rstrip("."),
            ) from None
        if (path / WORKSHOP_FILE).exists():
            raise WorkshopExistsError(
                N_("A workshop already exists in {path}; open it instead of creating it."),
                path=path,
            )
        if any((path / GROUPS_DIR).glob("*.json")):
            raise WorkshopExistsError(
                N_(
                    "{path} still holds group files of an earlier workshop (in groups/); "
                    "choose an empty folder, or restore that workshop's workshop.json."
                ),
                path=path,
            )
        (path / GROUPS_DIR).mkdir(parents=True, exist_ok=True)
        (path / EXPORTS_DIR).mkdir(exist_ok=True)
        for ref in info.groups:
            group = Group(id=ref.id, name=ref.name)
            atomic_write_text(path / GROUPS_DIR / f"{ref.id}.json", _dumps(group))
        text = _dumps(info)
        atomic_write_text(path / (WORKSHOP_FILE + ".bak"), text)  # a first good copy
        atomic_write_text(path / WORKSHOP_FILE, text)
        return cls(path, info)

    @classmethod
    def open(cls, path: Path | str) -> Workshop:
        """Open an existing workshop folder.

        Parameters
        ----------
        path : path-like
            Folder holding ``workshop.json``.

        Returns
        -------
        Workshop

        Raises
        ------
        WorkshopNotFoundError
            If the folder holds no ``workshop.json``.
        CorruptFileError, UnknownSchemaVersionError
            If ``workshop.json`` cannot be read.
        """
        path = Path(path)
        info_path = path / WORKSHOP_FILE
        try:
            raw = info_path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            raise WorkshopNotFoundError(
                N_(
                    "No workshop in {path} (workshop.json is missing). Create one with "
                    "'kemitraan new' or 'kemitraan sample'."
                ),
                path=path,
            ) from None
        try:
            return cls(path, _parse(info_path, WorkshopInfo, raw))
        except CorruptFileError as exc:
            raise _backup_hint(exc, info_path, WorkshopInfo, f"kemitraan restore {path}") from None

    # -------------------------------------------------------------- the folder
    @property
    def info_path(self) -> Path:
        """Path of ``workshop.json``."""
        return self.path / WORKSHOP_FILE

    @property
    def exports_dir(self) -> Path:
        """Folder for exported files (created on first use)."""
        folder = self.path / EXPORTS_DIR
        folder.mkdir(exist_ok=True)
        return folder

    @staticmethod
    def _mtime(path: Path) -> int | None:
        try:
            return path.stat().st_mtime_ns
        except FileNotFoundError:
            return None

    @property
    def info(self) -> WorkshopInfo:
        """The workshop's settings, re-read when ``workshop.json`` changed on disk."""
        mtime = self._mtime(self.info_path)
        if mtime != self._info_mtime:
            self._info = _parse(self.info_path, WorkshopInfo, self.info_path.read_bytes())
            self._info_mtime = mtime
        return self._info

    @property
    def group_ids(self) -> list[str]:
        """Ids of the workshop's groups, in display order."""
        return [g.id for g in self.info.groups]

    def group_name(self, group_id: str) -> str:
        """Return the display name of a group; raises GroupNotFoundError when unknown."""
        for ref in self.info.groups:
            if ref.id == group_id:
                return ref.name
        raise GroupNotFoundError(N_("This workshop has no group {id!r}."), id=group_id)

    def group_path(self, group_id: str) -> Path:
        """Return the file of a group (``groups/<id>.json``) after checking the id.

        Raises
        ------
        InvalidGroupIdError
            If `group_id` is not a slug (e.g. ``"../x"``, ``"/etc"``, ``""``).
        """
        return self.path / GROUPS_DIR / f"{check_group_id(group_id)}.json"

    def backup_path(self, group_id: str) -> Path:
        """Return the path of a group's previous good copy (``groups/<id>.json.bak``)."""
        path = self.group_path(group_id)
        return path.with_name(path.name + ".bak")

    @contextlib.contextmanager
    def _lock(self, name: str, timeout: float | None = None) -> Iterator[None]:
        lock = FileLock(self.path / GROUPS_DIR / f".{name}.lock")
        try:
            lock.acquire(timeout=self.lock_timeout if timeout is None else timeout)
        except Timeout:
            raise LockTimeoutError(
                N_("Group {id!r} is busy: another window is saving it. Try again in a moment."),
                id=name,
            ) from None
        try:
            yield
        finally:
            lock.release()

    # ---------------------------------------------------------------- reading
    def load(self, group_id: str) -> Group:
        """Read one group's file.

        Parameters
        ----------
        group_id : str
            The group's id (slug).

        Returns
        -------
        Group
            The group as saved, with its current ``revision``.

        Raises
        ------
        InvalidGroupIdError
            If `group_id` is not a safe slug.
        GroupNotFoundError
            If the file does not exist.
        CorruptFileError
            If the file is truncated, hand-broken or invalid; the message names the
            file and offers the backup when one loads cleanly. Nothing is written.
        UnknownSchemaVersionError
            If the file was written with another ``schema_version``.
        """
        path = self.group_path(group_id)
        try:
            raw = path.read_bytes()
        except (IsADirectoryError, PermissionError) as exc:
            raise CorruptFileError(
                N_("File {path} cannot be read ({reason})."), path=path, reason=exc.strerror
            ) from None
        except FileNotFoundError:
            raise GroupNotFoundError(
                N_("The file of group {id!r} is missing: {path}."), id=group_id, path=path
            ) from None
        try:
            group = _parse(path, Group, raw)
        except CorruptFileError as exc:
            raise self._with_backup_hint(exc, group_id) from None
        if group.id != group_id:
            raise CorruptFileError(
                N_("File {path} holds group {other!r}, not {id!r}."),
                path=path,
                other=group.id,
                id=group_id,
            )
        return group

    def _with_backup_hint(self, exc: CorruptFileError, group_id: str) -> CorruptFileError:
        command = f"kemitraan restore {self.path} --group {group_id}"
        return _backup_hint(exc, self.group_path(group_id), Group, command)

    # ---------------------------------------------------------------- writing
    def _write(self, group: Group) -> None:
        # Check everything again (list edits bypass assignment checks), strictly as a
        # reader will, then write the next revision.
        revision, updated = group.revision + 1, _now()
        data = group.model_dump(mode="json") | {
            "revision": revision,
            "updated": updated.isoformat().replace("+00:00", "Z"),
        }
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
        Group.model_validate_json(text, strict=True)
        path = self.group_path(group.id)
        atomic_write_text(path, text, backup=self.backup_path(group.id))
        group.revision = revision
        group.updated = updated

    def save(self, group: Group) -> Group:
        """Save a group loaded earlier, unless someone saved it in between.

        Parameters
        ----------
        group : Group
            A group obtained from :meth:`load`, possibly changed.

        Returns
        -------
        Group
            The same object, its ``revision`` increased by one.

        Raises
        ------
        StaleRevisionError
            If the file on disk has another revision than `group` (someone else
            saved first); nothing is written.
        CorruptFileError
            If the file on disk is broken (restore it first); nothing is written.
        LockTimeoutError
            If another writer holds the lock for longer than :attr:`lock_timeout` s.
        pydantic.ValidationError
            If `group` breaks the model's rules.
        """
        with self._lock(group.id):
            on_disk = self.load(group.id).revision
            if on_disk != group.revision:
                raise StaleRevisionError(
                    N_(
                        "Group {id!r} was changed elsewhere (saved revision {disk}, yours "
                        "{mine}); nothing was overwritten. Reload to see the newer work."
                    ),
                    id=group.id,
                    disk=on_disk,
                    mine=group.revision,
                )
            self._write(group)
        return group

    @contextlib.contextmanager
    def edit(self, group_id: str, *, timeout: float | None = None) -> Iterator[Group]:
        """Lock a group, load it, let the caller change it, and save it on exit.

        Parameters
        ----------
        group_id : str
            The group's id.
        timeout : float, optional
            Seconds to wait for the lock (default :attr:`lock_timeout`).

        Yields
        ------
        Group
            The freshly loaded group; changes made in the ``with`` block are saved
            when it ends without an exception (an exception discards them).

        Raises
        ------
        LockTimeoutError, InvalidGroupIdError, GroupNotFoundError, CorruptFileError
            As for :meth:`load`; nothing is written.
        pydantic.ValidationError
            If the changes break the model's rules; nothing is written.
        """
        check_group_id(group_id)
        with self._lock(group_id, timeout):
            group = self.load(group_id)
            yield group
            self._write(group)

    def add_group(self, name: str, group_id: str | None = None) -> Group:
        """Add a group to the workshop and create its file.

        Parameters
        ----------
        name : str
            Display name.
        group_id : str, optional
            Id to use; made from `name` when omitted.

        Returns
        -------
        Group
            The new, empty group.

        Raises
        ------
        InvalidGroupIdError
            If the name or id is not acceptable.
        DuplicateGroupError
            If the id is taken.
        """
        name = check_group_name(name)
        gid = check_group_id(group_id) if group_id else slugify(name)
        with self._lock(_WORKSHOP_LOCK):
            info = _parse(self.info_path, WorkshopInfo, self.info_path.read_bytes())
            if gid in {g.id for g in info.groups} or self.group_path(gid).exists():
                raise DuplicateGroupError(N_("A group with id {id!r} exists already."), id=gid)
            group = Group(id=gid, name=name)
            atomic_write_text(self.group_path(gid), _dumps(group))
            info.groups.append(GroupRef(id=gid, name=name))
            info.revision += 1
            atomic_write_text(
                self.info_path, _dumps(info), backup=self.info_path.with_suffix(".json.bak")
            )
        return group

    def put_group(self, raw: bytes, *, expected: Group) -> Group:
        """Write a group file made elsewhere as it is, keeping its revision and time.

        Used to collect a group's work from another computer (:mod:`toolkit.bundle`):
        the bytes are written unchanged, so the next copy from that computer can be
        compared by revision. Under the group's lock, the file on disk must still be
        `expected`; the current file is kept as ``groups/<id>.json.bak``, so
        ``kemitraan restore PATH --group ID --force`` puts it back.

        Parameters
        ----------
        raw : bytes
            Content of a group file for a group listed in this workshop.
        expected : Group
            The group as loaded when the caller decided to replace it.

        Returns
        -------
        Group
            The group written.

        Raises
        ------
        CorruptFileError, UnknownSchemaVersionError
            If `raw` is not a valid group file or holds another group than
            `expected`; nothing is written.
        GroupNotFoundError
            If the workshop does not list the group.
        StaleRevisionError
            If the file on disk changed since `expected` was loaded; nothing is written.
        LockTimeoutError
            If another writer holds the lock for longer than :attr:`lock_timeout` s.
        """
        label = f"{GROUPS_DIR}/{expected.id}.json"
        group = parse_group(raw, label)
        if group.id != expected.id:
            raise CorruptFileError(
                N_("File {path} holds group {other!r}, not {id!r}."),
                path=label,
                other=group.id,
                id=expected.id,
            )
        self.group_name(group.id)
        with self._lock(group.id):
            current = self.load(group.id)
            if current != expected:
                raise StaleRevisionError(
                    N_(
                        "Group {id!r} was changed elsewhere (saved revision {disk}, yours "
                        "{mine}); nothing was overwritten. Reload to see the newer work."
                    ),
                    id=group.id,
                    disk=current.revision,
                    mine=expected.revision,
                )
            atomic_write_bytes(self.group_path(group.id), raw, backup=self.backup_path(group.id))
        return group

    def restore_backup(self, group_id: str | None = None, *, force: bool = False) -> Path:
        """Put a backup copy back in place, keeping the replaced file aside.

        Parameters
        ----------
        group_id : str, optional
            The group's id; None restores ``workshop.json`` from ``workshop.json.bak``.
        force : bool, default False
            Replace the current file even when it loads cleanly (that file holds
            newer work than the backup; it is kept aside, not deleted).

        Returns
        -------
        pathlib.Path
            Where the replaced file was kept: ``<file>.broken-<UTC time>`` for a file
            that did not load, ``<file>.replaced-<UTC time>`` otherwise (a number is
            added when that name exists; nothing is ever overwritten).

        Raises
        ------
        GroupNotFoundError
            If the workshop has neither a file nor a backup for `group_id`.
        CorruptFileError
            If the backup is missing or broken itself; nothing is changed.
        KemitraanError
            If the current file loads cleanly and `force` is False; nothing is changed.
        """
        if group_id is None:
            path, model, lock = self.info_path, WorkshopInfo, _WORKSHOP_LOCK
        else:
            path, model, lock = self.group_path(group_id), Group, group_id
        backup = path.with_name(path.name + ".bak")
        if group_id is not None and not path.exists() and not backup.exists():
            raise GroupNotFoundError(N_("This workshop has no group {id!r}."), id=group_id)
        with self._lock(lock):
            try:
                good = _parse(backup, model, backup.read_bytes())
            except FileNotFoundError:
                raise CorruptFileError(N_("There is no backup copy {path}."), path=backup) from None
            healthy = self._loads(path, model)
            if healthy is not None and not force:
                raise KemitraanError(
                    N_(
                        "{path} loads fine (revision {revision}), so nothing was restored. "
                        "The backup is the older revision {old}; to put it back anyway, "
                        "add --force (the current file is kept aside)."
                    ),
                    path=path,
                    revision=healthy.revision,
                    old=good.revision,
                )
            kept = _free_name(path, "replaced" if healthy is not None else "broken")
            if path.exists():
                shutil.copy2(path, kept)
            atomic_write_bytes(path, backup.read_bytes())
        return kept

    @classmethod
    def restore_workshop_file(cls, path: Path | str, *, force: bool = False) -> Path:
        """Put ``workshop.json.bak`` back as ``workshop.json`` (which may not load).

        Parameters
        ----------
        path : path-like
            The workshop folder.
        force : bool, default False
            As for :meth:`restore_backup`.

        Returns
        -------
        pathlib.Path
            Where the replaced ``workshop.json`` was kept.

        Raises
        ------
        CorruptFileError, KemitraanError
            As for :meth:`restore_backup`; nothing is changed.
        """
        ws = cls.__new__(cls)
        ws.path = Path(path)
        return ws.restore_backup(None, force=force)

    @staticmethod
    def _loads(path: Path, model: type[BaseModel]) -> BaseModel | None:
        try:
            return _parse(path, model, path.read_bytes())
        except (OSError, KemitraanError):
            return None

    # ------------------------------------------------------------- validation
    def validate(self) -> list[Problem]:
        """Check every file of the workshop without changing anything.

        Returns
        -------
        list of Problem
            One entry per problem (empty when all is well): an unreadable
            ``workshop.json``, a missing, broken or invalid group file, or a group
            file that ``workshop.json`` does not list.
        """
        problems: list[Problem] = []
        try:
            info = _parse(self.info_path, WorkshopInfo, self.info_path.read_bytes())
        except KemitraanError as exc:
            return [Problem(self.info_path, str(exc))]
        except OSError as exc:
            return [Problem(self.info_path, str(exc))]
        listed = set()
        for ref in info.groups:
            listed.add(ref.id)
            try:
                self.load(ref.id)
            except KemitraanError as exc:
                problems.append(Problem(self.group_path(ref.id), str(exc)))
        for file in sorted((self.path / GROUPS_DIR).glob("*.json")):
            if file.stem not in listed:
                problems.append(
                    Problem(file, gettext("this group file is not listed in workshop.json"))
                )
        return problems
