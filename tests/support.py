"""Small helpers shared by several test modules (``tests/`` is on ``sys.path``)."""

from __future__ import annotations

from toolkit.model import Need


class ManualTimer:
    """Stands in for the session's save timer: collects scheduled saves, fired by hand."""

    def __init__(self):
        self.calls = []

    def __call__(self, delay, fn):
        entry = {"fn": fn, "cancelled": False, "delay": delay}
        self.calls.append(entry)
        return lambda: entry.update(cancelled=True)

    def fire(self):
        for entry in [c for c in self.calls if not c["cancelled"]]:
            entry["cancelled"] = True
            entry["fn"]()


def make_need(n, aspect, label, availability, importance, urgency, stage=None):
    """A need with id ``need-<n>`` (the ranking tests' shorthand)."""
    return Need(
        id=f"need-{n}",
        aspect=aspect,
        label=label,
        availability=availability,
        importance=importance,
        urgency=urgency,
        programme_stage=stage,
    )
