"""Search over ideas, with the same visibility rule as the board."""

from wagtail.search.backends import get_search_backend

from .models import Idea
from .permissions import restricted_board_keys, unreadable_board_keys
from .services import live_board_keys

# Results are filtered by board after the search backend answers, so it is
# asked for more than the limit.
OVERFETCH = 3


def search_ideas(user, query: str, language_code: str, limit: int = 20) -> list:
    """Return the ideas written in ``language_code`` that match ``query`` and
    that ``user`` may read: never hidden, never on a board closed to them."""
    ideas = (
        Idea.objects.visible()
        .listed()
        .filter(language=language_code, board_key__in=live_board_keys())
    )
    hidden_boards = {
        str(key)
        for key in unreadable_board_keys(user).values_list("translation_key", flat=True)
    }
    hidden_boards |= {str(key) for key in restricted_board_keys(user)}
    found = get_search_backend().search(query, ideas)[: limit * OVERFETCH]
    return [idea for idea in found if str(idea.board_key) not in hidden_boards][:limit]
