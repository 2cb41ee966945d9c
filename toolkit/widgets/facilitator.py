"""The facilitator's console (notebook 00_fasilitator): the room at a glance and its tools.

Five tabs, each a thin view over the workshop's files:

- **Dasbor**: completion per group and step, the quiz questions the room missed,
  exercises answered, needs nobody covers, and thumbnails of the groups' maps. It
  refreshes itself from the files every few seconds (an asyncio task on the
  kernel's own loop; no cell needs to run again), reading only files that changed
  (:class:`toolkit.dashboard.DashboardReader`).
- **Peta gabungan**: the merged regional map (:mod:`toolkit.analysis.regional`), the
  most wanted partners, manual merge and split, export in the step-3 formats.
- **Kumpulkan**: upload groups' bundles (zip files from ``kemitraan bundle``) and
  bring them in (:func:`toolkit.bundle.collect`); conflicts are shown with a choice.
- **Laporan**: the workshop report (DOCX, XLSX) written to ``exports/``.
- **Lokakarya**: the workshop's facts, how groups join, and a form to start a new
  workshop (the old one is moved to an archive folder, never deleted).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import os
import shutil
import socket
import weakref
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..bundle import collect
from ..catalogue import get_catalogue
from ..dashboard import Dashboard, DashboardReader
from ..errors import KemitraanError
from ..group_notebooks import GROUP_DIR, STEP_NOTEBOOKS, write_group_notebooks
from ..i18n import N_
from ..i18n import gettext as _
from ..io import FORMATS as MAP_FORMATS
from ..paths import default_workshop_path, repo_root
from ..progress import workshop_summary
from ..regional_io import write_regional_map
from ..regional_store import edit_overrides, regional_map
from ..storage import Workshop
from .frame import close_tree
from .plan import export_links

__all__ = ["Console", "facilitator_app", "join_address", "archive_and_create"]

log = logging.getLogger(__name__)

TABS = (
    N_("Dashboard"),
    N_("Regional map"),
    N_("Collect work"),
    N_("Report"),
    N_("Workshop"),
)

COLLECT_HELP = N_(
    "Groups that worked on their own laptop make a bundle with 'kemitraan bundle' and "
    "bring it on a USB stick. Upload the zip files here: each is checked and brought in; "
    "newer work is never replaced by older work."
)
REPORT_HELP = N_(
    "The workshop report: every group's profile, priority needs, map, plan in short and "
    "exercise results, then the regional view."
)
NEW_HELP = N_(
    "The current workshop is moved to a folder named …-arsip-DATE next to it (nothing is "
    "deleted), and a new one is made here."
)

#: Map thumbnails drawn at most per refresh (each takes up to a second; others follow).
THUMBS_PER_REFRESH = 4

#: The console shown per workshop folder in this kernel (re-running the cell retires it).
_LIVE: dict[str, weakref.ref] = {}


# ------------------------------------------------------------------ helpers
def join_address(port: int, token: str, host: str | None = None) -> str:
    """Return the address groups type to join the workshop on the local network.

    Parameters
    ----------
    port : int
        JupyterLab's port (1-65535).
    token : str
        The server's token ("" when none).
    host : str, optional
        The laptop's address on the network; found from the routing table when
        omitted (no packet is sent), ``127.0.0.1`` when there is no network.

    Returns
    -------
    str
        ``http://HOST:PORT/lab?token=TOKEN`` (without ``?token=`` when empty).
    """
    if host is None:
        host = "127.0.0.1"
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # UDP connect: picks the outgoing interface
            host = s.getsockname()[0]
    query = f"?token={token}" if token else ""
    return f"http://{host}:{port}/lab{query}"


def _running_server() -> dict | None:
    """Return the JupyterLab server this kernel belongs to, if it can be found."""
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:  # pragma: no cover - jupyter_server is a dependency
        return None
    servers = list(list_running_servers())
    return servers[-1] if servers else None


def archive_and_create(
    path: Path | str, title: str, groups: list[str], *, language: str = "id", **info: Any
) -> tuple[Workshop, Path | None]:
    """Create a workshop at `path`, first moving an existing one to an archive folder.

    Parameters
    ----------
    path : path-like
        The workshop folder the notebooks use.
    title : str
        The workshop's title (not empty).
    groups : list of str
        Group names, one per group (empty names are skipped).
    language : {"id", "en"}, default "id"
        Default language of the workshop.
    **info
        Further :class:`toolkit.model.WorkshopInfo` fields (``date``, ``venue``,
        ``facilitator``).

    Returns
    -------
    (Workshop, pathlib.Path or None)
        The new workshop and the archive folder the old one was moved to (None when
        there was none). Nothing is deleted.

    Raises
    ------
    KemitraanError
        If the title is empty, a group name is refused, or the folder cannot be
        moved or created; the old workshop is then where it was.
    """
    path = Path(path)
    names = [" ".join(n.split()) for n in groups if n.strip()]
    if not title.strip():
        raise KemitraanError(N_("Write the workshop's title first."))
    archive = None
    if (path / "workshop.json").exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        archive = path.with_name(f"{path.name}-arsip-{stamp}")
        n = 2
        while archive.exists():  # two workshops made in one second: never nest them
            archive = path.with_name(f"{path.name}-arsip-{stamp}-{n}")
            n += 1
        os.rename(path, archive)  # a sibling: the same disk, and refused if it exists
    try:
        ws = Workshop.create(path, title=title.strip(), groups=names, language=language, **info)
    except Exception:
        if archive is not None:
            if path.exists() and not (path / "workshop.json").exists():
                shutil.rmtree(path)  # only what the failed creation left, never a workshop
            if not path.exists():
                os.rename(archive, path)  # put the old workshop back
        raise
    return ws, archive


def _bar(percent: int) -> str:
    colour = "#009e73" if percent >= 100 else ("#e69f00" if percent >= 50 else "#0072b2")
    return (
        '<div style="background:#e8eef4;border-radius:3px;width:7em;height:0.9em;'
        'display:inline-block;vertical-align:middle">'
        f'<div style="background:{colour};width:{percent}%;height:100%;border-radius:3px">'
        f"</div></div> <span style='font-variant-numeric:tabular-nums'>{percent}%</span>"
    )


def _table(headers: list[str], rows: list[list[str]], *, raw: bool = False) -> str:
    """Render an HTML table; cell text is escaped unless `raw` (cells made here)."""
    head = "".join(
        f"<th style='text-align:left;padding:2px 8px'>{html.escape(h)}</th>" for h in headers
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='padding:2px 8px;border-top:1px solid #ddd'>"
            f"{c if raw else html.escape(str(c))}</td>"
            for c in row
        )
        + "</tr>"
        for row in rows
    )
    head = f"<thead><tr>{head}</tr></thead>"
    return f"<table class='kemitraan-table'>{head}<tbody>{body}</tbody></table>"


def progress_html(board: Dashboard) -> str:
    """Render the groups x steps completion with bars (group names escaped)."""
    table = board.progress_table()
    rows = [
        [html.escape(str(name))] + [_bar(int(v)) for v in values]
        for name, values in zip(table.index, table.values.tolist(), strict=True)
    ]
    return _table([table.index.name, *table.columns], rows, raw=True)


# ------------------------------------------------------------------ console
class Console(w.VBox):
    """The facilitator's console for one workshop folder.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like, optional
        The workshop; default :func:`toolkit.default_workshop_path`.
    interval : float, default 3.0
        Seconds between checks of the files (0 turns the automatic refresh off;
        tests call :meth:`refresh` themselves).
    thumbnails : bool, default True
        Draw the small map pictures of the groups.

    Raises
    ------
    toolkit.KemitraanError
        If the workshop cannot be opened.
    """

    def __init__(
        self,
        workshop: Workshop | Path | str | None = None,
        *,
        interval: float = 3.0,
        thumbnails: bool = True,
    ) -> None:
        super().__init__()
        path = workshop.path if isinstance(workshop, Workshop) else workshop
        self.path = Path(path or default_workshop_path()).resolve()
        self.interval, self.thumbnails = interval, thumbnails
        self.reader = DashboardReader(self.path)
        self.board: Dashboard | None = None
        self._thumbs: dict[str, tuple] = {}  # group id -> (revision, png, map key)
        self._thumbs_due = False
        self._task: asyncio.Task | None = None
        self._uploads: list[Path] = []
        self._pending: list[Path] = []  # bundles whose conflict waits for a choice
        self._refresh_failed = False
        self.add_class("kemitraan-console")

        self.status = w.HTML()
        self.summary = w.HTML()
        self.progress = w.HTML()
        self.problems = w.HTML()
        self.quiz = w.HTML()
        self.exercises = w.HTML()
        self.uncovered = w.HTML()
        self.thumb_box = w.GridBox(
            layout=w.Layout(grid_template_columns="repeat(auto-fill, 260px)", grid_gap="8px")
        )
        self.dashboard_tab = w.VBox(
            [
                self.summary,
                self.problems,
                self.progress,
                self.quiz,
                self.exercises,
                self.uncovered,
                self.thumb_box,
            ]
        )
        self.regional_tab = self._build_regional()
        self.collect_tab = self._build_collect()
        self.report_tab = self._build_report()
        self.workshop_tab = self._build_workshop()
        self.tabs = w.Tab(
            children=[
                self.dashboard_tab,
                self.regional_tab,
                self.collect_tab,
                self.report_tab,
                self.workshop_tab,
            ]
        )
        self.tabs.observe(self._on_tab, "selected_index")
        self.children = [self.tabs, self.status]
        self._write_group_notebooks()
        self._titles()
        self.refresh()
        self._retire_previous()
        if interval > 0:
            self.start()

    # ------------------------------------------------------------ lifecycle
    def _retire_previous(self) -> None:
        key = str(self.path)
        old = _LIVE.get(key)
        previous = old() if old else None
        if previous is not None and previous is not self:
            previous.stop()
            close_tree(previous)
        _LIVE[key] = weakref.ref(self)

    def start(self) -> None:
        """Start refreshing from the files every :attr:`interval` seconds (on the kernel's loop)."""
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:  # pragma: no cover - no loop outside a kernel
            return
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._loop())

    def stop(self) -> None:
        """Stop the automatic refresh."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                if self.board is None or self.reader.changed(self.board) or self._thumbs_due:
                    self.refresh()
                else:
                    self._stamp()
            except KemitraanError as exc:  # e.g. workshop.json damaged: say so, keep going
                self._refresh_failed = True
                self.show_error(str(exc))
            except Exception as exc:  # noqa: BLE001 - the loop must survive a bad moment
                log.debug("dashboard refresh failed", exc_info=True)
                self._refresh_failed = True
                reason = getattr(exc, "strerror", None) or exc.__class__.__name__
                self.show_error(
                    _(
                        "The dashboard cannot read the workshop now ({reason}); "
                        "it tries again in a few seconds."
                    ).format(reason=reason)
                )
            else:
                if self._refresh_failed:
                    self._refresh_failed = False
                    self.status.value = ""

    def close(self) -> None:  # noqa: D102 - ipywidgets API
        self.stop()
        super().close()

    def _write_group_notebooks(self) -> None:
        """Give every group its own notebook folder (see :mod:`toolkit.group_notebooks`)."""
        root = repo_root()
        if root is None or not (root / "notebooks" / STEP_NOTEBOOKS[0]).exists():
            return
        if self.path != default_workshop_path().resolve():
            return  # only the workshop JupyterLab serves has group folders
        try:
            write_group_notebooks(root / "notebooks", self.path)
        except (OSError, KemitraanError) as exc:
            self.show_error(str(exc))

    # ------------------------------------------------------------ messages
    def show_error(self, message: str) -> None:
        """Show a problem in plain words in the status line."""
        self.status.value = f"<span style='color:#b00020'>⚠ {html.escape(message)}</span>"

    def show_info(self, message: str) -> None:
        """Show a short note in the status line."""
        self.status.value = f"<span style='color:#0b6e4f'>✔ {html.escape(message)}</span>"

    def _stamp(self) -> None:
        if self.board is not None:
            when = self.board.read_at.astimezone().strftime("%H:%M:%S")
            self.summary.value = f"<b>{html.escape(self.board.title)}</b> · " + html.escape(
                _("{n} groups · read at {time} · checked {now}").format(
                    n=len(self.board.groups), time=when, now=dt.datetime.now().strftime("%H:%M:%S")
                )
            )

    def _titles(self) -> None:
        for i, title in enumerate(TABS):
            self.tabs.set_title(i, _(title))

    # ------------------------------------------------------------ dashboard
    def refresh(self) -> Dashboard:
        """Read the files now and redraw the dashboard.

        Returns
        -------
        toolkit.dashboard.Dashboard
            What was read.
        """
        board = self.reader.read()
        self.board = board
        self._stamp()
        self.progress.value = f"<h4>{html.escape(_('Progress per step'))}</h4>" + progress_html(
            board
        )
        self.problems.value = "".join(
            f"<p style='color:#b00020'>⚠ {html.escape(g.name)}: {html.escape(g.error or '')}</p>"
            for g in board.problems
        )
        quiz = board.quiz_table()
        if quiz.empty:
            quiz_html = html.escape(_("No group has answered a quiz yet."))
        else:
            rows = [
                [r.quiz, r.question, f"{r.right} / {r.answered}", f"{round(100 * r.share_right)}%"]
                for r in quiz.head(10).itertuples()
            ]
            quiz_html = _table([_("Quiz"), _("Question"), _("Right"), _("Share right")], rows)
        self.quiz.value = (
            f"<h4>{html.escape(_('Quiz questions most often missed'))}</h4>{quiz_html}"
        )
        ex = board.exercise_table()
        rows = [[r.exercise, f"{r.answered} / {r.groups}"] for r in ex.itertuples()]
        self.exercises.value = f"<h4>{html.escape(_('Exercises answered'))}</h4>" + _table(
            [_("Exercise"), _("Groups")], rows
        )
        overall = board.uncovered_overall()
        cat = get_catalogue()
        if overall.empty:
            text = html.escape(_("Every priority need has at least one candidate partner."))
        else:
            rows = [
                [cat.label("aspects", r.aspect), r.need, r.groups, r.group_names]
                for r in overall.itertuples()
            ]
            text = _table([_("Aspect"), _("Need"), _("Groups"), _("Which groups")], rows)
        self.uncovered.value = (
            f"<h4>{html.escape(_('Priority needs nobody on the maps covers'))}</h4>{text}"
        )
        if self.thumbnails:
            self._draw_thumbnails(board)
        return board

    def _draw_thumbnails(self, board: Dashboard) -> None:
        from ..charts import figure_png, network_figure

        boxes, drawn = [], 0
        self._thumbs_due = False
        for g in board.groups:
            if g.error:
                continue
            cached = self._thumbs.get(g.id)
            if cached is None or cached[0] != g.revision:
                try:
                    group = self.reader.workshop.load(g.id)
                except KemitraanError:
                    continue
                # redraw only when the map itself changed (a profile edit keeps the picture)
                key = hash(tuple(a.model_dump_json() for a in group.actors)) ^ hash(
                    tuple(x.model_dump_json() for x in group.links)
                )
                if cached is not None and cached[2] == key:
                    cached = (g.revision, cached[1], key)
                elif drawn >= THUMBS_PER_REFRESH:  # the rest at the next check: stay quick
                    self._thumbs_due = True
                    if cached is None:
                        continue
                else:
                    png = figure_png(network_figure(group), dpi=45)
                    cached, drawn = (g.revision, png, key), drawn + 1
                self._thumbs[g.id] = cached
            caption = w.HTML(
                f"<b>{html.escape(g.name)}</b><br>"
                + html.escape(
                    _("{actors} parties, {links} relationships").format(
                        actors=g.actors, links=g.links
                    )
                )
            )
            image = w.Image(value=cached[1], format="png", layout=w.Layout(width="250px"))
            boxes.append(w.VBox([caption, image]))
        for old in self.thumb_box.children:
            close_tree(old)
        self.thumb_box.children = boxes

    # ------------------------------------------------------------ regional
    def _build_regional(self) -> w.VBox:
        self.regional_info = w.HTML()
        self.regional_table = w.HTML()
        self.regional_picture = w.Image(format="png", layout=w.Layout(max_width="900px"))
        self.regional_pick = w.SelectMultiple(rows=8, layout=w.Layout(width="60%"))
        self.merge_button = w.Button(description=_("Merge the selected"), icon="link")
        self.split_button = w.Button(description=_("Split the selected"), icon="unlink")
        self.draw_button = w.Button(description=_("Draw the merged map"), icon="refresh")
        self.regional_format = w.Dropdown(options=list(MAP_FORMATS), value="kumu-xlsx")
        self.regional_export = w.Button(description=_("Export"), icon="download")
        self.regional_files = w.HTML()
        for b in (self.merge_button, self.split_button, self.draw_button, self.regional_export):
            b.layout.width = "auto"
        self.merge_button.on_click(self._guard(self._merge))
        self.split_button.on_click(self._guard(self._split))
        self.draw_button.on_click(self._guard(self._draw_regional))
        self.regional_export.on_click(self._guard(self._export_regional))
        self._regional = None
        return w.VBox(
            [
                self.regional_info,
                self.regional_table,
                w.HTML(
                    f"<h4>{html.escape(_('Correct the matching'))}</h4>"
                    + html.escape(
                        _(
                            "Pick two or more rows that are the same party and merge "
                            "them, or pick one row that joins different parties and "
                            "split it."
                        )
                    )
                ),
                self.regional_pick,
                w.HBox([self.merge_button, self.split_button]),
                w.HBox([self.draw_button, self.regional_format, self.regional_export]),
                self.regional_files,
                self.regional_picture,
            ]
        )

    def _guard(self, fn):
        def run(*args: Any) -> None:
            try:
                fn(*args)
            except KemitraanError as exc:
                self.show_error(str(exc))
            except OSError as exc:
                self.show_error(
                    _("The file could not be written: {reason}").format(reason=exc.strerror or exc)
                )

        return run

    def refresh_regional(self) -> None:
        """Merge the groups' maps again and show the most wanted partners."""
        rmap = regional_map(self.path)
        self._regional = rmap
        wanted = rmap.most_wanted()
        cat = get_catalogue()
        rows = [
            [
                r.label,
                cat.label("partner_categories", r.category),
                r.n_groups,
                ", ".join(r.group_names),
                r.needs_covered,
            ]
            for r in wanted.head(25).itertuples()
        ]
        self.regional_info.value = "<h4>{}</h4>{}".format(
            html.escape(_("Most wanted partners")),
            html.escape(
                _("{actors} parties on {groups} maps after merging.").format(
                    actors=len(rmap.members), groups=len(rmap.group_names)
                )
            ),
        ) + "".join(f"<p>• {html.escape(n)}</p>" for n in rmap.notes)
        self.regional_table.value = (
            _table(
                [
                    _("Partner"),
                    _("Category"),
                    _("Groups"),
                    _("Which groups"),
                    _("Needs it can meet"),
                ],
                rows,
            )
            if rows
            else html.escape(_("No group has put a party on its map yet."))
        )
        options = []
        for r in wanted.itertuples():
            for gid, actor in rmap.members[r.node]:
                options.append((f"{r.label} — {rmap.group_names.get(gid, gid)}", f"{gid}\t{actor}"))
        self.regional_pick.options = options

    def _picked(self) -> list[tuple[str, str]]:
        return [tuple(v.split("\t", 1)) for v in self.regional_pick.value]

    def _merge(self, _button: Any = None) -> None:
        keys = self._picked()
        if len(keys) < 2:
            raise KemitraanError(N_("Pick at least two rows to merge."))
        with edit_overrides(self.path) as overrides:
            overrides.merges.append(frozenset(keys))
        self.refresh_regional()
        self.show_info(_("Merged; the correction is saved in regional.json."))

    def _split(self, _button: Any = None) -> None:
        keys = self._picked()
        if not keys:
            raise KemitraanError(N_("Pick the rows to split."))
        with edit_overrides(self.path) as overrides:
            for key in keys:
                overrides.splits.append(frozenset([key]))
                overrides.merges = [m for m in overrides.merges if key not in m]
        self.refresh_regional()
        self.show_info(_("Split; the correction is saved in regional.json."))

    def _draw_regional(self, _button: Any = None) -> None:
        from ..charts import figure_png, regional_network_figure

        self.refresh_regional()
        self.regional_picture.value = figure_png(
            regional_network_figure(self._regional.graph), dpi=80
        )

    def _export_regional(self, _button: Any = None) -> None:
        if self._regional is None:
            self.refresh_regional()
        fmt = self.regional_format.value
        folder = Workshop.open(self.path).exports_dir
        result = write_regional_map(self._regional, folder / "peta-mitra-regional", fmt)
        self.regional_files.value = export_links(list(result.paths))
        names = ", ".join(p.name for p in result.paths)
        self.show_info(_("Written: {path}").format(path=names))

    # ------------------------------------------------------------ collect
    def _build_collect(self) -> w.VBox:
        self.upload = w.FileUpload(accept=".zip", multiple=True, description=_("Bundles (.zip)"))
        self.upload.layout.width = "auto"
        self.upload.observe(self._guard(self._on_upload), "value")
        self.collect_report = w.HTML()
        self.conflict_box = w.VBox()
        return w.VBox(
            [
                w.HTML(html.escape(_(COLLECT_HELP))),
                self.upload,
                self.collect_report,
                self.conflict_box,
            ]
        )

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        folder = self.path / "bundles"
        folder.mkdir(exist_ok=True)
        saved = []
        from .._atomic import atomic_write_bytes

        for item in files:
            name = Path(str(item["name"])).name or "bundel.zip"
            data = bytes(item["content"])
            target, n = folder / name, 2
            while target.exists() and target.read_bytes() != data:  # never replace an upload
                target = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
                n += 1
            atomic_write_bytes(target, data)
            saved.append(target)
        self._uploads = saved
        self.upload.value = ()  # the same file can be uploaded again later
        pending = [p for p in self._pending if p not in saved]
        self.collect_files(pending + saved)

    def collect_files(self, paths: list[Path], choose: dict[str, str] | None = None) -> Any:
        """Bring bundles into the workshop and show what happened.

        Parameters
        ----------
        paths : list of pathlib.Path
            Bundle files (kept in the workshop's ``bundles/`` folder).
        choose : dict of str to {"bundle", "workshop"}, optional
            Decisions for groups in conflict.

        Returns
        -------
        toolkit.bundle.CollectReport
        """
        report = collect(self.path, paths, choose=choose)
        self._pending = [
            Path(e.source) for e in report.entries if e.outcome == "conflict" and e.group_id
        ]
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in report.lines())
        self.collect_report.value = f"<ul>{lines}</ul><p>{html.escape(report.summary())}</p>"
        buttons = []
        for entry in report.entries:
            if entry.outcome != "conflict" or not entry.group_id:
                continue
            take = w.Button(description=_("Use the bundle"), button_style="warning")
            keep = w.Button(description=_("Keep the workshop's copy"))
            for b in (take, keep):
                b.layout.width = "auto"
            gid = entry.group_id
            take.on_click(self._guard(lambda _b, g=gid: self.collect_files(paths, {g: "bundle"})))
            keep.on_click(self._guard(lambda _b, g=gid: self.collect_files(paths, {g: "workshop"})))
            label = w.HTML(f"<b>{html.escape(entry.group_name or gid)}</b>")
            buttons.append(w.HBox([label, take, keep]))
        for old in self.conflict_box.children:
            close_tree(old)
        self.conflict_box.children = buttons
        self.refresh()
        return report

    # ------------------------------------------------------------ report
    def _build_report(self) -> w.VBox:
        self.report_docx = w.Button(description=_("Report (Word)"), icon="file-text")
        self.report_xlsx = w.Button(description=_("Report (Excel)"), icon="table")
        for b in (self.report_docx, self.report_xlsx):
            b.layout.width = "auto"
        self.report_docx.on_click(self._guard(lambda _b: self.write_report("docx")))
        self.report_xlsx.on_click(self._guard(lambda _b: self.write_report("xlsx")))
        self.report_files = w.HTML()
        return w.VBox(
            [
                w.HTML(html.escape(_(REPORT_HELP))),
                w.HBox([self.report_docx, self.report_xlsx]),
                self.report_files,
            ]
        )

    def write_report(self, fmt: str) -> Path:
        """Write the workshop report into ``exports/`` and show its link.

        Parameters
        ----------
        fmt : {"docx", "xlsx"}
            The format.

        Returns
        -------
        pathlib.Path
            The file written.
        """
        from ..export.workshop_report import write_workshop_report

        ws = Workshop.open(self.path)
        target = ws.exports_dir / f"laporan-pelatihan.{fmt}"
        self.status.value = html.escape(_("Writing the report…"))
        write_workshop_report(ws, target, fmt)
        self.report_files.value = export_links([target])
        self.show_info(_("Written: {path}").format(path=target.name))
        return target

    # ------------------------------------------------------------ workshop
    def _build_workshop(self) -> w.VBox:
        self.info = w.HTML()
        self.join = w.HTML()
        self.new_title = w.Text(description=_("Title"), layout=w.Layout(width="60%"))
        self.new_date = w.DatePicker(description=_("Date"))
        self.new_venue = w.Text(description=_("Venue"), layout=w.Layout(width="60%"))
        self.new_facilitator = w.Text(description=_("Facilitator"), layout=w.Layout(width="60%"))
        self.new_groups = w.Textarea(
            description=_("Groups"),
            placeholder=_("one group or institution per line"),
            layout=w.Layout(width="60%", height="8em"),
        )
        self.new_lang = w.Dropdown(
            options=[("Indonesia", "id"), ("English", "en")], description=_("Language")
        )
        self.new_button = w.Button(description=_("Create the workshop"), button_style="primary")
        self.new_button.layout.width = "auto"
        self.new_button.on_click(self._guard(self._create))
        for field in (
            self.new_title,
            self.new_date,
            self.new_venue,
            self.new_facilitator,
            self.new_groups,
            self.new_lang,
        ):
            field.style.description_width = "9em"
        self._fill_workshop()
        return w.VBox(
            [
                self.info,
                self.join,
                w.HTML(
                    f"<h4>{html.escape(_('Start a new workshop'))}</h4>" + html.escape(_(NEW_HELP))
                ),
                self.new_title,
                self.new_date,
                self.new_venue,
                self.new_facilitator,
                self.new_groups,
                self.new_lang,
                self.new_button,
            ]
        )

    def _fill_workshop(self) -> None:
        ws = Workshop.open(self.path)
        lines = workshop_summary(ws).splitlines()
        self.info.value = (
            "<h4>{}</h4>{}".format(
                html.escape(lines[0]), "<br>".join(html.escape(x) for x in lines[1:])
            )
            + f"<p><code>{html.escape(str(self.path))}</code></p>"
        )
        server = _running_server()
        if server is None:
            self.join.value = html.escape(
                _(
                    "Start the workshop with 'make lab' (or 'kemitraan lab --lan' for groups on "
                    "the local network) to see the address groups type."
                )
            )
            return
        local = str(server.get("hostname", "")) in ("localhost", "127.0.0.1", "")
        address = join_address(int(server["port"]), str(server.get("token", "")))
        note = _("Groups type this address in their browser (same Wi-Fi network):")
        if local:
            note = _(
                "JupyterLab only accepts this laptop now. For groups on the local network, "
                "stop it and start it again with 'kemitraan lab --lan'; they then type:"
            )
        rows = []
        base, _sep, query = address.partition("?")
        for ref in Workshop.open(self.path).info.groups:
            link = f"{base}/tree/{GROUP_DIR}/{ref.id}/{STEP_NOTEBOOKS[0]}"
            link += f"?{query}" if query else ""
            rows.append([ref.name, f"{GROUP_DIR}/{ref.id}/", link])
        self.join.value = (
            f"<p>{html.escape(note)}</p><p style='font-size:1.4em'><code>"
            f"{html.escape(address)}</code></p><p>"
            + html.escape(_("Each group then opens its own folder (left panel):"))
            + "</p>"
            + _table([_("Group"), _("Folder"), _("Direct link")], rows)
        )

    def _create(self, _button: Any = None) -> None:
        ws, archive = archive_and_create(
            self.path,
            self.new_title.value,
            self.new_groups.value.splitlines(),
            language=self.new_lang.value,
            date=self.new_date.value,
            venue=self.new_venue.value.strip(),
            facilitator=self.new_facilitator.value.strip(),
        )
        self.reader = DashboardReader(self.path)
        self._thumbs.clear()
        self._write_group_notebooks()
        self._fill_workshop()
        self.refresh()
        message = _("Workshop created with {n} groups.").format(n=len(ws.group_ids))
        if archive is not None:
            message += " " + _("The previous one is in {path}.").format(path=archive.name)
        self.show_info(message)

    def _on_tab(self, change: dict) -> None:
        if change["new"] == 1 and self._regional is None:
            self._guard(lambda: self.refresh_regional())()


def facilitator_app(workshop: Workshop | Path | str | None = None, **kw: Any) -> Console:
    """Open the facilitator's console.

    Parameters
    ----------
    workshop : toolkit.Workshop or path-like, optional
        The workshop; default :func:`toolkit.default_workshop_path`.
    **kw
        Passed to :class:`Console` (``interval``, ``thumbnails``).

    Returns
    -------
    Console
        The console; its dashboard refreshes itself from the files.

    Raises
    ------
    toolkit.KemitraanError
        If the workshop cannot be opened.
    """
    return Console(workshop, **kw)
