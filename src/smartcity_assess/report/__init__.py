"""One formatter per output format; each takes a result object and returns text."""

from smartcity_assess.report.interface import (
    CompareResult,
    CriteriaResult,
    HistoryResult,
    RankResult,
    Reporter,
    ReportOptions,
    ScoreResult,
    all_formats,
    reporter_for,
)

__all__ = [
    "CompareResult",
    "CriteriaResult",
    "HistoryResult",
    "RankResult",
    "ReportOptions",
    "Reporter",
    "ScoreResult",
    "all_formats",
    "reporter_for",
]
