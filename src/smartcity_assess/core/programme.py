"""A programme: the rounds of a selection run over several years, and what each decided.

The programme file (``assess round ...``, ``assess history``) lists the rounds in year
order. Each round names its criteria, the cohorts it fills and its pool; once decided, it
records an outcome: the regions selected, those that withdrew and those deferred. The
rules that need more than one field (year order, a region selected twice, a withdrawal
of a region never selected) are ``programme_rules``; a reader places their findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from smartcity_assess.core.criteria import Cohort
from smartcity_assess.problems import Finding, finding

Code = Annotated[str, StringConstraints(pattern=r"^\d{2}\.\d{2}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


@dataclass(frozen=True)
class Exclusion:
    """Why a round leaves a region out: an earlier round ``selected`` it, or it
    ``withdrawn`` (the outcome of the round of ``year`` records it, with its ``date``
    and ``reason``)."""

    code: str
    status: Literal["selected", "withdrawn"]
    year: int
    date: str = ""
    reason: str = ""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Withdrawal(_Model):
    code: Code
    date: IsoDate
    reason: str = Field(min_length=1)


class Outcome(_Model):
    selected: list[Code] = []
    withdrawn: list[Withdrawal] = []
    deferred: list[Code] = []


class Round(_Model):
    year: int = Field(ge=2000, le=2100)
    criteria: str = Field(min_length=1)
    """A bundled criteria id or a path relative to the programme file."""
    sha256: Sha256 | None = None
    """When given, the criteria file's bytes must hash to it."""
    cohorts: dict[Annotated[int, Field(strict=False)], Annotated[int, Field(ge=1)]] = Field(
        min_length=1
    )
    """Cohort year -> size; YAML mapping keys arrive as text, so a key may be "2018"."""
    pool: str = Field(min_length=1)
    """Folder or file of the round's submissions, relative to the programme file."""
    assessors: str | None = Field(None, min_length=1)
    """Folder or file of the panel's assessor files (``--assessors``), relative to the
    programme file; the round's criteria must have interview items."""
    outcome: Outcome | None = None

    def cohort_list(self) -> list[Cohort]:
        """The round's cohorts, in the order the file gives them."""
        return [Cohort(year=year, size=size) for year, size in self.cohorts.items()]

    def standing_of(self, code: str) -> tuple[str, dict[str, str]]:
        """What the round's outcome says of ``code``: ``pending`` (no outcome yet),
        ``withdrawn`` (with date and reason), ``selected``, ``deferred`` or ``none``."""
        if self.outcome is None:
            return "pending", {}
        for withdrawal in self.outcome.withdrawn:
            if withdrawal.code == code:
                return "withdrawn", {"date": withdrawal.date, "reason": withdrawal.reason}
        if code in self.outcome.selected:
            return "selected", {}
        if code in self.outcome.deferred:
            return "deferred", {}
        return "none", {}


class Programme(_Model):
    schema_version: int = 1
    title: str = Field(min_length=1)
    rounds: list[Round] = Field(min_length=1)

    def round_for(self, year: int) -> Round | None:
        return next((r for r in self.rounds if r.year == year), None)

    def before(self, year: int) -> tuple[Round, ...]:
        """The rounds held before the round of ``year``."""
        return tuple(r for r in self.rounds if r.year < year)

    def exclusions(self, year: int) -> dict[str, Exclusion]:
        """What the round of ``year`` must leave out, by code: every region selected in an
        earlier round, labelled with that round, or, if it withdrew since, with the round
        whose outcome records the withdrawal. Deferred regions are not left out: they were
        never admitted."""
        why: dict[str, Exclusion] = {}
        for earlier in self.before(year):
            if earlier.outcome is None:
                continue
            for code in earlier.outcome.selected:
                why[code] = Exclusion(code, "selected", earlier.year)
            for w in earlier.outcome.withdrawn:
                why[w.code] = Exclusion(w.code, "withdrawn", earlier.year, w.date, w.reason)
        return why

    def deferrals(self, year: int) -> dict[str, tuple[int, ...]]:
        """The regions the panel deferred in the rounds held before the round of ``year``,
        by code, each with the years of those rounds in order: they are ranked again, and
        the ranking says so ("deferred in 2017")."""
        found: dict[str, tuple[int, ...]] = {}
        for earlier in self.before(year):
            if earlier.outcome is None:
                continue
            for code in earlier.outcome.deferred:
                found[code] = (*found.get(code, ()), earlier.year)
        return found


def programme_rules(programme: Programme, identity: Callable[[str], str] = str) -> list[Finding]:
    """The rules across fields: rounds in strictly increasing year order, cohort years
    not before the round, a region selected in one round only, a withdrawal only of a
    region selected in that round or an earlier one, a region named once per outcome.
    Rounds of different years are compared by ``identity`` (the region's code today, so
    that 91.09 of 2017 and 94.04 of 2023 are one region)."""
    found: list[Finding] = []
    selected_in: dict[str, int] = {}
    previous: int | None = None
    for i, round_ in enumerate(programme.rounds):
        if previous is not None and round_.year <= previous:
            found.append(
                finding(
                    "programme-year-order",
                    "programme-year-order",
                    ("rounds", i, "year"),
                    year=round_.year,
                    previous=previous,
                )
            )
        previous = round_.year
        for cohort_year in round_.cohorts:
            if cohort_year < round_.year:
                found.append(
                    finding(
                        "programme-cohort-year",
                        "programme-cohort-year",
                        ("rounds", i, "cohorts", cohort_year),
                        cohort=cohort_year,
                        year=round_.year,
                    )
                )
        outcome = round_.outcome
        if outcome is None:
            continue
        named: dict[str, str] = {}
        for part, codes in (
            ("selected", outcome.selected),
            ("withdrawn", tuple(w.code for w in outcome.withdrawn)),
            ("deferred", outcome.deferred),
        ):
            for j, code in enumerate(codes):
                loc = ("rounds", i, "outcome", part, j) + (("code",) if part == "withdrawn" else ())
                if code in named and not (part == "withdrawn" and named[code] == "selected"):
                    found.append(
                        finding(
                            "programme-code-repeated",
                            "programme-code-repeated",
                            loc,
                            code=code,
                            part=named[code],
                        )
                    )
                    continue
                named[code] = part
                region = identity(code)
                if part == "selected":
                    if region in selected_in:
                        found.append(
                            finding(
                                "programme-selected-twice",
                                "programme-selected-twice",
                                loc,
                                code=code,
                                year=selected_in[region],
                            )
                        )
                    else:
                        selected_in[region] = round_.year
                elif part == "withdrawn" and region not in selected_in:
                    found.append(
                        finding(
                            "programme-withdrawn-unselected",
                            "programme-withdrawn-unselected",
                            loc,
                            code=code,
                            year=round_.year,
                        )
                    )
    return found
