"""String enums that carry their human labels, so the label of a value is defined once, next to
the enum, and pages, forms and emails ask the member (``state.label``)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members have a ``label``; the module defining it calls
    ``use_labels`` once with a mapping that covers every member."""

    _label_map: dict[Any, Any]

    @property
    def label(self) -> Any:
        return type(self)._label_map[self]

    @classmethod
    def use_labels(cls, labels: Mapping[Any, Any]) -> None:
        missing = set(cls) - set(labels)
        if missing:
            raise ValueError(f"{cls.__name__} has no label for {sorted(missing)}")
        cls._label_map = dict(labels)
