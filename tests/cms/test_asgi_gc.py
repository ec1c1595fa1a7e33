"""The ASGI entry point takes its startup objects out of garbage collection."""

import subprocess
import sys

from django.conf import settings

CHECK = (
    "import gc\n"
    "assert gc.get_freeze_count() == 0\n"
    "import cms.asgi\n"
    "print(gc.get_freeze_count())\n"
)


def test_asgi_import_freezes_startup_objects(tmp_path):
    # A fresh interpreter: this test process may have frozen objects itself.
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "SMARTCORNER_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    # Django and Wagtail alone are tens of thousands of objects.
    assert int(result.stdout.strip()) > 10_000
