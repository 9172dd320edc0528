"""Fixes from a review of the panel round: help texts, messages and warnings that said
something other than what the tool does."""

from __future__ import annotations

from typing import Any


def _help(run: Any, *command: str) -> str:
    result = run(*command, "--help")
    assert result.exit_code == 0
    return " ".join(result.stdout.replace("│", " ").split())


def test_overrides_help_names_the_criteria_zone_as_enough(run: Any) -> None:
    for command in ("rank", "decision-record"):
        text = _help(run, command)
        assert "Needs --override-zone." not in text
        assert "selection.override_zone.points" in text.split("--override-zone POINTS")[0]


def test_agreement_cohorts_help_says_what_the_cohorts_are_for(run: Any) -> None:
    text = _help(run, "agreement")
    assert "Cohorts to fill" not in text
    assert "Nothing is filled" in text
