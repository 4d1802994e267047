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
if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON" -m venv "$VENV"; then
    # Debian's python3 ships venv separately
    [ "$(id -u)" = 0 ] || { echo "setup: python3 -m venv failed: install python3-venv" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    rm -rf "$VENV" && "$PYTHON" -m venv "$VENV"
fi
pip_install() {  # quiet when it works; the whole output (less mirror chatter) when it does not
    local out
    if ! out=$("$VENV/bin/python" -m pip install -q "$@" 2>&1); then
        printf '%s\n' "$out" | grep -v "^WARNING: Location" >&2
        echo "setup: pip install $* failed" >&2
        return 1
    fi
}
pip_install --upgrade pip
if [ "${1:-}" = test ]; then pip_install -e '.[test]'; else pip_install -e .; fi
"$VENV/bin/anci-mailintake" --version >/dev/null
