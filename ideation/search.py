"""Search over ideas, with the same visibility rule as the board."""

from .models import Idea


def search_ideas(user, query: str, language_code: str, limit: int = 20):
    ideas = Idea.objects.visible().filter(language=language_code)
    return list(ideas.search(query)[:limit])
