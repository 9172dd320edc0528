"""What every command shares: options, the console, output and the error edge."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TextIO, TypeVar

import typer
from rich.console import Console

from smartcity_assess.cli.inputs import existing_paths
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.core.criteria import SHIPPED_GROUP, Cohort, Criteria
from smartcity_assess.errors import AssessError, ProblemsError, UsageError
from smartcity_assess.i18n import Lang, t
from smartcity_assess.problems import Problem
from smartcity_assess.reading.exclusions import read_exclusions
from smartcity_assess.reading.registry import aliases, tertinggal
from smartcity_assess.reading.submissions import Batch, read_batch
from smartcity_assess.report import ReportOptions
from smartcity_assess.report.problems import text_line

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


CriteriaOption = Annotated[
    Path | None,
    typer.Option(
        "--criteria",
        "-c",
        help="Criteria file (YAML), or the id of bundled criteria (assess criteria --list). "
        "Default: the bundled gerakan-100-smart-city reconstruction.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table for a terminal; html for a self-contained page to print "
        "or share (needs the 'report' extra); json, csv and markdown for tools.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to this file (atomically) instead of standard output.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Report language: en or id. Default: $ASSESS_LANG, else en.",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour (NO_COLOR is honoured too).")
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show the traceback of an internal error.", hidden=True)
]
MaxSizeOption = Annotated[
    int | None,
    typer.Option(
        "--max-file-size",
        help="Largest input file accepted, in bytes. Default: 1 MiB for YAML, 100 MiB for CSV "
        "and .xlsx.",
        min=1,
        show_default=False,
    ),
]


CohortsOption = Annotated[
    str | None,
    typer.Option(
        "--cohorts",
        help="Cohorts to fill, in order, as YEAR:SIZE,... (e.g. 2018:50,2019:25). "
        "Replaces the criteria's cohorts and their equity rules. Default: the criteria's "
        "cohorts.",
        show_default=False,
    ),
]
ExcludeOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--exclude",
        help="Leave out regions selected earlier: a JSON output of 'assess rank', a CSV "
        "file with a 'code' column, or a text file of codes (one a line, # comments). "
        "Repeatable.",
        show_default=False,
    ),
]
MaxPerProvinceOption = Annotated[
    int | None,
    typer.Option(
        "--max-per-province",
        min=1,
        help="At most N regions of one province in a cohort; the next one moves on to the "
        "next cohort. Default: the criteria's selection.max_per_province.",
        show_default=False,
    ),
]
SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Leave out each invalid submission (a YAML document, a CSV row; a whole file "
        "only when it cannot be read through) and name it as skipped, instead of exiting 1 "
        "without a result.",
    ),
]


@dataclass(frozen=True)
class PoolSelection:
    """How a pool is selected, from the criteria and the options that override them."""

    cohorts: list[Cohort]
    excluded: frozenset[str]
    max_per_province: int | None
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    """The codes of each group a cohort reserves places for (the daerah tertinggal,
    ``registry.tertinggal``, or a group the criteria declare), under every code its
    regions have had; empty without reserved places."""


def pool_selection(
    criteria: Criteria,
    cohorts: list[Cohort] | None,
    exclude: list[Path] | None,
    max_per_province: int | None,
) -> PoolSelection:
    """The cohorts, exclusions, cap and reserved groups' regions to rank with."""
    chosen = cohorts or list(criteria.cohorts)
    reserved = sorted({c.reserved.group for c in chosen if c.reserved is not None})
    return PoolSelection(
        cohorts=chosen,
        # A region is excluded under its code of any year (the 2022 Papua split).
        excluded=aliases(read_exclusions(exclude or [])),
        max_per_province=(
            max_per_province
            if max_per_province is not None
            else criteria.selection.max_per_province
        ),
        # Under its code of any year, as exclusions are.
        members={
            group: aliases(tertinggal() if group == SHIPPED_GROUP else criteria.groups[group].codes)
            for group in reserved
        },
    )


def read_pool(
    criteria: Criteria,
    paths: list[Path],
    *,
    cohorts: list[Cohort],
    skip_invalid: bool,
    max_bytes: int | None,
    lang: Lang,
    no_color: bool,
) -> Batch:
    """Read a pool for ``cohorts`` with a progress bar, print every problem, and stop
    with exit 1 on an invalid input unless ``skip_invalid``."""
    inputs = existing_paths(paths, lang)
    years = [c.year for c in cohorts]
    with FileProgress(stderr_console(no_color), t(lang, "reading-inputs")) as progress:
        batch = read_batch(criteria, inputs, max_bytes=max_bytes, progress=progress, cohorts=years)
    print_problems(batch.problems, lang, no_color)
    if batch.errors and not skip_invalid:
        raise typer.Exit(1)
    return batch


def stderr_console(no_color: bool) -> Console:
    return Console(stderr=True, no_color=no_color or "NO_COLOR" in os.environ, highlight=False)


def report_options(lang: Lang, no_color: bool, fmt: str, output: Path | None) -> ReportOptions:
    """Colour only for a table on a terminal; machine formats never carry escape codes."""
    console = Console(no_color=no_color or "NO_COLOR" in os.environ)
    color = fmt == "table" and output is None and console.is_terminal and not console.no_color
    width = console.width if output is None else 100
    return ReportOptions(lang=lang, color=color, width=width)


def binary_output(output: Path | None) -> None:
    """A workbook is not text: it goes to ``--output``, or to a stdout that is not a
    terminal (a usage error otherwise, before any work is done)."""
    if output is None and sys.stdout.isatty():
        raise UsageError("usage-binary-terminal")


def emit(text: str | bytes, output: Path | None) -> None:
    """The report to stdout, or to ``output`` written atomically (temp file + rename);
    ``bytes`` (a workbook) are written as they are."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        _write(sys.stdout, text)
        sys.stdout.flush()
        return
    target = output.resolve()
    if target.exists() and not target.is_file():
        # A FIFO, a device or /dev/stdout: a rename would replace it with a plain file.
        try:
            if isinstance(text, bytes):
                with target.open("wb") as binary:
                    binary.write(text)
                return
            with target.open("w", encoding="utf-8", newline="\n") as handle:
                _write(handle, text)
        except OSError as exc:
            raise UsageError(
                "usage-output", path=str(output), reason=exc.strerror or str(exc)
            ) from None
        return
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(
            "usage-output", path=str(output), reason=exc.strerror or str(exc)
        ) from None
    try:
        # mkstemp makes the file private (0600); a report gets the mode a plain
        # open() would give it, or keeps the mode of the file it replaces.
        os.fchmod(fd, _mode_for(target))
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                _write(handle, text)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise UsageError(
            "usage-output", path=str(output), reason=exc.strerror or str(exc)
        ) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


_CHUNK = 1 << 20


def _write(handle: TextIO, text: str) -> None:
    """Write ``text`` a megabyte at a time: a text stream encodes what it is given in one
    piece, and a 100 MB report would otherwise be held twice, as text and as bytes."""
    for start in range(0, len(text), _CHUNK):
        handle.write(text[start : start + _CHUNK])


def _mode_for(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def table_on_terminal(fmt: str, output: Path | None) -> bool:
    """True when a table goes to an interactive terminal: it already shows the warnings
    and summary, so they are not printed twice. Anywhere else they also go to stderr."""
    return fmt == "table" and output is None and sys.stdout.isatty()


def print_problems(problems: list[Problem], lang: Lang, no_color: bool) -> None:
    console = stderr_console(no_color)
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        console.print(text_line(p, lang), style=style, markup=False, soft_wrap=True)


PROGRESS_MIN_FILES = 50
"""Fewer files than this are read too fast for a progress bar to help."""


class FileProgress:
    """A transient progress bar on stderr while many input files are read, or many
    sensitivity runs are made.

    Pass it as ``read_batch(progress=...)`` or ``analyse(..., progress)``. It shows only
    when stderr is a terminal, there are at least ``minimum`` items and they are not all
    done at the first call, and vanishes when done.
    """

    def __init__(
        self, console: Console, description: str, minimum: int = PROGRESS_MIN_FILES
    ) -> None:
        self.console = console
        self.description = description
        self.minimum = minimum
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < self.minimum or done >= total or not self.console.is_terminal:
                return
            # Loaded only when a bar is shown: a pipeline never pays for it.
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.description, total=total)
        assert self._task is not None
        self._bar.update(self._task, completed=done)

    def __enter__(self) -> FileProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a command runs.

    A command makes its objects once and keeps them to the end; the collector would
    walk all of them again and again (a fifth of the time of a 100,000-row rank) to
    find cycles that the command does not make.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


SIGPIPE_EXIT = 141
"""The exit code when stdout's reader goes away: 128 + SIGPIPE, as shells report it."""


def _stdout_to_nowhere() -> None:
    """Point stdout at the null device, so that what is still buffered for a closed pipe
    is dropped at the end rather than raising again (Python's documented remedy)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file beneath (a test's stdout)
        pass


def edge(func: Callable[P, R]) -> Callable[P, R]:
    """Turn every error into a message and the documented exit code (SPEC section 5)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        no_color = bool(kwargs.get("no_color", False))
        debug = bool(kwargs.get("debug", False))
        try:
            lang = resolve_lang(kwargs.get("lang"))  # type: ignore[arg-type]
        except UsageError as exc:
            lang = "en"
            _fail(exc, lang, no_color)
        try:
            with _collector_paused():
                return func(*args, **kwargs)
        except typer.Exit:
            raise
        except ProblemsError as exc:
            _fail(exc, lang, no_color)
        except AssessError as exc:
            _fail(exc, lang, no_color)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # Whoever read stdout has stopped (``assess rank ... | head``): stop too,
            # quietly and with 141, as a program that SIGPIPE ends would.
            _stdout_to_nowhere()
            raise typer.Exit(SIGPIPE_EXIT) from None
        except Exception as exc:  # the last line of defence: a bug, not a user error
            if debug:
                traceback.print_exc()
            detail = f"{type(exc).__name__}: {exc}"
            stderr_console(no_color).print(
                t(lang, "internal-error", detail=detail), style="bold red", markup=False
            )
            raise typer.Exit(3) from None

    return wrapper


def _fail(exc: AssessError, lang: Lang, no_color: bool) -> NoReturn:
    console = stderr_console(no_color)
    if isinstance(exc, ProblemsError):
        print_problems(exc.problems, lang, no_color)
        if exc.exit_code == 2 and exc.problems and exc.summary_key is not None:
            console.print(
                t(lang, exc.summary_key, path=exc.problems[0].path, count=len(exc.problems)),
                style="bold red",
                markup=False,
            )
    elif isinstance(exc, UsageError):
        console.print(
            f"error: {t(lang, exc.key, **exc.params)}",
            style="bold red",
            markup=False,
            soft_wrap=True,  # a path broken over two lines cannot be copied
        )
    raise typer.Exit(exc.exit_code)
