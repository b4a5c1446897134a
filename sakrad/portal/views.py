from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("portal", __name__)


@bp.get("/")
def home():
    return render_template("portal/home.html")


@bp.get("/about")
def about():
    return render_template("portal/about.html")
