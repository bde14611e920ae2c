"""Imports point one way: bot -> reminders -> storage. Nothing imports bot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"bot", "storage", "reminders"}


def imported_packages(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names & OURS
    return found


@pytest.mark.parametrize(
    ("package", "allowed"),
    [("storage", {"storage"}), ("reminders", {"reminders", "storage"}), ("bot", OURS)],
)
def test_each_layer_imports_only_the_layers_below(package: str, allowed: set[str]) -> None:
    offenders = {
        f: names - allowed for f, names in imported_packages(package).items() if names - allowed
    }
    assert offenders == {}


def test_language_understanding_has_no_telegram_import() -> None:
    for path in (ROOT / "bot" / "language").rglob("*.py"):
        assert "telegram" not in path.read_text(encoding="utf-8"), path


def test_the_import_reader_sees_real_imports() -> None:
    # Guards the guard: bot really imports storage, so the reader is not blind.
    assert any("storage" in names for names in imported_packages("bot").values())
