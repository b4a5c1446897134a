from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from sakrad.cycles.fields import StockholmDateTimeField


class CycleForm(FlaskForm):
    version = HiddenField()
    convening_body_id = SelectField(_l("Convening body"), coerce=int)
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(min=2000, max=2100)])
    policy_area = StringField(
        _l("Policy area (Swedish)"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example Integration or Folkbildning."),
    )
    policy_area_en = StringField(
        _l("Policy area (English)"), validators=[Optional(), Length(max=200)]
    )
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=10000)],
        description=_l("What the cycle is about and who it is for. Shown on the public page."),
    )
    description_en = TextAreaField(
        _l("Description (English)"), validators=[Optional(), Length(max=10000)]
    )
    call_opens_at = StockholmDateTimeField(
        _l("Call for topics opens"),
        validators=[Optional()],
        description=_l("Swedish time. Organisations can propose topics from then."),
    )
    call_closes_at = StockholmDateTimeField(
        _l("Call for topics closes"), validators=[Optional()], description=_l("Swedish time.")
    )
    high_level_on = DateField(_l("Planned date of the high-level meeting"), validators=[Optional()])
    sakrad_from = DateField(_l("Sakråd period starts"), validators=[Optional()])
    sakrad_to = DateField(_l("Sakråd period ends"), validators=[Optional()])
    follow_up_on = DateField(_l("Follow-up report due"), validators=[Optional()])

    def service_data(self) -> dict:
        return {
            "year": self.year.data,
            "policy_area": self.policy_area.data or "",
            "policy_area_en": self.policy_area_en.data,
            "description": self.description.data or "",
            "description_en": self.description_en.data,
            "call_opens_at": self.call_opens_at.utc,
            "call_closes_at": self.call_closes_at.utc,
            "high_level_on": self.high_level_on.data,
            "sakrad_from": self.sakrad_from.data,
            "sakrad_to": self.sakrad_to.data,
            "follow_up_on": self.follow_up_on.data,
        }
