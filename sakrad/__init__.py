"""Sakråd: structured dialogue between public bodies and civil society."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, g

from config import INSTANCE_DIR, config_for

BASE_DIR = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None, config_name: str | None = None) -> Flask:
    from sakrad.shell.templating import Environment
    from sakrad.transaction import TransactionalFlask

    app = TransactionalFlask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(BASE_DIR / "templates"),
        static_folder="static",
    )
    app.jinja_environment = Environment  # before anything touches app.jinja_env
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

    from sakrad.shell import deployment, input

    deployment.check_throttle_storage(app)
    deployment.apply_proxy_fix(app)
    _init_extensions(app)
    input.init_app(app)  # before the blueprints: URL rules bind the bounded int converter
    _register_blueprints(app)
    _connect_reactions(app)
    _init_shell(app)

    from sakrad.cli import register_cli

    register_cli(app)
    return app


def _init_extensions(app: Flask) -> None:
    from sakrad.extensions import babel, csrf, db, limiter, login_manager, migrate
    from sakrad.shell import i18n

    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"))
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(Path(__file__).parent / "translations"),
    )
    i18n.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None  # the login page explains itself

    from sakrad.accounts import sessions

    # The cookie carries a server-side session id, never the user's id (accounts/sessions.py).
    login_manager.user_loader(sessions.load_user)
    sessions.init_app(app)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            _sqlite_pragmas(db.engine)

    # Every model, so metadata (and Alembic) sees all tables.
    import sakrad.models  # noqa: F401


def _sqlite_pragmas(engine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def _register_blueprints(app: Flask) -> None:
    """Every blueprint, in the order of the dialogue cycle."""
    from sakrad.accounts.blueprint import admin_bp, sessions_bp
    from sakrad.accounts.blueprint import bp as accounts_bp
    from sakrad.api.blueprint import bp as api_bp
    from sakrad.archive.blueprint import bp as archive_bp
    from sakrad.audit.blueprint import bp as audit_bp
    from sakrad.checks.blueprint import bp as checks_bp
    from sakrad.cycles.blueprint import bp as cycles_bp
    from sakrad.dashboard.blueprint import bp as dashboard_bp
    from sakrad.feedback.blueprint import bp as feedback_bp
    from sakrad.followup.blueprint import bp as followup_bp
    from sakrad.invitations.blueprint import bp as invitations_bp
    from sakrad.mail.blueprint import bp as mail_bp
    from sakrad.meetings.blueprint import bp as meetings_bp
    from sakrad.minutes.blueprint import bp as minutes_bp
    from sakrad.organisations.blueprint import bp as organisations_bp
    from sakrad.organisations.blueprint import registry_bp
    from sakrad.portal.blueprint import bp as portal_bp
    from sakrad.privacy.blueprint import bp as privacy_bp
    from sakrad.proposals.blueprint import bp as proposals_bp
    from sakrad.selection.blueprint import bp as selection_bp
    from sakrad.shell.blueprint import bp as shell_bp
    from sakrad.shell.health import bp as health_bp

    for blueprint in (
        shell_bp,
        health_bp,
        portal_bp,
        accounts_bp,
        sessions_bp,
        admin_bp,
        dashboard_bp,
        audit_bp,
        mail_bp,
        organisations_bp,
        registry_bp,
        cycles_bp,
        meetings_bp,
        proposals_bp,
        selection_bp,
        invitations_bp,
        minutes_bp,
        checks_bp,
        feedback_bp,
        followup_bp,
        privacy_bp,
        archive_bp,
        api_bp,
    ):
        app.register_blueprint(blueprint)


def _connect_reactions(app: Flask) -> None:
    """Reactions across packages, connected here so that importing a module changes nothing.

    Receivers are module-level functions and blinker keeps one connection per receiver, so
    building several apps (tests) connects each reaction once.
    """
    from sakrad import signals
    from sakrad.feedback.signals import connect as connect_feedback
    from sakrad.invitations import updates as invitation_updates
    from sakrad.portal import search

    signals.meeting_calendar_changed.connect(invitation_updates.queue_calendar_updates)
    connect_feedback(app)  # the questionnaire after a meeting, the follow-up question
    search.register_events()  # the search index follows every committed change


def _init_shell(app: Flask) -> None:
    from sakrad.audit import describe
    from sakrad.shell import errors, filters, health, security, ways_in

    security.init_app(app)
    errors.init_app(app)
    health.init_app(app)
    filters.init_app(app)
    ways_in.init_app(app)
    describe.init_app(app)  # audit entries and history as sentences

    from sakrad.accounts.views import throttled_login_page

    @app.errorhandler(429)
    def too_many_requests(error):
        from flask import request

        from sakrad.shell.errors import render_error

        if request.endpoint == "accounts.login":
            return throttled_login_page()
        return render_error(429)

    @app.after_request
    def deliver_mail_in_development(response):
        # The view has committed by now; in development mail leaves at once as .eml files.
        if app.config["MAIL_DELIVER_AFTER_REQUEST"] and g.get("mail_queued"):
            from sakrad.mail.delivery import deliver_pending

            deliver_pending()
        return response
