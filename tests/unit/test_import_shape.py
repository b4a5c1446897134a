"""The package shape (issue 11): no import cycle between files of ``sakrad/``, and no route
module importing another route module.

The import graph is read from the source with ``ast`` (nothing is imported). An import under
``if TYPE_CHECKING:`` is not an edge. ``from pkg import name`` is an edge to ``pkg.name`` when
that is a module, else to ``pkg``. The one sanctioned loop is a package's ``blueprint.py``
importing its own route modules at its bottom (they import ``bp`` from it): that edge is left
out, and every other edge still counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "sakrad"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if _is_type_checking(node.test):
                for child in node.orelse:
                    self.visit(child)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                found.add(sub if sub in MODULES else module)

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in MODULES and m != name}


RAW = {name: _imports(name, path) for name, path in MODULES.items()}


def _is_route_module(name: str) -> bool:
    """``views``/``*_views``, or any module taking ``bp`` from its package's blueprint."""
    last = name.rpartition(".")[2]
    own_blueprint = name.rpartition(".")[0] + ".blueprint"
    return last == "views" or last.endswith("_views") or own_blueprint in RAW.get(name, ())


def _graph() -> dict[str, set[str]]:
    graph = {name: set(edges) for name, edges in RAW.items()}
    for name, edges in graph.items():
        if name.endswith(".blueprint"):
            package = name.rpartition(".")[0]
            graph[name] = {
                m for m in edges if not (m.startswith(package + ".") and _is_route_module(m))
            }
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_real_imports():
    # The checker itself must see edges, or the tests below could not fail.
    graph = _graph()
    assert "sakrad.errors" in graph["sakrad.shell.usecase"]
    assert "sakrad.invitations.records" in graph["sakrad.invitations.service"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_between_files():
    cycles = _cycles(_graph())
    assert cycles == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _is_route_module(n)))
def test_route_module_imports_no_other_route_module(name: str):
    offending = sorted(m for m in _graph()[name] if _is_route_module(m))
    assert offending == []


def test_every_route_module_takes_bp_from_its_blueprint():
    for name in sorted(n for n in MODULES if _is_route_module(n)):
        package = name.rpartition(".")[0]
        assert f"{package}.blueprint" in RAW[name], name
