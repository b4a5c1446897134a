"""Benchmark of the selection engine (leximin, legacy) against sortition-algorithms.

Generates deterministic, realistic pools of Swedish civil-society organisations
(counties weighted by population, realistic shares of legal forms, sizes and focus
areas) with quotas that bind, runs the engine, and runs the peer package's maximin
in a subprocess that is killed after ``--peer-timeout`` seconds.

    .venv/bin/python benchmarks/selection.py --sizes 300 1000 3000 --seats 20 40 --umbrella both

The peer (``pip install sortition-algorithms``) is only ever imported in the child
process started here, never by sakrad.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sakrad.selection.engine import InfeasibleQuotas, load_instance, run_selection

# County -> (population in thousands, riksområde used as county_group).
COUNTIES: dict[str, tuple[int, str]] = {
    "Stockholm": (2454, "Stockholm"),
    "Uppsala": (400, "Östra Mellansverige"),
    "Södermanland": (300, "Östra Mellansverige"),
    "Östergötland": (470, "Östra Mellansverige"),
    "Örebro": (307, "Östra Mellansverige"),
    "Västmanland": (280, "Östra Mellansverige"),
    "Jönköping": (370, "Småland med öarna"),
    "Kronoberg": (205, "Småland med öarna"),
    "Kalmar": (246, "Småland med öarna"),
    "Gotland": (61, "Småland med öarna"),
    "Blekinge": (157, "Sydsverige"),
    "Skåne": (1410, "Sydsverige"),
    "Halland": (340, "Västsverige"),
    "Västra Götaland": (1750, "Västsverige"),
    "Värmland": (283, "Norra Mellansverige"),
    "Dalarna": (288, "Norra Mellansverige"),
    "Gävleborg": (288, "Norra Mellansverige"),
    "Västernorrland": (243, "Mellersta Norrland"),
    "Jämtland": (132, "Mellersta Norrland"),
    "Västerbotten": (275, "Övre Norrland"),
    "Norrbotten": (249, "Övre Norrland"),
}
# Legal form -> (share, weights of the size classes 1-20, 21-100, 101-1000, >1000).
FORMS: dict[str, tuple[float, tuple[int, ...]]] = {
    "ideell förening": (0.55, (35, 35, 22, 8)),
    "stiftelse": (0.10, (30, 30, 25, 15)),
    "trossamfund": (0.05, (10, 30, 40, 20)),
    "ekonomisk förening/socialt företag": (0.06, (45, 35, 15, 5)),
    "studieförbund": (0.03, (0, 5, 25, 70)),
    "nätverk/paraplyorganisation": (0.08, (10, 20, 30, 40)),
    "informell grupp": (0.06, (85, 15, 0, 0)),
    "annan": (0.07, (40, 30, 20, 10)),
}
SIZES = ("1-20", "21-100", "101-1000", ">1000")
FOCUS: dict[str, float] = {
    "barn och unga": 0.30,
    "social utsatthet": 0.20,
    "kultur": 0.20,
    "integration": 0.18,
    "folkhälsa": 0.15,
    "idrott": 0.15,
    "demokrati": 0.14,
    "äldre": 0.12,
    "miljö": 0.12,
    "funktionsrätt": 0.10,
    "hbtqi": 0.05,
}


def _weighted(rng: random.Random, options: dict[str, float]) -> str:
    names = sorted(options)
    return rng.choices(names, weights=[options[n] for n in names])[0]


STUDY_ASSOCIATIONS = (
    "ABF",
    "Bilda",
    "Folkuniversitetet",
    "Ibn Rushd",
    "Kulturens",
    "Medborgarskolan",
    "NBV",
    "Sensus",
    "Studiefrämjandet",
    "Studieförbundet Vuxenskolan",
)
FEDERATIONS = 30  # national federations some local associations belong to
FEDERATED_FORMS = ("ideell förening", "nätverk/paraplyorganisation", "trossamfund")


def add_umbrellas(data: dict[str, Any], seed: int = 2024) -> dict[str, Any]:
    """Umbrella organisations and the limit "at most k/20 (at least 1) per umbrella".

    Every study association's local unit belongs to one of the 10 national study
    associations; 30 % of the other non-profit associations, networks and faith
    communities belong to one of 30 national federations (larger ones more often).
    A separate random stream, so the pool itself is the same as without umbrellas.
    """
    n, k = len(data["candidates"]), data["seats"]
    rng = random.Random(f"umbrella:{n}:{seed}")
    weights = [1.0 / (i + 1) for i in range(FEDERATIONS)]
    for c in data["candidates"]:
        form = c["features"]["form"]
        if form == "studieförbund":
            c["umbrella"] = rng.choice(STUDY_ASSOCIATIONS)
        elif form in FEDERATED_FORMS and rng.random() < 0.3:
            fed = rng.choices(range(FEDERATIONS), weights=weights)[0]
            c["umbrella"] = f"Riksförbund {fed + 1:02d}"
    data["max_per_umbrella"] = max(1, k // 20)
    return data


def make_instance(n: int, k: int, seed: int = 2024, umbrellas: bool = False) -> dict[str, Any]:
    """A deterministic pool of n organisations and binding quotas for k seats.

    With ``umbrellas``, see :func:`add_umbrellas`.
    """
    rng = random.Random(f"pool:{n}:{seed}")
    cands = []
    for i in range(n):
        county = _weighted(rng, {c: p for c, (p, _) in COUNTIES.items()})
        form = _weighted(rng, {f: s for f, (s, _) in FORMS.items()})
        size = rng.choices(SIZES, weights=FORMS[form][1])[0]
        areas: set[str] = set()
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            areas.add(_weighted(rng, FOCUS))
        cands.append(
            {
                "id": f"org{i:05d}",
                "features": {
                    "county": county,
                    "county_group": COUNTIES[county][1],
                    "form": form,
                    "size": size,
                    "focus_areas": sorted(areas),
                    "first_time": "yes" if rng.random() < 0.3 else "no",
                },
            }
        )
    f = k // 20
    quotas: list[dict[str, Any]] = []

    def share(feature: str, value: str) -> float:
        return sum(1 for c in cands if _has(c, feature, value)) / n

    for group in sorted({g for _, g in COUNTIES.values()}):
        s = share("county_group", group) * k
        quotas.append(
            _q("county_group", group, max(f, math.floor(0.7 * s)), math.ceil(1.3 * s) + f)
        )
    for form in sorted(FORMS):
        s = share("form", form) * k
        quotas.append(_q("form", form, max(f, math.floor(0.6 * s)), math.ceil(1.2 * s) + f))
    for size in SIZES:
        s = share("size", size) * k
        quotas.append(_q("size", size, max(2 * f, math.floor(s) - f), math.ceil(s) + f))
    for area, lo in (("funktionsrätt", 2), ("hbtqi", 1), ("integration", 3), ("barn och unga", 4)):
        s = share("focus_areas", area) * k
        quotas.append(_q("focus_areas", area, lo * f, max(lo * f, math.ceil(1.5 * s))))
    quotas.append(_q("first_time", "yes", int(0.4 * k), int(0.6 * k)))
    data = {"seats": k, "candidates": cands, "quotas": quotas, "multi_valued": ["focus_areas"]}
    return add_umbrellas(data, seed) if umbrellas else data


def _has(c: dict[str, Any], feature: str, value: str) -> bool:
    v = c["features"][feature]
    return value in v if isinstance(v, list) else v == value


def _q(feature: str, value: str, lo: int, hi: int) -> dict[str, Any]:
    return {"feature": feature, "value": value, "min": lo, "max": hi}


def _peer_child(instance: dict[str, Any], queue: Any) -> None:
    """Runs in a subprocess: the peer's maximin on the same instance."""
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
    from sortition_algorithms.features import FeatureValueMinMax
    from sortition_algorithms.people import People
    from sortition_algorithms.utils import normalise_dict  # noqa: F401  (import check)

    k = instance["seats"]
    quotas = {(q["feature"], q["value"]): q for q in instance["quotas"]}
    # The peer has no multi-valued features: a quota on focus_areas=X is the same as
    # a quota on a binary feature "focus_areas=X" with value "yes".
    feats: dict[str, dict[str, FeatureValueMinMax]] = {}
    rows: dict[str, dict[str, str]] = {c["id"]: {} for c in instance["candidates"]}
    for feature in sorted({f for f, _ in quotas}):
        if feature in instance["multi_valued"]:
            for (f, v), q in sorted(quotas.items()):
                if f != feature:
                    continue
                name = f"{f}={v}"
                feats[name] = {
                    "yes": FeatureValueMinMax(min=q["min"], max=q["max"]),
                    "no": FeatureValueMinMax(min=0, max=k),
                }
                for c in instance["candidates"]:
                    rows[c["id"]][name] = "yes" if v in c["features"][f] else "no"
        else:
            values = sorted({c["features"][feature] for c in instance["candidates"]})
            feats[feature] = {}
            for v in values:
                q = quotas.get((feature, v), {"min": 0, "max": k})
                feats[feature][v] = FeatureValueMinMax(min=q["min"], max=q["max"])
            for c in instance["candidates"]:
                rows[c["id"]][feature] = c["features"][feature]
    people = People(columns_to_keep=[])
    for i, (pid, row) in enumerate(sorted(rows.items())):
        people.add(pid, row, feats, i)
    t0 = time.perf_counter()
    committees, probs, _ = find_distribution_maximin(feats, people, k, [])
    elapsed = time.perf_counter() - t0
    marg = dict.fromkeys(rows, 0.0)
    for com, p in zip(committees, probs, strict=True):
        for pid in com:
            marg[pid] += p
    queue.put({"seconds": elapsed, "min": min(marg.values()), "max": max(marg.values())})


def run_peer(instance: dict[str, Any], timeout: float) -> dict[str, Any] | None:
    """The peer's result, or None on timeout/failure (the child is killed)."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_peer_child, args=(instance, queue), daemon=True)
    proc.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:
        return None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def bench_one(n: int, k: int, args: argparse.Namespace, umbrellas: bool = False) -> dict[str, Any]:
    data = make_instance(n, k, umbrellas=umbrellas)
    inst = load_instance(data)
    row: dict[str, Any] = {"n": n, "k": k, "umbrella": data.get("max_per_umbrella")}
    try:
        t0 = time.perf_counter()
        lex = run_selection(inst, seed=1, algorithm="leximin", time_budget=args.budget)
        row["lex_s"] = time.perf_counter() - t0
    except InfeasibleQuotas as exc:
        row["error"] = str(exc)
        return row
    rep = lex.report
    ideal = k / n
    row.update(
        types=rep["types"],
        maximin_s=rep["timing"]["maximin_seconds"],
        maximin_cpu=rep["timing"]["maximin_cpu_seconds"],
        t99=rep["timing"]["maximin_99_seconds"],
        t99_cpu=rep["timing"]["maximin_99_cpu_seconds"],
        lex_cpu=rep["timing"]["cpu_seconds"],
        lex_min=rep["min_probability"] / ideal,
        lex_ub=rep["progress"]["maximin_upper_bound"] / ideal,
        lex_max=rep["max_probability"],
        share_fixed=rep["progress"]["share_fixed"],
        complete=rep["progress"]["complete"],
    )
    t0 = time.perf_counter()
    leg = run_selection(inst, seed=1, algorithm="legacy", legacy_draws=args.draws)
    row["legacy_s"] = time.perf_counter() - t0
    probs = [p for p in leg.marginals.values()]
    row["legacy_min"] = min(probs) / ideal
    row["legacy_max"] = max(probs)
    row["legacy_never"] = sum(1 for p in probs if p == 0) / len(probs)
    if args.peer_timeout > 0 and not umbrellas:  # the peer has no umbrella limit
        peer = run_peer(data, args.peer_timeout)
        row["peer"] = peer
    return row


def _s(wall: float | None, cpu: float | None) -> str:
    if wall is None or cpu is None:
        return "not reached"
    return f"{wall:.1f} / {cpu:.1f}"


def _fmt(row: dict[str, Any]) -> str:
    umb = f"≤{row['umbrella']}" if row.get("umbrella") else "–"
    if "error" in row:
        return f"| {row['n']} | {row['k']} | {umb} | infeasible: {row['error']} |"
    ideal = row["k"] / row["n"]
    peer = row.get("peer", "skipped")
    if peer is None:
        peer_s, ratio = "timeout", "–"
    elif isinstance(peer, dict):
        peer_s = f"{peer['seconds']:.1f} s, min {peer['min'] / ideal:.3f}"
        ratio = f"{row['lex_min'] / (peer['min'] / ideal):.4f}"
    else:
        peer_s, ratio = "skipped", "–"
    return (
        f"| {row['n']} | {row['k']} | {umb} | {row['types']} | {_s(row['t99'], row['t99_cpu'])} "
        f"| {_s(row['maximin_s'], row['maximin_cpu'])} | {_s(row['lex_s'], row['lex_cpu'])} "
        f"| {row['lex_min']:.3f} (≤{row['lex_ub']:.3f}) | {row['lex_max']:.3f} "
        f"| {row['share_fixed']:.2f}{' ✓' if row['complete'] else ''} "
        f"| {row['legacy_min']:.3f} | {row['legacy_max']:.3f} | {row['legacy_never']:.1%} "
        f"| {row['legacy_s']:.1f} | {peer_s} | {ratio} |"
    )


HEADER = (
    "| n | k | per umbrella | types | maximin proven within 1% s (wall / CPU) "
    "| maximin proven s (wall / CPU) "
    "| leximin run s (wall / CPU) | leximin min/(k/n) (bound) | leximin max p "
    "| share fixed (✓ = full leximin) | legacy min/(k/n) | legacy max p | legacy never selected "
    "| legacy s | peer maximin (sortition-algorithms) | ours/peer min |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    ap.add_argument("--seats", type=int, nargs="+", default=[20, 40])
    ap.add_argument("--budget", type=float, default=60.0, help="leximin time budget (s)")
    ap.add_argument("--draws", type=int, default=2000, help="legacy Monte-Carlo draws")
    ap.add_argument("--peer-timeout", type=float, default=90.0, help="0 = skip the peer")
    ap.add_argument(
        "--umbrella",
        choices=("off", "on", "both"),
        default="both",
        help="umbrella organisations with at most max(1, k/20) per umbrella (see add_umbrellas)",
    )
    ap.add_argument(
        "--no-peel",
        action="store_true",
        help="column generation only (engine 1.1's way), to compare with peeling",
    )
    args = ap.parse_args(argv)
    if args.no_peel:
        from sakrad.selection.engine import leximin

        leximin.PEEL = False
    modes = {"off": [False], "on": [True], "both": [False, True]}[args.umbrella]
    print(HEADER, flush=True)
    for n in args.sizes:
        for k in args.seats:
            for umbrellas in modes:
                print(_fmt(bench_one(n, k, args, umbrellas)), flush=True)


if __name__ == "__main__":
    main()
