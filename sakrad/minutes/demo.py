"""Demo minutes: the 2017 high-level meeting documented with two revisions, a publication,
a PDF, an external link, an internal note and an outcome. The other 2017 meetings stay held,
so a civil servant can try publishing minutes themselves."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.db import STOCKHOLM
from sakrad.extensions import db
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.minutes import documents
from sakrad.minutes.models import (
    Document,
    DocumentKind,
    MinutesPublication,
    MinutesRevision,
    Outcome,
    OutcomeProposalNote,
)
from sakrad.proposals.service import proposals_for_meeting
from sakrad.transaction import unit_of_work

MEETING_TITLE = "Högnivåmöte om integration och etablering 2017"
DEMO = "demo"

MINUTES_1 = """# Högnivåmöte om integration och etablering 2017

## Närvarande

Arbetsmarknadsministern, Arbetsmarknadsdepartementet, Kulturdepartementet och de inbjudna
organisationerna.

## 1. Ministern inleder

Ministern välkomnade organisationerna och beskrev regeringens arbete med etableringen.

## 2. Bosättning och etablering

Organisationerna tog upp bosättningen i kommunerna och behovet av tidiga insatser.
"""

MINUTES_2 = (
    MINUTES_1
    + """
- Flera organisationer betonade att landsbygdens föreningar behöver långsiktiga villkor.
- Studieförbundet Vuxenskolan berättade om språkcaféer på Orust.

## 3. Sammanfattning

Ministern tackade för inspelen. Regeringskansliet återkommer med återkoppling i oktober.
"""
)

STATEMENT = (
    "Arbetsmarknadsdepartementet tar med inspelen i arbetet med den nya "
    "etableringsförordningen och i dialogen med kommunerna om bosättning. Frågan om "
    "långsiktiga villkor för föreningar lyfts till den interdepartementala arbetsgruppen."
)


def minimal_pdf(title: str) -> bytes:
    """A small valid one-page PDF with ``title`` as text (ASCII), offsets computed."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time(), STOCKHOLM).replace(hour=hour)


def _file(meeting: Meeting, user: User | None, title: str, data: bytes, name: str, public: bool,
          media_type: str, when: datetime) -> Document:  # fmt: skip
    return Document(
        meeting_id=meeting.id,
        title=title,
        language="sv",
        public=public,
        kind=DocumentKind.FILE,
        sha256=documents.store(data),
        media_type=media_type,
        size=len(data),
        filename=name,
        created_at=when,
        created_by_id=user.id if user else None,
    )


def seed() -> bool:
    """Idempotent. Runs in a request context of the public address and commits there: the
    search index builds public links (``url_for``) when the transaction commits, which needs a
    request context, and the demo is loaded from the command line."""
    from flask import current_app, has_request_context

    if has_request_context():
        return _seed()
    with (
        current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]),
        unit_of_work(),
    ):
        created = _seed()
    return created


def _seed() -> bool:
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.title == MEETING_TITLE))
    if meeting is None or meeting.state not in (MeetingState.HELD, MeetingState.DOCUMENTED):
        return False
    exists = db.session.scalar(
        sa.select(MinutesRevision.id).where(MinutesRevision.meeting_id == meeting.id).limit(1)
    )
    if exists is not None:
        return False
    user = db.session.scalar(sa.select(User).where(User.email == "handlaggare@demo.sakrad.se"))
    uid = user.id if user else None
    first = _at(date(2017, 5, 22), 10)
    published = _at(date(2017, 6, 20), 9)
    r1 = MinutesRevision(meeting_id=meeting.id, number=1, text=MINUTES_1, author_id=uid,
                         created_at=first, based_on_number=0)  # fmt: skip
    r2 = MinutesRevision(meeting_id=meeting.id, number=2, text=MINUTES_2, author_id=uid,
                         created_at=first + timedelta(days=20), based_on_number=1)  # fmt: skip
    db.session.add_all([r1, r2])
    db.session.flush()
    publication = MinutesPublication(
        meeting_id=meeting.id, revision_id=r2.id, published_at=published, published_by_id=uid
    )
    pdf = minimal_pdf("Presentation: Etablering 2017")
    db.session.add_all(
        [
            publication,
            _file(meeting, user, "Presentation från Arbetsmarknadsdepartementet", pdf,
                  "presentation-etablering-2017.pdf", True, "application/pdf", published),
            _file(meeting, user, "Intern anteckning om deltagarlistan",
                  "Intern: kontrollera deltagarlistan mot närvaron.\n".encode(),
                  "intern-anteckning.txt", False, "text/plain; charset=utf-8", published),
            Document(meeting_id=meeting.id, title="Regeringens proposition om etablering",
                     language="sv", public=True, kind=DocumentKind.LINK,
                     url="https://www.regeringen.se/rattsliga-dokument/proposition/",
                     created_at=published, created_by_id=uid),
        ]
    )  # fmt: skip
    outcome = Outcome(
        meeting_id=meeting.id,
        statement=STATEMENT,
        feedback_when=date(2017, 10, 31),
        published_statement=STATEMENT,
        published_feedback_when=date(2017, 10, 31),
        published_at=published,
        updated_by_id=uid,
    )
    for proposal in proposals_for_meeting(meeting):
        note = "Togs upp under dagordningspunkten och ingår i underlaget till förordningen."
        outcome.notes.append(
            OutcomeProposalNote(proposal_id=proposal.id, note=note, published_note=note)
        )
    db.session.add(outcome)
    meeting.state = MeetingState.DOCUMENTED
    meeting.documented_at = published
    db.session.flush()
    record("minutes.published", publication, after={"meeting_id": meeting.id, "revision": 2},
           actor_label=DEMO, convening_body_id=meeting.convening_body_id, public=True)  # fmt: skip
    return True
