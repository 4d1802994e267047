"""`users add|disable|enable|list`: passwords from a prompt, stdin or a file, never argv; hashed with Argon2."""

from __future__ import annotations

from anci_mailintake.store.db import make_engine, session_scope
from anci_mailintake.store import review as store
from anci_mailintake.web.passwords import verify

from .conftest import PASSWORD


def _user(db_url: str, name: str):  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        u = store.get_user(s, name)
        out = None if u is None else (u.active, u.password_hash)
    engine.dispose()
    return out


def test_add_from_stdin_a_file_and_the_prompt(cli, db_url, tmp_path):
    r = cli("users", "add", "anna", "--password-stdin", input=PASSWORD + "\n")
    assert r.exit_code == 0 and "added anna" in r.output
    active, hashed = _user(db_url, "anna")
    assert active and hashed.startswith("$argon2id$") and PASSWORD not in hashed and verify(hashed, PASSWORD)
    secret = tmp_path / "pw"
    secret.write_text("another long password\n")
    assert cli("users", "add", "bruno", "--password-file", str(secret)).exit_code == 0
    assert verify(_user(db_url, "bruno")[1], "another long password")
    r = cli("users", "add", "carla", input="prompted password\nprompted password\n")
    assert r.exit_code == 0 and "prompted password" not in r.output
    assert verify(_user(db_url, "carla")[1], "prompted password")


def test_bad_input_is_a_usage_error(cli, db_url, tmp_path):
    r = cli("users", "add", "anna", "--password-stdin", input="short\n")
    assert r.exit_code == 2 and "at least 10 characters" in r.output and _user(db_url, "anna") is None
    r = cli("users", "add", "anna", "--password", PASSWORD)
    assert r.exit_code == 2 and "No such option" in r.output  # there is no way to put it in argv
    assert cli("users", "add", "bad name!", "--password-stdin", input=PASSWORD + "\n").exit_code == 2
    assert cli("users", "add", "anna", "--password-file", str(tmp_path / "none")).exit_code == 2
    cli("users", "add", "anna", "--password-stdin", input=PASSWORD + "\n")
    r = cli("users", "add", "anna", "--password-stdin", input=PASSWORD + "\n")
    assert r.exit_code == 2 and "exists already" in r.output
    r = cli("users", "disable", "nobody")
    assert r.exit_code == 2 and "no user 'nobody'" in r.output


def test_disable_enable_list(cli, db_url):
    assert "none yet" in cli("users", "list").output
    cli("users", "add", "anna", "--password-stdin", input=PASSWORD + "\n")
    cli("users", "add", "bruno", "--password-stdin", input=PASSWORD + "\n")
    assert cli("users", "disable", "bruno").exit_code == 0
    assert _user(db_url, "bruno")[0] is False
    lines = cli("users", "list").output.splitlines()
    assert lines == ["anna\tactive\tnever", "bruno\tdisabled\tnever"]
    assert cli("users", "enable", "bruno").exit_code == 0 and _user(db_url, "bruno")[0] is True
    assert '"state": "active"' in cli("--json-log", "users", "list").output
