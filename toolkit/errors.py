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
    "BundleError",
    "ExportError",
    "explain_validation",
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


class BundleError(KemitraanError, ValueError):
    """A group's bundle (zip from another computer) cannot be read or trusted.

    Raised by :func:`toolkit.bundle.read_bundle` when the file is not a zip, is
    damaged, holds unsafe paths or links, is too large unpacked, or does not match
    its ``manifest.json``; nothing is written then.
    """


class ExportError(KemitraanError):
    """A worksheet or report could not be made or written; no file was changed.

    Raised by :func:`toolkit.export.export_plan` and
    :func:`toolkit.export.report.export_progress` when a format cannot be built
    (the message names the format), the folder is missing or not writable, or the
    target is a folder where a file was meant.
    """


# Plain wording for pydantic's error types (message ids; see explain_validation).
_REASONS = {
    "missing": N_("this field is required"),
    "extra_forbidden": N_("unknown field (check its spelling)"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "string_type": N_("must be text"),
    "string_unicode": N_("must be valid text (UTF-8)"),
    "bool_type": N_("must be true or false"),
    "greater_than_equal": N_("must be {ge} or more"),
    "less_than_equal": N_("must be {le} or less"),
    "greater_than": N_("must be more than {gt}"),
    "less_than": N_("must be less than {lt}"),
    "string_too_long": N_("is too long (at most {max_length} characters)"),
    "string_too_short": N_("may not be empty"),
    "too_short": N_("may not be empty"),
    "literal_error": N_("must be one of: {expected}"),
    "date_type": N_("must be a date written as YYYY-MM-DD"),
    "date_parsing": N_("must be a date written as YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("must be a date written as YYYY-MM-DD"),
    "datetime_type": N_("must be a date and time (YYYY-MM-DDTHH:MM:SS)"),
    "datetime_parsing": N_("must be a date and time (YYYY-MM-DDTHH:MM:SS)"),
    "datetime_from_date_parsing": N_("must be a date and time (YYYY-MM-DDTHH:MM:SS)"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be a JSON object"),
    "model_type": N_("must be a JSON object"),
    "model_attributes_type": N_("must be a JSON object"),
    "finite_number": N_("must be a finite number"),
    "string_pattern_mismatch": N_("has characters that are not allowed"),
    "json_invalid": N_("is not valid JSON"),
}


def explain_validation(exc: object, limit: int = 3, *, locations: bool = True) -> str:
    """Say in plain words (current language) what a pydantic validation error found.

    Parameters
    ----------
    exc : pydantic.ValidationError
        The error.
    limit : int, default 3
        How many problems to name; the rest are counted.
    locations : bool, default True
        Start each problem with the field's path in the file (for file problems);
        False when the message is shown next to the field the person just edited.

    Returns
    -------
    str
        ``"field.path: reason; ..."``, e.g.
        ``"profile.learners_per_year: harus bilangan bulat"``.
    """
    parts = []
    errors = exc.errors()  # type: ignore[attr-defined]
    for err in errors[:limit]:
        where = ".".join(str(x) for x in err["loc"])
        template = _REASONS.get(err["type"])
        if template is None:
            reason = str(err["msg"]).removeprefix("Value error, ")
        else:
            ctx = {k: v for k, v in (err.get("ctx") or {}).items()}
            try:
                reason = translate(template).format(**ctx)
            except (KeyError, IndexError):
                reason = str(err["msg"])
        parts.append(f"{where}: {reason}" if where and locations else reason)
    if len(errors) > limit:
        parts.append(translate(N_("and {n} more")).format(n=len(errors) - limit))
    return "; ".join(parts)
