"""Reading a criteria file: the bundled one or the user's, parsed once with source
positions and validated into the criteria model, every problem at ``file:line:col``."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from smartcity_assess.core.criteria import (
    DEFAULT_CRITERIA,
    Band,
    Cohort,
    Criteria,
    Factor,
    Goalposts,
    Group,
    Indicator,
    KindPlaces,
    Level,
    LoadedCriteria,
    Range,
    Reserved,
    Selection,
    Text,
    WilayahMinimum,
    rules,
)
from smartcity_assess.errors import CriteriaInvalid, ProblemsError, UsageError
from smartcity_assess.i18n import Msg
from smartcity_assess.problems import Finding, Loc, Problem, finding, problem
from smartcity_assess.reading.model_errors import describe, problems_from_validation_error
from smartcity_assess.reading.registry import region_changes, registry
from smartcity_assess.reading.sources import (
    SourceFile,
    YamlDocument,
    parse_yaml_whole,
    placed,
    read_source,
)


def bundled_criteria_path(name: str = DEFAULT_CRITERIA) -> Path:
    """Where the bundled criteria file lives: in the installed package, else the checkout."""
    packaged = resources.files("smartcity_assess").joinpath(f"bundled_criteria/{name}.yaml")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "criteria" / f"{name}.yaml"


def bundled_criteria_ids() -> list[str]:
    """The ids of the bundled criteria (each file is ``ID.yaml``), sorted."""
    return sorted(path.stem for path in bundled_criteria_path().parent.glob("*.yaml"))


def criteria_target(path: Path | None) -> Path:
    """The file ``--criteria`` names: the bundled default when None, ``path`` itself when it
    exists, else the bundled criteria whose id ``path`` is (``-c spbe-2020``)."""
    if path is None:
        return bundled_criteria_path()
    if not path.exists() and str(path) in bundled_criteria_ids():
        return bundled_criteria_path(str(path))
    return path


def criteria_from_document(document: YamlDocument) -> Criteria:
    """Validate one parsed document as criteria; raise ``CriteriaInvalid`` with every problem."""
    try:
        model = Criteria.model_validate(document.data)
    except ValidationError as exc:
        raise CriteriaInvalid(
            problems_from_validation_error(exc, document, suggest=_criteria_keys)
        ) from None
    problems = placed(document, [*rules(model), *_unknown_codes(model)])
    if problems:
        raise CriteriaInvalid(problems)
    return model


def _unknown_codes(model: Criteria) -> Iterator[Finding]:
    """The codes of declared groups that are no region's, in any year of the registry
    (a region matches under every code it has had: ``registry.aliases``)."""
    known = registry()
    changes = region_changes()
    for name, group in model.groups.items():
        for i, code in enumerate(group.codes):
            if code not in known and code not in changes:
                loc = ("groups", name, "codes", i)
                yield finding("invalid-criteria", "group-code-unknown", loc, code=code)


def _criteria_keys(loc: Loc) -> list[str]:
    """Every key a criteria file may use at ``loc`` (for 'did you mean')."""
    models: list[type[BaseModel]] = [Criteria]
    names: dict[str, type[BaseModel]] = {
        "factors": Factor,
        "indicators": Indicator,
        "levels": Level,
        "bands": Band,
        "cohorts": Cohort,
        "selection": Selection,
        "places": KindPlaces,
        "reserved": Reserved,
        "min_per_wilayah": WilayahMinimum,
        "valid": Range,
        "goalposts": Goalposts,
        "groups": Group,
    }
    for part in reversed(loc):
        if isinstance(part, str) and part in names:
            models = [names[part]]
            break
        if isinstance(part, str) and part in (
            "title",
            "description",
            "source",
            "name",
            "label",
            "unit",
            "rationale",
        ):
            models = [Text]
            break
    return sorted({name for model in models for name in model.model_fields})


def is_bundled(loaded: LoadedCriteria) -> bool:
    """Whether ``loaded`` came from the criteria shipped with the package."""
    return Path(loaded.path).parent.resolve() == bundled_criteria_path().parent.resolve()


def load_criteria(path: Path | None = None) -> LoadedCriteria:
    """Read, parse and validate a criteria file (the bundled default when ``path`` is None).

    ``path`` may be the id of bundled criteria instead (``criteria_target``). A file that
    cannot be read is a ``UsageError``; an invalid one is ``CriteriaInvalid``.
    """
    target = criteria_target(path)
    try:
        source: SourceFile = read_source(target)
    except ProblemsError as exc:
        # Missing, a directory, unreadable, too large: the command cannot run (exit 2).
        first = exc.problems[0]
        if first.key == "file-missing":
            ids = ", ".join(bundled_criteria_ids())
            raise UsageError("usage-criteria-unknown", path=str(target), ids=ids) from None
        raise UsageError(
            "usage-criteria-missing", path=str(target), reason=Msg(first.key, first.params)
        ) from None
    try:
        cached = _LOADED.get((source.display, source.sha256))
        if cached is not None:
            return cached
        documents, problems = parse_yaml_whole(source)
    except ProblemsError as exc:
        raise CriteriaInvalid(exc.problems) from None
    if problems:
        raise CriteriaInvalid(problems)
    if len(documents) != 1:
        raise UsageError("criteria-one-document", path=source.display, count=len(documents))
    document = documents[0]
    if not isinstance(document.data, dict):
        raise CriteriaInvalid([_not_mapping(document)])
    model = criteria_from_document(document)
    loaded = LoadedCriteria(model=model, path=source.display, sha256=source.sha256)
    if len(_LOADED) >= _LOADED_MAX:
        _LOADED.clear()
    _LOADED[(source.display, source.sha256)] = loaded
    return loaded


_LOADED: dict[tuple[str, str], LoadedCriteria] = {}
"""Criteria already read in this process, by name and content: the same bytes give the
same (immutable) criteria, so a library user or a test suite that loads them again
skips parsing and, through ``submission_model``, rebuilding the submission model."""
_LOADED_MAX = 16


def _not_mapping(document: YamlDocument) -> Problem:

    return problem(
        document.path, "wrong-type", "not-mapping", line=1, column=1, got=describe(document.data)
    )
