"""Option values parsed into what the core takes; a bad value is a usage error (exit 2)."""

from __future__ import annotations

import os
import re

from smartcity_assess.core.criteria import Cohort
from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import LANGS, Lang, Msg


def resolve_lang(value: str | None) -> Lang:
    """The language from an option value or ``ASSESS_LANG``; English by default."""
    raw = (value or os.environ.get("ASSESS_LANG") or "en").strip().lower()
    if raw in LANGS:
        return "id" if raw == "id" else "en"
    raise UsageError("usage-bad-lang", lang=raw)


_COHORT = re.compile(r"^\s*(\d{4})\s*:\s*(\d{1,6})\s*$")


def parse_cohorts(text: str) -> list[Cohort]:
    """``2018:50,2019:25`` as cohorts, in the order given; each bad item a usage error."""
    cohorts: list[Cohort] = []
    seen: set[int] = set()
    items = text.split(",")
    for item in items:
        match = _COHORT.match(item)
        if match is None:
            raise UsageError("usage-cohorts", value=item.strip(), reason=Msg.of("cohorts-form"))
        year, size = int(match.group(1)), int(match.group(2))
        if size < 1:
            raise UsageError("usage-cohorts", value=item.strip(), reason=Msg.of("cohorts-size"))
        if year in seen:
            raise UsageError(
                "usage-cohorts", value=item.strip(), reason=Msg.of("cohorts-repeat", year=year)
            )
        seen.add(year)
        cohorts.append(Cohort(year=year, size=size))
    return cohorts
