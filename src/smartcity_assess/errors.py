"""The error hierarchy: what the CLI edge turns into exit codes.

* ``UsageError``       -> exit 2: the command cannot run (missing file, bad option, bad criteria).
* ``InvalidInput``     -> exit 1: submissions were read and found invalid; carries *all* problems.
* ``CriteriaInvalid``  -> exit 2: the criteria file is invalid; carries all its problems.
Anything else reaching the edge is a bug and exits 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smartcity_assess.problems import Problem


class AssessError(Exception):
    """Base of every error a user can cause."""

    exit_code = 2


class UsageError(AssessError):
    """The command cannot run as asked. ``key`` is a message-catalogue key."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class ProblemsError(AssessError):
    """A file (or several) had problems; all of them are carried."""

    summary_key: str | None = None
    """The message after the problems when the command cannot run (exit 2); None when
    the problems say it all (a file that could not be read)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = list(problems)


class InvalidInput(ProblemsError):
    exit_code = 1


class CriteriaInvalid(ProblemsError):
    exit_code = 2
    summary_key = "criteria-invalid"


class ProgrammeInvalid(ProblemsError):
    """The programme file (``assess round``, ``assess history``) is invalid: exit 2."""

    exit_code = 2
    summary_key = "programme-invalid"
