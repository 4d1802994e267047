"""Pure pieces of the app: evidence segments, the serve command's refusals."""

from __future__ import annotations

import socket

from click.testing import CliRunner

from anci_mailintake.cli import app as cli_app
from anci_mailintake.web.highlight import Segment, segments


def test_segments_mark_the_evidence_of_one_document():
    text = "Nove offre 6 posti."
    ev = [{"field": "places", "document": 0, "start": 11, "end": 18, "snippet": "6 posti", "rule": "n"},
          {"field": "comune", "document": 0, "start": 0, "end": 4, "snippet": "Nove", "rule": "c"},
          {"field": "intent", "document": 1, "start": 0, "end": 4, "snippet": "x", "rule": "i"}]
    assert segments(text, ev, 0) == [Segment("Nove", "comune", "c"), Segment(" offre "),
                                     Segment("6 posti", "places", "n"), Segment(".")]
    assert segments(text, ev, 1) == [Segment("Nove", "intent", "i"), Segment(" offre 6 posti.")]


def test_segments_drop_bad_spans_and_unknown_fields():
    text = "abcdef"
    ev = [{"field": "places", "document": 0, "start": 4, "end": 99}, {"document": 0, "start": "x"},
          {"field": "<script>", "document": 0, "start": 0, "end": 2, "rule": "r"},
          {"field": "mode", "document": 0, "start": 1, "end": 3, "rule": "overlaps"}]
    assert segments(text, ev, 0) == [Segment("ab", "other", "r"), Segment("cdef")]
    assert segments("", [], 0) == [Segment("")]


def test_serve_on_a_busy_port_is_a_usage_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = CliRunner().invoke(cli_app.cli, ["--db", f"sqlite:///{tmp_path}/s.sqlite", "serve", "--port", str(port)],
                               env={"ANCI_WEB_SECRET": "a-long-enough-secret-key"}, catch_exceptions=False)
    assert r.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in r.output and "Traceback" not in r.output
