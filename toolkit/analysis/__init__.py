"""Analysis of a group's work: pure functions on the model, plain returns.

- :mod:`toolkit.analysis.priority`: ranking what the LKP lacks (step 2, needs).
- :mod:`toolkit.analysis.partners`: reading the partner map (coverage, set cover,
  brokers, reciprocity, pattern suggestions, messages about the map).
- :mod:`toolkit.analysis.plan`: checking the partnership plan against the principles
  and ethics, its schedule and the calendar of sustaining techniques.

Everything is re-exported here, so ``from toolkit.analysis import rank_needs`` works.
"""

from .partners import (
    PATTERN_RULES,
    RELATIONSHIP_EASE,
    SUPPORT_KINDS,
    BrokerPath,
    CoverStep,
    PatternSuggestion,
    Reciprocity,
    broker_scores,
    brokers,
    coverage_matrix,
    ease,
    map_messages,
    partner_cover,
    reciprocity,
    suggest_pattern,
    suggest_patterns,
    uncovered_needs,
)
from .plan import (
    REQUIRED_STAGES,
    RHYTHM_MONTHS,
    SCHEDULE_COLUMNS,
    Finding,
    agreement_end,
    plan_messages,
    plan_schedule,
    principle_check,
    sustaining_calendar,
)
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
from .regional import (
    MOST_WANTED_COLUMNS,
    UNCOVERED_COLUMNS,
    RegionalMap,
    RegionalOverrides,
    merge_maps,
    normalise_name,
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
    "PATTERN_RULES",
    "RELATIONSHIP_EASE",
    "SUPPORT_KINDS",
    "BrokerPath",
    "CoverStep",
    "PatternSuggestion",
    "Reciprocity",
    "broker_scores",
    "brokers",
    "coverage_matrix",
    "ease",
    "map_messages",
    "partner_cover",
    "reciprocity",
    "suggest_pattern",
    "suggest_patterns",
    "uncovered_needs",
    "REQUIRED_STAGES",
    "RHYTHM_MONTHS",
    "SCHEDULE_COLUMNS",
    "Finding",
    "agreement_end",
    "plan_messages",
    "plan_schedule",
    "principle_check",
    "sustaining_calendar",
    "MOST_WANTED_COLUMNS",
    "UNCOVERED_COLUMNS",
    "RegionalMap",
    "RegionalOverrides",
    "merge_maps",
    "normalise_name",
]
