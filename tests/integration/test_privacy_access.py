"""Privacy pages, the admin's privacy tools, the archive and readiness, for each role:
the public pages answer everybody; the admin pages are the admin's only."""

from __future__ import annotations

import secrets

import pytest

from sakrad.accounts.models import Role
from sakrad.accounts.sessions import UserSession
from sakrad.extensions import db
from tests.access import LOGIN, ROLES, emails_and_ids, expect, role_users, route_access_test
from tests.helpers import make_body, make_user
from tests.portal_factories import make_world
from tests.proposals_factories import make_proposal
from tests.snapshots import built_once

PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = expect(200, anonymous=LOGIN)
ADMIN_ONLY = expect(403, anonymous=LOGIN, admin=200)
# A body's draft: its own civil servants and the admin; nobody else.
MANAGE = expect(403, anonymous=LOGIN, civil_servant=200, admin=200)
DRAFT = {**MANAGE, "anonymous": 403}
# The archive is the staff's: each civil servant sees their own body's cycles.
STAFF = expect(200, anonymous=LOGIN, org_rep=403)

ROUTES = [
    ("GET", "/readyz", PUBLIC),
    ("GET", "/privacy", PUBLIC),
    ("GET", "/integritet", PUBLIC),
    ("GET", "/accessibility", PUBLIC),
    ("GET", "/tillganglighet", PUBLIC),
    ("GET", "/contact", PUBLIC),
    ("GET", "/kontakt", PUBLIC),
    ("GET", "/privacy/my-data", SIGNED_IN),
    ("GET", "/privacy/my-data.json", SIGNED_IN),
    ("GET", "/admin/privacy/", ADMIN_ONLY),
    ("GET", "/admin/privacy/accessibility", ADMIN_ONLY),
    ("GET", "/admin/privacy/erase", ADMIN_ONLY),
    ("GET", "/admin/archive/", STAFF),
    # The world's cycle is still open: not archivable, so not found for anybody.
    (
        "GET",
        "/admin/archive/{cycle}/download",
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "org_rep": 403},
    ),
    ("GET", "/admin/feedback-questions", ADMIN_ONLY),
    # Login sessions: one's own list; another person's session is not found; the admin
    # ends all sessions of a user.
    # The open data API shows a published proposal; an unpublished one is not found.
    ("GET", "/api/v1/proposals/proposal-{proposal}", PUBLIC),
    ("GET", "/api/v1/proposals/{unpublished}", dict.fromkeys(ROLES, 404)),
    # Follow-up reports of a year with no published report: the draft is the body's own.
    ("GET", "/followup/", PUBLIC),
    ("GET", "/followup/{year}", PUBLIC),
    ("GET", "/api/v1/followup/{year}", PUBLIC),
    ("GET", "/followup/{body_slug}/{year}", dict.fromkeys(ROLES, 404)),
    ("GET", "/api/v1/followup/{body_slug}/{year}", dict.fromkeys(ROLES, 404)),
    ("GET", "/followup/{body_slug}/{year}/report.csv", DRAFT),
    ("GET", "/manage/followup/{body_slug}/{year}", MANAGE),
    ("GET", "/followup/{year}/report.csv", PUBLIC),
    # An empty form is shown again; with no report yet, publishing leads back to the form.
    ("POST", "/manage/followup/{body_slug}/{year}", MANAGE),
    (
        "GET",
        "/manage/followup/{body_slug}/{year}/publish",
        {**MANAGE, "civil_servant": 303, "admin": 303},
    ),
    (
        "POST",
        "/manage/followup/{body_slug}/{year}/publish",
        {**MANAGE, "civil_servant": 303, "admin": 303},
    ),
    # The admin's privacy forms posted empty: the admin gets the form again, a 400.
    ("POST", "/admin/privacy/erase", {**ADMIN_ONLY, "admin": 400}),
    ("POST", "/admin/privacy/erase/confirm", {**ADMIN_ONLY, "admin": 400}),
    ("POST", "/admin/privacy/extract", {**ADMIN_ONLY, "admin": 400}),
    ("POST", "/admin/privacy/accessibility", {**ADMIN_ONLY, "admin": 400}),
    ("POST", "/admin/feedback-questions", ADMIN_ONLY),
    ("GET", "/account/sessions", SIGNED_IN),
    ("POST", "/account/sessions/end-others", {**dict.fromkeys(ROLES, 303), "anonymous": LOGIN}),
    ("POST", "/account/sessions/{session}/end", {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN}),
    ("POST", "/admin/users/{user}/sessions/end", {**ADMIN_ONLY, "admin": 303}),
]


@pytest.fixture
@built_once
def people(app):
    with app.app_context():
        world = make_world(with_secrets=False)
        users = role_users(world.body, make_body("Kulturdepartementet"))
        stranger = make_user(Role.ORG_REP)
        draft = make_proposal(world.cycle, world.organisations[1], title="Ett utkast")
        session = UserSession(token_hash=secrets.token_hex(32), user_id=stranger.id)
        db.session.add(session)
        db.session.commit()
        return emails_and_ids(
            users,
            cycle=world.cycle.id,
            session=session.id,
            user=stranger.id,
            proposal=world.proposal.id,
            unpublished=draft.id,
            year=world.cycle.year,
            body_slug=world.body.slug,
        )


test_route_access = route_access_test(ROUTES)
