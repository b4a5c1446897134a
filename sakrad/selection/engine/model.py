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
    # Optional umbrella (parent) organisation; with Instance.max_per_umbrella set, at most
    # that many candidates sharing an umbrella sit on any one panel. None = no umbrella.
    umbrella: str | None = None

    labels: frozenset[tuple[str, str]] = field(
        init=False, repr=False, compare=False, hash=False, default=frozenset()
    )

    def __post_init__(self) -> None:
        # Every (feature, value) the candidate has, for fast quota membership tests.
        pairs = set()
        for f, v in self.features.items():
            for x in v if isinstance(v, frozenset) else (v,):
                pairs.add((f, x))
        object.__setattr__(self, "labels", frozenset(pairs))

    def has(self, feature: str, value: str) -> bool:
        """True if the candidate counts towards a quota on ``feature=value``."""
        return (feature, value) in self.labels


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
    # At most this many candidates with the same umbrella on any panel (None = no limit).
    max_per_umbrella: int | None = None

    def __post_init__(self) -> None:
        if self.max_per_umbrella is not None and self.max_per_umbrella < 1:
            raise ValueError("max_per_umbrella must be at least 1 (or None for no limit)")
        _canonicalise(self)
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
        labels = [norm(q.label) for q in self.quotas]
        if len(set(labels)) != len(labels):
            raise ValueError("at most one quota per feature value")

    def features(self) -> list[str]:
        """All feature names present in the pool, sorted."""
        return sorted({f for c in self.candidates for f in c.features})


def norm(text: str) -> str:
    """How names and values are compared: trimmed, case-insensitive ("Female " = "female")."""
    return " ".join(text.split()).casefold()


def _canonicalise(instance: Instance) -> None:
    """Spell every feature name and value one way, so matching is exact from here on.

    People write "Gender=Female" in the quotas and "gender: female " in the pool; such
    spellings mean the same. The canonical spelling is the quota's where a quota names
    it, otherwise the first (sorted) spelling found in the pool.
    """
    quotas = instance.quotas
    names: dict[str, str] = {}
    for q in quotas:
        names.setdefault(norm(q.feature), q.feature.strip())
    raw_names = sorted(
        {f for c in instance.candidates for f in c.features} | set(instance.multi_valued)
    )
    for f in raw_names:
        names.setdefault(norm(f), f.strip())
    values: dict[tuple[str, str], str] = {}
    for q in quotas:
        values.setdefault((norm(q.feature), norm(q.value)), q.value.strip())
    raw_values: set[tuple[str, str]] = set()
    for c in instance.candidates:
        for f, v in c.features.items():
            for x in v if isinstance(v, frozenset) else (v,):
                raw_values.add((f, x))
    for f, x in sorted(raw_values):
        values.setdefault((norm(f), norm(x)), x.strip())

    def canon_value(f: str, x: str) -> str:
        return values[(norm(f), norm(x))]

    cands = []
    for c in instance.candidates:
        feats: dict[str, FeatureValue] = {}
        for f, v in sorted(c.features.items()):
            name = names[norm(f)]
            if isinstance(v, frozenset):
                members = frozenset(canon_value(f, x) for x in v)
                old = feats.get(name)
                new: FeatureValue = old | members if isinstance(old, frozenset) else members
            else:
                new = canon_value(f, v)
            feats[name] = new
        umbrella = c.umbrella.strip() if c.umbrella is not None else None
        cands.append(Candidate(c.id, feats, umbrella or None))
    object.__setattr__(instance, "candidates", tuple(cands))
    object.__setattr__(
        instance,
        "quotas",
        tuple(
            Quota(names[norm(q.feature)], canon_value(q.feature, q.value), q.min, q.max)
            for q in quotas
        ),
    )
    object.__setattr__(
        instance, "multi_valued", tuple(sorted({names[norm(m)] for m in instance.multi_valued}))
    )


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
        if norm(name) in multi or isinstance(value, list | tuple | set | frozenset):
            if value is None:
                value = []
            elif isinstance(value, str):
                value = [value]
            feats[name] = frozenset(str(v) for v in value)
        elif value is not None:
            feats[name] = str(value)
    umbrella = raw.get("umbrella")
    return Candidate(
        id=str(raw["id"]),
        features=feats,
        umbrella=str(umbrella) if umbrella not in (None, "") else None,
    )


def instance_from_dict(data: Mapping[str, Any]) -> Instance:
    """Build an :class:`Instance` from the documented JSON structure.

    A quota without ``min`` means 0 and without ``max`` means "no maximum" (= seats).
    Feature names and values match case-insensitively after trimming. The format (see
    also ``sakrad/selection/engine/FORMAT.md``)::

        {
          "seats": 2,
          "max_per_umbrella": 1,
          "multi_valued": ["focus_areas"],
          "candidates": [
            {"id": "a", "umbrella": "Studieförbundet X",
             "features": {"county": "Skåne", "focus_areas": ["kultur"]}},
            {"id": "b", "umbrella": "Studieförbundet X",
             "features": {"county": "skåne ", "focus_areas": []}},
            {"id": "c", "features": {"county": "Gotland", "focus_areas": ["kultur"]}}
          ],
          "quotas": [{"feature": "County", "value": "Skåne", "min": 1, "max": 1}],
          "include": [{"id": "c", "reason": "sole applicant from Gotland"}],
          "exclude": []
        }

    ``umbrella`` (optional, per candidate) names the parent organisation; with
    ``max_per_umbrella`` = m (optional, default no limit) no panel of the lottery seats
    more than m candidates sharing one umbrella.
    """
    seats = int(data["seats"])
    multi = {str(m) for m in data.get("multi_valued", [])}
    multi_norm = {norm(m) for m in multi}
    candidates = tuple(_candidate_from_json(c, multi_norm) for c in data["candidates"])
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
    limit = data.get("max_per_umbrella")
    return Instance(
        seats,
        candidates,
        quotas,
        tuple(sorted(multi)),
        include,
        exclude,
        int(limit) if limit is not None else None,
    )


def _candidate_to_dict(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "features": {
            k: sorted(v) if isinstance(v, frozenset) else v for k, v in sorted(c.features.items())
        },
    }
    if c.umbrella is not None:
        out["umbrella"] = c.umbrella
    return out


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """Inverse of :func:`instance_from_dict` (sorted, so dumps are canonical).

    ``umbrella`` and ``max_per_umbrella`` appear only when set, so instances without
    them dump exactly as before.
    """
    out: dict[str, Any] = {
        "seats": instance.seats,
        "multi_valued": list(instance.multi_valued),
        "candidates": [_candidate_to_dict(c) for c in instance.candidates],
        "quotas": [
            {"feature": q.feature, "value": q.value, "min": q.min, "max": q.max}
            for q in instance.quotas
        ],
        "include": [{"id": f.id, "reason": f.reason} for f in instance.include],
        "exclude": [{"id": f.id, "reason": f.reason} for f in instance.exclude],
    }
    if instance.max_per_umbrella is not None:
        out["max_per_umbrella"] = instance.max_per_umbrella
    return out


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
    # Umbrella limit. Only umbrellas with more available members than seats they may
    # still take are listed (the others constrain nothing): their type indices, and the
    # seats left per umbrella (limit minus its must-includes; may be < 0).
    umbrellas: tuple[str, ...] = ()
    umbrella_types: tuple[tuple[int, ...], ...] = ()
    umbrella_caps: tuple[int, ...] = ()
    umbrella_max: int | None = None
    umbrella_over: tuple[str, ...] = ()  # umbrellas whose must-includes exceed the limit

    def rows(self) -> tuple[list[tuple[int, ...]], list[int], list[int]]:
        """All panel constraints besides the seat count: quotas, then umbrella limits."""
        return (
            [*self.quota_types, *self.umbrella_types],
            [*self.lo, *(min(0, c) for c in self.umbrella_caps)],
            [*self.hi, *self.umbrella_caps],
        )

    @property
    def sizes(self) -> list[int]:
        return [len(m) for m in self.members]
