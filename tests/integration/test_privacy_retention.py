"""Retention: the dry run lists exactly what is due, the run removes exactly that, a second
run removes nothing, and published pages do not change."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.invitations.models import Delegate, Invitation
from sakrad.mail.models import OutboxMessage
from sakrad.organisations.models import EmailConfirmation, RepresentativeInvite
from sakrad.privacy import retention
from sakrad.privacy.person import ERASED
from sakrad.selection.models import Interest
from tests import privacy_world


def _snapshot() -> dict:
    return {
        "delegates": {d.id: (d.name, d.email, tuple(d.needs), d.needs_note)
                      for d in db.session.scalars(sa.select(Delegate))},
        "interests": {i.id: i.motivation for i in db.session.scalars(sa.select(Interest))},
        "confirmations": set(db.session.scalars(sa.select(EmailConfirmation.id))),
        "outbox": set(db.session.scalars(sa.select(OutboxMessage.id))),
        "invites": set(db.session.scalars(sa.select(RepresentativeInvite.id))),
        "tokens": {i.id: i.token_hash for i in db.session.scalars(sa.select(Invitation))},
    }  # fmt: skip


def _public_pages(client, world) -> dict[str, str]:
    pages = {}
    for key, m in world.meetings.items():
        for lang in ("sv", "en"):
            r = client.get(f"/meetings/{m.id}?lang={lang}")
            assert r.status_code == 200
            pages[f"{key}-{lang}"] = r.text
    return pages


def test_retention_dry_run_then_run_then_nothing(app, client, runner):
    with app.app_context():
        world = privacy_world.build(app)
        before = _snapshot()
    pages_before = _public_pages(client, world)
    assert "Pia Publicerad" in pages_before["old-sv"]  # published with consent

    dry = runner.invoke(args=["sakrad", "retention", "run", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    with app.app_context():
        assert _snapshot() == before  # nothing removed
        due = retention.preview()
    for key, ids in world.due.items():
        assert set(due[key]) == ids, key
        assert f"{key}: {len(ids)} due" in dry.output

    real = runner.invoke(args=["sakrad", "retention", "run"])
    assert real.exit_code == 0, real.output
    with app.app_context():
        after = _snapshot()
        d = after["delegates"]
        pia, olle, nils = (world.delegates[k] for k in ("pia", "olle", "nils"))
        # Needs gone from the old meeting's delegates, kept for the young meeting.
        for i in world.due["delegate_needs"]:
            assert d[i][2] == () and d[i][3] is None
        for i in world.kept["delegate_needs"]:
            assert d[i] == before["delegates"][i]
        # Identity: emails gone; the name published with consent stays, the other is erased.
        assert d[pia] == ("Pia Publicerad", "", (), None)
        assert d[olle][0] == ERASED and d[olle][1] == ""
        assert nils in world.kept["delegate_identity"]
        for i in world.due["interest_motivation"]:
            assert after["interests"][i] is None
        for i in world.kept["interest_motivation"]:
            assert after["interests"][i] == before["interests"][i]
        assert (
            after["confirmations"]
            == before["confirmations"] - world.due["unconfirmed_registration"]
        )
        assert after["outbox"] == before["outbox"] - world.due["outbox"]
        assert after["invites"] == before["invites"] - world.due["representative_invites"]
        for i in world.due["answer_tokens"]:
            assert after["tokens"][i] is None
        for i in world.kept["answer_tokens"]:
            assert after["tokens"][i] == before["tokens"][i]
        from sakrad.accounts.models import User

        stale = db.session.scalar(sa.select(User).where(User.name == ERASED))
        assert stale is not None and "stale@" not in stale.email
        assert db.session.scalar(sa.select(User).where(User.email == "fresh@example.se"))
        runs = list(db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "privacy.retention_run")
            .order_by(AuditEntry.id)))  # fmt: skip
        assert [r.after["dry_run"] for r in runs] == [True, False]
        counts = runs[1].after["counts"]
        assert {k: counts[k] for k in world.due} == {k: len(v) for k, v in world.due.items()}
        # Counts only, never the removed values.
        assert "Olle" not in str(runs[1].stored_after) and "olle@" not in str(runs[1].after)

    again = runner.invoke(args=["sakrad", "retention", "run"])
    assert again.exit_code == 0
    with app.app_context():
        assert _snapshot() == after
        assert all(not ids for ids in retention.preview().values())
    assert all(line.endswith(": 0 removed") for line in again.output.strip().splitlines())
    assert _public_pages(client, world) == pages_before


def test_admin_page_shows_what_the_next_run_removes(app, client, auth):
    with app.app_context():
        world = privacy_world.build(app)
    auth.login(world.admin_email)
    page = client.get("/admin/privacy/?lang=en")
    assert page.status_code == 200
    for key, ids in world.due.items():
        assert f'<tr id="due-{key}">' in page.text
        row = page.text.split(f'<tr id="due-{key}">', 1)[1].split("</tr>", 1)[0]
        assert row.endswith(f"<td>{len(ids)}</td>"), (key, row)
