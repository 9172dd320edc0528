"""The ``assess`` typer application and its root options; each command module adds
its command to it."""

import inspect

import typer

from smartcity_assess import __version__

app = typer.Typer(
    name="assess",
    help=(
        "Score the smart-city readiness of Indonesian kabupaten/kota and rank them into "
        "the yearly cohorts of a national programme.\n\n"
        "The bundled criteria are a documented reconstruction of the eight factors of "
        "Gerakan Menuju 100 Smart City (2017-2019), not an official instrument: the "
        "programme never published its weights or cut-offs."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assess (smartcity-assess) {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Score the smart-city readiness of Indonesian kabupaten/kota."""


def reflowed(text: str) -> str:
    """A command's docstring as its --help shows it: the paragraphs kept, the single line
    breaks inside each joined, so that the terminal's width, not the source's, decides
    where a line ends (typer's rich help keeps a docstring's line breaks as they are)."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def reflow_help(application: typer.Typer) -> None:
    """Give every command of ``application`` (and of its groups) its reflowed docstring as
    its help; called once every command module has added its commands."""
    for info in application.registered_commands:
        doc = info.help or (info.callback.__doc__ if info.callback else None)
        if doc:
            info.help = reflowed(doc)
    for group in application.registered_groups:
        if group.typer_instance is not None:
            reflow_help(group.typer_instance)
