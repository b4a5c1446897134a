"""The default question set (shipped in both languages) and the labels of the principles."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sakrad.feedback.models import EXPECTATIONS, FEEDBACK_RECEIVED

# (code, Swedish, English): the default set, version 1.
DEFAULT_QUESTIONS = (
    (
        "independence",
        "Vi kunde framföra våra synpunkter fritt, utan att vår självständighet ifrågasattes.",
        "We could put forward our views freely, without our independence being questioned.",
    ),
    (
        "dialogue",
        "Vi fick utrymme att framföra våra synpunkter.",
        "We were given room to put forward our views.",
    ),
    (
        "long_term",
        "Mötet är en del av en dialog som vi tror fortsätter över tid.",
        "The meeting is part of a dialogue that we believe will continue over time.",
    ),
    (
        "openness",
        "Det var tydligt hur våra synpunkter kommer att tas om hand.",
        "It was clear how our views will be taken care of.",
    ),
    (
        "quality",
        "Mötet var väl förberett och underlaget höll god kvalitet.",
        "The meeting was well prepared and the material was of good quality.",
    ),
    (
        "diversity",
        "Många olika slags organisationer och perspektiv kom till tals.",
        "Many different kinds of organisations and perspectives were heard.",
    ),
    (
        EXPECTATIONS,
        "Mötet gav det som förväntningskortet utlovade.",
        "The meeting delivered what its expectations card promised.",
    ),
    (
        FEEDBACK_RECEIVED,
        "Har ni fått återkoppling på hur era synpunkter togs om hand?",
        "Have you received feedback on how your views were taken care of?",
    ),
)

CODE_LABELS = {
    "independence": _l("Independence"),
    "dialogue": _l("Dialogue"),
    "long_term": _l("Long-term perspective"),
    "openness": _l("Openness and transparency"),
    "quality": _l("Quality"),
    "diversity": _l("Diversity"),
    EXPECTATIONS: _l("Expectations card delivered"),
    FEEDBACK_RECEIVED: _l("Feedback received on how the views were handled"),
}

SCALE_LABELS = {
    1: _l("Disagree entirely"),
    2: _l("Mostly disagree"),
    3: _l("Partly agree"),
    4: _l("Mostly agree"),
    5: _l("Agree entirely"),
}
FEEDBACK_LABELS = {2: _l("Yes"), 1: _l("Partly"), 0: _l("No")}
DONT_KNOW = _l("Don't know")
