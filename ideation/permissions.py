"""Who may read, take part in and facilitate the Smart Lab boards.

One module for every entry point: board pages, htmx fragments, the WebSocket
consumer, search, exports, notifications and live messages all ask these
functions, so that a rule changes in one place.

- Staff members (``kind`` agent) and superusers read every board.
- Partners and anonymous visitors read the general boards and the challenges
  open to partners, never a staff-only challenge.
- Signed-in, active people take part (post, vote, comment) in the boards they
  may read; partners only in challenges open to partners.
- Facilitators: superusers; the people listed on a challenge; members of the
  "Animateurs du Smart Lab" group on the general boards and on challenges that
  list no facilitator.
"""

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

    Used as a subquery by ``IdeaQuerySet.visible_to``.
    """
    from .models import Audience, ChallengePage

    if is_staff_member(user):
        return ChallengePage.objects.none().values("translation_key")
    return ChallengePage.objects.filter(audience=Audience.STAFF).values(
        "translation_key"
    )


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
    board = board.specific
    if not getattr(board, "is_challenge", False):
        return True
    from .models import Audience

    return board.audience == Audience.PARTNERS or is_staff_member(user)


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


def is_facilitator(user, board) -> bool:
    """Return whether ``user`` gets the facilitator tools on ``board``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    board = board.specific
    if getattr(board, "is_challenge", False):
        # A ParentalManyToManyField answers with modelcluster's own queryset,
        # whose values_list does not know "pk".
        facilitator_ids = {person.pk for person in board.facilitators.all()}
        if facilitator_ids:
            return user.pk in facilitator_ids
    return in_facilitator_group(user)


def facilitators_of(board):
    """Return the active people who get the facilitator tools on ``board``,
    superusers aside: its own facilitators, or else the facilitators' group."""
    from django.contrib.auth import get_user_model

    board = board.specific
    if getattr(board, "is_challenge", False):
        own = [person.pk for person in board.facilitators.all()]
        if own:
            return get_user_model().objects.filter(pk__in=own, is_active=True)
    return get_user_model().objects.filter(
        groups__name=LAB_FACILITATORS, is_active=True
    )


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


def exclude_unreadable_pages(pages, user):
    """Return the ``pages`` queryset without the challenges ``user`` may not read.

    Menus, listings, the sitemap and site search use it, so a staff-only
    challenge is not even named to visitors and partners.
    """
    return pages.exclude(translation_key__in=unreadable_board_keys(user))
