"""Configuration read from the environment.

Every setting can be overridden with an environment variable of the same name prefixed
``SAKRAD_`` (``SAKRAD_DATABASE_URL``, ``SAKRAD_SMTP_HOST`` ...). ``SECRET_KEY`` is also read
without prefix because that is what deployment tooling usually sets.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("SAKRAD_INSTANCE_PATH", BASE_DIR / "instance"))


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"SAKRAD_{name}", default)


def env_str(name: str, default: str) -> str:
    """A setting that always has a value."""
    return os.environ.get(f"SAKRAD_{name}", default)


def env_float(name: str, default: float) -> float:
    value = env(name)
    return default if value is None else float(value)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return default if value in (None, "") else int(value)


class Config:
    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY") or env("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'sakrad.sqlite'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # One language is the default for everyone: Swedish, as the public bodies write in it.
    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    LANGUAGES = ("sv", "en")
    DISPLAY_TIMEZONE = "Europe/Stockholm"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 8
    # Server-side sessions (accounts/sessions.py): idle and absolute limits.
    SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
    SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 8)
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 8
    MAX_CONTENT_LENGTH = env_int("MAX_CONTENT_LENGTH", 25 * 1024 * 1024)

    # Login throttle. Memory is fine for one process; several app servers must share Redis.
    RATELIMIT_STORAGE_URI = env_str("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_LIMIT_PER_IP = env("LOGIN_LIMIT_PER_IP", "20 per 10 minutes")
    LOGIN_LIMIT_PER_ACCOUNT = env("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    # Registrations (sent forms) allowed per client address; each may send an email.
    REGISTER_LIMIT_PER_IP = env("REGISTER_LIMIT_PER_IP", "10 per hour")
    # How many proxies in front of the app to believe X-Forwarded-For/-Proto from (0: none).
    TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

    # Mail. With no SMTP host, mail is written as .eml files to MAIL_FILE_DIR.
    MAIL_SENDER = env("MAIL_SENDER", "Sakråd <noreply@sakrad.example>")
    SMTP_HOST = env("SMTP_HOST")
    SMTP_PORT = env_int("SMTP_PORT", 25)
    SMTP_USERNAME = env("SMTP_USERNAME")
    SMTP_PASSWORD = env("SMTP_PASSWORD")
    SMTP_STARTTLS = env_bool("SMTP_STARTTLS", False)
    SMTP_SSL = env_bool("SMTP_SSL", False)
    SMTP_TIMEOUT = env_int("SMTP_TIMEOUT", 20)
    MAIL_FILE_DIR = env("MAIL_FILE_DIR", str(INSTANCE_DIR / "mail"))
    # Deliver queued mail right after the request that queued it (development convenience).
    MAIL_DELIVER_AFTER_REQUEST = env_bool("MAIL_DELIVER_AFTER_REQUEST", False)
    MAIL_MAX_BACKOFF_SECONDS = env_int("MAIL_MAX_BACKOFF_SECONDS", 3600)
    # A worker re-stamps its claim before each message, so a claim only grows old when the
    # worker died: then its messages are retried after a few SMTP timeouts, not 10 minutes.
    # Unset: three SMTP timeouts (60 s with the default 20 s).
    MAIL_CLAIM_TIMEOUT_SECONDS = env_int("MAIL_CLAIM_TIMEOUT_SECONDS", 0) or None

    # The public address used in emails, feeds and calendar files. Required in production;
    # in development derived from PORT or the request when unset (sakrad/shell/public_url.py).
    PUBLIC_BASE_URL = env("PUBLIC_BASE_URL")
    UPLOAD_DIR = env("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

    # Seconds a selection job (preview or confirmation) may give the engine.
    SELECTION_TIME_BUDGET = env_float("SELECTION_TIME_BUDGET", 120)
    # Background jobs: with a Redis URL they go to RQ workers (`flask sakrad worker` or plain
    # `rq worker <JOB_QUEUE_NAME>`); without one they run in a thread of the app process, so
    # development needs nothing more. The Redis of the login throttle is reused if it has one.
    JOB_QUEUE_URL = env("JOB_QUEUE_URL") or (
        RATELIMIT_STORAGE_URI
        if RATELIMIT_STORAGE_URI.startswith(("redis://", "rediss://"))
        else None
    )
    JOB_QUEUE_NAME = env("JOB_QUEUE_NAME", "sakrad")
    # Run jobs inside the request that starts them (tests: the POST answers with the result).
    JOB_RUN_EAGERLY = env_bool("JOB_RUN_EAGERLY", False)
    # A running job whose worker has not written a heartbeat for this long is shown as failed.
    JOB_HEARTBEAT_SECONDS = env_float("JOB_HEARTBEAT_SECONDS", 1)
    JOB_STALE_SECONDS = env_float("JOB_STALE_SECONDS", 30)
    # Without JavaScript a running job's page reloads itself this often (Refresh header).
    JOB_REFRESH_SECONDS = env_int("JOB_REFRESH_SECONDS", 5)
    # Invitations: remind unanswered ones this many days before the deadline; a reserve who
    # is offered a freed seat gets this many days to answer.
    INVITATION_REMINDER_DAYS = env_int("INVITATION_REMINDER_DAYS", 3)
    INVITATION_RESERVE_ANSWER_DAYS = env_int("INVITATION_RESERVE_ANSWER_DAYS", 7)
    # Feedback after meetings: answers open this many days after the meeting, one reminder
    # this many days before they close; aggregates only from this many answers (never < 3).
    FEEDBACK_WINDOW_DAYS = env_int("FEEDBACK_WINDOW_DAYS", 30)
    FEEDBACK_REMINDER_DAYS = env_int("FEEDBACK_REMINDER_DAYS", 7)
    FEEDBACK_MIN_ANSWERS = env_int("FEEDBACK_MIN_ANSWERS", 5)

    # Who is responsible for the personal data (the privacy notice and the contact page).
    PRIVACY_CONTROLLER_NAME = env("PRIVACY_CONTROLLER_NAME", "Den myndighet som driver tjänsten")
    PRIVACY_CONTROLLER_EMAIL = env("PRIVACY_CONTROLLER_EMAIL", "registrator@myndighet.example")
    PRIVACY_CONTROLLER_ADDRESS = env("PRIVACY_CONTROLLER_ADDRESS", "")
    PRIVACY_CONTROLLER_PHONE = env("PRIVACY_CONTROLLER_PHONE", "")
    PRIVACY_DPO_EMAIL = env("PRIVACY_DPO_EMAIL", "dataskyddsombud@myndighet.example")
    # Who answers questions about the service itself (the contact page).
    CONTACT_EMAIL = env("CONTACT_EMAIL", "sakrad@myndighet.example")
    CONTACT_PHONE = env("CONTACT_PHONE", "")
    # Retention (sakrad.privacy.retention): one period per category; `flask sakrad retention
    # run` applies them and the privacy notice shows these same values.
    RETENTION_DELEGATE_NEEDS_DAYS = env_int("RETENTION_DELEGATE_NEEDS_DAYS", 14)
    RETENTION_DELEGATE_IDENTITY_DAYS = env_int("RETENTION_DELEGATE_IDENTITY_DAYS", 90)
    RETENTION_INTEREST_MOTIVATION_DAYS = env_int("RETENTION_INTEREST_MOTIVATION_DAYS", 365)
    RETENTION_UNCONFIRMED_REGISTRATION_HOURS = env_int(
        "RETENTION_UNCONFIRMED_REGISTRATION_HOURS", 48
    )
    RETENTION_OUTBOX_DAYS = env_int("RETENTION_OUTBOX_DAYS", 30)
    RETENTION_ANSWER_TOKEN_DAYS = env_int("RETENTION_ANSWER_TOKEN_DAYS", 0)
    RETENTION_REPRESENTATIVE_INVITE_DAYS = env_int("RETENTION_REPRESENTATIVE_INVITE_DAYS", 0)
    # For the categories of tables other packages add (registered with
    # sakrad.privacy.retention.register): ended login sessions, unused feedback tokens.
    RETENTION_LOGIN_SESSION_DAYS = env_int("RETENTION_LOGIN_SESSION_DAYS", 30)
    RETENTION_FEEDBACK_TOKEN_DAYS = env_int("RETENTION_FEEDBACK_TOKEN_DAYS", 0)


class DevConfig(Config):
    ENV_NAME = "development"
    SECRET_KEY = Config.SECRET_KEY or "dev-only-not-secret"
    MAIL_DELIVER_AFTER_REQUEST = env_bool("MAIL_DELIVER_AFTER_REQUEST", True)


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = env("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_FILE_DIR = None
    PUBLIC_BASE_URL = "http://localhost"
    PASSWORD_HASHING = "cheap"
    JOB_QUEUE_URL = None
    JOB_RUN_EAGERLY = True


class ProdConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {"development": DevConfig, "testing": TestConfig, "production": ProdConfig}


def config_for(name: str | None = None) -> type[Config]:
    return CONFIGS[name or os.environ.get("SAKRAD_ENV", "development")]
