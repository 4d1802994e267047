"""Imports only go upstream along the data flow (see STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "anci_mailintake"

FORBIDDEN = {
    "errors": {"anci_mailintake."},
    "records": {"anci_mailintake.", "sqlalchemy", "click", "spacy", "mailparser", "imapclient"},
    "mailbox": {"anci_mailintake.message", "anci_mailintake.extract", "anci_mailintake.store", "anci_mailintake.web"},
    "message": {"anci_mailintake.store", "anci_mailintake.mailbox", "anci_mailintake.web", "imapclient", "spacy"},
    "documents": {"anci_mailintake.store", "anci_mailintake.mailbox", "anci_mailintake.web", "spacy", "imapclient"},
    "extract": {"anci_mailintake.store", "anci_mailintake.mailbox", "anci_mailintake.message",
                "anci_mailintake.web", "imapclient", "mailparser", "sqlalchemy"},
    "store": {"imapclient", "mailparser", "spacy", "click", "flask", "anci_mailintake.web", "anci_mailintake.cli"},
    "pipeline": {"click", "flask", "anci_mailintake.web", "anci_mailintake.cli"},
    "report": {"click", "flask", "anci_mailintake.web", "anci_mailintake.mailbox", "anci_mailintake.cli"},
    "web": {"anci_mailintake.mailbox", "anci_mailintake.message", "anci_mailintake.documents",
            "anci_mailintake.extract", "imapclient", "mailparser", "spacy"},
}
ONLY_IN = {"mailparser": "message", "imapclient": "mailbox", "spacy": "extract"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg_parts = ["anci_mailintake", *path.relative_to(PKG).parts[:-1]]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg_parts[: len(pkg_parts) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
                names.add(mod)
                names.update(f"{mod}.{a.name}" for a in node.names)
            elif node.module:
                names.add(node.module)
    return names


MODULES = sorted(p for p in PKG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_imports_follow_the_data_flow(path: Path):
    stage = path.relative_to(PKG).parts[0].removesuffix(".py")
    imports = _imports(path)
    for banned in FORBIDDEN.get(stage, ()):
        bad = [i for i in imports if i == banned or i.startswith(banned) or i.startswith(banned + ".")]
        assert not bad, f"{path.name} ({stage}) imports {bad}"
    for lib, home in ONLY_IN.items():
        if any(i == lib or i.startswith(lib + ".") for i in imports):
            assert stage == home, f"only {home}/ may import {lib}; {path.relative_to(PKG)} does"
