"""Checking input paths before any work: a missing path is a usage error (exit 2)."""

from collections.abc import Iterable
from pathlib import Path

from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Msg
from smartcity_assess.reading.sources import discover


def existing_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths as given, after checking that each exists and that there is input."""
    checked = list(paths)
    for path in checked:
        if str(path) != "-" and not path.exists():
            if path.is_symlink():
                raise UsageError("usage-path", path=str(path), reason=Msg.of("file-loop"))
            raise UsageError("usage-path", path=str(path), reason=Msg.of("file-missing"))
    if not any(True for _ in discover(checked)):
        raise UsageError("usage-no-inputs", paths=", ".join(str(p) for p in checked))
    return checked
