"""A deterministic, realistic national data set for the portal benchmark.

A national installation (all ministries, agencies, 21 regions, 290 municipalities, ten
years): 50 000 organisations, 20 000 meetings, 400 000 invitations, 100 000 proposals in
the large set, a tenth of each in the small one. Rows go straight into the tables with
bulk inserts (no services, no audit), then the search index is rebuilt once.

    .venv/bin/python benchmarks/generate.py --size small --db sqlite:///instance/bench-small.sqlite
    .venv/bin/python benchmarks/generate.py --size large \
        --db postgresql+psycopg://postgres@127.0.0.1:5432/sakrad_bench

The database is emptied first (drop_all/create_all). The same seed gives the same data.
``BENCH_INDEXES`` are created here for the benchmark only; the report lists them as the
model change they stand for.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

SIZES = {
    "large": {"organisations": 50_000, "meetings": 20_000, "invitations": 400_000, "proposals": 100_000},
    "small": {"organisations": 5_000, "meetings": 2_000, "invitations": 40_000, "proposals": 10_000},
}  # fmt: skip
YEARS = range(2018, 2028)
# Fixed, so the same seed gives the same rows on any day; 2027 cycles lie in the future.
EPOCH = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

# Indexes the portal's queries use at national size (see the report for the model lines).
BENCH_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_bench_meetings_announced_at ON meetings (announced_at)",
    "CREATE INDEX IF NOT EXISTS ix_bench_meetings_cancelled_at ON meetings (cancelled_at)",
    "CREATE INDEX IF NOT EXISTS ix_bench_meetings_state ON meetings (state)",
    "CREATE INDEX IF NOT EXISTS ix_bench_sessions_ends_at ON meeting_sessions (ends_at, meeting_id)",
    "CREATE INDEX IF NOT EXISTS ix_bench_minutes_pub_at ON minutes_publications (published_at)",
    "CREATE INDEX IF NOT EXISTS ix_bench_batches_at ON response_batches (published_at)",
    "CREATE INDEX IF NOT EXISTS ix_bench_search_doc_type ON search_documents (doc_type, updated_at)",
    "CREATE INDEX IF NOT EXISTS ix_bench_search_updated ON search_documents (updated_at)",
    "CREATE INDEX IF NOT EXISTS ix_bench_proposals_published ON topic_proposals (response_published_at)",
    "CREATE INDEX IF NOT EXISTS ix_bench_audit_public ON audit_entries (entity_type, entity_id, public)",
)

MINISTRIES = [
    "Arbetsmarknadsdepartementet", "Finansdepartementet", "Försvarsdepartementet",
    "Infrastrukturdepartementet", "Justitiedepartementet", "Klimat- och näringslivsdepartementet",
    "Kulturdepartementet", "Landsbygds- och infrastrukturdepartementet", "Socialdepartementet",
    "Utbildningsdepartementet", "Utrikesdepartementet", "Statsrådsberedningen",
]  # fmt: skip
AGENCIES = [
    "Myndigheten för ungdoms- och civilsamhällesfrågor", "Folkhälsomyndigheten",
    "Socialstyrelsen", "Arbetsförmedlingen", "Migrationsverket", "Boverket",
    "Jämställdhetsmyndigheten", "Länsstyrelsen i Stockholms län", "Skolverket",
    "Kulturrådet", "Naturvårdsverket", "Tillväxtverket",
]  # fmt: skip
AREAS = [
    "Integration", "Folkbildning", "Civilsamhällets villkor", "Jämställdhet", "Barnrätt",
    "Landsbygdsutveckling", "Folkhälsa", "Funktionsrätt", "Kultur", "Idrott",
    "Arbetsmarknad", "Bostad och boende", "Klimatomställning", "Trygghet", "Ungdomspolitik",
]  # fmt: skip
WORDS = [
    "etablering",
    "nyanlända",
    "landsbygd",
    "föreningsliv",
    "ideell",
    "sektor",
    "folkbildning",
    "studieförbund",
    "ungdomar",
    "äldre",
    "ensamhet",
    "psykisk",
    "hälsa",
    "funktionsnedsättning",
    "tillgänglighet",
    "språk",
    "arbete",
    "praktik",
    "bostäder",
    "hemlöshet",
    "våld",
    "i",
    "nära",
    "relationer",
    "barnrätt",
    "skola",
    "fritid",
    "idrott",
    "kultur",
    "bibliotek",
    "demokrati",
    "tillit",
    "samverkan",
    "finansiering",
    "bidrag",
    "överenskommelse",
    "partnerskap",
    "klimat",
    "omställning",
    "trygghet",
    "brottsförebyggande",
    "digitalisering",
    "kompetens",
    "jämställdhet",
    "hbtqi",
    "nationella",
    "minoriteter",
    "samiska",
    "romska",
    "inkludering",
]
FORMS = ["ideell_forening", "stiftelse", "trossamfund", "ekonomisk_forening", "natverk", "annan"]
SIZES_ORG = ["1-20", "21-100", "101-1000", "1000+"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict], batch: int = 5000) -> None:
    for start in range(0, len(rows), batch):
        conn.execute(table.insert(), rows[start : start + batch])


def _counties() -> list[tuple[str, int]]:
    from sakrad.organisations import reference

    return [(c.code, c.population) for c in reference.COUNTIES.values()]


def generate(size: str, seed: int = 2026) -> dict[str, int]:
    from sakrad.extensions import db
    from sakrad.organisations import reference

    n = SIZES[size]
    rng = random.Random(seed)
    md = db.metadata
    t = md.tables
    conn = db.session.connection()
    counts: dict[str, int] = {}

    # Convening bodies: ministries, agencies, 21 regions, municipalities (scaled).
    bodies = [(name, "ministry") for name in MINISTRIES] + [(a, "agency") for a in AGENCIES]
    bodies += [(f"Region {name.split()[0].removesuffix('s')}", "region")
               for _, name in [(c.code, c.name_sv) for c in reference.COUNTIES.values()]]  # fmt: skip
    munis = list(reference.MUNICIPALITY_NAMES.items())
    n_munis = 290 if size == "large" else 29
    bodies += [(f"{name} kommun", "municipality") for _, name in munis[:n_munis]]
    body_rows = [
        {"id": i, "name": name, "name_en": None, "slug": f"body-{i}", "kind": kind}
        for i, (name, kind) in enumerate(dict(bodies).items(), 1)
    ]
    _insert(conn, t["convening_bodies"], body_rows)
    counts["convening_bodies"] = len(body_rows)

    # Organisations, counties weighted by population.
    codes, weights = zip(*_counties(), strict=True)
    org_rows, org_county = [], {}
    for i in range(1, n["organisations"] + 1):
        county = reference.NATIONAL if rng.random() < 0.08 else rng.choices(codes, weights)[0]
        org_county[i] = county
        org_rows.append(
            {
                "id": i,
                "name": f"{rng.choice(WORDS).capitalize()}föreningen {rng.choice(WORDS)} {i}",
                "slug": f"org-{i}",
                "form": rng.choice(FORMS),
                "county": county,
                "size": rng.choice(SIZES_ORG),
                "description": _text(rng, 25),
                "contact_email": f"info{i}@example.se",
                "verified": rng.random() < 0.6,
            }
        )
    _insert(conn, t["organisations"], org_rows)
    counts["organisations"] = len(org_rows)

    # Cycles: each body runs cycles in some years, one policy area each.
    cycle_rows = []
    per_body_year = max(1, n["meetings"] // 6 // (len(body_rows) * len(YEARS)) + 1)
    cid = 0
    taken: dict[tuple[int, int], set[str]] = {}
    target_cycles = n["meetings"] // 6
    while len(cycle_rows) < target_cycles:
        for body in body_rows:
            for year in YEARS:
                if len(cycle_rows) >= target_cycles or rng.random() > 0.6 / per_body_year:
                    continue
                used = taken.setdefault((body["id"], year), set())
                areas = [a for a in AREAS if a not in used]
                if not areas:
                    continue
                area = rng.choice(areas)
                used.add(area)
                cid += 1
                opens = datetime(year, 1, 15, 9, tzinfo=UTC)
                cycle_rows.append(
                    {
                        "id": cid,
                        "convening_body_id": body["id"],
                        "year": year,
                        "policy_area": area,
                        "description": _text(rng, 30),
                        "call_opens_at": opens,
                        "call_closes_at": opens + timedelta(days=45 if year < 2027 else 400),
                        "high_level_on": date(year, 5, 20),
                        "state": "archived"
                        if year < 2025
                        else ("closed" if year < 2027 else "open"),
                    }
                )
    _insert(conn, t["cycles"], cycle_rows)
    counts["cycles"] = len(cycle_rows)

    # Meetings with sessions and agenda items.
    meeting_rows, session_rows, item_rows = [], [], []
    sid = iid = 0
    for mid in range(1, n["meetings"] + 1):
        cycle = cycle_rows[(mid - 1) % len(cycle_rows)]
        year = cycle["year"]
        start = datetime(year, 3, 1, 8, tzinfo=UTC) + timedelta(
            days=rng.randrange(0, 270), hours=rng.randrange(0, 6)
        )
        past = start < EPOCH
        roll = rng.random()
        if roll < 0.04:
            state = "draft"
        elif roll < 0.09:
            state = "cancelled"
        elif not past:
            state = "announced"
        else:
            state = "documented" if roll < 0.8 else "held"
        announced = None if state == "draft" else start - timedelta(days=40)
        meeting_rows.append(
            {
                "id": mid,
                "cycle_id": cycle["id"],
                "convening_body_id": cycle["convening_body_id"],
                "kind": "high_level" if mid % 6 == 1 else "sakrad",
                "title": f"Sakråd om {rng.choice(WORDS)} och {rng.choice(WORDS)} ({mid})",
                "diary_number": f"Dnr {year}/{mid:05d}",
                "chair_title": "statssekreterare",
                "participating_bodies": [],
                "seats": 20,
                "purpose": _text(rng, 20),
                "policy_stage": _text(rng, 10),
                "questions": _text(rng, 15),
                "out_of_scope": _text(rng, 6),
                "use_of_input": _text(rng, 10),
                "feedback_plan": _text(rng, 6),
                "internal_notes": "intern anteckning",
                "state": state,
                "announced_at": announced,
                "held_at": start if state in ("held", "documented") else None,
                "documented_at": start + timedelta(days=21) if state == "documented" else None,
                "cancelled_at": start - timedelta(days=5) if state == "cancelled" else None,
                "cancel_reason": "Inställt." if state == "cancelled" else None,
                "created_at": start - timedelta(days=60),
                "updated_at": start - timedelta(days=30),
            }
        )
        for s in range(1 if mid % 4 else 2):
            sid += 1
            at = start + timedelta(days=7 * s)
            session_rows.append(
                {
                    "id": sid,
                    "meeting_id": mid,
                    "position": s,
                    "starts_at": at,
                    "ends_at": at + timedelta(hours=3),
                    "place": "Rosenbad, Stockholm",
                    "online_url": "https://meet.example.se/x" if s else None,
                }
            )
            for p in range(3):
                iid += 1
                item_rows.append(
                    {
                        "id": iid,
                        "session_id": sid,
                        "position": p,
                        "title": f"{rng.choice(WORDS).capitalize()} och {rng.choice(WORDS)}",
                        "duration_minutes": 45,
                        "presenter_kind": "body",
                    }
                )
    _insert(conn, t["meetings"], meeting_rows)
    _insert(conn, t["meeting_sessions"], session_rows)
    _insert(conn, t["agenda_items"], item_rows)
    counts.update(
        meetings=len(meeting_rows), sessions=len(session_rows), agenda_items=len(item_rows)
    )

    # Invitations: 20 different organisations per meeting, answers and attendance.
    inv_rows = []
    per_meeting = n["invitations"] // n["meetings"]
    for m in meeting_rows:
        if m["state"] == "draft":
            orgs = rng.sample(range(1, n["organisations"] + 1), per_meeting)
        else:
            orgs = rng.sample(range(1, n["organisations"] + 1), per_meeting)
        for org in orgs:
            answer = rng.random()
            state = "accepted" if answer < 0.7 else ("declined" if answer < 0.9 else "expired")
            if m["state"] == "draft":
                state = "pending"
            inv_rows.append(
                {
                    "meeting_id": m["id"],
                    "organisation_id": org,
                    "state": state,
                    "origin": "selection",
                    "deadline": m["created_at"] + timedelta(days=20),
                    "sent_at": None if state == "pending" else m["created_at"] + timedelta(days=5),
                    "answered_at": m["created_at"] + timedelta(days=9) if state in ("accepted", "declined") else None,
                    "attended": (rng.random() < 0.9) if state == "accepted" and m["state"] in ("held", "documented") else None,
                }
            )  # fmt: skip
    _insert(conn, t["invitations"], inv_rows, batch=10000)
    counts["invitations"] = len(inv_rows)

    # Proposals with published responses; accepted ones linked to an agenda item.
    prop_rows, batch_rows = [], []
    items_by_cycle: dict[int, list[int]] = {}
    session_meeting = {s["id"]: s["meeting_id"] for s in session_rows}
    meeting_cycle = {m["id"]: m["cycle_id"] for m in meeting_rows}
    for item in item_rows:
        items_by_cycle.setdefault(meeting_cycle[session_meeting[item["session_id"]]], []).append(
            item["id"]
        )
    for c in cycle_rows:
        batch_rows.append(
            {"id": c["id"], "cycle_id": c["id"], "published_at": c["call_closes_at"] + timedelta(days=20),
             "proposal_count": 0}
        )  # fmt: skip
    for pid in range(1, n["proposals"] + 1):
        c = cycle_rows[(pid - 1) % len(cycle_rows)]
        decided = c["year"] < 2027
        state = (
            rng.choice(["accepted", "accepted", "deferred", "declined"]) if decided else "submitted"
        )
        published = decided and rng.random() < 0.95
        items = items_by_cycle.get(c["id"], [])
        prop_rows.append(
            {
                "id": pid,
                "cycle_id": c["id"],
                "organisation_id": rng.randrange(1, n["organisations"] + 1),
                "title": f"Förslag om {rng.choice(WORDS)} och {rng.choice(WORDS)} {pid}",
                "focus": _text(rng, 20),
                "questions": _text(rng, 15),
                "state": state,
                "response_text": _text(rng, 25) if decided else None,
                "decided_at": c["call_closes_at"] + timedelta(days=10) if decided else None,
                "response_published_at": batch_rows[c["id"] - 1]["published_at"] if published else None,
                "batch_id": c["id"] if published else None,
                "agenda_item_id": rng.choice(items) if state == "accepted" and items and rng.random() < 0.5 else None,
            }
        )  # fmt: skip
    _insert(conn, t["response_batches"], batch_rows)
    _insert(conn, t["topic_proposals"], prop_rows, batch=10000)
    counts.update(proposals=len(prop_rows), response_batches=len(batch_rows))

    # Minutes, outcomes and a document for every documented meeting.
    rev_rows, pub_rows, outcome_rows, doc_rows = [], [], [], []
    for m in meeting_rows:
        if m["state"] != "documented":
            continue
        rid = len(rev_rows) + 1
        rev_rows.append({"id": rid, "meeting_id": m["id"], "number": 1, "text": _text(rng, 120)})
        pub_rows.append(
            {
                "id": rid,
                "meeting_id": m["id"],
                "revision_id": rid,
                "published_at": m["documented_at"],
            }
        )
        outcome_rows.append(
            {"meeting_id": m["id"], "statement": _text(rng, 30), "published_statement": _text(rng, 30),
             "published_at": m["documented_at"]}
        )  # fmt: skip
        doc_rows.append(
            {"meeting_id": m["id"], "title": "Presentation", "public": True, "kind": "link",
             "url": f"https://www.regeringen.se/dokument/{m['id']}"}
        )  # fmt: skip
    _insert(conn, t["minutes_revisions"], rev_rows)
    _insert(conn, t["minutes_publications"], pub_rows)
    _insert(conn, t["meeting_outcomes"], outcome_rows)
    _insert(conn, t["meeting_documents"], doc_rows)
    counts.update(minutes=len(pub_rows), documents=len(doc_rows))
    return counts


@contextmanager
def empty_database(url: str) -> Iterator[None]:
    """The application's context on an empty database with the models' tables (SQLite: a new
    file, far quicker than dropping the tables of a large one)."""
    from sakrad import create_app
    from sakrad.extensions import db

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"}, "development")
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            db.session.execute(sa.text("PRAGMA synchronous = OFF"))
        else:
            db.drop_all()
        db.create_all()
        yield


def analyse() -> None:
    """Fresh planner statistics once the rows are in."""
    from sakrad.extensions import db

    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        with db.engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of the benchmark database")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    from sakrad.extensions import db
    from sakrad.portal import search

    started = time.perf_counter()
    with empty_database(args.db):
        search.ensure_schema()
        counts = generate(args.size, args.seed)
        db.session.commit()
        print("rows:", counts, f"({time.perf_counter() - started:.0f} s)", flush=True)
        for ddl in BENCH_INDEXES:
            db.session.execute(sa.text(ddl))
        indexed = search.reindex()
        db.session.commit()
        print("search index:", indexed, f"({time.perf_counter() - started:.0f} s)", flush=True)
        analyse()
    print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
