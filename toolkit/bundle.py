"""Offline collection: a group's work carried to the facilitator as one zip file.

Groups that work on their own laptops without a network make a *bundle* (a zip)
with :func:`make_bundle` and bring it on a USB stick; the facilitator reads it with
:func:`read_bundle` and brings it into the workshop with :func:`collect`.

Layout of a bundle (format ``kemitraan-bundle``, version 1)::

    manifest.json          what the bundle holds (BundleManifest)
    groups/<id>.json       the group's file, byte for byte as saved

The group file is carried and written unchanged, so its ``revision`` and
``updated`` time tell the facilitator's copy and the laptop's copy apart. The
exported worksheets (``exports/``) are not carried: they are made from the group
file at any time with ``kemitraan export``.

A bundle is trusted only after every check holds: a readable zip, no unsafe
member (absolute path, ``..``, backslash, drive letter, link, encryption), sizes
within :data:`MAX_MEMBER_SIZE` and :data:`MAX_TOTAL_SIZE` (declared and read), a
valid manifest that lists exactly the members, matching sizes and SHA-256, and a
group file that validates as :class:`toolkit.model.Group` with the manifest's id.

References
----------
PKWARE APPNOTE.TXT (ZIP file format); the "zip slip" path-traversal advisory
(Snyk, 2018).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, BinaryIO, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ._atomic import atomic_write_bytes
from .errors import (
    BundleError,
    CorruptFileError,
    KemitraanError,
    StaleRevisionError,
    explain_validation,
)
from .i18n import N_, translate
from .model import Group, GroupId, Name
from .storage import GROUPS_DIR, Workshop, parse_group

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "MAX_MEMBER_SIZE",
    "MAX_TOTAL_SIZE",
    "BundleFile",
    "BundleManifest",
    "WorkshopStamp",
    "Bundle",
    "VersionSummary",
    "CollectEntry",
    "CollectReport",
    "make_bundle",
    "read_bundle",
    "collect",
]

FORMAT_NAME = "kemitraan-bundle"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
#: Largest unpacked member accepted (bytes); a group file is far smaller.
MAX_MEMBER_SIZE = 50 * 1024 * 1024
#: Largest unpacked total accepted (bytes).
MAX_TOTAL_SIZE = 200 * 1024 * 1024
#: Most members a bundle may hold before it is refused unread.
MAX_MEMBERS = 100
_MAX_MANIFEST_SIZE = 1024 * 1024

Source = str | os.PathLike | BinaryIO
Outcome = Literal[
    "imported_new", "updated", "unchanged", "skipped_older", "kept_workshop", "conflict", "refused"
]
Choice = Literal["bundle", "workshop"]

_Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
_DRIVE = re.compile(r"^[A-Za-z]:")


# ------------------------------------------------------------------ the manifest
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BundleFile(_Strict):
    """One file of a bundle as listed in ``manifest.json``.

    Attributes
    ----------
    path : str
        Path inside the zip, ``/``-separated and relative (e.g. ``groups/a.json``).
    size : int
        Size in bytes (>= 0).
    sha256 : str
        SHA-256 of the content, 64 lowercase hex digits.
    """

    path: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    size: Annotated[int, Field(ge=0)]
    sha256: _Sha256


class WorkshopStamp(_Strict):
    """Which workshop a bundle was made in (title, first day, creation time)."""

    title: str
    date: dt.date | None = None
    created: dt.datetime | None = None


class BundleManifest(_Strict):
    """Content of a bundle's ``manifest.json``.

    Attributes
    ----------
    format : {"kemitraan-bundle"}
        Format name.
    format_version : {1}
        Format version; a newer one is refused with a request to update.
    toolkit_version : str
        Version of the toolkit that made the bundle.
    workshop : WorkshopStamp
        The workshop the bundle was made in.
    group_id : str
        The group's id (slug).
    group_name : str
        The group's display name.
    group_revision : int
        The group file's ``revision`` (>= 0).
    group_updated : datetime.datetime or None
        The group file's ``updated`` time (UTC), None when never saved.
    created_at : datetime.datetime
        When the bundle was made (UTC).
    files : list of BundleFile
        Every file in the zip except ``manifest.json``.
    """

    format: Literal["kemitraan-bundle"]
    format_version: Literal[1]
    toolkit_version: str
    workshop: WorkshopStamp
    group_id: GroupId
    group_name: Name
    group_revision: Annotated[int, Field(ge=0)]
    group_updated: dt.datetime | None
    created_at: dt.datetime
    files: Annotated[list[BundleFile], Field(min_length=1)]

    @property
    def group_file(self) -> str:
        """Path of the group file in the zip: ``groups/<id>.json``."""
        return f"{GROUPS_DIR}/{self.group_id}.json"


@dataclass(frozen=True)
class Bundle:
    """A bundle that passed every check of :func:`read_bundle`.

    Attributes
    ----------
    manifest : BundleManifest
        The manifest.
    group : Group
        The validated group.
    files : mapping of str to bytes
        Content of every listed file, by path in the zip.
    """

    manifest: BundleManifest
    group: Group
    files: Mapping[str, bytes]

    @property
    def group_bytes(self) -> bytes:
        """The group file exactly as saved on the group's computer."""
        return self.files[self.manifest.group_file]


# ----------------------------------------------------------------- making one
def _utc(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _manifest_bytes(manifest: BundleManifest) -> bytes:
    data = manifest.model_dump(mode="json")
    data["created_at"] = _utc(manifest.created_at)
    data["group_updated"] = _utc(manifest.group_updated)
    data["workshop"]["created"] = _utc(manifest.workshop.created)
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _read_group(ws: Workshop, group_id: str) -> tuple[Group, bytes]:
    """Read a group's file once; on any problem let :meth:`Workshop.load` explain it."""
    path = ws.group_path(group_id)
    ws.group_name(group_id)
    try:
        raw = path.read_bytes()
        group = parse_group(raw, path)
    except (OSError, CorruptFileError):
        ws.load(group_id)  # raises the toolkit's own message (with the backup hint)
        raise
    if group.id != group_id:
        ws.load(group_id)
    return group, raw


def _zip(manifest: bytes, files: Mapping[str, bytes], when: dt.datetime) -> bytes:
    stamp = when.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [(MANIFEST_NAME, manifest), *files.items()]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def make_bundle(workshop_path: Path | str, group_id: str, target: Source) -> BundleManifest:
    """Write one group's work as a bundle (zip) to carry to the facilitator.

    Parameters
    ----------
    workshop_path : path-like
        The workshop folder on the group's computer.
    group_id : str
        The group's id (slug).
    target : path-like or binary file object
        Where to write the zip. A path is written atomically (a temporary file
        renamed into place: never a half-written zip); an existing folder gets
        ``<group id>-r<revision>.zip`` inside it. A file object receives the bytes.

    Returns
    -------
    BundleManifest
        What was written into ``manifest.json``.

    Raises
    ------
    WorkshopNotFoundError
        If `workshop_path` holds no workshop.
    InvalidGroupIdError, GroupNotFoundError
        If `group_id` is not a safe id or not in the workshop.
    CorruptFileError, UnknownSchemaVersionError
        If the group's file cannot be read (the message offers its backup).
    OSError
        If the target cannot be written; an existing file there is left as it was.
    """
    from . import __version__

    ws = Workshop.open(workshop_path)
    group, raw = _read_group(ws, group_id)
    info = ws.info
    files = {f"{GROUPS_DIR}/{group_id}.json": raw}
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    manifest = BundleManifest(
        format=FORMAT_NAME,
        format_version=FORMAT_VERSION,
        toolkit_version=__version__,
        workshop=WorkshopStamp(title=info.title, date=info.date, created=info.created),
        group_id=group_id,
        group_name=ws.group_name(group_id),
        group_revision=group.revision,
        group_updated=group.updated,
        created_at=created,
        files=[
            BundleFile(path=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
            for name, data in files.items()
        ],
    )
    data = _zip(_manifest_bytes(manifest), files, created)
    if isinstance(target, str | os.PathLike):
        path = Path(target)
        if path.is_dir():
            path = path / f"{group_id}-r{group.revision}.zip"
        atomic_write_bytes(path, data)
    else:
        target.write(data)
    return manifest


# ---------------------------------------------------------------- reading one
def _label(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    name = getattr(source, "name", None)
    return Path(name).name if isinstance(name, str) else "<bundle>"


def _unsafe(name: str) -> bool:
    """Say whether a member name could write outside the folder it is unpacked in."""
    if not name or "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    if any(ord(ch) < 32 for ch in name):
        return True
    return any(part in ("", ".", "..") for part in name.split("/"))


def _check_members(label: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse unsafe, linked, encrypted, repeated or oversized members before reading."""
    if len(infos) > MAX_MEMBERS:
        raise BundleError(
            N_("Bundle {bundle} holds {count} files, far more than a bundle does; not opened."),
            bundle=label,
            count=len(infos),
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe(name):
            raise BundleError(
                N_(
                    "Bundle {bundle} holds an unsafe path {member!r} (absolute, with '..', "
                    "a backslash or a drive letter); nothing was taken from it."
                ),
                bundle=label,
                member=name,
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BundleError(
                N_(
                    "Bundle {bundle} holds a link ({member!r}) instead of a file; "
                    "nothing was taken from it."
                ),
                bundle=label,
                member=name,
            )
        if info.flag_bits & 0x1:
            raise BundleError(
                N_("Bundle {bundle} holds an encrypted file {member!r}; bundles are never locked."),
                bundle=label,
                member=name,
            )
        if name in seen:
            raise BundleError(
                N_("Bundle {bundle} holds {member!r} twice."), bundle=label, member=name
            )
        seen.add(name)
        _check_size(label, name, info.file_size)
        total += info.file_size
        if total > MAX_TOTAL_SIZE:
            raise BundleError(
                N_("Bundle {bundle} is too large once unpacked (more than {limit} bytes)."),
                bundle=label,
                limit=MAX_TOTAL_SIZE,
            )


def _check_size(label: str, name: str, size: int) -> None:
    if size > MAX_MEMBER_SIZE:
        raise BundleError(
            N_("Bundle {bundle}: {member} is too large ({size} bytes; at most {limit})."),
            bundle=label,
            member=name,
            size=size,
            limit=MAX_MEMBER_SIZE,
        )


def _read_member(zf: zipfile.ZipFile, label: str, name: str, limit: int) -> bytes:
    """Read one member, never more than `limit` + 1 bytes whatever its header says."""
    try:
        with zf.open(name) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise BundleError(
            N_("Bundle {bundle} is damaged: {member} cannot be read ({reason})."),
            bundle=label,
            member=name,
            reason=exc,
        ) from None
    _check_size(label, name, len(data))
    return data


def _parse_manifest(label: str, raw: bytes) -> BundleManifest:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(
            N_("Bundle {bundle}: manifest.json is not valid JSON ({detail})."),
            bundle=label,
            detail=exc,
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        found = data.get("format") if isinstance(data, dict) else None
        raise BundleError(
            N_("{bundle} is not a kemitraan bundle (manifest.json names the format {format!r})."),
            bundle=label,
            format=found,
        )
    version = data.get("format_version")
    if type(version) is int and version > FORMAT_VERSION:
        raise BundleError(
            N_(
                "Bundle {bundle} was made with a newer toolkit (bundle format {version}); "
                "update the toolkit to collect it."
            ),
            bundle=label,
            version=version,
        )
    try:
        return BundleManifest.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise BundleError(
            N_("Bundle {bundle}: manifest.json is invalid: {detail}."),
            bundle=label,
            detail=explain_validation(exc).rstrip("."),
        ) from None


def _check_listing(label: str, manifest: BundleManifest, members: list[str]) -> None:
    listed = [f.path for f in manifest.files]
    for path in listed:
        if listed.count(path) > 1:
            raise BundleError(
                N_("Bundle {bundle}: manifest.json lists {member} twice."),
                bundle=label,
                member=path,
            )
        if path not in members:
            raise BundleError(
                N_("Bundle {bundle}: manifest.json lists {member}, but the file is missing."),
                bundle=label,
                member=path,
            )
    for name in members:
        if name != MANIFEST_NAME and name not in listed:
            raise BundleError(
                N_("Bundle {bundle} holds {member}, which manifest.json does not list."),
                bundle=label,
                member=name,
            )
    if manifest.group_file not in listed:
        raise BundleError(
            N_("Bundle {bundle} does not hold the group file {member}."),
            bundle=label,
            member=manifest.group_file,
        )
    for path in listed:
        if path != manifest.group_file:
            raise BundleError(
                N_("Bundle {bundle} holds {member}, which a bundle of this format cannot hold."),
                bundle=label,
                member=path,
            )


def _read_files(zf: zipfile.ZipFile, label: str, manifest: BundleManifest) -> dict[str, bytes]:
    files, total = {}, 0
    for entry in manifest.files:
        data = _read_member(zf, label, entry.path, MAX_MEMBER_SIZE)
        total += len(data)
        if total > MAX_TOTAL_SIZE:
            raise BundleError(
                N_("Bundle {bundle} is too large once unpacked (more than {limit} bytes)."),
                bundle=label,
                limit=MAX_TOTAL_SIZE,
            )
        if len(data) != entry.size:
            raise BundleError(
                N_(
                    "Bundle {bundle}: {member} has {size} bytes, but manifest.json says "
                    "{expected}; the file was changed or damaged."
                ),
                bundle=label,
                member=entry.path,
                size=len(data),
                expected=entry.size,
            )
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise BundleError(
                N_(
                    "Bundle {bundle}: the checksum of {member} does not match manifest.json; "
                    "the file was changed or damaged."
                ),
                bundle=label,
                member=entry.path,
            )
        files[entry.path] = data
    return files


def _check_group(label: str, manifest: BundleManifest, raw: bytes) -> Group:
    name = manifest.group_file
    try:
        group = parse_group(raw, f"{label}:{name}")
    except CorruptFileError as exc:
        raise BundleError(
            N_("Bundle {bundle}: the group file is not valid. {problem}"),
            bundle=label,
            problem=exc,
        ) from None
    if group.id != manifest.group_id:
        raise BundleError(
            N_("Bundle {bundle}: {member} holds group {other!r}, but manifest.json says {id!r}."),
            bundle=label,
            member=name,
            other=group.id,
            id=manifest.group_id,
        )
    if group.revision != manifest.group_revision:
        raise BundleError(
            N_(
                "Bundle {bundle}: {member} is at revision {revision}, but manifest.json "
                "says {expected}."
            ),
            bundle=label,
            member=name,
            revision=group.revision,
            expected=manifest.group_revision,
        )
    return group


def read_bundle(source: Source) -> Bundle:
    """Open a bundle and check everything in it before trusting any of it.

    Parameters
    ----------
    source : path-like or binary file object
        The zip file (a file object must be seekable).

    Returns
    -------
    Bundle
        The manifest, the validated group and the files' content. Nothing is
        written anywhere.

    Raises
    ------
    BundleError
        With a message naming the bundle (and the member) when: the file cannot be
        read, is not a zip or is damaged; a member has an unsafe path (absolute,
        ``..``, backslash, drive letter), is a link, is encrypted or appears twice;
        a member is larger than :data:`MAX_MEMBER_SIZE` or all together larger than
        :data:`MAX_TOTAL_SIZE` unpacked (declared or actually read);
        ``manifest.json`` is missing, not JSON, of another or newer format, or
        invalid; a listed file is missing or a member is not listed; a size or
        SHA-256 differs; the group file is not a valid group, or its id or revision
        differs from the manifest.
    """
    label = _label(source)
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise BundleError(
            N_(
                "{bundle} is not a kemitraan bundle: it is not a zip file, "
                "or the zip file is damaged."
            ),
            bundle=label,
        ) from None
    except OSError as exc:
        raise BundleError(
            N_("Cannot read the bundle {bundle}: {reason}."),
            bundle=label,
            reason=exc.strerror or exc,
        ) from None
    with zf:
        infos = zf.infolist()
        _check_members(label, infos)
        members = [i.filename for i in infos]
        if MANIFEST_NAME not in members:
            raise BundleError(
                N_("Bundle {bundle} has no manifest.json; make it again with 'kemitraan bundle'."),
                bundle=label,
            )
        raw = _read_member(zf, label, MANIFEST_NAME, _MAX_MANIFEST_SIZE)
        manifest = _parse_manifest(label, raw)
        _check_listing(label, manifest, members)
        files = _read_files(zf, label, manifest)
    group = _check_group(label, manifest, files[manifest.group_file])
    return Bundle(manifest=manifest, group=group, files=files)


# ------------------------------------------------------------------ collecting
@dataclass(frozen=True)
class VersionSummary:
    """A few facts about one copy of a group, to compare two copies at a glance.

    Attributes
    ----------
    revision : int
        The copy's revision.
    updated : datetime.datetime or None
        When it was last saved (UTC).
    needs, actors, links, partnerships : int
        How many needs, map actors, links and planned partnerships it holds.
    """

    revision: int
    updated: dt.datetime | None
    needs: int
    actors: int
    links: int
    partnerships: int

    @classmethod
    def of(cls, group: Group) -> VersionSummary:
        """Summarise `group`."""
        return cls(
            revision=group.revision,
            updated=group.updated,
            needs=len(group.needs),
            actors=len(group.actors),
            links=len(group.links),
            partnerships=len(group.plan.partnerships),
        )

    def text(self, lang: str | None = None) -> str:
        """Describe the copy in one phrase in `lang` (default: the current language)."""
        if self.updated is None:
            saved = translate(N_("never saved"), lang)
        else:
            saved = self.updated.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        template = N_(
            "revision {revision}, saved {saved}; needs: {needs}, actors: {actors}, "
            "links: {links}, partnerships: {partnerships}"
        )
        return translate(template, lang).format(
            revision=self.revision,
            saved=saved,
            needs=self.needs,
            actors=self.actors,
            links=self.links,
            partnerships=self.partnerships,
        )


_MESSAGES: dict[str, str] = {
    "imported_new": N_("{source}: group {name} ({id}) was added to the workshop ({bundle})."),
    "updated": N_(
        "{source}: group {name} ({id}) was updated from revision {old} to revision {new}; "
        "the replaced copy is kept as a backup (kemitraan restore {path} --group {id} --force)."
    ),
    "updated_chosen": N_(
        "{source}: group {name} ({id}) was replaced with the bundle as chosen (revision "
        "{old} to {new}); the workshop's copy is kept as a backup (kemitraan restore {path} "
        "--group {id} --force)."
    ),
    "unchanged": N_("{source}: group {name} ({id}) is already up to date (revision {new})."),
    "skipped_older": N_(
        "{source}: older bundle, not imported: the workshop holds newer work of group "
        "{name} ({id}). Workshop: {workshop}. Bundle: {bundle}."
    ),
    "kept_workshop": N_(
        "{source}: group {name} ({id}) was kept as it is in the workshop, as chosen; "
        "the bundle was not imported."
    ),
    "conflict": N_(
        "{source}: conflict for group {name} ({id}): both copies were changed, so nothing "
        "was imported; choose which copy to keep. Workshop: {workshop}. Bundle: {bundle}."
    ),
    "changed_meanwhile": N_(
        "{source}: group {name} ({id}) was changed in the workshop while it was being "
        "collected, so nothing was imported; collect this bundle again."
    ),
    "refused": N_("{source}: refused, nothing was imported. {problem}"),
}


@dataclass(frozen=True)
class CollectEntry:
    """What happened to one bundle in :func:`collect`.

    Attributes
    ----------
    source : str
        The bundle's file name.
    outcome : str
        ``imported_new`` (a group the workshop did not have), ``updated`` (newer
        work replaced the workshop's copy, kept as backup), ``unchanged`` (same
        work), ``skipped_older`` (the workshop holds newer work), ``kept_workshop``
        (the facilitator chose the workshop's copy), ``conflict`` (both copies
        changed; nothing imported) or ``refused`` (the bundle failed a check).
    group_id, group_name : str or None
        The group (None when the bundle could not be read).
    bundle, workshop : VersionSummary or None
        The two copies compared (None when absent).
    error : KemitraanError or None
        Why the bundle was refused.
    reason : str
        Which message explains the outcome (a key of the module's messages).
    workshop_path : pathlib.Path or None
        The workshop, for the restore command in messages.
    other_workshop : str or None
        Title of the workshop the bundle was made in, when it is another one.
    """

    source: str
    outcome: Outcome
    group_id: str | None = None
    group_name: str | None = None
    bundle: VersionSummary | None = None
    workshop: VersionSummary | None = None
    error: KemitraanError | None = None
    reason: str = ""
    workshop_path: Path | None = None
    other_workshop: str | None = None

    @property
    def ok(self) -> bool:
        """False for a refused bundle or a conflict, which need the facilitator."""
        return self.outcome not in ("refused", "conflict")

    def text(self, lang: str | None = None) -> str:
        """Say what happened in one or two plain sentences in `lang`."""
        params = {
            "source": self.source,
            "name": self.group_name or "?",
            "id": self.group_id or "?",
            "path": self.workshop_path or "",
            "old": self.workshop.revision if self.workshop else 0,
            "new": self.bundle.revision if self.bundle else 0,
            "bundle": self.bundle.text(lang) if self.bundle else "",
            "workshop": self.workshop.text(lang) if self.workshop else "",
            "problem": self.error.text(lang) if self.error else "",
        }
        text = translate(_MESSAGES[self.reason or self.outcome], lang).format(**params)
        if self.other_workshop is not None:
            note = translate(N_("The bundle was made in another workshop: {title}."), lang)
            text += " " + note.format(title=self.other_workshop)
        return text


@dataclass
class CollectReport:
    """The result of :func:`collect`: one entry per bundle, in the order given.

    Attributes
    ----------
    entries : list of CollectEntry
        What happened to each bundle.
    unused_choices : list of str
        Group ids given in ``choose`` for which no bundle was collected.
    """

    entries: list[CollectEntry] = field(default_factory=list)
    unused_choices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no bundle was refused and no conflict is left."""
        return all(e.ok for e in self.entries)

    def count(self, outcome: str) -> int:
        """Return how many bundles had `outcome`."""
        return sum(e.outcome == outcome for e in self.entries)

    def lines(self, lang: str | None = None) -> list[str]:
        """Return one plain sentence per bundle (and per unused choice) in `lang`."""
        lines = [e.text(lang) for e in self.entries]
        for gid in self.unused_choices:
            unused = N_("No bundle of group {id!r} was collected, so the choice for it was unused.")
            lines.append(translate(unused, lang).format(id=gid))
        return lines

    def summary(self, lang: str | None = None) -> str:
        """Count the outcomes in one sentence in `lang`."""
        template = N_(
            "{total} bundles: {new} new groups, {updated} updated, {unchanged} already up "
            "to date, {older} older, {kept} kept as in the workshop, {conflicts} conflicts, "
            "{refused} refused."
        )
        return translate(template, lang).format(
            total=len(self.entries),
            new=self.count("imported_new"),
            updated=self.count("updated"),
            unchanged=self.count("unchanged"),
            older=self.count("skipped_older"),
            kept=self.count("kept_workshop"),
            conflicts=self.count("conflict"),
            refused=self.count("refused"),
        )


def _same_work(a: Group, b: Group) -> bool:
    skip = {"revision", "updated"}
    return a.model_dump(exclude=skip) == b.model_dump(exclude=skip)


def _compare(current: Group, incoming: Group) -> str:
    """Return "unchanged", "newer", "older" or "conflict" for the bundle's copy.

    Revision and save time must agree: a higher revision saved earlier (or a lower
    one saved later) means both copies were changed, which only a person can settle.
    """
    if _same_work(current, incoming):
        return "unchanged"
    rb, rw = incoming.revision, current.revision
    ub, uw = incoming.updated, current.updated
    both_times = ub is not None and uw is not None
    if rb > rw:
        return "conflict" if both_times and uw > ub else "newer"  # type: ignore[operator]
    if rb < rw:
        return "conflict" if both_times and ub > uw else "older"  # type: ignore[operator]
    return "conflict"


def _collect_one(ws: Workshop, source: Source, choose: Mapping[str, Choice]) -> CollectEntry:
    label = _label(source)
    try:
        bundle = read_bundle(source)
    except BundleError as exc:
        return CollectEntry(label, "refused", error=exc)
    m, incoming = bundle.manifest, bundle.group
    title = ws.info.title
    base = {
        "source": label,
        "group_id": m.group_id,
        "group_name": m.group_name,
        "bundle": VersionSummary.of(incoming),
        "workshop_path": ws.path,
        "other_workshop": m.workshop.title if m.workshop.title != title else None,
    }
    try:
        if m.group_id not in ws.group_ids:
            empty = ws.add_group(m.group_name, m.group_id)
            ws.put_group(bundle.group_bytes, expected=ws.load(empty.id))
            return CollectEntry(outcome="imported_new", **base)
        current = ws.load(m.group_id)
    except KemitraanError as exc:
        return CollectEntry(outcome="refused", error=exc, **base)
    base["workshop"] = VersionSummary.of(current)
    verdict, choice = _compare(current, incoming), choose.get(m.group_id)
    if verdict == "unchanged":
        return CollectEntry(outcome="unchanged", **base)
    if choice == "workshop":
        return CollectEntry(outcome="kept_workshop", **base)
    if verdict == "newer" or choice == "bundle":
        try:
            ws.put_group(bundle.group_bytes, expected=current)
        except StaleRevisionError:
            return CollectEntry(outcome="conflict", reason="changed_meanwhile", **base)
        except KemitraanError as exc:
            return CollectEntry(outcome="refused", error=exc, **base)
        reason = "updated" if verdict == "newer" else "updated_chosen"
        return CollectEntry(outcome="updated", reason=reason, **base)
    return CollectEntry(outcome="skipped_older" if verdict == "older" else "conflict", **base)


def collect(
    workshop_path: Path | str,
    sources: Iterable[Source],
    *,
    choose: Mapping[str, Choice] | None = None,
) -> CollectReport:
    """Bring groups' bundles into the facilitator's workshop without losing work.

    Each bundle is checked with :func:`read_bundle`, then compared with the
    workshop's copy of its group:

    - a group the workshop lacks is added (``imported_new``);
    - the same work (apart from revision and save time): ``unchanged``;
    - a higher revision saved no earlier than the workshop's copy replaces it
      (``updated``); the replaced copy is kept as ``groups/<id>.json.bak``, so
      ``kemitraan restore PATH --group ID --force`` puts it back;
    - a lower revision saved no later: ``skipped_older``, nothing changes;
    - otherwise both copies changed (same revision with other content, or revision
      and time disagree): ``conflict``, nothing changes until `choose` settles it.

    Bundles are taken in the order given, so of two bundles of one group the
    newer wins whatever their order. A refused bundle changes nothing.

    Parameters
    ----------
    workshop_path : path-like
        The facilitator's workshop folder.
    sources : iterable of path-like or binary file object
        The bundles.
    choose : mapping of str to {"bundle", "workshop"}, optional
        Decision per group id for conflicts and older bundles: ``"bundle"``
        imports the bundle's copy anyway (the workshop's copy goes to the backup),
        ``"workshop"`` keeps the workshop's copy (``kept_workshop``).

    Returns
    -------
    CollectReport
        One entry per bundle; :meth:`CollectReport.lines` says what happened.

    Raises
    ------
    WorkshopNotFoundError, CorruptFileError
        If the workshop itself cannot be opened; nothing is written.
    ValueError
        If `choose` holds a value other than "bundle" or "workshop".
    """
    choose = dict(choose or {})
    for gid, value in choose.items():
        if value not in ("bundle", "workshop"):
            raise ValueError(f"choose[{gid!r}] must be 'bundle' or 'workshop', not {value!r}")
    ws = Workshop.open(workshop_path)
    report = CollectReport()
    for source in sources:
        report.entries.append(_collect_one(ws, source, choose))
    seen = {e.group_id for e in report.entries}
    report.unused_choices = [gid for gid in choose if gid not in seen]
    return report
