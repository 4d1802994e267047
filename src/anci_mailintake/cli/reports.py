"""The `report` command: totals by region and province, who answered and who did not."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import datetime
from typing import IO, TYPE_CHECKING

import click

from .app import Context, cli

if TYPE_CHECKING:
    from ..report.model import Report, Superseded

pass_ctx = click.make_pass_decorator(Context)
VIEWS = ("summary", "regions", "provinces", "answered", "superseded", "missing")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "xlsx", "html", "json"]), default="text",
              show_default=True, help="text for a terminal; csv holds one view; xlsx, html and json hold them all.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write; stdout if none.")
@click.option("--view", type=click.Choice(VIEWS), default=None,
              help="What text or csv shows: summary (text default), regions, provinces (csv default), answered, "
                   "superseded, missing (Comuni that did not answer).")
@click.option("--region", metavar="NAME", help="Only this region (ISTAT name, any case: 'veneto').")
@click.option("--province", metavar="CODE", help="Only this province (car-plate code or name: 'VI').")
@pass_ctx
def report(ctx: Context, fmt: str, output: str | None, view: str | None, region: str | None,
           province: str | None) -> None:
    """Places by region and province, Comuni that answered, superseded replies, Comuni that did not answer.

    Values are the effective ones (a staff correction first). Each Comune counts once, with its latest
    reply; figures read confirmed+pending review.

    \b
    Examples:
      anci-mailintake report
      anci-mailintake report --view missing --province VI
      anci-mailintake report --format xlsx --output risposte-msna.xlsx
      anci-mailintake report --format html --region Veneto -o veneto.html
    """
    from ..report import build
    from ..report.html import write_html
    from ..report.tables import write_csv, write_xlsx
    from ..report.text import write_summary, write_view
    from ..store.db import session_scope

    if fmt in ("xlsx", "html", "json") and view:
        raise click.UsageError(f"--view is for text and csv: {fmt} holds every view")
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise click.UsageError("XLSX is binary: give --output FILE or redirect standard output")
    if ctx.json_log and fmt == "text":
        fmt = "json"
    view = view or ("provinces" if fmt == "csv" else "summary")
    lists = fmt != "text" or view in ("answered", "superseded", "missing")
    with session_scope(ctx.engine()) as session:
        rep = build(session, region=region, province=province, lists=lists)
        if not lists:  # the summary says how many replies were superseded
            from ..report.sql import superseded

            rep = _with_superseded(rep, superseded(session, region=rep.region, province=rep.province))
    if fmt == "xlsx":
        if output:
            with open(output, "wb") as bfh:
                write_xlsx(rep, bfh)
        else:
            write_xlsx(rep, sys.stdout.buffer)
    else:
        with _text_output(output) as fh:
            if fmt == "csv":
                write_csv(rep, view, fh)
            elif fmt == "html":
                write_html(rep, fh)
            elif fmt == "json":
                json.dump(asdict(rep), fh, ensure_ascii=False, indent=1, default=_json)
                fh.write("\n")
            elif view == "summary":
                write_summary(rep, fh)
            else:
                write_view(rep, view, fh)
    if output:
        t = rep.total
        click.echo(f"report: {rep.scope}: {t.answered} of {t.comuni} Comuni answered; written to {output}", err=True)


@contextmanager
def _text_output(output: str | None) -> Iterator[IO[str]]:
    """The file to write text to, closed afterwards; stdout (left open) when none is named.

    newline="" because the CSV writer ends its rows with \\r\\n itself.
    """
    if output is None:
        yield sys.stdout
        return
    with open(output, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _with_superseded(rep: Report, items: Iterable[Superseded]) -> Report:
    return replace(rep, superseded=tuple(items))


def _json(v: object) -> str:
    if isinstance(v, datetime):
        return v.isoformat()
    raise TypeError(type(v).__name__)
