"""Every route of the organisation registry for each role: anonymous, a representative of
this organisation, a representative of another one, civil servants of two bodies, admin."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.organisations import merge, service
from sakrad.organisations.models import FocusArea
from tests.access import LOGIN, emails_and_ids, role_users, route_access_test
from tests.access import expect as expect_of
from tests.helpers import make_body, make_user
from tests.organisations_factories import make_profiled_organisation
from tests.snapshots import built_once

ROLES = ("anonymous", "org_rep", "other_rep", "civil_servant", "other_civil_servant", "admin")
STAFF = ("civil_servant", "other_civil_servant", "admin")


def expect(default, **by_role):
    return expect_of(default, ROLES, **by_role)


PUBLIC = expect(200)
REPS_ONLY = expect(403, anonymous=LOGIN, org_rep=200, other_rep=200)
OWN_REP_ONLY = expect(403, anonymous=LOGIN, org_rep=200)
STAFF_ONLY = expect(200, anonymous=LOGIN, org_rep=403, other_rep=403)
ADMIN_ONLY = expect(403, anonymous=LOGIN, admin=200)

ROUTES = [
    ("GET", "/organisations", PUBLIC),
    ("GET", "/organisations/{slug}", PUBLIC),
    ("GET", "/register", expect(403, anonymous=200, org_rep=200, other_rep=200)),
    ("GET", "/register/sent", PUBLIC),
    ("GET", "/register/confirm/not-a-token", expect(410)),
    ("POST", "/register/confirm/not-a-token", expect(410)),
    ("GET", "/register/invite/not-a-token", expect(410)),
    ("POST", "/register/invite/not-a-token", expect(410)),
    ("GET", "/my/organisations/", REPS_ONLY),
    ("GET", "/my/organisations/{org}/profile", OWN_REP_ONLY),
    ("POST", "/my/organisations/{org}/profile", OWN_REP_ONLY),
    ("GET", "/my/organisations/{org}/representatives", OWN_REP_ONLY),
    ("POST", "/my/organisations/{org}/representatives", OWN_REP_ONLY),
    (
        "POST",
        "/my/organisations/{org}/representatives/{rep2}/remove",
        expect(403, anonymous=LOGIN, org_rep=303),
    ),
    (
        "GET",
        "/my/organisations/999999/profile",
        expect(403, anonymous=LOGIN, org_rep=404, other_rep=404),
    ),
    ("GET", "/registry/", STAFF_ONLY),
    ("GET", "/registry/?q=Gemenskap&county=14&verified=no&page=2", STAFF_ONLY),
    ("GET", "/registry/export.csv", STAFF_ONLY),
    ("GET", "/registry/{org}", STAFF_ONLY),
    ("GET", "/registry/999999", expect(404, anonymous=LOGIN, org_rep=403, other_rep=403)),
    ("GET", "/registry/{org}/edit", STAFF_ONLY),
    ("POST", "/registry/{org}/edit", STAFF_ONLY),
    ("GET", "/registry/{org}/merge", STAFF_ONLY),
    ("POST", "/registry/{org}/merge", STAFF_ONLY),
    (
        "POST",
        "/registry/unmerge/{entry}",
        expect(303, anonymous=LOGIN, org_rep=403, other_rep=403),
    ),
    ("GET", "/registry/import", STAFF_ONLY),
    ("POST", "/registry/import", STAFF_ONLY),
    (
        "POST",
        "/registry/import/confirm",
        expect(303, anonymous=LOGIN, org_rep=403, other_rep=403),
    ),
    ("POST", "/registry/{org}/verify/1", expect(403, anonymous=LOGIN, admin=303)),
    ("GET", "/registry/lists/focus-areas", ADMIN_ONLY),
    ("GET", "/registry/lists/target-groups", ADMIN_ONLY),
    ("GET", "/registry/lists/nonsense", expect(403, anonymous=LOGIN, admin=404)),
    ("POST", "/registry/lists/focus-areas", ADMIN_ONLY),
    (
        "POST",
        "/registry/lists/focus-areas/{item}/active/0",
        expect(403, anonymous=LOGIN, admin=303),
    ),
]


@pytest.fixture
@built_once
def world(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other_body = make_body("Kulturdepartementet")
        users = role_users(body, other_body, other_rep=make_user(Role.ORG_REP))
        second = make_user(Role.ORG_REP)
        org = make_profiled_organisation(
            reps=(users["org_rep"], second), contact_email="hemlig@gemenskap.example.se"
        )
        make_profiled_organisation(reps=(users["other_rep"],))
        dup = make_profiled_organisation(name="Dubbletten")
        keep = make_profiled_organisation(name="Originalet")
        entry = merge.merge(dup, keep)
        db.session.commit()
        item = db.session.scalar(db.select(FocusArea.id).where(FocusArea.code == "bostad"))
        assert service.represents(users["org_rep"], org.id)
        return emails_and_ids(
            users, org=org.id, slug=org.slug, rep2=second.id, entry=entry.id, item=item
        )


def _no_contact_email(response, role: str) -> None:
    # Nobody but staff and the organisation's own representatives ever sees its contact email.
    if role not in (*STAFF, "org_rep"):
        assert b"hemlig@gemenskap.example.se" not in response.data


@pytest.fixture
def people(world):
    return world


test_route_access = route_access_test(ROUTES, ROLES, also=_no_contact_email)


def test_public_page_never_shows_contact_email_or_representatives(client, world, app):
    response = client.get(f"/organisations/{world['ids']['slug']}")
    assert response.status_code == 200
    assert "Föreningen Gemenskap".encode() in response.data
    assert b"hemlig@gemenskap.example.se" not in response.data
    assert world["emails"]["org_rep"].encode() not in response.data


def test_other_representative_cannot_change_the_profile(client, auth, world, app):
    auth.login(world["emails"]["other_rep"])
    response = client.post(
        f"/my/organisations/{world['ids']['org']}/profile",
        data={"name": "Kapad", "form": "annan", "county": "00", "size": "1-20"},
    )
    assert response.status_code == 403
    with app.app_context():
        from sakrad.organisations.models import Organisation

        assert db.session.get(Organisation, world["ids"]["org"]).name != "Kapad"
