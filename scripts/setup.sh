#!/usr/bin/env bash
# Make the virtual environment and install the package (with the test extras when asked).
#   scripts/setup.sh          runtime only
#   scripts/setup.sh test     runtime, test tools and the system packages the tests drive
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

system_packages() {
    # Debian packages the tests use for real: Dovecot (IMAP), Tesseract (OCR), Chromium (browser tests).
    local wanted=(dovecot-imapd tesseract-ocr tesseract-ocr-ita chromium poppler-utils openssl)
    local missing=()
    for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        missing+=(postgresql)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "setup: missing system packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
        return 1
    fi
    echo "setup: apt-get install ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

[ "${1:-}" = test ] && system_packages
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
if [ "${1:-}" = test ]; then
    "$VENV/bin/python" -m pip install -q -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
else
    "$VENV/bin/python" -m pip install -q -e . 2>&1 | grep -v "^WARNING: Location" || true
fi
"$VENV/bin/anci-mailintake" --version >/dev/null
