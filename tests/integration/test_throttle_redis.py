"""With SAKRAD_RATELIMIT_STORAGE_URI pointing at Redis, the login throttle lives there, so
several app servers behind a load balancer count failed logins together."""

from __future__ import annotations

import os
import uuid

import pytest

from sakrad import create_app
from tests.conftest import TEST_DATABASE_URL

REDIS_URL = os.environ.get("SAKRAD_TEST_REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="set SAKRAD_TEST_REDIS_URL to test the Redis throttle")
def test_login_throttle_state_is_kept_in_redis():
    import redis

    from sakrad.extensions import db, limiter

    prefix = f"sakradtest{uuid.uuid4().hex[:8]}"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_STORAGE_URI": REDIS_URL,
            "RATELIMIT_KEY_PREFIX": prefix,
        }
    )
    with app.app_context():
        db.create_all()
    client = redis.Redis.from_url(REDIS_URL)
    try:
        email = f"{uuid.uuid4().hex}@example.se"
        for _ in range(5):
            app.test_client().post("/login", data={"email": email, "password": "wrong-password"})
        keys = [k.decode() for k in client.scan_iter(f"*{prefix}*")]
        assert any(email in k for k in keys), keys
        # A fresh client (another server, another connection) is refused by the shared count.
        assert (
            app.test_client().post("/login", data={"email": email, "password": "x"}).status_code
            == 429
        )
    finally:
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)
        limiter.reset()
        if not TEST_DATABASE_URL.startswith("postgresql"):
            with app.app_context():
                db.drop_all()
