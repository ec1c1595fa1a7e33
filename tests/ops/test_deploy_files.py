"""The example deployment files stay valid and in step with the code."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DIR = PROJECT_ROOT / "deploy"
DEPLOY_DOC = PROJECT_ROOT / "docs" / "deploy.md"
# Names read with os.environ.get("NAME"), env.get_bool("NAME") or
# env.get_list("NAME") in the settings and apps.
VARIABLE_PATTERN = re.compile(
    r"(?:environ\.get|get_bool|get_list)\(\s*\"([A-Z][A-Z0-9_]+)\""
)
# Read by the test or development tooling only.
NOT_FOR_PRODUCTION = {"DEBUG", "PYTEST_XDIST_WORKER", "CI"}


def read_environment_variables() -> set[str]:
    names = set()
    # The settings package and every app (a folder with an apps.py).
    folders = [
        PROJECT_ROOT / "cms",
        *(p.parent for p in PROJECT_ROOT.glob("*/apps.py")),
    ]
    for folder in folders:
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            names.update(VARIABLE_PATTERN.findall(path.read_text()))
    return names - NOT_FOR_PRODUCTION


def test_deploy_doc_lists_every_variable():
    documented = DEPLOY_DOC.read_text()

    missing = sorted(
        name
        for name in read_environment_variables()
        if f"`{name}`" not in documented and name not in documented
    )

    assert missing == [], f"add these variables to docs/deploy.md: {missing}"


def test_environment_example_has_required_variables():
    example = (DEPLOY_DIR / "smartcorner.env.example").read_text()

    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"):
        assert re.search(rf"^{name}=", example, re.MULTILINE), name
    assert "DJANGO_SETTINGS_MODULE=cms.settings.production" in example


def test_timers_name_existing_commands():
    from django.core.management import get_commands

    commands = set(get_commands())
    documented = re.findall(
        r"smartcorner-[a-z0-9-]+@([a-z_]+)\.timer", DEPLOY_DOC.read_text()
    )

    assert documented
    for command in documented:
        assert command in commands, command


def test_timers_start_existing_service():
    service = DEPLOY_DIR / "systemd" / "smartcorner-manage@.service"

    for timer in (DEPLOY_DIR / "systemd").glob("*.timer"):
        assert "Unit=smartcorner-manage@%i.service" in timer.read_text(), timer.name
    assert service.exists()


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is missing"
)
def test_systemd_units_parse():
    units = sorted(str(path) for path in (DEPLOY_DIR / "systemd").iterdir())

    result = subprocess.run(  # noqa: S603 - fixed command on our own files
        ["systemd-analyze", "verify", "--man=no", *units],
        capture_output=True,
        text=True,
        check=False,
    )

    # The executables live under /srv/smartcorner on a server only.
    problems = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and "is not executable" not in line
    ]
    assert problems == []


def test_nginx_upgrades_websockets():
    config = (DEPLOY_DIR / "nginx" / "smartcorner.conf").read_text()
    websocket_block = config.split("location /ws/", 1)[1].split("}", 1)[0]

    assert "proxy_set_header Upgrade $http_upgrade;" in websocket_block
    assert "proxy_set_header Connection $connection_upgrade;" in websocket_block
    assert "proxy_http_version 1.1;" in websocket_block
    assert "X-Real-IP $remote_addr" in websocket_block
    assert "client_max_body_size" in config
