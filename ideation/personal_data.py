"""What the Smart Lab holds about a person: export and erasure.

The security helper's personal-data tools call these two functions. Erasing
keeps the person's ideas and comments (others voted on and answered them)
but detaches them from the person; votes and follows go, and every counter
is recounted so that it stays equal to its rows.
"""

import logging

from django.db import transaction
from django.utils import timezone

from . import services
from .models import (
    Comment,
    FeedToken,
    Flag,
    Follow,
    Idea,
    Notification,
    NotificationPreference,
    TeamRequest,
    Vote,
)

logger = logging.getLogger(__name__)


def export_user_data(user) -> dict[str, list[dict]]:
    """Return the person's Smart Lab data, one list of plain dicts per kind."""
    return {
        "ideas": [
            {
                "id": idea.pk,
                "title": idea.title,
                "description": idea.description,
                "language": idea.language,
                "created_at": idea.created_at.isoformat(),
                "hidden": idea.is_hidden,
            }
            for idea in Idea.objects.filter(author=user).order_by("pk")
        ],
        "co_authored_ideas": [
            {"id": idea.pk, "title": idea.title}
            for idea in user.coauthored_ideas.order_by("pk")
        ],
        "comments": [
            {
                "id": comment.pk,
                "idea": comment.idea_id,
                "body": comment.body,
                "created_at": comment.created_at.isoformat(),
                "deleted": comment.is_deleted,
            }
            for comment in Comment.objects.filter(author=user).order_by("pk")
        ],
        "votes": [
            {"idea": vote.idea_id, "created_at": vote.created_at.isoformat()}
            for vote in Vote.objects.filter(user=user).order_by("pk")
        ],
        "follows": [
            {"idea": row.idea_id, "active": row.active}
            for row in Follow.objects.filter(user=user).order_by("pk")
        ],
        "notifications": [
            {
                "idea": item.idea_id,
                "kind": item.kind,
                "created_at": item.created_at.isoformat(),
                "read": item.read_at is not None,
            }
            for item in Notification.objects.filter(user=user).order_by("pk")
        ],
        "flags": [
            {"idea": flag.idea_id, "reason": flag.reason, "details": flag.details}
            for flag in Flag.objects.filter(reporter=user).order_by("pk")
        ],
        "preferences": [
            {"email_frequency": preference.email_frequency}
            for preference in NotificationPreference.objects.filter(user=user)
        ],
        "feed_addresses": [
            {"created_at": feed.created_at.isoformat()}
            for feed in FeedToken.objects.filter(user=user)
        ],
    }


def get_placeholder_user():
    """Return the inactive account that erased people's content points to."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    placeholder, created = user_model.objects.get_or_create(
        email="ancien-participant@invalid",
        defaults={
            "first_name": "",
            "last_name": "",
            "is_active": False,
            "erased_at": timezone.now(),
        },
    )
    if created:
        placeholder.set_unusable_password()
        placeholder.save(update_fields=["password"])
    return placeholder


def erase_user_data(user) -> None:
    """Anonymise the person's ideas and comments; remove votes and follows."""
    with transaction.atomic():
        placeholder = get_placeholder_user()
        touched = set(Vote.objects.filter(user=user).values_list("idea_id", flat=True))
        Vote.objects.filter(user=user).delete()
        Follow.objects.filter(user=user).delete()
        Notification.objects.filter(user=user).delete()
        NotificationPreference.objects.filter(user=user).delete()
        FeedToken.objects.filter(user=user).delete()
        Flag.objects.filter(reporter=user).update(reporter=None)
        for idea in user.coauthored_ideas.all():
            idea.coauthors.remove(user)
        TeamRequest.objects.filter(user=user).delete()
        Idea.objects.filter(author=user).update(author=placeholder)
        Comment.objects.filter(author=user).update(author=placeholder)
        for idea_id in touched:
            services.recount(idea_id)
    logger.info(
        "smart lab data of user %s erased (%s ideas recounted)", user.pk, len(touched)
    )
