"""A programme's ledger in every report: ``assess history`` (core.history rendered by the
report views, golden in every format and both languages), and the regions a round leaves
out labelled with why (selected or withdrawn in which round) in every ranking format.

The programme is tests/data/history (three small SYNTHETIC pools, made by its
make_pools.py): Kota Bandung (32.73) and Kabupaten Bantul (34.02) are selected in 2017
and Bandung withdraws; Kota Malang (35.73) is deferred in 2017, improves, is selected in
2018 with Kota Surabaya (35.78); 2019 has no outcome yet."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from smartcity_assess.core.history import RoundRanking, region_history
from smartcity_assess.reading.programme import load_programme

from .conftest import ROOT, TESTS

PROGRAMME = TESTS / "data" / "history" / "programme.yaml"
Run = Callable[..., Any]


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


# --- excluded regions, labelled in every ranking format -------------------------------------

LABELS = {
    # (code, the note in the report's language)
    "en": {
        "32.73": "withdrawn in 2017: illustrative withdrawal",
        "34.02": "selected in 2017",
        "35.73": "selected in 2018",
        "35.78": "selected in 2018",
    },
    "id": {
        "32.73": "mundur pada 2017: illustrative withdrawal",
        "34.02": "terpilih pada 2017",
        "35.73": "terpilih pada 2018",
        "35.78": "terpilih pada 2018",
    },
}
NAMES = {
    "32.73": "Kota Bandung",
    "34.02": "Kabupaten Bantul",
    "35.73": "Kota Malang",
    "35.78": "Kota Surabaya",
}
STATUS = {
    "32.73": ("withdrawn", "2017"),
    "34.02": ("selected", "2017"),
    "35.73": ("selected", "2018"),
    "35.78": ("selected", "2018"),
}
HEADING = {
    "en": "Excluded (selected or withdrawn in earlier rounds): 4",
    "id": "Dikecualikan (terpilih atau mundur di putaran sebelumnya): 4",
}


def _labels_in_text(text: str, lang: str) -> None:
    assert HEADING[lang] in text
    for code, note in LABELS[lang].items():
        assert f"{NAMES[code]} ({code}, {note})" in text


def _labels_in_rows(rows: list[dict[str, Any]], lang: str) -> None:
    """CSV and workbook: the excluded regions come after the ranked ones, with no rank
    and no score, their status, round and note in the last three columns."""
    ranked = [r for r in rows if not r["excluded"]]
    excluded = [r for r in rows if r["excluded"]]
    assert rows == ranked + excluded
    assert [r["code"] for r in ranked] == ["35.71", "33.72"]
    assert all(r["excluded"] is None or r["excluded"] == "" for r in ranked)
    found = {
        r["code"]: (r["excluded"], str(r["excluded_round"]), r["excluded_note"]) for r in excluded
    }
    assert found == {code: (*STATUS[code], note) for code, note in LABELS[lang].items()}
    assert all(r["rank"] in ("", None) and r["score"] in ("", None) for r in excluded)
    assert {r["code"]: r["name"] for r in excluded} == NAMES


def _check(fmt: str, lang: str, out: bytes) -> None:
    if fmt in ("table", "markdown", "html"):
        _labels_in_text(out.decode("utf-8"), lang)
    elif fmt == "json":
        data = json.loads(out)
        entries = {e["code"]: e for e in data["excluded"]}
        assert {c: e["note"] for c, e in entries.items()} == LABELS[lang]
        assert entries["32.73"] == {
            "code": "32.73",
            "name": "Kota Bandung",
            "province": "Jawa Barat",
            "status": "withdrawn",
            "round": 2017,
            "date": "2018-01-10",
            "reason": "illustrative withdrawal",
            "note": LABELS[lang]["32.73"],
        }
        assert {c: (e["status"], str(e["round"])) for c, e in entries.items()} == STATUS
    elif fmt == "csv":
        _labels_in_rows(list(csv.DictReader(io.StringIO(out.decode("utf-8")))), lang)
    else:
        book = openpyxl.load_workbook(io.BytesIO(out))
        sheet = book.worksheets[0]
        header = [c.value for c in sheet[1]]
        rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
        _labels_in_rows(rows, lang)
        about = "\n".join(str(row[0]) for row in book.worksheets[1].iter_rows(values_only=True))
        _labels_in_text(about, lang)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "xlsx"])
def test_excluded_regions_are_labelled_in_every_format(
    run: Run, tmp_path: Path, fmt: str, lang: str
) -> None:
    """A withdrawn region is labelled withdrawn (with its round and reason), never as
    'selected', and every other excluded region as selected in its round; the same bytes
    twice."""
    outputs = []
    for attempt in range(2):
        args = ("round", "rank", PROGRAMME, "2019", "-f", fmt, "--lang", lang)
        if fmt == "xlsx":
            target = tmp_path / f"round-{attempt}.xlsx"
            _ok(run(*args, "-o", target))
            outputs.append(target.read_bytes())
        else:
            wide = {"COLUMNS": "2000"}  # the table wraps the list of excluded regions
            outputs.append(_ok(run(*args, env=wide)).stdout_bytes)
    assert outputs[0] == outputs[1]
    _check(fmt, lang, outputs[0])


# --- assess history ----------------------------------------------------------------------------

HISTORY_FORMATS = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html"}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", HISTORY_FORMATS)
def test_history_is_golden(
    run: Run,
    golden: Callable[[str, str], None],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    lang: str,
) -> None:
    monkeypatch.chdir(ROOT)  # the report names no path, but the programme is found from here
    programme = PROGRAMME.relative_to(ROOT)
    first = _ok(run("history", programme, "35.73", "-f", fmt, "--lang", lang)).stdout
    again = _ok(run("history", programme, "35.73", "-f", fmt, "--lang", lang)).stdout
    assert first == again
    golden(f"history/malang.{lang}.{HISTORY_FORMATS[fmt]}", first)


def test_history_reads_progress_between_rounds(run: Run) -> None:
    """Kota Malang, hand-checked against the three rankings: 80.28 (rank 2, deferred),
    87.70 (rank 1 of the 2018 pool without the 2017 cohort, selected: +7.42, +1 place, the
    budget factor +4.32 after its ICT budget share went from 0.8 to 2.6), then 89.40
    (excluded, selected in 2018: +1.70, from the command centre in infrastructure)."""
    data = json.loads(_ok(run("history", PROGRAMME, "35.73", "-f", "json")).stdout)
    assert data["schema_version"] == 1 and data["command"] == "history"
    rounds = data["rounds"]
    assert [(r["outcome"], r["rank"], r["cohort"]) for r in rounds] == [
        ("deferred", 2, 2017),
        ("selected", 1, 2018),
        ("excluded", None, None),
    ]
    assert [round(r["score"], 2) for r in rounds] == [80.28, 87.70, 89.40]
    assert [r["change"] for r in rounds] == [None, 7.42, 1.7]
    assert [r["rank_change"] for r in rounds] == [None, 1, None]
    moved = [
        r["moved_most"] and (r["moved_most"]["factor"], r["moved_most"]["change"]) for r in rounds
    ]
    assert moved == [None, ("budget", 4.32), ("infrastructure", 1.7)]
    assert rounds[2]["exclusion"] == {"status": "selected", "round": 2018}
    # Provenance: each round's criteria, and its pool by checksum, no path.
    sha = hashlib.sha256((ROOT / "criteria" / "gerakan-100-smart-city.yaml").read_bytes())
    assert {r["criteria"]["sha256"] for r in rounds} == {sha.hexdigest()}
    pool = sorted(
        hashlib.sha256(f.read_bytes()).hexdigest()
        for f in (PROGRAMME.parent / "pool-2018").iterdir()
    )
    assert rounds[1]["pool"] == {
        "files": 6,
        "sha256": hashlib.sha256("".join(f"{s}\n" for s in pool).encode()).hexdigest(),
        "ranked": 4,
    }
    programme_sha = hashlib.sha256(PROGRAMME.read_bytes()).hexdigest()
    assert data["programme"] == {"title": "History test programme", "sha256": programme_sha}
    assert "path" not in json.dumps(data)


def test_history_of_a_withdrawn_region_and_of_one_that_never_applied(run: Run) -> None:
    bandung = json.loads(_ok(run("history", PROGRAMME, "32.73", "-f", "json")).stdout)["rounds"]
    assert [r["outcome"] for r in bandung] == ["withdrawn", "excluded", "excluded"]
    assert (bandung[0]["date"], bandung[0]["reason"]) == ("2018-01-10", "illustrative withdrawal")
    assert [r["exclusion"] for r in bandung[1:]] == [{"status": "withdrawn", "round": 2017}] * 2
    # Unchanged submissions: no score change, and no factor moved.
    assert [r["change"] for r in bandung] == [None, 0.0, 0.0]
    assert [r["moved_most"] for r in bandung] == [None, None, None]
    surabaya = json.loads(_ok(run("history", PROGRAMME, "35.78", "-f", "json")).stdout)
    assert [r["outcome"] for r in surabaya["rounds"]] == ["absent", "selected", "excluded"]
    assert surabaya["rounds"][0]["applied"] is False
    kediri = json.loads(_ok(run("history", PROGRAMME, "35.71", "-f", "json")).stdout)
    # 2019 has no outcome yet: a ranked region is pending.
    assert [r["outcome"] for r in kediri["rounds"]] == ["not-selected", "not-selected", "pending"]
    # Ranks 4, 3 and 1: the pools shrink as earlier rounds' regions are left out.
    assert [r["rank"] for r in kediri["rounds"]] == [4, 3, 1]
    assert [r["rank_change"] for r in kediri["rounds"]] == [None, 1, 2]
    nowhere = json.loads(_ok(run("history", PROGRAMME, "11.01", "-f", "json")).stdout)
    assert [r["applied"] for r in nowhere["rounds"]] == [False, False, False]


def test_region_history_is_computed_from_the_rankings_alone() -> None:
    """core.history needs only each round's ranking (here made as 'round rank' makes
    them): no reading, no report."""
    from smartcity_assess.cli.programme import _round_ranking

    loaded = load_programme(PROGRAMME)
    rounds = []
    for round_ in loaded.model.rounds:
        result = _round_ranking(
            loaded,
            round_.year,
            readmit=[],
            skip_invalid=False,
            max_bytes=None,
            lang="en",
            no_color=True,
        )
        shas = tuple(sha for sha, _ in result.inputs)
        rounds.append(RoundRanking(round_, result.criteria, result.ranking, shas, "35.73"))
    history = region_history(loaded.model, "35.73", "35.73", rounds)
    assert history.name == "Kota Malang"
    assert [(r.outcome, r.change, r.rank_change) for r in history.rounds] == [
        ("deferred", None, None),
        ("selected", 7.42, 1),
        ("excluded", 1.7, None),
    ]


def test_a_withdrawal_recorded_in_a_later_round_labels_the_region_from_then_on() -> None:
    """Selected in 2017, withdrawn in the outcome of 2018: round 2018 leaves it out as
    selected in 2017, round 2019 as withdrawn in 2018 (with the date and reason)."""
    from smartcity_assess.core.programme import Exclusion, Programme

    rounds = [
        {"year": 2017, "criteria": "c", "cohorts": {2017: 1}, "pool": "p",
         "outcome": {"selected": ["32.73"]}},
        {"year": 2018, "criteria": "c", "cohorts": {2018: 1}, "pool": "p",
         "outcome": {"withdrawn": [{"code": "32.73", "date": "2018-06-01", "reason": "r"}]}},
        {"year": 2019, "criteria": "c", "cohorts": {2019: 1}, "pool": "p"},
    ]  # fmt: skip
    programme = Programme.model_validate({"title": "t", "rounds": rounds}, strict=False)
    assert programme.exclusions(2017) == {}
    assert programme.exclusions(2018) == {"32.73": Exclusion("32.73", "selected", 2017)}
    assert programme.exclusions(2019) == {
        "32.73": Exclusion("32.73", "withdrawn", 2018, "2018-06-01", "r")
    }
