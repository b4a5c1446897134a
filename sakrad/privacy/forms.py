"""Forms of the privacy pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length


class EmailForm(FlaskForm):
    email = StringField(_l("Email address"), validators=[DataRequired(), Email(), Length(max=254)])


class ErasureForm(FlaskForm):
    email = StringField(_l("Email address"), validators=[DataRequired(), Email(), Length(max=254)])
    reason = TextAreaField(
        _l("Reason for the erasure"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l(
            "For example the date and number of the request. Do not write the person's name "
            "or email here: the reason is kept in the audit log."
        ),
    )
    covers_published_names = BooleanField(
        _l("The request also covers the person's name in published minutes"),
        description=_l(
            "Leave this unticked to keep a name that the person agreed to publish in the "
            "minutes (a public record). Tick it to remove the name from the minutes too."
        ),
    )


class ErasureConfirmForm(FlaskForm):
    email = HiddenField()
    reason = HiddenField()
    covers_published_names = HiddenField()


class StatementForm(FlaskForm):
    version_id = HiddenField()
    text_sv = TextAreaField(
        _l("Statement in Swedish (Markdown)"), validators=[DataRequired(), Length(max=50000)]
    )
    text_en = TextAreaField(
        _l("Statement in English (Markdown)"), validators=[DataRequired(), Length(max=50000)]
    )
