"""A blank submission for a criteria, to fill in by hand (YAML) or in a spreadsheet (CSV).

Every value is left empty (YAML null), which the validator reads as absent: a filled-in
template validates, and an unfilled one fails exactly on its required values.
"""

from __future__ import annotations

import csv
import io
import shlex
import textwrap
from collections.abc import Iterator
from urllib.parse import urlsplit

from smartcity_assess.core.criteria import Criteria, Factor, Indicator
from smartcity_assess.i18n import Lang, number_text, t
from smartcity_assess.reading.sources import yaml_scalar
from smartcity_assess.reading.submissions import REGION_COLUMNS
from smartcity_assess.report.common import num

DEFAULT_SCHEMA_URL = "submission.schema.json"
WIDTH = 100
"""Comment lines are wrapped to this many columns."""


def csv_columns(criteria: Criteria) -> list[str]:
    """``code,name,province,kind,year`` and one column per indicator address (but the
    interview items', which the panel gives)."""
    return [*REGION_COLUMNS, *criteria.questionnaire_addresses]


def csv_template(criteria: Criteria) -> str:
    """The header row only: a spreadsheet fills one row per region below it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(csv_columns(criteria))
    return buffer.getvalue()


def yaml_template(
    criteria: Criteria,
    *,
    lang: Lang = "en",
    schema_url: str = DEFAULT_SCHEMA_URL,
    criteria_arg: str | None = None,
) -> str:
    """A commented YAML submission with every value empty.

    ``criteria_arg`` is how the user named the criteria file (None for the bundled one);
    it goes into the command that makes the schema.
    """
    lines = [f"# yaml-language-server: $schema={schema_url}"]
    lines += _comment(
        t(
            lang,
            "tpl-header",
            title=criteria.title.get(lang),
            id=criteria.id,
            version=criteria.version,
        )
    )
    option = f" --criteria {shlex.quote(criteria_arg)}" if criteria_arg else ""
    lines.append("#")
    if not urlsplit(schema_url).scheme:
        # A relative path is resolved next to this file: say how to make that file.
        lines += _comment(t(lang, "tpl-schema-local"))
        lines += _comment(f"assess schema{option} > {shlex.quote(schema_url)}", lead="  ")
    else:
        lines += _comment(t(lang, "tpl-schema-url"))
    lines.append("#")
    lines += _comment(t(lang, "tpl-how"))
    lines += _comment(f"assess validate{option} {t(lang, 'tpl-file')}", lead="  ")
    lines += [
        "schema_version: 1",
        f"criteria: {yaml_scalar(criteria.id)}",
        "region:",
        *_comment(t(lang, "tpl-region-code"), indent=2),
        "  code:",
        *_comment(t(lang, "tpl-region-name"), indent=2),
        "  name:",
        *_comment(t(lang, "tpl-region-province"), indent=2),
        "  province:",
        *_comment(t(lang, "tpl-region-kind"), indent=2),
        "  kind:",
    ]
    year = criteria.cohorts[0].year if criteria.cohorts else 2018
    lines += [*_comment(t(lang, "tpl-year", year=year)), "year:"]
    lines += [*_comment(t(lang, "tpl-submitted")), "submitted:"]
    lines += [*_comment(t(lang, "tpl-values")), "values:"]
    asked = [f for f in criteria.factors if any(not i.interview for i in f.indicators)]
    for i, factor in enumerate(asked):
        lines += [*([""] if i else []), *_factor_lines(criteria, factor, lang)]
    first = next(iter(criteria.questionnaire_addresses))
    lines += ["", *_comment(t(lang, "tpl-evidence"))]
    lines += ["# evidence:", f"#   {first}: {t(lang, 'tpl-evidence-example')}"]
    return "\n".join(lines) + "\n"


def _factor_lines(criteria: Criteria, factor: Factor, lang: Lang) -> Iterator[str]:
    share = _percent(criteria.factor_share(factor), lang)
    name = f"{factor.label(lang)} ({factor.id})" if factor.name is not None else factor.id
    yield from _comment(t(lang, "tpl-factor", name=name, share=share), indent=2)
    if factor.description is not None:
        yield from _comment(factor.description.get(lang), indent=2)
    if factor.min_score is not None:
        yield from _comment(
            t(
                lang,
                "tpl-factor-gate",
                min=_number(factor.min_score, lang),
                scale=_number(criteria.scale, lang),
            ),
            indent=2,
        )
    yield f"  {yaml_scalar(factor.id)}:"
    asked = [indicator for indicator in factor.indicators if not indicator.interview]
    for i, indicator in enumerate(asked):
        if i:
            yield ""
        yield from _indicator_lines(criteria, factor, indicator, lang)


def _indicator_lines(
    criteria: Criteria, factor: Factor, indicator: Indicator, lang: Lang
) -> Iterator[str]:
    if indicator.name is not None:
        yield from _comment(indicator.name.get(lang), indent=4)
    if indicator.description is not None:
        yield from _comment(indicator.description.get(lang), indent=4)
    status = "tpl-required" if indicator.required else f"tpl-optional-{criteria.missing}"
    weight = t(
        lang, "tpl-weight", share=_percent(criteria.effective_weight(factor, indicator), lang)
    )
    yield from _comment(f"{t(lang, status)} {weight}", indent=4)
    for lead, sentence in _allowed(indicator, lang):
        yield from _comment(sentence, indent=4, lead=lead)
    if indicator.gate is not None:
        yield from _comment(_gate(indicator, lang), indent=4)
    yield f"    {yaml_scalar(indicator.id)}:"


def _allowed(indicator: Indicator, lang: Lang) -> Iterator[tuple[str, str]]:
    """``(lead, text)`` comment lines on the allowed values; ``lead`` is kept as is."""
    if indicator.type == "boolean":
        yield "", t(lang, "tpl-type-boolean")
        return
    if indicator.type == "level":
        yield "", t(lang, "tpl-type-level")
        levels = indicator.levels or []
        width = max(len(level.id) for level in levels) if levels else 0
        for level in levels:
            label = level.label.get(lang) if level.label else ""
            yield f"  {level.id.ljust(width)}  ", label
        return
    unit = t(lang, "tpl-unit", unit=indicator.unit.get(lang)) if indicator.unit else ""
    sentence = t(lang, "tpl-type-number", unit=unit)
    valid = indicator.valid
    if valid is not None and valid.min is not None and valid.max is not None:
        sentence += " " + t(
            lang, "tpl-valid", low=_number(valid.min, lang), high=_number(valid.max, lang)
        )
    elif valid is not None and valid.min is not None:
        sentence += " " + t(lang, "tpl-valid-min", low=_number(valid.min, lang))
    elif valid is not None and valid.max is not None:
        sentence += " " + t(lang, "tpl-valid-max", high=_number(valid.max, lang))
    yield "", sentence
    goalposts = indicator.goalposts
    if goalposts is not None:
        key = "tpl-goalposts-log" if indicator.transform == "log" else "tpl-goalposts"
        scored = t(
            lang, key, worst=_number(goalposts.worst, lang), best=_number(goalposts.best, lang)
        )
        if indicator.lower_is_better:
            scored += " " + t(lang, "tpl-lower-better")
        yield "", scored


def _gate(indicator: Indicator, lang: Lang) -> str:
    gate = indicator.gate
    if isinstance(gate, bool):
        return t(lang, "tpl-gate-true")
    if isinstance(gate, str):
        return t(lang, "tpl-gate-level", gate=gate)
    key = "tpl-gate-at-most" if indicator.lower_is_better else "tpl-gate-at-least"
    return t(lang, key, gate=_number(float(gate or 0), lang))


def _comment(text: str, *, indent: int = 0, lead: str = "") -> list[str]:
    """``text`` as ``#`` comment lines wrapped to ``WIDTH``, after ``lead`` on the first
    line and aligned under it on the others (line breaks in ``text`` become spaces)."""
    prefix = " " * indent + "# "
    wrapped = textwrap.wrap(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=prefix + lead,
        subsequent_indent=prefix + " " * len(lead),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.rstrip() for line in wrapped] or [(prefix + lead).rstrip()]


def _number(value: float, lang: Lang) -> str:
    return number_text(str(int(value)) if float(value).is_integer() else repr(value), lang)


def _percent(share: float, lang: Lang) -> str:
    return f"{num(share * 100, '.2f', lang)}%"
