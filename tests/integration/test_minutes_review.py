"""The factual review round: emails to the attending organisations through a real SMTP
server, and who sees which comment."""

from __future__ import annotations

from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.mail.delivery import deliver_pending
from sakrad.minutes import review, service
from sakrad.minutes.models import ReviewRound
from tests import smtp
from tests.minutes_factories import make_setup
from tests.smtp import start_server

smtp_port, app_config = smtp.smtp_port, smtp.app_config


@pytest.fixture
def setup(app):
    with app.app_context():
        s = make_setup()
        service.save_revision(s.staff, s.meeting, "# Utkast\n\nRADERA-INTE-MARKOR", 0)
        db.session.commit()
        return s


def _send(client, mid, until=None):
    until = until or (date.today() + timedelta(days=7))
    return client.post(
        f"/manage/meetings/{mid}/minutes/review", data={"number": 1, "until": until.isoformat()}
    )


def test_review_round_emails_each_attending_organisation(app, client, auth, setup, smtp_port):
    auth.login(setup.staff.email)
    assert _send(client, setup.meeting_id).status_code == 303
    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context():
            assert deliver_pending() == (2, 0)
            rnd = db.session.scalar(sa.select(ReviewRound))
            assert sorted(rnd.organisation_ids) == sorted([setup.org.id, setup.other_org.id])
            assert db.session.scalar(
                sa.select(AuditEntry.id).where(AuditEntry.action == "minutes.review_sent")
            )
    finally:
        controller.stop()
    recipients = sorted(r for e in inbox.messages for r in e.rcpt_tos)
    assert recipients == sorted([setup.rep.email, setup.other_rep.email])
    assert setup.outsider_rep.email not in recipients
    message = message_from_bytes(inbox.messages[0].content, policy=policy.default)
    body = message.get_body(("plain",)).get_content()
    assert "Sakråd om etablering" in message["Subject"]
    assert f"http://localhost/minutes/review/{rnd.id}" in body


def test_round_needs_a_future_date_and_a_held_meeting(app, client, auth, setup):
    auth.login(setup.staff.email)
    response = _send(client, setup.meeting_id, until=date.today() - timedelta(days=1))
    assert response.status_code == 200 and 'id="until-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ReviewRound.id))) == 0


def test_comment_visibility(app, client, auth, setup):
    auth.login(setup.staff.email)
    _send(client, setup.meeting_id)
    with app.app_context():
        rnd = db.session.scalar(sa.select(ReviewRound))
    url = f"/minutes/review/{rnd.id}"
    client.post("/logout")
    # A representative of an attending organisation reads the draft and comments.
    auth.login(setup.rep.email)
    page = client.get(url).get_data(as_text=True)
    assert "RADERA-INTE-MARKOR" in page
    response = client.post(url, data={"organisation_id": setup.org.id, "text": "ALFAS-KOMMENTAR"})
    assert response.status_code == 303
    assert "ALFAS-KOMMENTAR" in client.get(url).get_data(as_text=True)
    # Commenting for an organisation one does not represent is refused.
    assert client.post(
        url, data={"organisation_id": setup.other_org.id, "text": "x"}
    ).status_code in (200, 403)
    client.post("/logout")
    # The other attending organisation sees the draft but not Alfa's comment.
    auth.login(setup.other_rep.email)
    page = client.get(url).get_data(as_text=True)
    assert "RADERA-INTE-MARKOR" in page and "ALFAS-KOMMENTAR" not in page
    client.post("/logout")
    # An organisation that did not attend gets nothing.
    auth.login(setup.outsider_rep.email)
    assert client.get(url).status_code == 403
    client.post("/logout")
    # The public neither.
    assert client.get(url).status_code == 302
    assert "ALFAS-KOMMENTAR" not in client.get(f"/meetings/{setup.meeting_id}").get_data(
        as_text=True
    )
    # The convening body sees the comment and answers it.
    auth.login(setup.staff.email)
    overview = client.get(f"/manage/meetings/{setup.meeting_id}/minutes").get_data(as_text=True)
    assert "ALFAS-KOMMENTAR" in overview
    with app.app_context():
        comment = db.session.scalar(sa.select(ReviewRound)).comments[0]
    answer_url = f"/manage/meetings/{setup.meeting_id}/minutes/comments/{comment.id}/answer"
    response = client.post(
        answer_url,
        data={
            f"c{comment.id}-answer": "Rättat i revision 2.",
            f"c{comment.id}-version": comment.version_id,
        },
    )
    assert response.status_code == 303
    client.post("/logout")
    auth.login(setup.rep.email)
    assert "Rättat i revision 2." in client.get(url).get_data(as_text=True)
    # Another body's civil servant may not see or answer.
    client.post("/logout")
    auth.login(setup.other_staff.email)
    assert client.get(url).status_code == 403
    assert client.post(answer_url, data={f"c{comment.id}-answer": "x"}).status_code == 403


def test_no_comments_after_the_last_day(app, setup):
    with app.app_context():
        rnd = review.send_round(setup.staff, setup.meeting, 1, review.today())  # Stockholm
        db.session.commit()
        with pytest.raises(service.MinutesError) as info:
            review.add_comment(
                setup.rep, rnd, setup.org.id, "Sent", on=review.today() + timedelta(days=1)
            )
        assert info.value.code == "round_closed"
        db.session.rollback()
