"""The published minutes as a PDF download (reads only what the portal already publishes)."""

from __future__ import annotations

from flask import Response, abort
from flask_babel import gettext as _

from sakrad.minutes.pdf import MinutesDocument, render_minutes_pdf
from sakrad.portal import invitations as portal_invitations
from sakrad.portal import meetings as portal_meetings
from sakrad.portal import minutes as portal_minutes
from sakrad.portal.blueprint import bp
from sakrad.shell.filters import current_lang, localdate, localdt, localtime


def minutes_document(meeting) -> MinutesDocument | None:
    current = portal_minutes.published_minutes(meeting)
    if current is None:
        return None
    revision, publication = current
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
    )


@bp.get("/meetings/<int:meeting_id>/minutes.pdf")
def minutes_pdf(meeting_id: int):
    meeting = portal_meetings.public_meeting(meeting_id) or abort(404)
    doc = minutes_document(meeting) or abort(404)
    response = Response(render_minutes_pdf(doc), mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="sakrad-minutes-{meeting.id}.pdf"'
    )
    return response
