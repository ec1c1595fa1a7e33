"""Views of the Smart Lab board: post an idea, toggle a vote, fetch the list.

Each view serves two clients from the board page template: htmx requests get a
named partial of ``ideation/idea_board_page.html``, plain form posts get a
redirect back to the board page with a message (post/redirect/get), or the
board page itself with the errors and the typed text.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from . import services
from .errors import IdeationError
from .forms import IdeaForm, VoteForm

logger = logging.getLogger(__name__)

TEMPLATE = "ideation/idea_board_page.html"


def get_board_context(request, board, form=None) -> dict:
    """Build the template context of a board page for the requesting user."""
    # The sequence is read before the ideas, so that a change committed in
    # between is at worst applied twice by the client, never missed.
    sequence = services.get_board_sequence(board.board_key)
    return {
        "board": board,
        "board_sequence": sequence,
        "ideas": services.get_board_ideas_for(request.user, board),
        "idea_form": form if form is not None else IdeaForm(),
        "ideas_url": reverse("ideation:ideas", args=[board.pk]),
        "ws_url": f"/ws/lab/boards/{board.board_key}/",
        "sign_in_url": get_sign_in_url(get_board_url(request, board)),
    }


def get_board_url(request, board) -> str:
    """Return the URL of the board page in the active language."""
    # A translated page's own ``url`` can be None, so go through ``localized``.
    return board.localized.get_url(request) or board.get_url(request) or "/"


def get_sign_in_url(next_url: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': next_url})}"


def render_board_page(request, board, *, form=None, status=200):
    """Render the full board page, for plain form posts that failed."""
    context = board.get_context(request)
    if form is not None:
        context["idea_form"] = form
    return TemplateResponse(
        request, board.get_template(request), context, status=status
    )


def render_partial(request, partial, context, *, status=200, retarget=None):
    response = TemplateResponse(
        request, f"{TEMPLATE}#{partial}", context, status=status
    )
    if retarget:
        # The response replaces another element than the one that sent it.
        response["HX-Retarget"] = retarget
    if retarget or status >= 400:
        # board.js lets htmx swap a 4xx response only when this header says
        # it is a fragment written for the error.
        response["HX-Reswap"] = "outerHTML"
    return response


def get_readable_board(request, board_id: int):
    try:
        return services.get_board_for(request.user, board_id, request)
    except IdeationError as error:
        raise Http404(error.message) from None


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def board_ideas(request, board_id: int):
    """Return the idea list of a board (GET) or post a new idea on it (POST)."""
    board = get_readable_board(request, board_id)
    if request.method == "POST":
        return post_idea(request, board)
    if request.htmx and not request.htmx.history_restore_request:
        return render_partial(request, "idea-list", get_board_context(request, board))
    if request.htmx:
        # Restoring history needs a whole page, never a bare fragment.
        return render_board_page(request, board)
    return HttpResponseRedirect(get_board_url(request, board))


def post_idea(request, board):
    board_url = get_board_url(request, board)
    form = IdeaForm(request.POST)
    if not request.user.is_authenticated and not request.htmx:
        messages.info(request, IdeationError("sign_in_required").message)
        return redirect_to_login(board_url)
    status = 400
    if form.is_valid():
        try:
            idea = services.post_idea(request.user, board, **form.cleaned_data)
        except IdeationError as error:
            form.add_error(None, error.message)
            status = error.status_code
        else:
            return idea_posted(request, board, idea)
    elif not request.user.is_authenticated:
        # Only reached with htmx: a session that expired while typing. The
        # form comes back with the typed text and a sign-in link.
        form.add_error(None, IdeationError("sign_in_required").message)
        status = 403
    if request.htmx:
        context = get_board_context(request, board, form)
        return render_partial(
            request, "idea-form", context, status=status, retarget="#idea-form"
        )
    return render_board_page(request, board, form=form, status=status)


def idea_posted(request, board, idea):
    message = _("Your idea “%(title)s” has been posted.") % {"title": idea.title}
    if not request.htmx:
        messages.success(request, message)
        return HttpResponseRedirect(f"{get_board_url(request, board)}#idea-{idea.pk}")
    idea.voted_by_me = False
    context = get_board_context(request, board)
    context.update(idea=idea, announcement=message)
    return render_partial(request, "idea-posted", context)


@vary_on_headers("HX-Request")
@require_POST
def vote(request, idea_id: int):
    """Add (voted=1) or withdraw (voted=0) the user's vote on an idea."""
    try:
        idea = services.get_idea_for(request.user, idea_id)
        board = services.get_board_by_key_for(request.user, idea.board_key)
    except IdeationError as error:
        return vote_failed(request, idea_id, None, error)
    form = VoteForm(request.POST)
    if not request.user.is_authenticated:
        return vote_failed(request, idea, board, IdeationError("sign_in_required"))
    if not form.is_valid():
        message = " ".join(form.errors["voted"])
        return vote_failed(request, idea, board, message=message)
    try:
        result = services.set_vote(request.user, idea.pk, form.cleaned_data["voted"])
    except IdeationError as error:
        return vote_failed(request, idea_id, None, error)
    return vote_recorded(request, board, result)


def vote_recorded(request, board, result):
    values = {"title": result.idea.title, "count": result.vote_count}
    if result.voted:
        message = _("You support “%(title)s”. Votes: %(count)s.") % values
    else:
        message = _("You no longer support “%(title)s”. Votes: %(count)s.") % values
    if not request.htmx:
        messages.success(request, message)
        return HttpResponseRedirect(
            f"{get_board_url(request, board)}#idea-{result.idea.pk}"
        )
    context = {"idea": result.idea, "announcement": message}
    return render_partial(request, "vote-recorded", context)


def vote_failed(request, idea_or_id, board, error=None, message=None):
    """Return a vote error: 400 for invalid input, or the error's own status.

    ``idea_or_id`` is the idea when it is visible, else only its id.
    """
    status = error.status_code if error else 400
    message = error.message if error else message
    idea = None if isinstance(idea_or_id, int) else idea_or_id
    sign_in_url = None
    if error and error.code == "sign_in_required":
        sign_in_url = get_sign_in_url(get_board_url(request, board))
    if not request.htmx:
        if status == 404:
            raise Http404(message)
        messages.error(request, message)
        if sign_in_url:
            return redirect_to_login(get_board_url(request, board))
        return render_board_page(request, board, status=status)
    context = {
        "idea": idea,
        "idea_id": idea.pk if idea else idea_or_id,
        "vote_message": message,
        "sign_in_url": sign_in_url,
    }
    return render_partial(request, "vote-control", context, status=status)
