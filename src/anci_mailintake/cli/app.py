"""The click group, its global options and the mapping of errors to exit codes."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

import click
from sqlalchemy import Engine

from .. import config
from ..errors import ConfigError, LockedError, MailIntakeError, SourceError, UnreachableError

EXIT_OK, EXIT_MESSAGE_ERRORS, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3


@dataclass
class Context:
    settings: config.Settings
    json_log: bool = False
    verbose: bool = False
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self, *, upgrade: bool = False) -> Engine:
        """The store, opened once per command (and brought up to date when it is SQLite)."""
        if self._engine is None or upgrade:
            from ..store.db import open_store

            self._engine = open_store(self.settings.db_url, upgrade_schema=upgrade)
        return self._engine

    def summary(self, text: str, data: dict[str, Any]) -> None:
        """The one line a run prints: text for a person, JSON on request."""
        click.echo(json.dumps(data, ensure_ascii=False) if self.json_log else text)

    def progress(self, total: int | None, label: str):  # type: ignore[no-untyped-def]
        """A progress bar on a terminal; nothing when output goes to a log."""
        if not sys.stderr.isatty() or self.json_log:
            return _NoBar()
        return click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None


class Group(click.Group):
    """Turns the package's errors into one line on stderr and the contract's exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LockedError as e:
            click.echo(f"anci-mailintake: {e}", err=True)
            ctx.exit(EXIT_OK)
        except (ConfigError, SourceError) as e:
            click.echo(f"anci-mailintake: error: {e}", err=True)
            ctx.exit(EXIT_USAGE)
        except UnreachableError as e:
            click.echo(f"anci-mailintake: error: {e}", err=True)
            ctx.exit(EXIT_UNREACHABLE)
        except MailIntakeError as e:
            click.echo(f"anci-mailintake: error: {e}", err=True)
            ctx.exit(EXIT_MESSAGE_ERRORS)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", "db_url", metavar="URL", help="SQLAlchemy URL of the store [env ANCI_MAILINTAKE_DB; "
              "default: sqlite:///~/.local/share/anci-mailintake/store.sqlite].")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="TOML settings file [env ANCI_MAILINTAKE_CONFIG]; see config/example.toml.")
@click.option("--json-log", is_flag=True, help="Print the run's summary as one JSON object.")
@click.option("-v", "--verbose", is_flag=True, help="Also list each message that ended with an error.")
@click.version_option(package_name="anci-mailintake")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, config_file: str | None, json_log: bool, verbose: bool) -> None:
    """Turn the immigrazione@anci.it mailbox into reviewed numbers per Comune.

    \b
    Examples:
      anci-mailintake ingest samples/
      anci-mailintake export --format jsonl --output replies.jsonl
      ANCI_MAILINTAKE_DB=postgresql+psycopg://anci@db/anci anci-mailintake poll --once
    """
    settings = config.load(config_file, db_url=db_url)
    ctx.obj = Context(settings=settings, json_log=json_log or settings.log_json, verbose=verbose)


def main() -> None:
    cli(prog_name="anci-mailintake")
