"""Importing a 10,000-element, 10,000-connection Kumu CSV pair vs csv.DictReader.

Target (issue 4): the import, including merging it into an empty group, takes a few
seconds, i.e. it grows with the number of rows and not with its square; before the
fix it took about 10 minutes. The baseline reads the same two files with
``csv.DictReader``; each side is run REPEATS times and the median is compared.
"""

from __future__ import annotations

import csv
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from toolkit.io import apply_import, import_map
from toolkit.model import Group

N_ELEMENTS = 10_000
N_CONNECTIONS = 10_000
REPEATS = 3
TARGET_SECONDS = 10.0


def make_files(folder: Path) -> Path:
    """Write big-elements.csv and big-connections.csv; return the elements file."""
    elements = folder / "big-elements.csv"
    with elements.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Label", "Type", "Influence", "Interest"])
        for i in range(N_ELEMENTS):
            writer.writerow([f"Mitra {i}", "dudi", 1 + i % 5, 1 + i * 7 % 5])
    with (folder / "big-connections.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["From", "To", "Type", "Direction", "Strength"])
        for k in range(N_CONNECTIONS):
            source = k % N_ELEMENTS
            target = (source + 1 + k // N_ELEMENTS) % N_ELEMENTS
            writer.writerow([f"Mitra {source}", f"Mitra {target}", "informasi", "directed", 2])
    return elements


def run_toolkit(elements: Path) -> int:
    group = Group(id="bench", name="Benchmark")
    summary = apply_import(group, import_map(elements))
    return len(summary.added_actors) + len(summary.added_links)


def run_csv(elements: Path) -> int:
    total = 0
    for path in (elements, elements.with_name("big-connections.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            total += sum(1 for _row in csv.DictReader(fh))
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
        elements = make_files(root)
        assert run_toolkit(elements) == run_csv(elements)
        base = median_seconds(run_csv, elements)
        ours = median_seconds(run_toolkit, elements)
        print(f"rows: {N_ELEMENTS} elements + {N_CONNECTIONS} connections")
        print(f"csv.DictReader:             median {base * 1000:8.1f} ms")
        print(f"import_map + apply_import:  median {ours * 1000:8.1f} ms")
        verdict = "OK" if ours <= TARGET_SECONDS else "ABOVE TARGET"
        print(
            f"ratio: {ours / base:.0f}x; {ours:.1f} s "
            f"(target <= {TARGET_SECONDS:.0f} s, was ~600 s) {verdict}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
