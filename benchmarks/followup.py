"""The yearly follow-up report of one convening body on the national data set: build time and
the number of SQL queries, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/followup.py --generate large --db sqlite:///$PWD/instance/bench-followup.sqlite
    .venv/bin/python benchmarks/followup.py --generate large \
        --db postgresql+psycopg://postgres@127.0.0.1:5432/sakrad_bench_followup

``--generate`` fills the database first with ``benchmarks/generate.py``'s generator (50 000
organisations, 20 000 meetings, 400 000 invitations, 100 000 proposals for ``large``) and adds
feedback: five organisations' answers and one self-assessment for every held meeting, and the
follow-up question for every documented one. Without it the existing data is used. The body
and year measured are the ones with the most meetings; the report is built ``--runs`` times
(after one warm-up) with ``figures.compute``, which is all the page adds to a template.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sqlalchemy as sa  # noqa: E402

TARGET_S = 1.0


def _add_feedback(conn: sa.Connection) -> int:
    import random
    import secrets

    from sakrad.extensions import db
    from sakrad.feedback.models import MEETING_CODES
    from sakrad.feedback.service import current_question_set

    qs = current_question_set()
    db.session.flush()
    ids = {q.code: q.id for q in qs.questions}
    t = db.metadata.tables
    rng = random.Random(14)
    responses, ratings = [], []
    held = conn.execute(
        sa.text("SELECT id, state FROM meetings WHERE state IN ('held', 'documented')")
    ).all()
    for meeting_id, state in held:
        plan = [("organisation", "meeting")] * 5 + [("body", "meeting")]
        if state == "documented":
            plan += [("organisation", "followup")] * 5
        for respondent, round_ in plan:
            rid = secrets.token_hex(16)
            responses.append({"id": rid, "meeting_id": meeting_id, "question_set_id": qs.id,
                              "round": round_, "respondent": respondent})  # fmt: skip
            codes = MEETING_CODES if round_ == "meeting" else ("feedback_received",)
            for code in codes:
                value = rng.choice((1, 2, 3, 4, 5, None)) if round_ == "meeting" else (
                    rng.choice((0, 1, 2, None)))  # fmt: skip
                ratings.append({"response_id": rid, "question_id": ids[code], "value": value})
    for table, rows in (("feedback_responses", responses), ("feedback_ratings", ratings)):
        for start in range(0, len(rows), 10000):
            conn.execute(t[table].insert(), rows[start : start + 10000])
    return len(responses)


def generate(url: str, size: str) -> None:
    from generate import BENCH_INDEXES, analyse, empty_database
    from generate import generate as fill

    from sakrad.extensions import db

    started = time.perf_counter()
    with empty_database(url):
        counts = fill(size)
        counts["feedback_responses"] = _add_feedback(db.session.connection())
        for ddl in BENCH_INDEXES:
            db.session.execute(sa.text(ddl))
        db.session.commit()
        analyse()
    print("rows:", counts, f"({time.perf_counter() - started:.0f} s)", flush=True)


def measure(url: str, runs: int) -> dict:
    from sakrad import create_app
    from sakrad.extensions import db
    from sakrad.followup import figures

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"}, "production")
    with app.app_context():
        body_id, year, n = db.session.execute(sa.text(
            "SELECT m.convening_body_id, c.year, count(*) AS n FROM meetings m "
            "JOIN cycles c ON c.id = m.cycle_id WHERE c.year < 2027 "
            "GROUP BY m.convening_body_id, c.year ORDER BY n DESC, 1, 2 LIMIT 1"
        )).one()  # fmt: skip
        counter = {"n": 0}
        sa.event.listen(db.engine, "before_cursor_execute",
                        lambda *a, **k: counter.__setitem__("n", counter["n"] + 1))  # fmt: skip
        fig = figures.compute(body_id, year)  # warm-up
        times, cpu, queries = [], [], []
        for _ in range(runs):
            db.session.expire_all()
            counter["n"] = 0
            started, started_cpu = time.perf_counter(), time.process_time()
            fig = figures.compute(body_id, year)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            queries.append(counter["n"])
        totals = db.session.execute(sa.text(
            "SELECT (SELECT count(*) FROM organisations), (SELECT count(*) FROM meetings), "
            "(SELECT count(*) FROM invitations), (SELECT count(*) FROM feedback_responses)"
        )).one()  # fmt: skip
    return {
        "database": url.split(":")[0],
        "rows": dict(
            zip(
                ("organisations", "meetings", "invitations", "feedback_responses"),
                totals,
                strict=True,
            )
        ),  # fmt: skip
        "body_id": body_id,
        "year": year,
        "meetings_of_the_year": n,
        "invitations_of_the_year": fig["participation"]["invitations"],
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        # CPU time of this process (all of SQLite's work; only the client's for PostgreSQL):
        # on a shared, loaded machine the wall time above also counts waiting for a core.
        "cpu_median_s": round(statistics.median(cpu), 3),
        "queries": sorted(set(queries)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, action="append", help="SQLAlchemy URL")
    parser.add_argument("--generate", choices=("small", "large"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ok = True
    for url in args.db:
        if args.generate:
            generate(url, args.generate)
        result = measure(url, args.runs)
        ok = ok and result["median_s"] < TARGET_S  # the maximum is printed beside it
        print(result, flush=True)
    print("target met" if ok else f"TARGET MISSED (< {TARGET_S} s)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
