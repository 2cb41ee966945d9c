"""Export of the regional (merged) partner map in the partner-map formats of step 3.

A thin adapter over :mod:`toolkit.io`: the same formats (GraphML, GEXF, Kumu JSON,
Kumu XLSX, Kumu CSV pair, Gephi CSV pair), the same column names, file suffixes,
text cleaning and atomic writes; only the rows come from a
:class:`toolkit.analysis.regional.RegionalMap` instead of one group. Each group's
LKP is an element of its own (Kumu type ``"LKP"``, node id = the group id); merged
actors have the id of their first member (``"<group id>/<actor id>"``). Three
columns are added to the step-3 columns: ``Groups`` (group ids joined with ``|``),
``Group count`` and, for connections, ``Flows``. ``Offers needs`` holds the labels
of the lacking needs the actor could meet (need ids belong to one group).

References
----------
Kumu, "Structure your data for Kumu" and "JSON / Blueprints"; Gephi, "Spreadsheet
(CSV) import"; GraphML Primer; GEXF 1.2 specification.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ._atomic import atomic_write_bytes
from .analysis.regional import RegionalMap
from .catalogue import get_catalogue
from .errors import KemitraanError
from .i18n import N_
from .io import (
    _GEPHI_EDGE_COLUMNS,
    _GEPHI_NODE_COLUMNS,
    _KUMU_CONNECTION_COLUMNS,
    _KUMU_ELEMENT_COLUMNS,
    FORMATS,
    LKP_TYPE,
    MapExport,
    _check_format,
    _Cleaner,
    _csv_bytes,
    _name_key,
    _xlsx_bytes,
    export_paths,
)

__all__ = ["REGIONAL_STEM", "build_regional_map", "write_regional_map"]

#: File stem used when the target is a folder.
REGIONAL_STEM = "peta-mitra-regional"

_EXTRA_NODE = ("Groups", "Group count")
_EXTRA_EDGE = ("Flows", "Groups", "Group count")


def _labels(G: nx.DiGraph) -> dict[str, str]:
    """Give each node a unique display label (Kumu matches connections by label)."""
    labels, seen = {}, set()
    for node, data in G.nodes(data=True):
        label = str(data.get("label") or node)
        if _name_key(label) in seen:
            label = f"{label} ({node})"
        seen.add(_name_key(label))
        labels[node] = label
    return labels


def _category(data: dict) -> str:
    if data.get("kind") == "lkp":
        return LKP_TYPE
    return get_catalogue().label("partner_categories", data["category"], "id")


def _kumu_tables(rmap: RegionalMap) -> tuple[list[dict], list[dict]]:
    G, labels, cat = rmap.graph, _labels(rmap.graph), get_catalogue()
    elements = []
    for node, d in G.nodes(data=True):
        lkp = d.get("kind") == "lkp"
        row = {"Label": labels[node], "Type": _category(d), "Groups": d["groups"]}
        row |= {"Group count": d["count"]}
        if lkp:
            row["Tags"] = "lkp"
        else:
            row |= {
                "Tags": cat.get("partner_categories", d["category"]).group,
                "Influence": d["influence"],
                "Interest": d["interest"],
                "Relationship": d["relationship"],
                "Contact role": d["contact_role"],
                "Offers flows": d["offers_flows"],
                "Offers needs": d["offers_needs"],
            }
        elements.append(row)
    connections = [
        {
            "From": labels[u],
            "To": labels[v],
            "Type": cat.label("flows", d["flow"], "id"),
            "Direction": "mutual" if d["direction"] == "both" else "directed",
            "Strength": d["strength"],
            "Status": d["status"],
            "Flows": d["flows"],
            "Groups": d["groups"],
            "Group count": d["count"],
        }
        for u, v, d in G.edges(data=True)
    ]
    return elements, connections


def _gephi_tables(rmap: RegionalMap) -> tuple[list[dict], list[dict]]:
    G = rmap.graph
    nodes = []
    for node, d in G.nodes(data=True):
        row = {"Id": node, "Label": d["label"], "Kind": d["kind"], "Groups": d["groups"]}
        row |= {"Group count": d["count"]}
        if d["kind"] == "actor":
            row |= {
                "Category": d["category"],
                "Influence": d["influence"],
                "Interest": d["interest"],
                "Relationship": d["relationship"],
                "Contact role": d["contact_role"],
                "Offers flows": d["offers_flows"],
                "Offers needs": d["offers_needs"],
            }
        nodes.append(row)
    edges = [
        {
            "Source": u,
            "Target": v,
            "Type": "Undirected" if d["direction"] == "both" else "Directed",
            "Id": f"e{i}",
            "Label": get_catalogue().label("flows", d["flow"], "id"),
            "Weight": d["strength"],
            "Flow": d["flow"],
            "Status": d["status"],
            "Flows": d["flows"],
            "Groups": d["groups"],
            "Group count": d["count"],
        }
        for i, (u, v, d) in enumerate(G.edges(data=True), start=1)
    ]
    return nodes, edges


def _export_graph(rmap: RegionalMap, clean: _Cleaner) -> nx.DiGraph:
    """Copy the merged graph with values GraphML and GEXF can hold (lists joined by |)."""
    G = rmap.graph
    out = nx.DiGraph(name=clean.text(G.graph.get("name", "")))
    for node, data in G.nodes(data=True):
        out.add_node(str(node), **{k: clean.value(v) for k, v in data.items()})
    for u, v, data in G.edges(data=True):
        attrs = {k: clean.value(val) for k, val in data.items()}
        out.add_edge(str(u), str(v), weight=data["strength"], **attrs)
    return out


def _kumu_blueprint(rmap: RegionalMap, clean: _Cleaner) -> dict:
    elements, connections = _kumu_tables(rmap)
    rename = {"Type": "element type", "Tags": "tags"}
    out_elements = []
    for node, row in zip(rmap.graph.nodes, elements, strict=True):
        attributes: dict[str, Any] = {}
        for column, value in row.items():
            key = rename.get(column, column.lower())
            if isinstance(value, list) or key == "tags":
                items = [value] if isinstance(value, str) else value
                attributes[key] = [clean.text(v) for v in items]
            else:
                attributes[key] = clean.value(value)
        out_elements.append({"_id": node, "attributes": attributes})
    out_connections = []
    for i, ((u, v, d), row) in enumerate(
        zip(rmap.graph.edges(data=True), connections, strict=True)
    ):
        attributes = {
            "connection type": clean.text(row["Type"]),
            "flow": d["flow"],
            "flows": list(d["flows"]),
            "strength": d["strength"],
            "status": d["status"],
            "groups": [clean.text(g) for g in d["groups"]],
            "group count": d["count"],
        }
        out_connections.append(
            {"_id": f"e{i + 1}", "from": u, "to": v, "direction": row["Direction"]}
            | {"attributes": attributes}
        )
    return {"elements": out_elements, "connections": out_connections, "loops": []}


def _graphml(rmap: RegionalMap, clean: _Cleaner) -> dict[str, bytes]:
    buf = io.BytesIO()
    nx.write_graphml(_export_graph(rmap, clean), buf, encoding="utf-8")
    return {".graphml": buf.getvalue()}


def _gexf(rmap: RegionalMap, clean: _Cleaner) -> dict[str, bytes]:
    buf = io.BytesIO()
    nx.write_gexf(_export_graph(rmap, clean), buf, encoding="utf-8")
    return {".gexf": buf.getvalue()}


def _kumu_json(rmap: RegionalMap, clean: _Cleaner) -> dict[str, bytes]:
    text = json.dumps(_kumu_blueprint(rmap, clean), ensure_ascii=False, indent=1) + "\n"
    return {".json": text.encode("utf-8")}


_ELEMENTS = _KUMU_ELEMENT_COLUMNS + _EXTRA_NODE
_CONNECTIONS = _KUMU_CONNECTION_COLUMNS + _EXTRA_EDGE


def _kumu_xlsx(rmap: RegionalMap, clean: _Cleaner) -> dict[str, bytes]:
    elements, connections = _kumu_tables(rmap)
    sheets = {"Elements": (elements, _ELEMENTS), "Connections": (connections, _CONNECTIONS)}
    return {".xlsx": _xlsx_bytes(sheets, clean)}


def _kumu_csv(rmap: RegionalMap, clean: _Cleaner) -> dict[str, bytes]:
    elements, connections = _kumu_tables(rmap)
    return {
        "-elements.csv": _csv_bytes(elements, _ELEMENTS, clean),
        "-connections.csv": _csv_bytes(connections, _CONNECTIONS, clean),
    }


def _gephi_csv(rmap: RegionalMap, clean: _Cleaner) -> dict[str, bytes]:
    nodes, edges = _gephi_tables(rmap)
    return {
        "-nodes.csv": _csv_bytes(nodes, _GEPHI_NODE_COLUMNS + _EXTRA_NODE, clean),
        "-edges.csv": _csv_bytes(edges, _GEPHI_EDGE_COLUMNS + _EXTRA_EDGE, clean),
    }


_BUILDERS: dict[str, Callable[[RegionalMap, _Cleaner], dict[str, bytes]]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "kumu-json": _kumu_json,
    "kumu-xlsx": _kumu_xlsx,
    "kumu-csv": _kumu_csv,
    "gephi-csv": _gephi_csv,
}


def build_regional_map(rmap: RegionalMap, format: str) -> MapExport:
    """Build the files of the regional map in one format, in memory.

    Parameters
    ----------
    rmap : toolkit.analysis.regional.RegionalMap
        The merged map, from :func:`toolkit.regional_store.regional_map` or
        :func:`toolkit.analysis.regional.merge_maps`.
    format : {"graphml", "gexf", "kumu-json", "kumu-xlsx", "kumu-csv", "gephi-csv"}
        Target format (:data:`toolkit.io.FORMATS`).

    Returns
    -------
    MapExport
        ``files`` maps each suffix of ``FORMATS[format]`` to its bytes;
        ``removed_characters`` counts the control characters dropped from texts.

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
    files = _BUILDERS[_check_format(format)](rmap, clean)
    return MapExport(format=format, files=files, removed_characters=clean.removed)


def write_regional_map(
    rmap: RegionalMap, path_or_file: Path | str | IO[bytes], format: str
) -> MapExport:
    """Write the regional map in one format, atomically.

    Parameters
    ----------
    rmap : toolkit.analysis.regional.RegionalMap
        The merged map.
    path_or_file : path-like or binary file object
        A file name, or an existing folder (then ``peta-mitra-regional<suffix>``
        inside it); two-file formats drop the ``.csv`` suffix of the name and add
        theirs (see :func:`toolkit.io.export_paths`).
    format : str
        A key of :data:`toolkit.io.FORMATS`.

    Returns
    -------
    MapExport
        As :func:`build_regional_map`, with ``paths`` = the files written.

    Raises
    ------
    KemitraanError
        If `format` is unknown, or a two-file format is given an open file.
    OSError
        If a file cannot be written (no partial or empty file is left).
    """
    if not isinstance(path_or_file, str | Path) and len(FORMATS[_check_format(format)]) > 1:
        raise KemitraanError(
            N_("The {format} format writes two files; give a file name, not an open file."),
            format=format,
        )
    result = build_regional_map(rmap, format)
    if not isinstance(path_or_file, str | Path):
        path_or_file.write(next(iter(result.files.values())))
        return result
    paths = export_paths(path_or_file, format, stem=REGIONAL_STEM)
    for path, data in zip(paths, result.files.values(), strict=True):
        atomic_write_bytes(path, data)
    result.paths = paths
    return result
