"""The profile refuses bad input at the field and saves nothing; stale forms are refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.organisations import service
from sakrad.organisations.models import DESCRIPTION_MAX, Organisation
from tests.helpers import make_user
from tests.organisations_factories import form_data, make_profiled_organisation, org_number


@pytest.fixture
def rep_and_org(app, auth, client):
    client.set_cookie("sakrad_lang", "en")
    with app.app_context():
        rep = make_user(Role.ORG_REP)
        org = make_profiled_organisation(reps=(rep,), name="Originalnamnet")
        taken = make_profiled_organisation().org_number
        result = {"org_id": org.id, "version": org.version_id, "taken": taken}
        email = rep.email
    auth.login(email)
    return result


def wrong_check_digit() -> str:
    good = org_number(4242)
    return good[:-1] + str((int(good[-1]) + 1) % 10)


BAD_INPUT = [
    ("org_number", {"org_number": wrong_check_digit()}, "check digit"),
    ("org_number", {"org_number": "12345"}, "ten digits"),
    ("municipality", {"county": "01", "municipality": "1421"}, "does not lie in the chosen county"),
    ("description", {"description": "x" * (DESCRIPTION_MAX + 1)}, f"At most {DESCRIPTION_MAX}"),
    ("website", {"website": "not a web address"}, "web address"),
]


@pytest.mark.parametrize(
    "field,overrides,text", BAD_INPUT, ids=[b[0] + "-" + b[2] for b in BAD_INPUT]
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(
    client, app, rep_and_org, field, overrides, text
):
    data = form_data(name="Nytt namn", version=rep_and_org["version"], **overrides)
    response = client.post(f"/my/organisations/{rep_and_org['org_id']}/profile", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # The message sits next to the field and the field is marked invalid.
    assert f'id="{field}-error"' in html
    error = html.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert text in error
    with app.app_context():
        assert db.session.get(Organisation, rep_and_org["org_id"]).name == "Originalnamnet"


def test_duplicate_org_number_is_refused_at_the_field(client, app, rep_and_org):
    data = form_data(
        name="Nytt namn",
        org_number=rep_and_org["taken"].replace("-", ""),
        version=rep_and_org["version"],
    )
    response = client.post(f"/my/organisations/{rep_and_org['org_id']}/profile", data=data)
    html = response.get_data(as_text=True)
    assert "already registered" in html.split('id="org_number-error"', 1)[1].split("</p>", 1)[0]
    with app.app_context():
        assert db.session.get(Organisation, rep_and_org["org_id"]).name == "Originalnamnet"


def test_registration_with_bad_input_creates_no_account(client, app):
    client.set_cookie("sakrad_lang", "en")
    with app.app_context():
        service.ensure_reference_lists()
        db.session.commit()
    data = form_data(org_number=wrong_check_digit(), county="01", municipality="1421")
    data.update(
        person_name="P",
        email="p@example.se",
        password="correct-horse-battery",
        confirm="correct-horse-battery",
    )
    response = client.post("/register", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="org_number-error"' in html and 'id="municipality-error"' in html
    with app.app_context():
        from sakrad.accounts.models import User

        assert db.session.scalar(sa.select(User).where(User.email == "p@example.se")) is None


def test_valid_edit_is_saved_normalised_and_audited(client, app, rep_and_org):
    data = form_data(
        name="  Nytt   namn ",
        org_number=org_number(7777).replace("-", ""),
        website="gemenskap.example.se",
        county="01",
        municipality="",
        version=rep_and_org["version"],
    )
    response = client.post(f"/my/organisations/{rep_and_org['org_id']}/profile", data=data)
    assert response.status_code == 303
    with app.app_context():
        org = db.session.get(Organisation, rep_and_org["org_id"])
        assert org.name == "Nytt namn"
        assert org.org_number == org_number(7777)
        assert org.website == "https://gemenskap.example.se"
        assert org.county == "01" and org.municipality is None
        assert org.version_id == rep_and_org["version"] + 1
        from sakrad.audit.models import AuditEntry

        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "organisation.updated")
        )
        assert entry.before["name"] == "Originalnamnet" and entry.after["name"] == "Nytt namn"


def test_a_stale_form_is_refused_and_keeps_the_input(client, app, rep_and_org):
    url = f"/my/organisations/{rep_and_org['org_id']}/profile"
    first = form_data(name="Första ändringen", version=rep_and_org["version"])
    assert client.post(url, data=first).status_code == 303
    second = form_data(name="Andra ändringen", version=rep_and_org["version"])
    response = client.post(url, data=second)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else changed this organisation" in html
    assert 'value="Andra ändringen"' in html
    with app.app_context():
        assert db.session.get(Organisation, rep_and_org["org_id"]).name == "Första ändringen"
