"""Domain exceptions with plain messages in the participant's language.

Every exception raised on purpose by the toolkit derives from :class:`KemitraanError`.
Its text is produced from an English message id through the gettext catalogs, so
``str(error)`` is Indonesian by default and English after ``set_language("en")``;
:meth:`KemitraanError.text` gives either language on demand.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import N_, translate

__all__ = [
    "KemitraanError",
    "CatalogueError",
    "InvalidGroupIdError",
    "GroupNotFoundError",
    "DuplicateGroupError",
    "WorkshopNotFoundError",
    "WorkshopExistsError",
    "CorruptFileError",
    "UnknownSchemaVersionError",
    "StaleRevisionError",
    "LockTimeoutError",
    "ValidationProblem",
]


class KemitraanError(Exception):
    """Base class of the toolkit's own errors.

    Parameters
    ----------
    msgid : str
        English message id, translated through the gettext catalogs; may hold
        ``{name}`` fields filled from `params`.
    **params
        Values for the fields in `msgid`; kept as attributes of the exception.
    """

    msgid = N_("Something went wrong.")

    def __init__(self, msgid: str | None = None, **params: object) -> None:
        if msgid is not None:
            self.msgid = msgid
        self.params = params
        super().__init__(self.text())

    def text(self, lang: str | None = None) -> str:
        """Return the message in `lang` (``"id"``/``"en"``; default: current language)."""
        params = {k: (str(v) if isinstance(v, Path) else v) for k, v in self.params.items()}
        return translate(self.msgid, lang).format(**params)

    def __str__(self) -> str:
        return self.text()


class CatalogueError(KemitraanError):
    """A catalogue data file is broken: unknown or duplicate id, missing field, bad JSON."""


class InvalidGroupIdError(KemitraanError, ValueError):
    """A group id or name is empty, a path, or not a slug."""


class GroupNotFoundError(KemitraanError, KeyError):
    """The workshop has no group with this id."""


class DuplicateGroupError(KemitraanError, ValueError):
    """A group with this id already exists in the workshop."""


class WorkshopNotFoundError(KemitraanError, FileNotFoundError):
    """The folder holds no ``workshop.json``."""


class WorkshopExistsError(KemitraanError, FileExistsError):
    """A workshop already exists where a new one was to be created."""


class CorruptFileError(KemitraanError):
    """A data file cannot be read: truncated, hand-broken or invalid for the model.

    Attributes
    ----------
    path : pathlib.Path
        The broken file (left untouched).
    backup : pathlib.Path or None
        A backup copy that loads cleanly, if there is one.
    """

    def __init__(self, msgid: str | None = None, **params: object) -> None:
        self.path = params.get("path")
        self.backup = params.get("backup_path")
        super().__init__(msgid, **params)


class UnknownSchemaVersionError(CorruptFileError):
    """A data file was written by a newer (or unknown) version of the toolkit."""


class StaleRevisionError(KemitraanError):
    """A save was based on an older revision than the one on disk; nothing was written."""


class LockTimeoutError(KemitraanError, TimeoutError):
    """Another writer held the group's lock for too long; nothing was written."""


class ValidationProblem(KemitraanError, ValueError):
    """Input that the model refuses, with a plain explanation of what to fix."""
