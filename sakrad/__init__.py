"""Sakråd: structured dialogue between public bodies and civil society."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, g

from config import INSTANCE_DIR, config_for

BASE_DIR = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None, config_name: str | None = None) -> Flask:
    from sakrad.transaction import TransactionalFlask

    app = TransactionalFlask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(BASE_DIR / "templates"),
        static_folder="static",
    )
    app.config.from_object(
        config_for("testing" if test_config and test_config.get("TESTING") else config_name)
    )
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set (environment variable SECRET_KEY) in production")
    from sakrad.shell import public_url

    public_url.init_app(app)
    os.makedirs(app.instance_path, exist_ok=True)
    if app.config.get("PASSWORD_HASHING") == "cheap":
        from sakrad.accounts.passwords import use_cheap_hashing

        use_cheap_hashing()

    _init_extensions(app)
    _register_blueprints(app)
    _init_shell(app)

    from sakrad.cli import register_cli

    register_cli(app)
    return app


def _init_extensions(app: Flask) -> None:
    from sakrad.accounts.models import User
    from sakrad.extensions import babel, csrf, db, limiter, login_manager, migrate
    from sakrad.shell.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"))
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(Path(__file__).parent / "translations"),
    )
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None  # the login page explains itself

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id))
        return user if user is not None and user.active else None

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            _sqlite_pragmas(db.engine)

    # Import every model so metadata (and Alembic) sees all tables.
    from sakrad.models import import_all_models

    import_all_models()


def _sqlite_pragmas(engine) -> None:  # noqa: ANN001
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


# Every blueprint, in the order of the dialogue cycle. A module listed here exposes ``bp``.
BLUEPRINT_MODULES = (
    "sakrad.shell.i18n",
    "sakrad.portal.views",
    "sakrad.accounts.views",
    "sakrad.accounts.admin_views",
    "sakrad.dashboard.views",
    "sakrad.audit.views",
    "sakrad.mail.views",
    "sakrad.organisations.views",
    "sakrad.organisations.admin_views",
    "sakrad.cycles.views",
    "sakrad.meetings.views",
    "sakrad.proposals.views",
    "sakrad.selection.views",
    "sakrad.invitations.views",
    "sakrad.minutes.views",
    "sakrad.api.views",
    "sakrad.checks.views",
)


def _register_blueprints(app: Flask) -> None:
    import importlib

    for name in BLUEPRINT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real import error inside the module
                raise
            continue  # that package has no views yet
        app.register_blueprint(module.bp)


def _init_shell(app: Flask) -> None:
    from sakrad.shell import errors, filters, security, ways_in

    security.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    ways_in.init_app(app)

    from sakrad.accounts.views import throttled_login_page

    @app.errorhandler(429)
    def too_many_requests(error):  # noqa: ANN001
        from flask import request

        from sakrad.shell.errors import render_error

        if request.endpoint == "accounts.login":
            return throttled_login_page()
        return render_error(429)

    @app.after_request
    def deliver_mail_in_development(response):  # noqa: ANN001
        # The view has committed by now; in development mail leaves at once as .eml files.
        if app.config["MAIL_DELIVER_AFTER_REQUEST"] and g.get("mail_queued"):
            from sakrad.mail.delivery import deliver_pending

            deliver_pending()
        return response
