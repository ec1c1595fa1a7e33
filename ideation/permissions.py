"""Who may read, take part in and facilitate the Smart Lab boards.

One module for every entry point: board pages, htmx fragments, the WebSocket
consumer, search, exports, notifications and live messages all ask these
functions, so that a rule changes in one place.

- Staff members (``kind`` agent) and superusers read every board.
- Partners and anonymous visitors read only the challenges open to
  partners: the general boards and staff-only challenges are internal.
- Signed-in, active people take part (post, vote, comment) in the boards they
  may read; partners only in challenges open to partners.
- Facilitators: superusers; the people listed on a challenge; members of the
  "Animateurs du Smart Lab" group on the general boards and on challenges that
  list no facilitator.
- Ideas: readers see the published ideas of the boards they may read, and
  their own ideas (as author or co-author) that await moderation. Hidden
  ideas reach facilitators only through ``moderation``.
"""

from django.db.models import Exists, OuterRef, Q

from accounts.groups import LAB_FACILITATORS
from accounts.models import UserKind


def is_staff_member(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.kind == UserKind.AGENT)
    )


def in_facilitator_group(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_in_lab_facilitator_group", None)
    if cached is None:
        cached = user.groups.filter(name=LAB_FACILITATORS).exists()
        user._in_lab_facilitator_group = cached
    return cached


def unreadable_board_keys(user):
    """Return a queryset of the board keys that ``user`` may not read.

    Used as a subquery by ``filter_visible_ideas``.
    """
    from .models import Audience, IdeaBoardPage

    if is_staff_member(user):
        return IdeaBoardPage.objects.none().values("translation_key")
    # Every board but the challenges open to partners: the general boards
    # have no challenge row, so the exclusion keeps them.
    return IdeaBoardPage.objects.exclude(
        challengepage__audience=Audience.PARTNERS
    ).values("translation_key")


def filter_visible_ideas(ideas, user):
    """Return the ``ideas`` queryset reduced to the ideas ``user`` may see.

    This is the one visibility rule, applied through
    ``IdeaQuerySet.visible_to``: ideas not hidden, plus the ideas awaiting
    moderation that ``user`` wrote or co-wrote, on boards ``user`` may read.
    An idea that a facilitator hid or rejected stays out, even for its
    authors.
    """
    visible = Q(is_hidden=False)
    if user is not None and user.is_authenticated:
        from .models import Idea

        coauthored = Idea.coauthors.through.objects.filter(
            idea_id=OuterRef("pk"), user_id=user.pk
        )
        own = Q(author=user) | Q(Exists(coauthored))
        visible |= Q(awaiting_moderation=True) & own
    return exclude_unreadable_boards(ideas.filter(visible), user)


def filter_published_ideas(ideas, user):
    """Return the ``ideas`` queryset reduced to the published ideas ``user``
    may see: the rule of ``filter_visible_ideas`` without the authors' own
    ideas awaiting moderation.

    Votes, comments and reports are rejected on those ideas anyway. The
    co-author subquery took about a tenth of a vote's CPU when profiled, so
    the vote uses this part of the rule first.
    """
    return exclude_unreadable_boards(ideas.filter(is_hidden=False), user)


def passes_view_restriction(user, restriction) -> bool:
    """Return whether ``user`` passes a Wagtail view restriction without a
    request: a page password, kept in the session, never counts."""
    from wagtail.models import PageViewRestriction

    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return bool(user is not None and user.is_authenticated)
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return bool(
            user is not None
            and user.is_authenticated
            and (
                user.is_superuser
                or user.groups.filter(pk__in=restriction.groups.all()).exists()
            )
        )
    return False


def restricted_board_keys(user) -> set:
    """Return the keys of the boards under a view restriction that ``user``
    does not pass without a request.

    Lists that gather ideas from several boards (home page, search)
    leave these boards out, because ``unreadable_board_keys`` applies only
    the audience rule.
    """
    from django.db.models import Q
    from wagtail.models import PageViewRestriction

    from .models import IdeaBoardPage

    restrictions = PageViewRestriction.objects.select_related("page")
    paths = [
        restriction.page.path
        for restriction in restrictions
        if not passes_view_restriction(user, restriction)
    ]
    if not paths:
        return set()
    # A restriction applies to its page and every page below it.
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    boards = IdeaBoardPage.objects.filter(below)
    return set(boards.values_list("translation_key", flat=True))


def can_read_board(user, board) -> bool:
    """Return whether ``user`` may read ``board`` under its audience rule.

    Wagtail's own privacy settings are checked by the services, which have the
    request.
    """
    if is_staff_member(user):
        return True
    board = board.specific
    if not getattr(board, "is_challenge", False):
        return False
    from .models import Audience

    return board.audience == Audience.PARTNERS


def can_read_board_key(user, board_key) -> bool:
    """Return whether ``user`` may read the board ``board_key``.

    The WebSocket consumer asks this before it subscribes a socket, through
    ``services.get_board_by_key_for``.
    """
    return not unreadable_board_keys(user).filter(translation_key=board_key).exists()


def can_take_part(user, board) -> bool:
    """Return whether ``user`` may post, vote and comment on ``board``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not can_read_board(user, board):
        return False
    return is_staff_member(user) or getattr(board.specific, "is_challenge", False)


def _listed_facilitator_ids(board) -> frozenset[int] | None:
    """Return the ids of the people listed on the challenge ``board``, or None
    when the facilitators' group applies instead.

    The group applies to general boards and to challenges that list no facilitator.
    ``is_facilitator`` and ``facilitators_of`` both take the rule from here, so
    the question "is this person a facilitator?" and the list of facilitators
    cannot disagree.
    """
    board = board.specific
    if not getattr(board, "is_challenge", False):
        return None
    # A ParentalManyToManyField returns modelcluster's own queryset, whose
    # values_list does not accept "pk".
    listed = frozenset(person.pk for person in board.facilitators.all())
    return listed or None


def is_facilitator(user, board) -> bool:
    """Return whether ``user`` gets the facilitator tools on ``board``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    listed = _listed_facilitator_ids(board)
    if listed is None:
        return in_facilitator_group(user)
    return user.pk in listed


def facilitators_of(board):
    """Return the active people who get the facilitator tools on ``board``,
    superusers aside: its own facilitators, or else the facilitators' group."""
    from django.contrib.auth import get_user_model

    active_people = get_user_model().objects.filter(is_active=True)
    listed = _listed_facilitator_ids(board)
    if listed is None:
        return active_people.filter(groups__name=LAB_FACILITATORS)
    return active_people.filter(pk__in=listed)


def facilitated_board_keys(user) -> list:
    """Return the keys of every board where ``user`` is a facilitator."""
    from .models import IdeaBoardPage

    if user is None or not user.is_authenticated:
        return []
    boards = IdeaBoardPage.objects.live().specific()
    keys = {board.translation_key for board in boards if is_facilitator(user, board)}
    return list(keys)


def can_edit_idea(user, idea) -> bool:
    """Authors and co-authors edit their idea; facilitators use other tools."""
    if user is None or not user.is_authenticated:
        return False
    return idea.author_id == user.pk or idea.coauthors.filter(pk=user.pk).exists()


def can_see_idea(user, idea) -> bool:
    """Return whether ``idea`` itself may be shown to ``user``."""
    from .models import Idea

    return Idea.objects.visible_to(user).filter(pk=idea.pk).exists()


def exclude_unreadable_boards(queryset, user, field: str = "board_key"):
    """Return ``queryset`` without the rows whose ``field`` names a board
    that ``user`` may not read.

    Staff members read every board, so their querysets get no subquery.
    Django clones and relabels the subquery on challenge pages each time a
    queryset uses it, which took about a sixth of a vote's CPU when profiled.
    """
    if is_staff_member(user):
        return queryset
    return queryset.exclude(**{f"{field}__in": unreadable_board_keys(user)})


def exclude_unreadable_pages(pages, user):
    """Return the ``pages`` queryset without the challenges ``user`` may not read.

    Menus, listings, the sitemap and site search use it, so a staff-only
    challenge is not even named to visitors and partners.
    """
    return exclude_unreadable_boards(pages, user, field="translation_key")
