"""The programme's URLs carry only the filters that have a value: a form sent
without JavaScript is redirected, and htmx receives the URL to push."""

import pytest

from .test_programme_pages import HTMX

# What the filter form sends when only the kind is chosen.
FORM_QUERY = "kind=digital_cafe&site=&audience=&space=&quarter="


@pytest.mark.django_db
def test_form_query_redirects_to_filled_fields(client, programme):
    response = client.get(f"{programme.get_url()}?{FORM_QUERY}")

    assert response.status_code == 302
    assert response["Location"] == f"{programme.get_url()}?kind=digital_cafe"


@pytest.mark.django_db
def test_empty_form_redirects_to_bare_page(client, programme):
    response = client.get(f"{programme.get_url()}?kind=&site=+&audience=")

    assert response.status_code == 302
    assert response["Location"] == programme.get_url()


@pytest.mark.django_db
def test_calendar_redirect_keeps_month_first(client, programme):
    url = programme.get_url() + programme.reverse_subpage("calendar_view")

    response = client.get(f"{url}?month=2026-03&kind=&audience=open&space=")

    assert response.status_code == 302
    assert response["Location"] == f"{url}?month=2026-03&audience=open"


@pytest.mark.django_db
def test_filled_query_is_served_directly(client, programme):
    response = client.get(f"{programme.get_url()}?kind=digital_cafe")

    assert response.status_code == 200
    assert "HX-Push-Url" not in response


@pytest.mark.django_db
def test_htmx_response_pushes_filled_fields(client, programme):
    response = client.get(f"{programme.get_url()}?{FORM_QUERY}", **HTMX)

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="programme')
    assert response["HX-Push-Url"] == f"{programme.get_url()}?kind=digital_cafe"


@pytest.mark.django_db
def test_htmx_response_without_filters_pushes_page(client, programme):
    response = client.get(f"{programme.get_url()}?kind=&site=", **HTMX)

    assert response["HX-Push-Url"] == programme.get_url()


@pytest.mark.django_db
def test_htmx_filled_query_keeps_own_url(client, programme):
    response = client.get(f"{programme.get_url()}?kind=digital_cafe", **HTMX)

    assert "HX-Push-Url" not in response


@pytest.mark.django_db
def test_history_restore_is_redirected(client, programme):
    response = client.get(
        f"{programme.get_url()}?{FORM_QUERY}",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
        **HTMX,
    )

    assert response.status_code == 302
    assert response["Location"] == f"{programme.get_url()}?kind=digital_cafe"
