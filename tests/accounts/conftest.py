"""Fixtures of the account tests: people with known passwords, a clean cache."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from accounts import groups
from accounts.models import User, UserKind

PASSWORD = "un mot de passe assez long"


@pytest.fixture(autouse=True)
def clean_cache():
    """Forget rate-limit and lockout counters between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agent(db) -> User:
    return User.objects.create_user(
        email="camille.durand@example.org",
        password=PASSWORD,
        first_name="Camille",
        last_name="Durand",
    )


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user(
        email="dominique.editeur@example.org",
        password=PASSWORD,
        first_name="Dominique",
        last_name="Leroy",
    )
    user.groups.add(Group.objects.get(name=groups.EDITORS))
    return user


@pytest.fixture
def partner(db) -> User:
    return User.objects.create_user(
        email="alex.partenaire@commune.example",
        password=PASSWORD,
        first_name="Alex",
        last_name="Bernard",
        kind=UserKind.PARTNER,
        organisation="Commune de Villeneuve",
    )
