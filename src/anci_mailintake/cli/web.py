"""`serve` (the staff review app) and `users add|disable|enable|list` (its accounts)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConfigError
from ..store.db import session_scope
from .app import Context, cli

pass_ctx = click.make_pass_decorator(Context)


@cli.command()
@click.option("--host", metavar="ADDR", help="Address to listen on [default: settings [web] host, 127.0.0.1].")
@click.option("--port", type=click.IntRange(1, 65535), help="Port [default: settings [web] port, 8000].")
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True, help="Worker threads.")
@pass_ctx
def serve(ctx: Context, host: str | None, port: int | None, threads: int) -> None:
    """Run the staff review web app (waitress) until stopped.

    The session key comes from ANCI_WEB_SECRET / ANCI_WEB_SECRET_FILE, else from a file
    generated beside the SQLite store (web-secret.key, mode 0600). Behind an HTTPS reverse
    proxy set `behind_proxy = true` in [web]. Accounts: `anci-mailintake users add NAME`.

    \b
    Examples:
      anci-mailintake serve
      anci-mailintake serve --host 0.0.0.0 --port 8080   # only behind a TLS proxy
    """
    import waitress

    from ..web import create_app

    settings = ctx.settings
    host = host or settings.web.host
    port = port if port is not None else settings.web.port
    app = create_app(settings, ctx.engine())
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="anci-mailintake",
                                        trusted_proxy=None, clear_untrusted_proxy_headers=True)
    except OSError as e:
        raise ConfigError(f"cannot listen on {host}:{port}: {e.strerror}; choose another with --port") from None
    if host not in ("127.0.0.1", "::1", "localhost") and not settings.web.behind_proxy:
        click.echo(f"serve: warning: {host} is not loopback and [web] behind_proxy is off: passwords would "
                   "travel in clear; put the app behind an HTTPS reverse proxy", err=True)
    click.echo(f"serve: http://{host}:{server.effective_port}/ (Ctrl-C to stop)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@cli.group()
def users() -> None:
    """Staff accounts of the review app."""


def _read_password(password_stdin: bool, password_file: str | None) -> str:
    if password_stdin and password_file:
        raise click.UsageError("give --password-stdin or --password-file, not both")
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if password_file:
        try:
            return Path(password_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as e:
            raise ConfigError(f"--password-file {password_file} cannot be read: {e.strerror}") from None
    return str(click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password"))


@users.command("add")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.option("--password-file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Read the password from FILE (its first line).")
@pass_ctx
def users_add(ctx: Context, username: str, password_stdin: bool, password_file: str | None) -> None:
    """Create a staff account; the password is asked for, never given on the command line.

    \b
    Examples:
      anci-mailintake users add mrossi
      printf '%s\\n' "$PASSWORD" | anci-mailintake users add mrossi --password-stdin
      anci-mailintake users add mrossi --password-file /run/secrets/mrossi
    """
    import re

    from ..store import review as store
    from ..web.passwords import hash_password

    username = username.strip()
    if not re.fullmatch(r"[A-Za-z0-9._@-]{1,100}", username):
        raise click.UsageError("a user name is 1-100 letters, digits, '.', '_', '@' or '-'")
    engine = ctx.engine()
    with session_scope(engine) as session:
        if store.get_user(session, username) is not None:
            raise ConfigError(f"user {username!r} exists already (see: anci-mailintake users list)")
    try:
        hashed = hash_password(_read_password(password_stdin, password_file))
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    with session_scope(engine) as session:
        store.add_user(session, username, hashed)
    click.echo(f"users: added {username}")


def _set_active(ctx: Context, username: str, active: bool) -> None:
    from ..store import review as store

    with session_scope(ctx.engine()) as session:
        user = store.get_user(session, username)
        if user is None:
            raise ConfigError(f"there is no user {username!r} (see: anci-mailintake users list)")
        user.active = active
        if active:
            user.failed_logins, user.locked_until = 0, None
    click.echo(f"users: {username} {'enabled' if active else 'disabled'}")


@users.command("disable")
@click.argument("username")
@pass_ctx
def users_disable(ctx: Context, username: str) -> None:
    """Disable an account: it can no longer log in, and its open sessions end at once.

    \b
    Example:
      anci-mailintake users disable mrossi
    """
    _set_active(ctx, username, False)


@users.command("enable")
@click.argument("username")
@pass_ctx
def users_enable(ctx: Context, username: str) -> None:
    """Enable a disabled account again (and lift a login lock).

    \b
    Example:
      anci-mailintake users enable mrossi
    """
    _set_active(ctx, username, True)


@users.command("list")
@pass_ctx
def users_list(ctx: Context) -> None:
    """List the accounts: name, state, last login (JSON lines with --json-log).

    \b
    Example:
      anci-mailintake users list
    """
    import json

    from ..store import review as store

    with session_scope(ctx.engine()) as session:
        rows = [(u.username, u.active, store.locked_until(u), u.last_login_at) for u in store.list_users(session)]
    for name, active, locked, last in rows:
        state = "active" if active else "disabled"
        if active and locked is not None:
            state = f"locked until {locked:%Y-%m-%d %H:%M} UTC"
        if ctx.json_log:
            click.echo(json.dumps({"username": name, "active": active, "state": state,
                                   "last_login_at": last.isoformat() if last else None}))
        else:
            click.echo(f"{name}\t{state}\tlast login {last:%Y-%m-%d %H:%M} UTC" if last else f"{name}\t{state}\tnever")
    if not rows and not ctx.json_log:
        click.echo("users: none yet (add one: anci-mailintake users add NAME)")
