"""The command line: one click group; each command is thin and maps errors to exit codes.

Exit status: 0 all went well; 1 some messages ended with an error status; 2 bad usage or
configuration; 3 the mailbox or the store could not be reached.
"""

from __future__ import annotations

from . import app, commands  # noqa: F401 - registers the core commands
from .app import main

__all__ = ["main"]

for _name in ("poll", "web", "reports"):  # commands that live beside their own stage
    try:
        __import__(f"{__name__}.{_name}")
    except ModuleNotFoundError as _e:
        if _e.name != f"{__name__}.{_name}":
            raise
