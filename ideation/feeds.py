"""Atom feeds of boards, for feed readers and mail clients.

A feed reader cannot sign in, so each address carries the person's secret
``FeedToken``. The feed lists what that person may read, through the same
services and visibility rule as the board page: the ``FEED_LENGTH`` ideas
with the latest activity (posting or a status change). Vote counts are left
out, because a challenge may hide them until voting closes.
"""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import DateTimeField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page, require_POST

from . import services
from .errors import IdeationError
from .models import FeedToken, Idea, StatusChange, StatusKind
from .views import get_board_url, get_readable_board

logger = logging.getLogger(__name__)

FEED_LENGTH = 50


def get_feed_ideas(user, board) -> list[Idea]:
    """Return the board's published ideas that ``user`` may see, latest
    activity first, each with ``activity_at`` and ``last_change``."""
    latest_change = StatusChange.objects.filter(idea=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    ideas = (
        Idea.objects.published_to(user)
        .listed()
        .for_board(board.board_key)
        .select_related("author", "status", "category")
        .annotate(
            tag_names_json=services.tag_names_subquery(),
            last_change_id=Subquery(latest_change.values("pk")[:1]),
            activity_at=Greatest(
                "created_at",
                Coalesce(
                    Subquery(latest_change.values("created_at")[:1]),
                    "created_at",
                    output_field=DateTimeField(),
                ),
            ),
        )
        .order_by("-activity_at", "-pk")[:FEED_LENGTH]
    )
    ideas = list(ideas)
    changes = StatusChange.objects.select_related("status").in_bulk(
        [idea.last_change_id for idea in ideas if idea.last_change_id]
    )
    for idea in ideas:
        idea.last_change = changes.get(idea.last_change_id)
    return ideas


def entry_id(idea: Idea) -> str:
    """Return the permanent Atom id of an idea's entry.

    Readers tell entries apart by this id alone, so it must not depend on the
    feed's language or host name. The board's ``board_key`` is shared by its
    translations, and the idea's primary key is unique.
    """
    return uuid.uuid5(idea.board_key, str(idea.pk)).urn


def describe_idea(idea: Idea) -> str:
    """Return the HTML summary of one feed entry: the description, then the
    status and its latest public feedback."""
    parts = [idea.description_html or linebreaks_filter(idea.description)]
    if idea.status is not None:
        status = _("Status: %(status)s") % {"status": idea.status.localized_name}
        parts.append(format_html("<p>{}</p>", status))
    change = idea.last_change
    if change is not None and change.feedback:
        # A withdrawal's text is its author's reason, not a facilitator's feedback.
        label = _("Public feedback:")
        if change.author_id == idea.author_id and change.status.kind == (
            StatusKind.WITHDRAWN
        ):
            label = _("Reason for withdrawal:")
        parts.append(
            format_html("<p>{}</p>{}", label, linebreaks_filter(change.feedback))
        )
    return "\n".join(parts)


def build_feed(request, user, board) -> Atom1Feed:
    """Return the Atom feed of ``board`` as ``user`` may read it."""
    # An address may name the board's page in the other language: the feed's
    # title follows the address's language, as its entries do.
    feed = Atom1Feed(
        title=_("%(board)s – Smart Lab") % {"board": board.localized.title},
        link=request.build_absolute_uri(get_board_url(request, board)),
        description=getattr(board, "problem", "") or board.intro,
        language=get_language(),
        feed_url=request.build_absolute_uri(),
    )
    for idea in get_feed_ideas(user, board):
        link = request.build_absolute_uri(reverse("ideation:idea", args=[idea.pk]))
        categories = list(idea.tag_names)
        if idea.category is not None:
            categories.insert(0, idea.category.localized_name)
        feed.add_item(
            title=idea.title,
            link=link,
            unique_id=entry_id(idea),
            description=describe_idea(idea),
            author_name=idea.author.display_name,
            pubdate=idea.created_at,
            updateddate=idea.activity_at,
            categories=categories,
        )
    return feed


@conditional_page
def board_feed(request, token: str, board_id: int):
    """Return the Atom feed of a board for the owner of ``token``.

    An unknown or replaced token, an inactive account and a board its owner
    may not read all get the same 404, so the address reveals nothing.
    """
    feed_token = (
        FeedToken.objects.select_related("user")
        .filter(token=token[:64], user__is_active=True)
        .first()
    )
    if feed_token is None:
        logger.info("lab feed of board %s: unknown or disabled token", board_id)
        raise Http404(_("This feed does not exist."))
    user = feed_token.user
    try:
        board = services.get_board_for(user, board_id)
    except IdeationError:
        logger.info("lab feed of board %s: not readable by user %s", board_id, user.pk)
        raise Http404(_("This feed does not exist.")) from None
    feed = build_feed(request, user, board)
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    # Readers poll often, and each person's feed is theirs alone.
    response["Cache-Control"] = "private, max-age=300"
    return response


def feed_url_for(request, feed_token: FeedToken | None, board) -> str:
    """Return the absolute address of ``board``'s feed, or "" without a token."""
    if feed_token is None:
        return ""
    path = reverse("ideation:feed", args=[feed_token.token, board.pk])
    return request.build_absolute_uri(path)


@login_required
def feed_page(request, board_id: int):
    """Show the private address of a board's feed, and the button that
    creates or replaces it."""
    board = get_readable_board(request, board_id)
    feed_token = FeedToken.objects.filter(user=request.user).first()
    return render(
        request,
        "ideation/feed_page.html",
        {
            "board": board,
            "board_title": board.localized.title,
            "board_url": get_board_url(request, board),
            "feed_url": feed_url_for(request, feed_token, board),
        },
    )


@login_required
@require_POST
def reset_feed_token(request, board_id: int):
    """Create the person's feed token, or replace it so that every old
    feed address stops working."""
    board = get_readable_board(request, board_id)
    FeedToken.objects.update_or_create(
        user=request.user, defaults={"token": FeedToken.new_token()}
    )
    logger.info(
        "lab feed token reset by user %s on board %s", request.user.pk, board.pk
    )
    messages.success(request, _("Your feed address is ready. Copy it below."))
    return HttpResponseRedirect(reverse("ideation:feed_page", args=[board.pk]))
