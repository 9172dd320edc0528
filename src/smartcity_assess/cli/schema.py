from enum import StrEnum
from typing import Annotated

import typer

from smartcity_assess.cli.app import app
from smartcity_assess.cli.common import (
    CriteriaOption,
    DebugOption,
    LangOption,
    NoColorOption,
    OutputOption,
    edge,
    emit,
)
from smartcity_assess.cli.options import resolve_lang
from smartcity_assess.reading.criteria_file import load_criteria
from smartcity_assess.report.schema import criteria_schema, schema_text, submission_schema


class SchemaKind(StrEnum):
    submission = "submission"
    criteria = "criteria"


@app.command("schema")
@edge
def schema_command(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="submission: the format of a submission for the chosen criteria (real ids, "
            "levels, ranges); criteria: the format of a criteria file."
        ),
    ] = SchemaKind.submission,
    criteria: CriteriaOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    debug: DebugOption = False,
) -> None:
    """Print a JSON Schema (draft 2020-12) for editors and other tools.

    Save it next to your submissions and name it on their first line
    ('# yaml-language-server: $schema=submission.schema.json') for completion and
    checking as you type in VS Code's YAML extension. The schema checks each document's
    shape; 'assess validate' checks everything. --lang sets the language of its titles
    and descriptions (what an editor shows on hover).
    """
    language = resolve_lang(lang)
    if kind is SchemaKind.criteria:
        schema = criteria_schema(language)
    else:
        schema = submission_schema(load_criteria(criteria).model, language)
    emit(schema_text(schema), output)
