"""Measure how the code is shaped: handler length, function length, complexity, module size.

Run from the repository root:

    .venv/bin/python bench/shape.py

Everything is discovered from the source with `ast`: the handler callbacks registered by
`bot/app.py:register_handlers`, the product packages (bot/, storage/ without its migrations,
reminders/, language/ when it exists) and the handler modules of bot/handlers/. Cyclomatic
complexity needs radon (`.venv/bin/pip install radon`); without it that section is skipped.
The figures are for a human: the script only prints, and always exits 0.
"""

from __future__ import annotations

import ast
import statistics
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANDLERS = ROOT / "bot" / "handlers"
PACKAGES = ("bot", "storage", "reminders", "language")
EXCLUDED = (ROOT / "storage" / "migrations",)
THRESHOLDS = (15, 25, 40)
Func = ast.FunctionDef | ast.AsyncFunctionDef


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def product_files() -> list[Path]:
    files: list[Path] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if not any(path.is_relative_to(excluded) for excluded in EXCLUDED):
                files.append(path)
    return files


def body_length(func: Func) -> int:
    """Physical lines from the first statement after any docstring through the function's end."""
    body = func.body
    if ast.get_docstring(func, clean=False) is not None:
        body = body[1:]
    if not body:
        return 0
    first = body[0]
    decorators: list[ast.expr] = getattr(first, "decorator_list", [])
    start = min([first.lineno, *(d.lineno for d in decorators)])
    return (func.end_lineno or func.lineno) - start + 1


def functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, Func]]:
    """Every function, method and nested function, named by its dotted qualified name."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, Func):
            yield f"{prefix}{node.name}", node
            yield from functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from functions(node, f"{prefix}{node.name}.")
        else:
            yield from functions(node, prefix)


def summary(lengths: list[int]) -> str:
    median = statistics.median(lengths) if lengths else 0
    over = ", ".join(f">{t}: {sum(n > t for n in lengths)}" for t in THRESHOLDS)
    return f"count {len(lengths)}, median body {median:g} lines, {over}"


def module_file(dotted: str) -> Path | None:
    base = ROOT.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def find_def(path: Path, name: str, hops: int = 3) -> tuple[Path, Func] | None:
    """The top-level def `name` in `path`, following `from x import name` re-exports."""
    tree = parse(path)
    for node in tree.body:
        if isinstance(node, Func) and node.name == name:
            return path, node
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and hops:
            for alias in node.names:
                target = module_file(node.module)
                if (alias.asname or alias.name) == name and target is not None:
                    return find_def(target, alias.name, hops - 1)
    return None


def handler_imports(tree: ast.Module) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """app.py's aliases: handler modules by local name, and bare callbacks by local name."""
    modules: dict[str, str] = {}
    bare: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "bot.handlers":
            modules.update({a.asname or a.name: a.name for a in node.names})
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.handlers."):
            module = (node.module or "").removeprefix("bot.handlers.")
            bare.update({a.asname or a.name: (module, a.name) for a in node.names})
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("bot.handlers.") and a.asname:
                    modules[a.asname] = a.name.removeprefix("bot.handlers.")
    return modules, bare


def reachable(tree: ast.Module, entry: str) -> list[ast.AST]:
    """`entry` and the top-level functions and tables of the same file it refers to."""
    named: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, Func):
            named[node.name] = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named.update({t.id: node for t in targets if isinstance(t, ast.Name)})
    seen: list[ast.AST] = []
    todo = [named[entry]] if entry in named else []
    while todo:
        current = todo.pop()
        if not any(current is s for s in seen):
            seen.append(current)
            names = [n.id for n in ast.walk(current) if isinstance(n, ast.Name)]
            todo.extend(named[name] for name in names if name in named)
    return seen


def registered_callbacks() -> None:
    print("== Registered handler callbacks (bot/app.py:register_handlers) ==")
    tree = parse(ROOT / "bot" / "app.py")
    modules, bare = handler_imports(tree)
    refs: dict[tuple[str, str], None] = {}
    for root in reachable(tree, "register_handlers"):
        for node in ast.walk(root):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id in modules:
                    refs[(modules[node.value.id], node.attr)] = None
            elif isinstance(node, ast.Name) and node.id in bare:
                refs[bare[node.id]] = None
    rows: dict[tuple[Path, int], tuple[str, int]] = {}
    for module, name in refs:
        path = module_file(f"bot.handlers.{module}")
        found = find_def(path, name) if path is not None else None
        if found is None:
            print(f"  unresolved: {module}.{name}")
            continue
        rows.setdefault((found[0], found[1].lineno), (f"{module}:{name}", body_length(found[1])))
    table = sorted(rows.values(), key=lambda r: (-r[1], r[0]))
    print("  " + summary([n for _, n in table]))
    for label, n in table:
        print(f"  {label:<44} {n:>4}")


def all_functions() -> None:
    print("== All functions in the product packages ==")
    rows: list[tuple[str, int, int]] = []
    for path in product_files():
        for name, func in functions(parse(path)):
            total = (func.end_lineno or func.lineno) - func.lineno + 1
            rows.append((f"{rel(path)}:{name}", total, body_length(func)))
    print("  " + summary([body for _, _, body in rows]))
    print("  15 longest (total/body):")
    for label, total, body in sorted(rows, key=lambda r: (-r[2], -r[1], r[0]))[:15]:
        print(f"  {label:<64} {total:>4}/{body}")


def complexity() -> None:
    print("== Cyclomatic complexity (radon) ==")
    try:
        from radon.complexity import cc_rank, cc_visit  # type: ignore[import-untyped]
    except ImportError:
        print("  radon is not installed: .venv/bin/pip install radon")
        return
    rows: list[tuple[str, str, int]] = []
    for path in product_files():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            score = int(block.complexity)
            rows.append((f"{rel(path)}:{block.fullname}", str(cc_rank(score)), score))
    average = statistics.fmean([s for _, _, s in rows]) if rows else 0.0
    bad = sorted((r for r in rows if r[1] >= "C"), key=lambda r: (-r[2], r[0]))
    letter = cc_rank(average)
    print(f"  blocks {len(rows)}, average {average:.2f} ({letter}), C or worse {len(bad)}")
    for label, grade, score in bad:
        print(f"  {label:<64} {grade} {score:>3}")


def module_sizes() -> None:
    print("== Module sizes ==")
    sizes = [(rel(p), len(p.read_text(encoding="utf-8").splitlines())) for p in product_files()]
    median = statistics.median([n for _, n in sizes]) if sizes else 0
    big = sorted((s for s in sizes if s[1] > 300), key=lambda s: (-s[1], s[0]))
    print(f"  modules {len(sizes)}, median {median:g} lines, over 300 lines: {len(big)}")
    for label, n in big:
        print(f"  {label:<44} {n:>5}")


def lateral_imports() -> None:
    print("== Handler modules importing sibling handler modules ==")
    siblings = {p.stem for p in HANDLERS.glob("*.py") if p.stem != "__init__"}
    siblings |= {p.parent.name for p in HANDLERS.glob("*/__init__.py")}
    for module in sorted(siblings):
        path = module_file(f"bot.handlers.{module}")
        found: set[str] = set()
        for node in ast.walk(parse(path)) if path is not None else ():
            if isinstance(node, ast.ImportFrom):
                package = "bot.handlers" if node.level == 1 else ""
                absolute = ".".join(p for p in (package, node.module or "") if p)
                if absolute == "bot.handlers":
                    found |= {a.name for a in node.names}
                elif absolute.startswith("bot.handlers."):
                    found.add(absolute.split(".")[2])
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.startswith("bot.handlers.")]
                found |= {name.split(".")[2] for name in names}
        imported = sorted((found & siblings) - {module})
        print(f"  {module:<14} -> {', '.join(imported) if imported else '(none)'}")


SECTIONS: tuple[Callable[[], None], ...] = (
    registered_callbacks,
    all_functions,
    complexity,
    module_sizes,
    lateral_imports,
)


def main() -> None:
    for index, section in enumerate(SECTIONS):
        if index:
            print()
        try:
            section()
        except Exception as exc:  # a report, not a gate: say what broke and go on
            print(f"  section failed: {exc!r}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
    sys.exit(0)
