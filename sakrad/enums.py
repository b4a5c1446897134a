"""String enums that carry their human labels, so the label of a value is written once, on the
member itself, and pages, forms and emails ask the member (``state.label``)."""

from __future__ import annotations

import enum
from typing import Any


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members are written ``NAME = "value", _l("Label")``; the value is
    what is stored, the label (lazy gettext) what people read."""

    _label: Any

    # ``label`` defaults to None only so that a lookup by value (``Role("admin")``, which never
    # reaches ``__new__``) type-checks; a member written without a label is refused.
    def __new__(cls, value: str, label: Any = None) -> LabelledEnum:
        if label is None:
            raise TypeError(f"{cls.__name__}.{value}: a labelled enum member needs a label")
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> Any:
        return self._label

    @classmethod
    def labels(cls) -> dict[LabelledEnum, Any]:
        """Member -> label, in definition order (for choices and mappings)."""
        return {member: member.label for member in cls}
