"""Fragments that the board's live messages send to every watcher."""

import warnings

from ideation.broadcast import render_idea_posted


def test_idea_posted_renders_without_csrf_warning(settings, idea):
    settings.DEBUG = True

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html = render_idea_posted(idea, sequence=7, language="fr")

    messages = [str(warning.message) for warning in caught]
    assert f'id="idea-{idea.pk}"' in html
    assert not [text for text in messages if "csrf_token" in text]


def test_live_card_hides_count_while_counts_hidden(facilitator, challenge):
    from ideation import challenges, services
    from ideation.broadcast import board_rules

    challenges.set_switches(facilitator, challenge, hide_vote_counts=True)
    idea = services.post_idea(facilitator, challenge, "Idée au vote secret", "")

    html = render_idea_posted(idea, 3, "fr", board_rules(challenge.board_key))

    assert f'id="idea-{idea.pk}-votes">0<' not in html
    assert "Idée au vote secret" in html


def test_live_card_shows_count_on_open_board(idea):
    from ideation.broadcast import board_rules

    html = render_idea_posted(idea, 3, "fr", board_rules(idea.board_key))

    assert f'id="idea-{idea.pk}-votes">0<' in html
