"""Forms shared by every package."""

from flask_wtf import FlaskForm


class ActionForm(FlaskForm):
    """No fields: gives a POST button (deactivate, publish ...) its CSRF token."""
