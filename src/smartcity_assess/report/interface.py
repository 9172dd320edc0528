"""The reporter seam: result objects in, text out, one class per format."""

from __future__ import annotations

import importlib
from abc import ABC
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from smartcity_assess.core.criteria import LoadedCriteria
from smartcity_assess.core.ranking import Ranking
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Lang

if TYPE_CHECKING:
    # Only for the annotations: the sensitivity module imports numpy, which must not load
    # unless `assess sensitivity` runs, and compare's models are for `assess compare`.
    from smartcity_assess.core.compare import Comparison
    from smartcity_assess.core.explain import Explanation
    from smartcity_assess.core.history import History
    from smartcity_assess.core.panel import Panel
    from smartcity_assess.core.scoring import ScoreCard
    from smartcity_assess.core.sensitivity import Sensitivity
    from smartcity_assess.reading.submissions import Replaced, Skipped


@dataclass(frozen=True)
class ReportOptions:
    lang: Lang = "en"
    color: bool = False
    width: int = 100


@dataclass(frozen=True)
class ScoreResult:
    """``assess score``: one scorecard per valid submission, in input order."""

    criteria: LoadedCriteria
    cards: list[ScoreCard]
    inputs: list[tuple[str, str]]
    explanations: list[Explanation] = field(default_factory=list)
    """Each card's explanation against the bands, for a format that lists a region's
    cheapest improvements (``html``); empty for the others."""


@dataclass(frozen=True)
class RankResult:
    """``assess rank``: the ranking of a pool, with what it was made from.

    ``inputs`` are ``(sha256, region codes)`` of each file ranked, sorted, and carry no
    paths, so renaming or reordering the files does not change a byte of the report.
    ``skipped`` are the submissions (and whole files) ``--skip-invalid`` left out;
    ``replaced`` the submissions a revision of the same region (a later ``submitted``
    date) replaced.
    """

    criteria: LoadedCriteria
    ranking: Ranking
    inputs: list[tuple[str, tuple[str, ...]]]
    skipped: list[Skipped] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)
    assessor_files: tuple[tuple[str, str, str], ...] = ()
    """(sha256, assessor, region code) of the panel's files (``--assessors``), sorted;
    empty without a panel (and then left out of every report)."""
    panel: Panel | None = None
    """The panel's values and how far they agree (``--assessors``); None without."""


@dataclass(frozen=True)
class CriteriaResult:
    """``assess criteria``: the criteria tree with effective weights."""

    criteria: LoadedCriteria


@dataclass(frozen=True)
class CompareResult:
    """``assess compare``: two rankings compared; ``top`` is how many rank moves to show."""

    comparison: Comparison
    top: int = 10


@dataclass(frozen=True)
class SensitivityResult:
    """``assess sensitivity``: the robustness of a ranking under method uncertainty.

    ``inputs`` and ``skipped`` are as in ``RankResult`` (no paths, so the JSON does not
    depend on file names or order).
    """

    criteria: LoadedCriteria
    analysis: Sensitivity
    inputs: list[tuple[str, tuple[str, ...]]]
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class ExplainResult:
    """``assess explain``: one region against the cut-off of a pool, or the bands.

    ``input`` is ``(path, sha256)`` of the explained file; ``pool_inputs`` and
    ``skipped`` are as in ``RankResult``, and ``pool_inputs`` is None without a pool.
    """

    criteria: LoadedCriteria
    explanation: Explanation
    input: tuple[str, str]
    pool_inputs: list[tuple[str, tuple[str, ...]]] | None = None
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryResult:
    """``assess history``: one region across the rounds of a programme file, whose
    ``sha256`` the JSON gives (its path it does not: the report must not depend on it)."""

    history: History
    programme_sha256: str


class Reporter(ABC):
    """A format. Each method renders one kind of result; a format that cannot show a
    kind of result leaves the method alone, and asking for it is a usage error."""

    name: ClassVar[str]

    def score(self, result: ScoreResult, options: ReportOptions) -> str:
        raise _unsupported(self.name)

    def criteria(self, result: CriteriaResult, options: ReportOptions) -> str:
        raise _unsupported(self.name)

    def rank(self, result: RankResult, options: ReportOptions) -> str:
        raise _unsupported(self.name)

    def sensitivity(self, result: SensitivityResult, options: ReportOptions) -> str:
        raise _unsupported(self.name)

    def explain(self, result: ExplainResult, options: ReportOptions) -> str:
        raise _unsupported(self.name)

    def compare(self, result: CompareResult, options: ReportOptions) -> str:
        raise _unsupported(self.name)

    def history(self, result: HistoryResult, options: ReportOptions) -> str:
        raise _unsupported(self.name)


def _unsupported(name: str) -> UsageError:
    return UsageError("usage-bad-format", format=name, choices=", ".join(_MODULES))


FORMATS: dict[str, type[Reporter]] = {}
"""The reporters registered so far: a format's module registers it when imported."""

_MODULES = {
    "csv": "csv_report",
    "html": "html",
    "json": "json_report",
    "markdown": "markdown",
    "table": "table",
}
"""Each format's module, imported only when the format is asked for."""


def register(cls: type[Reporter]) -> type[Reporter]:
    FORMATS[cls.name] = cls
    return cls


def reporter_for(name: str) -> Reporter:
    """The reporter of format ``name``, importing only its module."""
    module = _MODULES.get(name)
    if module is None:
        raise _unsupported(name)
    importlib.import_module(f"smartcity_assess.report.{module}")
    return FORMATS[name]()


def all_formats() -> dict[str, type[Reporter]]:
    """Every format's reporter, by name."""
    for name in _MODULES:
        reporter_for(name)
    return {name: FORMATS[name] for name in _MODULES}
