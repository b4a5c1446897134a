"""The demo tells the seed's story: who was invited to the 2017 sakråd on the refugee
situation, who answered and who came, the agencies that briefed, the published minutes;
and the high-level meeting with the minister."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.demo.seed import seed
from sakrad.extensions import db
from sakrad.invitations.models import Invitation
from sakrad.meetings.models import Meeting, MeetingState

INVITED = (
    "Skyddsvärnet",
    "Refugees Welcome Stockholm",
    "Studieförbundet Vuxenskolan",
    "Hela Sverige ska leva",
    "SIOS",
)


def _meeting_id(title: str) -> int:
    return db.session.scalar(sa.select(Meeting.id).where(Meeting.title == title))


def test_refugee_sakrad_shows_who_was_invited_and_who_came(app, client):
    with app.app_context():
        seed()
        db.session.commit()
        refugee = _meeting_id("Dialogmöte Flyktingsituationen")
        high = _meeting_id("Högnivåmöte om integration och etablering 2017")
        assert db.session.get(Meeting, refugee).state == MeetingState.DOCUMENTED
        count = db.session.scalar(sa.select(sa.func.count()).select_from(Invitation))
        # Loading again adds nothing.
        seed()
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == count
    page = client.get(f"/meetings/{refugee}").text
    for name in INVITED:
        assert name in page, name
    assert "Deltog" in page and "Deltog inte" in page  # attendance, both ways
    assert "Tackat nej" in page or "tackat nej" in page.lower()
    for agency in ("Migrationsverket", "Arbetsförmedlingen", "Länsstyrelserna"):
        assert agency in page
    assert "Nilla Helgesson" in page  # a delegate who agreed to be named
    assert "kontakt@skyddsvarnet.example.se" not in page  # delegates' emails never
    assert f"/meetings/{refugee}/minutes.pdf" in page
    assert "organisationerna en runda" in page  # the published minutes
    high_page = client.get(f"/meetings/{high}").text
    assert "arbetsminister" in high_page.lower() or "Ylva Johansson" in high_page
    assert "SIOS" in high_page and "Hela Sverige ska leva" in high_page
