"""A no-op poll costs next to nothing: one SELECT, and no heavy library loaded at start-up.

Cron runs the poller every few minutes and most runs find nothing; spaCy, the PDF and office
readers and the extractor's pipeline must load only when there is mail to read.
"""

from __future__ import annotations

import re

import pytest

from conftest import CLI_PYTHON, cli_env, fill, generated, stored

pytestmark = pytest.mark.imap

HEAVY = ("spacy", "thinc", "pypdfium2", "docx", "openpyxl", "extract_msg", "odf", "lxml", "PIL")


@pytest.mark.parametrize("switches", [[], ["--fetch-only"]], ids=["processing", "fetch-only"])
def test_a_noop_poll_loads_no_heavy_library_and_sends_no_search(db_url, dovecot, folder, switches):
    import subprocess

    fill(dovecot, folder, generated(2, seed=3))
    env = cli_env(dovecot, folder)
    base = [CLI_PYTHON, "-X", "importtime", "-c", "from anci_mailintake.cli import main; main()",
            "--db", db_url, "-v", "poll", "--once", *switches]
    first = subprocess.run(base, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    noop = subprocess.run(base, env=env, capture_output=True, text=True, timeout=120)
    assert noop.returncode == 0 and "fetched 0" in noop.stdout, noop.stderr
    loaded = set(re.findall(r"import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", noop.stderr))
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert not heavy, f"a no-op poll imported {heavy}"
    assert "fetched" not in "\n".join(ln for ln in noop.stderr.splitlines() if not ln.startswith("import time"))
    assert stored(db_url)["messages"] == 2


def test_a_poll_with_mail_builds_the_pipeline_in_the_fork_server_not_in_the_poller(db_url, dovecot, folder):
    """The pipeline is built by the fork server the workers come from, beside the fetch: the polling
    process itself never loads spaCy, and every message is still read and extracted."""
    import subprocess

    fill(dovecot, folder, generated(6, seed=4))
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: print('parent loaded spacy:', 'spacy' in sys.modules, file=sys.stderr))\n"
             "from anci_mailintake.cli import main\nmain()")
    run = subprocess.run([CLI_PYTHON, "-c", probe, "--db", db_url, "poll", "--once"], env=cli_env(dovecot, folder),
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    assert "parent loaded spacy: False" in run.stderr
    assert "fetched 6, new 6, errors 0" in run.stdout, run.stdout
    assert stored(db_url)["pending"] == 0  # every message read and extracted
