"""The import contracts (pyproject.toml, ``lint-imports`` in CI) cover every package of
the platform; no module imports itself back through others, not even from inside a
function (import-linter's acyclic contract looks at packages, this at modules); and tests
use the platform's code, never the benchmarks'."""

import ast
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
# Not the platform's code: tests and benchmarks drive it from outside.
OUTSIDE = {"tests", "bench"}


def test_the_import_contracts_cover_every_package():
    packages = {
        p.parent.name
        for p in ROOT.glob("*/__init__.py")
        if p.parent.name not in OUTSIDE and not p.parent.name.startswith(".")
    }

    assert packages <= set(CONTRACTS["root_packages"])


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, imported = work[-1]
            step = next(imported, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.find_modules_directly_imported_by(step)))))
                elif step in on_stack:
                    low[module] = min(low[module], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_imports_itself_back():
    graph = grimp.build_graph(*CONTRACTS["root_packages"])
    assert "production.tasks" in graph.modules  # the graph reaches the code

    assert _cycles(graph) == []


def test_a_circle_of_imports_is_found():
    graph = grimp.ImportGraph()
    for module in ("app", "app.services", "app.tasks", "app.models"):
        graph.add_module(module)
    graph.add_import(importer="app.services", imported="app.tasks")
    graph.add_import(importer="app.tasks", imported="app.services")
    graph.add_import(importer="app.tasks", imported="app.models")

    assert _cycles(graph) == [["app.services", "app.tasks"]]


def test_no_test_imports_the_benchmarks():
    found = []
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(name == "bench" or name.startswith("bench.") for name in names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")

    assert found == [], "move what tests need from bench/ into demo/"
