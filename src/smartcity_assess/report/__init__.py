"""One formatter per output format; each takes a result object and returns text."""

from smartcity_assess.report.interface import (
    FORMATS,
    CompareResult,
    CriteriaResult,
    RankResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    reporter_for,
)

__all__ = [
    "FORMATS",
    "CompareResult",
    "CriteriaResult",
    "RankResult",
    "ReportOptions",
    "Reporter",
    "ScoreResult",
    "reporter_for",
]
