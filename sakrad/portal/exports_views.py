"""CSV downloads of public data: /open-data and /open-data/<name>.csv."""

from __future__ import annotations

from flask import Response, abort, current_app, render_template, request, stream_with_context

from sakrad.portal import exports, page_cache, query_filters
from sakrad.portal.blueprint import bp
from sakrad.shell.csv import stream_csv


@bp.get("/open-data")
@page_cache.cacheable
def open_data():
    return render_template("portal/open_data.html", exports=list(exports.EXPORTS))


@bp.get("/open-data/<name>.csv")
def export_csv(name: str):
    if name not in exports.EXPORTS:
        abort(404)
    try:
        query = query_filters.parse(request.args)
    except query_filters.FilterError as exc:
        return Response(f"{exc.field}: {exc.message}\n", status=400, mimetype="text/plain")
    header, rows = exports.EXPORTS[name]
    base_url = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return Response(
        stream_with_context(stream_csv(header, rows(query.filters, base_url))),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="sakrad-{name}.csv"',
            "Cache-Control": "no-cache",
        },
    )
