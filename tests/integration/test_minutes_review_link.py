"""Invited organisations review draft minutes through a personal link, with no account."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.mail.models import OutboxMessage
from sakrad.minutes import review, service
from sakrad.minutes.models import ReviewComment, ReviewLink
from sakrad.organisations.models import Organisation
from tests.helpers import make_organisation
from tests.minutes_factories import attend, make_setup


def _link_in_mail(to: str) -> str:
    for message in db.session.scalars(sa.select(OutboxMessage)):
        if to in message.recipients:
            found = re.search(r"https?://\S+/minutes/review/link/\S+", message.body_text)
            if found:
                return re.sub(r"^https?://[^/]+", "", found.group(0))
    raise AssertionError(f"no review link mailed to {to}")


def test_an_organisation_without_an_account_comments_through_its_link(app, client):
    with app.app_context():
        setup = make_setup()
        meeting = setup.meeting
        lonely = make_organisation("Mångfaldsmat / Orust Mirakel")
        lonely.contact_email = "info@orust.example.se"
        attend(meeting, lonely)
        service.save_revision(setup.staff, meeting, "Utkast: deltagarna talade om bostäder.", 0)
        review.send_round(setup.staff, meeting, 1, review.today() + timedelta(days=7))
        db.session.commit()
        path = _link_in_mail("info@orust.example.se")
        stored = db.session.scalars(sa.select(ReviewLink.token_hash)).all()
        assert path.rsplit("/", 1)[1] not in stored  # only hashes are kept
        lonely_id = lonely.id
    page = client.get(path)
    assert page.status_code == 200
    assert "deltagarna talade om bostäder" in page.text
    assert "Mångfaldsmat / Orust Mirakel" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert client.post(path, data={"text": "  "}).status_code == 400
    done = client.post(path, data={"text": "Vi deltog också i andra sessionen."})
    assert done.status_code == 303
    with app.app_context():
        comment = db.session.scalar(sa.select(ReviewComment))
        assert comment.organisation_id == lonely_id and comment.author_id is None
    # The organisation sees its own comment, never another organisation's.
    assert "Vi deltog också" in client.get(path).text


def test_a_wrong_or_closed_link_does_not_let_anyone_comment(app, client):
    with app.app_context():
        setup = make_setup()
        service.save_revision(setup.staff, setup.meeting, "Utkast.", 0)
        review.send_round(setup.staff, setup.meeting, 1, review.today())
        db.session.commit()
        org = db.session.get(Organisation, setup.org.id)
        path = _link_in_mail(org.representatives[0].user.email)
    assert client.get("/minutes/review/link/not-a-real-token").status_code == 404
    assert client.get(path).status_code == 200
    with app.app_context():
        rnd = review.rounds(setup.meeting)[0]
        rnd.until = review.today() - timedelta(days=1)
        db.session.commit()
    closed = client.post(path, data={"text": "För sent."})
    assert "Send comment" not in closed.text and "Skicka synpunkt" not in closed.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewComment)) == 0
