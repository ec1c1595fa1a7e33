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

status=0
"${PYTHON_BIN}" -m pytest "$@" || status=$?

# pytest exits with 5 when it collected no tests: a run that tested nothing
# must not look like a pass to the caller.
if [ "${status}" -eq 5 ]; then
    die "pytest collected no tests (exit code 5)."
fi
exit "${status}"
