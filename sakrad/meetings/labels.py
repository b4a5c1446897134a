"""Human labels of meeting kinds, states and presenters."""

from flask_babel import lazy_gettext as _l

from sakrad.meetings.models import MeetingKind, MeetingState, PresenterKind

MEETING_KIND_LABELS = {
    MeetingKind.HIGH_LEVEL: _l("High-level meeting"),
    MeetingKind.SAKRAD: _l("Sakråd"),
}

MEETING_STATE_LABELS = {
    MeetingState.DRAFT: _l("Draft"),
    MeetingState.ANNOUNCED: _l("Announced"),
    MeetingState.HELD: _l("Held"),
    MeetingState.DOCUMENTED: _l("Documented"),
    MeetingState.CANCELLED: _l("Cancelled"),
}

MEETING_ACTION_LABELS = {
    MeetingState.ANNOUNCED: _l("Announce the meeting (publish)"),
    MeetingState.HELD: _l("Mark as held"),
    MeetingState.DOCUMENTED: _l("Mark as documented"),
}

PRESENTER_KIND_LABELS = {
    PresenterKind.BODY: _l("The convening body"),
    PresenterKind.AGENCY: _l("A government agency"),
    PresenterKind.ORGANISATION: _l("An organisation"),
    PresenterKind.OTHER: _l("Someone else"),
}
