"""One problem type for everything a reader of files can find wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from smartcity_assess.i18n import Lang, t

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at ``path:line:column`` (1-based; 0 when the file has no position).

    ``code`` is the stable, documented identifier (``unknown-key``); ``key`` and
    ``params`` render the message in the user's language.
    """

    path: str
    line: int
    column: int
    code: str
    severity: Severity = "error"
    key: str = field(default="", compare=False)
    params: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    loc: Loc = field(default=(), compare=False)

    def message(self, lang: Lang = "en") -> str:
        return t(lang, self.key or self.code, **dict(self.params))

    @property
    def address(self) -> str:
        """``values.leadership.head_commitment``-style location inside the document."""
        return ".".join(str(part) for part in self.loc)


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
