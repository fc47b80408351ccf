"""The shape of the house, read from the imports: no module imports itself back through
others (circles make import order matter and hide what depends on what), and the core (the
modules directly in diaspora_platform/) imports no domain package, so a domain can be
changed or removed without touching the core."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE = "diaspora_platform"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Modules of the package that `path` imports, at the top or inside functions."""
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom) and node.module in MODULES:
            submodules = {f"{node.module}.{a.name}" for a in node.names} & MODULES.keys()
            targets.update(submodules)
            if len(submodules) < len(node.names):  # names defined in the module itself
                targets.add(node.module)
    return targets


@functools.cache
def graph() -> dict[str, set[str]]:
    """Each module's imports within the package: read when a test asks, not while the suite
    is collected (every test process collects this file; one runs its tests)."""
    return {name: _imports(path) - {name} for name, path in MODULES.items()}


def _domain(module: str) -> str | None:
    """The domain package a module belongs to, or None for the core."""
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and (ROOT / parts[1]).is_dir()):
        return parts[1]
    return None


def _circles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for start in graph():
        if start in index:
            continue
        work = [(start, iter(sorted(graph()[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph()[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return circles


def test_the_graph_sees_the_package():
    assert len(graph()) > 150
    assert f"{PACKAGE}.fund.ledger" in graph()[f"{PACKAGE}.fund.pledges"]
    assert _domain(f"{PACKAGE}.fund.ledger") == "fund" and _domain(f"{PACKAGE}.audit") is None


def test_no_module_imports_itself_back():
    assert _circles() == []


def test_the_core_imports_no_domain():
    arrows = sorted(f"{module} -> {target}" for module, targets in graph().items()
                    if module != PACKAGE and _domain(module) is None
                    for target in targets if _domain(target))
    assert arrows == []
