"""Workshop.open + loading 1,000 group files vs plain json.load of the same files.

Target (issue 2): ratio <= 3x. Both sides read the same files from the page cache;
each side is run REPEATS times and the median is compared.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import toolkit
from toolkit.model import GroupRef
from toolkit.storage import GROUPS_DIR, WORKSHOP_FILE, _dumps

N_GROUPS = 1000
REPEATS = 5
TARGET = 3.0


def make_workshop(root: Path) -> Path:
    """Copy the sample's complete group 1,000 times under new ids."""
    sample = toolkit.create_sample(root / "sample")
    template = sample.load(sample.group_ids[0])
    path = root / "big"
    ws = toolkit.Workshop.create(path, title="Benchmark", groups=[])
    info = ws.info
    for i in range(N_GROUPS):
        gid = f"kelompok-{i:04d}"
        group = template.model_copy(update={"id": gid, "name": f"Kelompok {i}"})
        (path / GROUPS_DIR / f"{gid}.json").write_text(_dumps(group), encoding="utf-8")
        info.groups.append(GroupRef(id=gid, name=f"Kelompok {i}"))
    (path / WORKSHOP_FILE).write_text(_dumps(info), encoding="utf-8")
    return path


def run_toolkit(path: Path) -> int:
    ws = toolkit.Workshop.open(path)
    return sum(len(ws.load(gid).actors) for gid in ws.group_ids)


def run_json(path: Path) -> int:
    with open(path / WORKSHOP_FILE, encoding="utf-8") as fh:
        info = json.load(fh)
    total = 0
    for ref in info["groups"]:
        with open(path / GROUPS_DIR / f"{ref['id']}.json", encoding="utf-8") as fh:
            total += len(json.load(fh)["actors"])
    return total


def median_seconds(fn, path: Path) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="kemitraan-bench-"))
    try:
        path = make_workshop(root)
        assert run_toolkit(path) == run_json(path)
        size = sum(f.stat().st_size for f in (path / GROUPS_DIR).glob("*.json")) / 1e6
        base = median_seconds(run_json, path)
        ours = median_seconds(run_toolkit, path)
        print(f"groups: {N_GROUPS} files, {size:.1f} MB")
        print(f"json.load:                  median {base * 1000:8.1f} ms")
        print(f"Workshop.open + load:       median {ours * 1000:8.1f} ms")
        verdict = "OK" if ours / base <= TARGET else "ABOVE TARGET"
        print(f"ratio: {ours / base:.2f}x (target <= {TARGET:.0f}x) {verdict}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
