"""Public links keep the port: `PORT=5202 make run` writes emails whose links work.

Production refuses to start without SAKRAD_PUBLIC_BASE_URL; development derives it from
PORT, or from the request when PORT is unset.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

import config
from sakrad import create_app
from sakrad.extensions import db
from sakrad.mail.models import OutboxMessage
from sakrad.organisations import service
from tests.helpers import PASSWORD
from tests.organisations_factories import form_data


def _dev_app(tmp_path, monkeypatch, port: str | None):
    monkeypatch.setattr(config.DevConfig, "PUBLIC_BASE_URL", None)
    if port is None:
        monkeypatch.delenv("PORT", raising=False)
    else:
        monkeypatch.setenv("PORT", port)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'dev.sqlite'}",
            "WTF_CSRF_ENABLED": False,
            "MAIL_FILE_DIR": str(tmp_path / "mail"),
            "MAIL_DELIVER_AFTER_REQUEST": False,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
        },
        config_name="development",
    )
    with app.app_context():
        db.create_all()
        service.ensure_reference_lists()
        db.session.commit()
    return app


def _register_and_read_link(app, base: str = "http://127.0.0.1:5202") -> str:
    data = form_data(name="Språkcafé Henån")
    data.update(
        person_name="Amina Andersson", email="amina@example.se", password=PASSWORD, confirm=PASSWORD
    )
    client = app.test_client()
    assert client.post("/register", data=data, base_url=base).status_code == 303
    with app.app_context():
        body = db.session.scalars(sa.select(OutboxMessage.body_text)).one()
        db.session.remove()
    return re.search(r"https?://\S+", body).group(0)


def test_development_links_use_the_port_make_run_serves(tmp_path, monkeypatch):
    app = _dev_app(tmp_path, monkeypatch, "5202")
    assert app.config["PUBLIC_BASE_URL"] == "http://127.0.0.1:5202"
    link = _register_and_read_link(app)
    assert link.startswith("http://127.0.0.1:5202/register/confirm/")
    # The link works on that server: it opens the confirmation page.
    page = app.test_client().get(link, base_url="http://127.0.0.1:5202")
    assert page.status_code == 200 and "Språkcafé Henån" in page.text


def test_development_without_port_follows_the_request(tmp_path, monkeypatch):
    app = _dev_app(tmp_path, monkeypatch, None)
    link = _register_and_read_link(app, base="http://127.0.0.1:5333")
    assert link.startswith("http://127.0.0.1:5333/register/confirm/")


def test_production_requires_the_public_address(monkeypatch):
    monkeypatch.setattr(config.ProdConfig, "SECRET_KEY", "x" * 32)
    monkeypatch.setattr(config.ProdConfig, "SQLALCHEMY_DATABASE_URI", "sqlite://")
    monkeypatch.setattr(config.ProdConfig, "PUBLIC_BASE_URL", None)
    monkeypatch.setenv("PORT", "5202")  # never a guess in production
    with pytest.raises(RuntimeError, match="SAKRAD_PUBLIC_BASE_URL"):
        create_app(config_name="production")
    monkeypatch.setattr(config.ProdConfig, "PUBLIC_BASE_URL", "https://sakrad.example.se/")
    app = create_app(config_name="production")
    assert app.config["PUBLIC_BASE_URL"] == "https://sakrad.example.se"
