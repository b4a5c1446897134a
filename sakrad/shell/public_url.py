"""The public address used in emails, feeds, calendars, CSV and the API.

Production must name it (``SAKRAD_PUBLIC_BASE_URL``): a wrong guess there sends people to
a page that does not exist. In development an unset value is derived from ``PORT`` (which
``make run`` passes on) so ``PORT=5202 make run`` writes links to port 5202; without
``PORT`` it follows the address of the request being served.
"""

from __future__ import annotations

import os

from flask import Flask, request


def init_app(app: Flask) -> None:
    if app.config.get("PUBLIC_BASE_URL"):
        app.config["PUBLIC_BASE_URL"] = app.config["PUBLIC_BASE_URL"].rstrip("/")
        return
    if app.config.get("ENV_NAME") == "production":
        raise RuntimeError(
            "SAKRAD_PUBLIC_BASE_URL must be set in production (the address in emails and feeds)"
        )
    port = os.environ.get("PORT", "").strip()
    if port.isdigit():
        app.config["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{port}"
        return
    app.config["PUBLIC_BASE_URL"] = "http://127.0.0.1:5000"

    @app.before_request
    def follow_the_request() -> None:
        # Development only: whatever address the developer opened is the one links use.
        app.config["PUBLIC_BASE_URL"] = request.host_url.rstrip("/")
