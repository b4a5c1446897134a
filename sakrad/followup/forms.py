from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from sakrad.followup.models import SUMMARY_MAX


class SummaryForm(FlaskForm):
    version = HiddenField()
    summary = TextAreaField(
        _l("Summary (Swedish)"),
        description=_l("A short written summary of the year's dialogue and what it led to."),
        validators=[InputRequired(_l("Write a short summary of the year.")),
                    Length(max=SUMMARY_MAX)],
    )  # fmt: skip
    summary_en = TextAreaField(
        _l("Summary (English, optional)"), validators=[Optional(), Length(max=SUMMARY_MAX)]
    )


class PublishForm(FlaskForm):
    version = HiddenField()
