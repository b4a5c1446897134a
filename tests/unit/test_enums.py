"""Enum labels are defined once, next to the enum (``sakrad.enums.LabelledEnum``)."""

import pytest

import sakrad.models  # noqa: F401  (every model module, so every labelled enum is defined)
from sakrad.enums import LabelledEnum


def _labelled_enums() -> list[type[LabelledEnum]]:
    return sorted(LabelledEnum.__subclasses__(), key=lambda cls: cls.__name__)


def test_the_application_enums_are_labelled():
    names = {cls.__name__ for cls in _labelled_enums()}
    assert {"CycleState", "MeetingState", "ProposalState", "InvitationState", "Role"} <= names


@pytest.mark.parametrize("enum_cls", _labelled_enums(), ids=lambda cls: cls.__name__)
def test_every_member_has_a_label(enum_cls):
    for member in enum_cls:
        assert str(member.label) not in ("", member.value)


def test_a_member_without_a_label_is_refused():
    with pytest.raises(TypeError):

        class Colour(LabelledEnum):
            RED = "red", "Red"
            BLUE = "blue"


def test_the_value_is_stored_and_the_label_read():
    class Colour(LabelledEnum):
        RED = "red", "Röd"

    assert Colour("red") is Colour.RED
    assert Colour.RED == "red" and str(Colour.RED) == "red"
    assert Colour.RED.label == "Röd"
    assert Colour.labels() == {Colour.RED: "Röd"}
