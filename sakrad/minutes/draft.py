"""The structure help: a first draft of the minutes generated from the meeting, so the writer
fills in content instead of copying attendees, agenda and proposals by hand."""

from __future__ import annotations

from flask_babel import gettext as _

from sakrad.invitations import service as invitations
from sakrad.meetings.models import Meeting
from sakrad.minutes.render import escape
from sakrad.proposals.service import proposals_for_meeting
from sakrad.shell.filters import localdt


def first_draft(meeting: Meeting, lang: str = "sv") -> str:
    """Markdown: attendees, every agenda item as a heading with its linked topic proposals.

    Only delegate names whose owners agreed to publication appear: the draft may become the
    published minutes.
    """
    # Labels first: message extraction cannot see gettext calls inside f-strings.
    date_label, place_label = _("Date and time"), _("Place")
    present, orgs_label, proposal_label = _("Present"), _("Organisations"), _("Topic proposal")
    none_yet, add_who = _("(no attendance recorded yet)"), _("(add who took part)")
    lines: list[str] = [f"# {escape(meeting.display_title(lang))}", ""]
    if meeting.sessions:
        when = ", ".join(localdt(s.starts_at, "short") for s in meeting.sessions)
        lines += [f"{date_label}: {when}", ""]
        places = sorted({s.place for s in meeting.sessions if s.place})
        if places:
            lines += [f"{place_label}: {escape(', '.join(places))}", ""]
    lines += [f"## {present}", "", f"### {orgs_label}", ""]
    organisations = invitations.attending_organisations(meeting)
    names = invitations.public_delegate_names(meeting)
    for org in organisations:
        delegates = names.get(org.id) or []
        suffix = f": {escape(', '.join(delegates))}" if delegates else ""
        lines.append(f"- {escape(org.name)}{suffix}")
    if not organisations:
        lines.append(f"- {none_yet}")
    chair = meeting.chair_title + (
        f", {meeting.public_chair_name}" if meeting.public_chair_name else ""
    )
    lines += [
        "",
        f"### {escape(meeting.convening_body.display_name(lang))}",
        "",
        f"- {escape(chair)}" if chair.strip() else f"- {add_who}",
        "",
    ]
    proposals = proposals_for_meeting(meeting)
    by_item: dict[int | None, list] = {}
    for p in proposals:
        by_item.setdefault(p.agenda_item_id, []).append(p)
    number = 0
    item_level = "###" if len(meeting.sessions) > 1 else "##"
    for session in meeting.sessions:
        if len(meeting.sessions) > 1:
            session_label = _("Session %(n)s", n=session.number)
            lines += [f"## {session_label}", ""]
        for item in session.agenda_items:
            number += 1
            lines += [f"{item_level} {number}. {escape(item.display_title(lang))}", ""]
            for p in by_item.get(item.id, []):
                lines.append(
                    f"- {proposal_label}: {escape(p.title)} ({escape(p.organisation.name)})"
                )
            if by_item.get(item.id):
                lines.append("")
            lines += [_("(Write what was said and agreed.)"), ""]
    if number == 0:
        discussion = _("Discussion")
        lines += [f"## {discussion}", "", _("(Write what was said and agreed.)"), ""]
    next_steps = _("Next steps")
    lines += [f"## {next_steps}", "", _("(What happens next and when feedback comes.)"), ""]
    return "\n".join(lines)
