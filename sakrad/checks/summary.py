"""What each irreversible step would do, counted, and the warnings that apply to it."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from sakrad.cycles.models import Cycle
from sakrad.errors import SakradError
from sakrad.invitations.models import InvitationState
from sakrad.meetings.models import Meeting, MeetingState

# What a check page shows as a refusal (and rolls back) instead of an error page.
REFUSALS = (SakradError, ValueError, StaleDataError)


@dataclass
class Check:
    """The facts of a check page: sentences of what will happen, and warnings."""

    will_happen: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # A warning that is serious enough that going ahead needs a logged reason.
    reason_required: bool = False
    # Nothing to do, or not allowed: the confirm button is not offered.
    blocked: str | None = None


def _invitations(meeting: Meeting, *states: InvitationState) -> list:
    from sakrad.invitations.service import invitations_for_meeting

    return [i for i in invitations_for_meeting(meeting) if i.state in states]


def send_invitations(meeting: Meeting) -> Check:
    from flask_babel import ngettext

    from sakrad.invitations.models import InvitationOrigin

    pending = _invitations(meeting, InvitationState.PENDING)
    check = Check()
    if not pending:
        check.blocked = str(_l("There are no invitations waiting to be sent."))
        return check
    if meeting.state != MeetingState.ANNOUNCED:
        check.blocked = str(_l("Announce the meeting before you send its invitations."))
    check.will_happen.append(
        ngettext(
            "%(num)s organisation will receive an invitation by email, with a personal link to answer.",
            "%(num)s organisations will receive an invitation by email, each with a personal link to answer.",
            len(pending),
        )
    )
    first = min(i.deadline for i in pending)
    from sakrad.shell.filters import localdt

    check.will_happen.append(str(_l("They can answer until %(when)s.", when=localdt(first))))
    check.will_happen.append(
        str(_l("The invited organisations are shown on the meeting's public page."))
    )
    if any(i.origin == InvitationOrigin.SELECTION for i in pending):
        check.will_happen.append(
            str(
                _l(
                    "The selection report is published with the seed. The selection cannot be "
                    "changed afterwards, only replaced with a logged reason."
                )
            )
        )
    check.will_happen.append(str(_l("An email that has been sent cannot be taken back.")))
    return check


def publish_responses(cycle: Cycle) -> Check:
    from flask_babel import ngettext

    from sakrad.proposals import queries

    proposals = queries.unpublished_decided(cycle)
    check = Check()
    if not proposals:
        check.blocked = str(_l("There are no decided responses waiting to be published."))
        return check
    organisations = {p.organisation_id for p in proposals}
    check.will_happen.append(
        ngettext(
            "%(num)s response will be published on the cycle's public page.",
            "%(num)s responses will be published on the cycle's public page.",
            len(proposals),
        )
    )
    check.will_happen.append(
        ngettext(
            "%(num)s organisation will be told by email.",
            "%(num)s organisations will be told by email.",
            len(organisations),
        )
    )
    check.will_happen.append(
        str(
            _l(
                "A published response cannot be unpublished, and the proposal can no longer be edited."
            )
        )
    )
    undecided = queries.undecided_count(cycle)
    if undecided:
        check.warnings.append(
            ngettext(
                "%(num)s proposal has no decision yet; it waits for a later batch.",
                "%(num)s proposals have no decision yet; they wait for a later batch.",
                undecided,
            )
        )
    return check


def publish_minutes(meeting: Meeting, number: int) -> Check:
    from sakrad.minutes import outcome, review

    check = Check()
    check.will_happen.append(
        str(
            _l(
                "Revision %(n)s of the minutes will be shown on the meeting's public page.",
                n=number,
            )
        )
    )
    written = outcome.get(meeting)
    if written is not None and (written.statement or "").strip():
        check.will_happen.append(str(_l("The outcome you have written is published with it.")))
    else:
        check.warnings.append(
            str(
                _l(
                    "No outcome has been written: the public page will not say what the convening body will do with the input."
                )
            )
        )
        check.reason_required = True
    if meeting.state == MeetingState.HELD:
        check.will_happen.append(str(_l("The meeting will be marked as documented.")))
    open_rounds = [r for r in review.rounds(meeting) if review.is_open(r)]
    if open_rounds:
        from sakrad.shell.filters import localdate

        until = max(r.until for r in open_rounds)
        check.warnings.append(
            str(
                _l(
                    "The participants' review of the minutes is still open until %(date)s; their comments may come after publication.",
                    date=localdate(until),
                )
            )
        )
        check.reason_required = True
    check.will_happen.append(
        str(
            _l(
                "Anyone can read and download the published minutes; a later revision replaces them but the change is shown in the history."
            )
        )
    )
    return check


def cancel_meeting(meeting: Meeting) -> Check:
    from flask_babel import ngettext

    check = Check()
    if meeting.state not in (MeetingState.DRAFT, MeetingState.ANNOUNCED):
        check.blocked = str(_l("Only a draft or announced meeting can be cancelled."))
        return check
    told = _invitations(meeting, InvitationState.SENT, InvitationState.ACCEPTED)
    if meeting.state == MeetingState.ANNOUNCED:
        check.will_happen.append(
            str(_l("The public page will say the meeting is cancelled, with the reason below."))
        )
    if told:
        check.will_happen.append(
            ngettext(
                "%(num)s invited organisation will be told by email, with a calendar file that removes the meeting.",
                "%(num)s invited organisations will be told by email, with a calendar file that removes the meeting.",
                len(told),
            )
        )
    check.will_happen.append(str(_l("A cancelled meeting cannot be opened again.")))
    return check


def session_before_deadline(meeting: Meeting, starts_at) -> str | None:
    """A warning when a session now starts before sent invitations can still be answered."""
    from sakrad.shell.filters import localdt

    waiting = _invitations(meeting, InvitationState.SENT)
    late = [i.deadline for i in waiting if i.deadline and starts_at and i.deadline > starts_at]
    if not late:
        return None
    return str(
        _l(
            "Note: %(num)s sent invitations can still be answered until %(when)s, after the session starts. Tell the organisations or withdraw and invite them again with an earlier deadline.",
            num=len(late),
            when=localdt(max(late)),
        )
    )
