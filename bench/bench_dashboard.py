"""Dashboard aggregation of 1,000 group files vs plain json.load of the same files.

Target (issue 6): ratio <= 3x. The toolkit side opens the workshop with a fresh
:class:`toolkit.dashboard.DashboardReader` (no cached summaries) and builds the
dashboard's tables (progress, quiz questions, exercises, needs nobody covers); the
baseline reads ``workshop.json`` and every group file with ``json.load``. Both read
the same files from the page cache; each side runs REPEATS times, medians compared.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from bench_storage import make_workshop

from toolkit.dashboard import DashboardReader
from toolkit.storage import GROUPS_DIR, WORKSHOP_FILE

REPEATS = 5
TARGET = 3.0


def run_dashboard(path: Path) -> int:
    board = DashboardReader(path).read()
    board.progress_table()
    board.quiz_table()
    board.exercise_table()
    board.uncovered_overall()
    return len(board.groups)


def run_json(path: Path) -> int:
    with open(path / WORKSHOP_FILE, encoding="utf-8") as fh:
        info = json.load(fh)
    for ref in info["groups"]:
        with open(path / GROUPS_DIR / f"{ref['id']}.json", encoding="utf-8") as fh:
            json.load(fh)
    return len(info["groups"])


def _median(fn, path: Path) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = make_workshop(Path(tmp))
        assert run_dashboard(path) == run_json(path) == 1000  # warm the page cache
        board = _median(run_dashboard, path)
        plain = _median(run_json, path)
    ratio = board / plain
    print(f"dashboard of 1,000 groups: {board * 1000:.0f} ms (median of {REPEATS})")
    print(f"json.load of the same files: {plain * 1000:.0f} ms")
    verdict = "ok" if ratio <= TARGET else "ABOVE TARGET"
    print(f"ratio dashboard / json.load: {ratio:.2f}x (target <= {TARGET:.0f}x) {verdict}")


if __name__ == "__main__":
    main()
