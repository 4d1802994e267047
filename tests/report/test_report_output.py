"""Where the report goes: text formats to a file read the same as on stdout; CSV rows end once in CRLF."""

from __future__ import annotations

import json


def test_text_formats_written_to_a_file_match_standard_output(cli, known, tmp_path):
    for fmt, view in (("text", "summary"), ("text", "missing"), ("csv", "answered")):  # html holds the minute
        args = ["report", "--format", fmt, "--province", "VI", "--view", view]
        path = tmp_path / f"{fmt}-{view}.out"
        shown = cli(*args)
        written = cli(*args, "-o", str(path))
        assert shown.exit_code == 0 and written.exit_code == 0, written.output
        assert path.read_text(encoding="utf-8") == shown.output  # both with \r\n read as \n
        assert f"written to {path}" in written.output


def test_csv_file_rows_end_in_a_single_crlf(cli, known, tmp_path):
    path = tmp_path / "provinces.csv"
    assert cli("report", "--format", "csv", "-o", str(path)).exit_code == 0
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 1 and b"\r\r\n" not in data


def test_json_file_is_one_document(cli, known, tmp_path):
    path = tmp_path / "report.json"
    assert cli("report", "--format", "json", "--region", "Veneto", "-o", str(path)).exit_code == 0
    assert json.loads(path.read_text(encoding="utf-8"))["region"] == "Veneto"
