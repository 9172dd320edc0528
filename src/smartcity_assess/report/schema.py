"""JSON Schema (draft 2020-12) for submissions and criteria files, for editors and tools.

Both schemas are generated from the pydantic models that validate the files, so they
cannot drift from them. The submission model is already specialised to the criteria
(real ids, level enums, ``valid`` bounds, required values); what is added here is what
the models check elsewhere or cannot say in a schema: the region code pattern, the
``criteria`` id, evidence addresses, and the criteria's own labels as titles and
descriptions, so that an editor shows them as help while typing. Every fixed text comes
from the message catalogue (``i18n``), so ``lang`` gives the schema in English or
Indonesian; the keys and constraints are the same in both.

Rules that span several fields (a kind that disagrees with its code, duplicate ids in
a criteria file, gates against levels) stay with ``assess validate``.
"""

from __future__ import annotations

import json
from typing import Any, get_args
from urllib.parse import quote

from smartcity_assess.core.criteria import (
    OWN_FIELDS,
    REQUIRED_FIELD,
    TYPED_FIELDS,
    Criteria,
    Factor,
    Indicator,
    IndicatorType,
)
from smartcity_assess.i18n import Lang, Msg, Num, t
from smartcity_assess.reading.cells import BOOLEAN_PATTERN, NUMBER_PATTERN
from smartcity_assess.reading.registry import KIND_NUMBERS
from smartcity_assess.reading.submissions import CODE_PATTERN, submission_model

DIALECT = "https://json-schema.org/draft/2020-12/schema"
Json = dict[str, Any]


def schema_text(schema: Json) -> str:
    """The schema as deterministic JSON: keys in the order built, indent 2, one final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _headed(head: Json, body: Json) -> Json:
    """``head`` keys first (``$schema``, ``$id``, title...), the generated body, ``$defs`` last."""
    rest = {k: v for k, v in body.items() if k not in head and k != "$defs"}
    return {**head, **rest, **({"$defs": body["$defs"]} if "$defs" in body else {})}


def _number(value: float) -> Num:
    """A number in a description, with the decimal mark of the description's language."""
    return Num(str(int(value)) if float(value).is_integer() else repr(value))


# --- submission ---------------------------------------------------------------------------


def submission_schema(criteria: Criteria, lang: Lang = "en") -> Json:
    """The schema of one submission document (YAML or JSON) for ``criteria``; titles and
    descriptions in ``lang``, the criteria's own texts in that language where they have it."""
    body: Json = submission_model(criteria).model_json_schema(by_alias=True, mode="validation")
    defs: Json = body.get("$defs", {})
    properties: Json = body["properties"]

    properties["schema_version"]["description"] = t(lang, "sch-schema-version")
    properties["criteria"] = {
        "anyOf": [{"const": criteria.id, "type": "string"}, {"type": "null"}],
        "default": None,
        "title": t(lang, "sch-criteria-title"),
        "description": t(lang, "sch-criteria-description", id=criteria.id),
    }
    _region(_target(properties["region"], defs), lang)
    properties["year"]["title"] = t(lang, "sch-year-title")
    properties["year"]["description"] = t(lang, "sch-year-description")
    properties["submitted"]["title"] = t(lang, "sch-submitted-title")
    properties["submitted"]["description"] = t(lang, "sch-submitted-description")
    values = _target(properties["values"], defs)
    values["title"] = t(lang, "sch-values-title")
    values["description"] = t(lang, "sch-values-description")
    for factor in criteria.factors:
        factor_values = _target(values["properties"][factor.id], defs)
        _factor(factor_values, factor, criteria, lang)
        for indicator in factor.indicators:
            node = factor_values["properties"][indicator.id]
            plain, checked = node.pop("oneOf")  # the two forms of a value (submissions.py)
            node.update(plain)
            _indicator(node, indicator, criteria, factor, lang)
            _checked(_target(checked, defs), indicator, lang)
            if "anyOf" not in node:
                kept = ("title", "description", "default")
                node["anyOf"] = [{key: node.pop(key) for key in list(node) if key not in kept}]
            node["anyOf"].append(checked)
    _evidence(defs["EvidenceModel"], lang)
    evidence: Json = properties["evidence"]
    evidence["title"] = t(lang, "sch-evidence-title")
    evidence["description"] = t(lang, "sch-evidence-description")
    evidence["propertyNames"] = {"enum": list(criteria.addresses)}

    head: Json = {
        "$schema": DIALECT,
        "$id": f"urn:smartcity-assess:submission:{_urn(criteria.id)}:{_urn(criteria.version)}",
        "title": t(lang, "sch-sub-title", id=criteria.id, version=criteria.version),
        "description": t(
            lang,
            "sch-sub-description",
            title=criteria.title.get(lang),
            id=criteria.id,
            version=criteria.version,
        ),
    }
    return _headed(head, body)


_CHECKED_HELP = {
    "claimed": "sch-checked-claimed",
    "evidence": "sch-checked-evidence",
    "verified": "sch-checked-verified",
    "status": "sch-checked-status",
    "verified_by": "sch-checked-verified-by",
    "note": "sch-checked-note",
}


def _checked(schema: Json, indicator: Indicator, lang: Lang) -> None:
    """A value written with its verification (docs/verification.md): its claim and
    verified value take the text forms a plain value does, and the rules on the status
    that a schema can state (which keys a status needs or refuses) are in ``allOf``;
    whether the verified value equals the claim is ``assess validate``'s to say."""
    schema["title"] = t(lang, "sch-checked-title")
    schema["description"] = t(lang, "sch-checked-description")
    fields: Json = schema["properties"]
    for name, key in _CHECKED_HELP.items():
        fields[name].pop("title", None)
        fields[name]["description"] = t(lang, key)
    _text_forms(fields["claimed"], indicator)
    _text_forms(fields["verified"], indicator)
    checked = ["verified", "corrected", "rejected"]
    schema["allOf"] = [
        {  # corrected-without-verified
            "if": {"properties": {"status": {"const": "corrected"}}, "required": ["status"]},
            "then": {
                "required": ["verified"],
                "properties": {"verified": {"not": {"type": "null"}}},
            },
        },
        {  # verified-not-allowed (no status is not-checked)
            "if": {"properties": {"status": {"enum": ["rejected", "not-checked"]}}},
            "then": {"properties": {"verified": {"type": "null"}}},
        },
        {  # verified-by-missing
            "if": {"properties": {"status": {"enum": checked}}, "required": ["status"]},
            "then": {
                "required": ["verified_by"],
                "properties": {"verified_by": {"type": "string", "pattern": r"\S"}},
            },
        },
    ]


def _evidence(schema: Json, lang: Lang) -> None:
    schema["title"] = t(lang, "sch-checked-evidence-title")
    schema["description"] = t(lang, "sch-checked-evidence")
    for name in ("document", "link", "page"):
        field: Json = schema["properties"][name]
        field.pop("title", None)
        field["description"] = t(lang, f"sch-evidence-{name}")


def _urn(text: str) -> str:
    return quote(text, safe="-._~")


def _target(node: Json, defs: Json) -> Json:
    """The object schema a property points at, through ``$ref`` or an ``anyOf`` with null."""
    for candidate in [node, *node.get("anyOf", [])]:
        ref = candidate.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target: Json = defs[ref.removeprefix("#/$defs/")]
            return target
        if candidate.get("type") == "object":
            found: Json = candidate
            return found
    raise ValueError(f"no object schema in {node!r}")  # the models changed shape: a bug


def _region(region: Json, lang: Lang) -> None:
    """The region's help texts, and its kind told by its code (``KIND_NUMBERS``)."""
    fields: Json = region["properties"]
    by_kind = {
        kind: r"^\d{2}\.(?:" + "|".join(f"{n:02d}" for n in numbers) + ")"
        for kind, numbers in KIND_NUMBERS.items()
    }
    fields["code"]["anyOf"] = [{"pattern": pattern} for pattern in by_kind.values()]
    region["allOf"] = [
        {
            "if": {
                "properties": {"code": {"type": "string", "pattern": pattern}},
                "required": ["code"],
            },
            "then": {"properties": {"kind": {"const": kind}}},
        }
        for kind, pattern in by_kind.items()
    ]
    region["title"] = t(lang, "sch-region-title")
    region["description"] = t(lang, "sch-region-description")
    fields["code"].update(
        title=t(lang, "sch-code-title"),
        description=t(lang, "sch-code-description"),
        pattern=CODE_PATTERN.pattern,
    )
    for name in ("name", "province", "kind"):
        fields[name].update(
            title=t(lang, f"sch-{name}-title"), description=t(lang, f"sch-{name}-description")
        )


def _factor(schema: Json, factor: Factor, criteria: Criteria, lang: Lang) -> None:
    parts = [t(lang, "sch-factor-share", share=_percent(criteria.factor_share(factor)))]
    if factor.description is not None:
        parts.insert(0, factor.description.get(lang))
    if factor.min_score is not None:
        parts.append(
            t(
                lang,
                "sch-factor-gate",
                min=_number(factor.min_score),
                scale=_number(criteria.scale),
            )
        )
    schema["title"] = factor.label(lang)
    schema["description"] = " ".join(parts)


def _indicator(
    schema: Json, indicator: Indicator, criteria: Criteria, factor: Factor, lang: Lang
) -> None:
    _text_forms(schema, indicator)
    schema["title"] = indicator.label(lang)
    lines: list[str] = []
    if indicator.description is not None:
        lines.append(indicator.description.get(lang))
    lines.append(indicator_summary(indicator, criteria, factor, lang))
    schema["description"] = "\n\n".join(lines)


_TEXT_FORMS = {
    "boolean": {"type": "string", "pattern": BOOLEAN_PATTERN},
    "number": {"type": "string", "pattern": NUMBER_PATTERN},
}
"""What a yes/no or a number may also be written as (``reading.cells``): ``ya``, ``BENAR``,
``"78,5"``. The bounds of a number written as text are 'assess validate''s to check."""


def _text_forms(schema: Json, indicator: Indicator) -> None:
    """Let the indicator's value also be the text its rule reads (``_TEXT_FORMS``), next
    to the boolean or number of the model: ``{"type": "boolean"}`` becomes ``anyOf``
    the two, and an ``anyOf`` with null gets the text form added after the value's."""
    text = _TEXT_FORMS.get(indicator.type)
    if text is None:
        return
    if "anyOf" in schema:
        options: list[Json] = schema["anyOf"]
        at = next(i for i, option in enumerate(options) if option.get("type") != "null")
        options.insert(at + 1, dict(text))
        return
    value = {key: schema.pop(key) for key in list(schema) if key not in ("title", "description")}
    schema["anyOf"] = [value, dict(text)]


def indicator_summary(
    indicator: Indicator, criteria: Criteria, factor: Factor, lang: Lang = "en"
) -> str:
    """Required or optional, allowed values, scoring and gate, in one paragraph."""
    parts = [t(lang, "tpl-required" if indicator.required else "sch-optional")]
    if indicator.type == "boolean":
        parts.append(t(lang, "tpl-type-boolean"))
    elif indicator.type == "level":
        levels = [
            f"{level.id} ({level.label.get(lang)})" if level.label else level.id
            for level in indicator.levels or []
        ]
        parts.append(t(lang, "sch-levels", levels=", ".join(levels)))
    else:
        unit = t(lang, "tpl-unit", unit=indicator.unit.get(lang)) if indicator.unit else ""
        parts.append(t(lang, "tpl-type-number", unit=unit))
        valid = indicator.valid
        if valid is not None and (valid.min is not None or valid.max is not None):
            low = _number(valid.min) if valid.min is not None else "-inf"
            high = _number(valid.max) if valid.max is not None else "inf"
            parts.append(t(lang, "tpl-valid", low=low, high=high))
        if indicator.goalposts is not None:
            parts.append(
                t(
                    lang,
                    "sch-scored-log" if indicator.transform == "log" else "sch-scored",
                    worst=_number(indicator.goalposts.worst),
                    best=_number(indicator.goalposts.best),
                )
            )
    share = _percent(criteria.effective_weight(factor, indicator))
    parts.append(t(lang, "tpl-weight", share=share))
    if indicator.gate is not None:
        parts.append(t(lang, "sch-gate", gate=_gate(indicator)))
    return " ".join(parts)


def _gate(indicator: Indicator) -> Msg:
    gate = indicator.gate
    if isinstance(gate, bool):
        return Msg.of("sch-gate-true")
    if isinstance(gate, str):
        return Msg.of("sch-gate-level", gate=gate)
    key = "sch-gate-at-most" if indicator.lower_is_better else "sch-gate-at-least"
    return Msg.of(key, gate=_number(float(gate or 0)))


def _percent(share: float) -> Num:
    return Num(f"{share * 100:.2f}%")


# --- criteria -----------------------------------------------------------------------------

_CRITERIA_HELP: dict[str, dict[str, str]] = {
    "Criteria": {
        "schema_version": "sch-schema-version",
        "id": "sch-crit-id",
        "version": "sch-crit-version",
        "title": "sch-crit-title-field",
        "source": "sch-crit-source",
        "questionnaire": "sch-crit-questionnaire",
        "panel": "sch-crit-panel",
        "scale": "sch-crit-scale",
        "precision": "sch-crit-precision",
        "aggregation": "sch-crit-aggregation",
        "missing": "sch-crit-missing",
        "value_basis": "sch-crit-value-basis",
        "min_coverage": "sch-crit-min-coverage",
        "bands": "sch-crit-bands",
        "cohorts": "sch-crit-cohorts",
        "groups": "sch-crit-groups",
        "factors": "sch-crit-factors",
    },
    "Factor": {"weight": "sch-crit-factor-weight", "min_score": "sch-crit-min-score"},
    "Indicator": {
        "type": "sch-crit-type",
        "weight": "sch-crit-indicator-weight",
        "required": "sch-crit-required",
        "gate": "sch-crit-gate",
        "levels": "sch-crit-levels",
        "unit": "sch-crit-unit",
        "valid": "sch-crit-valid",
        "goalposts": "sch-crit-goalposts",
        "transform": "sch-crit-transform",
        "uncertainty": "sch-crit-uncertainty",
        "source": "sch-crit-indicator-source",
    },
    "PanelRules": {
        "aggregate": "sch-crit-panel-aggregate",
        "trim": "sch-crit-panel-trim",
        "disagreement": "sch-crit-panel-disagreement",
        "min_assessors": "sch-crit-panel-min-assessors",
    },
    "Level": {"score": "sch-crit-level-score"},
    "Reserved": {"group": "sch-crit-reserved-group"},
    "Cohort": {
        "places": "sch-crit-places",
        "reserved": "sch-crit-reserved",
        "min_per_wilayah": "sch-crit-min-per-wilayah",
    },
}
"""Model -> field -> the catalogue key of the field's description."""


def criteria_schema(lang: Lang = "en") -> Json:
    """The schema of a criteria file, its descriptions in ``lang``; the same for every
    criteria (it is their format).

    Text fields accept a plain string or ``{en, id}``, as the model does before it
    validates. Of the rules ``assess criteria`` checks after the model, those a schema
    can state are in it (``_criteria_rules``); rules that compare values with each other
    (duplicate ids, a gate against the levels, band order, min <= max) are not.
    """
    body: Json = Criteria.model_json_schema(mode="validation")
    defs: Json = body["$defs"]
    text = defs["Text"]
    text["description"] = t(lang, "sch-crit-text-object")
    defs["Text"] = {
        "anyOf": [{"type": "string"}, text],
        "title": "Text",
        "description": t(lang, "sch-crit-text"),
    }
    for name, help_keys in _CRITERIA_HELP.items():
        model = body if name == "Criteria" else defs[name]
        for field, key in help_keys.items():
            model["properties"][field]["description"] = t(lang, key)
    _criteria_rules(defs)
    head: Json = {
        "$schema": DIALECT,
        "$id": "urn:smartcity-assess:criteria:1",
        "title": t(lang, "sch-crit-title"),
        "description": t(lang, "sch-crit-description"),
    }
    return _headed(head, body)


_GATES: dict[str, Json] = {
    "boolean": {"enum": [True, None]},  # gate-boolean: only true
    "level": {"type": ["string", "null"]},  # gate-level: a level id (which one, not said)
    "number": {"type": ["number", "null"]},  # gate-number: a number, not true/false
}
_REQUIRED_SHAPE: dict[str, Json] = {
    "levels": {"type": "array", "minItems": 2},  # levels-too-few
    "goalposts": {"type": "object"},
}


def _criteria_rules(defs: Json) -> None:
    """The rules of ``core.criteria.rules`` that a schema can state, each on one field or
    on an indicator of one type (``if type`` / ``then``); the comments name their keys.

    An absent field and ``null`` are the same to the loader, so a field that does not
    belong to a type may be ``null``; ``transform`` may not be written at all.
    """
    for model in ("Factor", "Indicator"):
        defs[model]["properties"]["weight"]["exclusiveMinimum"] = 0  # weight-positive
    defs["Cohort"]["properties"]["size"]["minimum"] = 1  # cohort-size
    # uncertainty-positive: a number above 0, or {relative: above 0}
    defs["Indicator"]["properties"]["uncertainty"]["anyOf"][0]["oneOf"][0]["exclusiveMinimum"] = 0
    defs["RelativeUncertainty"]["properties"]["relative"]["exclusiveMinimum"] = 0
    branches: list[Json] = []
    for kind in get_args(IndicatorType):
        properties: Json = {
            name: {"type": "null"}  # field-for-type
            for name in TYPED_FIELDS
            if name not in OWN_FIELDS[kind]
        }
        if kind != "number":
            properties["transform"] = False  # field-for-type, even 'linear'
        properties["gate"] = _GATES[kind]
        then: Json = {"properties": properties}
        required = REQUIRED_FIELD.get(kind)
        if required is not None:  # field-required-for-type
            properties[required] = _REQUIRED_SHAPE[required]
            then["required"] = [required]
        condition = {"properties": {"type": {"const": kind}}, "required": ["type"]}
        branches.append({"if": condition, "then": then})
    positive = {"exclusiveMinimum": 0}
    branches.append(  # goalposts-log
        {
            "if": {"properties": {"transform": {"const": "log"}}, "required": ["transform"]},
            "then": {
                "properties": {"goalposts": {"properties": {"worst": positive, "best": positive}}}
            },
        }
    )
    branches.append(  # interview-number, interview-required
        {
            "if": {"properties": {"source": {"const": "interview"}}, "required": ["source"]},
            "then": {"properties": {"type": {"const": "number"}, "required": {"const": False}}},
        }
    )
    defs["Indicator"]["allOf"] = branches
