"""Import and export of a group's partner map (peta mitra) for other mapping tools.

Export writes the LKP, its actors and links as GraphML, GEXF, a Kumu JSON blueprint,
a Kumu spreadsheet (XLSX, or two CSV files) or Gephi's CSV node and edge tables;
the LKP itself is an element (Kumu type ``"LKP"``, node id ``"lkp"``), so links to
it survive. Each exporter is a pure builder (:func:`build_map` returns bytes) and a
thin writer (:func:`write_map`) that writes atomically.

Import reads the same formats back, plus the hand-made spreadsheets groups bring
(Indonesian or English headers, ``;`` or ``,`` delimiter, decimal commas, UTF-8 or
Windows-1252). :func:`import_map` never changes a group: it returns what it read
with row-by-row warnings and problems; :func:`apply_import` then merges it into a
group without doubling actors already on the map.

Column names
------------
Kumu elements: ``Label, Type, Description, Tags, Influence, Interest, Relationship,
Contact role, Offers flows, Offers needs``; Kumu connections: ``From, To, Type,
Direction, Strength, Description, Status``. Gephi nodes: ``Id, Label, Kind,
Category, Influence, Interest, Relationship, Contact role, Offers flows, Offers
needs, Note``; Gephi edges: ``Source, Target, Type, Id, Label, Weight, Flow,
Status, Note``. Lists are joined with ``|``. In the flat formats (Kumu, Gephi) a
``backward`` link is written as a directed one with its ends swapped, and a
``both`` link as mutual (Kumu) or undirected (Gephi).

References
----------
Kumu, "Structure your data for Kumu" (docs.kumu.io/guides/import/import) and
"JSON / Blueprints" (docs.kumu.io/guides/import/blueprints).
Gephi, "Spreadsheet (CSV) import" (gephi.org/users/supported-graph-formats/
spreadsheet/). GraphML Primer (graphml.graphdrawing.org/primer/graphml-primer.html).
GEXF 1.2 specification (gexf.net). Bahan ajar *Membangun Kemitraan* (Banjarbaru,
2018), Bab II C, "Yang terlibat dalam kemitraan".
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

import networkx as nx
from pydantic import ValidationError

from ._atomic import _named, atomic_write_bytes, atomic_write_many
from .catalogue import get_catalogue
from .errors import KemitraanError, explain_validation
from .graph import build_graph
from .i18n import N_, translate
from .model import LKP_NODE, Actor, Group, Link, clean_name, link_key, name_key, next_id

__all__ = [
    "FORMATS",
    "ImportIssue",
    "ImportResult",
    "ApplySummary",
    "MapExport",
    "import_map",
    "apply_import",
    "build_map",
    "write_map",
    "export_paths",
]

#: Export formats and the suffix of each file they write ("" for one file).
FORMATS: dict[str, tuple[str, ...]] = {
    "graphml": (".graphml",),
    "gexf": (".gexf",),
    "kumu-json": (".json",),
    "kumu-xlsx": (".xlsx",),
    "kumu-csv": ("-elements.csv", "-connections.csv"),
    "gephi-csv": ("-nodes.csv", "-edges.csv"),
}

#: Kumu element type of the group's own institution.
LKP_TYPE = "LKP"

# Characters XML 1.0 forbids (also refused by openpyxl); tab, LF and CR are allowed.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_FALLBACK_CATEGORY = "lainnya"
_FALLBACK_FLOW = "informasi"
_LIMITS = {"name": 200, "contact_role": 300, "note": 10_000}
# Plain names of the fields that import messages mention (message ids).
_FIELD_LABELS = {
    "name": N_("name"),
    "influence": N_("influence"),
    "interest": N_("interest"),
    "relationship": N_("relationship"),
    "contact_role": N_("contact role"),
    "note": N_("note"),
    "strength": N_("strength"),
    "status": N_("status"),
    "direction": N_("direction"),
}


# ============================================================== issues and results
@dataclass(frozen=True)
class ImportIssue:
    """One warning or problem found while importing, with where it was found.

    Attributes
    ----------
    msgid : str
        English message id; translated by :meth:`text`.
    params : dict
        Values for the fields of `msgid`.
    row : int or None
        Spreadsheet row (the header is row 1) or item number in a JSON/XML list.
    sheet : str or None
        Sheet, file or list name, when the source has more than one.
    """

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    sheet: str | None = None

    def text(self, lang: str | None = None) -> str:
        """Return the message in `lang` (default: the current language)."""
        params = dict(self.params)
        if "field" in params:
            params["field"] = translate(_FIELD_LABELS.get(params["field"], params["field"]), lang)
        message = translate(self.msgid, lang).format(**params)
        if self.row is None:
            return message
        if self.sheet:
            where = translate(N_("{sheet}, row {row}: {message}"), lang)
            return where.format(sheet=self.sheet, row=self.row, message=message)
        return translate(N_("Row {row}: {message}"), lang).format(row=self.row, message=message)

    def __str__(self) -> str:
        return self.text()


@dataclass
class ImportResult:
    """What :func:`import_map` read from a file; nothing is saved yet.

    Attributes
    ----------
    format : str
        The format read (a key of :data:`FORMATS`).
    actors : list of Actor
        Actors with provisional ids ``actor-1``...; ``offers_needs`` is empty (need
        ids belong to one group).
    links : list of Link
        Links between those ids and ``"lkp"``.
    warnings : list of ImportIssue
        Values changed on the way in (rounded, mapped to ``lainnya``...).
    problems : list of ImportIssue
        Rows that were skipped, each naming its row.
    lkp_name : str or None
        The label of the element read as the group's own LKP, if any.
    """

    format: str
    actors: list[Actor] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    problems: list[ImportIssue] = field(default_factory=list)
    lkp_name: str | None = None


@dataclass
class ApplySummary:
    """What :func:`apply_import` changed in a group.

    Attributes
    ----------
    added_actors, matched_actors : list of str
        Ids of new actors, and of actors already on the map that imported ones matched.
    added_links : list of str
        Ids of new links.
    known_links : int
        Imported links already on the map (not added again).
    warnings : list of ImportIssue
        Matches that need a look (same name, other category; a link folded into a loop).
    """

    added_actors: list[str] = field(default_factory=list)
    matched_actors: list[str] = field(default_factory=list)
    added_links: list[str] = field(default_factory=list)
    known_links: int = 0
    warnings: list[ImportIssue] = field(default_factory=list)


@dataclass
class MapExport:
    """The files of one export, built by :func:`build_map`.

    Attributes
    ----------
    format : str
        A key of :data:`FORMATS`.
    files : dict of str to bytes
        File content per suffix of ``FORMATS[format]``, in that order.
    removed_characters : int
        Control characters removed from the texts (XML and Excel refuse them).
    paths : list of pathlib.Path
        Files written by :func:`write_map` (empty for a builder's result or a file object).
    """

    format: str
    files: dict[str, bytes]
    removed_characters: int = 0
    paths: list[Path] = field(default_factory=list)


# ================================================================== text helpers
def _key(text: str) -> str:
    """Normalise a header, name or code for comparison."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[_\-]+", " ", text).split())


_name_key = name_key


class _Ids:
    """Hand out ids ``<prefix>-<n>`` after the largest one in use, in constant time."""

    def __init__(self, prefix: str, existing: Iterable[str] = ()) -> None:
        self.prefix = prefix
        self.last = int(next_id(prefix, existing).rsplit("-", 1)[1]) - 1

    def next(self) -> str:
        self.last += 1
        return f"{self.prefix}-{self.last}"


def _brief(text: str, width: int = 40) -> str:
    """Shorten a value quoted in a message (a cell may hold a huge number or text)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _cell(value: Any) -> str:
    """Turn a cell of any reader into trimmed NFC text ('' for empty)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, list | tuple):
        value = "|".join(_cell(v) for v in value if _cell(v))
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    text = _ILLEGAL_XML.sub("", unicodedata.normalize("NFC", str(value)))
    return text.strip()


class _Cleaner:
    """Coerce export values to text or numbers, counting removed control characters."""

    def __init__(self) -> None:
        self.removed = 0

    def text(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return "|".join(self.text(v) for v in value)
        if isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        text = str(value)
        cleaned, n = _ILLEGAL_XML.subn("", text)
        self.removed += n
        return cleaned

    def value(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.text(value)
        return value


# ============================================================== export: tables
def _category_label(category: str) -> str:
    return get_catalogue().label("partner_categories", category, "id")


def _flow_label(flow: str) -> str:
    return get_catalogue().label("flows", flow, "id")


def _labels(group: Group) -> dict[str, str]:
    """Give each node a unique display label (Kumu matches connections by label)."""
    labels, seen = {}, set()
    nodes = [(LKP_NODE, group.profile.name or group.name)]
    nodes += [(a.id, a.name) for a in group.actors]
    for node, label in nodes:
        if _name_key(label) in seen:
            label = f"{label} ({node})"
        seen.add(_name_key(label))
        labels[node] = label
    return labels


def _oriented(link: Link) -> tuple[str, str, str]:
    """Return a link's ends and kind for the flat formats (backward links are swapped)."""
    if link.direction == "backward":
        return link.target, link.source, "directed"
    return link.source, link.target, "mutual" if link.direction == "both" else "directed"


def _kumu_tables(group: Group) -> tuple[list[dict], list[dict]]:
    """Kumu element and connection rows (column name -> value) for a group."""
    labels = _labels(group)
    cat = get_catalogue()
    lkp = {"Label": labels[LKP_NODE], "Type": LKP_TYPE, "Description": group.profile.facilities}
    elements = [lkp | {"Tags": "lkp"}]
    for a in group.actors:
        elements.append(
            {
                "Label": labels[a.id],
                "Type": _category_label(a.category),
                "Description": a.note,
                "Tags": cat.get("partner_categories", a.category).group,
                "Influence": a.influence,
                "Interest": a.interest,
                "Relationship": a.relationship,
                "Contact role": a.contact_role,
                "Offers flows": a.offers_flows,
                "Offers needs": a.offers_needs,
            }
        )
    connections = []
    for link in group.links:
        source, target, kind = _oriented(link)
        connections.append(
            {
                "From": labels.get(source, source),
                "To": labels.get(target, target),
                "Type": _flow_label(link.flow),
                "Direction": kind,
                "Strength": link.strength,
                "Description": link.note,
                "Status": link.status,
            }
        )
    return elements, connections


_KUMU_ELEMENT_COLUMNS = (
    "Label",
    "Type",
    "Description",
    "Tags",
    "Influence",
    "Interest",
    "Relationship",
    "Contact role",
    "Offers flows",
    "Offers needs",
)
_KUMU_CONNECTION_COLUMNS = ("From", "To", "Type", "Direction", "Strength", "Description", "Status")
_GEPHI_NODE_COLUMNS = (
    "Id",
    "Label",
    "Kind",
    "Category",
    "Influence",
    "Interest",
    "Relationship",
    "Contact role",
    "Offers flows",
    "Offers needs",
    "Note",
)
_GEPHI_EDGE_COLUMNS = (
    "Source",
    "Target",
    "Type",
    "Id",
    "Label",
    "Weight",
    "Flow",
    "Status",
    "Note",
)


def _gephi_tables(group: Group) -> tuple[list[dict], list[dict]]:
    """Gephi node and edge rows (column name -> value) for a group."""
    nodes = [{"Id": LKP_NODE, "Label": group.profile.name or group.name, "Kind": "lkp"}]
    for a in group.actors:
        nodes.append(
            {
                "Id": a.id,
                "Label": a.name,
                "Kind": "actor",
                "Category": a.category,
                "Influence": a.influence,
                "Interest": a.interest,
                "Relationship": a.relationship,
                "Contact role": a.contact_role,
                "Offers flows": a.offers_flows,
                "Offers needs": a.offers_needs,
                "Note": a.note,
            }
        )
    edges = []
    for link in group.links:
        source, target, kind = _oriented(link)
        edges.append(
            {
                "Source": source,
                "Target": target,
                "Type": "Undirected" if kind == "mutual" else "Directed",
                "Id": link.id,
                "Label": _flow_label(link.flow),
                "Weight": link.strength,
                "Flow": link.flow,
                "Status": link.status,
                "Note": link.note,
            }
        )
    return nodes, edges


def _csv_bytes(rows: list[dict], columns: tuple[str, ...], clean: _Cleaner) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([clean.text(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8")


def _xlsx_bytes(sheets: dict[str, tuple[list[dict], tuple[str, ...]]], clean: _Cleaner) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, (rows, columns) in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(list(columns))
        for row in rows:
            ws.append([clean.value(row.get(c)) for c in columns])
        for line in ws.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, never a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _kumu_blueprint(group: Group, clean: _Cleaner) -> dict:
    """Kumu JSON blueprint with one ``attributes`` object per element and connection."""
    elements, connections = _kumu_tables(group)
    ids = [LKP_NODE, *(a.id for a in group.actors)]
    rename = {"Type": "element type", "Tags": "tags"}
    out_elements = []
    for node, row in zip(ids, elements, strict=True):
        attributes: dict[str, Any] = {}
        for column, value in row.items():
            key = rename.get(column, column.lower())
            if key == "tags" or isinstance(value, list):
                attributes[key] = [clean.text(v) for v in _tags_list(value)]
            else:
                attributes[key] = clean.value(value)
        out_elements.append({"_id": node, "attributes": attributes})
    out_connections = []
    for link, row in zip(group.links, connections, strict=True):
        source, target, kind = _oriented(link)
        attributes = {
            "connection type": clean.text(row["Type"]),
            "flow": link.flow,
            "strength": link.strength,
            "description": clean.text(link.note),
            "status": link.status,
        }
        out_connections.append(
            {"_id": link.id, "from": source, "to": target, "direction": kind}
            | {"attributes": attributes}
        )
    return {"elements": out_elements, "connections": out_connections, "loops": []}


def _tags_list(value: Any) -> list:
    return [value] if isinstance(value, str) and value else list(value or [])


def _export_graph(group: Group, clean: _Cleaner) -> nx.MultiDiGraph:
    """:func:`toolkit.graph.build_graph` with attributes GraphML and GEXF can hold."""
    G = build_graph(group)
    out = nx.MultiDiGraph(name=clean.text(G.graph.get("name", "")))
    for node, data in G.nodes(data=True):
        out.add_node(str(node), **{k: clean.value(v) for k, v in data.items()})
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {k: clean.value(val) for k, val in data.items()}
        attrs.setdefault("weight", data.get("strength", 1))
        out.add_edge(str(u), str(v), key=str(key), **attrs)
    return out


def _graphml(group: Group, clean: _Cleaner) -> dict[str, bytes]:
    buf = io.BytesIO()
    nx.write_graphml(_export_graph(group, clean), buf, encoding="utf-8")
    return {".graphml": buf.getvalue()}


def _gexf(group: Group, clean: _Cleaner) -> dict[str, bytes]:
    buf = io.BytesIO()
    nx.write_gexf(_export_graph(group, clean), buf, encoding="utf-8")
    return {".gexf": buf.getvalue()}


def _kumu_json(group: Group, clean: _Cleaner) -> dict[str, bytes]:
    text = json.dumps(_kumu_blueprint(group, clean), ensure_ascii=False, indent=1) + "\n"
    return {".json": text.encode("utf-8")}


def _kumu_xlsx(group: Group, clean: _Cleaner) -> dict[str, bytes]:
    elements, connections = _kumu_tables(group)
    sheets = {
        "Elements": (elements, _KUMU_ELEMENT_COLUMNS),
        "Connections": (connections, _KUMU_CONNECTION_COLUMNS),
    }
    return {".xlsx": _xlsx_bytes(sheets, clean)}


def _kumu_csv(group: Group, clean: _Cleaner) -> dict[str, bytes]:
    elements, connections = _kumu_tables(group)
    return {
        "-elements.csv": _csv_bytes(elements, _KUMU_ELEMENT_COLUMNS, clean),
        "-connections.csv": _csv_bytes(connections, _KUMU_CONNECTION_COLUMNS, clean),
    }


def _gephi_csv(group: Group, clean: _Cleaner) -> dict[str, bytes]:
    nodes, edges = _gephi_tables(group)
    return {
        "-nodes.csv": _csv_bytes(nodes, _GEPHI_NODE_COLUMNS, clean),
        "-edges.csv": _csv_bytes(edges, _GEPHI_EDGE_COLUMNS, clean),
    }


_BUILDERS: dict[str, Callable[[Group, _Cleaner], dict[str, bytes]]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "kumu-json": _kumu_json,
    "kumu-xlsx": _kumu_xlsx,
    "kumu-csv": _kumu_csv,
    "gephi-csv": _gephi_csv,
}


def _check_format(format: str) -> str:
    if format not in FORMATS:
        raise KemitraanError(
            N_("Unknown format {format!r}; choose one of: {formats}."),
            format=format,
            formats=", ".join(FORMATS),
        )
    return format


def build_map(group: Group, format: str) -> MapExport:
    """Build the files of a group's partner map in one format, in memory.

    Parameters
    ----------
    group : toolkit.model.Group
        The group; the LKP becomes element/node ``"lkp"`` (Kumu type ``"LKP"``).
    format : {"graphml", "gexf", "kumu-json", "kumu-xlsx", "kumu-csv", "gephi-csv"}
        Target format (see :data:`FORMATS` and the module's column list).

    Returns
    -------
    MapExport
        ``files`` maps each suffix of ``FORMATS[format]`` to its bytes (UTF-8 text
        for CSV, JSON and XML; an OOXML workbook for XLSX); ``removed_characters``
        counts the control characters dropped from texts (0 or more).

    Raises
    ------
    KemitraanError
        If `format` is unknown.

    References
    ----------
    Kumu, "Structure your data for Kumu" and "JSON / Blueprints"; Gephi,
    "Spreadsheet (CSV) import"; GraphML Primer; GEXF 1.2 specification.
    """
    clean = _Cleaner()
    files = _BUILDERS[_check_format(format)](group, clean)
    return MapExport(format=format, files=files, removed_characters=clean.removed)


def export_paths(path: Path | str, format: str, *, stem: str = "peta-mitra") -> list[Path]:
    """Return the files :func:`write_map` writes for `path` in `format`.

    Parameters
    ----------
    path : path-like
        A file name, or an existing folder (then ``<stem><suffix>`` inside it).
        For two-file formats the suffix of the name is dropped:
        ``peta.csv`` -> ``peta-nodes.csv`` and ``peta-edges.csv``.
    format : str
        A key of :data:`FORMATS`.
    stem : str, default "peta-mitra"
        File stem used when `path` is a folder.

    Returns
    -------
    list of pathlib.Path
        One path per suffix of ``FORMATS[format]``; a name without a suffix gets
        the format's one (``peta`` -> ``peta.graphml``).

    Raises
    ------
    KemitraanError
        If `format` is unknown, or the name ends in a suffix that does not fit the
        format (``peta.csv`` for ``kumu-xlsx``, ``peta.xlsx`` for ``gephi-csv``):
        the file would not open in the program its suffix promises.
    """
    path = Path(path)
    suffixes = FORMATS[_check_format(format)]
    if path.is_dir():
        return [path / f"{stem}{s}" for s in suffixes]
    found = path.suffix.lower()
    if len(suffixes) == 1:
        if found and found != suffixes[0]:
            _wrong_suffix(path, format, suffixes[0])
        return [path if found else path.with_suffix(suffixes[0])]
    if found in _ONE_FILE_SUFFIXES:
        _wrong_suffix(path, format, ".csv")
    base = path.with_suffix("") if found in (".csv", ".txt") else path
    return [base.with_name(base.name + s) for s in suffixes]


_ONE_FILE_SUFFIXES = {".graphml", ".gexf", ".json", ".xlsx", ".xlsm", ".xls", ".docx", ".pdf"}


def _wrong_suffix(path: Path, format: str, suffix: str) -> None:
    raise KemitraanError(
        N_(
            "{path} ends in {found}, but the {format} format writes {suffix} files; "
            "end the name in {suffix} or choose the format that fits {found}."
        ),
        path=path,
        found=path.suffix,
        format=format,
        suffix=suffix,
    )


def write_map(group: Group, path_or_file: Path | str | IO[bytes], format: str) -> MapExport:
    """Write a group's partner map in one format, atomically.

    Parameters
    ----------
    group : toolkit.model.Group
        The group to export.
    path_or_file : path-like or binary file object
        Target (see :func:`export_paths` for two-file formats); an open binary file
        works for the one-file formats.
    format : str
        A key of :data:`FORMATS`.

    Returns
    -------
    MapExport
        As :func:`build_map`, with ``paths`` = the files written.

    Raises
    ------
    KemitraanError
        If `format` is unknown, a two-file format is given an open file, the name's
        suffix does not fit the format (see :func:`export_paths`), or the folder
        does not exist.
    OSError
        If a file cannot be written; its ``filename`` is the target that failed.
        Each file is written to a temporary file and renamed into place, so a
        failure never leaves a partial or empty file; the two files of the
        two-file formats are both written before either is renamed, and a failed
        rename puts the first one back, so the pair never mixes old and new.
    """
    if not isinstance(path_or_file, str | Path) and len(FORMATS[_check_format(format)]) > 1:
        raise KemitraanError(
            N_("The {format} format writes two files; give a file name, not an open file."),
            format=format,
        )
    result = build_map(group, format)
    if not isinstance(path_or_file, str | Path):
        path_or_file.write(next(iter(result.files.values())))
        return result
    paths = export_paths(path_or_file, format, stem=group.id)
    for path in paths:
        if not path.parent.is_dir():
            raise KemitraanError(
                N_(
                    "Cannot write {path}: the folder {folder} does not exist; create it "
                    "first or choose another place."
                ),
                path=path,
                folder=path.parent,
            )
    if len(paths) == 1:
        try:
            atomic_write_bytes(paths[0], next(iter(result.files.values())))
        except OSError as exc:
            raise _named(exc, paths[0]) from exc
    else:
        atomic_write_many(list(zip(paths, result.files.values(), strict=True)))
    result.paths = paths
    return result


# ============================================================ import: raw tables
@dataclass
class _Table:
    """Rows of one sheet or list: (row number, {canonical field: raw value})."""

    kind: str  # "elements" or "connections"
    name: str | None
    rows: list[tuple[int, dict[str, Any]]]


_ELEMENT_HEADERS = {
    "id": ("id", "_id", "kode"),
    "label": (
        "label",
        "nama",
        "name",
        "nama aktor",
        "nama mitra",
        "nama lembaga",
        "aktor",
        "mitra",
        "actor",
        "partner",
    ),
    "type": (
        "type",
        "tipe",
        "jenis",
        "kategori",
        "category",
        "element type",
        "jenis mitra",
        "kategori mitra",
    ),
    "kind": ("kind",),
    "description": ("description", "deskripsi", "keterangan", "catatan", "note", "notes"),
    "tags": ("tags", "tag"),
    "influence": ("influence", "pengaruh"),
    "interest": ("interest", "kepentingan", "minat", "ketertarikan"),
    "relationship": ("relationship", "hubungan", "kedekatan"),
    "contact_role": ("contact role", "kontak", "peran kontak", "jabatan kontak"),
    "offers_flows": ("offers flows", "aliran", "aliran ditawarkan", "menawarkan"),
    "offers_needs": ("offers needs", "kebutuhan"),
}
_CONNECTION_HEADERS = {
    "id": ("id", "_id", "kode"),
    "from": ("from", "dari", "source", "sumber", "asal"),
    "to": ("to", "ke", "target", "tujuan"),
    "flow": ("flow", "aliran", "connection type", "jenis aliran"),
    "type": ("type", "tipe", "jenis"),
    "direction": ("direction", "arah"),
    "strength": ("strength", "weight", "kekuatan", "bobot"),
    "status": ("status",),
    "description": ("description", "deskripsi", "keterangan", "catatan", "note", "notes"),
    "label": ("label",),
}
_HEADER_INDEX = {
    kind: {alias: canon for canon, aliases in table.items() for alias in aliases}
    for kind, table in (("elements", _ELEMENT_HEADERS), ("connections", _CONNECTION_HEADERS))
}


def _table_kind(headers: Iterable[str], name: str = "") -> str | None:
    keys = {_key(h) for h in headers if h}
    conn = _HEADER_INDEX["connections"]
    if {"from", "to"} <= {conn[k] for k in keys if k in conn}:
        return "connections"
    if any(_HEADER_INDEX["elements"].get(k) == "label" for k in keys):
        return "elements"
    return None


def _make_table(
    kind: str, name: str | None, headers: list[Any], rows: Iterable[tuple[int, list]], sink: list
) -> _Table:
    """Map headers to canonical fields; warn once about unused columns."""
    index = _HEADER_INDEX[kind]
    columns = [index.get(_key(_cell(h))) for h in headers]
    unused = [_cell(h) for h, c in zip(headers, columns, strict=True) if c is None and _cell(h)]
    for column in unused:
        sink.append(ImportIssue(N_("column {column!r} is not used"), {"column": column}))
    out = []
    for number, values in rows:
        row = {c: v for c, v in zip(columns, values, strict=False) if c and _cell(v)}
        if any(_cell(v) for v in values):
            out.append((number, row))
    return _Table(kind, name, out)


def _decode(data: bytes, source: str, warnings: list) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise KemitraanError(
                N_(
                    "{path} is not readable text: it starts like UTF-16 but is cut off or "
                    "damaged near byte {position} ({reason}). Open it in a spreadsheet "
                    "program and save it again as CSV (UTF-8)."
                ),
                path=source or "?",
                position=exc.start,
                reason=exc.reason,
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(
            ImportIssue(
                N_("{file} is not UTF-8; it was read as Windows-1252 (check letters like é)."),
                {"file": source},
            )
        )
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """Pick ``;``, ``,`` or tab by counting them in the header line (outside quotes)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    header = re.sub(r'"[^"]*"', "", header)
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


#: Longest CSV cell read, in characters (the csv module's default is 131,072); longer
#: texts are cut anyway (names to 200, notes to 10,000 characters).
_CSV_FIELD_LIMIT = 1 << 22


def _csv_rows(text: str, source: str) -> list[list[str]]:
    """Read CSV records; a record the reader refuses is named by row and line."""
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)  # process-wide, only ever raised
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise KemitraanError(
            N_(
                "{path}, row {row} (line {line}) cannot be read as CSV ({reason}); check "
                "that every quote is closed and that no cell holds more than {limit} "
                "characters."
            ),
            path=source or "?",
            row=len(rows) + 1,
            line=reader.line_num,
            reason=str(exc),
            limit=f"{_CSV_FIELD_LIMIT:,}",
        ) from None
    return rows


def _csv_table(data: bytes, source: str, warnings: list) -> _Table:
    text = _decode(data, source, warnings)
    rows = _csv_rows(text, source)
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise KemitraanError(N_("{path} is empty."), path=source)
    (_, headers), body = numbered[0], numbered[1:]
    kind = _table_kind(headers)
    if kind is None:
        raise KemitraanError(
            N_(
                "{path} has no Label (or Nama) column and no From and To (Dari, Ke) "
                "columns; name the columns in the first row."
            ),
            path=source,
        )
    return _make_table(kind, None, headers, body, warnings)


_SIBLINGS = (("-elements", "-connections"), ("-nodes", "-edges"))


def _sibling(path: Path) -> Path | None:
    """Return the other file of a Kumu or Gephi CSV pair, when it exists."""
    stem = path.stem
    for a, b in _SIBLINGS:
        for mine, other in ((a, b), (b, a)):
            if stem.lower().endswith(mine):
                candidate = path.with_name(stem[: -len(mine)] + other + path.suffix)
                if candidate.exists():
                    return candidate
    return None


def _xlsx_tables(data: bytes, source: str, warnings: list) -> list[_Table]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise KemitraanError(
            N_(
                "{path} is not a readable Excel workbook ({reason}); open it in Excel "
                "or LibreOffice and save it again as .xlsx."
            ),
            path=source,
            reason=str(exc) or type(exc).__name__,
        ) from None
    tables = []
    for ws in wb.worksheets:
        if "(ignore)" in ws.title.lower():
            continue
        rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
        rows = [(i, r) for i, r in rows if any(_cell(c) for c in r)]
        if not rows:
            continue
        headers = [_cell(h) for h in rows[0][1]]
        kind = _table_kind(headers, ws.title)
        if kind is None:
            warnings.append(
                ImportIssue(
                    N_("Sheet {sheet!r} has no Label or From/To column; it was skipped."),
                    {"sheet": ws.title},
                )
            )
            continue
        tables.append(_make_table(kind, ws.title, headers, rows[1:], warnings))
    wb.close()
    return tables


def _flatten(item: Any) -> dict[str, Any]:
    """Merge a Kumu JSON item's top-level keys with its ``attributes``."""
    if not isinstance(item, dict):
        return {}
    flat = {k: v for k, v in item.items() if k != "attributes"}
    attributes = item.get("attributes")
    if isinstance(attributes, dict):
        flat.update(attributes)
    return flat


def _json_tables(data: bytes, source: str, warnings: list, problems: list) -> list[_Table]:
    try:
        blueprint = json.loads(_decode(data, source, warnings))
    except json.JSONDecodeError as exc:
        raise KemitraanError(
            N_(
                "{path} is not valid JSON (line {line}, column {column}: {reason}); "
                "fix the file or export it again."
            ),
            path=source,
            line=exc.lineno,
            column=exc.colno,
            reason=exc.msg,
        ) from None
    if not isinstance(blueprint, dict) or not isinstance(blueprint.get("elements", []), list):
        raise KemitraanError(
            N_('{path} is not a Kumu blueprint: it needs an "elements" list.'), path=source
        )
    for key in ("connections", "loops"):
        if not isinstance(blueprint.get(key) or [], list):
            raise KemitraanError(
                N_(
                    '{path} is not a Kumu blueprint: "{key}" must be a list of objects '
                    "(found {found}); fix the file or export it again."
                ),
                path=source,
                key=key,
                found=type(blueprint[key]).__name__,
            )
    tables = []
    for kind in ("elements", "connections"):
        items = list(enumerate(blueprint.get(kind) or [], start=1))
        for number, item in items:
            if not isinstance(item, dict):
                problems.append(
                    ImportIssue(
                        N_("not a Kumu item (an object with attributes) — item skipped"),
                        row=number,
                        sheet=kind,
                    )
                )
        flat = [(i, _flatten(x)) for i, x in items if isinstance(x, dict)]
        headers = list(dict.fromkeys(k for _i, item in flat for k in item))
        rows = [(i, [item.get(h) for h in headers]) for i, item in flat]
        headers = ["Type" if h == "element type" and kind == "elements" else h for h in headers]
        tables.append(_make_table(kind, kind, headers, rows, warnings))
    return tables


def _strength(data: dict[str, Any]) -> Any:
    """Return an edge's ``strength``, or else its ``weight`` (as Gephi writes it)."""
    strength = data.get("strength")
    return data.get("weight") if strength is None or _cell(strength) == "" else strength


def _graph_tables(G: nx.Graph, warnings: list) -> list[_Table]:
    node_keys = list(dict.fromkeys(k for _, d in G.nodes(data=True) for k in d))
    node_rows = [
        (i, [node, d.get("label", node), *(d.get(k) for k in node_keys)])
        for i, (node, d) in enumerate(G.nodes(data=True), start=1)
    ]
    headers = ["id", "label", *node_keys]
    if "label" in node_keys:  # keep the first (default) label column only
        headers[2 + node_keys.index("label")] = ""
    edges = (
        list(G.edges(keys=True, data=True))
        if G.is_multigraph()
        else [(u, v, None, d) for u, v, d in G.edges(data=True)]
    )
    skip = ("id", "weight", "strength")
    edge_keys = list(dict.fromkeys(k for *_, d in edges for k in d if k not in skip))
    edge_rows = [
        (i, [u, v, d.get("id", key), _strength(d), *(d.get(k) for k in edge_keys)])
        for i, (u, v, key, d) in enumerate(edges, start=1)
    ]
    connections = _make_table(
        "connections", "edges", ["from", "to", "id", "strength", *edge_keys], edge_rows, warnings
    )
    if not G.is_directed():
        for _, row in connections.rows:
            row.setdefault("direction", "both")
    return [_make_table("elements", "nodes", headers, node_rows, warnings), connections]


def _xml_tables(data: bytes, source: str, format: str, warnings: list) -> list[_Table]:
    reader = nx.read_graphml if format == "graphml" else nx.read_gexf
    try:
        G = reader(io.BytesIO(data))
    except (ParseError, nx.NetworkXError, KeyError, ValueError, TypeError) as exc:
        raise KemitraanError(
            N_("{path} is not valid {format} ({reason}); export it again."),
            path=source,
            format=format.upper(),
            reason=str(exc) or type(exc).__name__,
        ) from None
    return _graph_tables(G, warnings)


def _guess_format(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    by_suffix = {
        ".xlsx": "kumu-xlsx",
        ".xlsm": "kumu-xlsx",
        ".json": "kumu-json",
        ".graphml": "graphml",
        ".gexf": "gexf",
    }
    if suffix in by_suffix:
        return by_suffix[suffix]
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):
        return "kumu-xlsx"
    if head.startswith((b"{", b"[")):
        return "kumu-json"
    if head.startswith(b"<"):
        return "gexf" if b"<gexf" in head else "graphml"
    return "csv"


_FORMAT_ALIASES = {"xlsx": "kumu-xlsx", "json": "kumu-json", "kumu-csv": "csv", "gephi-csv": "csv"}


def _read_tables(data: bytes, source: str, format: str, path: Path | None, result: ImportResult):
    sink = result.warnings
    if format in ("graphml", "gexf"):
        return _xml_tables(data, source, format, sink)
    if format == "kumu-xlsx":
        return _xlsx_tables(data, source, sink)
    if format == "kumu-json":
        return _json_tables(data, source, sink, result.problems)
    tables = [_csv_table(data, source, sink)]
    other = _sibling(path) if path is not None else None
    if other is not None:
        tables.append(_csv_table(other.read_bytes(), str(other), sink))
    for table in tables:
        table.name = None if len(tables) == 1 else table.kind
    return tables


# ======================================================== import: field parsing
@dataclass
class _Ctx:
    """Collects issues for one table and row."""

    result: ImportResult
    sheet: str | None = None
    row: int | None = None

    def warn(self, msgid: str, **params: Any) -> None:
        self.result.warnings.append(ImportIssue(msgid, params, self.row, self.sheet))

    def problem(self, msgid: str, **params: Any) -> None:
        self.result.problems.append(ImportIssue(msgid, params, self.row, self.sheet))


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = _cell(value).replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


_STRENGTH_WORDS = {
    "lemah": 1,
    "rendah": 1,
    "weak": 1,
    "low": 1,
    "sedang": 2,
    "medium": 2,
    "kuat": 3,
    "tinggi": 3,
    "strong": 3,
    "high": 3,
}


def _score(ctx: _Ctx, what: str, value: Any, low: int, high: int, default: int) -> int:
    """Read a whole number in low..high; round decimals and clamp outliers, with a warning."""
    text = _cell(value)
    if not text:
        return default
    number = _number(value)
    if number is None and _key(text) in _STRENGTH_WORDS and high == 3:
        return _STRENGTH_WORDS[_key(text)]
    if number is None:
        ctx.warn(
            N_("{field} {value!r} is not a number; {default} was used"),
            field=what,
            value=_brief(text),
            default=default,
        )
        return default
    result = min(high, max(low, math.floor(number + 0.5)))
    if result != number:
        ctx.warn(
            N_("{field} {value!r} became {result} (whole numbers {low}-{high})"),
            field=what,
            value=_brief(text),
            result=result,
            low=low,
            high=high,
        )
    return result


_FLOW_INDEX: list = [None, {}]  # [catalogue, {key of id or label: flow id}]


def _flow_index() -> dict[str, str]:
    cat = get_catalogue()
    if _FLOW_INDEX[0] is not cat:
        index: dict[str, str] = {}
        for flow in cat.flows:
            for text in (flow.id, flow.label.id, flow.label.en):
                index.setdefault(_key(text), flow.id)
        _FLOW_INDEX[:] = [cat, index]
    return _FLOW_INDEX[1]


def _flow(ctx: _Ctx, text: str) -> str:
    found = _flow_index().get(_key(text))
    if found is not None:
        return found
    if text:
        ctx.warn(
            N_("flow type {text!r} is not in the catalogue; it was read as 'informasi'"),
            text=_brief(text),
        )
    else:
        ctx.warn(N_("no flow type given; it was read as 'informasi'"))
    return _FALLBACK_FLOW


def _category(ctx: _Ctx, text: str) -> str:
    category = get_catalogue().category_for_alias(text) if text else None
    if category is not None:
        return category
    if text:
        ctx.warn(
            N_("category {text!r} is not in the catalogue; it was kept as 'lainnya'"),
            text=_brief(text),
        )
    else:
        ctx.warn(N_("no category given; it was kept as 'lainnya'"))
    return _FALLBACK_CATEGORY


_CHOICES = {
    "relationship": (
        {
            "belum kenal": "belum_kenal",
            "not known": "belum_kenal",
            "kenal": "kenal",
            "known": "kenal",
            "pernah kerja sama": "pernah_kerja_sama",
            "pernah bekerja sama": "pernah_kerja_sama",
            "worked together": "pernah_kerja_sama",
            "mitra aktif": "mitra_aktif",
            "active partner": "mitra_aktif",
        },
        "belum_kenal",
    ),
    "status": (
        {
            "existing": "existing",
            "ada": "existing",
            "sudah ada": "existing",
            "sudah": "existing",
            "aktif": "existing",
            "potential": "potential",
            "potensial": "potential",
            "calon": "potential",
            "rencana": "potential",
            "belum": "potential",
        },
        "potential",
    ),
    "direction": (
        {
            "forward": "forward",
            "directed": "forward",
            "satu arah": "forward",
            "->": "forward",
            "-->": "forward",
            "=>": "forward",
            "→": "forward",
            "backward": "backward",
            "<-": "backward",
            "<--": "backward",
            "<=": "backward",
            "←": "backward",
            "both": "both",
            "mutual": "both",
            "undirected": "both",
            "dua arah": "both",
            "timbal balik": "both",
            "<->": "both",
            "<-->": "both",
            "<=>": "both",
            "↔": "both",
            "--": "both",
        },
        "forward",
    ),
}


def _choice(ctx: _Ctx, what: str, text: str) -> str:
    table, default = _CHOICES[what]
    if not text:
        return default
    compact = "".join(text.split())  # arrows such as "->" before _key turns "-" into a blank
    if compact in table:
        return table[compact]
    if _key(text) in table:
        return table[_key(text)]
    ctx.warn(
        N_("{field} {value!r} is not known; {default!r} was used"),
        field=what,
        value=_brief(text),
        default=default,
    )
    return default


def _limited(ctx: _Ctx, what: str, text: str) -> str:
    limit = _LIMITS[what]
    if len(text) > limit:
        ctx.warn(N_("{field} was shortened to {n} characters"), field=what, n=limit)
        return text[:limit]
    return text


# ======================================================== import: rows to model
@dataclass
class _Nodes:
    """Imported nodes by id and by name key, with their first row; ids handed out so far."""

    by_id: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    own: frozenset[str] | None = None  # name keys of the group's own institution, if known
    lkp_found: bool = False
    actor_ids: _Ids = field(default_factory=lambda: _Ids("actor"))
    link_ids: _Ids = field(default_factory=lambda: _Ids("link"))

    def find(self, ref: str) -> str | None:
        if ref in self.by_id:
            return self.by_id[ref]
        found = self.by_name.get(_name_key(ref))
        return found[0] if found else None


def _tags(row: dict[str, Any]) -> set[str]:
    return {_key(t) for t in _cell(row.get("tags")).split("|")}


def _is_lkp(row: dict[str, Any], nodes: _Nodes, name: str) -> bool:
    """Whether an element row stands for the group's own institution (see import_map)."""
    if nodes.lkp_found:
        return False
    if _cell(row.get("id")) == LKP_NODE or _key(_cell(row.get("kind"))) == "lkp":
        return True
    if nodes.own is not None and _name_key(name) in nodes.own:
        return True
    if _key(_cell(row.get("type"))) != _key(LKP_TYPE) or _cell(row.get("kind")):
        return False
    # A Kumu element of type LKP: the toolkit's own export tags it "lkp"; any other
    # one is the group's LKP only when its name is the group's (or nothing is known).
    return nodes.own is None or "lkp" in _tags(row)


def _element(ctx: _Ctx, row: dict[str, Any], nodes: _Nodes) -> None:
    raw = _cell(row.get("label"))
    if not raw:
        ctx.problem(N_("empty name — row skipped"))
        return
    try:
        name = clean_name(raw)
    except ValueError:
        ctx.problem(N_("name {name!r} has no visible characters — row skipped"), name=raw)
        return
    first = nodes.by_name.get(_name_key(name))
    ref = _cell(row.get("id"))
    if first is not None:
        if ref and ref not in nodes.by_id:
            nodes.by_id[ref] = first[0]  # its links go to the first element of that name
            ctx.problem(
                N_(
                    "name {name!r} appears again (first in row {first}) — row skipped; "
                    "links to its id {id!r} go to the first one"
                ),
                name=name,
                first=first[1],
                id=ref,
            )
            return
        ctx.problem(
            N_("name {name!r} appears again (first in row {first}) — row skipped"),
            name=name,
            first=first[1],
        )
        return
    if _is_lkp(row, nodes, name):
        node = LKP_NODE
        nodes.lkp_found = True
        ctx.result.lkp_name = name
        for key in nodes.own or ():  # an element named like the group is the LKP again
            nodes.by_name.setdefault(key, (node, ctx.row))
    else:
        node = _actor(ctx, row, name, nodes)
        if node is None:
            return
    nodes.by_name[_name_key(name)] = (node, ctx.row)
    if ref:
        nodes.by_id.setdefault(ref, node)


def _actor(ctx: _Ctx, row: dict[str, Any], name: str, nodes: _Nodes) -> str | None:
    result = ctx.result
    flows = [_cell(f) for f in re.split(r"[|;]", _cell(row.get("offers_flows"))) if _cell(f)]
    try:
        actor = Actor(
            id=nodes.actor_ids.next(),
            name=_limited(ctx, "name", name),
            category=_category(ctx, _cell(row.get("type"))),
            influence=_score(ctx, "influence", row.get("influence"), 1, 5, 3),
            interest=_score(ctx, "interest", row.get("interest"), 1, 5, 3),
            offers_flows=list(dict.fromkeys(_flow(ctx, f) for f in flows)),
            relationship=_choice(ctx, "relationship", _cell(row.get("relationship"))),
            contact_role=_limited(ctx, "contact_role", _cell(row.get("contact_role"))),
            note=_limited(ctx, "note", _cell(row.get("description"))),
        )
    except ValidationError as exc:
        ctx.problem(
            N_("{name!r} cannot be read ({reason}) — row skipped"),
            name=name,
            reason=explain_validation(exc),
        )
        return None
    result.actors.append(actor)
    return actor.id


def _endpoint(ctx: _Ctx, ref: str, nodes: _Nodes) -> str:
    """Node id for a From/To cell; an unknown name becomes a new 'lainnya' actor."""
    found = nodes.find(ref)
    if found is not None:
        return found
    actor = Actor(id=nodes.actor_ids.next(), name=ref[: _LIMITS["name"]],
                  category=_FALLBACK_CATEGORY)  # fmt: skip
    ctx.result.actors.append(actor)
    nodes.by_name[_name_key(ref)] = (actor.id, ctx.row)
    ctx.warn(N_("{name!r} is not among the elements; it was added as 'lainnya'"), name=ref)
    return actor.id


def _clean_ref(text: str) -> str:
    try:
        return clean_name(text)
    except ValueError:
        return ""


def _ends(text: str, nodes: _Nodes) -> list[str]:
    """Return the names or ids in a From/To cell.

    The whole cell when it names a known node, else its parts split at ``|`` (Kumu's
    separator for several elements).
    """
    whole = _clean_ref(text)
    if not whole or "|" not in whole or nodes.find(whole) is not None:
        return [whole] if whole else []
    return [p for p in (_clean_ref(t) for t in whole.split("|")) if p]


_DIRECTION_WORDS = {"directed", "undirected", "mutual"}


def _connection_fields(ctx: _Ctx, row: dict[str, Any]) -> tuple[str, str, str]:
    """Flow id, direction and status of a connection row."""
    kind = _cell(row.get("type"))
    direction = _cell(row.get("direction"))
    if _key(kind) in _DIRECTION_WORDS:  # Gephi's Type column
        direction, kind = direction or kind, ""
    flow = _cell(row.get("flow")) or kind or _cell(row.get("label"))
    return (
        _flow(ctx, flow),
        _choice(ctx, "direction", direction),
        _choice(ctx, "status", _cell(row.get("status"))),
    )


def _connection(ctx: _Ctx, row: dict[str, Any], nodes: _Nodes, seen: dict) -> None:
    sources = _ends(_cell(row.get("from")), nodes)
    targets = _ends(_cell(row.get("to")), nodes)
    if not sources or not targets:
        ctx.problem(N_("From or To is empty — row skipped"))
        return
    flow, direction, status = _connection_fields(ctx, row)
    strength = _score(ctx, "strength", row.get("strength"), 1, 3, 2)
    note = _limited(ctx, "note", _cell(row.get("description")))
    for source_text, target_text in itertools.product(sources, targets):
        if _name_key(source_text) == _name_key(target_text) or (
            nodes.find(source_text) is not None
            and nodes.find(source_text) == nodes.find(target_text)
        ):
            ctx.problem(N_("the link joins {name!r} to itself — row skipped"), name=source_text)
            continue
        source = _endpoint(ctx, source_text, nodes)
        target = _endpoint(ctx, target_text, nodes)
        key = (source, target, flow) if direction != "backward" else (target, source, flow)
        if key in seen:
            ctx.problem(
                N_("the same link appears again (first in row {first}) — row skipped"),
                first=seen[key],
            )
            continue
        seen[key] = ctx.row
        ctx.result.links.append(
            Link(
                id=nodes.link_ids.next(),
                source=source,
                target=target,
                flow=flow,
                direction=direction,
                strength=strength,
                status=status,
                note=note,
            )
        )


def _build_result(
    tables: list[_Table], result: ImportResult, own: frozenset[str] | None
) -> ImportResult:
    nodes, seen = _Nodes(own=own), {}
    for table in sorted(tables, key=lambda t: t.kind != "elements"):
        for number, row in table.rows:
            ctx = _Ctx(result, table.name, number)
            if table.kind == "elements":
                _element(ctx, row, nodes)
            else:
                _connection(ctx, row, nodes, seen)
    return result


def _source(path_or_file: Path | str | IO) -> tuple[bytes, str, Path | None]:
    if isinstance(path_or_file, str | Path):
        path = Path(path_or_file)
        try:
            return path.read_bytes(), str(path), path
        except OSError as exc:
            raise KemitraanError(
                N_("Cannot read {path}: {reason}."), path=path, reason=exc.strerror or exc
            ) from None
    data = path_or_file.read()
    name = str(getattr(path_or_file, "name", "") or "")
    return (data.encode("utf-8") if isinstance(data, str) else data), name, None


def import_map(
    path_or_file: Path | str | IO,
    *,
    format: str | None = None,
    lkp_names: Iterable[str] | None = None,
) -> ImportResult:
    """Read a partner map from a Kumu, Gephi, GraphML or GEXF file.

    Parameters
    ----------
    path_or_file : path-like or file object
        The file. For a Kumu (``*-elements.csv`` / ``*-connections.csv``) or Gephi
        (``*-nodes.csv`` / ``*-edges.csv``) CSV pair, either file names the pair: the
        other one is read too when it sits next to it.
    format : str, optional
        One of :data:`FORMATS` (or ``"csv"``, ``"xlsx"``, ``"json"``); guessed from
        the file name and content when omitted. CSV files of both tools are read by
        the same reader (headers decide).
    lkp_names : iterable of str, optional
        Names of the group the map is read for: its display name and its LKP's
        name (``group.name``, ``group.profile.name``). When given, an element is the
        group's own LKP only if its id or kind is ``"lkp"`` (the toolkit's exports),
        it is a Kumu ``LKP`` element tagged ``lkp`` (the toolkit's Kumu export), or
        its name is one of these (case, blanks and Unicode form ignored); any other
        element of Kumu type ``LKP`` becomes an actor of category ``lkp`` (another
        LKP). When omitted, the first element of Kumu type ``LKP`` is taken as the
        group's own LKP.

    Returns
    -------
    ImportResult
        Actors (provisional ids), links, warnings and skipped-row problems. A bad row
        never loses the others. An element whose name repeats an earlier one is
        skipped, and links to its id go to the earlier element.

    Raises
    ------
    KemitraanError
        If the file cannot be read at all (missing, empty, not a workbook, not
        readable text, a CSV row the reader refuses, invalid JSON or XML, no
        recognisable header, no row under the header): the message names the file
        (and row) and says what to fix.

    Notes
    -----
    Headers are matched without regard to case, blanks, ``_`` or ``-``, in English or
    Indonesian (``Nama``/``Label``, ``Kategori``/``Type``, ``Dari``/``From``,
    ``Ke``/``To``, ``Pengaruh``, ``Kepentingan``, ``Arah``, ``Kekuatan``...). CSV
    text is UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252
    (with a warning); the delimiter (``,``, ``;`` or tab) is found from the header
    line; ``"2,5"`` reads as 2.5. Several ``From`` or ``To`` names separated by
    ``|`` make one link each, unless the whole cell is the name of an element
    (names may hold ``|``). Sheets whose name contains ``(ignore)`` are skipped, as
    in Kumu. Strength reads 1-3, or the words lemah/rendah/weak/low,
    sedang/medium, kuat/tinggi/strong/high; a GraphML or GEXF ``weight`` is read as
    the strength when there is no ``strength``.

    References
    ----------
    Kumu, "Structure your data for Kumu"; Kumu, "JSON / Blueprints"; Gephi,
    "Spreadsheet (CSV) import"; GraphML Primer; GEXF 1.2 specification;
    RFC 4180 (CSV).
    """
    data, source, path = _source(path_or_file)
    if not data.strip():
        raise KemitraanError(N_("{path} is empty."), path=source or "?")
    if format is not None and format not in (*FORMATS, "csv", "xlsx", "json"):
        _check_format(format)
    fmt = _FORMAT_ALIASES.get(format or "", format) or _guess_format(source, data)
    result = ImportResult(format=fmt)
    tables = _read_tables(data, source, fmt, path, result)
    if not any(t.rows for t in tables):
        raise KemitraanError(
            N_(
                "{path} has no rows to read: write the elements (and connections) under "
                "the header row. Sheets whose name contains '(ignore)' are skipped."
            ),
            path=source or "?",
        )
    if fmt == "csv":
        fmt = _csv_format(tables)
        result.format = fmt
    own = None if lkp_names is None else frozenset(_name_key(n) for n in lkp_names if n)
    return _build_result(tables, result, own)


def _csv_format(tables: list[_Table]) -> str:
    gephi = any(
        "id" in row and "label" in row for t in tables if t.kind == "elements" for _, row in t.rows
    )
    return "gephi-csv" if gephi else "kumu-csv"


# ================================================================ apply an import
def _find_existing(
    by_name: dict[str, list[Actor]], actor: Actor, summary: ApplySummary
) -> str | None:
    same_name = by_name.get(_name_key(actor.name), [])
    for existing in same_name:
        if existing.category == actor.category:
            return existing.id
    if len(same_name) == 1:
        summary.warnings.append(
            ImportIssue(
                N_(
                    "{name!r} is already on the map with category {category!r}; the map's "
                    "actor was kept as it is"
                ),
                {"name": actor.name, "category": same_name[0].category},
            )
        )
        return same_name[0].id
    return None


def _link_key(link: Link) -> tuple:
    return link_key(link.source, link.target, link.flow, link.direction)


def apply_import(group: Group, result: ImportResult, *, mode: str = "merge") -> ApplySummary:
    """Add what :func:`import_map` read to a group, never doubling an actor.

    Parameters
    ----------
    group : toolkit.model.Group
        The group to change (in place); save it afterwards, e.g. inside
        :meth:`toolkit.storage.Workshop.edit`.
    result : ImportResult
        From :func:`import_map`.
    mode : {"merge"}, default "merge"
        Only merging is offered: nothing already on the map is changed or removed.

    Returns
    -------
    ApplySummary
        Ids of the new and matched actors, new links, links already present and
        warnings. An imported actor matches an actor on the map with the same
        name (case, blanks and Unicode form ignored) and category; failing that,
        the only actor with the same name (with a warning). An actor named like
        the group or its LKP stands for the LKP. New ids come from
        :func:`toolkit.model.next_id`.

    Raises
    ------
    KemitraanError
        If `mode` is not ``"merge"``.
    """
    if mode != "merge":
        raise KemitraanError(
            N_("Unknown import mode {mode!r}; only 'merge' is offered."), mode=mode
        )
    summary = ApplySummary()
    own = {_name_key(n) for n in (group.name, group.profile.name) if n}
    by_name: dict[str, list[Actor]] = {}
    for existing in group.actors:
        by_name.setdefault(_name_key(existing.name), []).append(existing)
    actor_ids = _Ids("actor", (a.id for a in group.actors))
    mapping = {LKP_NODE: LKP_NODE}
    for actor in result.actors:
        if _name_key(actor.name) in own:
            mapping[actor.id] = LKP_NODE
            continue
        found = _find_existing(by_name, actor, summary)
        if found is not None:
            mapping[actor.id] = found
            summary.matched_actors.append(found)
            continue
        added = actor.model_copy(update={"id": actor_ids.next(), "offers_needs": []})
        group.actors.append(added)
        by_name.setdefault(_name_key(added.name), []).append(added)
        mapping[actor.id] = added.id
        summary.added_actors.append(added.id)
    known = {_link_key(k) for k in group.links}
    link_ids = _Ids("link", (k.id for k in group.links))
    for link in result.links:
        _apply_link(group, link, mapping, summary, known, link_ids)
    return summary


def _apply_link(
    group: Group, link: Link, mapping: dict, summary: ApplySummary, known: set, ids: _Ids
) -> None:
    source, target = mapping.get(link.source), mapping.get(link.target)
    if source is None or target is None:
        return
    if source == target:
        summary.warnings.append(
            ImportIssue(
                N_("a link became a loop on {node!r} after matching names; it was left out"),
                {"node": source},
            )
        )
        return
    key = link_key(source, target, link.flow, link.direction)
    if key in known:
        summary.known_links += 1
        return
    known.add(key)
    candidate = link.model_copy(update={"id": ids.next(), "source": source, "target": target})
    group.links.append(candidate)
    summary.added_links.append(candidate.id)
