"""What goes wrong says so in one line with the contract's exit code; TLS is checked; OAuth2 works."""

from __future__ import annotations

import json
import sys
import time

import pytest

from anci_mailintake.store import lock
from anci_mailintake.store.db import make_engine

from conftest import fill, generated, stored

pytestmark = pytest.mark.imap


def _one_line_error(output: str) -> str:
    errors = [ln for ln in output.splitlines() if ln.startswith("anci-mailintake: error:")]
    assert len(errors) == 1 and "Traceback" not in output, output
    return errors[0]


def test_a_wrong_password_exits_3_and_names_the_login(cli, db_url, dovecot, folder):
    r = cli("poll", "--once", env=dovecot.env(folder, ANCI_IMAP_PASSWORD="sbagliata"))
    assert r.exit_code == 3
    assert "refused the login of anci" in _one_line_error(r.output) and "check the user and the password" in r.output
    assert "sbagliata" not in r.output


def test_an_unreachable_server_exits_3(cli, db_url, dovecot, folder):
    from dovecot import free_port

    r = cli("poll", "--once", env=dovecot.env(folder, ANCI_IMAP_PORT=str(free_port())))
    assert r.exit_code == 3 and "cannot be reached" in _one_line_error(r.output)
    assert stored(db_url)["last_uid"] == 0


def test_tls_with_an_untrusted_certificate_is_refused(cli, db_url, dovecot, folder):
    fill(dovecot, folder, generated(2, seed=71))
    env = dovecot.env(folder, ssl="1")
    del env["ANCI_IMAP_CA_FILE"]
    r = cli("poll", "--once", env=env)
    assert r.exit_code == 3 and "certificate is not trusted" in _one_line_error(r.output)
    assert stored(db_url)["messages"] == 0
    trusted = cli("poll", "--once", "--fetch-only", env=dovecot.env(folder, ssl="1"))
    assert trusted.exit_code == 0 and "fetched 2" in trusted.output


def test_starttls_upgrades_the_plain_port(cli, db_url, dovecot, folder):
    fill(dovecot, folder, generated(1, seed=72))
    r = cli("poll", "--once", "--fetch-only", env=dovecot.env(folder, ssl="starttls"))
    assert r.exit_code == 0 and "fetched 1" in r.output, r.output


def test_plain_imap_is_refused_to_a_remote_host_before_connecting(cli, db_url, dovecot, folder):
    r = cli("poll", "--once", env=dovecot.env(folder, ANCI_IMAP_HOST="imap.example.org"))
    assert r.exit_code == 2 and "loopback" in r.output


def test_an_unreachable_store_exits_3(dovecot, folder, tmp_path):
    from click.testing import CliRunner

    from anci_mailintake.cli import app

    r = CliRunner().invoke(app.cli, ["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "poll", "--once"],
                           env=dovecot.env(folder), catch_exceptions=False)
    assert r.exit_code == 3 and "cannot be reached" in r.output


def test_a_second_poll_while_one_runs_exits_0_saying_so(cli, db_url, dovecot, folder):
    fill(dovecot, folder, generated(2, seed=73))
    engine = make_engine(db_url)
    with lock.hold(engine):
        r = cli("poll", "--once", env=dovecot.env(folder))
    engine.dispose()
    assert r.exit_code == 0 and "another poll is running" in r.output
    assert stored(db_url)["messages"] == 0
    after = cli("poll", "--once", "--fetch-only", env=dovecot.env(folder))
    assert after.exit_code == 0 and "fetched 2" in after.output


def test_doctor_says_what_is_right_and_what_is_wrong(cli, db_url, dovecot, folder):
    good = cli("doctor", env=dovecot.env(folder))
    assert good.exit_code == 0, good.output
    assert all(ln.startswith("ok") for ln in good.output.splitlines()), good.output
    assert f"folder {folder}: 0 messages" in good.output and "never polled" in good.output
    bad = cli("doctor", env=dovecot.env(f"{folder},nonexistent-folder", ANCI_IMAP_PASSWORD="sbagliata"))
    assert bad.exit_code == 3
    assert "FAIL  connection and login" in bad.output and "ok    store" in bad.output
    missing = cli("doctor", env=dovecot.env(f"{folder},nonexistent-folder"))
    assert missing.exit_code == 3 and "FAIL  folder nonexistent-folder" in missing.output
    unset = cli("doctor", env={"ANCI_IMAP_HOST": ""})
    assert unset.exit_code == 2 and "FAIL  configuration" in unset.output


# OAuth2 --------------------------------------------------------------------------------------

def _oauth_env(dovecot, folder: str, **extra: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    env = dovecot.env(folder, **extra)
    env["ANCI_IMAP_PASSWORD"] = ""
    return env


def test_xoauth2_with_a_token_file(cli, db_url, dovecot, folder, tmp_path):
    fill(dovecot, folder, generated(2, seed=81))
    token = tmp_path / "token"
    token.write_text(dovecot.jwt(time.time() + 3600))
    r = cli("poll", "--once", "--fetch-only", env=_oauth_env(dovecot, folder, ANCI_IMAP_OAUTH2_TOKEN_FILE=str(token)))
    assert r.exit_code == 0 and "fetched 2" in r.output, r.output


def test_a_token_the_server_refuses_is_reported_loudly_once(cli, db_url, dovecot, folder, tmp_path):
    token = tmp_path / "token"
    token.write_text(dovecot.jwt(time.time() - 600))  # expired, and the file does not say so
    r = cli("poll", "--once", env=_oauth_env(dovecot, folder, ANCI_IMAP_OAUTH2_TOKEN_FILE=str(token)))
    assert r.exit_code == 3 and "OAuth2 token (expired or revoked? refresh it)" in _one_line_error(r.output)


def test_a_token_known_to_be_expired_is_not_even_sent(cli, db_url, dovecot, folder, tmp_path):
    token = tmp_path / "token.json"
    token.write_text(json.dumps({"access_token": dovecot.jwt(time.time() + 3600), "expires_at": time.time() - 5}))
    r = cli("poll", "--once", env=_oauth_env(dovecot, folder, ANCI_IMAP_OAUTH2_TOKEN_FILE=str(token)))
    assert r.exit_code == 2 and "expired at" in r.output and "refresh it" in r.output


def test_a_token_command_is_run_once_and_its_rotated_token_kept(cli, db_url, dovecot, folder, tmp_path):
    fill(dovecot, folder, generated(1, seed=82))
    calls = tmp_path / "calls"
    script = tmp_path / "mint.py"
    script.write_text(
        "import json, pathlib, sys\n"
        f"p = pathlib.Path({str(calls)!r}); p.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
        f"print(json.dumps({{'access_token': {dovecot.jwt(time.time() + 3600)!r}, 'expires_in': 3600}}))\n")
    token = tmp_path / "kept.json"
    env = _oauth_env(dovecot, folder, ANCI_IMAP_OAUTH2_TOKEN_FILE=str(token),
                     ANCI_IMAP_OAUTH2_TOKEN_COMMAND=f"{sys.executable} {script}")
    first = cli("poll", "--once", "--fetch-only", env=env)
    assert first.exit_code == 0 and "fetched 1" in first.output, first.output
    assert token.exists() and (token.stat().st_mode & 0o077) == 0
    second = cli("poll", "--once", "--fetch-only", env=env)
    assert second.exit_code == 0 and calls.read_text() == "x", "the kept token must be reused until it expires"


def test_a_kept_token_the_server_refuses_is_replaced_once_by_the_command(cli, db_url, dovecot, folder, tmp_path):
    fill(dovecot, folder, generated(1, seed=83))
    token = tmp_path / "kept"
    token.write_text(dovecot.jwt(time.time() - 60))  # revoked early: the file cannot know
    script = tmp_path / "mint.py"
    script.write_text(f"print({dovecot.jwt(time.time() + 3600)!r})\n")
    env = _oauth_env(dovecot, folder, ANCI_IMAP_OAUTH2_TOKEN_FILE=str(token),
                     ANCI_IMAP_OAUTH2_TOKEN_COMMAND=f"{sys.executable} {script}")
    r = cli("poll", "--once", "--fetch-only", env=env)
    assert r.exit_code == 0 and "fetched 1" in r.output, r.output
    assert token.read_text().strip() == script.read_text()[7:-3]


def test_a_command_whose_fresh_token_is_refused_fails_at_once(cli, db_url, dovecot, folder, tmp_path):
    script = tmp_path / "mint.py"
    script.write_text(f"print({dovecot.jwt(time.time() - 60)!r})\n")  # a dead grant: every token is refused
    env = _oauth_env(dovecot, folder, ANCI_IMAP_OAUTH2_TOKEN_COMMAND=f"{sys.executable} {script}")
    r = cli("poll", "--once", env=env)
    assert r.exit_code == 3 and "refused the login" in _one_line_error(r.output)
