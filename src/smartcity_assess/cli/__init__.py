"""The ``assess`` command line: thin typer commands over the core."""

# The import order is the order of --help, which is the order of the work; importing a
# command's module adds the command to the app.
# isort: off
from smartcity_assess.cli import (  # noqa: F401
    template,
    validate,
    score,
    rank,
    sensitivity,
    explain,
    compare,
    criteria_cmd,
    schema,
)

# isort: on
from smartcity_assess.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """The ``assess`` console script (and ``python -m smartcity_assess``)."""
    app()
