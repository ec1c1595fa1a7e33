#!/usr/bin/env bash
# Install what the test suite needs and run pytest. Extra arguments go to
# pytest, for example: scripts/test.sh -m "not browser" -x
#
# The suite runs on the embedded SQLite database and in-memory channel layer,
# or on PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_chromium
ensure_python_env
ensure_node_modules

# pytest-xdist runs the suite in one process per core, up to four: each
# process has its own test database, Redis database and browser servers.
# "--dist load" hands each process the tests in collection order, so tests
# that empty the database (transactional_db) still come after the others,
# as pytest-django sorts them. Pass -n 0 to run in one process.
status=0
"${PYTHON_BIN}" -m pytest -n auto --maxprocesses "${TEST_PROCESSES:-4}" --dist load "$@" \
    || status=$?

# pytest exits with 5 when it collected no tests: a run that tested nothing
# must not look like a pass to the caller.
if [ "${status}" -eq 5 ]; then
    die "pytest collected no tests (exit code 5)."
fi
exit "${status}"
