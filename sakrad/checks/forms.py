"""The confirm form of a check page: a hidden marker, and a reason when a warning needs one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import Length, Optional


class ConfirmForm(FlaskForm):
    confirmed = HiddenField(default="1")
    reason = TextAreaField(
        _l("Why go ahead anyway?"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Kept in the audit log with your name."),
    )


class PublishMinutesForm(ConfirmForm):
    number = IntegerField(_l("Revision"), validators=[Optional()])


class CancelCheckForm(ConfirmForm):
    cancel_reason = TextAreaField(_l("Reason for cancelling"), validators=[Length(max=5000)])
