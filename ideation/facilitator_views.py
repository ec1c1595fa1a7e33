"""Facilitators' views: statuses, moderation, merging, phases, projection, exports.

Every view checks ``permissions.is_facilitator`` on the board concerned
through the services; a person without the right gets the site's 403 page
(or its ``refusal`` partial for htmx), and one who may not even read the
board gets 404.
"""

import datetime
import logging

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import challenges, exports, merging, moderation, permissions, services, statuses
from .errors import IdeationError
from .forms import MergeForm, PhaseForm, StatusForm, SwitchesForm
from .models import Phase
from .views import board_socket_url, get_board_url, get_readable_board

logger = logging.getLogger(__name__)

# Cards on the projection screen: six rows of five at 1920 x 1080 pixels, about
# twice what that screen shows without scrolling. The other ideas are only
# counted, so a challenge with thousands of ideas still renders quickly.
PROJECTION_MAX_IDEAS = 30


def deny(request, message: str) -> HttpResponse:
    """Reject the request with status 403 and ``message``.

    A page load raises PermissionDenied, so that Django renders the site's
    403.html around the message. An htmx history restore does too, because it
    swaps in the whole body. Other htmx requests get only the message, in the
    markup that site.js shows under the control that sent the request.
    """
    if not request.htmx or request.htmx.history_restore_request:
        raise PermissionDenied(message)
    response = render(request, "403.html#refusal", {"exception": message}, status=403)
    patch_vary_headers(response, ["HX-Request"])
    return response


def deny_non_facilitator(request) -> HttpResponse:
    return deny(request, IdeationError("facilitators_only").message)


def get_same_site_referer(request, fallback: str) -> str:
    """Return the Referer header when it names a page of this site, else
    ``fallback``.

    The header is sent by the client, so a link or a form on another site
    could otherwise turn the redirect after an error into an open redirect.
    """
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    if referer:
        logger.info(
            "user %s: Referer of another site ignored, redirecting to %s",
            request.user.pk,
            fallback,
        )
    return fallback


def refuse(request, error: IdeationError, fallback: str = "/"):
    """Respond to a rejected action with 404, 403, or a message and a redirect.

    The redirect goes to the page that sent the form when it is on this
    site, else to ``fallback``.
    """
    if error.status_code == 404:
        raise Http404(error.message)
    if error.status_code == 403:
        return deny(request, error.message)
    messages.error(request, error.message)
    return HttpResponseRedirect(get_same_site_referer(request, fallback))


def idea_path(idea_id: int) -> str:
    return reverse("ideation:idea", args=[idea_id])


def back_to_idea(idea_id: int):
    return HttpResponseRedirect(idea_path(idea_id))


def back_after_moderation(request, idea_id: int, default: str):
    """Redirect to the page that the moderation form names in its ``back``
    field (``idea`` or ``queue``), or to ``default``."""
    back = request.POST.get("back", default)
    if back == "idea":
        return back_to_idea(idea_id)
    return HttpResponseRedirect(reverse("ideation:moderation"))


@login_required
@require_POST
def change_status(request, idea_id: int):
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return back_to_idea(idea_id)
    try:
        statuses.change_status(
            request.user,
            idea_id,
            form.cleaned_data["status"].pk,
            form.cleaned_data["feedback"],
        )
    except IdeationError as error:
        return refuse(request, error, idea_path(idea_id))
    messages.success(request, _("The status has been changed and followers told."))
    return back_to_idea(idea_id)


@login_required
@require_POST
def merge(request, idea_id: int):
    try:
        idea = services.get_idea_for(request.user, idea_id)
        board = services.get_board_by_key_for(request.user, idea.board_key)
        challenges.check_facilitator(request.user, board)
    except IdeationError as error:
        return refuse(request, error, idea_path(idea_id))
    form = MergeForm(
        request.POST, **merging.get_merge_candidates(request.user, idea, board)
    )
    if not form.is_valid():
        logger.info(
            "user %s: merge of idea %s rejected: %s",
            request.user.pk,
            idea_id,
            form.errors.as_json(),
        )
        for error in form.errors["target"]:
            messages.error(request, error)
        return back_to_idea(idea_id)
    try:
        target = merging.merge_ideas(request.user, idea_id, form.cleaned_data["target"])
    except IdeationError as error:
        return refuse(request, error, idea_path(idea_id))
    messages.success(request, _("The ideas have been merged."))
    return back_to_idea(target.pk)


@login_required
@require_POST
def hide_idea(request, idea_id: int):
    try:
        idea = moderation.hide_idea(
            request.user, idea_id, request.POST.get("reason", "")
        )
    except IdeationError as error:
        return refuse(request, error, idea_path(idea_id))
    messages.success(
        request, _("The idea “%(title)s” is hidden.") % {"title": idea.title}
    )
    return HttpResponseRedirect(reverse("ideation:moderation"))


@login_required
@require_POST
def restore_idea(request, idea_id: int):
    try:
        idea = moderation.restore_idea(request.user, idea_id)
    except IdeationError as error:
        return refuse(request, error, idea_path(idea_id))
    messages.success(
        request, _("The idea “%(title)s” is visible.") % {"title": idea.title}
    )
    return back_after_moderation(request, idea.pk, "queue")


@login_required
@require_POST
def hide_comment(request, comment_id: int):
    try:
        comment = moderation.hide_comment(request.user, comment_id)
    except IdeationError as error:
        return refuse(request, error)
    messages.success(request, _("The comment is hidden."))
    return back_to_idea(comment.idea_id)


@login_required
@require_POST
def restore_comment(request, comment_id: int):
    try:
        comment = moderation.restore_comment(request.user, comment_id)
    except IdeationError as error:
        return refuse(request, error)
    messages.success(request, _("The comment is visible."))
    return back_after_moderation(request, comment.idea_id, "idea")


@login_required
@require_POST
def dismiss_flag(request, flag_id: int):
    try:
        moderation.dismiss_flag(request.user, flag_id)
    except IdeationError as error:
        return refuse(request, error)
    messages.success(request, _("The report has been dismissed."))
    return HttpResponseRedirect(reverse("ideation:moderation"))


@login_required
def moderation_queue(request):
    if not permissions.facilitated_board_keys(request.user):
        return deny_non_facilitator(request)
    context = moderation.get_queue_for(request.user)
    context["reason_max_length"] = moderation.HIDING_REASON_MAX_LENGTH
    return render(request, "ideation/moderation_queue.html", context)


def get_facilitated_challenge(request, board_id: int):
    """Return the challenge ``board_id`` when the user facilitates it, else
    None. A board the user may not read raises Http404."""
    board = get_readable_board(request, board_id)
    if not permissions.is_facilitator(request.user, board) or not board.is_challenge:
        return None
    return board


def render_phase_page(request, board, form=None, switches=None) -> HttpResponse:
    """Render the phase page, with the posted form when it was invalid.

    The form that was not posted shows the challenge's current state.
    """
    rules = challenges.get_rules(board)
    if form is None:
        form = PhaseForm(initial={"phase": rules.phase})
    if switches is None:
        state = challenges.get_state(board)
        initial = {
            name: getattr(state, name) for name in SwitchesForm.base_fields if state
        }
        switches = SwitchesForm(initial=initial)
    return render(
        request,
        "ideation/phase_control.html",
        {
            # The page in the active language: the same board, its own title.
            "board": board.localized,
            "form": form,
            "switches": switches,
            "rules": rules,
            "board_url": get_board_url(request, board),
            # Built from the board of the URL rather than its translation,
            # whose page id differs. Each form names its own view, so the
            # page rendered after an invalid rules form still posts a phase
            # to phase_control.
            "phase_url": reverse("ideation:phase", args=[board.pk]),
            "phase_rules_url": reverse("ideation:phase_rules", args=[board.pk]),
        },
        status=400 if form.errors or switches.errors else 200,
    )


@login_required
def phase_control(request, board_id: int):
    """Show the phase page, and move a challenge to the posted phase.

    Facilitators use it from a phone if need be. The page's second form, the
    rules of the current phase, posts to ``phase_rules``.
    """
    board = get_facilitated_challenge(request, board_id)
    if board is None:
        return deny_non_facilitator(request)
    if request.method != "POST":
        return render_phase_page(request, board)
    form = PhaseForm(request.POST)
    if not form.is_valid():
        return render_phase_page(request, board, form=form)
    minutes = form.cleaned_data["minutes"]
    ends_at = timezone.now() + datetime.timedelta(minutes=minutes) if minutes else None
    challenges.set_phase(request.user, board, form.cleaned_data["phase"], ends_at)
    messages.success(request, _("The phase has changed on every screen."))
    return HttpResponseRedirect(reverse("ideation:phase", args=[board.pk]))


@login_required
@require_POST
def phase_rules(request, board_id: int):
    """Change the rules of a challenge's current phase without leaving it."""
    board = get_facilitated_challenge(request, board_id)
    if board is None:
        return deny_non_facilitator(request)
    switches = SwitchesForm(request.POST)
    if not switches.is_valid():
        return render_phase_page(request, board, switches=switches)
    challenges.set_switches(request.user, board, **switches.cleaned_data)
    messages.success(request, _("The rules have changed on every screen."))
    return HttpResponseRedirect(reverse("ideation:phase", args=[board.pk]))


def split_projection_ideas(ideas) -> tuple[list, int]:
    """Return the first ``PROJECTION_MAX_IDEAS`` of ``ideas`` and how many
    others the queryset contains."""
    shown = list(ideas[:PROJECTION_MAX_IDEAS])
    if len(shown) < PROJECTION_MAX_IDEAS:
        return shown, 0
    # A second query: an idea hidden in between must not make it negative.
    return shown, max(ideas.count() - len(shown), 0)


def split_after_slashes(text: str) -> list[str]:
    """Return ``text`` cut after each slash, every slash kept in its part:
    "a/b-c/" gives ["a/", "b-c/"]."""
    *parts, last = text.split("/")
    return [f"{part}/" for part in parts] + ([last] if last else [])


def get_join_details(request, board) -> dict:
    """Return the board's address for people in the room, as a QR code and
    as text without the scheme, which is shorter to type on a phone.

    The text also comes cut after its slashes, where the projection lets it
    wrap. A line that ends at a slug's hyphen reads as a word cut in two, so
    people would type the address without the hyphen.
    """
    url = request.build_absolute_uri(get_board_url(request, board))
    text = url.split("://", 1)[-1]
    return {
        "join_url": url,
        "join_url_text": text,
        "join_url_parts": split_after_slashes(text),
        "join_qr": segno.make(url, error="m").svg_data_uri(scale=1, border=2),
    }


@login_required
def projection(request, board_id: int):
    """The Smart Room screen: ideas arriving live, phase countdown, vote results.

    It shows ``PROJECTION_MAX_IDEAS`` ideas and counts the others: the
    newest, or the most supported in the results phase. board.js keeps that
    bound when new ideas arrive live.
    """
    board = get_readable_board(request, board_id)
    if not permissions.is_facilitator(request.user, board):
        return deny_non_facilitator(request)
    sequence = services.get_board_sequence(board.board_key)
    rules = challenges.get_rules(board)
    # While ideas come in, the newest are on screen. Once the results are
    # out, the most supported are, so that none of them is only counted.
    showing_results = rules.phase == Phase.RESULTS and not rules.counts_hidden
    order = services.Sort.TOP if showing_results else services.Sort.NEW
    ideas = services.filter_and_sort(
        services.get_board_ideas_for(request.user, board), sort=order
    )
    shown, hidden_count = split_projection_ideas(ideas)
    template = "ideation/projection.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#idea-list"
    response = render(
        request,
        template,
        {
            "board": board.localized,
            "ideas": shown,
            "hidden_count": hidden_count,
            "max_ideas": PROJECTION_MAX_IDEAS,
            "rules": rules,
            "board_sequence": sequence,
            "ws_url": board_socket_url(board),
            "ideas_url": reverse("ideation:projection", args=[board.pk]),
            "projection": True,
            **get_join_details(request, board),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def export(request, board_id: int, file_format: str):
    board = get_readable_board(request, board_id)
    if not permissions.is_facilitator(request.user, board):
        return deny_non_facilitator(request)
    dialect = request.GET.get("dialect", "french")
    if file_format == "xlsx":
        return exports.xlsx_response(request, board)
    if file_format == "csv" and dialect in {"french", "standard"}:
        return exports.csv_response(request, board, dialect)
    raise Http404(_("Unknown export format."))
