"""Criteria files: the bundled ones load; every refusal the SPEC lists is made, in place."""

from __future__ import annotations

import copy
import math
from pathlib import Path

import pytest
import yaml

from smartcity_assess.core.criteria import LoadedCriteria
from smartcity_assess.errors import CriteriaInvalid
from smartcity_assess.reading.criteria_file import load_criteria

from .conftest import CRITERIA_DIR


def test_bundled_criteria_has_eight_factors_and_weights_summing_to_one(
    bundled: LoadedCriteria,
) -> None:
    model = bundled.model
    assert [f.id for f in model.factors] == [
        "leadership",
        "budget",
        "policy",
        "planning",
        "internet",
        "it_staff",
        "applications",
        "infrastructure",
    ]
    pairs = list(model.indicators())
    assert len(pairs) >= 24
    assert all(3 <= len(f.indicators) <= 5 for f in model.factors)
    assert {i.type for _, i in pairs} == {"boolean", "level", "number"}
    assert math.isclose(sum(model.effective_weight(f, i) for f, i in pairs), 1.0)
    assert "reconstruction" in model.source.en


def test_spbe_criteria_matches_the_regulation(spbe: LoadedCriteria) -> None:
    model = spbe.model
    assert [f.weight for f in model.factors] == [13, 25, 16.5, 45.5]
    assert sum(len(f.indicators) for f in model.factors) == 47
    weights = [i.weight for _, i in model.indicators()]
    assert weights == [1.3] * 10 + [2.5] * 10 + [1.5] * 11 + [2.75] * 10 + [3.0] * 6
    assert [b.min for b in model.bands] == [4.2, 3.5, 2.6, 1.8, 0]


BASE = yaml.load((CRITERIA_DIR / "spbe-2020.yaml").read_bytes(), Loader=yaml.CSafeLoader)


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "c.yaml"
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def _mutated(change) -> dict:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(BASE)
    change(data)
    return data


CASES = {
    "duplicate factor id": (
        lambda d: d["factors"][1].update(id=d["factors"][0]["id"]),
        "duplicate-id",
    ),
    "duplicate indicator id": (
        lambda d: d["factors"][0]["indicators"][1].update(
            id=d["factors"][0]["indicators"][0]["id"]
        ),
        "duplicate-id",
    ),
    "zero factor weight": (lambda d: d["factors"][0].update(weight=0), "invalid-criteria"),
    "negative indicator weight": (
        lambda d: d["factors"][0]["indicators"][0].update(weight=-1),
        "invalid-criteria",
    ),
    "one level": (
        lambda d: d["factors"][0]["indicators"][0].update(levels=[{"id": "only"}]),
        "invalid-criteria",
    ),
    "equal goalposts": (
        lambda d: d["factors"][0]["indicators"][0].update(
            type="number", levels=None, goalposts={"worst": 1, "best": 1}
        ),
        "invalid-criteria",
    ),
    "bands ascending": (lambda d: d["bands"].reverse(), "invalid-criteria"),
    "cohort size zero": (lambda d: d["cohorts"][0].update(size=0), "invalid-criteria"),
    "unknown top-level key": (lambda d: d.update(weigths=1), "unknown-key"),
    "unknown indicator key": (
        lambda d: d["factors"][0]["indicators"][0].update(wieght=2),
        "unknown-key",
    ),
    "gate not a level": (
        lambda d: d["factors"][0]["indicators"][0].update(gate="l9"),
        "invalid-criteria",
    ),
    "unquoted version": (lambda d: d.update(version=2020.1), "wrong-type"),
    # Scores are compared as integers, score x 10**precision, exact only below 2**53.
    "scale too large": (lambda d: d.update(scale=1.0e12), "out-of-range"),
    "precision too fine": (lambda d: d.update(precision=7), "out-of-range"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_at_load_time(tmp_path: Path, name: str) -> None:
    change, code = CASES[name]
    path = _write(tmp_path, _mutated(change))
    with pytest.raises(CriteriaInvalid) as info:
        load_criteria(path)
    problems = info.value.problems
    assert code in [p.code for p in problems], [p.message() for p in problems]
    assert all(p.line >= 1 and p.path == str(path) for p in problems)


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    path = _write(tmp_path, _mutated(lambda d: d["factors"][0]["indicators"][0].update(wieght=2)))
    with pytest.raises(CriteriaInvalid) as info:
        load_criteria(path)
    assert "did you mean 'weight'" in info.value.problems[0].message()


def test_duplicate_id_points_at_the_second_one(tmp_path: Path) -> None:
    path = _write(tmp_path, _mutated(lambda d: d["factors"][1].update(id=d["factors"][0]["id"])))
    text = path.read_text().splitlines()
    with pytest.raises(CriteriaInvalid) as info:
        load_criteria(path)
    (p,) = info.value.problems
    assert text[p.line - 1].strip().startswith("- id:") or "id:" in text[p.line - 1]
    assert p.line > text.index(next(line for line in text if line.startswith("factors:")))
