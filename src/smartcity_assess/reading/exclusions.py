"""Regions to leave out of a ranking (``rank --exclude PATH``): earlier rounds' cohorts.

An exclusion file is one of:

* a JSON output of ``assess rank`` (``*.json``): the codes selected into its cohorts;
* a CSV file (``*.csv``) with a ``code`` column;
* anything else: a text file of codes, one a line; ``#`` starts a comment.

A file that cannot be used is a usage error (exit 2) naming the file and, where there
is one, the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from smartcity_assess.errors import ProblemsError, UsageError
from smartcity_assess.i18n import Msg
from smartcity_assess.reading.sources import (
    CSV_MAX_BYTES,
    SourceFile,
    decode_text,
    parse_csv,
    read_source,
)
from smartcity_assess.reading.submissions import CODE_PATTERN


def read_exclusions(paths: Iterable[Path]) -> set[str]:
    """Every region code named by the exclusion files ``paths``."""
    codes: set[str] = set()
    for path in paths:
        codes.update(exclusion_codes(path))
    return codes


def exclusion_codes(path: Path) -> list[str]:
    """The region codes one exclusion file names, in the order it names them."""
    if path.suffix.lower() == ".json":
        # The codes selected into the cohorts of an earlier ``assess rank --format json``.
        from smartcity_assess.reading.rank_json import read_rank_json

        ranking = read_rank_json(path, "usage-exclude")
        return [code for cohort in ranking.cohorts for code in cohort.selected]
    try:
        source = read_source(path, max_bytes=CSV_MAX_BYTES)
        text = decode_text(source)
        if source.suffix == ".csv":
            return list(_from_csv(source))
        return list(_from_text(source, text))
    except ProblemsError as exc:
        first = exc.problems[0]
        raise _unusable(str(path), Msg(first.key or first.code, first.params)) from None


def _unusable(path: str, reason: Msg) -> UsageError:
    return UsageError("usage-exclude", path=path, reason=reason)


def _checked(source: SourceFile, value: str, line: int) -> str:
    if not CODE_PATTERN.fullmatch(value):
        where = Msg.of("exclude-line", line=line)
        raise _unusable(source.display, Msg.of("exclude-bad-code", value=value[:40], where=where))
    return value


def _from_text(source: SourceFile, text: str) -> Iterator[str]:
    for number, line in enumerate(text.split("\n"), start=1):
        code = line.split("#", 1)[0].strip()
        if code:
            yield _checked(source, code, number)


def _from_csv(source: SourceFile) -> Iterator[str]:
    table, problems = parse_csv(source)
    if problems:
        raise ProblemsError(problems)
    if table is None or "code" not in table.header:
        raise _unusable(source.display, Msg.of("exclude-no-code-column"))
    column = table.header.index("code")
    for row in table.rows:
        if row.cells[column]:
            yield _checked(source, row.cells[column], row.line)
