"""The published minutes as the one PDF document (``sakrad.pdf``) that both the download
and the archival package render: the meeting's facts, the minutes, the outcome and the
organisations that attended, all read through the portal (only what is published)."""

from __future__ import annotations

from flask_babel import gettext as _

from sakrad.meetings.models import Meeting
from sakrad.minutes.models import MinutesPublication, MinutesRevision
from sakrad.pdf import MinutesDocument
from sakrad.portal import invitations as portal_invitations
from sakrad.portal import minutes as portal_minutes
from sakrad.shell.filters import current_lang, localdate, localdt, localtime


def minutes_document(meeting: Meeting) -> MinutesDocument | None:
    """The document of the current publication; None when nothing is published."""
    current = portal_minutes.published_minutes(meeting)
    return publication_document(meeting, *current) if current else None


def publication_document(
    meeting: Meeting, revision: MinutesRevision, publication: MinutesPublication
) -> MinutesDocument:
    """The document of one publication of the minutes, in the page's language."""
    lang = current_lang()
    facts = [
        (_("Convening body"), meeting.convening_body.display_name(lang)),
        (_("Chair"), meeting.chair_title or "–"),
    ]
    for session in meeting.sessions:
        when = f"{localdt(session.starts_at)}–{localtime(session.ends_at)}"
        facts.append(
            (_("Session %(n)s", n=session.number), f"{when}, {session.place or ''}".strip(", "))
        )
    if meeting.participating_bodies:
        facts.append(
            (_("Participating ministries and agencies"), ", ".join(meeting.participating_bodies))
        )
    if meeting.diary_number:
        facts.append((_("Diary number"), meeting.diary_number))
    facts.append((_("Minutes published"), localdate(publication.published_at)))
    outcome = portal_minutes.published_outcome(meeting)
    attended = [
        i.organisation_name for i in portal_invitations.for_meeting(meeting) if i.attended is True
    ]
    return MinutesDocument(
        title=meeting.display_title(lang),
        facts=facts,
        minutes_heading=_("Minutes"),
        minutes_markdown=revision.text,
        outcome_heading=_("Outcome: what happens with the input") if outcome else None,
        outcome_markdown=outcome.statement if outcome else None,
        attendance_heading=_("Organisations that attended"),
        attendance=sorted(attended, key=str.lower),
        footer=_("Sakråd – published minutes of %(title)s", title=meeting.display_title(lang)),
        lang=lang,
        created=publication.published_at,
    )
