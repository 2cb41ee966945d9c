"""Build the plan worksheet's formats in memory and write them together, all or none."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import ExportError
from ..i18n import N_
from ..model import Group
from ._content import Content
from ._io import check_folder, write_files
from ._text import safe_filename
from .docx import build_plan_docx
from .html import build_plan_html
from .pdf import build_plan_pdf
from .xlsx import build_plan_xlsx

__all__ = ["build_plan_files", "export_plan"]


def _saved(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


#: Builder of each format's bytes, by file extension.
_BYTES = {
    "xlsx": lambda group, lang: _saved(build_plan_xlsx(group, lang=lang)),
    "docx": lambda group, lang: _saved(build_plan_docx(group, lang=lang)),
    "html": lambda group, lang: build_plan_html(group, lang=lang).encode("utf-8"),
    "pdf": lambda group, lang: build_plan_pdf(group, lang=lang),
}
_BUILD_FAILED = N_(
    "The {format} file could not be made: {reason}. No file was written; the earlier "
    "files are unchanged."
)


def build_plan_files(
    group: Group,
    formats: tuple[str, ...] = ("xlsx", "docx", "html", "pdf"),
    *,
    lang: str | None = None,
) -> dict[str, bytes]:
    """Build the plan worksheet in several formats in memory, writing nothing.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    formats : tuple of str, default ("xlsx", "docx", "html", "pdf")
        Extensions to build, from :data:`toolkit.export.FORMATS`.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Returns
    -------
    dict of str to bytes
        The complete file of each format, by extension, in the order of `formats`.

    Raises
    ------
    ValueError
        If a format or `lang` is unknown.
    toolkit.errors.ExportError
        If a format cannot be built; the message names the format and the reason.
    """
    unknown = [f for f in formats if f not in _BYTES]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(_BYTES)}")
    Content(group, lang=lang)  # an unknown language is the caller's mistake (ValueError)
    files = {}
    for ext in formats:
        try:
            files[ext] = _BYTES[ext](group, lang)
        except Exception as exc:  # noqa: BLE001 - any library failure, told in plain words
            reason = str(exc) or type(exc).__name__
            raise ExportError(_BUILD_FAILED, format=ext.upper(), reason=reason) from exc
    return files


def export_plan(
    group: Group,
    folder: Path | str,
    formats: tuple[str, ...] = ("xlsx", "docx", "html", "pdf"),
    *,
    lang: str | None = None,
) -> list[Path]:
    """Write the plan worksheet in several formats as ``<name>-rencana.<ext>``, all or none.

    Parameters
    ----------
    group : toolkit.model.Group
        The group whose plan is exported.
    folder : path-like
        Folder for the files (created when missing and its parent exists, e.g. the
        workshop's ``exports/``). With one format, a path ending in that format's
        extension that is not a folder is the file itself (``kemitraan export --out``).
    formats : tuple of str, default ("xlsx", "docx", "html", "pdf")
        Extensions to write, from :data:`toolkit.export.FORMATS`.
    lang : {"id", "en"}, optional
        Language; the current language when omitted.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of `formats`; the name is the group's display
        name made safe with :func:`toolkit.export.safe_filename`.

    Raises
    ------
    ValueError
        If a format is unknown (nothing is written then).
    toolkit.errors.ExportError
        If a format cannot be built (the message names it), the folder (or a file's
        folder) does not exist, or the disk refuses a write. Every format is built
        in memory first and the files are replaced together
        (:func:`toolkit.export._io.write_files`), so a failure leaves the earlier
        files untouched and consistent.
    """
    files = build_plan_files(group, tuple(formats), lang=lang)
    target = Path(folder)
    if len(formats) == 1 and target.suffix.lower() == f".{formats[0]}" and not target.is_dir():
        paths = [target]
    else:
        check_folder(target, create=True)
        stem = safe_filename(group.name)
        paths = [target / f"{stem}-rencana.{ext}" for ext in formats]
    write_files(dict(zip(paths, files.values(), strict=True)))
    return paths
