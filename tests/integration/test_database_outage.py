"""While the database is unreachable the app answers 503 with Retry-After and the friendly
page (JSON for the API), /readyz says so, /healthz stays cheap, and it recovers by itself."""

from __future__ import annotations

import socket

import pytest
import sqlalchemy as sa

from sakrad import create_app
from sakrad.accounts.models import Role
from sakrad.extensions import db
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL
from tests.helpers import make_user


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def unreachable_app(tmp_path):
    """The app pointed at a PostgreSQL address where nothing listens (a database restart)."""
    url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/nothing?connect_timeout=2"
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "UPLOAD_DIR": str(tmp_path),
        }
    )


@pytest.mark.parametrize("path", ["/", "/meetings/1", "/organisations", "/search?q=skola"])
def test_pages_answer_503_with_retry_after_and_the_friendly_page(unreachable_app, path):
    for lang, text in (("sv", "Tillfälligt otillgänglig"), ("en", "Temporarily unavailable")):
        client = unreachable_app.test_client()
        client.set_cookie("sakrad_lang", lang)
        response = client.get(path)
        assert response.status_code == 503
        assert response.headers["Retry-After"].isdigit()
        assert "text/html" in response.content_type
        assert text in response.text


def test_a_post_answers_503_too(unreachable_app):
    response = unreachable_app.test_client().post(
        "/login", data={"email": "a@example.se", "password": "x"}
    )
    assert response.status_code == 503


def test_the_api_answers_503_as_json(unreachable_app):
    response = unreachable_app.test_client().get("/api/v1/meetings")
    assert response.status_code == 503
    assert response.json["error"]["status"] == 503
    assert "Retry-After" in response.headers


def test_liveness_stays_up_and_readiness_says_not_ready(unreachable_app):
    from sakrad.portal import search

    # An app that served before the outage has checked its search index already (the
    # portal does that on the first request, database and all).
    with unreachable_app.app_context():
        search._ready[db.engine] = True
    client = unreachable_app.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert "Retry-After" in ready.headers


def test_readiness_with_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.skipif(not IS_POSTGRES, reason="terminating server connections needs PostgreSQL")
def test_recovers_after_the_server_dropped_every_connection(app, client):
    """What a restart leaves behind: pooled connections that are dead. pool_pre_ping
    replaces them, so the next request works without restarting the app."""
    assert client.get("/organisations").status_code == 200
    admin = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    admin.dispose()
    assert client.get("/organisations").status_code == 200
    assert client.get("/readyz").status_code == 200


# --------------------------------------------------------------------------- no-store


@pytest.fixture
def admin_email(app):
    with app.app_context():
        return make_user(Role.ADMIN, email="admin@example.se").email


@pytest.mark.parametrize("path", ["/admin/users", "/dashboard/", "/registry/export.csv"])
def test_pages_with_personal_data_are_not_cached(client, auth, admin_email, path):
    auth.login(admin_email)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_public_pages_for_anonymous_visitors_keep_their_caching(client):
    response = client.get("/")
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_db_unused_in_error_rendering(unreachable_app):
    # The friendly page renders although loading the user would need the database.
    client = unreachable_app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = "some-session-id"
    response = client.get("/dashboard/")
    assert response.status_code == 503
    assert db is not None
