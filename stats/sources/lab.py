"""Smart Lab facts: ideas, votes and participants, per board or challenge."""

from django.db.models import Count

from ideation.models import Comment, Idea, StatusChange, Vote


def ideas_posted(start, end):
    rows = (
        Idea.objects.visible()
        .filter(created_at__gte=start, created_at__lt=end)
        .values("board_key")
        .annotate(count=Count("pk"))
    )
    return [({"challenge": row["board_key"]}, row["count"]) for row in rows]


def votes_cast(start, end):
    rows = (
        Vote.objects.filter(
            created_at__gte=start, created_at__lt=end, idea__in=Idea.objects.visible()
        )
        .values("idea__board_key")
        .annotate(count=Count("pk"))
    )
    return [({"challenge": row["idea__board_key"]}, row["count"]) for row in rows]


def participant_pairs(start, end) -> set[tuple[int, str]]:
    """Return (user id, board key) for everyone who posted, voted or commented.

    Only the pairs leave the database, and only their counts leave this module.
    """
    visible = Idea.objects.visible()
    authors = visible.filter(created_at__gte=start, created_at__lt=end).values_list(
        "author_id", "board_key"
    )
    voters = Vote.objects.filter(
        created_at__gte=start, created_at__lt=end, idea__in=visible
    ).values_list("user_id", "idea__board_key")
    commenters = (
        Comment.objects.visible()
        .filter(created_at__gte=start, created_at__lt=end, idea__in=visible)
        .values_list("author_id", "idea__board_key")
    )
    return {(user_id, str(key)) for user_id, key in (*authors, *voters, *commenters)}


def participants(start, end):
    """Distinct people, overall and per board: the counts cannot be summed."""
    pairs = participant_pairs(start, end)
    facts = [({"challenge": "*"}, len({user_id for user_id, _key in pairs}))]
    per_board: dict[str, set[int]] = {}
    for user_id, key in pairs:
        per_board.setdefault(key, set()).add(user_id)
    facts += [({"challenge": key}, len(users)) for key, users in per_board.items()]
    return facts


def comments_posted(start, end):
    rows = (
        Comment.objects.visible()
        .filter(
            created_at__gte=start, created_at__lt=end, idea__in=Idea.objects.visible()
        )
        .values("idea__board_key")
        .annotate(count=Count("pk"))
    )
    return [({"challenge": row["idea__board_key"]}, row["count"]) for row in rows]


def ideas_reaching(kind: str):
    """Return a source counting ideas given a status of ``kind`` in the period."""

    def collect(start, end):
        rows = (
            StatusChange.objects.filter(
                created_at__gte=start,
                created_at__lt=end,
                status__kind=kind,
                idea__in=Idea.objects.visible(),
            )
            .values("idea__board_key")
            .annotate(count=Count("idea", distinct=True))
        )
        return [({"challenge": row["idea__board_key"]}, row["count"]) for row in rows]

    return collect
