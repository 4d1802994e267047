#!/usr/bin/env bash
# Retake docs/screenshots/queue.png and message.png (1280 px wide) from the real app in chromium:
# the browser tests fill a store with ../shared/corpus/dev messages, correct and confirm a few, and
# with WRITE_SCREENSHOTS=1 save their screenshots into docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
WRITE_SCREENSHOTS=1 "${VENV:-.venv}/bin/python" -m pytest -q tests/web/test_browser.py "$@"
