"""The questionnaire, built from the question version the link refers to."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from sakrad.feedback.models import COMMENT_MAX, FEEDBACK_RECEIVED, Question
from sakrad.feedback.questions import DONT_KNOW, FEEDBACK_LABELS, SCALE_LABELS
from sakrad.feedback.service import Answers, allowed_values

DK = "dk"


def _choices(code: str) -> list[tuple[str, str]]:
    labels = FEEDBACK_LABELS if code == FEEDBACK_RECEIVED else SCALE_LABELS
    out = [(str(v), str(labels[v])) for v in allowed_values(code)]
    if code != FEEDBACK_RECEIVED:
        out = [(v, f"{v} – {label}") for v, label in out]
    return [*out, (DK, str(DONT_KNOW))]


class _Base(FlaskForm):
    step = HiddenField(default="review")  # "review": show the answers; "send": store them
    question_codes: tuple[str, ...] = ()

    def answers(self) -> Answers:
        values = {}
        for code in self.question_codes:
            raw = getattr(self, f"q_{code}").data
            values[code] = None if raw == DK else int(raw)
        comment = getattr(self, "comment", None)
        signed = getattr(self, "signed", None)
        return Answers(
            values,
            comment=(comment.data or "").strip() if comment else "",
            signed=bool(signed.data) if signed else False,
        )

    def question_fields(self) -> list:
        return [getattr(self, f"q_{code}") for code in self.question_codes]


def questionnaire_form(questions: list[Question], lang: str, *, with_comment: bool = True):
    """A form class with one radio group per question, plus the optional comment."""

    class Form(_Base):
        pass

    for q in questions:
        setattr(
            Form,
            f"q_{q.code}",
            RadioField(
                q.text(lang),
                choices=_choices(q.code),
                validators=[InputRequired(_l("Choose an answer (or “don't know”)."))],
            ),
        )
    if with_comment:
        Form.comment = TextAreaField(
            _l("Comment (optional)"),
            description=_l("Goes to the convening body without your organisation's name."),
            validators=[Optional(), Length(max=COMMENT_MAX)],
        )
        Form.signed = BooleanField(_l("Sign the comment with our organisation's name"))
    Form.question_codes = tuple(q.code for q in questions)
    return Form


class QuestionSetForm(FlaskForm):
    """Filled dynamically: ``<code>_sv`` and ``<code>_en`` text areas per question."""

    based_on = HiddenField()


def question_set_form(questions: list[Question]):
    class Form(QuestionSetForm):
        pass

    for q in questions:
        setattr(Form, f"{q.code}_sv", TextAreaField(_l("Swedish"), default=q.text_sv))
        setattr(Form, f"{q.code}_en", TextAreaField(_l("English"), default=q.text_en))
    return Form
