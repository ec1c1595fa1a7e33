"""Collection rules shared by the whole test suite."""

import itertools
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

CHROMIUM_PATH = Path("/usr/bin/chromium")


def running_in_ci() -> bool:
    """Return True when the CI variable is set, as CI services and .ci/run do."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Move browser tests to the end, and skip them outside CI without chromium.

    Playwright's sync API marks an asyncio event loop as running in the main
    thread while a browser is open, and Django then rejects synchronous ORM
    calls. Running browser tests last keeps that loop away from other tests.
    This hook runs after pytest-django's, which sorts tests by database use.
    In CI a missing chromium is an error, raised by the browser fixture.
    """
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    other_items = [item for item in items if not item.get_closest_marker("browser")]
    items[:] = demo_tests_last(other_items + browser_items)

    if CHROMIUM_PATH.exists() or running_in_ci():
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM_PATH} is missing: install it with "
        "`apt-get install chromium` (scripts/test.sh does) to run browser tests"
    )
    for item in browser_items:
        item.add_marker(skip)


def demo_tests_last(items: list) -> list:
    """Return ``items`` with the tests that use ``seeded_demo`` moved after
    the other tests of their module.

    The demo stays in the database from the module's first demo test to its
    last test, so a test that expects an empty site must run before it.
    Only consecutive tests of one module move, so the order pytest-django
    gives to kinds of database tests stays as it is.
    """
    ordered = []
    for _, group in itertools.groupby(items, key=lambda item: item.module):
        tests = list(group)
        ordered += [test for test in tests if "seeded_demo" not in test.fixturenames]
        ordered += [test for test in tests if "seeded_demo" in test.fixturenames]
    return ordered


def pytest_configure(config):
    # WhiteNoise warns on every new client while STATIC_ROOT does not exist,
    # which is the normal state of a checkout where collectstatic never ran.
    config.addinivalue_line(
        "filterwarnings", "ignore:No directory at:UserWarning:django.core.handlers.base"
    )


@pytest.fixture(autouse=True)
def default_language():
    """Start and end each test in the site's default language.

    LocaleMiddleware activates the language of each request in the thread
    and leaves it there, so a test that requests an English page would make
    the next test's ``reverse()`` build English addresses.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seed the demo site once for a whole test module.

    ``seed_demo`` takes about ten seconds, and dozens of tests only read what
    it builds. The seed runs in a transaction that is rolled back after the
    module's last test, and each test's own transaction is a savepoint inside
    it, as with Django's ``TestCase.setUpTestData``. Tests that need a
    committed seed (``transactional_db``, other threads) must seed their own.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
