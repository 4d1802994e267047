"""`poll` (cron or IDLE service) and `doctor` (what is wrong with the mailbox set-up)."""

from __future__ import annotations

import logging
import signal
import sys
import time
from collections.abc import Callable

import click

from ..errors import ConfigError, LockedError, MailIntakeError, UnreachableError
from .app import EXIT_MESSAGE_ERRORS, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE, Context, cli

pass_ctx = click.make_pass_decorator(Context)


def _logging(verbose: bool) -> None:
    """Warnings (UIDVALIDITY changes, reconnects) on stderr; every stage too with -v."""
    logger = logging.getLogger("anci_mailintake")
    for old in [h for h in logger.handlers if getattr(h, "_anci", False)]:
        logger.removeHandler(old)  # bound to an earlier stderr (several invocations in one process)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("anci-mailintake: %(message)s"))
    handler._anci = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)


@cli.command()
@click.option("--once", "mode", flag_value="once", default=True, help="One incremental pass, then exit (cron).")
@click.option("--watch", "mode", flag_value="watch", help="Stay connected and ingest as mail arrives (IDLE).")
@click.option("--fetch-only", is_flag=True, help="Store the messages; parse and extract later (reprocess).")
@click.option("--folder", "folders", multiple=True, metavar="NAME",
              help="Folder to read instead of the configured ones; repeatable.")
@pass_ctx
def poll(ctx: Context, mode: str, fetch_only: bool, folders: tuple[str, ...]) -> None:
    """Fetch new mail from the IMAP folders, store each message once, then read and extract it.

    Only UIDs above the last stored one are asked for (BODY.PEEK[]: nothing is marked seen unless
    configured). A run killed at any point loses nothing and duplicates nothing; a second run
    while one is going says so and exits 0. One summary line per run (JSON with --json-log).

    \b
    Examples:
      ANCI_IMAP_PASSWORD_FILE=/run/secrets/imap anci-mailintake poll --once
      anci-mailintake --json-log poll --once --fetch-only
      anci-mailintake poll --watch --folder INBOX --folder Risposte
    """
    from .. import poller

    _logging(ctx.verbose)
    engine = ctx.engine()
    chosen = folders or None
    if mode == "watch":
        # systemd stop: leave at once while idle; during a pass, let it finish and print its line first
        # (what it stored is committed either way, but the cron log should count it).
        state = {"stop": False, "in_pass": False}

        def on_term(*_: object) -> None:
            state["stop"] = True
            if not state["in_pass"]:
                sys.exit(EXIT_OK)

        def stop() -> bool:
            state["in_pass"] = not state["stop"]  # asked right before each pass
            return state["stop"]

        def report(summary: poller.PollSummary) -> None:
            state["in_pass"] = False
            if summary.fetched or summary.errors or summary.failure or summary.actions:
                _print(ctx, summary)
            if state["stop"]:
                sys.exit(EXIT_OK)

        def nap(seconds: float) -> None:  # the backoff after a dropped connection is idle time too
            state["in_pass"] = False
            if state["stop"]:
                sys.exit(EXIT_OK)
            time.sleep(seconds)

        signal.signal(signal.SIGTERM, on_term)
        poller.watch(engine, ctx.settings, fetch_only=fetch_only, folders=chosen, report=report, stop=stop, sleep=nap)
        return
    summary = poller.poll_once(engine, ctx.settings, fetch_only=fetch_only, folders=chosen)
    _print(ctx, summary)
    if summary.failure is not None:
        raise summary.failure
    if summary.errors:
        click.get_current_context().exit(EXIT_MESSAGE_ERRORS)


def _print(ctx: Context, summary: object) -> None:
    from ..poller import PollSummary

    assert isinstance(summary, PollSummary)
    ctx.summary(f"poll: {summary.line()}", summary.as_dict())
    if summary.failures and (ctx.verbose or sys.stderr.isatty()):
        for line in summary.failures[:200]:
            click.echo(f"  error: {line}", err=True)


@cli.command()
@pass_ctx
def doctor(ctx: Context) -> None:
    """Check configuration, store, lock, connection, login and folders; say what is wrong.

    Exit status: 0 all is well, 2 a setting is wrong, 3 the mailbox or the store cannot be reached.

    \b
    Example:
      ANCI_IMAP_PASSWORD_FILE=/run/secrets/imap anci-mailintake doctor
    """
    from ..mailbox.imap import ImapMailbox, account_name, port_of
    from ..store import lock, poll_state
    from ..store.db import session_scope

    s = ctx.settings.imap
    worst = EXIT_OK

    def check(name: str, fn: Callable[[], str]) -> bool:
        nonlocal worst
        try:
            detail = fn()
        except MailIntakeError as e:
            code = EXIT_UNREACHABLE if isinstance(e, UnreachableError) else EXIT_USAGE
            worst = max(worst, code)
            click.echo(f"FAIL  {name}: {e}")
            return False
        click.echo(f"ok    {name}: {detail}")
        return True

    def configuration() -> str:
        if not s.host or not s.user:
            raise ConfigError("ANCI_IMAP_HOST and ANCI_IMAP_USER (or [imap] host/user) are not set")
        auth = ("OAuth2 " + ("token command" if s.oauth2_token_command else "token file")
                if s.oauth2_token_file or s.oauth2_token_command else "password" if s.password else None)
        if auth is None:
            raise ConfigError("no credentials: set ANCI_IMAP_PASSWORD_FILE or an OAuth2 token file/command")
        how = {"1": "IMAPS", "starttls": "STARTTLS", "0": "plain"}[s.ssl]
        return (f"{account_name(s)} over {how} with a {auth}; folders {', '.join(s.folders)}"
                + (f"; extra CA {s.ca_file}" if s.ca_file else ""))

    check("configuration", configuration)
    engine_ok = check("store", lambda: f"{ctx.engine().url.render_as_string(hide_password=True)} is reachable "
                      "and its schema is current")
    if engine_ok:
        def lock_check() -> str:
            try:
                with lock.hold(ctx.engine(), ctx.settings.state_dir):
                    return "free (no poll is running)"
            except LockedError:
                return "held: a poll is running now (that is fine)"
        check("lock", lock_check)
    box = ImapMailbox(s)
    if s.host and check("connection and login", lambda: (box.connect(), f"logged in to {s.host}:{port_of(s)} "
                                                                            f"as {s.user}")[1]):
        try:
            for folder in s.folders:
                def folder_check(folder: str = folder) -> str:
                    info = box.select(folder, readonly=True)
                    mark = None
                    if engine_ok:
                        with session_scope(ctx.engine()) as session:
                            mark = poll_state.folder_mark(session, box.account, folder)
                    stored = ("never polled" if mark is None else
                              f"stored up to UID {mark.last_uid}" if mark.uidvalidity == info.uidvalidity else
                              f"UIDVALIDITY changed ({mark.uidvalidity} → {info.uidvalidity}): the next poll re-reads it")
                    return f"{info.exists} messages, UIDVALIDITY {info.uidvalidity}, {stored}"
                check(f"folder {folder}", folder_check)
            if s.after_move:
                def move_check() -> str:
                    if not box.folder_exists(s.after_move or ""):
                        raise ConfigError(f"after_move folder {s.after_move!r} does not exist on the server: create it")
                    return f"{s.after_move} exists"
                check("after_move folder", move_check)
        finally:
            box.close()
    if engine_ok:
        def history() -> str:
            with session_scope(ctx.engine()) as session:
                run = poll_state.last_run(session)
                owed = poll_state.count_owed(session, account_name(s)) if s.host else 0
            last = "never" if run is None else f"{run.started_at:%Y-%m-%d %H:%M} {run.outcome}" + (
                f" ({run.detail})" if run.detail and run.outcome != "ok" else "")
            return f"last poll {last}; {owed} after-actions owed"
        check("history", history)
    click.get_current_context().exit(worst)
