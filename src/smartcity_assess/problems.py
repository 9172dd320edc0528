"""One problem type for everything a reader of files can find wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from smartcity_assess.i18n import Lang, t

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at ``path:line:column`` (1-based; 0 when the file has no position).

    ``code`` is the stable, documented identifier (``unknown-key``); ``key`` and
    ``params`` render the message in the user's language. In a workbook, ``sheet`` names
    the worksheet and ``line`` and ``column`` are the cell's row and column: the problem
    is at ``path:Sheet!C12`` (``where``).
    """

    path: str
    line: int
    column: int
    code: str
    severity: Severity = "error"
    key: str = field(default="", compare=False)
    params: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    loc: Loc = field(default=(), compare=False)
    sheet: str = ""

    def message(self, lang: Lang = "en") -> str:
        return t(lang, self.key or self.code, **dict(self.params))

    @property
    def address(self) -> str:
        """``values.leadership.head_commitment``-style location inside the document."""
        return ".".join(str(part) for part in self.loc)

    @property
    def cell(self) -> str:
        """``Sheet!C12`` in a workbook (``'My data'!C12`` when the name needs quotes);
        empty elsewhere."""
        if not self.sheet or not self.line:
            return ""
        return f"{sheet_reference(self.sheet)}!{column_letters(self.column or 1)}{self.line}"

    @property
    def where(self) -> str:
        """``path:line:col``, ``path:Sheet!C12`` in a workbook, or ``path`` alone."""
        if self.cell:
            return f"{self.path}:{self.cell}"
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path


_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def sheet_reference(name: str) -> str:
    """A sheet name as a spreadsheet formula writes it: as is when it is a plain word,
    else in single quotes with each quote doubled (``'Data 2018'``, ``'Kab''s'``)."""
    if _PLAIN_SHEET.match(name) and not re.match(r"^[A-Za-z]{1,3}\d", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def column_letters(column: int) -> str:
    """A 1-based column number as spreadsheet letters: 1 is A, 27 is AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def problem(
    path: str,
    code: str,
    key: str | None = None,
    /,
    *,
    line: int = 0,
    column: int = 0,
    severity: Severity = "error",
    loc: Loc = (),
    **params: Any,
) -> Problem:
    return Problem(
        path=path,
        line=line,
        column=column,
        code=code,
        severity=severity,
        key=key or code,
        params=tuple(sorted(params.items())),
        loc=loc,
    )


@dataclass(frozen=True)
class Finding:
    """A problem found in the data before it is placed in a file: ``loc`` is where it is
    in the document; a reader turns that into ``line:column`` (``Finding.at``)."""

    code: str
    key: str
    loc: Loc
    severity: Severity = "error"
    params: tuple[tuple[str, Any], ...] = ()

    def at(self, path: str, line: int, column: int) -> Problem:
        return problem(
            path,
            self.code,
            self.key,
            line=line,
            column=column,
            severity=self.severity,
            loc=self.loc,
            **dict(self.params),
        )


def finding(
    code: str, key: str, loc: Loc, /, *, severity: Severity = "error", **params: Any
) -> Finding:
    return Finding(code, key, loc, severity, tuple(params.items()))


def shown(text: str, limit: int = 60) -> str:
    """``text`` as it may appear inside a one-line message: control characters and line
    breaks made visible, and cut to ``limit`` characters (a key can be a megabyte)."""
    if text.isprintable() and len(text) <= limit:
        return text
    visible = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[: limit + 1])
    return visible if len(visible) <= limit else visible[: limit - 3] + "..."
