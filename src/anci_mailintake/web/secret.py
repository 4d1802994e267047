"""The Flask secret key: ANCI_WEB_SECRET(_FILE) through the settings, else a generated file.

A generated key is written once with mode 0600, beside the SQLite store or in [run] state_dir,
so sessions survive a restart. Whoever can read that file can forge a session: keep it private.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from ..config import Settings
from ..errors import ConfigError

FILE_NAME = "web-secret.key"


def key_file(settings: Settings) -> Path:
    """Where a generated key lives: [run] state_dir, else the SQLite store's folder."""
    if settings.state_dir:
        return Path(settings.state_dir).expanduser() / FILE_NAME
    url = make_url(settings.db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser().resolve().parent / FILE_NAME
    raise ConfigError("the web app needs a secret key: set ANCI_WEB_SECRET or ANCI_WEB_SECRET_FILE, "
                      "or [run] state_dir in the config file for a generated one")


def secret_key(settings: Settings) -> str:
    """The configured key, else the generated one (created on first use)."""
    if settings.web.secret_key:
        if len(settings.web.secret_key) < 16:
            raise ConfigError("ANCI_WEB_SECRET is shorter than 16 characters: use a long random value "
                              "(python -c 'import secrets; print(secrets.token_urlsafe(48))')")
        return settings.web.secret_key
    path = key_file(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as e:
        raise ConfigError(f"the web secret key file {path} cannot be created: {e.strerror}") from None
    else:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(48) + "\n")
    try:
        key = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"the web secret key file {path} cannot be read: {e}") from None
    if len(key) < 16:
        raise ConfigError(f"the web secret key file {path} holds less than 16 characters: delete it to "
                          "have a new one generated (everyone will have to log in again)")
    return key
