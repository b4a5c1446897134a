"""Every route of the minutes for each role: anonymous, a representative of an attending
organisation, of another organisation, a civil servant of this and of another body, admin."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sakrad.extensions import db
from sakrad.minutes import documents, review, service
from tests.access import assert_status, request_as
from tests.minutes_factories import PDF_BYTES, make_setup
from tests.snapshots import built_once

ROLES = ("anonymous", "rep", "outsider_rep", "staff", "other_staff", "admin")
M = "/manage/meetings/{mid}"
STAFF = {"anonymous": "login", "rep": 403, "outsider_rep": 403, "other_staff": 403}


def staff_only(ok: int | tuple) -> dict:
    return {**STAFF, "staff": ok, "admin": ok}


PUBLIC = dict.fromkeys(ROLES, 200)
GONE = dict.fromkeys(ROLES, 404)

ROUTES = [
    ("GET", M + "/minutes", None, staff_only(200)),
    ("POST", M + "/minutes/draft", None, staff_only(303)),
    ("GET", M + "/minutes/edit", None, staff_only(200)),
    ("POST", M + "/minutes/edit", {"text": "Ny text", "based_on": 1}, staff_only(303)),
    ("GET", M + "/minutes/revisions/1", None, staff_only(200)),
    ("POST", M + "/minutes/publish", {"number": 1}, staff_only(303)),
    ("GET", M + "/minutes/review", None, staff_only(200)),
    ("POST", M + "/minutes/review", {"number": 1, "until": "2099-01-01"}, staff_only(303)),
    ("POST", M + "/minutes/comments/{cid}/answer", {"c{cid}-answer": "Svar"}, staff_only(303)),
    ("GET", M + "/minutes/outcome", None, staff_only(200)),
    (
        "POST",
        M + "/minutes/outcome",
        {"statement": "S", "feedback_when": "2099-01-01"},
        staff_only(303),
    ),
    ("GET", M + "/documents", None, staff_only(200)),
    ("POST", M + "/documents/upload", {}, staff_only(400)),
    ("POST", M + "/documents/link", {}, staff_only(400)),
    ("GET", M + "/documents/{doc}/edit", None, staff_only(200)),
    ("POST", M + "/documents/{doc}/edit", {"title": "T", "language": "sv"}, staff_only(303)),
    ("POST", M + "/documents/{doc}/replace", {}, staff_only(400)),
    ("GET", M + "/documents/{internal}/file", None, staff_only(200)),
    (
        "GET",
        "/minutes/review/{rid}",
        None,
        {
            "anonymous": "login",
            "rep": 200,
            "outsider_rep": 403,
            "staff": 200,
            "other_staff": 403,
            "admin": 200,
        },
    ),
    (
        "POST",
        "/minutes/review/{rid}",
        {"organisation_id": "{org}", "text": "Kommentar"},
        {
            "anonymous": "login",
            "rep": 303,
            "outsider_rep": 403,
            "staff": 200,
            "other_staff": 403,
            "admin": 200,
        },
    ),
    ("GET", "/meetings/{mid}/minutes/{pid}", None, PUBLIC),
    ("GET", "/documents/{doc}/{docname}", None, PUBLIC),
    ("GET", "/documents/{doc}", None, dict.fromkeys(ROLES, 302)),
    ("GET", "/documents/{internal}/{internalname}", None, GONE),
    ("GET", "/documents/{internal}", None, GONE),
    ("GET", "/meetings/{mid}/minutes/999", None, GONE),
]


@pytest.fixture
@built_once
def world(app):
    # A request context: the search index builds public links when the transaction commits.
    with app.test_request_context():
        s = make_setup()
        meeting = s.meeting
        service.save_revision(s.staff, meeting, "# Anteckningar", 0)
        publication = service.publish(s.staff, meeting, 1)
        rnd = review.send_round(s.staff, meeting, 1, date.today() + timedelta(days=5))
        comment = review.add_comment(s.rep, rnd, s.org.id, "Rätta namnet")
        common = {"title": "Bild", "language": "sv"}
        doc = documents.add_file(
            s.staff, meeting, data=PDF_BYTES, filename="bild.pdf", public=True, **common
        )
        internal = documents.add_file(
            s.staff, meeting, data=b"intern\n", filename="i.txt", public=False, **common
        )
        db.session.commit()
        ids = {
            "mid": meeting.id, "pid": publication.id, "rid": rnd.id, "cid": comment.id,
            "doc": doc.id, "docname": doc.filename, "internal": internal.id,
            "internalname": internal.filename, "org": s.org.id,
        }  # fmt: skip
        return s, ids


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "method,path,data,expected", ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES]
)
def test_route_access(client, auth, world, role, method, path, data, expected):
    setup, ids = world
    email = setup.email(role) if role != "anonymous" else None
    url = path.format(**ids)
    form = {k.format(**ids): str(v).format(**ids) for k, v in (data or {}).items()}
    response = request_as(client, auth, email, method, url, data=form)
    assert_status(response, expected[role])
