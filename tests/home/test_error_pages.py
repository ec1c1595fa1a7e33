"""Refusals are pages of the site, in the visitor's language."""

import pytest


@pytest.mark.django_db
def test_partner_refused_store_page_in_site_layout(client, django_user_model):
    partner = django_user_model.objects.create_user(
        email="partenaire-refus@example.org",
        password="partenaire-refus-123",
        kind="partner",
    )
    client.force_login(partner)

    french = client.get("/boutique/reserver/")
    english = client.get("/en/boutique/reserver/")

    assert french.status_code == 403
    assert "Accès refusé" in french.content.decode()
    assert 'class="site-header"' in french.content.decode()
    assert english.status_code == 403
    assert "Access refused" in english.content.decode()
