"""Run every benchmark in bench/ and print its ratios.

Each benchmark measures the toolkit against a plain baseline in the same run and
prints medians and the ratio; targets are printed beside the results. Results are
informative: the script exits 0 even when a ratio is above its target.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

BENCHES = [
    "bench_storage",
    "bench_dashboard",
    "bench_import",
    "bench_map",
    "bench_map_paint",
    "bench_export",
    "bench_browser_save",
]


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    for name in BENCHES:
        module = importlib.import_module(name)
        print(f"== {name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
