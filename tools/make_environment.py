"""Print environment.yml for conda users from the exact pins in constraints.txt."""

import sys

HEADER = """# Conda environment with the same pinned packages as constraints.txt.
# Create it with:  conda env create -f environment.yml && conda activate kemitraan
name: kemitraan
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:"""


def main(path: str) -> None:
    pins = [
        line.strip()
        for line in open(path, encoding="utf-8")
        if line.strip() and not line.startswith("#")
    ]
    print(HEADER)
    for pin in pins:
        print(f"      - {pin}")
    print("      - -e .")


if __name__ == "__main__":
    main(sys.argv[1])
