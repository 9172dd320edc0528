"""The ``assess`` typer application and its root options; each command module adds
its command to it."""

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
