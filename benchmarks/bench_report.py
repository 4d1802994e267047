"""How long `report` takes on a store of 10,000 messages from 7,000 Comuni, beside one SELECT count(*).

Runs on SQLite (a temporary file) and on PostgreSQL (a throwaway database created and dropped here;
server from ANCI_TEST_PG_URL or postgresql+psycopg://postgres@127.0.0.1:5432/postgres). The store is
filled with bulk inserts: 10,000 replies, 7,000 of them the first from their Comune and 3,000 later
ones (superseded), 300 naming a second Comune, 1,000 staff corrections of which 200 mark a message
not to count, a fifth of extractions needing review. Figures are medians of 5 runs, and the ratio
to the count(*) of the same run is what to compare between machines.

    .venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from click.testing import CliRunner
from sqlalchemy import Engine, create_engine, func, insert, select, text

from anci_mailintake import istat
from anci_mailintake.cli import app
from anci_mailintake.report import build
from anci_mailintake.store.db import make_engine, session_scope, upgrade
from anci_mailintake.store.models import (Correction, CorrectionComune, ExtractionComune, ExtractionRow, Message,
                                          RawBytes)

MESSAGES, COMUNI, RUNS = 10_000, 7_000, 5


def fill(engine: Engine) -> None:
    """Bulk-insert the messages, their current extractions, Comuni and corrections."""
    rnd = random.Random(7)
    codes = [c.istat for c in istat.comuni()[:COMUNI]]
    start = datetime(2020, 2, 1, tzinfo=timezone.utc)
    msgs, raws, exts, links, corrs, corr_links = [], [], [], [], [], []
    for pk in range(1, MESSAGES + 1):
        comune = codes[(pk - 1) % COMUNI]
        when = start + timedelta(minutes=pk * 7)
        msgs.append(dict(id=pk, sha256=uuid.uuid4().hex * 2, source=f"bench/{pk}.eml", size=100, status="ok",
                         received_at=when, date_utc=when, date=when.isoformat(), from_=f"sindaco{pk}@comune.it",
                         subject="Re: SIPROIMI"))
        raws.append(dict(message_pk=pk, data=b"x"))
        intent = rnd.choice(("interested", "interested", "not_interested", "undecided", None))
        exts.append(dict(id=pk, message_pk=pk, version="bench", is_current=True, kind="reply", intent=intent,
                         mode=rnd.choice(("new_project", "expansion", "unspecified")) if intent == "interested"
                         else None, places=rnd.randint(1, 30) if intent == "interested" else None,
                         confidence=0.9, needs_review=rnd.random() < 0.2, review_reasons=[], evidence=[]))
        links.append(dict(extraction_id=pk, istat=comune, position=0))
        if pk % 33 == 0:
            other = codes[(pk * 13) % COMUNI]
            if other != comune:
                links.append(dict(extraction_id=pk, istat=other, position=1))
        if pk % 10 == 0:
            corrs.append(dict(id=pk // 10, message_pk=pk, username="bench", action="correct", kind="reply",
                              intent="interested", mode="new_project", places=5, counts=pk % 50 != 0, note=""))
            corr_links.append(dict(correction_id=pk // 10, istat=comune, position=0))
    with engine.begin() as conn:
        for model, rows in ((Message, msgs), (RawBytes, raws), (ExtractionRow, exts), (ExtractionComune, links),
                            (Correction, corrs), (CorrectionComune, corr_links)):
            for i in range(0, len(rows), 2000):
                conn.execute(insert(model), rows[i:i + 2000])
        if engine.dialect.name == "postgresql":
            for table in ("messages", "extractions", "corrections"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
            conn.execute(text("ANALYZE"))


def median(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(url: str, label: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    t = time.perf_counter()
    fill(engine)
    filled = time.perf_counter() - t

    def count() -> None:
        with engine.connect() as conn:
            conn.execute(select(func.count()).select_from(Message)).scalar_one()

    def totals_only() -> None:
        with session_scope(engine) as s:
            build(s, lists=False)

    def full() -> None:
        with session_scope(engine) as s:
            rep = build(s)
            assert rep.answered and rep.missing

    def command() -> None:
        result = CliRunner().invoke(app.cli, ["--db", url, "report"], catch_exceptions=False)
        assert result.exit_code == 0, result.output

    count()
    base = median(count)
    figures = {"totals (build, lists=False)": median(totals_only), "all views (build)": median(full),
               "`report` command, terminal": median(command)}
    with session_scope(engine) as s:
        rep = build(s)
    print(f"{label}: filled {MESSAGES} messages in {filled:.1f} s; {rep.total.answered} Comuni answered, "
          f"{len(rep.superseded)} replies superseded, {len(rep.missing)} Comuni missing")
    print(f"  SELECT count(*) FROM messages: {base * 1000:.2f} ms")
    for name, secs in figures.items():
        print(f"  {name}: {secs * 1000:.0f} ms = {secs / base:.0f} × count(*)")
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"sqlite:///{tmp}/bench.sqlite", f"SQLite {__import__('sqlite3').sqlite_version}")
    admin_url = os.environ.get("ANCI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"anci_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            version = conn.execute(text("SHOW server_version")).scalar_one()
    except Exception as e:  # noqa: BLE001 - say why and stop: the SQLite figures are printed already
        sys.exit(f"bench_report: PostgreSQL at {admin_url} cannot be reached: {e}")
    try:
        measure(admin.url.set(database=name).render_as_string(hide_password=False), f"PostgreSQL {version}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
