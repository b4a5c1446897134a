"""String enums that carry their human labels, so the label of a value is written once, on the
member itself, and pages, forms and emails ask the member (``state.label``)."""

from __future__ import annotations

import enum
from typing import Any


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members are written ``NAME = "value", _l("Label")``; the value is
    what is stored, the label (lazy gettext) what people read."""

    _label: Any

    def __new__(cls, value: str, label: Any = None) -> LabelledEnum:
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
