"""The real app in Debian's chromium: log in, correct through the autocomplete, confirm by keyboard,
see it in `anci-mailintake export`; hostile mail stays inert; screenshots for docs/web.md.

The README's screenshots come from scripts/screenshots.py (the whole dev corpus); this test only
checks that the pages render at the documented width.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from .conftest import browser_login, foreign, run_cli

pytestmark = pytest.mark.browser


def _export(live) -> dict[int, dict]:  # type: ignore[no-untyped-def]
    r = run_cli(live.db_url, "export", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    return {rec["id"]: rec for rec in map(json.loads, r.stdout.splitlines())}


def _row_ids(page) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(h.rsplit("/", 1)[-1].split("?")[0]) for h in
            page.eval_on_selector_all("table.queue tbody tr", "rows => rows.map(r => r.dataset.href)")]


def test_correct_through_the_autocomplete_and_confirm_by_keyboard(page, live):
    browser_login(page, live)
    ids = [i for i in _row_ids(page) if i != live.hostile_pk]
    target, other = ids[0], ids[1]
    page.goto(f"{live.url}/messages/{target}")
    page.keyboard.press("e")  # focus the first Comune field
    field = page.locator("#correct-form input.comune").first
    assert field.evaluate("el => el === document.activeElement")
    field.fill("")
    field.press_sequentially("Bergam", delay=20)
    option = page.locator('#comuni-list option[value="Bergamo (BG) – 016024"]')
    option.wait_for(state="attached")
    field.fill(option.get_attribute("value"))  # what choosing the suggestion puts in the field
    page.select_option("#f-kind", "reply")
    page.select_option("#f-intent", "interested")
    page.fill("#f-places", "14")
    page.click("#correct-form button[type=submit]")
    page.wait_for_selector(".flash")
    assert f"Messaggio n. {target}: correzione salvata." in page.inner_text(".flash")

    page.goto(f"{live.url}/messages/{other}")
    page.keyboard.press("c")
    page.wait_for_selector(".flash")
    assert "valori confermati" in page.inner_text(".flash")

    records = _export(live)
    rec = records[target]
    assert rec["corrected"] is True and rec["needs_review"] is False
    assert [c["istat"] for c in rec["comuni"]][:1] == ["016024"] and rec["comuni"][0]["province"] == "BG"
    assert (rec["kind"], rec["intent"], rec["places"]) == ("reply", "interested", 14)
    assert records[other]["corrected"] is True
    assert page.dialogs == [] and foreign(page, live) == []


def test_queue_keys_open_the_selected_message(page, live):
    browser_login(page, live)
    ids = _row_ids(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("j")
    assert page.get_attribute("table.queue tr.current", "data-href").endswith(f"/messages/{ids[1]}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/messages/{ids[1]}")
    page.keyboard.press("j")
    page.wait_for_url(f"**/messages/{ids[2]}")
    page.keyboard.press("k")
    page.wait_for_url(f"**/messages/{ids[1]}")


def test_hostile_mail_renders_inert(page, live):
    browser_login(page, live)
    assert "<script>alert('subject')</script>" in page.inner_text("table.queue")  # shown, as text
    page.goto(f"{live.url}/messages/{live.hostile_pk}")
    page.wait_for_selector("pre.doc")
    for el in page.locator("details").all():
        el.evaluate("d => d.open = true")
    text = page.inner_text("main")
    assert "<script>alert('subject')</script>" in text and "onerror=alert('name')" in text
    assert page.locator("img, iframe, object, embed").count() == 0
    assert page.eval_on_selector_all("script", "s => s.map(x => x.getAttribute('src'))") == ["/static/app.js"]
    assert page.eval_on_selector_all("a[href^='javascript']", "a => a.length") == 0
    hrefs = page.eval_on_selector_all("a[href]", "a => a.map(x => x.href)")
    assert all(h.startswith(live.url) for h in hrefs), hrefs
    page.click("#add-comune")  # the page's own script still runs
    page.wait_for_timeout(300)
    assert page.dialogs == [] and foreign(page, live) == []
    page.evaluate("() => alert('probe')")  # the watcher does see a dialog when one fires
    assert page.dialogs == ["probe"]


def _png_width(path: Path) -> int:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int(struct.unpack(">I", data[16:20])[0])


def test_pages_render_at_the_documented_width(page, live, tmp_path):
    out = tmp_path
    browser_login(page, live)
    page.screenshot(path=str(out / "queue.png"), full_page=True)
    records = [r for r in _export(live).values() if r["id"] != live.hostile_pk and r["kind"] == "reply"]
    shown = max(records, key=lambda r: (r["needs_review"], not r["corrected"], r["places"] is not None, -r["id"]))
    page.goto(f"{live.url}/messages/{shown['id']}")
    page.wait_for_selector("pre.doc")
    page.screenshot(path=str(out / "message.png"), full_page=False)
    for name in ("queue.png", "message.png"):
        assert _png_width(out / name) == 1280
