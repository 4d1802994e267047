"""Reports ANCI can act on: places per territory, who answered, who did not.

    sql.py     which reply counts for each Comune; totals by GROUP BY (SQLite and PostgreSQL)
    model.py   the frozen records the queries return
    text.py    the terminal report          tables.py  CSV and XLSX          html.py  a self-contained page

Writers take a Report and a file object; nothing here reads settings, prints or opens files.
"""

from __future__ import annotations

from .model import VIEWS, Answer, Missing, Report, Superseded, Tally, Territory
from .sql import build, resolve_scope, totals

__all__ = ["VIEWS", "Answer", "Missing", "Report", "Superseded", "Tally", "Territory", "build", "resolve_scope",
           "totals"]
