"""The report dashboard: the totals of `anci-mailintake report` and the places chart, for staff.

Registered in web/__init__.py's blueprints(); the app's before_request hook (auth.require_login)
already refuses anonymous requests to every blueprint, so no decorator is needed here. Figures
come from report.build, the same SQL as the command line, so the two never disagree.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

from flask import Blueprint, abort, render_template, request, send_file
from markupsafe import Markup
from werkzeug.wrappers import Response

from ..errors import ConfigError
from ..report import Report, build
from ..report.html import places_chart
from ..report.tables import write_xlsx
from ..report.text import figures
from .context import db

bp = Blueprint("dashboard", __name__)


def _report(lists: bool) -> Report:
    region = request.args.get("region", "")[:100] or None
    province = request.args.get("province", "")[:100] or None
    try:
        return build(db(), region=region, province=province, lists=lists)
    except ConfigError as e:
        abort(400, description=str(e))


@bp.route("/report")
def index() -> str:
    rep = _report(lists=False)
    if rep.province:  # one province: whom to call back fits on the page
        from ..report.sql import missing

        missing_list = missing(db(), region=rep.region, province=rep.province)
    else:
        missing_list = []
    chart_rows = rep.provinces if rep.region else rep.regions
    chart = Markup(places_chart(chart_rows, unit="posti", confirmed="confermati", pending="da rivedere"))
    from ..store.review import regions_and_provinces

    regions, provinces = regions_and_provinces(db())
    return render_template("dashboard.html", rep=rep, chart=chart, figures=figures, missing=missing_list,
                           regions=regions, provinces=provinces, args=_args())


@bp.route("/report.xlsx")
def xlsx() -> Response:
    """The whole report as a workbook, for the territory on screen."""
    rep = _report(lists=True)
    buf = io.BytesIO()
    write_xlsx(rep, buf)
    buf.seek(0)
    day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    name = f"risposte-msna-{(rep.province or rep.region or 'italia').split('/')[0].lower().replace(' ', '-')}-{day}.xlsx"
    return send_file(buf, as_attachment=True, download_name=name,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _args() -> dict[str, str]:
    return {k: v for k in ("region", "province") if (v := request.args.get(k, ""))}
