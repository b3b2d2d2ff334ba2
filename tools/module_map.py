"""The README's module map, made from the tree: each layer package and each module with
the first sentence of its docstring. ``python tools/module_map.py`` prints it;
``--write`` puts it into README.md between the module-map markers;
tests/test_architecture.py checks that the README holds what this makes."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"
BEGIN, END = "<!-- module-map: made by tools/module_map.py -->", "<!-- /module-map -->"
# the order the layers are read in, top down (as pyproject.toml's layers contract has them)
ORDER = ("cli", "ui", "bench", "exports", "map", "ingest", "core")


def first_sentence(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split("\n\n", 1)[0].split())
    m = re.match(r"(.+?\.)(?=\s+[A-Z(`*]|$)", text)
    return (m.group(1) if m else text).rstrip(".") + "."


def module_map() -> str:
    lines = ["| module | what it holds |", "| --- | --- |"]
    for name in ("app", "__main__"):
        lines.append(f"| `dashboard/{name}.py` | {first_sentence(PACKAGE / f'{name}.py')} |")
    packages = sorted((p.parent for p in PACKAGE.glob("*/__init__.py")),
                      key=lambda p: (ORDER.index(p.name) if p.name in ORDER else len(ORDER), p.name))
    for pkg in packages:
        lines.append(f"| **`dashboard/{pkg.name}/`** | **{first_sentence(pkg / '__init__.py')}** |")
        for mod in sorted(pkg.glob("*.py")):
            if mod.name != "__init__.py":
                lines.append(f"| `{pkg.name}/{mod.name}` | {first_sentence(mod)} |")
    return "\n".join(lines)


def in_readme(readme: str) -> str | None:
    if BEGIN not in readme or END not in readme:
        return None
    return readme.split(BEGIN, 1)[1].split(END, 1)[0].strip()


def main(argv: list[str]) -> int:
    made = module_map()
    if "--write" not in argv:
        print(made)
        return 0
    path = ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    if in_readme(readme) is None:
        print(f"README.md has no {BEGIN} … {END} section", file=sys.stderr)
        return 1
    head, rest = readme.split(BEGIN, 1)
    path.write_text(head + BEGIN + "\n" + made + "\n" + END + rest.split(END, 1)[1], encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
