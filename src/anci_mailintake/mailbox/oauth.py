"""OAuth2 bearer tokens for XOAUTH2 (Microsoft 365 and Gmail refuse basic authentication).

The token is minted by something else (a secrets manager, `oauth2l`, a refresh script): we read
it from a file or from a command's standard output, either a bare token or JSON with
`access_token` and `expires_at` (epoch seconds or ISO 8601) or `expires_in`. A token the command
prints is kept in the token file (mode 0600) when both are configured, so the next cron run
reuses it until it expires instead of minting one per run. An expired token is an error that
says so; it is never retried in a loop.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import ConfigError

EXPIRY_MARGIN = 120.0  # seconds: a token this close to its end is treated as expired
WARN_WITHIN = 15 * 60.0


@dataclass(frozen=True)
class Token:
    value: str
    expires_at: float | None = None  # epoch seconds, when known
    minted: bool = False  # printed by the command just now (not the kept one)

    def expired(self, now: float | None = None) -> bool:
        return self.expires_at is not None and self.expires_at - EXPIRY_MARGIN <= (now or time.time())

    def expiring_soon(self, now: float | None = None) -> bool:
        return self.expires_at is not None and self.expires_at - WARN_WITHIN <= (now or time.time())


def parse_token(text: str, now: float | None = None) -> Token:
    """A bare token, or JSON with access_token and expires_at / expires_in."""
    text = text.strip()
    if not text.startswith("{"):
        if not text:
            raise ValueError("it is empty")
        return Token(text.split()[0])
    data = json.loads(text)
    value = data.get("access_token") or data.get("token")
    if not isinstance(value, str) or not value:
        raise ValueError("the JSON has no access_token")
    exp = data.get("expires_at")
    if isinstance(exp, str):
        exp = datetime.fromisoformat(exp.replace("Z", "+00:00")).timestamp()
    elif exp is None and data.get("expires_in") is not None:
        exp = (now or time.time()) + float(data["expires_in"])
    return Token(value, float(exp) if exp is not None else None)


class TokenSource:
    """Where the bearer token comes from: a file, a command, or both (the file as the command's cache)."""

    def __init__(self, file: str | None, command: str | None, timeout: float = 60.0) -> None:
        if not file and not command:
            raise ConfigError("OAuth2 needs oauth2_token_file or oauth2_token_command")
        self.file = Path(file).expanduser() if file else None
        self.command = command
        self.timeout = timeout

    def _from_file(self) -> Token | None:
        if self.file is None or not self.file.exists():
            return None
        try:
            return parse_token(self.file.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"the OAuth2 token file {self.file} cannot be read: {e.strerror}") from None
        except ValueError as e:
            raise ConfigError(f"the OAuth2 token file {self.file} holds no token: {e}") from None

    def _from_command(self) -> Token:
        assert self.command is not None
        try:
            done = subprocess.run(shlex.split(self.command), capture_output=True, text=True, timeout=self.timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ConfigError(f"the OAuth2 token command {self.command!r} could not run: {e}") from None
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise ConfigError(f"the OAuth2 token command {self.command!r} failed (exit {done.returncode}): {last}")
        try:
            token = parse_token(done.stdout)
        except ValueError as e:
            raise ConfigError(f"the OAuth2 token command {self.command!r} printed no token: {e}") from None
        if token.expired():
            raise ConfigError(f"the OAuth2 token command {self.command!r} printed a token that has already expired")
        self._keep(done.stdout)
        return Token(token.value, token.expires_at, minted=True)

    def _keep(self, text: str) -> None:
        """Write the fresh token to the token file (atomically, owner-only) for the next run."""
        if self.file is None:
            return
        tmp = self.file.with_name(self.file.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text.strip() + "\n")
        os.replace(tmp, self.file)

    def token(self, *, fresh: bool = False) -> Token:
        """A token that has not expired: the kept one, else a new one from the command."""
        kept = None if fresh else self._from_file()
        if kept is not None and not kept.expired():
            return kept
        if self.command:
            return self._from_command()
        assert kept is not None or self.file is not None
        if kept is None:
            raise ConfigError(f"the OAuth2 token file {self.file} does not exist")
        when = datetime.fromtimestamp(kept.expires_at or 0).isoformat(timespec="minutes")
        raise ConfigError(f"the OAuth2 token in {self.file} expired at {when}: refresh it "
                          "(or set oauth2_token_command so the poller can)")
