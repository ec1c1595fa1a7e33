"""The Wagtail admin as its French users meet it: workflow names, slugs, and
the Smart Lab lists that facilitators edit."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale, Task, Workflow

from accounts.forms import AdminLoginForm


def test_default_workflow_and_task_are_french(db):
    workflow_names = set(Workflow.objects.values_list("name", flat=True))
    task_names = set(Task.objects.values_list("name", flat=True))

    assert "Moderators approval" not in workflow_names | task_names
    assert "Validation par les modérateurs" in workflow_names
    assert "Validation par les modérateurs" in task_names


def test_page_slug_from_french_title_is_ascii(db):
    from wagtail.models import Page

    home = Page.objects.filter(depth=2).first()
    page = home.add_child(instance=Page(title="Défi : accueil des élèves"))

    assert page.slug == "defi-accueil-des-eleves"


@pytest.mark.django_db
def test_facilitator_edits_lab_lists_in_admin(client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.groups import LAB_FACILITATORS
    from ideation.models import IdeaCategory, IdeaStatus

    facilitator = get_user_model().objects.create_user(
        email="animatrice@example.org", password="mot-de-passe-long"
    )
    facilitator.groups.add(Group.objects.get(name=LAB_FACILITATORS))
    client.force_login(facilitator)

    status = IdeaStatus.objects.first()
    category = IdeaCategory.objects.create(name="Mobilité")
    for model, pk in (("ideastatus", status.pk), ("ideacategory", category.pk)):
        listing = client.get(f"/admin/snippets/ideation/{model}/")
        adding = client.get(f"/admin/snippets/ideation/{model}/add/")
        editing = client.get(f"/admin/snippets/ideation/{model}/edit/{pk}/")

        assert listing.status_code == 200, model
        assert adding.status_code == 200, model
        assert editing.status_code == 200, model


@pytest.mark.django_db
def test_admin_login_password_label_french(client):
    response = client.get("/admin/login/")

    password_label = re.search(
        r'<label[^>]*for="id_password"[^>]*>\s*([^<]*?)\s*<',
        response.content.decode(),
    )
    assert response.status_code == 200
    assert isinstance(response.context["form"], AdminLoginForm)
    assert password_label is not None
    assert password_label.group(1) == "Mot de passe"


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Mot de passe"), ("en", "Password")]
)
def test_admin_login_form_password_label(language, label):
    with translation.override(language):
        assert str(AdminLoginForm().fields["password"].label) == label


FORGOTTEN_HINT = "Mot de passe oublié ou pas encore de compte"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/compte/connexion/", "/admin/login/"])
def test_sign_in_pages_offer_no_reset(client, url):
    content = client.get(url).content.decode()

    assert FORGOTTEN_HINT in content
    assert "/admin/password_reset/" not in content
    assert "reset-password" not in content


@pytest.mark.django_db
def test_admin_password_reset_disabled(client):
    response = client.get("/admin/password_reset/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_admin_login_offers_single_sign_on(client, settings):
    settings.OIDC = {
        **settings.OIDC,
        "ISSUER": "https://sso.departement.example",
        "CLIENT_ID": "smartcorner",
        "PROVIDER_NAME": "ProConnect",
    }

    response = client.get("/admin/login/", {"next": "/admin/pages/"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "/compte/connexion/sso/?next=/admin/pages/" in body
    assert "Se connecter avec ProConnect" in body


@pytest.mark.django_db
def test_admin_login_without_sso_has_no_link(client):
    response = client.get("/admin/login/")

    assert "/compte/connexion/sso/" not in response.content.decode()


@pytest.mark.parametrize(
    ("language", "names"),
    [("fr", ["français", "anglais"]), ("en", ["French", "English"])],
)
def test_content_language_names_in_admin_language(language, names):
    """wagtail-localize puts these names inside sentences, such as
    "Traduction de %(instance)s en %(locale)s"."""
    with translation.override(language):
        displayed = [str(Locale(language_code=code)) for code in ("fr", "en")]

    assert displayed == names


@pytest.mark.django_db
def test_localize_javascript_catalogue_french(client, editor):
    client.force_login(editor)

    response = client.get("/admin/localize/jsi18n/")

    content = response.content.decode()
    assert response.status_code == 200
    # The translation editor appends the language name to this label.
    assert '"Publish in ": "Publier en "' in content
    assert '"%(source)s to %(target)s translation": "Traduction' in content
