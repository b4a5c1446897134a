"""Behind a load balancer the login throttle counts the real client address
(SAKRAD_TRUSTED_PROXIES), and production refuses a per-process throttle with several workers."""

from __future__ import annotations

import logging

import pytest

from sakrad.accounts.models import Role
from sakrad.shell.deployment import check_throttle_storage, detected_workers
from tests.helpers import PASSWORD, make_user


@pytest.fixture
def admin(app):
    with app.app_context():
        return make_user(Role.ADMIN, email="admin@example.se").email


def _login(client, email, password, address):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        headers={"X-Forwarded-For": address},
    )


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_one_client_address_does_not_lock_out_another_behind_the_proxy(client, admin):
    for i in range(20):
        response = _login(client, f"guess{i}@example.se", "wrong-password!", "203.0.113.5")
        assert response.status_code == 200
    assert _login(client, "guess99@example.se", "wrong-password!", "203.0.113.5").status_code == 429
    # The administrator, behind the same proxy but at another client address, logs in.
    assert _login(client, admin, PASSWORD, "198.51.100.7").status_code == 303


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_the_account_limit_protects_one_account_from_many_addresses(client, admin):
    for i in range(5):
        assert _login(client, admin, "wrong-password!", f"203.0.113.{i}").status_code == 200
    assert _login(client, admin, PASSWORD, "198.51.100.7").status_code == 429


def test_without_trusted_proxies_a_forwarded_header_is_not_believed(client, admin):
    # Default 0: a client cannot pick a fresh address per request to dodge the limit.
    for i in range(20):
        _login(client, f"guess{i}@example.se", "wrong-password!", f"203.0.113.{i}")
    assert _login(client, admin, PASSWORD, "198.51.100.7").status_code == 429


@pytest.mark.parametrize(
    "environ,argv,workers",
    [
        ({"WEB_CONCURRENCY": "3"}, ["gunicorn"], 3),
        ({"SAKRAD_WORKERS": "2"}, ["flask"], 2),
        ({}, ["/usr/bin/gunicorn", "-w", "4", "wsgi:app"], 4),
        ({}, ["gunicorn", "--workers=2", "wsgi:app"], 2),
        ({}, ["gunicorn", "-w2", "wsgi:app"], 2),
        ({}, ["gunicorn", "wsgi:app"], None),
        ({}, ["flask", "run"], None),
    ],
)
def test_worker_count_detection(environ, argv, workers):
    assert detected_workers(environ, argv) == workers


class _App:
    def __init__(self, storage: str, env: str = "production") -> None:
        self.config = {"RATELIMIT_STORAGE_URI": storage, "ENV_NAME": env}
        self.logger = logging.getLogger("sakrad-test-deployment")


def test_production_refuses_memory_storage_with_several_workers():
    with pytest.raises(RuntimeError, match="redis"):
        check_throttle_storage(_App("memory://"), {}, ["gunicorn", "-w", "2", "wsgi:app"])
    with pytest.raises(RuntimeError, match="worker"):
        check_throttle_storage(_App("memory://"), {"WEB_CONCURRENCY": "2"}, ["gunicorn"])
    # Redis, or development, is fine.
    check_throttle_storage(_App("redis://127.0.0.1:6379/0"), {"WEB_CONCURRENCY": "8"}, [])
    check_throttle_storage(_App("memory://", "development"), {"WEB_CONCURRENCY": "8"}, [])


def test_production_warns_loudly_with_memory_storage_and_one_worker(caplog):
    with caplog.at_level(logging.WARNING, logger="sakrad-test-deployment"):
        check_throttle_storage(_App("memory://"), {}, ["gunicorn", "wsgi:app"])
    assert "ONE worker" in caplog.text


def test_create_app_refuses_in_production(monkeypatch):
    from sakrad import create_app

    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(RuntimeError, match="memory://"):
        create_app(
            {
                "SECRET_KEY": "x",
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
                "PUBLIC_BASE_URL": "https://sakrad.example.se",
            },
            "production",
        )
