from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from sakrad.cycles.fields import StockholmDateTimeField
from sakrad.meetings.models import MeetingKind, PresenterKind
from sakrad.meetings.service import EXPECTATION_LABELS

LONG = Length(max=20000)


class MeetingForm(FlaskForm):
    version = HiddenField()
    kind = RadioField(
        _l("Kind of meeting"),
        choices=[(k.value, k.label) for k in MeetingKind],
        validators=[DataRequired()],
    )
    title = StringField(_l("Title (Swedish)"), validators=[DataRequired(), Length(max=300)])
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=300)])
    diary_number = StringField(
        _l("Diary number"),
        validators=[Optional(), Length(max=60)],
        description=_l("The registry number, if the matter has one."),
    )
    chair_title = StringField(
        _l("Chair's title"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example statssekreterare or arbetsmarknadsminister."),
    )
    chair_name = StringField(_l("Chair's name"), validators=[Optional(), Length(max=200)])
    chair_name_public = BooleanField(
        _l("The chair agrees that their name is published"),
    )
    participating_bodies = TextAreaField(
        _l("Participating ministries and agencies"),
        validators=[Optional(), Length(max=5000)],
        description=_l("One per line."),
    )
    seats = IntegerField(
        _l("Seats (organisations)"),
        validators=[Optional(), NumberRange(min=1, max=500)],
        description=_l("How many organisations are invited."),
    )
    delegates_per_org = IntegerField(
        _l("Delegates per organisation"),
        default=2,
        validators=[DataRequired(), NumberRange(min=1, max=20)],
    )
    interest_closes_at = StockholmDateTimeField(
        _l("Registration of interest closes"),
        validators=[Optional()],
        description=_l("Swedish time. Organisations can register interest until then."),
    )
    easy_read = TextAreaField(
        _l("Easy-to-read summary"),
        validators=[Optional(), LONG],
        description=_l("Optional. Short sentences and common words."),
    )
    internal_notes = TextAreaField(
        _l("Internal notes"),
        validators=[Optional(), LONG],
        description=_l("Only for civil servants. Never published."),
    )

    def service_data(self) -> dict:
        bodies = (self.participating_bodies.data or "").splitlines()
        return {
            "kind": self.kind.data,
            "title": self.title.data or "",
            "title_en": self.title_en.data,
            "diary_number": self.diary_number.data,
            "chair_title": self.chair_title.data or "",
            "chair_name": self.chair_name.data,
            "chair_name_public": bool(self.chair_name_public.data),
            "participating_bodies": bodies,
            "seats": self.seats.data,
            "delegates_per_org": self.delegates_per_org.data,
            "interest_closes_at": self.interest_closes_at.utc,
            "easy_read": self.easy_read.data,
            "internal_notes": self.internal_notes.data,
        }


EXPECTATION_HINTS = {
    "purpose": _l("Why the meeting is held and what it should achieve."),
    "policy_stage": _l("For example: an inquiry is under way, a bill is being prepared."),
    "questions": _l("The questions the organisations are asked to discuss."),
    "out_of_scope": _l("What this meeting cannot change or decide."),
    "use_of_input": _l("How the convening body will use what the organisations say."),
    "feedback_plan": _l("When and how the organisations hear what became of their input."),
}


class ExpectationsForm(FlaskForm):
    version = HiddenField()
    purpose = TextAreaField(EXPECTATION_LABELS["purpose"], description=EXPECTATION_HINTS["purpose"])
    policy_stage = TextAreaField(
        EXPECTATION_LABELS["policy_stage"], description=EXPECTATION_HINTS["policy_stage"]
    )
    questions = TextAreaField(
        EXPECTATION_LABELS["questions"], description=EXPECTATION_HINTS["questions"]
    )
    out_of_scope = TextAreaField(
        EXPECTATION_LABELS["out_of_scope"], description=EXPECTATION_HINTS["out_of_scope"]
    )
    use_of_input = TextAreaField(
        EXPECTATION_LABELS["use_of_input"], description=EXPECTATION_HINTS["use_of_input"]
    )
    feedback_plan = TextAreaField(
        EXPECTATION_LABELS["feedback_plan"], description=EXPECTATION_HINTS["feedback_plan"]
    )

    def service_data(self) -> dict:
        return {name: getattr(self, name).data for name in EXPECTATION_LABELS}


class SessionForm(FlaskForm):
    version = HiddenField()
    starts_at = StockholmDateTimeField(
        _l("Starts"), validators=[DataRequired()], description=_l("Swedish time.")
    )
    ends_at = StockholmDateTimeField(
        _l("Ends"), validators=[DataRequired()], description=_l("Swedish time.")
    )
    place = TextAreaField(
        _l("Place"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Address and room. Leave empty if the session is online only."),
    )
    online_url = URLField(
        _l("Online meeting link"),
        validators=[Optional(), URL(), Length(max=500)],
        description=_l("Only shown to invited organisations, never on public pages."),
    )

    def service_data(self) -> dict:
        return {
            "starts_at": self.starts_at.utc,
            "ends_at": self.ends_at.utc,
            "place": self.place.data,
            "online_url": self.online_url.data,
        }


class AgendaItemForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Title (Swedish)"), validators=[DataRequired(), Length(max=300)])
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Optional(), LONG])
    duration_minutes = IntegerField(
        _l("Duration in minutes"), default=30, validators=[DataRequired(), NumberRange(1, 600)]
    )
    presenter_kind = SelectField(
        _l("Who presents"),
        choices=[(k.value, k.label) for k in PresenterKind],
        default="other",
    )
    presenter_text = StringField(
        _l("Presenter"),
        validators=[Optional(), Length(max=300)],
        description=_l("For example Migrationsverket, or a person's title."),
    )
    presenter_organisation_id = SelectField(
        _l("Presenting organisation"),
        coerce=int,
        validators=[Optional()],
        description=_l("Only when an organisation presents."),
    )

    def service_data(self) -> dict:
        return {
            "title": self.title.data or "",
            "title_en": self.title_en.data,
            "description": self.description.data,
            "duration_minutes": self.duration_minutes.data,
            "presenter_kind": self.presenter_kind.data,
            "presenter_text": self.presenter_text.data,
            "presenter_organisation_id": self.presenter_organisation_id.data or None,
        }


class CancelForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for cancelling"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("Published on the meeting page if the meeting had been announced."),
    )
