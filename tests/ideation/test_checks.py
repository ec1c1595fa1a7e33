"""The system check that rejects a SQLite too old to record votes."""

from ideation import checks


def test_old_sqlite_is_an_error(monkeypatch, settings):
    monkeypatch.setattr(checks.sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(checks.sqlite3, "sqlite_version", "3.34.1")

    errors = checks.check_sqlite_version()

    uses_sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    if uses_sqlite:
        assert [error.id for error in errors] == ["ideation.E001"]
        assert "3.34.1" in errors[0].msg
        assert "3.35.0" in errors[0].msg
    else:
        assert errors == []


def test_current_sqlite_passes():
    assert checks.check_sqlite_version() == []


def test_check_is_registered():
    from django.core.checks.registry import registry

    assert checks.check_sqlite_version in registry.get_checks()
