"""The review pages: the queue, one message with its evidence, confirm and correct, downloads."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from .. import pipeline
from ..records import INTENTS, KINDS
from ..store import review as store
from ..store.queries import raw_bytes
from .context import current_user, db
from .forms import comune_label, parse_correction
from .highlight import segments

bp = Blueprint("review", __name__)
PER_PAGE = 50
FILTER_KEYS = ("review", "errors", "corrected", "kind", "intent", "region", "province", "q")
QUOTED_ROLES = {"quoted", "forwarded", "anci_letter"}


def _filter() -> store.QueueFilter:
    a = request.args
    return store.QueueFilter(
        review=a.get("review", "") if a.get("review") in ("yes", "no") else "",
        errors=a.get("errors") == "1",
        corrected=a.get("corrected") == "1",
        kind=a.get("kind", "") if a.get("kind") in KINDS else "",
        intent=a.get("intent", "") if a.get("intent") in (*INTENTS, "none") else "",
        region=a.get("region", "")[:100],
        province=a.get("province", "")[:2],
        q=a.get("q", "")[:200],
    )


def _filter_args() -> dict[str, str]:
    """The queue's filter as query arguments, carried from the queue to a message and back."""
    return {k: v for k in FILTER_KEYS if (v := request.args.get(k, ""))}


@bp.route("/")
def queue() -> str:
    f = _filter()
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        page = 1
    s = db()
    result = store.queue(s, f, page, PER_PAGE)
    regions, provinces = store.regions_and_provinces(s)
    return render_template("queue.html", f=f, result=result, counts=store.counts(s), regions=regions,
                           provinces=provinces, args=_filter_args(), blank=store.QueueFilter())


@bp.route("/messages/<int:pk>")
def message(pk: int) -> str | tuple[str, int]:
    return _message_page(pk)


def _message_page(pk: int, errors: list[str] | None = None, form: Any = None) -> str | tuple[str, int]:
    s = db()
    view = store.message_view(s, pk)
    if view is None:
        abort(404)
    prev_pk, next_pk = store.neighbours(s, _filter(), pk)
    evidence = view.extraction.evidence if view.extraction is not None else []
    docs = [(d, segments(d.text, evidence, d.seq)) for d in view.documents]
    header_evidence = [e for e in evidence if isinstance(e, dict) and e.get("document") == -1]
    html = render_template("message.html", v=view, docs=docs, quoted_roles=QUOTED_ROLES, prev_pk=prev_pk,
                           next_pk=next_pk, args=_filter_args(), errors=errors or [], form=form,
                           header_evidence=header_evidence, comune_label=comune_label)
    return (html, 400) if errors else html


def _after_save(pk: int, next_pk: int | None, what: str) -> Response:
    flash(f"Messaggio n. {pk}: {what}.")
    target = next_pk if next_pk is not None else pk
    query: dict[str, Any] = _filter_args()  # url_for types **values as Any beside its bool _external; no key is one
    return redirect(url_for("review.message", pk=target, **query))


@bp.route("/messages/<int:pk>/confirm", methods=["POST"])
def confirm(pk: int) -> Response:
    s = db()
    if not store.message_exists(s, pk):
        abort(404)
    _prev, next_pk = store.neighbours(s, _filter(), pk)
    user = current_user()
    assert user is not None  # require_login ran first
    store.add_correction(s, pk, user, "confirm", store.current_values(s, pk),
                         (request.form.get("note") or "").strip()[:2000])
    s.commit()
    return _after_save(pk, next_pk, "valori confermati")


@bp.route("/messages/<int:pk>/correct", methods=["POST"])
def correct(pk: int) -> Response | str | tuple[str, int]:
    s = db()
    if not store.message_exists(s, pk):
        abort(404)
    _prev, next_pk = store.neighbours(s, _filter(), pk)
    values, note, errors = parse_correction(s, request.form, request.form.getlist("comune"))
    if values is None:
        return _message_page(pk, errors, request.form)
    user = current_user()
    assert user is not None
    store.add_correction(s, pk, user, "correct", values, note)
    s.commit()
    return _after_save(pk, next_pk, "correzione salvata")


_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


def _download_name(name: str | None, fallback: str) -> str:
    """A plain file name: no path, no control or quote characters, never empty."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME.sub("_", name).strip(" .")[:150]
    return name or fallback


def _octets(data: bytes, name: str) -> Response:
    """Bytes from a message as a download that no browser renders or sniffs."""
    import io

    resp = send_file(io.BytesIO(data), mimetype="application/octet-stream", as_attachment=True,
                     download_name=name, max_age=0)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/messages/<int:pk>/raw")
def raw(pk: int) -> Response:
    data = raw_bytes(db(), pk)
    if not data:
        abort(404)
    return _octets(data, f"messaggio-{pk}.eml")


@bp.route("/messages/<int:pk>/parts/<part>")
def attachment(pk: int, part: str) -> Response:
    data = raw_bytes(db(), pk)
    if not data or not re.fullmatch(r"[0-9][0-9.]{0,60}", part):
        abort(404)
    limits = current_app.extensions["anci_mailintake"]["settings"].limits
    found = pipeline.attachment_bytes(data, part, limits)
    if found is None:
        abort(404, description=f"La parte {part} non si trova più nel messaggio n. {pk}: scarica il "
                               "messaggio originale (.eml).")
    name, payload = found
    return _octets(payload, _download_name(name, f"messaggio-{pk}-parte-{part}.bin"))


@bp.route("/api/comuni")
def comuni_api() -> Response:
    """Autocomplete: up to 20 Comuni matching ?q= (name or ISTAT code), with their province."""
    found = store.search_comuni(db(), request.args.get("q", "")[:100])
    return jsonify([{"istat": c.istat, "name": c.name, "province": c.province, "region": c.region,
                     "label": comune_label(c)} for c in found])
