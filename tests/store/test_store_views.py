"""Views of the reservation form, the agent's page and the desk."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import time_format
from wagtail.models import Page

from home.models import HomePage, Space, SpacePage
from store import desk
from store import reservations as services
from store.models import DeskVisit, OpeningHours, Reservation, ReservationStatus
from tests.store.conftest import HTMX, make_type, make_user, reserve, slot_at

Status = ReservationStatus
DAY = datetime.timedelta(days=1)


def form_data(equipment_type, start, days=2, hour=9, **extra):
    data = {
        "equipment_type": equipment_type.pk,
        "start_date": start.isoformat(),
        "end_date": (start + days * DAY).isoformat(),
        "pickup_at": slot_at(start, hour).isoformat(),
        "accept_terms": "on",
    }
    data.update(extra)
    return data


def test_reserve_form_requires_sign_in(db, opening_hours):
    response = Client().get(reverse("store:reserve"))

    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def test_reserve_form_refuses_partner(partner, opening_hours):
    client = Client()
    client.force_login(partner)

    response = client.get(reverse("store:reserve"))

    assert response.status_code == 403


def test_reserve_form_shows_types_and_terms(agent_client, laptop):
    response = agent_client.get(reverse("store:reserve") + f"?type={laptop.pk}")

    content = response.content.decode()
    assert response.status_code == 200
    assert laptop.name in content
    assert "Je rends le matériel en bon état." in content
    assert 'class="availability-days"' in content


def test_reserve_form_without_day_offers_no_slot(agent_client, laptop):
    response = agent_client.get(reverse("store:reserve") + f"?type={laptop.pk}")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Pick-up slot on" not in content
    assert "No pick-up slot is open on this day" not in content
    assert 'name="pickup_at" id="slot-' not in content
    assert "Choose a pick-up day to see its free slots." in content


def test_availability_fragment_without_day_offers_no_slot(agent_client, laptop):
    url = reverse("store:availability")

    response = agent_client.get(url, {"equipment_type": laptop.pk}, **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="availability-days"' in content
    assert "Pick-up slot on" not in content
    assert "Choose a pick-up day to see its free slots." in content


def test_reserve_form_shows_slots_of_chosen_day(agent_client, laptop, monday):
    data = form_data(laptop, monday, pickup_at="", accept_terms="", check="1")

    response = agent_client.post(reverse("store:reserve"), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Pick-up slot on Monday" in content
    assert 'name="pickup_at" id="slot-' in content


def test_reserve_post_reports_every_error(agent_client, laptop, monday):
    data = form_data(laptop, monday, pickup_at="", accept_terms="")
    data["end_date"] = "2020-01-01"

    response = agent_client.post(reverse("store:reserve"), data)

    content = response.content.decode()
    assert response.status_code == 400
    assert "The return day must be after the pick-up day." in content
    assert "Choose a pick-up slot." in content
    assert "Accept the loan terms to reserve." in content
    assert Reservation.objects.count() == 0


def test_reserve_post_bad_slot_has_one_message(agent_client, laptop, monday):
    data = form_data(laptop, monday, pickup_at="not-a-date")

    response = agent_client.post(reverse("store:reserve"), data)

    content = response.content.decode()
    assert response.status_code == 400
    assert "Choose one of the pick-up slots offered." in content
    assert "Choose a pick-up slot." not in content


@pytest.mark.parametrize(
    "slot",
    [
        "2027-13-01T09:00:00+01:00",
        "2027-03-15T25:00:00+01:00",
        "2027-03-15T09:00+99:00",
    ],
)
def test_reserve_post_impossible_slot(agent_client, laptop, monday, slot):
    data = form_data(laptop, monday, pickup_at=slot)

    response = agent_client.post(reverse("store:reserve"), data)

    assert response.status_code == 400
    assert "Choose one of the pick-up slots offered." in response.content.decode()
    assert Reservation.objects.count() == 0


def test_reserve_post_without_days_reports_slot_and_terms(agent_client, laptop):
    data = {"equipment_type": laptop.pk}

    response = agent_client.post(reverse("store:reserve"), data)

    content = response.content.decode()
    assert response.status_code == 400
    assert content.count("Enter a date.") >= 2
    assert "Choose a pick-up slot." in content
    assert "Accept the loan terms to reserve." in content


def test_reserve_post_creates_and_redirects(agent_client, agent, laptop, monday):
    response = agent_client.post(reverse("store:reserve"), form_data(laptop, monday))

    reservation = Reservation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#reservation-{reservation.pk}")
    assert reservation.user == agent
    assert reservation.status == Status.APPROVED


def test_reserve_success_message_gives_pickup(agent_client, laptop, monday):
    response = agent_client.post(
        reverse("store:reserve"), form_data(laptop, monday), follow=True
    )

    content = response.content.decode()
    start = time_format(slot_at(monday, 9), "TIME_FORMAT")
    end = time_format(slot_at(monday, 9, 30), "TIME_FORMAT")
    assert f"{start}–{end}" in content
    assert monday.strftime("%A") in content
    assert "at the Smart Store desk" in content


def test_reserve_success_message_gives_store_location(agent_client, laptop, monday):
    home = HomePage(title="Accueil", slug="accueil-boutique")
    Page.get_first_root_node().add_child(instance=home)
    home.add_child(
        instance=SpacePage(
            title="Smart Store", space=Space.STORE, location="Ground floor, north wing"
        )
    )

    response = agent_client.post(
        reverse("store:reserve"), form_data(laptop, monday), follow=True
    )

    assert "(Ground floor, north wing)" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start_date": "2020-01-06", "end_date": "2020-01-08"}, "in the past"),
        ({"end_date": "2020-01-01"}, "after the pick-up day"),
        ({"pickup_at": "not-a-date"}, "Choose one of the pick-up slots"),
        ({"pickup_at": ""}, "Choose a pick-up slot"),
        ({"accept_terms": ""}, "Accept the loan terms"),
        ({"equipment_type": "999999"}, "cannot be reserved"),
        ({"start_date": "31/02/2027"}, "valid date"),
    ],
)
def test_reserve_post_bad_input_changes_nothing(
    agent_client, laptop, monday, change, message
):
    data = form_data(laptop, monday)
    data.update(change)

    response = agent_client.post(reverse("store:reserve"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Reservation.objects.count() == 0


def test_reserve_post_outside_hours_message(agent_client, laptop, monday):
    data = form_data(laptop, monday)
    data["pickup_at"] = slot_at(monday, 19).isoformat()

    response = agent_client.post(reverse("store:reserve"), data)

    assert response.status_code == 400
    assert "closed at that time" in response.content.decode()
    assert Reservation.objects.count() == 0


def test_reserve_post_too_long_message(agent_client, laptop, monday):
    response = agent_client.post(
        reverse("store:reserve"), form_data(laptop, monday, days=20)
    )

    assert response.status_code == 400
    assert "at most 14 days" in response.content.decode()


def test_reserve_post_more_loans_than_allowed(agent_client, laptop, monday):
    agent_client.post(reverse("store:reserve"), form_data(laptop, monday))

    response = agent_client.post(
        reverse("store:reserve"), form_data(laptop, monday + 7 * DAY)
    )

    assert response.status_code == 400
    assert "the maximum allowed" in response.content.decode()
    assert Reservation.objects.count() == 1


def test_reserve_post_escapes_note(agent_client, laptop, monday):
    data = form_data(laptop, monday, accept_terms="", note="<script>x()</script>")

    response = agent_client.post(reverse("store:reserve"), data)

    content = response.content.decode()
    assert "<script>x()</script>" not in content
    assert "&lt;script&gt;" in content


def test_reserve_htmx_success_redirects_with_header(agent_client, laptop, monday):
    response = agent_client.post(
        reverse("store:reserve"), form_data(laptop, monday), **HTMX
    )

    assert response["HX-Redirect"].startswith(reverse("store:mine"))


def test_reserve_htmx_error_returns_form_fragment(agent_client, laptop, monday):
    data = form_data(laptop, monday, accept_terms="")

    response = agent_client.post(reverse("store:reserve"), data, **HTMX)

    content = response.content.decode()
    assert response.status_code == 400
    assert content.lstrip().startswith('<form id="reservation-form"')
    assert "<html" not in content


def test_availability_fragment_shows_days_and_slots(
    agent_client, laptop_reservation, laptop, monday
):
    url = reverse("store:availability")

    response = agent_client.get(
        url,
        {"equipment_type": laptop.pk, "start_date": monday.isoformat()},
        **HTMX,
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="availability"')
    assert "Full" in content
    assert "Closed" in content
    assert 'value="' + slot_at(monday, 9).isoformat() + '"' in content


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [("en", " left)", "places)"), ("fr", "\u00a0places)", "left)")],
)
def test_availability_slots_count_per_language(
    agent_client, laptop, language, expected, absent
):
    """English pages showed "(3 places)", a French turn of phrase, for a slot.

    In French, a no-break space keeps the count with its word: in the five
    columns of slots, "(3" ended one line and "places)" began the next."""
    from tests.store.conftest import next_weekday

    monday = next_weekday(0)
    with translation.override(language):
        url = reverse("store:availability")

    response = agent_client.get(
        url,
        {"equipment_type": laptop.pk, "start_date": monday.isoformat()},
        **HTMX,
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert expected in content
    assert absent not in content


def test_availability_fragment_ignores_impossible_slot(agent_client, laptop, monday):
    query = {
        "equipment_type": laptop.pk,
        "start_date": monday.isoformat(),
        "pickup_at": "2027-03-15T25:00:00+01:00",
    }

    response = agent_client.get(reverse("store:availability"), query, **HTMX)

    assert response.status_code == 200
    assert 'value="' + slot_at(monday, 9).isoformat() + '"' in response.content.decode()


def test_availability_fragment_without_htmx_is_404(agent_client, laptop):
    response = agent_client.get(
        reverse("store:availability"), {"equipment_type": laptop.pk}
    )

    assert response.status_code == 404


def get_calendar(client, equipment_type, **dates) -> dict:
    """Return the calendar's list items by day, from the availability fragment."""
    params = {"equipment_type": equipment_type.pk}
    params.update({name: day.isoformat() for name, day in dates.items()})
    response = client.get(reverse("store:availability"), params, **HTMX)
    assert response.status_code == 200
    items = BeautifulSoup(response.content, "html.parser").select("li.availability-day")
    return {datetime.date.fromisoformat(item.time["datetime"]): item for item in items}


def test_calendar_day_without_unit_is_full(agent_client, other_agent, laptop, monday):
    reserve(other_agent, laptop, monday, days=1)

    days = get_calendar(agent_client, laptop)

    full = days[monday]
    assert "availability-day--full" in full["class"]
    assert not full.has_attr("data-day")
    assert "Full" in full.get_text()
    assert "no unit free" in full.get_text()
    assert days[monday + DAY].has_attr("data-day")
    assert "availability-day--full" not in days[monday + DAY]["class"]


def test_calendar_day_with_slots_taken_is_full(
    agent_client, other_agent, laptop, opening_hours, monday
):
    # Monday opens for two 30-minute slots of one place each.
    OpeningHours.objects.filter(weekday=0).delete()
    OpeningHours.objects.create(
        weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(10)
    )
    opening_hours.slot_capacity = 1
    opening_hours.save()
    headset = make_type("Casque", units=2)
    reserve(other_agent, headset, monday, days=1, hour=9)
    reserve(
        make_user("Chloé"), headset, monday, days=1, pickup_at=slot_at(monday, 9, 30)
    )

    days = get_calendar(agent_client, laptop)

    full = days[monday]
    assert "availability-day--full" in full["class"]
    assert not full.has_attr("data-day")
    assert "every slot taken" in full.get_text()
    assert days[monday + DAY].has_attr("data-day")


def test_calendar_full_day_can_be_return_day(agent_client, other_agent, laptop, monday):
    """A loan from Monday may end on Wednesday, when another one starts."""
    wednesday = monday + 2 * DAY
    reserve(other_agent, laptop, wednesday, days=2)

    days = get_calendar(agent_client, laptop, start_date=monday)

    assert days[wednesday]["data-day"] == wednesday.isoformat()
    assert "availability-day--return-only" in days[wednesday]["class"]
    assert "Full" in days[wednesday].get_text()
    assert "return possible" in days[wednesday].get_text()
    # A loan cannot run through Wednesday, which has no unit free.
    assert not days[wednesday + DAY].has_attr("data-day")


def test_calendar_full_day_not_return_day_once_chosen(
    agent_client, other_agent, laptop, monday
):
    wednesday = monday + 2 * DAY
    reserve(other_agent, laptop, wednesday, days=1)

    days = get_calendar(agent_client, laptop, start_date=monday, end_date=monday + DAY)

    assert not days[wednesday].has_attr("data-day")
    assert "availability-day--return-only" not in days[wednesday]["class"]


def test_calendar_full_day_beyond_longest_loan(
    agent_client, other_agent, laptop, monday
):
    laptop.max_loan_days = 1
    laptop.save()
    wednesday = monday + 2 * DAY
    reserve(other_agent, laptop, wednesday, days=1)

    days = get_calendar(agent_client, laptop, start_date=monday)

    assert not days[wednesday].has_attr("data-day")
    assert "no unit free" in days[wednesday].get_text()


def test_reserve_post_on_full_day_rejected(agent_client, other_agent, laptop, monday):
    reserve(other_agent, laptop, monday, days=1)

    response = agent_client.post(
        reverse("store:reserve"), form_data(laptop, monday, hour=10)
    )

    assert response.status_code == 400
    assert "No Ordinateur portable is available for these days." in (
        response.content.decode()
    )
    assert Reservation.objects.count() == 1


def test_reserve_rate_limited(agent_client, laptop, monday, settings):
    settings.RATE_LIMITS = {"store_reserve": (2, 600)}
    data = form_data(laptop, monday, accept_terms="")
    for _attempt in range(2):
        agent_client.post(reverse("store:reserve"), data)

    response = agent_client.post(reverse("store:reserve"), data)

    assert response.status_code == 429
    assert Reservation.objects.count() == 0


def test_mine_lists_own_reservations_only(
    agent_client, other_agent, laptop_reservation, monday
):
    tablet = make_type("Tablette", units=1)
    mine = laptop_reservation
    theirs = reserve(other_agent, tablet, monday, days=1)

    response = agent_client.get(reverse("store:mine"))

    content = response.content.decode()
    assert mine.reference in content
    assert theirs.reference not in content


def test_mine_shows_early_hand_over_not_planned_slot(
    agent_client, staff, laptop_reservation
):
    """An agent who comes before the pick-up day gets the loan from that
    day, and the page showed "pick-up on" the slot that never happened."""
    collected = desk.hand_over(staff, laptop_reservation.pk)
    local = timezone.localtime(collected.collected_at)

    response = agent_client.get(reverse("store:mine"))

    item = BeautifulSoup(response.content, "html.parser").find(
        id=f"reservation-{collected.pk}"
    )
    meta = " ".join(item.find(class_="store-item__meta").get_text().split())
    assert f"picked up on {local.day} " in meta
    assert "pick-up on" not in meta


def test_cancel_from_mine(agent_client, laptop_reservation):
    reservation = laptop_reservation

    response = agent_client.post(reverse("store:cancel", args=[reservation.pk]))

    reservation.refresh_from_db()
    assert response.status_code == 302
    assert reservation.status == Status.CANCELLED


def test_mine_cancel_asks_confirmation(agent_client, laptop_reservation):
    reservation = laptop_reservation
    cancel_url = reverse("store:cancel", args=[reservation.pk])

    response = agent_client.get(reverse("store:mine"))

    content = response.content.decode()
    disclosure = content.index('<details class="confirm-action">')
    assert disclosure < content.index(f'action="{cancel_url}"')
    assert "<summary" in content[disclosure : content.index(f'action="{cancel_url}"')]
    assert "will be free again for other agents" in content
    assert f"Confirm the cancellation of {reservation.reference}" in content


def test_mine_lists_cancelled_apart_from_past(agent_client, agent, laptop_reservation):
    reservation = laptop_reservation
    services.cancel_reservation(agent, reservation.pk)

    response = agent_client.get(reverse("store:mine"))

    content = response.content.decode()
    cancelled_heading = content.index('id="called-off-heading"')
    past_heading = content.index('id="past-heading"')
    item = content.index(f'id="reservation-{reservation.pk}"')
    assert cancelled_heading < item < past_heading
    assert "No past reservations." in content
    assert "Cancelled" in content[item:past_heading]


def test_cancel_other_agents_reservation_404(agent_client, other_agent, laptop, monday):
    reservation = reserve(other_agent, laptop, monday, days=1)

    response = agent_client.post(reverse("store:cancel", args=[reservation.pk]))

    reservation.refresh_from_db()
    assert response.status_code == 404
    assert reservation.status == Status.APPROVED


def test_desk_refused_to_agent(agent_client):
    response = agent_client.get(reverse("store:desk"))

    assert response.status_code == 403


def test_desk_shows_lists(staff_client, agent, camera, monday):
    reserve(agent, camera, monday, days=1)

    response = staff_client.get(reverse("store:desk"))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="scan-form"' in content
    assert "Ada Test" in content


def test_desk_scan_unknown_tag_message(staff_client, laptop):
    response = staff_client.post(
        reverse("store:desk_scan"), {"asset_tag": "XX-404"}, **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 404
    assert "No equipment has the asset tag" in content
    assert "XX-404" in content


def test_desk_scan_then_hand_over_then_take_back(
    staff_client, laptop_reservation, laptop
):
    reservation = laptop_reservation
    tag = laptop.units.get().asset_tag

    scanned = staff_client.post(reverse("store:desk_scan"), {"asset_tag": tag}, **HTMX)
    assert reservation.reference in scanned.content.decode()

    handed = staff_client.post(
        reverse("store:desk_hand_over", args=[reservation.pk]),
        {"asset_tag": tag, "condition": "good"},
        **HTMX,
    )
    assert handed.status_code == 200
    assert "handed over" in handed.content.decode()
    reservation.refresh_from_db()
    assert reservation.status == Status.COLLECTED

    back = staff_client.post(
        reverse("store:desk_take_back"),
        {"asset_tag": tag, "condition": "worn", "notes": "Rayure"},
        **HTMX,
    )
    assert back.status_code == 200
    reservation.refresh_from_db()
    assert reservation.status == Status.RETURNED
    assert reservation.return_condition == "worn"


@pytest.mark.parametrize(
    "fields",
    [{"notes": "x" * 1001}, {"notes": "Rayure\x00"}, {"condition": "cassé"}],
    ids=["long-notes", "nul-notes", "unknown-condition"],
)
def test_desk_invalid_condition_changes_nothing(
    staff_client, laptop_reservation, laptop, fields
):
    """Invalid notes were dropped in silence while the unit was handed over."""
    reservation = laptop_reservation
    tag = laptop.units.get().asset_tag

    response = staff_client.post(
        reverse("store:desk_hand_over", args=[reservation.pk]),
        {"asset_tag": tag, "condition": "good", **fields},
        **HTMX,
    )

    reservation.refresh_from_db()
    assert response.status_code == 400
    assert reservation.status != Status.COLLECTED


def test_desk_take_back_without_condition_means_good(
    staff_client, laptop_reservation, laptop
):
    reservation = laptop_reservation
    tag = laptop.units.get().asset_tag
    staff_client.post(
        reverse("store:desk_hand_over", args=[reservation.pk]),
        {"asset_tag": tag},
        **HTMX,
    )

    back = staff_client.post(
        reverse("store:desk_take_back"), {"asset_tag": tag}, **HTMX
    )

    reservation.refresh_from_db()
    assert back.status_code == 200
    assert reservation.status == Status.RETURNED
    assert reservation.return_condition == "good"


def test_desk_take_back_unknown_tag_changes_nothing(staff_client, laptop):
    response = staff_client.post(
        reverse("store:desk_take_back"), {"asset_tag": "ZZZ"}, **HTMX
    )

    assert response.status_code == 404
    assert "No equipment has the asset tag" in response.content.decode()


def test_desk_extend_conflict_message(
    staff_client, other_agent, laptop_reservation, laptop, monday
):
    first = laptop_reservation
    reserve(other_agent, laptop, monday + 2 * DAY, days=1)

    response = staff_client.post(
        reverse("store:desk_extend", args=[first.pk]),
        {"end_date": (monday + 3 * DAY).isoformat()},
        **HTMX,
    )

    first.refresh_from_db()
    assert response.status_code == 409
    assert "No Ordinateur portable is available" in response.content.decode()
    assert first.end_date == monday + DAY


def test_desk_visit_counts(staff_client):
    response = staff_client.post(reverse("store:desk_visit"), {"space": "room"}, **HTMX)

    assert response.status_code == 200
    assert DeskVisit.objects.filter(space="room").count() == 1
    assert "1 today" in response.content.decode()


def test_desk_visit_unknown_space_refused(staff_client):
    response = staff_client.post(reverse("store:desk_visit"), {"space": "moon"})

    assert response.status_code == 400
    assert "Choose a space" in response.content.decode()
    assert DeskVisit.objects.count() == 0


def test_desk_visit_refused_to_agent(agent_client):
    response = agent_client.post(reverse("store:desk_visit"), {"space": "room"})

    assert response.status_code == 403
    assert DeskVisit.objects.count() == 0


def test_desk_post_without_csrf_refused(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(reverse("store:desk_visit"), {"space": "room"})

    assert response.status_code == 403
    assert DeskVisit.objects.count() == 0


def test_labels_page_has_qr_svg(staff_client, laptop):
    response = staff_client.get(reverse("store:labels"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content
    assert laptop.units.get().asset_tag in content


def test_desk_prepare_and_approve(staff_client, agent, camera, monday):
    reservation = reserve(agent, camera, monday, days=1)

    staff_client.post(reverse("store:desk_approve", args=[reservation.pk]), **HTMX)
    staff_client.post(reverse("store:desk_prepare", args=[reservation.pk]), **HTMX)

    reservation.refresh_from_db()
    assert reservation.status == Status.READY
    assert reservation.unit is not None


def test_apply_deadlines_visible_on_desk(staff_client, agent, laptop):
    from tests.store.test_store_desk import make_past_loan

    make_past_loan(agent, laptop, Status.COLLECTED, 5, 2)

    response = staff_client.get(reverse("store:desk"))

    assert "Overdue" in response.content.decode()
    desk.apply_deadlines()


def test_admin_menu_links_desk_for_staff(staff, db):
    staff.is_staff = True
    staff.save()
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert reverse("store:desk") in response.content.decode()


def test_admin_menu_hides_desk_from_editors(db):
    from django.contrib.auth.models import Permission

    from tests.store.conftest import make_user

    editor = make_user("Edith")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert reverse("store:desk") not in response.content.decode()


@pytest.mark.parametrize("day", ["9999-12-30", "2999-01-01"])
def test_availability_far_future_day_is_answered(agent_client, laptop, day):
    url = reverse("store:availability")

    response = agent_client.get(
        url, {"equipment_type": laptop.pk, "start_date": day, "end_date": day}, **HTMX
    )

    assert response.status_code == 200
    assert 'class="availability-days"' in response.content.decode()


def test_desk_take_back_nul_tag_is_unknown(staff_client, laptop):
    """PostgreSQL rejects NUL in text parameters, so it must not reach a query."""
    response = staff_client.post(
        reverse("store:desk_take_back"), {"asset_tag": "LAP\x00-1"}, **HTMX
    )

    assert response.status_code == 404
    assert "\x00" not in response.content.decode()


@pytest.mark.parametrize(
    "note",
    ["x" * 301, "Plus de\x00 stock"],
    ids=["long-note", "nul-note"],
)
def test_reject_invalid_note_changes_nothing(staff_client, agent, camera, monday, note):
    """A long note was cut to 300 characters, and NUL dropped, in silence."""
    reservation = reserve(agent, camera, monday, days=1)

    response = staff_client.post(
        reverse("store:desk_reject", args=[reservation.pk]), {"note": note}, **HTMX
    )

    reservation.refresh_from_db()
    assert response.status_code == 400
    assert reservation.status == Status.REQUESTED
    assert not reservation.events.filter(to_status=Status.REJECTED).exists()


def test_reject_long_note_french_message(staff_client, agent, camera, monday):
    reservation = reserve(agent, camera, monday, days=1)

    with translation.override("fr"):
        response = staff_client.post(
            reverse("store:desk_reject", args=[reservation.pk]),
            {"note": "x" * 301},
            HTTP_ACCEPT_LANGUAGE="fr",
            **HTMX,
        )

    content = response.content.decode()
    assert "Motif du refus\u202f: " in content
    assert "au plus 300 caractères" in content


def test_reject_note_at_limit_kept(staff_client, agent, camera, monday):
    reservation = reserve(agent, camera, monday, days=1)
    note = "Plus de stock. " * 20

    response = staff_client.post(
        reverse("store:desk_reject", args=[reservation.pk]), {"note": note}, **HTMX
    )

    reservation.refresh_from_db()
    assert response.status_code == 200
    assert reservation.status == Status.REJECTED
    assert reservation.events.filter(note=note.strip()).exists()


def test_record_change_long_note_raises(agent, camera, monday):
    reservation = reserve(agent, camera, monday, days=1)

    with pytest.raises(ValueError, match="at most 300"):
        services.record_change(reservation, Status.CANCELLED, note="x" * 301)
