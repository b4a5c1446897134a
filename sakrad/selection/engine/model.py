"""Plain data types of the selection engine and the JSON instance format.

Everything here is deliberately free of Flask and the database so the engine can be
run from the CLI, from tests and from the benchmark with exactly the same code.
All collections are sorted on construction so that no result ever depends on
set/dict hash order (and therefore not on PYTHONHASHSEED).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FeatureValue = str | frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """One organisation in the pool.

    ``features`` maps a feature name to a string (single-valued feature) or to a
    frozenset of strings (multi-valued feature such as ``focus_areas``).
    """

    id: str
    features: Mapping[str, FeatureValue]

    def has(self, feature: str, value: str) -> bool:
        """True if the candidate counts towards a quota on ``feature=value``."""
        got = self.features.get(feature)
        if got is None:
            return False
        if isinstance(got, frozenset):
            return value in got
        return got == value


@dataclass(frozen=True, order=True)
class Quota:
    """Between ``min`` and ``max`` seats go to candidates having ``feature=value``."""

    feature: str
    value: str
    min: int
    max: int

    @property
    def label(self) -> str:
        return f"{self.feature}={self.value}"


@dataclass(frozen=True)
class Forced:
    """A must-include or excluded candidate id with the human reason for it."""

    id: str
    reason: str = ""


@dataclass(frozen=True)
class Instance:
    """A complete selection problem: pool, seats, quotas and manual overrides."""

    seats: int
    candidates: tuple[Candidate, ...]
    quotas: tuple[Quota, ...] = ()
    multi_valued: tuple[str, ...] = ()
    include: tuple[Forced, ...] = ()
    exclude: tuple[Forced, ...] = ()

    def __post_init__(self) -> None:
        ids = [c.id for c in self.candidates]
        if len(set(ids)) != len(ids):
            raise ValueError("candidate ids must be unique")
        known = set(ids)
        for forced in (*self.include, *self.exclude):
            if forced.id not in known:
                raise ValueError(f"unknown candidate id in include/exclude: {forced.id!r}")
        if {f.id for f in self.include} & {f.id for f in self.exclude}:
            raise ValueError("a candidate cannot be both included and excluded")
        if self.seats < 0:
            raise ValueError("seats must be non-negative")
        # Canonical order: the engine never looks at input order.
        object.__setattr__(self, "candidates", tuple(sorted(self.candidates, key=lambda c: c.id)))
        object.__setattr__(self, "quotas", tuple(sorted(self.quotas)))
        object.__setattr__(self, "multi_valued", tuple(sorted(set(self.multi_valued))))
        object.__setattr__(self, "include", tuple(sorted(self.include, key=lambda f: f.id)))
        object.__setattr__(self, "exclude", tuple(sorted(self.exclude, key=lambda f: f.id)))
        labels = [q.label for q in self.quotas]
        if len(set(labels)) != len(labels):
            raise ValueError("at most one quota per feature value")

    def features(self) -> list[str]:
        """All feature names present in the pool, sorted."""
        return sorted({f for c in self.candidates for f in c.features})


@dataclass
class QuotaProblem:
    """One reason why the quotas cannot be met, with a suggested fix.

    ``value`` is None for problems about a whole feature (e.g. sum of minimums)
    or the whole pool. ``suggested_min``/``suggested_max`` come from the smallest
    total relaxation found by an integer program (None = leave unchanged).
    """

    kind: str
    feature: str | None
    value: str | None
    message_en: str
    message_sv: str
    current_min: int | None = None
    current_max: int | None = None
    suggested_min: int | None = None
    suggested_max: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class InfeasibleQuotas(Exception):
    """No panel satisfies the quotas; ``problems`` explains why and how to relax.

    ``relaxations`` lists every quota the minimal relaxation changes, as dicts with
    feature, value, min, max, suggested_min, suggested_max.
    """

    def __init__(self, problems: list[QuotaProblem], relaxations: list[dict[str, Any]]):
        self.problems = problems
        self.relaxations = relaxations
        super().__init__("; ".join(p.message_en for p in problems) or "infeasible quotas")

    def to_dict(self) -> dict[str, Any]:
        return {
            "problems": [p.to_dict() for p in self.problems],
            "relaxations": self.relaxations,
        }


def _candidate_from_json(raw: Mapping[str, Any], multi: set[str]) -> Candidate:
    feats: dict[str, FeatureValue] = {}
    for name, value in sorted(raw.get("features", {}).items()):
        if name in multi or isinstance(value, list | tuple | set | frozenset):
            feats[name] = frozenset(str(v) for v in value)
        elif value is not None:
            feats[name] = str(value)
    return Candidate(id=str(raw["id"]), features=feats)


def instance_from_dict(data: Mapping[str, Any]) -> Instance:
    """Build an :class:`Instance` from the documented JSON structure.

    A quota without ``min`` means 0 and without ``max`` means "no maximum" (= seats).
    """
    seats = int(data["seats"])
    multi = {str(m) for m in data.get("multi_valued", [])}
    candidates = tuple(_candidate_from_json(c, multi) for c in data["candidates"])
    quotas = tuple(
        Quota(
            feature=str(q["feature"]),
            value=str(q["value"]),
            min=int(q.get("min") or 0),
            max=int(q["max"]) if q.get("max") is not None else seats,
        )
        for q in data.get("quotas", [])
    )
    include = tuple(Forced(str(f["id"]), str(f.get("reason", ""))) for f in data.get("include", []))
    exclude = tuple(Forced(str(f["id"]), str(f.get("reason", ""))) for f in data.get("exclude", []))
    return Instance(seats, candidates, quotas, tuple(sorted(multi)), include, exclude)


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """Inverse of :func:`instance_from_dict` (sorted, so dumps are canonical)."""
    return {
        "seats": instance.seats,
        "multi_valued": list(instance.multi_valued),
        "candidates": [
            {
                "id": c.id,
                "features": {
                    k: sorted(v) if isinstance(v, frozenset) else v
                    for k, v in sorted(c.features.items())
                },
            }
            for c in instance.candidates
        ],
        "quotas": [
            {"feature": q.feature, "value": q.value, "min": q.min, "max": q.max}
            for q in instance.quotas
        ],
        "include": [{"id": f.id, "reason": f.reason} for f in instance.include],
        "exclude": [{"id": f.id, "reason": f.reason} for f in instance.exclude],
    }


def load_instance(text_or_dict: str | bytes | Mapping[str, Any]) -> Instance:
    """Parse a JSON string (or an already decoded dict) into an :class:`Instance`."""
    if isinstance(text_or_dict, str | bytes):
        return instance_from_dict(json.loads(text_or_dict))
    return instance_from_dict(text_or_dict)


def dump_instance(instance: Instance) -> str:
    """Serialise an :class:`Instance` to canonical JSON text."""
    return json.dumps(instance_to_dict(instance), ensure_ascii=False, sort_keys=True, indent=1)


@dataclass(frozen=True)
class Reduced:
    """The problem after applying include/exclude, grouped into interchangeable types.

    Candidates with the same quota-membership vector are interchangeable for every
    quota, so by symmetry a leximin-optimal lottery gives them equal probability.
    We therefore optimise over how many of each *type* are seated.
    """

    seats: int  # seats left after must-includes
    quotas: tuple[Quota, ...]  # original quotas (sorted)
    lo: tuple[int, ...]  # per quota: min minus must-includes having it (may be < 0)
    hi: tuple[int, ...]  # per quota: max minus must-includes having it (may be < 0)
    types: tuple[tuple[int, ...], ...]  # per type: indices of the quotas it counts towards
    members: tuple[tuple[str, ...], ...]  # per type: sorted candidate ids
    included: tuple[str, ...]
    excluded: tuple[str, ...]
    quota_types: tuple[tuple[int, ...], ...] = field(default=())  # per quota: type indices

    @property
    def sizes(self) -> list[int]:
        return [len(m) for m in self.members]
