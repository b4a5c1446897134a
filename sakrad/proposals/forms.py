from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from sakrad.proposals.models import (
    BACKGROUND_MAX,
    FOCUS_MAX,
    QUESTIONS_MAX,
    RESPONSE_MAX,
    TITLE_MAX,
)
from sakrad.proposals.service import REVIEW_STATES


def _limit(n: int) -> Length:
    return Length(max=n, message=_l("At most %(n)s characters, please shorten it.", n=n))


def _hint(text: object, n: int) -> object:
    return _l("%(text)s At most %(n)s characters.", text=text, n=n)


class ProposalForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int, validators=[DataRequired()])
    title = StringField(
        _l("Title"),
        validators=[DataRequired(), _limit(TITLE_MAX)],
        description=_l("A short name for the topic. At most %(n)s characters.", n=TITLE_MAX),
    )
    focus = TextAreaField(
        _l("Focus"),
        validators=[DataRequired(), _limit(FOCUS_MAX)],
        description=_hint(_l("What the topic is about and why it matters now."), FOCUS_MAX),
        render_kw={"rows": 6},
    )
    questions = TextAreaField(
        _l("Questions for the minister"),
        validators=[DataRequired(), _limit(QUESTIONS_MAX)],
        description=_hint(_l("The questions you want to raise with the minister."), QUESTIONS_MAX),
        render_kw={"rows": 8},
    )
    background = TextAreaField(
        _l("Background"),
        validators=[Optional(), _limit(BACKGROUND_MAX)],
        description=_hint(
            _l("Optional: experience, facts or earlier work that support the proposal."),
            BACKGROUND_MAX,
        ),
        render_kw={"rows": 6},
    )
    version = HiddenField()


class DecisionForm(FlaskForm):
    state = RadioField(
        _l("Decision"),
        choices=[(s.value, s.label) for s in REVIEW_STATES],
        validators=[DataRequired(message=_l("Choose a decision."))],
    )
    merged_into_id = SelectField(
        _l("Merged into"),
        coerce=int,
        validators=[Optional()],
        description=_l("Only for the decision “merged”: the proposal of this cycle it joins."),
    )
    response_text = TextAreaField(
        _l("Reasoned response"),
        validators=[_limit(RESPONSE_MAX)],
        description=_l(
            "Required for every decision. It stays a private draft until the responses of "
            "the cycle are published together."
        ),
        render_kw={"rows": 8},
    )
    version = HiddenField()


class AgendaLinkForm(FlaskForm):
    agenda_item_id = SelectField(
        _l("Agenda item that takes up the proposal"), coerce=int, validators=[Optional()]
    )
