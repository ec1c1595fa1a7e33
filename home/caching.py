"""Fragment caching of the home page, with versions in the cache keys.

Each fragment's key contains a version that changes when its content may
have changed, so nothing has to find and delete old entries:

- spaces and upcoming events: ``PAGES_VERSION_KEY``, a counter in the cache
  that Wagtail's publish, unpublish, delete and move signals increase, and
  so do changes to view restrictions, to their groups (including a group's
  deletion), and to the members of a group that a view restriction names;
- latest ideas: the same pages version, because a board unpublished or put
  under a view restriction leaves the list, and the sum of the boards'
  sequence numbers. Every change that a board shows live (new idea, vote,
  status, hiding) is numbered in the transaction that makes it, so the sum
  grows with each one.

Per-user state is never shared: the ideas fragment is kept per signed-in
person (visibility can depend on the person), and the events fragment per
kind of person. Every fragment also expires after a short time, which bounds
the staleness of changes that no version sees: an event that ends, an idea
edited in the admin, or a person who becomes a superuser (and so passes every
view restriction) or stops being one.

When the cache fails, pages render without it: a lost Redis must not take
the home page down with it.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum

logger = logging.getLogger(__name__)

PAGES_VERSION_KEY = "home:pages-version"
# Upper bounds on how long a fragment is served, in seconds.
SPACES_TIMEOUT_SECONDS = 600
EVENTS_TIMEOUT_SECONDS = 60
IDEAS_TIMEOUT_SECONDS = 60


def get_pages_version() -> int | None:
    """Return the current version of the pages, or None when the cache fails."""
    try:
        version = cache.get(PAGES_VERSION_KEY)
        if version is None:
            # A new, never used value: a missing counter (evicted, or Redis
            # restarted) must not bring back fragments cached under an old one.
            cache.add(PAGES_VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(PAGES_VERSION_KEY)
    except Exception:  # noqa: BLE001 - any cache failure disables caching
        logger.exception("home fragments: reading %s failed", PAGES_VERSION_KEY)
        return None
    return version


def bump_pages_version(sender=None, **kwargs) -> None:
    """Move the pages version on, so cached spaces and events are rebuilt.

    Connected to Wagtail's page signals; ``sender`` is the page class.
    """
    instance = kwargs.get("instance")
    try:
        cache.incr(PAGES_VERSION_KEY)
    except ValueError:
        cache.add(PAGES_VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001 - the fragments expire on their own
        logger.exception(
            "home fragments: bumping the pages version failed after %s %s",
            type(instance).__name__,
            getattr(instance, "pk", None),
        )


def get_ideas_version() -> int:
    """Return the sum of every board's sequence number (one query)."""
    from ideation.models import BoardSequence

    total = BoardSequence.objects.aggregate(total=Sum("value"))["total"]
    return total or 0


def get_viewer_key(user) -> str:
    """Return the part of a fragment key that identifies a signed-in person."""
    if not user.is_authenticated:
        return "anonymous"
    return f"user-{user.pk}"


def get_viewer_kind(user) -> str:
    """Return the part of a fragment key that depends on the kind of person."""
    if not user.is_authenticated:
        return "anonymous"
    return f"kind-{getattr(user, 'kind', '')}"


def bump_pages_version_on_restriction(sender=None, instance=None, **kwargs) -> None:
    """Bump the pages version after a view restriction or its groups change.

    The version moves now and again once the transaction commits, because a
    request in between may cache fragments built from the old restrictions.
    """
    bump_pages_version(sender, instance=instance)
    transaction.on_commit(
        lambda: bump_pages_version(sender, instance=instance), robust=True
    )


def is_named_by_restriction(group_ids) -> bool:
    """Return whether a view restriction names one of the groups."""
    from wagtail.models import PageViewRestriction

    through = PageViewRestriction.groups.through
    return through.objects.filter(group_id__in=group_ids).exists()


def bump_pages_version_on_group_delete(sender=None, instance=None, **kwargs) -> None:
    """Bump the pages version when a group that a view restriction names is
    deleted.

    Django deletes the group's rows in the restrictions' groups without
    sending m2m_changed, so this receiver listens to the group's pre_delete,
    while those rows still exist.
    """
    if is_named_by_restriction([instance.pk]):
        bump_pages_version_on_restriction(sender, instance=instance)


def bump_pages_version_on_membership(
    sender=None, instance=None, action="", reverse=False, pk_set=None, **kwargs
) -> None:
    """Bump the pages version when people join or leave a group that a view
    restriction names, because the ideas they may see change.

    Connected to ``m2m_changed`` of ``User.groups``. ``instance`` is the
    person (``user.groups``) or, when ``reverse``, the group
    (``group.user_set``).
    """
    if action in {"post_add", "post_remove"} and pk_set:
        group_ids = [instance.pk] if reverse else list(pk_set)
    elif action == "pre_clear":
        # After the clear, the groups that the person left are unknown.
        group_ids = (
            [instance.pk]
            if reverse
            else list(instance.groups.values_list("pk", flat=True))
        )
    else:
        return
    if is_named_by_restriction(group_ids):
        bump_pages_version_on_restriction(sender, instance=instance)


def connect_signals() -> None:
    """Connect the invalidation of the home fragments; called by HomeConfig."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_save,
        pre_delete,
    )
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from events.models import Venue

    page_published.connect(bump_pages_version, dispatch_uid="home-cache-published")
    page_unpublished.connect(bump_pages_version, dispatch_uid="home-cache-unpublished")
    post_page_move.connect(bump_pages_version, dispatch_uid="home-cache-moved")
    # Every deleted page has a row in ``Page``. A receiver for all models
    # would make Django read the rows of every queryset delete first.
    post_delete.connect(
        bump_pages_version,
        sender=Page,
        dispatch_uid="home-cache-deleted",
    )
    # Event cards show their site's name.
    post_save.connect(bump_pages_version, sender=Venue, dispatch_uid="home-cache-venue")
    # Restricted spaces, events and boards leave the sections of people who
    # do not pass the restriction.
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            bump_pages_version_on_restriction,
            sender=PageViewRestriction,
            dispatch_uid=f"home-cache-restriction-{name}",
        )
    m2m_changed.connect(
        bump_pages_version_on_restriction,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="home-cache-restriction-groups",
    )
    pre_delete.connect(
        bump_pages_version_on_group_delete,
        sender=Group,
        dispatch_uid="home-cache-group-deleted",
    )
    m2m_changed.connect(
        bump_pages_version_on_membership,
        sender=get_user_model().groups.through,
        dispatch_uid="home-cache-group-members",
    )
