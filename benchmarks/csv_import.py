"""Benchmark of the registry's CSV import: 5 000 organisations, dry run, then the import.

Generates deterministic, realistic organisations (counties weighted by population, valid
organisation numbers with check digits, informal groups without one), writes them as CSV,
and imports them into a fresh database: SQLite in a temporary file by default, or the
PostgreSQL database named by ``--database-url`` (its tables are DROPPED and recreated).

    .venv/bin/python benchmarks/csv_import.py
    .venv/bin/python benchmarks/csv_import.py --rows 5000 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    .venv/bin/python benchmarks/csv_import.py --write-sample benchmarks/sample_organisations.csv --rows 12
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sakrad import create_app
from sakrad.extensions import db
from sakrad.organisations import csv_io
from sakrad.organisations.demo import generate
from sakrad.organisations.service import ensure_reference_lists

TARGET_SECONDS = 10.0


def make_csv(rows: int, seed: int = 2016) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_io.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(generate(rows, seed=seed))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def run(rows: int, database_url: str | None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        app = create_app(
            {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "MAIL_FILE_DIR": None},
        )
        content = make_csv(rows)
        with app.app_context():
            db.drop_all()
            db.create_all()
            ensure_reference_lists()
            db.session.commit()

            start = time.perf_counter()
            preview = csv_io.preview(content)
            dry = time.perf_counter() - start
            assert preview.ok, [(r.line, r.errors) for r in preview.error_rows[:5]]

            start = time.perf_counter()
            _, ids = csv_io.import_rows(content)  # checks again, then writes
            db.session.commit()
            total = time.perf_counter() - start
            assert len(ids) == rows
            db.session.remove()
            db.engine.dispose()
        backend = url.split(":", 1)[0]
        print(f"{backend}: {rows} rows, {len(content) / 1e6:.2f} MB")
        print(f"  dry run (check only):        {dry:6.2f} s")
        print(f"  import (check + insert):     {total:6.2f} s")
        print(
            f"  dry run + import, as a user: {dry + total:6.2f} s (target < {TARGET_SECONDS:.0f} s)"
        )
        return dry + total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", help="PostgreSQL URL; its tables are dropped")
    parser.add_argument("--write-sample", metavar="PATH", help="only write a CSV file and exit")
    args = parser.parse_args(argv)
    if args.write_sample:
        Path(args.write_sample).write_bytes(make_csv(args.rows, seed=7))
        return 0
    seconds = run(args.rows, args.database_url)
    return 0 if seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
