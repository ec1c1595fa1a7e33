#!/usr/bin/env bash
# Install, migrate, load the demo content and serve Smart Corner on
# http://127.0.0.1:8000 with daphne (HTTP and WebSockets). Safe to run again.
#
# Environment: HOST and PORT change the address (default 127.0.0.1:8000).
# DATABASE_URL and REDIS_URL, when set, replace the embedded SQLite database
# and in-memory channel layer. WAGTAILADMIN_BASE_URL, the address used in
# e-mail links, defaults to http://HOST:PORT.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export_site_base_url "${HOST}" "${PORT}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cms.settings.dev}"

ensure_python_env
ensure_node_modules

log "Applying migrations"
"${PYTHON_BIN}" manage.py migrate --noinput
log "Loading the demo content"
"${PYTHON_BIN}" manage.py seed_demo

log "Serving on http://${HOST}:${PORT}/ (Ctrl+C stops the server)"
exec "${VENV_DIR}/bin/daphne" -b "${HOST}" -p "${PORT}" cms.asgi:application
