# Shared set-up steps for scripts/demo.sh and scripts/test.sh.
# Source this file; it defines functions and changes to the project root.

set -euo pipefail

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV_DIR="${PROJECT_ROOT}/.venv"
PYTHON_BIN="${VENV_DIR}/bin/python"
CHROMIUM_PATH="/usr/bin/chromium"

# Playwright drives Debian's chromium; it must never download a browser build.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

cd "${PROJECT_ROOT}"

log() {
    printf '==> %s\n' "$*" >&2
}

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Print the SHA-256 of a file, used to skip installs whose inputs did not change.
file_digest() {
    sha256sum "$1" | cut -d ' ' -f 1
}

# Export WAGTAILADMIN_BASE_URL as http://HOST:PORT unless it is already set, so
# that links in e-mails point at the address the demo server listens on.
export_site_base_url() {
    local host="$1" port="$2"
    # An IPv6 address needs brackets inside a URL.
    case "${host}" in
        *:*) host="[${host}]" ;;
    esac
    export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-http://${host}:${port}}"
}

# Find a Python 3.11 interpreter: $PYTHON if set, else python3.11, else python3.
find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "${candidate}" ] || continue
        command -v "${candidate}" >/dev/null 2>&1 || continue
        if "${candidate}" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            command -v "${candidate}"
            return 0
        fi
    done
    return 1
}

# Create .venv when missing and install requirements.txt into it. The digest of
# requirements.txt is stored in the virtual environment so that a re-run with
# unchanged requirements skips pip.
ensure_python_env() {
    local python stamp="${VENV_DIR}/.requirements.sha256"
    if [ ! -x "${PYTHON_BIN}" ]; then
        python="$(find_python)" || die "Python 3.11 not found: install it \
(Debian: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3.11."
        log "Creating ${VENV_DIR} with ${python}"
        "${python}" -m venv "${VENV_DIR}" || die "creating ${VENV_DIR} failed: \
on Debian, install python3-venv (apt-get install python3-venv) and run again."
    fi
    if [ -f "${stamp}" ] && [ "$(cat "${stamp}")" = "$(file_digest requirements.txt)" ]; then
        log "Python packages already match requirements.txt"
        return 0
    fi
    log "Installing Python packages from requirements.txt"
    "${PYTHON_BIN}" -m pip install --quiet -r requirements.txt
    file_digest requirements.txt >"${stamp}"
}

# Install the npm packages pinned by package-lock.json (htmx, its WebSocket
# extension, axe-core). Skipped when node_modules was installed from the same
# lock file.
ensure_node_modules() {
    local stamp="node_modules/.package-lock.sha256"
    command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 \
and npm (Debian: apt-get install nodejs npm)."
    if [ -f "${stamp}" ] && [ "$(cat "${stamp}")" = "$(file_digest package-lock.json)" ]; then
        log "npm packages already match package-lock.json"
        return 0
    fi
    log "Installing npm packages with npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    file_digest package-lock.json >"${stamp}"
}

# Run a command as root: directly when root, through sudo when it needs no
# password, else fail with the command to run by hand.
run_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo "$@"
    else
        die "this step needs root: run 'sudo $*' yourself, or run this script as root."
    fi
}

# Install Debian's chromium for the browser tests when it is missing.
ensure_chromium() {
    if [ -x "${CHROMIUM_PATH}" ]; then
        return 0
    fi
    log "Installing Debian's chromium (${CHROMIUM_PATH} is missing)"
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
    [ -x "${CHROMIUM_PATH}" ] || die "apt-get installed chromium but ${CHROMIUM_PATH} \
is still missing."
}
