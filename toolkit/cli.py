"""The ``kemitraan`` command: create, check and serve workshops from a terminal.

Help and messages are Indonesian by default; ``--lang en`` switches to English.
Run ``kemitraan --help`` for the list of commands.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from . import i18n
from .errors import KemitraanError, explain_validation
from .i18n import N_
from .i18n import gettext as _
from .paths import default_workshop_path, repo_root

__all__ = ["main", "build_parser"]

# argparse's own messages, translated through our catalogs (see _localized_argparse).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("show program's version number and exit"),
)


@contextlib.contextmanager
def _localized_argparse(lang: str) -> Iterator[None]:
    """Route argparse's built-in messages through our catalogs for `lang`."""
    old = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    tr = i18n.translation(lang)
    argparse._ = tr.gettext  # type: ignore[attr-defined]
    argparse.ngettext = tr.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = old  # type: ignore[attr-defined]


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _add_path(parser: argparse.ArgumentParser, optional: bool = False) -> None:
    parser.add_argument(
        "path",
        type=_path,
        nargs="?" if optional else None,
        metavar=_("FOLDER"),
        help=_("workshop folder (default: $KEMITRAAN_WORKSHOP or workshop/)")
        if optional
        else _("workshop folder"),
    )


def _port(text: str) -> int:
    """Argument type for --port: a whole number from 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            _("port must be a whole number from 1 to 65535, not {value!r}").format(value=text)
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser in the current language.

    Returns
    -------
    argparse.ArgumentParser
        Parser with the subcommands sample, new, status, validate, restore, lab,
        setup-lab, schema, import, export, blank-worksheets, bundle, collect,
        regional and report; ``--lang`` is accepted before or after the command.
    """
    parser = argparse.ArgumentParser(
        prog="kemitraan",
        description=_("Tools for partnership workshops (pelatihan kemitraan) for LKP."),
        epilog=_("Use --lang en for English."),
    )
    lang_help = _("language of messages: id or en")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None, help=lang_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=lang_help)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    sub.required = True
    add = functools.partial(sub.add_parser, parents=[common])

    _add_path(add("sample", help=_("create the Banjarbaru sample workshop")))
    _add_new(add("new", help=_("create a new, empty workshop")))
    _add_path(add("status", help=_("show each group's completion per step")), optional=True)
    _add_path(add("validate", help=_("check every file of a workshop")), optional=True)
    _add_restore(add("restore", help=_("put a backup copy back (the replaced file is kept)")))
    p = add("lab", help=_("start JupyterLab for the workshop"))
    _add_path(p, optional=True)
    p.add_argument(
        "--port", type=_port, default=8888, metavar=_("PORT"), help=_("port (default 8888)")
    )
    p.add_argument(
        "--lan",
        action="store_true",
        help=_("open access from the local network (groups join with the link and token shown)"),
    )
    add("setup-lab", help=_("make Indonesian JupyterLab's default language here"))
    p = add("schema", help=_("write the JSON Schema of the data files"))
    p.add_argument("--out", type=_path, required=True, metavar=_("FOLDER"), help=_("output folder"))
    _add_import(
        add("import", help=_("read a partner map (Kumu, Gephi, GraphML, GEXF) into a group"))
    )
    _add_export(
        add(
            "export",
            help=_(
                "write a group's plan worksheet (Excel, Word, HTML, PDF) or its partner "
                "map for Kumu, Gephi or GraphML tools"
            ),
        )
    )
    _add_blank_worksheets(
        add(
            "blank-worksheets",
            help=_("write the blank printable worksheets (PDF, Word) for groups working on paper"),
        )
    )
    _add_bundle(
        add("bundle", help=_("pack a group's work in one zip file to carry on a USB stick"))
    )
    _add_collect(add("collect", help=_("bring groups' bundles (zip files) into the workshop")))
    _add_regional(add("regional", help=_("write the merged partner map of all groups")))
    _add_report(
        add("report", help=_("write the workshop report (all groups and the regional view)"))
    )
    return parser


def _add_new(p: argparse.ArgumentParser) -> None:
    _add_path(p)
    p.add_argument("--title", required=True, metavar=_("TITLE"), help=_("title of the workshop"))
    p.add_argument(
        "--groups",
        required=True,
        metavar=_("GROUPS"),
        help=_('group names separated by commas, e.g. "A,B,C"'),
    )
    p.add_argument("--date", default=None, metavar=_("DATE"), help=_("first day, YYYY-MM-DD"))
    p.add_argument("--venue", default="", metavar=_("VENUE"), help=_("venue"))
    p.add_argument("--facilitator", default="", metavar=_("NAME"), help=_("facilitator"))
    p.add_argument(
        "--workshop-lang",
        dest="workshop_lang",
        choices=i18n.LANGUAGES,
        default=None,
        help=_("default language for the groups (default: --lang)"),
    )


def _add_restore(p: argparse.ArgumentParser) -> None:
    _add_path(p)
    p.add_argument(
        "--group",
        default=None,
        metavar=_("GROUP_ID"),
        help=_("group id (without it: the workshop's own workshop.json)"),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=_("restore even when the current file loads fine (it holds newer work)"),
    )


def _add_import(p: argparse.ArgumentParser) -> None:
    _add_path(p)
    p.add_argument("--group", required=True, metavar=_("GROUP_ID"), help=_("group id"))
    p.add_argument(
        "file",
        type=_path,
        metavar=_("FILE"),
        help=_(
            "file to read: .xlsx, .csv (a -elements/-connections or -nodes/-edges pair "
            "is read together), .json, .graphml or .gexf"
        ),
    )
    p.add_argument(
        "--format", default=None, metavar=_("FORMAT"), help=_("format (default: guessed)")
    )
    p.add_argument(
        "--all-messages",
        action="store_true",
        help=_("print every message about the rows (default: the first {n})").format(
            n=IMPORT_MESSAGES_SHOWN
        ),
    )


#: Messages about imported rows printed by `kemitraan import` unless --all-messages.
IMPORT_MESSAGES_SHOWN = 20

#: Formats of the plan worksheet (toolkit.export); the others are map formats (toolkit.io).
PLAN_FORMATS = ("xlsx", "docx", "html", "pdf")


def _add_export(p: argparse.ArgumentParser) -> None:
    from .io import FORMATS

    _add_path(p)
    p.add_argument("--group", required=True, metavar=_("GROUP_ID"), help=_("group id"))
    p.add_argument(
        "--format",
        required=True,
        choices=[*FORMATS, *PLAN_FORMATS],
        help=_(
            "xlsx, docx, html, pdf: the plan worksheet; the others: the partner map "
            "(kumu-csv writes <stem>-elements.csv and <stem>-connections.csv; gephi-csv "
            "writes <stem>-nodes.csv and <stem>-edges.csv)"
        ),
    )
    p.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar=_("FILE"),
        help=_("output file or folder (default: the workshop's exports folder)"),
    )


# ---------------------------------------------------------------- blank-worksheets
def _add_blank_worksheets(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=_path, required=True, metavar=_("FOLDER"), help=_("output folder"))
    p.add_argument(
        "--format",
        choices=("pdf", "docx", "all"),
        default="all",
        help=_("pdf, docx or all (default: all)"),
    )


def _cmd_blank_worksheets(args: argparse.Namespace) -> int:
    from .export.blank import BLANK_FORMATS, write_blank_worksheets

    formats = BLANK_FORMATS if args.format == "all" else (args.format,)
    for path in write_blank_worksheets(args.out, lang=args.lang, formats=formats):
        print(_("Written: {path}").format(path=path))
    return 0


def _workshop_path(path: Path | None) -> Path:
    return path if path is not None else default_workshop_path()


def _cmd_sample(args: argparse.Namespace) -> int:
    from .sample import create_sample

    ws = create_sample(args.path, language=args.lang)
    print(
        _("Sample workshop created in {path} with groups: {groups}").format(
            path=ws.path, groups=", ".join(ws.group_ids)
        )
    )
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    import datetime as dt

    from .storage import Workshop

    names = [n for n in (x.strip() for x in args.groups.split(",")) if n]
    if not names:
        raise KemitraanError(N_('Give at least one group name, e.g. --groups "A,B,C".'))
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise KemitraanError(
            N_("Date {date!r} is not valid; write it as YYYY-MM-DD."), date=args.date
        ) from None
    ws = Workshop.create(
        args.path,
        title=args.title,
        groups=names,
        date=date,
        venue=args.venue,
        facilitator=args.facilitator,
        language=args.workshop_lang or args.lang,
    )
    print(
        _("Workshop created in {path} with groups: {groups}").format(
            path=ws.path, groups=", ".join(ws.group_ids)
        )
    )
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from .progress import status_table
    from .storage import Workshop

    ws = Workshop.open(_workshop_path(args.path))
    rows, failed = [], []
    for gid in ws.group_ids:
        try:
            rows.append((ws.group_name(gid), ws.load(gid)))
        except KemitraanError as exc:
            failed.append(str(exc))
    print(ws.info.title)
    if rows:
        print(status_table(rows).to_string())
    elif not failed:
        print(_("This workshop has no groups yet."))
    for line in failed:
        print(line, file=sys.stderr)
    return 1 if failed else 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .storage import Workshop

    ws = Workshop.open(_workshop_path(args.path))
    problems = ws.validate()
    for problem in problems:
        print(problem.message if str(problem.path) in problem.message else str(problem))
    if problems:
        return 1
    print(_("All {n} files are fine.").format(n=len(ws.group_ids) + 1))
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from .storage import Workshop

    if args.group is None:
        kept = Workshop.restore_workshop_file(args.path, force=args.force)
        what = str(Path(args.path) / "workshop.json")
    else:
        kept = Workshop.open(args.path).restore_backup(args.group, force=args.force)
        what = args.group
    message = _("Backup restored for {what}; the replaced file is kept as {kept}.")
    print(message.format(what=what, kept=kept))
    return 0


def _cmd_lab(args: argparse.Namespace) -> int:
    from .lab import run_lab
    from .sample import create_sample
    from .storage import WORKSHOP_FILE

    path = _workshop_path(args.path)
    if not (path / WORKSHOP_FILE).exists():
        if args.path is not None:
            raise KemitraanError(
                N_("No workshop in {path}. Create one first: kemitraan sample {path}"), path=path
            )
        create_sample(path, language=args.lang)
        print(_("No workshop yet: created the Banjarbaru sample in {path}.").format(path=path))
    root = repo_root()
    notebooks = (root / "notebooks") if root else Path.cwd() / "notebooks"
    if not notebooks.is_dir():
        raise KemitraanError(N_("The notebooks folder {path} is missing."), path=notebooks)
    from .group_notebooks import GROUP_DIR, write_group_notebooks

    write_group_notebooks(notebooks, path)
    print(
        _("Each group opens its own folder {folder}/<group>/ in JupyterLab.").format(
            folder=GROUP_DIR
        )
    )
    return run_lab(notebooks, path.resolve(), port=args.port, lan=args.lan, lang=args.lang)


def _cmd_setup_lab(args: argparse.Namespace) -> int:
    from .lab import setup_lab

    written = setup_lab()
    print(_("JupyterLab will start in Indonesian (settings: {path}).").format(path=written))
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from ._atomic import atomic_write_text
    from .model import Group, WorkshopInfo

    args.out.mkdir(parents=True, exist_ok=True)
    for name, model in (("group", Group), ("workshop", WorkshopInfo)):
        schema = json.dumps(model.model_json_schema(), ensure_ascii=False, indent=1) + "\n"
        atomic_write_text(args.out / f"{name}.schema.json", schema)
        print(args.out / f"{name}.schema.json")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .io import apply_import, import_map
    from .storage import Workshop

    ws = Workshop.open(args.path)
    own = ws.load(args.group)
    result = import_map(args.file, format=args.format, lkp_names=(own.name, own.profile.name))
    with ws.edit(args.group) as group:
        summary = apply_import(group, result)
    issues = [*result.problems, *result.warnings, *summary.warnings]
    shown = issues if args.all_messages else issues[:IMPORT_MESSAGES_SHOWN]
    for issue in shown:
        print(issue, file=sys.stderr)
    if len(shown) < len(issues):
        more = _("... and {n} more messages like these (see them all with --all-messages).")
        print(more.format(n=len(issues) - len(shown)), file=sys.stderr)
    message = _(
        "Imported into {group}: {actors} new actors ({matched} already on the map), "
        "{links} new links ({known} already there)."
    )
    print(
        message.format(
            group=args.group,
            actors=len(summary.added_actors),
            matched=len(summary.matched_actors),
            links=len(summary.added_links),
            known=summary.known_links,
        )
    )
    if result.problems:
        skipped = _("{n} rows were skipped; see the messages above.")
        print(skipped.format(n=len(result.problems)), file=sys.stderr)
    return 1 if result.problems else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .io import write_map
    from .storage import Workshop

    ws = Workshop.open(args.path)
    group = ws.load(args.group)
    if args.format in PLAN_FORMATS:
        from .export import export_plan

        # --out: a file, or a folder (then <group name>-rencana.<ext> inside, like the maps)
        for path in export_plan(group, args.out or ws.exports_dir, (args.format,), lang=args.lang):
            print(_("Written: {path}").format(path=path))
        return 0
    written = write_map(group, args.out or ws.exports_dir, args.format)
    for path in written.paths:
        print(_("Written: {path}").format(path=path))
    if written.removed_characters:
        removed = _("{n} control characters were removed from the texts.")
        print(removed.format(n=written.removed_characters), file=sys.stderr)
    return 0


# ----------------------------------------------- offline collection (bundle, collect)
def _add_bundle(p: argparse.ArgumentParser) -> None:
    _add_path(p)
    p.add_argument("--group", required=True, metavar=_("GROUP_ID"), help=_("group id"))
    p.add_argument(
        "--out",
        type=_path,
        required=True,
        metavar=_("FILE"),
        help=_("zip file to write (a folder gets <group id>-r<revision>.zip)"),
    )


def _add_collect(p: argparse.ArgumentParser) -> None:
    _add_path(p)
    p.add_argument(
        "files", type=_path, nargs="+", metavar=_("FILE"), help=_("bundles (zip files) to collect")
    )
    p.add_argument(
        "--take-bundle",
        dest="take_bundle",
        action="extend",
        nargs="+",
        default=[],
        metavar=_("GROUP_ID"),
        help=_("for these groups, import the bundle even if it conflicts or is older"),
    )
    p.add_argument(
        "--keep-workshop",
        dest="keep_workshop",
        action="extend",
        nargs="+",
        default=[],
        metavar=_("GROUP_ID"),
        help=_("for these groups, keep the workshop's copy and leave the bundle aside"),
    )


def _cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle import make_bundle

    manifest = make_bundle(args.path, args.group, args.out)
    out = args.out
    if out.is_dir():  # make_bundle named the file inside the folder
        out = out / f"{manifest.group_id}-r{manifest.group_revision}.zip"
    message = _("Bundle written: {path} (group {name}, revision {revision}).")
    print(message.format(path=out, name=manifest.group_name, revision=manifest.group_revision))
    return 0


def _bundle_files(items: list) -> list[Path]:
    """Expand folders (their ``*.zip``) and patterns such as ``E:/*.zip``.

    Windows shells pass patterns on unexpanded; anything else is kept as given, to be
    checked (and, if unreadable, refused with a message) by :func:`toolkit.bundle.collect`.
    """
    import glob

    files: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            files += sorted(path.glob("*.zip"))
        elif not path.exists() and glob.has_magic(str(item)):
            files += [Path(p) for p in sorted(glob.glob(str(item)))] or [path]
        else:
            files.append(path)
    return files


def _cmd_collect(args: argparse.Namespace) -> int:
    from .bundle import collect

    both = sorted(set(args.take_bundle) & set(args.keep_workshop))
    if both:
        raise KemitraanError(
            N_("Choose either --take-bundle or --keep-workshop for group {id!r}, not both."),
            id=both[0],
        )
    choose = {gid: "bundle" for gid in args.take_bundle}
    choose |= {gid: "workshop" for gid in args.keep_workshop}
    report = collect(args.path, _bundle_files(args.files), choose=choose)
    for line in report.lines(args.lang):
        print(line)
    print(report.summary(args.lang))
    if report.count("conflict"):
        hint = _(
            "To settle a conflict, run the command again with --take-bundle GROUP_ID "
            "(use the bundle; the workshop's copy is kept as a backup) or --keep-workshop "
            "GROUP_ID (keep the workshop's copy)."
        )
        print(hint, file=sys.stderr)
    if report.count("refused"):
        print(
            _("Refused bundles changed nothing; ask the group to make them again."), file=sys.stderr
        )
    return 0 if report.ok else 1


# ---------------------------------------------------- regional view and workshop report
def _add_regional(p: argparse.ArgumentParser) -> None:
    from .io import FORMATS

    _add_path(p)
    p.add_argument(
        "--format",
        required=True,
        choices=list(FORMATS),
        help=_(
            "format of the merged map (kumu-csv and gephi-csv write two files, "
            "like 'kemitraan export')"
        ),
    )
    p.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar=_("FILE"),
        help=_("output file (default: the workshop's exports folder)"),
    )


def _add_report(p: argparse.ArgumentParser) -> None:
    _add_path(p)
    p.add_argument("--format", required=True, choices=["docx", "xlsx"], help=_("docx or xlsx"))
    p.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar=_("FILE"),
        help=_("output file (default: the workshop's exports folder)"),
    )


def _cmd_regional(args: argparse.Namespace) -> int:
    from .regional_io import write_regional_map
    from .regional_store import regional_map
    from .storage import Workshop

    ws = Workshop.open(args.path)
    merged = regional_map(ws)
    written = write_regional_map(merged, args.out or ws.exports_dir, args.format)
    for note in merged.notes:
        print(note, file=sys.stderr)
    for path in written.paths:
        print(_("Written: {path}").format(path=path))
    summary = _("{groups} groups, {actors} partners after merging, {shared} named by two or more.")
    shared = sum(1 for keys in merged.members.values() if len({g for g, _ in keys}) > 1)
    print(summary.format(groups=len(merged.groups), actors=len(merged.members), shared=shared))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .export.workshop_report import write_workshop_report
    from .storage import Workshop

    ws = Workshop.open(args.path)
    out = args.out or ws.exports_dir / f"laporan-pelatihan.{args.format}"
    write_workshop_report(ws, out, args.format, lang=args.lang)
    print(_("Written: {path}").format(path=out))
    return 0


COMMANDS = {
    "sample": _cmd_sample,
    "new": _cmd_new,
    "status": _cmd_status,
    "validate": _cmd_validate,
    "restore": _cmd_restore,
    "lab": _cmd_lab,
    "setup-lab": _cmd_setup_lab,
    "schema": _cmd_schema,
    "import": _cmd_import,
    "export": _cmd_export,
    "blank-worksheets": _cmd_blank_worksheets,
    "bundle": _cmd_bundle,
    "collect": _cmd_collect,
    "regional": _cmd_regional,
    "report": _cmd_report,
}


def _language_from(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in i18n.LANGUAGES:
            return arg.split("=", 1)[1]
    return i18n.DEFAULT_LANGUAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kemitraan`` command.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 on success, 1 when the command found problems or failed with
        a toolkit error (printed as one plain line), 2 for wrong arguments.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from(argv)
    previous = i18n.get_language()
    i18n.set_language(lang)
    try:
        with _localized_argparse(lang):
            try:
                args = build_parser().parse_args(argv)
            except SystemExit as exc:
                return int(exc.code or 0)
        args.lang = lang
        try:
            return COMMANDS[args.command](args)
        except KemitraanError as exc:
            print(_("Error: {message}").format(message=exc), file=sys.stderr)
            return 1
        except ValidationError as exc:
            print(_("Error: {message}").format(message=explain_validation(exc)), file=sys.stderr)
            return 1
        except OSError as exc:
            where = exc.filename or ""
            message = _("cannot use {path}: {reason}").format(path=where, reason=exc.strerror)
            print(_("Error: {message}").format(message=message), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130
    finally:
        i18n.set_language(previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
