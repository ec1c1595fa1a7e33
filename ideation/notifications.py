"""Following ideas and the news their followers get, in the site and by e-mail.

Authors, co-authors, voters and commenters follow an idea automatically; a
person who stops following is never followed again automatically. News only
goes to people who may still see the idea (and the comment): the visibility
rule of ``IdeaQuerySet.visible_to`` applies to notifications too.

E-mails go through django-tasks: at once, or in the daily digest sent by
``manage.py send_idea_digest``, as each person prefers.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from .models import (
    EmailFrequency,
    Follow,
    Idea,
    Notification,
    NotificationKind,
    NotificationPreference,
)

logger = logging.getLogger(__name__)


def follow(user, idea: Idea) -> None:
    """Make ``user`` follow ``idea`` unless they chose to stop.

    One ``INSERT … ON CONFLICT DO NOTHING``: an existing row, active or not,
    stays as it is. Every first vote runs it, so the statement is written
    here rather than built by ``bulk_create``, which cost more than the
    statement itself.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("idea_id", "user_id", "active"))
    sql = (
        f"INSERT INTO {quote(Follow._meta.db_table)} ({columns}) VALUES (%s, %s, %s) "
        f"ON CONFLICT ({quote('idea_id')}, {quote('user_id')}) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [idea.pk, user.pk, True])


def set_following(user, idea: Idea, active: bool) -> None:
    """Follow or stop following ``idea`` by the person's own choice."""
    Follow.objects.update_or_create(idea=idea, user=user, defaults={"active": active})
    logger.info("user %s following idea %s: %s", user.pk, idea.pk, active)


def is_following(user, idea: Idea) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(idea=idea, user=user, active=True).exists()


def get_preference(user) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def notify_followers(idea: Idea, kind: str, actor=None, **related) -> list:
    """Create a notification for each follower who may see the news.

    ``related`` holds ``comment`` or ``status_change``. The actor is not
    told about their own action. E-mails are queued after commit.
    """
    comment = related.get("comment")
    if idea.is_hidden or (comment is not None and comment.is_hidden):
        return []
    follows = Follow.objects.filter(idea=idea, active=True).select_related("user")
    created = []
    for follow_row in follows:
        user = follow_row.user
        if actor is not None and user.pk == actor.pk:
            continue
        if (
            not user.is_active
            or not Idea.objects.visible_to(user).filter(pk=idea.pk).exists()
        ):
            continue
        created.append(
            Notification.objects.create(user=user, idea=idea, kind=kind, **related)
        )
    deliver(created)
    logger.info("idea %s: %s notifications of kind %s", idea.pk, len(created), kind)
    return created


def notify_person(user, idea: Idea, kind: str, **related) -> Notification | None:
    """Tell one person news about ``idea`` that concerns them, followed or not.

    ``related`` contains ``team_request`` or ``revision``. Nothing is created
    when the person is inactive or may no longer see the idea.
    """
    if (
        not user.is_active
        or not Idea.objects.visible_to(user).filter(pk=idea.pk).exists()
    ):
        return None
    notification = Notification.objects.create(
        user=user, idea=idea, kind=kind, **related
    )
    deliver([notification])
    logger.info(
        "idea %s: notification %s of kind %s for user %s",
        idea.pk,
        notification.pk,
        kind,
        user.pk,
    )
    return notification


# News for the facilitators, which links to the moderation queue.
FACILITATOR_KINDS = (NotificationKind.FLAGGED, NotificationKind.PENDING)


def notify_facilitators(idea: Idea, board, kind: str, actor) -> list:
    """Notify the board's facilitators that ``idea`` needs moderation.

    A facilitator who has not yet read the same news about the same idea is
    not told again, so ten reports of one idea make one notification.
    """
    from .permissions import facilitators_of

    already = Notification.objects.filter(
        idea=idea, kind=kind, read_at__isnull=True
    ).values("user_id")
    people = facilitators_of(board).exclude(pk=actor.pk).exclude(pk__in=already)
    created = [
        Notification.objects.create(user=person, idea=idea, kind=kind)
        for person in people
    ]
    deliver(created)
    logger.info(
        "idea %s: %s notifications of kind %s for facilitators %s",
        idea.pk,
        len(created),
        kind,
        [item.user_id for item in created],
    )
    return created


def notification_path(notification: Notification) -> str:
    """Return the path a notification leads to, or "" when it has no page."""
    if notification.kind in FACILITATOR_KINDS:
        return reverse("ideation:moderation")
    # A hidden or rejected idea's page returns 404 to its authors, but an
    # idea awaiting moderation is shown to them.
    idea = notification.idea
    if idea.is_hidden and not idea.awaiting_moderation:
        return ""
    return reverse("ideation:idea", args=[notification.idea_id])


def notify_author_of_hiding(idea: Idea, actor, reason: str = "") -> Notification | None:
    """Tell the author of ``idea`` that the facilitators hid it, and why when
    ``reason`` is given.

    This is the only notification about a hidden idea, and it goes to its
    author only. Nothing is created for an inactive author, for an author who
    hid their own idea as a facilitator, or for one who may no longer read the
    board.
    """
    from .permissions import can_read_board_key

    author = idea.author
    if (
        not author.is_active
        or author.pk == actor.pk
        or not can_read_board_key(author, idea.board_key)
    ):
        return None
    notification = Notification.objects.create(
        user=author, idea=idea, kind=NotificationKind.HIDDEN, reason=reason
    )
    deliver([notification])
    logger.info(
        "idea %s: hiding notification %s for author %s",
        idea.pk,
        notification.pk,
        author.pk,
    )
    return notification


def notify_authors_of_moderation(
    idea: Idea, actor, kind: str, reason: str = ""
) -> list:
    """Tell the author and co-authors of a pre-moderated idea that a
    facilitator published it (``PUBLISHED``) or rejected it (``REJECTED``,
    with ``reason`` when given).

    A facilitator who is also an author gets no notification of their own
    decision. Nothing is created for an inactive person or one who may no
    longer read the board.
    """
    from .permissions import can_read_board_key

    if kind not in (NotificationKind.PUBLISHED, NotificationKind.REJECTED):
        raise ValueError(f"kind={kind!r} is invalid: use PUBLISHED or REJECTED.")
    people = [idea.author, *idea.coauthors.all()]
    created = [
        Notification.objects.create(user=person, idea=idea, kind=kind, reason=reason)
        for person in people
        if person.is_active
        and person.pk != actor.pk
        and can_read_board_key(person, idea.board_key)
    ]
    deliver(created)
    logger.info(
        "idea %s: %s notifications of kind %s for authors %s",
        idea.pk,
        len(created),
        kind,
        [item.user_id for item in created],
    )
    return created


def deliver(created: list) -> None:
    """Queue the e-mails of new notifications and refresh their people's bell,
    both after commit."""
    for notification in created:
        if get_preference(notification.user).email_frequency == (
            EmailFrequency.IMMEDIATE
        ):
            notification_id = notification.pk
            transaction.on_commit(
                lambda pk=notification_id: send_notification_email.enqueue(pk),
                robust=True,
            )
    if created:
        from .realtime.users import announce_new_notifications

        user_ids = [notification.user_id for notification in created]
        transaction.on_commit(lambda: announce_new_notifications(user_ids), robust=True)


def get_notifications_for(user):
    """Return the person's notifications about ideas they may still see, and
    the notices that the facilitators hid or rejected one of their own ideas."""
    visible_ideas = Idea.objects.visible_to(user).values("pk")
    # Rejections are created for the idea's authors only.
    own_idea_hidden = Q(kind=NotificationKind.HIDDEN, idea__author=user) | Q(
        kind=NotificationKind.REJECTED
    )
    # Created for the facilitators only, and about ideas that may be hidden.
    for_facilitators = Q(kind__in=FACILITATOR_KINDS)
    return (
        Notification.objects.filter(user=user)
        .filter(Q(idea__in=visible_ideas) | own_idea_hidden | for_facilitators)
        .exclude(comment__is_hidden=True)
        .select_related(
            "idea",
            "comment__author",
            "status_change__status",
            "team_request__user",
            "revision__editor",
        )
    )


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return get_notifications_for(user).filter(read_at__isnull=True).count()


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def describe(notification: Notification) -> str:
    """Return the one-line text of a notification in the active language."""
    idea = notification.idea
    if notification.kind == NotificationKind.COMMENT and notification.comment:
        return gettext("%(name)s commented on “%(title)s”.") % {
            "name": notification.comment.author.get_full_name() or gettext("Someone"),
            "title": idea.title,
        }
    if notification.kind == NotificationKind.STATUS and notification.status_change:
        return gettext("“%(title)s” is now “%(status)s”.") % {
            "title": idea.title,
            "status": notification.status_change.status.localized_name,
        }
    if notification.kind == NotificationKind.MERGED and idea.merged_into_id:
        return gettext("“%(title)s” was merged into “%(target)s”.") % {
            "title": idea.title,
            "target": idea.merged_into.title,
        }
    if notification.kind == NotificationKind.HIDDEN:
        return gettext("The facilitators have hidden your idea “%(title)s”.") % {
            "title": idea.title
        }
    other_text = describe_moderation_news(notification) or describe_team_news(
        notification
    )
    if other_text:
        return other_text
    return gettext("News about “%(title)s”.") % {"title": idea.title}


def describe_moderation_news(notification: Notification) -> str:
    """Return the text of a moderation notification, or "" for other kinds."""
    values = {"title": notification.idea.title}
    if notification.kind == NotificationKind.FLAGGED:
        text = gettext("“%(title)s” has been reported: see the moderation queue.")
        return text % values
    if notification.kind == NotificationKind.PENDING:
        text = gettext("“%(title)s” awaits moderation before it is published.")
        return text % values
    if notification.kind == NotificationKind.PUBLISHED:
        text = gettext(
            "A facilitator has published your idea “%(title)s”: everyone on "
            "the board can now see it."
        )
        return text % values
    if notification.kind == NotificationKind.REJECTED:
        text = gettext(
            "A facilitator has decided not to publish your idea “%(title)s”."
        )
        return text % values
    return ""


def describe_team_news(notification: Notification) -> str:
    """Return the text of a team or edit notification, or "" for other kinds."""
    idea = notification.idea
    team_request = notification.team_request
    if notification.kind == NotificationKind.TEAM_REQUEST and team_request:
        return gettext("%(name)s asks to join the team of “%(title)s”.") % {
            "name": team_request.user.display_name,
            "title": idea.title,
        }
    if notification.kind == NotificationKind.TEAM_ACCEPTED:
        return gettext(
            "Your request to join the team of “%(title)s” has been accepted."
        ) % {"title": idea.title}
    if notification.kind == NotificationKind.TEAM_DECLINED:
        return gettext(
            "Your request to join the team of “%(title)s” has been declined."
        ) % {"title": idea.title}
    if notification.kind == NotificationKind.TEAM_REMOVED:
        return gettext("You are no longer in the team of “%(title)s”.") % {
            "title": idea.title
        }
    revision = notification.revision
    if notification.kind == NotificationKind.EDITED and revision:
        editor = revision.editor
        return gettext("%(name)s edited “%(title)s” (previous title: “%(old)s”).") % {
            "name": editor.display_name if editor else gettext("Someone"),
            "title": idea.title,
            "old": revision.title,
        }
    return ""


def absolute_url(path: str) -> str:
    """Return ``path`` on the site's address, for e-mails; "" stays ""."""
    if not path:
        return ""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + path


def email_language(user) -> str:
    """Return the language of a person's e-mails: the one of their profile."""
    languages = dict(settings.LANGUAGES)
    return user.language if user.language in languages else settings.LANGUAGE_CODE


def indent_continuation(text: str) -> str:
    """Indent every line of ``text`` after the first by two spaces, so that
    a paragraph of feedback stays under its item in a plain-text e-mail.
    Blank lines stay empty."""
    first, *others = text.splitlines() or [""]
    return "\n".join([first, *(f"  {line}" if line else "" for line in others)])


def send_email(user, notifications: list, subject: str) -> None:
    lines = [
        {
            "text": describe(item),
            "url": absolute_url(notification_path(item)),
            "feedback": indent_continuation(
                item.status_change.feedback if item.status_change else ""
            ),
            "reason": indent_continuation(item.reason or ""),
            "item": item,
        }
        for item in notifications
    ]
    body = render_to_string(
        "ideation/emails/notifications.txt", {"user": user, "lines": lines}
    )
    send_mail(subject, body, None, [user.email])
    Notification.objects.filter(pk__in=[item.pk for item in notifications]).update(
        emailed_at=timezone.now()
    )


@task()
def send_notification_email(notification_id: int) -> None:
    """Send one notification by e-mail, if still due and still visible."""
    notification = (
        Notification.objects.filter(pk=notification_id, emailed_at__isnull=True)
        .select_related("user", "idea")
        .first()
    )
    if notification is None:
        return
    user = notification.user
    if not get_notifications_for(user).filter(pk=notification_id).exists():
        logger.info("notification %s no longer visible: no e-mail", notification_id)
        return
    with translation.override(email_language(user)):
        send_email(user, [notification], gettext("Smart Lab: news of an idea"))
    logger.info("notification %s e-mailed to user %s", notification_id, user.pk)


def send_digests() -> int:
    """E-mail each daily-digest reader their unsent news; return the count."""
    sent = 0
    daily_users = NotificationPreference.objects.filter(
        email_frequency=EmailFrequency.DAILY
    ).select_related("user")
    for preference in daily_users:
        user = preference.user
        pending = list(
            get_notifications_for(user).filter(
                emailed_at__isnull=True, read_at__isnull=True
            )
        )
        if not pending or not user.is_active:
            continue
        with translation.override(email_language(user)):
            send_email(user, pending, gettext("Smart Lab: your daily news"))
        sent += 1
        logger.info("digest of %s items e-mailed to user %s", len(pending), user.pk)
    return sent
