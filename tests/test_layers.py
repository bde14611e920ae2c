"""Imports point one way: bot -> reminders -> storage, and language stands alone.

Read from the source's import statements, so a comment or a string never trips it and an
import of a layer above never slips past it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"bot", "language", "storage", "reminders"}


def imported_packages(package: str) -> dict[str, set[str]]:
    """For each module of `package`, which of our packages it imports."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                # A relative import stays inside the package it is written in.
                names.add(package if node.level else (node.module or "").split(".")[0])
        found[str(path.relative_to(ROOT))] = names & OURS
    return found


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("language", {"language"}),
        ("storage", {"storage"}),
        ("reminders", {"reminders", "storage"}),
        ("bot", OURS),
    ],
)
def test_each_layer_imports_only_the_layers_below(package: str, allowed: set[str]) -> None:
    offenders = {
        f: names - allowed for f, names in imported_packages(package).items() if names - allowed
    }
    assert offenders == {}


def test_nothing_imports_the_telegram_edge() -> None:
    for package in OURS - {"bot"}:
        assert all("bot" not in names for names in imported_packages(package).values()), package


def test_language_understanding_imports_no_telegram_and_no_database() -> None:
    for path in (ROOT / "language").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {
            alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names
        }
        modules |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        roots = {m.split(".")[0] for m in modules}
        assert roots.isdisjoint({"telegram", "sqlmodel", "sqlalchemy"}), path


def test_the_import_reader_sees_real_imports() -> None:
    # Guards the guard: bot really imports storage and language, so the reader is not blind.
    imports = imported_packages("bot").values()
    assert any("storage" in names for names in imports)
    assert any("language" in names for names in imports)
