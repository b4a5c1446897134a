"""Forms of the minutes, the review, the outcome and the documents."""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from sakrad.minutes.documents import LANGUAGES, TITLE_MAX
from sakrad.minutes.models import COMMENT_MAX, TEXT_MAX, URL_MAX


class MinutesForm(FlaskForm):
    based_on = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    text = TextAreaField(
        _l("Minutes (Markdown)"),
        validators=[DataRequired(), Length(max=TEXT_MAX)],
        description=_l(
            "Write in Markdown: # for headings, - for lists, **bold**, [text](https://...) for "
            "links. Every save keeps the earlier revisions."
        ),
    )


class PublishForm(FlaskForm):
    number = SelectField(_l("Revision to publish"), coerce=int, validators=[InputRequired()])


class ReviewRoundForm(FlaskForm):
    number = SelectField(_l("Revision to send"), coerce=int, validators=[InputRequired()])
    until = DateField(
        _l("Last day for comments"),
        validators=[DataRequired()],
        description=_l("The organisations can comment until the end of this day."),
    )


class CommentForm(FlaskForm):
    organisation_id = SelectField(_l("Commenting as"), coerce=int, validators=[InputRequired()])
    text = TextAreaField(
        _l("Your comment"),
        validators=[DataRequired(), Length(max=COMMENT_MAX)],
        description=_l("Point out factual errors or omissions. Quote the passage you mean."),
    )


class AnswerForm(FlaskForm):
    version = HiddenField()
    answer = TextAreaField(_l("Answer"), validators=[DataRequired(), Length(max=COMMENT_MAX)])


class OutcomeForm(FlaskForm):
    """The per-proposal notes are added as ``note-<id>`` fields by ``outcome_form``."""

    version = HiddenField()
    statement = TextAreaField(
        _l("What the convening body will do with the input"),
        validators=[DataRequired(), Length(max=20000)],
    )
    feedback_when = DateField(_l("Feedback comes by"), validators=[DataRequired()])


def outcome_form(proposals: list, **kwargs: object) -> OutcomeForm:
    """An outcome form with one 'how it was handled' field per linked proposal."""

    class _Form(OutcomeForm):
        pass

    for p in proposals:
        setattr(
            _Form,
            f"note_{p.id}",
            TextAreaField(
                _l("How “%(title)s” (%(org)s) was handled", title=p.title, org=p.organisation.name),
                validators=[Optional(), Length(max=4000)],
            ),
        )
    return _Form(**kwargs)


def language_choices() -> list[tuple[str, str]]:
    ui = str(get_locale() or "sv")
    return [
        (code, (Locale.parse(code).get_display_name(ui) or code).capitalize()) for code in LANGUAGES
    ]


class _DocumentFields(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    language = SelectField(_l("Language"), validators=[DataRequired()])
    public = BooleanField(
        _l("Public"),
        description=_l("Public documents are shown on the meeting's public page at once."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class UploadForm(_DocumentFields):
    file = FileField(
        _l("File"),
        description=_l(
            "PDF, OpenDocument, Word, Excel, PowerPoint or plain text, at most %(mb)s MB.",
            mb="20",
        ),
    )
    replaces = HiddenField()


class LinkForm(_DocumentFields):
    url = URLField(
        _l("Address of the document"),
        validators=[DataRequired(), Length(max=URL_MAX)],
        description=_l("A full web address starting with https://."),
    )


class DocumentEditForm(_DocumentFields):
    version = HiddenField()
