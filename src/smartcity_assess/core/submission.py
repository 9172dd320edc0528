"""A region's validated submission, as the core takes it: its region and its values."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smartcity_assess.core.verification import Verification

Value = bool | str | float


class ValueColumns:
    """The values of many submissions, one list per indicator address with None where a
    value is absent: what a CSV table gives, read a column at a time. Each row's
    submission sees its values through a ``RowValues``, so a large table is held as
    columns, not as a dictionary per region, and scoring takes the columns as they are.
    A row with an error has no ``RowValues``: read only the rows they point at."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: dict[str, list[Value | None]], rows: int) -> None:
        self.columns = columns
        self.rows = rows


class RowValues(Mapping[str, Value]):
    """One row of a ``ValueColumns``: its values by address, absent ones left out (the
    same mapping a dictionary of them would be)."""

    __slots__ = ("row", "table")

    def __init__(self, table: ValueColumns, row: int) -> None:
        self.table = table
        self.row = row

    def __getitem__(self, address: str) -> Value:
        value = self.table.columns[address][self.row]
        if value is None:
            raise KeyError(address)
        return value

    def __iter__(self) -> Iterator[str]:
        row = self.row
        return (a for a, column in self.table.columns.items() if column[row] is not None)

    def __len__(self) -> int:
        row = self.row
        return sum(column[row] is not None for column in self.table.columns.values())

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(frozen=True, slots=True)
class Submission:
    """One region's validated submission: values by indicator address, absent ones left
    out. ``values`` are those that score (docs/verification.md)."""

    code: str
    name: str
    province: str
    kind: str
    year: int | None
    values: Mapping[str, Value]
    evidence: dict[str, str] = field(default_factory=dict)
    path: str = ""
    document: int = 1
    submitted: str | None = None
    """When the submission was made, ``YYYY-MM-DD``, if it says: a pool's copies of one
    region are told apart by it (the latest replaces the others)."""
    verification: Verification | None = None
    """The claims and their checks when ``values`` are not simply the claims (some value
    carries a check, or the criteria score verified values only); None otherwise. Made by
    ``core.verification.scored_values``, the one place that works ``values`` out."""
