"""Forms shared by every package, and the walk over a form's fields that the error summary
and ``errors.form_error`` share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations
from wtforms import Field, FieldList, Form, FormField
from wtforms.meta import DefaultMeta


class ActionForm(FlaskForm):
    """No fields: gives a POST button (deactivate, publish ...) its CSRF token."""


class SubForm(Form):
    """A repeated part of a form (one delegate, one quota row) inside ``FormField``.

    A plain ``wtforms.Form`` does not take the enclosing FlaskForm's translations, so its
    validators' messages ("Number must be at least 0.") stayed English on a Swedish page.
    """

    class Meta(DefaultMeta):
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return translations


class Parts(FieldList):
    """A ``FieldList`` whose entries have a name a person knows: ``entry_label`` is a
    lazy string with ``%(n)s`` ("Delegate %(n)s"), used by the legends and the error summary."""

    def __init__(self, *args: Any, entry_label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entry_label = entry_label

    def label_of(self, n: int) -> str:
        """The name of the ``n``-th part (from 1)."""
        return str(self.entry_label) % {"n": n} if self.entry_label else str(n)


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary: the message in words and the id it links to."""

    text: str
    href: str | None


def _leaves(fields: Any, place: str | None) -> Iterator[tuple[Field, str | None]]:
    """Every input field with the name of the repeated part it sits in ("Delegate 2")."""
    for field in fields:
        if isinstance(field, FieldList):
            parts = field if isinstance(field, Parts) and field.entry_label else None
            for n, entry in enumerate(field.entries, start=1):
                where = parts.label_of(n) if parts is not None else place
                if isinstance(entry, FormField):
                    yield from _leaves(entry.form, where)
                else:
                    yield entry, where
        elif isinstance(field, FormField):
            yield from _leaves(field.form, place)
        else:
            yield field, place


def all_fields(form: Any) -> Iterator[Field]:
    """Every input field of ``form``, the fields of repeated parts included."""
    for field, _place in _leaves(form, None):
        yield field


def field_named(form: Any, name: str) -> Field | None:
    """The field a service names ("reason", "delegates-1-email"), with or without the form's
    prefix; None when the form has no such field."""
    field = getattr(form, name, None)
    if isinstance(field, Field):
        return field
    wanted = {name, f"{getattr(form, '_prefix', '')}{name}"}
    return next((f for f in all_fields(form) if f.name in wanted), None)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def summary_items(form: Any) -> list[SummaryItem]:
    """What the error summary lists: the form's own errors, then each field's, in page order.

    A field in a repeated part names its part ("Delegate 2, email: …"), from the part's
    ``entry_label`` on the ``FieldList``, so a person knows which of the rows to fix.
    """
    items = [SummaryItem(str(m), None) for m in getattr(form, "form_errors", [])]
    for field, place in _leaves(form, None):
        label = str(field.label.text)
        if place:
            label = f"{place}, {_lower_first(label)}"
        items.extend(SummaryItem(f"{label}: {m}", f"#{field.id}") for m in field.errors)
    return items
