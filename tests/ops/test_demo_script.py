"""scripts/demo.sh points e-mail links at the address it serves on."""

import os
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run_demo_preamble(environment: dict[str, str]) -> str:
    """Run demo.sh's address lines and return the exported base URL.

    The script installs packages and then replaces itself with daphne, so the
    test runs its lines up to the first install step. Those lines set the address.
    """
    script = (PROJECT_ROOT / "scripts" / "demo.sh").read_text()
    preamble = script.split("ensure_python_env", 1)[0]
    preamble = preamble.replace(
        '"$(dirname "${BASH_SOURCE[0]}")/lib.sh"', str(PROJECT_ROOT / "scripts/lib.sh")
    )
    command = preamble + '\nprintf "%s" "${WAGTAILADMIN_BASE_URL}"\n'
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"HOST", "PORT", "WAGTAILADMIN_BASE_URL"}
    }
    result = subprocess.run(
        ["bash", "-c", command],
        env={**base, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_demo_base_url_follows_port():
    assert run_demo_preamble({"PORT": "8791"}) == "http://127.0.0.1:8791"


def test_demo_base_url_follows_host():
    url = run_demo_preamble({"HOST": "192.168.1.20", "PORT": "8080"})

    assert url == "http://192.168.1.20:8080"


def test_demo_base_url_brackets_ipv6_host():
    assert run_demo_preamble({"HOST": "::1"}) == "http://[::1]:8000"


def test_demo_base_url_keeps_explicit_value():
    url = run_demo_preamble(
        {"PORT": "8791", "WAGTAILADMIN_BASE_URL": "https://intranet.example.org"}
    )

    assert url == "https://intranet.example.org"
