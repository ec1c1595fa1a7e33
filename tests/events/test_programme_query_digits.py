"""Programme filters and pages written with digits that int() rejects ("²",
"①") or with ids too long for the database are reported or ignored like any
unknown value, never a server error."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "9" * 30])
@pytest.mark.parametrize("name", ["site", "quarter"])
def test_programme_filter_invalid_id(client, programme, name, value):
    response = client.get(f"{programme.get_url()}?{name}={value}")

    assert response.status_code == 400
    assert "a une valeur inconnue" in response.content.decode()


@pytest.mark.django_db
def test_calendar_filter_superscript_digit(client, programme):
    url = programme.get_url() + programme.reverse_subpage("calendar_view")

    response = client.get(f"{url}?quarter=①")

    assert response.status_code == 400


@pytest.mark.django_db
def test_archive_page_superscript_digit(client, programme):
    url = programme.get_url() + programme.reverse_subpage("archive_view")

    response = client.get(f"{url}?page=²")

    assert response.status_code == 200


TOO_LONG_ID = "9" * 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/programme/{TOO_LONG_ID}/evenement.ics",
        f"/programme/{TOO_LONG_ID}/invite/",
        f"/programme/{TOO_LONG_ID}/pointage/",
    ],
)
def test_event_url_with_too_long_id_get(client, programme, path):
    response = client.get(path)

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["inscription", "pointage/code", "invite"])
def test_event_url_with_too_long_id_post(client, programme, action):
    response = client.post(f"/programme/{TOO_LONG_ID}/{action}/")

    assert response.status_code == 404
