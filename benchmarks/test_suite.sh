#!/usr/bin/env bash
# The test suite's wall time against the suite issue 11 measured (commit 82cdb1c), on this
# machine: the old suite as its own `make test` ran it, today's whole `make test`, and today's
# suite restricted to the old suite's tests that still exist under the same ids (a test moved
# into a shared table has a new id and is left out of that row).
#
#   bash benchmarks/test_suite.sh        (about 15 minutes; run it on an otherwise idle machine)
#
# Needs what `make test` needs (Chromium, npm) and git history back to 82cdb1c.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=82cdb1c
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/old" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

make -s install-dev >/dev/null
git worktree add --detach -q "$WORK/old" "$BASE"
(cd "$WORK/old" && python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev]' >"$WORK/pip.log" 2>&1 \
  && .venv/bin/python -m sakrad.i18n_tool compile >/dev/null)

seconds() { sed -nE 's/.* in ([0-9.]+)s.*/\1/p' "$1" | tail -1; }
counted() { sed -nE 's/^=* *([0-9]+) passed.*/\1/p' "$1" | tail -1; }

echo "old suite ($BASE, its make test: pytest, one process) ..." >&2
(cd "$WORK/old" && .venv/bin/pytest -q -p no:cacheprovider >"$WORK/old.log" 2>&1) || true
(cd "$WORK/old" && .venv/bin/pytest --collect-only -q -p no:cacheprovider 2>/dev/null) \
  | grep '::' | sort >"$WORK/old-ids"
.venv/bin/pytest --collect-only -q -p no:cacheprovider -p no:randomly 2>/dev/null \
  | grep '::' | sort >"$WORK/new-ids"
comm -12 "$WORK/old-ids" "$WORK/new-ids" >"$WORK/common-ids"

echo "today's suite, the old suite's tests only ..." >&2
.venv/bin/pytest -n 2 --dist loadfile -q -p no:cacheprovider "@$WORK/common-ids" \
  >"$WORK/common.log" 2>&1 || true
echo "today's suite, whole (make test's command) ..." >&2
.venv/bin/pytest -n 2 --dist loadfile -q -p no:cacheprovider >"$WORK/new.log" 2>&1 || true

echo "| suite | tests collected | passed | wall time (pytest's own figure) |"
echo "|---|---:|---:|---:|"
printf '| %s, its make test | %s | %s | %s s |\n' "$BASE" "$(wc -l <"$WORK/old-ids")" \
  "$(counted "$WORK/old.log")" "$(seconds "$WORK/old.log")"
printf "| today's, only the tests of %s | %s | %s | %s s |\n" "$BASE" \
  "$(wc -l <"$WORK/common-ids")" "$(counted "$WORK/common.log")" "$(seconds "$WORK/common.log")"
printf "| today's, make test | %s | %s | %s s |\n" "$(wc -l <"$WORK/new-ids")" \
  "$(counted "$WORK/new.log")" "$(seconds "$WORK/new.log")"
