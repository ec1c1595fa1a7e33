"""Views of one idea: its page, edits, team, following, flags and comments.

Like the board views, each serves htmx with named partials of its page
template and plain form posts with post/redirect/get.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from cms.ratelimit import RateLimitExceeded, client_key, hit

from . import (
    comments,
    merging,
    moderation,
    notifications,
    permissions,
    services,
    statuses,
    teams,
    withdrawal,
)
from .challenges import get_rules
from .errors import IdeationError
from .forms import CommentForm, FlagForm, IdeaEditForm, MergeForm, StatusForm
from .models import COMMENT_MAX_LENGTH
from .views import COMMENT_LIMIT, board_socket_url, check_rate, get_board_url

logger = logging.getLogger(__name__)

# Requests to join a team per person: (count, seconds).
TEAM_REQUEST_LIMIT = (5, 3600)
# Saved edits of ideas per person: (count, seconds). Each save notifies the
# idea's author when a co-author edits it. Ten saves in ten minutes leave room
# to correct typing errors. The figure is a judgement, not a measurement.
EDIT_LIMIT = (10, 600)

TEMPLATE = "ideation/idea_page.html"


def get_readable_idea(request, idea_id: int):
    """Return ``(idea, board)`` that the request's user may read, or 404."""
    try:
        idea = services.get_idea_for(request.user, idea_id)
        board = services.get_board_by_key_for(request.user, idea.board_key)
    except IdeationError as error:
        raise Http404(error.message) from None
    return idea, board


def get_idea_for_page(request, idea_id: int):
    """Return ``(idea, board)`` for the idea's page, or 404.

    A hidden idea is shown to its board's facilitators only, so that they can
    read it before restoring it: every other reader gets 404.
    """
    try:
        return get_readable_idea(request, idea_id)
    except Http404:
        try:
            return moderation.get_hidden_idea_for_facilitator(request.user, idea_id)
        except IdeationError as error:
            raise Http404(error.message) from None


def idea_url(idea) -> str:
    return reverse("ideation:idea", args=[idea.pk])


def get_idea_context(request, idea, board, **extra) -> dict:
    user = request.user
    facilitator = permissions.is_facilitator(user, board)
    context = {
        "idea": idea,
        "board": board,
        "board_url": get_board_url(request, board),
        "board_sequence": services.get_board_sequence(board.board_key),
        "rules": get_rules(board),
        "comments": comments.get_comments_for(user, idea),
        "timeline": get_timeline(user, idea),
        "team": teams.get_team_for(user, idea),
        # The card shows an attached image in full here, a link on the board.
        "attachment_in_full": True,
        "following": notifications.is_following(user, idea),
        "facilitator": facilitator,
        # Only facilitators see a hidden idea, and they restore it before
        # anyone can take part in it again.
        "can_take_part": not idea.is_hidden and permissions.can_take_part(user, board),
        "can_edit": permissions.can_edit_idea(user, idea),
        "can_withdraw": withdrawal.can_withdraw(user, idea),
        "comment_form": CommentForm(),
        "comment_max_length": COMMENT_MAX_LENGTH,
        "ws_url": board_socket_url(board),
        "ideas_url": idea_url(idea),
    }
    if facilitator:
        context["hidden_comments"] = moderation.get_hidden_comments_for(user, idea)
        context["hiding_reason_max_length"] = moderation.HIDING_REASON_MAX_LENGTH
        context["status_form"] = StatusForm(initial={"status": idea.status_id})
        context["merge_form"] = MergeForm(
            **merging.get_merge_candidates(user, idea, board)
        )
    context.update(extra)
    return context


def get_revisions(idea) -> list:
    """Return the idea's earlier versions, oldest first, with their editor."""
    return list(idea.revisions.select_related("editor").order_by("created_at", "pk"))


def get_timeline(user, idea) -> list[tuple[str, object]]:
    """Return the idea's edits ("edit") and status changes ("status") as
    (kind, entry) pairs in the order they happened."""
    entries = [("edit", revision) for revision in get_revisions(idea)]
    entries += [("status", change) for change in statuses.get_timeline_for(user, idea)]
    return sorted(entries, key=lambda entry: entry[1].created_at)


@vary_on_headers("HX-Request")
def idea_page(request, idea_id: int):
    """Show an idea, or one part of its page to htmx.

    htmx gets the live part after a missed message. With
    ``part=hidden-comments`` it gets the facilitators' list of hidden comments,
    and with ``part=comment-section`` the comment form or the notice shown
    in its place.
    """
    try:
        idea, board = get_idea_for_page(request, idea_id)
    except Http404:
        if not request.user.is_authenticated and not request.htmx:
            # Notification e-mails link here: a signed-out reader signs in
            # first, as on the boards. Every unreadable id, existing or not,
            # gets this redirect, so it does not reveal which ideas exist.
            return redirect_to_login(request.get_full_path())
        raise
    part = request.GET.get("part") if request.htmx else None
    if part == "hidden-comments":
        return hidden_comments(request, idea, board)
    if part == "comment-section":
        context = get_idea_context(request, idea, board)
        return TemplateResponse(request, f"{TEMPLATE}#comment-section", context)
    if idea.merged_into_id and not request.htmx:
        messages.info(
            request,
            _("This idea was merged into “%(title)s”.")
            % {"title": idea.merged_into.title},
        )
    context = get_idea_context(request, idea, board)
    if request.htmx and not request.htmx.history_restore_request:
        return TemplateResponse(request, f"{TEMPLATE}#refetch", context)
    return TemplateResponse(request, TEMPLATE, context)


def hidden_comments(request, idea, board):
    """Return the hidden comments section to the board's facilitators, and 404
    to everyone else, as for an idea they may not read."""
    if not permissions.is_facilitator(request.user, board):
        raise Http404(IdeationError("not_found").message)
    context = {
        "idea": idea,
        "ideas_url": idea_url(idea),
        "hidden_comments": moderation.get_hidden_comments_for(request.user, idea),
    }
    return TemplateResponse(request, f"{TEMPLATE}#hidden-comments", context)


def fail(request, error: IdeationError, idea=None):
    """Answer a refused action: a message and a redirect, or the error's status."""
    if error.status_code == 404:
        raise Http404(error.message)
    if error.code == "sign_in_required":
        return redirect_to_login(idea_url(idea) if idea else "/")
    if request.htmx:
        response = render(
            request,
            "includes/rate_limited_fragment.html",
            {"message": error.message},
            status=error.status_code,
        )
        return response
    messages.error(request, error.message)
    target = idea_url(idea) if idea else "/"
    return HttpResponseRedirect(target)


@require_http_methods(["GET", "POST"])
def edit_idea(request, idea_id: int):
    idea, board = get_readable_idea(request, idea_id)
    if not permissions.can_edit_idea(request.user, idea):
        return fail(request, IdeationError("not_author"), idea)
    if request.method == "GET":
        try:
            services.check_can_edit(request.user, idea, board)
        except IdeationError as error:
            # No form to fill in when the save would be rejected. A POST still
            # gets the form back, with the typed text and the same message.
            return render(
                request,
                "ideation/idea_edit.html",
                {"idea": idea, "board": board, "refusal": error.message},
                status=error.status_code,
            )
    initial = {
        "title": idea.title,
        "description": idea.description,
        "category": idea.category_id,
        "tags": ", ".join(idea.tags.names()),
    }
    form = IdeaEditForm(request.POST or None, request.FILES or None, initial=initial)
    if not idea.attachment:
        del form.fields["remove_attachment"]
        form.fields["attachment"].label = _("Image or document")
    retry_after = None
    if request.method == "POST" and form.is_valid():
        retry_after = check_edit_rate(request, idea)
        if retry_after is not None:
            form.add_error(None, describe_edit_rate_limit(retry_after))
        elif save_edit(request, idea, form):
            messages.success(request, _("Your changes have been saved."))
            return HttpResponseRedirect(idea_url(idea))
    status = 400 if form.errors else 200
    if retry_after is not None:
        status = 429
    response = render(
        request,
        "ideation/idea_edit.html",
        {"idea": idea, "board": board, "form": form, "revisions": idea.revisions.all()},
        status=status,
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def save_edit(request, idea, form) -> bool:
    """Save the valid edit ``form`` of ``idea``; return False and add the
    error to the form when the service rejects it."""
    data = form.cleaned_data
    try:
        services.edit_idea(
            request.user,
            idea.pk,
            data["title"],
            data["description"],
            category=data["category"],
            tags=data["tags"],
            attachment=data["attachment"],
            remove_attachment=data.get("remove_attachment", False),
        )
    except IdeationError as error:
        form.add_error(None, error.message)
        return False
    return True


def check_edit_rate(request, idea) -> int | None:
    """Count one save of an idea's edit form.

    Return the seconds to wait when the person saved too often, else None.
    ``edit_idea`` then renders the form again with the typed text, but a
    chosen file must be chosen again, as after any invalid form.
    """
    try:
        hit("idea_edit", client_key(request), *EDIT_LIMIT)
    except RateLimitExceeded as error:
        logger.info(
            "user %s: edit of idea %s rejected by the rate limit for %s s",
            request.user.pk,
            idea.pk,
            error.retry_after,
        )
        return error.retry_after
    return None


def describe_edit_rate_limit(seconds: int) -> str:
    return ngettext(
        "You have saved changes too often in a short time. Your text is kept "
        "below: save it again in %(seconds)s second.",
        "You have saved changes too often in a short time. Your text is kept "
        "below: save it again in %(seconds)s seconds.",
        seconds,
    ) % {"seconds": seconds}


@require_POST
def join_team(request, idea_id: int):
    """Ask to join the team (``joined=1``), or leave it or withdraw the request."""
    idea, _board = get_readable_idea(request, idea_id)
    if not request.user.is_authenticated:
        return redirect_to_login(idea_url(idea))
    joined = request.POST.get("joined", "1") == "1"
    if joined:
        # Each request notifies the authors: withdrawing and asking again
        # must not flood them.
        refused = check_rate(request, "team_request", TEAM_REQUEST_LIMIT)
        if refused:
            return refused
    try:
        if joined:
            teams.request_to_join(request.user, idea.pk)
        else:
            teams.leave_team(request.user, idea.pk)
    except IdeationError as error:
        return fail(request, error, idea)
    if joined:
        messages.success(
            request,
            _(
                "Your request has been sent to the author of this idea. You will "
                "be able to edit it once your request is accepted."
            ),
        )
    else:
        messages.success(request, _("You are no longer in the team of this idea."))
    return HttpResponseRedirect(idea_url(idea))


@require_POST
def answer_team_request(request, idea_id: int, request_id: int):
    """Accept (``accept=1``) or decline a request to join the team."""
    idea, _board = get_readable_idea(request, idea_id)
    if not request.user.is_authenticated:
        return redirect_to_login(idea_url(idea))
    accept = request.POST.get("accept") == "1"
    try:
        team_request = teams.answer_request(request.user, idea.pk, request_id, accept)
    except IdeationError as error:
        return fail(request, error, idea)
    name = team_request.user.display_name
    if accept:
        message = _("%(name)s has joined the team.") % {"name": name}
    else:
        message = _("The request of %(name)s has been declined.") % {"name": name}
    messages.success(request, message)
    return HttpResponseRedirect(f"{idea_url(idea)}#team-heading")


@require_POST
def remove_team_member(request, idea_id: int, member_id: int):
    idea, _board = get_readable_idea(request, idea_id)
    if not request.user.is_authenticated:
        return redirect_to_login(idea_url(idea))
    try:
        teams.remove_member(request.user, idea.pk, member_id)
    except IdeationError as error:
        return fail(request, error, idea)
    messages.success(request, _("The person has been removed from the team."))
    return HttpResponseRedirect(f"{idea_url(idea)}#team-heading")


@vary_on_headers("HX-Request")
@require_POST
def follow(request, idea_id: int):
    idea, _board = get_readable_idea(request, idea_id)
    if not request.user.is_authenticated:
        return redirect_to_login(idea_url(idea))
    active = request.POST.get("active", "1") == "1"
    notifications.set_following(request.user, idea, active)
    if active:
        message = _("You follow this idea.")
    else:
        message = _("You no longer follow this idea.")
    if not request.htmx:
        messages.success(request, message)
        return HttpResponseRedirect(idea_url(idea))
    context = {"idea": idea, "following": active, "announcement": message}
    return TemplateResponse(request, f"{TEMPLATE}#follow-form", context)


@require_http_methods(["GET", "POST"])
def flag(request, idea_id: int):
    idea, board = get_readable_idea(request, idea_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment_id = request.GET.get("comment") or request.POST.get("comment")
    form = FlagForm(
        request.POST or None,
        initial={"comment": comment_id if str(comment_id).isdigit() else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moderation.flag(
                request.user, idea.pk, data["reason"], data["details"], data["comment"]
            )
        except IdeationError as error:
            return fail(request, error, idea)
        messages.success(
            request, _("Thank you. The facilitators will read your report.")
        )
        return HttpResponseRedirect(idea_url(idea))
    return render(
        request,
        "ideation/flag.html",
        {"idea": idea, "board": board, "form": form},
        status=400 if form.errors else 200,
    )


@vary_on_headers("HX-Request")
@require_POST
def post_comment(request, idea_id: int):
    idea, board = get_readable_idea(request, idea_id)
    if not request.user.is_authenticated:
        return redirect_to_login(idea_url(idea))
    refused = check_rate(request, "idea_comment", COMMENT_LIMIT)
    if refused:
        return refused
    form = CommentForm(request.POST)
    if not form.is_valid():
        return comment_form_failed(request, idea, board, form)
    try:
        comment = comments.post_comment(
            request.user,
            idea.pk,
            form.cleaned_data["body"],
            form.cleaned_data["parent"],
        )
    except IdeationError as error:
        if error.status_code == 404:
            raise Http404(error.message) from None
        form.add_error(None, error.message)
        return comment_form_failed(request, idea, board, form, error.status_code)
    message = _("Your comment has been posted.")
    if not request.htmx:
        messages.success(request, message)
        return HttpResponseRedirect(f"{idea_url(idea)}#comment-{comment.pk}")
    idea.refresh_from_db(fields=["comment_count"])
    comment.visible_replies = []
    context = get_idea_context(
        request, idea, board, comment=comment, announcement=message
    )
    return TemplateResponse(request, f"{TEMPLATE}#comment-posted", context)


def comment_form_failed(request, idea, board, form, status=400):
    context = get_idea_context(request, idea, board, comment_form=form)
    if request.htmx:
        response = TemplateResponse(
            request, f"{TEMPLATE}#comment-form", context, status=status
        )
        response["HX-Retarget"] = "#comment-form"
        response["HX-Reswap"] = "outerHTML"
        return response
    return TemplateResponse(request, TEMPLATE, context, status=status)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def edit_comment(request, comment_id: int):
    try:
        comment = comments.get_own_comment(request.user, comment_id)
    except IdeationError as error:
        return fail(request, error)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            comments.edit_comment(request.user, comment.pk, form.cleaned_data["body"])
        except IdeationError as error:
            return fail(request, error, comment.idea)
        messages.success(request, _("Your comment has been changed."))
        return HttpResponseRedirect(f"{idea_url(comment.idea)}#comment-{comment.pk}")
    template = (
        "ideation/comment_edit.html#edit-form"
        if request.htmx
        else "ideation/comment_edit.html"
    )
    return render(
        request,
        template,
        {"comment": comment, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def delete_comment(request, comment_id: int):
    try:
        comment = comments.delete_comment(request.user, comment_id)
    except IdeationError as error:
        return fail(request, error)
    messages.success(request, _("Your comment has been deleted."))
    return HttpResponseRedirect(f"{idea_url(comment.idea)}#comments")
