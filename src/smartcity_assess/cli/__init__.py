"""The ``assess`` command line: thin typer commands over the core."""

import os
import sys

# The import order is the order of --help, which is the order of the work; importing a
# command's module adds the command to the app.
# isort: off
from smartcity_assess.cli import (  # noqa: F401
    template,
    validate,
    score,
    rank,
    record,
    sensitivity,
    explain,
    panel,
    compare,
    programme,
    criteria_cmd,
    schema,
)

# isort: on
from smartcity_assess.cli.app import app, reflow_help
from smartcity_assess.i18n import Lang, t

reflow_help(app)

__all__ = ["COMPLETE_VAR", "app", "main"]

COMPLETE_VAR = "_ASSESS_COMPLETE"
"""The variable through which a shell's completion script asks for completions (click's
protocol); fixed, so that ``python -m smartcity_assess`` answers it too."""


def main() -> None:
    """The ``assess`` console script (and ``python -m smartcity_assess``)."""
    try:
        app(complete_var=COMPLETE_VAR)
    except (KeyError, ValueError, IndexError):
        # Only a completion request made by hand gets here (COMP_WORDS unset, COMP_CWORD
        # not a number): a command's errors are handled at its edge.
        if COMPLETE_VAR not in os.environ:
            raise
        lang: Lang = "id" if os.environ.get("ASSESS_LANG", "").strip().lower() == "id" else "en"
        print(f"error: {t(lang, 'completion-malformed')}", file=sys.stderr)
        sys.exit(2)
