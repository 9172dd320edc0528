"""Checking input paths before any work: a missing path is a usage error (exit 2)."""

import sys
from collections.abc import Iterable
from pathlib import Path

from smartcity_assess.errors import UsageError
from smartcity_assess.i18n import Lang, Msg, t
from smartcity_assess.reading.sources import discover, passed_over

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".numbers"})


def existing_paths(paths: Iterable[Path], lang: Lang) -> list[Path]:
    """The paths as given, after checking that each exists and that there is input.

    Each file a folder holds that is not read (not YAML, CSV or .xlsx) is named on stderr.
    """
    return checked_inputs(paths, lang)[0]


def checked_inputs(paths: Iterable[Path], lang: Lang) -> tuple[list[Path], int]:
    """``existing_paths``, and how many files the folders hold that are not read (each
    named on stderr), for a summary that must not claim it checked them."""
    checked = list(paths)
    for path in checked:
        if str(path) != "-" and not path.exists():
            if path.is_symlink():
                raise UsageError("usage-path", path=str(path), reason=Msg.of("file-loop"))
            raise UsageError("usage-path", path=str(path), reason=Msg.of("file-missing"))
    skipped = list(passed_over(checked))
    for path in skipped:
        print(skipped_message(path, lang), file=sys.stderr)
    if not any(True for _ in discover(checked)):
        raise UsageError("usage-no-inputs", paths=", ".join(str(p) for p in checked))
    return checked, len(skipped)


def skipped_message(path: Path, lang: Lang) -> str:
    """``pool/budget.ods: skipped: not a YAML, CSV or .xlsx submission (.ods); save ...``."""
    suffix = path.suffix.lower()
    key = "file-skipped-sheet" if suffix in SPREADSHEET_SUFFIXES else "file-skipped"
    kind = suffix or t(lang, "no-suffix")
    return t(lang, key, path=path.as_posix(), suffix=kind)
