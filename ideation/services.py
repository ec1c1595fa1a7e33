"""State changes and permission-aware queries of the Smart Lab.

Every change runs in one transaction; live messages go out only after commit.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.sql import UpdateQuery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.text import clean_typed_text

from . import attachments, board_lookup, permissions
from .errors import IdeationError
from .folding import Fold, fold
from .formatting import render_description
from .models import (
    BoardSequence,
    Idea,
    IdeaBoardPage,
    IdeaRevision,
    NotificationKind,
    TaggedIdea,
    Vote,
)
from .ranking import hot_rank_expression

logger = logging.getLogger(__name__)


def normalize_text(text: str) -> str:
    """Turn CRLF and CR line breaks into LF, then apply ``clean_typed_text``:
    no bidirectional controls, no spaces or invisible characters around.

    Browsers submit textarea line breaks as CRLF but count them as one
    character against ``maxlength``, so lengths are checked after this.
    """
    return clean_typed_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def check_can_view_board(
    user, board: IdeaBoardPage, request=None, restrictions=None
) -> None:
    """Raise ``board_not_found`` unless ``user`` may read the live ``board``.

    With a request, Wagtail's own privacy check applies (including page
    passwords stored in the session). Without one, as in a WebSocket
    consumer, password-protected boards are rejected. ``restrictions`` are
    the page's view restrictions when the caller already has them.
    """
    if not board.live or not permissions.can_read_board(user, board):
        raise IdeationError("board_not_found")
    if restrictions is None:
        restrictions = board.get_view_restrictions()
    for restriction in restrictions:
        if request is not None:
            allowed = restriction.accept_request(request)
        else:
            allowed = permissions.passes_view_restriction(user, restriction)
        if not allowed:
            raise IdeationError("board_not_found")


def get_board_for(user, board_id: int, request=None) -> IdeaBoardPage:
    """Return the live board page ``board_id`` that ``user`` may read."""
    board = IdeaBoardPage.objects.live().filter(pk=board_id).first()
    if board is None:
        raise IdeationError("board_not_found")
    board = board.specific
    check_can_view_board(user, board, request)
    return board


def get_board_by_key_for(user, board_key) -> IdeaBoardPage:
    """Return a live page of the board ``board_key`` that ``user`` may read.

    The page in the active language comes first; any other translation will
    do, because they all share the board's ideas. The page and its view
    restrictions come from this process's copy while no page changed
    (``board_lookup``); the permission checks run every time.
    """
    try:
        board, restrictions = board_lookup.find_board(board_key)
    except board_lookup.BoardNotFound:
        raise IdeationError("board_not_found") from None
    check_can_view_board(user, board, restrictions=restrictions)
    return board


def get_board_ideas_for(user, board: IdeaBoardPage):
    """Return the board's visible ideas, newest first, with ``voted_by_me``.

    Each idea carries its tag names (``Idea.tag_names``), read in the same
    query: the board needs them on every request for its cards' cache keys.
    """
    ideas = (
        Idea.objects.visible_to(user)
        .listed()
        .for_board(board.board_key)
        .select_related("author", "status", "category")
        .annotate(tag_names_json=tag_names_subquery())
    )
    if user.is_authenticated:
        ideas = ideas.annotate(
            voted_by_me=Exists(Vote.objects.filter(idea=OuterRef("pk"), user=user))
        )
    return ideas


class JSONGroupArray(models.Aggregate):
    """The values of a group as a JSON array, in text, on SQLite and PostgreSQL."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # The cast makes both backends return a string, whatever loader
        # psycopg has for the json type.
        return super().as_sql(
            compiler,
            connection,
            function="JSON_AGG",
            template="%(function)s(%(expressions)s)::text",
            **extra_context,
        )


def tag_names_subquery() -> Subquery:
    """Return the tag names of the outer query's idea as a JSON array, or NULL."""
    return Subquery(
        TaggedIdea.objects.filter(content_object=OuterRef("pk"))
        .order_by()
        .values("content_object")
        .annotate(names=JSONGroupArray("tag__name"))
        .values("names")
    )


def live_board_keys():
    """Return a subquery of the keys of the boards that have a live page.

    An unpublished or deleted board keeps its ideas, which lists of several
    boards must not show.
    """
    return IdeaBoardPage.objects.live().values("translation_key")


def get_latest_ideas_for(user, limit: int = 4):
    """Return the newest visible ideas of every board ``user`` may read."""
    ideas = (
        Idea.objects.visible_to(user)
        .listed()
        .filter(board_key__in=live_board_keys())
        .select_related("author")
    )
    restricted = permissions.restricted_board_keys(user)
    if restricted:
        ideas = ideas.exclude(board_key__in=restricted)
    return ideas[:limit]


def get_idea_for(user, idea_id: int) -> Idea:
    """Return a visible idea or raise ``IdeationError`` with code ``not_found``.

    ``voted_by_me`` is set on the returned idea.
    """
    try:
        idea = (
            Idea.objects.visible_to(user)
            .select_related("author", "status", "category", "merged_into")
            .get(pk=idea_id)
        )
    except Idea.DoesNotExist:
        raise IdeationError("not_found") from None
    idea.voted_by_me = (
        user.is_authenticated and Vote.objects.filter(idea=idea, user=user).exists()
    )
    return idea


def get_board_sequence(board_key) -> int:
    """Return the number of the board's last live message, 0 before the first.

    Read it before the ideas: a change committed in between then reaches the
    client twice (harmless, the state is absolute) rather than never.
    """
    value = (
        BoardSequence.objects.filter(board_key=board_key)
        .values_list("value", flat=True)
        .first()
    )
    return value or 0


def check_can_participate(user, board=None) -> None:
    if not user.is_authenticated:
        raise IdeationError("sign_in_required")
    if not user.is_active:
        raise IdeationError("forbidden")
    if board is not None and not permissions.can_take_part(user, board):
        raise IdeationError("forbidden")


def check_published(idea: Idea) -> None:
    """Raise ``awaiting_moderation`` for an idea that only its authors see.

    Votes, comments and reports would reach the board's other readers
    through live messages and notifications before a facilitator has read
    the idea.
    """
    if idea.awaiting_moderation:
        raise IdeationError("awaiting_moderation")


def check_idea_text(title: str, description: str) -> None:
    """Raise when the title is empty or either text is over its maximum length.

    The form runs the same checks; this guard also covers SQLite, which does
    not enforce ``max_length``.
    """
    if not title:
        raise IdeationError("title_required")
    if len(title) > settings.IDEA_TITLE_MAX_LENGTH:
        raise IdeationError("title_too_long", max_length=settings.IDEA_TITLE_MAX_LENGTH)
    if len(description) > settings.IDEA_DESCRIPTION_MAX_LENGTH:
        raise IdeationError(
            "description_too_long", max_length=settings.IDEA_DESCRIPTION_MAX_LENGTH
        )


def next_sequence(board_key) -> int:
    """Increment and return the board's message number, inside the caller's
    transaction so that numbers follow commit order.

    One ``UPDATE … RETURNING`` statement (PostgreSQL, and SQLite from 3.35)
    does it once the board has its row: every vote runs this.
    """
    value = _increment_returning(BoardSequence, "value", "board_key", board_key)
    if value is not None:
        return value
    BoardSequence.objects.get_or_create(board_key=board_key)
    return _increment_returning(BoardSequence, "value", "board_key", board_key)


def _increment_returning(model, field_name: str, key_name: str, key, step=1):
    """Add ``step`` to ``field_name`` of the ``model`` row whose ``key_name``
    is ``key``; return the new value, or None when no row matched."""
    meta = model._meta
    quote = connection.ops.quote_name
    column = quote(meta.get_field(field_name).column)
    key_field = meta.get_field(key_name)
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {column} = {column} + %s "
        f"WHERE {quote(key_field.column)} = %s RETURNING {column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [step, key_field.get_db_prep_value(key, connection)])
        row = cursor.fetchone()
    return None if row is None else row[0]


@dataclass(frozen=True)
class VoteResult:
    idea: Idea
    voted: bool
    vote_count: int
    changed: bool
    board: IdeaBoardPage | None = None
    rules: object = None


def post_idea(
    user,
    board: IdeaBoardPage,
    title: str,
    description: str,
    *,
    category=None,
    tags=(),
    attachment=None,
) -> Idea:
    """Create an idea on ``board`` and broadcast it after commit.

    The title is plain text; the description keeps its light formatting,
    sanitised into ``description_html``. On a pre-moderated challenge the
    idea waits hidden for a facilitator, and nothing is broadcast.
    """
    from .broadcast import broadcast_idea_posted
    from .challenges import get_rules
    from .notifications import follow, notify_facilitators

    board = board.specific
    check_can_participate(user, board)
    if not board.live:
        raise IdeationError("board_not_found")
    if not get_rules(board).posting:
        raise IdeationError("board_closed")
    title = normalize_text(title)
    description = normalize_text(description)
    check_idea_text(title, description)
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    pending = bool(getattr(board, "premoderation", False))
    with transaction.atomic():
        idea = Idea.objects.create(
            board_key=board.board_key,
            author=user,
            title=title,
            description=description,
            description_html=render_description(description),
            language=language,
            category=category,
            is_hidden=pending,
            awaiting_moderation=pending,
        )
        if tags:
            idea.tags.set(list(tags))
        if attachment:
            idea.save(update_fields=attachments.attach(idea, attachment))
        follow(user, idea)
        if pending:
            notify_facilitators(idea, board, NotificationKind.PENDING, actor=user)
        else:
            sequence = next_sequence(board.board_key)
            # robust: a channel layer failure is logged and must not turn the
            # committed change into an error page; clients catch up over HTTP.
            transaction.on_commit(
                lambda: broadcast_idea_posted(idea, sequence), robust=True
            )
    logger.info(
        "idea %s posted on board %s by user %s%s",
        idea.pk,
        board.pk,
        user.pk,
        " (awaiting moderation)" if pending else "",
    )
    return idea


def check_can_edit(user, idea: Idea, board: IdeaBoardPage) -> None:
    """Raise ``not_author`` unless ``user`` is in the idea's team, and
    ``editing_closed`` outside the submission phase or on a closed idea."""
    from .challenges import get_rules

    if not permissions.can_edit_idea(user, idea):
        raise IdeationError("not_author")
    if not get_rules(board).posting or idea.is_closed:
        raise IdeationError("editing_closed")


def edit_idea(user, idea_id: int, title: str, description: str, **fields) -> Idea:
    """Let an author change their idea during submission, keeping the old text.

    ``fields`` may hold ``category``, ``tags``, ``attachment`` (a new
    upload) and ``remove_attachment``.
    """
    check_can_participate(user)
    title = normalize_text(title)
    description = normalize_text(description)
    check_idea_text(title, description)
    with transaction.atomic():
        idea = get_idea_for(user, idea_id)
        board = get_board_by_key_for(user, idea.board_key)
        check_can_edit(user, idea, board)
        revision = IdeaRevision.objects.create(
            idea=idea, editor=user, title=idea.title, description=idea.description
        )
        idea.title = title
        idea.description = description
        idea.description_html = render_description(description)
        idea.updated_at = timezone.now()
        changed = ["title", "description", "description_html", "updated_at"]
        if "category" in fields:
            idea.category = fields["category"]
            changed.append("category")
        if fields.get("attachment"):
            changed += attachments.attach(idea, fields["attachment"])
        elif fields.get("remove_attachment"):
            changed += attachments.detach(idea)
        # Only the edited fields: a full save would write back the counts
        # read above and undo a vote or a comment committed meanwhile.
        idea.save(update_fields=changed)
        if "tags" in fields:
            idea.tags.set(list(fields["tags"]))
        if idea.author_id != user.pk:
            from .notifications import notify_person

            notify_person(idea.author, idea, NotificationKind.EDITED, revision=revision)
    logger.info(
        "idea %s edited by user %s (revision %s)", idea.pk, user.pk, revision.pk
    )
    return idea


def get_similar_ideas_for(user, board: IdeaBoardPage, title: str, limit: int = 5):
    """Return visible ideas of the board whose title shares words with ``title``.

    Words of three letters or fewer are ignored; the ideas sharing the most
    words come first.
    """
    words = {word.lower() for word in title.split() if len(word) > 3}
    if not words:
        return []
    query = Q()
    for word in list(words)[:8]:
        query |= Q(title__icontains=word)
    candidates = (
        Idea.objects.visible_to(user)
        .listed()
        .for_board(board.board_key)
        .filter(query)
        .only("pk", "title", "vote_count", "awaiting_moderation")[:50]
    )

    def shared_words(idea):
        return sum(1 for word in words if word in idea.title.lower())

    return sorted(candidates, key=shared_words, reverse=True)[:limit]


def set_vote(user, idea_id: int, voted: bool) -> VoteResult:
    """Add or remove the user's vote; asking for the current state changes nothing.

    The unique constraint on (idea, user) keeps one vote per person even when
    two requests race; the counter moves in the same transaction. Votes are
    frozen on closed ideas and outside the voting phase.
    """
    from .broadcast import broadcast_vote_count
    from .challenges import get_rules
    from .notifications import follow

    check_can_participate(user)
    with transaction.atomic():
        try:
            idea = (
                Idea.objects.published_to(user)
                .select_for_update(of=("self",))
                .get(pk=idea_id)
            )
        except Idea.DoesNotExist:
            # The author of an idea awaiting moderation gets the reason.
            if Idea.objects.visible_to(user).filter(pk=idea_id).exists():
                raise IdeationError("awaiting_moderation") from None
            raise IdeationError("not_found") from None
        board = get_board_by_key_for(user, idea.board_key)
        check_can_participate(user, board)
        rules = get_rules(board)
        if idea.is_closed:
            raise IdeationError("idea_closed")
        if not rules.voting:
            raise IdeationError("voting_closed")
        if voted:
            changed = _add_vote(idea, user)
            if changed:
                follow(user, idea)
        else:
            changed = _remove_vote(idea, user)
        if changed and not rules.counts_hidden:
            sequence = next_sequence(idea.board_key)
            count = idea.vote_count
            transaction.on_commit(
                lambda: broadcast_vote_count(idea.board_key, idea.pk, count, sequence),
                robust=True,
            )
    if changed:
        logger.info(
            "user %s %s idea %s, now %s votes",
            user.pk,
            "voted for" if voted else "withdrew the vote on",
            idea.pk,
            idea.vote_count,
        )
    idea.voted_by_me = voted
    return VoteResult(
        idea=idea,
        voted=voted,
        vote_count=idea.vote_count,
        changed=changed,
        board=board,
        rules=rules,
    )


def _add_vote(idea: Idea, user) -> bool:
    """Record the vote and move the counter; False when it already existed.

    ``idea`` is locked by the caller; its ``vote_count`` is set to the new
    value read back from the same statement.
    """
    if not _insert_vote(idea.pk, user.pk):
        return False
    idea.vote_count = _move_vote_count(idea.pk, 1)
    return True


def _insert_vote(idea_id: int, user_id: int) -> bool:
    """Insert a vote unless the person has one on the idea; return whether
    a row was inserted.

    ``ON CONFLICT DO NOTHING`` (PostgreSQL, and SQLite since 3.35) leaves the
    transaction usable after a duplicate in one statement, where a savepoint
    around ``Vote.objects.create`` took three.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("idea_id", "user_id", "created_at"))
    sql = (
        f"INSERT INTO {quote(Vote._meta.db_table)} ({columns}) VALUES (%s, %s, %s) "
        f"ON CONFLICT ({quote('idea_id')}, {quote('user_id')}) DO NOTHING "
        f"RETURNING {quote('id')}"
    )
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [idea_id, user_id, created_at])
        return cursor.fetchone() is not None


def _remove_vote(idea: Idea, user) -> bool:
    deleted, _detail = Vote.objects.filter(idea=idea, user=user).delete()
    if not deleted:
        return False
    idea.vote_count = _move_vote_count(idea.pk, -1)
    return True


def _move_vote_count(idea_id: int, step: int) -> int | None:
    """Add ``step`` to the idea's vote count and rank it again, in one
    ``UPDATE … RETURNING`` statement; return the new count.

    Every vote runs this, so the statement is compiled once per database
    and step, then reused with the idea's id (see ``_vote_count_statement``).
    """
    sql, params, id_position = _vote_count_statement(connection.alias, step)
    params = list(params)
    params[id_position] = idea_id
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


# A primary key that no idea has, to find where the id sits in the params.
_PLACEHOLDER_ID = -7_300_001
_vote_count_statements: dict[tuple[str, int], tuple[str, tuple, int]] = {}


def _vote_count_statement(alias: str, step: int) -> tuple[str, tuple, int]:
    """Return the SQL and parameters of ``_move_vote_count`` for ``step`` on
    database ``alias``, and the position of the idea's id in the parameters."""
    key = (alias, step)
    statement = _vote_count_statements.get(key)
    if statement is None:
        votes = F("vote_count") + step
        sql, params = _compile_idea_update(
            _PLACEHOLDER_ID,
            "vote_count",
            vote_count=votes,
            hot_rank=hot_rank_expression(votes, F("comment_count")),
        )
        positions = [i for i, value in enumerate(params) if value == _PLACEHOLDER_ID]
        if len(positions) != 1:
            raise RuntimeError(
                f"vote count statement: the idea id appears {len(positions)} "
                f"times in its parameters, expected once: {sql}"
            )
        statement = (sql, tuple(params), positions[0])
        _vote_count_statements[key] = statement
    return statement


def _compile_idea_update(idea_id: int, column: str, **values) -> tuple[str, list]:
    """Return the ``UPDATE … RETURNING column`` statement of ``values`` for
    idea ``idea_id``.

    Django's ``update()`` returns only a row count, so the statement is
    compiled the way ``update()`` compiles it and ``RETURNING`` (PostgreSQL,
    and SQLite from 3.35) is appended: a vote then costs one statement.
    """
    query = Idea.objects.filter(pk=idea_id).query.chain(UpdateQuery)
    query.add_update_values(values)
    sql, params = query.get_compiler(connection=connection).as_sql()
    returned = connection.ops.quote_name(Idea._meta.get_field(column).column)
    return f"{sql} RETURNING {returned}", list(params)


def change_comment_count(idea_id: int, step: int) -> None:
    """Add ``step`` to the idea's visible comment count and rank it again."""
    comments = F("comment_count") + step
    Idea.objects.filter(pk=idea_id).update(
        comment_count=comments,
        hot_rank=hot_rank_expression(F("vote_count"), comments),
    )


def recount(idea_id: int) -> None:
    """Set an idea's stored counters, and its rank, to a fresh count of its rows."""
    from .models import Comment

    votes = Vote.objects.filter(idea_id=idea_id).count()
    comments = Comment.objects.visible().filter(idea_id=idea_id).count()
    Idea.objects.filter(pk=idea_id).update(
        vote_count=votes,
        comment_count=comments,
        hot_rank=hot_rank_expression(votes, comments),
    )


class Sort(models.TextChoices):
    HOT = "hot", _("Trending")
    TOP = "top", _("Most votes")
    NEW = "new", _("Newest")
    DISCUSSED = "discussed", _("Most discussed")


# The leading columns of each order; ties go to the newest idea.
SORT_ORDERS = {
    Sort.HOT: ["-hot_rank"],
    Sort.TOP: ["-vote_count"],
    Sort.DISCUSSED: ["-comment_count"],
    Sort.NEW: [],
}


def filter_and_sort(ideas, *, q="", status=None, category=None, tag="", sort="hot"):
    """Apply the board's filters and order to the ``ideas`` queryset.

    Every order is computed by the database, with the newest idea first
    among equals, so the result can be sliced into pages.
    """
    if q:
        words = fold(q)
        ideas = ideas.alias(
            folded_title=Fold("title"), folded_description=Fold("description")
        ).filter(
            Q(folded_title__contains=words) | Q(folded_description__contains=words)
        )
    if status:
        ideas = ideas.filter(status_id=status)
    if category:
        ideas = ideas.filter(category_id=category)
    if tag:
        ideas = ideas.filter(tags__name__iexact=tag).distinct()
    leading = SORT_ORDERS.get(sort, SORT_ORDERS[Sort.HOT])
    return ideas.order_by(*leading, "-created_at", "-pk")
