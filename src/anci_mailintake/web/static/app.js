// The review app's only script: keyboard shortcuts and the Comune autocomplete.
// Served from the package (Content-Security-Policy: script-src 'self'); builds DOM with
// textContent and value, never with HTML strings, so no text from a message becomes markup.
"use strict";

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable]") !== null;
}

function queueKeys(event) {
  const rows = Array.from(document.querySelectorAll("table.queue tbody tr"));
  if (!rows.length) return false;
  let i = rows.findIndex((r) => r.classList.contains("current"));
  if (event.key === "j" || event.key === "k") {
    if (i >= 0) rows[i].classList.remove("current");
    i = event.key === "j" ? Math.min(rows.length - 1, i + 1) : Math.max(0, i - 1);
    rows[i].classList.add("current");
    rows[i].scrollIntoView({ block: "nearest" });
    return true;
  }
  if (event.key === "Enter" && i >= 0) {
    window.location.assign(rows[i].dataset.href);
    return true;
  }
  return false;
}

function messageKeys(event) {
  const go = (id) => { const a = document.getElementById(id); if (a) window.location.assign(a.href); };
  if (event.key === "j") { go("next"); return true; }
  if (event.key === "k") { go("prev"); return true; }
  if (event.key === "c") {
    const form = document.getElementById("confirm-form");
    if (form) form.requestSubmit();
    return true;
  }
  if (event.key === "e") {
    const first = document.querySelector("#correct-form input.comune");
    if (first) { first.focus(); first.select(); }
    return true;
  }
  return false;
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const done = document.body.classList.contains("queue-page") ? queueKeys(event) : messageKeys(event);
  if (done) event.preventDefault();
});

let pending = null;
function suggest(input) {
  const list = document.getElementById("comuni-list");
  const q = input.value.trim();
  if (!list || q.length < 2 || /–\s*\d{6}$/.test(q)) return;
  if (pending) pending.abort();
  pending = new AbortController();
  fetch(list.dataset.url + "?q=" + encodeURIComponent(q), { signal: pending.signal, credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : []))
    .then((items) => {
      list.replaceChildren(...items.map((c) => {
        const o = document.createElement("option");
        o.value = c.label;
        o.textContent = c.region;
        return o;
      }));
    })
    .catch(() => {});
}

document.addEventListener("input", (event) => {
  if (event.target.matches && event.target.matches("input.comune")) suggest(event.target);
});

document.addEventListener("DOMContentLoaded", () => {
  const add = document.getElementById("add-comune");
  if (add) add.addEventListener("click", () => {
    const inputs = document.querySelectorAll("#correct-form input.comune");
    const copy = inputs[inputs.length - 1].cloneNode();
    copy.value = "";
    inputs[inputs.length - 1].after(copy);
    copy.focus();
  });
  document.querySelectorAll("table.queue tbody tr").forEach((row) => {
    row.addEventListener("click", (event) => {
      if (!event.target.closest("a")) window.location.assign(row.dataset.href);
    });
  });
});
