"""Fragments that the board's live messages send to every watcher."""

import warnings

import pytest

from ideation.broadcast import render_idea_posted


# TODO: the vote form of the idea-card partial (idea_board_page.html) renders
# {% csrf_token %} with no request here, so DEBUG warns on every idea posted,
# seed_demo included. {% if csrf_token %}{% csrf_token %}{% endif %} fixes it,
# because htmx sends the page's token in the X-CSRFToken header set on <body>.
@pytest.mark.xfail(strict=True, reason="vote form renders csrf_token without one")
def test_idea_posted_renders_without_csrf_warning(settings, idea):
    settings.DEBUG = True

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html = render_idea_posted(idea, sequence=7, language="fr")

    messages = [str(warning.message) for warning in caught]
    assert f'id="idea-{idea.pk}"' in html
    assert not [text for text in messages if "csrf_token" in text]
