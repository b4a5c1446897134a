"""The administrator's view of the audit log."""

from __future__ import annotations

from flask import render_template, request

from sakrad.accounts.access import admin_required
from sakrad.audit import service
from sakrad.audit.blueprint import bp

PAGE_SIZE = 50


@bp.get("/")
@admin_required
def index():
    page = max(request.args.get("page", 1, type=int), 1)
    filters = {
        "action": request.args.get("action") or None,
        "entity_type": request.args.get("entity_type") or None,
        "entity_id": request.args.get("entity_id") or None,
    }
    rows, total = service.entries(
        action=filters["action"],
        entity_type=filters["entity_type"],
        entity_id=filters["entity_id"],
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render_template(
        "audit/index.html",
        rows=rows,
        total=total,
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        filters=filters,
        actions=service.distinct_values("action"),
        entity_types=service.distinct_values("entity_type"),
    )
