"""Registration services and views: seats, waiting list, guests, cancellation."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from events import registrations as services
from events.errors import RegistrationError
from events.forms import GuestRegistrationForm
from events.models import Registration, RegistrationStatus


def statuses(event):
    return list(
        Registration.objects.filter(event=event)
        .order_by("pk")
        .values_list("status", flat=True)
    )


@pytest.mark.django_db
def test_register_agent_gets_seat_and_email(open_event, make_user, committed):
    agent = make_user()

    with committed():
        result = services.register(agent, open_event)

    assert result.registration.status == RegistrationStatus.CONFIRMED
    assert result.position is None
    assert len(mail.outbox) == 1
    assert open_event.title in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0].endswith(".ics")


@pytest.mark.django_db
def test_register_when_full_joins_waiting_list(open_event, make_user, committed):
    for _index in range(2):
        services.register(make_user(), open_event)

    third = services.register(make_user(), open_event)
    with committed():
        fourth = services.register(make_user(), open_event)

    assert third.registration.status == RegistrationStatus.WAITING
    assert third.position == 1
    assert fourth.position == 2
    assert "en position 2" in mail.outbox[-1].body


@pytest.mark.django_db
def test_register_twice_is_refused(open_event, make_user):
    agent = make_user()
    services.register(agent, open_event)

    with pytest.raises(RegistrationError) as error:
        services.register(agent, open_event)

    assert error.value.code == "already_registered"
    assert Registration.objects.filter(user=agent).count() == 1


@pytest.mark.django_db
def test_register_on_translation_shares_capacity(
    open_event, english_programme, make_user
):
    english = open_event.copy_for_translation(english_programme.locale)
    english.title = "Shared calendar"
    english.save_revision().publish()
    services.register(make_user(), open_event)

    result = services.register(make_user(), english)
    third = services.register(make_user(), english)

    assert result.registration.event_id == open_event.pk
    assert third.registration.status == RegistrationStatus.WAITING


@pytest.mark.django_db
def test_cancel_promotes_first_waiting_once(open_event, make_user, committed):
    first = services.register(make_user(), open_event).registration
    services.register(make_user(), open_event)
    waiting_one = services.register(make_user(), open_event).registration
    waiting_two = services.register(make_user(), open_event).registration
    mail.outbox.clear()

    with committed():
        services.cancel(first.pk, user=first.user)

    waiting_one.refresh_from_db()
    waiting_two.refresh_from_db()
    assert waiting_one.status == RegistrationStatus.CONFIRMED
    assert waiting_two.status == RegistrationStatus.WAITING
    assert services.get_waiting_position(waiting_two) == 1
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 2
    assert any("annulée" in subject for subject in subjects)
    assert any("place" in subject for subject in subjects)
    with pytest.raises(RegistrationError) as error:
        services.cancel(first.pk, user=first.user)
    assert error.value.code == "already_cancelled"
    assert statuses(open_event).count(RegistrationStatus.CONFIRMED) == 2


@pytest.mark.django_db
def test_cancel_after_deadline_is_refused(open_event, make_user):
    open_event.cancellation_closes = timezone.now() - datetime.timedelta(hours=1)
    open_event.save_revision().publish()
    registration = services.register(make_user(), open_event).registration

    with pytest.raises(RegistrationError) as error:
        services.cancel(registration.pk, user=registration.user)

    registration.refresh_from_db()
    assert error.value.code == "not_cancellable"
    assert registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_cancel_someone_else_is_refused(open_event, make_user):
    registration = services.register(make_user(), open_event).registration

    with pytest.raises(RegistrationError) as error:
        services.cancel(registration.pk, user=make_user())

    assert error.value.code == "registration_not_found"


@pytest.mark.django_db
def test_register_after_closing_is_refused(open_event, make_user):
    open_event.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    open_event.save_revision().publish()

    with pytest.raises(RegistrationError) as error:
        services.register(make_user(), open_event)

    assert error.value.code == "closed"
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_register_for_cancelled_event_is_refused(open_event, make_user):
    open_event.status = "cancelled"
    open_event.save_revision().publish()

    with pytest.raises(RegistrationError) as error:
        services.register(make_user(), open_event)

    assert error.value.code == "event_cancelled"
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_register_for_past_event_is_refused(programme, venue, make_user):
    from .conftest import add_masterclass

    start = timezone.now() - datetime.timedelta(days=1)
    page = add_masterclass(
        programme, "Hier", start, start + datetime.timedelta(hours=1)
    )

    with pytest.raises(RegistrationError) as error:
        services.register(make_user(), page)

    assert error.value.code == "event_past"
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_partner_refused_for_staff_event_with_403(client, staff_event, make_user):
    partner = make_user(kind="partner", organisation="Commune de Test")
    client.force_login(partner)

    response = client.post(reverse("events:register", args=[staff_event.pk]))

    assert response.status_code == 403
    assert "réservé aux agents" in response.content.decode()
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_partner_registers_for_open_event(open_event, make_user):
    partner = make_user(kind="partner", organisation="Commune de Test")

    result = services.register(partner, open_event)

    assert result.registration.status == RegistrationStatus.CONFIRMED
    assert result.registration.audience == "external"


@pytest.mark.django_db
def test_guest_counts_only_after_confirmation(open_event, committed):
    with committed():
        registration = services.request_guest_registration(
            open_event, name="Alex Martin", organisation="ACME", email="Alex@Acme.FR"
        )
    link_mail = mail.outbox[-1]

    assert registration.status == RegistrationStatus.PENDING
    assert services.count_seats_taken(open_event) == 0
    token = services.make_guest_token(registration)
    assert reverse("events:guest_confirm", args=[token]) in link_mail.body

    result = services.confirm_guest_registration(token)
    again = services.confirm_guest_registration(token)

    assert result.registration.status == RegistrationStatus.CONFIRMED
    assert again.registration.status == RegistrationStatus.CONFIRMED
    assert services.count_seats_taken(open_event) == 1


@pytest.mark.django_db
def test_guest_expired_link_is_refused(open_event, settings):
    registration = services.request_guest_registration(
        open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
    )
    token = services.make_guest_token(registration)
    settings.EVENTS_GUEST_LINK_HOURS = -1

    with pytest.raises(RegistrationError) as error:
        services.confirm_guest_registration(token)

    assert error.value.code == "link_expired"
    assert services.count_seats_taken(open_event) == 0


@pytest.mark.django_db
def test_guest_link_expires_from_request(open_event, settings):
    settings.EVENTS_GUEST_LINK_HOURS = 48
    registration = services.request_guest_registration(
        open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
    )
    Registration.objects.filter(pk=registration.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=49)
    )
    fresh_token = services.make_guest_token(registration)

    with pytest.raises(RegistrationError) as error:
        services.confirm_guest_registration(fresh_token)

    assert error.value.code == "link_expired"
    assert statuses(open_event) == [RegistrationStatus.PENDING]


@pytest.mark.django_db
def test_guest_request_again_after_expiry(open_event, settings, committed):
    settings.EVENTS_GUEST_LINK_HOURS = 48
    first = services.request_guest_registration(
        open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
    )
    Registration.objects.filter(pk=first.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=49)
    )
    mail.outbox.clear()

    with committed():
        again = services.request_guest_registration(
            open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
        )
    result = services.confirm_guest_registration(services.make_guest_token(again))

    assert again.pk == first.pk
    assert len(mail.outbox) == 1
    assert result.registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_guest_request_again_before_expiry(open_event):
    services.request_guest_registration(
        open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
    )

    with pytest.raises(RegistrationError) as error:
        services.request_guest_registration(
            open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
        )

    assert error.value.code == "already_pending"


@pytest.mark.django_db
def test_guest_tampered_link_is_refused(open_event):
    registration = services.request_guest_registration(
        open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
    )
    token = services.make_guest_token(registration)

    with pytest.raises(RegistrationError) as error:
        services.confirm_guest_registration(token[:-2] + "xx")

    assert error.value.code == "link_invalid"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "code"),
    [
        ("not-an-address", "invalid_email"),
        ("a@b", "invalid_email"),
        ("alex@gmail.com", "personal_email"),
    ],
)
def test_guest_bad_email_is_refused(open_event, email, code):
    with pytest.raises(RegistrationError) as error:
        services.request_guest_registration(
            open_event, name="Alex", organisation="ACME", email=email
        )

    assert error.value.code == code
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_guest_form_shows_email_error(client, open_event):
    url = reverse("events:guest_register", args=[open_event.pk])

    response = client.post(
        url, {"name": "Alex", "organisation": "ACME", "email": "pas-une-adresse"}
    )

    assert response.status_code == 400
    assert "adresse électronique professionnelle valide" in response.content.decode()
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_guest_twice_is_refused(open_event):
    services.request_guest_registration(
        open_event, name="Alex", organisation="ACME", email="alex@acme.fr"
    )

    with pytest.raises(RegistrationError) as error:
        services.request_guest_registration(
            open_event, name="Alex", organisation="ACME", email="ALEX@acme.fr"
        )

    assert error.value.code == "already_pending"
    assert Registration.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("known", ["account", "pending", "confirmed"])
def test_guest_form_hides_known_address(
    client, open_event, make_user, django_capture_on_commit_callbacks, known
):
    """A stranger must not learn whether an address has an account or a seat.

    The form responds as to a new request, and the address's owner gets an
    e-mail that explains what to do.
    """
    if known == "account":
        make_user(email="alex@acme.fr", language="en")
    else:
        registration = services.request_guest_registration(
            open_event, name="Alex", organisation="ACME", email="alex@acme.fr"
        )
        if known == "confirmed":
            services.confirm_guest_registration(services.make_guest_token(registration))
    url = reverse("events:guest_register", args=[open_event.pk])
    data = {"name": "Sam", "organisation": "Autre", "email": "sam@acme.fr"}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        fresh = client.post(url, data)
        again = client.post(url, {**data, "email": "ALEX@acme.fr"})

    assert again.status_code == fresh.status_code == 302
    assert again["Location"] == fresh["Location"]
    assert [message.to for message in mail.outbox] == [
        ["sam@acme.fr"],
        ["alex@acme.fr"],
    ]
    reminder = mail.outbox[1]
    if known == "account":
        assert reminder.subject == f"Sign in to register: {open_event.title}"
        assert "/en/compte/connexion/?next=" in reminder.body
    elif known == "pending":
        assert "/programme/invite/confirmer/" in reminder.body
    else:
        assert registration.code in reminder.body
    assert Registration.objects.filter(email="alex@acme.fr").count() == (
        0 if known == "account" else 1
    )


@pytest.mark.django_db
def test_guest_form_closed_event_hides_account(client, open_event, make_user):
    """A closed event refuses every address alike, known or not."""
    make_user(email="alex@acme.fr")
    open_event.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    open_event.save_revision().publish()
    url = reverse("events:guest_register", args=[open_event.pk])
    data = {"name": "Alex", "organisation": "ACME", "email": "sam@acme.fr"}

    fresh = client.post(url, data)
    known = client.post(url, {**data, "email": "alex@acme.fr"})

    assert fresh.status_code == known.status_code == 400
    assert "correspond à un compte" not in known.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_account_holder_email_in_french(
    client, open_event, make_user, django_capture_on_commit_callbacks
):
    make_user(email="alex@acme.fr", language="fr")
    url = reverse("events:guest_register", args=[open_event.pk])
    data = {"name": "Alex", "organisation": "ACME", "email": "alex@acme.fr"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)

    message = mail.outbox[-1]
    assert message.subject.startswith("Connectez-vous pour vous inscrire\u202f: ")
    assert "correspond à un compte Smart Corner" in message.body
    assert "/compte/connexion/?next=" in message.body


@pytest.mark.django_db
def test_guest_for_staff_event_gets_403(client, staff_event):
    response = client.get(reverse("events:guest_register", args=[staff_event.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_capacity_below_seats_taken_is_refused(open_event, make_user):
    services.register(make_user(), open_event)
    services.register(make_user(), open_event)
    open_event.capacity = 1

    with translation.override("fr"):
        error = open_event.get_capacity_error()

    assert "2 personnes ont déjà une place" in str(error)
    with pytest.raises(Exception) as raised:
        open_event.save_revision().publish()
    assert "capacity" in raised.value.message_dict


@pytest.mark.django_db
def test_capacity_raised_promotes_waiting(open_event, make_user, committed):
    for _index in range(4):
        services.register(make_user(), open_event)
    mail.outbox.clear()

    open_event.capacity = 3
    with committed():
        open_event.save_revision().publish()

    assert statuses(open_event).count(RegistrationStatus.CONFIRMED) == 3
    assert statuses(open_event).count(RegistrationStatus.WAITING) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_register_view_one_click_and_htmx_panel(client, open_event, make_user):
    client.force_login(make_user())
    url = reverse("events:register", args=[open_event.pk])

    response = client.post(url, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert 'id="registration"' in response.content.decode()
    assert "Votre inscription est confirmée" in response.content.decode()
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}])
def test_register_view_says_registered_once(client, open_event, make_user, headers):
    client.force_login(make_user())
    url = reverse("events:register", args=[open_event.pk])

    response = client.post(url, follow=True, **headers)

    content = response.content.decode()
    assert content.count("Votre inscription est confirmée.") == 1
    assert "Un courriel de confirmation vous a été envoyé." in content


@pytest.mark.django_db
def test_register_view_anonymous_redirects_to_sign_in(client, open_event):
    response = client.post(reverse("events:register", args=[open_event.pk]))

    assert response.status_code == 302
    assert "connexion" in response["Location"]
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_register_view_rate_limited(client, open_event, make_user, settings):
    settings.RATE_LIMITS = {"event_register": (2, 60)}
    client.force_login(make_user())
    url = reverse("events:register", args=[open_event.pk])

    codes = [client.post(url).status_code for _index in range(3)]

    assert codes[-1] == 429


@pytest.mark.django_db
def test_event_page_shows_seats_and_button(client, open_event, make_user):
    client.force_login(make_user())

    content = client.get(open_event.get_url()).content.decode()

    assert "2 places restantes sur 2" in content
    assert "S’inscrire" in content


def test_guest_form_invisible_name_is_missing():
    form = GuestRegistrationForm(
        {
            "name": "\u200b\u2060",
            "organisation": "Mairie\u202e",
            "email": "jean.dupont@mairie.example.fr",
        }
    )

    assert not form.is_valid()
    assert "name" in form.errors
    assert form.cleaned_data["organisation"] == "Mairie"
