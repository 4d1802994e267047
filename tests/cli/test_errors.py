"""Bad usage, bad paths and unreachable stores give one line and the contract's exit status."""

from __future__ import annotations

from click.testing import CliRunner

from anci_mailintake.cli import app


def _run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app.cli, list(args), env=env, catch_exceptions=False)


def test_a_missing_path_is_a_usage_error(tmp_path):
    r = _run("--db", f"sqlite:///{tmp_path}/s.sqlite", "ingest", str(tmp_path / "nope"))
    assert r.exit_code == 2 and "no such file" in r.output and "Traceback" not in r.output


def test_a_bad_database_url_is_a_usage_error(tmp_path):
    r = _run("--db", "not a url", "status")
    assert r.exit_code == 2 and "not a database URL" in r.output


def test_an_unreachable_store_exits_3():
    r = _run("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "status")
    assert r.exit_code == 3 and "cannot be reached" in r.output and "Traceback" not in r.output


def test_the_environment_names_the_store(tmp_path):
    r = _run("status", env={"ANCI_MAILINTAKE_DB": f"sqlite:///{tmp_path}/env.sqlite"})
    assert r.exit_code == 0 and (tmp_path / "env.sqlite").exists()


def test_a_bad_config_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[imap]\nhots = 'x'\n")
    r = _run("--config", str(bad), "--db", f"sqlite:///{tmp_path}/s.sqlite", "status")
    assert r.exit_code == 2 and "unknown setting 'hots'" in r.output


def test_every_command_documents_an_example():
    def walk(group, prefix=""):  # type: ignore[no-untyped-def]
        for name, cmd in group.commands.items():
            if hasattr(cmd, "commands"):
                yield from walk(cmd, prefix + name + " ")
            else:
                yield prefix + name, cmd

    for name, cmd in walk(app.cli):
        assert "Example" in (cmd.help or ""), f"`{name}` has no example in its help"
