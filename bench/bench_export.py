"""Plan worksheets in all four formats for 30 groups vs writing the same text to plain files.

Issue 5 asks for seconds per group and the ratio to a plain-text baseline. Both sides
start from the same 30 groups (copies of the sample's complete group under other
names). The toolkit side calls :func:`toolkit.export.export_plan` (XLSX, DOCX, HTML,
PDF: tables, the three pictures, the draft agreements); the baseline writes the
worksheet's text (every table cell, field, clause and finding, gathered once per
group with :class:`toolkit.export._content.Content`) to four ``.txt`` files per group.
The text gathering is outside the baseline's timing, so the ratio is the full cost
of laying out and drawing the documents over the cost of writing their words.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

import toolkit
from toolkit.export import export_plan
from toolkit.export._content import Content

N_GROUPS = 30
FORMATS = ("xlsx", "docx", "html", "pdf")


def make_groups(root: Path) -> list[toolkit.model.Group]:
    """Return 30 copies of the sample's complete group with distinct ids and names."""
    sample = toolkit.create_sample(root / "sample")
    template = sample.load("lkp-jahit-cempaka-mandiri")
    return [
        template.model_copy(update={"id": f"kelompok-{i:02d}", "name": f"LKP Contoh {i:02d}"})
        for i in range(N_GROUPS)
    ]


def worksheet_text(group: toolkit.model.Group) -> str:
    """Every word of the plan worksheet as plain text (what the exports lay out)."""
    c = Content(group, lang="id", today=dt.date(2026, 11, 30))
    parts = [c.title, c.group_name]
    parts += [f"{label}: {c.text(value)}" for label, value in c.profile()]
    tables = [c.needs(), c.partners(), c.links(), c.schedule(), c.plan_rows()]
    for p in group.plan.partnerships:
        tables += [c.activities(p), c.sustaining(p)]
        a = c.agreement(p)
        parts += [a.title, a.intro, *(f"{h}\n{t}" for h, t in a.clauses)]
    for table in tables:
        parts.append("\t".join(table.headers))
        parts += ["\t".join(c.text(v) for v in row) for row in table.rows]
    parts += c.principle_findings()
    return "\n".join(parts)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        groups = make_groups(root)
        texts = [worksheet_text(g) for g in groups]

        start = time.perf_counter()
        for i, text in enumerate(texts):
            for fmt in FORMATS:
                (root / f"plain-{i:02d}-{fmt}.txt").write_text(text, encoding="utf-8")
        plain = time.perf_counter() - start

        out = root / "exports"
        start = time.perf_counter()
        size = 0
        for group in groups:
            for path in export_plan(group, out, formats=FORMATS, lang="id"):
                size += path.stat().st_size
        full = time.perf_counter() - start

    per_group = full / N_GROUPS
    print(f"{N_GROUPS} groups x {len(FORMATS)} formats ({', '.join(FORMATS)}): {full:.1f} s")
    print(f"  toolkit export:  {per_group:.3f} s per group ({size / 1e6:.1f} MB written)")
    print(f"  plain text:      {plain / N_GROUPS * 1000:.3f} ms per group")
    print(f"  ratio export / plain text: {full / plain:,.0f}x (informative; no target)")


if __name__ == "__main__":
    main()
