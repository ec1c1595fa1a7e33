"""Views of the Smart Lab board: post an idea, toggle a vote, fetch the list.

Each view serves two clients from the board page template: htmx requests get a
named partial of ``ideation/idea_board_page.html``, plain form posts get a
redirect back to the board page with a message (post/redirect/get), or the
board page itself with the errors and the typed text.
"""

import logging
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from taggit.models import Tag

from cms.query import parse_id
from cms.ratelimit import RateLimitExceeded, client_key, hit, too_many_requests

from . import permissions, services
from .challenges import get_rules
from .errors import IdeationError
from .forms import IdeaForm, VoteForm
from .models import IdeaCategory, IdeaStatus, TaggedIdea

# (limit, period in seconds) per action and person; RATE_LIMITS overrides them.
POST_LIMIT = (5, 60)
VOTE_LIMIT = (60, 60)
COMMENT_LIMIT = (10, 60)

logger = logging.getLogger(__name__)

TEMPLATE = "ideation/idea_board_page.html"

# Ideas per page of the board; "Show more ideas" appends the next page.
IDEAS_PER_PAGE = 24
# Bounds the ``page`` parameter, so a crafted URL cannot ask for a huge slice.
MAX_PAGES = 1000
# The id of the "Show more ideas" element, which its htmx request replaces.
MORE_TARGET = "idea-list-more"


def parse_filters(params) -> dict:
    """Read the board's filters from ``params``; bad values are ignored.

    ``params`` is the query string of the HTTP views (a ``QueryDict``) or the
    ``filters`` object of a socket's ``board.resync`` message, where any JSON
    value can arrive, so values other than text count as missing.
    """

    def text(name: str) -> str:
        value = params.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    sort = text("sort")
    return {
        "q": text("q")[:200],
        "status": parse_id(text("status")),
        "category": parse_id(text("category")),
        "tag": text("tag")[:100],
        "sort": sort if sort in services.Sort.values else services.Sort.HOT,
    }


def get_filters(request) -> dict:
    """Read the board's filters from the request's query string."""
    return parse_filters(request.GET)


def get_filtered_ideas_for(user, board, filters: dict):
    """Return the board's ideas that ``user`` may see, filtered and sorted.

    The board's HTTP views and the socket's resync both list ideas through
    this function, so that a resync shows what a refetch would.
    """
    return services.filter_and_sort(
        services.get_board_ideas_for(user, board), **filters
    )


def parse_page_count(value) -> int:
    """Read how many pages of ideas to show from a query string's ``page``
    or a socket message's ``pages``; bad values mean the first only."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or len(value) > 4:
        return 1
    number = parse_id(value)
    if number is None:
        return 1
    return min(max(number, 1), MAX_PAGES)


def get_page_number(request) -> int:
    """Read how many pages of ideas to show; bad values mean the first."""
    return parse_page_count(request.GET.get("page", ""))


@dataclass(frozen=True)
class IdeaPage:
    """The ideas of one response, and how to ask for the next ones.

    ``number`` pages are shown once this response is on screen: the full
    list contains all of them, a "more" fragment only the last one.
    ``filter_query`` is the query string of the filters, without ``page``.
    """

    ideas: list
    number: int
    per_page: int
    first_position: int
    has_next: bool
    filter_query: str
    next_query: str
    # True when a search or filter narrows the list (the sort does not).
    filtered: bool = False

    @property
    def last_position(self) -> int:
        return self.first_position + len(self.ideas) - 1


def get_idea_page(ideas, filters: dict, number: int, *, last_only=False) -> IdeaPage:
    """Slice the sorted ``ideas`` queryset into the ideas of one response.

    One row past the end is read to know whether a next page exists, which
    costs less than counting the board's ideas.

    NOTE: pages are offsets in the current order, so an idea that moves up
    past the pages already shown, between two requests, is skipped until
    the list is reloaded. Repeats are dropped by board.js.
    """
    start = (number - 1) * IDEAS_PER_PAGE if last_only else 0
    end = number * IDEAS_PER_PAGE
    rows = list(ideas[start : end + 1])
    query = {key: value for key, value in filters.items() if value}
    return IdeaPage(
        ideas=rows[: end - start],
        number=number,
        per_page=IDEAS_PER_PAGE,
        first_position=start + 1,
        has_next=len(rows) > end - start,
        filter_query=urlencode(query),
        next_query=urlencode({**query, "page": number + 1}),
        filtered=any(value for key, value in query.items() if key != "sort"),
    )


def get_board_context(request, board, form=None, board_url=None) -> dict:
    """Build the template context of a board page for the requesting user.

    ``board_url`` is the page's URL in the active language, when known.
    """
    board = board.specific
    filters = get_filters(request)
    # The sequence is read before the ideas, so that a change committed in
    # between is at worst applied twice by the client, never missed.
    sequence = services.get_board_sequence(board.board_key)
    ideas = get_filtered_ideas_for(request.user, board, filters)
    idea_page = get_idea_page(
        ideas, filters, get_page_number(request), last_only=is_more_request(request)
    )
    board_url = board_url or get_board_url(request, board)
    board_tags = TaggedIdea.objects.filter(
        content_object__board_key=board.board_key
    ).values("tag_id")
    return {
        "board": board,
        "board_url": board_url,
        "board_sequence": sequence,
        "ideas": idea_page.ideas,
        "idea_page": idea_page,
        "idea_form": form if form is not None else IdeaForm(),
        "ideas_url": reverse("ideation:ideas", args=[board.pk]),
        "filters": filters,
        "sort_choices": services.Sort.choices,
        "statuses": IdeaStatus.objects.all(),
        "categories": IdeaCategory.objects.all(),
        "tags": Tag.objects.filter(pk__in=board_tags).values_list("name", flat=True),
        "rules": get_rules(board),
        "facilitator": permissions.is_facilitator(request.user, board),
        "can_take_part": permissions.can_take_part(request.user, board),
        "ws_url": board_socket_url(board),
        "sign_in_url": get_sign_in_url(board_url),
    }


def get_idea_list_context(
    user, board, filters: dict | None = None, pages: int = 1
) -> dict:
    """Return what ``#idea-list`` needs for ``user``, without a request.

    The WebSocket resync renders the list with it, so that hidden vote
    counts stay hidden there too. It shows the first ``pages`` pages of
    ``filters`` (see ``parse_filters``), by default the whole board in the
    default order.
    """
    board = board.specific
    filters = filters if filters is not None else parse_filters({})
    ideas = get_filtered_ideas_for(user, board, filters)
    idea_page = get_idea_page(ideas, filters, pages)
    return {
        "board": board,
        "page": board,
        "user": user,
        "ideas": idea_page.ideas,
        "idea_page": idea_page,
        "board_url": board.localized.get_url() or board.get_url() or "/",
        "ideas_url": reverse("ideation:ideas", args=[board.pk]),
        "rules": get_rules(board),
    }


def is_more_request(request) -> bool:
    """Return True for the htmx request of the "Show more ideas" link."""
    return bool(request.htmx) and request.htmx.target == MORE_TARGET


def check_rate(request, scope: str, limits: tuple[int, int]):
    """Return a 429 answer when the person acted too often, else None."""
    try:
        hit(scope, client_key(request), *limits)
    except RateLimitExceeded as error:
        return too_many_requests(request, error)
    return None


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


def board_socket_url(board) -> str:
    """Return the WebSocket URL of ``board``'s live updates, in the active
    language (``consumers.language_of_scope``)."""
    return f"/ws/lab/boards/{board.board_key}/?lang={translation.get_language()}"


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


@vary_on_headers("HX-Request", "HX-Target")
@require_http_methods(["GET", "POST"])
def board_ideas(request, board_id: int):
    """Return the idea list of a board (GET) or post a new idea on it (POST)."""
    board = get_readable_board(request, board_id)
    if request.method == "POST":
        return post_idea(request, board)
    if request.htmx and not request.htmx.history_restore_request:
        partial = "idea-list-more" if is_more_request(request) else "idea-list"
        return render_partial(request, partial, get_board_context(request, board))
    if request.htmx:
        # Restoring history needs a whole page, never a bare fragment.
        return render_board_page(request, board)
    query = request.GET.urlencode()
    board_url = get_board_url(request, board)
    return HttpResponseRedirect(f"{board_url}?{query}" if query else board_url)


def post_idea(request, board):
    board_url = get_board_url(request, board)
    form = IdeaForm(request.POST, request.FILES)
    if not request.user.is_authenticated and not request.htmx:
        messages.info(request, IdeationError("sign_in_required").message)
        return redirect_to_login(board_url)
    refused = check_rate(request, "idea_post", POST_LIMIT)
    if refused:
        return refused
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            idea = services.post_idea(
                request.user,
                board,
                data["title"],
                data["description"],
                category=data["category"],
                tags=data["tags"],
                attachment=data["attachment"],
            )
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
    if idea.awaiting_moderation:
        message = _(
            "Your idea “%(title)s” has been sent. You see it with the badge "
            "“Awaiting moderation”, and the others will see it once a "
            "facilitator has published it."
        ) % {"title": idea.title}
        if not request.htmx:
            messages.success(request, message)
            return HttpResponseRedirect(get_board_url(request, board))
        idea.voted_by_me = False
        context = get_board_context(request, board)
        context.update(idea=idea, announcement=message, oob=False)
        return render_partial(request, "idea-pending", context)
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
    """Add (voted=1) or withdraw (voted=0) the user's vote on an idea.

    The accepted vote is the hot path of a live workshop: ``set_vote`` reads
    the idea and its board once, and the refusals load what their messages
    need on their own.
    """
    form = VoteForm(request.POST)
    if not request.user.is_authenticated or not form.is_valid():
        return reject_vote(request, idea_id, form)
    refused = check_rate(request, "idea_vote", VOTE_LIMIT)
    if refused:
        return refused
    try:
        result = services.set_vote(request.user, idea_id, form.cleaned_data["voted"])
    except IdeationError as error:
        return reject_vote(request, idea_id, form, error)
    return vote_recorded(request, result)


def reject_vote(request, idea_id: int, form, error=None):
    """Return the response to a rejected vote, with the idea's current state."""
    try:
        idea = services.get_idea_for(request.user, idea_id)
        board = services.get_board_by_key_for(request.user, idea.board_key)
    except IdeationError as not_found:
        return vote_failed(request, idea_id, None, not_found)
    if error is not None:
        if error.status_code == 404:
            return vote_failed(request, idea_id, None, error)
        return vote_failed(request, idea, board, error)
    if not request.user.is_authenticated:
        return vote_failed(request, idea, board, IdeationError("sign_in_required"))
    message = " ".join(form.errors["voted"])
    return vote_failed(request, idea, board, message=message)


def vote_recorded(request, result):
    board = result.board
    values = {"title": result.idea.title, "count": result.vote_count}
    rules = result.rules
    if rules.counts_hidden and result.voted:
        message = _("You support “%(title)s”.") % values
    elif rules.counts_hidden:
        message = _("You no longer support “%(title)s”.") % values
    elif result.voted:
        message = _("You support “%(title)s”. Votes: %(count)s.") % values
    else:
        message = _("You no longer support “%(title)s”. Votes: %(count)s.") % values
    if not request.htmx:
        messages.success(request, message)
        return HttpResponseRedirect(
            f"{get_board_url(request, board)}#idea-{result.idea.pk}"
        )
    context = {"idea": result.idea, "announcement": message, "rules": rules}
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
        "rules": get_rules(board) if board is not None else None,
    }
    return render_partial(request, "vote-control", context, status=status)


@vary_on_headers("HX-Request")
def similar_ideas(request, board_id: int):
    """Return the board's ideas whose titles resemble the ``title`` typed."""
    board = get_readable_board(request, board_id)
    title = request.GET.get("title", "")[:200]
    ideas = services.get_similar_ideas_for(request.user, board, title)
    if not request.htmx:
        return HttpResponseRedirect(get_board_url(request, board))
    return render_partial(request, "similar-ideas", {"similar": ideas})
