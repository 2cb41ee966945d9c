"""Analysis of a group's work: pure functions on the model, plain returns.

- :mod:`toolkit.analysis.priority`: ranking what the LKP lacks (step 2, needs).

Everything is re-exported here, so ``from toolkit.analysis import rank_needs`` works.
"""

from .priority import (
    AVAILABILITY_LABELS,
    COLUMN_LABELS,
    COLUMNS,
    GAP,
    NOT_RATED,
    STAGE_LABELS,
    STAGE_ORDER,
    describe_priority,
    priority_needs,
    priority_score,
    rank_needs,
)

__all__ = [
    "AVAILABILITY_LABELS",
    "COLUMN_LABELS",
    "COLUMNS",
    "GAP",
    "NOT_RATED",
    "STAGE_LABELS",
    "STAGE_ORDER",
    "describe_priority",
    "priority_needs",
    "priority_score",
    "rank_needs",
]
