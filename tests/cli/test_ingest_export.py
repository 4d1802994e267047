"""The foundation's bar: ingest the dev corpus and the hostile mail, export the contract's record."""

from __future__ import annotations

import email
import email.policy
import email.utils
import json
import mailbox
import shutil
from pathlib import Path

import pytest

REQUIRED = {"message_id", "sha256", "source", "date", "from", "subject", "status", "kind", "comuni", "intent",
            "mode", "places", "places_total", "places_current", "confidence", "needs_review", "review_reasons",
            "corrected"}


def _export(cli) -> list[dict]:  # type: ignore[no-untyped-def]
    result = cli("export", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_dev_corpus_exports_one_right_record_per_message_and_reingest_adds_nothing(cli, shared):
    dev = shared / "corpus" / "dev"
    first = cli("ingest", str(dev))
    assert first.exit_code == 0, first.output
    assert "new 80" in first.output
    records = _export(cli)
    gold = [json.loads(line) for line in (dev / "gold.jsonl").read_text().splitlines()]
    assert len(records) == len(gold) == 80
    by_id = {r["message_id"]: r for r in records}
    for g in gold:
        rec = by_id[g["message_id"]]
        assert REQUIRED <= rec.keys()
        assert rec["status"] == "ok"
        msg = email.message_from_bytes((dev / g["file"]).read_bytes(), policy=email.policy.default)
        assert rec["subject"] == str(msg["subject"]), g["file"]
        assert rec["date"] == str(msg["date"]), g["file"]
        expected = msg["from"].addresses[0]
        assert email.utils.parseaddr(rec["from"])[1] == expected.addr_spec, g["file"]
        assert expected.display_name in rec["from"], g["file"]
        assert rec["source"].endswith(g["file"])
    again = cli("ingest", str(dev))
    assert again.exit_code == 0 and "new 0" in again.output and "duplicates 80" in again.output
    assert _export(cli) == records


def test_every_hostile_message_ends_ok_or_error_with_a_sentence(cli, shared):
    result = cli("ingest", str(shared / "hostile" / "mail"))
    assert result.exit_code in (0, 1), result.output
    records = _export(cli)
    assert len(records) == len(list((shared / "hostile" / "mail").glob("*.eml")))
    for rec in records:
        assert rec["status"] in ("ok", "error")
        if rec["status"] == "error":
            assert rec["error"] and rec["error"][0].isalpha() and rec["needs_review"]


def test_mbox_and_maildir_are_read_message_by_message(cli, shared, tmp_path):
    dev = sorted((shared / "corpus" / "dev").glob("*.eml"))[:5]
    box = mailbox.mbox(tmp_path / "replies.mbox")
    for f in dev[:3]:
        box.add(f.read_bytes())
    box.close()
    md = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for f in dev[3:]:
        md.add(f.read_bytes())
    result = cli("ingest", str(tmp_path / "replies.mbox"), str(tmp_path / "Maildir"))
    assert result.exit_code == 0, result.output
    records = _export(cli)
    assert len(records) == 5
    assert sum(r["source"].endswith(("#1", "#2", "#3")) for r in records) == 3


def test_an_unparseable_file_is_stored_as_an_error_and_the_run_goes_on(cli, shared, tmp_path):
    (tmp_path / "empty.eml").write_bytes(b"\r\n\r\n")
    shutil.copy(shared / "corpus" / "dev" / "004.eml", tmp_path / "good.eml")
    result = cli("ingest", str(tmp_path))
    assert result.exit_code == 1
    assert "errors 1" in result.output
    records = {Path(r["source"]).name: r for r in _export(cli)}
    assert records["good.eml"]["status"] == "ok"
    assert records["empty.eml"]["status"] == "error" and "empty" in records["empty.eml"]["error"]


def test_reprocess_by_status_and_id(cli, shared):
    cli("ingest", str(shared / "corpus" / "dev" / "004.eml"))
    rec = _export(cli)[0]
    result = cli("reprocess", "--id", str(rec["id"]))
    assert result.exit_code == 0 and "processed 1" in result.output
    assert cli("reprocess").exit_code == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_to_a_file(cli, shared, tmp_path, fmt):
    cli("ingest", str(shared / "corpus" / "dev" / "004.eml"))
    out = tmp_path / f"out.{fmt}"
    assert cli("export", "--format", fmt, "--output", str(out)).exit_code == 0
    if fmt == "csv":
        assert out.read_text().splitlines()[0].startswith("id,message_id,sha256")
    else:
        from openpyxl import load_workbook

        ws = load_workbook(out).active
        assert ws.max_row == 2 and ws.cell(1, 2).value == "message_id"
