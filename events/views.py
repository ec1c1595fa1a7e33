"""Views of registrations: register, guest requests, cancel, my programme.

Each action serves two clients: htmx requests get the registration panel of
``events/event_page.html`` as a fragment, plain form posts get a redirect to
the event page with a message (post/redirect/get).
"""

import io
import logging

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from cms.ratelimit import rate_limited

from . import registrations as services
from .errors import RegistrationError
from .forms import GuestRegistrationForm
from .models import CalendarFeedToken, EventPage, Registration, RegistrationStatus
from .models.registrations import ACTIVE_STATUSES

logger = logging.getLogger(__name__)

EVENT_TEMPLATE = "events/event_page.html"


def get_live_event(page_id: int) -> EventPage:
    page = EventPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404(RegistrationError("event_not_found").message)
    return page.specific


def get_event_url(request, page: EventPage) -> str:
    # A translated page's own url can be None; ``localized`` follows the
    # active language.
    return page.localized.get_url(request) or page.get_url(request) or "/"


def get_registration_context(request, page: EventPage) -> dict:
    """Build what the registration panel of an event page shows."""
    source = services.get_source_event(page)
    seats_taken = services.count_seats_taken(source)
    mine = None
    if request.user.is_authenticated:
        mine = Registration.objects.filter(
            event=source, user=request.user, status__in=ACTIVE_STATUSES
        ).first()
    try:
        services.check_registration_open(source)
        closed_reason = None
    except RegistrationError as error:
        closed_reason = error.message
    partner_refused = (
        request.user.is_authenticated
        and getattr(request.user, "is_partner", False)
        and not source.is_open_to_guests
    )
    capacity = source.capacity
    return {
        "registration_event": source,
        "my_registration": mine,
        "my_position": services.get_waiting_position(mine) if mine else None,
        "my_can_cancel": bool(mine) and services.can_cancel(mine),
        "my_cancel_consequence": describe_cancellation(mine) if mine else None,
        "cancellation_deadline": services.get_cancellation_deadline(source),
        "seats_taken": seats_taken,
        "seats_left": None if capacity is None else max(0, capacity - seats_taken),
        "waiting_count": Registration.objects.filter(event=source).waiting().count(),
        "registration_closed_reason": closed_reason,
        "partner_refused": partner_refused,
        "register_url": reverse("events:register", args=[page.pk]),
        "guest_url": reverse("events:guest_register", args=[page.pk]),
        "event_ics_url": reverse("events:event_ics", args=[page.pk]),
        "sign_in_url": get_sign_in_url(get_event_url(request, page)),
    }


def describe_cancellation(registration: Registration) -> str:
    """Return what cancelling the registration would do, for the confirmation."""
    if registration.status == RegistrationStatus.WAITING:
        return _(
            "You will lose your place on the waiting list (position %(position)s)."
        ) % {"position": services.get_waiting_position(registration)}
    if services.is_seat_passed_on(registration):
        return _(
            "Your seat will go at once to the next person on the waiting list. "
            "If you register again, you will join the end of the waiting list."
        )
    return _("Your seat will be freed for someone else.")


def get_sign_in_url(next_url: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': next_url})}"


def render_panel(request, page, *, status=200, message=None, error=None):
    context = {"page": page, "panel_message": message, "panel_error": error}
    context.update(get_registration_context(request, page))
    return TemplateResponse(
        request, f"{EVENT_TEMPLATE}#registration-panel", context, status=status
    )


def action_response(request, page, *, message=None, error=None, status=200):
    """Return the result of an action: a fragment for htmx, else a redirect."""
    if request.htmx:
        response = render_panel(
            request, page, message=message, error=error, status=status
        )
        if status >= 400:
            # site.js swaps error fragments that announce themselves this way.
            response["HX-Reswap"] = "outerHTML"
        return response
    if error:
        messages.error(request, error)
    elif message:
        messages.success(request, message)
    response = HttpResponseRedirect(get_event_url(request, page) + "#registration")
    if status == 403 and not request.user.is_authenticated:
        return redirect_to_login(get_event_url(request, page))
    return response


def describe_result(result) -> str:
    if result.registration.status == RegistrationStatus.WAITING:
        return _(
            "The event is full: you are on the waiting list, in position "
            "%(position)s. We will e-mail you if a seat frees up."
        ) % {"position": result.position}
    # The registration panel already shows "You are registered." next to the
    # check-in code, so the message adds only the confirmation e-mail.
    return _("A confirmation e-mail is on its way to you.")


@vary_on_headers("HX-Request")
@require_POST
@rate_limited("event_register", limit=10, period=60)
def register(request, page_id: int):
    """Register the signed-in person for an event, in one click."""
    page = get_live_event(page_id)
    try:
        result = services.register(request.user, page)
    except RegistrationError as error:
        if error.code == "staff_only" and not request.htmx:
            # A clear 403 page rather than a redirect that hides the refusal.
            return TemplateResponse(
                request,
                "events/registration_refused.html",
                {"message": error.message, "event": page},
                status=403,
            )
        return action_response(
            request, page, error=error.message, status=error.status_code
        )
    return action_response(request, page, message=describe_result(result))


@require_POST
@vary_on_headers("HX-Request")
def cancel(request, registration_id: int):
    """Cancel one of the signed-in person's registrations."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("events:my_programme"))
    registration = Registration.objects.filter(
        pk=registration_id, user=request.user
    ).first()
    if registration is None:
        raise Http404(RegistrationError("registration_not_found").message)
    page = registration.event.specific
    next_url = request.POST.get("next", "")
    try:
        services.cancel(registration_id, user=request.user)
    except RegistrationError as error:
        if next_url == "my_programme":
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("events:my_programme"))
        return action_response(
            request, page.localized, error=error.message, status=error.status_code
        )
    message = _("Your registration is cancelled.")
    if next_url == "my_programme":
        messages.success(request, message)
        return HttpResponseRedirect(reverse("events:my_programme"))
    return action_response(request, page.localized, message=message)


@require_http_methods(["GET", "POST"])
@rate_limited("event_guest_register", limit=5, period=300)
def guest_register(request, page_id: int):
    """Form for a guest without an account: name, organisation, e-mail."""
    page = get_live_event(page_id)
    if not page.is_open_to_guests:
        return TemplateResponse(
            request,
            "events/registration_refused.html",
            {"message": RegistrationError("staff_only").message, "event": page},
            status=403,
        )
    form = GuestRegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.request_guest_registration(page, **form.cleaned_data)
            except RegistrationError as error:
                if error.code not in services.ADDRESS_KNOWN_CODES:
                    form.add_error(
                        "email" if "email" in error.code else None, error.message
                    )
                    status = error.status_code
                else:
                    services.remind_known_address(page, form.cleaned_data["email"])
            if not form.errors:
                # Also for an address already known, so that the response does
                # not tell a stranger that it has an account or a registration.
                messages.success(
                    request,
                    _(
                        "Almost done: open the link in the e-mail we have just "
                        "sent you to confirm your registration."
                    ),
                )
                return HttpResponseRedirect(get_event_url(request, page))
    context = {"event": page, "form": form}
    return TemplateResponse(
        request, "events/guest_register.html", context, status=status
    )


@require_http_methods(["GET", "POST"])
def guest_confirm(request, token: str):
    """Confirm a guest's registration from the link in the e-mail.

    Opening the link shows a button, and only its POST confirms: mail
    filters that open every link of a message would otherwise confirm a
    request that someone else made with the address.
    """
    if request.method == "GET":
        return guest_confirm_page(request, token)
    try:
        result = services.confirm_guest_registration(token)
    except RegistrationError as error:
        return TemplateResponse(
            request,
            "events/guest_message.html",
            {"message": error.message, "failed": True},
            status=error.status_code,
        )
    event = result.registration.event.specific.localized
    return TemplateResponse(
        request,
        "events/guest_message.html",
        {
            "message": describe_result(result),
            "event": event,
            "registration": result.registration,
        },
    )


def guest_confirm_page(request, token: str):
    """Show the pending request with its confirmation button, or the state
    of a request that the link cannot confirm any more."""
    try:
        registration = services.read_guest_confirmation(token)
    except RegistrationError as error:
        logger.info("guest confirmation link rejected: %s", error.code)
        return TemplateResponse(
            request,
            "events/guest_message.html",
            {"message": error.message, "failed": True},
            status=error.status_code,
        )
    context = {
        "registration": registration,
        "event": registration.event.specific.localized,
    }
    return TemplateResponse(request, "events/guest_confirm.html", context)


@require_http_methods(["GET", "POST"])
def guest_manage(request, token: str):
    """Let a guest see and cancel their registration from the e-mail link."""
    try:
        registration = services.read_guest_token(token, services.GUEST_MANAGE_SALT)
    except RegistrationError as error:
        raise Http404(error.message) from None
    error_message = None
    if request.method == "POST":
        try:
            services.cancel(registration.pk, by_staff=False, user=None, guest=True)
        except RegistrationError as error:
            error_message = error.message
        else:
            messages.success(request, _("Your registration is cancelled."))
            return HttpResponseRedirect(request.path)
        registration.refresh_from_db()
    can_cancel = services.can_cancel(registration)
    context = {
        "registration": registration,
        "event": registration.event.specific.localized,
        "position": services.get_waiting_position(registration),
        "can_cancel": can_cancel,
        "cancel_consequence": describe_cancellation(registration)
        if can_cancel
        else None,
        "error_message": error_message,
    }
    return TemplateResponse(
        request,
        "events/guest_manage.html",
        context,
        status=400 if error_message else 200,
    )


@login_required
def my_programme(request):
    """Show the signed-in person's registrations, upcoming first, and feed URL."""
    now = timezone.now()
    registrations = list(
        Registration.objects.filter(user=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__venue")
        .order_by("event__start", "pk")
    )
    upcoming, past = [], []
    for registration in registrations:
        registration.page = registration.event.specific.localized
        registration.position = services.get_waiting_position(registration)
        registration.cancellable = services.can_cancel(registration)
        if registration.cancellable:
            registration.cancel_consequence = describe_cancellation(registration)
        is_past = registration.event.end and registration.event.end <= now
        (past if is_past else upcoming).append(registration)
    token = CalendarFeedToken.objects.filter(user=request.user).first()
    feed_url = None
    if token is not None:
        feed_url = request.build_absolute_uri(
            reverse("events:feed_private", args=[token.token])
        )
    context = {
        "upcoming": upcoming,
        "past": list(reversed(past)),
        "feed_url": feed_url,
    }
    return TemplateResponse(request, "events/my_programme.html", context)


@login_required
@require_POST
def reset_feed(request):
    """Create the private feed URL, or replace it so the old one stops working."""
    CalendarFeedToken.objects.update_or_create(
        user=request.user, defaults={"token": CalendarFeedToken.new_token()}
    )
    logger.info("calendar feed token reset for user %s", request.user.pk)
    messages.success(request, _("Your calendar address is ready. Copy it below."))
    return HttpResponseRedirect(reverse("events:my_programme") + "#calendar-feed")


def qr_code(request, code: str):
    """Return the QR code of a check-in code as SVG.

    The code alone identifies the registration, so only its owner and staff
    who check people in may fetch it.
    """
    registration = get_object_or_404(Registration, code=code)
    user = request.user
    allowed = user.is_authenticated and (
        registration.user_id == user.pk or user.has_perm("events.check_in_registration")
    )
    if not allowed:
        raise Http404(RegistrationError("registration_not_found").message)
    buffer = io.BytesIO()
    # A standalone file (with xmlns), since browsers show it through <img>.
    segno.make(registration.code, error="m").save(
        buffer,
        kind="svg",
        scale=6,
        title=_("Check-in code %(code)s") % {"code": registration.code},
    )
    svg = buffer.getvalue()
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response
