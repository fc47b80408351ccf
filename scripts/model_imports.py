"""Count the imports of another domain's models inside each domain (the doors between
domains are their services and queries; docs/architecture.md says which model imports
remain and why).

    .venv/bin/python scripts/model_imports.py            # the total and the count per domain
    .venv/bin/python scripts/model_imports.py --list     # every import, file by file
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "diaspora_platform"
sys.path.insert(0, str(ROOT))


def domains() -> list[str]:
    from diaspora_platform import DOMAINS

    return sorted(DOMAINS, key=len, reverse=True)  # "community.events" before "community"


def domain_of(module: str, names: list[str]) -> str | None:
    """The domain a dotted module (below diaspora_platform) belongs to, if any."""
    return next((d for d in names if module == d or module.startswith(d + ".")), None)


def _type_only(tree: ast.Module) -> set[int]:
    """The import nodes inside `if TYPE_CHECKING:` blocks: names for annotations, never
    loaded when the program runs, so no door between domains is used."""
    nodes = set()
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING":
            nodes.update(id(child) for stmt in block.body for child in ast.walk(stmt))
    return nodes


def imported_modules(path: Path, type_only: bool = False) -> list[str]:
    """The modules below diaspora_platform that a file imports (an imported name that is
    itself a module, `from x import models`, counts as that module): those imported when
    the program runs, or with `type_only` those imported for annotations only."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    annotations = _type_only(tree)
    for node in ast.walk(tree):
        if (id(node) in annotations) != type_only:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    prefix = "diaspora_platform."
    return [name[len(prefix):] for name in found if name.startswith(prefix)]


def model_imports(type_only: bool = False) -> list[tuple[str, str, str]]:
    """(file, importing domain, imported models module) for each cross-domain model import
    made when the program runs (or, with `type_only`, for annotations only)."""
    names = domains()
    rows = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        own = domain_of(module, names)
        if own is None:
            continue
        for target in sorted(set(imported_modules(path, type_only))):
            other = domain_of(target, names)
            if other and other != own and target.split(".")[-1] == "models":
                rows.append((str(path.relative_to(ROOT)), own, target))
    return rows


def main() -> None:
    rows = model_imports()
    if "--list" in sys.argv:
        for path, _own, target in rows:
            print(f"{path}: {target}")
        print()
    for own, count in Counter(own for _path, own, _target in rows).most_common():
        print(f"{count:4}  {own}")
    print(f"{len(rows):4}  cross-domain model imports (file × imported models module)")
    print(f"{len(model_imports(type_only=True)):4}  more for annotations only "
          "(under `if TYPE_CHECKING:`, not loaded when the program runs)")


if __name__ == "__main__":
    main()
