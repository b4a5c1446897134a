"""The privacy notice, accessibility statement and contact page, and their settings."""

from __future__ import annotations

import re

import pytest

from sakrad.accounts.models import Role
from tests.helpers import make_user


@pytest.mark.parametrize(
    ("path", "heading_sv", "heading_en"),
    [
        ("/privacy", "Integritetsmeddelande", "Privacy notice"),
        ("/integritet", "Integritetsmeddelande", "Privacy notice"),
        ("/accessibility", "Tillgänglighetsredogörelse", "Accessibility statement"),
        ("/tillganglighet", "Tillgänglighetsredogörelse", "Accessibility statement"),
        ("/contact", "Kontakt", "Contact"),
        ("/kontakt", "Kontakt", "Contact"),
    ],
)
def test_pages_answer_in_both_languages_and_are_linked_from_the_footer(
    client, path, heading_sv, heading_en
):
    sv = client.get(path + "?lang=sv")
    assert sv.status_code == 200
    assert f"<h1>{heading_sv}</h1>" in sv.text
    en = client.get(path + "?lang=en")
    assert f"<h1>{heading_en}</h1>" in en.text
    footer = en.text.split('class="site-footer"', 1)[1]
    for target in ("/privacy", "/accessibility", "/contact"):
        assert f'href="{target}"' in footer


def test_notice_is_built_from_configuration_and_lists_only_necessary_cookies(app, client):
    app.config.update(
        PRIVACY_CONTROLLER_NAME="Integrationsverket",
        PRIVACY_CONTROLLER_EMAIL="registrator@integrationsverket.example",
        PRIVACY_DPO_EMAIL="dso@integrationsverket.example",
    )
    page = client.get("/privacy?lang=en").text
    assert "Integrationsverket" in page
    assert "mailto:dso@integrationsverket.example" in page
    assert "public interest" in page and "imy.se" in page
    assert "<code>session</code>" in page and "<code>sakrad_lang</code>" in page
    assert "strictly necessary" in page
    sv = client.get("/integritet?lang=sv").text
    assert "Integritetsskyddsmyndigheten" in sv


def _retention_cell(html: str, key: str) -> str:
    match = re.search(rf'<tr id="retention-{key}"><td>.*?</td><td>(.*?)</td>', html, re.S)
    assert match, key
    return match.group(1)


def test_notice_shows_the_retention_periods_the_job_uses(app, client):
    assert "14 days" in _retention_cell(client.get("/privacy?lang=en").text, "delegate_needs")
    app.config["RETENTION_DELEGATE_NEEDS_DAYS"] = 21
    app.config["RETENTION_UNCONFIRMED_REGISTRATION_HOURS"] = 72
    page = client.get("/privacy?lang=en").text
    assert "21 days" in _retention_cell(page, "delegate_needs")
    assert "72 hours" in _retention_cell(page, "unconfirmed_registration")
    assert "21 dagar" in _retention_cell(client.get("/integritet?lang=sv").text, "delegate_needs")
    from sakrad.privacy import retention

    with app.app_context():
        needs = next(c for c in retention.categories() if c.key == "delegate_needs")
        assert needs.period.days == 21


def test_accessibility_statement_default_and_admin_edit_with_conflict(app, client, auth):
    page = client.get("/accessibility?lang=sv").text
    assert "WCAG 2.1" in page and "digg.se/tdosanmalan" in page
    assert "axe" in page
    assert "WCAG 2.1" in client.get("/accessibility?lang=en").text
    with app.app_context():
        admin = make_user(Role.ADMIN)
        rep = make_user(Role.ORG_REP)
    auth.login(rep.email)
    assert client.get("/admin/privacy/accessibility").status_code == 403
    auth.logout()
    auth.login(admin.email)
    form = client.get("/admin/privacy/accessibility")
    assert form.status_code == 200 and "Digg" in form.text
    saved = client.post(
        "/admin/privacy/accessibility",
        data={"version_id": "", "text_sv": "Ny redogörelse **A**", "text_en": "New statement"},
    )
    assert saved.status_code == 303
    assert "Ny redogörelse <strong>A</strong>" in client.get("/tillganglighet?lang=sv").text
    assert "New statement" in client.get("/accessibility?lang=en").text
    # A second editor who started from the default (no version) is told, not overwritten.
    stale = client.post(
        "/admin/privacy/accessibility",
        data={"version_id": "", "text_sv": "Gammal", "text_en": "Old"},
    )
    assert stale.status_code == 409
    assert "New statement" in client.get("/accessibility?lang=en").text
    empty = client.post(
        "/admin/privacy/accessibility", data={"version_id": "1", "text_sv": "", "text_en": ""}
    )
    assert empty.status_code == 400
