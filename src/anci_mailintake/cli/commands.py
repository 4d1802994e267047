"""Core commands: ingest, reprocess, export, status, db upgrade."""

from __future__ import annotations

import sys
import time
from datetime import datetime, timezone

import click

from .. import pipeline
from ..store.db import session_scope
from .app import EXIT_MESSAGE_ERRORS, Context, cli

pass_ctx = click.make_pass_decorator(Context)


def finish(ctx: Context, what: str, summary: pipeline.Summary) -> None:
    """Print the run's one summary line; list failures when asked; exit 1 if any message failed."""
    ctx.summary(f"{what}: {summary.line()}", {"command": what, **summary.as_dict()})
    if summary.failures and (ctx.verbose or sys.stderr.isatty()):
        for line in summary.failures[:200]:
            click.echo(f"  error: {line}", err=True)
        click.echo("  (each is stored with status 'error'; after a fix: anci-mailintake reprocess --status error)",
                   err=True)
    if summary.errors:
        click.get_current_context().exit(EXIT_MESSAGE_ERRORS)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@click.option("--fetch-only", is_flag=True, help="Store the messages; parse and extract later (reprocess).")
@pass_ctx
def ingest(ctx: Context, paths: tuple[str, ...], fetch_only: bool) -> None:
    """Store and process .eml files, folders of them (recursively), mbox files and Maildir folders.

    The same bytes ingested twice are stored once.

    \b
    Examples:
      anci-mailintake ingest samples/
      anci-mailintake ingest ~/Maildir/.ANCI mbox/febbraio.mbox reply.eml
    """
    from ..mailbox.files import FileSource

    started = time.perf_counter()
    source = FileSource(paths)
    engine = ctx.engine()
    with ctx.progress(source.count_hint(), "storing") as bar:
        summary = pipeline.Summary()
        pipeline.store_raw(engine, source.messages(), summary, progress=bar.update)
    if not fetch_only:
        with session_scope(engine) as session:
            from ..store.queries import pending

            todo = pending(session)
        with ctx.progress(len(todo), "reading") as bar:
            pipeline.process(engine, ctx.settings, todo, summary, progress=bar.update)
    summary.seconds = time.perf_counter() - started
    finish(ctx, "ingest", summary)


@cli.command()
@click.option("--all", "all_", is_flag=True, help="Every stored message.")
@click.option("--id", "ids", type=int, multiple=True, help="A message's id (as in export); repeatable.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
              help="Messages dated on or after DATE (YYYY-MM-DD).")
@click.option("--status", type=click.Choice(["ok", "error", "pending"]), help="Messages with this status.")
@click.option("--needs-review", is_flag=True, help="Messages whose current extraction needs review.")
@pass_ctx
def reprocess(ctx: Context, all_: bool, ids: tuple[int, ...], since: datetime | None, status: str | None,
              needs_review: bool) -> None:
    """Re-parse and re-extract stored messages; staff corrections are never overwritten.

    Filters combine (AND). Each run adds a new current extraction and keeps the old ones.

    \b
    Examples:
      anci-mailintake reprocess --status error
      anci-mailintake reprocess --since 2020-03-01 --needs-review
      anci-mailintake reprocess --all
    """
    from ..store.queries import select_messages

    if not (all_ or ids or since or status or needs_review):
        raise click.UsageError("say which messages: --all, --id N, --since DATE, --status S or --needs-review")
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    engine = ctx.engine()
    with session_scope(engine) as session:
        pks = select_messages(session, all_=all_, ids=ids, since=since, status=status, needs_review=needs_review)
    started = time.perf_counter()
    summary = pipeline.Summary(seen=len(pks))
    with ctx.progress(len(pks), "reprocessing") as bar:
        pipeline.process(engine, ctx.settings, pks, summary, progress=bar.update)
    summary.seconds = time.perf_counter() - started
    finish(ctx, "reprocess", summary)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write; stdout if none.")
@pass_ctx
def export(ctx: Context, fmt: str, output: str | None) -> None:
    """Write one record per stored message (the record of CONTRACT.md), effective values first.

    \b
    Examples:
      anci-mailintake export --format jsonl > replies.jsonl
      anci-mailintake export --format xlsx --output risposte.xlsx
    """
    from .. import export as ex

    engine = ctx.engine()
    with session_scope(engine) as session:
        rows = ex.records(session)
        if fmt == "xlsx":
            if output is None and sys.stdout.isatty():
                raise click.UsageError("XLSX is binary: give --output FILE or redirect standard output")
            if output:
                with open(output, "wb") as fh:
                    n = ex.write_xlsx(rows, fh)
            else:
                n = ex.write_xlsx(rows, sys.stdout.buffer)
        else:
            writer = ex.write_jsonl if fmt == "jsonl" else ex.write_csv
            if output:
                with open(output, "w", encoding="utf-8", newline="") as fh:
                    n = writer(rows, fh)
            else:
                n = writer(rows, sys.stdout)
    if output:
        click.echo(f"export: {n} records written to {output}", err=True)


@cli.command()
@pass_ctx
def status(ctx: Context) -> None:
    """Counts by status and kind, messages needing review, the last poll and its outcome.

    \b
    Example:
      anci-mailintake status
    """
    from sqlalchemy import select

    from ..store.models import Message, PollRun
    from ..store.queries import status_counts

    engine = ctx.engine()
    with session_scope(engine) as session:
        counts = status_counts(session)
        last = session.scalars(select(PollRun).order_by(PollRun.id.desc()).limit(1)).first()
        errors = session.execute(select(Message.id, Message.source, Message.error)
                                 .where(Message.status == "error").order_by(Message.id.desc()).limit(10)).all()
    poll = None
    if last is not None:
        poll = {"started_at": last.started_at.isoformat(), "outcome": last.outcome, "fetched": last.fetched,
                "new": last.new, "errors": last.errors, "seconds": round(last.seconds, 2), "detail": last.detail}
    recent = [{"id": i, "source": s, "error": e} for i, s, e in errors]
    data = {**counts, "last_poll": poll, "recent_errors": recent}
    if ctx.json_log:
        ctx.summary("", data)
        return
    total = sum(counts["status"].values())
    click.echo(f"messages: {total}  " + "  ".join(f"{k} {v}" for k, v in sorted(counts["status"].items())))
    click.echo("kinds:    " + ("  ".join(f"{k} {v}" for k, v in sorted(counts["kind"].items())) or "none yet"))
    click.echo(f"review:   {counts['needs_review']['current']} need a look")
    if poll:
        click.echo(f"last poll: {poll['started_at']} {poll['outcome']}: fetched {poll['fetched']}, new {poll['new']}, "
                   f"errors {poll['errors']}, {poll['seconds']} s" + (f" ({poll['detail']})" if poll["detail"] else ""))
    else:
        click.echo("last poll: never")
    for e in recent:
        click.echo(f"error: message {e['id']} ({e['source']}): {e['error']}")


@cli.group()
def db() -> None:
    """The store's schema."""


@db.command()
@pass_ctx
def upgrade(ctx: Context) -> None:
    """Apply the migrations (and load ISTAT's list of Comuni).

    \b
    Example:
      ANCI_MAILINTAKE_DB=postgresql+psycopg://anci@db/anci anci-mailintake db upgrade
    """
    from ..store.db import current_revision

    engine = ctx.engine(upgrade=True)
    click.echo(f"db upgrade: the store is at revision {current_revision(engine)}")
