"""Language, error pages, CSRF and security headers."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from tests.catalogs import ROOT, TRANSLATIONS


def test_swedish_by_default_with_lang_attribute(client):
    page = client.get("/")
    assert '<html lang="sv">' in page.text
    assert "Dialog med det civila samhället" in page.text
    assert "Hoppa till huvudinnehållet" in page.text


def test_language_switch_keeps_the_page(client):
    response = client.get("/language/en?next=/about")
    assert response.status_code == 303
    assert response.headers["Location"] == "/about"
    page = client.get("/about")
    assert '<html lang="en">' in page.text
    assert "The six principles" in page.text
    # The switch back to Swedish is offered, pointing at the same page.
    assert 'href="/language/sv?next=/about"' in page.text


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_language_switch_never_leaves_the_site(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_unknown_language_is_ignored(client):
    client.get("/language/fi")
    assert '<html lang="sv">' in client.get("/").text


@pytest.mark.parametrize("lang,text", [("sv", "Sidan hittades inte"), ("en", "Page not found")])
def test_404_page_in_both_languages(client, lang, text):
    client.get(f"/language/{lang}")
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert text in response.text
    assert 'id="main"' in response.text


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


@pytest.mark.own_app
def test_500_page_is_friendly(app, client):
    @app.get("/boom-test")
    def boom():
        raise RuntimeError("kaboom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom-test")
    assert response.status_code == 500
    assert "Något gick fel" in response.text
    assert "kaboom" not in response.text


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_post_without_csrf_token_gets_the_400_page(client):
    response = client.post("/login", data={"email": "a@example.se", "password": "x"})
    assert response.status_code == 400
    assert "Formuläret har gått ut" in response.text
    assert "Inget har sparats" in response.text


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_post_with_csrf_token_is_accepted(client):
    import re

    page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": "a@example.se", "password": "x", "csrf_token": token}
    )
    assert response.status_code == 200


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_no_inline_scripts_or_styles_in_pages(client):
    # The CSP forbids them; a page with one would silently break.
    page = client.get("/login").text
    assert "<script>" not in page and " style=" not in page and "<style" not in page


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_catalogs_are_complete(lang):
    """Swedish is translated throughout; English, the source language, has every entry (an
    empty msgstr falls back to the English source string, as gettext does)."""
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    with (TRANSLATIONS / "messages.pot").open("rb") as fh:
        template = read_po(fh)
    template_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if (lang != "en" and not all(strings)) or message.fuzzy:
            missing.append(message.id)
    catalog_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert not missing, f"untranslated in {lang}: {missing[:10]}"
    assert template_ids <= catalog_ids, (
        f"not in {lang} catalog: {sorted(template_ids - catalog_ids)[:10]}"
    )


def test_catalog_template_is_up_to_date(tmp_path):
    """Every gettext string in the code is in messages.pot (run `make i18n` after changes)."""
    import subprocess
    import sys

    out = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "-o",
            str(out),
            "sakrad",
            "templates",
            "templates/_macros",
        ],
        cwd=ROOT,
        check=True,
    )
    with out.open("rb") as fh:
        fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    with (TRANSLATIONS / "messages.pot").open("rb") as fh:
        committed = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    assert fresh - committed == set(), "run `make i18n` and translate the new strings"


def test_templates_follow_force_locale_within_a_request(app):
    # The templates keep the request's catalogue (shell/i18n.translations); a mail rendered in
    # the recipient's language in the middle of a request still switches it, and back.
    from flask import render_template_string
    from flask_babel import force_locale

    with app.test_request_context("/"):
        assert render_template_string('{{ _("Home") }}') == "Start"
        with force_locale("en"):
            assert render_template_string('{{ _("Home") }}') == "Home"
        assert render_template_string('{{ _("Home") }}') == "Start"
    with app.test_request_context("/?lang=en"):
        assert render_template_string('{{ _("Home") }}') == "Home"


@pytest.mark.parametrize("slug", ["org-12", "å ä ö", "a/b", "x?y#z", "100%", "it's (this)"])
def test_url_maker_builds_what_url_for_builds(app, slug):
    from flask import url_for

    from sakrad.shell.filters import url_maker

    with app.test_request_context("/"):
        assert url_maker("portal.organisation", "slug")(slug) == url_for(
            "portal.organisation", slug=slug
        )
