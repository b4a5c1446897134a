from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from sakrad.accounts.models import BodyKind, Role
from sakrad.accounts.passwords import MIN_PASSWORD_LENGTH
from sakrad.accounts.strength import MESSAGES as STRENGTH_MESSAGES

ERRORS = {
    "email_taken": _l("An account with this email address already exists."),
    "password_too_short": _l(
        "The password must be at least %(n)s characters long.", n=MIN_PASSWORD_LENGTH
    ),
    "body_required": _l("A civil servant must belong to a convening body."),
    "wrong_password": _l("The current password is not correct."),
    "body_exists": _l("A convening body with this name already exists."),
    **STRENGTH_MESSAGES,
}

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.CIVIL_SERVANT: _l("Civil servant"),
    Role.ORG_REP: _l("Organisation representative"),
}

BODY_KIND_LABELS = {
    BodyKind.MINISTRY: _l("Ministry"),
    BodyKind.AGENCY: _l("Government agency"),
    BodyKind.REGION: _l("Region"),
    BodyKind.MUNICIPALITY: _l("Municipality"),
}


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(), Email(check_deliverability=False)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)s characters.", n=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("The passwords do not match.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    role = SelectField(_l("Role"), choices=[(r.value, label) for r, label in ROLE_LABELS.items()])
    convening_body_id = SelectField(
        _l("Convening body"),
        coerce=int,
        validators=[Optional()],
        description=_l("Required for civil servants."),
    )
    language = SelectField(
        _l("Language for emails"), choices=[("sv", "Svenska"), ("en", "English")]
    )
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l(
            "At least %(n)s characters. Give it to the person in a safe way.", n=MIN_PASSWORD_LENGTH
        ),
        render_kw={"autocomplete": "new-password"},
    )


class BodyForm(FlaskForm):
    name = StringField(_l("Name (Swedish)"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), Length(max=200)])
    kind = SelectField(
        _l("Kind"), choices=[(k.value, label) for k, label in BODY_KIND_LABELS.items()]
    )
