"""Smart Store in a browser: reserve, hand over, take back; axe and screenshots."""

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import expect

from store.holidays import get_public_holiday
from tests.browser.server import ARTIFACTS_DIR, run_manage
from tests.browser.test_accessibility import (
    AXE_PATH,
    BLOCKING_IMPACTS,
    describe_violations,
)

AGENT = "agent@example.org"
STAFF = "boutique@example.org"
LOCALES = {"fr": "fr-FR", "en": "en-GB"}
PREFIX = {"fr": "", "en": "/en"}
# Paths that seed_demo gives the catalogue and one of its services.
CATALOGUE_PATHS = {"fr": "/smart-store/catalogue/", "en": "/en/smart-store/catalogue/"}
SERVICE_PATHS = {
    "fr": "/smart-store/catalogue/materiel/pret-tablette/",
    "en": "/en/smart-store/catalogue/equipment/tablet-loan/",
}
# The demo's tablets: no lead time, so a slot tomorrow is always offered.
TABLET_TAG = "TAB-0002"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


# Delays htmx's handling of every response by one second once the page sets
# window.slowResponses, as a busy server would. htmx 2 assigns onload before
# it calls send().
SLOW_RESPONSES = """
const originalSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (body) {
  const handleLoad = this.onload;
  if (window.slowResponses && handleLoad) {
    this.onload = function () {
      setTimeout(() => handleLoad.call(this), 1000);
    };
  }
  return originalSend.call(this, body);
};
"""


def next_opening_day() -> datetime.date:
    """Return the next weekday after today that the demo store is open.

    The demo store opens Monday to Friday and closes on French public
    holidays (Christmas is one of them).
    """
    day = datetime.datetime.now(PARIS).date() + datetime.timedelta(days=1)
    while day.weekday() >= 5 or get_public_holiday(day) is not None:
        day += datetime.timedelta(days=1)
    return day


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=AXE_PATH)
    results = page.evaluate("async () => await axe.run(document)")
    return [
        violation
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def save_screenshot(page, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    # caret="initial": Playwright 1.65 hides the caret by setting caret-color
    # on every input, which leaves an empty style attribute. htmx copies it
    # onto the radios that a swap brings back with the same id, and the CSP
    # blocks that.
    page.screenshot(path=ARTIFACTS_DIR / f"{name}.png", full_page=True, caret="initial")


def scan(staff, tag: str) -> None:
    field = staff.page.locator("#id_asset_tag")
    field.fill(tag)
    staff.page.locator("#scan-form [type=submit]").click()


@pytest.mark.browser
def test_reserve_hand_over_take_back(site, open_browser):
    agent = open_browser(site.base_urls[0])
    agent.sign_in(AGENT)
    agent.goto(SERVICE_PATHS["fr"])
    agent.page.get_by_role("link", name="Réserver du matériel").click()
    expect(agent.page.locator("#id_equipment_type")).to_have_value(re.compile(r"\d+"))

    start = next_opening_day()
    form = agent.page.locator("#reservation-form")
    # Playwright's fill() dispatches input and change on a date input, so each
    # date sends one refresh. Only the response to the refresh sent after both
    # dates marks the chosen days, and no refresh follows it.
    form.locator("#id_start_date").fill(start.isoformat())
    form.locator("#id_end_date").fill((start + datetime.timedelta(days=2)).isoformat())
    expect(form.locator(".availability-day--selected")).to_have_count(2)
    first_slot = form.locator("input[name=pickup_at]:not([disabled])").first
    expect(first_slot).to_be_visible()
    first_slot.check()
    form.locator("#id_accept_terms").check()
    save_screenshot(agent.page, "store-reservation-form-fr")
    with agent.page.expect_navigation():
        form.locator("button[type=submit]:not([name=check])").click()
    # A rejected form stays on the page; its messages explain a failure.
    errors = agent.page.locator(".errorlist, [role=alert]").all_inner_texts()
    expect(agent.page.locator("h1"), f"form errors: {errors}").to_have_text(
        "Mes réservations et demandes"
    )
    current = agent.page.locator("#current-heading + .store-list")
    expect(current).to_contain_text("Tablette tactile")
    expect(current).to_contain_text("Validée")
    reference = re.search(r"R-\d{5}", current.inner_text()).group(0)
    save_screenshot(agent.page, "store-mine-fr")

    staff = open_browser(site.base_urls[0], viewport={"width": 1024, "height": 1366})
    staff.sign_in(STAFF)
    staff.goto("/boutique/comptoir/")
    expect(staff.page.locator("#desk-main")).to_contain_text(reference)
    scan(staff, "INCONNU-42")
    expect(staff.page.locator("#scan-panel")).to_contain_text(
        "Aucun matériel ne porte le numéro d’inventaire « INCONNU-42 »"
    )

    scan(staff, TABLET_TAG.lower())
    hand_over = staff.page.get_by_role("button", name=f"Remettre pour {reference}")
    hand_over.click()
    expect(staff.page.locator("#desk-message")).to_contain_text(
        f"Exemplaire {TABLET_TAG} remis pour la réservation {reference}"
    )
    save_screenshot(staff.page, "store-desk-handed-over-fr")

    scan(staff, TABLET_TAG)
    staff.page.locator("#scan-panel select[name=condition]").select_option("worn")
    staff.page.locator("#scan-panel button", has_text="Reprendre").click()
    expect(staff.page.locator("#desk-message")).to_contain_text(
        f"la réservation {reference} est close"
    )

    agent.goto("/boutique/mon-espace/")
    past = agent.page.locator("#past-heading + .store-list")
    expect(past).to_contain_text(reference)
    expect(past).to_contain_text("Rendue")
    assert agent.problems == []
    # The unknown tag answers 404 on purpose; nothing else may fail.
    unexpected = [
        problem for problem in staff.problems if "/comptoir/scan/" not in problem
    ]
    assert unexpected == [], "\n".join(unexpected)
    assert len(staff.problems) == 1


@pytest.mark.browser
def test_slot_kept_during_slow_refresh(site, open_browser):
    agent = open_browser(site.base_urls[0])
    agent.context.add_init_script(script=SLOW_RESPONSES)
    agent.sign_in(AGENT)
    agent.goto("/boutique/reserver/")
    page = agent.page
    form = page.locator("#reservation-form")
    form.locator("#id_equipment_type").select_option(label="Tablette tactile")
    start = next_opening_day()
    form.locator("#id_start_date").fill(start.isoformat())
    form.locator("#id_end_date").fill((start + datetime.timedelta(days=1)).isoformat())
    expect(form.locator(".availability-day--selected")).to_have_count(1)
    page.evaluate("window.slowResponses = true")

    # The new return day sends a refresh whose response arrives one second later.
    form.locator("#id_end_date").fill((start + datetime.timedelta(days=2)).isoformat())
    form.locator("input[name=pickup_at]:not([disabled])").first.check()

    expect(form.locator(".availability-day--selected")).to_have_count(2)
    expect(form.locator("input[name=pickup_at]:checked")).to_have_count(1)
    expect(form.locator("button[type=submit]:not([name=check])")).to_be_enabled()
    assert agent.problems == []


@pytest.mark.browser
def test_calendar_days_fill_dates_by_keyboard(site, open_browser):
    agent = open_browser(site.base_urls[0])
    agent.sign_in(AGENT)
    agent.goto("/boutique/reserver/")
    page = agent.page
    form = page.locator("#reservation-form")
    form.locator("#id_equipment_type").select_option(label="Tablette tactile")
    start = next_opening_day()
    end = start + datetime.timedelta(days=2)
    while end.weekday() >= 5 or get_public_holiday(end) is not None:
        end += datetime.timedelta(days=1)
    start_button = form.locator(f'.availability-day__pick[data-day="{start}"]')

    start_button.focus()
    page.keyboard.press("Enter")

    expect(form.locator("#id_start_date")).to_have_value(start.isoformat())
    expect(form.locator("#id_end_date")).to_have_value("")
    expect(form.locator("input[name=pickup_at]").first).to_be_attached()
    expect(start_button).to_have_attribute("aria-pressed", "true")
    expect(start_button).to_be_focused()

    form.locator(f'.availability-day__pick[data-day="{end}"]').click()

    expect(form.locator("#id_end_date")).to_have_value(end.isoformat())
    expect(form.locator(".availability-day--selected").first).to_have_attribute(
        "data-day", start.isoformat()
    )
    expect(form.locator(".availability-status")).to_contain_text("Jour de retour")
    closed = form.locator(".availability-day--closed")
    expect(closed.locator("button")).to_have_count(0)
    assert agent.problems == []


def next_opening_day_after(day: datetime.date) -> datetime.date:
    """Return the first day after ``day`` that the demo store is open."""
    day += datetime.timedelta(days=1)
    while day.weekday() >= 5 or get_public_holiday(day) is not None:
        day += datetime.timedelta(days=1)
    return day


# Two demo agents take both demo tablets on one day, which makes it full.
FULL_DAY_AGENTS = ("agent3@example.org", "agent4@example.org")


def fill_tablets_code(day: datetime.date) -> str:
    """Return Python code that reserves every demo tablet on ``day``."""
    return (
        "import datetime\n"
        "from accounts.models import User\n"
        "from store import reservations, slots\n"
        "from store.models import EquipmentType\n"
        f"day = datetime.date.fromisoformat({day.isoformat()!r})\n"
        "tablet = EquipmentType.objects.get(name='Tablette tactile')\n"
        "start = slots.get_free_slots(day)[0]['start']\n"
        f"for email in {FULL_DAY_AGENTS!r}:\n"
        "    reservations.create_reservation(\n"
        "        User.objects.get(email=email), tablet.pk, day,\n"
        "        day + datetime.timedelta(days=1), pickup_at=start,\n"
        "        accepted_terms=True)\n"
    )


def free_tablets_code(day: datetime.date) -> str:
    """Return Python code that deletes the reservations of fill_tablets_code."""
    return (
        "from store.models import Reservation\n"
        f"Reservation.objects.filter(user__email__in={FULL_DAY_AGENTS!r}, "
        f"start_date={day.isoformat()!r}).delete()\n"
    )


@pytest.fixture
def full_tablet_day(site, tmp_path):
    """Make an opening day about ten days ahead full for the demo tablets.

    Returns the opening day before it and the full day. The fixture deletes
    the reservations after the test, so other tests find the tablets free.
    """
    pickup_day = next_opening_day_after(next_opening_day() + datetime.timedelta(days=7))
    full_day = next_opening_day_after(pickup_day)
    run_manage(
        site.environment,
        tmp_path / "fill.log",
        "shell",
        "-c",
        fill_tablets_code(full_day),
    )
    yield pickup_day, full_day
    run_manage(
        site.environment,
        tmp_path / "free.log",
        "shell",
        "-c",
        free_tablets_code(full_day),
    )


def calendar_day(form, day: datetime.date):
    return form.locator(f'.availability-day:has(time[datetime="{day.isoformat()}"])')


@pytest.mark.browser
def test_full_day_not_pickable(site, open_browser, full_tablet_day):
    pickup_day, full_day = full_tablet_day
    agent = open_browser(site.base_urls[0], viewport={"width": 1366, "height": 900})
    agent.sign_in(AGENT)
    agent.goto("/boutique/reserver/")
    page = agent.page
    form = page.locator("#reservation-form")
    form.locator("#id_equipment_type").select_option(label="Tablette tactile")
    full = calendar_day(form, full_day)

    expect(full).to_contain_text("Complet")
    expect(full.locator("button")).to_have_count(0)
    expect(calendar_day(form, pickup_day).locator("button")).to_have_count(1)
    # What screen readers get: the day's text, "Complet" with its reason.
    assert "Complet" in full.aria_snapshot()
    assert "aucun exemplaire libre" in full.aria_snapshot()
    full.scroll_into_view_if_needed()
    save_screenshot(page, "store-calendar-full-day-fr-1366")

    calendar_day(form, pickup_day).locator("button").click()

    expect(form.locator("#id_start_date")).to_have_value(pickup_day.isoformat())
    # The full day can end the loan: the unit is free again that morning.
    return_button = calendar_day(form, full_day).locator("button")
    expect(return_button).to_have_accessible_name(
        re.compile(r"Complet.*retour possible")
    )
    save_screenshot(page, "store-calendar-return-day-fr-1366")
    return_button.click()
    expect(form.locator("#id_end_date")).to_have_value(full_day.isoformat())
    expect(calendar_day(form, full_day).locator("button")).to_have_count(0)
    assert agent.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
def test_full_day_on_phone(site, open_browser, full_tablet_day, language):
    _pickup_day, full_day = full_tablet_day
    # axe is injected as an inline script; this context ignores the CSP.
    agent = open_browser(
        site.base_urls[0],
        viewport={"width": 390, "height": 844},
        locale=LOCALES[language],
        bypass_csp=True,
    )
    agent.sign_in(AGENT, language=language)
    agent.goto(f"{PREFIX[language]}/boutique/reserver/")
    form = agent.page.locator("#reservation-form")
    tablet = {"fr": "Tablette tactile", "en": "Tablet"}[language]
    form.locator("#id_equipment_type").select_option(label=tablet)
    full = calendar_day(form, full_day)
    word = {"fr": "Complet", "en": "Full"}[language]

    expect(full).to_contain_text(word)
    expect(full.locator("button")).to_have_count(0)
    assert word in full.aria_snapshot()
    full.scroll_into_view_if_needed()
    save_screenshot(agent.page, f"store-calendar-full-day-{language}-390")
    blocking = run_axe(agent.page)
    assert blocking == [], describe_violations(blocking)
    assert agent.problems == []


@pytest.mark.browser
def test_desk_counts_visit(site, open_browser):
    staff = open_browser(site.base_urls[0])
    staff.sign_in(STAFF)
    staff.goto("/boutique/comptoir/")
    button = staff.page.locator(".visit-button--lab")
    before = int(
        re.search(r"(\d+)", button.locator(".visit-button__count").inner_text()).group(
            1
        )
    )

    button.click()

    expect(staff.page.locator("#desk-message")).to_contain_text("Smart Lab")
    expect(
        staff.page.locator(".visit-button--lab .visit-button__count")
    ).to_contain_text(str(before + 1))
    assert staff.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
@pytest.mark.parametrize("kind", ["catalogue", "service", "reserve", "desk", "mine"])
def test_store_page_has_no_serious_axe_violation(site, open_browser, kind, language):
    assert AXE_PATH.exists(), f"{AXE_PATH} is missing: run `npm ci`"
    # axe is injected as an inline script; this context ignores the CSP.
    visitor = open_browser(site.base_urls[0], bypass_csp=True, locale=LOCALES[language])
    if kind in {"reserve", "mine"}:
        visitor.sign_in(AGENT, language=language)
    elif kind == "desk":
        visitor.sign_in(STAFF, language=language)
    paths = {
        "catalogue": CATALOGUE_PATHS[language],
        "service": SERVICE_PATHS[language],
        "reserve": f"{PREFIX[language]}/boutique/reserver/?type=2",
        "desk": f"{PREFIX[language]}/boutique/comptoir/",
        "mine": f"{PREFIX[language]}/boutique/mon-espace/",
    }
    visitor.goto(paths[kind])
    if kind == "desk":
        scan(visitor, TABLET_TAG)
        expect(visitor.page.locator(".unit-card")).to_be_visible()

    blocking = run_axe(visitor.page)

    assert visitor.page.locator("html").get_attribute("lang") == language
    save_screenshot(visitor.page, f"store-{kind}-{language}")
    assert blocking == [], (
        f"axe found serious or critical violations on the store {kind} page "
        f"({language}):\n{describe_violations(blocking)}"
    )


@pytest.mark.browser
def test_calendar_rows_are_weeks(site, open_browser):
    agent = open_browser(site.base_urls[0], viewport={"width": 1280, "height": 900})
    agent.sign_in(AGENT)
    agent.goto("/boutique/reserver/")
    form = agent.page.locator("#reservation-form")
    form.locator("#id_equipment_type").select_option(label="Tablette tactile")
    expect(form.locator(".availability-day").first).to_be_visible()

    days = form.locator(".availability-day time").evaluate_all(
        """(times) => times.map((time) => [
          time.getAttribute("datetime"),
          Math.round(time.closest("li").getBoundingClientRect().left),
        ])"""
    )

    lefts_by_weekday = {}
    for iso_day, left in days:
        weekday = datetime.date.fromisoformat(iso_day).weekday()
        lefts_by_weekday.setdefault(weekday, set()).add(left)
    assert len(days) >= 14
    assert all(len(lefts) == 1 for lefts in lefts_by_weekday.values())
    mondays = lefts_by_weekday[0].pop()
    assert all(
        left > mondays
        for weekday, lefts in lefts_by_weekday.items()
        if weekday
        for left in lefts
    )
