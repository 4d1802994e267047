"""Retake docs/screenshots/{queue,message}.png from the real app over the dev corpus.

A throwaway SQLite store gets `ingest ../shared/corpus/dev`, a throwaway account and `serve` on a
free port; Debian's chromium (through Playwright) logs in and photographs the queue (messages
needing review first) and the first message that needs review.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).with_name("anci-mailintake"))
OUT = REPO / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ANCI_MAILINTAKE_DB": f"sqlite:///{tmp}/store.sqlite", "ANCI_WEB_SECRET": "x" * 32}
        subprocess.run([CLI, "ingest", str(REPO.parent / "shared" / "corpus" / "dev")], env=env, check=True,
                       capture_output=True)
        subprocess.run([CLI, "users", "add", "anna", "--password-stdin"], input="una-password-lunga\n", text=True,
                       env=env, check=True, capture_output=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([CLI, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{url}/login", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{url}/login")
                page.fill("input[name=username]", "anna")
                page.fill("input[name=password]", "una-password-lunga")
                page.click("button[type=submit]")
                page.wait_for_selector("table.queue")
                OUT.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(OUT / "queue.png"))
                page.locator("table.queue tbody tr").first.click()
                page.wait_for_url("**/messages/*")
                page.screenshot(path=str(OUT / "message.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
