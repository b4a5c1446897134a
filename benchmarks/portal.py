"""Portal speed at national scale: SQL queries per request, server-side median (p50) and p95
with the page cache off and on, and gunicorn requests/s of a meeting page against a trivial
endpoint of the same app.

Generate the data sets first (benchmarks/generate.py), then for example:

    .venv/bin/python benchmarks/portal.py \
        --db small-sqlite=sqlite:///instance/bench-small.sqlite \
        --db large-sqlite=sqlite:///instance/bench-large.sqlite \
        --db large-pg=postgresql+psycopg://postgres@127.0.0.1:5432/sakrad_bench

Server-side time is the WSGI call measured in-process (Flask test client, no network);
queries are counted with a ``before_cursor_execute`` listener. "Cached" runs the same requests
with the page cache on (in-process ``SimpleCache``) after one warm-up pass over every URL;
pages the cache does not hold (the API, feeds, ``/healthz``) show the same work again. The gunicorn run uses two
sync workers and a load generator of two processes on the same machine.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

TARGET_P95_MS = 50.0
PUBLIC_BASE_URL = "http://127.0.0.1:8765"  # production requires one (links in feeds and the API)
WORDS = ["integration", "folkbildning", "landsbygd", "ungdomar", "kultur", "klimat", "språk"]


def _scenarios(app) -> dict[str, list[str]]:
    """URLs per measured page, varied so no single row is hot in every cache."""
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting
    from sakrad.portal.rules import meeting_public

    rng = random.Random(7)
    with app.app_context():
        ids = list(
            db.session.scalars(sa.select(Meeting.id).where(meeting_public()).order_by(Meeting.id))
        )
        years = list(db.session.scalars(sa.text("SELECT DISTINCT year FROM cycles ORDER BY year")))
        pages = max(1, len(ids) // 20)
    return {
        "home": ["/"],
        "search (text + filters)": [
            f"/search?q={rng.choice(WORDS)}&year={rng.choice(years)}&type=meeting"
            for _ in range(50)
        ],
        "meeting page": [f"/meetings/{rng.choice(ids)}" for _ in range(200)],
        "API meetings list": [
            f"/api/v1/meetings?page={rng.randrange(1, pages + 1)}" for _ in range(50)
        ],
        "Atom feed": ["/feeds/meetings.atom"],
        "/healthz": ["/healthz"],
    }


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def measure(
    url: str, requests: int, cached: bool, pages: list[str] | None = None
) -> dict[str, dict]:
    from sakrad import create_app
    from sakrad.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "PORTAL_PAGE_CACHE_SECONDS": 600 if cached else 0,
        },
        "production",
    )
    counter = {"n": 0}
    with app.app_context():
        sa.event.listen(
            db.engine,
            "before_cursor_execute",
            lambda *a, **k: counter.__setitem__("n", counter["n"] + 1),
        )
    client = app.test_client()
    rows = {}
    for name, urls in _scenarios(app).items():
        if pages and name not in pages:
            continue
        warm = urls if cached else urls[:10]  # the cache holds every URL; else warm the pool
        for u in dict.fromkeys(warm):
            client.get(u)
        times, cpu, queries = [], [], []
        for i in range(requests):
            u = urls[i % len(urls)]
            counter["n"] = 0
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(u)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            queries.append(counter["n"])
            assert response.status_code == 200, (u, response.status_code)
        rows[name] = {
            "median": statistics.median(times),
            "p95": _percentile(times, 0.95),
            "cpu": statistics.median(cpu),
            "queries": f"{min(queries)}–{max(queries)}"
            if min(queries) != max(queries)
            else str(queries[0]),
        }
    return rows


def _load(port: int, path: str, seconds: float, out: mp.Queue) -> None:
    done, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status == 200:
            done += 1
    out.put(done)


def requests_per_second(port: int, path: str, seconds: float, clients: int = 2) -> float:
    queue: mp.Queue = mp.Queue()
    procs = [mp.Process(target=_load, args=(port, path, seconds, queue)) for _ in range(clients)]
    for p in procs:
        p.start()
    total = sum(queue.get() for _ in procs)
    for p in procs:
        p.join()
    return total / seconds


def gunicorn_ratio(
    url: str, meeting_path: str, seconds: float, redis_url: str
) -> tuple[float, float]:
    port = 8765
    env = {
        **os.environ,
        "SAKRAD_DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "SAKRAD_ENV": "production",
        "SAKRAD_PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        # Two workers must share the login throttle: production refuses to start without it.
        "SAKRAD_RATELIMIT_STORAGE_URI": redis_url,
    }
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with code {proc.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        requests_per_second(port, meeting_path, 1)  # warm-up
        trivial = requests_per_second(port, "/healthz", seconds)
        meeting = requests_per_second(port, meeting_path, seconds)
        return trivial, meeting
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", action="append", required=True, help="label=SQLAlchemy URL")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--gunicorn-seconds", type=float, default=8)
    parser.add_argument("--page", action="append", help="measure only these pages (by name)")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/15",
        help="the login throttle's storage for the gunicorn run (its two workers share it)",
    )
    args = parser.parse_args()

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        "| data set / database | page | SQL queries (uncached) | uncached p50 ms | uncached p95 ms"
        " | uncached app CPU p50 ms | cached p50 ms | cached p95 ms | SQL queries (cached) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    ratios = []
    for spec in args.db:
        label, url = spec.split("=", 1)
        uncached = measure(url, args.requests, cached=False, pages=args.page)
        cached = measure(url, args.requests, cached=True, pages=args.page)
        for name, r in uncached.items():
            c = cached[name]
            flag = "" if r["p95"] < TARGET_P95_MS else " ⚠"
            print(
                f"| {label} | {name} | {r['queries']} | {r['median']:.1f} | {r['p95']:.1f}{flag} | "
                f"{r['cpu']:.1f} | {c['median']:.1f} | {c['p95']:.1f} | {c['queries']} |",
                flush=True,
            )
        if args.gunicorn_seconds > 0:
            from sakrad import create_app

            app = create_app(
                {
                    "SQLALCHEMY_DATABASE_URI": url,
                    "SECRET_KEY": "bench",
                    "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
                },
                "production",
            )
            meeting_path = _scenarios(app)["meeting page"][0]
            trivial, meeting = gunicorn_ratio(url, meeting_path, args.gunicorn_seconds, args.redis)
            ratios.append((label, trivial, meeting))
    if ratios:
        print()
        print("| data set / database | /healthz req/s | meeting page req/s | ratio |")
        print("|---|---:|---:|---:|")
        for label, trivial, meeting in ratios:
            print(f"| {label} | {trivial:.0f} | {meeting:.0f} | {meeting / trivial:.0%} |")


if __name__ == "__main__":
    main()
