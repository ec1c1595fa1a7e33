"""Fixtures of the account tests: one staff member with a known password."""

import pytest

from accounts.models import User

PASSWORD = "un mot de passe assez long"


@pytest.fixture
def agent(db) -> User:
    return User.objects.create_user(
        email="camille.durand@example.org",
        password=PASSWORD,
        first_name="Camille",
        last_name="Durand",
    )
