"""The package's layout holds: reading -> core -> report -> cli, and no import circle.

Every module's imports are read from its source (all of them, those inside functions
included). A package may import the foundation (``errors``, ``problems``, ``i18n``)
and the packages before it in the flow; nothing imports ``cli`` but ``cli``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "smartcity_assess"
FOUNDATION = {"errors", "problems", "i18n"}
ALLOWED = {
    # which of the package's parts each part may import
    "foundation": {"foundation"},
    "core": {"foundation", "core"},
    "reading": {"foundation", "core", "reading"},
    "report": {"foundation", "core", "reading", "report"},
    "cli": {"foundation", "core", "reading", "report", "cli"},
}


def _part(module: str) -> str:
    """``smartcity_assess.core.scoring`` -> ``core``; a top-level module is foundation."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] in FOUNDATION or parts[1] in ("__init__", "__main__"):
        return "foundation" if parts[-1] != "__main__" else "cli"
    return parts[1] if parts[1] in ALLOWED else "foundation"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, tree: ast.AST) -> set[str]:
    """The package's modules that the statements of ``tree`` (in module ``name``) import."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base]) if base else ".".join(parent)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


MODULES = _modules()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_module_imports_only_what_comes_before_it(name: str) -> None:
    part = _part(name)
    wrong = sorted(m for m in _imports(name, _tree(name)) if _part(m) not in ALLOWED[part])
    assert not wrong, f"{name} ({part}) imports {wrong}"


def test_the_layout_has_the_four_stages() -> None:
    parts = {_part(m) for m in MODULES}
    assert parts == set(ALLOWED)


def test_no_module_imports_itself_round_a_circle() -> None:
    """Imports at a module's top level form no cycle (those inside functions run later,
    once every module is loaded, and are checked by the layer rule above)."""

    def top_level(name: str) -> set[str]:
        # TYPE_CHECKING blocks (an ``if``) do not run; nor do function bodies.
        statements = [n for n in _tree(name).body if isinstance(n, ast.Import | ast.ImportFrom)]
        return _imports(name, ast.Module(body=statements, type_ignores=[]))

    graph = {name: top_level(name) for name in MODULES}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in graph[name]:
            if state.get(other) == 1:
                cycle = [*trail[trail.index(other) :], other]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if other not in state:
                visit(other, [*trail, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
