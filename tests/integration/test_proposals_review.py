"""Reviewing and answering proposals, batch publication with real email, and what the public
and other organisations can see before and after."""

from __future__ import annotations

from email import message_from_bytes, policy
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.mail.delivery import deliver_pending
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.proposals.models import ProposalState, ResponseBatch, TopicProposal
from tests.helpers import make_body, make_organisation, make_user
from tests.proposals_factories import make_agenda_item, make_cycle, make_proposal
from tests.smtp import SMTP_CONFIG, free_port, start_server

DRAFT = "UTKAST-MARKÖR: vi tar upp frågan på högnivåmötet"


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def app_config(smtp_port):
    return {**SMTP_CONFIG, "SMTP_PORT": smtp_port, "PUBLIC_BASE_URL": "https://sakrad.example.se"}


@pytest.fixture
def world(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other_body = make_body("Kulturdepartementet")
        rep = make_user(Role.ORG_REP, email="rep@forening.example.se")
        other_rep = make_user(Role.ORG_REP)
        servant = make_user(Role.CIVIL_SERVANT, body=body)
        other_servant = make_user(Role.CIVIL_SERVANT, body=other_body)
        org = make_organisation("Hela Sverige ska leva", reps=(rep,))
        other = make_organisation("Röda Korset", reps=(other_rep,))
        other.language = "en"
        cycle = make_cycle(body)
        second_cycle = make_cycle(body)
        item = make_agenda_item(cycle, "Landsbygdens arbetsmarknad")
        foreign_item = make_agenda_item(second_cycle, "Annan cykel")
        p1 = make_proposal(cycle, org, by=rep, title="Landsbygdens röst")
        p2 = make_proposal(cycle, other, by=other_rep, title="Civilsamhällets villkor")
        p3 = make_proposal(cycle, org, by=rep, title="Ett tredje förslag")
        elsewhere = make_proposal(second_cycle, other, title="I en annan cykel")
        db.session.commit()
        return SimpleNamespace(
            rep=rep.email,
            other_rep=other_rep.email,
            servant=servant.email,
            other_servant=other_servant.email,
            cycle=cycle.id,
            item=item.id,
            foreign_item=foreign_item.id,
            p1=p1.id,
            p2=p2.id,
            p3=p3.id,
            elsewhere=elsewhere.id,
            org_email=org.contact_email,
            org_slug=org.slug,
            meeting=item.session.meeting_id,
            other_email=other.contact_email,
        )


def _decide(client, pid: int, state: str, text: str = DRAFT, **extra):
    data = {"state": state, "response_text": text, "merged_into_id": 0, **extra}
    return client.post(f"/proposals/{pid}/decision", data=data)


def _get(app, pid: int) -> TopicProposal:
    with app.app_context():
        return db.session.get(TopicProposal, pid)


@pytest.mark.parametrize("state", ["accepted", "merged", "deferred", "declined"])
def test_every_decision_requires_a_response_text(app, client, auth, world, state):
    auth.login(world.servant)
    response = _decide(client, world.p1, state, text="   ", merged_into_id=world.p2)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="response_text-error"' in body
    assert "Varje beslut ska ha en motiverad återkoppling" in body
    proposal = _get(app, world.p1)
    assert proposal.state == ProposalState.SUBMITTED and proposal.response_text is None


def test_under_review_needs_no_text_and_decision_saves_a_draft(app, client, auth, world):
    auth.login(world.servant)
    assert _decide(client, world.p1, "under_review", text="").status_code == 303
    assert _get(app, world.p1).state == ProposalState.UNDER_REVIEW
    assert _decide(client, world.p1, "declined", version=2).status_code == 303
    proposal = _get(app, world.p1)
    assert proposal.state == ProposalState.DECLINED
    assert proposal.response_text == DRAFT and proposal.decided_at is not None
    assert proposal.response_published_at is None


def test_merge_target_must_be_in_the_same_cycle(app, client, auth, world):
    auth.login(world.servant)
    body = _decide(client, world.p1, "merged", merged_into_id=world.elsewhere).get_data(
        as_text=True
    )
    assert 'id="merged_into_id-error"' in body
    assert _get(app, world.p1).state == ProposalState.SUBMITTED
    # Refused by the service too, not only by the form's list of choices.
    from sakrad.accounts.service import find_user_by_email
    from sakrad.proposals import service

    with app.app_context():
        servant = find_user_by_email(world.servant)
        proposal = db.session.get(TopicProposal, world.p1)
        with pytest.raises(service.ProposalError) as exc:
            service.decide(
                servant, proposal, state="merged", response_text="x", merged_into_id=world.elsewhere
            )
        assert exc.value.code == "merge_target_cycle"
    assert _decide(client, world.p1, "merged", merged_into_id=world.p2).status_code == 303
    proposal = _get(app, world.p1)
    assert proposal.state == ProposalState.MERGED and proposal.merged_into_id == world.p2
    # A proposal others are merged into cannot itself be merged.
    body = _decide(client, world.p2, "merged", merged_into_id=world.p3).get_data(as_text=True)
    assert "Andra förslag har förts samman med det här" in body


def test_stale_decision_form_is_refused(app, client, auth, world):
    auth.login(world.servant)
    assert _decide(client, world.p1, "declined", version=1).status_code == 303
    response = _decide(client, world.p1, "accepted", text="Annan text", version=1)
    assert response.status_code == 422
    assert "Annan text" in response.get_data(as_text=True)
    assert _get(app, world.p1).state == ProposalState.DECLINED


def test_agenda_link_only_for_accepted_and_same_cycle(app, client, auth, world):
    auth.login(world.servant)
    client.post(f"/proposals/{world.p1}/agenda-item", data={"agenda_item_id": world.item})
    assert _get(app, world.p1).agenda_item_id is None  # not accepted yet
    _decide(client, world.p1, "accepted")
    client.post(f"/proposals/{world.p1}/agenda-item", data={"agenda_item_id": world.foreign_item})
    assert _get(app, world.p1).agenda_item_id is None
    client.post(f"/proposals/{world.p1}/agenda-item", data={"agenda_item_id": world.item})
    assert _get(app, world.p1).agenda_item_id == world.item


def test_review_list_filters(client, auth, world):
    auth.login(world.servant)
    _decide(client, world.p2, "declined")
    page = client.get(f"/proposals/cycle/{world.cycle}").get_data(as_text=True)
    assert "Landsbygdens röst" in page and "Civilsamhällets villkor" in page
    assert "I en annan cykel" not in page
    page = client.get(f"/proposals/cycle/{world.cycle}?state=declined").get_data(as_text=True)
    assert "Civilsamhällets villkor" in page and "Landsbygdens röst" not in page
    page = client.get(f"/proposals/cycle/{world.cycle}?q=TREDJE").get_data(as_text=True)
    assert "Ett tredje förslag" in page and "Landsbygdens röst" not in page


def _public_pages(app, world) -> str:
    """Everything a visitor could read: the public cycle, organisation and meeting pages."""
    visitor = app.test_client()
    pages = [
        visitor.get(f"/cycles/{world.cycle}"),
        visitor.get(f"/organisations/{world.org_slug}"),
        visitor.get(f"/meetings/{world.meeting}"),
    ]
    assert [p.status_code for p in pages[:2]] == [200, 200]
    return "".join(p.get_data(as_text=True) for p in pages)


def test_batch_publication_emails_every_organisation_and_publishes(app, client, auth, world):
    port = app.config["SMTP_PORT"]
    controller, inbox = start_server(port)
    try:
        auth.login(world.servant)
        _decide(client, world.p1, "accepted", text="Antaget: " + DRAFT)
        client.post(f"/proposals/{world.p1}/agenda-item", data={"agenda_item_id": world.item})
        _decide(client, world.p2, "deferred", text="Vi återkommer nästa år.")
        # Before publication: the draft is nowhere outside the convening body.
        before = _public_pages(app, world)
        assert DRAFT not in before and "Landsbygdens röst" not in before
        auth.logout()
        auth.login(world.rep)
        own = client.get(f"/proposals/{world.p1}").get_data(as_text=True)
        assert DRAFT not in own and "Under beredning" in own and "Antaget" not in own
        assert DRAFT not in client.get("/dashboard/").get_data(as_text=True)
        auth.logout()
        auth.login(world.other_rep)
        assert client.get(f"/proposals/{world.p1}").status_code == 403
        assert DRAFT not in client.get("/dashboard/").get_data(as_text=True)
        auth.logout()

        auth.login(world.servant)
        response = client.post(f"/proposals/cycle/{world.cycle}/publish", follow_redirects=True)
        page = response.get_data(as_text=True)
        assert "2 återkopplingar har publicerats" in page
        assert "1 förslag är ännu inte beslutat" in page  # p3 waits for a later batch
        with app.app_context():
            batch = db.session.scalar(sa.select(ResponseBatch))
            assert batch.proposal_count == 2 and batch.undecided_count == 1
            assert db.session.get(TopicProposal, world.p3).response_published_at is None
            public_entries = db.session.scalars(
                sa.select(AuditEntry.action).where(AuditEntry.public.is_(True))
            ).all()
            assert public_entries.count("proposal.response_published") == 2
            assert "proposal.batch_published" in public_entries
            assert deliver_pending() == (2, 0)
        # Nothing left to publish: refused with a message, no second batch.
        again = client.post(f"/proposals/cycle/{world.cycle}/publish", follow_redirects=True)
        assert "Det finns inga beslutade återkopplingar" in again.get_data(as_text=True)
    finally:
        controller.stop()

    by_rcpt = {tuple(sorted(e.rcpt_tos)): e for e in inbox.messages}
    assert set(by_rcpt) == {
        tuple(sorted([world.rep, world.org_email])),
        tuple(sorted([world.other_rep, world.other_email])),
    }
    sv = message_from_bytes(
        by_rcpt[tuple(sorted([world.rep, world.org_email]))].content, policy=policy.default
    )
    text = sv.get_body(("plain",)).get_content()
    assert sv["Subject"].startswith("Återkoppling på era ämnesförslag")
    assert "Antaget: " + DRAFT in text and "Landsbygdens arbetsmarknad" in text
    assert f"https://sakrad.example.se/cycles/{world.cycle}" in text
    assert "Civilsamhällets villkor" not in text  # another organisation's proposal
    en = message_from_bytes(
        by_rcpt[tuple(sorted([world.other_rep, world.other_email]))].content,
        policy=policy.default,
    )
    assert en["Subject"].startswith("Response to your topic proposals")
    assert "Deferred to a later cycle" in en.get_body(("plain",)).get_content()

    # Now public: proposal, state, response and the agenda item it led to.
    with app.app_context():
        meeting = db.session.get(Meeting, world.meeting)
        meeting.state, meeting.announced_at = MeetingState.ANNOUNCED, meeting.created_at
        db.session.commit()
    public = _public_pages(app, world)
    assert f'href="/meetings/{world.meeting}"' in public
    assert f'href="/cycles/{world.cycle}#proposal-{world.p1}"' in public
    assert "Antaget: " + DRAFT in public and "Landsbygdens röst" in public
    assert "Vi återkommer nästa år." in public
    assert "Ett tredje förslag" not in public  # undecided: not public
    org_page = app.test_client().get(f"/organisations/{world.org_slug}").get_data(as_text=True)
    assert "Antaget: " + DRAFT in org_page and "Vi återkommer nästa år." not in org_page
    # A published decision is final.
    assert _decide(client, world.p1, "declined").status_code == 422
    assert _get(app, world.p1).state == ProposalState.ACCEPTED


def test_other_convening_body_cannot_review_or_publish(app, client, auth, world):
    auth.login(world.other_servant)
    assert _decide(client, world.p1, "declined").status_code == 403
    assert client.post(f"/proposals/cycle/{world.cycle}/publish").status_code == 403
    assert client.get(f"/proposals/{world.p1}").status_code == 403
    assert _get(app, world.p1).state == ProposalState.SUBMITTED


def test_manage_pages_show_proposals_of_the_cycle_and_meeting(client, auth, world):
    auth.login(world.servant)
    _decide(client, world.p1, "accepted")
    client.post(f"/proposals/{world.p1}/agenda-item", data={"agenda_item_id": world.item})
    cycle_page = client.get(f"/manage/cycles/{world.cycle}").get_data(as_text=True)
    assert f'href="/proposals/cycle/{world.cycle}"' in cycle_page
    assert f'action="/proposals/cycle/{world.cycle}/publish"' in cycle_page
    meeting_page = client.get(f"/manage/meetings/{world.meeting}").get_data(as_text=True)
    assert "Landsbygdens röst" in meeting_page
    assert "återkopplingen är inte publicerad ännu" in meeting_page
