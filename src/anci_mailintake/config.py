"""Settings, read once at the edge: TOML file, then ANCI_* variables, then command-line options.

Secrets (the IMAP password, the web app's key) come from a variable or from a file named by
the matching *_FILE variable, never from argv. Nothing else in the package reads os.environ.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


def default_db_url(environ: Mapping[str, str]) -> str:
    """The embedded store: $XDG_DATA_HOME/anci-mailintake/store.sqlite (~/.local/share by default)."""
    base = environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".local/share")
    return f"sqlite:///{Path(base) / 'anci-mailintake' / 'store.sqlite'}"


@dataclass(frozen=True)
class Limits:
    """Bounds on hostile input. Hitting one records an error on the part, never loses the message."""

    message_bytes: int = 50 * 1024 * 1024
    header_bytes: int = 256 * 1024  # one header field, unfolded
    mime_parts: int = 2000
    mime_depth: int = 12
    attachment_bytes: int = 25 * 1024 * 1024
    decompressed_bytes: int = 100 * 1024 * 1024  # all members of an archive together
    archive_members: int = 200
    nesting_depth: int = 5  # archives, .p7m, attached messages inside each other
    ocr_pages: int = 5
    pdf_pages: int = 200  # pages of one PDF whose text layer is read
    document_chars: int = 2_000_000  # text kept from one document
    document_seconds: float = 30.0  # one heavy reader (PDF, OCR, office) on one attachment
    document_memory_mb: int = 1024
    message_seconds: float = 180.0  # everything done for one message
    worker_memory_mb: int = 2048


@dataclass(frozen=True)
class ImapSettings:
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    folders: tuple[str, ...] = ("INBOX",)
    ssl: str = "1"  # "1" IMAPS, "starttls", "0" plain (loopback only)
    ca_file: str | None = None
    oauth2_token_file: str | None = None
    oauth2_token_command: str | None = None
    batch_size: int = 200
    mark_seen: bool = False
    after_keyword: str | None = None  # e.g. "$AnciIngested"
    after_move: str | None = None  # a folder to move ingested mail to
    timeout: float = 60.0
    idle_seconds: float = 25 * 60  # re-IDLE before the 29-minute limit of RFC 2177


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str | None = field(default=None, repr=False)
    behind_proxy: bool = False


@dataclass(frozen=True)
class Settings:
    db_url: str
    config_file: str | None = None
    jobs: int = 0  # worker processes; 0 = one per core
    review_threshold: float = 0.8
    state_dir: str = ""  # lock files and the like; defaults beside a SQLite store
    log_json: bool = False
    limits: Limits = Limits()
    imap: ImapSettings = ImapSettings()
    web: WebSettings = WebSettings()

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else max(1, os.cpu_count() or 1)


def _read_secret(environ: Mapping[str, str], name: str) -> str | None:
    if environ.get(name):
        return environ[name]
    path = environ.get(name + "_FILE")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as e:
        raise ConfigError(f"{name}_FILE={path} cannot be read: {e.strerror}") from None


def _section(cls: type, data: Mapping[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        key = key.replace("-", "_")
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
        if key == "folders" and isinstance(value, str):
            value = (value,)
        if isinstance(value, list):
            value = tuple(value)
        values[key] = value
    return cls(**values)


def _int(environ: Mapping[str, str], name: str) -> int | None:
    raw = environ.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None


def load(
    path: str | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    db_url: str | None = None,
) -> Settings:
    """Build the settings from a TOML file, the ANCI_* environment and command-line values."""
    environ = os.environ if environ is None else environ
    path = path or environ.get("ANCI_MAILINTAKE_CONFIG") or None
    data: dict[str, Any] = {}
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"config file {path} cannot be read: {e.strerror}") from None
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"config file {path} is not valid TOML: {e}") from None

    top = dict(data.get("store", {}))
    imap = _section(ImapSettings, data.get("imap", {}), "[imap]")
    web = _section(WebSettings, data.get("web", {}), "[web]")
    limits = _section(Limits, data.get("limits", {}), "[limits]")
    extract = data.get("extract", {})
    run = data.get("run", {})

    env_imap: dict[str, Any] = {}
    for var, key in (("ANCI_IMAP_HOST", "host"), ("ANCI_IMAP_USER", "user"), ("ANCI_IMAP_CA_FILE", "ca_file"),
                     ("ANCI_IMAP_OAUTH2_TOKEN_FILE", "oauth2_token_file"),
                     ("ANCI_IMAP_OAUTH2_TOKEN_COMMAND", "oauth2_token_command")):
        if environ.get(var):
            env_imap[key] = environ[var]
    if (port := _int(environ, "ANCI_IMAP_PORT")) is not None:
        env_imap["port"] = port
    if environ.get("ANCI_IMAP_FOLDER"):
        env_imap["folders"] = tuple(f.strip() for f in environ["ANCI_IMAP_FOLDER"].split(",") if f.strip())
    if environ.get("ANCI_IMAP_SSL"):
        env_imap["ssl"] = environ["ANCI_IMAP_SSL"].strip().lower()
    password = _read_secret(environ, "ANCI_IMAP_PASSWORD")
    if password is not None:
        env_imap["password"] = password
    imap = replace(imap, **env_imap)
    if imap.ssl not in ("1", "0", "starttls", "true", "false"):
        raise ConfigError(f"ANCI_IMAP_SSL={imap.ssl!r}: use 1 (IMAPS), starttls, or 0 (plain, loopback only)")
    imap = replace(imap, ssl={"true": "1", "false": "0"}.get(imap.ssl, imap.ssl))

    secret = _read_secret(environ, "ANCI_WEB_SECRET")
    if secret is not None:
        web = replace(web, secret_key=secret)

    url = db_url or environ.get("ANCI_MAILINTAKE_DB") or top.get("url") or default_db_url(environ)
    jobs = _int(environ, "ANCI_MAILINTAKE_JOBS")
    threshold = extract.get("review_threshold", 0.8)
    if not 0 <= float(threshold) <= 1:
        raise ConfigError(f"[extract] review_threshold={threshold} must lie between 0 and 1")
    return Settings(
        db_url=url,
        config_file=path,
        jobs=jobs if jobs is not None else int(run.get("jobs", 0)),
        review_threshold=float(threshold),
        state_dir=str(run.get("state_dir", "")),
        log_json=bool(run.get("log_json", False)),
        limits=limits,
        imap=imap,
        web=web,
    )
