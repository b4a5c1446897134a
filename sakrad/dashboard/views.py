from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from sakrad.accounts.access import login_required
from sakrad.organisations.service import organisations_of

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.get("/")
@login_required
def index():
    organisations = organisations_of(current_user) if current_user.is_org_rep else []
    return render_template("dashboard/index.html", organisations=organisations)
