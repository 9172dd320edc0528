"""``assess agreement``: how far a panel of assessors agrees, as a table, JSON, Markdown
or CSV. Every format is built from one view (``_view``), so they say the same thing;
JSON and CSV write numbers the English way, whatever ``--lang``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from smartcity_assess.core.criteria import Criteria, LoadedCriteria
from smartcity_assess.core.panel import ItemAgreement, Panel, Reliability, panel_checks
from smartcity_assess.core.submission import Submission
from smartcity_assess.core.verification import Check
from smartcity_assess.i18n import Lang, t
from smartcity_assess.report.common import indicator_name, num, provenance
from smartcity_assess.report.interface import ReportOptions
from smartcity_assess.report.table import _to_text


@dataclass(frozen=True)
class AgreementResult:
    """The panel, with the criteria (the panel names its files by sha256, not by path:
    renaming or moving them does not change a byte of the report)."""

    criteria: LoadedCriteria
    panel: Panel
    submissions: Sequence[Submission] = ()
    """The submissions of ``--pool`` (none without it): they hold the claims the panel
    checks and the regions' names."""

    @cached_property
    def checks(self) -> Mapping[tuple[str, str], Check]:
        """(region code, address) -> the panel's check of the claim of a questionnaire
        item (``core.panel.panel_checks``)."""
        return {
            (s.code, address): check
            for s in self.submissions
            for address, check in panel_checks(s, self.panel).items()
        }

    @cached_property
    def names(self) -> Mapping[str, str]:
        """Region code -> its name, as the submissions give it."""
        return {s.code: s.name for s in self.submissions if s.name}

    def region(self, code: str) -> str:
        """The region as the table and Markdown name it: ``Name (code)``, or its code
        when no submission names it."""
        name = self.names.get(code)
        return code if not name else f"{name} ({code})"

    def check(self, item: ItemAgreement) -> Check | None:
        return self.checks.get((item.code, item.address))


def _n(value: float | None, lang: Lang, spec: str = ".2f") -> str:
    return "-" if value is None else num(value + 0.0, spec, lang)


def _fix(value: float | None) -> float | None:
    return None if value is None else round(value, 6) + 0.0


def _status(
    item: ItemAgreement, lang: Lang, check: Check | None = None, *, short: bool = False
) -> str:
    """The item's flag, and for a questionnaire item the status the panel gave its claim
    (``corrected``, ``verified``, ``not-checked``), as the verification reports write it."""
    if item.value is None:
        flag = t(lang, "ag-too-few-short" if short else "ag-too-few")
    else:
        flag = t(lang, "ag-disagree") if item.flagged else ""
    if check is None:
        return flag
    return f"{flag}; {check.status}" if flag else check.status


def _values(item: ItemAgreement, lang: Lang) -> str:
    return "; ".join(f"{name} {num(value, 'g', lang)}" for name, value in item.values)


def _item_name(criteria: Criteria, address: str | None, lang: Lang) -> str:
    if address is None:
        return t(lang, "ag-all-items")
    return indicator_name(criteria, address, lang)


def _short_name(criteria: Criteria, address: str, lang: Lang) -> str:
    """The item in a narrow column: its indicator's name (its id when it has none)."""
    return criteria.addresses[address][1].label(lang)


def _settings(result: AgreementResult, lang: Lang) -> str:
    rules = result.panel.rules
    trim = num(rules.trim_share, "g", lang) if rules.aggregate == "trimmed-mean" else ""
    return t(
        lang,
        "ag-settings",
        aggregate=t(lang, f"ag-aggregate-{rules.aggregate}", trim=trim),
        threshold=num(rules.disagreement, "g", lang),
        minimum=rules.min_assessors,
        assessors=len(result.panel.assessors),
        regions=len(result.panel.regions),
    )


def summary(panel: Panel, lang: Lang) -> str:
    text = t(
        lang,
        "ag-summary",
        items=len(panel.items),
        flagged=len(panel.flagged),
        short=len(panel.short),
    )
    claims = sum(item.source == "questionnaire" for item in panel.short)
    return text if not claims else f"{text} {t(lang, 'ag-summary-claims', short=claims)}"


_ITEM_KEYS = (
    "region",
    "ag-item",
    "ag-n",
    "ag-values",
    "ag-value",
    "ag-min",
    "ag-max",
    "ag-range",
    "ag-sd",
    "ag-score-range",
    "ag-flag",
)
_ALPHA_KEYS = ("ag-item", "ag-units", "ag-pairable", "ag-alpha-interval", "ag-alpha-ordinal")


def _item_rows(result: AgreementResult, lang: Lang) -> list[list[str]]:
    model = result.criteria.model
    return [
        [
            result.region(item.code),
            _item_name(model, item.address, lang),
            str(item.n),
            _values(item, lang),
            _n(item.value, lang),
            _n(item.low, lang),
            _n(item.high, lang),
            _n(item.spread, lang),
            _n(item.sd, lang),
            _n(item.score_range, lang, ".1f"),
            _status(item, lang, result.check(item)),
        ]
        for item in result.panel.items
    ]


def _alpha_rows(result: AgreementResult, lang: Lang) -> list[list[str]]:
    model = result.criteria.model
    return [
        [
            _item_name(model, r.address, lang),
            str(r.units),
            str(r.values),
            _n(r.interval, lang, ".3f"),
            _n(r.ordinal, lang, ".3f"),
        ]
        for r in result.panel.reliability
    ]


def _short_assessors(names: list[str]) -> list[str]:
    """A1, A2, ...: the assessors' columns in the table (``_legend`` names them)."""
    return [f"A{i}" for i in range(1, len(names) + 1)]


def _legend(result: AgreementResult, lang: Lang) -> str:
    names = list(result.panel.assessors)
    pairs = ", ".join(
        f"{short} = {name}" for short, name in zip(_short_assessors(names), names, strict=True)
    )
    return t(lang, "ag-legend", assessors=pairs)


def _region_legend(result: AgreementResult, lang: Lang) -> str:
    """The regions of the table's narrow code column, by name (from ``--pool``)."""
    pairs = ", ".join(
        f"{code} = {result.names[code]}" for code in result.panel.regions if code in result.names
    )
    return t(lang, "ag-region-legend", regions=pairs)


def _by_assessor(result: AgreementResult, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The items as a table with a column per assessor (the table format's layout)."""
    names = list(result.panel.assessors)
    model = result.criteria.model
    header = [t(lang, "region"), t(lang, "ag-item"), *_short_assessors(names)]
    header += [t(lang, k) for k in ("ag-value", "ag-sd", "ag-score-range", "ag-flag")]
    rows = []
    for item in result.panel.items:
        given = dict(item.values)
        rows.append(
            [
                item.code,
                _short_name(model, item.address, lang),
                *(num(given[n], "g", lang) if n in given else "-" for n in names),
                _n(item.value, lang),
                _n(item.sd, lang),
                _n(item.score_range, lang, ".1f"),
                _status(item, lang, result.check(item), short=True),
            ]
        )
    return header, rows


def agreement_table(result: AgreementResult, options: ReportOptions) -> str:
    lang = options.lang
    title = t(lang, "ag-title", title=result.criteria.model.title.get(lang))
    items = Table(
        box=box.SIMPLE_HEAD,
        title=t(lang, "ag-items-heading"),
        title_justify="left",
        collapse_padding=True,
        pad_edge=False,
    )
    header, rows = _by_assessor(result, lang)
    last = len(header) - 1
    for i, name in enumerate(header):
        # Wide enough for every cell and the header's longest word: nothing is cut. The
        # region and the item (names) wrap at words; the numbers and the flag do not.
        named = i == 1
        cells = [w for row in rows for w in row[i].split()] if named else [r[i] for r in rows]
        widest = max([len(c) for c in cells] + [len(w) for w in name.split()])
        items.add_column(
            name,
            justify="left" if i in (0, 1, last) else "right",
            no_wrap=i == last,
            min_width=widest,
        )
    for row, item in zip(rows, result.panel.items, strict=True):
        style = "yellow" if item.flagged or item.value is None else None
        items.add_row(*row, style=style)
    alphas = Table(box=box.SIMPLE_HEAD, title=t(lang, "ag-alpha-heading"), title_justify="left")
    for i, key in enumerate(_ALPHA_KEYS):
        alphas.add_column(t(lang, key), justify="left" if i == 0 else "right")
    for row in _alpha_rows(result, lang):
        alphas.add_row(*row)
    parts: list[RenderableType] = [
        Text(title, style="bold"),
        Text(_settings(result, lang)),
        items,
        Text(_legend(result, lang)),
        *([Text(_region_legend(result, lang))] if result.names else []),
        alphas,
        Text(t(lang, "ag-alpha-note")),
        Text(summary(result.panel, lang)),
    ]
    return _to_text(Group(*parts), options)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _md_table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    rule = "|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|"
    return [_md_row(header), rule, *(_md_row(r) for r in rows)]


def agreement_markdown(result: AgreementResult, options: ReportOptions) -> str:
    lang = options.lang
    lines = [f"# {t(lang, 'ag-title', title=result.criteria.model.title.get(lang))}", ""]
    lines += [_settings(result, lang), ""]
    lines += [f"## {t(lang, 'ag-items-heading')}", ""]
    lines += _md_table([t(lang, k) for k in _ITEM_KEYS], _item_rows(result, lang), "llrlrrrrrrl")
    lines += ["", f"## {t(lang, 'ag-alpha-heading')}", ""]
    lines += _md_table([t(lang, k) for k in _ALPHA_KEYS], _alpha_rows(result, lang), "lrrrr")
    lines += ["", f"_{t(lang, 'ag-alpha-note')}_", "", summary(result.panel, lang)]
    return "\n".join(lines) + "\n"


def _reliability(r: Reliability) -> dict[str, Any]:
    return {
        "item": r.address,
        "units": r.units,
        "values": r.values,
        "alpha_interval": r.interval,
        "alpha_ordinal": r.ordinal,
    }


def agreement_json(result: AgreementResult, options: ReportOptions) -> str:
    panel = result.panel
    rules = panel.rules
    data: dict[str, Any] = {
        "schema_version": 1,
        "command": "agreement",
        **provenance(result.criteria),
        "panel": {
            "aggregate": rules.aggregate,
            "trim": rules.trim_share if rules.aggregate == "trimmed-mean" else None,
            "disagreement": rules.disagreement,
            "min_assessors": rules.min_assessors,
        },
        "assessors": list(panel.assessors),
        "files": [
            {"sha256": sha, "assessor": name, "region": code} for sha, name, code in panel.files
        ],
        "items": [
            {
                "region": item.code,
                "item": item.address,
                "source": item.source,
                **_claim(result, item),
                "values": [{"assessor": name, "value": value} for name, value in item.values],
                "n": item.n,
                "value": _fix(item.value),
                "min": item.low,
                "max": item.high,
                "range": _fix(item.spread),
                "sd": _fix(item.sd),
                "score_range": _fix(item.score_range),
                "flagged": item.flagged,
                "too_few_assessors": item.value is None,
            }
            for item in panel.items
        ],
        "reliability": [_reliability(r) for r in panel.reliability],
        "summary": {
            "items": len(panel.items),
            "flagged": len(panel.flagged),
            "too_few_assessors": len(panel.short),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _claim(result: AgreementResult, item: ItemAgreement) -> dict[str, Any]:
    """A questionnaire item's claim and the status the panel gave it (null without
    ``--pool``, or when the region claimed nothing); nothing for an interview item."""
    if item.source != "questionnaire":
        return {}
    check = result.check(item)
    claimed = None if check is None else check.claimed
    return {"claimed": claimed, "status": None if check is None else check.status}


_CSV_HEADER = [
    "region",
    "item",
    "source",
    "claimed",
    "status",
    "n",
    "values",
    "value",
    "min",
    "max",
    "range",
    "sd",
    "score_range",
    "flagged",
    "too_few_assessors",
    "name",
]


def agreement_csv(result: AgreementResult, options: ReportOptions) -> str:
    """One row per item per region (the reliability is in the other formats)."""

    def cell(value: float | None) -> str:
        return "" if value is None else repr(_fix(value))

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_HEADER)
    for item in result.panel.items:
        writer.writerow(
            [
                item.code,
                item.address,
                item.source,
                "" if (c := result.check(item)) is None or c.claimed is None else repr(c.claimed),
                "" if c is None else c.status,
                item.n,
                ";".join(f"{name}={value!r}" for name, value in item.values),
                cell(item.value),
                cell(item.low),
                cell(item.high),
                cell(item.spread),
                cell(item.sd),
                cell(item.score_range),
                str(item.flagged).lower(),
                str(item.value is None).lower(),
                result.names.get(item.code, ""),
            ]
        )
    return buffer.getvalue()


FORMATS = {
    "table": agreement_table,
    "json": agreement_json,
    "markdown": agreement_markdown,
    "csv": agreement_csv,
}
"""``assess agreement --format``: each format's writer."""
