"""Check-in views for staff on a phone or tablet.

One page lists the people expected; each row has a button that marks the
person present or absent. A code field accepts the short code typed by hand
or sent by a QR scanner that types like a keyboard. Scanning with the
tablet's camera is not offered: the site's Permissions-Policy denies the
camera. htmx swaps one row at a
time; without JavaScript each form posts and redirects back to the list.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from . import attendance
from .errors import RegistrationError
from .forms import CheckInCodeForm, WalkInForm
from .models import Registration
from .views import get_live_event

logger = logging.getLogger(__name__)

TEMPLATE = "events/checkin.html"


def require_check_in(request):
    """Return a response that stops the request, or None when allowed."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not attendance.can_check_in(request.user):
        logger.info("check-in forbidden to user %s: no permission", request.user.pk)
        return TemplateResponse(
            request,
            "events/registration_refused.html",
            {
                "heading": _("Check-in not allowed"),
                "message": _(
                    "Your account cannot check people in at events. "
                    "Ask the Smart Corner team for access."
                ),
            },
            status=403,
        )
    return None


def get_context(request, page, **extra) -> dict:
    people = list(attendance.get_attendance_list(page))
    try:
        attendance.check_walk_in_open(page)
    except RegistrationError as error:
        walk_in_closed = error.message
    else:
        walk_in_closed = None
    context = {
        "walk_in_closed": walk_in_closed,
        "event": page,
        "people": people,
        "present_count": sum(1 for person in people if person.status == "attended"),
        "code_form": CheckInCodeForm(),
        "walk_in_form": WalkInForm(),
    }
    context.update(extra)
    return context


@vary_on_headers("HX-Request")
def attendance_list(request, page_id: int):
    refusal = require_check_in(request)
    if refusal:
        return refusal
    page = get_live_event(page_id)
    return TemplateResponse(request, TEMPLATE, get_context(request, page))


@require_POST
@vary_on_headers("HX-Request")
def set_presence(request, registration_id: int):
    refusal = require_check_in(request)
    if refusal:
        return refusal
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        raise Http404(RegistrationError("registration_not_found").message)
    if request.POST.get("present") not in {"0", "1"}:
        return HttpResponseBadRequest(
            _("Say whether the person is present (1) or absent (0)."),
            content_type="text/plain; charset=utf-8",
        )
    present = request.POST.get("present") == "1"
    status = 200
    message = None
    try:
        registration = attendance.set_presence(
            registration_id, present, by=request.user
        )
    except RegistrationError as error:
        message, status = error.message, error.status_code
    else:
        template = (
            _("%(name)s is marked present.")
            if present
            else _("%(name)s is marked absent.")
        )
        message = template % {"name": registration.name}
    page = registration.event.specific.localized
    if request.htmx:
        response = TemplateResponse(
            request,
            f"{TEMPLATE}#person-row",
            {"person": registration, "event": page, "row_message": message},
            status=status,
        )
        if status >= 400:
            response["HX-Reswap"] = "outerHTML"
        return response
    (messages.success if status == 200 else messages.error)(request, message)
    return HttpResponseRedirect(reverse("events:checkin", args=[page.pk]))


@require_POST
def check_in_code(request, page_id: int):
    refusal = require_check_in(request)
    if refusal:
        return refusal
    page = get_live_event(page_id)
    form = CheckInCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a check-in code."))
        return HttpResponseRedirect(reverse("events:checkin", args=[page.pk]))
    try:
        registration = attendance.check_in_by_code(
            page, form.cleaned_data["code"], by=request.user
        )
    except RegistrationError as error:
        messages.error(request, error.message)
        status = error.status_code
        return TemplateResponse(
            request, TEMPLATE, get_context(request, page), status=status
        )
    messages.success(
        request, _("%(name)s is marked present.") % {"name": registration.name}
    )
    return HttpResponseRedirect(
        reverse("events:checkin", args=[page.pk]) + f"#person-{registration.pk}"
    )


@require_POST
def walk_in(request, page_id: int):
    refusal = require_check_in(request)
    if refusal:
        return refusal
    page = get_live_event(page_id)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            registration = attendance.add_walk_in(
                page, by=request.user, **form.cleaned_data
            )
        except RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is added and marked present.")
                % {"name": registration.name},
            )
            return HttpResponseRedirect(reverse("events:checkin", args=[page.pk]))
    context = get_context(request, page, walk_in_form=form)
    return TemplateResponse(request, TEMPLATE, context, status=400)
