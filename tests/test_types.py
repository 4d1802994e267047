"""The package type-checks: mypy over src/ with pyproject's [tool.mypy], as STYLE.md asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_mypy_finds_nothing_in_src() -> None:
    """Exit 0 with 'Success'; 1 lists the errors, 2 is a crash or bad configuration (a cold run takes ~8 s)."""
    run = subprocess.run([sys.executable, "-m", "mypy", "src/"], cwd=REPO, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0 and run.stdout.rstrip().splitlines()[-1].startswith("Success:"), (
        run.stdout + run.stderr)
