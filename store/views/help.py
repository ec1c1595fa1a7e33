"""Help requests: agents open them and talk with staff; the satisfaction link."""

import logging

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.ratelimit import rate_limited

from .. import help_requests as services
from ..errors import StoreError
from ..forms import (
    HelpHandlingForm,
    HelpMessageForm,
    HelpRequestForm,
    SatisfactionForm,
)
from ..models import HelpStatus
from ..permissions import is_store_staff
from .common import add_store_error, require_agent

logger = logging.getLogger(__name__)


@require_agent
@require_http_methods(["GET", "POST"])
@rate_limited("store_help", limit=10, period=600)
def help_new(request):
    """Show (GET) or send (POST) the help request form."""
    if request.method == "GET":
        form = HelpRequestForm(initial={"service": request.GET.get("service") or None})
        return TemplateResponse(request, "store/help_form.html", {"form": form})
    form = HelpRequestForm(request.POST)
    form.is_valid()
    if "preferred_at" not in form.errors:
        # Checked with the other fields, so that one submission shows every error.
        try:
            services.check_help_slot(
                form.cleaned_data.get("preferred_at"),
                form.cleaned_data.get("walk_in", False),
            )
        except StoreError as error:
            add_store_error(form, error)
    if not form.errors:
        data = form.cleaned_data
        try:
            help_request = services.create_help_request(
                request.user,
                data["kind"],
                data["description"],
                preferred_at=data["preferred_at"],
                walk_in=data["walk_in"],
                service_key=data.get("service"),
            )
        except StoreError as error:
            add_store_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your help request %(reference)s is sent. "
                    "The store team will answer here."
                )
                % {"reference": help_request.reference},
            )
            return HttpResponseRedirect(
                reverse("store:help_detail", args=[help_request.pk])
            )
    return TemplateResponse(request, "store/help_form.html", {"form": form}, status=400)


@require_agent
@require_http_methods(["GET", "POST"])
@rate_limited("store_help_message", limit=30, period=600)
def help_detail(request, help_request_id: int):
    """Show a help request's conversation (GET) or add a message (POST)."""
    try:
        help_request = services.get_help_request_for(request.user, help_request_id)
    except StoreError as error:
        raise Http404(error.message) from None
    form = HelpMessageForm()
    status = 200
    if request.method == "POST":
        form = HelpMessageForm(request.POST)
        if form.is_valid():
            try:
                services.post_message(
                    request.user, help_request.pk, form.cleaned_data["body"]
                )
            except StoreError as error:
                add_store_error(form, error)
            else:
                messages.success(request, _("Your message is sent."))
                return HttpResponseRedirect(
                    reverse("store:help_detail", args=[help_request.pk]) + "#messages"
                )
        status = 400
    context = build_detail_context(request, help_request, form)
    return TemplateResponse(request, "store/help_detail.html", context, status=status)


def build_detail_context(request, help_request, form, **extra) -> dict:
    """Return the context of a help request's page, for its agent or staff."""
    context = {
        "help_request": help_request,
        "conversation": help_request.messages.select_related("author"),
        "form": form,
        "is_staff_view": is_store_staff(request.user),
        "status_choices": HelpStatus.choices,
        "chosen_status": help_request.status,
        "handling_form": HelpHandlingForm(
            initial={"external_reference": help_request.external_reference}
        ),
    }
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
@rate_limited("store_satisfaction", limit=10, period=600)
def satisfaction(request, token: str):
    """Rate a closed help request through a signed link, without signing in."""
    try:
        help_request = services.read_satisfaction_token(token)
    except StoreError as error:
        return TemplateResponse(
            request, "store/satisfaction.html", {"error": error.message}, status=400
        )
    form = SatisfactionForm()
    status = 200
    if request.method == "POST":
        form = SatisfactionForm(request.POST)
        if form.is_valid():
            try:
                services.record_satisfaction(
                    token, form.cleaned_data["rating"], form.cleaned_data["comment"]
                )
            except StoreError as error:
                add_store_error(form, error)
            else:
                return TemplateResponse(
                    request, "store/satisfaction.html", {"thanks": True}
                )
        status = 400
    context = {
        "form": form,
        "help_request": help_request,
        "already_rated": help_request.satisfaction_rating is not None,
        "not_finished": not help_request.is_finished,
    }
    return TemplateResponse(request, "store/satisfaction.html", context, status=status)
