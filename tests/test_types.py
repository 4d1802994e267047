"""The package type-checks: mypy over src/ with pyproject's [tool.mypy], as STYLE.md asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
IN_PROGRESS = ("src/anci_mailintake/extract/",)  # being reworked: held to the whole-tree test below only


@pytest.fixture(scope="module")
def mypy() -> subprocess.CompletedProcess[str]:
    """One run of the venv's mypy (its cache in .mypy_cache makes reruns take a second; a cold run ~8 s)."""
    return subprocess.run([sys.executable, "-m", "mypy", "src/"], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def _errors(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in run.stdout.splitlines() if ": error:" in line]


def test_mypy_ran_to_a_verdict(mypy: subprocess.CompletedProcess[str]) -> None:
    """Exit 0 (clean) or 1 (errors found); 2 is a crash or bad configuration, which would pass nothing."""
    assert mypy.returncode in (0, 1), mypy.stdout + mypy.stderr
    assert mypy.stdout.rstrip().splitlines()[-1].startswith(("Success:", "Found ")), mypy.stdout + mypy.stderr


def test_no_type_errors_outside_modules_in_progress(mypy: subprocess.CompletedProcess[str]) -> None:
    errors = [e for e in _errors(mypy) if not e.startswith(IN_PROGRESS)]
    assert not errors, "mypy src/ found:\n" + "\n".join(errors)


@pytest.mark.xfail(strict=False, reason="extract/ is being reworked and still has mypy errors (answer.py, comune.py)")
def test_mypy_src_is_clean(mypy: subprocess.CompletedProcess[str]) -> None:
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
