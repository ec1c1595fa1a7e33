"""The page where an author withdraws their idea."""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import withdrawal
from .errors import IdeationError
from .forms import WithdrawForm
from .idea_views import EDIT_LIMIT, fail, get_readable_idea, idea_url
from .views import check_rate

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def withdraw(request, idea_id: int):
    """Ask the author to confirm, with an optional explanation, then
    withdraw the idea. A rejected withdrawal keeps the typed explanation."""
    idea, board = get_readable_idea(request, idea_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "GET" and not withdrawal.can_withdraw(request.user, idea):
        code = "withdraw_author_only"
        if idea.author_id == request.user.pk:
            code = withdrawal.closed_error_code(idea.pk)
        return fail(request, IdeationError(code), idea)
    form = WithdrawForm(request.POST or None)
    error = None
    status = 200
    if request.method == "POST" and form.is_valid():
        too_many = check_rate(request, "idea_edit", EDIT_LIMIT)
        if too_many:
            return too_many
        try:
            withdrawal.withdraw_idea(
                request.user, idea.pk, form.cleaned_data["explanation"]
            )
        except IdeationError as rejected:
            if rejected.status_code == 404:
                return fail(request, rejected, idea)
            logger.info(
                "withdrawal of idea %s by user %s rejected: %s",
                idea.pk,
                request.user.pk,
                rejected.code,
            )
            error = rejected.message
            status = rejected.status_code
        else:
            messages.success(
                request,
                _(
                    "Your idea is withdrawn. It stays on the board, marked as "
                    "withdrawn, and its votes are final."
                ),
            )
            return HttpResponseRedirect(idea_url(idea))
    return render(
        request,
        "ideation/withdraw.html",
        {"idea": idea, "board": board, "form": form, "error": error},
        status=400 if form.errors else status,
    )
